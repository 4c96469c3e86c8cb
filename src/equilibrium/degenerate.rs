//! Degeneracy of a bimatrix game.
//!
//! A two-player game is *nondegenerate* when no mixed strategy with support of
//! size `k` has more than `k` pure best responses (von Stengel 2007,
//! Definition 3.2). Then every equilibrium has supports of equal size, the
//! equilibria are finitely many and isolated, and support enumeration and
//! Lemke-Howson are reliable. A degenerate game may have a continuum of
//! equilibria (e.g. a payoff tie).
//!
//! The test is exact for integer payoffs: a point of a best-response polytope
//! with more tight constraints than the dimension exists exactly when a vertex
//! has one, and the lexicographic search of [`degeneracy`]
//! visits every vertex with its labels, stopping at the first degenerate one.
//! A pure strategy with two pure best responses is caught first, without a
//! search.
//!
//! ## References
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", ch. 3 of *Algorithmic Game Theory*.

use super::polytope::{vertices, ExactTableau, FloatTableau, Stop};
use super::vertex::{
    bases_within, exact_polytopes_checked, float_polytopes, within_trial, MAX_BASES,
};
use crate::error::{Error, Result};
use crate::game::MatrixGame;

/// `true` when `game` is degenerate (see the module documentation).
///
/// # Errors
/// [`crate::Error::Solver`] when a best-response polytope has more than
/// [`MAX_BASES`] lexicographic bases (or the game more than 128 actions).
pub fn is_degenerate(game: &MatrixGame) -> Result<bool> {
    degeneracy(game, MAX_BASES).ok_or_else(|| {
        let (m, n) = game.shape();
        Error::Solver {
            method: "degeneracy test",
            message: format!(
                "the best-response polytopes of this {m}x{n} game are too large to search"
            ),
        }
    })
}

/// `true` when some pure strategy has two or more pure best responses (exact
/// comparison of payoffs): the simplest, and most common, kind of degeneracy.
pub fn has_pure_tie(game: &MatrixGame) -> bool {
    let a = game.row_payoffs();
    let b = game.col_payoffs();
    let ties = |v: ndarray::ArrayView1<f64>| {
        let best = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        v.iter().filter(|&&x| x == best).count() > 1
    };
    a.columns().into_iter().any(ties) || b.rows().into_iter().any(ties)
}

/// Whether `game` is degenerate, decided by searching the best-response
/// polytopes only until a degenerate vertex (more labels than the dimension)
/// is found, or both are exhausted; `None` when that takes more than `budget`
/// bases of a polytope, or more than [`DEGENERACY_WORK`](super::vertex::DEGENERACY_WORK) operations (or
/// `m + n > 128`). A pure strategy with two pure best
/// responses is caught first, without a search.
pub fn degeneracy(game: &MatrixGame, budget: usize) -> Option<bool> {
    let (m, n) = game.shape();
    degeneracy_search(game, bases_within(budget, m, n), bases_within(budget, n, m))
}

/// [`degeneracy`] spending at most about `work` arithmetic operations on the
/// search (half on each polytope; a basis of a `d x c` polytope costs
/// `c² (d + 2c + 1)`): `None` beyond.
pub fn degeneracy_within_work(game: &MatrixGame, work: u64) -> Option<bool> {
    let (m, n) = game.shape();
    let half = usize::try_from(work / 2).unwrap_or(usize::MAX);
    let bases = |d: usize, c: usize| {
        let per_basis = c.saturating_mul(c).saturating_mul(d + 2 * c + 1).max(1);
        (half / per_basis).min(MAX_BASES)
    };
    degeneracy_search(game, bases(m, n), bases(n, m))
}

fn degeneracy_search(game: &MatrixGame, bp: usize, bq: usize) -> Option<bool> {
    if has_pure_tie(game) {
        return Some(true);
    }
    let (m, n) = game.shape();
    if m + n > 128 {
        return None;
    }
    let none = |_: u64| {};
    let decide = |r: std::result::Result<usize, Stop>| match r {
        Ok(_) => Some(false),
        Err(Stop::Degenerate) => Some(true),
        Err(_) => None,
    };
    if let Some((cp, cq, trial)) = exact_polytopes_checked(game) {
        let (ep, trial_p) = within_trial(bp, trial);
        let (eq, trial_q) = within_trial(bq, trial);
        let p = vertices::<ExactTableau>(m, n, &cp, Some(ep), true, &none).map(|v| v.len());
        let q = || vertices::<ExactTableau>(n, m, &cq, Some(eq), true, &none).map(|v| v.len());
        match p {
            Err(Stop::Overflow) => {}
            Err(Stop::Budget) if trial_p => {}
            Ok(_) => match q() {
                Err(Stop::Overflow) => {}
                Err(Stop::Budget) if trial_q => {}
                other => return decide(other),
            },
            other => return decide(other),
        }
    }
    let (fp, fq) = float_polytopes(game);
    match decide(vertices::<FloatTableau>(m, n, &fp, Some(bp), true, &none).map(|v| v.len())) {
        Some(false) => {
            decide(vertices::<FloatTableau>(n, m, &fq, Some(bq), true, &none).map(|v| v.len()))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn catalogue_games_are_nondegenerate() {
        for name in [
            "prisoners_dilemma",
            "stag_hunt",
            "chicken",
            "matching_pennies",
        ] {
            let g = catalogue::by_name(name, &[]).unwrap();
            assert!(!is_degenerate(&g).unwrap(), "{name}");
        }
    }

    #[test]
    fn a_tie_is_degenerate() {
        let g = MatrixGame::new(
            array![[1.0, 1.0], [0.0, 2.0]],
            array![[1.0, 1.0], [2.0, 0.0]],
        )
        .unwrap();
        assert!(has_pure_tie(&g));
        assert!(is_degenerate(&g).unwrap());
    }

    #[test]
    fn mixed_degeneracy_without_pure_ties() {
        // x = (1/2, 1/2) makes all three columns best responses.
        let a = array![[1.0, 0.0, 2.0], [0.0, 1.0, 3.0]];
        let b = array![[2.0, 0.0, 1.0], [0.0, 2.0, 1.0]];
        let g = MatrixGame::new(a, b).unwrap();
        assert!(!has_pure_tie(&g));
        assert!(is_degenerate(&g).unwrap());
    }
}
