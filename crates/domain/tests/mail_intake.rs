//! What an e-mail to the desk becomes, per clause (`helpdesk_domain::mail_intake`).

mod ticket_fixtures;

use helpdesk_domain::mail_intake::{email_registration, is_automatic, number_in_subject, reply_text, reply_to, Reply, Sender};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{register, Visibility};
use helpdesk_domain::{Channel, TicketType};
use ticket_fixtures::{ana, ok, t0, taken};

/// Subjects carry `[#NUMBER]` (issue 15): the number is found wherever the
/// mail client put it, and nothing else passes for one.
#[test]
fn c000_s19_the_ticket_number_is_read_from_the_subject() {
    assert_eq!(number_in_subject("Re: [#HD-2026-000123] Ваш запит зареєстровано"), Some("HD-2026-000123"));
    assert_eq!(number_in_subject("Fwd: RE: [# ID-7 ] x"), Some("ID-7"));
    assert_eq!(number_in_subject("[#] empty"), None);
    assert_eq!(number_in_subject("[#HD 1; DROP] no"), None);
    assert_eq!(number_in_subject("HD-2026-000123 without brackets"), None);
}

/// 004 §3.2: the requester's answer to a request for information is an
/// `info_received`; at any other time their reply is a public comment.
#[test]
fn c004_s3_2_a_reply_answers_a_pending_request_else_it_is_a_public_comment() {
    let asked = ok(
        &taken(TicketType::Incident),
        Op::RequestInfo {
            question: "Номер МД?".into()
        },
        &ana(),
        2,
    )
    .ticket;
    let body = "Номер 25UA1\n\nOn Mon the desk wrote:\n> Номер МД?\n";
    assert_eq!(
        reply_to(&asked, "IVAN@transit.ua", None, body),
        Reply::Answer(Op::InfoReceived {
            text: "Номер 25UA1".into(),
            attachments: vec![],
        })
    );
    let working = taken(TicketType::Incident);
    assert_eq!(
        reply_to(&working, "ivan@transit.ua", None, "Дякую"),
        Reply::Answer(Op::Comment {
            visibility: Visibility::Public,
            text: "Дякую".into(),
            attachments: vec![],
        })
    );
}

/// SPEC §5 (a requester reads and writes only their own tickets): a mail
/// naming a ticket from anyone but its requester is not theirs to comment.
#[test]
fn c000_s19_only_the_requesters_address_answers_a_ticket() {
    let t = taken(TicketType::Incident);
    assert_eq!(reply_to(&t, "someone@else.ua", None, "x"), Reply::NotTheRequester);
    assert!(
        matches!(reply_to(&t, "someone@else.ua", Some("someone@else.ua"), "x"), Reply::Answer(_)),
        "the account's address counts too"
    );
}

/// 000 §19, 001 §III.6: a request by e-mail is registered with channel
/// e-mail for L1 to classify; the registration rules accept it as it is.
#[test]
fn c001_s3_6_a_request_by_mail_registers_with_channel_email() {
    let sender = Sender {
        address: "caller@example.com".into(),
        name: "Олена Петрук".into(),
        user_id: None,
        organisation: None,
    };
    let mut form = email_registration(&sender, "  Не працює ЄАІС ", "Помилка під час входу");
    assert_eq!(form.channel, Some(Channel::Email));
    assert_eq!(form.subject, "Не працює ЄАІС");
    assert_eq!(form.requester.email.as_deref(), Some("caller@example.com"));
    form.id = "t-9".into();
    form.number = "HD-9".into();
    form.group = "L1".into();
    form.line = Some(helpdesk_domain::Line::L1);
    let registered = register(form, "system", t0()).expect("a request by e-mail registers");
    assert_eq!(registered.ticket.channel, Channel::Email);
}

/// RFC 3834: automatic replies are never taken in (no loops between robots).
#[test]
fn rfc3834_automatic_mail_is_not_taken_in() {
    assert!(is_automatic(Some("auto-replied")));
    assert!(is_automatic(Some("auto-generated")));
    assert!(!is_automatic(Some("no")));
    assert!(!is_automatic(None));
}

/// The requester's own words: quoted lines and the quotation header go.
#[test]
fn c004_s3_2_quoted_text_is_left_out_of_an_answer() {
    assert_eq!(reply_text("Так\n\nВт, 1 груд. служба пише:\n> питання\n>> старе"), "Так");
    assert_eq!(reply_text(&"я".repeat(20_000)).chars().count(), 10_000);
}
