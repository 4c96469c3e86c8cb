//! `dilemma.sensitivity`: how much an outcome of the model moves with each
//! parameter, one at a time and by Morris's elementary effects, as
//! `dilemma sensitivity` computes it.

use crate::errors::{json, IntoPy};
use crate::sweep::merged;
use dilemma::figure;
use dilemma::sensitivity::{run_sensitivity as run_lib, SensitivityManifest, SensitivityRequest};
use dilemma::sweep;
use dilemma::tournament::TournamentConfig;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Runs a sensitivity analysis and returns its files as
/// `dilemma sensitivity` writes them, by file name: `one_at_a_time.csv`,
/// `morris.csv` (with Morris trajectories), `sensitivity.json` and
/// `manifest.json`, plus `figures`: `(name, SVG)` of the tornado and Morris
/// figures.
///
/// `tournament` overrides fields of the base tournament (the command
/// line's: the security field and game, 100 turns, 5 repetitions) and
/// `request` fields of the analysis (`ranges`, `outcome`, `morris`,
/// `levels`, `design_seed`, `ecological`), both JSON objects; `params` sets
/// model parameters of the base point, in order, as `--param` does.
#[pyfunction]
#[pyo3(signature = (tournament = "{}", request = "{}", params = Vec::new(), threads = None))]
pub fn run_sensitivity<'py>(
    py: Python<'py>,
    tournament: &str,
    request: &str,
    params: Vec<(String, f64)>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let request: SensitivityRequest =
        serde_json::from_str(request).map_err(|e| json("sensitivity", e))?;
    let config = request.config().py()?;
    let base: TournamentConfig = merged(&sweep::jervis_base(), tournament, "tournament")?;
    let base = sweep::configure(&base, &params).py()?;
    base.validate().py()?;
    config.validate().py()?;
    let registry = dilemma::strategy::Registry::builtin();
    let pool = dilemma::parallel::pool(threads).py()?;
    let result = crate::interrupt::run(py, || {
        pool.install(|| run_lib(&base, &config, &registry, &|_, _| {}))
    })?;
    let d = PyDict::new(py);
    d.set_item("one_at_a_time.csv", result.one_at_a_time_csv())?;
    if let Some(morris) = result.morris_csv() {
        d.set_item("morris.csv", morris)?;
    }
    d.set_item(
        "sensitivity.json",
        serde_json::to_string_pretty(&result).map_err(|e| json("sensitivity", e))?,
    )?;
    let manifest = SensitivityManifest::new(&base, &config);
    d.set_item(
        "manifest.json",
        serde_json::to_string_pretty(&manifest).map_err(|e| json("manifest", e))?,
    )?;
    let mut set = vec![figure::sensitivity::tornado_figure(&result).py()?];
    set.extend(figure::sensitivity::morris_figure(&result).py()?);
    let figures: Vec<(String, String)> = set.into_iter().map(|f| (f.name, f.svg)).collect();
    d.set_item("figures", figures)?;
    Ok(d)
}
