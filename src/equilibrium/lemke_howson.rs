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
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// Most tableau entries (both tableaux of one path, `(m + n) (m + n + 1)`
/// `f64`s, 8 bytes each) Lemke-Howson will allocate per path: 1 GiB.
pub const MAX_TABLEAU_ENTRIES: usize = 1 << 27;

/// Refuses a game whose tableaux would not fit in [`MAX_TABLEAU_ENTRIES`],
/// before anything is allocated.
fn check_size(game: &MatrixGame) -> Result<()> {
    let (m, n) = game.shape();
    let entries = (m + n).saturating_mul(m + n + 1);
    if entries > MAX_TABLEAU_ENTRIES {
        return Err(Error::Solver {
            method: "Lemke-Howson",
            message: format!(
                "a {m}x{n} game needs tableaux of {entries} entries per path, more than the limit of {MAX_TABLEAU_ENTRIES}"
            ),
        });
    }
    Ok(())
}

/// Pivot entries below this are treated as zero.
const PIVOT_EPS: f64 = 1e-12;

/// A tableau whose columns are indexed by label (`0..m+n`) plus a right-hand
/// side; `basis[r]` is the label of row `r`'s basic variable.
struct Tableau {
    /// `rows x w`, row-major.
    t: Vec<f64>,
    w: usize,
    basis: Vec<usize>,
    /// The columns of the initial (slack) basis, for the lexicographic rule.
    slack_cols: std::ops::Range<usize>,
    /// XOR of the Zobrist keys of the basic labels: a fingerprint of the basis.
    hash: u64,
}

/// A fixed pseudo-random 64-bit key per label (SplitMix64 of the label), for
/// fingerprinting bases.
fn zobrist(label: usize) -> u64 {
    let mut z = (label as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Tableau {
    fn new(t: Vec<f64>, w: usize, basis: Vec<usize>, slack_cols: std::ops::Range<usize>) -> Self {
        let hash = basis.iter().fold(0, |h, &l| h ^ zobrist(l));
        Tableau {
            t,
            w,
            basis,
            slack_cols,
            hash,
        }
    }

    fn rows(&self) -> usize {
        self.basis.len()
    }

    fn at(&self, r: usize, c: usize) -> f64 {
        self.t[r * self.w + c]
    }

    /// Enters the variable with label `entering` and returns the label that
    /// leaves, or `None` when no row limits it (cannot happen on a bounded
    /// polytope).
    fn pivot(&mut self, entering: usize) -> Option<usize> {
        let rhs = self.w - 1;
        let mut best: Option<usize> = None;
        for r in 0..self.rows() {
            if self.at(r, entering) <= PIVOT_EPS {
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
        let w = self.w;
        let p = self.t[r * w + entering];
        let mut prow: Vec<f64> = self.t[r * w..(r + 1) * w].to_vec();
        prow.iter_mut().for_each(|v| *v /= p);
        for (o, row) in self.t.chunks_mut(w).enumerate() {
            if o == r {
                row.copy_from_slice(&prow);
                continue;
            }
            let f = row[entering];
            if f != 0.0 {
                for (v, &pv) in row.iter_mut().zip(prow.iter()) {
                    *v -= f * pv;
                }
                row[entering] = 0.0;
            }
        }
        let leaving = self.basis[r];
        self.basis[r] = entering;
        self.hash ^= zobrist(leaving) ^ zobrist(entering);
        Some(leaving)
    }

    /// Lexicographic ratio comparison of rows `a` and `b` for column `e`:
    /// `(rhs, B⁻¹ row) / t[row][e]`.
    fn lex_less(&self, a: usize, b: usize, e: usize, rhs: usize) -> bool {
        let (pa, pb) = (self.at(a, e), self.at(b, e));
        let cols = std::iter::once(rhs).chain(self.slack_cols.clone());
        for c in cols {
            let (va, vb) = (self.at(a, c) / pa, self.at(b, c) / pb);
            let scale = va.abs().max(vb.abs()).max(1.0);
            if (va - vb).abs() > 1e-12 * scale {
                return va.partial_cmp(&vb) == Some(Ordering::Less);
            }
        }
        a < b
    }

    /// `true` when some basic variable is (within [`SUSPECT_EPS`]) zero.
    fn has_basic_zero(&self) -> bool {
        let rhs = self.w - 1;
        (0..self.rows()).any(|r| self.at(r, rhs) <= SUSPECT_EPS)
    }

    /// Values of the basic variables whose labels lie in `labels`, by label.
    fn values(&self, labels: std::ops::Range<usize>) -> Vec<f64> {
        let rhs = self.w - 1;
        let mut out = vec![0.0; labels.len()];
        for (r, &l) in self.basis.iter().enumerate() {
            if labels.contains(&l) {
                out[l - labels.start] = self.at(r, rhs).max(0.0);
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
    check_size(game)?;
    let setup = Setup::new(game);
    run(game, &setup, label)
        .equilibrium
        .ok_or_else(|| Error::Solver {
            method: "Lemke-Howson",
            message: format!("the path from label {label} did not end at a verified equilibrium"),
        })
}

/// Which starting labels [`lemke_howson_from`] follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Labels {
    /// Label `0` (the row player's first action) only, as Gambit's
    /// `gambit-lcp` does by default: one path, one equilibrium.
    #[default]
    First,
    /// Every label `0..m+n`: `m + n` paths, possibly several equilibria.
    All,
    /// These labels (`0..m` the row player's actions, `m..m+n` the column
    /// player's).
    These(Vec<usize>),
}

impl Labels {
    /// The labels to follow in a game with `m + n` labels, in increasing
    /// order without repeats.
    ///
    /// # Errors
    /// [`Error::Solver`] when a label is out of range or the list is empty.
    pub fn resolve(&self, m: usize, n: usize) -> Result<Vec<usize>> {
        let mut out = match self {
            Labels::First => vec![0],
            Labels::All => (0..m + n).collect(),
            Labels::These(list) => list.clone(),
        };
        out.sort_unstable();
        out.dedup();
        if out.is_empty() {
            return Err(Error::Solver {
                method: "Lemke-Howson",
                message: "no starting label given".to_string(),
            });
        }
        if let Some(&bad) = out.iter().find(|&&k| k >= m + n) {
            return Err(Error::Solver {
                method: "Lemke-Howson",
                message: format!(
                    "starting label {bad} is out of range: a {m}x{n} game has labels 0..{}",
                    m + n - 1
                ),
            });
        }
        Ok(out)
    }
}

/// What [`lemke_howson_from`] found and what it cost.
#[derive(Debug, Clone)]
pub struct LemkeHowsonRun {
    /// The distinct verified equilibria at the paths' ends, sorted.
    pub equilibria: Vec<Equilibrium>,
    /// The labels followed.
    pub labels: Vec<usize>,
    /// Pivots made, over all paths.
    pub pivots: u64,
    /// Arithmetic operations spent pivoting (tableau entries updated), over
    /// all paths: the measure against which the cost of deciding degeneracy
    /// is weighed.
    pub work: u64,
    /// `true` when a path passed through a degenerate vertex (a basic
    /// variable at zero, confirmed on a tableau rebuilt from the payoffs,
    /// exactly for integer games): then the game is degenerate. `false`
    /// decides nothing.
    pub degenerate_vertex: bool,
}

/// Lemke-Howson from every starting label `0..m+n`, the distinct verified
/// equilibria found, sorted.
///
/// # Errors
/// [`Error::Solver`] when the tableaux would exceed [`MAX_TABLEAU_ENTRIES`],
/// or no path ends at a verified equilibrium.
pub fn lemke_howson_all(game: &MatrixGame) -> Result<Vec<Equilibrium>> {
    lemke_howson_all_with_progress(game, &|_| {})
}

/// [`lemke_howson_all`], calling `progress` with the number of paths
/// finished so far (of `m + n`) after each path.
///
/// # Errors
/// As [`lemke_howson_all`].
pub fn lemke_howson_all_with_progress(
    game: &MatrixGame,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Equilibrium>> {
    Ok(lemke_howson_from(game, &Labels::All, progress)?.equilibria)
}

/// Lemke-Howson from the starting `labels` (paths in parallel), calling
/// `progress` with the number of paths finished so far after each path.
///
/// A path costs `O(pivots · (m + n) · max(m, n))`; following every label
/// multiplies that by `m + n`, which on a 200x200 game is the difference
/// between milliseconds and minutes.
///
/// # Errors
/// [`Error::Solver`] when a label is out of range, the tableaux would exceed
/// [`MAX_TABLEAU_ENTRIES`], or no path ends at a verified equilibrium.
pub fn lemke_howson_from(
    game: &MatrixGame,
    labels: &Labels,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<LemkeHowsonRun> {
    check_size(game)?;
    let (m, n) = game.shape();
    let labels = labels.resolve(m, n)?;
    let setup = Setup::new(game);
    let done = AtomicU64::new(0);
    let paths: Vec<Path> = labels
        .par_iter()
        .map(|&k| {
            let p = run(game, &setup, k);
            progress(done.fetch_add(1, AtomicOrdering::Relaxed) + 1);
            p
        })
        .collect();
    crate::parallel::check_cancelled()?;
    let pivots: u64 = paths.iter().map(|p| p.pivots).sum();
    // A pivot updates one tableau: `rows x (m + n + 1)` entries.
    let w = (m + n + 1) as u64;
    let work: u64 = paths
        .iter()
        .map(|p| p.x_pivots * n as u64 * w + (p.pivots - p.x_pivots) * m as u64 * w)
        .sum();
    let degenerate_vertex = paths
        .iter()
        .filter_map(|p| p.suspect.as_ref())
        .any(|(row, basis)| super::vertex::degenerate_basis(game, *row, basis) == Some(true));
    let found: Vec<Equilibrium> = paths.into_iter().filter_map(|p| p.equilibrium).collect();
    if found.is_empty() {
        return Err(Error::Solver {
            method: "Lemke-Howson",
            message: if labels.len() == 1 {
                format!(
                    "the path from label {} did not end at a verified equilibrium",
                    labels[0]
                )
            } else {
                "no path ended at a verified equilibrium".to_string()
            },
        });
    }
    Ok(LemkeHowsonRun {
        equilibria: sort_and_dedup(found, PROBABILITY_TOLERANCE),
        labels,
        pivots,
        work,
        degenerate_vertex,
    })
}

/// What every path of a game shares: the positive payoffs and the tolerance.
struct Setup {
    a: Array2<f64>,
    b: Array2<f64>,
    tolerance: f64,
}

impl Setup {
    fn new(game: &MatrixGame) -> Self {
        Setup {
            a: positive(game.row_payoffs()),
            b: positive(game.col_payoffs()),
            tolerance: tolerance_for(game),
        }
    }
}

/// One path: its end (when verified), its pivots, and a basis where a basic
/// variable looked zero (a degenerate vertex, to be confirmed).
struct Path {
    equilibrium: Option<Equilibrium>,
    pivots: u64,
    /// Pivots in the x tableau.
    x_pivots: u64,
    /// `(true, labels)` for a basis of the x tableau (the row player's
    /// polytope), `(false, labels)` for the y tableau.
    suspect: Option<(bool, Vec<usize>)>,
}

/// A basic value below this (on payoffs in `[1, 2]`) makes the basis a
/// suspected degenerate vertex, confirmed by rebuilding it.
const SUSPECT_EPS: f64 = 1e-9;

fn run(game: &MatrixGame, setup: &Setup, label: usize) -> Path {
    let (m, n) = game.shape();
    let (a, b) = (&setup.a, &setup.b);
    let w = m + n + 1;
    // Tableau for x (n rows: Bᵀx + s = 1): columns x_i (labels 0..m), s_j (m..m+n).
    let mut tx = vec![0.0; n * w];
    for j in 0..n {
        for i in 0..m {
            tx[j * w + i] = b[(i, j)];
        }
        tx[j * w + m + j] = 1.0;
        tx[j * w + m + n] = 1.0;
    }
    // Tableau for y (m rows: r + Ay = 1): columns r_i (labels 0..m), y_j (m..m+n).
    let mut ty = vec![0.0; m * w];
    for i in 0..m {
        ty[i * w + i] = 1.0;
        for j in 0..n {
            ty[i * w + m + j] = a[(i, j)];
        }
        ty[i * w + m + n] = 1.0;
    }
    let mut px = Tableau::new(tx, w, (m..m + n).collect(), m..m + n);
    let mut py = Tableau::new(ty, w, (0..m).collect(), 0..m);
    let mut path = Path {
        equilibrium: None,
        pivots: 0,
        x_pivots: 0,
        suspect: None,
    };
    // Label k < m is x_k, a column of the x tableau; k >= m is y_{k-m}.
    let mut in_x = label < m;
    let mut entering = label;
    // In exact arithmetic the path never repeats a basis; a repeat means
    // rounding has sent it round a cycle, and the path is abandoned.
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    loop {
        // A cancelled run abandons the path; the caller reports it.
        if crate::parallel::cancelled() {
            return path;
        }
        let t = if in_x { &mut px } else { &mut py };
        let Some(leaving) = t.pivot(entering) else {
            return path;
        };
        path.pivots += 1;
        path.x_pivots += u64::from(in_x);
        if path.suspect.is_none() && t.has_basic_zero() {
            path.suspect = Some((in_x, t.basis.clone()));
        }
        if leaving == label {
            let x = Array1::from(px.values(0..m));
            let y = Array1::from(py.values(m..m + n));
            if x.sum() <= 0.0 || y.sum() <= 0.0 {
                return path;
            }
            let x = &x / x.sum();
            let y = &y / y.sum();
            path.equilibrium = certify(game, &x, &y, setup.tolerance);
            return path;
        }
        if !seen.insert((px.hash, py.hash)) {
            return path;
        }
        entering = leaving;
        in_x = !in_x;
    }
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
    fn a_path_through_a_degenerate_vertex_is_a_witness() {
        // x = (1/2, 1/2) makes all three columns best responses (no pure
        // tie): a vertex of P with three labels in dimension two. Every
        // equilibrium has this x (y on the segment from (1/2, 1/2, 0) to
        // (0, 1/3, 2/3)), so every path ends at that vertex.
        let a = array![[2.0, 0.0, 1.0], [0.0, 2.0, 0.0]];
        let b = array![[0.0, 2.0, 1.0], [2.0, 0.0, 1.0]];
        let g = MatrixGame::new(a, b).unwrap();
        assert!(!crate::equilibrium::degenerate::has_pure_tie(&g));
        let run = lemke_howson_from(&g, &Labels::All, &|_| {}).unwrap();
        assert!(run.degenerate_vertex);
        assert_eq!(run.labels, vec![0, 1, 2, 3, 4]);
        assert!(run.pivots > 0 && run.work > 0);
        // The von Stengel example is nondegenerate: no path finds a witness.
        let a = array![[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]];
        let b = array![[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]];
        let g = MatrixGame::new(a, b).unwrap();
        let run = lemke_howson_from(&g, &Labels::All, &|_| {}).unwrap();
        assert!(!run.degenerate_vertex);
        assert_eq!(run.equilibria, lemke_howson_all(&g).unwrap());
        let first = lemke_howson_from(&g, &Labels::default(), &|_| {}).unwrap();
        assert_eq!(first.labels, vec![0]);
        assert_eq!(first.equilibria.len(), 1);
        assert!(first.work < run.work);
    }

    #[test]
    fn degenerate_game_terminates() {
        let z = array![[0.0, 0.0], [0.0, 0.0]];
        let g = MatrixGame::new(z.clone(), z).unwrap();
        assert!(!lemke_howson_all(&g).unwrap().is_empty());
    }
}
