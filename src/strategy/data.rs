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
//!
//! Errors name the file, the strategy and the field.

use super::registry::{Entry, Kind};
use super::{Classifier, Context, History, Strategy};
use crate::{Action, Error, Result};
use std::sync::Arc;
use toml::Value;

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

/// Parsing context: file and strategy for error messages.
struct Ctx<'a> {
    file: &'a str,
    strategy: String,
}

impl Ctx<'_> {
    fn err(&self, field: &str, message: impl Into<String>) -> Error {
        Error::StrategyFile {
            file: self.file.to_string(),
            strategy: self.strategy.clone(),
            field: field.to_string(),
            message: message.into(),
        }
    }
}

fn get_str<'t>(t: &'t toml::Table, c: &Ctx, field: &str) -> Result<Option<&'t str>> {
    match t.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(c.err(field, format!("expected a string, found {}", v.type_str()))),
    }
}

fn req_str<'t>(t: &'t toml::Table, c: &Ctx, field: &str) -> Result<&'t str> {
    get_str(t, c, field)?.ok_or_else(|| c.err(field, "missing"))
}

fn get_uint(t: &toml::Table, c: &Ctx, field: &str) -> Result<Option<usize>> {
    match t.get(field) {
        None => Ok(None),
        Some(Value::Integer(i)) if *i >= 0 => Ok(Some(*i as usize)),
        Some(v) => Err(c.err(field, format!("expected a non-negative integer, found {v}"))),
    }
}

fn prob(v: &Value, c: &Ctx, field: &str) -> Result<f64> {
    let p = match v {
        Value::Integer(i) => *i as f64,
        Value::Float(f) => *f,
        other => return Err(c.err(field, format!("expected a probability, found {other}"))),
    };
    if !(0.0..=1.0).contains(&p) {
        return Err(c.err(field, format!("{p} is not a probability in [0, 1]")));
    }
    Ok(p)
}

fn action(v: &Value, c: &Ctx, field: &str) -> Result<Action> {
    match v {
        Value::String(s) if s.chars().count() == 1 => s
            .chars()
            .next()
            .and_then(Action::from_char)
            .ok_or_else(|| c.err(field, format!("`{s}` is not a move (C or D)"))),
        other => Err(c.err(
            field,
            format!("expected a move \"C\" or \"D\", found {other}"),
        )),
    }
}

fn moves(s: &str, c: &Ctx, field: &str) -> Result<Vec<Action>> {
    s.chars()
        .map(|ch| {
            Action::from_char(ch)
                .ok_or_else(|| c.err(field, format!("`{ch}` is not a move (C or D)")))
        })
        .collect()
}

const COMMON: &[&str] = &[
    "name",
    "kind",
    "description",
    "source",
    "aliases",
    "memory_depth",
];

fn check_fields(t: &toml::Table, c: &Ctx, allowed: &[&str]) -> Result<()> {
    for k in t.keys() {
        if !COMMON.contains(&k.as_str()) && !allowed.contains(&k.as_str()) {
            let mut all: Vec<&str> = COMMON.to_vec();
            all.extend_from_slice(allowed);
            return Err(c.err(k, format!("unknown field (allowed: {})", all.join(", "))));
        }
    }
    Ok(())
}

/// Parses a strategy file's text into registry entries; `file` names it in
/// errors. Duplicate names within the file are errors.
pub fn parse(text: &str, file: &str) -> Result<Vec<Entry>> {
    let doc: toml::Table =
        text.parse()
            .map_err(|e: toml::de::Error| Error::StrategyFileSyntax {
                file: file.to_string(),
                message: e
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            })?;
    for k in doc.keys() {
        if k != "strategy" {
            return Err(Error::StrategyFileSyntax {
                file: file.to_string(),
                message: format!(
                    "unknown top-level key `{k}`: a strategy file is a list of [[strategy]] tables"
                ),
            });
        }
    }
    let list = match doc.get("strategy") {
        None => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(Error::StrategyFileSyntax {
                file: file.to_string(),
                message: "`strategy` must be an array of tables ([[strategy]])".to_string(),
            })
        }
    };
    let mut out: Vec<Entry> = Vec::with_capacity(list.len());
    let mut seen = std::collections::HashMap::new();
    for (k, item) in list.iter().enumerate() {
        let mut c = Ctx {
            file,
            strategy: format!("#{}", k + 1),
        };
        let Value::Table(t) = item else {
            return Err(c.err("-", "each [[strategy]] entry must be a table"));
        };
        let name = req_str(t, &c, "name")?;
        if name.trim().is_empty() {
            return Err(c.err("name", "empty name"));
        }
        c.strategy = name.to_string();
        let entry = parse_entry(t, &c, name)?;
        let mut keys: Vec<(String, &str)> = std::iter::once(name)
            .chain(entry.aliases.iter().map(|s| s.as_str()))
            .map(|k| (super::registry::normalise(k), k))
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

fn parse_entry(t: &toml::Table, c: &Ctx, name: &str) -> Result<Entry> {
    let kind = req_str(t, c, "kind")?;
    let description = req_str(t, c, "description")?.to_string();
    let source = req_str(t, c, "source")?.to_string();
    let aliases: Vec<String> = match t.get("aliases") {
        None => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(c.err("aliases", format!("expected strings, found {other}"))),
            })
            .collect::<Result<_>>()?,
        Some(v) => {
            return Err(c.err(
                "aliases",
                format!("expected an array of strings, found {v}"),
            ))
        }
    };
    let depth_override: Option<Option<u32>> = match t.get("memory_depth") {
        None => None,
        Some(Value::Integer(i)) if *i >= 0 && *i <= u32::MAX as i64 => Some(Some(*i as u32)),
        Some(Value::String(s)) if s == "inf" => Some(None),
        Some(v) => {
            return Err(c.err(
                "memory_depth",
                format!("expected a non-negative integer or \"inf\", found {v}"),
            ))
        }
    };
    let (proto, kind): (Box<dyn Strategy>, Kind) = match kind {
        "memory_one" => {
            check_fields(t, c, &["four_vector", "first"])?;
            let v = match t.get("four_vector") {
                Some(Value::Array(a)) if a.len() == 4 => a,
                Some(Value::Array(a)) => {
                    return Err(c.err(
                        "four_vector",
                        format!("expected 4 probabilities, found {}", a.len()),
                    ))
                }
                Some(v) => {
                    return Err(c.err(
                        "four_vector",
                        format!("expected an array of 4 probabilities, found {v}"),
                    ))
                }
                None => return Err(c.err("four_vector", "missing")),
            };
            let mut vector = [0.0; 4];
            for (i, x) in v.iter().enumerate() {
                vector[i] = prob(x, c, "four_vector")?;
            }
            let first = match t.get("first") {
                None => 1.0,
                Some(Value::String(_)) => match action(&t["first"], c, "first")? {
                    Action::C => 1.0,
                    Action::D => 0.0,
                },
                Some(v) => prob(v, c, "first")?,
            };
            let mut s = MemoryOne::new(name, vector, first)
                .map_err(|e| c.err("four_vector", e.to_string()))?;
            if let Some(d) = depth_override {
                s.classifier.memory_depth = d;
            }
            (Box::new(s), Kind::MemoryOne)
        }
        "cycle" => {
            check_fields(t, c, &["cycle"])?;
            let seq = moves(req_str(t, c, "cycle")?, c, "cycle")?;
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
        "lookup" => {
            check_fields(
                t,
                c,
                &["own", "opponent", "opponent_opening", "table", "initial"],
            )?;
            let own = get_uint(t, c, "own")?.unwrap_or(0);
            let opp = get_uint(t, c, "opponent")?.unwrap_or(0);
            let opening = get_uint(t, c, "opponent_opening")?.unwrap_or(0);
            let bits = own.saturating_add(opp).saturating_add(opening);
            if bits > 20 {
                return Err(c.err(
                    "own",
                    format!("own + opponent + opponent_opening = {bits}; at most 20"),
                ));
            }
            let table: Vec<f64> = match t.get("table") {
                Some(Value::String(s)) => moves(s, c, "table")?
                    .into_iter()
                    .map(|a| if a == Action::C { 1.0 } else { 0.0 })
                    .collect(),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|x| prob(x, c, "table"))
                    .collect::<Result<_>>()?,
                Some(v) => {
                    return Err(c.err(
                        "table",
                        format!("expected C/D letters or probabilities, found {v}"),
                    ))
                }
                None => return Err(c.err("table", "missing")),
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
            let initial = match get_str(t, c, "initial")? {
                Some(s) => moves(s, c, "initial")?,
                None => Vec::new(),
            };
            let s = Lookup::new(name, own, opp, opening, table, &initial)
                .map_err(|e| c.err("table", e.to_string()))?;
            if depth_override.is_some() {
                return Err(c.err(
                    "memory_depth",
                    "a lookup table's memory depth follows from its depths",
                ));
            }
            (Box::new(s), Kind::Lookup)
        }
        "fsm" => {
            check_fields(t, c, &["initial_state", "initial_action", "transitions"])?;
            let init = match t.get("initial_state") {
                Some(Value::Integer(i)) => *i,
                Some(v) => {
                    return Err(c.err("initial_state", format!("expected an integer, found {v}")))
                }
                None => return Err(c.err("initial_state", "missing")),
            };
            let first = match t.get("initial_action") {
                Some(v) => action(v, c, "initial_action")?,
                None => return Err(c.err("initial_action", "missing")),
            };
            let list = match t.get("transitions") {
                Some(Value::Array(a)) if !a.is_empty() => a,
                Some(v) => {
                    return Err(c.err(
                        "transitions",
                        format!(
                        "expected a non-empty array of [state, move, next_state, move], found {v}"
                    ),
                    ))
                }
                None => return Err(c.err("transitions", "missing")),
            };
            let mut tr = Vec::with_capacity(list.len());
            for (i, row) in list.iter().enumerate() {
                let field = format!("transitions[{i}]");
                let Value::Array(r) = row else {
                    return Err(c.err(
                        &field,
                        format!("expected [state, move, next_state, move], found {row}"),
                    ));
                };
                match r.as_slice() {
                    [Value::Integer(s), m, Value::Integer(n), o] => {
                        tr.push((*s, action(m, c, &field)?, *n, action(o, c, &field)?))
                    }
                    _ => {
                        return Err(c.err(
                            &field,
                            format!("expected [state, move, next_state, move], found {row}"),
                        ))
                    }
                }
            }
            let (next, init_idx) = build_fsm(init, &tr).map_err(|m| c.err("transitions", m))?;
            let s = StateMachine {
                name: name.into(),
                next: next.into(),
                initial_state: init_idx,
                initial_action: first,
                memory_depth: depth_override.unwrap_or(None),
                state: init_idx,
            };
            (Box::new(s), Kind::StateMachine)
        }
        other => {
            return Err(c.err(
                "kind",
                format!("unknown kind `{other}` (known: memory_one, lookup, fsm, cycle)"),
            ))
        }
    };
    let mut e = Entry::new(proto, kind, &[], description, source);
    e.aliases = aliases;
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
    fn lookup_index_follows_axelrod_pattern_order() {
        // Winner12: own 1, opponent 2; pattern "CDCDDCDD".
        let text = format!("{HEAD}kind = \"lookup\"\nown = 1\nopponent = 2\ntable = \"CDCDDCDD\"\ninitial = \"CC\"\n");
        let entries = parse(&text, "t").unwrap();
        let mut s = entries[0].create();
        use crate::Action::{C, D};
        // After own D, opp (C, D): key (D),(C,D) = 0b101 = 5 -> 'C'.
        let h = History::from_moves(&[C, D], &[C, D]);
        let payoffs = super::super::Payoffs::default();
        let mut rng = <super::super::MatchRng as rand::SeedableRng>::seed_from_u64(0);
        let mut ctx = Context::new(&payoffs, None, &mut rng);
        assert_eq!(s.next_action(&h, &mut ctx), C);
        let h = History::from_moves(&[C, C], &[D, D]);
        assert_eq!(s.next_action(&h, &mut ctx), D); // index 3 -> 'D'
    }
}
