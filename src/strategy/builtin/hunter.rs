//! Hunters: strategies that recognise a kind of opponent and exploit it.

use super::kit::{detect_cycle, entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Defector Hunter: cooperates, but from turn 5 on defects against an
/// opponent that has only ever defected. Source: Axelrod-Python
/// `DefectorHunter`.
pub fn defector_hunter(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() >= 4 && h.opp_cooperations() == 0 {
        D
    } else {
        C
    }
}

/// Cooperator Hunter: cooperates, but from turn 5 on defects against an
/// opponent that has only ever cooperated. Source: Axelrod-Python
/// `CooperatorHunter`.
pub fn cooperator_hunter(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() >= 4 && h.opp_defections() == 0 {
        D
    } else {
        C
    }
}

/// Math Constant Hunter: from turn 9 on, against an opponent that has both
/// cooperated and defected, defects when the share of cooperation (both
/// players together) is about the same (within 0.2) over the first half, the
/// middle half and the second half of the match so far, as it would be
/// against a player driven by the digits of a constant. Source:
/// Axelrod-Python `MathConstantHunter`.
///
/// Axelrod-Python recounts the three windows every turn (quadratic in the
/// match length); this keeps a running prefix count of cooperations so each
/// turn costs O(1), with the same integer counts and so the same ratios.
#[derive(Debug, Clone, Default)]
pub struct MathConstantHunter {
    /// `prefix[k]`: cooperations of both players in the first `k` turns.
    prefix: Vec<u32>,
}

impl MathConstantHunter {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let n = h.len();
        if self.prefix.len() > n + 1 {
            // Not an extension of the history seen so far: start again.
            self.prefix.clear();
        }
        if self.prefix.is_empty() {
            self.prefix.push(0);
        }
        for k in self.prefix.len() - 1..n {
            let both = (h.own()[k] == C) as u32 + (h.opp()[k] == C) as u32;
            let last = self.prefix[k];
            self.prefix.push(last + both);
        }
        if n >= 8 && h.opp_cooperations() > 0 && h.opp_defections() > 0 {
            let ratio = |start: usize, end: usize| {
                let count = self.prefix[end] - self.prefix[start];
                0.5 * count as f64 / (end - start) as f64
            };
            let r1 = ratio(0, n / 2);
            let r2 = ratio(n / 4, 3 * n / 4);
            let r3 = ratio(n / 2, n);
            if (r1 - r2).abs() < 0.2 && (r1 - r3).abs() < 0.2 {
                return D;
            }
        }
        C
    }
}

impl Strategy for MathConstantHunter {
    fn name(&self) -> &str {
        "Math Constant Hunter"
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn reset(&mut self) {
        // Keep the buffer for the next match.
        self.prefix.clear();
    }
    #[inline]
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        self.act(h, ctx)
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Alternator Hunter: cooperates; at turn 7 decides for ever whether the
/// opponent's first six moves alternated, and if so defects for ever.
/// Source: Axelrod-Python `AlternatorHunter`.
#[derive(Debug, Clone, Default)]
pub struct AlternatorHunter {
    is_alt: bool,
}

impl AlternatorHunter {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if h.len() < 6 {
            return C;
        }
        if h.len() == 6 {
            self.is_alt = h.opp().windows(2).all(|w| w[0] != w[1]);
        }
        if self.is_alt {
            D
        } else {
            C
        }
    }
}
stateful!(
    AlternatorHunter,
    "Alternator Hunter",
    Classifier::deterministic(None)
);

/// Cycle Hunter: cooperates until the opponent's whole history is a repeated
/// cycle of length 3 to 12 that contains both moves, then defects for ever.
/// Source: Axelrod-Python `CycleHunter`.
///
/// Axelrod-Python rescans the whole history every turn (`detect_cycle`,
/// quadratic in the match length). A history repeats its first `p` moves
/// exactly when every move equals the one `p` turns before, and once that
/// fails it fails for every longer history; so this keeps one flag per
/// period `p` in 3..=12, updated with each new move: O(1) per turn. The
/// cycle found is the shortest period `p <= len / 2` still intact, as in
/// `detect_cycle`.
#[derive(Debug, Clone, Default)]
pub struct CycleHunter {
    found: bool,
    /// Bit `p` set: the opponent's history no longer repeats with period `p`.
    broken: u16,
    /// Opponent moves taken into `broken`.
    seen: usize,
}

impl CycleHunter {
    const MIN: usize = 3;
    const MAX: usize = 12;

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let opp = h.opp();
        if self.seen > opp.len() {
            // Not an extension of the history seen so far: start again.
            *self = CycleHunter::default();
        }
        if self.found {
            self.seen = opp.len();
            return D;
        }
        for j in self.seen..opp.len() {
            // Move j breaks period p when it differs from move j - p.
            for p in Self::MIN..=Self::MAX.min(j) {
                if opp[j] != opp[j - p] {
                    self.broken |= 1 << p;
                }
            }
        }
        self.seen = opp.len();
        let max = (opp.len() / 2).min(Self::MAX);
        if let Some(p) = (Self::MIN..=max).find(|&p| self.broken & (1 << p) == 0) {
            let cycle = &opp[..p];
            if cycle.contains(&C) && cycle.contains(&D) {
                self.found = true;
                return D;
            }
        }
        C
    }
}
stateful!(CycleHunter, "Cycle Hunter", Classifier::deterministic(None));

/// Eventual Cycle Hunter: cooperates for 10 turns and while the opponent has
/// only cooperated; every 10 turns looks for a cycle of length 3 to 12
/// repeated by the opponent's moves after its first 10, and defects while
/// the last look found one. Source: Axelrod-Python `EventualCycleHunter`.
///
/// Each look rescans the moves after the first 10 (as `detect_cycle` with
/// offset 10), once every 10 turns, and stops at the first mismatch for
/// each cycle length: O(n) per look.
#[derive(Debug, Clone, Default)]
pub struct EventualCycleHunter {
    found: bool,
}

impl EventualCycleHunter {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let opp = h.opp();
        if opp.len() < 10 || h.opp_defections() == 0 {
            return C;
        }
        if opp.len() % 10 == 0 {
            self.found = detect_cycle(&opp[10..], 3).is_some();
        }
        if self.found {
            D
        } else {
            C
        }
    }
}
stateful!(
    EventualCycleHunter,
    "Eventual Cycle Hunter",
    Classifier::deterministic(None)
);

/// Random Hunter: counts how often the opponent answered its C with C and
/// its D with D (the opponent's move after its own); after 10 turns defects
/// when each of these shares that rests on more than 5 of its own moves is
/// within 0.25 of 1/2, as against a random player. Source: Axelrod-Python
/// `RandomHunter`.
#[derive(Debug, Clone, Default)]
pub struct RandomHunter {
    cc: u32,
    dd: u32,
}

impl RandomHunter {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let n = h.len();
        if n > 1 {
            match (h.own_back(2), h.last_opp()) {
                (Some(C), Some(C)) => self.cc += 1,
                (Some(D), Some(D)) => self.dd += 1,
                _ => {}
            }
        }
        if n > 10 {
            let (own_c, own_d) = (h.own_cooperations(), h.own_defections());
            let shares = [(own_c, self.cc), (own_d, self.dd)];
            let mut judged = shares.iter().filter(|(own, _)| *own > 5).peekable();
            if judged.peek().is_some()
                && judged.all(|&(own, count)| (count as f64 / own as f64 - 0.5).abs() < 0.25)
            {
                return D;
            }
        }
        C
    }
}
stateful!(
    RandomHunter,
    "Random Hunter",
    Classifier::deterministic(None)
);

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    let det = Classifier::deterministic;
    vec![
        rule("Defector Hunter", det(None), defector_hunter, &[],
            "Cooperates, but from turn 5 defects against an opponent that always defected.",
            "Axelrod-Python DefectorHunter"),
        rule("Cooperator Hunter", det(None), cooperator_hunter, &[],
            "Cooperates, but from turn 5 defects against an opponent that always cooperated.",
            "Axelrod-Python CooperatorHunter"),
        entry(MathConstantHunter::default(), &[],
            "Defects when the cooperation share is the same over the first, middle and last halves of the match so far.",
            "Axelrod-Python MathConstantHunter"),
        entry(AlternatorHunter::default(), &[],
            "Defects for ever if the opponent's first six moves alternate.",
            "Axelrod-Python AlternatorHunter"),
        entry(CycleHunter::default(), &[],
            "Defects for ever once the opponent's history is a repeated mixed cycle of length 3 to 12.",
            "Axelrod-Python CycleHunter"),
        entry(EventualCycleHunter::default(), &["EventualCycleHunter"],
            "Every 10 turns looks for a cycle in the opponent's moves after its first 10, and defects while one is found.",
            "Marc Harper; Axelrod-Python EventualCycleHunter"),
        entry(RandomHunter::default(), &["RandomHunter"],
            "Defects when the opponent answers its C with C and its D with D about half the time, as a random player would.",
            "Karol Langner; Axelrod-Python RandomHunter"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Defector Hunter", "D", "CCCCDD");
        versus_test("Defector Hunter", "DDDC", "CCCCCC");
        versus_test("Cooperator Hunter", "C", "CCCCDD");
        versus_test("Alternator Hunter", "CD", "CCCCCCDD");
        versus_test("Alternator Hunter", "CCD", "CCCCCCCC");
        versus_test("Cycle Hunter", "CCD", "CCCCCCDD");
        versus_test("Cycle Hunter", "C", "CCCCCCCC");
        versus_test("Math Constant Hunter", "C", "CCCCCCCCCC");
        // The moves after the first 10 are checked every 10 turns.
        versus_test("Eventual Cycle Hunter", "CCD", "CCCCCCCCCCCCCCCCCCCCDDDD");
        versus_test("Eventual Cycle Hunter", "C", "CCCCCCCCCCCCCCCCCCCCCCCC");
        versus_test("Random Hunter", "C", "CCCCCCCCCCCCCCC");
    }
}
