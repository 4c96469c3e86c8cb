//! Evolution: Axelrod's ecological simulation, the Moran process, and
//! replicator dynamics with its rest points; an experiment's evolution stage
//! on a tournament's payoffs and the files it writes.

pub mod ecological;
pub mod groups;
pub mod moran;
pub mod moran_graph;
pub mod moran_matches;
pub mod moran_outcomes;
pub mod records;
pub mod replicator;
pub mod rest_points;
pub mod stage;

pub use ecological::{ecological_simulation, Ecology};
pub use moran::{
    death_birth_fixation_probability, fixation_probability, MoranEstimate, MoranProcess, MoranRun,
};
pub use moran_graph::MoranGraph;
pub use moran_matches::{Composition, MatchMoranProcess, MoranMode};
pub use moran_outcomes::OutcomeTable;
pub use records::{EcologicalTable, EvolutionRecords, MoranReport, MoranSimulation};
pub use replicator::{replicator_trajectory, replicator_velocity, ReplicatorTrajectory};
pub use rest_points::{
    three_strategy_rest_points, two_strategy_rest_points, two_strategy_velocity, RestPoint,
};
pub use stage::{
    evolve, non_negative_fitness, Evolution, EvolutionConfig, GraphSpec, MoranConfig,
    TournamentPayoffs,
};

use crate::error::{Error, Result};
use ndarray::Array2;

/// Checks a payoff matrix used as fitness: square, non-empty, every entry
/// finite and non-negative (the error names the cell).
pub(crate) fn check_fitness_payoffs(payoffs: &Array2<f64>, operation: &'static str) -> Result<()> {
    let n = payoffs.nrows();
    if n == 0 || payoffs.ncols() != n {
        return Err(Error::UnsupportedGame {
            operation,
            requirement: "a square, non-empty payoff matrix",
            found: format!("{}x{}", payoffs.nrows(), payoffs.ncols()),
        });
    }
    match payoffs
        .indexed_iter()
        .find(|(_, x)| !x.is_finite() || **x < 0.0)
    {
        Some(((i, j), &x)) => Err(Error::invalid_parameter(
            &format!("payoff[{i}][{j}]"),
            x,
            "a finite, non-negative payoff (shift the payoffs if needed)",
        )),
        None => Ok(()),
    }
}
