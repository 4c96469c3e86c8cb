//! The moves of a repeated dilemma: the [`Move`] alphabet every match engine,
//! history and strategy is written over, and its two-action instance
//! [`Action`] with the two-action [`Perception`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// A move in a two-action dilemma.
///
/// In the prisoner's dilemma `C` cooperates and `D` defects; in the security
/// dilemma `C` is *restrain* (R) and `D` is *arm* (A). As an index into a payoff
/// matrix, `C` is action 0 and `D` action 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Action {
    /// Cooperate / restrain (action 0).
    C = 0,
    /// Defect / arm (action 1).
    D = 1,
}

impl Action {
    /// The action's row or column index in a payoff matrix (C = 0, D = 1).
    #[inline]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The other action.
    #[inline]
    pub const fn flip(self) -> Action {
        match self {
            Action::C => Action::D,
            Action::D => Action::C,
        }
    }

    /// `true` for [`Action::C`].
    #[inline]
    pub const fn is_cooperation(self) -> bool {
        matches!(self, Action::C)
    }

    /// The action from a boolean "cooperates?".
    #[inline]
    pub const fn from_cooperation(cooperates: bool) -> Action {
        if cooperates {
            Action::C
        } else {
            Action::D
        }
    }

    /// The action's letter, `'C'` or `'D'`.
    #[inline]
    pub const fn as_char(self) -> char {
        match self {
            Action::C => 'C',
            Action::D => 'D',
        }
    }

    /// Parses `'C'` or `'D'` (also `'R'` = restrain and `'A'` = arm).
    pub const fn from_char(c: char) -> Option<Action> {
        match c {
            'C' | 'c' | 'R' | 'r' => Some(Action::C),
            'D' | 'd' | 'A' | 'a' => Some(Action::D),
            _ => None,
        }
    }
}

/// A move alphabet: the moves of a repeated stage game as histories,
/// strategies and the match engine ([`crate::play`]) see them. Move 0 is the
/// peaceful one (cooperate, restrain); one move is *hostile* (defect, arm):
/// the move whose causes a match counts (docs/model.md §8.7, §7.6).
///
/// [`Action`] (C, D) is the two-action alphabet and
/// [`Posture`](crate::posture::Posture) (R, A, H) the three-action one.
pub trait Move: Copy + Eq + fmt::Debug + Send + Sync + 'static {
    /// Every move, in index order (the peaceful one first).
    const ALL: &'static [Self];
    /// The hostile move.
    const HOSTILE: Self;
    /// For each move in index order, the letters it is read from (in either
    /// case); it is written as the first.
    const LETTERS: &'static [&'static str];

    /// The move's row or column index in a payoff matrix.
    fn index(self) -> usize;

    /// The peaceful move (index 0).
    #[inline]
    fn peaceful() -> Self {
        Self::ALL[0]
    }

    /// Whether it is the hostile move.
    #[inline]
    fn is_hostile(self) -> bool {
        self == Self::HOSTILE
    }

    /// 1 for the hostile move, 0 for the others: what a history adds to its
    /// count of hostile moves each turn.
    #[inline]
    fn hostility(self) -> usize {
        usize::from(self.is_hostile())
    }

    /// The move's letter.
    fn letter(self) -> char {
        Self::LETTERS[self.index()].chars().next().unwrap_or('?')
    }

    /// The move a letter stands for; `None` for a letter of no move.
    fn from_letter(c: char) -> Option<Self> {
        Self::ALL
            .iter()
            .zip(Self::LETTERS)
            .find(|(_, letters)| letters.chars().any(|l| l.eq_ignore_ascii_case(&c)))
            .map(|(&m, _)| m)
    }
}

impl Move for Action {
    const ALL: &'static [Self] = &[Action::C, Action::D];
    const HOSTILE: Self = Action::D;
    const LETTERS: &'static [&'static str] = &["CR", "DA"];

    #[inline]
    fn index(self) -> usize {
        self as usize
    }

    /// D's index is 1 and C's 0, so the index itself: a plain widening that
    /// keeps the per-turn history update two integer additions.
    #[inline]
    fn hostility(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

/// Perception noise of one observer: how it misreads the other's move.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Perception {
    /// Probability that a real C is seen as D.
    pub c_as_d: f64,
    /// Probability that a real D is seen as C.
    pub d_as_c: f64,
}

impl Perception {
    /// The same error probability both ways.
    pub const fn symmetric(e: f64) -> Self {
        Perception {
            c_as_d: e,
            d_as_c: e,
        }
    }

    /// `true` when it never misreads.
    pub fn is_perfect(&self) -> bool {
        self.c_as_d <= 0.0 && self.d_as_c <= 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_flip_and_letters_are_consistent() {
        assert_eq!(Action::C.index(), 0);
        assert_eq!(Action::D.index(), 1);
        assert_eq!(Action::C.flip(), Action::D);
        assert_eq!(Action::D.flip().flip(), Action::D);
        for a in [Action::C, Action::D] {
            assert_eq!(Action::from_char(a.as_char()), Some(a));
        }
        assert_eq!(Action::from_char('R'), Some(Action::C));
        assert_eq!(Action::from_char('A'), Some(Action::D));
        assert_eq!(Action::from_char('x'), None);
    }
}
