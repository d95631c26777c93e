-- A random stamp given to each staged page when it is stored: the process
-- that stored it knows the page by (id, stamp) and may have worked its
-- changes out already while the pull went on (ahead.rs); any other page
-- (NULL: staged before, or by another process) is read and worked out at
-- the checkpoint.
ALTER TABLE staged_pages ADD COLUMN stamp INTEGER;
