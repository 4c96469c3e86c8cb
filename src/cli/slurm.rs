//! `dilemma slurm EXPERIMENT.toml --shards N`: the sbatch scripts of a
//! sharded run on a Slurm cluster — a job array whose tasks run the shards,
//! and a merge job that starts when every task has succeeded — printed as
//! the commands to submit them, or submitted with `--submit`.

use anyhow::{bail, Context, Result};
use clap::Args;
use dilemma::experiment::Experiment;
use dilemma::shard::MAX_SHARDS;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Arguments of `dilemma slurm`.
#[derive(Debug, Args)]
pub struct SlurmArgs {
    /// The experiment file (TOML): a tournament (with evolution) or a sweep.
    pub experiment: PathBuf,
    /// Number of shards the run's jobs are split into.
    #[arg(long)]
    pub shards: usize,
    /// Length of the job array (default: the number of shards). Sites cap
    /// array lengths (MaxArraySize): with fewer tasks than shards, task t
    /// of A runs shards t, t + A, t + 2A, ...
    #[arg(long, value_name = "A")]
    pub array_size: Option<usize>,
    /// Partition (queue) of both jobs (default: the site's default).
    #[arg(long)]
    pub partition: Option<String>,
    /// Time limit of each array task and of the merge job (Slurm's format,
    /// e.g. 30, 2:00:00 or 1-00:00:00).
    #[arg(long, default_value = "1:00:00")]
    pub time: String,
    /// CPUs per array task (the shard's worker threads) and of the merge.
    #[arg(long, default_value_t = 1)]
    pub cpus: usize,
    /// Memory per array task and of the merge (e.g. 2G; default: the site's).
    #[arg(long)]
    pub mem: Option<String>,
    /// Output folder of the run (default: the experiment file's folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folder of the two scripts and the jobs' logs (default: OUT/slurm).
    #[arg(long)]
    pub scripts: Option<PathBuf>,
    /// The merge draws no figures.
    #[arg(long)]
    pub no_figures: bool,
    /// Submit both jobs with sbatch (else only print the commands).
    #[arg(long)]
    pub submit: bool,
}

/// Quotes `text` for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// An absolute form of `path` (relative to the current folder).
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("{}: no absolute path", path.display()))
}

/// Checks a value written into an `#SBATCH` line: one word of printable
/// characters.
fn sbatch_value(flag: &str, value: &str) -> Result<()> {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("--{flag} `{value}`: expected one word without spaces");
    }
    Ok(())
}

/// The `#SBATCH` lines shared by both scripts.
fn resources(args: &SlurmArgs) -> String {
    let mut s = format!(
        "#SBATCH --time={}\n#SBATCH --cpus-per-task={}\n",
        args.time, args.cpus
    );
    if let Some(mem) = &args.mem {
        s.push_str(&format!("#SBATCH --mem={mem}\n"));
    }
    if let Some(p) = &args.partition {
        s.push_str(&format!("#SBATCH --partition={p}\n"));
    }
    s
}

/// The two scripts: (array, merge).
fn scripts(
    args: &SlurmArgs,
    name: &str,
    exe: &Path,
    experiment: &Path,
    out: &Path,
    logs: &Path,
    array: usize,
) -> (String, String) {
    let exe = quote(&exe.display().to_string());
    let out_q = quote(&out.display().to_string());
    let array_script = format!(
        "#!/bin/bash\n\
         # The shards of {experiment}: array task t runs shards t, t + {array}, ... of {shards}.\n\
         #SBATCH --job-name={name}\n\
         #SBATCH --array=0-{last}\n\
         {resources}\
         #SBATCH --output={logs}/shard-%A_%a.log\n\
         set -euo pipefail\n\
         exec {exe} run {experiment_q} --out {out_q} --shards {shards} --threads \"${{SLURM_CPUS_PER_TASK:-{cpus}}}\" --no-figures\n",
        experiment = experiment.display(),
        experiment_q = quote(&experiment.display().to_string()),
        shards = args.shards,
        last = array - 1,
        resources = resources(args),
        logs = logs.display(),
        cpus = args.cpus,
    );
    let merge_script = format!(
        "#!/bin/bash\n\
         # The merge of the {shards} shards of {experiment} into {out}.\n\
         #SBATCH --job-name={name}-merge\n\
         {resources}\
         #SBATCH --output={logs}/merge-%j.log\n\
         set -euo pipefail\n\
         exec {exe} merge {out_q}{figures}\n",
        experiment = experiment.display(),
        out = out.display(),
        shards = args.shards,
        resources = resources(args),
        logs = logs.display(),
        figures = if args.no_figures { " --no-figures" } else { "" },
    );
    (array_script, merge_script)
}

/// The job id in `sbatch --parsable`'s answer (`ID` or `ID;CLUSTER`).
pub fn parse_job_id(answer: &str) -> Result<u64> {
    let first = answer.trim().split(';').next().unwrap_or_default();
    first.parse().with_context(|| {
        format!(
            "sbatch answered `{}`, not a job id",
            answer.trim().replace('\n', " ")
        )
    })
}

/// Runs `sbatch --parsable ARGS` and returns the job id.
fn sbatch(args: &[&str]) -> Result<u64> {
    let output = Command::new("sbatch")
        .arg("--parsable")
        .args(args)
        .output()
        .context("cannot run sbatch (is this a Slurm login node?)")?;
    if !output.status.success() {
        bail!(
            "sbatch {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    parse_job_id(&String::from_utf8_lossy(&output.stdout))
}

/// Runs `dilemma slurm`.
pub fn run(args: SlurmArgs) -> Result<()> {
    if args.shards == 0 || args.shards > MAX_SHARDS {
        bail!("--shards {}: between 1 and {MAX_SHARDS}", args.shards);
    }
    let array = args.array_size.unwrap_or(args.shards);
    if array == 0 || array > args.shards {
        bail!(
            "--array-size {array}: between 1 and the number of shards ({})",
            args.shards
        );
    }
    if args.cpus == 0 {
        bail!("--cpus 0: at least one CPU per task");
    }
    sbatch_value("time", &args.time)?;
    if let Some(m) = &args.mem {
        sbatch_value("mem", m)?;
    }
    if let Some(p) = &args.partition {
        sbatch_value("partition", p)?;
    }
    // The experiment is read here so that a broken file fails now, not on
    // the cluster.
    let experiment = Experiment::read(&args.experiment)?;
    let experiment_path = absolute(&args.experiment)?;
    let out = match &args.out {
        Some(o) => absolute(o)?,
        None => experiment_path
            .parent()
            .unwrap_or(Path::new("/"))
            .to_path_buf(),
    };
    let logs = match &args.scripts {
        Some(s) => absolute(s)?,
        None => out.join("slurm"),
    };
    let exe = std::env::current_exe().context("cannot find this program's path")?;
    let stem: String = experiment
        .tournament
        .as_ref()
        .map(|t| t.name.clone())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = format!("dilemma-{}", if stem.is_empty() { "run" } else { &stem });
    let (array_script, merge_script) =
        scripts(&args, &name, &exe, &experiment_path, &out, &logs, array);
    std::fs::create_dir_all(&logs).with_context(|| format!("cannot create {}", logs.display()))?;
    let array_path = logs.join("array.sbatch");
    let merge_path = logs.join("merge.sbatch");
    for (path, text) in [(&array_path, &array_script), (&merge_path, &merge_script)] {
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "wrote {} ({} shards on an array of {array} tasks) and {}",
        array_path.display(),
        args.shards,
        merge_path.display()
    );
    let (a, m) = (
        array_path.display().to_string(),
        merge_path.display().to_string(),
    );
    if !args.submit {
        println!("submit with:");
        println!("  jobid=$(sbatch --parsable {})", quote(&a));
        println!("  sbatch --dependency=afterok:${{jobid%%;*}} {}", quote(&m));
        return Ok(());
    }
    let array_id = sbatch(&[&a])?;
    let dependency = format!("--dependency=afterok:{array_id}");
    let merge_id = sbatch(&[&dependency, &m])?;
    println!("submitted the array as job {array_id} and the merge as job {merge_id}");
    println!("the merged results will be in {}/", out.display());
    Ok(())
}
