//! The round robin, written once for every kind of match.
//!
//! A [`RoundRobin`] plays every pairing i <= j of a field in every repetition
//! (one *job* each) on the barrier-free workers of
//! [`crate::parallel::for_each_ordered`], and adds the jobs' results to its
//! statistics strictly in job order, so that floating-point sums are the
//! same for any number of threads. What a match *is* — its stage game, its
//! strategies, what one side of it contributes to the statistics — is a
//! [`MatchKind`]: [`super::GameMatches`] implements it once for every move
//! alphabet, so the two-action game ([`super::TwoActionMatches`]) and the
//! three-action security dilemma ([`crate::posture::ThreeActionMatches`]) are
//! two instantiations, and a new kind of match is one more alphabet (or one
//! more implementation).
//!
//! The match of row player a against column player b in repetition r is
//! played with the seed [`match_seed`]`(seed, a, b, r)`, so each match
//! depends on nothing but the configuration. A job is one match, or two when
//! the pair's game is asymmetric (one in each role; self-play stays one).
//!
//! A pairing whose match cannot vary — both strategies deterministic, no
//! action or perception noise, a fixed number of turns
//! ([`MatchKind::repeats_exactly`]) — is played in the first repetition
//! that reaches it and its sides are reused in the others: the results are
//! the same, bit for bit, and a noise-free run of many repetitions costs
//! little more than one.

use super::config::TournamentConfig;
use super::layout;
use super::outcome::Interaction;
use crate::error::Result;
use crate::parallel::for_each_ordered;
use crate::play::match_seed;
use std::sync::OnceLock;

/// Progress is reported every this many jobs.
pub const PROGRESS_EVERY: usize = 256;

/// A kind of match: what a round robin needs to play and score its jobs.
pub trait MatchKind: Sync {
    /// The strategies' trait object.
    type Strategy: ?Sized + Send;
    /// A worker's match runner (its buffers are reused from match to match).
    type Runner: Send;
    /// One side of one match, as the statistics take it.
    type Side: Copy + Send + Sync;
    /// The statistics being accumulated.
    type Accumulator: Send;
    /// What a run returns.
    type Results: Send;

    /// The tournament's configuration.
    fn config(&self) -> &TournamentConfig;
    /// The players' names.
    fn names(&self) -> &[String];
    /// A fresh copy of player `k`'s strategy.
    fn strategy(&self, k: usize) -> Box<Self::Strategy>;
    /// Whether the pair (i, j), i ≠ j, plays in both roles (its game is
    /// asymmetric).
    fn both_roles(&self, i: usize, j: usize) -> bool;
    /// Whether players i <= j meet at all (in a spatial tournament, only
    /// along an edge).
    fn plays(&self, i: usize, j: usize) -> bool;
    /// Whether every match of players i and j (either role, any seed) is
    /// the same match: their strategies and the match rules draw nothing.
    fn repeats_exactly(&self, i: usize, j: usize) -> bool;
    /// A worker's match runner.
    fn runner(&self) -> Self::Runner;
    /// Plays `players` = (row, col), row player with strategy `a` against
    /// column player with strategy `b`, with `seed`: the two sides (row's first) and, when
    /// `record`, the match's moves.
    #[allow(clippy::too_many_arguments)]
    fn play(
        &self,
        runner: &mut Self::Runner,
        a: &mut Self::Strategy,
        b: &mut Self::Strategy,
        rep: usize,
        players: (usize, usize),
        seed: u64,
        record: bool,
    ) -> Result<([Self::Side; 2], Option<Interaction>)>;
    /// Empty statistics.
    fn accumulator(&self) -> Self::Accumulator;
    /// Adds the sides of one job in repetition `rep`.
    fn add(&self, acc: &mut Self::Accumulator, rep: usize, sides: &[Self::Side]);
    /// The results from the finished statistics.
    fn finish(&self, acc: Self::Accumulator) -> Self::Results;
}

/// A tournament of one kind of match, ready to run.
#[derive(Debug)]
pub struct RoundRobin<K> {
    kind: K,
}

/// A worker's strategy instances (one per player, and a twin for
/// self-play, copied from the prototypes when a job first needs them) and
/// its match runner.
struct Worker<S: ?Sized, R> {
    strategies: Vec<Option<Box<S>>>,
    twins: Vec<Option<Box<S>>>,
    runner: R,
}

/// What one job contributes: the sides of its one or two matches (inline,
/// so a job allocates nothing) and, when recorded, their moves. The
/// statistics take the sides as [`JobOutcome::sides`] lists them.
struct JobOutcome<S> {
    rep: usize,
    /// The sides of the match with the lower-indexed player as row player;
    /// none when the pair does not meet.
    first: Option<[S; 2]>,
    /// The sides of the match in the other role, when played.
    second: Option<[S; 2]>,
    interactions: Vec<Interaction>,
}

/// The sides of a pairing's matches that repeat exactly, kept from the
/// first repetition that played them.
type Repeated<S> = ([S; 2], Option<[S; 2]>);

/// A slot for one pairing's [`Repeated`] sides.
type RepeatSlot<S> = OnceLock<Box<Repeated<S>>>;

/// One slot per pairing of a repetition (its index within the repetition),
/// filled when the pairing repeats exactly.
type RepeatCache<S> = Vec<RepeatSlot<S>>;

impl<S: Copy> JobOutcome<S> {
    /// The sides in the order the statistics add them: the first match's
    /// two, then the second's.
    fn sides(&self) -> Vec<S> {
        match (self.first, self.second) {
            (Some([a, b]), Some([c, d])) => vec![a, b, c, d],
            (Some([a, b]), None) => vec![a, b],
            _ => Vec::new(),
        }
    }
}

impl<K: MatchKind> RoundRobin<K> {
    /// Wraps a kind of match.
    pub(crate) fn from_kind(kind: K) -> Self {
        RoundRobin { kind }
    }

    /// The configuration.
    pub fn config(&self) -> &TournamentConfig {
        self.kind.config()
    }

    /// The players' names.
    pub fn names(&self) -> &[String] {
        self.kind.names()
    }

    fn players(&self) -> usize {
        self.kind.names().len()
    }

    fn repetitions(&self) -> usize {
        self.config().repetitions as usize
    }

    /// Number of jobs (pairings x repetitions).
    pub fn jobs(&self) -> usize {
        layout::job_count(self.players(), self.repetitions())
    }

    /// Number of matches the jobs play: a job is one match, or two when the
    /// pair's game is asymmetric (one in each role).
    pub fn matches(&self) -> usize {
        layout::match_count(
            self.players(),
            self.repetitions(),
            |i, j| self.kind.plays(i, j),
            |i, j| self.kind.both_roles(i, j),
        )
    }

    /// Plays every match and returns the results. `progress` is called with
    /// the number of jobs added to the statistics so far, every
    /// [`PROGRESS_EVERY`] jobs and at the end; `interactions`, when given,
    /// receives every match's moves in job order.
    ///
    /// Jobs run on every thread of the current rayon pool: each worker
    /// keeps its own strategy copies and match runner, and the results are
    /// added to the statistics strictly in job order, so floating-point sums
    /// are the same for any number of threads, and memory stays flat.
    pub fn run(
        &self,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<K::Results> {
        self.run_on(true, progress, interactions)
    }

    /// As [`RoundRobin::run`], on the calling thread alone: for use inside
    /// another parallel loop (the same results, bit for bit).
    pub fn run_serial(
        &self,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<K::Results> {
        self.run_on(false, progress, interactions)
    }

    /// Runs on a pool of `threads` threads (all cores when `None`), reused
    /// across runs ([`crate::parallel::pool`]); the results do not depend on
    /// it.
    pub fn run_with_threads(
        &self,
        threads: Option<usize>,
        progress: &mut (dyn FnMut(usize) + Send),
        interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<K::Results> {
        let pool = crate::parallel::pool(threads)?;
        pool.install(|| self.run(progress, interactions))
    }

    /// Plays the given `jobs` (indices below [`RoundRobin::jobs`]) on every
    /// thread of the current rayon pool and returns each job's sides (of
    /// its one or two matches, as the statistics take them), in the order
    /// of `jobs`: a shard's part of the round robin. `progress` is called
    /// with the number of jobs done, every [`PROGRESS_EVERY`] jobs and at
    /// the end.
    pub fn run_jobs(
        &self,
        jobs: &[usize],
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<Vec<Vec<K::Side>>> {
        let n = self.players();
        let cache = self.repeat_cache(false);
        let mut out = Vec::with_capacity(jobs.len());
        let mut consume = |k: usize, outcome: JobOutcome<K::Side>| -> Result<()> {
            out.push(outcome.sides());
            if (k + 1) % PROGRESS_EVERY == 0 {
                progress(k + 1);
            }
            Ok(())
        };
        for_each_ordered(
            true,
            jobs.len(),
            || Worker {
                strategies: (0..n).map(|_| None).collect(),
                twins: (0..n).map(|_| None).collect(),
                runner: self.kind.runner(),
            },
            |worker, k| self.play_job(worker, jobs[k], false, cache.as_deref()),
            &mut consume,
        )?;
        progress(jobs.len());
        Ok(out)
    }

    /// The results from every job's sides ([`RoundRobin::run_jobs`] of all
    /// jobs, in job order): the statistics add them up in job order, as a
    /// run does, so the results are bit-identical to [`RoundRobin::run`]'s.
    pub fn reduce(&self, jobs: impl IntoIterator<Item = Vec<K::Side>>) -> Result<K::Results> {
        let n = self.players();
        let mut acc = self.kind.accumulator();
        let mut count = 0;
        for (k, sides) in jobs.into_iter().enumerate() {
            let (rep, _, _) = layout::job_indices(n, k);
            self.kind.add(&mut acc, rep, &sides);
            count = k + 1;
        }
        if count != self.jobs() {
            return Err(crate::error::Error::Config {
                field: "jobs".into(),
                message: format!("{count} jobs' results for a round robin of {}", self.jobs()),
            });
        }
        Ok(self.kind.finish(acc))
    }

    fn run_on(
        &self,
        parallel: bool,
        progress: &mut (dyn FnMut(usize) + Send),
        mut interactions: Option<&mut (dyn FnMut(Interaction) -> Result<()> + Send)>,
    ) -> Result<K::Results> {
        let n = self.players();
        let record = interactions.is_some();
        let cache = self.repeat_cache(record);
        let total = self.jobs();
        let mut acc = self.kind.accumulator();
        let mut consume = |k: usize, outcome: JobOutcome<K::Side>| -> Result<()> {
            match (outcome.first, outcome.second) {
                (Some([a, b]), Some([c, d])) => self.kind.add(&mut acc, outcome.rep, &[a, b, c, d]),
                (Some([a, b]), None) => self.kind.add(&mut acc, outcome.rep, &[a, b]),
                _ => {}
            }
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
                runner: self.kind.runner(),
            },
            |worker, k| self.play_job(worker, k, record, cache.as_deref()),
            &mut consume,
        )?;
        progress(total);
        Ok(self.kind.finish(acc))
    }

    /// An empty cache of the pairings that repeat exactly, when a run of
    /// several repetitions that records no moves can use one.
    fn repeat_cache(&self, record: bool) -> Option<RepeatCache<K::Side>> {
        let n = self.players();
        (!record && self.repetitions() > 1)
            .then(|| (0..n * (n + 1) / 2).map(|_| OnceLock::new()).collect())
    }

    /// Plays job `k` (one match, or one in each role), or takes its sides
    /// from `cache` when its pairing repeats exactly and an earlier
    /// repetition played it.
    fn play_job(
        &self,
        worker: &mut Worker<K::Strategy, K::Runner>,
        k: usize,
        record: bool,
        cache: Option<&[RepeatSlot<K::Side>]>,
    ) -> Result<JobOutcome<K::Side>> {
        let n = self.players();
        let (rep, i, j) = layout::job_indices(n, k);
        if !self.kind.plays(i, j) {
            return Ok(JobOutcome {
                rep,
                first: None,
                second: None,
                interactions: Vec::new(),
            });
        }
        let slot = cache
            .filter(|_| self.kind.repeats_exactly(i, j))
            .map(|c| &c[k % (n * (n + 1) / 2)]);
        if let Some(&(first, second)) = slot.and_then(|s| s.get()).map(|b| &**b) {
            return Ok(JobOutcome {
                rep,
                first: Some(first),
                second,
                interactions: Vec::new(),
            });
        }
        let outcome = self.play_pairing(worker, rep, i, j, record)?;
        if let Some(slot) = slot {
            // Another worker may have filled it meanwhile, with the same sides.
            if let Some(first) = outcome.first {
                let _ = slot.set(Box::new((first, outcome.second)));
            }
        }
        Ok(outcome)
    }

    /// Plays the matches of players i and j in repetition `rep`.
    fn play_pairing(
        &self,
        worker: &mut Worker<K::Strategy, K::Runner>,
        rep: usize,
        i: usize,
        j: usize,
        record: bool,
    ) -> Result<JobOutcome<K::Side>> {
        let both_roles = i != j && self.kind.both_roles(i, j);
        let seed = self.config().seed;
        let mut played: [Option<[K::Side; 2]>; 2] = [None, None];
        let mut interactions = Vec::new();
        for (m, (a, b)) in [(i, j), (j, i)]
            .into_iter()
            .take(1 + usize::from(both_roles))
            .enumerate()
        {
            let Worker {
                strategies,
                twins,
                runner,
            } = worker;
            let make = |p: usize| self.kind.strategy(p);
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
            let seed = match_seed(seed, a as u64, b as u64, rep as u64);
            let (pair, interaction) = self.kind.play(runner, x, y, rep, (a, b), seed, record)?;
            played[m] = Some(pair);
            interactions.extend(interaction);
        }
        let outcome = JobOutcome {
            rep,
            first: played[0],
            second: played[1],
            interactions,
        };
        Ok(outcome)
    }
}
