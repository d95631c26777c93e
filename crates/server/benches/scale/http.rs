//! HTTP as the simulated clients speak it: a new connection for every
//! request (so the round-robin proxy sends consecutive requests of one
//! client to different replicas), no compression on loopback; and one
//! kept connection for the quiet pull as the app pulls.

use serde_json::Value;
use std::time::Duration;

pub type Http = reqwest::Client;

/// A client whose connections come from the `n`-th loopback address
/// (127.0.0.2, 127.0.0.3, …), so that the clients do not share one
/// address's ephemeral ports.
pub fn client(n: usize) -> Http {
    from_address(n).pool_max_idle_per_host(0).build().expect("an HTTP client")
}

/// The same client keeping its connection between requests, as the app's
/// (`helpdesk_sync::http`): the round-robin proxy then sends all of its
/// requests to one replica.
pub fn kept_client(n: usize) -> Http {
    from_address(n).build().expect("an HTTP client")
}

fn from_address(n: usize) -> reqwest::ClientBuilder {
    let address = std::net::Ipv4Addr::new(127, 0, (n / 250) as u8, (n % 250 + 2) as u8);
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::V4(address))
        .no_gzip()
        .no_zstd()
        .timeout(Duration::from_secs(60))
}

/// POSTs `body` (JSON bytes): the status and the answer's bytes, or the
/// transport error (refused, reset, cut, timed out).
pub async fn post_bytes(http: &Http, base: &str, path: &str, token: Option<&str>, body: Vec<u8>) -> Result<(u16, Vec<u8>), String> {
    let mut request = http.post(format!("{base}{path}")).header("content-type", "application/json").body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    Ok((status, bytes.to_vec()))
}

/// [`post_bytes`] with a JSON value each way.
pub async fn post_json(http: &Http, base: &str, path: &str, token: Option<&str>, body: &Value) -> Result<(u16, Value), String> {
    let (status, bytes) = post_bytes(http, base, path, token, serde_json::to_vec(body).expect("JSON")).await?;
    Ok((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
}

/// GETs `path`: the status and the answer's bytes, or the transport error.
pub async fn get_bytes(http: &Http, base: &str, path: &str, token: &str) -> Result<(u16, Vec<u8>), String> {
    let response = http.get(format!("{base}{path}")).bearer_auth(token).send().await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    Ok((status, bytes.to_vec()))
}

/// GETs a JSON document.
pub async fn get_json<T: serde::de::DeserializeOwned>(http: &Http, base: &str, path: &str, token: &str) -> Result<T, String> {
    let (status, bytes) = get_bytes(http, base, path, token).await?;
    if status != 200 {
        return Err(format!("GET {path}: HTTP {status} {}", String::from_utf8_lossy(&bytes)));
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("GET {path}: {e}"))
}
