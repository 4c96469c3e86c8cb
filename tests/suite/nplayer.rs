//! Games of more than two players end to end: Gambit's reference games
//! (`tests/fixtures/nplayer/`, from pygambit 16.7), every solver on them,
//! iterated dominance, the n-player catalogue, the `.nfg` reader's errors
//! and the commands.

use dilemma::equilibrium::dominance::{iterated_elimination, DominanceKind};
use dilemma::equilibrium::nplayer::simpdiv::{simplicial_subdivision, SimpdivOptions};
use dilemma::equilibrium::nplayer::{
    liap::liap, max_regret, solve_nplayer, NPlayerEquilibrium, NPlayerMethod, NPlayerOptions,
};
use dilemma::equilibrium::{vertex_enumeration, PROBABILITY_TOLERANCE};
use dilemma::game::{catalogue, nfg, nplayer_catalogue, AnyGame, NPlayerGame};
use std::path::{Path, PathBuf};
use std::process::Command;

pub(super) type Profile = Vec<Vec<f64>>;

pub(super) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nplayer")
}

/// A reference game: its name, the game, and Gambit's answers.
pub(super) struct Reference {
    pub(super) name: String,
    pub(super) game: NPlayerGame,
    pub(super) pure: Vec<Profile>,
    pub(super) enumpoly: Option<Vec<Profile>>,
    pub(super) gnm: Vec<Profile>,
    simpdiv: Vec<Profile>,
}

pub(super) fn references() -> Vec<Reference> {
    let text = std::fs::read_to_string(fixtures().join("nplayer.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let profiles =
        |x: &serde_json::Value| -> Vec<Profile> { serde_json::from_value(x.clone()).unwrap() };
    v["games"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let name = g["name"].as_str().unwrap().to_string();
            let game = match nfg::read_any_file(fixtures().join(format!("{name}.nfg"))).unwrap() {
                AnyGame::Many(game) => game,
                AnyGame::Two(_) => panic!("{name} has more than two players"),
            };
            let shape: Vec<usize> = serde_json::from_value(g["shape"].clone()).unwrap();
            assert_eq!(game.shape(), shape.as_slice(), "{name}");
            Reference {
                name,
                game,
                pure: profiles(&g["pure"]),
                enumpoly: g.get("enumpoly").filter(|e| !e.is_null()).map(profiles),
                gnm: profiles(&g["gnm"]),
                simpdiv: profiles(&g["simpdiv"]),
            }
        })
        .collect()
}

/// `true` when some equilibrium matches `p` within `tol` in every probability.
pub(super) fn found(eqs: &[NPlayerEquilibrium], p: &Profile, tol: f64) -> bool {
    eqs.iter().any(|e| {
        e.strategies
            .iter()
            .zip(p)
            .all(|(a, b)| a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol))
    })
}

#[test]
fn reference_files_read_and_write_back_unchanged() {
    let refs = references();
    assert_eq!(refs.len(), 10);
    for r in &refs {
        assert_eq!(r.game.name(), r.name);
        let text = nfg::nplayer_to_string(&r.game);
        match nfg::parse_any(&text, "again").unwrap() {
            AnyGame::Many(again) => assert_eq!(again, r.game, "{}", r.name),
            AnyGame::Two(_) => panic!("{}", r.name),
        }
    }
    // The first profile of seed 5000: (1, 1, 1) pays 7, 16, 15 (Gambit's
    // first outcome), and (2, 1, 1) the second outcome, 3, 8, 19.
    let g = &refs[0].game;
    assert_eq!(
        (0..3).map(|i| g.payoff(i, &[0, 0, 0])).collect::<Vec<_>>(),
        vec![7.0, 16.0, 15.0]
    );
    assert_eq!(
        (0..3).map(|i| g.payoff(i, &[1, 0, 0])).collect::<Vec<_>>(),
        vec![3.0, 8.0, 19.0]
    );
}

#[test]
fn pure_equilibria_are_gambits() {
    for r in references() {
        let report =
            solve_nplayer(&r.game, NPlayerMethod::Pure, &NPlayerOptions::default()).unwrap();
        assert_eq!(report.equilibria.len(), r.pure.len(), "{}", r.name);
        for p in &r.pure {
            assert!(found(&report.equilibria, p, 0.0), "{}: {p:?}", r.name);
        }
    }
}

#[test]
fn all_equilibria_include_every_pure_enumpoly_and_gnm_one() {
    for r in references() {
        let report =
            solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        assert!(report.complete, "{}: {}", r.name, report.computation);
        assert!(report.max_regret < 1e-6, "{}", r.name);
        for e in &report.equilibria {
            assert!(max_regret(&r.game, &e.strategies) < 1e-6, "{}", r.name);
        }
        let expected = r.enumpoly.iter().flatten().chain(&r.pure).chain(&r.gnm);
        for p in expected {
            assert!(
                found(&report.equilibria, p, 1e-6),
                "{}: missing {p:?}",
                r.name
            );
        }
        // Nothing twice.
        for (k, a) in report.equilibria.iter().enumerate() {
            for b in &report.equilibria[k + 1..] {
                assert!(!a.approx_eq(b, PROBABILITY_TOLERANCE), "{}", r.name);
            }
        }
    }
}

#[test]
fn gambits_enumpoly_misses_what_support_enumeration_finds() {
    // Gambit's enumpoly lists 6 equilibria of seed 5006 and 4 of seed 5007;
    // its gnm finds a totally mixed one of each that enumpoly missed. Of seed
    // 5004 it lists 4; a fifth, where all three players mix, neither finds
    // (its payoffs checked by hand: every supported action earns the same).
    let r = references()
        .into_iter()
        .find(|r| r.name == "nplayer_3x3x3_seed5004")
        .unwrap();
    let report = solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
    let fifth = vec![
        vec![0.0114813297, 0.3091048059, 0.6794138644],
        vec![0.8355920864, 0.0, 0.1644079136],
        vec![0.632792698, 0.367207302, 0.0],
    ];
    assert!(found(&report.equilibria, &fifth, 1e-9));
    assert!(max_regret(&r.game, &fifth) < 1e-8);
    for (name, enumpoly) in [
        ("nplayer_2x2x2x2_seed5006", 6),
        ("nplayer_2x2x2x2_seed5007", 4),
    ] {
        let r = references().into_iter().find(|r| r.name == name).unwrap();
        assert_eq!(r.enumpoly.as_ref().unwrap().len(), enumpoly);
        let report =
            solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        assert!(
            report.equilibria.len() > enumpoly,
            "{name}: {}",
            report.equilibria.len()
        );
    }
}

#[test]
fn exact_fractions_where_at_most_two_players_mix() {
    let r = references()
        .into_iter()
        .find(|r| r.name == "nplayer_2x2x2_seed5002")
        .unwrap();
    let report = solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
    let mixed = report.equilibria.iter().find(|e| !e.is_pure()).unwrap();
    assert_eq!(mixed.strategy_text(1), vec!["7/8", "1/8"]);
    assert_eq!(mixed.strategy_text(2), vec!["1/4", "3/4"]);
    assert!(report.exact_arithmetic);
}

#[test]
fn simpdiv_reaches_an_equilibrium_of_every_reference_game() {
    for r in references() {
        let run = simplicial_subdivision(&r.game, &SimpdivOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", r.name));
        assert!(
            max_regret(&r.game, &run.equilibrium.strategies) < 1e-6,
            "{}",
            r.name
        );
        // Gambit's simpdiv answers are equilibria too (to its 1e-6 or so).
        for p in &r.simpdiv {
            assert!(max_regret(&r.game, p) < 1e-4, "{}", r.name);
        }
    }
}

#[test]
fn liap_finds_verified_equilibria_and_is_deterministic() {
    for r in references() {
        let run = liap(&r.game, 12, 3);
        assert!(run.converged >= 1, "{}", r.name);
        for e in &run.equilibria {
            assert!(max_regret(&r.game, &e.strategies) < 1e-6, "{}", r.name);
        }
        let again = liap(&r.game, 12, 3);
        assert_eq!(again.equilibria, run.equilibria, "{}", r.name);
    }
}

#[test]
fn equilibria_use_only_actions_that_survive_strict_dominance() {
    for r in references() {
        let elim = iterated_elimination(&r.game, DominanceKind::Strict, true).unwrap();
        let report =
            solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        for e in &report.equilibria {
            for (i, support) in e.supports().iter().enumerate() {
                assert!(
                    support.iter().all(|a| elim.remaining[i].contains(a)),
                    "{}: {e}",
                    r.name
                );
            }
        }
    }
}

#[test]
fn two_player_games_go_through_the_two_player_solvers() {
    for game in [
        catalogue::prisoners_dilemma_default(),
        catalogue::by_name("battle_of_the_sexes", &[]).unwrap(),
        catalogue::rock_paper_scissors(),
    ] {
        let g = NPlayerGame::from_matrix_game(&game);
        let all = solve_nplayer(&g, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        let v = vertex_enumeration(&game).unwrap();
        assert_eq!(all.equilibria.len(), v.equilibria.len(), "{}", game.name());
        let simpdiv = simplicial_subdivision(&g, &SimpdivOptions::default()).unwrap();
        assert!(found(
            &all.equilibria,
            &simpdiv.equilibrium.strategies,
            1e-9
        ));
    }
}

#[test]
fn the_volunteers_dilemma_has_its_closed_form_mixed_equilibrium() {
    // Symmetric mixed equilibrium: volunteer with probability
    // p = 1 - (c/b)^(1/(n-1)).
    for (n, b, c) in [(3, 2.0, 1.0), (4, 4.0, 1.0)] {
        let game = nplayer_catalogue::volunteers_dilemma(n, b, c)
            .unwrap()
            .to_game()
            .unwrap();
        let report = solve_nplayer(&game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        assert!(report.complete, "{}", report.computation);
        let p = 1.0 - (c / b).powf(1.0 / (n - 1) as f64);
        let symmetric = vec![vec![p, 1.0 - p]; n];
        assert!(found(&report.equilibria, &symmetric, 1e-9), "n = {n}");
        // The n pure equilibria with exactly one volunteer.
        let pure = report.equilibria.iter().filter(|e| e.is_pure()).count();
        assert_eq!(pure, n);
    }
}

#[test]
fn the_public_goods_game_has_only_free_riding() {
    let game = nplayer_catalogue::public_goods(4, 2.0, 1.0)
        .unwrap()
        .to_game()
        .unwrap();
    let report = solve_nplayer(&game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
    assert_eq!(report.equilibria.len(), 1);
    assert!(report.equilibria[0]
        .strategies
        .iter()
        .all(|s| s == &vec![0.0, 1.0]));
    let elim = iterated_elimination(&game, DominanceKind::Strict, false).unwrap();
    assert_eq!(elim.remaining, vec![vec![1]; 4]);
}

#[test]
fn the_minority_game_is_degenerate_and_says_so() {
    let game = nplayer_catalogue::minority_game(3, 1.0, 0.0)
        .unwrap()
        .to_game()
        .unwrap();
    let report = solve_nplayer(&game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
    assert_eq!(report.degenerate, Some(true));
    for e in &report.equilibria {
        assert!(max_regret(&game, &e.strategies) <= report.tolerance);
    }
    // The symmetric equilibrium (1/2 each) is found.
    assert!(found(&report.equilibria, &vec![vec![0.5, 0.5]; 3], 1e-9));
}

#[test]
fn the_threshold_stag_hunt_has_both_pure_conventions() {
    let game = nplayer_catalogue::threshold_stag_hunt(4, 3, 4.0, 1.0)
        .unwrap()
        .to_game()
        .unwrap();
    let report = solve_nplayer(&game, NPlayerMethod::Pure, &NPlayerOptions::default()).unwrap();
    let all_stag = vec![vec![1.0, 0.0]; 4];
    let all_hare = vec![vec![0.0, 1.0]; 4];
    assert!(found(&report.equilibria, &all_stag, 0.0));
    assert!(found(&report.equilibria, &all_hare, 0.0));
}

pub(super) fn dilemma(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_nplayer_files_are_one_error_line_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "short.nfg",
            "NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n1 2 3 4 5 6\n",
            "whose 8 profiles need 24 payoffs, but only 6 entries follow",
        ),
        (
            "long.nfg",
            &format!(
                "NFG 1 R \"x\" {{ \"1\" \"2\" \"3\" }} {{ 2 1 1 }}\n{}\n",
                "1 ".repeat(7)
            ),
            "expected the end of the file",
        ),
        (
            "empty_player.nfg",
            "NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 2 0 2 }\n",
            "the second player's number of strategies (a positive integer), found `0`",
        ),
        (
            "empty_names.nfg",
            "NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { { \"a\" } { } { \"b\" } }\n",
            "the second player has no strategies",
        ),
        (
            "outcome.nfg",
            "NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 1 1 1 }\n{ { \"\" 1, 2 } }\n1\n",
            "expected the third player's payoff",
        ),
    ];
    for (file, text, needle) in cases {
        let path = dir.path().join(file);
        std::fs::write(&path, text).unwrap();
        for cmd in [&["game", "show"][..], &["solve"][..]] {
            let mut args: Vec<&str> = cmd.to_vec();
            args.push(path.to_str().unwrap());
            let (code, out, err) = dilemma(&args);
            assert_eq!(code, 2, "{file}: {err}");
            assert!(out.is_empty(), "{file}: {out}");
            assert_eq!(err.trim_end().lines().count(), 1, "{file}: {err}");
            assert!(err.contains(needle), "{file}: {err}");
        }
    }
}

#[test]
fn game_show_prints_a_table_per_choice_of_the_others() {
    let file = fixtures().join("nplayer_2x2x2_seed5000.nfg");
    let (code, out, err) = dilemma(&["game", "show", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 players: 2 x 2 x 2 actions"), "{out}");
    assert!(out.contains("3 plays 1:"), "{out}");
    assert!(out.contains("3 plays 2:"), "{out}");
    assert!(out.contains("7, 16, 15"), "{out}");
    // A large game gets a summary.
    let (code, out, _) = dilemma(&["game", "show", "public_goods", "--param", "n=10"]);
    assert_eq!(code, 0);
    assert!(out.contains("no table"), "{out}");
    assert!(out.contains("symmetric: gain"), "{out}");
    // And the .nfg output reads back.
    let (_, text, _) = dilemma(&["game", "show", file.to_str().unwrap(), "--format", "nfg"]);
    let again = nfg::parse_any(&text, "stdout").unwrap();
    let original = nfg::read_any_file(&file).unwrap();
    assert_eq!(again, original);
}

#[test]
fn solve_command_on_nplayer_games() {
    let file = fixtures().join("nplayer_3x3x3_seed5004.nfg");
    let f = file.to_str().unwrap();
    let (code, out, err) = dilemma(&["solve", f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("complete: yes"), "{out}");
    // Gambit's enumpoly lists 4; the fifth, where all three players mix,
    // it misses (see gambits_enumpoly_misses_what_support_enumeration_finds).
    assert!(out.contains("5 equilibria"), "{out}");
    let (code, out, _) = dilemma(&["solve", f, "--method", "simpdiv", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["equilibria"].as_array().unwrap().len(), 1);
    assert_eq!(v["complete"], false);
    let (code, out, _) = dilemma(&[
        "solve", f, "--method", "liap", "--starts", "5", "--seed", "9",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("from 5 starts (seed 9)"), "{out}");
    let (code, _, err) = dilemma(&["solve", f, "--method", "lemke-howson"]);
    assert_eq!(code, 2);
    assert!(err.contains("applies to two-player games"), "{err}");
    // Two-player games take the n-player methods too.
    let (code, out, _) = dilemma(&["solve", "chicken", "--method", "simpdiv"]);
    assert_eq!(code, 0);
    assert!(out.contains("1 equilibrium"), "{out}");
}

#[test]
fn dominance_command_reports_the_order_of_elimination() {
    let (code, out, err) = dilemma(&["game", "dominance", "public_goods", "--param", "n=3"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("round 1: Player 1 C (dominated by D)"),
        "{out}"
    );
    assert!(out.contains("Player 3: D"), "{out}");
    let (code, out, _) = dilemma(&["game", "dominance", "prisoners_dilemma", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dominance"]["remaining"], serde_json::json!([[1], [1]]));
    assert_eq!(v["dominance"]["rounds"], 1);
}
