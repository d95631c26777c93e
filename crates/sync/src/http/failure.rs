//! What a failed HTTP exchange means to the user: a typed [`Unreachable`]
//! (what failed — no connection, no answer in time, a cut connection, a
//! certificate — and where), never the HTTP library's chain of internal
//! errors; the front ends word it in the user's language, its `Display` is
//! the English sentence for logs. The chain goes to the log at debug level.

use std::error::Error as _;
use std::time::Duration;

/// How long to wait for a connection to open.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long to wait for the next bytes of an answer (its head included):
/// a server that accepts the connection and never answers is given up on
/// after this long, whatever the size of the answer it would have sent.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a whole exchange may take (a big first pull page).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// How long an open connection is kept for the next exchange: below the
/// server's 30 s after which it closes a connection that sends nothing,
/// so a sync every 30 s never sends on a connection being closed.
pub const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(20);

/// The kinds of failure a user can tell apart and act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Nothing listens at the address (connection refused).
    Refused,
    /// The server's name is not known (DNS).
    UnknownHost,
    /// The connection did not open in time.
    ConnectTimeout,
    /// Connected, but no answer came in time.
    NoAnswer,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// The connection was cut while the answer was coming.
    Cut,
    /// Anything else on the way.
    Other,
}

impl FailureKind {
    /// The kind's name, as front ends look its sentence up.
    pub fn code(self) -> &'static str {
        match self {
            FailureKind::Refused => "refused",
            FailureKind::UnknownHost => "unknown_host",
            FailureKind::ConnectTimeout => "connect_timeout",
            FailureKind::NoAnswer => "no_answer",
            FailureKind::Tls => "tls",
            FailureKind::Cut => "cut",
            FailureKind::Other => "other",
        }
    }

    /// The wait the failure ran out of, in seconds (for a timeout).
    pub fn seconds(self) -> Option<u64> {
        match self {
            FailureKind::ConnectTimeout => Some(CONNECT_TIMEOUT.as_secs()),
            FailureKind::NoAnswer => Some(READ_TIMEOUT.as_secs()),
            _ => None,
        }
    }
}

/// The server could not be reached or did not answer: what failed, and the
/// server's `host:port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    pub kind: FailureKind,
    pub host: String,
}

impl Unreachable {
    pub fn new(kind: FailureKind, server: &str) -> Unreachable {
        Unreachable {
            kind,
            host: host_of(server).to_string(),
        }
    }

    /// What `e` on the way to `server` was; the full chain is logged.
    pub fn of(e: &reqwest::Error, server: &str) -> Unreachable {
        tracing::debug!(error = %chain(e), "http exchange failed");
        Unreachable::new(kind_of(e), server)
    }
}

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&describe_kind(self.kind, &self.host))
    }
}

/// The kind of `e`, from reqwest's flags and the underlying I/O error.
pub fn kind_of(e: &reqwest::Error) -> FailureKind {
    let chain = chain(e).to_lowercase();
    let io_kind = io_kind(e);
    if e.is_timeout() || io_kind == Some(std::io::ErrorKind::TimedOut) {
        return if e.is_connect() { FailureKind::ConnectTimeout } else { FailureKind::NoAnswer };
    }
    if io_kind == Some(std::io::ErrorKind::ConnectionRefused) || chain.contains("connection refused") {
        return FailureKind::Refused;
    }
    if chain.contains("dns error") || chain.contains("failed to lookup address") || chain.contains("name or service not known") {
        return FailureKind::UnknownHost;
    }
    if chain.contains("certificate") || chain.contains("tls") || chain.contains("handshake") {
        return FailureKind::Tls;
    }
    if matches!(
        io_kind,
        Some(std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::BrokenPipe)
    ) || e.is_body()
        || e.is_decode()
        || chain.contains("connection closed")
        || chain.contains("incomplete message")
        || chain.contains("connection reset")
    {
        return FailureKind::Cut;
    }
    FailureKind::Other
}

/// The English sentence of a [`FailureKind`] (logs, `Display`).
pub fn describe_kind(kind: FailureKind, server: &str) -> String {
    let host = host_of(server);
    match kind {
        FailureKind::Refused => format!("nothing answers at {host} (connection refused): check the server's address, or that it is running"),
        FailureKind::UnknownHost => format!("the name {host} cannot be resolved: check the address and the network"),
        FailureKind::ConnectTimeout => format!("no connection to {host} within {} s: check the network (VPN, proxy)", CONNECT_TIMEOUT.as_secs()),
        FailureKind::NoAnswer => format!(
            "{host} accepted the connection but did not answer within {} s: the server is overloaded or stuck",
            READ_TIMEOUT.as_secs()
        ),
        FailureKind::Tls => format!("the secure connection to {host} failed: check the server's certificate and the address's scheme"),
        FailureKind::Cut => format!("the connection to {host} was cut before the answer came"),
        FailureKind::Other => format!("the exchange with {host} failed"),
    }
}

/// `host:port` of an address such as `https://desk.example:8443/`.
pub fn host_of(server: &str) -> &str {
    let rest = server.split_once("://").map_or(server, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

fn chain(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn io_kind(e: &reqwest::Error) -> Option<std::io::ErrorKind> {
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = s.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_name_the_host_not_the_library() {
        let text = describe_kind(FailureKind::Refused, "http://127.0.0.1:8080/");
        assert_eq!(
            text,
            "nothing answers at 127.0.0.1:8080 (connection refused): check the server's address, or that it is running"
        );
        assert!(describe_kind(FailureKind::NoAnswer, "https://desk.example").contains("desk.example accepted the connection"));
        for kind in [
            FailureKind::Refused,
            FailureKind::UnknownHost,
            FailureKind::ConnectTimeout,
            FailureKind::NoAnswer,
            FailureKind::Tls,
            FailureKind::Cut,
            FailureKind::Other,
        ] {
            let text = describe_kind(kind, "http://h:1");
            assert!(!text.contains("reqwest") && !text.contains("hyper") && !text.contains("os error"), "{text}");
        }
    }
}
