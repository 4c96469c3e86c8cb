//! The support profiles whose indifference systems are linear: those where
//! at most two players mix.
//!
//! When exactly two players `i` and `j` mix and the others play one action
//! each, player `i`'s indifference over its support involves only `σ_j` and
//! is linear in it, and likewise for `j`: two small linear systems,
//! `Σ_t u_i(s, t) σ_j(t) = v_i` for `s ∈ S_i` with `Σ_t σ_j(t) = 1` (and the
//! same for `σ_i`), solved exactly in rationals for integer games and in
//! `f64` otherwise. A system with a continuum of solutions marks the game
//! degenerate and the enumeration incomplete.
//!
//! When one player `i` mixes against pure opponents, `i` must be indifferent
//! over its support at the opponents' profile (a tie in the payoffs: the game
//! is degenerate), and then the profiles where every opponent's action is a
//! best response form a polytope in `σ_i`, cut by the linear conditions
//! `u_j(a_j, σ_i) >= u_j(b, σ_i)`. Its vertices in the interior of the
//! support's simplex are found by making `|S_i| - 1` of the conditions tight;
//! vertices on the simplex's boundary belong to smaller supports.

use super::scalar::{solve, Scalar, Solutions};
use crate::equilibrium::exact::{next_combination, normalise_values};
use crate::equilibrium::{binomial, Rational};
use crate::game::NPlayerGame;

/// Most subsets of tight conditions tried for one support whose mixed
/// strategies form a polytope.
pub(crate) const MAX_VERTEX_SUBSETS: u128 = 200_000;

/// Each player's payoffs in a field, row-major like the game's.
#[derive(Debug, Clone)]
pub(crate) struct FieldPayoffs<T> {
    values: Vec<Vec<T>>,
    strides: Vec<usize>,
    shape: Vec<usize>,
}

impl<T: Scalar> FieldPayoffs<T> {
    fn at(&self, player: usize, profile: &[usize]) -> T {
        let k: usize = profile.iter().zip(&self.strides).map(|(a, s)| a * s).sum();
        self.values[player][k]
    }
}

/// Each player's payoffs as normalised integers (smallest payoff subtracted,
/// differences divided by their gcd: the same best responses), as exact
/// rationals; `None` unless every payoff is an integer.
pub(crate) fn rational_payoffs(game: &NPlayerGame) -> Option<FieldPayoffs<Rational>> {
    let values = (0..game.num_players())
        .map(|i| {
            let (ints, _, _) = normalise_values(game.flat_payoffs(i))?;
            Some(ints.into_iter().map(Rational::from_integer).collect())
        })
        .collect::<Option<Vec<Vec<Rational>>>>()?;
    Some(FieldPayoffs {
        values,
        strides: game.strides().to_vec(),
        shape: game.shape().to_vec(),
    })
}

/// Each player's payoffs rescaled to `[0, 1]`, in `f64`.
pub(crate) fn float_payoffs(game: &NPlayerGame, rescaled: &[Vec<f64>]) -> FieldPayoffs<f64> {
    FieldPayoffs {
        values: rescaled.to_vec(),
        strides: game.strides().to_vec(),
        shape: game.shape().to_vec(),
    }
}

/// What the linear systems of one support profile give.
#[derive(Debug, Clone)]
pub(crate) struct LinearOutcome<T> {
    /// Candidate profiles (full strategies, one per player), positive on
    /// their supports; each still to be certified.
    pub points: Vec<Vec<Vec<T>>>,
    /// `true` when the support revealed a tie that makes the game degenerate.
    pub degenerate: bool,
    /// `false` when the support may hold equilibria not in `points` (a
    /// continuum of solutions).
    pub complete: bool,
}

impl<T> LinearOutcome<T> {
    fn nothing() -> Self {
        LinearOutcome {
            points: Vec::new(),
            degenerate: false,
            complete: true,
        }
    }
}

/// The full profile: `mixed` strategies on their supports, every other
/// player on their one action.
fn full_profile<T: Scalar>(
    shape: &[usize],
    supports: &[Vec<usize>],
    mixed: &[(usize, &[T])],
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = shape.iter().map(|&k| vec![T::zero(); k]).collect();
    for (p, s) in supports.iter().enumerate() {
        if s.len() == 1 {
            out[p][s[0]] = T::one();
        }
    }
    for &(p, probs) in mixed {
        for (&a, &v) in supports[p].iter().zip(probs) {
            out[p][a] = v;
        }
    }
    out
}

/// The strategy of `other` on its support that makes `own` indifferent over
/// its support (the others at their one action), with `own`'s value last.
fn indifference<T: Scalar>(
    pay: &FieldPayoffs<T>,
    supports: &[Vec<usize>],
    own: usize,
    other: usize,
) -> Option<Solutions<T>> {
    let so = &supports[own];
    let st = &supports[other];
    let rows = so.len() + 1;
    let cols = st.len() + 1;
    let w = cols + 1;
    let mut profile: Vec<usize> = supports.iter().map(|s| s[0]).collect();
    let mut a = vec![T::zero(); rows * w];
    for (r, &s) in so.iter().enumerate() {
        profile[own] = s;
        for (c, &t) in st.iter().enumerate() {
            profile[other] = t;
            a[r * w + c] = pay.at(own, &profile);
        }
        a[r * w + cols - 1] = T::zero().sub(T::one())?;
    }
    let last = (rows - 1) * w;
    for c in 0..st.len() {
        a[last + c] = T::one();
    }
    a[last + cols] = T::one();
    solve(&mut a, rows, cols)
}

/// The candidates of a support profile where exactly players `i` and `j`
/// mix. When one player's strategy is determined and the other's is not (a
/// tie), the candidates are the interior vertices of the other's polytope
/// ([`interior_vertices`]); when neither is determined, the support is
/// reported incomplete. `None` on overflow.
pub(crate) fn two_mixed<T: Scalar>(
    pay: &FieldPayoffs<T>,
    supports: &[Vec<usize>],
    i: usize,
    j: usize,
) -> Option<LinearOutcome<T>> {
    let sj = indifference(pay, supports, i, j)?;
    if sj == Solutions::None {
        return Some(LinearOutcome::nothing());
    }
    let si = indifference(pay, supports, j, i)?;
    let (ki, kj) = (supports[i].len(), supports[j].len());
    let positive = |z: &[T]| z.iter().all(|v| v.is_positive());
    match (si, sj) {
        (Solutions::None, _) => Some(LinearOutcome::nothing()),
        (Solutions::Unique(zi), _) if !positive(&zi[..ki]) => Some(LinearOutcome::nothing()),
        (_, Solutions::Unique(zj)) if !positive(&zj[..kj]) => Some(LinearOutcome::nothing()),
        (Solutions::Unique(zi), Solutions::Unique(zj)) => {
            let mut out = LinearOutcome::nothing();
            out.points.push(full_profile(
                &pay.shape,
                supports,
                &[(i, &zi[..ki]), (j, &zj[..kj])],
            ));
            Some(out)
        }
        (Solutions::Unique(zi), Solutions::Continuum) => {
            free_partner(pay, supports, i, &zi[..ki], j)
        }
        (Solutions::Continuum, Solutions::Unique(zj)) => {
            free_partner(pay, supports, j, &zj[..kj], i)
        }
        _ => Some(LinearOutcome {
            points: Vec::new(),
            degenerate: true,
            complete: false,
        }),
    }
}

/// The candidates when player `fixed` plays the determined strategy `z` (on
/// its support) and player `free`'s strategy is only constrained: `fixed`
/// indifferent over its support (equalities), no better action for `fixed`
/// outside it, and every pure player's action a best response
/// (inequalities, linear in `free`'s strategy once `z` is fixed).
fn free_partner<T: Scalar>(
    pay: &FieldPayoffs<T>,
    supports: &[Vec<usize>],
    fixed: usize,
    z: &[T],
    free: usize,
) -> Option<LinearOutcome<T>> {
    let sf = &supports[fixed];
    let st = &supports[free];
    let mut profile: Vec<usize> = supports.iter().map(|s| s[0]).collect();
    // Player `fixed`'s payoff at (own action s, free's action t).
    let mut own = |s: usize, t: usize, pay: &FieldPayoffs<T>| {
        profile[fixed] = s;
        profile[free] = t;
        pay.at(fixed, &profile)
    };
    let mut equalities = Vec::new();
    for &s in &sf[1..] {
        let row: Option<Vec<T>> = st
            .iter()
            .map(|&t| own(s, t, pay).sub(own(sf[0], t, pay)))
            .collect();
        equalities.push(row?);
    }
    let mut inequalities = Vec::new();
    for c in (0..pay.shape[fixed]).filter(|c| !sf.contains(c)) {
        let row: Option<Vec<T>> = st
            .iter()
            .map(|&t| own(sf[0], t, pay).sub(own(c, t, pay)))
            .collect();
        inequalities.push(row?);
    }
    inequalities.extend(best_response_rows(pay, supports, free, Some((fixed, z)))?);
    let (vertices, complete) = interior_vertices(st.len(), &equalities, &inequalities)?;
    Some(LinearOutcome {
        points: vertices
            .iter()
            .map(|v| full_profile(&pay.shape, supports, &[(fixed, z), (free, v)]))
            .collect(),
        degenerate: true,
        complete,
    })
}

/// The conditions that every pure player `p`'s action `a_p` is at least as
/// good as each other action `b`, as rows of coefficients of player `free`'s
/// probabilities on its support (`Σ_t row_t σ_free(t) >= 0`), with player
/// `fixed`, when given, playing its determined strategy on its support.
/// `None` on overflow.
fn best_response_rows<T: Scalar>(
    pay: &FieldPayoffs<T>,
    supports: &[Vec<usize>],
    free: usize,
    fixed: Option<(usize, &[T])>,
) -> Option<Vec<Vec<T>>> {
    let mut profile: Vec<usize> = supports.iter().map(|s| s[0]).collect();
    // The fixed player's actions with their probabilities (one term, weight
    // one, without a fixed player).
    let terms: Vec<(usize, T)> = match fixed {
        Some((f, z)) => supports[f].iter().copied().zip(z.iter().copied()).collect(),
        None => vec![(usize::MAX, T::one())],
    };
    let mut rows = Vec::new();
    for p in (0..pay.shape.len()).filter(|&p| p != free && Some(p) != fixed.map(|f| f.0)) {
        let a_p = supports[p][0];
        for b in (0..pay.shape[p]).filter(|&b| b != a_p) {
            let mut row = Vec::with_capacity(supports[free].len());
            for &t in &supports[free] {
                profile[free] = t;
                let mut total = T::zero();
                for &(s, w) in &terms {
                    if let Some((f, _)) = fixed {
                        profile[f] = s;
                    }
                    profile[p] = a_p;
                    let keep = pay.at(p, &profile);
                    profile[p] = b;
                    let dev = pay.at(p, &profile);
                    profile[p] = a_p;
                    total = total.add(w.mul(keep.sub(dev)?)?)?;
                }
                row.push(total);
            }
            rows.push(row);
        }
    }
    Some(rows)
}

/// The candidates of a support profile where only player `i` mixes: the
/// vertices, interior to `i`'s support simplex, of the polytope of `σ_i`
/// against which every opponent's action is a best response. `None` on
/// overflow.
pub(crate) fn one_mixed<T: Scalar>(
    pay: &FieldPayoffs<T>,
    supports: &[Vec<usize>],
    i: usize,
) -> Option<LinearOutcome<T>> {
    let si = &supports[i];
    let k = si.len();
    let mut profile: Vec<usize> = supports.iter().map(|s| s[0]).collect();
    profile[i] = si[0];
    let first = pay.at(i, &profile);
    for &s in &si[1..] {
        profile[i] = s;
        if !pay.at(i, &profile).sub(first)?.is_zero() {
            return Some(LinearOutcome::nothing());
        }
    }
    let conditions = best_response_rows(pay, supports, i, None)?;
    let (vertices, complete) = interior_vertices(k, &[], &conditions)?;
    Some(LinearOutcome {
        points: vertices
            .iter()
            .map(|v| full_profile(&pay.shape, supports, &[(i, v)]))
            .collect(),
        degenerate: true,
        complete,
    })
}

/// The vertices, with every coordinate positive, of the polytope
/// `{σ ∈ R^k : E σ = 0, A σ >= 0, Σ σ = 1}` (`E` the `equalities` rows, `A`
/// the `inequalities` rows), and whether every one was found (`false` when
/// more than [`MAX_VERTEX_SUBSETS`] subsets of tight rows would be tried).
/// A vertex with positive coordinates is the unique solution of `E`, the sum
/// and at most `k - 1` tight rows of `A`, so every such subset is tried.
/// `None` on overflow.
fn interior_vertices<T: Scalar>(
    k: usize,
    equalities: &[Vec<T>],
    inequalities: &[Vec<T>],
) -> Option<(Vec<Vec<T>>, bool)> {
    let most = (k - 1).min(inequalities.len());
    let subsets: u128 = (0..=most).map(|r| binomial(inequalities.len(), r)).sum();
    if subsets > MAX_VERTEX_SUBSETS {
        return Some((Vec::new(), false));
    }
    let mut out: Vec<Vec<T>> = Vec::new();
    let w = k + 1;
    for size in 0..=most {
        let mut chosen: Vec<usize> = (0..size).collect();
        loop {
            let rows = equalities.len() + size + 1;
            let mut a = vec![T::zero(); rows * w];
            for (r, row) in equalities
                .iter()
                .chain(chosen.iter().map(|&c| &inequalities[c]))
                .enumerate()
            {
                a[r * w..r * w + k].copy_from_slice(row);
            }
            let last = (rows - 1) * w;
            a[last..last + k].iter_mut().for_each(|v| *v = T::one());
            a[last + k] = T::one();
            if let Solutions::Unique(z) = solve(&mut a, rows, k)? {
                let mut feasible = z.iter().all(|v| v.is_positive());
                for row in inequalities {
                    if !feasible {
                        break;
                    }
                    let mut value = T::zero();
                    for (c, &v) in row.iter().zip(&z) {
                        value = value.add(c.mul(v)?)?;
                    }
                    feasible = value.is_positive() || value.is_zero();
                }
                if feasible && !out.contains(&z) {
                    out.push(z);
                }
            }
            if size == 0 || !next_combination(&mut chosen, inequalities.len()) {
                break;
            }
        }
    }
    Some((out, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_mixing_players_solve_exactly() {
        // Matching pennies between players 1 and 2, player 3 a bystander
        // who prefers action 0 whatever happens.
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            let m = if a[0] == a[1] { 1.0 } else { -1.0 };
            vec![m, -m, if a[2] == 0 { 1.0 } else { 0.0 }]
        })
        .unwrap();
        let pay = rational_payoffs(&g).unwrap();
        let supports = vec![vec![0, 1], vec![0, 1], vec![0]];
        let out = two_mixed(&pay, &supports, 0, 1).unwrap();
        assert!(out.complete && !out.degenerate);
        let half = Rational::new(1, 2);
        assert_eq!(out.points[0][0], vec![half, half]);
        assert_eq!(
            out.points[0][2],
            vec![Rational::from_integer(1), Rational::from_integer(0)]
        );
    }

    #[test]
    fn one_mixing_player_gives_the_vertices_of_its_polytope() {
        // Player 3 is indifferent at (0, 0, .); player 1 keeps action 0 only
        // while P(player 3 plays 1) <= 1/3, player 2 anyway.
        let g = NPlayerGame::from_fn(&[2, 2, 2], |a| {
            let p1 = if a[0] == 0 {
                1.0
            } else if a[2] == 1 {
                3.0
            } else {
                0.0
            };
            vec![p1, if a[1] == 0 { 1.0 } else { 0.0 }, 5.0]
        })
        .unwrap();
        let pay = rational_payoffs(&g).unwrap();
        let out = one_mixed(&pay, &[vec![0], vec![0], vec![0, 1]], 2).unwrap();
        assert!(out.degenerate && out.complete);
        assert_eq!(out.points.len(), 1);
        assert_eq!(
            out.points[0][2],
            vec![Rational::new(2, 3), Rational::new(1, 3)]
        );
    }
}
