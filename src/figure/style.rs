//! The one figure style of the tool: journal-column sizes, font sizes,
//! colour-blind-safe palettes and line widths.
//!
//! Figures are drawn at their printed size. The SVG coordinate system has
//! [`UNITS_PER_PT`] units per typographic point (288 per inch), so that
//! plotters' integer coordinates are fine enough for half-point lines; the SVG
//! root states the physical size in inches.
//!
//! ## References
//! - Okabe, M. and Ito, K. (2008). *Color Universal Design (CUD): how to make
//!   figures and presentations that are friendly to colorblind people*
//!   (the qualitative palette).
//! - van der Walt, S. and Smith, N. (2015). *mpl colormaps*: viridis (the
//!   sequential palette; anchor colours of matplotlib's `viridis`).

use plotters::style::RGBColor;
use std::sync::Once;

/// SVG units per typographic point (1/72 in).
pub const UNITS_PER_PT: f64 = 4.0;
/// SVG units per inch.
pub const UNITS_PER_INCH: f64 = 72.0 * UNITS_PER_PT;
/// Width of a single-column figure, inches.
pub const SINGLE_COLUMN_IN: f64 = 3.5;
/// Width of a double-column (full-width) figure, inches.
pub const DOUBLE_COLUMN_IN: f64 = 7.0;

/// Tick labels, legend entries and annotations, points.
pub const SMALL_PT: f64 = 7.0;
/// Axis titles, points.
pub const LABEL_PT: f64 = 8.0;

/// Hairline: axes, ticks, grid (0.5 pt), SVG units.
pub const THIN: u32 = 2;
/// Data lines (1 pt), SVG units.
pub const LINE: u32 = 4;
/// Emphasised data lines (1.5 pt), SVG units.
pub const THICK: u32 = 6;

/// The DejaVu Sans font embedded in the crate (see `assets/fonts/LICENSE-DejaVu.txt`).
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The family name the embedded font declares.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// The Okabe-Ito qualitative palette, black last.
pub const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x00, 0x00, 0x00), // black
];

/// Neutral grey for "other" categories and reference lines.
pub const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Dark grey for secondary text and outlines.
pub const DARK_GREY: RGBColor = RGBColor(0x44, 0x44, 0x44);
/// Light grey for grid lines.
pub const LIGHT_GREY: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// matplotlib's viridis at 0, 0.1, ..., 1.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5f, 0x8d),
    (0x2a, 0x78, 0x8e),
    (0x21, 0x91, 0x8c),
    (0x22, 0xa8, 0x84),
    (0x44, 0xbf, 0x70),
    (0x7a, 0xd1, 0x51),
    (0xbd, 0xdf, 0x26),
    (0xfd, 0xe7, 0x25),
];

/// The sequential palette (viridis) at `t` in \[0, 1\] (clamped; NaN gives grey).
pub fn viridis(t: f64) -> RGBColor {
    if t.is_nan() {
        return GREY;
    }
    let t = t.clamp(0.0, 1.0) * (VIRIDIS.len() - 1) as f64;
    let k = (t.floor() as usize).min(VIRIDIS.len() - 2);
    let f = t - k as f64;
    let (a, b) = (VIRIDIS[k], VIRIDIS[k + 1]);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Whether text on a viridis cell of value `t` should be white (dark cell).
pub fn viridis_needs_white_text(t: f64) -> bool {
    !t.is_nan() && t < 0.55
}

/// The `k`-th qualitative colour (cycling through Okabe-Ito without black).
pub fn qualitative(k: usize) -> RGBColor {
    OKABE_ITO[k % 7]
}

/// Points to SVG units.
pub fn pt(points: f64) -> f64 {
    points * UNITS_PER_PT
}

/// Inches to whole SVG units.
pub fn inches(x: f64) -> u32 {
    (x * UNITS_PER_INCH).round() as u32
}

/// Registers the embedded font with plotters' text measurement (once per
/// process). Text is measured with it and the SVG names the generic
/// `sans-serif` family, which the renderers map to the same font.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is a valid TrueType file embedded at compile time.
        let _ = plotters::style::register_font(
            "sans-serif",
            plotters::style::FontStyle::Normal,
            DEJAVU_SANS,
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viridis_ends_and_middle() {
        assert_eq!(viridis(0.0), RGBColor(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), RGBColor(0xfd, 0xe7, 0x25));
        assert_eq!(viridis(0.5), RGBColor(0x21, 0x91, 0x8c));
        assert_eq!(viridis(2.0), viridis(1.0));
        assert_eq!(viridis(f64::NAN), GREY);
        // Half-way between the first two anchors.
        assert_eq!(viridis(0.05), RGBColor(0x46, 0x13, 0x65));
    }

    #[test]
    fn units() {
        assert_eq!(inches(SINGLE_COLUMN_IN), 1008);
        assert_eq!(pt(7.0), 28.0);
        assert_eq!(qualitative(7), qualitative(0));
    }
}
