//! The classical fourth-order Runge-Kutta step shared by the continuous
//! replicator dynamics of this module.
//!
//! ## References
//! - E. Hairer, S. P. Nørsett and G. Wanner (1993), *Solving Ordinary
//!   Differential Equations I*, Springer, §II.1.

/// One RK4 step of length `dt` of `ẋ = f(x)` from `x` (overwritten).
pub(crate) fn rk4_step(f: impl Fn(&[f64]) -> Vec<f64>, x: &mut [f64], dt: f64) {
    let shifted = |base: &[f64], k: &[f64], h: f64| -> Vec<f64> {
        base.iter().zip(k).map(|(b, d)| b + h * d).collect()
    };
    let k1 = f(x);
    let k2 = f(&shifted(x, &k1, dt / 2.0));
    let k3 = f(&shifted(x, &k2, dt / 2.0));
    let k4 = f(&shifted(x, &k3, dt));
    for (i, v) in x.iter_mut().enumerate() {
        *v += dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
}

/// Clamps `x` at 0 and rescales it to sum to 1 (undoes the rounding that
/// moves a state off the simplex).
pub(crate) fn project(x: &mut [f64]) {
    x.iter_mut().for_each(|v| *v = v.max(0.0));
    let s: f64 = x.iter().sum();
    if s > 0.0 {
        x.iter_mut().for_each(|v| *v /= s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk4_integrates_exponential_decay_to_fourth_order() {
        // ẋ = -x from 1: x(1) = e^{-1}; RK4's error at h = 0.1 is ~1e-7.
        let mut x = [1.0];
        for _ in 0..10 {
            rk4_step(|x| vec![-x[0]], &mut x, 0.1);
        }
        assert!((x[0] - (-1f64).exp()).abs() < 1e-6);
        let mut p = [0.5, -1e-17, 0.5];
        project(&mut p);
        assert_eq!(p, [0.5, 0.0, 0.5]);
    }
}
