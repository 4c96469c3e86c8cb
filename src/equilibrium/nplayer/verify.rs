//! Verification of n-player equilibria: regrets, the tolerance they are
//! checked against, and the certificate every returned profile carries.
//!
//! A mixed profile is a Nash equilibrium when no player gains by a pure
//! deviation (Nash 1951). Player `i`'s *regret* is
//! `max_a u_i(a, σ_{-i}) - u_i(σ) >= 0`; the largest over the players is the
//! profile's *max regret*. Every profile a solver returns has its max regret
//! within [`tolerance_for`].

use super::exactify::exact_equilibrium;
use super::NPlayerEquilibrium;
use crate::equilibrium::verify::{clean_strategy, player_tolerance, DEFAULT_TOLERANCE};
use crate::game::nplayer::Contraction;
use crate::game::NPlayerGame;
use ndarray::Array1;

/// The absolute regret tolerance for `game`: for each player whose payoffs
/// are not all equal, the smaller of [`DEFAULT_TOLERANCE`] times their
/// payoff range and half their smallest nonzero payoff difference; the
/// smallest over the players (the rule of the two-player
/// [`crate::equilibrium::tolerance_for`]).
pub fn tolerance_for(game: &NPlayerGame) -> f64 {
    (0..game.num_players())
        .filter_map(|i| {
            player_tolerance(game.flat_payoffs(i).iter().copied(), DEFAULT_TOLERANCE)
                .map(|(t, _)| t)
        })
        .fold(None, |acc: Option<f64>, t| {
            Some(acc.map_or(t, |a| a.min(t)))
        })
        .unwrap_or(DEFAULT_TOLERANCE)
}

/// Each player's regret at the mixed profile `profile`, computed on the
/// payoffs minus the player's smallest payoff (which changes no regret), so
/// that a regret is accurate relative to payoff differences.
///
/// # Panics
/// If `profile` does not hold one strategy per player of the right length.
pub fn regrets<S: AsRef<[f64]>>(game: &NPlayerGame, profile: &[S]) -> Vec<f64> {
    let mut c = Contraction::new(game);
    (0..game.num_players())
        .map(|i| player_regret(game, &mut c, i, profile))
        .collect()
}

/// One player's regret, with a reusable workspace.
pub(crate) fn player_regret<S: AsRef<[f64]>>(
    game: &NPlayerGame,
    c: &mut Contraction,
    player: usize,
    profile: &[S],
) -> f64 {
    let low = game
        .flat_payoffs(player)
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let u = c.action_payoffs(game, player, profile);
    let own = profile[player].as_ref();
    let expected: f64 = u.iter().zip(own).map(|(a, p)| (a - low) * p).sum();
    let best = u.iter().copied().fold(f64::NEG_INFINITY, f64::max) - low;
    (best - expected).max(0.0)
}

/// The largest of the players' [`regrets`].
pub fn max_regret<S: AsRef<[f64]>>(game: &NPlayerGame, profile: &[S]) -> f64 {
    regrets(game, profile).into_iter().fold(0.0, f64::max)
}

/// Cleans a computed profile (probabilities within rounding of zero become
/// zero, each strategy renormalised), checks it is an equilibrium of `game`
/// within `tolerance` and returns it with its payoffs, max regret and (when
/// at most two players mix in an integer game) its exact fractions. `None`
/// when a strategy is not a probability vector or the profile is not an
/// equilibrium.
pub fn certify(
    game: &NPlayerGame,
    profile: &[Vec<f64>],
    tolerance: f64,
) -> Option<NPlayerEquilibrium> {
    if profile.len() != game.num_players()
        || profile.iter().zip(game.shape()).any(|(s, &k)| s.len() != k)
    {
        return None;
    }
    let mut strategies = Vec::with_capacity(profile.len());
    for s in profile {
        strategies.push(clean_strategy(&Array1::from(s.clone()))?.to_vec());
    }
    let exact = exact_equilibrium(game, &strategies);
    if let Some(e) = &exact {
        // The exact solution is the equilibrium: report its probabilities.
        strategies = e
            .strategies
            .iter()
            .map(|s| s.iter().map(crate::equilibrium::exact::to_f64).collect())
            .collect();
    }
    let max_regret = max_regret(game, &strategies);
    if max_regret > tolerance {
        return None;
    }
    let payoffs = match &exact {
        Some(e) => e
            .payoffs
            .iter()
            .map(crate::equilibrium::exact::to_f64)
            .collect(),
        None => game.expected_payoffs(&strategies),
    };
    Some(NPlayerEquilibrium {
        strategies,
        payoffs,
        max_regret,
        exact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three players: each gets 1 when matching player 1's action.
    fn matching() -> NPlayerGame {
        NPlayerGame::from_fn(&[2, 2, 2], |a| {
            (0..3).map(|i| f64::from(u8::from(a[i] == a[0]))).collect()
        })
        .unwrap()
    }

    #[test]
    fn regrets_of_pure_profiles() {
        let g = matching();
        let p = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 0.0]];
        assert_eq!(regrets(&g, &p), vec![0.0, 1.0, 0.0]);
        assert!(certify(&g, &p, tolerance_for(&g)).is_none());
        let q = vec![vec![1.0, 0.0]; 3];
        let e = certify(&g, &q, tolerance_for(&g)).unwrap();
        assert_eq!(e.max_regret, 0.0);
        assert_eq!(e.payoffs, vec![1.0, 1.0, 1.0]);
        assert_eq!(tolerance_for(&g), 1e-9);
    }
}
