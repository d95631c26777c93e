//! Tickets as pulls serve them, kept by version in this server process.
//!
//! A change to a ticket is pulled by every analyst of its group, and a
//! long ticket's comments and events are most of what a pull reads: so the
//! latest body read of each ticket is kept, and a pull reads only the
//! versions of the tickets it serves, and the bodies of those whose
//! version is not kept. One version's body never changes (see
//! [`TicketBody`]), so a kept body is never stale, on one server or on
//! several sharing a database: a newer version is read and replaces it.
//! What is kept is bounded in bytes; the oldest kept go first.

use crate::store::changes::TicketBody;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// How many bytes of ticket bodies a server keeps.
pub const KEPT_BYTES: usize = 32 << 20;

pub struct TicketBodies {
    kept: Mutex<Kept>,
    budget: usize,
}

#[derive(Default)]
struct Kept {
    by_id: HashMap<String, Arc<TicketBody>>,
    /// Ids with the version kept, oldest first; an entry whose version is
    /// no longer the kept one is left to be skipped.
    order: VecDeque<(String, u64)>,
    bytes: usize,
}

impl TicketBodies {
    pub fn new(budget: usize) -> TicketBodies {
        TicketBodies {
            kept: Mutex::new(Kept::default()),
            budget,
        }
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The kept bodies of the given tickets (held by the caller from now
    /// on, whatever is kept later).
    pub fn of(&self, ids: &[&str]) -> HashMap<String, Arc<TicketBody>> {
        let kept = self.kept();
        ids.iter()
            .filter_map(|id| kept.by_id.get(*id).map(|body| (id.to_string(), body.clone())))
            .collect()
    }

    /// Keeps `body` as the ticket's, unless a newer version is kept.
    pub fn keep(&self, id: &str, body: Arc<TicketBody>) {
        let size = body.size() + id.len();
        if size > self.budget {
            return;
        }
        let mut kept = self.kept();
        let version = body.version;
        match kept.by_id.get(id) {
            Some(old) if old.version >= version => return,
            Some(old) => {
                let old_size = old.size() + id.len();
                kept.bytes -= old_size;
            }
            None => {}
        }
        kept.by_id.insert(id.to_string(), body);
        kept.order.push_back((id.to_string(), version));
        kept.bytes += size;
        while kept.bytes > self.budget {
            let Some((oldest, version)) = kept.order.pop_front() else { break };
            if kept.by_id.get(&oldest).is_some_and(|b| b.version == version) {
                let gone = kept.by_id.remove(&oldest).expect("just seen");
                kept.bytes -= gone.size() + oldest.len();
            }
        }
        if kept.order.len() > 2 * kept.by_id.len() + 64 {
            let Kept { by_id, order, .. } = &mut *kept;
            order.retain(|(id, version)| by_id.get(id).is_some_and(|b| b.version == *version));
        }
    }

    /// How many bytes are kept, and of how many tickets.
    pub fn held(&self) -> (usize, usize) {
        let kept = self.kept();
        (kept.bytes, kept.by_id.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(version: u64, doc: &str) -> Arc<TicketBody> {
        Arc::new(TicketBody {
            version,
            doc: doc.to_string(),
            policy: "p".into(),
            events: String::new(),
        })
    }

    #[test]
    fn a_newer_version_replaces_the_kept_one_and_an_older_never_does() {
        let kept = TicketBodies::new(1 << 20);
        kept.keep("t1", body(3, "three"));
        kept.keep("t1", body(2, "two"));
        assert_eq!(kept.of(&["t1"])["t1"].doc, "three");
        kept.keep("t1", body(4, "four"));
        assert_eq!(kept.of(&["t1"])["t1"].doc, "four");
        assert_eq!(kept.held(), ("four".len() + 1 + 2, 1));
        assert!(kept.of(&["t2"]).is_empty());
    }

    #[test]
    fn the_oldest_kept_go_first_when_the_bytes_run_out() {
        // Each body: 10 bytes of document, 1 of policy, 2 of id.
        let kept = TicketBodies::new(13 * 3);
        for id in ["a1", "a2", "a3", "a4"] {
            kept.keep(id, body(1, "0123456789"));
        }
        assert_eq!(kept.held(), (39, 3));
        assert!(kept.of(&["a1"]).is_empty(), "the first kept went first");
        kept.keep("a2", body(2, "0123456789"));
        kept.keep("a5", body(1, "0123456789"));
        let left: Vec<String> = {
            let mut ids: Vec<String> = kept.of(&["a1", "a2", "a3", "a4", "a5"]).into_keys().collect();
            ids.sort();
            ids
        };
        assert_eq!(left, ["a2", "a4", "a5"], "a2 kept again counts as new");
    }

    #[test]
    fn a_body_held_by_a_pull_outlives_its_replacement() {
        let kept = TicketBodies::new(1 << 20);
        kept.keep("t1", body(1, "one"));
        let held = kept.of(&["t1"]);
        kept.keep("t1", body(2, "two"));
        assert_eq!(held["t1"].doc, "one");
    }

    #[test]
    fn a_body_larger_than_everything_kept_is_not_kept() {
        let kept = TicketBodies::new(8);
        kept.keep("t1", body(1, "a document too long"));
        assert_eq!(kept.held(), (0, 0));
    }
}
