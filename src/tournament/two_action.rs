//! The two-action repeated game in a round robin: its strategies are the
//! registry's, its perception the configuration's
//! ([`TournamentConfig::perception_against`]), its statistics Axelrod-Python's
//! ([`Statistics`]).

use super::config::{PlayerSpec, TournamentConfig};
use super::game_matches::{Accumulate, GameMatches, TournamentMoves};
use super::kind::GameKind;
use super::results::{Accumulator, Side, Statistics};
use crate::action::Perception;
use crate::error::Result;
use crate::play::{MatchResult, StageGame};
use crate::strategy::{Registry, Strategy};
use crate::{Action, MatrixGame};

/// The two-action repeated game as a
/// [`MatchKind`](super::MatchKind): the configuration with its strategies
/// resolved, each pair's stage game and each player's perception.
pub type TwoActionMatches = GameMatches<Action, 2, 4>;

impl TournamentMoves<2, 4> for Action {
    const KIND: GameKind = GameKind::TwoAction;
    type Accumulator = Accumulator;

    fn stage_game(game: &MatrixGame) -> Result<StageGame> {
        StageGame::from_game(game)
    }

    fn strategy(registry: &Registry, name: &str) -> Result<Box<dyn Strategy>> {
        registry.create(name)
    }

    fn perception(
        config: &TournamentConfig,
        player: &PlayerSpec,
        other: Option<&str>,
    ) -> Result<Perception> {
        config.perception_against(player, other)
    }

    fn sides(row: usize, col: usize, m: &MatchResult) -> [Side; 2] {
        sides_of(row, col, m)
    }

    fn pair_cooperation(
        statistics: &Statistics,
        i: usize,
        j: usize,
        roles: f64,
        repetitions: f64,
    ) -> (f64, f64) {
        let turns = statistics.mean_match_lengths[i][j] * repetitions;
        (statistics.cooperation[i][j] as f64, turns * roles)
    }

    fn causes(statistics: &Statistics, i: usize) -> [u64; 3] {
        statistics.defection_causes[i]
    }
}

impl Accumulate for Accumulator {
    type Side = Side;
    type Statistics = Statistics;

    fn new(players: usize, repetitions: usize) -> Self {
        Accumulator::new(players, repetitions)
    }

    fn add_pairing(&mut self, rep: usize, sides: &[Side]) {
        Accumulator::add_pairing(self, rep, sides);
    }

    fn finish(self, names: &[String]) -> Statistics {
        Accumulator::finish(self, names)
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
        opponent_score: m.scores[1 - k],
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
