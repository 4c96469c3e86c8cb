//! Command-line interface: one file per command, each a thin layer over the
//! library with an `Args` struct (clap derive) and a `run` function.

use clap::{Parser, Subcommand, ValueEnum};

mod figure_args;
mod fingerprint;
mod fit_qre;
mod game;
mod groups;
mod learn;
mod logit;
mod merge;
mod play;
mod plot;
mod posture;
mod report;
mod round_robin;
mod run;
mod sensitivity;
mod shards;
mod sides;
mod slurm;
mod solve;
mod strategies;
mod sweep;
mod tournament;

/// Cooperation under the security dilemma: games, equilibria, tournaments,
/// evolution and figures.
#[derive(Debug, Parser)]
#[command(name = "dilemma", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show games: the classic catalogue, Gambit .nfg files, the security-dilemma model.
    #[command(subcommand)]
    Game(game::GameCommand),
    /// Run a round-robin tournament and write its tables to results/<name>/.
    Tournament(tournament::TournamentArgs),
    /// Run a tournament of groups: every group of n players of a field plays
    /// an n-player game (public goods, n-player PD, stag hunt) or the n-state
    /// security dilemma with blocs; writes summary.csv and manifest.json.
    Groups(groups::GroupsArgs),
    /// Run an experiment file (TOML): a tournament and evolution on its payoffs.
    Run(run::RunArgs),
    /// Sweep a grid of game parameters (default: Jervis's offence x differentiation plane).
    Sweep(sweep::SweepArgs),
    /// Merge the shards of a sharded run (`--shard I/N`, a Slurm job array)
    /// into exactly the files a single run writes, then draw its figures.
    Merge(merge::MergeArgs),
    /// Write (and with --submit, submit) the sbatch scripts of an
    /// experiment's run on a Slurm cluster: a job array of shards and a
    /// merge job that waits for it.
    Slurm(slurm::SlurmArgs),
    /// Sensitivity of an outcome (restraint, restraint after evolution, the
    /// spiral share, a strategy's share) to the model's parameters: one at a
    /// time (tornado) and Morris elementary effects.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Compute equilibria: pure, all (vertex enumeration), support enumeration,
    /// Lemke-Howson, zero-sum LP, correlated LP or the logit QRE; for any number
    /// of players, pure, all (support enumeration), simpdiv, liap, gnm or logit.
    Solve(solve::SolveArgs),
    /// Fit the logit QRE to observed play: the maximum-likelihood λ, its 95%
    /// interval and the QRE it implies.
    FitQre(fit_qre::FitQreArgs),
    /// Run a learning dynamic on a game (fictitious play, stochastic
    /// fictitious play, regret matching, best-response dynamics, the
    /// replicator-mutator equation, two-population replicator dynamics, the
    /// pairwise-comparison process) and write its trajectory and figures.
    Learn(learn::LearnArgs),
    /// List every known strategy with its kind, memory depth and source.
    Strategies(strategies::StrategiesArgs),
    /// Play one match between two strategies and print both move strings and scores.
    Play(play::PlayArgs),
    /// A strategy's fingerprint: Ashlock's (its score against a probe
    /// transformed over the unit square) or the transitive one (its
    /// cooperation per turn against opponents of increasing cooperativeness).
    Fingerprint(fingerprint::FingerprintArgs),
    /// Draw figures: redraw a results folder's figures from its saved results,
    /// the security-dilemma class map, or a game's best-response and replicator diagrams.
    Plot(plot::PlotArgs),
}

/// Output formats shared by commands that print a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON, for scripts.
    Json,
    /// Gambit strategic-form file (payoff version), where the result is a game.
    Nfg,
}

/// Output formats of commands whose result is not a game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON, for scripts.
    Json,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Game(cmd) => game::run(cmd),
        Command::Tournament(args) => tournament::run(args),
        Command::Groups(args) => groups::run(args),
        Command::Run(args) => run::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Slurm(args) => slurm::run(args),
        Command::Sensitivity(args) => sensitivity::run(args),
        Command::Solve(args) => solve::run(args),
        Command::FitQre(args) => fit_qre::run(args),
        Command::Learn(args) => learn::run(args),
        Command::Strategies(args) => strategies::run(args),
        Command::Play(args) => play::run(args),
        Command::Fingerprint(args) => fingerprint::run(args),
        Command::Plot(args) => plot::run(args),
    }
}
