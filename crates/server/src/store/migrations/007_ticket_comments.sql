-- A ticket's comments as rows appended per op (the document keeps the
-- rest): an op's write no longer grows with the ticket's history.
CREATE TABLE ticket_comments (
    ticket_id  TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    body       TEXT NOT NULL,
    UNIQUE (ticket_id, idx)
);

INSERT INTO ticket_comments(ticket_id, idx, visibility, body)
SELECT t.id, c.key, json_extract(c.value, '$.visibility'), c.value
FROM tickets t, json_each(t.doc, '$.comments') c;

UPDATE tickets SET doc = json_remove(doc, '$.comments');

-- The search entries: the ticket's own texts, and each comment's (rowid =
-- ticket_comments.rowid). Filled by the first start (search index version).
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE ticket_comments_fts USING fts5(public_text, internal_text, tokenize = 'unicode61 remove_diacritics 2');
