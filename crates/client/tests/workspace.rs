//! The façade against a real server on loopback (demo data: 60 tickets, 20
//! articles), with real SQLite files on both sides: sign-in, queues with
//! SLA, an action offline then synced, needs-attention, notifications
//! (once, also after reopening the profile; quiet hours; events), the
//! dashboard.

mod common;

use chrono::{Duration, Local, Utc};
use helpdesk_client::{
    Client, Connectivity, Notification, NotificationKind, Options, QueueFilter, QueueQuery, QueueSort, QueueSortKey, QuietHours, Settings, SortDirection,
};
use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_domain::sla::ClockState;
use helpdesk_domain::ticket::Visibility;
use helpdesk_server::demo::DemoOptions;
use std::path::Path;
use std::sync::OnceLock;

/// One demo server for the whole file.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        common::demo_server(DemoOptions {
            tickets: 60,
            articles: 20,
            seed: 1,
        })
    })
}

fn open(dir: &Path) -> Client {
    Client::open(dir, Options::default()).unwrap()
}

async fn analyst(dir: &Path) -> Client {
    let client = open(dir);
    client.login(server(), "analyst", "analyst-demo-1").await.unwrap();
    client
}

#[tokio::test]
async fn login_and_queues_with_sla() {
    let dir = tempfile::tempdir().unwrap();
    let client = open(dir.path());
    assert_eq!(client.session().unwrap().me, None);
    assert_eq!(client.queue("mine").unwrap_err().code(), "not_signed_in");
    let bad = client.login(server(), "analyst", "wrong").await.unwrap_err();
    assert_eq!(bad.code(), "bad_credentials", "{bad:?}");
    assert_eq!(client.login("localhost:1", "a", "b").await.unwrap_err().code(), "invalid_input");

    let me = client.login(server(), "analyst", "analyst-demo-1").await.unwrap();
    assert_eq!(me.username, "analyst");
    let session = client.session().unwrap();
    assert_eq!(session.server.as_deref(), Some(server()));
    assert_eq!(session.me.as_ref().map(|m| m.id.as_str()), Some(me.id.as_str()));
    // The token is kept readable only by the user.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("session.json")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // On Windows a protected DACL with the user alone (the same function:
    // `platform::tests::windows_profiles_are_the_users_alone`).
    let status = client.status().unwrap();
    assert_eq!(status.connectivity, Connectivity::Online);
    assert!(status.last_sync.is_some());

    let mine = client.queue("mine").unwrap();
    assert!(mine.len() >= 3, "the demo analyst has a queue: {}", mine.len());
    for item in &mine {
        assert_eq!(item.owner.as_deref(), Some(me.id.as_str()));
        assert!(item.headline.is_some(), "{} shows no SLA clock", item.number);
    }
    assert!(mine
        .iter()
        .any(|i| i.headline.as_ref().is_some_and(|m| m.state == ClockState::Running && m.due.is_some())));
    let unassigned = client.queue("unassigned").unwrap();
    assert!(!unassigned.is_empty() && unassigned.iter().all(|i| i.owner.is_none()));
    let breaching = client.queue("breaching").unwrap();
    for item in &breaching {
        let sla = client.ticket(&item.number).unwrap().sla.expect("an SLA");
        assert!(sla
            .metrics
            .iter()
            .any(|m| matches!(m.state, ClockState::Running | ClockState::Breached) && m.used_share.unwrap() >= 0.75));
        assert!(item.next_due.is_some());
    }
    assert!(breaching.windows(2).all(|p| p[0].next_due <= p[1].next_due), "most urgent first");
    // Names for owners and groups, from the staff directory the sync keeps.
    let directory = client.directory().unwrap();
    for item in mine.iter().chain(&unassigned) {
        assert!(
            directory.groups.iter().any(|g| g.id == item.group && !g.name.is_empty()),
            "no name for group {}",
            item.group
        );
    }
    assert!(directory.users.iter().any(|u| u.id == me.id && u.display_name == me.display_name));

    // The sidebar's counts are the queues' lengths.
    let counts = client.queue_counts().unwrap();
    for (name, count) in [
        ("mine", counts.mine),
        ("group", counts.group),
        ("unassigned", counts.unassigned),
        ("breaching", counts.breaching),
        ("awaiting", counts.awaiting),
        ("recent", counts.recent),
    ] {
        assert_eq!(client.queue(name).unwrap().len() as u64, count, "{name}");
    }
    assert!(counts.recent >= counts.group && counts.group >= counts.unassigned);
    assert!(mine.iter().all(|i| i.time_zone == "Europe/Kyiv"));
    assert_eq!(client.queue("nope").unwrap_err().code(), "invalid_input");

    let detail = client.ticket(&mine[0].number).unwrap();
    assert_eq!(detail.view.ticket.number, mine[0].number);
    assert_eq!(detail.time_zone, "Europe/Kyiv");
    assert!(detail.sla.as_ref().is_some_and(|r| !r.metrics.is_empty()));
    assert_eq!(client.ticket("NO-SUCH").unwrap_err().code(), "not_found");

    // The knowledge base, offline from the replica.
    let article_id = {
        let hits = client.kb_search("митн").unwrap();
        assert!(!hits.is_empty(), "the demo KB speaks about customs");
        hits[0].id.clone()
    };
    assert!(!client.kb_article(&article_id).unwrap().body.is_empty());
    assert_eq!(client.kb_article("nope").unwrap_err().code(), "not_found");
    let any_suggestions = client
        .queue("recent")
        .unwrap()
        .iter()
        .take(20)
        .any(|t| !client.kb_suggest(&t.number).unwrap().is_empty());
    assert!(any_suggestions, "some ticket subject matches an article");

    // The error crosses IPC as {code, message}.
    let json = serde_json::to_value(client.ticket("NO-SUCH").unwrap_err()).unwrap();
    assert_eq!(json["code"], "not_found");
    assert!(json["message"].as_str().unwrap().contains("NO-SUCH"));

    client.logout().await.unwrap();
    assert_eq!(client.session().unwrap(), helpdesk_client::Session { server: None, me: None });
    assert_eq!(client.sync_round().await.unwrap_err().code(), "not_signed_in");
    // Reopened, the profile stays signed out.
    drop(client);
    assert_eq!(open(dir.path()).session().unwrap().me, None);
}

#[tokio::test]
async fn an_action_offline_is_sent_once_when_the_server_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let me = {
        let client = analyst(dir.path()).await;
        client.session().unwrap().me.unwrap()
    };
    // The server "goes away": the profile now points at a closed port.
    let session_path = dir.path().join("session.json");
    let saved = std::fs::read_to_string(&session_path).unwrap();
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    std::fs::write(&session_path, saved.replace(server(), &dead)).unwrap();

    let client = open(dir.path());
    let target = client.queue("unassigned").unwrap().first().unwrap().number.clone();
    let detail = client.act(&target, Op::Take {}).unwrap();
    assert_eq!(detail.view.ticket.owner.as_deref(), Some(me.id.as_str()), "the optimistic view");
    assert_eq!(detail.pending_ops, 1);
    let comment = Op::Comment {
        visibility: Visibility::Internal,
        text: "Перевірив журнали, чекаю на постачальника".into(),
        attachments: vec![],
    };
    let detail = client.act(&target, comment).unwrap();
    // What is not on the server yet is marked: the note and the events of both actions.
    let unsent_notes: Vec<&str> = detail.unsent.comments.iter().map(|&i| detail.view.ticket.comments[i].text.as_str()).collect();
    assert_eq!(unsent_notes, ["Перевірив журнали, чекаю на постачальника"]);
    assert!(detail.unsent.events.len() >= 2, "{:?}", detail.unsent);
    assert_eq!(client.ticket(&target).unwrap().unsent, detail.unsent, "the same marks when read again");
    assert_ne!(detail.policy_name, detail.view.policy, "the policy by its name, not its id");
    let offline = client.sync_round().await.unwrap_err();
    assert_eq!(offline.code(), "offline", "{offline:?}");
    let status = client.status().unwrap();
    assert_eq!(status.connectivity, Connectivity::Offline);
    assert_eq!(status.pending, 2);
    // Refused by the workflow: nothing is written.
    let refused = client.act(&target, Op::Take {}).unwrap_err();
    assert!(matches!(refused.code, helpdesk_client::ErrorCode::Refused(_)), "{refused:?}");
    assert!(client.queue("mine").unwrap().iter().any(|i| i.number == target && i.pending_ops == 2));
    drop(client);

    // Back online (and reopened: the outbox survived).
    std::fs::write(&session_path, &saved).unwrap();
    let client = open(dir.path());
    assert_eq!(client.status().unwrap().pending, 2);
    let report = client.sync_round().await.unwrap();
    assert_eq!((report.pushed, report.applied, report.not_applied), (2, 2, 0));
    assert_eq!(client.status().unwrap().pending, 0);
    let again = client.sync_round().await.unwrap();
    assert_eq!(again.pushed, 0);
    let detail = client.ticket(&target).unwrap();
    assert_eq!(detail.pending_ops, 0);
    assert!(detail.unsent.events.is_empty() && detail.unsent.comments.is_empty(), "{:?}", detail.unsent);
    assert_eq!(detail.view.ticket.owner.as_deref(), Some(me.id.as_str()));
    let notes = detail.view.ticket.comments.iter().filter(|c| c.text.starts_with("Перевірив журнали")).count();
    assert_eq!(notes, 1, "the comment reached the server once");

    // Another analyst of the group sees it on the server.
    let lead_dir = tempfile::tempdir().unwrap();
    let lead = open(lead_dir.path());
    lead.login(server(), "lead", "lead-demo-1").await.unwrap();
    assert_eq!(lead.ticket(&target).unwrap().view.ticket.owner.as_deref(), Some(me.id.as_str()));
}

#[tokio::test]
async fn a_conflict_needs_attention_then_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let lead_dir = tempfile::tempdir().unwrap();
    let lead = open(lead_dir.path());
    lead.login(server(), "lead", "lead-demo-1").await.unwrap();
    let unassigned = client.queue("unassigned").unwrap();
    let target = unassigned[unassigned.len() / 2].number.clone();
    // Both take the same ticket; the lead's reaches the server first.
    client.act(&target, Op::Take {}).unwrap();
    lead.act(&target, Op::Take {}).unwrap();
    assert_eq!(lead.sync_round().await.unwrap().applied, 1);
    let report = client.sync_round().await.unwrap();
    assert_eq!(report.not_applied, 1);
    let items = client.attention_list().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].number.as_deref(), Some(target.as_str()));
    assert_eq!(items[0].op, Op::Take {});
    assert_eq!(client.status().unwrap().needs_attention, 1);
    assert_eq!(client.attention_discard(999_999).unwrap_err().code(), "no_such_attention");
    client.attention_discard(items[0].seq).unwrap();
    assert!(client.attention_list().unwrap().is_empty());
}

/// The queue of all tickets opens from its first rows, not the whole
/// queue: each window so cut shows what the whole queue shows there, a
/// change not yet sent included.
#[tokio::test]
async fn the_queue_of_all_tickets_opens_from_its_first_rows_as_the_whole_queue_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let unassigned = client.queue("unassigned").unwrap();
    let taken = unassigned.last().expect("an unassigned ticket in the demo").number.clone();
    client.act(&taken, Op::Take {}).unwrap();
    let total = client.queue("recent").unwrap().len();
    assert!(total > 20, "{total} tickets");
    let recent = |filter: QueueFilter, offset: usize, limit: u32| QueueQuery {
        name: "recent".into(),
        filter,
        sort: QueueSort {
            key: QueueSortKey::Updated,
            direction: SortDirection::Desc,
        },
        offset: offset as u32,
        limit,
        refresh: true,
    };
    // Every priority chosen keeps every row, and a filter has the window
    // cut from the whole queue.
    let every_priority = QueueFilter {
        priorities: (1..=5).collect(),
        ..QueueFilter::default()
    };
    // What does not depend on the moment it is asked (the SLA does).
    let seen = |w: &helpdesk_client::QueueWindow| {
        let rows: Vec<_> = w
            .rows
            .iter()
            .map(|r| (r.number.clone(), r.status, r.owner.clone(), r.updated_at, r.pending_ops))
            .collect();
        (w.total, w.matched, w.offset, rows, w.groups.clone(), w.owners.clone())
    };
    for (offset, limit) in [(0, 1), (0, 7), (5, 10), (total - 3, 10), (total + 5, 10), (0, 500)] {
        let opened = client.queue_window(&recent(QueueFilter::default(), offset, limit)).unwrap();
        let whole = client.queue_window(&recent(every_priority.clone(), offset, limit)).unwrap();
        assert_eq!(seen(&opened), seen(&whole), "offset {offset}, limit {limit}");
    }
    let opened = client.queue_window(&recent(QueueFilter::default(), 0, 500)).unwrap();
    assert_eq!(opened.rows.len(), total);
    let row = opened.rows.iter().find(|r| r.number == taken).unwrap();
    assert_eq!(
        (row.pending_ops, row.owner.as_deref()),
        (1, Some(client.session().unwrap().me.unwrap().id.as_str()))
    );
}

fn sla_kinds(list: &[Notification]) -> usize {
    list.iter()
        .filter(|n| matches!(n.kind, NotificationKind::SlaWarning | NotificationKind::SlaBreach))
        .count()
}

#[tokio::test]
async fn notifications_fire_once_also_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let now = Utc::now();
    let first = client.due_notifications(now).unwrap();
    let wake = client.next_wakeup(now);
    assert!(wake > now && wake <= now + Duration::seconds(60), "{wake} vs {now}");
    assert!(client.due_notifications(now).unwrap().is_empty(), "each fires once");

    // Three days on every running clock of the analyst has breached.
    let later = now + Duration::days(3);
    let second = client.due_notifications(later).unwrap();
    assert!(sla_kinds(&second) >= 1, "breaches after three days: {second:?}");
    for n in first.iter().chain(&second) {
        let detail = client.ticket(&n.number).unwrap();
        // Never while the engine has the clock paused (only where the regulation pauses: SPEC §3.3).
        if let (Some(metric), Some(sla)) = (n.body_args.get("metric"), &detail.sla) {
            let m = sla.metrics.iter().find(|m| &m.name == metric).unwrap();
            assert_ne!(m.state, ClockState::Paused, "{} is paused", n.number);
        }
        assert!(!n.body_args["subject"].is_empty());
        let text = helpdesk_client::render(n, helpdesk_client::Language::Uk);
        assert!(text.title.starts_with(&n.number), "{text:?}");
    }
    // One per (ticket, metric) in a scan, the highest threshold.
    let mut keys: Vec<(String, String)> = second
        .iter()
        .filter(|n| matches!(n.kind, NotificationKind::SlaWarning | NotificationKind::SlaBreach))
        .map(|n| (n.ticket_id.clone(), n.body_args["metric"].clone()))
        .collect();
    let total = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total);
    assert!(second
        .iter()
        .filter(|n| n.kind == NotificationKind::SlaBreach)
        .all(|n| n.body_args["percent"] == "100"));
    assert!(client.due_notifications(later).unwrap().is_empty());
    drop(client);

    let reopened = open(dir.path());
    assert!(reopened.due_notifications(later).unwrap().is_empty(), "the ledger survives a restart");
    assert!(reopened.due_notifications(later + Duration::minutes(1)).unwrap().is_empty());
}

#[tokio::test]
async fn quiet_hours_hold_notifications_until_they_end() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let at = Utc::now() + Duration::days(3);
    let local = at.with_timezone(&Local);
    let quiet = QuietHours {
        from: (local - Duration::hours(1)).format("%H:%M").to_string(),
        to: (local + Duration::hours(1)).format("%H:%M").to_string(),
    };
    let settings = Settings {
        quiet_hours: Some(quiet.clone()),
        ..Settings::default()
    };
    client.settings_set(settings.clone()).unwrap();
    assert_eq!(client.settings().unwrap(), settings);
    assert!(client.due_notifications(at).unwrap().is_empty(), "quiet");
    assert!(client.due_notifications(at).unwrap().is_empty(), "still quiet");
    // Quiet hours over: what was held comes now, once.
    let after = at + Duration::hours(2);
    let held = client.due_notifications(after).unwrap();
    assert!(sla_kinds(&held) >= 1, "{held:?}");
    assert!(client.due_notifications(after).unwrap().is_empty());
}

#[tokio::test]
async fn settings_are_checked_and_thresholds_drive_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let defaults = client.settings().unwrap();
    assert_eq!(defaults.language, helpdesk_client::Language::Uk);
    assert_eq!(defaults.thresholds, vec![0.75, 0.9, 1.0]);
    assert_eq!(defaults.theme, helpdesk_client::Theme::System);
    for bad in [vec![], vec![0.0], vec![1.5]] {
        let e = client
            .settings_set(Settings {
                thresholds: bad,
                ..Settings::default()
            })
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
    }
    let e = client
        .settings_set(Settings {
            quiet_hours: Some(QuietHours {
                from: "25:00".into(),
                to: "07:00".into(),
            }),
            ..Settings::default()
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    client
        .settings_set(Settings {
            thresholds: vec![1.0, 0.5],
            language: helpdesk_client::Language::En,
            ..Settings::default()
        })
        .unwrap();
    assert_eq!(client.settings().unwrap().thresholds, vec![0.5, 1.0]);
    let mine = client.queue("mine").unwrap();
    let detail = client.ticket(&mine[0].number).unwrap();
    for m in &detail.sla.unwrap().metrics {
        let shares: Vec<f64> = m.warnings.iter().map(|w| w.threshold).collect();
        assert!(shares.is_empty() || shares == vec![0.5, 1.0], "{shares:?}");
    }
}

#[tokio::test]
async fn hand_overs_and_answers_notify_once() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let me = client.session().unwrap().me.unwrap();
    // The first scan sets the point from which history rings.
    client.due_notifications(Utc::now()).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;

    let lead_dir = tempfile::tempdir().unwrap();
    let lead = open(lead_dir.path());
    lead.login(server(), "lead", "lead-demo-1").await.unwrap();
    let target = lead.queue("unassigned").unwrap().last().unwrap().number.clone();
    lead.act(
        &target,
        Op::Assign {
            to: AssignTarget::User(me.id.clone()),
        },
    )
    .unwrap();
    assert_eq!(lead.sync_round().await.unwrap().applied, 1);

    client.sync_round().await.unwrap();
    let now = Utc::now();
    let list = client.due_notifications(now).unwrap();
    let assigned: Vec<&Notification> = list.iter().filter(|n| n.kind == NotificationKind::Assigned).collect();
    assert_eq!(assigned.len(), 1, "{list:?}");
    assert_eq!(assigned[0].number, target);
    assert_eq!(
        helpdesk_client::render(assigned[0], helpdesk_client::Language::Uk).title,
        format!("{target}: звернення призначено вам")
    );
    assert!(client.due_notifications(now).unwrap().iter().all(|n| n.kind != NotificationKind::Assigned));
    drop(client);
    let reopened = open(dir.path());
    assert!(reopened
        .due_notifications(Utc::now())
        .unwrap()
        .iter()
        .all(|n| n.kind != NotificationKind::Assigned));
}

#[tokio::test]
async fn dashboard_counts_resolutions_per_week() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let before = client.dashboard().unwrap();
    assert_eq!(before.mine.len(), 8);
    assert_eq!(before.groups.len(), 8);
    assert_eq!(before.time_zone, "Europe/Kyiv");
    assert!(before.group_ids.contains(&"eais-l2".to_string()));
    let total: u32 = before.groups.iter().map(|w| w.resolved).sum();
    assert!(total > 0, "the demo has resolved tickets in the last weeks");
    for w in before.mine.iter().chain(&before.groups) {
        assert_eq!(w.within_sla + w.breaches, w.resolved);
        match w.share_within_sla {
            Some(s) => assert!((0.0..=1.0).contains(&s) && w.resolved > 0),
            None => assert_eq!(w.resolved, 0),
        }
        assert_eq!(w.mttr_hours.is_some(), w.resolved > 0);
        assert!(w.mttr_hours.unwrap_or(0.0) >= 0.0);
    }
    assert!(before.mine.windows(2).all(|p| p[0].starts < p[1].starts));

    // The analyst resolves one of theirs: this week's numbers move by one.
    let mine = client.queue("mine").unwrap();
    let target = mine
        .iter()
        .find(|i| i.status == helpdesk_domain::Status::InProgress)
        .expect("an in-progress ticket")
        .number
        .clone();
    client
        .act(
            &target,
            Op::Resolve {
                code: "fixed".into(),
                text: "Оновлено сертифікат, перевірено з користувачем".into(),
                kb: vec![],
            },
        )
        .unwrap();
    let after = client.dashboard().unwrap();
    let (b, a) = (before.mine.last().unwrap(), after.mine.last().unwrap());
    assert_eq!(a.resolved, b.resolved + 1);
    assert_eq!(after.groups.last().unwrap().resolved, before.groups.last().unwrap().resolved + 1);
    assert_eq!(a.within_sla + a.breaches, a.resolved);
}

#[tokio::test]
async fn another_analyst_on_the_same_profile_gets_their_own_replica() {
    let dir = tempfile::tempdir().unwrap();
    let client = analyst(dir.path()).await;
    let theirs = client.queue("group").unwrap();
    assert!(theirs.iter().all(|i| i.group == "eais-l2") && !theirs.is_empty());
    client.logout().await.unwrap();

    // An NCTS analyst signs in on the same laptop profile: the first sync
    // works (a new client id) and shows their groups, none of the previous.
    let me = client.login(server(), "ncts", "ncts-demo-1").await.unwrap();
    assert_eq!(client.status().unwrap().connectivity, Connectivity::Online, "{:?}", client.status());
    assert!(client.status().unwrap().last_error.is_none(), "{:?}", client.status());
    let group = client.queue("group").unwrap();
    assert!(
        !group.is_empty() && group.iter().all(|i| i.group == "ncts-l2"),
        "{:?}",
        group.iter().map(|i| &i.group).collect::<Vec<_>>()
    );
    // Exactly what a fresh profile of theirs holds: nothing of the previous user's.
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = open(fresh_dir.path());
    fresh.login(server(), "ncts", "ncts-demo-1").await.unwrap();
    let ids = |c: &Client| {
        let mut v: Vec<String> = c.queue("recent").unwrap().into_iter().map(|i| i.id).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&client), ids(&fresh));
    // Their action goes through.
    let ticket = group.iter().find(|i| i.owner.is_none()).expect("an unassigned NCTS ticket").number.clone();
    client.act(&ticket, Op::Take {}).unwrap();
    client.sync_round().await.unwrap();
    assert_eq!(client.status().unwrap().pending, 0);
    assert_eq!(client.ticket(&ticket).unwrap().view.ticket.owner.as_deref(), Some(me.id.as_str()));
}
