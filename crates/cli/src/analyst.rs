//! The analyst's commands: sign in, sync, queues, a ticket, every workflow
//! action, the knowledge base and the actions that need attention — the
//! desktop app's client core (`helpdesk_client::Client`) without a window,
//! on the same profile: one replica, one saved sign-in (its token in the
//! OS keyring or in the session file), one SLA engine. Every action is
//! written to the outbox first (it works offline) and then sent if the
//! server can be reached.

use crate::available::allowed_commands;
use crate::error::Failure;
use crate::i18n::{Lang, Texts};
use crate::refusals::refusal;
use crate::wording::{client_error, About};
use crate::Env;
use chrono::DurationRound as _;
use clap::{Args, Subcommand, ValueEnum};
use helpdesk_client::{ActionState, Client, ClientError, ClientErrorCode, Connectivity, ErrorCode, Host, Options, SearchHit, SecretStore, SyncStatus};
use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_domain::ticket::{RejectReason, ResolutionCode, Visibility};
use helpdesk_domain::{Impact, Line, Priority, Urgency};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The profile directory: the desktop app's and the CLI's default is one.
pub use helpdesk_client::{default_profile, APP_IDENTIFIER};

#[derive(Debug, Subcommand)]
pub enum AnalystCommand {
    /// Sign in to a server (password from HELPDESK_PASSWORD or standard input).
    Login {
        /// The server's address with its scheme (https://helpdesk.example); also HELPDESK_SERVER.
        #[arg(long, env = "HELPDESK_SERVER")]
        server: String,
        /// Your user name on that server; also HELPDESK_USER.
        #[arg(long, env = "HELPDESK_USER")]
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
        /// The queue: mine (default), group, unassigned, breaching, awaiting, recent.
        #[arg(value_enum, default_value = "mine")]
        which: QueueName,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Find tickets in every queue of this replica by number, subject,
    /// description or comments (stems and prefixes, Ukrainian and Russian).
    Search {
        query: String,
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
        /// The justification, or the requester's agreement (002 §7.3.2, §7.3.4).
        #[arg(long)]
        note: Option<String>,
    },
    /// Correct the ticket's type (002 §7.3.2–7.3.4): incident,
    /// service_request, consultation, change_request; the note is the
    /// justification or the requester's agreement.
    Reclassify {
        number: String,
        #[arg(long = "type")]
        ticket_type: String,
        #[arg(long)]
        note: String,
    },
    /// Propose a new type and/or priority that lengthens the term to the
    /// requester (002 §7.3.4): it applies once agreed, or deemed agreed
    /// when no answer comes within a working day.
    ProposeReclassification {
        number: String,
        #[arg(long = "type")]
        ticket_type: Option<String>,
        #[arg(long)]
        level: Option<u8>,
        #[arg(long)]
        note: String,
    },
    /// Record the requester's answer to a proposed reclassification (002 §7.3.4).
    AnswerReclassification {
        number: String,
        /// `agreed` or `declined`.
        #[arg(long)]
        answer: String,
        #[arg(long)]
        note: String,
    },
    /// Record the requester's rating of the answer on a closed ticket,
    /// once: a score from 1 to 5 and an optional comment (003 §6.1.12, §6.2.5).
    Rate {
        number: String,
        #[arg(long)]
        score: u8,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Record that L1 informed the customs office and the subject of the
    /// regime of the paper-declaration permission: valid 24 hours (001 §IV.6–7).
    PaperPermission {
        number: String,
        #[arg(long)]
        note: String,
    },
    /// Record a request to clarify a change request's timeline: the
    /// conclusion is due in 5 working days (002 §12).
    TimelineRequest { number: String, text: String },
    /// Give the conclusion on the timeline clarification (002 §12).
    TimelineConclusion { number: String, text: String },
    /// Give a workaround.
    Workaround { number: String, text: String },
    /// Resolve with a resolution code of the desk's list (e.g. `fixed`; any
    /// other is refused with the list), a text and knowledge-base links.
    Resolve {
        number: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        kb: Vec<String>,
    },
    /// Ask the requester to confirm a resolution (002 §14.4: auto-close
    /// needs two such requests).
    ConfirmRequest { number: String, text: String },
    /// Reopen a resolved ticket.
    Reopen {
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Close a resolved ticket: on the requester's confirmation (default),
    /// or `--basis agreed` when closed in agreement with them (002 §14.2).
    Close {
        number: String,
        #[arg(long, default_value = "confirmed")]
        basis: String,
    },
    /// Reject: out_of_scope, duplicate_of:NUMBER, no_response, abusive, unclear, no_ministry_approval (change requests, 004 §3.5).
    Reject {
        number: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        note: String,
    },
    #[command(flatten)]
    More(crate::more_ops::MoreOps),
    /// The knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
    /// The KPIs of my working groups per period (000 §13.6; 003 §6.2).
    Report(crate::kb_editorial::ReportArgs),
    /// Register a ticket on behalf of a requester (L1: phone, e-mail,
    /// paper, chat); kept in the outbox, numbered by the server at the sync.
    Register(Box<crate::register::RegisterArgs>),
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
    /// Articles that answer a ticket, from its subject.
    Suggest {
        number: String,
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Editorial(crate::kb_editorial::KbEditorialCommand),
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

impl QueueName {
    /// The queue's name in the client core.
    fn name(self) -> &'static str {
        match self {
            QueueName::Mine => "mine",
            QueueName::Group => "group",
            QueueName::Unassigned => "unassigned",
            QueueName::Breaching => "breaching",
            QueueName::Awaiting => "awaiting",
            QueueName::Recent => "recent",
        }
    }
}

/// A client-core error as a failure of the command: bad input exits 2, a
/// server out of reach 3, a missing sign-in 4, anything else 1; the
/// message, in the user's language, says what to do.
fn failure(texts: &Texts, e: ClientError, about: About<'_>) -> Failure {
    match e.code {
        ErrorCode::Client(ClientErrorCode::InvalidInput) => Failure::usage(client_error(texts, &e, about)),
        ErrorCode::Client(ClientErrorCode::Offline | ClientErrorCode::ServerError) => {
            let reason = crate::wording::reason(texts, &e);
            Failure::unreachable(texts.get("failure-try-later", &crate::fargs! { "reason" => reason }))
        }
        ErrorCode::Client(ClientErrorCode::NotSignedIn | ClientErrorCode::SignInRequired) => Failure::sign_in(client_error(texts, &e, about)),
        _ => Failure::refused(client_error(texts, &e, about)),
    }
}

/// The runtime the client core's network calls run on; a failure to start
/// it is told in `lang`.
pub(crate) fn runtime(lang: Lang) -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::refused(Texts::new(lang).get("cli-cannot-start", &crate::fargs! { "reason" => e.to_string() })))
}

/// A name of one of the domain's closed sets, given for `field`.
pub(crate) fn parse<T: std::str::FromStr<Err = helpdesk_domain::UnknownName>>(texts: &Texts, field: &str, text: &str) -> Result<T, Failure> {
    text.parse()
        .map_err(|e: helpdesk_domain::UnknownName| Failure::input(field, crate::wording::unknown_name(texts, &e)))
}

/// A priority level 1–5 given for `field`.
fn level(texts: &Texts, field: &str, value: u8) -> Result<Priority, Failure> {
    Priority::new(value).map_err(|e| Failure::input(field, crate::wording::unknown_name(texts, &e)))
}

/// Runs an analyst's command on the profile `profile` (default: the
/// desktop app's), with the token in the OS keyring unless
/// `HELPDESK_KEYRING=off`.
pub fn execute(command: AnalystCommand, profile: Option<PathBuf>, env: Env<'_>, out: &mut String) -> Result<(), Failure> {
    let secrets = helpdesk_client::secret_store(env.var);
    execute_with(command, profile, secrets, env, out)
}

/// [`execute`] with the given secret store.
pub fn execute_with(
    command: AnalystCommand,
    profile: Option<PathBuf>,
    secrets: Box<dyn SecretStore>,
    mut env: Env<'_>,
    out: &mut String,
) -> Result<(), Failure> {
    let lang = Lang::from_env(env.var);
    let texts = Texts::new(lang);
    let dir = match profile {
        Some(dir) => dir,
        None => default_profile(env.var).map_err(|e| failure(&texts, e, About::DefaultProfile))?,
    };
    let keyring_off = helpdesk_client::keyring_off(env.var);
    let open = move || Workspace::open(&dir, secrets, keyring_off, lang);
    match command {
        AnalystCommand::Login { server, user } => {
            if helpdesk_client::server_address(&server).is_err() {
                return Err(Failure::input("--server", texts.plain("login-server-address")));
            }
            let password = password(&mut env, &texts)?;
            open()?.login(&server, &user, &password, out)
        }
        AnalystCommand::Logout => open()?.logout(out),
        AnalystCommand::Sync { watch: false } => open()?.sync(out),
        AnalystCommand::Sync { watch: true } => open()?.watch(),
        AnalystCommand::Status { json } => open()?.status(json, out),
        AnalystCommand::Queue { which, json } => open()?.queue(which, json, out),
        AnalystCommand::Show { number, json } => open()?.show(&number, json, out),
        AnalystCommand::Search { query, json } => open()?.search(&query, json, out),
        AnalystCommand::Kb(KbCommand::Search { query, json }) => open()?.kb_search(&query, json, out),
        AnalystCommand::Kb(KbCommand::Suggest { number, json }) => open()?.kb_suggest(&number, json, out),
        AnalystCommand::Kb(KbCommand::Show { id }) => open()?.kb_show(&id, out),
        AnalystCommand::Kb(KbCommand::Editorial(command)) => {
            let workspace = open()?;
            crate::kb_editorial::run(&workspace.client, &texts, command, env.stdin, out).map_err(|f| workspace.signed_in_or(f))
        }
        AnalystCommand::Report(args) => {
            let workspace = open()?;
            crate::kb_editorial::report(&workspace.client, &texts, args, out).map_err(|f| workspace.signed_in_or(f))
        }
        AnalystCommand::Attention { action } => open()?.attention(action, out),
        AnalystCommand::Register(args) => open()?.register(&args, out),
        action => {
            let (number, op) = to_op(action, &texts)?;
            open()?.act(&number, op, out)
        }
    }
}

/// The profile opened through the client core.
struct Workspace {
    client: Client,
    /// `HELPDESK_KEYRING=off`: a token kept in the OS keyring is not read.
    keyring_off: bool,
    /// The language refusals are told in.
    lang: Lang,
}

impl Workspace {
    fn open(dir: &Path, secrets: Box<dyn SecretStore>, keyring_off: bool, lang: Lang) -> Result<Workspace, Failure> {
        let client = Client::open(dir, Options { secrets, ..Options::default() }).map_err(|e| failure(&Texts::new(lang), e, About::Profile(dir)))?;
        Ok(Workspace { client, keyring_off, lang })
    }

    /// `failure`, or the sign-in hint when the profile is signed out (bad
    /// usage stays bad usage).
    fn signed_in_or(&self, failure: Failure) -> Failure {
        if self.signed_in() || failure.code() == crate::error::BAD_INPUT {
            failure
        } else {
            Failure::sign_in(self.sign_in_hint())
        }
    }

    /// The failure of a command, with what to do when it needs a sign-in.
    fn failure(&self, e: ClientError) -> Failure {
        self.failure_about(e, About::Nothing)
    }

    /// [`Workspace::failure`] of a command about a ticket, an article…
    fn failure_about(&self, e: ClientError, about: About<'_>) -> Failure {
        match e.code {
            ErrorCode::Client(ClientErrorCode::NotSignedIn) => Failure::sign_in(self.sign_in_hint()),
            ErrorCode::Refused(code) => Failure::refused(refusal(&Texts::new(self.lang), code, &e.params)),
            ErrorCode::Client(_) => failure(&Texts::new(self.lang), e, about),
        }
    }

    /// A refusal of an action, followed by the actions the ticket allows now
    /// (the same answer of the domain the desktop shows as its buttons).
    fn refusal_with_hint(&self, number: &str, e: ClientError) -> Failure {
        let refused = matches!(e.code, ErrorCode::Refused(_));
        let failure = self.failure_about(e, About::Ticket(number));
        if !refused {
            return failure;
        }
        let Ok(detail) = self.client.ticket(number) else {
            return failure;
        };
        let commands = allowed_commands(&detail.actions);
        let texts = Texts::new(self.lang);
        let hint = if commands.is_empty() {
            texts.plain("refusal-nothing-allowed-now")
        } else {
            texts.get("refusal-allowed-now", &crate::fargs! { "commands" => commands.join(", ") })
        };
        Failure::refused(format!("{} {hint}", failure.message()))
    }

    /// Why this profile cannot reach the server, and what to do.
    fn sign_in_hint(&self) -> String {
        let texts = Texts::new(self.lang);
        match self.client.saved_sign_in() {
            Err(e) => client_error(&texts, &e, About::Nothing),
            Ok(Some(s)) if !s.signed_in && s.in_secret_store && self.keyring_off => texts.plain("sign-in-keyring-off"),
            Ok(Some(s)) if !s.signed_in && s.in_secret_store => {
                texts.get("sign-in-token-unreadable", &crate::fargs! { "problem" => s.token_problem.unwrap_or_default() })
            }
            Ok(Some(s)) if !s.signed_in => texts.plain("sign-in-signed-out"),
            Ok(_) => texts.plain("sign-in-none"),
        }
    }

    /// Whether the profile has a token to sync with.
    fn signed_in(&self) -> bool {
        self.client.saved_sign_in().ok().flatten().is_some_and(|s| s.signed_in)
    }

    fn login(&self, server: &str, user: &str, password: &str, out: &mut String) -> Result<(), Failure> {
        let (me, first_round) = runtime(self.lang)?
            .block_on(self.client.login_and_sync(server, user, password))
            .map_err(|e| self.failure(e))?;
        let texts = Texts::new(self.lang);
        let args = crate::fargs! { "server" => server.to_string(), "name" => me.display_name.clone(), "user" => me.username.clone() };
        let _ = writeln!(out, "{}", texts.get("login-signed-in", &args));
        match first_round {
            Ok(report) => {
                let args = crate::fargs! { "changes" => report.changes as i64, "pages" => report.pages as i64 };
                let _ = writeln!(out, "{}", texts.get("login-synced", &args));
            }
            Err(e) => {
                let reason = crate::wording::reason(&texts, &e);
                let _ = writeln!(out, "{}", texts.get("login-sync-failed", &crate::fargs! { "reason" => reason }));
            }
        }
        Ok(())
    }

    fn logout(&self, out: &mut String) -> Result<(), Failure> {
        runtime(self.lang)?.block_on(self.client.logout()).map_err(|e| self.failure(e))?;
        let pending = self.client.status().map_err(|e| self.failure(e))?.pending;
        let _ = writeln!(out, "{}", Texts::new(self.lang).get("logout-done", &crate::fargs! { "count" => pending }));
        Ok(())
    }

    fn sync(&self, out: &mut String) -> Result<(), Failure> {
        let texts = Texts::new(self.lang);
        let registrations = self.client.pending_registrations().map_err(|e| self.failure(e))?;
        let report = runtime(self.lang)?.block_on(self.client.sync_round()).map_err(|e| {
            let unreachable = matches!(e.code, ErrorCode::Client(ClientErrorCode::Offline | ClientErrorCode::ServerError));
            if unreachable {
                let reason = crate::wording::reason(&texts, &e);
                Failure::unreachable(texts.get("sync-failed", &crate::fargs! { "reason" => reason, "count" => self.pending() }))
            } else {
                self.failure(e)
            }
        })?;
        let status = self.client.status().map_err(|e| self.failure(e))?;
        let args = crate::fargs! {
            "pushed" => report.pushed,
            "applied" => report.applied,
            "not_applied" => report.not_applied,
            "changes" => report.changes,
            "pending" => status.pending,
            "attention" => status.needs_attention,
        };
        let _ = writeln!(out, "{}", texts.get("sync-done", &args));
        for registered in registrations {
            if let Some(number) = self.client.registered_number(&registered).map_err(|e| self.failure(e))? {
                let args = crate::fargs! { "reference" => registered.local_reference, "number" => number };
                let _ = writeln!(out, "{}", texts.get("register-numbered", &args));
            }
        }
        Ok(())
    }

    /// `sync --watch`: the desktop's background sync, printing as it goes.
    fn watch(&self) -> Result<(), Failure> {
        if !self.signed_in() {
            return Err(Failure::sign_in(self.sign_in_hint()));
        }
        println!("{}", Texts::new(self.lang).plain("watch-start"));
        let progress = Progress {
            lang: self.lang,
            last: Mutex::default(),
        };
        runtime(self.lang)?.block_on(self.client.run_sync(&progress, async {
            let _ = tokio::signal::ctrl_c().await;
        }));
        Ok(())
    }

    fn status(&self, json: bool, out: &mut String) -> Result<(), Failure> {
        let saved = self.client.saved_sign_in().map_err(|e| self.failure(e))?;
        let status = self.client.status().map_err(|e| self.failure(e))?;
        let last_failure = self.client.last_sync_failure();
        let value = serde_json::json!({
            "server": saved.as_ref().map(|s| s.server.clone()),
            "signed_in": saved.as_ref().is_some_and(|s| s.signed_in),
            "user": self.client.profile_user().map_err(|e| self.failure(e))?.map(|m| m.username),
            "pending": status.pending,
            "needs_attention": status.needs_attention,
            "last_sync": status.last_sync.map(|t| t.to_rfc3339()),
            "last_sync_error": last_failure.as_ref().map(|f| f.message.clone()),
            "last_sync_error_kind": last_failure.as_ref().and_then(|f| f.unreachable.as_ref()).map(|u| u.kind.clone()),
            "last_sync_failed_at": last_failure.as_ref().map(|f| f.at.to_rfc3339()),
        });
        if json {
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value).expect("json"));
        } else {
            let texts = Texts::new(self.lang);
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("—").to_string();
            let when = value["last_sync"].as_str().map_or_else(|| texts.plain("profile-never"), str::to_string);
            for line in [
                texts.get("profile-server", &crate::fargs! { "server" => text(&value["server"]) }),
                texts.get("profile-user", &crate::fargs! { "user" => text(&value["user"]) }),
                texts.get("profile-pending", &crate::fargs! { "count" => status.pending }),
                texts.get("profile-attention", &crate::fargs! { "count" => status.needs_attention }),
                texts.get("profile-last-sync", &crate::fargs! { "when" => when }),
            ] {
                let _ = writeln!(out, "{line}");
            }
            if let Some(f) = &last_failure {
                let args = crate::fargs! { "when" => f.at.to_rfc3339(), "reason" => crate::wording::last_failure(&texts, f) };
                let _ = writeln!(out, "{}", texts.get("profile-last-failure", &args));
            }
        }
        Ok(())
    }

    fn queue(&self, which: QueueName, json: bool, out: &mut String) -> Result<(), Failure> {
        let items = self.client.queue(which.name()).map_err(|e| self.failure(e))?;
        if json {
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&items).expect("rows serialise"));
            return Ok(());
        }
        let texts = Texts::new(self.lang);
        if items.is_empty() {
            let _ = writeln!(out, "{}", texts.plain("queue-empty"));
        }
        for r in items {
            let pending = if r.pending_ops > 0 {
                format!("  ({})", texts.get("queue-unsent", &crate::fargs! { "count" => r.pending_ops as i64 }))
            } else {
                String::new()
            };
            let status = texts.name_or("status", r.status.as_str());
            let _ = writeln!(out, "{:<16} P{}  {:<14} {:<10} {}{pending}", r.number, r.priority, status, r.group, r.subject);
        }
        Ok(())
    }

    fn show(&self, number: &str, json: bool, out: &mut String) -> Result<(), Failure> {
        let detail = self.client.ticket(number).map_err(|e| self.failure_about(e, About::Ticket(number)))?;
        if json {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({"ticket": detail.view, "sla": detail.sla})).expect("json")
            );
            return Ok(());
        }
        let t = &detail.view.ticket;
        let texts = Texts::new(self.lang);
        // Names as of the last sync; an id where the directory has none.
        let directory = self.client.directory().ok();
        let group_name = |id: &str| directory.as_ref().and_then(|d| d.group_name(id)).unwrap_or(id).to_string();
        let user_name = |id: &str| directory.as_ref().and_then(|d| d.user_name(id)).unwrap_or(id).to_string();
        // Instants in the policy calendar's zone, to the minute.
        let zone: chrono_tz::Tz = detail.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let when = |t: chrono::DateTime<chrono::Utc>| texts.datetime(t.duration_trunc(chrono::TimeDelta::minutes(1)).unwrap_or(t), zone);
        let header = crate::fargs! {
            "type" => texts.name_or("type", t.ticket_type.as_str()),
            "priority" => t.priority.value() as i64,
            "status" => texts.name_or("status", t.status.as_str()),
            "group" => group_name(&t.group),
            "line" => t.line.to_string(),
            "owner" => t.owner.as_deref().map(user_name).unwrap_or_else(|| "—".into()),
        };
        let _ = writeln!(out, "{}  {}\n{}", t.number, t.subject, texts.get("show-header", &header));
        let _ = writeln!(out, "{}", texts.get("show-requester", &crate::fargs! { "name" => t.requester.name.clone() }));
        let commands = allowed_commands(&detail.actions).join(", ");
        let _ = writeln!(out, "{}", texts.get("show-actions", &crate::fargs! { "commands" => commands }));
        let _ = writeln!(out, "\n{}\n", t.description);
        if let Some(report) = &detail.sla {
            for m in &report.metrics {
                let args = crate::fargs! {
                    "metric" => texts.name_or("metric", &m.name),
                    "state" => crate::explain::state(&texts, m.state),
                    "due" => m.due.map(when).unwrap_or_else(|| "—".into()),
                };
                let _ = writeln!(out, "{}", texts.get("show-sla", &args));
            }
        }
        for c in &t.comments {
            let id = if c.visibility == Visibility::Internal {
                "show-internal-note"
            } else {
                "show-reply"
            };
            let by = texts.get(id, &crate::fargs! { "author" => user_name(&c.author) });
            let _ = writeln!(out, "\n[{}] {by}:\n{}", when(c.at), c.text);
        }
        Ok(())
    }

    fn search(&self, query: &str, json: bool, out: &mut String) -> Result<(), Failure> {
        let hits = self.client.ticket_search(query).map_err(|e| self.failure(e))?;
        print_hits(&Texts::new(self.lang), hits, query, json, out);
        Ok(())
    }

    fn kb_search(&self, query: &str, json: bool, out: &mut String) -> Result<(), Failure> {
        let hits = self.client.kb_search(query).map_err(|e| self.failure(e))?;
        print_hits(&Texts::new(self.lang), hits, query, json, out);
        Ok(())
    }

    fn kb_suggest(&self, number: &str, json: bool, out: &mut String) -> Result<(), Failure> {
        let hits = self.client.kb_suggest(number).map_err(|e| self.failure_about(e, About::Ticket(number)))?;
        print_hits(&Texts::new(self.lang), hits, number, json, out);
        Ok(())
    }

    fn kb_show(&self, id: &str, out: &mut String) -> Result<(), Failure> {
        let article = self.client.kb_article(id).map_err(|e| self.failure_about(e, About::Article(id)))?;
        let tags = Texts::new(self.lang).get("kb-tags", &crate::fargs! { "tags" => article.tags.join(", ") });
        let _ = writeln!(
            out,
            "{}\n{}\n\n{}\n\n{tags}",
            article.title,
            "=".repeat(article.title.chars().count()),
            article.body,
        );
        Ok(())
    }

    /// Writes the action to the outbox, then tries to send it, and says
    /// what became of it: applied, not applied, or kept to be sent later
    /// (with why the server could not take it now).
    fn act(&self, number: &str, op: Op, out: &mut String) -> Result<(), Failure> {
        let detail = self.client.act(number, op).map_err(|e| self.refusal_with_hint(number, e))?;
        let ticket = &detail.view.ticket;
        let seq = self.client.newest_pending_seq(&ticket.id).map_err(|e| self.failure(e))?;
        let texts = Texts::new(self.lang);
        let args = crate::fargs! {
            "number" => ticket.number.clone(),
            "seq" => action_number(seq),
            "status" => texts.name_or("status", ticket.status.as_str()),
        };
        let _ = writeln!(out, "{}", texts.get("act-saved", &args));
        if !self.signed_in() {
            let _ = writeln!(out, "{}", texts.plain("act-not-signed-in"));
            return Ok(());
        }
        let rt = runtime(self.lang)?;
        let round = rt.block_on(async { tokio::time::timeout(SEND_WAIT, self.client.sync_round()).await });
        let state = match seq {
            Some(seq) => self.client.action_state(seq).map_err(|e| self.failure(e))?,
            None => ActionState::Applied,
        };
        let _ = writeln!(out, "{}", crate::send_outcome::describe(&texts, state, &round, || self.pending()));
        Ok(())
    }

    fn register(&self, args: &crate::register::RegisterArgs, out: &mut String) -> Result<(), Failure> {
        let registered = crate::register::register(&self.client, self.lang, args)?;
        let texts = Texts::new(self.lang);
        let reference = registered.local_reference.clone();
        let _ = writeln!(
            out,
            "{}",
            texts.get("register-saved", &crate::fargs! { "reference" => reference.clone(), "seq" => registered.seq })
        );
        if !self.signed_in() {
            let _ = writeln!(out, "{}", texts.plain("act-not-signed-in"));
            return Ok(());
        }
        let round = runtime(self.lang)?.block_on(async { tokio::time::timeout(SEND_WAIT, self.client.sync_round()).await });
        match self.client.registered_number(&registered).map_err(|e| self.failure(e))? {
            Some(number) => {
                let _ = writeln!(
                    out,
                    "{}",
                    texts.get("register-numbered", &crate::fargs! { "reference" => reference, "number" => number })
                );
            }
            None => {
                let state = self.client.action_state(registered.seq).map_err(|e| self.failure(e))?;
                let _ = writeln!(out, "{}", crate::send_outcome::describe(&texts, state, &round, || self.pending()));
            }
        }
        Ok(())
    }

    /// How many actions wait in the outbox.
    fn pending(&self) -> u64 {
        self.client.status().map(|s| s.pending).unwrap_or_default()
    }

    fn attention(&self, action: Option<AttentionCommand>, out: &mut String) -> Result<(), Failure> {
        match action.unwrap_or(AttentionCommand::List) {
            AttentionCommand::List => {
                let items = self.client.attention_list().map_err(|e| self.failure(e))?;
                let registrations = self.client.refused_registrations().map_err(|e| self.failure(e))?;
                let texts = Texts::new(self.lang);
                for r in &registrations {
                    let fields = serde_json::to_string(&r.ticket).expect("a registration serialises");
                    let why = crate::wording::server_refusal(&texts, &r.code, &serde_json::Map::new(), &r.message);
                    let _ = writeln!(out, "#{}  {}  {}: {why}\n    {fields}", r.seq, r.local_reference, r.code);
                }
                if items.is_empty() && registrations.is_empty() {
                    let _ = writeln!(out, "{}", texts.plain("attention-none"));
                }
                for a in items {
                    let op = serde_json::to_string(&a.op).expect("op serialises");
                    let ticket = a.number.clone().unwrap_or_else(|| a.ticket_id.clone());
                    let _ = writeln!(out, "#{}  {ticket}  {}\n    {op}", a.seq, attention_reason(&texts, &a));
                }
            }
            AttentionCommand::Retry { id } => {
                let ticket = self
                    .client
                    .attention_list()
                    .map_err(|e| self.failure(e))?
                    .into_iter()
                    .find(|a| a.seq == id)
                    .map(|a| a.ticket_id);
                self.client.attention_retry(id).map_err(|e| self.failure(e))?;
                let seq = match ticket {
                    Some(ticket) => self.client.newest_pending_seq(&ticket).map_err(|e| self.failure(e))?,
                    None => None,
                };
                let _ = writeln!(
                    out,
                    "{}",
                    Texts::new(self.lang).get("attention-retried", &crate::fargs! { "seq" => action_number(seq) })
                );
            }
            AttentionCommand::Discard { id } => {
                self.client.attention_discard(id).map_err(|e| self.failure(e))?;
                let _ = writeln!(out, "{}", Texts::new(self.lang).get("attention-discarded", &crate::fargs! { "id" => id }));
            }
        }
        Ok(())
    }
}

/// At most this many knowledge-base hits are listed.
const KB_HITS: usize = 20;
/// How long an action waits to be sent before the command returns.
pub(crate) const SEND_WAIT: Duration = Duration::from_secs(15);

fn action_number(seq: Option<u64>) -> String {
    seq.map_or_else(|| "?".to_string(), |s| s.to_string())
}

/// What `sync --watch` prints: a line when the sync status changes, and
/// one when a round sent actions or brought changes.
struct Progress {
    lang: Lang,
    last: Mutex<Option<String>>,
}

impl Host for Progress {
    fn sync_status(&self, status: &SyncStatus) {
        let texts = Texts::new(self.lang);
        let state = match status.connectivity {
            Connectivity::Syncing => return,
            Connectivity::Online => texts.plain("watch-online"),
            Connectivity::Offline => texts.plain("watch-offline"),
            Connectivity::SignInRequired => texts.plain("watch-sign-in"),
        };
        let args = crate::fargs! { "state" => state, "pending" => status.pending, "attention" => status.needs_attention };
        let mut line = texts.get("watch-line", &args);
        if let Some(e) = &status.last_error {
            let _ = write!(line, " ({})", crate::wording::reason(&texts, e));
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.as_deref() != Some(line.as_str()) {
            println!("{line}");
            *last = Some(line);
        }
    }

    fn data_changed(&self) {
        println!("{}", Texts::new(self.lang).plain("watch-synced"));
    }
}

/// The op an action command asks for.
fn to_op(command: AnalystCommand, texts: &Texts) -> Result<(String, Op), Failure> {
    use AnalystCommand as C;
    Ok(match command {
        C::Take { number } => (number, Op::Take {}),
        C::Assign { number, user, group } => {
            let to = match (user, group) {
                (Some(u), _) => AssignTarget::User(u),
                (None, Some(g)) => AssignTarget::Group(g),
                (None, None) => return Err(Failure::usage(texts.plain("usage-assign-needs-target"))),
            };
            (number, Op::Assign { to })
        }
        C::Comment { number, internal, text } => (
            number,
            Op::Comment {
                visibility: if internal { Visibility::Internal } else { Visibility::Public },
                text,
                attachments: vec![],
            },
        ),
        C::Ask { number, text } => (number, Op::RequestInfo { question: text }),
        C::Postpone { number, reason, note } => (
            number,
            Op::Postpone {
                reason: parse(texts, "--reason", &reason)?,
                note,
            },
        ),
        C::Resume { number } => (number, Op::Resume {}),
        C::Escalate { number, group, line, note } => {
            let line: Option<Line> = line.as_deref().map(|l| parse(texts, "--line", l)).transpose()?;
            if group.is_none() && line.is_none() {
                return Err(Failure::usage(texts.plain("usage-escalate-needs-target")));
            }
            (number, Op::Escalate { line, group, note })
        }
        C::Priority {
            number,
            level,
            impact,
            urgency,
            note,
        } => {
            let level = level.map(|l| self::level(texts, "--level", l)).transpose()?;
            let impact: Option<Impact> = impact.as_deref().map(|i| parse(texts, "--impact", i)).transpose()?;
            let urgency: Option<Urgency> = urgency.as_deref().map(|u| parse(texts, "--urgency", u)).transpose()?;
            if level.is_none() && impact.is_none() {
                return Err(Failure::usage(texts.plain("usage-priority-needs-level")));
            }
            (number, Op::SetPriority { level, impact, urgency, note })
        }
        C::Reclassify { number, ticket_type, note } => (
            number,
            Op::ChangeType {
                ticket_type: parse(texts, "--type", &ticket_type)?,
                note,
            },
        ),
        C::ProposeReclassification {
            number,
            ticket_type,
            level,
            note,
        } => {
            let ticket_type = ticket_type.as_deref().map(|t| parse(texts, "--type", t)).transpose()?;
            let level = level.map(|l| self::level(texts, "--level", l)).transpose()?;
            if ticket_type.is_none() && level.is_none() {
                return Err(Failure::usage(texts.plain("usage-propose-needs-change")));
            }
            (number, Op::ProposeReclassification { ticket_type, level, note })
        }
        C::AnswerReclassification { number, answer, note } => {
            let agreed = match answer.as_str() {
                "agreed" => true,
                "declined" => false,
                other => {
                    let args = crate::fargs! { "value" => other.to_string(), "allowed" => ANSWERS.join(", ") };
                    return Err(Failure::input("--answer", texts.get("input-unknown-answer", &args)));
                }
            };
            (number, Op::AnswerReclassification { agreed, note })
        }
        C::Rate { number, score, comment } => (number, Op::Rate { score, comment }),
        C::PaperPermission { number, note } => (number, Op::GrantPaperPermission { note }),
        C::TimelineRequest { number, text } => (number, Op::RequestTimelineClarification { text }),
        C::TimelineConclusion { number, text } => (number, Op::GiveTimelineConclusion { text }),
        C::Workaround { number, text } => (number, Op::GiveWorkaround { text }),
        C::Resolve { number, code, text, kb } => (
            number,
            Op::Resolve {
                code: parse::<ResolutionCode>(texts, "--code", &code)?.as_str().into(),
                text,
                kb,
            },
        ),
        C::ConfirmRequest { number, text } => (number, Op::RequestConfirmation { text }),
        C::Reopen { number, reason } => (number, Op::Reopen { reason }),
        C::Close { number, basis } => (
            number,
            Op::Close {
                basis: parse(texts, "--basis", &basis)?,
            },
        ),
        C::Reject { number, reason, note } => {
            let reason = match reason.split_once(':') {
                Some(("duplicate_of", ticket)) if !ticket.is_empty() => RejectReason::DuplicateOf { ticket: ticket.to_string() },
                _ => serde_json::from_value(serde_json::Value::String(reason.clone())).map_err(|_| {
                    let allowed = RejectReason::NAMES
                        .iter()
                        .map(|n| if *n == "duplicate_of" { "duplicate_of:NUMBER" } else { n })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let args = crate::fargs! { "value" => reason.clone(), "allowed" => allowed };
                    Failure::input("--reason", texts.get("input-unknown-reject-reason", &args))
                })?,
            };
            (number, Op::Reject { reason, note })
        }
        C::More(more) => more.into_op(texts)?,
        other => {
            return Err(Failure::usage(
                texts.get("usage-not-an-action", &crate::fargs! { "command" => format!("{other:?}") }),
            ))
        }
    })
}

/// The values `answer-reclassification --answer` takes.
const ANSWERS: [&str; 2] = ["agreed", "declined"];

fn password(env: &mut Env<'_>, texts: &Texts) -> Result<String, Failure> {
    if let Some(p) = (env.var)("HELPDESK_PASSWORD") {
        return Ok(p);
    }
    // The prompt's trailing blank is kept here: Fluent trims a message's end.
    eprint!("{} ", texts.plain("login-password-prompt"));
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while env
        .stdin
        .read(&mut byte)
        .map_err(|e| Failure::usage(texts.get("login-password-unreadable", &crate::fargs! { "reason" => e.to_string() })))?
        == 1
        && byte[0] != b'\n'
    {
        line.push(byte[0]);
    }
    let password = String::from_utf8_lossy(&line).trim_end_matches('\r').to_string();
    if password.is_empty() {
        return Err(Failure::usage(texts.plain("login-password-missing")));
    }
    Ok(password)
}

/// Search hits, best first: the id or number, the title and the snippet
/// (the matching words in *stars*), or JSON.
fn print_hits(texts: &Texts, mut hits: Vec<SearchHit>, query: &str, json: bool, out: &mut String) {
    hits.truncate(KB_HITS);
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&hits).expect("hits serialise"));
    } else if hits.is_empty() {
        let _ = writeln!(out, "{}", texts.get("search-nothing-found", &crate::fargs! { "query" => query.to_string() }));
    } else {
        for h in hits {
            let snippet: String = h.snippet.iter().map(|p| if p.hit { format!("*{}*", p.text) } else { p.text.clone() }).collect();
            let _ = writeln!(out, "{}  {}\n    {snippet}", h.id, h.title);
        }
    }
}

/// Why an action needs attention, in words: a conflict, an action held
/// behind one, or the server's refusal (its sentence when the workflow's
/// code is known) — never the bare code.
fn attention_reason(texts: &Texts, a: &helpdesk_client::AttentionItem) -> String {
    let op = texts.name_or("op", a.op.kind().as_str());
    let args = crate::fargs! { "op" => op.clone(), "message" => a.message.clone(), "seq" => a.seq as i64 };
    match a.code.as_str() {
        "conflict" => texts.get("attention-conflict", &args),
        "held" => texts.get("attention-held", &args),
        code => match helpdesk_domain::refusal_code::RefusalCode::parse(code) {
            Some(code) => {
                let params = serde_json::json!({ "op": a.op.kind().as_str() });
                let sentence = crate::refusals::refusal(texts, code, params.as_object().expect("an object"));
                texts.get("attention-refused", &crate::fargs! { "op" => op, "message" => sentence })
            }
            None => {
                let message = crate::wording::server_refusal(texts, code, &serde_json::Map::new(), &a.message);
                texts.get("attention-refused", &crate::fargs! { "op" => op, "message" => message })
            }
        },
    }
}
