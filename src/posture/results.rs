//! Statistics of a three-action tournament, accumulated as matches finish.

use crate::tournament::results::median;
use crate::tournament::{Accumulate, TournamentResults};
use serde::{Deserialize, Serialize};

/// One player's side of one match: what it scored and played against whom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostureSide {
    /// The player (index into the tournament's players).
    pub player: usize,
    /// The opponent.
    pub opponent: usize,
    /// Total payoff.
    pub score: f64,
    /// Turns played.
    pub turns: u64,
    /// The player's R, A and H moves.
    pub postures: [u64; 3],
    /// The player's armings: unprovoked, provoked, spiral.
    pub arming_causes: [u64; 3],
    /// Turns in which both restrained.
    pub mutual_restraint: u64,
}

impl crate::shard::Record for PostureSide {
    fn encode(&self, out: &mut crate::shard::Fields) {
        use crate::shard::codec::u64s;
        out.usize(self.player);
        out.usize(self.opponent);
        out.f64(self.score);
        out.u64(self.turns);
        u64s(out, &self.postures);
        u64s(out, &self.arming_causes);
        out.u64(self.mutual_restraint);
    }

    fn decode(f: &mut crate::shard::FieldReader<'_>) -> crate::error::Result<PostureSide> {
        use crate::shard::codec::read_u64s;
        Ok(PostureSide {
            player: f.usize()?,
            opponent: f.usize()?,
            score: f.f64()?,
            turns: f.u64()?,
            postures: read_u64s(f)?,
            arming_causes: read_u64s(f)?,
            mutual_restraint: f.u64()?,
        })
    }
}

/// Sums over matches, per pair and per repetition.
#[derive(Debug, Clone)]
pub struct PostureAccumulator {
    n: usize,
    /// `[i][j]`: turns, turns of mutual restraint and postures of i against j.
    turns: Vec<Vec<u64>>,
    mutual: Vec<Vec<u64>>,
    postures: Vec<Vec<[u64; 3]>>,
    causes: Vec<[u64; 3]>,
    /// `[i][j]`: sum over repetitions of i's per-turn payoff against j, and
    /// the number of repetitions.
    pair_per_turn: Vec<Vec<f64>>,
    pair_reps: Vec<Vec<u32>>,
    /// `[i][rep]`: sum over opponents j ≠ i (itself when alone) of i's
    /// per-turn payoff against j.
    per_turn: Vec<Vec<f64>>,
}

impl Accumulate for PostureAccumulator {
    type Side = PostureSide;
    type Statistics = PostureStatistics;

    /// Empty sums for `n` players over `repetitions`.
    fn new(n: usize, repetitions: usize) -> Self {
        PostureAccumulator {
            n,
            turns: vec![vec![0; n]; n],
            mutual: vec![vec![0; n]; n],
            postures: vec![vec![[0; 3]; n]; n],
            causes: vec![[0; 3]; n],
            pair_per_turn: vec![vec![0.0; n]; n],
            pair_reps: vec![vec![0; n]; n],
            per_turn: vec![vec![0.0; repetitions]; n],
        }
    }

    /// Adds the sides of one pairing (one or two matches) in repetition `rep`.
    fn add_pairing(&mut self, rep: usize, sides: &[PostureSide]) {
        for s in sides {
            let (i, j) = (s.player, s.opponent);
            self.turns[i][j] += s.turns;
            self.mutual[i][j] += s.mutual_restraint;
            for k in 0..3 {
                self.postures[i][j][k] += s.postures[k];
                self.causes[i][k] += s.arming_causes[k];
            }
        }
        // Per-turn payoff of each side's player against its opponent in this
        // repetition, pooled over the pairing's matches.
        debug_assert!(sides.len() <= 4, "a pairing has at most two matches");
        let mut done: [(usize, usize); 4] = [(usize::MAX, usize::MAX); 4];
        for (k, s) in sides.iter().enumerate() {
            let key = (s.player, s.opponent);
            if done[..k].contains(&key) {
                continue;
            }
            done[k] = key;
            let (score, turns) = sides
                .iter()
                .filter(|t| (t.player, t.opponent) == key)
                .fold((0.0, 0u64), |(a, b), t| (a + t.score, b + t.turns));
            let x = if turns > 0 { score / turns as f64 } else { 0.0 };
            let (i, j) = key;
            self.pair_per_turn[i][j] += x;
            self.pair_reps[i][j] += 1;
            if i != j || self.n == 1 {
                self.per_turn[i][rep] += x;
            }
        }
    }

    /// The statistics of the sums.
    fn finish(self, names: &[String]) -> PostureStatistics {
        let n = self.n;
        let opponents = n.saturating_sub(1).max(1) as f64;
        let normalised_scores: Vec<Vec<f64>> = (0..n)
            .map(|i| self.per_turn[i].iter().map(|x| x / opponents).collect())
            .collect();
        let median_scores: Vec<f64> = normalised_scores.iter().map(|v| median(v)).collect();
        let mean_scores: Vec<f64> = normalised_scores
            .iter()
            .map(|v| v.iter().sum::<f64>() / v.len().max(1) as f64)
            .collect();
        let mut ranking: Vec<usize> = (0..n).collect();
        ranking.sort_by(|&a, &b| {
            median_scores[b]
                .total_cmp(&median_scores[a])
                .then(a.cmp(&b))
        });
        let payoff_matrix = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| self.pair_per_turn[i][j] / f64::from(self.pair_reps[i][j].max(1)))
                    .collect()
            })
            .collect();
        // Against others: self-play is left out unless a player is alone.
        let others = |i: usize, j: usize| n == 1 || i != j;
        let postures: Vec<[u64; 3]> = (0..n)
            .map(|i| {
                (0..n).filter(|&j| others(i, j)).fold([0; 3], |mut acc, j| {
                    for (a, x) in acc.iter_mut().zip(self.postures[i][j]) {
                        *a += x;
                    }
                    acc
                })
            })
            .collect();
        let summary = ranking
            .iter()
            .enumerate()
            .map(|(rank, &i)| PostureSummaryRow {
                rank,
                name: names[i].clone(),
                median_score: median_scores[i],
                mean_score: mean_scores[i],
                posture_rates: shares(postures[i]),
                arming_cause_shares: shares(self.causes[i]),
                original_index: i,
            })
            .collect();
        PostureStatistics {
            normalised_scores,
            median_scores,
            mean_scores,
            ranking,
            payoff_matrix,
            match_turns: self.turns.clone(),
            mutual_restraint: self.mutual.clone(),
            posture_matrix: self.postures.clone(),
            postures,
            arming_causes: self.causes.clone(),
            summary,
        }
    }
}

/// Shares of three counts (zeros when there are none).
fn shares(c: [u64; 3]) -> [f64; 3] {
    let total = (c[0] + c[1] + c[2]) as f64;
    if total == 0.0 {
        [0.0; 3]
    } else {
        c.map(|x| x as f64 / total)
    }
}

/// A line of `summary.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostureSummaryRow {
    /// 0-based rank by median score.
    pub rank: usize,
    /// The strategy's name.
    pub name: String,
    /// Median over repetitions of the normalised score.
    pub median_score: f64,
    /// Mean over repetitions of the normalised score.
    pub mean_score: f64,
    /// Shares of its moves against the other players that were R, A and H.
    pub posture_rates: [f64; 3],
    /// Shares of its arming moves (after the first turn) that were
    /// unprovoked, provoked by a real A, and provoked by a misperceived R or
    /// H (a spiral).
    pub arming_cause_shares: [f64; 3],
    /// Its position in the configuration.
    pub original_index: usize,
}

/// Every statistic of a three-action tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostureStatistics {
    /// `[player][repetition]`: mean over its opponents (itself excluded, unless
    /// it is alone) of its per-turn payoff against each.
    pub normalised_scores: Vec<Vec<f64>>,
    /// Median over repetitions of the normalised score.
    pub median_scores: Vec<f64>,
    /// Mean over repetitions of the normalised score.
    pub mean_scores: Vec<f64>,
    /// Players from best to worst median score (ties: configuration order).
    pub ranking: Vec<usize>,
    /// `[i][j]`: i's per-turn payoff against j, the mean over repetitions
    /// (both roles pooled within a repetition), as Axelrod-Python's payoff
    /// matrix.
    pub payoff_matrix: Vec<Vec<f64>>,
    /// `[i][j]`: turns i played against j, over all repetitions and roles.
    pub match_turns: Vec<Vec<u64>>,
    /// `[i][j]`: turns in which i and j both restrained, of `match_turns[i][j]`.
    pub mutual_restraint: Vec<Vec<u64>>,
    /// `[i][j]`: how often i played R, A and H against j.
    pub posture_matrix: Vec<Vec<[u64; 3]>>,
    /// How often each player played R, A and H against the other players
    /// (self-play left out unless it is alone).
    pub postures: Vec<[u64; 3]>,
    /// Each player's arming moves after the first turn, by cause
    /// (unprovoked, provoked, spiral).
    pub arming_causes: Vec<[u64; 3]>,
    /// The ranking with the headline numbers.
    pub summary: Vec<PostureSummaryRow>,
}

impl PostureStatistics {
    /// The field's shares of R, A and H over the moves between different
    /// players.
    pub fn field_posture_rates(&self) -> [f64; 3] {
        shares(self.postures.iter().fold([0; 3], |mut acc, p| {
            for k in 0..3 {
                acc[k] += p[k];
            }
            acc
        }))
    }

    /// The share of the turns between different players in which both
    /// restrained (self-play counted only when a player is alone).
    pub fn field_mutual_restraint_rate(&self) -> f64 {
        let n = self.match_turns.len();
        let pairs = || (0..n).flat_map(move |i| (0..n).map(move |j| (i, j)));
        let keep = |&(i, j): &(usize, usize)| n == 1 || i != j;
        let both: u64 = pairs()
            .filter(keep)
            .map(|(i, j)| self.mutual_restraint[i][j])
            .sum();
        let turns: u64 = pairs()
            .filter(keep)
            .map(|(i, j)| self.match_turns[i][j])
            .sum();
        if turns == 0 {
            0.0
        } else {
            both as f64 / turns as f64
        }
    }

    /// `[i][j]`: the share of i's moves against j that were R.
    pub fn restraint_matrix(&self) -> Vec<Vec<f64>> {
        self.posture_matrix
            .iter()
            .map(|row| row.iter().map(|c| shares(*c)[0]).collect())
            .collect()
    }

    /// `[i][j]`: the share of player i's moves against j that were H (a
    /// defensive posture).
    pub fn defence_matrix(&self) -> Vec<Vec<f64>> {
        self.posture_matrix
            .iter()
            .map(|row| row.iter().map(|c| shares(*c)[2]).collect())
            .collect()
    }

    /// The field's shares of unprovoked, provoked and spiral arming.
    pub fn field_arming_cause_shares(&self) -> [f64; 3] {
        shares(self.arming_causes.iter().fold([0; 3], |mut acc, p| {
            for k in 0..3 {
                acc[k] += p[k];
            }
            acc
        }))
    }
}

/// Everything a three-action tournament produces (its groups' "cooperation"
/// fields hold the share of R).
pub type PostureResults = TournamentResults<PostureStatistics>;

#[cfg(test)]
mod tests {
    use super::*;

    fn side(
        player: usize,
        opponent: usize,
        score: f64,
        turns: u64,
        postures: [u64; 3],
    ) -> PostureSide {
        PostureSide {
            player,
            opponent,
            score,
            turns,
            postures,
            arming_causes: [postures[1].saturating_sub(1), 1.min(postures[1]), 0],
            mutual_restraint: postures[0].min(1),
        }
    }

    /// Two players, two repetitions: in each, a self-play match of player 0
    /// and the pair played in both roles; the sums and statistics by hand.
    #[test]
    fn pairings_pool_both_roles_and_self_play_counts_both_sides() {
        let names = ["x".to_string(), "y".to_string()];
        let mut acc = PostureAccumulator::new(2, 2);
        for rep in 0..2 {
            let k = rep as f64;
            acc.add_pairing(
                rep,
                &[side(0, 0, 6.0, 3, [3, 0, 0]), side(0, 0, 6.0, 3, [3, 0, 0])],
            );
            acc.add_pairing(
                rep,
                &[side(1, 1, 4.0, 4, [0, 4, 0]), side(1, 1, 4.0, 4, [0, 4, 0])],
            );
            // Row 0 v column 1 (5 turns), then row 1 v column 0 (3 turns).
            acc.add_pairing(
                rep,
                &[
                    side(0, 1, 10.0 + k, 5, [2, 1, 2]),
                    side(1, 0, 5.0, 5, [0, 5, 0]),
                    side(1, 0, 9.0, 3, [0, 3, 0]),
                    side(0, 1, 2.0, 3, [1, 0, 2]),
                ],
            );
        }
        let s = acc.finish(&names);
        // x against y: (10 + k + 2) / 8 per repetition, mean over k = 0, 1.
        let x_v_y = ((12.0 / 8.0) + (13.0 / 8.0)) / 2.0;
        assert_eq!(s.payoff_matrix[0][1], x_v_y);
        assert_eq!(s.payoff_matrix[1][0], 14.0 / 8.0);
        assert_eq!(s.payoff_matrix[0][0], 2.0);
        assert_eq!(
            s.normalised_scores,
            vec![vec![1.5, 1.625], vec![1.75, 1.75]]
        );
        assert_eq!(s.median_scores, vec![1.5625, 1.75]);
        assert_eq!(s.ranking, vec![1, 0]);
        assert_eq!(s.match_turns[0][1], 16);
        assert_eq!(s.match_turns[0][0], 12);
        assert_eq!(s.posture_matrix[0][1], [6, 2, 8]);
        assert_eq!(s.postures, vec![[6, 2, 8], [0, 16, 0]]);
        assert_eq!(s.mutual_restraint[0][0], 4);
        // Causes over every side, self-play included: per repetition 3 + 3
        // (self-play) + 4 + 2 unprovoked and 4 x 1 provoked.
        assert_eq!(s.arming_causes[1], [24, 8, 0]);
        let row = &s.summary[1];
        assert_eq!(
            (row.rank, row.name.as_str(), row.original_index),
            (1, "x", 0)
        );
        assert_eq!(row.posture_rates, [6.0 / 16.0, 2.0 / 16.0, 8.0 / 16.0]);
        assert_eq!(s.restraint_matrix()[1][0], 0.0);
    }

    #[test]
    fn shares_of_nothing_are_zero() {
        let s = PostureAccumulator::new(1, 1).finish(&["alone".to_string()]);
        assert_eq!(s.field_posture_rates(), [0.0; 3]);
        assert_eq!(s.field_arming_cause_shares(), [0.0; 3]);
        assert_eq!(s.field_mutual_restraint_rate(), 0.0);
    }
}
