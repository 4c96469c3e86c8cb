//! Figure options shared by the commands that write results.

use anyhow::Result;
use clap::Args;
use dilemma::figure::{FigureOptions, ImageFormat};

/// `--no-figures`, `--figure-format`, `--dpi`, `--color-range` and
/// `--table-format`: what is drawn and written beside the results.
#[derive(Debug, Clone, Args)]
pub struct FigureArgs {
    /// Do not draw figures next to the tables.
    #[arg(long)]
    pub no_figures: bool,
    /// Figure formats, comma separated: svg, png, pdf.
    #[arg(long, value_delimiter = ',', default_value = "svg,png")]
    pub figure_format: Vec<String>,
    /// Resolution of PNG figures, dots per inch.
    #[arg(long, default_value_t = 300)]
    pub dpi: u32,
    /// Colour scale of the heat maps of rates and shares, LOW:HIGH (default
    /// 0:1, the same for every map so that maps can be compared; values
    /// outside take the end colours). Score maps keep their own scale.
    #[arg(long, value_name = "LOW:HIGH", value_parser = parse_color_range)]
    pub color_range: Option<(f64, f64)>,
    /// Table formats, comma separated: csv (always written) and latex (a
    /// booktabs NAME.tex beside every NAME.csv but interactions.csv, each
    /// interval as `mean [low, high]`). Columns of every table:
    /// docs/data-dictionary.md.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "csv",
        value_name = "FORMATS"
    )]
    pub table_format: Vec<TableFormat>,
}

/// A format tables are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// CSV (always written).
    Csv,
    /// LaTeX booktabs, beside the CSV.
    Latex,
}

/// Parses `--color-range LOW:HIGH`.
pub fn parse_color_range(spec: &str) -> std::result::Result<(f64, f64), String> {
    let (lo, hi) = spec
        .split_once(':')
        .ok_or_else(|| format!("`{spec}`: expected LOW:HIGH, e.g. 0.4:1"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<f64>()
            .map_err(|_| format!("`{spec}`: `{s}` is not a number"))
    };
    let (lo, hi) = (number(lo)?, number(hi)?);
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(format!("`{spec}`: expected finite LOW < HIGH"));
    }
    Ok((lo, hi))
}

impl FigureArgs {
    /// Writes the tables in `dir` in the extra formats asked for (the CSV
    /// files are already there); call it before the folder is committed.
    pub fn write_tables(&self, dir: &std::path::Path) -> Result<()> {
        if self.table_format.contains(&TableFormat::Latex) {
            dilemma::latex::write_tables(dir)?;
        }
        Ok(())
    }

    /// The options, or `None` with `--no-figures`; checked before any work.
    pub fn options(&self) -> Result<Option<FigureOptions>> {
        if self.no_figures {
            return Ok(None);
        }
        let formats = self
            .figure_format
            .iter()
            .map(|f| f.trim().parse::<ImageFormat>())
            .collect::<dilemma::Result<Vec<_>>>()?;
        let options = FigureOptions {
            formats,
            dpi: self.dpi,
            color_range: self.color_range,
        };
        options.validate()?;
        Ok(Some(options))
    }
}
