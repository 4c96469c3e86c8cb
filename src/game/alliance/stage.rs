//! The stage game of the n-state security dilemma (docs/model.md §20.2-20.4).

use super::structure::{AllianceError, AllianceSpec, Blocs};
use crate::action::{Action, Perception};
use crate::error::Error;
use crate::error::Result;
use crate::game::security::{Player, StagePayoffs};
use crate::game::{Dyad, NPlayerGame, SecurityDilemma, SideParameters};

/// The n-state security dilemma, resolved and checked (module docs of
/// [`crate::game::alliance`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AllianceGame {
    game: SecurityDilemma,
    names: Vec<String>,
    blocs: Blocs,
    commitment: f64,
    /// π_i: each state's resolved capability share.
    shares: Vec<f64>,
    /// `dyads[i][j]` for i < j in different blocs: the game between i (row)
    /// and j (column) without alliance effects (`SecurityDilemma::between`).
    dyads: Vec<Vec<Option<Dyad>>>,
}

impl AllianceGame {
    /// The game of `spec`, checked: the blocs ([`Blocs::new`]), the
    /// commitment, the game and every pair's two-side game (§3.6) and
    /// perception (§20.4).
    ///
    /// # Errors
    /// [`crate::Error::Config`] for a bad structure or commitment
    /// ([`AllianceError`] in its message);
    /// [`crate::Error::InvalidParameter`] for a value out of range.
    pub fn new(spec: &AllianceSpec) -> Result<Self> {
        let names: Vec<String> = spec.states.iter().map(|s| s.name.clone()).collect();
        let blocs = Blocs::new(&names, &spec.blocs)?;
        let kappa = spec.commitment;
        if !(0.0..=1.0).contains(&kappa) {
            return Err(AllianceError::Commitment(kappa).into());
        }
        spec.game.validate()?;
        let n = names.len();
        if n > 2 && spec.game.paranoia[0] != spec.game.paranoia[1] {
            return Err(Error::Config {
                field: "paranoia".into(),
                message: "with more than two states the game's paranoia must be one number (paranoia_row = paranoia_column); give states their own paranoia instead".into(),
            });
        }
        // With two states an unset share is the role's (π, 1 - π), left unset
        // so that `between` is the two-player game bit for bit; with more,
        // an unset share is 1/N.
        let sides: Vec<SideParameters> = spec
            .states
            .iter()
            .map(|s| {
                let mut p = s.parameters;
                if n > 2 {
                    p.power = p.power.or(Some(1.0 / n as f64));
                    p.paranoia = p.paranoia.or(Some(spec.game.paranoia[0]));
                }
                p
            })
            .collect();
        let role_share = |k: usize| {
            if k == 0 {
                spec.game.power
            } else {
                1.0 - spec.game.power
            }
        };
        let shares = sides
            .iter()
            .enumerate()
            .map(|(k, s)| s.power.unwrap_or_else(|| role_share(k)))
            .collect();
        let mut dyads = vec![vec![None; n]; n];
        for i in 0..n {
            for j in i + 1..n {
                if !blocs.allied(i, j) {
                    dyads[i][j] = Some(spec.game.between(&sides[i], &sides[j])?);
                }
            }
        }
        Ok(AllianceGame {
            game: spec.game,
            names,
            blocs,
            commitment: kappa,
            shares,
            dyads,
        })
    }

    /// The number of states.
    pub fn num_states(&self) -> usize {
        self.names.len()
    }

    /// The states' names.
    pub fn state_names(&self) -> &[String] {
        &self.names
    }

    /// The blocs.
    pub fn blocs(&self) -> &Blocs {
        &self.blocs
    }

    /// The commitment κ.
    pub fn commitment(&self) -> f64 {
        self.commitment
    }

    /// π_i: state `i`'s resolved capability share (§20.1).
    pub fn share(&self, i: usize) -> f64 {
        self.shares[i]
    }

    /// Π_i(a) = π_i + κ Σ_{armed allies l} π_l: state `i`'s effective
    /// capability in the profile `a` (§20.2).
    pub fn effective_capability(&self, i: usize, a: &[Action]) -> f64 {
        let mut x = self.shares[i];
        for (l, &al) in a.iter().enumerate() {
            if al == Action::D && self.blocs.allied(i, l) {
                x += self.commitment * self.shares[l];
            }
        }
        x
    }

    /// The two-side game between `i` and the outsider `j` in the profile `a`
    /// (§20.2): the pair's dyad (lower index as row player), its weights
    /// taken from the effective capabilities when either has an armed ally.
    /// Returns the dyad and `i`'s role in it.
    pub fn dyad_in(&self, i: usize, j: usize, a: &[Action]) -> (Dyad, Player) {
        let (row, col, role) = if i < j {
            (i, j, Player::Row)
        } else {
            (j, i, Player::Column)
        };
        let mut d = self.dyads[row][col].expect("a dyad for every pair of outsiders");
        let (p_row, p_col) = (
            self.effective_capability(row, a),
            self.effective_capability(col, a),
        );
        if p_row != self.shares[row] || p_col != self.shares[col] {
            let total = p_row + p_col;
            d.sides[0].weight = 2.0 * p_row / total;
            d.sides[1].weight = 2.0 * p_col / total;
        }
        (d, role)
    }

    /// U_i(a): state `i`'s payoff in the pure profile `a` (§20.3).
    pub fn payoff(&self, i: usize, a: &[Action]) -> f64 {
        let pick = |s: StagePayoffs, own: Action, other: Action| match (own, other) {
            (Action::C, Action::C) => s.r,
            (Action::C, Action::D) => s.s,
            (Action::D, Action::C) => s.t,
            (Action::D, Action::D) => s.p,
        };
        let mut total = 0.0;
        let mut outsiders = 0usize;
        for j in 0..a.len() {
            if j != i && !self.blocs.allied(i, j) {
                let (d, role) = self.dyad_in(i, j, a);
                total += pick(d.stage_payoffs(role), a[i], a[j]);
                outsiders += 1;
                if outsiders == 1 {
                    continue;
                }
                // Every dyad after the first charges the cost of arming, its
                // relative-gains weight and the dividend again: undo that.
                if a[i] == Action::D {
                    let side = d.sides[if role == Player::Row { 0 } else { 1 }];
                    total +=
                        (1.0 + side.relative_gains) * self.game.arms_cost - side.threat_inflation;
                }
            }
        }
        total
    }

    /// How `observer` reads `observed`'s posture (§20.4): C as D (restraint
    /// as arming) and D as C.
    pub fn perception(&self, observer: usize, observed: usize) -> Perception {
        let base = self.game.max_misperception * (1.0 - self.differentiation(observed));
        let psi = if self.blocs.allied(observer, observed) {
            0.0
        } else {
            self.paranoia(observer)
        };
        Perception {
            c_as_d: base + psi,
            d_as_c: base,
        }
    }

    /// δ of state `i` (its own, else the game's).
    fn differentiation(&self, i: usize) -> f64 {
        self.side_value(i, |d, k| d.sides[k].differentiation)
    }

    /// ψ of state `i` (its own, else the game's: of its role with two
    /// states, the common value with more).
    fn paranoia(&self, i: usize) -> f64 {
        self.side_value(i, |d, k| d.sides[k].paranoia)
    }

    /// A resolved value of state `i`, read from any of its dyads (all agree).
    fn side_value(&self, i: usize, value: impl Fn(&Dyad, usize) -> f64) -> f64 {
        let n = self.num_states();
        (0..n)
            .find_map(|j| {
                if i < j {
                    self.dyads[i][j].map(|d| value(&d, 0))
                } else if j < i {
                    self.dyads[j][i].map(|d| value(&d, 1))
                } else {
                    None
                }
            })
            .expect("every state has an outsider")
    }

    /// The game in strategic form: one player per state (named after it),
    /// actions R (restrain, 0) and A (arm, 1); name `alliance`.
    ///
    /// # Errors
    /// [`crate::Error::InvalidGame`] only if a payoff is not finite.
    pub fn to_game(&self) -> Result<NPlayerGame> {
        let n = self.num_states();
        let mut profile = vec![Action::C; n];
        NPlayerGame::from_fn(&vec![2; n], |a| {
            for (p, &x) in profile.iter_mut().zip(a) {
                *p = if x == 0 { Action::C } else { Action::D };
            }
            (0..n).map(|i| self.payoff(i, &profile)).collect()
        })?
        .with_name("alliance")
        .with_player_names(self.names.clone())?
        .with_action_names(vec![vec!["R".to_string(), "A".to_string()]; n])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::alliance::{BlocSpec, StateSpec};
    use approx::assert_abs_diff_eq;
    use Action::{C as R, D as A};

    fn spec(n: usize, blocs: &[(&str, &[&str])]) -> AllianceSpec {
        let mut s = AllianceSpec::plain(SecurityDilemma::default(), n);
        s.blocs = blocs
            .iter()
            .map(|(name, m)| BlocSpec {
                name: name.to_string(),
                members: m.iter().map(|x| x.to_string()).collect(),
            })
            .collect();
        s
    }

    #[test]
    fn two_states_without_an_alliance_are_the_two_player_game() {
        // Every payoff equal, bit for bit, across a grid of the game's and
        // the states' own values.
        let mut checked = 0;
        for offence in [0.0, 0.3, 0.5, 0.8, 1.0] {
            for differentiation in [0.0, 0.6] {
                for power in [0.5, 0.3] {
                    for (lambda, m, g) in [(0.0, 0.0, 0.0), (0.5, 0.2, 0.3)] {
                        for own in [false, true] {
                            let game = SecurityDilemma {
                                offence,
                                differentiation,
                                power,
                                relative_gains: lambda,
                                threat_inflation: m,
                                greed: g,
                                paranoia: [0.1, 0.05],
                                ..SecurityDilemma::default()
                            };
                            let mut s = AllianceSpec::plain(game, 2);
                            if own {
                                s.states[0].parameters.offence = Some(0.9);
                                s.states[0].parameters.power = Some(0.6);
                                s.states[1].parameters.base_defence = Some(0.2);
                                s.states[1].parameters.relative_gains = Some(1.0);
                            }
                            let want = game
                                .between(&s.states[0].parameters, &s.states[1].parameters)
                                .unwrap()
                                .to_game()
                                .unwrap();
                            let got = AllianceGame::new(&s).unwrap().to_game().unwrap();
                            for a in 0..2 {
                                for b in 0..2 {
                                    assert_eq!(got.payoff(0, &[a, b]), want.row_payoffs()[(a, b)]);
                                    assert_eq!(got.payoff(1, &[a, b]), want.col_payoffs()[(a, b)]);
                                }
                            }
                            let direct = game.to_game().unwrap();
                            if !own {
                                assert_eq!(got.payoff(0, &[1, 0]), direct.row_payoffs()[(1, 0)]);
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 80);
    }

    // Defaults: θ = 0.5, d0 = 0.5, so V = 0.75; w = 4, c = 1, v = 2, k = 2.
    // Three states with shares 1/3; states 1 and 2 allied against state 3.

    #[test]
    fn an_allys_arming_defends_a_restrainer() {
        let g = AllianceGame::new(&spec(3, &[("west", &["1", "2"])])).unwrap();
        // Alone: the outsider's weight 1, loss V w = 3.
        assert_abs_diff_eq!(g.payoff(0, &[R, R, A]), -3.0, epsilon = 1e-12);
        // Armed ally: Π = 2/3 against 1/3, the outsider's weight 2/3.
        assert_eq!(g.effective_capability(0, &[R, A, A]), 2.0 / 3.0);
        assert_abs_diff_eq!(g.payoff(0, &[R, A, A]), -2.0, epsilon = 1e-12);
    }

    #[test]
    fn a_blocs_arming_threatens_an_outsider_more() {
        let g = AllianceGame::new(&spec(3, &[("west", &["1", "2"])])).unwrap();
        // One member arms: loss 3 to it, v = 2 with the other.
        assert_abs_diff_eq!(g.payoff(2, &[A, R, R]), -1.0, epsilon = 1e-12);
        // Both arm: each weighs 2 (2/3) / 1 = 4/3, loss 4/3 * 3 = 4 twice.
        assert_abs_diff_eq!(g.payoff(2, &[A, A, R]), -8.0, epsilon = 1e-12);
        // Without commitment the bloc is two separate threats of 3.
        let mut s = spec(3, &[("west", &["1", "2"])]);
        s.commitment = 0.0;
        let g0 = AllianceGame::new(&s).unwrap();
        assert_abs_diff_eq!(g0.payoff(2, &[A, A, R]), -6.0, epsilon = 1e-12);
    }

    #[test]
    fn allies_free_ride_on_each_others_arming() {
        let g = AllianceGame::new(&spec(3, &[("west", &["1", "2"])])).unwrap();
        let fear = |ally| g.payoff(0, &[A, ally, A]) - g.payoff(0, &[R, ally, A]);
        // -c - θ k + μ V w: 1 with a restraining ally, 0 with an armed one.
        assert_abs_diff_eq!(fear(R), 1.0, epsilon = 1e-12);
        assert_abs_diff_eq!(fear(A), 0.0, epsilon = 1e-12);
        // The ally's arming is free to its partner: the partner pays no c.
        assert!(g.payoff(0, &[R, A, A]) > g.payoff(0, &[R, R, A]));
        // Against a restraining outsider an armed ally raises the temptation:
        // μ = 4/3, T = 4/3 * 3 - 1 = 3 against R = 2.
        let greed = |ally| g.payoff(0, &[A, ally, R]) - g.payoff(0, &[R, ally, R]);
        assert_abs_diff_eq!(greed(R), 0.0, epsilon = 1e-12);
        assert_abs_diff_eq!(greed(A), 1.0, epsilon = 1e-12);
    }

    #[test]
    fn the_cost_of_arming_is_paid_once() {
        // Three states, no alliance: arming against two restrainers earns
        // μ V w = 3 from each, less c = 1 once.
        let g = AllianceGame::new(&spec(3, &[])).unwrap();
        assert_abs_diff_eq!(g.payoff(0, &[A, R, R]), 5.0, epsilon = 1e-12);
        assert_abs_diff_eq!(g.payoff(0, &[R, R, R]), 4.0, epsilon = 1e-12);
        // With a dividend m and relative gains λ: both once as well.
        let mut s = spec(3, &[]);
        s.states[0].parameters.threat_inflation = Some(0.5);
        s.states[0].parameters.relative_gains = Some(1.0);
        let g = AllianceGame::new(&s).unwrap();
        // Each dyad: T = 2 + λ (2 - (-3)) + m = 7.5; twice, cost 2 c back less m.
        assert_abs_diff_eq!(g.payoff(0, &[A, R, R]), 15.0 + 2.0 - 0.5, epsilon = 1e-12);
    }

    #[test]
    fn perception_uses_the_observed_differentiation_and_paranoia_toward_outsiders() {
        let mut s = spec(3, &[("west", &["1", "2"])]);
        s.states[0].parameters.paranoia = Some(0.2);
        s.states[2].parameters.differentiation = Some(0.9);
        let g = AllianceGame::new(&s).unwrap();
        let out = g.perception(0, 2);
        assert_abs_diff_eq!(out.c_as_d, 0.1 * 0.1 + 0.2, epsilon = 1e-15);
        assert_abs_diff_eq!(out.d_as_c, 0.1 * 0.1, epsilon = 1e-15);
        let ally = g.perception(0, 1);
        assert_abs_diff_eq!(ally.c_as_d, 0.05, epsilon = 1e-15);
        assert_abs_diff_eq!(ally.d_as_c, 0.05, epsilon = 1e-15);
        // Two states: the §3.6 rule of the dyad.
        let two = AllianceGame::new(&AllianceSpec::plain(
            SecurityDilemma {
                paranoia: [0.1, 0.0],
                ..SecurityDilemma::default()
            },
            2,
        ))
        .unwrap();
        let d = SecurityDilemma {
            paranoia: [0.1, 0.0],
            ..SecurityDilemma::default()
        }
        .dyad()
        .perception_noise(Player::Row);
        assert_eq!(two.perception(0, 1).c_as_d, d.restraint_as_arming);
    }

    #[test]
    fn bad_games_are_refused_with_one_line() {
        let e = AllianceGame::new(&spec(3, &[("west", &["1", "x"])]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "`blocs`: bloc `west` names the unknown state `x`; known states: 1, 2, 3"
        );
        let mut s = spec(3, &[]);
        s.commitment = 1.5;
        assert!(AllianceGame::new(&s)
            .unwrap_err()
            .to_string()
            .contains("commitment = 1.5"));
        s.commitment = 1.0;
        s.states.push(StateSpec {
            name: "4".into(),
            parameters: SideParameters {
                offence: Some(2.0),
                ..SideParameters::default()
            },
        });
        assert!(AllianceGame::new(&s)
            .unwrap_err()
            .to_string()
            .contains("offence"));
        let mut s = spec(3, &[]);
        s.game.paranoia = [0.1, 0.0];
        assert!(AllianceGame::new(&s)
            .unwrap_err()
            .to_string()
            .contains("paranoia"));
    }

    #[test]
    fn the_strategic_form_names_states_and_postures() {
        let g = AllianceGame::new(&spec(3, &[("west", &["1", "2"])]))
            .unwrap()
            .to_game()
            .unwrap();
        assert_eq!(g.name(), "alliance");
        assert_eq!(g.player_names(), &["1", "2", "3"]);
        assert_eq!(g.action_names()[2], vec!["R", "A"]);
        assert_abs_diff_eq!(g.payoff(2, &[1, 1, 0]), -8.0, epsilon = 1e-12);
        assert!(!g.is_symmetric(0.0));
    }
}
