//! The server's full-text search on both backends, by the rules of
//! `helpdesk_text` — the replica's rules too, so a search finds the same
//! on a laptop, on SQLite and on PostgreSQL: SQLite's FTS5 columns and
//! PostgreSQL's tsvectors hold each text's [`index_form`] (stems, the
//! Ukrainian and Russian spellings written one way), and a search is the
//! keys of what was typed, each a prefix, all required. Snippets are cut
//! from the original text in Rust, alike on both.
//!
//! When `helpdesk_text`'s index form changes, [`INDEX_VERSION`] moves and
//! the indexes are rebuilt once when the service starts ([`rebuild_if_stale`]).

use super::sql::WriteTx;
use super::tickets::{MAX_QUERY_TERMS, MIN_TERM_CHARS};
use super::StoreResult;
pub use helpdesk_text::index_form;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The version of the index form the stored search entries were made with.
/// `+comment-rows`: each comment has its own entry (SQLite migration 007,
/// PostgreSQL 005), made by the first start after the migration.
pub const INDEX_VERSION: &str = "helpdesk-text-1+comment-rows";
const INDEX_VERSION_KEY: &str = "search.index_version";
/// About how many characters a snippet shows.
const SNIPPET_WIDTH: usize = 120;

/// SQLite: the FTS5 entries of one table's rows (an entry shares its
/// row's rowid), with the three statements that make one anew, written
/// once per table (a ticket's save runs them on every op).
pub struct FtsEntries {
    select_rowid: String,
    delete: String,
    insert: String,
    columns: usize,
}

impl FtsEntries {
    /// The entries of `table` in `fts`, whose `columns` `replace` fills in this order.
    pub fn new(table: &str, fts: &str, columns: &[&str]) -> FtsEntries {
        let placeholders: Vec<String> = (2..columns.len() + 2).map(|i| format!("?{i}")).collect();
        FtsEntries {
            select_rowid: format!("SELECT rowid FROM {table} WHERE id = ?1"),
            delete: format!("DELETE FROM {fts} WHERE rowid = ?1"),
            insert: format!("INSERT INTO {fts}(rowid, {}) VALUES (?1, {})", columns.join(", "), placeholders.join(", ")),
            columns: columns.len(),
        }
    }

    /// The entry of row `id` made anew from `texts` (one per column), each
    /// in its [`index_form`].
    pub fn replace(&self, tx: &dyn WriteTx, id: &str, texts: &[&str]) -> StoreResult<()> {
        debug_assert_eq!(texts.len(), self.columns, "one text per FTS column");
        let rowid: i64 = tx.scalar(&self.select_rowid, &[id.into()])?;
        tx.execute(&self.delete, &[rowid.into()])?;
        let mut values: Vec<super::sql::Value> = vec![rowid.into()];
        values.extend(texts.iter().map(|t| index_form(t).into()));
        tx.execute(&self.insert, &values)?;
        Ok(())
    }
}

/// The index form of several texts, one after the other, as PostgreSQL
/// stores it (see [`as_fts5_reads`]).
pub fn document(parts: &[&str]) -> String {
    let form = parts.iter().map(|p| index_form(p)).filter(|f| !f.is_empty()).collect::<Vec<_>>().join(" ");
    as_fts5_reads(&form)
}

/// A text as SQLite's `unicode61 remove_diacritics 2` tokenizer reads it
/// after `helpdesk_text` made it: Latin letters without their accents
/// (Cyrillic ones such as `й` and `ї` keep theirs). PostgreSQL's `simple`
/// configuration keeps accents, so its words and queries pass through this
/// to find what SQLite and the replica find.
fn as_fts5_reads(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c as u32) < 0x250 {
            out.extend(c.to_string().nfd().filter(|m| !is_combining_mark(*m)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The keys a search looks for: those of `helpdesk_text::query_keys` of
/// at least [`MIN_TERM_CHARS`] characters (a one-letter prefix narrows
/// nothing and costs a scan of the index), the first [`MAX_QUERY_TERMS`].
/// Keys are letters and digits only.
pub fn keys(typed: &str) -> Vec<String> {
    let mut keys = helpdesk_text::query_keys(typed);
    keys.retain(|k| k.chars().count() >= MIN_TERM_CHARS);
    keys.truncate(MAX_QUERY_TERMS);
    keys
}

/// An FTS5 query (SQLite): every key a prefix, all required; with
/// `columns` (an FTS5 column filter such as `{subject description}`)
/// each looked for in those columns only. Empty when nothing is searchable.
pub fn fts_query(typed: &str, columns: Option<&str>) -> String {
    keys(typed).iter().map(|k| fts_key(k, columns)).collect::<Vec<_>>().join(" ")
}

/// One key of [`keys`] as an FTS5 query: a prefix, in `columns` when given.
pub fn fts_key(key: &str, columns: Option<&str>) -> String {
    match columns {
        Some(columns) => format!("{columns} : \"{key}\"*"),
        None => format!("\"{key}\"*"),
    }
}

/// A `to_tsquery('simple', …)` text (PostgreSQL): every key a prefix, all
/// required. Empty when nothing is searchable.
pub fn ts_query(typed: &str) -> String {
    keys(typed).iter().map(|k| ts_key(k)).collect::<Vec<_>>().join(" & ")
}

/// One key of [`keys`] as a `to_tsquery('simple', …)` text: a prefix.
pub fn ts_key(key: &str) -> String {
    format!("{}:*", as_fts5_reads(key))
}

/// The fragment of `text` around the first words a search finds, the
/// found words between `**`, cuts marked with `…`; `None` when no word is found.
pub fn snippet(text: &str, typed: &str) -> Option<String> {
    let pieces = helpdesk_text::snippet(text, typed, SNIPPET_WIDTH);
    if !pieces.iter().any(|p| p.hit) {
        return None;
    }
    Some(pieces.iter().map(|p| if p.hit { format!("**{}**", p.text) } else { p.text.clone() }).collect())
}

/// Search entries of every ticket and article, made from their documents.
pub fn rebuild(tx: &dyn WriteTx) -> StoreResult<()> {
    for mut row in tx.query("SELECT doc FROM tickets ORDER BY id", &[])? {
        let ticket = super::ticket_comments::ticket(&row.take_text(0)?, &[])?;
        super::tickets::reindex(tx, &ticket)?;
    }
    for mut row in tx.query("SELECT doc FROM kb_articles ORDER BY id", &[])? {
        let article: helpdesk_protocol::Article = serde_json::from_str(&row.take_text(0)?)?;
        super::kb::save(tx, &article)?;
    }
    Ok(())
}

/// Rebuilds the search entries when they were made with another index
/// form than this server's (once, at the first start of a new version);
/// whether it did.
pub fn rebuild_if_stale(tx: &dyn WriteTx) -> StoreResult<bool> {
    if super::setting(tx.reader(), INDEX_VERSION_KEY)?.as_deref() == Some(INDEX_VERSION) {
        return Ok(false);
    }
    rebuild(tx)?;
    super::set_setting(tx, INDEX_VERSION_KEY, INDEX_VERSION)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_and_russian_spellings_make_the_same_query() {
        assert_eq!(ts_query("Митна декларація"), ts_query("митні декларації"));
        assert_eq!(fts_query("сертифікат", None), fts_query("сертификат", None));
        assert_eq!(ts_query("HD-2026-000123"), "hd:* & 2026:* & 000123:*");
        assert_eq!(fts_query("а б", None), "");
    }

    #[test]
    fn latin_accents_go_as_in_sqlite_and_cyrillic_letters_keep_theirs() {
        assert_eq!(ts_query("Café Müller"), "cafe:* & muller:*");
        assert_eq!(document(&["Café", "Її"]), "cafe ии");
    }

    #[test]
    fn snippets_mark_the_found_words_as_written() {
        let s = snippet("Помилка підпису декларації в АСМО", "декларация").unwrap();
        assert!(s.contains("**декларації**"), "{s}");
        assert_eq!(snippet("Нічого спільного", "декларація"), None);
    }
}
