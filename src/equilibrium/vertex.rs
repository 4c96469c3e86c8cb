//! All extreme Nash equilibria by enumerating the vertices of the two
//! best-response polytopes, the method of Gambit's `enummixed`.
//!
//! With payoffs shifted to be positive (`A' > 0`, `B' > 0`, which changes no
//! best response), the best-response polytopes are
//! `P = {x ∈ Rᵐ : x >= 0, B'ᵀx <= 1}` and `Q = {y ∈ Rⁿ : y >= 0, A'y <= 1}`.
//! Label a point of `P` with the rows `i` where `x_i = 0` and the columns `j`
//! where `(B'ᵀx)_j = 1` (column `j` is a best response to `x`), and a point of
//! `Q` with the rows that are best responses to `y` and the columns where
//! `y_j = 0`. A pair `(x, y) ≠ (0, 0)` whose labels together cover every row
//! and column is, normalised, a Nash equilibrium; the pairs of *vertices* that
//! do so are the extreme equilibria, and every equilibrium is a convex
//! combination of extreme ones sharing a component (von Stengel 2007,
//! Theorem 3.14; Avis et al. 2010). This is complete for every game,
//! degenerate or not, and decides degeneracy on the way: a game is degenerate
//! exactly when some vertex has more labels than the polytope's dimension.
//!
//! For integer payoffs the vertices are found by solving, for every row set
//! `I` and column set `J` of equal size, the square system
//! `B'[I, J]ᵀ x_I = 1` (and likewise for `Q`) exactly (fraction-free, checked
//! `i128`), so labels, degeneracy and the equilibria are exact and come out as
//! fractions; the row sets are processed in parallel and the result does not
//! depend on the number of threads. Otherwise (or if an intermediate value
//! would overflow) the polytopes are explored in `f64` on payoffs rescaled to
//! `[1, 2]`, with a tolerance of `1e-9`: by pivoting along their edges from
//! the origin (a breadth-first search of the vertex graph, which visits only
//! the vertices), or, as soon as a polytope shows a sign of degeneracy, by
//! trying every square system as above.
//!
//! ## References
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", ch. 3 of *Algorithmic Game Theory*,
//!   Cambridge University Press.
//! - D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
//!   "Enumeration of Nash equilibria for two-player games", Economic Theory
//!   42:9-37.
//! - O. L. Mangasarian (1964), "Equilibrium points of bimatrix games", Journal
//!   of the SIAM 12:778-780.

use super::exact::next_combination;
use super::linalg::{solve_exact, solve_f64, ExactSolve};
use super::verify::{certify, max_regret, tolerance_for};
use super::{binomial, exact, sort_and_dedup, Equilibrium, ExactEquilibrium, Rational};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::Array1;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Most square systems (`C(m+n, m)` per polytope) vertex enumeration will
/// solve before refusing the game as too large.
pub const MAX_SYSTEMS: u128 = 50_000_000;

/// Tolerance on the rescaled payoffs (entries in `[1, 2]`) in `f64` mode.
const EPS: f64 = 1e-9;

/// The result of [`vertex_enumeration`].
#[derive(Debug, Clone)]
pub struct VertexEnumeration {
    /// Every extreme equilibrium, verified and sorted.
    pub equilibria: Vec<Equilibrium>,
    /// Whether the game is degenerate.
    pub degenerate: bool,
    /// `true` when computed in exact rational arithmetic.
    pub exact: bool,
    /// Number of vertices of the row player's polytope `P` (the origin excluded).
    pub row_vertices: usize,
    /// Number of vertices of the column player's polytope `Q` (the origin excluded).
    pub col_vertices: usize,
}

/// A vertex of `{z >= 0, Cᵀz <= 1}`: which coordinates are zero, which
/// constraints are tight, and the point.
#[derive(Debug, Clone)]
struct RawVertex<V> {
    zero: u128,
    tight: u128,
    point: V,
}

/// Exact point: `numerators / denominator`.
type ExactPoint = (Vec<i128>, i128);

/// All extreme equilibria of `game`, with its degeneracy (see the module
/// documentation).
///
/// # Errors
/// [`Error::Solver`] when `m + n > 128` or `C(m+n, m)` exceeds [`MAX_SYSTEMS`].
pub fn vertex_enumeration(game: &MatrixGame) -> Result<VertexEnumeration> {
    let (m, n) = game.shape();
    if m + n > 128 || binomial(m + n, m) > MAX_SYSTEMS {
        return Err(Error::Solver {
            method: "vertex enumeration",
            message: format!(
                "a {m}x{n} game needs C({}, {m}) linear systems per player, more than the limit of {MAX_SYSTEMS}; use lemke-howson",
                m + n
            ),
        });
    }
    if let Some(result) = exact_enumeration(game) {
        return Ok(result);
    }
    Ok(float_enumeration(game))
}

// ---------------------------------------------------------------------------
// Exact (integer) enumeration.

fn exact_enumeration(game: &MatrixGame) -> Option<VertexEnumeration> {
    let (a, b) = exact::integer_payoffs(game)?;
    let (m, n) = game.shape();
    let min_a = *a.iter().min()?;
    let min_b = *b.iter().min()?;
    // P: d = m, c = n, C[i][j] = B'[i][j].  Q: d = n, c = m, C[j][i] = A'[i][j].
    let mut cp = vec![0i128; m * n];
    let mut cq = vec![0i128; n * m];
    for i in 0..m {
        for j in 0..n {
            cp[i * n + j] = b[(i, j)].checked_sub(min_b)?.checked_add(1)?;
            cq[j * m + i] = a[(i, j)].checked_sub(min_a)?.checked_add(1)?;
        }
    }
    let pv = enumerate_exact(m, n, &cp)?;
    let qv = enumerate_exact(n, m, &cq)?;
    let degenerate = is_degenerate_sets(&pv, &qv, m, n);
    let pairs = matching_pairs(&pv, &qv, m, n, degenerate);
    let tol = tolerance_for(game);
    let mut eqs = Vec::with_capacity(pairs.len());
    for (pi, qi) in pairs {
        let (xn, xd) = &pv[pi].point;
        let (yn, yd) = &qv[qi].point;
        let sx: i128 = xn.iter().sum();
        let sy: i128 = yn.iter().sum();
        let row: Vec<Rational> = xn.iter().map(|&v| Rational::new(v, sx)).collect();
        let col: Vec<Rational> = yn.iter().map(|&v| Rational::new(v, sy)).collect();
        // A'ŷ = yd / Σy_num on best responses; undo the shift A' = A - min + 1.
        let row_payoff = Rational::new(*yd, sy) + Rational::from_integer(min_a - 1);
        let col_payoff = Rational::new(*xd, sx) + Rational::from_integer(min_b - 1);
        let x: Array1<f64> = row.iter().map(exact::to_f64).collect();
        let y: Array1<f64> = col.iter().map(exact::to_f64).collect();
        let regret = max_regret(game, x.view(), y.view());
        if regret > tol {
            // Cannot happen for an exact vertex pair; never report an unverified one.
            continue;
        }
        eqs.push(Equilibrium {
            row: x,
            col: y,
            row_payoff: exact::to_f64(&row_payoff),
            col_payoff: exact::to_f64(&col_payoff),
            max_regret: regret,
            exact: Some(ExactEquilibrium {
                row,
                col,
                row_payoff,
                col_payoff,
            }),
        });
    }
    Some(VertexEnumeration {
        equilibria: sort_and_dedup(eqs, 0.0),
        degenerate,
        exact: true,
        row_vertices: pv.len(),
        col_vertices: qv.len(),
    })
}

/// Vertices of `{z ∈ R^d : z >= 0, Cᵀz <= 1}` (origin excluded), `c_mat`
/// row-major `d x c`. `None` on `i128` overflow.
fn enumerate_exact(d: usize, c: usize, c_mat: &[i128]) -> Option<Vec<RawVertex<ExactPoint>>> {
    let overflow = AtomicBool::new(false);
    let subsets = all_subsets(d, d.min(c));
    let found: Vec<Vec<RawVertex<ExactPoint>>> = subsets
        .par_iter()
        .map(|rows| {
            let k = rows.len();
            let mut out = Vec::new();
            let mut cols: Vec<usize> = (0..k).collect();
            let mut mat = vec![0i128; k * k];
            let ones = vec![1i128; k];
            loop {
                if overflow.load(Ordering::Relaxed) {
                    return out;
                }
                for (r, &j) in cols.iter().enumerate() {
                    for (t, &i) in rows.iter().enumerate() {
                        mat[r * k + t] = c_mat[i * c + j];
                    }
                }
                match solve_exact(&mat, &ones, k) {
                    ExactSolve::Overflow => {
                        overflow.store(true, Ordering::Relaxed);
                        return out;
                    }
                    ExactSolve::Singular => {}
                    ExactSolve::Unique {
                        numerators,
                        denominator,
                    } => {
                        if numerators.iter().all(|&v| v >= 0) {
                            match exact_labels(d, c, c_mat, rows, &numerators, denominator) {
                                Err(()) => {
                                    overflow.store(true, Ordering::Relaxed);
                                    return out;
                                }
                                Ok(Some(v)) => out.push(v),
                                Ok(None) => {}
                            }
                        }
                    }
                }
                if !next_combination(&mut cols, c) {
                    return out;
                }
            }
        })
        .collect();
    if overflow.load(Ordering::Relaxed) {
        return None;
    }
    Some(dedup_vertices(found.into_iter().flatten().collect()))
}

/// The vertex with `z_rows = num / den` if feasible (`Ok(None)` if not),
/// `Err` on overflow.
fn exact_labels(
    d: usize,
    c: usize,
    c_mat: &[i128],
    rows: &[usize],
    num: &[i128],
    den: i128,
) -> std::result::Result<Option<RawVertex<ExactPoint>>, ()> {
    let mut tight = 0u128;
    for j in 0..c {
        let mut s: i128 = 0;
        for (t, &i) in rows.iter().enumerate() {
            let term = c_mat[i * c + j].checked_mul(num[t]).ok_or(())?;
            s = s.checked_add(term).ok_or(())?;
        }
        if s > den {
            return Ok(None);
        }
        if s == den {
            tight |= 1u128 << j;
        }
    }
    let mut point = vec![0i128; d];
    let mut zero = 0u128;
    for i in 0..d {
        zero |= 1u128 << i;
    }
    for (t, &i) in rows.iter().enumerate() {
        point[i] = num[t];
        if num[t] != 0 {
            zero &= !(1u128 << i);
        }
    }
    Ok(Some(RawVertex {
        zero,
        tight,
        point: (point, den),
    }))
}

// ---------------------------------------------------------------------------
// Floating-point enumeration.

fn float_enumeration(game: &MatrixGame) -> VertexEnumeration {
    let (m, n) = game.shape();
    let cp = rescaled(game.col_payoffs().iter().copied().collect(), m, n, false);
    let cq = rescaled(game.row_payoffs().iter().copied().collect(), m, n, true);
    // Pivoting along the edges of both polytopes visits only their vertices;
    // it needs simple polytopes, so any sign of degeneracy (a tie in a ratio
    // test, a basic variable at zero) falls back to trying every basis.
    let (pv, qv) = match (pivot_enumerate(m, n, &cp), pivot_enumerate(n, m, &cq)) {
        (Some(pv), Some(qv)) => (pv, qv),
        _ => (enumerate_f64(m, n, &cp), enumerate_f64(n, m, &cq)),
    };
    let degenerate = is_degenerate_sets(&pv, &qv, m, n);
    let pairs = matching_pairs(&pv, &qv, m, n, degenerate);
    let tol = tolerance_for(game);
    let eqs: Vec<Equilibrium> = pairs
        .into_iter()
        .filter_map(|(pi, qi)| {
            let x = normalised(&pv[pi].point);
            let y = normalised(&qv[qi].point);
            certify(game, &x, &y, tol)
        })
        .collect();
    VertexEnumeration {
        equilibria: sort_and_dedup(eqs, 0.0),
        degenerate,
        exact: false,
        row_vertices: pv.len(),
        col_vertices: qv.len(),
    }
}

/// Payoffs (row-major `m x n`) rescaled to `[1, 2]`, laid out `d x c`: as is
/// for `P` (`d = m`), transposed for `Q` (`d = n`).
fn rescaled(p: Vec<f64>, m: usize, n: usize, transpose: bool) -> Vec<f64> {
    let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if hi > lo { hi - lo } else { 1.0 };
    let mut out = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            let v = (p[i * n + j] - lo) / range + 1.0;
            if transpose {
                out[j * m + i] = v;
            } else {
                out[i * n + j] = v;
            }
        }
    }
    out
}

fn normalised(z: &[f64]) -> Array1<f64> {
    let s: f64 = z.iter().sum();
    z.iter().map(|v| v / s).collect()
}

fn enumerate_f64(d: usize, c: usize, c_mat: &[f64]) -> Vec<RawVertex<Vec<f64>>> {
    let subsets = all_subsets(d, d.min(c));
    let found: Vec<Vec<RawVertex<Vec<f64>>>> = subsets
        .par_iter()
        .map(|rows| {
            let k = rows.len();
            let mut out = Vec::new();
            let mut cols: Vec<usize> = (0..k).collect();
            let mut mat = vec![0.0f64; k * k];
            let mut z = vec![0.0f64; k];
            // The rows' payoff vectors, gathered once: sub[t * c + j] = C[rows[t]][j].
            let mut sub = vec![0.0f64; k * c];
            for (t, &i) in rows.iter().enumerate() {
                sub[t * c..(t + 1) * c].copy_from_slice(&c_mat[i * c..(i + 1) * c]);
            }
            'next: loop {
                for (r, &j) in cols.iter().enumerate() {
                    for t in 0..k {
                        mat[r * k + t] = sub[t * c + j];
                    }
                }
                z.iter_mut().for_each(|v| *v = 1.0);
                if solve_f64(&mut mat, &mut z, k) && z.iter().all(|&v| v >= -EPS) {
                    let mut tight = 0u128;
                    let mut feasible = true;
                    for j in 0..c {
                        let mut s = 0.0;
                        for t in 0..k {
                            s += sub[t * c + j] * z[t];
                        }
                        if s > 1.0 + EPS {
                            feasible = false;
                            break;
                        }
                        if s >= 1.0 - EPS {
                            tight |= 1u128 << j;
                        }
                    }
                    if feasible {
                        let mut point = vec![0.0; d];
                        let mut zero = 0u128;
                        for i in 0..d {
                            zero |= 1u128 << i;
                        }
                        for (t, &i) in rows.iter().enumerate() {
                            if z[t] > EPS {
                                point[i] = z[t];
                                zero &= !(1u128 << i);
                            }
                        }
                        out.push(RawVertex { zero, tight, point });
                    }
                }
                if !next_combination(&mut cols, c) {
                    break 'next;
                }
            }
            out
        })
        .collect();
    dedup_vertices(found.into_iter().flatten().collect())
}

/// Vertices of the simple polytope `{z ∈ R^d : z >= 0, Cᵀz <= 1}` (origin
/// excluded) by a breadth-first search of its vertex graph from the origin:
/// each vertex is a basis of the tableau `Cᵀz + s = 1`, and its `d` neighbours
/// are one pivot away. `None` as soon as the polytope looks degenerate (a
/// ratio-test tie or a basic variable at zero, within `EPS`): the caller then
/// uses [`enumerate_f64`].
fn pivot_enumerate(d: usize, c: usize, c_mat: &[f64]) -> Option<Vec<RawVertex<Vec<f64>>>> {
    let w = d + c + 1;
    let rhs = d + c;
    // Row j: Σ_i C[i][j] z_i + s_j = 1. Variables 0..d are z, d..d+c slacks.
    let mut t0 = vec![0.0f64; c * w];
    for j in 0..c {
        for i in 0..d {
            t0[j * w + i] = c_mat[i * c + j];
        }
        t0[j * w + d + j] = 1.0;
        t0[j * w + rhs] = 1.0;
    }
    let basis0: Vec<usize> = (d..d + c).collect();
    let mask_of = |b: &[usize]| b.iter().fold(0u128, |m, &v| m | (1u128 << v));
    let mut seen: std::collections::HashSet<u128> = std::collections::HashSet::new();
    seen.insert(mask_of(&basis0));
    let mut queue = std::collections::VecDeque::new();
    queue.push_back((t0, basis0));
    let mut out = Vec::new();
    while let Some((t, basis)) = queue.pop_front() {
        let basic = mask_of(&basis);
        if basis.iter().any(|&v| v < d) {
            // Not the origin: record the vertex.
            let mut point = vec![0.0; d];
            let mut zero = 0u128;
            for i in 0..d {
                zero |= 1u128 << i;
            }
            let mut tight = 0u128;
            for j in 0..c {
                if basic & (1u128 << (d + j)) == 0 {
                    tight |= 1u128 << j;
                }
            }
            for (r, &v) in basis.iter().enumerate() {
                if v < d {
                    point[v] = t[r * w + rhs];
                    zero &= !(1u128 << v);
                }
            }
            out.push(RawVertex { zero, tight, point });
        }
        for e in 0..d + c {
            if basic & (1u128 << e) != 0 {
                continue;
            }
            // Ratio test; a tie means a degenerate vertex.
            let mut best: Option<(usize, f64)> = None;
            let mut tie = false;
            for r in 0..c {
                let a = t[r * w + e];
                if a > EPS {
                    let ratio = t[r * w + rhs] / a;
                    match best {
                        None => best = Some((r, ratio)),
                        Some((_, b)) if ratio < b - EPS => {
                            best = Some((r, ratio));
                            tie = false;
                        }
                        Some((_, b)) if ratio <= b + EPS => tie = true,
                        _ => {}
                    }
                }
            }
            let (r, ratio) = best?;
            if tie || ratio <= EPS {
                return None;
            }
            let leaving = basis[r];
            let mask = (basic & !(1u128 << leaving)) | (1u128 << e);
            if !seen.insert(mask) {
                continue;
            }
            let mut nt = t.clone();
            let p = nt[r * w + e];
            for col in 0..w {
                nt[r * w + col] /= p;
            }
            for o in 0..c {
                if o != r {
                    let f = nt[o * w + e];
                    if f != 0.0 {
                        for col in 0..w {
                            nt[o * w + col] -= f * nt[r * w + col];
                        }
                    }
                }
            }
            let mut nb = basis.clone();
            nb[r] = e;
            queue.push_back((nt, nb));
        }
    }
    Some(dedup_vertices(out))
}

// ---------------------------------------------------------------------------
// Shared.

/// Every nonempty subset of `0..d` with at most `kmax` elements, by size then
/// lexicographically.
fn all_subsets(d: usize, kmax: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for k in 1..=kmax {
        let mut c: Vec<usize> = (0..k).collect();
        loop {
            out.push(c.clone());
            if !next_combination(&mut c, d) {
                break;
            }
        }
    }
    out
}

/// One vertex per label set (a label set determines its vertex), in a fixed order.
fn dedup_vertices<V>(mut v: Vec<RawVertex<V>>) -> Vec<RawVertex<V>> {
    v.sort_by_key(|r| (r.zero, r.tight));
    v.dedup_by_key(|r| (r.zero, r.tight));
    v
}

fn is_degenerate_sets<V, W>(pv: &[RawVertex<V>], qv: &[RawVertex<W>], m: usize, n: usize) -> bool {
    pv.iter()
        .any(|v| (v.zero.count_ones() + v.tight.count_ones()) as usize > m)
        || qv
            .iter()
            .any(|v| (v.zero.count_ones() + v.tight.count_ones()) as usize > n)
}

/// Pairs `(p, q)` of vertex indices whose labels cover all `m + n` labels.
fn matching_pairs<V, W>(
    pv: &[RawVertex<V>],
    qv: &[RawVertex<W>],
    m: usize,
    n: usize,
    degenerate: bool,
) -> Vec<(usize, usize)> {
    let full: u128 = if m + n == 128 {
        u128::MAX
    } else {
        (1u128 << (m + n)) - 1
    };
    let p_labels: Vec<u128> = pv.iter().map(|v| v.zero | (v.tight << m)).collect();
    let q_labels: Vec<u128> = qv.iter().map(|v| v.tight | (v.zero << m)).collect();
    let mut pairs = Vec::new();
    if degenerate {
        for (pi, &lp) in p_labels.iter().enumerate() {
            for (qi, &lq) in q_labels.iter().enumerate() {
                if lp | lq == full {
                    pairs.push((pi, qi));
                }
            }
        }
    } else {
        // Nondegenerate: exactly m labels on every vertex of P and n on every
        // vertex of Q, so the partner's labels are the exact complement.
        let index: HashMap<u128, usize> =
            q_labels.iter().enumerate().map(|(i, &l)| (l, i)).collect();
        for (pi, &lp) in p_labels.iter().enumerate() {
            if let Some(&qi) = index.get(&(full & !lp)) {
                pairs.push((pi, qi));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn battle_of_the_sexes_has_three() {
        let g = catalogue::by_name("battle_of_the_sexes", &[]).unwrap();
        let r = vertex_enumeration(&g).unwrap();
        assert!(r.exact);
        assert!(!r.degenerate);
        assert_eq!(r.equilibria.len(), 3);
    }

    #[test]
    fn all_zero_game_is_degenerate_with_four_extreme_equilibria() {
        let z = array![[0.0, 0.0], [0.0, 0.0]];
        let g = MatrixGame::new(z.clone(), z).unwrap();
        let r = vertex_enumeration(&g).unwrap();
        assert!(r.degenerate);
        assert_eq!(r.equilibria.len(), 4);
        assert!(r.equilibria.iter().all(|e| e.is_pure()));
    }

    #[test]
    fn float_and_exact_agree() {
        let a = array![[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]];
        let b = array![[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]];
        let g = MatrixGame::new(a.clone(), b.clone()).unwrap();
        let exact = vertex_enumeration(&g).unwrap();
        let scaled = MatrixGame::new(a * 0.1, b * 0.1).unwrap();
        let float = vertex_enumeration(&scaled).unwrap();
        assert!(exact.exact && !float.exact);
        assert_eq!(exact.equilibria.len(), 3);
        assert_eq!(exact.equilibria.len(), float.equilibria.len());
        for (e, f) in exact.equilibria.iter().zip(float.equilibria.iter()) {
            assert!(e.approx_eq(f, 1e-12));
        }
    }

    #[test]
    fn pivoting_and_trying_every_basis_agree() {
        let game = MatrixGame::new(
            array![[0.3, 0.9, 0.1], [0.5, 0.2, 0.8], [0.7, 0.4, 0.6]],
            array![[0.2, 0.6, 0.9], [0.8, 0.1, 0.4], [0.3, 0.7, 0.5]],
        )
        .unwrap();
        let c = rescaled(game.col_payoffs().iter().copied().collect(), 3, 3, false);
        let by_pivots = pivot_enumerate(3, 3, &c).unwrap();
        let by_bases = enumerate_f64(3, 3, &c);
        assert_eq!(by_pivots.len(), by_bases.len());
        for (a, b) in by_pivots.iter().zip(by_bases.iter()) {
            assert_eq!((a.zero, a.tight), (b.zero, b.tight));
            for (x, y) in a.point.iter().zip(b.point.iter()) {
                assert!((x - y).abs() < 1e-12);
            }
        }
        // A degenerate polytope is refused.
        let ones = vec![1.0; 4];
        assert!(pivot_enumerate(2, 2, &ones).is_none());
    }

    #[test]
    fn refuses_huge_games() {
        let g = MatrixGame::new(Array2::zeros((40, 40)), Array2::zeros((40, 40))).unwrap();
        assert!(matches!(vertex_enumeration(&g), Err(Error::Solver { .. })));
    }

    use ndarray::Array2;
}
