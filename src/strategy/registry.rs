//! The registry: one list of every known strategy, looked up by name.

use super::core::Strategy;
use super::entry::{normalise, Entry};
use super::transform::{self, Transform, Transformed};
use super::{builtin, data};
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// Every known strategy, in a fixed order, with lookup by name.
///
/// Names are matched ignoring case and anything but letters and digits, so
/// `"Tit For Tat"`, `"tit-for-tat"` and Axelrod-Python's class name
/// `"TitForTat"` are one name.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

static BUILTIN: OnceLock<Registry> = OnceLock::new();

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// The built-in strategies (Rust ones) and those of the strategy files
    /// embedded in the binary (`strategies/*.toml`).
    pub fn builtin() -> Registry {
        BUILTIN
            .get_or_init(|| {
                let mut r = Registry::new();
                for e in builtin::entries() {
                    r.add(e).expect("built-in strategies have distinct names");
                }
                for (file, text) in data::EMBEDDED {
                    r.load_str(text, file)
                        .expect("embedded strategy files are valid");
                }
                // Meta players last: their teams are drawn from the rest.
                let metas = builtin::meta::entries(r.entries())
                    .expect("the meta players' hunters are built in");
                for e in metas {
                    r.add(e).expect("meta players have distinct names");
                }
                r
            })
            .clone()
    }

    /// Adds an entry; an error if its name or an alias is taken.
    pub fn add(&mut self, entry: Entry) -> Result<()> {
        let mut keys = vec![normalise(entry.name())];
        keys.extend(entry.aliases.iter().map(|a| normalise(a)));
        keys.sort();
        keys.dedup();
        for k in &keys {
            if let Some(&i) = self.index.get(k) {
                return Err(Error::DuplicateStrategy {
                    name: entry.name().to_string(),
                    existing: self.entries[i].name().to_string(),
                    origin: self.entries[i].origin.clone(),
                });
            }
        }
        let i = self.entries.len();
        for k in keys {
            self.index.insert(k, i);
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Loads the strategies of a TOML strategy file (see [`data`]).
    pub fn load_file(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.load_str(&text, &path.display().to_string())
    }

    /// Loads the strategies of TOML text; `file` names it in errors. Nothing
    /// is added if any entry is invalid.
    pub fn load_str(&mut self, text: &str, file: &str) -> Result<()> {
        let entries = data::parse(text, file)?;
        let mut trial = self.clone();
        for e in entries {
            let name = e.name().to_string();
            trial.add(e).map_err(|err| match err {
                Error::DuplicateStrategy {
                    existing, origin, ..
                } => Error::StrategyFile {
                    file: file.to_string(),
                    strategy: name,
                    field: "name".to_string(),
                    message: format!("duplicate name: `{existing}` is already defined ({origin})"),
                },
                other => other,
            })?;
        }
        *self = trial;
        Ok(())
    }

    /// The entry of a name or alias.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.index.get(&normalise(name)).map(|&i| &self.entries[i])
    }

    /// The entry of a name, or an error listing close names.
    pub fn lookup(&self, name: &str) -> Result<&Entry> {
        self.get(name).ok_or_else(|| {
            let key = normalise(name);
            let close: Vec<&str> = self
                .entries
                .iter()
                .filter(|e| !key.is_empty() && normalise(e.name()).contains(&key))
                .map(|e| e.name())
                .take(10)
                .collect();
            Error::Unknown {
                kind: "strategy",
                name: name.to_string(),
                known: if close.is_empty() {
                    "see `dilemma strategies`".to_string()
                } else {
                    close.join(", ")
                },
            }
        })
    }

    /// A fresh instance of the named strategy. Besides registered names, the
    /// parametrised forms `Random(p)` / `Random: p` and `GTFT(p)` are
    /// understood, and transformed strategies written `Keyword(parameters...,
    /// Inner)` (see [`transform`](super::transform)), e.g. `Dual(Tit For Tat)`
    /// or `Noisy(0.1, Initial(DD, Grudger))`.
    pub fn create(&self, name: &str) -> Result<Box<dyn Strategy>> {
        match self.lookup(name) {
            Ok(e) => Ok(e.create()),
            Err(err) => match self.create_transformed(name) {
                Some(made) => made,
                None => builtin::parametrised(name).unwrap_or(Err(err)),
            },
        }
    }

    /// Whether `name` names a strategy [`Registry::create`] can make: a
    /// registered name or alias, a valid parametrised form or a valid
    /// transformed strategy.
    pub fn resolves(&self, name: &str) -> bool {
        self.get(name).is_some()
            || matches!(self.create_transformed(name), Some(Ok(_)))
            || matches!(builtin::parametrised(name), Some(Ok(_)))
    }

    /// The transformed strategy `name` writes, `None` when it is not of the
    /// form `Keyword(..., Inner)` with a transformer's keyword.
    fn create_transformed(&self, name: &str) -> Option<Result<Box<dyn Strategy>>> {
        let (keyword, arguments) = transform::split_call(name)?;
        let parameters = transform::parameter_count(keyword)?;
        let bad = |message: String| Error::InvalidStrategyName {
            name: name.trim().to_string(),
            message,
        };
        if arguments.len() <= parameters || arguments.iter().any(|a| a.is_empty()) {
            return Some(Err(bad(format!(
                "`{keyword}` takes {parameters} parameter(s) and then the strategy it transforms"
            ))));
        }
        let written = &arguments[..parameters];
        if transform::is_mixed(keyword) {
            return Some(self.create_mixed(written[0], &arguments[1..], bad));
        }
        Some((|| {
            let transform = Transform::parse(keyword, written, name.trim())?;
            let inner = self.create(&arguments[parameters..].join(", "))?;
            Ok(Box::new(Transformed::new(transform, inner, written)) as Box<dyn Strategy>)
        })())
    }

    /// `Mixed(p, Other, Inner)`: the first split of the remaining arguments
    /// into two names that both resolve (names may hold commas).
    fn create_mixed(
        &self,
        probability: &str,
        rest: &[&str],
        bad: impl Fn(String) -> Error,
    ) -> Result<Box<dyn Strategy>> {
        let p = probability
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=1.0).contains(p))
            .ok_or_else(|| bad(format!("`{probability}` is not a probability in [0, 1]")))?;
        for split in 1..rest.len() {
            let (other, inner) = (rest[..split].join(", "), rest[split..].join(", "));
            if self.resolves(&other) && self.resolves(&inner) {
                let other = self.create(&other)?;
                let inner = self.create(&inner)?;
                return Ok(Box::new(Transformed::new(
                    Transform::mixed(p, other),
                    inner,
                    &[probability],
                )));
            }
        }
        Err(bad(
            "`Mixed` takes a probability, a strategy to mix in and the strategy it transforms"
                .to_string(),
        ))
    }

    /// Every entry, in registration order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every name, in registration order.
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.name()).collect()
    }

    /// Number of strategies.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Splits a comma-separated list of player names (the CLI's `--players`)
/// into names, keeping whole the names that themselves contain commas, such
/// as Axelrod-Python's `Omega TFT: 3, 8` or `Grumpy: Nice, 10, -10`: from
/// each position it takes the longest run of comma-separated pieces that
/// names a strategy of `registry` (registered, alias or parametrised form;
/// see [`Registry::resolves`]). Names are trimmed; empty entries (a trailing
/// comma, two commas in a row) are skipped. An entry that starts no known
/// name is an error naming it: the registry's unknown-strategy error, or the
/// parameter error of a parametrised form out of range (`Random: 1.5`).
pub fn split_player_list(list: &str, registry: &Registry) -> Result<Vec<String>> {
    split_player_list_with(list, registry, |_| false)
}

/// As [`split_player_list`], also accepting the names for which
/// `also_known` is true (e.g. the three-action game's native strategies).
pub fn split_player_list_with(
    list: &str,
    registry: &Registry,
    also_known: impl Fn(&str) -> bool,
) -> Result<Vec<String>> {
    // The longest run worth trying: the most commas in any registered name or
    // alias, and one for the two-number parametrised forms.
    let longest = registry
        .entries
        .iter()
        .flat_map(|e| std::iter::once(e.name()).chain(e.aliases.iter().map(String::as_str)))
        .map(|n| n.matches(',').count())
        .max()
        .unwrap_or(0)
        .max(1)
        + 1;
    let pieces: Vec<&str> = list.split(',').collect();
    // A transformed strategy's name holds its parameters and the inner name,
    // commas and all: any run may be one name.
    let longest = if list.contains('(') {
        pieces.len()
    } else {
        longest
    };
    let mut names = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let end = pieces.len().min(i + longest);
        let found = (i + 1..=end).rev().find_map(|j| {
            if pieces[j - 1].trim().is_empty() {
                return None;
            }
            let joined = pieces[i..j].join(",");
            let name = joined.trim();
            (registry.resolves(name) || also_known(name)).then(|| (j, name.to_string()))
        });
        match found {
            Some((j, name)) => {
                names.push(name);
                i = j;
            }
            None => {
                let entry = pieces[i].trim();
                return Err(match builtin::parametrised(entry) {
                    Some(Err(e)) => e,
                    _ => registry
                        .lookup(entry)
                        .expect_err("an entry that does not resolve is not registered"),
                });
            }
        }
    }
    Ok(names)
}
