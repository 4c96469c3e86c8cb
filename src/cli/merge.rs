//! `dilemma merge DIR...`: a sharded run's partial results combined into
//! exactly the files a single run writes, then its figures.

use super::figure_args::FigureArgs;
use super::run::ExperimentWork;
use super::shards::Source;
use super::sweep::SweepWork;
use super::tournament::{registry_of, TournamentWork};
use anyhow::{bail, Context, Result};
use clap::Args;
use dilemma::shard::{self, SHARDS_DIR};
use dilemma::strategy::Registry;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Arguments of `dilemma merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The sharded run's output folder (holding shards/), or shard folders
    /// (OUT/shards/shard-I-of-N), or several output folders whose shards
    /// together make the run (e.g. copied back from several machines).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Output folder (default: the output folder of the first DIR).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Figures.
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// The output folder a DIR of `dilemma merge` belongs to: DIR itself, or
/// the run folder above a `shards` folder or a shard folder.
fn output_folder_of(dir: &Path) -> PathBuf {
    let named = |p: &Path, prefix: &str| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    };
    if named(dir, "shard-") {
        if let Some(shards) = dir.parent().filter(|p| named(p, SHARDS_DIR)) {
            return shards.parent().unwrap_or(Path::new(".")).to_path_buf();
        }
    }
    if named(dir, SHARDS_DIR) && !dir.join(SHARDS_DIR).exists() {
        return dir.parent().unwrap_or(Path::new(".")).to_path_buf();
    }
    dir.to_path_buf()
}

/// Runs `dilemma merge`.
pub fn run(args: MergeArgs) -> Result<()> {
    // The figure options are checked before any work.
    args.figures.options()?;
    let set = shard::collect(&args.dirs)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| output_folder_of(&args.dirs[0]));
    let source = Source::Merge(&set);
    let m = &set.manifest;
    println!(
        "merging {} shards of a {} run ({} jobs, configuration {})",
        m.shards, m.kind, m.total_jobs, m.configuration_hash
    );
    fn work<T: DeserializeOwned>(m: &shard::ShardManifest) -> Result<T> {
        serde_json::from_value(m.configuration.clone())
            .with_context(|| format!("shard.json: the configuration of the {} run", m.kind))
    }
    match m.kind.as_str() {
        "sweep" => {
            let w: SweepWork = work(m)?;
            super::sweep::finish(
                &w.tournament,
                &w.sweep,
                &Registry::builtin(),
                &out,
                &args.figures,
                &source,
            )
        }
        "tournament" => {
            let w: TournamentWork = work(m)?;
            let registry = registry_of(&w.strategy_files)?;
            super::tournament::finish(
                w.config,
                &registry,
                w.strategy_files,
                &out,
                &args.figures,
                &source,
                false,
            )
        }
        "experiment" => {
            let w: ExperimentWork = work(m)?;
            let registry = registry_of(&w.strategy_files)?;
            super::run::finish(
                &w.experiment,
                w.config,
                &registry,
                w.strategy_files,
                &out,
                &args.figures,
                &source,
            )
        }
        other => bail!("shards of an unknown kind of run `{other}`"),
    }
}
