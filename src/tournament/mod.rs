//! Round-robin tournaments: every player meets every other and itself, over
//! repetitions, in parallel, with reproducible random streams.
//!
//! Each pairing (i, j), i <= j, in repetition r is one *job*. In a symmetric
//! game the job is one match with i as the row player; in an asymmetric game
//! (B ≠ Aᵀ) it is two matches, one in each role (self-play stays one match).
//! The match of row player a against column player b in repetition r is
//! played with the seed [`match_seed`]`(seed, a, b, r)`,
//! so every match's result depends on nothing but the configuration: the
//! results are bit-identical for any number of threads, and any subset of jobs
//! can be re-run alone. Jobs are played in parallel (rayon) in chunks, and each
//! chunk's results are added to the statistics in job order, so floating-point
//! sums are the same for any thread count.
//!
//! Players may carry group labels ([`PlayerSpec::Detailed`]): strategies are
//! told whether each opponent is of their group, out-group pairs may play
//! their own game and perceive each other with their own noise
//! ([`TournamentConfig`], "Groups"), and the results hold in-group and
//! out-group payoffs and cooperation per player and per group
//! ([`GroupStatistics`]). Whether a job is one match or two depends on the
//! symmetry of the pair's own game.
//!
//! ## References
//! - Axelrod, R. (1980). Effective choice in the prisoner's dilemma. *Journal of
//!   Conflict Resolution* 24(1):3-25.
//! - Knight, V. et al. (2016). An open framework for the reproducible study of
//!   the iterated prisoner's dilemma. *Journal of Open Research Software* 4(1):e35.

mod config;
pub(crate) mod layout;
pub mod output;
pub mod ratings;
pub mod results;
mod round_robin;
mod sides;

pub use config::{GameSpec, PlayerSpec, TournamentConfig, DEFAULT_FIELD};
pub use results::{Side, Statistics, SummaryRow};
pub use round_robin::{MatchKind, RoundRobin, PROGRESS_EVERY};

use crate::error::{Error, Result};
use crate::play::{group_relation, Match, MatchConfig, MatchResult, Perception, StageGame};
use crate::strategy::{Registry, Strategy};
use crate::Action;
use results::Accumulator;
use serde::{Deserialize, Serialize};

/// A two-action tournament ready to run: a [`RoundRobin`] of
/// [`TwoActionMatches`].
pub type Tournament = RoundRobin<TwoActionMatches>;

/// The two-action repeated game as a [`MatchKind`]: the configuration with
/// its strategies resolved, each pair's stage game and each player's
/// perception.
#[derive(Debug)]
pub struct TwoActionMatches {
    config: TournamentConfig,
    /// The stage game of a player of side `a` (as the row player) against
    /// one of side `b`, and whether it is symmetric, at `a * sides + b`.
    games: Vec<(StageGame, bool)>,
    prototypes: Vec<Box<dyn Strategy>>,
    names: Vec<String>,
    /// Each player's perception of the players of each side.
    perception: Vec<Vec<Perception>>,
    /// Each player's side index (unlabelled players share one).
    group_index: Vec<usize>,
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
    /// One row per group, in order of first appearance.
    #[serde(default)]
    pub summary: Vec<GroupSummary>,
}

/// A group's in-group and out-group statistics: its members' payoffs and
/// cooperation against each other (self-play excluded) and against
/// non-members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// The group's label (`""` for unlabelled players).
    pub group: String,
    /// Its members' indices.
    pub members: Vec<usize>,
    /// Mean over ordered pairs of distinct members of the per-turn payoff
    /// (`None` with fewer than two members).
    pub in_group_payoff: Option<f64>,
    /// Mean over (member, non-member) pairs of the member's per-turn payoff.
    pub out_group_payoff: Option<f64>,
    /// Members' cooperations per turn against other members.
    pub in_group_cooperation: Option<f64>,
    /// Members' cooperations per turn against non-members.
    pub out_group_cooperation: Option<f64>,
    /// Members' defections (in the three-action game, armings) after the
    /// first turn by cause, against every opponent: unprovoked, provoked by a
    /// real defection, provoked by a misperceived restraint (the spiral).
    #[serde(default)]
    pub defection_causes: [u64; 3],
}

impl GroupSummary {
    /// The share of the members' defections that were spirals (provoked by a
    /// misperceived restraint); 0 when they never defected.
    pub fn spiral_share(&self) -> f64 {
        let total: u64 = self.defection_causes.iter().sum();
        if total == 0 {
            0.0
        } else {
            self.defection_causes[2] as f64 / total as f64
        }
    }
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

impl RoundRobin<TwoActionMatches> {
    /// Resolves the configuration's strategies in `registry` and checks it.
    pub fn new(config: TournamentConfig, registry: &Registry) -> Result<Self> {
        config.validate()?;
        if config.three_action {
            return Err(Error::UnsupportedGame {
                operation: "a two-action tournament",
                requirement: "three_action = false (a three-action configuration runs as a three-action PostureTournament)",
                found: "three_action = true".into(),
            });
        }
        let sides = layout::side_labels(&config.players);
        let mut games = Vec::with_capacity(sides.len() * sides.len());
        for &a in &sides {
            for &b in &sides {
                let game = config.game_between(a, b)?;
                games.push((StageGame::from_game(&game)?, game.is_symmetric(0.0)));
            }
        }
        let mut prototypes = Vec::with_capacity(config.players.len());
        let mut perception = Vec::with_capacity(config.players.len());
        for p in &config.players {
            prototypes.push(registry.create(p.strategy())?);
            perception.push(
                sides
                    .iter()
                    .map(|&other| config.perception_against(p, other))
                    .collect::<Result<Vec<_>>>()?,
            );
        }
        let names = layout::names_with_sides(
            prototypes.iter().map(|s| s.name().to_string()).collect(),
            &config.players,
        );
        let group_index = layout::group_indices(&config.players);
        Ok(RoundRobin::from_kind(TwoActionMatches {
            games,
            config,
            prototypes,
            names,
            perception,
            group_index,
        }))
    }
}

impl TwoActionMatches {
    /// The stage game of row player `i` against column player `j` and
    /// whether it is symmetric.
    fn game_of(&self, i: usize, j: usize) -> (&StageGame, bool) {
        let sides = self.perception[i].len();
        let (g, symmetric) = &self.games[self.group_index[i] * sides + self.group_index[j]];
        (g, *symmetric)
    }

    fn match_config(&self, row: usize, col: usize, record: bool) -> MatchConfig {
        let base = match self.config.continuation {
            Some(p) => MatchConfig::continuation(p),
            None => MatchConfig::turns(self.config.turns),
        };
        let group = |k: usize| self.config.players[k].side();
        base.with_noise(self.config.noise)
            .with_perception(
                self.perception[row][self.group_index[col]],
                self.perception[col][self.group_index[row]],
            )
            .with_same_group(
                group_relation(group(row), group(col)),
                group_relation(group(col), group(row)),
            )
            .recording(record)
    }

    /// In-group and out-group payoffs (mean over pairs) and cooperation
    /// (cooperations over moves).
    fn group_statistics(&self, s: &Statistics) -> Option<GroupStatistics> {
        let payoff = |i: usize, j: usize| (s.payoff_matrix[i][j], 1.0);
        let cooperation = |i: usize, j: usize| {
            let turns = s.mean_match_lengths[i][j] * self.config.repetitions as f64;
            let sides_per_rep = if self.game_of(i, j).1 { 1.0 } else { 2.0 };
            (s.cooperation[i][j] as f64, turns * sides_per_rep)
        };
        layout::group_statistics(
            &self.config.players,
            &self.group_index,
            &payoff,
            &cooperation,
            &|i| s.defection_causes[i],
        )
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

impl MatchKind for TwoActionMatches {
    type Strategy = dyn Strategy;
    type Runner = Match;
    type Side = Side;
    type Accumulator = Accumulator;
    type Results = TournamentResults;

    fn config(&self) -> &TournamentConfig {
        &self.config
    }

    fn names(&self) -> &[String] {
        &self.names
    }

    fn strategy(&self, k: usize) -> Box<dyn Strategy> {
        self.prototypes[k].clone()
    }

    fn both_roles(&self, i: usize, j: usize) -> bool {
        !self.game_of(i, j).1
    }

    fn runner(&self) -> Match {
        Match::new(self.match_config(0, 0, false))
            .expect("a validated tournament has valid match rules")
    }

    fn play(
        &self,
        runner: &mut Match,
        a: &mut dyn Strategy,
        b: &mut dyn Strategy,
        rep: usize,
        (row, col): (usize, usize),
        seed: u64,
        record: bool,
    ) -> Result<([Side; 2], Option<Interaction>)> {
        runner.set_config(self.match_config(row, col, record))?;
        let m = runner.play(a, b, self.game_of(row, col).0, seed);
        let interaction = record.then(|| Interaction {
            repetition: rep,
            row,
            col,
            row_moves: m.move_string(0).unwrap_or_default(),
            col_moves: m.move_string(1).unwrap_or_default(),
            row_score: m.scores[0],
            col_score: m.scores[1],
        });
        Ok((sides_of(row, col, &m), interaction))
    }

    fn accumulator(&self) -> Accumulator {
        Accumulator::new(self.names.len(), self.config.repetitions as usize)
    }

    fn add(&self, acc: &mut Accumulator, rep: usize, sides: &[Side]) {
        acc.add_pairing(rep, sides);
    }

    fn finish(&self, acc: Accumulator) -> TournamentResults {
        let statistics = acc.finish(&self.names);
        let groups = self.group_statistics(&statistics);
        TournamentResults {
            config: self.config.clone(),
            players: self.names.clone(),
            statistics,
            groups,
        }
    }
}
