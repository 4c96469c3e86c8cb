//! Strategies for the repeated dilemma: the [`Strategy`] trait, what a strategy
//! may see ([`History`], [`Context`], [`Payoffs`]), its [`Classifier`], the
//! [`Registry`] of every known strategy, the declarative families that live as
//! data in `strategies/*.toml` ([`data`]) and the built-in Rust strategies
//! ([`builtin`]).
//!
//! A strategy sees only its own moves (what it actually played, after any
//! trembling-hand noise), its *perception* of the opponent's moves (which may
//! differ from what the opponent played when the match has perception noise),
//! the stage game's payoffs and, when the match tells it, the match length. It
//! never sees the opponent object. Its randomness comes from the match's random
//! stream, handed to it in the [`Context`], so a match is reproducible from its
//! seed.
//!
//! ```
//! use dilemma::strategy::Registry;
//! use dilemma::play::{play_match, MatchConfig, StageGame};
//!
//! let registry = Registry::builtin();
//! let mut tft = registry.create("Tit For Tat").unwrap();
//! let mut alt = registry.create("alternator").unwrap();
//! let result = play_match(&mut *tft, &mut *alt, &StageGame::default(),
//!                         &MatchConfig::turns(6).recording(true), 1).unwrap();
//! assert_eq!(result.move_string(0).unwrap(), "CCDCDC");
//! assert_eq!(result.move_string(1).unwrap(), "CDCDCD");
//! ```

use crate::action::Perception;
use crate::Action;
use rand::Rng;

pub mod builtin;
pub mod data;
mod entry;
mod registry;
#[cfg(test)]
mod versus_tests;

pub use entry::{Entry, Kind};
pub use registry::{split_player_list, split_player_list_with, Registry};

/// The random-number generator a match hands to its strategies and uses for
/// noise: ChaCha with 8 rounds (see [`crate::play`] for the stream layout).
pub type MatchRng = rand_chacha::ChaCha8Rng;

/// What is known about how a strategy decides, as Axelrod-Python classifies
/// strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Classifier {
    /// How many past turns the strategy looks at: `Some(n)` means its move
    /// depends only on the last `n` turns (its own and its perception of the
    /// opponent's moves); `None` means unbounded.
    pub memory_depth: Option<u32>,
    /// Whether the strategy draws random numbers.
    pub stochastic: bool,
    /// Whether it uses the match length when the match announces it
    /// (Axelrod-Python's `"length"` in `makes_use_of`).
    pub uses_match_length: bool,
    /// Whether it uses the stage game's payoffs (Axelrod-Python's `"game"`).
    pub uses_game: bool,
}

impl Classifier {
    /// A deterministic strategy of the given memory depth that uses neither the
    /// game nor the match length.
    pub const fn deterministic(memory_depth: Option<u32>) -> Self {
        Classifier {
            memory_depth,
            stochastic: false,
            uses_match_length: false,
            uses_game: false,
        }
    }

    /// A stochastic strategy of the given memory depth that uses neither the
    /// game nor the match length.
    pub const fn stochastic(memory_depth: Option<u32>) -> Self {
        Classifier {
            memory_depth,
            stochastic: true,
            uses_match_length: false,
            uses_game: false,
        }
    }

    /// The same, marked as using the match length.
    pub const fn with_length(mut self) -> Self {
        self.uses_match_length = true;
        self
    }

    /// The same, marked as using the game's payoffs.
    pub const fn with_game(mut self) -> Self {
        self.uses_game = true;
        self
    }

    /// Memory depth as text: the number, or `"inf"` when unbounded.
    pub fn memory_depth_label(&self) -> String {
        match self.memory_depth {
            Some(n) => n.to_string(),
            None => "inf".to_string(),
        }
    }
}

/// The stage game seen from one player: its own payoffs and the other
/// player's, both indexed `[my action][their action]` (C = 0, D = 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payoffs {
    own: [[f64; 2]; 2],
    other: [[f64; 2]; 2],
}

impl Payoffs {
    /// From the player's own payoffs and the other player's, both indexed
    /// `[my action][their action]`.
    pub const fn new(own: [[f64; 2]; 2], other: [[f64; 2]; 2]) -> Self {
        Payoffs { own, other }
    }

    /// The symmetric dilemma with reward `r`, sucker `s`, temptation `t` and
    /// punishment `p`.
    pub const fn symmetric(r: f64, s: f64, t: f64, p: f64) -> Self {
        Payoffs {
            own: [[r, s], [t, p]],
            other: [[r, t], [s, p]],
        }
    }

    /// My payoff when I play `mine` and the other plays `theirs`.
    #[inline]
    pub fn own(&self, mine: Action, theirs: Action) -> f64 {
        self.own[mine.index()][theirs.index()]
    }

    /// The other player's payoff when I play `mine` and it plays `theirs`.
    #[inline]
    pub fn other(&self, mine: Action, theirs: Action) -> f64 {
        self.other[mine.index()][theirs.index()]
    }

    /// My payoffs as Axelrod-Python's `RPST()`: (R, P, S, T) =
    /// (own(C,C), own(D,D), own(C,D), own(D,C)).
    pub fn rpst(&self) -> (f64, f64, f64, f64) {
        (
            self.own[0][0],
            self.own[1][1],
            self.own[0][1],
            self.own[1][0],
        )
    }
}

impl Default for Payoffs {
    /// The prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1).
    fn default() -> Self {
        Payoffs::symmetric(3.0, 0.0, 5.0, 1.0)
    }
}

/// One player's record of a match so far: what it played and what it
/// perceived the opponent to play, turn by turn, with running counts.
///
/// Buffers are reused between matches ([`History::clear`]) so a match does not
/// allocate per turn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    own: Vec<Action>,
    opp: Vec<Action>,
    own_defections: usize,
    opp_defections: usize,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        History::default()
    }

    /// An empty history with room for `turns` turns.
    pub fn with_capacity(turns: usize) -> Self {
        History {
            own: Vec::with_capacity(turns),
            opp: Vec::with_capacity(turns),
            own_defections: 0,
            opp_defections: 0,
        }
    }

    /// A history from two equally long move sequences (own, perceived
    /// opponent's). Panics if their lengths differ.
    pub fn from_moves(own: &[Action], opp: &[Action]) -> Self {
        assert_eq!(own.len(), opp.len(), "history sequences differ in length");
        let mut h = History::with_capacity(own.len());
        for (&a, &b) in own.iter().zip(opp) {
            h.push(a, b);
        }
        h
    }

    /// Empties the history, keeping its buffers.
    pub fn clear(&mut self) {
        self.own.clear();
        self.opp.clear();
        self.own_defections = 0;
        self.opp_defections = 0;
    }

    /// Makes room for `additional` more turns.
    pub fn reserve(&mut self, additional: usize) {
        self.own.reserve(additional);
        self.opp.reserve(additional);
    }

    /// Records one turn: what this player played and what it perceived.
    #[inline]
    pub fn push(&mut self, own: Action, opp: Action) {
        self.own.push(own);
        self.opp.push(opp);
        self.own_defections += own as usize;
        self.opp_defections += opp as usize;
    }

    /// Number of turns played.
    #[inline]
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// `true` before the first turn.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// This player's moves, oldest first.
    #[inline]
    pub fn own(&self) -> &[Action] {
        &self.own
    }

    /// The opponent's moves as this player perceived them, oldest first.
    #[inline]
    pub fn opp(&self) -> &[Action] {
        &self.opp
    }

    /// This player's last move.
    #[inline]
    pub fn last_own(&self) -> Option<Action> {
        self.own.last().copied()
    }

    /// The opponent's last move as perceived.
    #[inline]
    pub fn last_opp(&self) -> Option<Action> {
        self.opp.last().copied()
    }

    /// This player's move `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn own_back(&self, k: usize) -> Option<Action> {
        self.own.len().checked_sub(k).map(|i| self.own[i])
    }

    /// The opponent's perceived move `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn opp_back(&self, k: usize) -> Option<Action> {
        self.opp.len().checked_sub(k).map(|i| self.opp[i])
    }

    /// The last `n` own moves (fewer at the start of the match).
    #[inline]
    pub fn own_last(&self, n: usize) -> &[Action] {
        &self.own[self.own.len().saturating_sub(n)..]
    }

    /// The last `n` perceived opponent moves (fewer at the start).
    #[inline]
    pub fn opp_last(&self, n: usize) -> &[Action] {
        &self.opp[self.opp.len().saturating_sub(n)..]
    }

    /// How many times this player defected.
    #[inline]
    pub fn own_defections(&self) -> usize {
        self.own_defections
    }

    /// How many times this player cooperated.
    #[inline]
    pub fn own_cooperations(&self) -> usize {
        self.own.len() - self.own_defections
    }

    /// How many times the opponent was perceived to defect.
    #[inline]
    pub fn opp_defections(&self) -> usize {
        self.opp_defections
    }

    /// How many times the opponent was perceived to cooperate.
    #[inline]
    pub fn opp_cooperations(&self) -> usize {
        self.opp.len() - self.opp_defections
    }
}

/// What a strategy is told about the conditions of its match: the noise
/// levels and, in a tournament with group labels, whether the opponent
/// carries its own tag (docs/model.md §9.3: tags are visible, as in the
/// tag-conditional model of Hammond and Axelrod 2006).
///
/// The default is a noise-free match against an untagged opponent.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MatchInfo {
    /// Action noise `e` of the match: the probability that any intended move
    /// (its own or the opponent's) flips.
    pub action_noise: f64,
    /// This player's own perception errors: the probability that it reads a
    /// real C (restraint) of the opponent as D (arming), and a real D as C.
    pub perception: Perception,
    /// The opponent's tag relative to this player's: `Some(true)` when both
    /// carry the same group label, `Some(false)` when the opponent carries
    /// another label (or this player has none), `None` when the opponent is
    /// untagged.
    pub same_group: Option<bool>,
}

impl MatchInfo {
    /// The probability that this player perceives the opponent's move as D
    /// when the opponent *intended* `intended` (before action noise): the
    /// move flips with the action noise, then is misread with this player's
    /// perception errors.
    pub fn perceived_d_given(&self, intended: Action) -> f64 {
        let e = self.action_noise;
        let (c_as_d, d_as_c) = (self.perception.c_as_d, self.perception.d_as_c);
        let seen_d_if_real = |real: Action| match real {
            Action::C => c_as_d,
            Action::D => 1.0 - d_as_c,
        };
        (1.0 - e) * seen_d_if_real(intended) + e * seen_d_if_real(intended.flip())
    }
}

/// What a strategy is told besides its history: the game from its point of
/// view, the match length when announced, the match's noise levels and the
/// opponent's tag relation ([`MatchInfo`]), and its random stream.
pub struct Context<'a> {
    /// The stage game from this player's point of view.
    pub payoffs: &'a Payoffs,
    /// The number of turns, when the match announces it (`None` for matches of
    /// unknown length, e.g. with a continuation probability).
    pub match_length: Option<u64>,
    /// The match's noise levels and the opponent's tag relation.
    pub info: MatchInfo,
    rng: &'a mut MatchRng,
}

impl<'a> Context<'a> {
    /// A context over the given payoffs, announced length and random stream,
    /// in a noise-free match against an untagged opponent (see
    /// [`Context::with_info`]).
    pub fn new(payoffs: &'a Payoffs, match_length: Option<u64>, rng: &'a mut MatchRng) -> Self {
        Context {
            payoffs,
            match_length,
            info: MatchInfo::default(),
            rng,
        }
    }

    /// The same context with the given noise levels and tag relation.
    pub fn with_info(mut self, info: MatchInfo) -> Self {
        self.info = info;
        self
    }

    /// A uniform draw in `[0, 1)`: the top 53 bits of one 64-bit output of
    /// the stream, times 2^-53.
    #[inline]
    pub fn random_f64(&mut self) -> f64 {
        unit_f64(self.rng)
    }

    /// `C` with probability `p`, else `D`, as Axelrod-Python's
    /// `random_choice`: no draw when `p <= 0` (D) or `p >= 1` (C); otherwise
    /// one draw `u` and C iff `u < p`.
    #[inline]
    pub fn random_choice(&mut self, p: f64) -> Action {
        if p <= 0.0 {
            Action::D
        } else if p >= 1.0 {
            Action::C
        } else {
            Action::from_cooperation(self.random_f64() < p)
        }
    }

    /// A uniform integer in `low..high` (`high` exclusive; `low` if the range
    /// is empty): one draw `u`, `low + floor(u (high - low))`.
    #[inline]
    pub fn random_range(&mut self, low: u64, high: u64) -> u64 {
        if high <= low + 1 {
            return low;
        }
        let span = high - low;
        (low + (self.random_f64() * span as f64) as u64).min(high - 1)
    }

    /// A uniform real in `[low, high)`: one draw.
    #[inline]
    pub fn random_uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.random_f64()
    }

    /// Turns left after the current one, when the length is announced:
    /// `match_length - history.len() - 1`.
    #[inline]
    pub fn turns_left_after(&self, history: &History) -> Option<u64> {
        self.match_length
            .map(|n| n.saturating_sub(history.len() as u64 + 1))
    }
}

/// A uniform draw in `[0, 1)` from the top 53 bits of one 64-bit output.
#[inline]
pub(crate) fn unit_f64(rng: &mut MatchRng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A strategy of the repeated game.
///
/// Implementations are plain data, `Send + Sync` and cloneable (through
/// [`Strategy::clone_box`]), so a tournament can build a fresh copy for every
/// match and run matches on many threads.
pub trait Strategy: Send + Sync + 'static {
    /// The strategy's name (Axelrod-Python's name where it has one).
    fn name(&self) -> &str;

    /// What is known about how the strategy decides.
    fn classifier(&self) -> Classifier;

    /// Forgets everything learnt in a match: the state before the first turn.
    /// A match calls it before the first turn.
    fn reset(&mut self);

    /// The move for the next turn (before any trembling-hand noise), given this
    /// player's history so far and the context.
    fn next_action(&mut self, history: &History, ctx: &mut Context<'_>) -> Action;

    /// A boxed copy, in its current state.
    fn clone_box(&self) -> Box<dyn Strategy>;
}

impl Clone for Box<dyn Strategy> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl std::fmt::Debug for dyn Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strategy({})", self.name())
    }
}

/// Plays `strategy` against a fixed sequence of opponent moves (repeated when
/// the sequence is shorter than `turns`; all C if it is empty), with no noise,
/// the default prisoner's dilemma, the length announced, and the random stream
/// of `seed`. Returns the strategy's moves. The helper behind versus tests, as
/// Axelrod-Python's `versus_test`.
pub fn versus(
    strategy: &mut dyn Strategy,
    opponent: &[Action],
    turns: usize,
    seed: u64,
) -> Vec<Action> {
    versus_in(strategy, opponent, turns, seed, MatchInfo::default())
}

/// As [`versus`], with the strategy told `info` (noise levels and the
/// opponent's tag relation). The opponent's moves are given as perceived:
/// no noise is applied to them.
pub fn versus_in(
    strategy: &mut dyn Strategy,
    opponent: &[Action],
    turns: usize,
    seed: u64,
    info: MatchInfo,
) -> Vec<Action> {
    use rand::SeedableRng;
    let payoffs = Payoffs::default();
    let mut rng = MatchRng::seed_from_u64(seed);
    let mut history = History::with_capacity(turns);
    strategy.reset();
    let mut out = Vec::with_capacity(turns);
    for t in 0..turns {
        let mut ctx = Context::new(&payoffs, Some(turns as u64), &mut rng).with_info(info);
        let a = strategy.next_action(&history, &mut ctx);
        let b = if opponent.is_empty() {
            Action::C
        } else {
            opponent[t % opponent.len()]
        };
        history.push(a, b);
        out.push(a);
    }
    out
}

/// Parses a string of `C`/`D` letters into actions; `None` on any other letter.
pub fn parse_moves(moves: &str) -> Option<Vec<Action>> {
    moves.chars().map(Action::from_char).collect()
}

/// Writes actions as a string of `C`/`D` letters.
pub fn moves_to_string(moves: &[Action]) -> String {
    moves.iter().map(|a| a.as_char()).collect()
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers for versus tests.
    use super::*;

    /// Asserts the moves of `name` (from the built-in registry) against a
    /// fixed opponent sequence given as a `C`/`D` string.
    pub fn versus_test(name: &str, opponent: &str, expected: &str) {
        let registry = Registry::builtin();
        let mut s = registry
            .create(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let opp = parse_moves(opponent).expect("bad opponent string");
        let got = versus(&mut *s, &opp, expected.len(), 0);
        assert_eq!(moves_to_string(&got), expected, "{name} versus {opponent}");
    }

    /// As [`versus_test`], with the strategy told `info`.
    pub fn versus_test_in(name: &str, info: MatchInfo, opponent: &str, expected: &str) {
        let registry = Registry::builtin();
        let mut s = registry
            .create(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let opp = parse_moves(opponent).expect("bad opponent string");
        let got = versus_in(&mut *s, &opp, expected.len(), 0, info);
        assert_eq!(
            moves_to_string(&got),
            expected,
            "{name} versus {opponent} with {info:?}"
        );
    }
}
