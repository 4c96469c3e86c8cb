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

fn nfg_err(text: &str) -> String {
    nfg::parse(text, "big.nfg").unwrap_err().to_string()
}

#[test]
fn nfg_header_over_the_profile_cap_is_refused_before_allocating() {
    // Once a panic on overflow, then an abort allocating 80 GB.
    for counts in [
        "100000000000 100000000000",
        "100000 100000",
        "1025 1024",
        "4294967296 4294967296",
    ] {
        let e = nfg_err(&format!(
            "NFG 1 R \"x\" {{ \"1\" \"2\" }}\n{{ {counts} }}\n1 1\n"
        ));
        assert!(e.starts_with("big.nfg:2: the header declares"), "{e}");
        assert!(e.contains(&nfg::MAX_PROFILES.to_string()), "{e}");
    }
    let e = nfg_err("NFG 1 R \"x\" { \"1\" \"2\" }\n{ 99999999999999999999999 2 }\n1 1\n");
    assert!(
        e.starts_with("big.nfg:2: the first player's number of strategies `99999999999999999999999` is too large"),
        "{e}"
    );
}

#[test]
fn nfg_header_declaring_more_profiles_than_the_file_holds_is_refused() {
    let e = nfg_err("NFG 1 R \"x\" { \"1\" \"2\" }\n{ 1000 1000 }\n\"\"\n1 2 3\n");
    assert_eq!(
        e,
        "big.nfg:2: the header declares 1000 x 1000 strategies, whose 1000000 profiles need 2000000 payoffs, but only 3 entries follow"
    );
    let e = nfg_err("NFG 1 R \"x\" { \"1\" \"2\" }\n{ 3 3 }\n{ { \"\" 1, 1 } }\n1 1 1 1\n");
    assert!(
        e.starts_with("big.nfg:2: the header declares 3 x 3 strategies, whose 9 profiles need 9 outcome indices, but only 4 entries follow"),
        "{e}"
    );
    // At the cap, a file that holds every payoff is read.
    let (m, n) = (1024, 1024);
    assert_eq!(m * n, nfg::MAX_PROFILES);
    let text = format!(
        "NFG 1 R \"cap\" {{ \"1\" \"2\" }} {{ {m} {n} }}\n{}",
        "1 2 ".repeat(m * n)
    );
    let g = nfg::parse(&text, "cap.nfg").unwrap();
    assert_eq!(g.shape(), (m, n));
    assert_eq!(g.payoffs(m - 1, n - 1), (1.0, 2.0));
    // A text of more tokens than any game under the cap needs is refused
    // while it is read, before the tokens pile up.
    let text = format!(
        "NFG 1 R \"x\" {{ \"1\" \"2\" }} {{ 1 1 }}\n{}",
        "1\n".repeat(nfg::MAX_TOKENS + 10)
    );
    let e = nfg_err(&text);
    assert!(
        e.starts_with(&format!(
            "big.nfg:{}: more than {} tokens",
            nfg::MAX_TOKENS - 10,
            nfg::MAX_TOKENS
        )),
        "{e}"
    );
}

#[test]
fn cli_oversized_nfg_header_is_one_error_line_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.nfg");
    std::fs::write(
        &file,
        "NFG 1 R \"x\" { \"1\" \"2\" }\n{ 100000 100000 }\n1 1\n",
    )
    .unwrap();
    let (code, out, err) = dilemma(&["game", "show", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("huge.nfg:2: the header declares 100000 x 100000"),
        "{err}"
    );
}

#[test]
fn nfg_duplicate_strategy_labels_get_gambit_suffixes() {
    let text = "NFG 1 R \"d\" { \"1\" \"2\" }\n{ { \"defect\" \"defect\" } { \"\" \"c\" \"c\" } }\n\"\"\n1 1 2 2 3 3 4 4 5 5 6 6\n";
    let g = nfg::parse(text, "d.nfg").unwrap();
    assert_eq!(g.row_actions(), ["defect", "defect_1"]);
    assert_eq!(g.col_actions(), ["1", "c", "c_1"]);
    // What is written has distinct labels, so it reads back unchanged.
    assert_eq!(nfg::parse(&nfg::to_string(&g), "again").unwrap(), g);
    let dup = MatrixGame::symmetric(ndarray::array![[3.0, 0.0], [5.0, 1.0]])
        .unwrap()
        .with_action_names(["x", "x"], ["x", "x"])
        .unwrap();
    assert!(nfg::to_string(&dup).contains("{ { \"x\" \"x_1\" }"));
}

#[test]
fn nfg_backslashes_in_labels_are_kept() {
    let text = r#"NFG 1 R "C:\games\pd" { "1" "2" }
{ { "a\b" "say \"hi\"" "end\\" } { "x" } }
""
1 1 2 2 3 3
"#;
    let g = nfg::parse(text, "b.nfg").unwrap();
    assert_eq!(g.name(), r"C:\games\pd");
    assert_eq!(g.row_actions(), [r"a\b", r#"say "hi""#, r"end\"]);
    let written = nfg::to_string(&g);
    assert!(written.contains(r#""C:\games\pd""#), "{written}");
    assert!(
        written.contains(r#"{ "a\b" "say \"hi\"" "end\\" }"#),
        "{written}"
    );
    assert_eq!(nfg::parse(&written, "again").unwrap(), g);
}

/// The payoffs of a written `.nfg` text (payoff version), as exact rationals.
fn written_payoffs(text: &str) -> Vec<num_rational::Ratio<i128>> {
    let body = text.lines().last().unwrap();
    body.split_whitespace()
        .map(|w| match w.split_once('/') {
            Some((p, q)) => num_rational::Ratio::new(p.parse().unwrap(), q.parse().unwrap()),
            None => {
                let (int, frac) = w.split_once('.').unwrap_or((w, ""));
                let digits: i128 = format!("{int}{frac}").parse().unwrap();
                num_rational::Ratio::new(digits, 10i128.pow(frac.len() as u32))
            }
        })
        .collect()
}

#[test]
fn nfg_fractions_and_decimals_are_written_back_exactly() {
    let text =
        "NFG 1 R \"f\" { \"1\" \"2\" } { 2 2 }\n3/2 7/13 0.1 -1/3 2.75 1/1024 22/7 -0.000125\n";
    let g = nfg::parse(text, "f.nfg").unwrap();
    let written = nfg::to_string(&g);
    assert!(
        written.ends_with("1.5 7/13 0.1 -1/3 2.75 1/1024 22/7 -0.000125\n"),
        "{written}"
    );
    let r = |p, q| num_rational::Ratio::new(p, q);
    assert_eq!(
        written_payoffs(&written),
        [
            r(3, 2),
            r(7, 13),
            r(1, 10),
            r(-1, 3),
            r(11, 4),
            r(1, 1024),
            r(22, 7),
            r(-1, 8000)
        ]
    );
}

mod exact_payoffs {
    use super::*;
    use num_rational::Ratio;
    use proptest::prelude::*;

    fn written(x: f64) -> Ratio<i128> {
        let g = MatrixGame::new(ndarray::array![[x]], ndarray::array![[0.0]]).unwrap();
        written_payoffs(&nfg::to_string(&g))[0]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn fractions_up_to_ten_thousand_are_written_as_themselves(p in -10_000i128..=10_000, q in 1i128..=10_000) {
            prop_assert_eq!(written(p as f64 / q as f64), Ratio::new(p, q));
        }

        #[test]
        fn decimals_of_fourteen_digits_are_written_as_themselves(
            digits in 1u32..=14, places in 0u32..=20, seed in any::<i64>()
        ) {
            let k = seed as i128 % 10i128.pow(digits);
            let exact = Ratio::new(k, 10i128.pow(places));
            let text = format!("NFG 1 R \"\" {{ \"1\" \"2\" }} {{ 1 1 }} {k}/{} 0", 10i128.pow(places));
            let g = nfg::parse(&text, "p").unwrap();
            prop_assert_eq!(written_payoffs(&nfg::to_string(&g))[0], exact);
        }
    }
}

#[test]
fn efg_files_are_refused_as_not_supported_yet() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tree.efg");
    std::fs::write(&file, "EFG 2 R \"tree\" { \"1\" \"2\" }\n\"\"\n").unwrap();
    for path in [file.to_str().unwrap(), "missing.efg"] {
        let (code, out, err) = dilemma(&["game", "show", path]);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains("extensive-form games are not supported yet"),
            "{err}"
        );
    }
    // Read as a game file by other routes (an experiment's `nfg` game), the
    // same words, with the file and line.
    let e = nfg::read_file(&file).unwrap_err().to_string();
    assert!(
        e.ends_with("tree.efg:1: extensive-form games are not supported yet: this is an `EFG` file; give a strategic-form (`NFG`) file"),
        "{e}"
    );
}

#[test]
fn experiment_paths_resolve_relative_to_the_experiment_file() {
    let root = tempfile::tempdir().unwrap();
    let exp = root.path().join("exp");
    let elsewhere = root.path().join("elsewhere");
    std::fs::create_dir_all(exp.join("games")).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(
        fixtures().join("nfg/prisoners_dilemma_payoff_version.nfg"),
        exp.join("games/pd.nfg"),
    )
    .unwrap();
    std::fs::write(
        exp.join("mine.toml"),
        "[[strategy]]\nname = \"Cycler Mine\"\nkind = \"cycle\"\ndescription = \"C, D\"\nsource = \"test\"\ncycle = \"CD\"\n",
    )
    .unwrap();
    std::fs::write(
        exp.join("experiment.toml"),
        "strategies = [\"mine.toml\"]\n[tournament]\nname = \"rel\"\nplayers = [\"Cycler Mine\", \"Defector\"]\nturns = 4\nrepetitions = 1\ngame = { kind = \"nfg\", path = \"games/pd.nfg\" }\n",
    )
    .unwrap();
    // Run from a sibling folder: neither `mine.toml` nor `games/pd.nfg` is
    // reachable from the current directory.
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args(["run", "../exp/experiment.toml"])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let summary = std::fs::read_to_string(exp.join("summary.csv")).unwrap();
    assert!(summary.contains("Cycler Mine"), "{summary}");
}
