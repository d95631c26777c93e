-- The search tables hold index forms (`helpdesk_text::index_form`): keys
-- already folded, stemmed and separated by spaces. FTS5's `unicode61`
-- tokenizer looked each character up in Unicode's tables again (a tenth of
-- a first replica's work); `ascii` splits on the spaces and keeps every
-- non-ASCII letter as it is, which for these keys gives the same tokens.
-- The tables are filled again on open (search.rs, SEARCH_INDEX_VERSION).
DROP TABLE kb_fts;
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, tokenize = 'ascii');
CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, comments, tokenize = 'ascii');
