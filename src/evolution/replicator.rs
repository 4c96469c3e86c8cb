//! Replicator dynamics on a symmetric game.
//!
//! ẋ_i = x_i ((A x)_i - xᵀ A x), integrated with the classical fourth-order
//! Runge-Kutta method at a fixed step, the state projected back onto the simplex
//! after each step.
//!
//! ## References
//! - Taylor, P. D. and Jonker, L. B. (1978). Evolutionarily stable strategies and
//!   game dynamics. *Mathematical Biosciences* 40:145-156.
//! - Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and Population
//!   Dynamics*. Cambridge University Press.

use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

/// A trajectory of the replicator dynamics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplicatorTrajectory {
    /// The time of each point.
    pub times: Vec<f64>,
    /// `states[k][i]`: the share of strategy i at `times[k]`.
    pub states: Vec<Vec<f64>>,
}

/// The replicator velocity ẋ_i = x_i ((A x)_i - xᵀ A x) of the payoffs `a`
/// (row player's, of a symmetric game) at the state `x` (shares summing to
/// 1).
pub fn replicator_velocity(a: &Array2<f64>, x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let fitness: Vec<f64> = (0..n)
        .map(|i| (0..n).fold(0.0, |sum, j| sum + a[[i, j]] * x[j]))
        .collect();
    let mean = (0..n).fold(0.0, |sum, i| sum + x[i] * fitness[i]);
    (0..n).map(|i| x[i] * (fitness[i] - mean)).collect()
}

fn velocity(a: &Array2<f64>, x: &Array1<f64>) -> Array1<f64> {
    Array1::from(replicator_velocity(a, &x.to_vec()))
}

/// Integrates the replicator dynamics of the symmetric `game` (the row
/// player's payoffs A) from `initial` for `steps` steps of length `dt`.
///
/// Errors if the game is not symmetric, `initial` is not a distribution over
/// its actions, or `dt` is not positive.
pub fn replicator_trajectory(
    game: &MatrixGame,
    initial: &[f64],
    dt: f64,
    steps: usize,
) -> Result<ReplicatorTrajectory> {
    if !game.is_symmetric(1e-12) {
        return Err(Error::UnsupportedGame {
            operation: "replicator dynamics",
            requirement: "a symmetric game (B = A transposed)",
            found: "asymmetric".into(),
        });
    }
    let n = game.shape().0;
    let total: f64 = initial.iter().sum();
    if initial.len() != n
        || initial.iter().any(|x| !x.is_finite() || *x < 0.0)
        || (total - 1.0).abs() > 1e-9
    {
        return Err(Error::invalid_parameter(
            "initial state",
            total,
            format!("{n} non-negative shares summing to 1"),
        ));
    }
    if !(dt.is_finite() && dt > 0.0) {
        return Err(Error::invalid_parameter("dt", dt, "a positive step"));
    }
    let a = game.row_payoffs();
    let mut x = Array1::from_vec(initial.to_vec());
    let mut times = vec![0.0];
    let mut states = vec![x.to_vec()];
    for k in 1..=steps {
        let k1 = velocity(a, &x);
        let k2 = velocity(a, &(&x + &(&k1 * (dt / 2.0))));
        let k3 = velocity(a, &(&x + &(&k2 * (dt / 2.0))));
        let k4 = velocity(a, &(&x + &(&k3 * dt)));
        x = &x + &((k1 + k2 * 2.0 + k3 * 2.0 + k4) * (dt / 6.0));
        x.mapv_inplace(|v| v.max(0.0));
        let s = x.sum();
        x /= s;
        times.push(k as f64 * dt);
        states.push(x.to_vec());
    }
    Ok(ReplicatorTrajectory { times, states })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn hawk_dove_converges_to_its_mixed_ess() {
        // V = 2, C = 4: the ESS plays hawk with probability V/C = 1/2.
        let g = catalogue::hawk_dove(2.0, 4.0).unwrap();
        let t = replicator_trajectory(&g, &[0.9, 0.1], 0.05, 2000).unwrap();
        let last = t.states.last().unwrap();
        assert!((last[1] - 0.5).abs() < 1e-6, "{last:?}");
    }

    #[test]
    fn rock_paper_scissors_conserves_the_product_of_shares() {
        // For zero-sum RPS, x1 x2 x3 is a constant of motion (Hofbauer & Sigmund 7.7).
        let g = catalogue::rock_paper_scissors();
        let x0 = [0.5, 0.3, 0.2];
        let t = replicator_trajectory(&g, &x0, 0.01, 1000).unwrap();
        let product = |s: &[f64]| s.iter().product::<f64>();
        let p0 = product(&x0);
        for s in &t.states {
            assert!((product(s) - p0).abs() < 1e-8, "{s:?}");
        }
    }

    #[test]
    fn prisoners_dilemma_drives_out_cooperation() {
        let g = catalogue::prisoners_dilemma_default();
        let t = replicator_trajectory(&g, &[0.99, 0.01], 0.1, 2000).unwrap();
        assert!(t.states.last().unwrap()[0] < 1e-6);
    }

    #[test]
    fn velocity_vanishes_at_rest_and_matches_the_closed_form() {
        // Hawk-dove V = 2, C = 4 (dove first): A = [[1, 0], [2, -1]]. With
        // x the dove share, (A x)_1 - (A x)_2 = x - (3x - 1), so
        // ẋ = x (1 - x) (1 - 2x).
        let g = catalogue::hawk_dove(2.0, 4.0).unwrap();
        let a = g.row_payoffs();
        for x in [0.1, 0.3, 0.5, 0.8] {
            let v = replicator_velocity(a, &[x, 1.0 - x]);
            let expected = x * (1.0 - x) * (1.0 - 2.0 * x);
            assert!((v[0] - expected).abs() < 1e-15, "{x}: {v:?}");
            assert!((v[0] + v[1]).abs() < 1e-15, "shares stay on the simplex");
        }
    }

    #[test]
    fn rejects_bad_input() {
        let g = catalogue::prisoners_dilemma_default();
        assert!(replicator_trajectory(&g, &[0.5, 0.6], 0.1, 1).is_err());
        assert!(replicator_trajectory(&g, &[1.0], 0.1, 1).is_err());
        assert!(replicator_trajectory(&g, &[0.5, 0.5], 0.0, 1).is_err());
        let bos = catalogue::battle_of_the_sexes(2.0, 1.0).unwrap();
        assert!(replicator_trajectory(&bos, &[0.5, 0.5], 0.1, 1).is_err());
    }
}
