//! The PostgreSQL backend: any number of server processes on one database
//! are one service. Writes run in READ COMMITTED with row locks where
//! SQLite's single writer used to hide a race; the change log's sequences
//! are stamped as the last statements of each write under the lock of the
//! one counter row, so they are handed out in commit order; reads run in
//! one REPEATABLE READ READ ONLY snapshot, so a pull's watermark never has
//! a hole below it. Connections come from an r2d2 pool; code that holds a
//! transaction never asks the pool for a second one.

use super::sql::{dollar_placeholders, Dialect, PendingChange, ReadTx, Row, Value, WriteTx};
use super::{StoreError, StoreResult};
use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::mpsc;

/// The migrations of the PostgreSQL schema, applied in order once.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/001_initial.sql"),
    include_str!("migrations/postgres/002_kb_editorial.sql"),
    include_str!("migrations/postgres/003_mail_outbox.sql"),
    include_str!("migrations/postgres/004_mail_inbox.sql"),
    include_str!("migrations/postgres/005_ticket_comments.sql"),
];

/// The key of the advisory lock migrations run under: replicas that start
/// together migrate one after the other, the later ones finding nothing to do.
const MIGRATION_LOCK: i64 = 7_215_300_000;

/// How many times a write transaction runs at most when PostgreSQL ends
/// it for a deadlock or a serialization failure.
pub const WRITE_ATTEMPTS: u32 = 5;

/// SQLSTATEs of a transaction that may succeed when run again: a
/// deadlock's victim, a serialization failure.
const RETRYABLE: [&str; 2] = ["40P01", "40001"];

/// How one run of a write transaction ended.
enum Attempt<T> {
    Done(T),
    /// PostgreSQL ended it for a deadlock or a serialization failure.
    Conflicted(T),
}

/// A request to a connection's thread.
enum Request {
    Query(String, Vec<Value>),
    Execute(String, Vec<Value>),
    Batch(String),
}

enum Reply {
    Rows(Vec<Row>),
    Count(u64),
    Done,
}

/// One pooled connection. The synchronous client runs a small async
/// runtime of its own, which cannot start on a thread that is inside
/// tokio's; so each connection lives on a thread of its own, and the
/// store's calls reach it over a channel (from async tests, blocking
/// tasks and plain threads alike).
pub struct PgConnection {
    requests: mpsc::Sender<Request>,
    replies: mpsc::Receiver<StoreResult<Reply>>,
    broken: bool,
    /// A statement of the current transaction failed with a [`RETRYABLE`] SQLSTATE.
    conflicted: bool,
}

impl PgConnection {
    fn open(config: postgres::Config) -> StoreResult<PgConnection> {
        let (requests, incoming) = mpsc::channel::<Request>();
        let (reply, replies) = mpsc::channel::<StoreResult<Reply>>();
        std::thread::Builder::new()
            .name("postgres".into())
            .spawn(move || {
                let mut client = match config.connect(NoTls) {
                    Ok(client) => {
                        let _ = reply.send(Ok(Reply::Done));
                        client
                    }
                    Err(e) => {
                        let _ = reply.send(Err(pg(e)));
                        return;
                    }
                };
                let mut statements: HashMap<String, Statement> = HashMap::new();
                for request in incoming {
                    let _ = reply.send(serve(&mut client, &mut statements, request));
                }
            })
            .map_err(|e| StoreError::Database(format!("cannot start a database thread: {e}")))?;
        match replies.recv() {
            Ok(Ok(_)) => Ok(PgConnection {
                requests,
                replies,
                broken: false,
                conflicted: false,
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(StoreError::Database("the database thread ended".into())),
        }
    }

    fn call(&mut self, request: Request) -> StoreResult<Reply> {
        let answer = self
            .requests
            .send(request)
            .ok()
            .and_then(|_| self.replies.recv().ok())
            .unwrap_or_else(|| Err(StoreError::Database("the database connection was lost".into())));
        match &answer {
            Err(StoreError::Database(_)) => self.broken = true,
            Err(StoreError::Postgres(message)) if RETRYABLE.iter().any(|code| message.ends_with(&format!("({code})"))) => self.conflicted = true,
            _ => {}
        }
        answer
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
        match self.call(Request::Query(sql.to_string(), params.to_vec()))? {
            Reply::Rows(rows) => Ok(rows),
            _ => Ok(vec![]),
        }
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> StoreResult<u64> {
        match self.call(Request::Execute(sql.to_string(), params.to_vec()))? {
            Reply::Count(n) => Ok(n),
            _ => Ok(0),
        }
    }

    fn batch(&mut self, sql: &str) -> StoreResult<()> {
        self.call(Request::Batch(sql.to_string())).map(|_| ())
    }
}

/// Runs one request on the connection's thread.
fn serve(client: &mut Client, statements: &mut HashMap<String, Statement>, request: Request) -> StoreResult<Reply> {
    let mut statement = |sql: &str| -> StoreResult<Statement> {
        if let Some(s) = statements.get(sql) {
            return Ok(s.clone());
        }
        let prepared = client.prepare(&dollar_placeholders(sql)).map_err(pg)?;
        if statements.len() > 512 {
            statements.clear();
        }
        statements.insert(sql.to_string(), prepared.clone());
        Ok(prepared)
    };
    match request {
        Request::Query(sql, params) => {
            let prepared = statement(&sql)?;
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
            let rows = client.query(&prepared, &refs).map_err(pg)?;
            rows.iter()
                .map(|row| (0..row.len()).map(|i| to_value(row, i)).collect::<StoreResult<Vec<_>>>().map(Row))
                .collect::<StoreResult<Vec<_>>>()
                .map(Reply::Rows)
        }
        Request::Execute(sql, params) => {
            let prepared = statement(&sql)?;
            let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
            client.execute(&prepared, &refs).map(Reply::Count).map_err(pg)
        }
        Request::Batch(sql) => client.batch_execute(&sql).map(|_| Reply::Done).map_err(pg),
    }
}

/// Opens connections for the pool.
struct Manager {
    config: postgres::Config,
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgConnection;
    type Error = StoreError;

    fn connect(&self) -> Result<PgConnection, StoreError> {
        PgConnection::open(self.config.clone())
    }

    fn is_valid(&self, conn: &mut PgConnection) -> Result<(), StoreError> {
        conn.batch("")
    }

    fn has_broken(&self, conn: &mut PgConnection) -> bool {
        conn.broken
    }
}

pub struct PgStore {
    pool: r2d2::Pool<Manager>,
    url: String,
}

fn pg(e: postgres::Error) -> StoreError {
    StoreError::Postgres(describe(&e))
}

/// The server's message with its SQLSTATE, or the client's error.
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://USER@HOST:PORT/DB`, or key=value
    /// pairs) and brings the schema up to date.
    pub fn connect(url: &str, pool_size: u32) -> StoreResult<PgStore> {
        let config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
            StoreError::Database(format!("the database URL cannot be read: {e}; write it as postgres://USER@HOST:PORT/DATABASE"))
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(pool_size)
            .connection_timeout(std::time::Duration::from_secs(30))
            .build(Manager { config })
            .map_err(|e| {
                StoreError::Database(format!(
                    "cannot connect to PostgreSQL: {e}; check the URL, that the server runs and that the user may sign in"
                ))
            })?;
        let store = PgStore { pool, url: url.to_string() };
        store.migrate()?;
        Ok(store)
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    fn connection(&self) -> StoreResult<r2d2::PooledConnection<Manager>> {
        self.pool.get().map_err(|e| StoreError::Database(format!("no database connection: {e}")))
    }

    fn migrate(&self) -> StoreResult<()> {
        let mut conn = self.connection()?;
        conn.batch("BEGIN")?;
        let migrated = (|| {
            conn.query("SELECT pg_advisory_xact_lock(?1)", &[Value::Int(MIGRATION_LOCK)])?;
            conn.batch("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")?;
            let current = conn.query("SELECT coalesce(max(version), 0) FROM schema_migrations", &[])?[0].get::<i64>(0)?;
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
                conn.batch(sql)?;
                conn.execute("INSERT INTO schema_migrations(version) VALUES (?1)", &[Value::Int(i as i64 + 1)])?;
            }
            Ok(())
        })();
        finish(&mut conn, migrated)
    }

    /// Runs `f` in one READ COMMITTED transaction, then `stamp` (the
    /// stamping of the change log) as its last statements; commits when
    /// both succeed. The statement `stamp` returns, if any, is sent in one
    /// round trip with the `COMMIT`. A transaction PostgreSQL ends as a deadlock's victim
    /// or for a serialization failure (SQLSTATE 40P01, 40001) is rolled
    /// back and run again, up to [`WRITE_ATTEMPTS`] times in all, after a
    /// short, growing, jittered pause; `f` builds everything it returns
    /// afresh on each run (it is `Fn`: it cannot keep what a rolled-back
    /// run did).
    pub fn write<T, E: From<StoreError>>(&self, f: impl Fn(&dyn WriteTx) -> Result<T, E>, stamp: impl Fn(&dyn WriteTx) -> StoreResult<Option<String>>) -> Result<T, E> {
        let mut attempt = 1;
        loop {
            match self.write_once(&f, &stamp) {
                Attempt::Done(outcome) => return outcome,
                Attempt::Conflicted(outcome) if attempt >= WRITE_ATTEMPTS => return outcome,
                Attempt::Conflicted(_) => {
                    let jitter = u64::from(
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .unwrap_or_default()
                            .subsec_nanos()
                            % 10,
                    );
                    std::thread::sleep(std::time::Duration::from_millis(5 * (1 << attempt) + jitter));
                    attempt += 1;
                }
            }
        }
    }

    fn write_once<T, E: From<StoreError>>(
        &self,
        f: &impl Fn(&dyn WriteTx) -> Result<T, E>,
        stamp: &impl Fn(&dyn WriteTx) -> StoreResult<Option<String>>,
    ) -> Attempt<Result<T, E>> {
        let mut conn = match self.connection() {
            Ok(conn) => conn,
            Err(e) => return Attempt::Done(Err(e.into())),
        };
        if let Err(e) = conn.batch("BEGIN ISOLATION LEVEL READ COMMITTED") {
            return Attempt::Done(Err(e.into()));
        }
        conn.conflicted = false;
        conn.broken = true; // until the transaction ends: a panic in `f` discards the connection
        let tx = PgTx {
            conn: RefCell::new(&mut conn),
            pending: RefCell::new(Vec::new()),
        };
        let value = f(&tx).and_then(|v| stamp(&tx).map(|last| (v, last)).map_err(E::from));
        drop(tx);
        conn.broken = false;
        let outcome = match value {
            Ok((v, None)) => finish(&mut conn, Ok(())).map(|_| v).map_err(E::from),
            Ok((v, Some(last))) => match conn.batch(&format!("{last}; COMMIT")) {
                Ok(()) => Ok(v),
                Err(e) => {
                    // The statement failed, so the COMMIT did not run.
                    let _ = finish(&mut conn, Err(StoreError::Database(String::new())));
                    Err(E::from(e))
                }
            },
            Err(e) => {
                let _ = finish(&mut conn, Err(StoreError::Database(String::new())));
                Err(e)
            }
        };
        if outcome.is_err() && conn.conflicted {
            conn.conflicted = false;
            Attempt::Conflicted(outcome)
        } else {
            Attempt::Done(outcome)
        }
    }

    /// Runs `f` in one REPEATABLE READ READ ONLY transaction: one snapshot.
    pub fn read<T, E: From<StoreError>>(&self, f: impl FnOnce(&dyn ReadTx) -> Result<T, E>) -> Result<T, E> {
        let mut conn = self.connection()?;
        conn.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        conn.broken = true;
        let tx = PgTx {
            conn: RefCell::new(&mut conn),
            pending: RefCell::new(Vec::new()),
        };
        let value = f(&tx);
        drop(tx);
        conn.broken = false;
        finish(&mut conn, Err(StoreError::Database(String::new()))).or_else(|e| match e {
            StoreError::Database(m) if m.is_empty() => Ok(()),
            e => Err(e),
        })?;
        value
    }

    /// Runs `f` on a pooled connection outside a transaction: each
    /// statement commits (reads) on its own, in READ COMMITTED.
    pub fn read_committed<T, E: From<StoreError>>(&self, f: impl FnOnce(&dyn ReadTx) -> Result<T, E>) -> Result<T, E> {
        let mut conn = self.connection()?;
        let tx = PgTx {
            conn: RefCell::new(&mut conn),
            pending: RefCell::new(Vec::new()),
        };
        f(&tx)
    }

    /// Runs statements outside the service's transactions (tests, the
    /// migration from SQLite).
    pub fn batch(&self, sql: &str) -> StoreResult<()> {
        self.connection()?.batch(sql)
    }
}

/// `text` as a string literal of SQL (an escape string, whatever
/// `standard_conforming_strings` says): for a statement sent with others
/// in one round trip, which cannot take parameters.
pub fn literal(text: &str) -> String {
    format!("E'{}'", text.replace('\\', "\\\\").replace('\'', "''"))
}

/// Commits when `outcome` is `Ok`, else rolls back; a connection that
/// cannot end its transaction is not given back to the pool.
fn finish(conn: &mut PgConnection, outcome: StoreResult<()>) -> StoreResult<()> {
    let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
    if let Err(e) = conn.batch(end) {
        conn.broken = true;
        return Err(e);
    }
    outcome
}

/// A transaction on one pooled connection.
struct PgTx<'c> {
    conn: RefCell<&'c mut PgConnection>,
    pending: RefCell<Vec<PendingChange>>,
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut postgres::types::private::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT4 | Type::FLOAT8 => (*i as f64).to_sql(&Type::FLOAT8, out),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => i.to_string().to_sql(&Type::TEXT, out),
                _ => i.to_sql(&Type::INT8, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => f.to_sql(&Type::FLOAT8, out),
            },
            Value::Text(s) => {
                if *ty == Type::JSONB {
                    out.extend_from_slice(&[1]); // jsonb's binary format: a version byte, then the text
                }
                s.as_str().to_sql(&Type::TEXT, out)
            }
            Value::Blob(b) => b.as_slice().to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn to_value(row: &postgres::Row, i: usize) -> StoreResult<Value> {
    let ty = row.columns()[i].type_();
    let value = match *ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i).map(|v| v.map(Value::Int)),
        Type::INT4 => row.try_get::<_, Option<i32>>(i).map(|v| v.map(|v| Value::Int(v.into()))),
        Type::INT2 => row.try_get::<_, Option<i16>>(i).map(|v| v.map(|v| Value::Int(v.into()))),
        Type::BOOL => row.try_get::<_, Option<bool>>(i).map(|v| v.map(|v| Value::Int(v.into()))),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map(|v| v.map(Value::Real)),
        Type::FLOAT4 => row.try_get::<_, Option<f32>>(i).map(|v| v.map(|v| Value::Real(v.into()))),
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i).map(|v| v.map(Value::Blob)),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => row.try_get::<_, Option<String>>(i).map(|v| v.map(Value::Text)),
        Type::VOID => Ok(None),
        _ => {
            return Err(StoreError::Corrupt(format!(
                "column {} is of type {ty}, which the store does not read",
                row.columns()[i].name()
            )))
        }
    };
    Ok(value.map_err(pg)?.unwrap_or(Value::Null))
}

impl ReadTx for PgTx<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn query(&self, sql: &str, params: &[Value]) -> StoreResult<Vec<Row>> {
        self.conn.borrow_mut().query(sql, params)
    }
}

impl WriteTx for PgTx<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> StoreResult<u64> {
        self.conn.borrow_mut().execute(sql, params)
    }

    fn batch(&self, sql: &str) -> StoreResult<()> {
        self.conn.borrow_mut().batch(sql)
    }

    fn pending_changes(&self) -> &RefCell<Vec<PendingChange>> {
        &self.pending
    }
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn a_literal_doubles_quotes_and_backslashes_in_an_escape_string() {
        assert_eq!(literal(r#"{"a":"it's \"x\" \\ y"}"#), r#"E'{"a":"it''s \\"x\\" \\\\ y"}'"#);
    }
}
