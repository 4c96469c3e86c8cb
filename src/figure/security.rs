//! Security-dilemma figures over the plane of offence-defence balance θ (x)
//! and differentiation δ (y), with Jervis's four worlds marked: a heat map of
//! a value (e.g. the rate of mutual cooperation of a sweep) and the class of
//! the stage game.
//!
//! ## References
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World
//!   Politics* 30(2):167-214, p. 211 (the four worlds).

use super::data::{cell_edges, ClassMap, ParameterGrid, StageEquilibriumMap};
use super::draw::{
    colour_bar, colour_bar_width, labelled_ticks, legend, legend_width, nice_ticks, svg_document,
    Frame, LegendMark, Painter, H, V,
};
use super::output::Figure;
use super::style::{self, pt, LABEL_PT, SINGLE_COLUMN_IN, SMALL_PT, THIN};
use crate::error::Result;
use crate::game::GameClass;
use plotters::style::{RGBColor, BLACK, WHITE};

const X_TITLE: &str = "Offence-defence balance \u{3b8}";
const Y_TITLE: &str = "Differentiation \u{3b4}";

/// The colour of a game class on the class map.
pub fn class_colour(c: GameClass) -> RGBColor {
    match c {
        GameClass::Harmony => style::OKABE_ITO[2],
        GameClass::StagHunt => style::OKABE_ITO[1],
        GameClass::Chicken => style::OKABE_ITO[0],
        GameClass::PrisonersDilemma => style::OKABE_ITO[5],
        GameClass::Deadlock => style::OKABE_ITO[6],
        GameClass::Other => style::GREY,
    }
}

/// Fills the cells of a (θ, δ) grid with `colour(j, i)`: every cell the same
/// size, centred on its grid value (the frame spans the cells' edges), runs
/// of one colour along a row drawn as one rectangle.
fn fill_cells(
    p: &Painter,
    f: &Frame,
    offence: &[f64],
    diff: &[f64],
    colour: impl Fn(usize, usize) -> RGBColor,
) -> Result<()> {
    let (ex, ey) = (cell_edges(offence), cell_edges(diff));
    for j in 0..diff.len() {
        let y0 = f.py(ey[j + 1].min(f.y.1));
        let y1 = f.py(ey[j].max(f.y.0));
        let mut i = 0;
        while i < offence.len() {
            let c = colour(j, i);
            let mut end = i + 1;
            while end < offence.len() && colour(j, end) == c {
                end += 1;
            }
            let x0 = f.px(ex[i].max(f.x.0));
            let x1 = f.px(ex[end].min(f.x.1));
            p.fill_rect((x0, y0), (x1 + 1.0, y1 + 1.0), &c)?;
            i = end;
        }
    }
    Ok(())
}

/// The plotted extent of a grid axis: from its first cell's lower edge to
/// its last cell's upper edge, so that edge cells are drawn whole.
fn axis_extent(axis: &[f64]) -> (f64, f64) {
    let e = cell_edges(axis);
    match (e.first(), e.last()) {
        (Some(lo), Some(hi)) => (*lo, *hi),
        _ => (0.0, 1.0),
    }
}

/// Dashed lines at θ = 0.5 and δ = 0.5 and the world numbers 1-4 in
/// white discs at the quadrants' centres.
fn jervis_overlay(p: &Painter, f: &Frame) -> Result<()> {
    let dash = |a: (f64, f64), b: (f64, f64)| {
        p.dashed_line(&[f.p(a.0, a.1), f.p(b.0, b.1)], &BLACK, THIN + 1, 3.0, 2.0)
    };
    dash((0.5, f.y.0), (0.5, f.y.1))?;
    dash((f.x.0, 0.5), (f.x.1, 0.5))?;
    for (world, (x, y)) in [
        (1, (0.75, 0.25)),
        (2, (0.25, 0.25)),
        (3, (0.75, 0.75)),
        (4, (0.25, 0.75)),
    ] {
        let c = f.p(x, y);
        p.disc(c, pt(5.5), &WHITE, &BLACK)?;
        p.text(
            &world.to_string(),
            (c.0, c.1),
            SMALL_PT + 1.0,
            H::Center,
            V::Center,
            false,
            &BLACK,
        )?;
    }
    Ok(())
}

/// Ticks of the plane's axes: the values of 0, 0.2, ..., 1 that lie in
/// `extent`.
type PlaneTicks = (Vec<(f64, String)>, Vec<(f64, String)>);

/// Frame of a square (θ, δ) plot `side` units wide with its axes' room,
/// spanning `extent` (θ's and δ's), with the ticks of 0, 0.2, ..., 1 that
/// fall inside it (x's and y's).
fn plane_frame(
    p: &Painter,
    side: f64,
    top: f64,
    extent: ((f64, f64), (f64, f64)),
) -> (Frame, PlaneTicks) {
    let ticks = labelled_ticks(&nice_ticks(0.0, 1.0, 5));
    let labels: Vec<String> = ticks.iter().map(|t| t.1.clone()).collect();
    let left = Frame::y_axis_width(p, &labels, true) + pt(2.0);
    let inside = |(lo, hi): (f64, f64)| -> Vec<(f64, String)> {
        ticks
            .iter()
            .filter(|(v, _)| *v >= lo - 1e-12 && *v <= hi + 1e-12)
            .cloned()
            .collect()
    };
    (
        Frame {
            left,
            top,
            right: left + side,
            bottom: top + side,
            x: extent.0,
            y: extent.1,
        },
        (inside(extent.0), inside(extent.1)),
    )
}

/// Heat map of a value over the (θ, δ) plane with Jervis's worlds marked.
pub fn jervis_heat_map_figure(grid: &ParameterGrid, name: &str) -> Result<Figure> {
    jervis_heat_map_figure_at(grid, name, "")
}

/// Height of a figure title line, SVG units (none for an empty title).
fn title_height(title: &str) -> f64 {
    if title.is_empty() {
        0.0
    } else {
        pt(LABEL_PT) * 1.4 + pt(2.0)
    }
}

/// Draws `title` centred across a figure `width` units wide at its top, its
/// font shrunk from the axis-title size if it would not fit.
fn draw_title(p: &Painter, title: &str, width: f64) -> Result<()> {
    if title.is_empty() {
        return Ok(());
    }
    let avail = width - pt(4.0);
    let w = p.text_width(title, LABEL_PT);
    let size = if w > avail {
        LABEL_PT * avail / w
    } else {
        LABEL_PT
    };
    p.text(
        title,
        (width / 2.0, pt(3.0)),
        size,
        H::Center,
        V::Top,
        false,
        &BLACK,
    )
}

/// As [`jervis_heat_map_figure`], with `title` (e.g. the slice of a sweep
/// with more axes, "at power = 0.5 (first of 3 values)") above the map; no
/// title line when it is empty.
pub fn jervis_heat_map_figure_at(grid: &ParameterGrid, name: &str, title: &str) -> Result<Figure> {
    plane_heat_map(grid, name, title, (X_TITLE, Y_TITLE), true)
}

/// Heat map of a value over any unit square — `grid.offence` along x and
/// `grid.differentiation` along y, under the given axis titles — drawn as
/// the Jervis map is but without the worlds (e.g. a fingerprint over the
/// probe's (x, y)).
pub fn unit_square_heat_map_figure(
    grid: &ParameterGrid,
    name: &str,
    title: &str,
    axes: (&str, &str),
) -> Result<Figure> {
    plane_heat_map(grid, name, title, axes, false)
}

/// The heat map over the unit square, with Jervis's worlds when `worlds`.
fn plane_heat_map(
    grid: &ParameterGrid,
    name: &str,
    title: &str,
    (x_title, y_title): (&str, &str),
    worlds: bool,
) -> Result<Figure> {
    grid.validate()?;
    let width_in = SINGLE_COLUMN_IN;
    let range = grid.colour_range();
    let extent = (
        axis_extent(&grid.offence),
        axis_extent(&grid.differentiation),
    );
    let mut side = 0.0;
    svg_document(name, 0.1, 0.1, |p| {
        let (f, _) = plane_frame(p, 0.0, 0.0, extent);
        side = style::inches(width_in) as f64
            - f.left
            - pt(10.0)
            - colour_bar_width(p, range)
            - pt(4.0);
        Ok(())
    })?;
    let top = pt(6.0) + title_height(title);
    let height_in = (top + side + Frame::x_axis_height(true) + pt(3.0)) / style::UNITS_PER_INCH;
    let svg = svg_document(name, width_in, height_in, |p| {
        draw_title(p, title, style::inches(width_in) as f64)?;
        let (f, ticks) = plane_frame(p, side, top, extent);
        let (lo, hi) = range;
        let t = |v: f64| {
            if hi > lo {
                ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
            } else {
                0.5
            }
        };
        fill_cells(p, &f, &grid.offence, &grid.differentiation, |j, i| {
            style::viridis(t(grid.values[j][i]))
        })?;
        if worlds {
            jervis_overlay(p, &f)?;
        }
        f.draw_box(p)?;
        f.x_axis(p, &ticks.0, x_title)?;
        f.y_axis(p, &ticks.1, y_title)?;
        colour_bar(p, f.right + pt(10.0), (f.top, f.bottom), range, &grid.label)?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// The class of the stage game over the (θ, δ) plane, Jervis's worlds and
/// the greed boundary marked, a legend of the classes present above it.
pub fn jervis_class_figure(map: &ClassMap) -> Result<Figure> {
    jervis_class_figure_at(map, "")
}

/// As [`jervis_class_figure`], with `title` above the legend (no title line
/// when it is empty).
pub fn jervis_class_figure_at(map: &ClassMap, title: &str) -> Result<Figure> {
    let mut entries: Vec<(String, LegendMark)> = map
        .present()
        .iter()
        .map(|c| (capitalise(c.label()), LegendMark::Swatch(class_colour(*c))))
        .collect();
    if map.greed_boundary.is_some() {
        entries.push(("Greed boundary (T = R)".into(), LegendMark::Line(BLACK)));
    }
    let classes = &map.classes;
    category_figure(
        "jervis_classes",
        (&map.offence, &map.differentiation),
        &|j, i| class_colour(classes[j][i]),
        &entries,
        map.greed_boundary,
        title,
    )
}

/// The colour of the `k`th category of a [`StageEquilibriumMap`].
fn category_colour(k: usize) -> RGBColor {
    style::qualitative(k)
}

/// The pure equilibria of the three-action stage game over the (θ, δ)
/// plane (the two-action class map does not describe a game with a
/// defensive posture), Jervis's worlds marked, a legend of the sets of
/// equilibria present above it. Named `jervis_stage_equilibria`.
pub fn jervis_equilibrium_figure_at(map: &StageEquilibriumMap, title: &str) -> Result<Figure> {
    let entries: Vec<(String, LegendMark)> = map
        .labels
        .iter()
        .enumerate()
        .map(|(k, l)| (l.clone(), LegendMark::Swatch(category_colour(k))))
        .collect();
    let cells = &map.cells;
    let heading = "Pure equilibria of the stage game (R restrain, A arm, H defend)";
    let title = match title {
        "" => heading.to_string(),
        slice => format!("{heading}, {slice}"),
    };
    category_figure(
        "jervis_stage_equilibria",
        (&map.offence, &map.differentiation),
        &|j, i| category_colour(cells[j][i]),
        &entries,
        None,
        &title,
    )
}

/// A map of categories over the (θ, δ) plane: cells coloured by
/// `colour(j, i)`, an optional vertical boundary line at θ = `boundary`,
/// Jervis's worlds, and the legend `entries` in rows above.
fn category_figure(
    name: &str,
    (offence, differentiation): (&[f64], &[f64]),
    colour: &dyn Fn(usize, usize) -> RGBColor,
    entries: &[(String, LegendMark)],
    boundary: Option<f64>,
    title: &str,
) -> Result<Figure> {
    let width_in = SINGLE_COLUMN_IN;
    let mut side = 0.0;
    let mut legend_rows = 1;
    let extent = (axis_extent(offence), axis_extent(differentiation));
    svg_document(name, 0.1, 0.1, |p| {
        let (f, _) = plane_frame(p, 0.0, 0.0, extent);
        side = style::inches(width_in) as f64 - f.left - pt(12.0);
        legend_rows = legend_layout(p, entries, f.left, side).len();
        Ok(())
    })?;
    let legend_h = pt(SMALL_PT) * 1.45 * legend_rows as f64;
    let head = title_height(title) + pt(4.0);
    let height_in = (head + legend_h + pt(6.0) + side + Frame::x_axis_height(true) + pt(3.0))
        / style::UNITS_PER_INCH;
    let svg = svg_document(name, width_in, height_in, |p| {
        draw_title(p, title, style::inches(width_in) as f64)?;
        let (f, ticks) = plane_frame(p, side, head + legend_h + pt(6.0), extent);
        fill_cells(p, &f, offence, differentiation, colour)?;
        if let Some(g) = boundary {
            p.line(&[f.p(g, f.y.0), f.p(g, f.y.1)], &BLACK, style::LINE)?;
        }
        jervis_overlay(p, &f)?;
        f.draw_box(p)?;
        f.x_axis(p, &ticks.0, X_TITLE)?;
        f.y_axis(p, &ticks.1, Y_TITLE)?;
        for (row, items) in legend_layout(p, entries, f.left, side).iter().enumerate() {
            for (x, k) in items {
                legend(
                    p,
                    (*x, head + pt(SMALL_PT) * 1.45 * row as f64),
                    std::slice::from_ref(&entries[*k]),
                )?;
            }
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// Places legend entries left to right from `x0`, wrapping within `width`:
/// rows of (x, entry index).
pub(crate) fn legend_layout(
    p: &Painter,
    entries: &[(String, LegendMark)],
    x0: f64,
    width: f64,
) -> Vec<Vec<(f64, usize)>> {
    let mut rows: Vec<Vec<(f64, usize)>> = vec![vec![]];
    let mut x = x0;
    for (k, e) in entries.iter().enumerate() {
        let w = legend_width(p, std::slice::from_ref(&e.0));
        if x > x0 && x + w > x0 + width {
            rows.push(vec![]);
            x = x0;
        }
        if let Some(r) = rows.last_mut() {
            r.push((x, k));
        }
        x += w + pt(10.0);
    }
    rows
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
