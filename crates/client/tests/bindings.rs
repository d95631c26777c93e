//! The TypeScript bindings of the façade's types (`ui/src/bindings/client/`,
//! committed) must match the Rust types. This test fails when they are
//! stale; run it with `UPDATE_BINDINGS=1` to write them anew. It compares
//! and writes only the files of this crate's types: the protocol and domain
//! types they import (`../TicketView` …) are the protocol crate's test's.

use helpdesk_client as client;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, ExportError, TS};

/// Every type the UI reaches through the desktop commands and events.
fn export_all(cfg: &Config) -> Result<(), ExportError> {
    client::ClientError::export_all(cfg)?;
    client::Session::export_all(cfg)?;
    client::SyncStatus::export_all(cfg)?;
    client::RoundReport::export_all(cfg)?;
    client::QueueItem::export_all(cfg)?;
    client::TicketDetail::export_all(cfg)?;
    client::SearchHit::export_all(cfg)?;
    client::AttentionItem::export_all(cfg)?;
    client::Settings::export_all(cfg)?;
    client::Dashboard::export_all(cfg)?;
    client::Notification::export_all(cfg)?;
    client::NotificationText::export_all(cfg)?;
    client::OpenTicket::export_all(cfg)?;
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
    let committed_dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "ui", "src", "bindings", "client"].iter().collect();
    let fresh_root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-bindings-client");
    let _ = std::fs::remove_dir_all(&fresh_root);
    export_all(&Config::new().with_large_int("number").with_out_dir(&fresh_root)).unwrap();
    let fresh = read_dir(&fresh_root.join("client"));
    assert!(fresh.len() >= 13, "only {} files exported", fresh.len());

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&committed_dir).unwrap();
        for name in read_dir(&committed_dir).keys().filter(|n| !fresh.contains_key(*n)) {
            std::fs::remove_file(committed_dir.join(name)).unwrap();
        }
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
        "ui/src/bindings/client is stale (changed or missing: {stale:?}; no longer exported: {extra:?}); \
         run `UPDATE_BINDINGS=1 cargo test -p helpdesk-client --test bindings` and commit the result"
    );
}
