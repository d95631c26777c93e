//! The storage boundary's two traits: a read transaction (one consistent
//! snapshot) and a write transaction (one atomic unit of work). The store's
//! functions speak the domain's types over them; SQLite and PostgreSQL each
//! implement them. SQL is written per dialect where the dialects differ and
//! once (with `?N` parameters) where they agree; the PostgreSQL side turns
//! `?N` into `$N`.

use super::{StoreError, StoreResult};
use std::cell::RefCell;

/// Which SQL a transaction speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// One SQL value, as bound to a parameter or read from a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<i32> for Value {
    fn from(v: i32) -> Self {
        Value::Int(v.into())
    }
}
impl From<u8> for Value {
    fn from(v: u8) -> Self {
        Value::Int(v.into())
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(v.into())
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<&&str> for Value {
    fn from(v: &&str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Self {
        Value::Blob(v.to_vec())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}
impl From<&Option<String>> for Value {
    fn from(v: &Option<String>) -> Self {
        v.as_deref().map_or(Value::Null, Value::from)
    }
}

/// Parameters of a statement: `args![a, b, c]`.
#[macro_export]
macro_rules! args {
    ($($v:expr),* $(,)?) => {
        &[$($crate::store::sql::Value::from($v)),*][..]
    };
}

/// A value read from a column, converted to a Rust type.
pub trait FromValue: Sized {
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i),
            Value::Real(f) => Some(*f as i64),
            _ => None,
        }
    }
}
impl FromValue for u8 {
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).and_then(|i| u8::try_from(i).ok())
    }
}
impl FromValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).map(|i| i != 0)
    }
}
impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i as f64),
            Value::Real(f) => Some(*f),
            _ => None,
        }
    }
}
impl FromValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Blob(b) => Some(b.clone()),
            Value::Text(s) => Some(s.clone().into_bytes()),
            _ => None,
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// One row of a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    /// Column `i` as `T`; a missing column or another type is corrupt data.
    pub fn get<T: FromValue>(&self, i: usize) -> StoreResult<T> {
        let value = self
            .0
            .get(i)
            .ok_or_else(|| StoreError::Corrupt(format!("no column {i} in a row of {}", self.0.len())))?;
        T::from_value(value).ok_or_else(|| StoreError::Corrupt(format!("column {i} holds {value:?}, not a {}", std::any::type_name::<T>())))
    }

    /// Column `i` as text, taken out of the row without a copy.
    pub fn take_text(&mut self, i: usize) -> StoreResult<String> {
        match self.0.get_mut(i).map(|v| std::mem::replace(v, Value::Null)) {
            Some(Value::Text(s)) => Ok(s),
            other => Err(StoreError::Corrupt(format!("column {i} holds {other:?}, not text"))),
        }
    }
}

/// A change-log entry waiting for its sequence number, which is stamped
/// as the last statements of the writing transaction (see `changes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    pub bucket: String,
    pub kind: &'static str,
    pub entity: String,
    pub removed: bool,
    /// The entity's version this change brings (tickets; `None` for articles).
    pub version: Option<u64>,
}

/// A read transaction: every query sees one snapshot.
pub trait ReadTx {
    fn dialect(&self) -> Dialect;
    /// Runs a query and returns its rows. `sql` uses `?1`, `?2`… for
    /// parameters (PostgreSQL receives them as `$1`, `$2`…).
    fn query(&self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>>;
}

/// A write transaction: it commits as a whole or not at all.
pub trait WriteTx: ReadTx {
    /// Runs a statement and returns how many rows it changed.
    fn execute(&self, sql: &str, params: &[Value]) -> StoreResult<u64>;
    /// Runs statements without parameters (savepoints, DDL).
    fn batch(&self, sql: &str) -> StoreResult<()>;
    /// Runs a statement whose answer nothing reads (a lock taken ahead) at
    /// the latest with the next statement: PostgreSQL sends it in that
    /// statement's round trip (its failure is that statement's), SQLite
    /// runs it now.
    fn execute_deferred(&self, sql: &str, params: &[Value]) -> StoreResult<()> {
        self.execute(sql, params).map(|_| ())
    }
    /// Runs statements without parameters at the latest with the next
    /// statement: PostgreSQL sends them in that statement's round trip
    /// (their failure is that statement's), SQLite runs them now.
    fn batch_deferred(&self, sql: &str) -> StoreResult<()> {
        self.batch(sql)
    }
    /// The change-log entries this transaction will stamp before it commits.
    fn pending_changes(&self) -> &RefCell<Vec<PendingChange>>;
    /// Runs a write that nothing in this transaction reads afterwards at
    /// the latest before the commit: PostgreSQL sends it with the `COMMIT`
    /// (one round trip for all of them), SQLite runs it now.
    fn execute_late(&self, sql: &str, params: &[Value]) -> StoreResult<()> {
        self.execute(sql, params).map(|_| ())
    }
    /// How many late writes wait (see [`WriteTx::execute_late`]).
    fn late_count(&self) -> usize {
        0
    }
    /// Drops the late writes after the first `count` (a savepoint rolled back).
    fn drop_late_after(&self, _count: usize) {}
}

impl dyn ReadTx + '_ {
    /// The first row, if any.
    pub fn query_opt(&self, sql: &str, params: &[Value]) -> StoreResult<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The one row the query must return.
    pub fn query_one(&self, sql: &str, params: &[Value]) -> StoreResult<Row> {
        self.query_opt(sql, params)?.ok_or_else(|| StoreError::Corrupt(format!("no row from `{sql}`")))
    }

    /// The first column of the one row.
    pub fn scalar<T: FromValue>(&self, sql: &str, params: &[Value]) -> StoreResult<T> {
        self.query_one(sql, params)?.get(0)
    }

    /// The first column of every row.
    pub fn column<T: FromValue>(&self, sql: &str, params: &[Value]) -> StoreResult<Vec<T>> {
        self.query(sql, params)?.iter().map(|r| r.get(0)).collect()
    }

    /// `sqlite` or `postgres`, as this transaction speaks.
    pub fn pick<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        match self.dialect() {
            Dialect::Sqlite => sqlite,
            Dialect::Postgres => postgres,
        }
    }
}

impl dyn WriteTx + '_ {
    /// The read side of this transaction.
    pub fn reader(&self) -> &dyn ReadTx {
        self
    }

    /// `sqlite` or `postgres`, as this transaction speaks.
    pub fn pick<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        self.reader().pick(sqlite, postgres)
    }

    pub fn query_opt(&self, sql: &str, params: &[Value]) -> StoreResult<Option<Row>> {
        self.reader().query_opt(sql, params)
    }

    pub fn query_one(&self, sql: &str, params: &[Value]) -> StoreResult<Row> {
        self.reader().query_one(sql, params)
    }

    pub fn scalar<T: FromValue>(&self, sql: &str, params: &[Value]) -> StoreResult<T> {
        self.reader().scalar(sql, params)
    }

    pub fn column<T: FromValue>(&self, sql: &str, params: &[Value]) -> StoreResult<Vec<T>> {
        self.reader().column(sql, params)
    }

    /// Runs `f` in a savepoint: what `f` wrote is rolled back when it
    /// returns `Err`; the outer `Err` is a failure of the savepoint itself.
    pub fn savepoint<T, E: From<StoreError>>(&self, name: &str, f: impl FnOnce() -> Result<T, E>) -> Result<Result<T, E>, StoreError> {
        self.savepoint_with(name, true, f)
    }

    /// [`savepoint`](Self::savepoint) left open when `f` succeeds: what
    /// follows runs inside it until the commit, which keeps it all; one
    /// round trip less. For transactions that open a few of them (a push
    /// of a few ops), not thousands (each open one is a subtransaction).
    pub fn savepoint_kept<T, E: From<StoreError>>(&self, name: &str, f: impl FnOnce() -> Result<T, E>) -> Result<Result<T, E>, StoreError> {
        self.savepoint_with(name, false, f)
    }

    fn savepoint_with<T, E: From<StoreError>>(&self, name: &str, release: bool, f: impl FnOnce() -> Result<T, E>) -> Result<Result<T, E>, StoreError> {
        self.batch_deferred(&format!("SAVEPOINT {name}"))?;
        let pending = self.pending_changes().borrow().len();
        let late = self.late_count();
        let value = f();
        match &value {
            Ok(_) if release => self.batch_deferred(&format!("RELEASE {name}"))?,
            Ok(_) => {}
            Err(_) => {
                self.batch_deferred(&format!("ROLLBACK TO {name}; RELEASE {name}"))?;
                self.pending_changes().borrow_mut().truncate(pending);
                self.drop_late_after(late);
            }
        }
        Ok(value)
    }
}

/// `?N` placeholders as PostgreSQL's `$N` (outside string literals).
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted && chars.peek().is_some_and(|n| n.is_ascii_digit()) => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_literals() {
        assert_eq!(dollar_placeholders("SELECT '?1', ?1 || ?12"), "SELECT '?1', $1 || $12");
    }
}
