//! The indifference system of a support profile, as a function of the
//! mixing players' free probabilities, with its Jacobian.
//!
//! For supports `S_1, ..., S_n`, the *mixing* players are those with two or
//! more actions in their support; the others play their one action. Player
//! `j` mixing over `S_j = {s_0, ..., s_{k-1}}` has `k - 1` free variables
//! `x_{j,r} = σ_j(s_r)`, `r >= 1`, and `σ_j(s_0) = 1 - Σ_r x_{j,r}`. The
//! system asks every mixing player to be indifferent on their support:
//! `F_{i,m}(x) = u_i(s_m, σ_{-i}) - u_i(s_0, σ_{-i}) = 0` for `m >= 1`. There
//! are as many equations as variables, and each `F` is *multilinear*: of
//! degree at most one in every variable, with no product of two variables of
//! one player. Payoffs are each player's payoffs rescaled to `[0, 1]`.

use crate::game::nplayer::{advance_profile, Contraction};
use crate::game::NPlayerGame;

/// The indifference system of one support profile.
#[derive(Debug, Clone)]
pub(crate) struct SupportSystem {
    /// The game's players who mix (two or more actions in their support).
    mixed: Vec<usize>,
    /// Each mixing player's support.
    supports: Vec<Vec<usize>>,
    /// Each mixing player's support size.
    dims: Vec<usize>,
    /// Each mixing player's first variable.
    offsets: Vec<usize>,
    /// Number of variables (and equations).
    n_vars: usize,
    /// Each mixing player's rescaled payoffs over the product of the mixing
    /// players' supports (row-major, mixing players in order), the others
    /// fixed at their one action.
    tensors: Vec<Vec<f64>>,
    /// The full supports, one per player of the game.
    all_supports: Vec<Vec<usize>>,
}

/// Each player's payoffs rescaled to `[0, 1]` (all zero for a player whose
/// payoffs are all equal), row-major like the game's.
pub(crate) fn rescaled_payoffs(game: &NPlayerGame) -> Vec<Vec<f64>> {
    (0..game.num_players())
        .map(|i| {
            let v = game.flat_payoffs(i);
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let range = if hi > lo { hi - lo } else { 1.0 };
            v.iter().map(|x| (x - lo) / range).collect()
        })
        .collect()
}

impl SupportSystem {
    /// The system of `supports` (one nonempty list of actions per player).
    pub(crate) fn new(game: &NPlayerGame, rescaled: &[Vec<f64>], supports: &[Vec<usize>]) -> Self {
        let mixed: Vec<usize> = (0..game.num_players())
            .filter(|&i| supports[i].len() >= 2)
            .collect();
        let dims: Vec<usize> = mixed.iter().map(|&i| supports[i].len()).collect();
        let mut offsets = Vec::with_capacity(mixed.len());
        let mut n_vars = 0;
        for &d in &dims {
            offsets.push(n_vars);
            n_vars += d - 1;
        }
        let strides = game.strides();
        let size: usize = dims.iter().product();
        let mut profile: Vec<usize> = supports.iter().map(|s| s[0]).collect();
        let mut digits = vec![0; mixed.len()];
        let mut tensors = vec![Vec::with_capacity(size); mixed.len()];
        for _ in 0..size {
            for (k, &p) in mixed.iter().enumerate() {
                profile[p] = supports[p][digits[k]];
            }
            let idx: usize = profile.iter().zip(strides).map(|(a, s)| a * s).sum();
            for (t, &p) in tensors.iter_mut().zip(&mixed) {
                t.push(rescaled[p][idx]);
            }
            advance_profile(&mut digits, &dims);
        }
        SupportSystem {
            supports: mixed.iter().map(|&i| supports[i].clone()).collect(),
            mixed,
            dims,
            offsets,
            n_vars,
            tensors,
            all_supports: supports.to_vec(),
        }
    }

    /// The number of variables (and of equations).
    pub(crate) fn n_vars(&self) -> usize {
        self.n_vars
    }

    /// Each mixing player's free variables: `(offset, count)`.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.offsets
            .iter()
            .zip(&self.dims)
            .map(|(&o, &d)| (o, d - 1))
    }

    /// The mixing players' strategies on their supports at `x`.
    fn strategies(&self, x: &[f64], out: &mut [Vec<f64>]) {
        for (k, s) in out.iter_mut().enumerate() {
            let o = self.offsets[k];
            let d = self.dims[k];
            let free = &x[o..o + d - 1];
            s[0] = 1.0 - free.iter().sum::<f64>();
            s[1..].copy_from_slice(free);
        }
    }

    /// A workspace for [`SupportSystem::eval`].
    pub(crate) fn workspace(&self) -> Workspace {
        Workspace {
            sigma: self.dims.iter().map(|&d| vec![0.0; d]).collect(),
            contraction: Contraction::default(),
        }
    }

    /// Writes `F(x)` into `f` and, when given, the Jacobian (row-major,
    /// equation by variable) into `jac`.
    pub(crate) fn eval(
        &self,
        x: &[f64],
        f: &mut [f64],
        jac: Option<&mut [f64]>,
        w: &mut Workspace,
    ) {
        let n = self.n_vars;
        self.strategies(x, &mut w.sigma);
        let mut row = 0;
        for (mi, tensor) in self.tensors.iter().enumerate() {
            let u = w
                .contraction
                .contract(tensor, &self.dims, &w.sigma, |axis| axis == mi);
            for m in 1..self.dims[mi] {
                f[row + m - 1] = u[m] - u[0];
            }
            row += self.dims[mi] - 1;
        }
        let Some(jac) = jac else {
            return;
        };
        jac.iter_mut().for_each(|v| *v = 0.0);
        let mut row = 0;
        for (mi, tensor) in self.tensors.iter().enumerate() {
            let di = self.dims[mi];
            for (mj, &dj) in self.dims.iter().enumerate() {
                if mj == mi {
                    continue;
                }
                let pair = w
                    .contraction
                    .contract(tensor, &self.dims, &w.sigma, |axis| {
                        axis == mi || axis == mj
                    });
                // Entry (own action s, other's action t).
                let at = |s: usize, t: usize| {
                    if mi < mj {
                        pair[s * dj + t]
                    } else {
                        pair[t * di + s]
                    }
                };
                for m in 1..di {
                    for r in 1..dj {
                        let v = at(m, r) - at(m, 0) - at(0, r) + at(0, 0);
                        jac[(row + m - 1) * n + self.offsets[mj] + r - 1] = v;
                    }
                }
            }
            row += di - 1;
        }
    }

    /// The full mixed profile (one strategy per player of the game) at `x`.
    pub(crate) fn profile(&self, x: &[f64], shape: &[usize]) -> Vec<Vec<f64>> {
        let mut out: Vec<Vec<f64>> = shape.iter().map(|&k| vec![0.0; k]).collect();
        for (p, s) in self.all_supports.iter().enumerate() {
            if s.len() == 1 {
                out[p][s[0]] = 1.0;
            }
        }
        for (k, &p) in self.mixed.iter().enumerate() {
            let o = self.offsets[k];
            let d = self.dims[k];
            let free = &x[o..o + d - 1];
            out[p][self.supports[k][0]] = 1.0 - free.iter().sum::<f64>();
            for (r, &v) in free.iter().enumerate() {
                out[p][self.supports[k][r + 1]] = v;
            }
        }
        out
    }

    /// The variables of a full profile (its probabilities on the supports).
    pub(crate) fn variables(&self, profile: &[Vec<f64>]) -> Vec<f64> {
        let mut x = vec![0.0; self.n_vars];
        for (k, &p) in self.mixed.iter().enumerate() {
            let o = self.offsets[k];
            let total: f64 = self.supports[k].iter().map(|&a| profile[p][a]).sum();
            let total = if total > 0.0 { total } else { 1.0 };
            for r in 1..self.dims[k] {
                x[o + r - 1] = profile[p][self.supports[k][r]] / total;
            }
        }
        x
    }
}

/// Scratch memory of [`SupportSystem::eval`].
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    sigma: Vec<Vec<f64>>,
    contraction: Contraction,
}

/// Newton's method on the system from `x0`: at most `iterations` steps,
/// stopping when the step is below `1e-15` (relative); the root when the
/// residual is below `1e-12` (on payoffs in `[0, 1]`) and the Jacobian is
/// nonsingular, else `None`.
pub(crate) fn newton(sys: &SupportSystem, x0: &[f64], iterations: usize) -> Option<Vec<f64>> {
    let n = sys.n_vars();
    let mut x = x0.to_vec();
    if n == 0 {
        return Some(x);
    }
    let mut w = sys.workspace();
    let mut f = vec![0.0; n];
    let mut jac = vec![0.0; n * n];
    for _ in 0..iterations {
        sys.eval(&x, &mut f, Some(&mut jac), &mut w);
        let mut step = f.clone();
        if !crate::equilibrium::linalg::solve_f64(&mut jac, &mut step, n) {
            return None;
        }
        let mut size = 0.0f64;
        for (xi, di) in x.iter_mut().zip(&step) {
            *xi -= di;
            size = size.max(di.abs());
        }
        if !size.is_finite() {
            return None;
        }
        if size < 1e-15 {
            break;
        }
    }
    sys.eval(&x, &mut f, None, &mut w);
    let residual = f.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    (residual < 1e-12).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2x2x2 game with the totally mixed equilibrium (1/2, 1/2, 1/2):
    /// each player gets 1 for matching the next player (cyclically).
    fn cyclic() -> NPlayerGame {
        NPlayerGame::from_fn(&[2, 2, 2], |a| {
            (0..3)
                .map(|i| {
                    let next = a[(i + 1) % 3];
                    f64::from(u8::from(a[i] == next))
                })
                .collect()
        })
        .unwrap()
    }

    #[test]
    fn residual_and_jacobian_agree_with_finite_differences() {
        let g = cyclic();
        let rescaled = rescaled_payoffs(&g);
        let sys = SupportSystem::new(&g, &rescaled, &[vec![0, 1], vec![0, 1], vec![0, 1]]);
        assert_eq!(sys.n_vars(), 3);
        let x = [0.3, 0.6, 0.2];
        let mut w = sys.workspace();
        let mut f = vec![0.0; 3];
        let mut jac = vec![0.0; 9];
        sys.eval(&x, &mut f, Some(&mut jac), &mut w);
        // Player 1 mixes (0.7, 0.3), player 2 (0.4, 0.6), player 3 (0.8, 0.2).
        // Player 1: u(a=1) - u(a=0) = P(next plays 1) - P(next plays 0).
        assert!((f[0] - (0.6 - 0.4)).abs() < 1e-15);
        for v in 0..3 {
            let mut xp = x;
            xp[v] += 1e-7;
            let mut fp = vec![0.0; 3];
            sys.eval(&xp, &mut fp, None, &mut w);
            for e in 0..3 {
                let fd = (fp[e] - f[e]) / 1e-7;
                assert!((fd - jac[e * 3 + v]).abs() < 1e-6, "{e} {v}");
            }
        }
        let root = newton(&sys, &[0.4, 0.45, 0.6], 30).unwrap();
        for r in root {
            assert!((r - 0.5).abs() < 1e-12);
        }
        let p = sys.profile(&[0.5, 0.25, 0.5], g.shape());
        assert_eq!(p[1], vec![0.75, 0.25]);
        assert_eq!(sys.variables(&p), vec![0.5, 0.25, 0.5]);
    }
}
