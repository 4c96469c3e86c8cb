//! Comparing a tournament with a published table: each entry's score as the
//! publication scored it, beside the published number, and the rank
//! correlation of the two.
//!
//! ## References
//! - Spearman, C. (1904). The proof and measurement of association between two
//!   things. *American Journal of Psychology* 15:72-101 (rank correlation; tied
//!   values get the mean of their ranks).

mod replicated;

pub use replicated::{
    compare_replicates, ReplicatedComparison, ReplicatedRow, BOOTSTRAP_RESAMPLES, INTERVALS_FILE,
    RANK_CORRELATION_FILE,
};

use crate::error::{Error, Result};
use crate::records;
use crate::tournament::output::{csv_field, write_atomic};
use crate::tournament::TournamentResults;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name of the comparison table (scores rounded to 0.1).
pub const TABLE_FILE: &str = "comparison.csv";
/// The file name of the full comparison.
pub const JSON_FILE: &str = "comparison.json";

/// How the publication scored an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScoreRule {
    /// The mean over all opponents, its own twin included, of the total
    /// payoff of one match (Axelrod 1980: "average score per game").
    #[default]
    MatchScoreWithTwin,
    /// The median per-turn score (the summary's `Median_score`).
    MedianPerTurn,
}

/// One published entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedEntry {
    /// The entry as the publication names it.
    pub label: String,
    /// The tournament player it corresponds to.
    pub strategy: String,
    /// The published score.
    pub score: f64,
}

/// A `[compare]` table: the rule and the published scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareConfig {
    /// How to score the tournament's players.
    #[serde(default)]
    pub score: ScoreRule,
    /// The published table.
    pub published: Vec<PublishedEntry>,
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// The publication's label.
    pub label: String,
    /// The player.
    pub strategy: String,
    /// The published score.
    pub published: f64,
    /// The score here, by the same rule.
    pub ours: f64,
    /// Published rank (1 = best).
    pub published_rank: usize,
    /// Rank here.
    pub our_rank: usize,
}

/// The comparison: `comparison.json` holds it whole, `comparison.csv`
/// ([`to_csv`]) as a table with the scores rounded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Published order.
    pub rows: Vec<ComparisonRow>,
    /// Spearman's rank correlation of published and reproduced scores.
    pub spearman: f64,
}

/// Scores the tournament's players by `config.score` and lines them up with
/// the published table.
pub fn compare(results: &TournamentResults, config: &CompareConfig) -> Result<Comparison> {
    let s = &results.statistics;
    let turns = results.config.turns as f64;
    let n = results.players.len();
    let mut ours = Vec::new();
    for e in &config.published {
        let i = player_index(&results.players, &e.strategy)?;
        ours.push(match config.score {
            ScoreRule::MatchScoreWithTwin => {
                s.payoff_matrix[i].iter().sum::<f64>() * turns / n as f64
            }
            ScoreRule::MedianPerTurn => s
                .summary
                .iter()
                .find(|r| r.original_index == i)
                .map_or(f64::NAN, |r| r.median_score),
        });
    }
    let published: Vec<f64> = config.published.iter().map(|e| e.score).collect();
    let (pr, or) = (ranks(&published), ranks(&ours));
    let rows = config
        .published
        .iter()
        .enumerate()
        .map(|(k, e)| ComparisonRow {
            label: e.label.clone(),
            strategy: e.strategy.clone(),
            published: e.score,
            ours: ours[k],
            published_rank: pr[k].round() as usize,
            our_rank: or[k].round() as usize,
        })
        .collect();
    Ok(Comparison {
        rows,
        spearman: spearman(&published, &ours),
    })
}

/// The index among `players` of a published entry's `strategy` (names
/// compared without case).
fn player_index(players: &[String], strategy: &str) -> Result<usize> {
    players
        .iter()
        .position(|p| p.eq_ignore_ascii_case(strategy))
        .ok_or_else(|| Error::Unknown {
            kind: "player in [compare]",
            name: strategy.to_string(),
            known: players.join(", "),
        })
}

/// Ranks, 1 = largest, ties sharing the mean of their ranks.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    let mut r = vec![0.0; values.len()];
    let mut k = 0;
    while k < order.len() {
        let mut end = k;
        while end + 1 < order.len() && values[order[end + 1]] == values[order[k]] {
            end += 1;
        }
        let mean = (k + end) as f64 / 2.0 + 1.0;
        for &i in &order[k..=end] {
            r[i] = mean;
        }
        k = end + 1;
    }
    r
}

/// Spearman's rank correlation: the Pearson correlation of the ranks.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma) * (x - ma)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb) * (y - mb)).sum();
    cov / (va * vb).sqrt()
}

/// The comparison as CSV.
pub fn to_csv(c: &Comparison) -> String {
    let mut s = String::from("label,strategy,published,ours,difference,published_rank,our_rank\n");
    for r in &c.rows {
        s.push_str(&format!(
            "{},{},{},{:.1},{:.1},{},{}\n",
            csv_field(&r.label),
            csv_field(&r.strategy),
            r.published,
            r.ours,
            r.ours - r.published,
            r.published_rank,
            r.our_rank
        ));
    }
    s
}

impl Comparison {
    /// Writes `comparison.csv` and `comparison.json` into `dir`. Returns the
    /// paths written.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let (table, json) = (dir.join(TABLE_FILE), dir.join(JSON_FILE));
        write_atomic(&table, to_csv(self).as_bytes())?;
        records::write_json(&json, self)?;
        Ok(vec![table, json])
    }

    /// Reads a `comparison.json`.
    pub fn read(path: &Path) -> Result<Comparison> {
        records::read_json(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_reads_back_equal() {
        let c = Comparison {
            rows: vec![
                ComparisonRow {
                    label: "TIT FOR TAT".into(),
                    strategy: "Tit For Tat".into(),
                    published: 504.5,
                    ours: 503.75,
                    published_rank: 1,
                    our_rank: 2,
                },
                ComparisonRow {
                    label: "Feld".into(),
                    strategy: "First by Feld: 1.0, 0.5, 200".into(),
                    published: 327.6,
                    ours: 377.8,
                    published_rank: 2,
                    our_rank: 1,
                },
            ],
            spearman: -1.0,
        };
        let dir = tempfile::tempdir().unwrap();
        let written = c.write(dir.path()).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(Comparison::read(&dir.path().join(JSON_FILE)).unwrap(), c);
        let json = std::fs::read_to_string(&written[1]).unwrap();
        assert!(json.starts_with("{\n  \"rows\": [") && json.ends_with("}\n"));
    }

    #[test]
    fn names_with_commas_are_quoted_in_the_comparison_table() {
        let c = Comparison {
            rows: vec![ComparisonRow {
                label: "Feld".into(),
                strategy: "First by Feld: 1.0, 0.5, 200".into(),
                published: 327.6,
                ours: 377.8,
                published_rank: 11,
                our_rank: 11,
            }],
            spearman: 1.0,
        };
        let csv = to_csv(&c);
        let row = csv.lines().nth(1).unwrap();
        assert!(
            row.starts_with("Feld,\"First by Feld: 1.0, 0.5, 200\",327.6"),
            "{row}"
        );
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), vec![4.0, 1.0, 2.5, 2.5]);
    }

    #[test]
    fn spearman_of_known_cases() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert!((spearman(&a, &[2.0, 4.0, 6.0, 8.0, 10.0]) - 1.0).abs() < 1e-15);
        assert!((spearman(&a, &[5.0, 4.0, 3.0, 2.0, 1.0]) + 1.0).abs() < 1e-15);
        // Without ties: 1 - 6 Σd² / (n (n² - 1)); here d = (0, 0, 1, -1, 0): 1 - 12/120.
        assert!((spearman(&a, &[1.0, 2.0, 4.0, 3.0, 5.0]) - 0.9).abs() < 1e-15);
    }
}
