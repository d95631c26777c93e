//! Issue 15 §4: L1 registers a ticket in the desktop app — the real app
//! under Xvfb over WebDriver, against a real server. The form asks what
//! the domain requires (an incident's expected and actual result,
//! 004 §2.3.1.9), shows the priority of the impact × urgency matrix
//! (000 §13) as the client core computes it, names each missing field,
//! and a registration reaches the server once with the server's number.

use fantoccini::{elements::Element, Client, Locator};
use helpdesk_tests::desktop::{desktop_app, window_screenshot, Desktop, Driver};
use helpdesk_tests::{Server, PASSWORD};
use std::time::{Duration, Instant};

async fn wait_for(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn wait_text(c: &Client, css: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(text) = e.text().await {
                if check(&text) {
                    return text;
                }
            }
        }
        assert!(Instant::now() < deadline, "{css} never showed the expected text");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn type_into(c: &Client, testid: &str, text: &str) {
    let field = wait_for(c, &format!("[data-testid={testid}]")).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Picks an option of a select as the keyboard would (a native popup
/// list is not part of the page WebDriver sees).
async fn choose(c: &Client, testid: &str, value: &str) {
    wait_for(c, &format!("[data-testid={testid}] option[value={value}]")).await;
    let js =
        "const s = document.querySelector(`[data-testid=${arguments[0]}]`); s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true}));";
    c.execute(js, vec![testid.into(), value.into()]).await.unwrap();
}

async fn submit(c: &Client) {
    let button = wait_for(c, "[data-testid=register-submit]").await;
    c.execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&button).unwrap()])
        .await
        .unwrap();
    button.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn c004_s2_3_1_9_c000_s13_l1_registers_an_incident_in_the_desktop_form() {
    let app = desktop_app();
    let mut server = Server::prepare();
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
    user.send_keys("olga").await.unwrap();
    c.find(Locator::Css("input[type=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();

    c.set_window_size(1024, 640).await.unwrap();
    wait_for(&c, "[data-testid=nav-register]").await.click().await.unwrap();
    wait_for(&c, "[data-testid=register-form]").await;
    choose(&c, "register-type", "incident").await;
    // 004 §2.3.1.9: an incident asks for the expected and the actual result.
    wait_for(&c, "[data-testid=register-expected]").await;
    wait_for(&c, "[data-testid=register-actual]").await;
    // 000 §13: high impact × high urgency is priority 1; low × medium is 5.
    choose(&c, "register-impact", "high").await;
    choose(&c, "register-urgency", "high").await;
    wait_text(&c, "[data-testid=register-priority]", |t| t.contains("Пріоритет 1")).await;
    choose(&c, "register-impact", "low").await;
    choose(&c, "register-urgency", "medium").await;
    wait_text(&c, "[data-testid=register-priority]", |t| t.contains("Пріоритет 5")).await;

    type_into(&c, "register-subject", "Не друкується митна декларація").await;
    type_into(&c, "register-requester-name", "Марія Коваль").await;
    type_into(&c, "register-requester-phone", "+380501112233").await;
    type_into(&c, "register-service", "ЄАІС").await;
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("register-1024x640-uk.png"), window_screenshot(&c).await).unwrap();

    // Missing fields are named, nothing is saved.
    submit(&c).await;
    let problems = wait_text(&c, "[data-testid=register-problems]", |t| !t.is_empty()).await;
    for named in ["Опис", "Очікуваний результат", "Фактичний результат"] {
        assert!(problems.contains(named), "`{named}` named: {problems}");
    }
    std::fs::write(shots.join("register-refused-1024x640-uk.png"), window_screenshot(&c).await).unwrap();

    type_into(&c, "register-description", "Під час друку МД з'являється помилка").await;
    type_into(&c, "register-expected", "МД друкується").await;
    type_into(&c, "register-actual", "Помилка друку").await;
    choose(&c, "register-group", "cc-l1").await;
    submit(&c).await;
    let saved = wait_text(&c, "[data-testid=register-saved]", |t| t.contains("L-")).await;
    assert!(!saved.contains("register."), "{saved}");

    // The sync registers it once, with the server's number, shown in the queue.
    let deadline = Instant::now() + Duration::from_secs(60);
    let number = loop {
        let list = tokio::task::block_in_place(|| server.api("admin").get("/tickets?limit=1000"));
        let found = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["subject"] == "Не друкується митна декларація")
            .map(|t| t["number"].as_str().unwrap().to_string())
            .collect::<Vec<_>>();
        if !found.is_empty() {
            assert_eq!(found.len(), 1, "registered once");
            break found[0].clone();
        }
        assert!(Instant::now() < deadline, "the registration never reached the server");
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let ticket = tokio::task::block_in_place(|| server.api("admin").get(&format!("/tickets/{number}")));
    assert_eq!(ticket["ticket"]["priority"], 5);
    wait_for(&c, "[data-testid=nav-queue-recent]").await.click().await.unwrap();
    wait_for(&c, &format!("[data-testid=queue-row][data-ticket-number='{number}']")).await;
    c.close().await.unwrap();
}

/// 001 §III.2(3): a registration the server refused is corrected in Needs
/// attention — the form opens with everything typed, the field the refusal
/// names marked — and sent again in its place, reaching the server once.
#[tokio::test(flavor = "multi_thread")]
async fn c001_s3_2_3_l1_corrects_a_refused_registration_and_sends_it_again() {
    let app = desktop_app();
    let mut server = Server::prepare();
    server.start();
    // Registered with the CLI on the same profile; the server refuses its group.
    let laptop = helpdesk_tests::Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "olga"]);
    let subject = "Довідка щодо статусу МД";
    laptop.ok(&[
        "register",
        "--type",
        "consultation",
        "--subject",
        subject,
        "--description",
        "Заявник просить пояснити статус декларації",
        "--requester-name",
        "Іван Петренко",
        "--requester-email",
        "ivan@example.com",
        "--group",
        "no-such-group",
    ]);
    laptop.ok(&["sync"]);
    assert!(laptop.ok(&["attention"]).contains("unknown_group"));

    let desktop = Desktop::start();
    let driver = Driver::on_profile(&desktop, laptop.profile.path());
    let c = driver.session(&app).await;
    let signed_in = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid=nav-attention]"))
        .await
        .is_ok();
    if !signed_in {
        let field = wait_for(&c, "input[autocomplete=url]").await;
        field.clear().await.unwrap();
        field.send_keys(&server.url()).await.unwrap();
        let user = c.find(Locator::Css("input[autocomplete=username]")).await.unwrap();
        user.clear().await.unwrap();
        user.send_keys("olga").await.unwrap();
        c.find(Locator::Css("input[type=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
        c.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    }

    c.set_window_size(1024, 800).await.unwrap();
    wait_for(&c, "[data-testid=nav-attention]").await.click().await.unwrap();
    let card = wait_for(&c, "[data-testid=refused-registration]").await.text().await.unwrap();
    assert!(
        !card.contains("unknown_group") && !card.contains("no working group"),
        "no raw code or server English on screen: {card}"
    );
    wait_for(&c, "[data-testid=refused-registration-edit]").await.click().await.unwrap();
    let typed = wait_for(&c, "[data-testid=register-subject]").await.prop("value").await.unwrap();
    assert_eq!(typed.as_deref(), Some(subject), "everything typed is in the form");
    let email = wait_for(&c, "[data-testid=register-requester-email]").await.prop("value").await.unwrap();
    assert_eq!(email.as_deref(), Some("ivan@example.com"));
    // The field the refusal names is marked, to be corrected: it was
    // filled in, with a group that does not exist.
    wait_for(&c, "label.wrong [data-testid=register-group]").await;
    let problems = wait_for(&c, "[data-testid=register-problems]").await.text().await.unwrap();
    assert!(
        problems.contains("Виправте") && problems.contains("Робоча група") && !problems.contains("Заповніть"),
        "{problems}"
    );
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("register-correct-1024x800-uk.png"), window_screenshot(&c).await).unwrap();

    choose(&c, "register-group", "cc-l1").await;
    submit(&c).await;
    let resent = wait_text(&c, "[data-testid=refused-registration-resent]", |t| t.contains("L-")).await;
    assert!(!resent.contains("register."), "{resent}");

    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let list = tokio::task::block_in_place(|| server.api("admin").get("/tickets?limit=1000"));
        let found: Vec<serde_json::Value> = list["items"].as_array().unwrap().iter().filter(|t| t["subject"] == subject).cloned().collect();
        if !found.is_empty() {
            assert_eq!(found.len(), 1, "registered once");
            let number = found[0]["number"].as_str().unwrap();
            let ticket = tokio::task::block_in_place(|| server.api("admin").get(&format!("/tickets/{number}")));
            assert_eq!(ticket["ticket"]["group"], "cc-l1");
            assert_eq!(ticket["ticket"]["requester"]["email"], "ivan@example.com");
            break;
        }
        assert!(Instant::now() < deadline, "the corrected registration never reached the server");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    c.close().await.unwrap();
}
