//! The layout of `results.json`: pretty JSON, but every array inside an
//! array on one line, so that a matrix is a row per line and the
//! per-repetition matrices of a large tournament are not a number per line
//! (the full library's per-repetition score differences, 5.6 million
//! numbers, take a third of the bytes).

use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A [`Formatter`] that writes objects and outer arrays as
/// [`PrettyFormatter`] does and an array nested in an array, with all it
/// holds, compactly on one line.
pub(crate) struct MatrixRows {
    pretty: PrettyFormatter<'static>,
    /// The open containers, innermost last: `true` for an array.
    open: Vec<bool>,
    /// While inside a compact array: how many containers were open
    /// outside it.
    compact_from: Option<usize>,
}

impl MatrixRows {
    /// A formatter with nothing written yet (two-space indentation).
    pub(crate) fn new() -> Self {
        MatrixRows {
            pretty: PrettyFormatter::new(),
            open: Vec::new(),
            compact_from: None,
        }
    }

    fn compact(&self) -> bool {
        self.compact_from.is_some()
    }
}

impl Formatter for MatrixRows {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if !self.compact() && self.open.last() == Some(&true) {
            self.compact_from = Some(self.open.len());
        }
        self.open.push(true);
        if self.compact() {
            w.write_all(b"[")
        } else {
            self.pretty.begin_array(w)
        }
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.pop();
        match self.compact_from {
            Some(depth) => {
                if depth == self.open.len() {
                    self.compact_from = None;
                }
                w.write_all(b"]")
            }
            None => self.pretty.end_array(w),
        }
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        match (self.compact(), first) {
            (true, true) => Ok(()),
            (true, false) => w.write_all(b","),
            (false, _) => self.pretty.begin_array_value(w, first),
        }
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.compact() {
            Ok(())
        } else {
            self.pretty.end_array_value(w)
        }
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.push(false);
        if self.compact() {
            w.write_all(b"{")
        } else {
            self.pretty.begin_object(w)
        }
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open.pop();
        if self.compact() {
            w.write_all(b"}")
        } else {
            self.pretty.end_object(w)
        }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        match (self.compact(), first) {
            (true, true) => Ok(()),
            (true, false) => w.write_all(b","),
            (false, _) => self.pretty.begin_object_key(w, first),
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.compact() {
            w.write_all(b":")
        } else {
            self.pretty.begin_object_value(w)
        }
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.compact() {
            Ok(())
        } else {
            self.pretty.end_object_value(w)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    fn write(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, MatrixRows::new());
        value.serialize(&mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn matrices_are_a_row_per_line_and_objects_stay_pretty() {
        let v = json!({
            "m": [[1, 2], [3, 4]],
            "v": [1.5, "x"],
            "cube": [[[1], [2, 3]], []],
            "rows": [{"k": [[0]], "e": {}}],
            "empty": []
        });
        let text = write(&v);
        let expected = r#"{
  "cube": [
    [[1],[2,3]],
    []
  ],
  "empty": [],
  "m": [
    [1,2],
    [3,4]
  ],
  "rows": [
    {
      "e": {},
      "k": [
        [0]
      ]
    }
  ],
  "v": [
    1.5,
    "x"
  ]
}"#;
        assert_eq!(text, expected);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
    }

    #[test]
    fn pretty_and_this_layout_agree_without_nested_arrays() {
        let v = json!({"a": {"b": [1, 2], "c": null}, "d": "e", "f": [{"g": true}]});
        assert_eq!(write(&v), serde_json::to_string_pretty(&v).unwrap());
    }
}
