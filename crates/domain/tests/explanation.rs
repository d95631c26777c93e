//! The explanation of a deadline speaks to an analyst (issue 11, item 11):
//! it cites the regulation's clause each step follows, names priority
//! levels as the regulation does, in its language, and says why a clock
//! resumed. Front ends only translate what `sla::explain` decides.

mod common;

use common::{class, policy, priority, registered, run, status};
use helpdesk_domain::sla::explain::{explain, Counted, LevelShown, MetricExplanation, Reason, StartCause, TermShown};
use helpdesk_domain::target::Unit;
use helpdesk_domain::{Priority, Status, TicketType};

fn explained(policy_name: &str, ticket_type: TicketType, p: u8, events: &[helpdesk_domain::sla::ClockEvent], now: &str) -> Vec<MetricExplanation> {
    let policy = policy(policy_name);
    let class = class(ticket_type, p);
    let report = run(&policy, &class, events, now);
    explain(&policy, &class, &report)
}

fn of<'a>(all: &'a [MetricExplanation], name: &str) -> &'a MetricExplanation {
    all.iter().find(|m| m.metric == name).unwrap_or_else(|| panic!("no {name} in {all:?}"))
}

fn level(p: u8, title: &str) -> LevelShown {
    LevelShown {
        priority: Priority::new(p).unwrap(),
        title: Some(title.to_string()),
    }
}

/// 002 Appendix 1 Table 1 names its levels «Наивысший» … «Низкий»; Table 3
/// gives a P2 incident 3 working days (002 §9.8). The explanation names
/// the level as the regulation does and cites the metric's clause.
#[test]
fn c002_table_1_the_target_names_the_regulations_level_and_cites_the_clause() {
    let all = explained(
        "lenobl-budget",
        TicketType::Incident,
        2,
        &[registered("2026-10-19T10:00:00+03:00")],
        "2026-10-19T12:00:00+03:00",
    );
    let m = of(&all, "resolution");
    assert_eq!(m.clause.as_deref(), Some("002 §9.8, §10.4, §11.4; Приложение 1, Таблица 3"));
    assert_eq!(m.time_zone, "Europe/Moscow");
    let Some(Reason::Target { conditions, term, clause, .. }) = m.reasons.iter().find(|r| matches!(r, Reason::Target { .. })) else {
        panic!("no target in {:?}", m.reasons)
    };
    assert_eq!(conditions.priority, Some(level(2, "Высокий")));
    assert_eq!(
        *term,
        TermShown::Fixed {
            amount: 3,
            unit: Unit::WorkingDays
        }
    );
    assert_eq!(clause, &m.clause);
    assert!(matches!(
        m.reasons[0],
        Reason::Started {
            cause: StartCause::Registered,
            ..
        }
    ));
    assert_eq!(
        m.term,
        Some(TermShown::Fixed {
            amount: 3,
            unit: Unit::WorkingDays
        })
    );
    assert!(m.elapsed.working, "working days count working time");
}

/// 002 §7.3.5(2): a raised priority restarts the count; the step cites
/// the clause and names both levels.
#[test]
fn c002_s7_3_5_2_a_raise_cites_its_clause_with_both_level_names() {
    let all = explained(
        "lenobl-budget",
        TicketType::Incident,
        3,
        &[registered("2026-10-19T10:00:00+03:00"), priority("2026-10-19T11:00:00+03:00", 2)],
        "2026-10-19T12:00:00+03:00",
    );
    let m = of(&all, "resolution");
    let raised = m.reasons.iter().find_map(|r| match r {
        Reason::PriorityRaised { from, to, clause, .. } => Some((from.clone(), to.clone(), clause.clone())),
        _ => None,
    });
    assert_eq!(
        raised,
        Some((Some(level(3, "Средний")), level(2, "Высокий"), Some("002 §7.3.5(2)".to_string())))
    );
}

/// 002 §8.4, §13.10: waiting for the requester suspends the time. The pause
/// cites those clauses, in working time, and the pauses' total is stated
/// once, with the same clauses.
#[test]
fn c002_s8_4_a_pause_cites_its_clause_and_the_resumption_its_real_cause() {
    let all = explained(
        "lenobl-budget",
        TicketType::Incident,
        2,
        &[
            registered("2026-10-19T10:00:00+03:00"),
            status("2026-10-19T10:30:00+03:00", Status::InProgress),
            status("2026-10-19T11:00:00+03:00", Status::AwaitingInfo),
            status("2026-10-19T13:00:00+03:00", Status::InProgress),
        ],
        "2026-10-19T14:00:00+03:00",
    );
    let m = of(&all, "resolution");
    let pause_clause = Some("002 §8.4, §13.10; Приложение 1, Таблица 2".to_string());
    let paused = m.reasons.iter().find_map(|r| match r {
        Reason::Paused { added, clause, status, .. } => Some((*added, clause.clone(), *status)),
        _ => None,
    });
    assert_eq!(
        paused,
        Some((
            Counted {
                seconds: 2 * 3600,
                working: true
            },
            pause_clause.clone(),
            Status::AwaitingInfo
        ))
    );
    let totals: Vec<_> = m.reasons.iter().filter(|r| matches!(r, Reason::PausesTotal { .. })).collect();
    assert_eq!(totals.len(), 1, "{:?}", m.reasons);
    assert!(matches!(totals[0], Reason::PausesTotal { clause, .. } if *clause == pause_clause));
}

/// 003 §4.10: a metric that has not started says what will start it, with
/// the metric's clause (L2's reaction starts when the request reaches L2).
#[test]
fn c003_s4_10_a_metric_not_started_says_what_starts_it() {
    let all = explained(
        "customs-contact-centre",
        TicketType::Incident,
        3,
        &[registered("2026-10-19T10:00:00+03:00")],
        "2026-10-19T10:05:00+03:00",
    );
    let waiting: Vec<_> = all.iter().filter(|m| m.starts_on.is_some()).collect();
    assert!(!waiting.is_empty(), "{all:?}");
    for m in waiting {
        assert!(m.reasons.is_empty() || m.starts_on.is_some());
        assert!(m.clause.as_deref().is_some_and(|c| c.starts_with("003 §4")), "{m:?}");
    }
}
