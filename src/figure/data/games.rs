//! The data of the 2x2 best-response diagram: both players' best-response
//! correspondences over the unit square of mixed strategies, and the
//! equilibria where they meet.
//!
//! p is the probability that the row player plays its first action, q the
//! probability that the column player plays its first action. The row
//! player's first action is strictly better when
//! Δr(q) = q (a00 - a10) + (1 - q) (a01 - a11) > 0, the column player's when
//! Δc(p) = p (b00 - b01) + (1 - p) (b10 - b11) > 0. Each correspondence is a
//! union of axis-parallel segments; the Nash equilibria are their
//! intersection (points, or segments in degenerate games), found by the
//! project's solver ([`crate::equilibrium`]).
//!
//! ## References
//! - Osborne, M. J. (2004). *An Introduction to Game Theory*, §4.3 (best
//!   response functions of 2x2 games in mixed strategies). Oxford University Press.

use crate::equilibrium::{solve, Method};
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use serde::{Deserialize, Serialize};

/// A segment from `a` to `b` in the (p, q) square.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// One end (p, q).
    pub a: (f64, f64),
    /// The other end (p, q).
    pub b: (f64, f64),
}

impl Segment {
    /// Whether the segment is a single point.
    pub fn is_point(&self) -> bool {
        (self.a.0 - self.b.0).abs() < 1e-12 && (self.a.1 - self.b.1).abs() < 1e-12
    }
}

/// The best-response diagram of a 2x2 game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestResponseDiagram {
    /// The game's name.
    pub game: String,
    /// The row player's actions.
    pub row_actions: [String; 2],
    /// The column player's actions.
    pub col_actions: [String; 2],
    /// The row player's best-response correspondence (p as a function of q).
    pub row: Vec<Segment>,
    /// The column player's best-response correspondence (q as a function of p).
    pub col: Vec<Segment>,
    /// The Nash equilibria: points (degenerate segments) or segments.
    pub equilibria: Vec<Segment>,
}

/// Closed intervals of \[0, 1\].
type Intervals = Vec<(f64, f64)>;

/// The intervals of t in \[0, 1\] on which the linear function
/// g(t) = t g1 + (1 - t) g0 is positive, negative and zero.
fn sign_intervals(g1: f64, g0: f64) -> (Intervals, Intervals, Intervals) {
    let tol = 1e-12 * (1.0 + g0.abs() + g1.abs());
    let sign = |v: f64| {
        if v > tol {
            1
        } else if v < -tol {
            -1
        } else {
            0
        }
    };
    let (s0, s1) = (sign(g0), sign(g1));
    let (mut pos, mut neg, mut zero) = (vec![], vec![], vec![]);
    let mut push = |s: i32, iv: (f64, f64)| match s {
        1 => pos.push(iv),
        -1 => neg.push(iv),
        _ => zero.push(iv),
    };
    if s0 == s1 {
        push(s0, (0.0, 1.0));
    } else if s0 == 0 {
        push(0, (0.0, 0.0));
        push(s1, (0.0, 1.0));
    } else if s1 == 0 {
        push(s0, (0.0, 1.0));
        push(0, (1.0, 1.0));
    } else {
        let root = g0 / (g0 - g1);
        push(s0, (0.0, root));
        push(0, (root, root));
        push(s1, (root, 1.0));
    }
    (pos, neg, zero)
}

/// The best-response diagram of a 2x2 game.
pub fn best_response_diagram(game: &MatrixGame) -> Result<BestResponseDiagram> {
    if game.shape() != (2, 2) {
        let (r, c) = game.shape();
        return Err(Error::UnsupportedGame {
            operation: "the best-response diagram",
            requirement: "a 2x2 game",
            found: format!("{r}x{c}"),
        });
    }
    let a = game.row_payoffs();
    let b = game.col_payoffs();
    // Row: Δr(q) = q (a00 - a10) + (1 - q) (a01 - a11).
    let (pos, neg, zero) = sign_intervals(a[[0, 0]] - a[[1, 0]], a[[0, 1]] - a[[1, 1]]);
    let mut row = Vec::new();
    for (q0, q1) in pos {
        row.push(Segment {
            a: (1.0, q0),
            b: (1.0, q1),
        });
    }
    for (q0, q1) in neg {
        row.push(Segment {
            a: (0.0, q0),
            b: (0.0, q1),
        });
    }
    for (q0, q1) in zero {
        // Indifferent: every p (a band when q0 < q1, drawn as its edges and
        // a line when q0 = q1).
        row.push(Segment {
            a: (0.0, q0),
            b: (1.0, q0),
        });
        if q1 > q0 {
            row.push(Segment {
                a: (0.0, q1),
                b: (1.0, q1),
            });
            row.push(Segment {
                a: (0.0, q0),
                b: (0.0, q1),
            });
            row.push(Segment {
                a: (1.0, q0),
                b: (1.0, q1),
            });
        }
    }
    // Column: Δc(p) = p (b00 - b01) + (1 - p) (b10 - b11).
    let (pos, neg, zero) = sign_intervals(b[[0, 0]] - b[[0, 1]], b[[1, 0]] - b[[1, 1]]);
    let mut col = Vec::new();
    for (p0, p1) in pos {
        col.push(Segment {
            a: (p0, 1.0),
            b: (p1, 1.0),
        });
    }
    for (p0, p1) in neg {
        col.push(Segment {
            a: (p0, 0.0),
            b: (p1, 0.0),
        });
    }
    for (p0, p1) in zero {
        col.push(Segment {
            a: (p0, 0.0),
            b: (p0, 1.0),
        });
        if p1 > p0 {
            col.push(Segment {
                a: (p1, 0.0),
                b: (p1, 1.0),
            });
            col.push(Segment {
                a: (p0, 0.0),
                b: (p1, 0.0),
            });
            col.push(Segment {
                a: (p0, 1.0),
                b: (p1, 1.0),
            });
        }
    }
    let equilibria = equilibria_of(game)?;
    Ok(BestResponseDiagram {
        game: game.name().to_string(),
        row_actions: [game.row_actions()[0].clone(), game.row_actions()[1].clone()],
        col_actions: [game.col_actions()[0].clone(), game.col_actions()[1].clone()],
        row,
        col,
        equilibria,
    })
}

/// The Nash equilibria of a 2x2 game as points or segments of the (p, q)
/// square. The solver lists every extreme equilibrium ([`Method::All`]);
/// those that span a set of equilibria together (a maximal Nash subset: row
/// strategies S and column strategies T with every pair of S x T an
/// equilibrium, S and T as large as can be) are joined into the segment
/// from (min S, min T) to (max S, max T), which for a region of the square
/// is its diagonal. Sorted by p, then q.
pub fn equilibria_of(game: &MatrixGame) -> Result<Vec<Segment>> {
    if game.shape() != (2, 2) {
        let (r, c) = game.shape();
        return Err(Error::UnsupportedGame {
            operation: "2x2 equilibria",
            requirement: "a 2x2 game",
            found: format!("{r}x{c}"),
        });
    }
    let report = solve(game, Method::All)?;
    let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
    let pairs: Vec<(f64, f64)> = report
        .equilibria
        .iter()
        .map(|e| (e.row[0], e.col[0]))
        .collect();
    let distinct = |values: Vec<f64>| {
        let mut out: Vec<f64> = Vec::new();
        for v in values {
            if !out.iter().any(|&u| close(u, v)) {
                out.push(v);
            }
        }
        out
    };
    let ps = distinct(pairs.iter().map(|e| e.0).collect());
    let qs = distinct(pairs.iter().map(|e| e.1).collect());
    let equilibrium = |p: f64, q: f64| pairs.iter().any(|&(a, b)| close(a, p) && close(b, q));
    // The column strategies that are equilibria with every row strategy of
    // the set `rows` (a bit mask over `ps`), and the row strategies that are
    // with every column strategy of `cols`.
    let cols_of = |rows: usize| -> usize {
        (0..qs.len())
            .filter(|&j| (0..ps.len()).all(|i| rows & (1 << i) == 0 || equilibrium(ps[i], qs[j])))
            .fold(0, |mask, j| mask | (1 << j))
    };
    let rows_of = |cols: usize| -> usize {
        (0..ps.len())
            .filter(|&i| (0..qs.len()).all(|j| cols & (1 << j) == 0 || equilibrium(ps[i], qs[j])))
            .fold(0, |mask, i| mask | (1 << i))
    };
    let span = |values: &[f64], mask: usize| {
        let chosen = values
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, &v)| v);
        let lo = chosen.clone().fold(f64::INFINITY, f64::min);
        (lo, chosen.fold(f64::NEG_INFINITY, f64::max))
    };
    let mut out: Vec<Segment> = Vec::new();
    for rows in 1..(1usize << ps.len()) {
        let cols = cols_of(rows);
        if cols != 0 && rows_of(cols) == rows {
            let ((p0, p1), (q0, q1)) = (span(&ps, rows), span(&qs, cols));
            out.push(Segment {
                a: (p0, q0),
                b: (p1, q1),
            });
        }
    }
    out.sort_by(|x, y| x.a.0.total_cmp(&y.a.0).then(x.a.1.total_cmp(&y.a.1)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use approx::assert_abs_diff_eq;

    fn points(eq: &[Segment]) -> Vec<(f64, f64)> {
        eq.iter().filter(|s| s.is_point()).map(|s| s.a).collect()
    }

    #[test]
    fn prisoners_dilemma_has_one_pure_equilibrium() {
        let d = best_response_diagram(&catalogue::prisoners_dilemma_default()).unwrap();
        assert_eq!(points(&d.equilibria), vec![(0.0, 0.0)]);
        // Defection dominates: each correspondence is one edge of the square.
        assert_eq!(
            d.row,
            vec![Segment {
                a: (0.0, 0.0),
                b: (0.0, 1.0)
            }]
        );
        assert_eq!(
            d.col,
            vec![Segment {
                a: (0.0, 0.0),
                b: (1.0, 0.0)
            }]
        );
    }

    #[test]
    fn stag_hunt_has_two_pure_and_one_mixed() {
        // R=4, S=0, T=3, P=2: mixed q* = (P - S) / ((R - T) + (P - S)) = 2/3.
        let g = catalogue::stag_hunt(4.0, 0.0, 3.0, 2.0).unwrap();
        let eq = equilibria_of(&g).unwrap();
        let pts = points(&eq);
        assert_eq!(pts.len(), 3);
        assert_eq!(pts[0], (0.0, 0.0));
        assert_abs_diff_eq!(pts[1].0, 2.0 / 3.0, epsilon = 1e-12);
        assert_abs_diff_eq!(pts[1].1, 2.0 / 3.0, epsilon = 1e-12);
        assert_eq!(pts[2], (1.0, 1.0));
    }

    #[test]
    fn matching_pennies_mixed_only() {
        let eq = equilibria_of(&catalogue::matching_pennies()).unwrap();
        assert_eq!(points(&eq), vec![(0.5, 0.5)]);
        assert!(equilibria_of(&catalogue::rock_paper_scissors()).is_err());
    }

    #[test]
    fn a_game_indifferent_everywhere_is_one_region() {
        let g =
            MatrixGame::from_cells(&[vec![(1.0, 1.0), (1.0, 1.0)], vec![(1.0, 1.0), (1.0, 1.0)]])
                .unwrap();
        assert_eq!(
            equilibria_of(&g).unwrap(),
            vec![Segment {
                a: (0.0, 0.0),
                b: (1.0, 1.0)
            }]
        );
    }

    #[test]
    fn degenerate_game_has_a_segment() {
        // Row indifferent when column plays its first action (a00 = a10),
        // column always prefers its first: equilibria p in [0, 1] at q = 1
        // where the row's first action is weakly better -> all p at q = 1.
        let g =
            MatrixGame::from_cells(&[vec![(1.0, 1.0), (0.0, 0.0)], vec![(1.0, 1.0), (2.0, 0.0)]])
                .unwrap();
        let eq = equilibria_of(&g).unwrap();
        assert_eq!(
            eq,
            vec![Segment {
                a: (0.0, 1.0),
                b: (1.0, 1.0)
            }]
        );
    }
}
