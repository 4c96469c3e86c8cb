//! `dilemma fit-qre`: the maximum-likelihood logit QRE of observed play.

use super::game::load_any_game;
use super::report::title;
use super::ListFormat;
use anyhow::{bail, Result};
use clap::Args;
use dilemma::equilibrium::qre::{fit_lambda, Observations, QreFit, CHI_SQUARED_95};
use dilemma::game::AnyGame;
use dilemma::MatrixGame;
use serde_json::json;
use std::path::PathBuf;

/// Arguments of `dilemma fit-qre`.
#[derive(Debug, Args)]
pub struct FitQreArgs {
    /// A catalogue name (see `dilemma game list`) or a Gambit `.nfg` file.
    pub game: String,
    /// Override a catalogue game's parameter, e.g. `--param T=6` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Observed counts of each action: a player's counts separated by
    /// commas, players by `;`, the row player first, e.g. "30,70;55,45".
    #[arg(long, value_name = "COUNTS", required_unless_present = "data")]
    pub counts: Option<String>,
    /// A CSV of observed plays: the header `player,action`, then one row
    /// per observed choice; player is `row` or `column` (or 1 or 2), action
    /// is the action's name or its number from 1. Lines starting with `#`
    /// are comments.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "counts")]
    pub data: Option<PathBuf>,
    /// Output format (`text` or `json`).
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// Runs `dilemma fit-qre`.
pub fn run(args: FitQreArgs) -> Result<()> {
    let game = match load_any_game(&args.game, &args.params)? {
        AnyGame::Two(game) => game,
        _ => anyhow::bail!("{}: fit-qre takes a two-player game", args.game),
    };
    let observations = match (&args.counts, &args.data) {
        (Some(text), None) => Observations::parse(text)?,
        (None, Some(path)) => {
            Observations::read_plays_csv(path, &[game.row_actions(), game.col_actions()])?
        }
        _ => bail!("give the observations with --counts or --data"),
    };
    let fit = fit_lambda(&game, &observations)?;
    match args.format {
        ListFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "game": game.name(),
                "row_actions": game.row_actions(),
                "col_actions": game.col_actions(),
                "counts": observations.counts(),
                "fit": fit,
            }))?
        ),
        ListFormat::Text => print!("{}", fit_text(&game, &observations, &fit)),
    }
    Ok(())
}

/// `λ` to six significant decimals, `∞` for infinity.
fn lambda_text(l: f64) -> String {
    if l.is_infinite() {
        "∞".into()
    } else {
        format!("{l:.6}")
    }
}

fn fit_text(game: &MatrixGame, o: &Observations, fit: &QreFit) -> String {
    let list = |v: &[f64], digits: usize| {
        v.iter()
            .map(|x| format!("{x:.digits$}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = format!("game: {}\n", title(game));
    s.push_str(&format!(
        "observations: {} (row: {}; column: {})\n",
        fit.observations,
        list(&o.counts()[0], 0),
        list(&o.counts()[1], 0)
    ));
    if !fit.identified {
        s.push_str(
            "λ is not identified: the likelihood is the same all along the branch (the QRE does not move)\n",
        );
    }
    s.push_str(&format!(
        "maximum-likelihood λ: {} (log-likelihood {:.6})\n",
        lambda_text(fit.lambda),
        fit.log_likelihood
    ));
    s.push_str(&format!(
        "95% profile-likelihood interval: [{}, {}] (likelihood ratio ≤ χ²₁ 0.95 = {CHI_SQUARED_95:.4})\n",
        lambda_text(fit.interval[0]),
        lambda_text(fit.interval[1])
    ));
    s.push_str(&format!(
        "QRE at λ̂{}: row ({})  column ({})\n",
        if fit.lambda.is_infinite() {
            " (the branch's limit)"
        } else {
            ""
        },
        list(&fit.strategies[0], 6),
        list(&fit.strategies[1], 6)
    ));
    if fit.peaks.len() > 1 {
        let peaks: Vec<String> = fit
            .peaks
            .iter()
            .map(|p| {
                format!(
                    "λ = {:.6} (log-likelihood {:.6})",
                    p.lambda, p.log_likelihood
                )
            })
            .collect();
        s.push_str(&format!(
            "local maxima along the branch: {}\n",
            peaks.join(", ")
        ));
    }
    s
}
