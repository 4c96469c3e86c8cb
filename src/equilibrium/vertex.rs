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
//! The vertices of each polytope are found by a breadth-first search of its
//! lexicographically feasible bases (`polytope.rs`): from the origin,
//! pivoting along edges with the lexicographic minimum-ratio test, which
//! reaches every vertex, degenerate ones included, and visits nothing else.
//! The cost is proportional to the number of bases visited (a few per vertex),
//! not to the `C(m+n, m)` square systems of trying every basis. For integer
//! payoffs (normalised: [`super::exact::integer_payoffs`]) the tableaux are
//! exact (fraction-free, checked `i128`), so labels, degeneracy and the
//! equilibria are exact and come out as fractions. Otherwise, or if an
//! intermediate value would overflow, the search runs in `f64` on payoffs
//! rescaled to `[1, 2]`, deciding a value is zero within `1e-9` (less when the
//! game has smaller relative payoff differences, see
//! [`super::tolerance_for`]).
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

use super::polytope::{
    vertices, ExactPoint, ExactTableau, FloatMat, FloatTableau, RawVertex, Stop, Tableau, FLOAT_EPS,
};
use super::verify::{certify, max_regret, relative_tolerance, tolerance_for};
use super::{exact, sort_and_dedup, Equilibrium, ExactEquilibrium, Rational};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::Array1;
use std::collections::HashMap;

/// Most bases of one best-response polytope the search visits before giving
/// up (the memory it holds is about 50 bytes per basis, plus the vertices).
pub const MAX_BASES: usize = 20_000_000;

/// Bases visited when only the degeneracy of a game is wanted: beyond this,
/// [`degeneracy`](super::degenerate::degeneracy) answers "not decided".
pub const DEGENERACY_BUDGET: usize = 200_000;

/// Arithmetic operations [`degeneracy`](super::degenerate::degeneracy) spends on one polytope at most (about
/// a second): building a basis of a `d x c` polytope costs `c² (d + 2c + 1)`,
/// so large games get fewer bases than [`DEGENERACY_BUDGET`].
pub const DEGENERACY_WORK: usize = 1_000_000_000;

/// The bases [`degeneracy`] may visit on a `d x c` polytope.
pub(super) fn bases_within(budget: usize, d: usize, c: usize) -> usize {
    let per_basis = c.saturating_mul(c).saturating_mul(d + 2 * c + 1).max(1);
    budget.min(DEGENERACY_WORK / per_basis)
}

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

/// All extreme equilibria of `game`, with its degeneracy (see the module
/// documentation).
///
/// # Errors
/// [`Error::Solver`] when `m + n > 128`, or a polytope has more than
/// [`MAX_BASES`] lexicographic bases.
pub fn vertex_enumeration(game: &MatrixGame) -> Result<VertexEnumeration> {
    vertex_enumeration_with_progress(game, &|_| {})
}

/// [`vertex_enumeration`], calling `progress` with the number of bases
/// visited so far (every 1024 bases).
///
/// # Errors
/// As [`vertex_enumeration`].
pub fn vertex_enumeration_with_progress(
    game: &MatrixGame,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<VertexEnumeration> {
    let (m, n) = game.shape();
    if m + n > 128 {
        return Err(Error::Solver {
            method: "vertex enumeration",
            message: format!(
                "a {m}x{n} game has {} labels, more than the 128 this implementation handles; use lemke-howson",
                m + n
            ),
        });
    }
    let too_many = |stop: Stop| {
        if stop == Stop::Cancelled {
            return Error::Cancelled;
        }
        Error::Solver {
        method: "vertex enumeration",
        message: match stop {
            Stop::Budget => format!(
                "a best-response polytope of this {m}x{n} game has more than {MAX_BASES} bases; use lemke-howson"
            ),
            _ => "internal: unexpected stop".to_string(),
        },
    }
    };
    match exact_enumeration(game, progress) {
        Some(Ok(result)) => return Ok(result),
        Some(Err(stop)) if stop != Stop::Overflow => return Err(too_many(stop)),
        _ => {}
    }
    float_enumeration(game, progress).map_err(too_many)
}

/// Whether the vertex of a best-response polytope with the given basis has
/// more labels than its dimension, decided as [`vertex_enumeration`] decides
/// it (exactly for integer payoffs within the overflow bound, else in `f64`
/// on payoffs rescaled to `[1, 2]`). `row` picks the row player's polytope `P`
/// (`basis` in Lemke-Howson's labels: `0..m` the `x_i`, `m..m+n` the slacks)
/// or the column player's `Q` (`0..m` the slacks `r_i`, `m..m+n` the `y_j`).
/// `None` when the basis is singular or `m + n > 128`.
pub(crate) fn degenerate_basis(game: &MatrixGame, row: bool, basis: &[usize]) -> Option<bool> {
    let (m, n) = game.shape();
    if m + n > 128 {
        return None;
    }
    // Q's variables are y_0..y_n then the slacks r_0..r_m.
    let (d, c, vars): (usize, usize, Vec<usize>) = if row {
        (m, n, basis.to_vec())
    } else {
        let map = |l: usize| if l < m { n + l } else { l - m };
        (n, m, basis.iter().map(|&l| map(l)).collect())
    };
    let too_many = |zero: u128, tight: u128| (zero.count_ones() + tight.count_ones()) as usize > d;
    if let Some((cp, cq, _)) = exact_polytopes_checked(game) {
        let mat = if row { &cp } else { &cq };
        if let Ok(t) = ExactTableau::build(d, c, mat, &vars) {
            let v = t?.vertex(&vars);
            return Some(too_many(v.zero, v.tight));
        }
    }
    let (fp, fq) = float_polytopes(game);
    let mat = if row { &fp } else { &fq };
    let t = FloatTableau::build(d, c, mat, &vars).ok()??;
    let v = t.vertex(&vars);
    Some(too_many(v.zero, v.tight))
}

// ---------------------------------------------------------------------------
// Exact (integer) enumeration.

/// The two polytopes' matrices from normalised integer payoffs, each shifted
/// by one to be positive: `P` (`d = m`, `c = n`, `C[i][j] = B'[i][j]`) and `Q`
/// (`d = n`, `c = m`, `C[j][i] = A'[i][j]`). `None` on overflow.
fn exact_polytopes(
    ig: &exact::IntegerGame,
    m: usize,
    n: usize,
) -> (Option<Vec<i128>>, Option<Vec<i128>>) {
    let mut cp = Some(vec![0i128; m * n]);
    let mut cq = Some(vec![0i128; n * m]);
    for i in 0..m {
        for j in 0..n {
            match (ig.b[(i, j)].checked_add(1), cp.as_mut()) {
                (Some(v), Some(c)) => c[i * n + j] = v,
                _ => cp = None,
            }
            match (ig.a[(i, j)].checked_add(1), cq.as_mut()) {
                (Some(v), Some(c)) => c[j * m + i] = v,
                _ => cq = None,
            }
        }
    }
    (cp, cq)
}

/// Bits an exact tableau entry (a minor of `[Cᵀ | I | 1]`) may take: the
/// Bareiss step forms `p·a - f·b` from four such minors, which must stay
/// below `2^127`.
const MAX_MINOR_BITS: f64 = 62.0;

/// `log2` of Hadamard's bound on the largest minor of the `c x (d + c + 1)`
/// matrix `[Cᵀ | I | 1]` (`C` row-major `d x c`): the product of the `c`
/// largest Euclidean norms among its columns, where columns that are
/// multiples of one another count once (a minor with two of them is zero).
fn hadamard_log2(c_mat: &[i128], d: usize, c: usize) -> f64 {
    // The largest log-norm of each class of proportional columns.
    let mut classes: HashMap<Vec<i128>, f64> = HashMap::new();
    // The ones column, then each z_i's column (row i of C).
    let ones = vec![1i128; c];
    for col in std::iter::once(ones.as_slice()).chain(c_mat.chunks(c).take(d)) {
        let g = col.iter().fold(0i128, |g, &v| gcd(g, v.abs()));
        if g == 0 {
            continue;
        }
        let primitive: Vec<i128> = col.iter().map(|&v| v / g).collect();
        let sq: f64 = col.iter().map(|&v| (v as f64) * (v as f64)).sum();
        let log = 0.5 * sq.log2();
        let best = classes.entry(primitive).or_insert(log);
        *best = best.max(log);
    }
    // Identity columns have norm 1 (log 0) and fill any remaining places.
    let mut logs: Vec<f64> = classes.into_values().collect();
    logs.sort_by(|x, y| y.total_cmp(x));
    logs.iter().take(c).filter(|&&l| l > 0.0).sum()
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Bases an exact search may visit when Hadamard's bound does not rule out
/// an `i128` overflow: small games whose minors in fact fit (a 6x6 game with
/// payoffs up to 999) stay exact; larger ones move to `f64` after this many
/// bases instead of discovering the overflow deep into the search (a 14x14
/// game with payoffs `0..99` spent 27 s so).
pub const EXACT_TRIAL_BASES: usize = 20_000;

/// [`exact_polytopes`] of the normalised integer payoffs (`None` for a game
/// without integer payoffs), with the most bases an exact search of them may
/// visit: unlimited when Hadamard's bound shows no tableau entry of either
/// polytope can overflow `i128` ([`MAX_MINOR_BITS`]), else
/// [`EXACT_TRIAL_BASES`].
pub(super) fn exact_polytopes_checked(
    game: &MatrixGame,
) -> Option<(Vec<i128>, Vec<i128>, Option<usize>)> {
    let ig = exact::integer_payoffs(game)?;
    let (m, n) = game.shape();
    let (Some(cp), Some(cq)) = exact_polytopes(&ig, m, n) else {
        return None;
    };
    let safe =
        hadamard_log2(&cp, m, n) <= MAX_MINOR_BITS && hadamard_log2(&cq, n, m) <= MAX_MINOR_BITS;
    Some((cp, cq, (!safe).then_some(EXACT_TRIAL_BASES)))
}

/// A search budget within an exact trial budget, and whether running out of
/// it means "move to `f64`" (the trial's limit) rather than "too many bases".
pub(super) fn within_trial(budget: usize, trial: Option<usize>) -> (usize, bool) {
    match trial {
        Some(t) if t < budget => (t, true),
        _ => (budget, false),
    }
}

/// The exact enumeration; `None` when the payoffs are not integers,
/// `Some(Err(Stop::Overflow))` when `i128` overflows.
fn exact_enumeration(
    game: &MatrixGame,
    progress: &(dyn Fn(u64) + Sync),
) -> Option<std::result::Result<VertexEnumeration, Stop>> {
    let ig = exact::integer_payoffs(game)?;
    let (m, n) = game.shape();
    let Some((cp, cq, trial)) = exact_polytopes_checked(game) else {
        return Some(Err(Stop::Overflow));
    };
    let (budget, is_trial) = within_trial(MAX_BASES, trial);
    // Out of a trial's bases: as good as an overflow, go to f64.
    let fail = |e: Stop| match e {
        Stop::Budget if is_trial => Stop::Overflow,
        e => e,
    };
    let pv = match vertices::<ExactTableau>(m, n, &cp, Some(budget), false, progress) {
        Ok(v) => v,
        Err(e) => return Some(Err(fail(e))),
    };
    let qv = match vertices::<ExactTableau>(n, m, &cq, Some(budget), false, progress) {
        Ok(v) => v,
        Err(e) => return Some(Err(fail(e))),
    };
    Some(Ok(exact_equilibria(game, &ig, &pv, &qv)))
}

fn exact_equilibria(
    game: &MatrixGame,
    ig: &exact::IntegerGame,
    pv: &[RawVertex<ExactPoint>],
    qv: &[RawVertex<ExactPoint>],
) -> VertexEnumeration {
    let (m, n) = game.shape();
    let degenerate = is_degenerate_sets(pv, qv, m, n);
    let pairs = matching_pairs(pv, qv, m, n, degenerate);
    let tol = tolerance_for(game);
    let mut eqs = Vec::with_capacity(pairs.len());
    for (pi, qi) in pairs {
        let (xn, xd) = &pv[pi].point;
        let (yn, yd) = &qv[qi].point;
        let sx: i128 = xn.iter().sum();
        let sy: i128 = yn.iter().sum();
        let row: Vec<Rational> = xn.iter().map(|&v| Rational::new(v, sx)).collect();
        let col: Vec<Rational> = yn.iter().map(|&v| Rational::new(v, sy)).collect();
        // A'ŷ = yd / Σy_num on best responses; undo the shift by 1, then the
        // normalisation.
        let (Some(row_payoff), Some(col_payoff)) = (
            ig.row_payoff(Rational::new(*yd, sy) - Rational::from_integer(1)),
            ig.col_payoff(Rational::new(*xd, sx) - Rational::from_integer(1)),
        ) else {
            continue;
        };
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
    VertexEnumeration {
        equilibria: sort_and_dedup(eqs, 0.0),
        degenerate,
        exact: true,
        row_vertices: pv.len(),
        col_vertices: qv.len(),
    }
}

// ---------------------------------------------------------------------------
// Floating-point enumeration.

/// The two polytopes in `f64`, payoffs rescaled to `[1, 2]`.
pub(super) fn float_polytopes(game: &MatrixGame) -> (FloatMat, FloatMat) {
    let (m, n) = game.shape();
    let eps = |p: &ndarray::Array2<f64>| relative_tolerance(p).min(FLOAT_EPS);
    (
        FloatMat {
            c: rescaled(game.col_payoffs().iter().copied().collect(), m, n, false),
            eps: eps(game.col_payoffs()),
        },
        FloatMat {
            c: rescaled(game.row_payoffs().iter().copied().collect(), m, n, true),
            eps: eps(game.row_payoffs()),
        },
    )
}

fn float_enumeration(
    game: &MatrixGame,
    progress: &(dyn Fn(u64) + Sync),
) -> std::result::Result<VertexEnumeration, Stop> {
    let (m, n) = game.shape();
    let (fp, fq) = float_polytopes(game);
    let pv = vertices::<FloatTableau>(m, n, &fp, Some(MAX_BASES), false, progress)?;
    let qv = vertices::<FloatTableau>(n, m, &fq, Some(MAX_BASES), false, progress)?;
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
    Ok(VertexEnumeration {
        equilibria: sort_and_dedup(eqs, 0.0),
        degenerate,
        exact: false,
        row_vertices: pv.len(),
        col_vertices: qv.len(),
    })
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
    fn exact_and_float_searches_agree_on_a_degenerate_game() {
        // x = (1/2, 1/2) makes all three columns best responses (degenerate
        // without a pure tie). Halving the payoffs makes them non-integers, so
        // the second game goes through the f64 search.
        let a = array![[1.0, 0.0, 2.0], [0.0, 1.0, 3.0], [2.0, 2.0, 0.0]];
        let b = array![[2.0, 0.0, 1.0], [0.0, 2.0, 1.0], [1.0, 0.0, 3.0]];
        let g = MatrixGame::new(a.clone(), b.clone()).unwrap();
        let exact = vertex_enumeration(&g).unwrap();
        let halves = MatrixGame::new(a * 0.5 + 0.25, b * 0.5 + 0.25).unwrap();
        let float = vertex_enumeration(&halves).unwrap();
        assert!(exact.exact && !float.exact);
        assert!(exact.degenerate && float.degenerate);
        assert_eq!(exact.row_vertices, float.row_vertices);
        assert_eq!(exact.col_vertices, float.col_vertices);
        assert_eq!(exact.equilibria.len(), float.equilibria.len());
        for (e, f) in exact.equilibria.iter().zip(float.equilibria.iter()) {
            assert!(e.approx_eq(f, 1e-12));
        }
        assert_eq!(
            crate::equilibrium::degenerate::degeneracy(&g, 1000),
            Some(true)
        );
        assert_eq!(
            crate::equilibrium::degenerate::degeneracy(&halves, 1000),
            Some(true)
        );
        assert_eq!(crate::equilibrium::degenerate::degeneracy(&g, 0), None);
    }

    #[test]
    fn all_zero_40x40_is_solved_not_refused() {
        // Every profile is an equilibrium; the extreme ones are the 1600 pure
        // profiles. Trying every basis would mean C(80, 40) ~ 1e23 systems.
        let g = MatrixGame::new(Array2::zeros((40, 40)), Array2::zeros((40, 40))).unwrap();
        let r = vertex_enumeration(&g).unwrap();
        assert!(r.degenerate && r.exact);
        assert_eq!(r.equilibria.len(), 1600);
        assert!(r.equilibria.iter().all(|e| e.is_pure()));
    }

    /// `|det|` of a small integer matrix by cofactor expansion.
    fn det(m: &[Vec<i128>]) -> i128 {
        if m.len() == 1 {
            return m[0][0];
        }
        (0..m.len())
            .map(|k| {
                let minor: Vec<Vec<i128>> = m[1..]
                    .iter()
                    .map(|r| {
                        r.iter()
                            .enumerate()
                            .filter(|&(j, _)| j != k)
                            .map(|(_, &v)| v)
                            .collect()
                    })
                    .collect();
                let sign = if k % 2 == 0 { 1 } else { -1 };
                sign * m[0][k] * det(&minor)
            })
            .sum()
    }

    #[test]
    fn hadamard_bound_covers_every_minor_and_sends_large_games_to_f64() {
        // Every c x c minor of [Cᵀ | I | 1] for a 3x3 C (with a repeated,
        // scaled row, which the bound counts once) is within the bound.
        let (d, c) = (4usize, 3usize);
        let cm: Vec<i128> = vec![7, 1, 9, 2, 8, 3, 14, 2, 18, 5, 5, 6];
        let bound = hadamard_log2(&cm, d, c);
        let cols: Vec<Vec<i128>> = (0..d)
            .map(|i| cm[i * c..(i + 1) * c].to_vec())
            .chain((0..c).map(|j| (0..c).map(|r| i128::from(r == j)).collect()))
            .chain(std::iter::once(vec![1; c]))
            .collect();
        let mut largest = 0i128;
        for x in 0..cols.len() {
            for y in x + 1..cols.len() {
                for z in y + 1..cols.len() {
                    let m: Vec<Vec<i128>> = (0..c)
                        .map(|r| vec![cols[x][r], cols[y][r], cols[z][r]])
                        .collect();
                    largest = largest.max(det(&m).abs());
                }
            }
        }
        assert!(largest > 0);
        assert!(
            (largest as f64).log2() <= bound + 1e-9,
            "{largest} vs 2^{bound}"
        );
        // Row 2 is twice row 0: counted once, with its own (larger) norm.
        let norm = |r: &[f64]| r.iter().map(|v| v * v).sum::<f64>().sqrt();
        let expected = norm(&[14.0, 2.0, 18.0]) * norm(&[5.0, 5.0, 6.0]) * norm(&[2.0, 8.0, 3.0]);
        assert!((bound - expected.log2()).abs() < 1e-9);
        // A 14x14 game with payoffs 0..99 can overflow i128: straight to f64.
        let mut state = 3u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 100) as f64
        };
        let a = Array2::from_shape_fn((14, 14), |_| next());
        let b = Array2::from_shape_fn((14, 14), |_| next());
        let big = MatrixGame::new(a, b).unwrap();
        assert_eq!(
            exact_polytopes_checked(&big).unwrap().2,
            Some(EXACT_TRIAL_BASES)
        );
        assert!(!vertex_enumeration(&big).unwrap().exact);
        // Small integer games are exact without a trial.
        let g = catalogue::by_name("chicken", &[]).unwrap();
        assert_eq!(exact_polytopes_checked(&g).unwrap().2, None);
    }

    #[test]
    fn refuses_more_than_128_labels() {
        let g = MatrixGame::new(Array2::zeros((65, 64)), Array2::zeros((65, 64))).unwrap();
        assert!(matches!(vertex_enumeration(&g), Err(Error::Solver { .. })));
    }

    use ndarray::Array2;
}
