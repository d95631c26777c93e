//! The IPC contract of the desktop, declared once: every command the Tauri
//! shell answers (its name, its arguments by name and type, its result) and
//! every event it emits (its name and payload). The UI's client
//! (`ui/src/bindings/client/ipc.ts`) is generated from this list; a test
//! checks that `src-tauri/src/main.rs` registers exactly these commands with
//! these arguments, so a renamed command, argument or field fails a test
//! or the UI's type check, not the analyst. Errors of every command are a
//! [`crate::ClientError`].

use crate::kb_review::{EditorialItem, KbEdit, RevisionView};
use crate::register::{RefusedRegistration, Registered, RegistrationForm};
use crate::reports::ReportRequest;
use crate::{AttentionItem, Dashboard, OpenTicket, QueueCounts, QueueQuery, QueueWindow, RoundReport, SearchHit, Session, Settings, SyncStatus, TicketDetail};
use chrono::NaiveDate;
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{NewTicket, RequesterKind};
use helpdesk_domain::{Channel, TicketType};
use helpdesk_protocol::{Article, ArticleInput, ArticleStatus, ArticleUsage, Directory, KbComment, KpiSeries, Me, ReviewDue, RevisionOutcome};
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::path::PathBuf;
use ts_rs::{Config, TypeVisitor, TS};

/// A TypeScript type with the generated files it imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsType {
    /// The type as written in TypeScript (`Array<QueueItem>`, `string`).
    pub name: String,
    /// Named types it uses, each with its file under `ui/src/bindings/`.
    pub imports: BTreeMap<String, PathBuf>,
    /// The Rust type, as the shell's signature spells it (last path segment).
    pub rust: &'static str,
}

impl TsType {
    pub fn of<T: TS + 'static>(cfg: &Config, rust: &'static str) -> TsType {
        struct Imports<'a>(&'a Config, BTreeMap<String, PathBuf>);
        impl TypeVisitor for Imports<'_> {
            fn visit<T: TS + 'static + ?Sized>(&mut self) {
                match T::output_path() {
                    Some(path) => {
                        self.1.insert(T::ident(self.0), path);
                    }
                    None => T::visit_generics(self),
                }
            }
        }
        let mut imports = Imports(cfg, BTreeMap::new());
        imports.visit::<T>();
        TsType {
            name: if std::any::TypeId::of::<T>() == std::any::TypeId::of::<()>() {
                "void".into()
            } else {
                T::name(cfg)
            },
            imports: imports.1,
            rust,
        }
    }
}

/// A command of the shell.
#[derive(Debug, Clone)]
pub struct Command {
    /// The name `invoke` uses (snake_case, as the Rust function).
    pub name: &'static str,
    /// The arguments by name (snake_case in Rust; Tauri passes them in
    /// camelCase from JS, which for these one-word names is the same; the
    /// commands with two-word arguments take them in snake_case,
    /// `#[tauri::command(rename_all = "snake_case")]`).
    pub args: Vec<(&'static str, TsType)>,
    pub result: TsType,
}

/// An event the shell emits, with its payload's type `T`.
#[derive(Debug)]
pub struct Event<T> {
    pub name: &'static str,
    payload: PhantomData<fn(T)>,
}

impl<T> Event<T> {
    const fn named(name: &'static str) -> Event<T> {
        Event { name, payload: PhantomData }
    }
}

impl<T> Clone for Event<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Event<T> {}

/// The sync status changed.
pub const SYNC_STATUS: Event<SyncStatus> = Event::named("sync-status");
/// A pull brought changes: the UI reloads what it shows.
pub const DATA_CHANGED: Event<()> = Event::named("data-changed");
/// A notification was clicked: the UI opens the ticket.
pub const OPEN_TICKET: Event<OpenTicket> = Event::named("open-ticket");

/// Every event, with its payload's TypeScript type.
pub fn events(cfg: &Config) -> Vec<(&'static str, TsType)> {
    vec![
        (SYNC_STATUS.name, TsType::of::<SyncStatus>(cfg, "SyncStatus")),
        (DATA_CHANGED.name, TsType::of::<()>(cfg, "()")),
        (OPEN_TICKET.name, TsType::of::<OpenTicket>(cfg, "OpenTicket")),
    ]
}

macro_rules! commands {
    ($( $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $result:ty ; )*) => {
        /// Every command, in the order the shell registers them.
        pub fn commands(cfg: &Config) -> Vec<Command> {
            vec![$(Command {
                name: stringify!($name),
                args: vec![$((stringify!($arg), TsType::of::<$ty>(cfg, stringify!($ty)))),*],
                result: TsType::of::<$result>(cfg, stringify!($result)),
            }),*]
        }
    };
}

commands! {
    session_get() -> Session;
    login(server: String, username: String, password: String) -> Me;
    logout() -> ();
    sync_now() -> RoundReport;
    sync_status() -> SyncStatus;
    queue_window(query: QueueQuery) -> QueueWindow;
    queue_counts() -> QueueCounts;
    directory() -> Directory;
    ticket(number: String) -> TicketDetail;
    act(number: String, op: Op) -> TicketDetail;
    kb_search(query: String) -> Vec<SearchHit>;
    kb_article(id: String) -> Article;
    kb_suggest(number: String) -> Vec<SearchHit>;
    ticket_search(query: String) -> Vec<SearchHit>;
    attention_list() -> Vec<AttentionItem>;
    attention_retry(seq: u64, text: Option<String>) -> ();
    attention_discard(seq: u64) -> ();
    settings_get() -> Settings;
    settings_set(settings: Settings) -> ();
    dashboard() -> Dashboard;
    kb_editorial_list(statuses: Vec<ArticleStatus>, query: Option<String>) -> Vec<EditorialItem>;
    kb_create(input: ArticleInput) -> Article;
    kb_edit(id: String, input: ArticleInput, base_version: Option<u64>) -> KbEdit;
    kb_move(id: String, to: ArticleStatus, comment: Option<String>) -> Article;
    kb_revision(id: String) -> Option<RevisionView>;
    kb_revision_move(id: String, to: ArticleStatus, comment: Option<String>) -> RevisionOutcome;
    kb_reviewed(id: String, next_review: Option<NaiveDate>, comment: Option<String>) -> Article;
    kb_review_due(mine: bool) -> Vec<ReviewDue>;
    kb_comments(id: String) -> Vec<KbComment>;
    kb_comment(id: String, text: String) -> KbComment;
    kb_usage(id: String) -> ArticleUsage;
    kpi_series(request: ReportRequest) -> KpiSeries;
    kpi_export_csv(request: ReportRequest) -> String;
    registration_form(ticket_type: TicketType, channel: Channel, kind: Option<RequesterKind>) -> RegistrationForm;
    register_ticket(ticket: NewTicket) -> Registered;
    refused_registrations() -> Vec<RefusedRegistration>;
    discard_registration(seq: u64) -> ();
    resend_registration(seq: u64, ticket: NewTicket) -> Registered;
}

/// `ui/src/bindings/client/ipc.ts`: the commands' and events' types, for
/// the UI's one backend module.
pub fn typescript(cfg: &Config) -> String {
    let commands = commands(cfg);
    let events = events(cfg);
    let mut imports: BTreeMap<String, PathBuf> = BTreeMap::new();
    for c in &commands {
        for (_, t) in &c.args {
            imports.extend(t.imports.clone());
        }
        imports.extend(c.result.imports.clone());
    }
    for (_, t) in &events {
        imports.extend(t.imports.clone());
    }
    let mut out = String::from(
        "// Generated from helpdesk_client::ipc (the IPC contract, declared once in Rust). Do not edit;\n\
         // `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` writes it anew.\n",
    );
    for (name, path) in &imports {
        let from = relative_import(path);
        out.push_str(&format!("import type {{ {name} }} from \"{from}\";\n"));
    }
    out.push_str("\n/** Every command: its arguments (as `invoke` takes them) and its result. */\nexport interface Commands {\n");
    for c in &commands {
        let args: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {}", t.name)).collect();
        let args = if args.is_empty() {
            "{}".to_string()
        } else {
            format!("{{ {} }}", args.join(", "))
        };
        out.push_str(&format!("  {}: {{ args: {args}; result: {} }};\n", c.name, c.result.name));
    }
    out.push_str("}\n\nexport type CommandName = keyof Commands;\n\n");
    out.push_str("/** Every event the shell emits, with its payload. */\nexport interface Events {\n");
    for (name, t) in &events {
        let payload = if t.name == "void" { "null".to_string() } else { t.name.clone() };
        out.push_str(&format!("  \"{name}\": {payload};\n"));
    }
    out.push_str("}\n\nexport type EventName = keyof Events;\n\n");
    let names: Vec<String> = commands.iter().map(|c| format!("\"{}\"", c.name)).collect();
    out.push_str(&format!("export const COMMAND_NAMES: CommandName[] = [{}];\n", names.join(", ")));
    out
}

/// The import path of a generated file from `client/ipc.ts`.
fn relative_import(path: &std::path::Path) -> String {
    let stem = path.with_extension("");
    let text = stem.to_string_lossy().replace('\\', "/");
    match text.strip_prefix("client/") {
        Some(own) => format!("./{own}"),
        None => format!("../{text}"),
    }
}
