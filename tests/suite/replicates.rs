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

/// The colour-bar tick labels of a heat map's SVG (the text right of the
/// bar), as written.
fn has_label(svg: &str, label: &str) -> bool {
    svg.contains(&format!(">\n{label}\n</text>"))
}

#[test]
fn replicated_sweep_figures_show_means_and_interval_widths_and_plot_redraws_them() {
    let tmp = tempfile::tempdir().unwrap();
    let sweep = |extra: &[&str], out: &str| {
        let mut args = vec![
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
            "0.05",
            "--figure-format",
            "svg",
            "--out",
            out,
        ];
        args.extend_from_slice(extra);
        dilemma(tmp.path(), &args)
    };
    sweep(&["--replicates", "3"], "rep");
    let dir = tmp.path().join("rep");
    let restraint = read(&dir, "jervis_restraint.svg");
    // A mean of replicates, on the fixed [0, 1] scale of rates.
    assert!(restraint.contains("Mean of 3 replicates"));
    assert!(has_label(&restraint, "0.0") && has_label(&restraint, "1.0"));
    let width = read(&dir, "jervis_restraint_ci_width.svg");
    assert!(width.contains("95% CI width"), "{width}");
    // `plot` reads sweep_intervals.csv back and draws the same figures.
    let drawn: Vec<(String, String)> = ["jervis_restraint.svg", "jervis_restraint_ci_width.svg"]
        .iter()
        .map(|f| (f.to_string(), read(&dir, f)))
        .collect();
    for (f, _) in &drawn {
        std::fs::remove_file(dir.join(f)).unwrap();
    }
    dilemma(tmp.path(), &["plot", "rep", "--format", "svg"]);
    for (f, svg) in &drawn {
        assert_eq!(&read(&dir, f), svg, "{f} redrawn differently");
    }
    // --color-range replaces [0, 1] on rate maps; a single run has no
    // interval maps.
    sweep(&["--color-range", "0.25:0.75"], "one");
    let one = tmp.path().join("one");
    let restraint = read(&one, "jervis_restraint.svg");
    // Its colour bar's ticks are 0.3 ... 0.7 (the axes' are 0.0, 0.2, ...).
    assert!(has_label(&restraint, "0.3") && has_label(&restraint, "0.7"));
    assert!(!one.join("jervis_restraint_ci_width.svg").exists());
    // A reversed or malformed range is one line and exit 2, nothing written.
    for bad in ["0.8:0.2", "0.5", "a:1"] {
        let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
            .current_dir(tmp.path())
            .args(["sweep", "--color-range", bad, "--out", "bad"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains("color-range"), "{err}");
        assert!(!tmp.path().join("bad").exists());
    }
}

#[test]
fn a_three_action_sweep_maps_the_stage_games_equilibria_not_the_two_action_classes() {
    let tmp = tempfile::tempdir().unwrap();
    dilemma(
        tmp.path(),
        &[
            "sweep",
            "--three-action",
            "--axis",
            "offence=0.1:0.8:2",
            "--axis",
            "differentiation=0.2:0.9:2",
            "--players",
            "Tit For Tat,Defector,Non-Offensive Defender",
            "--turns",
            "10",
            "--repetitions",
            "1",
            "--figure-format",
            "svg",
            "--out",
            "three",
        ],
    );
    let dir = tmp.path().join("three");
    assert!(!dir.join("jervis_classes.svg").exists());
    let map = read(&dir, "jervis_stage_equilibria.svg");
    assert!(map.contains("Pure equilibria of the stage game"), "{map}");
    assert!(map.contains("(A, A)"), "{map}");
}
