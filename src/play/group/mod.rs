//! Matches among n players on an n-player stage game with two actions
//! (docs/model.md §20.5): n-player prisoner's dilemmas, public goods games
//! and stag hunts of the catalogue, and the n-state security dilemma with
//! its blocs ([`crate::game::AllianceGame`]).
//!
//! The match generalises the two-player match of [`crate::play`]: a fixed
//! number of turns or a continuation probability, action noise per player,
//! perception per observer and observed player, and the random streams of
//! the match seed (stream 0 the environment's, stream k + 1 seat k's), so
//! that with two players the draws are exactly the two-player engine's.
//!
//! The files: `stage.rs` (the stage game, flattened), `rules.rs` (length,
//! noise, perception), `strategy.rs` (the built-in strategies), `data.rs`
//! (strategies defined as data in TOML files), `view.rs` (what a seat sees
//! before it moves), `engine.rs`
//! (the match loop and its outcome).

mod data;
mod engine;
mod rules;
mod stage;
mod strategy;
mod view;

pub use data::{parse_group_strategies, GroupTable};
pub use engine::{play_group, GroupOutcome};
pub use rules::GroupRules;
pub use stage::{GroupGame, MAX_GROUP};
pub use strategy::{builtin_rules, default_field, GroupPlayer, GroupRule};
pub use view::{SeatInfo, View};
