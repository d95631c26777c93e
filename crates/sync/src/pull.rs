//! The pull of a round: every bucket, page by page, to the end. Pages are
//! stored (durably, with their cursors) in their order by one blocking
//! thread of the round, fed through a queue of two pages: the next page is
//! requested as soon as a page has come, so the server builds and sends
//! pages while the replica writes the ones before them; the pages waiting
//! when the replica is done with the ones before are stored together, and
//! at most five pages are in hand (two being stored, two waiting, one
//! coming). A round cut short (its future dropped) leaves the pages that
//! came to be stored before the next round reads where to resume; a pull
//! cut anywhere resumes from the last stored page's cursors.

use crate::{lock, PageHead, RoundReport, SyncClient, SyncError, Transport, TransportError, PAGE_BYTES};
use chrono::{DateTime, Utc};
use helpdesk_protocol::{PullRequest, SCHEMA_VERSION};
use helpdesk_replica::{Replica, ReplicaError};
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// The round's storing of pages, to its last page.
pub(crate) type Storing = tokio::task::JoinHandle<Result<(), ReplicaError>>;

/// A page as it came, with the cursors it brought and whether more follow.
type Page = (String, BTreeMap<String, u64>, bool);

/// Pages waiting to be stored, at most.
const WAITING_PAGES: usize = 2;

/// Stores the pages sent to it, in their order, until the sender is gone
/// (after it has stored what was sent) or a page cannot be stored. Pages
/// that came while the ones before them were stored are stored together.
fn start_storing(replica: Arc<Mutex<Replica>>) -> (mpsc::Sender<Page>, Storing) {
    let (pages, mut incoming) = mpsc::channel::<Page>(WAITING_PAGES);
    let storing = tokio::task::spawn_blocking(move || {
        while let Some(page) = incoming.blocking_recv() {
            let mut waiting = vec![page];
            while waiting.len() < WAITING_PAGES {
                let Ok(page) = incoming.try_recv() else { break };
                waiting.push(page);
            }
            lock(&replica).store_pages_with_cursors(&waiting)?;
        }
        Ok(())
    });
    (pages, storing)
}

impl<T: Transport> SyncClient<T> {
    pub(crate) async fn pull_all(&self, client_id: &str, report: &mut RoundReport, now: &impl Fn() -> DateTime<Utc>) -> Result<(), SyncError> {
        if let Err(e) = self.finish_storing().await {
            tracing::warn!(error = %e, "sync: the last pages of a round cut short were not stored; they are pulled again");
        }
        let mut buckets: BTreeMap<String, u64> = lock(&self.replica).cursors()?;
        let (pages, storing) = start_storing(self.replica.clone());
        *self.storing.lock().await = Some(storing);
        loop {
            let request = PullRequest {
                client_id: client_id.to_string(),
                schema_version: SCHEMA_VERSION,
                buckets: std::mem::take(&mut buckets),
                max_bytes: Some(PAGE_BYTES),
                deltas: self.server_sends_deltas.load(Ordering::Relaxed),
            };
            let page = match self.transport.pull(&request).await {
                Ok(raw) => Self::read_head(raw),
                Err(e) => Err(e),
            };
            let (raw, head) = match page {
                Ok(page) => page,
                Err(e) => {
                    // The pages before this one are stored first.
                    drop(pages);
                    self.finish_storing().await?;
                    return Err(e.into());
                }
            };
            {
                let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
                status.clock_skew_seconds = Some((head.server_time - now()).num_seconds());
            }
            self.server_sends_deltas.store(head.deltas, Ordering::Relaxed);
            report.pages += 1;
            report.changes += head.changes.0;
            let (cursors, has_more) = (head.cursors, head.has_more);
            buckets = cursors.clone();
            if pages.send((raw, cursors, has_more)).await.is_err() || !has_more {
                // Sent the last page, or the storing stopped on an error,
                // which finishing it returns.
                drop(pages);
                return self.finish_storing().await;
            }
        }
    }

    /// Fetches whole the tickets whose pulled delta did not fit the copy
    /// held; one the server no longer shows the user is no longer wanted.
    pub(crate) async fn fetch_wanted_tickets(&self) -> Result<(), SyncError> {
        let wanted = lock(&self.replica).wanted_tickets()?;
        for id in wanted {
            match self.transport.ticket(&id).await {
                Ok(view) => lock(&self.replica).store_fetched_ticket(&view)?,
                Err(TransportError::Refused { status: 403 | 404, .. }) => lock(&self.replica).forget_wanted_ticket(&id)?,
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    fn read_head(raw: String) -> Result<(String, PageHead), TransportError> {
        if let Some(head) = read_tail(&raw) {
            return Ok((raw, head));
        }
        let head: PageHead = serde_json::from_str(&raw).map_err(|e| TransportError::ServerError {
            status: 200,
            message: format!("unreadable page: {e}"),
        })?;
        Ok((raw, head))
    }

    /// Waits until the pages sent to be stored (if any) are stored. They
    /// stay in hand while this waits, so a round cut short here leaves them
    /// to the next one.
    async fn finish_storing(&self) -> Result<(), SyncError> {
        let mut storing = self.storing.lock().await;
        let Some(store) = storing.as_mut() else { return Ok(()) };
        let joined = store.await;
        *storing = None;
        match joined {
            Ok(stored) => Ok(stored?),
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(_) => Err(TransportError::ServerError {
                    status: 0,
                    message: "the sync stopped while a page was being stored; the next sync resumes the pull".into(),
                }
                .into()),
            },
        }
    }
}

/// What follows a page's `changes` as this server writes it (the cursors
/// first, then the rest with `change_count`), read without reading the
/// changes: they are most of the page's megabytes. `],"cursors":` cannot
/// occur inside a JSON string (its quote would be escaped), and its last
/// occurrence is the page's own. `None` when the page is not so written
/// (a server older than `change_count`): it is then read whole.
fn read_tail(raw: &str) -> Option<PageHead> {
    #[derive(serde::Deserialize)]
    struct Tail {
        has_more: bool,
        server_time: DateTime<Utc>,
        cursors: BTreeMap<String, u64>,
        #[serde(default)]
        deltas: bool,
        change_count: usize,
    }
    const TAIL_START: &str = "],\"cursors\":";
    let at = raw.rfind(TAIL_START)?;
    let tail: Tail = serde_json::from_str(&format!("{{{}", &raw[at + 2..])).ok()?;
    Some(PageHead {
        has_more: tail.has_more,
        server_time: tail.server_time,
        changes: crate::Count(tail.change_count),
        cursors: tail.cursors,
        deltas: tail.deltas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(raw: &str) -> PageHead {
        serde_json::from_str(raw).unwrap()
    }

    fn same(a: &PageHead, b: &PageHead) -> bool {
        (a.has_more, a.server_time, a.changes.0, &a.cursors, a.deltas) == (b.has_more, b.server_time, b.changes.0, &b.cursors, b.deltas)
    }

    #[test]
    fn a_page_s_tail_reads_as_the_whole_page_does_whatever_its_changes_say() {
        // A comment that quotes the very text the tail starts with.
        let raw = r#"{"changes":[{"bucket":"group:g1","seq":7,"kind":"ticket","ticket":{"comments":[{"text":"],\"cursors\":{\"group:g1\":99}}"}]}},{"bucket":"kb","seq":8,"kind":"remove_article","id":"a1"}],"cursors":{"group:g1":7,"kb":8},"has_more":true,"client_last_seq":3,"server_time":"2026-12-06T10:00:00Z","deltas":true,"change_count":2}"#;
        let tail = read_tail(raw).expect("a tail with its change count");
        assert!(same(&tail, &whole(raw)));
        assert_eq!(tail.cursors["group:g1"], 7);
        assert_eq!(tail.changes.0, 2);
    }

    #[test]
    fn a_page_without_its_change_count_or_written_otherwise_is_read_whole() {
        let older = r#"{"changes":[],"cursors":{"kb":1},"has_more":false,"client_last_seq":0,"server_time":"2026-12-06T10:00:00Z"}"#;
        assert!(read_tail(older).is_none());
        let reordered = r#"{"cursors":{"kb":1},"has_more":false,"client_last_seq":0,"server_time":"2026-12-06T10:00:00Z","change_count":0,"changes":[]}"#;
        assert!(read_tail(reordered).is_none());
        for raw in [older, reordered] {
            let (_, head) = SyncClient::<crate::http::HttpTransport>::read_head(raw.to_string()).unwrap();
            assert!(same(&head, &whole(raw)));
        }
    }
}
