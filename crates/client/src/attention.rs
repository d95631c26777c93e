//! "Needs attention": actions the server did not apply, with the text the
//! analyst wrote and the server's version of the ticket; retried against the
//! ticket as it is now (with the text as the analyst corrected it), or
//! discarded.

use crate::{AttentionItem, Client, Result};
use helpdesk_domain::workflow::TicketEvent;
use helpdesk_protocol::TicketView;

/// At most this many of the others' changes are listed with an item.
const SERVER_CHANGES_SHOWN: usize = 8;

impl Client {
    pub fn attention_list(&self) -> Result<Vec<AttentionItem>> {
        let replica = self.replica();
        let me = replica.actor().ok().map(|a| a.user_id);
        let items = replica.attention()?;
        let mut out = Vec::with_capacity(items.len());
        for a in items {
            let view = replica.ticket(&a.ticket).ok().flatten();
            let pulled = replica.server_ticket(&a.ticket).ok().flatten();
            let current = newest(pulled, a.current);
            let server_changes = current.as_ref().map(|c| changes_by_others(c, me.as_deref())).unwrap_or_default();
            out.push(AttentionItem {
                seq: a.seq,
                number: view.as_ref().map(|v| v.ticket.number.clone()),
                subject: view.as_ref().map(|v| v.ticket.subject.clone()),
                ticket_id: a.ticket,
                text: a.op.free_text().map(str::to_string),
                op: a.op,
                code: a.code,
                message: a.message,
                current,
                server_changes,
                at: a.at,
            });
        }
        Ok(out)
    }

    /// Issues the action again against the ticket as it is now.
    pub fn attention_retry(&self, seq: u64) -> Result<()> {
        self.attention_retry_edited(seq, None)
    }

    /// Issues the action again, with `text` (when given) in place of the
    /// free text first written; applied once, like any action.
    pub fn attention_retry_edited(&self, seq: u64, text: Option<String>) -> Result<()> {
        let now = self.now();
        self.replica().retry_edited(seq, text, now)?;
        self.wake_sync.notify_one();
        Ok(())
    }

    pub fn attention_discard(&self, seq: u64) -> Result<()> {
        self.replica().discard(seq)?;
        Ok(())
    }
}

/// The later of two versions of the same ticket.
fn newest(a: Option<TicketView>, b: Option<TicketView>) -> Option<TicketView> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.ticket.version > a.ticket.version { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The events after the analyst's own last one, at most
/// [`SERVER_CHANGES_SHOWN`] of the newest.
fn changes_by_others(view: &TicketView, me: Option<&str>) -> Vec<TicketEvent> {
    let start = view.events.iter().rposition(|e| Some(e.actor.as_str()) == me).map_or(0, |i| i + 1);
    let others = &view.events[start..];
    others[others.len().saturating_sub(SERVER_CHANGES_SHOWN)..].to_vec()
}
