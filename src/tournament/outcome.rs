//! What a tournament produces besides its statistics: the results record,
//! the interactions table's rows and the in-group / out-group statistics.

use super::config::TournamentConfig;
use super::results::Statistics;
use serde::{Deserialize, Serialize};

/// One match's moves, for the optional interactions table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    /// Repetition.
    pub repetition: usize,
    /// Row player's index.
    pub row: usize,
    /// Column player's index.
    pub col: usize,
    /// Row player's moves as letters (`C`/`D`, or `R`/`A`/`H`).
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

/// Everything a tournament produces: its statistics `S` are [`Statistics`] in
/// the two-action game and
/// [`PostureStatistics`](crate::posture::PostureStatistics) in the
/// three-action one ([`PostureResults`](crate::posture::PostureResults)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TournamentResults<S = Statistics> {
    /// The configuration that produced it.
    pub config: TournamentConfig,
    /// Player names, in the configuration's order.
    pub players: Vec<String>,
    /// The statistics.
    pub statistics: S,
    /// In-group and out-group statistics, when players have groups (in the
    /// three-action game the "cooperation" fields hold the share of R).
    pub groups: Option<GroupStatistics>,
}
