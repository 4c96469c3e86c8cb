//! Ashlock's fingerprint: a strategy's mean score per turn against the
//! Joss-Ann transform of a probe at every point (x, y) of a grid over the
//! unit square — the probe cooperates with probability x, defects with
//! probability y and otherwise plays as itself; where x + y ≥ 1 the probe is
//! the dual of the Joss-Ann transform at (1 − x, 1 − y) (docs/model.md
//! §10.12).
//!
//! ## References
//! - Ashlock, D. and Kim, E.-Y. (2008). Fingerprinting: visualization and
//!   automatic analysis of prisoner's dilemma strategies. *IEEE Transactions
//!   on Evolutionary Computation* 12(5), 647-659.
//! - Ashlock, W. and Ashlock, D. (2010). Fingerprints of strategies with
//!   the dual transformation. *IEEE Information Theory Workshop*,
//!   doi:10.1109/ITW.2010.5593352.

use super::check_common;
use crate::play::{match_seed, play_match, MatchConfig, StageGame};
use crate::strategy::{Registry, Strategy, Transform, Transformed};
use crate::{Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What to fingerprint and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AshlockSettings {
    /// The strategy fingerprinted.
    pub strategy: String,
    /// The probe (Axelrod-Python's default: Tit For Tat).
    pub probe: String,
    /// The grid's spacing: points at 0, step, 2 step, ..., 1 on each axis
    /// (`floor(1 / step) + 1` of them, evenly spaced from 0 to 1).
    pub step: f64,
    /// Turns per match (announced to the players).
    pub turns: u64,
    /// Matches per point.
    pub repetitions: u64,
    /// Seed of every match.
    pub seed: u64,
}

impl Default for AshlockSettings {
    /// Axelrod-Python's defaults: probe Tit For Tat, step 0.01, 50 turns, 10
    /// repetitions (strategy Tit For Tat).
    fn default() -> Self {
        AshlockSettings {
            strategy: "Tit For Tat".into(),
            probe: "Tit For Tat".into(),
            step: 0.01,
            turns: 50,
            repetitions: 10,
            seed: 1,
        }
    }
}

/// The fingerprint at one point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AshlockPoint {
    /// The probe's probability of cooperating regardless.
    pub x: f64,
    /// The probe's probability of defecting regardless.
    pub y: f64,
    /// The strategy's mean score per turn over the repetitions.
    pub mean: f64,
    /// The standard error of that mean (sample standard deviation of the
    /// repetitions' scores over √repetitions; 0 for one repetition).
    pub se: f64,
}

/// A strategy's Ashlock fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AshlockFingerprint {
    /// The strategy's name.
    pub strategy: String,
    /// The probe's name.
    pub probe: String,
    /// Points per axis.
    pub size: usize,
    /// The points, x-major (for each x, every y), as Axelrod-Python orders
    /// them.
    pub points: Vec<AshlockPoint>,
}

/// The number of grid points per axis for `step`: `floor(1 / step) + 1`.
pub fn points_per_axis(step: f64) -> Result<usize> {
    if !(step > 0.0 && step <= 1.0) {
        return Err(Error::invalid_parameter("step", step, "in (0, 1]"));
    }
    let n = (1.0 / step).floor() as u64 + 1;
    if n > 1001 {
        return Err(Error::invalid_parameter(
            "step",
            step,
            "at least 0.001 (1,001 points per axis)",
        ));
    }
    Ok(n as usize)
}

/// The probe at (x, y): `JossAnn(x, y, probe)` when x + y < 1, else
/// `Dual(JossAnn(1 − x, 1 − y, probe))`.
pub fn probe_at(probe: &dyn Strategy, x: f64, y: f64) -> Box<dyn Strategy> {
    let joss_ann = |x: f64, y: f64| {
        let written = [x.to_string(), y.to_string()];
        Transformed::new(
            Transform::JossAnn(x, y),
            probe.clone_box(),
            &[written[0].as_str(), written[1].as_str()],
        )
    };
    if x + y >= 1.0 {
        Box::new(Transformed::new(
            Transform::Dual,
            Box::new(joss_ann(1.0 - x, 1.0 - y)),
            &[],
        ))
    } else {
        Box::new(joss_ann(x, y))
    }
}

/// Computes the fingerprint on `threads` worker threads (`None`: one per
/// core); the same for any thread count.
pub fn ashlock_fingerprint(
    registry: &Registry,
    settings: &AshlockSettings,
    threads: Option<usize>,
) -> Result<AshlockFingerprint> {
    let size = points_per_axis(settings.step)?;
    check_common(settings.turns, settings.repetitions, (size * size) as u64)?;
    let strategy = registry.create(&settings.strategy)?;
    let probe = registry.create(&settings.probe)?;
    let axis = super::linspace(size);
    let grid: Vec<(f64, f64)> = axis
        .iter()
        .flat_map(|&x| axis.iter().map(move |&y| (x, y)))
        .collect();
    let config = MatchConfig::turns(settings.turns);
    let game = StageGame::default();
    let pool = crate::parallel::pool(threads)?;
    let points = pool.install(|| {
        grid.par_iter()
            .enumerate()
            .map(|(k, &(x, y))| {
                let mut player = strategy.clone_box();
                let mut opponent = probe_at(&*probe, x, y);
                let scores: Vec<f64> = (0..settings.repetitions)
                    .map(|r| {
                        let seed = match_seed(settings.seed, 0, k as u64 + 1, r);
                        play_match(&mut *player, &mut *opponent, &game, &config, seed)
                            .map(|m| m.scores[0] / settings.turns as f64)
                    })
                    .collect::<Result<_>>()?;
                let (mean, se) = mean_and_standard_error(&scores);
                Ok(AshlockPoint { x, y, mean, se })
            })
            .collect::<Result<Vec<_>>>()
    })?;
    Ok(AshlockFingerprint {
        strategy: strategy.name().to_string(),
        probe: probe.name().to_string(),
        size,
        points,
    })
}

/// The mean of `values` and its standard error (0 for fewer than two).
pub(crate) fn mean_and_standard_error(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (variance / n).sqrt())
}
