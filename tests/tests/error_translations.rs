//! Every error code that crosses IPC (the client's, the workflow's
//! refusals) or the HTTP API (the server's) has a sentence in each of the
//! UI's languages in the ONE catalogue both front ends use
//! (`ui/shared/errors/{uk,en,ru}.json`, under `code`): the desktop and the
//! Self Service portal merge it into their messages and render it with the
//! same function, so neither falls back to the server's English message and
//! neither keeps sentences of its own. The codes come from the Rust enums
//! that declare them, so a code added there without a sentence fails here.

use helpdesk_client::ErrorCode;
use helpdesk_protocol::error_code::ApiErrorCode;
use std::collections::BTreeSet;
use std::path::Path;

const LANGUAGES: [&str; 3] = ["uk", "en", "ru"];

fn json(relative: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui").join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shared_catalogue(lang: &str) -> serde_json::Value {
    json(&format!("shared/errors/{lang}.json"))
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
    for lang in LANGUAGES {
        let catalogue = shared_catalogue(lang);
        let missing: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|code| catalogue["code"][code].as_str().is_none_or(|s| s.trim().is_empty()))
            .collect();
        assert!(missing.is_empty(), "ui/shared/errors/{lang}.json lacks code.{missing:?}");
    }
}

#[test]
fn no_translation_is_kept_for_a_code_that_no_longer_exists() {
    let codes = every_code();
    for lang in LANGUAGES {
        let catalogue = shared_catalogue(lang);
        let stale: Vec<String> = catalogue["code"]
            .as_object()
            .expect("code is an object")
            .keys()
            .filter(|k| !codes.contains(k.as_str()))
            .cloned()
            .collect();
        assert!(stale.is_empty(), "ui/shared/errors/{lang}.json translates codes no enum declares: {stale:?}");
    }
}

#[test]
fn an_unknown_code_has_a_generic_sentence_that_names_it() {
    for lang in LANGUAGES {
        let unknown = shared_catalogue(lang)["unknown"].as_str().map(str::to_owned);
        assert!(
            unknown.as_deref().is_some_and(|s| s.contains("{code}")),
            "ui/shared/errors/{lang}.json: `unknown` must name the {{code}}, is {unknown:?}"
        );
    }
}

#[test]
fn neither_the_desktop_nor_the_portal_keeps_its_own_sentence_for_a_code() {
    let codes = every_code();
    for lang in LANGUAGES {
        let desktop = json(&format!("src/i18n/{lang}.json"));
        assert!(
            desktop["error"].get("code").is_none() && desktop["error"].get("unknown").is_none(),
            "ui/src/i18n/{lang}.json has error.code/error.unknown: they belong in ui/shared/errors"
        );
        let portal = json(&format!("portal/src/i18n/{lang}.json"));
        let own: Vec<&String> = portal
            .get("error")
            .and_then(|e| e.as_object())
            .map(|e| {
                e.keys()
                    .filter(|k| k.as_str() == "code" || k.as_str() == "unknown" || codes.contains(k.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            own.is_empty(),
            "ui/portal/src/i18n/{lang}.json keeps its own error sentences {own:?}: they belong in ui/shared/errors"
        );
    }
}
