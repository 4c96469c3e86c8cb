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
pub mod games;
pub mod output;
pub mod security;
pub mod style;
pub mod sweep;
pub mod text;
pub mod tournament;

pub use output::{Figure, FigureOptions, ImageFormat};

use crate::error::{Error, Result};
use crate::tournament::TournamentResults;
use std::path::{Path, PathBuf};

/// Players up to which the payoff heat map prints its values.
pub const ANNOTATE_MAX_PLAYERS: usize = 12;

/// The four tournament figures of a result set, in memory.
pub fn tournament_figure_set(results: &TournamentResults) -> Result<Vec<Figure>> {
    Ok(vec![
        tournament::score_distribution_figure(&data::score_distribution(results))?,
        tournament::payoff_heat_map_figure(&data::payoff_heat_map(results), ANNOTATE_MAX_PLAYERS)?,
        tournament::wins_figure(&data::wins(results))?,
        tournament::cooperation_score_figure(&data::cooperation_vs_score(results))?,
    ])
}

/// Writes every tournament figure of `results` into `dir`; when `dir` also
/// holds an `ecological.csv` (or a `moran.json`) written by `dilemma run`,
/// the ecological (or Moran) figure too. Returns the files written.
pub fn tournament_figures(
    results: &TournamentResults,
    dir: &Path,
    options: &FigureOptions,
) -> Result<Vec<PathBuf>> {
    options.validate()?;
    let mut figures = tournament_figure_set(results)?;
    figures.extend(evolution_figures_from_dir(dir)?);
    let mut written = Vec::new();
    for f in &figures {
        written.extend(f.write(dir, options)?);
    }
    Ok(written)
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

/// Writes the figures of a three-action tournament into `dir` (and the
/// ecological or Moran figure when `dir` holds their data). Returns the files
/// written.
pub fn posture_figures(
    results: &crate::posture::PostureResults,
    dir: &Path,
    options: &FigureOptions,
) -> Result<Vec<PathBuf>> {
    options.validate()?;
    let mut figures = posture_figure_set(results)?;
    figures.extend(evolution_figures_from_dir(dir)?);
    let mut written = Vec::new();
    for f in &figures {
        written.extend(f.write(dir, options)?);
    }
    Ok(written)
}

/// The ecological and Moran figures of the files `dilemma run` leaves in a
/// results folder (`ecological.csv`, `moran.json`), for those present.
pub fn evolution_figures_from_dir(dir: &Path) -> Result<Vec<Figure>> {
    let mut figures = Vec::new();
    let eco = dir.join("ecological.csv");
    if eco.is_file() {
        let text = std::fs::read_to_string(&eco).map_err(|e| Error::io(&eco, e))?;
        let (names, shares) = read_ecological_csv(&text, &eco)?;
        let stacked = data::stacked_shares(&names, &shares, 7)?;
        figures.push(evolution::ecological_figure(&stacked)?);
    }
    let moran = dir.join("moran.json");
    if moran.is_file() {
        let text = std::fs::read_to_string(&moran).map_err(|e| Error::io(&moran, e))?;
        let curves = read_moran_json(&text, &moran)?;
        figures.push(evolution::moran_figure(&curves)?);
    }
    Ok(figures)
}

/// The heat maps drawn from a sweep table over the Jervis plane: the
/// `sweep.csv` column, the colour-bar label and the file stem.
pub const SWEEP_HEAT_MAPS: &[(&str, &str, &str)] = &[
    ("field_cooperation", "Restraint rate", "jervis_restraint"),
    (
        "field_mutual_cooperation",
        "Mutual restraint rate",
        "jervis_mutual_restraint",
    ),
    (
        "field_spiral_share",
        "Spiral share of arming",
        "jervis_spiral_share",
    ),
    (
        "ecological_cooperation",
        "Restraint after evolution",
        "jervis_restraint_evolved",
    ),
    (
        "field_defence",
        "Defensive posture (H) share",
        "jervis_defence",
    ),
];

/// The per-strategy heat maps of a sweep's `strategy_maps`: the `sweep.csv`
/// column, the colour-bar label after the strategy's name ("share" is its
/// population share after evolution, "score" its median score) and the file
/// stem (followed by the strategy's name).
pub const STRATEGY_MAPS: &[(&str, &str, &str)] = &[
    ("ecological_share", "share", "jervis_share"),
    ("median_score", "score", "jervis_score"),
];

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

/// What a sweep table's parameter columns (those between `point` and
/// `strategy` in `sweep.csv`) allow to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum SweepShape {
    /// The offence x differentiation plane. Every other parameter is held at
    /// its first value (the first row's), and the maps are of that slice:
    /// `fixed` holds each such parameter, its value and how many values it
    /// takes in the table.
    Plane {
        /// The parameters held fixed: name, value drawn, number of values.
        fixed: Vec<(String, f64, usize)>,
    },
    /// One parameter: line charts of field-level values against it.
    Line {
        /// The swept parameter.
        parameter: String,
    },
    /// Any other set of parameters: nothing is drawn.
    Undrawn {
        /// The swept parameters.
        parameters: Vec<String>,
    },
}

impl SweepShape {
    /// The slice the plane's maps show, as (parameter, value) pairs (empty
    /// for a plain two-axis sweep or another shape).
    pub fn slice(&self) -> Vec<(String, f64)> {
        match self {
            SweepShape::Plane { fixed } => fixed.iter().map(|(n, v, _)| (n.clone(), *v)).collect(),
            _ => Vec::new(),
        }
    }

    /// The slice in words for a figure's title, e.g. "at power = 0.5 (first
    /// of 3 values)"; empty when no parameter is held fixed.
    pub fn slice_title(&self) -> String {
        let SweepShape::Plane { fixed } = self else {
            return String::new();
        };
        if fixed.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = fixed
            .iter()
            .map(|(n, v, count)| match count {
                1 => format!("{n} = {v}"),
                _ => format!("{n} = {v} (first of {count} values)"),
            })
            .collect();
        format!("at {}", parts.join(", "))
    }
}

/// The shape of a sweep table (the text of a `sweep.csv`).
pub fn sweep_shape(text: &str, path: &Path) -> Result<SweepShape> {
    let bad = |message: String| Error::Format {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let end = headers
        .iter()
        .position(|h| h == "strategy")
        .ok_or_else(|| bad("no `strategy` column".into()))?;
    let start = usize::from(headers.get(0) == Some("point"));
    let parameters: Vec<String> = headers
        .iter()
        .take(end)
        .skip(start)
        .map(str::to_string)
        .collect();
    let plane = ["offence", "differentiation"];
    if parameters.len() == 1 {
        return Ok(SweepShape::Line {
            parameter: parameters[0].clone(),
        });
    }
    if !plane.iter().all(|p| parameters.iter().any(|q| q == p)) {
        return Ok(SweepShape::Undrawn { parameters });
    }
    // The values each other parameter takes, in order of appearance.
    let others: Vec<(usize, &String)> = (start..end)
        .zip(&parameters)
        .filter(|(_, n)| !plane.contains(&n.as_str()))
        .collect();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); others.len()];
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(e.to_string()))?;
        for ((i, name), seen) in others.iter().zip(values.iter_mut()) {
            let f = record.get(*i).unwrap_or("");
            let v = f.parse::<f64>().map_err(|_| {
                bad(format!(
                    "row {}: `{name}` value `{f}` is not a number",
                    k + 2
                ))
            })?;
            if !seen.contains(&v) {
                seen.push(v);
            }
        }
    }
    let fixed = others
        .iter()
        .zip(&values)
        .filter_map(|((_, n), v)| v.first().map(|first| ((*n).clone(), *first, v.len())))
        .collect();
    Ok(SweepShape::Plane { fixed })
}

/// What the CLI should tell the user about the figures of the sweep in
/// `dir`, if anything: which slice the maps of a sweep with more than two
/// axes show, or that a sweep's axes allow no figure. `None` when there is
/// no `sweep.csv` or its figures need no comment.
pub fn sweep_figure_note(dir: &Path) -> Result<Option<String>> {
    let path = dir.join("sweep.csv");
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    Ok(match sweep_shape(&text, &path)? {
        SweepShape::Plane { fixed } if fixed.iter().any(|f| f.2 > 1) => {
            let shape = SweepShape::Plane {
                fixed: fixed.clone(),
            };
            Some(format!(
                "{}: {} axes; the maps show the offence x differentiation slice {} (draw another slice by sweeping it alone)",
                path.display(),
                fixed.len() + 2,
                shape.slice_title()
            ))
        }
        SweepShape::Undrawn { parameters } => Some(format!(
            "{}: no figures for a sweep over {}: maps are drawn over offence x differentiation, line charts over one axis",
            path.display(),
            parameters.join(" x ")
        )),
        _ => None,
    })
}

/// Field-level columns of a sweep table drawn against a single swept
/// parameter: the `sweep.csv` column and the legend label.
pub const SWEEP_LINES: &[(&str, &str)] = &[
    ("field_cooperation", "Restraint"),
    ("field_mutual_cooperation", "Mutual restraint"),
    ("field_spiral_share", "Spiral share of arming"),
    ("ecological_cooperation", "Restraint after evolution"),
    ("field_defence", "Defensive posture (H)"),
];

/// Reads a one-axis sweep table into the series of [`SWEEP_LINES`] that have
/// values (the defence share only when not 0 everywhere), from the first
/// row of each point, sorted by the parameter.
pub fn read_sweep_lines(text: &str, path: &Path, parameter: &str) -> Result<sweep::SweepLines> {
    let bad = |message: String| Error::Format {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let find = |name: &str| headers.iter().position(|h| h == name);
    let ip = find(parameter).ok_or_else(|| bad(format!("no `{parameter}` column")))?;
    let columns: Vec<(usize, &str)> = SWEEP_LINES
        .iter()
        .filter_map(|(c, label)| find(c).map(|i| (i, *label)))
        .collect();
    let mut rows: Vec<(f64, Vec<f64>)> = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(e.to_string()))?;
        let num = |i: usize| {
            let f = record.get(i).unwrap_or("");
            if f.is_empty() {
                Ok(f64::NAN)
            } else {
                f.parse::<f64>()
                    .map_err(|_| bad(format!("row {}: `{f}` is not a number", k + 2)))
            }
        };
        let x = num(ip)?;
        if x.is_finite() && !rows.iter().any(|(seen, _)| *seen == x) {
            let ys = columns
                .iter()
                .map(|(i, _)| num(*i))
                .collect::<Result<Vec<f64>>>()?;
            rows.push((x, ys));
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let series = columns
        .iter()
        .enumerate()
        .map(|(s, (_, label))| {
            (
                label.to_string(),
                rows.iter().map(|(_, ys)| ys[s]).collect::<Vec<f64>>(),
            )
        })
        .filter(|(label, ys)| {
            let drawn = |v: &f64| v.is_finite() && (label != "Defensive posture (H)" || *v != 0.0);
            ys.iter().any(drawn)
        })
        .collect();
    Ok(sweep::SweepLines {
        parameter: parameter.to_string(),
        x: rows.iter().map(|(x, _)| *x).collect(),
        series,
    })
}

/// The figures of a sweep folder written by `dilemma sweep` or `dilemma run`
/// (see [`SweepShape`]):
/// - over the offence x differentiation plane, a heat map per
///   [`SWEEP_HEAT_MAPS`] column that has values, and, when its
///   `manifest.json` holds a security-dilemma game, the game-class map over
///   the same grid, and for every strategy of the manifest's
///   `sweep.strategy_maps` its maps ([`STRATEGY_MAPS`]). With more axes than
///   two the maps are of the slice at the first value of every other axis,
///   and each map's title says so ([`SweepShape::slice_title`]);
/// - over one parameter, a line chart of the field's restraint, mutual
///   restraint and spiral share (and restraint after evolution and the
///   defensive share when present) against it, named `sweep_<parameter>`.
///
/// Empty when the folder has no sweep or its axes are of another shape
/// ([`sweep_figure_note`] says so).
pub fn sweep_figures_from_dir(dir: &Path) -> Result<Vec<Figure>> {
    let path = dir.join("sweep.csv");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text_csv = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let shape = sweep_shape(&text_csv, &path)?;
    match &shape {
        SweepShape::Undrawn { .. } => return Ok(Vec::new()),
        SweepShape::Line { parameter } => {
            let lines = read_sweep_lines(&text_csv, &path, parameter)?;
            if lines.series.is_empty() || lines.x.is_empty() {
                return Ok(Vec::new());
            }
            return Ok(vec![sweep::sweep_line_figure(&lines)?]);
        }
        SweepShape::Plane { .. } => {}
    }
    let slice = shape.slice();
    let title = shape.slice_title();
    let mut figures = Vec::new();
    let mut plane = None;
    for (column, label, stem) in SWEEP_HEAT_MAPS {
        let grid = read_slice_grid(&text_csv, &path, column, label, None, &slice)?;
        // A two-action sweep's H share is 0 everywhere: no figure.
        let drawn = |v: &f64| v.is_finite() && (*column != "field_defence" || *v != 0.0);
        if grid.values.iter().flatten().any(drawn) {
            figures.push(security::jervis_heat_map_figure_at(&grid, stem, &title)?);
        }
        plane = Some((grid.offence, grid.differentiation));
    }
    let manifest = dir.join("manifest.json");
    if let (Some((offence, differentiation)), true) = (plane, manifest.is_file()) {
        let text = std::fs::read_to_string(&manifest).map_err(|e| Error::io(&manifest, e))?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::Format {
            path: manifest.clone(),
            message: e.to_string(),
        })?;
        let game = &v["tournament"]["game"];
        if game["kind"] == "security" {
            // The slice's values of the model's own parameters.
            let mut parameters = game["parameters"].clone();
            for (name, value) in &slice {
                if let Some(field) = parameters.get_mut(name.as_str()) {
                    *field = serde_json::json!(value);
                }
            }
            let model: crate::game::SecurityDilemma =
                serde_json::from_value(parameters).map_err(|e| Error::Format {
                    path: manifest.clone(),
                    message: format!("tournament.game.parameters: {e}"),
                })?;
            let map = data::class_map(&model, &offence, &differentiation)?;
            figures.push(security::jervis_class_figure_at(&map, &title)?);
        }
        let maps = v["sweep"]["strategy_maps"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for name in maps.iter().filter_map(|n| n.as_str()) {
            for (column, what, stem) in STRATEGY_MAPS {
                let label = format!("{name} {what}");
                let grid = read_slice_grid(&text_csv, &path, column, &label, Some(name), &slice)?;
                if grid.values.iter().flatten().any(|x| x.is_finite()) {
                    let stem = format!("{stem}_{}", file_stem(name));
                    figures.push(security::jervis_heat_map_figure_at(&grid, &stem, &title)?);
                }
            }
        }
    }
    Ok(figures)
}

/// Reads one column of a sweep table (with `offence` and `differentiation`
/// columns, one or more rows per point) into a grid over the (θ, δ) plane;
/// the first row of each point gives its value, points not swept are NaN.
pub fn read_sweep_grid(
    text: &str,
    path: &Path,
    column: &str,
    label: &str,
) -> Result<data::ParameterGrid> {
    read_strategy_grid(text, path, column, label, None)
}

/// As [`read_sweep_grid`], from the rows of one strategy (`Some(name)`) or
/// the first row of each point (`None`).
pub fn read_strategy_grid(
    text: &str,
    path: &Path,
    column: &str,
    label: &str,
    strategy: Option<&str>,
) -> Result<data::ParameterGrid> {
    read_slice_grid(text, path, column, label, strategy, &[])
}

/// As [`read_strategy_grid`], from the rows of the slice where every
/// parameter of `slice` has its given value (a sweep with more axes than the
/// plane's two; see [`SweepShape::Plane`]).
pub fn read_slice_grid(
    text: &str,
    path: &Path,
    column: &str,
    label: &str,
    strategy: Option<&str>,
    slice: &[(String, f64)],
) -> Result<data::ParameterGrid> {
    let bad = |message: String| Error::Format {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| bad(format!("no `{name}` column")))
    };
    let (io, id, iv) = (find("offence")?, find("differentiation")?, find(column)?);
    let is = match strategy {
        Some(_) => Some(find("strategy")?),
        None => None,
    };
    let fixed = slice
        .iter()
        .map(|(name, value)| Ok((find(name)?, *value)))
        .collect::<Result<Vec<(usize, f64)>>>()?;
    let mut cells: Vec<(f64, f64, f64)> = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(e.to_string()))?;
        if let (Some(is), Some(name)) = (is, strategy) {
            if record.get(is) != Some(name) {
                continue;
            }
        }
        let off_slice = fixed
            .iter()
            .any(|&(i, value)| record.get(i).and_then(|f| f.parse::<f64>().ok()) != Some(value));
        if off_slice {
            continue;
        }
        let num = |i: usize| {
            let f = record.get(i).unwrap_or("");
            if f.is_empty() {
                Ok(f64::NAN)
            } else {
                f.parse::<f64>()
                    .map_err(|_| bad(format!("row {}: `{f}` is not a number", k + 2)))
            }
        };
        cells.push((num(io)?, num(id)?, num(iv)?));
    }
    if let (Some(name), true) = (strategy, cells.is_empty()) {
        return Err(bad(format!("no rows of strategy `{name}`")));
    }
    let axis = |f: fn(&(f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = cells.iter().map(f).filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    };
    let offence = axis(|c| c.0);
    let differentiation = axis(|c| c.1);
    let mut values = vec![vec![f64::NAN; offence.len()]; differentiation.len()];
    for (o, d, v) in &cells {
        let i = offence.iter().position(|x| x == o);
        let j = differentiation.iter().position(|x| x == d);
        if let (Some(i), Some(j)) = (i, j) {
            if values[j][i].is_nan() {
                values[j][i] = *v;
            }
        }
    }
    let grid = data::ParameterGrid {
        offence,
        differentiation,
        values,
        label: label.to_string(),
    };
    grid.validate().map_err(|e| bad(e.to_string()))?;
    Ok(grid)
}

/// Parses an `ecological.csv` (a `generation` column, then one column of
/// shares per strategy) into the strategy names and `shares[g][i]`.
pub fn read_ecological_csv(text: &str, path: &Path) -> Result<(Vec<String>, Vec<Vec<f64>>)> {
    let bad = |line: usize, message: String| Error::Format {
        path: path.to_path_buf(),
        message: format!("line {line}: {message}"),
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or_else(|| bad(1, "empty file".into()))?;
    let mut cols = header.split(',');
    if cols.next().map(str::trim) != Some("generation") {
        return Err(bad(
            1,
            "expected the header to start with `generation`".into(),
        ));
    }
    let names: Vec<String> = cols.map(|c| c.trim().to_string()).collect();
    if names.is_empty() {
        return Err(bad(1, "no strategy columns".into()));
    }
    let mut shares = Vec::new();
    for (k, line) in lines {
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != names.len() + 1 {
            return Err(bad(
                k + 1,
                format!("{} fields, expected {}", fields.len(), names.len() + 1),
            ));
        }
        let row = fields[1..]
            .iter()
            .map(|f| {
                f.trim()
                    .parse::<f64>()
                    .map_err(|_| bad(k + 1, format!("`{f}` is not a number")))
            })
            .collect::<Result<Vec<f64>>>()?;
        shares.push(row);
    }
    if shares.is_empty() {
        return Err(bad(2, "no generations".into()));
    }
    Ok((names, shares))
}

/// Parses a `moran.json` written by `dilemma run` (one report or a list of
/// them) into fixation curves over population sizes 2 to max(2N, 20), each
/// with its simulated point.
pub fn read_moran_json(text: &str, path: &Path) -> Result<Vec<data::MoranCurve>> {
    let bad = |message: String| Error::Format {
        path: path.to_path_buf(),
        message,
    };
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let reports: Vec<&serde_json::Value> = match &v {
        serde_json::Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let mut curves = Vec::with_capacity(reports.len());
    for (k, v) in reports.into_iter().enumerate() {
        let bad = |m: String| bad(format!("report {}: {m}", k + 1));
        let s = |key: &str| {
            v[key]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| bad(format!("missing text field `{key}`")))
        };
        let u = |key: &str| {
            v[key]
                .as_u64()
                .map(|x| x as usize)
                .ok_or_else(|| bad(format!("missing whole-number field `{key}`")))
        };
        let payoffs: Vec<f64> = v["match_payoffs"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_f64()).collect())
            .unwrap_or_default();
        let payoffs: [f64; 4] = payoffs
            .try_into()
            .map_err(|_| bad("`match_payoffs` must be four numbers".into()))?;
        let population = u("population")?;
        let mutants = u("mutants")?;
        let sim = &v["simulated"];
        let simulated = match (sim["probability"].as_f64(), sim["standard_error"].as_f64()) {
            (Some(probability), Some(standard_error)) => vec![data::SimulatedFixation {
                population,
                probability,
                standard_error,
            }],
            _ => vec![],
        };
        let curve = data::moran_curve(
            &s("mutant")?,
            &s("resident")?,
            payoffs,
            mutants,
            2..=(2 * population).max(20),
            simulated,
        )?;
        // Reports of the same invasion (e.g. simulated on mean payoffs and
        // with matches played) share one curve and show all their points.
        let same = |c: &data::MoranCurve| {
            c.mutant == curve.mutant
                && c.resident == curve.resident
                && c.mutants == curve.mutants
                && c.populations == curve.populations
                && c.exact == curve.exact
        };
        match curves.iter_mut().find(|c| same(c)) {
            Some(existing) => existing.simulated.extend(curve.simulated),
            None => curves.push(curve),
        }
    }
    if curves.is_empty() {
        return Err(bad("no Moran reports".into()));
    }
    Ok(curves)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecological_csv_parses_and_rejects() {
        let p = Path::new("e.csv");
        let (n, s) = read_ecological_csv("generation,a,b\n0,0.5,0.5\n1,0.6,0.4\n", p).unwrap();
        assert_eq!(n, vec!["a", "b"]);
        assert_eq!(s[1], vec![0.6, 0.4]);
        let e = read_ecological_csv("generation,a\n0,x\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("`x`"), "{e}");
        assert!(read_ecological_csv("gen,a\n", p).is_err());
    }

    #[test]
    fn sweep_grid_reads_first_row_per_point() {
        let text = "point,offence,differentiation,strategy,v\n\
                    0,0,0,a,0.1\n0,0,0,b,0.1\n1,1,0,a,0.2\n2,0,1,a,0.3\n";
        let g = read_sweep_grid(text, Path::new("s.csv"), "v", "V").unwrap();
        assert_eq!(g.offence, vec![0.0, 1.0]);
        assert_eq!(g.differentiation, vec![0.0, 1.0]);
        assert_eq!(g.values[0], vec![0.1, 0.2]);
        assert_eq!(g.values[1][0], 0.3);
        assert!(g.values[1][1].is_nan());
        assert!(read_sweep_grid(text, Path::new("s.csv"), "w", "W").is_err());
        // One strategy's rows.
        let text = "point,offence,differentiation,strategy,v\n\
                    0,0,0,a,0.1\n0,0,0,b,0.7\n1,1,0,a,0.2\n1,1,0,b,0.8\n";
        let b = read_strategy_grid(text, Path::new("s.csv"), "v", "V", Some("b")).unwrap();
        assert_eq!(b.values[0], vec![0.7, 0.8]);
        let err = read_strategy_grid(text, Path::new("s.csv"), "v", "V", Some("c")).unwrap_err();
        assert!(err.to_string().contains("no rows of strategy `c`"), "{err}");
    }

    #[test]
    fn strategy_maps_are_drawn_for_the_manifests_names() {
        assert_eq!(
            file_stem("Non-Offensive Defender"),
            "non_offensive_defender"
        );
        assert_eq!(file_stem("Omega TFT: 3, 8"), "omega_tft_3_8");
        let dir = std::env::temp_dir().join(format!("dilemma-maps-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut csv = String::from(
            "point,offence,differentiation,strategy,median_score,ecological_share,\
             field_cooperation,field_mutual_cooperation,field_spiral_share,\
             ecological_cooperation,field_defence\n",
        );
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
        for (k, (o, d)) in corners.iter().enumerate() {
            for (name, score, share) in [("A", 1.0, 0.25), ("B", 2.0, 0.75)] {
                csv.push_str(&format!(
                    "{k},{o},{d},{name},{score},{share},0.5,0.3,0.1,0.9,0\n"
                ));
            }
        }
        std::fs::write(dir.join("sweep.csv"), csv).unwrap();
        std::fs::write(
            dir.join("manifest.json"),
            r#"{"tournament": {"game": {"kind": "catalogue"}}, "sweep": {"strategy_maps": ["B"]}}"#,
        )
        .unwrap();
        let names: Vec<String> = sweep_figures_from_dir(&dir)
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(names.contains(&"jervis_share_b".to_string()), "{names:?}");
        assert!(names.contains(&"jervis_score_b".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with("_a")), "{names:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn moran_json_parses() {
        let text = r#"{"mutant":"TFT","resident":"Defector","population":10,"mutants":1,
            "match_payoffs":[600.0,199.0,204.0,200.0],
            "simulated":{"probability":0.3,"standard_error":0.01,"runs":100,"unfinished":0}}"#;
        let c = &read_moran_json(text, Path::new("m.json")).unwrap()[0];
        assert_eq!(c.populations.first(), Some(&2));
        assert_eq!(c.populations.last(), Some(&20));
        assert_eq!(c.simulated.len(), 1);
        assert!(read_moran_json("{}", Path::new("m.json")).is_err());
        // Two reports of one invasion share a curve.
        let list = format!("[{text}, {text}]");
        let merged = read_moran_json(&list, Path::new("m.json")).unwrap();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].simulated.len(), 2);
        let other = text.replace("\"TFT\"", "\"WSLS\"");
        let list = format!("[{text}, {other}]");
        assert_eq!(
            read_moran_json(&list, Path::new("m.json")).unwrap().len(),
            2
        );
        assert!(read_moran_json("[]", Path::new("m.json")).is_err());
    }
}
