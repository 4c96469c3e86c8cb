//! How one observer misreads the other's postures (docs/model.md §7.3).

use super::moves::Posture;
use crate::action::Perception;
use crate::error::Result;
use crate::game::security::Player;
use crate::game::sides::Dyad;
use crate::game::SecurityDilemma;
use crate::play::PerceptionRule;
use serde::{Deserialize, Serialize};

/// How one observer misreads the other's postures.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PosturePerception {
    /// Probability that a real R is seen as A.
    pub r_as_a: f64,
    /// Probability that a real A is seen as R.
    pub a_as_r: f64,
    /// Probability that a real H is seen as A.
    pub h_as_a: f64,
}

impl PosturePerception {
    /// The model's perception by observer `observer`: R is read as A with
    /// probability ε0 (1 - δ) + ψ, A as R with probability ε0 (1 - δ), as in
    /// the two-action game; and H as A with probability
    /// (1 - δ) + δ ψ = 1 - δ (1 - ψ): a defensive posture is told apart from
    /// an offensive one with probability δ, the differentiation, and a
    /// paranoid observer reads a share ψ of the distinguishable ones as
    /// arming anyway. At δ = 0 an H is always seen as A, as its payoffs are
    /// those of A.
    pub fn from_security(model: &SecurityDilemma, observer: Player) -> Result<Self> {
        let two = model.perception_noise(observer)?;
        let psi = model.paranoia[match observer {
            Player::Row => 0,
            Player::Column => 1,
        }];
        Ok(Self::from_two_action(
            Perception {
                c_as_d: two.restraint_as_arming,
                d_as_c: two.arming_as_restraint,
            },
            model.differentiation,
            psi,
        ))
    }

    /// The perception of observer `observer` (its side index `k`) between
    /// the two sides of `dyad`, by the model's rules as in
    /// [`PosturePerception::from_security`] with each side's own
    /// differentiation and paranoia; or, when `symmetric > 0`, misreading R
    /// as A and A as R with probability `symmetric`, H by the same
    /// differentiation rule.
    pub fn from_dyad(dyad: &Dyad, observer: Player, symmetric: f64) -> Self {
        let k = match observer {
            Player::Row => 0,
            Player::Column => 1,
        };
        let two = if symmetric > 0.0 {
            Perception::symmetric(symmetric)
        } else {
            let n = dyad.perception_noise(observer);
            Perception {
                c_as_d: n.restraint_as_arming,
                d_as_c: n.arming_as_restraint,
            }
        };
        Self::from_two_action(
            two,
            dyad.sides[1 - k].differentiation,
            dyad.sides[k].paranoia,
        )
    }

    /// A two-action perception (C as D, D as C) extended to H with
    /// differentiation `delta` and paranoia `psi`: H is read as A with
    /// probability 1 - δ (1 - ψ).
    pub fn from_two_action(two: Perception, delta: f64, psi: f64) -> Self {
        PosturePerception {
            r_as_a: two.c_as_d,
            a_as_r: two.d_as_c,
            h_as_a: (1.0 - delta * (1.0 - psi)).clamp(0.0, 1.0),
        }
    }

    /// The R/A part, as a two-action perception.
    pub fn as_two_action(&self) -> Perception {
        Perception {
            c_as_d: self.r_as_a,
            d_as_c: self.a_as_r,
        }
    }

    /// The probability of seeing the real posture `p` misread.
    #[inline]
    pub(crate) fn error(&self, p: Posture) -> f64 {
        match p {
            Posture::R => self.r_as_a,
            Posture::A => self.a_as_r,
            Posture::H => self.h_as_a,
        }
    }
}

impl PerceptionRule for PosturePerception {
    const PERFECT: Self = PosturePerception {
        r_as_a: 0.0,
        a_as_r: 0.0,
        h_as_a: 0.0,
    };
    const RATES: &'static [&'static str] = &["r_as_a", "a_as_r", "h_as_a"];

    #[inline]
    fn rate(&self, k: usize) -> f64 {
        [self.r_as_a, self.a_as_r, self.h_as_a][k]
    }

    #[inline]
    fn as_two_action(&self) -> Perception {
        PosturePerception::as_two_action(self)
    }
}
