//! Strategies: the registry's list, and strategies defined from Python as
//! data (the TOML families of `dilemma::strategy::data`, as dicts).

use crate::errors::{json, IntoPy};
use dilemma::strategy::Registry;
use dilemma::tournament::output::StrategyFile;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The TOML text of strategy definitions given as a JSON list of tables
/// (each one `[[strategy]]` entry).
#[pyfunction]
pub fn strategies_toml(definitions: &str) -> PyResult<String> {
    let list: serde_json::Value =
        serde_json::from_str(definitions).map_err(|e| json("strategies", e))?;
    let doc = serde_json::json!({ "strategy": list });
    toml::to_string(&doc)
        .map_err(|e| PyValueError::new_err(format!("strategies: not expressible as TOML: {e}")))
}

/// The builtin registry with the given strategy files (`(name, TOML text)`)
/// loaded, and the files as a manifest records them.
pub fn registry(files: &[(String, String)]) -> PyResult<(Registry, Vec<StrategyFile>)> {
    let mut registry = Registry::builtin();
    let mut kept = Vec::with_capacity(files.len());
    for (name, text) in files {
        registry.load_str(text, name).py()?;
        kept.push(StrategyFile {
            path: name.clone(),
            contents: text.clone(),
        });
    }
    Ok((registry, kept))
}

/// Every known strategy (builtin and those of `files`) as a JSON list with
/// the fields of `dilemma strategies --format json`.
#[pyfunction]
#[pyo3(signature = (files = Vec::new()))]
pub fn strategies(files: Vec<(String, String)>) -> PyResult<String> {
    let (registry, _) = registry(&files)?;
    let rows: Vec<serde_json::Value> = registry
        .entries()
        .iter()
        .map(|e| e.listing())
        .chain(
            dilemma::posture::native_strategies()
                .iter()
                .map(|n| n.listing()),
        )
        .collect();
    serde_json::to_string(&rows).map_err(|e| json("strategies", e))
}
