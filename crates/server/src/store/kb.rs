//! Knowledge-base articles, their editors' comments and usage statistics.
//!
//! An article is stored as its wire document (`helpdesk_protocol::Article`
//! serialised, which the sync pull serves as is) plus the columns the
//! queries filter on; `kb_fts` holds one row per article under the
//! article's rowid (title, body, tags) for ranked, prefix search.

use super::tickets::fts_query;
use super::StoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_protocol::{Article, ArticleStatus};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};

pub fn status_str(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Draft => "draft",
        ArticleStatus::Review => "review",
        ArticleStatus::Approved => "approved",
        ArticleStatus::Published => "published",
        ArticleStatus::Archived => "archived",
    }
}

pub fn parse_status(text: &str) -> Option<ArticleStatus> {
    [
        ArticleStatus::Draft,
        ArticleStatus::Review,
        ArticleStatus::Approved,
        ArticleStatus::Published,
        ArticleStatus::Archived,
    ]
    .into_iter()
    .find(|s| status_str(*s).eq_ignore_ascii_case(text.trim()))
}

/// Writes the article's row (insert or update) and its search entry.
pub fn save(tx: &Transaction, article: &Article) -> StoreResult<()> {
    let doc = serde_json::to_string(article)?;
    tx.prepare_cached(
        "INSERT INTO kb_articles(id, status, public, language, review_due, updated_at, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, public = excluded.public, language = excluded.language,
           review_due = excluded.review_due, updated_at = excluded.updated_at, doc = excluded.doc",
    )?
    .execute(params![
        article.id,
        status_str(article.status),
        article.public,
        article.language,
        article.review_due.map(|d| d.to_string()),
        article.updated_at.timestamp_millis(),
        doc
    ])?;
    let rowid: i64 = tx
        .prepare_cached("SELECT rowid FROM kb_articles WHERE id = ?1")?
        .query_row([&article.id], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM kb_fts WHERE rowid = ?1")?.execute([rowid])?;
    tx.prepare_cached("INSERT INTO kb_fts(rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![rowid, article.title, article.body, article.tags.join(" ")])?;
    Ok(())
}

pub fn get(conn: &Connection, id: &str) -> StoreResult<Option<Article>> {
    let doc: Option<String> = conn
        .prepare_cached("SELECT doc FROM kb_articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    doc.map(|d| Ok(serde_json::from_str(&d)?)).transpose()
}

/// Which articles a reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// KB editors and administrators: every status.
    All,
    /// The desk: published articles.
    Published,
    /// Self Service users: published and public.
    PublicPublished,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Vec<ArticleStatus>,
    pub language: Option<String>,
    pub category: Option<String>,
    pub tag: Option<String>,
    /// Articles whose periodic review is due on or before this date.
    pub review_due_before: Option<NaiveDate>,
    pub search: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// One article found, with the best fragment of its text for a search and
/// how many tickets link it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub article: Article,
    pub snippet: Option<String>,
    /// Higher is better (the negated bm25 of the search); `None` unsearched.
    pub score: Option<f64>,
    pub links: u64,
}

/// Articles visible under `visibility` that match `filter`: ranked by bm25
/// (title weighs most, then tags, then body) for a search, else the most
/// recently updated first. Returns the page and the total count.
pub fn search(conn: &Connection, visibility: Visibility, filter: &Filter) -> StoreResult<(Vec<Hit>, u64)> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let arg = |v: rusqlite::types::Value, args: &mut Vec<rusqlite::types::Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    let query = filter.search.as_deref().map(fts_query).filter(|q| !q.is_empty());
    let from = if let Some(q) = &query {
        let p = arg(q.clone().into(), &mut args);
        clauses.push(format!("kb_fts MATCH {p}"));
        "kb_fts JOIN kb_articles a ON a.rowid = kb_fts.rowid"
    } else {
        "kb_articles a"
    };
    match visibility {
        Visibility::All => {}
        Visibility::Published => clauses.push("a.status = 'published'".into()),
        Visibility::PublicPublished => clauses.push("a.status = 'published' AND a.public = 1".into()),
    }
    if !filter.status.is_empty() {
        let ps: Vec<String> = filter.status.iter().map(|s| arg(status_str(*s).to_string().into(), &mut args)).collect();
        clauses.push(format!("a.status IN ({})", ps.join(", ")));
    }
    if let Some(l) = &filter.language {
        let p = arg(l.clone().into(), &mut args);
        clauses.push(format!("a.language = {p}"));
    }
    if let Some(c) = &filter.category {
        let p = arg(c.clone().into(), &mut args);
        clauses.push(format!("json_extract(a.doc, '$.category') = {p}"));
    }
    if let Some(t) = &filter.tag {
        let p = arg(t.clone().into(), &mut args);
        clauses.push(format!("EXISTS (SELECT 1 FROM json_each(a.doc, '$.tags') tg WHERE tg.value = {p})"));
    }
    if let Some(d) = filter.review_due_before {
        let p = arg(d.to_string().into(), &mut args);
        clauses.push(format!("a.review_due IS NOT NULL AND a.review_due <= {p}"));
    }
    let where_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM {from} {where_sql}"), params_from_iter(args.iter()), |r| r.get(0))?;
    let limit = if filter.limit == 0 { 50 } else { filter.limit.min(500) };
    let (extra, order) = if query.is_some() {
        (
            "snippet(kb_fts, -1, '**', '**', '…', 16), -bm25(kb_fts, 10.0, 1.0, 5.0)",
            "bm25(kb_fts, 10.0, 1.0, 5.0), a.updated_at DESC, a.id",
        )
    } else {
        ("NULL, NULL", "a.updated_at DESC, a.id")
    };
    let sql = format!(
        "SELECT a.doc, {extra}, (SELECT count(*) FROM kb_usage u WHERE u.article_id = a.id)
         FROM {from} {where_sql} ORDER BY {order} LIMIT {limit} OFFSET {}",
        filter.offset.min(i64::MAX as usize)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<f64>>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (doc, snippet, score, links) = row?;
        hits.push(Hit {
            article: serde_json::from_str(&doc)?,
            snippet,
            score,
            links: links as u64,
        });
    }
    Ok((hits, total as u64))
}

/// An editor's (or an operator's) comment on an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: i64,
    pub article_id: String,
    pub at: DateTime<Utc>,
    pub author: String,
    pub text: String,
}

pub fn add_comment(tx: &Transaction, article_id: &str, at: DateTime<Utc>, author: &str, text: &str) -> StoreResult<CommentRow> {
    tx.prepare_cached("INSERT INTO kb_comments(article_id, at, author, text) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![article_id, at.timestamp_millis(), author, text])?;
    Ok(CommentRow {
        id: tx.last_insert_rowid(),
        article_id: article_id.to_string(),
        at: DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at),
        author: author.to_string(),
        text: text.to_string(),
    })
}

/// The comments of an article, oldest first.
pub fn comments(conn: &Connection, article_id: &str) -> StoreResult<Vec<CommentRow>> {
    let mut stmt = conn.prepare_cached("SELECT id, article_id, at, author, text FROM kb_comments WHERE article_id = ?1 ORDER BY at, id")?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(CommentRow {
            id: r.get(0)?,
            article_id: r.get(1)?,
            at: DateTime::from_timestamp_millis(r.get(2)?).unwrap_or_default(),
            author: r.get(3)?,
            text: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How often an article was used: the number of tickets linking it, and
/// the first and the latest link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub tickets: u64,
    pub first_linked_at: Option<DateTime<Utc>>,
    pub last_linked_at: Option<DateTime<Utc>>,
}

pub fn usage(conn: &Connection, article_id: &str) -> StoreResult<Usage> {
    let (count, first, last): (i64, Option<i64>, Option<i64>) = conn
        .prepare_cached("SELECT count(*), min(at), max(at) FROM kb_usage WHERE article_id = ?1")?
        .query_row([article_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let at = |v: Option<i64>| v.and_then(DateTime::from_timestamp_millis);
    Ok(Usage {
        tickets: count as u64,
        first_linked_at: at(first),
        last_linked_at: at(last),
    })
}

/// Records that `ticket` links `article` (once; an unknown article is
/// not counted).
pub fn record_usage(tx: &Transaction, article: &str, ticket: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO kb_usage(article_id, ticket_id, at) SELECT id, ?2, ?3 FROM kb_articles WHERE id = ?1",
        params![article, ticket, at.timestamp_millis()],
    )?;
    Ok(())
}
