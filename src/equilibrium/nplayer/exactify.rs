//! Exact fractions for computed equilibria of integer games where at most
//! two players mix: the equilibrium is recomputed in rational arithmetic from
//! its supports' indifference systems ([`super::linear`]) and kept when it
//! agrees with the computed one.

use super::linear::{rational_payoffs, two_mixed};
use super::scalar::Scalar;
use super::ExactProfile;
use crate::equilibrium::exact::to_f64;
use crate::equilibrium::Rational;
use crate::game::NPlayerGame;

/// How far a computed probability may be from its exact recomputation.
const AGREEMENT: f64 = 1e-6;

/// The exact form of the computed profile `strategies` of `game`: pure
/// profiles always, profiles where exactly two players mix when the payoffs
/// are integers and the supports' systems have one solution; `None` otherwise
/// (three or more players mixing make the system polynomial, and one player
/// mixing against pure opponents leaves its mixture undetermined).
pub(crate) fn exact_profile(
    game: &NPlayerGame,
    strategies: &[Vec<f64>],
) -> Option<Vec<Vec<Rational>>> {
    let supports: Vec<Vec<usize>> = strategies
        .iter()
        .map(|s| (0..s.len()).filter(|&a| s[a] > 0.0).collect())
        .collect();
    let mixed: Vec<usize> = (0..supports.len())
        .filter(|&i| supports[i].len() >= 2)
        .collect();
    let exact = match mixed[..] {
        [] => strategies
            .iter()
            .map(|s| {
                s.iter()
                    .map(|&p| Rational::from_integer(i128::from(p > 0.0)))
                    .collect()
            })
            .collect(),
        [i, j] => {
            let pay = rational_payoffs(game)?;
            two_mixed(&pay, &supports, i, j)?
                .points
                .into_iter()
                .next()?
        }
        _ => return None,
    };
    let agrees = exact.iter().zip(strategies).all(|(e, s)| {
        e.iter()
            .zip(s)
            .all(|(q, &p)| (to_f64(q) - p).abs() <= AGREEMENT)
    });
    agrees.then_some(exact)
}

/// [`exact_profile`] with each player's exact expected payoff (in the
/// game's own payoffs); `None` as [`exact_profile`], or when the payoffs
/// overflow `i128` fractions.
pub(crate) fn exact_equilibrium(
    game: &NPlayerGame,
    strategies: &[Vec<f64>],
) -> Option<ExactProfile> {
    if !game.has_integer_payoffs() {
        return None;
    }
    let exact = exact_profile(game, strategies)?;
    let mut payoffs = vec![Rational::zero(); game.num_players()];
    for profile in game.profiles() {
        let mut weight = Rational::one();
        for (s, &a) in exact.iter().zip(&profile) {
            weight = weight.mul(s[a])?;
        }
        if weight.is_zero() {
            continue;
        }
        let k = game.profile_index(&profile);
        for (i, total) in payoffs.iter_mut().enumerate() {
            let u = game.flat_payoffs(i)[k];
            if u.abs() > 1e30 {
                return None;
            }
            *total = total.add(weight.mul(Rational::from_integer(u as i128))?)?;
        }
    }
    Some(ExactProfile {
        strategies: exact,
        payoffs,
    })
}
