//! The data of the evolution figures: stacked population shares, Moran
//! fixation curves and replicator phase portraits.

use crate::error::{Error, Result};
use crate::evolution::{fixation_probability, replicator_trajectory};
use crate::game::MatrixGame;
use serde::{Deserialize, Serialize};

/// One band of a stacked-area chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareSeries {
    /// The strategy (or `"Other (k)"` for the strategies lumped together).
    pub name: String,
    /// Its share in each generation.
    pub shares: Vec<f64>,
    /// Whether this band lumps several small strategies together.
    pub other: bool,
}

/// Population shares over generations, ready to stack (first series at the bottom).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackedShares {
    /// Generation numbers.
    pub generations: Vec<f64>,
    /// The bands, bottom to top; the lumped band, if any, last.
    pub series: Vec<ShareSeries>,
}

/// Stacks `shares[g][i]` (generation g, strategy i named `names[i]`): the
/// `max_series` strategies with the largest peak share get their own band,
/// ordered by final share (largest at the bottom); the rest are summed into
/// one "Other (k)" band on top.
pub fn stacked_shares(
    names: &[String],
    shares: &[Vec<f64>],
    max_series: usize,
) -> Result<StackedShares> {
    let n = names.len();
    if let Some((g, row)) = shares.iter().enumerate().find(|(_, r)| r.len() != n) {
        return Err(Error::invalid_parameter(
            &format!("shares of generation {g}"),
            row.len() as f64,
            format!("one share per strategy ({n})"),
        ));
    }
    let peak = |i: usize| shares.iter().map(|r| r[i]).fold(0.0, f64::max);
    let last = |i: usize| shares.last().map_or(0.0, |r| r[i]);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| peak(b).total_cmp(&peak(a)).then(a.cmp(&b)));
    // One band for a single leftover strategy is clearer than "Other (1)".
    let keep = if n <= max_series + 1 { n } else { max_series };
    let mut kept: Vec<usize> = order[..keep].to_vec();
    kept.sort_by(|&a, &b| last(b).total_cmp(&last(a)).then(a.cmp(&b)));
    let mut series: Vec<ShareSeries> = kept
        .iter()
        .map(|&i| ShareSeries {
            name: names[i].clone(),
            shares: shares.iter().map(|r| r[i]).collect(),
            other: false,
        })
        .collect();
    let rest = &order[keep..];
    if !rest.is_empty() {
        series.push(ShareSeries {
            name: format!("Other ({})", rest.len()),
            shares: shares
                .iter()
                .map(|r| rest.iter().map(|&i| r[i]).sum())
                .collect(),
            other: true,
        });
    }
    Ok(StackedShares {
        generations: (0..shares.len()).map(|g| g as f64).collect(),
        series,
    })
}

/// A simulated fixation probability with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SimulatedFixation {
    /// Population size.
    pub population: usize,
    /// Share of runs in which the mutant fixed.
    pub probability: f64,
    /// Its standard error.
    pub standard_error: f64,
}

/// Fixation probability of a mutant against population size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoranCurve {
    /// The mutant strategy.
    pub mutant: String,
    /// The resident strategy.
    pub resident: String,
    /// Initial mutants.
    pub mutants: usize,
    /// Population sizes of the exact curve.
    pub populations: Vec<usize>,
    /// The exact fixation probability at each size.
    pub exact: Vec<f64>,
    /// The neutral fixation probability, mutants / N, at each size.
    pub neutral: Vec<f64>,
    /// Simulated points.
    pub simulated: Vec<SimulatedFixation>,
}

/// The exact fixation probability of `mutants` mutants for every population
/// size in `populations` (sizes not above `mutants` skipped), from the
/// interaction payoffs `[a, b, c, d]` (mutant v mutant, mutant v resident,
/// resident v mutant, resident v resident).
pub fn moran_curve(
    mutant: &str,
    resident: &str,
    payoffs: [f64; 4],
    mutants: usize,
    populations: impl IntoIterator<Item = usize>,
    simulated: Vec<SimulatedFixation>,
) -> Result<MoranCurve> {
    let mut sizes = Vec::new();
    let mut exact = Vec::new();
    for n in populations.into_iter().filter(|&n| n > mutants) {
        exact.push(fixation_probability(payoffs, n, mutants)?);
        sizes.push(n);
    }
    Ok(MoranCurve {
        mutant: mutant.to_string(),
        resident: resident.to_string(),
        mutants,
        neutral: sizes.iter().map(|&n| mutants as f64 / n as f64).collect(),
        populations: sizes,
        exact,
        simulated,
    })
}

/// A rest point of the replicator dynamics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestPoint {
    /// The state (shares of each strategy).
    pub state: Vec<f64>,
    /// Whether it attracts nearby states (asymptotically stable).
    pub stable: bool,
}

/// The replicator flow of a symmetric two-strategy game on x = share of the
/// first strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseLine {
    /// The two strategies.
    pub names: [String; 2],
    /// Sample points x in \[0, 1\].
    pub x: Vec<f64>,
    /// dx/dt at each.
    pub velocity: Vec<f64>,
    /// Rest points, by increasing x.
    pub rest_points: Vec<RestPoint>,
}

fn symmetric_payoffs(game: &MatrixGame, n: usize, what: &'static str) -> Result<Vec<Vec<f64>>> {
    if game.shape() != (n, n) || !game.is_symmetric(1e-12) {
        let (r, c) = game.shape();
        return Err(Error::UnsupportedGame {
            operation: what,
            requirement: if n == 2 {
                "a symmetric 2x2 game"
            } else {
                "a symmetric 3x3 game"
            },
            found: format!(
                "{r}x{c}{}",
                if game.is_symmetric(1e-12) {
                    ""
                } else {
                    ", asymmetric"
                }
            ),
        });
    }
    let a = game.row_payoffs();
    Ok((0..n)
        .map(|i| (0..n).map(|j| a[[i, j]]).collect())
        .collect())
}

/// The phase line of a symmetric 2x2 game: ẋ = x (1 - x) (f1 - f2), with
/// f1 - f2 = x (a - c) + (1 - x) (b - d) for payoffs A = \[\[a, b\], \[c, d\]\];
/// rest points at 0, 1 and the interior root, stable where the flow points
/// toward them.
pub fn phase_line(game: &MatrixGame, samples: usize) -> Result<PhaseLine> {
    let a = symmetric_payoffs(game, 2, "a replicator phase line")?;
    let (pa, pb, pc, pd) = (a[0][0], a[0][1], a[1][0], a[1][1]);
    let gain = |x: f64| x * (pa - pc) + (1.0 - x) * (pb - pd);
    let flow = |x: f64| x * (1.0 - x) * gain(x);
    let samples = samples.max(2);
    let x: Vec<f64> = (0..samples)
        .map(|k| k as f64 / (samples - 1) as f64)
        .collect();
    let velocity = x.iter().map(|&x| flow(x)).collect();
    let mut rest = vec![0.0, 1.0];
    let denom = (pa - pc) - (pb - pd);
    if denom != 0.0 {
        let root = (pd - pb) / denom;
        if root > 1e-12 && root < 1.0 - 1e-12 {
            rest.push(root);
        }
    }
    rest.sort_by(f64::total_cmp);
    // Stability from the sign of the flow just beside the point.
    let eps = 1e-6;
    let rest_points = rest
        .into_iter()
        .map(|r| {
            let left_ok = r <= 0.0 || gain(r - eps) > 0.0;
            let right_ok = r >= 1.0 || gain(r + eps) < 0.0;
            RestPoint {
                state: vec![r, 1.0 - r],
                stable: left_ok && right_ok,
            }
        })
        .collect();
    let names = [game.row_actions()[0].clone(), game.row_actions()[1].clone()];
    Ok(PhaseLine {
        names,
        x,
        velocity,
        rest_points,
    })
}

/// A direction of the flow at a point of the simplex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowArrow {
    /// The point (shares).
    pub at: [f64; 3],
    /// The velocity there.
    pub velocity: [f64; 3],
}

/// The replicator dynamics of a symmetric 3x3 game on the simplex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimplexPortrait {
    /// The three strategies (vertices: bottom left, bottom right, top).
    pub names: [String; 3],
    /// Trajectories from a fixed set of starting points.
    pub trajectories: Vec<Vec<[f64; 3]>>,
    /// The flow on a triangular grid of interior points.
    pub field: Vec<FlowArrow>,
    /// Rest points: vertices, edge points and the interior point, if any.
    pub rest_points: Vec<RestPoint>,
}

fn replicator_velocity(a: &[Vec<f64>], x: &[f64; 3]) -> [f64; 3] {
    let f: Vec<f64> = (0..3)
        .map(|i| (0..3).map(|j| a[i][j] * x[j]).sum())
        .collect();
    let mean: f64 = (0..3).map(|i| x[i] * f[i]).sum();
    [
        x[0] * (f[0] - mean),
        x[1] * (f[1] - mean),
        x[2] * (f[2] - mean),
    ]
}

/// Whether a rest point attracts: the Jacobian of the flow in the
/// coordinates (x1, x2), x3 = 1 - x1 - x2, has eigenvalues with negative real
/// parts (trace < 0 and determinant > 0).
fn attracting(a: &[Vec<f64>], x: &[f64; 3]) -> bool {
    let h = 1e-6;
    let reduced = |u: f64, v: f64| {
        let w = replicator_velocity(a, &[u, v, 1.0 - u - v]);
        (w[0], w[1])
    };
    let (u, v) = (x[0], x[1]);
    let (fu1, fv1) = reduced(u + h, v);
    let (fu0, fv0) = reduced(u - h, v);
    let (gu1, gv1) = reduced(u, v + h);
    let (gu0, gv0) = reduced(u, v - h);
    let j11 = (fu1 - fu0) / (2.0 * h);
    let j21 = (fv1 - fv0) / (2.0 * h);
    let j12 = (gu1 - gu0) / (2.0 * h);
    let j22 = (gv1 - gv0) / (2.0 * h);
    let trace = j11 + j22;
    let det = j11 * j22 - j12 * j21;
    trace < -1e-9 && det > 1e-12
}

/// Rest points of the replicator dynamics of the 3x3 payoffs `a`: the
/// vertices, a rest point inside each edge where the two strategies earn the
/// same, and the interior point where all three do.
pub fn simplex_rest_points(a: &[Vec<f64>]) -> Vec<[f64; 3]> {
    let mut points = vec![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    for (i, j) in [(0, 1), (0, 2), (1, 2)] {
        // x_i = s, x_j = 1 - s: s a_ii + (1-s) a_ij = s a_ji + (1-s) a_jj.
        let denom = (a[i][i] - a[j][i]) - (a[i][j] - a[j][j]);
        if denom != 0.0 {
            let s = (a[j][j] - a[i][j]) / denom;
            if s > 1e-12 && s < 1.0 - 1e-12 {
                let mut p = [0.0; 3];
                p[i] = s;
                p[j] = 1.0 - s;
                points.push(p);
            }
        }
    }
    // Interior: (A x)_1 = (A x)_2 = (A x)_3 and x1 + x2 + x3 = 1, by Cramer's rule.
    let m = [
        [a[0][0] - a[1][0], a[0][1] - a[1][1], a[0][2] - a[1][2]],
        [a[1][0] - a[2][0], a[1][1] - a[2][1], a[1][2] - a[2][2]],
        [1.0, 1.0, 1.0],
    ];
    let rhs = [0.0, 0.0, 1.0];
    let det3 = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det3(&m);
    if d.abs() > 1e-12 {
        let mut x = [0.0; 3];
        for (k, xk) in x.iter_mut().enumerate() {
            let mut mk = m;
            for r in 0..3 {
                mk[r][k] = rhs[r];
            }
            *xk = det3(&mk) / d;
        }
        if x.iter().all(|&v| v > 1e-12) {
            points.push(x);
        }
    }
    points
}

/// The simplex portrait of a symmetric 3x3 game: trajectories (RK4, step
/// `dt`, `steps` steps) from points near the edges and the centre, the flow
/// on a triangular grid of `grid` rows, and the rest points.
pub fn simplex_portrait(
    game: &MatrixGame,
    grid: usize,
    dt: f64,
    steps: usize,
) -> Result<SimplexPortrait> {
    let a = symmetric_payoffs(game, 3, "a replicator simplex portrait")?;
    let starts: Vec<[f64; 3]> = vec![
        [0.8, 0.1, 0.1],
        [0.1, 0.8, 0.1],
        [0.1, 0.1, 0.8],
        [0.45, 0.45, 0.1],
        [0.45, 0.1, 0.45],
        [0.1, 0.45, 0.45],
        [0.25, 0.35, 0.4],
    ];
    let mut trajectories = Vec::with_capacity(starts.len());
    for s in &starts {
        let t = replicator_trajectory(game, s, dt, steps)?;
        trajectories.push(t.states.iter().map(|x| [x[0], x[1], x[2]]).collect());
    }
    let grid = grid.max(2);
    let mut field = Vec::new();
    for i in 1..grid {
        for j in 1..grid - i {
            let k = grid - i - j;
            if k == 0 {
                continue;
            }
            let x = [
                i as f64 / grid as f64,
                j as f64 / grid as f64,
                k as f64 / grid as f64,
            ];
            field.push(FlowArrow {
                at: x,
                velocity: replicator_velocity(&a, &x),
            });
        }
    }
    let rest_points = simplex_rest_points(&a)
        .into_iter()
        .map(|x| RestPoint {
            stable: attracting(&a, &x),
            state: x.to_vec(),
        })
        .collect();
    let r = game.row_actions();
    Ok(SimplexPortrait {
        names: [r[0].clone(), r[1].clone(), r[2].clone()],
        trajectories,
        field,
        rest_points,
    })
}

/// Cartesian coordinates of a simplex point in a unit-side triangle with
/// strategy 1 at (0, 0), strategy 2 at (1, 0) and strategy 3 at the top.
pub fn simplex_xy(x: &[f64; 3]) -> (f64, f64) {
    let s = x[0] + x[1] + x[2];
    let (b, c) = (x[1] / s, x[2] / s);
    (b + c / 2.0, c * 3f64.sqrt() / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use approx::assert_abs_diff_eq;

    #[test]
    fn stacked_shares_lumps_small_strategies() {
        let names: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let shares = vec![vec![0.25, 0.25, 0.25, 0.25], vec![0.1, 0.6, 0.2, 0.1]];
        let s = stacked_shares(&names, &shares, 2).unwrap();
        // Peaks: b 0.6, a/c/d 0.25 -> keep b and a (first by index); b ends larger.
        assert_eq!(s.series.len(), 3);
        assert_eq!(s.series[0].name, "b");
        assert_eq!(s.series[1].name, "a");
        assert_eq!(s.series[2].name, "Other (2)");
        assert!(s.series[2].other);
        assert_abs_diff_eq!(s.series[2].shares[1], 0.3, epsilon = 1e-12);
        assert_eq!(s.generations, vec![0.0, 1.0]);
        // Three of four kept: no "Other (1)".
        assert_eq!(stacked_shares(&names, &shares, 3).unwrap().series.len(), 4);
        assert!(stacked_shares(&names, &[vec![1.0]], 2).is_err());
    }

    #[test]
    fn moran_curve_neutral_case() {
        // Equal payoffs: fixation = neutral = 1/N.
        let c = moran_curve("m", "r", [1.0; 4], 1, 1..=5, vec![]).unwrap();
        assert_eq!(c.populations, vec![2, 3, 4, 5]);
        for (e, n) in c.exact.iter().zip(&c.neutral) {
            assert_abs_diff_eq!(*e, *n, epsilon = 1e-12);
        }
        assert_abs_diff_eq!(c.neutral[2], 0.25, epsilon = 1e-12);
    }

    #[test]
    fn phase_line_of_stag_hunt_and_pd() {
        // Stag hunt R=4, S=0, T=3, P=2: interior unstable point at
        // (d - b) / ((a - c) - (b - d)) = 2 / (1 + 2) = 2/3; ends stable.
        let g = catalogue::stag_hunt(4.0, 0.0, 3.0, 2.0).unwrap();
        let p = phase_line(&g, 11).unwrap();
        assert_eq!(p.rest_points.len(), 3);
        assert_abs_diff_eq!(p.rest_points[1].state[0], 2.0 / 3.0, epsilon = 1e-12);
        let stable: Vec<bool> = p.rest_points.iter().map(|r| r.stable).collect();
        assert_eq!(stable, vec![true, false, true]);
        // At x = 0.5: 0.25 * (0.5 * 1 + 0.5 * -2) = -0.125.
        assert_abs_diff_eq!(p.velocity[5], -0.125, epsilon = 1e-12);
        // Prisoner's dilemma: defection (x = 0) is the only stable point.
        let pd = phase_line(&catalogue::prisoners_dilemma_default(), 5).unwrap();
        let stable: Vec<bool> = pd.rest_points.iter().map(|r| r.stable).collect();
        assert_eq!(stable, vec![true, false]);
        assert!(phase_line(&catalogue::rock_paper_scissors(), 5).is_err());
    }

    #[test]
    fn rock_paper_scissors_simplex() {
        let g = catalogue::rock_paper_scissors();
        let s = simplex_portrait(&g, 6, 0.05, 20).unwrap();
        // Vertices plus the centre (edges have no rest points: one side wins).
        assert_eq!(s.rest_points.len(), 4);
        let centre = &s.rest_points[3].state;
        for v in centre {
            assert_abs_diff_eq!(*v, 1.0 / 3.0, epsilon = 1e-12);
        }
        // Standard RPS is a centre (neutrally stable), not an attractor; nor are vertices.
        assert!(s.rest_points.iter().all(|r| !r.stable));
        // Grid of 6 rows: interior points i + j + k = 6, all >= 1: 10 of them.
        assert_eq!(s.field.len(), 10);
        assert_eq!(s.trajectories.len(), 7);
        assert_eq!(s.trajectories[0].len(), 21);
        let (x, y) = simplex_xy(&[0.0, 0.0, 1.0]);
        assert_abs_diff_eq!(x, 0.5);
        assert_abs_diff_eq!(y, 3f64.sqrt() / 2.0);
    }

    #[test]
    fn coordination_simplex_vertices_attract() {
        // Pure coordination: identity payoffs; vertices stable, edge midpoints
        // and the centre unstable.
        let a = ndarray::arr2(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        let g = MatrixGame::symmetric(a).unwrap();
        let s = simplex_portrait(&g, 4, 0.1, 5).unwrap();
        assert_eq!(s.rest_points.len(), 7);
        let stable: Vec<bool> = s.rest_points.iter().map(|r| r.stable).collect();
        assert_eq!(stable, vec![true, true, true, false, false, false, false]);
        assert_abs_diff_eq!(s.rest_points[3].state[0], 0.5, epsilon = 1e-12);
    }
}
