//! The data of the evolution figures: stacked population shares, Moran
//! fixation curves and replicator phase portraits.

use crate::error::{Error, Result};
use crate::evolution::rest_points::symmetric_payoffs;
use crate::evolution::{
    fixation_probability, replicator_trajectory, replicator_velocity, three_strategy_rest_points,
    two_strategy_rest_points, two_strategy_velocity, MoranReport, MoranSimulation, RestPoint,
};
use crate::game::MatrixGame;
use serde::{Deserialize, Serialize};

/// One band of a stacked-area chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareSeries {
    /// The strategy (or `"Other (k)"` for the strategies lumped together).
    pub name: String,
    /// Its share in each generation.
    pub shares: Vec<f64>,
    /// Whether this band lumps several small strategies together.
    pub other: bool,
}

/// Population shares over generations, ready to stack (first series at the bottom).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackedShares {
    /// Generation numbers.
    pub generations: Vec<f64>,
    /// The bands, bottom to top; the lumped band, if any, last.
    pub series: Vec<ShareSeries>,
}

/// Stacks `shares[g][i]` (generation g, strategy i named `names[i]`): the
/// `max_series` strategies with the largest peak share get their own band,
/// ordered by final share (largest at the bottom); the rest are summed into
/// one "Other (k)" band on top.
pub fn stacked_shares(
    names: &[String],
    shares: &[Vec<f64>],
    max_series: usize,
) -> Result<StackedShares> {
    let n = names.len();
    if let Some((g, row)) = shares.iter().enumerate().find(|(_, r)| r.len() != n) {
        return Err(Error::invalid_parameter(
            &format!("shares of generation {g}"),
            row.len() as f64,
            format!("one share per strategy ({n})"),
        ));
    }
    let peak = |i: usize| shares.iter().map(|r| r[i]).fold(0.0, f64::max);
    let last = |i: usize| shares.last().map_or(0.0, |r| r[i]);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| peak(b).total_cmp(&peak(a)).then(a.cmp(&b)));
    // One band for a single leftover strategy is clearer than "Other (1)".
    let keep = if n <= max_series + 1 { n } else { max_series };
    let mut kept: Vec<usize> = order[..keep].to_vec();
    kept.sort_by(|&a, &b| last(b).total_cmp(&last(a)).then(a.cmp(&b)));
    let mut series: Vec<ShareSeries> = kept
        .iter()
        .map(|&i| ShareSeries {
            name: names[i].clone(),
            shares: shares.iter().map(|r| r[i]).collect(),
            other: false,
        })
        .collect();
    let rest = &order[keep..];
    if !rest.is_empty() {
        series.push(ShareSeries {
            name: format!("Other ({})", rest.len()),
            shares: shares
                .iter()
                .map(|r| rest.iter().map(|&i| r[i]).sum())
                .collect(),
            other: true,
        });
    }
    Ok(StackedShares {
        generations: (0..shares.len()).map(|g| g as f64).collect(),
        series,
    })
}

/// A simulated fixation probability with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SimulatedFixation {
    /// Population size.
    pub population: usize,
    /// Share of runs in which the mutant fixed.
    pub probability: f64,
    /// Its standard error.
    pub standard_error: f64,
    /// Whether each step played the two players' matches (rather than
    /// using the tournament's mean payoffs).
    #[serde(default)]
    pub matches_played: bool,
}

/// Fixation probability of a mutant against population size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoranCurve {
    /// The mutant strategy.
    pub mutant: String,
    /// The resident strategy.
    pub resident: String,
    /// Initial mutants.
    pub mutants: usize,
    /// Population sizes of the exact curve.
    pub populations: Vec<usize>,
    /// The exact fixation probability at each size.
    pub exact: Vec<f64>,
    /// The neutral fixation probability, mutants / N, at each size.
    pub neutral: Vec<f64>,
    /// Simulated points.
    pub simulated: Vec<SimulatedFixation>,
}

/// The exact fixation probability of `mutants` mutants for every population
/// size in `populations` (sizes not above `mutants` skipped), from the
/// interaction payoffs `[a, b, c, d]` (mutant v mutant, mutant v resident,
/// resident v mutant, resident v resident).
pub fn moran_curve(
    mutant: &str,
    resident: &str,
    payoffs: [f64; 4],
    mutants: usize,
    populations: impl IntoIterator<Item = usize>,
    simulated: Vec<SimulatedFixation>,
) -> Result<MoranCurve> {
    let mut sizes = Vec::new();
    let mut exact = Vec::new();
    for n in populations.into_iter().filter(|&n| n > mutants) {
        exact.push(fixation_probability(payoffs, n, mutants)?);
        sizes.push(n);
    }
    Ok(MoranCurve {
        mutant: mutant.to_string(),
        resident: resident.to_string(),
        mutants,
        neutral: sizes.iter().map(|&n| mutants as f64 / n as f64).collect(),
        populations: sizes,
        exact,
        simulated,
    })
}

/// The number of individuals of each type at every step of a Moran
/// report's run 0 (mutant at the bottom), as Axelrod-Python's
/// `MoranProcess.populations_plot` stacks them; `None` when the report has
/// no recorded run.
pub fn moran_populations(report: &MoranReport) -> Option<StackedShares> {
    if report.populations.is_empty() {
        return None;
    }
    let n = report.population as f64;
    let mutants: Vec<f64> = report.populations.iter().map(|&c| c as f64).collect();
    Some(StackedShares {
        generations: (0..mutants.len()).map(|t| t as f64).collect(),
        series: vec![
            ShareSeries {
                name: report.mutant.clone(),
                shares: mutants.clone(),
                other: false,
            },
            ShareSeries {
                name: report.resident.clone(),
                shares: mutants.iter().map(|m| n - m).collect(),
                other: false,
            },
        ],
    })
}

/// The fixation curves of Moran reports: for each invasion, the exact
/// fixation probability over population sizes 2 to max(2N, 20) with the
/// simulated point of every report of it (reports of one invasion, e.g.
/// simulated on mean payoffs and with matches played, share one curve).
pub fn moran_curves(reports: &[MoranReport]) -> Result<Vec<MoranCurve>> {
    let mut curves: Vec<MoranCurve> = Vec::with_capacity(reports.len());
    // Only the plain process has the birth-death curve.
    for r in reports.iter().filter(|r| r.is_plain()) {
        let Some(est) = r.simulated else { continue };
        let simulated = vec![SimulatedFixation {
            population: r.population,
            probability: est.probability,
            standard_error: est.standard_error,
            matches_played: r.simulation != MoranSimulation::MeanPayoffs,
        }];
        let curve = moran_curve(
            &r.mutant,
            &r.resident,
            r.match_payoffs,
            r.mutants,
            2..=(2 * r.population).max(20),
            simulated,
        )?;
        let same = |c: &MoranCurve| {
            c.mutant == curve.mutant
                && c.resident == curve.resident
                && c.mutants == curve.mutants
                && c.populations == curve.populations
                && c.exact == curve.exact
        };
        match curves.iter_mut().find(|c| same(c)) {
            Some(existing) => existing.simulated.extend(curve.simulated),
            None => curves.push(curve),
        }
    }
    Ok(curves)
}

/// The replicator flow of a symmetric two-strategy game on x = share of the
/// first strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseLine {
    /// The two strategies.
    pub names: [String; 2],
    /// Sample points x in \[0, 1\].
    pub x: Vec<f64>,
    /// dx/dt at each.
    pub velocity: Vec<f64>,
    /// Rest points, by increasing x.
    pub rest_points: Vec<RestPoint>,
}

/// The phase line of a symmetric 2x2 game: the velocity
/// ([`two_strategy_velocity`]) at `samples` evenly spaced shares of the
/// first strategy, and the rest points with their stability
/// ([`two_strategy_rest_points`]).
pub fn phase_line(game: &MatrixGame, samples: usize) -> Result<PhaseLine> {
    let rest_points = two_strategy_rest_points(game)?;
    let a = game.row_payoffs();
    let samples = samples.max(2);
    let x: Vec<f64> = (0..samples)
        .map(|k| k as f64 / (samples - 1) as f64)
        .collect();
    let velocity = x.iter().map(|&x| two_strategy_velocity(a, x)).collect();
    let names = [game.row_actions()[0].clone(), game.row_actions()[1].clone()];
    Ok(PhaseLine {
        names,
        x,
        velocity,
        rest_points,
    })
}

/// A direction of the flow at a point of the simplex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowArrow {
    /// The point (shares).
    pub at: [f64; 3],
    /// The velocity there.
    pub velocity: [f64; 3],
}

/// The replicator dynamics of a symmetric 3x3 game on the simplex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimplexPortrait {
    /// The three strategies (vertices: bottom left, bottom right, top).
    pub names: [String; 3],
    /// Trajectories from a fixed set of starting points.
    pub trajectories: Vec<Vec<[f64; 3]>>,
    /// The flow on a triangular grid of interior points.
    pub field: Vec<FlowArrow>,
    /// Rest points: vertices, edge points and the interior point, if any.
    pub rest_points: Vec<RestPoint>,
}

/// The simplex portrait of a symmetric 3x3 game: trajectories (RK4, step
/// `dt`, `steps` steps) from points near the edges and the centre, the flow
/// ([`replicator_velocity`]) on a triangular grid of `grid` rows, and the
/// rest points ([`three_strategy_rest_points`]).
pub fn simplex_portrait(
    game: &MatrixGame,
    grid: usize,
    dt: f64,
    steps: usize,
) -> Result<SimplexPortrait> {
    let a = symmetric_payoffs(game, 3, "a replicator simplex portrait")?;
    let rest_points = three_strategy_rest_points(game)?;
    let starts: Vec<[f64; 3]> = vec![
        [0.8, 0.1, 0.1],
        [0.1, 0.8, 0.1],
        [0.1, 0.1, 0.8],
        [0.45, 0.45, 0.1],
        [0.45, 0.1, 0.45],
        [0.1, 0.45, 0.45],
        [0.25, 0.35, 0.4],
    ];
    let mut trajectories = Vec::with_capacity(starts.len());
    for s in &starts {
        let t = replicator_trajectory(game, s, dt, steps)?;
        trajectories.push(t.states.iter().map(|x| [x[0], x[1], x[2]]).collect());
    }
    let grid = grid.max(2);
    let mut field = Vec::new();
    for i in 1..grid {
        for j in 1..grid - i {
            let k = grid - i - j;
            if k == 0 {
                continue;
            }
            let x = [
                i as f64 / grid as f64,
                j as f64 / grid as f64,
                k as f64 / grid as f64,
            ];
            let v = replicator_velocity(&a, &x);
            field.push(FlowArrow {
                at: x,
                velocity: [v[0], v[1], v[2]],
            });
        }
    }
    let r = game.row_actions();
    Ok(SimplexPortrait {
        names: [r[0].clone(), r[1].clone(), r[2].clone()],
        trajectories,
        field,
        rest_points,
    })
}

/// Cartesian coordinates of a simplex point in a unit-side triangle with
/// strategy 1 at (0, 0), strategy 2 at (1, 0) and strategy 3 at the top.
pub fn simplex_xy(x: &[f64; 3]) -> (f64, f64) {
    let s = x[0] + x[1] + x[2];
    let (b, c) = (x[1] / s, x[2] / s);
    (b + c / 2.0, c * 3f64.sqrt() / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use approx::assert_abs_diff_eq;

    #[test]
    fn stacked_shares_lumps_small_strategies() {
        let names: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let shares = vec![vec![0.25, 0.25, 0.25, 0.25], vec![0.1, 0.6, 0.2, 0.1]];
        let s = stacked_shares(&names, &shares, 2).unwrap();
        // Peaks: b 0.6, a/c/d 0.25 -> keep b and a (first by index); b ends larger.
        assert_eq!(s.series.len(), 3);
        assert_eq!(s.series[0].name, "b");
        assert_eq!(s.series[1].name, "a");
        assert_eq!(s.series[2].name, "Other (2)");
        assert!(s.series[2].other);
        assert_abs_diff_eq!(s.series[2].shares[1], 0.3, epsilon = 1e-12);
        assert_eq!(s.generations, vec![0.0, 1.0]);
        // Three of four kept: no "Other (1)".
        assert_eq!(stacked_shares(&names, &shares, 3).unwrap().series.len(), 4);
        assert!(stacked_shares(&names, &[vec![1.0]], 2).is_err());
    }

    #[test]
    fn moran_curve_neutral_case() {
        // Equal payoffs: fixation = neutral = 1/N.
        let c = moran_curve("m", "r", [1.0; 4], 1, 1..=5, vec![]).unwrap();
        assert_eq!(c.populations, vec![2, 3, 4, 5]);
        for (e, n) in c.exact.iter().zip(&c.neutral) {
            assert_abs_diff_eq!(*e, *n, epsilon = 1e-12);
        }
        assert_abs_diff_eq!(c.neutral[2], 0.25, epsilon = 1e-12);
    }

    #[test]
    fn moran_curves_merge_the_reports_of_one_invasion() {
        use crate::evolution::{MoranEstimate, MoranSimulation};
        let report = |mutant: &str, probability: f64| MoranReport {
            mutant: mutant.into(),
            resident: "Defector".into(),
            population: 10,
            mutants: 1,
            match_payoffs: [600.0, 199.0, 204.0, 200.0],
            exact_fixation_probability: Some(0.3),
            simulated: Some(MoranEstimate {
                probability,
                standard_error: 0.01,
                runs: 100,
                unfinished: 0,
            }),
            simulation: MoranSimulation::MeanPayoffs,
            neutral_fixation_probability: 0.1,
            mode: Default::default(),
            mutation_rate: 0.0,
            interaction_graph: None,
            reproduction_graph: None,
            outcome_samples: None,
            composition: None,
            populations: Vec::new(),
        };
        let c = moran_curves(&[report("TFT", 0.3)]).unwrap();
        assert_eq!(c[0].populations.first(), Some(&2));
        assert_eq!(c[0].populations.last(), Some(&20));
        assert_eq!(c[0].simulated[0].population, 10);
        // Two reports of one invasion share a curve; another invasion has its own.
        let merged = moran_curves(&[report("TFT", 0.3), report("TFT", 0.4)]).unwrap();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].simulated.len(), 2);
        assert_eq!(
            moran_curves(&[report("TFT", 0.3), report("WSLS", 0.3)])
                .unwrap()
                .len(),
            2
        );
        // A variant (here death-birth with a recorded run) has no curve but
        // a stack of counts that adds up to the population at every step.
        let variant = MoranReport {
            mode: crate::evolution::MoranMode::DeathBirth,
            populations: vec![1, 2, 3],
            ..report("TFT", 0.3)
        };
        assert_eq!(
            moran_curves(std::slice::from_ref(&variant)).unwrap().len(),
            0
        );
        let stack = moran_populations(&variant).unwrap();
        assert_eq!(stack.generations, [0.0, 1.0, 2.0]);
        assert_eq!(stack.series[0].shares, [1.0, 2.0, 3.0]);
        assert_eq!(stack.series[1].shares, [9.0, 8.0, 7.0]);
        assert!(moran_populations(&report("TFT", 0.3)).is_none());
    }

    #[test]
    fn the_phase_line_samples_the_flow_and_carries_the_rest_points() {
        // Stag hunt R=4, S=0, T=3, P=2: at x = 0.5 the flow is
        // 0.25 * (0.5 * 1 + 0.5 * -2) = -0.125.
        let g = catalogue::stag_hunt(4.0, 0.0, 3.0, 2.0).unwrap();
        let p = phase_line(&g, 11).unwrap();
        assert_eq!(p.x.len(), 11);
        assert_abs_diff_eq!(p.velocity[5], -0.125, epsilon = 1e-12);
        assert_eq!(p.rest_points, two_strategy_rest_points(&g).unwrap());
        assert_eq!(p.names, ["C", "D"]);
        assert!(phase_line(&catalogue::rock_paper_scissors(), 5).is_err());
    }

    #[test]
    fn rock_paper_scissors_simplex() {
        let g = catalogue::rock_paper_scissors();
        let s = simplex_portrait(&g, 6, 0.05, 20).unwrap();
        assert_eq!(s.rest_points, three_strategy_rest_points(&g).unwrap());
        // Grid of 6 rows: interior points i + j + k = 6, all >= 1: 10 of them.
        assert_eq!(s.field.len(), 10);
        // The flow at (1/6, 1/6, 4/6): x_i ((A x)_i - 0) for zero-sum RPS.
        let f = &s.field[0];
        let a = g.row_payoffs();
        for i in 0..3 {
            let fitness: f64 = (0..3).map(|j| a[[i, j]] * f.at[j]).sum();
            assert_abs_diff_eq!(f.velocity[i], f.at[i] * fitness, epsilon = 1e-15);
        }
        assert_eq!(s.trajectories.len(), 7);
        assert_eq!(s.trajectories[0].len(), 21);
        let (x, y) = simplex_xy(&[0.0, 0.0, 1.0]);
        assert_abs_diff_eq!(x, 0.5);
        assert_abs_diff_eq!(y, 3f64.sqrt() / 2.0);
        assert!(simplex_portrait(&catalogue::prisoners_dilemma_default(), 6, 0.05, 2).is_err());
    }
}
