//! The stage game of an n-player match with two actions, flattened for
//! play (docs/model.md §20.5).

use crate::error::{Error, Result};
use crate::game::{AllianceGame, NPlayerGame};

/// The most players of a match (2^20 profiles).
pub const MAX_GROUP: usize = 20;

/// An n-player stage game with two actions per player, ready for play:
/// each seat's payoff at each profile and who is allied with whom.
///
/// Profile index: seat k's action index (C = 0, D = 1) is bit n - 1 - k, so
/// the last seat changes fastest, as in [`NPlayerGame::flat_payoffs`].
#[derive(Debug, Clone, PartialEq)]
pub struct GroupGame {
    name: String,
    payoffs: Vec<Vec<f64>>,
    allies: Vec<Vec<bool>>,
    symmetric: bool,
}

impl GroupGame {
    /// The game `game` without alliances (every other seat an outsider).
    ///
    /// # Errors
    /// [`Error::UnsupportedGame`] unless it has 2 to [`MAX_GROUP`] players
    /// with two actions each.
    pub fn new(game: &NPlayerGame) -> Result<Self> {
        let n = game.num_players();
        if !(2..=MAX_GROUP).contains(&n) || game.shape().iter().any(|&k| k != 2) {
            return Err(Error::UnsupportedGame {
                operation: "an n-player match",
                requirement: "2 to 20 players with two actions each",
                found: format!(
                    "`{}` with {} players and actions {:?}",
                    game.name(),
                    n,
                    game.shape()
                ),
            });
        }
        Ok(GroupGame {
            name: game.name().to_string(),
            payoffs: (0..n).map(|k| game.flat_payoffs(k).to_vec()).collect(),
            allies: vec![vec![false; n]; n],
            symmetric: game.is_symmetric(0.0),
        })
    }

    /// The alliance game, one seat per state, with its blocs.
    ///
    /// # Errors
    /// As [`GroupGame::new`].
    pub fn from_alliance(game: &AllianceGame) -> Result<Self> {
        let mut g = GroupGame::new(&game.to_game()?)?;
        let n = game.num_states();
        let blocs = game.blocs();
        g.allies = (0..n)
            .map(|i| (0..n).map(|l| blocs.allied(i, l)).collect())
            .collect();
        Ok(g)
    }

    /// The game's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number of players.
    pub fn players(&self) -> usize {
        self.payoffs.len()
    }

    /// Seat `k`'s payoff at profile index `profile`.
    #[inline]
    pub fn payoff(&self, k: usize, profile: usize) -> f64 {
        self.payoffs[k][profile]
    }

    /// `allies(k)[l]`: seat `l` is an ally of seat `k`.
    pub fn allies(&self, k: usize) -> &[bool] {
        &self.allies[k]
    }

    /// Whether the payoffs are symmetric (exactly) and nobody is allied: a
    /// seat's role then does not matter.
    pub fn is_symmetric(&self) -> bool {
        self.symmetric && self.allies.iter().flatten().all(|a| !a)
    }
}
