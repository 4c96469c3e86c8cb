//! `dilemma.play`: one match between two strategies, as `dilemma play`
//! plays it.

use crate::errors::{json, IntoPy};
use dilemma::game::security::Player;
use dilemma::game::SecurityDilemma;
use dilemma::play::{play_match, MatchConfig, Perception, StageGame};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::BTreeMap;

/// Plays one match of `a` (row) against `b` (column) and returns the
/// fields of `dilemma play --format json` as JSON: players, turns, moves,
/// scores, mean scores, state counts, seed and the match's configuration.
///
/// The stage game is the prisoner's dilemma with `payoffs` (R, S, T, P),
/// or, with `security` (a dict of the model's parameters, possibly
/// empty), the security dilemma, whose perception noise comes from the
/// model unless `perception` is positive. `files` are strategy files
/// `(name, TOML text)` loaded besides the builtin strategies.
#[pyfunction]
#[pyo3(signature = (a, b, turns = 200, continuation = None, noise = 0.0, perception = 0.0,
                    seed = 0, payoffs = (3.0, 0.0, 5.0, 1.0), security = None, files = Vec::new(),
                    three_action = false))]
#[allow(clippy::too_many_arguments)]
pub fn play(
    py: Python<'_>,
    a: &str,
    b: &str,
    turns: u64,
    continuation: Option<f64>,
    noise: f64,
    perception: f64,
    seed: u64,
    payoffs: (f64, f64, f64, f64),
    security: Option<BTreeMap<String, f64>>,
    files: Vec<(String, String)>,
    three_action: bool,
) -> PyResult<String> {
    if continuation.is_none() && turns == 0 {
        return Err(PyValueError::new_err(
            "turns = 0: a match needs at least one turn",
        ));
    }
    dilemma::limits::check_match_length(turns, continuation).py()?;
    let (reg, _) = crate::strategies::registry(&files)?;
    if three_action {
        let model = security_model(security.unwrap_or_default())?;
        let length = match continuation {
            Some(p) => dilemma::play::MatchLength::Continuation(p),
            None => dilemma::play::MatchLength::Turns(turns),
        };
        let m = ThreeAction {
            a,
            b,
            length,
            noise,
            perception,
            seed,
        };
        return m.play(py, &reg, &model);
    }
    let mut pa = reg
        .create(a)
        .map_err(|e| PyValueError::new_err(format!("player 1: {e}")))?;
    let mut pb = reg
        .create(b)
        .map_err(|e| PyValueError::new_err(format!("player 2: {e}")))?;
    let (game, seen) = match security {
        Some(params) => {
            let dyad = security_model(params)?.dyad();
            let seen = |p| {
                let n = dyad.perception_noise(p);
                Perception {
                    c_as_d: n.restraint_as_arming,
                    d_as_c: n.arming_as_restraint,
                }
            };
            let seen = if perception > 0.0 {
                [Perception::symmetric(perception); 2]
            } else {
                [seen(Player::Row), seen(Player::Column)]
            };
            (StageGame::from_game(&dyad.to_game().py()?).py()?, seen)
        }
        None => {
            let (r, s, t, p) = payoffs;
            if ![r, s, t, p].iter().all(|x| x.is_finite()) {
                return Err(PyValueError::new_err("payoffs must be finite numbers"));
            }
            (
                StageGame::symmetric(r, s, t, p),
                [Perception::symmetric(perception); 2],
            )
        }
    };
    let cfg = match continuation {
        Some(p) => MatchConfig::continuation(p),
        None => MatchConfig::turns(turns),
    }
    .with_noise(noise)
    .with_perception(seen[0], seen[1])
    .recording(true);
    let res = crate::interrupt::run(py, || play_match(&mut *pa, &mut *pb, &game, &cfg, seed))?;
    let n = res.turns.max(1) as f64;
    let v = serde_json::json!({
        "players": [pa.name(), pb.name()],
        "turns": res.turns,
        "moves": [res.move_string(0).unwrap_or_default(), res.move_string(1).unwrap_or_default()],
        "scores": res.scores,
        "mean_scores": [res.scores[0] / n, res.scores[1] / n],
        "states": {"CC": res.states[0], "CD": res.states[1], "DC": res.states[2], "DD": res.states[3]},
        "seed": seed,
        "config": cfg,
    });
    serde_json::to_string(&v).map_err(|e| json("play", e))
}

/// The security-dilemma model with `params` set, checked.
fn security_model(params: BTreeMap<String, f64>) -> PyResult<SecurityDilemma> {
    let mut model = SecurityDilemma::default();
    for (k, v) in params {
        model.set(&k, v).py()?;
    }
    model.validate().py()?;
    Ok(model)
}

/// A three-action match (restrain, arm, defensive posture H), as
/// `dilemma play --three-action` plays it.
struct ThreeAction<'a> {
    a: &'a str,
    b: &'a str,
    length: dilemma::play::MatchLength,
    noise: f64,
    perception: f64,
    seed: u64,
}

impl ThreeAction<'_> {
    /// Plays it and returns the fields of `dilemma play --three-action
    /// --format json` as JSON.
    fn play(
        &self,
        py: Python<'_>,
        reg: &dilemma::strategy::Registry,
        model: &SecurityDilemma,
    ) -> PyResult<String> {
        use dilemma::posture::{
            self, PostureGame, PostureMatch, PostureMatchConfig, PosturePerception,
        };
        if !(0.0..=1.0).contains(&self.perception) {
            return Err(PyValueError::new_err(format!(
                "perception {}: expected a probability in [0, 1]",
                self.perception
            )));
        }
        let mut a = posture::create(reg, self.a)
            .map_err(|e| PyValueError::new_err(format!("player 1: {e}")))?;
        let mut b = posture::create(reg, self.b)
            .map_err(|e| PyValueError::new_err(format!("player 2: {e}")))?;
        let dyad = model.dyad();
        let game = PostureGame::from_game(&dyad.to_three_action_game().py()?).py()?;
        let config = PostureMatchConfig {
            length: self.length,
            noise: self.noise,
            perception: [Player::Row, Player::Column]
                .map(|p| PosturePerception::from_dyad(&dyad, p, self.perception)),
            length_known: matches!(self.length, dilemma::play::MatchLength::Turns(_)),
            record_moves: true,
            same_group: [None, None],
        };
        let mut runner = PostureMatch::new(config).py()?;
        let seed = self.seed;
        let res = crate::interrupt::run(py, || Ok(runner.play(&mut *a, &mut *b, &game, seed)))?;
        let v = res.to_json([a.name(), b.name()], seed, &config, model);
        serde_json::to_string(&v).map_err(|e| json("play", e))
    }
}
