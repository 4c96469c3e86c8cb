//! Evolution figures: ecological population shares, Moran fixation curves,
//! and replicator phase portraits (a phase line for two strategies, the
//! simplex for three).

use super::data::{MoranCurve, PhaseLine, SimplexPortrait, StackedShares};
use super::draw::{
    labelled_ticks, legend, legend_width, nice_ticks, padded, svg_document, Frame, LegendMark,
};
use super::output::Figure;
use super::simplex::{SimplexFrame, SIMPLEX_HEIGHT_IN};
use super::style::{self, pt, DARK_GREY, DOUBLE_COLUMN_IN, LINE, SINGLE_COLUMN_IN, SMALL_PT, THIN};
use crate::error::Result;
use plotters::style::{RGBColor, BLACK};

const TOP_PT: f64 = 6.0;

/// Generations beyond which the ecological figure's time axis is
/// logarithmic.
pub const LOG_TIME_AFTER: f64 = 100.0;

/// Stacked areas of population shares over generations, a legend at the
/// right. Runs longer than [`LOG_TIME_AFTER`] generations are drawn on a
/// logarithmic axis of generation + 1, so that the early dynamics, where
/// most of the change happens, are not squeezed against the left edge.
pub fn ecological_figure(stack: &StackedShares) -> Result<Figure> {
    stacked_figure(
        "ecological",
        stack,
        StackAxes {
            top: 1.0,
            y_label: "Population share",
            x_label: "Generation",
            log_after: Some(LOG_TIME_AFTER),
        },
    )
}

/// The number of individuals of each type at every step of a Moran run,
/// stacked (as Axelrod-Python's `MoranProcess.populations_plot`), a legend
/// at the right; `population` is the top of the axis.
pub fn moran_populations_figure(
    name: &str,
    stack: &StackedShares,
    population: usize,
) -> Result<Figure> {
    stacked_figure(
        name,
        stack,
        StackAxes {
            top: population as f64,
            y_label: "Number of individuals",
            x_label: "Step",
            log_after: None,
        },
    )
}

/// The axes of a stacked-area figure.
struct StackAxes {
    /// The top of the value axis (the stack's total).
    top: f64,
    y_label: &'static str,
    x_label: &'static str,
    /// Times beyond which the time axis is logarithmic, if ever.
    log_after: Option<f64>,
}

fn stacked_figure(name: &str, stack: &StackedShares, axes: StackAxes) -> Result<Figure> {
    let height_in = 2.8;
    let top = axes.top;
    let colours: Vec<RGBColor> = stack
        .series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            if s.other {
                style::GREY
            } else {
                style::qualitative(k)
            }
        })
        .collect();
    let svg = svg_document(name, DOUBLE_COLUMN_IN, height_in, |p| {
        // Legend top to bottom matches the bands top to bottom.
        let entries: Vec<(String, LegendMark)> = stack
            .series
            .iter()
            .zip(&colours)
            .rev()
            .map(|(s, c)| (s.name.clone(), LegendMark::Swatch(*c)))
            .collect();
        let labels: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
        let lw = legend_width(p, &labels);
        let y_ticks = labelled_ticks(&nice_ticks(0.0, top, 5));
        let y_labels: Vec<String> = y_ticks.iter().map(|t| t.1.clone()).collect();
        let last = stack.generations.last().copied().unwrap_or(1.0).max(1.0);
        let log = axes.log_after.is_some_and(|after| last > after);
        let t = |g: f64| if log { (g + 1.0).log10() } else { g };
        let frame = Frame {
            left: Frame::y_axis_width(p, &y_labels, true) + pt(2.0),
            top: pt(TOP_PT),
            right: style::inches(DOUBLE_COLUMN_IN) as f64 - lw - pt(16.0),
            bottom: style::inches(height_in) as f64 - Frame::x_axis_height(true) - pt(3.0),
            x: (0.0, t(last)),
            y: (0.0, top),
        };
        let n = stack.generations.len();
        let mut lower = vec![0.0; n];
        for (s, c) in stack.series.iter().zip(&colours) {
            let upper: Vec<f64> = lower
                .iter()
                .zip(&s.shares)
                .map(|(l, v)| (l + v).min(top))
                .collect();
            let mut poly: Vec<(f64, f64)> = stack
                .generations
                .iter()
                .zip(&upper)
                .map(|(&g, &u)| frame.p(t(g), u))
                .collect();
            poly.extend(
                stack
                    .generations
                    .iter()
                    .zip(&lower)
                    .rev()
                    .map(|(&g, &l)| frame.p(t(g), l)),
            );
            p.fill_polygon(&poly, c)?;
            lower = upper;
        }
        frame.draw_box(p)?;
        if log {
            let decades: Vec<(f64, String)> = (0..)
                .map(|k| 10f64.powi(k))
                .take_while(|d| *d <= last + 1.0)
                .map(|d| (d.log10(), format!("{d}")))
                .collect();
            frame.x_axis(p, &decades, &format!("{} + 1 (log scale)", axes.x_label))?;
        } else {
            frame.x_axis(p, &labelled_ticks(&nice_ticks(0.0, last, 6)), axes.x_label)?;
        }
        frame.y_axis(p, &y_ticks, axes.y_label)?;
        legend(p, (frame.right + pt(10.0), frame.top), &entries)?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// Fixation probability against population size: the exact curve of each
/// mutant-resident pair (one colour each), the neutral reference
/// mutants / N (dashed grey), and simulated points with 95% error bars in
/// their pair's colour, a filled disc when simulated on the tournament's
/// mean payoffs and a ring when every step played the matches (the two
/// set slightly apart when both are at one size).
pub fn moran_figure(curves: &[MoranCurve]) -> Result<Figure> {
    let name = "moran";
    let mut entries: Vec<(String, LegendMark)> = curves
        .iter()
        .enumerate()
        .map(|(k, c)| {
            (
                format!("{} invading {}", c.mutant, c.resident),
                LegendMark::Line(style::qualitative(k + 4)),
            )
        })
        .collect();
    let mut mutant_counts: Vec<usize> = curves.iter().map(|c| c.mutants).collect();
    mutant_counts.sort_unstable();
    mutant_counts.dedup();
    let neutral_label = match mutant_counts.as_slice() {
        [1] => "Neutral, 1 / N".to_string(),
        [m] => format!("Neutral, {m} / N"),
        _ => "Neutral, mutants / N".to_string(),
    };
    entries.push((neutral_label, LegendMark::Dashed(style::GREY)));
    let simulated = |played: bool| {
        curves
            .iter()
            .any(|c| c.simulated.iter().any(|s| s.matches_played == played))
    };
    let both = simulated(false) && simulated(true);
    if simulated(false) {
        entries.push((
            "Simulated on mean payoffs, 95% CI".into(),
            LegendMark::Point(DARK_GREY),
        ));
    }
    if simulated(true) {
        entries.push((
            "Simulated with matches played, 95% CI".into(),
            LegendMark::Ring(BLACK),
        ));
    }
    let height_in = 2.6 + 0.14 * entries.len() as f64;
    let svg = svg_document(name, SINGLE_COLUMN_IN, height_in, |p| {
        let legend_h = pt(SMALL_PT) * 1.45 * entries.len() as f64;
        let mut hi: f64 = 0.0;
        let (mut nmin, mut nmax) = (usize::MAX, 3usize);
        for c in curves {
            hi = c.exact.iter().chain(&c.neutral).fold(hi, |a, b| a.max(*b));
            for s in &c.simulated {
                hi = hi.max(s.probability + 1.96 * s.standard_error);
            }
            nmin = nmin.min(c.populations.first().copied().unwrap_or(2));
            nmax = nmax.max(c.populations.last().copied().unwrap_or(3));
        }
        let nmin = if nmin == usize::MAX { 2 } else { nmin } as f64;
        let nmax = nmax as f64;
        let hi = (hi * 1.08).clamp(0.05, 1.0);
        let y_ticks = labelled_ticks(&nice_ticks(0.0, hi, 5));
        let y_labels: Vec<String> = y_ticks.iter().map(|t| t.1.clone()).collect();
        let frame = Frame {
            left: Frame::y_axis_width(p, &y_labels, true) + pt(2.0),
            top: pt(TOP_PT) + legend_h + pt(6.0),
            right: style::inches(SINGLE_COLUMN_IN) as f64 - pt(10.0),
            bottom: style::inches(height_in) as f64 - Frame::x_axis_height(true) - pt(3.0),
            x: (nmin - 0.5, nmax + 0.5),
            y: (0.0, hi),
        };
        frame.y_grid(p, &y_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        let pts = |c: &MoranCurve, ys: &[f64]| -> Vec<(f64, f64)> {
            c.populations
                .iter()
                .zip(ys)
                .map(|(&n, &y)| frame.p(n as f64, y))
                .collect()
        };
        for (k, c) in curves.iter().enumerate() {
            let colour = style::qualitative(k + 4);
            p.line(&pts(c, &c.exact), &colour, LINE)?;
            for s in &c.simulated {
                let shift = match (both, s.matches_played) {
                    (false, _) => 0.0,
                    (true, false) => -pt(3.0),
                    (true, true) => pt(3.0),
                };
                let x = frame.px(s.population as f64) + shift;
                let lo = (s.probability - 1.96 * s.standard_error).max(0.0);
                let up = (s.probability + 1.96 * s.standard_error).min(1.0);
                p.line(&[(x, frame.py(lo)), (x, frame.py(up))], &colour, THIN)?;
                for y in [lo, up] {
                    p.line(
                        &[(x - pt(2.0), frame.py(y)), (x + pt(2.0), frame.py(y))],
                        &colour,
                        THIN,
                    )?;
                }
                if s.matches_played {
                    p.ring((x, frame.py(s.probability)), pt(2.2), &colour)?;
                } else {
                    p.disc((x, frame.py(s.probability)), pt(2.2), &colour, &BLACK)?;
                }
            }
        }
        let mut drawn_neutral: Vec<usize> = Vec::new();
        for c in curves {
            if !drawn_neutral.contains(&c.mutants) {
                p.dashed_line(&pts(c, &c.neutral), &style::GREY, LINE, 3.0, 2.0)?;
                drawn_neutral.push(c.mutants);
            }
        }
        frame.draw_box(p)?;
        frame.x_axis(
            p,
            &labelled_ticks(&nice_ticks(nmin, nmax, 6)),
            "Population size N",
        )?;
        frame.y_axis(p, &y_ticks, "Fixation probability")?;
        legend(p, (frame.left, pt(TOP_PT)), &entries)?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The phase line of a two-strategy game: dx/dt against x, rest points on
/// the axis (filled: stable, open: unstable) and arrows for the flow.
pub fn phase_line_figure(line: &PhaseLine) -> Result<Figure> {
    let name = "replicator_phase_line";
    let height_in = 2.4;
    let svg = svg_document(name, SINGLE_COLUMN_IN, height_in, |p| {
        let (lo, hi) = line
            .velocity
            .iter()
            .fold((0.0f64, 0.0f64), |(a, b), v| (a.min(*v), b.max(*v)));
        let (lo, hi) = if hi - lo < 1e-12 {
            (-1.0, 1.0)
        } else {
            padded(lo, hi, 0.12)
        };
        let y_ticks = labelled_ticks(&nice_ticks(lo, hi, 4));
        let y_labels: Vec<String> = y_ticks.iter().map(|t| t.1.clone()).collect();
        let entries = vec![
            ("Stable rest point".to_string(), LegendMark::Point(BLACK)),
            ("Unstable rest point".to_string(), LegendMark::Ring(BLACK)),
        ];
        let legend_h = pt(SMALL_PT) * 1.45;
        let frame = Frame {
            left: Frame::y_axis_width(p, &y_labels, true) + pt(2.0),
            top: pt(TOP_PT) + legend_h + pt(4.0),
            right: style::inches(SINGLE_COLUMN_IN) as f64 - pt(10.0),
            bottom: style::inches(height_in) as f64 - Frame::x_axis_height(true) - pt(3.0),
            x: (-0.03, 1.03),
            y: (lo, hi),
        };
        frame.y_grid(p, &y_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        let zero = frame.py(0.0);
        p.line(&[(frame.left, zero), (frame.right, zero)], &DARK_GREY, THIN)?;
        let pts: Vec<(f64, f64)> = line
            .x
            .iter()
            .zip(&line.velocity)
            .map(|(&x, &v)| frame.p(x, v))
            .collect();
        p.line(&pts, &style::OKABE_ITO[4], LINE)?;
        // Flow arrows on the axis between neighbouring rest points.
        let rests: Vec<f64> = line.rest_points.iter().map(|r| r.state[0]).collect();
        for w in rests.windows(2) {
            let mid = (w[0] + w[1]) / 2.0;
            let k = ((mid * (line.x.len() - 1) as f64).round() as usize).min(line.x.len() - 1);
            let v = line.velocity[k];
            if v.abs() > 1e-12 {
                let dir = if v > 0.0 { 1.0 } else { -1.0 };
                p.arrow_head(
                    (frame.px(mid) + dir * pt(3.0), zero),
                    (dir, 0.0),
                    pt(6.0),
                    &DARK_GREY,
                )?;
            }
        }
        for r in &line.rest_points {
            let c = (frame.px(r.state[0]), zero);
            if r.stable {
                p.disc(c, pt(2.6), &BLACK, &BLACK)?;
            } else {
                p.ring(c, pt(2.6), &BLACK)?;
            }
        }
        frame.draw_box(p)?;
        frame.x_axis(
            p,
            &labelled_ticks(&nice_ticks(0.0, 1.0, 5)),
            &format!("Share x of {}", line.names[0]),
        )?;
        frame.y_axis(p, &y_ticks, "dx/dt")?;
        // Legend in one row above the frame.
        let mut x = frame.left;
        for e in &entries {
            legend(p, (x, pt(TOP_PT)), std::slice::from_ref(e))?;
            x += legend_width(p, std::slice::from_ref(&e.0)) + pt(12.0);
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The replicator dynamics of a three-strategy game on the simplex:
/// direction arrows on a grid, trajectories with arrow heads, rest points.
pub fn simplex_figure(portrait: &SimplexPortrait) -> Result<Figure> {
    let name = "replicator_simplex";
    let width_in = SINGLE_COLUMN_IN;
    let height_in = SIMPLEX_HEIGHT_IN;
    // Triangle centred, room for vertex labels and a legend.
    let frame = SimplexFrame::new(width_in, height_in, &portrait.names);
    let svg = svg_document(name, width_in, height_in, |p| {
        let to = |x: &[f64; 3]| frame.to(x);
        frame.fill(p)?;
        // Direction field: short grey arrows of equal length.
        let arrow = frame.side() / 22.0;
        for a in &portrait.field {
            let (sx, sy) = to(&a.at);
            let tip = {
                let e = [
                    a.at[0] + a.velocity[0],
                    a.at[1] + a.velocity[1],
                    a.at[2] + a.velocity[2],
                ];
                let (ex, ey) = to(&e);
                (ex - sx, ey - sy)
            };
            let len = (tip.0 * tip.0 + tip.1 * tip.1).sqrt();
            if len < 1e-9 {
                continue;
            }
            let (dx, dy) = (tip.0 / len * arrow, tip.1 / len * arrow);
            let (ax, ay) = (sx - dx / 2.0, sy - dy / 2.0);
            let (bx, by) = (sx + dx / 2.0, sy + dy / 2.0);
            p.line(&[(ax, ay), (bx, by)], &style::GREY, THIN)?;
            p.arrow_head((bx, by), (dx, dy), pt(3.0), &style::GREY)?;
        }
        for t in &portrait.trajectories {
            let pts: Vec<(f64, f64)> = t.iter().map(to).collect();
            p.line(&pts, &style::OKABE_ITO[4], LINE)?;
            if pts.len() >= 3 {
                let k = pts.len() / 3;
                let (a, b) = (pts[k - 1], pts[k]);
                p.arrow_head(b, (b.0 - a.0, b.1 - a.1), pt(4.5), &style::OKABE_ITO[4])?;
            }
        }
        frame.outline(p)?;
        for r in &portrait.rest_points {
            let c = to(&[r.state[0], r.state[1], r.state[2]]);
            if r.stable {
                p.disc(c, pt(2.6), &BLACK, &BLACK)?;
            } else {
                p.ring(c, pt(2.6), &BLACK)?;
            }
        }
        frame.label_corners(p, &portrait.names)?;
        let entries = [
            ("Stable rest point".to_string(), LegendMark::Point(BLACK)),
            ("Unstable rest point".to_string(), LegendMark::Ring(BLACK)),
        ];
        let mut x = pt(4.0);
        for e in &entries {
            legend(p, (x, pt(2.0)), std::slice::from_ref(e))?;
            x += legend_width(p, std::slice::from_ref(&e.0)) + pt(12.0);
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}
