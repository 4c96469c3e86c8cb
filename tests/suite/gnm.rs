//! The global Newton method (`--method gnm`): Gambit's reference games, two
//! closed forms (a unique totally mixed equilibrium, a strictly dominant
//! profile), two-player games through the same code, the index theorem's
//! odd number of crossings, determinism, and the command.

use super::nplayer::{dilemma, fixtures, found, references};
use dilemma::equilibrium::nplayer::gnm::{gnm, GnmOptions, Perturbation};
use dilemma::equilibrium::nplayer::{max_regret, solve_nplayer, NPlayerMethod, NPlayerOptions};
use dilemma::equilibrium::vertex_enumeration;
use dilemma::game::{catalogue, nplayer_catalogue, NPlayerGame};

fn with_seed(seed: u64) -> GnmOptions {
    GnmOptions {
        seed,
        ..GnmOptions::default()
    }
}

#[test]
fn every_answer_on_the_reference_games_is_a_known_equilibrium() {
    for r in references() {
        let all = solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        let known: Vec<_> = r
            .enumpoly
            .iter()
            .flatten()
            .chain(&r.pure)
            .chain(&r.gnm)
            .collect();
        for seed in 1..=3 {
            let run = gnm(&r.game, &with_seed(seed)).unwrap();
            assert!(!run.equilibria.is_empty(), "{}", r.name);
            for e in &run.equilibria {
                assert!(max_regret(&r.game, &e.strategies) < 1e-6, "{}: {e}", r.name);
                if r.name == "nplayer_3x3x3_seed5005" {
                    // Degenerate: player 2 is indifferent along a polytope
                    // of equilibria where players 1 and 3 play their first
                    // action (it holds every listed one); the path may cross
                    // t = 0 inside it, away from the extreme points listed.
                    assert!(all
                        .equilibria
                        .iter()
                        .all(|a| a.strategies[0] == e.strategies[0]
                            && a.strategies[2] == e.strategies[2]));
                    continue;
                }
                let in_reference = known
                    .iter()
                    .any(|p| found(std::slice::from_ref(e), p, 1e-6));
                let in_ours = found(&all.equilibria, &e.strategies, 1e-6);
                assert!(in_reference || in_ours, "{} seed {seed}: {e}", r.name);
            }
        }
    }
}

#[test]
fn nondegenerate_paths_cross_zero_an_odd_number_of_times() {
    // The path from t = +∞ to t = -∞ crosses t = 0 at equilibria of
    // alternating index, starting and ending with +1: an odd number of
    // times in a nondegenerate game (support enumeration decides which
    // are), each crossing certified. In a degenerate game the path may run
    // along a segment of equilibria at t = 0 and the count proves nothing;
    // every crossing still certifies.
    let mut nondegenerate = 0;
    for r in references() {
        let all = solve_nplayer(&r.game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
        for seed in 1..=6 {
            let run = gnm(&r.game, &with_seed(seed)).unwrap();
            assert_eq!(run.equilibria.len(), run.crossings, "{} {seed}", r.name);
            if all.degenerate == Some(false) {
                assert!(
                    run.stopped.is_empty(),
                    "{} {seed}: {:?}",
                    r.name,
                    run.stopped
                );
                assert_eq!(run.crossings % 2, 1, "{} {seed}", r.name);
            }
        }
        nondegenerate += usize::from(all.degenerate == Some(false));
    }
    assert_eq!(nondegenerate, 5);
}

#[test]
fn jordans_cyclic_game_has_its_unique_totally_mixed_equilibrium() {
    // Player 1 wants to match player 2, player 2 to match player 3, player 3
    // to mismatch player 1 (Jordan 1993): each player's indifference pins
    // the next player at 1/2, so (1/2, 1/2, 1/2) is the only equilibrium.
    let game = NPlayerGame::from_fn(&[2, 2, 2], |a| {
        vec![
            f64::from(u8::from(a[0] == a[1])),
            f64::from(u8::from(a[1] == a[2])),
            f64::from(u8::from(a[2] != a[0])),
        ]
    })
    .unwrap();
    let all = solve_nplayer(&game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
    assert_eq!(all.equilibria.len(), 1);
    for seed in 1..=5 {
        let run = gnm(&game, &with_seed(seed)).unwrap();
        assert_eq!(run.crossings, 1, "seed {seed}");
        assert_eq!(run.equilibria[0].strategies, vec![vec![0.5, 0.5]; 3]);
    }
}

#[test]
fn a_strictly_dominant_profile_is_the_one_crossing_from_any_start() {
    // Free riding is strictly dominant in the public goods game (r < n).
    let game = nplayer_catalogue::public_goods(4, 2.0, 1.0)
        .unwrap()
        .to_game()
        .unwrap();
    let free_riding = vec![vec![0.0, 1.0]; 4];
    let starts = [
        Perturbation::Random,
        Perturbation::Dominant(vec![0; 4]),
        Perturbation::Dominant(vec![0, 1, 0, 1]),
    ];
    for perturbation in starts {
        let options = GnmOptions {
            rays: 3,
            perturbation,
            ..GnmOptions::default()
        };
        let run = gnm(&game, &options).unwrap();
        assert_eq!(run.crossings, 3, "{options:?}");
        assert!(run.equilibria.iter().all(|e| e.strategies == free_riding));
    }
}

#[test]
fn two_player_games_go_through_the_same_path() {
    for game in [
        catalogue::by_name("battle_of_the_sexes", &[]).unwrap(),
        catalogue::by_name("chicken", &[]).unwrap(),
        catalogue::by_name("stag_hunt", &[]).unwrap(),
        catalogue::rock_paper_scissors(),
        catalogue::prisoners_dilemma_default(),
    ] {
        let vertices = vertex_enumeration(&game).unwrap();
        let g = NPlayerGame::from_matrix_game(&game);
        for seed in 1..=4 {
            let run = gnm(&g, &with_seed(seed)).unwrap();
            assert!(run.stopped.is_empty(), "{}: {:?}", game.name(), run.stopped);
            assert_eq!(run.crossings % 2, 1, "{}", game.name());
            for e in &run.equilibria {
                assert!(
                    vertices.equilibria.iter().any(|v| {
                        let p = vec![v.row.to_vec(), v.col.to_vec()];
                        found(std::slice::from_ref(e), &p, 1e-9)
                    }),
                    "{}: {e}",
                    game.name()
                );
            }
        }
    }
}

#[test]
fn rays_are_deterministic_for_any_thread_count() {
    let r = references()
        .into_iter()
        .find(|r| r.name == "nplayer_2x2x2x2_seed5006")
        .unwrap();
    let options = GnmOptions {
        rays: 6,
        seed: 11,
        ..GnmOptions::default()
    };
    let many = gnm(&r.game, &options).unwrap();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| gnm(&r.game, &options).unwrap());
    assert_eq!(many.equilibria, one.equilibria);
    assert_eq!(many.steps, one.steps);
    // Six rays find more of the game's equilibria than one.
    let single = gnm(&r.game, &with_seed(11)).unwrap();
    assert!(many.equilibria.len() > single.equilibria.len());
}

#[test]
fn solve_command_with_gnm() {
    let file = fixtures().join("nplayer_2x2x2x2_seed5007.nfg");
    let f = file.to_str().unwrap();
    let (code, out, err) = dilemma(&["solve", f, "--method", "gnm", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["method"], "gnm");
    assert_eq!(v["complete"], false);
    assert!(v["max_regret"].as_f64().unwrap() < 1e-6);
    assert!(!v["equilibria"].as_array().unwrap().is_empty());
    // The path from a pure equilibrium made dominant finds it first.
    let (code, out, err) = dilemma(&["solve", f, "--method", "gnm", "--perturbation", "1,1,2,2"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("making (1, 1, 2, 2) dominant"), "{out}");
    assert!(out.contains("(1, 0) (1, 0) (0, 1) (0, 1)"), "{out}");
    let (code, out, _) = dilemma(&["solve", f, "--method", "gnm", "--rays", "3", "--seed", "4"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("along 3 random perturbation ray(s) (seed 4)"),
        "{out}"
    );
    // Two-player games take it too.
    let (code, out, err) = dilemma(&["solve", "chicken", "--method", "gnm"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("method: gnm"), "{out}");
    for (args, message) in [
        (
            vec!["--method", "gnm", "--perturbation", "1,2"],
            "give one action per player (4 players, 2 given)",
        ),
        (
            vec!["--method", "gnm", "--perturbation", "1,2,3,1"],
            "`3` is not an action of",
        ),
        (vec!["--method", "gnm", "--rays", "0"], "--rays 0"),
        (
            vec![
                "--method",
                "gnm",
                "--rays",
                "2",
                "--perturbation",
                "1,1,1,1",
            ],
            "--perturbation gives one ray",
        ),
        (
            vec!["--method", "liap", "--rays", "2"],
            "--rays applies only with --method gnm",
        ),
        (
            vec!["--method", "simpdiv", "--seed", "2"],
            "--seed applies only with --method liap or gnm",
        ),
        (
            vec!["--method", "gnm", "--starts", "3"],
            "--starts applies only with --method liap",
        ),
    ] {
        let mut full = vec!["solve", f];
        full.extend(args.iter().copied());
        let (code, out, err) = dilemma(&full);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(out.is_empty());
    }
}
