//! Game figures: the 2x2 best-response diagram with its equilibria.

use super::data::BestResponseDiagram;
use super::draw::{
    labelled_ticks, legend, legend_width, nice_ticks, svg_document, Frame, LegendMark,
};
use super::output::Figure;
use super::style::{self, pt, SINGLE_COLUMN_IN, SMALL_PT, THICK};
use crate::error::Result;
use plotters::style::BLACK;

/// Both players' best-response correspondences over the square of mixed
/// strategies (row: solid, column: dashed) and the Nash equilibria (black).
pub fn best_response_figure(d: &BestResponseDiagram) -> Result<Figure> {
    let name = "best_response";
    let width_in = SINGLE_COLUMN_IN;
    let legend_h = pt(SMALL_PT) * 1.45 * 2.0;
    // Square frame: the height follows from the width left by the y axis.
    let mut height_in = 0.0;
    svg_document(name, 0.1, 0.1, |p| {
        let labels: Vec<String> = labelled_ticks(&nice_ticks(0.0, 1.0, 4))
            .into_iter()
            .map(|t| t.1)
            .collect();
        let left = Frame::y_axis_width(p, &labels, true) + pt(2.0);
        let side = style::inches(width_in) as f64 - left - pt(12.0);
        height_in = (pt(4.0) + legend_h + pt(6.0) + side + Frame::x_axis_height(true) + pt(3.0))
            / style::UNITS_PER_INCH;
        Ok(())
    })?;
    let svg = svg_document(name, width_in, height_in, |p| {
        let row_c = style::OKABE_ITO[4];
        let col_c = style::OKABE_ITO[5];
        let entries = [
            (
                "Row player's best response".to_string(),
                LegendMark::Line(row_c),
            ),
            (
                "Column player's best response".to_string(),
                LegendMark::Dashed(col_c),
            ),
            ("Nash equilibrium".to_string(), LegendMark::Point(BLACK)),
        ];
        let ticks = labelled_ticks(&nice_ticks(0.0, 1.0, 4));
        let labels: Vec<String> = ticks.iter().map(|t| t.1.clone()).collect();
        let left = Frame::y_axis_width(p, &labels, true) + pt(2.0);
        let w = style::inches(width_in) as f64;
        let side = w - left - pt(12.0);
        let top = pt(4.0) + legend_h + pt(6.0);
        let frame = Frame {
            left,
            top,
            right: left + side,
            bottom: top + side,
            x: (-0.04, 1.04),
            y: (-0.04, 1.04),
        };
        let seg = |s: &super::data::Segment| [frame.p(s.a.0, s.a.1), frame.p(s.b.0, s.b.1)];
        for s in &d.row {
            p.line(&seg(s), &row_c, THICK)?;
        }
        for s in &d.col {
            p.dashed_line(&seg(s), &col_c, THICK, 4.0, 2.5)?;
        }
        for e in &d.equilibria {
            if e.is_point() {
                p.disc(frame.p(e.a.0, e.a.1), pt(3.0), &BLACK, &BLACK)?;
            } else {
                p.line(&seg(e), &BLACK, THICK + 2)?;
            }
        }
        frame.draw_box(p)?;
        frame.x_axis(p, &ticks, &format!("P(row plays {})", d.row_actions[0]))?;
        frame.y_axis(p, &ticks, &format!("P(column plays {})", d.col_actions[0]))?;
        // Legend: two entries on the first line, one on the second.
        let x1 = frame.left;
        legend(p, (x1, pt(4.0)), &entries[..1])?;
        let x2 = x1 + legend_width(p, std::slice::from_ref(&entries[0].0)) + pt(10.0);
        if x2 + legend_width(p, std::slice::from_ref(&entries[2].0)) < w {
            legend(p, (x2, pt(4.0)), &entries[2..])?;
            legend(p, (x1, pt(4.0) + legend_h / 2.0), &entries[1..2])?;
        } else {
            legend(p, (x1, pt(4.0) + legend_h / 2.0), &entries[1..2])?;
        }
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}
