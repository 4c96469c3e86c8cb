//! Tournament statistics, accumulated as matches finish.
//!
//! Every match contributes one *side* per player (a row of Axelrod-Python's
//! interactions table, seen from that player); a self-play match contributes two
//! sides of the same player. The statistics are Axelrod-Python's `ResultSet`
//! definitions, so a noise-free tournament reproduces its numbers:
//!
//! - `payoff_matrix[i][j]`: the mean over repetitions of i's per-turn payoff
//!   against j (for self-play, the mean of both sides); `payoff_stddevs` the
//!   population standard deviation of the same values;
//! - `scores[i][r]`, `wins[i][r]`: i's total payoff and matches won in
//!   repetition r, self-play excluded; `normalised_scores[i][r]` the mean per-turn
//!   payoff over i's matches against others;
//! - ranking by median normalised score (ties keep the players' order);
//! - `cooperating_rating[i]`: i's cooperations over its turns against others;
//! - `initial_cooperation_rate[i]`: share of matches against others i opened with C;
//! - `good_partner_rating[i]`: share of matches against others in which i
//!   cooperated at least as often as the opponent;
//! - `good_partner_matrix[i][j]`: those matches against j, summed over
//!   repetitions (0 on the diagonal);
//! - `score_diffs[i][j][r]`: i's payoff minus j's per turn against j in
//!   repetition r, and `payoff_diffs_means[i][j]` its mean over repetitions;
//! - eigenjesus and eigenmoses: principal eigenvectors of the normalised
//!   cooperation matrix and of the vengeful cooperation matrix 2 (C - 1/2)
//!   ([`super::ratings`]);
//! - the summary's state rates (CC, CD, DC, DD shares of i's turns against
//!   others, own move first) and state-to-C rates (for each state, the mean over
//!   the opponents against whom i ever cooperated after it of the share of
//!   times it did — Axelrod-Python averages only the non-zero rates).
//!
//! ## References
//! - Axelrod-Python 4.14, `axelrod/result_set.py` and `tournament.py` (the
//!   definitions above).
//! - Axelrod, R. (1980). Effective choice in the prisoner's dilemma. *Journal of
//!   Conflict Resolution* 24(1):3-25.

use super::ratings::principal_eigenvector;
use serde::{Deserialize, Serialize};

/// One match from one player's side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// The player (index into the tournament's players).
    pub player: usize,
    /// The opponent.
    pub opponent: usize,
    /// Total payoff.
    pub score: f64,
    /// The opponent's total payoff in the same match.
    pub opponent_score: f64,
    /// Turns played.
    pub turns: u64,
    /// The player's cooperations.
    pub cooperations: u64,
    /// Whether the player's first move was C.
    pub initial_cooperation: bool,
    /// Turns in state CC, CD, DC, DD, own move first.
    pub states: [u64; 4],
    /// `transitions[s][a]`: times the player played a (C = 0, D = 1) after
    /// state s (own move first).
    pub transitions: [[u64; 2]; 4],
    /// The player scored more than the opponent.
    pub won: bool,
    /// The player cooperated at least as often as the opponent.
    pub good_partner: bool,
    /// Defections after the first turn: unprovoked, provoked by a real
    /// defection, provoked by a misperceived cooperation.
    pub defection_causes: [u64; 3],
}

impl crate::shard::Record for Side {
    fn encode(&self, out: &mut crate::shard::Fields) {
        use crate::shard::codec::u64s;
        out.usize(self.player);
        out.usize(self.opponent);
        out.f64(self.score);
        out.f64(self.opponent_score);
        out.u64(self.turns);
        out.u64(self.cooperations);
        out.bool(self.initial_cooperation);
        u64s(out, &self.states);
        for t in &self.transitions {
            u64s(out, t);
        }
        out.bool(self.won);
        out.bool(self.good_partner);
        u64s(out, &self.defection_causes);
    }

    fn decode(f: &mut crate::shard::FieldReader<'_>) -> crate::error::Result<Side> {
        use crate::shard::codec::read_u64s;
        Ok(Side {
            player: f.usize()?,
            opponent: f.usize()?,
            score: f.f64()?,
            opponent_score: f.f64()?,
            turns: f.u64()?,
            cooperations: f.u64()?,
            initial_cooperation: f.bool()?,
            states: read_u64s(f)?,
            transitions: [read_u64s(f)?, read_u64s(f)?, read_u64s(f)?, read_u64s(f)?],
            won: f.bool()?,
            good_partner: f.bool()?,
            defection_causes: read_u64s(f)?,
        })
    }
}

impl Side {
    fn score_per_turn(&self) -> f64 {
        self.score / self.turns.max(1) as f64
    }

    /// The player's payoff minus the opponent's, per turn (Axelrod-Python's
    /// "Score difference per turn").
    fn score_difference_per_turn(&self) -> f64 {
        (self.score - self.opponent_score) / self.turns.max(1) as f64
    }
}

#[derive(Debug, Clone, Default)]
struct PairAcc {
    sides: u64,
    turns: u64,
    cooperations: u64,
    states: [u64; 4],
    transitions: [[u64; 2]; 4],
    good_partner: u64,
    wins: u64,
    score: f64,
    defection_causes: [u64; 3],
    // Welford over repetitions of the per-repetition mean score per turn.
    reps: u64,
    mean: f64,
    m2: f64,
}

#[derive(Debug, Clone, Copy, Default)]
struct RepAcc {
    score: f64,
    wins: u64,
    per_turn_sum: f64,
    per_turn_count: u64,
}

/// Accumulates sides as matches finish; memory is O(players² x
/// repetitions), independent of turns and of how many matches were played.
#[derive(Debug, Clone)]
pub struct Accumulator {
    n: usize,
    repetitions: usize,
    pairs: Vec<PairAcc>,
    /// `score_diffs[i][j][r]`: i's mean score difference per turn against j
    /// in repetition r (kept nested so that [`Accumulator::finish`] moves it
    /// into the statistics: with the whole library it is tens of MB).
    score_diffs: Vec<Vec<Vec<f64>>>,
    per_rep: Vec<RepAcc>,
    initial_cooperations: Vec<u64>,
    interactions: Vec<u64>,
}

impl Accumulator {
    /// An empty accumulator for `n` players and `repetitions` repetitions.
    pub fn new(n: usize, repetitions: usize) -> Self {
        Accumulator {
            n,
            repetitions,
            pairs: vec![PairAcc::default(); n * n],
            score_diffs: vec![vec![vec![0.0; repetitions]; n]; n],
            per_rep: vec![RepAcc::default(); n * repetitions],
            initial_cooperations: vec![0; n],
            interactions: vec![0; n],
        }
    }

    /// Adds every side of one pairing in one repetition (all matches between
    /// i and j in repetition `rep`, both roles): the sides are grouped by
    /// (player, opponent) to give that repetition's mean per-turn payoff.
    pub fn add_pairing(&mut self, rep: usize, sides: &[Side]) {
        // Which sides are already grouped (inline for the usual <= 4 sides).
        let mut inline = [false; 8];
        let mut spilled;
        let done: &mut [bool] = if sides.len() <= inline.len() {
            &mut inline[..sides.len()]
        } else {
            spilled = vec![false; sides.len()];
            &mut spilled
        };
        for (k, s) in sides.iter().enumerate() {
            // Per-repetition payoff: mean over the sides with this (player, opponent).
            if !done[k] {
                let (mut sum, mut diff_sum, mut count) = (0.0, 0.0, 0u64);
                for (l, t) in sides.iter().enumerate().skip(k) {
                    if t.player == s.player && t.opponent == s.opponent {
                        sum += t.score_per_turn();
                        diff_sum += t.score_difference_per_turn();
                        count += 1;
                        done[l] = true;
                    }
                }
                let x = sum / count as f64;
                self.score_diffs[s.player][s.opponent][rep] = diff_sum / count as f64;
                let p = &mut self.pairs[s.player * self.n + s.opponent];
                p.reps += 1;
                let delta = x - p.mean;
                p.mean += delta / p.reps as f64;
                p.m2 += delta * (x - p.mean);
            }
            let p = &mut self.pairs[s.player * self.n + s.opponent];
            p.sides += 1;
            p.turns += s.turns;
            p.cooperations += s.cooperations;
            p.good_partner += u64::from(s.good_partner);
            p.wins += u64::from(s.won);
            p.score += s.score;
            for st in 0..4 {
                p.states[st] += s.states[st];
                for a in 0..2 {
                    p.transitions[st][a] += s.transitions[st][a];
                }
            }
            p.defection_causes = add3(p.defection_causes, s.defection_causes);
            if s.player != s.opponent {
                let r = &mut self.per_rep[s.player * self.repetitions + rep];
                r.score += s.score;
                r.wins += u64::from(s.won);
                r.per_turn_sum += s.score_per_turn();
                r.per_turn_count += 1;
                self.initial_cooperations[s.player] += u64::from(s.initial_cooperation);
                self.interactions[s.player] += 1;
            }
        }
    }

    /// The statistics of everything added, for players named `names`.
    pub fn finish(mut self, names: &[String]) -> Statistics {
        let n = self.n;
        let reps = self.repetitions;
        let pair = |i: usize, j: usize| &self.pairs[i * n + j];
        let matrix = |f: &dyn Fn(usize, usize) -> f64| -> Vec<Vec<f64>> {
            (0..n).map(|i| (0..n).map(|j| f(i, j)).collect()).collect()
        };
        let payoff_matrix = matrix(&|i, j| pair(i, j).mean);
        let payoff_stddevs = matrix(&|i, j| {
            let p = pair(i, j);
            if p.reps == 0 {
                0.0
            } else {
                (p.m2 / p.reps as f64).sqrt()
            }
        });
        // Self-play has two sides of the same player: Axelrod-Python halves
        // the cooperation count (integer division) and its match length.
        let cooperation: Vec<Vec<u64>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        let c = pair(i, j).cooperations;
                        if i == j {
                            c / 2
                        } else {
                            c
                        }
                    })
                    .collect()
            })
            .collect();
        let turns = |i: usize, j: usize| -> f64 {
            let p = pair(i, j);
            if i == j {
                p.turns as f64 / 2.0
            } else {
                p.turns as f64
            }
        };
        let normalised_cooperation = matrix(&|i, j| {
            let t = turns(i, j);
            if t > 0.0 {
                cooperation[i][j] as f64 / t
            } else {
                0.0
            }
        });
        let vengeful_cooperation = matrix(&|i, j| 2.0 * (normalised_cooperation[i][j] - 0.5));
        let score_diffs = std::mem::take(&mut self.score_diffs);
        let payoff_diffs_means = matrix(&|i, j| {
            let d = &score_diffs[i][j];
            if d.is_empty() {
                0.0
            } else {
                d.iter().sum::<f64>() / d.len() as f64
            }
        });
        let good_partner_matrix: Vec<Vec<u64>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| if i == j { 0 } else { pair(i, j).good_partner })
                    .collect()
            })
            .collect();
        let per_rep = |i: usize, r: usize| &self.per_rep[i * reps + r];
        let scores = (0..n)
            .map(|i| (0..reps).map(|r| per_rep(i, r).score).collect())
            .collect::<Vec<Vec<f64>>>();
        let wins = (0..n)
            .map(|i| (0..reps).map(|r| per_rep(i, r).wins).collect())
            .collect::<Vec<Vec<u64>>>();
        let normalised_scores = (0..n)
            .map(|i| {
                (0..reps)
                    .map(|r| {
                        let a = per_rep(i, r);
                        if a.per_turn_count == 0 {
                            0.0
                        } else {
                            a.per_turn_sum / a.per_turn_count as f64
                        }
                    })
                    .collect()
            })
            .collect::<Vec<Vec<f64>>>();
        let median_scores: Vec<f64> = normalised_scores.iter().map(|s| median(s)).collect();
        let mut ranking: Vec<usize> = (0..n).collect();
        ranking.sort_by(|&a, &b| median_scores[b].total_cmp(&median_scores[a]));
        let cooperating_rating: Vec<f64> = (0..n)
            .map(|i| cooperating_rating_of(&cooperation, &turns, i, n))
            .collect();
        let initial_cooperation_rate: Vec<f64> = (0..n)
            .map(|i| {
                if self.interactions[i] == 0 {
                    0.0
                } else {
                    self.initial_cooperations[i] as f64 / self.interactions[i] as f64
                }
            })
            .collect();
        let good_partner_rating = (0..n)
            .map(|i| {
                let g: u64 = good_partner_matrix[i].iter().sum();
                g as f64 / self.interactions[i].max(1) as f64
            })
            .collect();
        let summary = self.summary(
            names,
            &ranking,
            &median_scores,
            &wins,
            &cooperating_rating,
            &initial_cooperation_rate,
        );
        Statistics {
            ranked_names: ranking.iter().map(|&i| names[i].clone()).collect(),
            ranking,
            payoff_matrix,
            payoff_stddevs,
            scores,
            wins,
            normalised_scores,
            cooperation,
            normalised_cooperation: normalised_cooperation.clone(),
            cooperating_rating,
            initial_cooperation_rate,
            good_partner_rating,
            eigenjesus_rating: principal_eigenvector(&normalised_cooperation),
            eigenmoses_rating: principal_eigenvector(&vengeful_cooperation),
            score_diffs,
            payoff_diffs_means,
            good_partner_matrix,
            vengeful_cooperation,
            state_distribution: matrix_u4(
                n,
                |i, j| {
                    if i == j {
                        [0; 4]
                    } else {
                        pair(i, j).states
                    }
                },
            ),
            state_to_action: (0..n)
                .map(|i| {
                    (0..n)
                        .map(|j| {
                            if i == j {
                                [[0; 2]; 4]
                            } else {
                                pair(i, j).transitions
                            }
                        })
                        .collect()
                })
                .collect(),
            mean_match_lengths: matrix(&|i, j| {
                let p = pair(i, j);
                if p.sides == 0 {
                    0.0
                } else {
                    p.turns as f64 / p.sides as f64
                }
            }),
            defection_causes: (0..n)
                .map(|i| (0..n).fold([0u64; 3], |acc, j| add3(acc, pair(i, j).defection_causes)))
                .collect(),
            pair_defection_causes: (0..n)
                .map(|i| (0..n).map(|j| pair(i, j).defection_causes).collect())
                .collect(),
            summary,
        }
    }

    fn summary(
        &self,
        names: &[String],
        ranking: &[usize],
        median_scores: &[f64],
        wins: &[Vec<u64>],
        cooperating_rating: &[f64],
        initial_cooperation_rate: &[f64],
    ) -> Vec<SummaryRow> {
        let n = self.n;
        ranking
            .iter()
            .enumerate()
            .map(|(rank, &i)| {
                // State rates: the sum over opponents of each normalised state
                // distribution, renormalised.
                let mut state = [0.0; 4];
                for j in (0..n).filter(|&j| j != i) {
                    let s = &self.pairs[i * n + j].states;
                    let total: u64 = s.iter().sum();
                    if total > 0 {
                        for k in 0..4 {
                            state[k] += s[k] as f64 / total as f64;
                        }
                    }
                }
                let total: f64 = state.iter().sum();
                if total > 0.0 {
                    for x in &mut state {
                        *x /= total;
                    }
                }
                // State-to-C rates: mean of the non-zero per-opponent rates.
                let mut to_c = [0.0; 4];
                for (k, rate) in to_c.iter_mut().enumerate() {
                    let rates: Vec<f64> = (0..n)
                        .filter(|&j| j != i)
                        .filter_map(|j| {
                            let t = self.pairs[i * n + j].transitions[k];
                            let total = t[0] + t[1];
                            (total > 0 && t[0] > 0).then(|| t[0] as f64 / total as f64)
                        })
                        .collect();
                    if !rates.is_empty() {
                        *rate = rates.iter().sum::<f64>() / rates.len() as f64;
                    }
                }
                let w: Vec<f64> = wins[i].iter().map(|&x| x as f64).collect();
                SummaryRow {
                    rank,
                    name: names[i].clone(),
                    median_score: median_scores[i],
                    cooperation_rating: cooperating_rating[i],
                    wins: median(&w),
                    initial_c_rate: initial_cooperation_rate[i],
                    original_index: i,
                    cc_rate: state[0],
                    cd_rate: state[1],
                    dc_rate: state[2],
                    dd_rate: state[3],
                    cc_to_c_rate: to_c[0],
                    cd_to_c_rate: to_c[1],
                    dc_to_c_rate: to_c[2],
                    dd_to_c_rate: to_c[3],
                }
            })
            .collect()
    }
}

fn cooperating_rating_of(
    cooperation: &[Vec<u64>],
    turns: &dyn Fn(usize, usize) -> f64,
    i: usize,
    n: usize,
) -> f64 {
    let (c, t) = (0..n).filter(|&j| j != i).fold((0u64, 0.0), |(c, t), j| {
        (c + cooperation[i][j], t + turns(i, j))
    });
    c as f64 / t.max(1.0)
}

fn matrix_u4(n: usize, f: impl Fn(usize, usize) -> [u64; 4]) -> Vec<Vec<[u64; 4]>> {
    (0..n).map(|i| (0..n).map(|j| f(i, j)).collect()).collect()
}

/// The median (mean of the middle two for an even count; NaN when empty).
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// One row of the summary, with exactly Axelrod-Python's `write_summary` columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// Rank by median normalised score (0 = best).
    #[serde(rename = "Rank")]
    pub rank: usize,
    /// Player name.
    #[serde(rename = "Name")]
    pub name: String,
    /// Median over repetitions of the mean per-turn payoff.
    #[serde(rename = "Median_score")]
    pub median_score: f64,
    /// Cooperations over turns, against others.
    #[serde(rename = "Cooperation_rating")]
    pub cooperation_rating: f64,
    /// Median over repetitions of matches won.
    #[serde(rename = "Wins")]
    pub wins: f64,
    /// Share of matches against others opened with C.
    #[serde(rename = "Initial_C_rate")]
    pub initial_c_rate: f64,
    /// The player's index in the tournament's list.
    #[serde(rename = "Original_index")]
    pub original_index: usize,
    /// Share of turns in state CC (own move first).
    #[serde(rename = "CC_rate")]
    pub cc_rate: f64,
    /// Share of turns in state CD.
    #[serde(rename = "CD_rate")]
    pub cd_rate: f64,
    /// Share of turns in state DC.
    #[serde(rename = "DC_rate")]
    pub dc_rate: f64,
    /// Share of turns in state DD.
    #[serde(rename = "DD_rate")]
    pub dd_rate: f64,
    /// Rate of C after CC.
    #[serde(rename = "CC_to_C_rate")]
    pub cc_to_c_rate: f64,
    /// Rate of C after CD.
    #[serde(rename = "CD_to_C_rate")]
    pub cd_to_c_rate: f64,
    /// Rate of C after DC.
    #[serde(rename = "DC_to_C_rate")]
    pub dc_to_c_rate: f64,
    /// Rate of C after DD.
    #[serde(rename = "DD_to_C_rate")]
    pub dd_to_c_rate: f64,
}

/// Every statistic of a tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    /// Player indices, best first.
    pub ranking: Vec<usize>,
    /// Player names, best first.
    pub ranked_names: Vec<String>,
    /// Mean per-turn payoff of row against column.
    pub payoff_matrix: Vec<Vec<f64>>,
    /// Standard deviation over repetitions of the same.
    pub payoff_stddevs: Vec<Vec<f64>>,
    /// `scores[i][r]`: total payoff of i in repetition r (self-play excluded).
    pub scores: Vec<Vec<f64>>,
    /// `wins[i][r]`: matches i won in repetition r.
    pub wins: Vec<Vec<u64>>,
    /// `normalised_scores[i][r]`: mean per-turn payoff of i in repetition r.
    pub normalised_scores: Vec<Vec<f64>>,
    /// `cooperation[i][j]`: i's cooperations against j over all repetitions.
    pub cooperation: Vec<Vec<u64>>,
    /// Cooperations per turn.
    pub normalised_cooperation: Vec<Vec<f64>>,
    /// Cooperations over turns against others.
    pub cooperating_rating: Vec<f64>,
    /// Share of matches against others opened with C.
    pub initial_cooperation_rate: Vec<f64>,
    /// Share of matches against others with at least the opponent's cooperation.
    pub good_partner_rating: Vec<f64>,
    /// Principal eigenvector of the normalised cooperation matrix.
    pub eigenjesus_rating: Vec<f64>,
    /// Principal eigenvector of 2 (normalised cooperation - 1/2).
    pub eigenmoses_rating: Vec<f64>,
    /// `score_diffs[i][j][r]`: i's payoff minus j's, per turn, against j in
    /// repetition r (the mean over that repetition's matches; 0 for self-play).
    #[serde(default)]
    pub score_diffs: Vec<Vec<Vec<f64>>>,
    /// `payoff_diffs_means[i][j]`: the mean over repetitions of `score_diffs[i][j]`.
    #[serde(default)]
    pub payoff_diffs_means: Vec<Vec<f64>>,
    /// `good_partner_matrix[i][j]`: matches against j, over all repetitions,
    /// in which i cooperated at least as often as j; 0 on the diagonal.
    #[serde(default)]
    pub good_partner_matrix: Vec<Vec<u64>>,
    /// `vengeful_cooperation[i][j]`: 2 (normalised cooperation - 1/2), in
    /// \[-1, 1\]: 1 when i always cooperated with j, -1 when it never did.
    #[serde(default)]
    pub vengeful_cooperation: Vec<Vec<f64>>,
    /// `state_distribution[i][j]`: turns of i against j in CC, CD, DC, DD.
    pub state_distribution: Vec<Vec<[u64; 4]>>,
    /// `state_to_action[i][j][s][a]`: times i played a after state s against j.
    pub state_to_action: Vec<Vec<[[u64; 2]; 4]>>,
    /// Mean match length of each pairing.
    pub mean_match_lengths: Vec<Vec<f64>>,
    /// Each player's defections after the first turn by cause: unprovoked,
    /// provoked by a real defection, provoked by a misperceived cooperation.
    pub defection_causes: Vec<[u64; 3]>,
    /// The same per pairing.
    pub pair_defection_causes: Vec<Vec<[u64; 3]>>,
    /// The summary table, best first.
    pub summary: Vec<SummaryRow>,
}

impl Statistics {
    /// Player `i`'s defections after the first turn split by cause, as shares
    /// (unprovoked, provoked by a real defection, provoked by a misperceived
    /// cooperation — the spiral); zeros when it never defected.
    pub fn defection_cause_shares(&self, i: usize) -> [f64; 3] {
        shares(self.defection_causes[i])
    }

    /// The same over the whole field.
    pub fn field_defection_cause_shares(&self) -> [f64; 3] {
        shares(
            self.defection_causes
                .iter()
                .fold([0; 3], |acc, c| add3(acc, *c)),
        )
    }

    /// The share of all turns, against others, in which players cooperated.
    pub fn field_cooperation_rate(&self) -> f64 {
        let n = self.cooperation.len();
        let (mut c, mut t) = (0.0, 0.0);
        for i in 0..n {
            for j in (0..n).filter(|&j| j != i) {
                c += self.cooperation[i][j] as f64;
                t += self.state_distribution[i][j].iter().sum::<u64>() as f64;
            }
        }
        if t > 0.0 {
            c / t
        } else {
            0.0
        }
    }

    /// The share of turns, against others, in which both players cooperated.
    pub fn field_mutual_cooperation_rate(&self) -> f64 {
        let n = self.cooperation.len();
        let (mut cc, mut t) = (0.0, 0.0);
        for i in 0..n {
            for j in (0..n).filter(|&j| j != i) {
                let s = &self.state_distribution[i][j];
                cc += s[0] as f64;
                t += s.iter().sum::<u64>() as f64;
            }
        }
        if t > 0.0 {
            cc / t
        } else {
            0.0
        }
    }
}

fn add3(a: [u64; 3], b: [u64; 3]) -> [u64; 3] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

fn shares(counts: [u64; 3]) -> [f64; 3] {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        [0.0; 3]
    } else {
        counts.map(|c| c as f64 / total as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_nan() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[f64::NAN, 1.0]), 1.0);
        assert!(median(&[]).is_nan());
    }
}
