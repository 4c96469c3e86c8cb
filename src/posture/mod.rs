//! The three-action security dilemma played repeatedly: restrain (R), arm (A)
//! or build a defensive posture (H).
//!
//! The stage game is [`SecurityDilemma::to_three_action_game`]: H costs
//! c_H = c θ / (1 - θ) and its payoffs mix, by the differentiation δ, those of
//! arming (a posture the other cannot tell from an offensive one) and those of
//! a purely defensive build-up. This module plays it as a repeated game:
//!
//! - [`Posture`] (`moves.rs`): the moves, a move alphabet of the match
//!   engine ([`crate::play::Alphabet`]), and [`PostureHistory`], what a player
//!   has seen;
//! - [`PosturePerception`] (`perception.rs`): how an observer misreads
//!   postures (differentiation decides how often an H looks like arming);
//! - strategies (`strategy.rs`): a strategy of the three-action game is a
//!   [`Strategy<Posture>`](crate::strategy::Strategy). Every two-action
//!   strategy of the [`Registry`](crate::strategy::Registry) plays it through
//!   [`TwoAction`] (it restrains or arms, and reads an H as restraint);
//!   [`NonOffensiveDefender`] and [`AlwaysDefend`] use H;
//! - [`PostureMatch`] (`play.rs`): one match, the match engine of
//!   [`crate::play`] over the postures;
//! - [`PostureTournament`] (`tournament.rs`, `results.rs`, `output.rs`): the
//!   round robin of [`crate::tournament`] over the postures, from a
//!   [`TournamentConfig`] with `three_action = true`, in parallel,
//!   bit-identical for any thread count, with its own statistics
//!   ([`PostureStatistics`]) and tables.
//!
//! ## References
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World
//!   Politics* 30(2):167-214 (defensive postures that can be told apart from
//!   offensive ones make restraint safe).
//! - Glaser, C. L. (1997). The security dilemma revisited. *World Politics*
//!   50(1):171-201.
//!
//! [`SecurityDilemma::to_three_action_game`]: crate::game::SecurityDilemma::to_three_action_game
//! [`TournamentConfig`]: crate::tournament::TournamentConfig

mod moves;
pub mod output;
mod perception;
mod play;
mod results;
mod strategy;
mod tournament;

pub use moves::{parse_postures, postures_to_string, Posture, PostureHistory};
pub use perception::PosturePerception;
pub use play::{PostureGame, PostureMatch, PostureMatchConfig, PostureMatchResult};
pub use results::{
    PostureAccumulator, PostureResults, PostureSide, PostureStatistics, PostureSummaryRow,
};
pub use strategy::{
    create, native_strategies, AlwaysDefend, NativeStrategy, NonOffensiveDefender, TwoAction,
};
pub use tournament::{PostureTournament, ThreeActionMatches};
