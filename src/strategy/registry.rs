//! The registry: one list of every known strategy, looked up by name.

use super::{builtin, data, Classifier, Strategy};
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// How a strategy is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Memory-one four-vector (data).
    MemoryOne,
    /// Lookup table over the last moves and the opponent's openings (data).
    Lookup,
    /// Finite-state machine (data).
    StateMachine,
    /// Fixed cycle of moves (data).
    Cycle,
    /// Written in Rust.
    Builtin,
}

impl Kind {
    /// The kind's name as written in strategy files and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MemoryOne => "memory_one",
            Kind::Lookup => "lookup",
            Kind::StateMachine => "fsm",
            Kind::Cycle => "cycle",
            Kind::Builtin => "builtin",
        }
    }
}

/// One registered strategy: a prototype to copy, and what is known about it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// A fresh instance; [`Entry::create`] copies it.
    pub prototype: Box<dyn Strategy>,
    /// How it is defined.
    pub kind: Kind,
    /// Other names it answers to (e.g. Axelrod-Python class names).
    pub aliases: Vec<String>,
    /// One line on what it does.
    pub description: String,
    /// Where it comes from (literature, Axelrod-Python class).
    pub source: String,
    /// Where it was defined: `"built-in"` or the strategy file.
    pub origin: String,
}

impl Entry {
    /// A new entry.
    pub fn new(
        prototype: Box<dyn Strategy>,
        kind: Kind,
        aliases: &[&str],
        description: impl Into<String>,
        source: impl Into<String>,
    ) -> Self {
        Entry {
            prototype,
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: description.into(),
            source: source.into(),
            origin: "built-in".to_string(),
        }
    }

    /// The strategy's name.
    pub fn name(&self) -> &str {
        self.prototype.name()
    }

    /// Its classifier.
    pub fn classifier(&self) -> Classifier {
        self.prototype.classifier()
    }

    /// A fresh instance, ready for a match.
    pub fn create(&self) -> Box<dyn Strategy> {
        let mut s = self.prototype.clone_box();
        s.reset();
        s
    }
}

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

/// The normalised form of a name used for lookup.
pub(crate) fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
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
    /// understood.
    pub fn create(&self, name: &str) -> Result<Box<dyn Strategy>> {
        match self.lookup(name) {
            Ok(e) => Ok(e.create()),
            Err(err) => builtin::parametrised(name).unwrap_or(Err(err)),
        }
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
