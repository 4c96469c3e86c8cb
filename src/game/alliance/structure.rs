//! The states of an alliance game and their partition into blocs, checked
//! (docs/model.md §20.1).

use crate::error::Error;
use crate::game::{SecurityDilemma, SideParameters};
use serde::{Deserialize, Serialize};

/// The most states an alliance game may have (its strategic form has 2^N
/// profiles).
pub const MAX_STATES: usize = 20;

/// What is wrong with an alliance structure.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AllianceError {
    /// Fewer than two or more than [`MAX_STATES`] states.
    #[error("an alliance game needs 2 to {MAX_STATES} states, got {0}")]
    StateCount(usize),
    /// Two states share a name.
    #[error("state `{0}` is named twice; states need distinct names")]
    DuplicateState(String),
    /// Two blocs share a name.
    #[error("bloc `{0}` is named twice; blocs need distinct names")]
    DuplicateBloc(String),
    /// A bloc without members.
    #[error("bloc `{0}` has no members")]
    EmptyBloc(String),
    /// A bloc names a state that does not exist.
    #[error("bloc `{bloc}` names the unknown state `{state}`; known states: {known}")]
    UnknownState {
        /// The bloc.
        bloc: String,
        /// The name it gives.
        state: String,
        /// The states, comma separated.
        known: String,
    },
    /// A state named by two blocs (or twice by one).
    #[error(
        "state `{state}` is in bloc `{first}` and in bloc `{second}`; a state belongs to one bloc"
    )]
    TwoBlocs {
        /// The state.
        state: String,
        /// The first bloc naming it.
        first: String,
        /// The second.
        second: String,
    },
    /// One bloc holds every state: no state has an outsider.
    #[error("bloc `{0}` holds every state: each state needs an outsider (at least two blocs)")]
    NoOutsider(String),
    /// The commitment is not in \[0, 1\].
    #[error("commitment = {0} is invalid: the share of an armed ally's capability that counts, a number in [0, 1]")]
    Commitment(f64),
}

/// One state: its name and its own values of the model's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateSpec {
    /// The state's name.
    pub name: String,
    /// Its own values (unset ones take the game's).
    #[serde(default)]
    pub parameters: SideParameters,
}

/// One bloc: its name and its members' names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocSpec {
    /// The bloc's name.
    pub name: String,
    /// The names of its states.
    pub members: Vec<String>,
}

/// An alliance game as written: the common game, the states, the blocs and
/// the commitment κ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllianceSpec {
    /// The common values (v, w, c, k, σ, ε0) and every value a state does
    /// not set.
    #[serde(default)]
    pub game: SecurityDilemma,
    /// The states, in seat order.
    pub states: Vec<StateSpec>,
    /// The blocs; a state named by none is a bloc of its own.
    #[serde(default)]
    pub blocs: Vec<BlocSpec>,
    /// κ in \[0, 1\]: the share of an armed ally's capability that counts
    /// for its partner.
    #[serde(default = "one")]
    pub commitment: f64,
}

impl From<AllianceError> for Error {
    /// An [`Error::Config`] whose field is the part of the structure at
    /// fault (`states`, `blocs`, `commitment`).
    fn from(e: AllianceError) -> Self {
        let field = match e {
            AllianceError::StateCount(_) | AllianceError::DuplicateState(_) => "states",
            AllianceError::Commitment(_) => "commitment",
            _ => "blocs",
        };
        Error::Config {
            field: field.into(),
            message: e.to_string(),
        }
    }
}

fn one() -> f64 {
    1.0
}

impl AllianceSpec {
    /// `n` states named `1, 2, ...` without values of their own, no blocs,
    /// commitment 1.
    pub fn plain(game: SecurityDilemma, n: usize) -> Self {
        AllianceSpec {
            game,
            states: (1..=n)
                .map(|k| StateSpec {
                    name: k.to_string(),
                    parameters: SideParameters::default(),
                })
                .collect(),
            blocs: Vec::new(),
            commitment: 1.0,
        }
    }
}

/// The blocs, resolved: each state's bloc, and the blocs' names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocs {
    /// `bloc_of[i]`: the bloc of state i (an index into `names`).
    pub bloc_of: Vec<usize>,
    /// The blocs' names: the named blocs in order, then one bloc per state
    /// named by none (named after the state).
    pub names: Vec<String>,
}

impl Blocs {
    /// Resolves `blocs` over the states named `states`.
    ///
    /// # Errors
    /// [`AllianceError`] for a wrong number of states, a name given twice,
    /// an empty bloc, an unknown state, a state in two blocs, or a single
    /// bloc holding every state.
    pub fn new(states: &[String], blocs: &[BlocSpec]) -> Result<Self, AllianceError> {
        if !(2..=MAX_STATES).contains(&states.len()) {
            return Err(AllianceError::StateCount(states.len()));
        }
        for (k, s) in states.iter().enumerate() {
            if states[..k].contains(s) {
                return Err(AllianceError::DuplicateState(s.clone()));
            }
        }
        let mut bloc_of: Vec<Option<usize>> = vec![None; states.len()];
        let mut names = Vec::new();
        for (b, bloc) in blocs.iter().enumerate() {
            if blocs[..b].iter().any(|o| o.name == bloc.name) {
                return Err(AllianceError::DuplicateBloc(bloc.name.clone()));
            }
            if bloc.members.is_empty() {
                return Err(AllianceError::EmptyBloc(bloc.name.clone()));
            }
            for m in &bloc.members {
                let i = states.iter().position(|s| s == m).ok_or_else(|| {
                    AllianceError::UnknownState {
                        bloc: bloc.name.clone(),
                        state: m.clone(),
                        known: states.join(", "),
                    }
                })?;
                if let Some(first) = bloc_of[i] {
                    return Err(AllianceError::TwoBlocs {
                        state: m.clone(),
                        first: blocs[first].name.clone(),
                        second: bloc.name.clone(),
                    });
                }
                bloc_of[i] = Some(b);
            }
            names.push(bloc.name.clone());
        }
        let bloc_of: Vec<usize> = bloc_of
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                b.unwrap_or_else(|| {
                    names.push(states[i].clone());
                    names.len() - 1
                })
            })
            .collect();
        if names.len() == 1 {
            return Err(AllianceError::NoOutsider(names[0].clone()));
        }
        Ok(Blocs { bloc_of, names })
    }

    /// Whether states `i` and `l` are allies (in one bloc, `i ≠ l`).
    pub fn allied(&self, i: usize, l: usize) -> bool {
        i != l && self.bloc_of[i] == self.bloc_of[l]
    }

    /// The number of states.
    pub fn len(&self) -> usize {
        self.bloc_of.len()
    }

    /// Whether there are no states (never, once built).
    pub fn is_empty(&self) -> bool {
        self.bloc_of.is_empty()
    }

    /// The members of bloc `b`, in state order.
    pub fn members(&self, b: usize) -> Vec<usize> {
        (0..self.len()).filter(|&i| self.bloc_of[i] == b).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|k| k.to_string()).collect()
    }

    fn bloc(name: &str, members: &[&str]) -> BlocSpec {
        BlocSpec {
            name: name.into(),
            members: members.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn unnamed_states_are_blocs_of_their_own() {
        let b = Blocs::new(&names(4), &[bloc("west", &["1", "3"])]).unwrap();
        assert_eq!(b.bloc_of, vec![0, 1, 0, 2]);
        assert_eq!(b.names, vec!["west", "2", "4"]);
        assert!(b.allied(0, 2) && !b.allied(0, 1) && !b.allied(0, 0));
        assert_eq!(b.members(0), vec![0, 2]);
    }

    #[test]
    fn bad_structures_are_refused_by_name() {
        let n = names(3);
        let cases = [
            (
                vec![bloc("west", &["1", "9"])],
                "bloc `west` names the unknown state `9`; known states: 1, 2, 3",
            ),
            (
                vec![bloc("west", &["1", "2"]), bloc("east", &["2"])],
                "state `2` is in bloc `west` and in bloc `east`",
            ),
            (
                vec![bloc("west", &["1", "1"])],
                "state `1` is in bloc `west` and in bloc `west`",
            ),
            (vec![bloc("west", &[])], "bloc `west` has no members"),
            (
                vec![bloc("west", &["1"]), bloc("west", &["2"])],
                "bloc `west` is named twice",
            ),
            (
                vec![bloc("all", &["1", "2", "3"])],
                "bloc `all` holds every state",
            ),
        ];
        for (blocs, want) in cases {
            let e = Blocs::new(&n, &blocs).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        }
        assert_eq!(
            Blocs::new(&names(1), &[]).unwrap_err(),
            AllianceError::StateCount(1)
        );
        let twice = vec!["a".to_string(), "a".to_string()];
        assert_eq!(
            Blocs::new(&twice, &[]).unwrap_err(),
            AllianceError::DuplicateState("a".into())
        );
    }
}
