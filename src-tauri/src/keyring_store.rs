//! The sign-in token in the OS keyring (Secret Service on Linux, Keychain
//! on macOS, Credential Manager on Windows). Where none answers — a
//! headless Linux without a keyring daemon — `set` fails and the façade
//! keeps the token in the 0600 session file instead.

use helpdesk_client::SecretStore;

const SERVICE: &str = helpdesk_client::APP_IDENTIFIER;

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
