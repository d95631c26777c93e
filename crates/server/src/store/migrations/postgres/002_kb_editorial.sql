-- The knowledge base's editorial cycle (003 §4.16, §5.1): SQLite's
-- migration 004, with integers as BIGINT.

-- The pending revision of a published article (one at most): its wire
-- document (`ArticleRevision`) and the columns queries read. Publishing it
-- replaces the article's text and deletes the row; withdrawing deletes it.
CREATE TABLE kb_revisions (
    article_id TEXT PRIMARY KEY REFERENCES kb_articles(id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'review', 'approved')),
    author     TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    doc        TEXT NOT NULL
);

-- How often the service desk opened an article (003 §5.1.9).
CREATE TABLE kb_views (
    article_id TEXT PRIMARY KEY REFERENCES kb_articles(id) ON DELETE CASCADE,
    views      BIGINT NOT NULL
);

-- Articles the daily job found past their review date (003 §5.1.5): one
-- row per article and review date, so an owner is told once per date.
CREATE TABLE kb_review_flags (
    article_id TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    review_due TEXT NOT NULL,
    owner      TEXT NOT NULL,
    flagged_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, review_due)
);
