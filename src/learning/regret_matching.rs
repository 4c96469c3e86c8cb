//! Regret matching (Hart and Mas-Colell 2000; docs/model.md §18.3).
//!
//! In the first period each player draws an action uniformly. After period
//! `t` a player whose last action was `k` computes, for every other action
//! `j`, its average regret for having played `k` rather than `j`,
//!
//! `R_t(k, j) = (1/t) Σ_{τ ≤ t: s_τ = k} [u(j, s_τ^-) - u(k, s_τ^-)]`,
//!
//! and in period `t + 1` switches to `j` with probability
//! `max(R_t(k, j), 0) / μ`, staying with `k` otherwise. The inertia `μ` must
//! make these probabilities sum to at most 1; the default is
//! `2 (K - 1) × (payoff range)` with `K` the larger number of actions.
//!
//! The empirical distribution of joint play then converges almost surely to
//! the set of correlated equilibria: the largest average regret is exactly
//! the largest violation of a correlated-equilibrium incentive constraint by
//! the empirical joint distribution
//! ([`incentive_violation`]), and it tends to 0.
//!
//! nashpy's `regret_minimization` is a different algorithm (a deterministic
//! update of mixed strategies by unconditional regrets with a learning rate,
//! returning only the final pure strategies), so no comparison with it is
//! made; the tests check the theorem instead, with the correlated-equilibrium
//! LP ([`crate::equilibrium::correlated`]) bounding the empirical welfare.
//!
//! ## References
//! - S. Hart and A. Mas-Colell (2000), "A simple adaptive procedure leading
//!   to correlated equilibrium", Econometrica 68:1127-1150.

use super::trajectory::{
    check_positive, check_size, draw, recorded, uniform, Population, Series, Trajectory,
};
use crate::equilibrium::correlated::incentive_violation;
use crate::error::Result;
use crate::game::MatrixGame;
use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// What [`regret_matching`] runs.
#[derive(Debug, Clone, PartialEq)]
pub struct RegretMatchingOptions {
    /// Periods of play.
    pub iterations: usize,
    /// The inertia `μ`; `None`: [`default_inertia`].
    pub inertia: Option<f64>,
    /// The seed of the random numbers.
    pub seed: u64,
    /// Record every this many periods (and the last).
    pub record_every: usize,
}

impl Default for RegretMatchingOptions {
    fn default() -> Self {
        RegretMatchingOptions {
            iterations: 10_000,
            inertia: None,
            seed: 1,
            record_every: 1,
        }
    }
}

/// The result of [`regret_matching`].
#[derive(Debug, Clone, Serialize)]
pub struct RegretMatching {
    /// The empirical frequencies of each player's actions after each
    /// period, with the column `ce_violation`: the empirical joint
    /// distribution's largest violation of a correlated-equilibrium
    /// constraint (the largest average regret).
    pub trajectory: Trajectory,
    /// The empirical joint distribution of play, `joint[(i, j)]`.
    pub joint: Array2<f64>,
    /// The inertia used.
    pub inertia: f64,
}

/// `2 (K - 1) R`, with `K` the larger number of actions and `R` the larger
/// payoff range of the two players (`1` when every payoff is equal): the
/// switching probabilities then sum to at most ½.
pub fn default_inertia(game: &MatrixGame) -> f64 {
    let (m, n) = game.shape();
    let range = |p: &Array2<f64>| {
        p.iter().copied().fold(f64::NEG_INFINITY, f64::max)
            - p.iter().copied().fold(f64::INFINITY, f64::min)
    };
    let r = range(game.row_payoffs()).max(range(game.col_payoffs()));
    let r = if r > 0.0 { r } else { 1.0 };
    2.0 * (m.max(n).max(2) - 1) as f64 * r
}

/// The switching distribution of a player whose last action is `last`,
/// given its cumulative regrets `d` (`d[k * size + j]`) after `t` periods.
fn switching(d: &[f64], last: usize, size: usize, t: f64, inertia: f64) -> Vec<f64> {
    let mut p: Vec<f64> = (0..size)
        .map(|j| {
            if j == last {
                0.0
            } else {
                (d[last * size + j] / t).max(0.0) / inertia
            }
        })
        .collect();
    let moved: f64 = p.iter().sum();
    p[last] = (1.0 - moved).max(0.0);
    p
}

/// Regret matching on `game` (see the module documentation).
///
/// # Errors
/// [`crate::Error::InvalidParameter`] for an inertia that is not positive.
pub fn regret_matching(
    game: &MatrixGame,
    options: &RegretMatchingOptions,
) -> Result<RegretMatching> {
    let inertia = options.inertia.unwrap_or_else(|| default_inertia(game));
    check_positive("inertia", inertia)?;
    let (m, n) = game.shape();
    check_size(options.iterations, options.record_every, m + n + 1)?;
    let (a, b) = (game.row_payoffs(), game.col_payoffs());
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut joint_counts = Array2::<f64>::zeros((m, n));
    let mut d_row = vec![0.0; m * m];
    let mut d_col = vec![0.0; n * n];
    let mut trajectory = Trajectory::new("regret matching", "iteration", Population::players(game));
    let mut violations = Vec::new();
    trajectory.push(0.0, [uniform(m), uniform(n)].concat());
    violations.push(f64::NAN);
    let (mut i, mut j) = (
        draw(&uniform(m), rng.random::<f64>()),
        draw(&uniform(n), rng.random::<f64>()),
    );
    // Cancellation is polled between chunks of periods, outside the
    // loop that computes them, which stays as it was.
    for chunk in (1..=options.iterations).step_by(crate::parallel::CANCEL_CHUNK) {
        crate::parallel::check_cancelled()?;
        for t in chunk..=(chunk + crate::parallel::CANCEL_CHUNK - 1).min(options.iterations) {
            if t > 1 {
                let tf = (t - 1) as f64;
                let pi = switching(&d_row, i, m, tf, inertia);
                let pj = switching(&d_col, j, n, tf, inertia);
                i = draw(&pi, rng.random::<f64>());
                j = draw(&pj, rng.random::<f64>());
            }
            joint_counts[(i, j)] += 1.0;
            for k in 0..m {
                d_row[i * m + k] += a[(k, j)] - a[(i, j)];
            }
            for k in 0..n {
                d_col[j * n + k] += b[(i, k)] - b[(i, j)];
            }
            if recorded(t, options.iterations, options.record_every) {
                let joint = &joint_counts / t as f64;
                let x = joint.sum_axis(ndarray::Axis(1)).to_vec();
                let y = joint.sum_axis(ndarray::Axis(0)).to_vec();
                violations.push(incentive_violation(game, &joint));
                trajectory.push(t as f64, [x, y].concat());
            }
        }
    }
    trajectory.extra.push(Series {
        name: "ce_violation".into(),
        values: violations,
    });
    let total = options.iterations.max(1) as f64;
    Ok(RegretMatching {
        trajectory,
        joint: joint_counts / total,
        inertia,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn switching_probabilities_follow_positive_regrets() {
        // Regrets of action 0 against 1 and 2 after 4 periods: 2 and -1.
        let d = [0.0, 8.0, -4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let p = switching(&d, 0, 3, 4.0, 10.0);
        assert_eq!(p, vec![0.8, 0.2, 0.0]);
        let g = catalogue::rock_paper_scissors();
        assert_eq!(default_inertia(&g), 2.0 * 2.0 * 2.0);
        let bad = RegretMatchingOptions {
            inertia: Some(0.0),
            ..Default::default()
        };
        assert!(regret_matching(&g, &bad).is_err());
    }
}
