//! Round robins of the three-action security dilemma.

use super::results::{PostureAccumulator, PostureSide};
use super::{
    create, postures_to_string, PostureGame, PostureMatch, PostureMatchConfig, PosturePerception,
    PostureResults, PostureStrategy,
};
use crate::error::{Error, Result};
use crate::game::SecurityDilemma;
use crate::play::{group_relation, MatchLength};
use crate::strategy::Registry;
use crate::tournament::layout;
use crate::tournament::{
    GameSpec, GroupStatistics, Interaction, MatchKind, RoundRobin, TournamentConfig,
};

/// A three-action tournament ready to run: a [`RoundRobin`] of
/// [`ThreeActionMatches`].
pub type PostureTournament = RoundRobin<ThreeActionMatches>;

/// The three-action security dilemma as a [`MatchKind`].
///
/// Built from a [`TournamentConfig`] whose game (and out-group game, if any)
/// is the security dilemma: every pair plays
/// [`SecurityDilemma::to_three_action_game`] with the model's perception
/// ([`PosturePerception::from_security`], per player, with its paranoia ψ or,
/// toward other groups, ψ_out). Players are named as in two-action
/// tournaments: every registry strategy plays through
/// [`TwoAction`](super::TwoAction), and the strategies that use H
/// ([`native_strategies`](super::native_strategies)) are added.
///
/// As in [`Tournament`](crate::tournament::Tournament), job (repetition, i,
/// j ≥ i) is one match, or two under unequal power (one in each role); the
/// match of row `a` against column `b` in repetition `r` has seed
/// [`match_seed`]`(seed, a, b, r)`; jobs run in parallel in chunks whose
/// results are added in job order, so results are bit-identical for any
/// number of threads.
///
/// [`SecurityDilemma::to_three_action_game`]: crate::game::SecurityDilemma::to_three_action_game
#[derive(Debug)]
pub struct ThreeActionMatches {
    config: TournamentConfig,
    game: PostureGame,
    out_game: Option<PostureGame>,
    prototypes: Vec<Box<dyn PostureStrategy>>,
    names: Vec<String>,
    /// Each player's perception of in-group and of out-group opponents.
    perception: Vec<[PosturePerception; 2]>,
    group_index: Vec<usize>,
}

fn security_of<'a>(spec: &'a GameSpec, field: &str) -> Result<&'a SecurityDilemma> {
    match spec {
        GameSpec::Security { parameters } => Ok(parameters),
        _ => Err(Error::UnsupportedGame {
            operation: "a three-action tournament",
            requirement: "the security-dilemma game (kind = \"security\")",
            found: format!("another {field}"),
        }),
    }
}

impl RoundRobin<ThreeActionMatches> {
    /// Resolves the strategies (see the type's documentation) and checks the
    /// configuration.
    pub fn new(config: TournamentConfig, registry: &Registry) -> Result<Self> {
        config.validate()?;
        let model = security_of(&config.game, "game")?;
        let game = PostureGame::from_security(model)?;
        let out_model = match &config.out_group_game {
            Some(spec) => Some(security_of(spec, "out_group_game")?),
            None => None,
        };
        let out_game = out_model.map(PostureGame::from_security).transpose()?;
        let mut prototypes = Vec::with_capacity(config.players.len());
        let mut perception = Vec::with_capacity(config.players.len());
        for p in &config.players {
            prototypes.push(create(registry, p.strategy())?);
            let toward = |out: bool| -> Result<PosturePerception> {
                let m = if out {
                    out_model.unwrap_or(model)
                } else {
                    model
                };
                Ok(PosturePerception::from_two_action(
                    config.perception_toward(p, out)?,
                    m.differentiation,
                    config.paranoia_toward(p, out)?.1,
                ))
            };
            perception.push([toward(false)?, toward(true)?]);
        }
        let names = layout::names_with_sides(
            prototypes.iter().map(|s| s.name().to_string()).collect(),
            &config.players,
        );
        let group_index = layout::group_indices(&config.players);
        Ok(RoundRobin::from_kind(ThreeActionMatches {
            config,
            game,
            out_game,
            prototypes,
            names,
            perception,
            group_index,
        }))
    }
}

impl ThreeActionMatches {
    fn out_group(&self, i: usize, j: usize) -> bool {
        self.group_index[i] != self.group_index[j]
    }

    fn game_of(&self, i: usize, j: usize) -> &PostureGame {
        match &self.out_game {
            Some(g) if self.out_group(i, j) => g,
            _ => &self.game,
        }
    }

    fn match_config(&self, row: usize, col: usize, record: bool) -> PostureMatchConfig {
        let group = |k: usize| self.config.players[k].side();
        PostureMatchConfig {
            length: match self.config.continuation {
                Some(p) => MatchLength::Continuation(p),
                None => MatchLength::Turns(self.config.turns),
            },
            noise: self.config.noise,
            perception: [
                self.perception[row][usize::from(self.out_group(row, col))],
                self.perception[col][usize::from(self.out_group(col, row))],
            ],
            length_known: self.config.continuation.is_none(),
            record_moves: record,
            same_group: [
                group_relation(group(row), group(col)),
                group_relation(group(col), group(row)),
            ],
        }
    }

    /// In-group and out-group payoffs (mean over pairs) and restraint (R
    /// moves over all moves).
    fn group_statistics(&self, s: &super::PostureStatistics) -> Option<GroupStatistics> {
        let payoff = |i: usize, j: usize| (s.payoff_matrix[i][j], 1.0);
        let restraint = |i: usize, j: usize| {
            let counts = s.posture_matrix[i][j];
            (counts[0] as f64, counts.iter().sum::<u64>() as f64)
        };
        layout::group_statistics(
            &self.config.players,
            &self.group_index,
            &payoff,
            &restraint,
            &|i| s.arming_causes[i],
        )
    }
}

impl MatchKind for ThreeActionMatches {
    type Strategy = dyn PostureStrategy;
    type Runner = PostureMatch;
    type Side = PostureSide;
    type Accumulator = PostureAccumulator;
    type Results = PostureResults;

    fn config(&self) -> &TournamentConfig {
        &self.config
    }

    fn names(&self) -> &[String] {
        &self.names
    }

    fn strategy(&self, k: usize) -> Box<dyn PostureStrategy> {
        self.prototypes[k].clone()
    }

    fn both_roles(&self, i: usize, j: usize) -> bool {
        !self.game_of(i, j).is_symmetric()
    }

    fn runner(&self) -> PostureMatch {
        PostureMatch::new(self.match_config(0, 0, false))
            .expect("a validated tournament has valid match rules")
    }

    fn play(
        &self,
        runner: &mut PostureMatch,
        a: &mut dyn PostureStrategy,
        b: &mut dyn PostureStrategy,
        rep: usize,
        (row, col): (usize, usize),
        seed: u64,
        record: bool,
    ) -> Result<([PostureSide; 2], Option<Interaction>)> {
        runner.set_config(self.match_config(row, col, record))?;
        let m = runner.play(a, b, self.game_of(row, col), seed);
        let interaction = m.moves.as_ref().map(|[x, y]| Interaction {
            repetition: rep,
            row,
            col,
            row_moves: postures_to_string(x),
            col_moves: postures_to_string(y),
            row_score: m.scores[0],
            col_score: m.scores[1],
        });
        let side = |k: usize, player: usize, opponent: usize| PostureSide {
            player,
            opponent,
            score: m.scores[k],
            turns: m.turns,
            postures: m.postures(k),
            arming_causes: m.arming_causes[k],
            mutual_restraint: m.counts[0][0],
        };
        Ok(([side(0, row, col), side(1, col, row)], interaction))
    }

    fn accumulator(&self) -> PostureAccumulator {
        PostureAccumulator::new(self.names.len(), self.config.repetitions as usize)
    }

    fn add(&self, acc: &mut PostureAccumulator, rep: usize, sides: &[PostureSide]) {
        acc.add_pairing(rep, sides);
    }

    fn finish(&self, acc: PostureAccumulator) -> PostureResults {
        let statistics = acc.finish(&self.names);
        let groups = self.group_statistics(&statistics);
        PostureResults {
            config: self.config.clone(),
            players: self.names.clone(),
            statistics,
            groups,
        }
    }
}
