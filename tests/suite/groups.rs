//! `dilemma groups`: tournaments of groups on the command line (docs/model.md
//! §20): the files, bit-identical results for 1 and 2 threads, re-runs from
//! the manifest, and one-line errors that leave nothing behind.

use super::cli::{assert_one_line_error, dilemma};
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = dilemma(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

const SMALL: &[&str] = &[
    "groups",
    "--players",
    "Cooperator,Defector,TFT (all),Grim,Random(0.3),Buck Passer",
    "--turns",
    "30",
    "--repetitions",
    "2",
    "--noise",
    "0.05",
    "--perception-noise",
    "0.05",
];

#[test]
fn groups_are_bit_identical_for_one_and_two_threads_and_rerun_from_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let one = [SMALL, &["--threads", "1", "--out", "one"]].concat();
    let two = [SMALL, &["--threads", "2", "--out", "two"]].concat();
    let printed = ok(dir, &one);
    assert!(printed.contains("20 groups, 40 matches"), "{printed}");
    ok(dir, &two);
    for file in ["summary.csv", "manifest.json"] {
        assert_eq!(read(&dir.join("one"), file), read(&dir.join("two"), file));
    }
    assert!(!dir.join("one/blocs.csv").exists());
    ok(
        dir,
        &[
            "groups",
            "--manifest",
            "one/manifest.json",
            "--out",
            "again",
        ],
    );
    assert_eq!(
        read(&dir.join("one"), "summary.csv"),
        read(&dir.join("again"), "summary.csv")
    );
    let summary = read(&dir.join("one"), "summary.csv");
    assert!(summary.starts_with(
        "Rank,Name,Original_index,Matches,Turns,Mean_payoff,Total_score,Cooperation_rating\n"
    ));
    // Each of 6 players is in C(5, 2) = 10 groups, twice.
    assert_eq!(summary.lines().count(), 7);
    assert!(summary.lines().skip(1).all(|l| l.contains(",20,600,")));
}

#[test]
fn the_alliance_game_writes_blocs_and_allies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let args = [
        "groups",
        "--game",
        "alliance",
        "--state",
        "us",
        "--state",
        "uk:power=0.2",
        "--state",
        "ussr:offence=0.8",
        "--bloc",
        "west=us,uk",
        "--players",
        "Chain Ganger,Buck Passer,Defector,Cooperator",
        "--turns",
        "20",
        "--repetitions",
        "2",
        "--threads",
        "2",
        "--out",
        "a",
    ];
    let printed = ok(dir, &args);
    assert!(printed.contains("4 groups, 24 matches"), "{printed}");
    assert!(printed.contains("allies of bloc `west`"), "{printed}");
    let allies = read(&dir.join("a"), "allies.csv");
    let mut lines = allies.lines();
    assert_eq!(
        lines.next(),
        Some("Bloc,Turns,Joint_arming,Buck_passing,Arming_correlation")
    );
    assert!(lines.next().unwrap().starts_with("west,480,"));
    let blocs = read(&dir.join("a"), "blocs.csv");
    // Four players, each in two blocs (west and ussr alone).
    assert_eq!(blocs.lines().count(), 9);
    assert!(blocs.contains(",ussr,"));
}

#[test]
fn bad_groups_are_one_line_errors_that_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--group-size", "4", "--players", "Cooperator,Defector,Grim"],
            "groups of 4 cannot be drawn from a field of 3 players",
        ),
        (
            &["--game", "alliance", "--bloc", "west=1,9"],
            "bloc `west` names the unknown state `9`",
        ),
        (
            &["--game", "alliance", "--bloc", "a=1,2", "--bloc", "b=2,3"],
            "state `2` is in bloc `a` and in bloc `b`",
        ),
        (
            &["--game", "alliance", "--bloc", "all=1,2,3"],
            "holds every state",
        ),
        (
            &["--game", "alliance", "--perception-noise", "0.1"],
            "`perception_noise`",
        ),
        (
            &["--players", "Nobody,Grim"],
            "unknown group strategy `Nobody`",
        ),
        (
            &["--game", "public_goods", "--param", "n=5"],
            "the game's n is the group size",
        ),
        (&["--noise", "1.5"], "noise[1]"),
        (&["--bloc", "west=1,2"], "give them with --game alliance"),
    ];
    for (extra, needle) in cases {
        let args = [&["groups", "--out", "bad"][..], extra].concat();
        assert_one_line_error(&dilemma(dir, &args), needle);
        assert!(!dir.join("bad").exists(), "{args:?} wrote a folder");
    }
}

const EVOLVE: &[&str] = &[
    "groups",
    "--players",
    "TFT (all),Defector,Cooperator",
    "--group-size",
    "4",
    "--game",
    "public_goods",
    "--param",
    "r=3",
    "--turns",
    "20",
    "--repetitions",
    "2",
    "--noise",
    "0.05",
    "--evolve",
    "replicator,fixation",
    "--population",
    "30",
    "--steps",
    "200",
    "--no-figures",
];

#[test]
fn group_evolution_is_bit_identical_for_one_and_two_threads_and_reruns() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let printed = ok(dir, &[EVOLVE, &["--threads", "1", "--out", "one"]].concat());
    assert!(printed.contains("15 compositions"), "{printed}");
    ok(dir, &[EVOLVE, &["--threads", "2", "--out", "two"]].concat());
    ok(
        dir,
        &[
            "groups",
            "--manifest",
            "one/manifest.json",
            "--no-figures",
            "--out",
            "again",
        ],
    );
    let files = [
        "group_payoffs.csv",
        "trajectory.csv",
        "fixation.csv",
        "stationary.csv",
        "manifest.json",
    ];
    for file in files {
        let first = read(&dir.join("one"), file);
        assert_eq!(first, read(&dir.join("two"), file), "{file}");
        assert_eq!(first, read(&dir.join("again"), file), "{file}");
    }
    // 15 compositions of 3 strategies in groups of 4, each strategy present
    // in 10 of them: 30 rows.
    assert_eq!(
        read(&dir.join("one"), "group_payoffs.csv").lines().count(),
        31
    );
    assert_eq!(read(&dir.join("one"), "fixation.csv").lines().count(), 7);
    assert!(!dir.join("one/full_chain.csv").exists());
}

#[test]
fn an_experiment_file_runs_groups_and_their_evolution() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("alliance.toml"),
        r#"
[groups]
name = "alliance-evolution"
players = ["Chain Ganger", "Buck Passer"]
group_size = 3
turns = 20
repetitions = 1
game = { kind = "alliance", alliance = { states = [{ name = "a" }, { name = "b" }, { name = "c" }], blocs = [{ name = "west", members = ["a", "b"] }] } }
[groups.evolution]
fixation = { population = 20, mutation = 0.01 }
"#,
    )
    .unwrap();
    let printed = ok(
        dir,
        &["run", "alliance.toml", "--no-figures", "--out", "exp"],
    );
    assert!(printed.contains("4 compositions"), "{printed}");
    let full = read(&dir.join("exp"), "full_chain.csv");
    assert_eq!(full.lines().count(), 22);
    let total: f64 = full
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-12);
    // A [groups] table without evolution is a tournament of groups.
    std::fs::write(
        dir.join("plain.toml"),
        "[groups]\nplayers = [\"Cooperator\", \"Defector\", \"Grim\"]\nturns = 5\nrepetitions = 1\n",
    )
    .unwrap();
    ok(
        dir,
        &["run", "plain.toml", "--no-figures", "--out", "plain"],
    );
    assert!(read(&dir.join("plain"), "summary.csv").contains("Grim"));
}

#[test]
fn bad_group_evolution_is_a_one_line_error_that_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cases: &[(&[&str], &str)] = &[
        (&["--population", "3"], "--population"),
        (&["--start", "0.5,0.6"], "--start"),
        (&["--mutation", "0.1"], "for two strategies"),
        (&["--dt", "0"], "--dt"),
    ];
    for (extra, needle) in cases {
        let args = [
            &[
                "groups",
                "--players",
                "Cooperator,Defector,Grim",
                "--group-size",
                "4",
                "--evolve",
                "replicator,fixation",
                "--out",
                "bad",
            ][..],
            extra,
        ]
        .concat();
        assert_one_line_error(&dilemma(dir, &args), needle);
        assert!(!dir.join("bad").exists(), "{args:?} wrote a folder");
    }
    let one = [
        "groups",
        "--players",
        "Grim",
        "--evolve",
        "fixation",
        "--out",
        "bad",
    ];
    assert_one_line_error(&dilemma(dir, &one), "at least 2");
    assert!(!dir.join("bad").exists());
    std::fs::write(
        dir.join("bad.toml"),
        "[groups]\n[groups.evolution]\nfixation = { population = 2 }\n",
    )
    .unwrap();
    assert_one_line_error(
        &dilemma(dir, &["run", "bad.toml", "--out", "bad"]),
        "`groups.evolution.fixation.population`",
    );
    assert!(!dir.join("bad").exists());
}

/// The data-defined strategies of `strategies/groups/reciprocators.toml`
/// and the built-in rules they re-express.
const EQUIVALENTS: &[(&str, &str)] = &[
    ("Two Others", "Threshold(2)"),
    ("Every Other", "TFT (all)"),
    ("Half The Others", "TFT (majority)"),
    ("All Or None", "WSLS (all-or-none)"),
    ("Passer", "Buck Passer"),
    ("Forgiving Outsiders", "Spiral Reciprocator(0.3)"),
    ("Coin 0.3", "Random(0.3)"),
];

fn reciprocators_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("strategies/groups/reciprocators.toml")
}

#[test]
fn data_defined_rules_play_as_the_builtins() {
    use dilemma::game::alliance::{AllianceGame, AllianceSpec, BlocSpec};
    use dilemma::game::{nplayer_catalogue, SecurityDilemma};
    use dilemma::play::group::{
        parse_group_strategies, play_group, GroupGame, GroupPlayer, GroupRule, GroupRules,
    };
    use std::sync::Arc;
    let text = std::fs::read_to_string(reciprocators_file()).unwrap();
    let tables: Vec<_> = parse_group_strategies(&text, "reciprocators.toml")
        .unwrap()
        .into_iter()
        .map(Arc::new)
        .collect();
    assert_eq!(tables.len(), EQUIVALENTS.len());
    let data = |k: usize| GroupRule::parse_with(EQUIVALENTS[k].0, &tables).unwrap();
    let builtin = |k: usize| GroupRule::parse(EQUIVALENTS[k].1).unwrap();
    assert!(matches!(data(0), GroupRule::Table(_)));
    // Four seats: a public goods game without blocs, and the alliance game
    // with seats 1 and 2 allied (so that allies and outsiders differ).
    let pgg = GroupGame::new(
        &nplayer_catalogue::by_name("public_goods", &[("n".into(), 4.0), ("r".into(), 2.5)])
            .unwrap(),
    )
    .unwrap();
    let mut spec = AllianceSpec::plain(SecurityDilemma::default(), 4);
    spec.blocs = vec![BlocSpec {
        name: "west".into(),
        members: vec!["1".into(), "2".into()],
    }];
    let alliance = GroupGame::from_alliance(&AllianceGame::new(&spec).unwrap()).unwrap();
    let rules = GroupRules::turns(150, 4)
        .with_noise(0.05)
        .with_perception_noise(0.05)
        .recording(true);
    let m = EQUIVALENTS.len();
    let mut compared = 0;
    for game in [&pgg, &alliance] {
        for first in 0..m {
            // Every strategy in every seat, with three others.
            let seats: Vec<usize> = (0..4).map(|s| (first + 2 * s) % m).collect();
            for seed in 0..4 {
                let play = |rule: &dyn Fn(usize) -> GroupRule| {
                    let mut p: Vec<GroupPlayer> =
                        seats.iter().map(|&k| GroupPlayer::new(rule(k))).collect();
                    play_group(&mut p, game, &rules, seed).unwrap()
                };
                let (a, b) = (play(&data), play(&builtin));
                assert_eq!(a.moves, b.moves, "{seats:?} seed {seed} in {}", game.name());
                assert_eq!(a.scores, b.scores);
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 2 * 7 * 4);
}

#[test]
fn groups_load_strategy_files_record_them_and_rerun_from_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::copy(reciprocators_file(), dir.join("mine.toml")).unwrap();
    let args = [
        "groups",
        "--strategies",
        "mine.toml",
        "--players",
        "Two Others,All Or None,Coin 0.3,Defector,Paranoid,Bayesian Truster",
        "--turns",
        "30",
        "--repetitions",
        "2",
        "--noise",
        "0.05",
        "--out",
        "one",
    ];
    let printed = ok(dir, &args);
    assert!(printed.contains("All Or None"), "{printed}");
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&dir.join("one"), "manifest.json")).unwrap();
    let files = &manifest["config"]["strategy_files"];
    assert_eq!(files[0]["path"], "mine.toml");
    assert_eq!(
        files[0]["contents"].as_str().unwrap(),
        std::fs::read_to_string(reciprocators_file()).unwrap()
    );
    // The manifest holds the text: the file itself is no longer needed.
    std::fs::remove_file(dir.join("mine.toml")).unwrap();
    ok(
        dir,
        &[
            "groups",
            "--manifest",
            "one/manifest.json",
            "--out",
            "again",
        ],
    );
    assert_eq!(
        read(&dir.join("one"), "summary.csv"),
        read(&dir.join("again"), "summary.csv")
    );
    // An experiment names the files in [groups], relative to itself.
    std::fs::create_dir(dir.join("exp")).unwrap();
    std::fs::copy(reciprocators_file(), dir.join("exp/mine.toml")).unwrap();
    std::fs::write(
        dir.join("exp/e.toml"),
        "[groups]\nstrategies = [\"mine.toml\"]\nplayers = [\"Every Other\", \"Passer\", \"Grim\"]\nturns = 5\nrepetitions = 1\n",
    )
    .unwrap();
    ok(dir, &["run", "exp/e.toml", "--no-figures", "--out", "ran"]);
    assert!(read(&dir.join("ran"), "summary.csv").contains("Passer"));
    assert!(read(&dir.join("ran"), "manifest.json").contains("strategy_files"));
}

#[test]
fn bad_group_strategy_files_are_one_line_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let head = "[[group_strategy]]\nname = \"Mine\"\ndescription = \"d\"\nsource = \"s\"\n";
    let cases: &[(&str, &str)] = &[
        (
            "rules = [{ others_cooperated = 1, cooperate = 2 }]\n",
            "bad.toml: strategy `Mine`, field `rules[1].cooperate`: 2 is not a probability in [0, 1]",
        ),
        (
            "rules = [{ friends_defected = 0, cooperate = \"C\" }]\n",
            "bad.toml: strategy `Mine`, field `rules[1].friends_defected`: unknown condition",
        ),
        (
            "[[group_strategy]]\nname = \"Grim\"\ndescription = \"d\"\nsource = \"s\"\n",
            "bad.toml: strategy `Grim`, field `name`: duplicate name: `Grim` is a built-in group strategy",
        ),
    ];
    for (body, needle) in cases {
        std::fs::write(dir.join("bad.toml"), format!("{head}{body}")).unwrap();
        let args = [
            "groups",
            "--strategies",
            "bad.toml",
            "--players",
            "Mine,Grim,Defector",
            "--out",
            "bad",
        ];
        assert_one_line_error(&dilemma(dir, &args), needle);
        assert!(!dir.join("bad").exists());
    }
    let args = ["groups", "--strategies", "none.toml", "--out", "bad"];
    assert_one_line_error(&dilemma(dir, &args), "none.toml");
    std::fs::write(
        dir.join("top.toml"),
        "strategies = [\"x.toml\"]\n[groups]\nturns = 5\n",
    )
    .unwrap();
    assert_one_line_error(
        &dilemma(dir, &["run", "top.toml", "--out", "bad"]),
        "give group strategy files as `strategies` in [groups]",
    );
}

#[test]
fn evolution_flags_without_their_dynamics_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--population", "30"],
            "--population applies to --evolve fixation",
        ),
        (&["--steps", "10"], "--steps applies to --evolve replicator"),
        (
            &["--evolve", "replicator", "--mutation", "0.1"],
            "--mutation applies to --evolve fixation",
        ),
        (
            &["--evolve", "fixation", "--start", "0.5,0.5"],
            "--start applies to --evolve replicator",
        ),
    ];
    for (extra, needle) in cases {
        let args = [
            &[
                "groups",
                "--players",
                "Cooperator,Defector,Grim",
                "--out",
                "bad",
            ][..],
            extra,
        ]
        .concat();
        assert_one_line_error(&dilemma(dir, &args), needle);
        assert!(!dir.join("bad").exists(), "{args:?} wrote a folder");
    }
}

#[test]
fn fixation_writes_its_heat_map_and_stationary_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let args = [
        "groups",
        "--players",
        "TFT (all),Defector,Paranoid",
        "--group-size",
        "3",
        "--turns",
        "10",
        "--repetitions",
        "1",
        "--evolve",
        "fixation",
        "--population",
        "20",
        "--out",
        "fix",
    ];
    let printed = ok(dir, &args);
    for file in [
        "fixation_heat_map.svg",
        "stationary.svg",
        "fixation_heat_map.png",
    ] {
        assert!(printed.contains(file), "{file}: {printed}");
        assert!(dir.join("fix").join(file).exists());
    }
    let heat = read(&dir.join("fix"), "fixation_heat_map.svg");
    assert!(heat.contains("Invader") && heat.contains("Paranoid"));
    assert!(read(&dir.join("fix"), "stationary.svg").contains("1/20"));
}

#[test]
fn every_listed_group_strategy_plays_under_its_listed_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = reciprocators_file();
    let file = file.to_str().unwrap();
    let listing = ok(
        dir,
        &[
            "strategies",
            "--groups",
            "--strategies",
            file,
            "--format",
            "json",
        ],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&listing).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    // The default field of 20, four more built-ins, the file's tables.
    assert!(names.len() >= 24 + 7, "{names:?}");
    for must in [
        "TFT (all)",
        "Threshold(2)",
        "Bayesian Truster",
        "Two Others",
    ] {
        assert!(names.contains(&must), "{must} not listed: {names:?}");
    }
    assert!(rows
        .iter()
        .all(|r| !r["description"].as_str().unwrap().is_empty()));
    let players = names.join(",");
    ok(
        dir,
        &[
            "groups",
            "--players",
            &players,
            "--strategies",
            file,
            "--group-size",
            "2",
            "--turns",
            "3",
            "--repetitions",
            "1",
            "--out",
            "all",
        ],
    );
    let summary = read(&dir.join("all"), "summary.csv");
    assert_eq!(summary.lines().count(), names.len() + 1, "{summary}");
    // A two-player strategy file is refused with the reason, exit 2.
    let out = dilemma(
        dir,
        &[
            "strategies",
            "--groups",
            "--strategies",
            concat!(env!("CARGO_MANIFEST_DIR"), "/strategies/lookup.toml"),
        ],
    );
    assert_one_line_error(&out, "`[[strategy]]` entries are two-player strategies");
}
