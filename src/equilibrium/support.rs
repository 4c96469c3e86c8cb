//! All Nash equilibria of a nondegenerate game by support enumeration.
//!
//! In a nondegenerate game both supports of an equilibrium have the same size
//! `k`. For every pair of supports `I` (rows) and `J` (columns) with
//! `|I| = |J| = k`, the column strategy `y` and the row value `u` solve the
//! indifference system `A[I, J] y_J = u 1`, `Σ y_J = 1` (and likewise `x`, `v`
//! from `B[I, J]ᵀ x_I = v 1`, `Σ x_I = 1`); the pair is an equilibrium when
//! both are strictly positive on their supports and no action outside a
//! support earns more. Each system is solved by Gaussian elimination in `f64`
//! on payoffs rescaled to `[1, 2]` (`O(k³)`, no LP); row supports are
//! processed in parallel and the result does not depend on the number of
//! threads. Every candidate is verified on the original game.
//!
//! For degenerate games equal-size supports miss equilibria: use
//! [`super::vertex_enumeration`], which is complete for every game.
//!
//! ## References
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", ch. 3 of *Algorithmic Game Theory*, §3.3.
//! - O. L. Mangasarian (1964), "Equilibrium points of bimatrix games", Journal
//!   of the SIAM 12:778-780.

use super::exact::next_combination;
use super::linalg::solve_f64;
use super::verify::{certify, tolerance_for, PROBABILITY_TOLERANCE};
use super::{binomial, sort_and_dedup, Equilibrium};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::Array1;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Most support pairs support enumeration will try.
pub const MAX_SUPPORT_PAIRS: u128 = 50_000_000;

/// Tolerance on the rescaled payoffs (entries in `[1, 2]`).
const EPS: f64 = 1e-9;

/// Every equilibrium of `game` with supports of equal size — all equilibria
/// when the game is nondegenerate — verified and sorted.
///
/// # Errors
/// [`Error::Solver`] when the number of support pairs `Σ_k C(m,k) C(n,k) =
/// C(m+n, m) - 1` exceeds [`MAX_SUPPORT_PAIRS`].
pub fn support_enumeration(game: &MatrixGame) -> Result<Vec<Equilibrium>> {
    support_enumeration_with_progress(game, &|_, _| {})
}

/// [`support_enumeration`], calling `progress(done, total)` with the number
/// of row supports done so far, from time to time.
///
/// # Errors
/// As [`support_enumeration`].
pub fn support_enumeration_with_progress(
    game: &MatrixGame,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Vec<Equilibrium>> {
    let (m, n) = game.shape();
    if binomial(m + n, m) > MAX_SUPPORT_PAIRS {
        return Err(Error::Solver {
            method: "support enumeration",
            message: format!(
                "a {m}x{n} game has C({}, {m}) support pairs, more than the limit of {MAX_SUPPORT_PAIRS}; use lemke-howson",
                m + n
            ),
        });
    }
    let a = rescale(game.row_payoffs().iter().copied().collect());
    let b = rescale(game.col_payoffs().iter().copied().collect());
    let tol = tolerance_for(game);
    let mut row_sets = Vec::new();
    for k in 1..=m.min(n) {
        let mut c: Vec<usize> = (0..k).collect();
        loop {
            row_sets.push(c.clone());
            if !next_combination(&mut c, m) {
                break;
            }
        }
    }
    let total = row_sets.len() as u64;
    let done = AtomicU64::new(0);
    let found: Vec<Vec<Equilibrium>> = row_sets
        .par_iter()
        .map(|rows| {
            if crate::parallel::cancelled() {
                return Vec::new();
            }
            let out = supports_for_rows(game, &a, &b, m, n, rows, tol);
            let k = done.fetch_add(1, Ordering::Relaxed) + 1;
            if k % 256 == 0 || k == total {
                progress(k, total);
            }
            out
        })
        .collect();
    crate::parallel::check_cancelled()?;
    Ok(sort_and_dedup(
        found.into_iter().flatten().collect(),
        PROBABILITY_TOLERANCE,
    ))
}

/// Arithmetic operations support enumeration of an `m x n` game costs,
/// roughly: one `(k+1)`-square system per support pair of size `k`,
/// `Σ_k C(m,k) C(n,k) (k+1)³`, saturating.
pub fn work(m: usize, n: usize) -> u64 {
    (1..=m.min(n)).fold(0u64, |acc, k| {
        let pairs = binomial(m, k).saturating_mul(binomial(n, k));
        let cube = ((k + 1) as u128).pow(3);
        let w = u64::try_from(pairs.saturating_mul(cube)).unwrap_or(u64::MAX);
        acc.saturating_add(w)
    })
}

fn rescale(p: Vec<f64>) -> Vec<f64> {
    let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if hi > lo { hi - lo } else { 1.0 };
    p.into_iter().map(|v| (v - lo) / range + 1.0).collect()
}

/// The equilibria whose row support is `rows`.
fn supports_for_rows(
    game: &MatrixGame,
    a: &[f64],
    b: &[f64],
    m: usize,
    n: usize,
    rows: &[usize],
    tol: f64,
) -> Vec<Equilibrium> {
    let k = rows.len();
    let d = k + 1;
    let mut out = Vec::new();
    let mut cols: Vec<usize> = (0..k).collect();
    let mut mat = vec![0.0; d * d];
    let mut sol = vec![0.0; d];
    let mut y = vec![0.0; n];
    let mut x = vec![0.0; m];
    loop {
        // Column strategy: A[r][J] y - u = 0 for r in rows; Σ y = 1.
        let value = solve_indifference(k, |e, t| a[rows[e] * n + cols[t]], &mut mat, &mut sol);
        if let Some(u) = value {
            y.iter_mut().for_each(|v| *v = 0.0);
            for (t, &j) in cols.iter().enumerate() {
                y[j] = sol[t];
            }
            let rows_ok = (0..m).all(|i| {
                rows.contains(&i) || {
                    let s: f64 = cols.iter().map(|&j| a[i * n + j] * y[j]).sum();
                    s <= u + EPS
                }
            });
            if rows_ok && row_strategy(b, m, n, rows, &cols, &mut mat, &mut sol, &mut x) {
                let xa = Array1::from(x.clone());
                let ya = Array1::from(y.clone());
                if let Some(e) = certify(game, &xa, &ya, tol) {
                    out.push(e);
                }
            }
        }
        if !next_combination(&mut cols, n) {
            return out;
        }
    }
}

/// Solves `B[I][j] x - v = 0` for `j` in `cols`, `Σ x = 1`, and checks `x > 0`
/// and that no column outside `cols` earns more than `v`. Writes `x`.
#[allow(clippy::too_many_arguments)]
fn row_strategy(
    b: &[f64],
    m: usize,
    n: usize,
    rows: &[usize],
    cols: &[usize],
    mat: &mut [f64],
    sol: &mut [f64],
    x: &mut [f64],
) -> bool {
    // Row strategy: B[I][c] x - v = 0 for c in cols; Σ x = 1.
    let Some(v) = solve_indifference(rows.len(), |e, t| b[rows[t] * n + cols[e]], mat, sol) else {
        return false;
    };
    x.iter_mut().for_each(|p| *p = 0.0);
    for (t, &i) in rows.iter().enumerate() {
        x[i] = sol[t];
    }
    (0..n).all(|j| {
        cols.contains(&j) || {
            let s: f64 = rows.iter().map(|&i| b[i * n + j] * x[i]).sum();
            s <= v + EPS
        }
    }) && x.len() == m
}

/// Solves the indifference system of a support of size `k`: row `e` is
/// `Σ_t entry(e, t) p_t - w = 0` (the opponent's supported action `e` earns
/// `w` against the mix `p`), plus `Σ p = 1`. On success `sol[..k]` holds `p`
/// (every probability above `EPS`) and the value `w` is returned.
fn solve_indifference(
    k: usize,
    entry: impl Fn(usize, usize) -> f64,
    mat: &mut [f64],
    sol: &mut [f64],
) -> Option<f64> {
    let d = k + 1;
    for e in 0..k {
        for t in 0..k {
            mat[e * d + t] = entry(e, t);
        }
        mat[e * d + k] = -1.0;
        sol[e] = 0.0;
    }
    for t in 0..k {
        mat[k * d + t] = 1.0;
    }
    mat[k * d + k] = 0.0;
    sol[k] = 1.0;
    (solve_f64(mat, sol, d) && sol[..k].iter().all(|&v| v > EPS)).then(|| sol[k])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn rock_paper_scissors_uniform() {
        let eq = support_enumeration(&catalogue::rock_paper_scissors()).unwrap();
        assert_eq!(eq.len(), 1);
        let e = &eq[0];
        assert_eq!(e.exact.as_ref().unwrap().row[0].to_string(), "1/3");
        assert_eq!(e.row_payoff, 0.0);
    }

    #[test]
    fn battle_of_the_sexes() {
        let g = catalogue::by_name("battle_of_the_sexes", &[]).unwrap();
        assert_eq!(support_enumeration(&g).unwrap().len(), 3);
    }
}
