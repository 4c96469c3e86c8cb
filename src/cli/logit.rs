//! `dilemma solve --method logit`: the logit QRE branch printed, its trace
//! written as CSV and drawn.

use super::report::{game_json, title};
use anyhow::{Context, Result};
use dilemma::equilibrium::qre::{logit_solve, LogitReport, QrePoint};
use dilemma::figure::qre::{branch_lines, logit_branch_figure};
use dilemma::figure::FigureOptions;
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
    let mut w =
        csv::Writer::from_path(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut header = vec!["lambda".to_string()];
    header.extend(game.row_actions().iter().map(|a| format!("row_{a}")));
    header.extend(game.col_actions().iter().map(|a| format!("column_{a}")));
    w.write_record(&header)?;
    for p in trace {
        let mut row = vec![format!("{}", p.lambda)];
        row.extend(p.strategies.iter().flatten().map(|v| format!("{v}")));
        w.write_record(&row)?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
