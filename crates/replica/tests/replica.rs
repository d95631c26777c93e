//! The replica on a real SQLite file: offline actions, results, pages and
//! checkpoints, search, the ledger — and what survives a reopen.

use chrono::{DateTime, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{register, NewTicket, Requester, RequesterKind};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::{Channel, Impact, Line, Urgency};
use helpdesk_protocol::{Article, ArticleStatus, Change, ChangeBody, GroupInfo, Me, OpOutcome, PullResponse, PushResult, TicketView};
use helpdesk_replica::{Queue, Replica, ReplicaError, SettingKey};
use std::collections::BTreeMap;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn me() -> Me {
    Me {
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
    }
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

fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        category: "ЄАІС".into(),
        tags: vec!["декларація".into()],
        language: "uk".into(),
        status: ArticleStatus::Published,
        public: false,
        review_due: None,
        author: "u-editor".into(),
        version: 1,
        updated_at: at("2026-11-01T00:00:00Z"),
    }
}

fn page(changes: Vec<(&str, u64, ChangeBody)>, cursors: &[(&str, u64)], has_more: bool) -> PullResponse {
    PullResponse {
        change_count: changes.len(),
        changes: changes
            .into_iter()
            .map(|(bucket, seq, body)| Change {
                bucket: bucket.into(),
                seq,
                body,
            })
            .collect(),
        cursors: cursors.iter().map(|(b, c)| (b.to_string(), *c)).collect::<BTreeMap<_, _>>(),
        has_more,
        client_last_seq: 0,
        server_time: at("2026-11-23T09:00:00Z"),
        deltas: false,
    }
}

fn signed_in(dir: &tempfile::TempDir) -> Replica {
    let replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    replica.set_me(&me()).unwrap();
    replica
}

#[test]
fn offline_actions_are_durable_checked_and_visible() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let t = ticket("t-1", "HD-2026-000001", "Не відкривається МД");
    replica
        .store_page(&page(
            vec![("group:eais-l2", 1, ChangeBody::Ticket { ticket: Box::new(t) })],
            &[("group:eais-l2", 1), ("user:u-ana", 0), ("kb", 0)],
            false,
        ))
        .unwrap();
    assert_eq!(replica.queue(Queue::Unassigned).unwrap().len(), 1);

    let taken = replica
        .enqueue(
            "HD-2026-000001",
            serde_json::from_value(serde_json::json!({"op": "take"})).unwrap(),
            at("2026-11-23T09:00:00Z"),
        )
        .unwrap();
    assert_eq!(taken.seq, 1);
    assert_eq!(taken.view.ticket.owner.as_deref(), Some("u-ana"));
    // Refused by the same rules offline: nothing written.
    let again = replica.enqueue(
        "HD-2026-000001",
        serde_json::from_value(serde_json::json!({"op": "take"})).unwrap(),
        at("2026-11-23T09:01:00Z"),
    );
    assert!(matches!(again, Err(ReplicaError::Refused(_))), "{again:?}");
    let comment: Op = serde_json::from_value(serde_json::json!({"op": "comment", "text": "Перевіряю журнал", "visibility": "internal"})).unwrap();
    replica.enqueue("t-1", comment, at("2026-11-23T09:02:00Z")).unwrap();
    drop(replica);

    // Reopened: the outbox and the optimistic view survive.
    let replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    let pending = replica.pending_ops().unwrap();
    assert_eq!(pending.iter().map(|p| p.seq).collect::<Vec<_>>(), vec![1, 2]);
    assert!(pending.iter().all(|p| p.base_version == 1));
    let visible = replica.ticket("t-1").unwrap().unwrap();
    assert_eq!(visible.ticket.status, helpdesk_domain::Status::InProgress);
    assert_eq!(visible.ticket.comments.len(), 1);
    assert_eq!(replica.queue(Queue::Mine).unwrap().len(), 1);
    assert_eq!(replica.queue(Queue::Unassigned).unwrap().len(), 0);
}

#[test]
fn results_that_did_not_apply_need_attention_and_keep_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let t = ticket("t-1", "HD-2026-000001", "Не відкривається МД");
    replica
        .store_page(&page(
            vec![("group:eais-l2", 1, ChangeBody::Ticket { ticket: Box::new(t.clone()) })],
            &[("group:eais-l2", 1)],
            false,
        ))
        .unwrap();
    replica
        .enqueue(
            "t-1",
            serde_json::from_value(serde_json::json!({"op": "take"})).unwrap(),
            at("2026-11-23T09:00:00Z"),
        )
        .unwrap();
    let words: Op = serde_json::from_value(serde_json::json!({"op": "comment", "text": "Мій текст", "visibility": "public"})).unwrap();
    replica.enqueue("t-1", words, at("2026-11-23T09:01:00Z")).unwrap();
    let results = vec![
        PushResult {
            seq: 1,
            op_id: "x".into(),
            outcome: OpOutcome::Conflict {
                reason: "taken by bob".into(),
                current: Box::new(t),
            },
        },
        PushResult {
            seq: 2,
            op_id: "y".into(),
            outcome: OpOutcome::Held { after_seq: 1 },
        },
    ];
    replica.record_results(&results, at("2026-11-23T09:05:00Z")).unwrap();
    assert_eq!(replica.pending_count().unwrap(), 0);
    let attention = replica.attention().unwrap();
    assert_eq!(attention.len(), 2);
    assert_eq!(attention[0].code, "conflict");
    assert!(attention[0].current.is_some());
    assert_eq!(serde_json::to_value(&attention[1].op).unwrap()["text"], "Мій текст");
    // Retry the comment as a new op; discard the take.
    let retried = replica.retry(2, at("2026-11-23T09:06:00Z")).unwrap();
    assert_eq!(retried.seq, 3);
    replica.discard(1).unwrap();
    assert_eq!(replica.attention_count().unwrap(), 0);
    assert_eq!(replica.pending_ops().unwrap().iter().map(|p| p.seq).collect::<Vec<_>>(), vec![3]);
    assert!(matches!(replica.discard(1), Err(ReplicaError::NoSuchAttention(1))));
}

#[test]
fn pages_become_visible_together_and_removed_rows_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    // The first replica is in place (an empty one).
    replica.store_page(&page(vec![], &[("group:eais-l2", 0)], false)).unwrap();
    let t1 = ticket("t-1", "HD-2026-000001", "Перша");
    let t2 = ticket("t-2", "HD-2026-000002", "Друга");
    replica
        .store_page(&page(
            vec![("group:eais-l2", 1, ChangeBody::Ticket { ticket: Box::new(t1) })],
            &[("group:eais-l2", 1)],
            true,
        ))
        .unwrap();
    assert!(replica.ticket("t-1").unwrap().is_none(), "not visible before the checkpoint");
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 1, "a resumed pull continues from the stored page");
    replica
        .store_page(&page(
            vec![("group:eais-l2", 2, ChangeBody::Ticket { ticket: Box::new(t2) })],
            &[("group:eais-l2", 2)],
            false,
        ))
        .unwrap();
    assert!(replica.ticket("t-1").unwrap().is_some() && replica.ticket("t-2").unwrap().is_some());
    // t-1 leaves the group's bucket: gone from the replica.
    replica
        .store_page(&page(
            vec![("group:eais-l2", 3, ChangeBody::RemoveTicket { id: "t-1".into() })],
            &[("group:eais-l2", 3)],
            false,
        ))
        .unwrap();
    assert!(replica.ticket("t-1").unwrap().is_none());
    // The whole bucket is gone: its rows go too.
    replica.store_page(&page(vec![], &[("user:u-ana", 0)], false)).unwrap();
    assert!(replica.ticket("t-2").unwrap().is_none());
    assert_eq!(replica.cursors().unwrap().keys().collect::<Vec<_>>(), vec!["user:u-ana"]);
}

#[test]
fn a_first_replica_is_visible_page_by_page_and_later_pulls_stay_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let ticket_page = |seq: u64, id: &str, has_more: bool| {
        let t = ticket(id, &format!("HD-2026-00000{seq}"), "Тема");
        page(
            vec![("group:eais-l2", seq, ChangeBody::Ticket { ticket: Box::new(t) })],
            &[("group:eais-l2", seq)],
            has_more,
        )
    };
    replica.store_page(&ticket_page(1, "t-1", true)).unwrap();
    assert!(
        replica.ticket("t-1").unwrap().is_some(),
        "nothing was visible before: the page is shown as it comes"
    );
    assert_eq!(replica.search_tickets("Тема", 10).unwrap().len(), 1, "with its search entry");
    assert_eq!(replica.cursors().unwrap()["group:eais-l2"], 1);
    // The pull is cut and the program started again: the first replica
    // goes on as it began.
    drop(replica);
    let mut replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    replica.store_page(&ticket_page(2, "t-2", true)).unwrap();
    assert!(replica.ticket("t-2").unwrap().is_some());
    replica.store_page(&ticket_page(3, "t-3", false)).unwrap();
    assert_eq!(replica.queue(helpdesk_replica::Queue::Recent).unwrap().len(), 3);
    // Once it is whole, a later pull's pages are shown together, at its end.
    replica.store_page(&ticket_page(4, "t-4", true)).unwrap();
    assert!(replica.ticket("t-4").unwrap().is_none(), "not visible before the pull's last page");
    replica.store_page(&ticket_page(5, "t-5", false)).unwrap();
    assert!(replica.ticket("t-4").unwrap().is_some() && replica.ticket("t-5").unwrap().is_some());
    assert_eq!(replica.search_tickets("Тема", 10).unwrap().len(), 5, "one search entry a ticket");
}

#[test]
fn search_finds_inflected_ukrainian_and_marks_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let a1 = article(
        "kb-1",
        "Як подати митну декларацію в ЄАІС",
        "Митні декларації подаються через модуль «Декларування». Перевірте КЕП.",
    );
    let a2 = article("kb-2", "Доступ до порталу", "Для доступу потрібен обліковий запис і сертифікат.");
    let a3 = article(
        "kb-3",
        "Таможенная декларация: ошибки",
        "Если таможенные декларации не сохраняются, очистите кэш.",
    );
    let changes = vec![a1, a2, a3]
        .into_iter()
        .enumerate()
        .map(|(i, a)| ("kb", i as u64 + 1, ChangeBody::Article { article: Box::new(a) }))
        .collect::<Vec<_>>();
    replica.store_page(&page(changes, &[("kb", 3)], false)).unwrap();
    let hits = replica.search_kb("митн декларац", 10).unwrap();
    assert_eq!(hits.first().map(|h| h.id.as_str()), Some("kb-1"), "{hits:?}");
    let marked: Vec<&str> = hits[0].snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, ["Митні", "декларації"], "{:?}", hits[0].snippet);
    assert_eq!(replica.search_kb("таможенные декларации", 10).unwrap()[0].id, "kb-3");
    assert_eq!(replica.search_kb("сертифікати", 10).unwrap()[0].id, "kb-2");
    assert!(replica.search_kb("   ", 10).unwrap().is_empty());
    let t = ticket("t-9", "HD-2026-000009", "Не зберігаються митні декларації");
    replica
        .store_page(&page(
            vec![("group:eais-l2", 1, ChangeBody::Ticket { ticket: Box::new(t) })],
            &[("group:eais-l2", 1), ("kb", 3)],
            false,
        ))
        .unwrap();
    assert_eq!(replica.search_tickets("митна декларація", 10).unwrap()[0].id, "HD-2026-000009");
    assert_eq!(replica.search_tickets("HD-2026-000009", 10).unwrap()[0].id, "HD-2026-000009");
    assert_eq!(replica.search_tickets("000009", 10).unwrap()[0].id, "HD-2026-000009");
    // Russian words find Ukrainian text (і and и, є and е are one letter to search).
    assert_eq!(replica.search_kb("сертификат", 10).unwrap()[0].id, "kb-2");
}

#[test]
fn a_replica_indexed_by_older_rules_is_reindexed_once_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let a = article("kb-1", "Сертифікат КЕП", "Сертифікат не знайдено у сховищі.");
    replica
        .store_page(&page(vec![("kb", 1, ChangeBody::Article { article: Box::new(a) })], &[("kb", 1)], false))
        .unwrap();
    // As an older version left it: folded words, no Ukrainian/Russian key.
    replica.set_setting(SettingKey::SearchIndexVersion, "1").unwrap();
    drop(replica);
    let conn = rusqlite::Connection::open(dir.path().join("replica.db")).unwrap();
    conn.execute("UPDATE kb_fts SET title = 'сертифікат кеп', body = 'сертифікат не знайдено у сховищі'", [])
        .unwrap();
    drop(conn);
    let replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    assert_eq!(replica.search_kb("сертификат", 10).unwrap().len(), 1);
    assert_eq!(replica.setting(SettingKey::SearchIndexVersion).unwrap().as_deref(), Some("3"));
}

#[test]
fn a_replica_searched_through_the_unicode_tokenizer_is_moved_to_the_ascii_one_and_still_finds() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let a = article("kb-1", "ЄАІС недоступна", "Сервіс обміну з’єднань не відповідає; перевірте КЕП.");
    let t = ticket("t-1", "HD-2026-000123", "Не зберігається митна декларація ЄАІС");
    replica
        .store_page(&page(
            vec![
                ("kb", 1, ChangeBody::Article { article: Box::new(a) }),
                ("g:eais-l2", 2, ChangeBody::Ticket { ticket: Box::new(t) }),
            ],
            &[("kb", 1), ("g:eais-l2", 2)],
            false,
        ))
        .unwrap();
    drop(replica);
    // As migration 5 left it: the tables on `unicode61`, filled by its rules.
    let conn = rusqlite::Connection::open(dir.path().join("replica.db")).unwrap();
    conn.execute_batch(
        "DROP TABLE kb_fts; DROP TABLE tickets_fts;
         CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE tickets_fts USING fts5(number, subject, description, comments, tokenize = 'unicode61 remove_diacritics 2');
         UPDATE settings SET value = '2' WHERE key = 'search_index_version';
         DROP TABLE wanted_tickets;
         PRAGMA user_version = 5;",
    )
    .unwrap();
    drop(conn);
    let replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    let tokenizer: String = rusqlite::Connection::open(dir.path().join("replica.db"))
        .unwrap()
        .query_row("SELECT sql FROM sqlite_master WHERE name = 'tickets_fts'", [], |r| r.get(0))
        .unwrap();
    assert!(tokenizer.contains("'ascii'"), "{tokenizer}");
    assert_eq!(replica.search_kb("єаіс недоступна", 10).unwrap().len(), 1);
    assert_eq!(replica.search_kb("з'єднання", 10).unwrap().len(), 1);
    assert_eq!(replica.search_tickets("декларації", 10).unwrap().len(), 1);
    assert_eq!(replica.search_tickets("000123", 10).unwrap().len(), 1);
}

#[test]
fn each_warning_fires_once_also_after_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let mark = |threshold: &str| ("t-1".to_string(), "resolution".to_string(), threshold.to_string());
    assert!(!replica.has_fired("t-1", "resolution", "0.75").unwrap());
    replica.mark_all_fired(&[mark("0.75")], at("2026-11-23T09:00:00Z")).unwrap();
    assert!(replica.has_fired("t-1", "resolution", "0.75").unwrap());
    // Marking again changes nothing and is no error.
    replica.mark_all_fired(&[mark("0.75")], at("2026-11-23T09:01:00Z")).unwrap();
    drop(replica);
    let mut replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    assert!(replica.has_fired("t-1", "resolution", "0.75").unwrap());
    assert!(!replica.has_fired("t-1", "resolution", "0.9").unwrap());
    replica.mark_all_fired(&[mark("0.9"), mark("1.00")], at("2026-11-23T10:00:00Z")).unwrap();
    assert!(replica.has_fired("t-1", "resolution", "0.9").unwrap() && replica.has_fired("t-1", "resolution", "1.00").unwrap());
}

#[test]
fn seqs_are_never_reused_after_confirmed_ops_leave_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let t = ticket("t-1", "HD-2026-000001", "Перша");
    replica
        .store_page(&page(
            vec![("group:eais-l2", 1, ChangeBody::Ticket { ticket: Box::new(t.clone()) })],
            &[("group:eais-l2", 1)],
            false,
        ))
        .unwrap();
    let take = replica
        .enqueue(
            "t-1",
            serde_json::from_value(serde_json::json!({"op": "take"})).unwrap(),
            at("2026-11-23T09:00:00Z"),
        )
        .unwrap();
    replica
        .record_results(
            &[PushResult {
                seq: take.seq,
                op_id: take.op_id,
                outcome: OpOutcome::Applied { version: 2, number: None },
            }],
            at("2026-11-23T09:00:01Z"),
        )
        .unwrap();
    // The pull brings version 2: the applied op leaves the outbox.
    let mut v2 = take.view.clone();
    v2.ticket.version = 2;
    replica
        .store_page(&page(
            vec![("group:eais-l2", 2, ChangeBody::Ticket { ticket: Box::new(v2) })],
            &[("group:eais-l2", 2)],
            false,
        ))
        .unwrap();
    let comment: Op = serde_json::from_value(serde_json::json!({"op": "comment", "text": "далі", "visibility": "public"})).unwrap();
    assert_eq!(replica.enqueue("t-1", comment, at("2026-11-23T09:01:00Z")).unwrap().seq, 2);
    drop(replica);
    let mut replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    let comment: Op = serde_json::from_value(serde_json::json!({"op": "comment", "text": "ще", "visibility": "public"})).unwrap();
    assert_eq!(replica.enqueue("t-1", comment, at("2026-11-23T09:02:00Z")).unwrap().seq, 3);
}

#[test]
fn not_signed_in_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    let op: Op = serde_json::from_value(serde_json::json!({"op": "take"})).unwrap();
    assert!(matches!(replica.enqueue("t-1", op, at("2026-11-23T09:00:00Z")), Err(ReplicaError::NotSignedIn)));
}

#[test]
fn a_replica_of_the_first_schema_keeps_its_outbox_and_search_and_gets_digests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    let t = ticket("t-1", "HD-2026-000001", "Не відкривається митна декларація");
    {
        // A replica as the first release wrote it: schema 1, a row, its
        // search entry and an action waiting in the outbox.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/migrations/001_initial.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO tickets(rowid, id, number, version, status, group_id, owner, priority, updated_at, view)
             VALUES (7, 't-1', 'HD-2026-000001', 1, 'new', 'eais-l2', NULL, 3, 0, ?1)",
            [serde_json::to_string(&t).unwrap()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO tickets_fts(rowid, number, subject, description, comments) VALUES (7, 'hd-2026-000001', ?1, '', '')",
            [helpdesk_replica::text::index_form(&t.ticket.subject)],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO outbox(seq, op_id, ticket, base_version, device_time, op) VALUES (1, 'op-1', 't-1', 1, 0, '{\"op\":\"take\"}')",
            [],
        )
        .unwrap();
        conn.execute("INSERT INTO settings(key, value) VALUES ('me', ?1)", [serde_json::to_string(&me()).unwrap()])
            .unwrap();
    }
    let replica = Replica::open(&path).unwrap();
    assert_eq!(replica.pending_count().unwrap(), 1);
    let rows = replica.queue(Queue::Mine).unwrap();
    assert_eq!(rows.len(), 1, "the pending take makes it the analyst's");
    assert_eq!(rows[0].digest.requester, "Петро");
    assert_eq!(rows[0].digest.policy, "customs-helpdesk");
    assert!(!rows[0].digest.clock.is_empty());
    // The search entry still points at the row.
    assert_eq!(replica.search_tickets("декларація", 5).unwrap()[0].id, "HD-2026-000001");
    let server_row = replica.queue(Queue::Recent).unwrap();
    assert_eq!(server_row[0].digest.subject, "Не відкривається митна декларація");
}

#[test]
fn queues_and_their_counts_agree_with_pending_actions() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let mut other = ticket("t-3", "HD-2026-000003", "Чужа група");
    other.ticket.group = "ncts-l2".into();
    replica
        .store_page(&page(
            vec![
                (
                    "group:eais-l2",
                    1,
                    ChangeBody::Ticket {
                        ticket: Box::new(ticket("t-1", "HD-2026-000001", "Перше")),
                    },
                ),
                (
                    "group:eais-l2",
                    2,
                    ChangeBody::Ticket {
                        ticket: Box::new(ticket("t-2", "HD-2026-000002", "Друге")),
                    },
                ),
                ("user:u-ana", 1, ChangeBody::Ticket { ticket: Box::new(other) }),
            ],
            &[("group:eais-l2", 2), ("user:u-ana", 1)],
            false,
        ))
        .unwrap();
    replica
        .enqueue(
            "t-2",
            serde_json::from_value(serde_json::json!({"op": "take"})).unwrap(),
            at("2026-11-23T09:00:00Z"),
        )
        .unwrap();
    let counts = replica.queue_counts().unwrap();
    for (queue, count) in [
        (Queue::Mine, counts.mine),
        (Queue::Group, counts.group),
        (Queue::Unassigned, counts.unassigned),
        (Queue::Awaiting, counts.awaiting),
        (Queue::Recent, counts.recent),
    ] {
        assert_eq!(replica.queue(queue).unwrap().len() as u64, count, "{queue:?}");
    }
    assert_eq!((counts.mine, counts.group, counts.unassigned, counts.recent), (1, 2, 1, 3));
    let mine = replica.queue(Queue::Mine).unwrap();
    assert_eq!(mine[0].number, "HD-2026-000002");
    assert_eq!(mine[0].pending_ops, 1);
    assert!(mine[0]
        .digest
        .clock
        .iter()
        .any(|e| matches!(e.kind, helpdesk_domain::sla::ClockEventKind::Status { .. })));
}

fn numbers(rows: &[helpdesk_replica::QueueRow]) -> Vec<&str> {
    rows.iter().map(|r| r.number.as_str()).collect()
}

#[test]
fn a_queue_s_first_rows_come_with_its_ties_and_the_count_groups_and_owners_of_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let mut newest = ticket("t-4", "HD-2026-000004", "Найновіша");
    newest.ticket.updated_at = at("2026-11-23T09:00:00Z");
    let mut oldest = ticket("t-5", "HD-2026-000005", "Найстаріша");
    oldest.ticket.updated_at = at("2026-11-23T07:00:00Z");
    oldest.ticket.owner = Some("u-bob".into());
    let mut other = ticket("t-3", "HD-2026-000003", "Чужа група");
    other.ticket.group = "ncts-l2".into();
    let change = |seq, view: TicketView| ("group:eais-l2", seq, ChangeBody::Ticket { ticket: Box::new(view) });
    replica
        .store_page(&page(
            vec![
                change(1, ticket("t-1", "HD-2026-000001", "Перше")),
                change(2, ticket("t-2", "HD-2026-000002", "Друге")),
                change(3, other),
                change(4, newest),
                change(5, oldest),
            ],
            &[("group:eais-l2", 5)],
            false,
        ))
        .unwrap();
    let head = replica.queue_head(Queue::Recent, 1).unwrap();
    assert_eq!(numbers(&head.rows), ["HD-2026-000004"]);
    assert_eq!(head.total, 5);
    assert_eq!(head.groups.iter().map(String::as_str).collect::<Vec<_>>(), ["eais-l2", "ncts-l2"]);
    assert_eq!(head.owners.iter().map(String::as_str).collect::<Vec<_>>(), ["u-bob"]);
    // The second row was updated at the same moment as two more: all
    // three come, so that any order among them can be cut.
    let head = replica.queue_head(Queue::Recent, 2).unwrap();
    assert_eq!(head.rows.len(), 4, "{:?}", numbers(&head.rows));
    assert!(!numbers(&head.rows).contains(&"HD-2026-000005"));
    assert_eq!(replica.queue_head(Queue::Recent, 5).unwrap().rows, replica.queue(Queue::Recent).unwrap());

    // A ticket taken offline shows as the action left it, in its place.
    replica
        .enqueue(
            "t-2",
            serde_json::from_value(serde_json::json!({"op": "take"})).unwrap(),
            at("2026-11-23T09:30:00Z"),
        )
        .unwrap();
    let head = replica.queue_head(Queue::Mine, 1).unwrap();
    assert_eq!((numbers(&head.rows), head.total), (vec!["HD-2026-000002"], 1));
    assert_eq!((head.rows[0].owner.as_deref(), head.rows[0].pending_ops), (Some("u-ana"), 1));
    assert_eq!(head.owners.iter().map(String::as_str).collect::<Vec<_>>(), ["u-ana"]);
    for queue in [Queue::Mine, Queue::Group, Queue::Unassigned, Queue::Awaiting, Queue::Recent] {
        assert_eq!(replica.queue_head(queue, usize::MAX).unwrap().rows, replica.queue(queue).unwrap(), "{queue:?}");
    }
}

/// A ticket of primorye-social waiting for the requester after one request
/// for information by the analyst.
fn primorye_awaiting_once() -> TicketView {
    let mut view = ticket("t-4", "HD-2026-000004", "Не формируется выплата");
    view.policy = "primorye-social".into();
    let ana = helpdesk_domain::workflow::Actor {
        user_id: "u-ana".into(),
        role: Role::Analyst,
        groups: vec![helpdesk_domain::workflow::Membership {
            group: "eais-l2".into(),
            line: Line::L2,
        }],
        permissions: Permissions::default(),
    };
    for (op, minute) in [
        (serde_json::json!({"op": "take"}), 1),
        (serde_json::json!({"op": "request_info", "question": "Уточните СНИЛС"}), 2),
    ] {
        let op: Op = serde_json::from_value(op).unwrap();
        let applied = helpdesk_domain::workflow::apply(&view.ticket, &op, &ana, at("2026-11-23T08:00:00Z") + chrono::Duration::minutes(minute)).unwrap();
        view.ticket = applied.ticket;
        view.events.extend(applied.events);
    }
    assert_eq!(view.ticket.info_requests, 1);
    view
}

/// 004 §3.5 offline: the replica checks a rejection for no response under
/// the limits the caller gives for the ticket's policy (one request), keeps
/// them with the action so the optimistic view — also after a reopen — and
/// a retry use the same ones; without them (002 §7.5(2)'s two) it refuses.
#[test]
fn offline_rejection_for_no_response_uses_the_limits_it_was_given_004_s3_5() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let view = primorye_awaiting_once();
    replica
        .store_page(&page(
            vec![(
                "group:eais-l2",
                1,
                ChangeBody::Ticket {
                    ticket: Box::new(view.clone()),
                },
            )],
            &[("group:eais-l2", 1)],
            false,
        ))
        .unwrap();
    assert_eq!(replica.ticket_policy("HD-2026-000004").unwrap().as_deref(), Some("primorye-social"));
    assert_eq!(replica.ticket_policy("t-4").unwrap().as_deref(), Some("primorye-social"));
    assert_eq!(replica.ticket_policy("t-404").unwrap(), None);
    let reject = || -> Op {
        serde_json::from_value(serde_json::json!({"op": "reject", "reason": "no_response", "note": "Нет ответа 2 рабочих дня"})).unwrap()
    };
    let now = at("2026-11-26T09:00:00Z");

    match replica.enqueue("t-4", reject(), now) {
        Err(ReplicaError::Refused(r)) => assert_eq!(r.code(), "too_few_info_requests"),
        other => panic!("{other:?}"),
    }
    assert_eq!(replica.pending_count().unwrap(), 0, "refused: nothing written");

    let primorye = helpdesk_domain::policy::Policy::preset("primorye-social").unwrap().workflow_limits();
    let done = replica.enqueue_with("t-4", reject(), primorye, now).unwrap();
    assert_eq!(done.view.ticket.status, helpdesk_domain::Status::Closed);
    drop(replica);
    let mut replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    assert_eq!(
        replica.ticket("t-4").unwrap().unwrap().ticket.status,
        helpdesk_domain::Status::Closed,
        "replayed under the limits it was enqueued with"
    );

    // The server did not apply it (say, a conflict): retried under the same limits.
    replica
        .record_results(
            &[PushResult {
                seq: done.seq,
                op_id: done.op_id,
                outcome: OpOutcome::Conflict {
                    reason: "changed".into(),
                    current: Box::new(view),
                },
            }],
            at("2026-11-26T09:01:00Z"),
        )
        .unwrap();
    let retried = replica.retry(done.seq, at("2026-11-26T09:02:00Z")).unwrap();
    assert_eq!(retried.view.ticket.status, helpdesk_domain::Status::Closed);
    assert_eq!(replica.pending_count().unwrap(), 1);
}

/// The notifier reads only the tickets changed since its last scan.
#[test]
fn tickets_updated_after_a_time_are_the_ones_the_server_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let mut older = ticket("t-1", "HD-2026-000001", "Старе");
    older.ticket.updated_at = at("2026-11-23T08:00:00Z");
    let mut newer = ticket("t-2", "HD-2026-000002", "Нове");
    newer.ticket.updated_at = at("2026-11-23T10:00:00Z");
    let mut newest = ticket("t-3", "HD-2026-000003", "Найновіше");
    newest.ticket.updated_at = at("2026-11-23T11:00:00Z");
    replica
        .store_page(&page(
            vec![
                ("group:eais-l2", 1, ChangeBody::Ticket { ticket: Box::new(older) }),
                ("group:eais-l2", 2, ChangeBody::Ticket { ticket: Box::new(newer) }),
                ("group:eais-l2", 3, ChangeBody::Ticket { ticket: Box::new(newest) }),
            ],
            &[("group:eais-l2", 3)],
            false,
        ))
        .unwrap();
    assert_eq!(replica.tickets_updated_after(at("2026-11-23T09:00:00Z")).unwrap(), ["t-3", "t-2"]);
    assert_eq!(replica.tickets_updated_after(at("2026-11-23T10:00:00Z")).unwrap(), ["t-3"]);
    assert!(replica.tickets_updated_after(at("2026-11-23T11:00:00Z")).unwrap().is_empty());
}

#[test]
fn settings_recorded_together_are_set_and_removed_in_one_commit_and_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    replica.set_setting(SettingKey::LastSyncError, r#"{"message":"offline"}"#).unwrap();
    replica
        .record_settings(&[
            (SettingKey::Directory, Some(r#"{"groups":[],"users":[]}"#)),
            (SettingKey::LastSync, Some("2026-12-05T10:00:00+00:00")),
            (SettingKey::LastSyncError, None),
        ])
        .unwrap();
    drop(replica);
    let replica = Replica::open(&dir.path().join("replica.db")).unwrap();
    assert_eq!(replica.setting(SettingKey::Directory).unwrap().as_deref(), Some(r#"{"groups":[],"users":[]}"#));
    assert_eq!(replica.setting(SettingKey::LastSync).unwrap().as_deref(), Some("2026-12-05T10:00:00+00:00"));
    assert_eq!(replica.setting(SettingKey::LastSyncError).unwrap(), None);
}
