//! Iterated elimination of dominated actions, for any number of players
//! (two-player games included, as [`NPlayerGame`]s).
//!
//! Action `a` of player `i` is **strictly dominated** by a strategy `p` of
//! `i` when `p` earns strictly more than `a` against every profile of the
//! others' remaining actions, and **weakly dominated** when `p` earns at
//! least as much against every profile and strictly more against one. The
//! dominating strategy is another remaining action ([`Domination::Pure`]) or,
//! with mixed dominance, a mixture of the others found by linear
//! programming ([`Domination::Mixed`]):
//!
//! - strict: maximise `ε` subject to `Σ_b p_b u_i(b, s) - u_i(a, s) >= ε` for
//!   every profile `s` of the others, `Σ_b p_b = 1`, `p >= 0` (`b ≠ a`):
//!   dominated when `ε > 0`;
//! - weak: maximise `Σ_s (Σ_b p_b u_i(b, s) - u_i(a, s))` subject to every
//!   term `>= 0`: dominated when the optimum is positive.
//!
//! Each **round** finds every dominated action of every player against the
//! actions remaining at the start of the round and removes them all at once
//! (the convention of Gambit's `ElimDominated`); rounds repeat until none is
//! dominated. The order of elimination is reported round by round. For strict
//! dominance the result does not depend on the order; for weak dominance it
//! may, and this order is the one stated. An action with the largest total
//! payoff over the remaining profiles is never dominated, so every player
//! keeps at least one action.
//!
//! Payoffs are compared with the game's regret tolerance
//! ([`super::nplayer::tolerance_for`]): a gain must exceed it to count.
//!
//! ## References
//! - D. Fudenberg and J. Tirole (1991), *Game Theory*, MIT Press, §2.1.
//! - V. Conitzer and T. Sandholm (2005), "Complexity of (iterated)
//!   dominance", Proceedings of ACM EC 2005, 88-97 (dominance by mixed
//!   strategies as a linear program).

use super::nplayer::tolerance_for;
use crate::error::{Error, Result};
use crate::game::NPlayerGame;
use good_lp::{default_solver, variable, Expression, ProblemVariables, Solution, SolverModel};
use serde::Serialize;

/// Which dominance is eliminated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DominanceKind {
    /// Strictly dominated actions.
    Strict,
    /// Weakly dominated actions.
    Weak,
}

/// What dominates an eliminated action.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Domination {
    /// Another action of the same player.
    Pure(usize),
    /// A mixture of the player's other remaining actions: `(action,
    /// probability)` pairs with positive probabilities summing to one.
    Mixed(Vec<(usize, f64)>),
}

/// One eliminated action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Elimination {
    /// The round (from 1) in which it was eliminated.
    pub round: usize,
    /// The player (0-based).
    pub player: usize,
    /// The action (0-based, in the original game).
    pub action: usize,
    /// What dominates it.
    pub by: Domination,
}

/// The result of [`iterated_elimination`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DominanceReport {
    /// Strict or weak dominance.
    pub kind: DominanceKind,
    /// `true` when dominance by mixed strategies was checked too.
    pub mixed: bool,
    /// The eliminations, round by round, players in order within a round.
    pub eliminations: Vec<Elimination>,
    /// Each player's remaining actions (0-based, in the original game).
    pub remaining: Vec<Vec<usize>>,
    /// Rounds that eliminated something.
    pub rounds: usize,
}

/// Iterated elimination of `kind`-dominated actions of `game` (by pure
/// actions, and by mixtures when `mixed`); see the module's documentation.
///
/// # Errors
/// [`Error::Solver`] when a linear program fails for a reason other than
/// infeasibility.
pub fn iterated_elimination(
    game: &NPlayerGame,
    kind: DominanceKind,
    mixed: bool,
) -> Result<DominanceReport> {
    let tol = tolerance_for(game);
    let n = game.num_players();
    let mut remaining: Vec<Vec<usize>> = game.shape().iter().map(|&k| (0..k).collect()).collect();
    let mut eliminations = Vec::new();
    let mut round = 0;
    loop {
        let mut found: Vec<Elimination> = Vec::new();
        for i in 0..n {
            let rows = payoff_rows(game, &remaining, i);
            for (pos, &a) in remaining[i].iter().enumerate() {
                if let Some(by) = dominated(&rows, pos, &remaining[i], kind, mixed, tol)? {
                    found.push(Elimination {
                        round: round + 1,
                        player: i,
                        action: a,
                        by,
                    });
                }
            }
        }
        if found.is_empty() {
            break;
        }
        round += 1;
        for e in &found {
            remaining[e.player].retain(|&b| b != e.action);
        }
        eliminations.extend(found);
    }
    Ok(DominanceReport {
        kind,
        mixed,
        eliminations,
        remaining,
        rounds: round,
    })
}

/// Player `i`'s payoff from each remaining action (rows, in the order of
/// `remaining[i]`) against each profile of the others' remaining actions.
fn payoff_rows(game: &NPlayerGame, remaining: &[Vec<usize>], i: usize) -> Vec<Vec<f64>> {
    let strides = game.strides();
    let mut offsets = vec![0usize];
    for (j, r) in remaining.iter().enumerate() {
        if j != i {
            offsets = offsets
                .iter()
                .flat_map(|&o| r.iter().map(move |&b| o + b * strides[j]))
                .collect();
        }
    }
    let v = game.flat_payoffs(i);
    remaining[i]
        .iter()
        .map(|&a| offsets.iter().map(|&o| v[o + a * strides[i]]).collect())
        .collect()
}

/// What dominates row `pos`, if anything.
fn dominated(
    rows: &[Vec<f64>],
    pos: usize,
    actions: &[usize],
    kind: DominanceKind,
    mixed: bool,
    tol: f64,
) -> Result<Option<Domination>> {
    let target = &rows[pos];
    for (q, row) in rows.iter().enumerate() {
        if q != pos && dominates(row, target, kind, tol) {
            return Ok(Some(Domination::Pure(actions[q])));
        }
    }
    if !mixed || rows.len() < 3 {
        // With one other action, a mixture is that action.
        return Ok(None);
    }
    let others: Vec<usize> = (0..rows.len()).filter(|&q| q != pos).collect();
    let Some(weights) = mixture(rows, pos, &others, kind)? else {
        return Ok(None);
    };
    // Check the LP's mixture in f64 against the tolerance.
    let combined: Vec<f64> = (0..target.len())
        .map(|s| {
            others
                .iter()
                .zip(&weights)
                .map(|(&q, w)| w * rows[q][s])
                .sum()
        })
        .collect();
    if !dominates(&combined, target, kind, tol) {
        return Ok(None);
    }
    let parts: Vec<(usize, f64)> = others
        .iter()
        .zip(&weights)
        .filter(|(_, &w)| w > 0.0)
        .map(|(&q, &w)| (actions[q], w))
        .collect();
    Ok(Some(match parts[..] {
        [(b, _)] => Domination::Pure(b),
        _ => Domination::Mixed(parts),
    }))
}

/// `true` when payoff vector `p` dominates `q` (see the module's
/// documentation) by more than `tol`.
fn dominates(p: &[f64], q: &[f64], kind: DominanceKind, tol: f64) -> bool {
    match kind {
        DominanceKind::Strict => p.iter().zip(q).all(|(x, y)| x - y > tol),
        DominanceKind::Weak => {
            p.iter().zip(q).all(|(x, y)| x - y >= -tol) && p.iter().zip(q).any(|(x, y)| x - y > tol)
        }
    }
}

/// The LP's dominating mixture of rows `others` against row `pos`
/// (weights in the order of `others`, small ones zeroed and renormalised);
/// `None` when the LP finds none.
fn mixture(
    rows: &[Vec<f64>],
    pos: usize,
    others: &[usize],
    kind: DominanceKind,
) -> Result<Option<Vec<f64>>> {
    let lo = rows.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let hi = rows
        .iter()
        .flatten()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    if hi <= lo {
        return Ok(None);
    }
    let scale = |x: f64| (x - lo) / (hi - lo);
    let profiles = rows[pos].len();
    let mut vars = ProblemVariables::new();
    let p = vars.add_vector(variable().min(0.0).max(1.0), others.len());
    let eps = vars.add(variable().min(-1.0).max(1.0));
    let gain = |s: usize| -> Expression {
        others
            .iter()
            .zip(&p)
            .map(|(&q, &v)| scale(rows[q][s]) * v)
            .sum::<Expression>()
            - scale(rows[pos][s])
    };
    let objective: Expression = match kind {
        DominanceKind::Strict => eps.into(),
        DominanceKind::Weak => (0..profiles).map(gain).sum(),
    };
    let mut model = vars.maximise(objective.clone()).using(default_solver);
    for s in 0..profiles {
        model = match kind {
            DominanceKind::Strict => model.with(gain(s).geq(eps)),
            DominanceKind::Weak => model.with(gain(s).geq(0.0)),
        };
    }
    let total: Expression = p.iter().copied().sum();
    model = model.with(total.eq(1.0));
    let solution = match model.solve() {
        Ok(s) => s,
        Err(good_lp::ResolutionError::Infeasible) => return Ok(None),
        Err(e) => {
            return Err(Error::Solver {
                method: "dominance LP",
                message: e.to_string(),
            })
        }
    };
    let value = solution.eval(objective);
    if value <= 1e-9 {
        return Ok(None);
    }
    let mut w: Vec<f64> = p
        .iter()
        .map(|&v| {
            let x = solution.value(v);
            if x < 1e-12 {
                0.0
            } else {
                x
            }
        })
        .collect();
    let s: f64 = w.iter().sum();
    if s <= 0.0 {
        return Ok(None);
    }
    w.iter_mut().for_each(|x| *x /= s);
    Ok(Some(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn the_prisoners_dilemma_reduces_to_mutual_defection() {
        let g = NPlayerGame::from_matrix_game(&catalogue::prisoners_dilemma_default());
        let r = iterated_elimination(&g, DominanceKind::Strict, false).unwrap();
        assert_eq!(r.remaining, vec![vec![1], vec![1]]);
        assert_eq!(r.rounds, 1);
        assert_eq!(r.eliminations[0].by, Domination::Pure(1));
    }

    #[test]
    fn mixed_dominance_needs_the_lp() {
        // Row player: M is dominated by no pure action but by (1/2 T, 1/2 B).
        let g = NPlayerGame::from_fn(&[3, 2], |a| {
            let row = [[3.0, 0.0], [1.0, 1.0], [0.0, 3.0]][a[0]][a[1]];
            vec![row, 0.0]
        })
        .unwrap();
        let pure = iterated_elimination(&g, DominanceKind::Strict, false).unwrap();
        assert!(pure.eliminations.is_empty());
        let r = iterated_elimination(&g, DominanceKind::Strict, true).unwrap();
        assert_eq!(r.remaining[0], vec![0, 2]);
        match &r.eliminations[0].by {
            Domination::Mixed(parts) => {
                assert_eq!(parts.len(), 2);
                assert!(parts.iter().all(|(_, w)| (w - 0.5).abs() < 0.2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn weak_dominance_and_its_rounds() {
        // Column player's R is weakly dominated by L; then row's D strictly.
        let g = NPlayerGame::from_fn(&[2, 2], |a| match (a[0], a[1]) {
            (0, 0) => vec![2.0, 1.0],
            (0, 1) => vec![0.0, 1.0],
            (1, 0) => vec![1.0, 2.0],
            _ => vec![3.0, 0.0],
        })
        .unwrap();
        let r = iterated_elimination(&g, DominanceKind::Weak, false).unwrap();
        assert_eq!(r.rounds, 2);
        assert_eq!((r.eliminations[0].player, r.eliminations[0].action), (1, 1));
        assert_eq!((r.eliminations[1].player, r.eliminations[1].action), (0, 1));
        assert_eq!(r.remaining, vec![vec![0], vec![0]]);
        let strict = iterated_elimination(&g, DominanceKind::Strict, true).unwrap();
        assert!(strict.eliminations.is_empty());
    }
}
