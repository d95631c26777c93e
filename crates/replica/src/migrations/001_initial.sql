-- Server rows: the ticket as the server last sent it (TicketView JSON) and
-- the columns the queues filter on.
CREATE TABLE tickets (
    id         TEXT PRIMARY KEY,
    number     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    group_id   TEXT NOT NULL,
    owner      TEXT,
    priority   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    view       TEXT NOT NULL
);
CREATE INDEX tickets_number ON tickets(number);
CREATE INDEX tickets_queue ON tickets(group_id, status);
CREATE INDEX tickets_owner ON tickets(owner, status);

-- Which of the user's buckets hold each row: a row whose last bucket is
-- gone is removed (unless ops are pending on it).
CREATE TABLE row_buckets (
    kind   TEXT NOT NULL,
    entity TEXT NOT NULL,
    bucket TEXT NOT NULL,
    PRIMARY KEY (kind, entity, bucket)
) WITHOUT ROWID;

CREATE TABLE articles (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    language   TEXT NOT NULL,
    public     INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    doc        TEXT NOT NULL
);

-- Full-text search over stems (see text.rs); rowid = the row's rowid.
CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, comments, tokenize = 'unicode61 remove_diacritics 2');

-- Cursors made visible at the last checkpoint, and the pages of a pull in
-- progress (made visible together when the pull completes).
CREATE TABLE cursors (
    bucket TEXT PRIMARY KEY,
    cursor INTEGER NOT NULL
);
CREATE TABLE staged_pages (
    id   INTEGER PRIMARY KEY,
    page TEXT NOT NULL
);

-- The outbox: every action of the analyst, in order; never dropped by a
-- migration. state: pending → (applied | attention | discarded).
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY,
    op_id        TEXT NOT NULL UNIQUE,
    ticket       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    device_time  INTEGER NOT NULL,
    op           TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending',
    result       TEXT,
    applied_version INTEGER
);
CREATE INDEX outbox_ticket ON outbox(ticket, state);

-- Ops that did not apply, with everything the analyst wrote, the server's
-- reason and the ticket as the server has it.
CREATE TABLE attention (
    seq        INTEGER PRIMARY KEY REFERENCES outbox(seq),
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    current    TEXT,
    created_at INTEGER NOT NULL
);

-- Which warning fired for which ticket (each once, also across restarts).
CREATE TABLE notifications (
    ticket    TEXT NOT NULL,
    metric    TEXT NOT NULL,
    threshold TEXT NOT NULL,
    fired_at  INTEGER NOT NULL,
    PRIMARY KEY (ticket, metric, threshold)
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
