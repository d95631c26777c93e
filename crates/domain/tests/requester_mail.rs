//! Which events a requester is told of by e-mail, per clause
//! (`helpdesk_domain::requester_mail`).

mod ticket_fixtures;

use helpdesk_domain::ops::{AssignTarget, Op};
use helpdesk_domain::requester_mail::{requester_notices, NoticeKind};
use helpdesk_domain::ticket::{register, CloseBasis, RejectReason, Visibility};
use helpdesk_domain::workflow::Applied;
use helpdesk_domain::TicketType;
use ticket_fixtures::{ana, new_ticket, ok, registered, requester, t0, taken};

fn kinds(applied: &Applied) -> Vec<&'static str> {
    requester_notices(&applied.ticket, &applied.events).iter().map(|n| n.kind.as_str()).collect()
}

/// 000 §19: «направлення повідомлення про реєстрацію запиту (номер
/// запиту) відправляються користувачу в електронній формі в автоматичному
/// режимі»; 001 §III.6: the requester is told the number by e-mail.
#[test]
fn c000_s19_registration_is_mailed_to_the_requester() {
    let applied = register(new_ticket(), "olga", t0()).unwrap();
    let notices = requester_notices(&applied.ticket, &applied.events);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].to, "ivan@transit.ua");
    assert_eq!(notices[0].kind, NoticeKind::Registered);
}

/// A requester who registers on the portal themselves is told too: the
/// mail with the number is what makes the request accepted (000 §19).
#[test]
fn c000_s19_own_portal_registration_is_mailed_too() {
    let applied = register(new_ticket(), "req-1", t0()).unwrap();
    assert_eq!(kinds(&applied), ["registered"]);
}

/// 001 §II.3: «адресу електронної поштової скриньки та/або номер
/// телефону» — a requester known by phone alone gets no mail.
#[test]
fn c001_s2_3_a_requester_without_an_address_gets_no_mail() {
    for email in [None, Some(""), Some("  ")] {
        let mut form = new_ticket();
        form.requester.email = email.map(String::from);
        form.requester.phone = Some("+380441234567".into());
        let applied = register(form, "olga", t0()).unwrap();
        assert!(requester_notices(&applied.ticket, &applied.events).is_empty(), "{email:?}");
    }
    let mut applied = register(new_ticket(), "olga", t0()).unwrap();
    applied.ticket.requester.email = Some("not an address".into());
    assert!(requester_notices(&applied.ticket, &applied.events).is_empty());
}

/// 002 §7.5(2) and 004 §3.5: a ticket is rejected for no response only
/// after the requester was asked (twice under 002): each request is mailed,
/// the second with its count.
#[test]
fn c002_s7_5_2_each_request_for_information_is_mailed_with_its_count() {
    let first = ok(
        &taken(TicketType::Incident),
        Op::RequestInfo {
            question: "Який номер МД?".into(),
        },
        &ana(),
        2,
    );
    let notices = requester_notices(&first.ticket, &first.events);
    assert_eq!(
        notices.iter().map(|n| &n.kind).collect::<Vec<_>>(),
        [&NoticeKind::InfoRequested {
            question: "Який номер МД?".into(),
            count: 1
        }]
    );
    let second = ok(
        &first.ticket,
        Op::RequestInfo {
            question: "Нагадуємо: номер МД?".into(),
        },
        &ana(),
        3,
    );
    let notices = requester_notices(&second.ticket, &second.events);
    assert!(
        matches!(&notices[..], [n] if matches!(&n.kind, NoticeKind::InfoRequested { count: 2, .. })),
        "{notices:?}"
    );
}

/// 004 §3.5: the rejection is mailed with its reason and the desk's note.
#[test]
fn c004_s3_5_a_rejection_is_mailed_with_its_reason() {
    let asked = ok(&taken(TicketType::Incident), Op::RequestInfo { question: "?".into() }, &ana(), 2);
    let rejected = ok(
        &asked.ticket,
        Op::Reject {
            reason: RejectReason::Unclear,
            note: "Не вдалося відтворити".into(),
        },
        &ana(),
        3,
    );
    let notices = requester_notices(&rejected.ticket, &rejected.events);
    assert_eq!(
        notices.iter().map(|n| &n.kind).collect::<Vec<_>>(),
        [&NoticeKind::Rejected {
            reason: RejectReason::Unclear,
            note: "Не вдалося відтворити".into()
        }]
    );
}

/// 002 §14.2: a resolution is mailed with a request to confirm it; 002
/// §14.4 closes without the requester only after two requests to confirm,
/// so a further request is mailed too, and so is the closing, with its basis.
#[test]
fn c002_s14_4_resolution_confirmation_requests_and_closing_are_mailed() {
    let resolved = ok(
        &taken(TicketType::Incident),
        Op::Resolve {
            code: "fixed".into(),
            text: "Оновлено сертифікат".into(),
            kb: vec![],
        },
        &ana(),
        2,
    );
    assert_eq!(
        requester_notices(&resolved.ticket, &resolved.events)[0].kind,
        NoticeKind::Resolved {
            text: "Оновлено сертифікат".into()
        }
    );
    let asked = ok(
        &resolved.ticket,
        Op::RequestConfirmation {
            text: "Підтвердіть, будь ласка".into(),
        },
        &ana(),
        3,
    );
    assert_eq!(kinds(&asked), ["confirmation_requested"]);
    let closed = ok(&asked.ticket, Op::Close { basis: CloseBasis::Agreed }, &ana(), 4);
    assert_eq!(
        requester_notices(&closed.ticket, &closed.events)[0].kind,
        NoticeKind::Closed { basis: CloseBasis::Agreed }
    );
}

/// An internal comment is the desk's alone (SPEC §5): never mailed; a
/// public reply is.
#[test]
fn c000_s19_internal_comments_are_never_mailed_public_replies_are() {
    let t = taken(TicketType::Incident);
    let internal = ok(
        &t,
        Op::Comment {
            visibility: Visibility::Internal,
            text: "Перевірити журнал сервера".into(),
            attachments: vec![],
        },
        &ana(),
        2,
    );
    assert!(requester_notices(&internal.ticket, &internal.events).is_empty());
    let public = ok(
        &internal.ticket,
        Op::Comment {
            visibility: Visibility::Public,
            text: "Працюємо над вашим запитом".into(),
            attachments: vec![],
        },
        &ana(),
        3,
    );
    assert_eq!(
        requester_notices(&public.ticket, &public.events)[0].kind,
        NoticeKind::Reply {
            text: "Працюємо над вашим запитом".into()
        }
    );
}

/// The desk's own moves and what the requester did themselves are not mailed.
#[test]
fn c000_s19_desk_moves_and_the_requesters_own_actions_are_not_mailed() {
    let t = registered();
    let assigned = ok(
        &t,
        Op::Assign {
            to: AssignTarget::User("ana".into()),
        },
        &ana(),
        1,
    );
    assert!(kinds(&assigned).is_empty());
    let own = ok(
        &assigned.ticket,
        Op::Comment {
            visibility: Visibility::Public,
            text: "Додаю скріншот".into(),
            attachments: vec![],
        },
        &requester(),
        3,
    );
    assert!(kinds(&own).is_empty());
}

/// A requester without an account who answers by e-mail acts as
/// `REQUESTER_BY_MAIL`: their own words are not mailed back to them.
#[test]
fn c000_s19_an_answer_by_mail_is_not_mailed_back() {
    let by_mail = helpdesk_domain::workflow::Actor {
        user_id: helpdesk_domain::mail_intake::REQUESTER_BY_MAIL.into(),
        role: helpdesk_domain::workflow::Role::Administrator,
        groups: vec![],
        permissions: Default::default(),
    };
    let answered = ok(
        &taken(TicketType::Incident),
        Op::Comment {
            visibility: Visibility::Public,
            text: "Дякую, працює".into(),
            attachments: vec![],
        },
        &by_mail,
        2,
    );
    assert!(kinds(&answered).is_empty());
}
