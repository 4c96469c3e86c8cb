//! Strategies of the security-dilemma model (DESIGN.md, "Strategies"). In
//! security terms C is *restrain* (R) and D is *arm* (A). They act on their
//! *perception* of the other's moves, which the match may distort
//! (offence-defence differentiation, paranoia).

use super::{entry, rule, Entry};
use crate::strategy::{Classifier, Context, History, Strategy};
use crate::Action::{self, C, D};

/// Spiral reciprocator (γ): restrains first; answers perceived arming by
/// arming, but forgives — restrains anyway — with probability γ (default
/// 0.1), which lets it climb out of a spiral started by a misperception.
/// Names: generous reciprocity (Nowak and Sigmund 1992) applied to Jervis's
/// spiral model (Jervis 1976, "Perception and Misperception in International
/// Politics", ch. 3). Source: this project.
#[derive(Debug, Clone, Copy)]
pub struct SpiralReciprocator {
    gamma: f64,
    name: &'static str,
}

impl SpiralReciprocator {
    /// With forgiveness probability `gamma` (clamped to [0, 1]).
    pub fn new(gamma: f64) -> Self {
        let gamma = gamma.clamp(0.0, 1.0);
        let name: &'static str = if gamma == 0.1 {
            "Spiral Reciprocator"
        } else {
            Box::leak(format!("Spiral Reciprocator: {gamma}").into_boxed_str())
        };
        SpiralReciprocator { gamma, name }
    }
}

impl Strategy for SpiralReciprocator {
    fn name(&self) -> &str {
        self.name
    }
    fn classifier(&self) -> Classifier {
        if self.gamma > 0.0 && self.gamma < 1.0 {
            Classifier::stochastic(Some(1))
        } else {
            Classifier::deterministic(Some(1))
        }
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        match h.last_opp() {
            Some(D) => ctx.random_choice(self.gamma),
            _ => C,
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(*self)
    }
}

/// Deterrence hard-liner: arms unless the other has been seen to restrain on
/// each of the last two turns — so it opens armed, answers perceived arming
/// with (at least) two rounds of arming, restrains only after two perceived
/// restraints in a row, and never opens de-escalation itself. Names: the
/// deterrence model's hard-liner (Jervis 1976, ch. 3; "peace through
/// strength"). Source: this project.
pub fn deterrence_hardliner(h: &History, _: &mut Context<'_>) -> Action {
    if h.opp_last(2) == [C, C] {
        C
    } else {
        D
    }
}

/// Paranoid: Tit For Tat on its perceptions, with an extra benign-to-hostile
/// misreading of its own: each perceived restraint is read as arming with
/// probability `suspicion`, which starts at 0.05, jumps by 0.25 (up to 0.6)
/// each time it is exploited (it restrained, the other armed) and decays by a
/// factor 0.8 each turn otherwise. Names: the paranoid observer of the
/// security-dilemma model (Jervis 1976, ch. 3 and 4; Kydd 2005 "Trust and
/// Mistrust in International Relations"). Source: this project.
#[derive(Debug, Clone)]
pub struct Paranoid {
    suspicion: f64,
}

impl Paranoid {
    const BASE: f64 = 0.05;
    const JUMP: f64 = 0.25;
    const MAX: f64 = 0.6;
    const DECAY: f64 = 0.8;
}

impl Default for Paranoid {
    fn default() -> Self {
        Paranoid {
            suspicion: Self::BASE,
        }
    }
}

impl Strategy for Paranoid {
    fn name(&self) -> &str {
        "Paranoid"
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(None)
    }
    fn reset(&mut self) {
        *self = Paranoid::default();
    }
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let (Some(mine), Some(theirs)) = (h.last_own(), h.last_opp()) else {
            return C;
        };
        if mine == C && theirs == D {
            self.suspicion = (self.suspicion + Self::JUMP).min(Self::MAX);
        } else {
            self.suspicion = Self::BASE + (self.suspicion - Self::BASE) * Self::DECAY;
        }
        match theirs {
            D => D,
            // Read a restraint as arming with probability `suspicion`.
            C => ctx.random_choice(1.0 - self.suspicion),
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// Reassurer: restrains unilaterally for the first 3 turns, then plays Tit
/// For Tat on its perceptions, but restrains on every 10th turn whatever it
/// saw, to reopen de-escalation. Names: costly signalling of benign intent
/// (Kydd 2005, ch. 7; Osgood 1962 "GRIT"). Source: this project.
pub fn reassurer(h: &History, _: &mut Context<'_>) -> Action {
    let t = h.len();
    if t < 3 || (t + 1) % 10 == 0 {
        return C;
    }
    h.last_opp().unwrap_or(C)
}

/// Relative-gains maximiser: predicts that the other repeats its (perceived)
/// last move (restraint at the start) and picks the move that maximises its
/// relative payoff, own payoff minus the other's (Grieco's relative-gains
/// concern with weight λ = 1: U = x_own + λ (x_own - x_other)); restrains on a
/// tie. In a prisoner's dilemma it always arms. Names: the relative-gains
/// seeker (Grieco 1988, "Anarchy and the Limits of Cooperation",
/// International Organization 42:485-507). Source: this project.
pub fn relative_gains_maximiser(h: &History, ctx: &mut Context<'_>) -> Action {
    const LAMBDA: f64 = 1.0;
    let b = h.last_opp().unwrap_or(C);
    let u = |a: Action| {
        let own = ctx.payoffs.own(a, b);
        own + LAMBDA * (own - ctx.payoffs.other(a, b))
    };
    if u(D) > u(C) {
        D
    } else {
        C
    }
}

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(SpiralReciprocator::new(0.1), &[],
            "Restrains first; answers perceived arming with arming but forgives with probability 0.1 (Spiral Reciprocator(γ) for other γ).",
            "This project (security-dilemma model); Jervis (1976) spiral model; Nowak and Sigmund (1992)"),
        rule("Deterrence Hard-liner", Classifier::deterministic(Some(2)), deterrence_hardliner, &["Hardliner", "Deterrence Hardliner"],
            "Arms unless the other restrained on each of the last two turns; never opens de-escalation.",
            "This project (security-dilemma model); Jervis (1976) deterrence model"),
        entry(Paranoid::default(), &[],
            "Tit For Tat on perceptions, misreading restraint as arming with a suspicion that rises after exploitation and decays.",
            "This project (security-dilemma model); Jervis (1976); Kydd (2005)"),
        rule("Reassurer", Classifier::deterministic(None), reassurer, &[],
            "Restrains for 3 turns, then Tit For Tat, restraining every 10th turn to reopen de-escalation.",
            "This project (security-dilemma model); Osgood (1962) GRIT; Kydd (2005)"),
        rule("Relative-Gains Maximiser", Classifier::deterministic(Some(1)).with_game(), relative_gains_maximiser,
            &["Relative Gains Maximiser", "Relative Gains"],
            "Maximises own minus other's payoff against the other's predicted (last perceived) move.",
            "This project (security-dilemma model); Grieco (1988)"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::test_util::versus_test;

    #[test]
    fn versus() {
        versus_test("Spiral Reciprocator(0)", "CD", "CCDCD");
        versus_test("Spiral Reciprocator(1)", "D", "CCCC");
        versus_test("Deterrence Hard-liner", "C", "DDCCC");
        versus_test("Deterrence Hard-liner", "CCDCC", "DDCDDCCCDD");
        versus_test("Reassurer", "D", "CCCDDDDDDCDDDDDDDDDC");
        versus_test("Relative-Gains Maximiser", "C", "DDDD");
        versus_test("Paranoid", "D", "CDDDD");
    }
}
