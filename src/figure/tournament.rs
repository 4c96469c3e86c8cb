//! Tournament figures: score distribution, payoff heat map, wins, and
//! cooperation against score.

use super::data::{BoxStats, HeatGrid, NamedBox, PostureBar, RangeBar, ScatterPoint};
use super::draw::{
    colour_bar, colour_bar_width, labelled_ticks, nice_ticks, padded, svg_document, Frame, Painter,
    H, V,
};
use super::output::Figure;
use super::style::{
    self, pt, DARK_GREY, DOUBLE_COLUMN_IN, LABEL_PT, LINE, SINGLE_COLUMN_IN, SMALL_PT, THIN,
};
use crate::error::Result;
use plotters::style::{RGBColor, BLACK, WHITE};

/// Height of one category row, points.
const ROW_PT: f64 = 11.0;
/// Space above the frame, points.
const TOP_PT: f64 = 6.0;
/// Space right of the frame, points (half a tick label).
const RIGHT_PT: f64 = 10.0;

/// A horizontal category chart: one row per name (first at the top), a
/// numeric x axis, and `note` (what the marks mean; none when empty) in a
/// line above the frame. Returns the frame after drawing axes; `draw_row`
/// draws row k at canvas y `cy` with row height `h`.
pub(super) fn category_rows(
    p: &Painter,
    names: &[String],
    (lo, hi): (f64, f64),
    x_title: &str,
    (width_in, note): (f64, &str),
    mut draw_row: impl FnMut(&Painter, &Frame, usize, f64, f64) -> Result<()>,
) -> Result<()> {
    let left = Frame::y_axis_width(p, names, false) + pt(2.0);
    let row = pt(ROW_PT);
    let top = pt(TOP_PT) + note_height(note);
    if !note.is_empty() {
        p.text(
            note,
            (pt(3.0), pt(3.0)),
            SMALL_PT,
            H::Left,
            V::Top,
            false,
            &DARK_GREY,
        )?;
    }
    let frame = Frame {
        left,
        top,
        right: style::inches(width_in) as f64 - pt(RIGHT_PT),
        bottom: top + row * names.len() as f64,
        x: (lo, hi),
        y: (0.0, names.len() as f64),
    };
    let ticks = nice_ticks(lo, hi, 5);
    frame.x_grid(p, &ticks)?;
    for k in 0..names.len() {
        let cy = top + row * (k as f64 + 0.5);
        draw_row(p, &frame, k, cy, row)?;
    }
    frame.draw_box(p)?;
    frame.x_axis(p, &labelled_ticks(&ticks), x_title)?;
    let y_ticks: Vec<(f64, String)> = names
        .iter()
        .enumerate()
        .map(|(k, n)| (names.len() as f64 - k as f64 - 0.5, n.clone()))
        .collect();
    frame.y_axis(p, &y_ticks, "")?;
    Ok(())
}

/// Height of the note line above a category chart (none when empty).
fn note_height(note: &str) -> f64 {
    if note.is_empty() {
        0.0
    } else {
        pt(SMALL_PT) * 1.4
    }
}

/// Height, inches, of a category chart of `n` rows with `note`.
pub(super) fn category_height(n: usize, note: &str) -> f64 {
    (pt(TOP_PT) + note_height(note) + pt(ROW_PT) * n as f64 + Frame::x_axis_height(true) + pt(3.0))
        / style::UNITS_PER_INCH
}

/// Smallest width of a category chart's plot area, inches.
const PLOT_MIN_IN: f64 = 2.0;

/// Width, inches, of a category chart of `names` (drawn by `figure`): a
/// single column, wider when the names leave the plot area less than
/// [`PLOT_MIN_IN`].
pub(super) fn category_width(figure: &str, names: &[String]) -> Result<f64> {
    let mut labels = 0.0;
    svg_document(figure, 0.1, 0.1, |p| {
        labels = Frame::y_axis_width(p, names, false) + pt(2.0) + pt(RIGHT_PT);
        Ok(())
    })?;
    Ok(SINGLE_COLUMN_IN.max(labels / style::UNITS_PER_INCH + PLOT_MIN_IN))
}

/// Fewest repetitions drawn as a box plot; fewer are drawn as points.
pub const MIN_BOX_SAMPLE: usize = 10;

/// The range of box plots, whiskers and outliers included.
fn box_range(boxes: &[NamedBox]) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for b in boxes {
        let s = &b.stats;
        for v in s
            .outliers
            .iter()
            .chain([s.lower_whisker, s.upper_whisker].iter())
        {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    padded(lo, hi, 0.05)
}

fn draw_box(p: &Painter, f: &Frame, s: &BoxStats, cy: f64, h: f64) -> Result<()> {
    let half = h * 0.32;
    let fill = RGBColor(0xBF, 0xE1, 0xF6); // light sky blue
    p.line(
        &[(f.px(s.lower_whisker), cy), (f.px(s.q1), cy)],
        &BLACK,
        THIN,
    )?;
    p.line(
        &[(f.px(s.q3), cy), (f.px(s.upper_whisker), cy)],
        &BLACK,
        THIN,
    )?;
    for w in [s.lower_whisker, s.upper_whisker] {
        p.line(
            &[(f.px(w), cy - half * 0.6), (f.px(w), cy + half * 0.6)],
            &BLACK,
            THIN,
        )?;
    }
    let (x0, x1) = (f.px(s.q1), f.px(s.q3).max(f.px(s.q1) + 1.0));
    p.fill_rect((x0, cy - half), (x1, cy + half), &fill)?;
    p.stroke_rect((x0, cy - half), (x1, cy + half), &BLACK, THIN)?;
    p.line(
        &[(f.px(s.median), cy - half), (f.px(s.median), cy + half)],
        &BLACK,
        LINE,
    )?;
    for o in &s.outliers {
        p.ring((f.px(*o), cy), pt(1.6), &BLACK)?;
    }
    Ok(())
}

/// Each player's mean payoff per turn over the repetitions, best-ranked at
/// the top: box plots when there are at least [`MIN_BOX_SAMPLE`]
/// repetitions, otherwise every repetition as a point with the median
/// marked (quartiles of a handful of values mislead). A note above the
/// plot says which.
pub fn score_distribution_figure(boxes: &[NamedBox]) -> Result<Figure> {
    let name = "score_distribution";
    let names: Vec<String> = boxes.iter().map(|b| b.name.clone()).collect();
    let range = box_range(boxes);
    let n = boxes.iter().map(|b| b.stats.n).max().unwrap_or(0);
    let as_boxes = n >= MIN_BOX_SAMPLE;
    let note = if as_boxes {
        format!("{n} repetitions: boxes quartiles, whiskers 1.5 IQR, rings beyond")
    } else {
        format!("Dots: each of {n} repetitions; bars: medians")
    };
    let width = category_width(name, &names)?;
    let svg = svg_document(name, width, category_height(names.len(), &note), |p| {
        category_rows(
            p,
            &names,
            range,
            "Mean payoff per turn",
            (width, &note),
            |p, f, k, cy, h| {
                if as_boxes {
                    draw_box(p, f, &boxes[k].stats, cy, h)
                } else {
                    draw_points(p, f, &boxes[k], cy, h)
                }
            },
        )
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// Every value of a small sample as a dot (ties stacked slightly apart) and
/// its median as a bar.
fn draw_points(p: &Painter, f: &Frame, b: &NamedBox, cy: f64, h: f64) -> Result<()> {
    let half = h * 0.32;
    p.line(
        &[
            (f.px(b.stats.median), cy - half),
            (f.px(b.stats.median), cy + half),
        ],
        &BLACK,
        LINE,
    )?;
    let colour = style::OKABE_ITO[4];
    for (k, v) in b.values.iter().enumerate() {
        // Equal values alternate above and below the row's line.
        let ties = b.values[..k].iter().filter(|w| *w == v).count();
        let dy = match ties {
            0 => 0.0,
            t if t % 2 == 1 => -pt(1.2) * t.div_ceil(2) as f64,
            t => pt(1.2) * (t / 2) as f64,
        };
        p.disc((f.px(*v), cy + dy), pt(1.5), &colour, &BLACK)?;
    }
    Ok(())
}

/// Bars of matches won per repetition (mean, with the range over
/// repetitions as an error bar), in ranking order; a note above the plot
/// says what the bars and whiskers are.
pub fn wins_figure(bars: &[RangeBar]) -> Result<Figure> {
    let name = "wins";
    let names: Vec<String> = bars.iter().map(|b| b.name.clone()).collect();
    let hi = bars.iter().map(|b| b.high.max(b.value)).fold(0.0, f64::max);
    let hi = if hi <= 0.0 { 1.0 } else { hi * 1.05 };
    let note = "Bars: mean over repetitions; whiskers: fewest to most";
    let width = category_width(name, &names)?;
    let svg = svg_document(name, width, category_height(names.len(), note), |p| {
        category_rows(
            p,
            &names,
            (0.0, hi),
            "Matches won per repetition",
            (width, note),
            |p, f, k, cy, h| {
                let b = &bars[k];
                let half = h * 0.32;
                if b.value > 0.0 {
                    p.fill_rect(
                        (f.px(0.0), cy - half),
                        (f.px(b.value), cy + half),
                        &style::OKABE_ITO[4],
                    )?;
                }
                if b.high > b.low {
                    let (x0, x1) = (f.px(b.low), f.px(b.high));
                    p.line(&[(x0, cy), (x1, cy)], &BLACK, THIN)?;
                    for x in [x0, x1] {
                        p.line(&[(x, cy - half * 0.5), (x, cy + half * 0.5)], &BLACK, THIN)?;
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

/// Colours of R, A and H in the posture figure.
pub const POSTURE_COLOURS: [RGBColor; 3] = [
    style::OKABE_ITO[4],
    style::OKABE_ITO[5],
    style::OKABE_ITO[2],
];

/// Stacked bars of each player's shares of R (blue), A (vermillion) and H
/// (green) in a three-action tournament, in ranking order.
pub fn posture_shares_figure(bars: &[PostureBar]) -> Result<Figure> {
    let name = "postures";
    let names: Vec<String> = bars.iter().map(|b| b.name.clone()).collect();
    let width = category_width(name, &names)?;
    let svg = svg_document(name, width, category_height(names.len(), ""), |p| {
        category_rows(
            p,
            &names,
            (0.0, 1.0),
            "Share of moves (R blue, A red, H green)",
            (width, ""),
            |p, f, k, cy, h| {
                let half = h * 0.36;
                let mut x = 0.0;
                for (share, colour) in bars[k].shares.iter().zip(&POSTURE_COLOURS) {
                    if *share > 0.0 {
                        p.fill_rect(
                            (f.px(x), cy - half),
                            (f.px((x + share).min(1.0)), cy + half),
                            colour,
                        )?;
                    }
                    x += share;
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

/// Largest label font of the heat map, points (the figures' tick labels).
pub const HEAT_LABEL_MAX_PT: f64 = SMALL_PT;
/// Smallest label font of the heat map, points: below it labels are thinned.
pub const HEAT_LABEL_MIN_PT: f64 = 5.0;
/// Label pitch (distance between neighbouring labels' baselines) as a
/// multiple of the font size: the labels' line spacing.
pub const HEAT_LABEL_SPACING: f64 = 1.2;
/// Largest heat-map cell, points.
const HEAT_CELL_MAX_PT: f64 = 26.0;

/// The heat map's labels: their font size in points and the stride `k`
/// (every `k`-th player is labelled, the first always). The rule: cells are
/// square and the map is a double column wide; labels take the
/// [`HEAT_LABEL_MAX_PT`] font when a cell is at least
/// [`HEAT_LABEL_SPACING`] times it tall, else the font shrinks with the
/// cells to `cell / HEAT_LABEL_SPACING`, down to [`HEAT_LABEL_MIN_PT`];
/// below that every `k`-th player is labelled, `k` the smallest stride whose
/// `k` cells hold a label at the floor. The label widths feed back into the
/// cell size (narrower labels leave more room to the cells), so the search
/// only ever shrinks the font or raises the stride.
fn heat_labels(cell_for: impl Fn(f64, usize) -> f64) -> (f64, usize) {
    let (mut size, mut stride) = (HEAT_LABEL_MAX_PT, 1usize);
    for _ in 0..256 {
        let pitch = cell_for(size, stride) * stride as f64;
        if pitch >= pt(size) * HEAT_LABEL_SPACING * (1.0 - 1e-9) {
            break;
        }
        if size > HEAT_LABEL_MIN_PT {
            size = (pitch / pt(1.0) / HEAT_LABEL_SPACING).max(HEAT_LABEL_MIN_PT);
        } else {
            let need = (pt(size) * HEAT_LABEL_SPACING / pitch * stride as f64).ceil() as usize;
            stride = need.max(stride + 1);
        }
    }
    (size, stride)
}

/// Every `stride`-th name (the first always), with its index.
fn every_kth(names: &[String], stride: usize) -> Vec<(usize, String)> {
    names
        .iter()
        .enumerate()
        .filter(|(k, _)| k % stride.max(1) == 0)
        .map(|(k, n)| (k, n.clone()))
        .collect()
}

/// Heat map of the mean payoff per turn of each row player against each
/// column player, annotated with the values when there are at most
/// `annotate_max` players.
///
/// With many players the labels scale (see [`HEAT_LABEL_MAX_PT`],
/// [`HEAT_LABEL_MIN_PT`]): the font shrinks with the cells so that
/// neighbouring labels are [`HEAT_LABEL_SPACING`] font sizes apart, and
/// below the floor every k-th player is labelled (ticks mark the labelled
/// rows and columns).
pub fn payoff_heat_map_figure(grid: &HeatGrid, annotate_max: usize) -> Result<Figure> {
    labelled_heat_map_figure(
        grid,
        annotate_max,
        &HeatMapText {
            name: "payoff_heat_map",
            x_title: "Opponent",
            y_title: "Player",
            scale: "Mean payoff per turn",
        },
    )
}

/// The names and titles of a [`labelled_heat_map_figure`].
#[derive(Debug, Clone, Copy)]
pub struct HeatMapText<'a> {
    /// The figure's file stem.
    pub name: &'a str,
    /// The title under the column labels.
    pub x_title: &'a str,
    /// The title beside the row labels.
    pub y_title: &'a str,
    /// The colour bar's label.
    pub scale: &'a str,
}

/// Decimals of a heat map's cell values: 1 when the range spans 10 or more;
/// otherwise 2, or up to 4 so that no value but 0 prints as zero, as far as
/// the widest value still fits its cell.
fn annotation_decimals(p: &Painter, grid: &HeatGrid, cell: f64) -> usize {
    let (lo, hi) = grid.range;
    if hi - lo >= 10.0 {
        return 1;
    }
    let values = || grid.values.iter().flatten().filter(|v| v.is_finite());
    let smallest = values()
        .map(|v| v.abs())
        .filter(|&v| v > 0.0)
        .fold(f64::INFINITY, f64::min);
    let widest = values().map(|v| v.abs()).fold(0.0, f64::max);
    let mut decimals = 2;
    while decimals < 4 && smallest < 0.5 * 10f64.powi(-(decimals as i32)) {
        decimals += 1;
    }
    while decimals > 2 && p.text_width(&format!("-{widest:.decimals$}"), SMALL_PT) > cell * 0.9 {
        decimals -= 1;
    }
    decimals
}

/// A heat map cell's value to `decimals` places; a value other than 0 too
/// small to show a digit is `<0.01` or `>-0.01` (at 2 places), not `0.00`.
fn cell_value(v: f64, decimals: usize) -> String {
    let unit = 10f64.powi(-(decimals as i32));
    if v > 0.0 && v < 0.5 * unit {
        format!("<{unit:.decimals$}")
    } else if v < 0.0 && v > -0.5 * unit {
        format!(">-{unit:.decimals$}")
    } else {
        format!("{v:.decimals$}")
    }
}

/// Heat map of a matrix with labelled rows and columns, annotated with the
/// values when neither has more than `annotate_max` entries; labels scale and
/// thin out as in [`payoff_heat_map_figure`].
pub fn labelled_heat_map_figure(
    grid: &HeatGrid,
    annotate_max: usize,
    text: &HeatMapText<'_>,
) -> Result<Figure> {
    let name = text.name;
    let (nr, nc) = (grid.rows.len(), grid.columns.len());
    let width = style::inches(DOUBLE_COLUMN_IN) as f64;
    let shown = |names: &[String], stride: usize| -> Vec<String> {
        every_kth(names, stride)
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    };
    // The layout for labels at `size` points, every `stride`-th shown.
    let layout = |p: &Painter, size: f64, stride: usize| {
        let left = Frame::y_axis_width_sized(p, &shown(&grid.rows, stride), true, size) + pt(2.0);
        let bottom =
            Frame::x_axis_vertical_height_sized(p, &shown(&grid.columns, stride), true, size)
                + pt(2.0);
        let bar = pt(10.0) + colour_bar_width(p, grid.range);
        let cell =
            ((width - left - bar - pt(4.0)) / nr.max(nc).max(1) as f64).min(pt(HEAT_CELL_MAX_PT));
        (left, bottom, cell)
    };
    let (mut height_in, mut width_in) = (0.0, DOUBLE_COLUMN_IN);
    let mut labels = (HEAT_LABEL_MAX_PT, 1);
    // The map's top edge: lower than TOP_PT when the colour bar's title,
    // centred on a short map, would reach above the canvas.
    let mut top = pt(TOP_PT);
    // A throw-away measurement pass sizes the labels and the canvas: as
    // wide as the map needs (cells stop growing at HEAT_CELL_MAX_PT, so a
    // small tournament's map is narrower than a double column), at least a
    // single column.
    svg_document(name, 0.1, 0.1, |p| {
        labels = heat_labels(|size, stride| layout(p, size, stride).2);
        let (left, bottom, cell) = layout(p, labels.0, labels.1);
        let map = cell * nr as f64;
        let overhang = ((p.text_width(text.scale, LABEL_PT) - map) / 2.0 + pt(2.0)).max(0.0);
        top = top.max(overhang);
        height_in = (top + map + bottom.max(overhang)) / style::UNITS_PER_INCH;
        let used = left + cell * nc as f64 + pt(10.0) + colour_bar_width(p, grid.range) + pt(4.0);
        width_in = (used / style::UNITS_PER_INCH).clamp(SINGLE_COLUMN_IN, DOUBLE_COLUMN_IN);
        Ok(())
    })?;
    let (label_pt, stride) = labels;
    let svg = svg_document(name, width_in, height_in, |p| {
        let (left, _, cell) = layout(p, label_pt, stride);
        let frame = Frame {
            left,
            top,
            right: left + cell * nc as f64,
            bottom: top + cell * nr as f64,
            x: (0.0, nc as f64),
            y: (0.0, nr as f64),
        };
        let (lo, hi) = grid.range;
        let t = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
        let decimals = annotation_decimals(p, grid, cell);
        for (r, row) in grid.values.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let x0 = frame.left + cell * c as f64;
                let y0 = frame.top + cell * r as f64;
                // Overlap neighbours by one unit so anti-aliasing leaves no seams.
                p.fill_rect(
                    (x0, y0),
                    (x0 + cell + 1.0, y0 + cell + 1.0),
                    &style::viridis(t(*v)),
                )?;
                if nr.max(nc) <= annotate_max && v.is_finite() {
                    let colour = if style::viridis_needs_white_text(t(*v)) {
                        WHITE
                    } else {
                        BLACK
                    };
                    p.text(
                        &cell_value(*v, decimals),
                        (x0 + cell / 2.0, y0 + cell / 2.0),
                        SMALL_PT,
                        H::Center,
                        V::Center,
                        false,
                        &colour,
                    )?;
                }
            }
        }
        frame.draw_box(p)?;
        let x_ticks: Vec<(f64, String)> = every_kth(&grid.columns, stride)
            .into_iter()
            .map(|(k, n)| (k as f64 + 0.5, n))
            .collect();
        let y_ticks: Vec<(f64, String)> = every_kth(&grid.rows, stride)
            .into_iter()
            .map(|(k, n)| (nr as f64 - k as f64 - 0.5, n))
            .collect();
        frame.x_axis_vertical_sized(p, &x_ticks, text.x_title, label_pt)?;
        frame.y_axis_sized(p, &y_ticks, text.y_title, label_pt)?;
        colour_bar(
            p,
            frame.right + pt(10.0),
            (frame.top, frame.bottom),
            grid.range,
            text.scale,
        )?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// Label boxes placed so far (x0, y0, x1, y1), for the greedy placement.
type Boxes = Vec<(f64, f64, f64, f64)>;

fn overlaps(a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Height of the cooperation plot without a key below it, inches.
pub const COOPERATION_HEIGHT_IN: f64 = 3.2;
/// Narrowest plotting frame the cooperation plot's key may leave beside
/// it, inches; a key that would squeeze the frame more goes below the plot.
pub const COOPERATION_MIN_FRAME_IN: f64 = 4.0;

/// Where the cooperation plot's key goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum KeyPlace {
    /// One column right of the frame.
    Right,
    /// Below the x axis in columns of `rows` rows; the canvas grows.
    Below { rows: usize },
}

/// Scatter of cooperation rating against median score; points are numbered
/// by rank (placed greedily clear of other points and labels) and a key
/// names them.
///
/// The key stands in one column right of the plot when it fits there: all
/// its rows within the frame's height and the frame still at least
/// [`COOPERATION_MIN_FRAME_IN`] wide. Otherwise (many players, long names)
/// it goes below the plot in as many columns as the width holds, the frame
/// spanning the width and the canvas growing downward by the key's height;
/// the frame's height is the same in both cases.
pub fn cooperation_score_figure(points: &[ScatterPoint]) -> Result<Figure> {
    let name = "cooperation_vs_score";
    let key: Vec<String> = points
        .iter()
        .map(|s| format!("{}  {}", s.rank, s.name))
        .collect();
    let (ylo, yhi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), s| {
            (a.min(s.y), b.max(s.y))
        });
    let (ylo, yhi) = padded(ylo, yhi, 0.08);
    let y_ticks = labelled_ticks(&nice_ticks(ylo, yhi, 5));
    let y_labels: Vec<String> = y_ticks.iter().map(|(_, s)| s.clone()).collect();
    let total_w = style::inches(DOUBLE_COLUMN_IN) as f64;
    let key_row = pt(SMALL_PT) * 1.3;
    let frame_top = pt(TOP_PT);
    let frame_bottom =
        style::inches(COOPERATION_HEIGHT_IN) as f64 - Frame::x_axis_height(true) - pt(3.0);
    let (mut left, mut col_w, mut place) = (0.0, 0.0, KeyPlace::Right);
    svg_document(name, 0.1, 0.1, |p| {
        left = Frame::y_axis_width(p, &y_labels, true) + pt(2.0);
        col_w = p.max_text_width(key.iter().map(String::as_str), SMALL_PT) + pt(6.0);
        let fits_height = key_row * points.len() as f64 <= frame_bottom - frame_top;
        let frame_w = total_w - col_w - pt(12.0) - left;
        place = if fits_height && frame_w >= style::inches(COOPERATION_MIN_FRAME_IN) as f64 {
            KeyPlace::Right
        } else {
            let cols = (((total_w - pt(4.0)) / col_w).floor() as usize).max(1);
            let rows = points.len().div_ceil(cols).max(1);
            KeyPlace::Below { rows }
        };
        Ok(())
    })?;
    let key_top = style::inches(COOPERATION_HEIGHT_IN) as f64 + pt(2.0);
    let height_in = match place {
        KeyPlace::Right => COOPERATION_HEIGHT_IN,
        KeyPlace::Below { rows } => {
            (key_top + key_row * rows as f64 + pt(4.0)) / style::UNITS_PER_INCH
        }
    };
    let svg = svg_document(name, DOUBLE_COLUMN_IN, height_in, |p| {
        let right = match place {
            KeyPlace::Right => total_w - col_w - pt(12.0),
            KeyPlace::Below { .. } => total_w - pt(RIGHT_PT),
        };
        let frame = Frame {
            left,
            top: frame_top,
            right,
            bottom: frame_bottom,
            x: (-0.04, 1.04),
            y: (ylo, yhi),
        };
        let x_ticks = nice_ticks(0.0, 1.0, 5);
        frame.x_grid(p, &x_ticks)?;
        frame.y_grid(p, &y_ticks.iter().map(|t| t.0).collect::<Vec<_>>())?;
        let r = pt(2.2);
        let centres: Vec<(f64, f64)> = points.iter().map(|s| frame.p(s.x, s.y)).collect();
        for c in &centres {
            p.disc(*c, r, &style::OKABE_ITO[4], &BLACK)?;
        }
        // Greedy label placement in rank order.
        let mut placed: Boxes = centres
            .iter()
            .map(|&(x, y)| (x - r, y - r, x + r, y + r))
            .collect();
        let h = pt(SMALL_PT) * 0.8;
        for (k, s) in points.iter().enumerate() {
            let label = s.rank.to_string();
            let w = p.text_width(&label, SMALL_PT);
            let (cx, cy) = centres[k];
            let g = r + pt(1.0);
            let candidates = [
                (cx + g, cy - h / 2.0),
                (cx - g - w, cy - h / 2.0),
                (cx - w / 2.0, cy - g - h),
                (cx - w / 2.0, cy + g),
                (cx + g * 0.8, cy - g * 0.8 - h),
                (cx - g * 0.8 - w, cy - g * 0.8 - h),
                (cx + g * 0.8, cy + g * 0.8),
                (cx - g * 0.8 - w, cy + g * 0.8),
                (cx + g + w, cy - h / 2.0),
                (cx - 2.0 * g - 2.0 * w, cy - h / 2.0),
            ];
            let inside = |b: &(f64, f64, f64, f64)| {
                b.0 >= frame.left && b.2 <= frame.right && b.1 >= frame.top && b.3 <= frame.bottom
            };
            let choice = candidates
                .iter()
                .map(|&(x, y)| (x, y, x + w, y + h))
                .find(|b| inside(b) && !placed.iter().any(|o| overlaps(b, o)))
                .unwrap_or((cx + g, cy - h / 2.0, cx + g + w, cy + h / 2.0));
            // A leader line when the label sits away from its point.
            let (lx, ly) = ((choice.0 + choice.2) / 2.0, (choice.1 + choice.3) / 2.0);
            if ((lx - cx).powi(2) + (ly - cy).powi(2)).sqrt() > 2.5 * g + w {
                p.line(&[(cx, cy), (lx, ly)], &style::GREY, THIN)?;
            }
            p.text(
                &label,
                (choice.0, (choice.1 + choice.3) / 2.0),
                SMALL_PT,
                H::Left,
                V::Center,
                false,
                &BLACK,
            )?;
            placed.push(choice);
        }
        frame.draw_box(p)?;
        frame.x_axis(p, &labelled_ticks(&x_ticks), "Cooperation rating")?;
        frame.y_axis(p, &y_ticks, "Median payoff per turn")?;
        for (k, line) in key.iter().enumerate() {
            let (x, y) = match place {
                KeyPlace::Right => (
                    frame.right + pt(12.0),
                    frame.top + key_row * (k as f64 + 0.5),
                ),
                KeyPlace::Below { rows } => {
                    // Column-major, so ranks read down each column.
                    let (col, row) = (k / rows, k % rows);
                    (
                        pt(4.0) + col_w * col as f64,
                        key_top + key_row * (row as f64 + 0.5),
                    )
                }
            };
            p.text(
                line,
                (x, y),
                SMALL_PT,
                H::Left,
                V::Center,
                false,
                &DARK_GREY,
            )?;
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_values_other_than_zero_never_print_as_zero() {
        assert_eq!(cell_value(0.654, 2), "0.65");
        assert_eq!(cell_value(7.2e-15, 2), "<0.01");
        assert_eq!(cell_value(0.0, 2), "0.00");
        assert_eq!(cell_value(-1e-9, 2), ">-0.01");
        assert_eq!(cell_value(0.0012, 3), "0.001");
        assert_eq!(cell_value(0.0004, 3), "<0.001");
        assert_eq!(cell_value(-2.5, 1), "-2.5");
    }
}
