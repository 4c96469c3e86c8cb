//! Equilibria of games with any number of players.
//!
//! - [`pure_equilibria`]: every pure equilibrium, by enumeration;
//! - [`support::enumerate`]: every equilibrium of a small game by support
//!   enumeration, exact where the supports' systems are linear, by a
//!   certified subdivision search where they are polynomial;
//! - [`simpdiv::simplicial_subdivision`]: one equilibrium by van der Laan and
//!   Talman's simplicial algorithm with restarts on finer grids;
//! - [`liap::liap`]: a sample of equilibria by minimising McKelvey's
//!   Lyapunov function from many seeded starting points;
//! - [`gnm::gnm`]: the equilibria on the path of Govindan and Wilson's
//!   global Newton method along one or more seeded perturbation rays.
//!
//! [`solve_nplayer`] runs a [`NPlayerMethod`] and returns an
//! [`NPlayerReport`]: every profile certified (its max regret is within the
//! stated tolerance), sorted, without duplicates, and `complete` saying
//! whether the list is provably every equilibrium. A two-player game goes
//! through the two-player solvers where they apply (all equilibria by vertex
//! enumeration, complete for degenerate games too).
//!
//! ```
//! use dilemma::equilibrium::nplayer::{solve_nplayer, NPlayerMethod, NPlayerOptions};
//! use dilemma::game::nplayer_catalogue;
//!
//! let game = nplayer_catalogue::volunteers_dilemma(3, 2.0, 1.0)
//!     .unwrap()
//!     .to_game()
//!     .unwrap();
//! let report = solve_nplayer(&game, NPlayerMethod::All, &NPlayerOptions::default()).unwrap();
//! // Three pure equilibria (one volunteer) and the symmetric mixed one.
//! assert!(report.equilibria.len() >= 4);
//! assert!(report.max_regret <= report.tolerance);
//! ```

pub(crate) mod exactify;
pub mod gnm;
pub mod liap;
pub(crate) mod linear;
pub mod pure;
pub(crate) mod refine;
pub(crate) mod scalar;
pub mod simpdiv;
pub(crate) mod subdivision;
pub mod support;
pub(crate) mod system;
pub mod verify;

pub use pure::pure_equilibria;
pub use verify::{certify, max_regret, regrets, tolerance_for};

use crate::equilibrium::verify::PROBABILITY_TOLERANCE;
use crate::equilibrium::{fmt_f64, vertex_enumeration, Rational};
use crate::error::Result;
use crate::game::NPlayerGame;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A verified Nash equilibrium of an n-player game.
#[derive(Debug, Clone, PartialEq)]
pub struct NPlayerEquilibrium {
    /// Each player's mixed strategy (non-negative, sums to 1).
    pub strategies: Vec<Vec<f64>>,
    /// Each player's expected payoff.
    pub payoffs: Vec<f64>,
    /// The largest gain any player could get by a pure deviation (within the
    /// report's tolerance).
    pub max_regret: f64,
    /// The same equilibrium in exact fractions, when known (integer games
    /// where at most two players mix).
    pub exact: Option<ExactProfile>,
}

/// An equilibrium in exact fractions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactProfile {
    /// Each player's probabilities.
    pub strategies: Vec<Vec<Rational>>,
    /// Each player's expected payoff.
    pub payoffs: Vec<Rational>,
}

impl NPlayerEquilibrium {
    /// Each player's support (actions played with positive probability).
    pub fn supports(&self) -> Vec<Vec<usize>> {
        self.strategies
            .iter()
            .map(|s| (0..s.len()).filter(|&a| s[a] > 0.0).collect())
            .collect()
    }

    /// `true` when every strategy is pure.
    pub fn is_pure(&self) -> bool {
        self.supports().iter().all(|s| s.len() == 1)
    }

    /// `true` when every probability of `self` and `other` agrees within `tol`.
    pub fn approx_eq(&self, other: &NPlayerEquilibrium, tol: f64) -> bool {
        self.strategies.len() == other.strategies.len()
            && self.strategies.iter().zip(&other.strategies).all(|(a, b)| {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
            })
    }

    /// Player `player`'s strategy as text: exact fractions when known, else
    /// decimals.
    pub fn strategy_text(&self, player: usize) -> Vec<String> {
        match &self.exact {
            Some(e) => e.strategies[player].iter().map(|r| r.to_string()).collect(),
            None => self.strategies[player]
                .iter()
                .map(|&p| fmt_f64(p))
                .collect(),
        }
    }

    /// The payoffs as text: exact fractions when known, else decimals.
    pub fn payoffs_text(&self) -> Vec<String> {
        match &self.exact {
            Some(e) => e.payoffs.iter().map(|r| r.to_string()).collect(),
            None => self.payoffs.iter().map(|&p| fmt_f64(p)).collect(),
        }
    }
}

impl fmt::Display for NPlayerEquilibrium {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let strategies: Vec<String> = (0..self.strategies.len())
            .map(|i| format!("({})", self.strategy_text(i).join(", ")))
            .collect();
        write!(
            f,
            "{} payoffs ({}) regret {:.1e}",
            strategies.join(" "),
            self.payoffs_text().join(", "),
            self.max_regret
        )
    }
}

impl Serialize for NPlayerEquilibrium {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("NPlayerEquilibrium", 4)?;
        st.serialize_field("strategies", &self.strategies)?;
        st.serialize_field("payoffs", &self.payoffs)?;
        st.serialize_field("max_regret", &self.max_regret)?;
        let exact = self.exact.as_ref().map(|e| {
            let text = |v: &[Rational]| v.iter().map(|r| r.to_string()).collect::<Vec<_>>();
            serde_json::json!({
                "strategies": e.strategies.iter().map(|s| text(s)).collect::<Vec<_>>(),
                "payoffs": text(&e.payoffs),
            })
        });
        st.serialize_field("exact", &exact)?;
        st.end()
    }
}

/// Which algorithm [`solve_nplayer`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NPlayerMethod {
    /// Pure equilibria only ([`pure_equilibria`]); complete for pure
    /// equilibria.
    Pure,
    /// Every equilibrium by support enumeration ([`support::enumerate`]);
    /// vertex enumeration for two players.
    All,
    /// One equilibrium by simplicial subdivision
    /// ([`simpdiv::simplicial_subdivision`]).
    Simpdiv,
    /// A sample of equilibria by Lyapunov-function minimisation from
    /// [`NPlayerOptions::starts`] seeded starts ([`liap::liap`]).
    Liap,
    /// The equilibria on the global Newton method's path along
    /// [`NPlayerOptions::rays`] perturbation rays ([`gnm::gnm`]).
    Gnm,
}

impl NPlayerMethod {
    /// The method's name as the command line spells it.
    pub fn name(self) -> &'static str {
        match self {
            NPlayerMethod::Pure => "pure",
            NPlayerMethod::All => "all",
            NPlayerMethod::Simpdiv => "simpdiv",
            NPlayerMethod::Liap => "liap",
            NPlayerMethod::Gnm => "gnm",
        }
    }
}

/// Options of [`solve_nplayer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NPlayerOptions {
    /// Starting points of [`NPlayerMethod::Liap`] (the first is the centroid,
    /// the others drawn uniformly from the product of simplices).
    pub starts: usize,
    /// Seed of the random starting points (and of the rays of
    /// [`NPlayerMethod::Gnm`]).
    pub seed: u64,
    /// Perturbation rays of [`NPlayerMethod::Gnm`].
    pub rays: usize,
    /// How [`NPlayerMethod::Gnm`] draws its rays.
    pub perturbation: gnm::Perturbation,
}

impl Default for NPlayerOptions {
    fn default() -> Self {
        NPlayerOptions {
            starts: 20,
            seed: 1,
            rays: 1,
            perturbation: gnm::Perturbation::Random,
        }
    }
}

/// What an n-player solver found.
#[derive(Debug, Clone, Serialize)]
pub struct NPlayerReport {
    /// The method that ran.
    pub method: NPlayerMethod,
    /// The equilibria, certified, sorted (descending lexicographic order of
    /// the strategies) and without duplicates.
    pub equilibria: Vec<NPlayerEquilibrium>,
    /// `true` when the list is provably every equilibrium (for
    /// [`NPlayerMethod::Pure`]: every pure equilibrium; for a degenerate
    /// game, whose equilibria may form continua: every extreme one).
    pub complete: bool,
    /// `Some(true)` when the solver met a tie that makes the game degenerate;
    /// `Some(false)` when support enumeration (or two-player vertex
    /// enumeration) found none; `None` when not decided.
    pub degenerate: Option<bool>,
    /// The regret tolerance every listed equilibrium was verified against.
    pub tolerance: f64,
    /// The largest regret among the listed equilibria (0 when none).
    pub max_regret: f64,
    /// `true` when the equilibria of linear supports were computed in exact
    /// rational arithmetic.
    pub exact_arithmetic: bool,
    /// How the method computes, in a line (for the report).
    pub computation: String,
}

/// Solves `game` with `method`.
///
/// # Errors
/// [`crate::Error::Solver`] when the game is too large for support
/// enumeration, or simplicial subdivision fails to reach an equilibrium
/// within its limits, or no ray of the global Newton method reaches a
/// certified equilibrium.
pub fn solve_nplayer(
    game: &NPlayerGame,
    method: NPlayerMethod,
    options: &NPlayerOptions,
) -> Result<NPlayerReport> {
    solve_nplayer_with_progress(game, method, options, &|_, _| {})
}

/// [`solve_nplayer`], calling `progress(done, total)` from time to time
/// (support profiles for [`NPlayerMethod::All`], starts for
/// [`NPlayerMethod::Liap`], rays for [`NPlayerMethod::Gnm`]).
///
/// # Errors
/// As [`solve_nplayer`].
pub fn solve_nplayer_with_progress(
    game: &NPlayerGame,
    method: NPlayerMethod,
    options: &NPlayerOptions,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<NPlayerReport> {
    let tolerance = tolerance_for(game);
    let (equilibria, complete, degenerate, exact, computation) = match method {
        NPlayerMethod::Pure => (
            pure_equilibria(game),
            true,
            None,
            true,
            "every pure profile checked".to_string(),
        ),
        NPlayerMethod::All => match game.to_matrix_game() {
            Some(bimatrix) => {
                let v = vertex_enumeration(&bimatrix)?;
                let eqs = v
                    .equilibria
                    .into_iter()
                    .filter_map(|e| certify(game, &[e.row.to_vec(), e.col.to_vec()], tolerance))
                    .collect();
                (
                    eqs,
                    true,
                    Some(v.degenerate),
                    v.exact,
                    "two players: vertex enumeration of the best-response polytopes".to_string(),
                )
            }
            None => {
                let e = support::enumerate(game, progress)?;
                let computation = format!(
                    "support enumeration: {} support profiles, {} solved by subdivision with Krawczyk tests, the rest linear ({})",
                    e.supports,
                    e.polynomial_supports,
                    if e.exact_arithmetic { "exact rationals" } else { "f64" }
                );
                (
                    e.equilibria,
                    e.complete,
                    Some(e.degenerate),
                    e.exact_arithmetic,
                    computation,
                )
            }
        },
        NPlayerMethod::Simpdiv => {
            let run = simpdiv::simplicial_subdivision(game, &simpdiv::SimpdivOptions::default())?;
            let computation = format!(
                "simplicial subdivision: {} restarts, final grid 1/{}, {} pivots",
                run.restarts, run.grid, run.pivots
            );
            (vec![run.equilibrium], false, None, false, computation)
        }
        NPlayerMethod::Liap => {
            let run = liap::liap_with_progress(game, options.starts, options.seed, progress);
            let computation = format!(
                "Lyapunov-function minimisation from {} starts (seed {}): {} reached an equilibrium",
                options.starts, options.seed, run.converged
            );
            (run.equilibria, false, None, false, computation)
        }
        NPlayerMethod::Gnm => {
            let gnm_options = gnm::GnmOptions {
                rays: options.rays,
                seed: options.seed,
                perturbation: options.perturbation.clone(),
            };
            let run = gnm::gnm_with_progress(game, &gnm_options, progress)?;
            let ray_text = match &options.perturbation {
                gnm::Perturbation::Random => format!("{} random perturbation ray(s)", options.rays),
                gnm::Perturbation::Dominant(p) => format!(
                    "{} perturbation ray(s) making ({}) dominant",
                    options.rays,
                    p.iter()
                        .map(|a| (a + 1).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let mut computation = format!(
                "global Newton method along {ray_text} (seed {}): {} path steps, {} changes of support, {} crossing(s) of t = 0, {} certified",
                options.seed, run.steps, run.kinks, run.crossings, run.equilibria.len()
            );
            for (k, reason) in &run.stopped {
                computation.push_str(&format!("; ray {k} stopped early: {reason}"));
            }
            (run.equilibria, false, None, false, computation)
        }
    };
    // A solver stopped by a cancellation may have returned early.
    crate::parallel::check_cancelled()?;
    let equilibria = sort_and_dedup(equilibria);
    let max_regret = equilibria.iter().map(|e| e.max_regret).fold(0.0, f64::max);
    Ok(NPlayerReport {
        method,
        equilibria,
        complete,
        degenerate,
        tolerance,
        max_regret,
        exact_arithmetic: exact,
        computation,
    })
}

/// Sorts equilibria (descending lexicographic order of all probabilities,
/// player by player) and drops those whose probabilities agree within
/// [`PROBABILITY_TOLERANCE`] with an earlier one.
pub fn sort_and_dedup(mut eqs: Vec<NPlayerEquilibrium>) -> Vec<NPlayerEquilibrium> {
    let key = |e: &NPlayerEquilibrium| e.strategies.concat();
    eqs.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.iter()
            .zip(&kb)
            .map(|(x, y)| y.total_cmp(x))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let mut out: Vec<NPlayerEquilibrium> = Vec::with_capacity(eqs.len());
    for e in eqs {
        if !out.iter().any(|o| o.approx_eq(&e, PROBABILITY_TOLERANCE)) {
            out.push(e);
        }
    }
    out
}
