//! Figures of a sensitivity analysis: the one-at-a-time tornado and the
//! Morris elementary effects (docs/model.md §15).

use super::draw::{svg_document, Frame, Painter};
use super::output::Figure;
use super::style::{self, DOUBLE_COLUMN_IN, THIN};
use super::tournament::{category_height, category_rows};
use crate::error::Result;
use crate::sensitivity::Sensitivity;
use plotters::style::BLACK;

/// The tornado: for each parameter (largest swing on top), a bar from the
/// outcome at its low end to the outcome at its high end; parameters whose
/// outcome falls as they rise are labelled ", falls" and drawn orange (blue:
/// rises), and a vertical line marks the outcome at the base configuration.
pub fn tornado_figure(s: &Sensitivity) -> Result<Figure> {
    let name = "sensitivity_tornado";
    let names: Vec<String> = s
        .one_at_a_time
        .iter()
        .map(|o| {
            let falls = if o.at_high < o.at_low { ", falls" } else { "" };
            format!(
                "{} {}:{}{falls}",
                o.range.parameter, o.range.low, o.range.high
            )
        })
        .collect();
    let (mut lo, mut hi) = (s.base, s.base);
    for o in &s.one_at_a_time {
        lo = lo.min(o.at_low.min(o.at_high));
        hi = hi.max(o.at_low.max(o.at_high));
    }
    let pad = ((hi - lo) * 0.05).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    let title = s.outcome.clone();
    let svg = rows_figure(name, &names, (lo, hi), &title, |p, f, k, cy, h| {
        let o = &s.one_at_a_time[k];
        let half = h * 0.32;
        let (a, b) = (o.at_low.min(o.at_high), o.at_low.max(o.at_high));
        let colour = if o.at_low <= o.at_high {
            &style::OKABE_ITO[4]
        } else {
            &style::OKABE_ITO[5]
        };
        let (x0, x1) = (f.px(a), f.px(b).max(f.px(a) + 1.0));
        p.fill_rect((x0, cy - half), (x1, cy + half), colour)?;
        let x = f.px(s.base);
        p.line(&[(x, cy - h * 0.5), (x, cy + h * 0.5)], &BLACK, THIN)?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The Morris screening: each parameter's μ* (mean absolute elementary
/// effect per unit of its range) as a bar, with a whisker of ± σ (the spread
/// of its effects: non-linearity or interactions), largest μ* on top.
/// `None` without a Morris design.
pub fn morris_figure(s: &Sensitivity) -> Result<Option<Figure>> {
    let Some(m) = &s.morris else {
        return Ok(None);
    };
    let name = "sensitivity_morris";
    let order = m.ranking();
    let names: Vec<String> = order.iter().map(|&i| s.parameters[i].clone()).collect();
    let hi = order
        .iter()
        .map(|&i| m.mu_star[i] + m.sigma[i])
        .fold(0.0, f64::max);
    let hi = if hi <= 0.0 { 1.0 } else { hi * 1.05 };
    let lo = order
        .iter()
        .map(|&i| m.mu_star[i] - m.sigma[i])
        .fold(0.0, f64::min)
        * 1.05;
    let title = format!("μ* of {} (whiskers: ± σ)", s.outcome);
    let svg = rows_figure(name, &names, (lo, hi), &title, |p, f, k, cy, h| {
        let i = order[k];
        let half = h * 0.32;
        if m.mu_star[i] > 0.0 {
            p.fill_rect(
                (f.px(0.0), cy - half),
                (f.px(m.mu_star[i]), cy + half),
                &style::OKABE_ITO[4],
            )?;
        }
        if m.sigma[i] > 0.0 {
            let (x0, x1) = (
                f.px(m.mu_star[i] - m.sigma[i]),
                f.px(m.mu_star[i] + m.sigma[i]),
            );
            p.line(&[(x0, cy), (x1, cy)], &BLACK, THIN)?;
            for x in [x0, x1] {
                p.line(&[(x, cy - half * 0.5), (x, cy + half * 0.5)], &BLACK, THIN)?;
            }
        }
        Ok(())
    })?;
    Ok(Some(Figure {
        name: name.into(),
        svg,
    }))
}

/// A double-column figure of one row per name over the x range `range`,
/// each row drawn by `draw_row` (as `category_rows`).
fn rows_figure(
    name: &str,
    names: &[String],
    range: (f64, f64),
    title: &str,
    draw_row: impl FnMut(&Painter, &Frame, usize, f64, f64) -> Result<()>,
) -> Result<String> {
    svg_document(
        name,
        DOUBLE_COLUMN_IN,
        category_height(names.len(), ""),
        |p| category_rows(p, names, range, title, (DOUBLE_COLUMN_IN, ""), draw_row),
    )
}
