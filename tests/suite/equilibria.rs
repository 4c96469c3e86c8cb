//! Equilibrium solvers against Gambit's reference solutions
//! (`tests/fixtures/equilibria.json`, pygambit 16.7 `enummixed_solve` in exact
//! rational arithmetic), property tests, and the `solve` command end to end.

use dilemma::equilibrium::{
    lemke_howson, lemke_howson_all, solve, solve_with_options, solve_zero_sum, support_enumeration,
    vertex_enumeration, Equilibrium, Labels, Method, SolveOptions,
};
use dilemma::MatrixGame;
use ndarray::{Array1, Array2};
use proptest::prelude::*;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn matrix(v: &Value) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v.clone()).unwrap();
    let (m, n) = (rows.len(), rows[0].len());
    Array2::from_shape_fn((m, n), |(i, j)| rows[i][j])
}

fn vector(v: &Value) -> Array1<f64> {
    serde_json::from_value::<Vec<f64>>(v.clone())
        .unwrap()
        .into()
}

fn strings(v: &Value) -> Vec<String> {
    serde_json::from_value(v.clone()).unwrap()
}

struct Reference {
    row: Array1<f64>,
    col: Array1<f64>,
    row_exact: Vec<String>,
    col_exact: Vec<String>,
    row_payoff: f64,
    col_payoff: f64,
}

fn references(g: &Value) -> Vec<Reference> {
    g["equilibria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Reference {
            row: vector(&e["row"]),
            col: vector(&e["col"]),
            row_exact: strings(&e["row_exact"]),
            col_exact: strings(&e["col_exact"]),
            row_payoff: e["row_payoff"].as_f64().unwrap(),
            col_payoff: e["col_payoff"].as_f64().unwrap(),
        })
        .collect()
}

fn close(a: &Array1<f64>, b: &Array1<f64>) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() <= TOL)
}

fn matches(e: &Equilibrium, r: &Reference) -> bool {
    close(&e.row, &r.row) && close(&e.col, &r.col)
}

/// Asserts that `found` and `reference` are the same set (each probability
/// within 1e-9, no missing, no extra).
fn assert_same_set(name: &str, what: &str, found: &[Equilibrium], reference: &[Reference]) {
    for r in reference {
        assert!(
            found.iter().any(|e| matches(e, r)),
            "{name} ({what}): missing Gambit equilibrium row {:?} col {:?}",
            r.row_exact,
            r.col_exact
        );
    }
    for e in found {
        assert!(
            reference.iter().any(|r| matches(e, r)),
            "{name} ({what}): extra equilibrium {e}"
        );
    }
    assert_eq!(found.len(), reference.len(), "{name} ({what}): count");
}

fn reference_games() -> Vec<(String, MatrixGame, bool, Vec<Reference>)> {
    let data = fixture("equilibria.json");
    data["games"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let game = MatrixGame::new(matrix(&g["A"]), matrix(&g["B"])).unwrap();
            (
                g["name"].as_str().unwrap().to_string(),
                game,
                g["degenerate"].as_bool().unwrap(),
                references(g),
            )
        })
        .collect()
}

#[test]
fn vertex_enumeration_equals_gambit_on_every_reference_game() {
    let games = reference_games();
    assert_eq!(games.len(), 86);
    for (name, game, degenerate, reference) in &games {
        let report = solve(game, Method::All).unwrap();
        assert_eq!(report.degenerate, Some(*degenerate), "{name}: degeneracy");
        assert!(report.complete, "{name}");
        // Exact arithmetic unless an intermediate value would overflow i128
        // (the 8x8 games with payoffs up to 999).
        assert!(report.exact_arithmetic || game.shape().0 >= 8, "{name}");
        // Gambit's enummixed lists the extreme equilibria: the same vertex
        // pairs, degenerate games included.
        assert_same_set(name, "all", &report.equilibria, reference);
        for e in &report.equilibria {
            assert!(e.max_regret <= TOL, "{name}: regret {}", e.max_regret);
            let r = reference.iter().find(|r| matches(e, r)).unwrap();
            let Some(exact) = e.exact.as_ref() else {
                assert!(game.shape().0 >= 8, "{name}: no exact fractions");
                continue;
            };
            let row: Vec<String> = exact.row.iter().map(|q| q.to_string()).collect();
            let col: Vec<String> = exact.col.iter().map(|q| q.to_string()).collect();
            assert_eq!(row, r.row_exact, "{name}");
            assert_eq!(col, r.col_exact, "{name}");
            assert!((e.row_payoff - r.row_payoff).abs() <= TOL, "{name}");
            assert!((e.col_payoff - r.col_payoff).abs() <= TOL, "{name}");
        }
    }
}

#[test]
fn support_enumeration_equals_gambit_on_nondegenerate_games() {
    let mut checked = 0;
    for (name, game, degenerate, reference) in reference_games() {
        let found = support_enumeration(&game).unwrap();
        if degenerate {
            // Flagged, and everything returned is Gambit's or verified.
            let report = solve(&game, Method::Support).unwrap();
            assert_eq!(report.degenerate, Some(true), "{name}");
            assert!(!report.complete, "{name}");
            for e in &found {
                assert!(
                    reference.iter().any(|r| matches(e, r)) || e.max_regret <= TOL,
                    "{name}: {e}"
                );
            }
        } else {
            assert_same_set(&name, "support", &found, &reference);
            checked += 1;
        }
    }
    assert_eq!(checked, 74);
}

#[test]
fn lemke_howson_finds_only_gambit_equilibria() {
    for (name, game, degenerate, reference) in reference_games() {
        let found = lemke_howson_all(&game).unwrap();
        assert!(!found.is_empty(), "{name}");
        for e in &found {
            assert!(e.max_regret <= TOL, "{name}");
            if !degenerate {
                assert!(reference.iter().any(|r| matches(e, r)), "{name}: {e}");
            }
        }
    }
}

#[test]
fn pure_equilibria_are_gambits_pure_ones() {
    for (name, game, _, reference) in reference_games() {
        let found = solve(&game, Method::Pure).unwrap().equilibria;
        let pure: Vec<&Reference> = reference
            .iter()
            .filter(|r| {
                r.row
                    .iter()
                    .chain(r.col.iter())
                    .all(|&p| p == 0.0 || p == 1.0)
            })
            .collect();
        assert_eq!(found.len(), pure.len(), "{name}");
        for e in &found {
            assert!(pure.iter().any(|r| matches(e, r)), "{name}");
        }
    }
}

#[test]
fn zero_sum_values_match_gambit() {
    let data = fixture("equilibria.json");
    let cases = data["zero_sum"].as_array().unwrap();
    assert_eq!(cases.len(), 8);
    for z in cases {
        let name = z["name"].as_str().unwrap();
        let game = MatrixGame::zero_sum(matrix(&z["A"])).unwrap();
        let sol = solve_zero_sum(&game).unwrap();
        let value = z["value"].as_f64().unwrap();
        assert!(
            (sol.value - value).abs() <= TOL,
            "{name}: {} vs {value}",
            sol.value
        );
        assert_eq!(
            sol.value_exact.map(|v| v.to_string()).as_deref(),
            z["value_exact"].as_str(),
            "{name}"
        );
        assert!(sol.equilibrium.max_regret <= 1e-8, "{name}");
    }
}

#[test]
fn timing_games_have_gambits_equilibrium_counts() {
    let data = fixture("timing_games.json");
    let reference = fixture("equilibria.json");
    for (g, t) in data["games"]
        .as_array()
        .unwrap()
        .iter()
        .zip(reference["timings"].as_array().unwrap())
    {
        assert_eq!(g["seed"], t["seed"]);
        let game = MatrixGame::new(matrix(&g["A"]), matrix(&g["B"])).unwrap();
        let count = t["pygambit_enummixed_count"].as_u64().unwrap() as usize;
        let all = vertex_enumeration(&game).unwrap();
        assert!(!all.degenerate && !all.exact);
        assert_eq!(all.equilibria.len(), count, "{}", g["size"]);
        let support = support_enumeration(&game).unwrap();
        assert_eq!(support.len(), count, "{}", g["size"]);
        for (a, b) in all.equilibria.iter().zip(support.iter()) {
            assert!(a.approx_eq(b, TOL));
            assert!(a.max_regret <= TOL);
        }
        for e in lemke_howson_all(&game).unwrap() {
            assert!(all.equilibria.iter().any(|a| a.approx_eq(&e, TOL)));
        }
    }
}

fn game_strategy(max: usize) -> impl Strategy<Value = MatrixGame> {
    (1..=max, 1..=max).prop_flat_map(|(m, n)| {
        (
            proptest::collection::vec(-10.0f64..10.0, m * n),
            proptest::collection::vec(-10.0f64..10.0, m * n),
        )
            .prop_map(move |(a, b)| {
                MatrixGame::new(
                    Array2::from_shape_vec((m, n), a).unwrap(),
                    Array2::from_shape_vec((m, n), b).unwrap(),
                )
                .unwrap()
            })
    })
}

fn integer_game_strategy(max: usize) -> impl Strategy<Value = MatrixGame> {
    (1..=max, 1..=max).prop_flat_map(|(m, n)| {
        (
            proptest::collection::vec(0i32..4, m * n),
            proptest::collection::vec(0i32..4, m * n),
        )
            .prop_map(move |(a, b)| {
                MatrixGame::new(
                    Array2::from_shape_vec((m, n), a.into_iter().map(f64::from).collect()).unwrap(),
                    Array2::from_shape_vec((m, n), b.into_iter().map(f64::from).collect()).unwrap(),
                )
                .unwrap()
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_games_equilibria_verified_and_methods_agree(game in game_strategy(5)) {
        let all = vertex_enumeration(&game).unwrap();
        prop_assert!(!all.equilibria.is_empty());
        for e in &all.equilibria {
            prop_assert!(e.max_regret < 1e-9);
            prop_assert!((e.row.sum() - 1.0).abs() < 1e-12 && (e.col.sum() - 1.0).abs() < 1e-12);
        }
        let lh = lemke_howson_all(&game).unwrap();
        for e in &lh {
            prop_assert!(e.max_regret < 1e-9);
        }
        if !all.degenerate {
            let support = support_enumeration(&game).unwrap();
            prop_assert_eq!(support.len(), all.equilibria.len());
            for (a, b) in all.equilibria.iter().zip(support.iter()) {
                prop_assert!(a.approx_eq(b, 1e-9));
            }
            for e in &lh {
                prop_assert!(support.iter().any(|s| s.approx_eq(e, 1e-9)), "LH {} not in support set", e);
            }
        }
    }

    #[test]
    fn small_integer_games_exact_and_verified(game in integer_game_strategy(4)) {
        // Small payoff ranges make most of these degenerate.
        let all = vertex_enumeration(&game).unwrap();
        prop_assert!(all.exact);
        prop_assert!(!all.equilibria.is_empty());
        for e in &all.equilibria {
            prop_assert!(e.max_regret < 1e-9);
            prop_assert!(e.exact.is_some());
        }
        for e in lemke_howson_all(&game).unwrap() {
            prop_assert!(e.max_regret < 1e-9);
        }
    }
}

fn dilemma(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn solve_command_end_to_end() {
    // Text: chicken's mixed equilibrium prints as fractions.
    let out = dilemma(&["solve", "chicken"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("3 equilibria"), "{text}");
    assert!(text.contains("1/2"), "{text}");
    assert!(text.contains("degenerate: no"), "{text}");

    // JSON from a Gambit file of a degenerate game.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ties.nfg");
    std::fs::write(
        &file,
        "NFG 1 R \"ties\" { \"P1\" \"P2\" } { 2 2 }\n1 1 1 1 0 0 2 2\n",
    )
    .unwrap();
    let out = dilemma(&["solve", file.to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["degenerate"], Value::Bool(true));
    assert!(v["max_regret"].as_f64().unwrap() <= TOL);
    assert!(!v["equilibria"].as_array().unwrap().is_empty());

    // The security-dilemma model, and the LP methods.
    let out = dilemma(&[
        "solve",
        "--security",
        "--offence",
        "0.3",
        "--method",
        "pure",
    ]);
    assert!(out.status.success());
    let out = dilemma(&[
        "solve",
        "matching_pennies",
        "--method",
        "zero-sum",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["equilibria"][0]["exact"]["row"][0], "1/2");
    let out = dilemma(&[
        "solve",
        "chicken",
        "--method",
        "correlated",
        "--objective",
        "min",
    ]);
    assert!(out.status.success());
    let out = dilemma(&["solve", "stag_hunt", "--method", "lemke-howson"]);
    assert!(out.status.success());

    // User errors: one line, exit code 2.
    let out = dilemma(&["solve", "prisoners_dilemma", "--method", "zero-sum"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
    let out = dilemma(&["solve", "no_such_game"]);
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// Scale: the equilibria of a game do not change when a constant is added to a
// player's payoffs, and the solvers must not confuse large payoffs with ties.

fn pd_like(name: &str, r: f64, s: f64, t: f64, p: f64) -> MatrixGame {
    let params = [
        ("R".to_string(), r),
        ("S".to_string(), s),
        ("T".to_string(), t),
        ("P".to_string(), p),
    ];
    dilemma::game::catalogue::by_name(name, &params).unwrap()
}

fn assert_within_tolerance(what: &str, report: &dilemma::equilibrium::SolveReport) {
    for e in &report.equilibria {
        assert!(
            e.max_regret <= report.tolerance,
            "{what}: regret {} above the tolerance {}",
            e.max_regret,
            report.tolerance
        );
    }
    assert!(report.max_regret <= report.tolerance, "{what}");
}

#[test]
fn prisoners_dilemma_near_1e10_has_only_mutual_defection() {
    // Issue case: R=10000000003 S=10000000000 T=10000000005 P=10000000001,
    // --method pure listed all four profiles, (C, C) with regret 2.
    let game = pd_like(
        "prisoners_dilemma",
        10000000003.0,
        10000000000.0,
        10000000005.0,
        10000000001.0,
    );
    for method in [
        Method::Pure,
        Method::All,
        Method::Support,
        Method::LemkeHowson,
    ] {
        let report = solve(&game, method).unwrap();
        assert_eq!(report.equilibria.len(), 1, "{method:?}");
        let e = &report.equilibria[0];
        assert_eq!(e.row_support(), vec![1], "{method:?}");
        assert_eq!(e.col_support(), vec![1], "{method:?}");
        assert_eq!(e.max_regret, 0.0, "{method:?}");
        assert_eq!(report.degenerate, Some(false), "{method:?}");
        assert_within_tolerance(&format!("{method:?}"), &report);
    }
    let all = solve(&game, Method::All).unwrap();
    assert!(all.exact_arithmetic);
    let exact = all.equilibria[0].exact.as_ref().unwrap();
    assert_eq!(exact.row_payoff.to_string(), "10000000001");
}

#[test]
fn chicken_near_1e9_keeps_its_three_equilibria() {
    // Issue case: payoffs near 1e9, --method support returned 1 equilibrium
    // marked complete (the regret tolerance, ~1, was used to merge
    // equilibria whose probabilities differ by less than 1).
    let base = 1e9;
    let small = pd_like("chicken", 3.0, 1.0, 4.0, 0.0);
    let big = pd_like("chicken", base + 3.0, base + 1.0, base + 4.0, base);
    let reference = solve(&small, Method::All).unwrap();
    assert_eq!(reference.equilibria.len(), 3);
    for method in [Method::Support, Method::All] {
        let report = solve(&big, method).unwrap();
        assert_eq!(report.equilibria.len(), 3, "{method:?}");
        assert!(report.complete, "{method:?}");
        assert_eq!(report.degenerate, Some(false), "{method:?}");
        for (e, r) in report.equilibria.iter().zip(reference.equilibria.iter()) {
            assert!(e.approx_eq(r, TOL), "{method:?}: {e} vs {r}");
            assert_eq!(e.exact.as_ref().unwrap().row, r.exact.as_ref().unwrap().row);
        }
        assert_within_tolerance(&format!("{method:?}"), &report);
    }
}

#[test]
fn chicken_near_1e6_with_differences_of_half_a_thousandth() {
    // Issue case: payoffs near 1e6 differing by 0.0005 (not integers): the
    // tolerance 1e-9 x 1e6 = 1e-3 swallowed the differences, an extra profile
    // with regret 2.5e-4 was reported and the game was called degenerate.
    // The game is chicken (R, S, T, P) = (3, 1, 4, 0) x 0.0005 + 1e6, up to
    // the rounding of the payoffs to f64.
    let (u, base) = (0.0005, 1e6);
    let game = pd_like("chicken", base + 3.0 * u, base + u, base + 4.0 * u, base);
    let a = game.row_payoffs();
    // The exact mixed equilibrium of the f64 game: q = (S - P) / (S - P + T - R).
    let q = (a[(0, 1)] - a[(1, 1)]) / (a[(0, 1)] - a[(1, 1)] + a[(1, 0)] - a[(0, 0)]);
    for method in [
        Method::All,
        Method::Support,
        Method::Pure,
        Method::LemkeHowson,
    ] {
        let report = solve(&game, method).unwrap();
        assert_eq!(report.degenerate, Some(false), "{method:?}");
        assert!(
            report.tolerance < u / 2.0,
            "{method:?}: {}",
            report.tolerance
        );
        assert_within_tolerance(&format!("{method:?}"), &report);
        let pure = report.equilibria.iter().filter(|e| e.is_pure()).count();
        assert!(pure <= 2, "{method:?}: {pure} pure equilibria");
        if matches!(method, Method::All | Method::Support) {
            assert_eq!(report.equilibria.len(), 3, "{method:?}");
            let mixed = report.equilibria.iter().find(|e| !e.is_pure()).unwrap();
            assert!((mixed.row[0] - q).abs() < 1e-9, "{method:?}: {mixed}");
        }
        if method == Method::Pure {
            assert_eq!(pure, 2);
        }
    }
}

/// A deterministic `m x m` integer game with payoffs in `0..range` (a linear
/// congruential generator), with `A[0][0] = A[1][0] = range`: both rows are
/// best responses to column 0, a degenerate vertex.
fn tied_game(m: usize, range: u64, seed: u64) -> MatrixGame {
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % range) as f64
    };
    let mut a = Array2::from_shape_fn((m, m), |_| next());
    let b = Array2::from_shape_fn((m, m), |_| next());
    a[(0, 0)] = range as f64;
    a[(1, 0)] = range as f64;
    MatrixGame::new(a, b).unwrap()
}

#[test]
fn degenerate_14x14_is_solved_by_search_and_agrees_across_arithmetics() {
    // Trying every basis meant C(28, 14) = 4e7 systems per polytope (130 s);
    // the lexicographic search visits only the vertices.
    let game = tied_game(14, 100, 7);
    let start = std::time::Instant::now();
    let exact = solve(&game, Method::All).unwrap();
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    assert_eq!(exact.degenerate, Some(true));
    assert!(!exact.equilibria.is_empty());
    assert_within_tolerance("14x14", &exact);
    // The same game as non-integers goes through the f64 search.
    let halves = MatrixGame::new(
        game.row_payoffs() * 0.5 + 0.25,
        game.col_payoffs() * 0.5 + 0.25,
    )
    .unwrap();
    let float = solve(&halves, Method::All).unwrap();
    assert!(!float.exact_arithmetic);
    assert_eq!(float.degenerate, Some(true));
    assert_eq!(exact.equilibria.len(), float.equilibria.len());
    for (e, f) in exact.equilibria.iter().zip(float.equilibria.iter()) {
        assert!(e.approx_eq(f, 1e-9), "{e} vs {f}");
    }
}

#[test]
fn solve_refuses_model_flags_without_security() {
    for args in [
        &["solve", "prisoners_dilemma", "--offence", "0.3"][..],
        &["solve", "prisoners_dilemma", "--three-action"][..],
        &["solve", "chicken", "--stakes", "5", "--method", "pure"][..],
    ] {
        let out = dilemma(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("--security"), "{args:?}: {err}");
    }
}

/// A deterministic `m x m` game with payoffs uniform in `[0, 1)` (a linear
/// congruential generator).
fn random_game(m: usize, seed: u64) -> MatrixGame {
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let a = Array2::from_shape_fn((m, m), |_| next());
    let b = Array2::from_shape_fn((m, m), |_| next());
    MatrixGame::new(a, b).unwrap()
}

#[test]
fn lemke_howson_follows_label_one_unless_told_otherwise() {
    // 200x200: every label (400 paths) ran past 300 s; one path takes a
    // fraction of a second. Degeneracy is not searched for (more than 128
    // labels, and a search would cost more than the path).
    let game = random_game(200, 200);
    let start = std::time::Instant::now();
    let report = solve(&game, Method::LemkeHowson).unwrap();
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    assert_eq!(report.equilibria.len(), 1);
    assert_eq!(report.degenerate, None);
    assert!(!report.complete);
    assert_within_tolerance("200x200", &report);
    let direct = lemke_howson(&game, 0).unwrap();
    assert!(report.equilibria[0].approx_eq(&direct, 0.0));

    // Every label, and a chosen list, on the reference games.
    for (name, game, _, reference) in reference_games() {
        let (m, n) = game.shape();
        let all = solve_with_options(
            &game,
            Method::LemkeHowson,
            &SolveOptions {
                labels: Labels::All,
            },
            &|_| {},
        )
        .unwrap();
        assert_eq!(all.equilibria, lemke_howson_all(&game).unwrap(), "{name}");
        let last = solve_with_options(
            &game,
            Method::LemkeHowson,
            &SolveOptions {
                labels: Labels::These(vec![m + n - 1]),
            },
            &|_| {},
        )
        .unwrap();
        assert_eq!(last.equilibria.len(), 1, "{name}");
        assert!(last.equilibria[0].approx_eq(&lemke_howson(&game, m + n - 1).unwrap(), 0.0));
        assert!(
            reference.iter().any(|r| matches(&last.equilibria[0], r)),
            "{name}: {}",
            last.equilibria[0]
        );
        let out_of_range = solve_with_options(
            &game,
            Method::LemkeHowson,
            &SolveOptions {
                labels: Labels::These(vec![m + n]),
            },
            &|_| {},
        );
        assert!(out_of_range.is_err(), "{name}");
    }
}

#[test]
fn solve_labels_option_end_to_end() {
    let out = dilemma(&[
        "solve",
        "stag_hunt",
        "--method",
        "lemke-howson",
        "--labels",
        "all",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!v["equilibria"].as_array().unwrap().is_empty());
    assert_eq!(v["degenerate"], Value::Bool(false));
    let out = dilemma(&[
        "solve",
        "stag_hunt",
        "--method",
        "lemke-howson",
        "--labels",
        "1,4",
    ]);
    assert!(out.status.success());
    for args in [
        &[
            "solve",
            "stag_hunt",
            "--method",
            "lemke-howson",
            "--labels",
            "5",
        ][..],
        &[
            "solve",
            "stag_hunt",
            "--method",
            "lemke-howson",
            "--labels",
            "0",
        ][..],
        &[
            "solve",
            "stag_hunt",
            "--method",
            "lemke-howson",
            "--labels",
            "x",
        ][..],
        &["solve", "stag_hunt", "--method", "pure", "--labels", "1"][..],
    ] {
        let out = dilemma(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("--labels"), "{args:?}: {err}");
    }
}
