//! Expected payoffs against mixed strategies, by contracting a payoff array
//! with the other players' strategies one axis at a time.
//!
//! Contracting the axes of an array of `P` entries costs `O(P)` arithmetic
//! operations in all (each contraction shrinks the array by that player's
//! number of actions), against `O(P n)` for summing every profile's
//! probability-weighted payoff.

use super::NPlayerGame;

/// A reusable workspace for contractions: holds one buffer as large as the
/// largest array contracted, so that repeated evaluations (in a solver's
/// inner loop) allocate nothing.
#[derive(Debug, Clone, Default)]
pub struct Contraction {
    buf: Vec<f64>,
}

impl Contraction {
    /// A workspace sized for `game`.
    pub fn new(game: &NPlayerGame) -> Self {
        Contraction {
            buf: Vec::with_capacity(game.num_profiles()),
        }
    }

    /// The expected payoff of each of `player`'s actions when every other
    /// player `j` plays `profile[j]` (`profile[player]` is not read).
    ///
    /// # Panics
    /// If `profile` does not hold one strategy per player of the right length.
    pub fn action_payoffs<S: AsRef<[f64]>>(
        &mut self,
        game: &NPlayerGame,
        player: usize,
        profile: &[S],
    ) -> &[f64] {
        self.contract(game.flat_payoffs(player), game.shape(), profile, |axis| {
            axis == player
        })
    }

    /// `player`'s expected payoff at each pair of actions of `player` and
    /// `other` (`player != other`) when everyone else plays `profile`: the
    /// result is row-major over the two axes in player order, so entry
    /// `(a, b)` is at `a * shape[other] + b` when `player < other` and at
    /// `b * shape[player] + a` otherwise.
    ///
    /// # Panics
    /// As [`Contraction::action_payoffs`].
    pub fn pair_payoffs<S: AsRef<[f64]>>(
        &mut self,
        game: &NPlayerGame,
        player: usize,
        other: usize,
        profile: &[S],
    ) -> &[f64] {
        self.contract(game.flat_payoffs(player), game.shape(), profile, |axis| {
            axis == player || axis == other
        })
    }

    /// Contracts the row-major array `values` of shape `shape` with
    /// `profile[axis]` along every axis for which `keep(axis)` is false; the
    /// result is the array over the kept axes, row-major in axis order.
    ///
    /// # Panics
    /// If `values.len()` is not the product of `shape`, or a contracted
    /// axis's strategy has the wrong length.
    pub fn contract<S: AsRef<[f64]>>(
        &mut self,
        values: &[f64],
        shape: &[usize],
        profile: &[S],
        keep: impl Fn(usize) -> bool,
    ) -> &[f64] {
        assert_eq!(values.len(), shape.iter().product::<usize>(), "array size");
        self.buf.clear();
        self.buf.extend_from_slice(values);
        let mut len = values.len();
        // Product of the kept axes after the current one.
        let mut inner = 1;
        for axis in (0..shape.len()).rev() {
            let d = shape[axis];
            if keep(axis) {
                inner *= d;
                continue;
            }
            let s = profile[axis].as_ref();
            assert_eq!(s.len(), d, "player {}'s strategy length", axis + 1);
            let outer = len / (d * inner);
            // In place: entry (o, i) is written after every source of it
            // and of the entries before it has been read.
            for o in 0..outer {
                for i in 0..inner {
                    let base = o * d * inner + i;
                    let mut acc = 0.0;
                    for (a, &p) in s.iter().enumerate() {
                        acc += p * self.buf[base + a * inner];
                    }
                    self.buf[o * inner + i] = acc;
                }
            }
            len = outer * inner;
        }
        &self.buf[..len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Player `i`'s payoff: 100 i + 10 a_1 + ... a weighted code of the
    /// profile, so every contraction is easy to check by hand.
    fn coded() -> NPlayerGame {
        NPlayerGame::from_fn(&[2, 3, 2], |a| {
            (0..3)
                .map(|i| 100.0 * i as f64 + 9.0 * a[0] as f64 + 3.0 * a[1] as f64 + a[2] as f64)
                .collect()
        })
        .unwrap()
    }

    #[test]
    fn contracts_every_axis_but_the_players() {
        let g = coded();
        let p = vec![vec![0.25, 0.75], vec![0.5, 0.0, 0.5], vec![1.0, 0.0]];
        let mut c = Contraction::new(&g);
        // Player 2 (index 1): 100 + 9 * 0.75 + 3 a + 0.
        let u = c.action_payoffs(&g, 1, &p).to_vec();
        assert_eq!(u, vec![106.75, 109.75, 112.75]);
        // Player 1: 9 a + 3 * 1 + 0.
        assert_eq!(c.action_payoffs(&g, 0, &p), &[3.0, 12.0]);
        // Player 3: 200 + 6.75 + 3 + a.
        assert_eq!(c.action_payoffs(&g, 2, &p), &[209.75, 210.75]);
        // Pair (player 3, player 1): entry (a_1, a_3) at a_1 * 2 + a_3.
        let w = c.pair_payoffs(&g, 2, 0, &p).to_vec();
        assert_eq!(w, vec![203.0, 204.0, 212.0, 213.0]);
        assert_eq!(g.expected_payoffs(&p)[0], 0.25 * 3.0 + 0.75 * 12.0);
    }
}
