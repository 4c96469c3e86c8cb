//! Pure Nash equilibria of n-player games by enumeration of the profiles.
//!
//! A pure profile is an equilibrium when every player's action is a best
//! response to the others' actions. Payoffs are compared exactly (as the
//! `f64` values they are), so the answer does not depend on their scale.

use super::verify::{certify, tolerance_for};
use super::NPlayerEquilibrium;
use crate::game::NPlayerGame;

/// Every pure Nash equilibrium of `game`, verified, in row-major order of
/// the profiles.
pub fn pure_equilibria(game: &NPlayerGame) -> Vec<NPlayerEquilibrium> {
    let tol = tolerance_for(game);
    let strides = game.strides();
    let shape = game.shape();
    let mut out = Vec::new();
    for profile in game.profiles() {
        let k = game.profile_index(&profile);
        let best = (0..game.num_players()).all(|i| {
            let v = game.flat_payoffs(i);
            let base = k - profile[i] * strides[i];
            (0..shape[i]).all(|b| v[base + b * strides[i]] <= v[k])
        });
        if best {
            let strategies: Vec<Vec<f64>> = profile
                .iter()
                .zip(shape)
                .map(|(&a, &n)| (0..n).map(|b| f64::from(u8::from(a == b))).collect())
                .collect();
            if let Some(e) = certify(game, &strategies, tol) {
                out.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordination_of_three() {
        // Everyone gets 1 when all three choose alike.
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            let alike = a.iter().all(|&x| x == a[0]);
            vec![f64::from(u8::from(alike)); 3]
        })
        .unwrap();
        let eq = pure_equilibria(&g);
        // All alike (2) and every profile where no one can make all alike
        // alone: those with two against one are not (the odd one switches).
        assert_eq!(eq.len(), 2);
        assert_eq!(eq[0].strategies[0], vec![1.0, 0.0]);
        assert_eq!(eq[1].strategies[2], vec![0.0, 1.0]);
    }
}
