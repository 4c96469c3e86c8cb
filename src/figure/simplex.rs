//! The triangle of a three-strategy simplex figure, shared by the replicator
//! portrait and the learning trajectories: its place on the canvas, the map
//! from shares to canvas points, and its fill, outline and vertex labels.

use super::data::simplex_xy;
use super::draw::{text_width, Painter, H, V};
use super::style::{self, pt, LABEL_PT, SMALL_PT, THIN};
use crate::error::Result;
use plotters::style::{RGBColor, BLACK};

/// Height, inches, of a single-column simplex figure.
pub(super) const SIMPLEX_HEIGHT_IN: f64 = 3.3;

/// A simplex triangle on a canvas of `width_in` x `height_in` inches,
/// centred, with room for the vertex labels (the base labels, centred under
/// their vertices, stay inside the canvas) and a one-line legend above.
#[derive(Debug, Clone, Copy)]
pub(super) struct SimplexFrame {
    /// The triangle's side, canvas units.
    side: f64,
    /// Canvas x of the first vertex.
    x0: f64,
    /// Canvas y of the base.
    y_base: f64,
}

impl SimplexFrame {
    /// The frame of a canvas `width_in` x `height_in` inches whose vertices
    /// are labelled `names` (first strategy at the left of the base, second
    /// at the right, third at the apex).
    pub(super) fn new(width_in: f64, height_in: f64, names: &[String]) -> SimplexFrame {
        let w = style::inches(width_in) as f64;
        let h = style::inches(height_in) as f64;
        let label_h = pt(LABEL_PT) * 1.6;
        let legend_h = pt(SMALL_PT) * 1.45;
        // Each base vertex needs half its label's width, and a little more,
        // between it and the canvas edge.
        let room = |k: usize| {
            let half = names.get(k).map_or(0.0, |n| text_width(n, LABEL_PT) / 2.0);
            (half + pt(3.0)).max(pt(12.0))
        };
        let (left, right) = (room(0), room(1));
        let side = (w - left - right)
            .min((h - 2.0 * label_h - legend_h - pt(10.0)) / (3f64.sqrt() / 2.0))
            .max(pt(24.0));
        SimplexFrame {
            side,
            x0: left + (w - left - right - side) / 2.0,
            y_base: h - label_h - pt(2.0),
        }
    }

    /// The triangle's side, canvas units.
    pub(super) fn side(&self) -> f64 {
        self.side
    }

    /// The canvas point of the shares `x`.
    pub(super) fn to(&self, x: &[f64; 3]) -> (f64, f64) {
        let (u, v) = simplex_xy(x);
        (self.x0 + u * self.side, self.y_base - v * self.side)
    }

    /// The vertices: all of the first, second and third strategy.
    pub(super) fn corners(&self) -> [(f64, f64); 3] {
        [
            self.to(&[1.0, 0.0, 0.0]),
            self.to(&[0.0, 1.0, 0.0]),
            self.to(&[0.0, 0.0, 1.0]),
        ]
    }

    /// Fills the triangle light grey.
    pub(super) fn fill(&self, p: &Painter) -> Result<()> {
        p.fill_polygon(&self.corners(), &RGBColor(0xF7, 0xF7, 0xF7))
    }

    /// Draws the triangle's outline.
    pub(super) fn outline(&self, p: &Painter) -> Result<()> {
        let c = self.corners();
        p.line(&[c[0], c[1], c[2], c[0]], &BLACK, THIN)
    }

    /// Writes each strategy's name at its vertex: below the two base
    /// vertices, above the apex.
    pub(super) fn label_corners(&self, p: &Painter, names: &[String]) -> Result<()> {
        for (k, (corner, below)) in self.corners().iter().zip([true, true, false]).enumerate() {
            let (y, v) = if below {
                (corner.1 + pt(4.0), V::Top)
            } else {
                (corner.1 - pt(4.0), V::Bottom)
            };
            p.text(
                &names[k],
                (corner.0, y),
                LABEL_PT,
                H::Center,
                v,
                false,
                &BLACK,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_labels_fit_inside_the_canvas() {
        let w = style::inches(super::super::style::SINGLE_COLUMN_IN) as f64;
        for names in [
            ["TFT (all)", "Defector", "Cooperator"],
            ["A much longer strategy name", "Another long name here", "C"],
            ["A", "B", "C"],
        ] {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            let f = SimplexFrame::new(
                super::super::style::SINGLE_COLUMN_IN,
                SIMPLEX_HEIGHT_IN,
                &names,
            );
            let c = f.corners();
            let left = c[0].0 - text_width(&names[0], LABEL_PT) / 2.0;
            let right = c[1].0 + text_width(&names[1], LABEL_PT) / 2.0;
            assert!(
                left >= 0.0 && right <= w,
                "{names:?}: {left} .. {right} of {w}"
            );
            assert!(f.side() > 0.0);
        }
    }
}
