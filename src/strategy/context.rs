//! What a strategy is told besides its history: the stage game from its side
//! ([`Payoffs`]), the match's conditions ([`MatchInfo`]) and its random stream
//! ([`Context`], [`MatchRng`]).

use super::history::MoveHistory;
use crate::action::{Move, Perception};
use crate::Action;
use rand::Rng;

/// The random-number generator a match hands to its strategies and uses for
/// noise: ChaCha with 8 rounds (see [`crate::play`] for the stream layout).
pub type MatchRng = rand_chacha::ChaCha8Rng;

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
    pub fn turns_left_after<M: Move>(&self, history: &MoveHistory<M>) -> Option<u64> {
        self.match_length
            .map(|n| n.saturating_sub(history.len() as u64 + 1))
    }
}

/// A uniform draw in `[0, 1)` from the top 53 bits of one 64-bit output.
#[inline]
pub(crate) fn unit_f64(rng: &mut MatchRng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}
