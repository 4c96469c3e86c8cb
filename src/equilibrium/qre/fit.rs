//! Maximum-likelihood `λ` of observed play and its profile-likelihood
//! interval (docs/model.md §17.5).
//!
//! With counts `n_ia` of player `i` choosing action `a`, the log-likelihood
//! of the logit QRE at a point of the principal branch is
//! `ℓ = Σ n_ia ln π_ia = n · x` — linear in the tracer's log-probability
//! coordinates, so its derivative along the branch is `n · t_x`, the counts
//! against the tangent. The estimate is the maximiser of `ℓ` over the
//! principal branch (as Gambit's `logit_estimate`): the branch is traced,
//! every sign change of `n · t_x` from `+` to `−` between two traced points is
//! refined by bisection on that segment (each trial point solved on the
//! branch by Newton's method) into a local maximum, and the best of these,
//! the start (`λ = 0`) and the limit (`λ = ∞`) is the estimate. When `ℓ` is
//! the same all along the branch (matching pennies: the QRE never moves) `λ`
//! is not identified and `λ̂ = 0` is reported; when `ℓ` rises to its supremum
//! only in the limit, `λ̂ = ∞`.
//!
//! The 95% interval is the connected stretch of the branch around `λ̂` where
//! the likelihood-ratio statistic `2 (ℓ(λ̂) − ℓ)` is at most
//! [`CHI_SQUARED_95`] (the 95% quantile of χ² with one degree of freedom),
//! its ends refined by bisection; with one parameter the profile likelihood
//! is the likelihood along the branch. Its upper end is `∞` when the
//! statistic stays below the bound up to the limit.

use super::equations::System;
use super::limit::polish_limit;
use super::observations::Observations;
use super::path::{point_on_segment, trace_branch, Branch, TraceOptions, Workspace};
use super::LogitGame;
use crate::error::{Error, Result};
use serde::{Serialize, Serializer};

/// The 95% quantile of the χ² distribution with one degree of freedom.
pub const CHI_SQUARED_95: f64 = 3.841_458_820_694_124;

/// Bisection steps when refining a maximum or an interval end on a segment.
const BISECTIONS: usize = 60;

/// Log-likelihoods within this relative difference are equal to working
/// precision.
const ROUNDING: f64 = 1e-12;

/// A local maximum of the log-likelihood along the branch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LikelihoodPeak {
    /// Where it is.
    pub lambda: f64,
    /// The log-likelihood there.
    pub log_likelihood: f64,
}

/// The maximum-likelihood fit of the logit QRE to observed play.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QreFit {
    /// The maximum-likelihood `λ̂` (`∞` when the likelihood rises to its
    /// supremum only in the branch's limit; `0` when it is the same all
    /// along the branch). Infinity is written `"inf"` in JSON.
    #[serde(serialize_with = "number_or_inf")]
    pub lambda: f64,
    /// The log-likelihood at `λ̂`.
    pub log_likelihood: f64,
    /// The QRE at `λ̂` (the branch's limit when `λ̂ = ∞`), one mixed strategy
    /// per player.
    pub strategies: Vec<Vec<f64>>,
    /// The 95% profile-likelihood interval for `λ` (its upper end may be
    /// `∞`).
    #[serde(serialize_with = "interval_or_inf")]
    pub interval: [f64; 2],
    /// `false` when the likelihood is the same all along the branch, so
    /// that the data say nothing about `λ`.
    pub identified: bool,
    /// Every interior local maximum found along the branch, in order.
    pub peaks: Vec<LikelihoodPeak>,
    /// The number of observed choices.
    pub observations: f64,
}

fn number_or_inf<S: Serializer>(v: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    if v.is_infinite() {
        s.serialize_str("inf")
    } else {
        s.serialize_f64(*v)
    }
}

fn interval_or_inf<S: Serializer>(v: &[f64; 2], s: S) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    struct Bound(f64);
    impl Serialize for Bound {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            number_or_inf(&self.0, s)
        }
    }
    let mut seq = s.serialize_seq(Some(2))?;
    seq.serialize_element(&Bound(v[0]))?;
    seq.serialize_element(&Bound(v[1]))?;
    seq.end()
}

/// Where the estimate lies on the traced branch.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// At traced point `k`.
    Point(usize),
    /// Inside the segment from point `k` to `k + 1`, at a fraction of its
    /// chord.
    Inside(usize, f64),
    /// In the limit.
    Limit,
}

/// A candidate estimate.
struct Candidate {
    place: Place,
    lambda: f64,
    log_likelihood: f64,
    strategies: Vec<Vec<f64>>,
}

/// The maximum-likelihood `λ` of `observations` under `game`'s logit QRE,
/// with the QRE it implies and its 95% profile-likelihood interval (see the
/// module documentation).
///
/// # Errors
/// [`Error::Config`] when the counts do not match the game's actions; as
/// [`trace_branch`].
pub fn fit_lambda<G: LogitGame>(game: &G, observations: &Observations) -> Result<QreFit> {
    observations.check_shape(game)?;
    let branch = trace_branch(game, &TraceOptions::default())?;
    let counts = observations.flat();
    let mut sys = System::new(game)?;
    let mut ws = Workspace::new(sys.equations());
    let k = sys.equations();
    let ll = |z: &[f64]| -> f64 { counts.iter().zip(z).map(|(n, x)| n * x).sum() };
    let slope = |t: &[f64]| -> f64 { counts.iter().zip(t).map(|(n, d)| n * d).sum() };
    let total = observations.total();
    let values: Vec<f64> = (0..branch.len()).map(|j| ll(branch.point(j))).collect();
    let slopes: Vec<f64> = (0..branch.len())
        .map(|j| slope(branch.tangent(j)))
        .collect();
    let end = branch.end();
    let scale_tolerance = 1e-9
        * (0..game.players())
            .map(|i| game.payoff_range(i))
            .fold(0.0f64, f64::max)
            .max(f64::MIN_POSITIVE);
    let limit_strategies = polish_limit(game, &end.strategies.concat(), scale_tolerance)
        .map(|p| split(&branch, &p.profile))
        .unwrap_or(end.strategies);
    let limit_ll = observations.log_likelihood(&limit_strategies);
    let flat = values
        .iter()
        .chain([&limit_ll])
        .all(|v| (v - values[0]).abs() <= ROUNDING * (1.0 + values[0].abs()));
    let mut candidates = vec![Candidate {
        place: Place::Point(0),
        lambda: 0.0,
        log_likelihood: values[0],
        strategies: branch.strategies(0),
    }];
    let mut peaks = Vec::new();
    let slope_noise = 1e-9 * total;
    if !flat {
        for j in 0..branch.len() - 1 {
            if !(slopes[j] > slope_noise && slopes[j + 1] < -slope_noise) {
                continue;
            }
            // Refined on the unperturbed equations (a segment traced while a
            // bifurcation was crossed lies within 10⁻⁷ of the branch); the
            // better traced end when Newton fails there.
            let peak = refine_peak(&mut sys, &mut ws, &branch, j, &counts)
                .map(|(z, f)| Candidate {
                    place: Place::Inside(j, f),
                    lambda: z[k] / branch.scale(),
                    log_likelihood: ll(&z),
                    strategies: split_log(&branch, &z),
                })
                .unwrap_or_else(|| {
                    let best = if values[j] >= values[j + 1] { j } else { j + 1 };
                    Candidate {
                        place: Place::Point(best),
                        lambda: branch.lambda(best),
                        log_likelihood: values[best],
                        strategies: branch.strategies(best),
                    }
                });
            peaks.push(LikelihoodPeak {
                lambda: peak.lambda,
                log_likelihood: peak.log_likelihood,
            });
            candidates.push(peak);
        }
        if peaks.is_empty() {
            // No interior maximum: the best traced point stands in for a
            // plateau the slope test cannot see.
            let best_traced = (0..branch.len())
                .max_by(|&a, &b| values[a].total_cmp(&values[b]))
                .unwrap_or(0);
            candidates.push(Candidate {
                place: Place::Point(best_traced),
                lambda: branch.lambda(best_traced),
                log_likelihood: values[best_traced],
                strategies: branch.strategies(best_traced),
            });
        }
        candidates.push(Candidate {
            place: Place::Limit,
            lambda: f64::INFINITY,
            log_likelihood: limit_ll,
            strategies: limit_strategies,
        });
    }
    let best_ll = candidates
        .iter()
        .map(|c| c.log_likelihood)
        .fold(f64::NEG_INFINITY, f64::max);
    // The limit wins a tie within rounding (the likelihood saturated on the
    // way to it); otherwise the first best candidate, in order of λ.
    let tie = ROUNDING * (1.0 + best_ll.abs());
    let best = candidates
        .iter()
        .find(|c| c.place == Place::Limit && c.log_likelihood >= best_ll - tie)
        .or_else(|| candidates.iter().find(|c| c.log_likelihood == best_ll))
        .ok_or_else(|| Error::Solver {
            method: "logit QRE fit",
            message: "no point of the branch has a finite likelihood".into(),
        })?;
    let interval = if flat {
        [0.0, f64::INFINITY]
    } else {
        let bound = best.log_likelihood - CHI_SQUARED_95 / 2.0;
        profile_interval(
            &mut sys,
            &mut ws,
            &branch,
            (best.place, best.lambda),
            &values,
            bound,
            &counts,
        )
    };
    Ok(QreFit {
        lambda: best.lambda,
        log_likelihood: best.log_likelihood,
        strategies: best.strategies.clone(),
        interval,
        identified: !flat,
        peaks,
        observations: total,
    })
}

fn split(branch: &Branch, flat: &[f64]) -> Vec<Vec<f64>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for s in branch.strategies(0) {
        out.push(flat[offset..offset + s.len()].to_vec());
        offset += s.len();
    }
    out
}

fn split_log(branch: &Branch, z: &[f64]) -> Vec<Vec<f64>> {
    let probabilities: Vec<f64> = z[..z.len() - 1].iter().map(|x| x.exp()).collect();
    split(branch, &probabilities)
}

/// The local maximum of the log-likelihood on the segment from traced point
/// `j` to `j + 1`, where its slope changes sign: bisection on the chord
/// fraction, each trial point solved on the branch. Returns the point and
/// its chord fraction.
fn refine_peak<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    branch: &Branch,
    j: usize,
    counts: &[f64],
) -> Option<(Vec<f64>, f64)> {
    let (a, b) = (branch.point(j), branch.point(j + 1));
    let (mut lo, mut hi) = (0.0, 1.0);
    let mut best = None;
    for _ in 0..BISECTIONS {
        let mid = 0.5 * (lo + hi);
        let (z, t) = point_on_segment(sys, ws, a, b, mid)?;
        let slope: f64 = counts.iter().zip(&t).map(|(n, d)| n * d).sum();
        if slope > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        best = Some((z, mid));
    }
    best
}

/// The profile-likelihood interval: from the estimate, the traced points
/// are walked back and forth while the log-likelihood stays at or above
/// `bound`; the first segment that leaves it is bisected for the crossing.
/// Returns the smallest and largest `λ` of that stretch of the branch.
fn profile_interval<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    branch: &Branch,
    estimate: (Place, f64),
    values: &[f64],
    bound: f64,
    counts: &[f64],
) -> [f64; 2] {
    let last = branch.len() - 1;
    let (place, estimate_lambda) = estimate;
    // (segment, fraction) of the estimate, seen walking back and forward.
    let (back, forward) = match place {
        Place::Inside(j, f) => (Some((j, f)), Some((j, f))),
        Place::Point(_) | Place::Limit => {
            let j = j_of(place, last);
            (
                (j > 0).then(|| (j - 1, 1.0)),
                (j < last).then_some((j, 0.0)),
            )
        }
    };
    let mut lo = if place == Place::Limit {
        branch.lambda(last)
    } else {
        estimate_lambda
    };
    let mut hi = lo;
    if let Some((mut s, mut inside)) = back {
        loop {
            if values[s] < bound {
                let l = crossing(sys, ws, branch, s, (inside, 0.0), counts, bound);
                lo = lo.min(l);
                hi = hi.max(l);
                break;
            }
            lo = lo.min(branch.lambda(s));
            hi = hi.max(branch.lambda(s));
            if s == 0 {
                break;
            }
            s -= 1;
            inside = 1.0;
        }
    }
    let mut unbounded = true;
    if let Some((mut s, mut inside)) = forward {
        loop {
            if values[s + 1] < bound {
                let l = crossing(sys, ws, branch, s, (inside, 1.0), counts, bound);
                lo = lo.min(l);
                hi = hi.max(l);
                unbounded = false;
                break;
            }
            lo = lo.min(branch.lambda(s + 1));
            hi = hi.max(branch.lambda(s + 1));
            if s + 1 == last {
                break;
            }
            s += 1;
            inside = 0.0;
        }
    }
    [lo, if unbounded { f64::INFINITY } else { hi }]
}

/// The traced point a [`Place`] stands for (the last for the limit).
fn j_of(place: Place, last: usize) -> usize {
    match place {
        Place::Point(j) | Place::Inside(j, _) => j,
        Place::Limit => last,
    }
}

/// `λ` where the log-likelihood crosses `bound` on segment `s` (from traced
/// point `s` to `s + 1`) between the chord fractions `(inside, outside)`, by
/// bisection; the inside end's `λ` when Newton fails.
fn crossing<G: LogitGame>(
    sys: &mut System<'_, G>,
    ws: &mut Workspace,
    branch: &Branch,
    s: usize,
    (mut inside, mut outside): (f64, f64),
    counts: &[f64],
    bound: f64,
) -> f64 {
    let (za, zb) = (branch.point(s), branch.point(s + 1));
    let mut lambda = None;
    for _ in 0..BISECTIONS {
        let mid = 0.5 * (inside + outside);
        let Some((z, _)) = point_on_segment(sys, ws, za, zb, mid) else {
            break;
        };
        let value: f64 = counts.iter().zip(&z).map(|(n, x)| n * x).sum();
        if value >= bound {
            inside = mid;
            lambda = Some(z[z.len() - 1] / branch.scale());
        } else {
            outside = mid;
        }
    }
    lambda.unwrap_or_else(|| {
        let z: Vec<f64> = za
            .iter()
            .zip(zb)
            .map(|(a, b)| a + inside * (b - a))
            .collect();
        z[z.len() - 1] / branch.scale()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;

    /// A dominant-strategy game: the row player's probability of its
    /// dominant action is 1 / (1 + e^{-λ g}) whatever the column does, with
    /// g its payoff gain, so observed shares s give λ̂ = ln(s / (1 - s)) / g.
    #[test]
    fn dominant_strategy_estimate_is_the_log_odds() {
        let g = crate::MatrixGame::new(
            ndarray::array![[1.0, 1.0], [0.0, 0.0]],
            ndarray::array![[1.0, 0.0], [1.0, 0.0]],
        )
        .unwrap();
        let o = Observations::parse("80,20;80,20").unwrap();
        let fit = fit_lambda(&g, &o).unwrap();
        assert!((fit.lambda - 4f64.ln()).abs() < 1e-9, "{}", fit.lambda);
        assert!((fit.strategies[0][0] - 0.8).abs() < 1e-9);
        assert!(fit.interval[0] < fit.lambda && fit.lambda < fit.interval[1]);
        assert!(fit.identified);
        assert_eq!(fit.peaks.len(), 1);
    }

    #[test]
    fn matching_pennies_does_not_identify_lambda() {
        let g = catalogue::by_name("matching_pennies", &[]).unwrap();
        let fit = fit_lambda(&g, &Observations::parse("60,40;30,70").unwrap()).unwrap();
        assert_eq!(fit.lambda, 0.0);
        assert!(!fit.identified);
        assert_eq!(fit.interval, [0.0, f64::INFINITY]);
        let json = serde_json::to_string(&fit).unwrap();
        assert!(json.contains("\"interval\":[0.0,\"inf\"]"), "{json}");
    }

    #[test]
    fn play_of_the_limit_alone_gives_an_infinite_estimate() {
        let g = catalogue::prisoners_dilemma_default();
        let fit = fit_lambda(&g, &Observations::parse("0,10;0,10").unwrap()).unwrap();
        assert_eq!(fit.lambda, f64::INFINITY);
        assert!(fit.log_likelihood.abs() < 1e-12);
        assert_eq!(fit.interval[1], f64::INFINITY);
        assert!(fit.interval[0] > 0.0);
        assert!(fit.strategies[0][0] == 0.0 && (fit.strategies[0][1] - 1.0).abs() < 1e-15);
    }
}
