//! A sweep's replicate summaries as sweep rows, for figures: one table of
//! means, one of interval lows and one of interval highs, each with the
//! rows (points, strategies, parameters) of `sweep.csv`. Computed from the
//! replicates themselves or read back from `sweep_intervals.csv`, so that
//! `dilemma plot` redraws what the run drew.

use super::sweep::{SweepReplicates, QUANTITIES};
use crate::error::{Error, Result};
use crate::sweep::SweepRow;
use std::path::Path;

/// The mean and the 95% interval's ends of every replicated quantity, as
/// three copies of a sweep's rows with those quantities replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepBands {
    /// Number of replicates.
    pub replicates: usize,
    /// Rows with each quantity's mean over the replicates.
    pub mean: Vec<SweepRow>,
    /// Rows with each quantity's interval low end.
    pub low: Vec<SweepRow>,
    /// Rows with each quantity's interval high end.
    pub high: Vec<SweepRow>,
}

impl SweepBands {
    /// The bands of `replicates` (rows in replicate 0's order).
    pub fn of(replicates: &SweepReplicates) -> SweepBands {
        let first = &replicates.rows[0];
        let (mut mean, mut low, mut high) = (first.clone(), first.clone(), first.clone());
        for r in 0..first.len() {
            for q in QUANTITIES {
                if let Some(i) = replicates.interval(r, q.get) {
                    (q.set)(&mut mean[r], i.mean);
                    (q.set)(&mut low[r], i.low);
                    (q.set)(&mut high[r], i.high);
                }
            }
        }
        SweepBands {
            replicates: replicates.count(),
            mean,
            low,
            high,
        }
    }

    /// The bands read from the text of `sweep_intervals.csv` written beside
    /// `rows` (the run's `sweep.csv`): the same points and strategies in
    /// the same order, `QUANTITY_mean`, `_ci_low` and `_ci_high` columns.
    /// `path` names the file in errors.
    pub fn from_intervals_csv(rows: &[SweepRow], text: &str, path: &Path) -> Result<SweepBands> {
        let bad = |line: usize, message: String| Error::Format {
            path: path.to_path_buf(),
            message: format!("line {line}: {message}"),
        };
        let mut lines = text.lines();
        let header: Vec<&str> = lines
            .next()
            .ok_or_else(|| bad(1, "empty file".into()))?
            .split(',')
            .collect();
        let column = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .ok_or_else(|| bad(1, format!("no column `{name}`")))
        };
        let replicates_at = column("replicates")?;
        let point_at = column("point")?;
        let (mut mean, mut low, mut high) = (rows.to_vec(), rows.to_vec(), rows.to_vec());
        let mut replicates = 0;
        let mut count = 0;
        for (k, line) in lines.enumerate() {
            let number = k + 2;
            // Strategy names may be quoted and contain commas: the numeric
            // columns are counted from the end.
            let cells: Vec<&str> = split_csv(line);
            if cells.len() != header.len() {
                return Err(bad(
                    number,
                    format!(
                        "{} cells where the header has {}",
                        cells.len(),
                        header.len()
                    ),
                ));
            }
            let row = rows.get(k).ok_or_else(|| {
                bad(
                    number,
                    format!("more rows than the {} of sweep.csv", rows.len()),
                )
            })?;
            if cells[point_at].parse::<usize>().ok() != Some(row.point) {
                return Err(bad(
                    number,
                    format!(
                        "point `{}` where sweep.csv's row {} has point {}",
                        cells[point_at],
                        k + 1,
                        row.point
                    ),
                ));
            }
            replicates = cells[replicates_at]
                .parse()
                .map_err(|_| bad(number, format!("replicates `{}`", cells[replicates_at])))?;
            for q in QUANTITIES {
                for (suffix, target) in [
                    ("mean", &mut mean[k]),
                    ("ci_low", &mut low[k]),
                    ("ci_high", &mut high[k]),
                ] {
                    let cell = cells[column(&format!("{}_{suffix}", q.name))?];
                    if cell.is_empty() {
                        continue;
                    }
                    let v: f64 = cell
                        .parse()
                        .map_err(|_| bad(number, format!("`{cell}` in {}_{suffix}", q.name)))?;
                    (q.set)(target, v);
                }
            }
            count += 1;
        }
        if count != rows.len() {
            return Err(bad(
                count + 1,
                format!("{count} rows where sweep.csv has {}", rows.len()),
            ));
        }
        Ok(SweepBands {
            replicates,
            mean,
            low,
            high,
        })
    }
}

/// Splits a CSV line at commas outside double quotes.
fn split_csv(line: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                cells.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(&line[start..]);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replicates::Interval;

    fn row(point: usize, strategy: &str, cooperation: f64, eco: Option<f64>) -> SweepRow {
        SweepRow {
            point,
            parameters: vec![("offence".into(), 0.1 * point as f64)],
            field_cooperation: cooperation,
            median_score: 2.0 + cooperation,
            ecological_cooperation: eco,
            ..SweepRow::blank(strategy.into())
        }
    }

    fn replicates() -> SweepReplicates {
        let values = [0.2, 0.5, 0.3];
        SweepReplicates {
            seeds: vec![1, 2, 3],
            rows: values
                .iter()
                .map(|&v| {
                    vec![
                        row(0, "A, with a comma", v, None),
                        row(1, "B", 2.0 * v, Some(v)),
                    ]
                })
                .collect(),
        }
    }

    #[test]
    fn bands_are_the_replicates_intervals() {
        let b = SweepBands::of(&replicates());
        assert_eq!(b.replicates, 3);
        let i = Interval::of(&[0.2, 0.5, 0.3]);
        assert_eq!(b.mean[0].field_cooperation, i.mean);
        assert_eq!(b.low[0].field_cooperation, i.low);
        assert_eq!(b.high[0].field_cooperation, i.high);
        assert_eq!(b.mean[1].ecological_cooperation, Some(i.mean));
        // A quantity not computed stays absent.
        assert_eq!(b.mean[0].ecological_cooperation, None);
        assert_eq!(b.mean[1].strategy, "B");
    }

    #[test]
    fn bands_read_back_from_the_intervals_table_equal_the_computed_ones() {
        let r = replicates();
        let text = r.intervals_csv();
        let read = SweepBands::from_intervals_csv(&r.rows[0], &text, Path::new("x.csv")).unwrap();
        assert_eq!(read, SweepBands::of(&r));
        // A table of other rows is refused with the line that differs.
        let e =
            SweepBands::from_intervals_csv(&r.rows[0][..1], &text, Path::new("x.csv")).unwrap_err();
        assert!(e.to_string().contains("more rows"), "{e}");
        let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
        let e = SweepBands::from_intervals_csv(&r.rows[0], &cut, Path::new("x.csv")).unwrap_err();
        assert!(
            e.to_string().contains("1 rows where sweep.csv has 2"),
            "{e}"
        );
    }
}
