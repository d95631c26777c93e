//! `helpdesk kb …` (the editorial cycle) and `helpdesk report` refuse bad
//! input before reaching for the server (exit 2, naming the field and what
//! is allowed), and say what to do when the profile is signed out (exit 1).

#[allow(dead_code)]
mod common;

use common::Profile;
use helpdesk_cli::run_with;

fn profile() -> Profile {
    Profile::new()
}

#[test]
fn a_bad_period_or_status_or_date_is_bad_usage() {
    let dir = profile();
    let p = dir.path().to_str().unwrap();
    let vars = [("HELPDESK_KEYRING", "off")];
    let out = run_with(&["--profile", p, "report", "--period", "year"], "", &vars);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("day, week, month"), "{}", out.stderr);
    let out = run_with(&["--profile", p, "kb", "move", "kb-1", "finished"], "", &vars);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("published"), "the allowed statuses are listed: {}", out.stderr);
    let out = run_with(&["--profile", p, "kb", "reviewed", "kb-1", "--next", "01.02.2027"], "", &vars);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("YYYY-MM-DD"), "{}", out.stderr);
}

#[test]
fn signed_out_it_says_to_sign_in() {
    let dir = profile();
    let p = dir.path().to_str().unwrap();
    let vars = [("HELPDESK_KEYRING", "off")];
    for args in [vec!["kb", "due"], vec!["report"], vec!["kb", "usage", "kb-1"]] {
        let argv: Vec<&str> = ["--profile", p].into_iter().chain(args.iter().copied()).collect();
        let out = run_with(&argv, "", &vars);
        assert_eq!(out.code, helpdesk_cli::error::SIGN_IN_NEEDED, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("login"), "{args:?}: {}", out.stderr);
    }
}
