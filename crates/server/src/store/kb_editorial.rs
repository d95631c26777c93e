//! The knowledge base's editorial cycle in SQLite: pending revisions of
//! published articles, view counts, and the flags of the daily review job
//! (migration 004).

use super::kb::status_str;
use super::StoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_protocol::{Article, ArticleRevision};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub fn revision(conn: &Connection, article_id: &str) -> StoreResult<Option<ArticleRevision>> {
    let doc: Option<String> = conn
        .prepare_cached("SELECT doc FROM kb_revisions WHERE article_id = ?1")?
        .query_row([article_id], |r| r.get(0))
        .optional()?;
    doc.map(|d| Ok(serde_json::from_str(&d)?)).transpose()
}

/// Writes the article's pending revision (insert or replace).
pub fn save_revision(tx: &Transaction, revision: &ArticleRevision) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO kb_revisions(article_id, status, author, updated_at, doc) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(article_id) DO UPDATE SET status = excluded.status, author = excluded.author,
           updated_at = excluded.updated_at, doc = excluded.doc",
    )?
    .execute(params![
        revision.article_id,
        status_str(revision.status),
        revision.author,
        revision.updated_at.timestamp_millis(),
        serde_json::to_string(revision)?
    ])?;
    Ok(())
}

pub fn delete_revision(tx: &Transaction, article_id: &str) -> StoreResult<()> {
    tx.prepare_cached("DELETE FROM kb_revisions WHERE article_id = ?1")?.execute([article_id])?;
    Ok(())
}

/// Counts one view of an article.
pub fn add_view(tx: &Transaction, article_id: &str) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO kb_views(article_id, views) SELECT id, 1 FROM kb_articles WHERE id = ?1
         ON CONFLICT(article_id) DO UPDATE SET views = views + 1",
    )?
    .execute([article_id])?;
    Ok(())
}

pub fn views(conn: &Connection, article_id: &str) -> StoreResult<u64> {
    let n: Option<i64> = conn
        .prepare_cached("SELECT views FROM kb_views WHERE article_id = ?1")?
        .query_row([article_id], |r| r.get(0))
        .optional()?;
    Ok(n.unwrap_or(0) as u64)
}

pub fn comment_count(conn: &Connection, article_id: &str) -> StoreResult<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM kb_comments WHERE article_id = ?1")?
        .query_row([article_id], |r| r.get(0))?;
    Ok(n as u64)
}

/// Published articles whose review date is before `today`, the most
/// overdue first, with when the daily job flagged each for that date.
pub fn overdue(conn: &Connection, today: NaiveDate) -> StoreResult<Vec<(Article, Option<DateTime<Utc>>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.doc, f.flagged_at FROM kb_articles a
           LEFT JOIN kb_review_flags f ON f.article_id = a.id AND f.review_due = a.review_due
          WHERE a.status = 'published' AND a.review_due IS NOT NULL AND a.review_due < ?1
          ORDER BY a.review_due, a.id",
    )?;
    let rows = stmt.query_map([today.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (doc, flagged) = row?;
        out.push((serde_json::from_str(&doc)?, flagged.and_then(DateTime::from_timestamp_millis)));
    }
    Ok(out)
}

/// Flags the article for its review date; false when it already was.
pub fn flag(tx: &Transaction, article_id: &str, review_due: NaiveDate, owner: &str, at: DateTime<Utc>) -> StoreResult<bool> {
    let inserted = tx
        .prepare_cached("INSERT OR IGNORE INTO kb_review_flags(article_id, review_due, owner, flagged_at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![article_id, review_due.to_string(), owner, at.timestamp_millis()])?;
    Ok(inserted == 1)
}
