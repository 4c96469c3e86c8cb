//! `dilemma.sweep`: one tournament per point of a parameter grid, as
//! `dilemma sweep` runs it (the Jervis plane by default).

use crate::errors::{json, IntoPy};
use dilemma::replicates::{run_sweep_replicates, INTERVALS_FILE, REPLICATES_FILE, WORLDS_FILE};
use dilemma::sweep::{self, Axis, SweepConfig, SweepManifest};
use dilemma::tournament::TournamentConfig;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `base` with the fields of the JSON object `overrides` replaced.
pub fn merged<T: Serialize + DeserializeOwned>(
    base: &T,
    overrides: &str,
    what: &str,
) -> PyResult<T> {
    let mut value = serde_json::to_value(base).map_err(|e| json(what, e))?;
    let extra: serde_json::Value = serde_json::from_str(overrides).map_err(|e| json(what, e))?;
    if let (serde_json::Value::Object(to), serde_json::Value::Object(from)) = (&mut value, extra) {
        for (k, v) in from {
            to.insert(k, v);
        }
    }
    serde_json::from_value(value).map_err(|e| json(what, e))
}

/// Runs a sweep and returns its files as `dilemma sweep` writes them, by
/// file name: `sweep.csv`, `manifest.json` and, with replicates,
/// `sweep_intervals.csv` (and `sweep_replicates.csv` with
/// `replicate_rows`).
///
/// `tournament` overrides fields of the default base tournament (the
/// security field, the security game, 100 turns, 5 repetitions) and
/// `grid` fields of the default grid (the Jervis plane, 11 x 11 points;
/// offence up to 0.9 in the three-action game), both as JSON objects.
#[pyfunction]
#[pyo3(signature = (tournament = "{}", grid = "{}", threads = None))]
pub fn run_sweep<'py>(
    py: Python<'py>,
    tournament: &str,
    grid: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let base: TournamentConfig = merged(&sweep::jervis_base(), tournament, "tournament")?;
    let mut default_grid = SweepConfig::jervis(11);
    if base.three_action {
        // A defence costs c θ / (1 - θ): the plane stops short of θ = 1.
        default_grid.axes[0] = Axis::range("offence", 0.0, 0.9, 10);
    }
    let config: SweepConfig = merged(&default_grid, grid, "grid")?;
    if let Some(l) = config.qre_lambda {
        if !(l.is_finite() && l >= 0.0) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "qre_lambda {l}: expected a finite precision >= 0"
            )));
        }
    }
    let registry = dilemma::strategy::Registry::builtin();
    // Strategy maps name players as the table does.
    let config = sweep::canonical_strategy_maps(&base, &config, &registry).py()?;
    let pool = dilemma::parallel::pool(threads).py()?;
    let replicated = crate::interrupt::run(py, || {
        pool.install(|| run_sweep_replicates(&base, &config, &registry, &|_| {}))
    })?;
    let mut rows = replicated.rows[0].clone();
    if let Some(lambda) = config.qre_lambda {
        sweep::add_qre_restraint(&mut rows, &base, lambda).py()?;
    }
    let manifest = SweepManifest::new(&base, &config);
    let d = PyDict::new(py);
    d.set_item("sweep.csv", sweep::to_csv(&rows))?;
    d.set_item(
        "manifest.json",
        serde_json::to_string_pretty(&manifest).map_err(|e| json("manifest", e))?,
    )?;
    if base.replicates > 1 {
        d.set_item(INTERVALS_FILE, replicated.intervals_csv())?;
        if config.replicate_rows {
            d.set_item(REPLICATES_FILE, replicated.replicates_csv())?;
        }
        if let Some(worlds) = replicated.worlds_csv() {
            d.set_item(WORLDS_FILE, worlds)?;
        }
    }
    Ok(d)
}
