//! Verification of equilibria: regrets, the tolerance they are checked
//! against, and the cleaning of computed probabilities.
//!
//! A profile `(x, y)` is a Nash equilibrium when neither player gains by a
//! unilateral deviation; it suffices to check pure deviations (Nash 1951).
//! The *regret* of the row player is `max_i (A y)_i - xᵀ A y >= 0`, that of the
//! column player `max_j (Bᵀ x)_j - xᵀ B y`. Every equilibrium this module
//! returns has both regrets within the tolerance.
//!
//! ## References
//! - J. Nash (1951), "Non-cooperative games", Annals of Mathematics 54:286-295.

use super::{exact, Equilibrium};
use crate::game::MatrixGame;
use ndarray::{Array1, Array2, ArrayView1};

/// The relative regret tolerance: an equilibrium is accepted when each
/// player's regret is at most `DEFAULT_TOLERANCE` times the spread of the
/// payoffs (see [`tolerance_for`]).
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

/// Probabilities smaller than this after a computation are rounding noise and
/// are set to zero.
pub const PROBABILITY_ZERO: f64 = 1e-12;

/// Two computed strategies whose probabilities all agree within this are the
/// same equilibrium; a computed probability down to `-PROBABILITY_TOLERANCE`
/// is rounding noise around zero. Probabilities have no unit, so this does not
/// depend on the payoffs.
pub const PROBABILITY_TOLERANCE: f64 = 1e-9;

/// The absolute regret tolerance for `game`.
///
/// It is relative to the payoff *differences*, never to the payoffs'
/// magnitude (adding a constant to a player's payoffs changes no best
/// response, so it must not change the tolerance): for each player whose
/// payoffs are not all equal, the smaller of `DEFAULT_TOLERANCE` times the
/// range of their payoffs (`max - min`) and half the smallest nonzero
/// difference between two of their payoffs; the tolerance is the smallest of
/// these over the two players (`DEFAULT_TOLERANCE` when every payoff is the
/// same). Gaps within 64 units in the last place of the largest payoff are
/// rounding noise of computed payoffs and count as ties. So a profile that some payoff difference makes a non-equilibrium is
/// never accepted: a pure profile's regret is `0` or at least that smallest
/// difference.
pub fn tolerance_for(game: &MatrixGame) -> f64 {
    difference_tolerance(game, DEFAULT_TOLERANCE)
}

/// [`tolerance_for`] with `relative` in place of [`DEFAULT_TOLERANCE`]: for
/// each player whose payoffs are not all equal, the smaller of `relative`
/// times their payoff range and half their smallest nonzero payoff
/// difference; the smaller over the two players (`relative` when every payoff
/// is the same). The numerical tolerances of the LP-based and
/// evolutionary-stability checks are of this form, so they too follow payoff
/// differences, never magnitudes.
pub(crate) fn difference_tolerance(game: &MatrixGame, relative: f64) -> f64 {
    let per_player =
        |m: &Array2<f64>| player_tolerance(m.iter().copied(), relative).map(|(tol, _)| tol);
    match (
        per_player(game.row_payoffs()),
        per_player(game.col_payoffs()),
    ) {
        (Some(r), Some(c)) => r.min(c),
        (Some(t), None) | (None, Some(t)) => t,
        (None, None) => relative,
    }
}

/// Payoff gaps below this many units in the last place of the largest
/// payoff are rounding, not differences (see [`tolerance_for`]).
const ROUNDING_GAPS: f64 = 64.0;

/// One player's tolerance and payoff range: `(min(relative * range,
/// smallest nonzero gap / 2), range)`; `None` when all payoffs are equal.
pub(crate) fn player_tolerance(
    payoffs: impl IntoIterator<Item = f64>,
    relative: f64,
) -> Option<(f64, f64)> {
    let mut v: Vec<f64> = payoffs.into_iter().collect();
    v.sort_by(f64::total_cmp);
    let range = v[v.len() - 1] - v[0];
    if range.is_nan() || range <= 0.0 {
        return None;
    }
    // Gaps within the rounding noise of the payoffs' magnitude are ties
    // that floating-point evaluation of a formula broke (1.795 computed as
    // 1.7949999999999997), not differences of the game.
    let magnitude = v[0].abs().max(v[v.len() - 1].abs());
    let noise = ROUNDING_GAPS * f64::EPSILON * magnitude;
    let min_gap = v
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|&d| d > noise)
        .fold(f64::INFINITY, f64::min);
    Some(((relative * range).min(0.5 * min_gap), range))
}

/// The tolerance for deciding two payoff expressions equal (`B = Aᵀ`, `A + B`
/// constant): [`difference_tolerance`] at `1e-12`, but never below four units
/// of `f64` rounding at the largest payoff magnitude (payoffs near `1e9` carry
/// rounding of order `1e-7`, whatever their differences).
pub(crate) fn equality_tolerance(game: &MatrixGame) -> f64 {
    let magnitude = game
        .row_payoffs()
        .iter()
        .chain(game.col_payoffs().iter())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    difference_tolerance(game, 1e-12).max(4.0 * f64::EPSILON * magnitude)
}

/// A player's tolerance relative to the range of their payoffs (at most
/// `DEFAULT_TOLERANCE`): the tolerance for values computed on the payoffs
/// rescaled to a unit range.
pub(crate) fn relative_tolerance(m: &Array2<f64>) -> f64 {
    player_tolerance(m.iter().copied(), DEFAULT_TOLERANCE)
        .map_or(DEFAULT_TOLERANCE, |(tol, range)| tol / range)
}

/// The two players' regrets `(row, column)` at the profile `(x, y)`: how much
/// each would gain by the best pure deviation. Both are `>= 0`.
///
/// The expected payoffs are computed on each player's payoffs minus their
/// smallest payoff (which changes no regret), so a regret is accurate relative
/// to the payoff differences even when the payoffs themselves are large
/// (`1e10 + 3` against `1e10 + 5`).
///
/// # Panics
/// If the strategies' lengths do not match the game.
pub fn regrets(game: &MatrixGame, x: ArrayView1<f64>, y: ArrayView1<f64>) -> (f64, f64) {
    let a = game.row_payoffs();
    let b = game.col_payoffs();
    let (m, n) = game.shape();
    assert!(x.len() == m && y.len() == n, "strategy lengths");
    let min_a = a.iter().copied().fold(f64::INFINITY, f64::min);
    let min_b = b.iter().copied().fold(f64::INFINITY, f64::min);
    // (A - min A) y and (B - min B)ᵀ x.
    let ay: Vec<f64> = (0..m)
        .map(|i| (0..n).map(|j| (a[(i, j)] - min_a) * y[j]).sum())
        .collect();
    let bx: Vec<f64> = (0..n)
        .map(|j| (0..m).map(|i| (b[(i, j)] - min_b) * x[i]).sum())
        .collect();
    let u: f64 = (0..m).map(|i| x[i] * ay[i]).sum();
    let v: f64 = (0..n).map(|j| y[j] * bx[j]).sum();
    let best_row = ay.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let best_col = bx.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    ((best_row - u).max(0.0), (best_col - v).max(0.0))
}

/// The larger of the two [`regrets`].
pub fn max_regret(game: &MatrixGame, x: ArrayView1<f64>, y: ArrayView1<f64>) -> f64 {
    let (r, c) = regrets(game, x, y);
    r.max(c)
}

/// Cleans a computed mixed strategy: entries within `PROBABILITY_ZERO` of zero
/// (and negative entries down to `-PROBABILITY_TOLERANCE`) become zero, and
/// the vector is renormalised to sum to one. Returns `None` when an entry is
/// more negative than `-PROBABILITY_TOLERANCE`, is not finite, or nothing
/// positive is left.
pub fn clean_strategy(p: &Array1<f64>) -> Option<Array1<f64>> {
    if p.iter()
        .any(|v| !v.is_finite() || *v < -PROBABILITY_TOLERANCE)
    {
        return None;
    }
    let mut q = p.mapv(|v| if v <= PROBABILITY_ZERO { 0.0 } else { v });
    let s = q.sum();
    if s <= 0.0 {
        return None;
    }
    q.mapv_inplace(|v| v / s);
    Some(q)
}

/// Cleans `(x, y)`, checks it is an equilibrium of `game` within `tolerance`
/// (a regret, in payoff units) and returns it with its payoffs, largest regret
/// and (for integer games) its exact fractions. `None` when it is not an
/// equilibrium.
pub fn certify(
    game: &MatrixGame,
    x: &Array1<f64>,
    y: &Array1<f64>,
    tolerance: f64,
) -> Option<Equilibrium> {
    let (m, n) = game.shape();
    if x.len() != m || y.len() != n {
        return None;
    }
    let x = clean_strategy(x)?;
    let y = clean_strategy(y)?;
    let regret = max_regret(game, x.view(), y.view());
    if regret > tolerance {
        return None;
    }
    let (row_payoff, col_payoff) = game.expected_payoffs(x.view(), y.view());
    let mut eq = Equilibrium {
        row: x,
        col: y,
        row_payoff,
        col_payoff,
        max_regret: regret,
        exact: None,
    };
    eq.exact = exact::exact_equilibrium(game, &eq);
    if let Some(e) = &eq.exact {
        // The exact solution is the true equilibrium: report its probabilities.
        eq.row = e.row.iter().map(exact::to_f64).collect();
        eq.col = e.col.iter().map(exact::to_f64).collect();
        eq.row_payoff = exact::to_f64(&e.row_payoff);
        eq.col_payoff = exact::to_f64(&e.col_payoff);
        eq.max_regret = max_regret(game, eq.row.view(), eq.col.view());
        if eq.max_regret > tolerance {
            // Rounding the exact fractions to f64 cannot cost this much; never
            // report a regret above the stated tolerance.
            return None;
        }
    }
    Some(eq)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn regret_of_cooperation_in_the_pd() {
        let g = catalogue::prisoners_dilemma_default();
        let c = array![1.0, 0.0];
        let d = array![0.0, 1.0];
        assert_eq!(regrets(&g, c.view(), c.view()), (2.0, 2.0));
        assert_eq!(max_regret(&g, d.view(), d.view()), 0.0);
        assert!(certify(&g, &c, &c, 1e-9).is_none());
        let eq = certify(&g, &d, &d, 1e-9).unwrap();
        assert_eq!(eq.row_payoff, 1.0);
        assert_eq!(eq.exact.unwrap().row[1], 1.into());
    }

    #[test]
    fn rounding_noise_of_computed_payoffs_is_a_tie_not_a_difference() {
        // The three-action security game at θ = 0.05, δ = 0.95: (R, H) and
        // (H, H) both pay 1.795 in exact arithmetic; the formula gives
        // 1.7949999999999997 for one of them. (H, H) is a (weak) equilibrium.
        let model = crate::game::SecurityDilemma {
            offence: 0.05,
            differentiation: 0.95,
            ..crate::game::SecurityDilemma::default()
        };
        let g = model.to_three_action_game().unwrap();
        let tol = tolerance_for(&g);
        assert!(tol > 1e-12, "tolerance {tol} below the rounding noise");
        let h = array![0.0, 0.0, 1.0];
        assert!(certify(&g, &h, &h, tol).is_some());
        // A real difference of a thousandth at the same magnitude is kept.
        let g = MatrixGame::new(
            array![[1.795, 0.0], [1.794, 1.0]],
            array![[1.795, 0.0], [1.794, 1.0]],
        )
        .unwrap();
        assert!(tolerance_for(&g) < 0.001);
    }

    #[test]
    fn cleaning() {
        let p = array![0.5, -1e-14, 0.5 + 1e-13];
        let q = clean_strategy(&p).unwrap();
        assert_eq!(q[1], 0.0);
        assert!((q.sum() - 1.0).abs() < 1e-15);
        assert!(clean_strategy(&array![1.5, -0.5]).is_none());
        assert!(clean_strategy(&array![0.0, 0.0]).is_none());
        assert!(clean_strategy(&array![f64::NAN, 1.0]).is_none());
    }

    #[test]
    fn tolerance_follows_payoff_differences_not_magnitudes() {
        // Range 1000 for the row player, 1 for the column player: the smaller.
        let g = MatrixGame::new(
            array![[1000.0, 0.0], [0.0, 1.0]],
            array![[1.0, 0.0], [0.0, 1.0]],
        )
        .unwrap();
        assert!((tolerance_for(&g) - 1e-9).abs() < 1e-24);
        // Adding 1e10 to every payoff changes nothing.
        let shifted = MatrixGame::new(g.row_payoffs() + 1e10, g.col_payoffs() + 1e10).unwrap();
        assert_eq!(tolerance_for(&shifted), tolerance_for(&g));
        // A difference of 1e-12 in a game of range 1 is not swallowed.
        let fine = MatrixGame::new(
            array![[1.0, 0.0], [1e-12, 0.5]],
            array![[1.0, 0.0], [0.0, 1.0]],
        )
        .unwrap();
        assert_eq!(tolerance_for(&fine), 0.5e-12);
    }

    #[test]
    fn regret_is_exact_for_huge_payoffs() {
        // The PD plus 1e10: (C, C) has regret T - R = 2, as in the small game.
        let a = array![[3.0, 0.0], [5.0, 1.0]] + 1e10;
        let g = MatrixGame::new(a.clone(), a.t().to_owned()).unwrap();
        let c = array![1.0, 0.0];
        assert_eq!(regrets(&g, c.view(), c.view()), (2.0, 2.0));
        assert!(certify(&g, &c, &c, tolerance_for(&g)).is_none());
    }
}
