//! `dilemma.solve`: Nash equilibria of a two-player game, and its
//! correlated equilibrium, by the library's solvers; equilibria of games
//! with any number of players by the n-player solvers; the logit QRE.

use crate::errors::json;
use crate::game::Game;
use dilemma::equilibrium::nplayer::gnm::Perturbation;
use dilemma::equilibrium::nplayer::{
    solve_nplayer as solve_nplayer_lib, NPlayerMethod, NPlayerOptions,
};
use dilemma::equilibrium::qre::{fit_lambda, logit_solve, logit_solve_nplayer, Observations};
use dilemma::equilibrium::{
    correlated_equilibrium, solve_with_options, CorrelatedObjective, Labels, Method, SolveOptions,
};
use dilemma::game::{AnyGame, NPlayerGame};
use numpy::IntoPyArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The precisions at which `dilemma solve --method logit` reports the QRE
/// by default.
const DEFAULT_LAMBDAS: [f64; 6] = [0.1, 0.5, 1.0, 2.0, 5.0, 10.0];

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
                "unknown method `{other}`; known: all, pure, support, lemke-howson, zero-sum, correlated, simpdiv, liap, gnm, logit"
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
    let g = game.matrix("solve")?;
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
    let g = game.matrix("the correlated equilibrium")?;
    let ce = crate::interrupt::run(py, || correlated_equilibrium(g, &o))?;
    let d = PyDict::new(py);
    d.set_item("distribution", ce.distribution.into_pyarray(py))?;
    d.set_item("row_payoff", ce.row_payoff)?;
    d.set_item("col_payoff", ce.col_payoff)?;
    d.set_item("objective", ce.objective)?;
    d.set_item("max_violation", ce.max_violation)?;
    Ok(d)
}

/// The n-player methods of `dilemma solve --method`.
fn nplayer_method(name: &str, players: usize) -> PyResult<NPlayerMethod> {
    Ok(match name {
        "all" => NPlayerMethod::All,
        "pure" => NPlayerMethod::Pure,
        "simpdiv" => NPlayerMethod::Simpdiv,
        "liap" => NPlayerMethod::Liap,
        "gnm" => NPlayerMethod::Gnm,
        "support" | "lemke-howson" | "lemke_howson" | "zero-sum" | "zero_sum" | "correlated" => {
            return Err(PyValueError::new_err(format!(
                "method `{name}` applies to two-player games; this game has {players} player(s): use method pure, all, simpdiv, liap, gnm or logit"
            )))
        }
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown method `{other}`; known: all, pure, support, lemke-howson, zero-sum, correlated, simpdiv, liap, gnm, logit"
            )))
        }
    })
}

/// `perturbation`: one action per player, each a 0-based number or an
/// action name; returned 0-based.
fn parse_profile(spec: &[Bound<'_, PyAny>], game: &NPlayerGame) -> PyResult<Vec<usize>> {
    let n = game.num_players();
    if spec.len() != n {
        return Err(PyValueError::new_err(format!(
            "perturbation: give one action per player ({n} players, {} given)",
            spec.len()
        )));
    }
    spec.iter()
        .enumerate()
        .map(|(i, part)| {
            let names = &game.action_names()[i];
            if let Ok(name) = part.extract::<String>() {
                if let Some(a) = names.iter().position(|x| *x == name) {
                    return Ok(a);
                }
            } else if let Ok(k) = part.extract::<usize>() {
                if k < names.len() {
                    return Ok(k);
                }
            }
            Err(PyValueError::new_err(format!(
                "perturbation: `{part}` is not an action of {}; use a number from 0 to {} or one of [{}]",
                game.player_names()[i],
                names.len() - 1,
                names.join(", ")
            )))
        })
        .collect()
}

/// Solves `game` with an n-player method (`"all"`, `"pure"`, `"simpdiv"`,
/// `"liap"`, `"gnm"`) as `dilemma solve` does for an n-player game (and
/// for a two-player game with simpdiv, liap or gnm); returns the report as
/// `dilemma solve --format json` prints it.
#[pyfunction]
#[pyo3(signature = (game, method_name = "all", starts = 20, seed = 1, rays = 1, perturbation = None))]
pub fn solve_nplayer(
    py: Python<'_>,
    game: &Game,
    method_name: &str,
    starts: usize,
    seed: u64,
    rays: usize,
    perturbation: Option<Vec<Bound<'_, PyAny>>>,
) -> PyResult<String> {
    let g = game.nplayer();
    let method = nplayer_method(method_name, g.num_players())?;
    if starts == 0 {
        return Err(PyValueError::new_err(
            "starts 0: give at least one starting point",
        ));
    }
    if rays == 0 {
        return Err(PyValueError::new_err("rays 0: follow at least one ray"));
    }
    let perturbation = match perturbation {
        None => Perturbation::Random,
        Some(spec) => {
            if rays != 1 {
                return Err(PyValueError::new_err(format!(
                    "perturbation gives one ray; drop rays={rays}"
                )));
            }
            Perturbation::Dominant(parse_profile(&spec, &g)?)
        }
    };
    let options = NPlayerOptions {
        starts,
        seed,
        rays,
        perturbation,
    };
    let report = crate::interrupt::run(py, || solve_nplayer_lib(&g, method, &options))?;
    let value = serde_json::json!({
        "game": g.name(),
        "players": g.player_names(),
        "shape": g.shape(),
        "actions": g.action_names(),
        "method": report.method,
        "complete": report.complete,
        "degenerate": report.degenerate,
        "exact_arithmetic": report.exact_arithmetic,
        "computation": report.computation,
        "tolerance": report.tolerance,
        "max_regret": report.max_regret,
        "equilibria": report.equilibria,
    });
    serde_json::to_string(&value).map_err(|e| json("solve", e))
}

/// The logit QRE's principal branch (`dilemma solve --method logit`): the
/// QRE at each of `lambdas`, the limit (a verified Nash equilibrium) and
/// every traced point, as JSON (the command line's report plus `trace`).
/// A two-player game goes through the two-player tracer, as on the
/// command line.
#[pyfunction]
#[pyo3(signature = (game, lambdas = None))]
pub fn logit(py: Python<'_>, game: &Game, lambdas: Option<Vec<f64>>) -> PyResult<String> {
    let lambdas = lambdas.unwrap_or_else(|| DEFAULT_LAMBDAS.to_vec());
    let value = match &game.any {
        AnyGame::Two(g) => {
            let r = crate::interrupt::run(py, || logit_solve(g, &lambdas))?;
            serde_json::json!({
                "game": g.name(),
                "players": ["row", "column"],
                "actions": [g.row_actions(), g.col_actions()],
                "method": "logit",
                "points": r.points,
                "trace": r.trace,
                "limit": r.limit,
                "end_lambda": r.end_lambda,
                "tolerance": r.tolerance,
                "max_regret": r.limit.max_regret,
                "steps": r.steps,
                "refused_steps": r.refused_steps,
                "bifurcations": r.bifurcations,
            })
        }
        AnyGame::Many(g) => {
            let r = crate::interrupt::run(py, || logit_solve_nplayer(g, &lambdas))?;
            serde_json::json!({
                "game": g.name(),
                "players": g.player_names(),
                "actions": g.action_names(),
                "method": "logit",
                "points": r.points,
                "trace": r.trace,
                "limit": r.limit,
                "end_lambda": r.end_lambda,
                "tolerance": r.tolerance,
                "max_regret": r.limit.max_regret,
                "steps": r.steps,
                "refused_steps": r.refused_steps,
                "bifurcations": r.bifurcations,
            })
        }
    };
    serde_json::to_string(&value).map_err(|e| json("logit", e))
}

/// The maximum-likelihood logit QRE of observed play (`dilemma fit-qre`):
/// `counts` each player's action counts (two lists, or the command line's
/// `--counts` text), or `data` a CSV file of plays as `--data` reads it.
/// Returns the command line's `--format json` report.
#[pyfunction]
#[pyo3(signature = (game, counts = None, data = None))]
pub fn fit_qre(
    py: Python<'_>,
    game: &Game,
    counts: Option<&Bound<'_, PyAny>>,
    data: Option<std::path::PathBuf>,
) -> PyResult<String> {
    let g = game.matrix("fit_qre")?;
    let observations = match (counts, data) {
        (Some(c), None) => match c.extract::<String>() {
            Ok(text) => Observations::parse(&text),
            Err(_) => Observations::new(c.extract::<Vec<Vec<f64>>>()?),
        },
        (None, Some(path)) => {
            Observations::read_plays_csv(&path, &[g.row_actions(), g.col_actions()])
        }
        _ => {
            return Err(PyValueError::new_err(
                "give the observations with counts or data",
            ))
        }
    }
    .map_err(crate::errors::to_py)?;
    let fit = crate::interrupt::run(py, || fit_lambda(g, &observations))?;
    let value = serde_json::json!({
        "game": g.name(),
        "row_actions": g.row_actions(),
        "col_actions": g.col_actions(),
        "counts": observations.counts(),
        "fit": fit,
    });
    serde_json::to_string(&value).map_err(|e| json("fit_qre", e))
}
