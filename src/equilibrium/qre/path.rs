//! Predictor-corrector tracing of the principal branch (Turocy 2005;
//! Allgower and Georg 1990, ch. 2 and 6), docs/model.md §17.3.
//!
//! The branch is the curve `H(z) = 0` of the equations (docs/model.md §17.2) through the
//! centroid at `μ = 0`, followed by arc length `s`:
//!
//! - **Tangent.** `t` solves the bordered system `[J(z); t_prevᵀ] t = e`,
//!   normalised: it spans the Jacobian's null space and keeps the orientation
//!   of the previous tangent (`e_μ` at the start, so the branch leaves
//!   `μ = 0` upwards).
//! - **Predictor.** An Euler step `z + h t`.
//! - **Corrector.** Newton's method on `H(z) = 0` restricted to the
//!   hyperplane through the prediction orthogonal to `t` (the bordered
//!   system `[J(z); tᵀ] δ = -(H(z), 0)`), until a correction is at most
//!   [`CORRECTOR_TOLERANCE`] `(1 + |z|∞)`.
//! - **Step control.** A step is refused (and retried at half the length)
//!   when the first correction exceeds 0.5, Newton
//!   contracts worse than 0.6 or has not converged in
//!   8 iterations, or the orientation changes; an accepted
//!   step's successor is scaled by the largest of `√(first correction /
//!   0.1)`, `√(contraction / 0.25)` and `angle / 0.15 rad` (within halving
//!   and doubling).
//! - **Bifurcations.** The sign of `det [J(z); tᵀ]` is constant along a
//!   regular branch and changes where the branch crosses another (a
//!   symmetric game's branch meets its symmetry-breaking branches). There the
//!   step is refused and the crossing is made on slightly perturbed
//!   equations (player 0's normalisation `Σ π = 1 - 10⁻⁷`, as Gambit does, and
//!   the first odds equation by `10⁻¹⁰`), which join the incoming branch to
//!   one outgoing branch; the perturbation is switched off two step lengths
//!   later and the corrector returns to the unperturbed branch.
//!
//! The trace stops once `μ` reaches [`LIMIT_PRECISION`] divided by the
//! smallest positive payoff range relative to `R` (`λ × range ≥ 10⁶` for every
//! player), or the largest requested `λ`, whichever is later. Each requested
//! `λ` is solved for on the segment of the trace that crosses it by Newton's
//! method at fixed `λ`, to [`POINT_TOLERANCE`] `(1 + |z|∞)`.

use super::equations::System;
use super::lu::Lu;
use super::{LogitGame, QrePoint};
use crate::error::{Error, Result};

/// Arc length of the first step.
const FIRST_STEP: f64 = 0.03;
/// The corrector stops when a Newton correction is at most this times
/// `1 + |z|∞`.
pub const CORRECTOR_TOLERANCE: f64 = 1e-10;
/// A requested point is solved until a Newton correction is at most this
/// times `1 + |z|∞`.
pub const POINT_TOLERANCE: f64 = 1e-13;
/// A requested point where Newton's method stops short (the Jacobian is
/// singular there: a bifurcation point) is accepted when every equation
/// holds to this.
pub const SINGULAR_POINT_RESIDUAL: f64 = 1e-9;
/// Most Newton iterations of one corrector step.
const MAX_CORRECTOR_ITERATIONS: usize = 8;
/// Most Newton iterations when solving for a point on a segment (Newton
/// converges only linearly at a bifurcation point).
const MAX_POINT_ITERATIONS: usize = 200;
/// Largest first Newton correction of an accepted step.
const MAX_FIRST_CORRECTION: f64 = 0.5;
/// Largest ratio of successive Newton corrections of an accepted step.
const MAX_CONTRACTION: f64 = 0.6;
/// First correction an ideal step makes.
const NOMINAL_FIRST_CORRECTION: f64 = 0.1;
/// Contraction an ideal step shows.
const NOMINAL_CONTRACTION: f64 = 0.25;
/// Angle (radians) between successive tangents of an ideal step.
const NOMINAL_ANGLE: f64 = 0.15;
/// Largest factor by which the step grows after an accepted step.
const MAX_GROWTH: f64 = 2.0;
/// Steps shorter than this times `1 + |z|∞` mean the tracer is stuck.
const MIN_STEP: f64 = 1e-13;
/// Most accepted steps of one trace.
const MAX_STEPS: usize = 100_000;
/// Most refused steps while crossing one bifurcation.
const MAX_CROSSING_REFUSALS: usize = 200;
/// The trace ends when `λ` times every player's payoff range is at least
/// this: each action that is not a best response by at least a millionth of
/// the payoff range then has probability below `e⁻¹`, and one worse by a
/// thousandth below `e⁻¹⁰⁰⁰`.
pub const LIMIT_PRECISION: f64 = 1e6;

/// Options of [`trace_branch`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TraceOptions {
    /// The precisions `λ ≥ 0` at which to report the QRE.
    pub lambdas: Vec<f64>,
    /// Trace at least to this `λ` (default: to the limit precision
    /// [`LIMIT_PRECISION`]).
    pub end_lambda: Option<f64>,
}

/// The traced principal branch.
#[derive(Debug, Clone)]
pub struct Branch {
    /// Values per point: the log-probabilities, then `μ = λ R`.
    width: usize,
    /// The payoff scale `R`.
    scale: f64,
    /// Each player's first action's index and number of actions.
    players: Vec<(usize, usize)>,
    /// The accepted points, `width` values each.
    points: Vec<f64>,
    /// The unit tangent at each point, oriented along the branch.
    tangents: Vec<f64>,
    /// Whether each point was traced on the perturbed equations.
    perturbed: Vec<bool>,
    /// The QRE at the requested `λ`, in the order requested.
    pub at_lambdas: Vec<QrePoint>,
    /// Steps accepted.
    pub steps: usize,
    /// Steps refused (and retried shorter).
    pub refused_steps: usize,
    /// The `λ` near which each bifurcation was crossed.
    pub bifurcations: Vec<f64>,
}

impl Branch {
    /// Number of traced points (the start and every accepted step).
    pub fn len(&self) -> usize {
        self.perturbed.len()
    }

    /// `true` when nothing was traced (never: the start is a point).
    pub fn is_empty(&self) -> bool {
        self.perturbed.is_empty()
    }

    /// `λ` at point `k`.
    pub fn lambda(&self, k: usize) -> f64 {
        self.point(k)[self.width - 1] / self.scale
    }

    /// The QRE at point `k`, one probability list per player.
    pub fn strategies(&self, k: usize) -> Vec<Vec<f64>> {
        strategies_of(&self.players, self.point(k))
    }

    /// Point `k` as a [`QrePoint`].
    pub fn qre_point(&self, k: usize) -> QrePoint {
        QrePoint {
            lambda: self.lambda(k),
            strategies: self.strategies(k),
        }
    }

    /// The last point: where tracing stopped.
    pub fn end(&self) -> QrePoint {
        self.qre_point(self.len() - 1)
    }

    /// Point `k`: its log-probabilities, then `μ`.
    pub(crate) fn point(&self, k: usize) -> &[f64] {
        &self.points[k * self.width..(k + 1) * self.width]
    }

    /// The unit tangent at point `k`.
    pub(crate) fn tangent(&self, k: usize) -> &[f64] {
        &self.tangents[k * self.width..(k + 1) * self.width]
    }

    /// Whether point `k` was traced on the perturbed equations (while a
    /// bifurcation was crossed; within about 10⁻⁷ of the branch).
    pub fn is_perturbed(&self, k: usize) -> bool {
        self.perturbed[k]
    }

    /// The payoff scale `R` (`μ = λ R`).
    pub(crate) fn scale(&self) -> f64 {
        self.scale
    }

    fn push(&mut self, z: &[f64], t: &[f64], perturbed: bool) {
        self.points.extend_from_slice(z);
        self.tangents.extend_from_slice(t);
        self.perturbed.push(perturbed);
    }
}

fn strategies_of(players: &[(usize, usize)], z: &[f64]) -> Vec<Vec<f64>> {
    players
        .iter()
        .map(|&(o, n)| z[o..o + n].iter().map(|x| x.exp()).collect())
        .collect()
}

/// The buffers of the tracer's linear algebra, allocated once per trace.
pub(crate) struct Workspace {
    /// Order of the bordered systems (equations + 1).
    dim: usize,
    matrix: Vec<f64>,
    rhs: Vec<f64>,
    residual: Vec<f64>,
    lu: Lu,
}

impl Workspace {
    /// Buffers for a system of `equations` equations.
    pub fn new(equations: usize) -> Self {
        let dim = equations + 1;
        Workspace {
            dim,
            matrix: vec![0.0; dim * dim],
            rhs: vec![0.0; dim],
            residual: vec![0.0; equations],
            lu: Lu::default(),
        }
    }
}

fn sup_norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The unit tangent at `z` oriented so that `border · t > 0`, written to
/// `out`; returns the sign of `det [J(z); borderᵀ]` (which is the sign of
/// `det [J(z); tᵀ]`), or `None` when that matrix is singular.
pub(crate) fn tangent<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    z: &[f64],
    border: &[f64],
    out: &mut [f64],
) -> Option<f64> {
    sys.bordered_jacobian(z, border, &mut ws.matrix);
    if !ws.lu.factor(&ws.matrix, ws.dim) {
        return None;
    }
    out.fill(0.0);
    out[ws.dim - 1] = 1.0;
    ws.lu.solve(out);
    let norm = dot(out, out).sqrt();
    if !norm.is_finite() || norm == 0.0 {
        return None;
    }
    out.iter_mut().for_each(|v| *v /= norm);
    Some(ws.lu.determinant_sign())
}

/// How a corrector step went.
struct Correction {
    /// Length of the first Newton correction.
    first: f64,
    /// Largest ratio of successive correction lengths (0 with one).
    contraction: f64,
}

/// Newton's method from `z` (overwritten) on the equations plus the
/// hyperplane `normal · z = offset`, until a correction is at most
/// `tolerance (1 + |z|∞)`. `limits` bounds the first correction and the
/// contraction (`None`: unbounded). `None` when Newton fails.
#[allow(clippy::too_many_arguments)]
fn newton<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    z: &mut [f64],
    normal: &[f64],
    offset: f64,
    perturbed: bool,
    tolerance: f64,
    iterations: usize,
    limits: Option<(f64, f64)>,
) -> Option<Correction> {
    let k = ws.dim - 1;
    let mut first = 0.0;
    let mut previous = 0.0;
    let mut contraction: f64 = 0.0;
    for it in 0..iterations {
        sys.bordered_jacobian(z, normal, &mut ws.matrix);
        if !ws.lu.factor(&ws.matrix, ws.dim) {
            return None;
        }
        sys.residual(z, perturbed, &mut ws.residual);
        for (r, h) in ws.rhs.iter_mut().zip(&ws.residual) {
            *r = -h;
        }
        ws.rhs[k] = offset - dot(normal, z);
        ws.lu.solve(&mut ws.rhs);
        let size = dot(&ws.rhs, &ws.rhs).sqrt();
        if !size.is_finite() {
            return None;
        }
        for (v, d) in z.iter_mut().zip(&ws.rhs) {
            *v += d;
        }
        let done = sup_norm(&ws.rhs) <= tolerance * (1.0 + sup_norm(z));
        if it == 0 {
            first = size;
            if limits.is_some_and(|(max_first, _)| size > max_first) {
                return None;
            }
        } else {
            let ratio = size / previous;
            contraction = contraction.max(ratio);
            if !done && limits.is_some_and(|(_, max_ratio)| ratio > max_ratio) {
                return None;
            }
        }
        if done {
            return Some(Correction { first, contraction });
        }
        previous = size;
    }
    None
}

/// The point of the branch on the hyperplane `normal · z = offset`, by
/// Newton's method from `start` (overwritten with the point) on the
/// unperturbed equations. `false` when Newton does not converge.
pub(crate) fn solve_on_hyperplane<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    start: &mut [f64],
    normal: &[f64],
    offset: f64,
) -> bool {
    newton(
        sys,
        ws,
        start,
        normal,
        offset,
        false,
        POINT_TOLERANCE,
        MAX_POINT_ITERATIONS,
        None,
    )
    .is_some()
}

/// The point where the segment of the branch from `a` to `b` (two traced
/// points) meets `normal · z = offset`, solved for from the chord's point
/// at the same offset, else from either end. At a bifurcation point itself
/// the Jacobian is singular and Newton stops short of its tolerance; its
/// last iterate is then accepted when the equations hold there to
/// [`SINGULAR_POINT_RESIDUAL`]. `None` when no start gets there.
fn point_between<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    a: &[f64],
    b: &[f64],
    normal: &[f64],
    offset: f64,
) -> Option<Vec<f64>> {
    let (fa, fb) = (dot(normal, a) - offset, dot(normal, b) - offset);
    let w = if fa == fb { 0.5 } else { fa / (fa - fb) };
    let chord: Vec<f64> = a.iter().zip(b).map(|(x, y)| x + w * (y - x)).collect();
    let mut nearest: Option<(f64, Vec<f64>)> = None;
    for start in [chord.as_slice(), a, b] {
        let mut z = start.to_vec();
        if solve_on_hyperplane(sys, ws, &mut z, normal, offset) {
            return Some(z);
        }
        sys.residual(&z, false, &mut ws.residual);
        let off_plane = (dot(normal, &z) - offset).abs();
        let residual = sup_norm(&ws.residual).max(off_plane);
        if residual.is_finite() && nearest.as_ref().is_none_or(|(r, _)| residual < *r) {
            nearest = Some((residual, z));
        }
    }
    nearest
        .filter(|(r, _)| *r <= SINGULAR_POINT_RESIDUAL)
        .map(|(_, z)| z)
}

/// A crossing of a bifurcation in progress.
struct Crossing {
    /// Arc length left to trace on the perturbed equations.
    remaining: f64,
    /// Steps refused during the crossing.
    refusals: usize,
}

/// Traces the principal branch of `game`'s logit QRE correspondence from
/// `λ = 0` (see the module documentation), reporting the QRE at
/// `options.lambdas`.
///
/// # Errors
/// [`Error::InvalidParameter`] for a requested `λ` that is negative or not
/// finite; [`Error::UnsupportedGame`] for a game without players or with a
/// player without actions; [`Error::Solver`] when the tracer cannot go on
/// (its step falls below the minimum, a bifurcation cannot be crossed, or
/// more than 100,000 steps).
pub fn trace_branch<G: LogitGame>(game: &G, options: &TraceOptions) -> Result<Branch> {
    for &l in options.lambdas.iter().chain(&options.end_lambda) {
        if !(l.is_finite() && l >= 0.0) {
            return Err(Error::invalid_parameter(
                "lambda",
                l,
                "a finite number >= 0",
            ));
        }
    }
    let mut sys = System::new(game)?;
    let k = sys.equations();
    let dim = k + 1;
    let scale = sys.scale();
    let smallest_range = (0..game.players())
        .map(|i| game.payoff_range(i))
        .filter(|r| *r > 0.0 && r.is_finite())
        .fold(f64::INFINITY, f64::min);
    let limit_mu = if smallest_range.is_finite() {
        LIMIT_PRECISION * scale / smallest_range
    } else {
        LIMIT_PRECISION
    };
    let end_mu = options
        .lambdas
        .iter()
        .chain(&options.end_lambda)
        .map(|l| l * scale)
        .fold(limit_mu, f64::max);
    let mut ws = Workspace::new(k);
    let mut branch = Branch {
        width: dim,
        scale,
        players: sys.players().collect(),
        points: Vec::new(),
        tangents: Vec::new(),
        perturbed: Vec::new(),
        at_lambdas: Vec::new(),
        steps: 0,
        refused_steps: 0,
        bifurcations: Vec::new(),
    };
    let mut z = sys.start();
    let mut up = vec![0.0; dim];
    up[k] = 1.0;
    let mut t = vec![0.0; dim];
    let stuck = |what: String| Error::Solver {
        method: "logit QRE",
        message: what,
    };
    let orientation = tangent(&mut sys, &mut ws, &z, &up, &mut t)
        .ok_or_else(|| stuck("the Jacobian is singular at the centroid".into()))?;
    branch.push(&z, &t, false);
    let mut found: Vec<Option<QrePoint>> = vec![None; options.lambdas.len()];
    for (slot, &l) in found.iter_mut().zip(&options.lambdas) {
        if l == 0.0 {
            *slot = Some(QrePoint {
                lambda: 0.0,
                strategies: sys.strategies(&z),
            });
        }
    }
    let mut h = FIRST_STEP;
    let mut crossing: Option<Crossing> = None;
    let mut u = vec![0.0; dim];
    let mut t_new = vec![0.0; dim];
    while z[k] < end_mu {
        crate::parallel::check_cancelled()?;
        if branch.steps >= MAX_STEPS {
            return Err(stuck(format!(
                "more than {MAX_STEPS} steps without reaching λ = {}",
                end_mu / scale
            )));
        }
        if h < MIN_STEP * (1.0 + sup_norm(&z)) {
            return Err(stuck(format!(
                "the step fell below the minimum at λ = {}",
                z[k] / scale
            )));
        }
        for ((p, x), d) in u.iter_mut().zip(&z).zip(&t) {
            *p = x + h * d;
        }
        let offset = dot(&t, &u);
        let perturbed = crossing.is_some();
        let corrected = newton(
            &mut sys,
            &mut ws,
            &mut u,
            &t,
            offset,
            perturbed,
            CORRECTOR_TOLERANCE,
            MAX_CORRECTOR_ITERATIONS,
            Some((MAX_FIRST_CORRECTION, MAX_CONTRACTION)),
        );
        let accepted = corrected.and_then(|c| {
            let sign = tangent(&mut sys, &mut ws, &u, &t, &mut t_new)?;
            Some((c, sign))
        });
        let Some((correction, sign)) = accepted.filter(|_| u[k] >= 0.0) else {
            branch.refused_steps += 1;
            h *= 0.5;
            continue;
        };
        if sign != orientation {
            // A bifurcation lies between z and u: cross it perturbed.
            branch.refused_steps += 1;
            match &mut crossing {
                None => {
                    crossing = Some(Crossing {
                        remaining: 2.0 * h,
                        refusals: 0,
                    });
                    branch.bifurcations.push(z[k] / scale);
                }
                Some(c) => {
                    c.refusals += 1;
                    if c.refusals > MAX_CROSSING_REFUSALS {
                        return Err(stuck(format!(
                            "cannot cross the bifurcation near λ = {}",
                            z[k] / scale
                        )));
                    }
                }
            }
            h *= 0.5;
            continue;
        }
        let angle = dot(&t, &t_new).clamp(-1.0, 1.0).acos();
        let slowdown = (correction.first / NOMINAL_FIRST_CORRECTION)
            .sqrt()
            .max((correction.contraction / NOMINAL_CONTRACTION).sqrt())
            .max(angle / NOMINAL_ANGLE)
            .clamp(1.0 / MAX_GROWTH, 2.0);
        for (slot, &l) in found.iter_mut().zip(&options.lambdas) {
            let target = l * scale;
            if slot.is_none() && (target - z[k]) * (target - u[k]) <= 0.0 && z[k] != u[k] {
                let mut normal = vec![0.0; dim];
                normal[k] = 1.0;
                let point = point_between(&mut sys, &mut ws, &z, &u, &normal, target)
                    .ok_or_else(|| stuck(format!("no convergence at λ = {l}")))?;
                *slot = Some(QrePoint {
                    lambda: l,
                    strategies: sys.strategies(&point),
                });
            }
        }
        std::mem::swap(&mut z, &mut u);
        std::mem::swap(&mut t, &mut t_new);
        branch.steps += 1;
        branch.push(&z, &t, perturbed);
        if let Some(c) = &mut crossing {
            c.remaining -= h;
            if c.remaining <= 0.0 {
                crossing = None;
            }
        }
        h /= slowdown;
    }
    branch.at_lambdas = found.into_iter().flatten().collect();
    Ok(branch)
}

/// The point of the traced branch between points `a` and `b` at chord
/// fraction `fraction` (the branch's point on the hyperplane through the
/// chord's point orthogonal to the chord), with its unit tangent oriented
/// along the chord. `None` when Newton fails there.
pub(crate) fn point_on_segment<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    a: &[f64],
    b: &[f64],
    fraction: f64,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let chord: Vec<f64> = b.iter().zip(a).map(|(y, x)| y - x).collect();
    let mut z: Vec<f64> = a
        .iter()
        .zip(&chord)
        .map(|(x, d)| x + fraction * d)
        .collect();
    let offset = dot(&chord, &z);
    if !solve_on_hyperplane(sys, ws, &mut z, &chord, offset) {
        return None;
    }
    let mut t = vec![0.0; z.len()];
    tangent(sys, ws, &z, &chord, &mut t)?;
    Some((z, t))
}
