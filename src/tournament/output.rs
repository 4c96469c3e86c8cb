//! Writing a tournament's results: `summary.csv` (Axelrod-Python's
//! `write_summary` columns), `payoff_matrix.csv`, `results.json` (every
//! statistic) and `manifest.json` (what reproduces the run).
//!
//! Every file is written to a temporary name in the output folder and renamed
//! when complete, so an interrupted run leaves no half-written table.

use super::config::TournamentConfig;
use super::json_layout::MatrixRows;
use super::outcome::{Interaction, TournamentResults};
use super::results::Statistics;
use crate::error::{Error, Result};
use crate::strategy::Registry;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A strategy file the run loaded, kept verbatim in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyFile {
    /// Where it was read from.
    pub path: String,
    /// Its text.
    pub contents: String,
}

/// A strategy as the manifest records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrategyRecord {
    /// Its name.
    pub name: String,
    /// How it is defined (`builtin`, `memory_one`, ...).
    pub kind: String,
    /// Where it comes from.
    pub source: String,
    /// Where it was defined: built-in, embedded file, or user file.
    pub origin: String,
}

/// What reproduces a run: re-running its configuration with the same tool
/// version and strategy files gives the same results, bit for bit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `"dilemma"`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// The full configuration (seed included).
    pub config: TournamentConfig,
    /// The strategies of the players, in order.
    pub strategies: Vec<StrategyRecord>,
    /// User strategy files, verbatim.
    #[serde(default)]
    pub strategy_files: Vec<StrategyFile>,
}

impl Manifest {
    /// The manifest of a run of `config` with strategies from `registry`
    /// (which holds the built-ins plus `strategy_files`).
    pub fn new(
        config: &TournamentConfig,
        registry: &Registry,
        strategy_files: Vec<StrategyFile>,
    ) -> Manifest {
        Self::with_natives(config, registry, strategy_files, &|_| None)
    }

    /// As [`Manifest::new`], with `natives` describing players that are not
    /// in the registry (the three-action game's own strategies).
    pub fn with_natives(
        config: &TournamentConfig,
        registry: &Registry,
        strategy_files: Vec<StrategyFile>,
        natives: &dyn Fn(&str) -> Option<StrategyRecord>,
    ) -> Manifest {
        let strategies = config
            .players
            .iter()
            .map(|p| match registry.get(p.strategy()) {
                Some(e) => StrategyRecord {
                    name: e.name().to_string(),
                    kind: e.kind.as_str().to_string(),
                    source: e.source.clone(),
                    origin: e.origin.clone(),
                },
                None => natives(p.strategy()).unwrap_or_else(|| StrategyRecord {
                    name: p.strategy().to_string(),
                    kind: "builtin".into(),
                    source: "parametrised built-in".into(),
                    origin: "built-in".into(),
                }),
            })
            .collect();
        Manifest {
            tool: "dilemma".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            config: config.clone(),
            strategies,
            strategy_files,
        }
    }

    /// The registry the run used: the built-ins plus the manifest's strategy
    /// files, loaded from the copies it holds.
    pub fn registry(&self) -> Result<Registry> {
        let mut registry = Registry::builtin();
        for f in &self.strategy_files {
            registry.load_str(&f.contents, &f.path)?;
        }
        Ok(registry)
    }

    /// Reads a manifest.
    pub fn read(path: impl AsRef<Path>) -> Result<Manifest> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&text).map_err(|e| Error::Format {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }
}

/// A float as Python's `repr` writes it (so `1.0`, not `1`), which is what
/// Axelrod-Python's CSV files hold.
pub fn py_float(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.into()
    } else if x.fract() == 0.0 && x.abs() < 1e16 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// The statistics of a kind of tournament as [`write_results`] writes them:
/// [`Statistics`] (two actions) and
/// [`PostureStatistics`](crate::posture::PostureStatistics) (three).
pub trait Tables: Serialize {
    /// `summary.csv`: a header line and one line per player, best first.
    fn summary_csv(&self) -> String;
    /// `[i][j]`: i's mean per-turn payoff against j.
    fn payoff_matrix(&self) -> &[Vec<f64>];
}

impl Tables for Statistics {
    fn summary_csv(&self) -> String {
        let mut s = String::from(
            "Rank,Name,Median_score,Cooperation_rating,Wins,Initial_C_rate,Original_index,CC_rate,CD_rate,DC_rate,DD_rate,CC_to_C_rate,CD_to_C_rate,DC_to_C_rate,DD_to_C_rate\n",
        );
        for r in &self.summary {
            let fields = [
                r.rank.to_string(),
                csv_field(&r.name),
                py_float(r.median_score),
                py_float(r.cooperation_rating),
                py_float(r.wins),
                py_float(r.initial_c_rate),
                r.original_index.to_string(),
                py_float(r.cc_rate),
                py_float(r.cd_rate),
                py_float(r.dc_rate),
                py_float(r.dd_rate),
                py_float(r.cc_to_c_rate),
                py_float(r.cd_to_c_rate),
                py_float(r.dc_to_c_rate),
                py_float(r.dd_to_c_rate),
            ];
            s.push_str(&fields.join(","));
            s.push('\n');
        }
        s
    }

    fn payoff_matrix(&self) -> &[Vec<f64>] {
        &self.payoff_matrix
    }
}

/// The summary table as CSV text.
pub fn summary_csv(results: &TournamentResults) -> String {
    results.statistics.summary_csv()
}

/// The payoff matrix as CSV text: a header of player names, then one row per
/// player starting with its name.
pub fn payoff_matrix_csv<S: Tables>(results: &TournamentResults<S>) -> String {
    matrix_csv(&results.players, results.statistics.payoff_matrix())
}

/// A square matrix over players as CSV text: a header `Player,<names>`, then
/// one row per player starting with its name.
pub(crate) fn matrix_csv(players: &[String], matrix: &[Vec<f64>]) -> String {
    let mut s = String::from("Player");
    for name in players {
        s.push(',');
        s.push_str(&csv_field(name));
    }
    s.push('\n');
    for (name, row) in players.iter().zip(matrix) {
        s.push_str(&csv_field(name));
        for x in row {
            s.push(',');
            s.push_str(&py_float(*x));
        }
        s.push('\n');
    }
    s
}

pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let tmp = temporary_name(path);
    std::fs::write(&tmp, contents).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

fn temporary_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp"))
}

/// Streams the interactions table (`interactions.csv`: repetition, players,
/// moves and scores of every match) to a temporary file; [`InteractionWriter::finish`]
/// renames it into place.
pub struct InteractionWriter {
    tmp: PathBuf,
    path: PathBuf,
    out: BufWriter<File>,
    names: Vec<String>,
}

impl InteractionWriter {
    /// Starts `dir/interactions.csv`.
    pub fn create(dir: &Path, names: &[String]) -> Result<Self> {
        let path = dir.join("interactions.csv");
        let tmp = temporary_name(&path);
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut out = BufWriter::new(file);
        writeln!(
            out,
            "Repetition,Row index,Column index,Row,Column,Row moves,Column moves,Row score,Column score"
        )
        .map_err(|e| Error::io(&tmp, e))?;
        Ok(InteractionWriter {
            tmp,
            path,
            out,
            names: names.to_vec(),
        })
    }

    /// Writes one match.
    pub fn write(&mut self, m: &Interaction) -> Result<()> {
        writeln!(
            self.out,
            "{},{},{},{},{},{},{},{},{}",
            m.repetition,
            m.row,
            m.col,
            csv_field(&self.names[m.row]),
            csv_field(&self.names[m.col]),
            m.row_moves,
            m.col_moves,
            py_float(m.row_score),
            py_float(m.col_score)
        )
        .map_err(|e| Error::io(&self.tmp, e))
    }

    /// Flushes and renames the file into place.
    pub fn finish(mut self) -> Result<PathBuf> {
        self.out.flush().map_err(|e| Error::io(&self.tmp, e))?;
        drop(self.out);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        Ok(self.path)
    }
}

/// Writes `summary.csv`, `payoff_matrix.csv`, `results.json` and
/// `manifest.json` into `dir` (created if needed). Returns the paths written.
pub fn write_results<S: Tables>(
    dir: &Path,
    results: &TournamentResults<S>,
    manifest: &Manifest,
) -> Result<Vec<PathBuf>> {
    let mut written = write_files(
        dir,
        [
            ("summary.csv", results.statistics.summary_csv().into_bytes()),
            ("payoff_matrix.csv", payoff_matrix_csv(results).into_bytes()),
        ],
    )?;
    // Streamed: with many players and repetitions its per-repetition
    // matrices run to tens of megabytes of text.
    let path = dir.join("results.json");
    write_json_atomic(&path, results)?;
    written.push(path);
    written.extend(write_files(dir, [("manifest.json", to_json(manifest))])?);
    Ok(written)
}

/// Writes `value` to `path` as [`results_json`] lays it out, streaming it
/// through a temporary file in the same folder (the text is never held in
/// memory).
pub fn write_json_atomic<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let tmp = temporary_name(path);
    let io = |e: std::io::Error| Error::io(&tmp, e);
    let mut w = BufWriter::new(File::create(&tmp).map_err(io)?);
    write_results_layout(&mut w, value).map_err(|e| io(std::io::Error::other(e)))?;
    w.flush().map_err(io)?;
    drop(w);
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// The text of `results.json` for `value`: pretty JSON with a final
/// newline, but every array inside an array on one line (a matrix is a row
/// per line), so that large per-repetition matrices stay compact.
pub fn results_json<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_results_layout(&mut out, value)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

fn write_results_layout<W: Write, T: Serialize>(w: &mut W, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, MatrixRows::new());
    value.serialize(&mut ser)?;
    w.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Writes each `(file name, contents)` into `dir` (created if needed)
/// through a temporary file. Returns the paths written.
pub(crate) fn write_files<const N: usize>(
    dir: &Path,
    files: [(&str, Vec<u8>); N],
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Pretty JSON with a final newline.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).expect("results serialise to JSON");
    v.push(b'\n');
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_as_python_does() {
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(0.0), "0.0");
        assert_eq!(py_float(2.6049999999999995), "2.6049999999999995");
        assert_eq!(py_float(0.1), "0.1");
        assert_eq!(py_float(f64::NAN), "nan");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("Omega TFT: 3, 8"), "\"Omega TFT: 3, 8\"");
        assert_eq!(csv_field("Tit For Tat"), "Tit For Tat");
    }
}
