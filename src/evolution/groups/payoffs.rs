//! The payoff of each strategy in each group composition (docs/model.md
//! §20.8).

use crate::error::{Error, Result};
use crate::game::NPlayerGame;
use crate::learning::compositions;

/// `Π_i(k)`: for every composition `k` of a group of n (counts of each of m
/// strategies, summing to n, in [`compositions`]' order), the payoff of a
/// player of each strategy present (`NaN` for a strategy absent from it).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPayoffs {
    names: Vec<String>,
    group_size: usize,
    compositions: Vec<Vec<usize>>,
    payoffs: Vec<Vec<f64>>,
}

/// `C(n, k)` as a float (0 when `k > n`).
pub fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    (0..k).fold(1.0, |c, j| c * (n - j) as f64 / (j + 1) as f64)
}

impl GroupPayoffs {
    /// The table of the strategies `names` in groups of `group_size`, with
    /// `payoff(k, i)` the payoff of strategy `i` in composition `k` (called
    /// only when `k[i] >= 1`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for fewer than 2 strategies, a group
    /// size below 2 or a payoff that is not finite.
    pub fn from_fn(
        names: Vec<String>,
        group_size: usize,
        mut payoff: impl FnMut(&[usize], usize) -> f64,
    ) -> Result<Self> {
        let m = names.len();
        if m < 2 {
            return Err(Error::invalid_parameter(
                "strategies",
                m as f64,
                "at least 2 strategies",
            ));
        }
        if group_size < 2 {
            return Err(Error::invalid_parameter(
                "group size",
                group_size as f64,
                "at least 2 players",
            ));
        }
        let compositions = compositions(group_size, m);
        let mut payoffs = Vec::with_capacity(compositions.len());
        for k in &compositions {
            let mut row = vec![f64::NAN; m];
            for i in (0..m).filter(|&i| k[i] > 0) {
                let p = payoff(k, i);
                if !p.is_finite() {
                    return Err(Error::invalid_parameter(
                        &format!("payoff of {} in {}", names[i], composition_text(&names, k)),
                        p,
                        "a finite number",
                    ));
                }
                row[i] = p;
            }
            payoffs.push(row);
        }
        Ok(GroupPayoffs {
            names,
            group_size,
            compositions,
            payoffs,
        })
    }

    /// The table of a symmetric n-player stage game whose strategies are its
    /// actions: `Π_i(k)` is seat 0's payoff when it plays `i` and the other
    /// seats play the rest of `k`.
    ///
    /// # Errors
    /// [`Error::UnsupportedGame`] for a game that is not symmetric (every
    /// player the same actions and payoffs invariant under permutations).
    pub fn from_stage(game: &NPlayerGame) -> Result<Self> {
        if !game.is_symmetric(1e-12) {
            return Err(Error::UnsupportedGame {
                operation: "evolution in groups on a stage game",
                requirement: "a symmetric n-player game",
                found: format!("`{}`", game.name()),
            });
        }
        let n = game.num_players();
        let names = game.action_names()[0].clone();
        Self::from_fn(names, n, |k, i| {
            let mut profile = vec![i];
            let mut rest = k.to_vec();
            rest[i] -= 1;
            for (j, &c) in rest.iter().enumerate() {
                profile.extend(std::iter::repeat_n(j, c));
            }
            game.payoff(0, &profile)
        })
    }

    /// The strategies' names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The number of strategies m.
    pub fn strategies(&self) -> usize {
        self.names.len()
    }

    /// The group size n.
    pub fn group_size(&self) -> usize {
        self.group_size
    }

    /// Every composition, in order.
    pub fn compositions(&self) -> &[Vec<usize>] {
        &self.compositions
    }

    /// The index of composition `k` (counts summing to the group size).
    ///
    /// # Panics
    /// When `k` is not a composition of the table.
    pub fn index(&self, k: &[usize]) -> usize {
        self.compositions
            .binary_search_by(|t| k.cmp(t))
            .unwrap_or_else(|_| panic!("{k:?} is not a composition of {}", self.group_size))
    }

    /// The payoffs of every strategy in the composition of index `c`
    /// (`NaN` for the absent ones).
    pub fn row(&self, c: usize) -> &[f64] {
        &self.payoffs[c]
    }

    /// `Π_i(k)`.
    pub fn payoff(&self, i: usize, k: &[usize]) -> f64 {
        self.payoffs[self.index(k)][i]
    }

    /// The payoff of `a` (`of_a = true`) or `b` in a group of `a_count`
    /// players of `a` and the rest `b`.
    pub(crate) fn pair_payoff(&self, a: usize, b: usize, a_count: usize, of_a: bool) -> f64 {
        let mut k = vec![0; self.strategies()];
        k[a] = a_count;
        k[b] = self.group_size - a_count;
        self.payoff(if of_a { a } else { b }, &k)
    }

    /// A composition as text: `2 TFT (all) + 1 Defector`.
    pub fn describe(&self, c: usize) -> String {
        composition_text(&self.names, &self.compositions[c])
    }
}

fn composition_text(names: &[String], k: &[usize]) -> String {
    k.iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(j, c)| format!("{c} {}", names[j]))
        .collect::<Vec<_>>()
        .join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::nplayer_catalogue;

    #[test]
    fn public_goods_payoffs_follow_the_closed_form() {
        // n = 4, r = 3, c = 1: Π_C = 3 k_C / 4 - 1, Π_D = 3 k_C / 4.
        let g = nplayer_catalogue::by_name("public_goods", &[("n".into(), 4.0), ("r".into(), 3.0)])
            .unwrap();
        let p = GroupPayoffs::from_stage(&g).unwrap();
        assert_eq!(p.compositions().len(), 5);
        for kc in 0..=4usize {
            let k = [kc, 4 - kc];
            let share = 3.0 * kc as f64 / 4.0;
            if kc > 0 {
                assert!((p.payoff(0, &k) - (share - 1.0)).abs() < 1e-12);
            } else {
                assert!(p.payoff(0, &k).is_nan());
            }
            if kc < 4 {
                assert!((p.payoff(1, &k) - share).abs() < 1e-12);
            }
        }
        assert_eq!(p.describe(p.index(&[2, 2])), "2 C + 2 D");
        assert_eq!(binomial(5, 2), 10.0);
        assert_eq!(binomial(2, 5), 0.0);
        assert!(GroupPayoffs::from_fn(vec!["a".into()], 3, |_, _| 0.0).is_err());
        assert!(GroupPayoffs::from_fn(vec!["a".into(), "b".into()], 1, |_, _| 0.0).is_err());
        assert!(GroupPayoffs::from_fn(vec!["a".into(), "b".into()], 2, |_, _| f64::NAN).is_err());
    }
}
