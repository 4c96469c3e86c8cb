//! The files of a tournament of groups: `summary.csv`, `blocs.csv`,
//! `allies.csv` and `manifest.json` (docs/data-dictionary.md).

use super::config::GroupTournamentConfig;
use super::results::GroupResults;
use crate::error::{Error, Result};
use crate::tournament::output::write_atomic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What reproduces a tournament of groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupManifest {
    /// Always `dilemma`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// Always `groups`.
    pub command: String,
    /// The configuration, seed included.
    pub config: GroupTournamentConfig,
}

impl GroupManifest {
    /// The manifest of a run of `config`.
    pub fn new(config: &GroupTournamentConfig) -> Self {
        GroupManifest {
            tool: "dilemma".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            command: "groups".into(),
            config: config.clone(),
        }
    }

    /// Reads a manifest.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Format`].
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&text).map_err(|e| Error::Format {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }
}

/// A number as the tables write it: plain decimal, `NaN` when undefined.
fn number(x: f64) -> String {
    x.to_string()
}

fn write_table(path: &Path, header: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    let mut w = csv::Writer::from_path(path).map_err(|e| csv_error(path, e))?;
    w.write_record(header).map_err(|e| csv_error(path, e))?;
    for row in rows {
        w.write_record(&row).map_err(|e| csv_error(path, e))?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Writes the tables and the manifest into `dir`; returns the files'
/// names.
///
/// # Errors
/// [`Error::Io`] when a file cannot be written.
pub fn write_group_results(
    dir: &Path,
    config: &GroupTournamentConfig,
    results: &GroupResults,
) -> Result<Vec<String>> {
    let path = |name: &str| -> PathBuf { dir.join(name) };
    let mut written = vec!["summary.csv".to_string()];
    write_table(
        &path("summary.csv"),
        &[
            "Rank",
            "Name",
            "Original_index",
            "Matches",
            "Turns",
            "Mean_payoff",
            "Total_score",
            "Cooperation_rating",
        ],
        results
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    r.name.clone(),
                    r.original_index.to_string(),
                    r.matches.to_string(),
                    r.turns.to_string(),
                    number(r.mean_payoff),
                    number(r.total_score),
                    number(r.cooperation),
                ]
            })
            .collect(),
    )?;
    if !results.blocs.is_empty() {
        write_table(
            &path("blocs.csv"),
            &[
                "Name",
                "Original_index",
                "Bloc",
                "Matches",
                "Turns",
                "Mean_payoff",
                "Cooperation_rating",
            ],
            results
                .blocs
                .iter()
                .map(|b| {
                    vec![
                        b.name.clone(),
                        b.original_index.to_string(),
                        b.bloc.clone(),
                        b.matches.to_string(),
                        b.turns.to_string(),
                        number(b.mean_payoff),
                        number(b.cooperation),
                    ]
                })
                .collect(),
        )?;
        written.push("blocs.csv".into());
    }
    if let Some(a) = &results.allies {
        write_table(
            &path("allies.csv"),
            &[
                "Bloc",
                "Turns",
                "Joint_arming",
                "Buck_passing",
                "Arming_correlation",
            ],
            vec![vec![
                a.bloc.clone(),
                a.turns.to_string(),
                number(a.joint_arming),
                number(a.buck_passing),
                a.arming_correlation.map_or(String::new(), number),
            ]],
        )?;
        written.push("allies.csv".into());
    }
    let mut json = serde_json::to_string_pretty(&GroupManifest::new(config))
        .expect("a manifest serialises to JSON");
    json.push('\n');
    write_atomic(&path("manifest.json"), json.as_bytes())?;
    written.push("manifest.json".into());
    Ok(written)
}
