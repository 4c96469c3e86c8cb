//! Strategies of the three-action game: the two-action strategies lifted, and
//! the ones that use the defensive posture. A strategy of the three-action
//! game is a [`Strategy<Posture>`](Strategy): its [`Context`] holds the R/A
//! part of the stage game (the two-action security dilemma) from its point of
//! view, the match's noise levels (its perception as the two-action reading:
//! R seen as A, A seen as R) and its random stream.

use super::moves::{Posture, PostureHistory};
use crate::error::Result;
use crate::strategy::{Classifier, Context, History, Registry, Strategy};

/// A two-action strategy in the three-action game: its C is R and its D is A;
/// it reads every H, the opponent's as perceived and its own (after a
/// tremble), as C, since a defensive posture threatens no one. Whether an H
/// *looks* defensive is decided before, by perception
/// ([`PosturePerception::h_as_a`](crate::posture::PosturePerception::h_as_a)).
///
/// It makes exactly the random draws the strategy makes in a two-action
/// match, so a match of two lifted strategies in which no H is played equals
/// the two-action match with the same seed.
#[derive(Debug, Clone)]
pub struct TwoAction {
    inner: Box<dyn Strategy>,
    history: History,
}

impl TwoAction {
    /// Lifts `strategy`.
    pub fn new(strategy: Box<dyn Strategy>) -> Self {
        TwoAction {
            inner: strategy,
            history: History::new(),
        }
    }
}

impl Strategy<Posture> for TwoAction {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn classifier(&self) -> Classifier {
        self.inner.classifier()
    }

    fn reset(&mut self) {
        self.inner.reset();
        self.history.clear();
    }

    fn next_action(&mut self, history: &PostureHistory, ctx: &mut Context<'_>) -> Posture {
        for k in self.history.len()..history.len() {
            self.history.push(
                history.own()[k].as_two_action(),
                history.opp()[k].as_two_action(),
            );
        }
        Posture::from_action(self.inner.next_action(&self.history, ctx))
    }

    fn clone_box(&self) -> Box<dyn Strategy<Posture>> {
        Box::new(self.clone())
    }
}

/// Non-Offensive Defender: never arms. It restrains first and after a turn in
/// which it perceived restraint or a defensive posture, and meets a perceived
/// arming with a defensive build-up (H).
///
/// Source: docs/model.md §10.10, after the non-offensive defence
/// doctrine: Jervis (1978), "Cooperation under the security dilemma", and
/// Møller, B. (1992), *Common Security and Nonoffensive Defense*.
#[derive(Debug, Clone, Copy, Default)]
pub struct NonOffensiveDefender;

impl Strategy<Posture> for NonOffensiveDefender {
    fn name(&self) -> &str {
        "Non-Offensive Defender"
    }

    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(1))
    }

    fn reset(&mut self) {}

    fn next_action(&mut self, history: &PostureHistory, _ctx: &mut Context<'_>) -> Posture {
        match history.last_opp() {
            Some(Posture::A) => Posture::H,
            _ => Posture::R,
        }
    }

    fn clone_box(&self) -> Box<dyn Strategy<Posture>> {
        Box::new(*self)
    }
}

/// Always Defend: a permanent defensive posture (H every turn), the
/// three-action game's fortress.
///
/// Source: docs/model.md §7 and §10.10 (a baseline for H).
#[derive(Debug, Clone, Copy, Default)]
pub struct AlwaysDefend;

impl Strategy<Posture> for AlwaysDefend {
    fn name(&self) -> &str {
        "Always Defend"
    }

    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(0))
    }

    fn reset(&mut self) {}

    fn next_action(&mut self, _history: &PostureHistory, _ctx: &mut Context<'_>) -> Posture {
        Posture::H
    }

    fn clone_box(&self) -> Box<dyn Strategy<Posture>> {
        Box::new(*self)
    }
}

/// A strategy that exists only in the three-action game.
#[derive(Debug, Clone, Copy)]
pub struct NativeStrategy {
    /// Its name.
    pub name: &'static str,
    /// Its rule, in a line.
    pub rule: &'static str,
    /// Where it comes from.
    pub source: &'static str,
    make: fn() -> Box<dyn Strategy<Posture>>,
}

impl NativeStrategy {
    /// The strategy as a row of `dilemma strategies --format json`.
    pub fn listing(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.name,
            "kind": "three-action",
            "description": self.rule,
            "source": self.source,
            "origin": "built-in",
        })
    }

    /// A fresh instance.
    pub fn create(&self) -> Box<dyn Strategy<Posture>> {
        (self.make)()
    }
}

const NATIVES: &[NativeStrategy] = &[
    NativeStrategy {
        name: "Non-Offensive Defender",
        rule: "never arms: restrains, and meets a perceived arming with a defensive posture (H)",
        source: "docs/model.md §10.10; Jervis (1978); Møller (1992)",
        make: || Box::new(NonOffensiveDefender),
    },
    NativeStrategy {
        name: "Always Defend",
        rule: "a defensive posture (H) every turn",
        source: "docs/model.md §7 (three-action variant, baseline)",
        make: || Box::new(AlwaysDefend),
    },
];

/// The strategies that use the defensive posture.
pub fn native_strategies() -> &'static [NativeStrategy] {
    NATIVES
}

/// Names compared ignoring case and anything but letters and digits, as the
/// registry does.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

/// The three-action strategy called `name`: a native one
/// ([`native_strategies`]) or any strategy of `registry`, lifted
/// ([`TwoAction`]). An unknown name is the registry's error.
pub fn create(registry: &Registry, name: &str) -> Result<Box<dyn Strategy<Posture>>> {
    if let Some(native) = NATIVES.iter().find(|n| same_name(n.name, name)) {
        return Ok(native.create());
    }
    Ok(Box::new(TwoAction::new(registry.create(name)?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posture::{parse_postures, postures_to_string};

    /// The strategy's postures against a fixed sequence of perceived opponent
    /// postures.
    fn versus(name: &str, opponent: &str) -> String {
        let mut s = create(&Registry::builtin(), name).unwrap();
        let opp = parse_postures(opponent).unwrap();
        postures_to_string(&crate::strategy::versus(&mut *s, &opp, opp.len(), 0))
    }

    #[test]
    fn non_offensive_defender_meets_arming_with_defence_and_never_arms() {
        assert_eq!(versus("Non-Offensive Defender", "RRAARHAR"), "RRRHHRRH");
        assert_eq!(versus("non offensive defender", "AAAA"), "RHHH");
        assert_eq!(versus("Non-Offensive Defender", "HHHH"), "RRRR");
    }

    #[test]
    fn always_defend_plays_h() {
        assert_eq!(versus("Always Defend", "RARA"), "HHHH");
    }

    #[test]
    fn lifted_tit_for_tat_reads_defence_as_restraint() {
        // H (perceived) is answered like R; a perceived A like a D.
        assert_eq!(versus("Tit For Tat", "RAHHAR"), "RRARRA");
        assert_eq!(versus("Grudger", "RHHR"), "RRRR");
        assert_eq!(versus("Grudger", "RARR"), "RRAA");
    }

    #[test]
    fn unknown_names_are_the_registry_error() {
        let err = create(&Registry::builtin(), "No Such Strategy").unwrap_err();
        assert!(err.to_string().contains("No Such Strategy"), "{err}");
    }
}
