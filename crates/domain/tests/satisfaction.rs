//! 003 §6.1.12, §6.2.5: the requester rates the answer (a score and a
//! comment) once the ticket is closed; the rating is kept once and feeds
//! the satisfaction KPI.

mod common;
mod ticket_fixtures;

use helpdesk_domain::ops::Op;
use helpdesk_domain::satisfaction::SCORES;
use helpdesk_domain::ticket::{CloseBasis, Ticket};
use helpdesk_domain::workflow::EventKind;
use helpdesk_domain::{Status, TicketType};
use ticket_fixtures::{ana, at, ok, refused, requester, taken};

fn resolved() -> Ticket {
    let resolve = Op::Resolve {
        code: "fixed".into(),
        text: "The certificate was renewed".into(),
        kb: vec![],
    };
    ok(&taken(TicketType::Incident), resolve, &ana(), 10).ticket
}

fn closed() -> Ticket {
    ok(&resolved(), Op::Close { basis: CloseBasis::Confirmed }, &requester(), 20).ticket
}

fn rate(score: u8, comment: &str) -> Op {
    Op::Rate {
        score,
        comment: comment.into(),
    }
}

/// 003 §6.1.12: after confirming the resolution, the requester rates the
/// answer; the score, the comment and the moment are kept, and recorded.
#[test]
fn c003_s6_1_12_the_requester_rates_a_closed_ticket() {
    let a = ok(&closed(), rate(4, "  Solved the same day  "), &requester(), 30);
    assert_eq!(a.ticket.status, Status::Closed);
    let s = a.ticket.satisfaction.clone().expect("the rating is kept");
    assert_eq!((s.score, s.comment.as_str(), s.at), (4, "Solved the same day", at(30)));
    assert!(matches!(&a.events[..], [e] if matches!(&e.kind, EventKind::Rated { score: 4, comment } if comment == "Solved the same day")));
    // A comment is optional.
    assert_eq!(ok(&closed(), rate(5, ""), &requester(), 30).ticket.satisfaction.unwrap().comment, "");
}

/// 003 §6.2.5: one rating per ticket — a second would count the requester twice.
#[test]
fn c003_s6_2_5_a_ticket_is_rated_once() {
    let rated = ok(&closed(), rate(2, "slow"), &requester(), 30).ticket;
    let e = refused(&rated, rate(5, "changed my mind"), &requester(), 40);
    assert_eq!(e.code(), "same_value", "{e}");
    assert_eq!(rated.satisfaction.unwrap().score, 2);
}

/// 003 §6.1.12: the score is on the scale (1–5); anything else is refused
/// naming the field.
#[test]
fn c003_s6_1_12_the_score_is_on_the_scale() {
    let t = closed();
    for score in [0, *SCORES.end() + 1, 255] {
        let e = refused(&t, rate(score, ""), &requester(), 30);
        assert_eq!(e.code(), "invalid_input", "{score}");
        assert!(e.to_string().contains("`score`"), "{e}");
    }
    for score in SCORES {
        assert!(ok(&t, rate(score, ""), &requester(), 30).ticket.satisfaction.is_some());
    }
}

/// 003 §6.1.12: the answer is rated once it is accepted — not while the
/// ticket is open or only resolved (the requester confirms or reopens first).
#[test]
fn c003_s6_1_12_an_open_or_resolved_ticket_is_not_rated_yet() {
    for t in [taken(TicketType::Incident), resolved()] {
        assert_eq!(refused(&t, rate(5, ""), &requester(), 30).code(), "wrong_status");
    }
}
