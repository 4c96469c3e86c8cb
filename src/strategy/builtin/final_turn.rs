//! Players of Axelrod-Python 4.14 that defect on the last turn of a match
//! whose length is announced (its `FinalTransformer((D,))`): EugineNier and
//! Michaelos from the LessWrong tournament, and Stalker. Each keeps a flag
//! or a running score, so a turn costs O(1).
//!
//! ## References
//! - LessWrong prisoner's dilemma tournament (2011), EugineNier and
//!   Michaelos (Axelrod-Python's `[LessWrong2011]`).
//! - Carvalho et al. (2013), Stalker (Axelrod-Python's `[Andre2013]`).
//! - Axelrod-Python 4.14, the class named in each doc comment.

use super::kit::{entry, in_final_turns, stateful};
use crate::strategy::context::Context;
use crate::strategy::core::Classifier;
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// The move of the last turn of an announced match (D), else `planned`.
fn defect_last(h: &History, ctx: &Context<'_>, planned: Action) -> Action {
    if in_final_turns(h, ctx, 1) {
        D
    } else {
        planned
    }
}

/// EugineNier: Tit For Tat until the opponent's fifth defection, then
/// defects for ever; defects on the last turn. Source: Axelrod-Python
/// `EugineNier`.
#[derive(Debug, Clone, Default)]
pub struct EugineNier {
    defector: bool,
}

impl EugineNier {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let planned = match h.last_opp() {
            None => C,
            Some(last) => {
                self.defector |= h.opp_defections() >= 5;
                if self.defector {
                    D
                } else {
                    last
                }
            }
        };
        defect_last(h, ctx, planned)
    }
}
stateful!(
    EugineNier,
    "EugineNier: (D,)",
    Classifier::deterministic(None).with_length()
);

/// Michaelos: Tit For Tat, except that after its own D answered by the
/// opponent's C it cooperates with probability 1/2 and otherwise defects
/// for ever; defects on the last turn. Source: Axelrod-Python `Michaelos`.
#[derive(Debug, Clone, Default)]
pub struct Michaelos {
    defector: bool,
}

impl Michaelos {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let planned = match (h.last_own(), h.last_opp()) {
            (Some(mine), Some(theirs)) => {
                if self.defector {
                    D
                } else if mine == D && theirs == C {
                    let a = ctx.random_choice(0.5);
                    self.defector = a == D;
                    a
                } else {
                    theirs
                }
            }
            _ => C,
        };
        defect_last(h, ctx, planned)
    }
}
stateful!(
    Michaelos,
    "Michaelos: (D,)",
    Classifier::stochastic(None).with_length()
);

/// Stalker: opens with C; then, with `a` its average payoff so far and
/// (R, P) the game's reward and punishment, defects when `a > R`,
/// cooperates when `(R + P)/2 < a < R` or `a > 2`, defects when
/// `1 < a < 2`, and plays C or D with probability 1/2 otherwise; defects on
/// the last turn. Source: Axelrod-Python `Stalker` (Carvalho et al. 2013),
/// thresholds 1 and 2 as written there.
#[derive(Debug, Clone, Default)]
pub struct Stalker {
    score: f64,
}

impl Stalker {
    fn act(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        let planned = match (h.last_own(), h.last_opp()) {
            (Some(mine), Some(theirs)) => {
                let (r, p, _, _) = ctx.payoffs.rpst();
                self.score += ctx.payoffs.own(mine, theirs);
                let average = self.score / h.len() as f64;
                if average > r {
                    D
                } else if (average > (r + p) / 2.0 && average < r) || average > 2.0 {
                    C
                } else if average < 2.0 && average > 1.0 {
                    D
                } else {
                    ctx.random_choice(0.5)
                }
            }
            _ => C,
        };
        defect_last(h, ctx, planned)
    }
}
stateful!(
    Stalker,
    "Stalker: (D,)",
    Classifier::stochastic(None).with_length().with_game()
);

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(EugineNier::default(), &["EugineNier"],
            "Tit For Tat until the opponent's fifth defection, then defects; defects on the last turn.",
            "LessWrong tournament (2011); Axelrod-Python EugineNier"),
        entry(Michaelos::default(), &["Michaelos"],
            "Tit For Tat that may turn defector for ever after exploiting a cooperation; defects on the last turn.",
            "LessWrong tournament (2011); Axelrod-Python Michaelos"),
        entry(Stalker::default(), &["Stalker"],
            "Plays by its average payoff against the reward and punishment; defects on the last turn.",
            "Carvalho et al. (2013); Axelrod-Python Stalker"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::scripted::test_util::versus_test;

    #[test]
    fn versus() {
        // versus_test announces the length: the last move is D.
        versus_test("EugineNier", "C", "CCCCD");
        versus_test("EugineNier", "CD", "CCDCDCDCDCDDDD");
        versus_test("Michaelos", "C", "CCCCD");
        versus_test("Michaelos", "D", "CDDDD");
        // Mutual cooperation scores R = 3 on average: between (R + P)/2 and
        // R is not strict at R, but above 2: C.
        versus_test("Stalker", "C", "CCCCD");
    }
}
