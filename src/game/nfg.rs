//! Gambit strategic-form (`.nfg`) files.
//!
//! Both versions of the format are read:
//!
//! - the **payoff version**: after the header, every profile's payoffs, one
//!   number per player, with the first player's strategy changing fastest;
//! - the **outcome version**: a list of outcomes `{ "name" p1, p2, ... }`
//!   (one payoff per player), then for every profile (first player fastest)
//!   the 1-based index of its outcome (0 = the null outcome, all payoffs
//!   zero).
//!
//! The header names the players and either counts their strategies (`{ 3 2 }`)
//! or names them (`{ { "C" "D" } { "C" "D" } }`); a quoted comment may follow.
//! Payoffs may be integers, decimals or fractions (`7/13`). [`parse`] and
//! [`read_file`] accept two-player games (a [`MatrixGame`]); [`parse_any`]
//! and [`read_any_file`] accept any number of players, giving a two-player
//! file exactly the [`MatrixGame`] [`parse`] gives and any other an
//! [`NPlayerGame`]. An extensive-form file (`EFG`) is refused with a message
//! saying so. The writers ([`to_string`], [`nplayer_to_string`]) produce the
//! payoff version with strategy names, which Gambit reads.
//!
//! **Labels.** Inside quotes every character is kept; `\"` stands for a quote
//! and `\\` for one backslash, and a backslash before any other character is
//! kept as it is (`"a\b"` is the label `a\b`). Gambit requires a player's
//! strategy labels to be nonempty and distinct, so an empty label becomes the
//! strategy's 1-based number and a label met again gets the first free suffix
//! `_1`, `_2`, ... (`"defect" "defect"` reads as `defect`, `defect_1`); the
//! writer applies the same rule, so what it writes Gambit accepts.
//!
//! **Sizes.** A game may have at most [`MAX_PROFILES`] strategy profiles, the
//! product of the strategy counts computed without overflow, and at most
//! `2 MAX_PROFILES` payoffs (players times profiles), and a header
//! may not declare more profiles than the rest of the file can hold (a payoff
//! version needs one number per player per profile, an outcome version one
//! index): all
//! are checked before the payoffs are allocated. A text may have at most
//! [`MAX_TOKENS`] tokens, and [`read_file`] refuses files larger than
//! [`MAX_FILE_BYTES`].
//!
//! **Exact payoffs.** Payoffs are held as `f64`. The writer spells each as
//! its shortest round-trip decimal or as the simplest fraction (the first
//! continued-fraction convergent) that reads back as the same `f64`, whichever
//! has fewer digits ([`number_text`]), so `3/2` is written `1.5`, `7/13` is
//! written `7/13` and `0.1` is written `0.1`. A fraction `p/q` with
//! `|p|, q <= 10^4` and a decimal with at most 14 significant digits are
//! written back as the same rational number, which is what Gambit (reading
//! numbers exactly) sees; longer decimals and fractions read back as the same
//! `f64`, which may be a different rational near it.
//!
//! ## References
//! - The Gambit Project, *Game representation formats: strategic form games
//!   (.nfg)*, Gambit 16 documentation.
//! - A. Ya. Khinchin (1964), *Continued Fractions*, University of Chicago
//!   Press, §6 (Legendre's theorem: a fraction closer than `1/(2q²)` to `x` is
//!   a convergent of `x`).

use super::{AnyGame, MatrixGame, NPlayerGame};
use crate::error::{Error, Result};
use ndarray::Array2;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

/// The most strategy profiles (rows times columns) a `.nfg` game may have:
/// 2^20, e.g. 1024 x 1024, whose two payoff matrices take 16 MiB.
pub const MAX_PROFILES: usize = 1 << 20;

/// The most tokens (numbers, strings, braces, commas) a `.nfg` text may have:
/// room for the payoffs of [`MAX_PROFILES`] profiles (two each), as many
/// strategy names, and the header; the reader holds every token in memory
/// (about 70 bytes each at most), so this bounds what a text can cost.
pub const MAX_TOKENS: usize = 4 * MAX_PROFILES + 4096;

/// The largest `.nfg` file [`read_file`] reads: 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// At most this many characters of an offending token are quoted in an error.
const SHOWN_CHARS: usize = 40;

/// `s` for an error message: control characters escaped (`\n`), so the
/// message stays on one line, and cut to [`SHOWN_CHARS`] characters with `…`.
fn shown(s: &str) -> String {
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

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
            Tok::Str(s) => format!("the string \"{}\"", shown(s)),
            Tok::Word(w) => format!("`{}`", shown(w)),
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
            if toks.len() > MAX_TOKENS {
                return Err(Error::Nfg {
                    source_name: source.to_string(),
                    line,
                    message: format!(
                        "more than {MAX_TOKENS} tokens: a game has at most {MAX_PROFILES} strategy profiles"
                    ),
                });
            }
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
                            // `\"` is a quote and `\\` one backslash; any other
                            // backslash is kept as written.
                            Some('\\') => match chars.peek() {
                                Some(&e @ ('"' | '\\')) => {
                                    s.push(e);
                                    chars.next();
                                }
                                _ => s.push('\\'),
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
        self.error_at(self.line(), message)
    }

    fn error_at(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Nfg {
            source_name: self.source.to_string(),
            line,
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

    /// How many tokens are left.
    fn remaining(&self) -> usize {
        self.toks.len() - self.pos
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
        parse_number(&w).ok_or_else(|| {
            self.error_at(
                line,
                format!(
                    "expected {what} (an integer, decimal or fraction), found `{}`",
                    shown(&w)
                ),
            )
        })
    }

    fn count(&mut self, what: &str) -> Result<usize> {
        let line = self.line();
        let w = self.word(what)?;
        match w.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            Ok(_) => Err(self.error_at(
                line,
                format!("expected {what} (a positive integer), found `0`"),
            )),
            Err(_) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => Err(self.error_at(
                line,
                format!(
                    "{what} `{}` is too large: a game has at most {MAX_PROFILES} strategy profiles",
                    shown(&w)
                ),
            )),
            Err(_) => Err(self.error_at(
                line,
                format!(
                    "expected {what} (a positive integer), found `{}`",
                    shown(&w)
                ),
            )),
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

/// Strategy labels as Gambit requires them: an empty label becomes the
/// strategy's 1-based number, and a label met again gets the first suffix
/// `_1`, `_2`, ... that no other label of the player has.
pub fn distinct_labels(labels: &[String]) -> Vec<String> {
    let filled: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.is_empty() {
                (i + 1).to_string()
            } else {
                s.clone()
            }
        })
        .collect();
    let mut taken: HashSet<String> = filled.iter().cloned().collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::with_capacity(filled.len());
    for s in &filled {
        if seen.insert(s.as_str()) {
            out.push(s.clone());
        } else {
            let label = (1..)
                .map(|k| format!("{s}_{k}"))
                .find(|l| !taken.contains(l))
                .expect("finitely many labels are taken");
            taken.insert(label.clone());
            out.push(label);
        }
    }
    out
}

/// What a `.nfg` text declares and holds, before it becomes a game.
struct NfgTable {
    title: String,
    players: Vec<String>,
    /// Each player's strategy labels (made distinct), or empty when the
    /// header only counts the strategies.
    names: Vec<Vec<String>>,
    counts: Vec<usize>,
    /// Each player's payoffs, profile by profile with the first player's
    /// strategy changing fastest (Gambit's order).
    payoffs: Vec<Vec<f64>>,
}

/// `first`, `second`, ... for the 0-based player index `k`.
fn ordinal(k: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(w) = WORDS.get(k) {
        return (*w).to_string();
    }
    let n = k + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `two`, `three`, ... for small counts, digits beyond ten.
fn count_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// The strategy counts as the header states them: `3 x 2 x 2`.
fn counts_text(counts: &[usize]) -> String {
    counts
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(" x ")
}

/// The 1-based pure profile of Gambit's profile number `k` (the first
/// player's strategy changing fastest), as `(i, j, ...)`.
fn gambit_profile_text(mut k: usize, counts: &[usize]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|&c| {
            let a = k % c;
            k /= c;
            (a + 1).to_string()
        })
        .collect();
    format!("({})", parts.join(", "))
}

/// Reads the header and the payoffs of a `.nfg` text. With
/// `two_players_only`, a game of any other number of players is refused
/// right after the list of players.
fn parse_table(text: &str, source_name: &str, two_players_only: bool) -> Result<NfgTable> {
    let mut p = Parser::new(text, source_name)?;
    let magic = p.word("`NFG` at the start of the file")?;
    if magic == "EFG" {
        p.pos -= 1;
        return Err(p.error(
            "extensive-form games are not supported yet: this is an `EFG` file; give a strategic-form (`NFG`) file",
        ));
    }
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
    let mut players = Vec::new();
    while let Some(Tok::Str(_)) = p.peek() {
        players.push(p.string("a player's name")?);
    }
    p.expect(Tok::Close, "`}` closing the list of players")?;
    let n = players.len();
    if two_players_only && n != 2 {
        p.pos -= 1;
        return Err(p.error(format!("expected a two-player game, found {n} player(s)")));
    }
    if n == 0 {
        p.pos -= 1;
        return Err(p.error("the game has no players: the list of players is empty"));
    }
    if n > super::nplayer::MAX_PLAYERS {
        p.pos -= 1;
        return Err(p.error(format!(
            "the game has {n} players, more than the {} a game may have",
            super::nplayer::MAX_PLAYERS
        )));
    }
    let header_line = p.line();
    p.expect(Tok::Open, "`{` opening the strategy counts or names")?;
    let mut names: Vec<Vec<String>> = Vec::new();
    let mut counts = Vec::new();
    if p.peek() == Some(&Tok::Open) {
        for k in 0..n {
            let who = ordinal(k);
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
            names.push(distinct_labels(&list));
        }
    } else {
        for k in 0..n {
            counts.push(p.count(&format!("the {} player's number of strategies", ordinal(k)))?);
        }
    }
    p.expect(Tok::Close, "`}` closing the strategies")?;
    if let Some(Tok::Str(_)) = p.peek() {
        p.next(); // the comment
    }
    let profiles = match counts
        .iter()
        .try_fold(1usize, |acc, &c| acc.checked_mul(c))
    {
        Some(k) if k <= MAX_PROFILES => k,
        _ => {
            return Err(p.error_at(
                header_line,
                format!(
                    "the header declares {} strategies, more than the {MAX_PROFILES} strategy profiles a game may have",
                    counts_text(&counts)
                ),
            ))
        }
    };
    if n * profiles > 2 * MAX_PROFILES {
        return Err(p.error_at(
            header_line,
            format!(
                "the header declares {} strategies, whose {profiles} profiles need {} payoffs, more than the {} a game may hold",
                counts_text(&counts),
                n * profiles,
                2 * MAX_PROFILES
            ),
        ));
    }
    let outcome_version = p.peek() == Some(&Tok::Open);
    if !outcome_version {
        // Payoff version: every remaining token must be one of n * profiles numbers.
        check_room(&p, header_line, &counts, n * profiles, "payoffs")?;
    }
    let mut payoffs: Vec<Vec<f64>> = vec![Vec::with_capacity(profiles); n];
    if outcome_version {
        p.next();
        let mut outcomes: Vec<Vec<f64>> = Vec::new();
        while p.peek() == Some(&Tok::Open) {
            p.next();
            p.string("the outcome's name in quotes")?;
            let mut values = Vec::with_capacity(n);
            for k in 0..n {
                values.push(p.number(&format!("the {} player's payoff", ordinal(k)))?);
                if p.peek() == Some(&Tok::Comma) {
                    p.next();
                }
            }
            p.expect(
                Tok::Close,
                &format!(
                    "`}}` closing the outcome ({} players' payoffs)",
                    count_word(n)
                ),
            )?;
            outcomes.push(values);
        }
        p.expect(
            Tok::Close,
            "`{` opening an outcome or `}` closing the outcomes",
        )?;
        check_room(&p, header_line, &counts, profiles, "outcome indices")?;
        for k in 0..profiles {
            let line = p.line();
            let idx = p.word(&format!(
                "the outcome index of profile {} of {profiles}",
                k + 1,
            ))?;
            let idx: usize = idx.parse().map_err(|_| {
                p.error_at(
                    line,
                    format!(
                        "expected an outcome index (0 to {}), found `{}`",
                        outcomes.len(),
                        shown(&idx)
                    ),
                )
            })?;
            if idx > outcomes.len() {
                return Err(p.error_at(
                    line,
                    format!(
                        "outcome index {idx} is out of range: the file defines {} outcome(s)",
                        outcomes.len()
                    ),
                ));
            }
            for (player, column) in payoffs.iter_mut().enumerate() {
                column.push(if idx == 0 {
                    0.0
                } else {
                    outcomes[idx - 1][player]
                });
            }
        }
    } else {
        for k in 0..profiles {
            for (player, column) in payoffs.iter_mut().enumerate() {
                column.push(p.number(&format!(
                    "the {} player's payoff for profile {}",
                    ordinal(player),
                    gambit_profile_text(k, &counts)
                ))?);
            }
        }
    }
    if p.peek().is_some() {
        return Err(p.error(format!("expected the end of the file, found {}", p.found())));
    }
    Ok(NfgTable {
        title,
        players,
        names,
        counts,
        payoffs,
    })
}

/// Reads a two-player game from the text of a `.nfg` file. `source_name`
/// (e.g. the file name) prefixes error messages, which give the line and what
/// was expected. A game of any other number of players is refused: read it
/// with [`parse_any`].
pub fn parse(text: &str, source_name: &str) -> Result<MatrixGame> {
    matrix_game(parse_table(text, source_name, true)?)
}

/// The two-player game of a table with two players.
fn matrix_game(table: NfgTable) -> Result<MatrixGame> {
    let NfgTable {
        title,
        mut names,
        counts,
        payoffs,
        ..
    } = table;
    let (m, n) = (counts[0], counts[1]);
    // Profile k = i + j*m: the first player's strategy changes fastest.
    let a = Array2::from_shape_fn((m, n), |(i, j)| payoffs[0][i + j * m]);
    let b = Array2::from_shape_fn((m, n), |(i, j)| payoffs[1][i + j * m]);
    let game = MatrixGame::new(a, b)?.with_name(title);
    if names.is_empty() {
        Ok(game)
    } else {
        let col = names.pop().expect("two lists");
        let row = names.pop().expect("two lists");
        game.with_action_names(row, col)
    }
}

/// Reads a game with any number of players from the text of a `.nfg` file
/// (payoff or outcome version): a two-player game exactly as [`parse`] reads
/// it, any other as an [`NPlayerGame`] with the file's player and strategy
/// names. Errors as [`parse`]'s, one line each: a header declaring a player
/// without strategies, or a file with more or fewer payoffs than the players
/// and strategies it declares, is refused with the line and what was expected.
pub fn parse_any(text: &str, source_name: &str) -> Result<AnyGame> {
    let table = parse_table(text, source_name, false)?;
    if table.players.len() == 2 {
        return Ok(AnyGame::Two(matrix_game(table)?));
    }
    let NfgTable {
        title,
        players,
        names,
        counts,
        payoffs,
    } = table;
    // Gambit's order: the first player's strategy changes fastest.
    let mut gambit_strides = Vec::with_capacity(counts.len());
    let mut stride = 1;
    for &c in &counts {
        gambit_strides.push(stride);
        stride *= c;
    }
    let game = NPlayerGame::from_fn(&counts, |a| {
        let k: usize = a.iter().zip(&gambit_strides).map(|(x, s)| x * s).sum();
        payoffs.iter().map(|column| column[k]).collect()
    })?
    .with_name(title)
    .with_player_names(players)?;
    let game = if names.is_empty() {
        game
    } else {
        game.with_action_names(names)?
    };
    Ok(AnyGame::Many(game))
}

/// Refuses a header that declares more profiles than the rest of the file can
/// hold: `needed` entries (`what`) for the declared strategy counts.
fn check_room(p: &Parser, line: usize, counts: &[usize], needed: usize, what: &str) -> Result<()> {
    let left = p.remaining();
    if left < needed {
        return Err(p.error_at(
            line,
            format!(
                "the header declares {} strategies, whose {} profiles need {needed} {what}, but only {left} entries follow",
                counts_text(counts),
                counts.iter().product::<usize>()
            ),
        ));
    }
    Ok(())
}

/// Reads a `.nfg` file (at most [`MAX_FILE_BYTES`] bytes).
pub fn read_file(path: impl AsRef<Path>) -> Result<MatrixGame> {
    let path = path.as_ref();
    parse(&read_text(path)?, &path.display().to_string())
}

/// Reads a `.nfg` file of any number of players (at most
/// [`MAX_FILE_BYTES`] bytes), as [`parse_any`] reads its text.
pub fn read_any_file(path: impl AsRef<Path>) -> Result<AnyGame> {
    let path = path.as_ref();
    parse_any(&read_text(path)?, &path.display().to_string())
}

/// The text of a `.nfg` file: at most [`MAX_FILE_BYTES`] bytes of UTF-8.
fn read_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::Nfg {
            source_name: path.display().to_string(),
            line: 1,
            message: format!(
                "the file is larger than {} MiB, the most a .nfg file may be",
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        Error::Nfg {
            source_name: path.display().to_string(),
            line: 1 + valid.iter().filter(|&&b| b == b'\n').count(),
            message: "the file is not UTF-8 text".into(),
        }
    })?;
    Ok(text)
}

/// A label in quotes: `"` is written `\"`, and a backslash `\\` where a reader
/// would otherwise take it for the start of an escape (before `"`, before
/// another backslash, or at the end); other backslashes are written as they
/// are, as Gambit writes them.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' if matches!(chars.peek(), None | Some('"') | Some('\\')) => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The simplest fraction `p/q` (`q > 1`) that reads back as `x` exactly: the
/// first convergent of `x`'s continued fraction whose quotient, computed in
/// `f64`, is `x`, with `|p|, q <= 2^53` so both are exact in `f64`. `None`
/// for integers, for values too small or too large to expand in `i128`, and
/// when no convergent within the bound rounds to `x`.
fn simplest_fraction(x: f64) -> Option<(i128, i128)> {
    const LIMIT: i128 = 1 << 53;
    if !x.is_finite() || x.fract() == 0.0 || x.abs() >= LIMIT as f64 {
        return None;
    }
    // |x| = mantissa * 2^exponent exactly.
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let (mantissa, exponent) = if biased == 0 {
        ((bits & ((1 << 52) - 1)) as i128, -1074)
    } else {
        (
            ((bits & ((1 << 52) - 1)) | (1 << 52)) as i128,
            biased - 1075,
        )
    };
    if !(-120..0).contains(&exponent) {
        return None;
    }
    let (mut num, mut den) = (mantissa, 1i128 << -exponent);
    // Convergents h/k of num/den.
    let (mut h0, mut h1) = (0i128, 1i128);
    let (mut k0, mut k1) = (1i128, 0i128);
    while den != 0 {
        let a = num / den;
        (num, den) = (den, num - a * den);
        let h = a.checked_mul(h1)?.checked_add(h0)?;
        let k = a.checked_mul(k1)?.checked_add(k0)?;
        if h > LIMIT || k > LIMIT {
            return None;
        }
        (h0, h1, k0, k1) = (h1, h, k1, k);
        if k > 1 && (h as f64) / (k as f64) == x.abs() {
            return Some((if x < 0.0 { -h } else { h }, k));
        }
    }
    None
}

/// Significant digits of a decimal as Rust writes it: without sign, point and
/// leading zeros (and, for an integer, trailing zeros).
fn significant_digits(decimal: &str) -> usize {
    let digits: String = decimal.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if decimal.contains('.') {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    digits.len()
}

/// A payoff as `.nfg` text that reads back as the same `f64`: the simplest
/// fraction `p/q` that reads back as `x` (the first such continued-fraction
/// convergent) when its digits, `p/q` written out, are fewer than the
/// significant digits of the shortest round-trip decimal, otherwise that
/// decimal. Counting digits weighs the two readings as equally
/// likely a priori: a decimal of `s` significant digits and a fraction of as
/// many digits are as unlikely to fall within one `f64` of each other by
/// chance, so the shorter one is taken as what was written.
pub fn number_text(x: f64) -> String {
    let decimal = format!("{x}");
    match simplest_fraction(x) {
        Some((p, q)) => {
            let fraction = format!("{}/{q}", p.unsigned_abs());
            if fraction.len() < significant_digits(&decimal) {
                format!("{}{fraction}", if p < 0 { "-" } else { "" })
            } else {
                decimal
            }
        }
        None => decimal,
    }
}

/// Writes a game as a `.nfg` file text, payoff version, with strategy names
/// (made nonempty and distinct as Gambit requires, see the module's
/// documentation). Payoffs are written by [`number_text`], so reading the text
/// back gives the same payoffs exactly, and fractions such as `1/3` are
/// written as fractions.
pub fn to_string(game: &MatrixGame) -> String {
    let mut s = String::new();
    let names = |v: &[String]| {
        distinct_labels(v)
            .iter()
            .map(|x| quote(x))
            .collect::<Vec<_>>()
            .join(" ")
    };
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
            payoffs.push(format!("{} {}", number_text(x), number_text(y)));
        }
    }
    let _ = writeln!(s, "{}", payoffs.join(" "));
    s
}

/// Writes a game of any number of players as a `.nfg` file text, payoff
/// version, with the player names and strategy names (made nonempty and
/// distinct as Gambit requires); payoffs as [`number_text`] spells them,
/// profile by profile with the first player's strategy changing fastest.
pub fn nplayer_to_string(game: &NPlayerGame) -> String {
    let mut s = String::new();
    let players: Vec<String> = game.player_names().iter().map(|p| quote(p)).collect();
    let _ = writeln!(
        s,
        "NFG 1 R {} {{ {} }}\n",
        quote(game.name()),
        players.join(" ")
    );
    let lists: Vec<String> = game
        .action_names()
        .iter()
        .map(|v| {
            let names: Vec<String> = distinct_labels(v).iter().map(|x| quote(x)).collect();
            format!("{{ {} }}", names.join(" "))
        })
        .collect();
    let _ = writeln!(s, "{{ {}\n}}\n\"\"\n", lists.join("\n"));
    // Gambit's order: the first player's strategy changes fastest, so walk
    // the profiles of the reversed shape and read them backwards.
    let reversed: Vec<usize> = game.shape().iter().rev().copied().collect();
    let mut profile = vec![0; game.num_players()];
    let mut payoffs = Vec::with_capacity(game.num_profiles());
    for backwards in super::nplayer::ProfileIter::new(&reversed) {
        for (slot, &a) in profile.iter_mut().zip(backwards.iter().rev()) {
            *slot = a;
        }
        let k = game.profile_index(&profile);
        let cell: Vec<String> = (0..game.num_players())
            .map(|i| number_text(game.flat_payoffs(i)[k]))
            .collect();
        payoffs.push(cell.join(" "));
    }
    let _ = writeln!(s, "{}", payoffs.join(" "));
    s
}

/// Writes a game of either kind as a `.nfg` text: [`to_string`] for two
/// players, [`nplayer_to_string`] otherwise.
pub fn any_to_string(game: &AnyGame) -> String {
    match game {
        AnyGame::Two(g) => to_string(g),
        AnyGame::Many(g) => nplayer_to_string(g),
    }
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
    fn numbers_are_written_as_the_shorter_of_decimal_and_fraction() {
        for (x, text) in [
            (1.5, "1.5"),
            (7.0 / 13.0, "7/13"),
            (-1.0 / 3.0, "-1/3"),
            (0.1, "0.1"),
            (3.0, "3"),
            (-0.0, "-0"),
            (1e-7, "0.0000001"),
            (1.0 / 1.5e9, "1/1500000000"),
            (1.0 / 1024.0, "1/1024"),
            (1e300, &format!("1{}", "0".repeat(300))),
        ] {
            assert_eq!(number_text(x), text, "{x}");
            assert_eq!(parse_number(text), Some(x), "{text}");
        }
        assert_eq!(simplest_fraction(0.1), Some((1, 10)));
        assert_eq!(
            simplest_fraction(std::f64::consts::PI),
            Some((245850922, 78256779))
        );
        assert_eq!(number_text(std::f64::consts::PI), "3.141592653589793");
    }

    #[test]
    fn labels_are_made_nonempty_and_distinct() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            distinct_labels(&v(&["d", "d", "d_1", "", "d"])),
            v(&["d", "d_2", "d_1", "4", "d_3"])
        );
        assert_eq!(distinct_labels(&v(&["", "1"])), v(&["1", "1_1"]));
    }

    #[test]
    fn quoting_round_trips_backslashes_and_quotes() {
        for label in ["a\\b", "end\\", "\\\"", "q\"q", "\\\\x", "plain"] {
            let text = format!("NFG 1 R {} {{ \"1\" \"2\" }} {{ 1 1 }} 0 0", quote(label));
            assert_eq!(parse(&text, "q").unwrap().name(), label, "{}", quote(label));
        }
        assert_eq!(quote("a\\b"), "\"a\\b\"");
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

    fn any_err(text: &str) -> String {
        parse_any(text, "bad.nfg").unwrap_err().to_string()
    }

    #[test]
    fn reads_three_players_in_both_versions() {
        // Payoff version: profiles (1,1,1), (2,1,1), (1,2,1), ... first player fastest.
        let payoff = "NFG 1 R \"t\" { \"A\" \"B\" \"C\" } { 2 1 2 }\n1 2 3 4 5 6 7 8 9 10 11 12\n";
        let AnyGame::Many(g) = parse_any(payoff, "t.nfg").unwrap() else {
            panic!("three players");
        };
        assert_eq!(g.shape(), &[2, 1, 2]);
        assert_eq!(g.player_names(), &["A", "B", "C"]);
        assert_eq!(g.payoff(0, &[1, 0, 0]), 4.0);
        assert_eq!(g.payoff(2, &[0, 0, 1]), 9.0);
        assert_eq!(g.payoff(1, &[1, 0, 1]), 11.0);
        let outcome = "NFG 1 R \"t\" { \"A\" \"B\" \"C\" } { { \"x\" \"y\" } { \"z\" } { \"u\" \"v\" } }\n\"\"\n{ { \"\" 1, 2, 3 } { \"\" 4 5 6 } { \"\" 7, 8, 9 } { \"\" 10, 11, 12 } }\n1 2 3 4\n";
        let AnyGame::Many(h) = parse_any(outcome, "t.nfg").unwrap() else {
            panic!("three players");
        };
        assert_eq!(h.action_names()[2], vec!["u", "v"]);
        for profile in g.profiles() {
            for i in 0..3 {
                assert_eq!(g.payoff(i, &profile), h.payoff(i, &profile));
            }
        }
        let AnyGame::Many(back) = parse_any(&nplayer_to_string(&h), "again").unwrap() else {
            panic!("three players");
        };
        assert_eq!(back, h);
        // Two players read as before.
        assert_eq!(
            parse_any(PD_OUTCOME, "pd.nfg").unwrap(),
            AnyGame::Two(parse(PD_OUTCOME, "pd.nfg").unwrap())
        );
    }

    #[test]
    fn malformed_nplayer_files_name_what_is_wrong() {
        let e = any_err("NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n1 2 3\n");
        assert_eq!(
            e,
            "bad.nfg:1: the header declares 2 x 2 x 2 strategies, whose 8 profiles need 24 payoffs, but only 3 entries follow"
        );
        let e = any_err("NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 2 2 }\n1 2 3\n");
        assert!(
            e.contains("expected the third player's number of strategies"),
            "{e}"
        );
        let e =
            any_err("NFG 1 R \"x\" { \"1\" \"2\" \"3\" } { 1 1 1 }\n{ { \"\" 1, 2, 3, 4 } }\n1\n");
        assert!(
            e.contains("closing the outcome (three players' payoffs)"),
            "{e}"
        );
        let e = any_err("NFG 1 R \"x\" { } { }\n");
        assert!(e.contains("no players"), "{e}");
        let many = format!("NFG 1 R \"x\" {{ {} }} {{ }}\n", "\"p\" ".repeat(40));
        assert!(any_err(&many).contains("40 players, more than the 32"));
        assert_eq!(ordinal(11), "12th");
        assert_eq!(ordinal(20), "21st");
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
        assert_eq!(
            e,
            "bad.nfg:1: the header declares 2 x 2 strategies, whose 4 profiles need 8 payoffs, but only 4 entries follow"
        );
        let e = err("NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n\n3 3 5 0\n0 5 1 1 1\n");
        assert!(
            e.starts_with("bad.nfg:4: expected the end of the file, found `1`"),
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
