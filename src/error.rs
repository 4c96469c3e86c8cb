//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
///
/// Every message says what was wrong and where, in one line, so the binary can
/// print it as is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A payoff matrix has no rows or no columns.
    #[error("the {player} payoff matrix is empty ({rows}x{cols}); a game needs at least one action per player")]
    EmptyGame {
        /// `"row"` or `"column"`.
        player: &'static str,
        /// Number of rows found.
        rows: usize,
        /// Number of columns found.
        cols: usize,
    },
    /// The two payoff matrices differ in shape.
    #[error("payoff matrices differ in shape: row player's is {row_shape:?}, column player's is {col_shape:?}")]
    ShapeMismatch {
        /// Shape of the row player's matrix.
        row_shape: (usize, usize),
        /// Shape of the column player's matrix.
        col_shape: (usize, usize),
    },
    /// A payoff is NaN or infinite.
    #[error(
        "the {player} player's payoff at (row {row}, column {col}) is {value}, not a finite number"
    )]
    NonFinitePayoff {
        /// `"row"` or `"column"`.
        player: &'static str,
        /// Row index (0-based).
        row: usize,
        /// Column index (0-based).
        col: usize,
        /// The offending value.
        value: f64,
    },
    /// The number of action names does not match the number of actions.
    #[error("{player} player has {actions} actions but {names} action names were given")]
    ActionNames {
        /// `"row"` or `"column"`.
        player: &'static str,
        /// Number of actions.
        actions: usize,
        /// Number of names.
        names: usize,
    },
    /// A model parameter is out of its range.
    #[error("parameter `{name}` = {value} is invalid: {expected}")]
    InvalidParameter {
        /// Parameter name, as the user writes it.
        name: String,
        /// The value given.
        value: f64,
        /// What was expected.
        expected: String,
    },
    /// A name (game, parameter, strategy, ...) is not known.
    #[error("unknown {kind} `{name}`; known: {known}")]
    Unknown {
        /// What kind of thing was looked up (`"game"`, `"parameter"`, ...).
        kind: &'static str,
        /// The name looked up.
        name: String,
        /// The known names, comma separated.
        known: String,
    },
    /// A game that an operation requires to be of a given form is not.
    #[error("{operation} needs {requirement}, but the game is {found}")]
    UnsupportedGame {
        /// What was attempted.
        operation: &'static str,
        /// What the operation needs.
        requirement: &'static str,
        /// What the game is.
        found: String,
    },
    /// An n-player game is malformed (no players, a player without actions,
    /// payoff arrays of different shapes, a payoff that is not finite, ...).
    #[error("invalid game: {message}")]
    InvalidGame {
        /// What is wrong, naming the player and profile where it applies.
        message: String,
    },
    /// A Gambit `.nfg` file could not be parsed.
    #[error("{source_name}:{line}: {message}")]
    Nfg {
        /// File name (or `<input>`).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An equilibrium or LP computation could not be carried out (the game is
    /// too large for the method, the LP solver failed, ...).
    #[error("{method}: {message}")]
    Solver {
        /// The method that failed (`"support enumeration"`, `"zero-sum LP"`, ...).
        method: &'static str,
        /// What went wrong.
        message: String,
    },
    /// A strategy file (TOML) has an invalid entry.
    #[error("{file}: strategy `{strategy}`, field `{field}`: {message}")]
    StrategyFile {
        /// The file (or `<input>`).
        file: String,
        /// The strategy's name (or its position, when it has no name).
        strategy: String,
        /// The offending field.
        field: String,
        /// What was wrong.
        message: String,
    },
    /// A strategy file is not valid TOML.
    #[error("{file}: {message}")]
    StrategyFileSyntax {
        /// The file (or `<input>`).
        file: String,
        /// The parser's message.
        message: String,
    },
    /// Two strategies were registered under one name.
    #[error("strategy `{name}` clashes with `{existing}` ({origin}): names must be distinct ignoring case and punctuation")]
    DuplicateStrategy {
        /// The new strategy's name.
        name: String,
        /// The registered strategy whose name or alias it clashes with.
        existing: String,
        /// Where the registered one was defined.
        origin: String,
    },
    /// A transformed strategy's name (`Noisy(0.1, Tit For Tat)`) is malformed.
    #[error("strategy `{name}`: {message}")]
    InvalidStrategyName {
        /// The name as written.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// A configuration, manifest or results file could not be understood.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What was wrong, with the line where known.
        message: String,
    },
    /// A configuration's entries contradict each other.
    #[error("`{field}`: {message}")]
    Config {
        /// The entry (as written in an experiment file).
        field: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A size is beyond what the run could afford (see [`crate::limits`]).
    #[error("{what} = {value} is too large: at most {limit} ({why})")]
    TooLarge {
        /// What was asked for.
        what: String,
        /// The value given.
        value: String,
        /// The largest value accepted.
        limit: String,
        /// What the limit protects.
        why: String,
    },
    /// Another run is writing the output folder.
    #[error("{path} is being written by another dilemma run (process {pid} on host {host}); wait for it to finish, or give this run another --out (a lock left by a run on another host that is gone: remove {path}/.dilemma-lock)")]
    Busy {
        /// The output folder.
        path: PathBuf,
        /// The process id of the run that holds it.
        pid: u32,
        /// The host that process runs on.
        host: String,
    },
    /// Shards that cannot be merged, or a shard that cannot be run.
    #[error("{path}: {message}")]
    Shard {
        /// The shard folder or output folder concerned.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A figure could not be drawn or encoded.
    #[error("figure `{figure}`: {message}")]
    Figure {
        /// The figure's name (its file stem).
        figure: String,
        /// What went wrong.
        message: String,
    },
    /// The run was cancelled ([`crate::parallel::cancel`]) before it finished.
    #[error("cancelled before the run finished")]
    Cancelled,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for an [`Error::InvalidParameter`].
    pub fn invalid_parameter(name: &str, value: f64, expected: impl Into<String>) -> Self {
        Error::InvalidParameter {
            name: name.to_string(),
            value,
            expected: expected.into(),
        }
    }

    /// Shorthand for an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// `text` with its control characters (line breaks, tabs, ...) escaped as
/// Rust writes them (`\n`), so that an error quoting it stays one line.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
