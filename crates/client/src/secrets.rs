//! Where the sign-in token is kept. The desktop shell gives the OS keyring
//! (Secret Service on Linux, Keychain, Credential Manager); when it is not
//! available — a headless Linux without a keyring daemon — or for tests
//! and the CLI, the token goes to the profile's `session.json`, readable
//! only by the user (0600).

/// A store of secrets by account name.
pub trait SecretStore: Send + Sync {
    /// For logs: `secret-service`, `keychain`, `file`.
    fn name(&self) -> &str;
    fn get(&self, account: &str) -> Result<Option<String>, String>;
    /// An error makes the client fall back to the session file.
    fn set(&self, account: &str, secret: &str) -> Result<(), String>;
    fn delete(&self, account: &str) -> Result<(), String>;
}

/// No secret store: the token stays in the 0600 session file.
pub struct FileOnly;

impl SecretStore for FileOnly {
    fn name(&self) -> &str {
        "file"
    }

    fn get(&self, _account: &str) -> Result<Option<String>, String> {
        Ok(None)
    }

    fn set(&self, _account: &str, _secret: &str) -> Result<(), String> {
        Err("no secret store".into())
    }

    fn delete(&self, _account: &str) -> Result<(), String> {
        Ok(())
    }
}
