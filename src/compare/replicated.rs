//! A published table against a replicated tournament: each entry's
//! reproduced score as a mean with its 95% t interval over the replicates,
//! and the rank correlation of the means with a bootstrap interval
//! (docs/model.md §14.4).
//!
//! ## References
//! - Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the
//!   Bootstrap*. Chapman & Hall, ch. 13 (the percentile interval).

use super::{player_index, ranks, spearman, CompareConfig, ScoreRule};
use crate::error::{Error, Result};
use crate::records;
use crate::replicates::{Interval, TournamentReplicates};
use crate::tournament::output::{csv_field, write_atomic};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name of the per-entry intervals.
pub const INTERVALS_FILE: &str = "comparison_intervals.csv";
/// The file name of the rank correlation and its intervals.
pub const RANK_CORRELATION_FILE: &str = "rank_correlation.csv";
/// The file name of the whole replicated comparison.
pub const JSON_FILE: &str = "comparison_intervals.json";
/// Bootstrap resamples of the replicates for the rank correlation's
/// interval.
pub const BOOTSTRAP_RESAMPLES: usize = 10_000;

/// One published entry against its replicated score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplicatedRow {
    /// The publication's label.
    pub label: String,
    /// The player.
    pub strategy: String,
    /// The published score.
    pub published: f64,
    /// The score here by the publication's rule, over the replicates.
    pub ours: Interval,
    /// Published rank (1 = best).
    pub published_rank: usize,
    /// Rank of the mean score here.
    pub our_rank: usize,
}

/// The comparison over replicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplicatedComparison {
    /// Number of replicates.
    pub replicates: usize,
    /// Published order.
    pub rows: Vec<ReplicatedRow>,
    /// Spearman's rank correlation of the published scores and the mean
    /// scores here.
    pub spearman: f64,
    /// 95% percentile bootstrap interval of [`Self::spearman`]: replicates
    /// resampled with replacement, the means and their correlation
    /// recomputed.
    pub spearman_bootstrap: (f64, f64),
    /// Resamples behind [`Self::spearman_bootstrap`].
    pub resamples: usize,
    /// The correlation within each replicate, as a mean with its t
    /// interval (one replicate's ranking against the published one).
    pub spearman_per_replicate: Interval,
}

/// Each entry's score in each replicate by `rule`: `[entry][replicate]`.
fn scores(
    reps: &TournamentReplicates,
    config: &CompareConfig,
    turns: usize,
) -> Result<Vec<Vec<f64>>> {
    let quantity = |name: &str| {
        reps.quantities
            .iter()
            .position(|q| *q == name)
            .ok_or_else(|| Error::Config {
                field: "compare.score".into(),
                message: format!("the replicates have no `{name}` quantity"),
            })
    };
    let (q, factor) = match config.score {
        ScoreRule::MatchScoreWithTwin => (quantity("payoff")?, turns as f64),
        ScoreRule::MedianPerTurn => (quantity("score")?, 1.0),
    };
    config
        .published
        .iter()
        .map(|e| {
            let i = player_index(&reps.players, &e.strategy)?;
            Ok(reps.sample(i, q).into_iter().map(|v| v * factor).collect())
        })
        .collect()
}

/// The mean over the replicates `picks` of each entry's scores.
fn means(scores: &[Vec<f64>], picks: &[usize]) -> Vec<f64> {
    scores
        .iter()
        .map(|s| picks.iter().map(|&k| s[k]).sum::<f64>() / picks.len() as f64)
        .collect()
}

/// The `q`-quantile of sorted values, linear between order statistics.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Compares the replicates of a tournament with matches of `turns` turns
/// with the published table; `seed` seeds the bootstrap.
pub fn compare_replicates(
    reps: &TournamentReplicates,
    config: &CompareConfig,
    turns: usize,
    seed: u64,
) -> Result<ReplicatedComparison> {
    let scores = scores(reps, config, turns)?;
    let count = reps.count();
    let published: Vec<f64> = config.published.iter().map(|e| e.score).collect();
    let all: Vec<usize> = (0..count).collect();
    let mean = means(&scores, &all);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut boot: Vec<f64> = (0..BOOTSTRAP_RESAMPLES)
        .map(|_| {
            let picks: Vec<usize> = (0..count).map(|_| rng.random_range(0..count)).collect();
            spearman(&published, &means(&scores, &picks))
        })
        .filter(|r| r.is_finite())
        .collect();
    boot.sort_by(f64::total_cmp);
    let spearman_bootstrap = if boot.is_empty() {
        (f64::NAN, f64::NAN)
    } else {
        (quantile(&boot, 0.025), quantile(&boot, 0.975))
    };
    let per_replicate: Vec<f64> = (0..count)
        .map(|k| spearman(&published, &means(&scores, &[k])))
        .collect();
    let (pr, or) = (ranks(&published), ranks(&mean));
    let rows = config
        .published
        .iter()
        .enumerate()
        .map(|(k, e)| ReplicatedRow {
            label: e.label.clone(),
            strategy: e.strategy.clone(),
            published: e.score,
            ours: Interval::of(&scores[k]),
            published_rank: pr[k].round() as usize,
            our_rank: or[k].round() as usize,
        })
        .collect();
    Ok(ReplicatedComparison {
        replicates: count,
        rows,
        spearman: spearman(&published, &mean),
        spearman_bootstrap,
        resamples: BOOTSTRAP_RESAMPLES,
        spearman_per_replicate: Interval::of(&per_replicate),
    })
}

impl ReplicatedComparison {
    /// `comparison_intervals.csv`: `label, strategy, published, replicates,
    /// ours_mean, ours_sd, ours_ci_low, ours_ci_high, published_rank,
    /// our_rank`, in published order.
    pub fn intervals_csv(&self) -> String {
        let mut s = String::from(
            "label,strategy,published,replicates,ours_mean,ours_sd,ours_ci_low,ours_ci_high,published_rank,our_rank\n",
        );
        for r in &self.rows {
            let o = &r.ours;
            s.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{}\n",
                csv_field(&r.label),
                csv_field(&r.strategy),
                r.published,
                self.replicates,
                o.mean,
                o.sd,
                o.low,
                o.high,
                r.published_rank,
                r.our_rank
            ));
        }
        s
    }

    /// `rank_correlation.csv`: one row, `replicates, spearman, spearman_ci_low,
    /// spearman_ci_high` (the bootstrap interval), `resamples`, and the
    /// per-replicate correlation's `per_replicate_mean, _sd, _ci_low,
    /// _ci_high`.
    pub fn rank_correlation_csv(&self) -> String {
        let p = &self.spearman_per_replicate;
        format!(
            "replicates,spearman,spearman_ci_low,spearman_ci_high,resamples,per_replicate_mean,per_replicate_sd,per_replicate_ci_low,per_replicate_ci_high\n{},{},{},{},{},{},{},{},{}\n",
            self.replicates,
            self.spearman,
            self.spearman_bootstrap.0,
            self.spearman_bootstrap.1,
            self.resamples,
            p.mean,
            p.sd,
            p.low,
            p.high
        )
    }

    /// Writes the two tables and the JSON record into `dir`; returns their
    /// paths.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for (file, text) in [
            (INTERVALS_FILE, self.intervals_csv()),
            (RANK_CORRELATION_FILE, self.rank_correlation_csv()),
        ] {
            let path = dir.join(file);
            write_atomic(&path, text.as_bytes())?;
            written.push(path);
        }
        let json = dir.join(JSON_FILE);
        records::write_json(&json, self)?;
        written.push(json);
        Ok(written)
    }

    /// Reads a `comparison_intervals.json`.
    pub fn read(path: &Path) -> Result<ReplicatedComparison> {
        records::read_json(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::PublishedEntry;

    /// Three players, four replicates, one quantity `payoff` per turn.
    fn replicates(values: [[f64; 3]; 4]) -> TournamentReplicates {
        TournamentReplicates {
            players: vec!["A".into(), "B".into(), "C".into()],
            quantities: vec!["score", "payoff"],
            seeds: vec![1, 2, 3, 4],
            values: values
                .iter()
                .map(|r| r.iter().map(|&v| vec![v, v]).collect())
                .collect(),
        }
    }

    fn config(published: [f64; 3]) -> CompareConfig {
        CompareConfig {
            score: ScoreRule::MatchScoreWithTwin,
            published: ["a", "b", "c"]
                .iter()
                .zip(["A", "B", "C"])
                .zip(published)
                .map(|((l, s), score)| PublishedEntry {
                    label: l.to_string(),
                    strategy: s.into(),
                    score,
                })
                .collect(),
        }
    }

    #[test]
    fn scores_are_the_mean_payoff_times_the_turns_with_t_intervals() {
        let reps = replicates([
            [3.0, 2.0, 1.0],
            [3.2, 2.1, 1.1],
            [2.8, 1.9, 0.9],
            [3.0, 2.0, 1.0],
        ]);
        let c = compare_replicates(&reps, &config([300.0, 200.0, 100.0]), 100, 1).unwrap();
        assert!((c.rows[0].ours.mean - 300.0).abs() < 1e-9);
        let by_hand = Interval::of(&[300.0, 320.0, 280.0, 300.0]);
        assert_eq!(c.rows[0].ours, by_hand);
        assert_eq!(c.spearman, 1.0);
        // Every resample keeps the order: the interval is a point.
        assert_eq!(c.spearman_bootstrap, (1.0, 1.0));
        assert_eq!(c.spearman_per_replicate.mean, 1.0);
        assert_eq!(
            c.rows.iter().map(|r| r.our_rank).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }

    #[test]
    fn replicates_that_disagree_widen_the_bootstrap_interval() {
        // B and C swap places in half the replicates.
        let reps = replicates([
            [3.0, 2.0, 1.0],
            [3.0, 1.0, 2.0],
            [3.0, 2.0, 1.0],
            [3.0, 1.0, 2.05],
        ]);
        let c = compare_replicates(&reps, &config([300.0, 200.0, 100.0]), 100, 7).unwrap();
        // Means 1.5 and 1.5125: C ahead of B, ρ = 0.5.
        assert!((c.spearman - 0.5).abs() < 1e-12);
        let (lo, hi) = c.spearman_bootstrap;
        assert!(lo <= 0.5 && hi == 1.0, "{lo} {hi}");
        assert_eq!(c.spearman_per_replicate.mean, 0.75);
        // The same seed gives the same interval.
        let again = compare_replicates(&reps, &config([300.0, 200.0, 100.0]), 100, 7).unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn tables_and_record_are_written_and_read_back() {
        let reps = replicates([
            [3.0, 2.0, 1.0],
            [3.2, 2.1, 1.1],
            [2.8, 1.9, 0.9],
            [3.0, 2.0, 1.0],
        ]);
        let c = compare_replicates(&reps, &config([300.0, 200.0, 100.0]), 100, 1).unwrap();
        let dir = tempfile::tempdir().unwrap();
        c.write(dir.path()).unwrap();
        let table = std::fs::read_to_string(dir.path().join(INTERVALS_FILE)).unwrap();
        assert_eq!(table.lines().count(), 4);
        assert!(table.lines().nth(1).unwrap().starts_with("a,A,300,4,300,"));
        let rank = std::fs::read_to_string(dir.path().join(RANK_CORRELATION_FILE)).unwrap();
        assert!(rank.lines().nth(1).unwrap().starts_with("4,1,1,1,10000,1,"));
        assert_eq!(
            ReplicatedComparison::read(&dir.path().join(JSON_FILE)).unwrap(),
            c
        );
    }

    #[test]
    fn an_unknown_player_is_named() {
        let reps = replicates([[1.0; 3]; 4]);
        let mut cfg = config([3.0, 2.0, 1.0]);
        cfg.published[0].strategy = "Nobody".into();
        let err = compare_replicates(&reps, &cfg, 10, 1)
            .unwrap_err()
            .to_string();
        assert!(err.contains("Nobody"), "{err}");
    }
}
