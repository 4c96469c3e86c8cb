//! An experiment's `[evolution]` on a tournament's results: Axelrod's
//! ecological simulation on the payoff matrix and Moran processes between
//! pairs of players, as [`EvolutionRecords`].
//!
//! The payoff matrix holds mean per-turn payoffs. The discrete replicator
//! needs non-negative fitness, so negative payoffs (the security dilemma's)
//! are shifted up by their minimum ([`non_negative_fitness`], docs/model.md
//! §11.1), as sweeps do. The Moran processes take per-match payoffs:
//! per-turn payoffs times the expected match length (§8.1, §11.5).

use super::moran_matches::invasion;
use super::records::{EcologicalTable, EvolutionRecords, MoranReport, MoranSimulation};
use super::{
    death_birth_fixation_probability, ecological_simulation, fixation_probability,
    MatchMoranProcess, MoranGraph, MoranMode, MoranProcess, OutcomeTable,
};
use crate::error::{Error, Result};
use crate::play::{MatchConfig, StageGame};
use crate::strategy::Registry;
use crate::tournament::spatial::{lattice_edges, parse_edges, parse_lattice};
use crate::tournament::TournamentConfig;
use ndarray::Array2;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Evolution run on a tournament's payoff matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvolutionConfig {
    /// Generations of Axelrod's ecological simulation \[1000\].
    #[serde(default = "default_generations")]
    pub generations: usize,
    /// Moran processes between pairs of the tournament's players.
    #[serde(default)]
    pub moran: Vec<MoranConfig>,
    /// The ecological simulation's starting population: a weight per player
    /// name, normalised to shares; players not named start at 0 (as
    /// Axelrod-Python's `Ecosystem(population=...)`) \[empty: uniform\].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub initial_population: BTreeMap<String, f64>,
}

impl EvolutionConfig {
    /// The starting shares' weights over `players` (in their order), or
    /// `None` for the uniform population. Names match ignoring ASCII case.
    pub fn initial_weights(&self, players: &[String]) -> Option<Vec<f64>> {
        (!self.initial_population.is_empty()).then(|| {
            players
                .iter()
                .map(|p| {
                    self.initial_population
                        .iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(p))
                        .map_or(0.0, |(_, &w)| w)
                })
                .collect()
        })
    }
}

fn default_generations() -> usize {
    1000
}

/// A Moran process of a mutant strategy invading a resident one: with the
/// tournament's mean match payoffs as interaction payoffs, or with matches
/// played at every step (`play_matches`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoranConfig {
    /// The mutant's strategy (a player of the tournament).
    pub mutant: String,
    /// The resident's strategy (a player of the tournament).
    pub resident: String,
    /// Population size \[10\].
    #[serde(default = "default_population")]
    pub population: usize,
    /// Initial mutants \[1\].
    #[serde(default = "one")]
    pub mutants: usize,
    /// Simulated runs \[1000\].
    #[serde(default = "default_runs")]
    pub runs: usize,
    /// Seed of the simulation \[0\].
    #[serde(default)]
    pub seed: u64,
    /// Play the matches at every step, as Axelrod-Python's `MoranProcess`
    /// does ([`MatchMoranProcess`], with the tournament's game, turns and
    /// noise), instead of using the tournament's mean payoffs: faithful
    /// under noise or with stochastic strategies, and slower \[false\].
    /// Two-action tournaments only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub play_matches: bool,
    /// Birth-death (`"bd"`) or death-birth (`"db"`) updating \[bd\].
    #[serde(default, skip_serializing_if = "MoranMode::is_birth_death")]
    pub mode: MoranMode,
    /// The probability that an offspring mutates into the other type
    /// \[0\].
    #[serde(default, skip_serializing_if = "is_zero")]
    pub mutation_rate: f64,
    /// Steps per run: each run lasts exactly this many steps and the report
    /// gives the time-average composition \[none: every run until one type
    /// is left, and the fixation probability\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<u64>,
    /// Who plays whom \[everyone else\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_graph: Option<GraphSpec>,
    /// Whom an offspring may replace \[the interaction graph with a loop at
    /// every individual\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reproduction_graph: Option<GraphSpec>,
    /// The approximate Moran process: each pair's scores drawn every step
    /// from this many matches played up front \[none\]. Two-action
    /// tournaments only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_samples: Option<usize>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// A graph on the individuals of a Moran process (docs/model.md §11.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GraphSpec {
    /// An edge file (one edge per line, two individual indices from 0, as
    /// a spatial tournament's), relative to the experiment file.
    Edges(PathBuf),
    /// A `ROWSxCOLS` lattice wrapped into a torus, each individual joined to
    /// its four neighbours.
    Lattice(String),
    /// An arc file, as an edge file but directed: a line `a b` says that an
    /// offspring of `a` may replace `b`. Reproduction graphs only.
    Arcs(PathBuf),
}

impl GraphSpec {
    /// The graph on a population of `population`; `field` names the entry
    /// in errors.
    pub fn graph(&self, population: usize, field: &str) -> Result<MoranGraph> {
        let config_error = |e: Error| match e {
            Error::Config { message, .. } => Error::Config {
                field: field.into(),
                message,
            },
            other => other,
        };
        let read = |path: &PathBuf| -> Result<Vec<[usize; 2]>> {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            parse_edges(&text, &path.display().to_string())
        };
        let edges = match self {
            GraphSpec::Edges(path) => read(path)?,
            GraphSpec::Arcs(path) => return MoranGraph::from_arcs(&read(path)?, population, field),
            GraphSpec::Lattice(spec) => {
                let (rows, cols) = parse_lattice(spec).map_err(config_error)?;
                if rows * cols != population {
                    return Err(Error::Config {
                        field: field.into(),
                        message: format!(
                            "lattice {rows}x{cols} has {} individuals, the population {population}",
                            rows * cols
                        ),
                    });
                }
                lattice_edges(rows, cols).map_err(config_error)?
            }
        };
        MoranGraph::from_edges(&edges, population, field)
    }

    /// The graph in words, e.g. `lattice 2x4`.
    pub fn describe(&self) -> String {
        match self {
            GraphSpec::Edges(path) => format!("edges {}", path.display()),
            GraphSpec::Lattice(spec) => format!("lattice {spec}"),
            GraphSpec::Arcs(path) => format!("arcs {}", path.display()),
        }
    }
}

impl MoranConfig {
    /// Whether the entry is the well-mixed birth-death process without
    /// mutation, run to fixation (the exact formula's process).
    pub fn is_plain(&self) -> bool {
        self.mode.is_birth_death() && self.is_well_mixed_fixation()
    }

    /// Whether the entry runs to fixation in a well-mixed population
    /// without mutation (where an exact fixation probability exists).
    fn is_well_mixed_fixation(&self) -> bool {
        self.mutation_rate == 0.0
            && self.steps.is_none()
            && self.interaction_graph.is_none()
            && self.reproduction_graph.is_none()
    }

    /// The interaction and reproduction graphs of entry `k`, read and
    /// checked against the population.
    pub fn graphs(&self, k: usize) -> Result<(Option<MoranGraph>, Option<MoranGraph>)> {
        let graph = |spec: &Option<GraphSpec>, name: &str| {
            spec.as_ref()
                .map(|g| g.graph(self.population, &format!("evolution.moran[{k}].{name}")))
                .transpose()
        };
        Ok((
            graph(&self.interaction_graph, "interaction_graph")?,
            graph(&self.reproduction_graph, "reproduction_graph")?,
        ))
    }

    /// Checks the settings that need no player names or files (entry `k`).
    pub fn check(&self, k: usize) -> Result<()> {
        let field = |f: &str| format!("evolution.moran[{k}].{f}");
        let bad = |f: &str, message: String| {
            Err(Error::Config {
                field: field(f),
                message,
            })
        };
        if !(0.0..=1.0).contains(&self.mutation_rate) {
            return bad(
                "mutation_rate",
                format!("{}: a probability in [0, 1]", self.mutation_rate),
            );
        }
        if self.steps == Some(0) {
            return bad("steps", "0: at least one step per run".into());
        }
        if self.steps.is_some() && self.runs < 2 {
            return bad(
                "runs",
                format!(
                    "{}: at least 2 with `steps`, for a standard error",
                    self.runs
                ),
            );
        }
        if self.outcome_samples == Some(0) {
            return bad("outcome_samples", "0: at least one match per pair".into());
        }
        if self.play_matches && self.outcome_samples.is_some() {
            return bad(
                "outcome_samples",
                "give play_matches or outcome_samples, not both".into(),
            );
        }
        if let Some(GraphSpec::Arcs(_)) = self.interaction_graph {
            return bad(
                "interaction_graph",
                "arcs: who plays whom is undirected (give `edges`; arcs are for the reproduction graph)".into(),
            );
        }
        for (name, spec) in [
            ("interaction_graph", &self.interaction_graph),
            ("reproduction_graph", &self.reproduction_graph),
        ] {
            if let Some(spec @ GraphSpec::Lattice(_)) = spec {
                spec.graph(self.population, &field(name))?;
            }
        }
        Ok(())
    }
}

fn default_population() -> usize {
    10
}
fn one() -> usize {
    1
}
fn default_runs() -> usize {
    1000
}

/// The payoff matrix `m` as fitness for the ecological simulation and the
/// Moran process: shifted up by its minimum when that is negative. Returns
/// the matrix and the shift (0, or the negative minimum subtracted).
pub fn non_negative_fitness(m: &[Vec<f64>]) -> (Array2<f64>, f64) {
    let n = m.len();
    let shift = m
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    (
        Array2::from_shape_fn((n, n), |(i, j)| m[i][j] - shift),
        shift,
    )
}

/// A tournament's results as the evolution stage reads them.
#[derive(Debug, Clone, Copy)]
pub struct TournamentPayoffs<'a> {
    /// The players' names.
    pub players: &'a [String],
    /// Mean per-turn payoff of row player i against column player j.
    pub payoff_matrix: &'a [Vec<f64>],
    /// The expected turns of a match (per-turn to per-match payoffs).
    pub expected_turns: f64,
    /// The tournament's configuration and registry, with which a Moran
    /// process with `play_matches` plays its matches; `None` where matches
    /// cannot be replayed (three-action tournaments).
    pub matches: Option<(&'a TournamentConfig, &'a Registry)>,
}

impl<'a> TournamentPayoffs<'a> {
    /// The payoffs of `players` (mean per-turn, `payoff_matrix[i][j]` of i
    /// against j) from matches of `expected_turns` turns, without matches to
    /// replay.
    pub fn new(players: &'a [String], payoff_matrix: &'a [Vec<f64>], expected_turns: f64) -> Self {
        TournamentPayoffs {
            players,
            payoff_matrix,
            expected_turns,
            matches: None,
        }
    }

    /// With the two-action tournament's configuration and registry, to play
    /// the matches of a Moran process with `play_matches`.
    pub fn with_matches(self, config: &'a TournamentConfig, registry: &'a Registry) -> Self {
        TournamentPayoffs {
            matches: Some((config, registry)),
            ..self
        }
    }
}

/// What the evolution stage found: its records and the shift the ecological
/// simulation's payoffs took.
#[derive(Debug, Clone, PartialEq)]
pub struct Evolution {
    /// The ecological table and the Moran reports.
    pub records: EvolutionRecords,
    /// How far the payoffs were shifted up for the ecological simulation
    /// (0 when none is negative).
    pub shift: f64,
}

/// Runs `config` on a tournament's payoffs: the ecological simulation, then
/// each Moran process in order (`starting` is called before each, for
/// progress).
pub fn evolve(
    tournament: &TournamentPayoffs,
    config: &EvolutionConfig,
    starting: &mut dyn FnMut(&MoranConfig),
) -> Result<Evolution> {
    let (fitness, shift) = non_negative_fitness(tournament.payoff_matrix);
    let initial = config.initial_weights(tournament.players);
    let ecology = ecological_simulation(&fitness, initial.as_deref(), config.generations)?;
    let ecological = EcologicalTable {
        players: tournament.players.to_vec(),
        shares: ecology.shares,
    };
    let mut moran = Vec::with_capacity(config.moran.len());
    for (k, m) in config.moran.iter().enumerate() {
        starting(m);
        moran.push(moran_report(tournament, m, k)?);
    }
    Ok(Evolution {
        records: EvolutionRecords {
            ecological: Some(ecological),
            moran,
        },
        shift,
    })
}

/// The Moran process `m` (entry `k` of `[evolution.moran]`): the exact
/// fixation probability on the mean match payoffs where one exists
/// (well-mixed, no mutation, run to fixation), and the simulated fixation
/// probability or, with `steps`, the time-average composition, with run 0's
/// mutant counts at every step for the individual-based process.
///
/// The plain entry (birth-death, well-mixed, no mutation, on mean payoffs)
/// runs [`MoranProcess`]; every other runs [`MatchMoranProcess`] with its
/// matches played, their outcomes sampled (`outcome_samples`), or the mean
/// per-turn payoffs as fixed outcomes.
pub fn moran_report(
    tournament: &TournamentPayoffs,
    m: &MoranConfig,
    k: usize,
) -> Result<MoranReport> {
    let field = |f: &str| format!("evolution.moran[{k}].{f}");
    let index = |name: &str, f: &str| {
        tournament
            .players
            .iter()
            .position(|p| p.eq_ignore_ascii_case(name))
            .ok_or_else(|| Error::Config {
                field: field(f),
                message: format!("`{name}` is not a player of the tournament"),
            })
    };
    let (mutant, resident) = (index(&m.mutant, "mutant")?, index(&m.resident, "resident")?);
    let per_match = |i: usize, j: usize| tournament.payoff_matrix[i][j] * tournament.expected_turns;
    let four = [
        per_match(mutant, mutant),
        per_match(mutant, resident),
        per_match(resident, mutant),
        per_match(resident, resident),
    ];
    let per_turn = |i: usize, j: usize| tournament.payoff_matrix[i][j];
    let (n, k_mutants) = (m.population, m.mutants);
    let exact = if m.is_plain() {
        Some(fixation_probability(four, n, k_mutants)?)
    } else if m.is_well_mixed_fixation() && n >= 3 {
        Some(death_birth_fixation_probability(four, n, k_mutants)?)
    } else {
        None
    };
    let report = |simulated, simulation, composition, populations| MoranReport {
        mutant: tournament.players[mutant].clone(),
        resident: tournament.players[resident].clone(),
        population: n,
        mutants: k_mutants,
        match_payoffs: four,
        exact_fixation_probability: exact,
        simulated,
        simulation,
        neutral_fixation_probability: k_mutants as f64 / n as f64,
        mode: m.mode,
        mutation_rate: m.mutation_rate,
        interaction_graph: m.interaction_graph.as_ref().map(GraphSpec::describe),
        reproduction_graph: m.reproduction_graph.as_ref().map(GraphSpec::describe),
        outcome_samples: m.outcome_samples,
        composition,
        populations,
    };
    if m.is_plain() && !m.play_matches && m.outcome_samples.is_none() {
        let two = Array2::from_shape_vec((2, 2), four.to_vec()).expect("2x2");
        let simulated =
            MoranProcess::new(two)?.estimate_fixation(0, 1, n, k_mutants, m.runs, m.seed)?;
        return Ok(report(
            Some(simulated),
            MoranSimulation::MeanPayoffs,
            None,
            Vec::new(),
        ));
    }
    let played = |f: &str| {
        let (config, registry) = tournament.matches.ok_or_else(|| Error::Config {
            field: field(f),
            message: "applies to two-action tournaments only".into(),
        })?;
        match_rules(config, registry, mutant, resident, &field(f))
    };
    let (process, simulation) = if m.play_matches {
        let (types, game, rules) = played("play_matches")?;
        (
            MatchMoranProcess::new(types, game, rules)?,
            MoranSimulation::MatchesPlayed,
        )
    } else if let Some(samples) = m.outcome_samples {
        let (types, game, rules) = played("outcome_samples")?;
        let table = OutcomeTable::from_matches(&types, &game, rules, samples, m.seed)?;
        (
            MatchMoranProcess::approximate(table)?,
            MoranSimulation::SampledOutcomes,
        )
    } else {
        let table = OutcomeTable::from_payoffs(&[
            vec![per_turn(mutant, mutant), per_turn(mutant, resident)],
            vec![per_turn(resident, mutant), per_turn(resident, resident)],
        ])?;
        (
            MatchMoranProcess::approximate(table)?,
            MoranSimulation::MeanPayoffs,
        )
    };
    let (interaction, reproduction) = m.graphs(k)?;
    let in_entry = |e: Error| match e {
        Error::Config { field: f, message } if !f.contains('.') => Error::Config {
            field: field(&f),
            message,
        },
        other => other,
    };
    let process = process
        .with_mode(m.mode)
        .with_mutation_rate(m.mutation_rate)?
        .with_graphs(interaction, reproduction)
        .map_err(in_entry)?;
    let start = invasion(0, 1, n, k_mutants);
    let (simulated, composition) = match m.steps {
        None => (
            Some(
                process
                    .estimate_fixation(0, 1, n, k_mutants, m.runs, m.seed)
                    .map_err(in_entry)?,
            ),
            None,
        ),
        Some(steps) => (
            None,
            Some(
                process
                    .estimate_composition(&start, steps, m.runs, m.seed)
                    .map_err(in_entry)?,
            ),
        ),
    };
    let populations = process
        .trajectory(&start, m.seed, 0, m.steps)
        .map_err(in_entry)?
        .iter()
        .map(|c| c[0])
        .collect();
    Ok(report(simulated, simulation, composition, populations))
}

/// The two strategies of a Moran process, their game and their match rules.
type MatchRules = (
    Vec<Box<dyn crate::strategy::Strategy>>,
    StageGame,
    MatchConfig,
);

/// The strategies of players `mutant` and `resident` of a two-action
/// tournament and the rules of their matches: the tournament's game, turns
/// (or continuation), action noise and each player's perception noise.
fn match_rules(
    config: &TournamentConfig,
    registry: &Registry,
    mutant: usize,
    resident: usize,
    field: &str,
) -> Result<MatchRules> {
    let game = StageGame::from_game(&config.game.to_game()?)?;
    let spec = |k: usize| &config.players[k];
    let types = vec![
        registry.create(spec(mutant).strategy())?,
        registry.create(spec(resident).strategy())?,
    ];
    let (pm, pr) = (
        config.perception_of(spec(mutant))?,
        config.perception_of(spec(resident))?,
    );
    if pm != pr {
        return Err(Error::Config {
            field: field.into(),
            message: "needs the mutant and the resident to perceive alike".into(),
        });
    }
    let rules = match config.continuation {
        Some(p) => MatchConfig::continuation(p),
        None => MatchConfig::turns(config.turns),
    }
    .with_noise(config.noise)
    .with_perception(pm, pr);
    Ok((types, game, rules))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tournament::{PlayerSpec, Tournament};

    #[test]
    fn negative_payoffs_are_shifted_up_by_their_minimum() {
        let (m, shift) = non_negative_fitness(&[vec![1.0, -2.0], vec![0.5, 3.0]]);
        assert_eq!(shift, -2.0);
        assert_eq!(m, ndarray::arr2(&[[3.0, 0.0], [2.5, 5.0]]));
        let (m, shift) = non_negative_fitness(&[vec![1.0, 2.0], vec![0.5, 3.0]]);
        assert_eq!(shift, 0.0);
        assert_eq!(m[[0, 1]], 2.0);
    }

    #[test]
    fn evolution_on_a_tournament_gives_its_records() {
        let registry = Registry::builtin();
        let players = ["Tit For Tat", "Defector", "Cooperator"];
        let config = TournamentConfig {
            players: players.map(|p| PlayerSpec::Name(p.into())).to_vec(),
            turns: 10,
            repetitions: 1,
            ..TournamentConfig::default()
        };
        let results = Tournament::new(config, &registry)
            .unwrap()
            .run_serial(&mut |_| {}, None)
            .unwrap();
        let s = &results.statistics;
        let tournament = TournamentPayoffs::new(&results.players, &s.payoff_matrix, 10.0)
            .with_matches(&results.config, &registry);
        let moran = |mutant: &str, play_matches: bool| MoranConfig {
            mutant: mutant.into(),
            resident: "tit for tat".into(),
            population: 6,
            mutants: 1,
            runs: 50,
            seed: 3,
            play_matches,
            mode: MoranMode::BirthDeath,
            mutation_rate: 0.0,
            steps: None,
            interaction_graph: None,
            reproduction_graph: None,
            outcome_samples: None,
        };
        let evo = EvolutionConfig {
            generations: 30,
            moran: vec![moran("Defector", false), moran("Defector", true)],
            initial_population: Default::default(),
        };
        let mut started = Vec::new();
        let out = evolve(&tournament, &evo, &mut |m| started.push(m.play_matches)).unwrap();
        assert_eq!(started, [false, true]);
        assert_eq!(out.shift, 0.0);
        let eco = out.records.ecological.unwrap();
        assert_eq!(eco.players, results.players);
        assert_eq!(eco.shares.len(), 31);
        // Defector invading Tit For Tat over 10 turns: per-match payoffs
        // P·10 = 10, T + 9P = 14, S + 9P = 9, R·10 = 30 (PD 3/0/5/1).
        let r = &out.records.moran[0];
        assert_eq!(r.resident, "Tit For Tat");
        assert_eq!(r.match_payoffs, [10.0, 14.0, 9.0, 30.0]);
        assert_eq!(r.simulation, MoranSimulation::MeanPayoffs);
        assert_eq!(
            r.exact_fixation_probability,
            Some(fixation_probability(r.match_payoffs, 6, 1).unwrap())
        );
        assert_eq!(
            out.records.moran[1].simulation,
            MoranSimulation::MatchesPlayed
        );
        assert_eq!(r.neutral_fixation_probability, 1.0 / 6.0);
        // A Moran entry naming no player is refused with its field.
        let bad = EvolutionConfig {
            generations: 1,
            moran: vec![moran("Nobody", false)],
            initial_population: Default::default(),
        };
        let e = evolve(&tournament, &bad, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("evolution.moran[0].mutant") && e.contains("Nobody"),
            "{e}"
        );
        // Without the tournament's matches, play_matches is refused.
        let without = TournamentPayoffs {
            matches: None,
            ..tournament
        };
        let e = moran_report(&without, &moran("Defector", true), 0)
            .unwrap_err()
            .to_string();
        assert!(e.contains("play_matches"), "{e}");
    }
}
