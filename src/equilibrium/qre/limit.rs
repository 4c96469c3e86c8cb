//! The limit of the principal branch as `λ → ∞`, made an exact Nash
//! equilibrium (docs/model.md §17.4).
//!
//! At the end of the trace every action outside the limit's support has a
//! negligible probability and the supported ones are within `O(1/λ)` of the
//! limit. The limit is recovered by *polishing*: the supports are read off
//! the traced profile (probabilities above a threshold), and the
//! equilibrium conditions on those supports — each player's supported
//! actions earn the same, and its probabilities sum to one — are solved by
//! Gauss-Newton from the traced profile with minimum-norm corrections, so a
//! probability the conditions leave free (two identical actions) keeps its
//! traced value. The result is accepted when its probabilities are
//! non-negative, it is within [`MAX_POLISH_MOVE`] of the traced profile, and
//! its regret is within the caller's tolerance.

use super::lu::Lu;
use super::LogitGame;

/// Support thresholds tried in turn: an action is in the support when its
/// traced probability exceeds the threshold.
const SUPPORT_THRESHOLDS: [f64; 3] = [1e-6, 1e-3, 1e-9];
/// Largest move of a probability by polishing.
pub const MAX_POLISH_MOVE: f64 = 1e-3;
/// Gauss-Newton iterations of the polish.
const POLISH_ITERATIONS: usize = 30;
/// Relative regularisation of the polish's normal equations.
const REGULARISATION: f64 = 1e-13;

/// A polished limit: the profile (flattened, player after player) and its
/// largest regret.
#[derive(Debug, Clone, PartialEq)]
pub struct PolishedLimit {
    /// The probabilities, player after player.
    pub profile: Vec<f64>,
    /// The largest gain any player gets by deviating to a pure action.
    pub regret: f64,
}

/// Each player's largest regret at `profile` (flattened): the most any
/// player gains by deviating to one of its actions.
pub fn max_regret<G: LogitGame>(game: &G, profile: &[f64]) -> f64 {
    let mut payoffs = vec![0.0; profile.len()];
    game.action_payoffs(profile, &mut payoffs);
    let mut offset = 0;
    let mut worst: f64 = 0.0;
    for i in 0..game.players() {
        let n = game.actions(i);
        let range = offset..offset + n;
        let best = payoffs[range.clone()]
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let earned: f64 = profile[range.clone()]
            .iter()
            .zip(&payoffs[range])
            .map(|(p, u)| p * u)
            .sum();
        worst = worst.max(best - earned);
        offset += n;
    }
    worst
}

/// Polishes the traced end `profile` (flattened) into a Nash equilibrium
/// whose regret is at most `tolerance` (see the module documentation).
/// `None` when no support threshold gives one.
pub fn polish_limit<G: LogitGame>(
    game: &G,
    profile: &[f64],
    tolerance: f64,
) -> Option<PolishedLimit> {
    SUPPORT_THRESHOLDS.iter().find_map(|&threshold| {
        let candidate = polish_on_supports(game, profile, threshold)?;
        let moved = candidate
            .iter()
            .zip(profile)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        let regret = max_regret(game, &candidate);
        (moved <= MAX_POLISH_MOVE && regret <= tolerance).then_some(PolishedLimit {
            profile: candidate,
            regret,
        })
    })
}

/// The equilibrium conditions on the supports `{a : p_a > threshold}`,
/// solved from `profile`; `None` when they have no non-negative solution
/// near it.
fn polish_on_supports<G: LogitGame>(game: &G, profile: &[f64], threshold: f64) -> Option<Vec<f64>> {
    let total = profile.len();
    // Supports: (first index, actions) per player, as flattened indices.
    let mut supports: Vec<Vec<usize>> = Vec::new();
    let mut offset = 0;
    for i in 0..game.players() {
        let n = game.actions(i);
        let mut s: Vec<usize> = (offset..offset + n)
            .filter(|&c| profile[c] > threshold)
            .collect();
        if s.is_empty() {
            let best = (offset..offset + n).max_by(|&a, &b| profile[a].total_cmp(&profile[b]))?;
            s.push(best);
        }
        supports.push(s);
        offset += n;
    }
    let unknowns: Vec<usize> = supports.iter().flatten().copied().collect();
    let k = unknowns.len();
    let ranges: Vec<f64> = (0..game.players())
        .map(|i| {
            let r = game.payoff_range(i);
            if r > 0.0 && r.is_finite() {
                r
            } else {
                1.0
            }
        })
        .collect();
    let mut p: Vec<f64> = vec![0.0; total];
    for &c in &unknowns {
        p[c] = profile[c];
    }
    let mut payoffs = vec![0.0; total];
    let mut derivatives = vec![0.0; total * total];
    let mut jac = vec![0.0; k * k];
    let mut residual = vec![0.0; k];
    let mut normal = vec![0.0; k * k];
    let mut lu = Lu::default();
    for _ in 0..POLISH_ITERATIONS {
        game.action_payoffs(&p, &mut payoffs);
        game.action_payoff_derivatives(&p, &mut derivatives);
        // Rows: per player, the normalisation, then each supported action's
        // payoff minus the first supported action's (in units of the range).
        let mut row = 0;
        jac.fill(0.0);
        for (s, range) in supports.iter().zip(&ranges) {
            residual[row] = s.iter().map(|&c| p[c]).sum::<f64>() - 1.0;
            for (col, c) in unknowns.iter().enumerate() {
                if s.contains(c) {
                    jac[row * k + col] = 1.0;
                }
            }
            row += 1;
            let base = s[0];
            for &a in &s[1..] {
                residual[row] = (payoffs[a] - payoffs[base]) / range;
                for (col, &c) in unknowns.iter().enumerate() {
                    jac[row * k + col] =
                        (derivatives[a * total + c] - derivatives[base * total + c]) / range;
                }
                row += 1;
            }
        }
        if residual.iter().all(|r| r.abs() <= 1e-15) {
            break;
        }
        // Minimum-norm correction: δ = -Jᵀ (J Jᵀ + ε I)⁻¹ F.
        let mut largest: f64 = 0.0;
        for r in 0..k {
            for c in 0..k {
                let v: f64 = (0..k).map(|m| jac[r * k + m] * jac[c * k + m]).sum();
                normal[r * k + c] = v;
                largest = largest.max(v.abs());
            }
        }
        let ridge = REGULARISATION * largest.max(1.0);
        for r in 0..k {
            normal[r * k + r] += ridge;
        }
        if !lu.factor(&normal, k) {
            return None;
        }
        let mut w = residual.clone();
        lu.solve(&mut w);
        for (col, &c) in unknowns.iter().enumerate() {
            let step: f64 = (0..k).map(|r| jac[r * k + col] * w[r]).sum();
            p[c] -= step;
        }
        if p.iter().any(|v| !v.is_finite()) {
            return None;
        }
    }
    if p.iter().any(|&v| v < -1e-12) {
        return None;
    }
    for v in &mut p {
        *v = v.max(0.0);
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn a_near_mixed_profile_polishes_to_the_mixed_equilibrium() {
        // Chicken's symmetric mixed equilibrium, perturbed by 1e-5.
        let g = catalogue::by_name("chicken", &[]).unwrap();
        let a = g.row_payoffs();
        let (r, s, t, p) = (a[(0, 0)], a[(0, 1)], a[(1, 0)], a[(1, 1)]);
        let q = (s - p) / (s - p + t - r);
        let near = [q + 1e-5, 1.0 - q - 1e-5, q - 1e-5, 1.0 - q + 1e-5];
        let out = polish_limit(&g, &near, 1e-12).unwrap();
        assert!((out.profile[0] - q).abs() < 1e-14, "{:?}", out.profile);
        assert!(out.regret <= 1e-12);
    }

    #[test]
    fn identical_actions_keep_their_traced_split() {
        // Two identical row actions: the conditions leave the split free.
        let g = crate::MatrixGame::new(
            ndarray::array![[2.0, 0.0], [2.0, 0.0], [0.0, 1.0]],
            ndarray::array![[1.0, 0.0], [1.0, 0.0], [0.0, 2.0]],
        )
        .unwrap();
        let near = [0.3, 0.7 - 1e-9, 1e-9, 1.0 - 1e-9, 1e-9];
        let out = polish_limit(&g, &near, 1e-12).unwrap();
        assert!((out.profile[0] - 0.3).abs() < 1e-8, "{:?}", out.profile);
        assert_eq!(out.profile[2], 0.0);
        assert_eq!(out.profile[4], 0.0);
    }

    #[test]
    fn regret_of_cooperation_in_the_prisoners_dilemma() {
        let g = catalogue::prisoners_dilemma_default();
        assert_eq!(max_regret(&g, &[1.0, 0.0, 1.0, 0.0]), 2.0);
        assert_eq!(max_regret(&g, &[0.0, 1.0, 0.0, 1.0]), 0.0);
    }
}
