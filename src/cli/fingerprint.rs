//! `dilemma fingerprint`: a strategy's Ashlock or transitive fingerprint
//! (docs/model.md §10.12), as a table, a manifest and a figure.

use super::figure_args::FigureArgs;
use super::ListFormat;
use anyhow::Result;
use clap::{Args, ValueEnum};
use dilemma::figure::fingerprint::{ashlock_figure, transitive_figure};
use dilemma::figure::write_figures;
use dilemma::fingerprint::{
    ashlock_fingerprint, transitive_fingerprint, AshlockSettings, TransitiveSettings,
};
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::strategy::{split_player_list, Registry};
use dilemma::tournament::output::write_atomic;
use serde_json::json;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `dilemma fingerprint`.
#[derive(Debug, Args)]
pub struct FingerprintArgs {
    /// The strategy to fingerprint (any name `dilemma strategies` lists, a
    /// parametrised or a transformed one).
    pub strategy: String,
    /// `ashlock`: the score per turn against the Joss-Ann transform of a probe
    /// over the unit square; `transitive`: the cooperation rate per turn
    /// against opponents of increasing cooperativeness.
    #[arg(long, value_enum, default_value_t = FingerprintKind::Ashlock)]
    pub kind: FingerprintKind,
    /// ashlock: the probe.
    #[arg(long, default_value = "Tit For Tat")]
    pub probe: String,
    /// ashlock: the grid spacing (points at 0, step, ..., 1 on each axis).
    #[arg(long, default_value_t = 0.01)]
    pub step: f64,
    /// transitive: the opponents, comma separated [default: Random players
    /// with p evenly spaced from 0 to 1, see --random-opponents].
    #[arg(long)]
    pub opponents: Option<String>,
    /// transitive: how many Random opponents when --opponents is not given.
    #[arg(long, default_value_t = 50)]
    pub random_opponents: usize,
    /// transitive: action noise of every match.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// Turns per match.
    #[arg(long, default_value_t = 50)]
    pub turns: u64,
    /// Matches per point or opponent [default: 10 for ashlock, 1000 for
    /// transitive, as Axelrod-Python's].
    #[arg(long)]
    pub repetitions: Option<u64>,
    /// Seed of every match.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads [default: one per core]; results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Output folder: the fingerprint's table, manifest.json and the figure.
    #[arg(long, default_value = "results/fingerprint")]
    pub out: PathBuf,
    /// Figures.
    #[command(flatten)]
    pub figures: FigureArgs,
    /// Output format of the summary printed (`text` or `json`).
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// The `--kind` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FingerprintKind {
    /// Ashlock's fingerprint (probe transformed by Joss-Ann and dual).
    Ashlock,
    /// The transitive fingerprint.
    Transitive,
}

/// Runs `dilemma fingerprint`.
pub fn run(args: FingerprintArgs) -> Result<()> {
    let figures = args.figures.options()?;
    let registry = Registry::builtin();
    let (table_name, table, settings, figure, summary) = match args.kind {
        FingerprintKind::Ashlock => {
            let settings = AshlockSettings {
                strategy: args.strategy.clone(),
                probe: args.probe.clone(),
                step: args.step,
                turns: args.turns,
                repetitions: args.repetitions.unwrap_or(10),
                seed: args.seed,
            };
            let fingerprint = ashlock_fingerprint(&registry, &settings, args.threads)?;
            let mut csv = String::from("x,y,score_per_turn,standard_error\n");
            for p in &fingerprint.points {
                writeln!(csv, "{},{},{},{}", p.x, p.y, p.mean, p.se)?;
            }
            let (low, high) = fingerprint
                .points
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                    (lo.min(p.mean), hi.max(p.mean))
                });
            let summary = json!({
                "strategy": fingerprint.strategy,
                "probe": fingerprint.probe,
                "points": fingerprint.points.len(),
                "lowest_score_per_turn": low,
                "highest_score_per_turn": high,
            });
            let figure = match figures {
                Some(_) => vec![ashlock_figure(&fingerprint)?],
                None => Vec::new(),
            };
            (
                "ashlock_fingerprint.csv",
                csv,
                json!(settings),
                figure,
                summary,
            )
        }
        FingerprintKind::Transitive => {
            let opponents = match &args.opponents {
                Some(list) => split_player_list(list, &registry)?,
                None => Vec::new(),
            };
            let settings = TransitiveSettings {
                strategy: args.strategy.clone(),
                opponents,
                opponents_count: args.random_opponents,
                turns: args.turns,
                repetitions: args.repetitions.unwrap_or(1000),
                noise: args.noise,
                seed: args.seed,
            };
            let fingerprint = transitive_fingerprint(&registry, &settings, args.threads)?;
            let mut csv = String::from("opponent,turn,cooperation_rate\n");
            for (name, rates) in fingerprint.opponents.iter().zip(&fingerprint.rate) {
                for (t, rate) in rates.iter().enumerate() {
                    writeln!(csv, "{},{},{rate}", csv_field(name), t + 1)?;
                }
            }
            let overall = fingerprint.rate.iter().flatten().sum::<f64>()
                / fingerprint.rate.iter().map(Vec::len).sum::<usize>().max(1) as f64;
            let summary = json!({
                "strategy": fingerprint.strategy,
                "opponents": fingerprint.opponents.len(),
                "mean_cooperation_rate": overall,
            });
            let figure = match figures {
                Some(_) => vec![transitive_figure(&fingerprint)?],
                None => Vec::new(),
            };
            (
                "transitive_fingerprint.csv",
                csv,
                json!(settings),
                figure,
                summary,
            )
        }
    };
    let folder = OutputFolder::begin(&args.out, Commit::Replace)?;
    let dir = folder.path();
    write_atomic(&dir.join(table_name), table.as_bytes())?;
    let manifest = json!({
        "tool": "dilemma",
        "version": env!("CARGO_PKG_VERSION"),
        "command": "fingerprint",
        "kind": args.kind.to_possible_value().map(|v| v.get_name().to_string()),
        "settings": settings,
        "summary": summary,
    });
    write_atomic(
        &dir.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)?.as_bytes(),
    )?;
    args.figures.write_tables(dir)?;
    if let Some(options) = &figures {
        write_figures(&figure, dir, options)?;
    }
    folder.commit()?;
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
        ListFormat::Text => {
            for (key, value) in summary.as_object().into_iter().flatten() {
                println!("{key}: {value}");
            }
            println!("wrote {}/", args.out.display());
        }
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma or a quote.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
