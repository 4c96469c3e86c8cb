//! The configuration of a tournament of groups (docs/model.md §20.6).

use crate::game::alliance::AllianceSpec;
use crate::tournament::output::StrategyFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The stage game of a tournament of groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupGameSpec {
    /// A game of the n-player catalogue (docs/model.md §16); its `n` is the
    /// group size.
    Catalogue {
        /// The game's name.
        name: String,
        /// Parameter overrides.
        #[serde(default)]
        params: BTreeMap<String, f64>,
    },
    /// The n-state security dilemma, one state per seat (docs/model.md §20).
    Alliance {
        /// The states, blocs and commitment.
        alliance: AllianceSpec,
    },
}

/// A tournament of groups.
///
/// Every field has a default ([`GroupTournamentConfig::default`]), so an
/// experiment file's `[groups]` table names only what it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupTournamentConfig {
    /// The run's name.
    pub name: String,
    /// The field: strategy names ([`crate::play::group::GroupRule::parse`],
    /// or the names of the strategies of `strategy_files`).
    pub players: Vec<String>,
    /// Group strategy files (`[[group_strategy]]` tables,
    /// [`crate::play::group::parse_group_strategies`]), each with the path
    /// it was read from and its text, which is what the run uses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strategy_files: Vec<StrategyFile>,
    /// n: the players of each group.
    pub group_size: usize,
    /// The stage game.
    pub game: GroupGameSpec,
    /// Turns per match (when `continuation` is not given).
    pub turns: u64,
    /// Continuation probability instead of fixed turns.
    #[serde(default)]
    pub continuation: Option<f64>,
    /// Repetitions of every group's matches.
    pub repetitions: u32,
    /// Action noise of every player.
    #[serde(default)]
    pub noise: f64,
    /// Perception noise of every player toward every other (catalogue games;
    /// the alliance game's perception comes from the model).
    #[serde(default)]
    pub perception_noise: f64,
    /// The seed.
    #[serde(default)]
    pub seed: u64,
    /// The most groups played: more combinations than this are sampled.
    pub max_groups: u64,
}

/// The default limit on the number of groups.
pub const DEFAULT_MAX_GROUPS: u64 = 100_000;

impl Default for GroupTournamentConfig {
    /// The default field ([`crate::play::group::default_field`]) in groups of
    /// three on the n-player prisoner's dilemma, 200 turns, 10 repetitions.
    fn default() -> Self {
        GroupTournamentConfig {
            name: "groups".into(),
            players: crate::play::group::default_field()
                .iter()
                .map(|r| r.to_string())
                .collect(),
            strategy_files: Vec::new(),
            group_size: 3,
            game: GroupGameSpec::Catalogue {
                name: "n_prisoners_dilemma".into(),
                params: BTreeMap::new(),
            },
            turns: 200,
            continuation: None,
            repetitions: 10,
            noise: 0.0,
            perception_noise: 0.0,
            seed: 0,
            max_groups: DEFAULT_MAX_GROUPS,
        }
    }
}
