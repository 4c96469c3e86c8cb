//! The `dilemma` command-line tool. A thin layer over the library: see `src/cli/`.

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    restore_default_sigpipe();
    let args = match parse_arguments() {
        Ok(args) => args,
        Err(code) => return code,
    };
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: the error and its causes, never a backtrace.
            let mut line = format!("error: {err}");
            for cause in err.chain().skip(1) {
                let cause = cause.to_string();
                // Library errors already quote their source; don't say it twice.
                if !line.contains(&cause) {
                    line.push_str(&format!(": {cause}"));
                }
            }
            eprintln!("{line}");
            ExitCode::from(2)
        }
    }
}

/// Lets a closed pipe end the process quietly, as it ends other Unix tools
/// (`dilemma tournament | head -1`), instead of a panic in `println!`:
/// Rust ignores SIGPIPE by default.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists;
    // SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Parses the command line. Negative numbers are values, not flags
/// (`--noise -0.1` reaches the range check); an argument error is one line
/// (what is wrong, and where to read more) with exit code 2; `--help` and
/// `--version` print as usual.
fn parse_arguments() -> Result<cli::Cli, ExitCode> {
    let command = allow_negative_numbers(cli::Cli::command());
    let parsed = command
        .try_get_matches()
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    match parsed {
        Ok(args) => Ok(args),
        Err(err) => {
            use clap::error::ErrorKind;
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                err.exit();
            }
            let text = err.render().to_string();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            eprintln!("error: {first} (see `dilemma --help` or `dilemma COMMAND --help`)");
            Err(ExitCode::from(2))
        }
    }
}

fn allow_negative_numbers(command: clap::Command) -> clap::Command {
    command
        .allow_negative_numbers(true)
        .mut_subcommands(allow_negative_numbers)
}
