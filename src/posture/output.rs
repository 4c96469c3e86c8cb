//! Writing a three-action tournament's results: `summary.csv`,
//! `payoff_matrix.csv`, `results.json` and `manifest.json`, each through a
//! temporary file renamed when complete ([`write_results`], the two-action
//! writer over [`PostureStatistics`]'s [`Tables`]).
//!
//! `summary.csv` has the columns
//! `Rank,Name,Median_score,Mean_score,R_rate,A_rate,H_rate,Unprovoked_arming_share,Provoked_arming_share,Spiral_arming_share,Original_index`
//! (Axelrod-Python's columns do not apply: its statistics are of two actions).

use super::results::{PostureResults, PostureStatistics};
use super::strategy::native_strategies;
use crate::strategy::Registry;
use crate::tournament::output::{
    csv_field, py_float, Manifest, StrategyFile, StrategyRecord, Tables,
};
use crate::tournament::TournamentConfig;

pub use crate::tournament::output::{payoff_matrix_csv, write_results};

/// The manifest of a three-action run: as a two-action run's, with the
/// strategies that use H ([`native_strategies`]) described too.
pub fn manifest(
    config: &TournamentConfig,
    registry: &Registry,
    strategy_files: Vec<StrategyFile>,
) -> Manifest {
    Manifest::with_natives(config, registry, strategy_files, &|name| {
        native_strategies()
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|native| StrategyRecord {
                name: native.name.to_string(),
                kind: "builtin (three-action)".into(),
                source: native.source.to_string(),
                origin: "built-in".into(),
            })
    })
}

impl Tables for PostureStatistics {
    fn summary_csv(&self) -> String {
        let header = "Rank,Name,Median_score,Mean_score,R_rate,A_rate,H_rate,Unprovoked_arming_share,Provoked_arming_share,Spiral_arming_share,Original_index\n";
        self.summary
            .iter()
            .fold(String::from(header), |mut csv, r| {
                let numbers = [r.median_score, r.mean_score]
                    .into_iter()
                    .chain(r.posture_rates)
                    .chain(r.arming_cause_shares)
                    .map(py_float);
                let fields: Vec<String> = [r.rank.to_string(), csv_field(&r.name)]
                    .into_iter()
                    .chain(numbers)
                    .chain([r.original_index.to_string()])
                    .collect();
                csv.push_str(&fields.join(","));
                csv.push('\n');
                csv
            })
    }

    fn payoff_matrix(&self) -> &[Vec<f64>] {
        &self.payoff_matrix
    }
}

/// The summary table as CSV text.
pub fn summary_csv(results: &PostureResults) -> String {
    results.statistics.summary_csv()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::SecurityDilemma;
    use crate::posture::PostureTournament;
    use crate::tournament::{GameSpec, PlayerSpec};

    fn results() -> (TournamentConfig, PostureResults) {
        let config = TournamentConfig {
            players: [
                "Non-Offensive Defender",
                "Tit For Tat",
                "Always Defend",
                "Omega TFT: 3, 8",
            ]
            .map(|n| PlayerSpec::Name(n.into()))
            .to_vec(),
            game: GameSpec::Security {
                parameters: SecurityDilemma::default(),
            },
            turns: 30,
            repetitions: 3,
            noise: 0.05,
            three_action: true,
            ..TournamentConfig::default()
        };
        let results = PostureTournament::new(config.clone(), &Registry::builtin())
            .unwrap()
            .run_serial(&mut |_| {}, None)
            .unwrap();
        (config, results)
    }

    #[test]
    fn written_files_read_back_as_the_results() {
        let (config, results) = results();
        let dir =
            std::env::temp_dir().join(format!("dilemma-posture-output-{}", std::process::id()));
        let manifest = manifest(&config, &Registry::builtin(), Vec::new());
        let written = write_results(&dir, &results, &manifest).unwrap();
        let files: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            files,
            [
                "summary.csv",
                "payoff_matrix.csv",
                "results.json",
                "manifest.json"
            ]
        );
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();

        // results.json holds the results; read back, its counts are equal and
        // its numbers equal to the last bits serde_json's parser keeps.
        let json = read("results.json");
        assert_eq!(
            json,
            crate::tournament::output::results_json(&results).unwrap()
        );
        let back: PostureResults = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (&back.config, &back.players),
            (&results.config, &results.players)
        );
        let (b, r) = (&back.statistics, &results.statistics);
        assert_eq!(
            (&b.posture_matrix, &b.arming_causes),
            (&r.posture_matrix, &r.arming_causes)
        );
        assert_eq!((&b.match_turns, &b.ranking), (&r.match_turns, &r.ranking));
        for (x, y) in b
            .payoff_matrix
            .iter()
            .flatten()
            .zip(r.payoff_matrix.iter().flatten())
        {
            assert!((x - y).abs() <= 1e-15 * y.abs().max(1.0), "{x} vs {y}");
        }

        let summary = read("summary.csv");
        let mut lines = summary.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("Rank,Name,Median_score,Mean_score,R_rate,A_rate,H_rate,"));
        for (line, row) in lines.by_ref().zip(&results.statistics.summary) {
            // The name with a comma is quoted; the numbers read back exactly.
            let name = crate::tournament::output::csv_field(&row.name);
            let rest = line.strip_prefix(&format!("{},{name},", row.rank)).unwrap();
            let numbers: Vec<f64> = rest.split(',').map(|x| x.parse().unwrap()).collect();
            let mut expect = vec![row.median_score, row.mean_score];
            expect.extend(row.posture_rates);
            expect.extend(row.arming_cause_shares);
            expect.push(row.original_index as f64);
            assert_eq!(numbers, expect, "{line}");
        }
        assert_eq!(summary.lines().count(), 1 + results.players.len());

        let matrix = read("payoff_matrix.csv");
        let rows: Vec<&str> = matrix.lines().collect();
        assert_eq!(
            rows[0],
            "Player,Non-Offensive Defender,Tit For Tat,Always Defend,\"Omega TFT: 3, 8\""
        );
        for (i, line) in rows[1..].iter().enumerate() {
            let values: Vec<f64> = line
                .rsplitn(results.players.len() + 1, ',')
                .take(results.players.len())
                .map(|x| x.parse().unwrap())
                .collect::<Vec<f64>>()
                .into_iter()
                .rev()
                .collect();
            assert_eq!(values, results.statistics.payoff_matrix[i], "row {i}");
        }

        let manifest_back = Manifest::read(dir.join("manifest.json")).unwrap();
        assert_eq!(manifest_back, manifest);
        let kinds: Vec<&str> = manifest_back
            .strategies
            .iter()
            .map(|s| s.kind.as_str())
            .collect();
        assert_eq!(kinds[0], "builtin (three-action)");
        assert_eq!(kinds[2], "builtin (three-action)");
        assert_ne!(kinds[1], "builtin (three-action)");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
