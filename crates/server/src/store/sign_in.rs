//! Failed sign-ins: counted in the same transaction that decides whether an
//! attempt may be checked at all, so parallel attempts get no more guesses
//! than serial ones, and kept in the database, so every server process and
//! the administrators' command line see the same counts.

use super::sql::{ReadTx, WriteTx};
use super::StoreResult;
use crate::args;
use chrono::{DateTime, Duration, Utc};

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
pub fn begin_attempt(tx: &dyn WriteTx, counters: &[Counter], now: DateTime<Utc>) -> StoreResult<Result<(), Duration>> {
    let now_ms = now.timestamp_millis();
    // PostgreSQL: each counter's lock (held to the commit, taken in one
    // order) before it is read, so parallel attempts count one after the
    // other, also on a counter that has no row yet.
    if tx.reader().dialect() == super::sql::Dialect::Postgres {
        let mut keys: Vec<String> = counters.iter().map(|c| format!("sign-in:{}:{}:{}", c.rule.scope, c.name, c.address)).collect();
        keys.sort();
        for key in keys {
            tx.query("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))", args![key])?;
        }
    }
    let select = "SELECT failures, blocked_until FROM sign_in_failures WHERE scope = ?1 AND name = ?2 AND address = ?3";
    let mut current = Vec::with_capacity(counters.len());
    for c in counters {
        let row = tx.query_opt(select, args![c.rule.scope, c.name, c.address])?;
        current.push(row.map(|r| Ok::<_, super::StoreError>((r.get::<i64>(0)?, r.get::<i64>(1)?))).transpose()?);
    }
    let wait = current.iter().flatten().map(|(_, until)| until - now_ms).max().unwrap_or(0);
    if wait > 0 {
        return Ok(Err(Duration::milliseconds(wait)));
    }
    let mut added = false;
    for (c, row) in counters.iter().zip(&current) {
        let blocked_until = |failures: i64| c.rule.wait_after(failures).map_or(0, |w| (now + w).timestamp_millis());
        added |= row.is_none();
        match row {
            Some((failures, _)) => {
                tx.execute(
                    "UPDATE sign_in_failures SET failures = ?4, blocked_until = ?5, last_at = ?6 WHERE scope = ?1 AND name = ?2 AND address = ?3",
                    args![c.rule.scope, c.name, c.address, failures + 1, blocked_until(failures + 1), now_ms],
                )?;
            }
            None => {
                // Two first attempts at once: the second counts on the first's row.
                tx.execute(
                    "INSERT INTO sign_in_failures(scope, name, address, failures, blocked_until, last_at) VALUES (?1, ?2, ?3, 1, ?4, ?5)
                     ON CONFLICT(scope, name, address) DO UPDATE SET failures = sign_in_failures.failures + 1, last_at = excluded.last_at",
                    args![c.rule.scope, c.name, c.address, blocked_until(1), now_ms],
                )?;
            }
        }
    }
    if added {
        prune(tx, now)?;
    }
    Ok(Ok(()))
}

/// A successful sign-in: the counters of its name are cleared, and the
/// attempt is taken back from the address's count across names (an office
/// behind one address signs in many people every morning).
pub fn succeeded(tx: &dyn WriteTx, counters: &[Counter]) -> StoreResult<()> {
    let decrement = tx.pick(
        "UPDATE sign_in_failures SET failures = max(failures - 1, 0),
           blocked_until = CASE WHEN failures - 1 < ?4 THEN 0 ELSE blocked_until END
         WHERE scope = ?1 AND name = ?2 AND address = ?3",
        "UPDATE sign_in_failures SET failures = greatest(failures - 1, 0),
           blocked_until = CASE WHEN failures - 1 < ?4 THEN 0 ELSE blocked_until END
         WHERE scope = ?1 AND name = ?2 AND address = ?3",
    );
    for c in counters {
        if c.rule.scope == "address" {
            tx.execute(decrement, args![c.rule.scope, c.name, c.address, c.rule.free_failures])?;
        } else {
            tx.execute(
                "DELETE FROM sign_in_failures WHERE scope = ?1 AND name = ?2 AND address = ?3",
                args![c.rule.scope, c.name, c.address],
            )?;
        }
    }
    Ok(())
}

/// An administrator's unlock: every counter of the name, from any address.
pub fn unlock(tx: &dyn WriteTx, name: &str) -> StoreResult<usize> {
    Ok(tx.execute("DELETE FROM sign_in_failures WHERE name = ?1", args![name])? as usize)
}

/// Until when the name is blocked for attempts from anywhere, if it is.
pub fn blocked_until(conn: &dyn ReadTx, name: &str, now: DateTime<Utc>) -> StoreResult<Option<DateTime<Utc>>> {
    let until: Option<i64> = conn.scalar(
        "SELECT max(blocked_until) FROM sign_in_failures WHERE name = ?1 AND blocked_until > ?2",
        args![name, now.timestamp_millis()],
    )?;
    Ok(until.and_then(DateTime::from_timestamp_millis))
}

fn prune(tx: &dyn WriteTx, now: DateTime<Utc>) -> StoreResult<()> {
    let now_ms = now.timestamp_millis();
    let forget = (now - Duration::hours(FORGET_AFTER_HOURS)).timestamp_millis();
    tx.execute("DELETE FROM sign_in_failures WHERE last_at < ?1 AND blocked_until < ?2", args![forget, now_ms])?;
    let rows: i64 = tx.scalar("SELECT count(*) FROM sign_in_failures", &[])?;
    if rows > MAX_ROWS {
        let sql = tx.pick(
            "DELETE FROM sign_in_failures WHERE rowid IN (SELECT rowid FROM sign_in_failures ORDER BY last_at LIMIT ?1)",
            "DELETE FROM sign_in_failures WHERE ctid IN (SELECT ctid FROM sign_in_failures ORDER BY last_at LIMIT ?1)",
        );
        tx.execute(sql, args![rows - MAX_ROWS])?;
    }
    Ok(())
}

/// Rows in the table (for tests and the administrators).
pub fn count(conn: &dyn ReadTx) -> StoreResult<i64> {
    conn.scalar("SELECT count(*) FROM sign_in_failures", &[])
}
