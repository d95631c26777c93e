//! `helpdesk` — the HELP DESK client core without a window.
//!
//! The desktop app of the L2 analysts and the central server compute SLA
//! deadlines with one engine (`helpdesk-domain`). This command gives
//! administrators and analysts the same engine on the command line:
//!
//! - `helpdesk sla replay FILE|-` replays a real case (a policy, a ticket and
//!   its clock events, as JSON) and prints each metric's deadline, state and
//!   warnings as JSON; with `--explain` it prints, in the user's language
//!   (Ukrainian by default, `--lang uk|en|ru` or the locale environment), the
//!   steps by which the deadline was reached (SPEC §3.4);
//! - `helpdesk sla presets` lists the built-in policies;
//! - `helpdesk sla policy NAME` prints a built-in policy as TOML, a starting
//!   point for a policy file of one's own.
//!
//! Exit codes: 0 done, 1 refused by a rule, 2 bad usage or bad input (one
//! line on stderr naming the field and what is allowed), 3 the server out
//! of reach or failing, 4 sign-in needed (`exit-codes` in `locales/`). Further
//! subcommands (login, sync, queue…) are added as variants of
//! [`cli::Command`].
//!
//! Presentation only: it parses arguments and prints what
//! `helpdesk-client` and `helpdesk-domain` answer; no rule of its own.

pub mod analyst;
pub mod available;
pub mod cli;
pub mod error;
pub mod explain;
pub mod help_texts;
pub mod i18n;
pub mod kb_editorial;
pub mod more_ops;
pub mod output;
pub mod refusals;
pub mod register;
pub mod replay;
pub mod send_outcome;
pub mod shared_errors;
pub mod usage_errors;
pub mod wording;

use std::ffi::OsString;
use std::io::{Read, Write};

/// What a run printed and how it ended, for in-process callers and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// The process environment a run may consult: stdin and the variables
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`, `HELPDESK_*`, and those that locate the
/// profile: `XDG_DATA_HOME`, `HOME`, `LOCALAPPDATA`, `USERPROFILE`).
pub struct Env<'a> {
    pub stdin: &'a mut dyn Read,
    pub var: &'a dyn Fn(&str) -> Option<String>,
}

/// Runs `helpdesk` with the real stdin, stdout, stderr and environment, and
/// returns the exit code.
pub fn run_process(args: impl IntoIterator<Item = OsString>) -> u8 {
    let mut stdin = std::io::stdin().lock();
    let var = |name: &str| std::env::var(name).ok();
    let outcome = run(args, Env { stdin: &mut stdin, var: &var });
    // A closed pipe (e.g. `| head`) is not an error of ours.
    let _ = std::io::stdout().lock().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
    outcome.code
}

/// Runs `helpdesk` with the given arguments (the first is the program name)
/// and environment, collecting its output.
pub fn run(args: impl IntoIterator<Item = OsString>, env: Env<'_>) -> Outcome {
    let parsed = match cli::parse(args, i18n::Lang::from_env(env.var)) {
        Ok(parsed) => parsed,
        Err(cli::Early { code, stdout, stderr }) => return Outcome { code, stdout, stderr },
    };
    let mut stdout = String::new();
    match cli::execute(parsed, env, &mut stdout) {
        Ok(()) => Outcome {
            code: 0,
            stdout,
            stderr: String::new(),
        },
        Err(failure) => Outcome {
            code: failure.code(),
            stdout,
            stderr: format!("helpdesk: {}\n", failure.one_line()),
        },
    }
}

/// Convenience for tests: runs with `args` (without the program name),
/// `stdin` as input and the given environment variables.
pub fn run_with(args: &[&str], stdin: &str, vars: &[(&str, &str)]) -> Outcome {
    let mut input = stdin.as_bytes();
    let owned: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let var = move |name: &str| owned.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let argv = std::iter::once(OsString::from("helpdesk")).chain(args.iter().map(OsString::from));
    run(argv, Env { stdin: &mut input, var: &var })
}
