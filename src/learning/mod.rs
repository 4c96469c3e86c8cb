//! Learning dynamics on two-player games (docs/model.md §18): how boundedly
//! rational players (or populations) adjust their play over time.
//!
//! - [`fictitious`]: fictitious play, a best response to the other's
//!   empirical frequencies (Brown 1951);
//! - [`stochastic_fictitious`]: stochastic fictitious play, logit responses
//!   to perturbed payoffs (Fudenberg and Kreps 1993);
//! - [`regret_matching`]: Hart and Mas-Colell's regret matching, whose
//!   empirical joint play approaches the correlated equilibria;
//! - [`best_response`]: continuous-time best-response dynamics;
//! - [`replicator_mutator`]: the replicator equation with mutation;
//! - [`two_population`]: two-population (asymmetric) replicator dynamics;
//! - [`fermi`] and [`stationary`]: the pairwise-comparison (Fermi) process
//!   in a finite population, its fixation probabilities and its stationary
//!   distribution in the small-mutation limit.
//!
//! Every dynamic returns a [`Trajectory`]: the time and every population's
//! mixed strategy at each recorded point. The random ones take a seed:
//! the same seed gives the same run.
//!
//! ```
//! use dilemma::game::catalogue;
//! use dilemma::learning::{fictitious_play, FictitiousOptions};
//!
//! let pennies = catalogue::matching_pennies();
//! let run = fictitious_play(&pennies, &FictitiousOptions::default()).unwrap();
//! // The empirical frequencies approach the mixed equilibrium (½, ½).
//! assert!((run.trajectory.last()[0][0] - 0.5).abs() < 0.05);
//! ```

pub mod best_response;
pub mod fermi;
pub mod fictitious;
pub(crate) mod ode;
pub mod regret_matching;
pub mod replicator_mutator;
pub mod stationary;
pub mod stochastic_fictitious;
pub mod trajectory;
pub mod two_population;

pub use best_response::{best_response_dynamics, ContinuousOptions};
pub use fermi::{FermiProcess, FixationEstimate};
pub use fictitious::{fictitious_play, FictitiousOptions, FictitiousPlay};
pub use regret_matching::{regret_matching, RegretMatching, RegretMatchingOptions};
pub use replicator_mutator::{replicator_mutator, ReplicatorMutatorOptions};
pub use stationary::{
    compositions, full_chain, full_transitions, monomorphic_chain, small_mutation_limit,
    stationary_distribution, FullChain, MonomorphicChain,
};
pub use stochastic_fictitious::{
    stochastic_fictitious_play, StochasticFictitiousOptions, StochasticFictitiousPlay,
};
pub use trajectory::{Population, Series, Trajectory};
pub use two_population::two_population_replicator;
