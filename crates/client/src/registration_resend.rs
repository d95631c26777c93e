//! A registration the server refused, corrected at the desk and sent again
//! (001 §III.2(3)): checked like a new one — a problem left names each
//! field, and the refused registration stays where it was — then written
//! to the outbox in its place.

use crate::register::Registered;
use crate::{Client, Result};
use helpdesk_domain::ticket::NewTicket;

impl Client {
    /// Sends the refused registration `seq` again as `corrected`.
    pub fn resend_registration(&self, seq: u64, corrected: NewTicket) -> Result<Registered> {
        let (new, local) = self.local_registration(corrected)?;
        let seq = self.replica().resend_registration(seq, &local, &new, self.now())?;
        self.wake_sync.notify_one();
        Ok(Registered {
            seq,
            local_reference: local.ticket.number.clone(),
            id: local.ticket.id,
        })
    }
}
