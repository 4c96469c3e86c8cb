//! Evolutionary stability of a strategy of a symmetric game.
//!
//! A mixed strategy `x` of the symmetric game with payoff matrix `A` (the
//! column player's is `Aᵀ`) is an *evolutionarily stable strategy* (ESS) when
//! for every `y ≠ x` either `xᵀAx > yᵀAx`, or `xᵀAx = yᵀAx` and
//! `xᵀAy > yᵀAy` (Maynard Smith and Price 1973).
//!
//! The test: `x` must be a symmetric Nash equilibrium; let `S` be its support
//! and `BR ⊇ S` its pure best responses. The alternative best replies are the
//! mixtures over `BR`, and with `y = x + z`, `z` summing to zero and supported
//! on `BR` with `z_i >= 0` off `S`, the second condition reads `zᵀAz < 0`:
//! the quadratic form must be strictly negative on a polyhedral cone (Haigh
//! 1975; Bomze 1992). Writing `z` in the directions `e_i - e_s` (`s ∈ S`),
//! the free part (within `S`) must be negative definite, and the Schur
//! complement on the part outside `S` (non-negative coordinates) strictly
//! copositive, which is decided by Kaplan's (2000) criterion: no principal
//! submatrix has an eigenvector with positive entries and a non-positive
//! eigenvalue. When `BR = S` (a quasi-strict equilibrium) this reduces to
//! negative definiteness on the tangent space.
//!
//! Comparisons use the game's regret tolerance ([`super::tolerance_for`]).
//!
//! ## References
//! - J. Maynard Smith and G. R. Price (1973), "The logic of animal conflict",
//!   Nature 246:15-18.
//! - J. Haigh (1975), "Game theory and evolution", Advances in Applied
//!   Probability 7:8-11.
//! - I. M. Bomze (1992), "Detecting all evolutionarily stable strategies",
//!   Journal of Optimization Theory and Applications 75:313-329.
//! - W. Kaplan (2000), "A test for copositive matrices", Linear Algebra and its
//!   Applications 313:203-206.

use super::verify::{difference_tolerance, equality_tolerance, tolerance_for};
use super::vertex::vertex_enumeration;
use crate::error::{Error, Result};
use crate::game::MatrixGame;
use ndarray::{Array1, Array2, ArrayView1};

/// Largest number of alternative best replies outside the support for which
/// the copositivity test (over `2^t` principal submatrices) is run.
pub const MAX_ALTERNATIVE_REPLIES: usize = 16;

/// `true` when the mixed strategy `x` is an evolutionarily stable strategy of
/// the symmetric `game` (see the module documentation).
///
/// # Errors
/// [`Error::UnsupportedGame`] when the game is not symmetric;
/// [`Error::InvalidParameter`] when `x` is not a probability vector of the
/// right length; [`Error::Solver`] when `x` has more than
/// [`MAX_ALTERNATIVE_REPLIES`] alternative best replies outside its support.
pub fn is_ess(game: &MatrixGame, x: ArrayView1<f64>) -> Result<bool> {
    let (m, _) = game.shape();
    if !game.is_symmetric(equality_tolerance(game)) {
        return Err(Error::UnsupportedGame {
            operation: "evolutionary stability",
            requirement: "a symmetric game (B = Aᵀ)",
            found: "not symmetric".to_string(),
        });
    }
    if x.len() != m {
        return Err(Error::invalid_parameter(
            "strategy length",
            x.len() as f64,
            format!("the game has {m} actions"),
        ));
    }
    if x.iter().any(|v| !v.is_finite() || *v < -1e-12) || (x.sum() - 1.0).abs() > 1e-9 {
        return Err(Error::invalid_parameter(
            "strategy",
            x.sum(),
            "non-negative probabilities summing to 1",
        ));
    }
    // Payoffs less their smallest value (no comparison changes): a payoff
    // near 1e9 carries rounding of order 1e-7, its differences do not.
    let a = game.row_payoffs();
    let lo = a.iter().copied().fold(f64::INFINITY, f64::min);
    let a = a.mapv(|v| v - lo);
    let tol = tolerance_for(game);
    let ax = a.dot(&x);
    let u = x.dot(&ax);
    if ax.iter().any(|&v| v > u + tol) {
        return Ok(false);
    }
    let support: Vec<usize> = (0..m).filter(|&i| x[i] > 1e-12).collect();
    let outside: Vec<usize> = (0..m)
        .filter(|&i| x[i] <= 1e-12 && ax[i] >= u - tol)
        .collect();
    if outside.len() > MAX_ALTERNATIVE_REPLIES {
        return Err(Error::Solver {
            method: "evolutionary stability",
            message: format!(
                "{} alternative best replies outside the support; at most {MAX_ALTERNATIVE_REPLIES} are supported",
                outside.len()
            ),
        });
    }
    let s0 = support[0];
    let free: Vec<usize> = support[1..].to_vec();
    let dirs: Vec<usize> = free.iter().chain(outside.iter()).copied().collect();
    let d = dirs.len();
    if d == 0 {
        return Ok(true);
    }
    // N = -(sym part of) the form on directions e_i - e_s0.
    let form = |i: usize, j: usize| a[(i, j)] - a[(i, s0)] - a[(s0, j)] + a[(s0, s0)];
    let n_mat = Array2::from_shape_fn((d, d), |(p, q)| {
        -0.5 * (form(dirs[p], dirs[q]) + form(dirs[q], dirs[p]))
    });
    let f = free.len();
    // Values of the quadratic form are sums of payoff differences: zero within
    // a tolerance relative to the differences, never to the payoffs' size.
    let eps = difference_tolerance(game, 1e-12);
    let nff = n_mat.slice(ndarray::s![..f, ..f]).to_owned();
    let chol = match cholesky(&nff, eps) {
        Some(l) => l,
        None => return Ok(false),
    };
    if outside.is_empty() {
        return Ok(true);
    }
    // Schur complement on the outside directions: N_TT - N_TF N_FF⁻¹ N_FT.
    let t = d - f;
    let mut schur = n_mat.slice(ndarray::s![f.., f..]).to_owned();
    if f > 0 {
        let nft = n_mat.slice(ndarray::s![..f, f..]).to_owned();
        // Solve N_FF Z = N_FT with the Cholesky factor.
        let mut z = Array2::zeros((f, t));
        for c in 0..t {
            let col = cholesky_solve(&chol, nft.column(c).to_owned());
            z.column_mut(c).assign(&col);
        }
        schur = schur - nft.t().dot(&z);
    }
    Ok(strictly_copositive(&schur, eps))
}

/// The strategies that are ESS of the symmetric `game`, among its symmetric
/// extreme equilibria (every ESS is an isolated symmetric equilibrium, hence
/// an extreme one).
///
/// # Errors
/// As [`is_ess`] and [`vertex_enumeration`].
pub fn evolutionarily_stable_strategies(game: &MatrixGame) -> Result<Vec<Array1<f64>>> {
    let eqs = vertex_enumeration(game)?.equilibria;
    let mut out = Vec::new();
    for e in eqs {
        if e.approx_eq(
            &super::Equilibrium {
                row: e.col.clone(),
                ..e.clone()
            },
            1e-12,
        ) && is_ess(game, e.row.view())?
        {
            out.push(e.row.clone());
        }
    }
    Ok(out)
}

/// Lower-triangular `L` with `L Lᵀ = s`, or `None` unless `s` is positive
/// definite (pivots above `eps`).
fn cholesky(s: &Array2<f64>, eps: f64) -> Option<Array2<f64>> {
    let n = s.nrows();
    let mut l = Array2::<f64>::zeros((n, n));
    for i in 0..n {
        for j in 0..=i {
            let mut v = s[(i, j)];
            for k in 0..j {
                v -= l[(i, k)] * l[(j, k)];
            }
            if i == j {
                if v <= eps {
                    return None;
                }
                l[(i, i)] = v.sqrt();
            } else {
                l[(i, j)] = v / l[(j, j)];
            }
        }
    }
    Some(l)
}

fn cholesky_solve(l: &Array2<f64>, mut b: Array1<f64>) -> Array1<f64> {
    let n = l.nrows();
    for i in 0..n {
        for k in 0..i {
            b[i] -= l[(i, k)] * b[k];
        }
        b[i] /= l[(i, i)];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            b[i] -= l[(k, i)] * b[k];
        }
        b[i] /= l[(i, i)];
    }
    b
}

/// Kaplan's test: `s` is strictly copositive iff no principal submatrix has an
/// eigenvector with all entries positive and eigenvalue `<= 0` (`<= eps`).
fn strictly_copositive(s: &Array2<f64>, eps: f64) -> bool {
    let t = s.nrows();
    for mask in 1u32..(1u32 << t) {
        let idx: Vec<usize> = (0..t).filter(|&i| mask & (1 << i) != 0).collect();
        let sub = Array2::from_shape_fn((idx.len(), idx.len()), |(p, q)| s[(idx[p], idx[q])]);
        let (values, vectors) = jacobi_eigen(sub);
        for (k, &lambda) in values.iter().enumerate() {
            if lambda <= eps {
                let v = vectors.column(k);
                let positive = v.iter().all(|&c| c > 1e-12) || v.iter().all(|&c| c < -1e-12);
                if positive {
                    return false;
                }
            }
        }
    }
    true
}

/// Eigenvalues and eigenvectors (columns) of a symmetric matrix by the cyclic
/// Jacobi method.
fn jacobi_eigen(mut a: Array2<f64>) -> (Vec<f64>, Array2<f64>) {
    let n = a.nrows();
    let mut v = Array2::<f64>::eye(n);
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[(i, j)] * a[(i, j)])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[(p, q)].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[(q, q)] - a[(p, p)]) / (2.0 * a[(p, q)]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[(k, p)], a[(k, q)]);
                    a[(k, p)] = c * akp - s * akq;
                    a[(k, q)] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[(p, k)], a[(q, k)]);
                    a[(p, k)] = c * apk - s * aqk;
                    a[(q, k)] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[(k, p)], v[(k, q)]);
                    v[(k, p)] = c * vkp - s * vkq;
                    v[(k, q)] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[(i, i)]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    #[test]
    fn defection_is_ess_in_the_pd() {
        let g = catalogue::prisoners_dilemma_default();
        assert!(is_ess(&g, array![0.0, 1.0].view()).unwrap());
        assert!(!is_ess(&g, array![1.0, 0.0].view()).unwrap());
    }

    #[test]
    fn hawk_dove_mixed_is_ess() {
        // V = 2, C = 4: hawk with probability V/C = 1/2.
        let g = catalogue::hawk_dove(2.0, 4.0).unwrap();
        let ess = evolutionarily_stable_strategies(&g).unwrap();
        assert_eq!(ess.len(), 1);
        assert!(ess[0].iter().all(|&p| (p - 0.5).abs() < 1e-12));
    }

    #[test]
    fn hawk_dove_near_1e9_with_small_differences_keeps_its_mixed_ess() {
        // Hawk-dove (V = 2, C = 4) scaled by 1e-4 plus 1e9. The old rule
        // (1e-12 x the largest payoff = 1e-3) swallowed the quadratic form's
        // 2e-4 and called the mixed ESS unstable, and accepted a game whose
        // B differs from Aᵀ by 1e-4 as symmetric.
        let (u, base) = (1e-4, 1e9);
        let a = array![[-1.0, 2.0], [0.0, 1.0]].mapv(|v| base + u * v);
        let g = MatrixGame::symmetric(a.clone()).unwrap();
        // The mixed equilibrium of the f64 game, from its payoff differences.
        let p = (a[(0, 1)] - a[(1, 1)]) / (a[(0, 1)] - a[(1, 1)] + a[(1, 0)] - a[(0, 0)]);
        assert!((p - 0.5).abs() < 1e-3);
        assert!(is_ess(&g, array![p, 1.0 - p].view()).unwrap());
        assert!(!is_ess(&g, array![1.0, 0.0].view()).unwrap());
        let mut b = a.t().to_owned();
        b[(0, 1)] += u;
        let skew = MatrixGame::new(a, b).unwrap();
        assert!(matches!(
            is_ess(&skew, array![p, 1.0 - p].view()),
            Err(Error::UnsupportedGame { .. })
        ));
    }

    #[test]
    fn rock_paper_scissors_uniform_is_not_ess() {
        // Zero-sum RPS: zᵀAz = 0 on the tangent space, so not strictly negative.
        let g = catalogue::rock_paper_scissors();
        let third = 1.0 / 3.0;
        assert!(!is_ess(&g, array![third, third, third].view()).unwrap());
    }

    #[test]
    fn neutral_alternative_reply() {
        // A = [[1,1],[1,0]]: e1 is a NE with alternative reply e2, and
        // e1ᵀA e2 = 1 > e2ᵀA e2 = 0, so e1 is an ESS (second condition).
        let a = array![[1.0, 1.0], [1.0, 0.0]];
        let g = MatrixGame::symmetric(a).unwrap();
        assert!(is_ess(&g, array![1.0, 0.0].view()).unwrap());
        // With A = [[1,1],[1,1]] every strategy is neutral: no ESS.
        let g = MatrixGame::symmetric(array![[1.0, 1.0], [1.0, 1.0]]).unwrap();
        assert!(!is_ess(&g, array![1.0, 0.0].view()).unwrap());
    }

    #[test]
    fn errors() {
        let bos = catalogue::by_name("battle_of_the_sexes", &[]).unwrap();
        assert!(is_ess(&bos, array![1.0, 0.0].view()).is_err());
        let pd = catalogue::prisoners_dilemma_default();
        assert!(is_ess(&pd, array![0.5, 0.6].view()).is_err());
        assert!(is_ess(&pd, array![1.0].view()).is_err());
    }

    #[test]
    fn jacobi_diagonalises() {
        let (vals, vecs) = jacobi_eigen(array![[2.0, 1.0], [1.0, 2.0]]);
        let mut sorted = vals.clone();
        sorted.sort_by(f64::total_cmp);
        assert!((sorted[0] - 1.0).abs() < 1e-12 && (sorted[1] - 3.0).abs() < 1e-12);
        assert_eq!(vecs.dim(), (2, 2));
    }
}
