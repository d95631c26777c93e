-- Tickets a pulled delta did not fit (the copy held was not the version
-- the delta was cut from): fetched whole after the pull, then held in the
-- buckets named here. Kept with the cursors that passed the delta, so a
-- sync stopped before the fetch fetches them next time.
CREATE TABLE wanted_tickets (
    id     TEXT NOT NULL,
    bucket TEXT NOT NULL,
    PRIMARY KEY (id, bucket)
) WITHOUT ROWID;
