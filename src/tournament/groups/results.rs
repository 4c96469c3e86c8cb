//! What a tournament of groups adds up, in job order (docs/model.md §20.6,
//! §20.7).

use serde::Serialize;

/// One seat of one match: who sat there, in which bloc, and how it went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeatOutcome {
    /// The player (field index).
    pub player: usize,
    /// The bloc of the seat.
    pub bloc: usize,
    /// Turns of the match.
    pub turns: u64,
    /// The seat's total payoff.
    pub score: f64,
    /// Its restraints.
    pub cooperations: u64,
}

/// Turns of a pair of allies by their real moves: `[both restrain, only
/// the second arms, only the first arms, both arm]`.
pub type AllyCounts = [u64; 4];

/// One player's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Totals {
    matches: u64,
    turns: u64,
    score: f64,
    per_turn: f64,
    cooperations: u64,
}

impl Totals {
    fn add(&mut self, s: &SeatOutcome) {
        self.matches += 1;
        self.turns += s.turns;
        self.score += s.score;
        if s.turns > 0 {
            self.per_turn += s.score / s.turns as f64;
        }
        self.cooperations += s.cooperations;
    }

    fn mean_payoff(&self) -> f64 {
        if self.matches == 0 {
            f64::NAN
        } else {
            self.per_turn / self.matches as f64
        }
    }

    fn cooperation(&self) -> f64 {
        if self.turns == 0 {
            f64::NAN
        } else {
            self.cooperations as f64 / self.turns as f64
        }
    }
}

/// The statistics being added up.
#[derive(Debug, Clone)]
pub struct GroupAccumulator {
    players: Vec<Totals>,
    /// `[player][bloc]`.
    by_bloc: Vec<Vec<Totals>>,
    allies: AllyCounts,
    matches: u64,
}

impl GroupAccumulator {
    /// Empty statistics for `players` players and `blocs` blocs.
    pub fn new(players: usize, blocs: usize) -> Self {
        GroupAccumulator {
            players: vec![Totals::default(); players],
            by_bloc: vec![vec![Totals::default(); blocs]; players],
            allies: [0; 4],
            matches: 0,
        }
    }

    /// Adds one match: its seats and its allies' counts.
    pub fn add(&mut self, seats: &[SeatOutcome], allies: &AllyCounts) {
        self.matches += 1;
        for s in seats {
            self.players[s.player].add(s);
            self.by_bloc[s.player][s.bloc].add(s);
        }
        for (total, c) in self.allies.iter_mut().zip(allies) {
            *total += c;
        }
    }

    /// The results: players named `names`, blocs `blocs`, the ally pair's
    /// bloc `ally_bloc` when there is one.
    pub fn finish(
        self,
        names: &[String],
        blocs: &[String],
        ally_bloc: Option<usize>,
        groups: usize,
    ) -> GroupResults {
        let mut order: Vec<usize> = (0..names.len()).collect();
        // Descending mean payoff, NaN last, ties in field order.
        order.sort_by(|&a, &b| {
            let (x, y) = (self.players[a].mean_payoff(), self.players[b].mean_payoff());
            y.partial_cmp(&x)
                .unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
                .then(a.cmp(&b))
        });
        let rows = order
            .iter()
            .enumerate()
            .map(|(rank, &k)| {
                let t = &self.players[k];
                GroupRow {
                    rank,
                    name: names[k].clone(),
                    original_index: k,
                    matches: t.matches,
                    turns: t.turns,
                    total_score: t.score,
                    mean_payoff: t.mean_payoff(),
                    cooperation: t.cooperation(),
                }
            })
            .collect();
        let mut bloc_rows = Vec::new();
        if blocs.len() > 1 {
            for (k, per) in self.by_bloc.iter().enumerate() {
                for (b, t) in per.iter().enumerate() {
                    bloc_rows.push(BlocRow {
                        name: names[k].clone(),
                        original_index: k,
                        bloc: blocs[b].clone(),
                        matches: t.matches,
                        turns: t.turns,
                        mean_payoff: t.mean_payoff(),
                        cooperation: t.cooperation(),
                    });
                }
            }
        }
        let allies = ally_bloc.map(|b| AllyStatistics::from_counts(&blocs[b], &self.allies));
        GroupResults {
            rows,
            blocs: bloc_rows,
            allies,
            groups,
            matches: self.matches,
        }
    }
}

/// One player's line of the results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// Rank by mean payoff (0 = first).
    pub rank: usize,
    /// The strategy's name.
    pub name: String,
    /// Its index in the field.
    pub original_index: usize,
    /// Matches it played.
    pub matches: u64,
    /// Turns it played.
    pub turns: u64,
    /// Σ of its scores.
    pub total_score: f64,
    /// Mean over its matches of score / turns.
    pub mean_payoff: f64,
    /// Restraints over moves.
    pub cooperation: f64,
}

/// One player's results in the seats of one bloc (the alliance game).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlocRow {
    /// The strategy's name.
    pub name: String,
    /// Its index in the field.
    pub original_index: usize,
    /// The bloc of the seats.
    pub bloc: String,
    /// Matches it played in the bloc's seats.
    pub matches: u64,
    /// Turns it played there.
    pub turns: u64,
    /// Mean over those matches of score / turns.
    pub mean_payoff: f64,
    /// Restraints over moves there.
    pub cooperation: f64,
}

/// Chain-ganging and buck-passing of the first two members of a bloc,
/// pooled over every turn of every match (docs/model.md §20.7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllyStatistics {
    /// The bloc.
    pub bloc: String,
    /// Turns counted.
    pub turns: u64,
    /// Share of turns both arm.
    pub joint_arming: f64,
    /// Share of turns exactly one arms.
    pub buck_passing: f64,
    /// Pearson correlation of the two arming indicators; `None` when either
    /// never or always arms.
    pub arming_correlation: Option<f64>,
}

impl AllyStatistics {
    /// The statistics of `counts` (`[RR, RA, AR, AA]`, first ally first).
    pub fn from_counts(bloc: &str, counts: &AllyCounts) -> Self {
        let total: u64 = counts.iter().sum();
        let t = total as f64;
        let share = |c: u64| if total == 0 { f64::NAN } else { c as f64 / t };
        let px = share(counts[2] + counts[3]);
        let py = share(counts[1] + counts[3]);
        let pxy = share(counts[3]);
        let var = px * (1.0 - px) * py * (1.0 - py);
        AllyStatistics {
            bloc: bloc.to_string(),
            turns: total,
            joint_arming: pxy,
            buck_passing: share(counts[1] + counts[2]),
            arming_correlation: (var > 0.0).then(|| (pxy - px * py) / var.sqrt()),
        }
    }
}

/// The results of a tournament of groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResults {
    /// Players, ranked.
    pub rows: Vec<GroupRow>,
    /// Players by bloc of their seats (the alliance game), field order.
    pub blocs: Vec<BlocRow>,
    /// The allies' chain-ganging and buck-passing, when a bloc has two
    /// members or more.
    pub allies: Option<AllyStatistics>,
    /// Groups played.
    pub groups: usize,
    /// Matches played.
    pub matches: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ally_statistics_follow_their_definitions() {
        // Perfectly together: correlation 1; perfectly apart: -1.
        let together = AllyStatistics::from_counts("b", &[5, 0, 0, 5]);
        assert_eq!(together.arming_correlation, Some(1.0));
        assert_eq!(together.joint_arming, 0.5);
        assert_eq!(together.buck_passing, 0.0);
        let apart = AllyStatistics::from_counts("b", &[0, 3, 3, 0]);
        assert_eq!(apart.arming_correlation, Some(-1.0));
        assert_eq!(apart.buck_passing, 1.0);
        // Independent halves: 0. One never arms: undefined.
        let independent = AllyStatistics::from_counts("b", &[1, 1, 1, 1]);
        assert_eq!(independent.arming_correlation, Some(0.0));
        assert_eq!(
            AllyStatistics::from_counts("b", &[4, 0, 2, 0]).arming_correlation,
            None
        );
        // A hand-computed case: px = 0.5, py = 0.3, pxy = 0.2 over 10 turns.
        let s = AllyStatistics::from_counts("b", &[4, 1, 3, 2]);
        let want = (0.2 - 0.15) / (0.25f64 * 0.21).sqrt();
        assert!((s.arming_correlation.unwrap() - want).abs() < 1e-12);
    }
}
