//! A pull of many pages on a real SQLite file, once the first replica is
//! in place (a first replica's own pages are shown as they come): the pages
//! are made visible in their order (a later version of a ticket wins, in its row and in
//! search), a page the replica cannot read leaves nothing half applied
//! (also when it was worked out while the pull went on), what is made
//! visible is what was staged (also when another connection staged it),
//! and a page staged before its cursors were kept beside it still tells
//! where a cut pull resumes.

use chrono::{DateTime, Utc};
use helpdesk_domain::ticket::{register, NewTicket, Requester, RequesterKind};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::{Channel, Impact, Line, Urgency};
use helpdesk_protocol::{Change, ChangeBody, GroupInfo, Me, PullResponse, TicketView};
use helpdesk_replica::{Queue, Replica};
use std::collections::BTreeMap;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn signed_in(path: &std::path::Path) -> Replica {
    let replica = Replica::open(path).unwrap();
    replica
        .set_me(&Me {
            id: "u-ana".into(),
            username: "ana".into(),
            display_name: "Анна".into(),
            role: Role::Analyst,
            groups: vec![GroupInfo {
                id: "eais-l2".into(),
                name: "ЄАІС".into(),
                line: Line::L2,
            }],
            permissions: Permissions::default(),
        })
        .unwrap();
    replica
}

/// A replica that has its first replica (an empty one): a pull's pages are
/// staged and made visible together at its end.
fn in_place(path: &std::path::Path) -> Replica {
    let mut replica = signed_in(path);
    replica.store_page(&page(vec![], 0, false)).unwrap();
    replica
}

fn ticket(id: &str, number: &str, subject: &str) -> TicketView {
    let new = NewTicket {
        id: id.into(),
        number: number.into(),
        ticket_type: Some(helpdesk_domain::TicketType::Incident),
        subject: subject.into(),
        description: "Під час подання митні декларації не зберігаються".into(),
        service: "ЄАІС".into(),
        channel: Some(Channel::Phone),
        requester: Requester {
            kind: Some(RequesterKind::Official),
            name: "Петро".into(),
            customs_unit: Some("Київська митниця".into()),
            position: Some("інспектор".into()),
            phone: Some("+380441234567".into()),
            ..Requester::default()
        },
        impact: Some(Impact::Medium),
        urgency: Some(Urgency::High),
        line: Some(Line::L2),
        group: "eais-l2".into(),
        expected_result: Some("так".into()),
        actual_result: Some("ні".into()),
        ..NewTicket::default()
    };
    let applied = register(new, "olga", at("2026-11-23T08:00:00Z")).unwrap();
    TicketView {
        ticket: applied.ticket,
        events: applied.events,
        policy: "customs-helpdesk".into(),
    }
}

fn page(tickets: Vec<(u64, TicketView)>, cursor: u64, has_more: bool) -> PullResponse {
    PullResponse {
        change_count: tickets.len(),
        changes: tickets
            .into_iter()
            .map(|(seq, t)| Change {
                bucket: "group:eais-l2".into(),
                seq,
                body: ChangeBody::Ticket { ticket: Box::new(t) },
            })
            .collect(),
        cursors: BTreeMap::from([("group:eais-l2".to_string(), cursor)]),
        has_more,
        client_last_seq: 0,
        server_time: at("2026-11-23T09:00:00Z"),
        deltas: false,
    }
}

#[test]
fn pages_apply_in_their_order_and_the_later_version_wins_in_row_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = in_place(&dir.path().join("replica.db"));
    let first: Vec<(u64, TicketView)> = (1..=300)
        .map(|i| (i, ticket(&format!("t-{i}"), &format!("HD-2026-{i:06}"), "Не відкривається митна декларація")))
        .collect();
    replica.store_page(&page(first, 300, true)).unwrap();
    let mut renamed = ticket("t-7", "HD-2026-000007", "Сертифікат підпису прострочений");
    renamed.ticket.version = 2;
    replica.store_page(&page(vec![(301, renamed)], 301, false)).unwrap();

    assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 300);
    assert_eq!(replica.ticket("t-7").unwrap().unwrap().ticket.subject, "Сертифікат підпису прострочений");
    let found = replica.search_tickets("сертифікат підпису", 5).unwrap();
    assert_eq!(found.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec!["HD-2026-000007"]);
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 301);
}

#[test]
fn a_page_the_replica_cannot_read_leaves_nothing_half_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = in_place(&dir.path().join("replica.db"));
    replica.store_page(&page(vec![(1, ticket("t-1", "HD-2026-000001", "Перша"))], 1, true)).unwrap();
    let unreadable = r#"{"changes":[{"bucket":"group:eais-l2","seq":2,"kind":"hologram"}],"cursors":{"group:eais-l2":2},"has_more":false,"client_last_seq":0,"server_time":"2026-11-23T09:00:00Z"}"#;
    let refused = replica.store_page_json(unreadable, false).unwrap_err();
    assert!(refused.to_string().contains("hologram"), "{refused}");
    assert!(replica.ticket("t-1").unwrap().is_none(), "no row of the pull is visible");
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 2, "the staged pages stay for the next attempt");
}

#[test]
fn a_first_replicas_page_that_cannot_be_read_leaves_the_pages_before_it_and_resumes_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir.path().join("replica.db"));
    replica.store_page(&page(vec![(1, ticket("t-1", "HD-2026-000001", "Перша"))], 1, true)).unwrap();
    // A readable ticket, then a change this replica cannot read.
    let mut unreadable = serde_json::to_value(page(vec![(2, ticket("t-2", "HD-2026-000002", "Друга"))], 3, true)).unwrap();
    unreadable["changes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"bucket": "group:eais-l2", "seq": 3, "kind": "hologram"}));
    let refused = replica.store_page_json(&unreadable.to_string(), true).unwrap_err();
    assert!(refused.to_string().contains("hologram"), "{refused}");
    assert!(replica.ticket("t-2").unwrap().is_none(), "nothing of the unreadable page is visible");
    assert!(replica.ticket("t-1").unwrap().is_some(), "the first replica's earlier page stays");
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 1, "the pull resumes after it");
    replica
        .store_page(&page(vec![(2, ticket("t-2", "HD-2026-000002", "Друга"))], 2, false))
        .unwrap();
    assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 2);
}

#[test]
fn a_page_staged_before_its_cursors_were_kept_tells_where_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    let mut replica = in_place(&path);
    replica.store_page(&page(vec![(4, ticket("t-1", "HD-2026-000001", "Перша"))], 4, true)).unwrap();
    drop(replica);
    // As a replica of an older version left it: the cursors only inside the page.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE staged_pages SET cursors = NULL", [])
        .unwrap();
    let mut replica = signed_in(&path);
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 4);
    replica
        .store_page(&page(vec![(5, ticket("t-2", "HD-2026-000002", "Друга"))], 5, false))
        .unwrap();
    assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 2);
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 5);
}

#[test]
fn a_page_worked_out_ahead_that_cannot_be_read_leaves_nothing_half_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = in_place(&dir.path().join("replica.db"));
    replica.store_page(&page(vec![(1, ticket("t-1", "HD-2026-000001", "Перша"))], 1, true)).unwrap();
    let unreadable = r#"{"changes":[{"bucket":"group:eais-l2","seq":2,"kind":"hologram"}],"cursors":{"group:eais-l2":2},"has_more":true,"client_last_seq":0,"server_time":"2026-11-23T09:00:00Z"}"#;
    replica.store_page_json(unreadable, true).unwrap();
    let refused = replica
        .store_page(&page(vec![(3, ticket("t-3", "HD-2026-000003", "Третя"))], 3, false))
        .unwrap_err();
    assert!(refused.to_string().contains("hologram"), "{refused}");
    assert!(replica.ticket("t-1").unwrap().is_none(), "no row of the pull is visible");
    assert!(replica.ticket("t-3").unwrap().is_none(), "no row of the pull is visible");
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 3, "the staged pages stay for the next attempt");
}

#[test]
fn what_becomes_visible_is_what_is_staged_also_when_another_connection_staged_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    let mut desktop = in_place(&path);
    let mut cli = signed_in(&path);
    // The desktop stages a page (and works it out ahead); the CLI then
    // completes that pull, and stages a page of its own under the same id.
    desktop.store_page(&page(vec![(1, ticket("t-1", "HD-2026-000001", "Перша"))], 1, true)).unwrap();
    cli.store_page(&page(vec![(2, ticket("t-2", "HD-2026-000002", "Друга"))], 2, false)).unwrap();
    cli.store_page(&page(vec![(3, ticket("t-3", "HD-2026-000003", "Третя"))], 3, true)).unwrap();
    desktop
        .store_page(&page(vec![(4, ticket("t-4", "HD-2026-000004", "Четверта"))], 4, false))
        .unwrap();
    let held: Vec<String> = desktop
        .queue(Queue::Recent)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(held, ["t-1", "t-2", "t-3", "t-4"]);
    let found = desktop.search_tickets("третя", 5).unwrap();
    assert_eq!(found.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec!["HD-2026-000003"]);
    assert_eq!(desktop.cursors().unwrap()["group:eais-l2"], 4);
}

/// A ticket's older version arriving after a newer one (another bucket's
/// page can bring it) changes neither its row nor its search entry.
#[test]
fn an_older_version_arriving_late_leaves_the_row_and_its_search_entry_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = in_place(&dir.path().join("replica.db"));
    let mut newer = ticket("t-7", "HD-2026-000007", "Сертифікат підпису прострочений");
    newer.ticket.version = 2;
    replica.store_page(&page(vec![(1, newer)], 1, true)).unwrap();
    let older = ticket("t-7", "HD-2026-000007", "Не відкривається митна декларація");
    replica.store_page(&page(vec![(2, older)], 2, false)).unwrap();

    assert_eq!(replica.ticket("t-7").unwrap().unwrap().ticket.subject, "Сертифікат підпису прострочений");
    let found = replica.search_tickets("сертифікат підпису", 5).unwrap();
    assert_eq!(found.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec!["HD-2026-000007"]);
    assert!(
        replica.search_tickets("відкривається", 5).unwrap().is_empty(),
        "the older subject is not searchable"
    );
}

/// A page whose changes come in the buckets given with them; each bucket's
/// cursor is its last change's.
fn page_in_buckets(changes: Vec<(&str, u64, ChangeBody)>, has_more: bool) -> PullResponse {
    let mut cursors = BTreeMap::new();
    let changes: Vec<Change> = changes
        .into_iter()
        .map(|(bucket, seq, body)| {
            cursors.insert(bucket.to_string(), seq);
            Change {
                bucket: bucket.into(),
                seq,
                body,
            }
        })
        .collect();
    PullResponse {
        change_count: changes.len(),
        changes,
        cursors,
        has_more,
        client_last_seq: 0,
        server_time: at("2026-11-23T09:00:00Z"),
        deltas: false,
    }
}

/// Tickets as the changes that bring them whole.
fn bodies(tickets: Vec<(&str, u64, TicketView)>) -> Vec<(&str, u64, ChangeBody)> {
    tickets
        .into_iter()
        .map(|(bucket, seq, t)| (bucket, seq, ChangeBody::Ticket { ticket: Box::new(t) }))
        .collect()
}

#[test]
fn a_ticket_written_again_in_a_pull_keeps_one_search_entry_the_newest() {
    for first_replica in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("replica.db");
        let mut replica = if first_replica { signed_in(&path) } else { in_place(&path) };
        let renamed = |id: &str, number: &str, subject: &str| {
            let mut t = ticket(id, number, subject);
            t.ticket.version = 2;
            t
        };
        // The group's tickets, then some of them again in the analyst's own
        // bucket: one in the same page as a newer version, one as the same.
        let mut first: Vec<(&str, u64, TicketView)> = (1..=40)
            .map(|i| {
                (
                    "group:eais-l2",
                    i,
                    ticket(&format!("t-{i}"), &format!("HD-2026-{i:06}"), "Не відкривається митна декларація"),
                )
            })
            .collect();
        first.push(("user:u-ana", 41, renamed("t-7", "HD-2026-000007", "Сертифікат підпису прострочений")));
        first.push(("user:u-ana", 42, ticket("t-9", "HD-2026-000009", "Не відкривається митна декларація")));
        replica.store_page(&page_in_buckets(bodies(first), true)).unwrap();
        // A later page brings a ticket of the first one anew, twice.
        let second = vec![
            ("group:eais-l2", 43, renamed("t-3", "HD-2026-000003", "Принтер не друкує квитанції")),
            ("user:u-ana", 44, renamed("t-3", "HD-2026-000003", "Принтер не друкує квитанції")),
        ];
        replica.store_page(&page_in_buckets(bodies(second), false)).unwrap();

        let ids = |typed: &str| -> Vec<String> {
            let mut ids: Vec<String> = replica.search_tickets(typed, 100).unwrap().into_iter().map(|h| h.id).collect();
            ids.sort();
            ids
        };
        let all = ids("відкривається");
        assert_eq!(
            all.len(),
            38,
            "first replica {first_replica}: each ticket found once, the renamed ones not: {all:?}"
        );
        assert!(!all.contains(&"HD-2026-000007".to_string()) && !all.contains(&"HD-2026-000003".to_string()));
        assert_eq!(ids("сертифікат підпису"), vec!["HD-2026-000007"], "first replica {first_replica}");
        assert_eq!(ids("принтер квитанції"), vec!["HD-2026-000003"], "first replica {first_replica}");
        assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 40);
    }
}

#[test]
fn a_ticket_removed_from_its_last_bucket_in_the_page_that_brought_it_leaves_no_search_entry() {
    for first_replica in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("replica.db");
        let mut replica = if first_replica { signed_in(&path) } else { in_place(&path) };
        let ticket_body = |id: &str, number: &str| ChangeBody::Ticket {
            ticket: Box::new(ticket(id, number, "Сертифікат підпису прострочений")),
        };
        let remove = |id: &str| ChangeBody::RemoveTicket { id: id.into() };
        // t-1 leaves the group it was in; t-2 leaves one of its two buckets.
        let page = page_in_buckets(
            vec![
                ("group:eais-l2", 1, ticket_body("t-1", "HD-2026-000001")),
                ("group:eais-l2", 2, ticket_body("t-2", "HD-2026-000002")),
                ("user:u-ana", 3, ticket_body("t-2", "HD-2026-000002")),
                ("group:eais-l2", 4, remove("t-1")),
                ("group:eais-l2", 5, remove("t-2")),
                ("group:eais-l2", 6, ticket_body("t-3", "HD-2026-000003")),
            ],
            false,
        );
        replica.store_page(&page).unwrap();

        assert!(replica.ticket("t-1").unwrap().is_none(), "first replica {first_replica}");
        let mut found: Vec<String> = replica.search_tickets("сертифікат", 10).unwrap().into_iter().map(|h| h.id).collect();
        found.sort();
        assert_eq!(found, vec!["HD-2026-000002", "HD-2026-000003"], "first replica {first_replica}");
        assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 2);
    }
}

/// A page as it is handed to the replica: its text, cursors and whether
/// more follow.
fn in_hand(page: &PullResponse) -> (String, BTreeMap<String, u64>, bool) {
    (serde_json::to_string(page).unwrap(), page.cursors.clone(), page.has_more)
}

#[test]
fn a_first_replicas_pages_waiting_together_are_stored_together_and_one_that_cannot_be_read_leaves_the_ones_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir.path().join("replica.db"));
    let first = page(vec![(1, ticket("t-1", "HD-2026-000001", "Перша"))], 1, true);
    let second = page(vec![(2, ticket("t-2", "HD-2026-000002", "Друга"))], 2, true);
    replica.store_pages_with_cursors(&[in_hand(&first), in_hand(&second)]).unwrap();
    assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 2);
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 2);

    // A readable page, then one this replica cannot read.
    let third = page(vec![(3, ticket("t-3", "HD-2026-000003", "Третя"))], 3, true);
    let mut unreadable = in_hand(&page(vec![(4, ticket("t-4", "HD-2026-000004", "Четверта"))], 5, true));
    let mut text: serde_json::Value = serde_json::from_str(&unreadable.0).unwrap();
    text["changes"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"bucket": "group:eais-l2", "seq": 5, "kind": "hologram"}));
    unreadable.0 = text.to_string();
    let refused = replica.store_pages_with_cursors(&[in_hand(&third), unreadable]).unwrap_err();
    assert!(refused.to_string().contains("hologram"), "{refused}");
    assert!(replica.ticket("t-3").unwrap().is_some(), "the page before the unreadable one is kept");
    assert!(replica.ticket("t-4").unwrap().is_none(), "nothing of the unreadable page is visible");
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 3, "the pull resumes after the page kept");

    let last = page(vec![(4, ticket("t-4", "HD-2026-000004", "Четверта"))], 4, false);
    replica.store_pages_with_cursors(&[in_hand(&last)]).unwrap();
    assert_eq!(replica.queue(Queue::Recent).unwrap().len(), 4);
    // The first replica is done: a later pull is staged and made visible
    // at its end, as any pull after the first.
    let later = page(vec![(5, ticket("t-5", "HD-2026-000005", "П'ята"))], 5, true);
    replica.store_pages_with_cursors(&[in_hand(&later)]).unwrap();
    assert!(replica.ticket("t-5").unwrap().is_none(), "a later pull's page waits for the pull's end");
}
