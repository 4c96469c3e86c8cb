//! The pairwise-comparison (Fermi) process of a finite population whose
//! groups are drawn without replacement (docs/model.md §20.8): fixation
//! probabilities, the small-mutation limit and, for two strategies, the
//! full chain with mutation.

use super::payoffs::{binomial, GroupPayoffs};
use crate::error::{Error, Result};
use crate::learning::fermi::{fermi, fixation_from_advantages};
use crate::learning::{monomorphic_chain, stationary_distribution, MonomorphicChain};
use ndarray::Array2;

/// A finite population of `Z` individuals meeting in groups of n, with
/// intensity of selection `β` and mutation rate `μ`.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFermi {
    payoffs: GroupPayoffs,
    population: usize,
    intensity: f64,
    mutation: f64,
}

impl GroupFermi {
    /// The process on `payoffs` with `population` individuals.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a population smaller than the group
    /// size (or than 2), a negative or non-finite intensity, or a mutation
    /// rate outside \[0, 1\].
    pub fn new(
        payoffs: GroupPayoffs,
        population: usize,
        intensity: f64,
        mutation: f64,
    ) -> Result<Self> {
        if population < payoffs.group_size().max(2) {
            return Err(Error::invalid_parameter(
                "population",
                population as f64,
                format!(
                    "at least the group size {} (groups are drawn from the population)",
                    payoffs.group_size()
                ),
            ));
        }
        if !(intensity.is_finite() && intensity >= 0.0) {
            return Err(Error::invalid_parameter(
                "intensity",
                intensity,
                "a finite number >= 0",
            ));
        }
        if !(0.0..=1.0).contains(&mutation) {
            return Err(Error::invalid_parameter(
                "mutation",
                mutation,
                "a probability in [0, 1]",
            ));
        }
        Ok(GroupFermi {
            payoffs,
            population,
            intensity,
            mutation,
        })
    }

    /// The payoff table.
    pub fn payoffs(&self) -> &GroupPayoffs {
        &self.payoffs
    }

    /// The population size Z.
    pub fn population(&self) -> usize {
        self.population
    }

    /// The intensity of selection β.
    pub fn intensity(&self) -> f64 {
        self.intensity
    }

    /// The mutation rate μ.
    pub fn mutation(&self) -> f64 {
        self.mutation
    }

    /// The fitness of strategy `i` in the population of counts `counts`
    /// (summing to Z, with `counts[i] >= 1`): its payoff averaged over the
    /// compositions of its n - 1 co-players, drawn without replacement from
    /// the other Z - 1 (multivariate hypergeometric).
    pub fn fitness(&self, counts: &[usize], i: usize) -> f64 {
        let p = &self.payoffs;
        let n = p.group_size();
        let all = binomial(self.population - 1, n - 1);
        let mut f = 0.0;
        for (c, k) in p.compositions().iter().enumerate() {
            if k[i] == 0 {
                continue;
            }
            let mut w = 1.0;
            for (j, (&kj, &cj)) in k.iter().zip(counts).enumerate() {
                let (kj, cj) = if j == i { (kj - 1, cj - 1) } else { (kj, cj) };
                w *= binomial(cj, kj);
                if w == 0.0 {
                    break;
                }
            }
            if w != 0.0 {
                f += w * p.row(c)[i];
            }
        }
        f / all
    }

    /// `f_a(j) - f_b(j)` with `j` players of `a` and `Z - j` of `b`
    /// (`1 <= j <= Z - 1`), by the two-strategy sums of docs/model.md §20.8.
    pub fn advantage(&self, a: usize, b: usize, j: usize) -> f64 {
        let p = &self.payoffs;
        let (z, n) = (self.population, p.group_size());
        let all = binomial(z - 1, n - 1);
        let (mut fa, mut fb) = (0.0, 0.0);
        for l in 0..n {
            let wa = binomial(j - 1, l) * binomial(z - j, n - 1 - l);
            if wa != 0.0 {
                fa += wa * p.pair_payoff(a, b, l + 1, true);
            }
            let wb = binomial(j, l) * binomial(z - j - 1, n - 1 - l);
            if wb != 0.0 {
                fb += wb * p.pair_payoff(a, b, l, false);
            }
        }
        (fa - fb) / all
    }

    /// The probability that one `invader` among Z - 1 of `resident` takes
    /// over (no mutation), `1 / (1 + Σ_j exp(-β Σ_{l ≤ j} (f_a(l) -
    /// f_b(l))))`, as a log-sum-exp.
    pub fn fixation_probability(&self, invader: usize, resident: usize) -> f64 {
        fixation_from_advantages(self.population, self.intensity, |j| {
            self.advantage(invader, resident, j)
        })
    }

    /// `ρ[(resident, invader)]`: every fixation probability (0 on the
    /// diagonal).
    pub fn fixation_matrix(&self) -> Array2<f64> {
        let m = self.payoffs.strategies();
        Array2::from_shape_fn((m, m), |(r, i)| {
            if r == i {
                0.0
            } else {
                self.fixation_probability(i, r)
            }
        })
    }

    /// The small-mutation limit: the chain between monomorphic states and
    /// its stationary distribution (the mutation rate is not used).
    pub fn small_mutation_limit(&self) -> MonomorphicChain {
        monomorphic_chain(self.fixation_matrix())
    }

    /// For two strategies and `μ > 0`: the stationary distribution of the
    /// full birth-death chain over `j = 0..=Z` players of the first
    /// strategy (EGTtools' `StochDynamics` full chain).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for more than two strategies or `μ = 0`.
    pub fn two_strategy_chain(&self) -> Result<Vec<f64>> {
        if self.payoffs.strategies() != 2 {
            return Err(Error::invalid_parameter(
                "strategies",
                self.payoffs.strategies() as f64,
                "exactly 2 for the full chain with mutation",
            ));
        }
        let mu = self.mutation;
        if mu <= 0.0 {
            return Err(Error::invalid_parameter(
                "mutation",
                mu,
                "a rate > 0 (the full chain needs mutations)",
            ));
        }
        let z = self.population;
        let zf = z as f64;
        let beta = self.intensity;
        let mut t = Array2::zeros((z + 1, z + 1));
        for j in 0..=z {
            let jf = j as f64;
            let (mut up, mut down) = (mu * (zf - jf) / zf, mu * jf / zf);
            if j > 0 && j < z {
                let d = self.advantage(0, 1, j);
                let meet = (zf - jf) / zf * jf / (zf - 1.0);
                up += (1.0 - mu) * meet * fermi(beta, 0.0, d);
                down += (1.0 - mu) * meet * fermi(beta, d, 0.0);
            }
            if j < z {
                t[(j, j + 1)] = up;
            }
            if j > 0 {
                t[(j, j - 1)] = down;
            }
            t[(j, j)] = 1.0 - up - down;
        }
        Ok(stationary_distribution(&t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{catalogue, nplayer_catalogue, NPlayerGame};
    use crate::learning::FermiProcess;

    fn public_goods(n: usize, r: f64) -> GroupPayoffs {
        let g =
            nplayer_catalogue::by_name("public_goods", &[("n".into(), n as f64), ("r".into(), r)])
                .unwrap();
        GroupPayoffs::from_stage(&g).unwrap()
    }

    #[test]
    fn two_players_are_the_pairwise_comparison_process() {
        let g = catalogue::prisoners_dilemma_default();
        let p = GroupPayoffs::from_stage(&NPlayerGame::from_matrix_game(&g)).unwrap();
        let mine = GroupFermi::new(p, 15, 0.3, 0.0).unwrap();
        let theirs = FermiProcess::new(&g, 15, 0.3, 0.0).unwrap();
        for j in 1..15 {
            let counts = [j, 15 - j];
            let d = mine.fitness(&counts, 0) - mine.fitness(&counts, 1);
            assert!((theirs.fitness(&counts, 0) - mine.fitness(&counts, 0)).abs() < 1e-12);
            assert!((mine.advantage(0, 1, j) - d).abs() < 1e-12);
        }
        let (a, b) = (mine.fixation_matrix(), theirs.fixation_matrix());
        for (x, y) in a.iter().zip(b.iter()) {
            assert!((x - y).abs() <= 1e-12 * y.max(1e-300), "{a} {b}");
        }
    }

    #[test]
    fn linear_public_goods_fixation_has_a_closed_form() {
        // A C-player's co-players hold j - 1 of the other C's, a D-player's
        // all j, so d = f_C - f_D = r/n (1 - (n-1)/(Z-1)) - 1 for every j:
        // ρ_{C→D} = (1 - e^{-βd}) / (1 - e^{-βZd}), ρ_{D→C} the same with -d.
        let (n, r, z, beta) = (5usize, 3.0, 40usize, 0.7);
        let p = GroupFermi::new(public_goods(n, r), z, beta, 0.0).unwrap();
        let d = r / n as f64 * (1.0 - (n - 1) as f64 / (z - 1) as f64) - 1.0;
        for j in 1..z {
            assert!((p.advantage(0, 1, j) - d).abs() < 1e-12);
        }
        let rho = |d: f64| (1.0 - (-beta * d).exp()) / (1.0 - (-beta * z as f64 * d).exp());
        let c_to_d = p.fixation_probability(0, 1);
        assert!(
            (c_to_d - rho(d)).abs() < 1e-12 * rho(d).max(1e-300),
            "{c_to_d} vs {}",
            rho(d)
        );
        assert!((p.fixation_probability(1, 0) - rho(-d)).abs() < 1e-12);
        // The two-state limit balances: π_C ρ_{D→C} = π_D ρ_{C→D}.
        let chain = p.small_mutation_limit();
        let pi = &chain.stationary;
        assert!((pi[0] * rho(-d) - pi[1] * rho(d)).abs() < 1e-15);
        assert!(GroupFermi::new(public_goods(5, 3.0), 4, 1.0, 0.0).is_err());
        assert!(GroupFermi::new(public_goods(5, 3.0), 10, -1.0, 0.0).is_err());
        assert!(GroupFermi::new(public_goods(5, 3.0), 10, 1.0, 2.0).is_err());
        assert!(p.two_strategy_chain().is_err(), "no mutation, no chain");
    }

    #[test]
    fn the_full_chain_approaches_the_small_mutation_limit() {
        let limit = GroupFermi::new(public_goods(4, 3.5), 20, 2.0, 0.0)
            .unwrap()
            .small_mutation_limit()
            .stationary;
        let mut previous = f64::INFINITY;
        for mu in [1e-3, 1e-4, 1e-5] {
            let full = GroupFermi::new(public_goods(4, 3.5), 20, 2.0, mu)
                .unwrap()
                .two_strategy_chain()
                .unwrap();
            assert_eq!(full.len(), 21);
            // j counts the first strategy (C): all-C is j = Z.
            let gap = (full[20] - limit[0]).abs().max((full[0] - limit[1]).abs());
            assert!(gap < previous / 5.0, "μ {mu}: gap {gap}");
            previous = gap;
        }
        assert!(previous < 1e-3);
    }
}
