//! The saved sign-in as every caller of the façade reads it (the desktop
//! app and the `helpdesk` CLI): the token from the session file or from the
//! secret store, what is missing when the store does not give it, and a
//! session file that cannot be read. No server: the profile is written as
//! a sign-in leaves it.

use helpdesk_client::{Client, Connectivity, FileOnly, Options, SecretStore};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// A secret store in memory, shared by the clones given to each opening
/// of the profile: it stands in for the OS keyring.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<BTreeMap<String, String>>>);

impl Shared {
    fn secrets(&self) -> MutexGuard<'_, BTreeMap<String, String>> {
        self.0.lock().unwrap()
    }
}

impl SecretStore for Shared {
    fn name(&self) -> &str {
        "the test store"
    }

    fn get(&self, account: &str) -> Result<Option<String>, String> {
        Ok(self.secrets().get(account).cloned())
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        self.secrets().insert(account.to_string(), secret.to_string());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        self.secrets().remove(account);
        Ok(())
    }
}

/// Nothing listens on port 1: a server that is never reached.
const SERVER: &str = "http://127.0.0.1:1";

fn open(dir: &Path, secrets: Box<dyn SecretStore>) -> Client {
    Client::open(dir, Options { secrets, ..Options::default() }).unwrap()
}

#[test]
fn a_token_kept_in_the_secret_store_signs_the_profile_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = Shared::default();
    let profile = dir.path().join("profile");
    std::fs::create_dir(&profile).unwrap();
    std::fs::write(
        profile.join("session.json"),
        format!(r#"{{"server": "{SERVER}", "token": null, "keyring": true, "username": "ana"}}"#),
    )
    .unwrap();
    store.set(&format!("ana@{SERVER}"), "the-token").unwrap();

    let client = open(&profile, Box::new(store.clone()));
    let saved = client.saved_sign_in().unwrap().unwrap();
    assert!(saved.signed_in && saved.in_secret_store, "{saved:?}");
    assert_eq!(saved.server, SERVER);
    assert_eq!(saved.token_problem, None);
    assert_ne!(client.status().unwrap().connectivity, Connectivity::SignInRequired);
    drop(client);

    // Without the store the profile is signed out, and says why.
    let client = open(&profile, Box::new(FileOnly));
    let saved = client.saved_sign_in().unwrap().unwrap();
    assert!(!saved.signed_in && saved.in_secret_store, "{saved:?}");
    assert_eq!(saved.token_problem.as_deref(), Some("no token for ana@http://127.0.0.1:1 in file"));
    assert_eq!(client.status().unwrap().connectivity, Connectivity::SignInRequired);
    drop(client);

    // Signing out takes the token out of the store; the server stays.
    let client = open(&profile, Box::new(store.clone()));
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(client.logout())
        .unwrap();
    assert!(store.secrets().is_empty());
    let saved = client.saved_sign_in().unwrap().unwrap();
    assert!(!saved.signed_in && !saved.in_secret_store, "{saved:?}");
    assert_eq!(saved.server, SERVER);
}

#[test]
fn a_token_in_the_session_file_needs_no_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("session.json"), format!(r#"{{"server": "{SERVER}", "token": "the-token"}}"#)).unwrap();
    let client = open(dir.path(), Box::new(FileOnly));
    let saved = client.saved_sign_in().unwrap().unwrap();
    assert!(saved.signed_in && !saved.in_secret_store, "{saved:?}");
}

#[test]
fn an_unreadable_session_file_leaves_the_profile_signed_out_until_the_next_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("session.json"), "{not json").unwrap();
    let client = open(dir.path(), Box::new(FileOnly));
    let e = client.saved_sign_in().unwrap_err();
    assert_eq!(e.code(), "storage");
    assert!(e.message.contains("sign in again"), "{e}");
    assert_eq!(client.status().unwrap().connectivity, Connectivity::SignInRequired);
    assert!(client.profile_user().unwrap().is_none());
}

#[test]
fn server_addresses_need_their_scheme() {
    assert_eq!(
        helpdesk_client::server_address(" https://helpdesk.example/ ").unwrap(),
        "https://helpdesk.example"
    );
    assert_eq!(helpdesk_client::server_address("helpdesk.example:8080").unwrap_err().code(), "invalid_input");
}
