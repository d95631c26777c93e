-- The cursors a staged page brings, kept beside it: the next request of a
-- pull reads them without parsing the page (several MiB of JSON). NULL
-- (pages staged before): read from the page itself.
ALTER TABLE staged_pages ADD COLUMN cursors TEXT;
