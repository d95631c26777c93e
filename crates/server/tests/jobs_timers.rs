//! The time-based work of the policies (`jobs::run_once`): auto-close,
//! rejection for no response, SLA warnings and hierarchical escalation —
//! nothing before the term, done once at it, nothing on the next run.

use chrono::{DateTime, Duration, Utc};
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::{CloseBasis, NewTicket, RejectReason, Requester, RequesterKind, Visibility};
use helpdesk_domain::workflow::{EventKind, Permissions, Refusal, Role};
use helpdesk_domain::{Channel, Impact, Line, Status, TicketType, Urgency};
use helpdesk_server::app::auth::Caller;
use helpdesk_server::app::{App, Config};
use helpdesk_server::error::AppError;
use helpdesk_server::jobs::run_once;
use helpdesk_server::store::{tickets as ticket_store, users, Store};
use std::sync::{Arc, Mutex};

const PASSWORD: &str = "correct horse battery";

struct Fixture {
    app: App,
    now: Arc<Mutex<DateTime<Utc>>>,
    _dir: tempfile::TempDir,
}

fn kyiv(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// A policy with every timer, on a 09:00–18:00 Mon–Fri Kyiv calendar.
const TEST_POLICY: &str = r#"
id = "test-timers"
name = "Тестова політика з таймерами"
extends = "customs-helpdesk"

[calendar]
time_zone = "Europe/Kyiv"

[calendar.week]
mon = ["09:00-18:00"]
tue = ["09:00-18:00"]
wed = ["09:00-18:00"]
thu = ["09:00-18:00"]
fri = ["09:00-18:00"]

[timers]
auto_close = { after = "3 working days" }
reject_no_response = { after = "2 working days", min_requests = 2 }
hierarchical_escalation_at = 0.5
"#;

impl Fixture {
    fn new(default_policy: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let now = Arc::new(Mutex::new(kyiv("2026-11-23T10:00:00+02:00")));
        let clock = now.clone();
        let store = Store::open(dir.path()).unwrap();
        let config = Config {
            default_policy: default_policy.into(),
            ..Config::default()
        };
        let app = App::new(store, Arc::new(move || *clock.lock().unwrap()), config).unwrap();
        app.import_policy(TEST_POLICY).unwrap();
        for (id, name, line) in [("cc-l1", "Контакт-центр", Line::L1), ("eais-l2", "Технічний адміністратор ЄАІС", Line::L2)]
        {
            app.store.write(|tx| users::insert_group(tx, id, name, line)).unwrap();
        }
        for (username, role, group, lead) in [
            ("olga", Role::Analyst, Some("cc-l1"), false),
            ("ana", Role::Analyst, Some("eais-l2"), false),
            ("lead", Role::Analyst, Some("eais-l2"), true),
            ("req", Role::SelfService, None, false),
        ] {
            let user = app
                .create_user(
                    username,
                    username,
                    PASSWORD,
                    role,
                    Permissions {
                        group_lead: lead,
                        kb_editor: false,
                    },
                )
                .unwrap();
            if let Some(g) = group {
                app.store.write(|tx| users::add_member(tx, g, &user.id)).unwrap();
            }
        }
        Fixture { app, now, _dir: dir }
    }

    fn set(&self, at: DateTime<Utc>) {
        *self.now.lock().unwrap() = at;
    }

    fn caller(&self, username: &str) -> Caller {
        let login = self.app.login(username, PASSWORD, "").unwrap();
        self.app.authenticate(&login.token).unwrap()
    }

    /// Registers an incident of priority 2 (8 h) for eais-l2 at the clock's time.
    fn register(&self) -> String {
        let olga = self.caller("olga");
        let req = self.app.store.read(|c| users::user_by_username(c, "req")).unwrap().unwrap();
        let new = NewTicket {
            ticket_type: Some(TicketType::Incident),
            subject: "Не відкривається МД в АСМО «Інспектор»".into(),
            description: "Помилка 500 під час відкриття МД".into(),
            service: "ЄАІС".into(),
            channel: Some(Channel::Phone),
            requester: Requester {
                kind: Some(RequesterKind::Official),
                name: "Петро Іваненко".into(),
                customs_unit: Some("Київська митниця".into()),
                position: Some("головний інспектор".into()),
                phone: Some("+380441234567".into()),
                user_id: Some(req.id),
                ..Requester::default()
            },
            impact: Some(Impact::Medium),
            urgency: Some(Urgency::High),
            group: "eais-l2".into(),
            expected_result: Some("МД відкривається".into()),
            actual_result: Some("Помилка 500".into()),
            ..NewTicket::default()
        };
        self.app.register_ticket(&olga, new).unwrap().ticket.id
    }

    fn act_at(&self, at: DateTime<Utc>, username: &str, ticket: &str, op: Op) {
        self.set(at);
        let caller = self.caller(username);
        if let Err((reason, _)) = self.app.act(&caller, ticket, &op, None).unwrap() {
            panic!("conflict: {reason}");
        }
    }

    fn ticket(&self, id: &str) -> (helpdesk_domain::ticket::Ticket, Vec<helpdesk_domain::workflow::TicketEvent>) {
        self.app
            .store
            .read(|c| {
                let (t, _) = ticket_store::get(c, id)?.unwrap();
                let e = ticket_store::events(c, id)?;
                Ok::<_, helpdesk_server::store::StoreError>((t, e))
            })
            .unwrap()
    }

    fn audit_count(&self, action: &str, object: &str) -> i64 {
        self.app
            .store
            .read(|c| {
                c.scalar::<i64>(
                    "SELECT count(*) FROM audit WHERE action = ?1 AND object = ?2",
                    helpdesk_server::args![action, object],
                )
            })
            .unwrap()
    }
}

#[test]
fn ncts_transit_auto_closes_ten_calendar_days_after_resolution() {
    let f = Fixture::new("ncts-transit");
    let id = f.register();
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
    f.act_at(
        t0 + Duration::minutes(60),
        "ana",
        &id,
        Op::Resolve {
            code: "fixed".into(),
            text: "Виправлено".into(),
            kb: vec![],
        },
    );
    // Resolved Monday 23.11 11:00; the 10th calendar day is Thursday 3.12,
    // a working day; the term expires at its close, 17:00 Kyiv (001 §III.9(6)).
    let due = kyiv("2026-12-03T17:00:00+02:00");
    let policy = f.app.policy("ncts-transit").unwrap();
    let after = policy.policy.timers.as_ref().unwrap().auto_close.as_ref().unwrap().after;
    assert_eq!(policy.main_calendar().term_end(t0 + Duration::minutes(60), after).unwrap(), due);

    for at in [t0 + Duration::days(2), due - Duration::seconds(1)] {
        let report = run_once(&f.app, at).unwrap();
        assert!(report.auto_closed.is_empty(), "closed too early at {at}: {report:?}");
        assert_eq!(f.ticket(&id).0.status, Status::Resolved);
    }
    let report = run_once(&f.app, due).unwrap();
    let (ticket, events) = f.ticket(&id);
    assert_eq!(report.auto_closed, vec![ticket.number.clone()], "{report:?}");
    assert_eq!(ticket.status, Status::Closed);
    let closed = events.iter().find(|e| matches!(e.kind, EventKind::Closed { .. })).unwrap();
    assert_eq!(closed.kind, EventKind::Closed { basis: CloseBasis::Auto });
    assert_eq!(closed.actor, "system");
    assert_eq!(closed.at, due);
    assert_eq!(f.audit_count("auto_close", &id), 1);

    let again = run_once(&f.app, due + Duration::hours(1)).unwrap();
    assert!(again.auto_closed.is_empty(), "{again:?}");
    assert_eq!(f.audit_count("auto_close", &id), 1);
}

#[test]
fn no_timers_no_auto_close() {
    // customs-helpdesk has no timers: a resolved ticket waits for confirmation.
    let f = Fixture::new("customs-helpdesk");
    let id = f.register();
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
    f.act_at(
        t0 + Duration::minutes(60),
        "ana",
        &id,
        Op::Resolve {
            code: "fixed".into(),
            text: "Виправлено".into(),
            kb: vec![],
        },
    );
    let report = run_once(&f.app, t0 + Duration::days(90)).unwrap();
    assert!(report.auto_closed.is_empty());
    assert_eq!(f.ticket(&id).0.status, Status::Resolved);
}

#[test]
fn working_day_auto_close_under_an_own_policy() {
    let f = Fixture::new("test-timers");
    let id = f.register();
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
    // Resolved Friday 27.11 at 12:00: 3 working days → Wednesday 2.12, 18:00.
    f.act_at(
        kyiv("2026-11-27T12:00:00+02:00"),
        "ana",
        &id,
        Op::Resolve {
            code: "fixed".into(),
            text: "Виправлено".into(),
            kb: vec![],
        },
    );
    let due = kyiv("2026-12-02T18:00:00+02:00");
    assert!(run_once(&f.app, due - Duration::minutes(1)).unwrap().auto_closed.is_empty());
    assert_eq!(f.ticket(&id).0.status, Status::Resolved);
    assert_eq!(run_once(&f.app, due).unwrap().auto_closed.len(), 1);
    assert_eq!(f.ticket(&id).0.status, Status::Closed);
    assert!(run_once(&f.app, due + Duration::days(1)).unwrap().auto_closed.is_empty());
}

#[test]
fn rejection_for_no_response_after_the_term_and_two_requests() {
    let f = Fixture::new("test-timers");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let twice = f.register();
    let once = f.register();
    for id in [&twice, &once] {
        f.act_at(t0 + Duration::minutes(5), "ana", id, Op::Take {});
        f.act_at(
            t0 + Duration::minutes(10),
            "ana",
            id,
            Op::RequestInfo {
                question: "Надайте знімок екрана".into(),
            },
        );
    }
    // The second request on Tuesday 24.11 at 11:00: 2 working days → Thursday 26.11, 18:00.
    let asked = kyiv("2026-11-24T11:00:00+02:00");
    f.act_at(
        asked,
        "ana",
        &twice,
        Op::RequestInfo {
            question: "Повторно: надайте знімок екрана".into(),
        },
    );
    let due = kyiv("2026-11-26T18:00:00+02:00");
    for at in [asked + Duration::hours(5), due - Duration::seconds(1)] {
        let report = run_once(&f.app, at).unwrap();
        assert!(report.rejected.is_empty(), "rejected too early at {at}: {report:?}");
    }
    let report = run_once(&f.app, due).unwrap();
    let (ticket, events) = f.ticket(&twice);
    assert_eq!(report.rejected, vec![ticket.number.clone()], "{report:?}");
    assert_eq!(ticket.status, Status::Closed);
    assert_eq!(ticket.rejection.as_ref().unwrap().reason, RejectReason::NoResponse);
    let rejected = events.iter().find(|e| matches!(e.kind, EventKind::Rejected { .. })).unwrap();
    assert_eq!(rejected.actor, "system");
    // One request only: the policy wants two, so it keeps waiting.
    assert_eq!(f.ticket(&once).0.status, Status::AwaitingInfo);

    let later = run_once(&f.app, due + Duration::days(30)).unwrap();
    assert!(later.rejected.is_empty(), "{later:?}");
    assert_eq!(f.ticket(&once).0.status, Status::AwaitingInfo);
    assert_eq!(f.audit_count("auto_reject", &twice), 1);
}

#[test]
fn an_answer_stops_the_rejection() {
    let f = Fixture::new("test-timers");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let id = f.register();
    f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
    for h in [1, 2] {
        f.act_at(
            t0 + Duration::hours(h),
            "ana",
            &id,
            Op::RequestInfo {
                question: "Уточніть номер МД".into(),
            },
        );
    }
    f.act_at(
        t0 + Duration::hours(3),
        "req",
        &id,
        Op::InfoReceived {
            text: "UA100010/2026/000123".into(),
            attachments: vec![],
        },
    );
    let report = run_once(&f.app, t0 + Duration::days(20)).unwrap();
    assert!(report.rejected.is_empty());
    assert_eq!(f.ticket(&id).0.status, Status::InProgress);
}

#[test]
fn warnings_are_recorded_once_per_threshold() {
    // customs-helpdesk: 24×7, P2 resolution 8 h, reaction 30 min.
    let f = Fixture::new("customs-helpdesk");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let id = f.register();
    f.act_at(t0 + Duration::minutes(10), "ana", &id, Op::Take {});
    let number = f.ticket(&id).0.number;

    let early = run_once(&f.app, t0 + Duration::hours(5)).unwrap();
    assert!(early.warnings.is_empty(), "{early:?}");

    let at75 = run_once(&f.app, t0 + Duration::hours(6) + Duration::minutes(1)).unwrap();
    assert_eq!(at75.warnings, vec![(number.clone(), "resolution".to_string(), 0.75)]);
    let again = run_once(&f.app, t0 + Duration::hours(6) + Duration::minutes(2)).unwrap();
    assert!(again.warnings.is_empty(), "{again:?}");

    let at90 = run_once(&f.app, t0 + Duration::hours(7) + Duration::minutes(15)).unwrap();
    assert_eq!(at90.warnings, vec![(number.clone(), "resolution".to_string(), 0.9)]);

    let breach = run_once(&f.app, t0 + Duration::hours(8) + Duration::minutes(1)).unwrap();
    assert_eq!(breach.warnings, vec![(number.clone(), "resolution".to_string(), 1.0)]);
    assert!(run_once(&f.app, t0 + Duration::hours(30)).unwrap().warnings.is_empty());
    assert_eq!(f.audit_count("sla_warning", &id), 3);

    // A comment changes nothing about the thresholds already recorded.
    f.act_at(
        t0 + Duration::hours(31),
        "ana",
        &id,
        Op::Comment {
            visibility: Visibility::Internal,
            text: "Перевіряю".into(),
            attachments: vec![],
        },
    );
    assert!(run_once(&f.app, t0 + Duration::hours(32)).unwrap().warnings.is_empty());
}

#[test]
fn an_untaken_ticket_warns_about_the_reaction() {
    let f = Fixture::new("customs-helpdesk");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let id = f.register();
    let number = f.ticket(&id).0.number;
    let report = run_once(&f.app, t0 + Duration::minutes(25)).unwrap();
    assert_eq!(report.warnings, vec![(number.clone(), "reaction".to_string(), 0.75)]);
    let report = run_once(&f.app, t0 + Duration::minutes(40)).unwrap();
    assert_eq!(
        report.warnings,
        vec![(number.clone(), "reaction".to_string(), 0.9), (number.clone(), "reaction".to_string(), 1.0)]
    );
    assert_eq!(f.audit_count("sla_warning", &id), 3);
}

/// Under a regulation that pauses (002 §13.10; 000 provides no pause, so
/// customs-helpdesk counts the wait).
#[test]
fn paused_tickets_do_not_warn() {
    let f = Fixture::new("lenobl-budget");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let id = f.register();
    f.act_at(t0 + Duration::minutes(10), "ana", &id, Op::Take {});
    f.act_at(
        t0 + Duration::hours(1),
        "ana",
        &id,
        Op::RequestInfo {
            question: "Уточніть номер МД".into(),
        },
    );
    // Thirty days on: a running clock would long be breached.
    let report = run_once(&f.app, t0 + Duration::days(30)).unwrap();
    assert!(report.warnings.is_empty(), "{report:?}");
}

#[test]
fn hierarchical_escalation_is_flagged_once_with_the_leads() {
    // test-timers: P2 = 8 working hours on 09–18; registered Monday 10:00,
    // taken 10:05 → due Monday 18:00; half of the target is used at 14:00.
    let f = Fixture::new("test-timers");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let id = f.register();
    f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
    let number = f.ticket(&id).0.number;
    let before = run_once(&f.app, kyiv("2026-11-23T13:55:00+02:00")).unwrap();
    assert!(before.escalations.is_empty(), "{before:?}");
    let at = run_once(&f.app, kyiv("2026-11-23T14:01:00+02:00")).unwrap();
    assert_eq!(at.escalations, vec![(number.clone(), "resolution".to_string())]);
    assert!(run_once(&f.app, kyiv("2026-11-23T17:00:00+02:00")).unwrap().escalations.is_empty());
    assert_eq!(f.audit_count("sla_escalation", &id), 1);
    let lead = f.app.store.read(|c| users::user_by_username(c, "lead")).unwrap().unwrap().id;
    let detail: String = f
        .app
        .store
        .read(|c| c.scalar::<String>("SELECT detail FROM audit WHERE action = 'sla_escalation'", &[]))
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["leads"], serde_json::json!([lead]));
    assert_eq!(detail["group"], "eais-l2");
}

/// 004 §3.5: «отсутствие обратной связи от Инициатора в течение 2 рабочих
/// дней с момента направления Запроса» — under primorye-social one request
/// is enough (`reject_no_response = { after = "2 working days",
/// min_requests = 1 }`), and the workflow agrees: nothing is skipped.
#[test]
fn primorye_rejects_for_no_response_after_two_working_days_and_one_request_004_s3_5() {
    let f = Fixture::new("primorye-social");
    let id = f.register();
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
    // Asked on Tuesday 24.11 at 11:00 Vladivostok: 2 working days → Thursday 26.11, 18:00 there.
    let asked = kyiv("2026-11-24T11:00:00+10:00");
    f.act_at(
        asked,
        "ana",
        &id,
        Op::RequestInfo {
            question: "Уточните, пожалуйста, СНИЛС заявителя".into(),
        },
    );
    let due = kyiv("2026-11-26T18:00:00+10:00");
    let policy = f.app.policy("primorye-social").unwrap();
    let rule = policy.policy.timers.as_ref().unwrap().reject_no_response.clone().unwrap();
    assert_eq!(rule.min_requests, 1);
    assert_eq!(policy.main_calendar().term_end(asked, rule.after).unwrap(), due);

    for at in [asked + Duration::hours(5), due - Duration::seconds(1)] {
        let report = run_once(&f.app, at).unwrap();
        assert!(report.rejected.is_empty(), "rejected too early at {at}: {report:?}");
        assert_eq!(f.ticket(&id).0.status, Status::AwaitingInfo);
    }
    let report = run_once(&f.app, due).unwrap();
    let (ticket, events) = f.ticket(&id);
    assert_eq!(report.rejected, vec![ticket.number.clone()], "{report:?}");
    assert!(report.skipped.is_empty() && report.errors.is_empty(), "{report:?}");
    assert_eq!(ticket.status, Status::Closed);
    assert_eq!(ticket.info_requests, 1);
    assert_eq!(ticket.rejection.as_ref().unwrap().reason, RejectReason::NoResponse);
    let rejected = events.iter().find(|e| matches!(e.kind, EventKind::Rejected { .. })).unwrap();
    assert_eq!((rejected.actor.as_str(), rejected.at), ("system", due));
    assert_eq!(f.audit_count("auto_reject", &id), 1);
}

/// The analyst's own rejection goes by the ticket's policy as well: one
/// request under primorye-social (004 §3.5), two under lenobl-budget
/// (002 §7.5(2)).
#[test]
fn a_rejection_by_hand_follows_the_tickets_policy_004_s3_5_and_002_s7_5_2() {
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let no_response = || Op::Reject {
        reason: RejectReason::NoResponse,
        note: "Заявитель не ответил на запрос".into(),
    };
    for (policy, allowed) in [("primorye-social", true), ("lenobl-budget", false), ("customs-helpdesk", false)] {
        let f = Fixture::new(policy);
        let id = f.register();
        f.act_at(t0 + Duration::minutes(5), "ana", &id, Op::Take {});
        f.act_at(
            t0 + Duration::minutes(10),
            "ana",
            &id,
            Op::RequestInfo {
                question: "Уточните данные".into(),
            },
        );
        f.set(t0 + Duration::days(3));
        let result = f.app.act(&f.caller("ana"), &id, &no_response(), None);
        if allowed {
            assert_eq!(result.unwrap().unwrap().ticket.status, Status::Closed, "{policy}");
        } else {
            let e = result.unwrap_err();
            assert!(
                matches!(e, AppError::Refused(Refusal::TooFewInfoRequests { made: 1, required: 2, .. })),
                "{policy}: {e:?}"
            );
            assert_eq!(f.ticket(&id).0.status, Status::AwaitingInfo, "{policy}");
        }
    }
}

/// 002 §14.4 (and §13.19): «по истечении 30 рабочих дней со времени решения
/// … при условии, что специалист СТП обращался с просьбой подтвердить
/// предоставленное решение … не менее 2 (двух) раз за указанный период».
/// lenobl-budget (`auto_close = { after = "30 working days", min_requests = 2 }`)
/// closes the ticket asked twice, keeps the one asked once, and does not
/// count a request made after the term.
#[test]
fn lenobl_auto_closes_after_thirty_working_days_only_after_two_confirmation_requests_002_s14_4() {
    let f = Fixture::new("lenobl-budget");
    f.set(kyiv("2026-11-09T10:00:00+03:00"));
    let twice = f.register();
    let once = f.register();
    let late = f.register();
    // Resolved Monday 9.11 at 12:00 Moscow: the term begins on Tuesday 10.11
    // and its 30th working day is Monday 21.12; it expires at 18:00 Moscow.
    let resolved = kyiv("2026-11-09T12:00:00+03:00");
    for id in [&twice, &once, &late] {
        f.act_at(resolved - Duration::hours(1), "ana", id, Op::Take {});
        f.act_at(
            resolved,
            "ana",
            id,
            Op::Resolve {
                code: "consulted".into(),
                text: "Отчёт формируется из раздела «Исполнение бюджета»".into(),
                kb: vec![],
            },
        );
        // 002 §13.17: the notice of the solution asks for its confirmation.
        f.act_at(
            resolved + Duration::minutes(5),
            "ana",
            id,
            Op::RequestConfirmation {
                text: "Просим подтвердить предоставленное решение".into(),
            },
        );
    }
    f.act_at(
        kyiv("2026-11-30T10:00:00+03:00"),
        "ana",
        &twice,
        Op::RequestConfirmation {
            text: "Повторно просим подтвердить решение".into(),
        },
    );
    let due = kyiv("2026-12-21T18:00:00+03:00");
    let policy = f.app.policy("lenobl-budget").unwrap();
    let rule = policy.policy.timers.as_ref().unwrap().auto_close.clone().unwrap();
    assert_eq!(rule.min_requests, 2);
    assert_eq!(policy.main_calendar().term_end(resolved, rule.after).unwrap(), due);

    let early = run_once(&f.app, due - Duration::seconds(1)).unwrap();
    assert!(early.auto_closed.is_empty(), "closed too early: {early:?}");
    let report = run_once(&f.app, due).unwrap();
    let (closed, events) = f.ticket(&twice);
    assert_eq!(report.auto_closed, vec![closed.number.clone()], "{report:?}");
    assert_eq!(closed.status, Status::Closed);
    let event = events.iter().find(|e| matches!(e.kind, EventKind::Closed { .. })).unwrap();
    assert_eq!(
        (&event.kind, event.actor.as_str(), event.at),
        (&EventKind::Closed { basis: CloseBasis::Auto }, "system", due)
    );
    assert_eq!(f.audit_count("auto_close", &twice), 1);
    assert_eq!(f.ticket(&once).0.status, Status::Resolved, "one confirmation request is not enough");
    assert!(report.skipped.iter().any(|s| s.contains(&f.ticket(&once).0.number)), "{report:?}");

    // A second request after the term is not «за указанный период».
    f.act_at(
        due + Duration::hours(16),
        "ana",
        &late,
        Op::RequestConfirmation {
            text: "Повторно просим подтвердить решение".into(),
        },
    );
    let later = run_once(&f.app, due + Duration::days(40)).unwrap();
    assert!(later.auto_closed.is_empty(), "{later:?}");
    for id in [&once, &late] {
        assert_eq!(f.ticket(id).0.status, Status::Resolved);
        assert_eq!(f.audit_count("auto_close", id), 0);
    }
    // The requester sees the requests addressed to them.
    let req = f.caller("req");
    let view = f.app.ticket(&req, &twice).unwrap();
    let asked = view.events.iter().filter(|e| matches!(e.kind, EventKind::ConfirmationRequested { .. })).count();
    assert_eq!(asked, 2);
}

/// 002 §7.3.4: a proposed reclassification the requester does not answer
/// in time is deemed agreed by the server's timed job, once, and applies
/// then. Under customs-helpdesk (24×7) a P2 incident registered 10:00 is
/// due 18:00; proposed at 11:00, the answer is due no later than 3 working
/// hours before that deadline — 15:00 (earlier than one working day).
#[test]
fn c002_s7_3_4_an_unanswered_reclassification_is_deemed_agreed() {
    let f = Fixture::new("customs-helpdesk");
    let t0 = kyiv("2026-11-23T10:00:00+02:00");
    let id = f.register();
    f.act_at(t0 + Duration::minutes(10), "ana", &id, Op::Take {});
    f.act_at(
        t0 + Duration::hours(1),
        "ana",
        &id,
        Op::ProposeReclassification {
            ticket_type: Some(TicketType::ServiceRequest),
            level: None,
            note: "запит на доступ, а не збій".into(),
        },
    );
    assert!(f.ticket(&id).0.pending_reclassification.is_some());
    let report = run_once(&f.app, t0 + Duration::hours(3)).unwrap();
    assert!(report.deemed_agreed.is_empty(), "not yet: {report:?}");
    let number = f.ticket(&id).0.number;
    let later = t0 + Duration::hours(5);
    let report = run_once(&f.app, later).unwrap();
    assert_eq!(report.deemed_agreed, vec![number], "{report:?}");
    let (ticket, _) = f.ticket(&id);
    assert_eq!(ticket.ticket_type, TicketType::ServiceRequest);
    assert!(ticket.pending_reclassification.is_none());
    assert!(run_once(&f.app, later).unwrap().deemed_agreed.is_empty(), "once");
}
