//! The desktop app and the `helpdesk` CLI share one sign-in: when the
//! desktop façade signed in with its secret store (the OS keyring; here a
//! store over a file, as no keyring daemon runs in the tests), the token is
//! not in `session.json` (`"keyring": true`), and the CLI still finds it,
//! syncs and acts with it. With `HELPDESK_KEYRING=off` the CLI says where
//! the token is and what to do. A real server process on loopback.

use helpdesk_cli::analyst::execute_with;
use helpdesk_cli::cli::{parse, Command};
use helpdesk_cli::Env;
use helpdesk_client::{Client, Options, SecretStore};
use helpdesk_tests::{Laptop, Server, PASSWORD};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A secret store over a JSON file, standing in for the OS keyring.
struct FileStore(PathBuf);

impl FileStore {
    fn read(&self) -> BTreeMap<String, String> {
        std::fs::read_to_string(&self.0)
            .ok()
            .map(|text| serde_json::from_str(&text).unwrap())
            .unwrap_or_default()
    }

    fn write(&self, secrets: &BTreeMap<String, String>) -> Result<(), String> {
        std::fs::write(&self.0, serde_json::to_string(secrets).unwrap()).map_err(|e| e.to_string())
    }
}

impl SecretStore for FileStore {
    fn name(&self) -> &str {
        "the test store"
    }

    fn get(&self, account: &str) -> Result<Option<String>, String> {
        Ok(self.read().remove(account))
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), String> {
        let mut secrets = self.read();
        secrets.insert(account.to_string(), secret.to_string());
        self.write(&secrets)
    }

    fn delete(&self, account: &str) -> Result<(), String> {
        let mut secrets = self.read();
        secrets.remove(account);
        self.write(&secrets)
    }
}

/// Runs `helpdesk --profile PROFILE ARGS` in this process with `store` as
/// its secret store; returns (exit code, stdout, the failure's line).
fn cli(profile: &Path, store: &Path, args: &[&str]) -> (u8, String, String) {
    let argv = ["helpdesk", "--profile", profile.to_str().unwrap()].into_iter().chain(args.iter().copied());
    let parsed = parse(argv.map(Into::into), helpdesk_cli::i18n::Lang::En).unwrap_or_else(|e| panic!("{args:?}: {}", e.stderr));
    let Command::Analyst(command) = parsed.command else {
        panic!("{args:?} is not an analyst's command")
    };
    let mut stdin: &[u8] = b"";
    // The English messages (the test reads them).
    let var = |name: &str| (name == "LC_ALL").then(|| "en_US.UTF-8".to_string());
    let mut out = String::new();
    let env = Env { stdin: &mut stdin, var: &var };
    match execute_with(command, parsed.profile.profile, Box::new(FileStore(store.to_path_buf())), env, &mut out) {
        Ok(()) => (0, out, String::new()),
        Err(failure) => (failure.code(), out, failure.one_line()),
    }
}

fn session(profile: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(profile.join("session.json")).unwrap()).unwrap()
}

#[test]
fn the_cli_uses_the_sign_in_the_desktop_kept_in_its_secret_store() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Не зберігається МД після підпису");
    let laptop = Laptop::new();
    let profile = laptop.profile.path();
    let keyring = tempfile::tempdir().unwrap();
    let store = keyring.path().join("secrets.json");

    // The desktop app signs in; its secret store takes the token.
    {
        let desktop = Client::open(
            profile,
            Options {
                secrets: Box::new(FileStore(store.clone())),
                ..Options::default()
            },
        )
        .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(desktop.login(&server.url(), "ana", PASSWORD)).unwrap();
    }
    let saved = session(profile);
    assert_eq!(saved["keyring"], true, "{saved}");
    assert_eq!(saved["token"], Value::Null, "the token is not in the file: {saved}");
    assert_eq!(FileStore(store.clone()).read().len(), 1);

    // The CLI with the same store is signed in: it reads, acts and syncs.
    let (code, out, err) = cli(profile, &store, &["status", "--json"]);
    assert_eq!(code, 0, "{err}");
    let status: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(status["signed_in"], true, "{status}");
    assert_eq!(status["server"], server.url());
    assert_eq!(status["user"], "ana");
    let (code, out, err) = cli(profile, &store, &["take", &number]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("saved as action #1") && out.contains("1 applied"), "{out}");
    let (code, out, err) = cli(profile, &store, &["sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("pending 0"), "{out}");
    let ticket = server.api("admin").get(&format!("/tickets/{number}"));
    assert_eq!(ticket["ticket"]["status"], "in_progress", "{ticket}");

    // With the keyring off, the CLI does not find the token and says what to do.
    assert_eq!(laptop.json(&["status", "--json"])["signed_in"], false);
    let (code, _, err) = laptop.run(&["sync"]);
    assert_eq!(code, 4, "sign-in needed: {err}");
    assert!(err.contains("HELPDESK_KEYRING=off") && err.contains("helpdesk login"), "{err}");
    // An action is still saved, to be sent later.
    let out = laptop.ok(&["comment", &number, "--internal", "Журнал переглянуто"]);
    assert!(out.contains("saved as action #2") && out.contains("after `helpdesk login`"), "{out}");

    // The CLI signs out through the store: the token leaves it.
    let (code, out, err) = cli(profile, &store, &["logout"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 action stays in the outbox"), "{out}");
    assert!(FileStore(store.clone()).read().is_empty());
    assert_eq!(session(profile)["keyring"], Value::Null);
    let (code, _, err) = cli(profile, &store, &["sync"]);
    assert_eq!(code, 4);
    assert!(err.contains("signed out: run `helpdesk login` again"), "{err}");
}
