//! Figures of replicated tournaments: one row per player or entry, each
//! series a mark at its mean with a bar over its 95% interval.
//!
//! - the published table against the reproduced scores (the claim of a
//!   reproduction: [`comparison_figure`]);
//! - each player's cooperation toward its own group and across the group
//!   line (a security community: [`group_figure`]).

use super::draw::svg_document;
use super::output::Figure;
use super::style::{self, pt, DOUBLE_COLUMN_IN, THIN};
use super::tournament::{category_height, category_rows};
use crate::compare::ReplicatedComparison;
use crate::error::Result;
use crate::replicates::{Interval, TournamentReplicates, GROUP_QUANTITIES};
use plotters::style::{RGBColor, BLACK};

/// How a series is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DotSeries {
    /// A filled disc (`true`) or an open ring.
    pub filled: bool,
    /// Its colour.
    pub colour: RGBColor,
}

/// A mark: a mean and its interval (equal ends for a value without one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DotMark {
    /// Where the mark stands.
    pub mean: f64,
    /// Left end of its bar.
    pub low: f64,
    /// Right end of its bar.
    pub high: f64,
}

impl From<&Interval> for DotMark {
    fn from(i: &Interval) -> DotMark {
        DotMark {
            mean: i.mean,
            low: i.low,
            high: i.high,
        }
    }
}

/// One row: a name and a mark per series (`None` where it has none).
#[derive(Debug, Clone, PartialEq)]
pub struct DotRow {
    /// The row's label.
    pub name: String,
    /// One entry per series.
    pub marks: Vec<Option<DotMark>>,
}

/// The x range of the marks, padded by 5%.
fn dot_range(rows: &[DotRow]) -> (f64, f64) {
    let (lo, hi) = rows
        .iter()
        .flat_map(|r| r.marks.iter().flatten())
        .filter(|m| m.low.is_finite() && m.high.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), m| {
            (a.min(m.low), b.max(m.high))
        });
    if lo > hi {
        return (0.0, 1.0);
    }
    super::draw::padded(lo, hi, 0.05)
}

/// Rows of marks with interval bars; the series of a row stand one above
/// the other; `note` (one line above the plot) says what the marks are.
/// `range` fixes the x axis (rates on [0, 1]); by default it spans the bars.
pub fn dot_figure(
    name: &str,
    series: &[DotSeries],
    rows: &[DotRow],
    (x_title, note): (&str, &str),
    range: Option<(f64, f64)>,
) -> Result<Figure> {
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    let (lo, hi) = range.unwrap_or_else(|| dot_range(rows));
    let width = DOUBLE_COLUMN_IN;
    let svg = svg_document(name, width, category_height(names.len(), note), |p| {
        category_rows(
            p,
            &names,
            (lo, hi),
            x_title,
            (width, note),
            |p, f, k, cy, h| {
                let spread = h * 0.5 / series.len().max(1) as f64;
                for (s, (mark, look)) in rows[k].marks.iter().zip(series).enumerate() {
                    let Some(m) = mark else { continue };
                    if !m.mean.is_finite() {
                        continue;
                    }
                    let y = cy + (s as f64 - (series.len() as f64 - 1.0) / 2.0) * spread;
                    if m.high > m.low {
                        let (x0, x1) = (f.px(m.low.max(lo)), f.px(m.high.min(hi)));
                        p.line(&[(x0, y), (x1, y)], &look.colour, THIN)?;
                        for x in [x0, x1] {
                            p.line(&[(x, y - pt(1.5)), (x, y + pt(1.5))], &look.colour, THIN)?;
                        }
                    }
                    let at = (f.px(m.mean.clamp(lo, hi)), y);
                    if look.filled {
                        p.disc(at, pt(2.0), &look.colour, &BLACK)?;
                    } else {
                        p.ring(at, pt(2.2), &look.colour)?;
                    }
                }
                Ok(())
            },
        )
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// `published_v_reproduced`: each published entry's score (open ring) and
/// its reproduced score, mean and 95% interval over the replicates (blue
/// disc), in published order; the x title carries the rank correlation
/// with its bootstrap interval. `unit` names the score (e.g. "Score per
/// 200-move game").
pub fn comparison_figure(c: &ReplicatedComparison, unit: &str) -> Result<Figure> {
    let series = [
        DotSeries {
            filled: false,
            colour: BLACK,
        },
        DotSeries {
            filled: true,
            colour: style::OKABE_ITO[4],
        },
    ];
    let rows: Vec<DotRow> = c
        .rows
        .iter()
        .map(|r| DotRow {
            name: r.label.clone(),
            marks: vec![
                Some(DotMark {
                    mean: r.published,
                    low: r.published,
                    high: r.published,
                }),
                Some(DotMark::from(&r.ours)),
            ],
        })
        .collect();
    let (blo, bhi) = c.spearman_bootstrap;
    let title = format!(
        "{unit}   (Spearman ρ = {:.3}, 95% CI [{blo:.3}, {bhi:.3}])",
        c.spearman
    );
    let note = format!(
        "Rings: published; discs: reproduced, mean and 95% CI over {} replicates",
        c.replicates
    );
    dot_figure(
        "published_v_reproduced",
        &series,
        &rows,
        (&title, &note),
        None,
    )
}

/// `in_group_v_out_group`: each player's cooperation (in the security game,
/// restraint) toward the other members of its group (blue disc) and toward
/// the players of other groups (vermillion ring), means and 95% intervals
/// over the replicates, on [0, 1]; `None` when the players have no groups.
pub fn group_figure(reps: &TournamentReplicates) -> Result<Option<Figure>> {
    let position = |name: &str| reps.quantities.iter().position(|q| *q == name);
    let (Some(inside), Some(across)) =
        (position(GROUP_QUANTITIES[0]), position(GROUP_QUANTITIES[1]))
    else {
        return Ok(None);
    };
    let intervals = reps.intervals();
    let mark = |i: &Interval| i.mean.is_finite().then(|| DotMark::from(i));
    let rows: Vec<DotRow> = reps
        .players
        .iter()
        .enumerate()
        .map(|(k, name)| DotRow {
            name: name.clone(),
            marks: vec![mark(&intervals[k][inside]), mark(&intervals[k][across])],
        })
        .collect();
    let series = [
        DotSeries {
            filled: true,
            colour: style::OKABE_ITO[4],
        },
        DotSeries {
            filled: false,
            colour: style::OKABE_ITO[5],
        },
    ];
    let note = format!(
        "Discs: toward its own group; rings: across the group line; mean and 95% CI over {} replicates",
        reps.count()
    );
    dot_figure(
        "in_group_v_out_group",
        &series,
        &rows,
        ("Cooperation (restraint) per turn", &note),
        Some((0.0, 1.0)),
    )
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reps(quantities: Vec<&'static str>) -> TournamentReplicates {
        let width = quantities.len();
        TournamentReplicates {
            players: vec!["A".into(), "B".into()],
            quantities,
            seeds: vec![1, 2, 3],
            values: (0..3)
                .map(|k| {
                    vec![
                        vec![0.5 + 0.1 * k as f64; width],
                        (0..width)
                            .map(|q| if q == 4 { f64::NAN } else { 0.2 })
                            .collect(),
                    ]
                })
                .collect(),
        }
    }

    #[test]
    fn the_group_figure_needs_groups_and_skips_missing_values() {
        assert!(
            group_figure(&reps(vec!["score", "cooperation", "wins", "payoff"]))
                .unwrap()
                .is_none()
        );
        let mut q = vec!["score", "cooperation", "wins", "payoff"];
        q.extend(GROUP_QUANTITIES);
        let f = group_figure(&reps(q)).unwrap().unwrap();
        assert_eq!(f.name, "in_group_v_out_group");
        // A's two marks (discs and rings are circles), B's out-group mark only.
        assert_eq!(f.svg.matches("<circle").count(), 2 * 2 + 2);
        assert!(f.svg.contains("over 3 replicates"));
    }

    #[test]
    fn bars_span_the_interval_and_the_range_fits_them() {
        let rows = vec![DotRow {
            name: "x".into(),
            marks: vec![Some(DotMark {
                mean: 5.0,
                low: 4.0,
                high: 8.0,
            })],
        }];
        let (lo, hi) = dot_range(&rows);
        assert!(lo < 4.0 && hi > 8.0 && hi - lo < 4.0 * 1.2);
        let series = [DotSeries {
            filled: true,
            colour: BLACK,
        }];
        let f = dot_figure("d", &series, &rows, ("x", ""), None).unwrap();
        assert_eq!(f.svg.matches("<circle").count(), 2);
    }
}
