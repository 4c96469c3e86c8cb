//! A tournament's replicates: each player's quantities per replicate, their
//! intervals, and every pair of players' paired score difference.

use super::{interval_cells, interval_header, replicate_seed, Interval};
use crate::error::Result;
use crate::posture::PostureStatistics;
use crate::strategy::Registry;
use crate::tournament::output::{csv_field, write_atomic};
use crate::tournament::{
    GameMatches, RoundRobin, Statistics, StatisticsOf, TournamentConfig, TournamentMoves,
    TournamentResults,
};
use std::path::{Path, PathBuf};

/// The per-player quantities of one run that replicates summarise.
pub trait PlayerQuantities {
    /// The quantities' names (the tables' column prefixes); the first is
    /// the score that pairs of players are compared on.
    const NAMES: &'static [&'static str];
    /// Each player's quantities, in the configuration's player order.
    fn player_quantities(&self) -> Vec<Vec<f64>>;
}

/// A player's mean payoff per turn over all its opponents, its twin
/// included: the mean of its row of the payoff matrix (Axelrod's 1980
/// tournament score per game is this times the match length).
fn mean_payoff(payoff_matrix: &[Vec<f64>], i: usize) -> f64 {
    let row = &payoff_matrix[i];
    row.iter().sum::<f64>() / row.len() as f64
}

impl PlayerQuantities for Statistics {
    const NAMES: &'static [&'static str] = &["score", "cooperation", "wins", "payoff"];
    fn player_quantities(&self) -> Vec<Vec<f64>> {
        let mut out = vec![Vec::new(); self.summary.len()];
        for row in &self.summary {
            let i = row.original_index;
            out[i] = vec![
                row.median_score,
                row.cooperation_rating,
                row.wins,
                mean_payoff(&self.payoff_matrix, i),
            ];
        }
        out
    }
}

impl PlayerQuantities for PostureStatistics {
    const NAMES: &'static [&'static str] = &["score", "restraint", "arming", "defence", "payoff"];
    fn player_quantities(&self) -> Vec<Vec<f64>> {
        let mut out = vec![Vec::new(); self.summary.len()];
        for row in &self.summary {
            let [r, a, h] = row.posture_rates;
            let i = row.original_index;
            out[i] = vec![
                row.median_score,
                r,
                a,
                h,
                mean_payoff(&self.payoff_matrix, i),
            ];
        }
        out
    }
}

/// Quantities added when the players have groups (docs/model.md §9.3): each
/// player's cooperation (in the three-action game, restraint) and payoff per
/// turn against its own group and against the others; a player alone in its
/// group has no in-group values (empty cells).
pub const GROUP_QUANTITIES: [&str; 4] = [
    "in_group_cooperation",
    "out_group_cooperation",
    "in_group_payoff",
    "out_group_payoff",
];

/// One run's quantity names and `[player][quantity]` values: the
/// statistics' own ([`PlayerQuantities`]) and, with groups,
/// [`GROUP_QUANTITIES`] (NaN where a player has none).
fn run_quantities<S: PlayerQuantities>(
    results: &TournamentResults<S>,
) -> (Vec<&'static str>, Vec<Vec<f64>>) {
    let mut names = S::NAMES.to_vec();
    let mut values = results.statistics.player_quantities();
    if let Some(g) = &results.groups {
        names.extend(GROUP_QUANTITIES);
        for (i, v) in values.iter_mut().enumerate() {
            let group = [
                g.in_group_cooperation[i],
                g.out_group_cooperation[i],
                g.in_group_payoff[i],
                g.out_group_payoff[i],
            ];
            v.extend(group.map(|x| x.unwrap_or(f64::NAN)));
        }
    }
    (names, values)
}

/// The replicates of a tournament: `values[k][i][q]` is quantity `q` of
/// player `i` in replicate `k`.
#[derive(Debug, Clone, PartialEq)]
pub struct TournamentReplicates {
    /// The players' names, in the configuration's order.
    pub players: Vec<String>,
    /// The quantities' names ([`PlayerQuantities::NAMES`], then
    /// [`GROUP_QUANTITIES`] when players have groups).
    pub quantities: Vec<&'static str>,
    /// Each replicate's seed ([`replicate_seed`]).
    pub seeds: Vec<u64>,
    /// `[replicate][player][quantity]`.
    pub values: Vec<Vec<Vec<f64>>>,
}

/// File of every replicate's per-player quantities.
pub const REPLICATES_FILE: &str = "replicates.csv";
/// File of each player's means and intervals.
pub const INTERVALS_FILE: &str = "intervals.csv";
/// File of the paired score differences of every pair of players.
pub const DIFFERENCES_FILE: &str = "differences.csv";

/// Runs `config.replicates` replicates of the tournament `config` on
/// `threads` threads, one after the other, each on every thread; returns
/// replicate 0's full results (a single run's) and every replicate's
/// per-player quantities. `progress` gets the number of jobs done over all
/// replicates ([`RoundRobin::jobs`] each).
pub fn run_replicates<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: &TournamentConfig,
    registry: &Registry,
    threads: Option<usize>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<(
    TournamentResults<StatisticsOf<M, N, S>>,
    TournamentReplicates,
)>
where
    StatisticsOf<M, N, S>: PlayerQuantities,
{
    let mut jobs_before = 0usize;
    collect_replicates::<M, N, S>(config, registry, &mut |_, tournament| {
        let mut offset = |done: usize| progress(jobs_before + done);
        let results = tournament.run_with_threads(threads, &mut offset, None)?;
        jobs_before += tournament.jobs();
        Ok(results)
    })
}

/// The round robin of replicate `k`: `config` with seed
/// [`replicate_seed`]`(config.seed, k)` and one replicate.
pub fn replicate_round_robin<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: &TournamentConfig,
    registry: &Registry,
    k: u64,
) -> Result<RoundRobin<GameMatches<M, N, S>>> {
    let mut replicate = config.clone();
    replicate.seed = replicate_seed(config.seed, k);
    replicate.replicates = 1;
    RoundRobin::<GameMatches<M, N, S>>::new(replicate, registry)
}

/// Replicate 0's full results and every replicate's per-player quantities,
/// with `results_of(k, round_robin)` giving replicate `k`'s results (played,
/// or reduced from a sharded run's job results), one replicate after the
/// other.
#[allow(clippy::type_complexity)]
pub fn collect_replicates<M: TournamentMoves<N, S>, const N: usize, const S: usize>(
    config: &TournamentConfig,
    registry: &Registry,
    results_of: &mut dyn FnMut(
        u64,
        &RoundRobin<GameMatches<M, N, S>>,
    ) -> Result<TournamentResults<StatisticsOf<M, N, S>>>,
) -> Result<(
    TournamentResults<StatisticsOf<M, N, S>>,
    TournamentReplicates,
)>
where
    StatisticsOf<M, N, S>: PlayerQuantities,
{
    config.validate()?;
    let count = u64::from(config.replicates);
    let mut first = None;
    let mut values = Vec::new();
    let mut names = Vec::new();
    let mut seeds = Vec::new();
    for k in 0..count {
        let tournament = replicate_round_robin::<M, N, S>(config, registry, k)?;
        let results = results_of(k, &tournament)?;
        seeds.push(replicate_seed(config.seed, k));
        let (quantities, run_values) = run_quantities(&results);
        names = quantities;
        values.push(run_values);
        if first.is_none() {
            first = Some(results);
        }
    }
    let first = first.expect("at least one replicate (validated)");
    let replicates = TournamentReplicates {
        players: first.players.clone(),
        quantities: names,
        seeds,
        values,
    };
    Ok((first, replicates))
}

/// A value's cell: empty when it is not a number (a quantity a player does
/// not have).
fn finite_cell(v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else {
        v.to_string()
    }
}

impl TournamentReplicates {
    /// Number of replicates.
    pub fn count(&self) -> usize {
        self.values.len()
    }

    /// Quantity `q` of player `i` over the replicates.
    pub fn sample(&self, i: usize, q: usize) -> Vec<f64> {
        self.values.iter().map(|r| r[i][q]).collect()
    }

    /// `[player][quantity]`: each quantity's interval over the replicates.
    pub fn intervals(&self) -> Vec<Vec<Interval>> {
        (0..self.players.len())
            .map(|i| {
                (0..self.quantities.len())
                    .map(|q| Interval::of(&self.sample(i, q)))
                    .collect()
            })
            .collect()
    }

    /// The paired difference of the score (quantity 0) of player `i` minus
    /// player `j`, replicate by replicate.
    pub fn score_difference(&self, i: usize, j: usize) -> Interval {
        Interval::of_differences(&self.sample(i, 0), &self.sample(j, 0))
    }

    /// `replicates.csv`: `replicate, seed, name, QUANTITY...`, one row per
    /// replicate and player.
    pub fn replicates_csv(&self) -> String {
        let mut s = format!("replicate,seed,name,{}\n", self.quantities.join(","));
        for (k, replicate) in self.values.iter().enumerate() {
            for (name, values) in self.players.iter().zip(replicate) {
                let cells: Vec<String> = values.iter().copied().map(finite_cell).collect();
                s.push_str(&format!(
                    "{k},{},{},{}\n",
                    self.seeds[k],
                    csv_field(name),
                    cells.join(",")
                ));
            }
        }
        s
    }

    /// `intervals.csv`: `name, replicates, QUANTITY_mean, QUANTITY_sd,
    /// QUANTITY_ci_low, QUANTITY_ci_high...`, players ranked by mean score.
    pub fn intervals_csv(&self) -> String {
        let intervals = self.intervals();
        let mut s = format!(
            "name,replicates,{}\n",
            interval_header(&self.quantities).join(",")
        );
        for i in self.ranked() {
            s.push_str(&format!(
                "{},{},{}\n",
                csv_field(&self.players[i]),
                self.count(),
                interval_cells(&intervals[i])
                    .into_iter()
                    .map(|c| if c == "NaN" { String::new() } else { c })
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        s
    }

    /// `differences.csv`: `a, b, replicates, score_difference_mean, _sd,
    /// _ci_low, _ci_high, significant` for every pair of players `a` ranked
    /// above `b` by mean score: the paired difference of their scores, and
    /// whether its interval excludes 0.
    pub fn differences_csv(&self) -> String {
        let mut s = format!(
            "a,b,replicates,{},significant\n",
            interval_header(&["score_difference"]).join(",")
        );
        let ranked = self.ranked();
        for (x, &i) in ranked.iter().enumerate() {
            for &j in &ranked[x + 1..] {
                let d = self.score_difference(i, j);
                s.push_str(&format!(
                    "{},{},{},{},{}\n",
                    csv_field(&self.players[i]),
                    csv_field(&self.players[j]),
                    self.count(),
                    interval_cells(&[d]).join(","),
                    d.excludes(0.0)
                ));
            }
        }
        s
    }

    /// Players by mean score, best first (ties by index).
    fn ranked(&self) -> Vec<usize> {
        let means: Vec<f64> = (0..self.players.len())
            .map(|i| Interval::of(&self.sample(i, 0)).mean)
            .collect();
        let mut order: Vec<usize> = (0..self.players.len()).collect();
        order.sort_by(|&a, &b| means[b].total_cmp(&means[a]).then(a.cmp(&b)));
        order
    }

    /// Writes the three tables into `dir`; returns their paths.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for (file, text) in [
            (REPLICATES_FILE, self.replicates_csv()),
            (INTERVALS_FILE, self.intervals_csv()),
            (DIFFERENCES_FILE, self.differences_csv()),
        ] {
            let path = dir.join(file);
            write_atomic(&path, text.as_bytes())?;
            written.push(path);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tournament::PlayerSpec;
    use crate::Action;

    fn config(names: &[&str], replicates: u32) -> TournamentConfig {
        TournamentConfig {
            players: names
                .iter()
                .map(|n| PlayerSpec::Name(n.to_string()))
                .collect(),
            turns: 50,
            repetitions: 3,
            noise: 0.05,
            seed: 11,
            replicates,
            ..Default::default()
        }
    }

    fn run(c: &TournamentConfig, threads: usize) -> (TournamentResults, TournamentReplicates) {
        run_replicates::<Action, 2, 4>(c, &Registry::builtin(), Some(threads), &mut |_| {}).unwrap()
    }

    #[test]
    fn replicate_zero_is_the_single_run_and_each_replicate_is_its_own_seed() {
        let names = ["Tit For Tat", "Defector", "Random: 0.5", "Grudger"];
        let (first, reps) = run(&config(&names, 4), 2);
        let (single, _) = run(&config(&names, 1), 2);
        assert_eq!(first.statistics, single.statistics);
        assert_eq!(reps.count(), 4);
        for k in 0..4 {
            let mut c = config(&names, 1);
            c.seed = replicate_seed(11, k);
            let (r, _) = run(&c, 1);
            assert_eq!(
                reps.values[k as usize],
                r.statistics.player_quantities(),
                "replicate {k}"
            );
        }
        // Noise makes replicates differ.
        assert_ne!(reps.values[0], reps.values[1]);
    }

    #[test]
    fn replicates_are_bit_identical_for_any_thread_count() {
        let c = config(&["Tit For Tat", "Random: 0.3", "Win-Stay Lose-Shift"], 3);
        assert_eq!(run(&c, 1).1, run(&c, 2).1);
    }

    #[test]
    fn tables_hold_intervals_that_contain_the_mean_and_paired_differences() {
        let names = ["Tit For Tat", "Defector", "Random: 0.5"];
        let (_, reps) = run(&config(&names, 5), 2);
        let intervals = reps.intervals();
        for row in &intervals {
            for i in row {
                assert!(i.low <= i.mean && i.mean <= i.high && i.n == 5);
            }
        }
        let csv = reps.intervals_csv();
        let header = csv.lines().next().unwrap();
        assert!(header.starts_with(
            "name,replicates,score_mean,score_sd,score_ci_low,score_ci_high,cooperation_mean"
        ));
        assert_eq!(csv.lines().count(), 4);
        assert_eq!(reps.replicates_csv().lines().count(), 1 + 5 * 3);
        let diffs = reps.differences_csv();
        assert_eq!(diffs.lines().count(), 1 + 3);
        // A difference is the mean of the per-replicate differences.
        let d = reps.score_difference(0, 1);
        let by_hand: f64 = (0..5)
            .map(|k| reps.values[k][0][0] - reps.values[k][1][0])
            .sum::<f64>()
            / 5.0;
        assert!((d.mean - by_hand).abs() < 1e-12);
    }

    #[test]
    fn zero_replicates_are_refused() {
        let c = config(&["Tit For Tat", "Defector"], 0);
        let err = run_replicates::<Action, 2, 4>(&c, &Registry::builtin(), Some(1), &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("replicates"), "{err}");
    }
}
