//! `helpdesk-server serve` as `.ci/start` and an administrator start it:
//! `--demo` fills an empty store once and serves it (on a data directory,
//! and on one PostgreSQL database from two replicas started together),
//! and a database without an administrator is refused with words about
//! the database, not a data directory (issue 14). The PostgreSQL runs are
//! skipped where it is not installed, unless `HELPDESK_REQUIRE_POSTGRES=1`.

mod common;

use common::postgres::fresh_database;
use common::process::{free_port, sign_in};
use helpdesk_server::store::{tickets as ticket_store, Store};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_helpdesk-server");

/// A `serve` process, killed when dropped.
struct Serving {
    child: Child,
    url: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve` on a free port with the store's arguments and `--demo`,
/// and waits until it listens.
fn serve_demo(store_args: &[&str], tickets: usize) -> Serving {
    let port = free_port();
    let child = Command::new(BINARY)
        .arg("serve")
        .args(store_args)
        .args(["--listen", &format!("127.0.0.1:{port}"), "--demo", "--demo-tickets", &tickets.to_string()])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut serving = Serving {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(300);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(serving.child.try_wait().unwrap().is_none(), "the server stopped before it listened");
        assert!(Instant::now() < deadline, "the server did not listen within 300 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    serving
}

async fn demo_analyst_signs_in(url: &str) {
    let (status, token) = sign_in(&reqwest::Client::new(), url, "analyst", "analyst-demo-1").await;
    assert_eq!(status, 200, "the demo analyst signs in at {url}");
    let queue: serde_json::Value = reqwest::Client::new()
        .get(format!("{url}/api/v1/tickets?limit=1000"))
        .bearer_auth(token.unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(queue["total"].as_u64().unwrap() > 10, "the analyst has a queue: {queue}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue12_serve_demo_fills_a_data_directory_as_ci_start_does() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_string();
    let server = serve_demo(&["--data-dir", &data], 120);
    demo_analyst_signs_in(&server.url).await;
    drop(server);
    // Started again with --demo, it adds nothing.
    let server = serve_demo(&["--data-dir", &data], 120);
    demo_analyst_signs_in(&server.url).await;
    drop(server);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.read(ticket_store::count).unwrap(), 120);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue14_two_replicas_started_with_demo_fill_an_empty_database_once() {
    let Some(url) = fresh_database() else { return };
    let (first, second) = (serve_demo(&["--database-url", &url], 80), serve_demo(&["--database-url", &url], 80));
    demo_analyst_signs_in(&first.url).await;
    demo_analyst_signs_in(&second.url).await;
    let store = Store::connect_with(&url, 2).unwrap();
    assert_eq!(store.read(ticket_store::count).unwrap(), 80, "filled once");
}

#[test]
fn issue14_a_database_without_an_administrator_says_how_to_make_one_there() {
    let Some(url) = fresh_database() else { return };
    let out = Command::new(BINARY)
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
