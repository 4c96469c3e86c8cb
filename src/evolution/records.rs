//! The evolution stage's files: `ecological.csv` (the population shares of
//! every generation) and `moran.json` (one report per Moran process), each
//! one record type written and read back here.

use super::moran::MoranEstimate;
use super::moran_matches::{Composition, MoranMode};
use crate::error::Result;
use crate::records::{self, CsvTable};
use crate::tournament::output::{csv_field, write_atomic};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name of the ecological table.
pub const ECOLOGICAL_FILE: &str = "ecological.csv";
/// The file name of the Moran reports.
pub const MORAN_FILE: &str = "moran.json";

/// The ecological simulation of a tournament's players: `shares[g][i]` is
/// player i's share in generation g (generation 0 the initial population).
///
/// As CSV: a `generation` column, then one column of shares per player
/// (names with commas quoted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EcologicalTable {
    /// The players, in the tournament's order.
    pub players: Vec<String>,
    /// The shares of each generation.
    pub shares: Vec<Vec<f64>>,
}

impl EcologicalTable {
    /// The last generation's shares.
    pub fn final_shares(&self) -> &[f64] {
        self.shares.last().map_or(&[], Vec::as_slice)
    }

    /// The table as CSV text.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("generation");
        for name in &self.players {
            csv.push(',');
            csv.push_str(&csv_field(name));
        }
        csv.push('\n');
        for (g, shares) in self.shares.iter().enumerate() {
            csv.push_str(&g.to_string());
            for x in shares {
                csv.push_str(&format!(",{x}"));
            }
            csv.push('\n');
        }
        csv
    }

    /// Parses [`EcologicalTable::to_csv`]'s text; `path` names it in errors.
    pub fn from_csv(text: &str, path: &Path) -> Result<EcologicalTable> {
        let table = CsvTable::parse(text, path)?;
        if table.headers.first().map(String::as_str) != Some("generation") {
            return Err(table.error("expected the header to start with `generation`".into()));
        }
        let players = table.headers[1..].to_vec();
        if players.is_empty() {
            return Err(table.error("no strategy columns".into()));
        }
        if table.is_empty() {
            return Err(table.error("no generations".into()));
        }
        let mut shares = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let generation: usize = table.value(row, 0)?;
            if generation != row {
                return Err(table.error(format!(
                    "line {}: generation {generation}, expected {row}",
                    row + 2
                )));
            }
            shares.push(
                (1..=players.len())
                    .map(|column| table.value(row, column))
                    .collect::<Result<Vec<f64>>>()?,
            );
        }
        Ok(EcologicalTable { players, shares })
    }

    /// Writes `ecological.csv` into `dir`.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        let path = dir.join(ECOLOGICAL_FILE);
        write_atomic(&path, self.to_csv().as_bytes())?;
        Ok(path)
    }

    /// Reads an `ecological.csv`.
    pub fn read(path: &Path) -> Result<EcologicalTable> {
        Self::from_csv(&records::read_text(path)?, path)
    }
}

/// How a Moran process's fixation probability was simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoranSimulation {
    /// On the tournament's mean match payoffs.
    #[serde(rename = "mean payoffs")]
    MeanPayoffs,
    /// With the two players' matches played at every step.
    #[serde(rename = "matches played every step")]
    MatchesPlayed,
    /// With each pair's scores drawn every step from matches played up
    /// front (the approximate Moran process).
    #[serde(rename = "outcomes sampled from played matches")]
    SampledOutcomes,
}

/// One Moran process of a mutant invading a resident: the exact fixation
/// probability on the mean match payoffs beside the simulated one.
///
/// `moran.json` is a list of these, written with sorted keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoranReport {
    /// The mutant player.
    pub mutant: String,
    /// The resident player.
    pub resident: String,
    /// Population size N.
    pub population: usize,
    /// Initial mutants.
    pub mutants: usize,
    /// The mean match payoffs (mutant v mutant, mutant v resident, resident
    /// v mutant, resident v resident).
    pub match_payoffs: [f64; 4],
    /// The exact fixation probability on `match_payoffs` (birth-death or
    /// death-birth), where one exists: a well-mixed population without
    /// mutation, run to fixation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact_fixation_probability: Option<f64>,
    /// The simulated fixation probability (runs until one type is left).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulated: Option<MoranEstimate>,
    /// How it was simulated.
    pub simulation: MoranSimulation,
    /// The fixation probability of a neutral mutant, mutants / N.
    pub neutral_fixation_probability: f64,
    /// Birth-death or death-birth updating.
    #[serde(default, skip_serializing_if = "MoranMode::is_birth_death")]
    pub mode: MoranMode,
    /// The probability that an offspring mutates into the other type.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub mutation_rate: f64,
    /// The interaction graph in words (none: well mixed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_graph: Option<String>,
    /// The reproduction graph in words (none: the interaction graph with
    /// loops).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reproduction_graph: Option<String>,
    /// Matches per pair whose outcomes were sampled (the approximate
    /// process).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_samples: Option<usize>,
    /// The time-average composition (mutant first) of runs of a fixed
    /// number of steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composition: Option<Composition>,
    /// Run 0's number of mutants after every step (step 0 the start), for
    /// the individual-based process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub populations: Vec<u32>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl MoranReport {
    /// Whether this is the plain process of the fixation curves: well
    /// mixed, birth-death, without mutation, simulated to fixation.
    pub fn is_plain(&self) -> bool {
        self.mode.is_birth_death()
            && self.mutation_rate == 0.0
            && self.interaction_graph.is_none()
            && self.reproduction_graph.is_none()
            && self.composition.is_none()
    }
}

/// What the evolution stage wrote: the ecological table and the Moran
/// reports (`moran.json` is written only when there are some).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvolutionRecords {
    /// The ecological simulation, when it ran.
    pub ecological: Option<EcologicalTable>,
    /// The Moran processes, in the experiment's order.
    pub moran: Vec<MoranReport>,
}

impl EvolutionRecords {
    /// Whether there is nothing to write or draw.
    pub fn is_empty(&self) -> bool {
        self.ecological.is_none() && self.moran.is_empty()
    }

    /// Writes `ecological.csv` and `moran.json` into `dir`, as present.
    /// Returns the paths written.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        if let Some(table) = &self.ecological {
            written.push(table.write(dir)?);
        }
        if !self.moran.is_empty() {
            let path = dir.join(MORAN_FILE);
            records::write_sorted_json(&path, &self.moran)?;
            written.push(path);
        }
        Ok(written)
    }

    /// Reads the `ecological.csv` and `moran.json` of `dir`, those present.
    pub fn read(dir: &Path) -> Result<EvolutionRecords> {
        let ecological = dir.join(ECOLOGICAL_FILE);
        let moran = dir.join(MORAN_FILE);
        Ok(EvolutionRecords {
            ecological: match ecological.is_file() {
                true => Some(EcologicalTable::read(&ecological)?),
                false => None,
            },
            moran: match moran.is_file() {
                true => records::read_json(&moran)?,
                false => Vec::new(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> EcologicalTable {
        EcologicalTable {
            players: vec!["Tit For Tat".into(), "Omega TFT: 3, 8".into()],
            shares: vec![vec![0.5, 0.5], vec![0.6000000000000001, 0.3999999999999999]],
        }
    }

    fn report(simulation: MoranSimulation) -> MoranReport {
        MoranReport {
            mutant: "Win-Stay Lose-Shift".into(),
            resident: "Tit For Tat".into(),
            population: 20,
            mutants: 1,
            match_payoffs: [555.0500000000002, 461.58, 462.17999999999995, 465.3],
            exact_fixation_probability: Some(0.07530562477628572),
            simulated: Some(MoranEstimate {
                probability: 0.0752,
                standard_error: 0.001864738051309084,
                runs: 20000,
                unfinished: 0,
            }),
            simulation,
            neutral_fixation_probability: 0.05,
            mode: MoranMode::BirthDeath,
            mutation_rate: 0.0,
            interaction_graph: None,
            reproduction_graph: None,
            outcome_samples: None,
            composition: None,
            populations: Vec::new(),
        }
    }

    #[test]
    fn the_ecological_table_reads_back_equal() {
        let t = table();
        let csv = t.to_csv();
        assert!(csv.starts_with("generation,Tit For Tat,\"Omega TFT: 3, 8\"\n0,0.5,0.5\n"));
        assert_eq!(
            EcologicalTable::from_csv(&csv, Path::new("e.csv")).unwrap(),
            t
        );
        assert_eq!(t.final_shares(), &t.shares[1][..]);
    }

    #[test]
    fn a_bad_ecological_table_names_the_line() {
        let p = Path::new("e.csv");
        let e = EcologicalTable::from_csv("generation,a\n0,x\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("`x`"), "{e}");
        assert!(EcologicalTable::from_csv("gen,a\n0,1\n", p).is_err());
        assert!(EcologicalTable::from_csv("generation,a\n", p).is_err());
        assert!(EcologicalTable::from_csv("generation,a\n1,1\n", p).is_err());
    }

    #[test]
    fn evolution_records_write_and_read_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let records = EvolutionRecords {
            ecological: Some(table()),
            moran: vec![
                report(MoranSimulation::MeanPayoffs),
                report(MoranSimulation::MatchesPlayed),
                MoranReport {
                    exact_fixation_probability: None,
                    simulated: None,
                    mode: MoranMode::DeathBirth,
                    mutation_rate: 0.05,
                    interaction_graph: Some("lattice 4x5".into()),
                    outcome_samples: Some(100),
                    composition: Some(Composition {
                        mean_shares: vec![0.25, 0.75],
                        standard_errors: vec![0.01, 0.01],
                        steps: 3,
                        runs: 10,
                    }),
                    populations: vec![1, 2, 1, 0],
                    ..report(MoranSimulation::SampledOutcomes)
                },
            ],
        };
        let written = records.write(dir.path()).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(EvolutionRecords::read(dir.path()).unwrap(), records);
        // moran.json keeps the layout of the files written before these
        // types: keys sorted, the simulation in words.
        let text = std::fs::read_to_string(dir.path().join(MORAN_FILE)).unwrap();
        assert!(text.starts_with("[\n  {\n    \"exact_fixation_probability\": "));
        assert!(text.contains("\"simulation\": \"matches played every step\""));
        assert!(text.ends_with("]\n"));
        // Nothing written, nothing read.
        let empty = tempfile::tempdir().unwrap();
        let none = EvolutionRecords {
            ecological: None,
            moran: Vec::new(),
        };
        assert!(none.write(empty.path()).unwrap().is_empty());
        assert!(EvolutionRecords::read(empty.path()).unwrap().is_empty());
    }

    #[test]
    fn a_moran_report_with_a_renamed_field_is_refused() {
        let text = records::sorted_json_text(&vec![report(MoranSimulation::MeanPayoffs)])
            .replace("\"mutants\"", "\"mutant_count\"");
        let e = records::parse_json::<Vec<MoranReport>>(&text, Path::new("moran.json"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("moran.json: ") && e.contains("mutant_count"),
            "{e}"
        );
    }
}
