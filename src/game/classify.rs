//! Ordinal classes of symmetric 2x2 games.
//!
//! A symmetric 2x2 game with action 0 = cooperate and action 1 = defect is
//! described by the row player's payoffs R = A\[0\]\[0\], S = A\[0\]\[1\],
//! T = A\[1\]\[0\], P = A\[1\]\[1\]. Two differences place it: **greed**
//! G = T - R (the gain from defecting on a cooperator) and **fear**
//! F = P - S (the gain from defecting on a defector).
//!
//! | class | condition |
//! |---|---|
//! | harmony | G <= 0 and F <= 0 |
//! | stag hunt | G <= 0 < F and R > P |
//! | chicken | F <= 0 < G and R > S |
//! | prisoner's dilemma | G > 0, F > 0 and R > P |
//! | deadlock | G > 0, F > 0 and P >= R |
//! | other | anything else (e.g. mutual defection best with G <= 0) |
//!
//! **Ties.** A greed or fear of exactly zero is no incentive at all: the
//! inequality is read as `<= 0`, so ties fall to the cooperative side
//! (T = R with P > S is a stag hunt; R = P with G, F > 0 is deadlock, since
//! mutual cooperation is then no better than mutual defection). A game on such a
//! boundary is still given its class, and [`Classification::on_boundary`] says
//! which equality held.
//!
//! ## References
//! - Rapoport, A. and Guyer, M. (1966). A taxonomy of 2x2 games.
//! - Jervis, R. (1978). Cooperation under the security dilemma. *World Politics* 30:167-214.
//! - Macy, M. W. and Flache, A. (2002). Learning dynamics in social dilemmas.
//!   *PNAS* 99:7229-7236 (greed and fear).

use super::MatrixGame;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The ordinal class of a symmetric 2x2 game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GameClass {
    /// Cooperation dominates (no greed, no fear).
    Harmony,
    /// Coordination on mutual cooperation, feared exploitation (fear, no greed).
    StagHunt,
    /// Anti-coordination (greed, no fear).
    Chicken,
    /// Greed and fear, and mutual cooperation beats mutual defection.
    PrisonersDilemma,
    /// Defection dominates and mutual defection is preferred.
    Deadlock,
    /// None of the above.
    Other,
}

impl GameClass {
    /// The class's name as printed (`"prisoner's dilemma"`, ...).
    pub fn label(self) -> &'static str {
        match self {
            GameClass::Harmony => "harmony",
            GameClass::StagHunt => "stag hunt",
            GameClass::Chicken => "chicken",
            GameClass::PrisonersDilemma => "prisoner's dilemma",
            GameClass::Deadlock => "deadlock",
            GameClass::Other => "other",
        }
    }
}

impl fmt::Display for GameClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A full classification: the class, the payoffs it was read from, and ties.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The ordinal class.
    pub class: GameClass,
    /// Reward for mutual cooperation.
    pub r: f64,
    /// Sucker's payoff.
    pub s: f64,
    /// Temptation.
    pub t: f64,
    /// Punishment for mutual defection.
    pub p: f64,
    /// Greed G = T - R.
    pub greed: f64,
    /// Fear F = P - S.
    pub fear: f64,
    /// `true` when a deciding comparison was a tie (G = 0, F = 0, or R = P /
    /// R = S where that decided the class).
    pub on_boundary: bool,
}

impl Classification {
    /// Classifies a symmetric game given by (R, S, T, P).
    pub fn from_rstp(r: f64, s: f64, t: f64, p: f64) -> Self {
        let greed = t - r;
        let fear = p - s;
        let (class, on_boundary) = match (greed > 0.0, fear > 0.0) {
            (false, false) => (GameClass::Harmony, greed == 0.0 || fear == 0.0),
            (false, true) if r > p => (GameClass::StagHunt, greed == 0.0),
            (false, true) => (GameClass::Other, greed == 0.0 || r == p),
            (true, false) if r > s => (GameClass::Chicken, fear == 0.0),
            (true, false) => (GameClass::Other, fear == 0.0 || r == s),
            (true, true) if r > p => (GameClass::PrisonersDilemma, false),
            (true, true) => (GameClass::Deadlock, r == p),
        };
        Classification {
            class,
            r,
            s,
            t,
            p,
            greed,
            fear,
            on_boundary,
        }
    }

    /// The stag hunt's trust threshold q* = F / (F - G): the least probability
    /// that the other cooperates at which cooperating is a best response.
    /// `None` outside the stag hunt, where no such threshold exists (in harmony
    /// cooperation is always best, elsewhere defection pays at any belief or the
    /// question does not arise in this form).
    pub fn trust_threshold(&self) -> Option<f64> {
        (self.class == GameClass::StagHunt).then(|| self.fear / (self.fear - self.greed))
    }
}

/// The ordinal class of a symmetric 2x2 game (see the module documentation for
/// the rule, ties included).
///
/// Errors if the game is not 2x2 or not symmetric (B = Aᵀ, within 1e-12).
pub fn classify(game: &MatrixGame) -> Result<GameClass> {
    classify_detailed(game).map(|c| c.class)
}

/// Like [`classify`], with the payoffs, greed, fear and tie information.
pub fn classify_detailed(game: &MatrixGame) -> Result<Classification> {
    if game.shape() != (2, 2) {
        return Err(Error::UnsupportedGame {
            operation: "classification",
            requirement: "a 2x2 game",
            found: format!("{}x{}", game.shape().0, game.shape().1),
        });
    }
    if !game.is_symmetric(1e-12) {
        return Err(Error::UnsupportedGame {
            operation: "classification",
            requirement: "a symmetric game (B = A transposed)",
            found: "asymmetric".to_string(),
        });
    }
    let a = game.row_payoffs();
    Ok(Classification::from_rstp(
        a[(0, 0)],
        a[(0, 1)],
        a[(1, 0)],
        a[(1, 1)],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(r: f64, s: f64, t: f64, p: f64) -> (GameClass, bool) {
        let c = Classification::from_rstp(r, s, t, p);
        (c.class, c.on_boundary)
    }

    #[test]
    fn strict_orderings() {
        assert_eq!(
            class(3.0, 0.0, 5.0, 1.0),
            (GameClass::PrisonersDilemma, false)
        );
        assert_eq!(class(4.0, 0.0, 3.0, 2.0), (GameClass::StagHunt, false));
        assert_eq!(class(3.0, 1.0, 4.0, 0.0), (GameClass::Chicken, false));
        assert_eq!(class(1.0, 0.0, 3.0, 2.0), (GameClass::Deadlock, false));
        assert_eq!(class(3.0, 2.0, 1.0, 0.0), (GameClass::Harmony, false));
        // Leader / hero: S > R with greed and no fear.
        assert_eq!(class(1.0, 3.0, 4.0, 0.0), (GameClass::Other, false));
        // Mutual defection best, no greed.
        assert_eq!(class(2.0, 0.0, 1.0, 3.0), (GameClass::Other, false));
    }

    #[test]
    fn ties_fall_to_the_cooperative_side_and_are_flagged() {
        // T = R with fear: stag hunt on the boundary with the prisoner's dilemma.
        assert_eq!(class(2.0, -3.0, 2.0, -2.0), (GameClass::StagHunt, true));
        // P = S with greed: chicken on the boundary with the prisoner's dilemma.
        assert_eq!(class(3.0, 1.0, 4.0, 1.0), (GameClass::Chicken, true));
        // R = P with greed and fear: deadlock's edge.
        assert_eq!(class(1.0, 0.0, 3.0, 1.0), (GameClass::Deadlock, true));
        // All equal: harmony, trivially.
        assert_eq!(class(1.0, 1.0, 1.0, 1.0), (GameClass::Harmony, true));
    }

    #[test]
    fn trust_threshold_of_a_stag_hunt() {
        // R=4, S=0, T=3, P=2: G = -1, F = 2, q* = 2/3.
        let c = Classification::from_rstp(4.0, 0.0, 3.0, 2.0);
        assert!((c.trust_threshold().unwrap() - 2.0 / 3.0).abs() < 1e-15);
        // Check it is the indifference point: q R + (1-q) S = q T + (1-q) P.
        let q = c.trust_threshold().unwrap();
        assert!((q * 4.0 - (q * 3.0 + (1.0 - q) * 2.0)).abs() < 1e-12);
        assert_eq!(
            Classification::from_rstp(3.0, 0.0, 5.0, 1.0).trust_threshold(),
            None
        );
    }

    #[test]
    fn rejects_non_2x2_and_asymmetric_games() {
        use crate::game::catalogue;
        assert!(classify(&catalogue::rock_paper_scissors()).is_err());
        assert!(classify(&catalogue::battle_of_the_sexes(2.0, 1.0).unwrap()).is_err());
    }
}
