//! Dense LU factorisation with row equilibration and partial pivoting, in
//! place, with the sign of the determinant: the one linear solver of the
//! path tracer (bordered Jacobians of a few dozen rows, factorised several
//! times a step).
//!
//! Each row is first divided by its largest entry: the QRE Jacobian's odds
//! rows carry entries of order `λ × payoff` beside entries of order one, and
//! without equilibration partial pivoting on them cancels the order-one
//! entries away at large `λ`.

/// Pivots of the equilibrated matrix (rows of largest entry 1) at most this
/// count as zero: the matrix is singular to working precision.
const SINGULAR_PIVOT: f64 = 1e-14;

/// An LU factorisation `P M = L U` of a square matrix, kept in the buffers it
/// was made in so that a traced step allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lu {
    /// `L` (below the diagonal, unit diagonal implied) and `U`, row-major.
    factors: Vec<f64>,
    /// The row each elimination step pivoted on.
    pivots: Vec<usize>,
    /// The factor each row was multiplied by before elimination.
    row_scales: Vec<f64>,
    /// The order.
    size: usize,
    /// The determinant's sign (`1.0` or `-1.0`).
    sign: f64,
}

impl Lu {
    /// Factorises the `size x size` row-major matrix `matrix` into `self`,
    /// reusing its buffers. Returns `false` when the matrix has an entry that
    /// is not finite or is singular to working precision (a row of zeros, or
    /// a pivot of the equilibrated matrix below [`SINGULAR_PIVOT`]).
    pub fn factor(&mut self, matrix: &[f64], size: usize) -> bool {
        debug_assert_eq!(matrix.len(), size * size);
        self.size = size;
        self.factors.clear();
        self.factors.extend_from_slice(matrix);
        self.pivots.clear();
        self.pivots.resize(size, 0);
        self.sign = 1.0;
        if matrix.iter().any(|v| !v.is_finite()) {
            return false;
        }
        self.row_scales.clear();
        for r in 0..size {
            let row = &mut self.factors[r * size..(r + 1) * size];
            let largest = row.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            if largest == 0.0 {
                return false;
            }
            let scale = 1.0 / largest;
            row.iter_mut().for_each(|v| *v *= scale);
            self.row_scales.push(scale);
        }
        let tiny = SINGULAR_PIVOT;
        let a = &mut self.factors;
        for col in 0..size {
            let mut piv = col;
            let mut best = a[col * size + col].abs();
            for r in col + 1..size {
                let v = a[r * size + col].abs();
                if v > best {
                    best = v;
                    piv = r;
                }
            }
            if best <= tiny {
                return false;
            }
            self.pivots[col] = piv;
            if piv != col {
                for c in 0..size {
                    a.swap(piv * size + c, col * size + c);
                }
                self.sign = -self.sign;
            }
            let p = a[col * size + col];
            if p < 0.0 {
                self.sign = -self.sign;
            }
            for r in col + 1..size {
                let f = a[r * size + col] / p;
                a[r * size + col] = f;
                if f != 0.0 {
                    for c in col + 1..size {
                        a[r * size + c] -= f * a[col * size + c];
                    }
                }
            }
        }
        true
    }

    /// The sign of the factorised matrix's determinant.
    pub fn determinant_sign(&self) -> f64 {
        self.sign
    }

    /// Solves `M z = rhs` in place with the factorisation of `M`.
    pub fn solve(&self, rhs: &mut [f64]) {
        let n = self.size;
        debug_assert_eq!(rhs.len(), n);
        let a = &self.factors;
        for (v, s) in rhs.iter_mut().zip(&self.row_scales) {
            *v *= s;
        }
        for col in 0..n {
            rhs.swap(col, self.pivots[col]);
        }
        for r in 1..n {
            let mut s = rhs[r];
            for c in 0..r {
                s -= a[r * n + c] * rhs[c];
            }
            rhs[r] = s;
        }
        for r in (0..n).rev() {
            let mut s = rhs[r];
            for c in r + 1..n {
                s -= a[r * n + c] * rhs[c];
            }
            rhs[r] = s / a[r * n + r];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_signs_the_determinant() {
        // det = 2*3 - 1*4 = 2 > 0; swapping the rows negates it.
        let mut lu = Lu::default();
        assert!(lu.factor(&[2.0, 1.0, 4.0, 3.0], 2));
        assert_eq!(lu.determinant_sign(), 1.0);
        let mut b = [3.0, 7.0];
        lu.solve(&mut b);
        assert!(
            (b[0] - 1.0).abs() < 1e-15 && (b[1] - 1.0).abs() < 1e-15,
            "{b:?}"
        );
        assert!(lu.factor(&[4.0, 3.0, 2.0, 1.0], 2));
        assert_eq!(lu.determinant_sign(), -1.0);
        // A 3x3 with a negative determinant (-6) that needs pivoting.
        assert!(lu.factor(&[0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0], 3));
        assert_eq!(lu.determinant_sign(), -1.0);
        let mut b = [1.0, 2.0, 3.0];
        lu.solve(&mut b);
        assert_eq!(b, [1.0, 1.0, 1.0]);
    }

    #[test]
    fn singular_matrices_are_refused() {
        let mut lu = Lu::default();
        assert!(!lu.factor(&[1.0, 2.0, 2.0, 4.0], 2));
        assert!(!lu.factor(&[0.0; 4], 2));
        assert!(!lu.factor(&[f64::NAN, 0.0, 0.0, 1.0], 2));
    }
}
