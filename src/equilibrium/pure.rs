//! Pure Nash equilibria by enumeration of the action profiles.
//!
//! A profile `(i, j)` is a pure equilibrium when `i` is a best response to `j`
//! (`A[i][j] = max_k A[k][j]`) and `j` to `i` (`B[i][j] = max_l B[i][l]`).
//! The payoffs are compared exactly (as the `f64` values they are), so the
//! answer does not depend on their scale: `10000000003` against `10000000005`
//! is decided like `3` against `5`.
//!
//! ## References
//! - J. Nash (1951), "Non-cooperative games", Annals of Mathematics 54:286-295.

use super::verify::{certify, tolerance_for};
use super::{sort_and_dedup, Equilibrium};
use crate::game::MatrixGame;
use ndarray::Array1;

/// Every pure Nash equilibrium of `game` (any bimatrix game, degenerate or
/// not), verified and sorted; exact when the payoffs are integers.
pub fn pure_equilibria(game: &MatrixGame) -> Vec<Equilibrium> {
    let (m, n) = game.shape();
    let a = game.row_payoffs();
    let b = game.col_payoffs();
    let tol = tolerance_for(game);
    let col_best: Vec<f64> = (0..n)
        .map(|j| {
            a.column(j)
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    let row_best: Vec<f64> = (0..m)
        .map(|i| b.row(i).iter().copied().fold(f64::NEG_INFINITY, f64::max))
        .collect();
    let mut out = Vec::new();
    for i in 0..m {
        for j in 0..n {
            if a[(i, j)] == col_best[j] && b[(i, j)] == row_best[i] {
                let mut x = Array1::zeros(m);
                let mut y = Array1::zeros(n);
                x[i] = 1.0;
                y[j] = 1.0;
                if let Some(e) = certify(game, &x, &y, tol) {
                    out.push(e);
                }
            }
        }
    }
    sort_and_dedup(out, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    #[test]
    fn stag_hunt_has_two_pure() {
        let g = catalogue::by_name("stag_hunt", &[]).unwrap();
        let eq = pure_equilibria(&g);
        assert_eq!(eq.len(), 2);
        assert!(eq.iter().all(|e| e.is_pure() && e.max_regret == 0.0));
        // Sorted: (stag, stag) first.
        assert_eq!(eq[0].row_support(), vec![0]);
    }

    #[test]
    fn huge_payoffs_decided_exactly() {
        // The PD plus 1e10 (R=10000000003, S=10000000000, T=10000000005,
        // P=10000000001): only (D, D), as in the small game.
        let a = ndarray::array![[3.0, 0.0], [5.0, 1.0]] + 1e10;
        let g = MatrixGame::new(a.clone(), a.t().to_owned()).unwrap();
        let eq = pure_equilibria(&g);
        assert_eq!(eq.len(), 1);
        assert_eq!(eq[0].row_support(), vec![1]);
        assert_eq!(eq[0].max_regret, 0.0);
    }

    #[test]
    fn matching_pennies_has_none() {
        assert!(pure_equilibria(&catalogue::matching_pennies()).is_empty());
    }
}
