//! A player's record of a match: its own moves and what it perceived of the
//! opponent's, over any move alphabet ([`Move`]).

use crate::action::Move;
use crate::Action;

/// One player's record of a match so far over the moves `M`: what it played
/// and what it perceived the opponent to play, turn by turn, with running
/// counts of the hostile moves (D, A: "defections").
///
/// Buffers are reused between matches ([`MoveHistory::clear`]) so a match
/// does not allocate per turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveHistory<M> {
    own: Vec<M>,
    opp: Vec<M>,
    own_defections: usize,
    opp_defections: usize,
}

/// A history of the two-action game.
pub type History = MoveHistory<Action>;

impl<M: Move> Default for MoveHistory<M> {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl<M: Move> MoveHistory<M> {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty history with room for `turns` turns.
    pub fn with_capacity(turns: usize) -> Self {
        MoveHistory {
            own: Vec::with_capacity(turns),
            opp: Vec::with_capacity(turns),
            own_defections: 0,
            opp_defections: 0,
        }
    }

    /// A history from two equally long move sequences (own, perceived
    /// opponent's). Panics if their lengths differ.
    pub fn from_moves(own: &[M], opp: &[M]) -> Self {
        assert_eq!(own.len(), opp.len(), "history sequences differ in length");
        let mut h = Self::with_capacity(own.len());
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
    pub fn push(&mut self, own: M, opp: M) {
        self.own.push(own);
        self.opp.push(opp);
        self.own_defections += own.hostility();
        self.opp_defections += opp.hostility();
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
    pub fn own(&self) -> &[M] {
        &self.own
    }

    /// The opponent's moves as this player perceived them, oldest first.
    #[inline]
    pub fn opp(&self) -> &[M] {
        &self.opp
    }

    /// This player's last move.
    #[inline]
    pub fn last_own(&self) -> Option<M> {
        self.own.last().copied()
    }

    /// The opponent's last move as perceived.
    #[inline]
    pub fn last_opp(&self) -> Option<M> {
        self.opp.last().copied()
    }

    /// This player's move `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn own_back(&self, k: usize) -> Option<M> {
        self.own.len().checked_sub(k).map(|i| self.own[i])
    }

    /// The opponent's perceived move `k` turns ago (`k = 1` is the last turn).
    #[inline]
    pub fn opp_back(&self, k: usize) -> Option<M> {
        self.opp.len().checked_sub(k).map(|i| self.opp[i])
    }

    /// The last `n` own moves (fewer at the start of the match).
    #[inline]
    pub fn own_last(&self, n: usize) -> &[M] {
        &self.own[self.own.len().saturating_sub(n)..]
    }

    /// The last `n` perceived opponent moves (fewer at the start).
    #[inline]
    pub fn opp_last(&self, n: usize) -> &[M] {
        &self.opp[self.opp.len().saturating_sub(n)..]
    }

    /// How many times this player defected (played the hostile move).
    #[inline]
    pub fn own_defections(&self) -> usize {
        self.own_defections
    }

    /// How many times this player played another move than the hostile one.
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
