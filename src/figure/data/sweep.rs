//! The data of the sweep figures, from the rows of a sweep table
//! ([`SweepRow`]): which figures the grid's parameters allow
//! ([`SweepShape`]), the heat-map grids over the offence x differentiation
//! plane and the line charts over one parameter.

use super::security::ParameterGrid;
use crate::error::{Error, Result};
use crate::replicates::SweepBands;
use crate::sweep::SweepRow;
use serde::{Deserialize, Serialize};

/// A value of a sweep row that a figure draws.
#[derive(Debug, Clone, Copy)]
pub struct SweepMeasure {
    /// Its label (a colour bar's or a legend's).
    pub label: &'static str,
    /// Its value in a row (NaN when the row has none).
    pub value: fn(&SweepRow) -> f64,
    /// Whether 0 at every point means there is nothing to draw (the
    /// defensive share of a two-action sweep).
    pub zero_is_absent: bool,
    /// The fixed colour scale of a rate or share (\[0, 1\], so that maps
    /// meant to be compared share one scale), or `None` for a value whose
    /// scale follows its values (a score).
    pub range: Option<(f64, f64)>,
}

impl SweepMeasure {
    /// Whether `v` is a value to draw.
    pub fn drawn(&self, v: f64) -> bool {
        v.is_finite() && (!self.zero_is_absent || v != 0.0)
    }
}

/// The fixed colour scale of rates and shares.
pub const UNIT_RANGE: (f64, f64) = (0.0, 1.0);

/// A rate or share (drawn on \[0, 1\]).
const fn measure(label: &'static str, value: fn(&SweepRow) -> f64) -> SweepMeasure {
    SweepMeasure {
        label,
        value,
        zero_is_absent: false,
        range: Some(UNIT_RANGE),
    }
}

const DEFENCE: fn(&SweepRow) -> f64 = |r| r.field_defence;

/// The heat maps over the plane, each with its file stem: field-level
/// values, read from each point's first row.
pub const HEAT_MAPS: [(SweepMeasure, &str); 6] = [
    (
        measure("Restraint rate", |r| r.field_cooperation),
        "jervis_restraint",
    ),
    (
        measure("Mutual restraint rate", |r| r.field_mutual_cooperation),
        "jervis_mutual_restraint",
    ),
    (
        measure("Spiral share of arming", |r| r.field_spiral_share),
        "jervis_spiral_share",
    ),
    (
        measure("Restraint after evolution", |r| {
            r.ecological_cooperation.unwrap_or(f64::NAN)
        }),
        "jervis_restraint_evolved",
    ),
    (
        measure("Not arming (R or H) after evolution", |r| {
            crate::sweep::ecological_non_arming(r).unwrap_or(f64::NAN)
        }),
        "jervis_non_arming_evolved",
    ),
    (
        SweepMeasure {
            label: "Defensive posture (H) share",
            value: DEFENCE,
            zero_is_absent: true,
            range: Some(UNIT_RANGE),
        },
        "jervis_defence",
    ),
];

/// The maps of one strategy of a sweep's `strategy_maps`, each with the
/// start of its file stem (followed by the strategy's name): its population
/// share after evolution and its median score. The label follows the
/// strategy's name.
pub const STRATEGY_MAPS: [(SweepMeasure, &str); 2] = [
    (
        measure("share", |r| r.ecological_share.unwrap_or(f64::NAN)),
        "jervis_share",
    ),
    (
        SweepMeasure {
            label: "score",
            value: |r| r.median_score,
            zero_is_absent: false,
            range: None,
        },
        "jervis_score",
    ),
];

/// The field-level series drawn against a single swept parameter.
pub const LINES: [SweepMeasure; 5] = [
    measure("Restraint", |r| r.field_cooperation),
    measure("Mutual restraint", |r| r.field_mutual_cooperation),
    measure("Spiral share of arming", |r| r.field_spiral_share),
    measure("Restraint after evolution", |r| {
        r.ecological_cooperation.unwrap_or(f64::NAN)
    }),
    SweepMeasure {
        label: "Defensive posture (H)",
        value: DEFENCE,
        zero_is_absent: true,
        range: Some(UNIT_RANGE),
    },
];

/// What a sweep's parameters allow to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum SweepShape {
    /// The offence x differentiation plane. Every other parameter is held at
    /// its first value (the first row's), and the maps are of that slice:
    /// `fixed` holds each such parameter, its value and how many values it
    /// takes in the table.
    Plane {
        /// The parameters held fixed: name, value drawn, number of values.
        fixed: Vec<(String, f64, usize)>,
    },
    /// One parameter: line charts of field-level values against it.
    Line {
        /// The swept parameter.
        parameter: String,
    },
    /// Any other set of parameters: nothing is drawn.
    Undrawn {
        /// The swept parameters.
        parameters: Vec<String>,
    },
}

impl SweepShape {
    /// The slice the plane's maps show, as (parameter, value) pairs (empty
    /// for a plain two-axis sweep or another shape).
    pub fn slice(&self) -> Vec<(String, f64)> {
        match self {
            SweepShape::Plane { fixed } => fixed.iter().map(|(n, v, _)| (n.clone(), *v)).collect(),
            _ => Vec::new(),
        }
    }

    /// The slice in words for a figure's title, e.g. "at power = 0.5 (first
    /// of 3 values)"; empty when no parameter is held fixed.
    pub fn slice_title(&self) -> String {
        let SweepShape::Plane { fixed } = self else {
            return String::new();
        };
        if fixed.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = fixed
            .iter()
            .map(|(n, v, count)| match count {
                1 => format!("{n} = {v}"),
                _ => format!("{n} = {v} (first of {count} values)"),
            })
            .collect();
        format!("at {}", parts.join(", "))
    }

    /// What to tell the user about the figures of this shape, if anything:
    /// which slice the maps of a sweep with more than two axes show, or that
    /// a sweep's axes allow no figure.
    pub fn note(&self) -> Option<String> {
        match self {
            SweepShape::Plane { fixed } if fixed.iter().any(|f| f.2 > 1) => Some(format!(
                "{} axes; the maps show the offence x differentiation slice {} (draw another slice by sweeping it alone)",
                fixed.len() + 2,
                self.slice_title()
            )),
            SweepShape::Undrawn { parameters } => Some(format!(
                "no figures for a sweep over {}: maps are drawn over offence x differentiation, line charts over one axis",
                parameters.join(" x ")
            )),
            _ => None,
        }
    }
}

/// The two parameters of the plane.
const PLANE: [&str; 2] = ["offence", "differentiation"];

/// The shape of a sweep from its rows' parameters (the first row's names).
pub fn sweep_shape(rows: &[SweepRow]) -> SweepShape {
    let parameters: Vec<String> = rows
        .first()
        .map(|r| r.parameters.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    if parameters.len() == 1 {
        return SweepShape::Line {
            parameter: parameters[0].clone(),
        };
    }
    if !PLANE.iter().all(|p| parameters.iter().any(|q| q == p)) {
        return SweepShape::Undrawn { parameters };
    }
    // The values each other parameter takes, in order of appearance.
    let fixed = parameters
        .iter()
        .enumerate()
        .filter(|(_, n)| !PLANE.contains(&n.as_str()))
        .filter_map(|(k, name)| {
            let mut seen: Vec<f64> = Vec::new();
            for v in rows.iter().filter_map(|r| r.parameters.get(k).map(|p| p.1)) {
                if !seen.contains(&v) {
                    seen.push(v);
                }
            }
            seen.first().map(|&first| (name.clone(), first, seen.len()))
        })
        .collect();
    SweepShape::Plane { fixed }
}

/// The value of parameter `name` in a row.
fn parameter(row: &SweepRow, name: &str) -> Option<f64> {
    row.parameters.iter().find(|(n, _)| n == name).map(|p| p.1)
}

/// A measure over the (θ, δ) plane from the rows of the slice where every
/// parameter of `slice` has its given value (see [`SweepShape::Plane`]), of
/// one strategy (`Some(name)`) or from the first row of each point (`None`).
/// Points not swept are NaN; `label` is the grid's.
pub fn slice_grid(
    rows: &[SweepRow],
    value: fn(&SweepRow) -> f64,
    label: &str,
    strategy: Option<&str>,
    slice: &[(String, f64)],
) -> Result<ParameterGrid> {
    let bad = |message: String| Error::Figure {
        figure: label.to_string(),
        message,
    };
    let mut cells: Vec<(f64, f64, f64)> = Vec::new();
    for r in rows {
        if strategy.is_some_and(|name| r.strategy != name) {
            continue;
        }
        if slice.iter().any(|(n, v)| parameter(r, n) != Some(*v)) {
            continue;
        }
        let at = |name: &str| {
            parameter(r, name)
                .ok_or_else(|| bad(format!("row of point {} has no `{name}`", r.point)))
        };
        cells.push((at(PLANE[0])?, at(PLANE[1])?, value(r)));
    }
    if let (Some(name), true) = (strategy, cells.is_empty()) {
        return Err(bad(format!("no rows of strategy `{name}`")));
    }
    let axis = |f: fn(&(f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = cells.iter().map(f).filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    };
    let offence = axis(|c| c.0);
    let differentiation = axis(|c| c.1);
    let mut values = vec![vec![f64::NAN; offence.len()]; differentiation.len()];
    for (o, d, v) in &cells {
        let i = offence.iter().position(|x| x == o);
        let j = differentiation.iter().position(|x| x == d);
        if let (Some(i), Some(j)) = (i, j) {
            if values[j][i].is_nan() {
                values[j][i] = *v;
            }
        }
    }
    let grid = ParameterGrid {
        offence,
        differentiation,
        values,
        label: label.to_string(),
        range: None,
    };
    grid.validate()?;
    Ok(grid)
}

/// The width of the 95% interval at every cell, from grids of its low and
/// high ends over the same points; coloured from 0 to the widest interval.
pub fn interval_width_grid(
    low: &ParameterGrid,
    high: &ParameterGrid,
    label: &str,
) -> Result<ParameterGrid> {
    if low.offence != high.offence || low.differentiation != high.differentiation {
        return Err(Error::Figure {
            figure: label.to_string(),
            message: "interval ends over different points".into(),
        });
    }
    let values: Vec<Vec<f64>> = low
        .values
        .iter()
        .zip(&high.values)
        .map(|(l, h)| l.iter().zip(h).map(|(a, b)| b - a).collect())
        .collect();
    let widest = values
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, |m, v| m.max(*v));
    Ok(ParameterGrid {
        offence: low.offence.clone(),
        differentiation: low.differentiation.clone(),
        values,
        label: "95% CI width".into(),
        range: (widest > 0.0).then_some((0.0, widest)),
    })
}

/// Series over the values of one swept parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepLines {
    /// The swept parameter's name, as in `sweep.csv`.
    pub parameter: String,
    /// Its values, increasing.
    pub x: Vec<f64>,
    /// Each series: its legend label and one value per `x` (NaN where
    /// unknown), rates in \[0, 1\].
    pub series: Vec<(String, Vec<f64>)>,
    /// Each series' 95% interval (low and high per `x`) when the values are
    /// means of replicates (see [`SweepLines::with_bands`]); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<(Vec<f64>, Vec<f64>)>,
    /// Number of replicates the values are means of (1: a single run).
    #[serde(default = "one")]
    pub replicates: usize,
}

fn one() -> usize {
    1
}

impl SweepLines {
    /// The lines of the replicates' means (`bands.mean`) with each series'
    /// interval from `bands.low` and `bands.high`.
    pub fn with_bands(bands: &SweepBands, parameter_name: &str) -> SweepLines {
        let mut lines = sweep_lines(&bands.mean, parameter_name);
        let (low, high) = (
            sweep_lines(&bands.low, parameter_name),
            sweep_lines(&bands.high, parameter_name),
        );
        lines.bands = lines
            .series
            .iter()
            .map(|(label, _)| {
                let of = |l: &SweepLines| {
                    l.series
                        .iter()
                        .find(|(n, _)| n == label)
                        .map_or_else(|| vec![f64::NAN; l.x.len()], |s| s.1.clone())
                };
                (of(&low), of(&high))
            })
            .collect();
        lines.replicates = bands.replicates;
        lines
    }
}

/// The series of [`LINES`] that have values (see
/// [`SweepMeasure::zero_is_absent`]) against `parameter`, from the first row
/// of each point, sorted by the parameter.
pub fn sweep_lines(rows: &[SweepRow], parameter_name: &str) -> SweepLines {
    let mut points: Vec<(f64, &SweepRow)> = Vec::new();
    for r in rows {
        let x = parameter(r, parameter_name).unwrap_or(f64::NAN);
        if x.is_finite() && !points.iter().any(|(seen, _)| *seen == x) {
            points.push((x, r));
        }
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let series = LINES
        .iter()
        .map(|m| {
            let ys: Vec<f64> = points.iter().map(|(_, r)| (m.value)(r)).collect();
            (m, ys)
        })
        .filter(|(m, ys)| ys.iter().any(|&v| m.drawn(v)))
        .map(|(m, ys)| (m.label.to_string(), ys))
        .collect();
    SweepLines {
        parameter: parameter_name.to_string(),
        x: points.iter().map(|(x, _)| *x).collect(),
        series,
        bands: Vec::new(),
        replicates: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strategy `strategy`'s row at `point` with these parameter values,
    /// the field's restraint `restraint` and its population share `share`.
    fn row(point: usize, parameters: &[(&str, f64)], strategy: &str, restraint: f64) -> SweepRow {
        SweepRow {
            point,
            parameters: parameters
                .iter()
                .map(|(n, v)| (n.to_string(), *v))
                .collect(),
            field_cooperation: restraint,
            field_mutual_cooperation: restraint / 2.0,
            ecological_share: Some(if strategy == "B" { 0.75 } else { 0.25 }),
            ..SweepRow::blank(strategy.into())
        }
    }

    /// Rows of strategies A and B at each point of the offence x
    /// differentiation corners, preceded by `power` when given.
    fn corners(power: &[f64], restraint: fn(f64, f64) -> f64) -> Vec<SweepRow> {
        let slices: Vec<Vec<(&str, f64)>> = match power {
            [] => vec![vec![]],
            _ => power.iter().map(|&p| vec![("power", p)]).collect(),
        };
        let mut rows = Vec::new();
        for fixed in &slices {
            for o in [0.0, 1.0] {
                for d in [0.0, 1.0] {
                    let mut at = fixed.clone();
                    at.extend([("offence", o), ("differentiation", d)]);
                    let point = rows.len() / 2;
                    rows.push(row(point, &at, "A", restraint(o, d)));
                    rows.push(row(point, &at, "B", restraint(o, d)));
                }
            }
        }
        rows
    }

    #[test]
    fn the_shape_follows_the_parameters() {
        let plane = corners(&[], |_, _| 0.5);
        assert_eq!(sweep_shape(&plane), SweepShape::Plane { fixed: vec![] });
        assert_eq!(sweep_shape(&plane).note(), None);
        let shape = sweep_shape(&corners(&[0.2, 0.1], |_, _| 0.5));
        assert_eq!(
            shape,
            SweepShape::Plane {
                fixed: vec![("power".into(), 0.2, 2)]
            }
        );
        assert_eq!(shape.slice_title(), "at power = 0.2 (first of 2 values)");
        assert!(shape.note().unwrap().starts_with("3 axes"));
        let line = [row(0, &[("offence", 0.0)], "A", 0.5)];
        assert_eq!(
            sweep_shape(&line),
            SweepShape::Line {
                parameter: "offence".into()
            }
        );
        let other = [row(0, &[("T", 4.0), ("S", 0.0)], "A", 0.5)];
        assert!(sweep_shape(&other).note().unwrap().contains("T x S"));
    }

    #[test]
    fn grids_read_the_first_row_per_point_or_one_strategys_rows() {
        let r = corners(&[], |o, d| 0.1 + o * 0.2 + d * 0.4);
        // Points 0-2 only: (0, 0), (0, 1), (1, 0).
        let g = slice_grid(&r[..6], |r| r.field_cooperation, "V", None, &[]).unwrap();
        assert_eq!(g.offence, vec![0.0, 1.0]);
        assert_eq!(g.differentiation, vec![0.0, 1.0]);
        assert_eq!(g.values[0], vec![0.1, 0.1 + 0.2]);
        assert_eq!(g.values[1][0], 0.1 + 0.4);
        assert!(g.values[1][1].is_nan(), "point 3 not in the rows given");
        let (share, _) = STRATEGY_MAPS[0];
        let b = slice_grid(&r, share.value, "B share", Some("B"), &[]).unwrap();
        assert_eq!(b.values[0], vec![0.75, 0.75]);
        let e = slice_grid(&r, share.value, "C share", Some("C"), &[]).unwrap_err();
        assert!(e.to_string().contains("no rows of strategy `C`"), "{e}");
        // The slice at power = 0.9 of a three-axis sweep.
        let r = corners(&[0.2, 0.9], |o, _| o);
        let slice = [("power".to_string(), 0.9)];
        let g = slice_grid(&r, |r| r.field_cooperation * 2.0, "V", None, &slice).unwrap();
        assert_eq!(g.values[0], vec![0.0, 2.0]);
    }

    #[test]
    fn lines_leave_out_series_without_values() {
        let r: Vec<SweepRow> = [0.5, 0.0, 1.0]
            .iter()
            .enumerate()
            .map(|(k, &x)| row(k, &[("offence", x)], "A", 1.0 - x * 0.8))
            .collect();
        let lines = sweep_lines(&r, "offence");
        assert_eq!(lines.x, vec![0.0, 0.5, 1.0]);
        let labels: Vec<&str> = lines.series.iter().map(|s| s.0.as_str()).collect();
        // No evolution and a zero H share: three series.
        assert_eq!(
            labels,
            ["Restraint", "Mutual restraint", "Spiral share of arming"]
        );
        assert_eq!(lines.series[0].1, vec![1.0, 0.6, 1.0 - 0.8]);
    }
}
