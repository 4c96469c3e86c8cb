//! `dilemma sweep`: one tournament per point of a parameter grid; the Jervis
//! plane by default.

use super::figure_args::FigureArgs;
use super::shards::{run_shards, ShardArgs, Source};
use anyhow::{bail, Context, Result};
use clap::Args;
use dilemma::figure::{self, FigureOptions, SweepFigureExtras};
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::replicates::{run_sweep_replicates, Interval, SweepBands, SweepReplicates};
use dilemma::shard::{Shard, Work};
use dilemma::strategy::Registry;
use dilemma::sweep::{self, Axis, SweepConfig, SweepManifest, SweepRow};
use dilemma::tournament::TournamentConfig;
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `dilemma sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// A grid axis: `NAME=FROM:TO:STEPS` or `NAME=V1,V2,...` (repeatable).
    /// Default: the Jervis plane, offence=0:1:11 and differentiation=0:1:11.
    #[arg(long = "axis", value_name = "SPEC")]
    pub axes: Vec<String>,
    /// Players, comma separated (names with commas kept whole); repeatable.
    /// Default: the security-dilemma field.
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
    /// Seed (the same at every point: common random numbers).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Independent replicates of the whole sweep (replicate k's seed is the
    /// same at every point): adds sweep_replicates.csv, sweep_intervals.csv
    /// (means with 95% t intervals) and, on the Jervis plane,
    /// world_differences.csv (paired differences between worlds).
    #[arg(long, default_value_t = 1)]
    pub replicates: u32,
    /// With --replicates, also write every replicate's full table
    /// (sweep_replicates.csv: replicates x points x strategies rows).
    #[arg(long)]
    pub replicate_rows: bool,
    /// Generations of the ecological simulation at each point (0 = none).
    #[arg(long, default_value_t = 0)]
    pub ecological: usize,
    /// Play the three-action security dilemma (R, A, defensive posture H) at
    /// every point (default offence axis 0 to 0.9: a defence costs
    /// c θ / (1 - θ)).
    #[arg(long)]
    pub three_action: bool,
    /// Also draw this player's own maps over the Jervis plane (share after
    /// evolution, median score); repeatable.
    #[arg(long = "strategy-map", value_name = "NAME")]
    pub strategy_maps: Vec<String>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Add the column `qre_restraint`: the row player's probability of
    /// restraint in the stage game's logit QRE at this precision λ (the
    /// principal branch's point; docs/model.md §17), beside the Nash
    /// equilibrium columns (`qre_lambda = L` in an experiment's [sweep]).
    #[arg(long, value_name = "L")]
    pub qre_lambda: Option<f64>,
    /// Output folder.
    /// Columns of every table: docs/data-dictionary.md.
    #[arg(long, default_value = "results/jervis-sweep")]
    pub out: PathBuf,
    /// Figures (heat maps over the Jervis plane, when the axes are offence and
    /// differentiation).
    #[command(flatten)]
    pub figures: FigureArgs,
    /// Shards (a Slurm job array, GNU parallel).
    #[command(flatten)]
    pub shards: ShardArgs,
}

/// What the shards of `dilemma sweep` share, and what its merge needs: the
/// base tournament and the grid.
#[derive(Debug, Serialize, Deserialize)]
pub struct SweepWork {
    /// The base tournament of every point.
    pub tournament: TournamentConfig,
    /// The grid.
    pub sweep: SweepConfig,
}

/// Parses `NAME=FROM:TO:STEPS` or `NAME=V1,V2,...`.
pub fn parse_axis(spec: &str) -> Result<Axis> {
    let (name, values) = spec.split_once('=').with_context(|| {
        format!("--axis `{spec}`: expected NAME=FROM:TO:STEPS or NAME=V1,V2,...")
    })?;
    let number = |s: &str| -> Result<f64> {
        s.trim()
            .parse()
            .with_context(|| format!("--axis `{spec}`: `{s}` is not a number"))
    };
    let parts: Vec<&str> = values.split(':').collect();
    Ok(match parts[..] {
        [from, to, steps] => Axis::range(
            name.trim(),
            number(from)?,
            number(to)?,
            steps.trim().parse().with_context(|| {
                format!("--axis `{spec}`: steps `{steps}` is not a whole number")
            })?,
        ),
        [list] => Axis::values(
            name.trim(),
            list.split(',').map(number).collect::<Result<_>>()?,
        ),
        _ => bail!("--axis `{spec}`: expected NAME=FROM:TO:STEPS or NAME=V1,V2,..."),
    })
}

/// Runs `dilemma sweep`.
pub fn run(args: SweepArgs) -> Result<()> {
    // The figure options are checked before any work.
    args.figures.options()?;
    let mut sweep_config = SweepConfig::jervis(11);
    if args.three_action {
        // A defence costs c θ / (1 - θ): the plane stops short of θ = 1.
        sweep_config.axes[0] = Axis::range("offence", 0.0, 0.9, 10);
    }
    if !args.axes.is_empty() {
        sweep_config.axes = args
            .axes
            .iter()
            .map(|a| parse_axis(a))
            .collect::<Result<_>>()?;
    }
    sweep_config.ecological_generations = args.ecological;
    sweep_config.strategy_maps = args.strategy_maps.clone();
    sweep_config.replicate_rows = args.replicate_rows;
    if let Some(l) = args.qre_lambda {
        if !(l.is_finite() && l >= 0.0) {
            bail!("--qre-lambda {l}: expected a finite precision >= 0");
        }
    }
    sweep_config.qre_lambda = args.qre_lambda;
    let mut base = sweep::jervis_base();
    if !args.players.is_empty() {
        base.players = super::tournament::player_specs(
            &args.players,
            &Registry::builtin(),
            args.three_action,
        )?;
    }
    base.turns = args.turns;
    base.repetitions = args.repetitions;
    base.noise = args.noise;
    base.seed = args.seed;
    base.replicates = args.replicates;
    base.three_action = args.three_action;
    let registry = Registry::builtin();
    if let Some(shards) = args.shards.plan()? {
        let work = SweepWork {
            tournament: base,
            sweep: sweep_config,
        };
        return run_sweep_shards(
            "sweep",
            &work,
            &work.tournament,
            &work.sweep,
            &registry,
            &args.out,
            &shards,
            args.threads,
        );
    }
    finish(
        &base,
        &sweep_config,
        &registry,
        &args.out,
        &args.figures,
        &Source::Play {
            threads: args.threads,
        },
    )
}

/// Runs (or, merging, reduces from shards) the sweep and writes its files
/// (tables in the formats of `figure_args`, and its figures) into the
/// output folder `out`.
pub fn finish(
    base: &TournamentConfig,
    sweep_config: &SweepConfig,
    registry: &Registry,
    out: &Path,
    figure_args: &FigureArgs,
    source: &Source,
) -> Result<()> {
    let figures = figure_args.options()?;
    let folder = OutputFolder::begin(out, Commit::Replace)?;
    run_and_write(
        base,
        sweep_config,
        registry,
        folder.path(),
        figures.as_ref(),
        source,
    )?;
    figure_args.write_tables(folder.path())?;
    folder.commit()?;
    println!("\nwrote {}/", out.display());
    Ok(())
}

/// Runs this process's `shards` of the sweep (`work`, of `kind`, holds
/// `base` and `sweep_config`) into `out`.
#[allow(clippy::too_many_arguments)]
pub fn run_sweep_shards<T: Serialize>(
    kind: &str,
    work: &T,
    base: &TournamentConfig,
    sweep_config: &SweepConfig,
    registry: &Registry,
    out: &Path,
    shards: &[Shard],
    threads: Option<usize>,
) -> Result<()> {
    // The checks of a whole run, before any shard runs.
    sweep::canonical_strategy_maps(base, sweep_config, registry)?;
    // Each shard checks the points of its own jobs (all of them before any
    // runs), the checks of a whole run shared out.
    let total = sweep::sweep_job_count(base, sweep_config)?;
    let pool = dilemma::parallel::pool(threads)?;
    run_shards(
        out,
        shards,
        &Work::new(kind, work, total),
        &mut |jobs, progress| {
            sweep::check_jobs(base, sweep_config, jobs)?;
            let progress = std::sync::Mutex::new(progress);
            let report = |done: usize| {
                if let Ok(mut p) = progress.lock() {
                    p(done)
                }
            };
            Ok(pool
                .install(|| sweep::run_sweep_jobs(base, sweep_config, registry, jobs, &report))?)
        },
    )
}

/// Runs a sweep with a progress bar (or, merging, reads its rows from the
/// shards) and writes `sweep.csv`, `manifest.json` and the figures into
/// `out` (a run's staging folder).
pub fn run_and_write(
    base: &TournamentConfig,
    sweep_config: &SweepConfig,
    registry: &Registry,
    out: &Path,
    figures: Option<&FigureOptions>,
    source: &Source,
) -> Result<Vec<SweepRow>> {
    let points = sweep_config.points()?;
    // Strategy maps name players as the table does.
    let sweep_config = sweep::canonical_strategy_maps(base, sweep_config, registry)?;
    let sweep_config = &sweep_config;
    let replicates = base.replicates.max(1) as usize;
    let bar = ProgressBar::new((points.len() * replicates) as u64).with_style(
        ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} points x replicates {elapsed} (eta {eta})",
        )
        .expect("valid template"),
    );
    let started = Instant::now();
    let replicated = match source {
        Source::Play { threads } => {
            let pool = dilemma::parallel::pool(*threads)?;
            pool.install(|| {
                run_sweep_replicates(base, sweep_config, registry, &|done| {
                    bar.set_position(done as u64)
                })
            })?
        }
        Source::Merge(set) => {
            let total = sweep::sweep_jobs(base, sweep_config)?;
            let rows = set.read_jobs::<SweepRow>()?;
            if rows.len() != total {
                bail!("the shards hold {} jobs, the sweep has {total}", rows.len());
            }
            let rows = sweep::assemble_replicates(base, rows);
            SweepReplicates {
                seeds: (0..rows.len() as u64)
                    .map(|k| dilemma::replicates::replicate_seed(base.seed, k))
                    .collect(),
                rows,
            }
        }
    };
    bar.finish_and_clear();
    eprintln!(
        "{} points x {} replicate(s) in {:.2} s",
        points.len(),
        replicates,
        started.elapsed().as_secs_f64()
    );
    let mut rows = replicated.rows[0].clone();
    if let Some(lambda) = sweep_config.qre_lambda {
        sweep::add_qre_restraint(&mut rows, base, lambda)?;
    }
    let bands = (replicates > 1 && figures.is_some()).then(|| SweepBands::of(&replicated));
    let manifest = SweepManifest::new(base, sweep_config);
    sweep::write_table(out, &rows)?;
    if replicates > 1 {
        replicated.write(out, sweep_config.replicate_rows)?;
    }
    manifest.write(out)?;
    let worlds = sweep::by_world(&rows, |r| r.field_cooperation);
    let spirals = sweep::by_world(&rows, |r| r.field_spiral_share);
    let evolved = sweep::by_world(&rows, |r| r.ecological_cooperation.unwrap_or(f64::NAN));
    println!("mean over the points of each Jervis world (boundary points excluded):");
    println!(
        "{:<58} {:>11} {:>12} {:>16}",
        "world", "restraint", "spiral share", "after evolution"
    );
    let names = [
        "1 doubly dangerous",
        "2 security dilemma, requirements may be compatible",
        "3 no security dilemma, aggression possible",
        "4 doubly stable",
    ];
    for k in 0..4 {
        let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
        let e = evolved[k].filter(|v| !v.is_nan());
        println!(
            "{:<58} {:>11} {:>12} {:>16}",
            names[k],
            f(worlds[k]),
            f(spirals[k]),
            f(e)
        );
    }
    if replicates > 1 {
        print_world_intervals(&replicated);
    }
    if let Some(options) = figures {
        let extras = SweepFigureExtras {
            bands: bands.as_ref(),
            color_range: options.color_range,
        };
        figure::write_figures(
            &figure::sweep_figure_set(&rows, Some(&manifest), extras)?,
            out,
            options,
        )?;
    }
    if let Some(note) = figure::data::sweep_shape(&rows).note() {
        eprintln!("{}: {note}", out.join(sweep::TABLE_FILE).display());
    }
    Ok(rows)
}

/// Prints each Jervis world's mean restraint over the replicates with its
/// 95% interval, and the paired differences between worlds.
fn print_world_intervals(replicated: &SweepReplicates) {
    let samples = replicated.world_samples(|r| Some(r.field_cooperation));
    println!(
        "\nrestraint over {} replicates (mean [95% t interval]; differences paired):",
        replicated.count()
    );
    for (w, sample) in samples.iter().enumerate() {
        if let Some(sample) = sample {
            let i = Interval::of(sample);
            println!(
                "  world {}: {:.4} [{:.4}, {:.4}]",
                w + 1,
                i.mean,
                i.low,
                i.high
            );
        }
    }
    for a in 0..4 {
        for b in a + 1..4 {
            if let (Some(x), Some(y)) = (&samples[a], &samples[b]) {
                let d = Interval::of_differences(x, y);
                println!(
                    "  world {} - world {}: {:+.4} [{:+.4}, {:+.4}]{}",
                    a + 1,
                    b + 1,
                    d.mean,
                    d.low,
                    d.high,
                    if d.excludes(0.0) {
                        ""
                    } else {
                        " (interval contains 0)"
                    }
                );
            }
        }
    }
}
