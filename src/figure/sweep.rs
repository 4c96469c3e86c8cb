//! The figure of a one-axis sweep: field-level rates (restraint, mutual
//! restraint, spiral share, ...) against the swept parameter.

use super::data::SweepLines;
use super::draw::{
    labelled_ticks, legend, nice_ticks, padded, svg_document, Frame, LegendMark, Painter,
};
use super::output::Figure;
use super::security::legend_layout;
use super::style::{self, pt, SINGLE_COLUMN_IN, SMALL_PT};
use crate::error::{Error, Result};

/// The axis title of a swept parameter: the security model's θ and δ by
/// name, others as named in the table.
pub fn parameter_title(parameter: &str) -> String {
    match parameter {
        "offence" => "Offence-defence balance \u{3b8}".into(),
        "differentiation" => "Differentiation \u{3b4}".into(),
        other => other.to_string(),
    }
}

/// The layout of a single-column line chart of rates with its legend above
/// the plot: the frame's left edge and top, the plot's height and the
/// figure's height.
pub(crate) struct LegendAbove {
    /// Left edge of the frame (room for the y axis).
    pub left: f64,
    /// Top of the frame (below the legend's rows).
    pub top: f64,
    /// Height of the frame.
    pub plot_h: f64,
    /// Height of the figure, inches.
    pub height_in: f64,
}

/// Measures the y axis labels and the legend `entries` laid out in rows
/// above the plot (see [`LegendAbove`]).
pub(crate) fn legend_above(
    name: &str,
    entries: &[(String, LegendMark)],
    y_labels: &[String],
) -> Result<LegendAbove> {
    let width = style::inches(SINGLE_COLUMN_IN) as f64;
    let row = pt(SMALL_PT) * 1.45;
    let (mut left, mut legend_rows) = (0.0, 1);
    svg_document(name, 0.1, 0.1, |p| {
        left = Frame::y_axis_width(p, y_labels, true) + pt(2.0);
        legend_rows = legend_layout(p, entries, left, width - left - pt(10.0)).len();
        Ok(())
    })?;
    let top = pt(4.0) + row * legend_rows as f64 + pt(6.0);
    let plot_h = pt(150.0);
    let height_in = (top + plot_h + Frame::x_axis_height(true) + pt(3.0)) / style::UNITS_PER_INCH;
    Ok(LegendAbove {
        left,
        top,
        plot_h,
        height_in,
    })
}

/// Draws the legend `entries` in rows above a frame whose left edge is
/// `left`, as [`legend_above`] measured them.
pub(crate) fn draw_legend_above(
    p: &Painter,
    entries: &[(String, LegendMark)],
    left: f64,
) -> Result<()> {
    let width = style::inches(SINGLE_COLUMN_IN) as f64;
    let row = pt(SMALL_PT) * 1.45;
    for (r, items) in legend_layout(p, entries, left, width - left - pt(10.0))
        .iter()
        .enumerate()
    {
        for (x, k) in items {
            legend(
                p,
                (*x, pt(4.0) + row * r as f64),
                std::slice::from_ref(&entries[*k]),
            )?;
        }
    }
    Ok(())
}

/// Line chart of each series against the swept parameter (rates on a 0-1
/// axis, a dot at every swept value, gaps where a value is unknown), a legend
/// of the series above the plot. When the values are means of replicates,
/// each dot carries its 95% interval as an error bar and the axis title
/// says so. Named `sweep_<parameter>`.
pub fn sweep_line_figure(lines: &SweepLines) -> Result<Figure> {
    let name = format!("sweep_{}", super::file_stem(&lines.parameter));
    let bad = |message: String| Error::Figure {
        figure: name.clone(),
        message,
    };
    if lines.x.is_empty() || lines.series.is_empty() {
        return Err(bad("no values to draw".into()));
    }
    if let Some((label, _)) = lines.series.iter().find(|(_, y)| y.len() != lines.x.len()) {
        return Err(bad(format!(
            "series `{label}` has a length other than the parameter's {} values",
            lines.x.len()
        )));
    }
    let entries: Vec<(String, LegendMark)> = lines
        .series
        .iter()
        .enumerate()
        .map(|(k, (label, _))| (label.clone(), LegendMark::Line(style::qualitative(k))))
        .collect();
    let width = style::inches(SINGLE_COLUMN_IN) as f64;
    let y_ticks = labelled_ticks(&nice_ticks(0.0, 1.0, 5));
    let y_labels: Vec<String> = y_ticks.iter().map(|t| t.1.clone()).collect();
    let (lo, hi) = (lines.x[0], lines.x[lines.x.len() - 1]);
    let x_range = if hi > lo {
        (lo, hi)
    } else {
        padded(lo, hi, 0.0)
    };
    let x_ticks = labelled_ticks(&nice_ticks(x_range.0, x_range.1, 5));
    let LegendAbove {
        left,
        top,
        plot_h,
        height_in,
    } = legend_above(&name, &entries, &y_labels)?;
    let svg = svg_document(&name, SINGLE_COLUMN_IN, height_in, |p| {
        let frame = Frame {
            left,
            top,
            right: width - pt(10.0),
            bottom: top + plot_h,
            x: x_range,
            y: (-0.02, 1.02),
        };
        frame.x_grid(p, &x_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        frame.y_grid(p, &y_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        for (k, (low, high)) in lines.bands.iter().enumerate() {
            let colour = style::qualitative(k);
            let cap = pt(1.6);
            for ((x, lo), hi) in lines.x.iter().zip(low).zip(high) {
                if !(lo.is_finite() && hi.is_finite()) {
                    continue;
                }
                let (a, b) = (frame.p(*x, *lo), frame.p(*x, *hi));
                p.line(&[a, b], &colour, style::THIN)?;
                for end in [a, b] {
                    p.line(
                        &[(end.0 - cap, end.1), (end.0 + cap, end.1)],
                        &colour,
                        style::THIN,
                    )?;
                }
            }
        }
        for (k, (_, ys)) in lines.series.iter().enumerate() {
            let colour = style::qualitative(k);
            // Runs of known values, drawn as polylines.
            let mut run: Vec<(f64, f64)> = Vec::new();
            for (x, y) in lines.x.iter().zip(ys) {
                if y.is_finite() {
                    run.push(frame.p(*x, *y));
                } else if !run.is_empty() {
                    p.line(&run, &colour, style::LINE)?;
                    run.clear();
                }
            }
            if !run.is_empty() {
                p.line(&run, &colour, style::LINE)?;
            }
            for (x, y) in lines.x.iter().zip(ys).filter(|(_, y)| y.is_finite()) {
                p.disc(frame.p(*x, *y), pt(1.4), &colour, &colour)?;
            }
        }
        frame.draw_box(p)?;
        frame.x_axis(p, &x_ticks, &parameter_title(&lines.parameter))?;
        let y_title = if lines.bands.is_empty() {
            "Rate".to_string()
        } else {
            format!("Rate (mean, 95% CI; {} replicates)", lines.replicates)
        };
        frame.y_axis(p, &y_ticks, &y_title)?;
        draw_legend_above(p, &entries, left)?;
        Ok(())
    })?;
    Ok(Figure { name, svg })
}
