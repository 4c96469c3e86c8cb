//! `dilemma groups`: a tournament of groups of n players on an n-player
//! game with two actions, or on the n-state security dilemma with blocs
//! (docs/model.md §20).

use super::game::parse_params;
use super::report::group_progress_bar;
use anyhow::{bail, Context, Result};
use clap::Args;
use dilemma::game::alliance::{AllianceSpec, BlocSpec, StateSpec};
use dilemma::game::SecurityDilemma;
use dilemma::output_folder::{Commit, OutputFolder};
use dilemma::tournament::groups::{
    write_group_results, GroupGameSpec, GroupManifest, GroupResults, GroupTournament,
    GroupTournamentConfig, DEFAULT_MAX_GROUPS,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `dilemma groups`.
#[derive(Debug, Args)]
pub struct GroupsArgs {
    /// Group strategies, comma separated; repeatable. Names: Cooperator,
    /// Defector, Random(p), Threshold(k), TFT (all), TFT (majority), Grim,
    /// WSLS (all-or-none), Bloc Reciprocator, Chain Ganger, Buck Passer,
    /// Balancer, Spiral Reciprocator(γ), Deterrence Hard-liner, Reassurer
    /// (docs/model.md §20.5). Default: a field of 20 of them.
    #[arg(long = "players", value_name = "NAMES")]
    pub players: Vec<String>,
    /// Players per group (n): every group of n distinct players of the
    /// field plays (a seeded sample when there are more than --max-groups).
    #[arg(long, default_value_t = 3)]
    pub group_size: usize,
    /// The stage game: an n-player catalogue game (n_prisoners_dilemma,
    /// public_goods, threshold_stag_hunt, volunteers_dilemma, minority_game,
    /// majority_game; its n is the group size) or `alliance` (the n-state
    /// security dilemma, one state per seat).
    #[arg(long, default_value = "n_prisoners_dilemma")]
    pub game: String,
    /// A game parameter, e.g. `--param b=4` (catalogue) or `--param
    /// offence=0.8` (alliance: the security game's parameters); repeatable.
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// A state of the alliance game with its own parameters, in seat order,
    /// e.g. `--state us:power=0.5 --state uk --state ussr:offence=0.8`
    /// (keys as `--side` of `dilemma tournament`); repeatable. Default: n
    /// states named 1..n.
    #[arg(long = "state", value_name = "NAME[:K=V,...]")]
    pub states: Vec<String>,
    /// A bloc of the alliance game: `NAME=STATE,STATE,...`, e.g. `--bloc
    /// west=us,uk`; repeatable. States in no bloc stand alone.
    #[arg(long = "bloc", value_name = "NAME=STATES")]
    pub blocs: Vec<String>,
    /// The alliance game's commitment κ in [0, 1]: the share of an armed
    /// ally's capability that counts for its partner.
    #[arg(long, default_value_t = 1.0)]
    pub commitment: f64,
    /// Turns per match.
    #[arg(long, default_value_t = 200)]
    pub turns: u64,
    /// Instead of fixed turns, go on after each turn with this probability.
    #[arg(long)]
    pub continuation: Option<f64>,
    /// Repetitions of every group's matches.
    #[arg(long, default_value_t = 10)]
    pub repetitions: u32,
    /// Action noise: probability that a player's move flips.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// Perception noise: probability that a player misreads another's move
    /// (catalogue games; the alliance game's comes from the model).
    #[arg(long, default_value_t = 0.0)]
    pub perception_noise: f64,
    /// Seed of the random streams (and of the sample of groups).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The most groups played; with more combinations, a seeded sample of
    /// this many.
    #[arg(long, default_value_t = DEFAULT_MAX_GROUPS)]
    pub max_groups: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// The run's name: results go to `results/<name>/` unless `--out` is given.
    #[arg(long, default_value = "groups")]
    pub name: String,
    /// Output folder: summary.csv, blocs.csv and allies.csv (alliance game),
    /// manifest.json. Columns: docs/data-dictionary.md.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Re-run the configuration of a `manifest.json` bit for bit (other
    /// options except --out and --threads are ignored).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
}

/// The alliance game of the flags.
fn alliance(args: &GroupsArgs) -> Result<AllianceSpec> {
    let mut game = SecurityDilemma::default();
    for (k, v) in parse_params(&args.params)? {
        game.set(&k, v)
            .with_context(|| format!("--param {k}={v}"))?;
    }
    game.validate()?;
    let mut spec = AllianceSpec::plain(game, args.group_size);
    if !args.states.is_empty() {
        spec.states = Vec::new();
        for flag in &args.states {
            let one = super::sides::parse_sides(std::slice::from_ref(flag))
                .map_err(|e| anyhow::anyhow!("{}", e.to_string().replace("--side", "--state")))?;
            let (name, parameters) = one.into_iter().next().expect("one state per flag");
            spec.states.push(StateSpec { name, parameters });
        }
    }
    for flag in &args.blocs {
        let Some((name, members)) = flag.split_once('=') else {
            bail!("--bloc `{flag}`: expected NAME=STATE,STATE,..., e.g. --bloc west=1,2");
        };
        spec.blocs.push(BlocSpec {
            name: name.trim().to_string(),
            members: members
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect(),
        });
    }
    spec.commitment = args.commitment;
    Ok(spec)
}

/// The configuration of the flags.
fn config_of(args: &GroupsArgs) -> Result<GroupTournamentConfig> {
    let defaults = GroupTournamentConfig::default();
    let players = if args.players.is_empty() {
        defaults.players
    } else {
        args.players
            .iter()
            .flat_map(|list| list.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let game = if args.game == "alliance" {
        GroupGameSpec::Alliance {
            alliance: alliance(args)?,
        }
    } else {
        if !args.states.is_empty() || !args.blocs.is_empty() || args.commitment != 1.0 {
            bail!("--state, --bloc and --commitment describe the alliance game: give them with --game alliance");
        }
        GroupGameSpec::Catalogue {
            name: args.game.clone(),
            params: parse_params(&args.params)?
                .into_iter()
                .collect::<BTreeMap<_, _>>(),
        }
    };
    Ok(GroupTournamentConfig {
        name: args.name.clone(),
        players,
        group_size: args.group_size,
        game,
        turns: args.turns,
        continuation: args.continuation,
        repetitions: args.repetitions,
        noise: args.noise,
        perception_noise: args.perception_noise,
        seed: args.seed,
        max_groups: args.max_groups,
    })
}

/// Runs `dilemma groups`.
pub fn run(args: GroupsArgs) -> Result<()> {
    let config = match &args.manifest {
        Some(path) => GroupManifest::read(path)?.config,
        None => config_of(&args)?,
    };
    // Everything is checked before the output folder is touched.
    let tournament = GroupTournament::new(config)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("results").join(&tournament.config().name));
    let folder = OutputFolder::begin(&out, Commit::Replace)?;
    let bar = group_progress_bar(tournament.jobs());
    let results =
        tournament.run_with_threads(args.threads, &mut |done| bar.set_position(done as u64))?;
    bar.finish_and_clear();
    let written = write_group_results(folder.path(), tournament.config(), &results)?;
    folder.commit()?;
    print_results(&results);
    println!("\nwrote {}/ ({})", out.display(), written.join(", "));
    Ok(())
}

/// Prints the ranking and, with blocs, the allies' arming.
fn print_results(results: &GroupResults) {
    println!(
        "{} groups, {} matches\n{:>4}  {:<28} {:>12} {:>12}",
        results.groups, results.matches, "rank", "strategy", "mean payoff", "cooperation"
    );
    for r in &results.rows {
        println!(
            "{:>4}  {:<28} {:>12.4} {:>12.4}",
            r.rank + 1,
            r.name,
            r.mean_payoff,
            r.cooperation
        );
    }
    if let Some(a) = &results.allies {
        let rho = a
            .arming_correlation
            .map_or("undefined".to_string(), |x| format!("{x:.4}"));
        println!(
            "\nallies of bloc `{}`: both arm {:.4} of turns, one arms while the other restrains {:.4}, arming correlation {rho}",
            a.bloc, a.joint_arming, a.buck_passing
        );
    }
}
