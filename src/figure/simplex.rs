//! The triangle of a three-strategy simplex figure, shared by the replicator
//! portrait and the learning trajectories: its place on the canvas, the map
//! from shares to canvas points, and its fill, outline and vertex labels.

use super::data::simplex_xy;
use super::draw::{Painter, H, V};
use super::style::{self, pt, LABEL_PT, SMALL_PT, THIN};
use crate::error::Result;
use plotters::style::{RGBColor, BLACK};

/// Height, inches, of a single-column simplex figure.
pub(super) const SIMPLEX_HEIGHT_IN: f64 = 3.3;

/// A simplex triangle on a canvas of `width_in` x `height_in` inches,
/// centred, with room for the vertex labels and a one-line legend above.
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
    /// The frame of a canvas `width_in` x `height_in` inches.
    pub(super) fn new(width_in: f64, height_in: f64) -> SimplexFrame {
        let w = style::inches(width_in) as f64;
        let h = style::inches(height_in) as f64;
        let label_h = pt(LABEL_PT) * 1.6;
        let legend_h = pt(SMALL_PT) * 1.45;
        let side =
            (w - pt(24.0)).min((h - 2.0 * label_h - legend_h - pt(10.0)) / (3f64.sqrt() / 2.0));
        SimplexFrame {
            side,
            x0: (w - side) / 2.0,
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
