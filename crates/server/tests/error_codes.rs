//! Every `code` the server writes into an error is declared in
//! `helpdesk_protocol::error_code` (the one list the clients translate):
//! the codes the server's source spells as literals (`code: "…"`,
//! `bad_request("…"`, the HTTP layer's `("…", message)` pairs) and the
//! fixed codes of `AppError`.

use helpdesk_protocol::error_code::ApiErrorCode;
use helpdesk_server::error::AppError;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The snake_case word in quotes right after `prefix`, at each occurrence.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.match_indices(prefix)
        .filter_map(|(at, _)| {
            let rest = &text[at + prefix.len()..];
            let end = rest.find('"')?;
            let word = &rest[..end];
            (!word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')).then_some(word)
        })
        .collect()
}

#[test]
fn every_code_the_server_writes_is_declared() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut undeclared = Vec::new();
    let mut seen = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // The demo generator's `code: "…"` are resolution codes, not errors.
        let demo = file.components().any(|c| c.as_os_str() == "demo");
        let mut codes = quoted_after(&text, "bad_request(\"");
        codes.extend(quoted_after(&text, "unknown(\""));
        if !demo {
            codes.extend(quoted_after(&text, "code: \""));
        }
        if file.ends_with("http/mod.rs") {
            codes.extend(quoted_after(&text, "=> (\""));
            codes.extend(quoted_after(&text, "(\n            \""));
        }
        for code in codes {
            seen += 1;
            if ApiErrorCode::parse(code).is_none() {
                undeclared.push(format!("{}: {code}", file.display()));
            }
        }
    }
    assert!(seen > 40, "found only {seen} codes: the patterns no longer match the source");
    assert!(undeclared.is_empty(), "codes not declared in helpdesk_protocol::error_code: {undeclared:#?}");
}

#[test]
fn the_fixed_codes_of_app_error_are_declared() {
    let fixed = [
        AppError::Forbidden(String::new()),
        AppError::NotFound(String::new()),
        AppError::PayloadTooLarge,
        AppError::AttachmentTooLarge { limit: 1 },
        AppError::TooManyRequests { retry_after: 1 },
        AppError::Unavailable { retry_after: 1 },
        AppError::Internal(String::new()),
    ];
    for error in fixed {
        assert!(ApiErrorCode::parse(&error.code()).is_some(), "`{}` is not declared", error.code());
    }
}
