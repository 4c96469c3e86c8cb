//! What a seat of an n-player match sees before it moves: its noise and
//! stage payoffs ([`SeatInfo`]) and last turn's profile as it perceived it
//! ([`View`]), with its allies marked (docs/model.md §20.5).

use super::stage::GroupGame;
use crate::action::{Action, Perception};

/// What a seat knows of the match besides the moves (docs/model.md §20.5):
/// the noise that may have changed what it saw, and its stage payoffs
/// reduced to a two-player game.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatInfo {
    /// `noise[l]`: the probability that seat l's intended move flips.
    pub noise: Vec<f64>,
    /// `perception[l]`: how this seat misreads seat l (its own entry unused).
    pub perception: Vec<Perception>,
    /// This seat's payoffs R, S, T, P with every other seat playing alike:
    /// (C, all C), (C, all D), (D, all C), (D, all D).
    pub rstp: [f64; 4],
}

impl SeatInfo {
    /// A noise-free match among `n` seats with the prisoner's dilemma's
    /// R = 3, S = 0, T = 5, P = 1.
    pub fn noiseless(n: usize) -> Self {
        SeatInfo {
            noise: vec![0.0; n],
            perception: vec![Perception::symmetric(0.0); n],
            rstp: [3.0, 0.0, 5.0, 1.0],
        }
    }

    /// The trust threshold q* of [`Self::rstp`] (docs/model.md §4.3): F / (F - G)
    /// in a stag hunt, 1/2 in any other game.
    pub fn trust_threshold(&self) -> f64 {
        let [r, s, t, p] = self.rstp;
        crate::game::Classification::from_rstp(r, s, t, p)
            .trust_threshold()
            .unwrap_or(0.5)
    }

    /// The probability that this seat perceives seat `l`'s move as D when
    /// `l` intended C with probability `intended_c`: the move flips with
    /// `l`'s action noise, then is misread with this seat's perception.
    pub(super) fn perceived_d(&self, l: usize, intended_c: f64) -> f64 {
        let e = self.noise[l];
        let p = &self.perception[l];
        let d_if_c = (1.0 - e) * p.c_as_d + e * (1.0 - p.d_as_c);
        let d_if_d = (1.0 - e) * (1.0 - p.d_as_c) + e * p.c_as_d;
        intended_c * d_if_c + (1.0 - intended_c) * d_if_d
    }
}

/// What a player sees before it moves.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// Its seat.
    pub seat: usize,
    /// The turn about to be played (0 for the first).
    pub turn: u64,
    /// Last turn's profile as it perceived it (its own real move in its own
    /// seat); `None` on the first turn.
    pub last: Option<&'a [Action]>,
    /// `allies[l]`: seat `l` is an ally (never its own seat).
    pub allies: &'a [bool],
    /// The match's noise and the seat's payoffs.
    pub info: &'a SeatInfo,
    /// The stage game (every seat's payoffs).
    pub game: &'a GroupGame,
}

impl View<'_> {
    /// Among the other seats `of` selects, how many cooperated and how many
    /// defected last turn, as perceived (0, 0 on the first turn).
    pub(super) fn counts(&self, of: impl Fn(usize) -> bool) -> (usize, usize) {
        let Some(last) = self.last else {
            return (0, 0);
        };
        let mut c = (0, 0);
        for (l, &a) in last.iter().enumerate() {
            if l != self.seat && of(l) {
                if a == Action::C {
                    c.0 += 1;
                } else {
                    c.1 += 1;
                }
            }
        }
        c
    }

    pub(super) fn others(&self) -> (usize, usize) {
        self.counts(|_| true)
    }

    pub(super) fn outsiders(&self) -> (usize, usize) {
        self.counts(|l| !self.allies[l])
    }

    pub(super) fn ally_counts(&self) -> (usize, usize) {
        self.counts(|l| self.allies[l])
    }
}
