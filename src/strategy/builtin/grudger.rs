//! Grudgers and retaliators: strategies that remember defections.

use super::kit::{entry, in_final_turns, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Grudger: cooperates until the opponent defects once, then defects for
/// ever. Names: Grudger, Grim Trigger, Spiteful (Beaufils et al. 1996),
/// Friedman (Axelrod 1980, first tournament). Source: Axelrod-Python
/// `Grudger`.
pub fn grudger(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_defections() > 0 {
        D
    } else {
        C
    }
}

/// Aggravater: defects for the first three turns, then Grudger. Source:
/// Axelrod-Python `Aggravater`.
pub fn aggravater(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() < 3 || h.opp_defections() > 0 {
        D
    } else {
        C
    }
}

/// EasyGo: defects until the opponent defects once, then cooperates for
/// ever (the opposite of Grudger). Names: Fool Me Forever. Source:
/// Axelrod-Python `EasyGo`.
pub fn easy_go(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_defections() > 0 {
        C
    } else {
        D
    }
}

/// Fool Me Once: forgives one defection; defects for ever after the second.
/// Source: Axelrod-Python `FoolMeOnce`.
pub fn fool_me_once(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_defections() > 1 {
        D
    } else {
        C
    }
}

/// Forgiver: defects iff the opponent has defected in more than a tenth of
/// the turns. Source: Axelrod-Python `Forgiver`.
pub fn forgiver(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_defections() as f64 > h.len() as f64 / 10.0 {
        D
    } else {
        C
    }
}

/// First by Davis: cooperates for the first 10 turns, then Grudger. Names:
/// Davis (Axelrod 1980, first tournament, 8th). Source: Axelrod-Python
/// `FirstByDavis`.
pub fn first_by_davis(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() < 10 || h.opp_defections() == 0 {
        C
    } else {
        D
    }
}

/// Gradual Killer: plays D, D, D, D, D, C, C; then defects for ever if the
/// opponent defected on both turns 6 and 7, else cooperates. Source:
/// Axelrod-Python `GradualKiller` (from the PRISON project).
pub fn gradual_killer(h: &History, _: &mut Context<'_>) -> Action {
    const OPENING: [Action; 7] = [D, D, D, D, D, C, C];
    if let Some(&a) = OPENING.get(h.len()) {
        return a;
    }
    if h.opp()[5..7] == [D, D] {
        D
    } else {
        C
    }
}

/// Resurrection: Tit For Tat, but defects after five own defections in a
/// row. Source: Axelrod-Python `Resurrection` (Arnold et al. 2016).
pub fn resurrection(h: &History, _: &mut Context<'_>) -> Action {
    if h.is_empty() {
        return C;
    }
    if h.own_last(5) == [D; 5] {
        D
    } else {
        h.last_opp().unwrap_or(C)
    }
}

/// DoubleResurrection: Tit For Tat, but defects after five own cooperations
/// in a row and cooperates after five own defections in a row. Source:
/// Axelrod-Python `DoubleResurrection`.
pub fn double_resurrection(h: &History, _: &mut Context<'_>) -> Action {
    if h.is_empty() {
        return C;
    }
    let last5 = h.own_last(5);
    if last5 == [C; 5] {
        D
    } else if last5 == [D; 5] {
        C
    } else {
        h.last_opp().unwrap_or(C)
    }
}

/// The BackStabber rule: cooperates until the opponent has defected four
/// times, then defects.
fn backstabber_rule(h: &History) -> Action {
    if h.opp_defections() > 3 {
        D
    } else {
        C
    }
}

/// BackStabber: forgives the opponent's first three defections, defects after
/// the fourth, and defects on the last two turns of an announced-length
/// match. Source: Axelrod-Python `BackStabber`.
pub fn backstabber(h: &History, ctx: &mut Context<'_>) -> Action {
    if in_final_turns(h, ctx, 2) {
        return D;
    }
    backstabber_rule(h)
}

/// DoubleCrosser: BackStabber, except that from turn 8 to turn 180, against
/// an opponent that did not defect in its first 7 moves, it defects only after
/// two consecutive opponent defections. Source: Axelrod-Python
/// `DoubleCrosser`.
pub fn double_crosser(h: &History, ctx: &mut Context<'_>) -> Action {
    if in_final_turns(h, ctx, 2) {
        return D;
    }
    let opp = h.opp();
    let round = opp.len() + 1;
    if !opp[..opp.len().min(7)].contains(&D) && 7 < round && round <= 180 {
        return if h.opp_last(2) == [D, D] { D } else { C };
    }
    backstabber_rule(h)
}

/// Grumpy: starts nice; turns grumpy (defects) once the opponent's
/// defections exceed its cooperations by more than 10, and nice again once
/// they fall 10 below. Source: Axelrod-Python `Grumpy`.
#[derive(Debug, Clone, Default)]
pub struct Grumpy {
    grumpy: bool,
}

impl Grumpy {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let grumpiness = h.opp_defections() as i64 - h.opp_cooperations() as i64;
        if !self.grumpy {
            if grumpiness > 10 {
                self.grumpy = true;
                return D;
            }
            C
        } else {
            if grumpiness < -10 {
                self.grumpy = false;
                return C;
            }
            D
        }
    }
}
stateful!(
    Grumpy,
    "Grumpy: Nice, 10, -10",
    Classifier::deterministic(None)
);

/// Once Bitten: cooperates; after two consecutive opponent defections it
/// defects for 10 turns, then forgives. Source: Axelrod-Python `OnceBitten`.
#[derive(Debug, Clone, Default)]
pub struct OnceBitten {
    grudged: bool,
    grudge_memory: u32,
}

impl OnceBitten {
    const MEM_LENGTH: u32 = 10;

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if self.grudge_memory >= Self::MEM_LENGTH {
            self.grudge_memory = 0;
            self.grudged = false;
        }
        if h.len() < 2 {
            return C;
        }
        if self.grudged {
            self.grudge_memory += 1;
            D
        } else if !h.opp_last(2).contains(&C) {
            self.grudged = true;
            D
        } else {
            C
        }
    }
}
// Axelrod-Python declares memory depth 12, but the grudge counter makes the
// move depend on the phase of 11-turn grudge cycles against a long run of
// defections, so the depth is unbounded.
stateful!(OnceBitten, "Once Bitten", Classifier::deterministic(None));

/// Punisher: cooperates; when the opponent defects it defects for
/// `floor(20 d / n)` further turns, where `d` of the opponent's `n` moves
/// were defections. Source: Axelrod-Python `Punisher` (Geraint Palmer).
#[derive(Debug, Clone)]
pub struct Punisher {
    mem_length: u64,
    grudged: bool,
    grudge_memory: u64,
}

impl Default for Punisher {
    fn default() -> Self {
        Punisher {
            mem_length: 1,
            grudged: false,
            grudge_memory: 1,
        }
    }
}

impl Punisher {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if self.grudge_memory >= self.mem_length {
            self.grudge_memory = 0;
            self.grudged = false;
        }
        if self.grudged {
            self.grudge_memory += 1;
            D
        } else if h.last_opp() == Some(D) {
            self.mem_length = (h.opp_defections() * 20 / h.len()) as u64;
            self.grudged = true;
            D
        } else {
            C
        }
    }
}
stateful!(Punisher, "Punisher", Classifier::deterministic(None));

/// Retaliate (threshold `t`, 0.1 by default; 0.08 for Retaliate 2, 0.05
/// for Retaliate 3): defects while the turns it was exploited (CD) exceed
/// `t` times the turns it exploited (DC). Source: Axelrod-Python
/// `Retaliate`, `Retaliate2`, `Retaliate3`.
#[derive(Debug, Clone)]
pub struct Retaliate {
    name: &'static str,
    threshold: f64,
    cd: u64,
    dc: u64,
}

impl Retaliate {
    /// With a name and threshold.
    pub const fn new(name: &'static str, threshold: f64) -> Self {
        Retaliate {
            name,
            threshold,
            cd: 0,
            dc: 0,
        }
    }

    fn count(&mut self, h: &History) {
        match (h.last_own(), h.last_opp()) {
            (Some(C), Some(D)) => self.cd += 1,
            (Some(D), Some(C)) => self.dc += 1,
            _ => {}
        }
    }

    fn exploited(&self) -> bool {
        self.cd as f64 > self.dc as f64 * self.threshold
    }
}

impl Strategy for Retaliate {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn reset(&mut self) {
        (self.cd, self.dc) = (0, 0);
    }
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        self.count(h);
        if self.exploited() {
            D
        } else {
            C
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Limited Retaliate (threshold 0.1, limit 20; 0.08 and 15 for Limited
/// Retaliate 2; 0.05 and 20 for Limited Retaliate 3): Retaliate, but a run
/// of retaliation stops after `limit` defections. Source: Axelrod-Python
/// `LimitedRetaliate`, `LimitedRetaliate2`, `LimitedRetaliate3`.
#[derive(Debug, Clone)]
pub struct LimitedRetaliate {
    counts: Retaliate,
    limit: u32,
    retaliating: bool,
    retaliation_count: u32,
}

impl LimitedRetaliate {
    /// With a name, threshold and limit.
    pub const fn new(name: &'static str, threshold: f64, limit: u32) -> Self {
        LimitedRetaliate {
            counts: Retaliate::new(name, threshold),
            limit,
            retaliating: false,
            retaliation_count: 0,
        }
    }
}

impl Strategy for LimitedRetaliate {
    fn name(&self) -> &str {
        self.counts.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(None)
    }
    fn reset(&mut self) {
        self.counts.reset();
        self.retaliating = false;
        self.retaliation_count = 0;
    }
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        self.counts.count(h);
        if self.counts.exploited() {
            self.retaliating = true;
        } else {
            self.retaliating = false;
            self.retaliation_count = 0;
        }
        if self.retaliating {
            if self.retaliation_count < self.limit {
                self.retaliation_count += 1;
                return D;
            }
            self.retaliation_count = 0;
            self.retaliating = false;
        }
        C
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    let det = Classifier::deterministic;
    vec![
        rule("Grudger", det(None), grudger, &["Grim Trigger", "Grim", "Friedman", "Spiteful"],
            "Cooperates until the opponent defects once, then defects for ever.",
            "Friedman (1971); Axelrod (1980) first tournament; Axelrod-Python Grudger"),
        rule("Aggravater", det(None), aggravater, &[],
            "Defects three times, then Grudger.", "Axelrod-Python Aggravater"),
        rule("EasyGo", det(None), easy_go, &["Fool Me Forever"],
            "Defects until the opponent defects, then cooperates for ever.", "Axelrod-Python EasyGo"),
        rule("Fool Me Once", det(None), fool_me_once, &[],
            "Forgives one defection, defects for ever after the second.", "Axelrod-Python FoolMeOnce"),
        rule("Forgiver", det(None), forgiver, &[],
            "Defects iff the opponent defected in more than a tenth of the turns.", "Axelrod-Python Forgiver"),
        rule("First by Davis: 10", det(None), first_by_davis, &["First by Davis", "Davis"],
            "Cooperates for 10 turns, then Grudger.",
            "Axelrod (1980) first tournament, Morton Davis; Axelrod-Python FirstByDavis"),
        rule("Gradual Killer: (D, D, D, D, D, C, C)", det(None), gradual_killer, &["Gradual Killer"],
            "D D D D D C C, then defects for ever if the opponent defected on turns 6 and 7.",
            "PRISON project; Axelrod-Python GradualKiller"),
        rule("Resurrection", det(Some(5)), resurrection, &[],
            "Tit For Tat, but defects after five own defections in a row.", "Arnold et al. (2016); Axelrod-Python Resurrection"),
        rule("DoubleResurrection", det(Some(5)), double_resurrection, &["Double Resurrection"],
            "Tit For Tat, but D after five own C in a row and C after five own D in a row.",
            "Axelrod-Python DoubleResurrection"),
        rule("BackStabber: (D, D)", det(None).with_length(), backstabber, &["BackStabber"],
            "Forgives three defections, defects after the fourth and on the last two turns.",
            "Axelrod-Python BackStabber"),
        rule("DoubleCrosser: (D, D)", det(None).with_length(), double_crosser, &["DoubleCrosser"],
            "BackStabber that against an opponent nice for 7 turns plays Tit For 2 Tats from turn 8 to 180.",
            "Axelrod-Python DoubleCrosser"),
        entry(Grumpy::default(), &["Grumpy"],
            "Turns grumpy when the opponent's defections exceed its cooperations by 10, nice when 10 below.",
            "Axelrod-Python Grumpy"),
        entry(OnceBitten::default(), &[],
            "After two consecutive opponent defections defects for 10 turns, then forgives.",
            "Axelrod-Python OnceBitten"),
        entry(Punisher::default(), &[],
            "Punishes a defection with floor(20 d / n) defections (d of n opponent moves were D).",
            "Axelrod-Python Punisher"),
        entry(Retaliate::new("Retaliate: 0.1", 0.1), &["Retaliate"],
            "Defects while exploited turns (CD) exceed a tenth of exploiting turns (DC).",
            "Axelrod-Python Retaliate"),
        entry(Retaliate::new("Retaliate 2: 0.08", 0.08), &["Retaliate 2", "Retaliate2"],
            "Retaliate with threshold 0.08.",
            "Axelrod-Python Retaliate2"),
        entry(Retaliate::new("Retaliate 3: 0.05", 0.05), &["Retaliate 3", "Retaliate3"],
            "Retaliate with threshold 0.05.",
            "Axelrod-Python Retaliate3"),
        entry(LimitedRetaliate::new("Limited Retaliate 2: 0.08, 15", 0.08, 15), &["Limited Retaliate 2", "LimitedRetaliate2"],
            "Limited Retaliate with threshold 0.08 and runs of at most 15 defections.",
            "Axelrod-Python LimitedRetaliate2"),
        entry(LimitedRetaliate::new("Limited Retaliate 3: 0.05, 20", 0.05, 20), &["Limited Retaliate 3", "LimitedRetaliate3"],
            "Limited Retaliate with threshold 0.05 and runs of at most 20 defections.",
            "Axelrod-Python LimitedRetaliate3"),
        entry(LimitedRetaliate::new("Limited Retaliate: 0.1, 20", 0.1, 20), &["Limited Retaliate"],
            "Retaliate with retaliation runs of at most 20 defections.",
            "Axelrod-Python LimitedRetaliate"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Grudger", "CCDCC", "CCCDDD");
        versus_test("Aggravater", "C", "DDDCC");
        versus_test("EasyGo", "CCDCC", "DDDCCC");
        versus_test("Fool Me Once", "CDCCCD", "CCCCCCDD");
        versus_test("Forgiver", "CCCCCCCCCD", "CCCCCCCCCCC");
        versus_test("First by Davis", "D", "CCCCCCCCCCDD");
        versus_test("Gradual Killer", "D", "DDDDDCCDD");
        versus_test("Gradual Killer", "C", "DDDDDCCCC");
        versus_test("Resurrection", "D", "CDDDDDDD");
        versus_test("DoubleResurrection", "C", "CCCCCDCCCCCD");
        versus_test("BackStabber", "D", "CCCCDDD");
        versus_test("BackStabber", "C", "CCCCCCCCDD");
        versus_test("DoubleCrosser", "C", "CCCCCCCCDD");
        versus_test("Grumpy", "D", &("C".repeat(11) + "DD"));
        versus_test("Once Bitten", "DDC", "CCDDD");
        versus_test("Punisher", "DCCCC", "CDDDDDDDDDDDDDDDDDDDDDC");
        versus_test("Retaliate", "CD", "CCDDD");
        versus_test(
            "Limited Retaliate",
            "D",
            &("C".to_string() + &"D".repeat(20) + "CD"),
        );
    }
}
