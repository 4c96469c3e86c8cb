//! Shards from the command line: the `--shard I/N` and `--shards N` flags,
//! running this process's shards (one, or a Slurm array task's), and where
//! a finished run's job results come from — played here, or merged from
//! shards (`dilemma merge`).

use anyhow::{bail, Result};
use clap::Args;
use dilemma::shard::{self, Record, Shard, ShardSet, Work};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::time::Instant;

/// `--shard I/N` and `--shards N`.
#[derive(Debug, Clone, Args)]
pub struct ShardArgs {
    /// Run only shard I of N (0-based: 0/8 to 7/8) and write its partial
    /// results to OUT/shards/shard-I-of-N/; `dilemma merge OUT` then writes
    /// the run's files. Under a Slurm job array (SLURM_ARRAY_TASK_ID set)
    /// the shard comes from the array task when this flag is not given.
    #[arg(long, value_name = "I/N", conflicts_with = "shards")]
    pub shard: Option<String>,
    /// Under a Slurm job array: the number of shards, when it differs from
    /// the array's length (array task t of A runs shards t, t + A, t + 2A,
    /// ...). Default: one shard per array task.
    #[arg(long, value_name = "N")]
    pub shards: Option<usize>,
    /// Run the whole run even under a Slurm job array (an array whose
    /// tasks run different experiments, say).
    #[arg(long, conflicts_with_all = ["shard", "shards"])]
    pub no_shard: bool,
}

impl ShardArgs {
    /// The shards this process runs; `None` for a whole run.
    pub fn plan(&self) -> Result<Option<Vec<Shard>>> {
        if self.no_shard {
            return Ok(None);
        }
        if let Some(spec) = &self.shard {
            return Ok(Some(vec![Shard::parse(spec)?]));
        }
        match shard::slurm_shards(|name| std::env::var(name).ok(), self.shards)? {
            Some(shards) => Ok(Some(shards)),
            None if self.shards.is_some() => bail!(
                "--shards N applies under a Slurm job array (SLURM_ARRAY_TASK_ID unset here); give --shard I/N to run one shard"
            ),
            None => Ok(None),
        }
    }
}

/// Where a run's job results come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// Played here, on this many worker threads (all cores when `None`).
    Play {
        /// Worker threads.
        threads: Option<usize>,
    },
    /// Read from the shards of a sharded run.
    Merge(&'a ShardSet),
}

impl Source<'_> {
    /// The worker threads of the stages that still run here (all cores
    /// when merging).
    pub fn threads(&self) -> Option<usize> {
        match self {
            Source::Play { threads } => *threads,
            Source::Merge(_) => None,
        }
    }
}

/// A progress callback: called with the number of jobs done.
pub type Progress<'a> = &'a mut (dyn FnMut(usize) + Send);

/// Plays a shard's jobs (given the jobs and a progress callback): each
/// job's records, in the order of the jobs.
pub type PlayJobs<'a, R> = dyn FnMut(&[usize], Progress<'_>) -> Result<Vec<Vec<R>>> + 'a;

/// Runs `shards` of `work` into `out`: each shard's jobs with `play`
/// (given the jobs and a progress callback), written as its partial
/// result; a shard already complete with the same configuration is left
/// as it is.
pub fn run_shards<R: Record>(
    out: &Path,
    shards: &[Shard],
    work: &Work,
    play: &mut PlayJobs<'_, R>,
) -> Result<()> {
    if shards.is_empty() {
        println!("this array task has no shard to run (more tasks than shards)");
    }
    for &s in shards {
        let dir = shard::shard_folder(out, s);
        if shard::is_complete(out, s, work) {
            println!(
                "shard {s} is already complete in {}/ (same configuration); nothing to do",
                dir.display()
            );
            continue;
        }
        let jobs = s.jobs(work.total_jobs);
        let bar = ProgressBar::new(jobs.len() as u64).with_style(
            ProgressStyle::with_template(&format!(
                "{{spinner}} shard {s} {{bar:40}} {{pos}}/{{len}} jobs {{elapsed}} (eta {{eta}})"
            ))
            .expect("valid template"),
        );
        let started = Instant::now();
        let mut progress = |done: usize| bar.set_position(done as u64);
        let results = play(&jobs, &mut progress)?;
        bar.finish_and_clear();
        let results: Vec<(usize, Vec<R>)> = jobs.iter().copied().zip(results).collect();
        shard::write_shard(out, s, work, &results)?;
        eprintln!(
            "shard {s}: {} of {} jobs in {:.2} s",
            jobs.len(),
            work.total_jobs,
            started.elapsed().as_secs_f64()
        );
        println!("wrote {}/", dir.display());
    }
    Ok(())
}
