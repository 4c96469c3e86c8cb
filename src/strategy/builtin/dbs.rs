//! The Derived Belief Strategy (DBS) of Au and Nau (2006), as
//! Axelrod-Python 4.14 implements it: it learns the opponent's policy
//! (its probability of cooperating after each outcome of the turn before
//! last), with deterministic rules promoted after repeated observations and
//! demoted after repeated violations ("symbolic noise detection"), and
//! picks its move by a depth-5 search of the game tree against that policy.
//!
//! A turn costs O(min(n, 2600)) for the discounted frequencies (the
//! discount weights `0.75^k` are exactly 0 beyond about 2600 turns, as in
//! Axelrod-Python's sums) plus a fixed 4 × 5 table for the tree search,
//! whose node values depend only on the node's outcome and depth. The
//! formulas are in docs/model.md §10.13.
//!
//! ## References
//! - Au and Nau (2006) 'Accident or intention: that is the question (in the
//!   noisy iterated prisoner's dilemma)', AAMAS 2006.
//! - Axelrod-Python 4.14, `dbs.py` (`DBS`, defaults discount factor 0.75,
//!   promotion threshold 3, violation threshold 4, rejection threshold 3,
//!   tree depth 5).

use super::kit::{entry, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// An outcome (own move, opponent's move) as an index: CC 0, CD 1, DC 2,
/// DD 3.
fn outcome(own: Action, opp: Action) -> usize {
    2 * own.index() + opp.index()
}

/// The payoffs the tree search scores outcomes with (Axelrod-Python's
/// fixed `get_value`: the default dilemma's R, S, T, P).
const VALUE: [f64; 4] = [3.0, 0.0, 5.0, 1.0];

/// The best first move against `policy` (the opponent's probability of C
/// after each outcome) from the outcome `last`, by the expectimax search of
/// depth `depth` of Axelrod-Python's `move_gen` (C on a tie).
fn move_gen(last: usize, policy: &[f64; 4], depth: usize) -> Action {
    // value[o]: the value of a deterministic node of outcome o at the
    // current depth, computed from the deepest level up with the same
    // operations as the recursive search.
    let mut value = VALUE;
    let choices = |value: &[f64; 4], o: usize| {
        let p = policy[o];
        (
            p * value[0] + (1.0 - p) * value[1],
            p * value[2] + (1.0 - p) * value[3],
        )
    };
    for _ in 1..depth {
        let mut next = [0.0; 4];
        for (o, v) in next.iter_mut().enumerate() {
            let (a, b) = choices(&value, o);
            *v = if b > a { b } else { a } + VALUE[o];
        }
        value = next;
    }
    let (a, b) = choices(&value, last);
    if a + VALUE[last] >= b + VALUE[last] {
        C
    } else {
        D
    }
}

/// DBS: see the module documentation. Source: Axelrod-Python `DBS`.
#[derive(Debug, Clone)]
pub struct Dbs {
    /// Per turn from the third: the outcome two turns before and the
    /// opponent's answer (Axelrod-Python's `history_by_cond`, one entry for
    /// all four outcomes).
    answers: Vec<(usize, Action)>,
    /// Deterministic rules being checked: the opponent's move after each
    /// outcome.
    rc: [Option<Action>; 4],
    /// Their violation counts.
    violations: [u32; 4],
    /// Default (demoted) rules, as probabilities of C.
    rd: [Option<f64>; 4],
    v: u32,
    policy: [f64; 4],
}

impl Default for Dbs {
    fn default() -> Self {
        let initial = [Some(1.0), Some(1.0), Some(0.0), Some(0.0)];
        Dbs {
            answers: Vec::new(),
            rc: [None; 4],
            violations: [0; 4],
            rd: initial,
            v: 0,
            policy: [1.0, 1.0, 0.0, 0.0],
        }
    }
}

impl Dbs {
    const ALPHA: f64 = 0.75;
    const PROMOTION: u32 = 3;
    const VIOLATION: u32 = 4;
    const REJECT: u32 = 3;
    const DEPTH: usize = 5;

    /// The opponent's prior answer to an outcome before any observation
    /// (Axelrod-Python's initial `history_by_cond`): C after CC and CD, D
    /// after DC and DD.
    fn prior(o: usize) -> f64 {
        if o < 2 {
            1.0
        } else {
            0.0
        }
    }

    /// Whether the opponent answered `o` with `answer` at least 3 times since
    /// it last answered `o` otherwise (Axelrod-Python's `should_promote`).
    fn should_promote(&self, o: usize, answer: Action) -> bool {
        let mut count = 0;
        for &(seen, a) in self.answers.iter().rev() {
            if seen != o {
                continue;
            }
            if a != answer {
                break;
            }
            count += 1;
            if count >= Self::PROMOTION {
                return true;
            }
        }
        false
    }

    /// The discounted frequency of the opponent's C after `o`, newest
    /// observation weighted 1, each older one by a further factor 0.75, the
    /// prior as the oldest (Axelrod-Python's `compute_prob_rule`, summed in
    /// its order).
    fn probability(&self, o: usize) -> f64 {
        let (mut g, mut f, mut weight) = (0.0, 0.0, 1.0);
        for &(seen, a) in self.answers.iter().rev() {
            if weight == 0.0 {
                break;
            }
            if seen == o {
                f += weight;
                if a == C {
                    g += weight;
                }
            }
            weight *= Self::ALPHA;
        }
        f += weight;
        g += weight * Self::prior(o);
        if f > 0.0 {
            g / f
        } else {
            Self::prior(o)
        }
    }

    fn learn(&mut self, h: &History) {
        let (Some(own2), Some(opp2), Some(last)) = (h.own_back(2), h.opp_back(2), h.last_opp())
        else {
            return;
        };
        let o = outcome(own2, opp2);
        self.answers.push((o, last));
        let other = last.flip();
        if self.rc[o].is_none() && self.should_promote(o, last) {
            self.rc[o] = Some(last);
            self.violations[o] = 0;
        }
        if let Some(rule) = self.rc[o] {
            if rule == last {
                self.violations[o] = 0;
            } else {
                self.violations[o] += 1;
                if self.violations[o] >= Self::VIOLATION {
                    for k in 0..4 {
                        if let Some(a) = self.rc[k] {
                            self.rd[k] = Some(if a == C { 1.0 } else { 0.0 });
                        }
                    }
                    self.rc = [None; 4];
                    self.violations = [0; 4];
                    self.v = 0;
                }
            }
        }
        let as_prob = |a: Action| if a == C { 1.0 } else { 0.0 };
        let plus_in_rc = self.rc[o] == Some(last);
        let minus_in_rd = self.rd[o] == Some(as_prob(other));
        if minus_in_rd {
            self.v += 1;
        }
        if self.v > Self::REJECT || (plus_in_rc && minus_in_rd) {
            self.rd = [None; 4];
            self.v = 0;
        }
        for k in 0..4 {
            self.policy[k] = match (self.rd[k], self.rc[k]) {
                (Some(p), _) => p,
                (None, Some(a)) => as_prob(a),
                (None, None) => self.probability(k),
            };
        }
    }

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let (Some(own), Some(opp)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        self.learn(h);
        move_gen(outcome(own, opp), &self.policy, Self::DEPTH)
    }
}
stateful!(
    Dbs,
    "DBS: 0.75, 3, 4, 3, 5",
    Classifier::deterministic(None)
);

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(Dbs::default(), &["DBS", "Derived Belief Strategy"],
            "Learns the opponent's policy with symbolic noise detection and searches the game tree against it.",
            "Au and Nau (2006); Axelrod-Python DBS").long_running(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Axelrod-Python's recursive `minimax_tree_search`, node by node.
    fn recursive(own: Action, opp: Action, depth: usize, max: usize, policy: &[f64; 4]) -> f64 {
        let o = outcome(own, opp);
        if depth == max {
            return VALUE[o];
        }
        let p = policy[o];
        let a = p * recursive(C, C, depth + 1, max, policy)
            + (1.0 - p) * recursive(C, D, depth + 1, max, policy);
        let b = p * recursive(D, C, depth + 1, max, policy)
            + (1.0 - p) * recursive(D, D, depth + 1, max, policy);
        a.max(b) + VALUE[o]
    }

    #[test]
    fn table_search_equals_the_recursive_tree_search() {
        let policies = [
            [1.0, 1.0, 0.0, 0.0],
            [0.0; 4],
            [1.0; 4],
            [0.3, 0.9, 0.1, 0.75],
            [0.5, 0.5, 0.5, 0.5],
            [1.0, 0.0, 1.0, 0.0],
        ];
        for policy in policies {
            for last in [(C, C), (C, D), (D, C), (D, D)] {
                let o = outcome(last.0, last.1);
                let p = policy[o];
                let a =
                    p * recursive(C, C, 1, 5, &policy) + (1.0 - p) * recursive(C, D, 1, 5, &policy);
                let b =
                    p * recursive(D, C, 1, 5, &policy) + (1.0 - p) * recursive(D, D, 1, 5, &policy);
                let expected = if a + VALUE[o] >= b + VALUE[o] { C } else { D };
                assert_eq!(
                    move_gen(o, &policy, 5),
                    expected,
                    "{policy:?} after {last:?}"
                );
            }
        }
        // Against an unconditional cooperator defecting is best; against Tit
        // For Tat (the initial policy) cooperating is.
        assert_eq!(move_gen(0, &[1.0; 4], 5), D);
        assert_eq!(move_gen(0, &[1.0, 1.0, 0.0, 0.0], 5), C);
    }
}
