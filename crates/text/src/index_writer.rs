//! The index form written without a string per word: each word is folded
//! into one reused buffer of characters, its stem is found as a length,
//! and its key is appended to the caller's text. The rules are those of
//! [`crate::fold`], [`crate::stem`] and [`crate::key`]; the results are the
//! same, character for character.

use crate::{is_apostrophe, ENDINGS};
use std::sync::OnceLock;

/// The first code point of the Cyrillic block; endings are looked up by
/// their last letter's place in it.
const CYRILLIC: u32 = 0x0400;

/// [`ENDINGS`] as characters, grouped by their last letter, each group in
/// the list's order (so the first that fits is the list's first).
fn endings_by_last_letter() -> &'static [Vec<Vec<char>>] {
    static TABLE: OnceLock<Vec<Vec<Vec<char>>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); 256];
        for ending in ENDINGS {
            let chars: Vec<char> = ending.chars().collect();
            let last = *chars.last().expect("an ending has letters") as u32;
            let slot = last.checked_sub(CYRILLIC).filter(|s| *s < 256).expect("endings are Cyrillic") as usize;
            table[slot].push(chars);
        }
        table
    })
}

/// `char::is_alphanumeric`, without the table look-up for ASCII and the
/// Cyrillic letters (all of U+0400–U+04FF but the signs U+0482–U+0489).
fn is_word_letter(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        c => c.is_alphanumeric(),
    }
}

/// Appends `c` in lower case (`char::to_lowercase`), ё written е; true
/// when a Cyrillic letter was appended.
fn push_lower(word: &mut Vec<char>, c: char) -> bool {
    let lower = match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        c if c.is_ascii() => c,
        'Ё' | 'ё' => 'е',
        // А–Я and the letters before them (Ѐ–Џ) have their small letters
        // at fixed distances; а–я and ѐ–џ are small already.
        '\u{0410}'..='\u{042F}' => char::from_u32(c as u32 + 0x20).expect("а–я"),
        '\u{0400}'..='\u{040F}' => char::from_u32(c as u32 + 0x50).expect("ѐ–џ"),
        '\u{0430}'..='\u{045F}' => c,
        c => {
            let mut cyrillic = false;
            for lower in c.to_lowercase() {
                let lower = if lower == 'ё' { 'е' } else { lower };
                cyrillic |= is_cyrillic(lower);
                word.push(lower);
            }
            return cyrillic;
        }
    };
    word.push(lower);
    is_cyrillic(lower)
}

pub(crate) fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// How many letters of a folded word its stem keeps ([`crate::stem`]).
pub(crate) fn stem_len(word: &[char], has_cyrillic: bool) -> usize {
    let len = word.len();
    if len <= 3 || !has_cyrillic {
        return len;
    }
    let mut end = len;
    if word[len - 2] == 'с' && matches!(word[len - 1], 'я' | 'ь') && len - 2 >= 3 {
        end -= 2;
    }
    let base = &word[..end];
    let last = base[end - 1] as u32;
    let Some(slot) = last.checked_sub(CYRILLIC).filter(|s| *s < 256) else {
        return end;
    };
    for ending in &endings_by_last_letter()[slot as usize] {
        if base.ends_with(ending) && end - ending.len() >= 3 {
            return end - ending.len();
        }
    }
    end
}

/// A letter as the index writes it ([`crate::key`]): і ї ы → и, є э → е, ґ → г.
pub(crate) fn unify_letter(c: char) -> char {
    match c {
        'і' | 'ї' | 'ы' => 'и',
        'є' | 'э' => 'е',
        'ґ' => 'г',
        c => c,
    }
}

/// Appends the keys of `text` to `out`, each after a space unless `out`
/// is empty: `index_form(a)` then `index_form(b)` appended this way give
/// `index_form(a + "\n" + b)`.
pub fn append_index_form(out: &mut String, text: &str) {
    let mut word: Vec<char> = Vec::with_capacity(32);
    let mut has_cyrillic = false;
    // One pass: a word ends at any character that is neither a letter nor
    // an apostrophe; apostrophes are dropped from the word.
    for c in text.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if is_word_letter(c) {
            has_cyrillic |= push_lower(&mut word, c);
        } else if !word.is_empty() {
            append_key(out, &word, has_cyrillic);
            word.clear();
            has_cyrillic = false;
        }
    }
    if !word.is_empty() {
        append_key(out, &word, has_cyrillic);
    }
}

/// Appends the key of a folded word, after a space unless `out` is empty.
fn append_key(out: &mut String, word: &[char], has_cyrillic: bool) {
    if !out.is_empty() {
        out.push(' ');
    }
    let kept = stem_len(word, has_cyrillic);
    out.reserve(kept * 2);
    for &c in &word[..kept] {
        out.push(unify_letter(c));
    }
}

#[cfg(test)]
#[path = "index_writer_tests.rs"]
mod tests;
