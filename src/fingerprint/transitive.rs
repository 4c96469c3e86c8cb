//! The transitive fingerprint: a strategy's cooperation rate in each turn
//! against each of a list of opponents — by default Random players whose
//! probability of cooperating runs evenly from 0 to 1 (docs/model.md §10.12).
//!
//! ## References
//! - Ashlock, D., Kim, E.-Y. and Ashlock, W. (2009). Fingerprint analysis of
//!   the noisy prisoner's dilemma using a finite-state representation. *IEEE
//!   Transactions on Computational Intelligence and AI in Games* 1(2),
//!   154-167.

use super::check_common;
use crate::action::Action;
use crate::play::{match_seed, play_match, MatchConfig, StageGame};
use crate::strategy::Registry;
use crate::{Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// What to fingerprint and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransitiveSettings {
    /// The strategy fingerprinted.
    pub strategy: String,
    /// The opponents, by name; empty for `Random(p)` at `opponents_count`
    /// evenly spaced p from 0 to 1.
    pub opponents: Vec<String>,
    /// How many Random opponents when `opponents` is empty (Axelrod-Python's
    /// default: 50).
    pub opponents_count: usize,
    /// Turns per match (announced to the players).
    pub turns: u64,
    /// Matches per opponent.
    pub repetitions: u64,
    /// Action noise of every match.
    pub noise: f64,
    /// Seed of every match.
    pub seed: u64,
}

impl Default for TransitiveSettings {
    /// Axelrod-Python's defaults: 50 Random opponents, 50 turns, 1,000
    /// repetitions, no noise (strategy Tit For Tat).
    fn default() -> Self {
        TransitiveSettings {
            strategy: "Tit For Tat".into(),
            opponents: Vec::new(),
            opponents_count: 50,
            turns: 50,
            repetitions: 1000,
            noise: 0.0,
            seed: 1,
        }
    }
}

/// A strategy's transitive fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransitiveFingerprint {
    /// The strategy's name.
    pub strategy: String,
    /// The opponents' names, in order.
    pub opponents: Vec<String>,
    /// `rate[k][t]`: the share of repetitions in which the strategy
    /// cooperated in turn t against opponent k.
    pub rate: Vec<Vec<f64>>,
}

impl TransitiveSettings {
    /// The opponents' names: the given ones, or `Random(p)` for p evenly
    /// spaced from 0 to 1.
    pub fn opponent_names(&self) -> Result<Vec<String>> {
        if !self.opponents.is_empty() {
            return Ok(self.opponents.clone());
        }
        let n = self.opponents_count;
        if !(2..=1000).contains(&n) {
            return Err(Error::invalid_parameter(
                "opponents",
                n as f64,
                "from 2 to 1,000 Random opponents",
            ));
        }
        Ok(super::linspace(n)
            .into_iter()
            .map(|p| format!("Random({p})"))
            .collect())
    }
}

/// Computes the fingerprint on `threads` worker threads (`None`: one per
/// core); the same for any thread count.
pub fn transitive_fingerprint(
    registry: &Registry,
    settings: &TransitiveSettings,
    threads: Option<usize>,
) -> Result<TransitiveFingerprint> {
    let names = settings.opponent_names()?;
    check_common(settings.turns, settings.repetitions, names.len() as u64)?;
    if !(0.0..=1.0).contains(&settings.noise) {
        return Err(Error::invalid_parameter(
            "noise",
            settings.noise,
            "a probability in [0, 1]",
        ));
    }
    let strategy = registry.create(&settings.strategy)?;
    let opponents = names
        .iter()
        .map(|n| registry.create(n))
        .collect::<Result<Vec<_>>>()?;
    let config = MatchConfig::turns(settings.turns)
        .with_noise(settings.noise)
        .recording(true);
    let game = StageGame::default();
    let pool = crate::parallel::pool(threads)?;
    let rate = pool.install(|| {
        opponents
            .par_iter()
            .enumerate()
            .map(|(k, opponent)| {
                let mut player = strategy.clone_box();
                let mut opponent = opponent.clone_box();
                let mut cooperations = vec![0u64; settings.turns as usize];
                for r in 0..settings.repetitions {
                    let seed = match_seed(settings.seed, 0, k as u64 + 1, r);
                    let m = play_match(&mut *player, &mut *opponent, &game, &config, seed)?;
                    let moves = &m.moves.as_ref().expect("moves are recorded")[0];
                    for (count, &a) in cooperations.iter_mut().zip(moves) {
                        *count += u64::from(a == Action::C);
                    }
                }
                Ok(cooperations
                    .iter()
                    .map(|&c| c as f64 / settings.repetitions as f64)
                    .collect())
            })
            .collect::<Result<Vec<Vec<f64>>>>()
    })?;
    Ok(TransitiveFingerprint {
        strategy: strategy.name().to_string(),
        opponents: opponents.iter().map(|o| o.name().to_string()).collect(),
        rate,
    })
}
