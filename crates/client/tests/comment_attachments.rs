//! Issue 15 §3: files a requester's reply brings after the registration
//! reach the desk's laptops with the ticket — the replica's copy lists
//! them after a sync, as the desktop's ticket page shows them. A real
//! demo server on loopback, real SQLite files on both sides.

mod common;

use helpdesk_client::{Client, Options};
use helpdesk_server::demo::DemoOptions;
use serde_json::{json, Value};

#[tokio::test]
async fn c004_s2_3_1_8_a_file_from_the_requesters_reply_reaches_the_desks_replica() {
    let url = common::demo_server(DemoOptions {
        tickets: 40,
        articles: 2,
        seed: 11,
    });
    let dir = tempfile::tempdir().unwrap();
    let desk = Client::open(dir.path(), Options::default()).unwrap();
    desk.login(&url, "admin", "admin-demo-1").await.unwrap();
    desk.sync_round().await.unwrap();

    // The requester replies on the portal with a file.
    let http = reqwest::Client::new();
    let signed: Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": "requester", "password": "requester-demo-1"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = signed["token"].as_str().expect("the demo requester signs in").to_string();
    let mine: Value = http
        .get(format!("{url}/api/v1/tickets"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let open = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| !matches!(t["status"].as_str(), Some("closed" | "rejected")))
        .expect("the demo requester has an open ticket");
    let number = open["number"].as_str().unwrap().to_string();
    let before = desk.ticket(&number).unwrap().view.ticket.attachments.len();
    let stored: Value = http
        .post(format!("{url}/api/v1/attachments"))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body("Журнал модуля друку")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sha256 = stored["sha256"].as_str().unwrap().to_string();
    let op = json!({"op": {"op": "comment", "visibility": "public", "text": "Журнал у вкладенні", "attachments": [{"name": "print.log", "sha256": sha256, "size": 1}]}});
    let response = http
        .post(format!("{url}/api/v1/tickets/{number}/ops"))
        .bearer_auth(&token)
        .json(&op)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.text().await.unwrap());

    desk.sync_round().await.unwrap();
    let files = desk.ticket(&number).unwrap().view.ticket.attachments;
    assert_eq!(files.len(), before + 1, "{files:?}");
    let added = files.last().unwrap();
    assert_eq!((added.name.as_str(), added.sha256.as_str()), ("print.log", sha256.as_str()));
    assert_eq!(added.size, "Журнал модуля друку".len() as u64, "the size stored on the server");
}
