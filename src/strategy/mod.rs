//! Strategies for the repeated dilemma: the [`Strategy`] trait, what a strategy
//! may see ([`History`], [`Context`], [`Payoffs`]), its [`Classifier`], the
//! [`Registry`] of every known strategy, the declarative families that live as
//! data in `strategies/*.toml` ([`data`]) and the built-in Rust strategies
//! ([`builtin`]).
//!
//! A strategy sees only its own moves (what it actually played, after any
//! trembling-hand noise), its *perception* of the opponent's moves (which may
//! differ from what the opponent played when the match has perception noise),
//! the stage game's payoffs and, when the match tells it, the match length. It
//! never sees the opponent object. Its randomness comes from the match's random
//! stream, handed to it in the [`Context`], so a match is reproducible from its
//! seed.
//!
//! ```
//! use dilemma::strategy::Registry;
//! use dilemma::play::{play_match, MatchConfig, StageGame};
//!
//! let registry = Registry::builtin();
//! let mut tft = registry.create("Tit For Tat").unwrap();
//! let mut alt = registry.create("alternator").unwrap();
//! let result = play_match(&mut *tft, &mut *alt, &StageGame::default(),
//!                         &MatchConfig::turns(6).recording(true), 1).unwrap();
//! assert_eq!(result.move_string(0).unwrap(), "CCDCDC");
//! assert_eq!(result.move_string(1).unwrap(), "CDCDCD");
//! ```

//!
//! The files: [`Strategy`] and [`Classifier`] in `core.rs`, [`History`] in
//! `history.rs`, [`Context`], [`Payoffs`] and [`MatchInfo`] in `context.rs`,
//! [`versus`] and move strings in `scripted.rs`, transformers ([`Transform`])
//! in `transform.rs`. This file only declares and
//! re-exports them, so that no file of the folder imports another that
//! imports it back.

pub mod builtin;
mod context;
mod core;
pub mod data;
mod entry;
mod history;
pub mod neural;
mod registry;
mod scripted;
pub mod transform;
#[cfg(test)]
mod versus_tests;

pub(crate) use self::context::unit_f64;
pub use self::context::{Context, MatchInfo, MatchRng, Payoffs};
pub use self::core::{Classifier, Strategy};
pub use entry::{Entry, Kind};
pub use history::{History, MoveHistory};
pub use registry::{split_player_list, split_player_list_with, Registry};
pub use scripted::{moves_to_string, parse_moves, versus, versus_in};
pub use transform::{Transform, Transformed};
