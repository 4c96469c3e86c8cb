//! Parameter sweeps: one tournament (and optionally an ecological simulation)
//! per point of a grid over game parameters, with the stage game's analytical
//! companions, as one tidy table.
//!
//! Every point runs the same tournament configuration with its parameters
//! changed and **the same seed** (common random numbers: differences between
//! points come from the parameters, not from the streams). Points run in
//! parallel and each point's results depend only on its configuration, so a
//! sweep is bit-identical for any number of threads.
//!
//! The Jervis plane — offence-defence balance θ by differentiation δ of the
//! security-dilemma game — is the built-in example ([`SweepConfig::jervis`]).

use crate::equilibrium::{solve, Method};
use crate::error::{Error, Result};
use crate::evolution::{ecological_simulation, non_negative_fitness};
use crate::game::classify::classify_detailed;
use crate::game::SecurityDilemma;
use crate::posture::PostureTournament;
use crate::records::{self, CsvTable};
use crate::strategy::Registry;
use crate::tournament::output::{csv_field, write_atomic};
use crate::tournament::{GameKind, GameSpec, PlayerSpec, Tournament, TournamentConfig};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name of the sweep table.
pub const TABLE_FILE: &str = "sweep.csv";
/// The file name of the sweep's manifest.
pub const MANIFEST_FILE: &str = "manifest.json";

/// One axis of the grid: a parameter and its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// The parameter's name: a security-dilemma parameter (`offence`,
    /// `differentiation`, `war_cost`, ...) for a security game, or a catalogue
    /// game's parameter (`T`, `R`, ...).
    pub parameter: String,
    /// Explicit values; or give `from`, `to` and `steps`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<f64>,
    /// First value of an evenly spaced range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    /// Last value of the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    /// Number of values in the range (>= 2, or 1 for `from` alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
}

impl Axis {
    /// An axis of the given values.
    pub fn values(parameter: &str, values: Vec<f64>) -> Axis {
        Axis {
            parameter: parameter.into(),
            values,
            from: None,
            to: None,
            steps: None,
        }
    }

    /// An evenly spaced axis from `from` to `to` in `steps` values.
    pub fn range(parameter: &str, from: f64, to: f64, steps: usize) -> Axis {
        Axis {
            parameter: parameter.into(),
            values: Vec::new(),
            from: Some(from),
            to: Some(to),
            steps: Some(steps),
        }
    }

    /// The axis's values. Range values are computed as `from + k (to - from)
    /// / (steps - 1)`, rounded to 12 decimals so 0.1-steps print cleanly.
    pub fn points(&self) -> Result<Vec<f64>> {
        if !self.values.is_empty() {
            if self.from.is_some() || self.to.is_some() || self.steps.is_some() {
                return Err(Error::invalid_parameter(
                    &self.parameter,
                    f64::NAN,
                    "either `values` or `from`/`to`/`steps`, not both",
                ));
            }
            return Ok(self.values.clone());
        }
        match (self.from, self.to, self.steps) {
            (Some(a), _, Some(1)) => Ok(vec![a]),
            (Some(a), Some(b), Some(n)) if n >= 2 => Ok((0..n)
                .map(|k| {
                    let x = a + (b - a) * k as f64 / (n - 1) as f64;
                    (x * 1e12).round() / 1e12
                })
                .collect()),
            _ => Err(Error::invalid_parameter(
                &self.parameter,
                self.steps.unwrap_or(0) as f64,
                "an axis needs `values = [...]` or `from`, `to` and `steps` >= 1",
            )),
        }
    }
}

/// A sweep: a base tournament and the grid over its game's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepConfig {
    /// The axes; the grid is their Cartesian product (the last axis varies fastest).
    pub axes: Vec<Axis>,
    /// Generations of the ecological simulation at every point (0 = none) \[0\].
    #[serde(default)]
    pub ecological_generations: usize,
    /// Strategies whose own maps over the Jervis plane are drawn (population
    /// share after evolution, median score) \[none\].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategy_maps: Vec<String>,
    /// With replicates, also write every replicate's full table
    /// (`sweep_replicates.csv`; large: replicates x points x strategies
    /// rows) \[false: only the intervals\].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replicate_rows: bool,
    /// Add the column `qre_restraint`: the row player's probability of
    /// restraint in the stage game's logit QRE at this precision λ
    /// (docs/model.md §17, §12.2) \[none\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qre_lambda: Option<f64>,
}

impl SweepConfig {
    /// The Jervis plane: offence θ and differentiation δ, each from 0 to 1 in
    /// `steps` values.
    pub fn jervis(steps: usize) -> SweepConfig {
        SweepConfig {
            axes: vec![
                Axis::range("offence", 0.0, 1.0, steps),
                Axis::range("differentiation", 0.0, 1.0, steps),
            ],
            ecological_generations: 0,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
        }
    }

    /// The grid's points, each a list of (parameter, value).
    pub fn points(&self) -> Result<Vec<Vec<(String, f64)>>> {
        if let Some(lambda) = self.qre_lambda {
            if !(lambda.is_finite() && lambda >= 0.0) {
                return Err(Error::invalid_parameter(
                    "qre_lambda",
                    lambda,
                    "a finite precision >= 0",
                ));
            }
        }
        let mut points: Vec<Vec<(String, f64)>> = vec![Vec::new()];
        let lengths: Vec<u64> = self
            .axes
            .iter()
            .map(|a| a.steps.map_or(a.values.len() as u64, |n| n as u64))
            .collect();
        crate::limits::check_grid(&lengths)?;
        for axis in &self.axes {
            let values = axis.points()?;
            points = points
                .into_iter()
                .flat_map(|p| {
                    values.iter().map(move |&v| {
                        let mut q = p.clone();
                        q.push((axis.parameter.clone(), v));
                        q
                    })
                })
                .collect();
        }
        Ok(points)
    }
}

/// The default field of a security-dilemma sweep: the model's own strategies
/// beside classic reciprocators and unconditional players.
pub const SECURITY_FIELD: &[&str] = &[
    "Tit For Tat",
    "Generous Tit For Tat",
    "Win-Stay Lose-Shift",
    "Grudger",
    "Cooperator",
    "Defector",
    "Spiral Reciprocator",
    "Deterrence Hard-liner",
    "Paranoid",
    "Reassurer",
    "Relative-gains Maximiser",
];

/// The stage game's analytical companions at a point. For a three-action
/// sweep the class, greed, fear and q* are those of the R/A game, and the
/// equilibria those of the three-action game.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Ordinal class of the (row player's) stage game, `None` if not a symmetric 2x2.
    pub class: Option<String>,
    /// Greed G = T - R.
    pub greed: Option<f64>,
    /// Fear F = P - S.
    pub fear: Option<f64>,
    /// Trust threshold q* (stag hunts).
    pub trust_threshold: Option<f64>,
    /// Jervis's world (security games).
    pub jervis_world: Option<u8>,
    /// Mutual restraint (C, C) is a Nash equilibrium of the stage game.
    pub restraint_is_equilibrium: bool,
    /// Mutual arming (D, D) is a Nash equilibrium of the stage game.
    pub arming_is_equilibrium: bool,
    /// Mutual defence (H, H) is a Nash equilibrium of the three-action game
    /// (false in a two-action sweep).
    #[serde(default)]
    pub defence_is_equilibrium: bool,
    /// Number of (extreme) Nash equilibria of the stage game.
    pub equilibria: usize,
    /// The row player's probability of restraint in the stage game's
    /// completely mixed equilibrium, when there is one (in a symmetric stag
    /// hunt it is the trust threshold q*: each side restrains just often
    /// enough to make the other indifferent).
    pub mixed_restraint: Option<f64>,
    /// The row player's probability of restraint in the stage game's logit
    /// QRE at the sweep's `--qre-lambda` (the principal branch's point at
    /// that λ; docs/model.md §17), when asked for ([`add_qre_restraint`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qre_restraint: Option<f64>,
}

/// One row of the sweep table: a point and a strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepRow {
    /// The point's index.
    pub point: usize,
    /// The point's parameter values.
    pub parameters: Vec<(String, f64)>,
    /// The player's name.
    pub strategy: String,
    /// Its median per-turn score.
    pub median_score: f64,
    /// Its cooperation (restraint, R) rate against others.
    pub cooperation_rating: f64,
    /// Its share of defensive postures (H; three-action sweeps, else 0).
    pub defence_rate: f64,
    /// Share of its defections that answered a misperceived restraint (or,
    /// in the three-action game, a defensive posture seen as arming).
    pub spiral_share: f64,
    /// Share of its defections that were unprovoked.
    pub unprovoked_share: f64,
    /// Its population share after the ecological simulation (if run).
    pub ecological_share: Option<f64>,
    /// The field's restraint rate at this point.
    pub field_cooperation: f64,
    /// The field's share of defensive postures (three-action sweeps, else 0).
    pub field_defence: f64,
    /// The field's mutual-restraint (CC) rate.
    pub field_mutual_cooperation: f64,
    /// The field's spiral share.
    pub field_spiral_share: f64,
    /// Population-weighted restraint after the ecological simulation (if run).
    pub ecological_cooperation: Option<f64>,
    /// Population-weighted share of defensive postures (H) after the
    /// ecological simulation (three-action sweeps that ran it; `None` in
    /// two-action sweeps, where there is no H). Restraint plus this share is
    /// the share of moves that are not arming.
    pub ecological_defence: Option<f64>,
    /// The stage game's analytical companions.
    pub analysis: Analysis,
}

/// The share of moves after the ecological simulation that are not arming
/// (R or H): restraint plus the defensive share, in three-action sweeps that
/// ran the simulation; `None` elsewhere.
pub fn ecological_non_arming(r: &SweepRow) -> Option<f64> {
    Some(r.ecological_cooperation? + r.ecological_defence?)
}

/// Applies a point's parameters to a tournament configuration.
pub fn configure(base: &TournamentConfig, point: &[(String, f64)]) -> Result<TournamentConfig> {
    let mut config = base.clone();
    for (name, value) in point {
        config.set_parameter(name, *value).map_err(|e| match e {
            Error::UnsupportedGame {
                requirement, found, ..
            } => Error::UnsupportedGame {
                operation: "a sweep",
                requirement,
                found,
            },
            other => other,
        })?;
    }
    Ok(config)
}

fn analyse(config: &TournamentConfig) -> Result<Analysis> {
    let game = config.game.to_game()?;
    let c = classify_detailed(&game).ok();
    let world = match &config.game {
        GameSpec::Security { parameters } => parameters.jervis_world().number(),
        _ => None,
    };
    let stage = config.stage_game()?;
    let report = solve(&stage, Method::All)?;
    let pure = |i: usize, j: usize| {
        report
            .equilibria
            .iter()
            .any(|e| e.row[i] == 1.0 && e.col[j] == 1.0)
    };
    let mixed_restraint = report
        .equilibria
        .iter()
        .find(|e| e.row.iter().chain(e.col.iter()).all(|&p| p > 0.0))
        .map(|e| e.row[0]);
    Ok(Analysis {
        class: c.map(|c| c.class.label().to_string()),
        greed: c.map(|c| c.greed),
        fear: c.map(|c| c.fear),
        trust_threshold: c.and_then(|c| c.trust_threshold()),
        jervis_world: world,
        restraint_is_equilibrium: pure(0, 0),
        arming_is_equilibrium: stage.shape().0 >= 2 && pure(1, 1),
        defence_is_equilibrium: stage.shape() == (3, 3) && pure(2, 2),
        equilibria: report.equilibria.len(),
        mixed_restraint,
        qre_restraint: None,
    })
}

/// Fills every row's [`Analysis::qre_restraint`]: the row player's
/// probability of restraint (its first action) in the logit QRE at
/// precision `lambda` of the stage game at the row's point (`base`
/// configured there), on the principal branch from λ = 0. Each point's
/// game is traced once (points in parallel).
///
/// # Errors
/// [`Error::InvalidParameter`] for a `lambda` that is negative or not
/// finite; the tracer's error at a point where it fails.
pub fn add_qre_restraint(
    rows: &mut [SweepRow],
    base: &TournamentConfig,
    lambda: f64,
) -> Result<()> {
    use crate::equilibrium::qre::{trace_branch, TraceOptions};
    if !(lambda.is_finite() && lambda >= 0.0) {
        return Err(Error::invalid_parameter(
            "qre_lambda",
            lambda,
            "a finite precision >= 0",
        ));
    }
    let mut points: Vec<(usize, Vec<(String, f64)>)> = rows
        .iter()
        .map(|r| (r.point, r.parameters.clone()))
        .collect();
    points.dedup_by(|a, b| a.0 == b.0);
    let values: Vec<(usize, f64)> = points
        .par_iter()
        .map(|(index, point)| {
            let stage = configure(base, point)?.stage_game()?;
            let options = TraceOptions {
                lambdas: vec![lambda],
                end_lambda: None,
            };
            let branch = trace_branch(&stage, &options)?;
            let at = branch.at_lambdas.first().ok_or_else(|| Error::Solver {
                method: "logit QRE",
                message: format!("no point at λ = {lambda}"),
            })?;
            Ok((*index, at.strategies[0][0]))
        })
        .collect::<Result<_>>()?;
    for r in rows.iter_mut() {
        r.analysis.qre_restraint = values
            .iter()
            .find(|(index, _)| *index == r.point)
            .map(|(_, v)| *v);
    }
    Ok(())
}

/// `sweep` with its strategy maps named as the table names the players
/// (a map may name a player by its strategy or by its shown name, in any
/// case). Builds the tournament of the first point, so it also checks the
/// configuration before anything runs.
///
/// # Errors
/// [`Error::Config`] for a map that names no player; the first point's
/// errors.
pub fn canonical_strategy_maps(
    base: &TournamentConfig,
    sweep: &SweepConfig,
    registry: &Registry,
) -> Result<SweepConfig> {
    let points = sweep.points()?;
    let first = configure(base, &points[0])?;
    let names = if first.game_kind() == GameKind::ThreeAction {
        PostureTournament::new(first, registry)?.names().to_vec()
    } else {
        Tournament::new(first, registry)?.names().to_vec()
    };
    let mut sweep = sweep.clone();
    for name in &mut sweep.strategy_maps {
        let k = base
            .players
            .iter()
            .zip(&names)
            .position(|(p, shown)| {
                p.strategy().eq_ignore_ascii_case(name) || shown.eq_ignore_ascii_case(name)
            })
            .ok_or_else(|| Error::Config {
                field: "strategy_maps".into(),
                message: format!("`{name}` is not a player of the sweep"),
            })?;
        *name = names[k].clone();
    }
    Ok(sweep)
}

/// Runs the sweep: every point's tournament (points in parallel), in point order.
/// `progress` is called with the number of points done.
pub fn run_sweep(
    base: &TournamentConfig,
    sweep: &SweepConfig,
    registry: &Registry,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<SweepRow>> {
    let mut single = base.clone();
    single.replicates = 1;
    Ok(run_replicated_sweep(&single, sweep, registry, progress)?.remove(0))
}

/// Runs `base.replicates` replicates of the sweep: replicate `k` plays every
/// point with seed [`replicate_seed`](crate::play::replicate_seed)`(base.seed, k)`
/// (replicate 0 is [`run_sweep`]'s run). All points of all replicates run
/// in parallel; the rows come back per replicate, in point order.
/// `progress` is called with the number of (point, replicate) runs done.
///
/// It is [`sweep_jobs`], [`run_sweep_jobs`] of every job and
/// [`assemble_replicates`]: a sharded run does the same in pieces.
pub fn run_replicated_sweep(
    base: &TournamentConfig,
    sweep: &SweepConfig,
    registry: &Registry,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Vec<SweepRow>>> {
    let total = sweep_jobs(base, sweep)?;
    let all: Vec<usize> = (0..total).collect();
    let rows = run_sweep_jobs(base, sweep, registry, &all, progress)?;
    Ok(assemble_replicates(base, rows))
}

/// The number of jobs of a (replicated) sweep, after checking every
/// point's configuration (the three-action game, for one, needs offence
/// below 1) and the run's size. Job `k * points + p` is point `p` of
/// replicate `k`.
pub fn sweep_jobs(base: &TournamentConfig, sweep: &SweepConfig) -> Result<usize> {
    let total = sweep_job_count(base, sweep)?;
    check_jobs(base, sweep, &(0..total).collect::<Vec<_>>())?;
    Ok(total)
}

/// The number of jobs of a (replicated) sweep, after checking the run's
/// size but not its points ([`check_jobs`]): a shard checks the points of
/// its own jobs.
pub fn sweep_job_count(base: &TournamentConfig, sweep: &SweepConfig) -> Result<usize> {
    let points = sweep.points()?.len();
    let replicates = base.replicates.max(1) as usize;
    crate::limits::check_generations(sweep.ecological_generations as u64, base.players.len())?;
    crate::limits::check_sweep_runs(points as u64, replicates as u64)?;
    Ok(points * replicates)
}

/// Checks the configuration of the points of `jobs` (each point once).
pub fn check_jobs(base: &TournamentConfig, sweep: &SweepConfig, jobs: &[usize]) -> Result<()> {
    let points = sweep.points()?;
    let mut seen = vec![false; points.len()];
    for &job in jobs {
        let p = job % points.len().max(1);
        if !std::mem::replace(&mut seen[p], true) {
            let config = configure(base, &points[p])?;
            config.validate()?;
            config.stage_game()?;
        }
    }
    Ok(())
}

/// Runs the sweep's `jobs` (indices of [`sweep_jobs`]) in parallel: each
/// job's rows, in the order of `jobs`. `progress` is called with the
/// number of jobs done.
pub fn run_sweep_jobs(
    base: &TournamentConfig,
    sweep: &SweepConfig,
    registry: &Registry,
    jobs: &[usize],
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Vec<SweepRow>>> {
    let points = sweep.points()?;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let generations = sweep.ecological_generations;
    jobs.par_iter()
        .map(|&job| {
            let (k, index) = (job / points.len(), job % points.len());
            let seed = crate::play::replicate_seed(base.seed, k as u64);
            let rows = point_rows(base, seed, index, &points[index], generations, registry)?;
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            Ok(rows)
        })
        .collect()
}

/// Every job's rows (all of [`sweep_jobs`]'s jobs, in job order) as each
/// replicate's table, in point order.
pub fn assemble_replicates(
    base: &TournamentConfig,
    rows: Vec<Vec<SweepRow>>,
) -> Vec<Vec<SweepRow>> {
    let replicates = base.replicates.max(1) as usize;
    let points = rows.len() / replicates;
    let mut out = vec![Vec::new(); replicates];
    for (job, r) in rows.into_iter().enumerate() {
        out[job / points.max(1)].extend(r);
    }
    out
}

impl crate::shard::Record for SweepRow {
    fn encode(&self, out: &mut crate::shard::Fields) {
        out.usize(self.point);
        out.usize(self.parameters.len());
        for (name, value) in &self.parameters {
            out.text(name);
            out.f64(*value);
        }
        out.text(&self.strategy);
        for v in [
            self.median_score,
            self.cooperation_rating,
            self.defence_rate,
            self.spiral_share,
            self.unprovoked_share,
        ] {
            out.f64(v);
        }
        out.opt_f64(self.ecological_share);
        for v in [
            self.field_cooperation,
            self.field_defence,
            self.field_mutual_cooperation,
            self.field_spiral_share,
        ] {
            out.f64(v);
        }
        out.opt_f64(self.ecological_cooperation);
        out.opt_f64(self.ecological_defence);
        let a = &self.analysis;
        out.opt_text(a.class.as_deref());
        out.opt_f64(a.greed);
        out.opt_f64(a.fear);
        out.opt_f64(a.trust_threshold);
        match a.jervis_world {
            Some(w) => out.u64(u64::from(w)),
            None => out.u64(0),
        }
        out.bool(a.restraint_is_equilibrium);
        out.bool(a.arming_is_equilibrium);
        out.bool(a.defence_is_equilibrium);
        out.usize(a.equilibria);
        out.opt_f64(a.mixed_restraint);
    }

    fn decode(f: &mut crate::shard::FieldReader<'_>) -> Result<SweepRow> {
        let point = f.usize()?;
        let n = f.usize()?;
        let parameters = (0..n)
            .map(|_| Ok((f.text()?, f.f64()?)))
            .collect::<Result<_>>()?;
        Ok(SweepRow {
            point,
            parameters,
            strategy: f.text()?,
            median_score: f.f64()?,
            cooperation_rating: f.f64()?,
            defence_rate: f.f64()?,
            spiral_share: f.f64()?,
            unprovoked_share: f.f64()?,
            ecological_share: f.opt_f64()?,
            field_cooperation: f.f64()?,
            field_defence: f.f64()?,
            field_mutual_cooperation: f.f64()?,
            field_spiral_share: f.f64()?,
            ecological_cooperation: f.opt_f64()?,
            ecological_defence: f.opt_f64()?,
            analysis: Analysis {
                class: f.opt_text()?,
                greed: f.opt_f64()?,
                fear: f.opt_f64()?,
                trust_threshold: f.opt_f64()?,
                jervis_world: match f.u64()? {
                    0 => None,
                    w @ 1..=4 => Some(w as u8),
                    w => {
                        return Err(Error::invalid_parameter(
                            "jervis_world",
                            w as f64,
                            "a Jervis world 1-4 (0: none)",
                        ))
                    }
                },
                restraint_is_equilibrium: f.bool()?,
                arming_is_equilibrium: f.bool()?,
                defence_is_equilibrium: f.bool()?,
                equilibria: f.usize()?,
                mixed_restraint: f.opt_f64()?,
                // Added after the jobs, by the run or the merge
                // (`add_qre_restraint`), never part of a job's result.
                qre_restraint: None,
            },
        })
    }
}

/// Runs the tournament (and, with `generations` above 0, the ecological
/// simulation) at each of `points`, in parallel, with `base`'s seed at every
/// point; the rows of each point, in the order of `points` (each row's
/// `point` is its index there). Every point's configuration is checked
/// before any runs. `progress` is called with the number of points done.
pub fn run_points(
    base: &TournamentConfig,
    points: &[Vec<(String, f64)>],
    generations: usize,
    registry: &Registry,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Vec<SweepRow>>> {
    crate::limits::check_generations(generations as u64, base.players.len())?;
    crate::limits::check_sweep_runs(points.len() as u64, 1)?;
    for point in points {
        let config = configure(base, point)?;
        config.validate()?;
        config.stage_game()?;
    }
    let done = std::sync::atomic::AtomicUsize::new(0);
    points
        .par_iter()
        .enumerate()
        .map(|(index, point)| {
            let rows = point_rows(base, base.seed, index, point, generations, registry)?;
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            Ok(rows)
        })
        .collect()
}

/// The rows of one point: its tournament with `seed`, the ecological
/// simulation and the stage game's analysis.
fn point_rows(
    base: &TournamentConfig,
    seed: u64,
    index: usize,
    point: &[(String, f64)],
    generations: usize,
    registry: &Registry,
) -> Result<Vec<SweepRow>> {
    let mut config = configure(base, point)?;
    config.seed = seed;
    config.replicates = 1;
    let analysis = analyse(&config)?;
    let rows = match config.game_kind() {
        GameKind::ThreeAction => three_action_rows(config, registry, generations)?,
        GameKind::TwoAction => two_action_rows(config, registry, generations)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| SweepRow {
            point: index,
            parameters: point.to_vec(),
            analysis: analysis.clone(),
            ..r
        })
        .collect())
}

/// The final population shares of an ecological simulation on a payoff
/// matrix (shifted up by its minimum when negative, as the discrete
/// replicator needs non-negative fitness); `None` for 0 generations.
fn ecological_shares(m: &[Vec<f64>], generations: usize) -> Result<Option<Vec<f64>>> {
    if generations == 0 {
        return Ok(None);
    }
    let (payoffs, _) = non_negative_fitness(m);
    let eco = ecological_simulation(&payoffs, None, generations)?;
    Ok(Some(eco.final_shares().to_vec()))
}

/// Population-weighted restraint: sum over i, j of p_i p_j r_ij.
fn weighted(p: &[f64], r: &[Vec<f64>]) -> f64 {
    let mut total = 0.0;
    for (i, pi) in p.iter().enumerate() {
        for (j, pj) in p.iter().enumerate() {
            total += pi * pj * r[i][j];
        }
    }
    total
}

impl SweepRow {
    /// A row of `strategy` with every value blank: point 0 without
    /// parameters, a NaN median score, rates 0 and no ecological values or
    /// analysis (the values a point fills in).
    pub fn blank(strategy: String) -> SweepRow {
        SweepRow {
            point: 0,
            parameters: Vec::new(),
            strategy,
            median_score: f64::NAN,
            cooperation_rating: 0.0,
            defence_rate: 0.0,
            spiral_share: 0.0,
            unprovoked_share: 0.0,
            ecological_share: None,
            field_cooperation: 0.0,
            field_defence: 0.0,
            field_mutual_cooperation: 0.0,
            field_spiral_share: 0.0,
            ecological_cooperation: None,
            ecological_defence: None,
            analysis: Analysis::default(),
        }
    }
}

/// One point's rows from a two-action tournament.
fn two_action_rows(
    config: TournamentConfig,
    registry: &Registry,
    generations: usize,
) -> Result<Vec<SweepRow>> {
    let results = Tournament::new(config, registry)?.run_serial(&mut |_| {}, None)?;
    let s = &results.statistics;
    let shares = ecological_shares(&s.payoff_matrix, generations)?;
    let eco_cooperation = shares
        .as_ref()
        .map(|p| weighted(p, &s.normalised_cooperation));
    let field = s.field_defection_cause_shares();
    Ok((0..results.players.len())
        .map(|i| {
            let causes = s.defection_cause_shares(i);
            SweepRow {
                median_score: s
                    .summary
                    .iter()
                    .find(|r| r.original_index == i)
                    .map_or(f64::NAN, |r| r.median_score),
                cooperation_rating: s.cooperating_rating[i],
                spiral_share: causes[2],
                unprovoked_share: causes[0],
                ecological_share: shares.as_ref().map(|p| p[i]),
                field_cooperation: s.field_cooperation_rate(),
                field_mutual_cooperation: s.field_mutual_cooperation_rate(),
                field_spiral_share: field[2],
                ecological_cooperation: eco_cooperation,
                ..SweepRow::blank(results.players[i].clone())
            }
        })
        .collect())
}

/// One point's rows from a three-action tournament: "cooperation" is the
/// share of R (restraint), and the H shares are filled in.
fn three_action_rows(
    config: TournamentConfig,
    registry: &Registry,
    generations: usize,
) -> Result<Vec<SweepRow>> {
    let results = PostureTournament::new(config, registry)?.run_serial(&mut |_| {}, None)?;
    let s = &results.statistics;
    let shares = ecological_shares(&s.payoff_matrix, generations)?;
    let restraint = s.restraint_matrix();
    let eco_cooperation = shares.as_ref().map(|p| weighted(p, &restraint));
    let defence = s.defence_matrix();
    let eco_defence = shares.as_ref().map(|p| weighted(p, &defence));
    let field = s.field_posture_rates();
    let field_causes = s.field_arming_cause_shares();
    let mutual = s.field_mutual_restraint_rate();
    // Rows in configuration order, as at two-action points.
    let mut by_player: Vec<_> = s.summary.iter().collect();
    by_player.sort_by_key(|row| row.original_index);
    Ok(by_player
        .into_iter()
        .map(|row| SweepRow {
            median_score: row.median_score,
            cooperation_rating: row.posture_rates[0],
            defence_rate: row.posture_rates[2],
            spiral_share: row.arming_cause_shares[2],
            unprovoked_share: row.arming_cause_shares[0],
            ecological_share: shares.as_ref().map(|p| p[row.original_index]),
            field_cooperation: field[0],
            field_defence: field[2],
            field_mutual_cooperation: mutual,
            field_spiral_share: field_causes[2],
            ecological_cooperation: eco_cooperation,
            ecological_defence: eco_defence,
            ..SweepRow::blank(row.name.clone())
        })
        .collect())
}

/// The columns of the sweep table after the point's parameters, in order.
const COLUMNS: [&str; 23] = [
    "strategy",
    "median_score",
    "cooperation_rating",
    "spiral_share",
    "unprovoked_share",
    "ecological_share",
    "field_cooperation",
    "field_mutual_cooperation",
    "field_spiral_share",
    "ecological_cooperation",
    "class",
    "greed",
    "fear",
    "trust_threshold",
    "jervis_world",
    "restraint_is_equilibrium",
    "arming_is_equilibrium",
    "equilibria",
    "mixed_restraint",
    "defence_rate",
    "field_defence",
    "defence_is_equilibrium",
    "ecological_defence",
];

/// The sweep table as CSV: one row per point and strategy, the parameters as
/// columns between `point` and `strategy` (names with commas quoted; an
/// absent value empty).
pub fn to_csv(rows: &[SweepRow]) -> String {
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    let mut s = String::from("point");
    if let Some(first) = rows.first() {
        for (name, _) in &first.parameters {
            s.push(',');
            s.push_str(name);
        }
    }
    for column in COLUMNS {
        s.push(',');
        s.push_str(column);
    }
    // The QRE column only when the sweep computed it (a sweep without
    // `--qre-lambda` writes the table it always did).
    let qre = rows.iter().any(|r| r.analysis.qre_restraint.is_some());
    if qre {
        s.push_str(",qre_restraint");
    }
    s.push('\n');
    for r in rows {
        s.push_str(&r.point.to_string());
        for (_, v) in &r.parameters {
            s.push_str(&format!(",{v}"));
        }
        let a = &r.analysis;
        s.push_str(&format!(
            ",{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_field(&r.strategy),
            r.median_score,
            r.cooperation_rating,
            r.spiral_share,
            r.unprovoked_share,
            opt(r.ecological_share),
            r.field_cooperation,
            r.field_mutual_cooperation,
            r.field_spiral_share,
            opt(r.ecological_cooperation),
            csv_field(a.class.as_deref().unwrap_or_default()),
            opt(a.greed),
            opt(a.fear),
            opt(a.trust_threshold),
            a.jervis_world.map_or(String::new(), |w| w.to_string()),
            a.restraint_is_equilibrium,
            a.arming_is_equilibrium,
            a.equilibria,
            opt(a.mixed_restraint),
            r.defence_rate,
            r.field_defence,
            a.defence_is_equilibrium,
            opt(r.ecological_defence),
        ));
        if qre {
            s.pop();
            s.push_str(&format!(",{}\n", opt(a.qre_restraint)));
        }
    }
    s
}

/// Parses [`to_csv`]'s text back into its rows; `path` names it in errors.
pub fn from_csv(text: &str, path: &Path) -> Result<Vec<SweepRow>> {
    let table = CsvTable::parse(text, path)?;
    if table.headers.first().map(String::as_str) != Some("point") {
        return Err(table.error("expected the header to start with `point`".into()));
    }
    let first = table.column(COLUMNS[0])?;
    let parameters: Vec<(usize, &String)> = (1..first).zip(&table.headers[1..first]).collect();
    let mut at = [0; COLUMNS.len()];
    for (k, column) in COLUMNS.iter().enumerate() {
        at[k] = table.column(column)?;
    }
    let qre_column = table.column("qre_restraint").ok();
    let mut rows = Vec::with_capacity(table.len());
    for row in 0..table.len() {
        let f = |k: usize| table.value::<f64>(row, at[k]);
        let opt = |k: usize| table.optional::<f64>(row, at[k]);
        let flag = |k: usize| table.value::<bool>(row, at[k]);
        let class = table.text(row, at[10]);
        rows.push(SweepRow {
            point: table.value(row, 0)?,
            parameters: parameters
                .iter()
                .map(|&(i, name)| Ok((name.clone(), table.value(row, i)?)))
                .collect::<Result<_>>()?,
            strategy: table.text(row, at[0]).to_string(),
            median_score: f(1)?,
            cooperation_rating: f(2)?,
            spiral_share: f(3)?,
            unprovoked_share: f(4)?,
            ecological_share: opt(5)?,
            field_cooperation: f(6)?,
            field_mutual_cooperation: f(7)?,
            field_spiral_share: f(8)?,
            ecological_cooperation: opt(9)?,
            analysis: Analysis {
                class: (!class.is_empty()).then(|| class.to_string()),
                greed: opt(11)?,
                fear: opt(12)?,
                trust_threshold: opt(13)?,
                jervis_world: table.optional(row, at[14])?,
                restraint_is_equilibrium: flag(15)?,
                arming_is_equilibrium: flag(16)?,
                equilibria: table.value(row, at[17])?,
                mixed_restraint: opt(18)?,
                defence_is_equilibrium: flag(21)?,
                qre_restraint: match qre_column {
                    Some(c) => table.optional(row, c)?,
                    None => None,
                },
            },
            defence_rate: f(19)?,
            field_defence: f(20)?,
            ecological_defence: opt(22)?,
        });
    }
    Ok(rows)
}

/// Writes the sweep table (`sweep.csv`) into `dir`.
pub fn write_table(dir: &Path, rows: &[SweepRow]) -> Result<PathBuf> {
    let path = dir.join(TABLE_FILE);
    write_atomic(&path, to_csv(rows).as_bytes())?;
    Ok(path)
}

/// Reads a sweep table.
pub fn read_table(path: &Path) -> Result<Vec<SweepRow>> {
    from_csv(&records::read_text(path)?, path)
}

/// What reproduces a sweep: the tool, its version, the base tournament and
/// the grid. Written with sorted keys as `manifest.json` beside the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepManifest {
    /// Always `"dilemma"`.
    pub tool: String,
    /// The tool's version.
    pub version: String,
    /// The base tournament of every point (seed included).
    pub tournament: TournamentConfig,
    /// The grid, with the strategy maps named as the table names them.
    pub sweep: SweepConfig,
}

impl SweepManifest {
    /// The manifest of a sweep of `sweep` over `tournament`, by this version
    /// of the tool.
    pub fn new(tournament: &TournamentConfig, sweep: &SweepConfig) -> SweepManifest {
        SweepManifest {
            tool: "dilemma".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            tournament: tournament.clone(),
            sweep: sweep.clone(),
        }
    }

    /// Writes `manifest.json` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        let path = dir.join(MANIFEST_FILE);
        records::write_sorted_json(&path, self)?;
        Ok(path)
    }

    /// Reads a sweep's manifest.
    pub fn read(path: &Path) -> Result<SweepManifest> {
        records::read_json(path)
    }
}

/// The default base tournament of a Jervis sweep: the security field, the
/// security-dilemma game with default parameters, 100 turns, 5 repetitions.
pub fn jervis_base() -> TournamentConfig {
    TournamentConfig {
        name: "jervis-sweep".into(),
        players: SECURITY_FIELD
            .iter()
            .map(|s| PlayerSpec::Name(s.to_string()))
            .collect(),
        game: GameSpec::Security {
            parameters: SecurityDilemma::default(),
        },
        turns: 100,
        repetitions: 5,
        ..TournamentConfig::default()
    }
}

/// Mean of a field-level column over the points of each Jervis world (1-4).
pub fn by_world(rows: &[SweepRow], value: impl Fn(&SweepRow) -> f64) -> [Option<f64>; 4] {
    let mut sums = [(0.0, 0usize); 4];
    let mut seen = std::collections::BTreeSet::new();
    for r in rows {
        if let Some(w) = r.analysis.jervis_world {
            if seen.insert(r.point) {
                sums[(w - 1) as usize].0 += value(r);
                sums[(w - 1) as usize].1 += 1;
            }
        }
    }
    sums.map(|(s, n)| (n > 0).then(|| s / n as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_base() -> TournamentConfig {
        TournamentConfig {
            players: ["Tit For Tat", "Defector", "Spiral Reciprocator", "Paranoid"]
                .iter()
                .map(|s| PlayerSpec::Name(s.to_string()))
                .collect(),
            turns: 30,
            repetitions: 2,
            noise: 0.01,
            ..jervis_base()
        }
    }

    #[test]
    fn strategy_maps_take_the_names_the_table_shows() {
        let mut grid = SweepConfig::jervis(2);
        grid.strategy_maps = vec!["tit for tat".into(), "PARANOID".into()];
        let canonical =
            canonical_strategy_maps(&small_base(), &grid, &Registry::builtin()).unwrap();
        assert_eq!(canonical.strategy_maps, ["Tit For Tat", "Paranoid"]);
        grid.strategy_maps = vec!["Nobody".into()];
        let err = canonical_strategy_maps(&small_base(), &grid, &Registry::builtin()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`strategy_maps`: `Nobody` is not a player of the sweep"
        );
    }

    #[test]
    fn axes_give_ranges_and_lists() {
        assert_eq!(
            Axis::range("offence", 0.0, 1.0, 3).points().unwrap(),
            vec![0.0, 0.5, 1.0]
        );
        assert_eq!(
            Axis::range("offence", 0.0, 1.0, 11).points().unwrap()[3],
            0.3
        );
        assert!(Axis::range("offence", 0.0, 1.0, 0).points().is_err());
        let mut both = Axis::range("offence", 0.0, 1.0, 2);
        both.values = vec![0.5];
        assert!(both.points().is_err());
        assert_eq!(SweepConfig::jervis(5).points().unwrap().len(), 25);
    }

    #[test]
    fn a_three_action_sweep_is_bit_identical_and_reports_defence() {
        let base = TournamentConfig {
            players: [
                "Tit For Tat",
                "Non-Offensive Defender",
                "Defector",
                "Paranoid",
            ]
            .iter()
            .map(|s| PlayerSpec::Name(s.to_string()))
            .collect(),
            three_action: true,
            noise: 0.0,
            ..small_base()
        };
        let sweep = SweepConfig {
            ecological_generations: 20,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
            axes: vec![
                Axis::values("offence", vec![0.2, 0.8]),
                Axis::range("differentiation", 0.0, 1.0, 2),
            ],
        };
        let registry = Registry::builtin();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| run_sweep(&base, &sweep, &registry, &|_| {}).unwrap())
        };
        let one = run(1);
        assert_eq!(one.len(), 4 * 4);
        assert_eq!(one, run(2));
        for r in &one {
            let h = r.defence_rate;
            match r.strategy.as_str() {
                "Non-Offensive Defender" => assert_eq!(r.cooperation_rating + h, 1.0),
                _ => assert_eq!(h, 0.0, "{}", r.strategy),
            }
            assert!(r.field_defence > 0.0 && r.field_defence < 1.0);
            // At δ = 0 the defensive posture is arming in all but name.
            let delta = r.parameters[1].1;
            if delta == 0.0 {
                assert_eq!(
                    r.analysis.defence_is_equilibrium,
                    r.analysis.arming_is_equilibrium
                );
            }
        }
        let csv = to_csv(&one);
        assert!(csv
            .lines()
            .next()
            .unwrap()
            .ends_with("defence_rate,field_defence,defence_is_equilibrium,ecological_defence"));
        // After evolution the moves are R, A or H: restraint and defence
        // share at most the whole, and the Non-Offensive Defender's H
        // against the Defector leaves some defence in every population.
        for r in &one {
            let (c, h) = (
                r.ecological_cooperation.unwrap(),
                r.ecological_defence.unwrap(),
            );
            assert!(h > 0.0 && c + h <= 1.0 + 1e-12, "{c} {h}");
            assert_eq!(ecological_non_arming(r), Some(c + h));
        }
        assert_eq!(from_csv(&csv, Path::new("t.csv")).unwrap(), one);
    }

    #[test]
    fn a_sweep_is_bit_identical_for_one_and_two_threads() {
        let sweep = SweepConfig {
            ecological_generations: 20,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
            ..SweepConfig::jervis(3)
        };
        let registry = Registry::builtin();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| run_sweep(&small_base(), &sweep, &registry, &|_| {}).unwrap())
        };
        let one = run(1);
        assert_eq!(one.len(), 9 * 4);
        assert_eq!(one, run(2));
    }

    #[test]
    fn differentiation_cuts_misperception_and_the_spiral() {
        // At δ = 1 perception is perfect: no defection answers a misperceived restraint.
        let sweep = SweepConfig {
            axes: vec![Axis::range("differentiation", 0.0, 1.0, 2)],
            ecological_generations: 0,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
        };
        let rows = run_sweep(&small_base(), &sweep, &Registry::builtin(), &|_| {}).unwrap();
        let at = |p: usize| rows.iter().find(|r| r.point == p).unwrap();
        assert!(at(0).field_spiral_share > 0.0);
        assert_eq!(at(1).field_spiral_share, 0.0);
        // The analytical companions follow the model.
        assert_eq!(at(0).analysis.class.as_deref(), Some("stag hunt"));
        assert_eq!(at(0).analysis.jervis_world, None, "θ = 0.5 is a boundary");
    }

    #[test]
    fn companions_agree_with_the_closed_forms() {
        // θ = 0.2: a stag hunt whose mixed equilibrium (from vertex
        // enumeration) restrains with probability q* = F / (F - G) = 0.625.
        // θ = 0.8: a prisoner's dilemma, mutual arming its only equilibrium.
        let sweep = SweepConfig {
            axes: vec![Axis::values("offence", vec![0.2, 0.8])],
            ecological_generations: 0,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
        };
        let rows = run_sweep(&small_base(), &sweep, &Registry::builtin(), &|_| {}).unwrap();
        let stag = &rows.iter().find(|r| r.point == 0).unwrap().analysis;
        assert_eq!(stag.equilibria, 3);
        assert!(stag.restraint_is_equilibrium && stag.arming_is_equilibrium);
        let q = stag.trust_threshold.unwrap();
        assert!((q - 0.625).abs() < 1e-12);
        assert!((stag.mixed_restraint.unwrap() - q).abs() < 1e-9);
        let pd = &rows.iter().find(|r| r.point == 1).unwrap().analysis;
        assert_eq!(pd.class.as_deref(), Some("prisoner's dilemma"));
        assert_eq!(pd.equilibria, 1);
        assert!(!pd.restraint_is_equilibrium && pd.arming_is_equilibrium);
        assert_eq!(pd.mixed_restraint, None);
    }

    #[test]
    fn the_sweep_table_reads_back_equal() {
        let sweep = SweepConfig {
            axes: vec![
                Axis::range("offence", 0.2, 0.8, 2),
                Axis::range("differentiation", 0.0, 1.0, 2),
            ],
            ecological_generations: 5,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
        };
        let mut rows = run_sweep(&small_base(), &sweep, &Registry::builtin(), &|_| {}).unwrap();
        // A name with a comma and a row without its optional values.
        rows[0].strategy = "Omega TFT: 3, 8".into();
        rows[1].ecological_share = None;
        rows[1].analysis.class = None;
        rows[1].analysis.jervis_world = None;
        let dir = tempfile::tempdir().unwrap();
        let path = write_table(dir.path(), &rows).unwrap();
        assert_eq!(read_table(&path).unwrap(), rows);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .contains(",\"Omega TFT: 3, 8\","));
        // A renamed column is refused with its name.
        let renamed = text.replace("field_spiral_share", "spiral_field_share");
        let e = from_csv(&renamed, &path).unwrap_err().to_string();
        assert!(e.contains("no `field_spiral_share` column"), "{e}");
    }

    #[test]
    fn sweep_jobs_run_in_any_split_give_the_replicated_sweep() {
        use crate::shard::{parse_partial, partial_text};
        let base = TournamentConfig {
            replicates: 2,
            ..small_base()
        };
        let sweep = SweepConfig {
            ecological_generations: 5,
            ..SweepConfig::jervis(2)
        };
        let registry = Registry::builtin();
        let whole = run_replicated_sweep(&base, &sweep, &registry, &|_| {}).unwrap();
        let total = sweep_jobs(&base, &sweep).unwrap();
        assert_eq!(total, 8);
        // Odd jobs first, then even ones, each through the partial file's text.
        let mut by_job = vec![Vec::new(); total];
        for part in [[1, 3, 5, 7], [0, 2, 4, 6]] {
            let rows = run_sweep_jobs(&base, &sweep, &registry, &part, &|_| {}).unwrap();
            let results: Vec<(usize, Vec<SweepRow>)> = part.iter().copied().zip(rows).collect();
            let text = partial_text(&results);
            for (job, rows) in parse_partial::<SweepRow>(&text, Path::new("p")).unwrap() {
                by_job[job] = rows;
            }
        }
        let merged = assemble_replicates(&base, by_job);
        assert_eq!(merged.len(), 2);
        for (a, b) in merged.iter().zip(&whole) {
            assert_eq!(to_csv(a), to_csv(b));
        }
    }

    #[test]
    fn the_sweep_manifest_reads_back_equal_with_sorted_keys() {
        let manifest = SweepManifest::new(
            &small_base(),
            &SweepConfig {
                strategy_maps: vec!["Paranoid".into()],
                ..SweepConfig::jervis(3)
            },
        );
        let dir = tempfile::tempdir().unwrap();
        let path = manifest.write(dir.path()).unwrap();
        assert_eq!(SweepManifest::read(&path).unwrap(), manifest);
        let text = std::fs::read_to_string(&path).unwrap();
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  \""))
            .map(|l| l.trim().split('"').nth(1).unwrap())
            .collect();
        assert_eq!(keys, ["sweep", "tool", "tournament", "version"]);
    }

    #[test]
    fn unknown_parameters_and_fixed_games_are_errors() {
        let sweep = SweepConfig {
            axes: vec![Axis::range("bogus", 0.0, 1.0, 2)],
            ecological_generations: 0,
            strategy_maps: Vec::new(),
            replicate_rows: false,
            qre_lambda: None,
        };
        assert!(run_sweep(&small_base(), &sweep, &Registry::builtin(), &|_| {}).is_err());
        let fixed = TournamentConfig {
            game: GameSpec::Matrix {
                game: crate::game::catalogue::prisoners_dilemma_default(),
            },
            ..small_base()
        };
        assert!(configure(&fixed, &[("T".into(), 6.0)]).is_err());
    }
}
