//! The knowledge base on the replica: search, one article, and articles
//! that match a ticket's subject.

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

    /// Articles that match the ticket's subject: all its words first, then
    /// each significant word, best rank first (at most 10).
    pub fn kb_suggest(&self, number: &str) -> Result<Vec<SearchHit>> {
        let view = self
            .replica()
            .ticket(number.trim())?
            .ok_or_else(|| ClientError::not_found(format!("no ticket `{number}` in this replica; sync, or check the number")))?;
        let subject = view.ticket.subject;
        let replica = self.replica();
        let mut found: Vec<helpdesk_replica::SearchHit> = replica.search_kb(&subject, 10)?;
        if found.len() < 10 {
            let words: Vec<String> = helpdesk_replica::text::words(&subject).filter(|w| w.chars().count() >= 4).collect();
            for word in words {
                for hit in replica.search_kb(&word, 10)? {
                    match found.iter_mut().find(|h| h.id == hit.id) {
                        // Matching more words counts: add the ranks (bm25 is negative).
                        Some(h) => h.rank += hit.rank,
                        None => found.push(hit),
                    }
                }
            }
        }
        found.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        found.truncate(10);
        Ok(found.into_iter().map(Into::into).collect())
    }
}
