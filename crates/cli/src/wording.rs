//! Failures of the client in the user's language: what failed on the way to
//! the server is told from its kind (`failure`, `host`, `seconds` of a
//! [`ClientError`], or the record of the last failed sync), any other
//! [`ClientError`] by its code (`client-error-<code>`, the workflow's
//! `refusal-<code>`, a server's code from the catalogue the desktop shares),
//! never the English sentence the layers below keep for the log. In English
//! the CLI prints that sentence, as it always did.

use crate::i18n::{Lang, Texts};
use helpdesk_client::{ClientError, ClientErrorCode, ErrorCode, LastSyncFailure};
use helpdesk_domain::refusal_code::RefusalCode;
use helpdesk_domain::UnknownName;
use std::path::Path;

/// The param of a server's refusal that holds the server's code.
const SERVER_CODE: &str = "server_code";

/// What the command was about, for an error to name it: the client's
/// not-found and storage errors carry no value the sentence could name.
#[derive(Debug, Clone, Copy)]
pub enum About<'a> {
    Nothing,
    /// A ticket by its number.
    Ticket(&'a str),
    /// A knowledge-base article by its id.
    Article(&'a str),
    /// The profile directory given (`--profile`, `HELPDESK_PROFILE`).
    Profile(&'a Path),
    /// The default profile directory, looked for.
    DefaultProfile,
    /// A folder to save a file in (`report --csv`).
    Folder(&'a Path),
}

/// Why `e` happened, in words: an unreachable server by its kind, else the
/// error by its code ([`client_error`]).
pub fn reason(texts: &Texts, e: &ClientError) -> String {
    client_error(texts, e, About::Nothing)
}

/// `e` in words, by its code: an unreachable server by its kind, the
/// workflow's refusal by its code, a server's refusal by the server's code
/// (the CLI's sentence, else the shared catalogue's, else the server's own
/// message), any other by `client-error-<code>` naming what the command
/// was `about`. The English messages are the client's own sentence.
pub fn client_error(texts: &Texts, e: &ClientError, about: About<'_>) -> String {
    if let Some(text) = unreachable_of(texts, e) {
        return text;
    }
    let code = match e.code {
        ErrorCode::Refused(code) => return crate::refusals::refusal(texts, code, &e.params),
        ErrorCode::Client(code) => code,
    };
    if code == ClientErrorCode::ServerRefused {
        let server_code = e.params.get(SERVER_CODE).and_then(|v| v.as_str()).unwrap_or_default();
        return server_refusal(texts, server_code, &e.params, &e.message);
    }
    let mut args = crate::refusals::args(texts, &e.params);
    args.set("message", e.message.clone());
    let id = match (code, about) {
        (ClientErrorCode::NotFound, About::Ticket(number)) => {
            args.set("number", number.to_string());
            "client-error-not_found-ticket".to_string()
        }
        (ClientErrorCode::NotFound, About::Article(id)) => {
            args.set("id", id.to_string());
            "client-error-not_found-article".to_string()
        }
        (ClientErrorCode::Storage, About::Profile(dir)) => {
            args.set("dir", dir.display().to_string());
            "client-error-storage-profile".to_string()
        }
        (ClientErrorCode::Storage, About::DefaultProfile) => "client-error-storage-no-profile".to_string(),
        (ClientErrorCode::Storage, About::Folder(dir)) => {
            args.set("dir", dir.display().to_string());
            "client-error-storage-folder".to_string()
        }
        _ => format!("client-error-{}", code.as_str().replace('.', "-")),
    };
    if texts.has(&id) {
        texts.get(&id, &args)
    } else {
        e.message.clone()
    }
}

/// A server's refusal, by the server's `code`: the workflow's sentence when
/// the code is the workflow's and the refusal names what it needs, else
/// the shared catalogue's, else the server's own `message` as it came.
pub fn server_refusal(texts: &Texts, code: &str, params: &serde_json::Map<String, serde_json::Value>, message: &str) -> String {
    if texts.lang() == Lang::En {
        return message.to_string();
    }
    if let Some(refusal) = RefusalCode::parse(code) {
        let id = format!("refusal-{}", refusal.as_str());
        if let Some(sentence) = texts.complete(&id, &crate::refusals::args(texts, params)) {
            return sentence;
        }
    }
    let values: Vec<(&str, String)> = params
        .iter()
        .map(|(name, value)| (name.as_str(), crate::refusals::text(texts, name, value)))
        .collect();
    crate::shared_errors::sentence(texts.lang(), code, &values).unwrap_or_else(|| message.to_string())
}

fn unreachable_of(texts: &Texts, e: &ClientError) -> Option<String> {
    let param = |name: &str| e.params.get(name);
    match (param("failure").and_then(|v| v.as_str()), param("host").and_then(|v| v.as_str())) {
        (Some(kind), Some(host)) => Some(unreachable(texts, kind, host, param("seconds").and_then(|v| v.as_u64()))),
        _ => None,
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
    use helpdesk_client::ClientErrorCode as C;
    use helpdesk_domain::ticket::CloseBasis;
    use helpdesk_domain::Priority;

    /// Every code of the client core has its sentence in each language's
    /// own file (a server's refusal is worded by the server's code), and
    /// the variants that name what the command was about too.
    #[test]
    fn every_client_error_code_has_a_sentence_in_every_language() {
        let variants = [
            "not_found-ticket",
            "not_found-article",
            "storage-profile",
            "storage-no-profile",
            "storage-folder",
        ];
        for lang in Lang::ALL {
            let texts = Texts::new(lang);
            let codes = C::ALL.iter().filter(|c| **c != C::ServerRefused).map(|c| c.as_str().replace('.', "-"));
            for name in codes.chain(variants.iter().map(|v| v.to_string())) {
                let id = format!("client-error-{name}");
                assert!(texts.own(&id).is_some(), "{}.ftl lacks `{id}`", lang.code());
            }
        }
    }

    /// English is the client's own sentence, word for word; Ukrainian and
    /// Russian name the value the command was about.
    #[test]
    fn a_client_error_is_worded_by_its_code() {
        let missing = ClientError::not_found("no ticket `HD-7` in this replica; sync, or check the number");
        let storage = ClientError::storage("cannot create /nope: Not a directory (os error 20)");
        let outbox = ClientError::new(C::OtherUserOutbox, "this profile holds 3 unsent action(s) of ana; …").with("count", 3);
        for e in [&missing, &storage, &outbox] {
            for about in [About::Nothing, About::Ticket("HD-7"), About::Profile(Path::new("/nope"))] {
                assert_eq!(client_error(&Texts::new(Lang::En), e, about), e.message);
            }
        }
        let uk = Texts::new(Lang::Uk);
        assert_eq!(
            client_error(&uk, &missing, About::Ticket("HD-7")),
            "звернення «HD-7» у цій репліці немає: синхронізуйте або перевірте номер"
        );
        let ru = client_error(&Texts::new(Lang::Ru), &storage, About::Profile(Path::new("/nope")));
        assert!(ru.starts_with("не удалось открыть профиль «/nope»"), "{ru}");
        assert!(client_error(&uk, &outbox, About::Nothing).starts_with("у цьому профілі 3 ненадіслані дії іншого"));
    }

    /// A server's code: the shared catalogue's sentence in Ukrainian and
    /// Russian, the server's message in English and for a code unknown.
    #[test]
    fn a_servers_refusal_is_worded_by_the_servers_code() {
        let refused = ClientError::new(C::ServerRefused, "the server refused the request (forbidden): not allowed").with("server_code", "forbidden");
        assert_eq!(client_error(&Texts::new(Lang::En), &refused, About::Nothing), refused.message);
        let uk = client_error(&Texts::new(Lang::Uk), &refused, About::Nothing);
        assert!(uk.starts_with("У вас немає прав на цю дію"), "{uk}");
        let none = serde_json::Map::new();
        assert_eq!(server_refusal(&Texts::new(Lang::Ru), "brand_new_code", &none, "as it came"), "as it came");
        let group = server_refusal(&Texts::new(Lang::Ru), "unknown_group", &none, "no such group");
        assert!(group.starts_with("Такой рабочей группы нет"), "{group}");
    }

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
