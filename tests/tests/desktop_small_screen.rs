//! The desktop app started on a small laptop screen (1024×640, as in
//! regional offices): its window, configured at 1280×800, opens fitted into
//! the screen, and the workspace shows without anything past its edges.

use fantoccini::{Client, Locator};
use helpdesk_tests::desktop::{desktop_app, window_screenshot, Desktop, Driver};
use helpdesk_tests::{Laptop, Server};
use std::time::Duration;

async fn wait_for(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css} did not show"));
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_1024x640_screen_the_window_opens_within_the_screen() {
    let app = desktop_app();
    let mut server = Server::demo();
    server.start();
    let laptop = Laptop::signed_in_as_demo_admin(&server);
    let desktop = Desktop::with_screen(1024, 640);
    let driver = Driver::on_profile(&desktop, laptop.profile.path());
    let c = driver.session(&app).await;
    wait_for(&c, "[data-testid=nav-queue-recent]").await;
    c.find(Locator::Css("[data-testid=nav-queue-recent]")).await.unwrap().click().await.unwrap();
    wait_for(&c, "[data-testid=queue-row]").await;

    let size = c.execute("return [outerWidth, outerHeight, innerWidth, innerHeight]", vec![]).await.unwrap();
    let size: Vec<u32> = serde_json::from_value(size).unwrap();
    assert!(size[0] <= 1024 && size[1] <= 640, "the window is {}×{} on a 1024×640 screen", size[0], size[1]);
    assert!(size[2] >= 900 && size[3] >= 560, "the window fills the screen: inner {}×{}", size[2], size[3]);
    let past_the_edge = c
        .execute(
            "const out = []; const root = document.scrollingElement;
             if (root.scrollWidth > root.clientWidth) out.push(`the page: ${root.scrollWidth} > ${root.clientWidth}`);
             for (const el of document.querySelectorAll('[role=toolbar] > *, [data-testid=queue-row], [data-testid=sync-indicator]')) {
               const r = el.getBoundingClientRect();
               if (r.width > 0 && (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 && el.dataset.testid === 'sync-indicator')) out.push(`${el.dataset.testid || el.className} ends at ${Math.round(r.right)}×${Math.round(r.bottom)}`);
             }
             return out;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(past_the_edge, serde_json::json!([]), "on a 1024×640 screen");
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("opened-on-1024x640-uk.png"), window_screenshot(&c).await).unwrap();
    c.close().await.unwrap();
}
