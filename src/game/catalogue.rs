//! The classic games, with their payoffs written out.
//!
//! Every 2x2 symmetric game here is given by its four payoffs to the row player
//! (R = reward for mutual cooperation, S = sucker's payoff, T = temptation,
//! P = punishment for mutual defection), with action 0 = cooperate (C) and
//! action 1 = defect (D): `A = [[R, S], [T, P]]`, `B = Aᵀ`.
//!
//! ## References
//! - Rapoport, A. and Guyer, M. (1966). A taxonomy of 2x2 games. *General Systems* 11:203-214.
//! - Robinson, D. and Goforth, D. (2005). *The Topology of the 2x2 Games*. Routledge.

use super::MatrixGame;
use crate::error::{Error, Result};
use ndarray::array;

/// A symmetric 2x2 game from its (R, S, T, P) payoffs, actions named C and D.
pub fn symmetric_2x2(name: &str, r: f64, s: f64, t: f64, p: f64) -> Result<MatrixGame> {
    MatrixGame::symmetric(array![[r, s], [t, p]])?
        .with_name(name)
        .with_action_names(["C", "D"], ["C", "D"])
}

/// The prisoner's dilemma with payoffs (R, S, T, P); T > R > P > S makes it one.
/// Axelrod's tournaments use (3, 0, 5, 1) ([`prisoners_dilemma_default`]).
pub fn prisoners_dilemma(r: f64, s: f64, t: f64, p: f64) -> Result<MatrixGame> {
    symmetric_2x2("prisoners_dilemma", r, s, t, p)
}

/// The prisoner's dilemma with Axelrod's payoffs (R, S, T, P) = (3, 0, 5, 1).
pub fn prisoners_dilemma_default() -> MatrixGame {
    prisoners_dilemma(3.0, 0.0, 5.0, 1.0).expect("finite payoffs")
}

/// The stag hunt (R > T >= P > S), e.g. (R, S, T, P) = (4, 0, 3, 2).
pub fn stag_hunt(r: f64, s: f64, t: f64, p: f64) -> Result<MatrixGame> {
    symmetric_2x2("stag_hunt", r, s, t, p)
}

/// Chicken / hawk-dove (T > R > S > P), e.g. (R, S, T, P) = (3, 1, 4, 0).
pub fn chicken(r: f64, s: f64, t: f64, p: f64) -> Result<MatrixGame> {
    symmetric_2x2("chicken", r, s, t, p)
}

/// Hawk-dove with resource value `v` and cost of fighting `c` (Maynard Smith):
/// dove-dove v/2, dove-hawk 0, hawk-dove v, hawk-hawk (v - c)/2. With c > v it
/// is a game of chicken. Action 0 is dove, action 1 hawk.
pub fn hawk_dove(v: f64, c: f64) -> Result<MatrixGame> {
    symmetric_2x2("hawk_dove", v / 2.0, 0.0, v, (v - c) / 2.0)?
        .with_action_names(["Dove", "Hawk"], ["Dove", "Hawk"])
}

/// Deadlock (T > P > R > S), e.g. (R, S, T, P) = (1, 0, 3, 2): defection is
/// dominant and mutual defection is preferred to mutual cooperation.
pub fn deadlock(r: f64, s: f64, t: f64, p: f64) -> Result<MatrixGame> {
    symmetric_2x2("deadlock", r, s, t, p)
}

/// Harmony (R > T, S > P), e.g. (R, S, T, P) = (3, 2, 1, 0): cooperation dominates.
pub fn harmony(r: f64, s: f64, t: f64, p: f64) -> Result<MatrixGame> {
    symmetric_2x2("harmony", r, s, t, p)
}

/// Battle of the sexes: both want to coordinate, on different outcomes.
/// `A = [[a, 0], [0, b]]`, `B = [[b, 0], [0, a]]` with a > b > 0 (default 2, 1).
pub fn battle_of_the_sexes(a: f64, b: f64) -> Result<MatrixGame> {
    MatrixGame::new(array![[a, 0.0], [0.0, b]], array![[b, 0.0], [0.0, a]])?
        .with_name("battle_of_the_sexes")
        .with_action_names(["Opera", "Football"], ["Opera", "Football"])
}

/// Matching pennies: zero-sum, the row player wins on a match.
pub fn matching_pennies() -> MatrixGame {
    MatrixGame::zero_sum(array![[1.0, -1.0], [-1.0, 1.0]])
        .expect("finite payoffs")
        .with_name("matching_pennies")
        .with_action_names(["Heads", "Tails"], ["Heads", "Tails"])
        .expect("two names each")
}

/// Rock-paper-scissors: zero-sum, win 1, lose -1, tie 0.
pub fn rock_paper_scissors() -> MatrixGame {
    MatrixGame::zero_sum(array![[0.0, -1.0, 1.0], [1.0, 0.0, -1.0], [-1.0, 1.0, 0.0]])
        .expect("finite payoffs")
        .with_name("rock_paper_scissors")
        .with_action_names(["Rock", "Paper", "Scissors"], ["Rock", "Paper", "Scissors"])
        .expect("three names each")
}

/// A catalogue entry: its name, its parameters with defaults, and a line on it.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueEntry {
    /// The name [`by_name`] accepts.
    pub name: &'static str,
    /// Parameter names with their default values.
    pub parameters: &'static [(&'static str, f64)],
    /// What the game is.
    pub description: &'static str,
}

impl CatalogueEntry {
    /// The entry's parameter values: its defaults with `overrides` (names
    /// case-insensitive) applied, in the order of [`CatalogueEntry::parameters`].
    ///
    /// # Errors
    /// [`Error::Unknown`] for a parameter the entry does not have;
    /// [`Error::InvalidParameter`] for a value that is not finite.
    pub fn values(&self, overrides: &[(String, f64)]) -> Result<Vec<f64>> {
        let mut values: Vec<f64> = self.parameters.iter().map(|p| p.1).collect();
        for (k, v) in overrides {
            let idx = self
                .parameters
                .iter()
                .position(|p| p.0.eq_ignore_ascii_case(k))
                .ok_or_else(|| Error::Unknown {
                    kind: "parameter",
                    name: format!("{k} (of {})", self.name),
                    known: if self.parameters.is_empty() {
                        "none".to_string()
                    } else {
                        self.parameters
                            .iter()
                            .map(|p| p.0)
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                })?;
            if !v.is_finite() {
                return Err(Error::invalid_parameter(k, *v, "a finite number"));
            }
            values[idx] = *v;
        }
        Ok(values)
    }
}

/// The entry of `entries` named `key`; an [`Error::Unknown`] of `kind`
/// naming `name` (as the user wrote it) and the known names otherwise.
pub(crate) fn find_entry<'a>(
    entries: &'a [CatalogueEntry],
    kind: &'static str,
    key: &str,
    name: &str,
) -> Result<&'a CatalogueEntry> {
    entries
        .iter()
        .find(|e| e.name == key)
        .ok_or_else(|| Error::Unknown {
            kind,
            name: name.to_string(),
            known: entries
                .iter()
                .map(|e| e.name)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

const RSTP_PD: &[(&str, f64)] = &[("R", 3.0), ("S", 0.0), ("T", 5.0), ("P", 1.0)];
const RSTP_SH: &[(&str, f64)] = &[("R", 4.0), ("S", 0.0), ("T", 3.0), ("P", 2.0)];
const RSTP_CH: &[(&str, f64)] = &[("R", 3.0), ("S", 1.0), ("T", 4.0), ("P", 0.0)];
const RSTP_DL: &[(&str, f64)] = &[("R", 1.0), ("S", 0.0), ("T", 3.0), ("P", 2.0)];
const RSTP_HA: &[(&str, f64)] = &[("R", 3.0), ("S", 2.0), ("T", 1.0), ("P", 0.0)];

/// Every game [`by_name`] knows.
pub const CATALOGUE: &[CatalogueEntry] = &[
    CatalogueEntry {
        name: "prisoners_dilemma",
        parameters: RSTP_PD,
        description: "prisoner's dilemma, T > R > P > S",
    },
    CatalogueEntry {
        name: "stag_hunt",
        parameters: RSTP_SH,
        description: "stag hunt (assurance game), R > T >= P > S",
    },
    CatalogueEntry {
        name: "chicken",
        parameters: RSTP_CH,
        description: "chicken, T > R > S > P",
    },
    CatalogueEntry {
        name: "hawk_dove",
        parameters: &[("V", 2.0), ("C", 4.0)],
        description: "hawk-dove with resource value V and fighting cost C",
    },
    CatalogueEntry {
        name: "deadlock",
        parameters: RSTP_DL,
        description: "deadlock, T > P > R > S",
    },
    CatalogueEntry {
        name: "harmony",
        parameters: RSTP_HA,
        description: "harmony, R > T and S > P",
    },
    CatalogueEntry {
        name: "battle_of_the_sexes",
        parameters: &[("a", 2.0), ("b", 1.0)],
        description: "battle of the sexes, coordination with opposed preferences",
    },
    CatalogueEntry {
        name: "matching_pennies",
        parameters: &[],
        description: "matching pennies, zero-sum",
    },
    CatalogueEntry {
        name: "rock_paper_scissors",
        parameters: &[],
        description: "rock-paper-scissors, zero-sum",
    },
];

/// A catalogue game by name (`-` and `_` alike, case-insensitive), with
/// parameters overriding its defaults (e.g. `[("T", 6.0)]`). Aliases:
/// `pd`, `prisoners-dilemma`, `sh`, `hawk-dove`, `bos`, `rps`.
pub fn by_name(name: &str, overrides: &[(String, f64)]) -> Result<MatrixGame> {
    let key = name.to_ascii_lowercase().replace('-', "_");
    let key = match key.as_str() {
        "pd" | "prisoner_dilemma" => "prisoners_dilemma",
        "sh" | "assurance" => "stag_hunt",
        "hd" => "hawk_dove",
        "bos" => "battle_of_the_sexes",
        "rps" => "rock_paper_scissors",
        other => other,
    };
    let entry = find_entry(CATALOGUE, "game", key, name)?;
    let values = entry.values(overrides)?;
    let v = &values;
    match entry.name {
        "prisoners_dilemma" => prisoners_dilemma(v[0], v[1], v[2], v[3]),
        "stag_hunt" => stag_hunt(v[0], v[1], v[2], v[3]),
        "chicken" => chicken(v[0], v[1], v[2], v[3]),
        "hawk_dove" => hawk_dove(v[0], v[1]),
        "deadlock" => deadlock(v[0], v[1], v[2], v[3]),
        "harmony" => harmony(v[0], v[1], v[2], v[3]),
        "battle_of_the_sexes" => battle_of_the_sexes(v[0], v[1]),
        "matching_pennies" => Ok(matching_pennies()),
        "rock_paper_scissors" => Ok(rock_paper_scissors()),
        _ => unreachable!("every catalogue entry is matched"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{classify, GameClass};

    #[test]
    fn every_entry_builds_with_its_defaults() {
        for e in CATALOGUE {
            let g = by_name(e.name, &[]).unwrap();
            assert_eq!(g.name(), e.name);
        }
    }

    #[test]
    fn defaults_fall_in_their_ordinal_class() {
        let class = |n: &str| classify(&by_name(n, &[]).unwrap()).unwrap();
        assert_eq!(class("pd"), GameClass::PrisonersDilemma);
        assert_eq!(class("stag-hunt"), GameClass::StagHunt);
        assert_eq!(class("chicken"), GameClass::Chicken);
        assert_eq!(class("hawk_dove"), GameClass::Chicken);
        assert_eq!(class("deadlock"), GameClass::Deadlock);
        assert_eq!(class("harmony"), GameClass::Harmony);
    }

    #[test]
    fn overrides_and_unknown_names() {
        let g = by_name("pd", &[("T".into(), 6.0)]).unwrap();
        assert_eq!(g.payoffs(1, 0), (6.0, 0.0));
        let e = by_name("pd", &[("Q".into(), 1.0)]).unwrap_err();
        assert!(e.to_string().contains("R, S, T, P"), "{e}");
        let e = by_name("tic-tac-toe", &[]).unwrap_err();
        assert!(e.to_string().contains("unknown game"), "{e}");
        assert!(by_name("pd", &[("R".into(), f64::NAN)]).is_err());
    }

    #[test]
    fn zero_sum_games_are_zero_sum() {
        assert!(matching_pennies().is_zero_sum(0.0));
        assert!(rock_paper_scissors().is_zero_sum(0.0));
        assert!(!battle_of_the_sexes(2.0, 1.0).unwrap().is_symmetric(0.0));
    }
}
