-- E-mail to requesters (issue 15 §2): every message is written here in the
-- same transaction as the change it tells of, and the sender delivers it
-- later; an SMTP server that is down delays mail, never loses it.
--   status: queued (waiting or retrying), sent, failed (refused for good);
--   lease_holder / lease_until: the replica sending it now, so that
--   replicas on one database send each message once.
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    -- Order of queueing (ties of created_at: one transaction, one millisecond).
    seq             INTEGER NOT NULL,
    ticket_id       TEXT,
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    language        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER,
    lease_holder    TEXT,
    lease_until     INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_ticket ON mail_outbox(ticket_id);
CREATE INDEX mail_outbox_seq ON mail_outbox(seq);

-- The language a user's e-mail is written in (uk, en, ru); NULL: the
-- deployment's default.
ALTER TABLE users ADD COLUMN language TEXT;
