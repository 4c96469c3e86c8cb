//! The data of the n-player figures: the cube of a three-player game with
//! two actions per player, and the gain function of a symmetric n-player
//! game (which is its [`SymmetricBinaryGame`] itself).
//!
//! In the cube, `p_i` is the probability that player `i` plays its first
//! action. Player `i` is indifferent between its two actions where
//! `Δ_i(p_j, p_k) = u_i(first, σ_{-i}) - u_i(second, σ_{-i}) = 0`, a bilinear
//! equation in the other two players' probabilities: a curve in their square
//! (traced by marching squares on a grid), and in the cube a wall standing
//! over that curve for every `p_i`. Player `i`'s best response is `p_i = 1`
//! on one side of the wall and `p_i = 0` on the other; the Nash equilibria
//! are where the three best-response sets meet: mixed equilibria lie on the
//! walls of the players who mix.

use super::games::Segment;
use crate::equilibrium::nplayer::NPlayerEquilibrium;
use crate::error::{Error, Result};
use crate::game::NPlayerGame;
use serde::Serialize;

/// Grid points per side of the square the indifference curves are traced on.
pub const CURVE_GRID: usize = 101;

/// The cube of a three-player game with two actions each.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CubeDiagram {
    /// The game's name.
    pub game: String,
    /// The players' names.
    pub players: [String; 3],
    /// Each player's first action (whose probability the axis shows).
    pub first_actions: [String; 3],
    /// Player `i`'s indifference curve, as segments in the square of the
    /// other two players' probabilities `(p_j, p_k)`, `j < k`; empty when the
    /// player is never indifferent (or always is).
    pub indifference: [Vec<Segment>; 3],
    /// The equilibria, as `(p_1, p_2, p_3)`.
    pub equilibria: Vec<[f64; 3]>,
}

/// The cube diagram of `game` with `equilibria` marked.
///
/// # Errors
/// [`Error::UnsupportedGame`] unless the game has three players with two
/// actions each.
pub fn cube_diagram(game: &NPlayerGame, equilibria: &[NPlayerEquilibrium]) -> Result<CubeDiagram> {
    if game.shape() != [2, 2, 2] {
        return Err(Error::UnsupportedGame {
            operation: "the equilibrium cube",
            requirement: "three players with two actions each",
            found: format!(
                "a game of shape {}",
                crate::game::nplayer::shape_text(game.shape())
            ),
        });
    }
    let name = |i: usize| game.player_names()[i].clone();
    let first = |i: usize| game.action_names()[i][0].clone();
    Ok(CubeDiagram {
        game: game.name().to_string(),
        players: [name(0), name(1), name(2)],
        first_actions: [first(0), first(1), first(2)],
        indifference: [0, 1, 2].map(|i| indifference_curve(game, i)),
        equilibria: equilibria
            .iter()
            .map(|e| [e.strategies[0][0], e.strategies[1][0], e.strategies[2][0]])
            .collect(),
    })
}

/// `Δ_i` at the other players' first-action probabilities `(p, q)` (`p` for
/// the lower-numbered of the two).
fn advantage(game: &NPlayerGame, i: usize, p: f64, q: f64) -> f64 {
    let others: Vec<usize> = (0..3).filter(|&k| k != i).collect();
    let mut total = 0.0;
    for a in 0..2 {
        for b in 0..2 {
            let w = (if a == 0 { p } else { 1.0 - p }) * (if b == 0 { q } else { 1.0 - q });
            let mut profile = [0; 3];
            profile[others[0]] = a;
            profile[others[1]] = b;
            profile[i] = 0;
            let first = game.payoff(i, &profile);
            profile[i] = 1;
            total += w * (first - game.payoff(i, &profile));
        }
    }
    total
}

/// The curve `Δ_i = 0` by marching squares on a [`CURVE_GRID`] grid.
fn indifference_curve(game: &NPlayerGame, i: usize) -> Vec<Segment> {
    let g = CURVE_GRID;
    let t = |k: usize| k as f64 / (g - 1) as f64;
    let values: Vec<f64> = (0..g * g)
        .map(|k| advantage(game, i, t(k / g), t(k % g)))
        .collect();
    let scale = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if scale == 0.0 {
        return Vec::new();
    }
    let at = |a: usize, b: usize| values[a * g + b] / scale;
    let mut out = Vec::new();
    for a in 0..g - 1 {
        for b in 0..g - 1 {
            // Corners in order around the cell, with their coordinates.
            let corners = [
                ((t(a), t(b)), at(a, b)),
                ((t(a + 1), t(b)), at(a + 1, b)),
                ((t(a + 1), t(b + 1)), at(a + 1, b + 1)),
                ((t(a), t(b + 1)), at(a, b + 1)),
            ];
            let mut crossings = Vec::with_capacity(4);
            for e in 0..4 {
                let (p0, v0) = corners[e];
                let (p1, v1) = corners[(e + 1) % 4];
                if (v0 > 0.0) != (v1 > 0.0) {
                    let s = v0 / (v0 - v1);
                    crossings.push((p0.0 + s * (p1.0 - p0.0), p0.1 + s * (p1.1 - p0.1)));
                }
            }
            // Two crossings: one segment; four (a saddle cell): two.
            for pair in crossings.chunks(2) {
                if let [x, y] = pair {
                    out.push(Segment { a: *x, b: *y });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indifference_of_a_player_who_matches_the_majority() {
        // Player 1 gets 1 for matching player 2 and 1 for matching player 3:
        // Δ = (2p - 1) + (2q - 1), zero on the line p + q = 1.
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            let m = f64::from(u8::from(a[0] == a[1])) + f64::from(u8::from(a[0] == a[2]));
            vec![m, 0.0, 0.0]
        })
        .unwrap();
        let d = cube_diagram(&g, &[]).unwrap();
        assert!(!d.indifference[0].is_empty());
        for s in &d.indifference[0] {
            assert!((s.a.0 + s.a.1 - 1.0).abs() < 1e-9, "{s:?}");
        }
        assert!(d.indifference[1].is_empty());
        assert!(cube_diagram(
            &NPlayerGame::from_fn(&[2, 3], |_| vec![0.0, 0.0]).unwrap(),
            &[]
        )
        .is_err());
    }
}
