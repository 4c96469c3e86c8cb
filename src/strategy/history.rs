//! A player's record of a match: its own moves and what it perceived of the
//! opponent's.

use crate::Action;

/// One player's record of a match so far: what it played and what it
/// perceived the opponent to play, turn by turn, with running counts.
///
/// Buffers are reused between matches ([`History::clear`]) so a match does not
/// allocate per turn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    own: Vec<Action>,
    opp: Vec<Action>,
    own_defections: usize,
    opp_defections: usize,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        History::default()
    }

    /// An empty history with room for `turns` turns.
    pub fn with_capacity(turns: usize) -> Self {
        History {
            own: Vec::with_capacity(turns),
            opp: Vec::with_capacity(turns),
            own_defections: 0,
            opp_defections: 0,
        }
    }

    /// A history from two equally long move sequences (own, perceived
    /// opponent's). Panics if their lengths differ.
    pub fn from_moves(own: &[Action], opp: &[Action]) -> Self {
        assert_eq!(own.len(), opp.len(), "history sequences differ in length");
        let mut h = History::with_capacity(own.len());
        for (&a, &b) in own.iter().zip(opp) {
            h.push(a, b);
        }
        h
    }

    /// Empties the history, keeping its buffers.
    pub fn clear(&mut self) {
        self.own.clear();
        self.opp.clear();
        self.own_defections = 0;
        self.opp_defections = 0;
    }

    /// Makes room for `additional` more turns.
    pub fn reserve(&mut self, additional: usize) {
        self.own.reserve(additional);
        self.opp.reserve(additional);
    }

    /// Records one turn: what this player played and what it perceived.
    #[inline]
    pub fn push(&mut self, own: Action, opp: Action) {
        self.own.push(own);
        self.opp.push(opp);
        self.own_defections += own as usize;
        self.opp_defections += opp as usize;
    }

    /// Number of turns played.
    #[inline]
    pub fn len(&self) -> usize {
        self.own.len()
    }

    /// `true` before the first turn.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// This player's moves, oldest first.
    #[inline]
    pub fn own(&self) -> &[Action] {
        &self.own
    }

    /// The opponent's moves as this player perceived them, oldest first.
    #[inline]
    pub fn opp(&self) -> &[Action] {
        &self.opp
    }

    /// This player's last move.
    #[inline]
    pub fn last_own(&self) -> Option<Action> {
        self.own.last().copied()
    }

    /// The opponent's last move as perceived.
    #[inline]
    pub fn last_opp(&self) -> Option<Action> {
        self.opp.last().copied()
    }

    /// This player's move `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn own_back(&self, k: usize) -> Option<Action> {
        self.own.len().checked_sub(k).map(|i| self.own[i])
    }

    /// The opponent's perceived move `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn opp_back(&self, k: usize) -> Option<Action> {
        self.opp.len().checked_sub(k).map(|i| self.opp[i])
    }

    /// The last `n` own moves (fewer at the start of the match).
    #[inline]
    pub fn own_last(&self, n: usize) -> &[Action] {
        &self.own[self.own.len().saturating_sub(n)..]
    }

    /// The last `n` perceived opponent moves (fewer at the start).
    #[inline]
    pub fn opp_last(&self, n: usize) -> &[Action] {
        &self.opp[self.opp.len().saturating_sub(n)..]
    }

    /// How many times this player defected.
    #[inline]
    pub fn own_defections(&self) -> usize {
        self.own_defections
    }

    /// How many times this player cooperated.
    #[inline]
    pub fn own_cooperations(&self) -> usize {
        self.own.len() - self.own_defections
    }

    /// How many times the opponent was perceived to defect.
    #[inline]
    pub fn opp_defections(&self) -> usize {
        self.opp_defections
    }

    /// How many times the opponent was perceived to cooperate.
    #[inline]
    pub fn opp_cooperations(&self) -> usize {
        self.opp.len() - self.opp_defections
    }
}
