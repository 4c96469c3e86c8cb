//! Probers and testers: strategies that open with a probe and classify the
//! opponent by its answer.

use super::kit::{detect_cycle, entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Prober: plays D, C, C; then defects for ever if the opponent cooperated on
/// turns 2 and 3, else Tit For Tat. Names: Prober (Mathieu and Delahaye 2001).
/// Source: Axelrod-Python `Prober`.
pub fn prober(h: &History, _: &mut Context<'_>) -> Action {
    match h.len() {
        0 => D,
        1 | 2 => C,
        _ => {
            if h.opp()[1..3] == [C, C] {
                D
            } else {
                h.last_opp().unwrap_or(C)
            }
        }
    }
}

/// Prober 2: plays D, C, C; then cooperates for ever if the opponent played D
/// then C on turns 2 and 3, else Tit For Tat. Source: Axelrod-Python
/// `Prober2` (PRISON project).
pub fn prober2(h: &History, _: &mut Context<'_>) -> Action {
    match h.len() {
        0 => D,
        1 | 2 => C,
        _ => {
            if h.opp()[1..3] == [D, C] {
                C
            } else {
                h.last_opp().unwrap_or(C)
            }
        }
    }
}

/// Prober 3: plays D, C; then defects for ever if the opponent cooperated on
/// turn 2, else Tit For Tat. Source: Axelrod-Python `Prober3` (PRISON
/// project).
pub fn prober3(h: &History, _: &mut Context<'_>) -> Action {
    match h.len() {
        0 => D,
        1 => C,
        _ => {
            if h.opp()[1] == C {
                D
            } else {
                h.last_opp().unwrap_or(C)
            }
        }
    }
}

/// Second by Tester: defects first; at the opponent's first defection it
/// apologises with C and plays Tit For Tat from then on; until then it plays
/// C, C and then alternates D and C. Names: Tester (Axelrod 1980b, second
/// tournament; Axelrod 1984). Source: Axelrod-Python `SecondByTester`.
#[derive(Debug, Clone, Default)]
pub struct Tester {
    is_tft: bool,
}

impl Tester {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            return D;
        };
        if self.is_tft {
            return last;
        }
        if last == D {
            self.is_tft = true;
            return C;
        }
        if matches!(h.len(), 1 | 2) {
            return C;
        }
        h.last_own().map_or(C, Action::flip)
    }
}
stateful!(Tester, "Second by Tester", Classifier::deterministic(None));

/// Prober 4: plays a fixed 20-move probe (C C D C D D D C C D C D C C D C D D
/// C D), counting the opponent's defections that answered its defections
/// ("just") and those that followed its cooperations ("unjust"); if the two
/// counts differ by at most 2 it defects for ever, else it cooperates for 5
/// turns and then plays Tit For Tat. Source: Axelrod-Python `Prober4`
/// (PRISON project).
#[derive(Debug, Clone, Default)]
pub struct Prober4 {
    just_ds: i64,
    unjust_ds: i64,
    turned_defector: bool,
}

impl Prober4 {
    const INIT: [Action; 20] = [C, C, D, C, D, D, D, C, C, D, C, D, C, C, D, C, D, D, C, D];

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let turn = h.len();
        if turn == 0 {
            return Self::INIT[0];
        }
        let n = Self::INIT.len();
        if turn < n {
            if h.last_opp() == Some(D) {
                match h.last_own() {
                    Some(D) => self.just_ds += 1,
                    _ => self.unjust_ds += 1,
                }
            }
            return Self::INIT[turn];
        }
        if turn == n {
            self.turned_defector = (self.just_ds - self.unjust_ds).abs() <= 2;
        }
        if self.turned_defector {
            D
        } else if turn < n + 5 {
            C
        } else {
            h.last_opp().unwrap_or(C)
        }
    }
}
stateful!(Prober4, "Prober 4", Classifier::deterministic(None));

/// Handshake: plays C, D; then cooperates for ever if the opponent opened
/// with C, D too, else defects for ever. Names: Handshake (Robson 1990).
/// Source: Axelrod-Python `Handshake`.
pub fn handshake(h: &History, _: &mut Context<'_>) -> Action {
    match h.len() {
        0 => C,
        1 => D,
        _ => {
            if h.opp()[..2] == [C, D] {
                C
            } else {
                D
            }
        }
    }
}

/// Calculator: plays First by Joss (Tit For Tat that cooperates with
/// probability 0.9 after a cooperation) for 20 turns; then, if the opponent's
/// moves so far form a cycle, defects for ever, else plays Tit For Tat.
/// Source: Axelrod-Python `Calculator` (PRISON project).
#[derive(Debug, Clone, Default)]
pub struct Calculator {
    cycle: bool,
}

impl Calculator {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let turn = h.len();
        if turn == 20 {
            self.cycle = detect_cycle(h.opp(), 1).is_some();
        }
        if turn >= 20 {
            return if self.cycle {
                D
            } else {
                h.last_opp().unwrap_or(C)
            };
        }
        match h.last_opp() {
            None => C,
            Some(C) => ctx.random_choice(0.9),
            Some(D) => D,
        }
    }
}
stateful!(Calculator, "Calculator", Classifier::stochastic(None));

/// Remorseful Prober (p = 0.1): Tit For Tat that, after an opponent's
/// cooperation, defects at random with probability `p` (a probe); when the
/// opponent answers a probe with D it cooperates once instead of
/// retaliating. Source: Axelrod-Python `RemorsefulProber` (Li 2011).
#[derive(Debug, Clone, Default)]
pub struct RemorsefulProber {
    probing: bool,
}

impl RemorsefulProber {
    const P: f64 = 0.1;

    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        match h.last_opp() {
            None => C,
            Some(D) => {
                if self.probing {
                    self.probing = false;
                    C
                } else {
                    D
                }
            }
            Some(C) => {
                self.probing = ctx.random_f64() >= 1.0 - Self::P;
                if self.probing {
                    D
                } else {
                    C
                }
            }
        }
    }
}
stateful!(
    RemorsefulProber,
    "Remorseful Prober: 0.1",
    Classifier::stochastic(Some(2))
);

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    let det = Classifier::deterministic;
    vec![
        rule("Prober", det(None), prober, &["Prober 1"],
            "D C C, then defects for ever if the opponent cooperated on turns 2 and 3, else Tit For Tat.",
            "Mathieu and Delahaye (2001); Axelrod-Python Prober"),
        rule("Prober 2", det(None), prober2, &[],
            "D C C, then cooperates for ever if the opponent played D C on turns 2 and 3, else Tit For Tat.",
            "PRISON project; Axelrod-Python Prober2"),
        rule("Prober 3", det(None), prober3, &[],
            "D C, then defects for ever if the opponent cooperated on turn 2, else Tit For Tat.",
            "PRISON project; Axelrod-Python Prober3"),
        entry(Prober4::default(), &[],
            "A 20-move probe; defects for ever against opponents whose defections are as often unjust as just, else Tit For Tat.",
            "PRISON project; Axelrod-Python Prober4"),
        entry(Tester::default(), &["Tester"],
            "D first; exploits by alternating until the opponent defects, then apologises and plays Tit For Tat.",
            "Axelrod (1980b) second tournament, David Gladstein; Axelrod (1984); Axelrod-Python SecondByTester"),
        rule("Handshake", det(None), handshake, &[],
            "C D, then cooperates for ever with opponents that opened C D, else defects.",
            "Robson (1990); Axelrod-Python Handshake"),
        entry(Calculator::default(), &[],
            "First by Joss for 20 turns, then defects against cyclic opponents and plays Tit For Tat against others.",
            "PRISON project; Axelrod-Python Calculator"),
        entry(RemorsefulProber::default(), &["Remorseful Prober", "RemorsefulProber"],
            "Tit For Tat with random probes after cooperation; does not retaliate against the answer to a probe.",
            "Li (2011); Axelrod-Python RemorsefulProber"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Prober", "C", "DCCDDD");
        versus_test("Prober", "CDCD", "DCCCDC");
        versus_test("Prober 2", "CDCD", "DCCCCC");
        versus_test("Prober 2", "C", "DCCCCC");
        versus_test("Prober 3", "C", "DCDDD");
        versus_test("Prober 3", "DDCC", "DCDCC");
        versus_test("Second by Tester", "C", "DCCDCDC");
        versus_test("Second by Tester", "CCD", "DCCCCCD");
        versus_test("Prober 4", "C", "CCDCDDDCCDCDCCDCDDCDDDD");
        versus_test("Handshake", "CD", "CDCCC");
        versus_test("Handshake", "C", "CDDDD");
        versus_test("Remorseful Prober", "D", "CDDDD");
        versus_test("Calculator", "D", &("C".to_string() + &"D".repeat(24)));
    }
}
