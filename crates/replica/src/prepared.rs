//! Making a pull's staged pages visible: what each change stores (a
//! ticket's columns, digest and search text; an article's) is worked out
//! on a second thread while this one writes the rows before it to SQLite,
//! so parsing and stemming overlap the database's work — or was worked out
//! already while the pull went on (`ahead`). The rows are written in the
//! pages' order, in the caller's transaction.

use crate::ahead::Changes;
use crate::digest::TicketDigest;
use crate::search::{article_index_forms, delete_index_entry, store_article_index, store_ticket_index, ticket_index_forms, Entry, Index, IndexForms};
use crate::{drop_if_orphaned, millis, ReplicaError, Result, StagedChange, StagedPage};
use helpdesk_protocol::{Article, TicketDelta, TicketView};
use rusqlite::{params, Connection, OptionalExtension};
use std::borrow::Cow;
use std::collections::{hash_map, BTreeMap, HashMap};
use std::sync::{mpsc, Arc, Mutex};

/// Changes worked out ahead of the writer, at most.
const AHEAD: usize = 256;
/// Changes handed to the writer at a time.
const BATCH: usize = 32;

/// A ticket as the replica stores it, worked out from its view.
pub(crate) struct TicketRow<'a> {
    pub view: Cow<'a, str>,
    pub id: String,
    pub number: String,
    pub version: i64,
    pub status: &'static str,
    pub group: String,
    pub owner: Option<String>,
    pub priority: u8,
    pub updated_at: i64,
    pub digest: String,
    pub index: IndexForms,
}

impl<'a> TicketRow<'a> {
    /// Parses a ticket view given as JSON; the JSON is stored as it is.
    pub(crate) fn of(view: &'a str) -> Result<TicketRow<'a>> {
        let full: TicketView = serde_json::from_str(view)?;
        let digest = serde_json::to_string(&TicketDigest::of(&full))?;
        let index = ticket_index_forms(&full.ticket);
        let t = full.ticket;
        Ok(TicketRow {
            view: Cow::Borrowed(view),
            version: t.version as i64,
            status: t.status.as_str(),
            priority: t.priority.value(),
            updated_at: millis(t.updated_at),
            id: t.id,
            number: t.number,
            group: t.group,
            owner: t.owner,
            digest,
            index,
        })
    }

    /// The same row, holding its own copy of the view.
    fn into_owned(self) -> TicketRow<'static> {
        TicketRow {
            view: Cow::Owned(self.view.into_owned()),
            ..self
        }
    }

    /// Writes the row, its digest and its search entry; returns the id. An
    /// older version than the stored one changes neither.
    pub(crate) fn store(self, conn: &Connection) -> Result<String> {
        let (id, written) = self.store_row(conn)?;
        if let Some(IndexEntry { rowid, index, entry }) = written {
            store_ticket_index(conn, rowid, &index, entry)?;
        }
        Ok(id)
    }

    /// Writes the row and its digest; returns the id, and the row's search
    /// entry for the caller to write when the row was written.
    fn store_row(self, conn: &Connection) -> Result<(String, Option<IndexEntry>)> {
        let entry = row_entry(conn, "SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?1)", &self.id)?;
        let written: Option<i64> = conn
            .prepare_cached(
                "INSERT INTO tickets(id, number, version, status, group_id, owner, priority, updated_at, view, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET number = excluded.number, version = excluded.version, status = excluded.status, group_id = excluded.group_id,
                   owner = excluded.owner, priority = excluded.priority, updated_at = excluded.updated_at, view = excluded.view, digest = excluded.digest
                 WHERE excluded.version >= tickets.version
                 RETURNING rowid",
            )?
            .query_row(
                params![
                    self.id,
                    self.number,
                    self.version,
                    self.status,
                    self.group,
                    self.owner,
                    self.priority,
                    self.updated_at,
                    self.view,
                    self.digest
                ],
                |r| r.get(0),
            )
            .optional()?;
        let index = self.index;
        Ok((self.id, written.map(|rowid| IndexEntry { rowid, index, entry })))
    }
}

/// A written row's search entry, to be written.
struct IndexEntry {
    rowid: i64,
    index: IndexForms,
    entry: Entry,
}

/// Whether the row `id` about to be written is new (`exists` tells).
fn row_entry(conn: &Connection, exists: &str, id: &str) -> Result<Entry> {
    let exists: bool = conn.prepare_cached(exists)?.query_row([id], |r| r.get(0))?;
    Ok(if exists { Entry::Replacing } else { Entry::New })
}

/// An article with its search text.
pub(crate) struct ArticleRow {
    pub article: Article,
    pub index: IndexForms,
}

impl ArticleRow {
    pub(crate) fn of(article: Article) -> ArticleRow {
        let index = article_index_forms(&article);
        ArticleRow { article, index }
    }

    /// Writes the article and returns its rowid and whether it is new; its
    /// search entry is the caller's to write.
    fn store_row(&self, conn: &Connection) -> Result<(i64, Entry)> {
        let a = &self.article;
        let entry = row_entry(conn, "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)", &a.id)?;
        conn.prepare_cached(
            "INSERT INTO articles(id, title, language, public, updated_at, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, language = excluded.language, public = excluded.public, updated_at = excluded.updated_at, doc = excluded.doc",
        )?
        .execute(params![a.id, a.title, a.language, a.public, millis(a.updated_at), serde_json::to_string(a)?])?;
        let rowid = conn
            .prepare_cached("SELECT rowid FROM articles WHERE id = ?1")?
            .query_row([&a.id], |r| r.get(0))?;
        Ok((rowid, entry))
    }
}

/// A change as it will be written.
pub(crate) enum Prepared<'a> {
    Ticket {
        bucket: String,
        row: Box<TicketRow<'a>>,
    },
    Article {
        bucket: String,
        row: Box<ArticleRow>,
    },
    Remove {
        bucket: String,
        kind: &'static str,
        id: String,
    },
    /// What changed in a ticket since a version: merged with the row held
    /// when it is written (the rows before it may change that row).
    TicketDelta {
        bucket: String,
        delta: Box<TicketDelta>,
    },
    /// The end of a page, with the cursors it brings.
    PageEnd(BTreeMap<String, u64>),
}

impl Prepared<'_> {
    /// The same change, holding its own copy of what it borrowed.
    pub(crate) fn into_owned(self) -> Prepared<'static> {
        match self {
            Prepared::Ticket { bucket, row } => Prepared::Ticket {
                bucket,
                row: Box::new(row.into_owned()),
            },
            Prepared::Article { bucket, row } => Prepared::Article { bucket, row },
            Prepared::Remove { bucket, kind, id } => Prepared::Remove { bucket, kind, id },
            Prepared::TicketDelta { bucket, delta } => Prepared::TicketDelta { bucket, delta },
            Prepared::PageEnd(cursors) => Prepared::PageEnd(cursors),
        }
    }
}

/// Every change of a staged page, worked out, then the page's end.
pub(crate) fn prepare_page(page: &str) -> Result<Vec<Prepared<'_>>> {
    let page: StagedPage = serde_json::from_str(page)?;
    let mut changes = Vec::with_capacity(page.changes.len() + 1);
    for change in page.changes {
        changes.push(prepare(change)?);
    }
    changes.push(Prepared::PageEnd(page.cursors));
    Ok(changes)
}

fn prepare<'a>(change: StagedChange<'a>) -> Result<Prepared<'a>> {
    let missing = |what: &str| ReplicaError::Corrupt(format!("a `{}` change without its {what}", change.kind));
    Ok(match change.kind.as_str() {
        "ticket" => {
            let raw = change.ticket.ok_or_else(|| missing("ticket"))?;
            Prepared::Ticket {
                row: Box::new(TicketRow::of(raw.get())?),
                bucket: change.bucket,
            }
        }
        "ticket_delta" => Prepared::TicketDelta {
            delta: change.delta.ok_or_else(|| missing("delta"))?,
            bucket: change.bucket,
        },
        "article" => {
            let article = change.article.ok_or_else(|| missing("article"))?;
            Prepared::Article {
                row: Box::new(ArticleRow::of(article)),
                bucket: change.bucket,
            }
        }
        "remove_ticket" | "remove_article" => {
            let kind = if change.kind == "remove_ticket" { "ticket" } else { "article" };
            let id = change.id.ok_or_else(|| missing("id"))?;
            Prepared::Remove {
                bucket: change.bucket,
                kind,
                id,
            }
        }
        other => return Err(ReplicaError::Corrupt(format!("unknown change kind `{other}`"))),
    })
}

/// Search entries of the rows written so far, written after them in one
/// go: FTS5 writes the terms it holds in memory out to a new segment at
/// every statement savepoint, and each row's upsert opens one, so entries
/// written between the rows would make a tiny segment per row, and merges
/// of them. It does the same when an entry is written or deleted under a
/// rowid below the last one written, so the entries are written in the
/// order of their rowids, the deletions of the ones they replace first; a
/// row written again (a ticket in two buckets) keeps one entry, its last.
#[derive(Default)]
struct PendingIndex {
    /// In the order written; `None` for a row removed since.
    tickets: Vec<Option<IndexEntry>>,
    articles: Vec<Option<IndexEntry>>,
    /// Where each row's entry is in `tickets` or `articles`.
    entities: HashMap<(&'static str, String), usize>,
    bytes: usize,
}

impl PendingIndex {
    fn add(&mut self, kind: &'static str, entity: &str, entry: IndexEntry) {
        self.bytes += entry.index.bytes();
        let PendingIndex {
            tickets, articles, entities, ..
        } = self;
        let entries = if kind == "ticket" { tickets } else { articles };
        match entities.entry((kind, entity.to_string())) {
            // The row's entry is not in the index yet: the newer one takes
            // its place (the rowid of a row written again stays the same).
            hash_map::Entry::Occupied(held) => {
                if let Some(pending) = &mut entries[*held.get()] {
                    pending.index = entry.index;
                }
            }
            hash_map::Entry::Vacant(place) => {
                place.insert(entries.len());
                entries.push(Some(entry));
            }
        }
    }

    /// Drops the entry of a row removed.
    fn forget(&mut self, kind: &'static str, entity: &str) {
        if let Some(at) = self.entities.remove(&(kind, entity.to_string())) {
            let entries = if kind == "ticket" { &mut self.tickets } else { &mut self.articles };
            entries[at] = None;
        }
    }

    /// Writes every entry: first the deletions of the entries replaced,
    /// then the new ones, each in the order of their rowids.
    fn write(&mut self, conn: &Connection) -> Result<()> {
        for (entries, index) in [(&mut self.tickets, Index::Tickets), (&mut self.articles, Index::Kb)] {
            let mut entries: Vec<IndexEntry> = entries.drain(..).flatten().collect();
            entries.sort_unstable_by_key(|e| e.rowid);
            for e in entries.iter().filter(|e| e.entry == Entry::Replacing) {
                delete_index_entry(conn, index, e.rowid)?;
            }
            for IndexEntry { rowid, index: forms, .. } in entries {
                match index {
                    Index::Tickets => store_ticket_index(conn, rowid, &forms, Entry::New)?,
                    Index::Kb => store_article_index(conn, rowid, &forms, Entry::New)?,
                }
            }
        }
        self.entities.clear();
        self.bytes = 0;
        Ok(())
    }
}

/// Search text held back at most before it is written (see `PendingIndex`).
const PENDING_INDEX_BYTES: usize = 32 << 20;

fn write(conn: &Connection, change: Prepared, pending: &mut PendingIndex) -> Result<()> {
    let (kind, entity, bucket) = match change {
        Prepared::Ticket { bucket, row } => {
            // A want of this ticket is left alone: fetched after the pull,
            // it is stored only if no older than this row.
            let (id, written) = row.store_row(conn)?;
            if let Some(written) = written {
                pending.add("ticket", &id, written);
            }
            ("ticket", id, bucket)
        }
        Prepared::Article { bucket, row } => {
            let (rowid, entry) = row.store_row(conn)?;
            let ArticleRow { article, index } = *row;
            pending.add("article", &article.id, IndexEntry { rowid, index, entry });
            ("article", article.id, bucket)
        }
        Prepared::TicketDelta { bucket, delta } => {
            let id = delta.ticket.id.clone();
            if !merge_delta(conn, *delta, pending)? {
                conn.prepare_cached("INSERT OR IGNORE INTO wanted_tickets(id, bucket) VALUES (?1, ?2)")?
                    .execute(params![id, bucket])?;
                return Ok(());
            }
            ("ticket", id, bucket)
        }
        Prepared::Remove { bucket, kind, id } => {
            if kind == "ticket" {
                conn.prepare_cached("DELETE FROM wanted_tickets WHERE id = ?1 AND bucket = ?2")?
                    .execute(params![id, bucket])?;
            }
            conn.prepare_cached("DELETE FROM row_buckets WHERE kind = ?1 AND entity = ?2 AND bucket = ?3")?
                .execute(params![kind, id, bucket])?;
            // A row gone takes its entry with it (the one in the index goes
            // with the row; one still to be written is not written).
            if drop_if_orphaned(conn, kind, &id)? {
                pending.forget(kind, &id);
            }
            return Ok(());
        }
        Prepared::PageEnd(_) => return Ok(()),
    };
    conn.prepare_cached("INSERT OR IGNORE INTO row_buckets(kind, entity, bucket) VALUES (?1, ?2, ?3)")?
        .execute(params![kind, entity, bucket])?;
    Ok(())
}

/// Writes the ticket `delta` brings, built on the row held; false when the
/// row held is not the version the delta was cut from (nor a newer one):
/// the ticket is then to be fetched whole.
fn merge_delta(conn: &Connection, delta: TicketDelta, pending: &mut PendingIndex) -> Result<bool> {
    let held: Option<(i64, String)> = conn
        .prepare_cached("SELECT version, view FROM tickets WHERE id = ?1")?
        .query_row([&delta.ticket.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((version, view)) = held else { return Ok(false) };
    if version >= delta.ticket.version as i64 {
        // As new already (the same change came in another bucket).
        return Ok(true);
    }
    let Ok(merged) = delta.apply_to(serde_json::from_str(&view)?) else {
        return Ok(false);
    };
    let json = serde_json::to_string(&merged)?;
    let (id, written) = TicketRow::of(&json)?.store_row(conn)?;
    if let Some(written) = written {
        pending.add("ticket", &id, written);
    }
    Ok(true)
}

/// A staged page at the checkpoint.
pub(crate) enum Staged {
    /// Handed to the preparing thread (`ahead`): its text, and its changes
    /// as the thread works them out.
    Ahead { page: Arc<str>, prepared: Mutex<mpsc::Receiver<Changes>> },
    /// Read from the database, to be worked out now.
    Stored(String),
}

impl Staged {
    pub(crate) fn len(&self) -> usize {
        match self {
            Staged::Ahead { page, .. } => page.len(),
            Staged::Stored(page) => page.len(),
        }
    }
}

/// Writes every change of `pages` (oldest first) in `conn`'s transaction;
/// returns the cursors of the last page, if any.
pub(crate) fn apply_pages(conn: &Connection, pages: &[Staged]) -> Result<Option<BTreeMap<String, u64>>> {
    std::thread::scope(|scope| {
        let (sender, prepared) = mpsc::sync_channel::<Result<Vec<Prepared>>>(AHEAD / BATCH);
        scope.spawn(move || {
            for staged in pages {
                let sent = match staged {
                    Staged::Ahead { page, prepared } => match prepared.lock().unwrap_or_else(|p| p.into_inner()).recv() {
                        Ok(Ok(changes)) => sender.send(Ok(changes)).is_ok(),
                        Ok(Err(e)) => {
                            let _ = sender.send(Err(e));
                            false
                        }
                        // The thread is gone: the page is worked out here.
                        Err(_) => prepare_into(page, &sender),
                    },
                    Staged::Stored(page) => prepare_into(page, &sender),
                };
                if !sent {
                    return;
                }
            }
        });
        let mut last_cursors = None;
        let mut pending = PendingIndex::default();
        for changes in prepared {
            for change in changes? {
                match change {
                    Prepared::PageEnd(cursors) => last_cursors = Some(cursors),
                    change => write(conn, change, &mut pending)?,
                }
            }
            if pending.bytes >= PENDING_INDEX_BYTES {
                pending.write(conn)?;
            }
        }
        pending.write(conn)?;
        Ok(last_cursors)
    })
}

/// Works out the changes of `page` into `sender`, a batch at a time; false
/// when the page could not be read or the writer stopped.
fn prepare_into<'a>(page: &'a str, sender: &mpsc::SyncSender<Result<Vec<Prepared<'a>>>>) -> bool {
    let page: StagedPage = match serde_json::from_str(page) {
        Ok(page) => page,
        Err(e) => {
            let _ = sender.send(Err(e.into()));
            return false;
        }
    };
    let mut batch = Vec::with_capacity(BATCH);
    for change in page.changes {
        match prepare(change) {
            Ok(change) => batch.push(change),
            Err(e) => {
                let _ = sender.send(Err(e));
                return false;
            }
        }
        if batch.len() == BATCH && sender.send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))).is_err() {
            return false;
        }
    }
    batch.push(Prepared::PageEnd(page.cursors));
    sender.send(Ok(batch)).is_ok()
}
