//! The [`Strategy`] trait and what is known about how a strategy decides
//! ([`Classifier`]).

use super::context::Context;
use super::history::MoveHistory;
use crate::action::Move;
use crate::Action;

/// What is known about how a strategy decides, as Axelrod-Python classifies
/// strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Classifier {
    /// How many past turns the strategy looks at: `Some(n)` means its move
    /// depends only on the last `n` turns (its own and its perception of the
    /// opponent's moves); `None` means unbounded.
    pub memory_depth: Option<u32>,
    /// Whether the strategy draws random numbers.
    pub stochastic: bool,
    /// Whether it uses the match length when the match announces it
    /// (Axelrod-Python's `"length"` in `makes_use_of`).
    pub uses_match_length: bool,
    /// Whether it uses the stage game's payoffs (Axelrod-Python's `"game"`).
    pub uses_game: bool,
}

impl Classifier {
    /// A deterministic strategy of the given memory depth that uses neither the
    /// game nor the match length.
    pub const fn deterministic(memory_depth: Option<u32>) -> Self {
        Classifier {
            memory_depth,
            stochastic: false,
            uses_match_length: false,
            uses_game: false,
        }
    }

    /// A stochastic strategy of the given memory depth that uses neither the
    /// game nor the match length.
    pub const fn stochastic(memory_depth: Option<u32>) -> Self {
        Classifier {
            memory_depth,
            stochastic: true,
            uses_match_length: false,
            uses_game: false,
        }
    }

    /// The same, marked as using the match length.
    pub const fn with_length(mut self) -> Self {
        self.uses_match_length = true;
        self
    }

    /// The same, marked as using the game's payoffs.
    pub const fn with_game(mut self) -> Self {
        self.uses_game = true;
        self
    }

    /// Memory depth as text: the number, or `"inf"` when unbounded.
    pub fn memory_depth_label(&self) -> String {
        match self.memory_depth {
            Some(n) => n.to_string(),
            None => "inf".to_string(),
        }
    }
}

/// A strategy of the repeated game over the moves `M`: the two-action game
/// ([`Action`], the default) or the three-action one
/// ([`Posture`](crate::posture::Posture)).
///
/// Implementations are plain data, `Send + Sync` and cloneable (through
/// [`Strategy::clone_box`]), so a tournament can build a fresh copy for every
/// match and run matches on many threads.
pub trait Strategy<M: Move = Action>: Send + Sync + 'static {
    /// The strategy's name (Axelrod-Python's name where it has one).
    fn name(&self) -> &str;

    /// What is known about how the strategy decides.
    fn classifier(&self) -> Classifier;

    /// Forgets everything learnt in a match: the state before the first turn.
    /// A match calls it before the first turn.
    fn reset(&mut self);

    /// The move for the next turn (before any trembling-hand noise), given this
    /// player's history so far and the context.
    fn next_action(&mut self, history: &MoveHistory<M>, ctx: &mut Context<'_>) -> M;

    /// A boxed copy, in its current state.
    fn clone_box(&self) -> Box<dyn Strategy<M>>;
}

impl<M: Move> Clone for Box<dyn Strategy<M>> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl<M: Move> std::fmt::Debug for dyn Strategy<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strategy({})", self.name())
    }
}
