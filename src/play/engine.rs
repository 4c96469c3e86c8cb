//! The match loop, written once for every move alphabet, and its outcome
//! (docs/model.md §8, §7.5).

use super::alphabet::Alphabet;
use super::game::{Game, StageGame};
use super::rules::{MatchConfig, MatchLength, MatchRules, PerceptionRule};
use super::streams::match_streams;
use crate::action::Move;
use crate::strategy::{moves_to_string, unit_f64, Context, MatchRng, MoveHistory, Strategy};
use crate::{Action, Result};
use serde::{Serialize, Serializer};

/// Why a player played the hostile move (defected, armed), as it saw the
/// previous turn (turns after the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefectionCause {
    /// It perceived a peaceful move (C; R or H) last turn.
    Unprovoked = 0,
    /// It perceived the hostile move, and the other really played it.
    Provoked = 1,
    /// It perceived the hostile move where the other really played another
    /// (a spiral).
    Misperceived = 2,
}

/// The outcome of one match over the moves `M` (`N` moves, `S = N * N`
/// states): [`MatchResult`] in the two-action game,
/// [`PostureMatchResult`](crate::posture::PostureMatchResult) in the
/// three-action one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchOutcome<M, const N: usize, const S: usize> {
    /// Number of turns played.
    pub turns: u64,
    /// Total payoffs of player 1 and player 2.
    pub scores: [f64; 2],
    /// Turns in each state, player 1's real move first: state `a * N + b`
    /// for moves (a, b) — CC, CD, DC, DD in the two-action game.
    #[serde(serialize_with = "sequence")]
    pub states: [u64; S],
    /// `transitions[k][s][a]`: how often player `k` played move `a` right
    /// after state `s`, the state seen from player `k`'s side (its own move
    /// first; real moves), as Axelrod-Python's state-to-action distribution;
    /// all zero for an alphabet that does not count them
    /// ([`Alphabet::COUNTS_TRANSITIONS`]).
    #[serde(serialize_with = "nested_sequence")]
    pub transitions: [[[u64; N]; S]; 2],
    /// `defection_causes[k][c]`: player `k`'s hostile moves (D, A) after the
    /// first turn by [`DefectionCause`] `c`.
    pub defection_causes: [[u64; 3]; 2],
    /// The first moves of both players (`None` for an empty match).
    pub first_moves: Option<[M; 2]>,
    /// Both players' real moves, when recorded.
    pub moves: Option<[Vec<M>; 2]>,
    /// What each player perceived of the other's moves, when recorded.
    pub perceived: Option<[Vec<M>; 2]>,
}

/// The outcome of one two-action match.
pub type MatchResult = MatchOutcome<Action, 2, 4>;

fn sequence<Z: Serializer, const S: usize>(
    v: &[u64; S],
    z: Z,
) -> std::result::Result<Z::Ok, Z::Error> {
    z.collect_seq(v)
}

fn nested_sequence<Z: Serializer, const N: usize, const S: usize>(
    v: &[[[u64; N]; S]; 2],
    z: Z,
) -> std::result::Result<Z::Ok, Z::Error> {
    z.collect_seq(
        v.iter()
            .map(|per_player| per_player.iter().map(|row| &row[..]).collect::<Vec<_>>()),
    )
}

impl<M: Move, const N: usize, const S: usize> MatchOutcome<M, N, S> {
    /// How often player `k` (0 or 1) played each move.
    pub fn move_counts(&self, k: usize) -> [u64; N] {
        let mut out = [0; N];
        for (s, &n) in self.states.iter().enumerate() {
            out[if k == 0 { s / N } else { s % N }] += n;
        }
        out
    }

    /// How often player `k` played the peaceful move (C, R).
    pub fn cooperations(&self, k: usize) -> u64 {
        self.move_counts(k)[0]
    }

    /// Player `k`'s moves as a string of letters, when recorded.
    pub fn move_string(&self, k: usize) -> Option<String> {
        self.moves.as_ref().map(|m| moves_to_string(&m[k]))
    }

    /// Which player won: `Some(0)` or `Some(1)`, `None` for a tie.
    pub fn winner(&self) -> Option<usize> {
        if self.scores[0] > self.scores[1] {
            Some(0)
        } else if self.scores[1] > self.scores[0] {
            Some(1)
        } else {
            None
        }
    }
}

/// Reusable match runner over the moves `M`: holds the history buffers so
/// playing many matches allocates nothing per turn and little per match.
/// [`Match`] in the two-action game,
/// [`PostureMatch`](crate::posture::PostureMatch) in the three-action one.
#[derive(Debug, Clone)]
pub struct MatchRunner<M: Alphabet<N, S>, const N: usize, const S: usize> {
    config: MatchRules<M::Perception>,
    histories: [MoveHistory<M>; 2],
}

/// Reusable runner of two-action matches.
pub type Match = MatchRunner<Action, 2, 4>;

/// Largest number of turns reserved up front (longer matches grow).
const MAX_RESERVE: u64 = 1 << 20;

/// What the turns of a match add up to, counted from the two players'
/// histories once the match is over (the turn loop only plays).
struct Tally<const N: usize, const S: usize> {
    /// Turns in each state `a * N + b` (real moves, player 1's first).
    states: [u64; S],
    /// `[k][s][a]`: player `k`'s move `a` right after state `s` seen from
    /// its side.
    transitions: [[[u64; N]; S]; 2],
    /// `[k][c]`: player `k`'s hostile moves after the first turn by cause.
    causes: [[u64; 3]; 2],
}

impl<const N: usize, const S: usize> Tally<N, S> {
    /// The counts of the match recorded in `h1` (player 1) and `h2`; the
    /// transitions only when the alphabet counts them
    /// ([`Alphabet::COUNTS_TRANSITIONS`]).
    fn of<M: Alphabet<N, S>>(h1: &MoveHistory<M>, h2: &MoveHistory<M>) -> Self {
        let mut tally = Tally {
            states: [0; S],
            transitions: [[[0; N]; S]; 2],
            causes: [[0; 3]; 2],
        };
        let (own1, own2) = (h1.own(), h2.own());
        if let (Some(&i1), Some(&i2)) = (own1.first(), own2.first()) {
            tally.states[i1.index() * N + i2.index()] += 1;
        }
        // Turn t after the first: this turn's moves (i1, i2), last turn's
        // real moves (r1, r2) and what each player perceived last turn.
        let last = own1.iter().zip(own2).zip(h1.opp().iter().zip(h2.opp()));
        for ((&i1, &i2), ((&r1, &r2), (&seen1, &seen2))) in own1.iter().zip(own2).skip(1).zip(last)
        {
            tally.states[i1.index() * N + i2.index()] += 1;
            if M::COUNTS_TRANSITIONS {
                tally.transitions[0][r1.index() * N + r2.index()][i1.index()] += 1;
                tally.transitions[1][r2.index() * N + r1.index()][i2.index()] += 1;
            }
            if i1.is_hostile() {
                tally.causes[0][cause(seen1, r2) as usize] += 1;
            }
            if i2.is_hostile() {
                tally.causes[1][cause(seen2, r1) as usize] += 1;
            }
        }
        tally
    }
}

impl<M: Alphabet<N, S>, const N: usize, const S: usize> MatchRunner<M, N, S> {
    /// A runner for matches under `config` (validated).
    pub fn new(config: MatchRules<M::Perception>) -> Result<Self> {
        const { assert!(S == N * N, "an alphabet of N moves has N * N states") };
        config.validate()?;
        Ok(MatchRunner {
            config,
            histories: [MoveHistory::new(), MoveHistory::new()],
        })
    }

    /// The rules.
    pub fn config(&self) -> &MatchRules<M::Perception> {
        &self.config
    }

    /// Changes the rules (validated) for the next matches, keeping the
    /// history buffers.
    pub fn set_config(&mut self, config: MatchRules<M::Perception>) -> Result<()> {
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// The two players' histories of the last match played (own moves and
    /// perceived opponent moves).
    pub fn histories(&self) -> &[MoveHistory<M>; 2] {
        &self.histories
    }

    /// Plays one match of `a` (player 1, row) against `b` (player 2, column)
    /// on `game`, with the random streams of `seed`. Both strategies are
    /// [`reset`](Strategy::reset) first.
    #[inline]
    pub fn play<A, B>(
        &mut self,
        a: &mut A,
        b: &mut B,
        game: &Game<N>,
        seed: u64,
    ) -> MatchOutcome<M, N, S>
    where
        A: Strategy<M> + ?Sized,
        B: Strategy<M> + ?Sized,
    {
        let cfg = self.config;
        let [mut env, mut rng1, mut rng2] = match_streams(seed);
        let turns = length(cfg.length, &mut env);
        let announced = cfg.announced_length();
        let view1 = game.row_view();
        let view2 = game.col_view();
        let (info1, info2) = (cfg.info_for(0), cfg.info_for(1));
        a.reset();
        b.reset();
        let [h1, h2] = &mut self.histories;
        h1.clear();
        h2.clear();
        let reserve = turns.min(MAX_RESERVE) as usize;
        h1.reserve(reserve);
        h2.reserve(reserve);

        let noise = cfg.noise;
        let [p1, p2] = cfg.perception;
        let perfect = p1.is_perfect() && p2.is_perfect();

        // The turns: decisions, the trembling hand and perception. What the
        // turns add up to is counted afterwards from the two histories.
        for _ in 0..turns {
            let mut i1 = {
                let mut ctx = Context::new(&view1, announced, &mut rng1).with_info(info1);
                a.next_action(h1, &mut ctx)
            };
            let mut i2 = {
                let mut ctx = Context::new(&view2, announced, &mut rng2).with_info(info2);
                b.next_action(h2, &mut ctx)
            };
            if noise > 0.0 {
                i1 = i1.tremble(noise, &mut env);
                i2 = i2.tremble(noise, &mut env);
            }
            let (seen_by_1, seen_by_2) = if perfect {
                (i2, i1)
            } else {
                (i2.seen_by(&p1, &mut env), i1.seen_by(&p2, &mut env))
            };
            h1.push(i1, seen_by_1);
            h2.push(i2, seen_by_2);
        }
        let Tally {
            states,
            transitions,
            causes,
        } = Tally::of(h1, h2);

        let mut scores = [0.0f64; 2];
        for (s, &n) in states.iter().enumerate() {
            let (x, y) = (s / N, s % N);
            scores[0] += n as f64 * game.row[x][y];
            scores[1] += n as f64 * game.col[x][y];
        }
        let first_moves = if h1.is_empty() {
            None
        } else {
            Some([h1.own()[0], h2.own()[0]])
        };
        let record = cfg.record_moves;
        MatchOutcome {
            turns,
            scores,
            states,
            transitions,
            defection_causes: causes,
            first_moves,
            moves: record.then(|| [h1.own().to_vec(), h2.own().to_vec()]),
            perceived: record.then(|| [h1.opp().to_vec(), h2.opp().to_vec()]),
        }
    }
}

/// The number of turns of a match (one draw from the environment stream for
/// a continuation probability strictly between 0 and 1; docs/model.md §8.1).
pub(crate) fn length(length: MatchLength, env: &mut MatchRng) -> u64 {
    match length {
        MatchLength::Turns(n) => n,
        MatchLength::Continuation(p) if p <= 0.0 => 1,
        MatchLength::Continuation(p) => {
            let u = 1.0 - unit_f64(env);
            1u64.saturating_add((u.ln() / p.ln()).floor() as u64)
        }
    }
}

/// The cause of a hostile move after the first turn, from what the actor
/// perceived of the other last turn and what the other really played
/// (docs/model.md §8.7, §7.6).
#[inline]
fn cause<M: Move>(perceived_last: M, real_last: M) -> DefectionCause {
    match (perceived_last.is_hostile(), real_last.is_hostile()) {
        (false, _) => DefectionCause::Unprovoked,
        (true, true) => DefectionCause::Provoked,
        (true, false) => DefectionCause::Misperceived,
    }
}

/// Plays one two-action match: [`Match::new`] then [`Match::play`].
pub fn play_match<A, B>(
    a: &mut A,
    b: &mut B,
    game: &StageGame,
    config: &MatchConfig,
    seed: u64,
) -> Result<MatchResult>
where
    A: Strategy + ?Sized,
    B: Strategy + ?Sized,
{
    Ok(Match::new(*config)?.play(a, b, game, seed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::{group_relation, MatchConfig, Perception, StageGame};
    use crate::strategy::{Classifier, Context, History, MatchInfo, Registry, Strategy};

    fn pair(a: &str, b: &str) -> (Box<dyn Strategy>, Box<dyn Strategy>) {
        let r = Registry::builtin();
        (r.create(a).unwrap(), r.create(b).unwrap())
    }

    #[test]
    fn tft_against_defector_scores() {
        let (mut a, mut b) = pair("Tit For Tat", "Defector");
        let res = play_match(
            &mut *a,
            &mut *b,
            &StageGame::default(),
            &MatchConfig::turns(10).recording(true),
            0,
        )
        .unwrap();
        assert_eq!(res.move_string(0).unwrap(), "CDDDDDDDDD");
        assert_eq!(res.scores, [9.0, 14.0]);
        assert_eq!(res.states, [0, 1, 0, 9]);
        assert_eq!(res.winner(), Some(1));
        assert_eq!(res.defection_causes[0], [0, 9, 0]);
        assert_eq!(res.defection_causes[1], [1, 8, 0]);
    }

    #[test]
    fn seeds_reproduce_and_differ() {
        let cfg = MatchConfig::turns(200).with_noise(0.1).recording(true);
        let (mut a, mut b) = pair("Win-Stay Lose-Shift", "Random");
        let r1 = play_match(&mut *a, &mut *b, &StageGame::default(), &cfg, 7).unwrap();
        let r2 = play_match(&mut *a, &mut *b, &StageGame::default(), &cfg, 7).unwrap();
        let r3 = play_match(&mut *a, &mut *b, &StageGame::default(), &cfg, 8).unwrap();
        assert_eq!(r1, r2);
        assert_ne!(r1.moves, r3.moves);
    }

    #[test]
    fn noise_flips_recorded_moves() {
        let cfg = MatchConfig::turns(10_000).with_noise(0.1).recording(true);
        let (mut a, mut b) = pair("Cooperator", "Cooperator");
        let r = play_match(&mut *a, &mut *b, &StageGame::default(), &cfg, 3).unwrap();
        let d = r.turns - r.cooperations(0);
        assert!((800..1200).contains(&d), "{d} defections");
    }

    #[test]
    fn perception_noise_leaves_real_moves() {
        let cfg = MatchConfig::turns(2000)
            .with_perception(Perception::symmetric(0.2), Perception::symmetric(0.0))
            .recording(true);
        let (mut a, mut b) = pair("Tit For Tat", "Cooperator");
        let r = play_match(&mut *a, &mut *b, &StageGame::default(), &cfg, 5).unwrap();
        // Player 2 always really cooperates; TFT answers what it saw.
        assert_eq!(r.cooperations(1), 2000);
        let tft_d = r.turns - r.cooperations(0);
        assert!((300..500).contains(&tft_d));
        assert_eq!(r.defection_causes[0][2], tft_d);
        let seen = r.perceived.unwrap();
        assert_eq!(seen[0][..1999], r.moves.as_ref().unwrap()[0][1..]);
    }

    #[test]
    fn continuation_lengths_are_geometric() {
        let cfg = MatchConfig::continuation(0.9);
        let (mut a, mut b) = pair("Tit For Tat", "Tit For Tat");
        let mut m = Match::new(cfg).unwrap();
        let n = 4000;
        let mean: f64 = (0..n)
            .map(|s| m.play(&mut *a, &mut *b, &StageGame::default(), s).turns as f64)
            .sum::<f64>()
            / n as f64;
        assert!((mean - 10.0).abs() < 0.6, "mean length {mean}");
        assert!(MatchConfig::continuation(1.0).validate().is_err());
        assert!(MatchConfig::turns(3).with_noise(1.5).validate().is_err());
    }

    /// Records the match conditions it is told; always cooperates.
    #[derive(Clone, Default)]
    struct Witness(Vec<MatchInfo>);

    impl Strategy for Witness {
        fn name(&self) -> &str {
            "Witness"
        }
        fn classifier(&self) -> Classifier {
            Classifier::deterministic(None)
        }
        fn reset(&mut self) {
            self.0.clear();
        }
        fn next_action(&mut self, _: &History, ctx: &mut Context<'_>) -> Action {
            self.0.push(ctx.info);
            Action::C
        }
        fn clone_box(&self) -> Box<dyn Strategy> {
            Box::new(self.clone())
        }
    }

    #[test]
    fn strategies_are_told_noise_and_tags_and_draws_do_not_change() {
        let p1 = Perception {
            c_as_d: 0.2,
            d_as_c: 0.05,
        };
        let p2 = Perception::symmetric(0.1);
        let plain = MatchConfig::turns(50)
            .with_noise(0.03)
            .with_perception(p1, p2)
            .recording(true);
        let tagged = plain.with_same_group(Some(true), None);
        let (mut a, mut b) = (Witness::default(), Witness::default());
        let r = play_match(&mut a, &mut b, &StageGame::default(), &tagged, 4).unwrap();
        assert_eq!(a.0.len(), 50);
        assert!(a.0.iter().all(|i| *i
            == MatchInfo {
                action_noise: 0.03,
                perception: p1,
                same_group: Some(true)
            }));
        assert!(b
            .0
            .iter()
            .all(|i| i.perception == p2 && i.same_group.is_none()));
        let untagged = play_match(&mut a, &mut b, &StageGame::default(), &plain, 4).unwrap();
        assert_eq!(r, untagged);
        assert_eq!(group_relation(Some("x"), Some("x")), Some(true));
        assert_eq!(group_relation(Some("x"), Some("y")), Some(false));
        assert_eq!(group_relation(None, Some("y")), Some(false));
        assert_eq!(group_relation(Some("x"), None), None);
    }

    #[test]
    fn perceived_defection_probability_combines_both_noises() {
        let info = MatchInfo {
            action_noise: 0.1,
            perception: Perception {
                c_as_d: 0.2,
                d_as_c: 0.05,
            },
            same_group: None,
        };
        let d_if_c = info.perceived_d_given(Action::C);
        let d_if_d = info.perceived_d_given(Action::D);
        assert!((d_if_c - (0.9 * 0.2 + 0.1 * 0.95)).abs() < 1e-15);
        assert!((d_if_d - (0.9 * 0.95 + 0.1 * 0.2)).abs() < 1e-15);
        assert_eq!(MatchInfo::default().perceived_d_given(Action::C), 0.0);
    }
}
