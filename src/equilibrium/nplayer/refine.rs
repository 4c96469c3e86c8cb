//! Polishing an approximate equilibrium into an exact one: guess its
//! supports, solve the supports' indifference system by Newton's method from
//! the approximation, and certify the result.
//!
//! The supports are guessed in two ways, each at several tolerances: the
//! actions played with more than a threshold probability, and each player's
//! near-best responses (actions whose payoff is within a multiple of the
//! approximation's largest regret of the best), which contain the support of
//! a nearby equilibrium even when the approximation puts a little probability
//! on actions the equilibrium does not use.

use super::system::{newton, SupportSystem};
use super::verify::certify;
use super::NPlayerEquilibrium;
use crate::game::nplayer::Contraction;
use crate::game::NPlayerGame;

/// Probability thresholds for guessing supports.
const THRESHOLDS: [f64; 5] = [1e-6, 1e-4, 1e-8, 1e-3, 1e-2];

/// Multiples of the largest regret within which an action counts as a best
/// response.
const REGRET_MULTIPLES: [f64; 3] = [10.0, 100.0, 1000.0];

/// The equilibrium near the approximate profile `approx`, certified within
/// `tolerance` (see the module's documentation); falls back on `approx`
/// itself when it certifies, `None` when nothing does.
pub(crate) fn polish(
    game: &NPlayerGame,
    rescaled: &[Vec<f64>],
    approx: &[Vec<f64>],
    tolerance: f64,
) -> Option<NPlayerEquilibrium> {
    let mut tried: Vec<Vec<Vec<usize>>> = Vec::new();
    for supports in candidate_supports(game, rescaled, approx) {
        if tried.contains(&supports) {
            continue;
        }
        let sys = SupportSystem::new(game, rescaled, &supports);
        tried.push(supports);
        let x0 = sys.variables(approx);
        let Some(x) = newton(&sys, &x0, 50) else {
            continue;
        };
        let in_simplex = x.iter().all(|&v| v >= 0.0)
            && sys
                .groups()
                .all(|(o, k)| x[o..o + k].iter().sum::<f64>() <= 1.0);
        if !in_simplex {
            continue;
        }
        if let Some(e) = certify(game, &sys.profile(&x, game.shape()), tolerance) {
            return Some(e);
        }
    }
    certify(game, approx, tolerance)
}

/// The supports to try, in order: by probability, then by near-best
/// responses, then both at once.
fn candidate_supports(
    game: &NPlayerGame,
    rescaled: &[Vec<f64>],
    approx: &[Vec<f64>],
) -> Vec<Vec<Vec<usize>>> {
    // Each player's shortfall from their best payoff, action by action (on
    // payoffs rescaled to [0, 1]).
    let unit = rescaled_game(game, rescaled);
    let mut c = Contraction::new(&unit);
    let shortfalls: Vec<Vec<f64>> = (0..unit.num_players())
        .map(|j| {
            let u = c.action_payoffs(&unit, j, approx);
            let best = u.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            u.iter().map(|v| best - v).collect()
        })
        .collect();
    let regret = approx
        .iter()
        .zip(&shortfalls)
        .map(|(s, d)| s.iter().zip(d).map(|(p, x)| p * x).sum::<f64>())
        .fold(0.0f64, f64::max)
        .max(1e-12);
    let by_probability = |t: f64| -> Vec<Vec<usize>> {
        approx
            .iter()
            .map(|s| nonempty((0..s.len()).filter(|&a| s[a] > t).collect(), s))
            .collect()
    };
    let by_regret = |m: f64| -> Vec<Vec<usize>> {
        shortfalls
            .iter()
            .zip(approx)
            .map(|(d, s)| nonempty((0..d.len()).filter(|&a| d[a] <= m * regret).collect(), s))
            .collect()
    };
    let mut out: Vec<Vec<Vec<usize>>> = THRESHOLDS.iter().map(|&t| by_probability(t)).collect();
    out.extend(REGRET_MULTIPLES.iter().map(|&m| by_regret(m)));
    for &m in &REGRET_MULTIPLES {
        for &t in &THRESHOLDS {
            let both: Vec<Vec<usize>> = by_regret(m)
                .into_iter()
                .zip(by_probability(t))
                .zip(approx)
                .map(|((a, b), s)| nonempty(a.into_iter().filter(|x| b.contains(x)).collect(), s))
                .collect();
            out.push(both);
        }
    }
    out
}

/// `support`, or the most played action when it is empty.
fn nonempty(support: Vec<usize>, strategy: &[f64]) -> Vec<usize> {
    if support.is_empty() {
        let best = (0..strategy.len())
            .max_by(|&a, &b| strategy[a].total_cmp(&strategy[b]))
            .unwrap_or(0);
        vec![best]
    } else {
        support
    }
}

/// The game with each player's payoffs rescaled to `[0, 1]`.
pub(crate) fn rescaled_game(game: &NPlayerGame, rescaled: &[Vec<f64>]) -> NPlayerGame {
    let arrays = rescaled
        .iter()
        .map(|v| {
            ndarray::ArrayD::from_shape_vec(ndarray::IxDyn(game.shape()), v.clone())
                .expect("same shape")
        })
        .collect();
    NPlayerGame::new(arrays).expect("rescaling keeps a valid game valid")
}
