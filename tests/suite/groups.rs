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
