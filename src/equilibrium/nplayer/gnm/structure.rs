//! The Kohlberg-Mertens structure map along a perturbation ray: the
//! retraction onto the product of simplices, the map
//! `F(z, t) = z - r(z) - V(r(z)) - t b` and its Jacobian (docs/model.md
//! §16.7).
//!
//! Coordinates: `z` stacks the players' blocks, player `i`'s block holding
//! one entry per action (`N = Σ_i m_i` entries in all). On the open region
//! where the supports of `r(z)` are fixed, `r` is affine and `F` is a
//! polynomial; across the boundaries `F` is continuous with a kink.

use crate::game::nplayer::Contraction;
use crate::game::NPlayerGame;

/// The retraction `r`: each block of `z` projected (Euclidean) onto its
/// simplex, `σ_is = max(z_is - v_i, 0)` with `v_i` making the block sum to
/// one. Writes the strategies into `sigma` and each block's support into
/// `support`.
pub(crate) fn retract(
    z: &[f64],
    offsets: &[usize],
    sigma: &mut [Vec<f64>],
    support: &mut [Vec<usize>],
) {
    let mut sorted = Vec::new();
    for (i, (s, sup)) in sigma.iter_mut().zip(support.iter_mut()).enumerate() {
        let block = &z[offsets[i]..offsets[i] + s.len()];
        sorted.clear();
        sorted.extend_from_slice(block);
        sorted.sort_by(|a, b| b.total_cmp(a));
        // The threshold v: the largest k with sorted[k-1] > (Σ_{<k} - 1)/k.
        let mut cumulative = 0.0;
        let mut v = sorted[0] - 1.0;
        for (k, &x) in sorted.iter().enumerate() {
            cumulative += x;
            let candidate = (cumulative - 1.0) / (k + 1) as f64;
            if x > candidate {
                v = candidate;
            }
        }
        sup.clear();
        for (a, (p, &x)) in s.iter_mut().zip(block).enumerate() {
            *p = (x - v).max(0.0);
            if *p > 0.0 {
                sup.push(a);
            }
        }
        if sup.is_empty() {
            // Only when rounding leaves the largest entry at the threshold.
            let best = (0..s.len())
                .max_by(|&a, &b| block[a].total_cmp(&block[b]))
                .unwrap_or(0);
            s.iter_mut().for_each(|p| *p = 0.0);
            s[best] = 1.0;
            sup.push(best);
        }
    }
}

/// The structure map of one game (payoffs rescaled to `[0, 1]`) along the
/// ray `b`, with its workspaces.
pub(crate) struct Structure<'a> {
    game: &'a NPlayerGame,
    /// The perturbation: `b[offsets[i] + s]` is added, times `t`, to player
    /// `i`'s payoff to action `s` against everything.
    b: Vec<f64>,
    offsets: Vec<usize>,
    dim: usize,
    contraction: Contraction,
    /// `r(z)` and its supports at the last evaluation.
    sigma: Vec<Vec<f64>>,
    support: Vec<Vec<usize>>,
}

impl<'a> Structure<'a> {
    /// The map of `game` along `b` (one entry per action, blocks in player
    /// order).
    ///
    /// # Panics
    /// If `b` does not have one entry per action of the game.
    pub(crate) fn new(game: &'a NPlayerGame, b: Vec<f64>) -> Self {
        let mut offsets = Vec::with_capacity(game.num_players());
        let mut dim = 0;
        for &m in game.shape() {
            offsets.push(dim);
            dim += m;
        }
        assert_eq!(b.len(), dim, "one perturbation entry per action");
        Structure {
            game,
            b,
            offsets,
            dim,
            contraction: Contraction::new(game),
            sigma: game.shape().iter().map(|&m| vec![0.0; m]).collect(),
            support: vec![Vec::new(); game.num_players()],
        }
    }

    /// `N`, the number of actions of all players together.
    pub(crate) fn dim(&self) -> usize {
        self.dim
    }

    /// The perturbation ray `b`.
    pub(crate) fn ray(&self) -> &[f64] {
        &self.b
    }

    /// Each player's first coordinate in `z`.
    pub(crate) fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// The game (payoffs in `[0, 1]`).
    pub(crate) fn game(&self) -> &NPlayerGame {
        self.game
    }

    /// `V(σ)`, each player's payoff to each action against the others'
    /// strategies in `sigma`, stacked like `z`.
    pub(crate) fn payoffs_against(&mut self, sigma: &[Vec<f64>]) -> Vec<f64> {
        let mut v = Vec::with_capacity(self.dim);
        for i in 0..self.game.num_players() {
            v.extend_from_slice(self.contraction.action_payoffs(self.game, i, sigma));
        }
        v
    }

    /// `r(z)`, with the supports of its blocks.
    pub(crate) fn retraction(&mut self, z: &[f64]) -> (&[Vec<f64>], &[Vec<usize>]) {
        retract(z, &self.offsets, &mut self.sigma, &mut self.support);
        (&self.sigma, &self.support)
    }

    /// `F(z, t)` into `out`; returns the supports of `r(z)`.
    pub(crate) fn eval(&mut self, z: &[f64], t: f64, out: &mut [f64]) -> Vec<Vec<usize>> {
        retract(z, &self.offsets, &mut self.sigma, &mut self.support);
        let mut k = 0;
        for i in 0..self.game.num_players() {
            let v = self.contraction.action_payoffs(self.game, i, &self.sigma);
            for (s, &vs) in v.iter().enumerate() {
                out[k] = z[k] - self.sigma[i][s] - vs - t * self.b[k];
                k += 1;
            }
        }
        self.support.clone()
    }

    /// `∂F/∂z` at `z` (row-major `N x N`) on the piece of `r(z)`'s supports:
    /// `I - R - DV(σ) R`, where `R = ∂r/∂z` is block diagonal with
    /// `δ_ss' - 1/|S_i|` for `s, s'` in player `i`'s support `S_i` (zero
    /// elsewhere) and `DV` holds `∂V_is/∂σ_jk`, player `i`'s payoff at
    /// `(s, k)` against the others' strategies (zero for `j = i`).
    pub(crate) fn jacobian(&mut self, z: &[f64]) -> Vec<f64> {
        let n = self.dim;
        retract(z, &self.offsets, &mut self.sigma, &mut self.support);
        let shape = self.game.shape().to_vec();
        let mut jac = vec![0.0; n * n];
        for k in 0..n {
            jac[k * n + k] = 1.0;
        }
        for (j, sup) in self.support.iter().enumerate() {
            let w = 1.0 / sup.len() as f64;
            let o = self.offsets[j];
            for &a in sup {
                for &c in sup {
                    jac[(o + a) * n + o + c] -= if a == c { 1.0 - w } else { -w };
                }
            }
        }
        let players = self.game.num_players();
        for i in 0..players {
            for j in (0..players).filter(|&j| j != i) {
                let sup = &self.support[j];
                let w = self
                    .contraction
                    .pair_payoffs(self.game, i, j, &self.sigma);
                let at = |s: usize, k: usize| {
                    if i < j {
                        w[s * shape[j] + k]
                    } else {
                        w[k * shape[i] + s]
                    }
                };
                for s in 0..shape[i] {
                    let mean = sup.iter().map(|&k| at(s, k)).sum::<f64>() / sup.len() as f64;
                    let row = (self.offsets[i] + s) * n + self.offsets[j];
                    for &k in sup {
                        jac[row + k] -= at(s, k) - mean;
                    }
                }
            }
        }
        jac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn game() -> NPlayerGame {
        NPlayerGame::from_fn(&[2, 3, 2], |a| {
            vec![
                ((a[0] * 3 + a[1] + 2 * a[2]) % 5) as f64 / 4.0,
                ((a[1] * 2 + a[0] * a[2]) % 4) as f64 / 3.0,
                ((a[0] + a[1] * a[2]) % 3) as f64 / 2.0,
            ]
        })
        .unwrap()
    }

    #[test]
    fn retraction_is_the_projection_onto_each_simplex() {
        let offsets = [0, 3];
        let mut sigma = vec![vec![0.0; 3], vec![0.0; 2]];
        let mut support = vec![Vec::new(); 2];
        retract(
            &[0.5, 0.5, 0.5, 2.0, -1.0],
            &offsets,
            &mut sigma,
            &mut support,
        );
        for p in &sigma[0] {
            assert!((p - 1.0 / 3.0).abs() < 1e-15);
        }
        assert_eq!(sigma[1], vec![1.0, 0.0]);
        assert_eq!(support, vec![vec![0, 1, 2], vec![0]]);
        // (0.9, 0.3, -0.5): v = 0.1, so (0.8, 0.2, 0).
        retract(
            &[0.9, 0.3, -0.5, 0.2, 0.2],
            &offsets,
            &mut sigma,
            &mut support,
        );
        assert!((sigma[0][0] - 0.8).abs() < 1e-15 && (sigma[0][1] - 0.2).abs() < 1e-15);
        assert_eq!(sigma[0][2], 0.0);
        assert_eq!(sigma[1], vec![0.5, 0.5]);
    }

    #[test]
    fn jacobian_matches_finite_differences_on_every_piece() {
        let g = game();
        let b = vec![0.3, 0.7, 0.1, 0.5, 0.9, 0.2, 0.6];
        let mut s = Structure::new(&g, b);
        let n = s.dim();
        // Points with mixed, pure and partly mixed blocks.
        for z in [
            vec![0.6, 0.5, 0.2, 0.4, 0.3, 0.8, 0.7],
            vec![2.0, 0.1, 0.7, 0.6, -0.4, 0.1, 1.5],
            vec![0.31, 0.42, 1.9, 1.0, 1.2, 0.45, 0.52],
        ] {
            let jac = s.jacobian(&z);
            let mut f0 = vec![0.0; n];
            s.eval(&z, 0.4, &mut f0);
            for c in 0..n {
                let mut zp = z.clone();
                zp[c] += 1e-7;
                let mut f1 = vec![0.0; n];
                s.eval(&zp, 0.4, &mut f1);
                for r in 0..n {
                    let fd = (f1[r] - f0[r]) / 1e-7;
                    assert!(
                        (fd - jac[r * n + c]).abs() < 1e-5,
                        "{z:?} ({r}, {c}): {fd} vs {}",
                        jac[r * n + c]
                    );
                }
            }
        }
    }

    #[test]
    fn zeros_at_t_zero_are_the_equilibria() {
        // At an equilibrium σ, z = σ + V(σ) solves F(z, 0) = 0 and r(z) = σ.
        let g = NPlayerGame::from_fn(&[2, 2], |a| {
            let m = if a[0] == a[1] { 1.0 } else { 0.0 };
            vec![m, 1.0 - m]
        })
        .unwrap();
        let mut s = Structure::new(&g, vec![0.0; 4]);
        let sigma = vec![vec![0.5, 0.5], vec![0.5, 0.5]];
        let v = s.payoffs_against(&sigma);
        let z: Vec<f64> = sigma.concat().iter().zip(&v).map(|(p, u)| p + u).collect();
        let mut f = vec![0.0; 4];
        s.eval(&z, 0.0, &mut f);
        assert!(f.iter().all(|x| x.abs() < 1e-15), "{f:?}");
        let (r, _) = s.retraction(&z);
        assert_eq!(r, sigma.as_slice());
    }
}
