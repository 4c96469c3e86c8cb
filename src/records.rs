//! The file formats every record goes through: pretty JSON (in field order
//! or with sorted keys) and CSV read by header name, each written through a
//! temporary file and read back with errors that name the file.
//!
//! Each file the tool writes has one serde record type in the module that
//! owns its data (the tournament's results and manifest in
//! [`crate::tournament`], the ecological table and Moran reports in
//! [`crate::evolution`], the sweep table and manifest in [`crate::sweep`],
//! the comparison in [`crate::compare`]); that module writes it with these
//! helpers and reads it back with them, and `dilemma plot` reads it through
//! the same type.

use crate::error::{Error, Result};
use crate::tournament::output::write_atomic;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// Pretty JSON in the record's field order, with a final newline.
///
/// Every record type serialises (string keys, no failing serialiser).
pub fn json_text<T: Serialize>(record: &T) -> String {
    let text = serde_json::to_string_pretty(record).expect("records serialise to JSON");
    format!("{text}\n")
}

/// Pretty JSON with the keys of every object sorted, with a final newline
/// (the layout of the files first written through `serde_json::Value`).
pub fn sorted_json_text<T: Serialize>(record: &T) -> String {
    json_text(&serde_json::to_value(record).expect("records serialise to JSON"))
}

/// Writes `record` to `path` as [`json_text`].
pub fn write_json<T: Serialize>(path: &Path, record: &T) -> Result<()> {
    write_atomic(path, json_text(record).as_bytes())
}

/// Writes `record` to `path` as [`sorted_json_text`].
pub fn write_sorted_json<T: Serialize>(path: &Path, record: &T) -> Result<()> {
    write_atomic(path, sorted_json_text(record).as_bytes())
}

/// Reads a JSON record; a file that does not hold one is an error naming
/// the file and the first field that does not fit.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_json(&text, path)
}

/// Parses a JSON record from `text`; `path` names it in errors.
pub fn parse_json<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    serde_json::from_str(text).map_err(|e| format_error(path, e.to_string()))
}

/// Reads a file's text.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// A malformed file.
pub fn format_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// A CSV table read by header name: its header and its records, each
/// checked to have one field per column.
pub struct CsvTable<'a> {
    path: &'a Path,
    /// The column names.
    pub headers: Vec<String>,
    records: Vec<csv::StringRecord>,
}

impl<'a> CsvTable<'a> {
    /// Parses `text` (with a header line); `path` names it in errors.
    pub fn parse(text: &str, path: &'a Path) -> Result<CsvTable<'a>> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format_error(path, e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect();
        let records = reader
            .records()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| format_error(path, e.to_string()))?;
        Ok(CsvTable {
            path,
            headers,
            records,
        })
    }

    /// The index of the column `name`.
    pub fn column(&self, name: &str) -> Result<usize> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| self.error(format!("no `{name}` column")))
    }

    /// The number of data rows.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the table has no data rows.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The text of row `row` (0 = the first data row), column `column`.
    pub fn text(&self, row: usize, column: usize) -> &str {
        self.records[row].get(column).unwrap_or("")
    }

    /// Row `row`, column `column` parsed as a `T`; the error names the line
    /// and the column.
    pub fn value<T: std::str::FromStr>(&self, row: usize, column: usize) -> Result<T> {
        let text = self.text(row, column);
        text.parse().map_err(|_| {
            self.error(format!(
                "line {}: `{}` value `{text}` is not a {}",
                row + 2,
                self.headers[column],
                std::any::type_name::<T>()
            ))
        })
    }

    /// As [`CsvTable::value`], with an empty field read as `None`.
    pub fn optional<T: std::str::FromStr>(&self, row: usize, column: usize) -> Result<Option<T>> {
        if self.text(row, column).is_empty() {
            Ok(None)
        } else {
            self.value(row, column).map(Some)
        }
    }

    /// An error about this table.
    pub fn error(&self, message: String) -> Error {
        format_error(self.path, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Unsorted {
        zebra: u8,
        apple: u8,
    }

    #[test]
    fn sorted_json_sorts_keys_and_plain_json_keeps_field_order() {
        let r = Unsorted { zebra: 1, apple: 2 };
        assert_eq!(json_text(&r), "{\n  \"zebra\": 1,\n  \"apple\": 2\n}\n");
        assert_eq!(
            sorted_json_text(&r),
            "{\n  \"apple\": 2,\n  \"zebra\": 1\n}\n"
        );
    }

    #[test]
    fn csv_values_name_the_line_and_column_when_they_do_not_parse() {
        let path = Path::new("t.csv");
        let t = CsvTable::parse("a,\"b, c\"\n1,\n2,x\n", path).unwrap();
        assert_eq!(t.headers, ["a", "b, c"]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.value::<u32>(1, 0).unwrap(), 2);
        assert_eq!(t.optional::<f64>(0, 1).unwrap(), None);
        let e = t.optional::<f64>(1, 1).unwrap_err().to_string();
        assert!(e.starts_with("t.csv: line 3: `b, c` value `x`"), "{e}");
        assert!(t.column("d").is_err());
        assert!(CsvTable::parse("a,b\n1\n", path).is_err());
    }
}
