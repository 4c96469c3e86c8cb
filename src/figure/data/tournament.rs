//! The data of the tournament figures, computed from a result set.

use crate::tournament::TournamentResults;
use serde::{Deserialize, Serialize};

/// Tukey box-plot statistics of a sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxStats {
    /// Lower quartile (linear interpolation between order statistics).
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Upper quartile.
    pub q3: f64,
    /// The smallest value within 1.5 IQR below the lower quartile.
    pub lower_whisker: f64,
    /// The largest value within 1.5 IQR above the upper quartile.
    pub upper_whisker: f64,
    /// Values beyond the whiskers.
    pub outliers: Vec<f64>,
    /// Sample size (NaN values dropped).
    pub n: usize,
}

/// The `p`-quantile of sorted values, interpolating linearly between order
/// statistics (Hyndman and Fan's type 7, the default of R and NumPy).
fn quantile_sorted(v: &[f64], p: f64) -> f64 {
    let h = (v.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

/// Box-plot statistics of `values` (NaN dropped); `None` when nothing is left.
pub fn box_stats(values: &[f64]) -> Option<BoxStats> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let q1 = quantile_sorted(&v, 0.25);
    let median = quantile_sorted(&v, 0.5);
    let q3 = quantile_sorted(&v, 0.75);
    let iqr = q3 - q1;
    let (lo_fence, hi_fence) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
    let inside: Vec<f64> = v
        .iter()
        .copied()
        .filter(|x| *x >= lo_fence && *x <= hi_fence)
        .collect();
    Some(BoxStats {
        q1,
        median,
        q3,
        lower_whisker: inside.first().copied().unwrap_or(q1).min(q1),
        upper_whisker: inside.last().copied().unwrap_or(q3).max(q3),
        outliers: v
            .iter()
            .copied()
            .filter(|x| *x < lo_fence || *x > hi_fence)
            .collect(),
        n: v.len(),
    })
}

/// One strategy's box in the score-distribution figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedBox {
    /// The strategy.
    pub name: String,
    /// Its statistics.
    pub stats: BoxStats,
    /// The values themselves, sorted (NaN dropped): drawn as points when
    /// there are too few for a box.
    #[serde(default)]
    pub values: Vec<f64>,
}

/// Each player's mean per-turn payoff over the repetitions, as box-plot
/// statistics, best-ranked first.
pub fn score_distribution(results: &TournamentResults) -> Vec<NamedBox> {
    let s = &results.statistics;
    score_boxes(&results.players, &s.ranking, &s.normalised_scores)
}

/// Box-plot statistics of each player's scores over the repetitions
/// (`scores[player]`), in `ranking` order.
pub fn score_boxes(players: &[String], ranking: &[usize], scores: &[Vec<f64>]) -> Vec<NamedBox> {
    ranking
        .iter()
        .filter_map(|&i| {
            box_stats(&scores[i]).map(|stats| {
                let mut values: Vec<f64> =
                    scores[i].iter().copied().filter(|x| !x.is_nan()).collect();
                values.sort_by(f64::total_cmp);
                NamedBox {
                    name: players[i].clone(),
                    stats,
                    values,
                }
            })
        })
        .collect()
}

/// A labelled matrix of values for a heat map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatGrid {
    /// Row labels, top to bottom.
    pub rows: Vec<String>,
    /// Column labels, left to right.
    pub columns: Vec<String>,
    /// `values[r][c]`.
    pub values: Vec<Vec<f64>>,
    /// The colour scale's range (smallest and largest finite value).
    pub range: (f64, f64),
}

/// The finite minimum and maximum of a matrix ((0, 1) if none).
pub fn finite_range(values: &[Vec<f64>]) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for x in values.iter().flatten().filter(|x| x.is_finite()) {
        lo = lo.min(*x);
        hi = hi.max(*x);
    }
    if lo > hi {
        (0.0, 1.0)
    } else {
        (lo, hi)
    }
}

/// The mean per-turn payoff of each row player against each column player,
/// both in ranking order.
pub fn payoff_heat_map(results: &TournamentResults) -> HeatGrid {
    let s = &results.statistics;
    ranked_heat_grid(&results.players, &s.ranking, &s.payoff_matrix)
}

/// A square matrix over players (`matrix[i][j]`) with rows and columns in
/// `ranking` order.
pub fn ranked_heat_grid(players: &[String], ranking: &[usize], matrix: &[Vec<f64>]) -> HeatGrid {
    let names: Vec<String> = ranking.iter().map(|&i| players[i].clone()).collect();
    let values: Vec<Vec<f64>> = ranking
        .iter()
        .map(|&i| ranking.iter().map(|&j| matrix[i][j]).collect())
        .collect();
    HeatGrid {
        range: finite_range(&values),
        rows: names.clone(),
        columns: names,
        values,
    }
}

/// A bar with a range (for example the mean and the extremes over repetitions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RangeBar {
    /// The category.
    pub name: String,
    /// The bar's length.
    pub value: f64,
    /// The range's low end.
    pub low: f64,
    /// The range's high end.
    pub high: f64,
}

/// Matches won per repetition: the mean and the range over repetitions, in
/// ranking order.
pub fn wins(results: &TournamentResults) -> Vec<RangeBar> {
    let s = &results.statistics;
    s.ranking
        .iter()
        .map(|&i| {
            let w = &s.wins[i];
            let n = w.len().max(1) as f64;
            RangeBar {
                name: results.players[i].clone(),
                value: w.iter().sum::<u64>() as f64 / n,
                low: w.iter().copied().min().unwrap_or(0) as f64,
                high: w.iter().copied().max().unwrap_or(0) as f64,
            }
        })
        .collect()
}

/// A labelled point of a scatter plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScatterPoint {
    /// The strategy.
    pub name: String,
    /// Its rank, 1 = best.
    pub rank: usize,
    /// Horizontal value.
    pub x: f64,
    /// Vertical value.
    pub y: f64,
}

/// Each player's cooperation rating (x) and median score (y), best first.
pub fn cooperation_vs_score(results: &TournamentResults) -> Vec<ScatterPoint> {
    results
        .statistics
        .summary
        .iter()
        .map(|row| ScatterPoint {
            name: row.name.clone(),
            rank: row.rank + 1,
            x: row.cooperation_rating,
            y: row.median_score,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::Registry;
    use crate::tournament::{PlayerSpec, Tournament, TournamentConfig};
    use approx::assert_abs_diff_eq;

    /// Cooperator, Defector and Tit For Tat, 10 turns, 2 repetitions of the
    /// default prisoner's dilemma (3, 0, 5, 1). Per turn: C v D 0 / 5,
    /// TFT v D 0.9 / 1.4, C v TFT 3 / 3. Mean over opponents: Defector
    /// (5 + 1.4) / 2 = 3.2, TFT (3 + 0.9) / 2 = 1.95, Cooperator 1.5.
    fn small() -> TournamentResults {
        let config = TournamentConfig {
            players: ["Cooperator", "Defector", "Tit For Tat"]
                .iter()
                .map(|s| PlayerSpec::Name(s.to_string()))
                .collect(),
            turns: 10,
            repetitions: 2,
            ..TournamentConfig::default()
        };
        Tournament::new(config, &Registry::builtin())
            .unwrap()
            .run(&mut |_| {}, None)
            .unwrap()
    }

    #[test]
    fn tournament_data_by_hand() {
        let r = small();
        let boxes = score_distribution(&r);
        let names: Vec<&str> = boxes.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, vec!["Defector", "Tit For Tat", "Cooperator"]);
        assert_abs_diff_eq!(boxes[0].stats.median, 3.2, epsilon = 1e-12);
        assert_abs_diff_eq!(boxes[1].stats.median, 1.95, epsilon = 1e-12);
        assert_eq!(boxes[2].stats.n, 2);

        let grid = payoff_heat_map(&r);
        assert_eq!(grid.rows, grid.columns);
        // Defector (row 0) v Cooperator (column 2): 5; TFT v Defector: 0.9.
        assert_abs_diff_eq!(grid.values[0][2], 5.0, epsilon = 1e-12);
        assert_abs_diff_eq!(grid.values[1][0], 0.9, epsilon = 1e-12);
        assert_eq!(grid.range, (0.0, 5.0));

        let w = wins(&r);
        assert_eq!(w[0].name, "Defector");
        assert_eq!((w[0].value, w[0].low, w[0].high), (2.0, 2.0, 2.0));
        assert_eq!(w[2].value, 0.0);

        let pts = cooperation_vs_score(&r);
        assert_eq!(pts[1].name, "Tit For Tat");
        assert_eq!(pts[1].rank, 2);
        // TFT cooperates 10 of 10 turns against Cooperator, 1 of 10 against Defector.
        assert_abs_diff_eq!(pts[1].x, 0.55, epsilon = 1e-12);
        assert_abs_diff_eq!(pts[1].y, 1.95, epsilon = 1e-12);
    }

    #[test]
    fn box_stats_by_hand() {
        // Sorted 1..=8 and 30: q1 = 3, median = 5, q3 = 7 (type 7), IQR 4,
        // fences -3 and 13: 30 is an outlier, whiskers 1 and 8.
        let b = box_stats(&[5.0, 1.0, 30.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0]).unwrap();
        assert_eq!((b.q1, b.median, b.q3), (3.0, 5.0, 7.0));
        assert_eq!((b.lower_whisker, b.upper_whisker), (1.0, 8.0));
        assert_eq!(b.outliers, vec![30.0]);
        assert_eq!(b.n, 9);
        // Two values: quartiles interpolate.
        let b = box_stats(&[2.0, 4.0, f64::NAN]).unwrap();
        assert_eq!((b.q1, b.median, b.q3), (2.5, 3.0, 3.5));
        assert_eq!((b.lower_whisker, b.upper_whisker), (2.0, 4.0));
        assert!(b.outliers.is_empty());
        assert!(box_stats(&[f64::NAN]).is_none());
    }

    #[test]
    fn range_of_matrix() {
        assert_eq!(
            finite_range(&[vec![1.0, f64::NAN], vec![-2.0, 3.0]]),
            (-2.0, 3.0)
        );
        assert_eq!(finite_range(&[vec![f64::NAN]]), (0.0, 1.0));
    }
}

/// One player's shares of R, A and H in a three-action tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostureBar {
    /// The strategy.
    pub name: String,
    /// Shares of its moves that were R, A and H.
    pub shares: [f64; 3],
}

/// Each player's posture shares, in ranking order.
pub fn posture_shares(results: &crate::posture::PostureResults) -> Vec<PostureBar> {
    let s = &results.statistics;
    s.summary
        .iter()
        .map(|row| PostureBar {
            name: row.name.clone(),
            shares: row.posture_rates,
        })
        .collect()
}
