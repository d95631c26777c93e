//! The data of a run, made through the real API as the administrator:
//! working groups, one analyst per simulated client (each in one group),
//! and tickets registered in every group.

use crate::http::{post_json, Http};
use crate::replicas::{ADMIN, ADMIN_PASSWORD};
use serde_json::{json, Value};
use std::time::Duration;

pub struct Analyst {
    pub username: String,
    pub token: String,
    pub group: usize,
}

pub struct Fixture {
    pub groups: Vec<String>,
    pub analysts: Vec<Analyst>,
    /// Per group: its tickets' ids and their versions when registered.
    pub tickets: Vec<Vec<(String, u64)>>,
    pub admin_token: String,
}

/// Signs in (again while the server answers 429/503 or is not up yet): the token.
pub async fn sign_in(http: &Http, base: &str, username: &str, password: &str) -> String {
    for _ in 0..200 {
        match post_json(http, base, "/api/v1/auth/login", None, &json!({"username": username, "password": password})).await {
            Ok((200, body)) => return body["token"].as_str().expect("a token").to_string(),
            Ok((429 | 503, _)) | Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            Ok((status, body)) => panic!("signing in as {username}: HTTP {status} {body}"),
        }
    }
    panic!("signing in as {username}: the server kept refusing")
}

async fn must(http: &Http, base: &str, path: &str, token: &str, body: Value) -> Value {
    match post_json(http, base, path, Some(token), &body).await {
        Ok((200 | 201, body)) => body,
        Ok((status, answer)) => panic!("POST {path} {body}: HTTP {status} {answer}"),
        Err(e) => panic!("POST {path}: {e}"),
    }
}

fn incident(group: &str, n: usize) -> Value {
    json!({
        "type": "incident",
        "subject": format!("Навантажувальний тест: звернення №{n} групи {group}"),
        "description": "Під час відкриття митної декларації в ЄАІС з'являється помилка 500",
        "service": "ЄАІС",
        "channel": "phone",
        "requester": {
            "kind": "official",
            "name": "Петро Іваненко",
            "customs_unit": "Київська митниця",
            "position": "головний інспектор",
            "phone": "+380441234567"
        },
        "impact": "medium",
        "urgency": "medium",
        "group": group,
        "expected_result": "МД відкривається",
        "actual_result": "Помилка 500"
    })
}

/// Creates `groups` groups, `analysts` analysts spread over them and
/// `tickets_per_group` tickets in each, on the server at `base`.
pub async fn create(http: &Http, base: &str, groups: usize, analysts: usize, tickets_per_group: usize) -> Fixture {
    let admin_token = sign_in(http, base, ADMIN, ADMIN_PASSWORD).await;
    let group_ids: Vec<String> = (0..groups).map(|g| format!("scale-g{g:02}")).collect();
    for (g, id) in group_ids.iter().enumerate() {
        must(
            http,
            base,
            "/api/v1/admin/groups",
            &admin_token,
            json!({"id": id, "name": format!("Група навантаження {g}"), "line": "L2"}),
        )
        .await;
    }
    let mut created = Vec::new();
    for a in 0..analysts {
        let username = format!("scale-a{a:03}");
        let password = format!("scale bench password {a}");
        let group = a % groups;
        must(
            http,
            base,
            "/api/v1/admin/users",
            &admin_token,
            json!({"username": username, "display_name": format!("Аналітик {a}"), "password": password, "role": "analyst", "groups": [group_ids[group]]}),
        )
        .await;
        created.push((username, password, group));
    }
    // Sign-ins hash passwords: a few at a time.
    let mut analysts_out = Vec::new();
    for chunk in created.chunks(4) {
        let tokens = futures_util::future::join_all(chunk.iter().map(|(u, p, _)| sign_in(http, base, u, p))).await;
        for ((username, _, group), token) in chunk.iter().zip(tokens) {
            analysts_out.push(Analyst {
                username: username.clone(),
                token,
                group: *group,
            });
        }
    }
    let registrations = group_ids.iter().map(|group| {
        let token = admin_token.clone();
        async move {
            let mut tickets = Vec::new();
            for n in 0..tickets_per_group {
                let view = must(http, base, "/api/v1/tickets", &token, incident(group, n)).await;
                let ticket = &view["ticket"];
                tickets.push((
                    ticket["id"].as_str().expect("a ticket id").to_string(),
                    ticket["version"].as_u64().expect("a version"),
                ));
            }
            tickets
        }
    });
    let tickets = futures_util::future::join_all(registrations).await;
    Fixture {
        groups: group_ids,
        analysts: analysts_out,
        tickets,
        admin_token,
    }
}
