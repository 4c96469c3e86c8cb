//! Figures for papers, drawn with plotters' SVG backend and written as SVG,
//! PNG (rendered by resvg) and PDF (converted by svg2pdf).
//!
//! One style for every figure ([`style`]): journal-column widths, 7-8 pt text
//! from an embedded font, Okabe-Ito colours for categories and viridis for
//! heat maps, legends outside the data. The data of each figure is computed
//! apart from its drawing ([`data`]); each drawing function takes that data
//! and returns a [`Figure`] (its SVG in memory), which [`Figure::write`]
//! writes in the formats of a [`FigureOptions`].
//!
//! ```
//! use dilemma::figure::{data, games::best_response_figure};
//! use dilemma::game::catalogue;
//!
//! let diagram = data::best_response_diagram(&catalogue::prisoners_dilemma_default()).unwrap();
//! let figure = best_response_figure(&diagram).unwrap();
//! assert!(figure.svg.starts_with("<svg"));
//! ```

pub mod data;
mod draw;
pub mod evolution;
pub mod fingerprint;
pub mod fixation;
pub mod games;
pub mod intervals;
pub mod learning;
pub mod nplayer;
pub mod output;
pub mod qre;
pub mod security;
pub mod sensitivity;
mod simplex;
pub mod style;
pub mod sweep;
pub mod text;
pub mod tournament;

pub use output::{Figure, FigureOptions, ImageFormat};

use crate::error::Result;
use crate::evolution::EvolutionRecords;
use crate::replicates::SweepBands;
use crate::sweep::{SweepManifest, SweepRow};
use crate::tournament::{GameSpec, TournamentResults};
use std::path::{Path, PathBuf};

/// Players up to which the payoff heat map prints its values.
pub const ANNOTATE_MAX_PLAYERS: usize = 12;

/// Writes each figure into `dir` in the formats of `options`. Returns the
/// files written.
pub fn write_figures(
    figures: &[Figure],
    dir: &Path,
    options: &FigureOptions,
) -> Result<Vec<PathBuf>> {
    options.validate()?;
    let mut written = Vec::new();
    for f in figures {
        written.extend(f.write(dir, options)?);
    }
    Ok(written)
}

/// The four tournament figures of a result set, in memory.
pub fn tournament_figure_set(results: &TournamentResults) -> Result<Vec<Figure>> {
    Ok(vec![
        tournament::score_distribution_figure(&data::score_distribution(results))?,
        tournament::payoff_heat_map_figure(&data::payoff_heat_map(results), ANNOTATE_MAX_PLAYERS)?,
        tournament::wins_figure(&data::wins(results))?,
        tournament::cooperation_score_figure(&data::cooperation_vs_score(results))?,
    ])
}

/// Writes every tournament figure of `results` into `dir`. Returns the files
/// written.
pub fn tournament_figures(
    results: &TournamentResults,
    dir: &Path,
    options: &FigureOptions,
) -> Result<Vec<PathBuf>> {
    write_figures(&tournament_figure_set(results)?, dir, options)
}

/// The figures of a three-action tournament: the score distribution, the
/// payoff heat map and each player's posture shares.
pub fn posture_figure_set(results: &crate::posture::PostureResults) -> Result<Vec<Figure>> {
    let s = &results.statistics;
    Ok(vec![
        tournament::score_distribution_figure(&data::score_boxes(
            &results.players,
            &s.ranking,
            &s.normalised_scores,
        ))?,
        tournament::payoff_heat_map_figure(
            &data::ranked_heat_grid(&results.players, &s.ranking, &s.payoff_matrix),
            ANNOTATE_MAX_PLAYERS,
        )?,
        tournament::posture_shares_figure(&data::posture_shares(results))?,
    ])
}

/// Writes the figures of a three-action tournament into `dir`. Returns the
/// files written.
pub fn posture_figures(
    results: &crate::posture::PostureResults,
    dir: &Path,
    options: &FigureOptions,
) -> Result<Vec<PathBuf>> {
    write_figures(&posture_figure_set(results)?, dir, options)
}

/// The figures of an evolution stage's records: the ecological shares
/// (the seven largest strategies, the rest lumped), the Moran fixation
/// curves of the plain processes, and `moran_populations_K`, the counts of
/// run 0 of `[evolution.moran]` entry K, for those it has.
pub fn evolution_figure_set(records: &EvolutionRecords) -> Result<Vec<Figure>> {
    let mut figures = Vec::new();
    if let Some(table) = &records.ecological {
        let stacked = data::stacked_shares(&table.players, &table.shares, 7)?;
        figures.push(evolution::ecological_figure(&stacked)?);
    }
    let curves = data::moran_curves(&records.moran)?;
    if !curves.is_empty() {
        figures.push(evolution::moran_figure(&curves)?);
    }
    for (k, r) in records.moran.iter().enumerate() {
        if let Some(stack) = data::moran_populations(r) {
            figures.push(evolution::moran_populations_figure(
                &format!("moran_populations_{k}"),
                &stack,
                r.population,
            )?);
        }
    }
    Ok(figures)
}

/// A strategy name as part of a file name: lower case, runs of other
/// characters as one `_`.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// The figures of a sweep's rows (see [`data::SweepShape`]):
/// - over the offence x differentiation plane, a heat map per
///   [`data::HEAT_MAPS`] measure that has values (rates and shares on a
///   fixed colour scale, \[0, 1\] unless `extras.color_range` sets
///   another), and, when the `manifest`'s tournament plays the security
///   dilemma, the map of the stage game over the whole plane (its class, or
///   its pure equilibria when it has three actions), and for every strategy
///   of the manifest's `strategy_maps` its maps ([`data::STRATEGY_MAPS`]).
///   With replicates (`extras.bands`) the maps show the means, each beside a
///   map of its interval's width. With more axes than two the maps are of
///   the slice at the first value of every other axis, and each map's title
///   says so ([`data::SweepShape::slice_title`]);
/// - over one parameter, a line chart of the field's restraint, mutual
///   restraint and spiral share (and restraint after evolution and the
///   defensive share when present) against it, named `sweep_<parameter>`,
///   with error bars when there are replicates.
///
/// Empty when the axes are of another shape ([`data::SweepShape::note`]
/// says so).
pub fn sweep_figure_set(
    rows: &[SweepRow],
    manifest: Option<&SweepManifest>,
    extras: SweepFigureExtras,
) -> Result<Vec<Figure>> {
    let shape = data::sweep_shape(rows);
    match &shape {
        data::SweepShape::Undrawn { .. } => return Ok(Vec::new()),
        data::SweepShape::Line { parameter } => {
            let lines = match extras.bands {
                Some(bands) => data::SweepLines::with_bands(bands, parameter),
                None => data::sweep_lines(rows, parameter),
            };
            if lines.series.is_empty() || lines.x.is_empty() {
                return Ok(Vec::new());
            }
            return Ok(vec![sweep::sweep_line_figure(&lines)?]);
        }
        data::SweepShape::Plane { .. } => {}
    }
    let slice = shape.slice();
    let title = match extras.bands {
        Some(b) => [
            format!("Mean of {} replicates", b.replicates),
            shape.slice_title(),
        ]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", "),
        None => shape.slice_title(),
    };
    let drawn_rows = extras.bands.map_or(rows, |b| &b.mean[..]);
    let mut figures = Vec::new();
    let maps = |measure: &data::SweepMeasure,
                label: &str,
                stem: &str,
                strategy: Option<&str>,
                figures: &mut Vec<Figure>|
     -> Result<Option<data::ParameterGrid>> {
        let mut grid = data::slice_grid(drawn_rows, measure.value, label, strategy, &slice)?;
        if !grid.values.iter().flatten().any(|&v| measure.drawn(v)) {
            return Ok(Some(grid));
        }
        grid.range = measure.range.map(|r| extras.color_range.unwrap_or(r));
        figures.push(security::jervis_heat_map_figure_at(&grid, stem, &title)?);
        if let Some(bands) = extras.bands {
            let low = data::slice_grid(&bands.low, measure.value, label, strategy, &slice)?;
            let high = data::slice_grid(&bands.high, measure.value, label, strategy, &slice)?;
            let width = data::interval_width_grid(&low, &high, label)?;
            let width_title = [
                format!("{label}: 95% CI width, {} replicates", bands.replicates),
                shape.slice_title(),
            ]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
            figures.push(security::jervis_heat_map_figure_at(
                &width,
                &format!("{stem}_ci_width"),
                &width_title,
            )?);
        }
        Ok(Some(grid))
    };
    let mut plane = None;
    for (measure, stem) in &data::HEAT_MAPS {
        if let Some(grid) = maps(measure, measure.label, stem, None, &mut figures)? {
            plane = Some((grid.offence, grid.differentiation));
        }
    }
    let (Some(_), Some(manifest)) = (plane, manifest) else {
        return Ok(figures);
    };
    if let GameSpec::Security { parameters } = &manifest.tournament.game {
        // The slice's values of the model's own parameters.
        let mut model = *parameters;
        for (name, value) in &slice {
            model.set(name, *value)?;
        }
        if manifest.tournament.three_action {
            let map = data::three_action_equilibrium_map(&model)?;
            figures.push(security::jervis_equilibrium_figure_at(
                &map,
                &shape.slice_title(),
            )?);
        } else {
            let map = data::plane_class_map(&model)?;
            figures.push(security::jervis_class_figure_at(
                &map,
                &shape.slice_title(),
            )?);
        }
    }
    for name in &manifest.sweep.strategy_maps {
        for (measure, stem) in &data::STRATEGY_MAPS {
            let label = format!("{name} {}", measure.label);
            let stem = format!("{stem}_{}", file_stem(name));
            maps(measure, &label, &stem, Some(name), &mut figures)?;
        }
    }
    Ok(figures)
}

/// What the sweep figures draw besides the table's rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct SweepFigureExtras<'a> {
    /// The replicates' means and intervals: the heat maps show the means,
    /// each with a companion map of its 95% interval's width
    /// (`<stem>_ci_width`), and a line chart's dots carry error bars.
    pub bands: Option<&'a SweepBands>,
    /// The colour scale of the rate and share maps, replacing \[0, 1\]
    /// (`--color-range`); score maps keep their own scale.
    pub color_range: Option<(f64, f64)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::SweepConfig;
    use crate::tournament::TournamentConfig;

    fn corner_rows() -> Vec<SweepRow> {
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
        let mut rows = Vec::new();
        for (k, (o, d)) in corners.iter().enumerate() {
            for (name, score, share) in [("A", 1.0, 0.25), ("B", 2.0, 0.75)] {
                rows.push(SweepRow {
                    point: k,
                    parameters: vec![("offence".into(), *o), ("differentiation".into(), *d)],
                    median_score: score,
                    ecological_share: Some(share),
                    field_cooperation: 0.5,
                    field_mutual_cooperation: 0.3,
                    field_spiral_share: 0.1,
                    ecological_cooperation: Some(0.9),
                    ..SweepRow::blank(name.into())
                });
            }
        }
        rows
    }

    #[test]
    fn strategy_maps_are_drawn_for_the_manifests_names() {
        assert_eq!(
            file_stem("Non-Offensive Defender"),
            "non_offensive_defender"
        );
        assert_eq!(file_stem("Omega TFT: 3, 8"), "omega_tft_3_8");
        let manifest = SweepManifest::new(
            &TournamentConfig::default(),
            &SweepConfig {
                strategy_maps: vec!["B".into()],
                ..SweepConfig::jervis(2)
            },
        );
        let names: Vec<String> = sweep_figure_set(
            &corner_rows(),
            Some(&manifest),
            SweepFigureExtras::default(),
        )
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
        assert!(names.contains(&"jervis_share_b".to_string()), "{names:?}");
        assert!(names.contains(&"jervis_score_b".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with("_a")), "{names:?}");
        // A catalogue game has no class map; the zero H share no map.
        assert!(!names.contains(&"jervis_classes".to_string()), "{names:?}");
        assert!(!names.contains(&"jervis_defence".to_string()), "{names:?}");
        assert!(
            names.contains(&"jervis_restraint_evolved".to_string()),
            "{names:?}"
        );
        // Without a manifest: the field's maps only.
        assert_eq!(
            sweep_figure_set(&corner_rows(), None, SweepFigureExtras::default())
                .unwrap()
                .len(),
            4
        );
    }
}
