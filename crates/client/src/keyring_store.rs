//! The sign-in token in the OS keyring (Secret Service on Linux, Keychain
//! on macOS, Credential Manager on Windows), for the desktop app and the
//! `helpdesk` CLI alike, so that both read the sign-in the other made.
//! Where none answers — a headless Linux without a keyring daemon — `set`
//! fails and the façade keeps the token in the 0600 session file instead.

use crate::secrets::{FileOnly, SecretStore};

const SERVICE: &str = crate::APP_IDENTIFIER;

/// The OS keyring, by account `user@server` under the app's identifier.
pub struct Keyring;

impl SecretStore for Keyring {
    fn name(&self) -> &str {
        "the OS keyring"
    }

    fn get(&self, account: &str) -> Result<Option<String>, String> {
        match keyring::Entry::new(SERVICE, account).and_then(|e| e.get_password()) {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        keyring::Entry::new(SERVICE, account)
            .and_then(|e| e.set_password(secret))
            .map_err(|e| e.to_string())
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        match keyring::Entry::new(SERVICE, account).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Whether the environment turns the keyring off: `HELPDESK_KEYRING=off`.
pub fn keyring_off(var: &dyn Fn(&str) -> Option<String>) -> bool {
    var("HELPDESK_KEYRING").is_some_and(|v| v.trim() == "off")
}

/// The secret store of the desktop app and the CLI: the OS keyring, or —
/// with `HELPDESK_KEYRING=off` — none, the token staying in the 0600
/// session file.
pub fn secret_store(var: &dyn Fn(&str) -> Option<String>) -> Box<dyn SecretStore> {
    if keyring_off(var) {
        Box::new(FileOnly)
    } else {
        Box::new(Keyring)
    }
}
