//! Tournaments of groups: every group of n players drawn from a field (or a
//! seeded sample of groups) plays n-player matches, in parallel and
//! bit-identically for any thread count (docs/model.md §20.6, §20.7).
//!
//! The files: `config.rs` (the configuration), `draw.rs` (which groups
//! play), `run.rs` (the job loop), `output.rs` (its files), `results.rs` (what it adds up: per
//! player, per player and bloc, and the allies' chain-ganging and
//! buck-passing).
//!
//! ## References
//! - Christensen, T. J. and Snyder, J. (1990). Chain gangs and passed bucks:
//!   predicting alliance patterns in multipolarity. *International
//!   Organization* 44(2):137-168.

mod config;
mod draw;
mod output;
mod results;
mod run;

pub use config::{GroupGameSpec, GroupTournamentConfig, DEFAULT_MAX_GROUPS};
pub use draw::{all_groups, combinations, sampled_groups};
pub use output::{write_group_results, GroupManifest};
pub use results::{AllyStatistics, BlocRow, GroupResults, GroupRow};
pub use run::{group_tables, GroupTournament};
