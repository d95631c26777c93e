//! Staged pages worked out while the pull goes on: once a page is stored
//! (durably, as before), a thread of the replica parses it and works out
//! what its changes will store — a ticket's columns, digest and search
//! text — while the sync client waits for the next page. The checkpoint
//! then only writes.
//!
//! Nothing here is durable and nothing here decides: the checkpoint lists
//! the staged pages from the database as always and takes a page's
//! prepared changes only when the page is the one this replica stored (its
//! id and the random stamp stored with it); any other page (another
//! process staged it, the replica was reopened, enough was already
//! waiting) is read and worked out at the checkpoint as before. A process
//! killed mid-pull loses only this work.

use crate::prepared::{prepare_page, Prepared};
use crate::Result;
use std::sync::mpsc;
use std::sync::Arc;

/// Page text handed to the thread and not yet taken by a checkpoint, at
/// most: beyond it, pages are worked out at the checkpoint (the prepared
/// changes of a page take about twice its size in memory).
const AHEAD_BYTES: usize = 64 << 20;

/// What a page's changes are worked out into.
pub(crate) type Changes = Result<Vec<Prepared<'static>>>;
/// A page for the thread, and where its changes go.
type Job = (Arc<str>, mpsc::SyncSender<Changes>);

/// A staged page handed to the preparing thread.
struct Handed {
    id: i64,
    stamp: i64,
    page: Arc<str>,
    prepared: mpsc::Receiver<Changes>,
}

/// The preparing thread and the pages handed to it, oldest first.
#[derive(Default)]
pub(crate) struct Ahead {
    jobs: Option<mpsc::Sender<Job>>,
    handed: Vec<Handed>,
    bytes: usize,
}

/// The pages handed before a checkpoint.
pub(crate) struct Taken {
    pages: Vec<Handed>,
}

impl Ahead {
    /// Hands the page stored as (`id`, `stamp`) to the preparing thread
    /// (started on first use), unless enough is already waiting.
    pub(crate) fn hand(&mut self, id: i64, stamp: i64, page: &str) {
        if self.bytes + page.len() > AHEAD_BYTES {
            return;
        }
        if self.jobs.is_none() {
            self.jobs = start_thread();
        }
        let Some(jobs) = &self.jobs else { return };
        let page: Arc<str> = Arc::from(page);
        let (done, prepared) = mpsc::sync_channel(1);
        if jobs.send((page.clone(), done)).is_err() {
            // The thread is gone (it panicked): the checkpoint works the
            // page out itself, and a new thread takes the next one.
            self.jobs = None;
            return;
        }
        self.bytes += page.len();
        self.handed.push(Handed { id, stamp, page, prepared });
    }

    /// Everything handed so far, for one checkpoint; the list starts empty
    /// again.
    pub(crate) fn take(&mut self) -> Taken {
        self.bytes = 0;
        Taken {
            pages: std::mem::take(&mut self.handed),
        }
    }
}

impl Taken {
    /// The text of the staged page (`id`, `stamp`) and where its changes
    /// come (or came) from, if this replica handed it over.
    pub(crate) fn page(&mut self, id: i64, stamp: Option<i64>) -> Option<(Arc<str>, mpsc::Receiver<Changes>)> {
        let at = self.pages.iter().position(|h| h.id == id && Some(h.stamp) == stamp)?;
        let handed = self.pages.swap_remove(at);
        Some((handed.page, handed.prepared))
    }
}

/// The preparing thread; `None` when the system gives no thread (the
/// checkpoint then works every page out itself).
fn start_thread() -> Option<mpsc::Sender<Job>> {
    let (jobs, next) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("replica-prepare".into())
        .spawn(move || {
            for (page, done) in next {
                let prepared = prepare_page(&page).map(|changes| changes.into_iter().map(Prepared::into_owned).collect());
                let _ = done.send(prepared);
            }
        })
        .ok()?;
    Some(jobs)
}
