//! Sides in a tournament: each pair's stage game and each player's perception
//! of the other side (docs/model.md §3.5 and §9).

use super::{GameKind, GameSpec, PlayerSpec, TournamentConfig};
use crate::action::Perception;
use crate::error::{Error, Result};
use crate::game::security::Player;
use crate::game::{Dyad, SideParameters};

impl TournamentConfig {
    /// The game of in-group pairs (`out_group == false`) or of out-group
    /// pairs: `out_group_game` when set, else `game`.
    pub fn game_toward(&self, out_group: bool) -> &GameSpec {
        match (&self.out_group_game, out_group) {
            (Some(g), true) => g,
            _ => &self.game,
        }
    }

    /// The parameters side `side` sets (none for an unlabelled player or a
    /// side without an entry in [`TournamentConfig::sides`]).
    pub fn side_parameters(&self, side: Option<&str>) -> SideParameters {
        side.and_then(|s| self.sides.get(s))
            .copied()
            .unwrap_or_default()
    }

    /// The game a player of side `row` plays against one of side `col`: the
    /// out-group game when the sides differ and one is set, else the game.
    pub fn game_spec_between(&self, row: Option<&str>, col: Option<&str>) -> &GameSpec {
        self.game_toward(row != col)
    }

    /// The security game between side `row` (as the row player) and side
    /// `col`, when their pair's game is the security game.
    pub fn dyad_between(&self, row: Option<&str>, col: Option<&str>) -> Result<Option<Dyad>> {
        match self.game_spec_between(row, col) {
            GameSpec::Security { parameters } => parameters
                .between(&self.side_parameters(row), &self.side_parameters(col))
                .map(Some),
            _ => Ok(None),
        }
    }

    /// How `player` misreads the moves of a player of side `other`: its own
    /// perception noise if set; else, when the pair plays the security game,
    /// ε0 (1 - δ_other) + ψ for a restraint and ε0 (1 - δ_other) for arming,
    /// where ψ is the player's paranoia toward that side
    /// ([`TournamentConfig::paranoia_against`]); else the tournament's
    /// perception noise (`out_group_perception_noise` toward other sides, when set).
    pub fn perception_against(
        &self,
        player: &PlayerSpec,
        other: Option<&str>,
    ) -> Result<Perception> {
        if let Some(e) = player.perception_noise() {
            return Ok(Perception::symmetric(e));
        }
        let out_group = player.side() != other;
        if let Some(dyad) = self.dyad_between(player.side(), other)? {
            let base = dyad.perception_noise(Player::Row).arming_as_restraint;
            let (name, psi) = self.paranoia_against(player, other, &dyad)?;
            let c_as_d = base + psi;
            if c_as_d > 1.0 {
                return Err(Error::invalid_parameter(
                    name,
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
        let e = match (self.out_group_perception_noise, out_group) {
            (Some(e), true) => e,
            _ => self.perception_noise,
        };
        Ok(Perception::symmetric(e))
    }

    /// How `player` misreads in-group (`out_group == false`) or out-group
    /// opponents, for configurations whose sides set no parameters (the
    /// three-action tournament, the evolutionary processes):
    /// [`TournamentConfig::perception_against`] a player of its own side or of another.
    pub fn perception_toward(&self, player: &PlayerSpec, out_group: bool) -> Result<Perception> {
        let other = if out_group {
            Some(self.other_side_than(player.side()))
        } else {
            player.side().map(str::to_string)
        };
        self.perception_against(player, other.as_deref())
    }

    /// How `player` misreads in-group opponents
    /// ([`TournamentConfig::perception_toward`]).
    pub fn perception_of(&self, player: &PlayerSpec) -> Result<Perception> {
        self.perception_toward(player, false)
    }

    /// A side label different from `side` (for out-group pairs of players
    /// whose sides set no parameters).
    fn other_side_than(&self, side: Option<&str>) -> String {
        let mut label = String::from("\u{0}other");
        while Some(label.as_str()) == side {
            label.push('\u{0}');
        }
        label
    }

    /// The paranoia ψ of `player` toward side `other`, in the pair's security
    /// game `dyad` (with `player` as its row side), with the name of the
    /// setting it comes from: the player's `out_group_paranoia` (toward other
    /// sides), else its own `paranoia`, else its side's, else the game's (which
    /// must then be the same for both roles, since every player of a round
    /// robin plays both).
    pub fn paranoia_against(
        &self,
        player: &PlayerSpec,
        other: Option<&str>,
        dyad: &Dyad,
    ) -> Result<(&'static str, f64)> {
        if let (true, Some(psi)) = (player.side() != other, player.out_group_paranoia()) {
            return Ok(("out_group_paranoia", psi));
        }
        if let Some(psi) = player.paranoia() {
            return Ok(("paranoia", psi));
        }
        if self.side_parameters(player.side()).paranoia.is_some() {
            return Ok(("paranoia", dyad.sides[0].paranoia));
        }
        let [row, col] = dyad.common.paranoia;
        if row != col {
            return Err(Error::Config {
                field: "paranoia".into(),
                message: format!(
                    "the game's paranoia differs by role (row {row}, column {col}), but every player of a round robin plays both roles: give the players or their sides their own `paranoia` instead"
                ),
            });
        }
        Ok(("paranoia", row))
    }

    /// The paranoia ψ of `player` toward in-group (`out_group == false`) or
    /// out-group opponents ([`TournamentConfig::paranoia_against`]); 0 when
    /// the pair's game is not the security game.
    pub fn paranoia_toward(
        &self,
        player: &PlayerSpec,
        out_group: bool,
    ) -> Result<(&'static str, f64)> {
        let other = if out_group {
            Some(self.other_side_than(player.side()))
        } else {
            player.side().map(str::to_string)
        };
        match self.dyad_between(player.side(), other.as_deref())? {
            Some(dyad) => self.paranoia_against(player, other.as_deref(), &dyad),
            None => Ok(("paranoia", 0.0)),
        }
    }

    /// Sets a parameter by name, as a sweep axis does: `SIDE.KEY` sets side
    /// `SIDE`'s value of one of the side parameters (the side must have
    /// players), any other name the game's (a security-dilemma parameter or
    /// a catalogue game's).
    pub fn set_parameter(&mut self, name: &str, value: f64) -> Result<()> {
        if let Some((side, key)) = name.split_once('.') {
            if !self.players.iter().any(|p| p.side() == Some(side)) {
                return Err(Error::Unknown {
                    kind: "side",
                    name: side.to_string(),
                    known: crate::tournament::layout::side_labels(&self.players)
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            return self
                .sides
                .entry(side.to_string())
                .or_default()
                .set(key, value);
        }
        match &mut self.game {
            GameSpec::Security { parameters } => parameters.set(name, value),
            GameSpec::Catalogue { params, .. } => {
                params.insert(name.to_string(), value);
                Ok(())
            }
            _ => Err(Error::UnsupportedGame {
                operation: "setting a game parameter",
                requirement: "a security-dilemma or catalogue game (parameters to vary)",
                found: "a fixed matrix game".into(),
            }),
        }
    }

    /// Whether any side sets a parameter of its own.
    pub fn sides_set_parameters(&self) -> bool {
        self.sides.values().any(|s| *s != SideParameters::default())
    }

    /// Checks the sides: each side of [`TournamentConfig::sides`] has a
    /// player and valid values; when sides are listed, every player's side is
    /// one of them; side parameters need a security game and the
    /// two-action round robin; every pair of sides makes a valid game.
    pub(super) fn validate_sides(&self) -> Result<()> {
        if let Some(k) = self.players.iter().position(|p| p.side() == Some("")) {
            return Err(Error::Config {
                field: format!("players[{k}].side"),
                message: "an empty side name: leave `side` out for a player of no side".into(),
            });
        }
        if self.sides.is_empty() {
            return Ok(());
        }
        let known = || self.sides.keys().cloned().collect::<Vec<_>>().join(", ");
        for (k, p) in self.players.iter().enumerate() {
            if let Some(side) = p.side() {
                if !self.sides.contains_key(side) {
                    return Err(Error::Config {
                        field: format!("players[{k}].side"),
                        message: format!(
                            "unknown side `{side}` for `{}` (the sides are: {})",
                            p.strategy(),
                            known()
                        ),
                    });
                }
            }
        }
        for (name, side) in &self.sides {
            let in_side = |e: Error| {
                let field = match &e {
                    Error::InvalidParameter { name: p, .. } | Error::Unknown { name: p, .. } => {
                        format!("sides.{name}.{p}")
                    }
                    _ => return e,
                };
                Error::Config {
                    field,
                    message: e.to_string(),
                }
            };
            side.validate().map_err(in_side)?;
            if !self.players.iter().any(|p| p.side() == Some(name)) {
                return Err(Error::Config {
                    field: format!("sides.{name}"),
                    message: format!("side `{name}` has no players"),
                });
            }
        }
        if !self.sides_set_parameters() {
            return Ok(());
        }
        let security = |g: &GameSpec| matches!(g, GameSpec::Security { .. });
        if !security(&self.game) && !self.out_group_game.as_ref().is_some_and(security) {
            return Err(Error::Config {
                field: "sides".into(),
                message: "side parameters are parameters of the security game: set game = security (or out_group_game)".into(),
            });
        }
        if self.game_kind() == GameKind::ThreeAction {
            return Err(Error::Config {
                field: "sides".into(),
                message: "side parameters are not supported in the three-action round robin yet: play the two-action game, or give the three-action game's parameters to the whole game".into(),
            });
        }
        let labels: Vec<Option<&str>> = std::iter::once(None)
            .chain(self.sides.keys().map(|s| Some(s.as_str())))
            .collect();
        for &a in &labels {
            for &b in &labels {
                self.dyad_between(a, b).map_err(|e| Error::Config {
                    field: format!("sides.{}", a.or(b).unwrap_or("")),
                    message: format!(
                        "the game between sides `{}` and `{}`: {e}",
                        a.unwrap_or("(none)"),
                        b.unwrap_or("(none)")
                    ),
                })?;
            }
        }
        Ok(())
    }
}
