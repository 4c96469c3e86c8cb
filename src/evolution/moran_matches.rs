//! The individual-based Moran process, as Axelrod-Python's `MoranProcess`
//! and `ApproximateMoranProcess`: matches played every step (or their
//! outcomes sampled from a table), birth-death or death-birth updating,
//! mutation, and interaction and reproduction graphs (docs/model.md §11.4).
//!
//! [`MoranProcess`](super::MoranProcess) takes fitness from a fixed payoff
//! matrix between types and counts types only: exact for deterministic
//! strategies without noise in a well-mixed population, and a mean-field
//! shortcut otherwise. Here every individual has a place, and each step an
//! individual's fitness is the sum of its per-turn scores (Axelrod-Python's
//! `final_score_per_turn`) in one match with each of its living neighbours
//! in the interaction graph (everyone else by default), a stochastic
//! strategy or a noisy match giving random fitnesses. Each step:
//!
//! - *birth-death* (`bd`): a parent is chosen among all individuals with
//!   probability proportional to fitness (uniformly when every fitness is
//!   0); one of its neighbours in the reproduction graph is chosen
//!   uniformly to die (by default anyone, the parent included: the
//!   interaction graph with loops, as Axelrod-Python);
//! - *death-birth* (`db`): one individual is chosen uniformly to die; its
//!   neighbours in the reproduction graph (itself excluded) play their
//!   matches with their living interaction neighbours, and one of them is
//!   chosen with probability proportional to fitness to be the parent;
//! - the offspring takes the dead one's place: the parent's type or, with
//!   probability `mutation_rate`, one of the *other* types present at the
//!   start, chosen uniformly.
//!
//! A run ends when one type is left (at once, when one type is left from
//! the start), or after a given number of steps, for the time-average
//! composition under mutation. Run `r` of a process with seed `s` draws its
//! selections from ChaCha8 seeded with `s` on stream `r`; the match of
//! individuals `i < j` at step `t` has seed [`match_seed`]`(s, r, t, i·N + j)`.
//! Matches that cannot vary (fixed turns, both strategies deterministic, no
//! action or perception noise) are played once per pair of types and
//! reused: the result is the same, only faster. The approximate process
//! draws each pair's per-turn scores from an [`OutcomeTable`] with the run's
//! generator instead of playing.
//!
//! Axelrod-Python 4.14's death-birth step pairs the players of its matches
//! by their position in the dead player's neighbour list rather than by the
//! player (`enumerate` in `_matchup_indices`), and takes the parent among
//! all players rather than among the dead one's neighbours; here the
//! process is the one its documentation and Ohtsuki et al. (2006) describe
//! (the two agree on the complete graph once that line is mended, which is
//! how the reference numbers were made).
//!
//! ## References
//! - Moran, P. A. P. (1958). Random processes in genetics. *Proc. Cambridge
//!   Philosophical Society* 54:60-71.
//! - Lieberman, E., Hauert, C. and Nowak, M. A. (2005). Evolutionary
//!   dynamics on graphs. *Nature* 433:312-316.
//! - Ohtsuki, H., Hauert, C., Lieberman, E. and Nowak, M. A. (2006). A
//!   simple rule for the evolution of cooperation on graphs and social
//!   networks. *Nature* 441:502-505.
//! - Knight, V. et al. (2016). An open framework for the reproducible study of
//!   the iterated prisoner's dilemma. *Journal of Open Research Software*
//!   4(1):e35 (Axelrod-Python's `MoranProcess`).

use super::moran::{estimate_invasion, MoranEstimate, MoranRun};
use super::moran_graph::MoranGraph;
use super::moran_outcomes::OutcomeTable;
use crate::error::{Error, Result};
use crate::play::{match_seed, Match, MatchConfig, MatchLength, StageGame};
use crate::strategy::Strategy;
use crate::tournament::layout::pick_two;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The order of birth and death in a step of the Moran process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MoranMode {
    /// Birth-death: a parent by fitness, then one of its reproduction
    /// neighbours dies.
    #[default]
    #[serde(rename = "bd")]
    BirthDeath,
    /// Death-birth: one individual dies uniformly, then its reproduction
    /// neighbours compete by fitness for the place.
    #[serde(rename = "db")]
    DeathBirth,
}

impl MoranMode {
    /// Whether this is birth-death (the default).
    pub fn is_birth_death(&self) -> bool {
        *self == MoranMode::BirthDeath
    }
}

/// The time-average composition of runs of a fixed number of steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Composition {
    /// Mean over runs of each type's share of the population averaged over
    /// the populations of steps 0 to `steps`.
    pub mean_shares: Vec<f64>,
    /// The standard error of each mean (the runs' standard deviation over
    /// the square root of the number of runs).
    pub standard_errors: Vec<f64>,
    /// Steps per run.
    pub steps: u64,
    /// Number of runs.
    pub runs: usize,
}

/// Where an individual's fitness comes from.
#[derive(Debug, Clone)]
enum Fitness {
    /// Matches played every step.
    Matches {
        types: Vec<Box<dyn Strategy>>,
        game: StageGame,
        config: MatchConfig,
        replay_deterministic: bool,
    },
    /// Outcomes drawn from a table (the approximate process).
    Sampled(OutcomeTable),
}

/// An individual-based Moran process over strategies (see the module
/// documentation).
#[derive(Debug, Clone)]
pub struct MatchMoranProcess {
    fitness: Fitness,
    types: usize,
    mode: MoranMode,
    mutation_rate: f64,
    interaction: Option<MoranGraph>,
    reproduction: Option<MoranGraph>,
    max_steps: u64,
}

/// The end of one run: how it ended, the time-average counts and, when
/// asked for, the counts of every step.
#[derive(Debug, Clone, PartialEq)]
struct RunRecord {
    end: MoranRun,
    mean_shares: Vec<f64>,
    counts: Vec<Vec<u32>>,
}

/// The neighbours of one individual: everyone (but itself, unless `loops`)
/// in a well-mixed population, or a graph's list.
enum Neighbours<'a> {
    All {
        next: usize,
        end: usize,
        skip: Option<usize>,
    },
    Listed(std::slice::Iter<'a, usize>),
}

impl Iterator for Neighbours<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        match self {
            Neighbours::All { next, end, skip } => {
                if Some(*next) == *skip {
                    *next += 1;
                }
                (*next < *end).then(|| {
                    *next += 1;
                    *next - 1
                })
            }
            Neighbours::Listed(it) => it.next().copied(),
        }
    }
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
        Self::check_types(types.len())?;
        for (k, &x) in game.row.iter().chain(&game.col).flatten().enumerate() {
            if !(x.is_finite() && x >= 0.0) {
                return Err(Error::invalid_parameter(
                    &format!("payoff[{}]", k),
                    x,
                    "a finite, non-negative payoff: fitness is the sum of match scores",
                ));
            }
        }
        let count = types.len();
        Ok(Self::with_fitness(
            Fitness::Matches {
                types,
                game,
                config,
                replay_deterministic: false,
            },
            count,
        ))
    }

    /// The approximate process: each pair's per-turn scores drawn from
    /// `outcomes` every step instead of played.
    pub fn approximate(outcomes: OutcomeTable) -> Result<Self> {
        Self::check_types(outcomes.types())?;
        let count = outcomes.types();
        Ok(Self::with_fitness(Fitness::Sampled(outcomes), count))
    }

    fn check_types(count: usize) -> Result<()> {
        if count < 2 {
            return Err(Error::invalid_parameter(
                "types",
                count as f64,
                "at least two strategies",
            ));
        }
        Ok(())
    }

    fn with_fitness(fitness: Fitness, types: usize) -> Self {
        MatchMoranProcess {
            fitness,
            types,
            mode: MoranMode::BirthDeath,
            mutation_rate: 0.0,
            interaction: None,
            reproduction: None,
            max_steps: 1_000_000,
        }
    }

    /// The same process with a different step limit per run (default 10^6).
    pub fn with_max_steps(mut self, max_steps: u64) -> Self {
        self.max_steps = max_steps;
        self
    }

    /// Whether matches that cannot vary are played again at every step
    /// instead of reused (default false; the results are the same).
    pub fn replaying_deterministic_matches(mut self, replay: bool) -> Self {
        if let Fitness::Matches {
            replay_deterministic,
            ..
        } = &mut self.fitness
        {
            *replay_deterministic = replay;
        }
        self
    }

    /// The same process with birth-death or death-birth updating.
    pub fn with_mode(mut self, mode: MoranMode) -> Self {
        self.mode = mode;
        self
    }

    /// The same process with offspring mutating with probability `rate`
    /// (in [0, 1]) to another of the types present at the start.
    pub fn with_mutation_rate(mut self, rate: f64) -> Result<Self> {
        if !(0.0..=1.0).contains(&rate) {
            return Err(Error::invalid_parameter(
                "mutation_rate",
                rate,
                "a probability in [0, 1]",
            ));
        }
        self.mutation_rate = rate;
        Ok(self)
    }

    /// The same process on graphs: `interaction` (who plays whom; `None`:
    /// everyone else) and `reproduction` (whom an offspring may replace;
    /// `None`: the interaction graph with a loop at every vertex). The
    /// interaction graph may have no loops (no one plays itself) and the
    /// two must have the same number of vertices, the population's size.
    pub fn with_graphs(
        mut self,
        interaction: Option<MoranGraph>,
        reproduction: Option<MoranGraph>,
    ) -> Result<Self> {
        if interaction.as_ref().is_some_and(MoranGraph::is_directed) {
            return Err(Error::Config {
                field: "interaction_graph".into(),
                message: "is directed: who plays whom is undirected (arcs are for the reproduction graph)".into(),
            });
        }
        if let Some(v) = interaction.as_ref().and_then(MoranGraph::first_loop) {
            return Err(Error::Config {
                field: "interaction_graph".into(),
                message: format!("has a loop at {v}: an individual does not play itself"),
            });
        }
        if let (Some(i), Some(r)) = (&interaction, &reproduction) {
            if i.len() != r.len() {
                return Err(Error::Config {
                    field: "reproduction_graph".into(),
                    message: format!(
                        "has {} individuals, the interaction graph {}",
                        r.len(),
                        i.len()
                    ),
                });
            }
        }
        self.reproduction =
            reproduction.or_else(|| interaction.as_ref().map(MoranGraph::with_loops));
        self.interaction = interaction;
        Ok(self)
    }

    /// Whether matches between types `a` and `b` are the same every time.
    fn fixed(&self, a: usize, b: usize) -> bool {
        match &self.fitness {
            Fitness::Matches {
                types,
                config,
                replay_deterministic,
                ..
            } => {
                !replay_deterministic
                    && matches!(config.length, MatchLength::Turns(_))
                    && config.noise == 0.0
                    && config.perception.iter().all(|p| p.is_perfect())
                    && !types[a].classifier().stochastic
                    && !types[b].classifier().stochastic
            }
            Fitness::Sampled(_) => false,
        }
    }

    fn interaction_of(&self, i: usize, n: usize) -> Neighbours<'_> {
        match &self.interaction {
            Some(g) => Neighbours::Listed(g.neighbours(i).iter()),
            None => Neighbours::All {
                next: 0,
                end: n,
                skip: Some(i),
            },
        }
    }

    /// Whom an offspring of `i` may replace.
    fn reproduction_of(&self, i: usize, n: usize) -> Neighbours<'_> {
        match &self.reproduction {
            Some(g) => Neighbours::Listed(g.neighbours(i).iter()),
            None => Neighbours::All {
                next: 0,
                end: n,
                skip: None,
            },
        }
    }

    /// Whose offspring may replace `i`.
    fn reproduction_into(&self, i: usize, n: usize) -> Neighbours<'_> {
        match &self.reproduction {
            Some(g) => Neighbours::Listed(g.in_neighbours(i).iter()),
            None => Neighbours::All {
                next: 0,
                end: n,
                skip: None,
            },
        }
    }

    /// Checks a starting population against the types and the graphs.
    fn check_population(&self, population: &[usize]) -> Result<()> {
        let n = population.len();
        if n < 2 {
            return Err(Error::invalid_parameter(
                "population",
                n as f64,
                "at least 2 individuals",
            ));
        }
        if let Some(&t) = population.iter().find(|&&t| t >= self.types) {
            return Err(Error::invalid_parameter(
                "population",
                t as f64,
                format!("types below {}", self.types),
            ));
        }
        for (name, g) in [
            ("interaction_graph", &self.interaction),
            ("reproduction_graph", &self.reproduction),
        ] {
            if let Some(g) = g {
                if g.len() != n {
                    return Err(Error::Config {
                        field: name.into(),
                        message: format!("has {} individuals, the population {n}", g.len()),
                    });
                }
            }
        }
        if self.mode == MoranMode::DeathBirth {
            if let Some(v) = self
                .reproduction
                .as_ref()
                .and_then(MoranGraph::first_isolated)
            {
                return Err(Error::Config {
                    field: "reproduction_graph".into(),
                    message: format!(
                        "individual {v} has no neighbour but itself: under death-birth no one could take its place"
                    ),
                });
            }
        } else if let Some(v) = self
            .reproduction
            .as_ref()
            .and_then(MoranGraph::first_without_out_neighbour)
        {
            return Err(Error::Config {
                field: "reproduction_graph".into(),
                message: format!(
                    "individual {v} has no arc out: under birth-death its offspring would have nowhere to go (add the loop {v} {v} to let it replace itself)"
                ),
            });
        }
        Ok(())
    }

    /// Runs the process once (run number `run` of seed `seed`) from a
    /// population whose individual `i` is of type `population[i]`, until one
    /// type is left or the step limit.
    pub fn run(&self, population: &[usize], seed: u64, run: u64) -> Result<MoranRun> {
        Ok(self.simulate(population, seed, run, None, false)?.end)
    }

    /// The number of individuals of each type after every step of run
    /// `run` of seed `seed` (`counts[t][type]`, step 0 the start): until one
    /// type is left (or the step limit) when `steps` is `None`, else for
    /// exactly `steps` steps.
    pub fn trajectory(
        &self,
        population: &[usize],
        seed: u64,
        run: u64,
        steps: Option<u64>,
    ) -> Result<Vec<Vec<u32>>> {
        Ok(self.simulate(population, seed, run, steps, true)?.counts)
    }

    /// One run: stops at fixation (or the step limit) when `horizon` is
    /// `None`, else after exactly `horizon` steps.
    fn simulate(
        &self,
        population: &[usize],
        seed: u64,
        run: u64,
        horizon: Option<u64>,
        record: bool,
    ) -> Result<RunRecord> {
        self.check_population(population)?;
        let n = population.len();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(run);
        let mut present: Vec<usize> = population.to_vec();
        present.sort_unstable();
        present.dedup();
        let mut runner = match &self.fitness {
            Fitness::Matches { config, .. } => Some(Match::new(*config)?),
            Fitness::Sampled(_) => None,
        };
        let mut players: Vec<Box<dyn Strategy>> = match &self.fitness {
            Fitness::Matches { types, .. } => {
                population.iter().map(|&t| types[t].clone()).collect()
            }
            Fitness::Sampled(_) => Vec::new(),
        };
        let mut types = population.to_vec();
        let mut counts = vec![0u32; self.types];
        for &t in &types {
            counts[t] += 1;
        }
        let mut sums: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
        let mut recorded = Vec::new();
        if record {
            recorded.push(counts.clone());
        }
        let mut fixed_scores: HashMap<(usize, usize), [f64; 2]> = HashMap::new();
        let mut fitness = vec![0.0; n];
        let mut candidate = vec![false; n];
        let mut pool: Vec<usize> = Vec::with_capacity(n);
        let mut weights: Vec<f64> = Vec::with_capacity(n);
        let mut steps = 0;
        // The per-turn scores of individuals i and j at this step.
        let mut scores = |i: usize,
                          j: usize,
                          types: &[usize],
                          players: &mut Vec<Box<dyn Strategy>>,
                          step: u64,
                          rng: &mut ChaCha8Rng|
         -> [f64; 2] {
            let (lo, hi) = (i.min(j), i.max(j));
            let s = match &self.fitness {
                Fitness::Matches { game, .. } => {
                    let runner = runner.as_mut().expect("a match runner");
                    let (a, b) = (types[lo], types[hi]);
                    if self.fixed(a, b) {
                        *fixed_scores.entry((a, b)).or_insert_with(|| {
                            let (x, y) = pick_two(players, lo, hi);
                            per_turn(runner.play(&mut **x, &mut **y, game, 0))
                        })
                    } else {
                        let s = match_seed(seed, run, step, (lo * n + hi) as u64);
                        let (x, y) = pick_two(players, lo, hi);
                        per_turn(runner.play(&mut **x, &mut **y, game, s))
                    }
                }
                Fitness::Sampled(table) => table.sample(types[lo], types[hi], rng),
            };
            if i == lo {
                s
            } else {
                [s[1], s[0]]
            }
        };
        let end = loop {
            if steps % 64 == 0 {
                crate::parallel::check_cancelled()?;
            }
            let alone = types.iter().all(|&t| t == types[0]);
            match horizon {
                None if alone => {
                    break MoranRun {
                        winner: Some(types[0]),
                        steps,
                    }
                }
                None if steps >= self.max_steps => {
                    break MoranRun {
                        winner: None,
                        steps,
                    }
                }
                Some(h) if steps >= h => {
                    break MoranRun {
                        winner: alone.then_some(types[0]),
                        steps,
                    }
                }
                _ => {}
            }
            let (dead, parent) = match self.mode {
                MoranMode::BirthDeath => {
                    fitness.iter_mut().for_each(|f| *f = 0.0);
                    for i in 0..n {
                        for j in self.interaction_of(i, n).filter(|&j| j > i) {
                            let s = scores(i, j, &types, &mut players, steps, &mut rng);
                            fitness[i] += s[0];
                            fitness[j] += s[1];
                        }
                    }
                    let parent = pick(&fitness, &mut rng);
                    pool.clear();
                    pool.extend(self.reproduction_of(parent, n));
                    (pool[rng.random_range(0..pool.len())], parent)
                }
                MoranMode::DeathBirth => {
                    let dead = rng.random_range(0..n);
                    pool.clear();
                    pool.extend(self.reproduction_into(dead, n).filter(|&c| c != dead));
                    for &c in &pool {
                        candidate[c] = true;
                        fitness[c] = 0.0;
                    }
                    for &c in &pool {
                        for k in self.interaction_of(c, n) {
                            if k == dead || (candidate[k] && k < c) {
                                continue;
                            }
                            let s = scores(c, k, &types, &mut players, steps, &mut rng);
                            fitness[c] += s[0];
                            if candidate[k] {
                                fitness[k] += s[1];
                            }
                        }
                    }
                    weights.clear();
                    weights.extend(pool.iter().map(|&c| fitness[c]));
                    for &c in &pool {
                        candidate[c] = false;
                    }
                    (dead, pool[pick(&weights, &mut rng)])
                }
            };
            let mut child = types[parent];
            if self.mutation_rate > 0.0 && rng.random::<f64>() < self.mutation_rate {
                let others = present.len() - usize::from(present.contains(&child));
                if others > 0 {
                    let mut k = rng.random_range(0..others);
                    for &t in &present {
                        if t != child {
                            if k == 0 {
                                child = t;
                                break;
                            }
                            k -= 1;
                        }
                    }
                }
            }
            counts[types[dead]] -= 1;
            counts[child] += 1;
            types[dead] = child;
            if let Fitness::Matches { types: kinds, .. } = &self.fitness {
                players[dead] = kinds[child].clone();
            }
            steps += 1;
            for (s, &c) in sums.iter_mut().zip(&counts) {
                *s += c as f64;
            }
            if record {
                recorded.push(counts.clone());
            }
        };
        let states = (steps + 1) as f64;
        Ok(RunRecord {
            end,
            mean_shares: sums.iter().map(|s| s / (states * n as f64)).collect(),
            counts: recorded,
        })
    }

    /// Simulates the fixation probability of type `mutant` from `mutants`
    /// individuals among `population - mutants` of type `resident` (mutants
    /// first, at places 0 to mutants - 1), over `runs` runs in parallel; the
    /// estimate is the same for any number of threads.
    pub fn estimate_fixation(
        &self,
        mutant: usize,
        resident: usize,
        population: usize,
        mutants: usize,
        runs: usize,
        seed: u64,
    ) -> Result<MoranEstimate> {
        let start = invasion(mutant, resident, population, mutants);
        estimate_invasion(
            self.types,
            (mutant, resident),
            population,
            mutants,
            runs,
            |r| self.run(&start, seed, r as u64),
        )
    }

    /// The time-average composition of `runs` runs of exactly `steps` steps
    /// from the population `start` (run r seeded as [`run`](Self::run)),
    /// in parallel; the same for any number of threads.
    pub fn estimate_composition(
        &self,
        start: &[usize],
        steps: u64,
        runs: usize,
        seed: u64,
    ) -> Result<Composition> {
        if runs < 2 {
            return Err(Error::invalid_parameter(
                "runs",
                runs as f64,
                "at least 2, for a standard error",
            ));
        }
        let shares = (0..runs)
            .into_par_iter()
            .map(|r| {
                Ok(self
                    .simulate(start, seed, r as u64, Some(steps), false)?
                    .mean_shares)
            })
            .collect::<Result<Vec<_>>>()?;
        let m = runs as f64;
        let mean_shares: Vec<f64> = (0..self.types)
            .map(|t| shares.iter().map(|s| s[t]).sum::<f64>() / m)
            .collect();
        let standard_errors = (0..self.types)
            .map(|t| {
                let var = shares
                    .iter()
                    .map(|s| (s[t] - mean_shares[t]).powi(2))
                    .sum::<f64>()
                    / (m - 1.0);
                (var / m).sqrt()
            })
            .collect();
        Ok(Composition {
            mean_shares,
            standard_errors,
            steps,
            runs,
        })
    }
}

/// `mutants` individuals of type `mutant` followed by `population -
/// mutants` of type `resident`.
pub fn invasion(mutant: usize, resident: usize, population: usize, mutants: usize) -> Vec<usize> {
    (0..population)
        .map(|i| if i < mutants { mutant } else { resident })
        .collect()
}

/// An index drawn with probability proportional to `weights` (uniformly
/// when they sum to 0).
fn pick(weights: &[f64], rng: &mut ChaCha8Rng) -> usize {
    let total: f64 = weights.iter().sum();
    if total > 0.0 {
        let mut target = rng.random::<f64>() * total;
        let mut last = 0;
        for (i, &w) in weights.iter().enumerate() {
            if w > 0.0 {
                if target < w {
                    return i;
                }
                target -= w;
                last = i;
            }
        }
        last
    } else {
        rng.random_range(0..weights.len())
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
mod variants {
    //! Closed forms for the variants: death-birth on the complete graph,
    //! neutral drift and constant fitness on a cycle, symmetric mutation.
    use super::*;
    use crate::evolution::{death_birth_fixation_probability, fixation_probability};
    use crate::strategy::Registry;
    use crate::tournament::spatial::lattice_edges;

    fn process(names: &[&str], game: StageGame, turns: u64) -> MatchMoranProcess {
        let registry = Registry::builtin();
        let types = names.iter().map(|n| registry.create(n).unwrap()).collect();
        MatchMoranProcess::new(types, game, MatchConfig::turns(turns)).unwrap()
    }

    fn ring(n: usize) -> MoranGraph {
        MoranGraph::from_edges(&lattice_edges(1, n).unwrap(), n, "ring").unwrap()
    }

    fn assert_close(est: MoranEstimate, exact: f64, what: &str) {
        assert_eq!(est.unfinished, 0, "{what}");
        assert!(
            (est.probability - exact).abs() < 3.5 * est.standard_error,
            "{what}: {} ± {} v {exact}",
            est.probability,
            est.standard_error
        );
    }

    /// Death-birth in a well-mixed population: Tit For Tat invading
    /// Defector over 20 turns (per-turn payoffs 3, 0.95, 1.2, 1).
    #[test]
    fn death_birth_agrees_with_its_exact_formula() {
        let p = process(&["Tit For Tat", "Defector"], StageGame::default(), 20)
            .with_mode(MoranMode::DeathBirth);
        for (n, k) in [(5, 2), (8, 4)] {
            let exact = death_birth_fixation_probability([3.0, 0.95, 1.2, 1.0], n, k).unwrap();
            let bd = fixation_probability([3.0, 0.95, 1.2, 1.0], n, k).unwrap();
            assert!((exact - bd).abs() > 0.02, "the modes differ here");
            assert_close(
                p.estimate_fixation(0, 1, n, k, 4000, 5).unwrap(),
                exact,
                "db",
            );
        }
    }

    /// Cooperator and Tit For Tat never defect: neutral types, which fix
    /// from one individual with probability 1/N on a cycle in both modes.
    #[test]
    fn neutral_types_on_a_cycle_fix_with_one_over_n() {
        let n = 8;
        for mode in [MoranMode::BirthDeath, MoranMode::DeathBirth] {
            let p = process(&["Cooperator", "Tit For Tat"], StageGame::default(), 5)
                .with_mode(mode)
                .with_graphs(Some(ring(n)), None)
                .unwrap();
            let est = p.estimate_fixation(0, 1, n, 1, 6000, 2).unwrap();
            assert_close(est, 1.0 / n as f64, &format!("{mode:?}"));
        }
    }

    /// With R = S = 2 and T = P = 1 a Cooperator's fitness is twice a
    /// Defector's whoever they meet; a cycle (with the default loops) is
    /// isothermal, so birth-death fixes as in a well-mixed population:
    /// ρ = (1 - 1/r) / (1 - 1/r^N) (Lieberman et al. 2005).
    #[test]
    fn constant_fitness_on_a_cycle_follows_the_isothermal_theorem() {
        assert_isothermal(None, 8, "cycle");
    }

    /// Birth-death with a Cooperator twice as fit as a Defector (R = S = 2,
    /// T = P = 1) on a cycle of 8 with `reproduction` fixes with
    /// ρ = (1 - 1/r) / (1 - 1/r^N).
    fn assert_isothermal(reproduction: Option<MoranGraph>, seed: u64, what: &str) {
        let (n, r) = (8, 2.0_f64);
        let p = process(
            &["Cooperator", "Defector"],
            StageGame::symmetric(2.0, 2.0, 1.0, 1.0),
            3,
        )
        .with_graphs(Some(ring(n)), reproduction)
        .unwrap();
        let exact = (1.0 - 1.0 / r) / (1.0 - r.powi(-(n as i32)));
        assert_close(
            p.estimate_fixation(0, 1, n, 1, 4000, seed).unwrap(),
            exact,
            what,
        );
    }

    /// A directed reproduction graph rooted at one individual (no arc into
    /// it) fixes that individual's type with probability 1, whatever the
    /// (positive) fitnesses (Lieberman et al. 2005): on the line 0 -> 1 ->
    /// ... -> 5 (5 may replace itself) a lone mutant at 0 always takes
    /// over, fitter or less fit (R = S = 2, T = P = 1: a Cooperator is
    /// twice as fit as a Defector); on the reversed line it never does.
    #[test]
    fn a_rooted_directed_graph_fixes_the_roots_type() {
        let n = 6;
        let line: Vec<[usize; 2]> = (0..n - 1)
            .map(|i| [i, i + 1])
            .chain([[n - 1, n - 1]])
            .collect();
        let back: Vec<[usize; 2]> = (1..n).map(|i| [i, i - 1]).chain([[0, 0]]).collect();
        for (arcs, fixes) in [(line, 1.0), (back, 0.0)] {
            let g = MoranGraph::from_arcs(&arcs, n, "line").unwrap();
            for mutant in [["Cooperator", "Defector"], ["Defector", "Cooperator"]] {
                let p = process(&mutant, StageGame::symmetric(2.0, 2.0, 1.0, 1.0), 3)
                    .with_graphs(None, Some(g.clone()))
                    .unwrap();
                let est = p.estimate_fixation(0, 1, n, 1, 300, 4).unwrap();
                assert_eq!((est.probability, est.unfinished), (fixes, 0), "{mutant:?}");
            }
        }
    }

    /// A directed cycle is a circulation, so isothermal: with constant
    /// fitness birth-death fixes as in a well-mixed population.
    #[test]
    fn constant_fitness_on_a_directed_cycle_follows_the_isothermal_theorem() {
        let n = 8;
        let arcs: Vec<[usize; 2]> = (0..n).map(|i| [i, (i + 1) % n]).collect();
        let cycle = MoranGraph::from_arcs(&arcs, n, "cycle").unwrap();
        assert_isothermal(Some(cycle), 9, "directed cycle");
    }

    #[test]
    fn arcs_are_refused_where_they_cannot_act() {
        let arcs = MoranGraph::from_arcs(&[[0, 1], [1, 2], [2, 0]], 3, "g").unwrap();
        let p = || process(&["Cooperator", "Defector"], StageGame::default(), 3);
        let e = p()
            .with_graphs(Some(arcs.clone()), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("interaction_graph") && e.contains("undirected"),
            "{e}"
        );
        let open = MoranGraph::from_arcs(&[[0, 1], [1, 2]], 3, "g").unwrap();
        let e = p()
            .with_graphs(None, Some(open))
            .unwrap()
            .estimate_fixation(0, 1, 3, 1, 10, 1)
            .unwrap_err()
            .to_string();
        assert!(e.contains("individual 2 has no arc out"), "{e}");
    }

    /// Neutral types mutating into each other from an even start: each
    /// type's time-average share is 1/2 by symmetry; without mutation a
    /// fixed run keeps its type.
    #[test]
    fn symmetric_mutation_averages_one_half() {
        let p = process(&["Cooperator", "Tit For Tat"], StageGame::default(), 5)
            .with_mutation_rate(0.1)
            .unwrap();
        let c = p
            .estimate_composition(&[0, 0, 0, 1, 1, 1], 300, 400, 1)
            .unwrap();
        assert_eq!((c.steps, c.runs), (300, 400));
        assert!((c.mean_shares[0] + c.mean_shares[1] - 1.0).abs() < 1e-12);
        assert!(
            (c.mean_shares[0] - 0.5).abs() < 3.5 * c.standard_errors[0],
            "{c:?}"
        );
        let counts = p.trajectory(&[0, 0, 1, 1], 3, 0, Some(50)).unwrap();
        assert_eq!(counts.len(), 51);
        assert!(counts.iter().all(|c| c[0] + c[1] == 4));
        assert_eq!(counts[0], [2, 2]);
        let still = process(&["Cooperator", "Tit For Tat"], StageGame::default(), 5);
        let counts = still.trajectory(&[1, 1, 1], 0, 0, Some(10)).unwrap();
        assert!(counts.iter().all(|c| *c == [0, 3]));
        let to_fixation = still.trajectory(&[0, 1, 1], 0, 4, None).unwrap();
        let last = to_fixation.last().unwrap();
        assert!(last.contains(&3) && last.contains(&0));
    }

    /// The approximate process on one outcome per pair (deterministic
    /// matches) is the played process: the exact formula again.
    #[test]
    fn approximate_process_on_fixed_outcomes_agrees_with_the_exact_formula() {
        let table = OutcomeTable::from_payoffs(&[vec![3.0, 0.95], vec![1.2, 1.0]]).unwrap();
        let p = MatchMoranProcess::approximate(table).unwrap();
        let exact = fixation_probability([3.0, 0.95, 1.2, 1.0], 6, 2).unwrap();
        assert_close(
            p.estimate_fixation(0, 1, 6, 2, 4000, 4).unwrap(),
            exact,
            "approximate",
        );
    }

    #[test]
    fn variants_follow_the_seed_and_not_the_threads() {
        let registry = Registry::builtin();
        let types = vec![
            registry.create("Random: 0.5").unwrap(),
            registry.create("Tit For Tat").unwrap(),
        ];
        let p = MatchMoranProcess::new(
            types,
            StageGame::default(),
            MatchConfig::turns(10).with_noise(0.05),
        )
        .unwrap()
        .with_mode(MoranMode::DeathBirth)
        .with_mutation_rate(0.05)
        .unwrap()
        .with_graphs(Some(ring(6)), None)
        .unwrap();
        let start = invasion(0, 1, 6, 3);
        let many = p.estimate_composition(&start, 40, 30, 9).unwrap();
        let one = crate::parallel::pool(Some(1))
            .unwrap()
            .install(|| p.estimate_composition(&start, 40, 30, 9).unwrap());
        assert_eq!(many, one);
        assert_eq!(
            p.trajectory(&start, 2, 1, Some(30)).unwrap(),
            p.trajectory(&start, 2, 1, Some(30)).unwrap()
        );
    }

    #[test]
    fn bad_variants_are_errors() {
        let p = process(&["Cooperator", "Defector"], StageGame::default(), 5);
        let e = p.clone().with_mutation_rate(1.5).unwrap_err().to_string();
        assert!(e.contains("mutation_rate") && e.contains("[0, 1]"), "{e}");
        assert!(p.clone().with_mutation_rate(f64::NAN).is_err());
        let looped = MoranGraph::complete(4, true);
        let e = p
            .clone()
            .with_graphs(Some(looped), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not play itself"), "{e}");
        let e = p
            .clone()
            .with_graphs(Some(ring(4)), Some(ring(5)))
            .unwrap_err()
            .to_string();
        assert!(e.contains("reproduction_graph"), "{e}");
        let on_ring = p.clone().with_graphs(Some(ring(5)), None).unwrap();
        let e = on_ring.run(&[0, 1, 1, 1], 0, 0).unwrap_err().to_string();
        assert!(e.contains("5 individuals, the population 4"), "{e}");
        let lonely = MoranGraph::from_edges(&[[0, 1], [1, 2], [2, 2]], 3, "g").unwrap();
        let p = p
            .with_mode(MoranMode::DeathBirth)
            .with_graphs(Some(ring(3)), Some(lonely.clone()))
            .unwrap();
        assert!(p.run(&[0, 1, 1], 0, 0).is_ok());
        let only_self = MoranGraph::from_edges(&[[0, 1], [2, 2]], 3, "g").unwrap();
        let p = p.with_graphs(Some(ring(3)), Some(only_self)).unwrap();
        let e = p.run(&[0, 1, 1], 0, 0).unwrap_err().to_string();
        assert!(
            e.contains("individual 2 has no neighbour but itself"),
            "{e}"
        );
        assert!(
            MatchMoranProcess::approximate(OutcomeTable::from_payoffs(&[vec![1.0]]).unwrap())
                .is_err()
        );
    }
}

#[cfg(test)]
mod axelrod_variants {
    //! Axelrod-Python 4.14's numbers for the variants
    //! (tests/fixtures/moran_variants.json, generated by
    //! tests/fixtures/moran_variants.py): the two simulations must agree
    //! within 3.5 combined standard errors.
    use super::*;
    use crate::strategy::Registry;

    fn edges(v: &serde_json::Value) -> Vec<[usize; 2]> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                [
                    e[0].as_u64().unwrap() as usize,
                    e[1].as_u64().unwrap() as usize,
                ]
            })
            .collect()
    }

    #[test]
    fn agree_with_axelrod_python() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/moran_variants.json"
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let registry = Registry::builtin();
        let cases = v["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 7);
        for c in cases {
            let kind = c["kind"].as_str().unwrap();
            let names = [
                c["mutant"].as_str().unwrap(),
                c["resident"].as_str().unwrap(),
            ];
            let types: Vec<_> = names.iter().map(|n| registry.create(n).unwrap()).collect();
            let n = c["population"].as_u64().unwrap() as usize;
            let k = c["mutants"].as_u64().unwrap() as usize;
            let turns = c["turns"].as_u64().unwrap();
            let their_runs = c["runs"].as_u64().unwrap() as f64;
            let mode = match c["mode"].as_str() {
                Some("db") => MoranMode::DeathBirth,
                _ => MoranMode::BirthDeath,
            };
            let directed = c["reproduction_directed"] == true;
            let graph = |key: &str| {
                c.get(key).map(|e| {
                    if directed && key == "reproduction_edges" {
                        MoranGraph::from_arcs(&edges(e), n, key).unwrap()
                    } else {
                        MoranGraph::from_edges(&edges(e), n, key).unwrap()
                    }
                })
            };
            let (ours, ours_se, theirs, theirs_se) = match kind {
                "mutation" => {
                    let p = MatchMoranProcess::new(
                        types,
                        StageGame::default(),
                        MatchConfig::turns(turns),
                    )
                    .unwrap()
                    .with_mode(mode)
                    .with_mutation_rate(c["mutation_rate"].as_f64().unwrap())
                    .unwrap();
                    let steps = c["steps"].as_u64().unwrap();
                    let comp = p
                        .estimate_composition(&invasion(0, 1, n, k), steps, 800, 17)
                        .unwrap();
                    (
                        comp.mean_shares[0],
                        comp.standard_errors[0],
                        c["mean_mutant_share"].as_f64().unwrap(),
                        c["standard_error"].as_f64().unwrap(),
                    )
                }
                "fixation" | "approximate" => {
                    let p = if kind == "approximate" {
                        let rules =
                            MatchConfig::turns(turns).with_noise(c["noise"].as_f64().unwrap());
                        let samples = c["samples"].as_u64().unwrap() as usize;
                        let table = OutcomeTable::from_matches(
                            &types,
                            &StageGame::default(),
                            rules,
                            samples,
                            23,
                        )
                        .unwrap();
                        MatchMoranProcess::approximate(table).unwrap()
                    } else {
                        MatchMoranProcess::new(
                            types,
                            StageGame::default(),
                            MatchConfig::turns(turns),
                        )
                        .unwrap()
                        .with_mode(mode)
                        .with_graphs(graph("interaction_edges"), graph("reproduction_edges"))
                        .unwrap()
                    };
                    let est = p.estimate_fixation(0, 1, n, k, 4000, 13).unwrap();
                    assert_eq!(est.unfinished, 0);
                    let q = c["fixations"].as_u64().unwrap() as f64 / their_runs;
                    (
                        est.probability,
                        est.standard_error,
                        q,
                        (q * (1.0 - q) / their_runs).sqrt(),
                    )
                }
                other => panic!("unknown case {other}"),
            };
            let se = (ours_se.powi(2) + theirs_se.powi(2)).sqrt();
            eprintln!(
                "{kind} {mode:?}: {ours:.4} here, {theirs:.4} in Axelrod-Python, z = {:.2}",
                (ours - theirs) / se
            );
            assert!(
                (ours - theirs).abs() < 3.5 * se,
                "{kind} {mode:?}, {} v {}: {ours:.4} here, {theirs:.4} in Axelrod-Python (combined SE {se:.4})",
                names[0],
                names[1]
            );
        }
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
