//! Two-player normal-form games.

use crate::error::{Error, Result};
use ndarray::{Array1, Array2, ArrayView1};
use serde::{Deserialize, Serialize};

/// A two-player normal-form (bimatrix) game.
///
/// `A[(i, j)]` is the row player's payoff and `B[(i, j)]` the column player's
/// when the row player plays action `i` and the column player action `j`. The
/// game is *symmetric* when `B = Aᵀ` (and both have the same number of actions),
/// and *zero-sum* when `B = -A`.
///
/// Construction checks the game: both matrices have the same shape, at least
/// 1x1, and every payoff is finite. A game that exists is a valid game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "GameRecord", into = "GameRecord")]
pub struct MatrixGame {
    name: String,
    row_payoffs: Array2<f64>,
    col_payoffs: Array2<f64>,
    row_actions: Vec<String>,
    col_actions: Vec<String>,
}

impl MatrixGame {
    /// A game from the row player's payoffs `a` and the column player's `b`.
    ///
    /// Actions are named `1, 2, ...` and the game is unnamed; see
    /// [`MatrixGame::with_action_names`] and [`MatrixGame::with_name`].
    pub fn new(a: Array2<f64>, b: Array2<f64>) -> Result<Self> {
        for (player, m) in [("row", &a), ("column", &b)] {
            if m.nrows() == 0 || m.ncols() == 0 {
                return Err(Error::EmptyGame {
                    player,
                    rows: m.nrows(),
                    cols: m.ncols(),
                });
            }
        }
        if a.dim() != b.dim() {
            return Err(Error::ShapeMismatch {
                row_shape: a.dim(),
                col_shape: b.dim(),
            });
        }
        for (player, m) in [("row", &a), ("column", &b)] {
            if let Some(((row, col), &value)) = m.indexed_iter().find(|(_, v)| !v.is_finite()) {
                return Err(Error::NonFinitePayoff {
                    player,
                    row,
                    col,
                    value,
                });
            }
        }
        let (m, n) = a.dim();
        Ok(MatrixGame {
            name: String::new(),
            row_actions: numbered(m),
            col_actions: numbered(n),
            row_payoffs: a,
            col_payoffs: b,
        })
    }

    /// A game from nested rows of (row payoff, column payoff) pairs, the way
    /// games are written on paper: `cells[i][j] = (A[i][j], B[i][j])`.
    pub fn from_cells(cells: &[Vec<(f64, f64)>]) -> Result<Self> {
        let m = cells.len();
        let n = cells.first().map_or(0, Vec::len);
        if let Some((i, row)) = cells.iter().enumerate().find(|(_, r)| r.len() != n) {
            return Err(Error::ShapeMismatch {
                row_shape: (m, n),
                col_shape: (i, row.len()),
            });
        }
        let a = Array2::from_shape_fn((m, n), |(i, j)| cells[i][j].0);
        let b = Array2::from_shape_fn((m, n), |(i, j)| cells[i][j].1);
        Self::new(a, b)
    }

    /// A symmetric game: the column player's payoffs are `Aᵀ`.
    pub fn symmetric(a: Array2<f64>) -> Result<Self> {
        if a.nrows() != a.ncols() {
            return Err(Error::UnsupportedGame {
                operation: "a symmetric game",
                requirement: "a square payoff matrix",
                found: format!("{}x{}", a.nrows(), a.ncols()),
            });
        }
        let b = a.t().to_owned();
        Self::new(a, b)
    }

    /// A zero-sum game: the column player's payoffs are `-A`.
    pub fn zero_sum(a: Array2<f64>) -> Result<Self> {
        let b = a.mapv(|x| -x);
        Self::new(a, b)
    }

    /// The same game with the given name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The same game with the given action names.
    pub fn with_action_names<S: Into<String>>(
        mut self,
        row: impl IntoIterator<Item = S>,
        col: impl IntoIterator<Item = S>,
    ) -> Result<Self> {
        let row: Vec<String> = row.into_iter().map(Into::into).collect();
        let col: Vec<String> = col.into_iter().map(Into::into).collect();
        let (m, n) = self.shape();
        if row.len() != m {
            return Err(Error::ActionNames {
                player: "row",
                actions: m,
                names: row.len(),
            });
        }
        if col.len() != n {
            return Err(Error::ActionNames {
                player: "column",
                actions: n,
                names: col.len(),
            });
        }
        self.row_actions = row;
        self.col_actions = col;
        Ok(self)
    }

    /// The game's name (empty when unnamed).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The row player's payoffs `A`.
    pub fn row_payoffs(&self) -> &Array2<f64> {
        &self.row_payoffs
    }

    /// The column player's payoffs `B`.
    pub fn col_payoffs(&self) -> &Array2<f64> {
        &self.col_payoffs
    }

    /// The row player's action names.
    pub fn row_actions(&self) -> &[String] {
        &self.row_actions
    }

    /// The column player's action names.
    pub fn col_actions(&self) -> &[String] {
        &self.col_actions
    }

    /// `(number of row actions, number of column actions)`.
    pub fn shape(&self) -> (usize, usize) {
        self.row_payoffs.dim()
    }

    /// Both payoffs of the pure profile `(i, j)`: `(A[i][j], B[i][j])`.
    pub fn payoffs(&self, i: usize, j: usize) -> (f64, f64) {
        (self.row_payoffs[(i, j)], self.col_payoffs[(i, j)])
    }

    /// `true` when the game is square and `B = Aᵀ` within `tolerance`.
    pub fn is_symmetric(&self, tolerance: f64) -> bool {
        let (m, n) = self.shape();
        m == n
            && self
                .row_payoffs
                .indexed_iter()
                .all(|((i, j), &a)| (a - self.col_payoffs[(j, i)]).abs() <= tolerance)
    }

    /// `true` when `A + B = 0` within `tolerance`.
    pub fn is_zero_sum(&self, tolerance: f64) -> bool {
        self.row_payoffs
            .iter()
            .zip(self.col_payoffs.iter())
            .all(|(a, b)| (a + b).abs() <= tolerance)
    }

    /// `true` when `A + B` is the same number in every cell, within `tolerance`
    /// (a constant-sum game is strategically a zero-sum game).
    pub fn is_constant_sum(&self, tolerance: f64) -> bool {
        let first = self.row_payoffs[(0, 0)] + self.col_payoffs[(0, 0)];
        self.row_payoffs
            .iter()
            .zip(self.col_payoffs.iter())
            .all(|(a, b)| (a + b - first).abs() <= tolerance)
    }

    /// `true` when every payoff is an integer.
    pub fn has_integer_payoffs(&self) -> bool {
        self.row_payoffs
            .iter()
            .chain(self.col_payoffs.iter())
            .all(|x| x.fract() == 0.0)
    }

    /// The game seen from the other seat: the column player becomes the row
    /// player (`A' = Bᵀ`, `B' = Aᵀ`).
    pub fn transposed(&self) -> MatrixGame {
        MatrixGame {
            name: self.name.clone(),
            row_payoffs: self.col_payoffs.t().to_owned(),
            col_payoffs: self.row_payoffs.t().to_owned(),
            row_actions: self.col_actions.clone(),
            col_actions: self.row_actions.clone(),
        }
    }

    /// Expected payoffs `(xᵀAy, xᵀBy)` of the mixed profile `(x, y)`.
    ///
    /// # Panics
    /// If the strategies' lengths do not match the game's shape.
    pub fn expected_payoffs(&self, x: ArrayView1<f64>, y: ArrayView1<f64>) -> (f64, f64) {
        (
            x.dot(&self.row_payoffs.dot(&y)),
            x.dot(&self.col_payoffs.dot(&y)),
        )
    }

    /// Payoff of each row action against the column player's mixed strategy `y`: `A y`.
    pub fn row_action_payoffs(&self, y: ArrayView1<f64>) -> Array1<f64> {
        self.row_payoffs.dot(&y)
    }

    /// Payoff of each column action against the row player's mixed strategy `x`: `Bᵀ x`.
    pub fn col_action_payoffs(&self, x: ArrayView1<f64>) -> Array1<f64> {
        self.col_payoffs.t().dot(&x)
    }
}

fn numbered(n: usize) -> Vec<String> {
    (1..=n).map(|k| k.to_string()).collect()
}

/// The serialised form of a [`MatrixGame`]: plain nested lists, so JSON output
/// reads as `A[i][j]`.
#[derive(Serialize, Deserialize)]
struct GameRecord {
    #[serde(default)]
    name: String,
    row_actions: Vec<String>,
    col_actions: Vec<String>,
    #[serde(rename = "A")]
    a: Vec<Vec<f64>>,
    #[serde(rename = "B")]
    b: Vec<Vec<f64>>,
}

impl From<MatrixGame> for GameRecord {
    fn from(g: MatrixGame) -> Self {
        let rows = |m: &Array2<f64>| m.rows().into_iter().map(|r| r.to_vec()).collect();
        GameRecord {
            a: rows(&g.row_payoffs),
            b: rows(&g.col_payoffs),
            name: g.name,
            row_actions: g.row_actions,
            col_actions: g.col_actions,
        }
    }
}

impl TryFrom<GameRecord> for MatrixGame {
    type Error = Error;

    fn try_from(r: GameRecord) -> Result<Self> {
        let cells: Vec<Vec<(f64, f64)>> =
            r.a.iter()
                .zip(r.b.iter())
                .map(|(ra, rb)| ra.iter().copied().zip(rb.iter().copied()).collect())
                .collect();
        if r.a.len() != r.b.len() || r.a.iter().zip(&r.b).any(|(x, y)| x.len() != y.len()) {
            return Err(Error::ShapeMismatch {
                row_shape: (r.a.len(), r.a.first().map_or(0, Vec::len)),
                col_shape: (r.b.len(), r.b.first().map_or(0, Vec::len)),
            });
        }
        MatrixGame::from_cells(&cells)?
            .with_name(r.name)
            .with_action_names(r.row_actions, r.col_actions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn rejects_empty_mismatched_and_non_finite_games() {
        let empty = Array2::<f64>::zeros((0, 2));
        assert!(matches!(
            MatrixGame::new(empty.clone(), empty),
            Err(Error::EmptyGame { player: "row", .. })
        ));
        assert!(matches!(
            MatrixGame::new(array![[1.0, 2.0]], array![[1.0], [2.0]]),
            Err(Error::ShapeMismatch { .. })
        ));
        let err = MatrixGame::new(array![[1.0, 2.0]], array![[1.0, f64::NAN]]).unwrap_err();
        assert!(matches!(
            err,
            Error::NonFinitePayoff {
                player: "column",
                row: 0,
                col: 1,
                ..
            }
        ));
        assert!(err.to_string().contains("(row 0, column 1)"), "{err}");
        assert!(MatrixGame::new(array![[f64::INFINITY]], array![[0.0]]).is_err());
    }

    #[test]
    fn symmetric_and_zero_sum_constructors() {
        let g = MatrixGame::symmetric(array![[3.0, 0.0], [5.0, 1.0]]).unwrap();
        assert!(g.is_symmetric(0.0));
        assert_eq!(g.payoffs(0, 1), (0.0, 5.0));
        assert!(!g.is_zero_sum(0.0));
        let z = MatrixGame::zero_sum(array![[1.0, -1.0], [-1.0, 1.0]]).unwrap();
        assert!(z.is_zero_sum(0.0));
        assert!(z.is_constant_sum(0.0));
        assert!(MatrixGame::symmetric(array![[1.0, 2.0]]).is_err());
    }

    #[test]
    fn expected_payoffs_and_transpose() {
        let g = MatrixGame::new(
            array![[1.0, 2.0], [3.0, 4.0]],
            array![[5.0, 6.0], [7.0, 8.0]],
        )
        .unwrap();
        let x = array![0.5, 0.5];
        let y = array![1.0, 0.0];
        assert_eq!(g.expected_payoffs(x.view(), y.view()), (2.0, 6.0));
        let t = g.transposed();
        assert_eq!(t.payoffs(1, 0), (6.0, 2.0));
        assert_eq!(t.transposed(), g);
    }

    #[test]
    fn action_names_are_checked_and_json_round_trips() {
        let g = MatrixGame::symmetric(array![[3.0, 0.0], [5.0, 1.0]])
            .unwrap()
            .with_name("pd");
        assert!(matches!(
            g.clone().with_action_names(["C"], ["C", "D"]),
            Err(Error::ActionNames { player: "row", .. })
        ));
        let g = g.with_action_names(["C", "D"], ["C", "D"]).unwrap();
        let json = serde_json::to_string(&g).unwrap();
        assert!(json.contains("\"A\":[[3.0,0.0],[5.0,1.0]]"), "{json}");
        let back: MatrixGame = serde_json::from_str(&json).unwrap();
        assert_eq!(back, g);
        let bad = r#"{"row_actions":["1"],"col_actions":["1"],"A":[[1.0]],"B":[[1.0,2.0]]}"#;
        assert!(serde_json::from_str::<MatrixGame>(bad).is_err());
    }
}
