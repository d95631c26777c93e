//! E-mail to requesters (issue 15 §2). The domain decides which events
//! are mailed (`helpdesk_domain::requester_mail`); `app::mail` renders
//! them ([`templates`]) and queues them in the database's outbox in the
//! transaction of the change; [`sender`] delivers the outbox over SMTP
//! (lettre, rustls), retrying with back-off while the SMTP server is down.
//! [`imap_in`] reads an IMAP mailbox into tickets (`app::mail_in`).

pub mod cli;
pub mod imap_in;
pub mod sender;
pub mod templates;

/// A language e-mail is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Uk,
    En,
    Ru,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Uk, Language::En, Language::Ru];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Uk => "uk",
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// `uk`, `en` or `ru` (also `uk-UA`, `EN`…); `None` for another language.
    pub fn parse(text: &str) -> Option<Language> {
        let primary = text.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.as_str() == primary)
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::parse(s).ok_or_else(|| format!("`{s}` is not a language of the mail; write uk, en or ru"))
    }
}

/// What the application needs to queue mail: the sender's address and the
/// language of requesters who chose none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// `From:` of every message, e.g. `HELP DESK <helpdesk@customs.gov.ua>`.
    pub from: String,
    pub default_language: Language,
}

/// The part of an address after `@`, for Message-IDs.
pub fn domain_of(address: &str) -> &str {
    address
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim())
        .filter(|d| !d.is_empty())
        .unwrap_or("helpdesk.invalid")
}

/// The bare address of `Name <address>` (or of a bare address).
pub fn address_of(mailbox: &str) -> Option<&str> {
    let inner = match (mailbox.rfind('<'), mailbox.rfind('>')) {
        (Some(open), Some(close)) if open < close => &mailbox[open + 1..close],
        _ => mailbox,
    };
    Some(inner.trim()).filter(|a| a.contains('@'))
}
