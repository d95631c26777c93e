//! SPEC §3.4 — the counting rules, one test (or more) per rule, each named
//! after its rule. Instants are written in the calendar's own offset.

mod common;

use common::*;
use helpdesk_domain::calendar::CalendarError;
use helpdesk_domain::policy::Policy;
use helpdesk_domain::sla::{evaluate, ClockState, SlaError};
use helpdesk_domain::{Complexity, Line, Status, TicketType};

fn custom(toml: &str) -> helpdesk_domain::policy::CompiledPolicy {
    Policy::from_toml(toml).unwrap().compile(&[], &[]).unwrap()
}

const WEEKLY_48_CALENDAR_HOURS: &str = r#"
id = "test-calendar-hours"
name = "48 calendar hours on a 9-18 calendar"
[calendar]
time_zone = "Europe/Moscow"
week = { mon = ["09:00-18:00"], tue = ["09:00-18:00"], wed = ["09:00-18:00"], thu = ["09:00-18:00"], fri = ["09:00-18:00"] }
[[metrics]]
name = "resolution"
start = "registered"
targets = [{ target = "48 calendar hours" }]
"#;

const ROUND_THE_CLOCK_DAYS: &str = r#"
id = "test-24x7-days"
name = "calendar days on a 24x7 calendar"
[calendar]
time_zone = "Europe/Kyiv"
always_open = true
[[metrics]]
name = "resolution"
start = "registered"
targets = [{ priority = 1, target = "1 calendar day" }, { target = "2 calendar days" }]
"#;

// ---- rule 1: start ----

#[test]
fn rule_1_start_at_registration() {
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 3),
        &[registered("2026-11-23T10:00:00+02:00")],
        "2026-11-23T10:05:00+02:00",
    );
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-23T10:30:00+02:00");
    assert_eq!(metric(&r, "reaction").started_at, Some(at("2026-11-23T10:00:00+02:00")));
}

/// 003 §4.10: L2 reaction counts from the escalation to L2.
#[test]
fn rule_1_start_at_escalation() {
    let events = [registered("2026-11-16T09:00:00+02:00"), escalated("2026-11-18T12:00:00+02:00", Line::L2)];
    let r = run(
        &policy("customs-contact-centre"),
        &class(TicketType::Consultation, 3),
        &events,
        "2026-11-18T13:00:00+02:00",
    );
    // Thu 19, Fri 20, Mon 23: the close of the third working day (17:00 Mon–Thu).
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-23T17:00:00+02:00");
    assert_eq!(metric(&r, "resolution").state, ClockState::NotStarted);
}

/// 003 §4.10: resolution counts from the reaction.
#[test]
fn rule_1_start_at_reaction() {
    let events = [
        registered("2026-11-16T09:00:00+02:00"),
        escalated("2026-11-18T12:00:00+02:00", Line::L2),
        status("2026-11-19T10:00:00+02:00", Status::InProgress),
    ];
    let r = run(
        &policy("customs-contact-centre"),
        &class(TicketType::Consultation, 3),
        &events,
        "2026-11-19T11:00:00+02:00",
    );
    assert_eq!(metric(&r, "reaction").state, ClockState::Met);
    assert_eq!(metric(&r, "resolution").started_at, Some(at("2026-11-19T10:00:00+02:00")));
    // 10 calendar days after 19 Nov is Sun 29 Nov: the close of the next working day.
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-30T17:00:00+02:00");
}

// ---- rule 2: hour units ----

#[test]
fn rule_2_working_hours_run_only_inside_working_periods() {
    // Mon 17:00 + 60 working hours on 09:00–18:00: 1 + 9×6 = 55 by Tue 1 Dec, 5 more on Wed.
    let r = run(
        &policy("primorye-social"),
        &class(TicketType::Incident, 3),
        &[registered("2026-11-23T17:00:00+10:00")],
        "2026-11-23T17:00:00+10:00",
    );
    assert_eq!(due_of(&r, "resolution", 10), "2026-12-02T14:00:00+10:00");
}

#[test]
fn rule_2_counting_begins_at_the_first_working_moment() {
    let r = run(
        &policy("primorye-social"),
        &class(TicketType::ServiceRequest, 3),
        &[registered("2026-11-23T07:00:00+10:00")],
        "2026-11-23T07:00:00+10:00",
    );
    assert_eq!(due_of(&r, "resolution", 10), "2026-11-24T16:00:00+10:00");
}

#[test]
fn rule_2_a_deadline_on_the_close_stays_there() {
    // 16 working hours from Mon 11:00: 7 on Monday, 9 on Tuesday — Tue 18:00, not Wed 09:00.
    let r = run(
        &policy("primorye-social"),
        &class(TicketType::ServiceRequest, 3),
        &[registered("2026-11-23T11:00:00+10:00")],
        "2026-11-23T11:00:00+10:00",
    );
    assert_eq!(due_of(&r, "resolution", 10), "2026-11-24T18:00:00+10:00");
}

// ---- rule 3: day units ----

#[test]
fn rule_3_working_days_begin_the_day_after_the_start() {
    let p = policy("lenobl-budget");
    let highest = class(TicketType::Incident, 1);
    let cases = [
        ("2026-10-19T10:00:00+03:00", "2026-10-20T18:00:00+03:00"), // Mon → close of Tue
        ("2026-10-23T17:00:00+03:00", "2026-10-26T18:00:00+03:00"), // Fri → Mon
        ("2026-10-24T12:00:00+03:00", "2026-10-26T18:00:00+03:00"), // Sat → Mon
        ("2026-10-19T20:00:00+03:00", "2026-10-20T18:00:00+03:00"), // after hours → next day
    ];
    for (start, due) in cases {
        let r = run(&p, &highest, &[registered(start)], start);
        assert_eq!(due_of(&r, "resolution", 3), due, "registered {start}");
    }
}

#[test]
fn rule_3_holidays_do_not_count_as_working_days() {
    let p = policy_with_holidays("lenobl-budget", &["2026-11-04"]);
    let r = run(
        &p,
        &class(TicketType::Incident, 1),
        &[registered("2026-11-03T10:00:00+03:00")],
        "2026-11-03T10:00:00+03:00",
    );
    assert_eq!(due_of(&r, "resolution", 3), "2026-11-05T18:00:00+03:00");
    let steps = serde_json::to_string(&metric(&r, "resolution").steps).unwrap();
    assert!(steps.contains("2026-11-04"), "the explanation names the skipped holiday: {steps}");
}

#[test]
fn rule_3_transferred_working_day_counts() {
    let p = Policy::preset("lenobl-budget").unwrap().compile(&[], &[date("2026-10-24")]).unwrap();
    let r = run(
        &p,
        &class(TicketType::Incident, 1),
        &[registered("2026-10-23T10:00:00+03:00")],
        "2026-10-23T10:00:00+03:00",
    );
    assert_eq!(
        due_of(&r, "resolution", 3),
        "2026-10-24T18:00:00+03:00",
        "the working Saturday is the first working day"
    );
}

#[test]
fn rule_3_calendar_days_end_on_the_close_of_a_working_day() {
    // 003 §4.12: 45 calendar days from receipt on Mon 23 Nov is Thu 7 Jan 2027 — a working day.
    let events = [received("2026-11-23T09:30:00+02:00"), registered("2026-11-23T09:40:00+02:00")];
    let r = run(
        &policy("customs-contact-centre"),
        &class(TicketType::Consultation, 3),
        &events,
        "2026-11-23T10:00:00+02:00",
    );
    assert_eq!(due_of(&r, "answer", 2), "2027-01-07T17:00:00+02:00");
    assert_eq!(metric(&r, "answer").started_at, Some(at("2026-11-23T09:30:00+02:00")));
}

#[test]
fn rule_3_in_a_24x7_calendar_the_close_is_midnight() {
    let r = run(
        &custom(ROUND_THE_CLOCK_DAYS),
        &class(TicketType::Incident, 3),
        &[registered("2026-11-23T15:00:00+02:00")],
        "2026-11-23T15:00:00+02:00",
    );
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-26T00:00:00+02:00");
}

// ---- rule 4: calendar time and DST ----

#[test]
fn rule_4_hours_are_elapsed_hours_across_dst() {
    let p = policy("customs-helpdesk");
    // Spring forward on 29 Mar 2026 at 03:00 Kyiv: 8 hours from 22:00 EET end at 07:00 EEST.
    let r = run(
        &p,
        &class(TicketType::Incident, 2),
        &[registered("2026-03-28T22:00:00+02:00")],
        "2026-03-28T22:00:00+02:00",
    );
    assert_eq!(due_of(&r, "resolution", 3), "2026-03-29T07:00:00+03:00");
    // Fall back on 25 Oct 2026 at 04:00: 8 hours from 22:00 EEST end at 05:00 EET.
    let r = run(
        &p,
        &class(TicketType::Incident, 2),
        &[registered("2026-10-24T22:00:00+03:00")],
        "2026-10-24T22:00:00+03:00",
    );
    assert_eq!(due_of(&r, "resolution", 2), "2026-10-25T05:00:00+02:00");
}

#[test]
fn rule_4_a_calendar_day_is_one_local_date_across_dst() {
    let r = run(
        &custom(ROUND_THE_CLOCK_DAYS),
        &class(TicketType::Incident, 1),
        &[registered("2026-03-28T10:00:00+02:00")],
        "2026-03-28T10:00:00+02:00",
    );
    // 29 Mar has 23 hours; its close is midnight local time.
    assert_eq!(due_of(&r, "resolution", 3), "2026-03-30T00:00:00+03:00");
}

// ---- rule 5: pause ----

#[test]
fn rule_5_pause_adds_the_paused_working_time() {
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T16:00:00+03:00", Status::AwaitingInfo),
        status("2026-10-20T11:00:00+03:00", Status::InProgress),
    ];
    let r = run(&policy("lenobl-budget"), &class(TicketType::Incident, 1), &events, "2026-10-20T12:00:00+03:00");
    // Due Tue 18:00; paused Mon 16–18 and Tue 9–11: 4 working hours later.
    assert_eq!(due_of(&r, "resolution", 3), "2026-10-21T13:00:00+03:00");
}

#[test]
fn rule_5_pause_adds_elapsed_time_for_calendar_units() {
    let events = [
        registered("2026-10-23T10:00:00+03:00"),
        status("2026-10-23T12:00:00+03:00", Status::Postponed),
        status("2026-10-26T12:00:00+03:00", Status::InProgress),
    ];
    let r = run(
        &custom(WEEKLY_48_CALENDAR_HOURS),
        &class(TicketType::Incident, 3),
        &events,
        "2026-10-26T12:00:00+03:00",
    );
    // Due Sun 10:00 without the pause; 72 elapsed hours later.
    assert_eq!(due_of(&r, "resolution", 3), "2026-10-28T10:00:00+03:00");
}

/// Under a regulation that pauses (002 §13.10; 000 has no pause): a P1
/// incident registered Mon 23 Nov 10:00 (1 working day → Tue 18:00, 17
/// working hours) and waiting from 12:00 keeps its 15 hours left.
#[test]
fn rule_5_a_paused_clock_reports_paused_and_fires_nothing() {
    let events = [
        registered("2026-11-23T10:00:00+03:00"),
        status("2026-11-23T12:00:00+03:00", Status::AwaitingInfo),
    ];
    let r = run(&policy("lenobl-budget"), &class(TicketType::Incident, 1), &events, "2026-11-24T17:00:00+03:00");
    let m = metric(&r, "resolution");
    assert_eq!(m.state, ClockState::Paused);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    assert_eq!(m.remaining_working_seconds, 15 * 3600);
}

// ---- rule 6: priority lowered / raised ----

/// 002 §7.3.5(1)
#[test]
fn rule_6_lowered_recomputes_from_the_original_start() {
    let events = [registered("2026-10-19T10:00:00+03:00"), priority("2026-10-21T12:00:00+03:00", 3)];
    let r = run(&policy("lenobl-budget"), &class(TicketType::Incident, 2), &events, "2026-10-21T12:00:00+03:00");
    // Medium: 8 working days from Mon 19 Oct → Thu 29 Oct; the 20 hours worked still count.
    assert_eq!(due_of(&r, "resolution", 3), "2026-10-29T18:00:00+03:00");
    assert_eq!(metric(&r, "resolution").elapsed_working_seconds, 20 * 3600);
}

/// 002 §7.3.5(2)
#[test]
fn rule_6_raised_restarts_at_the_raise() {
    let events = [registered("2026-10-19T10:00:00+03:00"), priority("2026-10-21T12:00:00+03:00", 1)];
    let r = run(&policy("lenobl-budget"), &class(TicketType::Incident, 3), &events, "2026-10-21T12:00:00+03:00");
    assert_eq!(due_of(&r, "resolution", 3), "2026-10-22T18:00:00+03:00");
    assert_eq!(metric(&r, "resolution").elapsed_working_seconds, 0);
}

#[test]
fn rule_6_a_priority_change_that_keeps_the_target_changes_nothing() {
    let events = [registered("2026-11-23T10:00:00+02:00"), priority("2026-11-23T10:10:00+02:00", 1)];
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 4),
        &events,
        "2026-11-23T10:11:00+02:00",
    );
    assert_eq!(due_of(&r, "reaction", 2), "2026-11-23T10:30:00+02:00");
    // …while the resolution target did change: raised, restarted at 10:10 with 4 h.
    assert_eq!(due_of(&r, "resolution", 2), "2026-11-23T14:10:00+02:00");
}

// ---- rule 7: workaround ----

/// 002 §9.6, Appendix 1 Table 3
#[test]
fn rule_7_workaround_target_from_the_original_start() {
    let events = [registered("2026-10-19T10:00:00+03:00"), workaround("2026-10-20T12:00:00+03:00")];
    let r = run(&policy("lenobl-budget"), &class(TicketType::Incident, 2), &events, "2026-10-20T12:00:00+03:00");
    assert_eq!(due_of(&r, "resolution", 3), "2026-10-26T18:00:00+03:00");
    assert_eq!(metric(&r, "resolution").target.as_deref(), Some("5 working days"));
}

#[test]
fn rule_7_workaround_by_agreement_has_no_fixed_deadline() {
    let events = [registered("2026-10-19T10:00:00+03:00"), workaround("2026-10-20T12:00:00+03:00")];
    let r = run(&policy("lenobl-budget"), &class(TicketType::Incident, 4), &events, "2026-10-20T12:00:00+03:00");
    let m = metric(&r, "resolution");
    assert_eq!(m.target.as_deref(), Some("by agreement"));
    assert_eq!(m.due, None);
}

// ---- rule 8: reaction ----

#[test]
fn rule_8_reaction_is_met_when_taken_into_work() {
    let events = [registered("2026-11-23T10:00:00+02:00"), status("2026-11-23T10:20:00+02:00", Status::InProgress)];
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 3),
        &events,
        "2026-11-23T12:00:00+02:00",
    );
    let m = metric(&r, "reaction");
    assert_eq!(m.state, ClockState::Met);
    assert_eq!(m.stopped_at, Some(at("2026-11-23T10:20:00+02:00")));
}

#[test]
fn rule_8_reaction_counts_on_the_line_it_measures() {
    let events = [
        registered("2026-11-16T09:00:00+02:00"),
        status("2026-11-16T09:05:00+02:00", Status::InProgress), // L1 works it
        escalated("2026-11-18T12:00:00+02:00", Line::L2),
        status("2026-11-18T12:00:00+02:00", Status::New),
    ];
    let p = policy("customs-contact-centre");
    let r = run(&p, &class(TicketType::Consultation, 3), &events, "2026-11-19T09:00:00+02:00");
    assert_eq!(metric(&r, "reaction").state, ClockState::Running, "L1 taking it is not the L2 reaction");
    let mut taken = events.to_vec();
    taken.push(status("2026-11-19T09:30:00+02:00", Status::InProgress));
    let r = run(&p, &class(TicketType::Consultation, 3), &taken, "2026-11-19T10:00:00+02:00");
    assert_eq!(metric(&r, "reaction").stopped_at, Some(at("2026-11-19T09:30:00+02:00")));
}

// ---- rule 9: breach ----

#[test]
fn rule_9_running_clock_breaches_only_after_the_deadline() {
    let p = policy("customs-helpdesk");
    let c = class(TicketType::Incident, 3);
    let events = [registered("2026-11-23T10:00:00+02:00")];
    assert_eq!(
        metric(&run(&p, &c, &events, "2026-11-23T10:30:00+02:00"), "reaction").state,
        ClockState::Running
    );
    assert_eq!(
        metric(&run(&p, &c, &events, "2026-11-23T10:30:01+02:00"), "reaction").state,
        ClockState::Breached
    );
}

#[test]
fn rule_9_stopped_clock_is_judged_at_the_stop() {
    let p = policy("customs-helpdesk");
    let c = class(TicketType::Incident, 3);
    let on_time = [registered("2026-11-23T10:00:00+02:00"), status("2026-11-23T10:30:00+02:00", Status::InProgress)];
    let late = [registered("2026-11-23T10:00:00+02:00"), status("2026-11-23T10:31:00+02:00", Status::InProgress)];
    assert_eq!(metric(&run(&p, &c, &on_time, "2026-11-24T00:00:00+02:00"), "reaction").state, ClockState::Met);
    assert_eq!(metric(&run(&p, &c, &late, "2026-11-24T00:00:00+02:00"), "reaction").state, ClockState::Breached);
}

// ---- rule 10: same instant ----

#[test]
fn rule_10_events_at_the_same_instant_apply_in_recorded_order() {
    let p = policy("lenobl-budget");
    let c = class(TicketType::Incident, 1);
    let pause_then_resume = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T12:00:00+03:00", Status::AwaitingInfo),
        status("2026-10-19T12:00:00+03:00", Status::InProgress),
    ];
    assert_eq!(
        metric(&run(&p, &c, &pause_then_resume, "2026-10-19T13:00:00+03:00"), "resolution").state,
        ClockState::Running
    );
    let resume_then_pause = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T12:00:00+03:00", Status::InProgress),
        status("2026-10-19T12:00:00+03:00", Status::AwaitingInfo),
    ];
    assert_eq!(
        metric(&run(&p, &c, &resume_then_pause, "2026-10-19T13:00:00+03:00"), "resolution").state,
        ClockState::Paused
    );
}

#[test]
fn rule_10_events_out_of_order_are_refused() {
    let events = [registered("2026-10-19T10:00:00+03:00"), status("2026-10-19T09:00:00+03:00", Status::InProgress)];
    let err = evaluate(&policy("lenobl-budget"), &class(TicketType::Incident, 1), &events, at("2026-10-20T00:00:00Z")).unwrap_err();
    assert!(matches!(err, SlaError::OutOfOrder { index: 1, .. }), "{err}");
}

// ---- rule 11: warnings ----

#[test]
fn rule_11_warnings_at_shares_of_the_target() {
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 1),
        &[registered("2026-11-23T10:00:00+02:00")],
        "2026-11-23T13:10:00+02:00",
    );
    let w: Vec<(f64, String, bool)> = metric(&r, "resolution")
        .warnings
        .iter()
        .map(|w| {
            (
                w.threshold,
                w.at.with_timezone(&chrono::FixedOffset::east_opt(7200).unwrap()).to_rfc3339(),
                w.reached,
            )
        })
        .collect();
    assert_eq!(
        w,
        vec![
            (0.75, "2026-11-23T13:00:00+02:00".to_string(), true),
            (0.9, "2026-11-23T13:36:00+02:00".to_string(), false),
            (1.0, "2026-11-23T14:00:00+02:00".to_string(), false),
        ]
    );
    assert_eq!(r.next_change, Some(at("2026-11-23T13:36:00+02:00")));
}

#[test]
fn rule_11_a_recomputed_deadline_never_refires_a_threshold() {
    // P3 (24 h): 75 % is reached at 04:00 next day; then raised to P1 at 05:00.
    let events = [registered("2026-11-23T10:00:00+02:00"), priority("2026-11-24T05:00:00+02:00", 1)];
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 3),
        &events,
        "2026-11-24T08:30:00+02:00",
    );
    let m = metric(&r, "resolution");
    let at_75: Vec<_> = m.warnings.iter().filter(|w| w.threshold == 0.75).collect();
    assert_eq!(at_75.len(), 1);
    assert_eq!(
        at_75[0].at,
        at("2026-11-24T04:00:00+02:00"),
        "the first crossing stands; the restart does not fire it again"
    );
    assert_eq!(m.due, Some(at("2026-11-24T09:00:00+02:00")));
}

#[test]
fn rule_11_breach_is_decided_on_the_time_left() {
    let events = [registered("2026-11-23T10:00:00+02:00")];
    let r = run(
        &policy("customs-helpdesk"),
        &class(TicketType::Incident, 1),
        &events,
        "2026-11-23T13:59:59+02:00",
    );
    let m = metric(&r, "resolution");
    assert_eq!(m.state, ClockState::Running, "99.99 % used is not a breach");
    assert_eq!(m.remaining_working_seconds, 1);
    assert_eq!(r.next_change, Some(at("2026-11-23T14:00:01+02:00")));
}

// ---- rule 12: no working time ----

#[test]
fn rule_12_no_working_time_is_an_error() {
    let p = custom(
        r#"
id = "never-open"
name = "a calendar with no working hours"
[calendar]
time_zone = "Europe/Kyiv"
[[metrics]]
name = "resolution"
start = "registered"
targets = [{ target = "8 working hours" }]
"#,
    );
    let err = evaluate(
        &p,
        &class(TicketType::Incident, 3),
        &[registered("2026-11-23T10:00:00+02:00")],
        at("2026-11-23T10:00:00+02:00"),
    )
    .unwrap_err();
    assert!(matches!(err, SlaError::Calendar(CalendarError::NoWorkingTime(_))), "{err}");
}

// ---- the issue's worked example ----

#[test]
fn lenobl_case_with_pause_lowering_and_workaround() {
    let p = policy_with_holidays("lenobl-budget", &["2026-11-04"]);
    let events = [
        registered("2026-10-19T10:00:00+03:00"),
        status("2026-10-19T11:00:00+03:00", Status::InProgress),
        status("2026-10-20T14:00:00+03:00", Status::AwaitingInfo),
        status("2026-10-21T10:00:00+03:00", Status::InProgress),
        priority("2026-10-21T12:00:00+03:00", 3),
        workaround("2026-10-21T15:00:00+03:00"),
        escalated("2026-10-22T09:00:00+03:00", Line::L2),
        status("2026-10-23T16:00:00+03:00", Status::Resolved),
    ];
    let r = run(&p, &class(TicketType::Incident, 2), &events, "2026-10-23T17:00:00+03:00");
    let m = metric(&r, "resolution");
    // Medium with a workaround: 20 working days from 19 Oct skipping 4 Nov → Tue 17 Nov,
    // plus the 5 working hours of the pause → Wed 18 Nov 14:00.
    assert_eq!(due_of(&r, "resolution", 3), "2026-11-18T14:00:00+03:00");
    assert_eq!(m.state, ClockState::Met);
    assert_eq!(m.elapsed_working_seconds, 37 * 3600);
    assert_eq!(m.target.as_deref(), Some("20 working days"));
}

#[test]
fn complexity_changes_the_term_from_the_start() {
    let events = [
        registered("2026-11-16T09:00:00+02:00"),
        escalated("2026-11-16T10:00:00+02:00", Line::L2),
        status("2026-11-17T10:00:00+02:00", Status::InProgress),
        complexity("2026-11-18T10:00:00+02:00", Complexity::Medium),
    ];
    let r = run(
        &policy("customs-contact-centre"),
        &class(TicketType::Consultation, 3),
        &events,
        "2026-11-18T11:00:00+02:00",
    );
    // 25 calendar days from 17 Nov: Sat 12 Dec → Mon 14 Dec, 17:00.
    assert_eq!(due_of(&r, "resolution", 2), "2026-12-14T17:00:00+02:00");
}

// ---- pauses: only what the regulation names ----

/// A pause names waiting statuses; a policy that would pause a clock while
/// the ticket is worked is refused.
#[test]
fn a_pause_names_only_waiting_statuses() {
    let text = ROUND_THE_CLOCK_DAYS.replace(
        "start = \"registered\"",
        "start = \"registered\"\npauses = { statuses = [\"in_progress\"], clause = \"nowhere\" }",
    );
    let err = Policy::from_toml(&text).unwrap().compile(&[], &[]).unwrap_err().to_string();
    assert!(err.contains("only awaiting_info and postponed"), "{err}");
    let text = ROUND_THE_CLOCK_DAYS.replace(
        "start = \"registered\"",
        "start = \"registered\"\npauses = { statuses = [\"postponed\"], type = [\"incident\"] }",
    );
    let p = custom(&text);
    let events = [
        registered("2026-11-23T10:00:00+02:00"),
        status("2026-11-23T11:00:00+02:00", Status::AwaitingInfo),
    ];
    let r = run(&p, &class(TicketType::Incident, 2), &events, "2026-11-23T12:00:00+02:00");
    assert_eq!(metric(&r, "resolution").state, ClockState::Running, "awaiting_info is not named");
}

/// A resumption records its cause: a reopening, the end of a postponement,
/// a hand-over to another line.
#[test]
fn a_resumption_records_its_cause() {
    use helpdesk_domain::sla::{ResumeCause, Step};
    let resuming = ROUND_THE_CLOCK_DAYS.replace(
        "start = \"registered\"",
        "start = \"registered\"\nstop = [\"postponed\", \"resolved\", \"closed\"]",
    );
    let p = custom(&resuming);
    let cause_of = |events: &[helpdesk_domain::sla::ClockEvent]| {
        let r = run(&p, &class(TicketType::Incident, 2), events, "2026-11-25T00:00:00+02:00");
        metric(&r, "resolution")
            .steps
            .iter()
            .find_map(|s| match s {
                Step::Resumed { cause, .. } => cause.clone(),
                _ => None,
            })
            .expect("resumed")
    };
    let base = [registered("2026-11-23T10:00:00+02:00"), status("2026-11-23T11:00:00+02:00", Status::InProgress)];
    let mut reopened = base.to_vec();
    reopened.extend([
        status("2026-11-23T12:00:00+02:00", Status::Resolved),
        status("2026-11-23T13:00:00+02:00", Status::InProgress),
    ]);
    assert_eq!(cause_of(&reopened), ResumeCause::Reopened);
    let mut postponed = base.to_vec();
    postponed.extend([
        status("2026-11-23T12:00:00+02:00", Status::Postponed),
        status("2026-11-23T13:00:00+02:00", Status::InProgress),
    ]);
    assert_eq!(cause_of(&postponed), ResumeCause::PostponementEnded);
    let mut handed = base.to_vec();
    handed.extend([
        status("2026-11-23T12:00:00+02:00", Status::Postponed),
        escalated("2026-11-23T12:30:00+02:00", Line::L3),
        status("2026-11-23T12:30:00+02:00", Status::New),
    ]);
    assert_eq!(cause_of(&handed), ResumeCause::HandedOver { line: Some(Line::L3) });
}
