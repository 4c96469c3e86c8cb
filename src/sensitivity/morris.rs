//! Morris's elementary-effects screening design on the unit hypercube.
//!
//! A trajectory starts at a random point of a `p`-level grid and moves each
//! factor once, in random order, by `±Δ` with `Δ = p / (2 (p − 1))`; the
//! elementary effect of factor `i` is the change of the output over that
//! move divided by the signed step. Over `r` trajectories each factor gets
//! `r` effects, summarised by their mean `μ`, the mean of their absolute
//! values `μ*` (which does not let effects of opposite signs cancel) and
//! their standard deviation `σ` (non-linearity or interactions).
//!
//! ## References
//! - M. D. Morris (1991), "Factorial sampling plans for preliminary
//!   computational experiments", *Technometrics* 33(2):161-174.
//! - F. Campolongo, J. Cariboni and A. Saltelli (2007), "An effective
//!   screening design for sensitivity analysis of large models",
//!   *Environmental Modelling & Software* 22(10):1509-1518 (μ*).

use crate::error::{Error, Result};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// A Morris design: `trajectories` of `factors + 1` points each.
#[derive(Debug, Clone, PartialEq)]
pub struct MorrisDesign {
    /// Number of factors.
    pub factors: usize,
    /// Grid levels `p` (even, at least 2).
    pub levels: usize,
    /// The trajectories.
    pub trajectories: Vec<Trajectory>,
}

/// One trajectory: `points[0]` and then one point after each move.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// The `factors + 1` points, in `[0, 1]^factors`.
    pub points: Vec<Vec<f64>>,
    /// `moves[m] = (factor, signed step)`: the move from `points[m]` to
    /// `points[m + 1]`.
    pub moves: Vec<(usize, f64)>,
}

/// Each factor's elementary effects and their summaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementaryEffects {
    /// `effects[i]`: factor `i`'s effect in each trajectory.
    pub effects: Vec<Vec<f64>>,
    /// Mean effect of each factor.
    pub mu: Vec<f64>,
    /// Mean absolute effect of each factor.
    pub mu_star: Vec<f64>,
    /// Standard deviation of each factor's effects (divisor `r − 1`; 0 for
    /// one trajectory).
    pub sigma: Vec<f64>,
}

impl ElementaryEffects {
    /// The factors by μ*, largest first (ties by index).
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.mu_star.len()).collect();
        order.sort_by(|&a, &b| self.mu_star[b].total_cmp(&self.mu_star[a]).then(a.cmp(&b)));
        order
    }
}

impl MorrisDesign {
    /// `trajectories` random trajectories over `factors` factors on a
    /// `levels`-level grid, drawn from ChaCha8 seeded with `seed`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for no factor or trajectory, or `levels`
    /// odd or below 2.
    pub fn new(factors: usize, trajectories: usize, levels: usize, seed: u64) -> Result<Self> {
        if factors == 0 {
            return Err(Error::invalid_parameter(
                "factors",
                0.0,
                "at least one parameter to vary",
            ));
        }
        if trajectories == 0 {
            return Err(Error::invalid_parameter("trajectories", 0.0, "at least 1"));
        }
        if levels < 2 || levels % 2 == 1 {
            return Err(Error::invalid_parameter(
                "levels",
                levels as f64,
                "an even number of grid levels, at least 2 (4 is usual)",
            ));
        }
        let step = levels as f64 / (2.0 * (levels - 1) as f64);
        let grid = (levels - 1) as f64;
        // Start levels from which a step of Δ stays on the grid.
        let starts = levels / 2;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let trajectories = (0..trajectories)
            .map(|_| {
                let mut x: Vec<f64> = (0..factors)
                    .map(|_| rng.random_range(0..starts) as f64 / grid)
                    .collect();
                let up: Vec<bool> = (0..factors).map(|_| rng.random_bool(0.5)).collect();
                for (xi, &u) in x.iter_mut().zip(&up) {
                    if !u {
                        *xi += step;
                    }
                }
                let mut order: Vec<usize> = (0..factors).collect();
                for i in (1..factors).rev() {
                    let j = rng.random_range(0..=i);
                    order.swap(i, j);
                }
                let mut points = vec![x.clone()];
                let mut moves = Vec::with_capacity(factors);
                for &i in &order {
                    let delta = if up[i] { step } else { -step };
                    x[i] += delta;
                    points.push(x.clone());
                    moves.push((i, delta));
                }
                Trajectory { points, moves }
            })
            .collect();
        Ok(MorrisDesign {
            factors,
            levels,
            trajectories,
        })
    }

    /// Every point of the design, trajectory after trajectory: the model is
    /// evaluated at these, in this order.
    pub fn points(&self) -> Vec<Vec<f64>> {
        self.trajectories
            .iter()
            .flat_map(|t| t.points.iter().cloned())
            .collect()
    }

    /// The elementary effects of `outputs`, the model's value at each of
    /// [`MorrisDesign::points`] in order.
    ///
    /// # Panics
    /// If `outputs` does not have one value per point.
    pub fn effects(&self, outputs: &[f64]) -> ElementaryEffects {
        let per = self.factors + 1;
        assert_eq!(
            outputs.len(),
            self.trajectories.len() * per,
            "one output per design point"
        );
        let mut effects = vec![Vec::with_capacity(self.trajectories.len()); self.factors];
        for (t, trajectory) in self.trajectories.iter().enumerate() {
            let y = &outputs[t * per..(t + 1) * per];
            for (m, &(i, delta)) in trajectory.moves.iter().enumerate() {
                effects[i].push((y[m + 1] - y[m]) / delta);
            }
        }
        let r = self.trajectories.len() as f64;
        let mu: Vec<f64> = effects.iter().map(|e| e.iter().sum::<f64>() / r).collect();
        let mu_star = effects
            .iter()
            .map(|e| e.iter().map(|v| v.abs()).sum::<f64>() / r)
            .collect();
        let sigma = effects
            .iter()
            .zip(&mu)
            .map(|(e, m)| {
                if e.len() < 2 {
                    0.0
                } else {
                    (e.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (r - 1.0)).sqrt()
                }
            })
            .collect();
        ElementaryEffects {
            effects,
            mu,
            mu_star,
            sigma,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(design: &MorrisDesign, f: impl Fn(&[f64]) -> f64) -> ElementaryEffects {
        let y: Vec<f64> = design.points().iter().map(|x| f(x)).collect();
        design.effects(&y)
    }

    #[test]
    fn a_linear_model_has_its_coefficients_as_effects() {
        let design = MorrisDesign::new(3, 8, 4, 1).unwrap();
        let e = run(&design, |x| 2.0 * x[0] - 3.0 * x[1] + 0.0 * x[2] + 1.0);
        for (i, a) in [2.0, -3.0, 0.0].into_iter().enumerate() {
            assert!((e.mu[i] - a).abs() < 1e-12 && (e.mu_star[i] - a.abs()).abs() < 1e-12);
            assert!(e.sigma[i] < 1e-12);
        }
    }

    #[test]
    fn interactions_show_as_spread_and_opposite_signs_do_not_cancel_in_mu_star() {
        let design = MorrisDesign::new(2, 40, 4, 7).unwrap();
        // x0's effect is x1 - 0.5: its sign changes over the plane.
        let e = run(&design, |x| (x[1] - 0.5) * x[0]);
        assert!(e.sigma[0] > 0.2, "{:?}", e.sigma);
        assert!(e.mu_star[0] > e.mu[0].abs() + 0.1);
    }

    #[test]
    fn trajectories_stay_on_the_grid_and_move_each_factor_once() {
        let design = MorrisDesign::new(4, 10, 6, 3).unwrap();
        let step = 6.0 / 10.0;
        for t in &design.trajectories {
            assert_eq!(t.points.len(), 5);
            let mut moved: Vec<usize> = t.moves.iter().map(|m| m.0).collect();
            moved.sort();
            assert_eq!(moved, vec![0, 1, 2, 3]);
            for p in &t.points {
                for &v in p {
                    let level = v * 5.0;
                    assert!(
                        (0.0..=1.0 + 1e-12).contains(&v) && (level - level.round()).abs() < 1e-9
                    );
                }
            }
            assert!(t.moves.iter().all(|m| (m.1.abs() - step).abs() < 1e-12));
        }
        assert_eq!(design, MorrisDesign::new(4, 10, 6, 3).unwrap(), "seeded");
        assert!(MorrisDesign::new(2, 3, 3, 0).is_err());
    }
}
