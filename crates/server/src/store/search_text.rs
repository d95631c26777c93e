//! Words for PostgreSQL's full-text search, cut and folded as SQLite's FTS5
//! `unicode61 remove_diacritics 2` tokenizer cuts and folds them, so that a
//! search finds the same tickets on both backends: letters and digits make
//! words, everything else separates them (`HD-2026-000123` is three words
//! in a row), case is folded, and Latin letters lose their accents
//! (Cyrillic letters such as `й` and `ї` stay as they are).

use super::tickets::{MAX_QUERY_TERMS, MIN_TERM_CHARS};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The words of `text`, folded.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).collect()
}

fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if (c as u32) < 0x250 {
            out.extend(c.to_string().nfd().filter(|m| !is_combining_mark(*m)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The text a tsvector is made of (`to_tsvector('simple', …)`): the words
/// of every part, folded, one space apart.
pub fn document(parts: &[&str]) -> String {
    parts.iter().flat_map(|p| words(p)).collect::<Vec<_>>().join(" ")
}

/// A user's search as a `to_tsquery('simple', …)` text: each word a
/// prefix, all required; a word of several parts (a ticket number) is a
/// phrase whose last part is a prefix. The same words count as in
/// `tickets::fts_query` (at most [`MAX_QUERY_TERMS`], each of at least
/// [`MIN_TERM_CHARS`] letters or digits).
pub fn ts_query(text: &str) -> String {
    let mut terms: Vec<String> = Vec::new();
    let candidates = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != 'ʼ' && c != '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| w.replace(['\'', '’', 'ʼ'], ""))
        .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_TERM_CHARS);
    for word in candidates {
        let parts = words(&word);
        if parts.is_empty() {
            continue;
        }
        let term = format!("{}:*", parts.join(" <-> "));
        if !terms.contains(&term) {
            terms.push(term);
            if terms.len() == MAX_QUERY_TERMS {
                break;
            }
        }
    }
    terms.join(" & ")
}

/// The fragment of `text` around the first word a search finds, about 16
/// words long, the found words between `**` and cuts marked with `…`
/// (as SQLite's `snippet()` makes it); `None` when no word is found.
pub fn snippet(text: &str, search: &str) -> Option<String> {
    let prefixes: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_TERM_CHARS)
        .map(fold)
        .collect();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let found = |word: &str| {
        let folded = fold(word.trim_matches(|c: char| !c.is_alphanumeric()));
        !folded.is_empty() && prefixes.iter().any(|p| folded.starts_with(p.as_str()))
    };
    let first = tokens.iter().position(|w| found(w))?;
    let start = first.saturating_sub(4);
    let end = (start + 16).min(tokens.len());
    let mut out: Vec<String> = Vec::new();
    if start > 0 {
        out.push("…".into());
    }
    for word in &tokens[start..end] {
        out.push(if found(word) { format!("**{word}**") } else { word.to_string() });
    }
    if end < tokens.len() {
        out.push("…".into());
    }
    Some(out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_numbers_are_phrases_and_words_are_prefixes() {
        assert_eq!(ts_query("HD-2026-000123"), "hd <-> 2026 <-> 000123:*");
        assert_eq!(ts_query("Митна декларація, Café"), "митна:* & декларація:* & cafe:*");
        assert_eq!(ts_query("а б"), "");
    }

    #[test]
    fn cyrillic_letters_keep_their_marks() {
        assert_eq!(document(&["Її ЙОГО"]), "її його");
    }
}
