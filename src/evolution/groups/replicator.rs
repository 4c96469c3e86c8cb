//! The n-player replicator dynamics of an infinite population whose groups
//! are drawn multinomially from the shares (docs/model.md §20.8).

use super::payoffs::{binomial, GroupPayoffs};
use crate::error::{Error, Result};
use crate::learning::ode::{project, rk4_step};
use crate::learning::{Population, Trajectory};

/// `f_i(x)`: every strategy's expected payoff when its n - 1 co-players are
/// drawn independently from the shares `x`,
/// `Σ_{k'} (n-1)! / Π_j k'_j! Π_j x_j^{k'_j} Π_i(k' + e_i)`.
pub fn group_fitness(p: &GroupPayoffs, x: &[f64]) -> Vec<f64> {
    let (m, n) = (p.strategies(), p.group_size());
    let mut f = vec![0.0; m];
    for (c, k) in p.compositions().iter().enumerate() {
        let row = p.row(c);
        for i in (0..m).filter(|&i| k[i] > 0) {
            // The multinomial weight of the others k - e_i, as a product of
            // binomials: choose each strategy's seats among those left.
            let mut left = n - 1;
            let mut w = 1.0;
            for j in 0..m {
                let kj = k[j] - usize::from(j == i);
                w *= binomial(left, kj) * x[j].powi(kj as i32);
                left -= kj;
            }
            f[i] += w * row[i];
        }
    }
    f
}

/// The velocity `ẋ_i = x_i (f_i(x) - Σ_j x_j f_j(x))`.
pub fn group_replicator_velocity(p: &GroupPayoffs, x: &[f64]) -> Vec<f64> {
    let f = group_fitness(p, x);
    let mean: f64 = x.iter().zip(&f).map(|(a, b)| a * b).sum();
    x.iter().zip(&f).map(|(xi, fi)| xi * (fi - mean)).collect()
}

/// Integrates the dynamics from `start` with `steps` RK4 steps of length
/// `dt`, projecting onto the simplex after each, recording every
/// `record_every` steps (and the last).
///
/// # Errors
/// [`Error::InvalidParameter`] when `start` is not a distribution over the
/// strategies, `dt` is not positive or `record_every` is 0.
pub fn group_replicator(
    p: &GroupPayoffs,
    start: &[f64],
    dt: f64,
    steps: usize,
    record_every: usize,
) -> Result<Trajectory> {
    let m = p.strategies();
    let total: f64 = start.iter().sum();
    if start.len() != m
        || start.iter().any(|x| !x.is_finite() || *x < 0.0)
        || (total - 1.0).abs() > 1e-9
    {
        return Err(Error::invalid_parameter(
            "start",
            total,
            format!("{m} non-negative shares summing to 1"),
        ));
    }
    if !(dt.is_finite() && dt > 0.0) {
        return Err(Error::invalid_parameter("dt", dt, "a positive step"));
    }
    if record_every == 0 {
        return Err(Error::invalid_parameter(
            "record_every",
            0.0,
            "at least 1 step",
        ));
    }
    let population = Population {
        name: "Population".into(),
        key: "share".into(),
        actions: p.names().to_vec(),
    };
    let mut t = Trajectory::new("n-player replicator", "time", vec![population]);
    let mut x = start.to_vec();
    t.push(0.0, x.clone());
    for k in 1..=steps {
        rk4_step(|y| group_replicator_velocity(p, y), &mut x, dt);
        project(&mut x);
        if k % record_every == 0 || k == steps {
            t.push(k as f64 * dt, x.clone());
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evolution::{replicator_trajectory, replicator_velocity};
    use crate::game::NPlayerGame;
    use crate::game::{catalogue, nplayer_catalogue};

    #[test]
    fn two_players_are_the_two_player_replicator() {
        let g = catalogue::hawk_dove(2.0, 4.0).unwrap();
        let p = GroupPayoffs::from_stage(&NPlayerGame::from_matrix_game(&g)).unwrap();
        for x in [0.1, 0.37, 0.8] {
            let v = group_replicator_velocity(&p, &[x, 1.0 - x]);
            let w = replicator_velocity(g.row_payoffs(), &[x, 1.0 - x]);
            for (a, b) in v.iter().zip(&w) {
                assert!((a - b).abs() < 1e-15, "{v:?} {w:?}");
            }
        }
        let mine = group_replicator(&p, &[0.9, 0.1], 0.05, 400, 1).unwrap();
        let theirs = replicator_trajectory(&g, &[0.9, 0.1], 0.05, 400).unwrap();
        for (a, b) in mine.states.iter().zip(&theirs.states) {
            assert!((a[0] - b[0]).abs() < 1e-12, "{a:?} {b:?}");
        }
    }

    #[test]
    fn linear_public_goods_is_logistic() {
        // n = 5, r = 3, c = 1: f_C - f_D = r/n - 1 = -0.4 everywhere, so
        // x(t) = x0 / (x0 + (1 - x0) e^{0.4 t}).
        let g = nplayer_catalogue::by_name("public_goods", &[("n".into(), 5.0), ("r".into(), 3.0)])
            .unwrap();
        let p = GroupPayoffs::from_stage(&g).unwrap();
        for x in [0.2, 0.5, 0.9] {
            let f = group_fitness(&p, &[x, 1.0 - x]);
            assert!((f[0] - f[1] + 0.4).abs() < 1e-12, "{f:?}");
            // Π_D averaged over Binomial(4, x) contributors: 3 · 4x / 5.
            assert!((f[1] - 3.0 * 4.0 * x / 5.0).abs() < 1e-12);
        }
        let t = group_replicator(&p, &[0.7, 0.3], 0.01, 1000, 10).unwrap();
        assert_eq!(t.len(), 101);
        for (time, s) in t.times.iter().zip(&t.states) {
            let exact = 0.7 / (0.7 + 0.3 * (0.4 * time).exp());
            assert!((s[0] - exact).abs() < 1e-9, "t {time}: {} vs {exact}", s[0]);
        }
        assert!(group_replicator(&p, &[0.5, 0.6], 0.1, 1, 1).is_err());
        assert!(group_replicator(&p, &[0.5, 0.5], 0.0, 1, 1).is_err());
        assert!(group_replicator(&p, &[0.5, 0.5], 0.1, 1, 0).is_err());
    }
}
