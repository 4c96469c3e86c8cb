//! Playing a strategy against a fixed sequence of opponent moves, as
//! Axelrod-Python's `versus_test`, and move strings.

use super::context::{Context, MatchInfo, MatchRng, Payoffs};
use super::core::Strategy;
use super::history::History;
use crate::Action;

/// Plays `strategy` against a fixed sequence of opponent moves (repeated when
/// the sequence is shorter than `turns`; all C if it is empty), with no noise,
/// the default prisoner's dilemma, the length announced, and the random stream
/// of `seed`. Returns the strategy's moves. The helper behind versus tests, as
/// Axelrod-Python's `versus_test`.
pub fn versus(
    strategy: &mut dyn Strategy,
    opponent: &[Action],
    turns: usize,
    seed: u64,
) -> Vec<Action> {
    versus_in(strategy, opponent, turns, seed, MatchInfo::default())
}

/// As [`versus`], with the strategy told `info` (noise levels and the
/// opponent's tag relation). The opponent's moves are given as perceived:
/// no noise is applied to them.
pub fn versus_in(
    strategy: &mut dyn Strategy,
    opponent: &[Action],
    turns: usize,
    seed: u64,
    info: MatchInfo,
) -> Vec<Action> {
    use rand::SeedableRng;
    let payoffs = Payoffs::default();
    let mut rng = MatchRng::seed_from_u64(seed);
    let mut history = History::with_capacity(turns);
    strategy.reset();
    let mut out = Vec::with_capacity(turns);
    for t in 0..turns {
        let mut ctx = Context::new(&payoffs, Some(turns as u64), &mut rng).with_info(info);
        let a = strategy.next_action(&history, &mut ctx);
        let b = if opponent.is_empty() {
            Action::C
        } else {
            opponent[t % opponent.len()]
        };
        history.push(a, b);
        out.push(a);
    }
    out
}

/// Parses a string of `C`/`D` letters into actions; `None` on any other letter.
pub fn parse_moves(moves: &str) -> Option<Vec<Action>> {
    moves.chars().map(Action::from_char).collect()
}

/// Writes actions as a string of `C`/`D` letters.
pub fn moves_to_string(moves: &[Action]) -> String {
    moves.iter().map(|a| a.as_char()).collect()
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers for versus tests.
    use super::*;
    use crate::strategy::registry::Registry;

    /// Asserts the moves of `name` (from the built-in registry) against a
    /// fixed opponent sequence given as a `C`/`D` string.
    pub fn versus_test(name: &str, opponent: &str, expected: &str) {
        let registry = Registry::builtin();
        let mut s = registry
            .create(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let opp = parse_moves(opponent).expect("bad opponent string");
        let got = versus(&mut *s, &opp, expected.len(), 0);
        assert_eq!(moves_to_string(&got), expected, "{name} versus {opponent}");
    }

    /// As [`versus_test`], with the strategy told `info`.
    pub fn versus_test_in(name: &str, info: MatchInfo, opponent: &str, expected: &str) {
        let registry = Registry::builtin();
        let mut s = registry
            .create(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let opp = parse_moves(opponent).expect("bad opponent string");
        let got = versus_in(&mut *s, &opp, expected.len(), 0, info);
        assert_eq!(
            moves_to_string(&got),
            expected,
            "{name} versus {opponent} with {info:?}"
        );
    }
}
