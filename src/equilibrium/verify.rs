//! Verification of equilibria: regrets, the tolerance they are checked
//! against, and the cleaning of computed probabilities.
//!
//! A profile `(x, y)` is a Nash equilibrium when neither player gains by a
//! unilateral deviation; it suffices to check pure deviations (Nash 1951).
//! The *regret* of the row player is `max_i (A y)_i - xᵀ A y >= 0`, that of the
//! column player `max_j (Bᵀ x)_j - xᵀ B y`. Every equilibrium this module
//! returns has both regrets within the tolerance.
//!
//! ## References
//! - J. Nash (1951), "Non-cooperative games", Annals of Mathematics 54:286-295.

use super::{exact, Equilibrium};
use crate::game::MatrixGame;
use ndarray::{Array1, ArrayView1};

/// The relative regret tolerance: an equilibrium is accepted when each
/// player's regret is at most `DEFAULT_TOLERANCE * max(1, largest |payoff|)`
/// (see [`tolerance_for`]).
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

/// Probabilities smaller than this after a computation are rounding noise and
/// are set to zero.
pub const PROBABILITY_ZERO: f64 = 1e-12;

/// The absolute regret tolerance for `game`: `DEFAULT_TOLERANCE` times the
/// payoff scale (`max(1, largest |payoff|)`), so that a game and the same game
/// in other units are treated alike.
pub fn tolerance_for(game: &MatrixGame) -> f64 {
    DEFAULT_TOLERANCE * payoff_scale(game)
}

/// `max(1, largest |payoff|)`.
pub(crate) fn payoff_scale(game: &MatrixGame) -> f64 {
    game.row_payoffs()
        .iter()
        .chain(game.col_payoffs().iter())
        .fold(1.0f64, |m, v| m.max(v.abs()))
}

/// The two players' regrets `(row, column)` at the profile `(x, y)`: how much
/// each would gain by the best pure deviation. Both are `>= 0` up to rounding.
///
/// # Panics
/// If the strategies' lengths do not match the game.
pub fn regrets(game: &MatrixGame, x: ArrayView1<f64>, y: ArrayView1<f64>) -> (f64, f64) {
    let ay = game.row_action_payoffs(y);
    let bx = game.col_action_payoffs(x);
    let u = x.dot(&ay);
    let v = y.dot(&bx);
    let best_row = ay.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let best_col = bx.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    ((best_row - u).max(0.0), (best_col - v).max(0.0))
}

/// The larger of the two [`regrets`].
pub fn max_regret(game: &MatrixGame, x: ArrayView1<f64>, y: ArrayView1<f64>) -> f64 {
    let (r, c) = regrets(game, x, y);
    r.max(c)
}

/// Cleans a computed mixed strategy: entries within `PROBABILITY_ZERO` of zero
/// (and negative entries within `tolerance`) become zero, and the vector is
/// renormalised to sum to one. Returns `None` when an entry is more negative
/// than `-tolerance`, is not finite, or nothing positive is left.
pub fn clean_strategy(p: &Array1<f64>, tolerance: f64) -> Option<Array1<f64>> {
    if p.iter().any(|v| !v.is_finite() || *v < -tolerance) {
        return None;
    }
    let mut q = p.mapv(|v| if v <= PROBABILITY_ZERO { 0.0 } else { v });
    let s = q.sum();
    if s <= 0.0 {
        return None;
    }
    q.mapv_inplace(|v| v / s);
    Some(q)
}

/// Cleans `(x, y)`, checks it is an equilibrium of `game` within `tolerance`
/// and returns it with its payoffs, largest regret and (for integer games) its
/// exact fractions. `None` when it is not an equilibrium.
pub fn certify(
    game: &MatrixGame,
    x: &Array1<f64>,
    y: &Array1<f64>,
    tolerance: f64,
) -> Option<Equilibrium> {
    let (m, n) = game.shape();
    if x.len() != m || y.len() != n {
        return None;
    }
    let x = clean_strategy(x, tolerance)?;
    let y = clean_strategy(y, tolerance)?;
    let regret = max_regret(game, x.view(), y.view());
    if regret > tolerance {
        return None;
    }
    let (row_payoff, col_payoff) = game.expected_payoffs(x.view(), y.view());
    let mut eq = Equilibrium {
        row: x,
        col: y,
        row_payoff,
        col_payoff,
        max_regret: regret,
        exact: None,
    };
    eq.exact = exact::exact_equilibrium(game, &eq);
    if let Some(e) = &eq.exact {
        // The exact solution is the true equilibrium: report its probabilities.
        eq.row = e.row.iter().map(exact::to_f64).collect();
        eq.col = e.col.iter().map(exact::to_f64).collect();
        eq.row_payoff = exact::to_f64(&e.row_payoff);
        eq.col_payoff = exact::to_f64(&e.col_payoff);
        eq.max_regret = max_regret(game, eq.row.view(), eq.col.view());
    }
    Some(eq)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn regret_of_cooperation_in_the_pd() {
        let g = catalogue::prisoners_dilemma_default();
        let c = array![1.0, 0.0];
        let d = array![0.0, 1.0];
        assert_eq!(regrets(&g, c.view(), c.view()), (2.0, 2.0));
        assert_eq!(max_regret(&g, d.view(), d.view()), 0.0);
        assert!(certify(&g, &c, &c, 1e-9).is_none());
        let eq = certify(&g, &d, &d, 1e-9).unwrap();
        assert_eq!(eq.row_payoff, 1.0);
        assert_eq!(eq.exact.unwrap().row[1], 1.into());
    }

    #[test]
    fn cleaning() {
        let p = array![0.5, -1e-14, 0.5 + 1e-13];
        let q = clean_strategy(&p, 1e-9).unwrap();
        assert_eq!(q[1], 0.0);
        assert!((q.sum() - 1.0).abs() < 1e-15);
        assert!(clean_strategy(&array![1.5, -0.5], 1e-9).is_none());
        assert!(clean_strategy(&array![0.0, 0.0], 1e-9).is_none());
        assert!(clean_strategy(&array![f64::NAN, 1.0], 1e-9).is_none());
    }

    #[test]
    fn tolerance_scales_with_payoffs() {
        let g = MatrixGame::new(
            ndarray::array![[1000.0, 0.0], [0.0, 1.0]],
            ndarray::array![[1.0, 0.0], [0.0, 1.0]],
        )
        .unwrap();
        assert!((tolerance_for(&g) - 1e-6).abs() < 1e-18);
    }
}
