//! The real `helpdesk-server serve` processes of a run, each on its own
//! loopback port: started together, one killed with SIGKILL (`kill -9`)
//! and started again on the same port.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN: &str = "admin";
pub const ADMIN_PASSWORD: &str = "scale bench administrator 1";

/// Where a replica keeps its state.
#[derive(Clone)]
pub enum Storage {
    Postgres { url: String, unsafe_stamping: bool },
    Sqlite { dir: PathBuf },
}

pub struct Replica {
    pub port: u16,
    binary: PathBuf,
    storage: Storage,
    log: PathBuf,
    /// Creates the administrator if there is none: one replica only, as
    /// replicas that start together would race to create it.
    bootstrap: bool,
    child: Option<Child>,
    /// CPU seconds of the processes killed before.
    spent: f64,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server binary the benchmark runs: this build's, or `BENCH_SERVER_BINARY`.
pub fn binary() -> PathBuf {
    std::env::var_os("BENCH_SERVER_BINARY").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_helpdesk-server")), PathBuf::from)
}

/// Connections each replica keeps to PostgreSQL: `BENCH_DATABASE_POOL`,
/// 4 by default. On this class of 2-core machine the number is within the
/// run-to-run spread from 2 to 16 (935–1,100 ops/s; with the code of an
/// earlier stop 4 gave 774 and the server's default 16 gave 656).
pub fn database_pool() -> u32 {
    std::env::var("BENCH_DATABASE_POOL")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(4)
}

impl Replica {
    /// A replica on a free port, not started yet; its standard error goes
    /// to `log`. The one that `bootstrap`s creates the administrator.
    pub fn new(storage: Storage, log: PathBuf, bootstrap: bool) -> Replica {
        Replica {
            port: free_port(),
            binary: binary(),
            storage,
            log,
            bootstrap,
            child: None,
            spent: 0.0,
        }
    }

    pub fn address(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// Starts the process.
    pub fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("the replica's log file");
        let mut command = Command::new(&self.binary);
        command
            .args(["serve", "--listen", &self.address().to_string(), "--allow-plain-http"])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        if self.bootstrap {
            command.args(["--bootstrap-admin", ADMIN]).env("HELPDESK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        }
        match &self.storage {
            Storage::Postgres { url, unsafe_stamping } => {
                command.arg("--database-url").arg(url).arg("--database-pool").arg(database_pool().to_string());
                if *unsafe_stamping {
                    command.env(helpdesk_server::store::changes::UNSAFE_STAMPING_SWITCH, "1");
                }
            }
            Storage::Sqlite { dir } => {
                command.arg("--data-dir").arg(dir);
            }
        }
        self.child = Some(command.spawn().expect("the server binary starts"));
    }

    /// Waits until the replica accepts connections (at most 60 s).
    pub async fn wait_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while tokio::net::TcpStream::connect(self.address()).await.is_err() {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                panic!("replica on port {} exited with {status}:\n{log}", self.port);
            }
            assert!(Instant::now() < deadline, "replica on port {} did not listen within 60 s", self.port);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// CPU seconds this replica's processes have used.
    pub fn cpu_seconds(&self) -> f64 {
        self.spent + self.child.as_ref().map_or(0.0, |c| crate::cpu::process_seconds(c.id(), false))
    }

    /// `kill -9`: no shutdown, requests under way are cut.
    pub fn kill9(&mut self) {
        self.spent = self.cpu_seconds();
        if let Some(mut child) = self.child.take() {
            let _ = child.kill(); // SIGKILL on Unix
            let _ = child.wait();
        }
    }

    /// Starts the killed replica again on the same port; how long until it listened.
    pub async fn restart(&mut self) -> Duration {
        let started = Instant::now();
        self.spawn();
        self.wait_listening().await;
        started.elapsed()
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill9();
    }
}
