//! Sensitivity analysis of the model: how much one outcome (restraint,
//! restraint after evolution, the spiral share, a strategy's share) moves
//! with each parameter, one at a time (a tornado) and by Morris's
//! elementary effects (docs/model.md §15).
//!
//! Every model evaluation is one point of a sweep ([`crate::sweep::run_points`]):
//! the base tournament with some parameters set, the same seed everywhere
//! (common random numbers), all points in parallel.
//!
//! - `morris.rs`: the elementary-effects design and its summaries.

mod morris;

pub use morris::{ElementaryEffects, MorrisDesign, Trajectory};

use crate::error::{Error, Result};
use crate::strategy::Registry;
use crate::sweep::{run_points, SweepRow};
use crate::tournament::TournamentConfig;
use serde::{Deserialize, Serialize};

/// A parameter's range, `low` to `high`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterRange {
    /// The parameter's name (as `dilemma sweep --axis` takes it, e.g.
    /// `offence`, `stakes` or `SIDE.KEY`).
    pub parameter: String,
    /// Its lowest value.
    pub low: f64,
    /// Its highest value.
    pub high: f64,
}

/// The default ranges: the security dilemma's main parameters over their
/// whole range (offence, differentiation) or ±50% of their defaults
/// (docs/model.md §15).
pub fn default_ranges() -> Vec<ParameterRange> {
    [
        ("offence", 0.0, 1.0),
        ("differentiation", 0.0, 1.0),
        ("stakes", 2.0, 6.0),
        ("arms_cost", 0.5, 1.5),
        ("cooperation_value", 1.0, 3.0),
        ("war_cost", 1.0, 3.0),
        ("base_defence", 0.25, 0.75),
        ("max_misperception", 0.05, 0.15),
    ]
    .into_iter()
    .map(|(p, low, high)| ParameterRange {
        parameter: p.into(),
        low,
        high,
    })
    .collect()
}

/// The outcome whose sensitivity is measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The field's restraint (cooperation) rate in the round robin.
    Restraint,
    /// Population-weighted restraint after the ecological simulation.
    EvolvedRestraint,
    /// The field's spiral share of arming.
    SpiralShare,
    /// A strategy's population share after the ecological simulation.
    Share(String),
}

impl Outcome {
    /// Parses `restraint`, `evolved-restraint`, `spiral-share` or
    /// `share:NAME`.
    pub fn parse(text: &str) -> Result<Outcome> {
        Ok(match text {
            "restraint" => Outcome::Restraint,
            "evolved-restraint" => Outcome::EvolvedRestraint,
            "spiral-share" => Outcome::SpiralShare,
            _ => match text.strip_prefix("share:") {
                Some(name) if !name.trim().is_empty() => Outcome::Share(name.trim().into()),
                _ => {
                    return Err(Error::Config {
                        field: "outcome".into(),
                        message: format!(
                            "`{text}`: expected restraint, evolved-restraint, spiral-share or share:NAME"
                        ),
                    })
                }
            },
        })
    }

    /// Its label in tables and figures.
    pub fn label(&self) -> String {
        match self {
            Outcome::Restraint => "restraint".into(),
            Outcome::EvolvedRestraint => "restraint after evolution".into(),
            Outcome::SpiralShare => "spiral share of arming".into(),
            Outcome::Share(name) => format!("share of {name} after evolution"),
        }
    }

    /// Whether it needs the ecological simulation.
    pub fn needs_evolution(&self) -> bool {
        matches!(self, Outcome::EvolvedRestraint | Outcome::Share(_))
    }

    /// Its value at a point, from the point's rows.
    fn value(&self, rows: &[SweepRow]) -> Result<f64> {
        let first = rows.first().ok_or_else(|| Error::Config {
            field: "players".into(),
            message: "no players".into(),
        })?;
        let missing = || Error::Config {
            field: "outcome".into(),
            message: format!("{} needs the ecological simulation", self.label()),
        };
        match self {
            Outcome::Restraint => Ok(first.field_cooperation),
            Outcome::SpiralShare => Ok(first.field_spiral_share),
            Outcome::EvolvedRestraint => first.ecological_cooperation.ok_or_else(missing),
            Outcome::Share(name) => rows
                .iter()
                .find(|r| r.strategy.eq_ignore_ascii_case(name))
                .ok_or_else(|| Error::Config {
                    field: "outcome".into(),
                    message: format!("`{name}` is not a player"),
                })?
                .ecological_share
                .ok_or_else(missing),
        }
    }
}

/// A sensitivity request as a user writes it (`dilemma sensitivity`'s
/// flags, or the `[sensitivity]` table of an experiment file), every entry
/// optional:
///
/// ```toml
/// [sensitivity]
/// outcome = "evolved-restraint"      # restraint, spiral-share, share:NAME
/// ranges = [{ parameter = "stakes", low = 2.0, high = 6.0 }]
/// morris = 20                        # trajectories; 0: one at a time only
/// levels = 4
/// design_seed = 0
/// ecological = 1000                  # generations (default: 1000 after evolution)
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityRequest {
    /// The parameters to vary (default: [`default_ranges`]).
    #[serde(default)]
    pub ranges: Vec<ParameterRange>,
    /// The outcome, as [`Outcome::parse`] reads it \[restraint\].
    #[serde(default = "SensitivityRequest::default_outcome")]
    pub outcome: String,
    /// Morris trajectories (0: one-at-a-time only) \[20\].
    #[serde(default = "SensitivityRequest::default_morris")]
    pub morris: usize,
    /// Morris grid levels (even) \[4\].
    #[serde(default = "SensitivityRequest::default_levels")]
    pub levels: usize,
    /// Seed of the Morris design \[0\].
    #[serde(default)]
    pub design_seed: u64,
    /// Generations of the ecological simulation at each point (default: 1000
    /// for outcomes after evolution, else none).
    #[serde(default)]
    pub ecological: Option<usize>,
}

impl SensitivityRequest {
    fn default_outcome() -> String {
        "restraint".into()
    }
    fn default_morris() -> usize {
        20
    }
    fn default_levels() -> usize {
        4
    }

    /// The configuration it asks for, checked.
    pub fn config(&self) -> Result<SensitivityConfig> {
        let outcome = Outcome::parse(&self.outcome)?;
        let ranges = if self.ranges.is_empty() {
            default_ranges()
        } else {
            self.ranges.clone()
        };
        let generations =
            self.ecological
                .unwrap_or(if outcome.needs_evolution() { 1000 } else { 0 });
        let config = SensitivityConfig {
            ranges,
            outcome,
            trajectories: self.morris,
            levels: self.levels,
            design_seed: self.design_seed,
            ecological_generations: generations,
        };
        config.validate()?;
        Ok(config)
    }
}

/// What to vary and what to measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityConfig {
    /// The parameters and their ranges.
    pub ranges: Vec<ParameterRange>,
    /// The outcome.
    pub outcome: Outcome,
    /// Morris trajectories (0: one-at-a-time only) \[20\].
    pub trajectories: usize,
    /// Morris grid levels (even) \[4\].
    pub levels: usize,
    /// Seed of the Morris design \[0\].
    pub design_seed: u64,
    /// Generations of the ecological simulation at each point.
    pub ecological_generations: usize,
}

impl SensitivityConfig {
    /// Checks the request: at least one range, each `low < high` and finite,
    /// the ecological simulation for outcomes after evolution, and a valid
    /// Morris design.
    pub fn validate(&self) -> Result<()> {
        if self.ranges.is_empty() {
            return Err(Error::Config {
                field: "ranges".into(),
                message: "no parameter to vary".into(),
            });
        }
        for r in &self.ranges {
            if !(r.low.is_finite() && r.high.is_finite() && r.low < r.high) {
                return Err(Error::Config {
                    field: format!("range of {}", r.parameter),
                    message: format!("{}:{} is not an interval low < high", r.low, r.high),
                });
            }
        }
        if self.outcome.needs_evolution() && self.ecological_generations == 0 {
            return Err(Error::Config {
                field: "ecological_generations".into(),
                message: format!(
                    "{} needs the ecological simulation (generations > 0)",
                    self.outcome.label()
                ),
            });
        }
        if self.trajectories > 0 {
            MorrisDesign::new(self.ranges.len(), 1, self.levels, 0)?;
        }
        Ok(())
    }
}

/// One parameter's one-at-a-time result: the outcome with the parameter at
/// its low and at its high value, every other parameter at its base value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OneAtATime {
    /// The parameter and its range.
    pub range: ParameterRange,
    /// The outcome at `low`.
    pub at_low: f64,
    /// The outcome at `high`.
    pub at_high: f64,
}

impl OneAtATime {
    /// The outcome's swing over the range, `|at_high − at_low|`.
    pub fn swing(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// What `manifest.json` of a sensitivity run records: the tool, its
/// version, the base tournament and the analysis.
#[derive(Debug, Serialize)]
pub struct SensitivityManifest<'a> {
    /// Always `dilemma`.
    pub tool: &'static str,
    /// The library's version.
    pub version: &'static str,
    /// The base tournament.
    pub tournament: &'a TournamentConfig,
    /// The analysis.
    pub sensitivity: &'a SensitivityConfig,
}

impl<'a> SensitivityManifest<'a> {
    /// The manifest of an analysis of `tournament` by `sensitivity`.
    pub fn new(tournament: &'a TournamentConfig, sensitivity: &'a SensitivityConfig) -> Self {
        SensitivityManifest {
            tool: "dilemma",
            version: env!("CARGO_PKG_VERSION"),
            tournament,
            sensitivity,
        }
    }
}

/// The results of a sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The outcome's label.
    pub outcome: String,
    /// The outcome at the base configuration.
    pub base: f64,
    /// One-at-a-time results, largest swing first.
    pub one_at_a_time: Vec<OneAtATime>,
    /// The Morris design's effects, in the order of the ranges (per unit of
    /// each parameter's range), when trajectories were asked for.
    pub morris: Option<ElementaryEffects>,
    /// The parameters, in the order of the ranges.
    pub parameters: Vec<String>,
}

/// Runs the analysis: the base point, each parameter at its two ends, and
/// the Morris design's points, all in one parallel batch.
/// `progress(done, total)` is called as points finish.
pub fn run_sensitivity(
    base: &TournamentConfig,
    config: &SensitivityConfig,
    registry: &Registry,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Sensitivity> {
    config.validate()?;
    let design = (config.trajectories > 0)
        .then(|| {
            MorrisDesign::new(
                config.ranges.len(),
                config.trajectories,
                config.levels,
                config.design_seed,
            )
        })
        .transpose()?;
    let mut points: Vec<Vec<(String, f64)>> = vec![Vec::new()];
    for r in &config.ranges {
        points.push(vec![(r.parameter.clone(), r.low)]);
        points.push(vec![(r.parameter.clone(), r.high)]);
    }
    let oat_points = points.len();
    if let Some(design) = &design {
        for x in design.points() {
            points.push(
                config
                    .ranges
                    .iter()
                    .zip(&x)
                    .map(|(r, &u)| (r.parameter.clone(), r.low + u * (r.high - r.low)))
                    .collect(),
            );
        }
    }
    let total = points.len();
    let rows = run_points(
        base,
        &points,
        config.ecological_generations,
        registry,
        &|done| progress(done, total),
    )?;
    let values: Vec<f64> = rows
        .iter()
        .map(|r| config.outcome.value(r))
        .collect::<Result<_>>()?;
    let mut one_at_a_time: Vec<OneAtATime> = config
        .ranges
        .iter()
        .enumerate()
        .map(|(k, r)| OneAtATime {
            range: r.clone(),
            at_low: values[1 + 2 * k],
            at_high: values[2 + 2 * k],
        })
        .collect();
    one_at_a_time.sort_by(|a, b| b.swing().total_cmp(&a.swing()));
    let morris = design.map(|d| d.effects(&values[oat_points..]));
    Ok(Sensitivity {
        outcome: config.outcome.label(),
        base: values[0],
        one_at_a_time,
        morris,
        parameters: config.ranges.iter().map(|r| r.parameter.clone()).collect(),
    })
}

impl Sensitivity {
    /// `one_at_a_time.csv`: parameter, low, high, outcome at low, at high,
    /// swing and the base outcome, largest swing first.
    pub fn one_at_a_time_csv(&self) -> String {
        let mut s = String::from(
            "parameter,low,high,outcome_at_low,outcome_at_high,swing,outcome_at_base\n",
        );
        for o in &self.one_at_a_time {
            s.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                o.range.parameter,
                o.range.low,
                o.range.high,
                o.at_low,
                o.at_high,
                o.swing(),
                self.base
            ));
        }
        s
    }

    /// `morris.csv`: parameter, trajectories, μ, μ*, σ (per unit of the
    /// parameter's range), largest μ* first; `None` without a design.
    pub fn morris_csv(&self) -> Option<String> {
        let m = self.morris.as_ref()?;
        let order = m.ranking();
        let mut s = String::from("parameter,trajectories,mu,mu_star,sigma\n");
        for i in order {
            s.push_str(&format!(
                "{},{},{},{},{}\n",
                self.parameters[i],
                m.effects[i].len(),
                m.mu[i],
                m.mu_star[i],
                m.sigma[i]
            ));
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::jervis_base;
    use crate::tournament::PlayerSpec;

    fn base() -> TournamentConfig {
        TournamentConfig {
            players: ["Tit For Tat", "Defector", "Spiral Reciprocator", "Paranoid"]
                .iter()
                .map(|s| PlayerSpec::Name(s.to_string()))
                .collect(),
            turns: 20,
            repetitions: 2,
            ..jervis_base()
        }
    }

    fn config(outcome: Outcome, trajectories: usize) -> SensitivityConfig {
        SensitivityConfig {
            ranges: vec![
                ParameterRange {
                    parameter: "differentiation".into(),
                    low: 0.0,
                    high: 1.0,
                },
                ParameterRange {
                    parameter: "greed".into(),
                    low: 0.0,
                    high: 1.0,
                },
            ],
            outcome,
            trajectories,
            levels: 4,
            design_seed: 1,
            ecological_generations: 0,
        }
    }

    #[test]
    fn one_at_a_time_ends_equal_the_sweep_at_those_points() {
        let s = run_sensitivity(
            &base(),
            &config(Outcome::SpiralShare, 0),
            &Registry::builtin(),
            &|_, _| {},
        )
        .unwrap();
        let d = s
            .one_at_a_time
            .iter()
            .find(|o| o.range.parameter == "differentiation")
            .unwrap();
        let at = |v: f64| {
            run_points(
                &base(),
                &[vec![("differentiation".into(), v)]],
                0,
                &Registry::builtin(),
                &|_| {},
            )
            .unwrap()[0][0]
                .field_spiral_share
        };
        assert_eq!((d.at_low, d.at_high), (at(0.0), at(1.0)));
        // Perfect differentiation ends misperception, so the spiral too.
        assert_eq!(d.at_high, 0.0);
        assert!(d.at_low > 0.0);
        // Greed does not enter perception: the strategies here ignore payoffs.
        let g = s
            .one_at_a_time
            .iter()
            .find(|o| o.range.parameter == "greed")
            .unwrap();
        assert_eq!(g.swing(), 0.0);
        assert_eq!(s.one_at_a_time[0].range.parameter, "differentiation");
    }

    #[test]
    fn morris_ranks_the_parameter_that_acts_first() {
        let s = run_sensitivity(
            &base(),
            &config(Outcome::SpiralShare, 6),
            &Registry::builtin(),
            &|_, _| {},
        )
        .unwrap();
        let m = s.morris.as_ref().unwrap();
        assert!(m.mu_star[0] > 0.0 && m.mu_star[1] == 0.0, "{m:?}");
        assert!(s
            .morris_csv()
            .unwrap()
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("differentiation,6,"));
    }

    #[test]
    fn bad_requests_are_errors() {
        let mut c = config(Outcome::EvolvedRestraint, 0);
        assert!(run_sensitivity(&base(), &c, &Registry::builtin(), &|_, _| {}).is_err());
        c.outcome = Outcome::Restraint;
        c.ranges[0].low = 2.0;
        assert!(run_sensitivity(&base(), &c, &Registry::builtin(), &|_, _| {}).is_err());
        assert!(Outcome::parse("share:").is_err());
        assert_eq!(
            Outcome::parse("share:Tit For Tat").unwrap(),
            Outcome::Share("Tit For Tat".into())
        );
    }
}
