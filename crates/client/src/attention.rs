//! "Needs attention": actions the server did not apply, with the text the
//! analyst wrote; retried against the ticket as it is now, or discarded.

use crate::{AttentionItem, Client, Result};

impl Client {
    pub fn attention_list(&self) -> Result<Vec<AttentionItem>> {
        let replica = self.replica();
        let items = replica.attention()?;
        let mut out = Vec::with_capacity(items.len());
        for a in items {
            let view = replica.ticket(&a.ticket).ok().flatten();
            out.push(AttentionItem {
                seq: a.seq,
                number: view.as_ref().map(|v| v.ticket.number.clone()),
                subject: view.as_ref().map(|v| v.ticket.subject.clone()),
                ticket_id: a.ticket,
                op: a.op,
                code: a.code,
                message: a.message,
                current: a.current,
                at: a.at,
            });
        }
        Ok(out)
    }

    /// Issues the action again against the ticket as it is now.
    pub fn attention_retry(&self, seq: u64) -> Result<()> {
        let now = self.now();
        self.replica().retry(seq, now)?;
        self.wake_sync.notify_one();
        Ok(())
    }

    pub fn attention_discard(&self, seq: u64) -> Result<()> {
        self.replica().discard(seq)?;
        Ok(())
    }
}
