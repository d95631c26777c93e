-- E-mail into tickets (issue 15 §3): where the intake is in each IMAP
-- mailbox (the mailbox's UIDVALIDITY and the last UID taken in), advanced
-- in the transaction that turns the message into a ticket or a comment,
-- so nothing is read twice across restarts or replicas; and every message
-- taken in by its Message-ID, so a mailbox renumbered (a new UIDVALIDITY)
-- is read again without doubles.
CREATE TABLE mail_inbox_state (
    mailbox      TEXT PRIMARY KEY,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL
);

CREATE TABLE mail_inbox_seen (
    message_id TEXT PRIMARY KEY,
    mailbox    TEXT NOT NULL,
    uid        INTEGER NOT NULL,
    -- registered, answered, commented, ignored, refused
    outcome    TEXT NOT NULL,
    ticket_number TEXT,
    detail     TEXT,
    at         INTEGER NOT NULL
);
