//! The index form written in one pass gives what the rules say when each
//! word is folded, stemmed and unified as a string of its own.

use super::*;
use crate::{fold, index_form, key, stem, words};

/// The stemmer as stated: the reflexive part, then the first ending of the
/// list that leaves three letters.
fn stated_stem(word: &str) -> String {
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

fn stated_key(folded: &str) -> String {
    stated_stem(folded).chars().map(unify_letter).collect()
}

fn stated_index_form(text: &str) -> String {
    words(text).map(|w| stated_key(&w)).collect::<Vec<_>>().join(" ")
}

/// A small deterministic generator (xorshift), so a failure repeats.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const LETTERS: &[&str] = &[
    "а", "б", "в", "г", "ґ", "д", "е", "є", "ж", "з", "и", "і", "ї", "й", "к", "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ь",
    "ю", "я", "ы", "э", "ё", "ъ", "Ё", "Д", "Є", "І", "Ї", "Ґ",
];
const OTHER_WORDS: &[&str] = &[
    "ORA-01555",
    "NCTS",
    "e-mail",
    "İstanbul",
    "STRASSE",
    "ẞ",
    "Ωμέγα",
    "123",
    "x",
    "ЄАІС",
    "МД",
    "об'єкт",
    "Обʼєкт",
    "''",
    "`",
];
const APOSTROPHES: &[&str] = &["'", "’", "ʼ", "`", "‘"];
const SEPARATORS: &[&str] = &[" ", "  ", "\n", ", ", ". ", "«", "»", " - ", "/", "(", ")", ":", "\t", "—"];

fn word(dice: &mut Dice) -> String {
    if dice.below(5) == 0 {
        return dice.pick(OTHER_WORDS).to_string();
    }
    let mut w = String::new();
    for _ in 0..1 + dice.below(6) {
        w.push_str(dice.pick(LETTERS));
        if dice.below(25) == 0 {
            w.push_str(dice.pick(APOSTROPHES));
        }
    }
    if dice.below(4) != 0 {
        w.push_str(ENDINGS[dice.below(ENDINGS.len())]);
    }
    if dice.below(5) == 0 {
        w.push_str(dice.pick(&["ся", "сь", "СЯ"]));
    }
    match dice.below(6) {
        0 => w.to_uppercase(),
        1 => {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        _ => w,
    }
}

#[test]
fn the_one_pass_index_form_equals_the_stated_rules() {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..dice.below(40) {
            text.push_str(&word(&mut dice));
            text.push_str(dice.pick(SEPARATORS));
        }
        assert_eq!(index_form(&text), stated_index_form(&text), "{text:?}");
        for w in words(&text) {
            assert_eq!(stem(&w), stated_stem(&w), "{w:?}");
            assert_eq!(key(&w), stated_key(&w), "{w:?}");
        }
    }
}

#[test]
fn every_ending_is_stripped_as_the_stated_rules_strip_it() {
    for ending in ENDINGS {
        for stem_part in ["декл", "мит", "ab", "пі", "сертифікат"] {
            for reflexive in ["", "ся", "сь"] {
                let w = fold(&format!("{stem_part}{ending}{reflexive}"));
                assert_eq!(stem(&w), stated_stem(&w), "{w:?}");
            }
        }
    }
}

#[test]
fn appended_forms_are_the_form_of_the_texts_joined_by_a_line_break() {
    let texts = ["Митна декларація", "", "  ,, ", "не підписується ЄАІС", "ORA-01555"];
    let mut appended = String::new();
    for t in texts {
        append_index_form(&mut appended, t);
    }
    assert_eq!(appended, index_form(&texts.join("\n")));
}

#[test]
fn every_character_splits_and_folds_as_the_stated_rules_say() {
    for c in (0..0x3000u32).chain(0x1E900..0x1E960).filter_map(char::from_u32) {
        for text in [format!("x{c}y"), format!("ДЕКЛАРАЦ{c}ЯМИ мит{c}ного {c}"), c.to_string()] {
            assert_eq!(index_form(&text), stated_index_form(&text), "U+{:04X} in {text:?}", c as u32);
        }
    }
}
