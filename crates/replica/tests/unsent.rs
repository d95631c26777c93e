//! Which entries of a ticket the server does not have yet (issue 13,
//! item 3): the comments and events of actions still in the outbox, not
//! those the server applied before a pull brought them.

use chrono::{DateTime, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{register, NewTicket, Requester, RequesterKind};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::{Channel, Impact, Line, Urgency};
use helpdesk_protocol::{Change, ChangeBody, GroupInfo, Me, OpOutcome, PullResponse, PushResult, TicketView};
use helpdesk_replica::Replica;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn op(json: serde_json::Value) -> Op {
    serde_json::from_value(json).unwrap()
}

fn signed_in(dir: &tempfile::TempDir) -> Replica {
    let replica = Replica::open(&dir.path().join("replica.db")).unwrap();
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

fn ticket() -> TicketView {
    let new = NewTicket {
        id: "t-1".into(),
        number: "HD-2026-000001".into(),
        ticket_type: Some(helpdesk_domain::TicketType::Incident),
        subject: "Не відкривається МД".into(),
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

fn store(replica: &mut Replica, view: TicketView, seq: u64) {
    replica
        .store_page(&PullResponse {
            changes: vec![Change {
                bucket: "group:eais-l2".into(),
                seq,
                body: ChangeBody::Ticket { ticket: Box::new(view) },
            }],
            cursors: [("group:eais-l2".to_string(), seq)].into_iter().collect(),
            has_more: false,
            client_last_seq: 0,
            server_time: at("2026-11-23T09:00:00Z"),
            deltas: false,
            change_count: 1,
        })
        .unwrap();
}

#[test]
fn entries_of_unsent_actions_are_marked_until_the_server_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = signed_in(&dir);
    let server = ticket();
    let registered = server.events.len();
    store(&mut replica, server, 1);
    let (_, nothing) = replica.ticket_with_unsent("t-1").unwrap().unwrap();
    assert!(nothing.events.is_empty() && nothing.comments.is_empty(), "{nothing:?}");

    let take = replica
        .enqueue("t-1", op(serde_json::json!({"op": "take"})), at("2026-11-23T09:00:00Z"))
        .unwrap();
    let note = op(serde_json::json!({"op": "comment", "text": "Перевіряю журнал", "visibility": "internal"}));
    replica.enqueue("t-1", note, at("2026-11-23T09:01:00Z")).unwrap();
    let (view, unsent) = replica.ticket_with_unsent("HD-2026-000001").unwrap().unwrap();
    assert_eq!(unsent.comments, vec![0]);
    assert_eq!(view.ticket.comments[0].text, "Перевіряю журнал");
    assert_eq!(
        unsent.events,
        (registered..view.events.len()).collect::<Vec<_>>(),
        "the take's and the note's events"
    );

    // The server applied the take; no pull has brought it yet: it is sent,
    // the note still is not.
    replica
        .record_results(
            &[PushResult {
                seq: take.seq,
                op_id: take.op_id,
                outcome: OpOutcome::Applied { version: 2, number: None },
            }],
            at("2026-11-23T09:02:00Z"),
        )
        .unwrap();
    let (view, unsent) = replica.ticket_with_unsent("t-1").unwrap().unwrap();
    assert_eq!(unsent.comments, vec![0]);
    assert_eq!(unsent.events, vec![view.events.len() - 1], "only the note's event");
    assert_eq!(view.ticket.owner.as_deref(), Some("u-ana"), "the applied take still shows");
}
