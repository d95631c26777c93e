//! Moving a deployment from its SQLite file into PostgreSQL: every table
//! copied row by row in one PostgreSQL transaction, search entries rebuilt,
//! identity sequences moved past the copied ids, and each table verified
//! by its row count and a checksum of its rows read back from both sides.

use super::sql::{ReadTx, Row, Value};
use super::{Store, StoreError, StoreResult};
use crate::args;
use sha2::{Digest, Sha256};

/// The tables in an order their references allow.
pub const TABLES: &[&str] = &[
    "users",
    "groups",
    "group_members",
    "tokens",
    "policies",
    "routing_rules",
    "tickets",
    "ticket_events",
    "ticket_comments",
    "ticket_numbers",
    "attachments",
    "attachment_uploads",
    "ticket_attachments",
    "kb_articles",
    "kb_comments",
    "kb_usage",
    "kb_revisions",
    "kb_views",
    "kb_review_flags",
    "changes",
    "memberships",
    "counters",
    "sync_clients",
    "sync_results",
    "audit",
    "settings",
    "sign_in_failures",
    "mail_outbox",
    "mail_inbox_state",
    "mail_inbox_seen",
];

/// Tables whose `id` PostgreSQL hands out itself.
const IDENTITIES: &[&str] = &["routing_rules", "attachment_uploads", "kb_comments", "audit"];

/// One table as copied: its rows and their checksum on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopy {
    pub table: &'static str,
    pub rows: u64,
    pub checksum: String,
}

fn columns(source: &dyn ReadTx, table: &str) -> StoreResult<Vec<String>> {
    source.column("SELECT name FROM pragma_table_info(?1) ORDER BY cid", args![table])
}

/// The rows' count and an order-free checksum (XOR of each row's SHA-256).
fn checksum(rows: &[Row]) -> String {
    let mut acc = [0u8; 32];
    for row in rows {
        let mut hash = Sha256::new();
        for value in &row.0 {
            match value {
                Value::Null => hash.update(b"N"),
                Value::Int(i) => hash.update(format!("I{i}")),
                Value::Real(f) => hash.update(format!("R{f}")),
                Value::Text(s) => hash.update(format!("T{}:{s}", s.len())),
                Value::Blob(b) => {
                    hash.update(format!("B{}:", b.len()));
                    hash.update(b);
                }
            }
            hash.update(b"|");
        }
        for (a, b) in acc.iter_mut().zip(hash.finalize()) {
            *a ^= b;
        }
    }
    hex::encode(acc)
}

/// Copies everything of `source` (SQLite) into `target` (PostgreSQL, with
/// no users and no tickets yet) and verifies it.
pub fn sqlite_to_postgres(source: &Store, target: &Store) -> StoreResult<Vec<TableCopy>> {
    let snapshot: Vec<(&'static str, Vec<String>, Vec<Row>)> = source.read(|src| {
        TABLES
            .iter()
            .map(|t| {
                let cols = columns(src, t)?;
                let rows = src.query(&format!("SELECT {} FROM {t}", cols.join(", ")), &[])?;
                Ok::<_, StoreError>((*t, cols, rows))
            })
            .collect::<StoreResult<Vec<_>>>()
    })?;
    target.write(|dst| {
        let filled: i64 = dst.scalar("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM tickets)", &[])?;
        if filled > 0 {
            return Err(StoreError::Database(
                "the PostgreSQL database already holds users or tickets; migrate into a new, empty database".into(),
            ));
        }
        // What the target's first start wrote (the presets, the counter) gives way to the copy.
        dst.batch("DELETE FROM policies; DELETE FROM counters; DELETE FROM settings")?;
        for (table, cols, rows) in &snapshot {
            let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO {table} ({}) VALUES ({})", cols.join(", "), placeholders.join(", "));
            for row in rows {
                dst.execute(&sql, &row.0)?;
            }
        }
        for table in IDENTITIES {
            dst.query(
                &format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"),
                &[],
            )?;
        }
        super::search_text::rebuild(dst)?;
        Ok(())
    })?;
    // Verified as PostgreSQL now holds it.
    target.read(|dst| {
        snapshot
            .iter()
            .map(|(table, cols, rows)| {
                let copied = dst.query(&format!("SELECT {} FROM {table}", cols.join(", ")), &[])?;
                let (expected, found) = (checksum(rows), checksum(&copied));
                if rows.len() != copied.len() || expected != found {
                    return Err(StoreError::Database(format!(
                        "table {table}: {} rows with checksum {expected} in SQLite, {} rows with checksum {found} in PostgreSQL; nothing is lost in SQLite: drop the PostgreSQL database and migrate again",
                        rows.len(),
                        copied.len()
                    )));
                }
                Ok(TableCopy {
                    table,
                    rows: rows.len() as u64,
                    checksum: expected,
                })
            })
            .collect()
    })
}
