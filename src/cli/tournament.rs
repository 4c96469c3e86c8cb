//! `dilemma tournament`: a round robin, its tables and its ranking.

use super::figure_args::FigureArgs;
use super::game::parse_params;
use super::report::print_groups;
use super::round_robin::{play_and_write, play_jobs, total_jobs};
use super::shards::{run_shards, ShardArgs, Source};
use anyhow::{Context, Result};
use clap::Args;
use dilemma::figure;
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::posture::Posture;
use dilemma::shard::{Shard, Work};
use dilemma::strategy::Registry;
use dilemma::tournament::output::{Manifest, StrategyFile};
use dilemma::tournament::{
    expand_all_players, spatial, GameKind, GameSpec, PlayerSpec, Tournament, TournamentConfig,
    TournamentResults, ALL_PLAYERS,
};
use dilemma::Action;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `dilemma tournament`.
#[derive(Debug, Args)]
pub struct TournamentArgs {
    /// Players, comma separated (see `dilemma strategies`; names that
    /// contain commas, such as `Omega TFT: 3, 8`, are kept whole); repeatable.
    /// `SIDE=NAMES` puts the players into a side (see --side), e.g.
    /// `--players "weak=Tit For Tat,Grudger"`. `all` stands for every
    /// strategy `dilemma strategies` lists (plus loaded strategy files): the
    /// full-library tournament is `--players all`. Default: a built-in field
    /// of 20 well-known strategies.
    #[arg(long = "players", value_name = "[SIDE=]NAMES")]
    pub players: Vec<String>,
    /// A side (state or bloc) and its own security-game parameters, e.g.
    /// `--side weak:power=0.3,paranoia=0.1` (keys: power, offence,
    /// base_defence, differentiation, paranoia, threat_inflation,
    /// relative_gains, greed; unset ones take the game's); repeatable. Put
    /// players into it with `--players weak=NAMES`. A pair of players of two
    /// sides plays the game between them, each in its own side's role.
    #[arg(long = "side", value_name = "NAME[:K=V,...]")]
    pub sides: Vec<String>,
    /// The stage game: a catalogue name (see `dilemma game list`), `security`
    /// (the security dilemma; set its parameters with --param, e.g.
    /// `--param offence=0.7`) or a `.nfg` file.
    #[arg(long, default_value = "prisoners_dilemma")]
    pub game: String,
    /// Override a game parameter, e.g. `--param T=6` or `--param
    /// differentiation=0.9` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Play the three-action security dilemma (restrain, arm, defensive
    /// posture H); needs `--game security`. Adds the strategies that use H
    /// (Non-Offensive Defender, Always Defend); two-action strategies read an
    /// H as restraint.
    #[arg(long)]
    pub three_action: bool,
    /// Turns per match (announced to the strategies).
    #[arg(long, default_value_t = 200)]
    pub turns: u64,
    /// Instead of fixed turns, go on after each turn with this probability.
    #[arg(long, conflicts_with = "turns")]
    pub continuation: Option<f64>,
    /// Repetitions of every match.
    #[arg(long, default_value_t = 10)]
    pub repetitions: u32,
    /// A spatial tournament: only the pairs listed in FILE play, one edge
    /// per line as two player indices from 0 in --players order (`0 1`;
    /// `#` starts a comment; `i i` is i's self-play). Every player must be
    /// on an edge.
    #[arg(long, value_name = "FILE", conflicts_with = "lattice")]
    pub edges: Option<PathBuf>,
    /// A spatial tournament on a ROWSxCOLS lattice wrapped into a torus:
    /// the players, row by row, meet their four neighbours (no self-play).
    /// ROWS x COLS must equal the number of players, e.g. `--lattice 4x5`
    /// for 20.
    #[arg(long, value_name = "ROWSxCOLS")]
    pub lattice: Option<String>,
    /// Independent replicates of the whole tournament, each with its own
    /// seed: adds replicates.csv, intervals.csv (means with 95% t intervals)
    /// and differences.csv (paired score differences of every pair).
    #[arg(long, default_value_t = 1)]
    pub replicates: u32,
    /// Action noise: probability that a move flips.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// Perception noise: probability that a player misreads a move of its opponent.
    #[arg(long, default_value_t = 0.0)]
    pub perception_noise: f64,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// The run's name: results go to `results/<name>/` unless `--out` is given.
    #[arg(long, default_value = "tournament")]
    pub name: String,
    /// Output folder.
    /// Columns of every table: docs/data-dictionary.md.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write every match's moves to `interactions.csv`.
    #[arg(long)]
    pub interactions: bool,
    /// Extra strategy definitions (TOML); repeatable.
    #[arg(long = "strategies", value_name = "FILE")]
    pub strategy_files: Vec<PathBuf>,
    /// Re-run the configuration of a `manifest.json`, bit for bit (other
    /// options except --out, --threads, --interactions and the figure options
    /// are ignored).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Figures.
    #[command(flatten)]
    pub figures: FigureArgs,
    /// Shards (a Slurm job array, GNU parallel).
    #[command(flatten)]
    pub shards: ShardArgs,
}

/// What the shards of a tournament share, and what its merge needs: the
/// configuration and the strategy files' text.
#[derive(Debug, Serialize, Deserialize)]
pub struct TournamentWork {
    /// The tournament (the game's file contents included).
    pub config: TournamentConfig,
    /// The strategy files the run loaded.
    pub strategy_files: Vec<StrategyFile>,
}

/// The registry of the builtin strategies and the kept strategy files' text.
pub fn registry_of(files: &[StrategyFile]) -> Result<Registry> {
    let mut registry = Registry::builtin();
    for f in files {
        registry.load_str(&f.contents, &f.path)?;
    }
    Ok(registry)
}

/// Loads user strategy files into a registry, keeping their text for the manifest.
pub fn registry_with(files: &[PathBuf]) -> Result<(Registry, Vec<StrategyFile>)> {
    let mut registry = Registry::builtin();
    let kept = read_strategy_files(files)?;
    for f in &kept {
        registry.load_str(&f.contents, &f.path)?;
    }
    Ok((registry, kept))
}

/// Reads strategy files (two-player or group), keeping their path and text
/// for the manifest.
pub fn read_strategy_files(files: &[PathBuf]) -> Result<Vec<StrategyFile>> {
    files
        .iter()
        .map(|path| {
            let contents = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read strategy file {}", path.display()))?;
            Ok(StrategyFile {
                path: path.display().to_string(),
                contents,
            })
        })
        .collect()
}

fn game_spec(game: &str, params: &[String]) -> Result<GameSpec> {
    if game == "security" {
        let mut parameters = dilemma::game::SecurityDilemma::default();
        for (k, v) in parse_params(params)? {
            parameters.set(&k, v)?;
        }
        parameters.validate()?;
        return Ok(GameSpec::Security { parameters });
    }
    if game.ends_with(".nfg") {
        if !params.is_empty() {
            anyhow::bail!("--param applies to catalogue games, not to the file `{game}`");
        }
        return Ok(GameSpec::Nfg {
            path: game.into(),
            contents: None,
        });
    }
    Ok(GameSpec::Catalogue {
        name: game.to_string(),
        params: parse_params(params)?
            .into_iter()
            .collect::<BTreeMap<_, _>>(),
    })
}

/// Runs `dilemma tournament`.
pub fn run(args: TournamentArgs) -> Result<()> {
    // The figure options are checked before any work.
    args.figures.options()?;
    let (config, registry, files) = match &args.manifest {
        Some(path) => {
            let manifest = Manifest::read(path)?;
            let registry = manifest.registry()?;
            (manifest.config, registry, manifest.strategy_files)
        }
        None => {
            let (registry, files) = registry_with(&args.strategy_files)?;
            let defaults = TournamentConfig::default();
            // With --side flags every side of --players must be one of them
            // (TournamentConfig::validate refuses an unknown side); without,
            // `--players SIDE=...` labels are sides with no values of their own.
            let sides = super::sides::parse_sides(&args.sides)?;
            let players = if args.players.is_empty() {
                defaults.players
            } else {
                player_specs(&args.players, &registry, args.three_action)?
            };
            let config = TournamentConfig {
                name: args.name.clone(),
                players,
                sides,
                game: game_spec(&args.game, &args.params)?,
                turns: args.turns,
                continuation: args.continuation,
                repetitions: args.repetitions,
                replicates: args.replicates,
                noise: args.noise,
                perception_noise: args.perception_noise,
                seed: args.seed,
                out_group_game: None,
                out_group_perception_noise: None,
                three_action: args.three_action,
                edges: None,
            };
            let edges = spatial_edges(&args, config.players.len())?;
            let config = TournamentConfig { edges, ..config };
            (config.with_game_contents()?, registry, files)
        }
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(&config.name));
    // Everything is checked before the output folder is touched.
    player_names(&config, &registry)?;
    if config.replicates > 1 && args.interactions {
        anyhow::bail!("--interactions records one run's moves: give it without --replicates");
    }
    if let Some(shards) = args.shards.plan()? {
        if args.interactions {
            anyhow::bail!("--interactions records one run's moves: give it without --shard");
        }
        return run_tournament_shards(config, &registry, files, &out, &shards, args.threads);
    }
    finish(
        config,
        &registry,
        files,
        &out,
        &args.figures,
        &Source::Play {
            threads: args.threads,
        },
        args.interactions,
    )
}

/// Runs this process's `shards` of the tournament `config` into `out`.
fn run_tournament_shards(
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    out: &Path,
    shards: &[Shard],
    threads: Option<usize>,
) -> Result<()> {
    let three = config.game_kind() == GameKind::ThreeAction;
    let total = if three {
        total_jobs::<Posture, 3, 9>(&config, registry)?
    } else {
        total_jobs::<Action, 2, 4>(&config, registry)?
    };
    let work = TournamentWork {
        config,
        strategy_files: files,
    };
    let w = Work::new("tournament", &work, total);
    if three {
        run_shards(out, shards, &w, &mut |jobs, progress| {
            play_jobs::<Posture, 3, 9>(&work.config, registry, jobs, threads, progress)
        })
    } else {
        run_shards(out, shards, &w, &mut |jobs, progress| {
            play_jobs::<Action, 2, 4>(&work.config, registry, jobs, threads, progress)
        })
    }
}

/// Plays (or, merging, reduces from shards) the tournament `config` and
/// writes its files, figures included, into the output folder `out`, then
/// prints its ranking.
#[allow(clippy::too_many_arguments)]
pub fn finish(
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    out: &Path,
    figure_args: &FigureArgs,
    source: &Source,
    interactions: bool,
) -> Result<()> {
    let figures = figure_args.options()?;
    let figures = figures.as_ref();
    let config_replicates = config.replicates;
    let folder = OutputFolder::begin(out, Commit::Replace)?;
    let dir = folder.path();
    if config.game_kind() == GameKind::ThreeAction {
        let (results, replicates) =
            play_and_write::<Posture, 3, 9>(config, registry, files, dir, source, interactions)?;
        if let Some(options) = figures {
            figure::posture_figures(&results, dir, options)?;
        }
        super::round_robin::draw_replicate_figures(replicates.as_ref(), folder.path(), figures)?;
        figure_args.write_tables(folder.path())?;
        folder.commit()?;
        super::posture::print_ranking(&results);
        if let Some(r) = &replicates {
            super::round_robin::print_intervals(r);
        }
    } else {
        let (results, replicates) =
            play_and_write::<Action, 2, 4>(config, registry, files, dir, source, interactions)?;
        if let Some(options) = figures {
            figure::tournament_figures(&results, dir, options)?;
        }
        super::round_robin::draw_replicate_figures(replicates.as_ref(), folder.path(), figures)?;
        figure_args.write_tables(folder.path())?;
        folder.commit()?;
        print_ranking(&results);
        if let Some(r) = &replicates {
            super::round_robin::print_intervals(r);
        }
    }
    println!(
        "\nwrote {}/ (summary.csv, payoff_matrix.csv, results.json, manifest.json{}{}{})",
        out.display(),
        if config_replicates > 1 {
            ", replicates.csv, intervals.csv, differences.csv"
        } else {
            ""
        },
        if interactions {
            ", interactions.csv"
        } else {
            ""
        },
        if figures.is_some() { ", figures" } else { "" }
    );
    Ok(())
}

/// The players of `--players` lists: each list split at the commas that
/// separate names (not those inside a name), checked against `registry`
/// and, for the three-action game, its own strategies; a list
/// `SIDE=NAMES` puts its players into that side, and the name `all` stands
/// for every strategy of the library ([`expand_all_players`]).
pub fn player_specs(
    lists: &[String],
    registry: &Registry,
    three_action: bool,
) -> Result<Vec<PlayerSpec>> {
    let natives = native_names(three_action);
    let native = |name: &str| {
        name.eq_ignore_ascii_case(ALL_PLAYERS)
            || natives.iter().any(|n| n.eq_ignore_ascii_case(name))
    };
    let mut players = Vec::new();
    for list in lists {
        let (side, names) = super::sides::split_side(list);
        for name in dilemma::strategy::split_player_list_with(names, registry, native)? {
            players.push(match side {
                None => PlayerSpec::Name(name),
                Some(side) => PlayerSpec::Detailed {
                    strategy: name,
                    side: Some(side.to_string()),
                    perception_noise: None,
                    paranoia: None,
                    out_group_paranoia: None,
                },
            });
        }
    }
    Ok(expand_all_players(players, registry, &natives))
}

/// The edges of `--edges FILE` or `--lattice ROWSxCOLS` among `players`
/// players, if either is given.
fn spatial_edges(args: &TournamentArgs, players: usize) -> Result<Option<Vec<[usize; 2]>>> {
    if let Some(path) = &args.edges {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the edge file {}", path.display()))?;
        return Ok(Some(spatial::parse_edges(
            &text,
            &path.display().to_string(),
        )?));
    }
    let Some(spec) = &args.lattice else {
        return Ok(None);
    };
    let (rows, cols) = spatial::parse_lattice(spec)?;
    if rows.checked_mul(cols) != Some(players) {
        anyhow::bail!(
            "--lattice {spec} does not have one place per player ({players}): make ROWS x COLS equal the number of players"
        );
    }
    Ok(Some(spatial::lattice_edges(rows, cols)?))
}

/// The three-action game's own strategies when `three_action`, else none.
pub fn native_names(three_action: bool) -> Vec<&'static str> {
    if three_action {
        dilemma::posture::native_strategies()
            .iter()
            .map(|s| s.name)
            .collect()
    } else {
        Vec::new()
    }
}

/// The players' names as the tables will show them; builds the
/// tournament (two- or three-action) and so checks the configuration and
/// the strategies without playing anything.
pub fn player_names(config: &TournamentConfig, registry: &Registry) -> Result<Vec<String>> {
    Ok(if config.game_kind() == GameKind::ThreeAction {
        dilemma::posture::PostureTournament::new(config.clone(), registry)?
            .names()
            .to_vec()
    } else {
        Tournament::new(config.clone(), registry)?.names().to_vec()
    })
}

/// Prints the ranking and, when players have groups, each group's in-group
/// and out-group restraint and payoff.
pub fn print_ranking(results: &TournamentResults) {
    println!(
        "{:>4}  {:<32} {:>12} {:>12} {:>6}",
        "rank", "strategy", "median score", "cooperation", "wins"
    );
    for row in &results.statistics.summary {
        println!(
            "{:>4}  {:<32} {:>12.4} {:>12.4} {:>6}",
            row.rank + 1,
            row.name,
            row.median_score,
            row.cooperation_rating,
            row.wins
        );
    }
    if let Some(groups) = &results.groups {
        print_groups(groups, "coop.");
    }
}
