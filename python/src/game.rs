//! `dilemma.Game`: a game in strategic form, from the catalogue (two
//! players or n), the security-dilemma model, the alliance stage game, a
//! Gambit `.nfg` file or numpy arrays.

use crate::errors::IntoPy;
use dilemma::game::alliance::{AllianceGame, AllianceSpec};
use dilemma::game::catalogue::{self, CATALOGUE};
use dilemma::game::nplayer_catalogue::{self, NPLAYER_CATALOGUE};
use dilemma::game::security::PARAMETERS;
use dilemma::game::{classify, nfg, AnyGame, NPlayerGame, SecurityDilemma};
use dilemma::MatrixGame;
use numpy::{IntoPyArray, PyArray2, PyArrayDyn, PyReadonlyArray2, PyReadonlyArrayDyn};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use std::collections::BTreeMap;

/// A game in strategic form. A two-player game has the two players' payoff
/// matrices (`row_payoffs[i, j]`, `col_payoffs[i, j]` when the row player
/// plays i and the column player j); a game of any number of players has
/// one payoff array per player (`payoffs[p, a1, ..., an]`), with player and
/// action names.
///
/// Build one with `Game.catalogue`, `Game.security`, `Game.alliance`,
/// `Game.from_nfg`, `Game.read_nfg`, `Game(a, b)` from numpy matrices or
/// `Game.from_payoffs` from one array of shape (n, a1, ..., an).
#[pyclass(module = "dilemma", frozen)]
#[derive(Clone)]
pub struct Game {
    /// The game: two-player (`AnyGame::Two`) or n-player (`AnyGame::Many`,
    /// which the command line solves with the n-player solvers whatever its
    /// number of players).
    pub any: AnyGame,
    /// The security-dilemma model it was built from, if any.
    pub model: Option<SecurityDilemma>,
}

impl Game {
    fn plain(game: MatrixGame) -> Game {
        Game {
            any: AnyGame::Two(game),
            model: None,
        }
    }

    fn many(game: NPlayerGame) -> Game {
        Game {
            any: AnyGame::Many(game),
            model: None,
        }
    }

    /// The two-player game, or a `ValueError` for what needs one.
    pub fn matrix(&self, what: &str) -> PyResult<&MatrixGame> {
        match &self.any {
            AnyGame::Two(g) => Ok(g),
            AnyGame::Many(g) => Err(PyValueError::new_err(format!(
                "{what} needs a two-player game; this game has {} player(s)",
                g.num_players()
            ))),
        }
    }

    /// The game as an n-player game (a two-player game converted).
    pub fn nplayer(&self) -> NPlayerGame {
        self.any.to_nplayer()
    }

    /// Each player's number of actions.
    fn shape_vec(&self) -> Vec<usize> {
        match &self.any {
            AnyGame::Two(g) => {
                let (m, n) = g.shape();
                vec![m, n]
            }
            AnyGame::Many(g) => g.shape().to_vec(),
        }
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
    /// overrides, e.g. `Game.catalogue("prisoners_dilemma", T=6)` or
    /// `Game.catalogue("public_goods", n=5, r=3)` (an n-player game).
    #[staticmethod]
    #[pyo3(signature = (name, **params))]
    fn catalogue(name: &str, params: Option<BTreeMap<String, f64>>) -> PyResult<Game> {
        let overrides: Vec<(String, f64)> = params.unwrap_or_default().into_iter().collect();
        let key = name.to_ascii_lowercase().replace('-', "_");
        if NPLAYER_CATALOGUE.iter().any(|e| e.name == key) {
            return Ok(Game::many(
                nplayer_catalogue::by_name(name, &overrides).py()?,
            ));
        }
        Ok(Game::plain(catalogue::by_name(name, &overrides).py()?))
    }

    /// An n-player game from one array of shape (n, a1, ..., an):
    /// `payoffs[p, a1, ..., an]` is player p's payoff when each player i
    /// plays action a_i. `players` and `actions` name the players and each
    /// player's actions (default `1, 2, ...`). The game is solved by the
    /// n-player methods whatever n, as the command line solves an n-player
    /// catalogue game; `Game(a, b)` builds a two-player game.
    #[staticmethod]
    #[pyo3(signature = (payoffs, name = None, players = None, actions = None))]
    fn from_payoffs(
        payoffs: PyReadonlyArrayDyn<'_, f64>,
        name: Option<String>,
        players: Option<Vec<String>>,
        actions: Option<Vec<Vec<String>>>,
    ) -> PyResult<Game> {
        let all = payoffs.as_array();
        let shape = all.shape();
        if shape.len() < 2 || shape[0] != shape.len() - 1 {
            return Err(PyValueError::new_err(format!(
                "payoffs of shape {shape:?}: expected (n, a1, ..., an), one payoff array per player"
            )));
        }
        let arrays = all.outer_iter().map(|a| a.to_owned()).collect();
        let mut game = NPlayerGame::new(arrays).py()?;
        if let Some(name) = name {
            game = game.with_name(name);
        }
        if let Some(players) = players {
            game = game.with_player_names(players).py()?;
        }
        if let Some(actions) = actions {
            game = game.with_action_names(actions).py()?;
        }
        Ok(Game::many(game))
    }

    /// The n-state alliance stage game (docs/model.md) from its structure as
    /// a dict, as an experiment file's `[alliance]` table writes it:
    /// `{"game": {security parameters}, "states": [{"name": ..,
    /// "parameters": {..}}], "blocs": [{"name": .., "members": [..]}],
    /// "commitment": κ}`. `spec` crosses as JSON text.
    #[staticmethod]
    fn alliance(spec: &str) -> PyResult<Game> {
        let spec: AllianceSpec =
            serde_json::from_str(spec).map_err(|e| crate::errors::json("alliance", e))?;
        let stage = AllianceGame::new(&spec).py()?;
        let model = spec.game;
        Ok(Game {
            any: AnyGame::Many(stage.to_game().py()?),
            model: Some(model),
        })
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
            any: AnyGame::Two(game),
            model: Some(model),
        })
    }

    /// A game from the text of a Gambit strategic-form (`.nfg`) file, with
    /// any number of players; `source` names it in errors.
    #[staticmethod]
    #[pyo3(signature = (text, source = "<string>"))]
    fn from_nfg(text: &str, source: &str) -> PyResult<Game> {
        Ok(match nfg::parse_any(text, source).py()? {
            AnyGame::Two(g) => Game::plain(g),
            AnyGame::Many(g) => Game::many(g),
        })
    }

    /// A game read from a Gambit `.nfg` file, with any number of players.
    #[staticmethod]
    fn read_nfg(path: std::path::PathBuf) -> PyResult<Game> {
        Ok(match nfg::read_any_file(path).py()? {
            AnyGame::Two(g) => Game::plain(g),
            AnyGame::Many(g) => Game::many(g),
        })
    }

    /// The game as the text of a Gambit `.nfg` file (payoff version), as
    /// `dilemma game show --format nfg` prints it.
    fn to_nfg(&self) -> String {
        nfg::any_to_string(&self.any)
    }

    /// Writes the game to a Gambit `.nfg` file.
    fn write_nfg(&self, path: std::path::PathBuf) -> PyResult<()> {
        std::fs::write(&path, nfg::any_to_string(&self.any))
            .map_err(|e| PyValueError::new_err(format!("cannot write {}: {e}", path.display())))
    }

    /// The game's name.
    #[getter]
    fn name(&self) -> String {
        self.any.name().to_string()
    }

    /// The number of players.
    #[getter]
    fn num_players(&self) -> usize {
        match &self.any {
            AnyGame::Two(_) => 2,
            AnyGame::Many(g) => g.num_players(),
        }
    }

    /// Each player's number of actions, a tuple: (row actions, column
    /// actions) for a two-player game.
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.shape_vec())
    }

    /// The players' names.
    #[getter]
    fn players(&self) -> Vec<String> {
        self.nplayer().player_names().to_vec()
    }

    /// Each player's action names.
    #[getter]
    fn actions(&self) -> Vec<Vec<String>> {
        self.nplayer().action_names().to_vec()
    }

    /// Every player's payoffs as one array of shape (n, a1, ..., an).
    #[getter]
    fn payoffs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArrayDyn<f64>>> {
        let g = self.nplayer();
        let mut shape = vec![g.num_players()];
        shape.extend_from_slice(g.shape());
        let flat: Vec<f64> = (0..g.num_players())
            .flat_map(|p| g.flat_payoffs(p).to_vec())
            .collect();
        let a = ndarray::ArrayD::from_shape_vec(shape, flat)
            .map_err(|e| PyValueError::new_err(format!("payoffs: {e}")))?;
        Ok(a.into_pyarray(py))
    }

    /// `True` for a two-player game that the two-player solvers take (built
    /// by `Game(a, b)`, the two-player catalogue, the security model or a
    /// two-player `.nfg` file).
    #[getter]
    fn is_two_player(&self) -> bool {
        matches!(self.any, AnyGame::Two(_))
    }

    /// The row player's payoff matrix A (two-player games).
    #[getter]
    fn row_payoffs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        Ok(self
            .matrix("row_payoffs")?
            .row_payoffs()
            .clone()
            .into_pyarray(py))
    }

    /// The column player's payoff matrix B (two-player games).
    #[getter]
    fn col_payoffs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        Ok(self
            .matrix("col_payoffs")?
            .col_payoffs()
            .clone()
            .into_pyarray(py))
    }

    /// The row player's action names (two-player games).
    #[getter]
    fn row_actions(&self) -> PyResult<Vec<String>> {
        Ok(self.matrix("row_actions")?.row_actions().to_vec())
    }

    /// The column player's action names (two-player games).
    #[getter]
    fn col_actions(&self) -> PyResult<Vec<String>> {
        Ok(self.matrix("col_actions")?.col_actions().to_vec())
    }

    /// `True` when the game is symmetric (within `tolerance`): B is A
    /// transposed, or for n players every permutation of the players
    /// permutes the payoffs alike.
    #[pyo3(signature = (tolerance = 1e-12))]
    fn is_symmetric(&self, tolerance: f64) -> bool {
        match &self.any {
            AnyGame::Two(g) => g.is_symmetric(tolerance),
            AnyGame::Many(g) => g.is_symmetric(tolerance),
        }
    }

    /// The 2x2 game's class (prisoner's dilemma, stag hunt, chicken, ...;
    /// docs/model.md §2) as `dilemma game show` names it.
    fn classify(&self) -> PyResult<String> {
        Ok(classify(self.matrix("classify")?).py()?.to_string())
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
        let shape: Vec<String> = self.shape_vec().iter().map(|k| k.to_string()).collect();
        match &self.any {
            AnyGame::Two(g) => format!("Game({:?}, {})", g.name(), shape.join("x")),
            AnyGame::Many(g) => format!(
                "Game({:?}, {} players, {})",
                g.name(),
                g.num_players(),
                shape.join("x")
            ),
        }
    }

    fn __str__(&self) -> String {
        nfg::any_to_string(&self.any)
    }

    fn __eq__(&self, other: &Game) -> bool {
        self.any == other.any
    }
}

/// The catalogue: `(name, {parameter: default}, description)` for every
/// game, the two-player ones then the n-player ones.
#[pyfunction]
pub fn catalogue_names() -> Vec<(String, BTreeMap<String, f64>, String)> {
    CATALOGUE
        .iter()
        .chain(NPLAYER_CATALOGUE)
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
