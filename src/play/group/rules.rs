//! The rules of an n-player match: length, each player's action noise and
//! each player's perception of each other (docs/model.md §20.5).

use crate::action::Perception;
use crate::error::{Error, Result};
use crate::play::MatchLength;

/// The rules of a match among `n` players.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRules {
    /// Fixed turns or a continuation probability.
    pub length: MatchLength,
    /// `noise[k]`: the probability that seat k's intended move flips.
    pub noise: Vec<f64>,
    /// `perception[k][l]`: how seat k misreads seat l (the diagonal is not
    /// used: a player knows its own move).
    pub perception: Vec<Vec<Perception>>,
    /// Whether to keep every seat's moves.
    pub record_moves: bool,
}

impl GroupRules {
    /// `turns` turns among `n` players, no noise.
    pub fn turns(turns: u64, n: usize) -> Self {
        GroupRules {
            length: MatchLength::Turns(turns),
            noise: vec![0.0; n],
            perception: vec![vec![Perception::symmetric(0.0); n]; n],
            record_moves: false,
        }
    }

    /// With the given length: fixed turns or a continuation probability.
    pub fn with_length(mut self, length: MatchLength) -> Self {
        self.length = length;
        self
    }

    /// With action noise `e` for every seat.
    pub fn with_noise(mut self, e: f64) -> Self {
        self.noise.iter_mut().for_each(|x| *x = e);
        self
    }

    /// With every seat misreading every other both ways with probability `e`.
    pub fn with_perception_noise(mut self, e: f64) -> Self {
        for row in &mut self.perception {
            row.iter_mut().for_each(|p| *p = Perception::symmetric(e));
        }
        self
    }

    /// Whether to keep the moves.
    pub fn recording(mut self, record: bool) -> Self {
        self.record_moves = record;
        self
    }

    /// The number of seats.
    pub fn players(&self) -> usize {
        self.noise.len()
    }

    /// Checks the shapes and that every probability is in \[0, 1\] (a
    /// continuation probability in \[0, 1)).
    pub fn validate(&self) -> Result<()> {
        let n = self.noise.len();
        if self.perception.len() != n || self.perception.iter().any(|r| r.len() != n) {
            return Err(Error::Config {
                field: "perception".into(),
                message: format!("one row of {n} perceptions per player, {n} rows"),
            });
        }
        let expected = "a probability in [0, 1]";
        for (k, &e) in self.noise.iter().enumerate() {
            if !(0.0..=1.0).contains(&e) {
                return Err(Error::invalid_parameter(
                    &format!("noise[{}]", k + 1),
                    e,
                    expected,
                ));
            }
        }
        for (k, row) in self.perception.iter().enumerate() {
            for (l, p) in row.iter().enumerate() {
                for (name, v) in [("c_as_d", p.c_as_d), ("d_as_c", p.d_as_c)] {
                    if !(0.0..=1.0).contains(&v) {
                        return Err(Error::invalid_parameter(
                            &format!("perception[{}][{}].{name}", k + 1, l + 1),
                            v,
                            expected,
                        ));
                    }
                }
            }
        }
        if let MatchLength::Continuation(p) = self.length {
            if !(0.0..1.0).contains(&p) {
                return Err(Error::invalid_parameter(
                    "continuation",
                    p,
                    "a probability in [0, 1) (1 would never end)",
                ));
            }
        }
        Ok(())
    }
}
