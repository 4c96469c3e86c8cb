//! The Lemke-Howson algorithm, from one starting label or from all of them.
//!
//! With payoffs shifted to be positive, Lemke-Howson follows a path of
//! almost-complementary basic solutions of the two best-response polytopes
//! (`Bᵀx + s = 1`, `Ay + r = 1`, all variables non-negative), starting from the
//! artificial equilibrium `(0, 0)` by dropping one label `k` (entering the
//! variable with that label), and pivoting alternately in the two tableaux
//! until label `k` is picked up again; the end of the path is a Nash
//! equilibrium. The minimum-ratio test is lexicographic, which keeps the path
//! well defined in degenerate games. Each run is `O(pivots · (m+n)²)`, fast on
//! large games, but the set found from all `m + n` labels need not be every
//! equilibrium; use [`super::vertex_enumeration`] for that.
//!
//! Every path's end is verified before it is returned.
//!
//! ## References
//! - C. E. Lemke and J. T. Howson (1964), "Equilibrium points of bimatrix
//!   games", Journal of the SIAM 12:413-423.
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", ch. 3 of *Algorithmic Game Theory*, §3.4-3.5.

use super::verify::{certify, tolerance_for, PROBABILITY_TOLERANCE};
use super::{sort_and_dedup, Equilibrium};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use std::cmp::Ordering;

/// Pivot entries below this are treated as zero.
const PIVOT_EPS: f64 = 1e-12;

/// A tableau whose columns are indexed by label (`0..m+n`) plus a right-hand
/// side; `basis[r]` is the label of row `r`'s basic variable.
struct Tableau {
    t: Array2<f64>,
    basis: Vec<usize>,
    /// The columns of the initial (slack) basis, for the lexicographic rule.
    slack_cols: std::ops::Range<usize>,
}

impl Tableau {
    /// Enters the variable with label `entering` and returns the label that
    /// leaves, or `None` when no row limits it (cannot happen on a bounded
    /// polytope).
    fn pivot(&mut self, entering: usize) -> Option<usize> {
        let rows = self.t.nrows();
        let rhs = self.t.ncols() - 1;
        let mut best: Option<usize> = None;
        for r in 0..rows {
            let p = self.t[(r, entering)];
            if p <= PIVOT_EPS {
                continue;
            }
            best = Some(match best {
                None => r,
                Some(b) => {
                    if self.lex_less(r, b, entering, rhs) {
                        r
                    } else {
                        b
                    }
                }
            });
        }
        let r = best?;
        let p = self.t[(r, entering)];
        let cols = self.t.ncols();
        for c in 0..cols {
            self.t[(r, c)] /= p;
        }
        for o in 0..rows {
            if o == r {
                continue;
            }
            let f = self.t[(o, entering)];
            if f != 0.0 {
                for c in 0..cols {
                    let v = self.t[(r, c)];
                    self.t[(o, c)] -= f * v;
                }
            }
        }
        let leaving = self.basis[r];
        self.basis[r] = entering;
        Some(leaving)
    }

    /// Lexicographic ratio comparison of rows `a` and `b` for column `e`:
    /// `(rhs, B⁻¹ row) / t[row][e]`.
    fn lex_less(&self, a: usize, b: usize, e: usize, rhs: usize) -> bool {
        let (pa, pb) = (self.t[(a, e)], self.t[(b, e)]);
        let key = |r: usize, p: f64, c: usize| self.t[(r, c)] / p;
        let cols = std::iter::once(rhs).chain(self.slack_cols.clone());
        for c in cols {
            let (va, vb) = (key(a, pa, c), key(b, pb, c));
            let scale = va.abs().max(vb.abs()).max(1.0);
            if (va - vb).abs() > 1e-12 * scale {
                return va.partial_cmp(&vb) == Some(Ordering::Less);
            }
        }
        a < b
    }

    /// Values of the basic variables whose labels lie in `labels`, by label.
    fn values(&self, labels: std::ops::Range<usize>) -> Vec<f64> {
        let rhs = self.t.ncols() - 1;
        let mut out = vec![0.0; labels.len()];
        for (r, &l) in self.basis.iter().enumerate() {
            if labels.contains(&l) {
                out[l - labels.start] = self.t[(r, rhs)].max(0.0);
            }
        }
        out
    }
}

/// One equilibrium of `game` by Lemke-Howson, dropping label `label`
/// (`0..m` are the row player's actions, `m..m+n` the column player's).
///
/// # Errors
/// [`Error::Solver`] when `label >= m + n`, or the path fails (numerically) to
/// end at a verified equilibrium.
pub fn lemke_howson(game: &MatrixGame, label: usize) -> Result<Equilibrium> {
    let (m, n) = game.shape();
    if label >= m + n {
        return Err(Error::Solver {
            method: "Lemke-Howson",
            message: format!(
                "starting label {label} is out of range: a {m}x{n} game has labels 0..{}",
                m + n - 1
            ),
        });
    }
    run(game, label).ok_or_else(|| Error::Solver {
        method: "Lemke-Howson",
        message: format!("the path from label {label} did not end at a verified equilibrium"),
    })
}

/// Lemke-Howson from every starting label `0..m+n`, the distinct verified
/// equilibria found, sorted.
///
/// # Errors
/// [`Error::Solver`] when no path ends at a verified equilibrium.
pub fn lemke_howson_all(game: &MatrixGame) -> Result<Vec<Equilibrium>> {
    let (m, n) = game.shape();
    let found: Vec<Equilibrium> = (0..m + n)
        .into_par_iter()
        .filter_map(|k| run(game, k))
        .collect();
    if found.is_empty() {
        return Err(Error::Solver {
            method: "Lemke-Howson",
            message: "no path ended at a verified equilibrium".to_string(),
        });
    }
    Ok(sort_and_dedup(found, PROBABILITY_TOLERANCE))
}

fn run(game: &MatrixGame, label: usize) -> Option<Equilibrium> {
    let (m, n) = game.shape();
    let a = positive(game.row_payoffs());
    let b = positive(game.col_payoffs());
    // Tableau for x (n rows: Bᵀx + s = 1): columns x_i (labels 0..m), s_j (m..m+n).
    let mut tx = Array2::zeros((n, m + n + 1));
    for j in 0..n {
        for i in 0..m {
            tx[(j, i)] = b[(i, j)];
        }
        tx[(j, m + j)] = 1.0;
        tx[(j, m + n)] = 1.0;
    }
    // Tableau for y (m rows: r + Ay = 1): columns r_i (labels 0..m), y_j (m..m+n).
    let mut ty = Array2::zeros((m, m + n + 1));
    for i in 0..m {
        ty[(i, i)] = 1.0;
        for j in 0..n {
            ty[(i, m + j)] = a[(i, j)];
        }
        ty[(i, m + n)] = 1.0;
    }
    let mut px = Tableau {
        t: tx,
        basis: (m..m + n).collect(),
        slack_cols: m..m + n,
    };
    let mut py = Tableau {
        t: ty,
        basis: (0..m).collect(),
        slack_cols: 0..m,
    };
    // Label k < m is x_k, a column of the x tableau; k >= m is y_{k-m}.
    let mut in_x = label < m;
    let mut entering = label;
    let max_steps = 50 * (m + n) * (m + n) + 1000;
    for _ in 0..max_steps {
        let leaving = if in_x {
            px.pivot(entering)?
        } else {
            py.pivot(entering)?
        };
        if leaving == label {
            let x = Array1::from(px.values(0..m));
            let y = Array1::from(py.values(m..m + n));
            if x.sum() <= 0.0 || y.sum() <= 0.0 {
                return None;
            }
            let x = &x / x.sum();
            let y = &y / y.sum();
            return certify(game, &x, &y, tolerance_for(game));
        }
        entering = leaving;
        in_x = !in_x;
    }
    None
}

/// The payoffs shifted and scaled into `[1, 2]` (best responses unchanged).
fn positive(p: &Array2<f64>) -> Array2<f64> {
    let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if hi > lo { hi - lo } else { 1.0 };
    p.mapv(|v| (v - lo) / range + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn finds_the_pd_equilibrium_from_every_label() {
        let g = catalogue::prisoners_dilemma_default();
        for k in 0..4 {
            let e = lemke_howson(&g, k).unwrap();
            assert_eq!(e.row_support(), vec![1]);
        }
        assert!(lemke_howson(&g, 4).is_err());
    }

    #[test]
    fn von_stengel_example() {
        // von Stengel (2007), Figure 3.3: three equilibria, all reachable.
        let a = array![[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]];
        let b = array![[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]];
        let g = MatrixGame::new(a, b).unwrap();
        let all = lemke_howson_all(&g).unwrap();
        assert!(!all.is_empty());
        for e in &all {
            assert!(e.max_regret < 1e-9);
        }
    }

    #[test]
    fn degenerate_game_terminates() {
        let z = array![[0.0, 0.0], [0.0, 0.0]];
        let g = MatrixGame::new(z.clone(), z).unwrap();
        assert!(!lemke_howson_all(&g).unwrap().is_empty());
    }
}
