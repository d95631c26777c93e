//! The knowledge base's editorial cycle: pending revisions of published
//! articles, view counts, and the flags of the daily review job
//! (migration 004 on SQLite, 002 on PostgreSQL).

use super::kb::status_str;
use super::sql::{ReadTx, WriteTx};
use super::StoreResult;
use crate::args;
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_protocol::{Article, ArticleRevision};

pub fn revision(conn: &dyn ReadTx, article_id: &str) -> StoreResult<Option<ArticleRevision>> {
    let row = conn.query_opt("SELECT doc FROM kb_revisions WHERE article_id = ?1", args![article_id])?;
    row.map(|mut r| Ok(serde_json::from_str(&r.take_text(0)?)?)).transpose()
}

/// Writes the article's pending revision (insert or replace).
pub fn save_revision(tx: &dyn WriteTx, revision: &ArticleRevision) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO kb_revisions(article_id, status, author, updated_at, doc) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(article_id) DO UPDATE SET status = excluded.status, author = excluded.author,
           updated_at = excluded.updated_at, doc = excluded.doc",
        args![
            revision.article_id.as_str(),
            status_str(revision.status),
            revision.author.as_str(),
            revision.updated_at.timestamp_millis(),
            serde_json::to_string(revision)?
        ],
    )?;
    Ok(())
}

pub fn delete_revision(tx: &dyn WriteTx, article_id: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM kb_revisions WHERE article_id = ?1", args![article_id])?;
    Ok(())
}

/// Counts one view of an article.
pub fn add_view(tx: &dyn WriteTx, article_id: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO kb_views(article_id, views) SELECT id, 1 FROM kb_articles WHERE id = ?1
         ON CONFLICT(article_id) DO UPDATE SET views = kb_views.views + 1",
        args![article_id],
    )?;
    Ok(())
}

pub fn views(conn: &dyn ReadTx, article_id: &str) -> StoreResult<u64> {
    let row = conn.query_opt("SELECT views FROM kb_views WHERE article_id = ?1", args![article_id])?;
    let n: Option<i64> = row.map(|r| r.get(0)).transpose()?;
    Ok(n.unwrap_or(0) as u64)
}

pub fn comment_count(conn: &dyn ReadTx, article_id: &str) -> StoreResult<u64> {
    let n: i64 = conn.scalar("SELECT count(*) FROM kb_comments WHERE article_id = ?1", args![article_id])?;
    Ok(n as u64)
}

/// Published articles whose review date is before `today`, the most
/// overdue first, with when the daily job flagged each for that date.
pub fn overdue(conn: &dyn ReadTx, today: NaiveDate) -> StoreResult<Vec<(Article, Option<DateTime<Utc>>)>> {
    let rows = conn.query(
        "SELECT a.doc, f.flagged_at FROM kb_articles a
           LEFT JOIN kb_review_flags f ON f.article_id = a.id AND f.review_due = a.review_due
          WHERE a.status = 'published' AND a.review_due IS NOT NULL AND a.review_due < ?1
          ORDER BY a.review_due, a.id",
        args![today.to_string()],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for mut r in rows {
        let flagged: Option<i64> = r.get(1)?;
        out.push((serde_json::from_str(&r.take_text(0)?)?, flagged.and_then(DateTime::from_timestamp_millis)));
    }
    Ok(out)
}

/// Flags the article for its review date; false when it already was.
pub fn flag(tx: &dyn WriteTx, article_id: &str, review_due: NaiveDate, owner: &str, at: DateTime<Utc>) -> StoreResult<bool> {
    let inserted = tx.execute(
        "INSERT INTO kb_review_flags(article_id, review_due, owner, flagged_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        args![article_id, review_due.to_string(), owner, at.timestamp_millis()],
    )?;
    Ok(inserted == 1)
}
