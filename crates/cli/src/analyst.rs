//! The analyst's commands: sign in, sync, queues, a ticket, every workflow
//! action, the knowledge base and the actions that need attention — on the
//! same replica as the desktop app. Every action is written to the outbox
//! first (it works offline) and then sent if the server can be reached.

use crate::error::Failure;
use crate::Env;
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_domain::policy::Policy;
use helpdesk_domain::ticket::{RejectReason, Visibility};
use helpdesk_domain::{Impact, Line, Priority, Urgency};
use helpdesk_protocol::TicketView;
use helpdesk_replica::{Queue, Replica, ReplicaError};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, Transport, TransportError};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The desktop app's identifier: its profile directory has this name.
pub const APP_IDENTIFIER: &str = "ua.gov.customs.helpdesk";

#[derive(Debug, Subcommand)]
pub enum AnalystCommand {
    /// Sign in to a server (password from HELPDESK_PASSWORD or standard input).
    Login {
        #[arg(long)]
        server: String,
        #[arg(long)]
        user: String,
    },
    /// Sign out; the replica and the outbox stay.
    Logout,
    /// Send the outbox and fetch what changed.
    Sync {
        /// Keep syncing until interrupted.
        #[arg(long)]
        watch: bool,
    },
    /// What is waiting to be sent, what needs attention, the last sync.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// A queue of tickets.
    Queue {
        #[arg(value_enum, default_value = "mine")]
        which: QueueName,
        #[arg(long)]
        json: bool,
    },
    /// A ticket with its history and deadlines.
    Show {
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a ticket into work.
    Take { number: String },
    /// Hand a ticket to a user (id) or to a working group.
    Assign {
        number: String,
        #[arg(long, conflicts_with = "group", required_unless_present = "group")]
        user: Option<String>,
        #[arg(long)]
        group: Option<String>,
    },
    /// Add a public reply, or an internal note with --internal.
    Comment {
        number: String,
        #[arg(long)]
        internal: bool,
        text: String,
    },
    /// Ask the requester for information (the clock pauses).
    Ask { number: String, text: String },
    /// Postpone for a reason: software_change, external_vendor, diagnostics, agreed_delay, force_majeure.
    Postpone {
        number: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Continue after a postponement or a wait for the requester.
    Resume { number: String },
    /// Escalate to another group and/or line.
    Escalate {
        number: String,
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        line: Option<String>,
        #[arg(long)]
        note: String,
    },
    /// Change the priority: --level 1–5, or --impact and --urgency.
    Priority {
        number: String,
        #[arg(long, conflicts_with_all = ["impact", "urgency"])]
        level: Option<u8>,
        #[arg(long, requires = "urgency")]
        impact: Option<String>,
        #[arg(long, requires = "impact")]
        urgency: Option<String>,
    },
    /// Give a workaround.
    Workaround { number: String, text: String },
    /// Resolve with a resolution code, a text and knowledge-base links.
    Resolve {
        number: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        kb: Vec<String>,
    },
    /// Reopen a resolved ticket.
    Reopen {
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Close a resolved ticket.
    Close { number: String },
    /// Reject: out_of_scope, duplicate_of:NUMBER, no_response, abusive, unclear.
    Reject {
        number: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        note: String,
    },
    /// The knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Actions the server did not apply.
    Attention {
        #[command(subcommand)]
        action: Option<AttentionCommand>,
    },
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Search as you type: stems and prefixes, Ukrainian and Russian.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// One article.
    Show { id: String },
}

#[derive(Debug, Subcommand)]
pub enum AttentionCommand {
    List,
    /// Issue the action again against the ticket as it is now.
    Retry {
        id: u64,
    },
    /// Drop the action.
    Discard {
        id: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueueName {
    Mine,
    Group,
    Unassigned,
    Breaching,
    Awaiting,
    Recent,
}

#[derive(Debug, Args)]
pub struct ProfileArg {
    /// The profile directory (default: the desktop app's).
    #[arg(long, global = true, env = "HELPDESK_PROFILE")]
    pub profile: Option<PathBuf>,
}

/// The sign-in kept between runs, readable only by the user.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Session {
    server: String,
    token: Option<String>,
}

pub fn default_profile(var: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    let data = var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join(APP_IDENTIFIER)
}

struct Profile {
    dir: PathBuf,
}

impl Profile {
    fn replica(&self) -> Result<Replica, Failure> {
        Replica::open(&self.dir.join("replica.db")).map_err(replica_failure)
    }

    fn session(&self) -> Result<Option<Session>, Failure> {
        match std::fs::read_to_string(self.dir.join("session.json")) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| Failure::refused(format!("the saved sign-in is unreadable ({e}); sign in again"))),
            Err(_) => Ok(None),
        }
    }

    fn save_session(&self, session: &Session) -> Result<(), Failure> {
        std::fs::create_dir_all(&self.dir).map_err(|e| Failure::refused(format!("cannot create {}: {e}", self.dir.display())))?;
        let path = self.dir.join("session.json");
        let text = serde_json::to_string_pretty(session).expect("a session serialises");
        write_private(&path, &text).map_err(|e| Failure::refused(format!("cannot save the sign-in in {}: {e}", path.display())))
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

fn replica_failure(e: ReplicaError) -> Failure {
    match e {
        ReplicaError::Refused(r) => Failure::refused(r.to_string()),
        ReplicaError::NotFound(_) | ReplicaError::NoSuchAttention(_) | ReplicaError::NotSignedIn => Failure::refused(e.to_string()),
        other => Failure::refused(other.to_string()),
    }
}

fn transport_failure(e: TransportError) -> Failure {
    Failure::refused(e.to_string())
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::refused(format!("cannot start: {e}")))
}

fn parse<T: std::str::FromStr<Err = helpdesk_domain::UnknownName>>(field: &str, text: &str) -> Result<T, Failure> {
    text.parse().map_err(|e: helpdesk_domain::UnknownName| Failure::input(field, e))
}

pub fn execute(command: AnalystCommand, profile: Option<PathBuf>, env: Env<'_>, out: &mut String) -> Result<(), Failure> {
    let profile = Profile {
        dir: profile.unwrap_or_else(|| default_profile(env.var)),
    };
    match command {
        AnalystCommand::Login { server, user } => login(&profile, &server, &user, env, out),
        AnalystCommand::Logout => {
            if let Some(mut session) = profile.session()? {
                if let Some(token) = session.token.take() {
                    let transport = HttpTransport::new(&session.server, Some(token)).map_err(transport_failure)?;
                    let _ = runtime()?.block_on(async { tokio::time::timeout(Duration::from_secs(5), transport.logout()).await });
                }
                profile.save_session(&session)?;
            }
            let pending = profile.replica()?.pending_count().map_err(replica_failure)?;
            let _ = writeln!(
                out,
                "signed out; {pending} action(s) stay in the outbox and will be sent after the next sign-in"
            );
            Ok(())
        }
        AnalystCommand::Sync { watch } => sync(&profile, watch, out),
        AnalystCommand::Status { json } => status(&profile, json, out),
        AnalystCommand::Queue { which, json } => queue(&profile, which, json, out),
        AnalystCommand::Show { number, json } => show(&profile, &number, json, out),
        AnalystCommand::Kb(KbCommand::Search { query, json }) => {
            let hits = profile.replica()?.search_kb(&query, 20).map_err(replica_failure)?;
            if json {
                let _ = writeln!(out, "{}", serde_json::to_string_pretty(&hits).expect("hits serialise"));
            } else if hits.is_empty() {
                let _ = writeln!(out, "nothing found for «{query}»");
            } else {
                for h in hits {
                    let _ = writeln!(out, "{}  {}\n    {}", h.id, h.title, h.snippet);
                }
            }
            Ok(())
        }
        AnalystCommand::Kb(KbCommand::Show { id }) => {
            let article = profile
                .replica()?
                .article(&id)
                .map_err(replica_failure)?
                .ok_or_else(|| Failure::refused(format!("no article `{id}` in this replica; sync, or check the id")))?;
            let _ = writeln!(
                out,
                "{}\n{}\n\n{}\n\ntags: {}",
                article.title,
                "=".repeat(article.title.chars().count()),
                article.body,
                article.tags.join(", ")
            );
            Ok(())
        }
        AnalystCommand::Attention { action } => attention(&profile, action, out),
        action => {
            let (number, op) = to_op(action)?;
            act(&profile, &number, op, out)
        }
    }
}

/// The op an action command asks for.
fn to_op(command: AnalystCommand) -> Result<(String, Op), Failure> {
    use AnalystCommand as C;
    Ok(match command {
        C::Take { number } => (number, Op::Take {}),
        C::Assign { number, user, group } => {
            let to = match (user, group) {
                (Some(u), _) => AssignTarget::User(u),
                (None, Some(g)) => AssignTarget::Group(g),
                (None, None) => return Err(Failure::usage("assign needs --user or --group")),
            };
            (number, Op::Assign { to })
        }
        C::Comment { number, internal, text } => (
            number,
            Op::Comment {
                visibility: if internal { Visibility::Internal } else { Visibility::Public },
                text,
            },
        ),
        C::Ask { number, text } => (number, Op::RequestInfo { question: text }),
        C::Postpone { number, reason, note } => (
            number,
            Op::Postpone {
                reason: parse("--reason", &reason)?,
                note,
            },
        ),
        C::Resume { number } => (number, Op::Resume {}),
        C::Escalate { number, group, line, note } => {
            let line: Option<Line> = line.as_deref().map(|l| parse("--line", l)).transpose()?;
            if group.is_none() && line.is_none() {
                return Err(Failure::usage("escalate needs --group and/or --line"));
            }
            (number, Op::Escalate { line, group, note })
        }
        C::Priority {
            number,
            level,
            impact,
            urgency,
        } => {
            let level = level.map(|l| Priority::new(l).map_err(|e| Failure::input("--level", e))).transpose()?;
            let impact: Option<Impact> = impact.as_deref().map(|i| parse("--impact", i)).transpose()?;
            let urgency: Option<Urgency> = urgency.as_deref().map(|u| parse("--urgency", u)).transpose()?;
            if level.is_none() && impact.is_none() {
                return Err(Failure::usage("priority needs --level, or --impact and --urgency"));
            }
            (
                number,
                Op::SetPriority {
                    level,
                    impact,
                    urgency,
                    note: None,
                },
            )
        }
        C::Workaround { number, text } => (number, Op::GiveWorkaround { text }),
        C::Resolve { number, code, text, kb } => (number, Op::Resolve { code, text, kb }),
        C::Reopen { number, reason } => (number, Op::Reopen { reason }),
        C::Close { number } => (number, Op::Close { basis: Default::default() }),
        C::Reject { number, reason, note } => {
            let reason = match reason.split_once(':') {
                Some(("duplicate_of", ticket)) if !ticket.is_empty() => RejectReason::DuplicateOf { ticket: ticket.to_string() },
                _ => serde_json::from_value(serde_json::Value::String(reason.clone())).map_err(|_| {
                    Failure::input(
                        "--reason",
                        format!("unknown reason `{reason}`; allowed: out_of_scope, duplicate_of:NUMBER, no_response, abusive, unclear"),
                    )
                })?,
            };
            (number, Op::Reject { reason, note })
        }
        other => return Err(Failure::usage(format!("{other:?} is not an action"))),
    })
}

fn password(env: &mut Env<'_>) -> Result<String, Failure> {
    if let Some(p) = (env.var)("HELPDESK_PASSWORD") {
        return Ok(p);
    }
    eprint!("Password: ");
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while env
        .stdin
        .read(&mut byte)
        .map_err(|e| Failure::usage(format!("cannot read the password: {e}")))?
        == 1
        && byte[0] != b'\n'
    {
        line.push(byte[0]);
    }
    let password = String::from_utf8_lossy(&line).trim_end_matches('\r').to_string();
    if password.is_empty() {
        return Err(Failure::usage("no password: type it, or set HELPDESK_PASSWORD"));
    }
    Ok(password)
}

fn login(profile: &Profile, server: &str, user: &str, mut env: Env<'_>, out: &mut String) -> Result<(), Failure> {
    if !(server.starts_with("http://") || server.starts_with("https://")) {
        return Err(Failure::input(
            "--server",
            "give the server's address with its scheme, e.g. https://helpdesk.example or http://127.0.0.1:8080",
        ));
    }
    let password = password(&mut env)?;
    let replica = profile.replica()?;
    let transport = HttpTransport::new(server, None).map_err(transport_failure)?;
    let rt = runtime()?;
    let response = rt.block_on(transport.login(user, &password)).map_err(transport_failure)?;
    if let Some(previous) = replica.me().map_err(replica_failure)? {
        let pending = replica.pending_count().map_err(replica_failure)? + replica.attention_count().map_err(replica_failure)?;
        if previous.id != response.me.id && pending > 0 {
            return Err(Failure::refused(format!(
                "this profile holds {pending} unsent action(s) of {}; sign in as them and sync, or use another --profile",
                previous.username
            )));
        }
    }
    replica.set_me(&response.me).map_err(replica_failure)?;
    profile.save_session(&Session {
        server: server.trim_end_matches('/').to_string(),
        token: Some(response.token.clone()),
    })?;
    let _ = writeln!(out, "signed in to {server} as {} ({})", response.me.display_name, response.me.username);
    drop(replica);
    let client = SyncClient::new(transport, Arc::new(Mutex::new(profile.replica()?)));
    match rt.block_on(client.round(Utc::now)) {
        Ok(report) => {
            let _ = writeln!(out, "synced: {} change(s) in {} page(s)", report.changes, report.pages);
        }
        Err(e) => {
            let _ = writeln!(out, "signed in, but the first sync failed: {e}");
        }
    }
    Ok(())
}

fn client(profile: &Profile) -> Result<SyncClient<HttpTransport>, Failure> {
    let session = profile
        .session()?
        .ok_or_else(|| Failure::refused("not signed in: run `helpdesk login --server URL --user NAME`"))?;
    let token = session
        .token
        .ok_or_else(|| Failure::refused("signed out: run `helpdesk login` again; the outbox is kept"))?;
    let transport = HttpTransport::new(&session.server, Some(token)).map_err(transport_failure)?;
    Ok(SyncClient::new(transport, Arc::new(Mutex::new(profile.replica()?))))
}

fn sync(profile: &Profile, watch: bool, out: &mut String) -> Result<(), Failure> {
    let client = client(profile)?;
    let rt = runtime()?;
    if watch {
        println!("syncing until interrupted (Ctrl-C)…");
        rt.block_on(client.run(Arc::new(tokio::sync::Notify::new()), Duration::from_secs(30), Utc::now, async {
            let _ = tokio::signal::ctrl_c().await;
        }));
        return Ok(());
    }
    let report = rt.block_on(client.round(Utc::now)).map_err(|e| Failure::refused(e.to_string()))?;
    let status = client.status();
    let _ = writeln!(
        out,
        "sent {} action(s): {} applied, {} need attention; received {} change(s); pending {}, needs attention {}",
        report.pushed, report.applied, report.not_applied, report.changes, status.pending, status.needs_attention
    );
    Ok(())
}

fn status(profile: &Profile, json: bool, out: &mut String) -> Result<(), Failure> {
    let replica = profile.replica()?;
    let session = profile.session()?;
    let value = serde_json::json!({
        "server": session.as_ref().map(|s| s.server.clone()),
        "signed_in": session.as_ref().is_some_and(|s| s.token.is_some()),
        "user": replica.me().map_err(replica_failure)?.map(|m| m.username),
        "pending": replica.pending_count().map_err(replica_failure)?,
        "needs_attention": replica.attention_count().map_err(replica_failure)?,
        "last_sync": replica.setting("last_sync").map_err(replica_failure)?,
    });
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value).expect("json"));
    } else {
        let _ = writeln!(
            out,
            "server: {}\nuser: {}\npending: {}\nneeds attention: {}\nlast sync: {}",
            value["server"].as_str().unwrap_or("—"),
            value["user"].as_str().unwrap_or("—"),
            value["pending"],
            value["needs_attention"],
            value["last_sync"].as_str().unwrap_or("never")
        );
    }
    Ok(())
}

/// The SLA of a ticket under its policy (a preset; the default one if the
/// server named a policy this client does not know).
fn sla(view: &TicketView, now: chrono::DateTime<Utc>) -> Option<helpdesk_domain::sla::SlaReport> {
    let policy = Policy::preset(&view.policy)
        .or_else(|_| Policy::preset("customs-helpdesk"))
        .ok()?
        .compile(&[], &[])
        .ok()?;
    helpdesk_domain::sla::evaluate_ticket(&policy, &view.ticket, &view.events, now).ok()
}

fn queue(profile: &Profile, which: QueueName, json: bool, out: &mut String) -> Result<(), Failure> {
    let replica = profile.replica()?;
    let now = Utc::now();
    let mut rows = match which {
        QueueName::Mine => replica.queue(Queue::Mine),
        QueueName::Group | QueueName::Breaching => replica.queue(Queue::Group),
        QueueName::Unassigned => replica.queue(Queue::Unassigned),
        QueueName::Awaiting => replica.queue(Queue::Awaiting),
        QueueName::Recent => replica.queue(Queue::Recent),
    }
    .map_err(replica_failure)?;
    if let QueueName::Breaching = which {
        // Breaching soon: a running deadline with at least 75 % of its target used.
        rows.retain(|row| {
            replica.ticket(&row.id).ok().flatten().and_then(|v| sla(&v, now)).is_some_and(|r| {
                r.metrics.iter().any(|m| {
                    matches!(m.state, helpdesk_domain::sla::ClockState::Running | helpdesk_domain::sla::ClockState::Breached)
                        && m.used_share.unwrap_or(0.0) >= 0.75
                })
            })
        });
    }
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&rows).expect("rows serialise"));
        return Ok(());
    }
    if rows.is_empty() {
        let _ = writeln!(out, "the queue is empty");
    }
    for r in rows {
        let pending = if r.pending_ops > 0 {
            format!("  ({} unsent)", r.pending_ops)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{:<16} P{}  {:<13} {:<10} {}{pending}",
            r.number,
            r.priority,
            r.status.as_str(),
            r.group,
            r.subject
        );
    }
    Ok(())
}

fn show(profile: &Profile, number: &str, json: bool, out: &mut String) -> Result<(), Failure> {
    let replica = profile.replica()?;
    let view = replica
        .ticket(number)
        .map_err(replica_failure)?
        .ok_or_else(|| Failure::refused(format!("no ticket `{number}` in this replica; sync, or check the number")))?;
    let report = sla(&view, Utc::now());
    if json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"ticket": view, "sla": report})).expect("json")
        );
        return Ok(());
    }
    let t = &view.ticket;
    let _ = writeln!(
        out,
        "{}  {}\n{} · P{} · {} · group {} · line {} · owner {}",
        t.number,
        t.subject,
        t.ticket_type,
        t.priority.value(),
        t.status,
        t.group,
        t.line,
        t.owner.as_deref().unwrap_or("—")
    );
    let _ = writeln!(out, "requester: {}", t.requester.name);
    let _ = writeln!(out, "\n{}\n", t.description);
    if let Some(report) = report {
        for m in report.metrics {
            let due = m.due.map(|d| d.to_rfc3339()).unwrap_or_else(|| "—".into());
            let _ = writeln!(out, "SLA {}: {:?}, due {due}", m.name, m.state);
        }
    }
    for c in &t.comments {
        let kind = if c.visibility == Visibility::Internal { "internal note" } else { "reply" };
        let _ = writeln!(out, "\n[{}] {kind} by {}:\n{}", c.at.to_rfc3339(), c.author, c.text);
    }
    Ok(())
}

fn act(profile: &Profile, number: &str, op: Op, out: &mut String) -> Result<(), Failure> {
    let enqueued = {
        let mut replica = profile.replica()?;
        replica.enqueue(number, op, Utc::now()).map_err(replica_failure)?
    };
    let _ = writeln!(
        out,
        "{}: saved as action #{} ({})",
        enqueued.view.ticket.number, enqueued.seq, enqueued.view.ticket.status
    );
    let Ok(client) = client(profile) else {
        let _ = writeln!(out, "not signed in: it will be sent after `helpdesk login`");
        return Ok(());
    };
    let rt = runtime()?;
    match rt.block_on(async { tokio::time::timeout(Duration::from_secs(15), client.round(Utc::now)).await }) {
        Ok(Ok(report)) if report.not_applied == 0 => {
            let _ = writeln!(out, "sent: {} applied", report.applied);
        }
        Ok(Ok(report)) => {
            let _ = writeln!(
                out,
                "sent: {} applied, {} not applied — see `helpdesk attention`",
                report.applied, report.not_applied
            );
        }
        Ok(Err(e)) => {
            let pending = client.status().pending;
            let _ = writeln!(out, "offline ({e}); {pending} action(s) will be sent at the next sync");
        }
        Err(_) => {
            let _ = writeln!(out, "the server is slow to answer; the action will be sent at the next sync");
        }
    }
    Ok(())
}

fn attention(profile: &Profile, action: Option<AttentionCommand>, out: &mut String) -> Result<(), Failure> {
    let mut replica = profile.replica()?;
    match action.unwrap_or(AttentionCommand::List) {
        AttentionCommand::List => {
            let items = replica.attention().map_err(replica_failure)?;
            if items.is_empty() {
                let _ = writeln!(out, "nothing needs attention");
            }
            for a in items {
                let op = serde_json::to_string(&a.op).expect("op serialises");
                let _ = writeln!(out, "#{}  {}  {}: {}\n    {op}", a.seq, a.ticket, a.code, a.message);
            }
        }
        AttentionCommand::Retry { id } => {
            let e = replica.retry(id, Utc::now()).map_err(replica_failure)?;
            let _ = writeln!(out, "issued again as action #{}", e.seq);
        }
        AttentionCommand::Discard { id } => {
            replica.discard(id).map_err(replica_failure)?;
            let _ = writeln!(out, "action #{id} discarded");
        }
    }
    Ok(())
}
