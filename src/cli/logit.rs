//! `dilemma solve --method logit`: the logit QRE branch printed, its trace
//! written as CSV and drawn.

use super::report::{game_json, title};
use anyhow::{Context, Result};
use dilemma::equilibrium::qre::{
    logit_solve, logit_solve_nplayer, LogitReport, NPlayerLogitReport, QrePoint,
};
use dilemma::figure::qre::{branch_lines, logit_branch_figure};
use dilemma::figure::FigureOptions;
use dilemma::game::NPlayerGame;
use dilemma::MatrixGame;
use serde_json::json;
use std::path::PathBuf;

/// The precisions printed when `--lambda` is not given (Gambit's reference
/// grid).
pub const DEFAULT_LAMBDAS: [f64; 6] = [0.1, 0.5, 1.0, 2.0, 5.0, 10.0];

/// What `solve --method logit` prints and writes.
#[derive(Debug, Clone)]
pub struct LogitOutput {
    /// `--lambda` (empty: [`DEFAULT_LAMBDAS`]).
    pub lambdas: Vec<f64>,
    /// `--trace`: the CSV of every traced point.
    pub trace: Option<PathBuf>,
    /// `--figure`: the folder for the branch's figure.
    pub figure: Option<PathBuf>,
    /// `--format json`.
    pub json: bool,
}

impl LogitOutput {
    /// Traces `game`'s branch, prints the report and writes the files.
    pub fn run(self, game: &MatrixGame) -> Result<()> {
        let lambdas = if self.lambdas.is_empty() {
            DEFAULT_LAMBDAS.to_vec()
        } else {
            self.lambdas
        };
        let report = logit_solve(game, &lambdas)?;
        let mut written = Vec::new();
        if let Some(path) = &self.trace {
            write_trace(game, &report.trace, path)?;
            written.push(path.clone());
        }
        if let Some(dir) = &self.figure {
            let players = [("Row", game.row_actions()), ("Column", game.col_actions())];
            let figure = logit_branch_figure(&branch_lines(&report.trace, &players)?)?;
            written.extend(figure.write(dir, &FigureOptions::default())?);
        }
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&report_json(game, &report))?
            );
        } else {
            print!("{}", report_text(game, &report));
            for path in &written {
                println!("wrote {}", path.display());
            }
        }
        Ok(())
    }
}

impl LogitOutput {
    /// Traces the branch of a game with any number of players (the players'
    /// names label the trace's columns), prints the report and writes the
    /// files.
    pub fn run_nplayer(self, game: &NPlayerGame) -> Result<()> {
        let lambdas = if self.lambdas.is_empty() {
            DEFAULT_LAMBDAS.to_vec()
        } else {
            self.lambdas
        };
        let report = logit_solve_nplayer(game, &lambdas)?;
        let players: Vec<(&str, &[String])> = game
            .player_names()
            .iter()
            .map(String::as_str)
            .zip(game.action_names().iter().map(Vec::as_slice))
            .collect();
        let mut written = Vec::new();
        if let Some(path) = &self.trace {
            let mut header = vec!["lambda".to_string()];
            for (player, actions) in &players {
                header.extend(actions.iter().map(|a| format!("{player}_{a}")));
            }
            write_trace_rows(&header, &report.trace, path)?;
            written.push(path.clone());
        }
        if let Some(dir) = &self.figure {
            let figure = logit_branch_figure(&branch_lines(&report.trace, &players)?)?;
            written.extend(figure.write(dir, &FigureOptions::default())?);
        }
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&json!({
                    "game": game.name(),
                    "players": game.player_names(),
                    "shape": game.shape(),
                    "actions": game.action_names(),
                    "method": "logit",
                    "points": report.points,
                    "limit": report.limit,
                    "end_lambda": report.end_lambda,
                    "tolerance": report.tolerance,
                    "max_regret": report.limit.max_regret,
                    "steps": report.steps,
                    "refused_steps": report.refused_steps,
                    "bifurcations": report.bifurcations,
                }))?
            );
        } else {
            print!("{}", nplayer_report_text(game, &players, &report));
            for path in &written {
                println!("wrote {}", path.display());
            }
        }
        Ok(())
    }
}

fn nplayer_report_text(
    game: &NPlayerGame,
    players: &[(&str, &[String])],
    r: &NPlayerLogitReport,
) -> String {
    let shape = dilemma::game::nplayer::shape_text(game.shape());
    let mut s = if game.name().is_empty() {
        format!("game: {}-player game ({shape})\n", game.num_players())
    } else {
        format!(
            "game: {} ({} players, {shape})\n",
            game.name(),
            game.num_players()
        )
    };
    let actions: Vec<String> = players
        .iter()
        .map(|(p, a)| format!("{p} [{}]", a.join(", ")))
        .collect();
    s.push_str(&format!("actions: {}\n", actions.join("; ")));
    s.push_str(
        "method: logit (principal branch of the logit QRE from λ = 0, predictor-corrector)\n",
    );
    s.push_str(&format!(
        "traced: {} steps ({} refused) to λ = {:.6e}\n",
        r.steps, r.refused_steps, r.end_lambda
    ));
    s.push_str("QRE:\n");
    for p in &r.points {
        let each: Vec<String> = players
            .iter()
            .zip(&p.strategies)
            .map(|((name, _), st)| format!("{name} ({})", probabilities(st)))
            .collect();
        s.push_str(&format!("  λ = {}  {}\n", p.lambda, each.join("  ")));
    }
    let e = &r.limit;
    let each: Vec<String> = (0..game.num_players())
        .map(|i| format!("({})", e.strategy_text(i).join(", ")))
        .collect();
    s.push_str(&format!(
        "limit (λ → ∞), a Nash equilibrium: {}  payoffs ({})\n",
        each.join(" "),
        e.payoffs_text().join(", ")
    ));
    s.push_str(&format!(
        "max regret: {:.3e} (tolerance {:.1e})\n",
        e.max_regret, r.tolerance
    ));
    s
}

/// Probabilities to six decimals.
fn probabilities(p: &[f64]) -> String {
    p.iter()
        .map(|v| format!("{v:.6}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn report_text(game: &MatrixGame, r: &LogitReport) -> String {
    let mut s = format!("game: {}\n", title(game));
    s.push_str(&format!(
        "actions: row [{}], column [{}]\n",
        game.row_actions().join(", "),
        game.col_actions().join(", ")
    ));
    s.push_str(
        "method: logit (principal branch of the logit QRE from λ = 0, predictor-corrector)\n",
    );
    s.push_str(&format!(
        "traced: {} steps ({} refused) to λ = {:.6e}",
        r.steps, r.refused_steps, r.end_lambda
    ));
    if !r.bifurcations.is_empty() {
        let at: Vec<String> = r.bifurcations.iter().map(|l| format!("{l:.4}")).collect();
        s.push_str(&format!("; bifurcation crossed near λ = {}", at.join(", ")));
    }
    s.push('\n');
    s.push_str("QRE:\n");
    let width = r
        .points
        .iter()
        .map(|p| format!("{}", p.lambda).len())
        .max()
        .unwrap_or(1);
    for p in &r.points {
        s.push_str(&format!(
            "  λ = {:<width$}  row ({})  column ({})\n",
            format!("{}", p.lambda),
            probabilities(&p.strategies[0]),
            probabilities(&p.strategies[1]),
        ));
    }
    let e = &r.limit;
    let (u, v) = e.payoffs_text();
    s.push_str(&format!(
        "limit (λ → ∞), a Nash equilibrium: row ({})  column ({})  payoffs ({u}, {v})\n",
        e.row_text().join(", "),
        e.col_text().join(", "),
    ));
    s.push_str(&format!(
        "max regret: {:.3e} (tolerance {:.1e})\n",
        e.max_regret, r.tolerance
    ));
    s
}

fn report_json(game: &MatrixGame, r: &LogitReport) -> serde_json::Value {
    game_json(
        game,
        json!({
        "method": "logit",
        "points": r.points,
        "limit": r.limit,
        "end_lambda": r.end_lambda,
        "tolerance": r.tolerance,
        "max_regret": r.limit.max_regret,
        "steps": r.steps,
        "refused_steps": r.refused_steps,
        "bifurcations": r.bifurcations,
        }),
    )
}

/// The trace as CSV: `lambda`, then each row action's and each column
/// action's probability.
fn write_trace(game: &MatrixGame, trace: &[QrePoint], path: &PathBuf) -> Result<()> {
    let mut header = vec!["lambda".to_string()];
    header.extend(game.row_actions().iter().map(|a| format!("row_{a}")));
    header.extend(game.col_actions().iter().map(|a| format!("column_{a}")));
    write_trace_rows(&header, trace, path)
}

/// The trace as CSV under `header`: `lambda`, then every action's
/// probability, player after player.
fn write_trace_rows(header: &[String], trace: &[QrePoint], path: &PathBuf) -> Result<()> {
    let mut w =
        csv::Writer::from_path(path).with_context(|| format!("cannot write {}", path.display()))?;
    w.write_record(header)?;
    for p in trace {
        let mut row = vec![format!("{}", p.lambda)];
        row.extend(p.strategies.iter().flatten().map(|v| format!("{v}")));
        w.write_record(&row)?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
