//! The three-action security dilemma played repeatedly: restrain (R), arm (A)
//! or build a defensive posture (H).
//!
//! The stage game is [`SecurityDilemma::to_three_action_game`]: H costs
//! c_H = c θ / (1 - θ) and its payoffs mix, by the differentiation δ, those of
//! arming (a posture the other cannot tell from an offensive one) and those of
//! a purely defensive build-up. This module plays it as a repeated game:
//!
//! - [`Posture`] and [`PostureHistory`]: the moves and what a player has seen;
//! - [`PostureStrategy`]: a strategy of the three-action game. Every
//!   two-action strategy of the [`Registry`](crate::strategy::Registry) plays
//!   it through [`TwoAction`] (it restrains or arms, and reads an H as
//!   restraint); [`NonOffensiveDefender`] and [`AlwaysDefend`] use H;
//! - [`PostureMatch`]: one match, with action noise and the model's
//!   perception ([`PosturePerception`]: differentiation decides how often an H
//!   looks like arming);
//! - [`PostureTournament`]: a round robin from a [`TournamentConfig`] with
//!   `three_action = true`, in parallel, bit-identical for any thread count.
//!
//! ## References
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World
//!   Politics* 30(2):167-214 (defensive postures that can be told apart from
//!   offensive ones make restraint safe).
//! - Glaser, C. L. (1997). The security dilemma revisited. *World Politics*
//!   50(1):171-201.
//!
//! [`SecurityDilemma::to_three_action_game`]: crate::game::SecurityDilemma::to_three_action_game
//! [`TournamentConfig`]: crate::tournament::TournamentConfig

mod play;
mod results;
mod strategy;
mod tournament;

pub mod output;

pub use play::{
    PostureGame, PostureMatch, PostureMatchConfig, PostureMatchResult, PosturePerception,
};
pub use results::{
    PostureAccumulator, PostureResults, PostureSide, PostureStatistics, PostureSummaryRow,
};
pub use strategy::{
    create, native_strategies, AlwaysDefend, NativeStrategy, NonOffensiveDefender, PostureStrategy,
    TwoAction,
};
pub use tournament::{PostureTournament, ThreeActionMatches};

use crate::Action;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A move of the three-action security dilemma.
///
/// As an index into the payoff matrix of
/// [`to_three_action_game`](crate::game::SecurityDilemma::to_three_action_game),
/// R is 0, A is 1 and H is 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Posture {
    /// Restrain.
    R = 0,
    /// Arm: an offensive build-up.
    A = 1,
    /// A defensive build-up.
    H = 2,
}

impl Posture {
    /// All three, in index order.
    pub const ALL: [Posture; 3] = [Posture::R, Posture::A, Posture::H];

    /// The row or column index in the three-action payoff matrix.
    #[inline]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The posture of a two-action move: C is R, D is A.
    #[inline]
    pub const fn from_action(a: Action) -> Posture {
        match a {
            Action::C => Posture::R,
            Action::D => Posture::A,
        }
    }

    /// How a two-action strategy reads the posture: A as D (arming); R and H
    /// as C, since a defensive posture threatens no one.
    #[inline]
    pub const fn as_two_action(self) -> Action {
        match self {
            Posture::A => Action::D,
            Posture::R | Posture::H => Action::C,
        }
    }

    /// The posture's letter.
    pub const fn as_char(self) -> char {
        match self {
            Posture::R => 'R',
            Posture::A => 'A',
            Posture::H => 'H',
        }
    }

    /// Parses `R`, `A` or `H` (any case; also `C` for R and `D` for A).
    pub const fn from_char(c: char) -> Option<Posture> {
        match c {
            'R' | 'r' | 'C' | 'c' => Some(Posture::R),
            'A' | 'a' | 'D' | 'd' => Some(Posture::A),
            'H' | 'h' => Some(Posture::H),
            _ => None,
        }
    }
}

impl fmt::Display for Posture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

/// Parses a string of posture letters; `None` on any other letter.
pub fn parse_postures(moves: &str) -> Option<Vec<Posture>> {
    moves.chars().map(Posture::from_char).collect()
}

/// Writes postures as a string of letters.
pub fn postures_to_string(moves: &[Posture]) -> String {
    moves.iter().map(|p| p.as_char()).collect()
}

/// What one player knows of a match so far: its own postures and what it
/// perceived of the other's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostureHistory {
    own: Vec<Posture>,
    opp: Vec<Posture>,
}

impl PostureHistory {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// A history from two equally long move lists (own, perceived opponent).
    ///
    /// # Panics
    /// If the lengths differ.
    pub fn from_moves(own: &[Posture], opp: &[Posture]) -> Self {
        assert_eq!(own.len(), opp.len(), "histories of unequal length");
        PostureHistory {
            own: own.to_vec(),
            opp: opp.to_vec(),
        }
    }

    /// Forgets every turn, keeping the buffers.
    pub fn clear(&mut self) {
        self.own.clear();
        self.opp.clear();
    }

    /// Reserves room for `additional` more turns.
    pub fn reserve(&mut self, additional: usize) {
        self.own.reserve(additional);
        self.opp.reserve(additional);
    }

    /// Records a turn: the own posture and the opponent's as perceived.
    #[inline]
    pub fn push(&mut self, own: Posture, opp: Posture) {
        self.own.push(own);
        self.opp.push(opp);
    }

    /// Turns played.
    #[inline]
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// `true` before the first turn.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// Own postures.
    pub fn own(&self) -> &[Posture] {
        &self.own
    }

    /// The opponent's postures as perceived.
    pub fn opp(&self) -> &[Posture] {
        &self.opp
    }

    /// The last own posture.
    #[inline]
    pub fn last_own(&self) -> Option<Posture> {
        self.own.last().copied()
    }

    /// The opponent's last posture as perceived.
    #[inline]
    pub fn last_opp(&self) -> Option<Posture> {
        self.opp.last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip_and_two_action_reading() {
        let moves = parse_postures("RAHrah").unwrap();
        assert_eq!(postures_to_string(&moves), "RAHRAH");
        assert_eq!(parse_postures("RX"), None);
        assert_eq!(Posture::from_char('D'), Some(Posture::A));
        for a in [Action::C, Action::D] {
            assert_eq!(Posture::from_action(a).as_two_action(), a);
        }
        assert_eq!(Posture::H.as_two_action(), Action::C);
        assert_eq!(
            Posture::ALL.map(Posture::index),
            [0, 1, 2],
            "indices follow to_three_action_game"
        );
    }
}
