//! # dilemma
//!
//! Cooperation under the security dilemma: iterated prisoner's-dilemma and
//! security-dilemma games, their equilibria, tournaments and evolution.
//!
//! ## Quick start
//!
//! ```
//! use dilemma::game::{classify, GameClass, JervisWorld, SecurityDilemma};
//!
//! // Jervis's "doubly dangerous" world: offence has the advantage and
//! // defensive and offensive postures cannot be told apart.
//! let model = SecurityDilemma {
//!     offence: 0.8,
//!     differentiation: 0.1,
//!     ..SecurityDilemma::default()
//! };
//! let game = model.to_game().unwrap();
//! assert_eq!(classify(&game).unwrap(), GameClass::PrisonersDilemma);
//! assert_eq!(model.jervis_world(), JervisWorld::DoublyDangerous);
//! ```

#![warn(missing_docs)]

pub mod action;
pub mod compare;
pub mod equilibrium;
pub mod error;
pub mod evolution;
pub mod experiment;
pub mod figure;
pub mod fingerprint;
pub mod game;
pub mod latex;
pub mod learning;
pub mod limits;
pub mod output_folder;
pub mod parallel;
pub mod play;
pub mod posture;
pub mod records;
pub mod replicates;
pub mod sensitivity;
pub mod shard;
pub mod strategy;
pub mod sweep;
pub mod tournament;

pub use action::Action;
pub use error::{Error, Result};
pub use game::MatrixGame;
