//! A round robin from the command line: played with a progress bar, its
//! files written into a run's staging folder. Written once for both move
//! alphabets (`dilemma tournament`, `dilemma run`, with or without
//! `--three-action`), with or without replicates.

use super::report::progress_bar;
use anyhow::{bail, Result};
use dilemma::replicates::{run_replicates, PlayerQuantities, TournamentReplicates};
use dilemma::strategy::Registry;
use dilemma::tournament::output::{self, InteractionWriter, StrategyFile};
use dilemma::tournament::{
    GameMatches, RoundRobin, StatisticsOf, TournamentConfig, TournamentMoves, TournamentResults,
};
use std::path::Path;
use std::time::Instant;

/// A round robin's results (of replicate 0: a single run's) and, with more
/// than one replicate, every replicate's per-player quantities.
pub type Played<M, const N: usize, const S: usize> = (
    TournamentResults<StatisticsOf<M, N, S>>,
    Option<TournamentReplicates>,
);

/// Runs the round robin of the move alphabet `M` (two actions or the three
/// postures) with a progress bar and writes its files, with the manifest
/// ([`TournamentMoves::manifest`]), into `out` (and every match's moves to
/// `interactions.csv` when asked). With `config.replicates` above 1 it runs
/// every replicate and writes their tables too (`replicates.csv`,
/// `intervals.csv`, `differences.csv`); the other files are replicate 0's.
pub fn play_and_write<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    out: &Path,
    threads: Option<usize>,
    interactions: bool,
) -> Result<Played<M, N, S>>
where
    StatisticsOf<M, N, S>: PlayerQuantities,
{
    let manifest = M::manifest(&config, registry, files);
    let replicates = config.replicates as usize;
    if replicates > 1 && interactions {
        bail!("--interactions records one run's moves: give it without --replicates");
    }
    let tournament = RoundRobin::<GameMatches<M, N, S>>::new(config.clone(), registry)?;
    let bar = progress_bar(tournament.jobs() * replicates);
    let started = Instant::now();
    let mut progress = |done: usize| bar.set_position(done as u64);
    let (results, replicated) = if replicates > 1 {
        let (first, all) = run_replicates::<M, N, S>(&config, registry, threads, &mut progress)?;
        (first, Some(all))
    } else if interactions {
        let mut writer = InteractionWriter::create(out, tournament.names())?;
        let mut sink = |m: dilemma::tournament::Interaction| writer.write(&m);
        let r = tournament.run_with_threads(threads, &mut progress, Some(&mut sink))?;
        writer.finish()?;
        (r, None)
    } else {
        (
            tournament.run_with_threads(threads, &mut progress, None)?,
            None,
        )
    };
    bar.finish_and_clear();
    eprintln!(
        "{} replicate(s) x {} pairings x repetitions ({} matches) played in {:.3} s",
        replicates,
        tournament.jobs(),
        tournament.matches() * replicates,
        started.elapsed().as_secs_f64()
    );
    output::write_results(out, &results, &manifest)?;
    if let Some(all) = &replicated {
        all.write(out)?;
    }
    Ok((results, replicated))
}

/// Prints each player's mean score and first other quantity over the
/// replicates with their 95% intervals, best mean score first.
pub fn print_intervals(replicates: &TournamentReplicates) {
    let intervals = replicates.intervals();
    let mut order: Vec<usize> = (0..replicates.players.len()).collect();
    order.sort_by(|&a, &b| intervals[b][0].mean.total_cmp(&intervals[a][0].mean));
    let second = replicates.quantities[1];
    println!(
        "\nover {} replicates (mean [95% t interval]):\n{:<32} {:>26} {:>26}",
        replicates.count(),
        "strategy",
        "score",
        second
    );
    let cell =
        |i: &dilemma::replicates::Interval| format!("{:.4} [{:.4}, {:.4}]", i.mean, i.low, i.high);
    for i in order {
        println!(
            "{:<32} {:>26} {:>26}",
            replicates.players[i],
            cell(&intervals[i][0]),
            cell(&intervals[i][1])
        );
    }
}

/// Draws the figures of a replicated tournament's intervals (each
/// player's cooperation inside and across the group line, when players
/// have groups) into `dir`, if figures are asked for.
pub fn draw_replicate_figures(
    replicates: Option<&TournamentReplicates>,
    dir: &Path,
    figures: Option<&dilemma::figure::FigureOptions>,
) -> Result<()> {
    if let (Some(r), Some(options)) = (replicates, figures) {
        if let Some(f) = dilemma::figure::intervals::group_figure(r)? {
            f.write(dir, options)?;
        }
    }
    Ok(())
}
