//! Full-text search over the replica: the knowledge base as the analyst
//! types, articles that match a ticket's subject, and tickets across all
//! queues. Ranking: the more of the typed words an entry has, the higher;
//! among equals, FTS5's bm25 with the title weighted over the body. The
//! index stores [`text::index_form`]; when those rules change,
//! [`SEARCH_INDEX_VERSION`] moves and the index is rebuilt once on open.

use crate::{text, Replica, Result, SettingKey};
use helpdesk_domain::ticket::Ticket;
use helpdesk_protocol::{Article, TicketView};
use helpdesk_text::Highlight;
use rusqlite::{params, Connection};

/// Bump when `helpdesk_text`'s index form or the search tables change
/// (3: the `ascii` tokenizer, migration 006).
const SEARCH_INDEX_VERSION: &str = "3";
/// Entries looked at per search before ranking by the words they match.
const CANDIDATES: i64 = 300;
/// A key is not shortened below this many letters (see `known_keys`).
const SHORTEST_BACK_OFF: usize = 5;
/// Characters of a snippet.
const SNIPPET_WIDTH: usize = 160;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    /// The article's id or the ticket's number.
    pub id: String,
    pub title: String,
    pub snippet: Vec<Highlight>,
    /// How many of the typed words the entry has.
    pub matched: usize,
    /// bm25 (lower is better) among entries with as many words matched.
    pub rank: f64,
}

#[derive(Clone, Copy)]
pub(crate) enum Index {
    Kb,
    Tickets,
}

impl Index {
    fn exists_sql(self) -> &'static str {
        match self {
            Index::Kb => "SELECT EXISTS (SELECT 1 FROM kb_fts WHERE kb_fts MATCH ?1)",
            Index::Tickets => "SELECT EXISTS (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ?1)",
        }
    }

    /// Rowid, the indexed text, bm25 (title over body), best first.
    fn candidates_sql(self) -> &'static str {
        match self {
            Index::Kb => {
                "SELECT rowid, title || ' ' || body || ' ' || tags, bm25(kb_fts, 5.0, 1.0, 3.0) AS rank
                 FROM kb_fts WHERE kb_fts MATCH ?1 ORDER BY rank LIMIT ?2"
            }
            Index::Tickets => {
                "SELECT rowid, number || ' ' || subject || ' ' || description || ' ' || comments, bm25(tickets_fts, 10.0, 5.0, 1.0, 1.0) AS rank
                 FROM tickets_fts WHERE tickets_fts MATCH ?1 ORDER BY rank LIMIT ?2"
            }
        }
    }

    /// What a hit shows: id or number, title or subject, body or description.
    fn details_sql(self) -> &'static str {
        match self {
            Index::Kb => "SELECT id, title, json_extract(doc, '$.body') FROM articles WHERE rowid = ?1",
            Index::Tickets => "SELECT number, json_extract(view, '$.ticket.subject'), json_extract(view, '$.ticket.description') FROM tickets WHERE rowid = ?1",
        }
    }
}

/// How many of the typed words an entry must have.
#[derive(Clone, Copy)]
enum Needed {
    Any,
    Half,
    /// Half, and two when there are more than two.
    Most,
}

/// An entry found by the FTS query, before ranking.
struct Candidate {
    rowid: i64,
    indexed: String,
    rank: f64,
}

impl Replica {
    /// Knowledge-base search as the analyst types: articles with the most
    /// of the typed words first, each word as a prefix of a stem.
    pub fn search_kb(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search(Index::Kb, typed, Needed::Any, limit)
    }

    /// Articles that answer a ticket with this subject: at least half of
    /// its words (and two, when it has more than two) in the article.
    pub fn suggest_kb(&self, subject: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search(Index::Kb, subject, Needed::Most, limit)
    }

    /// Tickets of every queue in this replica by number, subject,
    /// description and comments.
    pub fn search_tickets(&self, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search(Index::Tickets, typed, Needed::Half, limit)
    }

    fn search(&self, index: Index, typed: &str, needed: Needed, limit: usize) -> Result<Vec<SearchHit>> {
        let keys = self.known_keys(index, text::query_keys(typed))?;
        if keys.is_empty() {
            return Ok(vec![]);
        }
        let least = match needed {
            Needed::Any => 1,
            Needed::Half => keys.len().div_ceil(2),
            Needed::Most => keys.len().div_ceil(2).max(keys.len().min(2)),
        };
        // Entries with every word first (a short list even in a large
        // replica); those with only some of them when that is not enough.
        let mut found = self.candidates(index, &text::fts_all(&keys))?;
        if found.len() < limit && keys.len() > 1 {
            let all: Vec<i64> = found.iter().map(|c| c.rowid).collect();
            found.extend(self.candidates(index, &text::fts_any(&keys))?.into_iter().filter(|c| !all.contains(&c.rowid)));
        }
        let mut kept: Vec<(Candidate, usize)> = found
            .into_iter()
            .map(|c| {
                let matched = text::matched_keys(&keys, &c.indexed);
                (c, matched)
            })
            .filter(|(_, matched)| *matched >= least.max(1))
            .collect();
        kept.sort_by(|(a, am), (b, bm)| bm.cmp(am).then(a.rank.total_cmp(&b.rank)));
        kept.truncate(limit);
        let mut details = self.conn.prepare_cached(index.details_sql())?;
        let mut hits = Vec::with_capacity(kept.len());
        for (c, matched) in kept {
            let (id, title, body): (String, String, String) = details.query_row([c.rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            hits.push(SearchHit {
                snippet: text::snippet(&body, typed, SNIPPET_WIDTH),
                id,
                title,
                matched,
                rank: c.rank,
            });
        }
        Ok(hits)
    }

    /// The keys as the index knows them: a key no entry has is shortened a
    /// letter at a time (down to [`SHORTEST_BACK_OFF`] letters) until some
    /// entry has it — the stemmer leaves some forms longer than the stored
    /// ones (an infinitive, a Russian past participle) — or dropped, since
    /// no entry could match it (a number in a ticket's subject).
    fn known_keys(&self, index: Index, keys: Vec<String>) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(index.exists_sql())?;
        let mut known: Vec<String> = Vec::new();
        for key in keys {
            let mut chars: Vec<char> = key.chars().collect();
            loop {
                let candidate: String = chars.iter().collect();
                if stmt.query_row([text::fts_all(std::slice::from_ref(&candidate))], |r| r.get::<_, bool>(0))? {
                    if !known.contains(&candidate) {
                        known.push(candidate);
                    }
                    break;
                }
                if chars.len() <= SHORTEST_BACK_OFF {
                    break;
                }
                chars.pop();
            }
        }
        Ok(known)
    }

    /// The best entries for an FTS query, by bm25: only the index's own
    /// columns are read (the stored documents are read for the hits alone).
    fn candidates(&self, index: Index, query: &str) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(index.candidates_sql())?;
        let found = stmt
            .query_map(params![query, CANDIDATES], |r| {
                Ok(Candidate {
                    rowid: r.get(0)?,
                    indexed: r.get(1)?,
                    rank: r.get(2)?,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(found)
    }

    /// Rebuilds the search index once after its rules changed.
    pub(crate) fn keep_search_index_current(&self) -> Result<()> {
        if self.setting(SettingKey::SearchIndexVersion)?.as_deref() == Some(SEARCH_INDEX_VERSION) {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        let tickets: Vec<(i64, String)> = {
            let mut stmt = tx.prepare("SELECT rowid, view FROM tickets")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for (rowid, view) in tickets {
            let view: TicketView = serde_json::from_str(&view)?;
            index_ticket(&tx, rowid, &view.ticket)?;
        }
        let articles: Vec<(i64, String)> = {
            let mut stmt = tx.prepare("SELECT rowid, doc FROM articles")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for (rowid, doc) in articles {
            let article: Article = serde_json::from_str(&doc)?;
            index_article(&tx, rowid, &article)?;
        }
        tx.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SettingKey::SearchIndexVersion.as_str(), SEARCH_INDEX_VERSION],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// The indexed forms of an entry's columns, in its FTS table's order,
/// worked out apart from writing them (see `prepared`).
pub(crate) struct IndexForms(Vec<String>);

impl IndexForms {
    /// Bytes of text, all columns together.
    pub(crate) fn bytes(&self) -> usize {
        self.0.iter().map(String::len).sum()
    }
}

pub(crate) fn ticket_index_forms(t: &Ticket) -> IndexForms {
    let mut comments = String::with_capacity(t.comments.iter().map(|c| c.text.len() + 1).sum());
    for comment in &t.comments {
        text::append_index_form(&mut comments, &comment.text);
    }
    IndexForms(vec![
        text::index_form(&t.number),
        text::index_form(&t.subject),
        text::index_form(&t.description),
        comments,
    ])
}

pub(crate) fn article_index_forms(a: &Article) -> IndexForms {
    IndexForms(vec![text::index_form(&a.title), text::index_form(&a.body), text::index_form(&a.tags.join(" "))])
}

/// Whether a row being indexed may have a search entry already. A row
/// stored for the first time has none (an entry goes with its row), and
/// looking for one to delete costs FTS5 a lookup in three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    New,
    Replacing,
}

pub(crate) fn index_ticket(conn: &Connection, rowid: i64, t: &Ticket) -> Result<()> {
    store_ticket_index(conn, rowid, &ticket_index_forms(t), Entry::Replacing)
}

/// Deletes the search entry of the row `rowid`.
pub(crate) fn delete_index_entry(conn: &Connection, index: Index, rowid: i64) -> Result<()> {
    let sql = match index {
        Index::Kb => "DELETE FROM kb_fts WHERE rowid = ?1",
        Index::Tickets => "DELETE FROM tickets_fts WHERE rowid = ?1",
    };
    conn.prepare_cached(sql)?.execute([rowid])?;
    Ok(())
}

pub(crate) fn store_ticket_index(conn: &Connection, rowid: i64, forms: &IndexForms, entry: Entry) -> Result<()> {
    let [number, subject, description, comments] = forms.0.as_slice() else {
        unreachable!("a ticket is indexed in four columns")
    };
    if entry == Entry::Replacing {
        delete_index_entry(conn, Index::Tickets, rowid)?;
    }
    conn.prepare_cached("INSERT INTO tickets_fts(rowid, number, subject, description, comments) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![rowid, number, subject, description, comments])?;
    Ok(())
}

pub(crate) fn index_article(conn: &Connection, rowid: i64, a: &Article) -> Result<()> {
    store_article_index(conn, rowid, &article_index_forms(a), Entry::Replacing)
}

pub(crate) fn store_article_index(conn: &Connection, rowid: i64, forms: &IndexForms, entry: Entry) -> Result<()> {
    let [title, body, tags] = forms.0.as_slice() else {
        unreachable!("an article is indexed in three columns")
    };
    if entry == Entry::Replacing {
        delete_index_entry(conn, Index::Kb, rowid)?;
    }
    conn.prepare_cached("INSERT INTO kb_fts(rowid, title, body, tags) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![rowid, title, body, tags])?;
    Ok(())
}
