//! What PostgreSQL did for the load, from its statistics views: commits
//! per applied op, and the rows written and sequential scans per table
//! per applied op — where a write's cost goes.

use helpdesk_server::store::{Store, StoreError};
use std::collections::HashMap;

pub struct Snapshot {
    commits: i64,
    rollbacks: i64,
    /// table → (rows inserted + updated + deleted, sequential scans)
    tables: HashMap<String, (i64, i64)>,
}

pub fn take(store: &Store) -> Option<Snapshot> {
    store
        .read(|r| {
            let db = r.query_one(
                "SELECT xact_commit::bigint, xact_rollback::bigint FROM pg_stat_database WHERE datname = current_database()",
                &[],
            )?;
            let mut tables = HashMap::new();
            for row in r.query(
                "SELECT relname::text, (n_tup_ins + n_tup_upd + n_tup_del)::bigint, coalesce(seq_scan, 0)::bigint FROM pg_stat_user_tables",
                &[],
            )? {
                tables.insert(row.get::<String>(0)?, (row.get::<i64>(1)?, row.get::<i64>(2)?));
            }
            Ok::<_, StoreError>(Snapshot {
                commits: db.get(0)?,
                rollbacks: db.get(1)?,
                tables,
            })
        })
        .ok()
}

/// One line per fact, per applied op.
pub fn report(before: &Snapshot, after: &Snapshot, applied: u64) -> Vec<String> {
    let per = |n: i64| n as f64 / applied.max(1) as f64;
    let mut tables: Vec<(String, i64, i64)> = after
        .tables
        .iter()
        .map(|(name, (written, scans))| {
            let (w0, s0) = before.tables.get(name).copied().unwrap_or((0, 0));
            (name.clone(), written - w0, scans - s0)
        })
        .filter(|(_, written, scans)| *written > 0 || *scans > 0)
        .collect();
    tables.sort_by_key(|(_, written, _)| -written);
    let written: Vec<String> = tables
        .iter()
        .filter(|t| t.1 > 0)
        .take(8)
        .map(|(n, w, _)| format!("{n} {:.2}", per(*w)))
        .collect();
    let mut scanned: Vec<(String, i64, i64)> = tables.iter().filter(|t| t.2 > 0).cloned().collect();
    scanned.sort_by_key(|(_, _, scans)| -scans);
    let scans: Vec<String> = scanned.iter().take(5).map(|(n, _, s)| format!("{n} {:.2}", per(*s))).collect();
    vec![
        format!(
            "PostgreSQL per applied op: {:.2} commits, {:.3} rollbacks",
            per(after.commits - before.commits),
            per(after.rollbacks - before.rollbacks)
        ),
        format!("  rows written per applied op: {}", written.join(", ")),
        format!(
            "  sequential scans per applied op: {}",
            if scans.is_empty() { "none".to_string() } else { scans.join(", ") }
        ),
    ]
}
