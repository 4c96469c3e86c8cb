//! `dilemma strategies`: list every known strategy with its classifier.

use super::ListFormat as Format;
use anyhow::Context as _;
use clap::Args;
use dilemma::strategy::Registry;
use std::path::PathBuf;

/// Arguments of `dilemma strategies`.
#[derive(Debug, Args)]
pub struct StrategiesArgs {
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also load the strategies of these TOML files (repeatable).
    #[arg(long = "strategies", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Show only strategies whose name contains this text (case-insensitive).
    #[arg(long)]
    pub filter: Option<String>,
    /// List the group (n-player) strategies that `dilemma groups --players`
    /// takes instead: the built-in rules and the `[[group_strategy]]` tables
    /// of the `--strategies` files.
    #[arg(long)]
    pub groups: bool,
}

/// A registry with the built-in strategies and those of `files`.
pub fn registry_with(files: &[PathBuf]) -> anyhow::Result<Registry> {
    let mut reg = Registry::builtin();
    for f in files {
        reg.load_file(f)
            .with_context(|| format!("loading strategies from {}", f.display()))?;
    }
    Ok(reg)
}

/// Whether `name` passes `--filter` (given lower-cased; none shows all).
fn shown(filter: Option<&str>, name: &str) -> bool {
    filter.is_none_or(|f| name.to_lowercase().contains(f))
}

/// Runs `dilemma strategies`.
pub fn run(args: StrategiesArgs) -> anyhow::Result<()> {
    if args.groups {
        return list_groups(&args);
    }
    let reg = registry_with(&args.files)?;
    let needle = args.filter.as_deref().map(str::to_lowercase);
    let entries: Vec<_> = reg
        .entries()
        .iter()
        .filter(|e| shown(needle.as_deref(), e.name()))
        .collect();
    let natives: Vec<_> = dilemma::posture::native_strategies()
        .iter()
        .filter(|n| shown(needle.as_deref(), n.name))
        .collect();
    use std::fmt::Write as _;
    let mut out = String::new();
    match args.format {
        Format::Json => {
            let rows: Vec<_> = entries
                .iter()
                .map(|e| e.listing())
                .chain(natives.iter().map(|n| n.listing()))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        }
        Format::Text => {
            let w = entries
                .iter()
                .map(|e| e.name().chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            writeln!(
                out,
                "{:<w$}  {:<10}  {:>6}  {:<10}  {:<6}  {:<4}  {:<4}  source",
                "name", "kind", "memory", "stochastic", "length", "game", "long"
            )?;
            for e in &entries {
                let c = e.classifier();
                let yes = |b: bool| if b { "yes" } else { "no" };
                writeln!(
                    out,
                    "{:<w$}  {:<10}  {:>6}  {:<10}  {:<6}  {:<4}  {:<4}  {}",
                    e.name(),
                    e.kind.as_str(),
                    c.memory_depth_label(),
                    yes(c.stochastic),
                    yes(c.uses_match_length),
                    yes(c.uses_game),
                    yes(e.long_run_time),
                    e.source
                )?;
            }
            let long = entries.iter().filter(|e| e.long_run_time).count();
            writeln!(
                out,
                "{} strategies ({long} long-running: `--players all` leaves them out)",
                entries.len()
            )?;
            if !natives.is_empty() {
                writeln!(
                    out,
                    "\nthree-action game only (--three-action; every strategy above plays it too,\nreading a defensive posture H as restraint):"
                )?;
                for n in &natives {
                    writeln!(out, "{:<w$}  {}  [{}]", n.name, n.rule, n.source)?;
                }
            }
        }
    }
    print_quietly(&out)
}

/// Writes to stdout; a closed pipe (e.g. `| head`) is not an error.
pub fn print_quietly(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// A row of `dilemma strategies --groups`.
#[derive(serde::Serialize)]
struct GroupRow {
    name: String,
    kind: &'static str,
    description: String,
    source: String,
}

/// `dilemma strategies --groups`: the group strategies, built-in then from
/// files, with their descriptions.
fn list_groups(args: &StrategiesArgs) -> anyhow::Result<()> {
    use dilemma::play::group::{builtin_rules, GroupRule};
    use dilemma::tournament::groups::group_tables;
    use std::fmt::Write as _;
    let files = super::tournament::read_strategy_files(&args.files)?;
    let tables = group_tables(&files)?;
    let builtin = builtin_rules().into_iter().map(|r| GroupRow {
        name: r.to_string(),
        kind: "built-in",
        description: r.description(),
        source: "docs/model.md §20".to_string(),
    });
    let from_files = tables.iter().map(|t| GroupRow {
        name: t.name().to_string(),
        kind: "table",
        description: GroupRule::Table(t.clone()).description(),
        source: t.source().to_string(),
    });
    let needle = args.filter.as_deref().map(str::to_lowercase);
    let rows: Vec<GroupRow> = builtin
        .chain(from_files)
        .filter(|r| shown(needle.as_deref(), &r.name))
        .collect();
    let mut out = String::new();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?,
        Format::Text => {
            let w = rows
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            writeln!(out, "{:<w$}  {:<8}  description", "name", "kind")?;
            for r in &rows {
                writeln!(out, "{:<w$}  {:<8}  {}", r.name, r.kind, r.description)?;
            }
            writeln!(
                out,
                "{} group strategies (Random(p), Threshold(k), Spiral Reciprocator(γ) and Bayesian Truster(π0) take other numbers too)",
                rows.len()
            )?;
        }
    }
    print_quietly(&out)
}
