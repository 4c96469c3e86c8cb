//! The three postures R, A and H ([`Posture`]) as a move alphabet
//! ([`Move`]), and what a player remembers of them ([`PostureHistory`]).

use crate::action::Move;
use crate::strategy::MoveHistory;
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

/// What one player knows of a three-action match so far: its own postures
/// and what it perceived of the other's.
pub type PostureHistory = MoveHistory<Posture>;

impl Posture {
    /// All three, in index order.
    pub const ALL: [Posture; 3] = [Posture::R, Posture::A, Posture::H];

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
}

impl fmt::Display for Posture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// R, A, H (also read from C for R and D for A).
impl Move for Posture {
    const ALL: &'static [Self] = &Posture::ALL;
    const HOSTILE: Self = Posture::A;
    const LETTERS: &'static [&'static str] = &["RC", "AD", "H"];

    #[inline]
    fn index(self) -> usize {
        self as usize
    }
}

/// Parses a string of posture letters; `None` on any other letter.
pub fn parse_postures(moves: &str) -> Option<Vec<Posture>> {
    crate::strategy::parse_moves(moves)
}

/// Writes postures as a string of letters.
pub fn postures_to_string(moves: &[Posture]) -> String {
    crate::strategy::moves_to_string(moves)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip_and_two_action_reading() {
        let moves = parse_postures("RAHrah").unwrap();
        assert_eq!(postures_to_string(&moves), "RAHRAH");
        assert_eq!(parse_postures("RX"), None);
        assert_eq!(Posture::from_letter('D'), Some(Posture::A));
        assert_eq!(Posture::from_letter('h'), Some(Posture::H));
        assert_eq!(Posture::H.letter(), 'H');
        for a in [Action::C, Action::D] {
            assert_eq!(Posture::from_action(a).as_two_action(), a);
        }
        assert_eq!(Posture::H.as_two_action(), Action::C);
        assert_eq!(
            Posture::ALL.map(Move::index),
            [0, 1, 2],
            "indices follow to_three_action_game"
        );
    }
}
