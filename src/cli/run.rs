//! `dilemma run experiment.toml`: an experiment file's tournament and
//! evolution, or its sweep.

use super::figure_args::FigureArgs;
use super::tournament::{print_ranking, registry_with, run_and_write};
use anyhow::{Context, Result};
use clap::Args;
use dilemma::compare;
use dilemma::evolution::{
    ecological_simulation, fixation_probability, MatchMoranProcess, MoranProcess,
};
use dilemma::experiment::{EvolutionConfig, Experiment};
use dilemma::figure;
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::play::{MatchConfig, StageGame};
use dilemma::strategy::Registry;
use dilemma::tournament::output::write_atomic;
use dilemma::tournament::TournamentConfig;
use ndarray::Array2;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Arguments of `dilemma run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The experiment file (TOML with [tournament] and optionally [evolution]).
    pub experiment: PathBuf,
    /// Output folder (default: the experiment file's folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Figures.
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// Runs `dilemma run`.
pub fn run(args: RunArgs) -> Result<()> {
    let figures = args.figures.options()?;
    let mut experiment = Experiment::read(&args.experiment)?;
    let base = match args.experiment.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out = args.out.clone().unwrap_or_else(|| base.clone());
    // `Experiment::read` resolved the strategy files against the experiment's folder.
    let (registry, kept) = registry_with(&experiment.strategies)?;
    let config = experiment
        .tournament
        .clone()
        .context("the experiment has no [tournament]")?
        .with_game_contents()?;
    experiment.canonicalise_names(|n| registry.create(n).ok().map(|s| s.name().to_string()));
    if experiment.sweep.is_none() {
        experiment.check_names(&super::tournament::player_names(&config, &registry)?)?;
        let plays =
            |e: &dilemma::experiment::EvolutionConfig| e.moran.iter().any(|m| m.play_matches);
        if config.three_action && experiment.evolution.as_ref().is_some_and(plays) {
            anyhow::bail!(
                "[evolution.moran] play_matches applies to two-action tournaments, not to three_action = true"
            );
        }
        if config.three_action && experiment.compare.is_some() {
            anyhow::bail!(
                "[compare] applies to two-action tournaments, not to three_action = true"
            );
        }
    }
    let folder = OutputFolder::begin(&out, Commit::Replace)?;
    if let Some(sweep) = &experiment.sweep {
        super::sweep::run_and_write(
            &config,
            sweep,
            &registry,
            folder.path(),
            args.threads,
            figures.as_ref(),
        )?;
        folder.commit()?;
        println!("\nwrote {}/", out.display());
        return Ok(());
    }
    let dir = folder.path();
    // The evolution stage runs on the same bounded pool as the tournament.
    let pool = dilemma::parallel::pool(args.threads)?;
    if config.three_action {
        let results =
            super::posture::run_and_write(config, &registry, kept, dir, args.threads, false)?;
        super::posture::print_ranking(&results);
        if let Some(evo) = &experiment.evolution {
            let s = &results.statistics;
            pool.install(|| {
                evolve(
                    &results.players,
                    &s.payoff_matrix,
                    results.config.expected_turns(),
                    evo,
                    dir,
                    None,
                )
            })?;
        }
        if let Some(options) = &figures {
            figure::posture_figures(&results, dir, options)?;
        }
        folder.commit()?;
        println!("\nwrote {}/", out.display());
        return Ok(());
    }
    let results = run_and_write(config, &registry, kept, dir, args.threads, false)?;
    print_ranking(&results);
    if let Some(table) = &experiment.compare {
        let c = compare::compare(&results, table)?;
        write_atomic(&dir.join("comparison.csv"), compare::to_csv(&c).as_bytes())?;
        write_atomic(
            &dir.join("comparison.json"),
            format!("{}\n", serde_json::to_string_pretty(&c)?).as_bytes(),
        )?;
        println!(
            "\n{:<28} {:>10} {:>10} {:>6} {:>6}",
            "published entry", "published", "here", "rank", "here"
        );
        for r in &c.rows {
            println!(
                "{:<28} {:>10.1} {:>10.1} {:>6} {:>6}",
                r.label, r.published, r.ours, r.published_rank, r.our_rank
            );
        }
        println!("Spearman rank correlation: {:.3}", c.spearman);
    }
    if let Some(evo) = &experiment.evolution {
        let s = &results.statistics;
        pool.install(|| {
            evolve(
                &results.players,
                &s.payoff_matrix,
                results.config.expected_turns(),
                evo,
                dir,
                Some((&results.config, &registry)),
            )
        })?;
    }
    if let Some(options) = &figures {
        figure::tournament_figures(&results, dir, options)?;
    }
    folder.commit()?;
    println!("\nwrote {}/", out.display());
    Ok(())
}

/// The experiment's `[evolution]` on a tournament's payoff matrix (mean
/// per-turn payoffs; `turns` expected turns per match, which scale them to
/// per-match payoffs for the Moran process): the ecological simulation and the
/// Moran processes, written to `ecological.csv` and `moran.json` in `out`.
///
/// A Moran process with `play_matches` needs the tournament's configuration
/// and registry (`matches`); three-action tournaments pass `None`.
fn evolve(
    players: &[String],
    payoff_matrix: &[Vec<f64>],
    turns: f64,
    evo: &EvolutionConfig,
    out: &Path,
    matches: Option<(&TournamentConfig, &Registry)>,
) -> Result<()> {
    let n = payoff_matrix.len();
    // The discrete replicator needs non-negative fitness: negative payoffs
    // (the security dilemma's) are shifted up by their minimum, as sweeps do.
    let shift = payoff_matrix
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    if shift < 0.0 {
        println!(
            "\necological simulation on payoffs shifted up by {:.4} (the game has negative payoffs)",
            -shift
        );
    }
    let payoffs = Array2::from_shape_fn((n, n), |(i, j)| payoff_matrix[i][j] - shift);
    let eco = ecological_simulation(&payoffs, None, evo.generations)?;
    let mut csv = String::from("generation");
    for name in players {
        csv.push(',');
        csv.push_str(&name.replace(',', ";"));
    }
    csv.push('\n');
    for (g, shares) in eco.shares.iter().enumerate() {
        csv.push_str(&g.to_string());
        for x in shares {
            csv.push_str(&format!(",{x}"));
        }
        csv.push('\n');
    }
    write_atomic(&out.join("ecological.csv"), csv.as_bytes())?;
    println!(
        "\necological simulation, {} generations; final shares:",
        evo.generations
    );
    let mut order: Vec<usize> = (0..n).collect();
    let last = eco.final_shares();
    order.sort_by(|&a, &b| last[b].total_cmp(&last[a]));
    for i in order {
        println!("  {:<32} {:.4}", players[i], last[i]);
    }
    let mut reports = Vec::new();
    for m in &evo.moran {
        let index = |name: &str| {
            players
                .iter()
                .position(|p| p.eq_ignore_ascii_case(name))
                .with_context(|| {
                    format!("[evolution.moran]: `{name}` is not a player of the tournament")
                })
        };
        let (mutant, resident) = (index(&m.mutant)?, index(&m.resident)?);
        let per_match = |i: usize, j: usize| payoff_matrix[i][j] * turns;
        let four = [
            per_match(mutant, mutant),
            per_match(mutant, resident),
            per_match(resident, mutant),
            per_match(resident, resident),
        ];
        let exact = fixation_probability(four, m.population, m.mutants)?;
        let spinner = indicatif::ProgressBar::new_spinner().with_message(format!(
            "Moran: {} invading {}, {} runs{}",
            players[mutant],
            players[resident],
            m.runs,
            if m.play_matches {
                ", matches played every step"
            } else {
                ""
            }
        ));
        spinner.enable_steady_tick(std::time::Duration::from_millis(200));
        let estimate = if m.play_matches {
            let (config, registry) = matches
                .context("[evolution.moran] play_matches applies to two-action tournaments only")?;
            match_moran(config, registry, mutant, resident)?.estimate_fixation(
                0,
                1,
                m.population,
                m.mutants,
                m.runs,
                m.seed,
            )?
        } else {
            let two = Array2::from_shape_vec((2, 2), four.to_vec()).expect("2x2");
            MoranProcess::new(two)?.estimate_fixation(
                0,
                1,
                m.population,
                m.mutants,
                m.runs,
                m.seed,
            )?
        };
        let report = json!({
            "mutant": players[mutant],
            "resident": players[resident],
            "population": m.population,
            "mutants": m.mutants,
            "match_payoffs": four,
            "exact_fixation_probability": exact,
            "simulated": estimate,
            "simulation": if m.play_matches { "matches played every step" } else { "mean payoffs" },
            "neutral_fixation_probability": m.mutants as f64 / m.population as f64,
        });
        spinner.finish_and_clear();
        reports.push(report);
        println!(
            "\nMoran: {} invading {} (N = {}, {} mutant(s)): fixation {:.4} exact, {:.4} ± {:.4} simulated ({} runs{}); neutral {:.4}",
            players[mutant],
            players[resident],
            m.population,
            m.mutants,
            exact,
            estimate.probability,
            estimate.standard_error,
            m.runs,
            if m.play_matches {
                ", matches played every step"
            } else {
                ""
            },
            m.mutants as f64 / m.population as f64
        );
    }
    if !reports.is_empty() {
        write_atomic(
            &out.join("moran.json"),
            format!("{}\n", serde_json::to_string_pretty(&reports)?).as_bytes(),
        )?;
    }
    Ok(())
}

/// The Moran process of players `mutant` and `resident` of a two-action
/// tournament with matches played every step: the tournament's game, turns
/// (or continuation), action noise and each player's perception noise.
fn match_moran(
    config: &TournamentConfig,
    registry: &Registry,
    mutant: usize,
    resident: usize,
) -> Result<MatchMoranProcess> {
    let game = StageGame::from_game(&config.game.to_game()?)?;
    let spec = |k: usize| &config.players[k];
    let types = vec![
        registry.create(spec(mutant).strategy())?,
        registry.create(spec(resident).strategy())?,
    ];
    let (pm, pr) = (
        config.perception_of(spec(mutant))?,
        config.perception_of(spec(resident))?,
    );
    if pm != pr {
        anyhow::bail!(
            "[evolution.moran] play_matches needs the mutant and the resident to perceive alike"
        );
    }
    let rules = match config.continuation {
        Some(p) => MatchConfig::continuation(p),
        None => MatchConfig::turns(config.turns),
    }
    .with_noise(config.noise)
    .with_perception(pm, pr);
    Ok(MatchMoranProcess::new(types, game, rules)?)
}
