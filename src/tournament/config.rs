//! The configuration of a tournament: everything needed to reproduce it.

use crate::error::{Error, Result};
use crate::game::{catalogue, nfg, MatrixGame, SecurityDilemma, SideParameters};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The stage game of a tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum GameSpec {
    /// A catalogue game by name, with parameter overrides (e.g. `T = 6`).
    Catalogue {
        /// Its name (see [`catalogue::CATALOGUE`]).
        name: String,
        /// Parameter overrides.
        #[serde(default)]
        params: BTreeMap<String, f64>,
    },
    /// The security-dilemma stage game.
    Security {
        /// The model's parameters.
        #[serde(default)]
        parameters: SecurityDilemma,
    },
    /// A game given by its payoff matrices.
    Matrix {
        /// The game.
        game: MatrixGame,
    },
    /// A Gambit `.nfg` file.
    Nfg {
        /// Its path, as given (recorded for provenance).
        path: PathBuf,
        /// The file's text. A manifest records it ([`GameSpec::with_contents`]),
        /// so that re-running a manifest plays the game that was played even
        /// after the file changed or moved; when set, the path is not read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contents: Option<String>,
    },
}

impl Default for GameSpec {
    /// The prisoner's dilemma (3, 0, 5, 1).
    fn default() -> Self {
        GameSpec::Catalogue {
            name: "prisoners_dilemma".into(),
            params: BTreeMap::new(),
        }
    }
}

impl GameSpec {
    /// The game itself.
    pub fn to_game(&self) -> Result<MatrixGame> {
        match self {
            GameSpec::Catalogue { name, params } => {
                let overrides: Vec<(String, f64)> =
                    params.iter().map(|(k, v)| (k.clone(), *v)).collect();
                catalogue::by_name(name, &overrides)
            }
            GameSpec::Security { parameters } => parameters.to_game(),
            GameSpec::Matrix { game } => Ok(game.clone()),
            GameSpec::Nfg {
                path,
                contents: Some(text),
            } => nfg::parse(text, &path.display().to_string()),
            GameSpec::Nfg {
                path,
                contents: None,
            } => nfg::read_file(path),
        }
    }

    /// The same game with any `.nfg` file's text read in and kept
    /// (the `contents` of [`GameSpec::Nfg`]), so that the spec no longer depends on
    /// the file.
    pub fn with_contents(&self) -> Result<GameSpec> {
        match self {
            GameSpec::Nfg {
                path,
                contents: None,
            } => {
                let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                Ok(GameSpec::Nfg {
                    path: path.clone(),
                    contents: Some(text),
                })
            }
            other => Ok(other.clone()),
        }
    }
}

/// A player: a strategy name, or a table with a group label and its own
/// perception noise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PlayerSpec {
    /// Just the strategy's name.
    Name(String),
    /// A strategy with options.
    Detailed {
        /// The strategy's name.
        strategy: String,
        /// The player's side (a state or bloc; `group` in older files): its
        /// parameters come from [`TournamentConfig::sides`], and in-group /
        /// out-group statistics are per side.
        #[serde(default, alias = "group", skip_serializing_if = "Option::is_none")]
        side: Option<String>,
        /// This player's perception noise (probability of misreading each
        /// opponent move), overriding the tournament's and the security model's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        perception_noise: Option<f64>,
        /// This player's paranoia ψ in a security-dilemma game: an extra
        /// probability of reading restraint as arming.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        paranoia: Option<f64>,
        /// This player's paranoia ψ_out toward players of other groups (in a
        /// security-dilemma out-group game, or the main game when there is
        /// none), replacing `paranoia` for those pairs \[`paranoia`\]. With
        /// `paranoia` unset it models suspicion of outsiders only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        out_group_paranoia: Option<f64>,
    },
}

impl PlayerSpec {
    /// The strategy's name.
    pub fn strategy(&self) -> &str {
        match self {
            PlayerSpec::Name(s) => s,
            PlayerSpec::Detailed { strategy, .. } => strategy,
        }
    }

    /// The player's side, if any.
    pub fn side(&self) -> Option<&str> {
        match self {
            PlayerSpec::Name(_) => None,
            PlayerSpec::Detailed { side, .. } => side.as_deref(),
        }
    }

    /// The player's paranoia, if set.
    pub fn paranoia(&self) -> Option<f64> {
        match self {
            PlayerSpec::Name(_) => None,
            PlayerSpec::Detailed { paranoia, .. } => *paranoia,
        }
    }

    /// The player's paranoia toward players of other groups, if set.
    pub fn out_group_paranoia(&self) -> Option<f64> {
        match self {
            PlayerSpec::Name(_) => None,
            PlayerSpec::Detailed {
                out_group_paranoia, ..
            } => *out_group_paranoia,
        }
    }

    /// The player's own perception noise, if set.
    pub fn perception_noise(&self) -> Option<f64> {
        match self {
            PlayerSpec::Name(_) => None,
            PlayerSpec::Detailed {
                perception_noise, ..
            } => *perception_noise,
        }
    }
}

/// A tournament's configuration (defaults in brackets).
///
/// # Sides
/// Players given as tables may belong to a `side` (a state or bloc; `group`
/// in older files). A side may set its own values of the security model's
/// side parameters in [`TournamentConfig::sides`] (power, offence, base
/// defence, differentiation, paranoia, threat inflation, relative gains,
/// greed; docs/model.md §3.5): a pair of players then plays the security game
/// between their two sides, each in its own side's role
/// ([`SecurityDilemma::between`]). A side without an entry, or without a value,
/// takes the game's.
///
/// A pair of players whose sides differ (an unlabelled player counts as a
/// member of the unlabelled side) is an *out-group* pair; every other pair,
/// self-play included, is *in-group*. Out-group pairs play `out_group_game` when it is
/// set (`game` is then the in-group game) and perceive each other with the
/// out-group perception: in a security-dilemma game, ε0 (1 - δ) + ψ_out with
/// the out-group game's ε0 and δ and each player's `out_group_paranoia`
/// (its `paranoia` when unset); in another game, `out_group_perception_noise`
/// (`perception_noise` when unset). A player's own `perception_noise`
/// applies to every pair. So a security community (docs/model.md §9.3) is
/// two security games — e.g. a higher cooperation value v and
/// differentiation δ inside — and paranoia toward outsiders only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TournamentConfig {
    /// The run's name (the output folder's default name) \["tournament"\].
    pub name: String,
    /// The players \[the built-in default field\].
    pub players: Vec<PlayerSpec>,
    /// The stage game \[the prisoner's dilemma (3, 0, 5, 1)\].
    pub game: GameSpec,
    /// Turns per match \[200\], announced to the strategies.
    pub turns: u64,
    /// A continuation probability per turn instead of fixed turns \[none\].
    pub continuation: Option<f64>,
    /// Repetitions of every match \[10\].
    pub repetitions: u32,
    /// Independent replicates of the whole tournament, each with its own
    /// seed (`crate::replicates::replicate_seed`; replicate 0 is the run with
    /// `seed` itself) \[1\]. Reported quantities then get means and 95%
    /// confidence intervals (docs/model.md §14).
    #[serde(skip_serializing_if = "is_one")]
    pub replicates: u32,
    /// Action noise: probability that a move flips \[0\].
    pub noise: f64,
    /// Perception noise of every player without its own \[0\].
    pub perception_noise: f64,
    /// The tournament's seed \[0\].
    pub seed: u64,
    /// The stage game of out-group pairs (players of different groups); `game`
    /// is then the in-group game \[none: `game` for every pair\].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_group_game: Option<GameSpec>,
    /// Perception noise toward players of other groups, for players without
    /// their own, outside a security-dilemma game \[none: `perception_noise`\].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_group_perception_noise: Option<f64>,
    /// Play the three-action variant of the security dilemma (R, A and the
    /// defensive posture H; see [`crate::posture`]) \[false\]. Needs a
    /// security-dilemma game; run it with
    /// [`PostureTournament`](crate::posture::PostureTournament).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub three_action: bool,
    /// Each side's own parameters, by side name \[none: every side takes the
    /// game's values\].
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub sides: BTreeMap<String, SideParameters>,
    /// A spatial tournament: only the pairs of players joined by an edge
    /// play (each edge an unordered pair of player indices, from 0; a
    /// self-loop `[i, i]` is i's self-play); every player must be on some
    /// edge \[none: every pair plays, self-play included\] (docs/model.md §9.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edges: Option<Vec<[usize; 2]>>,
}

/// The built-in field: well-known strategies of the literature.
pub const DEFAULT_FIELD: &[&str] = &[
    "Cooperator",
    "Defector",
    "Tit For Tat",
    "Grudger",
    "Tit For 2 Tats",
    "Two Tits For Tat",
    "Suspicious Tit For Tat",
    "Win-Stay Lose-Shift",
    "Alternator",
    "Bully",
    "Cycler CCD",
    "Prober",
    "Gradual",
    "Hard Tit For Tat",
    "Soft Go By Majority",
    "Adaptive",
    "Handshake",
    "Anti Tit For Tat",
    "Forgiving Tit For Tat",
    "Random: 0.5",
];

impl Default for TournamentConfig {
    fn default() -> Self {
        TournamentConfig {
            name: "tournament".into(),
            players: DEFAULT_FIELD
                .iter()
                .map(|s| PlayerSpec::Name(s.to_string()))
                .collect(),
            game: GameSpec::default(),
            turns: 200,
            continuation: None,
            repetitions: 10,
            replicates: 1,
            noise: 0.0,
            perception_noise: 0.0,
            seed: 0,
            out_group_game: None,
            out_group_perception_noise: None,
            three_action: false,
            sides: BTreeMap::new(),
            edges: None,
        }
    }
}

/// The player name that stands for the whole strategy library
/// ([`expand_all_players`]), compared ignoring case.
pub const ALL_PLAYERS: &str = "all";

/// `players` with each player named [`ALL_PLAYERS`] replaced by one player
/// per strategy of `registry`, in its order (the built-in library and any
/// loaded strategy files: what `dilemma strategies` lists) but the
/// long-running ones ([`Entry::long_run_time`](crate::strategy::Entry),
/// left out of Axelrod-Python's published full-library runs too), followed by
/// `extra` (the three-action game's own strategies); each keeps the
/// placeholder's side, paranoia and perception noise. Other players are kept
/// where they stand.
pub fn expand_all_players(
    players: Vec<PlayerSpec>,
    registry: &crate::strategy::Registry,
    extra: &[&str],
) -> Vec<PlayerSpec> {
    let library: Vec<&str> = registry
        .entries()
        .iter()
        .filter(|e| !e.long_run_time)
        .map(|e| e.name())
        .chain(extra.iter().copied())
        .collect();
    players
        .into_iter()
        .flat_map(|p| {
            if !p.strategy().eq_ignore_ascii_case(ALL_PLAYERS) {
                return vec![p];
            }
            library
                .iter()
                .map(|name| match &p {
                    PlayerSpec::Name(_) => PlayerSpec::Name(name.to_string()),
                    PlayerSpec::Detailed {
                        side,
                        perception_noise,
                        paranoia,
                        out_group_paranoia,
                        ..
                    } => PlayerSpec::Detailed {
                        strategy: name.to_string(),
                        side: side.clone(),
                        perception_noise: *perception_noise,
                        paranoia: *paranoia,
                        out_group_paranoia: *out_group_paranoia,
                    },
                })
                .collect()
        })
        .collect()
}

/// Checks a spatial tournament's edges among `players` players: indices in
/// range, no pair given twice (in either order), every player on an edge.
fn check_edges(edges: &[[usize; 2]], players: usize) -> Result<()> {
    let mut seen = std::collections::BTreeMap::new();
    let mut covered = vec![false; players];
    for (k, &[a, b]) in edges.iter().enumerate() {
        let bad = |message: String| Error::Config {
            field: format!("edges[{k}]"),
            message,
        };
        if a >= players || b >= players {
            return Err(bad(format!(
                "[{a}, {b}] names player {} of {players} (indices start at 0)",
                a.max(b)
            )));
        }
        if let Some(first) = seen.insert((a.min(b), a.max(b)), k) {
            return Err(bad(format!(
                "[{a}, {b}] is the same pair as edges[{first}]: each pair plays once per repetition"
            )));
        }
        covered[a] = true;
        covered[b] = true;
    }
    match covered.iter().position(|c| !c) {
        Some(lonely) => Err(Error::Config {
            field: "edges".into(),
            message: format!("player {lonely} is on no edge, so it would play no match"),
        }),
        None => Ok(()),
    }
}

impl TournamentConfig {
    /// The pairs of a spatial tournament's edges, each as (lower index,
    /// higher index); `None` for a round robin.
    pub fn edge_set(&self) -> Option<std::collections::HashSet<(usize, usize)>> {
        self.edges
            .as_ref()
            .map(|e| e.iter().map(|&[a, b]| (a.min(b), a.max(b))).collect())
    }

    /// The expected number of turns of a match: `turns`, or 1 / (1 - p)
    /// under a continuation probability p (the mean of the geometric
    /// distribution of lengths that starts at one turn). Per-turn payoffs
    /// times this are expected per-match payoffs.
    pub fn expected_turns(&self) -> f64 {
        match self.continuation {
            Some(p) => 1.0 / (1.0 - p),
            None => self.turns as f64,
        }
    }

    /// The configuration with the text of any `.nfg` game file read in
    /// ([`GameSpec::with_contents`]): what a manifest records.
    pub fn with_game_contents(mut self) -> Result<Self> {
        self.game = self.game.with_contents()?;
        if let Some(g) = &self.out_group_game {
            self.out_group_game = Some(g.with_contents()?);
        }
        Ok(self)
    }

    /// Checks the numbers, the sizes ([`crate::limits`]) and the games'
    /// payoffs (strategies are checked when resolved).
    pub fn validate(&self) -> Result<()> {
        let plain = !self.name.is_empty()
            && self.name != "."
            && self.name != ".."
            && !self.name.starts_with('.')
            && !self.name.contains(['/', '\\', '\0']);
        if !plain {
            return Err(Error::Config {
                field: "name".into(),
                message: format!(
                    "`{}` is not a plain folder name (results go to results/<name>/: use letters, digits, '-' and '_', no '/' or leading '.'; give --out for another place)",
                    self.name
                ),
            });
        }
        if self.players.len() < 2 {
            return Err(Error::invalid_parameter(
                "players",
                self.players.len() as f64,
                "at least two players (a round robin of one player has nothing to compare)",
            ));
        }
        for (k, p) in self.players.iter().enumerate() {
            if let Some(first) = self.players[..k].iter().position(|q| q == p) {
                return Err(Error::Config {
                    field: format!("players[{k}]"),
                    message: format!(
                        "`{}` is given twice with the same options (as players[{first}]): their rows could not be told apart",
                        p.strategy()
                    ),
                });
            }
        }
        if let Some(edges) = &self.edges {
            check_edges(edges, self.players.len())?;
        }
        let security = |g: &GameSpec| matches!(g, GameSpec::Security { .. });
        if self.perception_noise != 0.0 && security(&self.game) {
            return Err(Error::invalid_parameter(
                "perception_noise",
                self.perception_noise,
                "0 in the security game, where each player misreads with the model's probability \
                 ε0 (1 - δ) + ψ: set max_misperception, differentiation or paranoia instead, \
                 or a player's own perception_noise",
            ));
        }
        if let (Some(e), Some(g)) = (self.out_group_perception_noise, &self.out_group_game) {
            if security(g) {
                return Err(Error::invalid_parameter(
                    "out_group_perception_noise",
                    e,
                    "unset when the out-group game is the security game, whose perception \
                     comes from its differentiation and the players' out_group_paranoia",
                ));
            }
        }
        crate::limits::check_round_robin(
            self.players.len(),
            u64::from(self.repetitions).saturating_mul(u64::from(self.replicates)),
        )?;
        crate::limits::check_match_length(self.turns, self.continuation)?;
        for (field, spec) in std::iter::once(("game", &self.game))
            .chain(self.out_group_game.iter().map(|g| ("out_group_game", g)))
        {
            let game = spec.to_game()?;
            let (a, b) = (game.row_payoffs(), game.col_payoffs());
            crate::limits::check_payoffs(a.indexed_iter().flat_map(|((i, j), &x)| {
                [
                    (format!("{field}: row payoff at ({i}, {j})"), x),
                    (format!("{field}: column payoff at ({i}, {j})"), b[[i, j]]),
                ]
            }))?;
        }
        if self.replicates == 0 {
            return Err(Error::invalid_parameter("replicates", 0.0, "at least 1"));
        }
        if self.repetitions == 0 {
            return Err(Error::invalid_parameter("repetitions", 0.0, "at least 1"));
        }
        if self.continuation.is_none() && self.turns == 0 {
            return Err(Error::invalid_parameter("turns", 0.0, "at least 1"));
        }
        let prob = |name: &str, x: f64| {
            if (0.0..=1.0).contains(&x) {
                Ok(())
            } else {
                Err(Error::invalid_parameter(name, x, "a probability in [0, 1]"))
            }
        };
        prob("noise", self.noise)?;
        prob("perception_noise", self.perception_noise)?;
        if let Some(e) = self.out_group_perception_noise {
            prob("out_group_perception_noise", e)?;
        }
        for (k, p) in self.players.iter().enumerate() {
            if let Some(e) = p.perception_noise() {
                prob(&format!("players[{k}].perception_noise"), e)?;
            }
            if let Some(psi) = p.paranoia() {
                prob(&format!("players[{k}].paranoia"), psi)?;
            }
            if let Some(psi) = p.out_group_paranoia() {
                prob(&format!("players[{k}].out_group_paranoia"), psi)?;
            }
        }
        self.validate_sides()?;
        if let Some(p) = self.continuation {
            if !(0.0..1.0).contains(&p) {
                return Err(Error::invalid_parameter(
                    "continuation",
                    p,
                    "a probability in [0, 1)",
                ));
            }
        }
        Ok(())
    }
}

/// Whether a count is 1 (the default left out of manifests).
fn is_one(n: &u32) -> bool {
    *n == 1
}
