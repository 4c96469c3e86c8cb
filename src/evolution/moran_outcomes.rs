//! Cached match outcomes for the approximate Moran process, as
//! Axelrod-Python's `ApproximateMoranProcess` with its `Pdf` of each pair's
//! scores (docs/model.md §11.4).
//!
//! For every pair of types (a, b) with a <= b the table keeps a list of
//! per-turn score pairs; a step of the process draws one of them uniformly
//! (so an outcome seen k times out of K is drawn with probability k / K, the
//! empirical distribution) instead of playing the match. The table is built
//! from `samples` matches per pair played up front, or from one fixed
//! outcome per pair (mean payoffs).
//!
//! ## References
//! - Knight, V. et al. (2016). An open framework for the reproducible study
//!   of the iterated prisoner's dilemma. *Journal of Open Research Software*
//!   4(1):e35 (Axelrod-Python's `ApproximateMoranProcess` and `Pdf`).

use crate::error::{Error, Result};
use crate::play::{match_seed, Match, MatchConfig, StageGame};
use crate::strategy::Strategy;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// The run number under which the table's matches take their seeds
/// ([`match_seed`]`(seed, OUTCOME_RUN, a·T + b, sample)`), apart from any
/// run of the process itself.
const OUTCOME_RUN: u64 = u64::MAX;

/// Per-turn score pairs of every pair of types, to be sampled.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeTable {
    types: usize,
    /// `outcomes[a * types + b]` for a <= b: the scores of (a, b).
    outcomes: Vec<Vec<[f64; 2]>>,
}

impl OutcomeTable {
    /// `samples` matches of every pair of `types` (a <= b, self-pairs
    /// included) played on `game` under `config`, match `k` of pair (a, b)
    /// seeded with [`match_seed`]`(seed, u64::MAX, a·T + b, k)`.
    pub fn from_matches(
        types: &[Box<dyn Strategy>],
        game: &StageGame,
        config: MatchConfig,
        samples: usize,
        seed: u64,
    ) -> Result<Self> {
        if samples == 0 {
            return Err(Error::invalid_parameter(
                "samples",
                0.0,
                "at least one match per pair",
            ));
        }
        let t = types.len();
        let mut runner = Match::new(config)?;
        let mut outcomes = vec![Vec::new(); t * t];
        for a in 0..t {
            for b in a..t {
                let (mut x, mut y) = (types[a].clone(), types[b].clone());
                outcomes[a * t + b] = (0..samples)
                    .map(|k| {
                        crate::parallel::check_cancelled()?;
                        let s = match_seed(seed, OUTCOME_RUN, (a * t + b) as u64, k as u64);
                        let m = runner.play(&mut *x, &mut *y, game, s);
                        let turns = m.turns.max(1) as f64;
                        Ok([m.scores[0] / turns, m.scores[1] / turns])
                    })
                    .collect::<Result<_>>()?;
            }
        }
        Self::new(t, outcomes)
    }

    /// One fixed outcome per pair: `payoffs[a][b]` is type a's per-turn
    /// payoff against type b (a square matrix).
    pub fn from_payoffs(payoffs: &[Vec<f64>]) -> Result<Self> {
        let t = payoffs.len();
        if let Some(row) = payoffs.iter().find(|r| r.len() != t) {
            return Err(Error::invalid_parameter(
                "payoffs",
                row.len() as f64,
                format!("a square matrix ({t} columns)"),
            ));
        }
        let mut outcomes = vec![Vec::new(); t * t];
        for a in 0..t {
            for b in a..t {
                outcomes[a * t + b] = vec![[payoffs[a][b], payoffs[b][a]]];
            }
        }
        Self::new(t, outcomes)
    }

    fn new(types: usize, outcomes: Vec<Vec<[f64; 2]>>) -> Result<Self> {
        for (k, list) in outcomes.iter().enumerate() {
            if let Some(&x) = list
                .iter()
                .flatten()
                .find(|x| !(x.is_finite() && **x >= 0.0))
            {
                return Err(Error::invalid_parameter(
                    &format!("outcome of types {} and {}", k / types, k % types),
                    x,
                    "a finite, non-negative score: fitness is the sum of match scores",
                ));
            }
        }
        Ok(OutcomeTable { types, outcomes })
    }

    /// The number of types.
    pub fn types(&self) -> usize {
        self.types
    }

    /// The outcomes of types `a` and `b`, as (a's score, b's score).
    pub fn outcomes(&self, a: usize, b: usize) -> Vec<[f64; 2]> {
        let (lo, hi) = (a.min(b), a.max(b));
        let list = &self.outcomes[lo * self.types + hi];
        if a <= b {
            list.clone()
        } else {
            list.iter().map(|&[x, y]| [y, x]).collect()
        }
    }

    /// One outcome of types `a` and `b` drawn uniformly from the list (no
    /// draw when there is one), as (a's score, b's score).
    pub fn sample(&self, a: usize, b: usize, rng: &mut ChaCha8Rng) -> [f64; 2] {
        let (lo, hi) = (a.min(b), a.max(b));
        let list = &self.outcomes[lo * self.types + hi];
        let [x, y] = match list.len() {
            1 => list[0],
            n => list[rng.random_range(0..n)],
        };
        if a <= b {
            [x, y]
        } else {
            [y, x]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::Registry;
    use rand::SeedableRng;

    #[test]
    fn deterministic_matches_give_one_outcome_each_way() {
        let registry = Registry::builtin();
        let types = vec![
            registry.create("Tit For Tat").unwrap(),
            registry.create("Defector").unwrap(),
        ];
        let table =
            OutcomeTable::from_matches(&types, &StageGame::default(), MatchConfig::turns(10), 3, 0)
                .unwrap();
        // TFT v ALLD over 10 turns: 0 + 9·1 = 9 and 5 + 9·1 = 14.
        assert_eq!(table.outcomes(0, 1), vec![[0.9, 1.4]; 3]);
        assert_eq!(table.outcomes(1, 0), vec![[1.4, 0.9]; 3]);
        assert_eq!(table.outcomes(0, 0), vec![[3.0, 3.0]; 3]);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert_eq!(table.sample(1, 0, &mut rng), [1.4, 0.9]);
        let fixed = OutcomeTable::from_payoffs(&[vec![3.0, 0.0], vec![5.0, 1.0]]).unwrap();
        assert_eq!(fixed.outcomes(1, 0), vec![[5.0, 0.0]]);
        assert!(OutcomeTable::from_payoffs(&[vec![3.0, -1.0], vec![5.0, 1.0]]).is_err());
    }

    /// Sampling draws each cached outcome in proportion to how often it was
    /// seen: the mean of many draws is the mean of the list.
    #[test]
    fn samples_follow_the_empirical_distribution() {
        let registry = Registry::builtin();
        let types = vec![
            registry.create("Win-Stay Lose-Shift").unwrap(),
            registry.create("Tit For Tat").unwrap(),
        ];
        let table = OutcomeTable::from_matches(
            &types,
            &StageGame::default(),
            MatchConfig::turns(20).with_noise(0.1),
            200,
            4,
        )
        .unwrap();
        let list = table.outcomes(0, 1);
        assert!(
            list.iter().any(|o| *o != list[0]),
            "noise gives varied outcomes"
        );
        let mean: f64 = list.iter().map(|o| o[0]).sum::<f64>() / list.len() as f64;
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let draws = 40_000;
        let xs: Vec<f64> = (0..draws)
            .map(|_| table.sample(0, 1, &mut rng)[0])
            .collect();
        let m = xs.iter().sum::<f64>() / draws as f64;
        let sd = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / draws as f64).sqrt();
        assert!(
            (m - mean).abs() < 4.0 * sd / (draws as f64).sqrt(),
            "{m} v {mean}"
        );
    }
}
