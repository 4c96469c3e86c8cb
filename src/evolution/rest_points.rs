//! Rest points of the replicator dynamics of a symmetric two- or
//! three-strategy game, and whether each attracts.
//!
//! With two strategies and x the share of the first, payoffs
//! A = \[\[a, b\], \[c, d\]\]: ẋ = x (1 - x) g(x) with the first strategy's
//! gain g(x) = x (a - c) + (1 - x) (b - d). The rest points are x = 0, x = 1
//! and the root of g inside (0, 1), x* = (d - b) / ((a - c) - (b - d)); a
//! rest point attracts when the flow points toward it from both sides (g > 0
//! to its left, g < 0 to its right).
//!
//! With three strategies the rest points are the vertices, a point inside
//! each edge where its two strategies earn the same, and the interior point
//! where all three do; one attracts when the Jacobian of the flow in the
//! coordinates (x1, x2) has eigenvalues with negative real parts (trace < 0
//! and determinant > 0).
//!
//! ## References
//! - Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and Population
//!   Dynamics*, ch. 7 (the replicator equation) and 7.2 (two strategies).
//!   Cambridge University Press.

use super::replicator::replicator_velocity;
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// A rest point of the replicator dynamics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestPoint {
    /// The state (shares of each strategy).
    pub state: Vec<f64>,
    /// Whether it attracts nearby states (asymptotically stable).
    pub stable: bool,
}

/// The row player's payoffs of a symmetric `n` x `n` game, for the
/// replicator dynamics named `operation` in the error otherwise.
pub fn symmetric_payoffs(
    game: &MatrixGame,
    n: usize,
    operation: &'static str,
) -> Result<Array2<f64>> {
    let symmetric = game.is_symmetric(1e-12);
    if game.shape() != (n, n) || !symmetric {
        let (r, c) = game.shape();
        return Err(Error::UnsupportedGame {
            operation,
            requirement: if n == 2 {
                "a symmetric 2x2 game"
            } else {
                "a symmetric 3x3 game"
            },
            found: format!("{r}x{c}{}", if symmetric { "" } else { ", asymmetric" }),
        });
    }
    Ok(game.row_payoffs().clone())
}

/// The gain of the first of two strategies over the second at share `x` of
/// the first: g(x) = x (a - c) + (1 - x) (b - d).
fn first_strategy_gain(a: &Array2<f64>, x: f64) -> f64 {
    x * (a[[0, 0]] - a[[1, 0]]) + (1.0 - x) * (a[[0, 1]] - a[[1, 1]])
}

/// The replicator velocity ẋ = x (1 - x) g(x) of a two-strategy game with
/// payoffs `a`, at share `x` of the first strategy.
pub fn two_strategy_velocity(a: &Array2<f64>, x: f64) -> f64 {
    x * (1.0 - x) * first_strategy_gain(a, x)
}

/// The rest points of the replicator dynamics of a symmetric 2x2 game, by
/// increasing share of the first strategy: 0, the interior root of the gain
/// (if any) and 1, each with its stability.
pub fn two_strategy_rest_points(game: &MatrixGame) -> Result<Vec<RestPoint>> {
    let a = symmetric_payoffs(game, 2, "a replicator phase line")?;
    let (pa, pb, pc, pd) = (a[[0, 0]], a[[0, 1]], a[[1, 0]], a[[1, 1]]);
    let mut rest = vec![0.0, 1.0];
    let denom = (pa - pc) - (pb - pd);
    if denom != 0.0 {
        let root = (pd - pb) / denom;
        if root > 1e-12 && root < 1.0 - 1e-12 {
            rest.push(root);
        }
    }
    rest.sort_by(f64::total_cmp);
    // Stability from the sign of the gain just beside the point.
    let eps = 1e-6;
    Ok(rest
        .into_iter()
        .map(|r| {
            let left_ok = r <= 0.0 || first_strategy_gain(&a, r - eps) > 0.0;
            let right_ok = r >= 1.0 || first_strategy_gain(&a, r + eps) < 0.0;
            RestPoint {
                state: vec![r, 1.0 - r],
                stable: left_ok && right_ok,
            }
        })
        .collect())
}

/// The rest points of the replicator dynamics of a symmetric 3x3 game, each
/// with its stability: the vertices, then the edge points (edges 1-2, 1-3,
/// 2-3), then the interior point.
pub fn three_strategy_rest_points(game: &MatrixGame) -> Result<Vec<RestPoint>> {
    let a = symmetric_payoffs(game, 3, "a replicator simplex portrait")?;
    Ok(simplex_rest_states(&a)
        .into_iter()
        .map(|x| RestPoint {
            stable: attracting(&a, &x),
            state: x.to_vec(),
        })
        .collect())
}

/// The states where the replicator dynamics of the 3x3 payoffs `a` rest.
fn simplex_rest_states(a: &Array2<f64>) -> Vec<[f64; 3]> {
    let mut points = vec![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    for (i, j) in [(0, 1), (0, 2), (1, 2)] {
        // x_i = s, x_j = 1 - s: s a_ii + (1-s) a_ij = s a_ji + (1-s) a_jj.
        let denom = (a[[i, i]] - a[[j, i]]) - (a[[i, j]] - a[[j, j]]);
        if denom != 0.0 {
            let s = (a[[j, j]] - a[[i, j]]) / denom;
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
        [
            a[[0, 0]] - a[[1, 0]],
            a[[0, 1]] - a[[1, 1]],
            a[[0, 2]] - a[[1, 2]],
        ],
        [
            a[[1, 0]] - a[[2, 0]],
            a[[1, 1]] - a[[2, 1]],
            a[[1, 2]] - a[[2, 2]],
        ],
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

/// Whether a rest point of the 3x3 payoffs `a` attracts: the Jacobian of the
/// flow in the coordinates (x1, x2), x3 = 1 - x1 - x2 (by central
/// differences), has trace < 0 and determinant > 0.
fn attracting(a: &Array2<f64>, x: &[f64; 3]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use approx::assert_abs_diff_eq;

    fn stability(points: &[RestPoint]) -> Vec<bool> {
        points.iter().map(|r| r.stable).collect()
    }

    #[test]
    fn hawk_dove_rests_stably_where_hawks_are_v_over_c() {
        // V = 2, C = 6 (dove first): the interior rest point has hawk share
        // V / C = 1/3, dove share 2/3; g(x) = x (V/2 - V) + (1 - x) (0 - (V - C)/2)
        // = 2 - 3x falls through 0 there, so it attracts and the pure
        // states repel.
        let g = catalogue::hawk_dove(2.0, 6.0).unwrap();
        let p = two_strategy_rest_points(&g).unwrap();
        assert_eq!(p.len(), 3);
        assert_abs_diff_eq!(p[1].state[1], 2.0 / 6.0, epsilon = 1e-12);
        assert_abs_diff_eq!(p[1].state[0] + p[1].state[1], 1.0, epsilon = 1e-15);
        assert_eq!(stability(&p), vec![false, true, false]);
        // The velocity is x (1 - x) (2 - 3x): at x = 0.5, 0.25 * 0.5.
        let a = g.row_payoffs();
        assert_abs_diff_eq!(two_strategy_velocity(a, 0.5), 0.125, epsilon = 1e-15);
        assert_abs_diff_eq!(two_strategy_velocity(a, 2.0 / 3.0), 0.0, epsilon = 1e-15);
    }

    #[test]
    fn stag_hunt_and_prisoners_dilemma_rest_points() {
        // Stag hunt R=4, S=0, T=3, P=2: the interior point at
        // (d - b) / ((a - c) - (b - d)) = 2 / 3 repels (g rises through
        // 0); both pure states attract.
        let g = catalogue::stag_hunt(4.0, 0.0, 3.0, 2.0).unwrap();
        let p = two_strategy_rest_points(&g).unwrap();
        assert_abs_diff_eq!(p[1].state[0], 2.0 / 3.0, epsilon = 1e-12);
        assert_eq!(stability(&p), vec![true, false, true]);
        // Prisoner's dilemma: g < 0 everywhere, all-defect (x = 0) attracts.
        let pd = two_strategy_rest_points(&catalogue::prisoners_dilemma_default()).unwrap();
        assert_eq!(stability(&pd), vec![true, false]);
        assert!(two_strategy_rest_points(&catalogue::rock_paper_scissors()).is_err());
        assert!(three_strategy_rest_points(&catalogue::prisoners_dilemma_default()).is_err());
    }

    #[test]
    fn rock_paper_scissors_rests_at_its_centre_without_attracting() {
        let p = three_strategy_rest_points(&catalogue::rock_paper_scissors()).unwrap();
        // The vertices and the centre; no edge point (one side always wins).
        assert_eq!(p.len(), 4);
        for v in &p[3].state {
            assert_abs_diff_eq!(*v, 1.0 / 3.0, epsilon = 1e-12);
        }
        // Zero-sum RPS: the centre is neutrally stable (a centre, trace 0).
        assert!(p.iter().all(|r| !r.stable));
    }

    #[test]
    fn pure_coordination_vertices_attract_and_the_rest_repel() {
        let a = ndarray::arr2(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        let g = MatrixGame::symmetric(a).unwrap();
        let p = three_strategy_rest_points(&g).unwrap();
        assert_eq!(p.len(), 7);
        assert_eq!(
            stability(&p),
            vec![true, true, true, false, false, false, false]
        );
        // Edge 1-2 at its midpoint; the interior point at the centre.
        assert_abs_diff_eq!(p[3].state[0], 0.5, epsilon = 1e-12);
        assert_abs_diff_eq!(p[6].state[2], 1.0 / 3.0, epsilon = 1e-12);
        // The flow vanishes at every rest point.
        for r in &p {
            let v = replicator_velocity(g.row_payoffs(), &r.state);
            assert!(v.iter().all(|x| x.abs() < 1e-15), "{r:?}: {v:?}");
        }
    }

    #[test]
    fn a_three_strategy_game_with_a_stable_interior_point() {
        // Rock-paper-scissors where a win pays w = 2 and a loss costs
        // l = 0.5: with w > l the centre attracts (Hofbauer & Sigmund 7.7)
        // and the vertices repel.
        let a = ndarray::arr2(&[[0.0, 0.0, 2.0], [2.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
            - ndarray::arr2(&[[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]) * 0.5;
        let g = MatrixGame::symmetric(a).unwrap();
        let p = three_strategy_rest_points(&g).unwrap();
        let centre = p.last().unwrap();
        for v in &centre.state {
            assert_abs_diff_eq!(*v, 1.0 / 3.0, epsilon = 1e-12);
        }
        assert!(centre.stable);
        assert!(p[..3].iter().all(|r| !r.stable));
    }
}
