//! The replicator-mutator equation of a symmetric game (Page and Nowak 2002;
//! docs/model.md §18.5).
//!
//! With `f = A x` the fitness of each strategy, `φ = xᵀ A x` the mean
//! fitness and `Q` the mutation matrix (`Q_jj = 1 - μ`, `Q_ji = μ / (n - 1)`:
//! an offspring of a `j` parent is of each other type with probability
//! `μ / (n - 1)`),
//!
//! `ẋ_i = Σ_j x_j f_j Q_ji - φ x_i`.
//!
//! At `μ = 0` it is the replicator equation
//! ([`crate::evolution::replicator`]). It is integrated with RK4 at a fixed
//! step, the state projected back onto the simplex after each step. nashpy's
//! `replicator_dynamics` with a `mutation_matrix` solves the same equation
//! (with `odeint`); `tests/fixtures/learning.json` holds its values.
//!
//! ## References
//! - K. M. Page and M. A. Nowak (2002), "Unifying evolutionary dynamics",
//!   Journal of Theoretical Biology 219:93-98.
//! - M. A. Nowak (2006), *Evolutionary Dynamics*, Harvard University Press,
//!   ch. 3.

use super::ode::{project, rk4_step};
use super::trajectory::{
    check_positive, check_probability, check_size, check_strategy, recorded, symmetric_payoffs,
    uniform, Population, Trajectory,
};
use crate::error::Result;
use crate::game::MatrixGame;
use ndarray::Array2;

/// What [`replicator_mutator`] integrates.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicatorMutatorOptions {
    /// The starting shares; `None`: uniform.
    pub start: Option<Vec<f64>>,
    /// The mutation rate `μ` in \[0, 1\].
    pub mutation: f64,
    /// The RK4 step length.
    pub dt: f64,
    /// The number of steps.
    pub steps: usize,
    /// Record every this many steps (and the last).
    pub record_every: usize,
}

impl Default for ReplicatorMutatorOptions {
    fn default() -> Self {
        ReplicatorMutatorOptions {
            start: None,
            mutation: 0.01,
            dt: 0.01,
            steps: 1000,
            record_every: 1,
        }
    }
}

/// The replicator-mutator velocity at `x` of the payoffs `a` with mutation
/// rate `mu`.
pub fn replicator_mutator_velocity(a: &Array2<f64>, mu: f64, x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let f: Vec<f64> = (0..n)
        .map(|i| (0..n).map(|j| a[(i, j)] * x[j]).sum())
        .collect();
    let phi: f64 = (0..n).map(|i| x[i] * f[i]).sum();
    let total: f64 = (0..n).map(|j| x[j] * f[j]).sum();
    let off = if n > 1 { mu / (n - 1) as f64 } else { 0.0 };
    (0..n)
        .map(|i| {
            let own = x[i] * f[i];
            // Σ_j x_j f_j Q_ji = (1 - μ) x_i f_i + off × (total - x_i f_i).
            (1.0 - mu) * own + off * (total - own) - phi * x[i]
        })
        .collect()
}

/// The replicator-mutator equation of the symmetric `game` (see the module
/// documentation).
///
/// # Errors
/// [`crate::Error::UnsupportedGame`] for an asymmetric game;
/// [`crate::Error::InvalidParameter`] for a bad start, step or rate.
pub fn replicator_mutator(
    game: &MatrixGame,
    options: &ReplicatorMutatorOptions,
) -> Result<Trajectory> {
    let a = symmetric_payoffs(game, "the replicator-mutator equation")?;
    check_positive("dt", options.dt)?;
    check_probability("mutation", options.mutation)?;
    let n = a.nrows();
    check_size(options.steps, options.record_every, n)?;
    let mut x = match &options.start {
        Some(s) => check_strategy(s, n, "start")?,
        None => uniform(n),
    };
    let mut trajectory = Trajectory::new("replicator-mutator", "time", Population::single(game));
    trajectory.push(0.0, x.clone());
    // Cancellation is polled between chunks of periods, outside the
    // loop that computes them, which stays as it was.
    for chunk in (1..=options.steps).step_by(crate::parallel::CANCEL_CHUNK) {
        crate::parallel::check_cancelled()?;
        for k in chunk..=(chunk + crate::parallel::CANCEL_CHUNK - 1).min(options.steps) {
            rk4_step(
                |x| replicator_mutator_velocity(a, options.mutation, x),
                &mut x,
                options.dt,
            );
            project(&mut x);
            if recorded(k, options.steps, options.record_every) {
                trajectory.push(k as f64 * options.dt, x.clone());
            }
        }
    }
    Ok(trajectory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evolution::replicator_trajectory;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn without_mutation_it_is_the_replicator_equation() {
        let g = catalogue::rock_paper_scissors();
        let start = vec![0.5, 0.3, 0.2];
        let ours = replicator_mutator(
            &g,
            &ReplicatorMutatorOptions {
                start: Some(start.clone()),
                mutation: 0.0,
                dt: 0.01,
                steps: 500,
                record_every: 1,
            },
        )
        .unwrap();
        let theirs = replicator_trajectory(&g, &start, 0.01, 500).unwrap();
        for (x, y) in ours.states.iter().zip(&theirs.states) {
            for (a, b) in x.iter().zip(y) {
                assert!((a - b).abs() < 1e-12, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn constant_advantage_gives_a_logistic_curve() {
        // A = [[1, 1], [0, 0]]: f = (1, 0), so ẋ = x (1 - μ - x), the
        // logistic curve with rate and capacity K = 1 - μ:
        // x(t) = K x0 e^{Kt} / (K + x0 (e^{Kt} - 1)).
        let g = MatrixGame::symmetric(array![[1.0, 1.0], [0.0, 0.0]]).unwrap();
        for mu in [0.0, 0.1, 0.3] {
            let t = replicator_mutator(
                &g,
                &ReplicatorMutatorOptions {
                    start: Some(vec![0.05, 0.95]),
                    mutation: mu,
                    dt: 0.01,
                    steps: 800,
                    record_every: 100,
                },
            )
            .unwrap();
            let k = 1.0 - mu;
            for (s, time) in t.states.iter().zip(&t.times) {
                let e = (k * time).exp();
                let exact = k * 0.05 * e / (k + 0.05 * (e - 1.0));
                assert!((s[0] - exact).abs() < 1e-9, "μ {mu} t {time}: {}", s[0]);
            }
        }
        let pd = catalogue::battle_of_the_sexes(2.0, 1.0).unwrap();
        assert!(replicator_mutator(&pd, &ReplicatorMutatorOptions::default()).is_err());
    }
}
