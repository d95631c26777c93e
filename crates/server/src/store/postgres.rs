//! The PostgreSQL backend: any number of server processes on one database
//! are one service. Writes run in READ COMMITTED with row locks where
//! SQLite's single writer used to hide a race; the change log's sequences
//! are stamped as the last statements of each write under the lock of the
//! one counter row, so they are handed out in commit order; reads run in
//! one REPEATABLE READ READ ONLY snapshot, so a pull's watermark never has
//! a hole below it. Connections come from an r2d2 pool; code that holds a
//! transaction never asks the pool for a second one.
//!
//! Round trips are most of what a statement costs here: a transaction's
//! `BEGIN` and its savepoints are sent with its next statement (the
//! connection's client pipelines them), its late writes and the stamping
//! with its `COMMIT`.

use super::sql::{dollar_placeholders, Dialect, PendingChange, ReadTx, Row, Value, WriteTx};
use super::{StoreError, StoreResult};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::mpsc;
use tokio_postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use tokio_postgres::{Client, NoTls, Statement};

/// The migrations of the PostgreSQL schema, applied in order once.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/001_initial.sql"),
    include_str!("migrations/postgres/002_kb_editorial.sql"),
    include_str!("migrations/postgres/003_mail_outbox.sql"),
    include_str!("migrations/postgres/004_mail_inbox.sql"),
    include_str!("migrations/postgres/005_ticket_comments.sql"),
    include_str!("migrations/postgres/006_pull_deltas.sql"),
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

/// A request to a connection's client, sent after the statements
/// deferred until it ([`PgConnection::defer`]) in one round trip.
enum Request {
    Query(String, Vec<Value>),
    Execute(String, Vec<Value>),
    Batch(String),
}

/// A statement sent with the next request, whose answer nobody reads.
enum Deferred {
    /// Statements without parameters (`BEGIN`, savepoints).
    Simple(String),
    /// A prepared statement with its values (locks taken ahead).
    Statement(String, Vec<Value>),
}

enum Reply {
    Rows(Vec<Row>),
    Count(u64),
    Done,
}

/// One connection's client on a small runtime of its own, driven by the
/// thread that runs a request (`block_on`), with its prepared statements.
/// Requests sent together are pipelined: written at once, answered in order.
struct Session {
    runtime: tokio::runtime::Runtime,
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Session {
    fn connect(config: &tokio_postgres::Config) -> StoreResult<Session> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Database(format!("cannot start a database runtime: {e}")))?;
        let (client, connection) = runtime.block_on(config.connect(NoTls)).map_err(pg)?;
        // Runs whenever a request is driven on the runtime.
        runtime.spawn(connection);
        Ok(Session {
            runtime,
            client,
            statements: HashMap::new(),
        })
    }
}

/// What a connection's thread is asked to do.
enum Errand {
    /// Run a request (after the deferred statements) on the session and hand the session back.
    Run(Session, Vec<Deferred>, Request),
    /// Drop the session (its client's runtime) on that thread.
    Close(Session),
}

thread_local! {
    /// Whether this thread may drive a connection's client itself.
    static DIRECT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with the database calls it makes driving the connection's
/// client on this thread, instead of handing each call to the
/// connection's own thread (two thread switches per statement). Only
/// for threads that are not an async runtime's workers, where the
/// client's own small runtime may block: tokio's blocking pool (the
/// server's request work runs there), plain threads.
pub fn on_blocking_thread<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DIRECT.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(DIRECT.with(|d| d.replace(true)));
    f()
}

/// One pooled connection. Its client runs on a small async runtime of its
/// own, which cannot block on a thread that is inside tokio's; so each
/// connection has a thread of its own, and a call from
/// anywhere (async tests, jobs, plain threads) hands the client to that
/// thread over a channel and gets it back with the answer. Calls made
/// inside [`on_blocking_thread`] drive the client where they are.
pub struct PgConnection {
    /// `None` only while the connection's thread has it, or once lost.
    session: Option<Session>,
    errands: mpsc::Sender<Errand>,
    replies: mpsc::Receiver<(Option<Session>, StoreResult<Reply>)>,
    /// Statements sent with the next request, in its round trip.
    deferred: Vec<Deferred>,
    broken: bool,
    /// A statement of the current transaction failed with a [`RETRYABLE`] SQLSTATE.
    conflicted: bool,
}

impl PgConnection {
    fn open(config: tokio_postgres::Config) -> StoreResult<PgConnection> {
        let (errands, incoming) = mpsc::channel::<Errand>();
        let (reply, replies) = mpsc::channel::<(Option<Session>, StoreResult<Reply>)>();
        std::thread::Builder::new()
            .name("postgres".into())
            .spawn(move || {
                match Session::connect(&config) {
                    Ok(session) => {
                        let _ = reply.send((Some(session), Ok(Reply::Done)));
                    }
                    Err(e) => {
                        let _ = reply.send((None, Err(e)));
                        return;
                    }
                };
                for errand in incoming {
                    match errand {
                        Errand::Run(mut session, deferred, request) => {
                            let answer = serve(&mut session, deferred, request);
                            let _ = reply.send((Some(session), answer));
                        }
                        Errand::Close(session) => drop(session),
                    }
                }
            })
            .map_err(|e| StoreError::Database(format!("cannot start a database thread: {e}")))?;
        match replies.recv() {
            Ok((Some(session), Ok(_))) => Ok(PgConnection {
                session: Some(session),
                errands,
                replies,
                deferred: Vec::new(),
                broken: false,
                conflicted: false,
            }),
            Ok((_, Err(e))) => Err(e),
            _ => Err(StoreError::Database("the database thread ended".into())),
        }
    }

    /// Sends `statement` with the next request: one round trip less. Its
    /// failure is that request's.
    fn defer(&mut self, statement: Deferred) {
        // Statements without parameters one after the other go as one.
        if let (Deferred::Simple(next), Some(Deferred::Simple(last))) = (&statement, self.deferred.last_mut()) {
            last.push_str(";\n");
            last.push_str(next);
            return;
        }
        self.deferred.push(statement);
    }

    fn call(&mut self, request: Request) -> StoreResult<Reply> {
        let lost = || Err(StoreError::Database("the database connection was lost".into()));
        let deferred = std::mem::take(&mut self.deferred);
        let answer = match self.session.as_mut() {
            Some(session) if DIRECT.with(Cell::get) => serve(session, deferred, request),
            Some(_) => {
                let session = self.session.take().expect("a session");
                match self.errands.send(Errand::Run(session, deferred, request)) {
                    Ok(()) => match self.replies.recv() {
                        Ok((session, answer)) => {
                            self.session = session;
                            answer
                        }
                        Err(_) => lost(),
                    },
                    Err(_) => lost(),
                }
            }
            None => lost(),
        };
        if self.session.as_ref().is_some_and(|s| s.client.is_closed()) {
            self.broken = true;
        }
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

impl Drop for PgConnection {
    fn drop(&mut self) {
        // The client's runtime is dropped on the connection's thread: here
        // may be inside an async runtime, where dropping one panics.
        if let Some(session) = self.session.take() {
            if let Err(mpsc::SendError(Errand::Close(session) | Errand::Run(session, _, _))) = self.errands.send(Errand::Close(session)) {
                std::mem::forget(session);
            }
        }
    }
}

/// Runs one request on a connection's client, the `deferred` statements
/// (if any) written before it, in order, in the same round trip.
fn serve(session: &mut Session, mut deferred: Vec<Deferred>, mut request: Request) -> StoreResult<Reply> {
    let Session { runtime, client, statements } = session;
    let client = &*client;
    if let (Request::Batch(sql), Some(Deferred::Simple(before))) = (&mut request, deferred.last()) {
        *sql = format!("{before};\n{sql}");
        deferred.pop();
    }
    if statements.len() > 512 {
        statements.clear();
    }
    // Every statement of the pipeline is prepared before it is written: a
    // prepare inside it would answer between them. A statement new to this
    // connection is prepared after the deferred ones ran (they may begin a
    // transaction, or roll one back to a savepoint), so these run first,
    // one by one: once per statement and connection.
    let main = match &request {
        Request::Query(sql, _) | Request::Execute(sql, _) => Some(sql.as_str()),
        Request::Batch(_) => None,
    };
    let unprepared = |sql: &str| !statements.contains_key(sql);
    let new_statement = deferred
        .iter()
        .filter_map(|d| match d {
            Deferred::Statement(sql, _) => Some(sql.as_str()),
            Deferred::Simple(_) => None,
        })
        .chain(main)
        .any(unprepared);
    if new_statement {
        for d in std::mem::take(&mut deferred) {
            match d {
                Deferred::Simple(sql) => runtime.block_on(client.batch_execute(&sql)).map_err(pg)?,
                Deferred::Statement(sql, params) => {
                    let prepared = prepare(runtime, client, statements, &sql)?;
                    runtime.block_on(client.execute(&prepared, &refs(&params))).map_err(pg)?;
                }
            }
        }
        if let Some(sql) = main {
            prepare(runtime, client, statements, sql)?;
        }
    }
    let statement = |sql: &str| {
        statements
            .get(sql)
            .cloned()
            .ok_or_else(|| StoreError::Database(format!("`{sql}` was not prepared")))
    };
    let ahead = deferred
        .iter()
        .map(|d| {
            Ok(match d {
                Deferred::Simple(sql) => (None, sql.as_str(), Vec::new()),
                Deferred::Statement(sql, params) => (Some(statement(sql)?), sql.as_str(), refs(params)),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    /// The request itself, ready to be written.
    enum Main<'a> {
        Query(Statement, Vec<&'a (dyn ToSql + Sync)>),
        Execute(Statement, Vec<&'a (dyn ToSql + Sync)>),
        Batch(&'a str),
    }
    let main = match &request {
        Request::Query(sql, params) => Main::Query(statement(sql)?, refs(params)),
        Request::Execute(sql, params) => Main::Execute(statement(sql)?, refs(params)),
        Request::Batch(sql) => Main::Batch(sql),
    };
    let (ahead, answer) = runtime.block_on(async {
        let ahead = futures_util::future::join_all(ahead.iter().map(|(prepared, sql, params)| async move {
            match prepared {
                Some(prepared) => client.execute(prepared, params).await.map(|_| ()),
                None => client.batch_execute(sql).await,
            }
        }));
        let run = async {
            match &main {
                Main::Query(prepared, params) => client.query(prepared, params).await.map(Answer::Rows),
                Main::Execute(prepared, params) => client.execute(prepared, params).await.map(Answer::Count),
                Main::Batch(sql) => client.batch_execute(sql).await.map(|_| Answer::Done),
            }
        };
        // Each future writes its request when first polled, and both joins
        // poll in order the first time: the requests go out in this order.
        tokio::join!(ahead, run)
    });
    for done in ahead {
        done.map_err(pg)?;
    }
    match answer.map_err(pg)? {
        Answer::Rows(rows) => rows
            .iter()
            .map(|row| (0..row.len()).map(|i| to_value(row, i)).collect::<StoreResult<Vec<_>>>().map(Row))
            .collect::<StoreResult<Vec<_>>>()
            .map(Reply::Rows),
        Answer::Count(count) => Ok(Reply::Count(count)),
        Answer::Done => Ok(Reply::Done),
    }
}

/// The connection's prepared statement of `sql`, prepared now if new.
fn prepare(runtime: &tokio::runtime::Runtime, client: &Client, statements: &mut HashMap<String, Statement>, sql: &str) -> StoreResult<Statement> {
    if let Some(prepared) = statements.get(sql) {
        return Ok(prepared.clone());
    }
    let prepared = runtime.block_on(client.prepare(&dollar_placeholders(sql))).map_err(pg)?;
    statements.insert(sql.to_string(), prepared.clone());
    Ok(prepared)
}

/// Values as the client writes them.
fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

/// What PostgreSQL answered a request with.
enum Answer {
    Rows(Vec<tokio_postgres::Row>),
    Count(u64),
    Done,
}

/// Opens connections for the pool.
struct Manager {
    config: tokio_postgres::Config,
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

fn pg(e: tokio_postgres::Error) -> StoreError {
    StoreError::Postgres(describe(&e))
}

/// The server's message with its SQLSTATE, or the client's error.
fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://USER@HOST:PORT/DB`, or key=value
    /// pairs) and brings the schema up to date.
    pub fn connect(url: &str, pool_size: u32) -> StoreResult<PgStore> {
        let config: tokio_postgres::Config = url.parse().map_err(|e: tokio_postgres::Error| {
            StoreError::Database(format!("the database URL cannot be read: {e}; write it as postgres://USER@HOST:PORT/DATABASE"))
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(pool_size)
            // No empty query before each transaction (a round trip each): a
            // connection that fails is marked broken and not given out again.
            .test_on_check_out(false)
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
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl Fn(&dyn WriteTx) -> Result<T, E>,
        stamp: impl Fn(&dyn WriteTx) -> StoreResult<Option<String>>,
    ) -> Result<T, E> {
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
        // Sent with the transaction's first statement.
        conn.defer(Deferred::Simple("BEGIN ISOLATION LEVEL READ COMMITTED".into()));
        conn.conflicted = false;
        conn.broken = true; // until the transaction ends: a panic in `f` discards the connection
        let tx = PgTx {
            conn: RefCell::new(&mut conn),
            pending: RefCell::new(Vec::new()),
            late: RefCell::new(Vec::new()),
        };
        let value = f(&tx).and_then(|v| {
            // The late writes, then the stamping, then the COMMIT: one round trip.
            let mut last = tx.late.take();
            last.extend(stamp(&tx).map_err(E::from)?);
            Ok((v, last))
        });
        drop(tx);
        conn.broken = false;
        let outcome = match value {
            Ok((v, last)) if last.is_empty() => finish(&mut conn, Ok(())).map(|_| v).map_err(E::from),
            Ok((v, mut last)) => match conn.batch(&{
                last.push("COMMIT".into());
                last.join(";\n")
            }) {
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
        conn.defer(Deferred::Simple("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY".into()));
        conn.broken = true;
        let tx = PgTx {
            conn: RefCell::new(&mut conn),
            pending: RefCell::new(Vec::new()),
            late: RefCell::new(Vec::new()),
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
            late: RefCell::new(Vec::new()),
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
    /// Writes sent with the `COMMIT` ([`WriteTx::execute_late`]), their values written in.
    late: RefCell<Vec<String>>,
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut tokio_postgres::types::private::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
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

fn to_value(row: &tokio_postgres::Row, i: usize) -> StoreResult<Value> {
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

    fn batch_deferred(&self, sql: &str) -> StoreResult<()> {
        self.conn.borrow_mut().defer(Deferred::Simple(sql.to_string()));
        Ok(())
    }

    fn execute_deferred(&self, sql: &str, params: &[Value]) -> StoreResult<()> {
        self.conn.borrow_mut().defer(Deferred::Statement(sql.to_string(), params.to_vec()));
        Ok(())
    }

    fn pending_changes(&self) -> &RefCell<Vec<PendingChange>> {
        &self.pending
    }

    fn execute_late(&self, sql: &str, params: &[Value]) -> StoreResult<()> {
        self.late.borrow_mut().push(with_values(sql, params)?);
        Ok(())
    }

    fn late_count(&self) -> usize {
        self.late.borrow().len()
    }

    fn drop_late_after(&self, count: usize) {
        self.late.borrow_mut().truncate(count);
    }
}

/// `sql` with its `?N` parameters written in as SQL literals: a statement
/// that can go in one round trip with others.
fn with_values(sql: &str, params: &[Value]) -> StoreResult<String> {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c != '?' || quoted || !chars.peek().is_some_and(char::is_ascii_digit) {
            out.push(c);
            continue;
        }
        let mut n = 0usize;
        while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
            n = n * 10 + d as usize;
            chars.next();
        }
        let value = n
            .checked_sub(1)
            .and_then(|i| params.get(i))
            .ok_or_else(|| StoreError::Database(format!("no value for parameter ?{n}")))?;
        match value {
            Value::Null => out.push_str("NULL"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Real(f) if f.is_finite() => out.push_str(&format!("{f:?}")),
            Value::Real(f) => out.push_str(&format!("'{f}'::float8")),
            Value::Text(t) => out.push_str(&literal(t)),
            Value::Blob(b) => {
                let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
                out.push_str(&format!("decode('{hex}', 'hex')"));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn parameters_are_written_in_as_literals_outside_quoted_text() {
        use super::{with_values, Value};
        let sql = with_values(
            "INSERT INTO t(a, b, c, d, e) VALUES (?1, ?2, '?3', ?3, ?10)",
            &[
                Value::Int(-7),
                Value::Text("it's".into()),
                Value::Null,
                Value::Real(0.5),
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Blob(vec![0, 255]),
            ],
        )
        .unwrap();
        assert_eq!(sql, "INSERT INTO t(a, b, c, d, e) VALUES (-7, E'it''s', '?3', NULL, decode('00ff', 'hex'))");
        assert!(with_values("SELECT ?2", &[Value::Null]).is_err());
    }

    #[test]
    fn a_literal_doubles_quotes_and_backslashes_in_an_escape_string() {
        assert_eq!(literal(r#"{"a":"it's \"x\" \\ y"}"#), r#"E'{"a":"it''s \\"x\\" \\\\ y"}'"#);
    }
}
