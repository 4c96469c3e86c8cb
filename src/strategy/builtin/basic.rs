//! Simple and miscellaneous strategies: unconditional players, Alternator,
//! Random, AntiCycler, the tricky players, Appeaser, Adaptive, Go By Majority,
//! the mathematical-constant players and two second-tournament entries.

use super::kit::{entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Cooperator: always cooperates. Names: ALLC, Always Cooperate (Axelrod
/// 1984). Source: Axelrod-Python `Cooperator`.
pub fn cooperator(_: &History, _: &mut Context<'_>) -> Action {
    C
}

/// Defector: always defects. Names: ALLD, Always Defect (Axelrod 1984).
/// Source: Axelrod-Python `Defector`.
pub fn defector(_: &History, _: &mut Context<'_>) -> Action {
    D
}

/// Alternator: cooperates first, then plays the opposite of its own last
/// move. Names: Alternator (Axelrod 1984). Source: Axelrod-Python
/// `Alternator`.
pub fn alternator(h: &History, _: &mut Context<'_>) -> Action {
    h.last_own().map_or(C, Action::flip)
}

/// Tricky Cooperator: cooperates, but from the fourth turn on defects
/// whenever the opponent has not defected in its last 10 moves. Source:
/// Axelrod-Python `TrickyCooperator`.
pub fn tricky_cooperator(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() >= 3 && !h.opp_last(10).contains(&D) {
        D
    } else {
        C
    }
}

/// Tricky Defector: defects, but cooperates when the opponent has cooperated
/// at least once and defected in each of its last three moves. Source:
/// Axelrod-Python `TrickyDefector`.
pub fn tricky_defector(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_cooperations() > 0 && h.opp_last(3) == [D, D, D] {
        C
    } else {
        D
    }
}

/// Appeaser: cooperates first; when the opponent defects it switches its own
/// move, otherwise repeats it. Names: Appeaser (Axelrod-Python, original).
/// Source: Axelrod-Python `Appeaser`.
pub fn appeaser(h: &History, _: &mut Context<'_>) -> Action {
    match (h.last_own(), h.last_opp()) {
        (Some(a), Some(D)) => a.flip(),
        (Some(a), Some(C)) => a,
        _ => C,
    }
}

/// Soft Go By Majority: cooperates when the opponent has cooperated at least
/// as often as it defected (so it opens with C). Names: Soft Majority (Mittal
/// and Deb 2009), Go By Majority (Axelrod 1984). Source: Axelrod-Python
/// `GoByMajority`.
pub fn soft_go_by_majority(h: &History, _: &mut Context<'_>) -> Action {
    Action::from_cooperation(h.opp_defections() <= h.opp_cooperations())
}

/// Hard Go By Majority: defects when the opponent has defected at least as
/// often as it cooperated (so it opens with D). Names: Hard Majority (Mittal
/// and Deb 2009). Source: Axelrod-Python `HardGoByMajority`.
pub fn hard_go_by_majority(h: &History, _: &mut Context<'_>) -> Action {
    Action::from_cooperation(h.opp_defections() < h.opp_cooperations())
}

/// The mathematical-constant players (Axelrod-Python `CotoDeRatio`): C first;
/// D while the opponent has never defected; afterwards D iff (all
/// cooperations) / (all defections), both players counted, exceeds the
/// constant.
fn coto_de_ratio(h: &History, ratio: f64) -> Action {
    if h.is_empty() {
        return C;
    }
    if h.opp_defections() == 0 {
        return D;
    }
    let coop = (h.opp_cooperations() + h.own_cooperations()) as f64;
    let def = (h.opp_defections() + h.own_defections()) as f64;
    if coop / def > ratio {
        D
    } else {
        C
    }
}

/// $\phi$ (Golden): the ratio rule with the golden ratio (1 + √5)/2. Source:
/// Axelrod-Python `Golden`.
pub fn golden(h: &History, _: &mut Context<'_>) -> Action {
    coto_de_ratio(h, (1.0 + 5f64.sqrt()) / 2.0)
}

/// $\pi$: the ratio rule with π. Source: Axelrod-Python `Pi`.
pub fn pi(h: &History, _: &mut Context<'_>) -> Action {
    coto_de_ratio(h, std::f64::consts::PI)
}

/// $e$: the ratio rule with e. Source: Axelrod-Python `e`.
pub fn e(h: &History, _: &mut Context<'_>) -> Action {
    coto_de_ratio(h, std::f64::consts::E)
}

/// Random(p): cooperates with probability `p` each turn, independently (one
/// draw per turn unless `p` is 0 or 1). Names: Random, RAND (Axelrod 1980,
/// first tournament). Source: Axelrod-Python `Random`.
#[derive(Debug, Clone)]
pub struct RandomPlayer {
    p: f64,
    name: std::sync::Arc<str>,
}

impl RandomPlayer {
    /// Cooperates with probability `p` (clamped to `[0, 1]`). Named as
    /// Axelrod-Python names it, `Random: p` (`Random: 0.5` by default).
    pub fn new(p: f64) -> Self {
        let p = p.clamp(0.0, 1.0);
        let name = format!("Random: {}", super::kit::python_float(p)).into();
        RandomPlayer { p, name }
    }
}

impl crate::strategy::core::Strategy for RandomPlayer {
    fn name(&self) -> &str {
        &self.name
    }
    fn classifier(&self) -> Classifier {
        if self.p > 0.0 && self.p < 1.0 {
            Classifier::stochastic(Some(0))
        } else {
            Classifier::deterministic(Some(0))
        }
    }
    fn reset(&mut self) {}
    #[inline]
    fn next_action(&mut self, _: &History, ctx: &mut Context<'_>) -> Action {
        ctx.random_choice(self.p)
    }
    fn clone_box(&self) -> Box<dyn crate::strategy::core::Strategy> {
        Box::new(self.clone())
    }
}

/// AntiCycler: plays C, D, D, then C D, C C D, C C C D, ...: runs of
/// cooperation growing by one, each ended by a defection, so it never
/// settles into a cycle. Source: Axelrod-Python `AntiCycler`.
#[derive(Debug, Clone, Default)]
pub struct AntiCycler {
    cycle_length: u32,
    cycle_counter: u32,
}

impl AntiCycler {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        match h.len() {
            0 => return C,
            1 | 2 => return D,
            _ => {}
        }
        // Axelrod starts with cycle_length 1.
        if self.cycle_length == 0 {
            self.cycle_length = 1;
        }
        if self.cycle_counter < self.cycle_length {
            self.cycle_counter += 1;
            C
        } else {
            self.cycle_length += 1;
            self.cycle_counter = 0;
            D
        }
    }
}
stateful!(AntiCycler, "AntiCycler", Classifier::deterministic(None));

/// Adaptive: plays C six times and D five times, then whichever move has
/// earned it more in total so far (D on a tie). Names: Adaptive (Li et al.
/// 2011). Source: Axelrod-Python `Adaptive`.
#[derive(Debug, Clone, Default)]
pub struct Adaptive {
    scores: [f64; 2],
}

impl Adaptive {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if let (Some(a), Some(b)) = (h.last_own(), h.last_opp()) {
            self.scores[a.index()] += ctx.payoffs.own(a, b);
        }
        let t = h.len();
        if t < 11 {
            return if t < 6 { C } else { D };
        }
        if self.scores[0] > self.scores[1] {
            C
        } else {
            D
        }
    }
}
stateful!(
    Adaptive,
    "Adaptive",
    Classifier::deterministic(None).with_game()
);

/// Second by Gladstein: defects first; while the opponent has never defected
/// since, it cooperates when its own cooperation ratio is at most 1/2 and
/// defects otherwise; at the opponent's first defection it apologises with C
/// and plays Tit For Tat from then on. Names: Gladstein (Axelrod 1980b,
/// second tournament), Tester-like. Source: Axelrod-Python
/// `SecondByGladstein`.
#[derive(Debug, Clone)]
pub struct Gladstein {
    patsy: bool,
}

impl Default for Gladstein {
    fn default() -> Self {
        Gladstein { patsy: true }
    }
}

impl Gladstein {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let Some(last) = h.last_opp() else {
            return D;
        };
        if self.patsy {
            if last == D {
                self.patsy = false;
                return C;
            }
            if h.own_cooperations() as f64 / h.len() as f64 > 0.5 {
                D
            } else {
                C
            }
        } else {
            last
        }
    }
}
stateful!(
    Gladstein,
    "Second by Gladstein",
    Classifier::deterministic(None)
);

/// Second by Borufsen: Tit For Tat with three fixes, re-assessed every 25
/// turns: it defects for good (until the next check) against opponents that
/// rarely cooperate or cooperate mostly after its defections; it breaks
/// mutual-defection runs of three with a cooperation; and when an "echo"
/// (alternating CD/DC) lasts three turns it turns its next defection into a
/// cooperation. Names: Borufsen (Axelrod 1980b, second tournament). Source:
/// Axelrod-Python `SecondByBorufsen`.
#[derive(Debug, Clone, Default)]
pub struct Borufsen {
    cd_counts: u32,
    cc_counts: u32,
    mutual_defect_streak: u32,
    echo_streak: u32,
    flip_next_defect: bool,
    defect_mode: bool,
}

impl Borufsen {
    fn try_return(&mut self, a: Action) -> Action {
        if a == C {
            return C;
        }
        if self.flip_next_defect {
            self.flip_next_defect = false;
            return C;
        }
        D
    }

    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let turn = h.len() + 1;
        if turn == 1 {
            return C;
        }
        let own = h.own();
        let opp = h.opp();
        let (my_last, opp_last) = (own[turn - 2], opp[turn - 2]);
        if turn >= 3 && opp_last == C {
            if own[turn - 3] == C {
                self.cc_counts += 1;
            } else {
                self.cd_counts += 1;
            }
        }
        if turn > 2 && turn % 25 == 2 {
            let coming_from_defect = self.defect_mode;
            self.defect_mode = false;
            let coops = self.cd_counts + self.cc_counts;
            if coops < 3 {
                self.defect_mode = true;
            }
            if (8..=17).contains(&coops) && (self.cc_counts as f64 / coops as f64) < 0.7 {
                self.defect_mode = true;
            }
            self.cd_counts = 0;
            self.cc_counts = 0;
            if self.defect_mode {
                self.mutual_defect_streak = 0;
                self.echo_streak = 0;
                self.flip_next_defect = false;
            }
            if !self.defect_mode && coming_from_defect {
                return D;
            }
        }
        if self.defect_mode {
            return D;
        }
        if my_last == D && opp_last == D {
            self.mutual_defect_streak += 1;
        } else {
            self.mutual_defect_streak = 0;
        }
        if self.mutual_defect_streak >= 3 {
            self.mutual_defect_streak = 0;
            self.echo_streak = 0;
            return self.try_return(C);
        }
        let (my_two_back, opp_two_back) = if turn >= 3 {
            (own[turn - 3], opp[turn - 3])
        } else {
            (C, C)
        };
        if my_last != opp_last && my_last == opp_two_back && opp_last == my_two_back {
            self.echo_streak += 1;
        } else {
            self.echo_streak = 0;
        }
        if self.echo_streak >= 3 {
            self.mutual_defect_streak = 0;
            self.echo_streak = 0;
            self.flip_next_defect = true;
        }
        self.try_return(opp_last)
    }
}
stateful!(
    Borufsen,
    "Second by Borufsen",
    Classifier::deterministic(None)
);

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    let det = Classifier::deterministic;
    vec![
        rule("Cooperator", det(Some(0)), cooperator, &["ALLC", "Always Cooperate"],
            "Always cooperates.", "Axelrod (1984); Axelrod-Python Cooperator"),
        rule("Defector", det(Some(0)), defector, &["ALLD", "Always Defect"],
            "Always defects.", "Axelrod (1984); Axelrod-Python Defector"),
        rule("Alternator", det(Some(1)), alternator, &[],
            "Cooperates first, then alternates its own move.", "Axelrod (1984); Axelrod-Python Alternator"),
        entry(RandomPlayer::new(0.5), &["Random", "RAND"],
            "Cooperates with probability 1/2 each turn (Random(p) for other p).",
            "Axelrod (1980) first tournament; Axelrod-Python Random"),
        rule("Tricky Cooperator", det(Some(10)), tricky_cooperator, &[],
            "Cooperates, but from turn 4 defects when the opponent has not defected in its last 10 moves.",
            "Axelrod-Python TrickyCooperator"),
        rule("Tricky Defector", det(None), tricky_defector, &[],
            "Defects, but cooperates when the opponent has cooperated before and defected in its last 3 moves.",
            "Axelrod-Python TrickyDefector"),
        rule("Appeaser", det(None), appeaser, &[],
            "Cooperates first; switches its move when the opponent defects, else repeats it.",
            "Axelrod-Python Appeaser"),
        rule("Soft Go By Majority", det(None), soft_go_by_majority, &["Go By Majority", "Soft Majority", "GoByMajority"],
            "Cooperates iff the opponent has cooperated at least as often as it defected.",
            "Axelrod (1984); Mittal and Deb (2009); Axelrod-Python GoByMajority"),
        rule("Hard Go By Majority", det(None), hard_go_by_majority, &["Hard Majority", "HardGoByMajority"],
            "Defects iff the opponent has defected at least as often as it cooperated.",
            "Mittal and Deb (2009); Axelrod-Python HardGoByMajority"),
        rule("$\\phi$", det(None), golden, &["Golden", "phi"],
            "C first, D while the opponent never defected, then D iff total C / total D exceeds the golden ratio.",
            "Axelrod-Python Golden"),
        rule("$\\pi$", det(None), pi, &["Pi"],
            "C first, D while the opponent never defected, then D iff total C / total D exceeds pi.",
            "Axelrod-Python Pi"),
        rule("$e$", det(None), e, &["e"],
            "C first, D while the opponent never defected, then D iff total C / total D exceeds e.",
            "Axelrod-Python e"),
        entry(AntiCycler::default(), &[],
            "C, D, D, then runs of C growing by one, each ended by a D: never cycles.",
            "Axelrod-Python AntiCycler"),
        entry(Adaptive::default(), &[],
            "Six C then five D, then whichever move has earned it more so far.",
            "Li et al. (2011); Axelrod-Python Adaptive"),
        entry(Gladstein::default(), &["Gladstein"],
            "Defects first, exploits a never-defecting opponent while its own cooperation ratio exceeds 1/2, turns Tit For Tat at the first defection.",
            "Axelrod (1980b) second tournament, David Gladstein; Axelrod-Python SecondByGladstein"),
        entry(Borufsen::default(), &["Borufsen"],
            "Tit For Tat that breaks defection runs and echoes and defects against uncooperative or random opponents (checked every 25 turns).",
            "Axelrod (1980b) second tournament, Otto Borufsen; Axelrod-Python SecondByBorufsen"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Cooperator", "D", "CCCC");
        versus_test("Defector", "C", "DDDD");
        versus_test("Alternator", "D", "CDCDC");
        versus_test("Tricky Cooperator", "C", "CCCDDD");
        versus_test("Tricky Cooperator", "CCCD", "CCCDCC");
        versus_test("Tricky Defector", "CDDD", "DDDDCD");
        versus_test("Appeaser", "CDDC", "CCDCCC");
        versus_test("Soft Go By Majority", "DDCC", "CDDDC");
        versus_test("Hard Go By Majority", "CCDD", "DCCCD");
        versus_test("$\\phi$", "DC", "CCDCD");
        versus_test("Pi", "D", "CCCCC");
        versus_test("AntiCycler", "C", "CDDCDCCDCCCD");
        versus_test("Adaptive", "C", "CCCCCCDDDDDDD");
        versus_test("Adaptive", "D", "CCCCCCDDDDDDD");
        versus_test("Second by Gladstein", "C", "DCCDCD");
        versus_test("Second by Gladstein", "CD", "DCCCDCD");
        versus_test("Second by Borufsen", "C", "CCCCCC");
        versus_test("Second by Borufsen", "D", "CDDDCDDDC");
    }
}
