//! Issue "desktop app", end to end inside `cargo test`: the real app under
//! Xvfb and a private session bus, driven over WebDriver (fantoccini →
//! tauri-driver → WebKitWebDriver), against a real demo server process.
//! Sign in; the queue shows the demo tickets; take one; stop the server;
//! comment offline (the pending count goes up); start the server; the
//! comment reaches the server once; a co-executor group involved and a
//! deadline extended online, a ticket linked offline, through their
//! dialogs (issue 13 item 8); KB search finds an article; switch the
//! language. On a small laptop's screen (issue 13): the workspace fits
//! 1024×640 with the SLA panel in sight, subjects are legible at 1280 px,
//! shortcuts work by key position in the Ukrainian layout, unsent entries
//! are marked until the server has them, one toast per outcome.

use fantoccini::{elements::Element, Client, Locator};
use helpdesk_domain::ops::OpKind;
use helpdesk_domain::Status;
use helpdesk_tests::desktop::{desktop_app, window_screenshot, Desktop, Driver};
use helpdesk_tests::Server;
use std::time::{Duration, Instant};

async fn wait_for(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// Clicks an action of the ticket's toolbar, through «Ще дії» when the
/// window is too narrow to show it on the row.
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
    let app = desktop_app();
    let mut server = Server::demo();
    server.start();
    let desktop = Desktop::start();
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&desktop, &[("HELPDESK_PROFILE", profile.path().display().to_string())]);
    let c = driver.session(&app).await;

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
        let png = window_screenshot(&c).await;
        std::fs::write(std::env::temp_dir().join("helpdesk-signin-failed.png"), png).unwrap();
        panic!("not signed in; see {}", std::env::temp_dir().join("helpdesk-signin-failed.png").display());
    }
    wait_for(&c, "[data-testid=nav-queue-mine]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=queue-row]").await;
    assert!(c.find_all(Locator::Css("[data-testid=queue-row]")).await.unwrap().len() > 3);
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-queue-uk.png"));
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&shots).unwrap();

    // At 1280×800 a subject shows at least 40 characters before it is cut.
    resize(&c, 1280, 800).await;
    wait_for(&c, "[data-testid=nav-queue-group]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=queue-row]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(overflow(&c).await, Vec::<String>::new(), "at 1280×800");
    let shown = c.execute(SHORTEST_CUT_SUBJECT, vec![]).await.unwrap().as_u64().unwrap();
    assert!(shown >= 40, "a subject cut to {shown} characters at 1280 px");
    std::fs::write(shots.join("queue-1280x800-uk.png"), window_screenshot(&c).await).unwrap();
    // At 1024×640: nothing scrolls sideways.
    resize(&c, 1024, 640).await;
    assert_eq!(overflow(&c).await, Vec::<String>::new(), "at 1024×640");
    std::fs::write(shots.join("queue-1024x640-uk.png"), window_screenshot(&c).await).unwrap();

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
    // At 1024×640 the toolbar is one row and the SLA panel is in sight.
    assert_eq!(overflow(&c).await, Vec::<String>::new(), "the ticket at 1024×640");
    let rows = c.execute(TOOLBAR_ROWS, vec![]).await.unwrap().as_u64().unwrap();
    assert_eq!(rows, 1, "the toolbar wraps at 1024 px");
    let sla = c.execute(SLA_PANEL_IN_SIGHT, vec![]).await.unwrap();
    assert_eq!(sla, serde_json::json!(true), "the SLA panel is out of sight at 1024×640");
    std::fs::write(shots.join("ticket-1024x640-uk.png"), window_screenshot(&c).await).unwrap();
    // Taken by its key in the Ukrainian layout: the T key types «е».
    press(&c, "е", "KeyT", false).await;
    wait_attr(&c, "[data-testid=ticket-status]", "data-status", |s| s == "in_progress").await;
    drop(take);
    wait_for(&c, "[data-testid=action-resolve]").await;
    assert!(
        c.find(Locator::Css("[data-testid=action-take]")).await.is_err(),
        "one's own ticket is not taken again"
    );
    desktop.screenshot(&std::env::temp_dir().join("helpdesk-ticket-uk.png"));

    // A co-executor group (003 §4.10, §4.15) through its dialog, online.
    click_action(&c, "action-add-co_executor").await;
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
    click_action(&c, "action-extend-deadline").await;
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
        if status == Status::Closed {
            // The requester's rating (issue 13, item 8), looked at on a small screen.
            click_action(&c, "action-rate").await;
            let dialog = wait_for(&c, "[data-testid=dialog-rate]").await.text().await.unwrap();
            assert!(dialog.contains("Оцінка") && !dialog.contains("action."), "{dialog}");
            std::fs::write(shots.join("rate-1024x640-uk.png"), window_screenshot(&c).await).unwrap();
            press(&c, "Escape", "Escape", false).await;
        }
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
    // The comment is marked as not sent, the mark whole, and one toast says it is saved here.
    let marked = format!("return [...document.querySelectorAll('[data-testid=timeline-item]')].filter(li => li.textContent.includes({text:?}) && li.querySelector('[data-testid=pending]')).map(li => {{ const m = li.querySelector('[data-testid=pending]').getBoundingClientRect(), r = li.getBoundingClientRect(); return m.width > 0 && m.left >= r.left && m.right <= r.right && m.right <= innerWidth; }})");
    wait_js(&c, &marked, |v| v == &serde_json::json!([true])).await;
    // The sync indicator tells why in the analyst's language, not the HTTP
    // layer's English.
    wait_attr(&c, "[data-testid=sync-indicator]", "data-state", |s| s == "offline").await;
    let why = wait_attr(&c, "[data-testid=sync-indicator]", "title", |t| !t.is_empty()).await;
    assert!(why.starts_with("Сервер недоступний"), "the sync indicator's tooltip: {why}");
    let saved = "return [...document.querySelectorAll('[data-testid=toast]')].map((t) => t.innerText)";
    let toasts = wait_js(&c, saved, |v| v.to_string().contains("Збережено на цьому комп’ютері")).await;
    assert_eq!(toasts.as_array().unwrap().len(), 1, "one message for the outcome: {toasts}");
    // In the queue too.
    c.execute("location.hash = '#/queue/mine'", vec![]).await.unwrap();
    wait_for(&c, &format!("[data-testid=queue-row][data-ticket-number='{number}'] [data-testid=row-pending]")).await;
    c.execute(&format!("location.hash = '#/ticket/{number}'"), vec![]).await.unwrap();
    wait_js(&c, &marked, |v| v == &serde_json::json!([true])).await;
    // A link to another ticket (002 §6.7–6.8), offline like every action.
    click_action(&c, "action-link-ticket").await;
    wait_for(&c, "[data-testid=field-link-ticket]").await.send_keys(&linked).await.unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n.parse::<u32>().unwrap_or(0) >= 2).await;
    // A hand-over to a group mistyped offline: nothing here can tell, the
    // server will refuse it.
    let typo = "eais-l2-typo";
    // At 1024 px it is under «Ще дії».
    wait_for(&c, "[data-testid=toolbar-more]").await.click().await.unwrap();
    wait_for(&c, "[role=menu] [data-testid=action-assign]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=assign-to-group]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=field-group]").await.send_keys(typo).await.unwrap();
    c.find(Locator::Css("[data-testid=dialog-submit]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n.parse::<u32>().unwrap_or(0) >= 3).await;
    let toasts = toast_texts(&c).await;
    assert_eq!(toasts.len(), 1, "further offline actions replace the message, not pile up: {toasts:?}");

    // Back online: it lands, once.
    server.start();
    c.find(Locator::Css("[data-testid=sync-indicator]")).await.unwrap().click().await.unwrap();
    wait_attr(&c, "[data-testid=pending-count]", "data-count", |n| n == "0").await;
    // The server has the comment: no mark is left; the refused hand-over is
    // told as not applied, and nothing claims that everything was sent.
    wait_js(&c, "return document.querySelectorAll('[data-testid=pending]').length", |v| {
        v == &serde_json::json!(0)
    })
    .await;
    let deadline = Instant::now() + Duration::from_secs(30);
    let toasts = loop {
        let toasts = toast_texts(&c).await;
        if toasts.iter().any(|t| t.contains("не застосував")) || Instant::now() > deadline {
            break toasts;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(toasts.iter().any(|t| t.contains("Сервер не застосував 1 дію")), "{toasts:?}");
    assert!(
        toasts.len() <= 2 && !toasts.iter().any(|t| t.contains("Усі збережені зміни надіслано")),
        "{toasts:?}"
    );
    // The cheat sheet, opened with Shift and the «?» key of the Ukrainian layout,
    // lists a key for every action the toolbar offers.
    press(&c, ",", "Slash", true).await;
    wait_for(&c, "[data-testid=cheat-sheet]").await;
    for id in toolbar_actions(&c).await {
        let op = id.trim_start_matches("action-").replace('-', "_");
        assert!(
            c.find(Locator::Css(&format!("[data-testid=shortcut-keys][data-action='act:{op}']")))
                .await
                .is_ok(),
            "no key for {op} on the cheat sheet"
        );
    }
    std::fs::write(shots.join("cheat-sheet-1024x640-uk.png"), window_screenshot(&c).await).unwrap();
    press(&c, "Escape", "Escape", false).await;
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
    // The reason in words, by its code: no raw code, no server sentence.
    assert!(item.contains(typo) && item.contains("Такої робочої групи немає"), "{item}");
    assert!(!item.contains("unknown_group"), "no raw code on screen: {item}");

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

    // Every main screen in every language: filled, and no message key shown;
    // in Ukrainian at 1024×640 (nothing sideways) and at 1280×800 too.
    let keys = message_keys();
    for (index, lang, size) in [(0, "uk", (1024, 640)), (0, "uk", (1280, 800)), (1, "en", (1280, 800)), (2, "ru", (1280, 800))] {
        resize(&c, size.0, size.1).await;
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
            if size.0 == 1024 {
                assert_eq!(overflow(&c).await, Vec::<String>::new(), "{screen} at 1024×640");
            }
            let cut = c.execute(CUT_SIDEBAR_LABELS, vec![]).await.unwrap();
            assert_eq!(cut, serde_json::json!([]), "sidebar labels cut on {screen} in {lang} at {size:?}");
            std::fs::write(shots.join(format!("{screen}-{}x{}-{lang}.png", size.0, size.1)), window_screenshot(&c).await).unwrap();
        }
    }
    c.close().await.unwrap();
}

/// Ops the desktop offers elsewhere than on the toolbar (linking an
/// article: the KB panel): the toolbar is compared with the domain's
/// answer without them. A rating the requester gave by phone is on the
/// toolbar («Ще дії») when the domain offers it.
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

/// Sets the window's size and lets the layout settle.
async fn resize(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height).await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let inner = c.execute("return [innerWidth, innerHeight]", vec![]).await.unwrap();
    eprintln!("window {width}×{height}: inner {inner}");
}

/// What scrolls sideways or reaches past the window's right edge.
async fn overflow(c: &Client) -> Vec<String> {
    let found = c.execute(OVERFLOW, vec![]).await.unwrap();
    serde_json::from_value(found).unwrap()
}

/// The sidebar's labels shown cut (an ellipsis instead of their end).
const CUT_SIDEBAR_LABELS: &str =
    "return [...document.querySelectorAll('[data-testid^=nav-] .label')].filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent.trim())";

const OVERFLOW: &str = r#"
const out = [];
const root = document.scrollingElement;
if (root.scrollWidth > root.clientWidth) out.push(`the page: ${root.scrollWidth} > ${root.clientWidth}`);
for (const el of document.querySelectorAll('main *')) {
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || el.closest('[aria-hidden=true]')) continue;
  if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
}
for (const el of document.querySelectorAll('[data-testid=queue-row] > *, [role=toolbar] > :not([aria-hidden]), [data-testid=sla-panel], main h1')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > innerWidth + 1) out.push(`${el.className || el.tagName} ends at ${Math.round(r.right)} > ${innerWidth}`);
}
// Cut: a ticket number, a status chip or an SLA badge wider than its cell;
// anything in the SLA panel past the panel's edge.
for (const el of document.querySelectorAll('[data-testid=queue-row] .c-number')) {
  if (el.scrollWidth > el.clientWidth + 1) out.push(`number cut: ${el.textContent}`);
}
for (const el of document.querySelectorAll('[data-testid=queue-row] .chip, [data-testid=queue-row] .sla')) {
  const cell = el.closest('.c').getBoundingClientRect(), r = el.getBoundingClientRect();
  if (r.right > cell.right + 1) out.push(`cut in its cell: ${el.textContent.trim()}`);
}
const panel = document.querySelector('[data-testid=sla-panel]');
if (panel) {
  const edge = panel.getBoundingClientRect().right;
  for (const el of panel.querySelectorAll('*')) {
    if (el.getBoundingClientRect().right > edge + 1) out.push(`past the SLA panel: ${el.textContent.trim().slice(0, 40)}`);
  }
}
return [...new Set(out)];
"#;

/// The fewest characters a cut subject of the queue shows.
const SHORTEST_CUT_SUBJECT: &str = r#"
let fewest = 999;
for (const el of document.querySelectorAll('[data-testid=queue-row] .subj')) {
  if (el.scrollWidth <= el.clientWidth) continue;
  fewest = Math.min(fewest, Math.floor(el.textContent.trim().length * el.clientWidth / el.scrollWidth));
}
return fewest;
"#;

/// How many rows the toolbar's buttons take.
const TOOLBAR_ROWS: &str = r#"
const tops = [...document.querySelectorAll('[role=toolbar] > button, [role=toolbar] > .more')].map((b) => Math.round(b.getBoundingClientRect().top));
return new Set(tops).size;
"#;

/// The SLA panel's first clock wholly inside the window.
const SLA_PANEL_IN_SIGHT: &str = r#"
const panel = document.querySelector('[data-testid=sla-panel]');
const first = panel && (panel.querySelector('[data-testid^=sla-]') || panel);
if (!first) return false;
const r = first.getBoundingClientRect();
return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
"#;

/// A key press as a layout delivers it: the character typed (`key`) and
/// the key's place (`code`).
async fn press(c: &Client, key: &str, code: &str, shift: bool) {
    let js = format!(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {{ key: {key:?}, code: {code:?}, shiftKey: {shift}, bubbles: true, cancelable: true }}))"
    );
    c.execute(&js, vec![]).await.unwrap();
}

/// The texts of the toasts on screen.
async fn toast_texts(c: &Client) -> Vec<String> {
    let v = c
        .execute(
            "return [...document.querySelectorAll('[data-testid=toast]')].map((t) => t.innerText.replace('×', '').trim())",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Waits until a script's answer passes `check`.
async fn wait_js(c: &Client, js: &str, check: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let v = c.execute(js, vec![]).await.unwrap();
        if check(&v) {
            return v;
        }
        assert!(Instant::now() < deadline, "{js}: never satisfied the check, last {v}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
