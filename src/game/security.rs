//! The security-dilemma game: Jervis's offence-defence model as a 2x2 (or 3x3)
//! stage game and the perception noise it implies for the iterated game.
//!
//! Two states choose each turn to **restrain** (R, action 0, the "cooperate" of
//! the prisoner's dilemma) or **arm** (A, action 1, a build-up or offensive
//! posture). The row player i, with capability share π (and the column player j
//! with 1 - π), receives the material payoffs
//!
//! - x(R,R) = v
//! - x(A,R) = μ_i V (σ w + g) - c
//! - x(R,A) = -μ_j V w
//! - x(A,A) = -c - θ k
//!
//! where V = 1 - d0 (1 - θ) is the vulnerability of a restrainer, μ_i = 2π and
//! μ_j = 2(1 - π) are the attackers' strengths, and the utility adds relative
//! gains and a domestic dividend for arming:
//! U_i = x_i + λ (x_i - x_j) + m \[i armed\]. With π = 0.5 the game is symmetric.
//!
//! In the iterated game, offence-defence **differentiation** δ and **paranoia** ψ
//! act on perception: an observer reads the other's R as A with probability
//! ε0 (1 - δ) + ψ_observer, and A as R with probability ε0 (1 - δ).
//!
//! ## References
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World Politics*
//!   30(2):167-214.
//! - Glaser, C. L. (1997). The security dilemma revisited. *World Politics* 50(1):171-201.
//! - Grieco, J. M. (1988). Anarchy and the limits of cooperation. *International
//!   Organization* 42(3):485-507 (relative gains, U = x_i + λ (x_i - x_j)).
//! - Kydd, A. (1997). Game theory and the spiral model. *World Politics* 49(3):371-400.

use super::classify::{Classification, GameClass};
use super::MatrixGame;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The parameters of the security-dilemma model (defaults in brackets).
///
/// Build one with struct-update syntax from [`SecurityDilemma::default`], or by
/// name with [`SecurityDilemma::set`]; [`SecurityDilemma::validate`] checks the
/// ranges (every method that builds a game calls it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityDilemma {
    /// θ in \[0, 1\] \[0.5\]: the offence-defence balance; above 0.5 attacking
    /// has the advantage, below 0.5 defending does.
    pub offence: f64,
    /// δ in \[0, 1\] \[0.5\]: offence-defence differentiation; 1 = defensive
    /// and offensive postures are perfectly distinguishable.
    pub differentiation: f64,
    /// w >= 0 \[4\]: what is at stake in a war (the value a successful attack takes).
    pub stakes: f64,
    /// c >= 0 \[1\]: the cost of arming for one turn.
    pub arms_cost: f64,
    /// v \[2\]: the value of mutual restraint.
    pub cooperation_value: f64,
    /// k >= 0 \[2\]: the cost of war, scaled by θ when both arm.
    pub war_cost: f64,
    /// d0 in \[0, 1\] \[0.5\]: how much of an attack a restrainer's standing
    /// defence repels when defence has the full advantage.
    pub base_defence: f64,
    /// σ >= 0 \[1\]: how much of the stakes a successful attacker gains.
    pub expansion_value: f64,
    /// g >= 0 \[0\]: greed, an extra gain from conquest (revisionist motives).
    pub greed: f64,
    /// λ >= 0 \[0\]: weight on relative gains (Grieco).
    pub relative_gains: f64,
    /// m >= 0 \[0\]: threat inflation, a domestic dividend added to every A payoff.
    pub threat_inflation: f64,
    /// π in (0, 1) \[0.5\]: the row player's share of capabilities.
    pub power: f64,
    /// ψ >= 0 \[0, 0\]: paranoia of the row and the column player, an extra
    /// probability of reading restraint as arming.
    pub paranoia: [f64; 2],
    /// ε0 in \[0, 0.5\] \[0.1\]: the misperception rate when postures are
    /// indistinguishable (δ = 0).
    pub max_misperception: f64,
}

impl Default for SecurityDilemma {
    fn default() -> Self {
        SecurityDilemma {
            offence: 0.5,
            differentiation: 0.5,
            stakes: 4.0,
            arms_cost: 1.0,
            cooperation_value: 2.0,
            war_cost: 2.0,
            base_defence: 0.5,
            expansion_value: 1.0,
            greed: 0.0,
            relative_gains: 0.0,
            threat_inflation: 0.0,
            power: 0.5,
            paranoia: [0.0, 0.0],
            max_misperception: 0.1,
        }
    }
}

/// One of the model's parameters: its name, symbol, default and meaning.
#[derive(Debug, Clone, Copy)]
pub struct Parameter {
    /// The name used in files, on the command line and in sweeps.
    pub name: &'static str,
    /// The symbol in the model's formulas.
    pub symbol: &'static str,
    /// The default value.
    pub default: f64,
    /// The valid range, as text.
    pub range: &'static str,
    /// What the parameter means.
    pub meaning: &'static str,
}

/// Every parameter [`SecurityDilemma::set`] accepts. `paranoia` sets both
/// players' paranoia; `paranoia_row` and `paranoia_column` set one.
pub const PARAMETERS: &[Parameter] = &[
    Parameter {
        name: "offence",
        symbol: "θ",
        default: 0.5,
        range: "[0, 1]",
        meaning: "offence-defence balance (0.5 neutral, > 0.5 offence has the advantage)",
    },
    Parameter {
        name: "differentiation",
        symbol: "δ",
        default: 0.5,
        range: "[0, 1]",
        meaning: "offence-defence differentiation (1 = postures perfectly distinguishable)",
    },
    Parameter {
        name: "stakes",
        symbol: "w",
        default: 4.0,
        range: ">= 0",
        meaning: "what a war puts at stake",
    },
    Parameter {
        name: "arms_cost",
        symbol: "c",
        default: 1.0,
        range: ">= 0",
        meaning: "cost of arming for one turn",
    },
    Parameter {
        name: "cooperation_value",
        symbol: "v",
        default: 2.0,
        range: "finite",
        meaning: "value of mutual restraint",
    },
    Parameter {
        name: "war_cost",
        symbol: "k",
        default: 2.0,
        range: ">= 0",
        meaning: "cost of war when both arm (scaled by θ)",
    },
    Parameter {
        name: "base_defence",
        symbol: "d0",
        default: 0.5,
        range: "[0, 1]",
        meaning: "share of an attack a restrainer repels when defence dominates",
    },
    Parameter {
        name: "expansion_value",
        symbol: "σ",
        default: 1.0,
        range: ">= 0",
        meaning: "share of the stakes a successful attacker gains",
    },
    Parameter {
        name: "greed",
        symbol: "g",
        default: 0.0,
        range: ">= 0",
        meaning: "extra gain from conquest (revisionism)",
    },
    Parameter {
        name: "relative_gains",
        symbol: "λ",
        default: 0.0,
        range: ">= 0",
        meaning: "weight on relative gains, U = x_i + λ (x_i - x_j)",
    },
    Parameter {
        name: "threat_inflation",
        symbol: "m",
        default: 0.0,
        range: ">= 0",
        meaning: "domestic dividend added to every arming payoff",
    },
    Parameter {
        name: "power",
        symbol: "π",
        default: 0.5,
        range: "(0, 1)",
        meaning: "row player's share of capabilities",
    },
    Parameter {
        name: "paranoia",
        symbol: "ψ",
        default: 0.0,
        range: ">= 0",
        meaning: "both players' extra chance of reading restraint as arming",
    },
    Parameter {
        name: "paranoia_row",
        symbol: "ψ_row",
        default: 0.0,
        range: ">= 0",
        meaning: "the row player's paranoia",
    },
    Parameter {
        name: "paranoia_column",
        symbol: "ψ_col",
        default: 0.0,
        range: ">= 0",
        meaning: "the column player's paranoia",
    },
    Parameter {
        name: "max_misperception",
        symbol: "ε0",
        default: 0.1,
        range: "[0, 0.5]",
        meaning: "misperception rate when postures are indistinguishable",
    },
];

/// Which player of the stage game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Player {
    /// The row player (capability share π).
    Row,
    /// The column player (capability share 1 - π).
    Column,
}

impl Player {
    pub(super) fn index(self) -> usize {
        match self {
            Player::Row => 0,
            Player::Column => 1,
        }
    }
}

/// A player's four stage payoffs, from its own point of view: R = (R,R),
/// S = (R,A), T = (A,R), P = (A,A), own action first.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StagePayoffs {
    /// Both restrain.
    pub r: f64,
    /// I restrain, the other arms.
    pub s: f64,
    /// I arm, the other restrains.
    pub t: f64,
    /// Both arm.
    pub p: f64,
}

impl StagePayoffs {
    /// The ordinal class of the symmetric game with these payoffs.
    pub fn classification(&self) -> Classification {
        Classification::from_rstp(self.r, self.s, self.t, self.p)
    }
}

/// How an observer misreads the other's posture in the iterated game.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PerceptionNoise {
    /// Probability of reading the other's restraint (R) as arming (A):
    /// ε0 (1 - δ) + ψ_observer.
    pub restraint_as_arming: f64,
    /// Probability of reading the other's arming (A) as restraint (R): ε0 (1 - δ).
    pub arming_as_restraint: f64,
}

/// Jervis's four worlds (1978, p. 211), by offence-defence balance and
/// differentiation, and the boundary between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JervisWorld {
    /// World 1: offence has the advantage, postures indistinguishable.
    DoublyDangerous,
    /// World 2: defence has the advantage, postures indistinguishable.
    SecurityDilemmaCompatible,
    /// World 3: offence has the advantage, postures distinguishable.
    AggressionPossible,
    /// World 4: defence has the advantage, postures distinguishable.
    DoublyStable,
    /// θ = 0.5 or δ = 0.5: on a line between worlds.
    Boundary,
}

impl JervisWorld {
    /// The world's number in Jervis's table (1-4), `None` on a boundary.
    pub fn number(self) -> Option<u8> {
        match self {
            JervisWorld::DoublyDangerous => Some(1),
            JervisWorld::SecurityDilemmaCompatible => Some(2),
            JervisWorld::AggressionPossible => Some(3),
            JervisWorld::DoublyStable => Some(4),
            JervisWorld::Boundary => None,
        }
    }

    /// Jervis's description of the world.
    pub fn description(self) -> &'static str {
        match self {
            JervisWorld::DoublyDangerous => "world 1: doubly dangerous",
            JervisWorld::SecurityDilemmaCompatible => {
                "world 2: security dilemma, but security requirements may be compatible"
            }
            JervisWorld::AggressionPossible => {
                "world 3: no security dilemma, but aggression possible"
            }
            JervisWorld::DoublyStable => "world 4: doubly stable",
            JervisWorld::Boundary => "on a boundary between Jervis's worlds",
        }
    }
}

impl fmt::Display for JervisWorld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

pub(super) fn check(name: &str, value: f64, ok: bool, expected: &str) -> Result<()> {
    if value.is_finite() && ok {
        Ok(())
    } else {
        Err(Error::invalid_parameter(name, value, expected))
    }
}

impl SecurityDilemma {
    /// Checks every parameter's range; the error names the parameter.
    pub fn validate(&self) -> Result<()> {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        check(
            "offence",
            self.offence,
            unit(self.offence),
            "a number in [0, 1]",
        )?;
        check(
            "differentiation",
            self.differentiation,
            unit(self.differentiation),
            "a number in [0, 1]",
        )?;
        for (name, x) in [
            ("stakes", self.stakes),
            ("arms_cost", self.arms_cost),
            ("war_cost", self.war_cost),
            ("expansion_value", self.expansion_value),
            ("greed", self.greed),
            ("relative_gains", self.relative_gains),
            ("threat_inflation", self.threat_inflation),
        ] {
            check(name, x, x >= 0.0, "a number >= 0")?;
        }
        check(
            "cooperation_value",
            self.cooperation_value,
            true,
            "a finite number",
        )?;
        check(
            "base_defence",
            self.base_defence,
            unit(self.base_defence),
            "a number in [0, 1]",
        )?;
        check(
            "power",
            self.power,
            self.power > 0.0 && self.power < 1.0,
            "a number strictly between 0 and 1",
        )?;
        check(
            "max_misperception",
            self.max_misperception,
            (0.0..=0.5).contains(&self.max_misperception),
            "a number in [0, 0.5]",
        )?;
        let base = self.max_misperception * (1.0 - self.differentiation);
        for (name, psi) in [
            ("paranoia_row", self.paranoia[0]),
            ("paranoia_column", self.paranoia[1]),
        ] {
            check(
                name,
                psi,
                psi >= 0.0 && base + psi <= 1.0,
                &format!(
                    "a number >= 0 with max_misperception (1 - differentiation) + paranoia <= 1, i.e. at most {}",
                    1.0 - base
                ),
            )?;
        }
        Ok(())
    }

    /// Sets a parameter by name (see [`PARAMETERS`]); the value is checked when
    /// a game is built or [`SecurityDilemma::validate`] runs.
    pub fn set(&mut self, name: &str, value: f64) -> Result<()> {
        let slot = match name {
            "offence" => &mut self.offence,
            "differentiation" => &mut self.differentiation,
            "stakes" => &mut self.stakes,
            "arms_cost" => &mut self.arms_cost,
            "cooperation_value" => &mut self.cooperation_value,
            "war_cost" => &mut self.war_cost,
            "base_defence" => &mut self.base_defence,
            "expansion_value" => &mut self.expansion_value,
            "greed" => &mut self.greed,
            "relative_gains" => &mut self.relative_gains,
            "threat_inflation" => &mut self.threat_inflation,
            "power" => &mut self.power,
            "paranoia" => {
                self.paranoia = [value, value];
                return Ok(());
            }
            "paranoia_row" => &mut self.paranoia[0],
            "paranoia_column" => &mut self.paranoia[1],
            "max_misperception" => &mut self.max_misperception,
            _ => {
                return Err(Error::Unknown {
                    kind: "security-dilemma parameter",
                    name: name.to_string(),
                    known: PARAMETERS
                        .iter()
                        .map(|p| p.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            }
        };
        *slot = value;
        Ok(())
    }

    /// Vulnerability of a restrainer, V = 1 - d0 (1 - θ).
    pub fn vulnerability(&self) -> f64 {
        1.0 - self.base_defence * (1.0 - self.offence)
    }

    /// The stage payoffs of `player` (own action first), utilities included
    /// (the formulas of [`Dyad`](super::sides::Dyad), docs/model.md §3).
    pub fn stage_payoffs(&self, player: Player) -> Result<StagePayoffs> {
        self.validate()?;
        Ok(self.dyad().stage_payoffs(player))
    }

    /// The stage payoffs as `player` *perceives* them: its own loss x(R,A) is
    /// multiplied by (1 + ψ_player), the paranoid's exaggerated fear, and
    /// relative gains are computed from its own view only.
    pub fn perceived_stage_payoffs(&self, player: Player) -> Result<StagePayoffs> {
        self.validate()?;
        Ok(self.dyad().perceived_stage_payoffs(player))
    }

    /// The 2-action stage game (R = restrain = action 0, A = arm = action 1).
    /// Asymmetric when `power != 0.5`.
    pub fn to_game(&self) -> Result<MatrixGame> {
        self.validate()?;
        self.dyad().to_game()
    }

    /// The game each side perceives, paranoia inflating its own losses (for
    /// equilibrium analysis); equal to [`SecurityDilemma::to_game`] when ψ = 0.
    pub fn to_perceived_game(&self) -> Result<MatrixGame> {
        self.validate()?;
        self.dyad().to_perceived_game()
    }

    /// The cost of the defensive build-up H, c_H = c θ / (1 - θ).
    pub fn defensive_cost(&self) -> Result<f64> {
        self.dyad().defensive_cost(0)
    }

    /// The three-action variant with a defensive build-up H (actions R, A, H;
    /// docs/model.md §8).
    ///
    /// With x a player's material 2-action payoffs and c_H the defensive
    /// cost: (H,R) = (1-δ)x(A,R) + δ(v - c_H), (R,H) = (1-δ)x(R,A) + δv,
    /// (H,H) = (1-δ)x(A,A) + δ(v - c_H), (H,A) = (1-δ)x(A,A) + δ(-c_H - μ_j θw),
    /// (A,H) = (1-δ)x(A,A) + δ(μ_i θ(σw + g) - c); utilities add λ (x_i - x_j)
    /// and m for A, m (1 - δ) for H. At δ = 0, H is A. Needs θ < 1.
    pub fn to_three_action_game(&self) -> Result<MatrixGame> {
        self.validate()?;
        self.dyad().to_three_action_game()
    }

    /// The row player's classification (class, greed G = T - R, fear F = P - S,
    /// ties). With π = 0.5 both players' are the same.
    pub fn classification(&self) -> Result<Classification> {
        Ok(self.stage_payoffs(Player::Row)?.classification())
    }

    /// The class of the stage game: the common class when both players' own
    /// payoffs fall in the same class (always when π = 0.5), else
    /// [`GameClass::Other`].
    pub fn game_class(&self) -> Result<GameClass> {
        let row = self.stage_payoffs(Player::Row)?.classification().class;
        let col = self.stage_payoffs(Player::Column)?.classification().class;
        Ok(if row == col { row } else { GameClass::Other })
    }

    /// Greed G = T - R of the row player.
    pub fn greed_incentive(&self) -> Result<f64> {
        Ok(self.classification()?.greed)
    }

    /// Fear F = P - S of the row player.
    pub fn fear_incentive(&self) -> Result<f64> {
        Ok(self.classification()?.fear)
    }

    /// The row player's trust threshold q* = F / (F - G) when its payoffs make
    /// a stag hunt: the least belief in the other's restraint at which
    /// restraining is a best response. `None` for other classes.
    pub fn trust_threshold(&self) -> Result<Option<f64>> {
        Ok(self.classification()?.trust_threshold())
    }

    /// How `observer` misreads the other's posture in the iterated game.
    pub fn perception_noise(&self, observer: Player) -> Result<PerceptionNoise> {
        self.validate()?;
        Ok(self.dyad().perception_noise(observer))
    }

    /// The offence-defence boundary of the symmetric model where greed is zero
    /// (T = R): θ_G = 1 - (1 - (c + v)/w)/d0 (with σ = 1, g = 0, λ = 0, m = 0 and
    /// π = 0.5; other settings move it). Below it the default game is a stag hunt,
    /// above it a prisoner's dilemma.
    pub fn greed_boundary(&self) -> f64 {
        1.0 - (1.0 - (self.arms_cost + self.cooperation_value) / self.stakes) / self.base_defence
    }

    /// Which of Jervis's four worlds the point (θ, δ) lies in: offence has the
    /// advantage when θ > 0.5, postures are distinguishable when δ > 0.5, and
    /// θ = 0.5 or δ = 0.5 is a [`JervisWorld::Boundary`].
    pub fn jervis_world(&self) -> JervisWorld {
        if self.offence == 0.5 || self.differentiation == 0.5 {
            return JervisWorld::Boundary;
        }
        match (self.offence > 0.5, self.differentiation > 0.5) {
            (true, false) => JervisWorld::DoublyDangerous,
            (false, false) => JervisWorld::SecurityDilemmaCompatible,
            (true, true) => JervisWorld::AggressionPossible,
            (false, true) => JervisWorld::DoublyStable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn at(offence: f64) -> SecurityDilemma {
        SecurityDilemma {
            offence,
            ..SecurityDilemma::default()
        }
    }

    fn rstp(m: &SecurityDilemma) -> [f64; 4] {
        let s = m.stage_payoffs(Player::Row).unwrap();
        [s.r, s.s, s.t, s.p]
    }

    fn assert_rstp(m: &SecurityDilemma, expected: [f64; 4]) {
        for (got, want) in rstp(m).iter().zip(expected) {
            assert_abs_diff_eq!(*got, want, epsilon = 1e-12);
        }
    }

    #[test]
    fn high_offence_is_a_prisoners_dilemma() {
        let m = at(0.8);
        assert_rstp(&m, [2.0, -3.6, 2.6, -2.6]);
        assert_eq!(m.game_class().unwrap(), GameClass::PrisonersDilemma);
        let g = m.to_game().unwrap();
        assert!(g.is_symmetric(1e-12));
        assert_abs_diff_eq!(g.row_payoffs()[(0, 1)], -3.6, epsilon = 1e-12);
        assert_abs_diff_eq!(g.col_payoffs()[(0, 1)], 2.6, epsilon = 1e-12);
    }

    #[test]
    fn low_offence_is_a_stag_hunt_with_a_trust_threshold() {
        let m = at(0.2);
        assert_rstp(&m, [2.0, -2.4, 1.4, -1.4]);
        assert_eq!(m.game_class().unwrap(), GameClass::StagHunt);
        // G = -0.6, F = 1.0: q* = 1 / 1.6.
        assert_abs_diff_eq!(m.greed_incentive().unwrap(), -0.6, epsilon = 1e-12);
        assert_abs_diff_eq!(m.fear_incentive().unwrap(), 1.0, epsilon = 1e-12);
        assert_abs_diff_eq!(
            m.trust_threshold().unwrap().unwrap(),
            0.625,
            epsilon = 1e-12
        );
        assert_eq!(at(0.8).trust_threshold().unwrap(), None);
    }

    #[test]
    fn costly_war_under_offence_is_chicken() {
        let m = SecurityDilemma {
            war_cost: 6.0,
            ..at(0.8)
        };
        assert_eq!(m.game_class().unwrap(), GameClass::Chicken);
    }

    #[test]
    fn relative_gains_turn_a_stag_hunt_into_a_prisoners_dilemma() {
        let m = SecurityDilemma {
            relative_gains: 0.3,
            ..at(0.2)
        };
        // T' = 1.4 + 0.3 (1.4 + 2.4), S' = -2.4 + 0.3 (-2.4 - 1.4).
        assert_rstp(&m, [2.0, -3.54, 2.54, -1.4]);
        assert_eq!(m.game_class().unwrap(), GameClass::PrisonersDilemma);
    }

    #[test]
    fn neutral_balance_is_a_tie_classified_as_a_stag_hunt_on_the_boundary() {
        let m = at(0.5);
        let c = m.classification().unwrap();
        assert_abs_diff_eq!(c.greed, 0.0, epsilon = 1e-12);
        // T = R exactly in floating point here: V = 0.75, T = 0.75 * 4 - 1 = 2.
        assert_eq!(c.t, c.r);
        assert_eq!(c.class, GameClass::StagHunt);
        assert!(c.on_boundary);
        assert_abs_diff_eq!(m.greed_boundary(), 0.5, epsilon = 1e-12);
    }

    #[test]
    fn unequal_power_gives_the_asymmetric_arrays_of_the_formulas() {
        let m = SecurityDilemma {
            power: 0.3,
            ..at(0.8)
        };
        let g = m.to_game().unwrap();
        assert!(!g.is_symmetric(1e-9));
        // V = 0.9, μ_row = 0.6, μ_col = 1.4.
        let a = [[2.0, -1.4 * 0.9 * 4.0], [0.6 * 0.9 * 4.0 - 1.0, -2.6]];
        let b = [[2.0, 1.4 * 0.9 * 4.0 - 1.0], [-0.6 * 0.9 * 4.0, -2.6]];
        for i in 0..2 {
            for j in 0..2 {
                assert_abs_diff_eq!(g.row_payoffs()[(i, j)], a[i][j], epsilon = 1e-12);
                assert_abs_diff_eq!(g.col_payoffs()[(i, j)], b[i][j], epsilon = 1e-12);
            }
        }
    }

    #[test]
    fn three_action_game_at_zero_differentiation_has_h_identical_to_a() {
        let m = SecurityDilemma {
            differentiation: 0.0,
            ..at(0.7)
        };
        let g = m.to_three_action_game().unwrap();
        assert_eq!(g.shape(), (3, 3));
        for k in 0..3 {
            // Row H equals row A, column H equals column A, in both matrices.
            assert_abs_diff_eq!(
                g.row_payoffs()[(2, k)],
                g.row_payoffs()[(1, k)],
                epsilon = 1e-12
            );
            assert_abs_diff_eq!(
                g.col_payoffs()[(2, k)],
                g.col_payoffs()[(1, k)],
                epsilon = 1e-12
            );
            assert_abs_diff_eq!(
                g.row_payoffs()[(k, 2)],
                g.row_payoffs()[(k, 1)],
                epsilon = 1e-12
            );
            assert_abs_diff_eq!(
                g.col_payoffs()[(k, 2)],
                g.col_payoffs()[(k, 1)],
                epsilon = 1e-12
            );
        }
        // The 2x2 block is the 2-action game.
        let two = m.to_game().unwrap();
        for i in 0..2 {
            for j in 0..2 {
                assert_eq!(g.payoffs(i, j), two.payoffs(i, j));
            }
        }
    }

    #[test]
    fn three_action_game_at_high_differentiation_makes_defence_safe() {
        // Defence dominant, postures distinguishable: H against A loses less than R.
        let m = SecurityDilemma {
            differentiation: 1.0,
            ..at(0.2)
        };
        let g = m.to_three_action_game().unwrap();
        let a = g.row_payoffs();
        assert!(
            a[(2, 1)] > a[(0, 1)],
            "H v A = {} vs R v A = {}",
            a[(2, 1)],
            a[(0, 1)]
        );
        assert!(SecurityDilemma { offence: 1.0, ..m }
            .to_three_action_game()
            .is_err());
    }

    #[test]
    fn perception_noise_and_paranoia() {
        let m = SecurityDilemma {
            differentiation: 0.25,
            paranoia: [0.05, 0.0],
            ..at(0.8)
        };
        let row = m.perception_noise(Player::Row).unwrap();
        assert_abs_diff_eq!(row.restraint_as_arming, 0.075 + 0.05, epsilon = 1e-15);
        assert_abs_diff_eq!(row.arming_as_restraint, 0.075, epsilon = 1e-15);
        let col = m.perception_noise(Player::Column).unwrap();
        assert_abs_diff_eq!(col.restraint_as_arming, 0.075, epsilon = 1e-15);
        // The paranoid row player perceives a bigger loss from being exploited.
        let perceived = m.to_perceived_game().unwrap();
        assert_abs_diff_eq!(
            perceived.row_payoffs()[(0, 1)],
            1.05 * m.to_game().unwrap().row_payoffs()[(0, 1)],
            epsilon = 1e-12
        );
        assert_eq!(perceived.col_payoffs(), m.to_game().unwrap().col_payoffs());
    }

    #[test]
    fn jervis_worlds_and_boundaries() {
        let w = |o, d| {
            SecurityDilemma {
                offence: o,
                differentiation: d,
                ..SecurityDilemma::default()
            }
            .jervis_world()
        };
        assert_eq!(w(0.8, 0.1), JervisWorld::DoublyDangerous);
        assert_eq!(w(0.2, 0.1), JervisWorld::SecurityDilemmaCompatible);
        assert_eq!(w(0.8, 0.9), JervisWorld::AggressionPossible);
        assert_eq!(w(0.2, 0.9), JervisWorld::DoublyStable);
        assert_eq!(w(0.5, 0.9), JervisWorld::Boundary);
        assert_eq!(w(0.2, 0.5), JervisWorld::Boundary);
        assert_eq!(JervisWorld::DoublyStable.number(), Some(4));
    }

    #[test]
    fn validation_names_the_parameter() {
        let bad = |name: &str, value: f64| {
            let mut m = SecurityDilemma::default();
            m.set(name, value).unwrap();
            let e = m.validate().unwrap_err();
            assert!(e.to_string().contains(name), "{e}");
        };
        bad("offence", 1.5);
        bad("differentiation", -0.1);
        bad("power", 1.0);
        bad("power", 0.0);
        bad("max_misperception", 0.6);
        bad("stakes", f64::NAN);
        bad("relative_gains", -1.0);
        bad("paranoia_row", 0.99);
        let mut m = SecurityDilemma::default();
        assert!(m
            .set("bogus", 1.0)
            .unwrap_err()
            .to_string()
            .contains("offence"));
        assert!(SecurityDilemma { offence: 2.0, ..m }.to_game().is_err());
        m.set("paranoia", 0.2).unwrap();
        assert_eq!(m.paranoia, [0.2, 0.2]);
    }

    #[test]
    fn every_listed_parameter_can_be_set_and_defaults_match() {
        let d = SecurityDilemma::default();
        for p in PARAMETERS {
            let mut m = d;
            m.set(p.name, p.default).unwrap();
            assert_eq!(m, d, "default of {}", p.name);
        }
    }
}
