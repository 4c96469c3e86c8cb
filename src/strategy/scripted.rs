//! Playing a strategy against a fixed sequence of opponent moves, as
//! Axelrod-Python's `versus_test`, and move strings.

use super::context::{Context, MatchInfo, MatchRng, Payoffs};
use super::core::Strategy;
use super::history::MoveHistory;
use crate::action::Move;

/// Plays `strategy` against a fixed sequence of opponent moves (repeated when
/// the sequence is shorter than `turns`; all C, or R, if it is empty), with no noise,
/// the default prisoner's dilemma, the length announced, and the random stream
/// of `seed`. Returns the strategy's moves. The helper behind versus tests, as
/// Axelrod-Python's `versus_test`.
pub fn versus<M: Move>(
    strategy: &mut dyn Strategy<M>,
    opponent: &[M],
    turns: usize,
    seed: u64,
) -> Vec<M> {
    versus_in(strategy, opponent, turns, seed, MatchInfo::default())
}

/// As [`versus`], with the strategy told `info` (noise levels and the
/// opponent's tag relation). The opponent's moves are given as perceived:
/// no noise is applied to them.
pub fn versus_in<M: Move>(
    strategy: &mut dyn Strategy<M>,
    opponent: &[M],
    turns: usize,
    seed: u64,
    info: MatchInfo,
) -> Vec<M> {
    use rand::SeedableRng;
    let payoffs = Payoffs::default();
    let mut rng = MatchRng::seed_from_u64(seed);
    let mut history = MoveHistory::with_capacity(turns);
    strategy.reset();
    let mut out = Vec::with_capacity(turns);
    for t in 0..turns {
        let mut ctx = Context::new(&payoffs, Some(turns as u64), &mut rng).with_info(info);
        let a = strategy.next_action(&history, &mut ctx);
        let b = if opponent.is_empty() {
            M::peaceful()
        } else {
            opponent[t % opponent.len()]
        };
        history.push(a, b);
        out.push(a);
    }
    out
}

/// Parses a string of move letters (`C`/`D`, or `R`/`A`/`H`); `None` on any
/// other letter.
pub fn parse_moves<M: Move>(moves: &str) -> Option<Vec<M>> {
    moves.chars().map(M::from_letter).collect()
}

/// Writes moves as a string of their letters.
pub fn moves_to_string<M: Move>(moves: &[M]) -> String {
    moves.iter().map(|a| a.letter()).collect()
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
