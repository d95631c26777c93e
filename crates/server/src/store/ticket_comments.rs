//! A ticket's comments as rows of their own, appended per op: an op on a
//! ticket with 1,500 comments writes what it adds, not the whole ticket
//! again. The ticket's stored document has no `comments`; a reader that
//! needs them gets the document with the rows put back in ([`with_comments`]).
//!
//! Each comment has its own search entry (SQLite: a row of
//! `ticket_comments_fts` whose rowid is the comment row's; PostgreSQL: the
//! row's `search` tsvector), public and internal apart, so that adding a
//! comment indexes that comment only.

use super::sql::{Dialect, ReadTx, WriteTx};
use super::{search_text, StoreResult};
use crate::args;
use helpdesk_domain::ticket::{Comment, Ticket, Visibility};

/// The ticket's document as stored: everything but its comments.
pub fn stored_document(ticket: &Ticket) -> StoreResult<String> {
    let mut doc = serde_json::to_value(ticket)?;
    if let Some(fields) = doc.as_object_mut() {
        fields.remove("comments");
    }
    Ok(doc.to_string())
}

/// A stored document with its comments (their stored JSON, oldest first)
/// put back in: the ticket's full JSON.
pub fn with_comments(doc: &str, comments: &[String]) -> String {
    let rest = doc.trim_start().strip_prefix('{').unwrap_or(doc);
    let mut full = String::with_capacity(doc.len() + comments.iter().map(|c| c.len() + 1).sum::<usize>() + 16);
    full.push_str("{\"comments\":[");
    full.push_str(&comments.join(","));
    full.push(']');
    if !rest.trim_start().starts_with('}') {
        full.push(',');
    }
    full.push_str(rest);
    full
}

/// A stored document as a ticket, with the given comments.
pub fn ticket(doc: &str, comments: &[String]) -> StoreResult<Ticket> {
    Ok(serde_json::from_str(&with_comments(doc, comments))?)
}

/// Appends `comments` after the ticket's stored ones on SQLite, each with
/// its search entry and the ticket `version` that added them (PostgreSQL
/// appends them in the ticket's one saving statement, `tickets::save`).
pub fn append_on_sqlite(tx: &dyn WriteTx, ticket_id: &str, version: u64, comments: &[Comment]) -> StoreResult<()> {
    for comment in comments {
        // Appended after the ticket's last, its index read by the insert itself.
        let rowid: i64 = tx.scalar(
            "INSERT INTO ticket_comments(ticket_id, idx, visibility, body, version)
             VALUES (?1, (SELECT coalesce(max(idx), -1) + 1 FROM ticket_comments WHERE ticket_id = ?1), ?2, ?3, ?4) RETURNING rowid",
            args![ticket_id, comment.visibility.as_str(), serde_json::to_string(comment)?, version as i64],
        )?;
        index_in_fts(tx, rowid, comment.visibility, &search_text::index_form(&comment.text))?;
    }
    Ok(())
}

/// A comment's search entry on PostgreSQL: the words of its `search`
/// tsvector (`simple` configuration).
pub fn search_document(comment: &Comment) -> String {
    search_text::document(&[&search_text::index_form(&comment.text)])
}

fn index_in_fts(tx: &dyn WriteTx, rowid: i64, visibility: Visibility, index_form: &str) -> StoreResult<()> {
    let (public, internal) = match visibility {
        Visibility::Public => (index_form, ""),
        Visibility::Internal => ("", index_form),
    };
    tx.execute(
        "INSERT INTO ticket_comments_fts(rowid, public_text, internal_text) VALUES (?1, ?2, ?3)",
        args![rowid, public, internal],
    )?;
    Ok(())
}

/// Makes the search entries of the ticket's comments again (after a change
/// of the index form, or a copy from another database).
pub fn reindex(tx: &dyn WriteTx, ticket_id: &str) -> StoreResult<()> {
    // The row's key: SQLite's rowid (its search entry's), PostgreSQL's idx.
    let sql = tx.pick(
        "SELECT rowid, body FROM ticket_comments WHERE ticket_id = ?1 ORDER BY idx",
        "SELECT idx, body FROM ticket_comments WHERE ticket_id = ?1 ORDER BY idx",
    );
    for mut row in tx.query(sql, args![ticket_id])? {
        let key: i64 = row.get(0)?;
        let comment: Comment = serde_json::from_str(&row.take_text(1)?)?;
        let text = search_text::index_form(&comment.text);
        match tx.reader().dialect() {
            Dialect::Sqlite => {
                tx.execute("DELETE FROM ticket_comments_fts WHERE rowid = ?1", args![key])?;
                index_in_fts(tx, key, comment.visibility, &text)?;
            }
            Dialect::Postgres => {
                tx.execute(
                    "UPDATE ticket_comments SET search = to_tsvector('simple', ?3) WHERE ticket_id = ?1 AND idx = ?2",
                    args![ticket_id, key, search_document(&comment)],
                )?;
            }
        }
    }
    Ok(())
}

/// The stored comments of one ticket, oldest first.
pub fn of_ticket(conn: &dyn ReadTx, ticket_id: &str) -> StoreResult<Vec<String>> {
    conn.column("SELECT body FROM ticket_comments WHERE ticket_id = ?1 ORDER BY idx", args![ticket_id])
}

/// How many comments the ticket has.
pub fn count(conn: &dyn ReadTx, ticket_id: &str) -> StoreResult<u64> {
    Ok(conn.scalar::<i64>("SELECT count(*) FROM ticket_comments WHERE ticket_id = ?1", args![ticket_id])? as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_back_first_into_the_document() {
        assert_eq!(with_comments(r#"{"id":"t1"}"#, &[]), r#"{"comments":[],"id":"t1"}"#);
        assert_eq!(
            with_comments(r#"{"id":"t1","v":2}"#, &[r#"{"text":"a"}"#.into(), r#"{"text":"b"}"#.into()]),
            r#"{"comments":[{"text":"a"},{"text":"b"}],"id":"t1","v":2}"#
        );
        assert_eq!(with_comments("{}", &[]), r#"{"comments":[]}"#);
    }
}
