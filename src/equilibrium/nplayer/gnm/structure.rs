//! The Kohlberg-Mertens structure map along a perturbation ray: the
//! retraction onto the product of simplices, the map
//! `F(z, t) = z - r(z) - V(r(z)) - t b` and its Jacobian (docs/model.md
//! §16.1).
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

/// A piece of the domain: for each player, which actions are in the support
/// of `r(z)` (`true`) or out of it.
pub(crate) type Piece = Vec<Vec<bool>>;

/// The piece of `z`: the supports of `r(z)`.
pub(crate) fn piece_of(z: &[f64], offsets: &[usize], shape: &[usize]) -> Piece {
    let mut sigma: Vec<Vec<f64>> = shape.iter().map(|&m| vec![0.0; m]).collect();
    let mut support = vec![Vec::new(); shape.len()];
    retract(z, offsets, &mut sigma, &mut support);
    support
        .iter()
        .zip(shape)
        .map(|(sup, &m)| (0..m).map(|a| sup.contains(&a)).collect())
        .collect()
}

/// `r` as the affine map of `piece`, extended beyond the piece's region:
/// `σ_is = z_is - v_i` on the support, with
/// `v_i = (Σ_{s ∈ S_i} z_is - 1) / |S_i|`, and 0 off it. Equals `r(z)` on
/// the region. Returns the `v_i`.
fn piece_retract(z: &[f64], offsets: &[usize], piece: &Piece, sigma: &mut [Vec<f64>]) -> Vec<f64> {
    piece
        .iter()
        .zip(sigma.iter_mut())
        .enumerate()
        .map(|(i, (inside, s))| {
            let block = &z[offsets[i]..offsets[i] + s.len()];
            let k = inside.iter().filter(|&&x| x).count() as f64;
            let total: f64 = block
                .iter()
                .zip(inside)
                .filter(|(_, &x)| x)
                .map(|(z, _)| z)
                .sum();
            let v = (total - 1.0) / k;
            for ((p, &x), &inn) in s.iter_mut().zip(block).zip(inside) {
                *p = if inn { x - v } else { 0.0 };
            }
            v
        })
        .collect()
}

/// The structure map of one game (payoffs rescaled to `[0, 1]`) along the
/// ray `b`, with its workspaces. Every evaluation is on a given piece (the
/// piece's affine `r`, smooth beyond the region).
pub(crate) struct Structure<'a> {
    game: &'a NPlayerGame,
    /// The perturbation: `b[offsets[i] + s]` is added, times `t`, to player
    /// `i`'s payoff to action `s` against everything.
    b: Vec<f64>,
    offsets: Vec<usize>,
    dim: usize,
    contraction: Contraction,
    /// `r` at the last evaluation.
    sigma: Vec<Vec<f64>>,
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

    /// `piece`'s affine `r` at `z`.
    pub(crate) fn strategies(&mut self, z: &[f64], piece: &Piece) -> Vec<Vec<f64>> {
        piece_retract(z, &self.offsets, piece, &mut self.sigma);
        self.sigma.clone()
    }

    /// The margins of `z` in `piece`'s region, one per action, stacked like
    /// `z`: `z_is - v_i` for an action in the support, `v_i - z_is` for one
    /// out of it. `z` is in the region when every margin is `>= 0`.
    pub(crate) fn margins(&mut self, z: &[f64], piece: &Piece) -> Vec<f64> {
        let v = piece_retract(z, &self.offsets, piece, &mut self.sigma);
        let mut out = Vec::with_capacity(self.dim);
        for (i, inside) in piece.iter().enumerate() {
            for (s, &inn) in inside.iter().enumerate() {
                let g = z[self.offsets[i] + s] - v[i];
                out.push(if inn { g } else { -g });
            }
        }
        out
    }

    /// The gradient (in `z`) of margin `k` of `piece` (see
    /// [`Structure::margins`]).
    pub(crate) fn margin_gradient(&self, k: usize, piece: &Piece) -> Vec<f64> {
        let i = self
            .offsets
            .iter()
            .rposition(|&o| o <= k)
            .expect("offsets start at 0");
        let inside = &piece[i];
        let size = inside.iter().filter(|&&x| x).count() as f64;
        let sign = if inside[k - self.offsets[i]] {
            1.0
        } else {
            -1.0
        };
        let mut grad = vec![0.0; self.dim];
        for (s, &inn) in inside.iter().enumerate() {
            let c = self.offsets[i] + s;
            let d = f64::from(u8::from(c == k)) - if inn { 1.0 / size } else { 0.0 };
            grad[c] = sign * d;
        }
        grad
    }

    /// `F(z, t)` on `piece` into `out`.
    pub(crate) fn eval(&mut self, z: &[f64], t: f64, piece: &Piece, out: &mut [f64]) {
        piece_retract(z, &self.offsets, piece, &mut self.sigma);
        let mut k = 0;
        for i in 0..self.game.num_players() {
            let v = self.contraction.action_payoffs(self.game, i, &self.sigma);
            for (s, &vs) in v.iter().enumerate() {
                out[k] = z[k] - self.sigma[i][s] - vs - t * self.b[k];
                k += 1;
            }
        }
    }

    /// `∂F/∂z` at `z` (row-major `N x N`) on `piece`: `I - R - DV(σ) R`,
    /// where `R = ∂r/∂z` is block diagonal with `δ_ss' - 1/|S_i|` for `s, s'`
    /// in player `i`'s support `S_i` (zero elsewhere) and `DV` holds
    /// `∂V_is/∂σ_jk`, player `i`'s payoff at `(s, k)` against the others'
    /// strategies (zero for `j = i`).
    pub(crate) fn jacobian(&mut self, z: &[f64], piece: &Piece) -> Vec<f64> {
        let n = self.dim;
        piece_retract(z, &self.offsets, piece, &mut self.sigma);
        let support: Vec<Vec<usize>> = piece
            .iter()
            .map(|inside| (0..inside.len()).filter(|&a| inside[a]).collect())
            .collect();
        let shape = self.game.shape().to_vec();
        let mut jac = vec![0.0; n * n];
        for k in 0..n {
            jac[k * n + k] = 1.0;
        }
        for (j, sup) in support.iter().enumerate() {
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
                let sup = &support[j];
                let w = self.contraction.pair_payoffs(self.game, i, j, &self.sigma);
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
            let piece = piece_of(&z, s.offsets(), g.shape());
            let margins = s.margins(&z, &piece);
            assert!(margins.iter().all(|&m| m >= 0.0), "{margins:?}");
            let jac = s.jacobian(&z, &piece);
            let mut f0 = vec![0.0; n];
            s.eval(&z, 0.4, &piece, &mut f0);
            for c in 0..n {
                let mut zp = z.clone();
                zp[c] += 1e-7;
                let mut f1 = vec![0.0; n];
                s.eval(&zp, 0.4, &piece, &mut f1);
                // The margins' gradients too.
                let moved = s.margins(&zp, &piece);
                for (k, (m1, m0)) in moved.iter().zip(&margins).enumerate() {
                    let fd = (m1 - m0) / 1e-7;
                    assert!((fd - s.margin_gradient(k, &piece)[c]).abs() < 1e-6);
                }
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
        let piece = piece_of(&z, s.offsets(), g.shape());
        assert_eq!(piece, vec![vec![true, true]; 2]);
        let mut f = vec![0.0; 4];
        s.eval(&z, 0.0, &piece, &mut f);
        assert!(f.iter().all(|x| x.abs() < 1e-15), "{f:?}");
        assert_eq!(s.strategies(&z, &piece), sigma);
    }
}
