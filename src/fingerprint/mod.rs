//! Fingerprints of a strategy: how it scores against a family of probes
//! spread over a square ([`ashlock`]), and how often it cooperates, turn by
//! turn, against opponents of increasing cooperativeness ([`transitive`])
//! (docs/model.md §10.12).
//!
//! Each point or opponent is played independently from its own match seeds
//! (`play::match_seed(seed, 0, k + 1, repetition)`, as a tournament whose
//! edges join the strategy, index 0, to probe k + 1), so results are the same
//! for any thread count.

pub mod ashlock;
pub mod transitive;

pub use ashlock::{ashlock_fingerprint, AshlockFingerprint, AshlockPoint, AshlockSettings};
pub use transitive::{transitive_fingerprint, TransitiveFingerprint, TransitiveSettings};

use crate::{Error, Result};

/// `n` points evenly spaced from 0 to 1, computed as numpy's `linspace`
/// computes them (`k * (1 / (n - 1))`, the last exactly 1), so that grid
/// coordinates and opponents' probabilities equal Axelrod-Python's to the
/// last bit.
pub fn linspace(n: usize) -> Vec<f64> {
    let step = 1.0 / (n.max(2) - 1) as f64;
    (0..n)
        .map(|k| {
            if k + 1 == n && n > 1 {
                1.0
            } else {
                k as f64 * step
            }
        })
        .collect()
}

/// Checks the settings every fingerprint shares.
fn check_common(turns: u64, repetitions: u64, matches: u64) -> Result<()> {
    if turns == 0 {
        return Err(Error::invalid_parameter("turns", 0.0, "at least 1"));
    }
    crate::limits::check_match_length(turns, None)?;
    if repetitions == 0 {
        return Err(Error::invalid_parameter("repetitions", 0.0, "at least 1"));
    }
    let work = matches.saturating_mul(repetitions).saturating_mul(turns);
    if work > crate::limits::MAX_JOBS {
        return Err(Error::TooLarge {
            what: "fingerprint turns".into(),
            value: work.to_string(),
            limit: crate::limits::MAX_JOBS.to_string(),
            why: "every point's matches are played".into(),
        });
    }
    Ok(())
}
