//! SPEC §3.2 — every figure of the five presets, each test named after the
//! clause of the regulation it comes from.

mod common;

use common::*;
use helpdesk_domain::policy::{Policy, PriorityRef, TicketClass, PRESET_NAMES};
use helpdesk_domain::sla::ClockState;
use helpdesk_domain::target::{Target, Unit};
use helpdesk_domain::{Complexity, Line, Priority, Status, TicketType};

/// The target a preset gives a ticket, as text ("4 working hours").
fn target_of(preset: &str, metric: &str, class: &TicketClass, workaround: bool) -> Option<String> {
    let p = policy(preset);
    let spec = p
        .policy
        .metrics
        .iter()
        .find(|m| m.name == metric)
        .unwrap_or_else(|| panic!("{preset} has no {metric}"));
    p.target(spec, class, workaround).map(|c| c.term.to_string())
}

fn with(ticket_type: TicketType, priority: u8, complexity: Option<Complexity>, service: Option<&str>) -> TicketClass {
    TicketClass {
        ticket_type,
        priority: Some(Priority::new(priority).unwrap()),
        complexity,
        service: service.map(String::from),
    }
}

#[test]
fn every_preset_loads_compiles_and_round_trips_through_toml() {
    for name in PRESET_NAMES {
        let policy = Policy::preset(name).unwrap();
        assert_eq!(policy.id, name);
        policy.compile(&[], &[]).unwrap();
        assert_eq!(Policy::from_toml(&policy.to_toml()).unwrap(), policy, "{name}");
    }
    assert!(Policy::preset("no-such-policy").unwrap_err().to_string().contains("customs-helpdesk"));
}

/// 000 §13: reaction 30 minutes for every priority; resolution 4/8/24/40/160 hours.
#[test]
fn customs_helpdesk_000_s13_table() {
    for (priority, hours) in [(1, 4), (2, 8), (3, 24), (4, 40), (5, 160)] {
        for t in TicketType::ALL {
            let c = with(*t, priority, None, None);
            assert_eq!(target_of("customs-helpdesk", "reaction", &c, false).as_deref(), Some("30 working minutes"));
            assert_eq!(
                target_of("customs-helpdesk", "resolution", &c, false),
                Some(Target::new(hours, Unit::WorkingHours).to_string())
            );
        }
    }
}

/// 000 §13: the calendar is a setting; the preset counts 24×7 in Europe/Kyiv.
#[test]
fn customs_helpdesk_000_s13_counts_round_the_clock() {
    let p = policy("customs-helpdesk");
    assert!(p.main_calendar().is_always_open());
    assert_eq!(p.main_calendar().time_zone(), chrono_tz::Europe::Kyiv);
    // Saturday night counts: P1 registered Sat 22:00 is due Sun 02:00.
    let r = run(
        &p,
        &class(TicketType::Incident, 1),
        &[registered("2026-11-21T22:00:00+02:00")],
        "2026-11-21T22:00:00+02:00",
    );
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-22T02:00:00+02:00");
}

/// A policy file may override a preset's calendar (000 §13: 8/5 instead of 24/7).
#[test]
fn customs_helpdesk_with_an_8_5_calendar_from_a_file() {
    let file = r#"
id = "customs-helpdesk-8x5"
name = "HELP DESK 8/5"
extends = "customs-helpdesk"
[calendar]
time_zone = "Europe/Kyiv"
week = { mon = ["09:00-17:00"], tue = ["09:00-17:00"], wed = ["09:00-17:00"], thu = ["09:00-17:00"], fri = ["09:00-17:00"] }
"#;
    let p = Policy::from_toml(file).unwrap().compile(&[], &[]).unwrap();
    let r = run(
        &p,
        &class(TicketType::Incident, 1),
        &[registered("2026-11-20T15:00:00+02:00")],
        "2026-11-20T15:00:00+02:00",
    );
    // Fri 15:00 + 4 working hours: 2 on Friday, 2 on Monday.
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-23T11:00:00+02:00");
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-20T15:30:00+02:00");
}

/// 003 §4.10: L2 reaction 3 working days; resolution 10 / 25 / 40 calendar days by complexity.
#[test]
fn contact_centre_003_s4_10_terms() {
    let c = |complexity| with(TicketType::Consultation, 3, complexity, None);
    assert_eq!(
        target_of("customs-contact-centre", "reaction", &c(None), false).as_deref(),
        Some("3 working days")
    );
    for (complexity, days) in [(Complexity::Simple, 10), (Complexity::Medium, 25), (Complexity::Complex, 40)] {
        assert_eq!(
            target_of("customs-contact-centre", "resolution", &c(Some(complexity)), false),
            Some(format!("{days} calendar days"))
        );
    }
    assert_eq!(
        target_of("customs-contact-centre", "answer", &c(None), false).as_deref(),
        Some("45 calendar days")
    );
}

/// 003 §1.6 (via SPEC §3.1): the L2 calendar — Mon–Thu 08:00–17:00, Fri 08:00–15:45, Europe/Kyiv.
#[test]
fn contact_centre_003_l2_calendar() {
    let p = policy("customs-contact-centre");
    let cal = p.main_calendar();
    assert_eq!(cal.close_of(date("2026-11-19")), Some(at("2026-11-19T17:00:00+02:00")));
    assert_eq!(cal.close_of(date("2026-11-20")), Some(at("2026-11-20T15:45:00+02:00")));
    assert_eq!(cal.close_of(date("2026-11-21")), None);
    // Reaction escalated Tue 17 Nov: Wed, Thu, Fri → Fri 15:45.
    let events = [registered("2026-11-16T09:00:00+02:00"), escalated("2026-11-17T09:00:00+02:00", Line::L2)];
    let r = run(&p, &class(TicketType::Consultation, 3), &events, "2026-11-17T10:00:00+02:00");
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-20T15:45:00+02:00");
}

/// 003 §4.10: «Час реагування на запит службою підтримки (L2) … становить не
/// більше 3 робочих днів з дня ескалації запиту службі підтримки (L2)»; a
/// request registered straight onto an L2 group reaches L2 at its
/// registration, so the reaction counts from there, and the resolution from
/// the reaction (10 calendar days for a simple one).
#[test]
fn clause_003_4_10_registered_straight_onto_l2_starts_the_reaction() {
    let p = policy("customs-contact-centre");
    let c = class(TicketType::Consultation, 3);
    let events = [registered_on("2026-11-17T09:00:00+02:00", Line::L2)];
    let r = run(&p, &c, &events, "2026-11-17T10:00:00+02:00");
    let reaction = metric(&r, "reaction");
    assert_eq!(reaction.state, ClockState::Running);
    assert_eq!(reaction.started_at, Some(at("2026-11-17T09:00:00+02:00")));
    // Wed, Thu, Fri → Fri 15:45.
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-20T15:45:00+02:00");
    let mut taken = events.to_vec();
    taken.push(status("2026-11-18T10:00:00+02:00", Status::InProgress));
    let r = run(&p, &c, &taken, "2026-11-18T11:00:00+02:00");
    assert_eq!(metric(&r, "reaction").state, ClockState::Met);
    let resolution = metric(&r, "resolution");
    assert_eq!(resolution.started_at, Some(at("2026-11-18T10:00:00+02:00")));
    // 10 calendar days from 18 Nov: Sat 28 Nov → Mon 30 Nov, at the close of its working hours.
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-30T17:00:00+02:00");
    // Registered on L1: nothing starts until the escalation.
    let r = run(&p, &c, &[registered_on("2026-11-17T09:00:00+02:00", Line::L1)], "2026-11-17T10:00:00+02:00");
    assert_eq!(metric(&r, "reaction").state, ClockState::NotStarted);
}

/// 003 §4.10: «Отримання додаткової інформації по суті питання від
/// користувача … здійснюється у режимі зворотного зв'язку» — within the term:
/// a complex request (40 days) is the one that needs «отримати додаткову
/// інформацію». The regulation provides no pause: waiting for the user or a
/// postponement stops neither the reaction nor the resolution.
#[test]
fn clause_003_4_10_information_is_gathered_within_the_term() {
    let p = policy("customs-contact-centre");
    let c = class(TicketType::Consultation, 3);
    let events = vec![
        registered_on("2026-11-16T09:00:00+02:00", Line::L2),
        status("2026-11-17T10:00:00+02:00", Status::AwaitingInfo),
    ];
    let r = run(&p, &c, &events, "2026-11-18T10:00:00+02:00");
    let reaction = metric(&r, "reaction");
    assert_eq!(reaction.state, ClockState::Running);
    // Tue, Wed, Thu → Thu 17:00, as without the wait.
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-19T17:00:00+02:00");
    let mut events = events;
    events.push(status("2026-11-18T10:00:00+02:00", Status::InProgress));
    events.push(status("2026-11-20T10:00:00+02:00", Status::AwaitingInfo));
    events.push(status("2026-11-25T10:00:00+02:00", Status::InProgress));
    events.push(status("2026-11-26T10:00:00+02:00", Status::Postponed));
    let r = run(&p, &c, &events, "2026-11-27T10:00:00+02:00");
    let resolution = metric(&r, "resolution");
    assert_eq!(resolution.state, ClockState::Running);
    // 10 calendar days from 18 Nov: Sat 28 Nov → Mon 30 Nov 17:00, the waits not added.
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-30T17:00:00+02:00");
    assert!(!serde_json::to_string(&resolution.steps).unwrap().contains("paused"));
}

/// 003 §4.12: re-routing does not renew the terms, and the total never exceeds 40 calendar days.
#[test]
fn contact_centre_003_s4_12_rerouting_keeps_terms_and_40_days_cap() {
    let p = policy("customs-contact-centre");
    let c = with(TicketType::Consultation, 3, Some(Complexity::Complex), None);
    let events = vec![
        registered("2026-11-02T09:00:00+02:00"),
        escalated("2026-11-02T10:00:00+02:00", Line::L2),
        status("2026-11-03T10:00:00+02:00", Status::InProgress),
        escalated("2026-11-05T10:00:00+02:00", Line::L2), // another L2 group
        status("2026-11-05T10:00:00+02:00", Status::New),
        status("2026-11-05T11:00:00+02:00", Status::InProgress),
        status("2026-11-10T09:00:00+02:00", Status::AwaitingInfo),
    ];
    let r = run(&p, &c, &events, "2026-11-30T09:00:00+02:00");
    let m = metric(&r, "resolution");
    assert_eq!(
        m.started_at,
        Some(at("2026-11-03T10:00:00+02:00")),
        "the second escalation did not restart anything"
    );
    // 40 calendar days from 3 Nov = Sun 13 Dec → Mon 14 Dec 17:00; waiting for the user does not push it later.
    assert_eq!(m.due, Some(at("2026-12-14T17:00:00+02:00")));
    assert_eq!(m.state, ClockState::Running, "003 §4.10: information is gathered within the term");
    let steps = serde_json::to_string(&m.steps).unwrap();
    assert!(steps.contains("capped"), "{steps}");
}

/// 001 §III.12: L2 processing runs from L2's in_progress to postponed/resolved; L3 from the hand-over.
#[test]
fn ncts_001_s3_12_processing_windows() {
    let p = policy("ncts-transit");
    let events = [
        registered_on("2026-11-23T09:00:00+02:00", Line::L2),
        status("2026-11-23T10:00:00+02:00", Status::InProgress),
        status("2026-11-23T12:00:00+02:00", Status::Postponed),
        escalated("2026-11-23T12:00:00+02:00", Line::L3),
    ];
    let r = run(&p, &class(TicketType::Incident, 2), &events, "2026-11-24T09:00:00+02:00");
    let l2 = metric(&r, "l2_processing");
    assert_eq!(l2.state, ClockState::Met);
    assert_eq!(l2.elapsed_working_seconds, 2 * 3600);
    let l3 = metric(&r, "l3_processing");
    assert_eq!(l3.started_at, Some(at("2026-11-23T12:00:00+02:00")));
    assert_eq!(
        l3.state,
        ClockState::Running,
        "001 provides no pause (§III.13 extends the term instead): L3's term runs from the hand-over"
    );
}

/// 001 §III.12: «Час опрацювання запиту другою лінією … визначається як час,
/// який минув між призначенням виконавця (присвоєння статусу «В роботі»)
/// …»: L2's own executor. L1 took the ticket into work first (its own
/// processing, «Перша лінія … опрацьовує запит самостійно або … залучає
/// другу лінію»); L2's clock starts when L2 takes it after the hand-over.
#[test]
fn clause_001_3_12_l2_processing_counts_from_l2s_own_taking_into_work() {
    let p = policy("ncts-transit");
    let events = [
        registered_on("2026-11-23T09:00:00+02:00", Line::L1),
        status("2026-11-23T09:30:00+02:00", Status::InProgress),
        escalated("2026-11-23T10:00:00+02:00", Line::L2),
        status("2026-11-23T10:00:00+02:00", Status::New),
        status("2026-11-23T11:00:00+02:00", Status::InProgress),
    ];
    let r = run(&p, &class(TicketType::Incident, 1), &events, "2026-11-23T12:00:00+02:00");
    let l2 = metric(&r, "l2_processing");
    assert_eq!(l2.started_at, Some(at("2026-11-23T11:00:00+02:00")));
    assert_eq!(l2.elapsed_working_seconds, 3600);
    assert_eq!(due_of(&r, "l2_processing", 2), "2026-11-23T15:00:00+02:00");
    // L1 working on it alone is no L2 processing at all.
    let r = run(&p, &class(TicketType::Incident, 1), &events[..2], "2026-11-23T12:00:00+02:00");
    assert_eq!(metric(&r, "l2_processing").state, ClockState::NotStarted);
    // Registered straight onto an L2 group: L2's taking into work starts it.
    let direct = [
        registered_on("2026-11-23T09:00:00+02:00", Line::L2),
        status("2026-11-23T09:30:00+02:00", Status::InProgress),
    ];
    let r = run(&p, &class(TicketType::Incident, 1), &direct, "2026-11-23T12:00:00+02:00");
    assert_eq!(metric(&r, "l2_processing").started_at, Some(at("2026-11-23T09:30:00+02:00")));
}

/// 001 §III.12: «Час опрацювання запиту другою лінією … до моменту часу, коли
/// друга лінія … присвоїла статус запиту «Відкладено» або «Вирішено» і передала
/// результати розгляду першій лінії»: one interval. After L2 postpones and
/// hands over to L3, the ticket comes back to `new` and L3 takes it; L2's
/// clock stays stopped (2 hours, met) and L3's runs.
#[test]
fn clause_001_3_12_l2_clock_stops_for_good_at_the_hand_over_to_l3() {
    let p = policy("ncts-transit");
    let events = [
        registered("2026-11-23T09:00:00+02:00"),
        escalated("2026-11-23T09:00:00+02:00", Line::L2),
        status("2026-11-23T11:00:00+02:00", Status::InProgress),
        status("2026-11-23T13:00:00+02:00", Status::Postponed),
        escalated("2026-11-23T13:00:00+02:00", Line::L3),
        status("2026-11-23T13:00:00+02:00", Status::New),
        status("2026-11-23T14:00:00+02:00", Status::InProgress),
    ];
    let r = run(&p, &class(TicketType::Incident, 2), &events, "2026-11-26T10:00:00+02:00");
    let l2 = metric(&r, "l2_processing");
    assert_eq!(l2.state, ClockState::Met, "L3's working time is not billed to L2");
    assert_eq!(l2.stopped_at, Some(at("2026-11-23T13:00:00+02:00")));
    assert_eq!(l2.elapsed_working_seconds, 2 * 3600);
    assert!(!serde_json::to_string(&l2.steps).unwrap().contains("resumed"), "{:?}", l2.steps);
    assert!(l2.warnings.iter().all(|w| w.at <= at("2026-11-23T13:00:00+02:00") || !w.reached));
    let l3 = metric(&r, "l3_processing");
    assert_eq!(l3.started_at, Some(at("2026-11-23T13:00:00+02:00")));
    assert_eq!(l3.state, ClockState::Running);
    // Mon 13:00–17:00, Tue and Wed 9 hours each, Thu 08:00–10:00.
    assert_eq!(l3.elapsed_working_seconds, 24 * 3600);
    // L3 resolves: its clock stops, and a reopening does not restart either line's clock.
    let mut more = events.to_vec();
    more.push(status("2026-11-26T11:00:00+02:00", Status::Resolved));
    more.push(status("2026-11-26T12:00:00+02:00", Status::InProgress));
    let r = run(&p, &class(TicketType::Incident, 2), &more, "2026-11-27T10:00:00+02:00");
    assert_eq!(metric(&r, "l3_processing").stopped_at, Some(at("2026-11-26T11:00:00+02:00")));
    assert_eq!(metric(&r, "l2_processing").elapsed_working_seconds, 2 * 3600);
}

/// 001 §III.12: the lines work «відповідно до таблиці опрацювання запиту, яка
/// наведена у додатку 2 до цього Порядку» — an appendix the seed does not
/// contain. The preset's L2 hours (copied from 000 §13) and L3 days are
/// stand-ins: each such target says so, with its reason, in the policy and in
/// the engine's report; the 4 hours of 001 §IV.5 are the regulation's own.
#[test]
fn clause_001_3_12_appendix_2_figures_are_marked_as_placeholders() {
    let p = policy("ncts-transit");
    let c = with(TicketType::Incident, 2, None, Some("business_continuity"));
    let events = [
        received("2026-11-23T08:00:00+02:00"),
        registered_on("2026-11-23T09:00:00+02:00", Line::L2),
        status("2026-11-23T10:00:00+02:00", Status::InProgress),
        status("2026-11-23T11:00:00+02:00", Status::Postponed),
        escalated("2026-11-23T11:00:00+02:00", Line::L3),
    ];
    let r = run(&p, &c, &events, "2026-11-23T12:00:00+02:00");
    for name in ["l2_processing", "l3_processing"] {
        let reason = metric(&r, name).placeholder.clone().unwrap_or_else(|| panic!("{name} is not marked"));
        assert!(reason.contains("001 §III.12") && reason.contains("додат"), "{name}: {reason}");
        let steps = serde_json::to_string(&metric(&r, name).steps).unwrap();
        assert!(steps.contains("\"placeholder\""), "{name}: {steps}");
    }
    assert_eq!(metric(&r, "continuity_confirmation").placeholder, None);
    // A policy file may mark a figure with a reason or just `true`.
    let file = r#"
id = "ncts-local"
name = "NCTS with the Appendix 2 figures"
extends = "ncts-transit"
[[metrics]]
name = "l2_processing"
start = "taken:L2"
targets = [{ priority = 1, target = "2 working hours" }, { target = "8 working hours", placeholder = true }]
"#;
    let own = Policy::from_toml(file).unwrap().compile(&[], &[]).unwrap();
    let events = [
        registered_on("2026-11-23T09:00:00+02:00", Line::L2),
        status("2026-11-23T10:00:00+02:00", Status::InProgress),
    ];
    let r = run(&own, &class(TicketType::Incident, 1), &events, "2026-11-23T11:00:00+02:00");
    assert_eq!(metric(&r, "l2_processing").placeholder, None);
    let r = run(&own, &class(TicketType::Incident, 3), &events, "2026-11-23T11:00:00+02:00");
    assert_eq!(metric(&r, "l2_processing").placeholder.as_deref(), Some(""));
    assert_eq!(Policy::from_toml(&own.policy.to_toml()).unwrap(), own.policy);
}

/// 001 §IV.5: a business-continuity request is confirmed or refuted within 4 hours of receipt.
#[test]
fn ncts_001_s4_5_business_continuity_4_hours() {
    let p = policy("ncts-transit");
    let c = with(TicketType::Incident, 1, None, Some("business_continuity"));
    let events = [received("2026-11-21T23:00:00+02:00"), registered("2026-11-22T08:00:00+02:00")];
    let r = run(&p, &c, &events, "2026-11-22T08:00:00+02:00");
    assert_eq!(due_of(&r, "continuity_confirmation", 2), "2026-11-22T03:00:00+02:00");
    assert_eq!(metric(&r, "continuity_confirmation").state, ClockState::Breached);
    // Other tickets have no such metric.
    let r = run(&p, &class(TicketType::Incident, 1), &events, "2026-11-22T08:00:00+02:00");
    assert!(r.metrics.iter().all(|m| m.name != "continuity_confirmation" || m.due.is_none()));
}

/// 001 §III.9: auto-close 10 days after the requester was informed.
#[test]
fn ncts_001_auto_close_10_days() {
    let timers = Policy::preset("ncts-transit").unwrap().timers.unwrap();
    assert_eq!(timers.auto_close.unwrap().after, Target::new(10, Unit::CalendarDays));
}

/// 002 Appendix 1 Table 3: resolution in working days, and with a workaround.
#[test]
fn lenobl_002_table_3() {
    let table: [(TicketType, &str, Option<&str>, Option<&str>); 12] = [
        (TicketType::Incident, "highest", Some("1 working day"), Some("3 working days")),
        (TicketType::Incident, "high", Some("3 working days"), Some("5 working days")),
        (TicketType::Incident, "medium", Some("8 working days"), Some("20 working days")),
        (TicketType::Incident, "low", Some("10 working days"), Some("by agreement")),
        (TicketType::Consultation, "highest", Some("no term"), Some("no term")),
        (TicketType::Consultation, "high", Some("no term"), Some("no term")),
        (TicketType::Consultation, "medium", Some("5 working days"), Some("5 working days")),
        (TicketType::Consultation, "low", Some("7 working days"), Some("7 working days")),
        (TicketType::ServiceRequest, "highest", Some("no term"), Some("no term")),
        (TicketType::ServiceRequest, "high", Some("no term"), Some("no term")),
        (TicketType::ServiceRequest, "medium", Some("3 working days"), Some("3 working days")),
        (TicketType::ServiceRequest, "low", Some("10 working days"), Some("10 working days")),
    ];
    let policy_text = Policy::preset("lenobl-budget").unwrap();
    for (t, level, plain, with_workaround) in table {
        let priority = policy_text.resolve_priority(&PriorityRef::Name(level.into())).unwrap();
        let c = with(t, priority.value(), None, None);
        assert_eq!(target_of("lenobl-budget", "resolution", &c, false).as_deref(), plain, "{t} {level}");
        assert_eq!(
            target_of("lenobl-budget", "resolution", &c, true).as_deref(),
            with_workaround,
            "{t} {level} with workaround"
        );
    }
}

/// 002 §7.3.5(2): «в случае повышения приоритета Обращения, отсчет времени
/// обработки Обращения по новому сроку решения Обращения начинается заново с
/// момента повышения приоритета» — also when the term before the raise was
/// «по согласованию» (a low incident with a workaround, Table 3). Raised to
/// medium on Wed 21 Oct 15:00, the 20 working days of a medium incident with
/// a workaround count from Thu 22 Oct: Wed 18 Nov 18:00 (not Mon 16 Nov, as
/// counted from the registration).
#[test]
fn clause_002_7_3_5_2_raising_a_by_agreement_term_restarts_at_the_raise() {
    let p = policy("lenobl-budget");
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T11:00:00+03:00", Status::InProgress),
        workaround("2026-10-20T12:00:00+03:00"),
        priority("2026-10-21T15:00:00+03:00", 3),
    ];
    let r = run(&p, &class(TicketType::Incident, 4), &events[..3], "2026-10-21T12:00:00+03:00");
    assert_eq!(metric(&r, "resolution").target.as_deref(), Some("by agreement"));
    let r = run(&p, &class(TicketType::Incident, 4), &events, "2026-10-21T16:00:00+03:00");
    let m = metric(&r, "resolution");
    assert_eq!(m.target.as_deref(), Some("20 working days"));
    assert_eq!(due_of(&r, "resolution", 3), "2026-11-18T18:00:00+03:00");
    assert_eq!(m.elapsed_working_seconds, 3600, "only the hour since the raise counts");
    let steps = serde_json::to_string(&m.steps).unwrap();
    assert!(steps.contains("priority_raised") && !steps.contains("priority_lowered"), "{steps}");
}

/// 002 Appendix 1 Table 3 has a fifth column, «Нет (отсутствует)», with «-»
/// for every type (Table 1 describes only the four levels Наивысший …
/// Низкий). The preset names that level (P5, which the 000 §13 matrix can
/// give) and gives it no term; a P5 ticket — or a consultation or
/// non-typical service request at a level Table 3 marks «-» or leaves
/// empty — is reported with the state `no_term`: no deadline and no warning,
/// said, not left out.
#[test]
fn clause_002_table_3_no_term_for_priority_none() {
    let policy_text = Policy::preset("lenobl-budget").unwrap();
    let none = Priority::new(5).unwrap();
    assert_eq!(policy_text.level_name(none), Some("none"));
    assert_eq!(policy_text.level_title(none), Some("Нет (отсутствует)"));
    assert_eq!(policy_text.resolve_priority(&PriorityRef::Name("Нет (отсутствует)".into())).unwrap(), none);
    assert_eq!(policy_text.resolve_priority(&PriorityRef::Name("высокий".into())).unwrap().value(), 2);
    for t in [TicketType::Incident, TicketType::Consultation, TicketType::ServiceRequest] {
        assert_eq!(
            target_of("lenobl-budget", "resolution", &with(t, 5, None, None), false).as_deref(),
            Some("no term"),
            "{t}"
        );
        assert_eq!(
            target_of("lenobl-budget", "resolution", &with(t, 5, None, None), true).as_deref(),
            Some("no term"),
            "{t}"
        );
    }
    let p = policy("lenobl-budget");
    let events = [registered("2026-10-19T10:00:00+03:00"), status("2026-10-19T11:00:00+03:00", Status::InProgress)];
    let r = run(&p, &class(TicketType::Incident, 5), &events, "2026-11-30T10:00:00+03:00");
    let m = metric(&r, "resolution");
    assert_eq!(m.state, ClockState::NoTerm);
    assert_eq!(m.target.as_deref(), Some("no term"));
    assert_eq!((m.due, m.used_share), (None, None));
    assert!(m.warnings.is_empty());
    assert!(r.next_change.is_none());
    // Raised to a level with a term (002 §7.3.5(2)): the count starts at the raise.
    let mut raised = events.to_vec();
    raised.push(priority("2026-10-20T10:00:00+03:00", 1));
    let r = run(&p, &class(TicketType::Incident, 5), &raised, "2026-10-20T11:00:00+03:00");
    let m = metric(&r, "resolution");
    assert_eq!(m.state, ClockState::Running);
    assert_eq!(due_of(&r, "resolution", 3), "2026-10-21T18:00:00+03:00");
    // A consultation marked «Наивысший» (Table 3: «-»).
    let r = run(&p, &class(TicketType::Consultation, 1), &events, "2026-10-19T12:00:00+03:00");
    assert_eq!(metric(&r, "resolution").state, ClockState::NoTerm);
}

/// 002 §3.4.2: 9×5, 09:00–18:00, Europe/Moscow.
#[test]
fn lenobl_002_s3_4_2_calendar() {
    let p = policy("lenobl-budget");
    let cal = p.main_calendar();
    assert_eq!(cal.time_zone(), chrono_tz::Europe::Moscow);
    assert_eq!(cal.close_of(date("2026-11-20")), Some(at("2026-11-20T18:00:00+03:00")));
    assert_eq!(cal.close_of(date("2026-11-21")), None);
}

/// 002 §12: a change request's conclusion in 10 working days (federal law) or 23.
#[test]
fn lenobl_002_s12_change_request_conclusion() {
    let law = with(TicketType::ChangeRequest, 3, None, Some("federal_law_change"));
    let other = with(TicketType::ChangeRequest, 3, None, None);
    assert_eq!(target_of("lenobl-budget", "conclusion", &law, false).as_deref(), Some("10 working days"));
    assert_eq!(target_of("lenobl-budget", "conclusion", &other, false).as_deref(), Some("23 working days"));
}

/// 002 §7.5(2), §14: 30 working days and at least two requests.
#[test]
fn lenobl_002_timers() {
    let timers = Policy::preset("lenobl-budget").unwrap().timers.unwrap();
    let auto_close = timers.auto_close.unwrap();
    assert_eq!((auto_close.after, auto_close.min_requests), (Target::new(30, Unit::WorkingDays), 2));
    let reject = timers.reject_no_response.unwrap();
    assert_eq!((reject.after, reject.min_requests), (Target::new(30, Unit::WorkingDays), 2));
}

/// 004 §3.1: consultation 24, incident 60, service request 16 working hours; change request per ticket.
#[test]
fn primorye_004_s3_1_terms() {
    for (t, term) in [
        (TicketType::Consultation, "24 working hours"),
        (TicketType::Incident, "60 working hours"),
        (TicketType::ServiceRequest, "16 working hours"),
        (TicketType::ChangeRequest, "by agreement"),
    ] {
        assert_eq!(
            target_of("primorye-social", "resolution", &with(t, 3, None, None), false).as_deref(),
            Some(term),
            "{t}"
        );
    }
    let p = policy("primorye-social");
    assert_eq!(p.main_calendar().time_zone(), chrono_tz::Asia::Vladivostok);
    assert_eq!(p.main_calendar().close_of(date("2026-11-23")), Some(at("2026-11-23T18:00:00+10:00")));
}

/// 003 §4.10 (terms by complexity) and 004 §3.1 (terms by type) never read the
/// priority: a ticket without one gets every term; policies whose terms do
/// read it (000 §13, 001 placeholders, 002 Table 3) say so.
#[test]
fn clause_003_4_10_and_004_3_1_terms_need_no_priority() {
    for t in TicketType::ALL {
        assert!(!Policy::preset("customs-contact-centre").unwrap().needs_priority(*t), "{t}");
        assert!(!Policy::preset("primorye-social").unwrap().needs_priority(*t), "{t}");
        assert!(Policy::preset("customs-helpdesk").unwrap().needs_priority(*t), "{t}");
        assert!(Policy::preset("ncts-transit").unwrap().needs_priority(*t), "{t}");
    }
    let lenobl = Policy::preset("lenobl-budget").unwrap();
    assert!(lenobl.needs_priority(TicketType::Incident));
    assert!(
        !lenobl.needs_priority(TicketType::ChangeRequest),
        "002 §12: the conclusion's term ignores priority"
    );
    let no_priority = |t| TicketClass {
        ticket_type: t,
        priority: None,
        complexity: None,
        service: None,
    };
    let r = run(
        &policy("primorye-social"),
        &no_priority(TicketType::Incident),
        &[registered("2026-11-23T15:00:00+10:00")],
        "2026-11-23T15:00:00+10:00",
    );
    assert_eq!(metric(&r, "resolution").target.as_deref(), Some("60 working hours"));
    let events = [registered("2026-11-17T09:00:00+02:00"), escalated("2026-11-17T09:00:00+02:00", Line::L2)];
    let r = run(
        &policy("customs-contact-centre"),
        &no_priority(TicketType::Consultation),
        &events,
        "2026-11-17T10:00:00+02:00",
    );
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-20T15:45:00+02:00");
}

/// 004 §2.4: registered within 4 hours of receipt, counted round the clock by L1.
#[test]
fn primorye_004_s2_4_registration_within_4_hours() {
    let p = policy("primorye-social");
    let events = [received("2026-11-21T22:00:00+10:00"), registered("2026-11-22T01:30:00+10:00")];
    let r = run(&p, &class(TicketType::Incident, 3), &events, "2026-11-22T02:00:00+10:00");
    let m = metric(&r, "registration");
    assert_eq!(due_of(&r, "registration", 10), "2026-11-22T02:00:00+10:00");
    assert_eq!(m.state, ClockState::Met);
}

/// 004 §3.2: «исполнитель, назначенный на Заявку типа «Инцидент», в праве
/// уточнить исходные данные … Заявке присваивается статус «Ожидает ответа».
/// Время исполнения Заявки прерывается»: only an incident, and only while it
/// waits for the requester's answer. Other types have no pause, and 004 knows
/// no postponement.
#[test]
fn clause_004_3_2_only_an_incident_awaiting_the_answer_pauses() {
    let p = policy("primorye-social");
    let events = [
        registered("2026-11-23T09:00:00+10:00"),
        status("2026-11-23T10:00:00+10:00", Status::AwaitingInfo),
        status("2026-11-24T10:00:00+10:00", Status::InProgress),
    ];
    let r = run(&p, &class(TicketType::Incident, 3), &events, "2026-11-24T11:00:00+10:00");
    // 60 working hours from Mon 09:00 end Tue 1 Dec 15:00; the 9 working hours waited move it to Wed 15:00.
    assert_eq!(due_of(&r, "resolution", 10), "2026-12-02T15:00:00+10:00");
    let r = run(&p, &class(TicketType::Incident, 3), &events[..2], "2026-11-23T12:00:00+10:00");
    assert_eq!(metric(&r, "resolution").state, ClockState::Paused);
    // A service request asking the same runs on: 16 working hours from Mon 09:00 → Tue 16:00.
    let r = run(&p, &class(TicketType::ServiceRequest, 3), &events[..2], "2026-11-23T12:00:00+10:00");
    assert_eq!(metric(&r, "resolution").state, ClockState::Running);
    assert_eq!(due_of(&r, "resolution", 10), "2026-11-24T16:00:00+10:00");
    for t in [TicketType::Consultation, TicketType::ServiceRequest] {
        let r = run(&p, &class(t, 3), &events, "2026-11-24T11:00:00+10:00");
        assert!(!serde_json::to_string(&metric(&r, "resolution").steps).unwrap().contains("paused"), "{t}");
    }
    // An incident postponed is not paused either.
    let postponed = [registered("2026-11-23T09:00:00+10:00"), status("2026-11-23T10:00:00+10:00", Status::Postponed)];
    let r = run(&p, &class(TicketType::Incident, 3), &postponed, "2026-11-23T12:00:00+10:00");
    assert_eq!(metric(&r, "resolution").state, ClockState::Running);
}

/// 004 §2.4: «регистрируются … в течение 4-х часов с момента поступления».
/// A request registered as it arrives (no separate receipt: the portal, a
/// call answered and registered at once) met the term at once: no breach four
/// hours later, and no warnings before it.
#[test]
fn clause_004_2_4_registered_on_receipt_meets_the_registration_term() {
    let p = policy("primorye-social");
    let r = run(
        &p,
        &class(TicketType::Incident, 3),
        &[registered("2026-11-23T10:00:00+10:00")],
        "2026-11-23T16:00:00+10:00",
    );
    let m = metric(&r, "registration");
    assert_eq!(m.state, ClockState::Met);
    assert_eq!(m.stopped_at, Some(at("2026-11-23T10:00:00+10:00")));
    assert_eq!(m.elapsed_working_seconds, 0);
    assert!(m.warnings.iter().all(|w| !w.reached), "{:?}", m.warnings);
    assert!(r.next_change.is_none_or(|t| t > at("2026-11-23T16:00:00+10:00")));
    // Registered 3 hours after receipt: met, the 75 % warning (3 h) reached on the way.
    let late = [received("2026-11-23T07:00:00+10:00"), registered("2026-11-23T10:00:00+10:00")];
    let r = run(&p, &class(TicketType::Incident, 3), &late, "2026-11-23T16:00:00+10:00");
    let m = metric(&r, "registration");
    assert_eq!(m.state, ClockState::Met);
    assert_eq!(m.elapsed_working_seconds, 3 * 3600);
    assert_eq!(m.warnings.iter().filter(|w| w.reached).count(), 1, "{:?}", m.warnings);
}

/// 004 §3.5: rejected after 2 working days without an answer.
#[test]
fn primorye_004_s3_5_no_response_2_working_days() {
    let timers = Policy::preset("primorye-social").unwrap().timers.unwrap();
    assert_eq!(timers.reject_no_response.unwrap().after, Target::new(2, Unit::WorkingDays));
}

/// 003 §4.12: an extension cannot pass the 40-day cap, and the warnings are
/// shares of the capped term, before its end.
#[test]
fn contact_centre_003_s4_12_warnings_of_a_capped_term_come_before_it() {
    let p = policy("customs-contact-centre");
    let c = with(TicketType::Consultation, 3, Some(Complexity::Complex), None);
    let events = [
        registered("2026-11-16T09:00:00+02:00"),
        escalated("2026-11-16T10:00:00+02:00", Line::L2),
        status("2026-11-17T10:00:00+02:00", Status::InProgress),
        ev(
            "2026-11-20T10:00:00+02:00",
            helpdesk_domain::sla::ClockEventKind::DeadlineExtended {
                metric: "resolution".into(),
                until: at("2027-01-20T17:00:00+02:00"),
            },
        ),
    ];
    let r = run(&p, &c, &events, "2026-11-20T11:00:00+02:00");
    let m = metric(&r, "resolution");
    // 40 calendar days from 17 Nov: Sun 27 Dec → Mon 28 Dec 17:00.
    assert_eq!(m.due, Some(at("2026-12-28T17:00:00+02:00")));
    let w: Vec<_> = m.warnings.iter().map(|w| (w.threshold, w.at)).collect();
    assert!(w[0].1 < w[1].1 && w[1].1 < w[2].1, "{w:?}");
    assert_eq!(w[2].1, m.due.unwrap());
}

/// A metric no rule of the policy gives a term to is not reported.
#[test]
fn metrics_without_a_rule_for_the_ticket_are_left_out() {
    let r = run(
        &policy("lenobl-budget"),
        &class(TicketType::Incident, 1),
        &[registered("2026-10-19T10:00:00+03:00")],
        "2026-10-19T10:00:00+03:00",
    );
    assert!(
        r.metrics.iter().all(|m| m.name != "conclusion"),
        "{:?}",
        r.metrics.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
}
