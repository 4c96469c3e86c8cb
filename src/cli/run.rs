//! `dilemma run experiment.toml`: an experiment file's tournament and
//! evolution, or its sweep.

use super::figure_args::FigureArgs;
use super::round_robin::{play_and_write as play, play_jobs, total_jobs};
use super::shards::{run_shards, ShardArgs, Source};
use super::tournament::{print_ranking, registry_with};
use anyhow::{Context, Result};
use clap::Args;
use dilemma::compare::{self, Comparison, ReplicatedComparison};
use dilemma::evolution::{
    self, Evolution, EvolutionConfig, EvolutionRecords, MoranSimulation, TournamentPayoffs,
};
use dilemma::experiment::Experiment;
use dilemma::figure::{self, FigureOptions};
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::posture::Posture;
use dilemma::shard::{Shard, Work};
use dilemma::strategy::Registry;
use dilemma::tournament::output::StrategyFile;
use dilemma::tournament::{expand_all_players, GameKind, TournamentConfig};
use dilemma::Action;
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Arguments of `dilemma run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The experiment file (TOML with [tournament] and optionally
    /// [evolution], [sweep], [compare] or [sensitivity]; or [groups] alone,
    /// with [groups.evolution] for an evolution of groups).
    pub experiment: PathBuf,
    /// Output folder (default: the experiment file's folder).
    /// Columns of every table: docs/data-dictionary.md.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Figures.
    #[command(flatten)]
    pub figures: FigureArgs,
    /// Shards (a Slurm job array, GNU parallel): the tournament's or the
    /// sweep's jobs; the merge runs the evolution stage.
    #[command(flatten)]
    pub shards: ShardArgs,
}

/// What the shards of an experiment share, and what its merge needs: the
/// experiment (names as the tables print them), its tournament with the
/// game's file contents, and the strategy files' text.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExperimentWork {
    /// The experiment.
    pub experiment: Experiment,
    /// Its tournament, the game's file contents included.
    pub config: TournamentConfig,
    /// The strategy files it loaded.
    pub strategy_files: Vec<StrategyFile>,
}

/// Runs `dilemma run`.
pub fn run(args: RunArgs) -> Result<()> {
    // The figure options are checked before any work.
    args.figures.options()?;
    let mut experiment = Experiment::read(&args.experiment)?;
    let base = match args.experiment.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out = args.out.clone().unwrap_or_else(|| base.clone());
    if let Some(mut groups) = experiment.groups.take() {
        if !experiment.strategies.is_empty() {
            anyhow::bail!(
                "the top-level `strategies` are two-player strategy files: give group strategy files as `strategies` in [groups]"
            );
        }
        let files = super::tournament::read_strategy_files(&groups.strategies)?;
        groups.config.strategy_files.extend(files);
        if args.shards.plan()?.is_some() {
            anyhow::bail!(
                "a [groups] experiment runs in one process: give it without --shard (or with --no-shard in a Slurm array)"
            );
        }
        return super::groups::run_groups(
            groups.config,
            groups.evolution,
            &out,
            args.threads,
            &args.figures,
        );
    }
    // `Experiment::read` resolved the strategy files against the experiment's folder.
    let (registry, kept) = registry_with(&experiment.strategies)?;
    if let Some(t) = experiment.tournament.as_mut() {
        let natives = super::tournament::native_names(t.three_action);
        t.players = expand_all_players(std::mem::take(&mut t.players), &registry, &natives);
    }
    let config = experiment
        .tournament
        .clone()
        .context("the experiment has no [tournament]")?
        .with_game_contents()?;
    experiment.canonicalise_names(|n| registry.create(n).ok().map(|s| s.name().to_string()));
    if experiment.sweep.is_none() {
        experiment.check_names(&super::tournament::player_names(&config, &registry)?)?;
        let plays = |e: &EvolutionConfig| {
            e.moran
                .iter()
                .any(|m| m.play_matches || m.outcome_samples.is_some())
        };
        if config.three_action && experiment.evolution.as_ref().is_some_and(plays) {
            anyhow::bail!(
                "[evolution.moran] play_matches and outcome_samples apply to two-action tournaments, not to three_action = true"
            );
        }
        if config.three_action && experiment.compare.is_some() {
            anyhow::bail!(
                "[compare] applies to two-action tournaments, not to three_action = true"
            );
        }
    }
    if let Some(shards) = args.shards.plan()? {
        if experiment.sensitivity.is_some() {
            anyhow::bail!(
                "a [sensitivity] experiment runs in one process: give it without --shard (or with --no-shard in a Slurm array)"
            );
        }
        let work = ExperimentWork {
            experiment,
            config,
            strategy_files: kept,
        };
        return run_experiment_shards(&work, &registry, &out, &shards, args.threads);
    }
    finish(
        &experiment,
        config,
        &registry,
        kept,
        &out,
        &args.figures,
        &Source::Play {
            threads: args.threads,
        },
    )
}

/// Runs this process's `shards` of the experiment into `out`: its sweep's
/// jobs, or its tournament's.
fn run_experiment_shards(
    work: &ExperimentWork,
    registry: &Registry,
    out: &Path,
    shards: &[Shard],
    threads: Option<usize>,
) -> Result<()> {
    let config = &work.config;
    if let Some(sweep) = &work.experiment.sweep {
        return super::sweep::run_sweep_shards(
            "experiment",
            work,
            config,
            sweep,
            registry,
            out,
            shards,
            threads,
        );
    }
    if config.game_kind() == GameKind::ThreeAction {
        let total = total_jobs::<Posture, 3, 9>(config, registry)?;
        run_shards(
            out,
            shards,
            &Work::new("experiment", work, total),
            &mut |jobs, progress| {
                play_jobs::<Posture, 3, 9>(config, registry, jobs, threads, progress)
            },
        )
    } else {
        let total = total_jobs::<Action, 2, 4>(config, registry)?;
        run_shards(
            out,
            shards,
            &Work::new("experiment", work, total),
            &mut |jobs, progress| {
                play_jobs::<Action, 2, 4>(config, registry, jobs, threads, progress)
            },
        )
    }
}

/// Runs (or, merging, reduces from shards) the experiment's tournament and
/// evolution, or its sweep, and writes its files into the output folder
/// `out`.
pub fn finish(
    experiment: &Experiment,
    config: TournamentConfig,
    registry: &Registry,
    kept: Vec<StrategyFile>,
    out: &Path,
    figure_args: &FigureArgs,
    source: &Source,
) -> Result<()> {
    let figures = figure_args.options()?;
    let figures = figures.as_ref();
    let folder = OutputFolder::begin(out, Commit::Replace)?;
    if let Some(request) = &experiment.sensitivity {
        let sensitivity = request.config()?;
        super::sensitivity::run_and_write(
            &config,
            &sensitivity,
            registry,
            folder.path(),
            source.threads(),
            figures,
        )?;
        figure_args.write_tables(folder.path())?;
        folder.commit()?;
        println!("\nwrote {}/", out.display());
        return Ok(());
    }
    if let Some(sweep) = &experiment.sweep {
        super::sweep::run_and_write(&config, sweep, registry, folder.path(), figures, source)?;
        figure_args.write_tables(folder.path())?;
        folder.commit()?;
        println!("\nwrote {}/", out.display());
        return Ok(());
    }
    let dir = folder.path();
    // The evolution stage runs on the same bounded pool as the tournament.
    let pool = dilemma::parallel::pool(source.threads())?;
    if config.game_kind() == GameKind::ThreeAction {
        let (results, replicates) =
            play::<Posture, 3, 9>(config, registry, kept, dir, source, false)?;
        super::posture::print_ranking(&results);
        if let Some(r) = &replicates {
            super::round_robin::print_intervals(r);
        }
        let tournament = TournamentPayoffs::new(
            &results.players,
            &results.statistics.payoff_matrix,
            results.config.expected_turns(),
        );
        let evolution = (experiment.evolution.as_ref())
            .map(|evo| pool.install(|| evolve_and_write(&tournament, evo, dir)))
            .transpose()?;
        if let Some(options) = figures {
            figure::posture_figures(&results, dir, options)?;
            write_evolution_figures(evolution.as_ref(), dir, options)?;
        }
        super::round_robin::draw_replicate_figures(replicates.as_ref(), folder.path(), figures)?;
        figure_args.write_tables(folder.path())?;
        folder.commit()?;
        println!("\nwrote {}/", out.display());
        return Ok(());
    }
    let (results, replicates) = play::<Action, 2, 4>(config, registry, kept, dir, source, false)?;
    print_ranking(&results);
    if let Some(r) = &replicates {
        super::round_robin::print_intervals(r);
    }
    let mut replicated_comparison = None;
    if let Some(table) = &experiment.compare {
        let c = compare::compare(&results, table)?;
        c.write(dir)?;
        print_comparison(&c);
        if let Some(r) = &replicates {
            let turns = results.config.turns as usize;
            let c = compare::compare_replicates(r, table, turns, results.config.seed)?;
            c.write(dir)?;
            print_replicated_comparison(&c);
            let unit = match table.score {
                compare::ScoreRule::MatchScoreWithTwin => format!("Score per {turns}-move game"),
                compare::ScoreRule::MedianPerTurn => "Median payoff per turn".to_string(),
            };
            replicated_comparison = Some((c, unit));
        }
    }
    let tournament = TournamentPayoffs::new(
        &results.players,
        &results.statistics.payoff_matrix,
        results.config.expected_turns(),
    )
    .with_matches(&results.config, registry);
    let evolution = (experiment.evolution.as_ref())
        .map(|evo| pool.install(|| evolve_and_write(&tournament, evo, dir)))
        .transpose()?;
    if let Some(options) = figures {
        figure::tournament_figures(&results, dir, options)?;
        write_evolution_figures(evolution.as_ref(), dir, options)?;
        if let Some((c, unit)) = &replicated_comparison {
            figure::intervals::comparison_figure(c, unit)?.write(dir, options)?;
        }
    }
    super::round_robin::draw_replicate_figures(replicates.as_ref(), folder.path(), figures)?;
    figure_args.write_tables(folder.path())?;
    folder.commit()?;
    println!("\nwrote {}/", out.display());
    Ok(())
}

/// Prints a comparison with a published table.
fn print_comparison(c: &Comparison) {
    println!(
        "\n{:<28} {:>10} {:>10} {:>6} {:>6}",
        "published entry", "published", "here", "rank", "here"
    );
    for r in &c.rows {
        println!(
            "{:<28} {:>10.1} {:>10.1} {:>6} {:>6}",
            r.label, r.published, r.ours, r.published_rank, r.our_rank
        );
    }
    println!("Spearman rank correlation: {:.3}", c.spearman);
}

/// Prints a comparison over replicates: each entry's reproduced mean and
/// interval, and the rank correlation with its bootstrap interval.
fn print_replicated_comparison(c: &ReplicatedComparison) {
    println!(
        "\nover {} replicates:\n{:<28} {:>10} {:>28}",
        c.replicates, "published entry", "published", "here (mean [95% CI])"
    );
    for r in &c.rows {
        let o = &r.ours;
        println!(
            "{:<28} {:>10.1} {:>28}",
            r.label,
            r.published,
            format!("{:.1} [{:.1}, {:.1}]", o.mean, o.low, o.high)
        );
    }
    let (lo, hi) = c.spearman_bootstrap;
    println!(
        "Spearman rank correlation of the means: {:.3} [{lo:.3}, {hi:.3}] (bootstrap, {} resamples)",
        c.spearman, c.resamples
    );
}

/// The experiment's `[evolution]` on a tournament's payoffs (with a spinner
/// naming the Moran process under way): writes `ecological.csv` and
/// `moran.json` into `out`, prints what it found and returns its records.
fn evolve_and_write(
    tournament: &TournamentPayoffs,
    evo: &EvolutionConfig,
    out: &Path,
) -> Result<EvolutionRecords> {
    let spinner = ProgressBar::new_spinner().with_message(format!(
        "ecological simulation, {} generations",
        evo.generations
    ));
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let evolution = evolution::evolve(tournament, evo, &mut |m| {
        spinner.set_message(format!(
            "Moran: {} invading {}, {} runs{}",
            m.mutant,
            m.resident,
            m.runs,
            if m.play_matches {
                ", matches played every step"
            } else if m.outcome_samples.is_some() {
                ", outcomes sampled"
            } else {
                ""
            }
        ))
    });
    spinner.finish_and_clear();
    let evolution = evolution?;
    evolution.records.write(out)?;
    print_evolution(&evolution, evo.generations);
    Ok(evolution.records)
}

/// Prints the payoff shift, the ecological simulation's final shares (largest
/// first) and each Moran process's fixation probabilities.
fn print_evolution(evolution: &Evolution, generations: usize) {
    if evolution.shift < 0.0 {
        println!(
            "\necological simulation on payoffs shifted up by {:.4} (the game has negative payoffs)",
            -evolution.shift
        );
    }
    if let Some(table) = &evolution.records.ecological {
        println!("\necological simulation, {generations} generations; final shares:");
        let last = table.final_shares();
        let mut order: Vec<usize> = (0..last.len()).collect();
        order.sort_by(|&a, &b| last[b].total_cmp(&last[a]));
        for i in order {
            println!("  {:<32} {:.4}", table.players[i], last[i]);
        }
    }
    for r in &evolution.records.moran {
        let how = match r.simulation {
            MoranSimulation::MatchesPlayed => ", matches played every step",
            MoranSimulation::SampledOutcomes => ", outcomes sampled (approximate process)",
            MoranSimulation::MeanPayoffs => "",
        };
        let mut variant = Vec::new();
        if !r.mode.is_birth_death() {
            variant.push("death-birth".to_string());
        }
        if r.mutation_rate > 0.0 {
            variant.push(format!("mutation rate {}", r.mutation_rate));
        }
        if let Some(g) = &r.interaction_graph {
            variant.push(format!("interaction graph {g}"));
        }
        if let Some(g) = &r.reproduction_graph {
            variant.push(format!("reproduction graph {g}"));
        }
        let variant: String = variant.iter().map(|v| format!(", {v}")).collect();
        print!(
            "\nMoran: {} invading {} (N = {}, {} mutant(s){variant}): ",
            r.mutant, r.resident, r.population, r.mutants,
        );
        if let Some(x) = r.exact_fixation_probability {
            print!("fixation {x:.4} exact, ");
        }
        if let Some(s) = &r.simulated {
            print!(
                "{:.4} ± {:.4} simulated ({} runs{how}); ",
                s.probability, s.standard_error, s.runs
            );
        }
        if let Some(c) = &r.composition {
            print!(
                "time-average share of {} {:.4} ± {:.4} ({} runs of {} steps{how}); ",
                r.mutant, c.mean_shares[0], c.standard_errors[0], c.runs, c.steps
            );
        }
        println!("neutral {:.4}", r.neutral_fixation_probability);
    }
}

/// Draws the ecological and Moran figures of the evolution stage, if it ran.
fn write_evolution_figures(
    evolution: Option<&EvolutionRecords>,
    dir: &Path,
    options: &FigureOptions,
) -> Result<()> {
    if let Some(records) = evolution {
        figure::write_figures(&figure::evolution_figure_set(records)?, dir, options)?;
    }
    Ok(())
}
