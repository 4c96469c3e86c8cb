//! Writing a three-action tournament's results: `summary.csv`,
//! `payoff_matrix.csv`, `results.json` and `manifest.json`, each through a
//! temporary file renamed when complete.
//!
//! `summary.csv` has the columns
//! `Rank,Name,Median_score,Mean_score,R_rate,A_rate,H_rate,Unprovoked_arming_share,Provoked_arming_share,Spiral_arming_share,Original_index`
//! (Axelrod-Python's columns do not apply: its statistics are of two actions).

use super::PostureResults;
use crate::error::Result;
use crate::strategy::Registry;
use crate::tournament::output::{
    csv_field, matrix_csv, py_float, to_json, write_files, Manifest, StrategyFile, StrategyRecord,
};
use crate::tournament::TournamentConfig;
use std::path::{Path, PathBuf};

/// The manifest of a three-action run: as a two-action run's, with the
/// strategies that use H ([`super::native_strategies`]) described too.
pub fn manifest(
    config: &TournamentConfig,
    registry: &Registry,
    strategy_files: Vec<StrategyFile>,
) -> Manifest {
    Manifest::with_natives(config, registry, strategy_files, &|name| {
        super::native_strategies()
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|native| StrategyRecord {
                name: native.name.to_string(),
                kind: "builtin (three-action)".into(),
                source: native.source.to_string(),
                origin: "built-in".into(),
            })
    })
}

/// The summary table as CSV text.
pub fn summary_csv(results: &PostureResults) -> String {
    let mut s = String::from(
        "Rank,Name,Median_score,Mean_score,R_rate,A_rate,H_rate,Unprovoked_arming_share,Provoked_arming_share,Spiral_arming_share,Original_index\n",
    );
    for r in &results.statistics.summary {
        let mut fields = vec![
            r.rank.to_string(),
            csv_field(&r.name),
            py_float(r.median_score),
            py_float(r.mean_score),
        ];
        fields.extend(r.posture_rates.iter().map(|&x| py_float(x)));
        fields.extend(r.arming_cause_shares.iter().map(|&x| py_float(x)));
        fields.push(r.original_index.to_string());
        s.push_str(&fields.join(","));
        s.push('\n');
    }
    s
}

/// The payoff matrix (mean per-turn payoff of the row player against the
/// column player) as CSV text.
pub fn payoff_matrix_csv(results: &PostureResults) -> String {
    matrix_csv(&results.players, &results.statistics.payoff_matrix)
}

/// Writes `summary.csv`, `payoff_matrix.csv`, `results.json` and
/// `manifest.json` into `dir` (created if needed). Returns the paths written.
pub fn write_results(
    dir: &Path,
    results: &PostureResults,
    manifest: &Manifest,
) -> Result<Vec<PathBuf>> {
    write_files(
        dir,
        [
            ("summary.csv", summary_csv(results).into_bytes()),
            ("payoff_matrix.csv", payoff_matrix_csv(results).into_bytes()),
            ("results.json", to_json(results)),
            ("manifest.json", to_json(manifest)),
        ],
    )
}
