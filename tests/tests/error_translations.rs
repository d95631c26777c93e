//! Every error code that crosses IPC (the client's, the workflow's
//! refusals) or the HTTP API (the server's) has a sentence in each of the
//! UI's languages (`ui/src/i18n/{uk,en,ru}.json`, under `error.code`), so
//! the desktop never falls back to the server's English message. The
//! codes come from the Rust enums that declare them, so a code added there
//! without a translation fails here.

use helpdesk_client::ErrorCode;
use helpdesk_protocol::error_code::ApiErrorCode;
use std::collections::BTreeSet;
use std::path::Path;

fn catalogue(lang: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/i18n").join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn every_code() -> BTreeSet<&'static str> {
    ErrorCode::all()
        .map(ErrorCode::as_str)
        .chain(ApiErrorCode::all().map(ApiErrorCode::as_str))
        .collect()
}

#[test]
fn every_error_code_has_a_sentence_in_uk_en_and_ru() {
    let codes = every_code();
    assert!(codes.len() > 60, "the enums declare {} codes", codes.len());
    for lang in ["uk", "en", "ru"] {
        let catalogue = catalogue(lang);
        let missing: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|code| catalogue["error"]["code"][code].as_str().is_none_or(|s| s.trim().is_empty()))
            .collect();
        assert!(missing.is_empty(), "ui/src/i18n/{lang}.json lacks error.code.{missing:?}");
    }
}

#[test]
fn no_translation_is_kept_for_a_code_that_no_longer_exists() {
    let codes = every_code();
    for lang in ["uk", "en", "ru"] {
        let catalogue = catalogue(lang);
        let stale: Vec<String> = catalogue["error"]["code"]
            .as_object()
            .expect("error.code is an object")
            .keys()
            .filter(|k| !codes.contains(k.as_str()))
            .cloned()
            .collect();
        assert!(stale.is_empty(), "ui/src/i18n/{lang}.json translates codes no enum declares: {stale:?}");
    }
}
