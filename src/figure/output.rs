//! A drawn figure and its output formats: SVG as drawn, PNG rendered from the
//! SVG by resvg, PDF converted from the SVG by svg2pdf. Text in both comes
//! from the embedded DejaVu Sans (no system font is loaded), so the bytes are
//! the same on every machine.

use super::style;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

/// A file format a figure can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// Scalable vector graphics, as drawn.
    Svg,
    /// A raster image at the options' DPI.
    Png,
    /// A one-page PDF of the figure's printed size, text embedded.
    Pdf,
}

impl ImageFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for ImageFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "svg" => Ok(ImageFormat::Svg),
            "png" => Ok(ImageFormat::Png),
            "pdf" => Ok(ImageFormat::Pdf),
            other => Err(Error::Unknown {
                kind: "figure format",
                name: other.to_string(),
                known: "svg, png, pdf".into(),
            }),
        }
    }
}

/// How figures are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureOptions {
    /// The formats to write \[svg, png\].
    pub formats: Vec<ImageFormat>,
    /// Resolution of PNG output, dots per inch \[300\].
    pub dpi: u32,
    /// The colour scale of heat maps of rates and shares, replacing
    /// \[0, 1\] (`--color-range LOW:HIGH`) \[none\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color_range: Option<(f64, f64)>,
}

impl Default for FigureOptions {
    fn default() -> Self {
        FigureOptions {
            formats: vec![ImageFormat::Svg, ImageFormat::Png],
            dpi: 300,
            color_range: None,
        }
    }
}

impl FigureOptions {
    /// Checks the DPI (1 to 2400), that at least one format is asked for
    /// and that a colour range has finite ends, low below high.
    pub fn validate(&self) -> Result<()> {
        if let Some(range) = self.color_range {
            check_colour_range("color-range", range)?;
        }
        if !(1..=2400).contains(&self.dpi) {
            return Err(Error::invalid_parameter(
                "dpi",
                self.dpi as f64,
                "between 1 and 2400",
            ));
        }
        if self.formats.is_empty() {
            return Err(Error::invalid_parameter(
                "format",
                0.0,
                "at least one of svg, png, pdf",
            ));
        }
        Ok(())
    }
}

/// Checks a colour scale's ends `(low, high)`: finite, low below high;
/// `name` is the setting's, for the error.
pub(crate) fn check_colour_range(name: &str, (lo, hi): (f64, f64)) -> Result<()> {
    if lo.is_finite() && hi.is_finite() && lo < hi {
        return Ok(());
    }
    Err(Error::invalid_parameter(
        name,
        lo,
        format!("LOW:HIGH with finite ends and LOW < HIGH (got {lo}:{hi})"),
    ))
}

/// One drawn figure: its file stem and its SVG document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// File stem, e.g. `"score_distribution"`.
    pub name: String,
    /// The SVG document, sized in inches.
    pub svg: String,
}

/// SVG user units per inch as usvg reads them.
const USVG_DPI: f32 = 96.0;

fn font_database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(style::DEJAVU_SANS.to_vec());
        db.set_sans_serif_family(style::FONT_FAMILY);
        db.set_serif_family(style::FONT_FAMILY);
        db.set_monospace_family(style::FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

impl Figure {
    fn error(&self, message: impl fmt::Display) -> Error {
        Error::Figure {
            figure: self.name.clone(),
            message: message.to_string(),
        }
    }

    fn tree(&self) -> Result<usvg::Tree> {
        let options = usvg::Options {
            dpi: USVG_DPI,
            font_family: style::FONT_FAMILY.to_string(),
            fontdb: font_database(),
            ..usvg::Options::default()
        };
        usvg::Tree::from_str(&self.svg, &options)
            .map_err(|e| self.error(format!("invalid SVG: {e}")))
    }

    /// The figure as a PNG at `dpi` dots per inch (with the resolution
    /// recorded in the file, so LaTeX sizes it right).
    pub fn to_png(&self, dpi: u32) -> Result<Vec<u8>> {
        let tree = self.tree()?;
        let scale = dpi as f32 / USVG_DPI;
        let size = tree.size();
        let (w, h) = (
            (size.width() * scale).round() as u32,
            (size.height() * scale).round() as u32,
        );
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
            .ok_or_else(|| self.error(format!("cannot allocate a {w}x{h} image")))?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let png = pixmap
            .encode_png()
            .map_err(|e| self.error(format!("PNG encoding failed: {e}")))?;
        Ok(with_physical_size(png, dpi))
    }

    /// The figure as a one-page PDF of its printed size. Text is drawn as
    /// outlines of the embedded font's glyphs (set by usvg, as in the PNG),
    /// so the PDF needs no font of its own: the SVG is re-written with its
    /// text flattened to paths and read back before conversion.
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        let flattened = self.tree()?.to_string(&usvg::WriteOptions {
            preserve_text: false,
            ..usvg::WriteOptions::default()
        });
        let plain = usvg::Options {
            dpi: USVG_DPI,
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&flattened, &plain)
            .map_err(|e| self.error(format!("invalid flattened SVG: {e}")))?;
        svg2pdf::to_pdf(
            &tree,
            svg2pdf::ConversionOptions::default(),
            svg2pdf::PageOptions { dpi: USVG_DPI },
        )
        .map_err(|e| self.error(format!("PDF conversion failed: {e}")))
    }

    /// Writes the figure into `dir` as `<name>.<ext>` in each of the options'
    /// formats (atomically: a temporary file, then a rename) and returns the
    /// paths written.
    pub fn write(&self, dir: &Path, options: &FigureOptions) -> Result<Vec<PathBuf>> {
        options.validate()?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut written = Vec::new();
        for format in &options.formats {
            let bytes = match format {
                ImageFormat::Svg => self.svg.clone().into_bytes(),
                ImageFormat::Png => self.to_png(options.dpi)?,
                ImageFormat::Pdf => self.to_pdf()?,
            };
            let path = dir.join(format!("{}.{}", self.name, format.extension()));
            write_atomic(&path, &bytes)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "figure".into());
    let tmp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Inserts a `pHYs` chunk (pixels per metre) after a PNG's `IHDR` chunk.
fn with_physical_size(png: Vec<u8>, dpi: u32) -> Vec<u8> {
    // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC).
    const IHDR_END: usize = 8 + 25;
    if png.len() < IHDR_END || &png[12..16] != b"IHDR" {
        return png;
    }
    let ppm = (dpi as f64 / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    let mut body = Vec::with_capacity(13);
    body.extend_from_slice(b"pHYs");
    body.extend_from_slice(&ppm.to_be_bytes());
    body.extend_from_slice(&ppm.to_be_bytes());
    body.push(1); // unit: metre
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..IHDR_END]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[IHDR_END..]);
    out
}

/// CRC-32 (ISO 3309, as PNG uses).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse() {
        assert_eq!("PNG".parse::<ImageFormat>().unwrap(), ImageFormat::Png);
        assert_eq!(" pdf".parse::<ImageFormat>().unwrap(), ImageFormat::Pdf);
        assert!("jpg".parse::<ImageFormat>().is_err());
        assert!(FigureOptions {
            formats: vec![],
            dpi: 300,
            color_range: None,
        }
        .validate()
        .is_err());
        assert!(FigureOptions {
            formats: vec![ImageFormat::Svg],
            dpi: 0,
            color_range: None,
        }
        .validate()
        .is_err());
        for range in [(1.0, 0.0), (0.0, 0.0), (f64::NAN, 1.0)] {
            assert!(FigureOptions {
                color_range: Some(range),
                ..FigureOptions::default()
            }
            .validate()
            .is_err());
        }
    }

    #[test]
    fn crc_of_iend() {
        // The CRC every PNG's IEND chunk carries.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn tiny_svg_to_png_and_pdf() {
        let fig = Figure {
            name: "t".into(),
            svg: "<svg width=\"1in\" height=\"0.5in\" viewBox=\"0 0 288 144\" xmlns=\"http://www.w3.org/2000/svg\">\
                  <text x=\"10\" y=\"100\" font-family=\"sans-serif\" font-size=\"40\">Ag</text></svg>"
                .into(),
        };
        let png = fig.to_png(100).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(&png[37..41], b"pHYs");
        // 1 in x 0.5 in at 100 dpi.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 100);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 50);
        assert_eq!(png, fig.to_png(100).unwrap());
        assert!(fig.to_pdf().unwrap().starts_with(b"%PDF"));
    }
}
