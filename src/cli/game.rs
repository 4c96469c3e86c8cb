//! `dilemma game`: show games from the catalogue, `.nfg` files, and the
//! security-dilemma model.

use super::Format;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use dilemma::equilibrium::dominance::{iterated_elimination, DominanceKind, Domination};
use dilemma::game::catalogue::{self, CATALOGUE};
use dilemma::game::classify::classify_detailed;
use dilemma::game::nplayer::shape_text;
use dilemma::game::nplayer_catalogue::{self, NPLAYER_CATALOGUE};
use dilemma::game::security::{Player, PARAMETERS};
use dilemma::game::{nfg, AnyGame, Dyad, MatrixGame, NPlayerGame, SecurityDilemma};
use serde_json::json;

/// `dilemma game ...`
#[derive(Debug, Subcommand)]
pub enum GameCommand {
    /// Print a game's payoff bimatrix and, for a symmetric 2x2 game, its class.
    Show(ShowArgs),
    /// Build the security-dilemma stage game from Jervis's parameters and print
    /// it with its class and Jervis world.
    Security(Box<SecurityCommandArgs>),
    /// List the catalogue of named games and their parameters.
    List,
    /// Iterated elimination of dominated actions (any number of players):
    /// the order of elimination, round by round, and the actions that remain.
    Dominance(DominanceArgs),
}

/// Arguments of `dilemma game dominance`.
#[derive(Debug, Args)]
pub struct DominanceArgs {
    /// A catalogue name (see `dilemma game list`) or a Gambit `.nfg` file.
    pub game: String,
    /// Override a catalogue game's parameter, e.g. `--param n=5` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Eliminate weakly dominated actions (default: strictly dominated).
    #[arg(long)]
    pub weak: bool,
    /// Check dominance by other pure actions only (default: by mixtures too,
    /// through a linear program).
    #[arg(long)]
    pub pure_only: bool,
    /// Output format (`text`, `json`, or `nfg` for the reduced game).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Arguments of `dilemma game show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A catalogue name (see `dilemma game list`) or a Gambit `.nfg` file.
    pub game: String,
    /// Override a catalogue game's parameter, e.g. `--param T=6` (repeatable).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The security-dilemma model's parameters as command-line flags; unset flags
/// keep the model's defaults.
#[derive(Debug, Clone, Default, Args)]
pub struct SecurityArgs {
    /// θ in [0,1]: offence-defence balance (> 0.5: offence has the advantage) [default 0.5].
    #[arg(long)]
    pub offence: Option<f64>,
    /// δ in [0,1]: offence-defence differentiation (1: postures distinguishable) [default 0.5].
    #[arg(long)]
    pub differentiation: Option<f64>,
    /// w >= 0: what a war puts at stake [default 4].
    #[arg(long)]
    pub stakes: Option<f64>,
    /// c >= 0: cost of arming for one turn [default 1].
    #[arg(long)]
    pub arms_cost: Option<f64>,
    /// v: value of mutual restraint [default 2].
    #[arg(long)]
    pub cooperation_value: Option<f64>,
    /// k >= 0: cost of war when both arm, scaled by θ [default 2].
    #[arg(long)]
    pub war_cost: Option<f64>,
    /// d0 in [0,1]: a restrainer's standing defence [default 0.5].
    #[arg(long)]
    pub base_defence: Option<f64>,
    /// σ >= 0: share of the stakes a successful attacker gains [default 1].
    #[arg(long)]
    pub expansion_value: Option<f64>,
    /// g >= 0: extra gain from conquest [default 0].
    #[arg(long)]
    pub greed: Option<f64>,
    /// λ >= 0: weight on relative gains [default 0].
    #[arg(long)]
    pub relative_gains: Option<f64>,
    /// m >= 0: domestic dividend added to every arming payoff [default 0].
    #[arg(long)]
    pub threat_inflation: Option<f64>,
    /// π in (0,1): the row player's share of capabilities [default 0.5].
    #[arg(long)]
    pub power: Option<f64>,
    /// ψ >= 0: paranoia, one value for both players or `ROW,COLUMN` [default 0].
    #[arg(long, value_name = "PSI[,PSI]")]
    pub paranoia: Option<String>,
    /// ε0 in [0,0.5]: misperception rate when postures are indistinguishable [default 0.1].
    #[arg(long)]
    pub max_misperception: Option<f64>,
    /// A side (state or bloc) with its own parameters, e.g. `--side
    /// weak:power=0.3,paranoia=0.2` (keys: power, offence, base_defence,
    /// differentiation, paranoia, threat_inflation, relative_gains, greed;
    /// unset ones take the flags' values); repeatable. Name the two that
    /// meet with --between.
    #[arg(long = "side", value_name = "NAME[:K=V,...]")]
    pub sides: Vec<String>,
    /// The game between two sides defined with --side: ROW,COLUMN.
    #[arg(long, value_name = "ROW,COLUMN", requires = "sides")]
    pub between: Option<String>,
}

impl SecurityArgs {
    /// The model with these flags applied to the defaults, validated.
    pub fn to_model(&self) -> Result<SecurityDilemma> {
        let mut m = SecurityDilemma::default();
        let flags = [
            ("offence", self.offence),
            ("differentiation", self.differentiation),
            ("stakes", self.stakes),
            ("arms_cost", self.arms_cost),
            ("cooperation_value", self.cooperation_value),
            ("war_cost", self.war_cost),
            ("base_defence", self.base_defence),
            ("expansion_value", self.expansion_value),
            ("greed", self.greed),
            ("relative_gains", self.relative_gains),
            ("threat_inflation", self.threat_inflation),
            ("power", self.power),
            ("max_misperception", self.max_misperception),
        ];
        for (name, value) in flags {
            if let Some(v) = value {
                m.set(name, v)?;
            }
        }
        if let Some(p) = &self.paranoia {
            let values = p
                .split(',')
                .map(|s| s.trim().parse::<f64>())
                .collect::<Result<Vec<_>, _>>()
                .with_context(|| format!("--paranoia `{p}`: expected a number or ROW,COLUMN"))?;
            match values[..] {
                [both] => m.paranoia = [both, both],
                [row, col] => m.paranoia = [row, col],
                _ => bail!("--paranoia `{p}`: expected one number or two (ROW,COLUMN)"),
            }
        }
        m.validate()?;
        Ok(m)
    }

    /// The game between the two sides of `--between` (or the model's own
    /// game without sides), validated.
    pub fn to_dyad(&self) -> Result<Dyad> {
        let model = self.to_model()?;
        let sides = super::sides::parse_sides(&self.sides)?;
        super::sides::dyad(&model, &sides, self.between.as_deref())
    }
}

/// Arguments of `dilemma game security`.
#[derive(Debug, Args)]
pub struct SecurityCommandArgs {
    /// The model's parameters.
    #[command(flatten)]
    pub model: SecurityArgs,
    /// Show the three-action variant with a defensive posture H.
    #[arg(long)]
    pub three_action: bool,
    /// Show the game as each side perceives it: its own loss when restrained
    /// against an arming opponent multiplied by (1 + its paranoia), relative
    /// gains from its own view only (docs/model.md §5.3). Two actions only.
    #[arg(long, conflicts_with = "three_action")]
    pub perceived: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Parses `K=V` pairs.
pub fn parse_params(params: &[String]) -> Result<Vec<(String, f64)>> {
    params
        .iter()
        .map(|kv| {
            let (k, v) = kv
                .split_once('=')
                .with_context(|| format!("--param `{kv}`: expected NAME=VALUE, e.g. T=6"))?;
            let v: f64 = v
                .trim()
                .parse()
                .with_context(|| format!("--param `{kv}`: `{v}` is not a number"))?;
            Ok((k.trim().to_string(), v))
        })
        .collect()
}

/// A game named on the command line, of any number of players: a `.nfg`
/// file (two players give a [`MatrixGame`], as [`load_game`] reads them), a
/// two-player catalogue name, or an n-player catalogue name.
pub fn load_any_game(spec: &str, params: &[String]) -> Result<AnyGame> {
    if spec.to_ascii_lowercase().ends_with(".efg") {
        bail!("{spec}: extensive-form games are not supported yet; give a strategic-form Gambit file (.nfg)");
    }
    if spec.ends_with(".nfg") || std::path::Path::new(spec).is_file() {
        if !params.is_empty() {
            bail!("--param applies to catalogue games, not to the file `{spec}`");
        }
        return Ok(nfg::read_any_file(spec)?);
    }
    let key = spec.to_ascii_lowercase().replace('-', "_");
    if NPLAYER_CATALOGUE.iter().any(|e| e.name == key) {
        return Ok(AnyGame::Many(nplayer_catalogue::by_name(
            spec,
            &parse_params(params)?,
        )?));
    }
    match catalogue::by_name(spec, &parse_params(params)?) {
        Ok(g) => Ok(AnyGame::Two(g)),
        Err(dilemma::Error::Unknown { kind: "game", .. }) => {
            let known: Vec<&str> = CATALOGUE
                .iter()
                .chain(NPLAYER_CATALOGUE)
                .map(|e| e.name)
                .collect();
            bail!(
                "unknown game `{spec}` (not a file either); known: {}",
                known.join(", ")
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// Runs `dilemma game ...`.
pub fn run(cmd: GameCommand) -> Result<()> {
    match cmd {
        GameCommand::Show(args) => match load_any_game(&args.game, &args.params)? {
            AnyGame::Two(game) => print_game(&game, args.format, None),
            AnyGame::Many(game) => print_nplayer_game(&game, args.format),
        },
        GameCommand::Dominance(args) => run_dominance(&args),
        GameCommand::Security(args) => {
            let dyad = args.model.to_dyad()?;
            let game = if args.three_action {
                dyad.to_three_action_game()?
            } else if args.perceived {
                dyad.to_perceived_game()?
            } else {
                dyad.to_game()?
            };
            print_game(&game, args.format, Some(&dyad))
        }
        GameCommand::List => {
            print_entries(CATALOGUE);
            println!("\nn-player games (symmetric, two actions; --param n=... sets the players):");
            print_entries(NPLAYER_CATALOGUE);
            println!("\nsecurity-dilemma parameters (dilemma game security --NAME VALUE):");
            for p in PARAMETERS {
                println!(
                    "  {:<18} {:<6} default {:<4} {:<9} {}",
                    p.name, p.symbol, p.default, p.range, p.meaning
                );
            }
            Ok(())
        }
    }
}

/// Catalogue entries, one a line: name, parameters with defaults, description.
fn print_entries(entries: &[catalogue::CatalogueEntry]) {
    for e in entries {
        let params = e
            .parameters
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        println!("{:<22} {:<20} {}", e.name, params, e.description);
    }
}

/// A payoff printed compactly: rounded to 6 decimals, trailing zeros dropped.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.6}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn print_game(game: &MatrixGame, format: Format, model: Option<&Dyad>) -> Result<()> {
    let class = classify_detailed(game).ok();
    match format {
        Format::Nfg => print!("{}", nfg::to_string(game)),
        Format::Json => {
            let mut out = json!({ "game": game });
            if let Some(c) = class {
                out["class"] = json!(c);
            }
            if let Some(d) = model {
                let [row, col] = [Player::Row, Player::Column].map(|p| d.stage_payoffs(p));
                let [row_class, col_class] = [row, col].map(|x| x.classification());
                let world = |k: usize| world_of(d, k);
                out["parameters"] = json!(d.common);
                out["sides"] = json!({ "row": d.sides[0], "column": d.sides[1] });
                out["jervis_world"] = json!(world(0));
                out["jervis_world_number"] = json!(world(0).number());
                out["jervis_world_column"] = json!(world(1));
                out["stage_payoffs"] = json!({ "row": row, "column": col });
                out["perceived_stage_payoffs"] = json!({
                    "row": d.perceived_stage_payoffs(Player::Row),
                    "column": d.perceived_stage_payoffs(Player::Column),
                });
                out["game_class"] = json!(if row_class.class == col_class.class {
                    row_class.class
                } else {
                    dilemma::game::GameClass::Other
                });
                out["trust_threshold"] = json!(row_class.trust_threshold());
                out["perception_noise"] = json!({
                    "row": d.perception_noise(Player::Row),
                    "column": d.perception_noise(Player::Column),
                });
            }
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => {
            print!("{}", bimatrix_text(game));
            if let Some(c) = class {
                println!(
                    "class: {}{} (R={}, S={}, T={}, P={}; greed G={}, fear F={})",
                    c.class,
                    if c.on_boundary {
                        " (on a boundary: a tie)"
                    } else {
                        ""
                    },
                    fmt_num(c.r),
                    fmt_num(c.s),
                    fmt_num(c.t),
                    fmt_num(c.p),
                    fmt_num(c.greed),
                    fmt_num(c.fear)
                );
                if let Some(q) = c.trust_threshold() {
                    println!("trust threshold q* = {}", fmt_num(q));
                }
            } else if let Some(d) = model {
                let [row, col] =
                    [Player::Row, Player::Column].map(|p| d.stage_payoffs(p).classification());
                println!(
                    "class: row {}, column {} (row and column payoffs classified apart)",
                    row.class, col.class
                );
            }
            if let Some(d) = model {
                let sides_differ = d.sides[0].offence != d.sides[1].offence
                    || d.sides[0].differentiation != d.sides[1].differentiation;
                for (k, who) in [(0, "row"), (1, "column")] {
                    if k == 1 && !sides_differ {
                        break;
                    }
                    println!(
                        "Jervis{}: {} (offence {}, differentiation {})",
                        if sides_differ {
                            format!(" ({who} side)")
                        } else {
                            String::new()
                        },
                        world_of(d, k),
                        fmt_num(d.sides[k].offence),
                        fmt_num(d.sides[k].differentiation)
                    );
                }
                for (who, p) in [("row", Player::Row), ("column", Player::Column)] {
                    let n = d.perception_noise(p);
                    println!(
                        "perception ({who}): restraint seen as arming {}, arming seen as restraint {}",
                        fmt_num(n.restraint_as_arming),
                        fmt_num(n.arming_as_restraint)
                    );
                }
            }
        }
    }
    Ok(())
}

/// Jervis's world of side `k`'s own forces (its offence and differentiation).
fn world_of(d: &Dyad, k: usize) -> dilemma::game::JervisWorld {
    SecurityDilemma {
        offence: d.sides[k].offence,
        differentiation: d.sides[k].differentiation,
        ..d.common
    }
    .jervis_world()
}

/// The bimatrix as a text table, cells `row payoff, column payoff`.
pub fn bimatrix_text(game: &MatrixGame) -> String {
    let (m, n) = game.shape();
    let cells: Vec<Vec<String>> = (0..m)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let (a, b) = game.payoffs(i, j);
                    format!("{}, {}", fmt_num(a), fmt_num(b))
                })
                .collect()
        })
        .collect();
    let title = if game.name().is_empty() {
        "game"
    } else {
        game.name()
    };
    format!(
        "{title} ({m}x{n}; row payoff, column payoff)\n{}",
        grid_text(game.row_actions(), game.col_actions(), &cells)
    )
}

/// A table: row labels on the left, column labels on top, cells right-aligned.
fn grid_text(row_labels: &[String], col_labels: &[String], cells: &[Vec<String>]) -> String {
    let label_w = row_labels.iter().map(|s| s.len()).max().unwrap_or(0);
    let col_w = (0..col_labels.len())
        .map(|j| {
            cells
                .iter()
                .map(|r| r[j].len())
                .chain([col_labels[j].len()])
                .max()
                .unwrap_or(0)
        })
        .collect::<Vec<_>>();
    let mut s = String::new();
    s.push_str(&format!("{:label_w$}", ""));
    for (name, w) in col_labels.iter().zip(&col_w) {
        s.push_str(&format!("  {name:>w$}"));
    }
    s.push('\n');
    for (i, row) in cells.iter().enumerate() {
        s.push_str(&format!("{:label_w$}", row_labels[i]));
        for (j, c) in row.iter().enumerate() {
            s.push_str(&format!("  {:>w$}", c, w = col_w[j]));
        }
        s.push('\n');
    }
    s
}

/// Games up to this many profiles are shown as tables; larger ones as a
/// summary.
pub const TABLE_MAX_PROFILES: usize = 512;

/// An n-player game as text: for small games a table of players 1 and 2's
/// actions (cells: every player's payoff) for each choice of the other
/// players' actions; for large games a summary of each player's payoffs.
pub fn nplayer_text(game: &NPlayerGame) -> String {
    let n = game.num_players();
    let shape = game.shape();
    let title = if game.name().is_empty() {
        "game"
    } else {
        game.name()
    };
    let players = game.player_names();
    let mut s = format!(
        "{title} ({n} player{}: {} actions; {} profiles)\n",
        if n == 1 { "" } else { "s" },
        shape_text(shape),
        game.num_profiles()
    );
    for (name, actions) in players.iter().zip(game.action_names()) {
        s.push_str(&format!("  {name}: {}\n", actions.join(", ")));
    }
    if game.num_profiles() > TABLE_MAX_PROFILES {
        s.push_str("payoffs (min, mean, max):\n");
        for (i, name) in players.iter().enumerate() {
            let v = game.flat_payoffs(i);
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            s.push_str(&format!(
                "  {name}: {}, {}, {}\n",
                fmt_num(lo),
                fmt_num(mean),
                fmt_num(hi)
            ));
        }
        s.push_str(&format!(
            "(more than {TABLE_MAX_PROFILES} profiles: no table; `--format nfg` prints every payoff)\n"
        ));
        return s;
    }
    s.push_str(&format!("cells: payoffs to {}\n", players.join(", ")));
    let rows = &game.action_names()[0];
    let cols: Vec<String> = if n >= 2 {
        game.action_names()[1].clone()
    } else {
        vec!["payoff".to_string()]
    };
    let rest: Vec<usize> = shape.iter().skip(2).copied().collect();
    for tail in dilemma::game::nplayer::ProfileIter::new(&rest) {
        if n > 2 {
            let choice: Vec<String> = tail
                .iter()
                .enumerate()
                .map(|(k, &a)| {
                    format!("{} plays {}", players[k + 2], game.action_names()[k + 2][a])
                })
                .collect();
            s.push_str(&format!("\n{}:\n", choice.join(", ")));
        }
        let cells: Vec<Vec<String>> = (0..shape[0])
            .map(|a| {
                (0..cols.len())
                    .map(|b| {
                        let mut profile = vec![a];
                        if n >= 2 {
                            profile.push(b);
                        }
                        profile.extend(&tail);
                        (0..n)
                            .map(|i| fmt_num(game.payoff(i, &profile)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect()
            })
            .collect();
        s.push_str(&grid_text(rows, &cols, &cells));
    }
    s
}

fn print_nplayer_game(game: &NPlayerGame, format: Format) -> Result<()> {
    match format {
        Format::Nfg => print!("{}", nfg::nplayer_to_string(game)),
        Format::Json => {
            let mut out = json!({ "game": game });
            if let Some(sym) = dilemma::game::SymmetricBinaryGame::from_game(game, 0.0) {
                out["symmetric"] = json!({
                    "actions": sym.actions,
                    "first_action_payoffs": sym.first,
                    "second_action_payoffs": sym.second,
                    "gains": sym.gains(),
                });
            }
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => {
            print!("{}", nplayer_text(game));
            if let Some(sym) = dilemma::game::SymmetricBinaryGame::from_game(game, 0.0) {
                let gains: Vec<String> = sym.gains().iter().map(|&g| fmt_num(g)).collect();
                println!(
                    "symmetric: gain from {} over {} when k = 0..{} others choose {}: {}",
                    sym.actions[0],
                    sym.actions[1],
                    sym.players() - 1,
                    sym.actions[0],
                    gains.join(", ")
                );
            }
        }
    }
    Ok(())
}

/// Runs `dilemma game dominance`.
fn run_dominance(args: &DominanceArgs) -> Result<()> {
    let game = load_any_game(&args.game, &args.params)?.to_nplayer();
    let kind = if args.weak {
        DominanceKind::Weak
    } else {
        DominanceKind::Strict
    };
    let report = iterated_elimination(&game, kind, !args.pure_only)?;
    let reduced = game.restrict(&report.remaining)?;
    let actions = game.action_names();
    let players = game.player_names();
    match args.format {
        Format::Nfg => print!("{}", nfg::nplayer_to_string(&reduced)),
        Format::Json => {
            let out = json!({
                "game": game.name(),
                "players": players,
                "actions": actions,
                "dominance": report,
                "remaining_names": report.remaining.iter().enumerate()
                    .map(|(i, r)| r.iter().map(|&a| actions[i][a].clone()).collect::<Vec<_>>())
                    .collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => {
            println!(
                "game: {} ({} players, {} actions)",
                if game.name().is_empty() {
                    "game"
                } else {
                    game.name()
                },
                game.num_players(),
                shape_text(game.shape())
            );
            println!(
                "iterated elimination of {} dominated actions, by {}; all dominated actions of a round are removed together",
                if args.weak { "weakly" } else { "strictly" },
                if args.pure_only { "pure actions" } else { "pure actions and mixtures (LP)" }
            );
            if report.eliminations.is_empty() {
                println!("no action is dominated");
            }
            for e in &report.eliminations {
                let by = match &e.by {
                    Domination::Pure(b) => actions[e.player][*b].clone(),
                    Domination::Mixed(parts) => parts
                        .iter()
                        .map(|(b, w)| format!("{} {}", fmt_num(*w), actions[e.player][*b]))
                        .collect::<Vec<_>>()
                        .join(" + "),
                };
                println!(
                    "  round {}: {} {} (dominated by {by})",
                    e.round, players[e.player], actions[e.player][e.action]
                );
            }
            println!("remaining:");
            for (i, r) in report.remaining.iter().enumerate() {
                let names: Vec<&str> = r.iter().map(|&a| actions[i][a].as_str()).collect();
                println!("  {}: {}", players[i], names.join(", "));
            }
        }
    }
    Ok(())
}
