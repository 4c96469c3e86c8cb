//! LaTeX tables for papers: every CSV table a run writes, as a booktabs
//! `tabular` beside it, with each interval written as `mean [low, high]`.
//!
//! A table's columns `X_mean`, `X_sd`, `X_ci_low` and `X_ci_high` (the
//! interval columns of docs/model.md §14) become one column `X (95% CI)`
//! holding `0.82 [0.80, 0.84]`; the standard deviation stays in the CSV.
//! Numbers are rounded by magnitude (3 decimals below 10, 2 below 100, 1
//! above), the same for the three numbers of an interval; integers, text and
//! booleans are copied, with LaTeX's special characters escaped. The CSV
//! remains the record: the `.tex` file is a rendering of it.
//!
//! ## References
//! - Fear, S. (2020). *Publication quality tables in LaTeX* (the booktabs
//!   package documentation): `\toprule`, `\midrule`, `\bottomrule`, no
//!   vertical rules.

use crate::error::{Error, Result};
use crate::tournament::output::write_atomic;
use std::path::{Path, PathBuf};

/// Tables that are not rendered: the moves of every turn
/// (`interactions.csv`) are data for programs, not a table for a paper.
pub const NOT_RENDERED: &[&str] = &["interactions.csv"];

/// One output column: a CSV column copied, or an interval made of three.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    /// The CSV column at this index.
    Plain(usize),
    /// `name_mean`, `name_ci_low`, `name_ci_high` at these indices.
    Interval {
        name: String,
        mean: usize,
        low: usize,
        high: usize,
    },
}

/// The output columns of a CSV header: interval groups merged, their `_sd`
/// columns dropped, every other column kept in order.
fn columns(header: &[String]) -> Vec<Column> {
    let find = |name: &str| header.iter().position(|h| h == name);
    let mut merged = vec![false; header.len()];
    let mut out = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if merged[i] {
            continue;
        }
        let group = h.strip_suffix("_mean").and_then(|prefix| {
            let low = find(&format!("{prefix}_ci_low"))?;
            let high = find(&format!("{prefix}_ci_high"))?;
            Some((prefix.to_string(), low, high, find(&format!("{prefix}_sd"))))
        });
        match group {
            Some((name, low, high, sd)) => {
                for j in [Some(low), Some(high), sd].into_iter().flatten() {
                    merged[j] = true;
                }
                out.push(Column::Interval {
                    name,
                    mean: i,
                    low,
                    high,
                });
            }
            None => out.push(Column::Plain(i)),
        }
    }
    out
}

/// LaTeX's special characters escaped (text mode).
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                s.push('\\');
                s.push(c);
            }
            '~' => s.push_str("\\textasciitilde{}"),
            '^' => s.push_str("\\textasciicircum{}"),
            _ => s.push(c),
        }
    }
    s
}

/// A cell that is a real number written with a decimal point or exponent
/// (integers such as counts and ranks are copied as written).
fn real(cell: &str) -> Option<f64> {
    let looks_real = cell.contains(['.', 'e', 'E']) || cell.eq_ignore_ascii_case("nan");
    looks_real.then(|| cell.parse::<f64>().ok()).flatten()
}

/// Decimals for a number of this magnitude: 3 below 10, 2 below 100, 1 above.
fn decimals(magnitude: f64) -> usize {
    match magnitude.abs() {
        m if m < 10.0 => 3,
        m if m < 100.0 => 2,
        _ => 1,
    }
}

/// A number with `places` decimals; a minus sign in math mode; `--` for a
/// value that is not finite.
fn number(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "--".into();
    }
    let s = format!("{x:.places$}");
    match s.strip_prefix('-') {
        // -0.000 is 0.000
        Some(rest) if rest.chars().any(|c| matches!(c, '1'..='9')) => format!("$-${rest}"),
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// One cell of a plain column.
fn plain_cell(cell: &str) -> String {
    match real(cell) {
        Some(x) => number(x, decimals(x)),
        None => escape(cell),
    }
}

/// One cell of an interval column: `mean [low, high]`, the three with the
/// decimals of the largest of them.
fn interval_cell(mean: &str, low: &str, high: &str, file: &Path) -> Result<String> {
    let parse = |cell: &str| {
        cell.parse::<f64>().map_err(|_| Error::Format {
            path: file.to_path_buf(),
            message: format!("`{cell}` in an interval column is not a number"),
        })
    };
    let (m, l, h) = (parse(mean)?, parse(low)?, parse(high)?);
    let largest = [m, l, h]
        .into_iter()
        .filter(|x| x.is_finite())
        .fold(0.0_f64, |a, x| a.max(x.abs()));
    let places = decimals(largest);
    Ok(format!(
        "{} [{}, {}]",
        number(m, places),
        number(l, places),
        number(h, places)
    ))
}

/// A column is right-aligned when every non-empty cell is a number.
fn numeric(rows: &[Vec<String>], column: &Column) -> bool {
    match column {
        Column::Interval { .. } => true,
        Column::Plain(i) => rows
            .iter()
            .map(|r| r[*i].as_str())
            .filter(|c| !c.is_empty())
            .all(|c| c.parse::<f64>().is_ok()),
    }
}

/// The booktabs `tabular` of a CSV table's text; `file` names the table in
/// errors and in the first comment line.
pub fn booktabs(csv_text: &str, file: &Path) -> Result<String> {
    let format_error = |e: csv::Error| Error::Format {
        path: file.to_path_buf(),
        message: e.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(format_error)?
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect::<Vec<_>>()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(format_error)?;
    let columns = columns(&header);
    let align: String = columns
        .iter()
        .map(|c| if numeric(&rows, c) { 'r' } else { 'l' })
        .collect();
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut s = format!(
        "% {name} as a table ({} rows); needs \\usepackage{{booktabs}}.\n% Intervals: mean [95% CI low, high].\n\\begin{{tabular}}{{{align}}}\n\\toprule\n",
        rows.len()
    );
    let titles: Vec<String> = columns
        .iter()
        .map(|c| match c {
            Column::Plain(i) => escape(&header[*i]),
            Column::Interval { name, .. } => format!("{} (95\\% CI)", escape(name)),
        })
        .collect();
    s.push_str(&titles.join(" & "));
    s.push_str(" \\\\\n\\midrule\n");
    for row in &rows {
        let cells = columns
            .iter()
            .map(|c| match c {
                Column::Plain(i) => Ok(plain_cell(&row[*i])),
                Column::Interval {
                    mean, low, high, ..
                } => interval_cell(&row[*mean], &row[*low], &row[*high], file),
            })
            .collect::<Result<Vec<_>>>()?;
        s.push_str(&cells.join(" & "));
        s.push_str(" \\\\\n");
    }
    s.push_str("\\bottomrule\n\\end{tabular}\n");
    Ok(s)
}

/// Writes `NAME.tex` beside every `NAME.csv` directly in `dir` (except
/// [`NOT_RENDERED`]), in name order; returns the files written.
pub fn write_tables(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |e: std::io::Error| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut tables: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()).map_err(io))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv") && p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| NOT_RENDERED.iter().any(|x| n == *x))
        })
        .collect();
    tables.sort();
    let mut written = Vec::new();
    for csv_path in tables {
        let text = std::fs::read_to_string(&csv_path).map_err(|e| Error::Io {
            path: csv_path.clone(),
            source: e,
        })?;
        let tex = csv_path.with_extension("tex");
        write_atomic(&tex, booktabs(&text, &csv_path)?.as_bytes())?;
        written.push(tex);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv: &str) -> String {
        booktabs(csv, Path::new("t.csv")).unwrap()
    }

    #[test]
    fn an_interval_group_becomes_one_column_written_mean_low_high() {
        let t = table(
            "name,replicates,restraint_mean,restraint_sd,restraint_ci_low,restraint_ci_high\nTit For Tat,20,0.8213,0.05,0.8011,0.8415\n",
        );
        assert!(t.contains("\\begin{tabular}{lrr}"), "{t}");
        assert!(
            t.contains("name & replicates & restraint (95\\% CI) \\\\"),
            "{t}"
        );
        assert!(
            t.contains("Tit For Tat & 20 & 0.821 [0.801, 0.842] \\\\"),
            "{t}"
        );
        assert!(!t.contains("0.050"), "the sd is left in the CSV: {t}");
        for rule in ["\\toprule", "\\midrule", "\\bottomrule", "\\end{tabular}"] {
            assert!(t.contains(rule), "{rule} missing: {t}");
        }
    }

    #[test]
    fn an_interval_takes_the_decimals_of_its_largest_end() {
        let t = table("x_mean,x_ci_low,x_ci_high\n506.63,-3.2,510.1\n");
        assert!(t.contains("506.6 [$-$3.2, 510.1]"), "{t}");
    }

    #[test]
    fn a_column_named_mean_without_its_interval_stays_plain() {
        let t = table("score_mean,score_ci_low\n1.5,1.2\n");
        assert!(t.contains("score\\_mean & score\\_ci\\_low"), "{t}");
        assert!(t.contains("1.500 & 1.200"), "{t}");
    }

    #[test]
    fn special_characters_are_escaped_and_quoted_fields_read_whole() {
        let t = table("name,value\n\"Omega TFT: 3, 8\",1\n100% & $x_1$ #2 ~{a}^\\,2.5\n");
        assert!(t.contains("Omega TFT: 3, 8 & 1"), "{t}");
        assert!(
            t.contains(
                "100\\% \\& \\$x\\_1\\$ \\#2 \\textasciitilde{}\\{a\\}\\textasciicircum{}\\textbackslash{} & 2.500"
            ),
            "{t}"
        );
    }

    #[test]
    fn integers_are_copied_and_non_finite_values_shown_as_dashes() {
        let t = table("count,rate,flag\n12,NaN,true\n-3,-0.0001,false\n");
        assert!(t.contains("{rrl}"), "{t}");
        assert!(t.contains("12 & -- & true"), "{t}");
        assert!(t.contains("-3 & 0.000 & false"), "{t}");
    }

    #[test]
    fn a_bad_interval_cell_names_the_file() {
        let err = booktabs(
            "x_mean,x_ci_low,x_ci_high\n1.0,abc,2.0\n",
            Path::new("t.csv"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("t.csv") && err.contains("abc"), "{err}");
    }

    #[test]
    fn write_tables_renders_every_csv_but_the_moves() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("summary.csv"), "a,b\n1,2\n").unwrap();
        std::fs::write(dir.path().join("interactions.csv"), "a\n1\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let written = write_tables(dir.path()).unwrap();
        assert_eq!(written, vec![dir.path().join("summary.tex")]);
        assert!(!dir.path().join("interactions.tex").exists());
    }
}
