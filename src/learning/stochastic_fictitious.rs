//! Stochastic fictitious play with logit responses (Fudenberg and Kreps
//! 1993; Hofbauer and Sandholm 2002; docs/model.md §18.2).
//!
//! As in fictitious play each player believes the other plays its empirical
//! frequencies (uniform before any play), but responds with the logit
//! distribution of perturbed payoffs and draws its action from it: with
//! `u = A f_col` the row player's expected payoffs and `ε_a` independent
//! uniform draws from `[0, ε̄)`,
//!
//! `p_a = exp((u_a + ε_a) / η) / Σ_b exp((u_b + ε_b) / η)`,
//!
//! the same for the column player with `Bᵀ f_row`. This is the algorithm of
//! nashpy's `stochastic_fictitious_play` (its `etha` is `η`, its
//! `epsilon_bar` is `ε̄`), with the exponentials computed relative to the
//! largest (the same probabilities, without overflow). The random numbers
//! come from ChaCha8 seeded with `seed` (per period: the row player's
//! perturbations, the column player's, the row player's draw, the column
//! player's), so runs agree with nashpy's in distribution, not draw by draw.
//! With ε̄ = 0 the long-run frequencies approach the logit QRE at
//! `λ = 1/η` in games where stochastic fictitious play converges (2x2 games,
//! zero-sum games; Hofbauer and Sandholm 2002).
//!
//! ## References
//! - D. Fudenberg and D. M. Kreps (1993), "Learning mixed equilibria",
//!   Games and Economic Behavior 5:320-367.
//! - J. Hofbauer and W. H. Sandholm (2002), "On the global convergence of
//!   stochastic fictitious play", Econometrica 70:2265-2294.

use super::fictitious::check_counts;
use super::trajectory::{
    check_positive, check_size, draw, frequencies, logit_choice, recorded, Population, Trajectory,
};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// What [`stochastic_fictitious_play`] runs.
#[derive(Debug, Clone, PartialEq)]
pub struct StochasticFictitiousOptions {
    /// Periods of play.
    pub iterations: usize,
    /// The logit noise `η` (> 0; the precision is `λ = 1/η`).
    pub eta: f64,
    /// The largest payoff perturbation `ε̄` (≥ 0).
    pub epsilon_bar: f64,
    /// The starting play counts; `None`: all zero.
    pub initial_counts: Option<[Vec<f64>; 2]>,
    /// The seed of the random numbers.
    pub seed: u64,
    /// Record every this many periods (and the last).
    pub record_every: usize,
}

impl Default for StochasticFictitiousOptions {
    /// nashpy's defaults: `η = 0.1`, `ε̄ = 0.01`.
    fn default() -> Self {
        StochasticFictitiousOptions {
            iterations: 1000,
            eta: 0.1,
            epsilon_bar: 0.01,
            initial_counts: None,
            seed: 1,
            record_every: 1,
        }
    }
}

/// The result of [`stochastic_fictitious_play`].
#[derive(Debug, Clone, Serialize)]
pub struct StochasticFictitiousPlay {
    /// The empirical frequencies of each player's actions after each period.
    pub trajectory: Trajectory,
    /// The actions played in each period, `(row, column)`.
    pub plays: Vec<(usize, usize)>,
    /// The final play counts.
    pub counts: [Vec<f64>; 2],
}

/// Stochastic fictitious play on `game` (see the module documentation).
///
/// # Errors
/// [`Error::InvalidParameter`] for `η` not positive, `ε̄` negative or not
/// finite, or bad starting counts.
pub fn stochastic_fictitious_play(
    game: &MatrixGame,
    options: &StochasticFictitiousOptions,
) -> Result<StochasticFictitiousPlay> {
    check_positive("eta", options.eta)?;
    if !(options.epsilon_bar.is_finite() && options.epsilon_bar >= 0.0) {
        return Err(Error::invalid_parameter(
            "epsilon_bar",
            options.epsilon_bar,
            "a finite number >= 0",
        ));
    }
    let (m, n) = game.shape();
    let mut counts = options
        .initial_counts
        .clone()
        .unwrap_or_else(|| [vec![0.0; m], vec![0.0; n]]);
    check_counts(&counts, (m, n))?;
    check_size(options.iterations, options.record_every, m + n)?;
    let (a, b) = (game.row_payoffs(), game.col_payoffs());
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut trajectory = Trajectory::new(
        "stochastic fictitious play",
        "iteration",
        Population::players(game),
    );
    let state = |c: &[Vec<f64>; 2]| [frequencies(&c[0]), frequencies(&c[1])].concat();
    trajectory.push(0.0, state(&counts));
    let mut plays = Vec::with_capacity(options.iterations);
    // Cancellation is polled between chunks of periods, outside the
    // loop that computes them, which stays as it was.
    for chunk in (1..=options.iterations).step_by(crate::parallel::CANCEL_CHUNK) {
        crate::parallel::check_cancelled()?;
        for t in chunk..=(chunk + crate::parallel::CANCEL_CHUNK - 1).min(options.iterations) {
            let (fr, fc) = (frequencies(&counts[0]), frequencies(&counts[1]));
            let row_u: Vec<f64> = (0..m)
                .map(|i| {
                    (0..n).map(|j| a[(i, j)] * fc[j]).sum::<f64>()
                        + rng.random::<f64>() * options.epsilon_bar
                })
                .collect();
            let col_u: Vec<f64> = (0..n)
                .map(|j| {
                    (0..m).map(|i| b[(i, j)] * fr[i]).sum::<f64>()
                        + rng.random::<f64>() * options.epsilon_bar
                })
                .collect();
            let i = draw(&logit_choice(&row_u, options.eta), rng.random::<f64>());
            let j = draw(&logit_choice(&col_u, options.eta), rng.random::<f64>());
            counts[0][i] += 1.0;
            counts[1][j] += 1.0;
            plays.push((i, j));
            if recorded(t, options.iterations, options.record_every) {
                trajectory.push(t as f64, state(&counts));
            }
        }
    }
    Ok(StochasticFictitiousPlay {
        trajectory,
        plays,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn same_seed_same_play_and_bad_noise_is_refused() {
        let g = catalogue::matching_pennies();
        let o = StochasticFictitiousOptions {
            iterations: 200,
            ..Default::default()
        };
        let x = stochastic_fictitious_play(&g, &o).unwrap();
        let y = stochastic_fictitious_play(&g, &o).unwrap();
        assert_eq!(x.plays, y.plays);
        let z = stochastic_fictitious_play(
            &g,
            &StochasticFictitiousOptions {
                seed: 2,
                ..o.clone()
            },
        )
        .unwrap();
        assert_ne!(x.plays, z.plays);
        for bad in [0.0, -1.0, f64::NAN] {
            let o = StochasticFictitiousOptions {
                eta: bad,
                ..o.clone()
            };
            assert!(stochastic_fictitious_play(&g, &o).is_err());
        }
        let o = StochasticFictitiousOptions {
            epsilon_bar: -0.1,
            ..o
        };
        assert!(stochastic_fictitious_play(&g, &o).is_err());
    }
}
