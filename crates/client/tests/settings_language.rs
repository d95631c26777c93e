//! The settings' language before the user chooses one: the language the
//! desktop read from the OS (`Options::language`, from
//! `helpdesk_client::system_language`), which the web UI reads through
//! `settings_get`; once the user saves settings, theirs — also when the OS's
//! language changes. No server.

use helpdesk_client::{Client, Language, Options, Settings};
use std::path::Path;

fn open(dir: &Path, language: Language) -> Client {
    Client::open(
        dir,
        Options {
            language,
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn the_os_language_until_the_user_chooses_one() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(open(dir.path(), Language::Ru).settings().unwrap().language, Language::Ru);
    assert_eq!(open(dir.path(), Language::En).settings().unwrap().language, Language::En);
    let client = open(dir.path(), Language::Ru);
    assert_eq!(client.settings().unwrap().thresholds, Settings::default().thresholds);
    client
        .settings_set(Settings {
            language: Language::Uk,
            ..client.settings().unwrap()
        })
        .unwrap();
    drop(client);
    assert_eq!(open(dir.path(), Language::En).settings().unwrap().language, Language::Uk);
}

#[test]
fn ukrainian_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::open(dir.path(), Options::default()).unwrap();
    assert_eq!(client.settings().unwrap().language, Language::Uk);
}
