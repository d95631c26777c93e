//! Issue "desktop app", end to end inside `cargo test`: the real app under
//! Xvfb and a private session bus, driven over WebDriver (fantoccini →
//! tauri-driver → WebKitWebDriver), against a real demo server process.
//! Sign in; the queue shows the demo tickets; take one; stop the server;
//! comment offline (the pending count goes up); start the server; the
//! comment reaches the server once; a co-executor group involved and a
//! deadline extended online, a ticket linked offline, through their
//! dialogs (issue 13 item 8)
//! reach the server; KB search finds an article; switch the language.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use helpdesk_domain::ops::OpKind;
use helpdesk_domain::Status;
use helpdesk_tests::desktop::{desktop_app, Desktop, Driver};
use helpdesk_tests::Server;
use std::time::{Duration, Instant};

async fn wait_for(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// Waits until `check` holds on the attribute `attr` of `css`.
async fn wait_attr(c: &Client, css: &str, attr: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(Some(v)) = e.attr(attr).await {
                if check(&v) {
                    return v;
                }
            }
        }
        assert!(Instant::now() < deadline, "{css}[{attr}] never satisfied the check");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_analyst_works_a_ticket_offline_in_the_desktop_app() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = desktop_app();
    let mut server = Server::demo();
    server.start();
    let desktop = Desktop::start();
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&desktop, &[("HELPDESK_PROFILE", profile.path().display().to_string())]);
    let caps = serde_json::json!({"tauri:options": {"application": app}});
    let c = ClientBuilder::rustls()
        .expect("TLS roots")
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&driver.url)
        .await
        .expect("a WebDriver session with the app");

    // Sign in through the sign-in screen.
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

    // The queue shows the demo tickets.
    if c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("[data-testid=nav-queue-mine]"))
        .await
        .is_err()
    {
        let png = c.screenshot().await.unwrap();
        std::fs::write(std::env::temp_dir().join("helpdesk-signin-failed.png"), png).unwrap();
        panic!("not signed in; see {}", std::env::temp_dir().join("helpdesk-signin-failed.png").display());
    }
    wait_for(&c, "[data-testid=nav-queue-mine]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=queue-row]").await;
    assert!(c.find_all(Locator::Css("[data-testid=queue-row]")).await.unwrap().len() > 3);
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-queue-uk.png"));

    // Take an unassigned ticket of the group.
    wait_for(&c, "[data-testid=nav-queue-unassigned]").await.click().await.unwrap();
    let row = wait_for(&c, "[data-testid=queue-row]").await;
    let number = row.attr("data-ticket-number").await.unwrap().expect("rows carry their number");
    row.click().await.unwrap();
    let take = wait_for(&c, "[data-testid=action-take]").await;
    // The toolbar offers what the domain allows on a `new` ticket: no
    // workaround yet (002 §9.3(6)), nothing of a resolved one.
    for absent in ["action-give-workaround", "action-close", "action-reopen", "action-resume"] {
        assert!(
            c.find(Locator::Css(&format!("[data-testid={absent}]"))).await.is_err(),
            "{absent} on a new ticket"
        );
    }
    take.click().await.unwrap();
    wait_attr(&c, "[data-testid=ticket-status]", "data-status", |s| s == "in_progress").await;
    wait_for(&c, "[data-testid=action-resolve]").await;
    assert!(
        c.find(Locator::Css("[data-testid=action-take]")).await.is_err(),
        "one's own ticket is not taken again"
    );
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-ticket-uk.png"));

    // A co-executor group (003 §4.10, §4.15) through its dialog, online.
    wait_for(&c, "[data-testid=action-add-co_executor]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=dialog-add_co_executor]").await;
    wait_for(&c, "[data-testid=field-co-executor-group] option[value=ncts-l2]")
        .await
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while c.find(Locator::Css("[data-testid=dialog-add_co_executor]")).await.is_ok() {
        assert!(Instant::now() < deadline, "the co-executor dialog did not close");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // A deadline extension (001 §III.3(2), §III.13) through its dialog: the
    // resolution deadline chosen for us, a later instant, a justification.
    wait_for(&c, "[data-testid=action-extend-deadline]").await.click().await.unwrap();
    wait_attr(&c, "[data-testid=field-metric]", "value", |v| v == "resolution").await;
    c.execute(
        "const i = document.querySelector('[data-testid=field-until]'); i.value = '2030-01-15T10:00'; i.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    )
    .await
    .unwrap();
    let justification = "Очікуємо оновлення від постачальника ПЗ";
    wait_for(&c, "[data-testid=field-justification]").await.send_keys(justification).await.unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while c.find(Locator::Css("[data-testid=dialog-extend_deadline]")).await.is_ok() {
        assert!(Instant::now() < deadline, "the extension dialog did not close");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let linked = ticket_in(profile.path(), "awaiting", Status::AwaitingInfo).await;

    // On an awaiting-info and on a closed ticket too, the toolbar offers
    // exactly what the domain allows (issue 12, item 1).
    for (queue, status) in [("awaiting", Status::AwaitingInfo), ("recent", Status::Closed)] {
        let number = ticket_in(profile.path(), queue, status).await;
        c.execute(&format!("location.hash = '#/ticket/{number}'"), vec![]).await.unwrap();
        wait_attr(&c, "[data-testid=ticket-status]", "data-status", |s| s == status.as_str()).await;
        wait_for(&c, "[role=toolbar] [data-testid^=action-]").await;
        let offered = toolbar_actions(&c).await;
        let allowed = domain_actions(profile.path(), &number).await;
        assert_eq!(offered, allowed, "{number} ({status}): the toolbar against the domain's answer");
    }
    // Back to the ticket taken above.
    c.execute(&format!("location.hash = '#/ticket/{number}'"), vec![]).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while wait_for(&c, "[data-testid=ticket-number]").await.text().await.unwrap_or_default() != number {
        assert!(Instant::now() < deadline, "the ticket {number} did not open again");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Offline: the comment waits in the outbox.
    server.stop();
    let text = "Перевірено журнал сервера — офлайн";
    wait_for(&c, "[data-testid=comment-internal-toggle]").await.click().await.unwrap();
    c.find(Locator::Css("[data-testid=comment-input]"))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
    c.find(Locator::Css("[data-testid=comment-submit]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n.parse::<u32>().unwrap_or(0) >= 1).await;
    // A link to another ticket (002 §6.7–6.8), offline like every action.
    wait_for(&c, "[data-testid=action-link-ticket]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=field-link-ticket]").await.send_keys(&linked).await.unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n.parse::<u32>().unwrap_or(0) >= 2).await;
    // A hand-over to a group mistyped offline: nothing here can tell, the
    // server will refuse it.
    let typo = "eais-l2-typo";
    wait_for(&c, "[data-testid=action-assign]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=assign-to-group]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=field-group]").await.send_keys(typo).await.unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n.parse::<u32>().unwrap_or(0) >= 3).await;

    // Back online: it lands, once.
    server.start();
    c.find(Locator::Css("[data-testid=sync-indicator]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n == "0").await;
    let ticket = {
        let (url, number) = (server.url(), number.clone());
        tokio::task::spawn_blocking(move || {
            let http = reqwest::blocking::Client::new();
            let login: serde_json::Value = http
                .post(format!("{url}/api/v1/auth/login"))
                .json(&serde_json::json!({"username": "admin", "password": "admin-demo-1"}))
                .send()
                .unwrap()
                .json()
                .unwrap();
            let token = login["token"].as_str().unwrap().to_string();
            http.get(format!("{url}/api/v1/tickets/{number}"))
                .bearer_auth(token)
                .send()
                .unwrap()
                .json::<serde_json::Value>()
                .unwrap()
        })
        .await
        .unwrap()
    };
    let copies = ticket["ticket"]["comments"].as_array().unwrap().iter().filter(|c| c["text"] == text).count();
    assert_eq!(copies, 1, "the offline comment reached the server exactly once");
    assert_ne!(ticket["ticket"]["group"], typo, "the mistyped hand-over did not apply");
    assert_eq!(
        ticket["ticket"]["co_executor_groups"],
        serde_json::json!(["ncts-l2"]),
        "the co-executor reached the server"
    );
    assert_eq!(ticket["ticket"]["links"][0]["ticket"], linked.as_str(), "the offline link reached the server");
    let extension = &ticket["ticket"]["deadline_extensions"][0];
    assert_eq!(
        (extension["metric"].as_str(), extension["justification"].as_str()),
        (Some("resolution"), Some(justification)),
        "{ticket}"
    );
    assert!(extension["until"].as_str().is_some_and(|u| u.starts_with("2030-01-15")), "{extension}");

    // It needs attention instead: what the analyst did, and the server's reason.
    wait_for(&c, "[data-testid=nav-attention]").await.click().await.unwrap();
    let item = wait_for(&c, "[data-testid=attention-item]").await.text().await.unwrap();
    assert!(item.contains(typo) && item.contains("unknown_group"), "{item}");

    // The knowledge base, offline-searchable.
    c.find(Locator::Css("[data-testid=nav-kb]")).await.unwrap().click().await.unwrap();
    wait_for(&c, "[data-testid=kb-search-input]").await.send_keys("митн декларац").await.unwrap();
    // Found by the search (not the suggestions for the ticket opened before).
    wait_for(&c, "[data-testid=kb-results-count]").await;
    wait_for(&c, "[data-testid=kb-result]").await;
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-kb-uk.png"));

    // Tickets of every queue, by the comment written offline (inflected differently).
    wait_for(&c, "[data-testid=ticket-search]").await.send_keys("перевірка журналу").await.unwrap();
    wait_for(&c, "[data-testid=ticket-search-hit]").await;
    let mut found = None;
    for hit in c.find_all(Locator::Css("[data-testid=ticket-search-hit]")).await.unwrap() {
        if hit.text().await.unwrap().contains(&number) {
            found = Some(hit);
        }
    }
    found.expect("the ticket commented on is among the hits").click().await.unwrap();
    let shown = wait_for(&c, "[data-testid=ticket-number]").await.text().await.unwrap();
    assert!(shown.contains(&number), "{shown}");

    // Switch the language to English.
    c.find(Locator::Css("a[data-testid=nav-settings]")).await.unwrap().click().await.unwrap();
    let switch = wait_for(&c, "[data-testid=lang-switch]").await;
    let buttons = switch.find_all(Locator::Css("button")).await.unwrap();
    let title = "section.settings h1";
    let before = wait_for(&c, title).await.text().await.unwrap();
    assert!(!before.is_empty());
    buttons[1].click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = c.find(Locator::Css(title)).await.unwrap().text().await.unwrap();
        if now != before {
            break;
        }
        assert!(Instant::now() < deadline, "the labels did not change language ({before})");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-settings-en.png"));

    // Every main screen in every language: filled, and no message key shown.
    let keys = message_keys();
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&shots).unwrap();
    for (index, lang) in ["uk", "en", "ru"].iter().enumerate() {
        c.find(Locator::Css("a[data-testid=nav-settings]")).await.unwrap().click().await.unwrap();
        let switch = wait_for(&c, "[data-testid=lang-switch]").await;
        switch.find_all(Locator::Css("button")).await.unwrap()[index].click().await.unwrap();
        for (screen, nav) in [
            ("queue", "[data-testid=nav-queue-mine]"),
            ("ticket", "[data-testid=queue-row]"),
            ("kb", "[data-testid=nav-kb]"),
            ("attention", "[data-testid=nav-attention]"),
            ("dashboard", "[data-testid=nav-dashboard]"),
            ("settings", "a[data-testid=nav-settings]"),
        ] {
            wait_for(&c, nav).await.click().await.unwrap();
            tokio::time::sleep(Duration::from_millis(700)).await;
            let text: String = c
                .execute("return document.body.innerText", vec![])
                .await
                .unwrap()
                .as_str()
                .unwrap_or_default()
                .to_string();
            assert!(text.trim().len() > 100, "{screen} in {lang} is nearly empty: {text:?}");
            let shown: Vec<&String> = keys.iter().filter(|k| text.contains(k.as_str())).collect();
            assert!(shown.is_empty(), "{screen} in {lang} shows message keys instead of text: {shown:?}");
            std::fs::write(shots.join(format!("{screen}-{lang}.png")), c.screenshot().await.unwrap()).unwrap();
        }
    }
    c.close().await.unwrap();
}

/// Ops the desktop offers elsewhere than on the toolbar (the KB panel):
/// the toolbar is compared with the domain's answer without them.
const NOT_ON_THE_TOOLBAR: [OpKind; 1] = [OpKind::LinkKb];

/// The `data-testid`s of the actions on the ticket's toolbar, sorted.
async fn toolbar_actions(c: &Client) -> Vec<String> {
    let mut ids = Vec::new();
    for button in c.find_all(Locator::Css("[role=toolbar] [data-testid^=action-]")).await.unwrap() {
        ids.push(button.attr("data-testid").await.unwrap().unwrap());
    }
    ids.sort();
    ids
}

/// The actions the domain allows the signed-in analyst on `number`, as the
/// client core answers on the app's own profile, as toolbar test ids.
async fn domain_actions(profile: &std::path::Path, number: &str) -> Vec<String> {
    let (profile, number) = (profile.to_path_buf(), number.to_string());
    tokio::task::spawn_blocking(move || {
        let client = helpdesk_client::Client::open(&profile, helpdesk_client::Options::default()).unwrap();
        let detail = client.ticket(&number).unwrap();
        let mut ids: Vec<String> = detail
            .actions
            .iter()
            .filter(|a| a.allowed() && !NOT_ON_THE_TOOLBAR.contains(&a.op))
            .map(|a| format!("action-{}", a.op.as_str().replacen('_', "-", 1)))
            .collect();
        ids.sort();
        ids
    })
    .await
    .unwrap()
}

/// A ticket of the queue `queue` in `status`, from the app's profile.
async fn ticket_in(profile: &std::path::Path, queue: &'static str, status: Status) -> String {
    let profile = profile.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let client = helpdesk_client::Client::open(&profile, helpdesk_client::Options::default()).unwrap();
        let items = client.queue(queue).unwrap();
        items
            .into_iter()
            .find(|i| i.status == status)
            .unwrap_or_else(|| panic!("no {status} ticket in the demo's `{queue}` queue"))
            .number
    })
    .await
    .unwrap()
}

/// Every message id of the UI's catalogues (`nav.queue.mine` …).
fn message_keys() -> Vec<String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        if let Some(map) = value.as_object() {
            for (k, v) in map {
                walk(&format!("{prefix}{k}."), v, out);
            }
        } else {
            out.push(prefix.trim_end_matches('.').to_string());
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/i18n/en.json");
    let mut keys = Vec::new();
    walk("", &serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap(), &mut keys);
    // Only ids with a dot can be mistaken for none of the app's own words.
    keys.retain(|k| k.contains('.'));
    keys
}
