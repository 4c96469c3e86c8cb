//! Replicates: a run repeated with independent seeds, every reported
//! quantity as a mean with a 95% confidence interval, and comparisons as
//! paired differences under common random numbers (docs/model.md §14).
//!
//! Replicate `k` of a run with seed `s` has seed [`replicate_seed`]`(s, k)`
//! (defined beside the match seeds in `play/streams.rs`):
//! replicate 0 is the run with seed `s` itself, so its files are exactly a
//! single run's. Within a replicate every match's streams follow from its
//! seed as in a single run (docs/model.md §8.6), so replicates are
//! bit-identical for any number of threads. In a sweep every point of
//! replicate `k` uses the same seed: differences between points (world
//! against world) are paired under common random numbers.
//!
//! - `interval.rs`: means, standard deviations and Student t intervals;
//! - `tournament.rs`: a tournament's replicates and its per-player tables;
//! - `sweep.rs`: a sweep's replicates, per-point intervals and the Jervis
//!   worlds' paired differences;
//! - `bands.rs`: a sweep's means and interval ends as sweep rows, for
//!   figures.

mod bands;
mod interval;
mod sweep;
mod tournament;

pub use bands::SweepBands;
pub use interval::{student_t_cdf, student_t_quantile, Interval, CONFIDENCE};
pub use sweep::{
    run_sweep_replicates, SweepReplicates, INTERVALS_FILE, REPLICATES_FILE, WORLDS_FILE,
};
pub use tournament::{
    collect_replicates, replicate_round_robin, run_replicates, PlayerQuantities,
    TournamentReplicates, GROUP_QUANTITIES,
};

pub use crate::play::replicate_seed;

/// A CSV header cell for quantity `name`'s statistic `what` (`mean`, `sd`,
/// `ci_low`, `ci_high`).
fn column(name: &str, what: &str) -> String {
    format!("{name}_{what}")
}

/// The header cells of intervals of `names`: `NAME_mean, NAME_sd,
/// NAME_ci_low, NAME_ci_high` for each.
fn interval_header(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .flat_map(|n| ["mean", "sd", "ci_low", "ci_high"].map(|w| column(n, w)))
        .collect()
}

/// The cells of `intervals` in the order of [`interval_header`].
fn interval_cells(intervals: &[Interval]) -> Vec<String> {
    intervals
        .iter()
        .flat_map(|i| [i.mean, i.sd, i.low, i.high].map(|v| v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicate_zero_is_the_run_itself_and_others_differ() {
        assert_eq!(replicate_seed(7, 0), 7);
        let seeds: std::collections::HashSet<u64> = (0..1000)
            .flat_map(|s| (0..10).map(move |k| replicate_seed(s, k)))
            .collect();
        assert_eq!(seeds.len(), 10_000, "replicates of nearby seeds overlap");
    }
}
