//! Figure options shared by the commands that write results.

use anyhow::Result;
use clap::Args;
use dilemma::figure::{FigureOptions, ImageFormat};

/// `--no-figures`, `--figure-format`, `--dpi`.
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
}

impl FigureArgs {
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
        };
        options.validate()?;
        Ok(Some(options))
    }
}
