//! The data dictionary (`docs/data-dictionary.md`) against the files the tool
//! writes: small runs of every command that writes a table, each table's
//! header and each JSON file's top-level fields checked against the
//! dictionary's section for that file, both ways — a column the dictionary
//! does not describe fails, and so does a column, a pattern value or a file
//! it describes that no run writes.

use super::cli::dilemma;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The dictionary, read at compile time (a change rebuilds the test).
const DICTIONARY: &str = include_str!("../../docs/data-dictionary.md");

/// Where a section of the dictionary stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Under "Tables the tool writes" or "JSON files the tool writes".
    Written,
    /// Under "Tables the tool reads".
    Read,
}

/// One `### ` section: a file (and its variant) and its documented columns.
#[derive(Debug)]
struct Section {
    part: Part,
    /// Documented columns (or JSON fields), patterns with `<...>` included.
    columns: Vec<String>,
    /// The paragraphs "Values of NAME: ...": the values of a placeholder
    /// (`<quantity>`), or the only values a column's cells may hold.
    values: BTreeMap<String, Vec<String>>,
}

/// The backticked tokens of `text`.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The dictionary's sections, by heading (the text after `### `), and the
/// file names its index table ("Which command writes what") lists.
fn parse(text: &str) -> (BTreeMap<String, Section>, BTreeSet<String>) {
    let mut sections = BTreeMap::new();
    let mut index = BTreeSet::new();
    let mut part = None;
    let mut current: Option<(String, Section)> = None;
    let lines: Vec<&str> = text.lines().collect();
    let mut k = 0;
    while k < lines.len() {
        let line = lines[k];
        if let Some(title) = line.strip_prefix("## ") {
            sections.extend(current.take());
            part = match title {
                "Tables the tool writes" | "JSON files the tool writes" => Some(Part::Written),
                "Tables the tool reads" => Some(Part::Read),
                _ => None,
            };
            if title == "Which command writes what" {
                while k + 1 < lines.len() && !lines[k + 1].starts_with("## ") {
                    k += 1;
                    if let Some(cell) = lines[k].strip_prefix("| `") {
                        let first = cell.split(" |").next().unwrap_or_default();
                        index.extend(backticked(&format!("`{first}")));
                    }
                }
            }
        } else if let Some(heading) = line.strip_prefix("### ") {
            sections.extend(current.take());
            let part = part.unwrap_or_else(|| panic!("section `{heading}` outside a part"));
            current = Some((
                heading.trim().to_string(),
                Section {
                    part,
                    columns: Vec::new(),
                    values: BTreeMap::new(),
                },
            ));
        } else if let Some((_, section)) = current.as_mut() {
            if let Some(rest) = line.strip_prefix("| `") {
                let cell = rest.split(" |").next().unwrap_or_default();
                let names = backticked(&format!("`{cell}"));
                assert_eq!(names.len(), 1, "one column per row: {line}");
                section.columns.push(names[0].clone());
            } else if let Some(rest) = line.strip_prefix("Values of `") {
                let (name, after) = rest.split_once('`').expect("Values of `NAME`:");
                let mut paragraph = after.to_string();
                while k + 1 < lines.len() && !lines[k + 1].trim().is_empty() {
                    k += 1;
                    paragraph.push(' ');
                    paragraph.push_str(lines[k]);
                }
                let mut seen = BTreeSet::new();
                let mut values = backticked(&paragraph);
                values.retain(|v| seen.insert(v.clone()));
                section.values.insert(name.to_string(), values);
            }
        }
        k += 1;
    }
    sections.extend(current.take());
    (sections, index)
}

/// What a run supplies for the placeholders that depend on it (`<player>`,
/// `<parameter>`, `<action>`, `<sweep.csv column>`).
type Context = BTreeMap<&'static str, Vec<String>>;

/// A documented column's expansions: itself when it has no placeholder, else
/// one column per value of its placeholder (from the section or the run).
fn expand(
    column: &str,
    section: &Section,
    context: &Context,
) -> std::result::Result<Vec<String>, String> {
    let Some(open) = column.find('<') else {
        return Ok(vec![column.to_string()]);
    };
    let close = column[open..]
        .find('>')
        .map(|c| open + c)
        .ok_or_else(|| format!("`{column}`: `<` without `>`"))?;
    let placeholder = &column[open..=close];
    let values = section
        .values
        .get(placeholder)
        .or_else(|| context.get(placeholder))
        .ok_or_else(|| format!("`{column}`: no values for {placeholder}"))?;
    Ok(values
        .iter()
        .map(|v| format!("{}{v}{}", &column[..open], &column[close + 1..]))
        .collect())
}

/// A CSV file's header cells and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let header = reader
        .headers()
        .unwrap_or_else(|e| panic!("{path:?}: {e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// A JSON file's top-level fields (a list's: the union of its objects').
fn json_fields(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let objects = match &value {
        serde_json::Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut fields = BTreeSet::new();
    for object in objects {
        let map = object
            .as_object()
            .unwrap_or_else(|| panic!("{path:?}: not an object or a list of objects"));
        fields.extend(map.keys().cloned());
    }
    fields.into_iter().collect()
}

/// The checker: the dictionary, and what the runs have shown so far.
struct Checker {
    sections: BTreeMap<String, Section>,
    /// Sections some run wrote.
    written: BTreeSet<String>,
    /// `(section, documented column, value)` seen in some file: a literal
    /// column's value is itself, a pattern's the value of its placeholder.
    seen: BTreeSet<(String, String, String)>,
    problems: Vec<String>,
}

impl Checker {
    fn new(text: &str) -> Checker {
        let (sections, index) = parse(text);
        let mut problems = Vec::new();
        for (heading, section) in &sections {
            let file = backticked(heading).into_iter().next().unwrap_or_default();
            if section.part == Part::Written && !index.contains(&file) {
                problems.push(format!(
                    "section `{heading}`: `{file}` is not in the table \"Which command writes what\""
                ));
            }
            if section.columns.is_empty() {
                problems.push(format!("section `{heading}` documents no column"));
            }
        }
        Checker {
            sections,
            written: BTreeSet::new(),
            seen: BTreeSet::new(),
            problems,
        }
    }

    /// Checks every `.csv` and `.json` file of `dir`, written by `command`:
    /// each file's section is `variants[name]`, else `` `name` ``.
    fn check_folder(
        &mut self,
        command: &str,
        dir: &Path,
        variants: &[(&str, &str)],
        context: &Context,
    ) {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{command}: {dir:?}: {e}"))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && (n.ends_with(".csv") || n.ends_with(".json")))
            .collect();
        names.sort();
        assert!(!names.is_empty(), "{command} wrote no table into {dir:?}");
        for name in names {
            let heading = variants
                .iter()
                .find(|(file, _)| *file == name)
                .map_or(format!("`{name}`"), |(_, h)| h.to_string());
            self.check_file(command, &dir.join(&name), &heading, context);
        }
    }

    /// Checks one file against the section `heading`.
    fn check_file(&mut self, command: &str, path: &Path, heading: &str, context: &Context) {
        let Some(section) = self.sections.get(heading) else {
            self.problems.push(format!(
                "`{command}` writes {}, but the dictionary has no section `### {heading}`",
                path.file_name().unwrap().to_string_lossy()
            ));
            return;
        };
        self.written.insert(heading.to_string());
        let (columns, rows) = if heading.contains(".json") {
            (json_fields(path), Vec::new())
        } else {
            read_csv(path)
        };
        // Every documented column's expansions, each with its origin.
        let mut documented: BTreeMap<String, (String, String)> = BTreeMap::new();
        for column in &section.columns {
            match expand(column, section, context) {
                Ok(expansions) => {
                    let plain = !column.contains('<');
                    let values = if plain {
                        vec![column.clone()]
                    } else {
                        let (open, close) = (column.find('<').unwrap(), column.find('>').unwrap());
                        expansions
                            .iter()
                            .map(|e| e[open..e.len() - (column.len() - close - 1)].to_string())
                            .collect()
                    };
                    for (e, v) in expansions.into_iter().zip(values) {
                        documented.insert(e, (column.clone(), v));
                    }
                }
                Err(e) => self.problems.push(format!("section `{heading}`: {e}")),
            }
        }
        for (at, column) in columns.iter().enumerate() {
            match documented.get(column) {
                Some((pattern, value)) => {
                    self.seen
                        .insert((heading.to_string(), pattern.clone(), value.clone()));
                    // A column whose values the dictionary lists holds only those.
                    if let Some(allowed) = section.values.get(column) {
                        for row in &rows {
                            let cell = &row[at];
                            if !cell.is_empty() && !allowed.contains(cell) {
                                self.problems.push(format!(
                                    "`{command}`: {heading} column `{column}` holds `{cell}`, not among the dictionary's values {allowed:?}"
                                ));
                            }
                        }
                    }
                }
                None => self.problems.push(format!(
                    "`{command}`: {heading} has the column `{column}`, which the dictionary's section `### {heading}` does not describe"
                )),
            }
        }
    }

    /// After every folder: every written section was written, every
    /// documented column appeared, every listed placeholder value was used.
    /// Returns every problem found.
    fn finish(mut self) -> Vec<String> {
        for (heading, section) in &self.sections {
            if section.part != Part::Written {
                continue;
            }
            if !self.written.contains(heading) {
                self.problems.push(format!(
                    "the dictionary describes `### {heading}`, which no command wrote"
                ));
                continue;
            }
            for column in &section.columns {
                let values: Vec<&String> = self
                    .seen
                    .iter()
                    .filter(|(h, c, _)| h == heading && c == column)
                    .map(|(_, _, v)| v)
                    .collect();
                if values.is_empty() {
                    self.problems.push(format!(
                        "`### {heading}` describes `{column}`, which no file had"
                    ));
                }
                if let Some(open) = column.find('<') {
                    let close = column.find('>').unwrap();
                    if let Some(listed) = section.values.get(&column[open..=close]) {
                        for v in listed.iter().filter(|v| !values.contains(v)) {
                            self.problems.push(format!(
                                "`### {heading}` lists `{v}` for `{column}`, but no file had that column"
                            ));
                        }
                    }
                }
            }
        }
        self.problems
    }
}

/// Runs `args` in `dir` and asserts success.
fn run(dir: &Path, args: &[&str]) {
    let out = dilemma(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The player names of the `summary.csv` in `dir`.
fn players(dir: &Path) -> Vec<String> {
    let (header, rows) = read_csv(&dir.join("summary.csv"));
    let at = header.iter().position(|h| h == "Name").unwrap();
    let mut by_index: Vec<(usize, String)> = rows
        .iter()
        .map(|r| {
            let index = header.iter().position(|h| h == "Original_index").unwrap();
            (r[index].parse().unwrap(), r[at].clone())
        })
        .collect();
    by_index.sort();
    by_index.into_iter().map(|(_, name)| name).collect()
}

/// A run's placeholder values: its players (from its `summary.csv`, when
/// there is one), its swept parameters and its `sweep.csv` columns.
fn context(dir: &Path, parameters: &[&str]) -> Context {
    let mut c = Context::new();
    if dir.join("summary.csv").exists() {
        c.insert("<player>", players(dir));
    }
    if dir.join("sweep.csv").exists() {
        c.insert("<sweep.csv column>", read_csv(&dir.join("sweep.csv")).0);
    }
    c.insert(
        "<parameter>",
        parameters.iter().map(|p| p.to_string()).collect(),
    );
    c
}

const TWO: &[(&str, &str)] = &[
    ("summary.csv", "`summary.csv` (two actions)"),
    ("manifest.json", "`manifest.json` (tournament)"),
];
const THREE: &[(&str, &str)] = &[
    ("summary.csv", "`summary.csv` (three actions)"),
    ("manifest.json", "`manifest.json` (tournament)"),
];
const SWEEP: &[(&str, &str)] = &[("manifest.json", "`manifest.json` (sweep)")];
const SENSITIVITY: &[(&str, &str)] = &[("manifest.json", "`manifest.json` (sensitivity)")];
const TRACE: &[(&str, &str)] = &[("branch.csv", "`TRACE.csv`")];
const LEARN: &[(&str, &str)] = &[("manifest.json", "`manifest.json` (learn)")];
const FINGERPRINT: &[(&str, &str)] = &[("manifest.json", "`manifest.json` (fingerprint)")];
const GROUPS: &[(&str, &str)] = &[
    ("summary.csv", "`summary.csv` (groups)"),
    ("manifest.json", "`manifest.json` (groups)"),
];
const GROUP_EVOLUTION: &[(&str, &str)] = &[("manifest.json", "`manifest.json` (group evolution)")];

/// An experiment file with a tournament, evolution (ecological and Moran),
/// replicates and a published table.
const EXPERIMENT: &str = r#"
[tournament]
name = "dictionary"
players = [
  { strategy = "Tit For Tat", side = "a" },
  { strategy = "Cooperator", side = "a" },
  { strategy = "Defector", side = "b" },
]
turns = 10
repetitions = 2
replicates = 2

[evolution]
generations = 5
moran = [
  { mutant = "Tit For Tat", resident = "Defector", population = 4, runs = 20, seed = 1 },
  { mutant = "Tit For Tat", resident = "Defector", population = 4, runs = 4, seed = 1, mode = "db", mutation_rate = 0.1, steps = 10, interaction_graph = { lattice = "2x2" }, reproduction_graph = { lattice = "1x4" }, outcome_samples = 2 },
]

[compare]
published = [
  { label = "TFT", strategy = "Tit For Tat", score = 25.0 },
  { label = "ALLD", strategy = "Defector", score = 30.0 },
  { label = "ALLC", strategy = "Cooperator", score = 20.0 },
]
"#;

/// An experiment file with a three-action sweep.
const SWEEP_EXPERIMENT: &str = r#"
[tournament]
name = "dictionary-sweep"
players = ["Non-Offensive Defender", "Tit For Tat", "Always Defend"]
turns = 10
repetitions = 1
three_action = true
game = { kind = "security", parameters = {} }

[sweep]
axes = [
  { parameter = "offence", values = [0.2, 0.7] },
  { parameter = "differentiation", values = [0.3] },
]
"#;

/// A folder a command wrote: the command, the folder, the sections of its
/// files whose names do not name them alone, and the run's placeholder values.
struct Written {
    command: String,
    dir: PathBuf,
    variants: &'static [(&'static str, &'static str)],
    context: Context,
}

/// Runs every command that writes a table, small, in `dir`; returns the
/// folders they wrote.
fn write_everything(dir: &Path) -> Vec<Written> {
    let mut written = Vec::new();
    let mut add = |command: String,
                   folder: &str,
                   variants: &'static [(&'static str, &'static str)],
                   context: Context| {
        written.push(Written {
            command,
            dir: dir.join(folder),
            variants,
            context,
        })
    };
    let small = |extra: &[&'static str]| -> Vec<&'static str> {
        [
            &[
                "tournament",
                "--turns",
                "10",
                "--repetitions",
                "2",
                "--no-figures",
            ][..],
            extra,
        ]
        .concat()
    };
    let pd = ["--players", "Tit For Tat,Defector,Cooperator"];
    let postures = [
        "--game",
        "security",
        "--three-action",
        "--players",
        "Non-Offensive Defender,Tit For Tat,Always Defend",
    ];
    for (name, game, extra, variants) in [
        ("t2", &pd[..], &["--interactions"][..], TWO),
        ("t2r", &pd[..], &["--replicates", "2"][..], TWO),
        ("t3", &postures[..], &["--interactions"][..], THREE),
        ("t3r", &postures[..], &["--replicates", "2"][..], THREE),
    ] {
        let args = [small(game), extra.to_vec(), vec!["--out", name]].concat();
        run(dir, &args);
        add(
            args.join(" "),
            name,
            variants,
            context(&dir.join(name), &[]),
        );
    }

    std::fs::write(dir.join("experiment.toml"), EXPERIMENT).unwrap();
    run(
        dir,
        &["run", "experiment.toml", "--out", "e", "--no-figures"],
    );
    add(
        "run (tournament)".into(),
        "e",
        TWO,
        context(&dir.join("e"), &[]),
    );

    std::fs::write(dir.join("sweep.toml"), SWEEP_EXPERIMENT).unwrap();
    run(dir, &["run", "sweep.toml", "--out", "es", "--no-figures"]);
    let plane = ["offence", "differentiation"];
    add(
        "run (sweep)".into(),
        "es",
        SWEEP,
        context(&dir.join("es"), &plane),
    );

    // A 3x3 plane through all four Jervis worlds and their boundaries.
    let sweep = [
        "sweep",
        "--axis",
        "offence=0.25:0.75:3",
        "--axis",
        "differentiation=0.25:0.75:3",
        "--players",
        "Tit For Tat,Defector,Spiral Reciprocator",
        "--turns",
        "10",
        "--repetitions",
        "1",
        "--replicates",
        "2",
        "--replicate-rows",
        "--ecological",
        "5",
        "--no-figures",
        "--out",
        "s",
    ];
    run(dir, &sweep);
    add(sweep.join(" "), "s", SWEEP, context(&dir.join("s"), &plane));

    let sensitivity = [
        "sensitivity",
        "--range",
        "offence=0:1",
        "--range",
        "stakes=2:6",
        "--morris",
        "2",
        "--players",
        "Tit For Tat,Defector,Spiral Reciprocator",
        "--turns",
        "10",
        "--repetitions",
        "1",
        "--no-figures",
        "--out",
        "sens",
    ];
    run(dir, &sensitivity);
    add(sensitivity.join(" "), "sens", SENSITIVITY, Context::new());

    std::fs::create_dir(dir.join("trace")).unwrap();
    let logit = [
        "solve",
        "pd",
        "--method",
        "logit",
        "--trace",
        "trace/branch.csv",
    ];
    run(dir, &logit);
    let actions = pd_game().row_actions().to_vec();
    add(
        logit.join(" "),
        "trace",
        TRACE,
        Context::from([("<action>", actions.clone())]),
    );

    // Learning dynamics: each names its clock differently, regret matching
    // adds its correlated-equilibrium violation.
    for dynamic in [
        "fictitious",
        "regret-matching",
        "replicator-mutator",
        "two-population",
        "fermi",
    ] {
        let folder = format!("learn-{dynamic}");
        let learn = [
            "learn",
            "pd",
            "--dynamic",
            dynamic,
            "--no-figures",
            "--out",
            &folder,
        ];
        run(dir, &learn);
        add(
            learn.join(" "),
            &folder,
            LEARN,
            Context::from([("<action>", actions.clone())]),
        );
    }

    // Both fingerprints.
    for kind in ["ashlock", "transitive"] {
        let folder = format!("fingerprint-{kind}");
        let fingerprint = [
            "fingerprint",
            "Tit For Tat",
            "--kind",
            kind,
            "--step",
            "0.5",
            "--random-opponents",
            "3",
            "--turns",
            "5",
            "--repetitions",
            "2",
            "--no-figures",
            "--out",
            &folder,
        ];
        run(dir, &fingerprint);
        add(fingerprint.join(" "), &folder, FINGERPRINT, Context::new());
    }

    // Tournaments of groups: a catalogue game, and the alliance game with a
    // bloc (blocs.csv, allies.csv).
    for (folder, game) in [
        ("g", &["--game", "public_goods"][..]),
        ("ga", &["--game", "alliance", "--bloc", "west=1,2"][..]),
    ] {
        let args = [
            &[
                "groups",
                "--players",
                "Cooperator,Defector,Chain Ganger,Buck Passer",
                "--turns",
                "5",
                "--repetitions",
                "1",
                "--out",
                folder,
            ][..],
            game,
        ]
        .concat();
        run(dir, &args);
        add(args.join(" "), folder, GROUPS, Context::new());
    }

    // Evolution of groups: every table (two strategies, so the full chain
    // with mutation too).
    let evolve = [
        "groups",
        "--players",
        "Cooperator,Defector",
        "--game",
        "public_goods",
        "--turns",
        "2",
        "--repetitions",
        "1",
        "--evolve",
        "replicator,fixation",
        "--population",
        "10",
        "--mutation",
        "0.01",
        "--steps",
        "5",
        "--no-figures",
        "--out",
        "gevo",
    ];
    run(dir, &evolve);
    add(
        evolve.join(" "),
        "gevo",
        GROUP_EVOLUTION,
        Context::from([(
            "<action>",
            vec!["Cooperator".to_string(), "Defector".to_string()],
        )]),
    );

    // A sweep with the stage game's logit QRE beside its equilibria.
    let qre = [
        "sweep",
        "--axis",
        "offence=0.2,0.8",
        "--players",
        "Tit For Tat,Defector",
        "--turns",
        "5",
        "--repetitions",
        "1",
        "--qre-lambda",
        "1.5",
        "--no-figures",
        "--out",
        "q",
    ];
    run(dir, &qre);
    add(
        qre.join(" "),
        "q",
        SWEEP,
        context(&dir.join("q"), &["offence"]),
    );
    written
}

/// The game of `solve pd` and `fit-qre pd`.
fn pd_game() -> dilemma::MatrixGame {
    dilemma::game::catalogue::prisoners_dilemma_default()
}

/// Every disagreement between the dictionary `text` and the `written` folders.
fn problems(text: &str, written: &[Written]) -> Vec<String> {
    let mut checker = Checker::new(text);
    for w in written {
        checker.check_folder(&w.command, &w.dir, w.variants, &w.context);
    }
    checker.finish()
}

#[test]
fn the_data_dictionary_describes_every_column_of_every_file_the_tool_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let written = write_everything(tmp.path());
    let found = problems(DICTIONARY, &written);
    assert!(
        found.is_empty(),
        "docs/data-dictionary.md and the files the tool writes disagree:\n{}",
        found.join("\n")
    );

    // The table `fit-qre` reads: a file with the documented columns is read.
    let (sections, _) = parse(DICTIONARY);
    let plays = &sections["`PLAYS.csv` (read by `dilemma fit-qre --data`)"];
    let mut text = plays.columns.join(",") + "\n";
    let game = pd_game();
    let (c, d) = (&game.row_actions()[0], &game.row_actions()[1]);
    text.push_str(&format!(
        "row,{c}\nrow,{d}\nrow,{d}\ncolumn,{c}\ncolumn,{d}\n"
    ));
    std::fs::write(tmp.path().join("plays.csv"), text).unwrap();
    run(tmp.path(), &["fit-qre", "pd", "--data", "plays.csv"]);

    // The check fails when the dictionary and the files part: each edit of
    // the dictionary below stands for a change of the tool left undocumented.
    let edit = |from: &str, to: &str| {
        assert_eq!(DICTIONARY.matches(from).count(), 1, "`{from}` once");
        problems(&DICTIONARY.replacen(from, to, 1), &written)
    };
    let says = |found: Vec<String>, needle: &str| {
        assert!(
            found.iter().any(|p| p.contains(needle)),
            "no problem mentions `{needle}`: {found:?}"
        );
    };
    // A column the tool writes and the dictionary does not describe.
    let row = DICTIONARY
        .lines()
        .find(|l| l.starts_with("| `DD_to_C_rate` |"))
        .unwrap();
    says(
        edit(&format!("{row}\n"), ""),
        "has the column `DD_to_C_rate`",
    );
    // A quantity's columns left out of a pattern's values.
    says(
        edit(
            "`median_score`, `cooperation_rating`, `defence_rate`,",
            "`median_score`, `cooperation_rating`,",
        ),
        "has the column `defence_rate_mean`",
    );
    // A value of a column the dictionary does not list.
    says(
        edit("`harmony`, `stag hunt`,", "`harmony`,"),
        "column `class` holds `stag hunt`",
    );
    // A column the dictionary describes and no file has.
    says(
        edit("| `mu_star` |", "| `mu_median` | x | y |\n| `mu_star` |"),
        "describes `mu_median`, which no file had",
    );
    // A file the tool writes without a section, and a section of no file.
    let found = edit("### `morris.csv`", "### `morris_effects.csv`");
    says(found.clone(), "no section `### `morris.csv``");
    says(
        found,
        "describes `### `morris_effects.csv``, which no command wrote",
    );
}

#[test]
fn the_dictionary_parser_reads_columns_patterns_and_values() {
    let text = "## Which command writes what\n\n| file | by |\n|---|---|\n| `a.csv`, `b.csv` | x |\n\n\
                ## Tables the tool writes\n\n### `a.csv` (v)\n\nValues of `<q>`: `x`,\n`y`.\n\n\
                | column | unit | meaning |\n|---|---|---|\n| `name` | text | the `b` |\n| `<q>_mean` | u | m |\n";
    let (sections, index) = parse(text);
    assert_eq!(index, BTreeSet::from(["a.csv".into(), "b.csv".into()]));
    let s = &sections["`a.csv` (v)"];
    assert_eq!(s.columns, ["name", "<q>_mean"]);
    assert_eq!(s.values["<q>"], ["x", "y"]);
    assert_eq!(
        expand("<q>_mean", s, &Context::new()).unwrap(),
        ["x_mean", "y_mean"]
    );
    assert!(expand("<p>", s, &Context::new()).is_err());
}
