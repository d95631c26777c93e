//! A throwaway PostgreSQL cluster for the tests: `initdb` and `pg_ctl` in a
//! temporary directory (UTF-8, C collation, fsync off, a free port, its
//! unix socket in that directory), run as the unprivileged `postgres` user
//! when the tests run as root (PostgreSQL refuses root). One cluster per
//! test process, a fresh database per test; a watchdog stops the cluster
//! and removes its directory when the test process ends.
//!
//! Where PostgreSQL is not installed the PostgreSQL runs are skipped, unless
//! `HELPDESK_REQUIRE_POSTGRES=1` (set by `.ci/test`) makes that a failure.
//!
//! The scale benchmark (`benches/scale`) starts its cluster with this same
//! module (included there by `#[path]`).

use helpdesk_server::store::Store;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Which backend the tests' servers use: `HELPDESK_TEST_BACKEND=postgres`
/// runs the same tests on PostgreSQL.
pub fn backend_is_postgres() -> bool {
    std::env::var("HELPDESK_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// The store the tests use, with its database URL: PostgreSQL (a fresh
/// database) when asked for, else SQLite in `dir`.
pub fn test_store(dir: &std::path::Path) -> (Store, Option<String>) {
    if backend_is_postgres() {
        let url = fresh_database().expect("HELPDESK_TEST_BACKEND=postgres, but PostgreSQL is not installed here (apt-get install postgresql)");
        (Store::connect_with(&url, 8).expect("the test database opens"), Some(url))
    } else {
        (Store::open(dir).expect("the store opens"), None)
    }
}

struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
}

static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// A new empty database on the test process's cluster, as a URL; `None`
/// where PostgreSQL is not installed (a failure with
/// `HELPDESK_REQUIRE_POSTGRES=1`).
pub fn fresh_database() -> Option<String> {
    let cluster = CLUSTER.get_or_init(start).as_ref()?;
    let name = format!("t{}_{}", std::process::id(), DATABASES.fetch_add(1, Ordering::SeqCst));
    let status = cluster
        .command("psql")
        .args([
            "-h",
            &cluster.dir.to_string_lossy(),
            "-p",
            &cluster.port.to_string(),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-q",
            "-c",
        ])
        .arg(format!("CREATE DATABASE {name}"))
        .status()
        .expect("psql runs");
    assert!(status.success(), "CREATE DATABASE {name} failed");
    Some(format!("host={} port={} user=postgres dbname={name}", cluster.dir.display(), cluster.port))
}

impl Cluster {
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                // The unprivileged user may not enter the checkout: run from `/`.
                c.args(["-u", user, "--"]).arg(path).current_dir("/");
                c
            }
            None => Command::new(path),
        }
    }
}

/// The newest installed PostgreSQL's programs.
fn bin_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("HELPDESK_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin): &(u32, PathBuf)| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

fn start() -> Option<Cluster> {
    let Some(bin) = bin_dir() else {
        let required = std::env::var("HELPDESK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "HELPDESK_REQUIRE_POSTGRES=1 but no PostgreSQL is installed (apt-get install postgresql; or set HELPDESK_PG_BIN)"
        );
        eprintln!("PostgreSQL is not installed: its test runs are skipped");
        return None;
    };
    let dir = std::env::temp_dir().join(format!("helpdesk-pg-{}-{}", std::process::id(), free_port()));
    std::fs::create_dir_all(&dir).unwrap();
    let run_as = is_root().then_some("postgres");
    if let Some(user) = run_as {
        let status = Command::new("chown").args([user, &dir.to_string_lossy()]).status().unwrap();
        assert!(status.success(), "chown of the cluster directory failed");
    }
    let port = free_port();
    let cluster = Cluster { bin, dir, port, run_as };
    let data = cluster.dir.join("data");
    let out = cluster
        .command("initdb")
        .args([
            "-D",
            &data.to_string_lossy(),
            "-E",
            "UTF8",
            "--locale=C",
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ])
        .output()
        .expect("initdb runs");
    assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
    // `HELPDESK_TEST_PG_OPTIONS`: more server settings (e.g. the scale
    // benchmark's `-c shared_preload_libraries=pg_stat_statements`).
    let extra = std::env::var("HELPDESK_TEST_PG_OPTIONS").unwrap_or_default();
    let options = format!(
        "-p {port} -k {} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB {extra}",
        cluster.dir.display()
    );
    let out = cluster
        .command("pg_ctl")
        .args([
            "-D",
            &data.to_string_lossy(),
            "-o",
            &options,
            "-l",
            &cluster.dir.join("log").to_string_lossy(),
            "-w",
            "start",
        ])
        .output()
        .expect("pg_ctl runs");
    let log = std::fs::read_to_string(cluster.dir.join("log")).unwrap_or_default();
    assert!(out.status.success(), "pg_ctl start failed: {}\n{log}", String::from_utf8_lossy(&out.stderr));
    // The watchdog: when this test process is gone, stop the cluster and remove it.
    let prefix = match run_as {
        Some(user) => format!("runuser -u {user} -- {}", cluster.bin.join("pg_ctl").display()),
        None => cluster.bin.join("pg_ctl").display().to_string(),
    };
    let script = format!(
        "cd /; while kill -0 {pid} 2>/dev/null; do sleep 1; done; {prefix} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        data = data.display(),
        dir = cluster.dir.display()
    );
    // Never waited for: it outlives this process on purpose.
    #[allow(clippy::zombie_processes)]
    Command::new("sh")
        .args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the watchdog starts");
    Some(cluster)
}
