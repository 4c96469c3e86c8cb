//! A sweep's replicates: per point and strategy, every quantity's mean and
//! interval; for the Jervis plane, each world's mean restraint and every
//! pair of worlds' paired difference.

use super::{interval_cells, interval_header, Interval};
use crate::error::Result;
use crate::strategy::Registry;
use crate::sweep::{self, SweepConfig, SweepRow};
use crate::tournament::output::{csv_field, write_atomic};
use crate::tournament::TournamentConfig;
use std::path::{Path, PathBuf};

/// File of every replicate's sweep table (`sweep.csv`'s columns after a
/// `replicate` column).
pub const REPLICATES_FILE: &str = "sweep_replicates.csv";
/// File of each point's and strategy's means and intervals.
pub const INTERVALS_FILE: &str = "sweep_intervals.csv";
/// File of the Jervis worlds' means and paired differences.
pub const WORLDS_FILE: &str = "world_differences.csv";

/// A quantity of a sweep row that replicates summarise: its column name,
/// its value (`None`: not computed, e.g. no ecological simulation) and how
/// to set it (for rows of means or interval ends).
pub(super) struct Quantity {
    /// Column name in `sweep.csv`.
    pub name: &'static str,
    /// Its value in a row.
    pub get: fn(&SweepRow) -> Option<f64>,
    /// Sets it in a row.
    pub set: fn(&mut SweepRow, f64),
}

/// The quantities of a sweep row that replicates summarise.
pub(super) const QUANTITIES: &[Quantity] = &[
    Quantity {
        name: "median_score",
        get: |r| Some(r.median_score),
        set: |r, v| r.median_score = v,
    },
    Quantity {
        name: "cooperation_rating",
        get: |r| Some(r.cooperation_rating),
        set: |r, v| r.cooperation_rating = v,
    },
    Quantity {
        name: "defence_rate",
        get: |r| Some(r.defence_rate),
        set: |r, v| r.defence_rate = v,
    },
    Quantity {
        name: "spiral_share",
        get: |r| Some(r.spiral_share),
        set: |r, v| r.spiral_share = v,
    },
    Quantity {
        name: "unprovoked_share",
        get: |r| Some(r.unprovoked_share),
        set: |r, v| r.unprovoked_share = v,
    },
    Quantity {
        name: "ecological_share",
        get: |r| r.ecological_share,
        set: |r, v| r.ecological_share = Some(v),
    },
    Quantity {
        name: "field_cooperation",
        get: |r| Some(r.field_cooperation),
        set: |r, v| r.field_cooperation = v,
    },
    Quantity {
        name: "field_defence",
        get: |r| Some(r.field_defence),
        set: |r, v| r.field_defence = v,
    },
    Quantity {
        name: "field_mutual_cooperation",
        get: |r| Some(r.field_mutual_cooperation),
        set: |r, v| r.field_mutual_cooperation = v,
    },
    Quantity {
        name: "field_spiral_share",
        get: |r| Some(r.field_spiral_share),
        set: |r, v| r.field_spiral_share = v,
    },
    Quantity {
        name: "ecological_cooperation",
        get: |r| r.ecological_cooperation,
        set: |r, v| r.ecological_cooperation = Some(v),
    },
    Quantity {
        name: "ecological_defence",
        get: |r| r.ecological_defence,
        set: |r, v| r.ecological_defence = Some(v),
    },
];

/// The field-level quantities compared between Jervis worlds.
#[allow(clippy::type_complexity)]
const WORLD_QUANTITIES: &[(&str, fn(&SweepRow) -> Option<f64>)] = &[
    ("field_cooperation", |r| Some(r.field_cooperation)),
    ("ecological_cooperation", |r| r.ecological_cooperation),
    ("ecological_non_arming", sweep::ecological_non_arming),
];

/// The replicates of a sweep: `rows[k]` is replicate `k`'s table.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepReplicates {
    /// Each replicate's seed.
    pub seeds: Vec<u64>,
    /// Each replicate's rows, in point order.
    pub rows: Vec<Vec<SweepRow>>,
}

/// Runs `base.replicates` replicates of the sweep
/// ([`sweep::run_replicated_sweep`]).
pub fn run_sweep_replicates(
    base: &TournamentConfig,
    sweep_config: &SweepConfig,
    registry: &Registry,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<SweepReplicates> {
    let rows = sweep::run_replicated_sweep(base, sweep_config, registry, progress)?;
    let seeds = (0..rows.len() as u64)
        .map(|k| super::replicate_seed(base.seed, k))
        .collect();
    Ok(SweepReplicates { seeds, rows })
}

impl SweepReplicates {
    /// Number of replicates.
    pub fn count(&self) -> usize {
        self.rows.len()
    }

    /// `sweep_replicates.csv`: every replicate's table with its index first.
    pub fn replicates_csv(&self) -> String {
        let mut out = String::new();
        for (k, rows) in self.rows.iter().enumerate() {
            let table = sweep::to_csv(rows);
            let mut lines = table.lines();
            let header = lines.next().unwrap_or_default();
            if k == 0 {
                out.push_str(&format!("replicate,{header}\n"));
            }
            for line in lines {
                out.push_str(&format!("{k},{line}\n"));
            }
        }
        out
    }

    /// The interval of `value` over the replicates for row `r` (the same
    /// point and strategy in every replicate); `None` when not computed.
    pub(super) fn interval(
        &self,
        r: usize,
        value: fn(&SweepRow) -> Option<f64>,
    ) -> Option<Interval> {
        let sample: Option<Vec<f64>> = self.rows.iter().map(|rows| value(&rows[r])).collect();
        sample.map(|s| Interval::of(&s))
    }

    /// `sweep_intervals.csv`: `point, PARAMETERS..., strategy, replicates`
    /// and `QUANTITY_mean, _sd, _ci_low, _ci_high` for each quantity (blank
    /// when not computed).
    pub fn intervals_csv(&self) -> String {
        let first = &self.rows[0];
        let names: Vec<&str> = QUANTITIES.iter().map(|q| q.name).collect();
        let mut s = String::from("point");
        if let Some(row) = first.first() {
            for (name, _) in &row.parameters {
                s.push_str(&format!(",{name}"));
            }
        }
        s.push_str(&format!(
            ",strategy,replicates,{}\n",
            interval_header(&names).join(",")
        ));
        for (r, row) in first.iter().enumerate() {
            s.push_str(&row.point.to_string());
            for (_, v) in &row.parameters {
                s.push_str(&format!(",{v}"));
            }
            s.push_str(&format!(",{},{}", csv_field(&row.strategy), self.count()));
            for q in QUANTITIES {
                match self.interval(r, q.get) {
                    Some(i) => {
                        for cell in interval_cells(&[i]) {
                            s.push_str(&format!(",{cell}"));
                        }
                    }
                    None => s.push_str(",,,,"),
                }
            }
            s.push('\n');
        }
        s
    }

    /// For each Jervis world (1-4) and replicate, the mean of `value` over
    /// the world's points: `[world][replicate]`, `None` for a world without
    /// points or a quantity not computed.
    pub fn world_samples(&self, value: fn(&SweepRow) -> Option<f64>) -> [Option<Vec<f64>>; 4] {
        let per_replicate: Vec<[Option<f64>; 4]> = self
            .rows
            .iter()
            .map(|rows| {
                if rows.iter().any(|r| value(r).is_none()) {
                    return [None; 4];
                }
                sweep::by_world(rows, |r| value(r).unwrap_or(f64::NAN))
            })
            .collect();
        std::array::from_fn(|w| per_replicate.iter().map(|r| r[w]).collect())
    }

    /// `world_differences.csv` (Jervis sweeps): for each quantity, each
    /// world's mean over the replicates (`a` = the world, `b` empty) and
    /// every pair of worlds' paired difference `a − b`, with intervals and
    /// whether the difference's interval excludes 0. `None` when no point
    /// lies in a Jervis world.
    pub fn worlds_csv(&self) -> Option<String> {
        let mut s = format!(
            "quantity,a,b,replicates,{},significant\n",
            interval_header(&["value"]).join(",")
        );
        let mut any = false;
        for (name, value) in WORLD_QUANTITIES {
            let samples = self.world_samples(*value);
            for (w, sample) in samples.iter().enumerate() {
                let Some(sample) = sample else { continue };
                any = true;
                let i = Interval::of(sample);
                s.push_str(&format!(
                    "{name},{},,{},{},\n",
                    w + 1,
                    i.n,
                    interval_cells(&[i]).join(",")
                ));
            }
            for a in 0..4 {
                for b in a + 1..4 {
                    if let (Some(x), Some(y)) = (&samples[a], &samples[b]) {
                        let d = Interval::of_differences(x, y);
                        s.push_str(&format!(
                            "{name},{},{},{},{},{}\n",
                            a + 1,
                            b + 1,
                            d.n,
                            interval_cells(&[d]).join(","),
                            d.excludes(0.0)
                        ));
                    }
                }
            }
        }
        any.then_some(s)
    }

    /// Writes the tables into `dir`: the intervals, the worlds' (only for
    /// a Jervis sweep) and, when `rows`, every replicate's table; returns
    /// their paths.
    pub fn write(&self, dir: &Path, rows: bool) -> Result<Vec<PathBuf>> {
        let mut files = vec![(INTERVALS_FILE, self.intervals_csv())];
        if rows {
            files.push((REPLICATES_FILE, self.replicates_csv()));
        }
        if let Some(worlds) = self.worlds_csv() {
            files.push((WORLDS_FILE, worlds));
        }
        let mut written = Vec::new();
        for (file, text) in files {
            let path = dir.join(file);
            write_atomic(&path, text.as_bytes())?;
            written.push(path);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::{jervis_base, Axis};
    use crate::tournament::PlayerSpec;

    fn base(replicates: u32) -> TournamentConfig {
        TournamentConfig {
            players: [
                "Tit For Tat",
                "Defector",
                "Spiral Reciprocator",
                "Random: 0.5",
            ]
            .iter()
            .map(|s| PlayerSpec::Name(s.to_string()))
            .collect(),
            turns: 20,
            repetitions: 2,
            noise: 0.02,
            replicates,
            ..jervis_base()
        }
    }

    fn plane() -> SweepConfig {
        SweepConfig {
            axes: vec![
                Axis::range("offence", 0.1, 0.9, 3),
                Axis::range("differentiation", 0.1, 0.9, 3),
            ],
            ..SweepConfig::jervis(3)
        }
    }

    fn run(replicates: u32, threads: usize) -> SweepReplicates {
        let pool = crate::parallel::pool(Some(threads)).unwrap();
        pool.install(|| {
            run_sweep_replicates(&base(replicates), &plane(), &Registry::builtin(), &|_| {})
        })
        .unwrap()
    }

    #[test]
    fn replicate_zero_is_the_single_sweep_and_replicates_are_thread_independent() {
        let reps = run(3, 2);
        let single = sweep::run_sweep(&base(1), &plane(), &Registry::builtin(), &|_| {}).unwrap();
        assert_eq!(reps.rows[0], single);
        assert_eq!(reps.count(), 3);
        assert_ne!(reps.rows[1], reps.rows[0]);
        assert_eq!(run(3, 1), reps);
    }

    #[test]
    fn world_differences_are_paired_over_replicates() {
        let reps = run(4, 2);
        let samples = reps.world_samples(|r| Some(r.field_cooperation));
        let worlds: Vec<usize> = (0..4).filter(|&w| samples[w].is_some()).collect();
        assert!(worlds.len() >= 2, "the plane spans several worlds");
        let (a, b) = (worlds[0], worlds[1]);
        let (x, y) = (samples[a].as_ref().unwrap(), samples[b].as_ref().unwrap());
        let d = Interval::of_differences(x, y);
        let csv = reps.worlds_csv().unwrap();
        let line = csv
            .lines()
            .find(|l| l.starts_with(&format!("field_cooperation,{},{},", a + 1, b + 1)))
            .unwrap();
        assert!(line.contains(&d.mean.to_string()), "{line}");
        // Without an ecological simulation that quantity has no rows.
        assert!(!csv.contains("ecological_cooperation"));
        let intervals = reps.intervals_csv();
        assert_eq!(intervals.lines().count(), 1 + 9 * 4);
        assert!(intervals
            .lines()
            .next()
            .unwrap()
            .contains("field_cooperation_ci_low"));
    }
}
