//! Continuous-time best-response dynamics (Gilboa and Matsui 1991;
//! docs/model.md §18.4).
//!
//! Each population moves straight towards a best response to the other's
//! current mixed strategy:
//!
//! `ẋ = b_row(y) - x`,  `ẏ = b_col(x) - y`,
//!
//! where `b_row(y)` is the pure best response to `y` (the first in index
//! order among ties, as in [`super::fictitious`]). While the best responses
//! stay the same the solution is `x(t + h) = b + (x(t) - b) e^{-h}`; each step
//! of length `h` applies that with the best responses at the step's start
//! (exact between switches; a switch inside a step is located to within
//! `h`). This is fictitious play in continuous time (its frequencies follow
//! these dynamics with time `ln t`).
//!
//! In a zero-sum game the duality gap
//! `w = max_i (A y)_i - min_j (xᵀ A)_j` satisfies `ẇ = -w`, so
//! `w(t) = w(0) e^{-t}` (Hofbauer and Sorin 2006): the tests check that.
//!
//! ## References
//! - I. Gilboa and A. Matsui (1991), "Social stability and equilibrium",
//!   Econometrica 59:859-867.
//! - J. Hofbauer and S. Sorin (2006), "Best response dynamics for continuous
//!   zero-sum games", Discrete and Continuous Dynamical Systems B 6:215-224.

use super::trajectory::{
    action_payoffs, check_positive, check_size, check_strategy, first_best, recorded, uniform,
    Population, Trajectory,
};
use crate::error::Result;
use crate::game::MatrixGame;

/// What [`best_response_dynamics`] integrates.
#[derive(Debug, Clone, PartialEq)]
pub struct ContinuousOptions {
    /// The starting mixed strategies (row, column); `None`: both uniform.
    pub start: Option<[Vec<f64>; 2]>,
    /// The step length `h`.
    pub dt: f64,
    /// The number of steps (the trajectory ends at `steps × dt`).
    pub steps: usize,
    /// Record every this many steps (and the last).
    pub record_every: usize,
}

impl Default for ContinuousOptions {
    fn default() -> Self {
        ContinuousOptions {
            start: None,
            dt: 0.01,
            steps: 1000,
            record_every: 1,
        }
    }
}

/// Checks and returns the start of a two-population dynamic.
pub(crate) fn two_starts(
    game: &MatrixGame,
    start: &Option<[Vec<f64>; 2]>,
) -> Result<[Vec<f64>; 2]> {
    let (m, n) = game.shape();
    match start {
        None => Ok([uniform(m), uniform(n)]),
        Some([x, y]) => Ok([
            check_strategy(x, m, "row start")?,
            check_strategy(y, n, "column start")?,
        ]),
    }
}

/// Best-response dynamics on `game` (see the module documentation).
///
/// # Errors
/// [`crate::Error::InvalidParameter`] for a bad start or step.
pub fn best_response_dynamics(
    game: &MatrixGame,
    options: &ContinuousOptions,
) -> Result<Trajectory> {
    check_positive("dt", options.dt)?;
    let [mut x, mut y] = two_starts(game, &options.start)?;
    check_size(options.steps, options.record_every, x.len() + y.len())?;
    let mut trajectory =
        Trajectory::new("best-response dynamics", "time", Population::players(game));
    trajectory.push(0.0, [x.clone(), y.clone()].concat());
    let decay = (-options.dt).exp();
    // Cancellation is polled between chunks of periods, outside the
    // loop that computes them, which stays as it was.
    for chunk in (1..=options.steps).step_by(crate::parallel::CANCEL_CHUNK) {
        crate::parallel::check_cancelled()?;
        for k in chunk..=(chunk + crate::parallel::CANCEL_CHUNK - 1).min(options.steps) {
            let (u, v) = action_payoffs(game, &x, &y);
            let (i, j) = (first_best(&u), first_best(&v));
            for (a, p) in x.iter_mut().enumerate() {
                let target = if a == i { 1.0 } else { 0.0 };
                *p = target + (*p - target) * decay;
            }
            for (b, q) in y.iter_mut().enumerate() {
                let target = if b == j { 1.0 } else { 0.0 };
                *q = target + (*q - target) * decay;
            }
            if recorded(k, options.steps, options.record_every) {
                trajectory.push(k as f64 * options.dt, [x.clone(), y.clone()].concat());
            }
        }
    }
    Ok(trajectory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn a_dominant_action_is_approached_exponentially() {
        // In the prisoner's dilemma D is always the best response:
        // x_D(t) = 1 - (1 - x_D(0)) e^{-t} exactly.
        let g = catalogue::prisoners_dilemma_default();
        let o = ContinuousOptions {
            start: Some([vec![0.9, 0.1], vec![0.3, 0.7]]),
            dt: 0.05,
            steps: 100,
            record_every: 10,
        };
        let t = best_response_dynamics(&g, &o).unwrap();
        for (k, time) in t.times.iter().enumerate() {
            let row = t.strategy(k, 0)[1];
            let col = t.strategy(k, 1)[1];
            assert!((row - (1.0 - 0.9 * (-time).exp())).abs() < 1e-12, "{time}");
            assert!((col - (1.0 - 0.3 * (-time).exp())).abs() < 1e-12, "{time}");
        }
        assert_eq!(t.len(), 11);
        let bad = ContinuousOptions {
            start: Some([vec![0.9, 0.2], vec![0.3, 0.7]]),
            ..o
        };
        assert!(best_response_dynamics(&g, &bad).is_err());
    }
}
