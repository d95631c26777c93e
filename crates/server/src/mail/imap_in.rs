//! Polls an IMAP mailbox for mail into tickets (issue 15 §3): every
//! period one replica (the `imap-in` lease) signs in, reads the messages
//! after the last UID taken in (the position lives in the database, with
//! the mailbox's UIDVALIDITY) and hands each to `App::take_in_mail`, which
//! takes it in and advances the position in one transaction. Messages
//! stay in the mailbox; nothing is deleted or flagged.

use crate::app::App;
use crate::store::{self, inbox};
use futures_util::TryStreamExt;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};

/// Where to read mail: `imap://USER:PASSWORD@HOST:PORT/MAILBOX` (plain,
/// for a server on the same host) or `imaps://…` (TLS from the start,
/// the web PKI's roots); the mailbox defaults to INBOX.
#[derive(Clone, PartialEq, Eq)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub tls: bool,
    pub user: String,
    pub password: String,
    pub mailbox: String,
}

impl std::fmt::Debug for ImapSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.key())
    }
}

impl ImapSettings {
    pub fn parse(text: &str) -> Result<ImapSettings, String> {
        let hint = "write it as imap://USER:PASSWORD@HOST:143/INBOX or imaps://USER:PASSWORD@HOST:993/INBOX";
        let url = url::Url::parse(text.trim()).map_err(|e| format!("the IMAP URL cannot be read ({e}); {hint}"))?;
        let tls = match url.scheme() {
            "imap" => false,
            "imaps" => true,
            other => return Err(format!("the IMAP URL's scheme is `{other}`; {hint}")),
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| format!("the IMAP URL names no host; {hint}"))?;
        let decode = |s: &str| percent_decode(s);
        let user = decode(url.username());
        let password = decode(url.password().unwrap_or_default());
        if user.is_empty() {
            return Err(format!("the IMAP URL names no user; {hint}"));
        }
        let mailbox = decode(url.path().trim_start_matches('/'));
        Ok(ImapSettings {
            host: host.trim_start_matches('[').trim_end_matches(']').to_string(),
            port: url.port().unwrap_or(if tls { 993 } else { 143 }),
            tls,
            user,
            password,
            mailbox: if mailbox.is_empty() { "INBOX".into() } else { mailbox },
        })
    }

    /// The mailbox's name in the database: user, server and folder (no password).
    pub fn key(&self) -> String {
        format!("{}@{}:{}/{}", self.user, self.host, self.port, self.mailbox)
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What one poll did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Messages read from the server.
    pub read: usize,
    /// Of those, taken in now (the rest were taken in before).
    pub taken_in: usize,
}

/// Reads the new messages of the mailbox and takes each in.
pub async fn poll_once(app: &Arc<App>, settings: &ImapSettings) -> Result<PollReport, String> {
    let tcp = tokio::net::TcpStream::connect((settings.host.as_str(), settings.port))
        .await
        .map_err(|e| format!("cannot reach the IMAP server {}:{}: {e}", settings.host, settings.port))?;
    if settings.tls {
        let mut roots = tokio_rustls::rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(Arc::new(tokio_rustls::rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS: {e}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let name = tokio_rustls::rustls::pki_types::ServerName::try_from(settings.host.clone()).map_err(|e| format!("TLS: {e}"))?;
        let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|e| format!("TLS with the IMAP server {}: {e}", settings.host))?;
        read_mailbox(app, settings, stream).await
    } else {
        read_mailbox(app, settings, tcp).await
    }
}

async fn read_mailbox<T>(app: &Arc<App>, settings: &ImapSettings, stream: T) -> Result<PollReport, String>
where
    T: AsyncRead + AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    let imap = |e: async_imap::error::Error| format!("IMAP: {e}");
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await
        .map_err(|e| format!("IMAP: {e}"))?
        .ok_or("the IMAP server closed the connection before its greeting")?;
    let mut session = client
        .login(&settings.user, &settings.password)
        .await
        .map_err(|(e, _)| format!("the IMAP server refused the sign-in of {}: {e}", settings.user))?;
    let mailbox = session.select(&settings.mailbox).await.map_err(imap)?;
    let validity = mailbox.uid_validity.ok_or("the IMAP server gave the mailbox no UIDVALIDITY")?;
    let key = settings.key();
    let position = app.store.read(|c| inbox::position(c, &key)).map_err(|e| e.to_string())?;
    let first = match position {
        Some((v, last)) if v == validity => last.saturating_add(1),
        _ => 1,
    };
    let mut report = PollReport::default();
    if mailbox.exists > 0 {
        let mut messages: Vec<(u32, Vec<u8>)> = session
            .uid_fetch(format!("{first}:*"), "(UID BODY.PEEK[])")
            .await
            .map_err(imap)?
            .map_err(imap)
            .try_filter_map(|fetch| async move {
                Ok(fetch
                    .uid
                    .filter(|uid| *uid >= first)
                    .map(|uid| (uid, fetch.body().unwrap_or_default().to_vec())))
            })
            .try_collect()
            .await?;
        messages.sort_by_key(|(uid, _)| *uid);
        for (uid, raw) in messages {
            report.read += 1;
            let (app, key) = (app.clone(), key.clone());
            let taken = tokio::task::spawn_blocking(move || app.take_in_mail(&key, validity, uid, &raw))
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("message {uid}: {e}"))?;
            if let Some(t) = taken {
                report.taken_in += 1;
                tracing::info!(uid, outcome = t.outcome, ticket = ?t.ticket_number, detail = ?t.detail, "e-mail taken in");
            }
        }
    }
    let _ = session.logout().await;
    Ok(report)
}

/// Starts polling every `period`, on the replica that holds the lease.
pub fn spawn(app: Arc<App>, settings: ImapSettings, period: Duration) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("mail intake not started: no tokio runtime");
        return;
    };
    let holder = crate::app::auth::new_id("imap-");
    handle.spawn(async move {
        let mut ticker = tokio::time::interval(period);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let now = app.now();
            let until = now + chrono::Duration::from_std((period * 3).max(Duration::from_secs(300))).unwrap_or_default();
            let lease = {
                let (app, holder) = (app.clone(), holder.clone());
                tokio::task::spawn_blocking(move || app.store.write(|tx| store::take_lease(tx, "imap-in", &holder, now, until))).await
            };
            match lease {
                Ok(Ok(true)) => {}
                Ok(Ok(false)) => continue,
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "mail intake: the lease cannot be taken");
                    continue;
                }
                Err(e) => {
                    tracing::error!(error = %e, "mail intake: the lease cannot be taken");
                    continue;
                }
            }
            match poll_once(&app, &settings).await {
                Ok(report) if report.taken_in > 0 => tracing::info!(read = report.read, taken_in = report.taken_in, "mail intake"),
                Ok(_) => {}
                Err(e) => tracing::warn!(mailbox = %settings.key(), error = %e, "mail intake: the mailbox cannot be read; trying again next period"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imap_urls_are_read_with_their_defaults() {
        let s = ImapSettings::parse("imap://desk:p%40ss@127.0.0.1:1143/INBOX").unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.tls, s.user.as_str(), s.password.as_str(), s.mailbox.as_str()),
            ("127.0.0.1", 1143, false, "desk", "p@ss", "INBOX")
        );
        let s = ImapSettings::parse("imaps://desk:x@mail.example").unwrap();
        assert_eq!((s.port, s.tls, s.mailbox.as_str()), (993, true, "INBOX"));
        assert!(!format!("{s:?}").contains(":x@"), "the password is never shown");
        assert!(ImapSettings::parse("http://desk:x@mail.example").is_err());
        assert!(ImapSettings::parse("imap://mail.example").is_err());
    }
}
