//! The knowledge-base articles a user owns that have a review date (003
//! §5.1.5), read from the replica's published articles, so the owner's
//! laptop can tell them an article is due for review while offline.

use crate::{Replica, Result};
use chrono::NaiveDate;

/// A published article of the replica with its review date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledArticle {
    pub id: String,
    pub title: String,
    pub review_due: NaiveDate,
}

impl Replica {
    /// The published articles `owner` wrote that have a review date, the
    /// earliest date first. Whether one is overdue is the domain's call
    /// (`helpdesk_domain::kb_review::review_state`).
    pub fn owned_articles_with_review(&self, owner: &str) -> Result<Vec<ScheduledArticle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, json_extract(doc, '$.review_due') FROM articles
              WHERE json_extract(doc, '$.author') = ?1 AND json_extract(doc, '$.status') = 'published'
                AND json_extract(doc, '$.review_due') IS NOT NULL
              ORDER BY 3, id",
        )?;
        let rows = stmt.query_map([owner], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, due) = row?;
            let Ok(review_due) = due.parse::<NaiveDate>() else { continue };
            out.push(ScheduledArticle { id, title, review_due });
        }
        Ok(out)
    }
}
