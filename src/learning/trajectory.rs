//! The trajectory every learning dynamic returns: a table of times and the
//! mixed strategies (or population shares) at each, with optional extra
//! columns.

use crate::error::{Error, Result};
use crate::game::MatrixGame;
use serde::{Deserialize, Serialize};

/// A population (or player) whose mixed strategy a trajectory follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Population {
    /// Its name in figures: `Row`, `Column` or `Population`.
    pub name: String,
    /// The prefix of its columns in the CSV table: `row`, `column` or
    /// `share`.
    pub key: String,
    /// Its action (strategy) names.
    pub actions: Vec<String>,
}

impl Population {
    /// The two players of `game`: `Row` and `Column`.
    pub fn players(game: &MatrixGame) -> Vec<Population> {
        vec![
            Population {
                name: "Row".into(),
                key: "row".into(),
                actions: game.row_actions().to_vec(),
            },
            Population {
                name: "Column".into(),
                key: "column".into(),
                actions: game.col_actions().to_vec(),
            },
        ]
    }

    /// The one population of a symmetric game (its row player's actions).
    pub fn single(game: &MatrixGame) -> Vec<Population> {
        vec![Population {
            name: "Population".into(),
            key: "share".into(),
            actions: game.row_actions().to_vec(),
        }]
    }
}

/// A named column of numbers beside a trajectory's states (one value per
/// recorded time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// The column's name in the CSV table.
    pub name: String,
    /// One value per recorded time.
    pub values: Vec<f64>,
}

/// A learning dynamic's path: at each recorded time, every population's
/// mixed strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    /// The dynamic's name, e.g. `fictitious play`.
    pub dynamic: String,
    /// The name of the time column: `iteration` for discrete dynamics,
    /// `time` for continuous ones, `step` for a finite-population process.
    pub clock: String,
    /// The populations (players), in the order of the states' blocks.
    pub populations: Vec<Population>,
    /// The recorded times, increasing.
    pub times: Vec<f64>,
    /// `states[k]`: every population's mixed strategy at `times[k]`, one
    /// block per population, concatenated.
    pub states: Vec<Vec<f64>>,
    /// Further columns (one value per recorded time).
    pub extra: Vec<Series>,
}

impl Trajectory {
    /// An empty trajectory of `dynamic` over `populations`.
    pub fn new(dynamic: &str, clock: &str, populations: Vec<Population>) -> Self {
        Trajectory {
            dynamic: dynamic.into(),
            clock: clock.into(),
            populations,
            times: Vec::new(),
            states: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// Appends the state `state` at time `time`.
    pub fn push(&mut self, time: f64, state: Vec<f64>) {
        self.times.push(time);
        self.states.push(state);
    }

    /// The number of recorded times.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// `true` when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Population `population`'s mixed strategy at recorded time `k`.
    pub fn strategy(&self, k: usize, population: usize) -> &[f64] {
        let start: usize = self.populations[..population]
            .iter()
            .map(|p| p.actions.len())
            .sum();
        let len = self.populations[population].actions.len();
        &self.states[k][start..start + len]
    }

    /// The last recorded state, one strategy per population.
    pub fn last(&self) -> Vec<Vec<f64>> {
        let k = self.len().saturating_sub(1);
        (0..self.populations.len())
            .map(|p| self.strategy(k, p).to_vec())
            .collect()
    }

    /// The CSV header: the clock, `<key>_<action>` for every action of every
    /// population, then the extra columns.
    pub fn header(&self) -> Vec<String> {
        let mut h = vec![self.clock.clone()];
        for p in &self.populations {
            h.extend(p.actions.iter().map(|a| format!("{}_{a}", p.key)));
        }
        h.extend(self.extra.iter().map(|s| s.name.clone()));
        h
    }

    /// The table as CSV text (shortest round-trip decimals).
    pub fn to_csv(&self) -> String {
        let mut out = self.header().join(",");
        out.push('\n');
        for (k, (t, s)) in self.times.iter().zip(&self.states).enumerate() {
            let mut row = vec![format!("{t}")];
            row.extend(s.iter().map(|v| format!("{v}")));
            // An undefined extra value (NaN) is an empty cell.
            row.extend(self.extra.iter().map(|e| {
                let v = e.values[k];
                if v.is_nan() {
                    String::new()
                } else {
                    format!("{v}")
                }
            }));
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
}

/// The most periods or steps a dynamic runs (fictitious play keeps every
/// period's pair of actions: 16 bytes each).
pub const MAX_ITERATIONS: usize = 10_000_000;

/// Checks a run of `iterations` periods recording every `record_every`-th
/// state of `width` values against [`MAX_ITERATIONS`] and
/// [`crate::limits::MAX_SHARE_VALUES`].
pub(crate) fn check_size(iterations: usize, record_every: usize, width: usize) -> Result<()> {
    let too_large = |what: &str, value: u64, limit: u64, why: &str| Error::TooLarge {
        what: what.into(),
        value: value.to_string(),
        limit: limit.to_string(),
        why: why.into(),
    };
    if iterations > MAX_ITERATIONS {
        return Err(too_large(
            "iterations",
            iterations as u64,
            MAX_ITERATIONS as u64,
            "every period is kept or recorded",
        ));
    }
    let rows = (iterations / record_every.max(1)) as u64 + 2;
    let values = rows.saturating_mul(width as u64);
    if values > crate::limits::MAX_SHARE_VALUES {
        return Err(too_large(
            "recorded values",
            values,
            crate::limits::MAX_SHARE_VALUES,
            "every recorded state is kept (8 bytes a value); record less often",
        ));
    }
    Ok(())
}

/// Whether step `step` of `steps` is recorded when every `every`-th is (the
/// first and the last always are).
pub(crate) fn recorded(step: usize, steps: usize, every: usize) -> bool {
    step % every.max(1) == 0 || step == steps
}

/// `start` checked as a mixed strategy over `n` actions (non-negative,
/// finite, summing to 1 within 10⁻⁹), renormalised; `what` names it in the
/// error.
pub(crate) fn check_strategy(start: &[f64], n: usize, what: &str) -> Result<Vec<f64>> {
    let total: f64 = start.iter().sum();
    if start.len() != n
        || start.iter().any(|x| !x.is_finite() || *x < 0.0)
        || (total - 1.0).abs() > 1e-9
    {
        return Err(Error::invalid_parameter(
            what,
            total,
            format!("{n} non-negative probabilities summing to 1"),
        ));
    }
    Ok(start.iter().map(|x| x / total).collect())
}

/// The uniform mixed strategy over `n` actions.
pub(crate) fn uniform(n: usize) -> Vec<f64> {
    vec![1.0 / n as f64; n]
}

/// `counts` as frequencies (uniform when they sum to 0).
pub(crate) fn frequencies(counts: &[f64]) -> Vec<f64> {
    let total: f64 = counts.iter().sum();
    if total > 0.0 {
        counts.iter().map(|c| c / total).collect()
    } else {
        uniform(counts.len())
    }
}

/// Checks a positive, finite parameter.
pub(crate) fn check_positive(name: &str, value: f64) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid_parameter(name, value, "a finite number > 0"))
    }
}

/// Checks a probability in \[0, 1\].
pub(crate) fn check_probability(name: &str, value: f64) -> Result<()> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid_parameter(name, value, "a number in [0, 1]"))
    }
}

/// The row player's payoffs of a symmetric game, or an error naming
/// `operation`.
pub(crate) fn symmetric_payoffs<'g>(
    game: &'g MatrixGame,
    operation: &'static str,
) -> Result<&'g ndarray::Array2<f64>> {
    if game.is_symmetric(1e-12) {
        Ok(game.row_payoffs())
    } else {
        Err(Error::UnsupportedGame {
            operation,
            requirement: "a symmetric game (B = A transposed)",
            found: {
                let (m, n) = game.shape();
                format!("an asymmetric {m}x{n} game")
            },
        })
    }
}

/// The row player's expected payoff of each action against the column
/// strategy `y` (`A y`), and the column player's against the row strategy
/// `x` (`Bᵀ x`).
pub(crate) fn action_payoffs(game: &MatrixGame, x: &[f64], y: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let (a, b) = (game.row_payoffs(), game.col_payoffs());
    let (m, n) = game.shape();
    let row = (0..m)
        .map(|i| (0..n).map(|j| a[(i, j)] * y[j]).sum())
        .collect();
    let col = (0..n)
        .map(|j| (0..m).map(|i| b[(i, j)] * x[i]).sum())
        .collect();
    (row, col)
}

/// The first index of the largest value (the tie rule of this module's
/// best responses).
pub(crate) fn first_best(values: &[f64]) -> usize {
    let mut best = 0;
    for (k, v) in values.iter().enumerate().skip(1) {
        if *v > values[best] {
            best = k;
        }
    }
    best
}

/// The logit choice probabilities `exp(u_a / η) / Σ exp(u_b / η)`,
/// computed with the largest `u` subtracted (the same values, no overflow).
pub(crate) fn logit_choice(utilities: &[f64], eta: f64) -> Vec<f64> {
    let top = utilities.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let w: Vec<f64> = utilities.iter().map(|u| ((u - top) / eta).exp()).collect();
    let s: f64 = w.iter().sum();
    w.iter().map(|v| v / s).collect()
}

/// The index drawn from the distribution `p` by the uniform number `r` in
/// \[0, 1) (inverse transform; the last positive index for rounding).
pub(crate) fn draw(p: &[f64], r: f64) -> usize {
    let mut acc = 0.0;
    for (k, v) in p.iter().enumerate() {
        acc += v;
        if r < acc {
            return k;
        }
    }
    p.iter().rposition(|v| *v > 0.0).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn csv_has_one_column_per_action_and_extra() {
        let g = catalogue::prisoners_dilemma_default();
        let mut t = Trajectory::new("test", "iteration", Population::players(&g));
        t.push(0.0, vec![0.5, 0.5, 0.25, 0.75]);
        t.push(1.0, vec![1.0, 0.0, 0.0, 1.0]);
        t.extra.push(Series {
            name: "gap".into(),
            values: vec![2.0, 0.5],
        });
        let names = g.row_actions().join(",row_");
        let csv = t.to_csv();
        assert!(csv.starts_with(&format!("iteration,row_{names},")), "{csv}");
        assert!(csv.ends_with("1,1,0,0,1,0.5\n"), "{csv}");
        assert_eq!(t.strategy(0, 1), &[0.25, 0.75]);
        assert_eq!(t.last(), vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
    }

    #[test]
    fn helpers() {
        assert_eq!(first_best(&[1.0, 3.0, 3.0]), 1);
        assert_eq!(draw(&[0.2, 0.0, 0.8], 0.1), 0);
        assert_eq!(draw(&[0.2, 0.0, 0.8], 0.2), 2);
        assert_eq!(draw(&[0.2, 0.0, 0.8], 0.999_999_999_999_999_9), 2);
        let p = logit_choice(&[1000.0, 999.0], 1.0);
        assert!((p[0] - 1.0 / (1.0 + (-1f64).exp())).abs() < 1e-15);
        assert_eq!(frequencies(&[0.0, 0.0]), vec![0.5, 0.5]);
        assert!(check_strategy(&[0.5, 0.6], 2, "start").is_err());
        assert!(check_strategy(&[0.5, 0.5], 3, "start").is_err());
        assert!(check_positive("dt", 0.0).is_err());
        assert!(check_probability("mu", 1.5).is_err());
        assert!(recorded(10, 10, 3) && recorded(9, 10, 3) && !recorded(8, 10, 3));
        assert!(check_size(MAX_ITERATIONS, 1, 4).is_ok());
        assert!(check_size(MAX_ITERATIONS + 1, 1, 4).is_err());
        assert!(check_size(MAX_ITERATIONS, 1, 100).is_err());
    }
}
