//! `helpdesk-server serve --database-url` as an administrator starts it
//! (issue 14): refusals speak of the database, not of a data directory.
//! Skipped where PostgreSQL is not installed, unless `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use common::postgres::fresh_database;

const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");

#[test]
fn issue14_a_database_without_an_administrator_says_how_to_make_one_there() {
    let Some(url) = fresh_database() else { return };
    let out = std::process::Command::new(BINARY)
        .args(["serve", "--database-url", &url, "--listen", "127.0.0.1:0"])
        .env_remove("HELPDESK_DATA_DIR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PostgreSQL database has no administrator"), "{err}");
    assert!(err.contains("--bootstrap-admin") && err.contains("--demo"), "{err}");
    assert!(err.contains("user add --database-url"), "{err}");
    assert!(!err.contains("data directory") && !err.contains("--data-dir"), "{err}");
}
