//! Figures as SVG text (and PNG bytes), drawn by the library from the
//! same records the command line draws its figures from.

use crate::errors::{json, IntoPy};
use crate::game::Game;
use dilemma::evolution::EvolutionRecords;
use dilemma::figure::{self, data, evolution, games, Figure, SweepFigureExtras};
use dilemma::sweep::SweepManifest;
use dilemma::tournament::TournamentResults;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::path::Path;

/// `(name, SVG)` of each figure.
fn named(figures: Vec<Figure>) -> Vec<(String, String)> {
    figures.into_iter().map(|f| (f.name, f.svg)).collect()
}

/// The figures of a tournament from its `results.json` text: those
/// `dilemma tournament` draws (score distributions, wins, the payoff heat
/// map, ...); `three_action` for a three-action tournament's results.
#[pyfunction]
#[pyo3(signature = (results, three_action = false))]
pub fn tournament_figures(results: &str, three_action: bool) -> PyResult<Vec<(String, String)>> {
    let figures = if three_action {
        let r: dilemma::posture::PostureResults =
            serde_json::from_str(results).map_err(|e| json("results", e))?;
        figure::posture_figure_set(&r)
    } else {
        let r: TournamentResults = serde_json::from_str(results).map_err(|e| json("results", e))?;
        figure::tournament_figure_set(&r)
    };
    Ok(named(figures.py()?))
}

/// The figures of an evolution stage from its records as JSON (the
/// ecological table and the Moran reports).
#[pyfunction]
pub fn evolution_figures(records: &str) -> PyResult<Vec<(String, String)>> {
    let r: EvolutionRecords = serde_json::from_str(records).map_err(|e| json("evolution", e))?;
    Ok(named(figure::evolution_figure_set(&r).py()?))
}

/// The figures of a sweep from its `sweep.csv` text and manifest JSON.
#[pyfunction]
pub fn sweep_figures(table: &str, manifest: &str) -> PyResult<Vec<(String, String)>> {
    let rows = dilemma::sweep::from_csv(table, Path::new("sweep.csv")).py()?;
    let manifest: SweepManifest =
        serde_json::from_str(manifest).map_err(|e| json("manifest", e))?;
    Ok(named(
        figure::sweep_figure_set(&rows, Some(&manifest), SweepFigureExtras::default()).py()?,
    ))
}

/// The figures of a game, as `dilemma plot --game` draws them: the
/// best-response diagram of a 2x2 game, the replicator phase line of a
/// symmetric 2x2 game and the replicator portrait of a symmetric 3x3 one.
#[pyfunction]
pub fn game_figures(game: &Game) -> PyResult<Vec<(String, String)>> {
    let g = game.matrix("game_figures")?;
    let mut figures = Vec::new();
    let (r, c) = g.shape();
    let symmetric = g.is_symmetric(1e-12);
    if (r, c) == (2, 2) {
        figures.push(games::best_response_figure(&data::best_response_diagram(g).py()?).py()?);
    }
    if symmetric && r == 2 {
        figures.push(evolution::phase_line_figure(&data::phase_line(g, 201).py()?).py()?);
    }
    if symmetric && r == 3 {
        figures
            .push(evolution::simplex_figure(&data::simplex_portrait(g, 10, 0.05, 400).py()?).py()?);
    }
    if figures.is_empty() {
        return Err(PyValueError::new_err(format!(
            "`{}` is a {r}x{c}{} game: figures exist for 2x2 games and symmetric 3x3 games",
            g.name(),
            if symmetric { "" } else { " asymmetric" }
        )));
    }
    Ok(named(figures))
}

/// A figure's SVG rendered as PNG bytes at `dpi` dots per inch.
#[pyfunction]
#[pyo3(signature = (name, svg, dpi = 150))]
pub fn svg_to_png<'py>(
    py: Python<'py>,
    name: String,
    svg: String,
    dpi: u32,
) -> PyResult<Bound<'py, PyBytes>> {
    let f = Figure { name, svg };
    let png = py.detach(|| f.to_png(dpi)).py()?;
    Ok(PyBytes::new(py, &png))
}
