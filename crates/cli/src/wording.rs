//! Failures of the client in the user's language: what failed on the way to
//! the server is told from its kind (`failure`, `host`, `seconds` of a
//! [`ClientError`], or the record of the last failed sync), never the
//! English sentence the layers below keep for the log.

use crate::i18n::Texts;
use helpdesk_client::{ClientError, LastSyncFailure};
use helpdesk_domain::UnknownName;

/// Why `e` happened, in words: an unreachable server by its kind, else the
/// error's own message.
pub fn reason(texts: &Texts, e: &ClientError) -> String {
    let param = |name: &str| e.params.get(name);
    match (param("failure").and_then(|v| v.as_str()), param("host").and_then(|v| v.as_str())) {
        (Some(kind), Some(host)) => unreachable(texts, kind, host, param("seconds").and_then(|v| v.as_u64())),
        _ => e.message.clone(),
    }
}

/// Why the last sync failed, in words.
pub fn last_failure(texts: &Texts, f: &LastSyncFailure) -> String {
    match &f.unreachable {
        Some(u) => unreachable(texts, &u.kind, &u.host, u.seconds),
        None => f.message.clone(),
    }
}

fn unreachable(texts: &Texts, kind: &str, host: &str, seconds: Option<u64>) -> String {
    let id = format!("net-{kind}");
    let id = if texts.has(&id) { id } else { "net-other".to_string() };
    texts.get(&id, &crate::fargs! { "host" => host.to_string(), "seconds" => seconds.unwrap_or_default() })
}

/// A name outside one of the domain's closed sets: the domain's given value
/// and its list of what is allowed, in the user's sentence (in English, the
/// domain's own words: `unknown CloseBasis `x`; allowed: …`).
pub fn unknown_name(texts: &Texts, e: &UnknownName) -> String {
    texts.get(
        "input-unknown-name",
        &crate::fargs! { "what" => e.what, "given" => e.given.clone(), "allowed" => e.allowed.clone() },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use helpdesk_domain::ticket::CloseBasis;
    use helpdesk_domain::Priority;

    /// The English sentence is the domain's own, word for word.
    #[test]
    fn an_unknown_name_in_english_is_the_domains_sentence() {
        let en = Texts::new(Lang::En);
        let basis = "finished".parse::<CloseBasis>().unwrap_err();
        assert_eq!(unknown_name(&en, &basis), basis.to_string());
        let level = Priority::new(7).unwrap_err();
        assert_eq!(unknown_name(&en, &level), level.to_string());
        let uk = unknown_name(&Texts::new(Lang::Uk), &basis);
        assert!(uk.starts_with("невідоме значення «finished»; допустимі: "), "{uk}");
        assert!(uk.ends_with(&basis.allowed), "{uk}");
    }
}
