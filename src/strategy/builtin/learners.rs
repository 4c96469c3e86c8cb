//! Learning players of Axelrod-Python 4.14: the four Q-learners (Risky,
//! Arrogant, Hesitant, Cautious), Bush Mosteller and the two Adaptors.
//! They learn from the payoffs of the match's game (the Q-learners and Bush
//! Mosteller) or from fixed increments per outcome (the Adaptors). Their
//! formulas are in docs/model.md §10.13.
//!
//! ## References
//! - Watkins and Dayan (1992) 'Q-learning', Machine Learning 8:279-292
//!   (the Q-learners' update).
//! - Bush and Mosteller (1955) 'Stochastic Models for Learning'; Luis R.
//!   Izquierdo and Segismundo S. Izquierdo (2008) 'Dynamics of the Bush-
//!   Mosteller learning algorithm in 2x2 games' (Axelrod-Python's
//!   `[Luis2008]`).
//! - Hauert and Stenull (2002) 'Simple adaptive strategy wins the
//!   prisoner's dilemma', Journal of Theoretical Biology 218:261-272 (the
//!   Adaptors, Axelrod-Python's `[Hauert2002]`).
//! - Axelrod-Python 4.14, the class named in each doc comment.

use super::kit::entry;
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};
use std::collections::HashMap;

/// The Q-learner's state of a history: the opponent's last 12 moves (as
/// bits, with their number) and its cooperations so far, as
/// Axelrod-Python's state string `"CDC...3.0"`.
fn q_state(h: &History) -> u64 {
    let window = h.opp_last(QLearner::MEMORY);
    let bits = window
        .iter()
        .fold(0u64, |acc, a| acc << 1 | a.index() as u64);
    bits | (window.len() as u64) << 12 | (h.opp_cooperations() as u64) << 16
}

/// A Q-learner of Axelrod-Python: its states are the opponent's last 12
/// moves and cooperation count; after each turn it updates the value of
/// its last action in the last state, `Q ← (1 - λ) Q + λ (r + γ V(s'))`
/// with `V` the best value of a state, and then plays the best action of
/// the new state (C on a tie) with probability 0.9 and a fair coin
/// otherwise. Its first action and the opponent's "previous" move before
/// the first turn (for the first reward) are fair coins. Sources:
/// Axelrod-Python `RiskyQLearner` (λ = 0.9, γ = 0.9), `ArrogantQLearner`
/// (0.9, 0.1), `HesitantQLearner` (0.1, 0.9) and `CautiousQLearner` (0.1,
/// 0.1).
#[derive(Debug, Clone)]
pub struct QLearner {
    name: &'static str,
    learning_rate: f64,
    discount_rate: f64,
    /// State key -> index into `q` and `v`.
    index: HashMap<u64, usize>,
    q: Vec<[f64; 2]>,
    v: Vec<f64>,
    prev_state: usize,
    prev_action: Action,
}

impl QLearner {
    const MEMORY: usize = 12;
    const EXPLORE: f64 = 0.1;

    /// A Q-learner with the given name, learning rate and discount rate.
    pub fn new(name: &'static str, learning_rate: f64, discount_rate: f64) -> Self {
        let mut s = QLearner {
            name,
            learning_rate,
            discount_rate,
            index: HashMap::new(),
            q: Vec::new(),
            v: Vec::new(),
            prev_state: 0,
            prev_action: C,
        };
        s.clear();
        s
    }

    /// Back to the single initial state (Axelrod-Python's `""`).
    fn clear(&mut self) {
        self.index.clear();
        self.q.clear();
        self.v.clear();
        self.q.push([0.0; 2]);
        self.v.push(0.0);
        self.prev_state = 0;
        self.prev_action = C;
    }

    fn state(&mut self, key: u64) -> usize {
        let next = self.q.len();
        let i = *self.index.entry(key).or_insert(next);
        if i == next {
            self.q.push([0.0; 2]);
            self.v.push(0.0);
        }
        i
    }

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if h.is_empty() {
            self.prev_action = ctx.random_choice(0.5);
        }
        let state = self.state(q_state(h));
        let opp_prev = match h.last_opp() {
            Some(a) => a,
            None => ctx.random_choice(0.5),
        };
        let reward = ctx.payoffs.own(self.prev_action, opp_prev);
        let (prev, a) = (self.prev_state, self.prev_action.index());
        self.q[prev][a] = (1.0 - self.learning_rate) * self.q[prev][a]
            + self.learning_rate * (reward + self.discount_rate * self.v[state]);
        self.v[prev] = self.q[prev][0].max(self.q[prev][1]);
        let action = if ctx.random_f64() < 1.0 - Self::EXPLORE {
            let [qc, qd] = self.q[state];
            if qc >= qd {
                C
            } else {
                D
            }
        } else {
            ctx.random_choice(0.5)
        };
        self.prev_state = state;
        self.prev_action = action;
        action
    }
}

impl Strategy for QLearner {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None).with_game()
    }
    fn reset(&mut self) {
        // Keep the buffers for the next match.
        self.clear();
    }
    #[inline]
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        self.act(h, ctx)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Bush Mosteller (c = d = 0.5, aspiration divider 3, learning rate 0.5):
/// plays C with probability `c / (c + d)`; after each turn, with `π` its
/// payoff, `M` the game's largest payoff and aspiration `A = M / 3`, takes
/// the stimulus `s = max(-1, (π - A) / |M - A|)` and moves the propensity
/// of the action just played towards 1 by `λ s (1 - p)` when `s >= 0`, or
/// towards 0 by `λ s p` when `s < 0`. Source: Axelrod-Python
/// `BushMosteller` (Izquierdo and Izquierdo 2008), which takes the
/// aspiration from the default game when the player is made; here it comes
/// from the match's game (the same for the default game).
#[derive(Debug, Clone)]
pub struct BushMosteller {
    propensity: [f64; 2],
}

impl Default for BushMosteller {
    fn default() -> Self {
        BushMosteller {
            propensity: [0.5, 0.5],
        }
    }
}

impl BushMosteller {
    const ASPIRATION_DIVIDER: f64 = 3.0;
    const LEARNING_RATE: f64 = 0.5;

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) {
            let (r, p, s, t) = ctx.payoffs.rpst();
            let best = r.max(p).max(s).max(t);
            let aspiration = (best / Self::ASPIRATION_DIVIDER).abs();
            let payoff = ctx.payoffs.own(mine, theirs);
            let stimulus = ((payoff - aspiration) / (best - aspiration).abs()).max(-1.0);
            let k = mine.index();
            let current = self.propensity[k];
            self.propensity[k] += if stimulus >= 0.0 {
                Self::LEARNING_RATE * stimulus * (1.0 - current)
            } else {
                Self::LEARNING_RATE * stimulus * current
            };
        }
        let [c, d] = self.propensity;
        ctx.random_choice(c / (c + d))
    }
}
super::kit::stateful!(
    BushMosteller,
    "Bush Mosteller: 0.5, 0.5, 3.0, 0.5",
    Classifier::stochastic(None).with_game()
);

/// An Adaptor of Hauert and Stenull: an internal state `s` (0 at the
/// start) moves by a fixed increment for each outcome of the last turn
/// (`[CC, CD, DC, DD]`, own move first); it cooperates with probability
/// `1 - ε` while `-1 <= s < 1` and `ε` otherwise (`ε = 0.01`). Sources:
/// Axelrod-Python `AdaptorBrief` (increments 0, -1.001505, 0.992107,
/// -0.638734, trained on short matches) and `AdaptorLong` (0, 1.888159,
/// 1.858883, -0.995703, trained on long ones).
#[derive(Debug, Clone)]
pub struct Adaptor {
    name: &'static str,
    delta: [f64; 4],
    s: f64,
}

impl Adaptor {
    const PERR: f64 = 0.01;

    /// An Adaptor with the given name and increments for CC, CD, DC, DD.
    pub const fn new(name: &'static str, delta: [f64; 4]) -> Self {
        Adaptor {
            name,
            delta,
            s: 0.0,
        }
    }

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) {
            self.s += self.delta[2 * mine.index() + theirs.index()];
        }
        let inside = if (-1.0..1.0).contains(&self.s) {
            1.0
        } else {
            0.0
        };
        ctx.random_choice(Self::PERR + (1.0 - 2.0 * Self::PERR) * inside)
    }
}

impl Strategy for Adaptor {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn reset(&mut self) {
        self.s = 0.0;
    }
    #[inline]
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        self.act(h, ctx)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    let palmer = |class: &str| format!("Geraint Palmer; Watkins and Dayan (1992); Axelrod-Python {class}");
    let hauert = |class: &str| format!("Hauert and Stenull (2002); Axelrod-Python {class}");
    vec![
        entry(QLearner::new("Risky QLearner", 0.9, 0.9), &["RiskyQLearner", "Risky Q Learner"],
            "Q-learning over the opponent's last 12 moves, quick to learn and far-sighted.",
            &palmer("RiskyQLearner")),
        entry(QLearner::new("Arrogant QLearner", 0.9, 0.1), &["ArrogantQLearner", "Arrogant Q Learner"],
            "Q-learning over the opponent's last 12 moves, quick to learn and short-sighted.",
            &palmer("ArrogantQLearner")),
        entry(QLearner::new("Hesitant QLearner", 0.1, 0.9), &["HesitantQLearner", "Hesitant Q Learner"],
            "Q-learning over the opponent's last 12 moves, slow to learn and far-sighted.",
            &palmer("HesitantQLearner")),
        entry(QLearner::new("Cautious QLearner", 0.1, 0.1), &["CautiousQLearner", "Cautious Q Learner"],
            "Q-learning over the opponent's last 12 moves, slow to learn and short-sighted.",
            &palmer("CautiousQLearner")),
        entry(BushMosteller::default(), &["Bush Mosteller", "BushMosteller"],
            "Reinforces the action just played by how its payoff compares with an aspiration level.",
            "Bush and Mosteller (1955); Izquierdo and Izquierdo (2008); Axelrod-Python BushMosteller"),
        entry(Adaptor::new("AdaptorBrief", [0.0, -1.001505, 0.992107, -0.638734]), &[],
            "Cooperates while an internal state moved by each outcome stays in [-1, 1); tuned for short matches.",
            &hauert("AdaptorBrief")),
        entry(Adaptor::new("AdaptorLong", [0.0, 1.888159, 1.858883, -0.995703]), &[],
            "Cooperates while an internal state moved by each outcome stays in [-1, 1); tuned for long matches.",
            &hauert("AdaptorLong")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_states_are_axelrods_state_strings() {
        // Distinct strings, distinct keys: window contents, window length
        // and cooperation count all matter.
        let h = |opp: &[Action]| History::from_moves(&vec![C; opp.len()], opp);
        let keys = [
            q_state(&h(&[])),
            q_state(&h(&[C])),
            q_state(&h(&[D])),
            q_state(&h(&[C, D])),
            q_state(&h(&[D, C])),
            q_state(&h(&[C; 13])),
            q_state(&h(&[D; 13])),
            q_state(&h(&[&[D][..], &[C; 12][..]].concat())),
        ];
        let distinct: std::collections::BTreeSet<u64> = keys.iter().copied().collect();
        assert_eq!(distinct.len(), keys.len());
        // "CCCCCCCCCCCC12.0" is reached both by 12 C and by 13 C after a D.
        let twelve = q_state(&h(&[C; 12]));
        let d_then_12 = q_state(&h(&[&[D][..], &[C; 12][..]].concat()));
        assert_eq!(twelve, d_then_12);
    }
}
