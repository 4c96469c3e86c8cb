//! The stage game of a match: both players' payoffs over `N` moves.

use crate::strategy::Payoffs;
use crate::{Error, MatrixGame, Result};

/// The payoffs of an `N`x`N` stage game, indexed `[row move][column move]`
/// by [`Move::index`](crate::action::Move::index).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Game<const N: usize> {
    /// Row player's payoffs.
    pub row: [[f64; N]; N],
    /// Column player's payoffs.
    pub col: [[f64; N]; N],
}

/// The payoffs of a 2x2 stage game, indexed `[row action][column action]`.
pub type StageGame = Game<2>;

impl<const N: usize> Game<N> {
    /// From an `N`x`N` [`MatrixGame`]; an error naming `operation` and
    /// `requirement` if the game has another shape.
    pub(crate) fn from_matrix(
        game: &MatrixGame,
        operation: &'static str,
        requirement: &'static str,
    ) -> Result<Self> {
        if game.shape() != (N, N) {
            return Err(Error::UnsupportedGame {
                operation,
                requirement,
                found: format!("{}x{}", game.shape().0, game.shape().1),
            });
        }
        let mut g = Game {
            row: [[0.0; N]; N],
            col: [[0.0; N]; N],
        };
        for i in 0..N {
            for j in 0..N {
                (g.row[i][j], g.col[i][j]) = game.payoffs(i, j);
            }
        }
        Ok(g)
    }

    /// The game of moves 0 and 1 (C and D; R and A) as the row player sees
    /// it: what a [`Strategy`](crate::strategy::Strategy) is told.
    pub fn row_view(&self) -> Payoffs {
        let block = |m: &[[f64; N]; N]| [[m[0][0], m[0][1]], [m[1][0], m[1][1]]];
        Payoffs::new(block(&self.row), block(&self.col))
    }

    /// The game of moves 0 and 1 as the column player sees it (its own move
    /// first).
    pub fn col_view(&self) -> Payoffs {
        let transposed = |m: &[[f64; N]; N]| [[m[0][0], m[1][0]], [m[0][1], m[1][1]]];
        Payoffs::new(transposed(&self.col), transposed(&self.row))
    }

    /// Whether the game looks the same from both sides (B = Aᵀ exactly).
    pub fn is_symmetric(&self) -> bool {
        (0..N).all(|i| (0..N).all(|j| self.row[i][j] == self.col[j][i]))
    }
}

impl Game<2> {
    /// A symmetric dilemma with reward `r`, sucker `s`, temptation `t`,
    /// punishment `p`.
    pub const fn symmetric(r: f64, s: f64, t: f64, p: f64) -> Self {
        Game {
            row: [[r, s], [t, p]],
            col: [[r, t], [s, p]],
        }
    }

    /// From a 2x2 [`MatrixGame`]; an error if the game is not 2x2.
    pub fn from_game(game: &MatrixGame) -> Result<Self> {
        Self::from_matrix(game, "a repeated-game match", "a 2x2 game")
    }
}

impl Default for Game<2> {
    /// The prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1).
    fn default() -> Self {
        StageGame::symmetric(3.0, 0.0, 5.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Action;

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
