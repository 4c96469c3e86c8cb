//! Strategy transformers: a strategy wrapped so that its moves are changed by
//! a rule — flipped, dualised, made noisy or forgiving, given an opening or a
//! closing sequence, a grudge, an apology, retaliation, or the Joss-Ann
//! mixture with fixed C and D probabilities (docs/model.md §10.11).
//!
//! Written in names as `Keyword(parameters..., Inner)`, e.g. `Dual(Tit For
//! Tat)`, `Noisy(0.1, Grudger)`, `JossAnn(0.2, 0.3, Tit For Tat)`,
//! `Initial(DDC, Dual(Grudger))`; [`Registry::create`](super::Registry::create)
//! parses them. A transformed player is named as Axelrod-Python prints it
//! (`Dual Tit For Tat`, `Joss-Ann Tit For Tat: (0.2, 0.3)`), so tables join.
//!
//! Every turn the inner strategy is asked for its move first, on the history
//! actually played (for `Dual`, on that history with its own moves flipped),
//! and the rule then decides; the only exception is a Joss-Ann transformer
//! that always cooperates or always defects, which never asks. This is
//! Axelrod-Python's order, so stateful strategies advance exactly as there.
//!
//! ## References
//! - Ashlock, D. and Kim, E.-Y. (2008). Fingerprinting: visualization and
//!   automatic analysis of prisoner's dilemma strategies. *IEEE Transactions
//!   on Evolutionary Computation* 12(5), 647-659 (the dual and the Joss-Ann
//!   transformation).
//! - Knight, V. et al. (2016). An open reproducible framework for the study
//!   of the iterated prisoner's dilemma. *Journal of Open Research Software*
//!   4(1), e35 (the transformer library whose behaviour this reproduces).

use super::context::Context;
use super::core::{Classifier, Strategy};
use super::history::MoveHistory;
use crate::{Action, Error, Result};

/// One transformation rule and its parameters.
#[derive(Debug, Clone)]
pub enum Transform {
    /// Plays the opposite of the inner strategy's move.
    Flip,
    /// The dual: the opposite of what the inner strategy would play had its
    /// own past moves been the opposite ones.
    Dual,
    /// Flips the move with the given probability.
    Noisy(f64),
    /// Turns a defection into cooperation with the given probability.
    Forgiver(f64),
    /// Never defects before the opponent has defected.
    Nice,
    /// Plays the sequence first, then the inner strategy.
    Initial(Vec<Action>),
    /// Plays the sequence in the last turns of a match of announced length.
    Final(Vec<Action>),
    /// Changes nothing (Axelrod-Python's history-tracking transformer).
    TrackHistory,
    /// Cooperates to break a C-D / D-C alternation of the last two turns.
    DeadlockBreaking,
    /// Defects for ever once the opponent has defected more than this often.
    Grudge(u64),
    /// Cooperates after its own last moves were the first sequence while the
    /// opponent's were the second.
    Apology(Vec<Action>, Vec<Action>),
    /// Answers each defection by defecting, and owes that many defections in
    /// all (Axelrod-Python's cumulative count).
    Retaliation(u64),
    /// Defects while the opponent's last move was a defection.
    RetaliateUntilApology,
    /// Cooperates with probability `x`, defects with probability `y`, and
    /// otherwise plays the inner strategy's move (probabilities scaled to sum
    /// to 1 when they exceed it).
    JossAnn(f64, f64),
    /// With the given probability plays the move that a fresh copy of the
    /// given strategy would play on the same history.
    Mixed(f64, Box<dyn Strategy>),
}

/// The transformer keywords, each with its other spellings and the number of
/// parameters before the inner strategy.
const KEYWORDS: &[(&[&str], usize)] = &[
    (&["flip", "flipped"], 0),
    (&["dual"], 0),
    (&["noisy"], 1),
    (&["forgiver", "forgiving"], 1),
    (&["nice"], 0),
    (&["initial"], 1),
    (&["final"], 1),
    (&["trackhistory", "historytracking"], 0),
    (&["deadlockbreaking"], 0),
    (&["grudge", "grudging"], 1),
    (&["apology", "apologizing"], 2),
    (&["retaliation", "retaliating"], 1),
    (&["rua", "retaliateuntilapology"], 0),
    (&["jossann"], 2),
    (&["mixed", "mutated"], 2),
];

/// The number of parameters the transformer keyword takes before the inner
/// strategy, or `None` when `keyword` is not one (matched ignoring case and
/// anything but letters).
pub fn parameter_count(keyword: &str) -> Option<usize> {
    let key = letters(keyword);
    KEYWORDS
        .iter()
        .find(|(names, _)| names.contains(&key.as_str()))
        .map(|&(_, n)| n)
}

fn letters(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether the keyword is `Mixed` (whose second parameter is a strategy).
pub fn is_mixed(keyword: &str) -> bool {
    matches!(letters(keyword).as_str(), "mixed" | "mutated")
}

/// Splits `Keyword(a, b, ...)` into the keyword and its arguments, split at
/// the commas outside nested parentheses and trimmed; `None` when `name` is
/// not of that form or the keyword is not a transformer's.
pub fn split_call(name: &str) -> Option<(&str, Vec<&str>)> {
    let name = name.trim();
    let open = name.find('(')?;
    if !name.ends_with(')') {
        return None;
    }
    let keyword = name[..open].trim();
    parameter_count(keyword)?;
    let body = &name[open + 1..name.len() - 1];
    let (mut depth, mut start, mut parts) = (0i32, 0usize, Vec::new());
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    if depth != 0 {
        return None;
    }
    parts.push(body[start..].trim());
    Some((keyword, parts))
}

impl Transform {
    /// The transform a keyword names, from its parameters as written (`Mixed`
    /// takes its strategy separately: see [`Transform::mixed`]). `name` is the
    /// whole written name, for errors.
    pub fn parse(keyword: &str, parameters: &[&str], name: &str) -> Result<Transform> {
        let bad = |what: &str| Error::InvalidStrategyName {
            name: name.to_string(),
            message: what.to_string(),
        };
        let probability = |text: &str| -> Result<f64> {
            text.parse::<f64>()
                .ok()
                .filter(|p| (0.0..=1.0).contains(p))
                .ok_or_else(|| bad(&format!("`{text}` is not a probability in [0, 1]")))
        };
        let count = |text: &str| -> Result<u64> {
            text.parse::<u64>()
                .map_err(|_| bad(&format!("`{text}` is not a whole number of turns")))
        };
        let moves = |text: &str| -> Result<Vec<Action>> {
            text.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c.to_ascii_uppercase() {
                    'C' => Ok(Action::C),
                    'D' => Ok(Action::D),
                    _ => Err(bad(&format!("`{text}` is not a sequence of C and D"))),
                })
                .collect()
        };
        Ok(match letters(keyword).as_str() {
            "flip" | "flipped" => Transform::Flip,
            "dual" => Transform::Dual,
            "noisy" => Transform::Noisy(probability(parameters[0])?),
            "forgiver" | "forgiving" => Transform::Forgiver(probability(parameters[0])?),
            "nice" => Transform::Nice,
            "initial" => Transform::Initial(moves(parameters[0])?),
            "final" => Transform::Final(moves(parameters[0])?),
            "trackhistory" | "historytracking" => Transform::TrackHistory,
            "deadlockbreaking" => Transform::DeadlockBreaking,
            "grudge" | "grudging" => Transform::Grudge(count(parameters[0])?),
            "apology" | "apologizing" => {
                let (own, theirs) = (moves(parameters[0])?, moves(parameters[1])?);
                if own.len() != theirs.len() || own.is_empty() {
                    return Err(bad(
                        "the two apology sequences need the same, non-zero length",
                    ));
                }
                Transform::Apology(own, theirs)
            }
            "retaliation" | "retaliating" => Transform::Retaliation(count(parameters[0])?),
            "rua" | "retaliateuntilapology" => Transform::RetaliateUntilApology,
            "jossann" => {
                Transform::JossAnn(probability(parameters[0])?, probability(parameters[1])?)
            }
            _ => return Err(bad("not a transformer")),
        })
    }

    /// `Mixed(p, other)`: with probability `p`, `other`'s move.
    pub fn mixed(probability: f64, other: Box<dyn Strategy>) -> Transform {
        Transform::Mixed(probability, other)
    }

    /// The word Axelrod-Python puts before the inner strategy's name.
    fn prefix(&self) -> &'static str {
        match self {
            Transform::Flip => "Flipped",
            Transform::Dual => "Dual",
            Transform::Noisy(_) => "Noisy",
            Transform::Forgiver(_) => "Forgiving",
            Transform::Nice => "Nice",
            Transform::Initial(_) => "Initial",
            Transform::Final(_) => "Final",
            Transform::TrackHistory => "HistoryTracking",
            Transform::DeadlockBreaking => "DeadlockBreaking",
            Transform::Grudge(_) => "Grudging",
            Transform::Apology(..) => "Apologizing",
            Transform::Retaliation(_) => "Retaliating",
            Transform::RetaliateUntilApology => "RUA",
            Transform::JossAnn(..) => "Joss-Ann",
            Transform::Mixed(..) => "Mutated",
        }
    }

    /// The arguments as Axelrod-Python appends them to the name (`: 0.1`),
    /// from the parameters as written.
    fn suffix(&self, written: &[&str]) -> String {
        let sequence = |moves: &[Action]| {
            let items: Vec<String> = moves.iter().map(|a| a.to_string()).collect();
            format!("[{}]", items.join(", "))
        };
        match self {
            Transform::Noisy(_)
            | Transform::Forgiver(_)
            | Transform::Grudge(_)
            | Transform::Retaliation(_) => format!(": {}", written[0]),
            Transform::Initial(s) | Transform::Final(s) => format!(": {}", sequence(s)),
            Transform::Apology(own, theirs) => {
                format!(": {}, {}", sequence(own), sequence(theirs))
            }
            Transform::JossAnn(..) => format!(": ({}, {})", written[0], written[1]),
            Transform::Mixed(_, other) => format!(": {}, ['{}']", written[0], other.name()),
            _ => String::new(),
        }
    }
}

/// A strategy with a [`Transform`] applied to its moves.
#[derive(Clone)]
pub struct Transformed {
    transform: Transform,
    inner: Box<dyn Strategy>,
    name: String,
    /// For [`Transform::Dual`]: the history with this player's moves flipped,
    /// kept in step with the real one.
    flipped: MoveHistory<Action>,
    /// For [`Transform::Retaliation`]: defections still owed.
    owed: u64,
}

impl Transformed {
    /// `inner` under `transform`; `written` are the transform's parameters as
    /// the name gave them (they appear in the name as written, as
    /// Axelrod-Python prints the values it was given).
    pub fn new(transform: Transform, inner: Box<dyn Strategy>, written: &[&str]) -> Self {
        let name = format!(
            "{} {}{}",
            transform.prefix(),
            inner.name(),
            transform.suffix(written)
        );
        Transformed {
            transform,
            inner,
            name,
            flipped: MoveHistory::new(),
            owed: 0,
        }
    }

    /// Whether the inner strategy is never asked: a Joss-Ann transformer that
    /// always cooperates or always defects.
    fn inner_unused(&self) -> bool {
        matches!(self.transform, Transform::JossAnn(x, y) if joss_ann(x, y).0 >= 1.0 || joss_ann(x, y).1 >= 1.0)
    }

    /// The inner strategy's proposal for this turn.
    fn proposal(&mut self, history: &MoveHistory<Action>, ctx: &mut Context<'_>) -> Action {
        if self.inner_unused() {
            return Action::C;
        }
        if matches!(self.transform, Transform::Dual) {
            for k in self.flipped.len()..history.len() {
                self.flipped.push(history.own()[k].flip(), history.opp()[k]);
            }
            return self.inner.next_action(&self.flipped, ctx);
        }
        self.inner.next_action(history, ctx)
    }
}

/// The Joss-Ann probabilities of C and D, scaled to sum to 1 when they
/// exceed it.
fn joss_ann(x: f64, y: f64) -> (f64, f64) {
    let sum = x + y;
    if sum > 1.0 {
        (x / sum, y / sum)
    } else {
        (x, y)
    }
}

impl Strategy for Transformed {
    fn name(&self) -> &str {
        &self.name
    }

    fn classifier(&self) -> Classifier {
        let inner = self.inner.classifier();
        let at_least = |n: usize, c: Classifier| Classifier {
            memory_depth: c.memory_depth.map(|d| d.max(n as u32)),
            ..c
        };
        let random_unless_certain = |p: f64, c: Classifier| Classifier {
            stochastic: c.stochastic || (p > 0.0 && p < 1.0),
            ..c
        };
        match &self.transform {
            Transform::Flip | Transform::Dual | Transform::TrackHistory => inner,
            Transform::Noisy(p) | Transform::Forgiver(p) => random_unless_certain(*p, inner),
            Transform::Nice | Transform::Grudge(_) => Classifier {
                memory_depth: None,
                ..inner
            },
            Transform::Initial(s) => at_least(s.len(), inner),
            Transform::Final(s) => at_least(s.len(), inner).with_length(),
            Transform::DeadlockBreaking => at_least(2, inner),
            Transform::Apology(s, _) => at_least(s.len(), inner),
            // The count owed reaches back to every defection answered.
            Transform::Retaliation(_) => Classifier {
                memory_depth: None,
                ..inner
            },
            Transform::RetaliateUntilApology => at_least(1, inner),
            Transform::JossAnn(..) if self.inner_unused() => Classifier::deterministic(Some(0)),
            Transform::JossAnn(..) => Classifier {
                stochastic: true,
                ..inner
            },
            Transform::Mixed(p, other) => {
                let o = other.classifier();
                Classifier {
                    memory_depth: match (inner.memory_depth, o.memory_depth) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        _ => None,
                    },
                    stochastic: inner.stochastic || o.stochastic || *p > 0.0,
                    uses_match_length: inner.uses_match_length || o.uses_match_length,
                    uses_game: inner.uses_game || o.uses_game,
                }
            }
        }
    }

    fn reset(&mut self) {
        self.inner.reset();
        self.flipped.clear();
        self.owed = 0;
    }

    fn next_action(&mut self, history: &MoveHistory<Action>, ctx: &mut Context<'_>) -> Action {
        use Action::{C, D};
        let proposed = self.proposal(history, ctx);
        let turn = history.len();
        match &self.transform {
            Transform::Flip | Transform::Dual => proposed.flip(),
            Transform::Noisy(p) => {
                if *p <= 0.0 {
                    proposed
                } else if *p >= 1.0 || ctx.random_f64() < *p {
                    proposed.flip()
                } else {
                    proposed
                }
            }
            Transform::Forgiver(p) => match proposed {
                C => C,
                D => ctx.random_choice(*p),
            },
            Transform::Nice => {
                if proposed == D && history.opp_defections() == 0 {
                    C
                } else {
                    proposed
                }
            }
            Transform::Initial(s) => s.get(turn).copied().unwrap_or(proposed),
            Transform::Final(s) => match ctx.match_length {
                Some(length) if (turn as u64) < length => {
                    let left = (length - turn as u64) as usize;
                    if left <= s.len() {
                        s[s.len() - left]
                    } else {
                        proposed
                    }
                }
                _ => proposed,
            },
            Transform::TrackHistory => proposed,
            Transform::DeadlockBreaking => {
                let (own, opp) = (history.own_last(2), history.opp_last(2));
                let deadlock = turn >= 2
                    && ((own == [C, D] && opp == [D, C]) || (own == [D, C] && opp == [C, D]));
                if deadlock {
                    C
                } else {
                    proposed
                }
            }
            Transform::Grudge(n) => {
                if history.opp_defections() as u64 > *n {
                    D
                } else {
                    proposed
                }
            }
            Transform::Apology(own, theirs) => {
                let k = own.len();
                if turn >= k && history.own_last(k) == own && history.opp_last(k) == theirs {
                    C
                } else {
                    proposed
                }
            }
            Transform::Retaliation(n) => {
                if turn == 0 {
                    self.owed = 0;
                    proposed
                } else if history.last_opp() == Some(D) {
                    self.owed += n.saturating_sub(1);
                    D
                } else if self.owed == 0 {
                    proposed
                } else {
                    self.owed -= 1;
                    D
                }
            }
            Transform::RetaliateUntilApology => {
                if history.last_opp() == Some(D) {
                    D
                } else {
                    proposed
                }
            }
            Transform::JossAnn(x, y) => {
                let (c, d) = joss_ann(*x, *y);
                if c >= 1.0 {
                    C
                } else if d >= 1.0 {
                    D
                } else if c + d <= 0.0 {
                    proposed
                } else {
                    let u = ctx.random_f64();
                    if u < c {
                        C
                    } else if u < c + d {
                        D
                    } else {
                        proposed
                    }
                }
            }
            Transform::Mixed(p, other) => {
                if *p > 0.0 && (*p >= 1.0 || ctx.random_f64() < *p) {
                    let mut fresh = other.clone();
                    fresh.reset();
                    fresh.next_action(history, ctx)
                } else {
                    proposed
                }
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}
