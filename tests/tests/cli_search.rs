//! `helpdesk search`: tickets of every queue in the laptop's replica, found
//! by number, by inflected Ukrainian words and by Russian ones, with the
//! matching words marked — offline as well as online.

use helpdesk_tests::{Laptop, Server};

#[test]
fn search_finds_tickets_by_number_and_by_words_in_either_language_offline_too() {
    let mut server = Server::prepare();
    server.start();
    let declaration = server.api("olga").register_incident("Не зберігаються митні декларації у відділі оформлення");
    let signature = server.api("olga").register_incident("Не працює підпис КЕП на робочому місці");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    server.stop();

    // Both descriptions speak of a declaration; the one whose subject does comes first.
    let hits = laptop.json(&["search", "митна декларація", "--json"]);
    assert_eq!(hits[0]["id"], declaration.as_str(), "{hits}");
    let out = laptop.ok(&["search", "зберігається"]);
    assert!(out.contains(&declaration) && !out.contains(&signature), "{out}");
    let out = laptop.ok(&["search", "підписом"]);
    assert!(out.contains(&signature) && !out.contains(&declaration), "{out}");
    assert!(laptop.ok(&["search", "декларації"]).contains("*декларації*"), "the matching word is marked");

    let hits = laptop.json(&["search", "не сохраняются таможенные декларации", "--json"]);
    assert_eq!(hits[0]["id"], declaration.as_str(), "{hits}");
    let marked: Vec<&str> = hits[0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["hit"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(marked.contains(&"декларації"), "{hits}");

    let digits = signature.rsplit('-').next().unwrap();
    assert_eq!(laptop.json(&["search", digits, "--json"])[0]["id"], signature.as_str());
    assert!(laptop.ok(&["search", "принтер"]).contains("nothing found"));
}
