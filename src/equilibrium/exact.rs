//! Exact fractions for equilibria of integer-payoff games.
//!
//! Integer payoffs are first *normalised* per player ([`integer_payoffs`]):
//! the smallest payoff is subtracted and the differences are divided by their
//! greatest common divisor. A positive affine map of a player's payoffs changes
//! none of their best responses, so the equilibria are the same, and a game
//! whose payoffs are `10000000003, 10000000000, 10000000005, 10000000001` is
//! solved as the small game `3, 0, 5, 1` at every scale.
//!
//! A computed (floating-point) equilibrium of a game with integer payoffs is
//! recomputed in exact rational arithmetic on its supports: the column
//! strategy `y` on support `T` and the row value `v` solve the indifference
//! system `(A y)_i = v` for `|T|` best-response rows `i`, `Σ y = 1`; likewise
//! for `x`. The system is solved fraction-free (Bareiss) in checked `i128`;
//! the exact solution is accepted only when it is an exact equilibrium
//! (non-negative, every pure deviation gains nothing) and agrees with the
//! floating-point one, so a chicken game prints `1/3`, not `0.33333`.
//!
//! ## References
//! - B. von Stengel (2007), "Equilibrium computation for two-player games in
//!   strategic and extensive form", in *Algorithmic Game Theory*, ch. 3.

use super::linalg::{solve_exact, ExactSolve};
use super::{Equilibrium, ExactEquilibrium, Rational};
use crate::game::MatrixGame;
use ndarray::Array2;

/// Largest payoff magnitude converted to an integer for exact arithmetic
/// (`2^100`, so that differences fit comfortably in `i128`).
const MAX_EXACT_PAYOFF: f64 = 1.267_650_600_228_229_4e30;

/// Most row subsets tried per player when a degenerate support admits several
/// square indifference systems.
const MAX_SUBSETS: usize = 5_000;

/// The exact form of a rational as an `f64` (nearest double, up to rounding).
pub fn to_f64(r: &Rational) -> f64 {
    *r.numer() as f64 / *r.denom() as f64
}

/// A game with integer payoffs, each player's payoffs normalised: the
/// original payoff is `shift + unit * normalised`, and the normalised payoffs
/// are non-negative integers with smallest value `0` and greatest common
/// divisor `1` (all `0` when the player's payoffs are all equal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerGame {
    /// The row player's normalised payoffs.
    pub a: Array2<i128>,
    /// The column player's normalised payoffs.
    pub b: Array2<i128>,
    /// The row player's smallest payoff.
    pub a_shift: i128,
    /// The row player's unit: the gcd of their payoff differences (`1` if none).
    pub a_unit: i128,
    /// The column player's smallest payoff.
    pub b_shift: i128,
    /// The column player's unit.
    pub b_unit: i128,
}

impl IntegerGame {
    /// The row player's payoff in the original game for a normalised value.
    /// `None` on `i128` overflow.
    pub fn row_payoff(&self, normalised: Rational) -> Option<Rational> {
        denormalise(normalised, self.a_shift, self.a_unit)
    }

    /// The column player's payoff in the original game for a normalised value.
    /// `None` on `i128` overflow.
    pub fn col_payoff(&self, normalised: Rational) -> Option<Rational> {
        denormalise(normalised, self.b_shift, self.b_unit)
    }
}

pub(crate) fn denormalise(r: Rational, shift: i128, unit: i128) -> Option<Rational> {
    let (p, q) = (*r.numer(), *r.denom());
    let num = shift.checked_mul(q)?.checked_add(unit.checked_mul(p)?)?;
    Some(Rational::new(num, q))
}

pub(crate) fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// Converts one player's payoffs: `(normalised, shift, unit)`.
fn normalise(m: &Array2<f64>) -> Option<(Array2<i128>, i128, i128)> {
    let values: Vec<f64> = m.iter().copied().collect();
    let (ints, shift, unit) = normalise_values(&values)?;
    let ints = Array2::from_shape_vec(m.dim(), ints).expect("one value per entry");
    Some((ints, shift, unit))
}

/// One player's payoffs (in any order) as normalised integers, with the
/// shift and unit that give them back: `(normalised, shift, unit)`, the
/// original payoff being `shift + unit * normalised` (see [`IntegerGame`]).
/// `None` unless every payoff is an integer of magnitude at most `2^100`.
pub(crate) fn normalise_values(values: &[f64]) -> Option<(Vec<i128>, i128, i128)> {
    if !values
        .iter()
        .all(|v| v.fract() == 0.0 && v.abs() <= MAX_EXACT_PAYOFF)
    {
        return None;
    }
    // Integral f64 values of magnitude <= 2^100 convert exactly.
    let ints: Vec<i128> = values.iter().map(|&v| v as i128).collect();
    let shift = *ints.iter().min()?;
    let unit = ints.iter().fold(0i128, |g, &v| gcd(g, v - shift));
    let unit = if unit == 0 { 1 } else { unit };
    Some((
        ints.iter().map(|v| (v - shift) / unit).collect(),
        shift,
        unit,
    ))
}

/// The payoffs as normalised integers (see [`IntegerGame`]) when every payoff
/// is an integer of magnitude at most `2^100`; `None` otherwise.
pub fn integer_payoffs(game: &MatrixGame) -> Option<IntegerGame> {
    let (a, a_shift, a_unit) = normalise(game.row_payoffs())?;
    let (b, b_shift, b_unit) = normalise(game.col_payoffs())?;
    Some(IntegerGame {
        a,
        b,
        a_shift,
        a_unit,
        b_shift,
        b_unit,
    })
}

/// Recomputes `eq` exactly when `game` has integer payoffs. `None` when the
/// payoffs are not integers, the arithmetic would overflow `i128`, or no exact
/// equilibrium on `eq`'s supports agrees with it within `1e-6`.
pub fn exact_equilibrium(game: &MatrixGame, eq: &Equilibrium) -> Option<ExactEquilibrium> {
    let ig = integer_payoffs(game)?;
    let (a, b) = (&ig.a, &ig.b);
    let sx = eq.row_support();
    let sy = eq.col_support();
    // y makes the row player indifferent on rows that are best responses.
    let (y, v) = side(a, &sy, &sx, &eq.col.to_vec())?;
    let bt = b.t().to_owned();
    let (x, u) = side(&bt, &sx, &sy, &eq.row.to_vec())?;
    Some(ExactEquilibrium {
        row: x,
        col: y,
        row_payoff: ig.row_payoff(v)?,
        col_payoff: ig.col_payoff(u)?,
    })
}

/// For the player whose payoff matrix is `p` (own actions x other's actions):
/// the other's exact strategy on `other_support` and own value, making every
/// action of `own_support` a best response.
fn side(
    p: &Array2<i128>,
    other_support: &[usize],
    own_support: &[usize],
    other_float: &[f64],
) -> Option<(Vec<Rational>, Rational)> {
    let (rows, cols) = p.dim();
    let k = other_support.len();
    // Own actions' (normalised) payoffs against the computed strategy.
    let own_action_payoffs: Vec<f64> = (0..rows)
        .map(|i| (0..cols).map(|j| p[(i, j)] as f64 * other_float[j]).sum())
        .collect();
    let best = own_action_payoffs
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let scale = p.iter().fold(1.0f64, |s, v| s.max((*v as f64).abs()));
    // Candidate rows: own best responses, own support first.
    let mut cands: Vec<usize> = own_support.to_vec();
    for (i, &val) in own_action_payoffs.iter().enumerate() {
        if !own_support.contains(&i) && val >= best - 1e-6 * scale {
            cands.push(i);
        }
    }
    if cands.len() < k || k == 0 {
        return None;
    }
    let dim = k + 1;
    let mut tried = 0usize;
    let mut combo: Vec<usize> = (0..k).collect();
    loop {
        tried += 1;
        if tried > MAX_SUBSETS {
            return None;
        }
        // Unknowns: q_t (t in other_support), then w; equations: chosen rows
        // sum_t p[r][t] q_t - w = 0, and sum_t q_t = 1.
        let mut m = vec![0i128; dim * dim];
        let mut rhs = vec![0i128; dim];
        for (e, &ci) in combo.iter().enumerate() {
            let r = cands[ci];
            for (t, &j) in other_support.iter().enumerate() {
                m[e * dim + t] = p[(r, j)];
            }
            m[e * dim + k] = -1;
        }
        for t in 0..k {
            m[k * dim + t] = 1;
        }
        rhs[k] = 1;
        match solve_exact(&m, &rhs, dim) {
            ExactSolve::Overflow => return None,
            ExactSolve::Singular => {}
            ExactSolve::Unique {
                numerators,
                denominator,
            } => {
                if let Some(found) = accept(
                    p,
                    other_support,
                    own_support,
                    other_float,
                    &numerators,
                    denominator,
                    rows,
                    cols,
                ) {
                    return Some(found);
                }
            }
        }
        if !next_combination(&mut combo, cands.len()) {
            return None;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn accept(
    p: &Array2<i128>,
    other_support: &[usize],
    own_support: &[usize],
    other_float: &[f64],
    num: &[i128],
    den: i128,
    rows: usize,
    cols: usize,
) -> Option<(Vec<Rational>, Rational)> {
    let k = other_support.len();
    if num[..k].iter().any(|&q| q <= 0) {
        return None;
    }
    let w = num[k];
    // Every own action earns at most w (times den), own support exactly w.
    for i in 0..rows {
        let mut s: i128 = 0;
        for (t, &j) in other_support.iter().enumerate() {
            s = s.checked_add(p[(i, j)].checked_mul(num[t])?)?;
        }
        if s > w || (own_support.contains(&i) && s != w) {
            return None;
        }
    }
    let mut q = vec![Rational::from_integer(0); cols];
    for (t, &j) in other_support.iter().enumerate() {
        q[j] = Rational::new(num[t], den);
        if (to_f64(&q[j]) - other_float[j]).abs() > 1e-6 {
            return None;
        }
    }
    Some((q, Rational::new(w, den)))
}

/// Advances `c` to the next `c.len()`-subset of `0..n` in lexicographic order.
pub(crate) fn next_combination(c: &mut [usize], n: usize) -> bool {
    let k = c.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if c[i] < n - k + i {
            c[i] += 1;
            for t in i + 1..k {
                c[t] = c[t - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::equilibrium::verify::certify;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn combinations_in_order() {
        let mut c = vec![0, 1];
        let mut all = vec![c.clone()];
        while next_combination(&mut c, 4) {
            all.push(c.clone());
        }
        assert_eq!(all.len(), 6);
        assert_eq!(all[5], vec![2, 3]);
    }

    #[test]
    fn chicken_mixed_is_exact() {
        // The symmetric mixed equilibrium of chicken: q = (S-P)/(S-P+T-R).
        let g = catalogue::by_name("chicken", &[]).unwrap();
        let a = g.row_payoffs();
        let (r, s, t, p) = (a[(0, 0)], a[(0, 1)], a[(1, 0)], a[(1, 1)]);
        let q = (s - p) / (s - p + t - r);
        let x = array![q, 1.0 - q];
        let eq = certify(&g, &x, &x, 1e-9).unwrap();
        let e = eq.exact.unwrap();
        assert_eq!(to_f64(&e.row[0]), q);
        assert!(e.row[0].denom() > &1);
    }

    #[test]
    fn none_for_real_payoffs() {
        let g = MatrixGame::new(
            array![[0.5, 0.0], [0.0, 1.0]],
            array![[1.0, 0.0], [0.0, 0.5]],
        )
        .unwrap();
        let x = array![1.0 / 3.0, 2.0 / 3.0];
        let y = array![2.0 / 3.0, 1.0 / 3.0];
        let eq = certify(&g, &x, &y, 1e-9).unwrap();
        assert!(eq.exact.is_none());
    }
}
