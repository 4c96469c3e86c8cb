//! Sides: states or blocs with their own values of the security model's
//! parameters, and the game between two of them (docs/model.md §3.5).
//!
//! A [`Dyad`] is the security game between a row side i and a column side j,
//! each with its own capability share π, offence θ, base defence d0,
//! differentiation δ, paranoia ψ, threat inflation m, relative-gains weight λ
//! and greed g; the rest (v, w, c, k, σ, ε0) is common. With μ_i = 2π_i / (π_i + π_j)
//! and V(i→j) = 1 - d0_j (1 - θ_i), the success of i's attack on j:
//!
//! - x_i(R,R) = v
//! - x_i(A,R) = μ_i V(i→j) (σ w + g_i) - c
//! - x_i(R,A) = -μ_j V(j→i) w
//! - x_i(A,A) = -c - θ_j k
//! - U_i = x_i + λ_i (x_i - x_j) + m_i \[a_i = A\]
//!
//! and i reads j's restraint as arming with probability ε0 (1 - δ_j) + ψ_i,
//! arming as restraint with ε0 (1 - δ_j): j's forces are what is or is not
//! distinguishable, i's paranoia is its own. [`SecurityDilemma`]'s own game is
//! the dyad of two sides that take every value from it (shares π and 1 - π,
//! paranoia ψ_row and ψ_col), so the two-sided formulas are the only ones.
//!
//! ## References
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World Politics*
//!   30(2):167-214.
//! - Grieco, J. M. (1988). Anarchy and the limits of cooperation. *International
//!   Organization* 42(3):485-507.

use super::security::{check, PerceptionNoise, Player, SecurityDilemma, StagePayoffs};
use super::MatrixGame;
use crate::error::{Error, Result};
use ndarray::Array2;
use serde::{Deserialize, Serialize};

/// The parameters a side may set for itself (docs/model.md §3.5).
pub const SIDE_PARAMETERS: &[&str] = &[
    "power",
    "offence",
    "base_defence",
    "differentiation",
    "paranoia",
    "threat_inflation",
    "relative_gains",
    "greed",
];

/// A side's own values; a value not given takes the game's.
///
/// `power` is the side's capability share π: two sides i and j weigh their
/// attacks by μ_i = 2π_i / (π_i + π_j). A side without one takes the game's
/// share of the role it plays (π as the row player, 1 - π as the column player).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SideParameters {
    /// π in (0, 1): the side's capability share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power: Option<f64>,
    /// θ in \[0, 1\]: the offence-defence balance of the side's forces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offence: Option<f64>,
    /// d0 in \[0, 1\]: the side's standing defence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_defence: Option<f64>,
    /// δ in \[0, 1\]: how well others can tell the side's defensive forces
    /// from offensive ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub differentiation: Option<f64>,
    /// ψ >= 0: the side's paranoia, an extra probability of reading restraint as arming.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paranoia: Option<f64>,
    /// m >= 0: the side's domestic dividend for arming.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threat_inflation: Option<f64>,
    /// λ >= 0: the side's weight on relative gains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_gains: Option<f64>,
    /// g >= 0: the side's extra gain from conquest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greed: Option<f64>,
}

impl SideParameters {
    /// Sets one of [`SIDE_PARAMETERS`] by name.
    pub fn set(&mut self, name: &str, value: f64) -> Result<()> {
        *self.slot(name)? = Some(value);
        Ok(())
    }

    /// The value of one of [`SIDE_PARAMETERS`], if the side sets it.
    pub fn get(&self, name: &str) -> Result<Option<f64>> {
        let mut copy = *self;
        Ok(*copy.slot(name)?)
    }

    fn slot(&mut self, name: &str) -> Result<&mut Option<f64>> {
        Ok(match name {
            "power" => &mut self.power,
            "offence" => &mut self.offence,
            "base_defence" => &mut self.base_defence,
            "differentiation" => &mut self.differentiation,
            "paranoia" => &mut self.paranoia,
            "threat_inflation" => &mut self.threat_inflation,
            "relative_gains" => &mut self.relative_gains,
            "greed" => &mut self.greed,
            _ => {
                return Err(Error::Unknown {
                    kind: "side parameter",
                    name: name.to_string(),
                    known: SIDE_PARAMETERS.join(", "),
                })
            }
        })
    }

    /// Checks the values a side sets (the game's are checked with the game):
    /// `power` strictly between 0 and 1, the others in their ranges.
    pub fn validate(&self) -> Result<()> {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        if let Some(x) = self.power {
            check(
                "power",
                x,
                x > 0.0 && x < 1.0,
                "a share strictly between 0 and 1",
            )?;
        }
        for (name, x) in [
            ("offence", self.offence),
            ("base_defence", self.base_defence),
            ("differentiation", self.differentiation),
        ] {
            if let Some(x) = x {
                check(name, x, unit(x), "a number in [0, 1]")?;
            }
        }
        for (name, x) in [
            ("paranoia", self.paranoia),
            ("threat_inflation", self.threat_inflation),
            ("relative_gains", self.relative_gains),
            ("greed", self.greed),
        ] {
            if let Some(x) = x {
                check(name, x, x >= 0.0, "a number >= 0")?;
            }
        }
        Ok(())
    }
}

/// One side's values in a [`Dyad`], resolved against the game.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SideValues {
    /// μ: the side's attack weight, 2π_i / (π_i + π_j).
    pub weight: f64,
    /// θ: the offence-defence balance of the side's forces.
    pub offence: f64,
    /// d0: the side's standing defence.
    pub base_defence: f64,
    /// δ: how distinguishable the side's defensive forces are.
    pub differentiation: f64,
    /// ψ: the side's paranoia.
    pub paranoia: f64,
    /// m: the side's domestic dividend for arming.
    pub threat_inflation: f64,
    /// λ: the side's weight on relative gains.
    pub relative_gains: f64,
    /// g: the side's greed.
    pub greed: f64,
}

/// The security game between a row side and a column side (module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dyad {
    /// The game: the common values v, w, c, k, σ and ε0.
    pub common: SecurityDilemma,
    /// The row side's and the column side's values.
    pub sides: [SideValues; 2],
}

impl SecurityDilemma {
    /// The game as a dyad of two sides that take every value from it.
    pub fn dyad(&self) -> Dyad {
        let side = |k: usize, weight: f64| SideValues {
            weight,
            offence: self.offence,
            base_defence: self.base_defence,
            differentiation: self.differentiation,
            paranoia: self.paranoia[k],
            threat_inflation: self.threat_inflation,
            relative_gains: self.relative_gains,
            greed: self.greed,
        };
        // μ_row = 2π and μ_col = 2 - 2π: the shares π and 1 - π sum to one.
        let mu = 2.0 * self.power;
        Dyad {
            common: *self,
            sides: [side(0, mu), side(1, 2.0 - mu)],
        }
    }

    /// The game between side `row` (as the row player) and side `column`,
    /// each value a side does not set taken from this game (module docs).
    pub fn between(&self, row: &SideParameters, column: &SideParameters) -> Result<Dyad> {
        self.validate()?;
        row.validate()?;
        column.validate()?;
        let mut dyad = self.dyad();
        let shares = [
            row.power.unwrap_or(self.power),
            column.power.unwrap_or(1.0 - self.power),
        ];
        if row.power.is_some() || column.power.is_some() {
            let total = shares[0] + shares[1];
            for (side, share) in dyad.sides.iter_mut().zip(shares) {
                side.weight = 2.0 * share / total;
            }
        }
        for (side, own) in dyad.sides.iter_mut().zip([row, column]) {
            side.offence = own.offence.unwrap_or(side.offence);
            side.base_defence = own.base_defence.unwrap_or(side.base_defence);
            side.differentiation = own.differentiation.unwrap_or(side.differentiation);
            side.paranoia = own.paranoia.unwrap_or(side.paranoia);
            side.threat_inflation = own.threat_inflation.unwrap_or(side.threat_inflation);
            side.relative_gains = own.relative_gains.unwrap_or(side.relative_gains);
            side.greed = own.greed.unwrap_or(side.greed);
        }
        dyad.validate()?;
        Ok(dyad)
    }
}

/// A player's 3x3 table over (R, A, H), own action first.
type Table3 = [[f64; 3]; 3];

impl Dyad {
    /// Checks that each side's misperception ε0 (1 - δ_other) + ψ_own is a
    /// probability (the game and the sides' own values are checked where
    /// they are set).
    pub fn validate(&self) -> Result<()> {
        for k in 0..2 {
            let base = self.base_misperception(k);
            let psi = self.sides[k].paranoia;
            check(
                if k == 0 { "paranoia_row" } else { "paranoia_column" },
                psi,
                psi >= 0.0 && base + psi <= 1.0,
                &format!(
                    "a number >= 0 with max_misperception (1 - the other side's differentiation) + paranoia <= 1, i.e. at most {}",
                    1.0 - base
                ),
            )?;
        }
        Ok(())
    }

    /// ε0 (1 - δ_j): how often side `k` misreads the other's posture before paranoia.
    fn base_misperception(&self, k: usize) -> f64 {
        self.common.max_misperception * (1.0 - self.sides[1 - k].differentiation)
    }

    /// V(i→j) = 1 - d0_j (1 - θ_i): the success of side `k`'s attack on the other.
    pub fn attack_success(&self, k: usize) -> f64 {
        1.0 - self.sides[1 - k].base_defence * (1.0 - self.sides[k].offence)
    }

    /// Material payoffs `[x(R,R), x(R,A), x(A,R), x(A,A)]` of side `k`, own
    /// action first, its loss x(R,A) scaled by `loss_scale`.
    fn material(&self, k: usize, loss_scale: f64) -> [f64; 4] {
        let g = &self.common;
        let (own, other) = (&self.sides[k], &self.sides[1 - k]);
        [
            g.cooperation_value,
            -other.weight * self.attack_success(1 - k) * g.stakes * loss_scale,
            own.weight * self.attack_success(k) * (g.expansion_value * g.stakes + own.greed)
                - g.arms_cost,
            -g.arms_cost - other.offence * g.war_cost,
        ]
    }

    /// Utility stage payoffs of side `k`, each side's loss scaled by `loss_scale`.
    fn utilities(&self, k: usize, loss_scale: [f64; 2]) -> StagePayoffs {
        let own = self.material(k, loss_scale[k]);
        let theirs = self.material(1 - k, loss_scale[1 - k]);
        let lambda = self.sides[k].relative_gains;
        let m = self.sides[k].threat_inflation;
        // Outcome (own, other): (R,R) -> other's (R,R); (R,A) -> other's (A,R); ...
        let u = |x_own: f64, x_other: f64, armed: bool| {
            x_own + lambda * (x_own - x_other) + if armed { m } else { 0.0 }
        };
        StagePayoffs {
            r: u(own[0], theirs[0], false),
            s: u(own[1], theirs[2], false),
            t: u(own[2], theirs[1], true),
            p: u(own[3], theirs[3], true),
        }
    }

    /// The stage payoffs of `player` (own action first), utilities included.
    pub fn stage_payoffs(&self, player: Player) -> StagePayoffs {
        self.utilities(player.index(), [1.0, 1.0])
    }

    /// The stage payoffs as `player` perceives them: its own loss x(R,A)
    /// multiplied by (1 + ψ_own), relative gains computed from its own view
    /// only (the other's payoffs as they are, not as the other fears them).
    pub fn perceived_stage_payoffs(&self, player: Player) -> StagePayoffs {
        let k = player.index();
        let mut scale = [1.0; 2];
        scale[k] += self.sides[k].paranoia;
        self.utilities(k, scale)
    }

    /// How `observer` misreads the other's posture in the iterated game.
    pub fn perception_noise(&self, observer: Player) -> PerceptionNoise {
        let k = observer.index();
        let base = self.base_misperception(k);
        PerceptionNoise {
            restraint_as_arming: base + self.sides[k].paranoia,
            arming_as_restraint: base,
        }
    }

    fn bimatrix(row: StagePayoffs, col: StagePayoffs, name: &str) -> Result<MatrixGame> {
        let a =
            Array2::from_shape_vec((2, 2), vec![row.r, row.s, row.t, row.p]).expect("2x2 shape");
        let b =
            Array2::from_shape_vec((2, 2), vec![col.r, col.t, col.s, col.p]).expect("2x2 shape");
        MatrixGame::new(a, b)?
            .with_name(name)
            .with_action_names(["R", "A"], ["R", "A"])
    }

    /// The 2-action stage game (R = restrain = action 0, A = arm = action 1).
    pub fn to_game(&self) -> Result<MatrixGame> {
        Dyad::bimatrix(
            self.stage_payoffs(Player::Row),
            self.stage_payoffs(Player::Column),
            "security_dilemma",
        )
    }

    /// The game each side perceives ([`Dyad::perceived_stage_payoffs`]).
    pub fn to_perceived_game(&self) -> Result<MatrixGame> {
        Dyad::bimatrix(
            self.perceived_stage_payoffs(Player::Row),
            self.perceived_stage_payoffs(Player::Column),
            "security_dilemma_perceived",
        )
    }

    /// The cost to side `k` of the defensive build-up H against the other's
    /// forces, c_H = c θ_j / (1 - θ_j).
    pub fn defensive_cost(&self, k: usize) -> Result<f64> {
        let theta = self.sides[1 - k].offence;
        if theta >= 1.0 {
            return Err(Error::invalid_parameter(
                "offence",
                theta,
                "a number below 1 for the three-action game (H would cost c θ / (1 - θ) = infinity)",
            ));
        }
        Ok(self.common.arms_cost * theta / (1.0 - theta))
    }

    /// Side `k`'s material 3x3 table over (R, A, H), own action first
    /// (docs/model.md §8): a posture H is read as A with probability 1 - δ of
    /// the side that takes it, and as a defence otherwise.
    fn material_table(&self, k: usize) -> Result<Table3> {
        let g = &self.common;
        let (own, other) = (&self.sides[k], &self.sides[1 - k]);
        let [r, s, t, p] = self.material(k, 1.0);
        let c_h = self.defensive_cost(k)?;
        let (d_own, d_other) = (own.differentiation, other.differentiation);
        let d_both = d_own.min(d_other);
        let v = g.cooperation_value;
        let w = g.stakes;
        let h_r = (1.0 - d_own) * t + d_own * (v - c_h);
        let r_h = (1.0 - d_other) * s + d_other * v;
        let h_h = (1.0 - d_both) * p + d_both * (v - c_h);
        let h_a = (1.0 - d_own) * p + d_own * (-c_h - other.weight * other.offence * w);
        let a_h = (1.0 - d_other) * p
            + d_other
                * (own.weight * own.offence * (g.expansion_value * w + own.greed) - g.arms_cost);
        Ok([[r, s, r_h], [t, p, a_h], [h_r, h_a, h_h]])
    }

    /// Side `k`'s utility 3x3 table: U_i = x_i + λ_i (x_i - x_j) + m_i a_i,
    /// where a_i is 1 for A, 1 - δ_i for H (the share of the time it reads as
    /// arming) and 0 for R.
    fn utility_table(&self, k: usize) -> Result<Table3> {
        let own = self.material_table(k)?;
        let theirs = self.material_table(1 - k)?;
        let side = &self.sides[k];
        let armed = [0.0, 1.0, 1.0 - side.differentiation];
        let mut u = [[0.0; 3]; 3];
        for a in 0..3 {
            for b in 0..3 {
                let x = own[a][b];
                let relative = if side.relative_gains == 0.0 {
                    0.0
                } else {
                    side.relative_gains * (x - theirs[b][a])
                };
                let dividend = if side.threat_inflation == 0.0 {
                    0.0
                } else {
                    side.threat_inflation * armed[a]
                };
                u[a][b] = x + relative + dividend;
            }
        }
        Ok(u)
    }

    /// The three-action variant with a defensive build-up H (actions R, A, H;
    /// docs/model.md §8). Needs θ < 1 for both sides.
    pub fn to_three_action_game(&self) -> Result<MatrixGame> {
        let row = self.utility_table(0)?;
        let col = self.utility_table(1)?;
        let a = Array2::from_shape_fn((3, 3), |(i, j)| row[i][j]);
        let b = Array2::from_shape_fn((3, 3), |(i, j)| col[j][i]);
        MatrixGame::new(a, b)?
            .with_name("security_dilemma_3")
            .with_action_names(["R", "A", "H"], ["R", "A", "H"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn side(pairs: &[(&str, f64)]) -> SideParameters {
        let mut s = SideParameters::default();
        for (k, v) in pairs {
            s.set(k, *v).unwrap();
        }
        s
    }

    #[test]
    fn sides_that_set_nothing_are_the_game_itself() {
        for game in [
            SecurityDilemma::default(),
            SecurityDilemma {
                offence: 0.3,
                differentiation: 0.2,
                power: 0.7,
                paranoia: [0.1, 0.05],
                relative_gains: 0.5,
                threat_inflation: 0.2,
                greed: 0.3,
                ..SecurityDilemma::default()
            },
        ] {
            let none = SideParameters::default();
            let d = game.between(&none, &none).unwrap();
            assert_eq!(d, game.dyad());
            assert_eq!(d.to_game().unwrap(), game.to_game().unwrap());
        }
    }

    #[test]
    fn equal_sides_that_set_the_games_values_reduce_to_the_game() {
        let game = SecurityDilemma {
            offence: 0.3,
            differentiation: 0.2,
            relative_gains: 0.5,
            ..SecurityDilemma::default()
        };
        let same = side(&[
            ("power", 0.4),
            ("offence", 0.3),
            ("differentiation", 0.2),
            ("relative_gains", 0.5),
        ]);
        let d = game.between(&same, &same).unwrap();
        let g = d.to_game().unwrap();
        let want = game.to_game().unwrap();
        for (x, y) in g.row_payoffs().iter().zip(want.row_payoffs().iter()) {
            assert_abs_diff_eq!(*x, *y, epsilon = 1e-12);
        }
        let three = d.to_three_action_game().unwrap();
        let want3 = game.to_three_action_game().unwrap();
        for (x, y) in three.col_payoffs().iter().zip(want3.col_payoffs().iter()) {
            assert_abs_diff_eq!(*x, *y, epsilon = 1e-12);
        }
    }

    #[test]
    fn unequal_sides_follow_the_formulas() {
        // θ_i = 0.8, d0_j = 0.4; θ_j = 0.2, d0_i = 0.6; π 0.7 / 0.3.
        let game = SecurityDilemma::default();
        let i = side(&[
            ("power", 0.7),
            ("offence", 0.8),
            ("base_defence", 0.6),
            ("greed", 0.5),
        ]);
        let j = side(&[("power", 0.3), ("offence", 0.2), ("base_defence", 0.4)]);
        let d = game.between(&i, &j).unwrap();
        let v_ij = 1.0 - 0.4 * (1.0 - 0.8);
        let v_ji = 1.0 - 0.6 * (1.0 - 0.2);
        let (mu_i, mu_j) = (1.4, 0.6);
        let row = d.stage_payoffs(Player::Row);
        assert_abs_diff_eq!(row.r, 2.0, epsilon = 1e-12);
        assert_abs_diff_eq!(row.t, mu_i * v_ij * (4.0 + 0.5) - 1.0, epsilon = 1e-12);
        assert_abs_diff_eq!(row.s, -mu_j * v_ji * 4.0, epsilon = 1e-12);
        assert_abs_diff_eq!(row.p, -1.0 - 0.2 * 2.0, epsilon = 1e-12);
        let col = d.stage_payoffs(Player::Column);
        assert_abs_diff_eq!(col.t, mu_j * v_ji * 4.0 - 1.0, epsilon = 1e-12);
        assert_abs_diff_eq!(col.s, -mu_i * v_ij * 4.0, epsilon = 1e-12);
        assert_abs_diff_eq!(col.p, -1.0 - 0.8 * 2.0, epsilon = 1e-12);
        // The mirror dyad is the transposed game.
        let back = game.between(&j, &i).unwrap().to_game().unwrap();
        let g = d.to_game().unwrap();
        assert_eq!(back.row_payoffs(), g.col_payoffs().t());
    }

    #[test]
    fn perception_reads_the_others_differentiation_and_ones_own_paranoia() {
        let game = SecurityDilemma::default();
        let i = side(&[("differentiation", 0.9), ("paranoia", 0.2)]);
        let j = side(&[("differentiation", 0.1)]);
        let d = game.between(&i, &j).unwrap();
        let row = d.perception_noise(Player::Row);
        assert_abs_diff_eq!(row.arming_as_restraint, 0.1 * 0.9, epsilon = 1e-15);
        assert_abs_diff_eq!(row.restraint_as_arming, 0.1 * 0.9 + 0.2, epsilon = 1e-15);
        let col = d.perception_noise(Player::Column);
        assert_abs_diff_eq!(col.restraint_as_arming, 0.1 * 0.1, epsilon = 1e-15);
    }

    #[test]
    fn a_perceived_temptation_does_not_depend_on_the_others_paranoia() {
        // docs/model.md §3.4: relative gains from one's own view only.
        let game = |psi_col: f64| SecurityDilemma {
            offence: 0.3,
            differentiation: 0.2,
            paranoia: [0.2, psi_col],
            relative_gains: 0.5,
            ..SecurityDilemma::default()
        };
        let t = |psi_col| game(psi_col).dyad().perceived_stage_payoffs(Player::Row).t;
        assert_eq!(t(0.0), t(0.5));
        // The row player's own fear still inflates its own sucker's payoff.
        let d = game(0.0).dyad();
        let (seen, real) = (
            d.perceived_stage_payoffs(Player::Row),
            d.stage_payoffs(Player::Row),
        );
        let x_s = -0.65 * 4.0; // μ_j V w with V = 1 - 0.5 (1 - 0.3)
        assert_abs_diff_eq!(seen.s - real.s, 1.5 * 0.2 * x_s, epsilon = 1e-12);
    }

    #[test]
    fn three_action_defence_entries_follow_power() {
        let game = SecurityDilemma {
            offence: 0.4,
            differentiation: 1.0,
            ..SecurityDilemma::default()
        };
        let strong = side(&[("power", 0.7)]);
        let weak = side(&[("power", 0.3)]);
        let g = game
            .between(&strong, &weak)
            .unwrap()
            .to_three_action_game()
            .unwrap();
        let c_h = 0.4 / 0.6;
        // (A,H) for the strong side: μ_i θ (σ w + g) - c; (H,A): -c_H - μ_j θ w.
        assert_abs_diff_eq!(
            g.row_payoffs()[(1, 2)],
            1.4 * 0.4 * 4.0 - 1.0,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(
            g.row_payoffs()[(2, 1)],
            -c_h - 0.6 * 0.4 * 4.0,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(
            g.col_payoffs()[(2, 1)],
            0.6 * 0.4 * 4.0 - 1.0,
            epsilon = 1e-12
        );
    }

    #[test]
    fn bad_sides_are_refused_naming_the_parameter() {
        let game = SecurityDilemma::default();
        for (name, value) in [
            ("power", 1.0),
            ("power", 0.0),
            ("offence", 1.5),
            ("greed", -1.0),
        ] {
            let e = game
                .between(&side(&[(name, value)]), &SideParameters::default())
                .unwrap_err();
            assert!(e.to_string().contains(name), "{e}");
        }
        let e = SideParameters::default().set("stakes", 1.0).unwrap_err();
        assert!(e.to_string().contains("power"), "{e}");
        let e = game
            .between(&side(&[("paranoia", 0.99)]), &SideParameters::default())
            .unwrap_err();
        assert!(e.to_string().contains("paranoia"), "{e}");
    }
}
