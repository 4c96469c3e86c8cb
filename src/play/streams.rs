//! Seeds and random streams of a match (docs/model.md §8.5, §8.6).

use crate::strategy::MatchRng;
use rand::SeedableRng;

/// SplitMix64: the output for state `x` (Steele, Lea and Flood 2014).
#[inline]
pub const fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of the match between players `i` and `j` in repetition
/// `repetition` of a tournament with seed `seed`:
///
/// `h = splitmix64(seed); h = splitmix64(h ^ i); h = splitmix64(h ^ j);
/// h = splitmix64(h ^ repetition)`, where `splitmix64(x)` is the SplitMix64
/// output for state `x` (add the golden gamma `0x9E3779B97F4A7C15`, then the
/// two xor-shift-multiply rounds). The order of `i` and `j` matters.
pub const fn match_seed(seed: u64, i: u64, j: u64, repetition: u64) -> u64 {
    let mut h = splitmix64(seed);
    h = splitmix64(h ^ i);
    h = splitmix64(h ^ j);
    splitmix64(h ^ repetition)
}

/// The seed of the match of the players `players` (field indices, in seat
/// order) in repetition `repetition` of a tournament of groups with seed
/// `seed` (docs/model.md §20.6): `h = splitmix64(seed)`, then
/// `h = splitmix64(h ^ p)` for each player p in order, then
/// `splitmix64(h ^ repetition)`. For two players it is [`match_seed`].
pub fn group_seed(seed: u64, players: &[u64], repetition: u64) -> u64 {
    let mut h = splitmix64(seed);
    for &p in players {
        h = splitmix64(h ^ p);
    }
    splitmix64(h ^ repetition)
}

/// The seed of replicate `k` of a run with seed `seed`: `seed` for `k = 0`,
/// else `splitmix64(seed ^ splitmix64(k))` (docs/model.md §14), so that the replicates of two nearby seeds do not
/// overlap.
pub const fn replicate_seed(seed: u64, k: u64) -> u64 {
    if k == 0 {
        seed
    } else {
        splitmix64(seed ^ splitmix64(k))
    }
}

/// The ChaCha8 key for a match seed: four successive SplitMix64 outputs,
/// little-endian.
fn key_for(seed: u64) -> [u8; 32] {
    let mut key = [0u8; 32];
    let mut state = seed;
    for chunk in key.chunks_exact_mut(8) {
        chunk.copy_from_slice(&splitmix64(state).to_le_bytes());
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    }
    key
}

/// The three random streams of a match: the environment's and the two
/// players' (see the [module documentation](crate::play)).
pub fn match_streams(seed: u64) -> [MatchRng; 3] {
    let key = key_for(seed);
    std::array::from_fn(|k| {
        let mut rng = MatchRng::from_seed(key);
        rng.set_stream(k as u64);
        rng
    })
}

/// `count` random streams on the key of `seed` (nonces 0..count): the
/// environment's and one per player of a match among `count - 1` players.
/// The first three are [`match_streams`]'s.
pub fn group_streams(seed: u64, count: usize) -> Vec<MatchRng> {
    let key = key_for(seed);
    (0..count)
        .map(|k| {
            let mut rng = MatchRng::from_seed(key);
            rng.set_stream(k as u64);
            rng
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_seeds_and_streams_extend_the_two_player_ones() {
        use rand::Rng;
        assert_eq!(group_seed(7, &[3, 5], 2), match_seed(7, 3, 5, 2));
        assert_ne!(group_seed(7, &[3, 5, 6], 2), group_seed(7, &[3, 6, 5], 2));
        let mut two = match_streams(11);
        let mut many = group_streams(11, 5);
        for k in 0..3 {
            assert_eq!(two[k].next_u64(), many[k].next_u64());
        }
        assert_ne!(many[3].next_u64(), many[4].next_u64());
    }

    #[test]
    fn match_seeds_depend_on_every_part() {
        let s = match_seed(1, 2, 3, 4);
        assert_ne!(s, match_seed(1, 3, 2, 4));
        assert_ne!(s, match_seed(1, 2, 3, 5));
        assert_ne!(s, match_seed(2, 2, 3, 4));
        assert_eq!(s, match_seed(1, 2, 3, 4));
    }
}
