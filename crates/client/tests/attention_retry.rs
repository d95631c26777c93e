//! An action that did not apply, through the façade against a real server
//! on loopback: the server's version is shown with it (who changed what),
//! and a retry with the analyst's corrected text applies once.

mod common;

use helpdesk_client::{Client, Options};
use helpdesk_domain::ops::Op;
use helpdesk_domain::priority::Priority;
use helpdesk_domain::workflow::EventKind;
use helpdesk_server::demo::DemoOptions;
use std::path::Path;
use std::sync::OnceLock;

/// One demo server for the whole file.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        common::demo_server(DemoOptions {
            tickets: 40,
            articles: 5,
            seed: 3,
        })
    })
}

async fn signed_in(dir: &Path, user: &str, password: &str) -> Client {
    let client = Client::open(dir, Options::default()).unwrap();
    client.login(server(), user, password).await.unwrap();
    client
}

/// How many events of the ticket carry `text`.
fn events_with(client: &Client, number: &str, text: &str) -> usize {
    let view = client.ticket(number).unwrap().view;
    view.events.iter().filter(|e| serde_json::to_string(&e.kind).unwrap().contains(text)).count()
}

#[tokio::test]
async fn a_conflicting_action_shows_the_servers_version_and_applies_once_with_edited_text() {
    let (dir, lead_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let analyst = signed_in(dir.path(), "analyst", "analyst-demo-1").await;
    let lead = signed_in(lead_dir.path(), "lead", "lead-demo-1").await;
    let lead_id = lead.session().unwrap().me.unwrap().id;
    let unassigned = analyst.queue("unassigned").unwrap();
    let number = unassigned[unassigned.len() - 1].number.clone();
    analyst.act(&number, Op::Take {}).unwrap();
    assert_eq!(analyst.sync_round().await.unwrap().applied, 1);

    // Offline, the analyst asks the requester; meanwhile the lead changes the priority.
    let first = "Надішліть знімок екрана помилки";
    analyst.act(&number, Op::RequestInfo { question: first.into() }).unwrap();
    lead.sync_round().await.unwrap();
    let current = lead.ticket(&number).unwrap().view.ticket.priority;
    let raised = Priority::new(if current == Priority::HIGHEST { 2 } else { 1 }).unwrap();
    let why = "Зупинено оформлення на всьому пункті пропуску";
    lead.act(
        &number,
        Op::SetPriority {
            level: Some(raised),
            impact: None,
            urgency: None,
            note: Some(why.into()),
        },
    )
    .unwrap();
    assert_eq!(lead.sync_round().await.unwrap().applied, 1);
    assert_eq!(analyst.sync_round().await.unwrap().not_applied, 1);

    // The item: the analyst's text to edit, and what the lead did on the server.
    let items = analyst.attention_list().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    let item = &items[0];
    assert_eq!(item.code, "conflict");
    assert_eq!(item.text.as_deref(), Some(first));
    let server = item.current.as_ref().expect("the server's version");
    assert_eq!(server.ticket.priority, raised);
    let change = item
        .server_changes
        .iter()
        .find(|e| matches!(e.kind, EventKind::PriorityChanged { .. }))
        .unwrap_or_else(|| panic!("the lead's change is listed: {:?}", item.server_changes));
    assert_eq!(change.actor, lead_id);
    assert!(serde_json::to_string(&change.kind).unwrap().contains(why), "{change:?}");
    assert_eq!(events_with(&analyst, &number, first), 0, "not applied, not shown as done");

    // Retried with the text corrected: applied once, the first text nowhere.
    let edited = "Надішліть, будь ласка, номер декларації та знімок екрана";
    analyst.attention_retry_edited(item.seq, Some(edited.into())).unwrap();
    assert!(analyst.attention_list().unwrap().is_empty());
    let report = analyst.sync_round().await.unwrap();
    assert_eq!((report.applied, report.not_applied), (1, 0), "{report:?}");
    assert_eq!(analyst.sync_round().await.unwrap().pushed, 0, "nothing is sent twice");
    lead.sync_round().await.unwrap();
    assert_eq!(events_with(&lead, &number, edited), 1, "applied once");
    assert_eq!(events_with(&lead, &number, first), 0, "the first text was replaced");
    assert_eq!(analyst.status().unwrap().needs_attention, 0);
}
