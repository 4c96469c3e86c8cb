//! Strategic-form games with any number of players.
//!
//! An [`NPlayerGame`] holds one payoff array per player, each indexed by the
//! pure profile `(a_1, ..., a_n)` (one action per player), in row-major order:
//! the last player's action changes fastest in the flat storage
//! ([`NPlayerGame::flat_payoffs`]). Construction checks the game: at least one
//! player, every player with at least one action, every payoff array of the
//! same shape and every payoff finite. The two-player [`MatrixGame`] stays the
//! fast special case; [`NPlayerGame::from_matrix_game`] and
//! [`NPlayerGame::to_matrix_game`] convert between the two.
//!
//! ```
//! use dilemma::game::NPlayerGame;
//!
//! // Three players, two actions each: everyone gets the number of players
//! // who chose the same action as they did.
//! let game = NPlayerGame::from_fn(&[2, 2, 2], |a| {
//!     (0..3).map(|i| a.iter().filter(|&&b| b == a[i]).count() as f64).collect()
//! })
//! .unwrap();
//! assert_eq!(game.payoff(2, &[0, 1, 1]), 2.0);
//! let uniform = vec![vec![0.5, 0.5]; 3];
//! assert_eq!(game.action_payoffs(0, &uniform), vec![2.0, 2.0]);
//! ```

mod payoffs;
mod profiles;
pub mod symmetric;

pub use payoffs::Contraction;
pub use profiles::{advance_profile, ProfileIter};

use super::MatrixGame;
use crate::error::{Error, Result};
use ndarray::{Array2, ArrayD, Dimension, IxDyn};
use serde::Serialize;

/// The most pure profiles (the product of the action counts) an n-player
/// game may have: as many as a two-player `.nfg` game may have.
pub const MAX_PROFILES: usize = super::nfg::MAX_PROFILES;

/// The most players a game may have (each holds a payoff array indexed by
/// one axis per player, so the arrays' shapes grow with the square of it).
pub const MAX_PLAYERS: usize = 32;

/// A strategic-form game with `n >= 1` players, checked on construction.
#[derive(Debug, Clone, PartialEq)]
pub struct NPlayerGame {
    name: String,
    players: Vec<String>,
    actions: Vec<Vec<String>>,
    shape: Vec<usize>,
    strides: Vec<usize>,
    payoffs: Vec<ArrayD<f64>>,
}

/// A game of either kind: the two-player special case or any number of
/// players. What a `.nfg` file or a catalogue name gives.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyGame {
    /// A two-player game.
    Two(MatrixGame),
    /// A game with one player or more than two.
    Many(NPlayerGame),
}

impl AnyGame {
    /// The game as an n-player game (a two-player game converted).
    pub fn to_nplayer(&self) -> NPlayerGame {
        match self {
            AnyGame::Two(g) => NPlayerGame::from_matrix_game(g),
            AnyGame::Many(g) => g.clone(),
        }
    }

    /// The game's name.
    pub fn name(&self) -> &str {
        match self {
            AnyGame::Two(g) => g.name(),
            AnyGame::Many(g) => g.name(),
        }
    }
}

fn invalid(message: String) -> Error {
    Error::InvalidGame { message }
}

/// Row-major strides of `shape`: the last axis has stride 1.
fn strides_of(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1; shape.len()];
    for k in (0..shape.len().saturating_sub(1)).rev() {
        strides[k] = strides[k + 1] * shape[k + 1];
    }
    strides
}

/// Checks a game's shape: one to [`MAX_PLAYERS`] players, each with an
/// action, at most [`MAX_PROFILES`] profiles. Returns the number of profiles.
fn check_shape(shape: &[usize]) -> Result<usize> {
    if shape.is_empty() {
        return Err(invalid("the game has no players".into()));
    }
    if shape.len() > MAX_PLAYERS {
        return Err(invalid(format!(
            "{} players, more than the {MAX_PLAYERS} a game may have",
            shape.len()
        )));
    }
    if let Some(i) = shape.iter().position(|&k| k == 0) {
        return Err(invalid(format!(
            "player {} has no actions; every player needs at least one",
            i + 1
        )));
    }
    shape
        .iter()
        .try_fold(1usize, |acc, &k| acc.checked_mul(k))
        .filter(|&p| p <= MAX_PROFILES)
        .ok_or_else(|| {
            invalid(format!(
                "{} actions make more than the {MAX_PROFILES} profiles a game may have",
                shape_text(shape)
            ))
        })
}

/// Player names `Player 1, Player 2, ...`.
fn default_players(n: usize) -> Vec<String> {
    (1..=n).map(|k| format!("Player {k}")).collect()
}

/// Action names `1, 2, ...` for each player.
fn numbered_actions(shape: &[usize]) -> Vec<Vec<String>> {
    shape
        .iter()
        .map(|&k| (1..=k).map(|a| a.to_string()).collect())
        .collect()
}

impl NPlayerGame {
    /// A game from one payoff array per player, all of the same shape (one
    /// axis per player, of length that player's number of actions).
    ///
    /// # Errors
    /// [`Error::InvalidGame`] when there are no players, the number of arrays
    /// differs from the number of axes, shapes differ, a player has no
    /// actions, the game has more than [`MAX_PROFILES`] profiles, or a payoff
    /// is not finite.
    pub fn new(payoffs: Vec<ArrayD<f64>>) -> Result<Self> {
        let Some(first) = payoffs.first() else {
            return Err(invalid("the game has no players".into()));
        };
        let shape = first.shape().to_vec();
        if shape.len() != payoffs.len() {
            return Err(invalid(format!(
                "{} payoff arrays for a game whose arrays have {} axes: one array per player, one axis per player",
                payoffs.len(),
                shape.len()
            )));
        }
        for (i, p) in payoffs.iter().enumerate() {
            if p.shape() != shape.as_slice() {
                return Err(invalid(format!(
                    "player {}'s payoffs have shape {:?}, player 1's {:?}",
                    i + 1,
                    p.shape(),
                    shape
                )));
            }
        }
        check_shape(&shape)?;
        let payoffs: Vec<ArrayD<f64>> = payoffs
            .into_iter()
            .map(|p| p.as_standard_layout().into_owned())
            .collect();
        for (i, p) in payoffs.iter().enumerate() {
            if let Some((idx, v)) = p.indexed_iter().find(|(_, v)| !v.is_finite()) {
                return Err(invalid(format!(
                    "player {}'s payoff at profile {} is {v}, not a finite number",
                    i + 1,
                    profile_text(idx.slice())
                )));
            }
        }
        let n = shape.len();
        Ok(NPlayerGame {
            name: String::new(),
            players: default_players(n),
            actions: numbered_actions(&shape),
            strides: strides_of(&shape),
            shape,
            payoffs,
        })
    }

    /// A game of the given shape whose payoffs at each pure profile are
    /// `f(profile)`, one payoff per player.
    ///
    /// # Errors
    /// As [`NPlayerGame::new`]; also when `f` returns the wrong number of payoffs.
    pub fn from_fn(shape: &[usize], mut f: impl FnMut(&[usize]) -> Vec<f64>) -> Result<Self> {
        let total = check_shape(shape)?;
        let n = shape.len();
        let mut flat: Vec<Vec<f64>> = vec![Vec::with_capacity(total); n];
        for profile in ProfileIter::new(shape) {
            let values = f(&profile);
            if values.len() != n {
                return Err(invalid(format!(
                    "{} payoffs given at profile {} of a {n}-player game",
                    values.len(),
                    profile_text(&profile)
                )));
            }
            for (player, v) in values.into_iter().enumerate() {
                flat[player].push(v);
            }
        }
        let arrays = flat
            .into_iter()
            .map(|v| ArrayD::from_shape_vec(IxDyn(shape), v).expect("one value per profile"))
            .collect();
        Self::new(arrays)
    }

    /// The two-player game `game` as an n-player game (player 1 the row
    /// player), with its name and action names.
    pub fn from_matrix_game(game: &MatrixGame) -> Self {
        let to_dyn = |m: &Array2<f64>| m.clone().into_dyn();
        let mut g = Self::new(vec![to_dyn(game.row_payoffs()), to_dyn(game.col_payoffs())])
            .expect("a valid two-player game is a valid n-player game");
        g.name = game.name().to_string();
        g.actions = vec![game.row_actions().to_vec(), game.col_actions().to_vec()];
        g
    }

    /// The game as a two-player [`MatrixGame`], with its name and action
    /// names; `None` unless it has exactly two players.
    pub fn to_matrix_game(&self) -> Option<MatrixGame> {
        if self.num_players() != 2 {
            return None;
        }
        let (m, n) = (self.shape[0], self.shape[1]);
        let as2 = |p: &ArrayD<f64>| {
            Array2::from_shape_vec((m, n), p.iter().copied().collect()).expect("m x n payoffs")
        };
        MatrixGame::new(as2(&self.payoffs[0]), as2(&self.payoffs[1]))
            .and_then(|g| {
                g.with_name(self.name.clone())
                    .with_action_names(self.actions[0].clone(), self.actions[1].clone())
            })
            .ok()
    }

    /// The game with a name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The game with player names (one per player).
    ///
    /// # Errors
    /// [`Error::InvalidGame`] when the number of names differs from the
    /// number of players.
    pub fn with_player_names<S: Into<String>>(
        mut self,
        names: impl IntoIterator<Item = S>,
    ) -> Result<Self> {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        if names.len() != self.num_players() {
            return Err(invalid(format!(
                "{} player names for a {}-player game",
                names.len(),
                self.num_players()
            )));
        }
        self.players = names;
        Ok(self)
    }

    /// The game with action names: one list per player, as long as that
    /// player's number of actions.
    ///
    /// # Errors
    /// [`Error::InvalidGame`] when a list has the wrong length or the number
    /// of lists differs from the number of players.
    pub fn with_action_names(mut self, names: Vec<Vec<String>>) -> Result<Self> {
        if names.len() != self.num_players() {
            return Err(invalid(format!(
                "{} lists of action names for a {}-player game",
                names.len(),
                self.num_players()
            )));
        }
        for (i, (list, &k)) in names.iter().zip(&self.shape).enumerate() {
            if list.len() != k {
                return Err(invalid(format!(
                    "player {} has {k} actions but {} action names were given",
                    i + 1,
                    list.len()
                )));
            }
        }
        self.actions = names;
        Ok(self)
    }

    /// The game's name (empty when unnamed).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The players' names.
    pub fn player_names(&self) -> &[String] {
        &self.players
    }

    /// Each player's action names.
    pub fn action_names(&self) -> &[Vec<String>] {
        &self.actions
    }

    /// The number of players.
    pub fn num_players(&self) -> usize {
        self.shape.len()
    }

    /// Each player's number of actions.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The number of pure profiles (the product of the action counts).
    pub fn num_profiles(&self) -> usize {
        self.shape.iter().product()
    }

    /// Row-major strides of the payoff arrays: profile `a` is stored at
    /// `Σ a_i strides[i]` of [`NPlayerGame::flat_payoffs`].
    pub fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// Player `player`'s payoff array.
    ///
    /// # Panics
    /// If `player` is out of range.
    pub fn payoffs(&self, player: usize) -> &ArrayD<f64> {
        &self.payoffs[player]
    }

    /// Player `player`'s payoffs in row-major order (the last player's action
    /// changing fastest).
    ///
    /// # Panics
    /// If `player` is out of range.
    pub fn flat_payoffs(&self, player: usize) -> &[f64] {
        self.payoffs[player]
            .as_slice()
            .expect("payoff arrays are kept in standard layout")
    }

    /// The flat (row-major) index of the pure profile `profile`.
    ///
    /// # Panics
    /// If the profile has the wrong length (and, in debug builds, if an
    /// action is out of range).
    pub fn profile_index(&self, profile: &[usize]) -> usize {
        assert_eq!(profile.len(), self.num_players(), "one action per player");
        debug_assert!(profile.iter().zip(&self.shape).all(|(a, k)| a < k));
        profile.iter().zip(&self.strides).map(|(a, s)| a * s).sum()
    }

    /// Player `player`'s payoff at the pure profile `profile`.
    ///
    /// # Panics
    /// If `player` or an action is out of range.
    pub fn payoff(&self, player: usize, profile: &[usize]) -> f64 {
        self.flat_payoffs(player)[self.profile_index(profile)]
    }

    /// Every pure profile, the last player's action changing fastest.
    pub fn profiles(&self) -> ProfileIter {
        ProfileIter::new(&self.shape)
    }

    /// `true` when every payoff is an integer.
    pub fn has_integer_payoffs(&self) -> bool {
        self.payoffs.iter().flatten().all(|x| x.fract() == 0.0)
    }

    /// `true` when the game is symmetric within `tolerance`: every player has
    /// the same actions, and permuting the players permutes the payoffs (a
    /// player's payoff depends on their own action and on the multiset of the
    /// others' actions, the same function for everyone).
    pub fn is_symmetric(&self, tolerance: f64) -> bool {
        let n = self.num_players();
        if self.shape.iter().any(|&k| k != self.shape[0]) {
            return false;
        }
        let mut swapped = vec![0; n];
        self.profiles().all(|a| {
            let base = self.payoff(0, &a);
            // Player 0's payoff is unchanged when two other players swap.
            let others_ok = (1..n.saturating_sub(1)).all(|j| {
                swapped.copy_from_slice(&a);
                swapped.swap(j, j + 1);
                (self.payoff(0, &swapped) - base).abs() <= tolerance
            });
            // Player i in seat i gets what player 0 gets in seat 0.
            others_ok
                && (1..n).all(|i| {
                    swapped.copy_from_slice(&a);
                    swapped.swap(0, i);
                    (self.payoff(i, &a) - self.payoff(0, &swapped)).abs() <= tolerance
                })
        })
    }

    /// The game restricted to the actions `keep[i]` of each player `i` (in
    /// that order), with their names; the name and player names are kept.
    ///
    /// # Errors
    /// [`Error::InvalidGame`] when `keep` does not hold one nonempty list of
    /// valid actions per player.
    pub fn restrict(&self, keep: &[Vec<usize>]) -> Result<NPlayerGame> {
        if keep.len() != self.num_players()
            || keep
                .iter()
                .zip(&self.shape)
                .any(|(k, &n)| k.is_empty() || k.iter().any(|&a| a >= n))
        {
            return Err(invalid(
                "a restriction needs one nonempty list of valid actions per player".into(),
            ));
        }
        let shape: Vec<usize> = keep.iter().map(Vec::len).collect();
        let mut full = vec![0; self.num_players()];
        let game = NPlayerGame::from_fn(&shape, |a| {
            for (slot, (k, &x)) in full.iter_mut().zip(keep.iter().zip(a)) {
                *slot = k[x];
            }
            let idx = self.profile_index(&full);
            (0..self.num_players())
                .map(|i| self.flat_payoffs(i)[idx])
                .collect()
        })?;
        let names = keep
            .iter()
            .zip(&self.actions)
            .map(|(k, names)| k.iter().map(|&a| names[a].clone()).collect())
            .collect();
        game.with_name(self.name.clone())
            .with_player_names(self.players.clone())?
            .with_action_names(names)
    }

    /// The expected payoff of each of `player`'s actions when the others play
    /// the mixed strategies of `profile` (`profile[player]` is ignored).
    ///
    /// # Panics
    /// If `profile` does not have one strategy per player of the right length.
    pub fn action_payoffs(&self, player: usize, profile: &[Vec<f64>]) -> Vec<f64> {
        let mut c = Contraction::new(self);
        c.action_payoffs(self, player, profile).to_vec()
    }

    /// Each player's expected payoff at the mixed profile `profile`.
    ///
    /// # Panics
    /// As [`NPlayerGame::action_payoffs`].
    pub fn expected_payoffs(&self, profile: &[Vec<f64>]) -> Vec<f64> {
        let mut c = Contraction::new(self);
        (0..self.num_players())
            .map(|i| {
                let u = c.action_payoffs(self, i, profile);
                u.iter().zip(&profile[i]).map(|(a, p)| a * p).sum()
            })
            .collect()
    }
}

/// A shape as text: `2 x 3 x 2`.
pub fn shape_text(shape: &[usize]) -> String {
    shape
        .iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(" x ")
}

/// A pure profile as 1-based text: `(1, 2, 1)`.
pub fn profile_text(profile: &[usize]) -> String {
    format!(
        "({})",
        profile
            .iter()
            .map(|a| (a + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The serialised form of an [`NPlayerGame`]: each player's payoffs as a
/// flat list in row-major order (the last player's action fastest).
#[derive(Serialize)]
struct GameRecord<'a> {
    name: &'a str,
    players: &'a [String],
    actions: &'a [Vec<String>],
    shape: &'a [usize],
    payoffs: Vec<&'a [f64]>,
}

impl Serialize for NPlayerGame {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        GameRecord {
            name: &self.name,
            players: &self.players,
            actions: &self.actions,
            shape: &self.shape,
            payoffs: (0..self.num_players())
                .map(|i| self.flat_payoffs(i))
                .collect(),
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn construction_checks_the_game() {
        let e = NPlayerGame::new(vec![]).unwrap_err().to_string();
        assert!(e.contains("no players"), "{e}");
        let a = ArrayD::<f64>::zeros(IxDyn(&[2, 0, 2]));
        let e = NPlayerGame::new(vec![a.clone(), a.clone(), a])
            .unwrap_err()
            .to_string();
        assert!(e.contains("player 2 has no actions"), "{e}");
        let a = ArrayD::<f64>::zeros(IxDyn(&[2, 2]));
        let b = ArrayD::<f64>::zeros(IxDyn(&[2, 3]));
        assert!(NPlayerGame::new(vec![a.clone(), b]).is_err());
        assert!(NPlayerGame::new(vec![a.clone()]).is_err());
        let mut c = a.clone();
        c[[1, 0]] = f64::NAN;
        let e = NPlayerGame::new(vec![a, c]).unwrap_err().to_string();
        assert!(e.contains("player 2's payoff at profile (2, 1)"), "{e}");
    }

    #[test]
    fn two_player_games_convert_both_ways() {
        let m = MatrixGame::new(
            array![[3.0, 0.0], [5.0, 1.0]],
            array![[3.0, 5.0], [0.0, 1.0]],
        )
        .unwrap()
        .with_name("pd")
        .with_action_names(["C", "D"], ["c", "d"])
        .unwrap();
        let g = NPlayerGame::from_matrix_game(&m);
        assert_eq!(g.payoff(0, &[1, 0]), 5.0);
        assert_eq!(g.payoff(1, &[1, 0]), 0.0);
        assert_eq!(g.action_names()[1], vec!["c", "d"]);
        assert_eq!(g.to_matrix_game().unwrap(), m);
        assert!(g.is_symmetric(0.0));
    }

    #[test]
    fn symmetry_needs_every_permutation() {
        // Payoff: own action plus twice the number of others playing 1.
        let sym = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            (0..3)
                .map(|i| {
                    let others = (0..3).filter(|&j| j != i && a[j] == 1).count();
                    a[i] as f64 + 2.0 * others as f64
                })
                .collect()
        })
        .unwrap();
        assert!(sym.is_symmetric(0.0));
        // Player 1 cares only about player 2: not symmetric.
        let asym =
            NPlayerGame::from_fn(&[2, 2, 2], |a| vec![a[1] as f64, a[2] as f64, a[0] as f64])
                .unwrap();
        assert!(!asym.is_symmetric(0.0));
    }
}
