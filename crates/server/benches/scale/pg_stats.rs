//! What PostgreSQL did for the load, from its statistics views: commits
//! per applied op, and the rows written and sequential scans per table
//! per applied op — where a write's cost goes. With `BENCH_PG_STATEMENTS=1`
//! the cluster loads `pg_stat_statements` and the report adds the
//! statements that took the most of PostgreSQL's time, per applied op.

use helpdesk_server::store::{Store, StoreError};
use std::collections::HashMap;

pub struct Snapshot {
    commits: i64,
    rollbacks: i64,
    /// table → (rows inserted + updated + deleted, sequential scans)
    tables: HashMap<String, (i64, i64)>,
    /// statement → (calls, milliseconds), where `pg_stat_statements` is loaded
    statements: HashMap<String, (i64, f64)>,
}

/// The server setting that loads `pg_stat_statements`, when asked for.
pub fn statements_option() -> Option<&'static str> {
    std::env::var("BENCH_PG_STATEMENTS")
        .is_ok_and(|v| v == "1")
        .then_some("-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all")
}

/// Creates the extension in the database of `store`, where the cluster loaded it.
pub fn enable_statements(store: &Store) {
    if statements_option().is_some() {
        if let Err(e) = store.write(|tx| tx.batch("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) {
            println!("  pg_stat_statements: not available ({e})");
        }
    }
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
            let mut statements = HashMap::new();
            if statements_option().is_some() {
                let rows = r.query(
                    "SELECT query, sum(calls)::bigint, sum(total_exec_time)::float8 FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY query",
                    &[],
                );
                for row in rows.unwrap_or_default() {
                    statements.insert(row.get::<String>(0)?, (row.get::<i64>(1)?, row.get::<f64>(2)?));
                }
            }
            Ok::<_, StoreError>(Snapshot {
                commits: db.get(0)?,
                rollbacks: db.get(1)?,
                tables,
                statements,
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
    let mut statements: Vec<(String, i64, f64)> = after
        .statements
        .iter()
        .map(|(query, (calls, ms))| {
            let (c0, m0) = before.statements.get(query).copied().unwrap_or((0, 0.0));
            (query.clone(), calls - c0, ms - m0)
        })
        .filter(|(_, calls, _)| *calls > 0)
        .collect();
    statements.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut lines = vec![
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
    ];
    if !statements.is_empty() {
        let calls: i64 = statements.iter().map(|s| s.1).sum();
        let ms: f64 = statements.iter().map(|s| s.2).sum();
        lines.push(format!(
            "  statements per applied op: {:.1} calls, {:.3} ms executing; the most time:",
            per(calls),
            ms / applied.max(1) as f64
        ));
        for (query, calls, ms) in statements.iter().take(25) {
            let query: String = query.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(150).collect();
            lines.push(format!(
                "    {:.3} ms/op {:>6.2} calls/op {:>7.1} µs/call  {query}",
                ms / applied.max(1) as f64,
                per(*calls),
                ms * 1e3 / (*calls).max(1) as f64
            ));
        }
    }
    lines
}
