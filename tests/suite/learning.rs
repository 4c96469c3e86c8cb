//! Learning dynamics against nashpy and EGTtools
//! (`tests/fixtures/learning.json`, written by `tests/fixtures/learning.py`),
//! closed forms and theorems, and the `learn` command end to end.

use crate::cli::{assert_one_line_error, dilemma};
use dilemma::equilibrium::correlated::{correlated_equilibrium, CorrelatedObjective};
use dilemma::equilibrium::qre::logit_solve;
use dilemma::game::catalogue;
use dilemma::learning::stationary::{full_chain, full_transitions, small_mutation_limit};
use dilemma::learning::{
    best_response_dynamics, fictitious_play, regret_matching, replicator_mutator,
    stochastic_fictitious_play, two_population_replicator, ContinuousOptions, FermiProcess,
    FictitiousOptions, RegretMatchingOptions, ReplicatorMutatorOptions,
    StochasticFictitiousOptions,
};
use dilemma::MatrixGame;
use ndarray::{array, Array2};
use serde_json::Value;

/// odeint (rtol ≈ atol ≈ 1.5e-8) against RK4 at step 0.001: states agree
/// to this.
const ODE_TOL: f64 = 1e-6;
/// EGTtools' fixation probabilities and small-mutation-limit stationary
/// distribution (its eigenvector solve), and the full chain's stationary
/// distribution (numpy's dense solve; see `tests/fixtures/learning.py` on
/// the diagonal of EGTtools' full transition matrix), agree with ours to
/// this.
const EGT_TOL: f64 = 1e-9;

fn fixture() -> Value {
    let path = format!(
        "{}/tests/fixtures/learning.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn matrix(v: &Value) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).unwrap();
    Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j])
}

fn game_of(case: &Value) -> MatrixGame {
    match case.get("B") {
        Some(b) => MatrixGame::new(matrix(&case["A"]), matrix(b)).unwrap(),
        None => MatrixGame::symmetric(matrix(&case["A"])).unwrap(),
    }
}

fn vector(v: &Value) -> Vec<f64> {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn fictitious_play_matches_nashpy_move_for_move() {
    for case in fixture()["fictitious"].as_array().unwrap() {
        let game = game_of(case);
        let counts: Vec<Vec<f64>> = serde_json::from_value(case["initial_counts"].clone()).unwrap();
        let run = fictitious_play(
            &game,
            &FictitiousOptions {
                iterations: case["iterations"].as_u64().unwrap() as usize,
                initial_counts: Some([counts[0].clone(), counts[1].clone()]),
                record_every: 1,
            },
        )
        .unwrap();
        let theirs: Vec<(usize, usize)> =
            serde_json::from_value::<Vec<[usize; 2]>>(case["plays"].clone())
                .unwrap()
                .into_iter()
                .map(|p| (p[0], p[1]))
                .collect();
        assert_eq!(run.plays, theirs, "{}", case["name"]);
        let final_counts: Vec<Vec<f64>> =
            serde_json::from_value(case["final_counts"].clone()).unwrap();
        for (ours, theirs) in run.counts.iter().zip(&final_counts) {
            for (a, b) in ours.iter().zip(theirs) {
                assert!((a - b).abs() < 1e-9, "{}", case["name"]);
            }
        }
    }
}

/// nashpy's runs and ours use different random streams: the mean of the
/// final frequency of each player's first action over 400 seeds must agree
/// within four standard errors of the difference.
#[test]
fn stochastic_fictitious_play_matches_nashpy_in_distribution() {
    for case in fixture()["stochastic_fictitious"].as_array().unwrap() {
        let game = game_of(case);
        let runs = case["runs"].as_u64().unwrap() as usize;
        let iterations = case["iterations"].as_u64().unwrap() as usize;
        let mut finals = [Vec::new(), Vec::new()];
        for seed in 0..runs {
            let run = stochastic_fictitious_play(
                &game,
                &StochasticFictitiousOptions {
                    iterations,
                    eta: case["etha"].as_f64().unwrap(),
                    epsilon_bar: case["epsilon_bar"].as_f64().unwrap(),
                    initial_counts: None,
                    seed: seed as u64,
                    record_every: iterations,
                },
            )
            .unwrap();
            finals[0].push(run.counts[0][0] / iterations as f64);
            finals[1].push(run.counts[1][0] / iterations as f64);
        }
        let (means, sds) = (
            vector(&case["mean_first_action"]),
            vector(&case["sd_first_action"]),
        );
        for p in 0..2 {
            let n = finals[p].len() as f64;
            let mean = finals[p].iter().sum::<f64>() / n;
            let sd = (finals[p].iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            let se = ((sd * sd + sds[p] * sds[p]) / n).sqrt();
            assert!(
                (mean - means[p]).abs() < 4.0 * se,
                "{} player {p}: ours {mean} ± {sd}, nashpy {} ± {}",
                case["name"],
                means[p],
                sds[p]
            );
            // Spreads of the same order (a factor of 1.5 either way).
            assert!(sd < 1.5 * sds[p] && sds[p] < 1.5 * sd, "{}", case["name"]);
        }
    }
}

/// Without payoff noise, the long-run frequencies of stochastic fictitious
/// play in a 2x2 game approach the logit QRE at λ = 1/η (Hofbauer and
/// Sandholm 2002), computed by the QRE tracer.
#[test]
fn stochastic_fictitious_play_approaches_the_logit_qre() {
    let game = MatrixGame::new(
        array![[3.0, 0.0], [0.0, 1.0]],
        array![[0.0, 1.0], [1.0, 0.0]],
    )
    .unwrap();
    let eta = 0.5;
    let qre = logit_solve(&game, &[1.0 / eta]).unwrap();
    let run = stochastic_fictitious_play(
        &game,
        &StochasticFictitiousOptions {
            iterations: 100_000,
            eta,
            epsilon_bar: 0.0,
            initial_counts: None,
            seed: 3,
            record_every: 100_000,
        },
    )
    .unwrap();
    let last = run.trajectory.last();
    for (p, (ours, qre)) in last.iter().zip(&qre.points[0].strategies).enumerate() {
        let d = (ours[0] - qre[0]).abs();
        assert!(d < 0.01, "player {p}: {ours:?} vs {qre:?}");
    }
}

/// Hart and Mas-Colell (2000): the empirical joint distribution's largest
/// correlated-equilibrium violation tends to 0. Its welfare then lies, up
/// to that violation's effect, between the least and the greatest welfare
/// of a correlated equilibrium (the CE LP).
#[test]
fn regret_matching_approaches_the_correlated_equilibria() {
    for game in [
        catalogue::by_name("chicken", &[]).unwrap(),
        catalogue::rock_paper_scissors(),
        MatrixGame::new(
            array![[3.0, 0.0, 2.0], [1.0, 2.0, 0.0], [0.0, 1.0, 3.0]],
            array![[1.0, 3.0, 0.0], [2.0, 0.0, 3.0], [0.0, 2.0, 1.0]],
        )
        .unwrap(),
    ] {
        let run = regret_matching(
            &game,
            &RegretMatchingOptions {
                iterations: 1_000_000,
                inertia: None,
                seed: 11,
                record_every: 10_000,
            },
        )
        .unwrap();
        let v = &run.trajectory.extra[0];
        assert_eq!(v.name, "ce_violation");
        let early = v.values[1];
        let late = *v.values.last().unwrap();
        let range = |p: &Array2<f64>| {
            p.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - p.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let scale = range(game.row_payoffs()).max(range(game.col_payoffs()));
        assert!(late < 0.02 * scale, "{}: violation {late}", game.name());
        assert!(late < early / 2.0, "{}: {early} -> {late}", game.name());
        let welfare = |p: &Array2<f64>| (p * &(game.row_payoffs() + game.col_payoffs())).sum();
        let best = correlated_equilibrium(&game, &CorrelatedObjective::Welfare).unwrap();
        let worst = correlated_equilibrium(
            &game,
            &CorrelatedObjective::Weights(-(game.row_payoffs() + game.col_payoffs())),
        )
        .unwrap();
        let w = welfare(&run.joint);
        let slack = 0.05;
        assert!(
            w <= welfare(&best.distribution) + slack && w >= welfare(&worst.distribution) - slack,
            "{}: welfare {w} outside [{}, {}]",
            game.name(),
            welfare(&worst.distribution),
            welfare(&best.distribution)
        );
        let total: f64 = run.joint.sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
}

/// In a zero-sum game the duality gap of best-response dynamics decays as
/// e^{-t} (Hofbauer and Sorin 2006). Steps of 10⁻⁴ locate each switch of
/// best response to within 10⁻⁴; the switches come faster as the gap
/// closes, so the comparison stops at t = 3.
#[test]
fn best_response_dynamics_closes_the_zero_sum_gap_exponentially() {
    for game in [
        catalogue::rock_paper_scissors(),
        catalogue::matching_pennies(),
    ] {
        let (m, n) = game.shape();
        let mut x = vec![0.0; m];
        x[0] = 0.7;
        x[1] = 0.3;
        let mut y = vec![0.0; n];
        y[n - 1] = 0.8;
        y[0] = 0.2;
        let t = best_response_dynamics(
            &game,
            &ContinuousOptions {
                start: Some([x, y]),
                dt: 0.0001,
                steps: 30_000,
                record_every: 5000,
            },
        )
        .unwrap();
        let a = game.row_payoffs();
        let gap = |k: usize| {
            let (x, y) = (t.strategy(k, 0), t.strategy(k, 1));
            let best = (0..m)
                .map(|i| (0..n).map(|j| a[(i, j)] * y[j]).sum::<f64>())
                .fold(f64::NEG_INFINITY, f64::max);
            let worst = (0..n)
                .map(|j| (0..m).map(|i| a[(i, j)] * x[i]).sum::<f64>())
                .fold(f64::INFINITY, f64::min);
            best - worst
        };
        let w0 = gap(0);
        for k in 1..t.len() {
            let exact = w0 * (-t.times[k]).exp();
            assert!(
                (gap(k) - exact).abs() < 0.01 * w0,
                "{} t {}: gap {} vs {exact}",
                game.name(),
                t.times[k],
                gap(k)
            );
        }
    }
}

#[test]
fn replicator_mutator_matches_nashpy() {
    for case in fixture()["replicator_mutator"].as_array().unwrap() {
        let game = game_of(case);
        let times = vector(&case["times"]);
        let states: Vec<Vec<f64>> = serde_json::from_value(case["states"].clone()).unwrap();
        let dt = 0.001;
        let every = (times[1] / dt).round() as usize;
        let t = replicator_mutator(
            &game,
            &ReplicatorMutatorOptions {
                start: Some(vector(&case["start"])),
                mutation: case["mutation"].as_f64().unwrap(),
                dt,
                steps: every * (times.len() - 1),
                record_every: every,
            },
        )
        .unwrap();
        assert_eq!(t.len(), times.len());
        for (k, theirs) in states.iter().enumerate() {
            assert!((t.times[k] - times[k]).abs() < 1e-9);
            for (a, b) in t.states[k].iter().zip(theirs) {
                assert!(
                    (a - b).abs() < ODE_TOL,
                    "{} t {}: {a} vs {b}",
                    case["name"],
                    times[k]
                );
            }
        }
    }
}

#[test]
fn two_population_replicator_matches_nashpy() {
    for case in fixture()["two_population"].as_array().unwrap() {
        let game = game_of(case);
        let times = vector(&case["times"]);
        let start: Vec<Vec<f64>> = serde_json::from_value(case["start"].clone()).unwrap();
        let row: Vec<Vec<f64>> = serde_json::from_value(case["row"].clone()).unwrap();
        let col: Vec<Vec<f64>> = serde_json::from_value(case["column"].clone()).unwrap();
        let dt = 0.001;
        let every = (times[1] / dt).round() as usize;
        let t = two_population_replicator(
            &game,
            &ContinuousOptions {
                start: Some([start[0].clone(), start[1].clone()]),
                dt,
                steps: every * (times.len() - 1),
                record_every: every,
            },
        )
        .unwrap();
        for k in 0..times.len() {
            let ours = [t.strategy(k, 0), t.strategy(k, 1)].concat();
            let theirs = [row[k].clone(), col[k].clone()].concat();
            for (a, b) in ours.iter().zip(&theirs) {
                assert!(
                    (a - b).abs() < ODE_TOL,
                    "{} t {}: {a} vs {b}",
                    case["name"],
                    times[k]
                );
            }
        }
    }
}

#[test]
fn fermi_process_matches_egttools() {
    for case in fixture()["fermi"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let game = game_of(case);
        let population = case["population"].as_u64().unwrap() as usize;
        let beta = case["beta"].as_f64().unwrap();
        let mu = case["mutation"].as_f64().unwrap();
        let sml = small_mutation_limit(&FermiProcess::new(&game, population, beta, 0.0).unwrap());
        let fixation = matrix(&case["fixation"]);
        for ((r, i), theirs) in fixation.indexed_iter() {
            let ours = sml.fixation[(r, i)];
            assert!(
                (ours - theirs).abs() < EGT_TOL,
                "{name} ρ {i}->{r}: {ours} vs {theirs}"
            );
        }
        for (a, b) in sml
            .stationary
            .iter()
            .zip(vector(&case["small_mutation_stationary"]))
        {
            assert!((a - b).abs() < EGT_TOL, "{name} SML: {:?}", sml.stationary);
        }
        let process = FermiProcess::new(&game, population, beta, mu).unwrap();
        let (ours_states, p) = full_transitions(&process).unwrap();
        let at = |s: &Vec<usize>| ours_states.iter().position(|t| t == s).unwrap();
        let listed: Vec<(Vec<usize>, Vec<usize>, f64)> =
            serde_json::from_value(case["full_transitions"].clone()).unwrap();
        let mut nonzero = 0;
        for (a, b) in (0..p.nrows()).flat_map(|a| (0..p.nrows()).map(move |b| (a, b))) {
            nonzero += usize::from(a != b && p[(a, b)] > 0.0);
        }
        assert_eq!(listed.len(), nonzero, "{name}: the same transitions");
        for (from, to, theirs) in &listed {
            let ours = p[(at(from), at(to))];
            assert!(
                (ours - theirs).abs() < 1e-15,
                "{name} {from:?}->{to:?}: {ours} vs {theirs}"
            );
        }
        let full = full_chain(&process).unwrap();
        let states: Vec<Vec<usize>> = serde_json::from_value(case["full_states"].clone()).unwrap();
        let probabilities = vector(&case["full_stationary"]);
        assert_eq!(states.len(), full.states.len());
        for (s, theirs) in states.iter().zip(&probabilities) {
            let k = full.states.iter().position(|t| t == s).unwrap();
            let ours = full.stationary[k];
            assert!(
                (ours - theirs).abs() < EGT_TOL,
                "{name} full {s:?}: {ours} vs {theirs}"
            );
        }
    }
}

/// The full chain solved directly for a small population approaches the
/// small-mutation limit as μ → 0, the gap shrinking in proportion to μ.
#[test]
fn full_chain_tends_to_the_small_mutation_limit() {
    let game = MatrixGame::symmetric(array![[0.3, -1.0, 1.5], [1.0, 0.0, -1.0], [-1.0, 1.2, 0.0]])
        .unwrap();
    let limit = small_mutation_limit(&FermiProcess::new(&game, 10, 1.0, 0.0).unwrap());
    let gaps: Vec<f64> = [1e-4, 1e-5, 1e-6]
        .iter()
        .map(|&mu| {
            let full = full_chain(&FermiProcess::new(&game, 10, 1.0, mu).unwrap()).unwrap();
            full.monomorphic()
                .iter()
                .zip(&limit.stationary)
                .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
        })
        .collect();
    assert!(gaps[2] < 1e-4, "{gaps:?}");
    for w in gaps.windows(2) {
        let ratio = w[0] / w[1];
        assert!((7.0..13.0).contains(&ratio), "{gaps:?}");
    }
}

#[test]
fn learn_writes_trajectory_figure_and_manifest() {
    let dir = tempfile::tempdir().unwrap();
    for (dynamic, extra, figures) in [
        (
            "fictitious",
            vec![],
            vec!["learning_time_series.svg", "learning_phase.svg"],
        ),
        (
            "stochastic-fictitious",
            vec!["--seed", "4"],
            vec!["learning_time_series.svg"],
        ),
        (
            "regret-matching",
            vec!["--seed", "4"],
            vec!["learning_time_series.svg"],
        ),
        (
            "best-response",
            vec!["--start", "0.9,0.1;0.2,0.8"],
            vec!["learning_phase.svg"],
        ),
        (
            "replicator-mutator",
            vec!["--mutation", "0.05"],
            vec!["learning_time_series.svg"],
        ),
        ("two-population", vec![], vec!["learning_phase.svg"]),
        (
            "fermi",
            vec![
                "--population",
                "20",
                "--intensity",
                "0.5",
                "--mutation",
                "0.01",
            ],
            vec!["learning_time_series.svg"],
        ),
    ] {
        let out_dir = format!("out_{dynamic}");
        let mut args = vec![
            "learn",
            "stag_hunt",
            "--dynamic",
            dynamic,
            "--iterations",
            "500",
            "--out",
            &out_dir,
        ];
        args.extend(extra);
        let out = dilemma(dir.path(), &args);
        assert!(
            out.status.success(),
            "{dynamic}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let folder = dir.path().join(&out_dir);
        let csv = std::fs::read_to_string(folder.join("trajectory.csv")).unwrap();
        assert!(csv.lines().count() > 2, "{dynamic}");
        for f in figures {
            assert!(folder.join(f).exists(), "{dynamic}: no {f}");
        }
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(folder.join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(manifest["dynamic"], dynamic);
    }
    // Three actions: the simplex.
    let out = dilemma(
        dir.path(),
        &[
            "learn",
            "rock_paper_scissors",
            "--dynamic",
            "replicator-mutator",
            "--out",
            "rps",
        ],
    );
    assert!(out.status.success());
    assert!(dir.path().join("rps/learning_simplex.svg").exists());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("replicator-mutator"), "{text}");
}

#[test]
fn learn_fermi_prints_the_stationary_distribution() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &[
            "learn",
            "prisoners_dilemma",
            "--dynamic",
            "fermi",
            "--population",
            "10",
            "--intensity",
            "0.5",
            "--out",
            "f",
            "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pi = vector(&v["small_mutation_limit"]["stationary"]);
    let theirs = &fixture()["fermi"][1];
    for (a, b) in pi.iter().zip(vector(&theirs["small_mutation_stationary"])) {
        assert!((a - b).abs() < EGT_TOL);
    }
}

#[test]
fn learn_refuses_bad_input_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (
            vec![
                "learn",
                "stag_hunt",
                "--dynamic",
                "fermi",
                "--population",
                "1",
            ],
            "population",
        ),
        (
            vec![
                "learn",
                "stag_hunt",
                "--dynamic",
                "replicator-mutator",
                "--mutation",
                "2",
            ],
            "mutation",
        ),
        (
            vec![
                "learn",
                "battle_of_the_sexes",
                "--dynamic",
                "replicator-mutator",
            ],
            "symmetric",
        ),
        (
            vec![
                "learn",
                "stag_hunt",
                "--dynamic",
                "fictitious",
                "--start",
                "0.5,0.6",
            ],
            "start",
        ),
        (
            vec![
                "learn",
                "stag_hunt",
                "--dynamic",
                "fictitious",
                "--mutation",
                "0.1",
            ],
            "--mutation",
        ),
        (
            vec!["learn", "no_such_game", "--dynamic", "fictitious"],
            "no_such_game",
        ),
        (
            vec!["learn", "stag_hunt", "--dynamic", "nonsense"],
            "nonsense",
        ),
        (
            vec![
                "learn",
                "stag_hunt",
                "--dynamic",
                "fictitious",
                "--iterations",
                "100000000000",
            ],
            "too large",
        ),
        (
            vec![
                "learn",
                "stag_hunt",
                "--dynamic",
                "stochastic-fictitious",
                "--intensity",
                "0",
            ],
            "intensity",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--out", "bad"]);
        let out = dilemma(dir.path(), &args);
        assert_one_line_error(&out, needle);
        assert!(
            !dir.path().join("bad").exists(),
            "{args:?} wrote its folder"
        );
    }
}
