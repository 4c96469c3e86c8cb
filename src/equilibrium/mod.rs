//! Equilibria of two-player (bimatrix) games, and of games with more players
//! ([`nplayer`]).
//!
//! - [`pure`]: pure Nash equilibria by enumeration;
//! - [`vertex`]: **all** extreme Nash equilibria by enumerating the vertices of
//!   the two best-response polytopes (the method of Gambit's `enummixed`),
//!   exact rational arithmetic for integer games; it also decides degeneracy;
//! - [`support`]: all equilibria of a nondegenerate game by support enumeration;
//! - [`lemke_howson`](mod@lemke_howson): Lemke-Howson from one, several or every starting label;
//! - [`zero_sum`]: value and optimal strategies of a zero-sum game by LP;
//! - [`correlated`]: correlated equilibria by LP;
//! - [`ess`]: evolutionary stability of a strategy of a symmetric game;
//! - [`degenerate`]: degeneracy of a game;
//! - [`qre`]: logit quantal response equilibria — the principal branch, its
//!   limit as a verified Nash equilibrium, and the maximum-likelihood `λ` of
//!   observed play;
//! - [`verify`] and [`exact`]: the checks every reported equilibrium passes and
//!   its exact fractions;
//! - [`nplayer`]: games with any number of players (pure, all by support
//!   enumeration, simplicial subdivision, Lyapunov-function minimisation);
//! - [`dominance`]: iterated elimination of strictly or weakly dominated
//!   actions, by pure actions or mixtures, for any number of players.
//!
//! [`solve`] runs a [`Method`] and returns a [`SolveReport`]: the equilibria,
//! each verified (its largest regret is reported and is within the stated
//! tolerance), sorted, with exact fractions when the game has integer payoffs,
//! and whether the game is degenerate.
//!
//! ```
//! use dilemma::equilibrium::{solve, Method};
//! use dilemma::game::catalogue;
//!
//! let game = catalogue::by_name("stag_hunt", &[]).unwrap();
//! let report = solve(&game, Method::All).unwrap();
//! assert_eq!(report.equilibria.len(), 3);
//! assert_eq!(report.degenerate, Some(false));
//! ```
//!
//! ## References
//! - J. Nash (1951), "Non-cooperative games", Annals of Mathematics 54:286-295.
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", ch. 3 of Nisan, Roughgarden, Tardos and
//!   Vazirani (eds.), *Algorithmic Game Theory*, Cambridge University Press.
//! - D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
//!   "Enumeration of Nash equilibria for two-player games", Economic Theory
//!   42:9-37.

pub mod correlated;
pub mod degenerate;
pub mod dominance;
pub mod ess;
pub mod exact;
pub mod lemke_howson;
mod linalg;
pub mod nplayer;
mod polytope;
pub mod pure;
pub mod qre;
pub mod support;
pub mod verify;
pub mod vertex;
pub mod zero_sum;

use crate::error::Result;
use crate::game::MatrixGame;
use ndarray::Array1;
use num_rational::Ratio;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

pub use correlated::{correlated_equilibrium, CorrelatedEquilibrium, CorrelatedObjective};
pub use degenerate::is_degenerate;
pub use ess::is_ess;
pub use lemke_howson::{lemke_howson, lemke_howson_all, lemke_howson_from, Labels};
pub use pure::pure_equilibria;
pub use support::support_enumeration;
pub use verify::{max_regret, regrets, tolerance_for, DEFAULT_TOLERANCE, PROBABILITY_TOLERANCE};
pub use vertex::vertex_enumeration;
pub use zero_sum::{solve_zero_sum, ZeroSumSolution};

/// An exact rational number (numerator and denominator in `i128`, reduced).
pub type Rational = Ratio<i128>;

/// A Nash equilibrium `(x, y)` of a bimatrix game, verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Equilibrium {
    /// The row player's mixed strategy `x` (non-negative, sums to 1).
    pub row: Array1<f64>,
    /// The column player's mixed strategy `y` (non-negative, sums to 1).
    pub col: Array1<f64>,
    /// The row player's expected payoff `xᵀAy`.
    pub row_payoff: f64,
    /// The column player's expected payoff `xᵀBy`.
    pub col_payoff: f64,
    /// The largest gain either player could get by deviating to a pure
    /// strategy (0 for an exact equilibrium; always within the report's
    /// tolerance).
    pub max_regret: f64,
    /// The same equilibrium in exact fractions, when the game has integer
    /// payoffs and the fractions fit in `i128`.
    pub exact: Option<ExactEquilibrium>,
}

/// An equilibrium in exact rational arithmetic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactEquilibrium {
    /// The row player's probabilities.
    pub row: Vec<Rational>,
    /// The column player's probabilities.
    pub col: Vec<Rational>,
    /// The row player's expected payoff.
    pub row_payoff: Rational,
    /// The column player's expected payoff.
    pub col_payoff: Rational,
}

impl Equilibrium {
    /// The row player's support (actions played with positive probability).
    pub fn row_support(&self) -> Vec<usize> {
        support_of(&self.row)
    }

    /// The column player's support.
    pub fn col_support(&self) -> Vec<usize> {
        support_of(&self.col)
    }

    /// `true` when both strategies are pure.
    pub fn is_pure(&self) -> bool {
        self.row_support().len() == 1 && self.col_support().len() == 1
    }

    /// `true` when both strategies of `self` and `other` agree within `tol`
    /// in every probability.
    pub fn approx_eq(&self, other: &Equilibrium, tol: f64) -> bool {
        close(&self.row, &other.row, tol) && close(&self.col, &other.col, tol)
    }

    /// The row strategy as text: exact fractions when known, else decimals.
    pub fn row_text(&self) -> Vec<String> {
        strategy_text(&self.row, self.exact.as_ref().map(|e| e.row.as_slice()))
    }

    /// The column strategy as text: exact fractions when known, else decimals.
    pub fn col_text(&self) -> Vec<String> {
        strategy_text(&self.col, self.exact.as_ref().map(|e| e.col.as_slice()))
    }

    /// The two payoffs as text: exact fractions when known, else decimals.
    pub fn payoffs_text(&self) -> (String, String) {
        match &self.exact {
            Some(e) => (e.row_payoff.to_string(), e.col_payoff.to_string()),
            None => (fmt_f64(self.row_payoff), fmt_f64(self.col_payoff)),
        }
    }
}

impl fmt::Display for Equilibrium {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (u, v) = self.payoffs_text();
        write!(
            f,
            "row ({}) col ({}) payoffs ({u}, {v}) regret {:.1e}",
            self.row_text().join(", "),
            self.col_text().join(", "),
            self.max_regret
        )
    }
}

impl Serialize for Equilibrium {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Equilibrium", 7)?;
        st.serialize_field("row", &self.row.to_vec())?;
        st.serialize_field("col", &self.col.to_vec())?;
        st.serialize_field("row_payoff", &self.row_payoff)?;
        st.serialize_field("col_payoff", &self.col_payoff)?;
        st.serialize_field("max_regret", &self.max_regret)?;
        let exact = self.exact.as_ref().map(|e| {
            serde_json::json!({
                "row": e.row.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
                "col": e.col.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
                "row_payoff": e.row_payoff.to_string(),
                "col_payoff": e.col_payoff.to_string(),
            })
        });
        st.serialize_field("exact", &exact)?;
        st.end()
    }
}

/// Which algorithm [`solve`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// All extreme equilibria by vertex enumeration ([`vertex_enumeration`]);
    /// complete for every game, degenerate or not.
    All,
    /// Pure equilibria only ([`pure_equilibria`]).
    Pure,
    /// Support enumeration over equal-size supports ([`support_enumeration`]);
    /// complete for nondegenerate games.
    Support,
    /// Lemke-Howson ([`lemke_howson_from`]) from the starting labels of
    /// [`SolveOptions::labels`] (label 0 only by default); finds one or some
    /// equilibria, fast on large games.
    LemkeHowson,
    /// Maximin LP for a zero-sum (or constant-sum) game ([`solve_zero_sum`]);
    /// one optimal pair.
    ZeroSum,
}

impl Method {
    /// The method's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            Method::All => "all",
            Method::Pure => "pure",
            Method::Support => "support",
            Method::LemkeHowson => "lemke-howson",
            Method::ZeroSum => "zero-sum",
        }
    }
}

/// What a solver found.
#[derive(Debug, Clone, Serialize)]
pub struct SolveReport {
    /// The method that ran.
    pub method: Method,
    /// The equilibria, verified and sorted (descending lexicographic order of
    /// the row strategy, then the column strategy), without duplicates.
    pub equilibria: Vec<Equilibrium>,
    /// `Some(true)` when the game is degenerate (some mixed strategy with
    /// support size `k` has more than `k` pure best responses): it may have a
    /// continuum of equilibria, of which the extreme ones are listed by
    /// [`Method::All`]. `None` when not decided. [`Method::All`] always
    /// decides it; the other methods decide it only when that costs no more
    /// than the solve itself (see [`solve_with_options`]).
    pub degenerate: Option<bool>,
    /// `true` when the list is provably every extreme equilibrium (every
    /// equilibrium, for a nondegenerate game).
    pub complete: bool,
    /// The regret tolerance every listed equilibrium was verified against.
    pub tolerance: f64,
    /// The largest regret among the listed equilibria (0 when none).
    pub max_regret: f64,
    /// `true` when the equilibria were computed in exact rational arithmetic.
    pub exact_arithmetic: bool,
}

/// Options of [`solve_with_options`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SolveOptions {
    /// The starting labels of [`Method::LemkeHowson`] (default: label 0 only,
    /// as Gambit's `gambit-lcp`).
    pub labels: Labels,
}

/// Arithmetic operations the degeneracy search of methods other than
/// [`Method::All`] may always spend (a few milliseconds): enough to decide
/// small games whatever the method.
pub const DEGENERACY_FLOOR_WORK: u64 = 20_000_000;

/// Solves `game` with `method` and the default [`SolveOptions`].
///
/// Every returned equilibrium has been verified to be a best-response pair
/// within [`tolerance_for`]`(game)`; degeneracy is decided as
/// [`solve_with_options`] says.
///
/// # Errors
/// [`crate::Error::Solver`] when the game is too large for the method, or an
/// LP fails; [`crate::Error::UnsupportedGame`] for [`Method::ZeroSum`] on a
/// game that is not constant-sum.
pub fn solve(game: &MatrixGame, method: Method) -> Result<SolveReport> {
    solve_with_progress(game, method, &|_| {})
}

/// How far a long solve has got, reported to the callback of
/// [`solve_with_progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Units of work done so far.
    pub done: u64,
    /// Units of work in all, when known in advance.
    pub total: Option<u64>,
    /// What a unit is (`"bases"`, `"paths"`, `"row supports"`).
    pub unit: &'static str,
}

/// [`solve`], calling `progress` from time to time while it works (possibly
/// from several threads): bases of the best-response polytopes visited for
/// [`Method::All`], paths finished for [`Method::LemkeHowson`], row supports
/// done for [`Method::Support`].
///
/// # Errors
/// As [`solve`].
pub fn solve_with_progress(
    game: &MatrixGame,
    method: Method,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SolveReport> {
    solve_with_options(game, method, &SolveOptions::default(), progress)
}

/// [`solve_with_progress`] with `options`.
///
/// Degeneracy: [`Method::All`] decides it completely. The other methods
/// report `Some(true)` when a pure strategy has two pure best responses, or
/// (Lemke-Howson) when a path passed through a degenerate vertex; otherwise
/// they search the best-response polytopes for a degenerate vertex
/// ([`degenerate::degeneracy_within_work`]) spending at most as many arithmetic
/// operations as the solve itself did (at least [`DEGENERACY_FLOOR_WORK`]),
/// and report `None` (not decided) when the search does not finish within
/// that: deciding nondegeneracy of a large game means enumerating every
/// vertex, far dearer than finding one equilibrium.
///
/// # Errors
/// As [`solve`]; [`crate::Error::Solver`] also for a starting label out of
/// range.
pub fn solve_with_options(
    game: &MatrixGame,
    method: Method,
    options: &SolveOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<SolveReport> {
    let (m, n) = game.shape();
    let (mu, nu) = (m as u64, n as u64);
    let mut tolerance = tolerance_for(game);
    let (equilibria, degenerate, complete, exact_arithmetic) = match method {
        Method::All => {
            let v = vertex::vertex_enumeration_with_progress(game, &|done| {
                progress(Progress {
                    done,
                    total: None,
                    unit: "bases",
                })
            })?;
            (v.equilibria, Some(v.degenerate), true, v.exact)
        }
        Method::Pure => {
            let eq = pure_equilibria(game);
            let deg = degeneracy_for(game, mu * nu);
            (eq, deg, true, game.has_integer_payoffs())
        }
        Method::Support => {
            let eq = support::support_enumeration_with_progress(game, &|done, total| {
                progress(Progress {
                    done,
                    total: Some(total),
                    unit: "row supports",
                })
            })?;
            let deg = degeneracy_for(game, support::work(m, n));
            (eq, deg, deg == Some(false), false)
        }
        Method::LemkeHowson => {
            let labels = options.labels.resolve(m, n)?;
            let total = labels.len() as u64;
            let run = lemke_howson::lemke_howson_from(game, &Labels::These(labels), &|done| {
                progress(Progress {
                    done,
                    total: Some(total),
                    unit: "paths",
                })
            })?;
            let deg = if run.degenerate_vertex {
                Some(true)
            } else {
                degeneracy_for(game, run.work)
            };
            (run.equilibria, deg, false, false)
        }
        Method::ZeroSum => {
            let z = solve_zero_sum(game)?;
            tolerance = z.tolerance;
            // Two simplex LPs of about m + n pivots over m x n entries.
            let deg = degeneracy_for(game, (mu + nu) * mu * nu);
            (vec![z.equilibrium], deg, false, false)
        }
    };
    // A solver stopped by a cancellation may have returned early.
    crate::parallel::check_cancelled()?;
    let max_regret = equilibria.iter().map(|e| e.max_regret).fold(0.0, f64::max);
    Ok(SolveReport {
        method,
        equilibria,
        degenerate,
        complete,
        tolerance,
        max_regret,
        exact_arithmetic,
    })
}

/// Degeneracy within the work a solve spent (see [`solve_with_options`]).
fn degeneracy_for(game: &MatrixGame, solve_work: u64) -> Option<bool> {
    degenerate::degeneracy_within_work(game, solve_work.max(DEGENERACY_FLOOR_WORK))
}

/// `C(n, k)`, saturating at `u128::MAX`.
pub(crate) fn binomial(n: usize, k: usize) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut r: u128 = 1;
    for i in 0..k {
        r = match r.checked_mul((n - i) as u128) {
            Some(v) => v / (i as u128 + 1),
            None => return u128::MAX,
        };
    }
    r
}

/// Sorts equilibria (descending lexicographic by row then column strategy)
/// and removes those whose probabilities agree within `tol` (a probability,
/// never a payoff tolerance) with an earlier one.
pub(crate) fn sort_and_dedup(mut eqs: Vec<Equilibrium>, tol: f64) -> Vec<Equilibrium> {
    eqs.sort_by(compare_desc);
    let mut out: Vec<Equilibrium> = Vec::with_capacity(eqs.len());
    for e in eqs {
        if !out.iter().any(|o| o.approx_eq(&e, tol)) {
            out.push(e);
        }
    }
    out
}

fn compare_desc(a: &Equilibrium, b: &Equilibrium) -> Ordering {
    let key = |e: &Equilibrium| {
        e.row
            .iter()
            .chain(e.col.iter())
            .copied()
            .collect::<Vec<_>>()
    };
    let (ka, kb) = (key(a), key(b));
    for (x, y) in ka.iter().zip(kb.iter()) {
        match y.total_cmp(x) {
            Ordering::Equal => continue,
            o => return o,
        }
    }
    Ordering::Equal
}

fn support_of(p: &Array1<f64>) -> Vec<usize> {
    p.iter()
        .enumerate()
        .filter(|(_, &v)| v > 0.0)
        .map(|(i, _)| i)
        .collect()
}

fn close(a: &Array1<f64>, b: &Array1<f64>, tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() <= tol)
}

fn strategy_text(p: &Array1<f64>, exact: Option<&[Rational]>) -> Vec<String> {
    match exact {
        Some(e) => e.iter().map(|r| r.to_string()).collect(),
        None => p.iter().map(|&v| fmt_f64(v)).collect(),
    }
}

/// A probability or payoff printed with up to 10 significant decimals and no
/// trailing zeros.
pub(crate) fn fmt_f64(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let s = format!("{v:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn binomials() {
        assert_eq!(binomial(20, 10), 184_756);
        assert_eq!(binomial(3, 5), 0);
        assert_eq!(binomial(400, 200), u128::MAX);
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(fmt_f64(0.5), "0.5");
        assert_eq!(fmt_f64(1.0 / 3.0), "0.3333333333");
        assert_eq!(fmt_f64(-1e-12), "0");
        assert_eq!(fmt_f64(2.0), "2");
    }

    #[test]
    fn chicken_mixed_prints_fractions() {
        let game = catalogue::by_name("chicken", &[]).unwrap();
        let report = solve(&game, Method::All).unwrap();
        assert_eq!(report.equilibria.len(), 3);
        let mixed = report.equilibria.iter().find(|e| !e.is_pure()).unwrap();
        let text = mixed.to_string();
        assert!(!text.contains("0.333"), "{text}");
        assert!(mixed.exact.is_some());
    }

    #[test]
    fn every_method_runs_on_the_prisoners_dilemma() {
        let game = catalogue::prisoners_dilemma_default();
        for method in [
            Method::All,
            Method::Pure,
            Method::Support,
            Method::LemkeHowson,
        ] {
            let report = solve(&game, method).unwrap();
            assert_eq!(report.equilibria.len(), 1, "{method:?}");
            assert_eq!(report.equilibria[0].row_support(), vec![1]);
            assert_eq!(report.degenerate, Some(false));
        }
    }
}
