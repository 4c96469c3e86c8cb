//! Hidden-Markov-model players of Axelrod-Python 4.14 (`hmm.py`): a hidden
//! state moves by one of two transition matrices, chosen by the opponent's
//! last move, and each state cooperates with its own probability. Only
//! Evolved HMM 5 is registered; its parameters are Axelrod-Python's, found
//! by an evolutionary algorithm.
//!
//! ## References
//! - Harper et al. (2017) 'Reinforcement learning produces dominant
//!   strategies for the iterated prisoner's dilemma', PLOS ONE 12(12)
//!   (the evolved HMM players).
//! - Axelrod-Python 4.14, `hmm.py` (`HMMPlayer`, `SimpleHMM`,
//!   `EvolvedHMM5`).

use super::kit::entry;
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// A hidden-Markov-model player with `N` states: it opens with a fixed
/// move; then, each turn, moves its state by the row of `transitions_c` or
/// `transitions_d` (by the opponent's last move) and cooperates with the
/// new state's emission probability. Rows with a 1 move without a draw, as
/// in Axelrod-Python's `SimpleHMM`. Source: Axelrod-Python `HMMPlayer`.
#[derive(Debug, Clone)]
pub struct HmmPlayer<const N: usize> {
    name: &'static str,
    memory_depth: Option<u32>,
    transitions_c: [[f64; N]; N],
    transitions_d: [[f64; N]; N],
    emissions: [f64; N],
    initial_state: usize,
    initial_action: Action,
    state: usize,
}

impl<const N: usize> HmmPlayer<N> {
    /// Draws the next state from a row of transition probabilities.
    fn step(row: &[f64; N], ctx: &mut Context<'_>) -> usize {
        if let Some(k) = row.iter().position(|&p| p == 1.0) {
            return k;
        }
        let u = ctx.random_f64();
        let mut cumulative = 0.0;
        for (k, &p) in row.iter().enumerate() {
            cumulative += p;
            if u < cumulative {
                return k;
            }
        }
        // Rounding left the cumulative sum just below u: the last state
        // with positive probability.
        row.iter().rposition(|&p| p > 0.0).unwrap_or(N - 1)
    }
}

impl<const N: usize> Strategy for HmmPlayer<N> {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(self.memory_depth)
    }
    fn reset(&mut self) {
        self.state = self.initial_state;
    }
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            return self.initial_action;
        };
        let row = match last {
            C => &self.transitions_c[self.state],
            D => &self.transitions_d[self.state],
        };
        self.state = Self::step(row, ctx);
        ctx.random_choice(self.emissions[self.state])
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Evolved HMM 5: five hidden states, initial state 3, opening with C;
/// parameters of Axelrod-Python 4.14's `EvolvedHMM5` (Marc Harper), which
/// declares it memory-5.
pub fn evolved_hmm5() -> HmmPlayer<5> {
    HmmPlayer {
        name: "Evolved HMM 5",
        memory_depth: Some(5),
        transitions_c: [
            [1.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.0, 0.0, 0.0],
            [0.631, 0.0, 0.0, 0.369, 0.0],
            [0.143, 0.018, 0.118, 0.0, 0.721],
        ],
        transitions_d: [
            [0.0, 1.0, 0.0, 0.0, 0.0],
            [0.0, 0.487, 0.513, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.590, 0.410],
            [1.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.287, 0.456, 0.146, 0.111],
        ],
        emissions: [1.0, 0.0, 0.0, 1.0, 0.111],
        initial_state: 3,
        initial_action: C,
        state: 3,
    }
}

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(evolved_hmm5(), &["EvolvedHMM5"],
            "A five-state hidden Markov model driven by the opponent's moves, trained by an evolutionary algorithm.",
            "Harper et al. (2017); Axelrod-Python EvolvedHMM5"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_stochastic() {
        let p = evolved_hmm5();
        for row in p.transitions_c.iter().chain(&p.transitions_d) {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{row:?}");
        }
    }

    #[test]
    fn versus() {
        use crate::strategy::scripted::test_util::versus_test;
        // From state 3, a C leads to state 0 or 3 (both cooperate), and
        // state 0 stays put after C: cooperation for ever.
        versus_test("Evolved HMM 5", "C", "CCCCCCCC");
        // A D from state 3 leads to state 0 (C); another D to state 1 (D).
        versus_test("Evolved HMM 5", "DD", "CCD");
    }
}
