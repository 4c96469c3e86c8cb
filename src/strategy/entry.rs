//! A registry entry: a strategy's prototype and what is known about it.
//! Both the built-in strategies ([`super::builtin`]) and the strategy files
//! ([`super::data`]) produce entries; the [`super::Registry`] collects them.

use super::core::{Classifier, Strategy};

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
    /// Neural network over features of the history (data).
    NeuralNetwork,
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
            Kind::NeuralNetwork => "ann",
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
    /// Whether a match costs many times an ordinary strategy's (Axelrod-Python's
    /// `long_run_time`: the meta players over the library, DBS's tree search).
    /// `--players all` leaves these out, as Axelrod-Python's published
    /// full-library tournaments do.
    pub long_run_time: bool,
}

impl Entry {
    /// The entry as a row of `dilemma strategies --format json`: name, kind,
    /// classifier, aliases, description, source and origin.
    pub fn listing(&self) -> serde_json::Value {
        let c = self.classifier();
        serde_json::json!({
            "name": self.name(),
            "kind": self.kind.as_str(),
            "memory_depth": c.memory_depth,
            "stochastic": c.stochastic,
            "uses_match_length": c.uses_match_length,
            "uses_game": c.uses_game,
            "aliases": self.aliases,
            "description": self.description,
            "source": self.source,
            "origin": self.origin,
            "long_run_time": self.long_run_time,
        })
    }

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
            long_run_time: false,
        }
    }

    /// The same entry, marked as long-running ([`Entry::long_run_time`]).
    pub fn long_running(mut self) -> Self {
        self.long_run_time = true;
        self
    }

    /// The strategy's name.
    pub fn name(&self) -> &str {
        self.prototype.name()
    }

    /// Its classifier.
    pub fn classifier(&self) -> Classifier {
        self.prototype.classifier()
    }

    /// The Axelrod-Python class the strategy reproduces, when its source
    /// names one as `Axelrod-Python ClassName` (the convention of every
    /// built-in and embedded strategy taken from that library); meta players
    /// build their teams from these.
    pub fn axelrod_class(&self) -> Option<&str> {
        let (_, after) = self.source.split_once("Axelrod-Python ")?;
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        (end > 0).then(|| &after[..end])
    }

    /// A fresh instance, ready for a match.
    pub fn create(&self) -> Box<dyn Strategy> {
        let mut s = self.prototype.clone_box();
        s.reset();
        s
    }
}

/// The normalised form of a name used for lookup: letters and digits only,
/// lower case.
pub(crate) fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}
