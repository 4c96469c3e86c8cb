//! The rules of a match: its length, action noise, each player's perception
//! and what the strategies are told (docs/model.md §8).

use crate::action::Perception;
use crate::strategy::MatchInfo;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// How long a match lasts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchLength {
    /// A fixed number of turns.
    Turns(u64),
    /// After every turn the match goes on with this probability (in `[0, 1)`).
    Continuation(f64),
}

/// How one observer misreads the other's moves: one error probability per
/// kind of misreading (docs/model.md §5.1, §7.3).
pub trait PerceptionRule: Copy + PartialEq + std::fmt::Debug + Send + Sync + 'static {
    /// An observer that never misreads.
    const PERFECT: Self;

    /// The names of the error probabilities, in [`PerceptionRule::rate`]
    /// order, as a configuration error names them.
    const RATES: &'static [&'static str];

    /// The error probability named `RATES[k]`.
    fn rate(&self, k: usize) -> f64;

    /// What a strategy is told of it ([`MatchInfo::perception`]): the
    /// probabilities of reading move 0 as move 1 and move 1 as move 0.
    fn as_two_action(&self) -> Perception;

    /// `true` when it never misreads.
    fn is_perfect(&self) -> bool {
        (0..Self::RATES.len()).all(|k| self.rate(k) <= 0.0)
    }
}

impl PerceptionRule for Perception {
    const PERFECT: Self = Perception::symmetric(0.0);
    const RATES: &'static [&'static str] = &["c_as_d", "d_as_c"];

    #[inline]
    fn rate(&self, k: usize) -> f64 {
        [self.c_as_d, self.d_as_c][k]
    }

    #[inline]
    fn as_two_action(&self) -> Perception {
        *self
    }

    #[inline]
    fn is_perfect(&self) -> bool {
        Perception::is_perfect(self)
    }
}

/// The rules of a match whose observers misread moves as `P` says: the
/// two-action [`MatchConfig`] and the three-action
/// [`PostureMatchConfig`](crate::posture::PostureMatchConfig).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MatchRules<P> {
    /// Fixed turns or a continuation probability.
    pub length: MatchLength,
    /// Action noise: probability that an intended move is replaced
    /// (trembling hand).
    pub noise: f64,
    /// Perception noise of player 1 (reading player 2) and player 2.
    pub perception: [P; 2],
    /// Whether the strategies are told the number of turns (only for fixed
    /// turns; Axelrod-Python tells them).
    pub length_known: bool,
    /// Whether to keep the move strings in the result.
    pub record_moves: bool,
    /// The opponent's tag relation as player 1 and player 2 see it (see
    /// [`MatchInfo::same_group`]); `[None, None]` for untagged players. It
    /// only informs the strategies: it changes no draw of the match.
    #[serde(default, skip_serializing_if = "untagged")]
    pub same_group: [Option<bool>; 2],
}

/// The rules of a two-action match.
pub type MatchConfig = MatchRules<Perception>;

fn untagged(tags: &[Option<bool>; 2]) -> bool {
    tags.iter().all(Option::is_none)
}

/// How a player with group label `own` sees an opponent with label
/// `opponent`: `Some(true)` for the same label, `Some(false)` for another
/// label or when `own` has none, `None` when the opponent is unlabelled.
pub fn group_relation(own: Option<&str>, opponent: Option<&str>) -> Option<bool> {
    opponent.map(|o| own == Some(o))
}

impl<P: PerceptionRule> MatchRules<P> {
    /// A match of `n` turns, length announced, no noise, moves not recorded.
    pub const fn turns(n: u64) -> Self {
        MatchRules {
            length: MatchLength::Turns(n),
            noise: 0.0,
            perception: [P::PERFECT; 2],
            length_known: true,
            record_moves: false,
            same_group: [None, None],
        }
    }

    /// A match that goes on after each turn with probability `p` (length
    /// unknown to the strategies).
    pub const fn continuation(p: f64) -> Self {
        MatchRules {
            length: MatchLength::Continuation(p),
            noise: 0.0,
            perception: [P::PERFECT; 2],
            length_known: false,
            record_moves: false,
            same_group: [None, None],
        }
    }

    /// With action noise `e`.
    pub const fn with_noise(mut self, e: f64) -> Self {
        self.noise = e;
        self
    }

    /// With the given perception noise for player 1 and player 2.
    pub const fn with_perception(mut self, player1: P, player2: P) -> Self {
        self.perception = [player1, player2];
        self
    }

    /// With the opponent's tag relation as player 1 and player 2 see it.
    pub const fn with_same_group(mut self, player1: Option<bool>, player2: Option<bool>) -> Self {
        self.same_group = [player1, player2];
        self
    }

    /// Whether the strategies are told the number of turns.
    pub const fn length_known(mut self, known: bool) -> Self {
        self.length_known = known;
        self
    }

    /// Whether to keep the move strings.
    pub const fn recording(mut self, record: bool) -> Self {
        self.record_moves = record;
        self
    }

    /// What player `k` (0 or 1) is told of the match: the action noise, its
    /// own perception errors (as a two-action reading) and its opponent's tag
    /// relation.
    pub fn info_for(&self, k: usize) -> MatchInfo {
        MatchInfo {
            action_noise: self.noise,
            perception: self.perception[k].as_two_action(),
            same_group: self.same_group[k],
        }
    }

    /// The length announced to the strategies: the number of turns of a
    /// fixed-length match that announces it.
    pub fn announced_length(&self) -> Option<u64> {
        match self.length {
            MatchLength::Turns(n) if self.length_known => Some(n),
            _ => None,
        }
    }

    /// Checks every probability is in `[0, 1]` (a continuation probability in
    /// `[0, 1)`).
    pub fn validate(&self) -> Result<()> {
        let expected = "a probability in [0, 1]";
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(Error::invalid_parameter("noise", self.noise, expected));
        }
        for (k, p) in self.perception.iter().enumerate() {
            for (r, name) in P::RATES.iter().enumerate() {
                let v = p.rate(r);
                if !(0.0..=1.0).contains(&v) {
                    let field = format!("perception[{}].{name}", k + 1);
                    return Err(Error::invalid_parameter(&field, v, expected));
                }
            }
        }
        match self.length {
            MatchLength::Turns(_) => Ok(()),
            MatchLength::Continuation(p) => {
                if (0.0..1.0).contains(&p) {
                    Ok(())
                } else {
                    Err(Error::invalid_parameter(
                        "continuation",
                        p,
                        "a probability in [0, 1) (1 would never end)",
                    ))
                }
            }
        }
    }
}
