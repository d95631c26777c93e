//! Issue 13 item 9: notifications computed on the laptop from the replica,
//! against a real server on loopback with real SQLite files on both sides:
//! a ticket escalated to the analyst's group, re-routed to it, their group
//! involved as co-executor (003 §4.10, §4.15), the requester's answer on
//! their ticket, and an action of theirs the server did not apply — each
//! once, also after the profile is opened again, in the user's language.

mod common;

use chrono::Utc;
use helpdesk_client::{render, Client, Language, Notification, NotificationKind, Options};
use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_server::demo::DemoOptions;
use std::path::Path;
use std::sync::OnceLock;

/// One demo server for the whole file.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        common::demo_server(DemoOptions {
            tickets: 60,
            articles: 5,
            seed: 7,
        })
    })
}

async fn signed_in(dir: &Path, user: &str, password: &str) -> Client {
    let client = Client::open(dir, Options::default()).unwrap();
    client.login(server(), user, password).await.unwrap();
    client
}

fn of_kind(list: &[Notification], kind: NotificationKind) -> Vec<&Notification> {
    list.iter().filter(|n| n.kind == kind).collect()
}

#[tokio::test]
async fn c003_s4_15_escalation_reroute_and_co_executor_to_my_group_notify_once() {
    let (ncts_dir, lead_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let ncts = signed_in(ncts_dir.path(), "ncts", "ncts-demo-1").await;
    ncts.due_notifications(Utc::now()).unwrap(); // the first scan: older history never rings
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;

    let lead = signed_in(lead_dir.path(), "lead", "lead-demo-1").await;
    let open: Vec<String> = lead.queue("unassigned").unwrap().iter().take(3).map(|r| r.number.clone()).collect();
    assert_eq!(open.len(), 3, "the demo has unassigned tickets of eais-l2");
    let (escalated, rerouted, involved) = (&open[0], &open[1], &open[2]);
    lead.act(
        escalated,
        Op::Escalate {
            line: None,
            group: Some("ncts-l2".into()),
            note: "Питання методології NCTS".into(),
        },
    )
    .unwrap();
    lead.act(
        rerouted,
        Op::Assign {
            to: AssignTarget::Group("ncts-l2".into()),
        },
    )
    .unwrap();
    lead.act(involved, Op::AddCoExecutor { group: "ncts-l2".into() }).unwrap();
    assert_eq!(lead.sync_round().await.unwrap().applied, 3);

    ncts.sync_round().await.unwrap();
    let now = Utc::now();
    let list = ncts.due_notifications(now).unwrap();
    let numbers = |kind| of_kind(&list, kind).iter().map(|n| n.number.as_str()).collect::<Vec<_>>();
    assert_eq!(numbers(NotificationKind::Escalated), [escalated.as_str()], "{list:?}");
    assert_eq!(numbers(NotificationKind::AssignedToGroup), [rerouted.as_str()], "{list:?}");
    assert_eq!(numbers(NotificationKind::CoExecutorAdded), [involved.as_str()], "{list:?}");

    let co = of_kind(&list, NotificationKind::CoExecutorAdded)[0];
    assert_eq!(
        render(co, Language::Uk).title,
        format!("{involved}: групу «Методологія NCTS (спільний транзит)» залучено співвиконавцем")
    );
    assert_eq!(
        render(of_kind(&list, NotificationKind::Escalated)[0], Language::Uk).title,
        format!("{escalated}: ескальовано до групи «Методологія NCTS (спільний транзит)»")
    );
    assert_eq!(
        render(of_kind(&list, NotificationKind::AssignedToGroup)[0], Language::En).title,
        format!("{rerouted}: routed to group “Методологія NCTS (спільний транзит)”")
    );

    assert!(ncts.due_notifications(now).unwrap().is_empty(), "each rings once");
    drop(ncts);
    let reopened = Client::open(ncts_dir.path(), Options::default()).unwrap();
    let again = reopened.due_notifications(Utc::now()).unwrap();
    assert!(
        again.iter().all(|n| !matches!(
            n.kind,
            NotificationKind::Escalated | NotificationKind::AssignedToGroup | NotificationKind::CoExecutorAdded
        )),
        "the ledger survives a restart: {again:?}"
    );
}

#[tokio::test]
async fn the_requesters_answer_and_an_action_not_applied_notify_once() {
    let (dir, lead_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let analyst = signed_in(dir.path(), "analyst", "analyst-demo-1").await;
    let lead = signed_in(lead_dir.path(), "lead", "lead-demo-1").await;
    analyst.due_notifications(Utc::now()).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;

    let unassigned = analyst.queue("unassigned").unwrap();
    let (mine, contested) = (unassigned[unassigned.len() - 1].number.clone(), unassigned[unassigned.len() - 2].number.clone());
    analyst.act(&mine, Op::Take {}).unwrap();
    analyst
        .act(
            &mine,
            Op::RequestInfo {
                question: "Надішліть, будь ласка, знімок екрана".into(),
            },
        )
        .unwrap();
    assert_eq!(analyst.sync_round().await.unwrap().applied, 2);

    // The answer comes by phone; the lead records it.
    lead.sync_round().await.unwrap();
    lead.act(
        &mine,
        Op::InfoReceived {
            text: "Заявник надіслав знімок поштою".into(),
            attachments: vec![],
        },
    )
    .unwrap();
    // Both take the same ticket; the lead's reaches the server first.
    analyst.act(&contested, Op::Take {}).unwrap();
    lead.act(&contested, Op::Take {}).unwrap();
    assert_eq!(lead.sync_round().await.unwrap().applied, 2);
    assert_eq!(analyst.sync_round().await.unwrap().not_applied, 1);

    let now = Utc::now();
    let list = analyst.due_notifications(now).unwrap();
    let answered = of_kind(&list, NotificationKind::RequesterAnswered);
    assert_eq!(answered.iter().map(|n| n.number.as_str()).collect::<Vec<_>>(), [mine.as_str()], "{list:?}");
    assert_eq!(render(answered[0], Language::Uk).title, format!("{mine}: заявник відповів"));
    let refused = of_kind(&list, NotificationKind::NeedsAttention);
    assert_eq!(refused.len(), 1, "{list:?}");
    assert_eq!(refused[0].number, contested);
    assert_eq!(
        render(refused[0], Language::Uk).title,
        format!("{contested}: вашу дію не застосовано — перегляньте «Потребує уваги»")
    );
    assert_eq!(
        render(refused[0], Language::Ru).title,
        format!("{contested}: ваше действие не применено — см. «Требует внимания»")
    );

    assert!(analyst.due_notifications(now).unwrap().is_empty(), "each rings once");
    drop(analyst);
    let reopened = Client::open(dir.path(), Options::default()).unwrap();
    let again = reopened.due_notifications(Utc::now()).unwrap();
    assert!(
        again
            .iter()
            .all(|n| !matches!(n.kind, NotificationKind::NeedsAttention | NotificationKind::RequesterAnswered)),
        "{again:?}"
    );
}
