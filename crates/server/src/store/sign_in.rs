//! Failed sign-ins: counted in the same transaction that decides whether an
//! attempt may be checked at all, so parallel attempts get no more guesses
//! than serial ones, and kept in the database, so every server process and
//! the administrators' command line see the same counts.

use super::StoreResult;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

/// Rows quiet for this long are forgotten.
const FORGET_AFTER_HOURS: i64 = 24;
/// The table never holds more rows than this; the oldest go first.
pub const MAX_ROWS: i64 = 100_000;

/// How one scope throttles: attempts checked freely, then a wait that
/// doubles with every further failure up to a ceiling.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub scope: &'static str,
    pub free_failures: i64,
    pub first_wait_seconds: i64,
    pub max_wait_seconds: i64,
}

impl Rule {
    /// The wait after the `failures`-th counted attempt.
    pub fn wait_after(&self, failures: i64) -> Option<Duration> {
        if failures < self.free_failures {
            return None;
        }
        let doublings = (failures - self.free_failures).min(30) as u32;
        let wait = self.first_wait_seconds.saturating_mul(1_i64 << doublings).min(self.max_wait_seconds);
        Some(Duration::seconds(wait))
    }
}

/// One counter: a scope with its name and address parts.
#[derive(Debug, Clone)]
pub struct Counter<'a> {
    pub rule: Rule,
    pub name: &'a str,
    pub address: &'a str,
}

/// Counts an attempt on every counter, or, when any of them is still
/// blocked, counts nothing and returns how long the caller must wait.
pub fn begin_attempt(tx: &Transaction, counters: &[Counter], now: DateTime<Utc>) -> StoreResult<Result<(), Duration>> {
    let now_ms = now.timestamp_millis();
    let mut current = Vec::with_capacity(counters.len());
    for c in counters {
        let row: Option<(i64, i64)> = tx
            .prepare_cached("SELECT failures, blocked_until FROM sign_in_failures WHERE scope = ?1 AND name = ?2 AND address = ?3")?
            .query_row(params![c.rule.scope, c.name, c.address], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        current.push(row);
    }
    let wait = current.iter().flatten().map(|(_, until)| until - now_ms).max().unwrap_or(0);
    if wait > 0 {
        return Ok(Err(Duration::milliseconds(wait)));
    }
    let mut added = false;
    for (c, row) in counters.iter().zip(&current) {
        let failures = row.map_or(0, |r| r.0) + 1;
        let blocked_until = c.rule.wait_after(failures).map_or(0, |w| (now + w).timestamp_millis());
        added |= row.is_none();
        tx.prepare_cached(
            "INSERT INTO sign_in_failures(scope, name, address, failures, blocked_until, last_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(scope, name, address) DO UPDATE SET failures = excluded.failures, blocked_until = excluded.blocked_until, last_at = excluded.last_at",
        )?
        .execute(params![c.rule.scope, c.name, c.address, failures, blocked_until, now_ms])?;
    }
    if added {
        prune(tx, now)?;
    }
    Ok(Ok(()))
}

/// A successful sign-in: the counters of its name are cleared, and the
/// attempt is taken back from the address's count across names (an office
/// behind one address signs in many people every morning).
pub fn succeeded(tx: &Transaction, counters: &[Counter]) -> StoreResult<()> {
    for c in counters {
        if c.rule.scope == "address" {
            tx.prepare_cached(
                "UPDATE sign_in_failures SET failures = max(failures - 1, 0),
                   blocked_until = CASE WHEN failures - 1 < ?4 THEN 0 ELSE blocked_until END
                 WHERE scope = ?1 AND name = ?2 AND address = ?3",
            )?
            .execute(params![c.rule.scope, c.name, c.address, c.rule.free_failures])?;
        } else {
            tx.prepare_cached("DELETE FROM sign_in_failures WHERE scope = ?1 AND name = ?2 AND address = ?3")?
                .execute(params![c.rule.scope, c.name, c.address])?;
        }
    }
    Ok(())
}

/// An administrator's unlock: every counter of the name, from any address.
pub fn unlock(tx: &Transaction, name: &str) -> StoreResult<usize> {
    Ok(tx.execute("DELETE FROM sign_in_failures WHERE name = ?1", [name])?)
}

/// Until when the name is blocked for attempts from anywhere, if it is.
pub fn blocked_until(conn: &rusqlite::Connection, name: &str, now: DateTime<Utc>) -> StoreResult<Option<DateTime<Utc>>> {
    let until: Option<i64> = conn.query_row(
        "SELECT max(blocked_until) FROM sign_in_failures WHERE name = ?1 AND blocked_until > ?2",
        params![name, now.timestamp_millis()],
        |r| r.get(0),
    )?;
    Ok(until.and_then(DateTime::from_timestamp_millis))
}

fn prune(tx: &Transaction, now: DateTime<Utc>) -> StoreResult<()> {
    let now_ms = now.timestamp_millis();
    let forget = (now - Duration::hours(FORGET_AFTER_HOURS)).timestamp_millis();
    tx.prepare_cached("DELETE FROM sign_in_failures WHERE last_at < ?1 AND blocked_until < ?2")?
        .execute(params![forget, now_ms])?;
    let rows: i64 = tx.prepare_cached("SELECT count(*) FROM sign_in_failures")?.query_row([], |r| r.get(0))?;
    if rows > MAX_ROWS {
        tx.prepare_cached("DELETE FROM sign_in_failures WHERE rowid IN (SELECT rowid FROM sign_in_failures ORDER BY last_at LIMIT ?1)")?
            .execute([rows - MAX_ROWS])?;
    }
    Ok(())
}

/// Rows in the table (for tests and the administrators).
pub fn count(conn: &rusqlite::Connection) -> StoreResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sign_in_failures", [], |r| r.get(0))?)
}
