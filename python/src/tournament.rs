//! `dilemma.Tournament(...).run()`: a round robin, as `dilemma tournament`
//! plays it, its files returned as text.

use crate::errors::{json, IntoPy};
use dilemma::posture::Posture;
use dilemma::replicates::{run_replicates, PlayerQuantities};
use dilemma::strategy::Registry;
use dilemma::tournament::output::{self, StrategyFile, Tables};
use dilemma::tournament::{
    GameKind, GameMatches, RoundRobin, StatisticsOf, TournamentConfig, TournamentMoves,
    DEFAULT_FIELD,
};
use dilemma::Action;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;

/// The files of a run, as `dilemma tournament` writes them.
struct Files {
    summary: String,
    payoff_matrix: String,
    results: String,
    manifest: String,
    replicates: Option<[String; 3]>,
}

/// Pretty JSON with a final newline, as the command line writes its files.
fn pretty<T: Serialize>(value: &T) -> PyResult<String> {
    let mut s = serde_json::to_string_pretty(value).map_err(|e| json("results", e))?;
    s.push('\n');
    Ok(s)
}

/// Plays the round robin of the move alphabet `M` and returns its files.
fn play<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    py: Python<'_>,
    config: TournamentConfig,
    registry: &Registry,
    files: Vec<StrategyFile>,
    threads: Option<usize>,
) -> PyResult<Files>
where
    StatisticsOf<M, N, S>: PlayerQuantities + Tables,
{
    let manifest = M::manifest(&config, registry, files);
    let tournament = RoundRobin::<GameMatches<M, N, S>>::new(config.clone(), registry).py()?;
    let (results, replicated) = crate::interrupt::run(py, || {
        if config.replicates > 1 {
            let (first, all) = run_replicates::<M, N, S>(&config, registry, threads, &mut |_| {})?;
            Ok((first, Some(all)))
        } else {
            Ok((
                tournament.run_with_threads(threads, &mut |_| {}, None)?,
                None,
            ))
        }
    })?;
    Ok(Files {
        summary: results.statistics.summary_csv(),
        payoff_matrix: output::payoff_matrix_csv(&results),
        results: output::results_json(&results).map_err(|e| json("results", e))?,
        manifest: pretty(&manifest)?,
        replicates: replicated
            .map(|r| [r.replicates_csv(), r.intervals_csv(), r.differences_csv()]),
    })
}

/// Runs the tournament of `config` (a `TournamentConfig` as JSON, the
/// fields of an experiment file's `[tournament]`) with the builtin
/// strategies and those of `files` (`(name, TOML text)`), on `threads`
/// threads (all cores when `None`; the results do not depend on it).
///
/// Returns a dict of the files `dilemma tournament` writes, by file name:
/// `summary.csv`, `payoff_matrix.csv`, `results.json`, `manifest.json`
/// and, with replicates, `replicates.csv`, `intervals.csv` and
/// `differences.csv`.
#[pyfunction]
#[pyo3(signature = (config, files = Vec::new(), threads = None))]
pub fn run_tournament<'py>(
    py: Python<'py>,
    config: &str,
    files: Vec<(String, String)>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let config: TournamentConfig =
        serde_json::from_str(config).map_err(|e| json("tournament", e))?;
    let config = config.with_game_contents().py()?;
    let (registry, kept) = crate::strategies::registry(&files)?;
    let out = if config.game_kind() == GameKind::ThreeAction {
        play::<Posture, 3, 9>(py, config, &registry, kept, threads)?
    } else {
        play::<Action, 2, 4>(py, config, &registry, kept, threads)?
    };
    let d = PyDict::new(py);
    d.set_item("summary.csv", out.summary)?;
    d.set_item("payoff_matrix.csv", out.payoff_matrix)?;
    d.set_item("results.json", out.results)?;
    d.set_item("manifest.json", out.manifest)?;
    if let Some([replicates, intervals, differences]) = out.replicates {
        d.set_item("replicates.csv", replicates)?;
        d.set_item("intervals.csv", intervals)?;
        d.set_item("differences.csv", differences)?;
    }
    Ok(d)
}

/// The default field of players (`dilemma tournament` without
/// `--players`).
#[pyfunction]
pub fn default_players() -> Vec<String> {
    DEFAULT_FIELD.iter().map(|s| s.to_string()).collect()
}
