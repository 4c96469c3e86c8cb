//! The logit QRE of an n-player game (docs/model.md §17): [`LogitGame`] for
//! [`NPlayerGame`] and [`logit_solve_nplayer`], the n-player counterpart of
//! [`super::logit_solve`].
//!
//! Player `i`'s expected payoff from action `a` against the others' mixed
//! strategies is the payoff array contracted with every other player's
//! strategy; its derivative with respect to probability `b` of player `j`
//! is the array contracted with every strategy but `i`'s and `j`'s, read at
//! `(a, b)` (the payoffs are multilinear). The equations, their Jacobian and
//! the predictor-corrector tracer are the two-player ones
//! ([`super::path`]).

use super::path::{trace_branch, TraceOptions};
use super::{max_regret, polish_limit, LogitGame};
use crate::equilibrium::nplayer::{certify, tolerance_for, NPlayerEquilibrium};
use crate::error::{Error, Result};
use crate::game::nplayer::Contraction;
use crate::game::NPlayerGame;

/// Splits a flattened profile into one slice per player.
fn strategies<'p>(game: &NPlayerGame, profile: &'p [f64]) -> Vec<&'p [f64]> {
    let mut out = Vec::with_capacity(game.num_players());
    let mut offset = 0;
    for &n in game.shape() {
        out.push(&profile[offset..offset + n]);
        offset += n;
    }
    out
}

impl LogitGame for NPlayerGame {
    fn players(&self) -> usize {
        self.num_players()
    }

    fn actions(&self, player: usize) -> usize {
        self.shape()[player]
    }

    fn action_payoffs(&self, profile: &[f64], out: &mut [f64]) {
        let s = strategies(self, profile);
        let mut c = Contraction::new(self);
        let mut offset = 0;
        for i in 0..self.num_players() {
            let u = c.action_payoffs(self, i, &s);
            out[offset..offset + u.len()].copy_from_slice(u);
            offset += u.len();
        }
    }

    fn action_payoff_derivatives(&self, profile: &[f64], out: &mut [f64]) {
        let s = strategies(self, profile);
        let len = profile.len();
        let shape = self.shape();
        let offsets: Vec<usize> = shape
            .iter()
            .scan(0, |acc, &n| {
                let o = *acc;
                *acc += n;
                Some(o)
            })
            .collect();
        let mut c = Contraction::new(self);
        for i in 0..self.num_players() {
            for j in (0..self.num_players()).filter(|&j| j != i) {
                let pair = c.pair_payoffs(self, i, j, &s);
                for a in 0..shape[i] {
                    for b in 0..shape[j] {
                        let v = if i < j {
                            pair[a * shape[j] + b]
                        } else {
                            pair[b * shape[i] + a]
                        };
                        out[(offsets[i] + a) * len + offsets[j] + b] = v;
                    }
                }
            }
        }
    }

    fn payoff_range(&self, player: usize) -> f64 {
        let p = self.flat_payoffs(player);
        let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
        hi - lo
    }
}

/// The logit QRE of an n-player game: [`logit_solve_nplayer`]'s result.
pub type NPlayerLogitReport = super::LogitReport<NPlayerEquilibrium>;

/// The principal branch of the n-player `game`'s logit QRE correspondence,
/// the QRE at each of `lambdas`, and the branch's limit verified as a Nash
/// equilibrium (max regret within the n-player
/// [`tolerance_for`]`(game)`).
///
/// # Errors
/// As [`super::logit_solve`].
pub fn logit_solve_nplayer(game: &NPlayerGame, lambdas: &[f64]) -> Result<NPlayerLogitReport> {
    let branch = trace_branch(
        game,
        &TraceOptions {
            lambdas: lambdas.to_vec(),
            end_lambda: None,
        },
    )?;
    let end = branch.end();
    let tolerance = tolerance_for(game);
    let flat: Vec<f64> = end.strategies.concat();
    let failed = |why: String| Error::Solver {
        method: "logit QRE",
        message: format!(
            "the branch's end at λ = {} did not give a verified equilibrium: {why}",
            end.lambda
        ),
    };
    let polished = polish_limit(game, &flat, tolerance)
        .ok_or_else(|| failed(format!("traced regret {:.3e}", max_regret(game, &flat))))?;
    let profile: Vec<Vec<f64>> = strategies(game, &polished.profile)
        .into_iter()
        .map(<[f64]>::to_vec)
        .collect();
    let limit = certify(game, &profile, tolerance)
        .ok_or_else(|| failed(format!("regret {:.3e} after polishing", polished.regret)))?;
    Ok(NPlayerLogitReport {
        points: branch.at_lambdas.clone(),
        trace: (0..branch.len()).map(|k| branch.qre_point(k)).collect(),
        limit,
        end_lambda: end.lambda,
        tolerance,
        steps: branch.steps,
        refused_steps: branch.refused_steps,
        bifurcations: branch.bifurcations.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::equilibrium::qre::logit_solve;
    use crate::game::catalogue;

    #[test]
    fn a_two_player_game_as_an_nplayer_game_has_the_same_branch() {
        let g = catalogue::by_name("chicken", &[]).unwrap();
        let n = NPlayerGame::from_matrix_game(&g);
        let two = logit_solve(&g, &[0.5, 2.0]).unwrap();
        let many = logit_solve_nplayer(&n, &[0.5, 2.0]).unwrap();
        for (a, b) in two.points.iter().zip(&many.points) {
            for (x, y) in a
                .strategies
                .iter()
                .flatten()
                .zip(b.strategies.iter().flatten())
            {
                assert!((x - y).abs() < 1e-12, "{a:?} {b:?}");
            }
        }
        let p = [0.25, 0.75, 0.6, 0.4];
        let (mut u, mut v) = ([0.0; 4], [0.0; 4]);
        g.action_payoffs(&p, &mut u);
        LogitGame::action_payoffs(&n, &p, &mut v);
        assert_eq!(u, v);
        let (mut d, mut e) = ([0.0; 16], [0.0; 16]);
        g.action_payoff_derivatives(&p, &mut d);
        n.action_payoff_derivatives(&p, &mut e);
        for (r, c) in [(0, 2), (0, 3), (1, 2), (2, 0), (3, 1)] {
            assert_eq!(d[r * 4 + c], e[r * 4 + c], "({r}, {c})");
        }
    }

    #[test]
    fn three_player_derivatives_are_finite_differences_of_the_payoffs() {
        let g = NPlayerGame::from_fn(&[2, 3, 2], |a| {
            (0..3)
                .map(|i| ((7 * a[0] + 3 * a[1] + 5 * a[2] + 11 * i) % 9) as f64)
                .collect()
        })
        .unwrap();
        let p = [0.3, 0.7, 0.2, 0.5, 0.3, 0.6, 0.4];
        let len = p.len();
        let mut d = vec![0.0; len * len];
        g.action_payoff_derivatives(&p, &mut d);
        let mut base = vec![0.0; len];
        LogitGame::action_payoffs(&g, &p, &mut base);
        let owner = [0, 0, 1, 1, 1, 2, 2];
        for c in 0..len {
            let mut q = p;
            q[c] += 1.0; // multilinear: a unit step is exact
            let mut u = vec![0.0; len];
            LogitGame::action_payoffs(&g, &q, &mut u);
            for r in (0..len).filter(|&r| owner[r] != owner[c]) {
                assert!(
                    (u[r] - base[r] - d[r * len + c]).abs() < 1e-12,
                    "({r}, {c})"
                );
            }
        }
    }
}
