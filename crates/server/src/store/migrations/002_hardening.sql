-- Full-text search by visibility: a requester's search reads the number,
-- subject, description and public comments only; the desk's also reads
-- internal comments (SPEC §5). Rebuilt from every ticket's document.
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, public_comments, internal_comments, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO tickets_fts(rowid, number, subject, description, public_comments, internal_comments)
SELECT t.rowid, t.number, json_extract(t.doc, '$.subject'), json_extract(t.doc, '$.description'),
       coalesce((SELECT group_concat(json_extract(c.value, '$.text'), char(10)) FROM json_each(t.doc, '$.comments') c
                 WHERE json_extract(c.value, '$.visibility') = 'public'), ''),
       coalesce((SELECT group_concat(json_extract(c.value, '$.text'), char(10)) FROM json_each(t.doc, '$.comments') c
                 WHERE json_extract(c.value, '$.visibility') <> 'public'), '')
FROM tickets t;

-- Every upload: who sent which content and how much, when. An attachment is
-- its uploader's to read and to cite; the bytes of the last 24 hours count
-- against the uploader's daily quota. Earlier uploads come from the audit log.
CREATE TABLE attachment_uploads (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL,
    user_id TEXT NOT NULL,
    size    INTEGER NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX attachment_uploads_user ON attachment_uploads(user_id, at);
CREATE INDEX attachment_uploads_sha ON attachment_uploads(sha256, user_id);
INSERT INTO attachment_uploads(sha256, user_id, size, at)
SELECT object, actor, coalesce(json_extract(detail, '$.size'), 0), at FROM audit WHERE action = 'attachment_upload' ORDER BY id;

-- Which tickets cite which attachment: whoever reads one of them reads it.
CREATE TABLE ticket_attachments (
    sha256    TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    PRIMARY KEY (sha256, ticket_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO ticket_attachments(sha256, ticket_id)
SELECT json_extract(a.value, '$.sha256'), t.id FROM tickets t, json_each(t.doc, '$.attachments') a
WHERE json_extract(a.value, '$.sha256') IS NOT NULL;
