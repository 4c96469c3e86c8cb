//! Logit quantal response equilibria against Gambit 16.7
//! (`tests/fixtures/qre.json`: the principal branch at λ = 0.1 ... 10, its
//! limit and a maximum-likelihood fit for 14 two-player games;
//! `tests/fixtures/qre_nplayer.json`: the limit for random n-player games),
//! closed forms, properties, and the `solve --method logit` and `fit-qre`
//! commands end to end.

use crate::cli::{assert_one_line_error, dilemma};
use dilemma::equilibrium::qre::{
    fit_lambda, logit_solve, max_regret, polish_limit, trace_branch, LogitGame, Observations,
    TraceOptions, CHI_SQUARED_95,
};
use dilemma::game::{catalogue, nfg};
use dilemma::MatrixGame;
use ndarray::array;
use proptest::prelude::*;
use serde_json::Value;

/// QRE points and limits agree with Gambit's to this (max abs difference of
/// probabilities).
const POINT_TOL: f64 = 1e-6;
/// Fitted λ agree with Gambit's to this.
const FIT_TOL: f64 = 1e-4;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn nfg_game(file: &str) -> MatrixGame {
    nfg::read_file(format!(
        "{}/tests/fixtures/nfg/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn profile(v: &Value) -> Vec<Vec<f64>> {
    serde_json::from_value(v.clone()).unwrap()
}

fn max_diff(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .flatten()
        .zip(b.iter().flatten())
        .fold(0.0f64, |m, (x, y)| m.max((x - y).abs()))
}

fn reference_games() -> Vec<Value> {
    let games = fixture("qre.json")["games"].as_array().unwrap().clone();
    assert_eq!(games.len(), 14);
    games
}

#[test]
fn every_reference_qre_point_agrees_with_gambit() {
    let mut worst: f64 = 0.0;
    for g in reference_games() {
        let file = g["file"].as_str().unwrap();
        let game = nfg_game(file);
        let points = g["points"].as_array().unwrap();
        let lambdas: Vec<f64> = points
            .iter()
            .map(|p| p["lambda"].as_f64().unwrap())
            .collect();
        let report = logit_solve(&game, &lambdas).unwrap();
        assert_eq!(report.points.len(), points.len(), "{file}");
        for (ours, theirs) in report.points.iter().zip(points) {
            assert_eq!(ours.lambda, theirs["lambda"].as_f64().unwrap());
            let d = max_diff(&ours.strategies, &profile(&theirs["profile"]));
            assert!(
                d <= POINT_TOL,
                "{file} at λ = {}: differs by {d:e}",
                ours.lambda
            );
            worst = worst.max(d);
        }
    }
    eprintln!("largest difference from Gambit's QRE points: {worst:.2e}");
}

#[test]
fn the_branch_limit_is_gambits_and_verified() {
    for g in reference_games() {
        let file = g["file"].as_str().unwrap();
        let game = nfg_game(file);
        let report = logit_solve(&game, &[]).unwrap();
        let limit = &report.limit;
        let ours = vec![limit.row.to_vec(), limit.col.to_vec()];
        let theirs = profile(&g["limit"][0]);
        let d = max_diff(&ours, &theirs);
        assert!(d <= POINT_TOL, "{file}: limit differs by {d:e}: {limit}");
        assert!(limit.max_regret <= report.tolerance, "{file}");
        // Verified independently: no pure deviation gains.
        let regret = dilemma::equilibrium::max_regret(&game, limit.row.view(), limit.col.view());
        assert!(regret <= report.tolerance, "{file}: regret {regret}");
        // Integer games print the limit in exact fractions, except where it
        // mixes over identical actions (all payoffs equal; the 3x3 with two
        // identical actions): no square indifference system pins it.
        if !["degenerate_all_zero_2x2.nfg", "degenerate_ties_3x3.nfg"].contains(&file) {
            assert!(limit.exact.is_some(), "{file}");
        }
    }
}

/// The fitted λ equals Gambit's where the estimate is an interior maximum;
/// where λ is not identified (the QRE never moves) or the likelihood rises
/// to the limit, the log-likelihood is compared instead (ours at least
/// Gambit's, evaluated on our branch), as the reference README says.
#[test]
fn fitted_lambda_agrees_with_gambit() {
    let mut compared_by_likelihood = Vec::new();
    for g in reference_games() {
        let file = g["file"].as_str().unwrap();
        let game = nfg_game(file);
        let counts = profile(&g["fit_data_counts"]);
        let observations = Observations::new(counts).unwrap();
        let fit = fit_lambda(&game, &observations).unwrap();
        let reference = g["fit_lambda"].as_f64().unwrap();
        if fit.identified && fit.lambda.is_finite() {
            assert!(
                (fit.lambda - reference).abs() <= FIT_TOL,
                "{file}: λ̂ = {} against Gambit's {reference}",
                fit.lambda
            );
            let d = max_diff(&fit.strategies, &profile(&g["fit_profile"]));
            assert!(d <= POINT_TOL, "{file}: fitted QRE differs by {d:e}");
        } else {
            let at_reference = logit_solve(&game, &[reference]).unwrap().points[0].clone();
            let theirs = observations.log_likelihood(&at_reference.strategies);
            assert!(
                fit.log_likelihood >= theirs - 1e-9,
                "{file}: log-likelihood {} below Gambit's {theirs}",
                fit.log_likelihood
            );
            compared_by_likelihood.push(file.to_string());
        }
        assert!(
            fit.interval[0] <= fit.lambda && fit.lambda <= fit.interval[1],
            "{file}"
        );
    }
    compared_by_likelihood.sort();
    assert_eq!(
        compared_by_likelihood,
        [
            "coordination_3x3.nfg",
            "degenerate_all_zero_2x2.nfg",
            "matching_pennies.nfg",
            "rock_paper_scissors.nfg"
        ]
    );
}

#[test]
fn matching_pennies_is_uniform_at_every_lambda() {
    let game = catalogue::by_name("matching_pennies", &[]).unwrap();
    let lambdas = [0.0, 0.3, 1.0, 7.0, 100.0];
    let report = logit_solve(&game, &lambdas).unwrap();
    for p in &report.points {
        for q in p.strategies.iter().flatten() {
            assert!((q - 0.5).abs() < 1e-12, "λ = {}: {q}", p.lambda);
        }
    }
    assert_eq!(report.limit.row.to_vec(), vec![0.5, 0.5]);
}

/// The logistic function.
fn logistic(v: f64) -> f64 {
    1.0 / (1.0 + (-v).exp())
}

/// A 2x2 game where the row player's first action is dominant
/// (`u0 - u1 = 2 - q > 0`, q the column's probability of its first action)
/// and the column player answers `q = logistic(λ (5p - 3))`. The QRE's `p`
/// solves the scalar equation `p = logistic(λ (2 - logistic(λ (5p - 3))))`,
/// whose right side falls in `p`: one root, found here by bisection.
#[test]
fn a_dominant_strategy_game_matches_its_scalar_equation() {
    let game = MatrixGame::new(
        array![[4.0, 1.0], [3.0, -1.0]],
        array![[2.0, 0.0], [0.0, 3.0]],
    )
    .unwrap();
    let lambdas = [0.25, 1.0, 3.0, 10.0];
    let report = logit_solve(&game, &lambdas).unwrap();
    for (p, &lambda) in report.points.iter().zip(&lambdas) {
        let f = |p: f64| p - logistic(lambda * (2.0 - logistic(lambda * (5.0 * p - 3.0))));
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if f(mid) < 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let row = 0.5 * (lo + hi);
        let col = logistic(lambda * (5.0 * row - 3.0));
        assert!((p.strategies[0][0] - row).abs() < 1e-10, "λ = {lambda}");
        assert!((p.strategies[1][0] - col).abs() < 1e-10, "λ = {lambda}");
    }
    // The limit: the row player's dominant action, the column's best reply.
    assert_eq!(report.limit.row.to_vec(), vec![1.0, 0.0]);
    assert_eq!(report.limit.col.to_vec(), vec![1.0, 0.0]);
}

/// Chicken's branch stays at the mixed equilibrium (1/2, 1/2) until the
/// pitchfork at λ = 2 (closed form: the linearised odds give δp = -λ δq / 2
/// and δq = -λ δp / 2), where Gambit's tracer stalls; this one crosses it to
/// a pure equilibrium.
#[test]
fn chicken_crosses_its_bifurcation() {
    let game = nfg_game("chicken.nfg");
    let report = logit_solve(&game, &[1.0, 1.9, 2.0, 5.0]).unwrap();
    let half = [vec![0.5, 0.5], vec![0.5, 0.5]];
    for p in &report.points[..2] {
        assert!(max_diff(&p.strategies, &half) < 1e-9);
    }
    // At the bifurcation point itself the Jacobian is singular and Newton
    // converges only linearly: the point is accurate to about 1e-5.
    assert!(max_diff(&report.points[2].strategies, &half) < 1e-5);
    let after = &report.points[3].strategies;
    assert!((after[0][0] - after[1][0]).abs() > 0.5, "{after:?}");
    assert_eq!(report.bifurcations.len(), 1);
    assert!((1.0..=2.0).contains(&report.bifurcations[0]));
    assert!(report.limit.is_pure());
    assert_eq!(report.limit.max_regret, 0.0);
}

/// Counts proportional to the QRE at λ₀ are fitted at λ₀ (Gibbs'
/// inequality: the likelihood is largest where the QRE equals the observed
/// shares), and the interval's ends are where the likelihood-ratio
/// statistic reaches the χ² bound.
#[test]
fn fit_recovers_lambda_from_its_own_qre() {
    let game = nfg_game("bimatrix_3x2_payoff_version.nfg");
    let truth = 1.3;
    let qre = logit_solve(&game, &[truth]).unwrap().points[0].clone();
    let counts: Vec<Vec<f64>> = qre
        .strategies
        .iter()
        .map(|s| s.iter().map(|p| 500.0 * p).collect())
        .collect();
    let observations = Observations::new(counts).unwrap();
    let fit = fit_lambda(&game, &observations).unwrap();
    assert!((fit.lambda - truth).abs() < 1e-6, "λ̂ = {}", fit.lambda);
    let [lo, hi] = fit.interval;
    assert!(lo < truth && truth < hi && hi.is_finite(), "{lo} {hi}");
    let ends = logit_solve(&game, &[lo, hi]).unwrap();
    for p in &ends.points {
        let statistic = 2.0 * (fit.log_likelihood - observations.log_likelihood(&p.strategies));
        assert!(
            (statistic - CHI_SQUARED_95).abs() < 1e-6,
            "at λ = {}: {statistic}",
            p.lambda
        );
    }
}

/// A game of any number of players, its payoffs listed per pure profile
/// with player 0's action changing fastest: the `LogitGame` trait is all the
/// tracer needs.
struct TensorGame {
    shape: Vec<usize>,
    payoffs: Vec<Vec<f64>>,
}

impl TensorGame {
    /// Each pure profile's actions, in the payoffs' order.
    fn profiles(&self) -> Vec<Vec<usize>> {
        let total: usize = self.shape.iter().product();
        (0..total)
            .map(|mut k| {
                self.shape
                    .iter()
                    .map(|&n| {
                        let a = k % n;
                        k /= n;
                        a
                    })
                    .collect()
            })
            .collect()
    }

    fn offsets(&self) -> Vec<usize> {
        self.shape
            .iter()
            .scan(0, |o, &n| {
                let here = *o;
                *o += n;
                Some(here)
            })
            .collect()
    }
}

impl LogitGame for TensorGame {
    fn players(&self) -> usize {
        self.shape.len()
    }

    fn actions(&self, player: usize) -> usize {
        self.shape[player]
    }

    fn action_payoffs(&self, profile: &[f64], out: &mut [f64]) {
        let offsets = self.offsets();
        out.fill(0.0);
        for (k, s) in self.profiles().iter().enumerate() {
            for i in 0..self.players() {
                let weight: f64 = (0..self.players())
                    .filter(|&j| j != i)
                    .map(|j| profile[offsets[j] + s[j]])
                    .product();
                out[offsets[i] + s[i]] += self.payoffs[i][k] * weight;
            }
        }
    }

    fn action_payoff_derivatives(&self, profile: &[f64], out: &mut [f64]) {
        let offsets = self.offsets();
        let len = profile.len();
        out.fill(0.0);
        for (k, s) in self.profiles().iter().enumerate() {
            for i in 0..self.players() {
                for j in (0..self.players()).filter(|&j| j != i) {
                    let weight: f64 = (0..self.players())
                        .filter(|&l| l != i && l != j)
                        .map(|l| profile[offsets[l] + s[l]])
                        .product();
                    out[(offsets[i] + s[i]) * len + offsets[j] + s[j]] +=
                        self.payoffs[i][k] * weight;
                }
            }
        }
    }

    fn payoff_range(&self, player: usize) -> f64 {
        let p = &self.payoffs[player];
        p.iter().copied().fold(f64::NEG_INFINITY, f64::max)
            - p.iter().copied().fold(f64::INFINITY, f64::min)
    }
}

/// In `nplayer_3x3x3_seed5005` the limit has players 1 and 3 pure and every
/// action of player 2 a best reply: player 2's mix is pinned by no equation,
/// its probabilities approach their limit like 1/λ, and Gambit's tracer
/// stops (at regret 10⁻⁸ of the payoff range) where they are still 5e-4 from
/// this tracer's end (traced to λ × range = 10⁶, where they are within
/// 10⁻⁴ of 1/3). That game is compared to 10⁻³.
const SLOW_LIMIT_TOL: f64 = 1e-3;

#[test]
fn n_player_branch_limits_agree_with_gambit() {
    for g in fixture("qre_nplayer.json")["games"].as_array().unwrap() {
        let name = g["name"].as_str().unwrap();
        let game = TensorGame {
            shape: serde_json::from_value(g["shape"].clone()).unwrap(),
            payoffs: serde_json::from_value(g["payoffs"].clone()).unwrap(),
        };
        let branch = trace_branch(&game, &TraceOptions::default()).unwrap();
        let end = branch.end().strategies.concat();
        let limit = polish_limit(&game, &end, 1e-9).unwrap_or_else(|| {
            panic!(
                "{name}: the end did not polish (regret {})",
                max_regret(&game, &end)
            )
        });
        let theirs: Vec<f64> = profile(&g["logit_limit"]).concat();
        let d = limit
            .profile
            .iter()
            .zip(&theirs)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        let tol = if name == "nplayer_3x3x3_seed5005" {
            SLOW_LIMIT_TOL
        } else {
            POINT_TOL
        };
        assert!(d <= tol, "{name}: limit differs by {d:e}");
        assert!(limit.regret <= 1e-9, "{name}");
    }
}

/// Found by the property test below: two identical row actions make the
/// column player's odds depend on the row player's log-probabilities only
/// through their difference, with coefficients of order λ; without row
/// equilibration the LU factorisation cancelled the order-one entries and
/// the tracer stalled near λ = 25,000.
#[test]
fn identical_actions_do_not_stall_the_tracer() {
    let game = MatrixGame::new(
        array![[0.0, 4.0, 7.0], [0.0, 0.0, 0.0], [0.0, 4.0, 7.0]],
        array![[0.0, 4.0, 1.0], [0.0, 0.0, 0.0], [0.0, -4.0, -1.0]],
    )
    .unwrap();
    let report = logit_solve(&game, &[0.05]).unwrap();
    assert_eq!(report.limit.row.to_vec(), vec![0.5, 0.0, 0.5]);
    assert!(report.limit.max_regret <= report.tolerance);
}

/// The logit response of `strategies` at `lambda` in `game`, one list per
/// player.
fn logit_response(game: &MatrixGame, lambda: f64, strategies: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let profile = strategies.concat();
    let mut u = vec![0.0; profile.len()];
    game.action_payoffs(&profile, &mut u);
    let (m, _) = game.shape();
    [&u[..m], &u[m..]]
        .iter()
        .map(|us| {
            let top = us.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let w: Vec<f64> = us.iter().map(|v| (lambda * (v - top)).exp()).collect();
            let s: f64 = w.iter().sum();
            w.iter().map(|v| v / s).collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On random 3x3 integer games every reported QRE is a fixed point of
    /// the logit response and the limit is a verified equilibrium.
    #[test]
    fn reported_points_are_logit_fixed_points(
        a in proptest::collection::vec(-9i32..10, 9),
        b in proptest::collection::vec(-9i32..10, 9),
        lambda in 0.05f64..8.0,
    ) {
        let game = MatrixGame::new(
            ndarray::Array2::from_shape_fn((3, 3), |(i, j)| f64::from(a[3 * i + j])),
            ndarray::Array2::from_shape_fn((3, 3), |(i, j)| f64::from(b[3 * i + j])),
        ).unwrap();
        let report = logit_solve(&game, &[lambda]).unwrap();
        let point = &report.points[0];
        let response = logit_response(&game, lambda, &point.strategies);
        prop_assert!(max_diff(&point.strategies, &response) < 1e-10);
        prop_assert!(report.limit.max_regret <= report.tolerance);
    }
}

#[test]
fn solve_logit_prints_points_and_limit_and_writes_trace_and_figure() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &[
            "solve",
            "chicken",
            "--method",
            "logit",
            "--lambda",
            "0.5,3",
            "--trace",
            "trace.csv",
            "--figure",
            "fig",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("λ = 0.5"), "{text}");
    assert!(text.contains("limit (λ → ∞)"), "{text}");
    assert!(text.contains("bifurcation crossed"), "{text}");
    let csv = std::fs::read_to_string(dir.path().join("trace.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("lambda,row_"), "{header}");
    assert_eq!(header.split(',').count(), 5);
    assert!(csv.lines().count() > 10);
    assert!(dir.path().join("fig/logit_branch.svg").is_file());
    assert!(dir.path().join("fig/logit_branch.png").is_file());
    let json = dilemma(
        dir.path(),
        &[
            "solve", "pd", "--method", "logit", "--lambda", "1", "--format", "json",
        ],
    );
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["method"], "logit");
    assert_eq!(v["points"][0]["lambda"], 1.0);
    assert_eq!(v["limit"]["row"][1], 1.0);
}

#[test]
fn logit_flags_are_refused_with_other_methods_and_bad_lambdas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(dir.path(), &["solve", "pd", "--lambda", "1"]);
    assert_one_line_error(&out, "--lambda applies only with --method logit");
    let out = dilemma(
        dir.path(),
        &["solve", "pd", "--method", "logit", "--lambda", "-1"],
    );
    assert_one_line_error(&out, "lambda");
    let out = dilemma(
        dir.path(),
        &["solve", "pd", "--method", "all", "--trace", "t.csv"],
    );
    assert_one_line_error(&out, "--trace applies only with --method logit");
}

#[test]
fn fit_qre_from_counts_and_from_a_plays_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(dir.path(), &["fit-qre", "pd", "--counts", "20,80;25,75"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("maximum-likelihood λ"), "{text}");
    assert!(text.contains("95% profile-likelihood interval"), "{text}");
    let game = catalogue::prisoners_dilemma_default();
    let (c, d) = (&game.row_actions()[0], &game.row_actions()[1]);
    let mut plays = String::from("player,action\n");
    for _ in 0..20 {
        plays.push_str(&format!("row,{c}\n"));
    }
    for _ in 0..80 {
        plays.push_str(&format!("row,{d}\n"));
    }
    for _ in 0..25 {
        plays.push_str("column,1\n");
    }
    for _ in 0..75 {
        plays.push_str("2,2\n");
    }
    std::fs::write(dir.path().join("plays.csv"), plays).unwrap();
    let from_file = dilemma(dir.path(), &["fit-qre", "pd", "--data", "plays.csv"]);
    assert_eq!(
        String::from_utf8_lossy(&from_file.stdout),
        text,
        "the file and the counts are the same observations"
    );
    let json = dilemma(
        dir.path(),
        &["fit-qre", "pd", "--counts", "0,10;0,10", "--format", "json"],
    );
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["fit"]["lambda"], "inf");
    assert_eq!(v["fit"]["interval"][1], "inf");
}

#[test]
fn fit_qre_errors_are_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(dir.path(), &["fit-qre", "pd", "--counts", "1,2,3;4,5"]);
    assert_one_line_error(&out, "3 counts for the row player");
    let out = dilemma(dir.path(), &["fit-qre", "pd", "--counts", "1,x;4,5"]);
    assert_one_line_error(&out, "`x`");
    std::fs::write(dir.path().join("bad.csv"), "player,action\nrow,Surrender\n").unwrap();
    let out = dilemma(dir.path(), &["fit-qre", "pd", "--data", "bad.csv"]);
    assert_one_line_error(&out, "line 2");
    let out = dilemma(dir.path(), &["fit-qre", "pd"]);
    assert_eq!(out.status.code(), Some(2));
    let out = dilemma(dir.path(), &["fit-qre", "pd", "--data", "missing.csv"]);
    assert_one_line_error(&out, "missing.csv");
}

/// The n-player principal branch through the library's own
/// [`dilemma::game::NPlayerGame`] (read from the games' `.nfg` files): its
/// verified limit against Gambit's, to 1e-6 (1e-3 for the slow limit of
/// `nplayer_3x3x3_seed5005`, see [`SLOW_LIMIT_TOL`]).
#[test]
fn n_player_games_from_nfg_files_have_gambits_limits() {
    use dilemma::equilibrium::qre::logit_solve_nplayer;
    use dilemma::game::AnyGame;
    for g in fixture("qre_nplayer.json")["games"].as_array().unwrap() {
        let name = g["name"].as_str().unwrap();
        let path = format!(
            "{}/tests/fixtures/nplayer/{name}.nfg",
            env!("CARGO_MANIFEST_DIR")
        );
        let game = match nfg::read_any_file(&path).unwrap() {
            AnyGame::Many(game) => game,
            AnyGame::Two(_) => panic!("{name}: two players"),
        };
        let report = logit_solve_nplayer(&game, &[0.5]).unwrap();
        let theirs = profile(&g["logit_limit"]);
        let d = max_diff(&report.limit.strategies, &theirs);
        let tol = if name == "nplayer_3x3x3_seed5005" {
            SLOW_LIMIT_TOL
        } else {
            POINT_TOL
        };
        assert!(d <= tol, "{name}: limit differs by {d:e}");
        assert!(report.limit.max_regret <= report.tolerance, "{name}");
        // The point at λ = 0.5 is a logit fixed point.
        let p = &report.points[0];
        for i in 0..game.num_players() {
            let u = game.action_payoffs(i, &p.strategies);
            let top = u.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let w: Vec<f64> = u.iter().map(|v| (0.5 * (v - top)).exp()).collect();
            let s: f64 = w.iter().sum();
            for (a, wa) in w.iter().enumerate() {
                assert!(
                    (p.strategies[i][a] - wa / s).abs() < 1e-10,
                    "{name} player {i}"
                );
            }
        }
    }
}

#[test]
fn solve_logit_takes_n_player_games() {
    let dir = tempfile::tempdir().unwrap();
    let file = format!(
        "{}/tests/fixtures/nplayer/nplayer_2x2x2_seed5001.nfg",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = dilemma(
        dir.path(),
        &[
            "solve", &file, "--method", "logit", "--lambda", "1", "--trace", "t.csv", "--figure",
            "fig", "--format", "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let limit = profile(&v["limit"]["strategies"]);
    let g = &fixture("qre_nplayer.json")["games"][1];
    assert_eq!(g["name"], "nplayer_2x2x2_seed5001");
    assert!(max_diff(&limit, &profile(&g["logit_limit"])) <= POINT_TOL);
    let csv = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
    assert_eq!(csv.lines().next().unwrap().split(',').count(), 7);
    assert!(dir.path().join("fig/logit_branch.svg").exists());
    let text = dilemma(dir.path(), &["solve", &file, "--method", "logit"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("limit (λ → ∞), a Nash equilibrium"));
    let bad = dilemma(dir.path(), &["solve", &file, "--method", "lemke-howson"]);
    assert_one_line_error(&bad, "simpdiv, liap, gnm or logit");
}

/// `sweep --qre-lambda` adds the stage game's QRE restraint as the last
/// column (the logit tracer's point at that λ at each point); without the
/// flag the table is the one a sweep always wrote, byte for byte.
#[test]
fn sweep_qre_column_is_the_stage_games_qre() {
    use dilemma::sweep::{configure, jervis_base};
    let dir = tempfile::tempdir().unwrap();
    let sweep = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "sweep",
            "--axis",
            "offence=0.2,0.8",
            "--axis",
            "differentiation=0.3",
            "--players",
            "Tit For Tat,Defector",
            "--turns",
            "20",
            "--repetitions",
            "1",
            "--no-figures",
            "--out",
            out,
        ];
        args.extend(extra);
        let o = dilemma(dir.path(), &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(dir.path().join(out).join("sweep.csv")).unwrap()
    };
    let plain = sweep("plain", &[]);
    let with = sweep("qre", &["--qre-lambda", "1.5"]);
    assert!(!plain.contains("qre_restraint"));
    for (a, b) in plain.lines().zip(with.lines()) {
        let (kept, last) = b.rsplit_once(',').unwrap();
        assert_eq!(a, kept, "the other columns are unchanged");
        if a.starts_with("point") {
            assert_eq!(last, "qre_restraint");
            continue;
        }
        let offence: f64 = a.split(',').nth(1).unwrap().parse().unwrap();
        let stage = configure(
            &jervis_base(),
            &[
                ("offence".to_string(), offence),
                ("differentiation".to_string(), 0.3),
            ],
        )
        .unwrap()
        .stage_game()
        .unwrap();
        let qre = logit_solve(&stage, &[1.5]).unwrap().points[0].strategies[0][0];
        let ours: f64 = last.parse().unwrap();
        assert!((ours - qre).abs() < 1e-12, "θ {offence}: {ours} vs {qre}");
    }
    let bad = dilemma(dir.path(), &["sweep", "--qre-lambda", "-1", "--out", "bad"]);
    assert_one_line_error(&bad, "--qre-lambda");
}
