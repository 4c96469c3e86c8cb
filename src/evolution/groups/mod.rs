//! Evolution of strategies that meet in groups of n (docs/model.md §20.8):
//! payoffs per group composition (from a symmetric n-player stage game or
//! from iterated group matches), the n-player replicator dynamics of an
//! infinite population, and the pairwise-comparison process of a finite
//! population with hypergeometric group sampling, its fixation
//! probabilities and stationary distributions.
//!
//! The files: `payoffs.rs` (the payoff of each strategy in each
//! composition), `matches.rs` (that table from iterated group matches),
//! `replicator.rs` (the infinite population), `finite.rs` (the finite
//! population), `config.rs` (the settings of a run and the run),
//! `output.rs` (its files).
//!
//! ## References
//! - C. Hauert, F. Michor, M. A. Nowak and M. Doebeli (2006), "Synergy and
//!   discounting of cooperation in social dilemmas", Journal of Theoretical
//!   Biology 239:195-202.
//! - C. S. Gokhale and A. Traulsen (2010), "Evolutionary games in the
//!   multiverse", PNAS 107:5500-5504.
//! - F. C. Santos, J. M. Pacheco and B. Skyrms (2011), "Co-evolution of
//!   pre-play signaling and cooperation", Journal of Theoretical Biology
//!   274:30-35.
//! - D. Fudenberg and L. A. Imhof (2006), "Imitation processes with small
//!   mutations", Journal of Economic Theory 131:251-262.
//! - E. F. Domingos et al. (2023), "EGTtools: Evolutionary game dynamics in
//!   Python", iScience 26:106419.

mod config;
mod finite;
mod matches;
mod output;
mod payoffs;
mod replicator;

pub use config::{
    check_evolution, evolve_groups, evolve_payoffs, FixationSettings, GroupEvolution,
    GroupEvolutionConfig, ReplicatorSettings, MAX_COMPOSITIONS,
};
pub use finite::GroupFermi;
pub use matches::payoffs_from_matches;
pub use output::{group_evolution_tables, write_group_evolution, GroupEvolutionManifest};
pub use payoffs::{binomial, GroupPayoffs};
pub use replicator::{group_fitness, group_replicator, group_replicator_velocity};
