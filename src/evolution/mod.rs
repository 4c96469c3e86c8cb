//! Evolution: Axelrod's ecological simulation, the Moran process, and
//! replicator dynamics.

pub mod ecological;
pub mod moran;
pub mod replicator;

pub use ecological::{ecological_simulation, Ecology};
pub use moran::{fixation_probability, MoranEstimate, MoranProcess};
pub use replicator::{replicator_trajectory, ReplicatorTrajectory};
