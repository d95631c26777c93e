//! Issue 14: replicas started together on one empty PostgreSQL database,
//! each with `--bootstrap-admin`, all come up, and the database then has
//! exactly one administrator, who signs in on every replica. (The race
//! used to make all but one exit with "user `admin` already exists".)
//! Skipped where PostgreSQL is not installed, unless
//! `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use common::postgres::fresh_database;
use common::process::{free_port, sign_in};
use helpdesk_server::store::{users, Store};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");
const PASSWORD: &str = "bootstrap race administrator 1";

/// A `serve` process, killed when dropped.
struct Replica {
    child: Child,
    port: u16,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(url: &str) -> Replica {
    let port = free_port();
    let child = Command::new(BINARY)
        .args(["serve", "--database-url", url, "--listen", &format!("127.0.0.1:{port}")])
        .args(["--bootstrap-admin", "admin"])
        .env("HELPDESK_ADMIN_PASSWORD", PASSWORD)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    Replica { child, port }
}

/// Waits until the replica listens; its standard error if it exited first.
fn listening(replica: &mut Replica) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::net::TcpStream::connect(("127.0.0.1", replica.port)).is_err() {
        if let Some(status) = replica.child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut pipe) = replica.child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut err);
            }
            return Err(format!("exited with {status}: {err}"));
        }
        if Instant::now() > deadline {
            return Err("did not listen within 120 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue14_replicas_started_together_with_bootstrap_admin_all_come_up_with_one_administrator() {
    let Some(url) = fresh_database() else { return };
    // Migrated first, so that the processes race on the administrator, not on the schema.
    drop(Store::connect_with(&url, 1).unwrap());
    let mut replicas: Vec<Replica> = (0..3).map(|_| start(&url)).collect();
    let failures: Vec<String> = replicas
        .iter_mut()
        .enumerate()
        .filter_map(|(i, r)| listening(r).err().map(|e| format!("replica {i}: {e}")))
        .collect();
    assert!(failures.is_empty(), "every replica comes up: {failures:#?}");
    let store = Store::connect_with(&url, 1).unwrap();
    assert_eq!(store.read(users::count_administrators).unwrap(), 1, "one administrator");
    let http = reqwest::Client::new();
    for replica in &replicas {
        let (status, token) = sign_in(&http, &format!("http://127.0.0.1:{}", replica.port), "admin", PASSWORD).await;
        assert_eq!((status, token.is_some()), (200, true), "the administrator signs in on port {}", replica.port);
    }
}
