//! A queue of thousands of tickets in the desktop app over WebDriver: the
//! client core filters and sorts it and the window holds only the rows in
//! sight, so the test scrolls to the end and back, sorts by number and
//! filters by words, and checks each time that the rows shown are the ones
//! the client core's own queue says (`helpdesk queue recent --json`).

use fantoccini::{Client, Locator};
use helpdesk_tests::desktop::{desktop_app, Desktop, Driver};
use helpdesk_tests::{Laptop, Server};
use serde_json::Value;
use std::time::{Duration, Instant};

const TICKETS: usize = 1_500;

/// The numbers of the rows drawn, top to bottom, once `check` holds for them.
async fn rows_until(c: &Client, what: &str, check: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let drawn = c
            .execute(
                "return [...document.querySelectorAll('[data-testid=queue-row]')]
                   .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
                   .map((r) => r.dataset.ticketNumber)",
                vec![],
            )
            .await
            .unwrap();
        let numbers: Vec<String> = serde_json::from_value(drawn).unwrap();
        if check(&numbers) {
            return numbers;
        }
        assert!(Instant::now() < deadline, "{what}: the rows drawn are {numbers:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn scroll_to(c: &Client, top: &str) {
    c.execute(&format!("const s = document.querySelector('.queue .scroll'); s.scrollTop = {top};"), vec![])
        .await
        .unwrap();
}

async fn row_count(c: &Client) -> usize {
    let grid = c.find(Locator::Css(".queue [role=grid]")).await.unwrap();
    grid.attr("aria-rowcount").await.unwrap().unwrap().parse().unwrap()
}

fn numeric(number: &str) -> u64 {
    number.rsplit('-').next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_big_queue_scrolls_sorts_and_filters_through_the_client_core() {
    let app = desktop_app();
    let mut server = Server::demo_with(TICKETS);
    server.start();
    let laptop = Laptop::signed_in_as_demo_admin(&server);
    server.stop(); // what the window shows comes from the replica alone
    let queue = laptop.command(&["queue", "recent", "--json"]).output().unwrap();
    assert!(queue.status.success(), "{}", String::from_utf8_lossy(&queue.stderr));
    let queue: Value = serde_json::from_slice(&queue.stdout).unwrap();
    let mut numbers: Vec<String> = queue.as_array().unwrap().iter().map(|t| t["number"].as_str().unwrap().to_string()).collect();
    assert!(
        numbers.len() >= TICKETS,
        "the administrator's recent queue holds every ticket: {}",
        numbers.len()
    );
    numbers.sort_by_key(|n| numeric(n));

    let desktop = Desktop::start();
    let driver = Driver::on_profile(&desktop, laptop.profile.path());
    let c = driver.session(&app).await;
    c.wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("[data-testid=nav-queue-recent]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let first = rows_until(&c, "the recent queue", |rows| !rows.is_empty()).await;
    assert_eq!(row_count(&c).await, numbers.len(), "the grid counts every row, not the ones held");
    assert!(first.len() < 100, "only the rows in sight are drawn: {}", first.len());

    // Sorted by number: the smallest first; at the end of the list, the largest.
    c.find(Locator::Css(".queue .c-number button.sort")).await.unwrap().click().await.unwrap();
    rows_until(&c, "sorted by number", |rows| rows.first() == numbers.first()).await;
    scroll_to(&c, "s.scrollHeight").await;
    rows_until(&c, "the end of the list", |rows| rows.last() == numbers.last()).await;
    scroll_to(&c, "0").await;
    let top = rows_until(&c, "back at the top", |rows| rows.first() == numbers.first()).await;
    assert_eq!(top[..5], numbers[..5], "the first rows, in order");

    // Words filter in the client core: a number from the far end of the list.
    let wanted = &numbers[numbers.len() - 2];
    let search = c.find(Locator::Css(".queue input[data-search]")).await.unwrap();
    search.send_keys(wanted).await.unwrap();
    rows_until(&c, "filtered by a number", |rows| rows == [wanted.clone()]).await;
    assert_eq!(row_count(&c).await, 1);
    search.clear().await.unwrap();
    search.send_keys(" ").await.unwrap();
    rows_until(&c, "the filter cleared", |rows| rows.first() == numbers.first()).await;
    assert_eq!(row_count(&c).await, numbers.len());

    c.close().await.unwrap();
}
