//! Two more reasons to ring, beside the SLA and the hand-overs of
//! `notify`:
//!
//! * **Co-executor**: one of the analyst's groups was involved in a ticket
//!   of another group (003 §4.10, §4.15). Such a ticket is in the replica
//!   (the server puts it in the group's bucket) but in neither "mine" nor
//!   "group", so its trail is read here when it changed after the first
//!   scan. Recorded as (ticket, `event:co_executor_added:<index>`, `event`).
//! * **Needs attention**: an action of the analyst the server did not apply
//!   (a conflict, a refusal) after a sync. One notification per ticket and
//!   scan, counting the actions; each recorded as (ticket,
//!   `attention:<seq>`, `attention`), so it rings once, also across
//!   restarts. Actions refused before the first scan do not ring.

use crate::ledger::Ledger;
use crate::types::*;
use crate::{Client, Result};
use chrono::{DateTime, Utc};
use helpdesk_domain::workflow::EventKind;
use helpdesk_protocol::Me;
use std::collections::{BTreeMap, BTreeSet};

/// The notification of `kind` about a ticket, before its arguments.
fn about(ticket_id: &str, number: &str, subject: &str, kind: NotificationKind, key: &str) -> Notification {
    Notification {
        ticket_id: ticket_id.to_string(),
        number: number.to_string(),
        subject: subject.to_string(),
        kind,
        title_key: key.to_string(),
        body_args: BTreeMap::from([("number".to_string(), number.to_string()), ("subject".to_string(), subject.to_string())]),
    }
}

/// The name of group `id` as the analyst's membership gives it.
fn group_name(me: &Me, id: &str) -> String {
    me.groups.iter().find(|g| g.id == id).map_or_else(|| id.to_string(), |g| g.name.clone())
}

/// A co-executor group of the analyst's added to an open ticket, by
/// someone else, after `since`; `seen` are the tickets `notify` already
/// read (the analyst's and their groups').
pub(crate) fn co_executor_added(client: &Client, me: &Me, since: DateTime<Utc>, seen: &BTreeSet<String>, ledger: &mut Ledger) -> Result<Vec<Notification>> {
    let groups: Vec<&str> = me.groups.iter().map(|g| g.id.as_str()).collect();
    // Only tickets changed since the last scan are read (not the whole
    // replica at every wake).
    let changed = client.replica().tickets_updated_after(since)?;
    let mut out = Vec::new();
    for id in changed {
        if seen.contains(&id) {
            continue;
        }
        let Some(view) = client.replica().ticket(&id)? else { continue };
        let t = &view.ticket;
        if t.status.stops_clock() || !t.co_executor_groups.iter().any(|g| groups.contains(&g.as_str())) {
            continue;
        }
        out.extend(co_executor_events(client, me, &view, since, ledger)?);
    }
    Ok(out)
}

/// The co-executor events of one ticket that ring now.
pub(crate) fn co_executor_events(
    client: &Client,
    me: &Me,
    view: &helpdesk_protocol::TicketView,
    since: DateTime<Utc>,
    ledger: &mut Ledger,
) -> Result<Vec<Notification>> {
    let t = &view.ticket;
    let mut out = Vec::new();
    for (index, e) in view.events.iter().enumerate() {
        let EventKind::CoExecutorAdded { group } = &e.kind else { continue };
        if e.at <= since || e.actor == me.id || !me.groups.iter().any(|g| &g.id == group) {
            continue;
        }
        if !ledger.fires(client, &t.id, &format!("event:co_executor_added:{index}"), "event")? {
            continue;
        }
        let mut n = about(&t.id, &t.number, &t.subject, NotificationKind::CoExecutorAdded, "co-executor");
        n.body_args.insert("group".into(), group_name(me, group));
        out.push(n);
    }
    Ok(out)
}

/// The analyst's actions the server did not apply, newly, after `since`:
/// one notification per ticket with their count.
pub(crate) fn needs_attention(client: &Client, since: DateTime<Utc>, ledger: &mut Ledger) -> Result<Vec<Notification>> {
    let items = client.replica().attention()?;
    let mut per_ticket: BTreeMap<String, usize> = BTreeMap::new();
    for a in items.iter().filter(|a| a.at > since) {
        if ledger.fires(client, &a.ticket, &format!("attention:{}", a.seq), "attention")? {
            *per_ticket.entry(a.ticket.clone()).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for (ticket, count) in per_ticket {
        let view = client.replica().ticket(&ticket)?;
        let (number, subject) = view.map_or_else(|| (ticket.clone(), String::new()), |v| (v.ticket.number.clone(), v.ticket.subject.clone()));
        let mut n = about(&ticket, &number, &subject, NotificationKind::NeedsAttention, "needs-attention");
        n.body_args.insert("count".into(), count.to_string());
        out.push(n);
    }
    Ok(out)
}
