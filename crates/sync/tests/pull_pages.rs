//! A pull of many pages against a real server over loopback HTTP and a
//! real replica file: a page is stored while the next one is requested,
//! a round cut short (its future dropped) leaves the pages that came
//! stored, and the next round resumes after them; two rounds asked for at
//! once run one after the other.

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
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

impl SmallPages {
    fn new(http: HttpTransport, stall_at: Option<usize>) -> SmallPages {
        SmallPages {
            http,
            pulls: AtomicUsize::new(0),
            stall_at,
            requested: Mutex::new(Vec::new()),
            answered: Mutex::new(Vec::new()),
            in_flight: AtomicUsize::new(0),
            most_in_flight: AtomicUsize::new(0),
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
    async fn ticket(&self, id: &str) -> Result<String, TransportError> {
        self.http.ticket(id).await
    }
    async fn pull(&self, request: &PullRequest) -> Result<String, TransportError> {
        let n = self.pulls.fetch_add(1, Ordering::SeqCst) + 1;
        self.requested.lock().unwrap().push(request.buckets.clone());
        if Some(n) == self.stall_at {
            std::future::pending::<()>().await;
        }
        let mut small = request.clone();
        small.max_bytes = Some(1);
        let now_in_flight = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_in_flight.fetch_max(now_in_flight, Ordering::SeqCst);
        // A slow network: long enough for another round's pull to overlap.
        tokio::time::sleep(Duration::from_millis(20)).await;
        let page = self.http.pull(&small).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        let page = page?;
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

#[tokio::test(flavor = "multi_thread")]
async fn two_rounds_asked_for_at_once_run_one_after_the_other() {
    let server = server().await;
    for _ in 0..6 {
        register_ticket(&server, "ana").await;
    }
    let laptop = tempfile::tempdir().unwrap();
    let sync = client(SmallPages::new(HttpTransport::new(&server.url, None).unwrap(), None), "ana", &laptop).await;
    // The background round and the app's "sync now", together.
    let (first, second) = tokio::join!(sync.round(chrono::Utc::now), sync.round(chrono::Utc::now));
    first.unwrap();
    second.unwrap();
    assert_eq!(sync.transport.most_in_flight.load(Ordering::SeqCst), 1, "two pulls at once");
    assert_eq!(sync.replica().lock().unwrap().queue(Queue::Recent).unwrap().len(), 6);
}
