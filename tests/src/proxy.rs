//! A fault-injecting TCP proxy between a client and the server, with a
//! seeded schedule: per connection it may drop it at once, delay it, cut
//! the response after the server has answered (so the server committed but
//! the client never hears it), or send everything the client wrote a second
//! time on another connection (duplicated requests).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    Drop,
    Delay,
    CutResponse,
    Duplicate,
}

pub struct FaultProxy {
    pub port: u16,
    pub faults_on: Arc<AtomicBool>,
    pub counts: Arc<[AtomicU64; 5]>,
    _runtime: tokio::runtime::Runtime,
}

fn next(state: &AtomicU64) -> u64 {
    // xorshift64*, one step per connection.
    let mut x = state.load(Ordering::Relaxed);
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    state.store(x, Ordering::Relaxed);
    x.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

impl FaultProxy {
    /// Proxies 127.0.0.1:<port> to `target`; faults follow `seed` while on.
    pub fn start(target: SocketAddr, seed: u64) -> FaultProxy {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let port = listener.local_addr().unwrap().port();
        let faults_on = Arc::new(AtomicBool::new(true));
        let counts: Arc<[AtomicU64; 5]> = Arc::new(Default::default());
        let state = Arc::new(AtomicU64::new(seed | 1));
        let (on, tally) = (faults_on.clone(), counts.clone());
        runtime.spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let roll = next(&state);
                let fault = if !on.load(Ordering::Relaxed) {
                    Fault::None
                } else {
                    match roll % 10 {
                        0 | 1 => Fault::Drop,
                        2 => Fault::Delay,
                        3 | 4 => Fault::CutResponse,
                        5 => Fault::Duplicate,
                        _ => Fault::None,
                    }
                };
                tally[fault as usize].fetch_add(1, Ordering::Relaxed);
                tokio::spawn(handle(client, target, fault, roll));
            }
        });
        FaultProxy {
            port,
            faults_on,
            counts,
            _runtime: runtime,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn stop_faults(&self) {
        self.faults_on.store(false, Ordering::Relaxed);
    }

    pub fn count(&self, fault: Fault) -> u64 {
        self.counts[fault as usize].load(Ordering::Relaxed)
    }
}

async fn handle(mut client: TcpStream, target: SocketAddr, fault: Fault, roll: u64) {
    if fault == Fault::Drop {
        return; // closed at once
    }
    if fault == Fault::Delay {
        tokio::time::sleep(Duration::from_millis(200 + roll % 800)).await;
    }
    let Ok(mut server) = TcpStream::connect(target).await else { return };
    let mut twin = if fault == Fault::Duplicate {
        TcpStream::connect(target).await.ok()
    } else {
        None
    };
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let upstream = async {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match client_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if server_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
            if let Some(t) = twin.as_mut() {
                let _ = t.write_all(&buf[..n]).await;
            }
        }
        let _ = server_write.shutdown().await;
    };
    let downstream = async {
        let mut buf = vec![0u8; 64 * 1024];
        let mut sent = 0usize;
        loop {
            let n = match server_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if fault == Fault::CutResponse {
                // The server has answered: pass a few bytes, then cut.
                let keep = (roll as usize % 40).min(n);
                let _ = client_write.write_all(&buf[..keep]).await;
                break;
            }
            if client_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
            sent += n;
        }
        let _ = sent;
        let _ = client_write.shutdown().await;
    };
    tokio::select! {
        _ = upstream => { tokio::time::sleep(Duration::from_secs(5)).await; }
        _ = downstream => {}
    }
}
