//! The notifier's ledger for one scan: each notification fires once, also
//! across restarts. What has fired is read from the replica as the scan
//! goes; what fires now is written back in one transaction when the scan
//! ends, so a scan that raises hundreds (the first one after signing in)
//! costs one flush to disk, not one per notification.

use crate::{Client, Result};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

#[derive(Default)]
pub(crate) struct Ledger {
    firing: BTreeSet<(String, String, String)>,
}

impl Ledger {
    /// True the first time (ticket, metric, threshold) fires: never before,
    /// nor earlier in this scan.
    pub(crate) fn fires(&mut self, client: &Client, ticket: &str, metric: &str, threshold: &str) -> Result<bool> {
        let key = (ticket.to_string(), metric.to_string(), threshold.to_string());
        if self.firing.contains(&key) || client.replica().has_fired(ticket, metric, threshold)? {
            return Ok(false);
        }
        self.firing.insert(key);
        Ok(true)
    }

    /// Records what fired in this scan.
    pub(crate) fn commit(self, client: &Client, now: DateTime<Utc>) -> Result<()> {
        let marks: Vec<_> = self.firing.into_iter().collect();
        client.replica().mark_all_fired(&marks, now)?;
        Ok(())
    }
}
