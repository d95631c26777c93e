//! Text for search in Ukrainian and Russian: case and apostrophe folding
//! (ʼ ' ’), a light stemmer for both languages, FTS5 queries with prefix
//! matching, and highlighted snippets cut from the original text.
//!
//! The stemmer strips one inflectional ending (the longest that leaves a
//! stem of at least three letters) from a combined list of Ukrainian and
//! Russian noun, adjective and verb endings. The same function stems the
//! indexed text and the query, so «митна декларація», «митні декларації»
//! and «таможенная декларация» meet at `митн декларац` / `таможенн`.

/// Endings, longest first within the list; one is stripped.
const ENDINGS: &[&str] = &[
    // verbs (reflexive parts are stripped first, separately)
    "ували",
    "ювали",
    "ується",
    "ування",
    "ювання",
    "ировать",
    "ировал",
    "ування",
    "ують",
    "юють",
    "уть",
    "ють",
    "ла",
    "ло",
    "ли",
    "ешь",
    "ишь",
    "ете",
    "ите",
    "ает",
    "яет",
    "ует",
    "ює",
    "ує",
    "ає",
    "яє",
    // nouns
    "ування",
    "ення",
    "ання",
    "іння",
    "ння",
    "ість",
    "ості",
    "істю",
    "остю",
    "іями",
    "ями",
    "ами",
    "иями",
    "іях",
    "иях",
    "ях",
    "ах",
    "іям",
    "иям",
    "ям",
    "ам",
    "ією",
    "ией",
    "ієї",
    "ією",
    "ію",
    "ия",
    "ія",
    "ії",
    "ии",
    "ию",
    "ие",
    "ье",
    "ья",
    "ью",
    "ів",
    "їв",
    "ов",
    "ев",
    "ей",
    "ові",
    "еві",
    "єві",
    "ом",
    "ем",
    "єм",
    // adjectives
    "ього",
    "ьому",
    "ими",
    "іми",
    "ого",
    "его",
    "ому",
    "ему",
    "ими",
    "ыми",
    "ої",
    "ою",
    "ею",
    "ій",
    "ий",
    "ый",
    "ой",
    "ей",
    "их",
    "іх",
    "ых",
    "ім",
    "им",
    "ым",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ую",
    "юю",
    // single letters
    "а",
    "я",
    "о",
    "е",
    "є",
    "и",
    "і",
    "ї",
    "у",
    "ю",
    "ы",
    "ь",
    "й",
];

/// Lower case, apostrophes (ʼ ' ’ `) removed inside words, ё → е.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The words of a text, folded.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')))
        .map(fold)
        .filter(|w| !w.is_empty())
}

pub fn stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() <= 3 || !chars.iter().any(|c| ('\u{0400}'..='\u{04FF}').contains(c)) {
        return word.to_string();
    }
    let mut end = chars.len();
    for reflexive in ["ся", "сь"] {
        if word.ends_with(reflexive) && end - 2 >= 3 {
            end -= 2;
            break;
        }
    }
    let base: String = chars[..end].iter().collect();
    for ending in ENDINGS {
        let n = ending.chars().count();
        if base.ends_with(ending) && end - n >= 3 {
            return chars[..end - n].iter().collect();
        }
    }
    base
}

/// The text as the index stores it: stems separated by spaces.
pub fn index_form(text: &str) -> String {
    words(text).map(|w| stem(&w)).collect::<Vec<_>>().join(" ")
}

/// An FTS5 query for what a user typed: every word's stem, as a prefix,
/// all required. Empty when nothing searchable was typed.
pub fn fts_query(typed: &str) -> String {
    words(typed)
        .map(|w| format!("\"{}\"*", stem(&w).replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Up to `width` characters of `text` around the first words matching the
/// query, with each matching word wrapped in `open`…`close`.
pub fn snippet(text: &str, typed: &str, width: usize, open: &str, close: &str) -> String {
    let stems: Vec<String> = words(typed).map(|w| stem(&w)).collect();
    let matches = |word: &str| {
        let folded = stem(&fold(word));
        !stems.is_empty() && stems.iter().any(|s| folded.starts_with(s.as_str()) || fold(word).starts_with(s.as_str()))
    };
    // Word spans in the original text (char offsets).
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '\'' | '’' | 'ʼ')) {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    let hits: Vec<(usize, usize)> = spans.into_iter().filter(|&(a, b)| matches(&chars[a..b].iter().collect::<String>())).collect();
    let first = hits.first().map_or(0, |h| h.0);
    let mut from = first.saturating_sub(width / 3);
    while from > 0 && !chars[from - 1].is_whitespace() {
        from -= 1;
    }
    let to = (from + width).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut pos = from;
    for &(a, b) in hits.iter().filter(|h| h.0 >= from && h.1 <= to) {
        out.extend(&chars[pos..a]);
        out.push_str(open);
        out.extend(&chars[a..b]);
        out.push_str(close);
        pos = b;
    }
    out.extend(&chars[pos..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_and_russian_forms_meet_at_one_stem() {
        for (a, b) in [
            ("митна", "митні"),
            ("митна", "митної"),
            ("декларація", "декларації"),
            ("декларація", "декларацією"),
            ("декларация", "декларации"),
            ("таможенная", "таможенной"),
            ("підписом", "підпис"),
            ("сертифікати", "сертифікат"),
        ] {
            assert_eq!(stem(&fold(a)), stem(&fold(b)), "{a} / {b}");
        }
    }

    #[test]
    fn apostrophes_and_case_fold() {
        assert_eq!(fold("Обʼєкт"), "обєкт");
        assert_eq!(fold("об'єкт"), "обєкт");
        assert_eq!(fold("Об’єкт"), "обєкт");
        assert_eq!(fold("ЁЛКА"), "елка");
    }

    #[test]
    fn typed_prefixes_become_prefix_queries_of_stems() {
        assert_eq!(fts_query("митн декларац"), "\"митн\"* \"декларац\"*");
        assert_eq!(fts_query("  "), "");
        assert_eq!(fts_query("\"ЄАІС\""), "\"єаіс\"*");
    }

    #[test]
    fn snippets_mark_the_matching_words() {
        let s = snippet("Як подати митні декларації в ЄАІС без помилок", "митна декларація", 80, "[", "]");
        assert_eq!(s, "Як подати [митні] [декларації] в ЄАІС без помилок");
    }
}
