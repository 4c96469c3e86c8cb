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

/// Runs `dilemma strategies`.
pub fn run(args: StrategiesArgs) -> anyhow::Result<()> {
    let reg = registry_with(&args.files)?;
    let needle = args.filter.as_deref().map(str::to_lowercase);
    let entries: Vec<_> = reg
        .entries()
        .iter()
        .filter(|e| {
            needle
                .as_ref()
                .is_none_or(|n| e.name().to_lowercase().contains(n))
        })
        .collect();
    let natives: Vec<_> = dilemma::posture::native_strategies()
        .iter()
        .filter(|n| {
            needle
                .as_ref()
                .is_none_or(|x| n.name.to_lowercase().contains(x))
        })
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
                "{:<w$}  {:<10}  {:>6}  {:<10}  {:<6}  {:<4}  source",
                "name", "kind", "memory", "stochastic", "length", "game"
            )?;
            for e in &entries {
                let c = e.classifier();
                let yes = |b: bool| if b { "yes" } else { "no" };
                writeln!(
                    out,
                    "{:<w$}  {:<10}  {:>6}  {:<10}  {:<6}  {:<4}  {}",
                    e.name(),
                    e.kind.as_str(),
                    c.memory_depth_label(),
                    yes(c.stochastic),
                    yes(c.uses_match_length),
                    yes(c.uses_game),
                    e.source
                )?;
            }
            writeln!(out, "{} strategies", entries.len())?;
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
