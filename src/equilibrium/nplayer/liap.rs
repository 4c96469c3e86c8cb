//! A sample of equilibria by minimising McKelvey's Lyapunov function from
//! many seeded starting points.
//!
//! McKelvey's function of a mixed profile `σ` is
//! `L(σ) = Σ_i Σ_a max(0, u_i(a, σ_{-i}) - u_i(σ))²`, on each player's
//! payoffs rescaled to `[0, 1]`. It is non-negative on the product of
//! simplices and zero exactly at the Nash equilibria. From each start it is
//! minimised by projected gradient descent (the gradient projected onto each
//! player's simplex, the step chosen by backtracking until `L` decreases);
//! a minimum where `L` is below [`CONVERGED`] is polished by Newton's
//! method on its supports and certified. Local minima where `L > 0` are
//! dropped, so the sample may miss equilibria: it is never reported
//! complete.
//!
//! Starts: the centroid, then points drawn uniformly from the product of
//! simplices by a ChaCha8 stream seeded with `seed + k` for start `k`. The
//! starts run in parallel and their results are merged in start order, so the
//! result depends on the seed only, never on the number of threads.
//!
//! ## References
//! - R. D. McKelvey (1998), "A Liapunov function for Nash equilibria",
//!   California Institute of Technology, Social Science Working Paper 953.
//! - R. D. McKelvey and A. McLennan (1996), "Computation of equilibria in
//!   finite games", Handbook of Computational Economics 1:87-142, §3.

use super::refine::{polish, rescaled_game};
use super::system::rescaled_payoffs;
use super::verify::tolerance_for;
use super::NPlayerEquilibrium;
use crate::game::nplayer::Contraction;
use crate::game::NPlayerGame;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// A minimum where `L` (on payoffs in `[0, 1]`) is below this is taken for
/// an equilibrium and polished (the polished profile is then certified).
pub const CONVERGED: f64 = 1e-8;

/// Descent stops once `L` is below this.
const TARGET: f64 = 1e-24;

/// Most gradient steps from one start.
pub const MAX_STEPS: usize = 20_000;

/// What [`liap`] found.
#[derive(Debug, Clone)]
pub struct LiapRun {
    /// The equilibria reached, certified, in start order (duplicates kept).
    pub equilibria: Vec<NPlayerEquilibrium>,
    /// How many starts reached an equilibrium.
    pub converged: usize,
}

/// McKelvey's Lyapunov function at `profile`, on `game`'s own payoffs.
///
/// # Panics
/// If `profile` does not hold one strategy per player of the right length.
pub fn lyapunov<S: AsRef<[f64]>>(game: &NPlayerGame, profile: &[S]) -> f64 {
    let mut c = Contraction::new(game);
    (0..game.num_players())
        .map(|i| {
            let u = c.action_payoffs(game, i, profile);
            let own = profile[i].as_ref();
            let value: f64 = u.iter().zip(own).map(|(a, p)| a * p).sum();
            u.iter().map(|a| (a - value).max(0.0).powi(2)).sum::<f64>()
        })
        .sum()
}

/// Equilibria of `game` from `starts` starting points (see the module's
/// documentation).
pub fn liap(game: &NPlayerGame, starts: usize, seed: u64) -> LiapRun {
    liap_with_progress(game, starts, seed, &|_, _| {})
}

/// [`liap`], calling `progress(done, starts)` as starts finish.
pub fn liap_with_progress(
    game: &NPlayerGame,
    starts: usize,
    seed: u64,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> LiapRun {
    let rescaled = rescaled_payoffs(game);
    let unit = rescaled_game(game, &rescaled);
    let tolerance = tolerance_for(game);
    let done = AtomicU64::new(0);
    let found: Vec<Option<NPlayerEquilibrium>> = (0..starts)
        .into_par_iter()
        .map(|k| {
            // A cancelled run skips its remaining starts; the caller
            // reports the cancellation.
            if crate::parallel::cancelled() {
                return None;
            }
            let start = starting_point(game.shape(), seed, k);
            let end = descend(&unit, start);
            let out = (lyapunov(&unit, &end) < CONVERGED)
                .then(|| polish(game, &rescaled, &end, tolerance))
                .flatten();
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(d, starts as u64);
            out
        })
        .collect();
    let converged = found.iter().filter(|e| e.is_some()).count();
    LiapRun {
        equilibria: found.into_iter().flatten().collect(),
        converged,
    }
}

/// Start `k`: the centroid for `k = 0`, else uniform on each simplex.
fn starting_point(shape: &[usize], seed: u64, k: usize) -> Vec<Vec<f64>> {
    if k == 0 {
        return shape.iter().map(|&n| vec![1.0 / n as f64; n]).collect();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(k as u64));
    shape
        .iter()
        .map(|&n| {
            // Exponential spacings normalised: uniform on the simplex.
            let e: Vec<f64> = (0..n).map(|_| -(1.0 - rng.random::<f64>()).ln()).collect();
            let total: f64 = e.iter().sum();
            e.into_iter().map(|v| v / total).collect()
        })
        .collect()
}

/// The Euclidean projection of `v` onto the probability simplex.
fn project(v: &mut [f64]) {
    let mut sorted = v.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let mut cumulative = 0.0;
    let mut theta = 0.0;
    for (k, &s) in sorted.iter().enumerate() {
        cumulative += s;
        let t = (cumulative - 1.0) / (k + 1) as f64;
        if s - t > 0.0 {
            theta = t;
        }
    }
    v.iter_mut().for_each(|x| *x = (*x - theta).max(0.0));
}

/// `L` and its gradient at `profile` (on the rescaled game).
fn value_and_gradient(
    game: &NPlayerGame,
    profile: &[Vec<f64>],
    c: &mut Contraction,
    grad: &mut [Vec<f64>],
) -> f64 {
    let n = game.num_players();
    let shape = game.shape();
    let mut excess: Vec<Vec<f64>> = Vec::with_capacity(n);
    let mut value = 0.0;
    for (i, g) in grad.iter_mut().enumerate() {
        let u = c.action_payoffs(game, i, profile);
        let own: f64 = u.iter().zip(&profile[i]).map(|(a, p)| a * p).sum();
        let r: Vec<f64> = u.iter().map(|a| (a - own).max(0.0)).collect();
        value += r.iter().map(|x| x * x).sum::<f64>();
        let total: f64 = r.iter().sum();
        // Own strategy: d(own)/dσ_i(c) = u(c).
        for (gc, &uc) in g.iter_mut().zip(u) {
            *gc = -2.0 * total * uc;
        }
        excess.push(r);
    }
    for i in 0..n {
        if excess[i].iter().all(|&r| r == 0.0) {
            continue;
        }
        for k in (0..n).filter(|&k| k != i) {
            let w = c.pair_payoffs(game, i, k, profile);
            let at = |a: usize, b: usize| {
                if i < k {
                    w[a * shape[k] + b]
                } else {
                    w[b * shape[i] + a]
                }
            };
            for (b, g) in grad[k].iter_mut().enumerate() {
                let own: f64 = (0..shape[i]).map(|a| profile[i][a] * at(a, b)).sum();
                let d: f64 = (0..shape[i])
                    .map(|a| 2.0 * excess[i][a] * (at(a, b) - own))
                    .sum();
                *g += d;
            }
        }
    }
    value
}

/// Projected gradient descent on `L` from `start`.
fn descend(game: &NPlayerGame, start: Vec<Vec<f64>>) -> Vec<Vec<f64>> {
    let mut c = Contraction::new(game);
    let mut x = start;
    let mut grad: Vec<Vec<f64>> = game.shape().iter().map(|&k| vec![0.0; k]).collect();
    let mut scratch = x.clone();
    let mut value = value_and_gradient(game, &x, &mut c, &mut grad);
    let mut step = 1.0;
    for _ in 0..MAX_STEPS {
        // A cancelled run stops descending; the caller reports it.
        if value < TARGET || crate::parallel::cancelled() {
            break;
        }
        let mut improved = false;
        while step > 1e-16 {
            scratch.clone_from(&x);
            for (s, g) in scratch.iter_mut().zip(&grad) {
                for (v, d) in s.iter_mut().zip(g) {
                    *v -= step * d;
                }
                project(s);
            }
            let trial = lyapunov(game, &scratch);
            if trial < value {
                std::mem::swap(&mut x, &mut scratch);
                improved = true;
                step *= 2.0;
                break;
            }
            step *= 0.5;
        }
        if !improved {
            break;
        }
        value = value_and_gradient(game, &x, &mut c, &mut grad);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_onto_the_simplex() {
        let mut v = vec![0.5, 0.5, 0.5];
        project(&mut v);
        assert!(v.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-15));
        let mut w = vec![2.0, 0.0, -1.0];
        project(&mut w);
        assert_eq!(w, vec![1.0, 0.0, 0.0]);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let g = NPlayerGame::from_fn(&[2, 3, 2], |a| {
            vec![
                (a[0] * 3 + a[1] + 2 * a[2]) as f64 % 5.0,
                (a[1] * 2 + a[0] * a[2]) as f64,
                (a[0] + a[1] * a[2]) as f64 % 3.0,
            ]
        })
        .unwrap();
        let p = vec![vec![0.3, 0.7], vec![0.2, 0.5, 0.3], vec![0.6, 0.4]];
        let mut c = Contraction::new(&g);
        let mut grad = vec![vec![0.0; 2], vec![0.0; 3], vec![0.0; 2]];
        let value = value_and_gradient(&g, &p, &mut c, &mut grad);
        assert!((value - lyapunov(&g, &p)).abs() < 1e-12);
        for k in 0..3 {
            for b in 0..p[k].len() {
                let mut q = p.clone();
                q[k][b] += 1e-7;
                let fd = (lyapunov(&g, &q) - value) / 1e-7;
                assert!(
                    (fd - grad[k][b]).abs() < 1e-4,
                    "{k} {b}: {fd} vs {}",
                    grad[k][b]
                );
            }
        }
    }

    #[test]
    fn finds_the_mixed_equilibrium_of_matching_pennies() {
        let g = NPlayerGame::from_fn(&[2, 2], |a| {
            let m = if a[0] == a[1] { 1.0 } else { -1.0 };
            vec![m, -m]
        })
        .unwrap();
        let run = liap(&g, 4, 7);
        assert_eq!(run.converged, 4);
        for e in &run.equilibria {
            assert!((e.strategies[0][0] - 0.5).abs() < 1e-12);
        }
    }
}
