//! Dense square solves by Gaussian elimination with partial pivoting, with
//! the sign of the determinant (the orientation of the path).

/// A pivot below this times the matrix's largest entry counts as zero.
const RELATIVE_PIVOT: f64 = 1e-13;

/// Solves `a x = rhs` for the row-major `k x k` matrix `a` (overwritten);
/// `rhs` becomes `x`. Returns the sign of `det a` (`1.0` or `-1.0`), `None`
/// when `a` is singular to working precision.
pub(crate) fn solve_with_sign(a: &mut [f64], rhs: &mut [f64], k: usize) -> Option<f64> {
    debug_assert_eq!(a.len(), k * k);
    debug_assert_eq!(rhs.len(), k);
    let scale = a.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if scale == 0.0 || !scale.is_finite() {
        return None;
    }
    let mut sign = 1.0;
    for col in 0..k {
        let pivot_row = (col..k)
            .max_by(|&p, &q| a[p * k + col].abs().total_cmp(&a[q * k + col].abs()))
            .expect("nonempty range");
        let pivot = a[pivot_row * k + col];
        if pivot.abs() <= RELATIVE_PIVOT * scale {
            return None;
        }
        if pivot_row != col {
            for c in 0..k {
                a.swap(col * k + c, pivot_row * k + c);
            }
            rhs.swap(col, pivot_row);
            sign = -sign;
        }
        if pivot < 0.0 {
            sign = -sign;
        }
        for r in col + 1..k {
            let factor = a[r * k + col] / pivot;
            if factor == 0.0 {
                continue;
            }
            for c in col..k {
                a[r * k + c] -= factor * a[col * k + c];
            }
            rhs[r] -= factor * rhs[col];
        }
    }
    for col in (0..k).rev() {
        let mut v = rhs[col];
        for c in col + 1..k {
            v -= a[col * k + c] * rhs[c];
        }
        rhs[col] = v / a[col * k + col];
    }
    Some(sign)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_signs_the_determinant() {
        // det = 1*4 - 2*3 = -2.
        let mut a = vec![1.0, 2.0, 3.0, 4.0];
        let mut x = vec![5.0, 6.0];
        assert_eq!(solve_with_sign(&mut a, &mut x, 2), Some(-1.0));
        assert!((x[0] + 4.0).abs() < 1e-14 && (x[1] - 4.5).abs() < 1e-14);
        // A permutation with det +1 (a 3-cycle) and a negative diagonal.
        let mut p = vec![0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let mut y = vec![1.0, 2.0, 3.0];
        assert_eq!(solve_with_sign(&mut p, &mut y, 3), Some(1.0));
        assert_eq!(y, vec![3.0, 1.0, 2.0]);
        let mut d = vec![-2.0, 0.0, 0.0, 3.0];
        let mut z = vec![2.0, 3.0];
        assert_eq!(solve_with_sign(&mut d, &mut z, 2), Some(-1.0));
        assert_eq!(z, vec![-1.0, 1.0]);
        let mut s = vec![1.0, 2.0, 2.0, 4.0];
        assert_eq!(solve_with_sign(&mut s, &mut [1.0, 1.0], 2), None);
    }
}
