//! The settings of an evolution of groups and the run (docs/model.md §20.8).

use super::finite::GroupFermi;
use super::matches::payoffs_from_matches;
use super::payoffs::GroupPayoffs;
use super::replicator::group_replicator;
use crate::error::{Error, Result};
use crate::learning::{MonomorphicChain, Trajectory};
use crate::tournament::groups::GroupTournament;
use serde::{Deserialize, Serialize};

/// The n-player replicator dynamics' settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReplicatorSettings {
    /// The starting shares, one per strategy (default: equal shares).
    pub start: Option<Vec<f64>>,
    /// The RK4 step.
    pub dt: f64,
    /// The number of steps.
    pub steps: usize,
    /// Every how many steps a row is recorded.
    pub record_every: usize,
}

impl Default for ReplicatorSettings {
    /// Equal shares, dt = 0.1, 1,000 steps, every step recorded.
    fn default() -> Self {
        ReplicatorSettings {
            start: None,
            dt: 0.1,
            steps: 1000,
            record_every: 1,
        }
    }
}

/// The finite population's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FixationSettings {
    /// The population size Z.
    pub population: usize,
    /// The intensity of selection β.
    pub intensity: f64,
    /// The mutation rate μ of the full chain (two strategies only; 0: the
    /// small-mutation limit alone).
    pub mutation: f64,
}

impl Default for FixationSettings {
    /// Z = 50, β = 1, no full chain.
    fn default() -> Self {
        FixationSettings {
            population: 50,
            intensity: 1.0,
            mutation: 0.0,
        }
    }
}

/// What evolves: the replicator dynamics, the finite population, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupEvolutionConfig {
    /// The n-player replicator dynamics.
    pub replicator: Option<ReplicatorSettings>,
    /// The finite population: fixation probabilities and stationary
    /// distributions.
    pub fixation: Option<FixationSettings>,
}

impl GroupEvolutionConfig {
    /// Checks the settings that need no payoffs; `strategies` is the size of
    /// the field and `group_size` the groups'. Errors name the key.
    ///
    /// # Errors
    /// [`Error::Config`] for nothing to run, a start of the wrong length, a
    /// step that is not positive, no steps, a population below the group
    /// size, a bad intensity or mutation rate, or a full chain of more than
    /// two strategies.
    pub fn validate(&self, strategies: usize, group_size: usize) -> Result<()> {
        let bad = |field: &str, message: String| {
            Err(Error::Config {
                field: field.into(),
                message,
            })
        };
        if self.replicator.is_none() && self.fixation.is_none() {
            return bad(
                "evolution",
                "nothing to run: give `replicator`, `fixation` or both".into(),
            );
        }
        if let Some(r) = &self.replicator {
            if let Some(s) = &r.start {
                let total: f64 = s.iter().sum();
                if s.len() != strategies
                    || s.iter().any(|x| !x.is_finite() || *x < 0.0)
                    || (total - 1.0).abs() > 1e-9
                {
                    return bad(
                        "evolution.replicator.start",
                        format!("{s:?}: give {strategies} non-negative shares summing to 1, one per player"),
                    );
                }
            }
            if !(r.dt.is_finite() && r.dt > 0.0) {
                return bad(
                    "evolution.replicator.dt",
                    format!("{}: a positive step", r.dt),
                );
            }
            if r.steps == 0 || r.steps > 10_000_000 {
                return bad(
                    "evolution.replicator.steps",
                    format!("{}: 1 to 10,000,000 steps", r.steps),
                );
            }
            if r.record_every == 0 {
                return bad("evolution.replicator.record_every", "0: at least 1".into());
            }
        }
        if let Some(f) = &self.fixation {
            if f.population < group_size.max(2) || f.population > 100_000 {
                return bad(
                    "evolution.fixation.population",
                    format!(
                        "{}: from the group size {group_size} to 100,000 individuals",
                        f.population
                    ),
                );
            }
            if !(f.intensity.is_finite() && f.intensity >= 0.0) {
                return bad(
                    "evolution.fixation.intensity",
                    format!("{}: a finite number >= 0", f.intensity),
                );
            }
            if !(0.0..=1.0).contains(&f.mutation) {
                return bad(
                    "evolution.fixation.mutation",
                    format!("{}: a probability in [0, 1]", f.mutation),
                );
            }
            if f.mutation > 0.0 && strategies != 2 {
                return bad(
                    "evolution.fixation.mutation",
                    format!("the full chain with mutation is for two strategies; the field has {strategies} (set 0 for the small-mutation limit)"),
                );
            }
        }
        Ok(())
    }
}

/// The most group compositions an evolution plays.
pub const MAX_COMPOSITIONS: f64 = 200_000.0;

/// Checks `config` against `tournament` (built with
/// [`GroupTournament::with_repetition`]) before anything is played: the
/// settings ([`GroupEvolutionConfig::validate`]) and the number of
/// compositions, `C(n + m - 1, m - 1)`, at most [`MAX_COMPOSITIONS`].
///
/// # Errors
/// [`Error::Config`] naming the key.
pub fn check_evolution(tournament: &GroupTournament, config: &GroupEvolutionConfig) -> Result<()> {
    let (m, n) = (tournament.names().len(), tournament.config().group_size);
    config.validate(m, n)?;
    let count = super::payoffs::binomial(n + m - 1, m - 1);
    if count > MAX_COMPOSITIONS {
        return Err(Error::Config {
            field: "group_size".into(),
            message: format!(
                "{count} compositions of {m} strategies in groups of {n} are too many to play (at most {MAX_COMPOSITIONS}); use fewer strategies or smaller groups"
            ),
        });
    }
    Ok(())
}

/// What an evolution of groups found.
#[derive(Debug, Clone)]
pub struct GroupEvolution {
    /// The payoff table.
    pub payoffs: GroupPayoffs,
    /// The replicator trajectory.
    pub trajectory: Option<Trajectory>,
    /// The small-mutation limit: fixation probabilities and the stationary
    /// distribution.
    pub chain: Option<MonomorphicChain>,
    /// The full chain's stationary distribution over `j = 0..=Z` players of
    /// the first strategy (two strategies, μ > 0).
    pub full: Option<Vec<f64>>,
}

/// Plays every composition of `tournament`'s field (built with
/// [`GroupTournament::with_repetition`]) and runs `config`'s dynamics on the
/// payoffs. `progress(jobs done)` is called while the matches are played.
///
/// # Errors
/// [`GroupEvolutionConfig::validate`]'s; the matches'.
pub fn evolve_groups(
    tournament: &GroupTournament,
    config: &GroupEvolutionConfig,
    threads: Option<usize>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<GroupEvolution> {
    check_evolution(tournament, config)?;
    let payoffs = payoffs_from_matches(tournament, threads, progress)?;
    evolve_payoffs(payoffs, config)
}

/// Runs `config`'s dynamics on a payoff table.
///
/// # Errors
/// [`GroupEvolutionConfig::validate`]'s.
pub fn evolve_payoffs(
    payoffs: GroupPayoffs,
    config: &GroupEvolutionConfig,
) -> Result<GroupEvolution> {
    let m = payoffs.strategies();
    config.validate(m, payoffs.group_size())?;
    let trajectory = match &config.replicator {
        Some(r) => {
            let start = r.start.clone().unwrap_or_else(|| vec![1.0 / m as f64; m]);
            Some(group_replicator(
                &payoffs,
                &start,
                r.dt,
                r.steps,
                r.record_every,
            )?)
        }
        None => None,
    };
    let (chain, full) = match &config.fixation {
        Some(f) => {
            let process = GroupFermi::new(payoffs.clone(), f.population, f.intensity, f.mutation)?;
            let full = if f.mutation > 0.0 {
                Some(process.two_strategy_chain()?)
            } else {
                None
            };
            (Some(process.small_mutation_limit()), full)
        }
        None => (None, None),
    };
    Ok(GroupEvolution {
        payoffs,
        trajectory,
        chain,
        full,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_name_the_key() {
        let none = GroupEvolutionConfig::default();
        assert!(none
            .validate(2, 3)
            .unwrap_err()
            .to_string()
            .contains("nothing to run"));
        let c = GroupEvolutionConfig {
            replicator: Some(ReplicatorSettings {
                start: Some(vec![0.5, 0.5]),
                ..ReplicatorSettings::default()
            }),
            fixation: None,
        };
        assert!(c.validate(2, 3).is_ok());
        let e = c.validate(3, 3).unwrap_err().to_string();
        assert!(e.contains("evolution.replicator.start"), "{e}");
        let c = GroupEvolutionConfig {
            replicator: None,
            fixation: Some(FixationSettings {
                population: 2,
                ..FixationSettings::default()
            }),
        };
        let e = c.validate(2, 3).unwrap_err().to_string();
        assert!(e.contains("evolution.fixation.population"), "{e}");
        let c = GroupEvolutionConfig {
            replicator: None,
            fixation: Some(FixationSettings {
                mutation: 0.01,
                ..FixationSettings::default()
            }),
        };
        assert!(c.validate(2, 3).is_ok());
        let e = c.validate(3, 3).unwrap_err().to_string();
        assert!(e.contains("two strategies"), "{e}");
    }
}
