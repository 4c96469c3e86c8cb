//! `dilemma plot`: redraw a results folder's figures from its saved results,
//! or draw the security-dilemma class map or a game's diagrams.

use super::game::{load_any_game, parse_params};
use anyhow::{bail, Context, Result};
use clap::Args;
use dilemma::equilibrium::nplayer::{solve_nplayer, NPlayerMethod, NPlayerOptions};
use dilemma::evolution::EvolutionRecords;
use dilemma::figure::{
    self, data, evolution, games, security, Figure, FigureOptions, ImageFormat, SweepFigureExtras,
};
use dilemma::game::{AnyGame, NPlayerGame, SecurityDilemma, SymmetricBinaryGame};
use dilemma::posture::PostureResults;
use dilemma::replicates::{SweepBands, INTERVALS_FILE};
use dilemma::sweep::{self, SweepManifest};
use dilemma::tournament::TournamentResults;
use std::path::{Path, PathBuf};

/// Arguments of `dilemma plot`.
#[derive(Debug, Args)]
pub struct PlotArgs {
    /// A results folder written by `dilemma tournament`, `dilemma run` or
    /// `dilemma sweep` (with `results.json`, `ecological.csv`, `moran.json`,
    /// `sweep.csv`, as present):
    /// its figures are redrawn into it without re-running anything.
    #[arg(required_unless_present_any = ["jervis_classes", "game"])]
    pub dir: Option<PathBuf>,
    /// Output formats, comma separated: svg, png, pdf.
    #[arg(long, value_delimiter = ',', default_value = "svg,png")]
    pub format: Vec<String>,
    /// Resolution of PNG output, dots per inch.
    #[arg(long, default_value_t = 300)]
    pub dpi: u32,
    /// Colour scale of the heat maps of rates and shares, LOW:HIGH (default
    /// 0:1). Score maps keep their own scale.
    #[arg(long, value_name = "LOW:HIGH", value_parser = super::figure_args::parse_color_range)]
    pub color_range: Option<(f64, f64)>,
    /// Draw the class of the security-dilemma stage game over offence-defence
    /// balance x differentiation, with Jervis's four worlds (model defaults;
    /// change them with `--param`).
    #[arg(long, conflicts_with_all = ["dir", "game"])]
    pub jervis_classes: bool,
    /// Draw a game's figures: the best-response diagram (2x2) and the
    /// replicator phase portrait (symmetric 2x2 or 3x3); for more players,
    /// the equilibrium cube (three players, two actions each) and the gain
    /// function (symmetric, two actions). A catalogue name or a `.nfg` file.
    #[arg(long, conflicts_with = "dir")]
    pub game: Option<String>,
    /// Override a parameter of the catalogue game or of the security-dilemma
    /// model, e.g. `--param T=6` or `--param stakes=5` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Cells per axis of the class map (each coloured by the class at its
    /// centre).
    #[arg(long, default_value_t = 200)]
    pub grid: usize,
    /// Output folder for `--jervis-classes` and `--game` (default: the current folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `dilemma plot`.
pub fn run(args: PlotArgs) -> Result<()> {
    let formats = args
        .format
        .iter()
        .map(|f| f.parse::<ImageFormat>())
        .collect::<dilemma::Result<Vec<_>>>()?;
    let options = FigureOptions {
        formats,
        dpi: args.dpi,
        color_range: args.color_range,
    };
    options.validate()?;
    let written = if args.jervis_classes {
        if !(2..=1000).contains(&args.grid) {
            bail!(
                "--grid {}: expected between 2 and 1000 cells per axis",
                args.grid
            );
        }
        let mut model = SecurityDilemma::default();
        for (k, v) in parse_params(&args.params)? {
            model.set(&k, v)?;
        }
        model.validate()?;
        let axis = data::cell_centres(args.grid);
        let map = data::class_map(&model, &axis, &axis)?;
        let out = args.out.unwrap_or_else(|| PathBuf::from("."));
        security::jervis_class_figure(&map)?.write(&out, &options)?
    } else if let Some(spec) = &args.game {
        let out = args.out.unwrap_or_else(|| PathBuf::from("."));
        let game = match load_any_game(spec, &args.params)? {
            AnyGame::Two(game) => game,
            AnyGame::Many(game) => {
                let written = write_nplayer_figures(spec, &game, &out, &options)?;
                for path in &written {
                    println!("wrote {}", path.display());
                }
                return Ok(());
            }
        };
        let mut figures: Vec<Figure> = Vec::new();
        let (r, c) = game.shape();
        let symmetric = game.is_symmetric(1e-12);
        if (r, c) == (2, 2) {
            figures.push(games::best_response_figure(&data::best_response_diagram(
                &game,
            )?)?);
        }
        if symmetric && r == 2 {
            figures.push(evolution::phase_line_figure(&data::phase_line(
                &game, 201,
            )?)?);
        }
        if symmetric && r == 3 {
            figures.push(evolution::simplex_figure(&data::simplex_portrait(
                &game, 10, 0.05, 400,
            )?)?);
        }
        if figures.is_empty() {
            bail!(
                "`{spec}` is a {r}x{c}{} game: figures exist for 2x2 games and symmetric 3x3 games",
                if symmetric { "" } else { " asymmetric" }
            );
        }
        let mut written = Vec::new();
        for f in &figures {
            written.extend(f.write(&out, &options)?);
        }
        written
    } else {
        let dir = args
            .dir
            .context("give a results folder, --jervis-classes or --game")?;
        redraw(&dir, &options)?
    };
    for path in &written {
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Redraws a results folder's figures from its files, each read through its
/// record type: the tournament's (from `results.json`, with the evolution
/// figures of `ecological.csv` and `moran.json`) and the sweep's (from
/// `sweep.csv` and its `manifest.json`).
fn redraw(dir: &Path, options: &FigureOptions) -> Result<Vec<PathBuf>> {
    let path = dir.join("results.json");
    let table = dir.join(sweep::TABLE_FILE);
    if !path.is_file() && !table.is_file() {
        bail!(
            "{}: no results.json or sweep.csv; give a folder written by `dilemma tournament`, `dilemma run` or `dilemma sweep`",
            dir.display()
        );
    }
    let mut written = Vec::new();
    if path.is_file() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))?;
        if value["config"]["three_action"] == serde_json::Value::Bool(true) {
            let results: PostureResults = serde_json::from_value(value)
                .with_context(|| format!("{}: not a three-action result set", path.display()))?;
            written.extend(figure::posture_figures(&results, dir, options)?);
        } else {
            let results: TournamentResults = serde_json::from_value(value)
                .with_context(|| format!("{}: not a tournament result set", path.display()))?;
            written.extend(figure::tournament_figures(&results, dir, options)?);
        }
        let evolution = EvolutionRecords::read(dir)?;
        written.extend(figure::write_figures(
            &figure::evolution_figure_set(&evolution)?,
            dir,
            options,
        )?);
    }
    if table.is_file() {
        let rows = sweep::read_table(&table)?;
        let manifest = dir.join(sweep::MANIFEST_FILE);
        let manifest = match manifest.is_file() {
            true => Some(SweepManifest::read(&manifest)?),
            false => None,
        };
        let intervals = dir.join(INTERVALS_FILE);
        let bands = match intervals.is_file() {
            true => {
                let text = std::fs::read_to_string(&intervals)
                    .with_context(|| format!("cannot read {}", intervals.display()))?;
                Some(SweepBands::from_intervals_csv(&rows, &text, &intervals)?)
            }
            false => None,
        };
        let extras = SweepFigureExtras {
            bands: bands.as_ref(),
            color_range: options.color_range,
        };
        written.extend(figure::write_figures(
            &figure::sweep_figure_set(&rows, manifest.as_ref(), extras)?,
            dir,
            options,
        )?);
        if let Some(note) = data::sweep_shape(&rows).note() {
            eprintln!("{}: {note}", table.display());
        }
    }
    Ok(written)
}

/// The figures of a game with other than two players: the equilibrium cube
/// (three players with two actions each, equilibria by support enumeration)
/// and the gain function (symmetric games with two actions).
fn write_nplayer_figures(
    spec: &str,
    game: &NPlayerGame,
    out: &Path,
    options: &FigureOptions,
) -> Result<Vec<PathBuf>> {
    let mut figures: Vec<Figure> = Vec::new();
    if game.shape() == [2, 2, 2] {
        let report = solve_nplayer(game, NPlayerMethod::All, &NPlayerOptions::default())?;
        figures.push(figure::nplayer::cube_figure(&data::cube_diagram(
            game,
            &report.equilibria,
        )?)?);
    }
    if let Some(sym) = SymmetricBinaryGame::from_game(game, 0.0) {
        figures.push(figure::nplayer::gain_figure(&sym)?);
    }
    if figures.is_empty() {
        bail!(
            "`{spec}` is a {}-player game of shape {}: n-player figures exist for three players with two actions each and for symmetric games with two actions",
            game.num_players(),
            dilemma::game::nplayer::shape_text(game.shape())
        );
    }
    Ok(figure::write_figures(&figures, out, options)?)
}
