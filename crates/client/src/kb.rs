//! Search on the replica: the knowledge base, articles that answer a
//! ticket, tickets of every queue; one article.

use crate::{Client, ClientError, Result, SearchHit};
use helpdesk_protocol::Article;

impl Client {
    pub fn kb_search(&self, query: &str) -> Result<Vec<SearchHit>> {
        Ok(self.replica().search_kb(query, 50)?.into_iter().map(Into::into).collect())
    }

    pub fn kb_article(&self, id: &str) -> Result<Article> {
        self.replica()
            .article(id)?
            .ok_or_else(|| ClientError::not_found(format!("no article `{id}` in this replica; sync, or check the id")))
    }

    /// Tickets of every queue in this replica that match what was typed,
    /// best first (at most 50).
    pub fn ticket_search(&self, query: &str) -> Result<Vec<SearchHit>> {
        Ok(self.replica().search_tickets(query, 50)?.into_iter().map(Into::into).collect())
    }

    /// Articles that answer the ticket, from its subject, best first (at most 10).
    pub fn kb_suggest(&self, number: &str) -> Result<Vec<SearchHit>> {
        let view = self
            .replica()
            .ticket(number.trim())?
            .ok_or_else(|| ClientError::not_found(format!("no ticket `{number}` in this replica; sync, or check the number")))?;
        self.kb_suggest_for(&view.ticket.subject)
    }

    /// Articles that answer a ticket with this subject (also while it is
    /// being typed, before the ticket exists), best first (at most 10).
    pub fn kb_suggest_for(&self, subject: &str) -> Result<Vec<SearchHit>> {
        Ok(self.replica().suggest_kb(subject, 10)?.into_iter().map(Into::into).collect())
    }
}
