//! Alliances: the n-state security dilemma (docs/model.md §20).
//!
//! N states, each a side of the two-side model (docs/model.md §3.6) with its
//! own values, are partitioned into blocs ([`Blocs`]). A state's payoff is the
//! sum of its two-side games against every outsider, with the cost of arming
//! counted once; an armed ally adds the committed share κ of its capability
//! to one's own ([`AllianceGame::effective_capability`]), which lowers the
//! weight of every outsider's attack (collective defence) and raises the
//! threat a bloc's members pose to outsiders. With two states and no alliance
//! the game is exactly the two-player security dilemma ([`crate::game::Dyad`]).
//!
//! The files: `structure.rs` (the states, the blocs and their checks),
//! `stage.rs` (the stage game).
//!
//! ## References
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World
//!   Politics* 30(2):167-214.
//! - Christensen, T. J. and Snyder, J. (1990). Chain gangs and passed bucks:
//!   predicting alliance patterns in multipolarity. *International
//!   Organization* 44(2):137-168.

mod stage;
mod structure;

pub use stage::AllianceGame;
pub use structure::{AllianceError, AllianceSpec, BlocSpec, Blocs, StateSpec, MAX_STATES};
