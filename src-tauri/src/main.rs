//! HELP DESK for the L2 analysts of the State Customs Service of Ukraine:
//! the desktop app. A thin Tauri 2 shell over `helpdesk-client` — IPC
//! commands that call the façade, a background sync task, the notifier
//! (notify-rust) that keeps running with the window hidden in the tray, and
//! the OS keyring for the sign-in token. No business logic lives here.
//!
//! IPC: the commands, their arguments and results, and the events are
//! declared once in `helpdesk_client::ipc` (the UI's client is generated
//! from it; a test checks this file registers exactly those commands);
//! errors are `{code, message, params}` (`ClientError`).
//!
//! Environment:
//! * `HELPDESK_PROFILE` — the profile directory (default: the CLI's,
//!   `ua.gov.customs.helpdesk` in the platform's local data folder:
//!   `$XDG_DATA_HOME` or `~/.local/share`, `%LOCALAPPDATA%`,
//!   `~/Library/Application Support`);
//! * `HELPDESK_SERVER`, `HELPDESK_USER`, `HELPDESK_PASSWORD` — sign in at
//!   start when the profile is not signed in (the run command, tests);
//! * `HELPDESK_NOW_OFFSET_SECONDS` — shift the clock the SLA engine and the
//!   notifier use (notification tests);
//! * `HELPDESK_SYNC_INTERVAL_SECONDS` — how often the background sync runs
//!   when nothing wakes it (default 30);
//! * `HELPDESK_KEYRING=off` — keep the token in the 0600 session file even
//!   where an OS keyring is available;
//! * `LC_ALL`, `LC_MESSAGES`, `LANG` — the UI's language until the user
//!   chooses one (when none is set: the OS's languages on Windows and
//!   macOS; else Ukrainian);
//! * `RUST_LOG` — log filter (default `info`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod window_fit;

use chrono::NaiveDate;
use helpdesk_client::kb_review::{EditorialItem, KbEdit, RevisionView};
use helpdesk_client::register::{RefusedRegistration, Registered, RegistrationForm};
use helpdesk_client::reports::ReportRequest;
use helpdesk_client::{
    ipc, AttentionItem, Client, ClientError, Dashboard, Host, Notification, NotificationText, OpenTicket, Options, QueueCounts, QueueQuery, QueueWindow,
    RoundReport, SearchHit, Session, Settings, SyncStatus, TicketDetail,
};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{NewTicket, RequesterKind};
use helpdesk_domain::{Channel, TicketType};
use helpdesk_protocol::{Article, ArticleInput, ArticleStatus, ArticleUsage, Directory, KbComment, KpiSeries, Me, ReviewDue, RevisionOutcome};
use std::sync::Arc;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Emitter, Manager, State, WindowEvent};

type Res<T> = Result<T, ClientError>;

struct AppState {
    client: Arc<Client>,
}

/// Emits an event of the contract with its payload's type.
fn emit<T: serde::Serialize + Clone>(app: &AppHandle, event: ipc::Event<T>, payload: T) {
    let _ = app.emit(event.name, payload);
}

fn emit_status(app: &AppHandle, client: &Client) {
    if let Ok(status) = client.status() {
        emit(app, ipc::SYNC_STATUS, status);
    }
}

// ---- commands: thin adapters over helpdesk-client ----

#[tauri::command(async)]
fn session_get(state: State<'_, AppState>) -> Res<Session> {
    state.client.session()
}

#[tauri::command]
async fn login(app: AppHandle, state: State<'_, AppState>, server: String, username: String, password: String) -> Res<Me> {
    let me = state.client.login(&server, &username, &password).await?;
    emit_status(&app, &state.client);
    emit(&app, ipc::DATA_CHANGED, ());
    Ok(me)
}

#[tauri::command]
async fn logout(app: AppHandle, state: State<'_, AppState>) -> Res<()> {
    state.client.logout().await?;
    emit_status(&app, &state.client);
    Ok(())
}

#[tauri::command]
async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> Res<RoundReport> {
    let result = state.client.sync_round().await;
    emit_status(&app, &state.client);
    if matches!(&result, Ok(r) if r.changes > 0) {
        emit(&app, ipc::DATA_CHANGED, ());
    }
    result
}

#[tauri::command(async)]
fn sync_status(state: State<'_, AppState>) -> Res<SyncStatus> {
    state.client.status()
}

#[tauri::command(async)]
fn queue_window(state: State<'_, AppState>, query: QueueQuery) -> Res<QueueWindow> {
    let window = state.client.queue_window(&query);
    if query.refresh {
        give_back_freed_memory_later();
    }
    window
}

/// Working a queue of thousands of rows out leaves megabytes freed behind
/// it (the replica's rows, their SLA); glibc keeps freed memory for reuse,
/// so it is handed back to the system once the response is gone.
fn give_back_freed_memory_later() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    std::thread::spawn(|| {
        std::thread::sleep(std::time::Duration::from_secs(1));
        // SAFETY: malloc_trim only returns free memory to the system; it takes no pointers.
        unsafe { libc::malloc_trim(0) };
    });
}

#[tauri::command(async)]
fn queue_counts(state: State<'_, AppState>) -> Res<QueueCounts> {
    state.client.queue_counts()
}

#[tauri::command(async)]
fn directory(state: State<'_, AppState>) -> Res<Directory> {
    state.client.directory()
}

#[tauri::command(async)]
fn ticket(state: State<'_, AppState>, number: String) -> Res<TicketDetail> {
    state.client.ticket(&number)
}

#[tauri::command(async)]
fn act(app: AppHandle, state: State<'_, AppState>, number: String, op: Op) -> Res<TicketDetail> {
    let detail = state.client.act(&number, op)?;
    emit_status(&app, &state.client);
    Ok(detail)
}

#[tauri::command(async)]
fn kb_search(state: State<'_, AppState>, query: String) -> Res<Vec<SearchHit>> {
    state.client.kb_search(&query)
}

#[tauri::command(async)]
fn kb_article(state: State<'_, AppState>, id: String) -> Res<Article> {
    state.client.kb_article(&id)
}

#[tauri::command(async)]
fn kb_suggest(state: State<'_, AppState>, number: String) -> Res<Vec<SearchHit>> {
    state.client.kb_suggest(&number)
}

#[tauri::command(async)]
fn ticket_search(state: State<'_, AppState>, query: String) -> Res<Vec<SearchHit>> {
    state.client.ticket_search(&query)
}

#[tauri::command(async)]
fn attention_list(state: State<'_, AppState>) -> Res<Vec<AttentionItem>> {
    state.client.attention_list()
}

#[tauri::command(async)]
fn attention_retry(app: AppHandle, state: State<'_, AppState>, seq: u64, text: Option<String>) -> Res<()> {
    state.client.attention_retry_edited(seq, text)?;
    emit_status(&app, &state.client);
    Ok(())
}

#[tauri::command(async)]
fn attention_discard(app: AppHandle, state: State<'_, AppState>, seq: u64) -> Res<()> {
    state.client.attention_discard(seq)?;
    emit_status(&app, &state.client);
    Ok(())
}

#[tauri::command(async)]
fn settings_get(state: State<'_, AppState>) -> Res<Settings> {
    state.client.settings()
}

#[tauri::command(async)]
fn settings_set(state: State<'_, AppState>, settings: Settings) -> Res<()> {
    state.client.settings_set(settings)
}

#[tauri::command(async)]
fn dashboard(state: State<'_, AppState>) -> Res<Dashboard> {
    state.client.dashboard()
}

// ---- the window, the tray, notifications ----

fn show_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// The workspace is one page that is never left: WebKit's caches for
/// browsing (pages kept for going back, decoded resources kept for a next
/// visit, sized by the machine's RAM) would only hold memory.
#[cfg(target_os = "linux")]
fn keep_no_browser_caches(app: &AppHandle) {
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
    let Some(window) = app.get_webview_window("main") else { return };
    let _ = window.with_webview(|webview| {
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
}

/// Fits the main window into the work area of the screen it opens on
/// ([`window_fit`]).
fn fit_main_window(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else { return };
    let monitor = match window.current_monitor() {
        Ok(Some(monitor)) => monitor,
        _ => match window.primary_monitor() {
            Ok(Some(monitor)) => monitor,
            _ => return,
        },
    };
    let (Ok(outer), Ok(inner), Ok(position)) = (window.outer_size(), window.inner_size(), window.outer_position()) else {
        return;
    };
    // Before the window is on screen its frame is not known (GTK says 0×0).
    let outer = if outer.width == 0 || outer.height == 0 { inner } else { outer };
    let area = monitor.work_area();
    let placed = window_fit::Rect {
        x: position.x,
        y: position.y,
        width: outer.width,
        height: outer.height,
    };
    let work_area = window_fit::Rect {
        x: area.position.x,
        y: area.position.y,
        width: area.size.width,
        height: area.size.height,
    };
    if let Some(fitted) = window_fit::fit_into(placed, work_area) {
        // The frame (title bar, borders) is what the outer size adds to the inner.
        let frame = (outer.width.saturating_sub(inner.width), outer.height.saturating_sub(inner.height));
        let size = tauri::PhysicalSize::new(fitted.width.saturating_sub(frame.0), fitted.height.saturating_sub(frame.1));
        tracing::info!(
            "the window ({}×{}) is fitted into the screen's work area: {}×{}",
            outer.width,
            outer.height,
            fitted.width,
            fitted.height
        );
        let _ = window.set_size(size);
        let _ = window.set_position(tauri::PhysicalPosition::new(fitted.x, fitted.y));
    }
}

fn open_ticket(app: &AppHandle, number: &str) {
    show_main(app);
    emit(app, ipc::OPEN_TICKET, OpenTicket { number: number.to_string() });
}

/// Events and notifications from the façade's background tasks.
struct Desktop {
    app: AppHandle,
}

/// At most this many notifications at once; the rest are summed up.
const SHOWN_AT_ONCE: usize = 3;

impl Host for Desktop {
    fn sync_status(&self, status: &SyncStatus) {
        emit(&self.app, ipc::SYNC_STATUS, status.clone());
    }

    fn data_changed(&self) {
        emit(&self.app, ipc::DATA_CHANGED, ());
    }

    fn notify(&self, due: &[(Notification, NotificationText)]) {
        for (n, text) in due.iter().take(SHOWN_AT_ONCE) {
            raise(&self.app, Some(n), text);
        }
        if due.len() > SHOWN_AT_ONCE {
            let language = self.app.state::<AppState>().client.settings().map(|s| s.language).unwrap_or_default();
            raise(&self.app, None, &helpdesk_client::render_summary(due.len() - SHOWN_AT_ONCE, language));
        }
    }
}

/// Raises one desktop notification: an SLA breach is urgent (it stays
/// until dismissed), and a click opens the ticket (or the window, for a
/// summary) — on Linux through the notification daemon's default action,
/// on Windows through the toast's activation. macOS shows it plainly.
fn raise(app: &AppHandle, n: Option<&Notification>, text: &NotificationText) {
    let mut notification = notify_rust::Notification::new();
    notification.appname("HELP DESK").summary(&text.title).body(&text.body);
    #[cfg(any(windows, all(unix, not(target_os = "macos"))))]
    {
        use helpdesk_client::platform::{presentation, Opens};
        let shown = presentation(n);
        notification.urgency(if shown.urgent {
            notify_rust::Urgency::Critical
        } else {
            notify_rust::Urgency::Normal
        });
        #[cfg(windows)]
        notification.app_id(helpdesk_client::APP_IDENTIFIER);
        #[cfg(not(windows))]
        notification
            .action("default", "Відкрити")
            .hint(notify_rust::Hint::DesktopEntry("helpdesk-desktop".into()));
        let app = app.clone();
        std::thread::spawn(move || match notification.show() {
            Ok(handle) => {
                // A click on the notification: the daemon's "default" action
                // on Linux, the toast's activation on Windows.
                let _ = handle.wait_for_response(|response: &notify_rust::NotificationResponse| {
                    let clicked = match response {
                        notify_rust::NotificationResponse::Default => true,
                        notify_rust::NotificationResponse::Action(action) => action == "default",
                        _ => false,
                    };
                    if clicked {
                        match &shown.opens {
                            Opens::Ticket(number) => open_ticket(&app, number),
                            Opens::Window => show_main(&app),
                        }
                    }
                });
            }
            Err(e) => tracing::warn!("cannot raise a notification: {e}"),
        });
    }
    #[cfg(not(any(windows, all(unix, not(target_os = "macos")))))]
    {
        let _ = (app, n);
        if let Err(e) = notification.show() {
            tracing::warn!("cannot raise a notification: {e}");
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

// The knowledge base's editorial cycle (003 §4.16, §5.1) and the group
// report (000 §13.6; 003 §6.2): thin adapters over `helpdesk_client::kb_review`
// and `helpdesk_client::reports`, online calls that answer `offline` when
// the server cannot be reached. `kpi_export_csv` saves into the downloads
// folder and returns the file's path.

#[tauri::command]
async fn kb_editorial_list(state: State<'_, AppState>, statuses: Vec<ArticleStatus>, query: Option<String>) -> Res<Vec<EditorialItem>> {
    state.client.kb_editorial_list(&statuses, query.as_deref()).await
}

#[tauri::command]
async fn kb_create(state: State<'_, AppState>, input: ArticleInput) -> Res<Article> {
    state.client.kb_create(&input).await
}

#[tauri::command(rename_all = "snake_case")]
async fn kb_edit(state: State<'_, AppState>, id: String, input: ArticleInput, base_version: Option<u64>) -> Res<KbEdit> {
    state.client.kb_edit(&id, &input, base_version).await
}

#[tauri::command]
async fn kb_move(state: State<'_, AppState>, id: String, to: ArticleStatus, comment: Option<String>) -> Res<Article> {
    state.client.kb_move(&id, to, comment).await
}

#[tauri::command]
async fn kb_revision(state: State<'_, AppState>, id: String) -> Res<Option<RevisionView>> {
    state.client.kb_revision(&id).await
}

#[tauri::command]
async fn kb_revision_move(state: State<'_, AppState>, id: String, to: ArticleStatus, comment: Option<String>) -> Res<RevisionOutcome> {
    state.client.kb_revision_move(&id, to, comment).await
}

#[tauri::command(rename_all = "snake_case")]
async fn kb_reviewed(state: State<'_, AppState>, id: String, next_review: Option<NaiveDate>, comment: Option<String>) -> Res<Article> {
    state.client.kb_reviewed(&id, next_review, comment).await
}

#[tauri::command]
async fn kb_review_due(state: State<'_, AppState>, mine: bool) -> Res<Vec<ReviewDue>> {
    state.client.kb_review_due(mine).await
}

#[tauri::command]
async fn kb_comments(state: State<'_, AppState>, id: String) -> Res<Vec<KbComment>> {
    state.client.kb_comments(&id).await
}

#[tauri::command]
async fn kb_comment(state: State<'_, AppState>, id: String, text: String) -> Res<KbComment> {
    state.client.kb_comment(&id, &text).await
}

#[tauri::command]
async fn kb_usage(state: State<'_, AppState>, id: String) -> Res<ArticleUsage> {
    state.client.kb_usage(&id).await
}

#[tauri::command]
async fn kpi_series(state: State<'_, AppState>, request: ReportRequest) -> Res<KpiSeries> {
    state.client.kpi_series(&request).await
}

#[tauri::command]
async fn kpi_export_csv(state: State<'_, AppState>, request: ReportRequest) -> Res<String> {
    let path = state.client.kpi_export_csv(&request, None).await?;
    Ok(path.display().to_string())
}

// ---- L1 registration from the desk (issue 15 §4) ----

#[tauri::command(async, rename_all = "snake_case")]
fn registration_form(state: State<'_, AppState>, ticket_type: TicketType, channel: Channel, kind: Option<RequesterKind>) -> Res<RegistrationForm> {
    Ok(state.client.registration_form_for(ticket_type, channel, kind))
}

#[tauri::command(async)]
fn register_ticket(app: AppHandle, state: State<'_, AppState>, ticket: NewTicket) -> Res<Registered> {
    let registered = state.client.register(ticket)?;
    emit_status(&app, &state.client);
    Ok(registered)
}

#[tauri::command(async)]
fn refused_registrations(state: State<'_, AppState>) -> Res<Vec<RefusedRegistration>> {
    state.client.refused_registration_list()
}

#[tauri::command(async)]
fn discard_registration(app: AppHandle, state: State<'_, AppState>, seq: u64) -> Res<()> {
    state.client.discard_registration(seq)?;
    emit_status(&app, &state.client);
    Ok(())
}

#[tauri::command(async)]
fn resend_registration(app: AppHandle, state: State<'_, AppState>, seq: u64, ticket: NewTicket) -> Res<Registered> {
    let registered = state.client.resend_registration(seq, ticket)?;
    emit_status(&app, &state.client);
    Ok(registered)
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let profile = match env("HELPDESK_PROFILE").map(std::path::PathBuf::from) {
        Some(profile) => profile,
        None => helpdesk_client::default_profile(&env).unwrap_or_else(|e| {
            eprintln!("HELP DESK: {e}");
            std::process::exit(1);
        }),
    };
    let now_offset = chrono::Duration::seconds(env("HELPDESK_NOW_OFFSET_SECONDS").and_then(|s| s.parse().ok()).unwrap_or(0));
    let secrets = helpdesk_client::secret_store(&env);
    let language = helpdesk_client::system_language(&env);
    let sync_interval = env("HELPDESK_SYNC_INTERVAL_SECONDS")
        .and_then(|s| s.parse().ok())
        .filter(|&seconds| seconds > 0)
        .map_or(helpdesk_client::SYNC_INTERVAL, std::time::Duration::from_secs);
    if let Err(e) = helpdesk_client::platform::register_notification_sender() {
        tracing::warn!("notifications may not show: cannot register the app as their sender: {e}");
    }
    let client = match Client::open(
        &profile,
        Options {
            secrets,
            now_offset,
            language,
            sync_interval,
        },
    ) {
        Ok(c) => Arc::new(c),
        Err(e) => {
            eprintln!("HELP DESK cannot open its profile {}: {e}", profile.display());
            std::process::exit(1);
        }
    };
    tracing::info!("profile {}", profile.display());

    tauri::Builder::default()
        .manage(AppState { client: client.clone() })
        .invoke_handler(tauri::generate_handler![
            session_get,
            login,
            logout,
            sync_now,
            sync_status,
            queue_window,
            queue_counts,
            directory,
            ticket,
            act,
            kb_search,
            kb_article,
            kb_suggest,
            ticket_search,
            attention_list,
            attention_retry,
            attention_discard,
            settings_get,
            settings_set,
            dashboard,
            kb_editorial_list,
            kb_create,
            kb_edit,
            kb_move,
            kb_revision,
            kb_revision_move,
            kb_reviewed,
            kb_review_due,
            kb_comments,
            kb_comment,
            kb_usage,
            kpi_series,
            kpi_export_csv,
            registration_form,
            register_ticket,
            refused_registrations,
            discard_registration,
            resend_registration
        ])
        .on_window_event(|window, event| {
            // Closing the window hides it: the notifier keeps running in the tray.
            if let WindowEvent::CloseRequested { api, .. } = event {
                if window.label() == "main" {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .on_page_load(|webview, payload| {
            // How long a start takes to reach the page (the desktop benchmark reads it).
            if payload.event() == PageLoadEvent::Started {
                tracing::info!("window {}: page started loading", webview.label());
            }
        })
        .setup(move |app| {
            fit_main_window(app.handle());
            #[cfg(target_os = "linux")]
            keep_no_browser_caches(app.handle());
            let open = MenuItem::with_id(app, "open", "Відкрити", true, None::<&str>)?;
            let quit = MenuItem::with_id(app, "quit", "Вийти", true, None::<&str>)?;
            let menu = Menu::with_items(app, &[&open, &quit])?;
            let mut tray = TrayIconBuilder::with_id("main")
                .tooltip("HELP DESK")
                .menu(&menu)
                .show_menu_on_left_click(false)
                .on_menu_event(|app, event| match event.id.as_ref() {
                    "open" => show_main(app),
                    "quit" => app.exit(0),
                    _ => {}
                })
                .on_tray_icon_event(|tray, event| {
                    if let TrayIconEvent::Click {
                        button: MouseButton::Left,
                        button_state: MouseButtonState::Up,
                        ..
                    } = event
                    {
                        show_main(tray.app_handle());
                    }
                });
            if let Some(icon) = app.default_window_icon() {
                tray = tray.icon(icon.clone());
            }
            if let Err(e) = tray.build(app) {
                // No tray on this desktop: the app still works with its window.
                tracing::warn!("no tray icon: {e}");
            }

            let host = Arc::new(Desktop { app: app.handle().clone() });
            let (sync_client, sync_host) = (client.clone(), host.clone());
            tauri::async_runtime::spawn(async move {
                if sync_client.session().map(|s| s.me.is_none()).unwrap_or(true) {
                    if let (Some(server), Some(user), Some(password)) = (env("HELPDESK_SERVER"), env("HELPDESK_USER"), env("HELPDESK_PASSWORD")) {
                        match sync_client.login(&server, &user, &password).await {
                            Ok(me) => {
                                tracing::info!("signed in to {server} as {}", me.username);
                                sync_host.data_changed();
                            }
                            Err(e) => tracing::warn!("cannot sign in to {server} as {user}: {e}"),
                        }
                    }
                }
                sync_client.run_sync(&*sync_host, std::future::pending()).await;
            });
            let (notify_client, notify_host) = (client.clone(), host);
            tauri::async_runtime::spawn(async move {
                notify_client.run_notifier(&*notify_host, std::future::pending()).await;
            });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running HELP DESK");
}
