//! The logit QRE equations in log-probability coordinates and their
//! Jacobian (docs/model.md §17.2).
//!
//! The unknowns are `z = (x, μ)`: `x` the log-probabilities of every action,
//! player after player, and `μ = λ R` the precision scaled by the game's
//! payoff scale `R` (the largest player's payoff range), so that the traced
//! curve's geometry does not depend on the unit of the payoffs. For each
//! player `i` with actions `0..n_i` the equations are, in this order,
//!
//! - `Σ_a exp(x_ia) - 1 = 0` (normalisation),
//! - `x_ia - x_i0 - (μ / R) (u_ia - u_i0) = 0` for `a = 1..n_i` (the logit
//!   odds of action `a` against action 0),
//!
//! where `u_ia` is the player's expected payoff from action `a` against the
//! others' mixed strategies `exp(x_j)`.

use super::LogitGame;
use crate::error::{Error, Result};

/// Size of the perturbation of player 0's normalisation while a bifurcation
/// is crossed (the equation reads `Σ_a π_0a = 1 - PERTURBATION`).
pub(crate) const PERTURBATION: f64 = 1e-7;

/// The perturbation of the first odds equation, relative to
/// [`PERTURBATION`]: it breaks the bifurcations that perturbing the
/// normalisation leaves (chicken's, where the symmetric branch solves the
/// perturbed equations too).
const ODDS_PERTURBATION_SHARE: f64 = 1e-3;

/// The equations of one game with the buffers to evaluate them.
pub(crate) struct System<'g, G: LogitGame> {
    game: &'g G,
    /// Index of each player's first action in the flattened profile.
    offsets: Vec<usize>,
    /// Number of actions of each player.
    sizes: Vec<usize>,
    /// Total number of actions (the number of equations).
    actions: usize,
    /// The payoff scale `R` (`1` when every payoff is the same).
    scale: f64,
    /// The index of the first odds equation (`None` when no player has two
    /// actions).
    first_odds: Option<usize>,
    probabilities: Vec<f64>,
    payoffs: Vec<f64>,
    derivatives: Vec<f64>,
}

impl<'g, G: LogitGame> System<'g, G> {
    /// The equations of `game`.
    ///
    /// # Errors
    /// [`Error::UnsupportedGame`] when the game has no player or a player
    /// without actions.
    pub fn new(game: &'g G) -> Result<Self> {
        let players = game.players();
        let sizes: Vec<usize> = (0..players).map(|i| game.actions(i)).collect();
        if players == 0 || sizes.contains(&0) {
            return Err(Error::UnsupportedGame {
                operation: "the logit QRE",
                requirement: "at least one player, each with at least one action",
                found: format!("{players} players with {sizes:?} actions"),
            });
        }
        let mut offsets = Vec::with_capacity(players);
        let mut actions = 0;
        for &n in &sizes {
            offsets.push(actions);
            actions += n;
        }
        let scale = (0..players)
            .map(|i| game.payoff_range(i))
            .fold(0.0f64, f64::max);
        let scale = if scale > 0.0 && scale.is_finite() {
            scale
        } else {
            1.0
        };
        let first_odds = offsets
            .iter()
            .zip(&sizes)
            .find(|(_, &n)| n >= 2)
            .map(|(&o, _)| o + 1);
        Ok(System {
            game,
            offsets,
            sizes,
            actions,
            scale,
            first_odds,
            probabilities: vec![0.0; actions],
            payoffs: vec![0.0; actions],
            derivatives: vec![0.0; actions * actions],
        })
    }

    /// The number of equations (every action of every player).
    pub fn equations(&self) -> usize {
        self.actions
    }

    /// The payoff scale `R`: `μ = λ R`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Each player's first action's index and number of actions.
    pub fn players(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.offsets.iter().copied().zip(self.sizes.iter().copied())
    }

    /// The branch's start: every player uniform, `μ = 0`.
    pub fn start(&self) -> Vec<f64> {
        let mut z = vec![0.0; self.actions + 1];
        for (o, n) in self.players() {
            z[o..o + n].fill(-(n as f64).ln());
        }
        z
    }

    /// The profile `exp(x)` of a point, one list per player.
    pub fn strategies(&self, z: &[f64]) -> Vec<Vec<f64>> {
        self.players()
            .map(|(o, n)| z[o..o + n].iter().map(|x| x.exp()).collect())
            .collect()
    }

    fn evaluate(&mut self, z: &[f64]) {
        for (p, x) in self.probabilities.iter_mut().zip(z) {
            *p = x.exp();
        }
        self.game
            .action_payoffs(&self.probabilities, &mut self.payoffs);
    }

    /// The equations' values at `z` (length [`System::equations`]), with
    /// the bifurcation perturbation switched on when `perturbed`.
    pub fn residual(&mut self, z: &[f64], perturbed: bool, out: &mut [f64]) {
        self.evaluate(z);
        let k = self.actions;
        let rate = z[k] / self.scale;
        for (&o, &n) in self.offsets.iter().zip(&self.sizes) {
            out[o] = self.probabilities[o..o + n].iter().sum::<f64>() - 1.0;
            for a in o + 1..o + n {
                out[a] = z[a] - z[o] - rate * (self.payoffs[a] - self.payoffs[o]);
            }
        }
        if perturbed {
            out[0] += PERTURBATION;
            if let Some(r) = self.first_odds {
                out[r] += PERTURBATION * ODDS_PERTURBATION_SHARE;
            }
        }
    }

    /// The bordered Jacobian at `z`: the equations' Jacobian (one row per
    /// equation, one column per unknown, `μ` last) with `border` as its last
    /// row, a square matrix of order `equations + 1`, row-major.
    pub fn bordered_jacobian(&mut self, z: &[f64], border: &[f64], out: &mut [f64]) {
        self.evaluate(z);
        self.game
            .action_payoff_derivatives(&self.probabilities, &mut self.derivatives);
        let k = self.actions;
        let d = k + 1;
        let rate = z[k] / self.scale;
        out.fill(0.0);
        for (&o, &n) in self.offsets.iter().zip(&self.sizes) {
            out[o * d + o..o * d + o + n].copy_from_slice(&self.probabilities[o..o + n]);
            let base = &self.derivatives[o * k..(o + 1) * k];
            for a in o + 1..o + n {
                let row = &mut out[a * d..(a + 1) * d];
                let own = &self.derivatives[a * k..(a + 1) * k];
                for c in (0..k).filter(|c| !(o..o + n).contains(c)) {
                    row[c] = -rate * (own[c] - base[c]) * self.probabilities[c];
                }
                row[a] = 1.0;
                row[o] = -1.0;
                row[k] = -(self.payoffs[a] - self.payoffs[o]) / self.scale;
            }
        }
        out[k * d..].copy_from_slice(border);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    /// The Jacobian agrees with central differences of the residual.
    #[test]
    fn jacobian_matches_finite_differences() {
        let game = catalogue::by_name("battle_of_the_sexes", &[]).unwrap();
        let mut sys = System::new(&game).unwrap();
        let z = [-0.3, -1.35, -0.9, -0.52, 1.7];
        let d = z.len();
        let border = [0.0, 0.0, 0.0, 0.0, 1.0];
        let mut jac = vec![0.0; d * d];
        sys.bordered_jacobian(&z, &border, &mut jac);
        let (mut hi, mut lo) = (vec![0.0; d - 1], vec![0.0; d - 1]);
        for c in 0..d {
            let eps = 1e-6;
            let mut zp = z;
            zp[c] += eps;
            sys.residual(&zp, false, &mut hi);
            zp[c] -= 2.0 * eps;
            sys.residual(&zp, false, &mut lo);
            for r in 0..d - 1 {
                let fd = (hi[r] - lo[r]) / (2.0 * eps);
                assert!((fd - jac[r * d + c]).abs() < 1e-7, "({r}, {c})");
            }
        }
        assert_eq!(&jac[(d - 1) * d..], &border);
    }

    #[test]
    fn start_is_uniform_and_solves_the_equations() {
        let game = catalogue::rock_paper_scissors();
        let mut sys = System::new(&game).unwrap();
        let z = sys.start();
        let mut h = vec![1.0; 6];
        sys.residual(&z, false, &mut h);
        assert!(h.iter().all(|v| v.abs() < 1e-15), "{h:?}");
        assert_eq!(sys.strategies(&z)[1].len(), 3);
        sys.residual(&z, true, &mut h);
        assert_eq!(h[0], PERTURBATION);
        assert_eq!(h[1], PERTURBATION * ODDS_PERTURBATION_SHARE);
    }
}
