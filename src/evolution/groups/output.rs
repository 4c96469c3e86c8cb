//! The files of an evolution of groups: `group_payoffs.csv`,
//! `trajectory.csv`, `fixation.csv`, `stationary.csv`, `full_chain.csv` and
//! `manifest.json` (docs/data-dictionary.md).

use super::config::{GroupEvolution, GroupEvolutionConfig};
use crate::error::{Error, Result};
use crate::tournament::groups::GroupTournamentConfig;
use crate::tournament::output::write_atomic;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What reproduces an evolution of groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEvolutionManifest {
    /// Always `dilemma`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// Always `groups --evolve`.
    pub command: String,
    /// The field, group size, game and match rules, seed included.
    pub config: GroupTournamentConfig,
    /// The dynamics.
    pub evolution: GroupEvolutionConfig,
}

impl GroupEvolutionManifest {
    /// The manifest of a run.
    pub fn new(config: &GroupTournamentConfig, evolution: &GroupEvolutionConfig) -> Self {
        GroupEvolutionManifest {
            tool: "dilemma".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            command: "groups --evolve".into(),
            config: config.clone(),
            evolution: evolution.clone(),
        }
    }

    /// Parses a manifest's text; `path` names it in errors.
    ///
    /// # Errors
    /// [`Error::Format`].
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::Format {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }
}

/// A CSV table as text.
fn table(header: &[&str], rows: Vec<Vec<String>>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Format {
        path: "table".into(),
        message: e.to_string(),
    };
    w.write_record(header).map_err(fail)?;
    for row in rows {
        w.write_record(&row).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Format {
        path: "table".into(),
        message: e.to_string(),
    })?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields"))
}

/// The tables of `evolution` as (file name, text), in the order written.
///
/// # Errors
/// [`Error::Format`] when a table cannot be formatted.
pub fn group_evolution_tables(evolution: &GroupEvolution) -> Result<Vec<(String, String)>> {
    let p = &evolution.payoffs;
    let names = p.names();
    let mut out = Vec::new();
    let mut rows = Vec::new();
    for (c, k) in p.compositions().iter().enumerate() {
        for (i, &ki) in k.iter().enumerate().filter(|(_, &ki)| ki > 0) {
            rows.push(vec![
                p.describe(c),
                names[i].clone(),
                ki.to_string(),
                p.row(c)[i].to_string(),
            ]);
        }
    }
    out.push((
        "group_payoffs.csv".to_string(),
        table(&["Composition", "Strategy", "Count", "Payoff"], rows)?,
    ));
    if let Some(t) = &evolution.trajectory {
        out.push(("trajectory.csv".into(), t.to_csv()));
    }
    if let Some(chain) = &evolution.chain {
        let m = names.len();
        let mut rows = Vec::new();
        for r in 0..m {
            for i in (0..m).filter(|&i| i != r) {
                rows.push(vec![
                    names[r].clone(),
                    names[i].clone(),
                    chain.fixation[(r, i)].to_string(),
                ]);
            }
        }
        out.push((
            "fixation.csv".into(),
            table(&["Resident", "Invader", "Fixation_probability"], rows)?,
        ));
        let rows = names
            .iter()
            .zip(&chain.stationary)
            .map(|(n, s)| vec![n.clone(), s.to_string()])
            .collect();
        out.push((
            "stationary.csv".into(),
            table(&["Strategy", "Stationary_share"], rows)?,
        ));
    }
    if let Some(full) = &evolution.full {
        let z = full.len() - 1;
        let rows = full
            .iter()
            .enumerate()
            .map(|(j, s)| {
                vec![
                    j.to_string(),
                    (j as f64 / z as f64).to_string(),
                    s.to_string(),
                ]
            })
            .collect();
        out.push((
            "full_chain.csv".into(),
            table(&["Count", "Share", "Probability"], rows)?,
        ));
    }
    Ok(out)
}

/// Writes the tables and the manifest into `dir`; returns the files' names.
///
/// # Errors
/// [`Error::Io`] when a file cannot be written.
pub fn write_group_evolution(
    dir: &Path,
    config: &GroupTournamentConfig,
    settings: &GroupEvolutionConfig,
    evolution: &GroupEvolution,
) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for (name, text) in group_evolution_tables(evolution)? {
        write_atomic(&dir.join(&name), text.as_bytes())?;
        written.push(name);
    }
    let mut json = serde_json::to_string_pretty(&GroupEvolutionManifest::new(config, settings))
        .expect("a manifest serialises to JSON");
    json.push('\n');
    write_atomic(&dir.join("manifest.json"), json.as_bytes())?;
    written.push("manifest.json".into());
    Ok(written)
}
