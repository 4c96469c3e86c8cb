//! The Moran process: fixation of strategies in a finite population.
//!
//! A population of N individuals, each of one type (strategy). Each step every
//! individual's fitness is its total payoff against every *other* individual
//! (no self-interaction), one individual is chosen to reproduce with probability
//! proportional to fitness, one is chosen uniformly at random (the parent
//! included) to die, and the offspring takes its place. The process ends when
//! one type has taken over. This is Axelrod-Python's `MoranProcess` with its
//! default graphs (birth-death, no mutation; its reproduction graph has a
//! loop at every player, so the parent may be the one that dies), and with
//! deterministic strategies its fitnesses are these.
//!
//! For two types, with a = payoff of a mutant against a mutant, b = mutant
//! against resident, c = resident against mutant, d = resident against resident
//! and i mutants, the fitnesses are f_i = a (i-1) + b (N-i) and
//! g_i = c i + d (N-i-1), and the probability that i mutants take over is
//! ρ_i = (1 + Σ_{k=1}^{i-1} Π_{j=1}^{k} g_j/f_j) / (1 + Σ_{k=1}^{N-1} Π_{j=1}^{k} g_j/f_j).
//! Under death-birth updating ([`death_birth_fixation_probability`]) the
//! ratio of the chances of a step down and a step up, g_j/f_j above, is
//! instead that of the two competitions for a place left by a mutant and by
//! a resident (docs/model.md §11.2).
//!
//! ## References
//! - Moran, P. A. P. (1958). Random processes in genetics. *Proc. Cambridge
//!   Philosophical Society* 54:60-71.
//! - Nowak, M. A., Sasaki, A., Taylor, C. and Fudenberg, D. (2004). Emergence of
//!   cooperation and evolutionary stability in finite populations. *Nature*
//!   428:646-650.
//! - Nowak, M. A. (2006). *Evolutionary Dynamics*, ch. 6. Harvard University Press.

use super::check_fitness_payoffs;
use crate::error::{Error, Result};
use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The exact probability that `mutants` individuals of a mutant type take over
/// a population of `population` (the rest residents), from the four mean
/// payoffs of one interaction: `[a, b, c, d]` = mutant v mutant, mutant v
/// resident, resident v mutant, resident v resident.
///
/// Errors unless 1 <= mutants <= population - 1 and every fitness that arises
/// is positive.
pub fn fixation_probability(payoffs: [f64; 4], population: usize, mutants: usize) -> Result<f64> {
    let [a, b, c, d] = payoffs;
    if population < 2 || mutants == 0 || mutants >= population {
        return Err(Error::invalid_parameter(
            "mutants",
            mutants as f64,
            format!(
                "between 1 and population - 1 = {}",
                population.saturating_sub(1)
            ),
        ));
    }
    let n = population as f64;
    fixation_from_ratios(population, mutants, |i| {
        let f = a * (i - 1.0) + b * (n - i);
        let g = c * i + d * (n - i - 1.0);
        if !(f > 0.0 && g > 0.0) {
            return Err(Error::invalid_parameter(
                "payoffs",
                f.min(g),
                "payoffs giving every individual a positive fitness",
            ));
        }
        Ok(g / f)
    })
}

/// ρ_m = (1 + Σ_{k=1}^{m-1} Π_{j=1}^{k} r_j) / (1 + Σ_{k=1}^{N-1} Π_{j=1}^{k} r_j),
/// the probability that `mutants` = m mutants take over a population of N
/// in a birth-death chain whose ratio of the chances of a step down and a
/// step up with j mutants is `ratio(j)` = r_j (Nowak 2006, eq. 6.13).
fn fixation_from_ratios(
    population: usize,
    mutants: usize,
    ratio: impl Fn(f64) -> Result<f64>,
) -> Result<f64> {
    let (mut sum_all, mut sum_first, mut product) = (1.0, 1.0, 1.0);
    for k in 1..population {
        product *= ratio(k as f64)?;
        sum_all += product;
        if k < mutants {
            sum_first += product;
        }
    }
    Ok(sum_first / sum_all)
}

/// The exact probability that `mutants` individuals of a mutant type take
/// over a well-mixed population of `population` under death-birth updating:
/// each step one individual dies uniformly and the others, each with the
/// payoffs `[a, b, c, d]` (as [`fixation_probability`]) of its matches with
/// every other *living* individual, compete for its place in proportion to
/// fitness.
///
/// With i mutants, a resident's death leaves i mutants of fitness
/// a(i-1) + b(N-i-1) and N-i-1 residents of fitness c·i + d(N-i-2); a
/// mutant's death leaves i-1 mutants of fitness a(i-2) + b(N-i) and N-i
/// residents of fitness c(i-1) + d(N-i-1). The chances of a step up and down
/// are T⁺ = (N-i)/N · i f⁺ / (i f⁺ + (N-i-1) g⁺) and
/// T⁻ = i/N · (N-i) g⁻ / ((i-1) f⁻ + (N-i) g⁻), and ρ_i is the formula of
/// [`fixation_probability`] with g_j/f_j replaced by T⁻_j/T⁺_j.
///
/// Errors unless 1 <= mutants <= population - 1 and every competition that
/// arises has a positive total fitness.
pub fn death_birth_fixation_probability(
    payoffs: [f64; 4],
    population: usize,
    mutants: usize,
) -> Result<f64> {
    let [a, b, c, d] = payoffs;
    if population < 3 || mutants == 0 || mutants >= population {
        return Err(Error::invalid_parameter(
            "mutants",
            mutants as f64,
            format!(
                "between 1 and population - 1 = {}, in a population of at least 3",
                population.saturating_sub(1)
            ),
        ));
    }
    let n = population as f64;
    fixation_from_ratios(population, mutants, |i| {
        let (f_up, g_up) = (a * (i - 1.0) + b * (n - i - 1.0), c * i + d * (n - i - 2.0));
        let (f_down, g_down) = (
            a * (i - 2.0) + b * (n - i),
            c * (i - 1.0) + d * (n - i - 1.0),
        );
        let up_total = i * f_up + (n - i - 1.0) * g_up;
        let down_total = (i - 1.0) * f_down + (n - i) * g_down;
        if !(up_total > 0.0 && down_total > 0.0 && f_up > 0.0 && g_down > 0.0) {
            return Err(Error::invalid_parameter(
                "payoffs",
                up_total.min(down_total),
                "payoffs giving every competition a positive fitness",
            ));
        }
        let up = (n - i) / n * i * f_up / up_total;
        let down = i / n * (n - i) * g_down / down_total;
        Ok(down / up)
    })
}

/// A Moran process over types whose interactions pay `payoffs[t][u]` (the mean
/// payoff of one interaction of a type-t individual with a type-u one).
#[derive(Debug, Clone, PartialEq)]
pub struct MoranProcess {
    payoffs: Array2<f64>,
    max_steps: u64,
}

/// The end of one run of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoranRun {
    /// The type that took over, `None` if `max_steps` ran out first.
    pub winner: Option<usize>,
    /// Birth-death steps taken.
    pub steps: u64,
}

/// A simulated fixation probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MoranEstimate {
    /// Share of runs in which the mutant type took over.
    pub probability: f64,
    /// Its standard error, sqrt(p (1 - p) / runs).
    pub standard_error: f64,
    /// Number of runs.
    pub runs: usize,
    /// Runs that had not fixed after the step limit (counted as no fixation).
    pub unfinished: usize,
}

impl MoranProcess {
    /// A process on the given square, non-negative payoff matrix.
    pub fn new(payoffs: Array2<f64>) -> Result<Self> {
        check_fitness_payoffs(&payoffs, "the Moran process")?;
        Ok(MoranProcess {
            payoffs,
            max_steps: 10_000_000,
        })
    }

    /// The same process with a different step limit per run (default 10^7).
    pub fn with_max_steps(mut self, max_steps: u64) -> Self {
        self.max_steps = max_steps;
        self
    }

    /// Runs the process once from `counts[t]` individuals of each type.
    pub fn run(&self, counts: &[usize], rng: &mut ChaCha8Rng) -> Result<MoranRun> {
        let types = self.payoffs.nrows();
        if counts.len() != types {
            return Err(Error::invalid_parameter(
                "counts",
                counts.len() as f64,
                format!("one count per type ({types})"),
            ));
        }
        let population: usize = counts.iter().sum();
        if population < 2 {
            return Err(Error::invalid_parameter(
                "population",
                population as f64,
                "at least 2 individuals",
            ));
        }
        let mut counts = counts.to_vec();
        let mut weights = vec![0.0; types];
        let mut steps = 0;
        loop {
            if steps % 1024 == 0 {
                crate::parallel::check_cancelled()?;
            }
            let alive: Vec<usize> = (0..types).filter(|&t| counts[t] > 0).collect();
            if alive.len() == 1 {
                return Ok(MoranRun {
                    winner: Some(alive[0]),
                    steps,
                });
            }
            if steps >= self.max_steps {
                return Ok(MoranRun {
                    winner: None,
                    steps,
                });
            }
            // Birth: a type in proportion to its total fitness.
            let mut total = 0.0;
            for t in 0..types {
                let fitness: f64 = alive
                    .iter()
                    .map(|&u| {
                        let others = counts[u] - usize::from(u == t);
                        others as f64 * self.payoffs[(t, u)]
                    })
                    .sum();
                weights[t] = counts[t] as f64 * fitness;
                total += weights[t];
            }
            let parent = if total > 0.0 {
                pick(&weights, total, rng.random::<f64>())
            } else {
                // Nobody earns anything: reproduction is uniform.
                let w: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
                pick(&w, population as f64, rng.random::<f64>())
            };
            // Death: an individual uniformly at random, the parent included.
            let mut victim = rng.random_range(0..population);
            let mut dead = 0;
            while victim >= counts[dead] {
                victim -= counts[dead];
                dead += 1;
            }
            counts[dead] -= 1;
            counts[parent] += 1;
            steps += 1;
        }
    }

    /// Simulates the fixation probability of type `mutant` starting from
    /// `mutants` individuals among `population - mutants` of type `resident`,
    /// over `runs` runs. Run k uses ChaCha8 seeded with `seed` on stream k, so
    /// the estimate is the same for any number of threads.
    pub fn estimate_fixation(
        &self,
        mutant: usize,
        resident: usize,
        population: usize,
        mutants: usize,
        runs: usize,
        seed: u64,
    ) -> Result<MoranEstimate> {
        estimate_invasion(
            self.payoffs.nrows(),
            (mutant, resident),
            population,
            mutants,
            runs,
            |k| {
                let mut counts = vec![0; self.payoffs.nrows()];
                counts[mutant] = mutants;
                counts[resident] = population - mutants;
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                rng.set_stream(k as u64);
                self.run(&counts, &mut rng)
            },
        )
    }
}

/// Checks an invasion of type `mutant` (from `mutants` individuals) into
/// type `resident` in a population of `population` among `types` types,
/// plays `run(k)` for the runs `k` in `0..runs` in parallel, and counts the
/// fixations. The estimate does not depend on the number of threads.
pub(crate) fn estimate_invasion(
    types: usize,
    (mutant, resident): (usize, usize),
    population: usize,
    mutants: usize,
    runs: usize,
    run: impl Fn(usize) -> Result<MoranRun> + Sync,
) -> Result<MoranEstimate> {
    if mutant >= types || resident >= types || mutant == resident {
        return Err(Error::invalid_parameter(
            "mutant/resident",
            mutant as f64,
            format!("two different types below {types}"),
        ));
    }
    if mutants == 0 || mutants >= population {
        return Err(Error::invalid_parameter(
            "mutants",
            mutants as f64,
            "between 1 and population - 1",
        ));
    }
    if runs == 0 {
        return Err(Error::invalid_parameter("runs", 0.0, "at least 1"));
    }
    let results = (0..runs)
        .into_par_iter()
        .map(&run)
        .collect::<Result<Vec<_>>>()?;
    let fixed = results.iter().filter(|r| r.winner == Some(mutant)).count();
    let unfinished = results.iter().filter(|r| r.winner.is_none()).count();
    let p = fixed as f64 / runs as f64;
    Ok(MoranEstimate {
        probability: p,
        standard_error: (p * (1.0 - p) / runs as f64).sqrt(),
        runs,
        unfinished,
    })
}

fn pick(weights: &[f64], total: f64, u: f64) -> usize {
    let mut target = u * total;
    let mut last = 0;
    for (t, &w) in weights.iter().enumerate() {
        if w > 0.0 {
            last = t;
            if target < w {
                return t;
            }
            target -= w;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn neutral_drift_fixes_with_probability_i_over_n() {
        for (n, i) in [(10, 1), (10, 3), (7, 6)] {
            let p = fixation_probability([1.0; 4], n, i).unwrap();
            assert!((p - i as f64 / n as f64).abs() < 1e-12);
        }
    }

    #[test]
    fn constant_fitness_matches_the_classic_formula() {
        // Mutant fitness r, resident 1: ρ = (1 - 1/r) / (1 - 1/r^N).
        let (r, n) = (1.5_f64, 12);
        let p = fixation_probability([r, r, 1.0, 1.0], n, 1).unwrap();
        let want = (1.0 - 1.0 / r) / (1.0 - r.powi(-(n as i32)));
        assert!((p - want).abs() < 1e-12, "{p} vs {want}");
    }

    /// Death-birth: neutral payoffs fix with probability i/N, and with a
    /// constant fitness advantage the formula agrees with the absorption
    /// probabilities of the same chain solved by Gauss-Seidel iteration.
    #[test]
    fn death_birth_formula_agrees_with_neutral_drift_and_a_direct_sum() {
        for (n, i) in [(5, 1), (8, 3), (3, 2)] {
            let p = death_birth_fixation_probability([2.0; 4], n, i).unwrap();
            assert!((p - i as f64 / n as f64).abs() < 1e-12, "{p}");
        }
        // A mutant earns r per match, a resident 1: with m mutants and q
        // residents competing, a mutant wins with r m / (r m + q).
        let (r, n) = (1.7_f64, 6usize);
        let exact = death_birth_fixation_probability([r, r, 1.0, 1.0], n, 1).unwrap();
        let nf = n as f64;
        let up = |i: f64| (nf - i) / nf * (r * i) / (r * i + (nf - i - 1.0));
        let down = |i: f64| i / nf * (nf - i) / (r * (i - 1.0) + (nf - i));
        let mut x = vec![0.0; n + 1];
        x[n] = 1.0;
        for _ in 0..200_000 {
            for k in 1..n {
                let (u, d) = (up(k as f64), down(k as f64));
                x[k] = (u * x[k + 1] + d * x[k - 1]) / (u + d);
            }
        }
        assert!((exact - x[1]).abs() < 1e-9, "{exact} v {}", x[1]);
        assert!(death_birth_fixation_probability([1.0; 4], 2, 1).is_err());
        assert!(death_birth_fixation_probability([0.0; 4], 5, 1).is_err());
    }

    #[test]
    fn simulation_agrees_with_the_exact_formula() {
        // TFT (mutant) v ALLD (resident), 200-turn totals of (3,0,5,1).
        let m = array![[600.0, 199.0], [204.0, 200.0]];
        let process = MoranProcess::new(m).unwrap();
        for (n, i) in [(6, 2), (10, 5)] {
            let exact = fixation_probability([600.0, 199.0, 204.0, 200.0], n, i).unwrap();
            let est = process.estimate_fixation(0, 1, n, i, 4000, 7).unwrap();
            assert_eq!(est.unfinished, 0);
            assert!(
                (est.probability - exact).abs() < 3.0 * est.standard_error.max(1e-3),
                "N={n} i={i}: simulated {} ± {} vs exact {exact}",
                est.probability,
                est.standard_error
            );
        }
    }

    #[test]
    fn estimates_are_reproducible_and_thread_independent() {
        let process = MoranProcess::new(array![[3.0, 0.0], [5.0, 1.0]]).unwrap();
        let a = process.estimate_fixation(0, 1, 8, 4, 300, 11).unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let b = pool
            .install(|| process.estimate_fixation(0, 1, 8, 4, 300, 11))
            .unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(fixation_probability([1.0; 4], 5, 0).is_err());
        assert!(fixation_probability([1.0; 4], 5, 5).is_err());
        assert!(fixation_probability([0.0, 0.0, 1.0, 1.0], 5, 1).is_err());
        assert!(MoranProcess::new(array![[1.0, -1.0], [1.0, 1.0]]).is_err());
        let p = MoranProcess::new(array![[1.0, 1.0], [1.0, 1.0]]).unwrap();
        assert!(p.estimate_fixation(0, 0, 5, 1, 10, 0).is_err());
        assert!(p.estimate_fixation(0, 1, 5, 1, 0, 0).is_err());
    }
}

#[cfg(test)]
mod axelrod_reference {
    //! Axelrod-Python's simulated fixation (tests/fixtures/moran_axelrod.json)
    //! against the exact formula on payoffs from this crate's own matches.
    use super::*;
    use crate::strategy::Registry;
    use crate::tournament::{PlayerSpec, Tournament, TournamentConfig};

    fn match_payoffs(mutant: &str, resident: &str) -> [f64; 4] {
        let config = TournamentConfig {
            players: vec![
                PlayerSpec::Name(mutant.into()),
                PlayerSpec::Name(resident.into()),
            ],
            turns: 200,
            repetitions: 1,
            ..TournamentConfig::default()
        };
        let r = Tournament::new(config, &Registry::builtin())
            .unwrap()
            .run(&mut |_| {}, None)
            .unwrap();
        let m = &r.statistics.payoff_matrix;
        [m[0][0], m[0][1], m[1][0], m[1][1]].map(|x| x * 200.0)
    }

    #[test]
    fn exact_formula_simulation_and_axelrod_python_agree() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/moran_axelrod.json"
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let cases = v["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 4);
        for c in cases {
            let (mutant, resident) = (
                c["mutant"].as_str().unwrap(),
                c["resident"].as_str().unwrap(),
            );
            let n = c["population"].as_u64().unwrap() as usize;
            let k = c["mutants"].as_u64().unwrap() as usize;
            let runs = c["runs"].as_u64().unwrap() as f64;
            let theirs = c["fixations"].as_u64().unwrap() as f64 / runs;
            let theirs_se = (theirs * (1.0 - theirs) / runs).sqrt();
            let payoffs = match_payoffs(mutant, resident);
            let exact = fixation_probability(payoffs, n, k).unwrap();
            let m = Array2::from_shape_vec((2, 2), payoffs.to_vec()).unwrap();
            let ours = MoranProcess::new(m)
                .unwrap()
                .estimate_fixation(0, 1, n, k, 4000, 3)
                .unwrap();
            let what = format!("{mutant} invading {resident}, N = {n}, {k} mutants");
            assert!(
                (theirs - exact).abs() < 3.0 * theirs_se,
                "{what}: Axelrod-Python {theirs:.4} ± {theirs_se:.4}, exact {exact:.4}"
            );
            assert!(
                (ours.probability - exact).abs() < 3.0 * ours.standard_error,
                "{what}: simulated {:.4} ± {:.4}, exact {exact:.4}",
                ours.probability,
                ours.standard_error
            );
        }
    }
}
