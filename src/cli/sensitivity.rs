//! `dilemma sensitivity`: how much an outcome of the model moves with each
//! parameter, one at a time (tornado) and by Morris's elementary effects.

use super::figure_args::FigureArgs;
use super::game::parse_params;
use anyhow::{Context, Result};
use clap::Args;
use dilemma::figure;
use dilemma::figure::FigureOptions;
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::sensitivity::{
    run_sensitivity, ParameterRange, Sensitivity, SensitivityConfig, SensitivityManifest,
    SensitivityRequest,
};
use dilemma::strategy::Registry;
use dilemma::sweep;
use dilemma::tournament::output::write_atomic;
use dilemma::tournament::TournamentConfig;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `dilemma sensitivity`.
#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// A parameter to vary and its range, NAME=LOW:HIGH; repeatable. Default:
    /// offence 0:1, differentiation 0:1, and stakes, arms_cost,
    /// cooperation_value, war_cost, base_defence and max_misperception at
    /// ±50% of their defaults.
    #[arg(long = "range", value_name = "NAME=LOW:HIGH")]
    pub ranges: Vec<String>,
    /// A fixed base parameter, NAME=VALUE (as `tournament --param`); repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// The outcome: restraint, evolved-restraint, spiral-share or share:NAME.
    #[arg(long, default_value = "restraint")]
    pub outcome: String,
    /// Morris trajectories (0: one-at-a-time only).
    #[arg(long, default_value_t = 20)]
    pub morris: usize,
    /// Morris grid levels (even).
    #[arg(long, default_value_t = 4)]
    pub levels: usize,
    /// Generations of the ecological simulation at each point (default: 1000
    /// for outcomes after evolution, else none).
    #[arg(long)]
    pub ecological: Option<usize>,
    /// Players, comma separated; repeatable. Default: the security-dilemma field.
    #[arg(long)]
    pub players: Vec<String>,
    /// Turns per match.
    #[arg(long, default_value_t = 100)]
    pub turns: u64,
    /// Repetitions per point.
    #[arg(long, default_value_t = 5)]
    pub repetitions: u32,
    /// Action noise.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// Seed of the tournaments (the same at every point: common random numbers).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Seed of the Morris design.
    #[arg(long, default_value_t = 0)]
    pub design_seed: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Output folder.
    /// Columns of every table: docs/data-dictionary.md.
    #[arg(long, default_value = "results/sensitivity")]
    pub out: PathBuf,
    /// Figures (the tornado and the Morris screening).
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// Parses `NAME=LOW:HIGH`.
fn parse_range(spec: &str) -> Result<ParameterRange> {
    let bad = || format!("--range `{spec}`: expected NAME=LOW:HIGH, e.g. stakes=2:6");
    let (name, range) = spec.split_once('=').with_context(bad)?;
    let (low, high) = range.split_once(':').with_context(bad)?;
    let number = |s: &str| s.trim().parse::<f64>().with_context(bad);
    Ok(ParameterRange {
        parameter: name.trim().to_string(),
        low: number(low)?,
        high: number(high)?,
    })
}

/// Runs `dilemma sensitivity`.
pub fn run(args: SensitivityArgs) -> Result<()> {
    let figures = args.figures.options()?;
    let request = SensitivityRequest {
        ranges: args
            .ranges
            .iter()
            .map(|r| parse_range(r))
            .collect::<Result<_>>()?,
        outcome: args.outcome.clone(),
        morris: args.morris,
        levels: args.levels,
        design_seed: args.design_seed,
        ecological: args.ecological,
    };
    let config = request.config()?;
    let mut base = sweep::jervis_base();
    if !args.players.is_empty() {
        base.players = super::tournament::player_specs(&args.players, &Registry::builtin(), false)?;
    }
    base.turns = args.turns;
    base.repetitions = args.repetitions;
    base.noise = args.noise;
    base.seed = args.seed;
    let base = sweep::configure(&base, &parse_params(&args.params)?)?;
    base.validate()?;
    let folder = OutputFolder::begin(&args.out, Commit::Replace)?;
    run_and_write(
        &base,
        &config,
        &Registry::builtin(),
        folder.path(),
        args.threads,
        figures.as_ref(),
    )?;
    args.figures.write_tables(folder.path())?;
    folder.commit()?;
    println!("\nwrote {}/", args.out.display());
    Ok(())
}

/// Runs a sensitivity analysis around `base` with a progress bar, writes
/// its tables, manifest and (with `figures`) figures into `dir`, prints it
/// and returns it. `dilemma sensitivity` and experiment files'
/// `[sensitivity]` tables both run through here.
pub fn run_and_write(
    base: &TournamentConfig,
    config: &SensitivityConfig,
    registry: &Registry,
    dir: &Path,
    threads: Option<usize>,
    figures: Option<&FigureOptions>,
) -> Result<Sensitivity> {
    base.validate()?;
    config.validate()?;
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} points {elapsed} (eta {eta})")
            .expect("valid template"),
    );
    let started = Instant::now();
    let pool = dilemma::parallel::pool(threads)?;
    let result = pool.install(|| {
        run_sensitivity(base, config, registry, &|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
    })?;
    bar.finish_and_clear();
    eprintln!(
        "{} points in {:.2} s",
        1 + 2 * config.ranges.len() + config.trajectories * (config.ranges.len() + 1),
        started.elapsed().as_secs_f64()
    );
    write_atomic(
        &dir.join("one_at_a_time.csv"),
        result.one_at_a_time_csv().as_bytes(),
    )?;
    if let Some(morris) = result.morris_csv() {
        write_atomic(&dir.join("morris.csv"), morris.as_bytes())?;
    }
    write_atomic(
        &dir.join("sensitivity.json"),
        serde_json::to_string_pretty(&result)?.as_bytes(),
    )?;
    let manifest = SensitivityManifest::new(base, config);
    write_atomic(
        &dir.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)?.as_bytes(),
    )?;
    if let Some(options) = figures {
        let mut set = vec![figure::sensitivity::tornado_figure(&result)?];
        set.extend(figure::sensitivity::morris_figure(&result)?);
        figure::write_figures(&set, dir, options)?;
    }
    print_result(&result);
    Ok(result)
}

/// Prints the one-at-a-time swings and the Morris screening.
fn print_result(s: &Sensitivity) {
    println!("{} at the base configuration: {:.4}", s.outcome, s.base);
    println!(
        "\n{:<24} {:>16} {:>12} {:>12} {:>10}",
        "parameter", "range", "at low", "at high", "swing"
    );
    for o in &s.one_at_a_time {
        println!(
            "{:<24} {:>16} {:>12.4} {:>12.4} {:>10.4}",
            o.range.parameter,
            format!("{}:{}", o.range.low, o.range.high),
            o.at_low,
            o.at_high,
            o.swing()
        );
    }
    if let Some(m) = &s.morris {
        let order = m.ranking();
        println!(
            "\nMorris elementary effects over {} trajectories (per unit of each range):",
            m.effects.first().map_or(0, Vec::len)
        );
        println!(
            "{:<24} {:>10} {:>10} {:>10}",
            "parameter", "mu*", "mu", "sigma"
        );
        for i in order {
            println!(
                "{:<24} {:>10.4} {:>10.4} {:>10.4}",
                s.parameters[i], m.mu_star[i], m.mu[i], m.sigma[i]
            );
        }
    }
}
