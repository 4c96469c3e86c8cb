//! Three-action tournaments from the command line (`dilemma tournament
//! --three-action`, and `three_action = true` in an experiment file).

use super::report::{print_groups, progress_bar};
use anyhow::Result;
use dilemma::posture::{output, PostureResults, PostureTournament};
use dilemma::strategy::Registry;
use dilemma::tournament::output::{InteractionWriter, StrategyFile};
use dilemma::tournament::TournamentConfig;
use std::path::Path;
use std::time::Instant;

/// Runs a three-action tournament with a progress bar and writes its files
/// into `out` (with `interactions.csv`, the moves as R/A/H strings, when
/// asked).
pub fn run_and_write(
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    out: &Path,
    threads: Option<usize>,
    interactions: bool,
) -> Result<PostureResults> {
    let manifest = output::manifest(&config, registry, files);
    let tournament = PostureTournament::new(config, registry)?;
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
        "{} pairings x repetitions ({} matches) of the three-action game played in {:.3} s",
        tournament.jobs(),
        tournament.matches(),
        started.elapsed().as_secs_f64()
    );
    output::write_results(out, &results, &manifest)?;
    Ok(results)
}

/// Prints the ranking with each player's postures and arming causes, the
/// field's totals and, with groups, each group's restraint and payoff.
pub fn print_ranking(results: &PostureResults) {
    println!(
        "{:>4}  {:<32} {:>12} {:>7} {:>7} {:>7} {:>8}",
        "rank", "strategy", "median score", "R", "A", "H", "spiral A"
    );
    for row in &results.statistics.summary {
        let [r, a, h] = row.posture_rates;
        println!(
            "{:>4}  {:<32} {:>12.4} {:>7.4} {:>7.4} {:>7.4} {:>8.4}",
            row.rank + 1,
            row.name,
            row.median_score,
            r,
            a,
            h,
            row.arming_cause_shares[2]
        );
    }
    let [r, a, h] = results.statistics.field_posture_rates();
    let [u, p, s] = results.statistics.field_arming_cause_shares();
    println!(
        "\nfield: R {r:.4}, A {a:.4}, H {h:.4}; arming unprovoked {u:.4}, provoked {p:.4}, spiral {s:.4}"
    );
    if let Some(groups) = &results.groups {
        print_groups(groups, "R");
    }
}
