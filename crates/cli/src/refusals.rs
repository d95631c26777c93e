//! The workflow's refusals in the user's language, by their code
//! (`helpdesk_domain::refusal_code::RefusalCode`) and the params the
//! refusal names — the same codes the desktop translates; the workflow's
//! English message is not shown.

use crate::i18n::Texts;
use fluent_bundle::{FluentArgs, FluentValue};
use helpdesk_domain::refusal_code::RefusalCode;

/// The refusal's sentence: `refusal-<code>` with its params, the op, the
/// statuses and the ticket type in words.
pub fn refusal(texts: &Texts, code: RefusalCode, params: &serde_json::Map<String, serde_json::Value>) -> String {
    texts.get(&format!("refusal-{}", code.as_str()), &args(texts, params))
}

/// `params` as the values of a sentence, ids in words.
pub fn args(texts: &Texts, params: &serde_json::Map<String, serde_json::Value>) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, value) in params {
        args.set(name.clone(), arg(texts, name, value));
    }
    args
}

fn arg(texts: &Texts, name: &str, value: &serde_json::Value) -> FluentValue<'static> {
    match value {
        serde_json::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or_default()),
        other => FluentValue::from(text(texts, name, other)),
    }
}

/// A param's value as text, ids in words (`op` → «взяти в роботу»).
pub fn text(texts: &Texts, name: &str, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => word(texts, name, s),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), |s| word(texts, name, s)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn word(texts: &Texts, name: &str, value: &str) -> String {
    match name {
        "op" => texts.name_or("op", value),
        "status" | "allowed" => texts.name_or("status", value),
        "ticket_type" => texts.name_or("type", value),
        "required" => value.to_uppercase(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use helpdesk_domain::ops::OpKind;

    #[test]
    fn every_refusal_and_every_op_has_a_sentence_in_every_language() {
        for lang in Lang::ALL {
            let texts = Texts::new(lang);
            for code in RefusalCode::ALL {
                assert!(texts.has(&format!("refusal-{}", code.as_str())), "{}: refusal-{}", lang.code(), code.as_str());
            }
            for op in OpKind::ALL {
                let id = format!("op-{}", op.as_str());
                assert!(texts.has(&id), "{}: {id}", lang.code());
            }
        }
    }

    #[test]
    fn a_refusal_reads_in_ukrainian_with_the_op_and_statuses_in_words() {
        let params = serde_json::json!({"op": "reopen", "status": "closed", "allowed": ["resolved"]});
        let text = refusal(&Texts::new(Lang::Uk), RefusalCode::WrongStatus, params.as_object().unwrap());
        assert!(
            text.contains("відкрити повторно") && text.contains("закрито") && text.contains("вирішено"),
            "{text}"
        );
        assert!(!text.contains("reopen") && !text.contains("closed"), "{text}");
    }
}
