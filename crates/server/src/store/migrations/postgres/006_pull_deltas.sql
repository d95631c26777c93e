-- (SQLite's migration 008.) Pulls that send what changed (a ticket's new comments and events after
-- the version the reader holds), not the whole ticket again. Each change
-- row keeps the entity's version, and the seq and version of the change
-- it replaced in its bucket: a reader whose cursor is past that earlier
-- change holds the ticket at that version. Comments record the version
-- that added them (NULL: added before this migration, never in a delta).
ALTER TABLE changes ADD COLUMN version BIGINT;
ALTER TABLE changes ADD COLUMN prev_seq BIGINT;
ALTER TABLE changes ADD COLUMN prev_version BIGINT;
ALTER TABLE ticket_comments ADD COLUMN version BIGINT;
CREATE INDEX ticket_comments_version ON ticket_comments(ticket_id, version);
CREATE INDEX ticket_events_version ON ticket_events(ticket_id, version);
