//! A round-robin TCP proxy in front of the replicas, as a load balancer
//! without sticky sessions: every connection goes to the next replica
//! (one that refuses the connection is passed over). While cuts are on,
//! a share of the connections is cut once the server has started to
//! answer: the server did the work, the client never hears it and must
//! send the same request again.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};

#[derive(Default)]
pub struct ProxyStats {
    pub connections: AtomicU64,
    pub cut: AtomicU64,
    /// Connections a replica refused (the next one took them).
    pub refused: AtomicU64,
    /// Connections no replica took (the client retries).
    pub unserved: AtomicU64,
}

pub struct Proxy {
    pub port: u16,
    pub stats: Arc<ProxyStats>,
    cut_per_mille: Arc<AtomicU32>,
    task: tokio::task::JoinHandle<()>,
}

/// splitmix64: the proxy's and the clients' small deterministic dice.
pub fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Proxy {
    /// Listens on a free loopback port and spreads connections over `backends`.
    pub async fn start(backends: Vec<SocketAddr>, seed: u64) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port for the proxy");
        let port = listener.local_addr().expect("the proxy's address").port();
        let stats = Arc::new(ProxyStats::default());
        let cut_per_mille = Arc::new(AtomicU32::new(0));
        let backends: Arc<[SocketAddr]> = backends.into();
        let next = Arc::new(AtomicUsize::new(0));
        let (tally, cuts) = (stats.clone(), cut_per_mille.clone());
        let task = tokio::spawn(async move {
            let mut dice = seed;
            while let Ok((client, _)) = listener.accept().await {
                tally.connections.fetch_add(1, Ordering::Relaxed);
                let cut = splitmix(&mut dice) % 1000 < u64::from(cuts.load(Ordering::Relaxed));
                let first = next.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(forward(client, backends.clone(), first, cut, tally.clone()));
            }
        });
        Proxy {
            port,
            stats,
            cut_per_mille,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Cuts this many connections in a thousand from now on (0: none).
    pub fn set_cuts(&self, per_mille: u32) {
        self.cut_per_mille.store(per_mille, Ordering::Relaxed);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(mut client: TcpStream, backends: Arc<[SocketAddr]>, first: usize, cut: bool, stats: Arc<ProxyStats>) {
    let mut server = None;
    for i in 0..backends.len() {
        match TcpStream::connect(backends[(first + i) % backends.len()]).await {
            Ok(s) => {
                server = Some(s);
                break;
            }
            Err(_) => {
                stats.refused.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    let Some(mut server) = server else {
        stats.unserved.fetch_add(1, Ordering::Relaxed);
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    if !cut {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
        return;
    }
    // Forward the request; at the answer's first byte, drop both sides.
    let (mut from_client, _to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    let upstream = tokio::spawn(async move { tokio::io::copy(&mut from_client, &mut to_server).await });
    let mut first_byte = [0u8; 1];
    let answered = matches!(from_server.read(&mut first_byte).await, Ok(1));
    upstream.abort();
    if answered {
        stats.cut.fetch_add(1, Ordering::Relaxed);
    }
}
