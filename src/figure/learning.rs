//! Figures of a learning dynamic's [`Trajectory`]: every action's
//! probability against time, the path in the unit square when two players
//! have two actions each, and on the simplex when every population has
//! three.

use super::draw::{
    labelled_ticks, legend, legend_width, nice_ticks, svg_document, Frame, LegendMark,
};
use super::output::Figure;
use super::simplex::{SimplexFrame, SIMPLEX_HEIGHT_IN};
use super::style::{self, pt, LINE, SINGLE_COLUMN_IN, SMALL_PT};
use super::sweep::{draw_legend_above, legend_above, LegendAbove};
use crate::error::{Error, Result};
use crate::learning::Trajectory;
use plotters::style::BLACK;

/// A point is drawn when some probability moved by more than this since the
/// last drawn point (or, in a time series, when [`TIME_SLICES`] of the time
/// axis have passed): a long trajectory is thinned where it barely moves and
/// kept whole where it jumps. The first and last points are always drawn.
pub const MIN_DRAWN_MOVE: f64 = 2e-3;

/// A time series draws a point at least every `1/TIME_SLICES` of its time
/// axis.
pub const TIME_SLICES: f64 = 2000.0;

/// The indices of the drawn points of `t` (see [`MIN_DRAWN_MOVE`]); with
/// `by_time`, also one per [`TIME_SLICES`]th of the time axis.
fn drawn(t: &Trajectory, by_time: bool) -> Vec<usize> {
    let len = t.len();
    if len == 0 {
        return Vec::new();
    }
    let span = t.times[len - 1] - t.times[0];
    let mut keep = vec![0];
    for k in 1..len {
        let last = *keep.last().unwrap_or(&0);
        let moved = t.states[k]
            .iter()
            .zip(&t.states[last])
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        let waited = by_time && (t.times[k] - t.times[last]) * TIME_SLICES >= span;
        if moved > MIN_DRAWN_MOVE || waited || k == len - 1 {
            keep.push(k);
        }
    }
    keep
}

fn empty(name: &str, t: &Trajectory) -> Result<()> {
    if t.is_empty() {
        Err(Error::Figure {
            figure: name.into(),
            message: "the trajectory has no points".into(),
        })
    } else {
        Ok(())
    }
}

/// The time axis' title.
fn clock_title(t: &Trajectory) -> String {
    match t.clock.as_str() {
        "time" => "Time".into(),
        "iteration" => "Iteration".into(),
        "step" => "Step".into(),
        other => other.to_string(),
    }
}

/// Every action's probability (share) against time: one colour per action,
/// the first population's solid and the second's dashed, the legend above.
/// Named `learning_time_series`.
pub fn learning_time_series_figure(t: &Trajectory) -> Result<Figure> {
    let name = "learning_time_series";
    empty(name, t)?;
    let mut entries = Vec::new();
    let mut lines = Vec::new();
    let mut colour = 0;
    for (p, pop) in t.populations.iter().enumerate() {
        for (a, action) in pop.actions.iter().enumerate() {
            let c = style::qualitative(colour);
            colour += 1;
            let solid = p == 0;
            let label = if t.populations.len() == 1 {
                action.clone()
            } else {
                format!("{}: {action}", pop.name)
            };
            entries.push((
                label,
                if solid {
                    LegendMark::Line(c)
                } else {
                    LegendMark::Dashed(c)
                },
            ));
            lines.push((p, a, c, solid));
        }
    }
    let y_ticks = labelled_ticks(&nice_ticks(0.0, 1.0, 5));
    let y_labels: Vec<String> = y_ticks.iter().map(|t| t.1.clone()).collect();
    let LegendAbove {
        left,
        top,
        plot_h,
        height_in,
    } = legend_above(name, &entries, &y_labels)?;
    let (t0, t1) = (t.times[0], *t.times.last().unwrap_or(&1.0));
    let t1 = if t1 > t0 { t1 } else { t0 + 1.0 };
    let x_ticks = labelled_ticks(&nice_ticks(t0, t1, 6));
    let keep = drawn(t, true);
    let svg = svg_document(name, SINGLE_COLUMN_IN, height_in, |p| {
        // Room for half the last tick label right of the frame.
        let last_label = x_ticks.last().map_or(0.0, |t| p.text_width(&t.1, SMALL_PT));
        let frame = Frame {
            left,
            top,
            right: style::inches(SINGLE_COLUMN_IN) as f64
                - pt(10.0).max(last_label / 2.0 + pt(2.0)),
            bottom: top + plot_h,
            x: (t0, t1),
            y: (-0.02, 1.02),
        };
        frame.x_grid(p, &x_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        frame.y_grid(p, &y_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        for &(pop, action, c, solid) in &lines {
            let pts: Vec<(f64, f64)> = keep
                .iter()
                .map(|&k| frame.p(t.times[k], t.strategy(k, pop)[action]))
                .collect();
            if solid {
                p.line(&pts, &c, LINE)?;
            } else {
                p.dashed_line(&pts, &c, LINE, 3.0, 2.0)?;
            }
        }
        frame.draw_box(p)?;
        frame.x_axis(p, &x_ticks, &clock_title(t))?;
        frame.y_axis(
            p,
            &y_ticks,
            if t.populations.len() == 1 {
                "Share"
            } else {
                "Probability"
            },
        )?;
        draw_legend_above(p, &entries, left)?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The path of a two-player, two-action trajectory in the unit square:
/// the row player's probability of its first action across, the column
/// player's up; an open circle at the start, a filled one at the end.
/// Named `learning_phase`.
///
/// # Errors
/// [`Error::Figure`] unless the trajectory has two populations of two
/// actions each.
pub fn learning_phase_figure(t: &Trajectory) -> Result<Figure> {
    let name = "learning_phase";
    empty(name, t)?;
    if t.populations.len() != 2 || t.populations.iter().any(|p| p.actions.len() != 2) {
        return Err(Error::Figure {
            figure: name.into(),
            message: "a phase plot needs two players with two actions each".into(),
        });
    }
    let legend_h = pt(SMALL_PT) * 1.45;
    let ticks = labelled_ticks(&nice_ticks(0.0, 1.0, 4));
    let labels: Vec<String> = ticks.iter().map(|t| t.1.clone()).collect();
    let mut left = 0.0;
    svg_document(name, 0.1, 0.1, |p| {
        left = Frame::y_axis_width(p, &labels, true) + pt(2.0);
        Ok(())
    })?;
    let w = style::inches(SINGLE_COLUMN_IN) as f64;
    let side = w - left - pt(12.0);
    let top = pt(4.0) + legend_h + pt(6.0);
    let height_in = (top + side + Frame::x_axis_height(true) + pt(3.0)) / style::UNITS_PER_INCH;
    let colour = style::OKABE_ITO[4];
    let keep = drawn(t, false);
    let svg = svg_document(name, SINGLE_COLUMN_IN, height_in, |p| {
        let frame = Frame {
            left,
            top,
            right: left + side,
            bottom: top + side,
            x: (-0.04, 1.04),
            y: (-0.04, 1.04),
        };
        frame.x_grid(p, &ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        frame.y_grid(p, &ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        let pts: Vec<(f64, f64)> = keep
            .iter()
            .map(|&k| frame.p(t.strategy(k, 0)[0], t.strategy(k, 1)[0]))
            .collect();
        p.line(&pts, &colour, LINE)?;
        p.ring(pts[0], pt(2.6), &BLACK)?;
        p.disc(*pts.last().unwrap_or(&pts[0]), pt(2.6), &BLACK, &BLACK)?;
        frame.draw_box(p)?;
        let (r, c) = (&t.populations[0], &t.populations[1]);
        frame.x_axis(
            p,
            &ticks,
            &format!("P({} plays {})", r.name.to_lowercase(), r.actions[0]),
        )?;
        frame.y_axis(
            p,
            &ticks,
            &format!("P({} plays {})", c.name.to_lowercase(), c.actions[0]),
        )?;
        let entries = [
            (t.dynamic.clone(), LegendMark::Line(colour)),
            ("Start".to_string(), LegendMark::Ring(BLACK)),
            ("End".to_string(), LegendMark::Point(BLACK)),
        ];
        let mut x = frame.left;
        for e in &entries {
            legend(p, (x, pt(4.0)), std::slice::from_ref(e))?;
            x += legend_width(p, std::slice::from_ref(&e.0)) + pt(10.0);
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The path of every population on the simplex of its three actions (the
/// first population solid, the second dashed), the start an open circle,
/// the end a filled one; the vertices carry the first population's action
/// names. Named `learning_simplex`.
///
/// # Errors
/// [`Error::Figure`] unless every population has three actions.
pub fn learning_simplex_figure(t: &Trajectory) -> Result<Figure> {
    let name = "learning_simplex";
    empty(name, t)?;
    if t.populations.iter().any(|p| p.actions.len() != 3) {
        return Err(Error::Figure {
            figure: name.into(),
            message: "a simplex plot needs three actions per population".into(),
        });
    }
    let (width_in, height_in) = (SINGLE_COLUMN_IN, SIMPLEX_HEIGHT_IN);
    let keep = drawn(t, false);
    let frame = SimplexFrame::new(width_in, height_in, &t.populations[0].actions);
    let svg = svg_document(name, width_in, height_in, |p| {
        let to = |x: &[f64]| frame.to(&[x[0], x[1], x[2]]);
        frame.fill(p)?;
        frame.outline(p)?;
        let mut entries = Vec::new();
        for (k, pop) in t.populations.iter().enumerate() {
            let c = style::OKABE_ITO[4 + k];
            let pts: Vec<(f64, f64)> = keep.iter().map(|&i| to(t.strategy(i, k))).collect();
            if k == 0 {
                p.line(&pts, &c, LINE)?;
                entries.push((pop.name.clone(), LegendMark::Line(c)));
            } else {
                p.dashed_line(&pts, &c, LINE, 3.0, 2.0)?;
                entries.push((pop.name.clone(), LegendMark::Dashed(c)));
            }
            p.ring(pts[0], pt(2.4), &BLACK)?;
            p.disc(*pts.last().unwrap_or(&pts[0]), pt(2.4), &c, &BLACK)?;
        }
        frame.label_corners(p, &t.populations[0].actions)?;
        entries.push(("Start".into(), LegendMark::Ring(BLACK)));
        let mut x = pt(4.0);
        for e in &entries {
            legend(p, (x, pt(2.0)), std::slice::from_ref(e))?;
            x += legend_width(p, std::slice::from_ref(&e.0)) + pt(10.0);
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The figures of a trajectory: the time series always; the phase plot for
/// two players with two actions each; the simplex when every population has
/// three actions.
pub fn learning_figures(t: &Trajectory) -> Result<Vec<Figure>> {
    let mut figures = vec![learning_time_series_figure(t)?];
    let sizes: Vec<usize> = t.populations.iter().map(|p| p.actions.len()).collect();
    if sizes == [2, 2] {
        figures.push(learning_phase_figure(t)?);
    }
    if sizes.iter().all(|&n| n == 3) {
        figures.push(learning_simplex_figure(t)?);
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use crate::learning::{fictitious_play, FictitiousOptions};

    #[test]
    fn figures_follow_the_shape_of_the_game() {
        let run = |g| {
            fictitious_play(
                &g,
                &FictitiousOptions {
                    iterations: 50,
                    ..Default::default()
                },
            )
            .unwrap()
            .trajectory
        };
        let names = |t: &Trajectory| -> Vec<String> {
            learning_figures(t)
                .unwrap()
                .into_iter()
                .map(|f| f.name)
                .collect()
        };
        let two = run(catalogue::matching_pennies());
        assert_eq!(names(&two), ["learning_time_series", "learning_phase"]);
        let three = run(catalogue::rock_paper_scissors());
        assert_eq!(names(&three), ["learning_time_series", "learning_simplex"]);
        assert!(learning_phase_figure(&three).is_err());
        assert!(learning_simplex_figure(&two).is_err());
        // Every early jump of fictitious play is drawn; the slow tail is
        // thinned.
        let long = fictitious_play(
            &catalogue::matching_pennies(),
            &FictitiousOptions {
                iterations: 100_000,
                ..Default::default()
            },
        )
        .unwrap()
        .trajectory;
        let d = drawn(&long, false);
        assert_eq!(&d[..3], &[0, 1, 2]);
        assert_eq!(*d.last().unwrap(), 100_000);
        assert!(d.len() < 20_000, "{}", d.len());
        let timed = drawn(&long, true);
        assert!(timed.len() >= 2000 && timed.len() >= d.len());
    }
}
