//! Round-robin tournaments: every player meets every other and itself, over
//! repetitions, in parallel, with reproducible random streams.
//!
//! Each pairing (i, j), i <= j, in repetition r is one *job*. In a symmetric
//! game the job is one match with i as the row player; in an asymmetric game
//! (B ≠ Aᵀ) it is two matches, one in each role (self-play stays one match).
//! The match of row player a against column player b in repetition r is
//! played with the seed [`match_seed`](crate::play::match_seed)`(seed, a, b, r)`,
//! so every match's result depends on nothing but the configuration: the
//! results are bit-identical for any number of threads, and any subset of jobs
//! can be re-run alone. Jobs are played in parallel (rayon) in chunks, and each
//! chunk's results are added to the statistics in job order, so floating-point
//! sums are the same for any thread count.
//!
//! Players may belong to sides ([`PlayerSpec::Detailed`]), and sides may set
//! their own values of the security model's parameters
//! ([`TournamentConfig::sides`]): strategies are told whether each opponent is
//! of their side, each pair of players plays the game between their two sides
//! (each in its own side's role) and perceives the other through the other
//! side's differentiation and its own paranoia (docs/model.md §3.6, §9.2–9.3),
//! out-group pairs may play their own game, and the results hold in-group and
//! out-group payoffs, cooperation and defection causes per player and per side
//! ([`GroupStatistics`]). Whether a job is one match or two depends on the
//! symmetry of the pair's own game.
//!
//! The files: `round_robin.rs` (the job loop, written once for every kind
//! of match), `game_matches.rs` (a move alphabet's matches as a
//! [`MatchKind`]), `two_action.rs` (the two-action game's part), `kind.rs`
//! (which kind a configuration plays and each pair's stage game), `sides.rs`
//! (sides, each pair's security game and each player's perception),
//! `config.rs`, `outcome.rs` (results, interactions, side statistics),
//! `results.rs` (the two-action statistics), `layout.rs`, `ratings.rs` and
//! `output.rs`. The three-action game's part is in [`crate::posture`].
//!
//! ## References
//! - Axelrod, R. (1980). Effective choice in the prisoner's dilemma. *Journal of
//!   Conflict Resolution* 24(1):3-25.
//! - Knight, V. et al. (2016). An open framework for the reproducible study of
//!   the iterated prisoner's dilemma. *Journal of Open Research Software* 4(1):e35.

mod config;
mod game_matches;
pub mod groups;
mod json_layout;
mod kind;
pub(crate) mod layout;
mod outcome;
pub mod output;
pub mod ratings;
pub mod results;
mod round_robin;
mod sides;
pub mod spatial;
mod two_action;

pub use config::{
    expand_all_players, GameSpec, PlayerSpec, TournamentConfig, ALL_PLAYERS, DEFAULT_FIELD,
};
pub use game_matches::{Accumulate, GameMatches, SideOf, StatisticsOf, TournamentMoves};
pub use kind::GameKind;
pub use outcome::{GroupStatistics, GroupSummary, Interaction, TournamentResults};
pub use results::{Side, Statistics, SummaryRow};
pub use round_robin::{MatchKind, RoundRobin, PROGRESS_EVERY};
pub use two_action::TwoActionMatches;

/// A two-action tournament ready to run: a [`RoundRobin`] of
/// [`TwoActionMatches`].
pub type Tournament = RoundRobin<TwoActionMatches>;
