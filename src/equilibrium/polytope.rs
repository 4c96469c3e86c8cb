//! The vertices of a best-response polytope `{z ∈ R^d : z >= 0, Cᵀz <= 1}`
//! (`C > 0`, `d x c`) by a search of its graph of *lexicographically
//! feasible* bases.
//!
//! In the tableau `Cᵀz + s = 1` a basis is lexicographically feasible when
//! every row of `[B⁻¹1 | B⁻¹]` is lexicographically positive. These are the
//! bases of the polytope with its right-hand side perturbed to
//! `1 + (ε, ε², …, ε^c)`, which is simple for small `ε > 0`; the lexicographic
//! minimum-ratio test is its ratio test, so entering any nonbasic variable
//! leads to exactly one neighbouring lexicographically feasible basis, and the
//! graph of these bases (the vertex graph of the perturbed, simple polytope) is
//! connected. A breadth-first search from the slack basis therefore reaches
//! every vertex of the original polytope, degenerate ones included, each
//! through one or more bases, and visits nothing that is not a vertex (no
//! infeasible or singular square systems, unlike trying all `C(d+c, c)`
//! bases). Each basis is rebuilt from scratch (`B⁻¹` by elimination), so the
//! queue holds only basis sets and there is no drift along long paths.
//!
//! Two arithmetics: checked `i128` with fraction-free (Bareiss) elimination
//! for integer `C`, exact (an overflow is reported, never rounded), and `f64`
//! with a tolerance on values of order one.
//!
//! ## References
//! - G. B. Dantzig, A. Orden and P. Wolfe (1955), "The generalized simplex
//!   method for minimizing a linear form under linear inequality restraints",
//!   Pacific Journal of Mathematics 5:183-195 (the lexicographic rule).
//! - D. Avis and K. Fukuda (1992), "A pivoting algorithm for convex hulls and
//!   vertex enumeration of arrangements and polyhedra", Discrete and
//!   Computational Geometry 8:295-313 (lexicographic bases of degenerate
//!   vertices).
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", ch. 3 of *Algorithmic Game Theory*, §3.5
//!   (integer pivoting, lexicographic degeneracy resolution).

use std::cmp::Ordering;
use std::collections::{HashSet, VecDeque};

/// A vertex: which coordinates are zero, which constraints are tight, and the
/// point.
#[derive(Debug, Clone)]
pub(crate) struct RawVertex<V> {
    /// Bit `i` set when `z_i = 0`.
    pub zero: u128,
    /// Bit `j` set when `(Cᵀz)_j = 1`.
    pub tight: u128,
    /// The point.
    pub point: V,
}

/// Exact point: `numerators / denominator`.
pub(crate) type ExactPoint = (Vec<i128>, i128);

/// How a search ended without the full vertex list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// A vertex with more than `d` labels was found and the caller asked to
    /// stop there.
    Degenerate,
    /// More bases than the caller's budget.
    Budget,
    /// The run was cancelled ([`crate::parallel::cancel`]).
    Cancelled,
    /// An `i128` overflow (exact arithmetic only).
    Overflow,
}

/// A tableau `B⁻¹[Cᵀ | I | 1]` of one basis, in some arithmetic.
pub(crate) trait Tableau: Sized {
    /// The matrix `C` (row-major `d x c`).
    type Mat: Sync + ?Sized;
    /// The vertex's point type.
    type Point: Clone + Send;
    /// The tableau of `basis` (`basis[r]` is the variable of row `r`:
    /// `0..d` are `z`, `d..d+c` slacks). `Err(Stop::Overflow)` on overflow;
    /// `Ok(None)` when the basis is (numerically) singular.
    fn build(d: usize, c: usize, c_mat: &Self::Mat, basis: &[usize]) -> Result<Option<Self>, Stop>;
    /// The row that leaves when variable `e` enters, by the lexicographic
    /// minimum-ratio test; `None` when no entry of column `e` is positive.
    fn leaving(&self, e: usize) -> Result<Option<usize>, Stop>;
    /// The vertex of this basis.
    fn vertex(&self, basis: &[usize]) -> RawVertex<Self::Point>;
}

/// Every vertex of `{z >= 0, Cᵀz <= 1}` other than the origin, one per label
/// set, sorted by labels. `progress` is called with the number of bases
/// visited every 1024 bases. `budget` bounds the bases visited. With
/// `stop_at_degenerate`, the search ends at the first vertex with more than
/// `d` labels.
pub(crate) fn vertices<T: Tableau>(
    d: usize,
    c: usize,
    c_mat: &T::Mat,
    budget: Option<usize>,
    stop_at_degenerate: bool,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<RawVertex<T::Point>>, Stop> {
    debug_assert!(d + c <= 128);
    let mask_of = |b: &[usize]| b.iter().fold(0u128, |m, &v| m | (1u128 << v));
    let basis0: Vec<usize> = (d..d + c).collect();
    let mut seen: HashSet<u128> = HashSet::new();
    seen.insert(mask_of(&basis0));
    // The queue holds basis sets as bit masks (16 bytes each); a basis's rows
    // are its variables in increasing order.
    let mut queue: VecDeque<u128> = VecDeque::new();
    queue.push_back(mask_of(&basis0));
    let mut out = Vec::new();
    let mut visited: u64 = 0;
    let mut basis: Vec<usize> = Vec::with_capacity(c);
    while let Some(mask) = queue.pop_front() {
        basis.clear();
        basis.extend((0..d + c).filter(|&v| mask & (1u128 << v) != 0));
        visited += 1;
        if visited % 1024 == 0 {
            progress(visited);
            if crate::parallel::cancelled() {
                return Err(Stop::Cancelled);
            }
        }
        if budget.is_some_and(|b| visited as usize > b) {
            return Err(Stop::Budget);
        }
        let Some(t) = T::build(d, c, c_mat, &basis)? else {
            // Numerically singular: cannot happen in exact arithmetic for a
            // basis reached by a pivot; skip it in f64.
            continue;
        };
        let v = t.vertex(&basis);
        if stop_at_degenerate && (v.zero.count_ones() + v.tight.count_ones()) as usize > d {
            return Err(Stop::Degenerate);
        }
        if v.zero.count_ones() as usize != d {
            out.push(v);
        }
        for e in 0..d + c {
            if mask & (1u128 << e) != 0 {
                continue;
            }
            let Some(r) = t.leaving(e)? else {
                continue;
            };
            let next = (mask & !(1u128 << basis[r])) | (1u128 << e);
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    progress(visited);
    out.sort_by_key(|r| (r.zero, r.tight));
    out.dedup_by_key(|r| (r.zero, r.tight));
    Ok(out)
}

/// Labels of a vertex from its basic values (`is_zero` decides a basic
/// variable at zero).
fn labels(d: usize, c: usize, basis: &[usize], is_zero: impl Fn(usize) -> bool) -> (u128, u128) {
    let mut zero: u128 = if d == 128 {
        u128::MAX
    } else {
        (1u128 << d) - 1
    };
    let mut tight: u128 = if c == 128 {
        u128::MAX
    } else {
        (1u128 << c) - 1
    };
    for (r, &v) in basis.iter().enumerate() {
        if is_zero(r) {
            continue;
        }
        if v < d {
            zero &= !(1u128 << v);
        } else {
            tight &= !(1u128 << (v - d));
        }
    }
    (zero, tight)
}

// ---------------------------------------------------------------------------
// f64.

/// Values below this (on a polytope whose `C` lies in `[1, 2]`) are zero.
pub(crate) const FLOAT_EPS: f64 = 1e-9;

/// An `f64` tableau.
pub(crate) struct FloatTableau {
    d: usize,
    c: usize,
    /// `c x (d + c + 1)`, row-major.
    t: Vec<f64>,
    eps: f64,
}

/// `C` in `f64` with the tolerance used for zero.
pub(crate) struct FloatMat {
    /// Row-major `d x c`.
    pub c: Vec<f64>,
    /// Tolerance for a value at zero (of order `FLOAT_EPS`).
    pub eps: f64,
}

impl Tableau for FloatTableau {
    type Mat = FloatMat;
    type Point = Vec<f64>;

    fn build(d: usize, c: usize, m: &FloatMat, basis: &[usize]) -> Result<Option<Self>, Stop> {
        let w = d + c + 1;
        // Augmented [B | Cᵀ | I | 1], c rows.
        let aw = c + w;
        let mut a = vec![0.0f64; c * aw];
        for j in 0..c {
            let row = &mut a[j * aw..(j + 1) * aw];
            for (k, &v) in basis.iter().enumerate() {
                row[k] = if v < d {
                    m.c[v * c + j]
                } else if v - d == j {
                    1.0
                } else {
                    0.0
                };
            }
            for i in 0..d {
                row[c + i] = m.c[i * c + j];
            }
            row[c + d + j] = 1.0;
            row[c + d + c] = 1.0;
        }
        // Gauss-Jordan with partial pivoting.
        for col in 0..c {
            let piv = (col..c)
                .max_by(|&x, &y| a[x * aw + col].abs().total_cmp(&a[y * aw + col].abs()))
                .unwrap_or(col);
            if a[piv * aw + col].abs() < 1e-11 {
                return Ok(None);
            }
            if piv != col {
                for k in 0..aw {
                    a.swap(piv * aw + k, col * aw + k);
                }
            }
            let p = a[col * aw + col];
            for k in col..aw {
                a[col * aw + k] /= p;
            }
            let (before, rest) = a.split_at_mut(col * aw);
            let (prow, after) = rest.split_at_mut(aw);
            for other in before.chunks_mut(aw).chain(after.chunks_mut(aw)) {
                let f = other[col];
                if f != 0.0 {
                    for k in col..aw {
                        other[k] -= f * prow[k];
                    }
                }
            }
        }
        let mut t = vec![0.0; c * w];
        for r in 0..c {
            t[r * w..(r + 1) * w].copy_from_slice(&a[r * aw + c..(r + 1) * aw]);
        }
        Ok(Some(FloatTableau {
            d,
            c,
            t,
            eps: m.eps,
        }))
    }

    fn leaving(&self, e: usize) -> Result<Option<usize>, Stop> {
        let w = self.d + self.c + 1;
        let rhs = w - 1;
        let mut best: Option<usize> = None;
        for r in 0..self.c {
            if self.t[r * w + e] <= self.eps {
                continue;
            }
            best = Some(match best {
                None => r,
                Some(b) => {
                    if self.lex_less(r, b, e, rhs) {
                        r
                    } else {
                        b
                    }
                }
            });
        }
        Ok(best)
    }

    fn vertex(&self, basis: &[usize]) -> RawVertex<Vec<f64>> {
        let w = self.d + self.c + 1;
        let rhs = w - 1;
        let (zero, tight) = labels(self.d, self.c, basis, |r| self.t[r * w + rhs] <= self.eps);
        let mut point = vec![0.0; self.d];
        for (r, &v) in basis.iter().enumerate() {
            if v < self.d && zero & (1u128 << v) == 0 {
                point[v] = self.t[r * w + rhs];
            }
        }
        RawVertex { zero, tight, point }
    }
}

impl FloatTableau {
    /// Lexicographic comparison of `(rhs, B⁻¹ row) / t[row][e]` for rows `a`
    /// and `b`: the value column within `eps`, the inverse's columns within a
    /// relative `1e-12`, then the row index.
    fn lex_less(&self, a: usize, b: usize, e: usize, rhs: usize) -> bool {
        let w = self.d + self.c + 1;
        let (pa, pb) = (self.t[a * w + e], self.t[b * w + e]);
        let (va, vb) = (self.t[a * w + rhs] / pa, self.t[b * w + rhs] / pb);
        if (va - vb).abs() > self.eps {
            return va < vb;
        }
        for col in self.d..self.d + self.c {
            let (va, vb) = (self.t[a * w + col] / pa, self.t[b * w + col] / pb);
            let scale = va.abs().max(vb.abs()).max(1.0);
            if (va - vb).abs() > 1e-12 * scale {
                return va < vb;
            }
        }
        a < b
    }
}

// ---------------------------------------------------------------------------
// Exact i128.

/// An exact tableau: entries `t / den`, `den > 0` (the basis determinant).
pub(crate) struct ExactTableau {
    d: usize,
    c: usize,
    t: Vec<i128>,
    den: i128,
}

fn mul(a: i128, b: i128) -> Result<i128, Stop> {
    a.checked_mul(b).ok_or(Stop::Overflow)
}

impl Tableau for ExactTableau {
    type Mat = [i128];
    type Point = ExactPoint;

    fn build(d: usize, c: usize, m: &[i128], basis: &[usize]) -> Result<Option<Self>, Stop> {
        let w = d + c + 1;
        let aw = c + w;
        let mut a = vec![0i128; c * aw];
        for j in 0..c {
            let row = &mut a[j * aw..(j + 1) * aw];
            for (k, &v) in basis.iter().enumerate() {
                row[k] = if v < d {
                    m[v * c + j]
                } else {
                    i128::from(v - d == j)
                };
            }
            for i in 0..d {
                row[c + i] = m[i * c + j];
            }
            row[c + d + j] = 1;
            row[c + d + c] = 1;
        }
        // Fraction-free Gauss-Jordan (Bareiss): afterwards the left block is
        // det * I and the right block det * B⁻¹[Cᵀ | I | 1].
        let mut prev: i128 = 1;
        for s in 0..c {
            if a[s * aw + s] == 0 {
                match (s + 1..c).find(|&r| a[r * aw + s] != 0) {
                    Some(r) => {
                        for k in 0..aw {
                            a.swap(r * aw + k, s * aw + k);
                        }
                    }
                    None => return Ok(None),
                }
            }
            let p = a[s * aw + s];
            for r in 0..c {
                if r == s {
                    continue;
                }
                let f = a[r * aw + s];
                for k in 0..aw {
                    if k == s {
                        continue;
                    }
                    let v = mul(p, a[r * aw + k])?
                        .checked_sub(mul(f, a[s * aw + k])?)
                        .ok_or(Stop::Overflow)?;
                    a[r * aw + k] = v / prev;
                }
                a[r * aw + s] = 0;
            }
            prev = p;
        }
        let sign = if prev < 0 { -1 } else { 1 };
        let mut t = vec![0i128; c * w];
        for r in 0..c {
            for k in 0..w {
                t[r * w + k] = sign * a[r * aw + c + k];
            }
        }
        Ok(Some(ExactTableau {
            d,
            c,
            t,
            den: sign * prev,
        }))
    }

    fn leaving(&self, e: usize) -> Result<Option<usize>, Stop> {
        let w = self.d + self.c + 1;
        let rhs = w - 1;
        let mut best: Option<usize> = None;
        for r in 0..self.c {
            if self.t[r * w + e] <= 0 {
                continue;
            }
            best = Some(match best {
                None => r,
                Some(b) => {
                    if self.lex_cmp(r, b, e, rhs)? == Ordering::Less {
                        r
                    } else {
                        b
                    }
                }
            });
        }
        Ok(best)
    }

    fn vertex(&self, basis: &[usize]) -> RawVertex<ExactPoint> {
        let w = self.d + self.c + 1;
        let rhs = w - 1;
        let (zero, tight) = labels(self.d, self.c, basis, |r| self.t[r * w + rhs] == 0);
        let mut point = vec![0i128; self.d];
        for (r, &v) in basis.iter().enumerate() {
            if v < self.d {
                point[v] = self.t[r * w + rhs];
            }
        }
        RawVertex {
            zero,
            tight,
            point: (point, self.den),
        }
    }
}

impl ExactTableau {
    /// Exact lexicographic comparison of `(rhs, B⁻¹ row) / t[row][e]`.
    fn lex_cmp(&self, a: usize, b: usize, e: usize, rhs: usize) -> Result<Ordering, Stop> {
        let w = self.d + self.c + 1;
        let (pa, pb) = (self.t[a * w + e], self.t[b * w + e]);
        for col in std::iter::once(rhs).chain(self.d..self.d + self.c) {
            // t[a][col] / pa  vs  t[b][col] / pb, with pa, pb > 0.
            let l = mul(self.t[a * w + col], pb)?;
            let r = mul(self.t[b * w + col], pa)?;
            match l.cmp(&r) {
                Ordering::Equal => continue,
                o => return Ok(o),
            }
        }
        Ok(a.cmp(&b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: u64) {}

    #[test]
    fn exact_and_float_agree_on_a_simple_polytope() {
        // 2 z1 + z2 <= 1, z1 + 2 z2 <= 1: vertices (1/2, 0), (0, 1/2), (1/3, 1/3).
        let c = [2i128, 1, 1, 2];
        let v = vertices::<ExactTableau>(2, 2, &c, None, false, &none).unwrap();
        assert_eq!(v.len(), 3);
        let f = FloatMat {
            c: c.iter().map(|&x| x as f64).collect(),
            eps: FLOAT_EPS,
        };
        let vf = vertices::<FloatTableau>(2, 2, &f, None, false, &none).unwrap();
        assert_eq!(vf.len(), 3);
        for (a, b) in v.iter().zip(vf.iter()) {
            assert_eq!((a.zero, a.tight), (b.zero, b.tight));
            for (x, y) in a.point.0.iter().zip(b.point.iter()) {
                assert!((*x as f64 / a.point.1 as f64 - y).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn degenerate_vertex_is_found_once_and_reported() {
        // z1 + 2 z2 <= 1, 2 z1 + z2 <= 1, 1.5 z1 + 1.5 z2 <= 1: all three
        // constraints are tight at (1/3, 1/3), three labels in dimension two.
        // Vertices: (1/2, 0), (0, 1/2), (1/3, 1/3).
        let f = FloatMat {
            c: vec![1.0, 2.0, 1.5, 2.0, 1.0, 1.5],
            eps: FLOAT_EPS,
        };
        let v = vertices::<FloatTableau>(2, 3, &f, None, false, &none).unwrap();
        assert_eq!(v.len(), 3);
        assert!(v.iter().any(|x| x.tight.count_ones() == 3 && x.zero == 0));
        assert_eq!(
            vertices::<FloatTableau>(2, 3, &f, None, true, &none).unwrap_err(),
            Stop::Degenerate
        );
        // Exact: z1 + z2 <= 1 and z1 <= 1 are both tight at (1, 0), where
        // z2 = 0 too. Vertices (1, 0) and (0, 1).
        let c = [1i128, 1, 1, 0];
        let v = vertices::<ExactTableau>(2, 2, &c, None, false, &none).unwrap();
        assert_eq!(v.len(), 2);
        assert!(v
            .iter()
            .any(|x| x.zero.count_ones() + x.tight.count_ones() == 3));
        assert_eq!(
            vertices::<ExactTableau>(2, 2, &c, Some(0), false, &none).unwrap_err(),
            Stop::Budget
        );
    }
}
