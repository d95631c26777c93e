//! Search text in Ukrainian and Russian, one set of rules for every index
//! (the replica's knowledge base and tickets, the server's on SQLite and
//! on PostgreSQL): case and apostrophe
//! folding (ʼ ' ’), a light stemmer for both languages, a search key that
//! lets the two languages' spellings of one word meet, stop words, FTS5
//! queries with prefix matching, and highlighted snippets cut from the
//! original text.
//!
//! The stemmer strips one inflectional ending (the longest that leaves a
//! stem of at least three letters) from a combined list of Ukrainian and
//! Russian noun, adjective and verb endings. The same function stems the
//! indexed text and the query, so «митна декларація», «митні декларації»
//! and «таможенная декларация» meet at `митн декларац` / `таможенн`; the
//! key then writes і, ї, ы as и, є, э as е and ґ as г, so «сертифікат» and
//! «сертификат» meet too.
//!
//! Must not: touch a database or know any ticket or article type; callers
//! own their indexes and pass text in.

mod index_writer;
pub use index_writer::append_index_form;

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
    "ити",
    "іти",
    "ать",
    "ять",
    "ить",
    "еть",
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
        .filter(|c| !is_apostrophe(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')
}

/// The words of a text, folded.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .map(fold)
        .filter(|w| !w.is_empty())
}

pub fn stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let kept = index_writer::stem_len(&chars, chars.iter().any(|c| index_writer::is_cyrillic(*c)));
    chars[..kept].iter().collect()
}

/// A folded word as every index stores it: its stem, with the letters that
/// Ukrainian and Russian spell differently written one way (і ї ы → и,
/// є э → е, ґ → г).
pub fn key(folded_word: &str) -> String {
    let chars: Vec<char> = folded_word.chars().collect();
    let kept = index_writer::stem_len(&chars, chars.iter().any(|c| index_writer::is_cyrillic(*c)));
    chars[..kept].iter().copied().map(index_writer::unify_letter).collect()
}

/// Words that say nothing about a topic in either language: prepositions,
/// conjunctions, particles, pronouns. Negation («не») is one of them: a
/// fault is described with or without it.
const STOP_WORDS: &[&str] = &[
    "а",
    "або",
    "ад",
    "але",
    "б",
    "би",
    "бо",
    "в",
    "вже",
    "ви",
    "від",
    "во",
    "вы",
    "да",
    "для",
    "до",
    "е",
    "же",
    "з",
    "за",
    "зі",
    "и",
    "із",
    "или",
    "к",
    "как",
    "ко",
    "ли",
    "мы",
    "на",
    "над",
    "не",
    "ни",
    "но",
    "о",
    "об",
    "от",
    "по",
    "под",
    "при",
    "про",
    "с",
    "со",
    "та",
    "так",
    "то",
    "у",
    "чи",
    "что",
    "що",
    "я",
    "як",
    "і",
    "й",
    "це",
    "это",
    "його",
    "її",
    "їх",
    "его",
    "ее",
    "их",
    "мені",
    "мне",
    "після",
    "после",
    "під",
    "час",
    "время",
];

/// The search keys of what a user typed, without stop words (all of them
/// when the text has nothing else), each once, in the order typed.
pub fn query_keys(typed: &str) -> Vec<String> {
    let all: Vec<String> = words(typed).collect();
    let meaningful: Vec<&String> = all.iter().filter(|w| !STOP_WORDS.contains(&w.as_str())).collect();
    let chosen: Vec<&String> = if meaningful.is_empty() { all.iter().collect() } else { meaningful };
    let mut keys: Vec<String> = Vec::new();
    for word in chosen {
        let k = key(word).replace('"', "");
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// The text as the index stores it: keys separated by spaces.
pub fn index_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    append_index_form(&mut out, text);
    out
}

/// An FTS5 query that every one of `keys` must match, each as a prefix.
/// Empty when there are no keys.
pub fn fts_all(keys: &[String]) -> String {
    keys.iter().map(|k| format!("\"{k}\"*")).collect::<Vec<_>>().join(" ")
}

/// An FTS5 query that any of `keys` matches, each as a prefix. Empty when
/// there are no keys.
pub fn fts_any(keys: &[String]) -> String {
    keys.iter().map(|k| format!("\"{k}\"*")).collect::<Vec<_>>().join(" OR ")
}

/// An FTS5 query for what a user typed: every key, as a prefix, all
/// required. Empty when nothing searchable was typed.
pub fn fts_query(typed: &str) -> String {
    fts_all(&query_keys(typed))
}

/// How many of `keys` occur (as a prefix of a word) in a text stored in
/// its [`index_form`].
pub fn matched_keys(keys: &[String], indexed: &str) -> usize {
    keys.iter().filter(|k| indexed.split(' ').any(|word| word.starts_with(k.as_str()))).count()
}

/// A piece of a snippet: text as written, and whether it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Highlight {
    pub text: String,
    pub hit: bool,
}

/// Up to `width` characters of `text` around the first words matching the
/// query, as pieces marked matching or not, with «…» where text was cut.
pub fn snippet(text: &str, typed: &str, width: usize) -> Vec<Highlight> {
    let keys = query_keys(typed);
    let matches = |word: &str| {
        let folded = fold(word);
        let (stemmed, whole) = (key(&folded), unify(&folded));
        keys.iter().any(|q| stemmed.starts_with(q.as_str()) || whole.starts_with(q.as_str()))
    };
    // Word spans in the original text (char offsets).
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || is_apostrophe(chars[i])) {
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
    let mut out = Vec::new();
    let mut plain = String::new();
    if from > 0 {
        plain.push('…');
    }
    let mut pos = from;
    for &(a, b) in hits.iter().filter(|h| h.0 >= from && h.1 <= to) {
        plain.extend(&chars[pos..a]);
        if !plain.is_empty() {
            out.push(Highlight {
                text: std::mem::take(&mut plain),
                hit: false,
            });
        }
        out.push(Highlight {
            text: chars[a..b].iter().collect(),
            hit: true,
        });
        pos = b;
    }
    plain.extend(&chars[pos..to]);
    if to < chars.len() {
        plain.push('…');
    }
    if !plain.is_empty() {
        out.push(Highlight { text: plain, hit: false });
    }
    out
}

/// A folded word with the two languages' letters written one way, not stemmed.
fn unify(folded: &str) -> String {
    folded.chars().map(index_writer::unify_letter).collect()
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
            ("сертифікат", "сертификат"),
            ("встановити", "встановить"),
        ] {
            assert_eq!(key(&fold(a)), key(&fold(b)), "{a} / {b}");
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
        assert_eq!(fts_query("\"ЄАІС\""), "\"еаис\"*");
        assert_eq!(fts_any(&query_keys("ЄАІС недоступна")), "\"еаис\"* OR \"недоступн\"*");
    }

    #[test]
    fn stop_words_are_not_searched_unless_nothing_else_was_typed() {
        assert_eq!(query_keys("не можу підписати декларацію"), ["мож", "пидписат", "декларац"]);
        assert_eq!(query_keys("що як"), ["що", "як"]);
    }

    #[test]
    fn matched_keys_count_prefixes_of_indexed_words() {
        let indexed = index_form("Помилка ORA-01555 під час відкриття МД в ЄАІС");
        assert_eq!(matched_keys(&query_keys("ЄАІС недоступна"), &indexed), 1);
        assert_eq!(matched_keys(&query_keys("помилки ЄАІС"), &indexed), 2);
    }

    #[test]
    fn snippets_mark_the_matching_words_and_keep_real_quotes() {
        let parts = snippet("Повідомлення «Сертифікат не знайдено» у митній декларації", "сертификат декларація", 80);
        let marked: String = parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect();
        assert_eq!(marked, "Повідомлення «[Сертифікат] не знайдено» у митній [декларації]");
    }
}
