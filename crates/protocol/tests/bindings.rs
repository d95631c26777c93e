//! The TypeScript bindings the UI imports (`ui/src/bindings/`, committed)
//! must match the Rust types. This test fails when they are stale; run it
//! with `UPDATE_BINDINGS=1` to write them anew.

use helpdesk_domain::{ops, policy, sla, ticket, workflow};
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
    workflow::Actor::export_all(cfg)?;
    workflow::TicketEvent::export_all(cfg)?;
    workflow::Refusal::export_all(cfg)?;
    sla::SlaReport::export_all(cfg)?;
    sla::ClockEvent::export_all(cfg)?;
    policy::Policy::export_all(cfg)?;
    policy::TicketClass::export_all(cfg)?;
    protocol::ApiError::export_all(cfg)?;
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
    protocol::KpiReport::export_all(cfg)?;
    protocol::admin::AdminUser::export_all(cfg)?;
    protocol::admin::NewUserRequest::export_all(cfg)?;
    protocol::admin::UpdateUserRequest::export_all(cfg)?;
    protocol::admin::GroupView::export_all(cfg)?;
    protocol::admin::RoutingRule::export_all(cfg)?;
    protocol::admin::PolicyInfo::export_all(cfg)?;
    protocol::admin::AuditEntry::export_all(cfg)?;
    Ok(())
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
        .collect()
}

#[test]
fn ui_bindings_are_fresh() {
    let committed_dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "ui", "src", "bindings"].iter().collect();
    let fresh_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-bindings");
    let _ = std::fs::remove_dir_all(&fresh_dir);
    export_all(&Config::new().with_large_int("number").with_out_dir(&fresh_dir)).unwrap();
    let fresh = read_dir(&fresh_dir);
    assert!(fresh.len() > 20, "only {} files exported", fresh.len());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<&String> = fresh.keys().filter(|name| committed.get(*name) != fresh.get(*name)).collect();
    let extra: Vec<&String> = committed.keys().filter(|name| !fresh.contains_key(*name)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is stale (changed or missing: {stale:?}; no longer exported: {extra:?}); \
         run `UPDATE_BINDINGS=1 cargo test -p helpdesk-protocol --test bindings` and commit the result"
    );
}
