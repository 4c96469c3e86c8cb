//! Games: the bimatrix game, games with any number of players, the classic
//! catalogues, ordinal classes of 2x2 games, the security-dilemma model and
//! Gambit `.nfg` files.

pub mod alliance;
pub mod catalogue;
pub mod classify;
mod matrix;
pub mod nfg;
pub mod nplayer;
pub mod nplayer_catalogue;
pub mod security;
pub mod sides;

pub use alliance::{AllianceGame, AllianceSpec};
pub use classify::{classify, Classification, GameClass};
pub use matrix::MatrixGame;
pub use nplayer::symmetric::SymmetricBinaryGame;
pub use nplayer::{AnyGame, NPlayerGame};
pub use security::{JervisWorld, SecurityDilemma};
pub use sides::{Dyad, SideParameters, SideValues, SIDE_PARAMETERS};
