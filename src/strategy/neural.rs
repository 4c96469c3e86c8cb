//! A player driven by a one-hidden-layer neural network over 17 features of
//! the history (Axelrod-Python's `ANN`), the `ann` family of the strategy
//! files (docs/model.md §10).
//!
//! ## References
//! - Harper, Knight, Jones, Koutsovoulos, Glynatsi and Campbell (2017)
//!   'Reinforcement learning produces dominant strategies for the Iterated
//!   Prisoner's Dilemma', PLoS ONE 12(12).
//! - Axelrod-Python 4.14, `axelrod/strategies/ann.py` (`compute_features`,
//!   `activate`, `split_weights`).

use super::context::Context;
use super::core::{Classifier, Strategy};
use super::history::History;
use crate::{Action, Error, Result};
use std::sync::Arc;

/// How many features the network reads.
pub const FEATURES: usize = 17;

/// A neural-network player: from the history it computes 17 features (the
/// opponent's first and second moves, the last two own and opponent moves,
/// each as a C and a D indicator; the four counts of cooperations and
/// defections; the number of turns played), feeds them through a hidden
/// layer with ReLU activation, and cooperates when the output is positive.
/// Per turn it costs O(hidden × 17), whatever the match length.
#[derive(Debug, Clone)]
pub struct NeuralNetwork {
    name: Arc<str>,
    /// Input-to-hidden weights, one row of 17 per hidden unit.
    input_to_hidden: Arc<[[f64; FEATURES]]>,
    hidden_to_output: Arc<[f64]>,
    bias: Arc<[f64]>,
}

impl NeuralNetwork {
    /// From a name, the hidden-layer size and Axelrod-Python's flat weight
    /// vector: `hidden` rows of 17 input-to-hidden weights, then `hidden`
    /// hidden-to-output weights, then `hidden` biases. An error if the
    /// length is not `19 hidden` or a weight is not finite.
    pub fn new(name: &str, hidden: usize, weights: &[f64]) -> Result<Self> {
        let want = hidden * (FEATURES + 2);
        if hidden == 0 || weights.len() != want {
            return Err(Error::invalid_parameter(
                "weights",
                weights.len() as f64,
                format!("19 x hidden = {want} weights (hidden at least 1)"),
            ));
        }
        if let Some(&w) = weights.iter().find(|w| !w.is_finite()) {
            return Err(Error::invalid_parameter("weights", w, "finite numbers"));
        }
        let rows = FEATURES * hidden;
        let input_to_hidden: Vec<[f64; FEATURES]> = weights[..rows]
            .chunks_exact(FEATURES)
            .map(|c| c.try_into().expect("chunks of 17"))
            .collect();
        Ok(NeuralNetwork {
            name: name.into(),
            input_to_hidden: input_to_hidden.into(),
            hidden_to_output: weights[rows..rows + hidden].into(),
            bias: weights[rows + hidden..].into(),
        })
    }

    /// The 17 features of a history, in Axelrod-Python's order.
    pub fn features(h: &History) -> [f64; FEATURES] {
        let ind = |a: Option<Action>, want: Action| (a == Some(want)) as u8 as f64;
        let opp_first = h.opp().first().copied();
        let opp_second = h.opp().get(1).copied();
        let n = h.len();
        [
            ind(opp_first, Action::C),
            ind(opp_first, Action::D),
            ind(opp_second, Action::C),
            ind(opp_second, Action::D),
            ind(h.own_back(1), Action::C),
            ind(h.own_back(1), Action::D),
            ind(h.own_back(2), Action::C),
            ind(h.own_back(2), Action::D),
            ind(h.opp_back(1), Action::C),
            ind(h.opp_back(1), Action::D),
            ind(h.opp_back(2), Action::C),
            ind(h.opp_back(2), Action::D),
            (n - h.opp_defections()) as f64,
            h.opp_defections() as f64,
            (n - h.own_defections()) as f64,
            h.own_defections() as f64,
            n as f64,
        ]
    }

    /// The network's output for the features: `relu(W x + b) · v`, with
    /// Axelrod-Python's ReLU as it computes it: `np.vectorize(lambda x:
    /// max(x, 0))` takes its output type from the first hidden unit, so
    /// when that unit is negative (`max` returns the integer 0) every
    /// hidden value is cast to an integer, truncating it.
    pub fn output(&self, x: &[f64; FEATURES]) -> f64 {
        let mut integer = None;
        self.input_to_hidden
            .iter()
            .zip(self.bias.iter())
            .zip(self.hidden_to_output.iter())
            .map(|((row, b), v)| {
                let z = b + row.iter().zip(x).map(|(w, f)| w * f).sum::<f64>();
                let truncate = *integer.get_or_insert(z < 0.0);
                let relu = z.max(0.0);
                (if truncate { relu.trunc() } else { relu }) * v
            })
            .sum()
    }
}

impl Strategy for NeuralNetwork {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        Action::from_cooperation(self.output(&Self::features(h)) > 0.0)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_split_as_axelrod_splits_them() {
        // hidden = 1: 17 input weights, one output weight, one bias.
        let mut w = vec![0.0; 19];
        w[16] = 1.0; // weight of the turn count
        w[17] = 2.0; // output weight
        w[18] = -1.5; // bias
        let net = NeuralNetwork::new("n", 1, &w).unwrap();
        let mut x = [0.0; FEATURES];
        x[16] = 1.0;
        assert_eq!(net.output(&x), 0.0); // relu(1 - 1.5) = 0
        x[16] = 3.0;
        assert_eq!(net.output(&x), 3.0); // relu(3 - 1.5) * 2
        assert!(NeuralNetwork::new("n", 2, &w).is_err());
    }

    #[test]
    fn relu_truncates_when_the_first_hidden_unit_is_negative() {
        // Two hidden units reading the turn count: the first with weight
        // -1 (negative for x > 0), the second 1; output weights 0 and 1, no
        // biases. np.vectorize(lambda x: max(x, 0)) on [-2.5, 2.5] gives
        // the integer array [0, 2]; on [2.5, 2.5] (weight +1) floats.
        let mut w = vec![0.0; 38];
        w[16] = -1.0;
        w[17 + 16] = 1.0;
        w[35] = 1.0; // second output weight
        let net = NeuralNetwork::new("n", 2, &w).unwrap();
        let mut x = [0.0; FEATURES];
        x[16] = 2.5;
        assert_eq!(net.output(&x), 2.0);
        w[16] = 1.0;
        let net = NeuralNetwork::new("n", 2, &w).unwrap();
        assert_eq!(net.output(&x), 2.5);
    }

    #[test]
    fn features_of_a_short_history() {
        use Action::{C, D};
        let h = History::from_moves(&[C, D, D], &[D, C, C]);
        let f = NeuralNetwork::features(&h);
        assert_eq!(
            f,
            [0., 1., 1., 0., 0., 1., 0., 1., 1., 0., 1., 0., 2., 1., 1., 2., 3.]
        );
        assert_eq!(NeuralNetwork::features(&History::new()), [0.0; FEATURES]);
    }
}
