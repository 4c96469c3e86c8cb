//! Stationary distributions of the pairwise-comparison process
//! (docs/model.md §18.7): in the small-mutation limit over the monomorphic
//! states (Fudenberg and Imhof 2006), and of the full chain over every
//! population composition for a small population.
//!
//! **Small-mutation limit.** When mutations are rare, a mutant is lost or
//! takes over before the next one arises, so the population moves between
//! monomorphic states: from all-`r` to all-`i` with probability
//! `ρ_{i→r} / (n - 1)` per mutation (a uniformly chosen mutant strategy,
//! then its fixation probability). The stationary distribution of that
//! `n`-state chain is the long-run share of time in each monomorphic state
//! as `μ → 0`; EGTtools' `calculate_stationary_distribution` (with `mu = 0`)
//! computes the same chain's.
//!
//! **Full chain.** For `μ > 0` the process is an irreducible chain on the
//! `C(N + n - 1, n - 1)` compositions; its stationary distribution, restricted
//! to the monomorphic states, tends to the small-mutation limit as `μ → 0`
//! (the tests check this).
//!
//! Both are solved with the Grassmann-Taksar-Heyman elimination, which
//! involves no subtraction and so stays accurate when transition
//! probabilities differ by many orders of magnitude.
//!
//! ## References
//! - D. Fudenberg and L. A. Imhof (2006), "Imitation processes with small
//!   mutations", Journal of Economic Theory 131:251-262.
//! - W. K. Grassmann, M. I. Taksar and D. P. Heyman (1985), "Regenerative
//!   analysis and steady state distributions for Markov chains", Operations
//!   Research 33:1107-1116.

use super::fermi::{fermi, FermiProcess};
use crate::error::{Error, Result};
use ndarray::Array2;
use serde::Serialize;

/// The most compositions [`full_chain`] solves (its work grows as the
/// cube).
pub const MAX_FULL_CHAIN_STATES: usize = 3000;

/// The small-mutation limit of a pairwise-comparison process.
#[derive(Debug, Clone, Serialize)]
pub struct MonomorphicChain {
    /// `fixation[(resident, invader)]`: the fixation probability of one
    /// invader (0 on the diagonal).
    pub fixation: Array2<f64>,
    /// `transitions[(from, to)]`: the embedded chain between monomorphic
    /// states (rows sum to 1).
    pub transitions: Array2<f64>,
    /// The long-run share of time in each monomorphic state.
    pub stationary: Vec<f64>,
}

/// The full chain's stationary distribution.
#[derive(Debug, Clone, Serialize)]
pub struct FullChain {
    /// Every composition (counts of each strategy).
    pub states: Vec<Vec<usize>>,
    /// The stationary probability of each.
    pub stationary: Vec<f64>,
}

impl FullChain {
    /// The stationary probability of each monomorphic state (strategy
    /// order).
    pub fn monomorphic(&self) -> Vec<f64> {
        let n = self.states.first().map_or(0, Vec::len);
        let total: usize = self.states.first().map_or(0, |s| s.iter().sum());
        (0..n)
            .map(|k| {
                self.states
                    .iter()
                    .zip(&self.stationary)
                    .find(|(s, _)| s[k] == total)
                    .map_or(0.0, |(_, p)| *p)
            })
            .collect()
    }
}

/// The stationary distribution of the irreducible chain with transition
/// matrix `p` (row-stochastic, `p[(from, to)]`), by GTH elimination. The
/// diagonal is not read.
pub fn stationary_distribution(p: &Array2<f64>) -> Vec<f64> {
    let n = p.nrows();
    let mut a = p.clone();
    for k in (1..n).rev() {
        let s: f64 = (0..k).map(|j| a[(k, j)]).sum();
        if s <= 0.0 {
            continue;
        }
        for i in 0..k {
            a[(i, k)] /= s;
        }
        for i in 0..k {
            let f = a[(i, k)];
            if f != 0.0 {
                for j in 0..k {
                    a[(i, j)] += f * a[(k, j)];
                }
            }
        }
    }
    let mut x = vec![0.0; n];
    x[0] = 1.0;
    for k in 1..n {
        x[k] = (0..k).map(|i| x[i] * a[(i, k)]).sum();
    }
    let total: f64 = x.iter().sum();
    x.iter().map(|v| v / total).collect()
}

/// The small-mutation limit of `process` (its mutation rate is not used).
pub fn small_mutation_limit(process: &FermiProcess) -> MonomorphicChain {
    monomorphic_chain(process.fixation_matrix())
}

/// The small-mutation limit's chain between monomorphic states of the
/// fixation probabilities `fixation[(resident, invader)]` (the diagonal is
/// not read): from all-`r` to all-`i` with probability `ρ_{i→r} / (n - 1)`.
pub fn monomorphic_chain(fixation: Array2<f64>) -> MonomorphicChain {
    let n = fixation.nrows();
    let mut transitions = Array2::zeros((n, n));
    for r in 0..n {
        let mut stay = 1.0;
        for i in (0..n).filter(|&i| i != r) {
            let t = fixation[(r, i)] / (n - 1) as f64;
            transitions[(r, i)] = t;
            stay -= t;
        }
        transitions[(r, r)] = stay;
    }
    let stationary = stationary_distribution(&transitions);
    MonomorphicChain {
        fixation,
        transitions,
        stationary,
    }
}

/// Every composition of `total` into `parts` counts, ordered by the first
/// count descending, then the second, and so on (EGTtools' `sample_simplex`
/// order); sorted in descending lexicographic order, so a composition's
/// index is found by binary search.
pub fn compositions(total: usize, parts: usize) -> Vec<Vec<usize>> {
    if parts == 1 {
        return vec![vec![total]];
    }
    let mut out = Vec::new();
    for first in (0..=total).rev() {
        for mut rest in compositions(total - first, parts - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

/// The number of compositions of `total` into `parts` counts,
/// `C(total + parts - 1, parts - 1)` (saturating).
fn composition_count(total: usize, parts: usize) -> usize {
    let mut c: u128 = 1;
    for k in 1..parts {
        c = c * (total + k) as u128 / k as u128;
        if c > usize::MAX as u128 {
            return usize::MAX;
        }
    }
    c as usize
}

/// The stationary distribution of `process`'s full chain (its mutation
/// rate must be positive).
///
/// # Errors
/// As [`full_transitions`].
pub fn full_chain(process: &FermiProcess) -> Result<FullChain> {
    let (states, p) = full_transitions(process)?;
    let stationary = stationary_distribution(&p);
    Ok(FullChain { states, stationary })
}

/// Every composition of the population and the full chain's transition
/// matrix between them (`p[(from, to)]`, rows summing to 1).
///
/// # Errors
/// [`Error::InvalidParameter`] for a mutation rate of 0 (the chain is then
/// not irreducible); [`Error::TooLarge`] for more than
/// [`MAX_FULL_CHAIN_STATES`] compositions.
pub fn full_transitions(process: &FermiProcess) -> Result<(Vec<Vec<usize>>, Array2<f64>)> {
    let mu = process.mutation();
    if mu <= 0.0 {
        return Err(Error::invalid_parameter(
            "mutation",
            mu,
            "a rate > 0 (the full chain needs mutations)",
        ));
    }
    let (big_n, n) = (process.population(), process.strategies());
    let count = composition_count(big_n, n);
    if count > MAX_FULL_CHAIN_STATES {
        return Err(Error::TooLarge {
            what: "the pairwise-comparison chain's states".into(),
            value: count.to_string(),
            limit: MAX_FULL_CHAIN_STATES.to_string(),
            why: "the dense solve's time grows as the cube of the states".into(),
        });
    }
    let states = compositions(big_n, n);
    let index = |s: &[usize]| {
        states
            .binary_search_by(|t| s.cmp(t))
            .expect("a composition")
    };
    let mut p = Array2::zeros((states.len(), states.len()));
    let (nf, beta) = (big_n as f64, process.intensity());
    for (from, s) in states.iter().enumerate() {
        for focal in (0..n).filter(|&k| s[k] > 0) {
            let pick_focal = s[focal] as f64 / nf;
            for to in (0..n).filter(|&k| k != focal) {
                let mut prob = mu / (n - 1) as f64;
                if s[to] > 0 {
                    prob += (1.0 - mu) * s[to] as f64 / (nf - 1.0)
                        * fermi(beta, process.fitness(s, focal), process.fitness(s, to));
                }
                let mut next = s.clone();
                next[focal] -= 1;
                next[to] += 1;
                p[(from, index(&next))] += pick_focal * prob;
            }
        }
        let moved: f64 = p.row(from).sum();
        p[(from, from)] = 1.0 - moved;
    }
    Ok((states, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn gth_solves_a_birth_death_chain() {
        // Detailed balance: π1 / π0 = 0.3 / 0.1, π2 / π1 = 0.2 / 0.4.
        let p = array![[0.9, 0.1, 0.0], [0.3, 0.3, 0.4], [0.0, 0.2, 0.8]];
        let x = stationary_distribution(&p);
        let exact = [1.0, 1.0 / 3.0, 2.0 / 3.0];
        let s: f64 = exact.iter().sum();
        for (a, b) in x.iter().zip(exact) {
            assert!((a - b / s).abs() < 1e-15, "{x:?}");
        }
        assert_eq!(compositions(2, 3).len(), composition_count(2, 3));
        assert_eq!(composition_count(10, 3), 66);
    }

    #[test]
    fn two_strategy_limit_balances_the_fixation_probabilities() {
        // π_C ρ_{D→C} = π_D ρ_{C→D}.
        let g = catalogue::prisoners_dilemma_default();
        let p = FermiProcess::new(&g, 15, 0.3, 0.0).unwrap();
        let chain = small_mutation_limit(&p);
        let (c_to_d, d_to_c) = (p.fixation_probability(1, 0), p.fixation_probability(0, 1));
        let pi = &chain.stationary;
        assert!((pi[0] * c_to_d - pi[1] * d_to_c).abs() < 1e-15);
        assert!(full_chain(&p).is_err(), "no mutation, no full chain");
    }

    #[test]
    fn full_chain_approaches_the_small_mutation_limit() {
        let g = catalogue::rock_paper_scissors();
        let a = ndarray::Array2::from_shape_fn((3, 3), |(i, j)| {
            g.row_payoffs()[(i, j)] + if i == 0 { 0.3 } else { 0.0 }
        });
        let g = MatrixGame::symmetric(a).unwrap();
        let limit = small_mutation_limit(&FermiProcess::new(&g, 8, 1.0, 0.0).unwrap());
        let mut previous = f64::INFINITY;
        for mu in [1e-3, 1e-4, 1e-5] {
            let full = full_chain(&FermiProcess::new(&g, 8, 1.0, mu).unwrap()).unwrap();
            let mono = full.monomorphic();
            let gap = mono
                .iter()
                .zip(&limit.stationary)
                .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
            assert!(gap < previous / 5.0, "μ {mu}: gap {gap}");
            previous = gap;
        }
        assert!(previous < 1e-3);
    }

    use crate::game::MatrixGame;
}
