//! The pull of a round: every bucket, page by page, to the end. Each page
//! is stored (durably, with its cursors) on a blocking thread while the
//! next one is requested with the cursors it brought, so the server builds
//! and sends page N+1 while the replica writes page N. Pages are stored in
//! their order: page N+1 is stored only after page N, and a round that is
//! cut short (its future dropped) leaves its last page to be stored before
//! the next round reads where to resume. A pull cut anywhere resumes from
//! the last stored page's cursors.

use crate::{lock, PageHead, RoundReport, SyncClient, SyncError, Transport, TransportError, PAGE_BYTES};
use chrono::{DateTime, Utc};
use helpdesk_protocol::{PullRequest, SCHEMA_VERSION};
use helpdesk_replica::ReplicaError;
use std::collections::BTreeMap;

/// A page being stored.
pub(crate) type Storing = tokio::task::JoinHandle<Result<(), ReplicaError>>;

impl<T: Transport> SyncClient<T> {
    pub(crate) async fn pull_all(&self, client_id: &str, report: &mut RoundReport, now: &impl Fn() -> DateTime<Utc>) -> Result<(), SyncError> {
        if let Err(e) = self.finish_storing().await {
            tracing::warn!(error = %e, "sync: the last page of a round cut short was not stored; it is pulled again");
        }
        let mut buckets: BTreeMap<String, u64> = lock(&self.replica).cursors()?;
        loop {
            let request = PullRequest {
                client_id: client_id.to_string(),
                schema_version: SCHEMA_VERSION,
                buckets: std::mem::take(&mut buckets),
                max_bytes: Some(PAGE_BYTES),
            };
            let pulled = self.transport.pull(&request).await;
            // The page before this one is stored first, also when this one
            // did not come.
            self.finish_storing().await?;
            let raw = pulled?;
            let local = now();
            let page: PageHead = serde_json::from_str(&raw).map_err(|e| TransportError::ServerError {
                status: 200,
                message: format!("unreadable page: {e}"),
            })?;
            {
                let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
                status.clock_skew_seconds = Some((page.server_time - local).num_seconds());
            }
            report.pages += 1;
            report.changes += page.changes.0;
            let (cursors, has_more) = (page.cursors, page.has_more);
            buckets = cursors.clone();
            let replica = self.replica.clone();
            let store = tokio::task::spawn_blocking(move || lock(&replica).store_page_with_cursors(&raw, &cursors, has_more));
            *self.storing.lock().await = Some(store);
            if !has_more {
                return self.finish_storing().await;
            }
        }
    }

    /// Waits until the page being stored (if any) is stored. The page stays
    /// in hand while this waits, so a round cut short here leaves it to the
    /// next one.
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
