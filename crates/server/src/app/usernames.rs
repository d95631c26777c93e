//! User names: one spelling per account. A name is stored normalised (NFKC,
//! lower case), new names use a small ASCII alphabet, and a new name that
//! looks like an existing one (`0`/`o`, `1`/`l`, `rn`/`m`, `.`/`_`/`-`) is
//! refused, so nobody can register `ADMIN`, `аdmin` (Cyrillic а) or
//! `adrnin` beside `admin`.

use crate::error::AppError;
use unicode_normalization::UnicodeNormalization;

/// The longest user name, in bytes (ASCII: also in characters).
pub const MAX_USERNAME_BYTES: usize = 64;
const MIN_USERNAME_CHARS: usize = 2;

/// A submitted name as it is looked up: NFKC, lower case, trimmed. Names
/// longer than any account's are refused before anything else is done.
pub fn normalise(submitted: &str) -> Result<String, AppError> {
    // NFKC can lengthen a text; refuse the hopeless ones before it runs.
    if submitted.len() > 4 * MAX_USERNAME_BYTES {
        return Err(too_long());
    }
    let name: String = submitted.trim().nfkc().flat_map(char::to_lowercase).collect();
    if name.len() > MAX_USERNAME_BYTES {
        return Err(too_long());
    }
    Ok(name)
}

fn too_long() -> AppError {
    AppError::Unprocessable {
        code: "invalid_username",
        message: format!("a user name has at most {MAX_USERNAME_BYTES} characters; check what was typed in the name field"),
        fields: vec!["username".into()],
    }
}

/// A new account's name, normalised, or why it cannot be one.
pub fn check_new(submitted: &str) -> Result<String, AppError> {
    let name = normalise(submitted)?;
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '@');
    if name.chars().count() < MIN_USERNAME_CHARS || !name.chars().all(allowed) || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(AppError::Unprocessable {
            code: "invalid_username",
            message: format!(
                "a user name is {MIN_USERNAME_CHARS}–{MAX_USERNAME_BYTES} Latin letters, digits and `.`, `_`, `-`, `@`, starting with a letter or digit (e.g. `o.kovalenko`)"
            ),
            fields: vec!["username".into()],
        });
    }
    Ok(name)
}

/// What a name looks like to a reader: names with the same skeleton are
/// too alike to tell apart on a screen or on paper.
pub fn skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        out.push(match c {
            '0' => 'o',
            '1' | 'i' | '|' => 'l',
            '5' => 's',
            '_' | '-' => '.',
            c => c,
        });
    }
    out.replace("rn", "m").replace("vv", "w")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_looked_up_in_one_spelling() {
        assert_eq!(normalise("  ADMIN ").unwrap(), "admin");
        assert_eq!(normalise("Ａｄｍｉｎ").unwrap(), "admin", "full-width letters fold under NFKC");
        assert_eq!(normalise("О.Коваленко").unwrap(), "о.коваленко");
    }

    #[test]
    fn over_long_names_are_refused_before_lookup() {
        assert!(normalise(&"a".repeat(MAX_USERNAME_BYTES)).is_ok());
        assert!(matches!(
            normalise(&"a".repeat(MAX_USERNAME_BYTES + 1)),
            Err(AppError::Unprocessable { code: "invalid_username", .. })
        ));
        assert!(normalise(&"x".repeat(4 << 20)).is_err());
    }

    #[test]
    fn new_names_use_a_small_alphabet() {
        assert_eq!(check_new("O.Kovalenko").unwrap(), "o.kovalenko");
        for bad in ["аdmin", "ad min", "ad\0min", "a", ".admin", "адмін", "admin!", &"a".repeat(65)] {
            assert!(check_new(bad).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn look_alike_names_share_a_skeleton() {
        assert_eq!(skeleton("admin"), skeleton("adrnin"));
        assert_eq!(skeleton("o.kovalenko"), skeleton("0_kovalenko"));
        assert_eq!(skeleton("lead1"), skeleton("leadl"));
        assert_ne!(skeleton("ana"), skeleton("bob"));
    }
}
