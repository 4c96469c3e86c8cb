//! Gambit strategic-form (`.nfg`) files.
//!
//! Both versions of the format are read:
//!
//! - the **payoff version**: after the header, every profile's payoffs, one
//!   number per player, with the first player's strategy changing fastest;
//! - the **outcome version**: a list of outcomes `{ "name" p1, p2 }`, then for
//!   every profile (first player fastest) the 1-based index of its outcome
//!   (0 = the null outcome, all payoffs zero).
//!
//! The header names the players and either counts their strategies (`{ 3 2 }`)
//! or names them (`{ { "C" "D" } { "C" "D" } }`); a quoted comment may follow.
//! Payoffs may be integers, decimals or fractions (`7/13`). Only two-player
//! games are accepted. The writer produces the payoff version with strategy
//! names, which Gambit reads.
//!
//! ## References
//! - The Gambit Project, *Strategic form games (.nfg) file format*, Gambit 16 documentation.

use super::MatrixGame;
use crate::error::{Error, Result};
use ndarray::Array2;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    Str(String),
    Word(String),
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Open => "`{`".into(),
            Tok::Close => "`}`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Str(s) => format!("the string \"{s}\""),
            Tok::Word(w) => format!("`{w}`"),
        }
    }
}

struct Parser<'a> {
    source: &'a str,
    toks: Vec<(Tok, usize)>,
    pos: usize,
    last_line: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &str, source: &'a str) -> Result<Self> {
        let mut toks = Vec::new();
        let mut chars = text.chars().peekable();
        let mut line = 1;
        while let Some(&c) = chars.peek() {
            match c {
                '\n' => {
                    line += 1;
                    chars.next();
                }
                c if c.is_whitespace() => {
                    chars.next();
                }
                '{' | '}' | ',' => {
                    chars.next();
                    let t = match c {
                        '{' => Tok::Open,
                        '}' => Tok::Close,
                        _ => Tok::Comma,
                    };
                    toks.push((t, line));
                }
                '"' => {
                    let start = line;
                    chars.next();
                    let mut s = String::new();
                    loop {
                        match chars.next() {
                            None => {
                                return Err(Error::Nfg {
                                    source_name: source.to_string(),
                                    line: start,
                                    message: "unterminated string: expected a closing `\"`".into(),
                                })
                            }
                            Some('"') => break,
                            Some('\\') => match chars.next() {
                                Some(e) => {
                                    if e == '\n' {
                                        line += 1;
                                    }
                                    s.push(e)
                                }
                                None => continue,
                            },
                            Some(ch) => {
                                if ch == '\n' {
                                    line += 1;
                                }
                                s.push(ch)
                            }
                        }
                    }
                    toks.push((Tok::Str(s), start));
                }
                _ => {
                    let mut w = String::new();
                    while let Some(&ch) = chars.peek() {
                        if ch.is_whitespace() || matches!(ch, '{' | '}' | ',' | '"') {
                            break;
                        }
                        w.push(ch);
                        chars.next();
                    }
                    toks.push((Tok::Word(w), line));
                }
            }
        }
        Ok(Parser {
            source,
            toks,
            pos: 0,
            last_line: line,
        })
    }

    fn line(&self) -> usize {
        self.toks.get(self.pos).map_or(self.last_line, |t| t.1)
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Nfg {
            source_name: self.source.to_string(),
            line: self.line(),
            message: message.into(),
        }
    }

    fn found(&self) -> String {
        self.toks
            .get(self.pos)
            .map_or("the end of the file".into(), |t| t.0.describe())
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|t| t.0.clone());
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    fn expect(&mut self, want: Tok, what: &str) -> Result<()> {
        if self.peek() == Some(&want) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected {what}, found {}", self.found())))
        }
    }

    fn word(&mut self, what: &str) -> Result<String> {
        match self.peek() {
            Some(Tok::Word(w)) => {
                let w = w.clone();
                self.pos += 1;
                Ok(w)
            }
            _ => Err(self.error(format!("expected {what}, found {}", self.found()))),
        }
    }

    fn string(&mut self, what: &str) -> Result<String> {
        match self.peek() {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => Err(self.error(format!("expected {what}, found {}", self.found()))),
        }
    }

    fn number(&mut self, what: &str) -> Result<f64> {
        let line = self.line();
        let w = self.word(what)?;
        parse_number(&w).ok_or_else(|| Error::Nfg {
            source_name: self.source.to_string(),
            line,
            message: format!("expected {what} (an integer, decimal or fraction), found `{w}`"),
        })
    }

    fn count(&mut self, what: &str) -> Result<usize> {
        let line = self.line();
        let w = self.word(what)?;
        match w.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(Error::Nfg {
                source_name: self.source.to_string(),
                line,
                message: format!("expected {what} (a positive integer), found `{w}`"),
            }),
        }
    }
}

fn parse_number(w: &str) -> Option<f64> {
    let x = match w.split_once('/') {
        Some((n, d)) => {
            let n: f64 = n.parse().ok()?;
            let d: f64 = d.parse().ok()?;
            if d == 0.0 {
                return None;
            }
            n / d
        }
        None => w.parse().ok()?,
    };
    x.is_finite().then_some(x)
}

/// Reads a two-player game from the text of a `.nfg` file. `source_name`
/// (e.g. the file name) prefixes error messages, which give the line and what
/// was expected.
pub fn parse(text: &str, source_name: &str) -> Result<MatrixGame> {
    let mut p = Parser::new(text, source_name)?;
    let magic = p.word("`NFG` at the start of the file")?;
    if magic != "NFG" {
        p.pos -= 1;
        return Err(p.error(format!(
            "expected `NFG` at the start of the file, found {}",
            p.found()
        )));
    }
    let version = p.word("the format version `1`")?;
    if version != "1" {
        p.pos -= 1;
        return Err(p.error(format!(
            "expected the format version `1`, found {}",
            p.found()
        )));
    }
    let kind = p.word("the number type `R` or `D`")?;
    if kind != "R" && kind != "D" {
        p.pos -= 1;
        return Err(p.error(format!(
            "expected the number type `R` or `D`, found {}",
            p.found()
        )));
    }
    let title = p.string("the game's title in quotes")?;
    p.expect(Tok::Open, "`{` opening the list of players")?;
    let mut players = 0;
    while let Some(Tok::Str(_)) = p.peek() {
        p.next();
        players += 1;
    }
    p.expect(Tok::Close, "`}` closing the list of players")?;
    if players != 2 {
        p.pos -= 1;
        return Err(p.error(format!(
            "expected a two-player game, found {players} player(s)"
        )));
    }
    p.expect(Tok::Open, "`{` opening the strategy counts or names")?;
    let mut names: Vec<Vec<String>> = Vec::new();
    let mut counts = Vec::new();
    if p.peek() == Some(&Tok::Open) {
        for who in ["first", "second"] {
            p.expect(
                Tok::Open,
                &format!("`{{` opening the {who} player's strategy names"),
            )?;
            let mut list = Vec::new();
            while let Some(Tok::Str(_)) = p.peek() {
                list.push(p.string("a strategy name")?);
            }
            p.expect(
                Tok::Close,
                &format!("a quoted strategy name or `}}` closing the {who} player's strategies"),
            )?;
            if list.is_empty() {
                p.pos -= 1;
                return Err(p.error(format!("the {who} player has no strategies")));
            }
            counts.push(list.len());
            names.push(list);
        }
    } else {
        counts.push(p.count("the first player's number of strategies")?);
        counts.push(p.count("the second player's number of strategies")?);
    }
    p.expect(Tok::Close, "`}` closing the strategies")?;
    if let Some(Tok::Str(_)) = p.peek() {
        p.next(); // the comment
    }
    let (m, n) = (counts[0], counts[1]);
    let mut a = Array2::zeros((m, n));
    let mut b = Array2::zeros((m, n));
    if p.peek() == Some(&Tok::Open) {
        // Outcome version.
        p.next();
        let mut outcomes: Vec<(f64, f64)> = Vec::new();
        while p.peek() == Some(&Tok::Open) {
            p.next();
            p.string("the outcome's name in quotes")?;
            let x = p.number("the first player's payoff")?;
            if p.peek() == Some(&Tok::Comma) {
                p.next();
            }
            let y = p.number("the second player's payoff")?;
            if p.peek() == Some(&Tok::Comma) {
                p.next();
            }
            p.expect(Tok::Close, "`}` closing the outcome (two players' payoffs)")?;
            outcomes.push((x, y));
        }
        p.expect(
            Tok::Close,
            "`{` opening an outcome or `}` closing the outcomes",
        )?;
        for k in 0..m * n {
            let line = p.line();
            let idx = p.word(&format!(
                "the outcome index of profile {} of {}",
                k + 1,
                m * n
            ))?;
            let idx: usize = idx.parse().map_err(|_| Error::Nfg {
                source_name: source_name.to_string(),
                line,
                message: format!(
                    "expected an outcome index (0 to {}), found `{idx}`",
                    outcomes.len()
                ),
            })?;
            if idx > outcomes.len() {
                return Err(Error::Nfg {
                    source_name: source_name.to_string(),
                    line,
                    message: format!(
                        "outcome index {idx} is out of range: the file defines {} outcome(s)",
                        outcomes.len()
                    ),
                });
            }
            let (x, y) = if idx == 0 {
                (0.0, 0.0)
            } else {
                outcomes[idx - 1]
            };
            a[(k % m, k / m)] = x;
            b[(k % m, k / m)] = y;
        }
    } else {
        for k in 0..m * n {
            let (i, j) = (k % m, k / m);
            a[(i, j)] = p.number(&format!(
                "the first player's payoff for profile ({}, {})",
                i + 1,
                j + 1
            ))?;
            b[(i, j)] = p.number(&format!(
                "the second player's payoff for profile ({}, {})",
                i + 1,
                j + 1
            ))?;
        }
    }
    if p.peek().is_some() {
        return Err(p.error(format!("expected the end of the file, found {}", p.found())));
    }
    let game = MatrixGame::new(a, b)?.with_name(title);
    if names.is_empty() {
        Ok(game)
    } else {
        let col = names.pop().expect("two lists");
        let row = names.pop().expect("two lists");
        game.with_action_names(row, col)
    }
}

/// Reads a `.nfg` file.
pub fn read_file(path: impl AsRef<Path>) -> Result<MatrixGame> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, &path.display().to_string())
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes a game as a `.nfg` file text, payoff version, with strategy names.
/// Payoffs are written in Rust's shortest round-trip decimal form, so reading
/// the text back gives the same game exactly.
pub fn to_string(game: &MatrixGame) -> String {
    let mut s = String::new();
    let names = |v: &[String]| v.iter().map(|x| quote(x)).collect::<Vec<_>>().join(" ");
    let _ = writeln!(
        s,
        "NFG 1 R {} {{ \"Player 1\" \"Player 2\" }}\n",
        quote(game.name())
    );
    let _ = writeln!(s, "{{ {{ {} }}", names(game.row_actions()));
    let _ = writeln!(s, "{{ {} }}", names(game.col_actions()));
    let _ = writeln!(s, "}}\n\"\"\n");
    let (m, n) = game.shape();
    let mut payoffs = Vec::with_capacity(2 * m * n);
    for j in 0..n {
        for i in 0..m {
            let (x, y) = game.payoffs(i, j);
            payoffs.push(format!("{x} {y}"));
        }
    }
    let _ = writeln!(s, "{}", payoffs.join(" "));
    s
}

/// Writes a game to a `.nfg` file (payoff version), through a temporary file
/// renamed into place so a failed write leaves no half-written file.
pub fn write_file(game: &MatrixGame, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let tmp = path.with_extension("nfg.tmp");
    std::fs::write(&tmp, to_string(game)).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::catalogue;
    use ndarray::array;

    const PD_OUTCOME: &str = r#"NFG 1 R "prisoners_dilemma" { "1" "2" }

{ { "1" "2" }
{ "1" "2" }
}
""

{
{ "" 3, 3 }
{ "" 5, 0 }
{ "" 0, 5 }
{ "" 1, 1 }
}
1 2 3 4
"#;

    #[test]
    fn reads_the_outcome_version() {
        let g = parse(PD_OUTCOME, "pd.nfg").unwrap();
        assert_eq!(g.row_payoffs(), &array![[3.0, 0.0], [5.0, 1.0]]);
        assert_eq!(g.col_payoffs(), &array![[3.0, 5.0], [0.0, 1.0]]);
        assert_eq!(g.name(), "prisoners_dilemma");
    }

    #[test]
    fn reads_the_payoff_version_with_counts_and_fractions() {
        let text = "NFG 1 R \"x\" { \"a\" \"b\" } { 3 2 }\n\n3 3 2 2 0 3 3 2 5 6 6 1/2\n";
        let g = parse(text, "x.nfg").unwrap();
        assert_eq!(g.row_payoffs(), &array![[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]]);
        assert_eq!(g.col_payoffs(), &array![[3.0, 2.0], [2.0, 6.0], [3.0, 0.5]]);
    }

    #[test]
    fn null_outcome_is_zero() {
        let text = "NFG 1 R \"z\" { \"1\" \"2\" } { 1 2 }\n{ { \"\" 4, 5 } }\n1 0\n";
        let g = parse(text, "z.nfg").unwrap();
        assert_eq!(g.payoffs(0, 0), (4.0, 5.0));
        assert_eq!(g.payoffs(0, 1), (0.0, 0.0));
    }

    #[test]
    fn writes_what_it_reads() {
        for game in [
            catalogue::prisoners_dilemma_default(),
            catalogue::rock_paper_scissors(),
            catalogue::battle_of_the_sexes(2.0, 1.0).unwrap(),
            MatrixGame::new(array![[0.1, -1e-7, 1.0 / 3.0]], array![[2.5, 7.0, -0.0]])
                .unwrap()
                .with_name("odd \"quoted\" name")
                .with_action_names(["only"], ["x", "y \\ z", "w"])
                .unwrap(),
        ] {
            let back = parse(&to_string(&game), "mem").unwrap();
            assert_eq!(back, game);
        }
    }

    fn err(text: &str) -> String {
        parse(text, "bad.nfg").unwrap_err().to_string()
    }

    #[test]
    fn malformed_files_name_the_line_and_what_was_expected() {
        assert_eq!(
            err("GFN 1 R \"x\""),
            "bad.nfg:1: expected `NFG` at the start of the file, found `GFN`"
        );
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n\n3 3 5 0\n0 5 1 oops\n");
        assert!(
            e.starts_with("bad.nfg:4: expected the second player's payoff for profile (2, 2)"),
            "{e}"
        );
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n");
        assert!(e.contains("two-player game, found 3"), "{e}");
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n\n3 3 5 0\n");
        assert!(
            e.starts_with("bad.nfg:4: expected the first player's payoff for profile (1, 2)"),
            "{e}"
        );
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" } { 1 1 }\n{ { \"\" 1, 1 } }\n2\n");
        assert!(
            e.starts_with("bad.nfg:3: outcome index 2 is out of range"),
            "{e}"
        );
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" } { 1 1 }\n1 1 7\n");
        assert!(e.contains("expected the end of the file, found `7`"), "{e}");
        let e = err("NFG 1 R \"x\n");
        assert!(e.contains("unterminated string"), "{e}");
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" } { 0 1 }\n");
        assert!(e.contains("positive integer"), "{e}");
    }
}
