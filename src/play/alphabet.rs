//! What the match engine needs of a move alphabet beyond its moves: the
//! trembling hand and how an observer misreads a move (docs/model.md §8.3,
//! §8.4, §7.5); and the two-action alphabet.

use super::rules::PerceptionRule;
use crate::action::{Move, Perception};
use crate::strategy::{unit_f64, MatchRng};
use crate::Action;

/// A move alphabet of `N` moves that a match can be played over; `S = N * N`
/// is its number of states (pairs of moves). [`Action`] is `Alphabet<2, 4>`,
/// [`Posture`](crate::posture::Posture) is `Alphabet<3, 9>`.
///
/// Both rules draw from the match's environment stream, and only for a
/// probability strictly between 0 and 1 (docs/model.md §8.5), so the draws a match
/// makes depend on the alphabet's rules alone.
pub trait Alphabet<const N: usize, const S: usize>: Move {
    /// How one observer misreads the other's moves.
    type Perception: PerceptionRule;

    /// Whether its matches count the state-to-action transitions
    /// ([`MatchOutcome::transitions`](super::MatchOutcome::transitions)):
    /// `N * S` counters per player, which only statistics that use them
    /// should pay for.
    const COUNTS_TRANSITIONS: bool;

    /// The move actually played when `self` is intended under action noise
    /// `noise` (called only for `noise > 0`).
    fn tremble(self, noise: f64, rng: &mut MatchRng) -> Self;

    /// What an observer with `perception` sees of the real move `self`.
    fn seen_by(self, perception: &Self::Perception, rng: &mut MatchRng) -> Self;
}

/// Whether an event of probability `p` happens: one draw `u` and `u < p` when
/// `0 < p < 1`; no draw otherwise (`p <= 0` never happens, `p >= 1` always
/// does).
#[inline]
pub(crate) fn happens(p: f64, rng: &mut MatchRng) -> bool {
    p >= 1.0 || (p > 0.0 && unit_f64(rng) < p)
}

impl Alphabet<2, 4> for Action {
    type Perception = Perception;
    /// The two-action statistics report them (Axelrod-Python's
    /// state-to-cooperation rates).
    const COUNTS_TRANSITIONS: bool = true;

    /// Flips with probability `noise`.
    #[inline]
    fn tremble(self, noise: f64, rng: &mut MatchRng) -> Self {
        if happens(noise, rng) {
            self.flip()
        } else {
            self
        }
    }

    /// Flips with probability `c_as_d` (a real C) or `d_as_c` (a real D).
    #[inline]
    fn seen_by(self, perception: &Perception, rng: &mut MatchRng) -> Self {
        let error = match self {
            Action::C => perception.c_as_d,
            Action::D => perception.d_as_c,
        };
        if happens(error, rng) {
            self.flip()
        } else {
            self
        }
    }
}
