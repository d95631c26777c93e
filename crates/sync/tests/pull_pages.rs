//! A pull of many pages against a real server over loopback HTTP and a
//! real replica file: a page is stored while the next one is requested,
//! and a round cut short (its future dropped) leaves the pages that came
//! stored, and the next round resumes after them.

mod common;

use common::*;
use helpdesk_protocol::{LoginResponse, PullRequest, PushRequest, PushResponse};
use helpdesk_replica::Queue;
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{Transport, TransportError};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Pages of about one ticket; the pull numbered `stall_at` (from 1) never
/// answers; every request's cursors are kept.
struct SmallPages {
    http: HttpTransport,
    pulls: AtomicUsize,
    stall_at: Option<usize>,
    requested: Mutex<Vec<BTreeMap<String, u64>>>,
    answered: Mutex<Vec<BTreeMap<String, u64>>>,
}

impl SmallPages {
    fn new(http: HttpTransport, stall_at: Option<usize>) -> SmallPages {
        SmallPages {
            http,
            pulls: AtomicUsize::new(0),
            stall_at,
            requested: Mutex::new(Vec::new()),
            answered: Mutex::new(Vec::new()),
        }
    }
}

impl Transport for SmallPages {
    async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, TransportError> {
        self.http.login(username, password).await
    }
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        self.http.push(request).await
    }
    async fn pull(&self, request: &PullRequest) -> Result<String, TransportError> {
        let n = self.pulls.fetch_add(1, Ordering::SeqCst) + 1;
        self.requested.lock().unwrap().push(request.buckets.clone());
        if Some(n) == self.stall_at {
            std::future::pending::<()>().await;
        }
        let mut small = request.clone();
        small.max_bytes = Some(1);
        let page = self.http.pull(&small).await?;
        let cursors: serde_json::Value = serde_json::from_str(&page).unwrap();
        self.answered.lock().unwrap().push(serde_json::from_value(cursors["cursors"].clone()).unwrap());
        Ok(page)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_round_cut_short_leaves_its_pages_stored_and_the_next_resumes_after_them() {
    let server = server().await;
    for _ in 0..6 {
        register_ticket(&server, "ana").await;
    }
    let laptop = tempfile::tempdir().unwrap();
    let cut = client(SmallPages::new(HttpTransport::new(&server.url, None).unwrap(), Some(4)), "ana", &laptop).await;
    let round = tokio::time::timeout(Duration::from_secs(5), cut.round(chrono::Utc::now)).await;
    assert!(round.is_err(), "the fourth page never comes: the round is cut short");
    let answered = cut.transport.answered.lock().unwrap().clone();
    assert_eq!(answered.len(), 3, "three pages came before the cut");

    // The next round asks from the cursors of the last page that came, and
    // ends with every ticket.
    let report = cut.round(chrono::Utc::now).await.unwrap();
    let requested = cut.transport.requested.lock().unwrap().clone();
    assert_eq!(requested[4], answered[2], "resumed after the pages already stored");
    assert!(report.pages >= 3, "{report:?}");
    assert_eq!(cut.replica().lock().unwrap().queue(Queue::Recent).unwrap().len(), 6);
}
