//! `dilemma.Game`: a two-player game in strategic form, from the
//! catalogue, the security-dilemma model, a Gambit `.nfg` file or numpy
//! arrays.

use crate::errors::IntoPy;
use dilemma::game::catalogue::{self, CATALOGUE};
use dilemma::game::security::PARAMETERS;
use dilemma::game::{classify, nfg, SecurityDilemma};
use dilemma::MatrixGame;
use numpy::{IntoPyArray, PyArray2, PyReadonlyArray2};
use pyo3::prelude::*;
use std::collections::BTreeMap;

/// A two-player game in strategic form: the two players' payoff matrices
/// (`row_payoffs[i, j]`, `col_payoffs[i, j]` when the row player plays i and
/// the column player j) and the actions' names.
///
/// Build one with `Game.catalogue`, `Game.security`, `Game.from_nfg`,
/// `Game.read_nfg` or `Game(a, b)` from numpy arrays.
#[pyclass(module = "dilemma", frozen)]
#[derive(Clone)]
pub struct Game {
    pub game: MatrixGame,
    /// The security-dilemma model it was built from, if any.
    pub model: Option<SecurityDilemma>,
}

impl Game {
    fn plain(game: MatrixGame) -> Game {
        Game { game, model: None }
    }
}

#[pymethods]
impl Game {
    /// A game from payoff matrices: `a` the row player's, `b` the column
    /// player's (default: `a` transposed, the symmetric game).
    #[new]
    #[pyo3(signature = (a, b = None, name = None, row_actions = None, col_actions = None))]
    fn new(
        a: PyReadonlyArray2<'_, f64>,
        b: Option<PyReadonlyArray2<'_, f64>>,
        name: Option<String>,
        row_actions: Option<Vec<String>>,
        col_actions: Option<Vec<String>>,
    ) -> PyResult<Game> {
        let a = a.as_array().to_owned();
        let mut game = match b {
            Some(b) => MatrixGame::new(a, b.as_array().to_owned()),
            None => MatrixGame::symmetric(a),
        }
        .py()?;
        if let Some(name) = name {
            game = game.with_name(name);
        }
        if row_actions.is_some() || col_actions.is_some() {
            let rows = row_actions.unwrap_or_else(|| game.row_actions().to_vec());
            let cols = col_actions.unwrap_or_else(|| game.col_actions().to_vec());
            game = game.with_action_names(rows, cols).py()?;
        }
        Ok(Game::plain(game))
    }

    /// A catalogue game by name (see `dilemma.catalogue()`), with parameter
    /// overrides, e.g. `Game.catalogue("prisoners_dilemma", T=6)`.
    #[staticmethod]
    #[pyo3(signature = (name, **params))]
    fn catalogue(name: &str, params: Option<BTreeMap<String, f64>>) -> PyResult<Game> {
        let overrides: Vec<(String, f64)> = params.unwrap_or_default().into_iter().collect();
        Ok(Game::plain(catalogue::by_name(name, &overrides).py()?))
    }

    /// The security-dilemma stage game (docs/model.md §3) with the given
    /// parameters (see `dilemma.security_parameters()`; unset ones take
    /// their defaults). `three_action` adds the defensive posture H;
    /// `perceived` gives the game as each side perceives it (§5.3).
    #[staticmethod]
    #[pyo3(signature = (three_action = false, perceived = false, **params))]
    fn security(
        three_action: bool,
        perceived: bool,
        params: Option<BTreeMap<String, f64>>,
    ) -> PyResult<Game> {
        let mut model = SecurityDilemma::default();
        for (k, v) in params.unwrap_or_default() {
            model.set(&k, v).py()?;
        }
        model.validate().py()?;
        if three_action && perceived {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "three_action and perceived: the perceived game is the two-action one",
            ));
        }
        let game = if three_action {
            model.to_three_action_game()
        } else if perceived {
            model.to_perceived_game()
        } else {
            model.to_game()
        }
        .py()?;
        Ok(Game {
            game,
            model: Some(model),
        })
    }

    /// A game from the text of a Gambit strategic-form (`.nfg`) file;
    /// `source` names it in errors.
    #[staticmethod]
    #[pyo3(signature = (text, source = "<string>"))]
    fn from_nfg(text: &str, source: &str) -> PyResult<Game> {
        Ok(Game::plain(nfg::parse(text, source).py()?))
    }

    /// A game read from a Gambit `.nfg` file.
    #[staticmethod]
    fn read_nfg(path: std::path::PathBuf) -> PyResult<Game> {
        Ok(Game::plain(nfg::read_file(path).py()?))
    }

    /// The game as the text of a Gambit `.nfg` file (payoff version), as
    /// `dilemma game show --format nfg` prints it.
    fn to_nfg(&self) -> String {
        nfg::to_string(&self.game)
    }

    /// Writes the game to a Gambit `.nfg` file.
    fn write_nfg(&self, path: std::path::PathBuf) -> PyResult<()> {
        nfg::write_file(&self.game, path).py()
    }

    /// The game's name.
    #[getter]
    fn name(&self) -> String {
        self.game.name().to_string()
    }

    /// (row actions, column actions).
    #[getter]
    fn shape(&self) -> (usize, usize) {
        self.game.shape()
    }

    /// The row player's payoff matrix A.
    #[getter]
    fn row_payoffs<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<f64>> {
        self.game.row_payoffs().clone().into_pyarray(py)
    }

    /// The column player's payoff matrix B.
    #[getter]
    fn col_payoffs<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<f64>> {
        self.game.col_payoffs().clone().into_pyarray(py)
    }

    /// The row player's action names.
    #[getter]
    fn row_actions(&self) -> Vec<String> {
        self.game.row_actions().to_vec()
    }

    /// The column player's action names.
    #[getter]
    fn col_actions(&self) -> Vec<String> {
        self.game.col_actions().to_vec()
    }

    /// `True` when B is A transposed (within `tolerance`).
    #[pyo3(signature = (tolerance = 1e-12))]
    fn is_symmetric(&self, tolerance: f64) -> bool {
        self.game.is_symmetric(tolerance)
    }

    /// The 2x2 game's class (prisoner's dilemma, stag hunt, chicken, ...;
    /// docs/model.md §2) as `dilemma game show` names it.
    fn classify(&self) -> PyResult<String> {
        Ok(classify(&self.game).py()?.to_string())
    }

    /// The security-dilemma model's parameters (every one, defaults
    /// included) when the game was built by `Game.security`, else `None`.
    fn model_parameters(&self) -> PyResult<Option<BTreeMap<String, f64>>> {
        let Some(model) = &self.model else {
            return Ok(None);
        };
        let value = serde_json::to_value(model).map_err(|e| crate::errors::json("model", e))?;
        let mut out = BTreeMap::new();
        if let serde_json::Value::Object(map) = value {
            for (k, v) in map {
                match v {
                    serde_json::Value::Number(n) => {
                        out.insert(k, n.as_f64().unwrap_or(f64::NAN));
                    }
                    serde_json::Value::Array(pair) => {
                        for (suffix, x) in ["row", "column"].iter().zip(pair) {
                            out.insert(format!("{k}_{suffix}"), x.as_f64().unwrap_or(f64::NAN));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(Some(out))
    }

    /// The Jervis world (1-4) of the security-dilemma model, when the game
    /// was built by `Game.security` (docs/model.md §4).
    fn jervis_world(&self) -> Option<String> {
        self.model.as_ref().map(|m| m.jervis_world().to_string())
    }

    fn __repr__(&self) -> String {
        let (m, n) = self.game.shape();
        format!("Game({:?}, {m}x{n})", self.game.name())
    }

    fn __str__(&self) -> String {
        nfg::to_string(&self.game)
    }

    fn __eq__(&self, other: &Game) -> bool {
        self.game == other.game
    }
}

/// The catalogue: `(name, {parameter: default}, description)` for every
/// game.
#[pyfunction]
pub fn catalogue_names() -> Vec<(String, BTreeMap<String, f64>, String)> {
    CATALOGUE
        .iter()
        .map(|e| {
            (
                e.name.to_string(),
                e.parameters
                    .iter()
                    .map(|(k, v)| (k.to_string(), *v))
                    .collect(),
                e.description.to_string(),
            )
        })
        .collect()
}

/// The security-dilemma model's parameters: `(name, symbol, default,
/// range, meaning)`.
#[pyfunction]
pub fn security_parameters() -> Vec<(String, String, f64, String, String)> {
    PARAMETERS
        .iter()
        .map(|p| {
            (
                p.name.to_string(),
                p.symbol.to_string(),
                p.default,
                p.range.to_string(),
                p.meaning.to_string(),
            )
        })
        .collect()
}

/// The security-dilemma model with `params` set as `--param` sets them
/// (`paranoia` sets both players'), checked, as JSON: the `parameters` of
/// a tournament's `security` game.
#[pyfunction]
pub fn security_model(params: BTreeMap<String, f64>) -> PyResult<String> {
    let mut model = SecurityDilemma::default();
    for (k, v) in params {
        model.set(&k, v).py()?;
    }
    model.validate().py()?;
    serde_json::to_string(&model).map_err(|e| crate::errors::json("model", e))
}
