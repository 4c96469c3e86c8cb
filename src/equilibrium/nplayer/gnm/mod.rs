//! Equilibria by the global Newton method of Govindan and Wilson: follow the
//! Kohlberg-Mertens structure map of the game perturbed along a ray `t b`
//! from `t = +∞`, where one pure profile is strictly dominant, down to
//! `t = -∞`; every crossing of `t = 0` is an equilibrium (docs/model.md
//! §16.1).
//!
//! Player `i`'s payoff to action `s` is raised by `t b_is` whatever the
//! others play. With payoffs rescaled to `[0, 1]` for each player and
//! `V_is(σ)` player `i`'s payoff to `s` against `σ_{-i}`, the equilibria of
//! the perturbed game are `σ = r(z)` for the zeros of
//! `F(z, t) = z - r(z) - V(r(z)) - t b`, `r` the retraction onto the product
//! of simplices ([`structure`]). For a generic `b` the zeros form curves, and
//! the one from `t = +∞` runs to `t = -∞`, crossing `t = 0` an odd number of
//! times ([`path`]). Each crossing is polished by Newton's method on its
//! supports and certified; the method finds a sample, never reported
//! complete.
//!
//! The ray: by default `b` has entries drawn uniformly from `[0, 1)` by a
//! ChaCha8 stream seeded with `seed + k` for ray `k`; with
//! [`Perturbation::Dominant`] the chosen actions get `b = 1` and the others
//! draws from `[0, 1/2)`, so that the path starts at the chosen pure profile.
//! Rays run in parallel and are merged in ray order: the result depends on
//! the seed only, never on the number of threads. A two-player game goes
//! through the same code.
//!
//! ## References
//! - S. Govindan and R. Wilson (2003), "A global Newton method to compute
//!   Nash equilibria", Journal of Economic Theory 110:65-86.
//! - E. Kohlberg and J.-F. Mertens (1986), "On the strategic stability of
//!   equilibria", Econometrica 54:1003-1037 (the structure theorem).
//! - B. Blum, C. R. Shelton and D. Koller (2006), "A continuation method
//!   for Nash equilibria in structured games", Journal of Artificial
//!   Intelligence Research 25:457-502 (the n-player form of the map and
//!   its Jacobian).

pub(crate) mod dense;
pub(crate) mod path;
pub(crate) mod structure;

use super::refine::{polish, rescaled_game};
use super::system::rescaled_payoffs;
use super::verify::tolerance_for;
use super::NPlayerEquilibrium;
use crate::error::{Error, Result};
use crate::game::NPlayerGame;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// The perturbation rays [`gnm`] follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Perturbation {
    /// Every entry of `b` drawn uniformly from `[0, 1)`.
    #[default]
    Random,
    /// One action per player (0-based) made dominant at the path's start:
    /// `b = 1` on it, draws from `[0, 1/2)` on the other actions.
    Dominant(Vec<usize>),
}

/// Options of [`gnm`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GnmOptions {
    /// How many rays to follow (ray `k` drawn from seed `seed + k`).
    pub rays: usize,
    /// Seed of the rays' draws.
    pub seed: u64,
    /// How `b` is drawn.
    pub perturbation: Perturbation,
}

impl Default for GnmOptions {
    fn default() -> Self {
        GnmOptions {
            rays: 1,
            seed: 1,
            perturbation: Perturbation::Random,
        }
    }
}

/// What [`gnm`] found.
#[derive(Debug, Clone)]
pub struct GnmRun {
    /// The certified equilibria, ray by ray in path order (duplicates kept).
    pub equilibria: Vec<NPlayerEquilibrium>,
    /// Crossings of `t = 0` over all rays (each should certify).
    pub crossings: usize,
    /// Path steps over all rays.
    pub steps: usize,
    /// Changes of support over all rays.
    pub kinks: usize,
    /// Rays whose path stopped before its end, with the reason.
    pub stopped: Vec<(usize, String)>,
}

/// Equilibria of `game` by the global Newton method along `options.rays`
/// rays (see the module's documentation).
///
/// # Errors
/// [`Error::Solver`] when `options.rays` is zero, the dominant profile does
/// not name one action per player, or no ray reaches a certified
/// equilibrium.
pub fn gnm(game: &NPlayerGame, options: &GnmOptions) -> Result<GnmRun> {
    gnm_with_progress(game, options, &|_, _| {})
}

/// [`gnm`], calling `progress(done, rays)` as rays finish.
///
/// # Errors
/// As [`gnm`].
pub fn gnm_with_progress(
    game: &NPlayerGame,
    options: &GnmOptions,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<GnmRun> {
    let fail = |message: String| Error::Solver {
        method: "global Newton method",
        message,
    };
    if options.rays == 0 {
        return Err(fail("follow at least one ray".into()));
    }
    if let Perturbation::Dominant(profile) = &options.perturbation {
        if profile.len() != game.num_players()
            || profile.iter().zip(game.shape()).any(|(&a, &m)| a >= m)
        {
            return Err(fail(format!(
                "the dominant profile needs one action per player within the game's {}",
                crate::game::nplayer::shape_text(game.shape())
            )));
        }
    }
    let rescaled = rescaled_payoffs(game);
    let unit = rescaled_game(game, &rescaled);
    let tolerance = tolerance_for(game);
    let done = AtomicU64::new(0);
    let results: Vec<(Vec<NPlayerEquilibrium>, path::PathRun)> = (0..options.rays)
        .into_par_iter()
        .map(|k| {
            let b = ray(game.shape(), options, k);
            let mut s = structure::Structure::new(&unit, b);
            let run = path::follow(&mut s);
            let eqs = run
                .crossings
                .iter()
                .filter_map(|sigma| polish(game, &rescaled, sigma, tolerance))
                .collect();
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(d, options.rays as u64);
            (eqs, run)
        })
        .collect();
    let mut out = GnmRun {
        equilibria: Vec::new(),
        crossings: 0,
        steps: 0,
        kinks: 0,
        stopped: Vec::new(),
    };
    for (k, (eqs, run)) in results.into_iter().enumerate() {
        out.equilibria.extend(eqs);
        out.crossings += run.crossings.len();
        out.steps += run.steps;
        out.kinks += run.kinks;
        if let Some(reason) = run.stopped {
            out.stopped.push((k, reason));
        }
    }
    if out.equilibria.is_empty() {
        let reasons: Vec<String> = out
            .stopped
            .iter()
            .map(|(k, r)| format!("ray {k}: {r}"))
            .collect();
        return Err(fail(format!(
            "no crossing of t = 0 certified as an equilibrium ({} crossings{}{})",
            out.crossings,
            if reasons.is_empty() { "" } else { "; " },
            reasons.join("; ")
        )));
    }
    Ok(out)
}

/// Ray `k`'s `b`, stacked player by player.
pub fn ray(shape: &[usize], options: &GnmOptions, k: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed.wrapping_add(k as u64));
    let mut b = Vec::with_capacity(shape.iter().sum());
    for (i, &m) in shape.iter().enumerate() {
        for a in 0..m {
            let draw: f64 = rng.random();
            b.push(match &options.perturbation {
                Perturbation::Random => draw,
                Perturbation::Dominant(p) if p[i] == a => 1.0,
                Perturbation::Dominant(_) => 0.5 * draw,
            });
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::equilibrium::nplayer::max_regret;

    #[test]
    fn matching_pennies_has_its_one_mixed_equilibrium() {
        let g = NPlayerGame::from_fn(&[2, 2], |a| {
            let m = if a[0] == a[1] { 1.0 } else { -1.0 };
            vec![m, -m]
        })
        .unwrap();
        for seed in 1..6 {
            let run = gnm(
                &g,
                &GnmOptions {
                    seed,
                    ..GnmOptions::default()
                },
            )
            .unwrap();
            assert!(run.stopped.is_empty(), "{:?}", run.stopped);
            assert_eq!(run.crossings, 1);
            let e = &run.equilibria[0];
            assert_eq!(e.strategies, vec![vec![0.5, 0.5], vec![0.5, 0.5]]);
        }
    }

    #[test]
    fn dominant_perturbation_starts_at_the_chosen_profile() {
        // A coordination game: both pure profiles are equilibria, and the
        // path from a profile that is an equilibrium finds it first.
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            let all = a.iter().all(|&x| x == a[0]);
            vec![f64::from(u8::from(all)) * (1.0 + a[0] as f64); 3]
        })
        .unwrap();
        for chosen in [vec![0, 0, 0], vec![1, 1, 1]] {
            let run = gnm(
                &g,
                &GnmOptions {
                    perturbation: Perturbation::Dominant(chosen.clone()),
                    ..GnmOptions::default()
                },
            )
            .unwrap();
            let first = &run.equilibria[0];
            for (i, &a) in chosen.iter().enumerate() {
                assert_eq!(first.strategies[i][a], 1.0);
            }
            for e in &run.equilibria {
                assert!(max_regret(&g, &e.strategies) < 1e-9);
            }
        }
        let bad = GnmOptions {
            perturbation: Perturbation::Dominant(vec![0, 2, 0]),
            ..GnmOptions::default()
        };
        assert!(gnm(&g, &bad).is_err());
    }
}
