//! Means with Student t confidence intervals, and paired differences
//! (docs/model.md §14).
//!
//! ## References
//! - W. S. Gosset ("Student") (1908), "The probable error of a mean",
//!   *Biometrika* 6(1):1-25.
//! - W. H. Press et al. (2007), *Numerical Recipes*, 3rd ed., §6.1 (log gamma
//!   by Lanczos' series) and §6.4 (the incomplete beta function by its
//!   continued fraction, evaluated with the modified Lentz method).

use serde::{Deserialize, Serialize};

/// The confidence level of every interval the tool reports.
pub const CONFIDENCE: f64 = 0.95;

/// The mean of a sample with its standard deviation and a two-sided 95%
/// Student t confidence interval for the population mean:
/// `mean ± t(0.975, n − 1) · sd / √n`, with `sd` the sample standard
/// deviation (divisor `n − 1`). With one value the interval is that value
/// and `sd` is 0 (nothing is known of the spread).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Number of values.
    pub n: usize,
    /// Their mean.
    pub mean: f64,
    /// Their sample standard deviation (0 for one value).
    pub sd: f64,
    /// Lower end of the 95% confidence interval.
    pub low: f64,
    /// Upper end of the 95% confidence interval.
    pub high: f64,
}

impl Interval {
    /// The interval of `values` (at least one).
    ///
    /// # Panics
    /// If `values` is empty.
    pub fn of(values: &[f64]) -> Interval {
        assert!(!values.is_empty(), "an interval needs at least one value");
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Interval {
                n,
                mean,
                sd: 0.0,
                low: mean,
                high: mean,
            };
        }
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        let sd = (ss / (n - 1) as f64).sqrt();
        let half = critical_t(n - 1) * sd / (n as f64).sqrt();
        Interval {
            n,
            mean,
            sd,
            low: mean - half,
            high: mean + half,
        }
    }

    /// The interval of the paired differences `a[k] − b[k]` (the same
    /// replicate's random numbers on both sides).
    ///
    /// # Panics
    /// If the slices are empty or differ in length.
    pub fn of_differences(a: &[f64], b: &[f64]) -> Interval {
        assert_eq!(a.len(), b.len(), "paired samples differ in length");
        let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
        Interval::of(&d)
    }

    /// Whether the interval excludes `value` (a difference whose interval
    /// excludes 0 is significant at the 5% level).
    pub fn excludes(&self, value: f64) -> bool {
        value < self.low || value > self.high
    }
}

/// The two-sided critical value of the [`CONFIDENCE`] interval with `df`
/// degrees of freedom, `t(0.975, df)`: computed once per `df` on each thread
/// and remembered (a sweep's replicates ask for it once per point and
/// quantity, always with the same `df`).
fn critical_t(df: usize) -> f64 {
    thread_local! {
        static KNOWN: std::cell::RefCell<std::collections::HashMap<usize, f64>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    KNOWN.with(|known| {
        *known
            .borrow_mut()
            .entry(df)
            .or_insert_with(|| student_t_quantile(0.5 + CONFIDENCE / 2.0, df as f64))
    })
}

/// The `p` quantile of Student's t distribution with `df` degrees of
/// freedom (`0 < p < 1`, `df > 0`), by bisection on its distribution
/// function to full double precision.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    assert!(
        p > 0.0 && p < 1.0 && df > 0.0,
        "t quantile of p = {p}, df = {df}"
    );
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    if p == 0.5 {
        return 0.0;
    }
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    while student_t_cdf(hi, df) < p {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid == lo || mid == hi {
            break;
        }
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The distribution function of Student's t with `df` degrees of freedom:
/// for `t ≥ 0`, `1 − I_x(df/2, 1/2) / 2` with `x = df / (df + t²)`.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * regularized_incomplete_beta(df / (df + t * t), 0.5 * df, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The regularized incomplete beta function `I_x(a, b)` for `0 ≤ x ≤ 1`.
fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    // The continued fraction converges fast for x < (a + 1) / (a + b + 2);
    // otherwise use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_continued_fraction(1.0 - x, b, a) / b
    }
}

/// The continued fraction of the incomplete beta function, by the modified
/// Lentz method.
fn beta_continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        for aa in [
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ] {
            d = 1.0 + aa * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + aa / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// `ln Γ(x)` for `x > 0` (Lanczos' series, g = 7, nine coefficients:
/// about 15 correct digits).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = C[0];
    for (i, &c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_published_table() {
        // Two-sided 95% critical values, e.g. Fisher and Yates' table.
        for (df, t) in [
            (1.0, 12.706),
            (2.0, 4.303),
            (4.0, 2.776),
            (9.0, 2.262),
            (19.0, 2.093),
            (29.0, 2.045),
            (120.0, 1.980),
        ] {
            let q = student_t_quantile(0.975, df);
            assert!((q - t).abs() < 5e-4, "df {df}: {q} v {t}");
        }
        // Large df tends to the normal quantile 1.959964.
        assert!((student_t_quantile(0.975, 1e7) - 1.959_964).abs() < 1e-5);
        // One degree of freedom is the Cauchy distribution: tan(π (p − 1/2)).
        let cauchy = (std::f64::consts::PI * 0.4).tan();
        assert!((student_t_quantile(0.9, 1.0) - cauchy).abs() < 1e-9);
    }

    #[test]
    fn ln_gamma_matches_factorials() {
        let mut f = 1.0f64;
        for n in 1..20 {
            f *= n as f64;
            assert!((ln_gamma(n as f64 + 1.0) - f.ln()).abs() < 1e-10, "{n}");
        }
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
    }

    #[test]
    fn intervals_are_mean_plus_minus_t_times_the_standard_error() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        let i = Interval::of(&v);
        assert_eq!(i.mean, 3.0);
        assert!((i.sd - 2.5f64.sqrt()).abs() < 1e-15);
        let half = 2.776_445 * 2.5f64.sqrt() / 5f64.sqrt();
        assert!((i.high - 3.0 - half).abs() < 1e-5 && (3.0 - i.low - half).abs() < 1e-5);
        let one = Interval::of(&[0.7]);
        assert_eq!((one.low, one.mean, one.high, one.sd), (0.7, 0.7, 0.7, 0.0));
    }

    #[test]
    fn paired_differences_remove_the_shared_noise() {
        // b is a plus a constant 0.1 plus nothing else: the paired interval
        // is exactly the constant although a varies a lot.
        let a = [0.2, 0.9, 0.4, 0.7];
        let b: Vec<f64> = a.iter().map(|x| x + 0.1).collect();
        let d = Interval::of_differences(&b, &a);
        assert!((d.mean - 0.1).abs() < 1e-15 && d.sd < 1e-15);
        assert!(d.excludes(0.0));
        assert!(!Interval::of(&a).excludes(0.5));
    }
}
