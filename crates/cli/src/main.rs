//! `helpdesk` — the HELP DESK command line. All the work is in the library
//! (`helpdesk_cli`); this file only connects it to the process.

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = helpdesk_cli::run_process(std::env::args_os());
    ExitCode::from(code)
}
