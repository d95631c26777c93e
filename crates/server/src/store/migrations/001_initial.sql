-- Users, roles and working groups (000 §15, §20).
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('self_service', 'analyst', 'administrator')),
    group_lead    INTEGER NOT NULL DEFAULT 0,
    kb_editor     INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    email         TEXT,
    organisation  TEXT,
    created_at    INTEGER NOT NULL
);

CREATE TABLE groups (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    line  TEXT NOT NULL CHECK (line IN ('L1', 'L2', 'L3', 'L4'))
);

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members(user_id);

-- Bearer tokens, stored as SHA-256 of the token.
CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX tokens_user ON tokens(user_id);

-- Tickets: the document as the domain serialises it, plus the columns the
-- queries filter on.
CREATE TABLE tickets (
    id             TEXT PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    version        INTEGER NOT NULL,
    ticket_type    TEXT NOT NULL,
    status         TEXT NOT NULL,
    priority       INTEGER NOT NULL,
    line           TEXT NOT NULL,
    group_id       TEXT NOT NULL,
    owner          TEXT,
    requester_user TEXT,
    requester_name TEXT NOT NULL,
    policy         TEXT NOT NULL,
    registered_at  INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    doc            TEXT NOT NULL
);
CREATE INDEX tickets_group ON tickets(group_id, status);
CREATE INDEX tickets_owner ON tickets(owner, status);
CREATE INDEX tickets_requester ON tickets(requester_user);
CREATE INDEX tickets_updated ON tickets(updated_at);

-- The audit trail of every ticket, oldest first; `version` is the ticket's
-- version the event produced; `client_op` names the client op that caused
-- it (`client_id:seq`), when one did.
CREATE TABLE ticket_events (
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    body      TEXT NOT NULL,
    client_op TEXT,
    PRIMARY KEY (ticket_id, idx)
);

CREATE TABLE ticket_numbers (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Full-text search over tickets; rowid = tickets.rowid.
CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, comments, tokenize = 'unicode61 remove_diacritics 2');

-- Attachments, content-addressed.
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    content    BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

-- Knowledge base (SPEC §4).
CREATE TABLE kb_articles (
    id         TEXT PRIMARY KEY,
    status     TEXT NOT NULL,
    public     INTEGER NOT NULL DEFAULT 0,
    language   TEXT NOT NULL,
    review_due TEXT,
    updated_at INTEGER NOT NULL,
    doc        TEXT NOT NULL
);
CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE kb_comments (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    author     TEXT NOT NULL,
    text       TEXT NOT NULL
);
CREATE TABLE kb_usage (
    article_id TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    ticket_id  TEXT NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (article_id, ticket_id)
);

-- SLA policies (TOML as an administrator edits it) and routing rules.
CREATE TABLE policies (
    id         TEXT PRIMARY KEY,
    toml       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE routing_rules (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL,
    service     TEXT,
    ticket_type TEXT,
    group_id    TEXT NOT NULL REFERENCES groups(id),
    policy      TEXT NOT NULL REFERENCES policies(id)
);

-- The sync change log: the latest change of each entity in each bucket,
-- under one monotonic sequence (counters.name = 'change').
CREATE TABLE changes (
    bucket  TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('ticket', 'article')),
    entity  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, kind, entity)
) WITHOUT ROWID;
CREATE UNIQUE INDEX changes_bucket_seq ON changes(bucket, seq);

-- Which buckets each entity is in now, to write REMOVEs when it leaves one.
CREATE TABLE memberships (
    kind   TEXT NOT NULL,
    entity TEXT NOT NULL,
    bucket TEXT NOT NULL,
    PRIMARY KEY (kind, entity, bucket)
) WITHOUT ROWID;

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters(name, value) VALUES ('change', 0);

-- Per-client op results: a resent seq gets its stored result again.
CREATE TABLE sync_clients (
    client_id TEXT PRIMARY KEY,
    user_id   TEXT NOT NULL REFERENCES users(id),
    last_seq  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_results (
    client_id TEXT NOT NULL REFERENCES sync_clients(client_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    op_id     TEXT NOT NULL,
    result    TEXT NOT NULL,
    PRIMARY KEY (client_id, seq)
);

-- Who did what, when, from which client op (SPEC §5).
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
