-- A ticket's comments as rows appended per op (SQLite's migration 007):
-- each with its search entry, so adding a comment indexes that comment only.
CREATE TABLE ticket_comments (
    ticket_id  TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    idx        BIGINT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    body       TEXT NOT NULL,
    search     TSVECTOR,
    PRIMARY KEY (ticket_id, idx)
);
CREATE INDEX ticket_comments_search ON ticket_comments USING gin(search);

INSERT INTO ticket_comments(ticket_id, idx, visibility, body)
SELECT t.id, c.n - 1, c.value ->> 'visibility', c.value::text
FROM tickets t, jsonb_array_elements(CAST(t.doc AS jsonb) -> 'comments') WITH ORDINALITY AS c(value, n);

UPDATE tickets SET doc = (CAST(doc AS jsonb) - 'comments')::text;

-- `search_public` now holds the ticket's own texts (all of them public);
-- the comments' entries are their rows'. Filled by the first start.
DROP INDEX tickets_search_all;
ALTER TABLE tickets DROP COLUMN search_all;
