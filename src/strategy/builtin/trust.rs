//! Players of Axelrod-Python 4.14 that keep a running account of how far
//! the opponent can be trusted: Momentum (an exponentially decaying average
//! of its cooperation), Memory Decay (a net cooperation score over a memory
//! that is altered and forgotten at random), Forgetful Fool Me Once (a
//! defection count that is forgotten at random) and FrequencyAnalyzer (a
//! table of the opponent's answers to the last two turns). Each keeps
//! counters, so a turn costs O(1).
//!
//! ## References
//! - Axelrod-Python 4.14, the class named in each doc comment (Momentum by
//!   Dong Won Moon, Memory Decay, Forgetful Fool Me Once by Marc Harper,
//!   FrequencyAnalyzer by Ian Miller).

use super::kit::{entry, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Momentum: keeps a momentum `m` (1 at the start) that moves after each
/// opponent's move to `α m + (1 - α) v`, with `v` 1 for C and 0 for D, and
/// cooperates while `m` is at least the threshold. Source: Axelrod-Python
/// `Momentum`, with its defaults `α = 0.9914655399877477` and threshold
/// `0.9676595613724907` (found by a genetic algorithm).
#[derive(Debug, Clone)]
pub struct Momentum {
    momentum: f64,
}

impl Default for Momentum {
    fn default() -> Self {
        Momentum { momentum: 1.0 }
    }
}

impl Momentum {
    const ALPHA: f64 = 0.9914655399877477;
    const THRESHOLD: f64 = 0.9676595613724907;

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            self.momentum = 1.0;
            return C;
        };
        let v = if last == C { 1.0 } else { 0.0 };
        self.momentum = Self::ALPHA * self.momentum + (1.0 - Self::ALPHA) * v;
        Action::from_cooperation(self.momentum >= Self::THRESHOLD)
    }
}
stateful!(
    Momentum,
    "Momentum: 1.0, Alpha: 0.9914655399877477, Threshold: 0.9676595613724907",
    Classifier::deterministic(None)
);

/// Memory Decay: remembers every move of the opponent; plays Tit For Tat
/// for 15 turns, then each turn flips one remembered move at random with
/// probability 0.03, forgets one with probability 0.1, and defects when the
/// remembered moves score below 0 (C counts 1, D counts -2). Source:
/// Axelrod-Python `MemoryDecay` (defaults `p_memory_delete = 0.1`,
/// `p_memory_alter = 0.03`, loss -2, gain 1, Tit For Tat for 15 turns).
///
/// Only the numbers of remembered C and D matter to the score, and a move
/// picked uniformly from the memory is a C with probability `c / (c + d)`,
/// so the memory is kept as those two counts: the same distribution as
/// Axelrod-Python's list, in O(1) per turn.
#[derive(Debug, Clone, Default)]
pub struct MemoryDecay {
    remembered: [u64; 2],
}

impl MemoryDecay {
    const P_DELETE: f64 = 0.1;
    const P_ALTER: f64 = 0.03;
    const LOSS: f64 = -2.0;
    const GAIN: f64 = 1.0;
    const START: usize = 15;

    /// Which move (C = 0, D = 1) a uniformly drawn memory entry holds.
    fn pick(&self, ctx: &mut Context<'_>) -> Option<usize> {
        let [c, d] = self.remembered;
        (c + d > 0).then(|| usize::from(ctx.random_range(0, c + d) >= c))
    }

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if let Some(last) = h.last_opp() {
            self.remembered[last.index()] += 1;
        }
        if h.len() < Self::START {
            return h.last_opp().unwrap_or(C);
        }
        if ctx.random_f64() <= Self::P_ALTER {
            if let Some(k) = self.pick(ctx) {
                self.remembered[k] -= 1;
                self.remembered[1 - k] += 1;
            }
        }
        if ctx.random_f64() <= Self::P_DELETE {
            if let Some(k) = self.pick(ctx) {
                self.remembered[k] -= 1;
            }
        }
        let [c, d] = self.remembered;
        let score = c as f64 * Self::GAIN + d as f64 * Self::LOSS;
        Action::from_cooperation(score >= 0.0)
    }
}
stateful!(
    MemoryDecay,
    "Memory Decay: 0.1, 0.03, -2, 1, Tit For Tat, 15",
    Classifier::stochastic(None)
);

/// Forgetful Fool Me Once (forget probability 0.05): counts the opponent's
/// defections, forgets the count with probability 0.05 each turn, and
/// defects while the count exceeds 1. Source: Axelrod-Python
/// `ForgetfulFoolMeOnce`.
#[derive(Debug, Clone, Default)]
pub struct ForgetfulFoolMeOnce {
    defections: u32,
}

impl ForgetfulFoolMeOnce {
    const FORGET: f64 = 0.05;

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let r = ctx.random_f64();
        let Some(last) = h.last_opp() else {
            return C;
        };
        if last == D {
            self.defections += 1;
        }
        if r < Self::FORGET {
            self.defections = 0;
        }
        if self.defections > 1 {
            D
        } else {
            C
        }
    }
}
stateful!(
    ForgetfulFoolMeOnce,
    "Forgetful Fool Me Once: 0.05",
    Classifier::stochastic(None)
);

/// FrequencyAnalyzer: for each pattern of two turns (the opponent's and its
/// own moves), tabulates the opponent's next moves (from turn 7); plays Tit
/// For Tat for 30 turns and whenever the last two turns are a pattern not
/// yet tabulated; otherwise cooperates when the opponent's cooperations
/// after that pattern exceed a quarter of the turns played (all turns, as
/// Axelrod-Python divides). Source: Axelrod-Python `FrequencyAnalyzer`.
#[derive(Debug, Clone, Default)]
pub struct FrequencyAnalyzer {
    /// Per pattern: the opponent's cooperations after it, if it was seen.
    table: [Option<u32>; 16],
    /// The pattern of the last two turns, once tabulating has begun.
    current: Option<usize>,
}

impl FrequencyAnalyzer {
    const MIN_COOPERATION_RATIO: f64 = 0.25;

    /// The pattern of the two turns `k + 1` and `k` turns ago.
    fn pattern(h: &History, k: usize) -> usize {
        let bit = |a: Option<Action>| a.map_or(0, Action::index);
        bit(h.opp_back(k + 1)) << 3
            | bit(h.own_back(k + 1)) << 2
            | bit(h.opp_back(k)) << 1
            | bit(h.own_back(k))
    }

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let n = h.len();
        if n > 5 {
            let last = Self::pattern(h, 2);
            self.current = Some(Self::pattern(h, 1));
            let coop = u32::from(h.last_opp() == Some(C));
            let cell = &mut self.table[last];
            *cell = Some(cell.unwrap_or(0) + coop);
        }
        let known = self.current.and_then(|k| self.table[k]);
        match known {
            Some(cooperations) if n >= 30 => {
                let share = cooperations as f64 / n as f64;
                Action::from_cooperation(share > Self::MIN_COOPERATION_RATIO)
            }
            _ => h.last_opp().unwrap_or(C),
        }
    }
}
stateful!(
    FrequencyAnalyzer,
    "FrequencyAnalyzer",
    Classifier::deterministic(None)
);

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(Momentum::default(), &["Momentum"],
            "Cooperates while a decaying average of the opponent's cooperation stays above a threshold.",
            "Dong Won Moon; Axelrod-Python Momentum"),
        entry(MemoryDecay::default(), &["Memory Decay", "MemoryDecay"],
            "Tit For Tat for 15 turns, then defects when a fading, error-prone memory of the opponent scores below 0.",
            "Axelrod-Python MemoryDecay"),
        entry(ForgetfulFoolMeOnce::default(), &["Forgetful Fool Me Once", "ForgetfulFoolMeOnce"],
            "Forgives one defection and retaliates for ever on a second, but forgets the count at random.",
            "Marc Harper; Axelrod-Python ForgetfulFoolMeOnce"),
        entry(FrequencyAnalyzer::default(), &[],
            "Tabulates the opponent's answers to two-turn patterns and, after 30 turns, plays by them.",
            "Ian Miller; Axelrod-Python FrequencyAnalyzer"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Momentum", "C", "CCCCC");
        // 0.9915^k falls below 0.9677 after 4 defections.
        versus_test("Momentum", "D", "CCCCDDD");
        versus_test("Memory Decay", "C", &"C".repeat(40));
        versus_test("Memory Decay", "D", &format!("C{}", "D".repeat(39)));
        versus_test("FrequencyAnalyzer", "C", &"C".repeat(40));
        versus_test("FrequencyAnalyzer", "D", &format!("C{}", "D".repeat(39)));
    }
}
