//! Fuzzing the three text formats a user hands the tool: Gambit `.nfg` games,
//! strategy TOML files (`Registry::load_str`) and experiment TOML files.
//!
//! Each reader gets random bytes and structured mutations of valid files
//! (truncations, huge numbers, wrong counts, odd characters, deleted or
//! repeated tokens). Whatever it is given, it must return, not panic, abort or
//! hang (inputs are a few kilobytes and every size a header declares is
//! checked before allocating), and an error must be one line naming the file
//! and the line or field at fault. The case counts keep the whole file under
//! a few seconds in release mode, so it runs with the rest of the tests.

use dilemma::experiment::Experiment;
use dilemma::game::nfg;
use dilemma::strategy::Registry;
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_all(dir: &Path, ext: &str) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Valid `.nfg` files: Gambit's own (both versions) and one of ours with
/// names, fractions and escapes.
fn nfg_seeds() -> Vec<String> {
    let mut seeds = read_all(&root().join("tests/fixtures/nfg"), "nfg");
    seeds.push(
        "NFG 1 R \"odd \\\"names\\\" a\\b\" { \"P1\" \"P2\" }\n\
         { { \"C\" \"C\" \"\" } { \"x\" \"y\" } }\n\"comment\"\n\
         3/2 -7/13 0.1 2 1e3 -0 5 5 1 1 0.25 -3\n"
            .to_string(),
    );
    seeds
}

fn strategy_seeds() -> Vec<String> {
    read_all(&root().join("strategies"), "toml")
}

fn experiment_seeds() -> Vec<String> {
    let mut seeds: Vec<String> = std::fs::read_dir(root().join("results"))
        .unwrap()
        .map(|e| e.unwrap().path().join("experiment.toml"))
        .filter(|p| p.is_file())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    seeds.sort();
    seeds.push(
        "strategies = [\"mine.toml\"]\n[tournament]\nplayers = [\"Tit For Tat\", { strategy = \"Defector\", group = \"b\" }]\n\
         turns = 20\ngame = { kind = \"nfg\", path = \"g.nfg\" }\n\
         [evolution]\nmoran = [{ mutant = \"Tit For Tat\", resident = \"Defector\", population = 10 }]\n"
            .to_string(),
    );
    seeds
}

/// Odd replacements for a token: huge and malformed numbers, wrong counts,
/// stray delimiters, quotes, control and non-ASCII characters.
const ODD: &[&str] = &[
    "99999999999999999999999",
    "100000000000",
    "100000",
    "4294967296",
    "18446744073709551615",
    "9223372036854775807",
    "-9223372036854775808",
    "2048",
    "0",
    "-1",
    "1/0",
    "0/0",
    "1e999",
    "-1e999",
    "NaN",
    "inf",
    "1e-400",
    "0x10",
    "3/",
    "/3",
    "1.5.2",
    "\"",
    "\"\"",
    "\\",
    "\\\"",
    "{",
    "}",
    "{ }",
    ",",
    "[",
    "]",
    "[[",
    "=",
    "==",
    "#",
    "'",
    "'''",
    "\"\"\"",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{feff}",
    "\u{7f}",
    "é",
    "🦀",
    "EFG",
    "NFG",
    "true",
    "1979-05-27",
    "strategy",
    "[[strategy]]",
    "[tournament]",
    "kind",
    "own = 63",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the text at a character.
    Truncate(Index),
    /// Replace a whitespace-separated token by an odd one.
    Replace(Index, Index),
    /// Replace a token by arbitrary text.
    ReplaceWith(Index, String),
    /// Delete a token.
    Delete(Index),
    /// Repeat a token.
    Repeat(Index, usize),
    /// Insert arbitrary text at a character.
    Insert(Index, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<Index>()).prop_map(|(t, o)| Mutation::Replace(t, o)),
        (any::<Index>(), "\\PC{0,6}").prop_map(|(t, s)| Mutation::ReplaceWith(t, s)),
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), 1usize..4).prop_map(|(t, k)| Mutation::Repeat(t, k)),
        (any::<Index>(), "[\\PC\\n\"\\\\{}=\\[\\]]{0,6}").prop_map(|(t, s)| Mutation::Insert(t, s)),
    ]
}

/// Byte spans of the whitespace-separated tokens of `text`.
fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

fn char_boundary(text: &str, at: &Index) -> usize {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    bounds[at.index(bounds.len())]
}

fn apply(text: &str, m: &Mutation) -> String {
    let spans = token_spans(text);
    let splice = |at: &Index, with: &dyn Fn(&str) -> String| -> String {
        if spans.is_empty() {
            return text.to_string();
        }
        let (s, e) = spans[at.index(spans.len())];
        format!("{}{}{}", &text[..s], with(&text[s..e]), &text[e..])
    };
    match m {
        Mutation::Truncate(at) => text[..char_boundary(text, at)].to_string(),
        Mutation::Replace(at, odd) => splice(at, &|_| ODD[odd.index(ODD.len())].to_string()),
        Mutation::ReplaceWith(at, s) => splice(at, &|_| s.clone()),
        Mutation::Delete(at) => splice(at, &|_| String::new()),
        Mutation::Repeat(at, k) => splice(at, &|t| vec![t; k + 1].join(" ")),
        Mutation::Insert(at, s) => {
            let i = char_boundary(text, at);
            format!("{}{s}{}", &text[..i], &text[i..])
        }
    }
}

fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 1..4),
    )
        .prop_map(|(seed, ms)| ms.iter().fold(seed, |t, m| apply(&t, m)))
}

/// Random bytes, read as (lossy) UTF-8 text.
fn random_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), 0..600)
        .prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Checks a `.nfg` reader's answer: a game that writes and reads back
/// unchanged, or one error line `FILE:LINE: ...` with a line of the text.
fn check_nfg(text: &str, file: &str, result: dilemma::Result<dilemma::game::MatrixGame>) {
    match result {
        Ok(game) => {
            let again = nfg::parse(&nfg::to_string(&game), "again")
                .unwrap_or_else(|e| panic!("written text does not read back: {e}"));
            assert_eq!(again, game);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "more than one line: {msg:?}");
            assert!(msg.len() < 400, "overlong error: {msg:?}");
            let rest = msg
                .strip_prefix(&format!("{file}:"))
                .unwrap_or_else(|| panic!("error does not name the file: {msg:?}"));
            let (line, message) = rest
                .split_once(": ")
                .unwrap_or_else(|| panic!("error does not name the line: {msg:?}"));
            let line: usize = line
                .parse()
                .unwrap_or_else(|_| panic!("error does not name the line: {msg:?}"));
            let lines = text.matches('\n').count() + 1;
            assert!(
                (1..=lines).contains(&line),
                "line {line} of {lines}: {msg:?}"
            );
            assert!(!message.is_empty());
        }
    }
}

/// Checks a TOML reader's error: one line, naming the file and then the line
/// (TOML syntax), the strategy and field, or the key at fault.
fn check_toml_error(msg: &str, file: &str) {
    assert!(!msg.contains('\n'), "more than one line: {msg:?}");
    let rest = msg
        .strip_prefix(&format!("{file}: "))
        .unwrap_or_else(|| panic!("error does not name the file: {msg:?}"));
    assert!(
        rest.contains("line ")
            || rest.contains("field `")
            || rest.contains("key `")
            || rest.contains("`strategy`")
            || rest.contains("[tournament]")
            || rest.contains("[evolution] or [sweep]")
            // A checked setting, by its path: "`evolution.moran[0].population`: ...".
            || (rest.starts_with('`') && rest.contains("`: "))
            // A size limit, by the setting's name: "generations = 1e11 is too large: ...".
            || rest
                .split_once(" = ")
                .is_some_and(|(key, value)| {
                    !key.is_empty()
                        && key.chars().all(|c| c.is_ascii_lowercase() || c == ' ' || c == '_')
                        && value.contains(" is too large: at most ")
                }),
        "error names no line or field: {msg:?}"
    );
}

fn check_strategies(text: &str) {
    let mut registry = Registry::new();
    match registry.load_str(text, "fuzz.toml") {
        Ok(()) => {
            for e in registry.entries() {
                // The prototype is usable.
                let s = e.create();
                assert_eq!(s.name(), e.name());
            }
        }
        Err(e) => check_toml_error(&e.to_string(), "fuzz.toml"),
    }
}

fn check_experiment(text: &str) {
    match Experiment::parse(text, Path::new("fuzz.toml")) {
        Ok(mut e) => {
            e.resolve_paths(Path::new("dir"));
            let t = e.tournament.expect("parse requires a [tournament]");
            if let Err(err) = t.validate() {
                // The field is named, on one line.
                let msg = err.to_string();
                // (or the game file it could not read, by its path).
                assert!(
                    msg.starts_with("parameter `")
                        || msg.starts_with('`')
                        || msg.contains(" = ")
                        || msg.starts_with("dir/"),
                    "{msg}"
                );
                assert!(!msg.contains('\n'), "{msg}");
            }
        }
        Err(e) => check_toml_error(&e.to_string(), "fuzz.toml"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6000))]

    #[test]
    fn nfg_parser_survives_mutated_files(text in mutated(nfg_seeds())) {
        check_nfg(&text, "fuzz.nfg", nfg::parse(&text, "fuzz.nfg"));
    }

    #[test]
    fn nfg_parser_survives_random_bytes(text in random_text()) {
        check_nfg(&text, "fuzz.nfg", nfg::parse(&text, "fuzz.nfg"));
    }

    #[test]
    fn strategy_loader_survives_mutated_files(text in mutated(strategy_seeds())) {
        check_strategies(&text);
    }

    #[test]
    fn strategy_loader_survives_random_bytes(text in random_text()) {
        check_strategies(&text);
    }

    #[test]
    fn experiment_parser_survives_mutated_files(text in mutated(experiment_seeds())) {
        check_experiment(&text);
    }

    #[test]
    fn experiment_parser_survives_random_bytes(text in random_text()) {
        check_experiment(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Through the file reader: any bytes, UTF-8 or not.
    #[test]
    fn nfg_file_reader_survives_random_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        seed in prop::sample::select(nfg_seeds()),
        cut in any::<Index>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzz.nfg");
        let mut content = seed.into_bytes();
        content.truncate(cut.index(content.len() + 1));
        content.extend_from_slice(&bytes);
        std::fs::write(&path, &content).unwrap();
        let file = path.display().to_string();
        let text = String::from_utf8_lossy(&content).into_owned();
        check_nfg(&text, &file, nfg::read_file(&path));
    }
}

#[test]
fn every_seed_is_valid() {
    // The mutations start from valid files, or the fuzzing would only ever
    // see the first error.
    for text in nfg_seeds() {
        nfg::parse(&text, "seed.nfg").unwrap();
    }
    for text in strategy_seeds() {
        Registry::new().load_str(&text, "seed.toml").unwrap();
    }
    for text in experiment_seeds() {
        Experiment::parse(&text, Path::new("seed.toml")).unwrap();
    }
}

#[test]
fn strategy_lookup_depths_whose_sum_overflows_are_refused() {
    // own + opponent + opponent_opening wrapped to 0 in release builds, and
    // the opening moves were then padded to 2^63 entries: an abort.
    let text = "[[strategy]]\nname = \"x\"\nkind = \"lookup\"\ndescription = \"d\"\nsource = \"s\"\n\
                own = 9223372036854775807\nopponent = 9223372036854775807\nopponent_opening = 2\ntable = \"C\"\n";
    let e = Registry::new()
        .load_str(text, "o.toml")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("o.toml: strategy `x`, field `own`: own + opponent + opponent_opening ="),
        "{e}"
    );
}
