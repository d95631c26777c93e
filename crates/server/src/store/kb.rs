//! Knowledge-base articles, their editors' comments and usage statistics.
//!
//! An article is stored as its wire document (`helpdesk_protocol::Article`
//! serialised, which the sync pull serves as is) plus the columns the
//! queries filter on; `kb_fts` holds one row per article under the
//! article's rowid (title, body, tags) for ranked, prefix search.

use super::search_text::{self, FtsEntries};
use super::sql::{Dialect, ReadTx, Value, WriteTx};
use super::StoreResult;
use crate::args;
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_protocol::{Article, ArticleStatus};
use std::sync::LazyLock;

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
pub fn save(tx: &dyn WriteTx, article: &Article) -> StoreResult<()> {
    let doc = serde_json::to_string(article)?;
    tx.execute(
        "INSERT INTO kb_articles(id, status, public, language, review_due, updated_at, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, public = excluded.public, language = excluded.language,
           review_due = excluded.review_due, updated_at = excluded.updated_at, doc = excluded.doc",
        args![
            article.id.as_str(),
            status_str(article.status),
            article.public,
            article.language.as_str(),
            article.review_due.map(|d| d.to_string()),
            article.updated_at.timestamp_millis(),
            doc
        ],
    )?;
    let tags = article.tags.join(" ");
    match tx.reader().dialect() {
        Dialect::Sqlite => {
            static ENTRIES: LazyLock<FtsEntries> = LazyLock::new(|| FtsEntries::new("kb_articles", "kb_fts", &["title", "body", "tags"]));
            ENTRIES.replace(tx, &article.id, &[&article.title, &article.body, &tags])?;
        }
        Dialect::Postgres => {
            // Title weighs most (A), then tags (B), then body (D), as bm25's weights on SQLite.
            tx.execute(
                "UPDATE kb_articles SET search = setweight(to_tsvector('simple', ?2), 'A') || setweight(to_tsvector('simple', ?3), 'B')
                   || setweight(to_tsvector('simple', ?4), 'D') WHERE id = ?1",
                args![
                    article.id.as_str(),
                    search_text::document(&[&article.title]),
                    search_text::document(&[&tags]),
                    search_text::document(&[&article.body])
                ],
            )?;
        }
    }
    Ok(())
}

pub fn get(conn: &dyn ReadTx, id: &str) -> StoreResult<Option<Article>> {
    let row = conn.query_opt("SELECT doc FROM kb_articles WHERE id = ?1", args![id])?;
    row.map(|mut r| Ok(serde_json::from_str(&r.take_text(0)?)?)).transpose()
}

/// [`get`] for a change: the row stays locked until the transaction ends.
pub fn get_for_update(tx: &dyn WriteTx, id: &str) -> StoreResult<Option<Article>> {
    let sql = tx.pick(
        "SELECT doc FROM kb_articles WHERE id = ?1",
        "SELECT doc FROM kb_articles WHERE id = ?1 FOR UPDATE",
    );
    let row = tx.query_opt(sql, args![id])?;
    row.map(|mut r| Ok(serde_json::from_str(&r.take_text(0)?)?)).transpose()
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
pub fn search(conn: &dyn ReadTx, visibility: Visibility, filter: &Filter) -> StoreResult<(Vec<Hit>, u64)> {
    let postgres = conn.dialect() == Dialect::Postgres;
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    let query = filter
        .search
        .as_deref()
        .map(|q| {
            if postgres {
                search_text::ts_query(q)
            } else {
                search_text::fts_query(q, None)
            }
        })
        .filter(|q| !q.is_empty());
    let mut query_param = String::new();
    let from = if let Some(q) = &query {
        query_param = arg(q.as_str().into(), &mut args);
        if postgres {
            clauses.push(format!("a.search @@ to_tsquery('simple', {query_param})"));
            "kb_articles a"
        } else {
            clauses.push(format!("kb_fts MATCH {query_param}"));
            "kb_fts JOIN kb_articles a ON a.rowid = kb_fts.rowid"
        }
    } else {
        "kb_articles a"
    };
    match visibility {
        Visibility::All => {}
        Visibility::Published => clauses.push("a.status = 'published'".into()),
        Visibility::PublicPublished => clauses.push("a.status = 'published' AND a.public = 1".into()),
    }
    if !filter.status.is_empty() {
        let ps: Vec<String> = filter.status.iter().map(|s| arg(status_str(*s).into(), &mut args)).collect();
        clauses.push(format!("a.status IN ({})", ps.join(", ")));
    }
    if let Some(l) = &filter.language {
        let p = arg(l.into(), &mut args);
        clauses.push(format!("a.language = {p}"));
    }
    if let Some(c) = &filter.category {
        let p = arg(c.into(), &mut args);
        clauses.push(if postgres {
            format!("CAST(a.doc AS jsonb) ->> 'category' = {p}")
        } else {
            format!("json_extract(a.doc, '$.category') = {p}")
        });
    }
    if let Some(t) = &filter.tag {
        let p = arg(t.into(), &mut args);
        clauses.push(if postgres {
            format!("CAST(a.doc AS jsonb) -> 'tags' @> jsonb_build_array(CAST({p} AS text))")
        } else {
            format!("EXISTS (SELECT 1 FROM json_each(a.doc, '$.tags') tg WHERE tg.value = {p})")
        });
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
    let total: i64 = conn.scalar(&format!("SELECT count(*) FROM {from} {where_sql}"), &args)?;
    let limit = if filter.limit == 0 { 50 } else { filter.limit.min(500) };
    let (score, order) = match (&query, postgres) {
        (Some(_), false) => (
            "-bm25(kb_fts, 10.0, 1.0, 5.0)".to_string(),
            "bm25(kb_fts, 10.0, 1.0, 5.0), a.updated_at DESC, a.id".to_string(),
        ),
        (Some(_), true) => {
            let rank = format!("ts_rank(a.search, to_tsquery('simple', {query_param}))");
            (format!("CAST({rank} AS DOUBLE PRECISION)"), format!("{rank} DESC, a.updated_at DESC, a.id"))
        }
        (None, _) => ("NULL".to_string(), "a.updated_at DESC, a.id".to_string()),
    };
    let sql = format!(
        "SELECT a.doc, {score}, (SELECT count(*) FROM kb_usage u WHERE u.article_id = a.id)
         FROM {from} {where_sql} ORDER BY {order} LIMIT {limit} OFFSET {}",
        filter.offset.min(i64::MAX as usize)
    );
    let mut hits = Vec::new();
    for mut r in conn.query(&sql, &args)? {
        let article: Article = serde_json::from_str(&r.take_text(0)?)?;
        // Cut from the original text, alike on both backends (the index holds stems).
        let snippet = match (&query, filter.search.as_deref()) {
            (Some(_), Some(search)) => search_text::snippet(&article.title, search)
                .or_else(|| search_text::snippet(&article.body, search))
                .or_else(|| search_text::snippet(&article.tags.join(" "), search)),
            _ => None,
        };
        hits.push(Hit {
            article,
            snippet,
            score: r.get(1)?,
            links: r.get::<i64>(2)? as u64,
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

pub fn add_comment(tx: &dyn WriteTx, article_id: &str, at: DateTime<Utc>, author: &str, text: &str) -> StoreResult<CommentRow> {
    let id: i64 = tx.scalar(
        "INSERT INTO kb_comments(article_id, at, author, text) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        args![article_id, at.timestamp_millis(), author, text],
    )?;
    Ok(CommentRow {
        id,
        article_id: article_id.to_string(),
        at: DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at),
        author: author.to_string(),
        text: text.to_string(),
    })
}

/// The comments of an article, oldest first.
pub fn comments(conn: &dyn ReadTx, article_id: &str) -> StoreResult<Vec<CommentRow>> {
    conn.query(
        "SELECT id, article_id, at, author, text FROM kb_comments WHERE article_id = ?1 ORDER BY at, id",
        args![article_id],
    )?
    .into_iter()
    .map(|r| {
        Ok(CommentRow {
            id: r.get(0)?,
            article_id: r.get(1)?,
            at: DateTime::from_timestamp_millis(r.get(2)?).unwrap_or_default(),
            author: r.get(3)?,
            text: r.get(4)?,
        })
    })
    .collect()
}

/// How often an article was used: the number of tickets linking it, and
/// the first and the latest link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub tickets: u64,
    pub first_linked_at: Option<DateTime<Utc>>,
    pub last_linked_at: Option<DateTime<Utc>>,
}

pub fn usage(conn: &dyn ReadTx, article_id: &str) -> StoreResult<Usage> {
    let r = conn.query_one("SELECT count(*), min(at), max(at) FROM kb_usage WHERE article_id = ?1", args![article_id])?;
    let at = |v: Option<i64>| v.and_then(DateTime::from_timestamp_millis);
    Ok(Usage {
        tickets: r.get::<i64>(0)? as u64,
        first_linked_at: at(r.get(1)?),
        last_linked_at: at(r.get(2)?),
    })
}

/// Records that `ticket` links `article` (once; an unknown article is
/// not counted).
pub fn record_usage(tx: &dyn WriteTx, article: &str, ticket: &str, at: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO kb_usage(article_id, ticket_id, at) SELECT id, ?2, ?3 FROM kb_articles WHERE id = ?1 ON CONFLICT DO NOTHING",
        args![article, ticket, at.timestamp_millis()],
    )?;
    Ok(())
}
