//! Hunters: strategies that recognise a kind of opponent and exploit it.

use super::{detect_cycle, entry, rule, stateful, Entry};
use crate::strategy::{Classifier, Context, History};
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
pub fn math_constant_hunter(h: &History, _: &mut Context<'_>) -> Action {
    let n = h.len();
    if n >= 8 && h.opp_cooperations() > 0 && h.opp_defections() > 0 {
        let ratio = |start: usize, end: usize| {
            let count = |s: &[Action]| s[start..end].iter().filter(|&&a| a == C).count();
            0.5 * (count(h.opp()) + count(h.own())) as f64 / (end - start) as f64
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
#[derive(Debug, Clone, Default)]
pub struct CycleHunter {
    found: bool,
}

impl CycleHunter {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if self.found {
            return D;
        }
        if let Some(cycle) = detect_cycle(h.opp(), 3) {
            if cycle.contains(&C) && cycle.contains(&D) {
                self.found = true;
                return D;
            }
        }
        C
    }
}
stateful!(CycleHunter, "Cycle Hunter", Classifier::deterministic(None));

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
        rule("Math Constant Hunter", det(None), math_constant_hunter, &[],
            "Defects when the cooperation share is the same over the first, middle and last halves of the match so far.",
            "Axelrod-Python MathConstantHunter"),
        entry(AlternatorHunter::default(), &[],
            "Defects for ever if the opponent's first six moves alternate.",
            "Axelrod-Python AlternatorHunter"),
        entry(CycleHunter::default(), &[],
            "Defects for ever once the opponent's history is a repeated mixed cycle of length 3 to 12.",
            "Axelrod-Python CycleHunter"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::test_util::versus_test;

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
    }
}
