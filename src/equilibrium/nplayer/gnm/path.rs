//! Following the solution curve of `F(z, t) = 0` from `t = +∞` to
//! `t = -∞` by predictor-corrector steps, collecting the points where it
//! crosses `t = 0` (docs/model.md §16.1).
//!
//! - **Start.** For large `t` the only solution is the pure profile `σ⁰`
//!   whose actions maximise each player's `b`, on the ray
//!   `z(t) = σ⁰ + V(σ⁰) + t b`. It stays a solution while every
//!   `z_{i,s⁰} - z_{is} >= 1`, that is down to
//!   `t₁ = max_{i, s} (V_is - V_{i,s⁰}) / (b_{i,s⁰} - b_is)`; the path is
//!   followed from just above `t₁` (and `σ⁰` is an equilibrium of the game
//!   itself when `t₁ < 0`).
//! - **Tangent.** The unit vector `τ` spanning the kernel of the
//!   `N x (N+1)` Jacobian `[∂F/∂z | -b]` (from `[J; u^T] x = e_{N+1}` with
//!   `u` the previous tangent), its sign chosen so that `det [J; τ^T]`
//!   keeps the sign it had at the start, where the path leaves with `t`
//!   decreasing. The sign is the same on both sides of a kink (the two
//!   pieces' Jacobians differ by a matrix `w n^T` along the boundary's normal
//!   `n`), so the rule carries the orientation through changes of support
//!   and through turns of `t`.
//! - **Pieces.** Where the supports of `r(z)` are fixed, `r` is affine and
//!   `F` smooth; every evaluation uses the current piece's formulas (smooth
//!   beyond the piece's region). Each action's *margin* (`z_is - v_i` for
//!   an action in the support, `v_i - z_is` for one out of it) is
//!   non-negative on the region.
//! - **Predictor-corrector.** A step of length `h` along `τ`, then Newton's
//!   method on `F = 0` within the hyperplane orthogonal to `τ`. A step is
//!   refused and halved when the corrector does not converge quickly or the
//!   tangent turns by more than about 18 degrees; accepted easy steps
//!   double `h` (up to [`H_MAX`]).
//! - **Kinks.** When a step leaves the region (a margin turns negative),
//!   the point where the first margin reaches zero is solved for exactly
//!   (Newton on `F = 0, margin = 0`), the action joins or leaves the
//!   support, and the path goes on in the new piece with the tangent the
//!   orientation rule gives there, which must point into the new region (a
//!   check of the rule). Sharp turns at kinks cost nothing.
//! - **Crossings and end.** Between two points where `t` changes sign, the
//!   zero of `F(·, 0)` on the piece is found by Newton's method from the
//!   linear interpolation; `r(z)` there is an equilibrium of the game. The
//!   path ends once it is on the piece of the pure profile that `-b` makes
//!   dominant with `t < 0` decreasing: from there it runs straight to
//!   `t = -∞`.
//!
//! ## References
//! - S. Govindan and R. Wilson (2003), "A global Newton method to compute
//!   Nash equilibria", Journal of Economic Theory 110:65-86.
//! - E. L. Allgower and K. Georg (1990), *Numerical Continuation Methods:
//!   An Introduction*, Springer, ch. 2 (orientation by the augmented
//!   determinant) and ch. 6 (predictor-corrector steps).

use super::dense::solve_with_sign;
use super::structure::{piece_of, Piece, Structure};

/// Most accepted and refused steps on one path.
pub const MAX_STEPS: usize = 200_000;

/// The longest step.
pub const H_MAX: f64 = 0.5;

/// The first step, and the first step after a kink.
const H_START: f64 = 1e-2;

/// Below this step length the path is given up.
const H_MIN: f64 = 1e-12;

/// A step is refused when the tangent's cosine with the previous one falls
/// below this.
const MIN_COS: f64 = 0.95;

/// Corrector iterations before a step is refused.
const CORRECTOR_ITERATIONS: usize = 8;

/// What one path gave.
#[derive(Debug, Clone)]
pub(crate) struct PathRun {
    /// `r(z)` at each crossing of `t = 0`, in path order.
    pub(crate) crossings: Vec<Vec<Vec<f64>>>,
    /// Accepted steps (kinks included).
    pub(crate) steps: usize,
    /// Changes of support along the path.
    pub(crate) kinks: usize,
    /// Why the path stopped before its end, if it did.
    pub(crate) stopped: Option<String>,
}

/// A point `(z, t)` of the path.
#[derive(Debug, Clone)]
struct Point {
    z: Vec<f64>,
    t: f64,
}

impl Point {
    /// `self + h d` for a direction `d` in `(z, t)` coordinates.
    fn moved(&self, h: f64, d: &[f64]) -> Point {
        Point {
            z: self.z.iter().zip(d).map(|(z, v)| z + h * v).collect(),
            t: self.t + h * d[self.z.len()],
        }
    }

    /// The point a fraction `theta` of the way to `other`.
    fn towards(&self, other: &Point, theta: f64) -> Point {
        Point {
            z: self
                .z
                .iter()
                .zip(&other.z)
                .map(|(a, c)| a + theta * (c - a))
                .collect(),
            t: self.t + theta * (other.t - self.t),
        }
    }
}

/// Follows the path of `s` (see the module's documentation).
pub(crate) fn follow(s: &mut Structure) -> PathRun {
    let n = s.dim();
    let b = s.ray().to_vec();
    let offsets = s.offsets().to_vec();
    let shape = s.game().shape().to_vec();
    let block = |i: usize| offsets[i]..offsets[i] + shape[i];
    let argbest = |i: usize, better: &dyn Fn(f64, f64) -> bool| {
        block(i).fold(
            offsets[i],
            |best, k| if better(b[k], b[best]) { k } else { best },
        )
    };
    let top: Vec<usize> = (0..shape.len())
        .map(|i| argbest(i, &|x, y| x > y))
        .collect();
    let bottom: Vec<usize> = (0..shape.len())
        .map(|i| argbest(i, &|x, y| x < y))
        .collect();
    let pure_piece = |chosen: &[usize]| -> Piece {
        (0..shape.len())
            .map(|i| block(i).map(|k| k == chosen[i]).collect())
            .collect()
    };
    let start_piece = pure_piece(&top);
    let end_piece = pure_piece(&bottom);
    let sigma0: Vec<Vec<f64>> = start_piece
        .iter()
        .map(|p| p.iter().map(|&x| f64::from(u8::from(x))).collect())
        .collect();
    let v0 = s.payoffs_against(&sigma0);
    let mut t1 = f64::NEG_INFINITY;
    for (i, &k0) in top.iter().enumerate() {
        for k in block(i).filter(|&k| k != k0) {
            t1 = t1.max((v0[k] - v0[k0]) / (b[k0] - b[k]));
        }
    }
    let mut run = PathRun {
        crossings: Vec::new(),
        steps: 0,
        kinks: 0,
        stopped: None,
    };
    if t1 == f64::NEG_INFINITY {
        // Every player has one action.
        run.crossings.push(sigma0);
        return run;
    }
    let margin = 1e-3 * (1.0 + t1.abs());
    let t_start = if t1 < 0.0 {
        run.crossings.push(sigma0.clone());
        t1 + margin.min(-t1 / 2.0)
    } else {
        t1 + margin
    };
    let z0: Vec<f64> = sigma0
        .concat()
        .iter()
        .zip(&v0)
        .zip(&b)
        .map(|((p, v), bk)| p + v + t_start * bk)
        .collect();
    let mut y = Point { z: z0, t: t_start };
    // On the start's ray `r(z)` is the pure profile: its piece is pure.
    let mut piece = piece_of(&y.z, &offsets, &shape);
    debug_assert_eq!(piece, start_piece);
    let mut e_t = vec![0.0; n + 1];
    e_t[n] = -1.0;
    let Some((mut tau, orientation)) = tangent(s, &y, &piece, &e_t) else {
        run.stopped = Some("the path's start is singular".into());
        return run;
    };
    let oriented = |x: Vec<f64>, sign: f64| -> Vec<f64> {
        let flip = if sign == orientation { 1.0 } else { -1.0 };
        x.into_iter().map(|v| v * flip).collect()
    };
    let mut h = H_START;
    for _ in 0..MAX_STEPS {
        if y.t < 0.0 && tau[n] < 0.0 && piece == end_piece {
            return run;
        }
        if crate::parallel::cancelled() {
            run.stopped = Some("cancelled".to_string());
            return run;
        }
        let stepped = correct(s, y.moved(h, &tau), &piece, &tau, h).and_then(|(p, iterations)| {
            let (x, sign) = tangent(s, &p, &piece, &tau)?;
            Some((p, iterations, oriented(x, sign)))
        });
        let Some((p, iterations, tau_new)) = stepped else {
            h /= 2.0;
            if h < H_MIN {
                return stalled(s, run, &y, &piece);
            }
            continue;
        };
        let cos: f64 = tau.iter().zip(&tau_new).map(|(a, c)| a * c).sum();
        if cos < MIN_COS {
            h /= 2.0;
            if h < H_MIN {
                return stalled(s, run, &y, &piece);
            }
            continue;
        }
        let before = s.margins(&y.z, &piece);
        let after = s.margins(&p.z, &piece);
        // The first margin to reach zero along the step, if any does.
        let exit = (0..n)
            .filter(|&k| after[k] < 0.0)
            .map(|k| {
                let g = before[k].max(0.0);
                (k, g / (g - after[k]))
            })
            .min_by(|a, c| a.1.total_cmp(&c.1));
        let Some((k, theta)) = exit else {
            crossing(s, &mut run, &y, &p, &piece);
            y = p;
            tau = tau_new;
            run.steps += 1;
            if iterations <= 2 {
                h = (2.0 * h).min(H_MAX);
            }
            continue;
        };
        let Some(kink) = boundary(s, y.towards(&p, theta), &piece, k) else {
            h /= 2.0;
            if h < H_MIN {
                return stalled(s, run, &y, &piece);
            }
            continue;
        };
        crossing(s, &mut run, &y, &kink, &piece);
        let (i, a) = player_action(&offsets, k);
        piece[i][a] = !piece[i][a];
        let Some((x, sign)) = tangent(s, &kink, &piece, &tau) else {
            return stalled(s, run, &kink, &piece);
        };
        let tau_next = oriented(x, sign);
        let into: f64 = s
            .margin_gradient(k, &piece)
            .iter()
            .zip(&tau_next)
            .map(|(g, d)| g * d)
            .sum();
        if into <= 0.0 {
            run.stopped = Some(format!(
                "the path does not go on into the next piece at t = {:.3e} (a degenerate kink)",
                kink.t
            ));
            return run;
        }
        y = kink;
        tau = tau_next;
        run.steps += 1;
        run.kinks += 1;
        h = H_START;
    }
    run.stopped = Some(format!("no end after {MAX_STEPS} steps (t = {:.3e})", y.t));
    run
}

/// Player and action of coordinate `k`.
fn player_action(offsets: &[usize], k: usize) -> (usize, usize) {
    let i = offsets
        .iter()
        .rposition(|&o| o <= k)
        .expect("offsets start at 0");
    (i, k - offsets[i])
}

/// When `t` changes sign from `y` to `p` (on `piece`), the zero of
/// `F(·, 0)` between them is added to the crossings.
fn crossing(s: &mut Structure, run: &mut PathRun, y: &Point, p: &Point, piece: &Piece) {
    if (y.t > 0.0 && p.t <= 0.0) || (y.t < 0.0 && p.t >= 0.0) {
        let guess = y.towards(p, y.t / (y.t - p.t));
        let z = zero_at_t0(s, guess.z, piece);
        run.crossings.push(s.strategies(&z, piece));
    }
}

/// The path stalled at `y`: its `r(z)` is kept as a crossing when `t` is
/// within rounding of zero (a singular point at `t = 0`, as in a degenerate
/// game), and the reason recorded.
fn stalled(s: &mut Structure, mut run: PathRun, y: &Point, piece: &Piece) -> PathRun {
    if y.t.abs() < 1e-6 {
        let z = zero_at_t0(s, y.z.clone(), piece);
        run.crossings.push(s.strategies(&z, piece));
    }
    run.stopped = Some(format!(
        "the path stalled at t = {:.3e} (a singular point)",
        y.t
    ));
    run
}

/// The residual tolerance at parameter `t`.
fn tolerance(t: f64) -> f64 {
    1e-11 * (1.0 + t.abs())
}

/// The largest absolute entry.
fn sup_norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
}

/// The `(N+1) x (N+1)` matrix `[∂F/∂z, -b; u^T]` at `y` on `piece`,
/// row-major.
fn augmented(s: &mut Structure, y: &Point, piece: &Piece, u: &[f64]) -> Vec<f64> {
    let n = s.dim();
    let jac = s.jacobian(&y.z, piece);
    let mut a = vec![0.0; (n + 1) * (n + 1)];
    for r in 0..n {
        a[r * (n + 1)..r * (n + 1) + n].copy_from_slice(&jac[r * n..r * n + n]);
        a[r * (n + 1) + n] = -s.ray()[r];
    }
    a[n * (n + 1)..].copy_from_slice(u);
    a
}

/// The unit kernel vector `x` of the Jacobian at `y` on `piece` with
/// `u · x > 0`, and the sign of `det [J; u^T]` (which is the sign of
/// `det [J; x^T]`); falls back on the coordinate vectors for `u` when
/// `[J; u^T]` is singular.
fn tangent(s: &mut Structure, y: &Point, piece: &Piece, u: &[f64]) -> Option<(Vec<f64>, f64)> {
    let n = s.dim();
    let mut candidates = vec![u.to_vec()];
    for k in (0..=n).rev() {
        let mut e = vec![0.0; n + 1];
        e[k] = 1.0;
        candidates.push(e);
    }
    for u in candidates {
        let mut a = augmented(s, y, piece, &u);
        let mut x = vec![0.0; n + 1];
        x[n] = 1.0;
        if let Some(sign) = solve_with_sign(&mut a, &mut x, n + 1) {
            let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm.is_finite() && norm > 0.0 {
                return Some((x.into_iter().map(|v| v / norm).collect(), sign));
            }
        }
    }
    None
}

/// Newton's method on `F = 0` (on `piece`) within the hyperplane through `p`
/// orthogonal to `tau`: the corrected point and the iterations it took;
/// `None` when it does not converge or moves farther than `h`.
fn correct(
    s: &mut Structure,
    mut p: Point,
    piece: &Piece,
    tau: &[f64],
    h: f64,
) -> Option<(Point, usize)> {
    let n = s.dim();
    let mut f = vec![0.0; n];
    let start = p.clone();
    for iteration in 0..=CORRECTOR_ITERATIONS {
        s.eval(&p.z, p.t, piece, &mut f);
        let residual = sup_norm(&f);
        if !residual.is_finite() {
            return None;
        }
        if residual <= tolerance(p.t) {
            return Some((p, iteration));
        }
        if iteration == CORRECTOR_ITERATIONS {
            return None;
        }
        let mut a = augmented(s, &p, piece, tau);
        let mut d: Vec<f64> = f.iter().map(|v| -v).chain([0.0]).collect();
        solve_with_sign(&mut a, &mut d, n + 1)?;
        p = p.moved(1.0, &d);
        let moved =
            p.z.iter()
                .zip(&start.z)
                .map(|(a, c)| (a - c).powi(2))
                .sum::<f64>()
                + (p.t - start.t).powi(2);
        if moved.sqrt() > h {
            return None;
        }
    }
    None
}

/// Newton's method on `F = 0` and margin `k` of `piece` `= 0` from `p`: the
/// point where the path leaves the piece's region.
fn boundary(s: &mut Structure, mut p: Point, piece: &Piece, k: usize) -> Option<Point> {
    let n = s.dim();
    let grad = s.margin_gradient(k, piece);
    let mut f = vec![0.0; n];
    for _ in 0..=CORRECTOR_ITERATIONS {
        s.eval(&p.z, p.t, piece, &mut f);
        let g = s.margins(&p.z, piece)[k];
        if sup_norm(&f) <= tolerance(p.t) && g.abs() <= tolerance(0.0) {
            return Some(p);
        }
        let mut row = grad.clone();
        row.push(0.0);
        let mut a = augmented(s, &p, piece, &row);
        let mut d: Vec<f64> = f.iter().map(|v| -v).chain([-g]).collect();
        solve_with_sign(&mut a, &mut d, n + 1)?;
        p = p.moved(1.0, &d);
    }
    None
}

/// Newton's method on `F(·, 0) = 0` (on `piece`) from `z`; returns the
/// iterate of smallest residual (`z` itself when no step improves it).
fn zero_at_t0(s: &mut Structure, mut z: Vec<f64>, piece: &Piece) -> Vec<f64> {
    let n = s.dim();
    let mut f = vec![0.0; n];
    let mut best = (f64::INFINITY, z.clone());
    for _ in 0..30 {
        s.eval(&z, 0.0, piece, &mut f);
        let residual = sup_norm(&f);
        if residual < best.0 {
            best = (residual, z.clone());
        }
        if residual <= 1e-14 {
            break;
        }
        let mut jac = s.jacobian(&z, piece);
        let mut d: Vec<f64> = f.iter().map(|v| -v).collect();
        if solve_with_sign(&mut jac, &mut d, n).is_none() {
            break;
        }
        z.iter_mut().zip(&d).for_each(|(a, c)| *a += c);
    }
    best.1
}
