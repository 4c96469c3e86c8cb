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

/// A small experiment file in `dir`; returns its path.
fn experiment(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_published_table_over_replicates_gets_intervals_a_bootstrapped_rank_correlation_and_its_figure()
{
    let tmp = tempfile::tempdir().unwrap();
    let file = experiment(
        tmp.path(),
        "e.toml",
        r#"
[tournament]
name = "published"
players = ["Tit For Tat", "Defector", "Random: 0.5", "Grudger"]
turns = 50
repetitions = 2
seed = 3
replicates = 6

[compare]
score = "match_score_with_twin"
published = [
  { label = "TFT", strategy = "Tit For Tat", score = 120.0 },
  { label = "Grudger", strategy = "Grudger", score = 118.0 },
  { label = "Random", strategy = "Random: 0.5", score = 90.0 },
  { label = "Defector", strategy = "Defector", score = 100.0 },
]
"#,
    );
    let out = dilemma(
        tmp.path(),
        &[
            "run",
            file.to_str().unwrap(),
            "--out",
            "r",
            "--figure-format",
            "svg",
        ],
    );
    let dir = tmp.path().join("r");
    let table = read(&dir, "comparison_intervals.csv");
    assert!(table.starts_with(
        "label,strategy,published,replicates,ours_mean,ours_sd,ours_ci_low,ours_ci_high,published_rank,our_rank\n"
    ));
    // Each entry's mean is the mean of its replicates' payoff x turns.
    let replicates = read(&dir, "replicates.csv");
    let payoff_column = replicates
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|c| c == "payoff")
        .expect("a payoff column");
    let tft: Vec<f64> = replicates
        .lines()
        .skip(1)
        .filter(|l| l.contains(",Tit For Tat,"))
        .map(|l| l.split(',').nth(payoff_column).unwrap().parse().unwrap())
        .collect();
    assert_eq!(tft.len(), 6);
    let mean = tft.iter().sum::<f64>() / 6.0 * 50.0;
    let row: Vec<&str> = table.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[0], "TFT");
    assert!(
        (row[4].parse::<f64>().unwrap() - mean).abs() < 1e-9,
        "{row:?}"
    );
    let rank = read(&dir, "rank_correlation.csv");
    let cells: Vec<f64> = rank
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .map(|c| c.parse().unwrap())
        .collect();
    let (rho, lo, hi) = (cells[1], cells[2], cells[3]);
    assert!(
        (-1.0..=1.0).contains(&lo) && lo <= hi && hi <= 1.0,
        "{rank}"
    );
    assert!((-1.0..=1.0).contains(&rho), "{rank}");
    assert_eq!(cells[4], 10_000.0, "resamples");
    let svg = read(&dir, "published_v_reproduced.svg");
    assert!(svg.contains("Spearman") && svg.contains("over 6 replicates"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Spearman rank correlation of the means"));
    // The same run on one thread is bit-identical.
    dilemma(
        tmp.path(),
        &[
            "run",
            file.to_str().unwrap(),
            "--out",
            "r1",
            "--threads",
            "1",
            "--no-figures",
        ],
    );
    for f in ["comparison_intervals.csv", "rank_correlation.csv"] {
        assert_eq!(read(&dir, f), read(&tmp.path().join("r1"), f), "{f}");
    }
}

#[test]
fn groups_over_replicates_get_in_and_out_group_intervals_and_their_figure() {
    let tmp = tempfile::tempdir().unwrap();
    dilemma(
        tmp.path(),
        &[
            "run",
            "--out",
            "g",
            "--figure-format",
            "svg",
            experiment(
                tmp.path(),
                "g.toml",
                r#"
[tournament]
name = "groups"
players = [
  { strategy = "Tit For Tat", side = "a" },
  { strategy = "Cooperator", side = "a" },
  { strategy = "Defector", side = "b" },
]
turns = 30
repetitions = 2
noise = 0.05
seed = 5
replicates = 3
"#,
            )
            .to_str()
            .unwrap(),
        ],
    );
    let dir = tmp.path().join("g");
    let intervals = read(&dir, "intervals.csv");
    let header: Vec<&str> = intervals.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (inside, across) = (
        column("in_group_cooperation_mean"),
        column("out_group_cooperation_mean"),
    );
    let row = |name: &str| -> Vec<String> {
        intervals
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect()
    };
    // The defector is alone in its group: no in-group values, and it never cooperates.
    assert_eq!(row("Defector")[inside], "");
    assert!(row("Defector")[across].parse::<f64>().unwrap() < 0.1);
    // The cooperator cooperates (up to noise) on both sides of the line.
    assert!(row("Cooperator")[inside].parse::<f64>().unwrap() > 0.9);
    let svg = read(&dir, "in_group_v_out_group.svg");
    assert!(svg.contains("across the group line") && svg.contains("over 3 replicates"));
}

#[test]
fn latex_tables_are_written_beside_the_csv_with_intervals_as_mean_and_bounds() {
    let tmp = tempfile::tempdir().unwrap();
    dilemma(
        tmp.path(),
        &[
            "tournament",
            "--players",
            "Tit For Tat,Defector,Random: 0.5",
            "--turns",
            "20",
            "--repetitions",
            "2",
            "--replicates",
            "3",
            "--no-figures",
            "--table-format",
            "csv,latex",
            "--out",
            "t",
        ],
    );
    let dir = tmp.path().join("t");
    for table in [
        "summary",
        "payoff_matrix",
        "intervals",
        "replicates",
        "differences",
    ] {
        let tex = read(&dir, &format!("{table}.tex"));
        assert!(
            tex.contains("\\toprule") && tex.contains("\\bottomrule"),
            "{table}"
        );
    }
    let intervals = read(&dir, "intervals.tex");
    assert!(intervals.contains("score (95\\% CI)"), "{intervals}");
    // A cell like `2.345 [2.301, 2.389]`.
    let cell = regex_like_interval(&intervals);
    assert!(cell, "no `mean [low, high]` cell in {intervals}");
    // Without the flag, no .tex.
    dilemma(
        tmp.path(),
        &[
            "tournament",
            "--players",
            "Tit For Tat,Defector",
            "--turns",
            "5",
            "--no-figures",
            "--out",
            "plain",
        ],
    );
    let tex = std::fs::read_dir(tmp.path().join("plain"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "tex")
        })
        .count();
    assert_eq!(tex, 0);
}

/// Whether `text` holds a cell `NUMBER [NUMBER, NUMBER]`.
fn regex_like_interval(text: &str) -> bool {
    text.split(" & ").any(|cell| {
        let cell = cell.trim_end_matches(" \\\\").trim();
        let Some((mean, rest)) = cell.split_once(" [") else {
            return false;
        };
        let Some((low, high)) = rest.trim_end_matches(']').split_once(", ") else {
            return false;
        };
        let num = |s: &str| s.replace("$-$", "-").parse::<f64>().is_ok();
        num(mean) && num(low) && num(high)
    })
}

#[test]
fn an_experiment_file_runs_a_sensitivity_table_and_refuses_it_beside_a_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let base = r#"
[tournament]
name = "s"
players = ["Tit For Tat", "Defector", "Spiral Reciprocator"]
turns = 20
repetitions = 2
seed = 1
game = { kind = "security", parameters = { offence = 0.3 } }

[sensitivity]
outcome = "spiral-share"
ranges = [
  { parameter = "differentiation", low = 0.0, high = 1.0 },
  { parameter = "stakes", low = 2.0, high = 6.0 },
]
morris = 3
"#;
    let file = experiment(tmp.path(), "s.toml", base);
    dilemma(
        tmp.path(),
        &["run", file.to_str().unwrap(), "--out", "s", "--no-figures"],
    );
    let dir = tmp.path().join("s");
    let oat = read(&dir, "one_at_a_time.csv");
    assert!(
        oat.lines()
            .nth(1)
            .unwrap()
            .starts_with("differentiation,0,1,"),
        "{oat}"
    );
    assert_eq!(read(&dir, "morris.csv").lines().count(), 3);
    // The tournament table is the base: its offence is recorded.
    assert!(read(&dir, "manifest.json").contains("\"offence\": 0.3"));
    let both = experiment(
        tmp.path(),
        "both.toml",
        &format!("{base}\n[sweep]\naxes = [{{ parameter = \"offence\", values = [0.1, 0.2] }}]\n"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_dilemma"))
        .current_dir(tmp.path())
        .args(["run", both.to_str().unwrap(), "--out", "both"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[sensitivity]") && err.contains("both.toml"),
        "{err}"
    );
    assert!(!tmp.path().join("both").exists());
}
