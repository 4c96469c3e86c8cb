//! Small dense linear solvers used by the enumeration algorithms: Gaussian
//! elimination with partial pivoting in `f64`, and fraction-free (Bareiss)
//! Gauss-Jordan elimination in checked `i128` for exact integer systems.

/// Pivots smaller than this (on systems whose entries are of order one) are
/// treated as zero: the system is singular.
pub(crate) const SINGULAR_PIVOT: f64 = 1e-11;

/// Solves the square system `M z = rhs` in place by Gaussian elimination with
/// partial pivoting. `m` is `k x k`, row-major, overwritten; `rhs` (length `k`)
/// receives the solution. Returns `false` when the system is (numerically)
/// singular.
pub(crate) fn solve_f64(m: &mut [f64], rhs: &mut [f64], k: usize) -> bool {
    debug_assert_eq!(m.len(), k * k);
    debug_assert_eq!(rhs.len(), k);
    for col in 0..k {
        // Partial pivoting.
        let mut piv = col;
        let mut best = m[col * k + col].abs();
        for r in col + 1..k {
            let v = m[r * k + col].abs();
            if v > best {
                best = v;
                piv = r;
            }
        }
        if best < SINGULAR_PIVOT {
            return false;
        }
        if piv != col {
            for c in col..k {
                m.swap(piv * k + c, col * k + c);
            }
            rhs.swap(piv, col);
        }
        let p = m[col * k + col];
        for r in col + 1..k {
            let f = m[r * k + col] / p;
            if f != 0.0 {
                for c in col + 1..k {
                    m[r * k + c] -= f * m[col * k + c];
                }
                rhs[r] -= f * rhs[col];
            }
        }
    }
    for col in (0..k).rev() {
        let mut s = rhs[col];
        for c in col + 1..k {
            s -= m[col * k + c] * rhs[c];
        }
        rhs[col] = s / m[col * k + col];
    }
    true
}

/// Outcome of an exact integer solve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExactSolve {
    /// The unique solution `z = numerators / denominator`, `denominator > 0`.
    Unique {
        /// Numerators, one per unknown.
        numerators: Vec<i128>,
        /// Common positive denominator (the absolute determinant).
        denominator: i128,
    },
    /// The matrix is singular.
    Singular,
    /// An intermediate value did not fit in `i128`.
    Overflow,
}

/// Solves the square integer system `M z = rhs` exactly by fraction-free
/// Gauss-Jordan elimination (Bareiss 1968), every operation checked for
/// overflow. `m` is `k x k`, row-major.
///
/// After elimination every diagonal entry equals the determinant `d` and the
/// right-hand side equals `d z` (Cramer's rule), so all divisions are exact.
///
/// ## References
/// - E. H. Bareiss (1968), "Sylvester's identity and multistep
///   integer-preserving Gaussian elimination", Mathematics of Computation
///   22:565-578.
pub(crate) fn solve_exact(m: &[i128], rhs: &[i128], k: usize) -> ExactSolve {
    debug_assert_eq!(m.len(), k * k);
    let w = k + 1;
    let mut a = vec![0i128; k * w];
    for r in 0..k {
        a[r * w..r * w + k].copy_from_slice(&m[r * k..r * k + k]);
        a[r * w + k] = rhs[r];
    }
    let mut prev: i128 = 1;
    for s in 0..k {
        if a[s * w + s] == 0 {
            match (s + 1..k).find(|&r| a[r * w + s] != 0) {
                Some(r) => {
                    for c in 0..w {
                        a.swap(r * w + c, s * w + c);
                    }
                }
                None => return ExactSolve::Singular,
            }
        }
        let p = a[s * w + s];
        for r in 0..k {
            if r == s {
                continue;
            }
            let f = a[r * w + s];
            for c in 0..w {
                if c == s {
                    continue;
                }
                let lhs = match p.checked_mul(a[r * w + c]) {
                    Some(v) => v,
                    None => return ExactSolve::Overflow,
                };
                let sub = match f.checked_mul(a[s * w + c]) {
                    Some(v) => v,
                    None => return ExactSolve::Overflow,
                };
                let num = match lhs.checked_sub(sub) {
                    Some(v) => v,
                    None => return ExactSolve::Overflow,
                };
                a[r * w + c] = num / prev;
            }
            a[r * w + s] = 0;
        }
        prev = p;
    }
    // Row swaps keep the diagonal equal to +-det consistently: every diagonal
    // entry equals the last pivot.
    let det = prev;
    let (sign, den) = if det < 0 { (-1, -det) } else { (1, det) };
    let numerators = (0..k).map(|r| sign * a[r * w + k]).collect();
    ExactSolve::Unique {
        numerators,
        denominator: den,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f64_solves_a_small_system() {
        let mut m = vec![2.0, 1.0, 1.0, 3.0];
        let mut rhs = vec![3.0, 5.0];
        assert!(solve_f64(&mut m, &mut rhs, 2));
        assert!((rhs[0] - 0.8).abs() < 1e-14 && (rhs[1] - 1.4).abs() < 1e-14);
    }

    #[test]
    fn f64_detects_singular() {
        let mut m = vec![1.0, 2.0, 2.0, 4.0];
        let mut rhs = vec![1.0, 1.0];
        assert!(!solve_f64(&mut m, &mut rhs, 2));
    }

    #[test]
    fn exact_solves_with_pivoting() {
        // 0 x + 1 y = 1 ; 3 x + 2 y = 4  ->  x = 2/3, y = 1
        let r = solve_exact(&[0, 1, 3, 2], &[1, 4], 2);
        match r {
            ExactSolve::Unique {
                numerators,
                denominator,
            } => {
                assert_eq!(numerators[0] * 3, 2 * denominator);
                assert_eq!(numerators[1], denominator);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(solve_exact(&[1, 2, 2, 4], &[1, 1], 2), ExactSolve::Singular);
        assert_eq!(
            solve_exact(&[i128::MAX, 1, 1, i128::MAX], &[1, 1], 2),
            ExactSolve::Overflow
        );
    }
}
