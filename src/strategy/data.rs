//! Strategies as data: the four declarative families of `strategies/*.toml`,
//! their parser and validator.
//!
//! A strategy file is a list of `[[strategy]]` tables. Every entry has
//! `name`, `kind`, `description` (one line) and `source`, and may have
//! `aliases` (other names it answers to) and `memory_depth` (an integer or
//! `"inf"`, overriding the depth the family implies). The kinds:
//!
//! - `memory_one`: `four_vector = [p_CC, p_CD, p_DC, p_DD]`, the probabilities
//!   of cooperating after each last-turn state (own move first), and `first`,
//!   the first move (`"C"`, `"D"`, or a probability of C; default `"C"`).
//!   Tit For Tat is `four_vector = [1, 0, 1, 0]`.
//! - `lookup`: a table over the last `own` own moves, the last `opponent`
//!   opponent moves and the opponent's first `opponent_opening` moves
//!   (Axelrod-Python's `LookerUp`). `table` has `2^(own + opponent +
//!   opponent_opening)` entries, either a string of C/D letters or an array of
//!   probabilities of C. The entry for a situation is at the index whose
//!   binary digits (most significant first) are the own moves (oldest first),
//!   then the opponent's, then its openings, with C = 0 and D = 1: Axelrod's
//!   pattern order. Until enough turns are played it plays `initial` (C/D
//!   letters, padded with C or cut to `max(own, opponent, opponent_opening)`).
//! - `fsm`: a finite-state machine (Axelrod-Python's `FSMPlayer`):
//!   `initial_state` (integer), `initial_action` (the first move) and
//!   `transitions`, a list of `[state, opponent_move, next_state, move]`. From
//!   the second turn on it reads the opponent's last move, moves to
//!   `next_state` and plays `move`. Every state reached must have a
//!   transition for both C and D.
//! - `cycle`: `cycle = "CCD"` repeats a fixed sequence.
//! - `ann`: a neural network over 17 features of the history
//!   (Axelrod-Python's `ANN`, see [`super::neural`]): `hidden`, the size of
//!   its hidden layer, and `weights`, Axelrod-Python's flat vector of
//!   `19 hidden` numbers (`hidden` rows of 17 input weights, then the
//!   `hidden` output weights, then the `hidden` biases).
//!
//! Errors name the file, the strategy and the field.

use super::context::Context;
use super::core::{Classifier, Strategy};
use super::entry::{Entry, Kind};
use super::history::History;
use super::neural::NeuralNetwork;
use crate::error::one_line;
use crate::{Action, Error, Result};
use serde::Deserialize;
use std::sync::Arc;

/// The strategy files embedded in the binary: (path, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "strategies/memory_one.toml",
        include_str!("../../strategies/memory_one.toml"),
    ),
    (
        "strategies/cycles.toml",
        include_str!("../../strategies/cycles.toml"),
    ),
    (
        "strategies/state_machines.toml",
        include_str!("../../strategies/state_machines.toml"),
    ),
    (
        "strategies/lookup.toml",
        include_str!("../../strategies/lookup.toml"),
    ),
    (
        "strategies/evolved.toml",
        include_str!("../../strategies/evolved.toml"),
    ),
];

/// A memory-one strategy: the probability of cooperating after each state of
/// the last turn, and the first move.
#[derive(Debug, Clone)]
pub struct MemoryOne {
    name: Arc<str>,
    vector: [f64; 4],
    first: f64,
    classifier: Classifier,
}

impl MemoryOne {
    /// From a name, the four vector `[p_CC, p_CD, p_DC, p_DD]` (own move
    /// first) and the probability of cooperating on the first move; an error
    /// if a probability is outside `[0, 1]`.
    pub fn new(name: &str, vector: [f64; 4], first: f64) -> Result<Self> {
        for (k, &p) in vector.iter().chain(std::iter::once(&first)).enumerate() {
            if !(0.0..=1.0).contains(&p) {
                let field = if k < 4 { "four_vector" } else { "first" };
                return Err(Error::invalid_parameter(
                    field,
                    p,
                    "a probability in [0, 1]",
                ));
            }
        }
        let stochastic = vector
            .iter()
            .chain(std::iter::once(&first))
            .any(|&p| p > 0.0 && p < 1.0);
        let constant = vector.iter().all(|&p| p == 0.0) || vector.iter().all(|&p| p == 1.0);
        Ok(MemoryOne {
            name: name.into(),
            vector,
            first,
            classifier: Classifier {
                memory_depth: Some(if constant { 0 } else { 1 }),
                stochastic,
                uses_match_length: false,
                uses_game: false,
            },
        })
    }

    /// The four vector.
    pub fn vector(&self) -> [f64; 4] {
        self.vector
    }
}

impl Strategy for MemoryOne {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        self.classifier
    }
    fn reset(&mut self) {}
    #[inline]
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        match (h.last_own(), h.last_opp()) {
            (Some(a), Some(b)) => ctx.random_choice(self.vector[(a as usize) << 1 | b as usize]),
            _ => ctx.random_choice(self.first),
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// A fixed cycle of moves.
#[derive(Debug, Clone)]
pub struct Cycle {
    name: Arc<str>,
    cycle: Arc<[Action]>,
}

impl Cycle {
    /// From a name and a non-empty cycle.
    pub fn new(name: &str, cycle: &[Action]) -> Result<Self> {
        if cycle.is_empty() {
            return Err(Error::invalid_parameter("cycle", 0.0, "at least one move"));
        }
        Ok(Cycle {
            name: name.into(),
            cycle: cycle.into(),
        })
    }
}

impl Strategy for Cycle {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(self.cycle.len() as u32 - 1))
    }
    fn reset(&mut self) {}
    #[inline]
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        self.cycle[h.len() % self.cycle.len()]
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// A lookup table over the last moves and the opponent's openings (see the
/// module documentation for the index order).
#[derive(Debug, Clone)]
pub struct Lookup {
    name: Arc<str>,
    own: usize,
    opp: usize,
    opening: usize,
    /// Probability of C per table entry.
    table: Arc<[f64]>,
    initial: Arc<[Action]>,
    stochastic: bool,
}

impl Lookup {
    /// From a name, the depths (own, opponent, opponent openings), the table
    /// (probabilities of C, `2^(own+opp+opening)` entries) and the opening
    /// moves (padded with C or cut to the table depth).
    pub fn new(
        name: &str,
        own: usize,
        opp: usize,
        opening: usize,
        table: Vec<f64>,
        initial: &[Action],
    ) -> Result<Self> {
        let bits = own.saturating_add(opp).saturating_add(opening);
        if bits > 20 {
            return Err(Error::invalid_parameter(
                "own + opponent + opponent_opening",
                bits as f64,
                "at most 20",
            ));
        }
        if table.len() != 1 << bits {
            return Err(Error::invalid_parameter(
                "table length",
                table.len() as f64,
                format!("2^{bits} = {} entries", 1usize << bits),
            ));
        }
        if let Some(&p) = table.iter().find(|p| !(0.0..=1.0).contains(*p)) {
            return Err(Error::invalid_parameter(
                "table",
                p,
                "probabilities in [0, 1]",
            ));
        }
        let depth = own.max(opp).max(opening);
        let mut init: Vec<Action> = initial.iter().copied().take(depth).collect();
        init.resize(depth, Action::C);
        let stochastic = table.iter().any(|&p| p > 0.0 && p < 1.0);
        Ok(Lookup {
            name: name.into(),
            own,
            opp,
            opening,
            table: table.into(),
            initial: init.into(),
            stochastic,
        })
    }
}

impl Strategy for Lookup {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        let depth = (self.opening == 0).then_some(self.own.max(self.opp) as u32);
        Classifier {
            memory_depth: depth,
            stochastic: self.stochastic,
            uses_match_length: false,
            uses_game: false,
        }
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let t = h.len();
        if t < self.initial.len() {
            return self.initial[t];
        }
        let mut idx = 0usize;
        for &a in h.own_last(self.own) {
            idx = idx << 1 | a as usize;
        }
        for &a in h.opp_last(self.opp) {
            idx = idx << 1 | a as usize;
        }
        for &a in &h.opp()[..self.opening] {
            idx = idx << 1 | a as usize;
        }
        ctx.random_choice(self.table[idx])
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// A finite-state machine (see the module documentation).
#[derive(Debug, Clone)]
pub struct StateMachine {
    name: Arc<str>,
    /// `next[state][opponent move] = (next state, move)`, states renumbered
    /// densely.
    next: Arc<[[(u32, Action); 2]]>,
    initial_state: u32,
    initial_action: Action,
    memory_depth: Option<u32>,
    state: u32,
}

impl StateMachine {
    /// From a name, the initial state and move, and transitions
    /// `(state, opponent move, next state, move)`. An error names the
    /// transition that is missing or given twice.
    pub fn new(
        name: &str,
        initial_state: i64,
        initial_action: Action,
        transitions: &[(i64, Action, i64, Action)],
    ) -> Result<Self> {
        let (next, init) = build_fsm(initial_state, transitions)
            .map_err(|m| Error::invalid_parameter("transitions", initial_state as f64, m))?;
        Ok(StateMachine {
            name: name.into(),
            next: next.into(),
            initial_state: init,
            initial_action,
            memory_depth: None,
            state: init,
        })
    }

    /// The same, declaring the memory depth.
    pub fn with_memory_depth(mut self, depth: Option<u32>) -> Self {
        self.memory_depth = depth;
        self
    }
}

/// Dense transition table and initial state index, or a message.
#[allow(clippy::type_complexity)]
fn build_fsm(
    initial: i64,
    transitions: &[(i64, Action, i64, Action)],
) -> std::result::Result<(Vec<[(u32, Action); 2]>, u32), String> {
    let mut states: Vec<i64> = transitions.iter().map(|t| t.0).collect();
    states.sort();
    states.dedup();
    let pos = |s: i64| states.binary_search(&s).ok();
    let mut table: Vec<[Option<(u32, Action)>; 2]> = vec![[None, None]; states.len()];
    for &(s, input, n, out) in transitions {
        let i = pos(s).expect("listed state");
        let Some(j) = pos(n) else {
            return Err(format!(
                "transition ({s}, {input}) leads to state {n}, which has no transitions"
            ));
        };
        if table[i][input.index()].is_some() {
            return Err(format!(
                "state {s} has two transitions for opponent move {input}"
            ));
        }
        table[i][input.index()] = Some((j as u32, out));
    }
    let Some(init) = pos(initial) else {
        return Err(format!("initial state {initial} has no transitions"));
    };
    let mut dense = Vec::with_capacity(states.len());
    for (i, row) in table.iter().enumerate() {
        match row {
            [Some(c), Some(d)] => dense.push([*c, *d]),
            [None, _] => {
                return Err(format!(
                    "missing transition for state {} and opponent move C",
                    states[i]
                ))
            }
            [_, None] => {
                return Err(format!(
                    "missing transition for state {} and opponent move D",
                    states[i]
                ))
            }
        }
    }
    Ok((dense, init as u32))
}

impl Strategy for StateMachine {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(self.memory_depth)
    }
    fn reset(&mut self) {
        self.state = self.initial_state;
    }
    #[inline]
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        match h.last_opp() {
            None => self.initial_action,
            Some(b) => {
                let (n, a) = self.next[self.state as usize][b.index()];
                self.state = n;
                a
            }
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// A strategy file: a list of `[[strategy]]` tables, read one by one so
/// that an error can name the strategy.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    strategy: Vec<toml::Table>,
}

/// The fields every entry has, whatever its family.
#[derive(Deserialize)]
struct RawCommon {
    name: String,
    description: String,
    source: String,
    #[serde(default)]
    aliases: Vec<String>,
    memory_depth: Option<RawDepth>,
}

/// The keys of [`RawCommon`], removed before the family is read.
const COMMON: &[&str] = &["name", "description", "source", "aliases", "memory_depth"];

/// `memory_depth`: a number of turns or `"inf"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawDepth {
    Turns(u32),
    Word(String),
}

/// The family of an entry, by its `kind`, with the family's own fields.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum RawFamily {
    MemoryOne(RawMemoryOne),
    Lookup(RawLookup),
    Fsm(RawFsm),
    Cycle(RawCycle),
    Ann(RawAnn),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnn {
    hidden: usize,
    weights: Vec<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMemoryOne {
    four_vector: [f64; 4],
    first: Option<RawFirst>,
}

/// `first`: a move or a probability of C.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawFirst {
    Letter(String),
    Probability(f64),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLookup {
    #[serde(default)]
    own: usize,
    #[serde(default)]
    opponent: usize,
    #[serde(default)]
    opponent_opening: usize,
    table: RawTable,
    #[serde(default)]
    initial: Moves,
}

/// `table`: C/D letters or probabilities of C.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawTable {
    Letters(String),
    Probabilities(Vec<f64>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFsm {
    initial_state: i64,
    initial_action: Move,
    transitions: Vec<(i64, Move, i64, Move)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCycle {
    cycle: Moves,
}

/// One move written `"C"` or `"D"`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
struct Move(Action);

impl TryFrom<String> for Move {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        let mut chars = s.chars();
        match (chars.next().and_then(Action::from_char), chars.next()) {
            (Some(a), None) => Ok(Move(a)),
            _ => Err(format!("`{s}` is not a move (C or D)")),
        }
    }
}

/// Moves written as a string of C/D letters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(try_from = "String")]
struct Moves(Vec<Action>);

impl TryFrom<String> for Moves {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        s.chars()
            .map(|ch| Action::from_char(ch).ok_or_else(|| format!("`{ch}` is not a move (C or D)")))
            .collect::<std::result::Result<_, _>>()
            .map(Moves)
    }
}

/// Parsing context: file and strategy for error messages.
struct Ctx<'a> {
    file: &'a str,
    strategy: String,
}

impl Ctx<'_> {
    fn err(&self, field: &str, message: impl Into<String>) -> Error {
        // The message may quote the file's values, which may hold line
        // breaks: escaped, so the error stays one line.
        let message: String = message.into();
        Error::StrategyFile {
            file: self.file.to_string(),
            strategy: one_line(&self.strategy),
            field: one_line(field),
            message: one_line(&message),
        }
    }

    /// An error of reading `table` as `T`, naming the field: the one serde's
    /// message names (a missing or unknown field), else the one whose value
    /// alone (with `kind`) fails the same way.
    fn serde_err<T: serde::de::DeserializeOwned>(
        &self,
        table: &toml::Table,
        e: toml::de::Error,
    ) -> Error {
        let message = e.message().to_string();
        let quoted = message.split('`').nth(1).unwrap_or("");
        let field = if message.starts_with("missing field") || message.starts_with("unknown field")
        {
            quoted.to_string()
        } else if message.starts_with("unknown variant") {
            return self.err(
                "kind",
                format!("unknown kind `{quoted}` (known: memory_one, lookup, fsm, cycle, ann)"),
            );
        } else {
            table
                .iter()
                .filter(|(k, _)| k.as_str() != "kind")
                .find(|(k, v)| {
                    let mut alone = toml::Table::new();
                    if let Some(kind) = table.get("kind") {
                        alone.insert("kind".into(), kind.clone());
                    }
                    alone.insert((*k).clone(), (*v).clone());
                    matches!(T::deserialize(alone), Err(e2) if e2.message() == message)
                })
                .map_or_else(|| "-".to_string(), |(k, _)| k.clone())
        };
        self.err(&field, message)
    }
}

/// Reads `table` as `T`, an error naming the field.
fn read<T: serde::de::DeserializeOwned>(table: &toml::Table, c: &Ctx) -> Result<T> {
    T::deserialize(table.clone()).map_err(|e| c.serde_err::<T>(table, e))
}

/// A probability, or an error naming the field.
fn prob(p: f64, c: &Ctx, field: &str) -> Result<f64> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(c.err(field, format!("{p} is not a probability in [0, 1]")))
    }
}

/// Parses a strategy file's text into registry entries; `file` names it in
/// errors. Duplicate names within the file are errors.
pub fn parse(text: &str, file: &str) -> Result<Vec<Entry>> {
    let doc: RawFile = toml::from_str(text).map_err(|e| Error::StrategyFileSyntax {
        file: file.to_string(),
        message: e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    })?;
    let mut out: Vec<Entry> = Vec::with_capacity(doc.strategy.len());
    let mut seen = std::collections::HashMap::new();
    for (k, table) in doc.strategy.iter().enumerate() {
        let mut c = Ctx {
            file,
            strategy: match table.get("name") {
                Some(toml::Value::String(name)) if !name.trim().is_empty() => name.clone(),
                _ => format!("#{}", k + 1),
            },
        };
        let common: RawCommon = read(table, &c)?;
        if common.name.trim().is_empty() {
            return Err(c.err("name", "empty name"));
        }
        c.strategy = common.name.clone();
        let mut rest = table.clone();
        for key in COMMON {
            rest.remove(*key);
        }
        let family: RawFamily = read(&rest, &c)?;
        let name = common.name.as_str();
        let entry = build_entry(&common, family, &c)?;
        let mut keys: Vec<(String, &str)> = std::iter::once(name)
            .chain(entry.aliases.iter().map(|s| s.as_str()))
            .map(|k| (super::entry::normalise(k), k))
            .collect();
        keys.sort();
        keys.dedup_by(|a, b| a.0 == b.0);
        for (n, key) in keys {
            if let Some(prev) = seen.insert(n, name.to_string()) {
                return Err(c.err(
                    "name",
                    format!("duplicate name `{key}` (also used by `{prev}` in this file)"),
                ));
            }
        }
        out.push(entry);
    }
    Ok(out)
}

/// The checks serde cannot express, and the strategy.
fn build_entry(common: &RawCommon, family: RawFamily, c: &Ctx) -> Result<Entry> {
    let name = common.name.as_str();
    let depth_override: Option<Option<u32>> = match &common.memory_depth {
        None => None,
        Some(RawDepth::Turns(n)) => Some(Some(*n)),
        Some(RawDepth::Word(w)) if w == "inf" => Some(None),
        Some(RawDepth::Word(w)) => {
            return Err(c.err(
                "memory_depth",
                format!("expected a non-negative integer or \"inf\", found \"{w}\""),
            ))
        }
    };
    let (proto, kind): (Box<dyn Strategy>, Kind) = match family {
        RawFamily::MemoryOne(m) => {
            let mut vector = [0.0; 4];
            for (v, &p) in vector.iter_mut().zip(&m.four_vector) {
                *v = prob(p, c, "four_vector")?;
            }
            let first = match m.first {
                None => 1.0,
                Some(RawFirst::Letter(l)) => match Move::try_from(l) {
                    Ok(Move(a)) => (a == Action::C) as u8 as f64,
                    Err(m) => return Err(c.err("first", m)),
                },
                Some(RawFirst::Probability(p)) => prob(p, c, "first")?,
            };
            let mut s = MemoryOne::new(name, vector, first)
                .map_err(|e| c.err("four_vector", e.to_string()))?;
            if let Some(d) = depth_override {
                s.classifier.memory_depth = d;
            }
            (Box::new(s), Kind::MemoryOne)
        }
        RawFamily::Cycle(RawCycle { cycle: Moves(seq) }) => {
            if seq.is_empty() {
                return Err(c.err("cycle", "empty cycle"));
            }
            if depth_override.is_some() {
                return Err(c.err(
                    "memory_depth",
                    "a cycle's memory depth is its length minus one",
                ));
            }
            (
                Box::new(Cycle::new(name, &seq).map_err(|e| c.err("cycle", e.to_string()))?),
                Kind::Cycle,
            )
        }
        RawFamily::Lookup(l) => {
            let (own, opp, opening) = (l.own, l.opponent, l.opponent_opening);
            let bits = own.saturating_add(opp).saturating_add(opening);
            if bits > 20 {
                return Err(c.err(
                    "own",
                    format!("own + opponent + opponent_opening = {bits}; at most 20"),
                ));
            }
            let table: Vec<f64> = match l.table {
                RawTable::Letters(letters) => Moves::try_from(letters)
                    .map_err(|m| c.err("table", m))?
                    .0
                    .into_iter()
                    .map(|a| if a == Action::C { 1.0 } else { 0.0 })
                    .collect(),
                RawTable::Probabilities(ps) => ps
                    .into_iter()
                    .map(|p| prob(p, c, "table"))
                    .collect::<Result<_>>()?,
            };
            if table.len() != 1 << bits {
                return Err(c.err(
                    "table",
                    format!(
                        "has {} entries; own = {own}, opponent = {opp}, opponent_opening = {opening} need 2^{bits} = {}",
                        table.len(),
                        1usize << bits
                    ),
                ));
            }
            if depth_override.is_some() {
                return Err(c.err(
                    "memory_depth",
                    "a lookup table's memory depth follows from its depths",
                ));
            }
            let s = Lookup::new(name, own, opp, opening, table, &l.initial.0)
                .map_err(|e| c.err("table", e.to_string()))?;
            (Box::new(s), Kind::Lookup)
        }
        RawFamily::Fsm(f) => {
            if f.transitions.is_empty() {
                return Err(c.err("transitions", "empty: a machine needs transitions"));
            }
            let tr: Vec<(i64, Action, i64, Action)> = f
                .transitions
                .iter()
                .map(|&(s, Move(m), n, Move(o))| (s, m, n, o))
                .collect();
            let (next, init_idx) =
                build_fsm(f.initial_state, &tr).map_err(|m| c.err("transitions", m))?;
            let s = StateMachine {
                name: name.into(),
                next: next.into(),
                initial_state: init_idx,
                initial_action: f.initial_action.0,
                memory_depth: depth_override.unwrap_or(None),
                state: init_idx,
            };
            (Box::new(s), Kind::StateMachine)
        }
        RawFamily::Ann(a) => {
            if depth_override.is_some() {
                return Err(c.err(
                    "memory_depth",
                    "a neural network reads the whole history: its memory depth is unbounded",
                ));
            }
            let s = NeuralNetwork::new(name, a.hidden, &a.weights)
                .map_err(|e| c.err("weights", e.to_string()))?;
            (Box::new(s), Kind::NeuralNetwork)
        }
    };
    let mut e = Entry::new(
        proto,
        kind,
        &[],
        common.description.clone(),
        common.source.clone(),
    );
    e.aliases = common.aliases.clone();
    e.origin = c.file.to_string();
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse(text, "test.toml") {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.to_string(),
        }
    }

    const HEAD: &str = "[[strategy]]\nname = \"X\"\ndescription = \"d\"\nsource = \"s\"\n";

    #[test]
    fn bad_files_name_file_strategy_and_field() {
        let e = err(&format!(
            "{HEAD}kind = \"memory_one\"\nfour_vector = [1, 1.3, 0, 0]\n"
        ));
        assert!(
            e.contains("test.toml")
                && e.contains("`X`")
                && e.contains("four_vector")
                && e.contains("1.3"),
            "{e}"
        );
        let e = err(&format!("{HEAD}kind = \"fsm\"\ninitial_state = 1\ninitial_action = \"C\"\ntransitions = [[1, \"C\", 2, \"C\"], [1, \"D\", 1, \"D\"], [2, \"C\", 1, \"C\"]]\n"));
        assert!(
            e.contains("transitions")
                && e.contains("missing transition for state 2 and opponent move D"),
            "{e}"
        );
        let e = err(&format!(
            "{HEAD}kind = \"lookup\"\nopponent = 2\ntable = \"CDC\"\n"
        ));
        assert!(e.contains("`table`") && e.contains("has 3 entries"), "{e}");
        let e = err(&format!("{HEAD}kind = \"genetic\"\n"));
        assert!(
            e.contains("`kind`") && e.contains("unknown kind `genetic`"),
            "{e}"
        );
        let e = err(&format!(
            "{HEAD}kind = \"cycle\"\ncycle = \"CD\"\n{HEAD}kind = \"cycle\"\ncycle = \"DC\"\n"
        ));
        assert!(e.contains("duplicate name"), "{e}");
        let e = err(&format!("{HEAD}kind = \"cycle\"\ncycle = \"CX\"\n"));
        assert!(
            e.contains("`cycle`") && e.contains("`X` is not a move"),
            "{e}"
        );
        let e = err("[[strategy]]\nkind = \"cycle\"\n");
        assert!(
            e.contains("#1") && e.contains("`name`") && e.contains("missing"),
            "{e}"
        );
        let e = err(&format!(
            "{HEAD}kind = \"cycle\"\ncycle = \"CD\"\nfour_vector = [1, 0, 1, 0]\n"
        ));
        assert!(e.contains("unknown field"), "{e}");
        let e = err("[[strategy]\n");
        assert!(e.contains("test.toml"), "{e}");
    }

    #[test]
    fn type_errors_name_the_field_whose_value_is_wrong() {
        // (entry body, field named, part of the message).
        for (body, field, message) in [
            ("kind = \"memory_one\"\nfour_vector = [1, \"x\", 0, 0]\n", "four_vector", "invalid type"),
            ("kind = \"memory_one\"\nfour_vector = [1, 0, 0]\n", "four_vector", "length 3"),
            ("kind = \"memory_one\"\nfour_vector = [1, 0, 1, 0]\nfirst = \"X\"\n", "first", "`X` is not a move"),
            ("kind = \"memory_one\"\nfour_vector = [1, 0, 1, 0]\nfirst = 2\n", "first", "not a probability"),
            ("kind = \"cycle\"\ncycle = \"CD\"\naliases = 5\n", "aliases", "invalid type"),
            ("kind = \"cycle\"\ncycle = \"CD\"\nmemory_depth = \"forever\"\n", "memory_depth", ""),
            ("kind = \"lookup\"\nopponent = -1\ntable = \"CD\"\n", "opponent", ""),
            ("kind = \"lookup\"\nopponent = 1\ntable = \"CX\"\n", "table", "`X` is not a move"),
            ("kind = \"fsm\"\ninitial_state = 0\ninitial_action = \"C\"\ntransitions = [[0, \"C\", 0]]\n", "transitions", ""),
            ("kind = \"fsm\"\ninitial_state = 0\ntransitions = [[0, \"C\", 0, \"C\"]]\n", "initial_action", "missing"),
            ("kind = \"fsm\"\ninitial_state = 0\ninitial_action = \"CD\"\ntransitions = [[0, \"C\", 0, \"C\"], [0, \"D\", 0, \"D\"]]\n", "initial_action", "`CD` is not a move"),
            ("four_vector = [1, 0, 1, 0]\n", "kind", "missing"),
        ] {
            let e = err(&format!("{HEAD}{body}"));
            assert!(
                e.starts_with("test.toml: strategy `X`, field `") && e.contains(&format!("field `{field}`:")) && e.contains(message),
                "{body}: {e}"
            );
        }
        let e =
            err("[[strategy]]\nname = \"X\"\nkind = \"cycle\"\ncycle = \"CD\"\n[other]\nx = 1\n");
        assert!(
            e.starts_with("test.toml:") && e.contains("unknown field `other`"),
            "{e}"
        );
    }

    #[test]
    fn lookup_index_follows_axelrod_pattern_order() {
        // Winner12: own 1, opponent 2; pattern "CDCDDCDD".
        let text = format!("{HEAD}kind = \"lookup\"\nown = 1\nopponent = 2\ntable = \"CDCDDCDD\"\ninitial = \"CC\"\n");
        let entries = parse(&text, "t").unwrap();
        let mut s = entries[0].create();
        use crate::Action::{C, D};
        // After own D, opp (C, D): key (D),(C,D) = 0b101 = 5 -> 'C'.
        let h = History::from_moves(&[C, D], &[C, D]);
        let payoffs = crate::strategy::context::Payoffs::default();
        let mut rng = <crate::strategy::context::MatchRng as rand::SeedableRng>::seed_from_u64(0);
        let mut ctx = Context::new(&payoffs, None, &mut rng);
        assert_eq!(s.next_action(&h, &mut ctx), C);
        let h = History::from_moves(&[C, C], &[D, D]);
        assert_eq!(s.next_action(&h, &mut ctx), D); // index 3 -> 'D'
    }
}
