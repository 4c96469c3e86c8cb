//! The text encoding of a job's results in a partial file: one record a
//! line, its fields separated by tabs. Numbers are exact: an `f64` is
//! written as the 16 hex digits of its bit pattern ([`f64::to_bits`]), so
//! a merged run adds up exactly the values a single run adds up, NaN and
//! signed zeros included. Text escapes `\`, tab and line breaks.

use crate::error::{Error, Result};

/// A record a partial file can hold: a value of one job's results.
pub trait Record: Sized {
    /// Appends the record's fields.
    fn encode(&self, out: &mut Fields);
    /// Reads the record back from its fields, in the order written.
    fn decode(fields: &mut FieldReader<'_>) -> Result<Self>;
}

/// The fields of one record, being written.
#[derive(Debug, Default)]
pub struct Fields {
    line: String,
}

impl Fields {
    /// An empty record.
    pub fn new() -> Fields {
        Fields::default()
    }

    fn push(&mut self, text: &str) {
        if !self.line.is_empty() {
            self.line.push('\t');
        }
        self.line.push_str(text);
    }

    /// An `f64`, exactly (its bit pattern in hex).
    pub fn f64(&mut self, v: f64) {
        self.push(&format!("{:016x}", v.to_bits()));
    }

    /// An optional `f64` (`-` for none).
    pub fn opt_f64(&mut self, v: Option<f64>) {
        match v {
            Some(v) => self.f64(v),
            None => self.push("-"),
        }
    }

    /// An unsigned integer.
    pub fn u64(&mut self, v: u64) {
        self.push(&v.to_string());
    }

    /// A `usize`.
    pub fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }

    /// A boolean (`1` or `0`).
    pub fn bool(&mut self, v: bool) {
        self.push(if v { "1" } else { "0" });
    }

    /// A text, escaped.
    pub fn text(&mut self, v: &str) {
        let mut s = String::with_capacity(v.len() + 1);
        // A leading `=` keeps an empty text a field of its own.
        s.push('=');
        for c in v.chars() {
            match c {
                '\\' => s.push_str("\\\\"),
                '\t' => s.push_str("\\t"),
                '\n' => s.push_str("\\n"),
                '\r' => s.push_str("\\r"),
                c => s.push(c),
            }
        }
        self.push(&s);
    }

    /// An optional text (`-` for none).
    pub fn opt_text(&mut self, v: Option<&str>) {
        match v {
            Some(v) => self.text(v),
            None => self.push("-"),
        }
    }

    /// The record as one line (no line break).
    pub fn into_line(self) -> String {
        self.line
    }
}

/// The fields of one record, being read.
#[derive(Debug)]
pub struct FieldReader<'a> {
    fields: std::str::Split<'a, char>,
    at: usize,
}

fn bad(message: String) -> Error {
    Error::Format {
        path: "partial.txt".into(),
        message,
    }
}

impl<'a> FieldReader<'a> {
    /// The fields of `line`.
    pub fn new(line: &'a str) -> FieldReader<'a> {
        FieldReader {
            fields: line.split('\t'),
            at: 0,
        }
    }

    fn next(&mut self, what: &str) -> Result<&'a str> {
        self.at += 1;
        self.fields
            .next()
            .ok_or_else(|| bad(format!("field {}: missing ({what})", self.at)))
    }

    fn error(&self, what: &str, text: &str) -> Error {
        bad(format!("field {}: `{text}` is not {what}", self.at))
    }

    /// An `f64`.
    pub fn f64(&mut self) -> Result<f64> {
        let t = self.next("a number")?;
        if t.len() != 16 {
            return Err(self.error("16 hex digits", t));
        }
        u64::from_str_radix(t, 16)
            .map(f64::from_bits)
            .map_err(|_| self.error("16 hex digits", t))
    }

    /// An optional `f64`.
    pub fn opt_f64(&mut self) -> Result<Option<f64>> {
        if self.peek_none() {
            self.next("-")?;
            return Ok(None);
        }
        self.f64().map(Some)
    }

    fn peek_none(&self) -> bool {
        self.fields.clone().next() == Some("-")
    }

    /// An unsigned integer.
    pub fn u64(&mut self) -> Result<u64> {
        let t = self.next("a whole number")?;
        t.parse().map_err(|_| self.error("a whole number", t))
    }

    /// A `usize`.
    pub fn usize(&mut self) -> Result<usize> {
        let t = self.next("a whole number")?;
        t.parse().map_err(|_| self.error("a whole number", t))
    }

    /// A boolean.
    pub fn bool(&mut self) -> Result<bool> {
        match self.next("0 or 1")? {
            "1" => Ok(true),
            "0" => Ok(false),
            t => Err(self.error("0 or 1", t)),
        }
    }

    /// A text.
    pub fn text(&mut self) -> Result<String> {
        let t = self.next("a text")?;
        let body = t.strip_prefix('=').ok_or_else(|| self.error("a text", t))?;
        let mut s = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                s.push(c);
                continue;
            }
            s.push(match chars.next() {
                Some('\\') => '\\',
                Some('t') => '\t',
                Some('n') => '\n',
                Some('r') => '\r',
                _ => return Err(self.error("a text (bad escape)", t)),
            });
        }
        Ok(s)
    }

    /// An optional text.
    pub fn opt_text(&mut self) -> Result<Option<String>> {
        if self.peek_none() {
            self.next("-")?;
            return Ok(None);
        }
        self.text().map(Some)
    }

    /// Checks that every field was read.
    pub fn end(mut self) -> Result<()> {
        match self.fields.next() {
            None => Ok(()),
            Some(t) => Err(bad(format!("field {}: `{t}` is one too many", self.at + 1))),
        }
    }
}

/// A record type of a fixed-size array of `u64` values (counts).
pub fn u64s<const N: usize>(out: &mut Fields, values: &[u64; N]) {
    for &v in values {
        out.u64(v);
    }
}

/// Reads [`u64s`]'s values back.
pub fn read_u64s<const N: usize>(fields: &mut FieldReader<'_>) -> Result<[u64; N]> {
    let mut values = [0; N];
    for v in &mut values {
        *v = fields.u64()?;
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_exactly() {
        let floats = [0.1 + 0.2, -0.0, f64::NAN, f64::INFINITY, 1e-310, 5.0];
        let mut f = Fields::new();
        for &x in &floats {
            f.f64(x);
        }
        f.opt_f64(None);
        f.text("Omega TFT: 3, 8\ttab\\ and\nline");
        f.text("");
        f.opt_text(Some("-"));
        f.opt_text(None);
        f.bool(true);
        f.u64(u64::MAX);
        let line = f.into_line();
        assert!(!line.contains('\n'));
        let mut r = FieldReader::new(&line);
        for &x in &floats {
            assert_eq!(r.f64().unwrap().to_bits(), x.to_bits());
        }
        assert_eq!(r.opt_f64().unwrap(), None);
        assert_eq!(r.text().unwrap(), "Omega TFT: 3, 8\ttab\\ and\nline");
        assert_eq!(r.text().unwrap(), "");
        assert_eq!(r.opt_text().unwrap().as_deref(), Some("-"));
        assert_eq!(r.opt_text().unwrap(), None);
        assert!(r.bool().unwrap());
        assert_eq!(r.u64().unwrap(), u64::MAX);
        r.end().unwrap();
    }

    #[test]
    fn damaged_fields_are_errors() {
        assert!(FieldReader::new("3ff").f64().is_err());
        assert!(FieldReader::new("zzzzzzzzzzzzzzzz").f64().is_err());
        assert!(FieldReader::new("2").bool().is_err());
        assert!(FieldReader::new("text").text().is_err());
        assert!(FieldReader::new("=a\\q").text().is_err());
        let mut r = FieldReader::new("1\t2");
        r.u64().unwrap();
        assert!(r.end().is_err());
        assert!(FieldReader::new("").u64().is_err());
    }
}
