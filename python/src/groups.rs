//! `dilemma.Groups`: a tournament of groups of n players on an n-player
//! game, or on the n-state security dilemma with blocs, as `dilemma groups`
//! runs it.

use crate::errors::IntoPy;
use crate::sweep::merged;
use dilemma::game::alliance::{AllianceSpec, BlocSpec, StateSpec};
use dilemma::game::{SecurityDilemma, SideParameters};
use dilemma::tournament::groups::{
    write_group_results, GroupGameSpec, GroupTournament, GroupTournamentConfig,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// States in seat order, each with its own parameter values.
type States = Vec<(String, Vec<(String, f64)>)>;

/// The alliance game as `dilemma groups --game alliance` builds it from
/// `--param`, `--state`, `--bloc` and `--commitment`.
fn alliance(
    params: &[(String, f64)],
    group_size: usize,
    states: Option<States>,
    blocs: Vec<(String, Vec<String>)>,
    commitment: f64,
) -> PyResult<AllianceSpec> {
    let mut game = SecurityDilemma::default();
    for (k, v) in params {
        game.set(k, *v)
            .map_err(|e| PyValueError::new_err(format!("param {k}={v}: {e}")))?;
    }
    game.validate().py()?;
    let mut spec = AllianceSpec::plain(game, group_size);
    if let Some(states) = states {
        spec.states = Vec::new();
        for (name, values) in states {
            let mut parameters = SideParameters::default();
            for (k, v) in values {
                parameters
                    .set(&k, v)
                    .map_err(|e| PyValueError::new_err(format!("state `{name}`: {e}")))?;
            }
            parameters
                .validate()
                .map_err(|e| PyValueError::new_err(format!("state `{name}`: {e}")))?;
            spec.states.push(StateSpec { name, parameters });
        }
    }
    spec.blocs = blocs
        .into_iter()
        .map(|(name, members)| BlocSpec { name, members })
        .collect();
    spec.commitment = commitment;
    Ok(spec)
}

/// Runs a tournament of groups and writes its files (`summary.csv`,
/// `blocs.csv` and `allies.csv` where there are blocs, `manifest.json`) as
/// `dilemma groups` writes them into `out`; returns their names.
///
/// `config` overrides fields of the default configuration (the default
/// field in groups of three, 200 turns, 10 repetitions) as a JSON object;
/// `game` is an n-player catalogue name (with `params` as overrides) or
/// `"alliance"` (with `params` the model's values, `states` each state's
/// own values, `blocs` and `commitment`).
#[pyfunction]
#[pyo3(signature = (out, config = "{}", game = "n_prisoners_dilemma", params = Vec::new(),
    states = None, blocs = Vec::new(), commitment = 1.0, manifest = None, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn run_groups(
    py: Python<'_>,
    out: PathBuf,
    config: &str,
    game: &str,
    params: Vec<(String, f64)>,
    states: Option<States>,
    blocs: Vec<(String, Vec<String>)>,
    commitment: f64,
    manifest: Option<&str>,
    threads: Option<usize>,
) -> PyResult<Vec<String>> {
    let config: GroupTournamentConfig = match manifest {
        Some(text) => {
            let m: dilemma::tournament::groups::GroupManifest =
                serde_json::from_str(text).map_err(|e| crate::errors::json("manifest", e))?;
            m.config
        }
        None => {
            let mut config: GroupTournamentConfig =
                merged(&GroupTournamentConfig::default(), config, "groups")?;
            config.game = if game == "alliance" {
                GroupGameSpec::Alliance {
                    alliance: alliance(&params, config.group_size, states, blocs, commitment)?,
                }
            } else {
                if states.is_some() || !blocs.is_empty() || commitment != 1.0 {
                    return Err(PyValueError::new_err(
                        "states, blocs and commitment describe the alliance game: give them with game=\"alliance\"",
                    ));
                }
                GroupGameSpec::Catalogue {
                    name: game.to_string(),
                    params: params.into_iter().collect::<BTreeMap<_, _>>(),
                }
            };
            config
        }
    };
    let tournament = GroupTournament::new(config).py()?;
    let results = crate::interrupt::run(py, || tournament.run_with_threads(threads, &mut |_| {}))?;
    write_group_results(&out, tournament.config(), &results).py()
}
