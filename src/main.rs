//! The `dilemma` command-line tool. A thin layer over the library: see `src/cli/`.

use clap::Parser;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
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
