//! The `recoupe` command: parse arguments, run one subcommand, map the
//! outcome to an exit status. All the work is in the library and in
//! `cmd/`; this file only decides how the process ends:
//! 0 success, 1 a contradiction found (`check`, `add`), 2 trouble.
//! A closed pipe (`recoupe report | head -1`) is not trouble.

/// Writes a line to stderr, ignoring failure: a closed stderr must not
/// turn a message into a panic (`eprintln!` would).
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod cmd;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cmd::parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cmd::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if cmd::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            match err
                .downcast_ref::<recoupe::Error>()
                .map(|e| (e, e.summary()))
            {
                // The list of problems reads best as it is, one per line;
                // what to do about it is said in the words of the command.
                Some((e, Some(summary))) => {
                    let mut text = String::new();
                    for problem in e.problems() {
                        text.push_str(&format!("{problem}\n"));
                    }
                    match e {
                        recoupe::Error::InvalidStore(_) => {
                            note!("{text}{summary}, or see them all with `recoupe validate`")
                        }
                        _ => note!("{text}recoupe: {summary}"),
                    }
                }
                _ => note!(
                    "recoupe: {}",
                    recoupe::escape::escape_message(&format!("{err:#}"))
                ),
            }
            ExitCode::from(2)
        }
    }
}
