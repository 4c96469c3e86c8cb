//! One match of the repeated 2x2 game between two strategies.
//!
//! A match has a fixed number of turns or a continuation probability, action
//! noise (a trembling hand: each intended move flips with probability `e`, and
//! both players' records hold the move actually played, as in Axelrod-Python),
//! perception noise per player (the observer's view of the other's move flips,
//! with one probability for a C read as D and another for a D read as C; the
//! mover knows what it did and scores use real moves), and a seed.
//!
//! Each strategy is told its match's conditions ([`MatchInfo`]): the action
//! noise, its own perception errors and, when players carry group labels,
//! whether the opponent is of its group ([`MatchConfig::same_group`]).
//!
//! Scores, the CC/CD/DC/DD state counts, the state-to-action transition counts
//! and the causes of defections are accumulated as the match runs; move
//! strings are kept only when asked ([`MatchConfig::recording`]).
//!
//! # Random stream layout
//!
//! A match seed `s` (a `u64`) is expanded into a 256-bit ChaCha8 key by four
//! successive outputs of SplitMix64 started at `s`, each written little-endian
//! (key bytes 0-7 from the first output, and so on). Three independent ChaCha8
//! streams are opened on that key (nonce = stream number):
//!
//! - stream 0, the *environment*: first, for a continuation-probability match,
//!   one draw for the length; then, turn by turn: the action-noise draw for
//!   player 1, then for player 2, then the perception draw of player 1 (its
//!   view of player 2's move), then that of player 2.
//! - stream 1: every draw player 1's strategy makes, in the order it makes
//!   them;
//! - stream 2: every draw player 2's strategy makes.
//!
//! A draw happens only when its probability is strictly between 0 and 1 (a
//! probability of 1 flips without drawing). A draw is one 64-bit output `x`
//! turned into `u = (x >> 11) * 2^-53` in `[0, 1)`; an event of probability
//! `p` happens iff `u < p`. A continuation match with continuation
//! probability `p` lasts `L = 1 + floor(ln(1 - u) / ln p)` turns (a geometric
//! length, `P(L > k) = p^k`), drawn before the first turn, so noise draws do
//! not depend on it. Because the strategies draw from their own streams, two
//! matches with the same seed and noise see the same noise whatever the
//! strategies do with their randomness.
//!
//! Tournaments derive each match's seed from (tournament seed, i, j,
//! repetition) with [`match_seed`], so a match's result does not depend on
//! which thread or machine plays it.

pub use crate::action::Perception;
use crate::strategy::{unit_f64, Context, History, MatchInfo, MatchRng, Payoffs, Strategy};
use crate::{Action, Error, MatrixGame, Result};
use rand::SeedableRng;

/// The payoffs of a 2x2 stage game, indexed `[row action][column action]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageGame {
    /// Row player's payoffs.
    pub row: [[f64; 2]; 2],
    /// Column player's payoffs.
    pub col: [[f64; 2]; 2],
}

impl StageGame {
    /// A symmetric dilemma with reward `r`, sucker `s`, temptation `t`,
    /// punishment `p`.
    pub const fn symmetric(r: f64, s: f64, t: f64, p: f64) -> Self {
        StageGame {
            row: [[r, s], [t, p]],
            col: [[r, t], [s, p]],
        }
    }

    /// From a 2x2 [`MatrixGame`]; an error if the game is not 2x2.
    pub fn from_game(game: &MatrixGame) -> Result<Self> {
        if game.shape() != (2, 2) {
            return Err(Error::UnsupportedGame {
                operation: "a repeated-game match",
                requirement: "a 2x2 game",
                found: format!("{}x{}", game.shape().0, game.shape().1),
            });
        }
        let mut g = StageGame::symmetric(0.0, 0.0, 0.0, 0.0);
        for i in 0..2 {
            for j in 0..2 {
                let (a, b) = game.payoffs(i, j);
                g.row[i][j] = a;
                g.col[i][j] = b;
            }
        }
        Ok(g)
    }

    /// The game as the row player sees it.
    pub fn row_view(&self) -> Payoffs {
        Payoffs::new(self.row, self.col)
    }

    /// The game as the column player sees it (its own action first).
    pub fn col_view(&self) -> Payoffs {
        let t = |m: [[f64; 2]; 2]| [[m[0][0], m[1][0]], [m[0][1], m[1][1]]];
        Payoffs::new(t(self.col), t(self.row))
    }
}

impl Default for StageGame {
    /// The prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1).
    fn default() -> Self {
        StageGame::symmetric(3.0, 0.0, 5.0, 1.0)
    }
}

/// How long a match lasts.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchLength {
    /// A fixed number of turns.
    Turns(u64),
    /// After every turn the match goes on with this probability (in `[0, 1)`).
    Continuation(f64),
}

/// The rules of a match.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MatchConfig {
    /// Fixed turns or a continuation probability.
    pub length: MatchLength,
    /// Action noise: probability that a move flips (trembling hand).
    pub noise: f64,
    /// Perception noise of player 1 (reading player 2) and player 2.
    pub perception: [Perception; 2],
    /// Whether the strategies are told the number of turns (only for fixed
    /// turns; Axelrod-Python tells them).
    pub length_known: bool,
    /// Whether to keep the move strings in the result.
    pub record_moves: bool,
    /// The opponent's tag relation as player 1 and player 2 see it (see
    /// [`MatchInfo::same_group`]); `[None, None]` for untagged players. It
    /// only informs the strategies: it changes no draw of the match.
    #[serde(default, skip_serializing_if = "untagged")]
    pub same_group: [Option<bool>; 2],
}

fn untagged(tags: &[Option<bool>; 2]) -> bool {
    tags.iter().all(Option::is_none)
}

/// How a player with group label `own` sees an opponent with label
/// `opponent`: `Some(true)` for the same label, `Some(false)` for another
/// label or when `own` has none, `None` when the opponent is unlabelled.
pub fn group_relation(own: Option<&str>, opponent: Option<&str>) -> Option<bool> {
    opponent.map(|o| own == Some(o))
}

impl MatchConfig {
    /// A match of `n` turns, length announced, no noise, moves not recorded.
    pub const fn turns(n: u64) -> Self {
        MatchConfig {
            length: MatchLength::Turns(n),
            noise: 0.0,
            perception: [Perception::symmetric(0.0); 2],
            length_known: true,
            record_moves: false,
            same_group: [None, None],
        }
    }

    /// A match that goes on after each turn with probability `p` (length
    /// unknown to the strategies).
    pub const fn continuation(p: f64) -> Self {
        MatchConfig {
            length: MatchLength::Continuation(p),
            noise: 0.0,
            perception: [Perception::symmetric(0.0); 2],
            length_known: false,
            record_moves: false,
            same_group: [None, None],
        }
    }

    /// With action noise `e`.
    pub const fn with_noise(mut self, e: f64) -> Self {
        self.noise = e;
        self
    }

    /// With the given perception noise for player 1 and player 2.
    pub const fn with_perception(mut self, player1: Perception, player2: Perception) -> Self {
        self.perception = [player1, player2];
        self
    }

    /// With the opponent's tag relation as player 1 and player 2 see it.
    pub const fn with_same_group(mut self, player1: Option<bool>, player2: Option<bool>) -> Self {
        self.same_group = [player1, player2];
        self
    }

    /// What player `k` (0 or 1) is told of the match: the action noise, its
    /// own perception errors and its opponent's tag relation.
    pub fn info_for(&self, k: usize) -> MatchInfo {
        MatchInfo {
            action_noise: self.noise,
            perception: self.perception[k],
            same_group: self.same_group[k],
        }
    }

    /// Whether the strategies are told the number of turns.
    pub const fn length_known(mut self, known: bool) -> Self {
        self.length_known = known;
        self
    }

    /// Whether to keep the move strings.
    pub const fn recording(mut self, record: bool) -> Self {
        self.record_moves = record;
        self
    }

    /// Checks every probability is in `[0, 1]` (a continuation probability in
    /// `[0, 1)`).
    pub fn validate(&self) -> Result<()> {
        let prob = |name: &str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(Error::invalid_parameter(name, v, "a probability in [0, 1]"))
            }
        };
        prob("noise", self.noise)?;
        for (k, p) in self.perception.iter().enumerate() {
            prob(&format!("perception[{}].c_as_d", k + 1), p.c_as_d)?;
            prob(&format!("perception[{}].d_as_c", k + 1), p.d_as_c)?;
        }
        match self.length {
            MatchLength::Turns(_) => Ok(()),
            MatchLength::Continuation(p) => {
                if (0.0..1.0).contains(&p) {
                    Ok(())
                } else {
                    Err(Error::invalid_parameter(
                        "continuation",
                        p,
                        "a probability in [0, 1) (1 would never end)",
                    ))
                }
            }
        }
    }
}

/// Why a player defected, as it saw the previous turn (turns after the
/// first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefectionCause {
    /// It perceived cooperation last turn.
    Unprovoked = 0,
    /// It perceived a defection that really happened.
    Provoked = 1,
    /// It perceived a defection that was really a cooperation (a spiral).
    Misperceived = 2,
}

/// The outcome of one match.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MatchResult {
    /// Number of turns played.
    pub turns: u64,
    /// Total payoffs of player 1 and player 2.
    pub scores: [f64; 2],
    /// Turns in each state CC, CD, DC, DD (player 1's move first; real moves).
    pub states: [u64; 4],
    /// `transitions[k][s][a]`: how often player `k` played action `a` right
    /// after state `s`, the state seen from player `k`'s side (its own move
    /// first; real moves), as Axelrod-Python's state-to-action distribution.
    pub transitions: [[[u64; 2]; 4]; 2],
    /// `defection_causes[k][c]`: player `k`'s defections after the first turn
    /// by [`DefectionCause`] `c`.
    pub defection_causes: [[u64; 3]; 2],
    /// The first moves of both players (`None` for an empty match).
    pub first_moves: Option<[Action; 2]>,
    /// Both players' real moves, when recorded.
    pub moves: Option<[Vec<Action>; 2]>,
    /// What each player perceived of the other's moves, when recorded and the
    /// match has perception noise.
    pub perceived: Option<[Vec<Action>; 2]>,
}

impl MatchResult {
    /// Cooperations of player `k` (0 or 1).
    pub fn cooperations(&self, k: usize) -> u64 {
        if k == 0 {
            self.states[0] + self.states[1]
        } else {
            self.states[0] + self.states[2]
        }
    }

    /// Player `k`'s moves as a `C`/`D` string, when recorded.
    pub fn move_string(&self, k: usize) -> Option<String> {
        self.moves
            .as_ref()
            .map(|m| crate::strategy::moves_to_string(&m[k]))
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

/// The three random streams of a match (see the module documentation).
pub fn match_streams(seed: u64) -> [MatchRng; 3] {
    let key = key_for(seed);
    std::array::from_fn(|k| {
        let mut rng = MatchRng::from_seed(key);
        rng.set_stream(k as u64);
        rng
    })
}

/// Reusable match runner: holds the history buffers so playing many matches
/// allocates nothing per turn and little per match.
#[derive(Debug, Clone)]
pub struct Match {
    config: MatchConfig,
    histories: [History; 2],
}

/// Largest number of turns reserved up front (longer matches grow).
const MAX_RESERVE: u64 = 1 << 20;

impl Match {
    /// A runner for matches under `config` (validated).
    pub fn new(config: MatchConfig) -> Result<Self> {
        config.validate()?;
        Ok(Match {
            config,
            histories: [History::new(), History::new()],
        })
    }

    /// The rules.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Changes the rules (validated) for the next matches, keeping the
    /// history buffers.
    pub fn set_config(&mut self, config: MatchConfig) -> Result<()> {
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// The two players' histories of the last match played (own moves and
    /// perceived opponent moves).
    pub fn histories(&self) -> &[History; 2] {
        &self.histories
    }

    /// Plays one match of `a` (player 1, row) against `b` (player 2, column)
    /// on `game`, with the random streams of `seed`. Both strategies are
    /// [`reset`](Strategy::reset) first.
    pub fn play<A, B>(&mut self, a: &mut A, b: &mut B, game: &StageGame, seed: u64) -> MatchResult
    where
        A: Strategy + ?Sized,
        B: Strategy + ?Sized,
    {
        let cfg = self.config;
        let [mut env, mut rng1, mut rng2] = match_streams(seed);
        let turns = match cfg.length {
            MatchLength::Turns(n) => n,
            MatchLength::Continuation(p) => {
                if p <= 0.0 {
                    1
                } else {
                    let u = 1.0 - unit_f64(&mut env);
                    let extra = (u.ln() / p.ln()).floor();
                    1u64.saturating_add(extra as u64)
                }
            }
        };
        let announced = match cfg.length {
            MatchLength::Turns(n) if cfg.length_known => Some(n),
            _ => None,
        };
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

        let mut states = [0u64; 4];
        let mut transitions = [[[0u64; 2]; 4]; 2];
        let mut causes = [[0u64; 3]; 2];
        let noise = cfg.noise;
        let [p1, p2] = cfg.perception;
        let perfect = p1.is_perfect() && p2.is_perfect();
        let mut prev: Option<(Action, Action)> = None;

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
                i1 = flip_with(i1, noise, &mut env);
                i2 = flip_with(i2, noise, &mut env);
            }
            let (seen_by_1, seen_by_2) = if perfect {
                (i2, i1)
            } else {
                (perceive(i2, &p1, &mut env), perceive(i1, &p2, &mut env))
            };
            if let Some((r1, r2)) = prev {
                // r1, r2: last turn's real moves; h*.last_opp(): perceived.
                let s1 = (r1 as usize) << 1 | r2 as usize;
                let s2 = (r2 as usize) << 1 | r1 as usize;
                transitions[0][s1][i1 as usize] += 1;
                transitions[1][s2][i2 as usize] += 1;
                if i1 == Action::D {
                    causes[0][cause(h1.last_opp(), r2) as usize] += 1;
                }
                if i2 == Action::D {
                    causes[1][cause(h2.last_opp(), r1) as usize] += 1;
                }
            }
            states[(i1 as usize) << 1 | i2 as usize] += 1;
            h1.push(i1, seen_by_1);
            h2.push(i2, seen_by_2);
            prev = Some((i1, i2));
        }

        let mut scores = [0.0f64; 2];
        for (s, &n) in states.iter().enumerate() {
            let (x, y) = (s >> 1, s & 1);
            scores[0] += n as f64 * game.row[x][y];
            scores[1] += n as f64 * game.col[x][y];
        }
        let first_moves = if h1.is_empty() {
            None
        } else {
            Some([h1.own()[0], h2.own()[0]])
        };
        let moves = cfg
            .record_moves
            .then(|| [h1.own().to_vec(), h2.own().to_vec()]);
        let perceived =
            (cfg.record_moves && !perfect).then(|| [h1.opp().to_vec(), h2.opp().to_vec()]);
        MatchResult {
            turns,
            scores,
            states,
            transitions,
            defection_causes: causes,
            first_moves,
            moves,
            perceived,
        }
    }
}

#[inline]
fn cause(perceived_last: Option<Action>, real_last: Action) -> DefectionCause {
    match (perceived_last, real_last) {
        (Some(Action::C), _) | (None, _) => DefectionCause::Unprovoked,
        (Some(Action::D), Action::D) => DefectionCause::Provoked,
        (Some(Action::D), Action::C) => DefectionCause::Misperceived,
    }
}

/// Flips `a` with probability `p` (a draw only when `0 < p < 1`).
#[inline]
fn flip_with(a: Action, p: f64, rng: &mut MatchRng) -> Action {
    if p <= 0.0 {
        a
    } else if p >= 1.0 || unit_f64(rng) < p {
        a.flip()
    } else {
        a
    }
}

/// What an observer with perception noise `p` sees of a real move `a`.
#[inline]
fn perceive(a: Action, p: &Perception, rng: &mut MatchRng) -> Action {
    let q = match a {
        Action::C => p.c_as_d,
        Action::D => p.d_as_c,
    };
    flip_with(a, q, rng)
}

/// Plays one match: [`Match::new`] then [`Match::play`].
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
    use crate::strategy::Registry;

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

    #[test]
    fn match_seeds_depend_on_every_part() {
        let s = match_seed(1, 2, 3, 4);
        assert_ne!(s, match_seed(1, 3, 2, 4));
        assert_ne!(s, match_seed(1, 2, 3, 5));
        assert_ne!(s, match_seed(2, 2, 3, 4));
        assert_eq!(s, match_seed(1, 2, 3, 4));
    }

    /// Records the match conditions it is told; always cooperates.
    #[derive(Clone, Default)]
    struct Witness(Vec<MatchInfo>);

    impl Strategy for Witness {
        fn name(&self) -> &str {
            "Witness"
        }
        fn classifier(&self) -> crate::strategy::Classifier {
            crate::strategy::Classifier::deterministic(None)
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

    #[test]
    fn column_view_transposes() {
        let g = StageGame {
            row: [[1.0, 2.0], [3.0, 4.0]],
            col: [[5.0, 6.0], [7.0, 8.0]],
        };
        let v = g.col_view();
        // Column plays D (its index 1), row plays C (0): col payoff col[0][1] = 6.
        assert_eq!(v.own(Action::D, Action::C), 6.0);
        assert_eq!(v.other(Action::D, Action::C), 2.0);
    }
}
