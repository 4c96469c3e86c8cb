//! The Moran process with matches played every step, as Axelrod-Python's
//! `MoranProcess` does.
//!
//! [`MoranProcess`](super::MoranProcess) takes fitness from a fixed payoff
//! matrix between types: exact for deterministic strategies without noise,
//! and a mean-field shortcut otherwise. Here every step plays a fresh round
//! robin among the individuals (every pair once, no self-play), so a
//! stochastic strategy or a noisy match gives random fitnesses, as in
//! Axelrod-Python. Each step:
//!
//! 1. every pair of individuals plays one match; an individual's fitness is
//!    the sum of its per-turn scores (Axelrod-Python's `final_score_per_turn`);
//! 2. *birth*: one individual is chosen with probability proportional to its
//!    fitness (uniformly when every fitness is 0);
//! 3. *death*: one of the *other* individuals is chosen uniformly and replaced
//!    by a copy of the parent's type.
//!
//! The run ends when one type is left. Run `r` of a process with seed `s`
//! draws its selections from ChaCha8 seeded with `s` on stream `r`; the match
//! of individuals `i < j` at step `t` has seed
//! [`match_seed`]`(s, r, t, i·N + j)`. Matches that
//! cannot vary (fixed turns, both strategies deterministic, no action or
//! perception noise) are played once per pair of types and reused: the
//! result is the same, only faster.
//!
//! ## References
//! - Moran, P. A. P. (1958). Random processes in genetics. *Proc. Cambridge
//!   Philosophical Society* 54:60-71.
//! - Knight, V. et al. (2016). An open framework for the reproducible study of
//!   the iterated prisoner's dilemma. *Journal of Open Research Software*
//!   4(1):e35 (Axelrod-Python's `MoranProcess`).

use super::moran::{estimate_invasion, MoranEstimate, MoranRun};
use crate::error::{Error, Result};
use crate::play::{match_seed, Match, MatchConfig, MatchLength, StageGame};
use crate::strategy::Strategy;
use crate::tournament::layout::pick_two;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// A Moran process over strategies whose fitness comes from matches played
/// every step (see the module documentation).
#[derive(Debug, Clone)]
pub struct MatchMoranProcess {
    types: Vec<Box<dyn Strategy>>,
    game: StageGame,
    config: MatchConfig,
    max_steps: u64,
    replay_deterministic: bool,
}

impl MatchMoranProcess {
    /// A process over the strategy `types`, whose matches are played on
    /// `game` under `config`. The game's payoffs must be finite and
    /// non-negative (they are fitness).
    pub fn new(
        types: Vec<Box<dyn Strategy>>,
        game: StageGame,
        config: MatchConfig,
    ) -> Result<Self> {
        config.validate()?;
        if types.len() < 2 {
            return Err(Error::invalid_parameter(
                "types",
                types.len() as f64,
                "at least two strategies",
            ));
        }
        for (k, &x) in game.row.iter().chain(&game.col).flatten().enumerate() {
            if !(x.is_finite() && x >= 0.0) {
                return Err(Error::invalid_parameter(
                    &format!("payoff[{}]", k),
                    x,
                    "a finite, non-negative payoff: fitness is the sum of match scores",
                ));
            }
        }
        Ok(MatchMoranProcess {
            types,
            game,
            config,
            max_steps: 1_000_000,
            replay_deterministic: false,
        })
    }

    /// The same process with a different step limit per run (default 10^6).
    pub fn with_max_steps(mut self, max_steps: u64) -> Self {
        self.max_steps = max_steps;
        self
    }

    /// Whether matches that cannot vary are played again at every step
    /// instead of reused (default false; the results are the same).
    pub fn replaying_deterministic_matches(mut self, replay: bool) -> Self {
        self.replay_deterministic = replay;
        self
    }

    /// Whether matches between types `a` and `b` are the same every time.
    fn fixed(&self, a: usize, b: usize) -> bool {
        !self.replay_deterministic
            && matches!(self.config.length, MatchLength::Turns(_))
            && self.config.noise == 0.0
            && self.config.perception.iter().all(|p| p.is_perfect())
            && !self.types[a].classifier().stochastic
            && !self.types[b].classifier().stochastic
    }

    /// Runs the process once (run number `run` of seed `seed`) from a
    /// population whose individual `i` is of type `population[i]`.
    pub fn run(&self, population: &[usize], seed: u64, run: u64) -> Result<MoranRun> {
        let n = population.len();
        if n < 2 {
            return Err(Error::invalid_parameter(
                "population",
                n as f64,
                "at least 2 individuals",
            ));
        }
        if let Some(&t) = population.iter().find(|&&t| t >= self.types.len()) {
            return Err(Error::invalid_parameter(
                "population",
                t as f64,
                format!("types below {}", self.types.len()),
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(run);
        let mut runner = Match::new(self.config)?;
        let mut players: Vec<Box<dyn Strategy>> =
            population.iter().map(|&t| self.types[t].clone()).collect();
        let mut types = population.to_vec();
        let mut fixed_scores: HashMap<(usize, usize), [f64; 2]> = HashMap::new();
        let mut fitness = vec![0.0; n];
        let mut steps = 0;
        loop {
            crate::parallel::check_cancelled()?;
            if types.iter().all(|&t| t == types[0]) {
                return Ok(MoranRun {
                    winner: Some(types[0]),
                    steps,
                });
            }
            if steps >= self.max_steps {
                return Ok(MoranRun {
                    winner: None,
                    steps,
                });
            }
            fitness.iter_mut().for_each(|f| *f = 0.0);
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (types[i], types[j]);
                    let scores = if self.fixed(a, b) {
                        *fixed_scores.entry((a, b)).or_insert_with(|| {
                            let (x, y) = pick_two(&mut players, i, j);
                            per_turn(runner.play(&mut **x, &mut **y, &self.game, 0))
                        })
                    } else {
                        let s = match_seed(seed, run, steps, (i * n + j) as u64);
                        let (x, y) = pick_two(&mut players, i, j);
                        per_turn(runner.play(&mut **x, &mut **y, &self.game, s))
                    };
                    fitness[i] += scores[0];
                    fitness[j] += scores[1];
                }
            }
            let total: f64 = fitness.iter().sum();
            let parent = if total > 0.0 {
                let mut target = rng.random::<f64>() * total;
                let mut chosen = n - 1;
                for (i, &f) in fitness.iter().enumerate() {
                    if target < f {
                        chosen = i;
                        break;
                    }
                    target -= f;
                }
                chosen
            } else {
                rng.random_range(0..n)
            };
            let mut dead = rng.random_range(0..n - 1);
            if dead >= parent {
                dead += 1;
            }
            types[dead] = types[parent];
            players[dead] = self.types[types[parent]].clone();
            steps += 1;
        }
    }

    /// Simulates the fixation probability of type `mutant` from `mutants`
    /// individuals among `population - mutants` of type `resident` (mutants
    /// first), over `runs` runs in parallel; the estimate is the same for any
    /// number of threads.
    pub fn estimate_fixation(
        &self,
        mutant: usize,
        resident: usize,
        population: usize,
        mutants: usize,
        runs: usize,
        seed: u64,
    ) -> Result<MoranEstimate> {
        let start: Vec<usize> = (0..population)
            .map(|i| if i < mutants { mutant } else { resident })
            .collect();
        estimate_invasion(
            self.types.len(),
            (mutant, resident),
            population,
            mutants,
            runs,
            |r| self.run(&start, seed, r as u64),
        )
    }
}

/// A match's scores per turn (Axelrod-Python's `final_score_per_turn`).
fn per_turn(m: crate::play::MatchResult) -> [f64; 2] {
    let t = m.turns.max(1) as f64;
    [m.scores[0] / t, m.scores[1] / t]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evolution::fixation_probability;
    use crate::strategy::Registry;

    fn process(names: &[&str], noise: f64) -> MatchMoranProcess {
        let registry = Registry::builtin();
        let types = names.iter().map(|n| registry.create(n).unwrap()).collect();
        MatchMoranProcess::new(
            types,
            StageGame::default(),
            MatchConfig::turns(200).with_noise(noise),
        )
        .unwrap()
    }

    /// Without noise, deterministic strategies fix with the exact
    /// probability of their 200-turn payoffs.
    #[test]
    fn deterministic_play_agrees_with_the_exact_formula() {
        let p = process(&["Tit For Tat", "Defector"], 0.0);
        let exact = fixation_probability([600.0, 199.0, 204.0, 200.0], 5, 2).unwrap();
        let est = p.estimate_fixation(0, 1, 5, 2, 3000, 3).unwrap();
        assert_eq!(est.unfinished, 0);
        assert!(
            (est.probability - exact).abs() < 3.0 * est.standard_error,
            "{} ± {} v {exact}",
            est.probability,
            est.standard_error
        );
    }

    /// Reusing the matches that cannot vary changes nothing, also under a
    /// continuation probability (whose random lengths are never reused).
    #[test]
    fn reused_matches_give_the_replayed_runs() {
        let registry = Registry::builtin();
        let names = [
            "Win-Stay Lose-Shift",
            "Tit For Tat",
            "Grudger",
            "Alternator",
        ];
        for rules in [MatchConfig::turns(200), MatchConfig::continuation(0.95)] {
            let types = names.iter().map(|n| registry.create(n).unwrap()).collect();
            let p = MatchMoranProcess::new(types, StageGame::default(), rules).unwrap();
            let replayed = p.clone().replaying_deterministic_matches(true);
            for run in 0..20 {
                let start = [0, 0, 1, 2, 3];
                assert_eq!(
                    p.run(&start, 9, run).unwrap(),
                    replayed.run(&start, 9, run).unwrap(),
                    "{rules:?}"
                );
            }
        }
    }

    #[test]
    fn runs_follow_the_seed_and_not_the_threads() {
        let p = process(&["Random: 0.5", "Tit For Tat"], 0.05);
        let a = p.estimate_fixation(0, 1, 4, 2, 60, 1).unwrap();
        let one = crate::parallel::pool(Some(1))
            .unwrap()
            .install(|| p.estimate_fixation(0, 1, 4, 2, 60, 1).unwrap());
        assert_eq!(a, one);
        let run = |seed| p.run(&[0, 0, 1, 1], seed, 0).unwrap();
        assert_eq!(run(5), run(5));
    }

    #[test]
    fn bad_input_is_an_error() {
        let registry = Registry::builtin();
        let one = vec![registry.create("Tit For Tat").unwrap()];
        assert!(MatchMoranProcess::new(one, StageGame::default(), MatchConfig::turns(5)).is_err());
        let two = vec![
            registry.create("Tit For Tat").unwrap(),
            registry.create("Defector").unwrap(),
        ];
        let negative = StageGame::symmetric(3.0, -1.0, 5.0, 1.0);
        let err = MatchMoranProcess::new(two, negative, MatchConfig::turns(5)).unwrap_err();
        assert!(err.to_string().contains("non-negative"), "{err}");
        let p = process(&["Tit For Tat", "Defector"], 0.0);
        assert!(p.estimate_fixation(0, 0, 4, 2, 10, 0).is_err());
        assert!(p.estimate_fixation(0, 1, 4, 4, 10, 0).is_err());
        assert!(p.run(&[0, 5], 0, 0).is_err());
    }
}

#[cfg(test)]
mod axelrod_reference {
    //! Axelrod-Python's `MoranProcess` estimates (tests/fixtures/
    //! moran_axelrod.json without noise, moran_axelrod_noisy.json with 5%
    //! action noise) against this process: the two simulations must agree
    //! within three combined standard errors.
    use super::*;
    use crate::strategy::Registry;

    fn check(fixture: &str, noise: f64, runs: usize) {
        let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let registry = Registry::builtin();
        for c in v["cases"].as_array().unwrap() {
            let (mutant, resident) = (
                c["mutant"].as_str().unwrap(),
                c["resident"].as_str().unwrap(),
            );
            let n = c["population"].as_u64().unwrap() as usize;
            let k = c["mutants"].as_u64().unwrap() as usize;
            let their_runs = c["runs"].as_u64().unwrap() as f64;
            let theirs = c["fixations"].as_u64().unwrap() as f64 / their_runs;
            let theirs_se2 = theirs * (1.0 - theirs) / their_runs;
            let types = vec![
                registry.create(mutant).unwrap(),
                registry.create(resident).unwrap(),
            ];
            let process = MatchMoranProcess::new(
                types,
                StageGame::default(),
                MatchConfig::turns(200).with_noise(noise),
            )
            .unwrap();
            let ours = process.estimate_fixation(0, 1, n, k, runs, 11).unwrap();
            let se = (theirs_se2 + ours.standard_error.powi(2)).sqrt();
            assert!(
                (ours.probability - theirs).abs() < 3.0 * se,
                "{mutant} invading {resident}, N = {n}, {k} mutants, noise {noise}: \
                 {:.4} here, {theirs:.4} in Axelrod-Python (combined SE {se:.4})",
                ours.probability
            );
        }
    }

    #[test]
    fn agrees_with_axelrod_python_without_noise() {
        check("moran_axelrod.json", 0.0, 3000);
    }

    #[test]
    fn agrees_with_axelrod_python_under_noise() {
        check("moran_axelrod_noisy.json", 0.05, 3000);
    }
}
