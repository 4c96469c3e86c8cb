//! Experiment files: everything a run's flags can say, in a TOML file to commit
//! beside a paper.
//!
//! ```toml
//! strategies = ["my_strategies.toml"]   # optional, relative to this file
//!
//! [tournament]
//! name = "noise-wsls-tft"
//! players = ["Tit For Tat", "Win-Stay Lose-Shift", "Defector"]
//! turns = 200
//! repetitions = 20
//! noise = 0.05
//! seed = 1
//! game = { kind = "catalogue", name = "prisoners_dilemma" }
//!
//! [evolution]
//! generations = 1000                    # ecological simulation on the payoff matrix
//! moran = [{ mutant = "Win-Stay Lose-Shift", resident = "Tit For Tat", population = 10 }]
//! # play_matches = true in a Moran entry replays the matches every step;
//! # mode = "db", mutation_rate, steps, interaction_graph = { lattice = "2x5" }
//! # or { edges = "ring.txt" }, reproduction_graph and outcome_samples give
//! # its variants (docs/model.md §11.4)
//! ```
//!
//! or, instead of `[evolution]`, a sweep over the tournament's game:
//!
//! ```toml
//! [sweep]
//! ecological_generations = 1000
//! axes = [
//!   { parameter = "offence", from = 0.0, to = 1.0, steps = 21 },
//!   { parameter = "differentiation", values = [0.0, 0.5, 1.0] },
//! ]
//! ```
//!
//! or, instead of `[tournament]`, a tournament of groups (docs/model.md §20.6)
//! or, with `evolution`, the evolution of its field in groups (§20.8):
//!
//! ```toml
//! [groups]
//! strategies = ["my_group_strategies.toml"]   # optional, relative to this file
//! players = ["Chain Ganger", "Buck Passer", "Defector"]
//! group_size = 3
//! turns = 200
//! noise = 0.01
//! game = { kind = "alliance", alliance = { states = [{ name = "a" }, { name = "b" }, { name = "c" }], blocs = [{ name = "west", members = ["a", "b"] }], game = { offence = 0.8 } } }
//! [groups.evolution]
//! replicator = { dt = 0.1, steps = 500 }
//! fixation = { population = 50, intensity = 1.0 }
//! ```
//!
//! or a sensitivity analysis around the tournament's configuration
//! ([`SensitivityRequest`]; the tournament's game must be the security game):
//!
//! ```toml
//! [sensitivity]
//! outcome = "evolved-restraint"
//! ranges = [{ parameter = "stakes", low = 3.0, high = 5.0 }]
//! ```

use crate::compare::CompareConfig;
use crate::error::{Error, Result};
use crate::evolution::groups::GroupEvolutionConfig;
pub use crate::evolution::{EvolutionConfig, GraphSpec, MoranConfig};
use crate::sensitivity::SensitivityRequest;
use crate::sweep::SweepConfig;
use crate::tournament::groups::GroupTournamentConfig;
use crate::tournament::{GameSpec, TournamentConfig};
use serde::{Deserialize, Deserializer, Serialize};
use std::path::{Path, PathBuf};

/// An experiment file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// Strategy files to load, relative to the experiment file (made so by
    /// [`Experiment::read`]).
    #[serde(default)]
    pub strategies: Vec<PathBuf>,
    /// A tournament.
    pub tournament: Option<TournamentConfig>,
    /// Evolution on the tournament's payoffs.
    pub evolution: Option<EvolutionConfig>,
    /// A sweep over the tournament's game parameters (the tournament is the
    /// base configuration of every point).
    pub sweep: Option<SweepConfig>,
    /// A published table to compare the tournament with.
    pub compare: Option<CompareConfig>,
    /// A sensitivity analysis around the tournament's configuration
    /// (docs/model.md §15), instead of the tournament itself.
    pub sensitivity: Option<SensitivityRequest>,
    /// A tournament of groups, or an evolution of groups, instead of
    /// `[tournament]` (docs/model.md §20.6, §20.8).
    pub groups: Option<GroupsExperiment>,
}

/// The `[groups]` table: the keys of a tournament of groups
/// ([`GroupTournamentConfig`], every one optional) and, in
/// `[groups.evolution]`, the evolution of the field in groups
/// ([`GroupEvolutionConfig`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupsExperiment {
    /// The field, group size, game, blocs and match rules.
    #[serde(flatten)]
    pub config: GroupTournamentConfig,
    /// Group strategy files to load (`strategies` in `[groups]`), relative
    /// to the experiment file (made so by [`Experiment::read`]); their text
    /// goes into the configuration's `strategy_files` when the run starts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<PathBuf>,
    /// The dynamics; `None`: a tournament of groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evolution: Option<GroupEvolutionConfig>,
}

impl<'de> Deserialize<'de> for GroupsExperiment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        let mut table = toml::Table::deserialize(d)?;
        let evolution =
            match table.remove("evolution") {
                Some(v) => Some(v.try_into::<GroupEvolutionConfig>().map_err(|e| {
                    D::Error::custom(format!("[groups.evolution]: {}", e.message()))
                })?),
                None => None,
            };
        let strategies = match table.remove("strategies") {
            Some(v) => v.try_into::<Vec<PathBuf>>().map_err(|_| {
                D::Error::custom("[groups]: `strategies` must be a list of group strategy files")
            })?,
            None => Vec::new(),
        };
        let config = toml::Value::Table(table)
            .try_into::<GroupTournamentConfig>()
            .map_err(|e| D::Error::custom(format!("[groups]: {}", e.message())))?;
        Ok(GroupsExperiment {
            config,
            strategies,
            evolution,
        })
    }
}

impl Experiment {
    /// Parses an experiment from TOML text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Experiment> {
        let e: Experiment = toml::from_str(text).map_err(|err| Error::Format {
            path: path.to_path_buf(),
            message: err.to_string().trim_end().replace('\n', " "),
        })?;
        if let Some(g) = &e.groups {
            let others = e.tournament.is_some()
                || e.evolution.is_some()
                || e.sweep.is_some()
                || e.compare.is_some()
                || e.sensitivity.is_some();
            if others {
                return Err(Error::Format {
                    path: path.to_path_buf(),
                    message: "give [groups] alone (its evolution in [groups.evolution]), without [tournament], [evolution], [sweep], [compare] or [sensitivity]".into(),
                });
            }
            if let Some(evo) = &g.evolution {
                evo.validate(g.config.players.len(), g.config.group_size)
                    .map_err(|err| Error::Format {
                        path: path.to_path_buf(),
                        message: err
                            .to_string()
                            .replacen("`evolution.", "`groups.evolution.", 1),
                    })?;
            }
            return Ok(e);
        }
        if e.tournament.is_none() {
            return Err(Error::Format {
                path: path.to_path_buf(),
                message: "an experiment needs a [tournament] or a [groups] table".into(),
            });
        }
        let stages = [
            e.evolution.is_some(),
            e.sweep.is_some(),
            e.sensitivity.is_some(),
        ];
        if e.sensitivity.is_some() && stages.iter().filter(|&&x| x).count() > 1 {
            return Err(Error::Format {
                path: path.to_path_buf(),
                message: "give [sensitivity] alone beside [tournament], without [evolution] or [sweep] (it runs its own points)".into(),
            });
        }
        if let Some(request) = &e.sensitivity {
            request.config().map_err(|err| Error::Format {
                path: path.to_path_buf(),
                message: format!("[sensitivity]: {err}"),
            })?;
        }
        if e.evolution.is_some() && e.sweep.is_some() {
            return Err(Error::Format {
                path: path.to_path_buf(),
                message: "give [evolution] or [sweep], not both (a sweep runs evolution per point with `ecological_generations`)".into(),
            });
        }
        e.check_sizes().map_err(|err| Error::Format {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        Ok(e)
    }

    /// Checks the evolution and comparison settings that need no player
    /// names: population sizes, mutant counts, runs, generations and the
    /// number of published entries.
    fn check_sizes(&self) -> Result<()> {
        if let Some(c) = &self.compare {
            if c.published.len() < 2 {
                return Err(Error::Config {
                    field: "compare.published".into(),
                    message: format!(
                        "{} entries; a rank correlation needs at least two",
                        c.published.len()
                    ),
                });
            }
        }
        if let Some(evo) = &self.evolution {
            crate::limits::check_generations(evo.generations as u64, 1)?;
            for (k, m) in evo.moran.iter().enumerate() {
                let field = |f: &str| format!("evolution.moran[{k}].{f}");
                if m.population < 2 {
                    return Err(Error::Config {
                        field: field("population"),
                        message: format!(
                            "{}: a Moran process needs at least 2 individuals",
                            m.population
                        ),
                    });
                }
                if m.mutants == 0 || m.mutants >= m.population {
                    return Err(Error::Config {
                        field: field("mutants"),
                        message: format!(
                            "{}: between 1 and population - 1 = {}",
                            m.mutants,
                            m.population - 1
                        ),
                    });
                }
                if m.runs == 0 {
                    return Err(Error::Config {
                        field: field("runs"),
                        message: "0: at least one simulated run".into(),
                    });
                }
                m.check(k)?;
                if m.mutant.eq_ignore_ascii_case(&m.resident) {
                    return Err(Error::Config {
                        field: field("mutant"),
                        message: format!("`{}` is also the resident", m.mutant),
                    });
                }
            }
        }
        Ok(())
    }

    /// Rewrites the strategy names of the `[evolution]` and `[compare]`
    /// tables as the tables print them (`canonical` maps an alias such as
    /// `Random` to `Random: 0.5`; names it does not know are kept).
    pub fn canonicalise_names(&mut self, canonical: impl Fn(&str) -> Option<String>) {
        let fix = |name: &mut String| {
            if let Some(c) = canonical(name) {
                *name = c;
            }
        };
        if let Some(evo) = &mut self.evolution {
            for m in &mut evo.moran {
                fix(&mut m.mutant);
                fix(&mut m.resident);
            }
            evo.initial_population = std::mem::take(&mut evo.initial_population)
                .into_iter()
                .map(|(mut name, w)| {
                    fix(&mut name);
                    (name, w)
                })
                .collect();
        }
        if let Some(c) = &mut self.compare {
            for e in &mut c.published {
                fix(&mut e.strategy);
            }
        }
    }

    /// Checks that every strategy the `[evolution]` and `[compare]` tables
    /// name is among the tournament's players (`names`, as resolved), before
    /// anything runs.
    pub fn check_names(&self, names: &[String]) -> Result<()> {
        let known = |name: &str, field: String| -> Result<()> {
            if names.iter().any(|p| p.eq_ignore_ascii_case(name)) {
                Ok(())
            } else {
                Err(Error::Config {
                    field,
                    message: format!(
                        "`{name}` is not a player of the tournament ({})",
                        names.join(", ")
                    ),
                })
            }
        };
        if let Some(evo) = &self.evolution {
            for (k, m) in evo.moran.iter().enumerate() {
                known(&m.mutant, format!("evolution.moran[{k}].mutant"))?;
                known(&m.resident, format!("evolution.moran[{k}].resident"))?;
            }
            for (name, &w) in &evo.initial_population {
                let field = format!("evolution.initial_population.\"{name}\"");
                known(name, field.clone())?;
                if !(w.is_finite() && w >= 0.0) {
                    return Err(Error::Config {
                        field,
                        message: format!("{w} is not a weight: give a finite number >= 0"),
                    });
                }
            }
            if !evo.initial_population.is_empty()
                && evo.initial_population.values().sum::<f64>() <= 0.0
            {
                return Err(Error::Config {
                    field: "evolution.initial_population".into(),
                    message: "every weight is 0: give some player a positive weight".into(),
                });
            }
        }
        if let Some(c) = &self.compare {
            for (k, e) in c.published.iter().enumerate() {
                known(&e.strategy, format!("compare.published[{k}].strategy"))?;
            }
        }
        Ok(())
    }

    /// Reads an experiment file.
    /// Reads an experiment file. The files it names by relative path (its
    /// strategy files, a `.nfg` game) are resolved relative to the folder the
    /// experiment file is in, not the current directory: see
    /// [`Experiment::resolve_paths`].
    pub fn read(path: impl AsRef<Path>) -> Result<Experiment> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut e = Self::parse(&text, path)?;
        e.resolve_paths(path.parent().unwrap_or(Path::new("")));
        if let Some(evo) = &e.evolution {
            for (k, m) in evo.moran.iter().enumerate() {
                m.graphs(k)?;
            }
        }
        Ok(e)
    }

    /// Makes the relative paths the experiment names (strategy files, the
    /// tournament's `.nfg` game) relative to `dir` instead: `dir.join(path)`.
    /// Absolute paths are kept.
    pub fn resolve_paths(&mut self, dir: &Path) {
        let groups = self.groups.iter_mut().flat_map(|g| &mut g.strategies);
        for f in self.strategies.iter_mut().chain(groups) {
            *f = dir.join(&*f);
        }
        if let Some(evo) = &mut self.evolution {
            for m in &mut evo.moran {
                for spec in [&mut m.interaction_graph, &mut m.reproduction_graph]
                    .into_iter()
                    .flatten()
                {
                    if let GraphSpec::Edges(path) | GraphSpec::Arcs(path) = spec {
                        *path = dir.join(&*path);
                    }
                }
            }
        }
        if let Some(TournamentConfig {
            game: GameSpec::Nfg { path, .. },
            ..
        }) = &mut self.tournament
        {
            *path = dir.join(&*path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let text = r#"
[tournament]
name = "x"
players = ["Tit For Tat", { strategy = "Defector", group = "b" }]
turns = 20
game = { kind = "catalogue", name = "prisoners_dilemma", params = { T = 6 } }

[evolution]
moran = [
  { mutant = "Tit For Tat", resident = "Defector" },
  { mutant = "Defector", resident = "Tit For Tat", play_matches = true },
]
"#;
        let e = Experiment::parse(text, Path::new("e.toml")).unwrap();
        let t = e.tournament.unwrap();
        assert_eq!(t.turns, 20);
        assert_eq!(t.repetitions, 10);
        assert_eq!(t.players[1].side(), Some("b"));
        let m = e.evolution.unwrap();
        assert_eq!(m.generations, 1000);
        assert_eq!(m.moran[0].population, 10);
        assert!(!m.moran[0].play_matches);
        assert!(m.moran[1].play_matches);
        assert!(!t.three_action);
    }

    #[test]
    fn parses_a_sweep() {
        let text = r#"
[tournament]
game = { kind = "security", parameters = { war_cost = 3.0 } }
[sweep]
ecological_generations = 50
axes = [{ parameter = "offence", from = 0.0, to = 1.0, steps = 3 }, { parameter = "differentiation", values = [0.1, 0.9] }]
"#;
        let e = Experiment::parse(text, Path::new("e.toml")).unwrap();
        let points = e.sweep.unwrap().points().unwrap();
        assert_eq!(points.len(), 6);
        assert_eq!(
            points[5],
            vec![
                ("offence".to_string(), 1.0),
                ("differentiation".to_string(), 0.9)
            ]
        );
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let e = Experiment::parse("[tournament]\nturns = \"many\"\n", Path::new("e.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("e.toml: ") && e.contains("turns"), "{e}");
        let e = Experiment::parse("[tournament]\nbogus = 1\n", Path::new("e.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("bogus"), "{e}");
        let e = Experiment::parse("", Path::new("e.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("[tournament]"), "{e}");
    }

    #[test]
    fn parses_groups_and_their_evolution() {
        let text = r#"
[groups]
players = ["Chain Ganger", "Buck Passer", "Defector"]
turns = 20
game = { kind = "alliance", alliance = { states = [{ name = "a" }, { name = "b" }, { name = "c" }], blocs = [{ name = "west", members = ["a", "b"] }] } }
[groups.evolution]
replicator = { steps = 50 }
fixation = { population = 30 }
"#;
        let e = Experiment::parse(text, Path::new("e.toml")).unwrap();
        let g = e.groups.unwrap();
        assert_eq!(g.config.turns, 20);
        assert_eq!(g.config.group_size, 3);
        assert_eq!(g.config.repetitions, 10);
        let evo = g.evolution.unwrap();
        assert_eq!(evo.replicator.unwrap().steps, 50);
        assert_eq!(evo.fixation.unwrap().population, 30);
        let e = Experiment::parse("[groups]\nturns = 5\n", Path::new("e.toml")).unwrap();
        assert!(e.groups.unwrap().evolution.is_none());
        let err = |text: &str| {
            Experiment::parse(text, Path::new("e.toml"))
                .unwrap_err()
                .to_string()
        };
        let e = err("[groups]\nbogus = 1\n");
        assert!(e.contains("[groups]") && e.contains("bogus"), "{e}");
        let e = err("[groups]\n[groups.evolution]\nfixation = { populaton = 5 }\n");
        assert!(
            e.contains("[groups.evolution]") && e.contains("populaton"),
            "{e}"
        );
        let e = err("[groups]\n[groups.evolution]\nfixation = { population = 2 }\n");
        assert!(e.contains("`groups.evolution.fixation.population`"), "{e}");
        let e = err("[groups]\n[tournament]\n");
        assert!(e.contains("[groups] alone"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn relative_paths_resolve_against_the_experiment_folder() {
        let text = r#"
strategies = ["mine.toml", "/abs/theirs.toml"]
[tournament]
game = { kind = "nfg", path = "games/pd.nfg" }
"#;
        let mut e = Experiment::parse(text, Path::new("exp/e.toml")).unwrap();
        e.resolve_paths(Path::new("exp"));
        assert_eq!(
            e.strategies,
            [
                PathBuf::from("exp/mine.toml"),
                PathBuf::from("/abs/theirs.toml")
            ]
        );
        let GameSpec::Nfg { path, .. } = e.tournament.unwrap().game else {
            panic!("not an nfg game")
        };
        assert_eq!(path, PathBuf::from("exp/games/pd.nfg"));
    }
}
