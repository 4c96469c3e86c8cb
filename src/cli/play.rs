//! `dilemma play A B`: one match between two strategies.

use super::strategies::registry_with;
use super::ListFormat as Format;
use anyhow::Context as _;
use clap::Args;
use dilemma::play::{play_match, MatchConfig, Perception, StageGame};
use std::path::PathBuf;

/// Arguments of `dilemma play`.
#[derive(Debug, Args)]
pub struct PlayArgs {
    /// Player 1 (row), by name (see `dilemma strategies`; `Random(0.3)` etc.).
    pub a: String,
    /// Player 2 (column).
    pub b: String,
    /// Number of turns (announced to the players).
    #[arg(long, default_value_t = 200, conflicts_with = "continuation")]
    pub turns: u64,
    /// Continuation probability per turn instead of fixed turns (length not announced).
    #[arg(long)]
    pub continuation: Option<f64>,
    /// Action noise: probability that a move flips.
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// Perception noise of both players: probability of misreading the other's move.
    #[arg(long, default_value_t = 0.0)]
    pub perception: f64,
    /// Seed of the match's random streams.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Prisoner's dilemma payoffs R,S,T,P.
    #[arg(long, value_delimiter = ',', num_args = 4, default_values_t = [3.0, 0.0, 5.0, 1.0],
          conflicts_with = "three_action")]
    pub payoffs: Vec<f64>,
    /// Also load the strategies of these TOML files (repeatable).
    #[arg(long = "strategies", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Play the security dilemma (restrain = C, arm = D) instead of
    /// --payoffs; its parameters come from --param and --side, and each
    /// player's perception from differentiation and paranoia (or --perception).
    #[arg(long, conflicts_with = "payoffs")]
    pub security: bool,
    /// Play the three-action security dilemma (R, A, defensive posture H)
    /// instead; parameters and perception as with --security.
    #[arg(long)]
    pub three_action: bool,
    /// A security-dilemma parameter, e.g. `--param differentiation=0.9`
    /// (repeatable; with --security or --three-action).
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    /// A side with its own parameters, e.g. `--side weak:power=0.3,paranoia=0.2`
    /// (repeatable); player 1 plays for the first side of --between, player 2
    /// for the second.
    #[arg(long = "side", value_name = "NAME[:K=V,...]")]
    pub sides: Vec<String>,
    /// The sides of player 1 and player 2: ROW,COLUMN.
    #[arg(long, value_name = "ROW,COLUMN", requires = "sides")]
    pub between: Option<String>,
}

impl PlayArgs {
    /// The security game between the players' sides (`--param`, `--side`,
    /// `--between`).
    fn dyad(&self) -> anyhow::Result<dilemma::game::Dyad> {
        let mut model = dilemma::game::SecurityDilemma::default();
        for (k, v) in super::game::parse_params(&self.params)? {
            model.set(&k, v)?;
        }
        model.validate()?;
        let sides = super::sides::parse_sides(&self.sides)?;
        super::sides::dyad(&model, &sides, self.between.as_deref())
    }
}

/// Plays one three-action match and prints it.
fn run_three_action(args: &PlayArgs) -> anyhow::Result<()> {
    use dilemma::game::security::Player;
    use dilemma::posture::{
        self, PostureGame, PostureMatch, PostureMatchConfig, PosturePerception,
    };
    if !(0.0..=1.0).contains(&args.perception) {
        anyhow::bail!(
            "--perception {}: expected a probability in [0, 1]",
            args.perception
        );
    }
    let reg = registry_with(&args.files)?;
    let mut a = posture::create(&reg, &args.a).context("player 1")?;
    let mut b = posture::create(&reg, &args.b).context("player 2")?;
    let dyad = args.dyad()?;
    let model = dyad.common;
    let game = PostureGame::from_game(&dyad.to_three_action_game()?)?;
    let config = PostureMatchConfig {
        length: match args.continuation {
            Some(p) => dilemma::play::MatchLength::Continuation(p),
            None => dilemma::play::MatchLength::Turns(args.turns),
        },
        noise: args.noise,
        perception: [Player::Row, Player::Column]
            .map(|p| PosturePerception::from_dyad(&dyad, p, args.perception)),
        length_known: args.continuation.is_none(),
        record_moves: true,
        same_group: [None, None],
    };
    let res = PostureMatch::new(config)?.play(&mut *a, &mut *b, &game, args.seed);
    let ([m1, m2], [s1, s2]) = res.move_strings();
    let n = res.turns.max(1) as f64;
    match args.format {
        Format::Json => {
            let v = res.to_json([a.name(), b.name()], args.seed, &config, &model);
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            let w = a.name().len().max(b.name().len()) + 7;
            println!("{:<w$}  {m1}", a.name());
            println!("{:<w$}  {m2}", b.name());
            println!("{:<w$}  {s2}", format!("{} (seen)", a.name()));
            println!("{:<w$}  {s1}", format!("{} (seen)", b.name()));
            let [p1, p2] = [res.postures(0), res.postures(1)];
            println!(
                "scores: {} {:.4} ({:.4} per turn), {} {:.4} ({:.4} per turn); {} turns; R/A/H {}/{}/{} and {}/{}/{}",
                a.name(), res.scores[0], res.scores[0] / n,
                b.name(), res.scores[1], res.scores[1] / n,
                res.turns, p1[0], p1[1], p1[2], p2[0], p2[1], p2[2]
            );
        }
    }
    Ok(())
}

/// Runs `dilemma play`.
pub fn run(args: PlayArgs) -> anyhow::Result<()> {
    if args.continuation.is_none() && args.turns == 0 {
        anyhow::bail!("--turns 0: a match needs at least one turn");
    }
    dilemma::limits::check_match_length(args.turns, args.continuation)?;
    if args.three_action {
        return run_three_action(&args);
    }
    let security_flags = !args.params.is_empty() || !args.sides.is_empty();
    if security_flags && !args.security {
        anyhow::bail!("--param and --side set the security game: add --security or --three-action");
    }
    let reg = registry_with(&args.files)?;
    let mut a = reg.create(&args.a).context("player 1")?;
    let mut b = reg.create(&args.b).context("player 2")?;
    let (game, perception) = if args.security {
        let dyad = args.dyad()?;
        let seen = |p| {
            let n = dyad.perception_noise(p);
            Perception {
                c_as_d: n.restraint_as_arming,
                d_as_c: n.arming_as_restraint,
            }
        };
        use dilemma::game::security::Player;
        let perception = if args.perception > 0.0 {
            [Perception::symmetric(args.perception); 2]
        } else {
            [seen(Player::Row), seen(Player::Column)]
        };
        (StageGame::from_game(&dyad.to_game()?)?, perception)
    } else {
        let [r, s, t, p] = args.payoffs[..] else {
            anyhow::bail!("--payoffs needs four numbers R,S,T,P");
        };
        if ![r, s, t, p].iter().all(|x| x.is_finite()) {
            anyhow::bail!("--payoffs must be finite numbers");
        }
        (
            StageGame::symmetric(r, s, t, p),
            [Perception::symmetric(args.perception); 2],
        )
    };
    let cfg = match args.continuation {
        Some(p) => MatchConfig::continuation(p),
        None => MatchConfig::turns(args.turns),
    }
    .with_noise(args.noise)
    .with_perception(perception[0], perception[1])
    .recording(true);
    let res = play_match(&mut *a, &mut *b, &game, &cfg, args.seed)?;
    let m1 = res.move_string(0).unwrap_or_default();
    let m2 = res.move_string(1).unwrap_or_default();
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "players": [a.name(), b.name()],
                "turns": res.turns,
                "moves": [m1, m2],
                "scores": res.scores,
                "mean_scores": [res.scores[0] / res.turns.max(1) as f64, res.scores[1] / res.turns.max(1) as f64],
                "states": {"CC": res.states[0], "CD": res.states[1], "DC": res.states[2], "DD": res.states[3]},
                "seed": args.seed,
                "config": cfg,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            let w = a.name().len().max(b.name().len());
            println!("{:<w$}  {}", a.name(), m1);
            println!("{:<w$}  {}", b.name(), m2);
            let n = res.turns.max(1) as f64;
            println!(
                "scores: {} {} ({:.4} per turn), {} {} ({:.4} per turn); {} turns; CC {} CD {} DC {} DD {}",
                a.name(), res.scores[0], res.scores[0] / n,
                b.name(), res.scores[1], res.scores[1] / n,
                res.turns, res.states[0], res.states[1], res.states[2], res.states[3]
            );
        }
    }
    Ok(())
}
