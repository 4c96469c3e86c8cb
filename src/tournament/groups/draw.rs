//! Which groups play: every combination, or a seeded sample
//! (docs/model.md §20.6).

use crate::play::group_streams;
use crate::strategy::unit_f64;

/// C(m, n), saturating at `u64::MAX`.
pub fn combinations(m: usize, n: usize) -> u64 {
    if n > m {
        return 0;
    }
    let n = n.min(m - n) as u128;
    let mut c: u128 = 1;
    for k in 0..n {
        c = c * (m as u128 - k) / (k + 1);
        if c > u64::MAX as u128 {
            return u64::MAX;
        }
    }
    c as u64
}

/// Every n-subset of `0..m`, in lexicographic order.
pub fn all_groups(m: usize, n: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if n > m || n == 0 {
        return out;
    }
    let mut g: Vec<usize> = (0..n).collect();
    loop {
        out.push(g.clone());
        // The rightmost position that can still move right.
        let Some(k) = (0..n).rev().find(|&k| g[k] < m - n + k) else {
            return out;
        };
        g[k] += 1;
        for j in k + 1..n {
            g[j] = g[j - 1] + 1;
        }
    }
}

/// `count` n-subsets of `0..m`, each drawn uniformly by Floyd's algorithm
/// from one ChaCha8 stream of `seed` (sorted; groups may repeat).
pub fn sampled_groups(m: usize, n: usize, count: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = group_streams(seed, 1).remove(0);
    (0..count)
        .map(|_| {
            let mut chosen: Vec<usize> = Vec::with_capacity(n);
            for j in m - n..m {
                // A uniform integer in 0..=j.
                let t = ((unit_f64(&mut rng) * (j + 1) as f64) as usize).min(j);
                chosen.push(if chosen.contains(&t) { j } else { t });
            }
            chosen.sort_unstable();
            chosen
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_groups_are_the_combinations_in_order() {
        assert_eq!(combinations(20, 3), 1140);
        assert_eq!(combinations(5, 0), 1);
        assert_eq!(combinations(3, 4), 0);
        assert_eq!(combinations(200, 100), u64::MAX);
        let g = all_groups(4, 2);
        assert_eq!(
            g,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        assert_eq!(all_groups(20, 3).len(), 1140);
        assert_eq!(all_groups(3, 3), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn samples_are_seeded_subsets_near_uniform() {
        let s = sampled_groups(10, 3, 6000, 4);
        assert_eq!(s, sampled_groups(10, 3, 6000, 4));
        assert_ne!(s, sampled_groups(10, 3, 6000, 5));
        let mut counts = [0usize; 10];
        for g in &s {
            assert!(g.windows(2).all(|w| w[0] < w[1]) && g[2] < 10);
            for &x in g {
                counts[x] += 1;
            }
        }
        // Each player is in 3/10 of the groups: 1800 expected, sd about 35.
        assert!(
            counts.iter().all(|&c| (1600..2000).contains(&c)),
            "{counts:?}"
        );
    }
}
