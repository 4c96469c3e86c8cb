//! One match of a repeated stage game between two strategies, written once for
//! every move alphabet ([`Alphabet`]): the two-action game ([`Match`], moves
//! [`Action`](crate::Action)) and the three-action security dilemma
//! ([`PostureMatch`](crate::posture::PostureMatch), moves
//! [`Posture`](crate::posture::Posture)) are two instantiations of
//! [`MatchRunner`].
//!
//! A match has a fixed number of turns or a continuation probability, action
//! noise (a trembling hand: each intended move is replaced with probability
//! `e` — in the two-action game by the other move — and both players' records
//! hold the move actually played, as in Axelrod-Python), perception noise per
//! player (the observer misreads the other's real move with a probability that
//! depends on that move; the mover knows what it did and scores use real
//! moves), and a seed.
//!
//! Each strategy is told its match's conditions ([`MatchInfo`]): the action
//! noise, its own perception errors and, when players carry group labels,
//! whether the opponent is of its group ([`MatchRules::same_group`]).
//!
//! Scores, the state counts (CC/CD/DC/DD in the two-action game), the
//! state-to-action transition counts and the causes of defections are
//! accumulated as the match runs; move strings are kept only when asked
//! ([`MatchRules::recording`]).
//!
//! The files: `streams.rs` (seeds and random streams), `game.rs` (the stage
//! game), `rules.rs` (match rules and perception), `alphabet.rs` (the
//! [`Alphabet`] trait and the two-action alphabet), `engine.rs` (the match
//! loop and its outcome).
//!
//! # Random stream layout
//!
//! A match seed `s` (a `u64`) is expanded into a 256-bit ChaCha8 key by four
//! successive outputs of SplitMix64 started at `s`, each written little-endian
//! (key bytes 0-7 from the first output, and so on). Three independent ChaCha8
//! streams are opened on that key (nonce = stream number):
//!
//! - stream 0, the *environment*: first, for a continuation-probability match,
//!   one draw for the length; then, turn by turn: the action-noise draw for
//!   player 1, then for player 2, then the perception draw of player 1 (its
//!   view of player 2's move), then that of player 2. (In the three-action
//!   game a tremble that happens takes a second draw right after its first,
//!   to pick the replacement.)
//! - stream 1: every draw player 1's strategy makes, in the order it makes
//!   them;
//! - stream 2: every draw player 2's strategy makes.
//!
//! A draw happens only when its probability is strictly between 0 and 1 (a
//! probability of 1 happens without drawing). A draw is one 64-bit output `x`
//! turned into `u = (x >> 11) * 2^-53` in `[0, 1)`; an event of probability
//! `p` happens iff `u < p`. No perception draw is made when both players
//! perceive perfectly. A continuation match with continuation
//! probability `p` lasts `L = 1 + floor(ln(1 - u) / ln p)` turns (a geometric
//! length, `P(L > k) = p^k`), drawn before the first turn, so noise draws do
//! not depend on it. Because the strategies draw from their own streams, two
//! matches with the same seed and noise see the same noise whatever the
//! strategies do with their randomness (docs/model.md §8.5).
//!
//! Tournaments derive each match's seed from (tournament seed, i, j,
//! repetition) with [`match_seed`], so a match's result does not depend on
//! which thread or machine plays it.

mod alphabet;
mod engine;
mod game;
pub mod group;
mod rules;
mod streams;

pub use crate::action::Perception;
pub use crate::strategy::MatchInfo;
pub(crate) use alphabet::happens;
pub use alphabet::Alphabet;
pub use engine::{play_match, DefectionCause, Match, MatchOutcome, MatchResult, MatchRunner};
pub use game::{Game, StageGame};
pub use rules::{group_relation, MatchConfig, MatchLength, MatchRules, PerceptionRule};
pub use streams::{
    group_seed, group_streams, match_seed, match_streams, replicate_seed, splitmix64,
};
