//! The Tit For Tat family. (Suspicious Tit For Tat, Anti Tit For Tat and
//! Bully are memory-one data in `strategies/memory_one.toml`; Generous Tit
//! For Tat is in [`super::zero_determinant`].)

use super::kit::{entry, in_final_turns, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Tit For Tat: cooperates first, then copies the opponent's last move.
/// Names: Tit For Tat, TFT (Rapoport; Axelrod 1980, winner of both
/// tournaments). Source: Axelrod-Python `TitForTat`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TitForTat;

impl Strategy for TitForTat {
    fn name(&self) -> &str {
        "Tit For Tat"
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(1))
    }
    fn reset(&mut self) {}
    #[inline]
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        match h.last_opp() {
            Some(a) => a,
            None => C,
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(*self)
    }
}

/// Tit For 2 Tats: defects only after two consecutive opponent defections.
/// Names: TF2T (Axelrod 1984), Tit For Two Tats. Source: Axelrod-Python
/// `TitFor2Tats`.
pub fn tit_for_2_tats(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_last(2) == [D, D] {
        D
    } else {
        C
    }
}

/// Two Tits For Tat: defects if the opponent defected in either of its last
/// two moves. Names: 2TFT (Axelrod 1984), Two Tits For Tat. Source:
/// Axelrod-Python `TwoTitsForTat`.
pub fn two_tits_for_tat(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_last(2).contains(&D) {
        D
    } else {
        C
    }
}

/// Hard Tit For Tat: defects if the opponent defected in any of its last
/// three moves. Names: Hard TFT (Stewart and Plotkin 2012). Source:
/// Axelrod-Python `HardTitForTat`.
pub fn hard_tit_for_tat(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_last(3).contains(&D) {
        D
    } else {
        C
    }
}

/// Hard Tit For 2 Tats: defects if the opponent defected twice in a row
/// within its last three moves. Names: Hard TF2T (Stewart and Plotkin 2012).
/// Source: Axelrod-Python `HardTitFor2Tats`.
pub fn hard_tit_for_2_tats(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_last(3).windows(2).any(|w| w == [D, D]) {
        D
    } else {
        C
    }
}

/// Sneaky Tit For Tat: cooperates twice; then defects while the opponent has
/// never defected; otherwise Tit For Tat, except that it cooperates when the
/// opponent's defection answered its own defection two turns ago. Source:
/// Axelrod-Python `SneakyTitForTat`.
pub fn sneaky_tit_for_tat(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() < 2 {
        return C;
    }
    if h.opp_defections() == 0 {
        return D;
    }
    let last = h.opp_back(1).unwrap_or(C);
    if last == D && h.own_back(2) == Some(D) {
        C
    } else {
        last
    }
}

/// Slow Tit For Two Tats 2: cooperates twice; then plays the opponent's move
/// if its last two moves agree, else repeats its own last move. Source:
/// Axelrod-Python `SlowTitForTwoTats2`.
pub fn slow_tit_for_two_tats_2(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() < 2 {
        return C;
    }
    let (a, b) = (h.opp_back(2).unwrap_or(C), h.opp_back(1).unwrap_or(C));
    if a == b {
        b
    } else {
        h.last_own().unwrap_or(C)
    }
}

/// Alexei: Tit For Tat that defects on the last turn when the match length is
/// announced. Names: Alexei (LessWrong tournament 2011). Source:
/// Axelrod-Python `Alexei`.
pub fn alexei(h: &History, ctx: &mut Context<'_>) -> Action {
    if in_final_turns(h, ctx, 1) {
        return D;
    }
    h.last_opp().unwrap_or(C)
}

/// Forgiving Tit For Tat: cooperates while the opponent has defected in at
/// most a tenth of the turns; beyond that, Tit For Tat. Source:
/// Axelrod-Python `ForgivingTitForTat`.
pub fn forgiving_tit_for_tat(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_defections() as f64 > h.len() as f64 / 10.0 {
        h.last_opp().unwrap_or(C)
    } else {
        C
    }
}

/// Omega TFT: Tit For Tat with a deadlock counter (after three changes of the
/// opponent's move it cooperates twice to break a CD/DC see-saw) and a
/// randomness counter (it defects for good once the opponent looks random,
/// counter 8). Names: Omega TFT (Slany and Kienreich 2007). Source:
/// Axelrod-Python `OmegaTFT`.
#[derive(Debug, Clone, Default)]
pub struct OmegaTft {
    randomness_counter: i32,
    deadlock_counter: i32,
}

impl OmegaTft {
    const DEADLOCK_THRESHOLD: i32 = 3;
    const RANDOMNESS_THRESHOLD: i32 = 8;

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let t = h.len();
        if t == 0 {
            return C;
        }
        let last = h.opp_back(1).unwrap_or(C);
        if t == 1 {
            return last;
        }
        let prev = h.opp_back(2).unwrap_or(C);
        if self.deadlock_counter >= Self::DEADLOCK_THRESHOLD {
            if self.deadlock_counter == Self::DEADLOCK_THRESHOLD {
                self.deadlock_counter = Self::DEADLOCK_THRESHOLD + 1;
            } else {
                self.deadlock_counter = 0;
            }
            C
        } else {
            if prev == C && last == C {
                self.randomness_counter -= 1;
            }
            if prev != last {
                self.randomness_counter += 1;
            }
            if h.last_own() != Some(last) {
                self.randomness_counter += 1;
            }
            if self.randomness_counter >= Self::RANDOMNESS_THRESHOLD {
                D
            } else {
                if prev != last {
                    self.deadlock_counter += 1;
                } else {
                    self.deadlock_counter = 0;
                }
                last
            }
        }
    }
}
stateful!(OmegaTft, "Omega TFT: 3, 8", Classifier::deterministic(None));

/// Gradual: cooperates until the opponent defects; after the opponent's n-th
/// defection it defects n times (counting the reply) and then cooperates
/// twice to calm things down. Names: Gradual (Beaufils, Delahaye and Mathieu
/// 1996). Source: Axelrod-Python `Gradual`.
#[derive(Debug, Clone, Default)]
pub struct Gradual {
    calm_count: u32,
    punish_count: u32,
}

impl Gradual {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if h.is_empty() {
            return C;
        }
        if self.punish_count > 0 {
            self.punish_count -= 1;
            return D;
        }
        if self.calm_count > 0 {
            self.calm_count -= 1;
            return C;
        }
        if h.last_opp() == Some(D) {
            self.punish_count = h.opp_defections() as u32 - 1;
            self.calm_count = 2;
            return D;
        }
        C
    }
}
stateful!(Gradual, "Gradual", Classifier::deterministic(None));

/// Contrite Tit For Tat: Tit For Tat that, when noise turned its intended C
/// into a D against a cooperating opponent, becomes contrite and cooperates
/// (accepting one retaliation) instead of echoing. Without noise it is Tit For
/// Tat. Names: Contrite TFT (Sugden 1986; Boyd 1989). Source: Axelrod-Python
/// `ContriteTitForTat`.
#[derive(Debug, Clone, Default)]
pub struct ContriteTitForTat {
    contrite: bool,
    intended: Option<Action>,
}

impl ContriteTitForTat {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let a = self.decide(h);
        self.intended = Some(a);
        a
    }

    fn decide(&mut self, h: &History) -> Action {
        let (Some(my_last), Some(opp_last)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        if self.contrite && my_last == C {
            self.contrite = false;
            return C;
        }
        if self.intended != Some(my_last) && my_last == D && opp_last == C {
            self.contrite = true;
        }
        opp_last
    }
}
stateful!(
    ContriteTitForTat,
    "Contrite Tit For Tat",
    Classifier::deterministic(Some(3))
);

/// Spiteful Tit For Tat: Tit For Tat until the opponent defects twice in a
/// row, then defects for ever. Names: Spiteful TFT (Prison 1998). Source:
/// Axelrod-Python `SpitefulTitForTat`.
#[derive(Debug, Clone, Default)]
pub struct SpitefulTitForTat {
    retaliating: bool,
}

impl SpitefulTitForTat {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if h.is_empty() {
            return C;
        }
        if h.opp_last(2) == [D, D] {
            self.retaliating = true;
        }
        if self.retaliating {
            D
        } else {
            h.last_opp().unwrap_or(C)
        }
    }
}
stateful!(
    SpitefulTitForTat,
    "Spiteful Tit For Tat",
    Classifier::deterministic(None)
);

/// N Tit(s) For M Tat(s), N = 3, M = 2: whenever the opponent's last two
/// moves are both D it (re)starts a run of three defections; otherwise
/// cooperates. Source: Axelrod-Python `NTitsForMTats` (defaults).
#[derive(Debug, Clone, Default)]
pub struct NTitsForMTats {
    retaliate_count: u32,
}

impl NTitsForMTats {
    const N: u32 = 3;
    const M: usize = 2;

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let last = h.opp_last(Self::M);
        if last.len() == Self::M && last.iter().all(|&a| a == D) {
            self.retaliate_count = Self::N;
        }
        if self.retaliate_count > 0 {
            self.retaliate_count -= 1;
            D
        } else {
            C
        }
    }
}
stateful!(
    NTitsForMTats,
    "N Tit(s) For M Tat(s): 3, 2",
    Classifier::deterministic(Some(3))
);

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    let det = Classifier::deterministic;
    vec![
        entry(TitForTat, &["TFT"],
            "Cooperates first, then copies the opponent's last move.",
            "Rapoport; Axelrod (1980); Axelrod-Python TitForTat"),
        rule("Tit For 2 Tats", det(Some(2)), tit_for_2_tats, &["TF2T", "Tit For Two Tats"],
            "Defects only after two consecutive opponent defections.",
            "Axelrod (1984); Axelrod-Python TitFor2Tats"),
        rule("Two Tits For Tat", det(Some(2)), two_tits_for_tat, &["2TFT"],
            "Defects if the opponent defected in either of its last two moves.",
            "Axelrod (1984); Axelrod-Python TwoTitsForTat"),
        rule("Hard Tit For Tat", det(Some(3)), hard_tit_for_tat, &["Hard TFT"],
            "Defects if the opponent defected in any of its last three moves.",
            "Stewart and Plotkin (2012); Axelrod-Python HardTitForTat"),
        rule("Hard Tit For 2 Tats", det(Some(3)), hard_tit_for_2_tats, &["Hard TF2T"],
            "Defects if the opponent defected twice in a row within its last three moves.",
            "Stewart and Plotkin (2012); Axelrod-Python HardTitFor2Tats"),
        rule("Sneaky Tit For Tat", det(None), sneaky_tit_for_tat, &[],
            "Tit For Tat that tries a defection against never-defecting opponents and forgives a retaliation to its own defection.",
            "Axelrod-Python SneakyTitForTat"),
        rule("Slow Tit For Two Tats 2", det(Some(2)), slow_tit_for_two_tats_2, &[],
            "Copies the opponent when its last two moves agree, else repeats its own move.",
            "Prison (1998); Axelrod-Python SlowTitForTwoTats2"),
        rule("Alexei: (D,)", det(None).with_length(), alexei, &["Alexei"],
            "Tit For Tat that defects on the last turn of an announced-length match.",
            "LessWrong tournament (2011); Axelrod-Python Alexei"),
        rule("Forgiving Tit For Tat", det(None), forgiving_tit_for_tat, &["Forgiving TFT"],
            "Cooperates while the opponent defected in at most a tenth of the turns, else Tit For Tat.",
            "Axelrod-Python ForgivingTitForTat"),
        entry(OmegaTft::default(), &["Omega TFT", "OmegaTFT", "Omega Tit For Tat"],
            "Tit For Tat with deadlock breaking and randomness detection.",
            "Slany and Kienreich (2007); Axelrod-Python OmegaTFT"),
        entry(Gradual::default(), &[],
            "Punishes the opponent's n-th defection with n defections, then cooperates twice.",
            "Beaufils, Delahaye and Mathieu (1996); Axelrod-Python Gradual"),
        entry(ContriteTitForTat::default(), &["Contrite TFT", "CTFT"],
            "Tit For Tat that accepts retaliation after its own noise-made defection.",
            "Sugden (1986); Boyd (1989); Axelrod-Python ContriteTitForTat"),
        entry(SpitefulTitForTat::default(), &[],
            "Tit For Tat until the opponent defects twice in a row, then defects for ever.",
            "Prison (1998); Axelrod-Python SpitefulTitForTat"),
        entry(NTitsForMTats::default(), &["N Tit(s) For M Tat(s)", "NTitsForMTats"],
            "Three defections after every two consecutive opponent defections.",
            "Axelrod-Python NTitsForMTats"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Tit For Tat", "CDDC", "CCDDC");
        versus_test("Tit For 2 Tats", "DDCDC", "CCDCCC");
        versus_test("Two Tits For Tat", "DCCCC", "CDDCC");
        versus_test("Hard Tit For Tat", "DCCCC", "CDDDC");
        versus_test("Hard Tit For 2 Tats", "DDCCCCC", "CCDDCCC");
        versus_test("Hard Tit For 2 Tats", "DCDCCCC", "CCCCCCC");
        versus_test("Sneaky Tit For Tat", "C", "CCDDD");
        versus_test("Sneaky Tit For Tat", "CD", "CCDCC");
        versus_test("Slow Tit For Two Tats 2", "CDDC", "CCCDD");
        versus_test("Alexei", "C", "CCCCD");
        versus_test("Forgiving Tit For Tat", "D", "CDDDD");
        versus_test("Forgiving Tit For Tat", "CCCCCCCCCD", "CCCCCCCCCCC");
        versus_test("Omega TFT", "C", "CCCCC");
        versus_test("Omega TFT", "CD", "CCDCDCCCDD");
        versus_test("Gradual", "DCCCCCCCDCCCCCCC", "CDCCCCCCCDDCCCCC");
        versus_test("Contrite Tit For Tat", "CD", "CCDCD");
        versus_test("Spiteful Tit For Tat", "CDDCC", "CCDDDD");
        versus_test("N Tit(s) For M Tat(s)", "DDCCCCC", "CCDDDCC");
    }
}
