-- Failed sign-ins, counted before the password is checked, per user name,
-- per client address and per both (scope `name`, `address`, `name_address`;
-- an unused part is ''). `blocked_until` is when the next attempt may be
-- checked; rows quiet for a day are pruned.
CREATE TABLE sign_in_failures (
    scope         TEXT NOT NULL CHECK (scope IN ('name', 'address', 'name_address')),
    name          TEXT NOT NULL,
    address       TEXT NOT NULL,
    failures      INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL,
    last_at       INTEGER NOT NULL,
    PRIMARY KEY (scope, name, address)
);
CREATE INDEX sign_in_failures_last ON sign_in_failures(last_at);

-- One spelling per account: user names are looked up lower-cased.
UPDATE users SET username = lower(trim(username))
 WHERE username <> lower(trim(username))
   AND NOT EXISTS (SELECT 1 FROM users o WHERE o.username = lower(trim(users.username)));
