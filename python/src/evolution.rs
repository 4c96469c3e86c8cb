//! The evolutionary processes: Axelrod's ecological simulation, the Moran
//! process (exact fixation probability and simulation), the replicator
//! dynamics, and an experiment's `[evolution]` stage on a tournament's
//! results.

use crate::errors::{json, IntoPy};
use crate::game::Game;
use dilemma::evolution::{
    self, ecological_simulation, replicator_trajectory, EvolutionConfig, MoranProcess,
    TournamentPayoffs,
};
use dilemma::tournament::TournamentResults;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadonlyArray2};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// `rows` (each of length `n`) as a 2-D array.
fn shares_array(rows: &[Vec<f64>], n: usize) -> ndarray::Array2<f64> {
    ndarray::Array2::from_shape_fn((rows.len(), n), |(g, i)| rows[g][i])
}

/// Axelrod's ecological simulation (discrete replicator dynamics,
/// docs/model.md §11.1) on the payoff matrix `payoffs` (non-negative,
/// `payoffs[i, j]` the mean payoff of i against j) from `initial` shares
/// (uniform when `None`): the shares of every generation, generation 0
/// first, as an array of shape (generations + 1, strategies).
#[pyfunction]
#[pyo3(signature = (payoffs, generations = 1000, initial = None))]
pub fn ecological<'py>(
    py: Python<'py>,
    payoffs: PyReadonlyArray2<'_, f64>,
    generations: usize,
    initial: Option<Vec<f64>>,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let m = payoffs.as_array().to_owned();
    let n = m.ncols();
    let e = crate::interrupt::run(py, || {
        ecological_simulation(&m, initial.as_deref(), generations)
    })?;
    Ok(shares_array(&e.shares, n).into_pyarray(py))
}

/// The exact fixation probability of `mutants` mutants in a population of
/// `population` (Moran process, docs/model.md §11.5) with the match
/// payoffs `(mutant v mutant, mutant v resident, resident v mutant,
/// resident v resident)`.
#[pyfunction]
#[pyo3(signature = (payoffs, population = 10, mutants = 1))]
pub fn fixation_probability(
    payoffs: (f64, f64, f64, f64),
    population: usize,
    mutants: usize,
) -> PyResult<f64> {
    let (a, b, c, d) = payoffs;
    evolution::fixation_probability([a, b, c, d], population, mutants).py()
}

/// Simulates the Moran process on the payoff matrix `payoffs`: the share
/// of `runs` runs in which `mutants` individuals of type `mutant` took over
/// a population of `population` otherwise of type `resident`. Returns a
/// dict with the probability, its standard error, the runs and those
/// unfinished.
#[pyfunction]
#[pyo3(signature = (payoffs, mutant, resident, population = 10, mutants = 1, runs = 1000, seed = 0))]
#[allow(clippy::too_many_arguments)]
pub fn moran<'py>(
    py: Python<'py>,
    payoffs: PyReadonlyArray2<'_, f64>,
    mutant: usize,
    resident: usize,
    population: usize,
    mutants: usize,
    runs: usize,
    seed: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let process = MoranProcess::new(payoffs.as_array().to_owned()).py()?;
    let e = crate::interrupt::run(py, || {
        process.estimate_fixation(mutant, resident, population, mutants, runs, seed)
    })?;
    let d = PyDict::new(py);
    d.set_item("probability", e.probability)?;
    d.set_item("standard_error", e.standard_error)?;
    d.set_item("runs", e.runs)?;
    d.set_item("unfinished", e.unfinished)?;
    Ok(d)
}

/// A replicator trajectory: its times and its states.
type Trajectory<'py> = (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray2<f64>>);

/// Integrates the replicator dynamics of the symmetric `game` from
/// `initial` (shares summing to 1) for `steps` steps of length `dt`:
/// `(times, states)`, `states[k, i]` the share of action i at `times[k]`.
#[pyfunction]
#[pyo3(signature = (game, initial, dt = 0.01, steps = 1000))]
pub fn replicator<'py>(
    py: Python<'py>,
    game: &Game,
    initial: Vec<f64>,
    dt: f64,
    steps: usize,
) -> PyResult<Trajectory<'py>> {
    let g = game.matrix("replicator")?;
    let t = crate::interrupt::run(py, || replicator_trajectory(g, &initial, dt, steps))?;
    let n = g.shape().0;
    Ok((
        t.times.into_pyarray(py),
        shares_array(&t.states, n).into_pyarray(py),
    ))
}

/// Runs an experiment's `[evolution]` stage (`config`: an
/// `EvolutionConfig` as JSON, the fields of the experiment file's
/// `[evolution]`) on a tournament's results (`results.json` text), as
/// `dilemma run` does. Returns `(records JSON, shift)`: the ecological
/// table and Moran reports, and how far the payoffs were shifted up.
/// `files` are the tournament's strategy files, for Moran processes that
/// play their matches.
#[pyfunction]
#[pyo3(signature = (results, config, files = Vec::new(), threads = None))]
pub fn evolve(
    py: Python<'_>,
    results: &str,
    config: &str,
    files: Vec<(String, String)>,
    threads: Option<usize>,
) -> PyResult<(String, f64)> {
    let results: TournamentResults =
        serde_json::from_str(results).map_err(|e| json("results", e))?;
    let config: EvolutionConfig = serde_json::from_str(config).map_err(|e| json("evolution", e))?;
    let (registry, _) = crate::strategies::registry(&files)?;
    let pool = dilemma::parallel::pool(threads).py()?;
    let evolution = crate::interrupt::run(py, || {
        let payoffs = TournamentPayoffs::new(
            &results.players,
            &results.statistics.payoff_matrix,
            results.config.expected_turns(),
        )
        .with_matches(&results.config, &registry);
        pool.install(|| evolution::evolve(&payoffs, &config, &mut |_| {}))
    })?;
    let records = serde_json::to_string(&evolution.records).map_err(|e| json("evolution", e))?;
    Ok((records, evolution.shift))
}
