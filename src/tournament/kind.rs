//! The kinds of repeated game a tournament configuration can play, and the
//! one place that reads which one it plays
//! ([`TournamentConfig::game_kind`]): everything else that depends on it
//! asks that method or the stage game it implies.

use super::config::{GameSpec, TournamentConfig};
use crate::error::{Error, Result};
use crate::MatrixGame;

/// The repeated games a tournament can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GameKind {
    /// The 2x2 game of C and D ([`crate::Action`]): a
    /// [`Tournament`](super::Tournament).
    TwoAction,
    /// The three-action security dilemma of R, A and H
    /// ([`crate::posture::Posture`]): a
    /// [`PostureTournament`](crate::posture::PostureTournament)
    /// (`three_action = true`, docs/model.md §7).
    ThreeAction,
}

impl GameKind {
    /// What a tournament of this kind is called in messages.
    pub const fn tournament(self) -> &'static str {
        match self {
            GameKind::TwoAction => "a two-action tournament",
            GameKind::ThreeAction => "a three-action tournament",
        }
    }

    /// The configuration setting that selects this kind.
    pub const fn setting(self) -> &'static str {
        match self {
            GameKind::TwoAction => "three_action = false",
            GameKind::ThreeAction => "three_action = true",
        }
    }

    /// What a configuration of this kind needs to run as the other kind.
    const fn runs_as(self) -> &'static str {
        match self {
            GameKind::TwoAction => "three_action = true (a two-action configuration runs as a two-action Tournament)",
            GameKind::ThreeAction => "three_action = false (a three-action configuration runs as a three-action PostureTournament)",
        }
    }
}

impl TournamentConfig {
    /// The kind of game the configuration plays: the one place that reads
    /// `three_action`.
    pub fn game_kind(&self) -> GameKind {
        if self.three_action {
            GameKind::ThreeAction
        } else {
            GameKind::TwoAction
        }
    }

    /// An error unless the configuration plays `kind`: what a tournament of
    /// `kind` says of a configuration of the other kind.
    pub fn require_kind(&self, kind: GameKind) -> Result<()> {
        let own = self.game_kind();
        if own == kind {
            return Ok(());
        }
        Err(Error::UnsupportedGame {
            operation: kind.tournament(),
            requirement: own.runs_as(),
            found: own.setting().into(),
        })
    }

    /// The stage game in-group pairs play, as a matrix: `game`, or, in the
    /// three-action kind, its security dilemma's three-action game
    /// ([`SecurityDilemma::to_three_action_game`](crate::game::SecurityDilemma::to_three_action_game);
    /// an error for any other game).
    pub fn stage_game(&self) -> Result<MatrixGame> {
        self.stage_game_of(&self.game, "game")
    }

    /// The stage game of out-group pairs (as [`TournamentConfig::stage_game`]),
    /// when the configuration sets `out_group_game`.
    pub fn out_group_stage_game(&self) -> Result<Option<MatrixGame>> {
        self.out_group_game
            .as_ref()
            .map(|spec| self.stage_game_of(spec, "out_group_game"))
            .transpose()
    }

    /// The stage game a player of side `row` (as the row player) plays
    /// against one of side `col`, in this configuration's kind: the pair's
    /// game ([`TournamentConfig::game_spec_between`]) and, when it is the
    /// security dilemma, the game between the two sides
    /// ([`TournamentConfig::dyad_between`], docs/model.md §3.6).
    pub fn stage_game_between(&self, row: Option<&str>, col: Option<&str>) -> Result<MatrixGame> {
        match (self.game_kind(), self.dyad_between(row, col)?) {
            (GameKind::TwoAction, Some(dyad)) => dyad.to_game(),
            (GameKind::ThreeAction, Some(dyad)) => dyad.to_three_action_game(),
            (_, None) if row == col => self.stage_game(),
            (_, None) => self
                .out_group_stage_game()?
                .map_or_else(|| self.stage_game(), Ok),
        }
    }

    /// The stage game `spec` (the configuration's `field`) gives in this
    /// configuration's kind.
    fn stage_game_of(&self, spec: &GameSpec, field: &str) -> Result<MatrixGame> {
        match (self.game_kind(), spec) {
            (GameKind::TwoAction, _) => spec.to_game(),
            (GameKind::ThreeAction, GameSpec::Security { parameters }) => {
                parameters.to_three_action_game()
            }
            (GameKind::ThreeAction, _) => Err(Error::UnsupportedGame {
                operation: GameKind::ThreeAction.tournament(),
                requirement: "the security-dilemma game (kind = \"security\")",
                found: format!("another {field}"),
            }),
        }
    }
}
