//! Replicates and sensitivity analysis from the command line: the tables they
//! add, their intervals, and bit-identical results for any thread count.

use std::path::Path;
use std::process::{Command, Output};

fn dilemma(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn tournament_replicates_write_intervals_and_keep_replicate_zero_as_the_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let common = [
        "tournament",
        "--players",
        "Tit For Tat,Defector,Random: 0.5",
        "--turns",
        "20",
        "--repetitions",
        "2",
        "--noise",
        "0.05",
        "--no-figures",
    ];
    let mut replicated = common.to_vec();
    replicated.extend(["--replicates", "4", "--out", "rep"]);
    let mut single = common.to_vec();
    single.extend(["--out", "one"]);
    let printed = dilemma(tmp.path(), &replicated);
    dilemma(tmp.path(), &single);
    let (rep, one) = (tmp.path().join("rep"), tmp.path().join("one"));
    assert_eq!(read(&rep, "summary.csv"), read(&one, "summary.csv"));
    let intervals = read(&rep, "intervals.csv");
    assert!(intervals.starts_with("name,replicates,score_mean,score_sd,score_ci_low,score_ci_high"));
    assert_eq!(intervals.lines().count(), 4);
    assert_eq!(read(&rep, "replicates.csv").lines().count(), 1 + 4 * 3);
    assert_eq!(read(&rep, "differences.csv").lines().count(), 1 + 3);
    // The manifest replays the replicates.
    assert!(read(&rep, "manifest.json").contains("\"replicates\": 4"));
    assert!(String::from_utf8_lossy(&printed.stdout).contains("over 4 replicates"));
    // Each interval holds its mean.
    for line in intervals.lines().skip(1) {
        let cells: Vec<f64> = line
            .split(',')
            .skip(2)
            .map(|c| c.parse().unwrap())
            .collect();
        for q in cells.chunks(4) {
            assert!(q[2] <= q[0] && q[0] <= q[3], "{line}");
        }
    }
}

#[test]
fn replicated_sweeps_are_bit_identical_for_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |threads: &str, out: &str| {
        dilemma(
            tmp.path(),
            &[
                "sweep",
                "--axis",
                "offence=0.1:0.9:3",
                "--axis",
                "differentiation=0.1:0.9:3",
                "--players",
                "Tit For Tat,Defector,Spiral Reciprocator",
                "--turns",
                "20",
                "--repetitions",
                "2",
                "--noise",
                "0.02",
                "--replicates",
                "3",
                "--replicate-rows",
                "--threads",
                threads,
                "--no-figures",
                "--out",
                out,
            ],
        )
    };
    run("1", "one");
    run("2", "two");
    for file in [
        "sweep.csv",
        "sweep_replicates.csv",
        "sweep_intervals.csv",
        "world_differences.csv",
    ] {
        let a = read(&tmp.path().join("one"), file);
        assert_eq!(a, read(&tmp.path().join("two"), file), "{file}");
    }
    let worlds = read(&tmp.path().join("one"), "world_differences.csv");
    assert!(worlds.starts_with("quantity,a,b,replicates,value_mean"));
}

#[test]
fn replicates_refuse_zero_and_interactions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(tmp.path())
        .args(["tournament", "--replicates", "0", "--no-figures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("replicates"));
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(tmp.path())
        .args([
            "tournament",
            "--replicates",
            "2",
            "--interactions",
            "--no-figures",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!tmp.path().join("results").exists(), "nothing written");
}

#[test]
fn sensitivity_writes_its_tables_and_figures_and_refuses_bad_ranges() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dilemma(
        tmp.path(),
        &[
            "sensitivity",
            "--range",
            "differentiation=0:1",
            "--range",
            "stakes=2:6",
            "--players",
            "Tit For Tat,Defector,Spiral Reciprocator",
            "--turns",
            "20",
            "--repetitions",
            "2",
            "--morris",
            "4",
            "--outcome",
            "spiral-share",
            "--figure-format",
            "svg",
            "--out",
            "s",
        ],
    );
    let dir = tmp.path().join("s");
    let oat = read(&dir, "one_at_a_time.csv");
    // Differentiation acts on the spiral (through perception), stakes do not
    // (these strategies ignore payoffs): differentiation comes first.
    assert!(
        oat.lines()
            .nth(1)
            .unwrap()
            .starts_with("differentiation,0,1,"),
        "{oat}"
    );
    assert!(oat.lines().nth(2).unwrap().contains(",0,"), "{oat}");
    assert_eq!(read(&dir, "morris.csv").lines().count(), 3);
    for f in [
        "sensitivity_tornado.svg",
        "sensitivity_morris.svg",
        "manifest.json",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("Morris elementary effects"));
    let bad = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(tmp.path())
        .args(["sensitivity", "--range", "stakes=6:2", "--out", "bad"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("stakes"), "{err}");
    assert!(!tmp.path().join("bad").exists(), "nothing written");
}
