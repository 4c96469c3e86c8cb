//! What the two-action and the three-action round robins share: the order
//! of jobs, group labels, and the in-group / out-group statistics.

use super::config::PlayerSpec;
use super::outcome::{GroupStatistics, GroupSummary};

/// Number of jobs of a round robin of `n` players with self-play over
/// `repetitions` repetitions: one per pairing i <= j per repetition.
pub(crate) fn job_count(n: usize, repetitions: usize) -> usize {
    n * (n + 1) / 2 * repetitions
}

/// Number of matches of a round robin whose pair (i, j), i <= j, meets
/// when `plays(i, j)`, in both roles when also `both_roles(i, j)` (self-play
/// is always one match).
pub(crate) fn match_count(
    n: usize,
    repetitions: usize,
    plays: impl Fn(usize, usize) -> bool,
    both_roles: impl Fn(usize, usize) -> bool,
) -> usize {
    let per_rep: usize = (0..n)
        .map(|i| {
            (i..n)
                .filter(|&j| plays(i, j))
                .map(|j| 1 + usize::from(i != j && both_roles(i, j)))
                .sum::<usize>()
        })
        .sum();
    per_rep * repetitions
}

/// The job with index `k` among `n` players: (repetition, i, j),
/// repetition-major, then i, then j >= i.
pub(crate) fn job_indices(n: usize, k: usize) -> (usize, usize, usize) {
    let per_rep = n * (n + 1) / 2;
    let (rep, mut rest) = (k / per_rep, k % per_rep);
    let mut i = 0;
    while rest >= n - i {
        rest -= n - i;
        i += 1;
    }
    (rep, i, i + rest)
}

/// Each player's group index, groups numbered in order of first appearance
/// (unlabelled players share one group).
pub(crate) fn group_indices(players: &[PlayerSpec]) -> Vec<usize> {
    let mut labels: Vec<&str> = Vec::new();
    players
        .iter()
        .map(|p| {
            let g = p.side().unwrap_or("");
            labels.iter().position(|l| *l == g).unwrap_or_else(|| {
                labels.push(g);
                labels.len() - 1
            })
        })
        .collect()
}

/// Player names as tables show them: a strategy's name, followed by
/// ` [side]` when the same name plays for more than one side (so that a
/// strategy of the strong side and the same strategy of the weak side have
/// rows of their own names).
pub(crate) fn names_with_sides(names: Vec<String>, players: &[PlayerSpec]) -> Vec<String> {
    let shared = |k: usize| {
        (0..names.len()).any(|j| names[j] == names[k] && players[j].side() != players[k].side())
    };
    let qualify: Vec<bool> = (0..names.len()).map(shared).collect();
    names
        .into_iter()
        .zip(players)
        .zip(qualify)
        .map(|((name, p), q)| match (q, p.side()) {
            (true, Some(side)) => format!("{name} [{side}]"),
            _ => name,
        })
        .collect()
}

/// The side labels in the order of [`group_indices`] (`None` for unlabelled players).
pub(crate) fn side_labels(players: &[PlayerSpec]) -> Vec<Option<&str>> {
    let index = group_indices(players);
    let sides = index.iter().max().map_or(0, |m| m + 1);
    (0..sides)
        .map(|g| {
            players[index
                .iter()
                .position(|&x| x == g)
                .expect("every index has a player")]
            .side()
        })
        .collect()
}

/// Mutable references to two different elements of `v`.
pub(crate) fn pick_two<T>(v: &mut [T], a: usize, b: usize) -> (&mut T, &mut T) {
    assert_ne!(a, b);
    if a < b {
        let (lo, hi) = v.split_at_mut(b);
        (&mut lo[a], &mut hi[0])
    } else {
        let (lo, hi) = v.split_at_mut(a);
        (&mut hi[0], &mut lo[b])
    }
}

/// A ratio statistic of the pair (i, j): its numerator and denominator, so
/// that pairs pool as sum(numerators) / sum(denominators).
pub(crate) type PairRatio<'a> = &'a dyn Fn(usize, usize) -> (f64, f64);

/// In-group and out-group statistics per player and per group (self-play
/// left out), from the pair statistics `payoff` and `cooperation`, and each
/// group's defection causes, the sum of its members' `causes`; `None` when no
/// player has a group label.
pub(crate) fn group_statistics(
    players: &[PlayerSpec],
    group_index: &[usize],
    payoff: PairRatio<'_>,
    cooperation: PairRatio<'_>,
    causes: &dyn Fn(usize) -> [u64; 3],
) -> Option<GroupStatistics> {
    if players.iter().all(|p| p.side().is_none()) {
        return None;
    }
    let n = players.len();
    let label = |i: usize| players[i].side().unwrap_or("").to_string();
    let pairs = |members: &[usize], inside: bool| -> Vec<(usize, usize)> {
        members
            .iter()
            .flat_map(|&i| {
                (0..n)
                    .filter(move |&j| j != i && (group_index[i] == group_index[j]) == inside)
                    .map(move |j| (i, j))
            })
            .collect()
    };
    let pooled = |pairs: &[(usize, usize)], f: PairRatio<'_>| {
        let (mut num, mut den) = (0.0, 0.0);
        for &(i, j) in pairs {
            let (a, b) = f(i, j);
            num += a;
            den += b;
        }
        (den > 0.0).then(|| num / den)
    };
    let per_player = |inside: bool, f: PairRatio<'_>| -> Vec<Option<f64>> {
        (0..n).map(|i| pooled(&pairs(&[i], inside), f)).collect()
    };
    let groups = group_index.iter().max().map_or(0, |g| g + 1);
    let summary = (0..groups)
        .map(|g| {
            let members: Vec<usize> = (0..n).filter(|&i| group_index[i] == g).collect();
            let (inside, across) = (pairs(&members, true), pairs(&members, false));
            GroupSummary {
                group: label(members[0]),
                in_group_payoff: pooled(&inside, payoff),
                out_group_payoff: pooled(&across, payoff),
                in_group_cooperation: pooled(&inside, cooperation),
                out_group_cooperation: pooled(&across, cooperation),
                defection_causes: members.iter().fold([0; 3], |mut acc, &i| {
                    for (a, c) in acc.iter_mut().zip(causes(i)) {
                        *a += c;
                    }
                    acc
                }),
                members,
            }
        })
        .collect();
    Some(GroupStatistics {
        groups: (0..n).map(label).collect(),
        in_group_payoff: per_player(true, payoff),
        out_group_payoff: per_player(false, payoff),
        in_group_cooperation: per_player(true, cooperation),
        out_group_cooperation: per_player(false, cooperation),
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_enumerate_every_pairing_once_per_repetition() {
        let n = 5;
        let all: Vec<_> = (0..job_count(n, 2)).map(|k| job_indices(n, k)).collect();
        assert_eq!(all.len(), 30);
        assert_eq!(all[0], (0, 0, 0));
        assert_eq!(all[4], (0, 0, 4));
        assert_eq!(all[5], (0, 1, 1));
        assert_eq!(all[15], (1, 0, 0));
        let mut seen = std::collections::BTreeSet::new();
        for &(rep, i, j) in &all {
            assert!(i <= j && j < n);
            assert!(seen.insert((rep, i, j)));
        }
    }
}
