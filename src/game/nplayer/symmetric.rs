//! Symmetric games of `n` players with two actions, given by two payoff
//! sequences: what a player gets from each action when `k` of the others
//! choose the first action.
//!
//! The *gain function* `g(k) = first(k) - second(k)` is what a player gains
//! by choosing the first action (cooperating, say) rather than the second
//! when `k` of the `n - 1` others choose the first: an n-player prisoner's
//! dilemma has `g(k) < 0` for every `k` and `first(n - 1) > second(0)`.
//!
//! ## References
//! - T. C. Schelling (1973), "Hawks, doves, and dodos: binary choices with
//!   externalities", Journal of Conflict Resolution 17:381-428.
//! - J. M. Pacheco, F. C. Santos, M. O. Souza and B. Skyrms (2009),
//!   "Evolutionary dynamics of collective action in N-person stag hunt
//!   dilemmas", Proceedings of the Royal Society B 276:315-321.

use super::NPlayerGame;
use crate::error::{Error, Result};
use serde::Serialize;

/// A symmetric game of `n` players with two actions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymmetricBinaryGame {
    /// The game's name.
    pub name: String,
    /// The two actions' names.
    pub actions: [String; 2],
    /// `first[k]`: a player's payoff from the first action when `k` of the
    /// others choose the first action (`k = 0 ..= n - 1`).
    pub first: Vec<f64>,
    /// `second[k]`: a player's payoff from the second action when `k` of the
    /// others choose the first action.
    pub second: Vec<f64>,
}

impl SymmetricBinaryGame {
    /// A game from the two payoff sequences (each of length `n`, the number
    /// of players), checked: `n >= 1`, equal lengths, finite payoffs.
    ///
    /// # Errors
    /// [`Error::InvalidGame`] otherwise.
    pub fn new(
        name: impl Into<String>,
        actions: [&str; 2],
        first: Vec<f64>,
        second: Vec<f64>,
    ) -> Result<Self> {
        if first.is_empty() || first.len() != second.len() {
            return Err(Error::InvalidGame {
                message: format!(
                    "a symmetric two-action game needs one payoff per number of other players choosing the first action in each list; got {} and {}",
                    first.len(),
                    second.len()
                ),
            });
        }
        if let Some(v) = first.iter().chain(&second).find(|v| !v.is_finite()) {
            return Err(Error::InvalidGame {
                message: format!("payoff {v} is not a finite number"),
            });
        }
        Ok(SymmetricBinaryGame {
            name: name.into(),
            actions: actions.map(String::from),
            first,
            second,
        })
    }

    /// The number of players.
    pub fn players(&self) -> usize {
        self.first.len()
    }

    /// The gain function: `g(k) = first(k) - second(k)`, `k = 0 ..= n - 1`.
    pub fn gains(&self) -> Vec<f64> {
        self.first
            .iter()
            .zip(&self.second)
            .map(|(a, b)| a - b)
            .collect()
    }

    /// The game in strategic form (action 0 is the first action).
    ///
    /// # Errors
    /// [`Error::InvalidGame`] when `2^n` exceeds the profile limit.
    pub fn to_game(&self) -> Result<NPlayerGame> {
        let n = self.players();
        if n > 20 {
            return Err(Error::InvalidGame {
                message: format!(
                    "{n} players with two actions each make 2^{n} profiles, more than the {} a game may have",
                    super::MAX_PROFILES
                ),
            });
        }
        let game = NPlayerGame::from_fn(&vec![2; n], |a| {
            let firsts = a.iter().filter(|&&x| x == 0).count();
            a.iter()
                .map(|&x| {
                    if x == 0 {
                        self.first[firsts - 1]
                    } else {
                        self.second[firsts]
                    }
                })
                .collect()
        })?;
        game.with_name(self.name.clone())
            .with_action_names(vec![self.actions.to_vec(); n])
    }

    /// The two payoff sequences of a symmetric game with two actions per
    /// player (within `tolerance`, see [`NPlayerGame::is_symmetric`]);
    /// `None` for any other game.
    pub fn from_game(game: &NPlayerGame, tolerance: f64) -> Option<Self> {
        let n = game.num_players();
        if game.shape().iter().any(|&k| k != 2) || !game.is_symmetric(tolerance) {
            return None;
        }
        // Player 1's payoff when k of the others play action 0: the others
        // in seats 2..=k+1 play 0.
        let at = |own: usize, k: usize| {
            let mut a = vec![1; n];
            a[0] = own;
            a[1..=k].iter_mut().for_each(|x| *x = 0);
            game.payoff(0, &a)
        };
        let actions = &game.action_names()[0];
        SymmetricBinaryGame::new(
            game.name(),
            [&actions[0], &actions[1]],
            (0..n).map(|k| at(0, k)).collect(),
            (0..n).map(|k| at(1, k)).collect(),
        )
        .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_strategic_form() {
        let g =
            SymmetricBinaryGame::new("pgg", ["C", "D"], vec![-0.5, 0.0, 0.5], vec![0.0, 0.5, 1.0])
                .unwrap();
        let game = g.to_game().unwrap();
        assert_eq!(game.shape(), &[2, 2, 2]);
        // Player 3 defects while the two others cooperate.
        assert_eq!(game.payoff(2, &[0, 0, 1]), 1.0);
        assert_eq!(game.payoff(0, &[0, 0, 1]), 0.0);
        assert_eq!(SymmetricBinaryGame::from_game(&game, 0.0).unwrap(), g);
        assert_eq!(g.gains(), vec![-0.5, -0.5, -0.5]);
    }
}
