//! Regression tests of the command line's handling of bad input, sizes and
//! output folders: each test is named after the failure it guards against.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the binary in `dir` with `args`.
pub(crate) fn dilemma(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Asserts a user error: exit code 2 and exactly one line on stderr that
/// contains `needle`.
pub(crate) fn assert_one_line_error(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    assert!(err.contains(needle), "`{needle}` not in: {err}");
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

const SMALL: &[&str] = &[
    "tournament",
    "--players",
    "Tit For Tat,Defector,Cooperator",
    "--turns",
    "10",
    "--repetitions",
    "2",
];

/// The small tournament's arguments followed by `extra`.
fn small<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    [SMALL, extra].concat()
}

#[test]
fn payoffs_that_overflow_match_sums_are_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &small(&[
            "--game",
            "security",
            "--param",
            "stakes=1e308",
            "--no-figures",
        ]),
    );
    assert_one_line_error(&out, "not a finite number of magnitude at most 1e100");
    assert!(!dir.path().join("results").exists(), "nothing is written");
}

#[test]
fn perception_noise_in_the_security_game_is_refused_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &small(&["--game", "security", "--perception-noise", "0.3"]),
    );
    assert_one_line_error(&out, "perception_noise");
}

#[test]
fn manifest_replays_the_nfg_game_played_after_the_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let nfg = dir.path().join("g.nfg");
    let pd = "NFG 1 R \"pd\" { \"1\" \"2\" } { 2 2 }\n3 3 5 0 0 5 1 1\n";
    std::fs::write(&nfg, pd).unwrap();
    let run = |extra: &[&str]| {
        let out = dilemma(
            dir.path(),
            &[
                &[
                    "tournament",
                    "--players",
                    "Cooperator,Defector",
                    "--turns",
                    "5",
                ][..],
                &["--repetitions", "1", "--no-figures"],
                extra,
            ]
            .concat(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["--game", "g.nfg", "--out", "first"]);
    // The file changes: a manifest re-run still plays the game it recorded.
    std::fs::write(
        &nfg,
        "NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n9 9 9 9 9 9 9 9\n",
    )
    .unwrap();
    run(&["--manifest", "first/manifest.json", "--out", "second"]);
    let table = |d: &str| std::fs::read_to_string(dir.path().join(d).join("payoff_matrix.csv"));
    assert_eq!(table("first").unwrap(), table("second").unwrap());
    let manifest = std::fs::read_to_string(dir.path().join("first/manifest.json")).unwrap();
    assert!(manifest.contains("3 3 5 0 0 5 1 1"), "{manifest}");
}

#[test]
fn sizes_beyond_their_cost_are_refused_before_allocating() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let players = "Tit For Tat,Defector";
    for (args, needle) in [
        (
            vec![
                "tournament",
                "--players",
                players,
                "--turns",
                "100000000000",
            ],
            "turns = 100000000000 is too large",
        ),
        (
            vec!["tournament", "--players", players, "--threads", "100000"],
            "threads = 100000 is too large",
        ),
        (
            vec![
                "tournament",
                "--players",
                players,
                "--continuation",
                "0.9999999999",
            ],
            "continuation",
        ),
        (
            vec!["sweep", "--axis", "offence=0:1:100000000000"],
            "sweep points = 100000000000 is too large",
        ),
        (
            vec!["sweep", "--ecological", "100000000000"],
            "generations = 100000000000 is too large",
        ),
        (
            vec!["play", "Tit For Tat", "Defector", "--turns", "100000000000"],
            "turns = 100000000000 is too large",
        ),
    ] {
        let out = dilemma(d, &args);
        assert_one_line_error(&out, needle);
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(dir.path())
        .args(["strategies"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing: close the pipe at once, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_second_run_on_the_same_folder_never_mixes_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A long first run holds the folder while a second one starts.
    let mut first = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(d)
        .args([
            "tournament",
            "--turns",
            "20000",
            "--repetitions",
            "30",
            "--out",
            "x",
        ])
        .args(["--no-figures", "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = d.join("x/.dilemma-lock");
    let t = std::time::Instant::now();
    while !lock.exists() && t.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second = dilemma(d, &small(&["--out", "x", "--no-figures"]));
    let status = first.wait().unwrap();
    assert!(status.success());
    if lock.exists() || second.status.success() {
        // The first run finished before the second looked: nothing to check.
        return;
    }
    assert_one_line_error(&second, "is being written by another dilemma run");
    let manifest = std::fs::read_to_string(d.join("x/manifest.json")).unwrap();
    assert!(
        manifest.contains("\"turns\": 20000"),
        "the first run's manifest"
    );
}

#[test]
fn a_rerun_without_figures_removes_the_previous_figures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(dilemma(d, &small(&["--out", "x", "--interactions"]))
        .status
        .success());
    assert!(names_in(&d.join("x")).contains(&"wins.svg".to_string()));
    assert!(dilemma(d, &small(&["--out", "x", "--no-figures"]))
        .status
        .success());
    assert_eq!(
        names_in(&d.join("x")),
        [
            ".outputs",
            "manifest.json",
            "payoff_matrix.csv",
            "results.json",
            "summary.csv"
        ]
    );
}

#[test]
fn a_failed_run_leaves_the_previous_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(dilemma(d, &small(&["--out", "x", "--no-figures"]))
        .status
        .success());
    let before = std::fs::read(d.join("x/summary.csv")).unwrap();
    // Fails after taking the folder: an unknown player.
    let out = dilemma(
        d,
        &[
            "tournament",
            "--players",
            "Tit For Tat,Nobody",
            "--out",
            "x",
        ],
    );
    assert_one_line_error(&out, "Nobody");
    assert_eq!(std::fs::read(d.join("x/summary.csv")).unwrap(), before);
    assert_eq!(
        names_in(&d.join("x")),
        [
            ".outputs",
            "manifest.json",
            "payoff_matrix.csv",
            "results.json",
            "summary.csv"
        ]
    );
}

#[cfg(unix)]
#[test]
fn an_unwritable_output_folder_is_refused_before_running() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write anyway; then there is nothing to refuse.
    if std::fs::write(ro.join("probe"), "").is_ok() {
        return;
    }
    let out = dilemma(dir.path(), &small(&["--out", "ro", "--no-figures"]));
    assert_one_line_error(&out, "ro");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("played"), "refused before playing: {err}");
}

#[test]
fn experiment_settings_are_checked_before_the_tournament_runs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |body: &str| {
        std::fs::write(
            d.join("e.toml"),
            format!(
                "[tournament]\nplayers = [\"Tit For Tat\", \"Defector\"]\nturns = 5\nrepetitions = 1\n{body}"
            ),
        )
        .unwrap();
    };
    for (body, needle) in [
        (
            "[compare]\npublished = [{ label = \"TFT\", strategy = \"Tit For Tat\", score = 1.0 }]\n",
            "a rank correlation needs at least two",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Grudger\" }]\n",
            "`Grudger` is not a player",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", population = 4, mutants = 4 }]\n",
            "between 1 and population - 1",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", mutation_rate = 1.5 }]\n",
            "`evolution.moran[0].mutation_rate`: 1.5: a probability in [0, 1]",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", interaction_graph = { lattice = \"2x4\" } }]\n",
            "`evolution.moran[0].interaction_graph`: lattice 2x4 has 8 individuals, the population 10",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", mode = \"dd\" }]\n",
            "mode",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", steps = 0 }]\n",
            "`evolution.moran[0].steps`",
        ),
        (
            "[evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", play_matches = true, outcome_samples = 5 }]\n",
            "not both",
        ),
        (
            "[evolution]\ninitial_population = { Grudger = 1 }\n",
            "`Grudger` is not a player",
        ),
        (
            "[evolution]\ninitial_population = { Defector = -1 }\n",
            "is not a weight",
        ),
        (
            "[evolution]\ninitial_population = { Defector = 0 }\n",
            "every weight is 0",
        ),
    ] {
        write(body);
        let out = dilemma(d, &["run", "e.toml", "--no-figures"]);
        assert_one_line_error(&out, needle);
        assert_eq!(names_in(d), ["e.toml"], "nothing written for {body}");
    }
}

#[test]
fn tournaments_of_one_player_or_twice_the_same_player_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(dir.path(), &["tournament", "--players", "Tit For Tat"]);
    assert_one_line_error(&out, "at least two players");
    let out = dilemma(dir.path(), &["tournament", "--players", "Grudger,Grudger"]);
    assert_one_line_error(&out, "given twice");
}

#[test]
fn argument_errors_are_one_line_and_negative_numbers_are_values() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(dir.path(), &["tournament", "--noise", "-0.1"]);
    assert_one_line_error(&out, "noise");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a probability in [0, 1]"), "{err}");
    let out = dilemma(dir.path(), &["tournament", "--bogus"]);
    assert_one_line_error(&out, "--bogus");
    let out = dilemma(
        dir.path(),
        &["play", "Tit For Tat", "Defector", "--format", "nfg"],
    );
    assert_one_line_error(&out, "nfg");
}

#[test]
fn run_names_cannot_write_outside_results() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["../../x", "", "/tmp/x", ".hidden"] {
        let out = dilemma(dir.path(), &small(&["--name", name, "--no-figures"]));
        assert_one_line_error(&out, "not a plain folder name");
    }
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

#[test]
fn play_refuses_a_match_of_zero_turns() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &["play", "Tit For Tat", "Defector", "--turns", "0"],
    );
    assert_one_line_error(&out, "at least one turn");
}

#[test]
fn an_experiment_in_the_current_folder_reports_its_real_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("e.toml"),
        "[tournament]\nplayers = [\"Tit For Tat\", \"Defector\"]\nturns = 5\nrepetitions = 1\n",
    )
    .unwrap();
    let out = dilemma(dir.path(), &["run", "e.toml", "--no-figures"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("wrote ./"), "{text}");
    assert!(dir.path().join("summary.csv").is_file());
}

#[test]
fn the_progress_line_counts_matches_not_only_pairings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &[
            "tournament",
            "--players",
            "Tit For Tat,Cooperator",
            "--game",
            "security",
            "--param",
            "power=0.7",
            "--turns",
            "5",
            "--repetitions",
            "1",
            "--no-figures",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    // Three pairings; the pair of unequal power plays in both roles.
    assert!(
        err.contains("3 pairings x repetitions (4 matches)"),
        "{err}"
    );
}

#[test]
fn a_sweep_over_the_games_paranoia_gives_rows_that_differ() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &[
            "sweep",
            "--axis",
            "paranoia=0,0.1,0.3",
            "--axis",
            "differentiation=0.2",
            "--players",
            "Tit For Tat,Cooperator",
            "--turns",
            "50",
            "--repetitions",
            "2",
            "--out",
            "s",
            "--no-figures",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(dir.path().join("s/sweep.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "field_cooperation")
        .unwrap();
    let mut by_point: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .collect();
    by_point.dedup();
    assert_eq!(
        by_point.len(),
        3,
        "one restraint per paranoia value: {by_point:?}"
    );
}

#[test]
fn moran_variants_run_from_an_experiment_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("ring.txt"),
        "# a ring of 6\n0 1\n1 2\n2 3\n3 4\n4 5\n5 0\n",
    )
    .unwrap();
    std::fs::write(
        d.join("e.toml"),
        "[tournament]\nplayers = [\"Tit For Tat\", \"Defector\"]\nturns = 10\nrepetitions = 1\n\
         [evolution]\ngenerations = 5\nmoran = [\
         { mutant = \"Tit For Tat\", resident = \"Defector\", population = 6, mutants = 3, runs = 20, mode = \"db\" },\
         { mutant = \"Tit For Tat\", resident = \"Defector\", population = 6, mutants = 3, runs = 10, mutation_rate = 0.1, steps = 50 },\
         { mutant = \"Tit For Tat\", resident = \"Defector\", population = 6, mutants = 2, runs = 20, interaction_graph = { lattice = \"2x3\" }, reproduction_graph = { edges = \"ring.txt\" }, play_matches = true },\
         { mutant = \"Tit For Tat\", resident = \"Defector\", population = 6, mutants = 2, runs = 20, outcome_samples = 3 }]\n",
    )
    .unwrap();
    let out = dilemma(d, &["run", "e.toml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("death-birth"), "{stdout}");
    assert!(
        stdout.contains("time-average share of Tit For Tat"),
        "{stdout}"
    );
    let moran: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("moran.json")).unwrap()).unwrap();
    let m = moran.as_array().unwrap();
    assert_eq!(m[0]["mode"], "db");
    assert!(m[0]["exact_fixation_probability"].as_f64().unwrap() > 0.0);
    assert_eq!(m[0]["simulated"]["runs"], 20);
    assert!(m[1]["simulated"].is_null() && m[1]["exact_fixation_probability"].is_null());
    assert_eq!(m[1]["composition"]["steps"], 50);
    assert_eq!(m[1]["populations"].as_array().unwrap().len(), 51);
    assert_eq!(m[2]["interaction_graph"], "lattice 2x3");
    assert!(m[2]["reproduction_graph"]
        .as_str()
        .unwrap()
        .ends_with("ring.txt"));
    assert_eq!(m[2]["simulation"], "matches played every step");
    assert_eq!(m[3]["simulation"], "outcomes sampled from played matches");
    assert_eq!(m[3]["outcome_samples"], 3);
    for k in 0..4 {
        assert!(
            d.join(format!("moran_populations_{k}.png")).is_file(),
            "{k}"
        );
    }
    // An edge naming an individual outside the population is refused
    // before the tournament runs, in one line.
    std::fs::write(d.join("ring.txt"), "0 1\n1 7\n").unwrap();
    let out = dilemma(d, &["run", "e.toml", "--no-figures"]);
    assert_one_line_error(
        &out,
        "edge 1-7 names individual 7, but the population has 6",
    );
}

#[test]
fn moran_match_payoffs_under_a_continuation_probability_use_the_expected_length() {
    // Per-turn payoffs times 1 / (1 - p) = 10 expected turns, not times the
    // unused fixed-turn default (200).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("e.toml"),
        "[tournament]\nplayers = [\"Grudger\", \"Defector\"]\ncontinuation = 0.9\nrepetitions = 2\n\
         [evolution]\ngenerations = 10\nmoran = [{ mutant = \"Defector\", resident = \"Grudger\", population = 4, runs = 10 }]\n",
    )
    .unwrap();
    let out = dilemma(dir.path(), &["run", "e.toml", "--no-figures"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let moran: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("moran.json")).unwrap())
            .unwrap();
    let four = &moran[0]["match_payoffs"];
    let table = std::fs::read_to_string(dir.path().join("payoff_matrix.csv")).unwrap();
    let per_turn: Vec<Vec<f64>> = table
        .lines()
        .skip(1)
        .map(|l| l.split(',').skip(1).map(|x| x.parse().unwrap()).collect())
        .collect();
    // Players: 0 Grudger, 1 Defector; the four are (mutant v mutant,
    // mutant v resident, resident v mutant, resident v resident).
    let expected = [
        per_turn[1][1],
        per_turn[1][0],
        per_turn[0][1],
        per_turn[0][0],
    ];
    for (k, e) in expected.iter().enumerate() {
        let got = four[k].as_f64().unwrap();
        assert!((got - 10.0 * e).abs() < 1e-9, "{k}: {got} v 10 x {e}");
    }
}

const TWO_SIDES: &[&str] = &[
    "tournament",
    "--game",
    "security",
    "--param",
    "offence=0.3",
    "--players",
    "strong=Cooperator,Defector,Tit For Tat",
    "--players",
    "weak=Cooperator,Defector,Tit For Tat",
    "--turns",
    "20",
    "--repetitions",
    "2",
    "--no-figures",
];

#[test]
fn a_two_side_tournament_gives_the_sides_different_payoffs_against_the_same_opponents() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = TWO_SIDES.to_vec();
    args.extend([
        "--side",
        "strong:power=0.7",
        "--side",
        "weak:power=0.3",
        "--out",
        "out",
    ]);
    let out = dilemma(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/results.json")).unwrap(),
    )
    .unwrap();
    let summary = &results["groups"]["summary"];
    let across = |k: usize| summary[k]["out_group_payoff"].as_f64().unwrap();
    assert_eq!(summary[0]["group"], "strong");
    assert!(
        across(0) > across(1) + 0.5,
        "strong {} weak {}",
        across(0),
        across(1)
    );
    // A strategy that plays for both sides is named with its side.
    let players = results["players"].as_array().unwrap();
    assert_eq!(players[0], "Cooperator [strong]");
    assert_eq!(players[3], "Cooperator [weak]");
}

#[test]
fn bad_side_definitions_are_one_line_errors_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    for (extra, says) in [
        (
            vec!["--side", "strong:power=1.5", "--side", "weak"],
            "power",
        ),
        (vec!["--side", "strong:power=0", "--side", "weak"], "power"),
        (
            vec!["--side", "strong", "--side", "weak:bogus=1"],
            "unknown side parameter",
        ),
        (vec!["--side", "strong"], "unknown side `weak`"),
        (
            vec!["--side", "strong", "--side", "weak", "--side", "ghost"],
            "side `ghost` has no players",
        ),
        (
            vec!["--side", "strong", "--side", "strong:power=0.2"],
            "twice",
        ),
        (
            vec!["--side", "strong:power", "--side", "weak"],
            "KEY=VALUE",
        ),
        (
            vec!["--side", "a b:power=0.3", "--side", "weak"],
            "side name",
        ),
    ] {
        let mut args = TWO_SIDES.to_vec();
        args.extend(extra.iter().copied());
        args.extend(["--out", "never"]);
        let out = dilemma(dir.path(), &args);
        assert_one_line_error(&out, says);
        assert!(!dir.path().join("never").exists(), "{extra:?} wrote output");
    }
    let out = dilemma(
        dir.path(),
        &[
            "game",
            "security",
            "--side",
            "a:power=0.6",
            "--between",
            "a,b",
        ],
    );
    assert_one_line_error(&out, "unknown side `b`");
    let out = dilemma(
        dir.path(),
        &["solve", "--security", "--side", "a", "--method", "pure"],
    );
    assert_one_line_error(&out, "--between");
}

#[test]
fn the_perceived_game_is_shown_and_solved_beside_the_true_game() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--offence",
        "0.3",
        "--differentiation",
        "0.2",
        "--relative-gains",
        "0.5",
        "--side",
        "calm",
        "--side",
        "fearful:paranoia=0.5",
        "--between",
        "calm,fearful",
    ];
    let shown = dilemma(
        dir.path(),
        &[
            &["game", "security", "--perceived", "--format", "json"][..],
            &flags,
        ]
        .concat(),
    );
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let true_s = v["stage_payoffs"]["column"]["s"].as_f64().unwrap();
    let seen_s = v["perceived_stage_payoffs"]["column"]["s"]
        .as_f64()
        .unwrap();
    // The fearful column side's own loss is inflated, by (1 + 0.5) in its
    // material part (and λ (1.5 x - x_other) in its utility).
    assert!(seen_s < true_s, "perceived S {seen_s} vs true S {true_s}");
    assert_eq!(
        v["perceived_stage_payoffs"]["row"], v["stage_payoffs"]["row"],
        "the calm side sees the game as it is"
    );
    let solved = dilemma(
        dir.path(),
        &[&["solve", "--security", "--perceived"][..], &flags].concat(),
    );
    let text = String::from_utf8_lossy(&solved.stdout);
    assert!(solved.status.success());
    assert!(
        text.contains("== the true game") && text.contains("== the game as each side perceives it"),
        "{text}"
    );
}

/// The SVG figures of a folder, by name.
fn svgs_in(dir: &Path) -> Vec<(String, String)> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.ends_with(".svg"))
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).unwrap();
            (n, text)
        })
        .collect()
}

/// Runs `experiment` with SVG figures into `dir`, deletes the figures, and
/// checks that `dilemma plot` redraws every one of them from the files the
/// run wrote, byte for byte as the run drew them from its results in memory.
fn assert_plot_redraws_the_run(dir: &Path, experiment: &str, expected: &[&str]) {
    std::fs::write(dir.join("e.toml"), experiment).unwrap();
    let out = dilemma(dir, &["run", "e.toml", "--figure-format", "svg"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drawn = svgs_in(dir);
    let names: Vec<&str> = drawn.iter().map(|(n, _)| n.as_str()).collect();
    for name in expected {
        assert!(names.contains(name), "{name} not among {names:?}");
    }
    for (name, _) in &drawn {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    let out = dilemma(dir, &["plot", ".", "--format", "svg"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let redrawn = svgs_in(dir);
    assert_eq!(
        redrawn.iter().map(|f| &f.0).collect::<Vec<_>>(),
        drawn.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, run), (_, plot)) in drawn.iter().zip(&redrawn) {
        assert!(run == plot, "{name}: `dilemma plot` draws it otherwise");
    }
}

#[test]
fn plot_redraws_a_run_folder_as_the_run_drew_it() {
    // A tournament with a comparison, the ecological simulation (a name
    // with a comma among its columns) and Moran processes on mean payoffs
    // and with matches played.
    let dir = tempfile::tempdir().unwrap();
    assert_plot_redraws_the_run(
        dir.path(),
        "[tournament]\nplayers = [\"Tit For Tat\", \"Defector\", \"Omega TFT: 3, 8\", \"Cooperator\"]\n\
         turns = 20\nrepetitions = 2\n\
         [evolution]\ngenerations = 30\nmoran = [\
         { mutant = \"Defector\", resident = \"Tit For Tat\", population = 6, runs = 40 },\
         { mutant = \"Defector\", resident = \"Tit For Tat\", population = 6, runs = 10, play_matches = true }]\n\
         [compare]\npublished = [{ label = \"TFT\", strategy = \"Tit For Tat\", score = 2.0 },\
         { label = \"ALLD\", strategy = \"Defector\", score = 1.0 }]\n",
        &[
            "ecological.svg",
            "moran.svg",
            "payoff_heat_map.svg",
            "wins.svg",
        ],
    );
    let table = std::fs::read_to_string(dir.path().join("ecological.csv")).unwrap();
    assert!(
        table.starts_with("generation,Tit For Tat,Defector,\"Omega TFT: 3, 8\",Cooperator\n"),
        "{table}"
    );
    assert!(dir.path().join("comparison.json").is_file());

    // A sweep over three axes of the security game, with a strategy's maps.
    let dir = tempfile::tempdir().unwrap();
    assert_plot_redraws_the_run(
        dir.path(),
        "[tournament]\nplayers = [\"Tit For Tat\", \"Defector\", \"Paranoid\"]\n\
         turns = 10\nrepetitions = 1\ngame = { kind = \"security\" }\n\
         [sweep]\necological_generations = 10\nstrategy_maps = [\"Paranoid\"]\naxes = [\
         { parameter = \"power\", values = [0.5, 0.6] },\
         { parameter = \"offence\", from = 0.0, to = 1.0, steps = 3 },\
         { parameter = \"differentiation\", from = 0.0, to = 1.0, steps = 2 }]\n",
        &[
            "jervis_classes.svg",
            "jervis_restraint_evolved.svg",
            "jervis_share_paranoid.svg",
        ],
    );
}

#[test]
fn sides_are_read_with_their_values_and_player_lists_name_their_side() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(
        dir.path(),
        &[
            "tournament",
            "--game",
            "security",
            "--side",
            "weak:power=0.3, paranoia=0.1",
            "--side",
            "strong",
            "--players",
            "weak=Tit For Tat,Random: 0.5",
            "--players",
            "strong=Defector",
            "--turns",
            "5",
            "--repetitions",
            "1",
            "--no-figures",
            "--out",
            "s",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("s/manifest.json")).unwrap())
            .unwrap();
    let config = &manifest["config"];
    assert_eq!(config["sides"]["weak"]["power"], 0.3);
    assert_eq!(config["sides"]["weak"]["paranoia"], 0.1);
    assert_eq!(config["sides"]["strong"], serde_json::json!({}));
    // `weak=` names the side; "Random: 0.5" keeps its colon.
    let players: Vec<(String, String)> = config["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["strategy"].as_str().unwrap().to_string(),
                p["side"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        players,
        [
            ("Tit For Tat".into(), "weak".into()),
            ("Random: 0.5".into(), "weak".into()),
            ("Defector".into(), "strong".into())
        ]
    );
}

/// The two-action strategies `dilemma strategies` lists, in its order, but
/// the long-running ones.
fn listed_two_action_strategies(dir: &Path) -> Vec<String> {
    let listing = dilemma(dir, &["strategies", "--format", "json"]);
    assert!(listing.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&listing.stdout).unwrap();
    let long: Vec<&str> = rows
        .iter()
        .filter(|r| r["long_run_time"] == true)
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    // Axelrod-Python's long-running players: its library meta players, DBS
    // and EvolvedAttention.
    assert_eq!(long.len(), 19, "{long:?}");
    assert!(
        long.iter().any(|n| n.starts_with("DBS"))
            && long.contains(&"Meta Winner")
            && long.contains(&"EvolvedAttention"),
        "{long:?}"
    );
    rows.iter()
        .filter(|r| r["kind"] != "three-action" && r["long_run_time"] != true)
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

fn players_of_run(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("results.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::from_value(v["players"].clone()).unwrap()
}

#[test]
fn players_all_is_the_library_but_its_long_running_players_in_listing_order_with_loaded_files_after_it(
) {
    let dir = tempfile::tempdir().unwrap();
    let library = listed_two_action_strategies(dir.path());
    assert!(library.len() > 100, "{} strategies", library.len());
    let quick = ["--turns", "3", "--repetitions", "1", "--no-figures"];
    let out = dilemma(
        dir.path(),
        &[
            &["tournament", "--players", "all", "--out", "full"][..],
            &quick,
        ]
        .concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(players_of_run(&dir.path().join("full")), library);

    // A strategy file's strategies follow the library, on the command line
    // and in an experiment file.
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[strategy]]\nname = \"Mostly Nice\"\nkind = \"memory_one\"\ndescription = \"test\"\nsource = \"test\"\nfour_vector = [1, 0.2, 1, 0.2]\nfirst = \"C\"\n",
    )
    .unwrap();
    let mut with_file = library.clone();
    with_file.push("Mostly Nice".to_string());
    let out = dilemma(
        dir.path(),
        &[
            &[
                "tournament",
                "--players",
                "All",
                "--strategies",
                "mine.toml",
            ][..],
            &["--out", "with-file"],
            &quick,
        ]
        .concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(players_of_run(&dir.path().join("with-file")), with_file);
    std::fs::write(
        dir.path().join("experiment.toml"),
        "strategies = [\"mine.toml\"]\n[tournament]\nname = \"everything\"\nplayers = [\"all\"]\nturns = 3\nrepetitions = 1\n",
    )
    .unwrap();
    let out = dilemma(dir.path(), &["run", "experiment.toml", "--no-figures"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `dilemma run` writes beside its experiment file.
    assert_eq!(players_of_run(dir.path()), with_file);

    // `all` beside one of its own strategies names that strategy twice.
    let out = dilemma(
        dir.path(),
        &[&["tournament", "--players", "all,Tit For Tat"][..], &quick].concat(),
    );
    assert_one_line_error(&out, "given twice");
}

#[test]
fn the_text_listing_marks_the_long_running_players() {
    let dir = tempfile::tempdir().unwrap();
    let out = dilemma(dir.path(), &["strategies", "--filter", "attention"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text.lines().next().unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("EvolvedAttention "))
        .unwrap();
    let column = header.find(" long ").unwrap() + 1;
    assert_eq!(&row[column..column + 3], "yes", "{text}");
    assert!(
        text.contains("1 strategies (1 long-running: `--players all` leaves them out)"),
        "{text}"
    );
}

#[test]
fn a_directed_reproduction_graph_runs_from_an_experiment_file_and_arcs_elsewhere_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Rooted at 0: nothing replaces individual 0, so its type (the one
    // mutant) takes over in every run.
    std::fs::write(d.join("line.txt"), "0 1\n1 2\n2 3\n3 3\n").unwrap();
    let experiment = |graph: &str| {
        format!(
            "[tournament]\nplayers = [\"Cooperator\", \"Defector\"]\nturns = 5\nrepetitions = 1\n\
             [evolution]\ngenerations = 5\nmoran = [\
             {{ mutant = \"Defector\", resident = \"Cooperator\", population = 4, mutants = 1, runs = 30, {graph} }}]\n"
        )
    };
    std::fs::write(
        d.join("e.toml"),
        experiment("reproduction_graph = { arcs = \"line.txt\" }"),
    )
    .unwrap();
    let out = dilemma(d, &["run", "e.toml", "--no-figures"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let moran: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("moran.json")).unwrap()).unwrap();
    assert!(moran[0]["reproduction_graph"]
        .as_str()
        .unwrap()
        .starts_with("arcs "));
    assert_eq!(moran[0]["simulated"]["probability"], 1.0);
    std::fs::write(
        d.join("e.toml"),
        experiment("interaction_graph = { arcs = \"line.txt\" }"),
    )
    .unwrap();
    let out = dilemma(d, &["run", "e.toml", "--no-figures"]);
    assert_one_line_error(
        &out,
        "interaction_graph`: arcs: who plays whom is undirected",
    );
}
