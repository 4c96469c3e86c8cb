//! Games end to end: Gambit's own `.nfg` files, and the `dilemma game` command.

use dilemma::game::{nfg, MatrixGame};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

type Payoffs = Vec<Vec<f64>>;

/// The games of equilibria.json, by name: (A, B) as written by Gambit's users.
fn reference_games() -> Vec<(String, Payoffs, Payoffs)> {
    let text = std::fs::read_to_string(fixtures().join("equilibria.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["games"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let m = |k: &str| serde_json::from_value::<Payoffs>(g[k].clone()).unwrap();
            (g["name"].as_str().unwrap().to_string(), m("A"), m("B"))
        })
        .collect()
}

#[test]
fn every_gambit_file_reads_and_equals_the_reference_payoffs() {
    let games = reference_games();
    let mut compared = 0;
    let mut files = 0;
    for entry in std::fs::read_dir(fixtures().join("nfg")).unwrap() {
        let path = entry.unwrap().path();
        let game = nfg::read_file(&path).unwrap_or_else(|e| panic!("{e}"));
        files += 1;
        let stem = path.file_stem().unwrap().to_str().unwrap();
        if let Some((_, a, b)) = games.iter().find(|g| g.0 == stem) {
            let (m, n) = game.shape();
            assert_eq!((m, n), (a.len(), a[0].len()), "{stem}");
            for i in 0..m {
                for j in 0..n {
                    assert_eq!(game.payoffs(i, j), (a[i][j], b[i][j]), "{stem} ({i},{j})");
                }
            }
            compared += 1;
        }
        // Whatever was read is written back and read again unchanged.
        let again = nfg::parse(&nfg::to_string(&game), "roundtrip").unwrap();
        assert_eq!(again, game, "{stem}");
    }
    assert_eq!(files, 18);
    assert_eq!(
        compared, 16,
        "the outcome-version files named like reference games"
    );
}

#[test]
fn payoff_version_files_match_their_outcome_version_twins() {
    let payoff =
        nfg::read_file(fixtures().join("nfg/prisoners_dilemma_payoff_version.nfg")).unwrap();
    let outcome = nfg::read_file(fixtures().join("nfg/prisoners_dilemma.nfg")).unwrap();
    assert_eq!(payoff.row_payoffs(), outcome.row_payoffs());
    assert_eq!(payoff.col_payoffs(), outcome.col_payoffs());
    assert_eq!(payoff.row_actions(), ["Restrain", "Arm"]);
    let von_stengel = nfg::read_file(fixtures().join("nfg/von_stengel_3x2.nfg")).unwrap();
    let payoff_3x2 =
        nfg::read_file(fixtures().join("nfg/bimatrix_3x2_payoff_version.nfg")).unwrap();
    assert_eq!(payoff_3x2.row_payoffs(), von_stengel.row_payoffs());
    assert_eq!(payoff_3x2.col_payoffs(), von_stengel.col_payoffs());
}

fn dilemma(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_security_game_names_class_and_world() {
    let (code, out, _) = dilemma(&[
        "game",
        "security",
        "--offence",
        "0.8",
        "--differentiation",
        "0.1",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("class: prisoner's dilemma"), "{out}");
    assert!(out.contains("world 1: doubly dangerous"), "{out}");
    let (code, out, _) = dilemma(&[
        "game",
        "security",
        "--offence",
        "0.2",
        "--differentiation",
        "0.9",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("class: stag hunt"), "{out}");
    assert!(out.contains("world 4: doubly stable"), "{out}");
    let (code, out, _) = dilemma(&[
        "game",
        "security",
        "--offence",
        "0.2",
        "--differentiation",
        "0.9",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["class"]["class"], "stag_hunt");
    assert_eq!(v["jervis_world_number"], 4);
    assert_eq!(v["trust_threshold"], 0.625);
}

#[test]
fn cli_game_show_writes_nfg_that_reads_back() {
    let (code, out, _) = dilemma(&["game", "show", "pd", "--param", "T=6", "--format", "nfg"]);
    assert_eq!(code, 0);
    let g = nfg::parse(&out, "stdout").unwrap();
    let want = dilemma::game::catalogue::prisoners_dilemma(3.0, 0.0, 6.0, 1.0).unwrap();
    assert_eq!(g, want);
    let (code, out, _) = dilemma(&["game", "show", "stag_hunt", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g: MatrixGame = serde_json::from_value(v["game"].clone()).unwrap();
    assert_eq!(g.shape(), (2, 2));
    let file = fixtures().join("nfg/shapley_3x3.nfg");
    let (code, out, _) = dilemma(&["game", "show", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("shapley_3x3 (3x3"), "{out}");
}

#[test]
fn cli_errors_are_one_line_with_exit_code_2() {
    for args in [
        &["game", "security", "--offence", "1.5"][..],
        &["game", "show", "no_such_game"],
        &["game", "show", "pd", "--param", "T"],
        &["game", "show", "missing-file.nfg"],
        &["game", "security", "--paranoia", "0.1,0.2,0.3"],
    ] {
        let (code, out, err) = dilemma(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
    let (_, _, err) = dilemma(&["game", "security", "--offence", "1.5"]);
    assert!(err.contains("offence"), "{err}");
}
