//! Correlated equilibria by linear programming.
//!
//! A correlated equilibrium is a distribution `p` over action profiles such
//! that, told only their own recommended action, neither player gains by
//! deviating: for every pair of row actions `i ≠ i'`,
//! `Σ_j p[i][j] (A[i][j] - A[i'][j]) >= 0`, and for every pair of column
//! actions `j ≠ j'`, `Σ_i p[i][j] (B[i][j] - B[i][j']) >= 0`. These are linear
//! constraints, so the correlated equilibrium that maximises a linear objective
//! (total welfare, the row player's payoff, the smaller of the two payoffs, or
//! any weights on the profiles) is an LP, solved through `good_lp`. The
//! distribution is cleaned (tiny negatives to zero, renormalised) and its
//! largest incentive-constraint violation is checked and reported.
//!
//! ## References
//! - R. J. Aumann (1974), "Subjectivity and correlation in randomized
//!   strategies", Journal of Mathematical Economics 1:67-96.
//! - C. H. Papadimitriou and T. Roughgarden (2008), "Computing correlated
//!   equilibria in multi-player games", Journal of the ACM 55(3):14.

use super::verify::difference_tolerance;
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use good_lp::{default_solver, variable, Expression, ProblemVariables, Solution, SolverModel};
use ndarray::Array2;
use serde::Serialize;

/// What the correlated equilibrium maximises.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CorrelatedObjective {
    /// Total welfare `E[A + B]`.
    #[default]
    Welfare,
    /// The row player's expected payoff.
    RowPayoff,
    /// The column player's expected payoff.
    ColPayoff,
    /// The smaller of the two expected payoffs (egalitarian).
    MinPayoff,
    /// Any linear objective: `Σ w[i][j] p[i][j]` for the given weights
    /// (same shape as the game).
    Weights(Array2<f64>),
}

/// A correlated equilibrium.
#[derive(Debug, Clone, Serialize)]
pub struct CorrelatedEquilibrium {
    /// `p[i][j]`: the probability of recommending the profile `(i, j)`.
    pub distribution: Array2<f64>,
    /// The row player's expected payoff.
    pub row_payoff: f64,
    /// The column player's expected payoff.
    pub col_payoff: f64,
    /// The optimal objective value.
    pub objective: f64,
    /// The largest violation of an incentive constraint (0 for an exact
    /// correlated equilibrium; within the tolerance).
    pub max_violation: f64,
}

/// The correlated equilibrium of `game` maximising `objective`.
///
/// # Errors
/// [`Error::Solver`] when the LP fails, the weights' shape differs from the
/// game's, or the solution violates an incentive constraint by more than
/// [`violation_tolerance`].
pub fn correlated_equilibrium(
    game: &MatrixGame,
    objective: &CorrelatedObjective,
) -> Result<CorrelatedEquilibrium> {
    let (m, n) = game.shape();
    let a = game.row_payoffs();
    let b = game.col_payoffs();
    if let CorrelatedObjective::Weights(w) = objective {
        if w.dim() != (m, n) {
            return Err(Error::Solver {
                method: "correlated equilibrium LP",
                message: format!(
                    "objective weights are {:?} but the game is {m}x{n}",
                    w.dim()
                ),
            });
        }
    }
    let mut vars = ProblemVariables::new();
    let p = vars.add_vector(variable().min(0.0).max(1.0), m * n);
    let t = vars.add(variable().min(-2.0).max(2.0));
    // For the LP's sake the objective sees payoffs shifted by the smallest
    // payoff of either player and divided by the largest range (a common
    // positive affine map keeps the maximiser of every objective, the minimum
    // of the two payoffs included), and each incentive constraint sees its
    // player's payoff differences divided by that player's range (a positive
    // factor changes no constraint). Dividing by the payoffs' magnitude
    // instead would make the differences of a game near 1e9 vanish.
    let (lo_a, range_a) = spread(a);
    let (lo_b, range_b) = spread(b);
    let lo = lo_a.min(lo_b);
    let range = range_a.max(range_b);
    let exp = |mat: &Array2<f64>| -> Expression {
        (0..m * n)
            .map(|k| ((mat[(k / n, k % n)] - lo) / range) * p[k])
            .sum()
    };
    let row_exp = exp(a);
    let col_exp = exp(b);
    let goal: Expression = match objective {
        CorrelatedObjective::Welfare => row_exp.clone() + col_exp.clone(),
        CorrelatedObjective::RowPayoff => row_exp.clone(),
        CorrelatedObjective::ColPayoff => col_exp.clone(),
        CorrelatedObjective::MinPayoff => t.into(),
        CorrelatedObjective::Weights(w) => {
            let ws = w.iter().fold(1.0f64, |s, v| s.max(v.abs()));
            (0..m * n).map(|k| (w[(k / n, k % n)] / ws) * p[k]).sum()
        }
    };
    let mut model = vars.maximise(goal).using(default_solver);
    if *objective == CorrelatedObjective::MinPayoff {
        model = model.with(row_exp.clone().geq(t));
        model = model.with(col_exp.clone().geq(t));
    }
    for i in 0..m {
        for i2 in 0..m {
            if i != i2 {
                let gain: Expression = (0..n)
                    .map(|j| ((a[(i, j)] - a[(i2, j)]) / range_a) * p[i * n + j])
                    .sum();
                model = model.with(gain.geq(0.0));
            }
        }
    }
    for j in 0..n {
        for j2 in 0..n {
            if j != j2 {
                let gain: Expression = (0..m)
                    .map(|i| ((b[(i, j)] - b[(i, j2)]) / range_b) * p[i * n + j])
                    .sum();
                model = model.with(gain.geq(0.0));
            }
        }
    }
    let total: Expression = p.iter().copied().sum();
    model = model.with(total.eq(1.0));
    let solution = model.solve().map_err(|e| Error::Solver {
        method: "correlated equilibrium LP",
        message: e.to_string(),
    })?;
    let mut dist = Array2::from_shape_fn((m, n), |(i, j)| {
        let v = solution.value(p[i * n + j]);
        if v < 1e-12 {
            0.0
        } else {
            v
        }
    });
    let s = dist.sum();
    if s <= 0.0 {
        return Err(Error::Solver {
            method: "correlated equilibrium LP",
            message: "the LP returned an empty distribution".to_string(),
        });
    }
    dist.mapv_inplace(|v| v / s);
    let max_violation = incentive_violation(game, &dist);
    if max_violation > violation_tolerance(game) {
        return Err(Error::Solver {
            method: "correlated equilibrium LP",
            message: format!(
                "the LP solution violates an incentive constraint by {max_violation:e}"
            ),
        });
    }
    let row_payoff = (&dist * a).sum();
    let col_payoff = (&dist * b).sum();
    let objective_value = match objective {
        CorrelatedObjective::Welfare => row_payoff + col_payoff,
        CorrelatedObjective::RowPayoff => row_payoff,
        CorrelatedObjective::ColPayoff => col_payoff,
        CorrelatedObjective::MinPayoff => row_payoff.min(col_payoff),
        CorrelatedObjective::Weights(w) => (&dist * w).sum(),
    };
    Ok(CorrelatedEquilibrium {
        distribution: dist,
        row_payoff,
        col_payoff,
        objective: objective_value,
        max_violation,
    })
}

/// The largest incentive-constraint violation a computed correlated
/// equilibrium may have: `1e-8` times a player's payoff range, but less than
/// half their smallest payoff difference (see
/// [`super::verify::tolerance_for`]); relative to payoff differences, never to
/// the payoffs' magnitude.
pub fn violation_tolerance(game: &MatrixGame) -> f64 {
    difference_tolerance(game, 1e-8)
}

/// `(smallest payoff, range)` of a payoff matrix, the range `1` when all
/// payoffs are equal.
fn spread(p: &Array2<f64>) -> (f64, f64) {
    let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, if hi > lo { hi - lo } else { 1.0 })
}

/// The largest violation of an incentive constraint by the distribution `p`
/// (0 when `p` is a correlated equilibrium).
pub fn incentive_violation(game: &MatrixGame, p: &Array2<f64>) -> f64 {
    let (m, n) = game.shape();
    let a = game.row_payoffs();
    let b = game.col_payoffs();
    let mut worst = 0.0f64;
    for i in 0..m {
        for i2 in 0..m {
            let gain: f64 = (0..n).map(|j| p[(i, j)] * (a[(i2, j)] - a[(i, j)])).sum();
            worst = worst.max(gain);
        }
    }
    for j in 0..n {
        for j2 in 0..n {
            let gain: f64 = (0..m).map(|i| p[(i, j)] * (b[(i, j2)] - b[(i, j)])).sum();
            worst = worst.max(gain);
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn chicken_welfare_beats_nash() {
        // Chicken: the welfare-maximising correlated equilibrium puts weight
        // on (swerve, swerve) and beats every Nash equilibrium's welfare.
        let g = catalogue::by_name("chicken", &[]).unwrap();
        let ce = correlated_equilibrium(&g, &CorrelatedObjective::Welfare).unwrap();
        let nash = crate::equilibrium::vertex_enumeration(&g).unwrap();
        let best_nash = nash
            .equilibria
            .iter()
            .map(|e| e.row_payoff + e.col_payoff)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(ce.objective >= best_nash - 1e-9);
        assert!(ce.max_violation <= 1e-9);
        assert!((ce.distribution.sum() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn pd_has_only_mutual_defection() {
        let g = catalogue::prisoners_dilemma_default();
        for obj in [
            CorrelatedObjective::Welfare,
            CorrelatedObjective::RowPayoff,
            CorrelatedObjective::MinPayoff,
        ] {
            let ce = correlated_equilibrium(&g, &obj).unwrap();
            assert!((ce.distribution[(1, 1)] - 1.0).abs() < 1e-9, "{obj:?}");
        }
    }

    #[test]
    fn games_near_1e9_have_the_correlated_equilibria_of_their_small_versions() {
        // The old rule divided payoffs by the largest one (1e9), which left
        // incentive constraints of 2e-9 and accepted violations up to 10: the
        // PD plus 1e9 got (C, C), violating by T - R = 2.
        let pd = catalogue::prisoners_dilemma_default();
        let big = MatrixGame::new(pd.row_payoffs() + 1e9, pd.col_payoffs() + 1e9).unwrap();
        let ce = correlated_equilibrium(&big, &CorrelatedObjective::Welfare).unwrap();
        assert!((ce.distribution[(1, 1)] - 1.0).abs() < 1e-9, "{ce:?}");
        assert!(ce.max_violation <= violation_tolerance(&big));
        assert!(violation_tolerance(&big) <= 1e-7);
        let chicken = catalogue::by_name("chicken", &[]).unwrap();
        let big =
            MatrixGame::new(chicken.row_payoffs() + 1e9, chicken.col_payoffs() + 1e9).unwrap();
        // Adding 1e9 to every payoff adds 2e9 to the welfare, 1e9 to the
        // smaller payoff, and changes no incentive.
        for (obj, added) in [
            (CorrelatedObjective::Welfare, 2e9),
            (CorrelatedObjective::MinPayoff, 1e9),
        ] {
            let small = correlated_equilibrium(&chicken, &obj).unwrap();
            let large = correlated_equilibrium(&big, &obj).unwrap();
            assert!(
                (large.objective - added - small.objective).abs() < 1e-6,
                "{obj:?}: {small:?} vs {large:?}"
            );
            assert!(large.max_violation <= violation_tolerance(&big), "{obj:?}");
        }
    }

    #[test]
    fn weights_shape_checked() {
        let g = catalogue::prisoners_dilemma_default();
        let w = Array2::zeros((3, 3));
        assert!(correlated_equilibrium(&g, &CorrelatedObjective::Weights(w)).is_err());
    }
}
