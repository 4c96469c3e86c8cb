//! A round robin from the command line: played with a progress bar, its
//! files written into a run's staging folder. Written once for both move
//! alphabets (`dilemma tournament`, `dilemma run`, with or without
//! `--three-action`).

use super::report::progress_bar;
use anyhow::Result;
use dilemma::strategy::Registry;
use dilemma::tournament::output::{self, InteractionWriter, StrategyFile};
use dilemma::tournament::{
    GameMatches, RoundRobin, StatisticsOf, TournamentConfig, TournamentMoves, TournamentResults,
};
use std::path::Path;
use std::time::Instant;

/// Runs the round robin of the move alphabet `M` (two actions or the three
/// postures) with a progress bar and writes its files, with the manifest
/// ([`TournamentMoves::manifest`]), into `out` (and every match's moves to `interactions.csv` when asked).
pub fn play_and_write<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    out: &Path,
    threads: Option<usize>,
    interactions: bool,
) -> Result<TournamentResults<StatisticsOf<M, N, S>>> {
    let manifest = M::manifest(&config, registry, files);
    let tournament = RoundRobin::<GameMatches<M, N, S>>::new(config, registry)?;
    let bar = progress_bar(tournament.jobs());
    let started = Instant::now();
    let mut progress = |done: usize| bar.set_position(done as u64);
    let results = if interactions {
        let mut writer = InteractionWriter::create(out, tournament.names())?;
        let mut sink = |m: dilemma::tournament::Interaction| writer.write(&m);
        let r = tournament.run_with_threads(threads, &mut progress, Some(&mut sink))?;
        writer.finish()?;
        r
    } else {
        tournament.run_with_threads(threads, &mut progress, None)?
    };
    bar.finish_and_clear();
    eprintln!(
        "{} pairings x repetitions ({} matches) played in {:.3} s",
        tournament.jobs(),
        tournament.matches(),
        started.elapsed().as_secs_f64()
    );
    output::write_results(out, &results, &manifest)?;
    Ok(results)
}
