//! The pairwise-comparison (Fermi) process in a finite population (Traulsen,
//! Nowak and Pacheco 2006; docs/model.md §18.7).
//!
//! `N` individuals play a symmetric game with payoffs `A`, each against all
//! the others: with `n_k` players of strategy `k`, a player of strategy `i`
//! earns `f_i = (Σ_k A_ik n_k - A_ii) / (N - 1)`. Each step one individual
//! (the *focal*) is drawn uniformly; with probability `μ` it mutates to one of
//! the other strategies, uniformly; otherwise it draws a *model* uniformly
//! among the other `N - 1` and adopts the model's strategy with the Fermi
//! probability `1 / (1 + exp(-β (f_model - f_focal)))`, `β` the intensity of
//! selection. These are EGTtools' conventions (`StochDynamics`).
//!
//! Without mutation, `k` invaders of strategy `a` among residents of `b`
//! change by one at a time with `T⁻(k) / T⁺(k) = exp(-β (f_a(k) - f_b(k)))`,
//! so the fixation probability of one invader is (Traulsen et al. 2006)
//!
//! `ρ_{a→b} = 1 / (1 + Σ_{k=1}^{N-1} exp(-β Σ_{j=1}^{k} (f_a(j) - f_b(j))))`,
//!
//! computed here in log space. The small-mutation limit's stationary
//! distribution is in [`super::stationary`].
//!
//! ## References
//! - A. Traulsen, M. A. Nowak and J. M. Pacheco (2006), "Stochastic dynamics
//!   of invasion and fixation", Physical Review E 74:011909.
//! - A. Traulsen, J. M. Pacheco and M. A. Nowak (2007), "Pairwise comparison
//!   and selection temperature in evolutionary game dynamics", Journal of
//!   Theoretical Biology 246:522-529.
//! - E. F. Domingos et al. (2023), "EGTtools: Evolutionary game dynamics in
//!   Python", iScience 26:106419.

use super::trajectory::{check_probability, recorded, symmetric_payoffs, Population, Trajectory};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// A pairwise-comparison process: a symmetric game, a population size, an
/// intensity of selection and a mutation rate.
#[derive(Debug, Clone, PartialEq)]
pub struct FermiProcess {
    payoffs: Array2<f64>,
    population: usize,
    intensity: f64,
    mutation: f64,
    population_names: Vec<Population>,
}

/// A seeded estimate of a fixation probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FixationEstimate {
    /// Runs in which the invader took over.
    pub fixed: usize,
    /// Runs.
    pub runs: usize,
}

impl FixationEstimate {
    /// The share of runs that fixed.
    pub fn probability(&self) -> f64 {
        self.fixed as f64 / self.runs as f64
    }

    /// The binomial standard error of [`FixationEstimate::probability`]
    /// at the probability `p`.
    pub fn standard_error(&self, p: f64) -> f64 {
        (p * (1.0 - p) / self.runs as f64).sqrt()
    }
}

/// The Fermi imitation probability of a focal with fitness `focal` copying
/// a model with fitness `model` at intensity `beta`.
pub fn fermi(beta: f64, focal: f64, model: f64) -> f64 {
    1.0 / (1.0 + (-beta * (model - focal)).exp())
}

/// The probability that one invader among `population - 1` residents takes
/// over under Fermi imitation at intensity `beta`, where `advantage(k)` is
/// the invader's fitness minus the resident's with k invaders:
/// 1 / (1 + Σ_k exp(S_k)), S_k = -β Σ_{j ≤ k} advantage(j), summed as a
/// log-sum-exp so that strong selection does not overflow.
pub fn fixation_from_advantages(
    population: usize,
    beta: f64,
    advantage: impl Fn(usize) -> f64,
) -> f64 {
    let mut logs = Vec::with_capacity(population);
    logs.push(0.0);
    let mut s = 0.0;
    for k in 1..population {
        s -= beta * advantage(k);
        logs.push(s);
    }
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = logs.iter().map(|l| (l - top).exp()).sum();
    (-(top + sum.ln())).exp()
}

impl FermiProcess {
    /// The process on the symmetric `game` (its row player's payoffs) with
    /// `population` individuals, intensity `intensity` and mutation rate
    /// `mutation`.
    ///
    /// # Errors
    /// [`Error::UnsupportedGame`] for an asymmetric game or one with a
    /// single strategy; [`Error::InvalidParameter`] for a population under
    /// 2, a negative or non-finite intensity, or a mutation rate outside
    /// \[0, 1\].
    pub fn new(
        game: &MatrixGame,
        population: usize,
        intensity: f64,
        mutation: f64,
    ) -> Result<Self> {
        let a = symmetric_payoffs(game, "the pairwise-comparison process")?;
        if a.nrows() < 2 {
            return Err(Error::UnsupportedGame {
                operation: "the pairwise-comparison process",
                requirement: "at least two strategies",
                found: "one strategy".into(),
            });
        }
        if population < 2 {
            return Err(Error::invalid_parameter(
                "population",
                population as f64,
                "at least 2 individuals",
            ));
        }
        if !(intensity.is_finite() && intensity >= 0.0) {
            return Err(Error::invalid_parameter(
                "intensity",
                intensity,
                "a finite number >= 0",
            ));
        }
        check_probability("mutation", mutation)?;
        Ok(FermiProcess {
            payoffs: a.clone(),
            population,
            intensity,
            mutation,
            population_names: Population::single(game),
        })
    }

    /// The number of strategies.
    pub fn strategies(&self) -> usize {
        self.payoffs.nrows()
    }

    /// The population size `N`.
    pub fn population(&self) -> usize {
        self.population
    }

    /// The intensity of selection `β`.
    pub fn intensity(&self) -> f64 {
        self.intensity
    }

    /// The mutation rate `μ`.
    pub fn mutation(&self) -> f64 {
        self.mutation
    }

    /// The fitness of strategy `i` in the population of counts `counts`
    /// (which holds at least one `i`): its payoff against every other
    /// individual, averaged.
    pub fn fitness(&self, counts: &[usize], i: usize) -> f64 {
        let total: f64 = counts
            .iter()
            .enumerate()
            .map(|(k, &c)| self.payoffs[(i, k)] * c as f64)
            .sum();
        (total - self.payoffs[(i, i)]) / (self.population - 1) as f64
    }

    /// The fitness difference `f_a(k) - f_b(k)` with `k` players of `a` and
    /// `N - k` of `b`.
    fn advantage(&self, a: usize, b: usize, k: usize) -> f64 {
        let n = self.population as f64;
        let k = k as f64;
        let p = &self.payoffs;
        let fa = ((k - 1.0) * p[(a, a)] + (n - k) * p[(a, b)]) / (n - 1.0);
        let fb = (k * p[(b, a)] + (n - k - 1.0) * p[(b, b)]) / (n - 1.0);
        fa - fb
    }

    /// The probability that one `invader` among `N - 1` of `resident` takes
    /// over the population (no mutation), in closed form (module
    /// documentation).
    pub fn fixation_probability(&self, invader: usize, resident: usize) -> f64 {
        fixation_from_advantages(self.population, self.intensity, |k| {
            self.advantage(invader, resident, k)
        })
    }

    /// `ρ[(resident, invader)]`: every fixation probability (0 on the
    /// diagonal).
    pub fn fixation_matrix(&self) -> Array2<f64> {
        let n = self.strategies();
        Array2::from_shape_fn((n, n), |(r, i)| {
            if r == i {
                0.0
            } else {
                self.fixation_probability(i, r)
            }
        })
    }

    /// One step of the process from `counts` (updated), drawing from `rng`.
    fn step(&self, counts: &mut [usize], rng: &mut ChaCha8Rng) {
        let n = self.strategies();
        let pick = |counts: &[usize], r: usize, skip: Option<usize>| -> usize {
            let mut r = r;
            for (k, &c) in counts.iter().enumerate() {
                let c = c - usize::from(skip == Some(k));
                if r < c {
                    return k;
                }
                r -= c;
            }
            unreachable!("r is below the total count")
        };
        let focal = pick(counts, rng.random_range(0..self.population), None);
        if self.mutation > 0.0 && rng.random::<f64>() < self.mutation {
            let mut to = rng.random_range(0..n - 1);
            if to >= focal {
                to += 1;
            }
            counts[focal] -= 1;
            counts[to] += 1;
            return;
        }
        let model = pick(
            counts,
            rng.random_range(0..self.population - 1),
            Some(focal),
        );
        if model == focal {
            return;
        }
        let p = fermi(
            self.intensity,
            self.fitness(counts, focal),
            self.fitness(counts, model),
        );
        if rng.random::<f64>() < p {
            counts[focal] -= 1;
            counts[model] += 1;
        }
    }

    /// `runs` seeded simulations of one `invader` among `N - 1` of
    /// `resident`, without mutation, each run until one strategy is left.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `invader == resident` or either is
    /// not a strategy.
    pub fn simulate_fixation(
        &self,
        invader: usize,
        resident: usize,
        runs: usize,
        seed: u64,
    ) -> Result<FixationEstimate> {
        let n = self.strategies();
        if invader == resident || invader >= n || resident >= n {
            return Err(Error::invalid_parameter(
                "invader",
                invader as f64,
                format!("a strategy 0..{n} other than the resident {resident}"),
            ));
        }
        let without = FermiProcess {
            mutation: 0.0,
            ..self.clone()
        };
        let mut fixed = 0;
        for run in 0..runs {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(run as u64);
            let mut counts = vec![0; n];
            counts[invader] = 1;
            counts[resident] = self.population - 1;
            while counts[invader] > 0 && counts[resident] > 0 {
                without.step(&mut counts, &mut rng);
            }
            fixed += usize::from(counts[invader] > 0);
        }
        Ok(FixationEstimate { fixed, runs })
    }

    /// A seeded run of `steps` steps from the counts `start`, recording the
    /// shares every `record_every` steps.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `start` does not hold one count per
    /// strategy summing to the population size.
    pub fn simulate(
        &self,
        start: &[usize],
        steps: usize,
        seed: u64,
        record_every: usize,
    ) -> Result<Trajectory> {
        let total: usize = start.iter().sum();
        if start.len() != self.strategies() || total != self.population {
            return Err(Error::invalid_parameter(
                "start",
                total as f64,
                format!(
                    "{} counts summing to the population size {}",
                    self.strategies(),
                    self.population
                ),
            ));
        }
        super::trajectory::check_size(steps, record_every, self.strategies())?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut counts = start.to_vec();
        let shares = |c: &[usize]| {
            c.iter()
                .map(|&v| v as f64 / self.population as f64)
                .collect()
        };
        let mut trajectory = Trajectory::new(
            "pairwise comparison (Fermi)",
            "step",
            self.population_names.clone(),
        );
        trajectory.push(0.0, shares(&counts));
        // Cancellation is polled between chunks of periods, outside the
        // loop that computes them, which stays as it was.
        for chunk in (1..=steps).step_by(crate::parallel::CANCEL_CHUNK) {
            crate::parallel::check_cancelled()?;
            for k in chunk..=(chunk + crate::parallel::CANCEL_CHUNK - 1).min(steps) {
                self.step(&mut counts, &mut rng);
                if recorded(k, steps, record_every) {
                    trajectory.push(k as f64, shares(&counts));
                }
            }
        }
        Ok(trajectory)
    }

    /// The counts nearest to the shares `shares` (largest remainders), or
    /// an error when `shares` is not a distribution over the strategies.
    pub fn counts_of(&self, shares: &[f64]) -> Result<Vec<usize>> {
        let p = super::trajectory::check_strategy(shares, self.strategies(), "start")?;
        let n = self.population as f64;
        let mut counts: Vec<usize> = p.iter().map(|s| (s * n).floor() as usize).collect();
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by(|&a, &b| {
            let ra = p[a] * n - counts[a] as f64;
            let rb = p[b] * n - counts[b] as f64;
            rb.total_cmp(&ra).then(a.cmp(&b))
        });
        let short = self.population - counts.iter().sum::<usize>();
        for &k in order.iter().take(short) {
            counts[k] += 1;
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn neutral_fixation_is_one_over_n_and_bad_input_is_refused() {
        let g = catalogue::prisoners_dilemma_default();
        let neutral = FermiProcess::new(&g, 20, 0.0, 0.0).unwrap();
        assert!((neutral.fixation_probability(0, 1) - 0.05).abs() < 1e-15);
        assert!(FermiProcess::new(&g, 1, 1.0, 0.0).is_err());
        assert!(FermiProcess::new(&g, 10, -1.0, 0.0).is_err());
        assert!(FermiProcess::new(&g, 10, 1.0, 1.5).is_err());
        let bos = catalogue::battle_of_the_sexes(2.0, 1.0).unwrap();
        assert!(FermiProcess::new(&bos, 10, 1.0, 0.0).is_err());
        assert_eq!(neutral.counts_of(&[0.33, 0.67]).unwrap(), vec![7, 13]);
        assert!(neutral.counts_of(&[0.3, 0.3]).is_err());
        assert!(neutral.simulate(&[10, 9], 5, 1, 1).is_err());
        assert!(neutral.simulate_fixation(0, 0, 5, 1).is_err());
    }

    #[test]
    fn simulated_fixation_agrees_with_the_closed_form() {
        // Defection invading cooperation and the reverse in the prisoner's
        // dilemma, N = 12, β = 0.5: within four binomial standard errors.
        let g = catalogue::prisoners_dilemma_default();
        let p = FermiProcess::new(&g, 12, 0.5, 0.0).unwrap();
        for (invader, resident) in [(1, 0), (0, 1)] {
            let exact = p.fixation_probability(invader, resident);
            let est = p.simulate_fixation(invader, resident, 20_000, 7).unwrap();
            let se = est.standard_error(exact).max(1.0 / 20_000.0);
            assert!(
                (est.probability() - exact).abs() < 4.0 * se,
                "{invader}->{resident}: {} vs {exact}",
                est.probability()
            );
        }
    }
}
