//! Sides on the command line: `--side NAME:KEY=VALUE,...` defines a side and
//! its own parameters, `--players SIDE=NAMES` puts players into it, and
//! `--between ROW,COLUMN` names the two sides of a stage game.

use anyhow::{bail, Context, Result};
use dilemma::game::{Dyad, SecurityDilemma, SideParameters, SIDE_PARAMETERS};
use std::collections::BTreeMap;

/// Whether `name` is a plain side name: letters, digits, `-` and `_`.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The sides of `--side NAME[:KEY=VALUE,...]` flags, e.g.
/// `--side weak:power=0.3,paranoia=0.1`.
pub fn parse_sides(flags: &[String]) -> Result<BTreeMap<String, SideParameters>> {
    let mut sides = BTreeMap::new();
    for flag in flags {
        let (name, values) = flag.split_once(':').unwrap_or((flag, ""));
        let name = name.trim();
        if !plain(name) {
            bail!("--side `{flag}`: `{name}` is not a side name (letters, digits, '-' and '_'), e.g. --side weak:power=0.3");
        }
        let mut side = SideParameters::default();
        for kv in values.split(',').filter(|kv| !kv.trim().is_empty()) {
            let (k, v) = kv.split_once('=').with_context(|| {
                format!(
                    "--side `{flag}`: `{kv}` is not KEY=VALUE (keys: {})",
                    SIDE_PARAMETERS.join(", ")
                )
            })?;
            let v: f64 = v
                .trim()
                .parse()
                .with_context(|| format!("--side `{flag}`: `{v}` is not a number"))?;
            side.set(k.trim(), v)
                .with_context(|| format!("--side `{flag}`"))?;
        }
        side.validate()
            .with_context(|| format!("--side `{flag}`"))?;
        if sides.insert(name.to_string(), side).is_some() {
            bail!("--side `{name}` is given twice: give each side once, with all its values");
        }
    }
    Ok(sides)
}

/// A `--players` list's side: `SIDE=NAMES` gives the side and the names;
/// a list without a plain side name before `=` has none.
pub fn split_side(list: &str) -> (Option<&str>, &str) {
    match list.split_once('=') {
        Some((side, names)) if plain(side.trim()) => (Some(side.trim()), names),
        _ => (None, list),
    }
}

/// The stage game of `--between ROW,COLUMN` among `sides`, or the model's own
/// game without `--between`.
pub fn dyad(
    model: &SecurityDilemma,
    sides: &BTreeMap<String, SideParameters>,
    between: Option<&str>,
) -> Result<Dyad> {
    let Some(pair) = between else {
        if !sides.is_empty() {
            bail!("--side defines sides: name the two that meet with --between ROW,COLUMN");
        }
        return Ok(model.dyad());
    };
    let names: Vec<&str> = pair.split(',').map(str::trim).collect();
    let [row, col] = names[..] else {
        bail!("--between `{pair}`: expected two side names, ROW,COLUMN");
    };
    let find = |name: &str| {
        sides.get(name).with_context(|| {
            format!(
                "--between `{pair}`: unknown side `{name}` (defined with --side: {})",
                if sides.is_empty() {
                    "none".to_string()
                } else {
                    sides.keys().cloned().collect::<Vec<_>>().join(", ")
                }
            )
        })
    };
    Ok(model.between(find(row)?, find(col)?)?)
}
