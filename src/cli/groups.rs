//! `dilemma groups`: a tournament of groups of n players on an n-player
//! game with two actions, or on the n-state security dilemma with blocs
//! (docs/model.md §20); with `--evolve`, the evolution of the field in
//! groups (§20.8).

use super::figure_args::FigureArgs;
use super::game::parse_params;
use super::report::group_progress_bar;
use anyhow::{bail, Context, Result};
use clap::Args;
use dilemma::evolution::groups::{
    check_evolution, evolve_groups, write_group_evolution, FixationSettings, GroupEvolution,
    GroupEvolutionConfig, GroupEvolutionManifest, ReplicatorSettings,
};
use dilemma::figure::fixation::fixation_figures;
use dilemma::figure::learning::learning_figures;
use dilemma::figure::write_figures;
use dilemma::game::alliance::{AllianceSpec, BlocSpec, StateSpec};
use dilemma::game::SecurityDilemma;
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::tournament::groups::{
    write_group_results, GroupGameSpec, GroupManifest, GroupResults, GroupTournament,
    GroupTournamentConfig, DEFAULT_MAX_GROUPS,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `dilemma groups`.
#[derive(Debug, Args)]
pub struct GroupsArgs {
    /// Group strategies, comma separated; repeatable. Names: Cooperator,
    /// Defector, Random(p), Threshold(k), TFT (all), TFT (majority), Grim,
    /// WSLS (all-or-none), Bloc Reciprocator, Chain Ganger, Buck Passer,
    /// Balancer, Spiral Reciprocator(γ), Deterrence Hard-liner, Reassurer
    /// (docs/model.md §20.5), Paranoid, Bayesian Truster(π0), Noise-Filtered
    /// Reciprocator, Relative-Gains Maximiser, and the
    /// strategies of --strategies files. Default: a field of 20 of them.
    #[arg(long = "players", value_name = "NAMES")]
    pub players: Vec<String>,
    /// Group strategies defined as data (TOML, `[[group_strategy]]`
    /// tables, docs/model.md §20.5); repeatable. Their text is kept in the
    /// manifest.
    #[arg(long = "strategies", value_name = "FILE")]
    pub strategy_files: Vec<PathBuf>,
    /// Players per group (n): every group of n distinct players of the
    /// field plays (a seeded sample when there are more than --max-groups).
    #[arg(long, default_value_t = 3)]
    pub group_size: usize,
    /// The stage game: an n-player catalogue game (n_prisoners_dilemma,
    /// public_goods, threshold_stag_hunt, volunteers_dilemma, minority_game,
    /// majority_game; its n is the group size) or `alliance` (the n-state
    /// security dilemma, one state per seat).
    #[arg(long, default_value = "n_prisoners_dilemma")]
    pub game: String,
    /// A game parameter, e.g. `--param b=4` (catalogue) or `--param
    /// offence=0.8` (alliance: the security game's parameters); repeatable.
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// A state of the alliance game with its own parameters, in seat order,
    /// e.g. `--state us:power=0.5 --state uk --state ussr:offence=0.8`
    /// (keys as `--side` of `dilemma tournament`); repeatable. Default: n
    /// states named 1..n.
    #[arg(long = "state", value_name = "NAME[:K=V,...]")]
    pub states: Vec<String>,
    /// A bloc of the alliance game: `NAME=STATE,STATE,...`, e.g. `--bloc
    /// west=us,uk`; repeatable. States in no bloc stand alone.
    #[arg(long = "bloc", value_name = "NAME=STATES")]
    pub blocs: Vec<String>,
    /// The alliance game's commitment κ in [0, 1]: the share of an armed
    /// ally's capability that counts for its partner.
    #[arg(long, default_value_t = 1.0)]
    pub commitment: f64,
    /// Turns per match.
    #[arg(long, default_value_t = 200)]
    pub turns: u64,
    /// Instead of fixed turns, go on after each turn with this probability.
    #[arg(long)]
    pub continuation: Option<f64>,
    /// Repetitions of every group's matches.
    #[arg(long, default_value_t = 10)]
    pub repetitions: u32,
    /// Action noise: probability that a player's move flips.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// Perception noise: probability that a player misreads another's move
    /// (catalogue games; the alliance game's comes from the model).
    #[arg(long, default_value_t = 0.0)]
    pub perception_noise: f64,
    /// Seed of the random streams (and of the sample of groups).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The most groups played; with more combinations, a seeded sample of
    /// this many.
    #[arg(long, default_value_t = DEFAULT_MAX_GROUPS)]
    pub max_groups: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// The run's name: results go to `results/<name>/` unless `--out` is given.
    #[arg(long, default_value = "groups")]
    pub name: String,
    /// Output folder: summary.csv, blocs.csv and allies.csv (alliance game),
    /// manifest.json. Columns: docs/data-dictionary.md.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Re-run the configuration of a `manifest.json` bit for bit (other
    /// options except --out, --threads and the figure options are
    /// ignored); an evolution's manifest re-runs the evolution.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Evolve the field in groups instead of ranking it (docs/model.md
    /// §20.8): every group composition, a strategy possibly several times,
    /// plays its matches, and the payoffs per turn drive `replicator` (the
    /// n-player replicator dynamics, trajectory.csv) and/or `fixation` (a
    /// finite population of --population with groups drawn without
    /// replacement: fixation.csv, stationary.csv, and full_chain.csv with
    /// --mutation); comma separated. Always writes group_payoffs.csv.
    #[arg(long, value_delimiter = ',', value_name = "DYNAMICS")]
    pub evolve: Vec<Dynamics>,
    /// With --evolve fixation: the population size Z (at least the group
    /// size) [default: 50].
    #[arg(long)]
    pub population: Option<usize>,
    /// With --evolve fixation: the intensity of selection β of the
    /// pairwise-comparison (Fermi) rule [default: 1].
    #[arg(long, alias = "beta")]
    pub intensity: Option<f64>,
    /// With --evolve fixation and two strategies: the mutation rate μ of
    /// the full chain (full_chain.csv); 0 gives the small-mutation limit
    /// alone [default: 0].
    #[arg(long)]
    pub mutation: Option<f64>,
    /// With --evolve replicator: the starting shares, one per strategy,
    /// comma separated (default: equal shares).
    #[arg(long, value_delimiter = ',', value_name = "SHARES")]
    pub start: Vec<f64>,
    /// With --evolve replicator: the RK4 step [default: 0.1].
    #[arg(long)]
    pub dt: Option<f64>,
    /// With --evolve replicator: the number of steps [default: 1000].
    #[arg(long)]
    pub steps: Option<usize>,
    /// With --evolve replicator: record every this many steps [default: 1].
    #[arg(long)]
    pub record_every: Option<usize>,
    /// Figures (with --evolve replicator: the shares against time, and the
    /// simplex for three strategies; with --evolve fixation: the fixation
    /// heat map and the stationary distribution) and table formats.
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// A dynamic of `--evolve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Dynamics {
    /// The n-player replicator dynamics of an infinite population.
    Replicator,
    /// Fixation probabilities and stationary distributions of a finite
    /// population.
    Fixation,
}

/// The evolution settings of the flags, or `None` without `--evolve`.
///
/// # Errors
/// A flag of a dynamic that `--evolve` does not select (or without
/// `--evolve`).
fn evolution_of(args: &GroupsArgs) -> Result<Option<GroupEvolutionConfig>> {
    let given = |flags: &[(&'static str, bool)], dynamics: Dynamics, name: &str| -> Result<bool> {
        let selected = args.evolve.contains(&dynamics);
        if let Some((flag, _)) = flags.iter().find(|(_, g)| *g).filter(|_| !selected) {
            bail!(
                "{flag} applies to --evolve {name}: give it with --evolve {name} (or leave it out)"
            );
        }
        Ok(selected)
    };
    let replicator_flags = [
        ("--start", !args.start.is_empty()),
        ("--dt", args.dt.is_some()),
        ("--steps", args.steps.is_some()),
        ("--record-every", args.record_every.is_some()),
    ];
    let fixation_flags = [
        ("--population", args.population.is_some()),
        ("--intensity", args.intensity.is_some()),
        ("--mutation", args.mutation.is_some()),
    ];
    let replicator = given(&replicator_flags, Dynamics::Replicator, "replicator")?.then(|| {
        let d = ReplicatorSettings::default();
        ReplicatorSettings {
            start: (!args.start.is_empty()).then(|| args.start.clone()),
            dt: args.dt.unwrap_or(d.dt),
            steps: args.steps.unwrap_or(d.steps),
            record_every: args.record_every.unwrap_or(d.record_every),
        }
    });
    let fixation = given(&fixation_flags, Dynamics::Fixation, "fixation")?.then(|| {
        let d = FixationSettings::default();
        FixationSettings {
            population: args.population.unwrap_or(d.population),
            intensity: args.intensity.unwrap_or(d.intensity),
            mutation: args.mutation.unwrap_or(d.mutation),
        }
    });
    if args.evolve.is_empty() {
        return Ok(None);
    }
    Ok(Some(GroupEvolutionConfig {
        replicator,
        fixation,
    }))
}

/// The alliance game of the flags.
fn alliance(args: &GroupsArgs) -> Result<AllianceSpec> {
    let mut game = SecurityDilemma::default();
    for (k, v) in parse_params(&args.params)? {
        game.set(&k, v)
            .with_context(|| format!("--param {k}={v}"))?;
    }
    game.validate()?;
    let mut spec = AllianceSpec::plain(game, args.group_size);
    if !args.states.is_empty() {
        spec.states = Vec::new();
        for flag in &args.states {
            let one = super::sides::parse_sides(std::slice::from_ref(flag))
                .map_err(|e| anyhow::anyhow!("{}", e.to_string().replace("--side", "--state")))?;
            let (name, parameters) = one.into_iter().next().expect("one state per flag");
            spec.states.push(StateSpec { name, parameters });
        }
    }
    for flag in &args.blocs {
        let Some((name, members)) = flag.split_once('=') else {
            bail!("--bloc `{flag}`: expected NAME=STATE,STATE,..., e.g. --bloc west=1,2");
        };
        spec.blocs.push(BlocSpec {
            name: name.trim().to_string(),
            members: members
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect(),
        });
    }
    spec.commitment = args.commitment;
    Ok(spec)
}

/// The configuration of the flags.
fn config_of(args: &GroupsArgs) -> Result<GroupTournamentConfig> {
    let defaults = GroupTournamentConfig::default();
    let players = if args.players.is_empty() {
        defaults.players
    } else {
        args.players
            .iter()
            .flat_map(|list| list.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let game = if args.game == "alliance" {
        GroupGameSpec::Alliance {
            alliance: alliance(args)?,
        }
    } else {
        if !args.states.is_empty() || !args.blocs.is_empty() || args.commitment != 1.0 {
            bail!("--state, --bloc and --commitment describe the alliance game: give them with --game alliance");
        }
        GroupGameSpec::Catalogue {
            name: args.game.clone(),
            params: parse_params(&args.params)?
                .into_iter()
                .collect::<BTreeMap<_, _>>(),
        }
    };
    Ok(GroupTournamentConfig {
        name: args.name.clone(),
        players,
        strategy_files: super::tournament::read_strategy_files(&args.strategy_files)?,
        group_size: args.group_size,
        game,
        turns: args.turns,
        continuation: args.continuation,
        repetitions: args.repetitions,
        noise: args.noise,
        perception_noise: args.perception_noise,
        seed: args.seed,
        max_groups: args.max_groups,
    })
}

/// Runs `dilemma groups`.
pub fn run(args: GroupsArgs) -> Result<()> {
    args.figures.options()?;
    let (config, evolution) = match &args.manifest {
        Some(path) => read_manifest(path)?,
        None => (config_of(&args)?, evolution_of(&args)?),
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(&config.name));
    let from_flags = args.manifest.is_none();
    run_groups(config, evolution, &out, args.threads, &args.figures).map_err(|e| {
        if from_flags {
            anyhow::anyhow!("{}", flag_names(&e.to_string()))
        } else {
            e
        }
    })
}

/// An error naming the evolution settings' keys, naming the flags instead.
fn flag_names(message: &str) -> String {
    [
        ("`evolution.replicator.start`", "--start"),
        ("`evolution.replicator.dt`", "--dt"),
        ("`evolution.replicator.steps`", "--steps"),
        ("`evolution.replicator.record_every`", "--record-every"),
        ("`evolution.fixation.population`", "--population"),
        ("`evolution.fixation.intensity`", "--intensity"),
        ("`evolution.fixation.mutation`", "--mutation"),
    ]
    .iter()
    .fold(message.to_string(), |m, (key, flag)| m.replace(key, flag))
}

/// A manifest of `dilemma groups`, with or without an evolution.
fn read_manifest(path: &Path) -> Result<(GroupTournamentConfig, Option<GroupEvolutionConfig>)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))?;
    if value.get("evolution").is_some() {
        let m = GroupEvolutionManifest::parse(&text, path)?;
        Ok((m.config, Some(m.evolution)))
    } else {
        Ok((GroupManifest::read(path)?.config, None))
    }
}

/// Runs a tournament of groups (`evolution` `None`) or an evolution of
/// groups, writing into `out`; shared by `dilemma groups` and `dilemma run`.
pub fn run_groups(
    config: GroupTournamentConfig,
    evolution: Option<GroupEvolutionConfig>,
    out: &Path,
    threads: Option<usize>,
    figures: &FigureArgs,
) -> Result<()> {
    let options = figures.options()?;
    let Some(evolution) = evolution else {
        // Everything is checked before the output folder is touched.
        let tournament = GroupTournament::new(config)?;
        let folder = OutputFolder::begin(out, Commit::Replace)?;
        let bar = group_progress_bar(tournament.jobs());
        let results =
            tournament.run_with_threads(threads, &mut |done| bar.set_position(done as u64))?;
        bar.finish_and_clear();
        let written = write_group_results(folder.path(), tournament.config(), &results)?;
        figures.write_tables(folder.path())?;
        folder.commit()?;
        print_results(&results);
        println!("\nwrote {}/ ({})", out.display(), written.join(", "));
        return Ok(());
    };
    let tournament = GroupTournament::with_repetition(config)?;
    check_evolution(&tournament, &evolution)?;
    let (m, n) = (tournament.names().len(), tournament.config().group_size);
    let jobs =
        dilemma::learning::compositions(n, m).len() * tournament.config().repetitions as usize;
    let folder = OutputFolder::begin(out, Commit::Replace)?;
    let bar = group_progress_bar(jobs);
    let result = evolve_groups(&tournament, &evolution, threads, &mut |done| {
        bar.set_position(done as u64)
    })?;
    bar.finish_and_clear();
    let mut written =
        write_group_evolution(folder.path(), tournament.config(), &evolution, &result)?;
    if let Some(options) = &options {
        let mut figures = Vec::new();
        if let Some(t) = &result.trajectory {
            figures.extend(learning_figures(t)?);
        }
        if let (Some(chain), Some(f)) = (&result.chain, &evolution.fixation) {
            figures.extend(fixation_figures(
                result.payoffs.names(),
                chain,
                f.population,
            )?);
        }
        for path in write_figures(&figures, folder.path(), options)? {
            if let Some(name) = path.file_name() {
                written.push(name.to_string_lossy().into_owned());
            }
        }
    }
    figures.write_tables(folder.path())?;
    folder.commit()?;
    print_evolution(&result);
    println!("\nwrote {}/ ({})", out.display(), written.join(", "));
    Ok(())
}

/// Prints the replicator's end state and the small-mutation limit.
fn print_evolution(e: &GroupEvolution) {
    let names = e.payoffs.names();
    println!(
        "{} strategies in groups of {}: {} compositions",
        names.len(),
        e.payoffs.group_size(),
        e.payoffs.compositions().len()
    );
    if let Some(t) = &e.trajectory {
        let last = t.states.last().cloned().unwrap_or_default();
        let time = t.times.last().copied().unwrap_or(0.0);
        println!("\nreplicator dynamics, shares at t = {time}:");
        for (name, x) in names.iter().zip(last) {
            println!("  {name:<28} {x:>10.6}");
        }
    }
    if let Some(chain) = &e.chain {
        println!("\nsmall-mutation limit, long-run share of each monomorphic state:");
        for (name, x) in names.iter().zip(&chain.stationary) {
            println!("  {name:<28} {x:>10.6}");
        }
    }
    if let Some(full) = &e.full {
        let z = full.len() - 1;
        let mean: f64 = full
            .iter()
            .enumerate()
            .map(|(j, p)| j as f64 * p)
            .sum::<f64>()
            / z as f64;
        println!(
            "\nfull chain with mutation: mean share of {} = {mean:.6}",
            names[0]
        );
    }
}

/// Prints the ranking and, with blocs, the allies' arming.
fn print_results(results: &GroupResults) {
    println!(
        "{} groups, {} matches\n{:>4}  {:<28} {:>12} {:>12}",
        results.groups, results.matches, "rank", "strategy", "mean payoff", "cooperation"
    );
    for r in &results.rows {
        println!(
            "{:>4}  {:<28} {:>12.4} {:>12.4}",
            r.rank + 1,
            r.name,
            r.mean_payoff,
            r.cooperation
        );
    }
    if let Some(a) = &results.allies {
        let rho = a
            .arming_correlation
            .map_or("undefined".to_string(), |x| format!("{x:.4}"));
        println!(
            "\nallies of bloc `{}`: both arm {:.4} of turns, one arms while the other restrains {:.4}, arming correlation {rho}",
            a.bloc, a.joint_arming, a.buck_passing
        );
    }
}
