//! Round-robin tournaments: every player meets every other and itself, over
//! repetitions, in parallel, with reproducible random streams.
//!
//! Each pairing (i, j), i <= j, in repetition r is one *job*. In a symmetric
//! game the job is one match with i as the row player; in an asymmetric game
//! (B ≠ Aᵀ) it is two matches, one in each role (self-play stays one match).
//! The match of row player a against column player b in repetition r is
//! played with the seed [`match_seed`](crate::play::match_seed)`(seed, a, b, r)`,
//! so every match's result depends on nothing but the configuration: the
//! results are bit-identical for any number of threads, and any subset of jobs
//! can be re-run alone. Jobs are played in parallel (rayon) in chunks, and each
//! chunk's results are added to the statistics in job order, so floating-point
//! sums are the same for any thread count.
//!
//! ## References
//! - Axelrod, R. (1980). Effective choice in the prisoner's dilemma. *Journal of
//!   Conflict Resolution* 24(1):3-25.
//! - Knight, V. et al. (2016). An open framework for the reproducible study of
//!   the iterated prisoner's dilemma. *Journal of Open Research Software* 4(1):e35.

mod config;
pub mod output;
pub mod ratings;
pub mod results;

pub use config::{GameSpec, PlayerSpec, TournamentConfig, DEFAULT_FIELD};
pub use results::{Side, Statistics, SummaryRow};

use crate::error::{Error, Result};
use crate::play::{
    group_relation, match_seed, Match, MatchConfig, MatchResult, Perception, StageGame,
};
use crate::strategy::{Registry, Strategy};
use crate::Action;
use rayon::prelude::*;
use results::Accumulator;
use serde::{Deserialize, Serialize};

/// Jobs played in parallel before their results are merged in order.
const CHUNK: usize = 1024;

/// A tournament ready to run: the configuration with its strategies resolved.
#[derive(Debug)]
pub struct Tournament {
    config: TournamentConfig,
    game: StageGame,
    symmetric: bool,
    prototypes: Vec<Box<dyn Strategy>>,
    names: Vec<String>,
    perception: Vec<Perception>,
}

impl TournamentConfig {
    /// How `player` misreads its opponents' moves: its own perception noise
    /// if set; else, in a security-dilemma game, the model's (a restraint is
    /// read as arming with probability ε0 (1 - δ) + ψ, where ψ is the player's
    /// paranoia, and arming as restraint with probability ε0 (1 - δ)); else
    /// the tournament's perception noise.
    pub fn perception_of(&self, player: &PlayerSpec) -> Result<Perception> {
        if let Some(e) = player.perception_noise() {
            return Ok(Perception::symmetric(e));
        }
        if let GameSpec::Security { parameters } = &self.game {
            let base = parameters.max_misperception * (1.0 - parameters.differentiation);
            let psi = player.paranoia().unwrap_or(0.0);
            let c_as_d = base + psi;
            if c_as_d > 1.0 {
                return Err(Error::invalid_parameter(
                    "paranoia",
                    psi,
                    format!(
                        "at most {} so that a restraint is misread with probability <= 1",
                        1.0 - base
                    ),
                ));
            }
            return Ok(Perception {
                c_as_d,
                d_as_c: base,
            });
        }
        Ok(Perception::symmetric(self.perception_noise))
    }
}

/// One match's moves, for the optional interactions table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// Repetition.
    pub repetition: usize,
    /// Row player's index.
    pub row: usize,
    /// Column player's index.
    pub col: usize,
    /// Row player's moves, `C`/`D`.
    pub row_moves: String,
    /// Column player's moves.
    pub col_moves: String,
    /// Row player's total payoff.
    pub row_score: f64,
    /// Column player's total payoff.
    pub col_score: f64,
}

/// Per-player in-group and out-group statistics (players with group labels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStatistics {
    /// Each player's group.
    pub groups: Vec<String>,
    /// Mean per-turn payoff against other members of the player's group
    /// (`None` if it has none).
    pub in_group_payoff: Vec<Option<f64>>,
    /// Mean per-turn payoff against players of other groups.
    pub out_group_payoff: Vec<Option<f64>>,
    /// Cooperations per turn against other members of its group.
    pub in_group_cooperation: Vec<Option<f64>>,
    /// Cooperations per turn against players of other groups.
    pub out_group_cooperation: Vec<Option<f64>>,
}

/// Everything a tournament produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TournamentResults {
    /// The configuration that produced it.
    pub config: TournamentConfig,
    /// Player names, in the configuration's order.
    pub players: Vec<String>,
    /// The statistics.
    pub statistics: Statistics,
    /// In-group and out-group statistics, when players have groups.
    pub groups: Option<GroupStatistics>,
}

impl Tournament {
    /// Resolves the configuration's strategies in `registry` and checks it.
    pub fn new(config: TournamentConfig, registry: &Registry) -> Result<Self> {
        config.validate()?;
        let game = config.game.to_game()?;
        let stage = StageGame::from_game(&game)?;
        let mut prototypes = Vec::with_capacity(config.players.len());
        let mut perception = Vec::with_capacity(config.players.len());
        for p in &config.players {
            prototypes.push(registry.create(p.strategy())?);
            perception.push(config.perception_of(p)?);
        }
        let names = prototypes.iter().map(|s| s.name().to_string()).collect();
        Ok(Tournament {
            symmetric: game.is_symmetric(0.0),
            config,
            game: stage,
            prototypes,
            names,
            perception,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &TournamentConfig {
        &self.config
    }

    /// The players' names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of jobs (pairings x repetitions).
    pub fn jobs(&self) -> usize {
        let n = self.prototypes.len();
        n * (n + 1) / 2 * self.config.repetitions as usize
    }

    /// The job with index `k`: (repetition, i, j), repetition-major, then i,
    /// then j >= i.
    fn job(&self, k: usize) -> (usize, usize, usize) {
        let n = self.prototypes.len();
        let per_rep = n * (n + 1) / 2;
        let rep = k / per_rep;
        let mut rest = k % per_rep;
        let mut i = 0;
        while rest >= n - i {
            rest -= n - i;
            i += 1;
        }
        (rep, i, i + rest)
    }

    fn match_config(&self, row: usize, col: usize, record: bool) -> MatchConfig {
        let base = match self.config.continuation {
            Some(p) => MatchConfig::continuation(p),
            None => MatchConfig::turns(self.config.turns),
        };
        let group = |k: usize| self.config.players[k].group();
        base.with_noise(self.config.noise)
            .with_perception(self.perception[row], self.perception[col])
            .with_same_group(
                group_relation(group(row), group(col)),
                group_relation(group(col), group(row)),
            )
            .recording(record)
    }

    /// Plays row player `row` against column player `col` in repetition
    /// `rep`, with strategy instances from a worker's `cache` (copied from the
    /// prototypes on first use; a match resets them).
    fn play_one(
        &self,
        cache: &mut StrategyCache,
        rep: usize,
        row: usize,
        col: usize,
        record: bool,
    ) -> Result<MatchResult> {
        let seed = match_seed(self.config.seed, row as u64, col as u64, rep as u64);
        let mut m = Match::new(self.match_config(row, col, record))?;
        let (strategies, twins) = cache;
        Ok(if row == col {
            let a = strategies[row].get_or_insert_with(|| self.prototypes[row].clone());
            let b = twins[row].get_or_insert_with(|| self.prototypes[row].clone());
            m.play(&mut **a, &mut **b, &self.game, seed)
        } else {
            let (a, b) = pick_two(strategies, row, col);
            let a = a.get_or_insert_with(|| self.prototypes[row].clone());
            let b = b.get_or_insert_with(|| self.prototypes[col].clone());
            m.play(&mut **a, &mut **b, &self.game, seed)
        })
    }

    /// Plays every match and returns the statistics. `progress` is called
    /// with the number of jobs finished so far, after each chunk;
    /// `interactions`, when given, receives every match's moves in job order.
    ///
    /// Chunks of jobs are played in parallel; while one chunk plays, the
    /// previous one is added to the statistics, in job order.
    pub fn run(
        &self,
        progress: &mut (dyn FnMut(usize) + Send),
        mut interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<TournamentResults> {
        let n = self.prototypes.len();
        let reps = self.config.repetitions as usize;
        let record = interactions.is_some();
        let mut acc = Accumulator::new(n, reps);
        let total = self.jobs();
        let mut pending: Option<(usize, Vec<JobOutcome>)> = None;
        let mut start = 0;
        loop {
            let end = (start + CHUNK).min(total);
            let (absorbed, played) = rayon::join(
                || -> Result<Option<usize>> {
                    let Some((done, outcomes)) = pending.take() else {
                        return Ok(None);
                    };
                    for outcome in outcomes {
                        acc.add_pairing(outcome.rep, &outcome.sides);
                        if let Some(sink) = interactions.as_mut() {
                            for m in outcome.interactions {
                                sink(m)?;
                            }
                        }
                    }
                    Ok(Some(done))
                },
                || self.play_chunk(start, end, record),
            );
            if let Some(done) = absorbed? {
                progress(done);
            }
            let outcomes = played?;
            if start == end {
                break;
            }
            pending = Some((end, outcomes));
            start = end;
        }
        let statistics = acc.finish(&self.names);
        let groups = self.group_statistics(&statistics);
        Ok(TournamentResults {
            config: self.config.clone(),
            players: self.names.clone(),
            statistics,
            groups,
        })
    }

    /// Plays jobs `start..end` in parallel; the results come back in job order.
    fn play_chunk(&self, start: usize, end: usize, record: bool) -> Result<Vec<JobOutcome>> {
        (start..end)
            .into_par_iter()
            .with_min_len(32)
            .map_init(
                || {
                    let n = self.prototypes.len();
                    (
                        (0..n).map(|_| None).collect(),
                        (0..n).map(|_| None).collect(),
                    )
                },
                |cache: &mut StrategyCache, k| {
                    let (rep, i, j) = self.job(k);
                    let mut pairs = vec![(i, j)];
                    if !self.symmetric && i != j {
                        pairs.push((j, i));
                    }
                    let mut outcome = JobOutcome {
                        rep,
                        sides: Vec::with_capacity(2 * pairs.len()),
                        interactions: Vec::new(),
                    };
                    for (a, b) in pairs {
                        let m = self.play_one(cache, rep, a, b, record)?;
                        outcome.sides.extend(sides_of(a, b, &m));
                        if record {
                            outcome.interactions.push(Interaction {
                                repetition: rep,
                                row: a,
                                col: b,
                                row_moves: m.move_string(0).unwrap_or_default(),
                                col_moves: m.move_string(1).unwrap_or_default(),
                                row_score: m.scores[0],
                                col_score: m.scores[1],
                            });
                        }
                    }
                    Ok(outcome)
                },
            )
            .collect()
    }

    /// Runs on a pool of `threads` threads (all cores when `None`).
    pub fn run_with_threads(
        &self,
        threads: Option<usize>,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<TournamentResults> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(|e| {
                Error::invalid_parameter("threads", threads.unwrap_or(0) as f64, e.to_string())
            })?;
        pool.install(|| self.run(progress, interactions))
    }

    fn group_statistics(&self, s: &Statistics) -> Option<GroupStatistics> {
        let groups: Vec<Option<&str>> = self.config.players.iter().map(|p| p.group()).collect();
        if groups.iter().all(Option::is_none) {
            return None;
        }
        let n = groups.len();
        let label = |i: usize| groups[i].unwrap_or("");
        let mean_over = |i: usize, same: bool, f: &dyn Fn(usize) -> (f64, f64)| {
            let (mut num, mut den) = (0.0, 0.0);
            for j in (0..n).filter(|&j| j != i && (label(j) == label(i)) == same) {
                let (a, b) = f(j);
                num += a;
                den += b;
            }
            (den > 0.0).then(|| num / den)
        };
        let payoff = |i: usize| move |j: usize| (s.payoff_matrix[i][j], 1.0);
        let coop = |i: usize| {
            move |j: usize| {
                let turns = s.mean_match_lengths[i][j] * self.config.repetitions as f64;
                let sides_per_rep = if self.symmetric { 1.0 } else { 2.0 };
                (s.cooperation[i][j] as f64, turns * sides_per_rep)
            }
        };
        Some(GroupStatistics {
            groups: (0..n).map(|i| label(i).to_string()).collect(),
            in_group_payoff: (0..n).map(|i| mean_over(i, true, &payoff(i))).collect(),
            out_group_payoff: (0..n).map(|i| mean_over(i, false, &payoff(i))).collect(),
            in_group_cooperation: (0..n).map(|i| mean_over(i, true, &coop(i))).collect(),
            out_group_cooperation: (0..n).map(|i| mean_over(i, false, &coop(i))).collect(),
        })
    }
}

/// A worker's strategy instances: one per player and a twin for self-play,
/// copied from the prototypes when first needed.
type StrategyCache = (
    Vec<Option<Box<dyn Strategy>>>,
    Vec<Option<Box<dyn Strategy>>>,
);

/// What one job (a pairing in a repetition) contributes: the sides of its
/// matches and, when recorded, their moves.
struct JobOutcome {
    rep: usize,
    sides: Vec<Side>,
    interactions: Vec<Interaction>,
}

fn pick_two<T>(v: &mut [T], a: usize, b: usize) -> (&mut T, &mut T) {
    assert_ne!(a, b);
    if a < b {
        let (lo, hi) = v.split_at_mut(b);
        (&mut lo[a], &mut hi[0])
    } else {
        let (lo, hi) = v.split_at_mut(a);
        (&mut hi[0], &mut lo[b])
    }
}

/// The two sides of a match of row player `a` against column player `b`.
fn sides_of(a: usize, b: usize, m: &MatchResult) -> [Side; 2] {
    let coop = [m.cooperations(0), m.cooperations(1)];
    let first = m
        .first_moves
        .map(|f| [f[0] == Action::C, f[1] == Action::C]);
    let [cc, cd, dc, dd] = m.states;
    let side = |k: usize, player: usize, opponent: usize, states: [u64; 4]| Side {
        player,
        opponent,
        score: m.scores[k],
        turns: m.turns,
        cooperations: coop[k],
        initial_cooperation: first.is_some_and(|f| f[k]),
        states,
        transitions: m.transitions[k],
        won: m.winner() == Some(k),
        good_partner: coop[k] >= coop[1 - k],
        defection_causes: m.defection_causes[k],
    };
    [
        side(0, a, b, [cc, cd, dc, dd]),
        side(1, b, a, [cc, dc, cd, dd]),
    ]
}
