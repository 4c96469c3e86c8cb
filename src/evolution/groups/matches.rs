//! The payoff table of group strategies from iterated group matches
//! (docs/model.md §20.8), played in parallel and added in job order.

use super::payoffs::GroupPayoffs;
use crate::error::Result;
use crate::learning::compositions;
use crate::parallel::{for_each_ordered, pool};
use crate::tournament::groups::GroupTournament;

/// `Π_i(k)` for every composition of the tournament's field in groups of its
/// group size: the mean, over repetitions, rotations (when seats differ)
/// and the seats `i` holds, of the seat's payoff per turn. Job `c + C r` is
/// composition `c` in repetition `r`; the table does not depend on the
/// thread count. `progress(jobs done)` is called now and then.
///
/// # Errors
/// A bad thread count; a match's error.
pub fn payoffs_from_matches(
    tournament: &GroupTournament,
    threads: Option<usize>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<GroupPayoffs> {
    let config = tournament.config();
    let (m, n) = (tournament.names().len(), config.group_size);
    let all = compositions(n, m);
    let count = all.len();
    let total = count * config.repetitions as usize;
    let rotations = tournament.rotations();
    // sums[c][i], seats[c][i]: payoff per turn added up, and seats counted.
    let mut sums = vec![vec![0.0; m]; count];
    let mut seats = vec![vec![0u64; m]; count];
    pool(threads)?.install(|| {
        for_each_ordered(
            true,
            total,
            || (),
            |_, job| -> Result<Vec<(usize, f64)>> {
                let (c, rep) = (job % count, job / count);
                let mut sitting: Vec<usize> = Vec::with_capacity(n);
                for (j, &kj) in all[c].iter().enumerate() {
                    sitting.extend(std::iter::repeat_n(j, kj));
                }
                let mut out = Vec::with_capacity(n * rotations);
                for t in 0..rotations {
                    let seating: Vec<usize> = (0..n).map(|s| sitting[(s + t) % n]).collect();
                    let r = tournament.play_seating(&seating, rep as u64)?;
                    for (s, &p) in seating.iter().enumerate() {
                        let per_turn = if r.turns > 0 {
                            r.scores[s] / r.turns as f64
                        } else {
                            0.0
                        };
                        out.push((p, per_turn));
                    }
                }
                Ok(out)
            },
            &mut |job: usize, seated: Vec<(usize, f64)>| {
                let c = job % count;
                for (p, v) in seated {
                    sums[c][p] += v;
                    seats[c][p] += 1;
                }
                if (job + 1) % 64 == 0 || job + 1 == total {
                    progress(job + 1);
                }
                Ok(())
            },
        )
    })?;
    let index = |k: &[usize]| all.binary_search_by(|t| k.cmp(t)).expect("a composition");
    GroupPayoffs::from_fn(tournament.names().to_vec(), n, |k, i| {
        let c = index(k);
        sums[c][i] / seats[c][i] as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::nplayer_catalogue;
    use crate::tournament::groups::{GroupGameSpec, GroupTournamentConfig};
    use std::collections::BTreeMap;

    fn config(players: &[&str], n: usize, turns: u64) -> GroupTournamentConfig {
        GroupTournamentConfig {
            players: players.iter().map(|s| s.to_string()).collect(),
            group_size: n,
            turns,
            repetitions: 2,
            game: GroupGameSpec::Catalogue {
                name: "public_goods".into(),
                params: BTreeMap::from([("r".to_string(), 3.0)]),
            },
            ..GroupTournamentConfig::default()
        }
    }

    #[test]
    fn unconditional_players_earn_the_stage_payoffs() {
        // Cooperator and Defector in groups of 4 repeat the stage game.
        let t =
            GroupTournament::with_repetition(config(&["Cooperator", "Defector"], 4, 7)).unwrap();
        let played = payoffs_from_matches(&t, Some(1), &mut |_| {}).unwrap();
        let stage = GroupPayoffs::from_stage(
            &nplayer_catalogue::by_name("public_goods", &[("n".into(), 4.0), ("r".into(), 3.0)])
                .unwrap(),
        )
        .unwrap();
        for c in 0..played.compositions().len() {
            for (a, b) in played.row(c).iter().zip(stage.row(c)) {
                assert!(
                    (a - b).abs() < 1e-12 || (a.is_nan() && b.is_nan()),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn tft_against_a_defector_and_thread_counts() {
        // 2 TFT (all) + 1 Defector, 10 turns, public goods n = 3, r = 3
        // (c = 1): turn 1 the TFTs contribute (each gets 2 - 1 = 1, the
        // defector 2), then nobody does (0 each). Per turn: TFT 0.1,
        // Defector 0.2.
        let mut c = config(&["TFT (all)", "Defector", "Cooperator"], 3, 10);
        c.noise = 0.0;
        let t = GroupTournament::with_repetition(c.clone()).unwrap();
        let p = payoffs_from_matches(&t, Some(1), &mut |_| {}).unwrap();
        assert!((p.payoff(0, &[2, 1, 0]) - 0.1).abs() < 1e-12);
        assert!((p.payoff(1, &[2, 1, 0]) - 0.2).abs() < 1e-12);
        assert_eq!(p.compositions().len(), 10);
        c.noise = 0.05;
        let t = GroupTournament::with_repetition(c).unwrap();
        let one = payoffs_from_matches(&t, Some(1), &mut |_| {}).unwrap();
        let two = payoffs_from_matches(&t, Some(2), &mut |_| {}).unwrap();
        for c in 0..one.compositions().len() {
            for (a, b) in one.row(c).iter().zip(two.row(c)) {
                assert!(a.to_bits() == b.to_bits(), "{a} {b}");
            }
        }
    }
}
