//! Two-population (asymmetric) replicator dynamics (Taylor 1979;
//! docs/model.md §18.6).
//!
//! A row population with shares `x` and a column population with shares
//! `y`, each strategy growing at its payoff's excess over its population's
//! mean:
//!
//! `ẋ_i = x_i ((A y)_i - xᵀ A y)`,  `ẏ_j = y_j ((Bᵀ x)_j - xᵀ B y)`.
//!
//! Integrated with RK4 at a fixed step, each population projected back onto
//! its simplex after each step. nashpy's `asymmetric_replicator_dynamics`
//! solves the same equations with `odeint`; `tests/fixtures/learning.json`
//! holds its values and the tests compare at its time points.
//!
//! In a two-player zero-sum game with an interior equilibrium `(p, q)`,
//! `H = Σ p_i ln x_i + Σ q_j ln y_j` is a constant of motion (Hofbauer and
//! Sigmund 1998, §11.2).
//!
//! ## References
//! - P. D. Taylor (1979), "Evolutionarily stable strategies with two types
//!   of player", Journal of Applied Probability 16:76-83.
//! - J. Hofbauer and K. Sigmund (1998), *Evolutionary Games and Population
//!   Dynamics*, Cambridge University Press.

use super::best_response::{two_starts, ContinuousOptions};
use super::ode::{project, rk4_step};
use super::trajectory::{
    action_payoffs, check_positive, check_size, recorded, Population, Trajectory,
};
use crate::error::Result;
use crate::game::MatrixGame;

/// The velocity of both populations at `z = (x, y)`.
pub fn two_population_velocity(game: &MatrixGame, z: &[f64]) -> Vec<f64> {
    let m = game.shape().0;
    let (x, y) = z.split_at(m);
    let (u, v) = action_payoffs(game, x, y);
    let mean_x: f64 = x.iter().zip(&u).map(|(p, f)| p * f).sum();
    let mean_y: f64 = y.iter().zip(&v).map(|(q, f)| q * f).sum();
    x.iter()
        .zip(&u)
        .map(|(p, f)| p * (f - mean_x))
        .chain(y.iter().zip(&v).map(|(q, f)| q * (f - mean_y)))
        .collect()
}

/// Two-population replicator dynamics on `game` (see the module
/// documentation).
///
/// # Errors
/// [`crate::Error::InvalidParameter`] for a bad start or step.
pub fn two_population_replicator(
    game: &MatrixGame,
    options: &ContinuousOptions,
) -> Result<Trajectory> {
    check_positive("dt", options.dt)?;
    let [x, y] = two_starts(game, &options.start)?;
    check_size(options.steps, options.record_every, x.len() + y.len())?;
    let m = x.len();
    let mut z = [x, y].concat();
    let mut trajectory = Trajectory::new(
        "two-population replicator",
        "time",
        Population::players(game),
    );
    trajectory.push(0.0, z.clone());
    // Cancellation is polled between chunks of periods, outside the
    // loop that computes them, which stays as it was.
    for chunk in (1..=options.steps).step_by(crate::parallel::CANCEL_CHUNK) {
        crate::parallel::check_cancelled()?;
        for k in chunk..=(chunk + crate::parallel::CANCEL_CHUNK - 1).min(options.steps) {
            rk4_step(|z| two_population_velocity(game, z), &mut z, options.dt);
            let (x, y) = z.split_at_mut(m);
            project(x);
            project(y);
            if recorded(k, options.steps, options.record_every) {
                trajectory.push(k as f64 * options.dt, z.clone());
            }
        }
    }
    Ok(trajectory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn zero_sum_games_conserve_the_weighted_log_sum() {
        // A 2x2 zero-sum game with interior equilibrium p = (1/4, 3/4),
        // q = (1/2, 1/2): A = [[3, -3], [-1, 1]].
        let g = MatrixGame::zero_sum(array![[3.0, -3.0], [-1.0, 1.0]]).unwrap();
        let t = two_population_replicator(
            &g,
            &ContinuousOptions {
                start: Some([vec![0.6, 0.4], vec![0.3, 0.7]]),
                dt: 0.001,
                steps: 5000,
                record_every: 50,
            },
        )
        .unwrap();
        let h = |s: &[f64]| 0.25 * s[0].ln() + 0.75 * s[1].ln() + 0.5 * s[2].ln() + 0.5 * s[3].ln();
        let h0 = h(&t.states[0]);
        for s in &t.states {
            assert!((h(s) - h0).abs() < 1e-9, "{s:?}");
        }
        // And the state moves (the orbit is a closed curve, not a point).
        assert!((t.states[20][0] - 0.6).abs() > 0.05);
    }

    #[test]
    fn symmetric_start_in_a_symmetric_game_is_the_one_population_replicator() {
        let g = catalogue::rock_paper_scissors();
        let s = vec![0.5, 0.3, 0.2];
        let two = two_population_replicator(
            &g,
            &ContinuousOptions {
                start: Some([s.clone(), s.clone()]),
                dt: 0.01,
                steps: 300,
                record_every: 1,
            },
        )
        .unwrap();
        let one = crate::evolution::replicator_trajectory(&g, &s, 0.01, 300).unwrap();
        for (z, x) in two.states.iter().zip(&one.states) {
            for k in 0..3 {
                assert!((z[k] - x[k]).abs() < 1e-12 && (z[3 + k] - x[k]).abs() < 1e-12);
            }
        }
    }
}
