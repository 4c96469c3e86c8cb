//! `dilemma learn`: a learning dynamic on a game, its trajectory written as
//! CSV and drawn.

use super::figure_args::FigureArgs;
use super::game::{load_any_game, SecurityArgs};
use super::report::{game_json, title};
use super::solve::model_flags_given;
use super::ListFormat;
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use dilemma::figure::learning::learning_figures;
use dilemma::figure::write_figures;
use dilemma::game::AnyGame;
use dilemma::learning::regret_matching::default_inertia;
use dilemma::learning::stationary::{small_mutation_limit, MonomorphicChain};
use dilemma::learning::{
    best_response_dynamics, fictitious_play, regret_matching, replicator_mutator,
    stochastic_fictitious_play, two_population_replicator, ContinuousOptions, FermiProcess,
    FictitiousOptions, RegretMatchingOptions, ReplicatorMutatorOptions,
    StochasticFictitiousOptions, Trajectory,
};
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::tournament::output::write_atomic;
use dilemma::MatrixGame;
use serde_json::json;
use std::path::PathBuf;

/// Rows of the trajectory table at most, unless `--record-every` is given.
const DEFAULT_MAX_ROWS: usize = 5000;

/// Arguments of `dilemma learn`.
#[derive(Debug, Args)]
pub struct LearnArgs {
    /// A catalogue name (see `dilemma game list`) or a Gambit `.nfg` file of
    /// a two-player game; omit with `--security`.
    #[arg(required_unless_present = "security", conflicts_with = "security")]
    pub game: Option<String>,
    /// Override a catalogue game's parameter, e.g. `--param T=6` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Learn on the security-dilemma stage game built from the model flags.
    #[arg(long)]
    pub security: bool,
    /// With `--security`: the three-action variant with a defensive posture H.
    #[arg(long)]
    pub three_action: bool,
    /// The security-dilemma model's parameters (with `--security`).
    #[command(flatten)]
    pub model: SecurityArgs,
    /// The dynamic (docs/model.md §18).
    #[arg(long, value_enum)]
    pub dynamic: Dynamic,
    /// Periods of play (fictitious, stochastic-fictitious, regret-matching),
    /// integration steps of length `--step` (best-response,
    /// replicator-mutator, two-population) or steps of the process (fermi).
    #[arg(long, default_value_t = 1000)]
    pub iterations: usize,
    /// The seed of the random dynamics (stochastic-fictitious,
    /// regret-matching, fermi).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The start. fictitious, stochastic-fictitious: each player's initial
    /// play counts, row then column, e.g. "1,0;0,2" [default: zero];
    /// best-response, two-population: each player's mixed strategy, e.g.
    /// "0.9,0.1;0.2,0.8" [default: uniform]; replicator-mutator: the
    /// population's shares, e.g. "0.9,0.1" [default: uniform]; fermi: the
    /// population's shares, rounded to counts [default: all of the first
    /// strategy].
    #[arg(long, value_name = "P,..[;P,..]")]
    pub start: Option<String>,
    /// The mutation rate μ in [0, 1] (replicator-mutator [default 0.01],
    /// fermi [default 0.001]).
    #[arg(long)]
    pub mutation: Option<f64>,
    /// The intensity: stochastic-fictitious's logit precision λ = 1/η
    /// [default 10], fermi's intensity of selection β [default 1].
    #[arg(long)]
    pub intensity: Option<f64>,
    /// stochastic-fictitious: the largest uniform payoff perturbation ε̄
    /// [default 0.01].
    #[arg(long)]
    pub perturbation: Option<f64>,
    /// regret-matching: the inertia μ [default 2 (K - 1) × the payoff range].
    #[arg(long)]
    pub inertia: Option<f64>,
    /// fermi: the population size N [default 50].
    #[arg(long)]
    pub population: Option<usize>,
    /// best-response, replicator-mutator, two-population: the step length
    /// [default 0.01].
    #[arg(long)]
    pub step: Option<f64>,
    /// Record every this many iterations [default: at most 5,000 rows].
    #[arg(long)]
    pub record_every: Option<usize>,
    /// Output folder: trajectory.csv, manifest.json and the figures.
    #[arg(long, default_value = "results/learn")]
    pub out: PathBuf,
    /// Figures (the time series; the phase plot for 2x2 games; the simplex
    /// for three actions).
    #[command(flatten)]
    pub figures: FigureArgs,
    /// Output format of the summary printed (`text` or `json`).
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// The `--dynamic` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dynamic {
    /// Fictitious play: a best response to the other's empirical frequencies.
    Fictitious,
    /// Stochastic fictitious play: logit responses to perturbed payoffs, seeded.
    StochasticFictitious,
    /// Regret matching (Hart and Mas-Colell), seeded.
    RegretMatching,
    /// Continuous-time best-response dynamics.
    BestResponse,
    /// The replicator-mutator equation (symmetric games).
    ReplicatorMutator,
    /// Two-population (asymmetric) replicator dynamics.
    TwoPopulation,
    /// The pairwise-comparison (Fermi) process in a finite population
    /// (symmetric games), seeded, with its small-mutation-limit stationary
    /// distribution.
    Fermi,
}

impl Dynamic {
    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    /// The flags that apply to this dynamic, besides the common ones.
    fn flags(self) -> &'static [&'static str] {
        match self {
            Dynamic::Fictitious => &["--start"],
            Dynamic::StochasticFictitious => {
                &["--seed", "--start", "--intensity", "--perturbation"]
            }
            Dynamic::RegretMatching => &["--seed", "--inertia"],
            Dynamic::BestResponse | Dynamic::TwoPopulation => &["--start", "--step"],
            Dynamic::ReplicatorMutator => &["--start", "--mutation", "--step"],
            Dynamic::Fermi => &[
                "--seed",
                "--start",
                "--mutation",
                "--intensity",
                "--population",
            ],
        }
    }
}

/// Parses `"a,b;c,d"` into one list of numbers per `;`-separated block.
fn parse_blocks(spec: &str) -> Result<Vec<Vec<f64>>> {
    spec.split(';')
        .map(|block| {
            block
                .split(',')
                .map(|s| {
                    s.trim().parse::<f64>().with_context(|| {
                        format!("--start `{spec}`: `{}` is not a number", s.trim())
                    })
                })
                .collect()
        })
        .collect()
}

/// The start as two blocks (row, column).
fn two_blocks(spec: &Option<String>) -> Result<Option<[Vec<f64>; 2]>> {
    let Some(spec) = spec else { return Ok(None) };
    match <[Vec<f64>; 2]>::try_from(parse_blocks(spec)?) {
        Ok(blocks) => Ok(Some(blocks)),
        Err(_) => {
            bail!("--start `{spec}`: expected the row player's values, `;`, the column player's")
        }
    }
}

/// The start as one block (a population).
fn one_block(spec: &Option<String>) -> Result<Option<Vec<f64>>> {
    let Some(spec) = spec else { return Ok(None) };
    let mut blocks = parse_blocks(spec)?;
    if blocks.len() != 1 {
        bail!("--start `{spec}`: expected one population's shares, without `;`");
    }
    Ok(blocks.pop())
}

/// The game the arguments name.
fn load_game(args: &LearnArgs) -> Result<MatrixGame> {
    if args.security {
        if !args.params.is_empty() {
            bail!("--param applies to catalogue games; use the model flags with --security");
        }
        let dyad = args.model.to_dyad()?;
        return Ok(if args.three_action {
            dyad.to_three_action_game()?
        } else {
            dyad.to_game()?
        });
    }
    if args.three_action {
        bail!("--three-action applies only with --security (the security-dilemma model)");
    }
    if let Some(flag) = model_flags_given(&args.model).first() {
        bail!("{flag} applies only with --security (the security-dilemma model)");
    }
    let Some(spec) = &args.game else {
        bail!("name a game (catalogue name or .nfg file) or pass --security");
    };
    match load_any_game(spec, &args.params)? {
        AnyGame::Two(game) => Ok(game),
        other => bail!(
            "{spec}: learning dynamics take a two-player game; this one has {} players",
            other.to_nplayer().num_players()
        ),
    }
}

/// Refuses flags given that do not apply to the dynamic.
fn check_flags(args: &LearnArgs) -> Result<()> {
    let given = [
        ("--seed", args.seed != 1),
        ("--start", args.start.is_some()),
        ("--mutation", args.mutation.is_some()),
        ("--intensity", args.intensity.is_some()),
        ("--perturbation", args.perturbation.is_some()),
        ("--inertia", args.inertia.is_some()),
        ("--population", args.population.is_some()),
        ("--step", args.step.is_some()),
    ];
    let applies = args.dynamic.flags();
    if let Some((flag, _)) = given.iter().find(|(f, g)| *g && !applies.contains(f)) {
        bail!(
            "{flag} does not apply to --dynamic {}; it takes {}",
            args.dynamic.name(),
            applies.join(", ")
        );
    }
    if args.record_every == Some(0) {
        bail!("--record-every 0: give a positive number");
    }
    Ok(())
}

/// What a run computed: the trajectory and what the summary adds.
struct Outcome {
    trajectory: Trajectory,
    /// Extra facts for the manifest and the summary.
    details: serde_json::Value,
    /// The fermi process' small-mutation limit.
    limit: Option<MonomorphicChain>,
}

fn simulate(args: &LearnArgs, game: &MatrixGame, record_every: usize) -> Result<Outcome> {
    let iterations = args.iterations;
    let dt = args.step.unwrap_or(0.01);
    let plain = |trajectory| Outcome {
        trajectory,
        details: json!({}),
        limit: None,
    };
    Ok(match args.dynamic {
        Dynamic::Fictitious => {
            let run = fictitious_play(
                game,
                &FictitiousOptions {
                    iterations,
                    initial_counts: two_blocks(&args.start)?,
                    record_every,
                },
            )?;
            Outcome {
                details: json!({ "final_counts": run.counts }),
                ..plain(run.trajectory)
            }
        }
        Dynamic::StochasticFictitious => {
            let lambda = args.intensity.unwrap_or(10.0);
            if !(lambda.is_finite() && lambda > 0.0) {
                bail!("--intensity {lambda}: the logit precision must be a finite number > 0");
            }
            let options = StochasticFictitiousOptions {
                iterations,
                eta: 1.0 / lambda,
                epsilon_bar: args.perturbation.unwrap_or(0.01),
                initial_counts: two_blocks(&args.start)?,
                seed: args.seed,
                record_every,
            };
            let run = stochastic_fictitious_play(game, &options)?;
            Outcome {
                details: json!({
                    "precision": lambda,
                    "perturbation": options.epsilon_bar,
                    "final_counts": run.counts,
                }),
                ..plain(run.trajectory)
            }
        }
        Dynamic::RegretMatching => {
            let run = regret_matching(
                game,
                &RegretMatchingOptions {
                    iterations,
                    inertia: args.inertia,
                    seed: args.seed,
                    record_every,
                },
            )?;
            let violation = run.trajectory.extra[0].values.last().copied();
            Outcome {
                details: json!({
                    "inertia": run.inertia,
                    "default_inertia": default_inertia(game),
                    "joint": run.joint,
                    "ce_violation": violation.filter(|v| v.is_finite()),
                }),
                ..plain(run.trajectory)
            }
        }
        Dynamic::BestResponse | Dynamic::TwoPopulation => {
            let options = ContinuousOptions {
                start: two_blocks(&args.start)?,
                dt,
                steps: iterations,
                record_every,
            };
            let trajectory = if args.dynamic == Dynamic::BestResponse {
                best_response_dynamics(game, &options)?
            } else {
                two_population_replicator(game, &options)?
            };
            Outcome {
                details: json!({ "step": dt }),
                ..plain(trajectory)
            }
        }
        Dynamic::ReplicatorMutator => {
            let mutation = args.mutation.unwrap_or(0.01);
            let trajectory = replicator_mutator(
                game,
                &ReplicatorMutatorOptions {
                    start: one_block(&args.start)?,
                    mutation,
                    dt,
                    steps: iterations,
                    record_every,
                },
            )?;
            Outcome {
                details: json!({ "step": dt, "mutation": mutation }),
                ..plain(trajectory)
            }
        }
        Dynamic::Fermi => {
            let population = args.population.unwrap_or(50);
            let (beta, mutation) = (
                args.intensity.unwrap_or(1.0),
                args.mutation.unwrap_or(0.001),
            );
            let process = FermiProcess::new(game, population, beta, mutation)?;
            let start = match one_block(&args.start)? {
                Some(shares) => process.counts_of(&shares)?,
                None => {
                    let mut c = vec![0; process.strategies()];
                    c[0] = population;
                    c
                }
            };
            let trajectory = process.simulate(&start, iterations, args.seed, record_every)?;
            let limit = small_mutation_limit(&process);
            Outcome {
                trajectory,
                details: json!({
                    "population": population,
                    "intensity": beta,
                    "mutation": mutation,
                    "start_counts": start,
                }),
                limit: Some(limit),
            }
        }
    })
}

/// Runs `dilemma learn`.
pub fn run(args: LearnArgs) -> Result<()> {
    check_flags(&args)?;
    let game = load_game(&args)?;
    let figures = args.figures.options()?;
    let record_every = args
        .record_every
        .unwrap_or_else(|| args.iterations.div_ceil(DEFAULT_MAX_ROWS).max(1));
    let outcome = simulate(&args, &game, record_every)?;
    let drawn = match &figures {
        Some(_) => learning_figures(&outcome.trajectory)?,
        None => Vec::new(),
    };
    let summary = summary_json(&args, &game, &outcome, record_every);
    let folder = OutputFolder::begin(&args.out, Commit::Replace)?;
    let dir = folder.path();
    write_atomic(
        &dir.join("trajectory.csv"),
        outcome.trajectory.to_csv().as_bytes(),
    )?;
    let manifest = json!({
        "tool": "dilemma",
        "version": env!("CARGO_PKG_VERSION"),
        "command": "learn",
        "dynamic": args.dynamic.name(),
        "iterations": args.iterations,
        "seed": args.seed,
        "record_every": record_every,
        "summary": summary,
    });
    write_atomic(
        &dir.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)?.as_bytes(),
    )?;
    if let Some(options) = &figures {
        write_figures(&drawn, dir, options)?;
    }
    folder.commit()?;
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        ListFormat::Text => {
            print!("{}", summary_text(&game, &outcome));
            println!("wrote {}/", args.out.display());
        }
    }
    Ok(())
}

fn summary_json(
    args: &LearnArgs,
    game: &MatrixGame,
    o: &Outcome,
    record_every: usize,
) -> serde_json::Value {
    let t = &o.trajectory;
    let mut fields = json!({
        "dynamic": args.dynamic.name(),
        "clock": t.clock,
        "end": t.times.last(),
        "final": t.last(),
        "rows": t.len(),
        "record_every": record_every,
        "details": o.details,
    });
    if let (Some(limit), Some(map)) = (&o.limit, fields.as_object_mut()) {
        map.insert("small_mutation_limit".into(), json!(limit));
    }
    game_json(game, fields)
}

fn list(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{x:.6}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Probabilities that may be tiny (fixation, stationary shares): six
/// decimals, or six significant digits below 10⁻³.
fn small_list(v: &[f64]) -> String {
    v.iter()
        .map(|&x| {
            if x != 0.0 && x.abs() < 1e-3 {
                format!("{x:.5e}")
            } else {
                format!("{x:.6}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary_text(game: &MatrixGame, o: &Outcome) -> String {
    let t = &o.trajectory;
    let mut s = format!("game: {}\n", title(game));
    s.push_str(&format!(
        "dynamic: {} ({} {} recorded, to {} = {})\n",
        t.dynamic,
        t.len(),
        if t.len() == 1 { "point" } else { "points" },
        t.clock,
        t.times.last().copied().unwrap_or(0.0)
    ));
    for (pop, strategy) in t.populations.iter().zip(t.last()) {
        s.push_str(&format!(
            "final {}: ({})  [{}]\n",
            pop.name.to_lowercase(),
            list(&strategy),
            pop.actions.join(", ")
        ));
    }
    if let Some(v) = o.details.get("ce_violation").and_then(|v| v.as_f64()) {
        s.push_str(&format!(
            "correlated-equilibrium violation of the empirical joint play: {v:.6}\n"
        ));
    }
    if let Some(limit) = &o.limit {
        let names = &t.populations[0].actions;
        s.push_str("fixation probabilities (row: resident, column: invader):\n");
        for (r, name) in names.iter().enumerate() {
            s.push_str(&format!(
                "  {name:>12}  {}\n",
                small_list(&limit.fixation.row(r).to_vec())
            ));
        }
        s.push_str(&format!(
            "stationary distribution in the small-mutation limit: ({})  [{}]\n",
            small_list(&limit.stationary),
            names.join(", ")
        ));
    }
    s
}
