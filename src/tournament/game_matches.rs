//! The repeated game of a move alphabet as a [`MatchKind`], written once:
//! the two-action tournament ([`super::TwoActionMatches`]) and the
//! three-action one ([`crate::posture::ThreeActionMatches`]) are two
//! instantiations of [`GameMatches`]. What differs between them — the
//! strategies, each player's perception, what one side of a match adds to the
//! statistics — is the alphabet's [`TournamentMoves`].

use super::config::{PlayerSpec, TournamentConfig};
use super::kind::GameKind;
use super::layout;
use super::outcome::{GroupStatistics, Interaction, TournamentResults};
use super::output::{Manifest, StrategyFile, Tables};
use super::round_robin::{MatchKind, RoundRobin};
use crate::error::Result;
use crate::play::{
    group_relation, Alphabet, Game, MatchOutcome, MatchRules, MatchRunner, PerceptionRule,
};
use crate::strategy::{moves_to_string, Registry, Strategy};
use crate::MatrixGame;

/// Statistics accumulated as a round robin's jobs finish (in job order, so
/// that floating-point sums do not depend on the number of threads).
pub trait Accumulate: Send + Sized {
    /// One player's side of one match, as the statistics take it (and as
    /// a shard's partial file holds it).
    type Side: Copy + Send + Sync + crate::shard::Record;
    /// The finished statistics.
    type Statistics: Tables + Send;

    /// Empty sums for `players` players over `repetitions` repetitions.
    fn new(players: usize, repetitions: usize) -> Self;
    /// Adds the sides of one job: every match of one pairing in repetition
    /// `rep` (one, or two in both roles).
    fn add_pairing(&mut self, rep: usize, sides: &[Self::Side]);
    /// The statistics of everything added, for players named `names`
    /// (consumed: its largest tables move into the statistics uncopied).
    fn finish(self, names: &[String]) -> Self::Statistics;
}

/// One side of a match of the alphabet `M` as its statistics take it.
pub type SideOf<M, const N: usize, const S: usize> =
    <<M as TournamentMoves<N, S>>::Accumulator as Accumulate>::Side;

/// The statistics of a round robin over the alphabet `M`.
pub type StatisticsOf<M, const N: usize, const S: usize> =
    <<M as TournamentMoves<N, S>>::Accumulator as Accumulate>::Statistics;

/// What a round robin over the moves of an [`Alphabet`] needs besides the
/// match: its strategies, each player's perception, and its statistics.
pub trait TournamentMoves<const N: usize, const S: usize>: Alphabet<N, S> {
    /// The kind of configuration that plays this alphabet.
    const KIND: GameKind;
    /// The statistics being accumulated.
    type Accumulator: Accumulate;

    /// The stage game of a matrix of the configuration's kind
    /// ([`TournamentConfig::stage_game`]).
    fn stage_game(game: &MatrixGame) -> Result<Game<N>>;
    /// The strategy called `name`.
    fn strategy(registry: &Registry, name: &str) -> Result<Box<dyn Strategy<Self>>>;
    /// The manifest of a run of `config`: its strategies' records, with the
    /// text of the strategy files `files`.
    fn manifest(
        config: &TournamentConfig,
        registry: &Registry,
        files: Vec<StrategyFile>,
    ) -> Manifest {
        Manifest::new(config, registry, files)
    }
    /// How `player` misreads opponents of side `other`.
    fn perception(
        config: &TournamentConfig,
        player: &PlayerSpec,
        other: Option<&str>,
    ) -> Result<Self::Perception>;
    /// The two sides (row player's first) of a match of row player `row`
    /// against column player `col`.
    fn sides(row: usize, col: usize, m: &MatchOutcome<Self, N, S>) -> [SideOf<Self, N, S>; 2];
    /// i's peaceful moves (C, R) against j and all its moves against j, when
    /// each repetition plays `roles` matches (1, or 2 in both roles) of
    /// `repetitions`.
    fn pair_cooperation(
        statistics: &StatisticsOf<Self, N, S>,
        i: usize,
        j: usize,
        roles: f64,
        repetitions: f64,
    ) -> (f64, f64);
    /// Player `i`'s defections (or armings) after the first turn by cause:
    /// unprovoked, provoked, provoked by a misperceived restraint.
    fn causes(statistics: &StatisticsOf<Self, N, S>, i: usize) -> [u64; 3];
}

/// A round robin's matches over the moves `M`: the configuration with its
/// strategies resolved, each pair's stage game and each player's perception.
#[derive(Debug)]
pub struct GameMatches<M: TournamentMoves<N, S>, const N: usize, const S: usize> {
    config: TournamentConfig,
    /// The stage game of a player of side `a` (as the row player) against
    /// one of side `b`, and whether it is symmetric, at `a * sides + b`.
    games: Vec<(Game<N>, bool)>,
    prototypes: Vec<Box<dyn Strategy<M>>>,
    names: Vec<String>,
    /// Each player's perception of the players of each side.
    perception: Vec<Vec<M::Perception>>,
    /// Each player's side index (unlabelled players share one).
    group_index: Vec<usize>,
    /// A spatial tournament's edges, each (lower, higher index).
    edges: Option<std::collections::HashSet<(usize, usize)>>,
}

impl<M: TournamentMoves<N, S>, const N: usize, const S: usize> RoundRobin<GameMatches<M, N, S>> {
    /// Checks the configuration (it must be of the alphabet's
    /// [`GameKind`]), resolves its strategies in `registry` (see
    /// [`TournamentMoves::strategy`]) and each player's perception.
    pub fn new(config: TournamentConfig, registry: &Registry) -> Result<Self> {
        config.validate()?;
        config.require_kind(M::KIND)?;
        let sides = layout::side_labels(&config.players);
        let mut games = Vec::with_capacity(sides.len() * sides.len());
        for &a in &sides {
            for &b in &sides {
                let game = M::stage_game(&config.stage_game_between(a, b)?)?;
                games.push((game, game.is_symmetric()));
            }
        }
        let mut prototypes = Vec::with_capacity(config.players.len());
        let mut perception = Vec::with_capacity(config.players.len());
        for p in &config.players {
            prototypes.push(M::strategy(registry, p.strategy())?);
            perception.push(
                sides
                    .iter()
                    .map(|&other| M::perception(&config, p, other))
                    .collect::<Result<Vec<_>>>()?,
            );
        }
        let names = layout::names_with_sides(
            prototypes.iter().map(|s| s.name().to_string()).collect(),
            &config.players,
        );
        let group_index = layout::group_indices(&config.players);
        let edges = config.edge_set();
        Ok(RoundRobin::from_kind(GameMatches {
            edges,
            config,
            games,
            prototypes,
            names,
            perception,
            group_index,
        }))
    }
}

impl<M: TournamentMoves<N, S>, const N: usize, const S: usize> GameMatches<M, N, S> {
    /// The stage game of row player `i` against column player `j` and
    /// whether it is symmetric.
    fn game_of(&self, i: usize, j: usize) -> (&Game<N>, bool) {
        let sides = self.perception[i].len();
        let (g, symmetric) = &self.games[self.group_index[i] * sides + self.group_index[j]];
        (g, *symmetric)
    }

    /// The rules of the match of row player `row` against column player
    /// `col`.
    fn match_rules(&self, row: usize, col: usize, record: bool) -> MatchRules<M::Perception> {
        let base = match self.config.continuation {
            Some(p) => MatchRules::continuation(p),
            None => MatchRules::turns(self.config.turns),
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
    /// (peaceful moves over moves).
    fn group_statistics(&self, s: &StatisticsOf<M, N, S>) -> Option<GroupStatistics> {
        let payoff = |i: usize, j: usize| (s.payoff_matrix()[i][j], 1.0);
        let repetitions = f64::from(self.config.repetitions);
        let cooperation = |i: usize, j: usize| {
            let roles = if self.game_of(i, j).1 { 1.0 } else { 2.0 };
            M::pair_cooperation(s, i, j, roles, repetitions)
        };
        layout::group_statistics(
            &self.config.players,
            &self.group_index,
            &payoff,
            &cooperation,
            &|i| M::causes(s, i),
        )
    }
}

impl<M: TournamentMoves<N, S>, const N: usize, const S: usize> MatchKind for GameMatches<M, N, S> {
    type Strategy = dyn Strategy<M>;
    type Runner = MatchRunner<M, N, S>;
    type Side = SideOf<M, N, S>;
    type Accumulator = M::Accumulator;
    type Results = TournamentResults<StatisticsOf<M, N, S>>;

    fn config(&self) -> &TournamentConfig {
        &self.config
    }

    fn names(&self) -> &[String] {
        &self.names
    }

    fn strategy(&self, k: usize) -> Box<dyn Strategy<M>> {
        self.prototypes[k].clone()
    }

    fn both_roles(&self, i: usize, j: usize) -> bool {
        !self.game_of(i, j).1
    }

    fn plays(&self, i: usize, j: usize) -> bool {
        self.edges.as_ref().is_none_or(|e| e.contains(&(i, j)))
    }

    fn repeats_exactly(&self, i: usize, j: usize) -> bool {
        self.config.noise <= 0.0
            && self.config.continuation.is_none()
            && self.perception[i][self.group_index[j]].is_perfect()
            && self.perception[j][self.group_index[i]].is_perfect()
            && !self.prototypes[i].classifier().stochastic
            && !self.prototypes[j].classifier().stochastic
    }

    fn runner(&self) -> MatchRunner<M, N, S> {
        MatchRunner::new(self.match_rules(0, 0, false))
            .expect("a validated tournament has valid match rules")
    }

    fn play(
        &self,
        runner: &mut MatchRunner<M, N, S>,
        a: &mut dyn Strategy<M>,
        b: &mut dyn Strategy<M>,
        rep: usize,
        (row, col): (usize, usize),
        seed: u64,
        record: bool,
    ) -> Result<([SideOf<M, N, S>; 2], Option<Interaction>)> {
        runner.set_config(self.match_rules(row, col, record))?;
        let m = runner.play(a, b, self.game_of(row, col).0, seed);
        let interaction = m.moves.as_ref().map(|[x, y]| Interaction {
            repetition: rep,
            row,
            col,
            row_moves: moves_to_string(x),
            col_moves: moves_to_string(y),
            row_score: m.scores[0],
            col_score: m.scores[1],
        });
        Ok((M::sides(row, col, &m), interaction))
    }

    fn accumulator(&self) -> M::Accumulator {
        M::Accumulator::new(self.names.len(), self.config.repetitions as usize)
    }

    fn add(&self, acc: &mut M::Accumulator, rep: usize, sides: &[SideOf<M, N, S>]) {
        acc.add_pairing(rep, sides);
    }

    fn finish(&self, acc: M::Accumulator) -> TournamentResults<StatisticsOf<M, N, S>> {
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
