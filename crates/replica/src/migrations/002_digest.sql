-- What the lists need of a ticket without parsing its view (digest.rs);
-- rows from before this migration get theirs when the replica opens.
-- The table is rebuilt so that the small columns come before the view:
-- SQLite reads a row's columns in order, through the view's overflow pages.
CREATE TABLE tickets_v2 (
    id         TEXT PRIMARY KEY,
    number     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    group_id   TEXT NOT NULL,
    owner      TEXT,
    priority   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    digest     TEXT,
    view       TEXT NOT NULL
);
-- Rowids are kept: tickets_fts refers to them.
INSERT INTO tickets_v2(rowid, id, number, version, status, group_id, owner, priority, updated_at, digest, view)
    SELECT rowid, id, number, version, status, group_id, owner, priority, updated_at, NULL, view FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_v2 RENAME TO tickets;
CREATE INDEX tickets_number ON tickets(number);
CREATE INDEX tickets_queue ON tickets(group_id, status);
CREATE INDEX tickets_owner ON tickets(owner, status);
CREATE INDEX tickets_updated ON tickets(updated_at);
