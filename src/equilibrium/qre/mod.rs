//! Logit quantal response equilibria (McKelvey and Palfrey 1995): the
//! principal branch from `λ = 0`, the QRE at given precisions `λ`, the
//! branch's limit as a verified Nash equilibrium, and the maximum-likelihood
//! `λ` of observed play (docs/model.md §17).
//!
//! In a logit QRE every player plays each action with probability
//! proportional to `exp(λ × its expected payoff)` against the others' mixed
//! strategies. At `λ = 0` play is uniform; as `λ → ∞` the *principal
//! branch* — the one connected component of the QRE correspondence that
//! contains the centroid — converges to a Nash equilibrium, its *limit*.
//!
//! - [`path`]: predictor-corrector tracing of the branch in log-probability
//!   coordinates with step-size control (Turocy 2005), over any
//!   [`LogitGame`];
//! - [`limit`]: the branch's end polished into an exact equilibrium;
//! - [`fit`]: the maximum-likelihood `λ` of observed action counts and its
//!   95% profile-likelihood interval;
//! - [`observations`]: action counts, typed or read from a CSV of plays;
//! - [`nplayer`]: the same for n-player games ([`logit_solve_nplayer`]).
//!
//! The core works over the [`LogitGame`] trait (players, actions, each
//! player's action payoffs against a mixed profile and their derivatives),
//! so a game type with any number of players gets the QRE by implementing
//! it; [`MatrixGame`] and [`crate::game::NPlayerGame`] do. [`logit_solve`] is the two-player entry point: it
//! returns the limit as an [`Equilibrium`] verified like every other.
//!
//! ```
//! use dilemma::equilibrium::qre::logit_solve;
//! use dilemma::game::catalogue;
//!
//! let pennies = catalogue::by_name("matching_pennies", &[]).unwrap();
//! let report = logit_solve(&pennies, &[0.5, 2.0]).unwrap();
//! // Matching pennies' QRE is uniform at every λ.
//! assert!((report.points[1].strategies[0][0] - 0.5).abs() < 1e-12);
//! assert!(report.limit.max_regret <= report.tolerance);
//! ```
//!
//! ## References
//! - R. D. McKelvey and T. R. Palfrey (1995), "Quantal response equilibria
//!   for normal form games", Games and Economic Behavior 10:6-38.
//! - T. L. Turocy (2005), "A dynamic homotopy interpretation of the logistic
//!   quantal response equilibrium correspondence", Games and Economic
//!   Behavior 51:243-263.
//! - E. L. Allgower and K. Georg (1990), *Numerical Continuation Methods*,
//!   Springer.
//! - J. R. Bland and T. L. Turocy (2023), "Quantal response equilibrium as a
//!   structural model for estimation: the missing manual", working paper.

mod equations;
pub mod fit;
pub mod limit;
mod lu;
pub mod nplayer;
pub mod observations;
pub mod path;

pub use fit::{fit_lambda, LikelihoodPeak, QreFit, CHI_SQUARED_95};
pub use limit::{max_regret, polish_limit, PolishedLimit};
pub use nplayer::{logit_solve_nplayer, NPlayerLogitReport};
pub use observations::Observations;
pub use path::{trace_branch, Branch, TraceOptions};

use super::verify::{certify, tolerance_for};
use super::Equilibrium;
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::Array1;
use serde::Serialize;

/// A game whose logit QRE can be computed: finitely many players with
/// finitely many actions each, and expected payoffs that are multilinear in
/// the players' mixed strategies.
///
/// A *profile* is every player's mixed strategy in one slice, player after
/// player (player 0's actions first). Implement this for a game type to get
/// [`trace_branch`], [`polish_limit`] and [`fit_lambda`] for it.
pub trait LogitGame {
    /// The number of players.
    fn players(&self) -> usize;

    /// The number of actions of `player` (`0..players()`).
    fn actions(&self, player: usize) -> usize;

    /// Writes to `out` (laid out like `profile`) each player's expected
    /// payoff from each of its own actions when every other player plays
    /// its mixed strategy of `profile`.
    fn action_payoffs(&self, profile: &[f64], out: &mut [f64]);

    /// Writes to `out` the derivatives of [`LogitGame::action_payoffs`]:
    /// with `len = profile.len()`, `out[r * len + c]` is the derivative of
    /// payoff `r` (a player's action) with respect to probability `c` of
    /// another player's action. Entries within one player's own actions are
    /// not read.
    fn action_payoff_derivatives(&self, profile: &[f64], out: &mut [f64]);

    /// The difference between `player`'s largest and smallest payoff over
    /// all pure profiles (`0` when all are equal).
    fn payoff_range(&self, player: usize) -> f64;
}

impl LogitGame for MatrixGame {
    fn players(&self) -> usize {
        2
    }

    fn actions(&self, player: usize) -> usize {
        let (m, n) = self.shape();
        if player == 0 {
            m
        } else {
            n
        }
    }

    fn action_payoffs(&self, profile: &[f64], out: &mut [f64]) {
        let (m, n) = self.shape();
        let (x, y) = profile.split_at(m);
        let (row_out, col_out) = out.split_at_mut(m);
        let (a, b) = (self.row_payoffs(), self.col_payoffs());
        for (i, o) in row_out.iter_mut().enumerate() {
            *o = (0..n).map(|j| a[(i, j)] * y[j]).sum();
        }
        for (j, o) in col_out.iter_mut().enumerate() {
            *o = (0..m).map(|i| b[(i, j)] * x[i]).sum();
        }
    }

    fn action_payoff_derivatives(&self, profile: &[f64], out: &mut [f64]) {
        let (m, n) = self.shape();
        let len = profile.len();
        let (a, b) = (self.row_payoffs(), self.col_payoffs());
        for i in 0..m {
            for j in 0..n {
                out[i * len + m + j] = a[(i, j)];
                out[(m + j) * len + i] = b[(i, j)];
            }
        }
    }

    fn payoff_range(&self, player: usize) -> f64 {
        let p = if player == 0 {
            self.row_payoffs()
        } else {
            self.col_payoffs()
        };
        let (lo, hi) = p
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        hi - lo
    }
}

/// A point of the QRE correspondence: a precision and the profile there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QrePoint {
    /// The precision `λ`.
    pub lambda: f64,
    /// Each player's mixed strategy (player 0 first).
    pub strategies: Vec<Vec<f64>>,
}

/// The logit QRE of a game: [`logit_solve`]'s result for two players (the
/// limit an [`Equilibrium`]), `logit_solve_nplayer`'s for n players (the
/// limit an n-player equilibrium).
#[derive(Debug, Clone, Serialize)]
pub struct LogitReport<L = Equilibrium> {
    /// The QRE at each requested `λ`, in the order requested: the first
    /// point of the principal branch at that `λ` (where the branch bends
    /// back in `λ`, later points at the same `λ` are in [`LogitReport::trace`]).
    pub points: Vec<QrePoint>,
    /// Every traced point, in order along the branch from `λ = 0`.
    pub trace: Vec<QrePoint>,
    /// The branch's limit as `λ → ∞`, a verified Nash equilibrium.
    pub limit: L,
    /// The `λ` where tracing stopped (the limit was polished from there).
    pub end_lambda: f64,
    /// The regret tolerance the limit was verified against
    /// ([`tolerance_for`] the game).
    pub tolerance: f64,
    /// Steps the tracer accepted.
    pub steps: usize,
    /// Steps it refused and retried shorter.
    pub refused_steps: usize,
    /// The `λ` near which the branch crossed a bifurcation (symmetric games).
    pub bifurcations: Vec<f64>,
}

/// The principal branch of `game`'s logit QRE correspondence, the QRE at
/// each of `lambdas`, and the branch's limit as a Nash equilibrium verified
/// like every other (its regret within [`tolerance_for`]`(game)`, exact
/// fractions for integer games).
///
/// # Errors
/// [`Error::InvalidParameter`] for a negative or non-finite `λ`;
/// [`Error::Solver`] when the tracer cannot go on or the branch's end does
/// not polish into a verified equilibrium.
pub fn logit_solve(game: &MatrixGame, lambdas: &[f64]) -> Result<LogitReport> {
    let branch = trace_branch(
        game,
        &TraceOptions {
            lambdas: lambdas.to_vec(),
            end_lambda: None,
        },
    )?;
    let end = branch.end();
    let tolerance = tolerance_for(game);
    let limit = verified_limit(game, &end, tolerance)?;
    Ok(LogitReport {
        points: branch.at_lambdas.clone(),
        trace: (0..branch.len()).map(|k| branch.qre_point(k)).collect(),
        limit,
        end_lambda: end.lambda,
        tolerance,
        steps: branch.steps,
        refused_steps: branch.refused_steps,
        bifurcations: branch.bifurcations.clone(),
    })
}

/// The branch's end `end` polished into an equilibrium and certified.
fn verified_limit(game: &MatrixGame, end: &QrePoint, tolerance: f64) -> Result<Equilibrium> {
    let flat: Vec<f64> = end.strategies.concat();
    let failed = |why: String| Error::Solver {
        method: "logit QRE",
        message: format!(
            "the branch's end at λ = {} did not give a verified equilibrium: {why}",
            end.lambda
        ),
    };
    let polished = polish_limit(game, &flat, tolerance)
        .ok_or_else(|| failed(format!("traced regret {:.3e}", max_regret(game, &flat))))?;
    let m = game.shape().0;
    let x = Array1::from(polished.profile[..m].to_vec());
    let y = Array1::from(polished.profile[m..].to_vec());
    certify(game, &x, &y, tolerance)
        .ok_or_else(|| failed(format!("regret {:.3e} after polishing", polished.regret)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn matrix_game_payoffs_and_derivatives() {
        let g = MatrixGame::new(
            array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
            array![[7.0, 8.0, 9.0], [10.0, 11.0, 12.0]],
        )
        .unwrap();
        let p = [0.25, 0.75, 0.5, 0.5, 0.0];
        let mut u = [0.0; 5];
        g.action_payoffs(&p, &mut u);
        assert_eq!(u, [1.5, 4.5, 9.25, 10.25, 11.25]);
        let mut d = [0.0; 25];
        g.action_payoff_derivatives(&p, &mut d);
        assert_eq!(d[5 + 3], 5.0); // row action 1 against column action 1
        assert_eq!(d[4 * 5 + 1], 12.0); // column action 2 against row action 1
        assert_eq!(g.payoff_range(0), 5.0);
        assert_eq!(LogitGame::actions(&g, 1), 3);
    }

    #[test]
    fn the_prisoners_dilemma_branch_ends_in_mutual_defection() {
        let g = catalogue::prisoners_dilemma_default();
        let r = logit_solve(&g, &[1.0]).unwrap();
        assert_eq!(r.limit.row_support(), vec![1]);
        assert_eq!(r.limit.max_regret, 0.0);
        assert!(r.limit.exact.is_some());
        assert!(r.end_lambda >= 1e6 / 5.0);
        assert!(r.bifurcations.is_empty());
        // λ along the trace starts at 0 and increases here.
        assert_eq!(r.trace[0].lambda, 0.0);
        assert!(r.trace.windows(2).all(|w| w[1].lambda > w[0].lambda));
    }

    #[test]
    fn negative_lambdas_are_refused() {
        let g = catalogue::prisoners_dilemma_default();
        assert!(matches!(
            logit_solve(&g, &[-1.0]),
            Err(Error::InvalidParameter { .. })
        ));
        assert!(logit_solve(&g, &[f64::NAN]).is_err());
    }
}
