//! Drawing helpers over plotters' SVG backend: a painter with the figure
//! style's primitives, a data-to-canvas frame with axes, ticks and labels,
//! legends and colour bars.
//!
//! Axes are drawn here rather than with plotters' mesh so that every label's
//! place is known: long category names, rotated labels and legends are laid
//! out from measured text widths, and nothing is clipped.

use super::style::{self, pt, DARK_GREY, LABEL_PT, SMALL_PT, THIN};
use super::text::math_to_unicode;
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The drawing area every figure draws on.
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum H {
    Left,
    Center,
    Right,
}

/// Vertical text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum V {
    Top,
    Center,
    Bottom,
}

/// Draws an SVG document of `width_in` x `height_in` inches with `draw` and
/// returns it, its root sized in inches.
pub(crate) fn svg_document(
    name: &str,
    width_in: f64,
    height_in: f64,
    draw: impl FnOnce(&Painter) -> Result<()>,
) -> Result<String> {
    style::register_fonts();
    let (w, h) = (style::inches(width_in), style::inches(height_in));
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        let painter = Painter {
            area: root,
            name: name.to_string(),
        };
        painter.area.fill(&WHITE).map_err(|e| painter.error(e))?;
        draw(&painter)?;
        painter.area.present().map_err(|e| painter.error(e))?;
    }
    let old = format!("<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"");
    let new = format!(
        "<svg width=\"{}in\" height=\"{}in\" viewBox=\"0 0 {w} {h}\"",
        trim_number(w as f64 / style::UNITS_PER_INCH),
        trim_number(h as f64 / style::UNITS_PER_INCH)
    );
    Ok(buf.replacen(&old, &new, 1))
}

fn trim_number(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The width of `text` at `size_pt`, SVG units (a slight over-estimate),
/// before any canvas exists.
pub(crate) fn text_width(text: &str, size_pt: f64) -> f64 {
    style::register_fonts();
    let text = &*math_to_unicode(text);
    match Painter::font(size_pt).box_size(text) {
        Ok((w, _)) => w as f64,
        Err(_) => pt(size_pt) * 0.62 * text.chars().count() as f64,
    }
}

/// The figure style's drawing primitives, in SVG units (y down).
pub(crate) struct Painter<'a> {
    area: Area<'a>,
    name: String,
}

fn c(x: f64) -> i32 {
    x.round() as i32
}

impl Painter<'_> {
    /// A figure error from a drawing error.
    pub fn error(&self, e: impl std::fmt::Display) -> Error {
        Error::Figure {
            figure: self.name.clone(),
            message: e.to_string(),
        }
    }

    fn font(size_pt: f64) -> FontDesc<'static> {
        FontDesc::new(FontFamily::SansSerif, pt(size_pt) * 1.24, FontStyle::Normal)
    }

    /// The width of `text` at `size_pt`, SVG units (a slight over-estimate).
    pub fn text_width(&self, text: &str, size_pt: f64) -> f64 {
        text_width(text, size_pt)
    }

    /// The widest of `texts` at `size_pt`.
    pub fn max_text_width<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        size_pt: f64,
    ) -> f64 {
        texts
            .into_iter()
            .map(|t| self.text_width(t, size_pt))
            .fold(0.0, f64::max)
    }

    /// Draws `text` anchored at `(x, y)`; `vertical` rotates it to read upward.
    /// LaTeX-like `$...$` spans are drawn as Unicode ([`math_to_unicode`]).
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size_pt: f64,
        h: H,
        v: V,
        vertical: bool,
        color: &RGBColor,
    ) -> Result<()> {
        let hp = match h {
            H::Left => HPos::Left,
            H::Center => HPos::Center,
            H::Right => HPos::Right,
        };
        let vp = match v {
            V::Top => VPos::Top,
            V::Center => VPos::Center,
            V::Bottom => VPos::Bottom,
        };
        let mut font = Self::font(size_pt);
        if vertical {
            font = font.transform(FontTransform::Rotate270);
        }
        let style = TextStyle::from(font).color(color).pos(Pos::new(hp, vp));
        self.area
            .draw_text(&math_to_unicode(text), &style, (c(x), c(y)))
            .map_err(|e| self.error(e))
    }

    /// A polyline.
    pub fn line(&self, points: &[(f64, f64)], color: &RGBColor, width: u32) -> Result<()> {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (c(x), c(y))).collect();
        self.area
            .draw(&PathElement::new(pts, color.stroke_width(width)))
            .map_err(|e| self.error(e))
    }

    /// A dashed polyline (dashes and gaps in points).
    pub fn dashed_line(
        &self,
        points: &[(f64, f64)],
        color: &RGBColor,
        width: u32,
        dash_pt: f64,
        gap_pt: f64,
    ) -> Result<()> {
        let (dash, gap) = (pt(dash_pt), pt(gap_pt));
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let len = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
            if len == 0.0 {
                continue;
            }
            let (ux, uy) = ((x1 - x0) / len, (y1 - y0) / len);
            let mut s = 0.0;
            while s < len {
                let e = (s + dash).min(len);
                self.line(
                    &[(x0 + ux * s, y0 + uy * s), (x0 + ux * e, y0 + uy * e)],
                    color,
                    width,
                )?;
                s = e + gap;
            }
        }
        Ok(())
    }

    /// A filled rectangle between two corners.
    pub fn fill_rect(
        &self,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        color: &RGBColor,
    ) -> Result<()> {
        self.area
            .draw(&Rectangle::new(
                [(c(x0), c(y0)), (c(x1), c(y1))],
                color.filled(),
            ))
            .map_err(|e| self.error(e))
    }

    /// A rectangle's outline.
    pub fn stroke_rect(
        &self,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        color: &RGBColor,
        width: u32,
    ) -> Result<()> {
        self.line(
            &[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
            color,
            width,
        )
    }

    /// A filled polygon.
    pub fn fill_polygon(&self, points: &[(f64, f64)], color: &RGBColor) -> Result<()> {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (c(x), c(y))).collect();
        self.area
            .draw(&Polygon::new(pts, color.filled()))
            .map_err(|e| self.error(e))
    }

    /// A filled disc of radius `r` (units) with an outline.
    pub fn disc(
        &self,
        (x, y): (f64, f64),
        r: f64,
        fill: &RGBColor,
        outline: &RGBColor,
    ) -> Result<()> {
        self.area
            .draw(&Circle::new((c(x), c(y)), c(r), fill.filled()))
            .map_err(|e| self.error(e))?;
        self.area
            .draw(&Circle::new((c(x), c(y)), c(r), outline.stroke_width(THIN)))
            .map_err(|e| self.error(e))
    }

    /// An open circle (white inside) of radius `r`.
    pub fn ring(&self, (x, y): (f64, f64), r: f64, outline: &RGBColor) -> Result<()> {
        self.disc((x, y), r, &WHITE, outline)
    }

    /// An arrow head at `tip` pointing along `(dx, dy)`, `size` units long.
    pub fn arrow_head(
        &self,
        tip: (f64, f64),
        (dx, dy): (f64, f64),
        size: f64,
        color: &RGBColor,
    ) -> Result<()> {
        let len = (dx * dx + dy * dy).sqrt();
        if len == 0.0 {
            return Ok(());
        }
        let (ux, uy) = (dx / len, dy / len);
        let (bx, by) = (tip.0 - ux * size, tip.1 - uy * size);
        let (nx, ny) = (-uy * size * 0.45, ux * size * 0.45);
        self.fill_polygon(&[tip, (bx + nx, by + ny), (bx - nx, by - ny)], color)
    }
}

/// A plotting frame: a rectangle on the canvas and the data ranges it shows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Frame {
    /// Canvas x of data x.
    pub fn px(&self, x: f64) -> f64 {
        self.left + (x - self.x.0) / (self.x.1 - self.x.0) * (self.right - self.left)
    }

    /// Canvas y of data y (data y grows upward).
    pub fn py(&self, y: f64) -> f64 {
        self.bottom - (y - self.y.0) / (self.y.1 - self.y.0) * (self.bottom - self.top)
    }

    /// Canvas point of a data point.
    pub fn p(&self, x: f64, y: f64) -> (f64, f64) {
        (self.px(x), self.py(y))
    }

    /// Draws the frame's box.
    pub fn draw_box(&self, p: &Painter) -> Result<()> {
        p.stroke_rect(
            (self.left, self.top),
            (self.right, self.bottom),
            &DARK_GREY,
            THIN,
        )
    }

    /// Bottom axis: ticks and labels at data positions `ticks`, and a title.
    pub fn x_axis(&self, p: &Painter, ticks: &[(f64, String)], title: &str) -> Result<()> {
        let tick = pt(3.0);
        for (x, label) in ticks {
            let cx = self.px(*x);
            p.line(
                &[(cx, self.bottom), (cx, self.bottom + tick)],
                &DARK_GREY,
                THIN,
            )?;
            p.text(
                label,
                (cx, self.bottom + tick + pt(1.5)),
                SMALL_PT,
                H::Center,
                V::Top,
                false,
                &BLACK,
            )?;
        }
        if !title.is_empty() {
            let y = self.bottom + tick + pt(1.5) + pt(SMALL_PT) * 1.2 + pt(2.0);
            p.text(
                title,
                ((self.left + self.right) / 2.0, y),
                LABEL_PT,
                H::Center,
                V::Top,
                false,
                &BLACK,
            )?;
        }
        Ok(())
    }

    /// Bottom axis with labels at `size_pt` rotated to read upward (long
    /// category names).
    pub fn x_axis_vertical_sized(
        &self,
        p: &Painter,
        ticks: &[(f64, String)],
        title: &str,
        size_pt: f64,
    ) -> Result<()> {
        let tick = pt(3.0);
        let mut longest: f64 = 0.0;
        for (x, label) in ticks {
            let cx = self.px(*x);
            p.line(
                &[(cx, self.bottom), (cx, self.bottom + tick)],
                &DARK_GREY,
                THIN,
            )?;
            p.text(
                label,
                (cx, self.bottom + tick + pt(1.5)),
                size_pt,
                H::Right,
                V::Center,
                true,
                &BLACK,
            )?;
            longest = longest.max(p.text_width(label, size_pt));
        }
        if !title.is_empty() {
            let y = self.bottom + tick + pt(1.5) + longest + pt(3.0);
            p.text(
                title,
                ((self.left + self.right) / 2.0, y),
                LABEL_PT,
                H::Center,
                V::Top,
                false,
                &BLACK,
            )?;
        }
        Ok(())
    }

    /// Height below the frame that [`Frame::x_axis`] uses.
    pub fn x_axis_height(title: bool) -> f64 {
        pt(3.0)
            + pt(1.5)
            + pt(SMALL_PT) * 1.2
            + if title {
                pt(2.0) + pt(LABEL_PT) * 1.25
            } else {
                0.0
            }
    }

    /// Height below the frame that [`Frame::x_axis_vertical_sized`] uses.
    pub fn x_axis_vertical_height_sized(
        p: &Painter,
        labels: &[String],
        title: bool,
        size_pt: f64,
    ) -> f64 {
        let longest = p.max_text_width(labels.iter().map(String::as_str), size_pt);
        pt(3.0)
            + pt(1.5)
            + longest
            + if title {
                pt(3.0) + pt(LABEL_PT) * 1.25
            } else {
                pt(1.0)
            }
    }

    /// Left axis: ticks and labels at data positions `ticks`, and a rotated
    /// title placed clear of the widest label.
    pub fn y_axis(&self, p: &Painter, ticks: &[(f64, String)], title: &str) -> Result<()> {
        self.y_axis_sized(p, ticks, title, SMALL_PT)
    }

    /// As [`Frame::y_axis`], labels at `size_pt`.
    pub fn y_axis_sized(
        &self,
        p: &Painter,
        ticks: &[(f64, String)],
        title: &str,
        size_pt: f64,
    ) -> Result<()> {
        let tick = pt(3.0);
        let mut widest: f64 = 0.0;
        for (y, label) in ticks {
            let cy = self.py(*y);
            p.line(&[(self.left - tick, cy), (self.left, cy)], &DARK_GREY, THIN)?;
            p.text(
                label,
                (self.left - tick - pt(1.5), cy),
                size_pt,
                H::Right,
                V::Center,
                false,
                &BLACK,
            )?;
            widest = widest.max(p.text_width(label, size_pt));
        }
        if !title.is_empty() {
            let x = self.left - tick - pt(1.5) - widest - pt(3.0);
            p.text(
                title,
                (x, (self.top + self.bottom) / 2.0),
                LABEL_PT,
                H::Center,
                V::Bottom,
                true,
                &BLACK,
            )?;
        }
        Ok(())
    }

    /// Width left of the frame that [`Frame::y_axis`] uses.
    pub fn y_axis_width(p: &Painter, labels: &[String], title: bool) -> f64 {
        Self::y_axis_width_sized(p, labels, title, SMALL_PT)
    }

    /// As [`Frame::y_axis_width`], labels at `size_pt`.
    pub fn y_axis_width_sized(p: &Painter, labels: &[String], title: bool, size_pt: f64) -> f64 {
        let widest = p.max_text_width(labels.iter().map(String::as_str), size_pt);
        pt(3.0)
            + pt(1.5)
            + widest
            + if title {
                pt(3.0) + pt(LABEL_PT) * 1.3
            } else {
                pt(1.0)
            }
    }

    /// Light horizontal grid lines at data y values.
    pub fn y_grid(&self, p: &Painter, ys: &[f64]) -> Result<()> {
        for &y in ys {
            let cy = self.py(y);
            p.line(
                &[(self.left, cy), (self.right, cy)],
                &style::LIGHT_GREY,
                THIN,
            )?;
        }
        Ok(())
    }

    /// Light vertical grid lines at data x values.
    pub fn x_grid(&self, p: &Painter, xs: &[f64]) -> Result<()> {
        for &x in xs {
            let cx = self.px(x);
            p.line(
                &[(cx, self.top), (cx, self.bottom)],
                &style::LIGHT_GREY,
                THIN,
            )?;
        }
        Ok(())
    }
}

/// "Nice" tick values covering \[lo, hi\]: at most about `max_ticks` (and
/// at least 4 where a finer nice step allows), steps of 1, 2, 2.5 or 5 times
/// a power of ten.
pub(crate) fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    let ticks_for = |step: f64| -> Vec<f64> {
        let first = (lo / step - 1e-9).ceil() as i64;
        let last = (hi / step + 1e-9).floor() as i64;
        let scale = 10f64.powi(decimals_for(step) as i32);
        (first..=last)
            .map(|k| (k as f64 * step * scale).round() / scale)
            .map(|v| if v == 0.0 { 0.0 } else { v })
            .collect()
    };
    let mut step = nice_step((hi - lo) / max_ticks.max(1) as f64);
    let mut ticks = ticks_for(step);
    while ticks.len() < 4 {
        // The next smaller nice step.
        let finer = nice_step(step * 0.99 / 2.5).max(nice_step(step * 0.5 * 0.99));
        let finer = if finer >= step { step / 2.0 } else { finer };
        let t = ticks_for(finer);
        if t.len() > max_ticks + 2 {
            break;
        }
        step = finer;
        ticks = t;
    }
    ticks
}

/// The smallest of 1, 2, 2.5, 5 (x 10^k) at least `raw`.
pub(crate) fn nice_step(raw: f64) -> f64 {
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw * (1.0 - 1e-9) {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Ticks labelled with just enough decimals for their step.
pub(crate) fn labelled_ticks(values: &[f64]) -> Vec<(f64, String)> {
    let step = if values.len() >= 2 {
        (values[1] - values[0]).abs()
    } else {
        1.0
    };
    let decimals = decimals_for(step);
    values
        .iter()
        .map(|&v| (v, format_tick(v, decimals)))
        .collect()
}

/// Decimals needed to tell ticks `step` apart.
pub(crate) fn decimals_for(step: f64) -> usize {
    let mut d = 0;
    while d < 6
        && ((step * 10f64.powi(d as i32)).round() - step * 10f64.powi(d as i32)).abs() > 1e-6
    {
        d += 1;
    }
    d
}

/// A tick label with a true minus sign.
pub(crate) fn format_tick(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    if let Some(rest) = s.strip_prefix('-') {
        if rest.chars().all(|c| c == '0' || c == '.') {
            rest.to_string()
        } else {
            format!("\u{2212}{rest}")
        }
    } else {
        s
    }
}

/// A data range padded by `pad` of its width on each side (a unit range
/// around a single value).
pub(crate) fn padded(lo: f64, hi: f64, pad: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-12 {
        return (lo - 0.5, hi + 0.5);
    }
    let w = hi - lo;
    (lo - pad * w, hi + pad * w)
}

/// A legend: one row per entry (swatch, then text), top-left at `(x, y)`.
/// Returns the legend's height.
pub(crate) fn legend(
    p: &Painter,
    (x, y): (f64, f64),
    entries: &[(String, LegendMark)],
) -> Result<f64> {
    let row = pt(SMALL_PT) * 1.45;
    let sw = pt(8.0);
    for (k, (label, mark)) in entries.iter().enumerate() {
        let cy = y + row * (k as f64 + 0.5);
        match mark {
            LegendMark::Swatch(color) => {
                p.fill_rect((x, cy - pt(3.0)), (x + sw, cy + pt(3.0)), color)?;
            }
            LegendMark::Line(color) => {
                p.line(&[(x, cy), (x + sw, cy)], color, style::LINE)?;
            }
            LegendMark::Dashed(color) => {
                p.dashed_line(&[(x, cy), (x + sw, cy)], color, style::LINE, 2.5, 1.5)?;
            }
            LegendMark::Point(color) => {
                p.disc((x + sw / 2.0, cy), pt(2.2), color, &BLACK)?;
            }
            LegendMark::Ring(color) => {
                p.ring((x + sw / 2.0, cy), pt(2.2), color)?;
            }
        }
        p.text(
            label,
            (x + sw + pt(3.0), cy),
            SMALL_PT,
            H::Left,
            V::Center,
            false,
            &BLACK,
        )?;
    }
    Ok(row * entries.len() as f64)
}

/// Width a [`legend`] of these labels takes.
pub(crate) fn legend_width(p: &Painter, labels: &[String]) -> f64 {
    pt(8.0) + pt(3.0) + p.max_text_width(labels.iter().map(String::as_str), SMALL_PT)
}

/// What a legend entry shows beside its text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LegendMark {
    /// A filled square.
    Swatch(RGBColor),
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A filled point.
    Point(RGBColor),
    /// An open point.
    Ring(RGBColor),
}

/// A vertical viridis colour bar between `top` and `bottom` at `x`, for
/// values `lo..hi`, with ticks on its right and a rotated title beyond them.
/// Returns the width it takes.
pub(crate) fn colour_bar(
    p: &Painter,
    x: f64,
    (top, bottom): (f64, f64),
    (lo, hi): (f64, f64),
    title: &str,
) -> Result<f64> {
    let w = pt(7.0);
    let steps = 64;
    for k in 0..steps {
        let t0 = k as f64 / steps as f64;
        let t1 = (k + 1) as f64 / steps as f64;
        let y0 = bottom - t0 * (bottom - top);
        let y1 = bottom - t1 * (bottom - top);
        p.fill_rect((x, y1 - 1.0), (x + w, y0), &style::viridis((t0 + t1) / 2.0))?;
    }
    p.stroke_rect((x, top), (x + w, bottom), &DARK_GREY, THIN)?;
    let ticks = labelled_ticks(&nice_ticks(lo, hi, 5));
    let mut widest: f64 = 0.0;
    for (v, label) in &ticks {
        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
        let cy = bottom - t * (bottom - top);
        p.line(&[(x + w, cy), (x + w + pt(2.5), cy)], &DARK_GREY, THIN)?;
        p.text(
            label,
            (x + w + pt(4.0), cy),
            SMALL_PT,
            H::Left,
            V::Center,
            false,
            &BLACK,
        )?;
        widest = widest.max(p.text_width(label, SMALL_PT));
    }
    let tx = x + w + pt(4.0) + widest + pt(3.0);
    p.text(
        title,
        (tx, (top + bottom) / 2.0),
        LABEL_PT,
        H::Center,
        V::Top,
        true,
        &BLACK,
    )?;
    Ok(colour_bar_width(p, (lo, hi)))
}

/// Width a [`colour_bar`] for `lo..hi` takes.
pub(crate) fn colour_bar_width(p: &Painter, (lo, hi): (f64, f64)) -> f64 {
    let ticks = labelled_ticks(&nice_ticks(lo, hi, 5));
    let widest = p.max_text_width(ticks.iter().map(|(_, s)| s.as_str()), SMALL_PT);
    pt(7.0) + pt(4.0) + widest + pt(3.0) + pt(LABEL_PT) * 1.3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_and_ticks() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(1.0), 1.0);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(0.3, 2.9, 5), vec![0.5, 1.0, 1.5, 2.0, 2.5]);
        let t = labelled_ticks(&nice_ticks(-1.0, 1.0, 4));
        assert_eq!(t[0].1, "\u{2212}1.0");
        assert_eq!(t[2].1, "0.0");
        assert_eq!(decimals_for(0.25), 2);
        assert_eq!(decimals_for(5.0), 0);
    }

    #[test]
    fn padding_and_frame_mapping() {
        assert_eq!(padded(1.0, 1.0, 0.1), (0.5, 1.5));
        assert_eq!(padded(0.0, 10.0, 0.05), (-0.5, 10.5));
        let f = Frame {
            left: 10.0,
            top: 0.0,
            right: 110.0,
            bottom: 50.0,
            x: (0.0, 1.0),
            y: (0.0, 10.0),
        };
        assert_eq!(f.p(0.5, 5.0), (60.0, 25.0));
        assert_eq!(f.py(10.0), 0.0);
    }
}
