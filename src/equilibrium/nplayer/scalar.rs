//! The numbers the linear support systems are solved in: exact rationals
//! (checked `i128`, giving up on overflow) for integer games, `f64` with a
//! zero tolerance otherwise; and Gauss-Jordan elimination over either, which
//! tells a unique solution from none and from a continuum.

use crate::equilibrium::exact::gcd;
use crate::equilibrium::Rational;

/// Entries below this (on payoffs normalised to `[0, 1]`) are zero in `f64`
/// elimination.
pub(crate) const F64_ZERO: f64 = 1e-11;

/// A field the linear systems are solved in. Operations return `None` on
/// overflow (never for `f64`).
pub(crate) trait Scalar: Copy + PartialEq + std::fmt::Debug + Send + Sync {
    /// Zero.
    fn zero() -> Self;
    /// One.
    fn one() -> Self;
    /// `true` for zero (within [`F64_ZERO`] for `f64`).
    fn is_zero(self) -> bool;
    /// `true` when strictly above zero (above [`F64_ZERO`] for `f64`).
    fn is_positive(self) -> bool;
    /// `self + other`.
    fn add(self, other: Self) -> Option<Self>;
    /// `self - other`.
    fn sub(self, other: Self) -> Option<Self>;
    /// `self * other`.
    fn mul(self, other: Self) -> Option<Self>;
    /// `self / other` (`other` nonzero).
    fn div(self, other: Self) -> Option<Self>;
    /// The value as a float.
    fn to_f64(self) -> f64;
}

impl Scalar for f64 {
    fn zero() -> Self {
        0.0
    }
    fn one() -> Self {
        1.0
    }
    fn is_zero(self) -> bool {
        self.abs() <= F64_ZERO
    }
    fn is_positive(self) -> bool {
        self > F64_ZERO
    }
    fn add(self, other: Self) -> Option<Self> {
        Some(self + other)
    }
    fn sub(self, other: Self) -> Option<Self> {
        Some(self - other)
    }
    fn mul(self, other: Self) -> Option<Self> {
        Some(self * other)
    }
    fn div(self, other: Self) -> Option<Self> {
        Some(self / other)
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl Scalar for Rational {
    fn zero() -> Self {
        Rational::from_integer(0)
    }
    fn one() -> Self {
        Rational::from_integer(1)
    }
    fn is_zero(self) -> bool {
        *self.numer() == 0
    }
    fn is_positive(self) -> bool {
        *self.numer() > 0
    }
    fn add(self, other: Self) -> Option<Self> {
        let (a, b) = (*self.numer(), *self.denom());
        let (c, d) = (*other.numer(), *other.denom());
        let g = gcd(b, d);
        let num = a.checked_mul(d / g)?.checked_add(c.checked_mul(b / g)?)?;
        let den = b.checked_mul(d / g)?;
        Some(reduced(num, den))
    }
    fn sub(self, other: Self) -> Option<Self> {
        let neg = Rational::new_raw(other.numer().checked_neg()?, *other.denom());
        self.add(neg)
    }
    fn mul(self, other: Self) -> Option<Self> {
        let (a, b) = (*self.numer(), *self.denom());
        let (c, d) = (*other.numer(), *other.denom());
        let g1 = gcd(a, d).max(1);
        let g2 = gcd(c, b).max(1);
        let num = (a / g1).checked_mul(c / g2)?;
        let den = (b / g2).checked_mul(d / g1)?;
        Some(reduced(num, den))
    }
    fn div(self, other: Self) -> Option<Self> {
        let (c, d) = (*other.numer(), *other.denom());
        if c == 0 {
            return None;
        }
        let inverse = if c < 0 {
            Rational::new_raw(d.checked_neg()?, c.checked_neg()?)
        } else {
            Rational::new_raw(d, c)
        };
        self.mul(inverse)
    }
    fn to_f64(self) -> f64 {
        crate::equilibrium::exact::to_f64(&self)
    }
}

/// `num / den` in lowest terms (`den > 0`: every operation above keeps the
/// denominators positive).
fn reduced(num: i128, den: i128) -> Rational {
    debug_assert!(den > 0);
    let g = gcd(num, den).max(1);
    Rational::new_raw(num / g, den / g)
}

/// What a linear system has.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Solutions<T> {
    /// No solution.
    None,
    /// Exactly one.
    Unique(Vec<T>),
    /// Infinitely many (the system is consistent and underdetermined).
    Continuum,
}

/// Solves `A z = b` for `A` of `rows x cols`, given as the augmented
/// row-major matrix `[A | b]` (`rows x (cols + 1)`, overwritten), by
/// Gauss-Jordan elimination with the largest pivot in each column. `None` on
/// overflow.
pub(crate) fn solve<T: Scalar>(
    augmented: &mut [T],
    rows: usize,
    cols: usize,
) -> Option<Solutions<T>> {
    let w = cols + 1;
    debug_assert_eq!(augmented.len(), rows * w);
    let mut pivot_cols = Vec::with_capacity(cols.min(rows));
    let mut r = 0;
    for c in 0..cols {
        if r == rows {
            break;
        }
        let best = (r..rows)
            .filter(|&k| !augmented[k * w + c].is_zero())
            .max_by(|&x, &y| {
                augmented[x * w + c]
                    .to_f64()
                    .abs()
                    .total_cmp(&augmented[y * w + c].to_f64().abs())
            });
        let Some(p) = best else {
            continue;
        };
        if p != r {
            for k in 0..w {
                augmented.swap(p * w + k, r * w + k);
            }
        }
        let pivot = augmented[r * w + c];
        for k in c..w {
            augmented[r * w + k] = augmented[r * w + k].div(pivot)?;
        }
        for other in 0..rows {
            if other == r {
                continue;
            }
            let f = augmented[other * w + c];
            if f.is_zero() {
                augmented[other * w + c] = T::zero();
                continue;
            }
            for k in c..w {
                let v = augmented[other * w + k].sub(f.mul(augmented[r * w + k])?)?;
                augmented[other * w + k] = v;
            }
            augmented[other * w + c] = T::zero();
        }
        pivot_cols.push(c);
        r += 1;
    }
    // Rows below the rank: 0 = b must hold.
    if (r..rows).any(|k| !augmented[k * w + cols].is_zero()) {
        return Some(Solutions::None);
    }
    if r < cols {
        return Some(Solutions::Continuum);
    }
    let mut z = vec![T::zero(); cols];
    for (k, &c) in pivot_cols.iter().enumerate() {
        z[c] = augmented[k * w + cols];
    }
    Some(Solutions::Unique(z))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i128, d: i128) -> Rational {
        Rational::new(n, d)
    }

    #[test]
    fn exact_unique_none_and_continuum() {
        // x + y = 1, 3x - y = 0  ->  x = 1/4, y = 3/4.
        let mut a = vec![q(1, 1), q(1, 1), q(1, 1), q(3, 1), q(-1, 1), q(0, 1)];
        assert_eq!(
            solve(&mut a, 2, 2),
            Some(Solutions::Unique(vec![q(1, 4), q(3, 4)]))
        );
        // x + y = 1, 2x + 2y = 3: none.
        let mut a = vec![q(1, 1), q(1, 1), q(1, 1), q(2, 1), q(2, 1), q(3, 1)];
        assert_eq!(solve(&mut a, 2, 2), Some(Solutions::None));
        // x + y = 1 twice: a continuum.
        let mut a = vec![q(1, 1), q(1, 1), q(1, 1), q(1, 1), q(1, 1), q(1, 1)];
        assert_eq!(solve(&mut a, 2, 2), Some(Solutions::Continuum));
        // Overdetermined but consistent: x = 2, 2x = 4.
        let mut a = vec![q(1, 1), q(2, 1), q(2, 1), q(4, 1)];
        assert_eq!(solve(&mut a, 2, 1), Some(Solutions::Unique(vec![q(2, 1)])));
    }

    #[test]
    fn checked_rationals_give_up_on_overflow() {
        let big = Rational::from_integer(i128::MAX / 2);
        assert!(big.add(big).is_some());
        assert!(big.add(big).unwrap().add(big).is_none());
        assert!(big.mul(Rational::from_integer(3)).is_none());
        assert_eq!(q(1, 3).add(q(1, 6)), Some(q(1, 2)));
        assert_eq!(q(2, 3).div(q(-4, 9)), Some(q(-3, 2)));
        assert_eq!(q(1, 3).sub(q(1, 3)), Some(q(0, 1)));
    }

    #[test]
    fn f64_elimination() {
        let mut a = vec![2.0, 1.0, 3.0, 1.0, 3.0, 5.0];
        match solve(&mut a, 2, 2) {
            Some(Solutions::Unique(z)) => {
                assert!((z[0] - 0.8).abs() < 1e-14 && (z[1] - 1.4).abs() < 1e-14)
            }
            other => panic!("{other:?}"),
        }
    }
}
