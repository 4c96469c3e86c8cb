//! `dilemma solve`: equilibria of a game (catalogue name, Gambit `.nfg` file
//! or the security-dilemma model).

use super::game::{load_any_game, SecurityArgs};
use super::logit::LogitOutput;
use super::report::{game_json, title};
use super::Format;
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use dilemma::equilibrium::nplayer::gnm::Perturbation;
use dilemma::equilibrium::nplayer::{
    solve_nplayer_with_progress, NPlayerMethod, NPlayerOptions, NPlayerReport,
};
use dilemma::equilibrium::{
    correlated_equilibrium, solve_with_options, CorrelatedEquilibrium, CorrelatedObjective, Labels,
    Method, Progress, SolveOptions, SolveReport,
};
use dilemma::game::{AnyGame, NPlayerGame};
use dilemma::MatrixGame;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Arguments of `dilemma solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// A catalogue name (see `dilemma game list`) or a Gambit `.nfg` file;
    /// omit with `--security`.
    #[arg(required_unless_present = "security", conflicts_with = "security")]
    pub game: Option<String>,
    /// Override a catalogue game's parameter, e.g. `--param T=6` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Solve the security-dilemma stage game built from the model flags.
    #[arg(long)]
    pub security: bool,
    /// With `--security`: the three-action variant with a defensive posture H.
    #[arg(long)]
    pub three_action: bool,
    /// With `--security`: also solve the game as each side perceives it
    /// (paranoia inflating its own losses; docs/model.md §5.3) and print its
    /// equilibria after the true game's.
    #[arg(long, conflicts_with = "three_action")]
    pub perceived: bool,
    /// The security-dilemma model's parameters (with `--security`).
    #[command(flatten)]
    pub model: SecurityArgs,
    /// Which equilibria to compute.
    #[arg(long, value_enum, default_value_t = SolveMethod::All)]
    pub method: SolveMethod,
    /// With `--method lemke-howson`: the starting labels, `all` or a
    /// comma-separated list of label numbers (1..m are the row player's
    /// actions, m+1..m+n the column player's). Default 1, as Gambit's
    /// `gambit-lcp`: one path, one equilibrium, seconds on a 200x200 game;
    /// `all` follows m+n paths and may find more equilibria.
    #[arg(long, value_name = "all|K[,K...]")]
    pub labels: Option<String>,
    /// With `--method liap`: the number of starting points (the centroid,
    /// then random points drawn from the seed).
    #[arg(long, default_value_t = 20)]
    pub starts: usize,
    /// With `--method liap`: the seed of the random starting points; with
    /// `--method gnm`: the seed of the perturbation rays (ray k drawn from
    /// seed + k).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// With `--method gnm`: how many random perturbation rays to follow
    /// (each path may cross several equilibria).
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub rays: usize,
    /// With `--method gnm`: start the path at this pure profile, made
    /// strictly dominant by the perturbation: one action per player, by
    /// number (1 = first) or by name, separated by commas, e.g. `1,2,1`.
    #[arg(long, value_name = "A[,A...]")]
    pub perturbation: Option<String>,
    /// With `--method logit`: the precisions λ at which to print the QRE,
    /// comma separated [default: 0.1,0.5,1,2,5,10].
    #[arg(long, value_delimiter = ',', value_name = "L[,L...]")]
    pub lambda: Vec<f64>,
    /// With `--method logit`: write every traced point of the branch to
    /// this CSV file (columns `lambda`, then `row_<action>` and
    /// `column_<action>` probabilities).
    /// Columns of every table: docs/data-dictionary.md.
    #[arg(long, value_name = "FILE.csv")]
    pub trace: Option<PathBuf>,
    /// With `--method logit`: draw the branch (each action's probability
    /// against λ, log scale) into this folder as `logit_branch.svg` and
    /// `.png`.
    #[arg(long, value_name = "DIR")]
    pub figure: Option<PathBuf>,
    /// What the correlated equilibrium maximises (with `--method correlated`).
    #[arg(long, value_enum, default_value_t = Objective::Welfare)]
    pub objective: Objective,
    /// Output format (`text` or `json`).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The `--method` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolveMethod {
    /// Every extreme equilibrium (vertex enumeration; exact for integer games).
    All,
    /// Pure equilibria.
    Pure,
    /// Support enumeration (complete for nondegenerate games).
    Support,
    /// Lemke-Howson from label 1 (or from `--labels`). The degeneracy flag is
    /// decided only when that costs no more than the solve, else reported as
    /// not decided.
    LemkeHowson,
    /// Value and optimal strategies of a zero-sum game by LP.
    ZeroSum,
    /// The correlated equilibrium maximising `--objective`, by LP.
    Correlated,
    /// One equilibrium by simplicial subdivision (van der Laan and Talman),
    /// restarted on finer grids; any number of players.
    Simpdiv,
    /// A sample of equilibria by minimising McKelvey's Lyapunov function from
    /// `--starts` seeded starting points; any number of players.
    Liap,
    /// The equilibria on the path of Govindan and Wilson's global Newton
    /// method along `--rays` perturbation rays drawn from `--seed` (or one
    /// starting at `--perturbation`); any number of players.
    Gnm,
    /// The logit quantal response equilibrium's principal branch from
    /// λ = 0 (at `--lambda`) and its limit, a verified Nash equilibrium;
    /// any number of players.
    Logit,
}

impl SolveMethod {
    /// `true` for the methods that go through the n-player solvers even for
    /// a two-player game.
    fn is_nplayer_only(self) -> bool {
        matches!(
            self,
            SolveMethod::Simpdiv | SolveMethod::Liap | SolveMethod::Gnm
        )
    }
}

/// The `--objective` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Objective {
    /// Total welfare.
    Welfare,
    /// The row player's payoff.
    Row,
    /// The column player's payoff.
    Col,
    /// The smaller of the two payoffs.
    Min,
}

/// Runs `dilemma solve`.
pub fn run(args: SolveArgs) -> Result<()> {
    if args.format == Format::Nfg {
        bail!("--format nfg is for games; `solve` prints text or json");
    }
    if !args.security {
        if args.three_action {
            bail!("--three-action applies only with --security (the security-dilemma model)");
        }
        if args.perceived {
            bail!("--perceived applies only with --security (the security-dilemma model)");
        }
        if let Some(flag) = model_flags_given(&args.model).first() {
            bail!("{flag} applies only with --security (the security-dilemma model)");
        }
    }
    if args.method != SolveMethod::Liap && args.starts != 20 {
        bail!("--starts applies only with --method liap");
    }
    if !matches!(args.method, SolveMethod::Liap | SolveMethod::Gnm) && args.seed != 1 {
        bail!("--seed applies only with --method liap or gnm");
    }
    if args.method != SolveMethod::Gnm {
        for (flag, given) in [
            ("--rays", args.rays != 1),
            ("--perturbation", args.perturbation.is_some()),
        ] {
            if given {
                bail!("{flag} applies only with --method gnm");
            }
        }
    }
    if args.method != SolveMethod::Logit {
        for (flag, given) in [
            ("--lambda", !args.lambda.is_empty()),
            ("--trace", args.trace.is_some()),
            ("--figure", args.figure.is_some()),
        ] {
            if given {
                bail!("{flag} applies only with --method logit");
            }
        }
    } else if args.perceived {
        bail!("--perceived is not available with --method logit; solve the perceived game with `dilemma game security --perceived --format nfg` first");
    }
    let mut perceived = None;
    let game = if args.security {
        if !args.params.is_empty() {
            bail!("--param applies to catalogue games; use the model flags with --security");
        }
        let dyad = args.model.to_dyad()?;
        if args.perceived {
            perceived = Some(dyad.to_perceived_game()?);
        }
        let game = if args.three_action {
            dyad.to_three_action_game()?
        } else {
            dyad.to_game()?
        };
        if args.method.is_nplayer_only() {
            if args.perceived {
                bail!(
                    "--perceived applies to the two-player methods, not --method simpdiv, liap or gnm"
                );
            }
            return run_nplayer(&args, &NPlayerGame::from_matrix_game(&game));
        }
        game
    } else {
        match &args.game {
            Some(spec) => match load_any_game(spec, &args.params)? {
                AnyGame::Two(game) if !args.method.is_nplayer_only() => game,
                other => return run_nplayer(&args, &other.to_nplayer()),
            },
            None => bail!("name a game (catalogue name or .nfg file) or pass --security"),
        }
    };
    let labels = match (&args.labels, args.method) {
        (None, _) => Labels::First,
        (Some(spec), SolveMethod::LemkeHowson) => parse_labels(spec, &game)?,
        (Some(_), other) => bail!(
            "--labels applies only with --method lemke-howson, not --method {}",
            other
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ),
    };
    let method = match args.method {
        SolveMethod::All => Method::All,
        SolveMethod::Pure => Method::Pure,
        SolveMethod::Support => Method::Support,
        SolveMethod::LemkeHowson => Method::LemkeHowson,
        SolveMethod::ZeroSum => Method::ZeroSum,
        SolveMethod::Simpdiv | SolveMethod::Liap | SolveMethod::Gnm => {
            unreachable!("handled by run_nplayer")
        }
        SolveMethod::Correlated => {
            let objective = match args.objective {
                Objective::Welfare => CorrelatedObjective::Welfare,
                Objective::Row => CorrelatedObjective::RowPayoff,
                Objective::Col => CorrelatedObjective::ColPayoff,
                Objective::Min => CorrelatedObjective::MinPayoff,
            };
            let ce = correlated_equilibrium(&game, &objective)?;
            print_correlated(&game, &ce, args.objective, args.format)?;
            return Ok(());
        }
        SolveMethod::Logit => {
            let output = LogitOutput {
                lambdas: args.lambda,
                trace: args.trace,
                figure: args.figure,
                json: args.format == Format::Json,
            };
            return output.run(&game);
        }
    };
    let options = SolveOptions { labels };
    let report = solve_shown(&game, method, &options)?;
    let Some(seen) = perceived else {
        match args.format {
            Format::Json => println!(
                "{}",
                serde_json::to_string_pretty(&report_json(&game, &report))?
            ),
            _ => print!("{}", report_text(&game, &report)),
        }
        return Ok(());
    };
    let seen_report = solve_shown(&seen, method, &options)?;
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "true_game": report_json(&game, &report),
                "perceived_game": report_json(&seen, &seen_report),
            }))?
        ),
        _ => print!(
            "== the true game\n{}\n== the game as each side perceives it\n{}",
            report_text(&game, &report),
            report_text(&seen, &seen_report)
        ),
    }
    Ok(())
}

/// `--labels`: `all`, or 1-based label numbers separated by commas, each
/// within `1..=m+n`; returned 0-based.
fn parse_labels(spec: &str, game: &MatrixGame) -> Result<Labels> {
    let (m, n) = game.shape();
    if spec.trim().eq_ignore_ascii_case("all") {
        return Ok(Labels::All);
    }
    let mut out = Vec::new();
    for part in spec.split(',') {
        let part = part.trim();
        match part.parse::<usize>() {
            Ok(k) if (1..=m + n).contains(&k) => out.push(k - 1),
            _ => bail!(
                "--labels {spec}: `{part}` is not a label; use `all` or numbers from 1 to {} (1..{m} row actions, {}..{} column actions)",
                m + n,
                m + 1,
                m + n
            ),
        }
    }
    Ok(Labels::These(out))
}

/// The security-model flags that were given, as spelled on the command line.
pub(super) fn model_flags_given(m: &SecurityArgs) -> Vec<&'static str> {
    [
        ("--offence", m.offence.is_some()),
        ("--differentiation", m.differentiation.is_some()),
        ("--stakes", m.stakes.is_some()),
        ("--arms-cost", m.arms_cost.is_some()),
        ("--cooperation-value", m.cooperation_value.is_some()),
        ("--war-cost", m.war_cost.is_some()),
        ("--base-defence", m.base_defence.is_some()),
        ("--expansion-value", m.expansion_value.is_some()),
        ("--greed", m.greed.is_some()),
        ("--relative-gains", m.relative_gains.is_some()),
        ("--threat-inflation", m.threat_inflation.is_some()),
        ("--power", m.power.is_some()),
        ("--paranoia", m.paranoia.is_some()),
        ("--max-misperception", m.max_misperception.is_some()),
        ("--side", !m.sides.is_empty()),
        ("--between", m.between.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect()
}

/// Solves with a progress line on stderr once the solve has run for a second
/// (hidden when stderr is not a terminal): a bar when the amount of work is
/// known (Lemke-Howson paths, row supports), a counter of bases otherwise.
fn solve_shown(game: &MatrixGame, method: Method, options: &SolveOptions) -> Result<SolveReport> {
    let start = Instant::now();
    let bar: Mutex<Option<ProgressBar>> = Mutex::new(None);
    let report = solve_with_options(game, method, options, &|p: Progress| {
        if start.elapsed() < Duration::from_secs(1) {
            return;
        }
        let Ok(mut guard) = bar.lock() else {
            return;
        };
        let pb = guard.get_or_insert_with(|| {
            let (pb, template) = match p.total {
                Some(total) => (
                    ProgressBar::new(total),
                    format!(
                        "{{spinner}} {{bar:40}} {{pos}}/{{len}} {} {{elapsed}} (eta {{eta}})",
                        p.unit
                    ),
                ),
                None => (
                    ProgressBar::no_length(),
                    format!("{{spinner}} {{pos}} {} {{elapsed}}", p.unit),
                ),
            };
            pb.with_style(ProgressStyle::with_template(&template).expect("valid template"))
        });
        pb.set_position(pb.position().max(p.done));
    });
    if let Ok(mut guard) = bar.lock() {
        if let Some(pb) = guard.take() {
            pb.finish_and_clear();
        }
    }
    Ok(report?)
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not decided (deciding it would cost more than the solve)",
    }
}

fn report_text(game: &MatrixGame, r: &SolveReport) -> String {
    let mut s = String::new();
    s.push_str(&format!("game: {}\n", title(game)));
    s.push_str(&format!(
        "actions: row [{}], column [{}]\n",
        game.row_actions().join(", "),
        game.col_actions().join(", ")
    ));
    s.push_str(&format!(
        "method: {}; degenerate: {}; complete: {}; exact arithmetic: {}\n",
        r.method.name(),
        yes_no(r.degenerate),
        if r.complete { "yes" } else { "no" },
        if r.exact_arithmetic { "yes" } else { "no" },
    ));
    if r.degenerate == Some(true) {
        s.push_str(
            "note: degenerate game; equilibria may form continua, of which the extreme points are listed\n",
        );
    }
    s.push_str(&format!(
        "max regret: {:.3e} (tolerance {:.1e})\n",
        r.max_regret, r.tolerance
    ));
    let k = r.equilibria.len();
    s.push_str(&format!(
        "{k} equilibri{}:\n",
        if k == 1 { "um" } else { "a" }
    ));
    for (idx, e) in r.equilibria.iter().enumerate() {
        let (u, v) = e.payoffs_text();
        s.push_str(&format!(
            "  {}. row ({})  column ({})  payoffs ({u}, {v})  regret {:.1e}\n",
            idx + 1,
            e.row_text().join(", "),
            e.col_text().join(", "),
            e.max_regret
        ));
    }
    s
}

fn report_json(game: &MatrixGame, r: &SolveReport) -> serde_json::Value {
    game_json(
        game,
        json!({
        "method": r.method,
        "degenerate": r.degenerate,
        "complete": r.complete,
        "exact_arithmetic": r.exact_arithmetic,
        "tolerance": r.tolerance,
        "max_regret": r.max_regret,
        "equilibria": r.equilibria,
        }),
    )
}

fn print_correlated(
    game: &MatrixGame,
    ce: &CorrelatedEquilibrium,
    objective: Objective,
    format: Format,
) -> Result<()> {
    let objective_name = objective
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    if format == Format::Json {
        let (m, n) = game.shape();
        let v = json!({
            "game": game.name(),
            "shape": [m, n],
            "row_actions": game.row_actions(),
            "col_actions": game.col_actions(),
            "method": "correlated",
            "objective": objective_name,
            "distribution": ce.distribution.outer_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
            "row_payoff": ce.row_payoff,
            "col_payoff": ce.col_payoff,
            "objective_value": ce.objective,
            "max_violation": ce.max_violation,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("game: {}", title(game));
    println!("method: correlated (maximise {objective_name})");
    println!("distribution over (row action, column action):");
    let width = game
        .col_actions()
        .iter()
        .map(|a| a.len())
        .max()
        .unwrap_or(1)
        .max(8);
    let row_w = game
        .row_actions()
        .iter()
        .map(|a| a.len())
        .max()
        .unwrap_or(1);
    let header: Vec<String> = game
        .col_actions()
        .iter()
        .map(|a| format!("{a:>width$}"))
        .collect();
    println!("  {:row_w$}  {}", "", header.join(" "));
    for (i, a) in game.row_actions().iter().enumerate() {
        let cells: Vec<String> = ce
            .distribution
            .row(i)
            .iter()
            .map(|&p| format!("{:>width$}", format!("{:.6}", tidy(p))))
            .collect();
        println!("  {a:row_w$}  {}", cells.join(" "));
    }
    println!(
        "payoffs: row {:.6}, column {:.6}; objective {:.6}; max incentive violation {:.1e}",
        tidy(ce.row_payoff),
        tidy(ce.col_payoff),
        tidy(ce.objective),
        ce.max_violation
    );
    Ok(())
}

/// LP rounding noise (below 5e-13 in magnitude) printed as 0, never `-0`.
fn tidy(x: f64) -> f64 {
    if x.abs() < 5e-13 {
        0.0
    } else {
        x
    }
}

/// Solves a game through the n-player solvers (any game with other than two
/// players, and two-player games with `--method simpdiv`, `liap` or `gnm`) and
/// prints the report.
fn run_nplayer(args: &SolveArgs, game: &NPlayerGame) -> Result<()> {
    let n = game.num_players();
    if args.method == SolveMethod::Logit {
        if args.labels.is_some() {
            bail!("--labels applies only with --method lemke-howson on a two-player game");
        }
        let output = LogitOutput {
            lambdas: args.lambda.clone(),
            trace: args.trace.clone(),
            figure: args.figure.clone(),
            json: args.format == Format::Json,
        };
        return output.run_nplayer(game);
    }
    let method = match args.method {
        SolveMethod::All => NPlayerMethod::All,
        SolveMethod::Pure => NPlayerMethod::Pure,
        SolveMethod::Simpdiv => NPlayerMethod::Simpdiv,
        SolveMethod::Liap => NPlayerMethod::Liap,
        SolveMethod::Gnm => NPlayerMethod::Gnm,
        other => bail!(
            "--method {} applies to two-player games; this game has {n} player(s): use --method pure, all, simpdiv, liap, gnm or logit",
            other
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ),
    };
    if args.labels.is_some() {
        bail!("--labels applies only with --method lemke-howson on a two-player game");
    }
    if args.starts == 0 {
        bail!("--starts 0: give at least one starting point");
    }
    if args.rays == 0 {
        bail!("--rays 0: follow at least one ray");
    }
    let perturbation = match &args.perturbation {
        None => Perturbation::Random,
        Some(spec) => {
            if args.rays != 1 {
                bail!("--perturbation gives one ray; drop --rays {}", args.rays);
            }
            Perturbation::Dominant(parse_profile(spec, game)?)
        }
    };
    let options = NPlayerOptions {
        starts: args.starts,
        seed: args.seed,
        rays: args.rays,
        perturbation,
    };
    let report = solve_nplayer_shown(game, method, &options)?;
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&nplayer_report_json(game, &report))?
        ),
        _ => print!("{}", nplayer_report_text(game, &report)),
    }
    Ok(())
}

/// `--perturbation`: one action per player, each a 1-based number or an
/// action name; returned 0-based.
fn parse_profile(spec: &str, game: &NPlayerGame) -> Result<Vec<usize>> {
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let n = game.num_players();
    if parts.len() != n {
        bail!(
            "--perturbation {spec}: give one action per player ({n} players, {} given)",
            parts.len()
        );
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let names = &game.action_names()[i];
            if let Some(a) = names.iter().position(|name| name == part) {
                return Ok(a);
            }
            match part.parse::<usize>() {
                Ok(k) if (1..=names.len()).contains(&k) => Ok(k - 1),
                _ => bail!(
                    "--perturbation {spec}: `{part}` is not an action of {}; use a number from 1 to {} or one of [{}]",
                    game.player_names()[i],
                    names.len(),
                    names.join(", ")
                ),
            }
        })
        .collect()
}

/// [`solve_nplayer_with_progress`] with a progress bar on stderr once the
/// solve has run for a second (hidden when stderr is not a terminal).
fn solve_nplayer_shown(
    game: &NPlayerGame,
    method: NPlayerMethod,
    options: &NPlayerOptions,
) -> Result<NPlayerReport> {
    let start = Instant::now();
    let bar: Mutex<Option<ProgressBar>> = Mutex::new(None);
    let unit = match method {
        NPlayerMethod::Liap => "starts",
        NPlayerMethod::Gnm => "rays",
        _ => "support profiles",
    };
    let report = solve_nplayer_with_progress(game, method, options, &|done, total| {
        if start.elapsed() < Duration::from_secs(1) {
            return;
        }
        if let Ok(mut guard) = bar.lock() {
            let pb = guard.get_or_insert_with(|| {
                let template = format!(
                    "{{spinner}} {{bar:40}} {{pos}}/{{len}} {unit} {{elapsed}} (eta {{eta}})"
                );
                ProgressBar::new(total)
                    .with_style(ProgressStyle::with_template(&template).expect("valid template"))
            });
            pb.set_position(pb.position().max(done));
        }
    });
    if let Ok(mut guard) = bar.lock() {
        if let Some(pb) = guard.take() {
            pb.finish_and_clear();
        }
    }
    Ok(report?)
}

fn nplayer_title(game: &NPlayerGame) -> String {
    let shape = dilemma::game::nplayer::shape_text(game.shape());
    let n = game.num_players();
    if game.name().is_empty() {
        format!("{n}-player game ({shape})")
    } else {
        format!("{} ({n} players, {shape})", game.name())
    }
}

fn nplayer_report_text(game: &NPlayerGame, r: &NPlayerReport) -> String {
    let mut s = String::new();
    s.push_str(&format!("game: {}\n", nplayer_title(game)));
    let actions: Vec<String> = game
        .player_names()
        .iter()
        .zip(game.action_names())
        .map(|(p, a)| format!("{p} [{}]", a.join(", ")))
        .collect();
    s.push_str(&format!("actions: {}\n", actions.join("; ")));
    s.push_str(&format!(
        "method: {}; complete: {}; degenerate: {}; exact arithmetic: {}\n",
        r.method.name(),
        if r.complete { "yes" } else { "no" },
        match r.degenerate {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not decided",
        },
        if r.exact_arithmetic { "yes" } else { "no" },
    ));
    s.push_str(&format!("computation: {}\n", r.computation));
    if r.degenerate == Some(true) {
        s.push_str("note: degenerate game; equilibria may form continua, of which the extreme points found are listed\n");
    }
    s.push_str(&format!(
        "max regret: {:.3e} (tolerance {:.1e})\n",
        r.max_regret, r.tolerance
    ));
    let k = r.equilibria.len();
    s.push_str(&format!(
        "{k} equilibri{}:\n",
        if k == 1 { "um" } else { "a" }
    ));
    for (idx, e) in r.equilibria.iter().enumerate() {
        let strategies: Vec<String> = (0..game.num_players())
            .map(|i| format!("({})", e.strategy_text(i).join(", ")))
            .collect();
        s.push_str(&format!(
            "  {}. {}  payoffs ({})  regret {:.1e}\n",
            idx + 1,
            strategies.join(" "),
            e.payoffs_text().join(", "),
            e.max_regret
        ));
    }
    s
}

fn nplayer_report_json(game: &NPlayerGame, r: &NPlayerReport) -> serde_json::Value {
    json!({
        "game": game.name(),
        "players": game.player_names(),
        "shape": game.shape(),
        "actions": game.action_names(),
        "method": r.method,
        "complete": r.complete,
        "degenerate": r.degenerate,
        "exact_arithmetic": r.exact_arithmetic,
        "computation": r.computation,
        "tolerance": r.tolerance,
        "max_regret": r.max_regret,
        "equilibria": r.equilibria,
    })
}
