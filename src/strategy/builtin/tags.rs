//! Tag-conditional players: strategies that see whether the opponent carries
//! their own group tag ([`MatchInfo::same_group`](crate::strategy::MatchInfo))
//! and condition on it, as in the agent-based model of ethnocentrism of
//! Hammond and Axelrod (2006). In that model each agent carries a tag and two
//! genes, whether to cooperate with its own tag and whether to cooperate with
//! other tags, giving four types: ethnocentric (cooperate in-group, defect
//! out-group), humanitarian (cooperate with all), egoist (defect against all)
//! and traitor (defect in-group, cooperate out-group). docs/model.md §10.9 adds a
//! reciprocating variant: Generous Tit For Tat in-group, Suspicious Tit For Tat
//! out-group.
//!
//! An *untagged* opponent (`same_group == None`, a player without a group
//! label in a tournament, or any match outside a group-structured tournament)
//! is treated as out-group: a tag-conditional player extends in-group
//! treatment only to those it recognises as its own.
//!
//! ## References
//! - Hammond, R. A. and Axelrod, R. (2006). The evolution of ethnocentrism.
//!   *Journal of Conflict Resolution* 50(6):926-936.
//! - Nowak, M. A. and Sigmund, K. (1992). Tit for tat in heterogeneous
//!   populations. *Nature* 355:250-253 (Generous Tit For Tat).

use super::kit::{entry, rule};
use super::zero_determinant::Gtft;
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};

/// Whether the opponent is recognised as a member of the player's group
/// (untagged opponents are not).
#[inline]
fn in_group(ctx: &Context<'_>) -> bool {
    ctx.info.same_group == Some(true)
}

/// Ethnocentric: cooperates with its own group, defects against every other
/// (and against untagged opponents). Names: ethnocentric type (Hammond and
/// Axelrod 2006); in-group favouritism. Source: Hammond and Axelrod (2006).
pub fn ethnocentric(_: &History, ctx: &mut Context<'_>) -> Action {
    if in_group(ctx) {
        C
    } else {
        D
    }
}

/// Humanitarian: cooperates with everyone, whatever the tag. Names:
/// humanitarian type (Hammond and Axelrod 2006); plays as Cooperator.
/// Source: Hammond and Axelrod (2006).
pub fn humanitarian(_: &History, _: &mut Context<'_>) -> Action {
    C
}

/// Egoist: defects against everyone, whatever the tag. Names: egoist /
/// selfish type (Hammond and Axelrod 2006); plays as Defector. Source:
/// Hammond and Axelrod (2006).
pub fn egoist(_: &History, _: &mut Context<'_>) -> Action {
    D
}

/// Traitor: defects against its own group and cooperates with other groups
/// (and with untagged opponents, treated as out-group). Names: traitor /
/// cosmopolitan type (Hammond and Axelrod 2006). Source: Hammond and Axelrod
/// (2006).
pub fn traitor(_: &History, ctx: &mut Context<'_>) -> Action {
    if in_group(ctx) {
        D
    } else {
        C
    }
}

/// Parochial reciprocator: Generous Tit For Tat with its own group (cooperates
/// first, answers a perceived defection with cooperation with the game's GTFT
/// probability `min(1 - (T - R)/(R - S), (R - P)/(T - P))`, 1/3 in the
/// (3, 0, 5, 1) dilemma), Suspicious Tit For Tat with other groups and
/// untagged opponents (defects first, then copies the perceived last move).
/// Names: "GTFT in-group, STFT out-group" (docs/model.md §10.9); a reciprocating
/// ethnocentric (Hammond and Axelrod 2006). Source: this project, after
/// Hammond and Axelrod (2006) and Nowak and Sigmund (1992).
#[derive(Debug, Clone)]
pub struct ParochialReciprocator {
    generous: Gtft,
}

impl Default for ParochialReciprocator {
    fn default() -> Self {
        ParochialReciprocator {
            generous: Gtft::new(None),
        }
    }
}

impl Strategy for ParochialReciprocator {
    fn name(&self) -> &str {
        "Parochial Reciprocator"
    }
    fn classifier(&self) -> Classifier {
        Classifier::stochastic(Some(1)).with_game()
    }
    fn reset(&mut self) {
        self.generous.reset();
    }
    fn next_action(&mut self, h: &History, ctx: &mut Context<'_>) -> Action {
        if in_group(ctx) {
            self.generous.next_action(h, ctx)
        } else {
            h.last_opp().unwrap_or(D)
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The entries of this family.
pub(crate) fn entries() -> Vec<Entry> {
    const SOURCE: &str = "Hammond and Axelrod (2006), The evolution of ethnocentrism, J. Conflict Resolution 50:926-936";
    vec![
        rule("Ethnocentric", Classifier::deterministic(Some(0)), ethnocentric, &["Ethnocentrist"],
            "Cooperates with its own group, defects against other groups and untagged opponents.",
            SOURCE),
        rule("Humanitarian", Classifier::deterministic(Some(0)), humanitarian, &[],
            "Cooperates with everyone whatever the tag (the tag-model Cooperator).",
            SOURCE),
        rule("Egoist", Classifier::deterministic(Some(0)), egoist, &[],
            "Defects against everyone whatever the tag (the tag-model Defector).",
            SOURCE),
        rule("Traitor", Classifier::deterministic(Some(0)), traitor, &["Cosmopolitan"],
            "Defects against its own group, cooperates with other groups and untagged opponents.",
            SOURCE),
        entry(ParochialReciprocator::default(), &["GTFT In-Group STFT Out-Group", "Ethnocentric Reciprocator"],
            "Generous Tit For Tat with its own group, Suspicious Tit For Tat with other groups and untagged opponents.",
            "This project, after Hammond and Axelrod (2006) and Nowak and Sigmund (1992)"),
    ]
}

#[cfg(test)]
mod tests {
    use crate::strategy::context::MatchInfo;
    use crate::strategy::registry::Registry;
    use crate::strategy::scripted::test_util::{versus_test, versus_test_in};

    fn tagged(same: Option<bool>) -> MatchInfo {
        MatchInfo {
            same_group: same,
            ..MatchInfo::default()
        }
    }

    #[test]
    fn the_four_types_of_hammond_and_axelrod() {
        let (ins, out, none) = (tagged(Some(true)), tagged(Some(false)), tagged(None));
        for (name, in_moves, out_moves) in [
            ("Ethnocentric", "CCCC", "DDDD"),
            ("Humanitarian", "CCCC", "CCCC"),
            ("Egoist", "DDDD", "DDDD"),
            ("Traitor", "DDDD", "CCCC"),
        ] {
            versus_test_in(name, ins, "CD", in_moves);
            versus_test_in(name, out, "CD", out_moves);
            // Untagged opponents are out-group.
            versus_test_in(name, none, "DC", out_moves);
        }
        versus_test("Ethnocentric", "C", "DDD");
    }

    #[test]
    fn parochial_reciprocator_is_generous_inside_and_suspicious_outside() {
        let (ins, out) = (tagged(Some(true)), tagged(Some(false)));
        // Out-group: Suspicious Tit For Tat.
        versus_test_in("Parochial Reciprocator", out, "CCDC", "DCCDC");
        versus_test_in("Parochial Reciprocator", tagged(None), "C", "DCC");
        // In-group: cooperates first and against cooperation; forgives some
        // defections (GTFT, p = 1/3) but not all.
        versus_test_in("Parochial Reciprocator", ins, "C", "CCCCC");
        let registry = Registry::builtin();
        let mut s = registry.create("Parochial Reciprocator").unwrap();
        let opp = [crate::Action::D];
        let moves = crate::strategy::scripted::versus_in(&mut *s, &opp, 300, 3, ins);
        let forgiven = moves[1..]
            .iter()
            .filter(|a| **a == crate::Action::C)
            .count();
        assert!((70..130).contains(&forgiven), "{forgiven} forgiven of 299");
    }

    #[test]
    fn classifiers() {
        let registry = Registry::builtin();
        for name in ["Ethnocentric", "Humanitarian", "Egoist", "Traitor"] {
            let c = registry.get(name).unwrap().classifier();
            assert_eq!(c.memory_depth, Some(0), "{name}");
            assert!(
                !c.stochastic && !c.uses_game && !c.uses_match_length,
                "{name}"
            );
        }
        let c = registry
            .get("GTFT In-Group STFT Out-Group")
            .unwrap()
            .classifier();
        assert_eq!(c.memory_depth, Some(1));
        assert!(c.stochastic && c.uses_game && !c.uses_match_length);
    }
}
