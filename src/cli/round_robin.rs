//! A round robin from the command line: played with a progress bar, its
//! files written into a run's staging folder. Written once for both move
//! alphabets (`dilemma tournament`, `dilemma run`, with or without
//! `--three-action`), with or without replicates.

use super::report::progress_bar;
use super::shards::Source;
use anyhow::{bail, Result};
use dilemma::replicates::{
    collect_replicates, replicate_round_robin, run_replicates, PlayerQuantities,
    TournamentReplicates,
};
use dilemma::shard::ShardSet;
use dilemma::strategy::Registry;
use dilemma::tournament::output::{self, InteractionWriter, StrategyFile};
use dilemma::tournament::{
    GameMatches, RoundRobin, SideOf, StatisticsOf, TournamentConfig, TournamentMoves,
    TournamentResults,
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
/// With `source` a merge, the results are reduced from the shards' job
/// results instead of played, in the same order: the same files, byte for
/// byte.
pub fn play_and_write<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    out: &Path,
    source: &Source,
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
    if interactions && matches!(source, Source::Merge(_)) {
        bail!("--interactions records one run's moves: a sharded run does not keep them");
    }
    let tournament = RoundRobin::<GameMatches<M, N, S>>::new(config.clone(), registry)?;
    let threads = match source {
        Source::Merge(set) => {
            let (results, replicated) = merged::<M, N, S>(&config, registry, set)?;
            output::write_results(out, &results, &manifest)?;
            if let Some(all) = &replicated {
                all.write(out)?;
            }
            return Ok((results, replicated));
        }
        Source::Play { threads } => *threads,
    };
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

/// The number of jobs of a (replicated) round robin: replicate `k`'s job
/// `j` is job `k * jobs + j`.
pub fn total_jobs<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: &TournamentConfig,
    registry: &Registry,
) -> Result<usize> {
    let per = replicate_round_robin::<M, N, S>(config, registry, 0)?.jobs();
    Ok(per * config.replicates.max(1) as usize)
}

/// Plays the given jobs of a (replicated) round robin ([`total_jobs`]'s
/// numbering) on `threads` threads: each job's sides, in the order of
/// `jobs`.
pub fn play_jobs<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: &TournamentConfig,
    registry: &Registry,
    jobs: &[usize],
    threads: Option<usize>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<Vec<Vec<SideOf<M, N, S>>>> {
    let pool = dilemma::parallel::pool(threads)?;
    let per = replicate_round_robin::<M, N, S>(config, registry, 0)?.jobs();
    let mut out = Vec::with_capacity(jobs.len());
    let mut start = 0;
    while start < jobs.len() {
        let k = jobs[start] / per;
        let end = start + jobs[start..].iter().take_while(|&&g| g / per == k).count();
        let local: Vec<usize> = jobs[start..end].iter().map(|g| g % per).collect();
        let tournament = replicate_round_robin::<M, N, S>(config, registry, k as u64)?;
        let before = start;
        let mut offset = |done: usize| progress(before + done);
        out.extend(pool.install(|| tournament.run_jobs(&local, &mut offset))?);
        start = end;
    }
    Ok(out)
}

/// A round robin's results (and replicates) reduced from a sharded run's
/// job results.
fn merged<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: &TournamentConfig,
    registry: &Registry,
    set: &ShardSet,
) -> Result<Played<M, N, S>>
where
    StatisticsOf<M, N, S>: PlayerQuantities,
{
    let jobs = set.read_jobs::<SideOf<M, N, S>>()?;
    let total = total_jobs::<M, N, S>(config, registry)?;
    if jobs.len() != total {
        bail!(
            "the shards hold {} jobs, the tournament has {total}",
            jobs.len()
        );
    }
    if config.replicates > 1 {
        let per = total / config.replicates as usize;
        let mut rest = jobs.into_iter();
        let (first, all) = collect_replicates::<M, N, S>(config, registry, &mut |_, t| {
            t.reduce(rest.by_ref().take(per))
        })?;
        Ok((first, Some(all)))
    } else {
        let tournament = RoundRobin::<GameMatches<M, N, S>>::new(config.clone(), registry)?;
        Ok((tournament.reduce(jobs)?, None))
    }
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
