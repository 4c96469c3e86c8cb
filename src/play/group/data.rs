//! Group strategies as data: the `[[group_strategy]]` tables of a TOML file
//! (docs/model.md §20.5).
//!
//! A group strategy is a rule table over what the player perceived last
//! turn. Each entry has `name`, `description` (one line) and `source`, and:
//!
//! - `first`: the first move, `"C"`, `"D"` or a probability of C (default
//!   `"C"`);
//! - `rules`: a list of tables, tried in order from the second turn on; the
//!   first whose conditions all hold gives the move in its `cooperate` (a
//!   move or a probability of C). Conditions: `own` (`"C"` or `"D"`, the
//!   player's own real move last turn) and counts of last turn's perceived
//!   moves, `{who}_{what}` with `who` one of `others`, `allies`,
//!   `outsiders` and `what` one of `cooperated`, `defected` (numbers of
//!   seats), `cooperated_share`, `defected_share` (fractions of the seats
//!   of that kind). A count condition is a number (exactly that) or a table
//!   `{ at_least = x, at_most = y }` (either bound may be left out). A share
//!   of no seats (no allies, say) meets no condition;
//! - `otherwise`: the move when no rule holds (default `"D"`).
//!
//! A probability strictly between 0 and 1 is one draw from the player's
//! stream, as for the built-in rules, so `Threshold(2)` re-expressed as data
//! plays move for move as the built-in:
//!
//! ```toml
//! [[group_strategy]]
//! name = "Two Others"
//! description = "Cooperates first; then iff at least two others cooperated."
//! source = "Boyd and Richerson (1988)"
//! rules = [{ others_cooperated = { at_least = 2 }, cooperate = "C" }]
//! ```
//!
//! Errors name the file, the strategy and the field.

use super::view::View;
use crate::action::Action;
use crate::error::{one_line, Error, Result};

/// Whose moves a condition counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Others,
    Allies,
    Outsiders,
}

/// What a condition measures of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Cooperated,
    Defected,
    CooperatedShare,
    DefectedShare,
}

/// One count condition: `lo <= value <= hi`.
#[derive(Debug, Clone, PartialEq)]
struct Condition {
    who: Who,
    measure: Measure,
    lo: f64,
    hi: f64,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    own: Option<Action>,
    conditions: Vec<Condition>,
    cooperate: f64,
}

/// A group strategy defined as data: a first move and a rule table over
/// last turn's perceived profile (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTable {
    name: String,
    description: String,
    source: String,
    first: f64,
    rows: Vec<Row>,
    otherwise: f64,
}

impl GroupTable {
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its one-line description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Where it comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The probability of cooperating in the situation `view` describes.
    pub fn cooperation(&self, view: &View<'_>) -> f64 {
        let Some(last) = view.last else {
            return self.first;
        };
        let own = last[view.seat];
        let mut tally = [[0usize; 2]; 3];
        for (l, &a) in last.iter().enumerate() {
            if l == view.seat {
                continue;
            }
            let d = a.index();
            tally[Who::Others as usize][d] += 1;
            let who = if view.allies[l] {
                Who::Allies
            } else {
                Who::Outsiders
            };
            tally[who as usize][d] += 1;
        }
        let holds = |c: &Condition| {
            let [cs, ds] = tally[c.who as usize];
            let value = match c.measure {
                Measure::Cooperated => cs as f64,
                Measure::Defected => ds as f64,
                _ if cs + ds == 0 => return false,
                Measure::CooperatedShare => cs as f64 / (cs + ds) as f64,
                Measure::DefectedShare => ds as f64 / (cs + ds) as f64,
            };
            c.lo <= value && value <= c.hi
        };
        self.rows
            .iter()
            .find(|r| r.own.is_none_or(|a| a == own) && r.conditions.iter().all(holds))
            .map_or(self.otherwise, |r| r.cooperate)
    }
}

/// Error context: the file and the strategy.
struct Ctx<'a> {
    file: &'a str,
    strategy: String,
}

impl Ctx<'_> {
    fn err(&self, field: &str, message: impl Into<String>) -> Error {
        // Quoted values may hold line breaks: escaped, one line.
        Error::StrategyFile {
            file: self.file.to_string(),
            strategy: one_line(&self.strategy),
            field: one_line(field),
            message: one_line(&message.into()),
        }
    }

    /// `"C"` (1), `"D"` (0) or a probability of C.
    fn cooperation(&self, field: &str, v: &toml::Value) -> Result<f64> {
        let p = match v {
            toml::Value::String(s) if s == "C" => return Ok(1.0),
            toml::Value::String(s) if s == "D" => return Ok(0.0),
            toml::Value::Float(x) => *x,
            toml::Value::Integer(k) => *k as f64,
            other => {
                return Err(self.err(
                    field,
                    format!("{other} is not a move: \"C\", \"D\" or a probability of C"),
                ))
            }
        };
        if (0.0..=1.0).contains(&p) {
            Ok(p)
        } else {
            Err(self.err(field, format!("{p} is not a probability in [0, 1]")))
        }
    }

    fn text(&self, table: &toml::Table, key: &str) -> Result<String> {
        match table.get(key) {
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(_) => Err(self.err(key, "expected a non-empty string")),
            None => Err(self.err(key, "missing")),
        }
    }
}

const WHO: [(&str, Who); 3] = [
    ("others", Who::Others),
    ("allies", Who::Allies),
    ("outsiders", Who::Outsiders),
];
const MEASURE: [(&str, Measure); 4] = [
    ("cooperated_share", Measure::CooperatedShare),
    ("defected_share", Measure::DefectedShare),
    ("cooperated", Measure::Cooperated),
    ("defected", Measure::Defected),
];

fn condition_key(key: &str) -> Option<(Who, Measure)> {
    let (w, m) = key.split_once('_')?;
    let who = WHO.iter().find(|(k, _)| *k == w)?.1;
    let measure = MEASURE.iter().find(|(k, _)| *k == m)?.1;
    Some((who, measure))
}

fn number(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Integer(k) => Some(*k as f64),
        toml::Value::Float(x) if x.is_finite() => Some(*x),
        _ => None,
    }
}

fn row(c: &Ctx, field: &str, table: &toml::Table) -> Result<Row> {
    let mut own = None;
    let mut conditions = Vec::new();
    let mut cooperate = None;
    for (key, v) in table {
        let at = format!("{field}.{key}");
        if key == "cooperate" {
            cooperate = Some(c.cooperation(&at, v)?);
        } else if key == "own" {
            own = Some(match v.as_str() {
                Some("C") => Action::C,
                Some("D") => Action::D,
                _ => return Err(c.err(&at, format!("{v} is not a move: \"C\" or \"D\""))),
            });
        } else if let Some((who, measure)) = condition_key(key) {
            let (lo, hi) = match v {
                toml::Value::Table(t) => {
                    if let Some(bad) = t.keys().find(|k| *k != "at_least" && *k != "at_most") {
                        return Err(c.err(
                            &at,
                            format!("unknown bound `{bad}` (known: at_least, at_most)"),
                        ));
                    }
                    let bound = |k: &str, default: f64| match t.get(k) {
                        None => Ok(default),
                        Some(b) => number(b)
                            .ok_or_else(|| c.err(&format!("{at}.{k}"), "expected a number")),
                    };
                    (
                        bound("at_least", f64::NEG_INFINITY)?,
                        bound("at_most", f64::INFINITY)?,
                    )
                }
                other => {
                    let x = number(other).ok_or_else(|| {
                        c.err(
                            &at,
                            "expected a number or a table { at_least = x, at_most = y }",
                        )
                    })?;
                    (x, x)
                }
            };
            if lo > hi {
                return Err(c.err(&at, format!("at_least {lo} is above at_most {hi}")));
            }
            conditions.push(Condition {
                who,
                measure,
                lo,
                hi,
            });
        } else {
            return Err(c.err(
                &at,
                "unknown condition (known: cooperate, own, and {others,allies,outsiders}_{cooperated,defected,cooperated_share,defected_share})",
            ));
        }
    }
    let cooperate = cooperate.ok_or_else(|| c.err(&format!("{field}.cooperate"), "missing"))?;
    Ok(Row {
        own,
        conditions,
        cooperate,
    })
}

const KEYS: [&str; 6] = [
    "name",
    "description",
    "source",
    "first",
    "rules",
    "otherwise",
];

/// Parses the `[[group_strategy]]` tables of a file's text; `file` names it
/// in errors.
///
/// # Errors
/// [`Error::StrategyFileSyntax`] for text that is not TOML or has other
/// tables; [`Error::StrategyFile`], naming the strategy and the field, for a
/// bad entry or two entries of one name (case, spaces and punctuation
/// ignored).
pub fn parse_group_strategies(text: &str, file: &str) -> Result<Vec<GroupTable>> {
    let syntax = |message: String| Error::StrategyFileSyntax {
        file: file.to_string(),
        message,
    };
    let doc: toml::Table = toml::from_str(text).map_err(|e| {
        syntax(
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    })?;
    if let Some(other) = doc.keys().find(|k| *k != "group_strategy") {
        let hint = if other == "strategy" {
            " (`[[strategy]]` entries are two-player strategies; n-player ones are `[[group_strategy]]`)"
        } else {
            ""
        };
        return Err(syntax(format!(
            "unknown table `{other}`: a group strategy file holds `[[group_strategy]]` entries{hint}"
        )));
    }
    let entries = match doc.get("group_strategy") {
        None => return Err(syntax("no `[[group_strategy]]` entries".into())),
        Some(toml::Value::Array(a)) => a,
        Some(_) => {
            return Err(syntax(
                "`group_strategy` must be an array of tables: `[[group_strategy]]`".into(),
            ))
        }
    };
    let mut out: Vec<GroupTable> = Vec::with_capacity(entries.len());
    for (k, entry) in entries.iter().enumerate() {
        let mut c = Ctx {
            file,
            strategy: format!("#{}", k + 1),
        };
        let Some(table) = entry.as_table() else {
            return Err(c.err("-", "expected a table"));
        };
        if let Some(toml::Value::String(name)) = table.get("name") {
            if !name.trim().is_empty() {
                c.strategy = name.clone();
            }
        }
        if let Some(bad) = table.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(c.err(bad, format!("unknown field (known: {})", KEYS.join(", "))));
        }
        let name = c.text(table, "name")?;
        let description = c.text(table, "description")?;
        let source = c.text(table, "source")?;
        let first = match table.get("first") {
            Some(v) => c.cooperation("first", v)?,
            None => 1.0,
        };
        let otherwise = match table.get("otherwise") {
            Some(v) => c.cooperation("otherwise", v)?,
            None => 0.0,
        };
        let rows = match table.get("rules") {
            None => Vec::new(),
            Some(toml::Value::Array(rules)) => rules
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let field = format!("rules[{}]", i + 1);
                    match r.as_table() {
                        Some(t) => row(&c, &field, t),
                        None => Err(c.err(&field, "expected a table of conditions")),
                    }
                })
                .collect::<Result<_>>()?,
            Some(_) => return Err(c.err("rules", "expected an array of tables")),
        };
        if let Some(prev) = out.iter().find(|t| key(&t.name) == key(&name)) {
            return Err(c.err(
                "name",
                format!("duplicate name: `{}` is already defined", prev.name),
            ));
        }
        out.push(GroupTable {
            name,
            description,
            source,
            first,
            rows,
            otherwise,
        });
    }
    Ok(out)
}

/// Lower case, letters and digits only: how names are compared.
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::nplayer_catalogue::n_prisoners_dilemma;
    use crate::play::group::{GroupGame, SeatInfo};
    use Action::{C, D};

    fn one(text: &str) -> GroupTable {
        parse_group_strategies(text, "t.toml").unwrap().remove(0)
    }

    fn p(t: &GroupTable, seat: usize, last: Option<&[Action]>, allies: &[bool]) -> f64 {
        t.cooperation(&View {
            seat,
            turn: 1,
            last,
            allies,
            info: &SeatInfo::noiseless(allies.len()),
            game: &GroupGame::new(
                &n_prisoners_dilemma(allies.len(), 3.0, 1.0)
                    .unwrap()
                    .to_game()
                    .unwrap(),
            )
            .unwrap(),
        })
    }

    const HEAD: &str = "[[group_strategy]]\nname = \"X\"\ndescription = \"d\"\nsource = \"s\"\n";

    #[test]
    fn conditions_count_and_share_as_documented() {
        let t = one(&format!(
            "{HEAD}first = 0.25\notherwise = 0.5\nrules = [\n  {{ own = \"D\", outsiders_defected = 0, cooperate = \"C\" }},\n  {{ allies_cooperated_share = {{ at_least = 0.5 }}, others_defected = {{ at_most = 1 }}, cooperate = 0.75 }},\n]\n"
        ));
        let allies = [false, true, true, false];
        assert_eq!(p(&t, 0, None, &allies), 0.25);
        // Own D, the outsider (seat 3) restrained: rule 1.
        assert_eq!(p(&t, 0, Some(&[D, D, D, C]), &allies), 1.0);
        // Own C: rule 2 needs half the allies and at most one defection.
        assert_eq!(p(&t, 0, Some(&[C, C, D, C]), &allies), 0.75);
        assert_eq!(p(&t, 0, Some(&[C, C, D, D]), &allies), 0.5);
        assert_eq!(p(&t, 0, Some(&[C, D, D, C]), &allies), 0.5);
        // No allies: a share condition never holds.
        assert_eq!(p(&t, 0, Some(&[C, C, C, C]), &[false; 4]), 0.5);
    }

    #[test]
    fn bad_entries_name_the_file_the_strategy_and_the_field() {
        let err = |text: &str| {
            parse_group_strategies(text, "g.toml")
                .unwrap_err()
                .to_string()
        };
        let e = err(&format!("{HEAD}rules = [{{ others_cooperated = 1 }}]\n"));
        assert_eq!(
            e,
            "g.toml: strategy `X`, field `rules[1].cooperate`: missing"
        );
        let e = err(&format!(
            "{HEAD}rules = [{{ cooperate = 1 }}, {{ friends_cooperated = 1, cooperate = 1 }}]\n"
        ));
        assert!(
            e.starts_with(
                "g.toml: strategy `X`, field `rules[2].friends_cooperated`: unknown condition"
            ),
            "{e}"
        );
        let e = err(&format!("{HEAD}first = 1.5\n"));
        assert!(e.contains("field `first`: 1.5 is not a probability"), "{e}");
        let e = err(&format!(
            "{HEAD}rules = [{{ others_defected = {{ at_least = 2, at_most = 1 }}, cooperate = 0 }}]\n"
        ));
        assert!(e.contains("`rules[1].others_defected`: at_least 2"), "{e}");
        let e = err(&format!("{HEAD}colour = 1\n"));
        assert!(e.contains("field `colour`: unknown field"), "{e}");
        let e = err(&format!("{HEAD}{HEAD}"));
        assert!(e.contains("field `name`: duplicate name"), "{e}");
        let e = err("[[group_strategy]]\nname = \"Y\"\n");
        assert_eq!(e, "g.toml: strategy `Y`, field `description`: missing");
        let e = err("[[strategy]]\nname = \"Z\"\n");
        assert!(
            e.starts_with("g.toml: unknown table `strategy`") && e.contains("two-player"),
            "{e}"
        );
        assert!(err("rules = [").starts_with("g.toml: "));
    }
}
