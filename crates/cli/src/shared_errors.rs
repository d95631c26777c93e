//! The error sentences the desktop and the Self Service portal share
//! (`ui/shared/errors/{uk,ru}.json`, one per code the server, the workflow
//! and the client declare; `tests/tests/error_translations.rs` keeps it
//! complete): the CLI words a server's code it has no sentence of its own
//! for from this catalogue rather than keeping a second copy of it. Only
//! Ukrainian and Russian are read: in English the CLI keeps the server's
//! own sentence, as it always printed it.

use crate::i18n::Lang;

const UK: &str = include_str!("../../../ui/shared/errors/uk.json");
const RU: &str = include_str!("../../../ui/shared/errors/ru.json");

/// The shared sentence for `code` in `lang`, its `{name}` placeholders
/// filled from `values`; `None` in English, for a code the catalogue does
/// not have, and for a sentence that names a value not given (or uses a
/// plural form, which the CLI's own catalogue words).
pub fn sentence(lang: Lang, code: &str, values: &[(&str, String)]) -> Option<String> {
    let text = match lang {
        Lang::Uk => UK,
        Lang::Ru => RU,
        Lang::En => return None,
    };
    let catalogue: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut sentence = catalogue["code"][code].as_str()?.trim().to_string();
    for (name, value) in values {
        sentence = sentence.replace(&format!("{{{name}}}"), value);
    }
    (!sentence.contains('{') && !sentence.is_empty()).then_some(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_catalogue_is_read_in_ukrainian_and_russian_only() {
        let uk = sentence(Lang::Uk, "unknown_group", &[]).expect("uk has unknown_group");
        assert!(uk.contains("групи"), "{uk}");
        let ru = sentence(Lang::Ru, "unknown_group", &[]).expect("ru has unknown_group");
        assert!(ru.contains("групп"), "{ru}");
        assert_eq!(sentence(Lang::En, "unknown_group", &[]), None);
        assert_eq!(sentence(Lang::Uk, "no_such_code_at_all", &[]), None);
    }

    #[test]
    fn a_sentence_is_filled_or_not_given() {
        assert_eq!(sentence(Lang::Uk, "empty_text", &[]), None, "a value is missing");
        let filled = sentence(Lang::Uk, "empty_text", &[("field", "subject".to_string())]).unwrap();
        assert!(filled.contains("«subject»"), "{filled}");
        assert_eq!(sentence(Lang::Uk, "other_user_outbox", &[("count", "2".to_string())]), None, "a plural form");
    }
}
