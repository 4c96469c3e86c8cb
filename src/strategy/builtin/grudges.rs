//! Windowed majorities, grudges, punishers and probers of Axelrod-Python
//! 4.14 (`gobymajority.py`, `grudger.py`, `punisher.py`, `prober.py`,
//! `doubler.py`), as it implements them. Each keeps counters or reads a
//! window of at most 40 turns, so a turn costs O(1).
//!
//! ## References
//! - Mittal and Deb (2009) 'Optimal strategies of the iterated prisoner's
//!   dilemma problem for multiple conflicting objectives' (Go By Majority,
//!   grudgers).
//! - Li, Hingston and Kendall (2011) 'Engineering design of strategies for
//!   winning iterated prisoner's dilemma competitions' (probers).
//! - Axelrod-Python 4.14, the class named in each doc comment.

use super::kit::{entry, rule, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Go By Majority over the opponent's last `window` moves: defects when it
/// defected more often than it cooperated there; on a tie cooperates (soft)
/// or defects (hard). Source: Axelrod-Python `GoByMajority(memory_depth,
/// soft)`, e.g. `GoByMajority10`, `HardGoByMajority5`.
#[derive(Debug, Clone)]
pub struct WindowedMajority {
    name: &'static str,
    window: usize,
    soft: bool,
}

impl Strategy for WindowedMajority {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(self.window as u32))
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        let recent = h.opp_last(self.window);
        let defections = recent.iter().filter(|&&a| a == D).count();
        let cooperations = recent.len() - defections;
        if defections > cooperations || (defections == cooperations && !self.soft) {
            D
        } else {
            C
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Soft Grudger: answers a defection with D, D, D, C, C, then forgets.
/// Source: Axelrod-Python `SoftGrudger`.
#[derive(Debug, Clone, Default)]
pub struct SoftGrudger {
    grudge: Option<usize>,
}

impl SoftGrudger {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if let Some(k) = self.grudge {
            self.grudge = (k + 1 < 5).then_some(k + 1);
            return [D, D, D, C, C][k];
        }
        if h.last_opp() == Some(D) {
            self.grudge = Some(0);
            return D;
        }
        C
    }
}
stateful!(
    SoftGrudger,
    "Soft Grudger",
    Classifier::deterministic(Some(6))
);

/// Forgetful Grudger: after a defection defects for 10 turns, then forgets.
/// Source: Axelrod-Python `ForgetfulGrudger`. Axelrod-Python declares it
/// memory-10, but a defection during the grudge does not restart the count,
/// so its move depends on when the grudge began, possibly more than 10 turns
/// ago: its memory depth is unbounded (`memory_depth_is_honoured` finds a
/// counterexample to 10).
#[derive(Debug, Clone, Default)]
pub struct ForgetfulGrudger {
    grudged: bool,
    memory: usize,
}

impl ForgetfulGrudger {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if self.memory == 10 {
            self.memory = 0;
            self.grudged = false;
        }
        if h.last_opp() == Some(D) {
            self.grudged = true;
        }
        if self.grudged {
            self.memory += 1;
            return D;
        }
        C
    }
}
stateful!(
    ForgetfulGrudger,
    "Forgetful Grudger",
    Classifier::deterministic(None)
);

/// Inverse Punisher: after a defection defects for `20 × (opponent's
/// cooperation share)` turns (at least one). Source: Axelrod-Python
/// `InversePunisher`.
#[derive(Debug, Clone)]
pub struct InversePunisher {
    length: usize,
    grudged: bool,
    memory: usize,
}

impl Default for InversePunisher {
    fn default() -> Self {
        InversePunisher {
            length: 1,
            grudged: false,
            memory: 1,
        }
    }
}

impl InversePunisher {
    fn act(&mut self, h: &History, _: &mut Context<'_>) -> Action {
        if self.memory >= self.length {
            self.memory = 0;
            self.grudged = false;
        }
        if self.grudged {
            self.memory += 1;
            return D;
        }
        if h.last_opp() == Some(D) {
            self.length = (h.opp_cooperations() * 20 / h.len()).max(1);
            self.grudged = true;
            return D;
        }
        C
    }
}
stateful!(
    InversePunisher,
    "Inverse Punisher",
    Classifier::deterministic(None)
);

/// Opposite Grudger: defects until the opponent cooperates once, then
/// cooperates for ever. Source: Axelrod-Python `OppositeGrudger`.
pub fn opposite_grudger(h: &History, _: &mut Context<'_>) -> Action {
    Action::from_cooperation(h.opp_cooperations() > 0)
}

/// GrudgerAlternator: cooperates until the opponent defects, then
/// alternates D and C. Source: Axelrod-Python `GrudgerAlternator`.
pub fn grudger_alternator(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_defections() > 0 && h.last_own() == Some(C) {
        D
    } else {
        C
    }
}

/// SpitefulCC: cooperates twice, then defects for ever once the opponent has
/// defected. Source: Axelrod-Python `SpitefulCC`.
pub fn spiteful_cc(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() >= 2 && h.opp_defections() > 0 {
        D
    } else {
        C
    }
}

/// Detective: opens C, D, C, C; then defects for ever if the opponent did
/// not defect in those four turns, else plays Tit For Tat. Source:
/// Axelrod-Python `Detective`.
pub fn detective(h: &History, _: &mut Context<'_>) -> Action {
    const OPENING: [Action; 4] = [C, D, C, C];
    if h.len() < 4 {
        return OPENING[h.len()];
    }
    if !h.opp()[..4].contains(&D) {
        return D;
    }
    h.last_opp().unwrap_or(C)
}

/// Hard Prober: opens D, D, C, C; defects for ever if the opponent
/// cooperated on turns 2 and 3, else plays Tit For Tat. Source:
/// Axelrod-Python `HardProber`.
pub fn hard_prober(h: &History, _: &mut Context<'_>) -> Action {
    const OPENING: [Action; 4] = [D, D, C, C];
    if h.len() < 4 {
        return OPENING[h.len()];
    }
    if h.opp()[1..3] == [C, C] {
        return D;
    }
    h.last_opp().unwrap_or(C)
}

/// Doubler: cooperates, except after a defection of an opponent whose
/// cooperations are at most twice its defections. Source: Axelrod-Python
/// `Doubler`.
pub fn doubler(h: &History, _: &mut Context<'_>) -> Action {
    if h.last_opp() == Some(D) && h.opp_cooperations() <= 2 * h.opp_defections() {
        D
    } else {
        C
    }
}

/// Level Punisher: cooperates for 10 turns, then defects while the
/// opponent's defections exceed 20% of the turns. Source: Axelrod-Python
/// `LevelPunisher`.
pub fn level_punisher(h: &History, _: &mut Context<'_>) -> Action {
    if h.len() >= 10 && h.opp_defections() as f64 / h.len() as f64 > 0.2 {
        D
    } else {
        C
    }
}

/// Tricky Level Punisher: defects while the opponent's defection share
/// exceeds 20% (before turn 10), 10% (before 50) or 5% (before 100).
/// Source: Axelrod-Python `TrickyLevelPunisher`.
pub fn tricky_level_punisher(h: &History, _: &mut Context<'_>) -> Action {
    let n = h.len();
    if n == 0 {
        return C;
    }
    let share = h.opp_defections() as f64 / n as f64;
    if (n < 10 && share > 0.2) || (n < 50 && share > 0.1) || (n < 100 && share > 0.05) {
        D
    } else {
        C
    }
}

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    let mut v = Vec::new();
    for (window, soft_name, hard_name) in [
        (5, "Soft Go By Majority: 5", "Hard Go By Majority: 5"),
        (10, "Soft Go By Majority: 10", "Hard Go By Majority: 10"),
        (20, "Soft Go By Majority: 20", "Hard Go By Majority: 20"),
        (40, "Soft Go By Majority: 40", "Hard Go By Majority: 40"),
    ] {
        let class = format!("GoByMajority{window}");
        let hard_class = format!("HardGoByMajority{window}");
        v.push(entry(WindowedMajority { name: soft_name, window, soft: true }, &[&class],
            &format!("Cooperates unless the opponent defected more than it cooperated in its last {window} moves."),
            &format!("Mittal and Deb (2009); Axelrod-Python {class}")));
        v.push(entry(WindowedMajority { name: hard_name, window, soft: false }, &[&hard_class],
            &format!("Defects unless the opponent cooperated more than it defected in its last {window} moves."),
            &format!("Mittal and Deb (2009); Axelrod-Python {hard_class}")));
    }
    v.extend([
        entry(SoftGrudger::default(), &["SoftGrudger"],
            "Answers a defection with D, D, D, C, C.",
            "Li, Hingston and Kendall (2011); Axelrod-Python SoftGrudger"),
        entry(ForgetfulGrudger::default(), &["ForgetfulGrudger"],
            "Defects for 10 turns after a defection, then forgets.",
            "Axelrod-Python ForgetfulGrudger"),
        entry(InversePunisher::default(), &["InversePunisher"],
            "Punishes a defection for 20 times the opponent's cooperation share turns.",
            "Axelrod-Python InversePunisher"),
        rule("Opposite Grudger", Classifier::deterministic(None), opposite_grudger, &["OppositeGrudger"],
            "Defects until the opponent cooperates once, then cooperates for ever.",
            "Axelrod-Python OppositeGrudger"),
        rule("GrudgerAlternator", Classifier::deterministic(None), grudger_alternator, &[],
            "Cooperates until the opponent defects, then alternates D and C.",
            "http://www.prisoners-dilemma.com/strategies.html; Axelrod-Python GrudgerAlternator"),
        rule("SpitefulCC", Classifier::deterministic(None), spiteful_cc, &[],
            "Cooperates twice, then defects for ever once the opponent has defected.",
            "Mathieu and Delahaye (2015); Axelrod-Python SpitefulCC"),
        rule("Detective", Classifier::deterministic(None), detective, &[],
            "Opens C, D, C, C; exploits an opponent that never defected there, else Tit For Tat.",
            "Nicky Case, The Evolution of Trust; Axelrod-Python Detective"),
        rule("Hard Prober", Classifier::deterministic(None), hard_prober, &["HardProber"],
            "Opens D, D, C, C; exploits an opponent that cooperated on turns 2 and 3, else Tit For Tat.",
            "Li, Hingston and Kendall (2011); Axelrod-Python HardProber"),
        rule("Doubler", Classifier::deterministic(None), doubler, &[],
            "Cooperates except after a defection of an opponent with at most twice as many C as D.",
            "LessWrong 2011 tournament; Axelrod-Python Doubler"),
        rule("Level Punisher", Classifier::deterministic(None), level_punisher, &["LevelPunisher"],
            "After 10 turns defects while the opponent's defections exceed 20%.",
            "Eckhart Arnold (2016); Axelrod-Python LevelPunisher"),
        rule("Tricky Level Punisher", Classifier::deterministic(None), tricky_level_punisher, &["TrickyLevelPunisher"],
            "Defects while the opponent's defections exceed 20%, 10% or 5% of the turns, by phase.",
            "Eckhart Arnold (2016); Axelrod-Python TrickyLevelPunisher"),
    ]);
    v
}
