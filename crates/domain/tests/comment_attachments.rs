//! Files that come after the registration: with a public comment or the
//! requester's answer to a request for information (000 §19: the requester
//! attaches files; 004 §2.3.1.8: a ticket's details may contain files;
//! issue 15 §3: a reply by e-mail brings its attachments).

mod ticket_fixtures;

use helpdesk_domain::attachments::MAX_ATTACHMENTS;
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{Attachment, Visibility};
use helpdesk_domain::{Status, TicketType};
use ticket_fixtures::{ana, ok, refused, requester, taken};

fn file(n: usize) -> Attachment {
    Attachment {
        name: format!("screen-{n}.png"),
        sha256: format!("{n:064x}"),
        size: 1000 + n as u64,
    }
}

fn public(text: &str, attachments: Vec<Attachment>) -> Op {
    Op::Comment {
        visibility: Visibility::Public,
        text: text.into(),
        attachments,
    }
}

/// 000 §19, 004 §2.3.1.8: the requester's public comment brings its files
/// into the ticket's attachments, after those of the registration.
#[test]
fn c004_s2_3_1_8_a_public_comment_adds_its_files_to_the_ticket() {
    let t = taken(TicketType::Incident);
    let before = t.attachments.len();
    let applied = ok(&t, public("Знімок екрана помилки", vec![file(1), file(2)]), &requester(), 5);
    assert_eq!(applied.ticket.attachments.len(), before + 2);
    assert_eq!(&applied.ticket.attachments[before..], &[file(1), file(2)]);
    assert_eq!(applied.ticket.comments.last().map(|c| c.text.as_str()), Some("Знімок екрана помилки"));
}

/// 004 §3.2: the answer to a request for information may bring the file
/// asked for; the ticket goes back to work with it.
#[test]
fn c004_s3_2_the_answer_to_a_request_for_information_brings_its_files() {
    let asked = ok(
        &taken(TicketType::Incident),
        Op::RequestInfo {
            question: "Надішліть, будь ласка, лог-файл".into(),
        },
        &ana(),
        2,
    )
    .ticket;
    let answer = Op::InfoReceived {
        text: "Лог у вкладенні".into(),
        attachments: vec![file(7)],
    };
    let applied = ok(&asked, answer, &requester(), 9);
    assert_eq!(applied.ticket.status, Status::InProgress);
    assert_eq!(applied.ticket.attachments.last(), Some(&file(7)));
}

/// A requester sees every attachment of their ticket but never an internal
/// comment (000 §19): so an internal comment brings no files, and says so.
#[test]
fn c000_s19_an_internal_comment_brings_no_files_the_requester_would_see() {
    let t = taken(TicketType::Incident);
    let op = Op::Comment {
        visibility: Visibility::Internal,
        text: "Дамп бази".into(),
        attachments: vec![file(3)],
    };
    let refusal = refused(&t, op, &ana(), 5);
    assert_eq!(refusal.code(), "invalid_input");
    let message = refusal.to_string();
    assert!(message.contains("attachments") && message.contains("public comment"), "{message}");
    // Without files, the internal comment is fine.
    let plain = Op::Comment {
        visibility: Visibility::Internal,
        text: "Дамп бази".into(),
        attachments: vec![],
    };
    assert_eq!(ok(&t, plain, &ana(), 6).ticket.attachments, t.attachments);
}

/// The per-ticket limit counts the files of every comment: the ones that
/// would pass it are refused, naming the limit and what to do; up to the
/// limit they are taken.
#[test]
fn c000_s19_files_beyond_the_tickets_limit_are_refused_with_the_limit_named() {
    let t = taken(TicketType::Incident);
    let room = MAX_ATTACHMENTS - t.attachments.len();
    let first: Vec<Attachment> = (0..room - 1).map(file).collect();
    let nearly_full = ok(&t, public("Перша частина", first), &requester(), 5).ticket;
    let too_many = refused(&nearly_full, public("Ще два", vec![file(900), file(901)]), &requester(), 6);
    assert_eq!(too_many.code(), "invalid_input");
    let message = too_many.to_string();
    assert!(message.contains(&format!("at most {MAX_ATTACHMENTS}")), "{message}");
    assert!(message.contains("archive"), "{message}");
    let full = ok(&nearly_full, public("Останній", vec![file(902)]), &requester(), 7).ticket;
    assert_eq!(full.attachments.len(), MAX_ATTACHMENTS);
}

/// A file is cited by its name and content hash, and is not empty.
#[test]
fn c004_s2_3_1_8_a_malformed_file_is_refused_by_its_field() {
    let t = taken(TicketType::Incident);
    let mut bad = file(1);
    bad.sha256 = "not-a-hash".into();
    let refusal = refused(&t, public("x", vec![file(2), bad]), &requester(), 5);
    assert!(refusal.to_string().contains("attachments[1].sha256"), "{refusal}");
}

/// Old clients and the replica's stored outbox send comments without
/// `attachments`: they still parse, and a comment without files is
/// written as before.
#[test]
fn c000_s19_a_comment_without_attachments_keeps_its_old_json_form() {
    let old: Op = serde_json::from_str(r#"{"op":"comment","visibility":"public","text":"Дякую"}"#).expect("old form parses");
    assert_eq!(old, public("Дякую", vec![]));
    assert_eq!(serde_json::to_string(&old).unwrap(), r#"{"op":"comment","visibility":"public","text":"Дякую"}"#);
    let answer: Op = serde_json::from_str(r#"{"op":"info_received","text":"25UA1"}"#).expect("old form parses");
    assert_eq!(answer.attachments(), &[] as &[Attachment]);
    let with = public("Файл", vec![file(1)]);
    let json = serde_json::to_string(&with).unwrap();
    assert!(json.contains(r#""attachments":[{"name":"screen-1.png""#), "{json}");
    assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), with);
}
