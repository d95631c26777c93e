//! The mail settings of `helpdesk-server serve` and the administrators'
//! `helpdesk-server mail-outbox` command.

use super::imap_in::ImapSettings;
use super::sender::Sender;
use super::{Language, MailSettings};
use crate::app::App;
use crate::store::outbox;
use clap::Args;

/// `serve`'s mail options.
#[derive(Args, Clone, Debug, Default)]
pub struct MailArgs {
    /// Send e-mail to requesters through this SMTP server:
    /// smtp://HOST:PORT (STARTTLS when offered), smtp://USER:PASSWORD@HOST:587?tls=required,
    /// smtps://USER:PASSWORD@HOST:465. Without it no mail is queued.
    #[arg(long, env = "HELPDESK_SMTP_URL", value_name = "URL", requires = "mail_from")]
    pub smtp_url: Option<String>,
    /// The sender of that mail, e.g. "HELP DESK <helpdesk@customs.gov.ua>".
    #[arg(long, env = "HELPDESK_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// The language of mail to requesters who chose none (uk, en, ru).
    #[arg(long, env = "HELPDESK_MAIL_LANGUAGE", value_name = "LANG", default_value = "uk")]
    pub mail_language: Language,
    /// Take mail into tickets from this IMAP mailbox:
    /// imap://USER:PASSWORD@HOST:143/INBOX (plain: a server on this host) or
    /// imaps://USER:PASSWORD@HOST:993/INBOX.
    #[arg(long, env = "HELPDESK_IMAP_URL", value_name = "URL")]
    pub imap_url: Option<String>,
    /// How often the IMAP mailbox is read.
    #[arg(long, env = "HELPDESK_IMAP_POLL_SECONDS", value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub imap_poll_seconds: u64,
    /// How many days a sent e-mail stays in the outbox before the timed
    /// jobs delete it; failed ones stay until an administrator queues them again.
    #[arg(long, env = "HELPDESK_MAIL_RETENTION_DAYS", value_name = "DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub mail_retention_days: u32,
}

/// The IMAP mailbox to read, when `--imap-url` is given.
pub fn imap(args: &MailArgs) -> Result<Option<(ImapSettings, std::time::Duration)>, String> {
    args.imap_url
        .as_deref()
        .map(|url| Ok((ImapSettings::parse(url)?, std::time::Duration::from_secs(args.imap_poll_seconds))))
        .transpose()
}

/// Checks the mail options and sets the application's mail settings; the
/// sender to start, when mail is on.
pub fn configure(app: &mut App, args: &MailArgs) -> Result<Option<Sender>, String> {
    app.config.sent_mail_retention = chrono::Duration::days(i64::from(args.mail_retention_days.max(1)));
    let Some(url) = &args.smtp_url else {
        if args.mail_from.is_some() {
            return Err("--mail-from needs --smtp-url (or HELPDESK_SMTP_URL): name the SMTP server to send through".into());
        }
        return Ok(None);
    };
    let settings = MailSettings {
        from: args.mail_from.clone().unwrap_or_default(),
        default_language: args.mail_language,
    };
    let sender = Sender::new(url, &settings)?;
    app.config.mail = Some(settings);
    Ok(Some(sender))
}

/// `mail-outbox`'s arguments.
#[derive(Args)]
pub(crate) struct OutboxArgs {
    #[command(flatten)]
    pub(crate) data: crate::cli::DataDir,
    /// Only messages with this status: queued, sent, failed.
    #[arg(long, value_parser = ["queued", "sent", "failed"])]
    pub status: Option<String>,
    /// At most this many messages, oldest first.
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Queue a failed message again (its id), or every failed one (`all`).
    #[arg(long, value_name = "ID|all")]
    pub retry: Option<String>,
    /// Print JSON, one message per line.
    #[arg(long)]
    pub json: bool,
}

/// Lists the outbox, or queues failed messages again.
pub(crate) fn outbox(app: &App, args: &OutboxArgs) -> Result<(), String> {
    if let Some(which) = &args.retry {
        let id = (which != "all").then_some(which.as_str());
        let now = app.now();
        let count = app.store.write(|tx| outbox::requeue_failed(tx, id, now)).map_err(|e| e.to_string())?;
        if count == 0 && id.is_some() {
            return Err(format!("no failed message `{which}`; `mail-outbox --status failed` lists them"));
        }
        println!("{count} message(s) queued again");
        return Ok(());
    }
    let mails = app
        .store
        .read(|conn| outbox::list(conn, args.status.as_deref(), args.limit.max(1)))
        .map_err(|e| e.to_string())?;
    for m in &mails {
        if args.json {
            println!("{}", serde_json::to_string(m).map_err(|e| e.to_string())?);
            continue;
        }
        println!(
            "{}  {:<6}  {:<22}  {:<28}  attempts {}  {}",
            m.created_at.format("%Y-%m-%d %H:%M:%S"),
            m.status.as_str(),
            m.kind,
            m.recipient,
            m.attempts,
            m.subject
        );
        println!("    id {}", m.id);
        if let Some(error) = &m.last_error {
            println!("    last error: {error}");
        }
        if m.status == outbox::MailStatus::Queued && m.attempts > 0 {
            println!("    next attempt: {}", m.next_attempt_at.format("%Y-%m-%d %H:%M:%S UTC"));
        }
    }
    if mails.is_empty() && !args.json {
        println!("the mail outbox holds no such message");
    }
    Ok(())
}

/// `uk`, `en`, `ru`, or `default` (`None`).
pub fn language_choice(text: &str) -> Result<Option<Language>, String> {
    if text.trim() == "default" {
        return Ok(None);
    }
    text.parse().map(Some)
}

/// `mail-inbox`'s arguments.
#[derive(Args)]
pub(crate) struct InboxArgs {
    #[command(flatten)]
    pub(crate) data: crate::cli::DataDir,
    /// At most this many messages, newest first.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Print JSON, one message per line.
    #[arg(long)]
    pub json: bool,
}

/// Lists what the mail intake took in: each message's outcome (registered,
/// answered, commented, ignored, refused), its ticket and why.
pub(crate) fn inbox(app: &App, args: &InboxArgs) -> Result<(), String> {
    let taken = app
        .store
        .read(|conn| crate::store::inbox::recent(conn, args.limit.max(1)))
        .map_err(|e| e.to_string())?;
    for m in &taken {
        if args.json {
            println!("{}", serde_json::to_string(m).map_err(|e| e.to_string())?);
            continue;
        }
        println!(
            "{}  {:<10}  {:<18}  {}  uid {}",
            m.at.format("%Y-%m-%d %H:%M:%S"),
            m.outcome,
            m.ticket_number.as_deref().unwrap_or("-"),
            m.mailbox,
            m.uid
        );
        if let Some(detail) = &m.detail {
            println!("    {detail}");
        }
    }
    if taken.is_empty() && !args.json {
        println!("the mail intake took in no message yet");
    }
    Ok(())
}
