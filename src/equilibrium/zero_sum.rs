//! Zero-sum (and constant-sum) games: the value and an optimal mixed strategy
//! for each player by linear programming.
//!
//! The row player's maximin strategy solves
//! `max v  s.t.  Σ_i x_i A[i][j] >= v  (every column j),  Σ x = 1,  x >= 0`,
//! and the column player's minimax strategy the dual
//! `min w  s.t.  Σ_j A[i][j] y_j <= w  (every row i),  Σ y = 1,  y >= 0`;
//! by the minimax theorem `v = w` is the value. The LPs are solved through
//! `good_lp` (pure-Rust `microlp` by default). The pair is verified as an
//! equilibrium of the game and, for integer payoffs, recomputed exactly on its
//! supports.
//!
//! ## References
//! - J. von Neumann (1928), "Zur Theorie der Gesellschaftsspiele",
//!   Mathematische Annalen 100:295-320.
//! - G. B. Dantzig (1951), "A proof of the equivalence of the programming
//!   problem and the game problem", in Koopmans (ed.), *Activity Analysis of
//!   Production and Allocation*, Wiley.

use super::verify::{certify, equality_tolerance, tolerance_for};
use super::{Equilibrium, Rational};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use good_lp::{default_solver, variable, Expression, ProblemVariables, Solution, SolverModel};
use ndarray::{Array1, Array2};

/// The solution of a zero-sum game.
#[derive(Debug, Clone)]
pub struct ZeroSumSolution {
    /// The value of the game to the row player (`xᵀAy` at any optimal pair).
    pub value: f64,
    /// The value as an exact fraction, for integer payoffs.
    pub value_exact: Option<Rational>,
    /// One optimal pair as a verified equilibrium (optimal strategies need not
    /// be unique; the value is).
    pub equilibrium: Equilibrium,
    /// The regret tolerance the LP solution was verified against: ten times
    /// [`tolerance_for`] (LP solutions carry more rounding than a solved
    /// linear system).
    pub tolerance: f64,
}

/// Solves a zero-sum game given by the row player's payoffs `a` (the column
/// player gets `-a`).
///
/// # Errors
/// [`Error::Solver`] when an LP fails or its solution does not verify;
/// construction errors of [`MatrixGame::zero_sum`] for a bad matrix.
pub fn solve_zero_sum_matrix(a: &Array2<f64>) -> Result<ZeroSumSolution> {
    let game = MatrixGame::zero_sum(a.clone())?;
    solve_zero_sum(&game)
}

/// Solves a zero-sum or constant-sum game (`A + B = c`), using the row
/// player's payoffs `A`; the value is the row player's.
///
/// # Errors
/// [`Error::UnsupportedGame`] when `A + B` is not constant; [`Error::Solver`]
/// when an LP fails or its solution does not verify.
pub fn solve_zero_sum(game: &MatrixGame) -> Result<ZeroSumSolution> {
    if !game.is_constant_sum(equality_tolerance(game)) {
        return Err(Error::UnsupportedGame {
            operation: "the zero-sum LP",
            requirement: "a zero-sum or constant-sum game (A + B constant)",
            found: "not constant-sum".to_string(),
        });
    }
    let a = game.row_payoffs();
    let x = maximin(a)?;
    let y = maximin(&(-a.t().to_owned()))?;
    // LP solutions carry rounding of order 1e-9 relative to the payoff range;
    // verify with a tolerance a little above the default.
    let tol = 10.0 * tolerance_for(game);
    let equilibrium = certify(game, &x, &y, tol).ok_or_else(|| Error::Solver {
        method: "zero-sum LP",
        message: "the LP solutions do not form a verified equilibrium".to_string(),
    })?;
    Ok(ZeroSumSolution {
        value: equilibrium.row_payoff,
        value_exact: equilibrium.exact.as_ref().map(|e| e.row_payoff),
        equilibrium,
        tolerance: tol,
    })
}

/// The row player's maximin strategy of the payoff matrix `a`.
fn maximin(a: &Array2<f64>) -> Result<Array1<f64>> {
    let (m, n) = a.dim();
    let lo = a.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if hi > lo { hi - lo } else { 1.0 };
    // Rescale to [0, 1] for the LP's sake; strategies are unchanged.
    let s = a.mapv(|v| (v - lo) / range);
    let mut vars = ProblemVariables::new();
    let x = vars.add_vector(variable().min(0.0).max(1.0), m);
    let v = vars.add(variable().min(-1.0).max(2.0));
    let mut model = vars.maximise(v).using(default_solver);
    for j in 0..n {
        let payoff: Expression = (0..m).map(|i| s[(i, j)] * x[i]).sum();
        model = model.with(payoff.geq(v));
    }
    let total: Expression = x.iter().copied().sum();
    model = model.with(total.eq(1.0));
    let solution = model.solve().map_err(|e| Error::Solver {
        method: "zero-sum LP",
        message: e.to_string(),
    })?;
    Ok(x.iter().map(|&xi| solution.value(xi).max(0.0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn matching_pennies_value_zero() {
        let z = solve_zero_sum(&catalogue::matching_pennies()).unwrap();
        assert!(z.value.abs() < 1e-12);
        assert_eq!(z.value_exact, Some(Rational::from_integer(0)));
        assert_eq!(z.equilibrium.row_text(), vec!["1/2", "1/2"]);
    }

    #[test]
    fn saddle_point() {
        let z = solve_zero_sum_matrix(&array![[5.0, -1.0], [-5.0, -3.0]]).unwrap();
        assert_eq!(z.value, -1.0);
    }

    #[test]
    fn refuses_general_sum() {
        let g = catalogue::prisoners_dilemma_default();
        assert!(matches!(
            solve_zero_sum(&g),
            Err(Error::UnsupportedGame { .. })
        ));
    }
}
