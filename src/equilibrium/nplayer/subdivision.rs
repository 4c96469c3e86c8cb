//! Every root of a support's indifference system in the probability box, by
//! recursive subdivision with exclusion and Krawczyk uniqueness tests.
//!
//! The system's equations are multilinear ([`super::system`]), and so are the
//! entries of its Jacobian; a multilinear function takes its least and
//! greatest values over a box at the box's corners. The range of every
//! equation and of every Jacobian entry over a box is therefore computed
//! exactly (up to rounding) from the `2^N` corners. A box is
//!
//! - **excluded** when some equation's range leaves out zero, when a
//!   player's probabilities cannot sum to at most one in it, or when the
//!   Krawczyk operator `K(X) = c - Y F(c) + (I - Y J(X)) (X - c)`
//!   (`c` the centre, `Y` the inverse of the Jacobian at `c`, `J(X)` the
//!   interval Jacobian) misses the box;
//! - **solved** when `K(X)` lies inside the box's interior: then the box holds
//!   exactly one root (Krawczyk 1969; Moore 1977), found by Newton's method
//!   from the centre;
//! - otherwise cut in two across its widest side (at a point off the middle,
//!   so that roots with small denominators, such as 1/2 or 1/4, do not fall on
//!   a cut).
//!
//! The domain is `[-δ, 1 + δ]^N` (`δ` = [`MARGIN`]) so that roots with a
//! probability exactly zero, which belong to smaller supports, lie inside it.
//! The search is complete when every box was excluded or solved; a box that
//! shrinks below [`MIN_WIDTH`] unresolved (a singular root, a continuum of
//! roots in a degenerate game) or a search beyond its box budget makes it
//! incomplete, and is reported so.
//!
//! ## References
//! - R. Krawczyk (1969), "Newton-Algorithmen zur Bestimmung von Nullstellen
//!   mit Fehlerschranken", Computing 4:187-201.
//! - R. E. Moore (1977), "A test for existence of solutions to nonlinear
//!   systems", SIAM Journal on Numerical Analysis 14:611-615.
//! - R. D. McKelvey and A. McLennan (1996), "Computation of equilibria in
//!   finite games", Handbook of Computational Economics 1:87-142, §6
//!   (enumerating the equilibria of each support by solving its polynomial
//!   system).

use super::system::{newton, SupportSystem, Workspace};
use crate::equilibrium::linalg::solve_f64;

/// How far the domain extends beyond `[0, 1]` in every variable.
pub(crate) const MARGIN: f64 = 1e-3;

/// Boxes narrower than this in every side are given up as unresolved.
pub(crate) const MIN_WIDTH: f64 = 1e-9;

/// Where a box is cut, as a fraction of its widest side.
const CUT: f64 = 0.4875;

/// Slack on zero in the exclusion test (payoffs are in `[0, 1]`).
const RANGE_SLACK: f64 = 1e-12;

/// The roots found and whether the search was complete.
#[derive(Debug, Clone, Default)]
pub(crate) struct BoxSearch {
    /// The roots, each proven unique in its box (and any Newton found in an
    /// unresolved box).
    pub roots: Vec<Vec<f64>>,
    /// `true` when every box was excluded or solved.
    pub complete: bool,
    /// Boxes examined.
    pub boxes: usize,
}

/// One box: lower and upper bounds per variable.
#[derive(Debug, Clone)]
struct Region {
    lo: Vec<f64>,
    hi: Vec<f64>,
}

/// Every root of `sys` in the domain, examining at most `budget` boxes.
pub(crate) fn search(sys: &SupportSystem, budget: usize) -> BoxSearch {
    let n = sys.n_vars();
    let mut out = BoxSearch {
        complete: true,
        ..BoxSearch::default()
    };
    if n == 0 {
        out.roots.push(Vec::new());
        return out;
    }
    let mut ev = Evaluator::new(sys);
    let mut stack = vec![Region {
        lo: vec![-MARGIN; n],
        hi: vec![1.0 + MARGIN; n],
    }];
    while let Some(mut region) = stack.pop() {
        out.boxes += 1;
        if out.boxes > budget || crate::parallel::cancelled() {
            out.complete = false;
            break;
        }
        if !sums_feasible(sys, &region) || !ev.may_hold_root(&region) {
            continue;
        }
        match ev.krawczyk(&region) {
            Krawczyk::Unique => {
                if let Some(root) = ev.root_in(&region) {
                    out.roots.push(root);
                } else {
                    // Proven to hold a root that Newton did not reach: keep cutting.
                    out.complete &= split(&mut stack, region);
                }
            }
            Krawczyk::Empty => {}
            Krawczyk::Shrunk(lo, hi) => {
                let before = width(&region);
                region.lo = lo;
                region.hi = hi;
                if width(&region) < 0.7 * before {
                    stack.push(region);
                } else if !split(&mut stack, region.clone()) {
                    out.complete = false;
                    if let Some(root) = ev.newton_from_centre(&region) {
                        out.roots.push(root);
                    }
                }
            }
        }
    }
    out
}

/// The widest side of a box.
fn width(r: &Region) -> f64 {
    r.lo.iter()
        .zip(&r.hi)
        .map(|(a, b)| b - a)
        .fold(0.0, f64::max)
}

/// Cuts `r` across its widest side and pushes both halves; `false` (pushing
/// nothing) when the box is already narrower than [`MIN_WIDTH`].
fn split(stack: &mut Vec<Region>, r: Region) -> bool {
    let (k, w) = r.lo.iter().zip(&r.hi).map(|(a, b)| b - a).enumerate().fold(
        (0, f64::NEG_INFINITY),
        |best, (k, w)| {
            if w > best.1 {
                (k, w)
            } else {
                best
            }
        },
    );
    if w < MIN_WIDTH {
        return false;
    }
    let cut = r.lo[k] + CUT * w;
    let mut left = r.clone();
    left.hi[k] = cut;
    let mut right = r;
    right.lo[k] = cut;
    stack.push(right);
    stack.push(left);
    true
}

/// `false` when in some mixing player's block the free probabilities cannot
/// sum to at most `1 + δ` anywhere in the box (the first action's probability
/// would be negative throughout).
fn sums_feasible(sys: &SupportSystem, r: &Region) -> bool {
    sys.groups()
        .all(|(o, k)| r.lo[o..o + k].iter().sum::<f64>() <= 1.0 + MARGIN)
}

/// What the Krawczyk test says about a box.
enum Krawczyk {
    /// Exactly one root in the box.
    Unique,
    /// No root in the box.
    Empty,
    /// Every root of the box lies in this smaller box (`lo`, `hi`).
    Shrunk(Vec<f64>, Vec<f64>),
}

/// Corner evaluations, with their buffers.
struct Evaluator<'a> {
    sys: &'a SupportSystem,
    n: usize,
    w: Workspace,
    f: Vec<f64>,
    jac: Vec<f64>,
    corner: Vec<f64>,
    f_lo: Vec<f64>,
    f_hi: Vec<f64>,
    j_lo: Vec<f64>,
    j_hi: Vec<f64>,
}

impl<'a> Evaluator<'a> {
    fn new(sys: &'a SupportSystem) -> Self {
        let n = sys.n_vars();
        Evaluator {
            sys,
            n,
            w: sys.workspace(),
            f: vec![0.0; n],
            jac: vec![0.0; n * n],
            corner: vec![0.0; n],
            f_lo: vec![0.0; n],
            f_hi: vec![0.0; n],
            j_lo: vec![0.0; n * n],
            j_hi: vec![0.0; n * n],
        }
    }

    fn set_corner(&mut self, r: &Region, mask: usize) {
        for k in 0..self.n {
            self.corner[k] = if mask >> k & 1 == 1 { r.hi[k] } else { r.lo[k] };
        }
    }

    /// `false` when some equation keeps one sign over the whole box.
    fn may_hold_root(&mut self, r: &Region) -> bool {
        self.f_lo.iter_mut().for_each(|v| *v = f64::INFINITY);
        self.f_hi.iter_mut().for_each(|v| *v = f64::NEG_INFINITY);
        for mask in 0..1usize << self.n {
            self.set_corner(r, mask);
            self.sys.eval(&self.corner, &mut self.f, None, &mut self.w);
            for k in 0..self.n {
                self.f_lo[k] = self.f_lo[k].min(self.f[k]);
                self.f_hi[k] = self.f_hi[k].max(self.f[k]);
            }
        }
        (0..self.n).all(|k| self.f_lo[k] <= RANGE_SLACK && self.f_hi[k] >= -RANGE_SLACK)
    }

    /// The interval Jacobian over the box, from its corners.
    fn interval_jacobian(&mut self, r: &Region) {
        self.j_lo.iter_mut().for_each(|v| *v = f64::INFINITY);
        self.j_hi.iter_mut().for_each(|v| *v = f64::NEG_INFINITY);
        for mask in 0..1usize << self.n {
            self.set_corner(r, mask);
            self.sys
                .eval(&self.corner, &mut self.f, Some(&mut self.jac), &mut self.w);
            for k in 0..self.n * self.n {
                self.j_lo[k] = self.j_lo[k].min(self.jac[k]);
                self.j_hi[k] = self.j_hi[k].max(self.jac[k]);
            }
        }
    }

    /// The Krawczyk test on the box.
    fn krawczyk(&mut self, r: &Region) -> Krawczyk {
        let n = self.n;
        let c: Vec<f64> = r.lo.iter().zip(&r.hi).map(|(a, b)| 0.5 * (a + b)).collect();
        let rad: Vec<f64> = r.lo.iter().zip(&r.hi).map(|(a, b)| 0.5 * (b - a)).collect();
        self.sys
            .eval(&c, &mut self.f, Some(&mut self.jac), &mut self.w);
        let fc = self.f.clone();
        // Y = J(c)^{-1}, column by column.
        let mut y = vec![0.0; n * n];
        for col in 0..n {
            let mut m = self.jac.clone();
            let mut e = vec![0.0; n];
            e[col] = 1.0;
            if !solve_f64(&mut m, &mut e, n) {
                return Krawczyk::Shrunk(r.lo.clone(), r.hi.clone());
            }
            for row in 0..n {
                y[row * n + col] = e[row];
            }
        }
        self.interval_jacobian(r);
        let mut lo = Vec::with_capacity(n);
        let mut hi = Vec::with_capacity(n);
        let mut inside = true;
        for a in 0..n {
            let yf: f64 = (0..n).map(|k| y[a * n + k] * fc[k]).sum();
            let mut spread = 0.0;
            for (b, &radius) in rad.iter().enumerate() {
                // (I - Y J(X))_{ab} as an interval.
                let (mut m_lo, mut m_hi) = if a == b { (1.0, 1.0) } else { (0.0, 0.0) };
                for k in 0..n {
                    let yk = y[a * n + k];
                    let (p, q) = (yk * self.j_lo[k * n + b], yk * self.j_hi[k * n + b]);
                    m_lo -= p.max(q);
                    m_hi -= p.min(q);
                }
                spread += m_lo.abs().max(m_hi.abs()) * radius;
            }
            let centre = c[a] - yf;
            let slack = 1e-13 * (1.0 + centre.abs() + spread);
            let (k_lo, k_hi) = (centre - spread - slack, centre + spread + slack);
            if k_hi < r.lo[a] || k_lo > r.hi[a] {
                return Krawczyk::Empty;
            }
            inside &= k_lo > r.lo[a] && k_hi < r.hi[a];
            lo.push(k_lo.max(r.lo[a]));
            hi.push(k_hi.min(r.hi[a]));
        }
        if inside {
            Krawczyk::Unique
        } else {
            Krawczyk::Shrunk(lo, hi)
        }
    }

    /// The root of a box proven to hold exactly one: Newton's method from the
    /// centre, the result kept only if it lies in the box.
    fn root_in(&mut self, r: &Region) -> Option<Vec<f64>> {
        let root = self.newton_from_centre(r)?;
        let tol = 1e-12;
        root.iter()
            .zip(r.lo.iter().zip(&r.hi))
            .all(|(x, (a, b))| *x >= a - tol && *x <= b + tol)
            .then_some(root)
    }

    fn newton_from_centre(&mut self, r: &Region) -> Option<Vec<f64>> {
        let c: Vec<f64> = r.lo.iter().zip(&r.hi).map(|(a, b)| 0.5 * (a + b)).collect();
        newton(self.sys, &c, 60)
    }
}

#[cfg(test)]
mod tests {
    use super::super::system::rescaled_payoffs;
    use super::*;
    use crate::game::NPlayerGame;

    #[test]
    fn finds_the_one_root_in_the_box_of_a_three_player_system() {
        // Action 1 pays 9 when both others play 1 and 0 otherwise; action 0
        // pays 2. Indifference: 9 x_j x_k = 2 for every pair of the others'
        // probabilities of action 1, so x = √2/3 for everyone (the root
        // -√2/3 lies outside the box).
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            (0..3)
                .map(|i| {
                    let others_one = (0..3).filter(|&j| j != i).all(|j| a[j] == 1);
                    if a[i] == 1 {
                        if others_one {
                            9.0
                        } else {
                            0.0
                        }
                    } else {
                        2.0
                    }
                })
                .collect()
        })
        .unwrap();
        let rescaled = rescaled_payoffs(&g);
        let sys = SupportSystem::new(&g, &rescaled, &[vec![0, 1], vec![0, 1], vec![0, 1]]);
        let found = search(&sys, 100_000);
        assert!(found.complete);
        assert_eq!(found.roots.len(), 1, "{:?}", found.roots);
        for v in &found.roots[0] {
            assert!((v - 2f64.sqrt() / 3.0).abs() < 1e-12);
        }
    }
}
