//! Round robins of the three-action security dilemma.

use super::results::{PostureAccumulator, PostureSide};
use super::{
    create, postures_to_string, PostureGame, PostureMatch, PostureMatchConfig, PostureMatchResult,
    PosturePerception, PostureResults, PostureStrategy,
};
use crate::error::{Error, Result};
use crate::game::SecurityDilemma;
use crate::parallel::for_each_ordered;
use crate::play::{group_relation, match_seed, MatchLength};
use crate::strategy::Registry;
use crate::tournament::layout;
use crate::tournament::PROGRESS_EVERY;
use crate::tournament::{GameSpec, GroupStatistics, Interaction, PlayerSpec, TournamentConfig};

/// What one job contributes: its sides and, when recorded, its matches.
struct JobOutcome {
    rep: usize,
    sides: Vec<PostureSide>,
    interactions: Vec<Interaction>,
}

/// A worker's strategy copies (a second set for self-play) and match runner.
struct Worker {
    strategies: Vec<Option<Box<dyn PostureStrategy>>>,
    twins: Vec<Option<Box<dyn PostureStrategy>>>,
    runner: PostureMatch,
}

/// A three-action tournament ready to run.
///
/// Built from a [`TournamentConfig`] whose game (and out-group game, if any)
/// is the security dilemma: every pair plays
/// [`SecurityDilemma::to_three_action_game`] with the model's perception
/// ([`PosturePerception::from_security`], per player, with its paranoia ψ or,
/// toward other groups, ψ_out). Players are named as in two-action
/// tournaments: every registry strategy plays through
/// [`TwoAction`](super::TwoAction), and the strategies that use H
/// ([`native_strategies`](super::native_strategies)) are added.
///
/// As in [`Tournament`](crate::tournament::Tournament), job (repetition, i,
/// j ≥ i) is one match, or two under unequal power (one in each role); the
/// match of row `a` against column `b` in repetition `r` has seed
/// [`match_seed`]`(seed, a, b, r)`; jobs run in parallel in chunks whose
/// results are added in job order, so results are bit-identical for any
/// number of threads.
///
/// [`SecurityDilemma::to_three_action_game`]: crate::game::SecurityDilemma::to_three_action_game
#[derive(Debug)]
pub struct PostureTournament {
    config: TournamentConfig,
    game: PostureGame,
    out_game: Option<PostureGame>,
    prototypes: Vec<Box<dyn PostureStrategy>>,
    names: Vec<String>,
    /// Each player's perception of in-group and of out-group opponents.
    perception: Vec<[PosturePerception; 2]>,
    group_index: Vec<usize>,
}

fn security_of<'a>(spec: &'a GameSpec, field: &str) -> Result<&'a SecurityDilemma> {
    match spec {
        GameSpec::Security { parameters } => Ok(parameters),
        _ => Err(Error::UnsupportedGame {
            operation: "a three-action tournament",
            requirement: "the security-dilemma game (kind = \"security\")",
            found: format!("another {field}"),
        }),
    }
}

impl PostureTournament {
    /// Resolves the strategies (see the type's documentation) and checks the
    /// configuration.
    pub fn new(config: TournamentConfig, registry: &Registry) -> Result<Self> {
        config.validate()?;
        let model = security_of(&config.game, "game")?;
        let game = PostureGame::from_security(model)?;
        let out_model = match &config.out_group_game {
            Some(spec) => Some(security_of(spec, "out_group_game")?),
            None => None,
        };
        let out_game = out_model.map(PostureGame::from_security).transpose()?;
        let mut prototypes = Vec::with_capacity(config.players.len());
        let mut perception = Vec::with_capacity(config.players.len());
        for p in &config.players {
            prototypes.push(create(registry, p.strategy())?);
            let toward = |out: bool| -> Result<PosturePerception> {
                let m = if out {
                    out_model.unwrap_or(model)
                } else {
                    model
                };
                Ok(PosturePerception::from_two_action(
                    config.perception_toward(p, out)?,
                    m.differentiation,
                    paranoia(p, out),
                ))
            };
            perception.push([toward(false)?, toward(true)?]);
        }
        let names = prototypes.iter().map(|s| s.name().to_string()).collect();
        let group_index = layout::group_indices(&config.players);
        Ok(PostureTournament {
            config,
            game,
            out_game,
            prototypes,
            names,
            perception,
            group_index,
        })
    }

    /// The players' names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The configuration.
    pub fn config(&self) -> &TournamentConfig {
        &self.config
    }

    /// Number of jobs (pairings x repetitions).
    pub fn jobs(&self) -> usize {
        layout::job_count(self.prototypes.len(), self.config.repetitions as usize)
    }

    /// Number of matches the jobs play (two for a pair of unequal power).
    pub fn matches(&self) -> usize {
        layout::match_count(
            self.prototypes.len(),
            self.config.repetitions as usize,
            |i, j| !self.game_of(i, j).is_symmetric(),
        )
    }

    fn out_group(&self, i: usize, j: usize) -> bool {
        self.group_index[i] != self.group_index[j]
    }

    fn game_of(&self, i: usize, j: usize) -> &PostureGame {
        match &self.out_game {
            Some(g) if self.out_group(i, j) => g,
            _ => &self.game,
        }
    }

    fn match_config(&self, row: usize, col: usize, record: bool) -> PostureMatchConfig {
        let group = |k: usize| self.config.players[k].group();
        PostureMatchConfig {
            length: match self.config.continuation {
                Some(p) => MatchLength::Continuation(p),
                None => MatchLength::Turns(self.config.turns),
            },
            noise: self.config.noise,
            perception: [
                self.perception[row][usize::from(self.out_group(row, col))],
                self.perception[col][usize::from(self.out_group(col, row))],
            ],
            length_known: self.config.continuation.is_none(),
            record_moves: record,
            same_group: [
                group_relation(group(row), group(col)),
                group_relation(group(col), group(row)),
            ],
        }
    }

    /// Plays row `a` against column `b` in repetition `rep` with a worker's
    /// strategy copies (made on first use; a match resets them).
    fn play_one(
        &self,
        worker: &mut Worker,
        rep: usize,
        a: usize,
        b: usize,
        record: bool,
    ) -> Result<PostureMatchResult> {
        let Worker {
            strategies,
            twins,
            runner,
        } = worker;
        runner.set_config(self.match_config(a, b, record))?;
        let seed = match_seed(self.config.seed, a as u64, b as u64, rep as u64);
        let game = self.game_of(a, b);
        let make = |k: usize| self.prototypes[k].clone();
        let (x, y) = if a == b {
            (
                strategies[a].get_or_insert_with(|| make(a)),
                twins[a].get_or_insert_with(|| make(a)),
            )
        } else {
            let (sa, sb) = layout::pick_two(strategies, a, b);
            (
                sa.get_or_insert_with(|| make(a)),
                sb.get_or_insert_with(|| make(b)),
            )
        };
        Ok(runner.play(&mut **x, &mut **y, game, seed))
    }

    /// The sides of job `k` (one match, or one in each role) and, when
    /// recorded, the matches' moves.
    fn play_job(&self, worker: &mut Worker, k: usize, record: bool) -> Result<JobOutcome> {
        let (rep, i, j) = layout::job_indices(self.prototypes.len(), k);
        let both_roles = i != j && !self.game_of(i, j).is_symmetric();
        let mut sides = Vec::with_capacity(4);
        let mut interactions = Vec::new();
        for (a, b) in [(i, j), (j, i)].into_iter().take(1 + both_roles as usize) {
            let m = self.play_one(worker, rep, a, b, record)?;
            if let Some([x, y]) = &m.moves {
                interactions.push(Interaction {
                    repetition: rep,
                    row: a,
                    col: b,
                    row_moves: postures_to_string(x),
                    col_moves: postures_to_string(y),
                    row_score: m.scores[0],
                    col_score: m.scores[1],
                });
            }
            for (k, (p, q)) in [(a, b), (b, a)].into_iter().enumerate() {
                sides.push(PostureSide {
                    player: p,
                    opponent: q,
                    score: m.scores[k],
                    turns: m.turns,
                    postures: m.postures(k),
                    arming_causes: m.arming_causes[k],
                    mutual_restraint: m.counts[0][0],
                });
            }
        }
        Ok(JobOutcome {
            rep,
            sides,
            interactions,
        })
    }

    /// Plays every match on the current rayon pool; `progress` gets the
    /// number of jobs added to the statistics, every
    /// [`PROGRESS_EVERY`](crate::tournament::PROGRESS_EVERY) jobs and at the
    /// end. Results are added in job order
    /// ([`crate::parallel::for_each_ordered`]). `interactions`, when given,
    /// receives every match's moves (R/A/H strings) in job order.
    pub fn run(
        &self,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<PostureResults> {
        self.run_on(true, progress, interactions)
    }

    /// As [`PostureTournament::run`], on the calling thread alone: for use
    /// inside another parallel loop (the same results, bit for bit).
    pub fn run_serial(
        &self,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<PostureResults> {
        self.run_on(false, progress, interactions)
    }

    fn run_on(
        &self,
        parallel: bool,
        progress: &mut (dyn FnMut(usize) + Send),
        mut interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<PostureResults> {
        let n = self.prototypes.len();
        let record = interactions.is_some();
        let mut acc = PostureAccumulator::new(n, self.config.repetitions as usize);
        let total = self.jobs();
        let mut consume = |k: usize, outcome: JobOutcome| -> Result<()> {
            acc.add_pairing(outcome.rep, &outcome.sides);
            if let Some(sink) = interactions.as_mut() {
                for m in outcome.interactions {
                    sink(m)?;
                }
            }
            if (k + 1) % PROGRESS_EVERY == 0 {
                progress(k + 1);
            }
            Ok(())
        };
        for_each_ordered(
            parallel,
            total,
            || Worker {
                strategies: (0..n).map(|_| None).collect(),
                twins: (0..n).map(|_| None).collect(),
                runner: PostureMatch::new(self.match_config(0, 0, false))
                    .expect("a validated tournament has valid match rules"),
            },
            |worker, k| self.play_job(worker, k, record),
            &mut consume,
        )?;
        progress(total);
        let statistics = acc.finish(&self.names);
        let groups = self.group_statistics(&statistics);
        Ok(PostureResults {
            config: self.config.clone(),
            players: self.names.clone(),
            statistics,
            groups,
        })
    }

    /// [`PostureTournament::run`] on `threads` worker threads (all cores when
    /// `None`); the results do not depend on it.
    pub fn run_with_threads(
        &self,
        threads: Option<usize>,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<PostureResults> {
        let pool = crate::parallel::pool(threads)?;
        pool.install(|| self.run(progress, interactions))
    }

    /// In-group and out-group payoffs (mean over pairs) and restraint (R
    /// moves over all moves).
    fn group_statistics(&self, s: &super::PostureStatistics) -> Option<GroupStatistics> {
        let payoff = |i: usize, j: usize| (s.payoff_matrix[i][j], 1.0);
        let restraint = |i: usize, j: usize| {
            let counts = s.posture_matrix[i][j];
            (counts[0] as f64, counts.iter().sum::<u64>() as f64)
        };
        layout::group_statistics(&self.config.players, &self.group_index, &payoff, &restraint)
    }
}

/// The paranoia of `player` toward in-group or out-group opponents.
fn paranoia(player: &PlayerSpec, out_group: bool) -> f64 {
    match (out_group, player.out_group_paranoia()) {
        (true, Some(psi)) => psi,
        _ => player.paranoia().unwrap_or(0.0),
    }
}
