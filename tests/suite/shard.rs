//! Shards and their merge: a run split into shards (one process per
//! shard, here one after the other) and merged equals the single run byte
//! for byte — a sweep, a replicated experiment with evolution, two- and
//! three-action tournaments — and the merge refuses, in one line, shards
//! that do not make one complete run.

use super::cli::assert_one_line_error;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary in `dir` with `args`, outside any Slurm array, unless
/// `env` sets its variables.
fn dilemma_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dilemma"));
    c.current_dir(dir).args(args);
    for v in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_COUNT",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_MAX",
    ] {
        c.env_remove(v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

fn dilemma(dir: &Path, args: &[&str]) -> Output {
    dilemma_env(dir, args, &[])
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The plain files of `dir` (not its folders), sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Asserts that `merged` holds exactly the files of `whole`, byte for byte.
fn assert_same_files(whole: &Path, merged: &Path) {
    let names = files(whole);
    assert_eq!(names, files(merged));
    assert!(names.len() > 2, "{names:?}");
    for name in names {
        let a = std::fs::read(whole.join(&name)).unwrap();
        let b = std::fs::read(merged.join(&name)).unwrap();
        assert!(
            a == b,
            "{name} differs between the single run and the merge"
        );
    }
}

/// Runs `args` (a command without `--out`) whole into `whole/` and as
/// `shards` shards into `sharded/`, merges, and compares.
fn assert_sharded_equals_whole(dir: &Path, args: &[&str], shards: usize) {
    let with_out = |out: &str, extra: &[&str]| {
        let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        v.extend(["--out".to_string(), out.to_string()]);
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |v: Vec<String>| {
        let refs: Vec<&str> = v.iter().map(String::as_str).collect();
        ok(dilemma(dir, &refs))
    };
    run(with_out("whole", &[]));
    for i in 0..shards {
        let spec = format!("{i}/{shards}");
        run(with_out("sharded", &["--shard", &spec]));
    }
    assert!(
        !dir.join("sharded/summary.csv").exists() && !dir.join("sharded/sweep.csv").exists(),
        "a shard writes only its partial results"
    );
    ok(dilemma(dir, &["merge", "sharded", "--no-figures"]));
    assert_same_files(&dir.join("whole"), &dir.join("sharded"));
}

const SWEEP: &[&str] = &[
    "sweep",
    "--axis",
    "offence=0.1:0.9:3",
    "--axis",
    "differentiation=0:1:3",
    "--players",
    "Tit For Tat,Defector,Spiral Reciprocator,Paranoid",
    "--turns",
    "20",
    "--repetitions",
    "2",
    "--noise",
    "0.02",
    "--replicates",
    "3",
    "--replicate-rows",
    "--ecological",
    "10",
    "--no-figures",
];

#[test]
fn a_sharded_replicated_sweep_merges_into_the_single_run_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    // 27 jobs in 4 uneven shards.
    assert_sharded_equals_whole(tmp.path(), SWEEP, 4);
}

#[test]
fn a_sharded_experiment_with_replicates_and_evolution_merges_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("e.toml"),
        "[tournament]\nname = \"sharded\"\n\
         players = [\"Tit For Tat\", \"Grudger\", \"Defector\", \"Win-Stay Lose-Shift\"]\n\
         turns = 30\nrepetitions = 3\nreplicates = 3\nnoise = 0.05\nseed = 4\n\
         [evolution]\ngenerations = 50\n\
         moran = [{ mutant = \"Defector\", resident = \"Grudger\", population = 6, runs = 20 }]\n",
    )
    .unwrap();
    assert_sharded_equals_whole(tmp.path(), &["run", "e.toml", "--no-figures"], 5);
}

#[test]
fn a_sharded_experiment_sweep_merges_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("e.toml"),
        "[tournament]\nplayers = [\"Tit For Tat\", \"Defector\", \"Paranoid\"]\n\
         turns = 20\nrepetitions = 2\nreplicates = 2\n\
         game = { kind = \"security\" }\n\
         [sweep]\necological_generations = 5\n\
         axes = [{ parameter = \"offence\", values = [0.2, 0.8] }, { parameter = \"differentiation\", from = 0.0, to = 1.0, steps = 3 }]\n",
    )
    .unwrap();
    assert_sharded_equals_whole(tmp.path(), &["run", "e.toml", "--no-figures"], 3);
}

#[test]
fn sharded_tournaments_merge_byte_for_byte_even_with_empty_shards() {
    let tmp = tempfile::tempdir().unwrap();
    // 3 players, 2 repetitions: 12 jobs over 16 shards, four of them empty.
    let two = [
        "tournament",
        "--players",
        "Tit For Tat,Defector,Random",
        "--turns",
        "25",
        "--repetitions",
        "2",
        "--noise",
        "0.1",
        "--no-figures",
    ];
    assert_sharded_equals_whole(&tmp.path().join("."), &two, 16);
    let three = tmp.path().join("three");
    std::fs::create_dir(&three).unwrap();
    let posture = [
        "tournament",
        "--game",
        "security",
        "--three-action",
        "--players",
        "Tit For Tat,Non-Offensive Defender,Paranoid",
        "--turns",
        "25",
        "--repetitions",
        "3",
        "--replicates",
        "2",
        "--no-figures",
    ];
    assert_sharded_equals_whole(&three, &posture, 4);
}

#[test]
fn a_merge_draws_the_single_runs_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let args = [
        "tournament",
        "--players",
        "Tit For Tat,Defector,Grudger",
        "--turns",
        "10",
        "--repetitions",
        "1",
        "--figure-format",
        "svg",
    ];
    let mut whole = args.to_vec();
    whole.extend(["--out", "whole"]);
    ok(dilemma(d, &whole));
    for s in ["0/2", "1/2"] {
        let mut v = args.to_vec();
        v.extend(["--out", "sharded", "--shard", s]);
        ok(dilemma(d, &v));
    }
    ok(dilemma(d, &["merge", "sharded", "--figure-format", "svg"]));
    let svgs = |p: &Path| -> Vec<String> {
        files(p)
            .into_iter()
            .filter(|n| n.ends_with(".svg"))
            .collect()
    };
    assert!(!svgs(&d.join("whole")).is_empty());
    assert_eq!(svgs(&d.join("whole")), svgs(&d.join("sharded")));
    assert_same_files(&d.join("whole"), &d.join("sharded"));
}

#[test]
fn slurm_array_tasks_take_their_shards_from_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut whole = SWEEP.to_vec();
    whole.extend(["--out", "whole"]);
    ok(dilemma(d, &whole));
    // An array of 2 tasks (ids 1 and 2) running 5 shards: task 1 runs
    // shards 0, 2, 4 and task 2 runs shards 1, 3.
    for id in ["1", "2"] {
        let mut v = SWEEP.to_vec();
        v.extend(["--out", "sharded", "--shards", "5"]);
        let out = ok(dilemma_env(
            d,
            &v,
            &[
                ("SLURM_ARRAY_TASK_ID", id),
                ("SLURM_ARRAY_TASK_MIN", "1"),
                ("SLURM_ARRAY_TASK_MAX", "2"),
            ],
        ));
        let text = String::from_utf8_lossy(&out.stdout);
        let expected = if id == "1" { 3 } else { 2 };
        assert_eq!(text.matches("wrote ").count(), expected, "{text}");
    }
    let mut shards = files_of_dirs(&d.join("sharded/shards"));
    shards.sort();
    assert_eq!(
        shards,
        (0..5)
            .map(|i| format!("shard-{i}-of-5"))
            .collect::<Vec<_>>()
    );
    ok(dilemma(d, &["merge", "sharded", "--no-figures"]));
    assert_same_files(&d.join("whole"), &d.join("sharded"));
    // --no-shard runs the whole sweep inside an array task.
    let mut v = SWEEP.to_vec();
    v.extend(["--out", "inside", "--no-shard"]);
    ok(dilemma_env(
        d,
        &v,
        &[
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ],
    ));
    assert_same_files(&d.join("whole"), &d.join("inside"));
    // --shards outside an array is refused.
    let mut v = SWEEP.to_vec();
    v.extend(["--out", "x", "--shards", "5"]);
    assert_one_line_error(&dilemma(d, &v), "Slurm job array");
}

fn files_of_dirs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A sweep sharded in three into `out` (with `seed`); returns the shard folders.
fn three_shards(d: &Path, out: &str, seed: &str) -> Vec<PathBuf> {
    for i in 0..3 {
        let spec = format!("{i}/3");
        let mut v = SWEEP.to_vec();
        v.extend(["--out", out, "--seed", seed, "--shard", &spec]);
        ok(dilemma(d, &v));
    }
    (0..3)
        .map(|i| d.join(out).join(format!("shards/shard-{i}-of-3")))
        .collect()
}

/// Asserts that merging `dirs` fails with one line containing `needle` and
/// writes no table.
fn assert_merge_refused(d: &Path, dirs: &[&str], needle: &str) {
    let mut v = vec!["merge"];
    v.extend(dirs);
    v.push("--no-figures");
    assert_one_line_error(&dilemma(d, &v), needle);
    for dir in dirs {
        assert!(!d.join(dir).join("sweep.csv").exists(), "{dir}");
    }
}

#[test]
fn a_merge_refuses_shards_of_another_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    three_shards(d, "run", "1");
    // Shard 1 again, with another seed.
    let mut v = SWEEP.to_vec();
    v.extend(["--out", "run", "--seed", "2", "--shard", "1/3"]);
    ok(dilemma(d, &v));
    assert_merge_refused(d, &["run"], "of a different configuration");
}

#[test]
fn a_merge_refuses_shards_of_another_tool_version() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    let path = shards[2].join("shard.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let old = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&old));
    std::fs::write(&path, text.replace(&old, "\"version\": \"0.0.1\"")).unwrap();
    assert_merge_refused(d, &["run"], "shard 2 was written by dilemma 0.0.1");
}

#[test]
fn a_merge_refuses_shards_of_runs_of_different_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    three_shards(d, "run", "1");
    let mut v = SWEEP.to_vec();
    v.extend(["--out", "run", "--seed", "1", "--shard", "0/2"]);
    ok(dilemma(d, &v));
    assert_merge_refused(d, &["run"], "remove the other run's shard folders");
}

#[test]
fn a_merge_names_the_missing_shard() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    std::fs::remove_dir_all(&shards[1]).unwrap();
    assert_merge_refused(d, &["run"], "shard 1 of 3 missing");
}

#[test]
fn a_merge_refuses_a_shard_given_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    // A copy of shard 0 in a second folder, as from a second machine.
    let copy = d.join("copy/shards/shard-0-of-3");
    std::fs::create_dir_all(&copy).unwrap();
    for f in ["partial.txt", "shard.json"] {
        std::fs::copy(shards[0].join(f), copy.join(f)).unwrap();
    }
    assert_merge_refused(d, &["run", "copy"], "shard 0 is given twice");
}

#[test]
fn a_merge_refuses_a_corrupt_partial_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    let path = shards[1].join("partial.txt");
    let mut bytes = std::fs::read(&path).unwrap();
    let k = bytes.len() / 2;
    bytes[k] = if bytes[k] == b'0' { b'1' } else { b'0' };
    std::fs::write(&path, bytes).unwrap();
    assert_merge_refused(d, &["run"], "checksum does not match");
}

#[test]
fn a_merge_refuses_a_half_written_shard() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    // A partial file cut short (the manifest vouches for the whole file).
    let path = shards[0].join("partial.txt");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert_merge_refused(d, &["run"], "corrupt or half-written");
    // A shard killed before its manifest was written.
    std::fs::write(&path, &bytes).unwrap();
    std::fs::remove_file(shards[2].join("shard.json")).unwrap();
    assert_merge_refused(d, &["run"], "did not finish (half-written)");
}

#[test]
fn a_complete_shard_is_not_run_again_and_a_changed_one_is() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    let partial = shards[1].join("partial.txt");
    let before = std::fs::metadata(&partial).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&partial).unwrap();
    let mut v = SWEEP.to_vec();
    v.extend(["--out", "run", "--seed", "1", "--shard", "1/3"]);
    let out = ok(dilemma(d, &v));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("already complete"), "{said}");
    assert!(said.contains("nothing to do"), "{said}");
    assert_eq!(
        std::fs::metadata(&partial).unwrap().modified().unwrap(),
        before
    );
    // A damaged shard is run again, and then merges.
    std::fs::write(&partial, "dilemma partial results 1\n").unwrap();
    let out = ok(dilemma(d, &v));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("already complete"));
    assert_eq!(std::fs::read_to_string(&partial).unwrap(), text);
    ok(dilemma(d, &["merge", "run", "--no-figures"]));
    assert!(d.join("run/sweep.csv").exists());
}

#[test]
fn bad_shard_specifications_are_one_line_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (spec, needle) in [
        ("3/3", "0 to 2 (0-based)"),
        ("1/0", "between 1 and"),
        ("x/3", "not a whole number"),
        ("2", "expected I/N"),
    ] {
        let mut v = SWEEP.to_vec();
        v.extend(["--out", "run", "--shard", spec]);
        assert_one_line_error(&dilemma(d, &v), needle);
        assert!(!d.join("run").exists(), "{spec}");
    }
    assert_one_line_error(&dilemma(d, &["merge", "nowhere"]), "nowhere");
}

#[test]
fn slurm_writes_an_array_and_a_merge_that_depends_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("e.toml"),
        "[tournament]\nname = \"jervis\"\nplayers = [\"Tit For Tat\", \"Defector\"]\n\
         game = { kind = \"security\" }\n\
         [sweep]\naxes = [{ parameter = \"offence\", from = 0.0, to = 1.0, steps = 21 }]\n",
    )
    .unwrap();
    let out = ok(dilemma(
        d,
        &[
            "slurm",
            "e.toml",
            "--shards",
            "40",
            "--array-size",
            "8",
            "--cpus",
            "4",
            "--time",
            "2:00:00",
            "--mem",
            "4G",
            "--partition",
            "short",
        ],
    ));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("sbatch --parsable"), "{said}");
    assert!(said.contains("--dependency=afterok:"), "{said}");
    let array = std::fs::read_to_string(d.join("slurm/array.sbatch")).unwrap();
    for line in [
        "#SBATCH --array=0-7",
        "#SBATCH --cpus-per-task=4",
        "#SBATCH --time=2:00:00",
        "#SBATCH --mem=4G",
        "#SBATCH --partition=short",
        "#SBATCH --job-name=dilemma-jervis",
    ] {
        assert!(array.lines().any(|l| l == line), "{line} not in\n{array}");
    }
    assert!(array.contains("--shards 40"), "{array}");
    let merge = std::fs::read_to_string(d.join("slurm/merge.sbatch")).unwrap();
    assert!(merge.contains(" merge '"), "{merge}");
    assert!(!merge.contains("--array"), "{merge}");
    // Bad sizes are refused before anything is written.
    for (flag, value, needle) in [
        ("--array-size", "41", "between 1 and the number of shards"),
        ("--time", "2 hours", "one word"),
    ] {
        let out = dilemma(
            d,
            &[
                "slurm",
                "e.toml",
                "--shards",
                "40",
                flag,
                value,
                "--scripts",
                "s2",
            ],
        );
        assert_one_line_error(&out, needle);
        assert!(!d.join("s2").exists());
    }
}

#[test]
fn a_merge_of_shard_folders_writes_into_their_run_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let shards = three_shards(d, "run", "1");
    let names: Vec<String> = shards
        .iter()
        .map(|s| s.strip_prefix(d).unwrap().display().to_string())
        .collect();
    let mut v = vec!["merge"];
    v.extend(names.iter().map(String::as_str));
    v.push("--no-figures");
    ok(dilemma(d, &v));
    assert!(d.join("run/sweep.csv").exists(), "{:?}", files(d));
    assert!(!d.join("run/shards/sweep.csv").exists());
    std::fs::remove_file(d.join("run/sweep.csv")).unwrap();
    // The `shards` folder itself names the run above it too.
    ok(dilemma(d, &["merge", "run/shards", "--no-figures"]));
    assert!(d.join("run/sweep.csv").exists());
}

/// Writes an executable `sbatch` into `bin` that appends its arguments to
/// `bin/calls` and answers `answers[k]` to its k-th call.
#[cfg(unix)]
fn fake_sbatch(bin: &Path, answers: &[&str]) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(bin).unwrap();
    let mut script = String::from(
        "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/calls\"\n\
         n=$(wc -l < \"$(dirname \"$0\")/calls\")\n",
    );
    for (k, answer) in answers.iter().enumerate() {
        script += &format!("[ \"$n\" -eq {} ] && echo '{answer}'\n", k + 1);
    }
    script += "exit 0\n";
    let path = bin.join("sbatch");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn slurm_submit_chains_the_merge_on_the_job_id_sbatch_answers() {
    let tmp = tempfile::tempdir().unwrap();
    // A folder name with a quote: the scripts and commands quote paths.
    let d = &tmp.path().join("it's here");
    std::fs::create_dir_all(d).unwrap();
    std::fs::write(
        d.join("e.toml"),
        "[tournament]\nname = \"jervis\"\nplayers = [\"Tit For Tat\", \"Defector\"]\n\
         game = { kind = \"security\" }\n\
         [sweep]\naxes = [{ parameter = \"offence\", from = 0.0, to = 1.0, steps = 3 }]\n",
    )
    .unwrap();
    let bin = tmp.path().join("bin");
    // `--parsable` answers `ID;CLUSTER` on federated clusters, `ID` otherwise.
    fake_sbatch(&bin, &["77;cluster2", "78"]);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let args = ["slurm", "e.toml", "--shards", "3", "--submit"];
    let out = ok(dilemma_env(d, &args, &[("PATH", &path)]));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("submitted the array as job 77 and the merge as job 78"),
        "{said}"
    );
    let calls = std::fs::read_to_string(bin.join("calls")).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].ends_with("slurm/array.sbatch"), "{calls:?}");
    assert!(
        calls[1].starts_with("--parsable --dependency=afterok:77 "),
        "{calls:?}"
    );
    let array = std::fs::read_to_string(d.join("slurm/array.sbatch")).unwrap();
    assert!(array.contains(r"/it'\''s here/e.toml' "), "{array}");
    // An answer that is not a job id is one line naming it.
    std::fs::remove_dir_all(&bin).unwrap();
    fake_sbatch(&bin, &["sbatch: error: invalid partition"]);
    let out = dilemma_env(d, &args, &[("PATH", &path)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("not a job id"), "{err}");
}
