//! How each player of a tournament perceives its opponents and how paranoid
//! it is toward them (docs/model.md §9.2).

use super::config::{GameSpec, PlayerSpec, TournamentConfig};
use crate::action::Perception;
use crate::error::{Error, Result};

impl TournamentConfig {
    /// The game of in-group pairs (`out_group == false`) or of out-group
    /// pairs: `out_group_game` when set, else `game`.
    pub fn game_toward(&self, out_group: bool) -> &GameSpec {
        match (&self.out_group_game, out_group) {
            (Some(g), true) => g,
            _ => &self.game,
        }
    }

    /// How `player` misreads its opponents' moves: its own perception noise
    /// if set; else, in a security-dilemma game, the model's (a restraint is
    /// read as arming with probability ε0 (1 - δ) + ψ, where ψ is the player's
    /// paranoia, and arming as restraint with probability ε0 (1 - δ)); else
    /// the tournament's perception noise. For in-group pairs; see
    /// [`TournamentConfig::perception_toward`] for out-group pairs.
    pub fn perception_of(&self, player: &PlayerSpec) -> Result<Perception> {
        self.perception_toward(player, false)
    }

    /// The paranoia ψ of `player` toward in-group (`out_group == false`) or
    /// out-group opponents, with the name of the setting it comes from: the
    /// player's `out_group_paranoia` (toward outsiders), else its own
    /// `paranoia`, else the paranoia of the pair's security game (which must
    /// then be the same for both roles, since every player of a round robin
    /// plays both). 0 outside the security game.
    pub fn paranoia_toward(
        &self,
        player: &PlayerSpec,
        out_group: bool,
    ) -> Result<(&'static str, f64)> {
        if let (true, Some(psi)) = (out_group, player.out_group_paranoia()) {
            return Ok(("out_group_paranoia", psi));
        }
        if let Some(psi) = player.paranoia() {
            return Ok(("paranoia", psi));
        }
        match self.game_toward(out_group) {
            GameSpec::Security { parameters } => {
                let [row, col] = parameters.paranoia;
                if row != col {
                    return Err(Error::Config {
                        field: "paranoia".into(),
                        message: format!(
                            "the game's paranoia differs by role (row {row}, column {col}), but every player of a round robin plays both roles: give the players their own `paranoia` instead"
                        ),
                    });
                }
                Ok(("paranoia", row))
            }
            _ => Ok(("paranoia", 0.0)),
        }
    }

    /// How `player` misreads the moves of in-group (`out_group == false`)
    /// or out-group opponents: as [`TournamentConfig::perception_of`], with,
    /// for out-group opponents, the out-group game's ε0 and δ when it is a
    /// security-dilemma game, the player's `out_group_paranoia` (its
    /// `paranoia` when unset) and `out_group_perception_noise` (the
    /// tournament's `perception_noise` when unset) in other games.
    pub fn perception_toward(&self, player: &PlayerSpec, out_group: bool) -> Result<Perception> {
        if let Some(e) = player.perception_noise() {
            return Ok(Perception::symmetric(e));
        }
        if let GameSpec::Security { parameters } = self.game_toward(out_group) {
            let base = parameters.max_misperception * (1.0 - parameters.differentiation);
            let (name, psi) = self.paranoia_toward(player, out_group)?;
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
}
