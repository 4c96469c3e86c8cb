//! `dilemma.solve`: Nash equilibria of a two-player game, and its
//! correlated equilibrium, by the library's solvers.

use crate::errors::json;
use crate::game::Game;
use dilemma::equilibrium::{
    correlated_equilibrium, solve_with_options, CorrelatedObjective, Labels, Method, SolveOptions,
};
use numpy::IntoPyArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The methods of `dilemma solve --method` that take a two-player game
/// (the correlated equilibrium aside).
fn method(name: &str) -> PyResult<Method> {
    Ok(match name {
        "all" => Method::All,
        "pure" => Method::Pure,
        "support" => Method::Support,
        "lemke-howson" | "lemke_howson" => Method::LemkeHowson,
        "zero-sum" | "zero_sum" => Method::ZeroSum,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown method `{other}`; known: all, pure, support, lemke-howson, zero-sum, correlated"
            )))
        }
    })
}

fn objective(name: &str) -> PyResult<CorrelatedObjective> {
    Ok(match name {
        "welfare" => CorrelatedObjective::Welfare,
        "row" | "row-payoff" => CorrelatedObjective::RowPayoff,
        "column" | "col-payoff" => CorrelatedObjective::ColPayoff,
        "min" | "min-payoff" => CorrelatedObjective::MinPayoff,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown objective `{other}`; known: welfare, row, column, min"
            )))
        }
    })
}

/// Solves `game` with `method`; returns the solve report as JSON (the
/// fields of `dilemma solve --format json`'s report: equilibria with
/// exact fractions as text where known). `labels` (Lemke-Howson's
/// starting labels, 0-based): `None` (label 0), `"all"` or a list.
#[pyfunction]
#[pyo3(signature = (game, method_name = "all", labels = None))]
pub fn solve(
    py: Python<'_>,
    game: &Game,
    method_name: &str,
    labels: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let m = method(method_name)?;
    let labels = match labels {
        None => Labels::First,
        Some(l) => match l.extract::<String>() {
            Ok(s) if s == "all" => Labels::All,
            Ok(s) => {
                return Err(PyValueError::new_err(format!(
                    "labels `{s}`: use \"all\" or a list of 0-based labels"
                )))
            }
            Err(_) => Labels::These(l.extract::<Vec<usize>>()?),
        },
    };
    let options = SolveOptions { labels };
    let g = &game.game;
    let report = crate::interrupt::run(py, || solve_with_options(g, m, &options, &|_| {}))?;
    serde_json::to_string(&report).map_err(|e| json("solve", e))
}

/// The correlated equilibrium maximising `objective` (`"welfare"`,
/// `"row"`, `"column"`, `"min"`): a dict with the distribution over
/// profiles (numpy), both payoffs, the objective and the largest
/// incentive-constraint violation.
#[pyfunction]
#[pyo3(signature = (game, objective_name = "welfare"))]
pub fn correlated<'py>(
    py: Python<'py>,
    game: &Game,
    objective_name: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let o = objective(objective_name)?;
    let g = &game.game;
    let ce = crate::interrupt::run(py, || correlated_equilibrium(g, &o))?;
    let d = PyDict::new(py);
    d.set_item("distribution", ce.distribution.into_pyarray(py))?;
    d.set_item("row_payoff", ce.row_payoff)?;
    d.set_item("col_payoff", ce.col_payoff)?;
    d.set_item("objective", ce.objective)?;
    d.set_item("max_violation", ce.max_violation)?;
    Ok(d)
}
