//! The match loop of n players (docs/model.md §20.5).

use super::rules::GroupRules;
use super::stage::GroupGame;
use super::strategy::GroupPlayer;
use super::view::{SeatInfo, View};
use crate::action::Action;
use crate::error::{Error, Result};
use crate::play::engine::length;
use crate::play::streams::group_streams;
use crate::play::Alphabet;
use serde::Serialize;

/// The outcome of one n-player match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupOutcome {
    /// Turns played.
    pub turns: u64,
    /// Each seat's total payoff (Σ over turns of its stage payoff at the
    /// real profile).
    pub scores: Vec<f64>,
    /// Each seat's cooperations (restraints), real moves.
    pub cooperations: Vec<u64>,
    /// Turns at each real profile, by profile index ([`GroupGame`]).
    pub profiles: Vec<u64>,
    /// Every seat's real moves, when recorded.
    pub moves: Option<Vec<Vec<Action>>>,
}

impl GroupOutcome {
    /// Turns in which seats `i` and `l` both defected (armed), and turns in
    /// which exactly one of them did (docs/model.md §20.7).
    pub fn joint_defections(&self, i: usize, l: usize) -> (u64, u64) {
        let n = self.scores.len();
        let (bi, bl) = (n - 1 - i, n - 1 - l);
        let mut both = 0;
        let mut one = 0;
        for (idx, &c) in self.profiles.iter().enumerate() {
            match ((idx >> bi) & 1, (idx >> bl) & 1) {
                (1, 1) => both += c,
                (1, 0) | (0, 1) => one += c,
                _ => {}
            }
        }
        (both, one)
    }
}

/// What seat `k` knows of the match: every seat's action noise, its own
/// perception of each, and its payoffs with every other seat playing alike.
fn seat_info(game: &GroupGame, rules: &GroupRules, k: usize) -> SeatInfo {
    let n = game.players();
    let own = 1usize << (n - 1 - k);
    let others_d = ((1usize << n) - 1) & !own;
    SeatInfo {
        noise: rules.noise.clone(),
        perception: rules.perception[k].clone(),
        rstp: [
            game.payoff(k, 0),
            game.payoff(k, others_d),
            game.payoff(k, own),
            game.payoff(k, others_d | own),
        ],
    }
}

/// Plays one match of `players` (seat order) on `game` under `rules` with
/// the random streams of `seed`: stream 0 the environment's, stream k + 1
/// seat k's. Every player is reset first.
///
/// # Errors
/// [`Error::Config`] when the number of players, the game's and the rules'
/// differ; the rules' own checks ([`GroupRules::validate`]).
pub fn play_group(
    players: &mut [GroupPlayer],
    game: &GroupGame,
    rules: &GroupRules,
    seed: u64,
) -> Result<GroupOutcome> {
    let n = players.len();
    if game.players() != n || rules.players() != n {
        return Err(Error::Config {
            field: "players".into(),
            message: format!(
                "{n} players for a {}-player game under rules for {}",
                game.players(),
                rules.players()
            ),
        });
    }
    rules.validate()?;
    let mut streams = group_streams(seed, n + 1);
    let (env, own) = streams.split_first_mut().expect("n + 1 streams");
    let turns = length(rules.length, env);
    players.iter_mut().for_each(GroupPlayer::reset);
    let infos: Vec<SeatInfo> = (0..n).map(|k| seat_info(game, rules, k)).collect();
    let mut profiles = vec![0u64; 1 << n];
    // seen[k * n + l]: what seat k perceived of seat l last turn.
    let mut seen = vec![Action::C; n * n];
    let mut real = vec![Action::C; n];
    let mut moves = rules
        .record_moves
        .then(|| vec![Vec::with_capacity(turns.min(1 << 20) as usize); n]);
    for t in 0..turns {
        for (k, player) in players.iter_mut().enumerate() {
            let view = View {
                seat: k,
                turn: t,
                last: (t > 0).then(|| &seen[k * n..(k + 1) * n]),
                allies: game.allies(k),
                info: &infos[k],
                game,
            };
            real[k] = player.next_action(&view, &mut own[k]);
        }
        for (a, &e) in real.iter_mut().zip(&rules.noise) {
            if e > 0.0 {
                *a = a.tremble(e, env);
            }
        }
        let mut idx = 0;
        for &a in &real {
            idx = (idx << 1) | a.index();
        }
        profiles[idx] += 1;
        for k in 0..n {
            for l in 0..n {
                seen[k * n + l] = if k == l {
                    real[l]
                } else {
                    real[l].seen_by(&rules.perception[k][l], env)
                };
            }
        }
        if let Some(m) = &mut moves {
            for (record, &a) in m.iter_mut().zip(&real) {
                record.push(a);
            }
        }
    }
    let mut scores = vec![0.0; n];
    let mut cooperations = vec![0u64; n];
    for (idx, &c) in profiles.iter().enumerate() {
        if c == 0 {
            continue;
        }
        for k in 0..n {
            scores[k] += c as f64 * game.payoff(k, idx);
            if (idx >> (n - 1 - k)) & 1 == 0 {
                cooperations[k] += c;
            }
        }
    }
    Ok(GroupOutcome {
        turns,
        scores,
        cooperations,
        profiles,
        moves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::nplayer_catalogue::{n_prisoners_dilemma, public_goods};
    use crate::game::NPlayerGame;
    use crate::play::group::GroupRule;
    use crate::play::{play_match, MatchConfig, Perception, StageGame};
    use crate::strategy::Registry;
    use Action::{C, D};

    fn seat(rules: &[GroupRule]) -> Vec<GroupPlayer> {
        rules.iter().cloned().map(GroupPlayer::new).collect()
    }

    #[test]
    fn a_hand_computed_public_goods_match() {
        // Public goods, n = 3, r = 2, c = 1: a contributor gets 2 (k + 1) / 3 - 1,
        // a free rider 2 k / 3 (k: contributing others).
        let g = GroupGame::new(&public_goods(3, 2.0, 1.0).unwrap().to_game().unwrap()).unwrap();
        let mut p = seat(&[
            GroupRule::TftAll,
            GroupRule::Cooperator,
            GroupRule::Defector,
        ]);
        let r = play_group(&mut p, &g, &GroupRules::turns(4, 3).recording(true), 1).unwrap();
        let m = r.moves.as_ref().unwrap();
        assert_eq!(m[0], vec![C, D, D, D]);
        assert_eq!(m[1], vec![C, C, C, C]);
        assert_eq!(m[2], vec![D, D, D, D]);
        // Turn 1: two contributors; turns 2-4: one (the Cooperator).
        let (t1_c, t1_d) = (2.0 * 2.0 / 3.0 - 1.0, 2.0 * 2.0 / 3.0);
        let (later_c, later_d) = (2.0 / 3.0 - 1.0, 2.0 / 3.0);
        assert!((r.scores[0] - (t1_c + 3.0 * later_d)).abs() < 1e-12);
        assert!((r.scores[1] - (t1_c + 3.0 * later_c)).abs() < 1e-12);
        assert!((r.scores[2] - (t1_d + 3.0 * later_d)).abs() < 1e-12);
        assert_eq!(r.cooperations, vec![1, 4, 0]);
        // Profiles: CCD once (index 0b001), DCD three times (0b101).
        assert_eq!(r.profiles[0b001], 1);
        assert_eq!(r.profiles[0b101], 3);
        assert_eq!(r.joint_defections(0, 2), (3, 1));
    }

    #[test]
    fn wsls_and_grim_in_a_prisoners_dilemma_of_three() {
        // WSLS (all-or-none) against Grim and a Defector: turn 1 C C D;
        // then WSLS sees a split profile and defects; Grim defects for good.
        let g =
            GroupGame::new(&n_prisoners_dilemma(3, 3.0, 1.0).unwrap().to_game().unwrap()).unwrap();
        let mut p = seat(&[GroupRule::Wsls, GroupRule::Grim, GroupRule::Defector]);
        let r = play_group(&mut p, &g, &GroupRules::turns(4, 3).recording(true), 0).unwrap();
        let m = r.moves.unwrap();
        assert_eq!(m[0], vec![C, D, C, D]);
        assert_eq!(m[1], vec![C, D, D, D]);
        // WSLS: turn 3 follows the unanimous D D D of turn 2.
        // Scores: b/(n-1) = 1.5 per cooperating other, -1 for cooperating.
        assert_eq!(r.scores[2], 1.5 * 2.0 + 0.0 + 1.5 + 0.0);
        assert_eq!(r.scores[0], (1.5 - 1.0) + 0.0 + (-1.0) + 0.0);
    }

    #[test]
    fn two_players_match_the_two_player_engine() {
        // With two seats the streams and draw order are those of the
        // two-player engine: same profiles and scores under both noises, for
        // the n-player rules and the security rules lifted to groups, in a
        // prisoner's dilemma and in a stag hunt (the Bayesian Truster's
        // threshold differs).
        let pd = crate::game::catalogue::prisoners_dilemma_default();
        let stag = crate::game::catalogue::stag_hunt(4.0, 0.0, 3.0, 2.0).unwrap();
        let registry = Registry::builtin();
        let pairs = [
            (
                [GroupRule::TftAll, GroupRule::Grim],
                ["Tit For Tat", "Grudger"],
            ),
            (
                [GroupRule::Wsls, GroupRule::Defector],
                ["Win-Stay Lose-Shift", "Defector"],
            ),
            (
                [
                    GroupRule::Paranoid,
                    GroupRule::BayesianTruster { prior: 0.75 },
                ],
                ["Paranoid", "Bayesian Truster"],
            ),
            (
                [
                    GroupRule::SpiralReciprocator { gamma: 0.3 },
                    GroupRule::DeterrenceHardliner,
                ],
                ["Spiral Reciprocator(0.3)", "Deterrence Hard-liner"],
            ),
            (
                [
                    GroupRule::Reassurer,
                    GroupRule::BayesianTruster { prior: 0.6 },
                ],
                ["Reassurer", "Bayesian Truster(0.6)"],
            ),
            (
                [GroupRule::Paranoid, GroupRule::Random { p: 0.7 }],
                ["Paranoid", "Random(0.7)"],
            ),
            (
                [
                    GroupRule::NoiseFilteredReciprocator,
                    GroupRule::RelativeGainsMaximiser,
                ],
                ["Noise-Filtered Reciprocator", "Relative-Gains Maximiser"],
            ),
            (
                [
                    GroupRule::NoiseFilteredReciprocator,
                    GroupRule::Random { p: 0.8 },
                ],
                ["Noise-Filtered Reciprocator", "Random(0.8)"],
            ),
            (
                [GroupRule::RelativeGainsMaximiser, GroupRule::Paranoid],
                ["Relative-Gains Maximiser", "Paranoid"],
            ),
        ];
        let mut differ = 0;
        for matrix in [&pd, &stag] {
            let g = GroupGame::new(&NPlayerGame::from_matrix_game(matrix)).unwrap();
            let stage = StageGame::from_game(matrix).unwrap();
            for (ours, theirs) in &pairs {
                for seed in 0..5 {
                    let mut rules = GroupRules::turns(200, 2).with_noise(0.05);
                    rules.perception[0][1] = Perception {
                        c_as_d: 0.1,
                        d_as_c: 0.02,
                    };
                    let mut p = seat(ours);
                    let r = play_group(&mut p, &g, &rules, seed).unwrap();
                    let cfg = MatchConfig::turns(200).with_noise(0.05).with_perception(
                        Perception {
                            c_as_d: 0.1,
                            d_as_c: 0.02,
                        },
                        Perception::symmetric(0.0),
                    );
                    let (mut a, mut b) = (
                        registry.create(theirs[0]).unwrap(),
                        registry.create(theirs[1]).unwrap(),
                    );
                    let want = play_match(&mut *a, &mut *b, &stage, &cfg, seed).unwrap();
                    assert_eq!(r.profiles, want.states.to_vec(), "{theirs:?} seed {seed}");
                    assert_eq!(r.scores, want.scores.to_vec());
                    // The rules do not all play alike (the test can fail).
                    differ += usize::from(r.profiles[0] != 200);
                }
            }
        }
        assert!(differ > 30, "{differ}");
    }

    #[test]
    fn seeds_reproduce_and_rules_are_checked() {
        let g = GroupGame::new(&public_goods(4, 2.0, 1.0).unwrap().to_game().unwrap()).unwrap();
        let rules = GroupRules::turns(100, 4)
            .with_noise(0.1)
            .with_perception_noise(0.05);
        let field = [
            GroupRule::Random { p: 0.5 },
            GroupRule::TftMajority,
            GroupRule::SpiralReciprocator { gamma: 0.3 },
            GroupRule::Threshold { k: 2 },
        ];
        let a = play_group(&mut seat(&field), &g, &rules, 9).unwrap();
        assert_eq!(a, play_group(&mut seat(&field), &g, &rules, 9).unwrap());
        assert_ne!(a, play_group(&mut seat(&field), &g, &rules, 10).unwrap());
        assert_eq!(a.profiles.iter().sum::<u64>(), 100);
        assert!(play_group(&mut seat(&field[..3]), &g, &rules, 9).is_err());
        let bad = GroupRules::turns(10, 4).with_noise(1.5);
        assert!(play_group(&mut seat(&field), &g, &bad, 9)
            .unwrap_err()
            .to_string()
            .contains("noise[1]"));
        let cont = GroupRules::turns(0, 4).with_length(crate::play::MatchLength::Continuation(0.9));
        let lengths: u64 = (0..400)
            .map(|s| play_group(&mut seat(&field), &g, &cont, s).unwrap().turns)
            .sum();
        assert!((lengths as f64 / 400.0 - 10.0).abs() < 1.5);
    }
}
