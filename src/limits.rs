//! Size limits, checked before anything is allocated or run.
//!
//! Every size a user can type (turns, generations, grid steps, players,
//! threads, payoffs) is checked here against what it will cost, so that a
//! typo such as `--turns 100000000000` gets one clear error instead of a run
//! that exhausts memory or never ends. The limits are far above any study in
//! the literature (Axelrod's tournaments: 200 turns; the full Axelrod-Python
//! library: 244 players) and each one says what it protects.

use crate::error::{Error, Result};

/// Most turns of one match. A match keeps both move histories (a byte per
/// move each) and the strategies may keep their own: 10 million turns is
/// about 20 MB of history per worker thread.
pub const MAX_TURNS: u64 = 10_000_000;

/// Most expected turns of a match under a continuation probability p,
/// 1 / (1 - p). Lengths are drawn from the geometric distribution; at this
/// mean, a match longer than [`MAX_TURNS`] has probability e^-10.
pub const MAX_EXPECTED_TURNS: f64 = 1_000_000.0;

/// Most players of a round robin: its per-pair statistics take a few hundred
/// bytes a pair, so 4,096 players is about 4 GB.
pub const MAX_PLAYERS: usize = 4_096;

/// Most repetitions of every match.
pub const MAX_REPETITIONS: u64 = 1_000_000;

/// Most pairings x repetitions of one round robin (its job count).
pub const MAX_JOBS: u64 = 1 << 40;

/// Most generations of an ecological simulation, and most values of the
/// population shares it keeps (generations x players): 10^8 values is 800 MB.
pub const MAX_GENERATIONS: u64 = 10_000_000;

/// Most population-share values kept by an ecological simulation.
pub const MAX_SHARE_VALUES: u64 = 100_000_000;

/// Most points of a parameter sweep (the product of its axes' lengths); each
/// point is a whole tournament and a row of the table.
pub const MAX_SWEEP_POINTS: u64 = 1_000_000;

/// Largest magnitude of a stage-game payoff. A match sums up to
/// [`MAX_TURNS`] payoffs and a tournament sums those again, so payoffs near
/// the largest float overflow to infinity and give NaN scores.
pub const MAX_PAYOFF: f64 = 1e100;

/// Most worker threads: four per core of this machine (at least 16).
/// Threads beyond the cores only add start-up time and contention.
pub fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    (4 * cores).max(16)
}

fn too_large(what: &str, value: impl ToString, limit: impl ToString, why: &str) -> Error {
    Error::TooLarge {
        what: what.to_string(),
        value: value.to_string(),
        limit: limit.to_string(),
        why: why.to_string(),
    }
}

/// Checks a match length: fixed `turns`, or a continuation probability.
pub fn check_match_length(turns: u64, continuation: Option<f64>) -> Result<()> {
    let mean_too_long =
        |p: f64| p.is_finite() && (0.0..1.0).contains(&p) && 1.0 / (1.0 - p) > MAX_EXPECTED_TURNS;
    match continuation {
        Some(p) if mean_too_long(p) => Err(too_large(
            "continuation",
            p,
            1.0 - 1.0 / MAX_EXPECTED_TURNS,
            "the expected match length 1/(1-p) would exceed 1,000,000 turns",
        )),
        None if turns > MAX_TURNS => Err(too_large(
            "turns",
            turns,
            MAX_TURNS,
            "a match keeps every move in memory",
        )),
        _ => Ok(()),
    }
}

/// Checks a sweep of `points` points run `replicates` times.
pub fn check_sweep_runs(points: u64, replicates: u64) -> Result<()> {
    let runs = points.saturating_mul(replicates);
    if runs > MAX_SWEEP_POINTS {
        return Err(too_large(
            "sweep points x replicates",
            runs,
            MAX_SWEEP_POINTS,
            "every point of every replicate is a tournament",
        ));
    }
    Ok(())
}

/// Checks the size of a round robin of `players` players over `repetitions`.
pub fn check_round_robin(players: usize, repetitions: u64) -> Result<()> {
    if players > MAX_PLAYERS {
        return Err(too_large(
            "players",
            players,
            MAX_PLAYERS,
            "the per-pair statistics grow with the square of the field",
        ));
    }
    if repetitions > MAX_REPETITIONS {
        return Err(too_large(
            "repetitions",
            repetitions,
            MAX_REPETITIONS,
            "every repetition replays every pairing",
        ));
    }
    let pairings = (players as u64) * (players as u64 + 1) / 2;
    if pairings.saturating_mul(repetitions) > MAX_JOBS {
        return Err(too_large(
            "pairings x repetitions",
            pairings.saturating_mul(repetitions),
            MAX_JOBS,
            "every job is a match to play",
        ));
    }
    Ok(())
}

/// Checks an ecological simulation of `generations` over `types` types.
pub fn check_generations(generations: u64, types: usize) -> Result<()> {
    if generations > MAX_GENERATIONS {
        return Err(too_large(
            "generations",
            generations,
            MAX_GENERATIONS,
            "every generation's shares are kept",
        ));
    }
    let values = generations.saturating_add(1).saturating_mul(types as u64);
    if values > MAX_SHARE_VALUES {
        return Err(too_large(
            "generations x strategies",
            values,
            MAX_SHARE_VALUES,
            "every generation's shares are kept (8 bytes each)",
        ));
    }
    Ok(())
}

/// Checks a sweep grid given its axes' lengths; returns the number of points.
pub fn check_grid(lengths: &[u64]) -> Result<u64> {
    let mut points: u64 = 1;
    for &n in lengths {
        points = points.saturating_mul(n);
    }
    if points > MAX_SWEEP_POINTS {
        return Err(too_large(
            "sweep points",
            points,
            MAX_SWEEP_POINTS,
            "every point is a tournament and a row of the table",
        ));
    }
    Ok(points)
}

/// Checks a worker-thread count.
pub fn check_threads(threads: usize) -> Result<()> {
    if threads == 0 {
        return Err(Error::invalid_parameter("threads", 0.0, "at least 1"));
    }
    let max = max_threads();
    if threads > max {
        return Err(too_large(
            "threads",
            threads,
            max,
            "more threads than four per core only add start-up time",
        ));
    }
    Ok(())
}

/// Checks that every payoff is finite and at most [`MAX_PAYOFF`] in
/// magnitude; `payoffs` yields (description of the cell, value).
pub fn check_payoffs<'a>(payoffs: impl IntoIterator<Item = (String, f64)> + 'a) -> Result<()> {
    for (cell, x) in payoffs {
        if !x.is_finite() || x.abs() > MAX_PAYOFF {
            return Err(Error::Config {
                field: cell,
                message: format!(
                    "the payoff {x:e} is not a finite number of magnitude at most {MAX_PAYOFF:e} (sums of payoffs over matches and repetitions must stay finite)"
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_turns_and_near_one_continuations_are_refused() {
        assert!(check_match_length(MAX_TURNS, None).is_ok());
        let e = check_match_length(100_000_000_000, None).unwrap_err();
        assert!(e.to_string().contains("turns = 100000000000"), "{e}");
        assert!(check_match_length(0, Some(0.99)).is_ok());
        assert!(check_match_length(0, Some(0.999_999_9)).is_err());
    }

    #[test]
    fn grid_products_that_overflow_are_refused_not_wrapped() {
        assert_eq!(check_grid(&[21, 21]).unwrap(), 441);
        assert!(check_grid(&[100_000_000_000, 2]).is_err());
        assert!(check_grid(&[u64::MAX, u64::MAX]).is_err());
    }

    #[test]
    fn generations_are_bounded_by_the_shares_they_keep() {
        assert!(check_generations(1000, 111).is_ok());
        assert!(check_generations(100_000_000_000, 2).is_err());
        assert!(check_generations(5_000_000, 100).is_err());
    }

    #[test]
    fn thread_counts_beyond_four_per_core_are_refused() {
        assert!(check_threads(1).is_ok());
        assert!(check_threads(100_000).is_err());
        assert!(check_threads(0).is_err());
    }

    #[test]
    fn non_finite_and_overflowing_payoffs_are_refused() {
        let cell = |x: f64| [("R".to_string(), x)];
        assert!(check_payoffs(cell(3.0)).is_ok());
        assert!(check_payoffs(cell(1e308)).is_err());
        assert!(check_payoffs(cell(f64::NAN)).is_err());
        assert!(check_payoffs(cell(f64::NEG_INFINITY)).is_err());
    }
}
