//! The figure of a logit QRE branch: each action's probability against the
//! precision λ on a logarithmic axis, from the first traced λ to where the
//! branch has settled at its limit.

use super::draw::{labelled_ticks, nice_ticks, svg_document, Frame, LegendMark};
use super::output::Figure;
use super::style::{self, pt, SINGLE_COLUMN_IN};
use super::sweep::{draw_legend_above, legend_above, LegendAbove};
use crate::equilibrium::qre::QrePoint;
use crate::error::{Error, Result};

/// A probability within this of its value at the branch's end counts as
/// settled: the figure's λ axis ends a decade after every action has
/// settled.
pub const SETTLED: f64 = 1e-3;

/// One action's probability along the branch.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionSeries {
    /// The player (0: row).
    pub player: usize,
    /// `"Row: C"`.
    pub label: String,
    /// The probability at each of [`BranchLines::lambdas`].
    pub probabilities: Vec<f64>,
}

/// The data of [`logit_branch_figure`].
#[derive(Debug, Clone, PartialEq)]
pub struct BranchLines {
    /// The traced precisions shown (all positive, in trace order).
    pub lambdas: Vec<f64>,
    /// One series per action of every player.
    pub series: Vec<ActionSeries>,
    /// The λ axis: `(10^a, 10^b)` for whole decades `a < b`.
    pub range: (f64, f64),
}

/// The figure's data from a traced branch (`trace`, in order from `λ = 0`)
/// and each player's name and action names (`players`, player 0 first). The
/// λ axis runs from the decade of the first positive λ to a decade past the
/// point where every probability has settled within [`SETTLED`] of its value
/// at the trace's end.
///
/// # Errors
/// [`Error::Figure`] when the trace has no point with `λ > 0` or its
/// profiles do not match `players`.
pub fn branch_lines(trace: &[QrePoint], players: &[(&str, &[String])]) -> Result<BranchLines> {
    let bad = |message: String| Error::Figure {
        figure: "logit_branch".into(),
        message,
    };
    let shown: Vec<&QrePoint> = trace.iter().filter(|p| p.lambda > 0.0).collect();
    let (Some(first), Some(end)) = (shown.first(), shown.last()) else {
        return Err(bad("the trace has no point with λ > 0".into()));
    };
    let sizes: Vec<usize> = players.iter().map(|(_, a)| a.len()).collect();
    if let Some(p) = shown
        .iter()
        .find(|p| p.strategies.iter().map(Vec::len).ne(sizes.iter().copied()))
    {
        return Err(bad(format!(
            "the point at λ = {} does not match the players' actions",
            p.lambda
        )));
    }
    let unsettled = shown.iter().rposition(|p| {
        p.strategies
            .iter()
            .flatten()
            .zip(end.strategies.iter().flatten())
            .any(|(a, b)| (a - b).abs() > SETTLED)
    });
    let settled_at = unsettled.map_or(first.lambda, |k| shown[(k + 1).min(shown.len() - 1)].lambda);
    let lo = first.lambda.log10().floor();
    let hi = (settled_at.log10().ceil() + 1.0)
        .min(end.lambda.log10().ceil())
        .max(lo + 1.0);
    let range = (10f64.powi(lo as i32), 10f64.powi(hi as i32));
    let kept: Vec<&&QrePoint> = shown.iter().filter(|p| p.lambda <= range.1).collect();
    let mut series = Vec::new();
    for (i, (player, actions)) in players.iter().enumerate() {
        for (a, action) in actions.iter().enumerate() {
            series.push(ActionSeries {
                player: i,
                label: format!("{player}: {action}"),
                probabilities: kept.iter().map(|p| p.strategies[i][a]).collect(),
            });
        }
    }
    Ok(BranchLines {
        lambdas: kept.iter().map(|p| p.lambda).collect(),
        series,
        range,
    })
}

/// A decade's label: plain decimals from 0.01 to 1000, `10ᵏ` beyond.
fn decade_label(k: i32) -> String {
    if (-2..=3).contains(&k) {
        let v = 10f64.powi(k);
        labelled_ticks(&[v, v * 10.0])[0].1.clone()
    } else {
        let digits: String = k
            .to_string()
            .chars()
            .map(|c| match c {
                '-' => '\u{207b}',
                d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d as usize - '0' as usize],
            })
            .collect();
        format!("10{digits}")
    }
}

/// Each action's probability against λ (logarithmic axis): one colour per
/// action, the row player's solid and the others' dashed (drawn over the
/// row player's, so that coinciding curves stay visible), the legend above
/// the plot. Named `logit_branch`.
pub fn logit_branch_figure(lines: &BranchLines) -> Result<Figure> {
    let name = "logit_branch".to_string();
    if lines.lambdas.is_empty() || lines.series.is_empty() {
        return Err(Error::Figure {
            figure: name,
            message: "no values to draw".into(),
        });
    }
    let styled: Vec<(String, LegendMark, bool)> = lines
        .series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let colour = style::qualitative(k);
            let solid = s.player == 0;
            let mark = if solid {
                LegendMark::Line(colour)
            } else {
                LegendMark::Dashed(colour)
            };
            (s.label.clone(), mark, solid)
        })
        .collect();
    let entries: Vec<(String, LegendMark)> =
        styled.iter().map(|(l, m, _)| (l.clone(), *m)).collect();
    let width = style::inches(SINGLE_COLUMN_IN) as f64;
    let y_ticks = labelled_ticks(&nice_ticks(0.0, 1.0, 5));
    let y_labels: Vec<String> = y_ticks.iter().map(|t| t.1.clone()).collect();
    let (a, b) = (
        lines.range.0.log10().round() as i32,
        lines.range.1.log10().round() as i32,
    );
    let every = ((b - a) as usize).div_ceil(7).max(1);
    let x_ticks: Vec<(f64, String)> = (a..=b)
        .filter(|k| (k - a) as usize % every == 0)
        .map(|k| (k as f64, decade_label(k)))
        .collect();
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
            x: (a as f64, b as f64),
            y: (-0.02, 1.02),
        };
        frame.x_grid(p, &x_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        frame.y_grid(p, &y_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        for (s, (_, mark, solid)) in lines.series.iter().zip(&styled) {
            let colour = match mark {
                LegendMark::Line(c) | LegendMark::Dashed(c) => *c,
                _ => style::GREY,
            };
            let pts: Vec<(f64, f64)> = lines
                .lambdas
                .iter()
                .zip(&s.probabilities)
                .map(|(l, v)| frame.p(l.log10().max(a as f64), *v))
                .collect();
            if *solid {
                p.line(&pts, &colour, style::LINE)?;
            } else {
                p.dashed_line(&pts, &colour, style::LINE, 3.0, 2.0)?;
            }
        }
        frame.draw_box(p)?;
        frame.x_axis(p, &x_ticks, "Precision \u{3bb} (log scale)")?;
        frame.y_axis(p, &y_ticks, "Probability")?;
        draw_legend_above(p, &entries, left)?;
        Ok(())
    })?;
    Ok(Figure { name, svg })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(lambda: f64, p: f64) -> QrePoint {
        QrePoint {
            lambda,
            strategies: vec![vec![p, 1.0 - p], vec![1.0 - p, p]],
        }
    }

    #[test]
    fn axis_ends_a_decade_after_the_branch_settles() {
        let trace: Vec<QrePoint> = [0.0, 0.03, 0.5, 4.0, 30.0, 2000.0, 1e6]
            .iter()
            .zip([0.5, 0.51, 0.7, 0.9995, 0.99995, 1.0, 1.0])
            .map(|(&l, p)| point(l, p))
            .collect();
        let names = ["C".to_string(), "D".to_string()];
        let lines = branch_lines(&trace, &[("Row", &names), ("Column", &names)]).unwrap();
        assert_eq!(lines.range, (0.01, 100.0));
        assert_eq!(lines.lambdas, vec![0.03, 0.5, 4.0, 30.0]);
        assert_eq!(lines.series[2].label, "Column: C");
        assert_eq!(decade_label(-2), "0.01");
        assert_eq!(decade_label(3), "1000");
        assert_eq!(decade_label(6), "10⁶");
        assert_eq!(decade_label(-4), "10⁻⁴");
        let figure = logit_branch_figure(&lines).unwrap();
        assert!(figure.svg.contains("Precision"));
        assert!(branch_lines(&trace[..1], &[("Row", &names), ("Column", &names)]).is_err());
        assert!(branch_lines(&trace, &[("Row", &names)]).is_err());
    }
}
