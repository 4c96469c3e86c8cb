//! `dilemma.learn`: a learning dynamic on a two-player game, as
//! `dilemma learn` runs it: the trajectory as the text of
//! `trajectory.csv`, the summary as `--format json` prints it, and the
//! figures.

use crate::errors::json;
use crate::game::Game;
use dilemma::figure::learning::learning_figures;
use dilemma::learning::regret_matching::default_inertia;
use dilemma::learning::stationary::small_mutation_limit;
use dilemma::learning::{
    best_response_dynamics, fictitious_play, regret_matching, replicator_mutator,
    stochastic_fictitious_play, two_population_replicator, ContinuousOptions, FermiProcess,
    FictitiousOptions, RegretMatchingOptions, ReplicatorMutatorOptions,
    StochasticFictitiousOptions, Trajectory,
};
use dilemma::MatrixGame;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::json;

/// `(trajectory.csv text, summary JSON, figures as (name, SVG))`.
type Learned = (String, String, Vec<(String, String)>);

/// The rows `dilemma learn` records by default (`--record-every` is then
/// the iterations over this, rounded up).
const DEFAULT_MAX_ROWS: usize = 5000;

/// The dynamics and the options each takes (Python's names).
const DYNAMICS: [(&str, &[&str]); 7] = [
    ("fictitious", &["start"]),
    (
        "stochastic-fictitious",
        &["seed", "start", "intensity", "perturbation"],
    ),
    ("regret-matching", &["seed", "inertia"]),
    ("best-response", &["start", "step"]),
    ("replicator-mutator", &["start", "mutation", "step"]),
    ("two-population", &["start", "step"]),
    (
        "fermi",
        &["seed", "start", "mutation", "intensity", "population"],
    ),
];

/// A start as the dynamic takes it.
enum Start {
    /// None given.
    Default,
    /// The row player's and the column player's values.
    Two([Vec<f64>; 2]),
    /// One population's shares.
    One(Vec<f64>),
}

impl Start {
    fn two(&self) -> Option<[Vec<f64>; 2]> {
        match self {
            Start::Two(b) => Some(b.clone()),
            _ => None,
        }
    }

    fn one(&self) -> Option<Vec<f64>> {
        match self {
            Start::One(b) => Some(b.clone()),
            _ => None,
        }
    }
}

/// The options of one run, as `dilemma learn`'s flags.
struct LearnOptions {
    iterations: usize,
    seed: u64,
    start: Start,
    mutation: Option<f64>,
    intensity: Option<f64>,
    perturbation: Option<f64>,
    inertia: Option<f64>,
    population: Option<usize>,
    step: Option<f64>,
}

/// `start` as `dynamic` takes it: two lists (the row player's values, the
/// column player's) or one population's shares (replicator-mutator and
/// fermi; a flat list or a list of one list).
fn parse_start(dynamic: &str, start: Option<Vec<Vec<f64>>>) -> PyResult<Start> {
    let Some(blocks) = start else {
        return Ok(Start::Default);
    };
    if matches!(dynamic, "replicator-mutator" | "fermi") {
        return match <[Vec<f64>; 1]>::try_from(blocks) {
            Ok([one]) => Ok(Start::One(one)),
            Err(_) => Err(PyValueError::new_err(
                "start: expected one population's shares, one list",
            )),
        };
    }
    <[Vec<f64>; 2]>::try_from(blocks)
        .map(Start::Two)
        .map_err(|_| {
            PyValueError::new_err(
                "start: expected the row player's values and the column player's, two lists",
            )
        })
}

/// Runs `dynamic` as `dilemma learn`'s `simulate` does; returns the
/// trajectory, the details and the small-mutation limit (Fermi) as JSON.
fn simulate(
    dynamic: &str,
    game: &MatrixGame,
    o: &LearnOptions,
    record_every: usize,
) -> dilemma::Result<(Trajectory, serde_json::Value, Option<serde_json::Value>)> {
    let iterations = o.iterations;
    let dt = o.step.unwrap_or(0.01);
    Ok(match dynamic {
        "fictitious" => {
            let run = fictitious_play(
                game,
                &FictitiousOptions {
                    iterations,
                    initial_counts: o.start.two(),
                    record_every,
                },
            )?;
            (run.trajectory, json!({ "final_counts": run.counts }), None)
        }
        "stochastic-fictitious" => {
            let lambda = o.intensity.unwrap_or(10.0);
            let options = StochasticFictitiousOptions {
                iterations,
                eta: 1.0 / lambda,
                epsilon_bar: o.perturbation.unwrap_or(0.01),
                initial_counts: o.start.two(),
                seed: o.seed,
                record_every,
            };
            let run = stochastic_fictitious_play(game, &options)?;
            (
                run.trajectory,
                json!({
                    "precision": lambda,
                    "perturbation": options.epsilon_bar,
                    "final_counts": run.counts,
                }),
                None,
            )
        }
        "regret-matching" => {
            let run = regret_matching(
                game,
                &RegretMatchingOptions {
                    iterations,
                    inertia: o.inertia,
                    seed: o.seed,
                    record_every,
                },
            )?;
            let violation = run.trajectory.extra[0].values.last().copied();
            let details = json!({
                "inertia": run.inertia,
                "default_inertia": default_inertia(game),
                "joint": run.joint,
                "ce_violation": violation.filter(|v| v.is_finite()),
            });
            (run.trajectory, details, None)
        }
        "best-response" | "two-population" => {
            let options = ContinuousOptions {
                start: o.start.two(),
                dt,
                steps: iterations,
                record_every,
            };
            let trajectory = if dynamic == "best-response" {
                best_response_dynamics(game, &options)
            } else {
                two_population_replicator(game, &options)
            }?;
            (trajectory, json!({ "step": dt }), None)
        }
        "replicator-mutator" => {
            let mutation = o.mutation.unwrap_or(0.01);
            let trajectory = replicator_mutator(
                game,
                &ReplicatorMutatorOptions {
                    start: o.start.one(),
                    mutation,
                    dt,
                    steps: iterations,
                    record_every,
                },
            )?;
            (
                trajectory,
                json!({ "step": dt, "mutation": mutation }),
                None,
            )
        }
        _ => {
            let population = o.population.unwrap_or(50);
            let (beta, mutation) = (o.intensity.unwrap_or(1.0), o.mutation.unwrap_or(0.001));
            let process = FermiProcess::new(game, population, beta, mutation)?;
            let start = match o.start.one() {
                Some(shares) => process.counts_of(&shares)?,
                None => {
                    let mut c = vec![0; process.strategies()];
                    c[0] = population;
                    c
                }
            };
            let trajectory = process.simulate(&start, iterations, o.seed, record_every)?;
            let limit = small_mutation_limit(&process);
            (
                trajectory,
                json!({
                    "population": population,
                    "intensity": beta,
                    "mutation": mutation,
                    "start_counts": start,
                }),
                Some(json!(limit)),
            )
        }
    })
}

/// Runs a learning dynamic on `game` as `dilemma learn --dynamic` does
/// (same names: `"fictitious"`, `"stochastic-fictitious"`,
/// `"regret-matching"`, `"best-response"`, `"replicator-mutator"`,
/// `"two-population"`, `"fermi"`; each takes the options the command line
/// lets it take, and refuses the others). Returns `(trajectory.csv text,
/// summary JSON, figures as (name, SVG))`; `figures = False` draws none.
#[pyfunction]
#[pyo3(signature = (game, dynamic, iterations = 1000, seed = None, start = None, mutation = None,
    intensity = None, perturbation = None, inertia = None, population = None, step = None,
    record_every = None, figures = true))]
#[allow(clippy::too_many_arguments)]
pub fn learn(
    py: Python<'_>,
    game: &Game,
    dynamic: &str,
    iterations: usize,
    seed: Option<u64>,
    start: Option<Vec<Vec<f64>>>,
    mutation: Option<f64>,
    intensity: Option<f64>,
    perturbation: Option<f64>,
    inertia: Option<f64>,
    population: Option<usize>,
    step: Option<f64>,
    record_every: Option<usize>,
    figures: bool,
) -> PyResult<Learned> {
    let dynamic = dynamic.replace('_', "-");
    let Some((_, applies)) = DYNAMICS.iter().find(|(name, _)| *name == dynamic) else {
        let known: Vec<&str> = DYNAMICS.iter().map(|(n, _)| *n).collect();
        return Err(PyValueError::new_err(format!(
            "unknown dynamic `{dynamic}`; known: {}",
            known.join(", ")
        )));
    };
    let given = [
        ("seed", seed.is_some()),
        ("start", start.is_some()),
        ("mutation", mutation.is_some()),
        ("intensity", intensity.is_some()),
        ("perturbation", perturbation.is_some()),
        ("inertia", inertia.is_some()),
        ("population", population.is_some()),
        ("step", step.is_some()),
    ];
    if let Some((name, _)) = given.iter().find(|(n, g)| *g && !applies.contains(n)) {
        return Err(PyValueError::new_err(format!(
            "{name} does not apply to dynamic {dynamic}; it takes {}",
            applies.join(", ")
        )));
    }
    if record_every == Some(0) {
        return Err(PyValueError::new_err(
            "record_every 0: give a positive number",
        ));
    }
    let g = match &game.any {
        dilemma::game::AnyGame::Two(g) => g,
        dilemma::game::AnyGame::Many(g) => {
            return Err(PyValueError::new_err(format!(
                "learning dynamics take a two-player game; this one has {} players",
                g.num_players()
            )))
        }
    };
    if dynamic == "stochastic-fictitious" {
        let lambda = intensity.unwrap_or(10.0);
        if !(lambda.is_finite() && lambda > 0.0) {
            return Err(PyValueError::new_err(format!(
                "intensity {lambda}: the logit precision must be a finite number > 0"
            )));
        }
    }
    let options = LearnOptions {
        iterations,
        seed: seed.unwrap_or(1),
        start: parse_start(&dynamic, start)?,
        mutation,
        intensity,
        perturbation,
        inertia,
        population,
        step,
    };
    let record_every = record_every.unwrap_or_else(|| iterations.div_ceil(DEFAULT_MAX_ROWS).max(1));
    let (trajectory, details, limit, drawn) = crate::interrupt::run(py, || {
        let (t, details, limit) = simulate(&dynamic, g, &options, record_every)?;
        let drawn = if figures {
            learning_figures(&t)?
        } else {
            Vec::new()
        };
        Ok((t, details, limit, drawn))
    })?;
    let (m, n) = g.shape();
    let mut summary = json!({
        "game": g.name(),
        "shape": [m, n],
        "row_actions": g.row_actions(),
        "col_actions": g.col_actions(),
        "dynamic": dynamic,
        "clock": trajectory.clock,
        "end": trajectory.times.last(),
        "final": trajectory.last(),
        "rows": trajectory.len(),
        "record_every": record_every,
        "details": details,
    });
    if let (Some(limit), Some(map)) = (limit, summary.as_object_mut()) {
        map.insert("small_mutation_limit".into(), limit);
    }
    let summary = serde_json::to_string(&summary).map_err(|e| json("learn", e))?;
    let drawn = drawn.into_iter().map(|f| (f.name, f.svg)).collect();
    Ok((trajectory.to_csv(), summary, drawn))
}
