//! All equilibria of a small n-player game by support enumeration.
//!
//! Every profile of supports `(S_1, ..., S_n)` (one nonempty set of actions
//! per player) is examined, in parallel and in a fixed order, so the result
//! does not depend on the number of threads:
//!
//! 1. **Pruning.** A support is skipped when one of its actions is
//!    *conditionally dominated*: some other action of the same player earns
//!    strictly more against every profile of the others' supports (Porter,
//!    Nudelman and Shoham 2008). No equilibrium has such a support.
//! 2. **Linear supports** (at most two players mix): the indifference
//!    equations are linear and are solved exactly in rational arithmetic for
//!    integer games ([`super::linear`]).
//! 3. **Polynomial supports** (three or more players mix): the indifference
//!    equations are multilinear polynomials, solved numerically by
//!    subdivision of the probability box with exclusion and Krawczyk
//!    uniqueness tests ([`super::subdivision`]): every root is found and
//!    proven unique in its box, or the search reports it could not finish.
//!
//! Every candidate is certified on the whole game (no action outside the
//! supports earns more; max regret within the tolerance). The list is
//! reported complete when no support had a continuum of solutions (a
//! degenerate game) and every polynomial search finished. Pure equilibria
//! come from [`super::pure_equilibria`].
//!
//! The game is refused when it has more than [`MAX_SUPPORT_PROFILES`]
//! support profiles or when a polynomial support could have more than
//! [`MAX_VARIABLES`] unknowns (each box of the search costs `2^N`
//! evaluations): enumerate such games with `simpdiv` or `liap` instead.
//!
//! ## References
//! - R. D. McKelvey and A. McLennan (1996), "Computation of equilibria in
//!   finite games", Handbook of Computational Economics 1:87-142.
//! - R. Porter, E. Nudelman and Y. Shoham (2008), "Simple search methods for
//!   finding a Nash equilibrium", Games and Economic Behavior 63:642-662.

use super::linear::{
    float_payoffs, one_mixed, rational_payoffs, two_mixed, FieldPayoffs, LinearOutcome,
};
use super::scalar::Scalar;
use super::subdivision::search;
use super::system::{rescaled_payoffs, SupportSystem};
use super::verify::{certify, tolerance_for};
use super::{pure::pure_equilibria, NPlayerEquilibrium};
use crate::equilibrium::Rational;
use crate::error::{Error, Result};
use crate::game::NPlayerGame;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Most support profiles enumerated.
pub const MAX_SUPPORT_PROFILES: u128 = 2_000_000;

/// Most unknowns of a polynomial support system (a box costs `2^N`
/// evaluations).
pub const MAX_VARIABLES: usize = 10;

/// Most boxes one polynomial support's search examines.
pub const BOX_BUDGET: usize = 400_000;

/// Support profiles handled per parallel task.
const CHUNK: u64 = 64;

/// What support enumeration found.
#[derive(Debug, Clone)]
pub struct Enumeration {
    /// The equilibria, certified (unsorted, possibly with duplicates).
    pub equilibria: Vec<NPlayerEquilibrium>,
    /// `true` when every equilibrium is listed (see the module's
    /// documentation).
    pub complete: bool,
    /// `true` when some support revealed the game to be degenerate.
    pub degenerate: bool,
    /// Support profiles examined (after none were pruned).
    pub supports: u64,
    /// Polynomial supports solved by subdivision.
    pub polynomial_supports: u64,
    /// `true` when the linear supports were solved in exact arithmetic.
    pub exact_arithmetic: bool,
}

/// The number of support profiles of a game of shape `shape`:
/// `Π (2^{k_i} - 1)`, saturating.
pub fn support_profiles(shape: &[usize]) -> u128 {
    shape.iter().fold(1u128, |acc, &k| {
        let subsets = if k >= 127 {
            u128::MAX
        } else {
            (1u128 << k) - 1
        };
        acc.saturating_mul(subsets)
    })
}

/// Every equilibrium of `game` by support enumeration, with `progress(done,
/// total)` called from time to time (from several threads).
///
/// # Errors
/// [`Error::Solver`] when the game is too large (see the module's
/// documentation).
pub fn enumerate(game: &NPlayerGame, progress: &(dyn Fn(u64, u64) + Sync)) -> Result<Enumeration> {
    let shape = game.shape();
    let total = support_profiles(shape);
    if total > MAX_SUPPORT_PROFILES {
        return Err(Error::Solver {
            method: "support enumeration",
            message: format!(
                "a {} game has {total} support profiles, more than the {MAX_SUPPORT_PROFILES} it enumerates; use --method simpdiv, liap or gnm",
                crate::game::nplayer::shape_text(shape)
            ),
        });
    }
    let unknowns: usize = shape.iter().map(|k| k - 1).sum();
    if game.num_players() >= 3 && unknowns > MAX_VARIABLES {
        return Err(Error::Solver {
            method: "support enumeration",
            message: format!(
                "a {} game's largest supports have {unknowns} unknown probabilities, more than the {MAX_VARIABLES} the polynomial search handles; use --method simpdiv, liap or gnm",
                crate::game::nplayer::shape_text(shape)
            ),
        });
    }
    let total = total as u64;
    let rescaled = rescaled_payoffs(game);
    let floats = float_payoffs(game, &rescaled);
    let exact = rational_payoffs(game);
    let tol = tolerance_for(game);
    let done = AtomicU64::new(0);
    let chunks: Vec<u64> = (0..total.div_ceil(CHUNK)).collect();
    let results: Vec<ChunkResult> = chunks
        .par_iter()
        .map(|&c| {
            let mut out = ChunkResult {
                complete: true,
                ..ChunkResult::default()
            };
            let ctx = Context {
                game,
                rescaled: &rescaled,
                floats: &floats,
                exact: exact.as_ref(),
                tol,
            };
            for index in c * CHUNK..((c + 1) * CHUNK).min(total) {
                if crate::parallel::cancelled() {
                    break;
                }
                let supports = decode(index, shape);
                ctx.examine(&supports, &mut out);
            }
            let k = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress((k * CHUNK).min(total), total);
            out
        })
        .collect();
    let mut all = Enumeration {
        equilibria: pure_equilibria(game),
        complete: true,
        degenerate: false,
        supports: 0,
        polynomial_supports: 0,
        exact_arithmetic: exact.is_some(),
    };
    for r in results {
        all.equilibria.extend(r.equilibria);
        all.complete &= r.complete;
        all.degenerate |= r.degenerate;
        all.supports += r.supports;
        all.polynomial_supports += r.polynomial;
        all.exact_arithmetic &= !r.overflowed;
    }
    Ok(all)
}

/// The support profile numbered `index`: player 1's subset changes slowest;
/// each player's subset is a nonzero bit mask.
fn decode(mut index: u64, shape: &[usize]) -> Vec<Vec<usize>> {
    let mut masks = vec![0u64; shape.len()];
    for (p, &k) in shape.iter().enumerate().rev() {
        let subsets = (1u64 << k) - 1;
        masks[p] = index % subsets + 1;
        index /= subsets;
    }
    masks
        .iter()
        .zip(shape)
        .map(|(&m, &k)| (0..k).filter(|&a| m >> a & 1 == 1).collect())
        .collect()
}

/// What one chunk of support profiles found.
#[derive(Debug, Default)]
struct ChunkResult {
    equilibria: Vec<NPlayerEquilibrium>,
    complete: bool,
    degenerate: bool,
    overflowed: bool,
    supports: u64,
    polynomial: u64,
}

/// The data every support needs.
struct Context<'a> {
    game: &'a NPlayerGame,
    rescaled: &'a [Vec<f64>],
    floats: &'a FieldPayoffs<f64>,
    exact: Option<&'a FieldPayoffs<Rational>>,
    tol: f64,
}

impl Context<'_> {
    fn examine(&self, supports: &[Vec<usize>], out: &mut ChunkResult) {
        let mixed: Vec<usize> = (0..supports.len())
            .filter(|&i| supports[i].len() >= 2)
            .collect();
        if mixed.is_empty() || self.conditionally_dominated(supports) {
            return;
        }
        out.supports += 1;
        match mixed[..] {
            [i] => self.linear(
                out,
                |pay| one_mixed(pay, supports, i),
                |pay| one_mixed(pay, supports, i),
            ),
            [i, j] => self.linear(
                out,
                |pay| two_mixed(pay, supports, i, j),
                |pay| two_mixed(pay, supports, i, j),
            ),
            _ => {
                out.polynomial += 1;
                let sys = SupportSystem::new(self.game, self.rescaled, supports);
                let found = search(&sys, BOX_BUDGET);
                out.complete &= found.complete;
                for root in found.roots {
                    if root.iter().all(|&v| v > 0.0)
                        && sys
                            .groups()
                            .all(|(o, k)| root[o..o + k].iter().sum::<f64>() < 1.0)
                    {
                        let profile = sys.profile(&root, self.game.shape());
                        if let Some(e) = certify(self.game, &profile, self.tol) {
                            out.equilibria.push(e);
                        }
                    }
                }
            }
        }
    }

    /// Solves a linear support exactly when the game has integer payoffs (and
    /// nothing overflows), else in `f64`, and certifies its candidates.
    fn linear(
        &self,
        out: &mut ChunkResult,
        exact: impl Fn(&FieldPayoffs<Rational>) -> Option<LinearOutcome<Rational>>,
        float: impl Fn(&FieldPayoffs<f64>) -> Option<LinearOutcome<f64>>,
    ) {
        if let Some(pay) = self.exact {
            if let Some(o) = exact(pay) {
                return self.accept(out, o);
            }
            out.overflowed = true;
        }
        if let Some(o) = float(self.floats) {
            self.accept(out, o);
        }
    }

    fn accept<T: Scalar>(&self, out: &mut ChunkResult, o: LinearOutcome<T>) {
        out.complete &= o.complete;
        out.degenerate |= o.degenerate;
        for p in o.points {
            let profile: Vec<Vec<f64>> = p
                .iter()
                .map(|s| s.iter().map(|v| v.to_f64()).collect())
                .collect();
            if let Some(e) = certify(self.game, &profile, self.tol) {
                out.equilibria.push(e);
            }
        }
    }

    /// `true` when some supported action of some player is strictly worse
    /// than another action of theirs against every profile of the others'
    /// supports.
    fn conditionally_dominated(&self, supports: &[Vec<usize>]) -> bool {
        let game = self.game;
        let n = supports.len();
        let strides = game.strides();
        (0..n).any(|i| {
            let v = game.flat_payoffs(i);
            // Offsets of the others' support profiles.
            let mut offsets = vec![0usize];
            for (j, s) in supports.iter().enumerate() {
                if j == i {
                    continue;
                }
                offsets = offsets
                    .iter()
                    .flat_map(|&o| s.iter().map(move |&a| o + a * strides[j]))
                    .collect();
            }
            supports[i].iter().any(|&a| {
                (0..game.shape()[i]).any(|b| {
                    b != a
                        && offsets
                            .iter()
                            .all(|&o| v[o + b * strides[i]] > v[o + a * strides[i]])
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_profiles_are_numbered_and_counted() {
        assert_eq!(support_profiles(&[2, 2, 2]), 27);
        assert_eq!(support_profiles(&[3, 3, 3]), 343);
        let all: Vec<Vec<Vec<usize>>> = (0..27).map(|k| decode(k, &[2, 2, 2])).collect();
        assert_eq!(all[0], vec![vec![0], vec![0], vec![0]]);
        assert_eq!(all[26], vec![vec![0, 1], vec![0, 1], vec![0, 1]]);
        let distinct: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), 27);
    }
}
