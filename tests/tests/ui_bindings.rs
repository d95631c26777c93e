//! The TypeScript bindings the UI imports (`ui/src/bindings/`, committed:
//! the domain and protocol types at the top, the desktop façade's under
//! `client/`) must match the Rust types. This test fails when any file is
//! stale, missing or no longer exported; `UPDATE_BINDINGS=1 cargo test -p
//! helpdesk-tests --test ui_bindings` writes them anew.

use helpdesk_client as client;
use helpdesk_domain::{actions, ops, policy, sla, ticket, workflow};
use helpdesk_protocol as protocol;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, ExportError, TS};

/// Every type the UI reaches; their dependencies come along.
fn export_all(cfg: &Config) -> Result<(), ExportError> {
    ticket::Ticket::export_all(cfg)?;
    ticket::NewTicket::export_all(cfg)?;
    ticket::RegistrationError::export_all(cfg)?;
    ops::Op::export_all(cfg)?;
    actions::Availability::export_all(cfg)?;
    workflow::Actor::export_all(cfg)?;
    workflow::TicketEvent::export_all(cfg)?;
    workflow::Refusal::export_all(cfg)?;
    sla::SlaReport::export_all(cfg)?;
    sla::ClockEvent::export_all(cfg)?;
    policy::Policy::export_all(cfg)?;
    policy::TicketClass::export_all(cfg)?;
    protocol::ApiError::export_all(cfg)?;
    protocol::error_code::ApiErrorCode::export_all(cfg)?;
    protocol::LoginRequest::export_all(cfg)?;
    protocol::LoginResponse::export_all(cfg)?;
    protocol::TicketView::export_all(cfg)?;
    protocol::TicketList::export_all(cfg)?;
    protocol::OpRequest::export_all(cfg)?;
    protocol::PushRequest::export_all(cfg)?;
    protocol::PushResponse::export_all(cfg)?;
    protocol::PullRequest::export_all(cfg)?;
    protocol::PullResponse::export_all(cfg)?;
    protocol::Article::export_all(cfg)?;
    protocol::ArticleInput::export_all(cfg)?;
    protocol::AttachmentRef::export_all(cfg)?;
    protocol::KpiReport::export_all(cfg)?;
    protocol::admin::AdminUser::export_all(cfg)?;
    protocol::admin::NewUserRequest::export_all(cfg)?;
    protocol::admin::UpdateUserRequest::export_all(cfg)?;
    protocol::admin::GroupView::export_all(cfg)?;
    protocol::admin::RoutingRule::export_all(cfg)?;
    protocol::admin::PolicyInfo::export_all(cfg)?;
    protocol::admin::AuditEntry::export_all(cfg)?;
    client::ClientError::export_all(cfg)?;
    client::Session::export_all(cfg)?;
    client::SyncStatus::export_all(cfg)?;
    client::RoundReport::export_all(cfg)?;
    client::QueueItem::export_all(cfg)?;
    client::QueueCounts::export_all(cfg)?;
    client::QueueWindow::export_all(cfg)?;
    client::QueueQuery::export_all(cfg)?;
    protocol::Directory::export_all(cfg)?;
    protocol::SyncedPolicy::export_all(cfg)?;
    protocol::portal::PortalForm::export_all(cfg)?;
    client::TicketDetail::export_all(cfg)?;
    client::SearchHit::export_all(cfg)?;
    client::AttentionItem::export_all(cfg)?;
    client::Settings::export_all(cfg)?;
    client::Dashboard::export_all(cfg)?;
    client::Notification::export_all(cfg)?;
    client::NotificationText::export_all(cfg)?;
    client::OpenTicket::export_all(cfg)?;
    protocol::KpiSeries::export_all(cfg)?;
    protocol::ArticleUsage::export_all(cfg)?;
    protocol::KbComment::export_all(cfg)?;
    protocol::ReviewDue::export_all(cfg)?;
    protocol::RevisionOutcome::export_all(cfg)?;
    client::kb_review::EditorialItem::export_all(cfg)?;
    client::kb_review::RevisionView::export_all(cfg)?;
    client::kb_review::KbEdit::export_all(cfg)?;
    client::reports::ReportRequest::export_all(cfg)?;
    client::register::RegistrationForm::export_all(cfg)?;
    client::register::Registered::export_all(cfg)?;
    client::register::RefusedRegistration::export_all(cfg)?;
    std::fs::write(cfg.out_dir().join("constants.ts"), helpdesk_domain::ui_constants::typescript())?;
    // The IPC contract's client: commands, arguments, results, events.
    let ipc = cfg.out_dir().join("client").join("ipc.ts");
    std::fs::create_dir_all(ipc.parent().unwrap())?;
    std::fs::write(ipc, client::ipc::typescript(cfg))?;
    Ok(())
}

/// Every `.ts` file under `dir`, by its path relative to `dir`.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "ts") {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn ui_bindings_are_fresh() {
    let committed_dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"].iter().collect();
    let fresh_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-bindings");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    export_all(&Config::new().with_large_int("number").with_out_dir(&fresh_dir)).unwrap();
    let fresh = read_tree(&fresh_dir);
    assert!(fresh.len() > 80, "only {} files exported", fresh.len());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for name in read_tree(&committed_dir).keys().filter(|n| !fresh.contains_key(*n)) {
            std::fs::remove_file(committed_dir.join(name)).unwrap();
        }
        for (name, text) in &fresh {
            let path = committed_dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        return;
    }
    let committed = read_tree(&committed_dir);
    let stale: Vec<&PathBuf> = fresh.keys().filter(|name| committed.get(*name) != fresh.get(*name)).collect();
    let extra: Vec<&PathBuf> = committed.keys().filter(|name| !fresh.contains_key(*name)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is stale (changed or missing: {stale:?}; no longer exported: {extra:?}); \
         run `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` and commit the result"
    );
}
