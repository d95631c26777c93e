//! Issue 13 item 4, in the desktop app over WebDriver against a real demo
//! server process: an action written offline conflicts with a colleague's
//! change; the ticket itself says it was not applied and why (in words, no
//! raw code); Needs attention shows the colleague's change; the analyst
//! corrects the text and applies it again — it reaches the server once.

use fantoccini::{elements::Element, Client, Locator};
use helpdesk_tests::desktop::{desktop_app, Desktop, Driver};
use helpdesk_tests::Server;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn wait_for(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn wait_attr(c: &Client, css: &str, attr: &str, check: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(Some(v)) = e.attr(attr).await {
                if check(&v) {
                    return;
                }
            }
        }
        assert!(Instant::now() < deadline, "{css}[{attr}] never satisfied the check");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn click_action(c: &Client, testid: &str) {
    let css = format!("[data-testid={testid}]");
    let button = wait_for(c, &css).await;
    if button.is_displayed().await.unwrap_or(false) {
        button.click().await.unwrap();
    } else {
        wait_for(c, "[data-testid=toolbar-more]").await.click().await.unwrap();
        wait_for(c, &format!("[role=menu] {css}")).await.click().await.unwrap();
    }
}

/// A call to the server's API as `user` (blocking, off the async runtime).
async fn api(url: String, user: &'static str, password: &'static str, method: &'static str, path: String, body: Value) -> Value {
    tokio::task::spawn_blocking(move || {
        let http = reqwest::blocking::Client::new();
        let login: Value = http
            .post(format!("{url}/api/v1/auth/login"))
            .json(&json!({"username": user, "password": password}))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let token = login["token"].as_str().unwrap().to_string();
        let request = if method == "GET" {
            http.get(format!("{url}{path}"))
        } else {
            http.post(format!("{url}{path}")).json(&body)
        };
        let response = request.bearer_auth(token).send().unwrap();
        assert!(response.status().is_success(), "{method} {path}: {}", response.status());
        response.json::<Value>().unwrap()
    })
    .await
    .unwrap()
}

/// How many events of the ticket on the server ask `question`.
fn asked(ticket: &Value, question: &str) -> usize {
    ticket["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"]["question"] == question)
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_conflicting_action_is_shown_on_the_ticket_and_applied_once_with_edited_text() {
    let app = desktop_app();
    let mut server = Server::demo();
    server.start();
    let desktop = Desktop::start();
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&desktop, &[("HELPDESK_PROFILE", profile.path().display().to_string())]);
    let c = driver.session(&app).await;

    let field = wait_for(&c, "input[autocomplete=url]").await;
    field.clear().await.unwrap();
    field.send_keys(&server.url()).await.unwrap();
    let user = c.find(Locator::Css("input[autocomplete=username]")).await.unwrap();
    user.clear().await.unwrap();
    user.send_keys("analyst").await.unwrap();
    c.find(Locator::Css("input[type=password]"))
        .await
        .unwrap()
        .send_keys("analyst-demo-1")
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();

    // Take an unassigned ticket, online.
    wait_for(&c, "[data-testid=nav-queue-unassigned]").await.click().await.unwrap();
    let row = wait_for(&c, "[data-testid=queue-row]").await;
    let number = row.attr("data-ticket-number").await.unwrap().expect("rows carry their number");
    row.click().await.unwrap();
    wait_for(&c, "[data-testid=action-take]").await.click().await.unwrap();
    wait_attr(&c, "[data-testid=ticket-status]", "data-status", |s| s == "in_progress").await;
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n == "0").await;

    // Offline, the analyst asks the requester a question.
    server.stop();
    let first = "Надішліть знімок екрана помилки";
    click_action(&c, "action-request-info").await;
    wait_for(&c, "[data-testid=dialog-request_info] textarea").await.send_keys(first).await.unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n == "1").await;

    // Meanwhile the lead changes the priority on the server.
    server.start();
    let path = format!("/api/v1/tickets/{number}");
    let before = api(server.url(), "lead", "lead-demo-1", "GET", path.clone(), Value::Null).await;
    let level = if before["ticket"]["priority"] == 1 { 2 } else { 1 };
    let why = "Зупинено оформлення на всьому пункті пропуску";
    let op = json!({"op": {"op": "set_priority", "level": level, "note": why}});
    api(server.url(), "lead", "lead-demo-1", "POST", format!("{path}/ops"), op).await;

    // The analyst's question does not apply: the ticket says so, in words.
    c.find(Locator::Css("[data-testid=sync-indicator]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n == "0").await;
    let banner = wait_for(&c, "[data-testid=not-applied-item]").await.text().await.unwrap();
    assert!(banner.contains("Запит") || banner.contains("запит"), "the action is named: {banner}");
    assert!(
        !banner.contains("conflict") && !banner.contains("changed since"),
        "no raw code or server sentence: {banner}"
    );
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-not-applied-uk.png"));

    // Needs attention: the lead's change in full; the text edited and applied again.
    wait_for(&c, "[data-testid=not-applied-open]").await.click().await.unwrap();
    let change = wait_for(&c, "[data-testid=attention-server-change]").await.text().await.unwrap();
    assert!(change.contains(why), "the colleague's note is shown: {change}");
    let reason = wait_for(&c, "[data-testid=attention-reason]").await.text().await.unwrap();
    assert!(!reason.contains("conflict") && !reason.is_empty(), "{reason}");
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-attention-uk.png"));
    let text = wait_for(&c, "[data-testid=attention-text]").await;
    assert_eq!(text.prop("value").await.unwrap().as_deref(), Some(first));
    let edited = "Надішліть, будь ласка, номер декларації та знімок екрана";
    text.clear().await.unwrap();
    text.send_keys(edited).await.unwrap();
    wait_for(&c, "[data-testid=attention-retry]").await.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while c.find(Locator::Css("[data-testid=attention-item]")).await.is_ok() {
        assert!(Instant::now() < deadline, "the item leaves Needs attention");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    c.find(Locator::Css("[data-testid=sync-indicator]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n == "0").await;
    let after = api(server.url(), "lead", "lead-demo-1", "GET", path, Value::Null).await;
    assert_eq!(asked(&after, edited), 1, "applied once");
    assert_eq!(asked(&after, first), 0, "the first text was replaced");
    assert_eq!(after["ticket"]["status"], "awaiting_info");
    c.close().await.unwrap();
}
