//! `helpdesk sla replay` driven as a user drives it: the built binary as a
//! subprocess, cases as JSON files or stdin, checking stdout, stderr and the
//! exit code.

#[allow(dead_code)]
mod common;

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Output;

const EXAMPLE: &str = r#"{
  "policy": "lenobl-budget",
  "holidays": ["2026-11-04"],
  "working_days": [],
  "ticket": {"type": "incident", "priority": "high"},
  "events": [
    {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
    {"at": "2026-10-19T11:00:00+03:00", "kind": "status", "to": "in_progress"},
    {"at": "2026-10-20T14:00:00+03:00", "kind": "status", "to": "awaiting_info"},
    {"at": "2026-10-21T10:00:00+03:00", "kind": "status", "to": "in_progress"},
    {"at": "2026-10-21T12:00:00+03:00", "kind": "priority", "to": "medium"},
    {"at": "2026-10-21T15:00:00+03:00", "kind": "workaround"},
    {"at": "2026-10-22T09:00:00+03:00", "kind": "escalated", "line": "L2"},
    {"at": "2026-10-23T16:00:00+03:00", "kind": "status", "to": "resolved"}
  ],
  "now": "2026-10-23T17:00:00+03:00"
}"#;

/// Runs `helpdesk` with `args`, `stdin` and only the given locale variables.
fn helpdesk(args: &[&str], stdin: &str, vars: &[(&str, &str)]) -> Output {
    common::run(args, stdin, vars, |_| {})
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Replays a case from stdin and returns the JSON report; the run must succeed.
fn replay(case: &Value) -> Value {
    let out = helpdesk(&["sla", "replay", "-"], &case.to_string(), &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn metric<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no metric {name}: {report:#}"))
}

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("helpdesk-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

// ---- the issue's example ----

#[test]
fn the_example_gives_the_engines_deadline_from_a_file() {
    let path = temp_file("example.json", EXAMPLE);
    let out = helpdesk(&["sla", "replay", path.to_str().unwrap()], "", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = metric(&report, "resolution");
    assert_eq!(m["due"], "2026-11-18T14:00:00+03:00");
    assert_eq!(m["state"], "met");
    assert_eq!(m["elapsed_working_seconds"], 37 * 3600);
    assert_eq!(m["target"], "20 working days");
    assert_eq!(m["started_at"], "2026-10-19T10:00:00+03:00");
    assert_eq!(m["stopped_at"], "2026-10-23T16:00:00+03:00");
    assert!(m["warnings"].is_array());
}

#[test]
fn the_example_from_stdin_is_the_same() {
    let report = replay(&serde_json::from_str(EXAMPLE).unwrap());
    let m = metric(&report, "resolution");
    assert_eq!(m["due"], "2026-11-18T14:00:00+03:00");
    assert_eq!(m["state"], "met");
    assert_eq!(m["elapsed_working_seconds"], 133_200);
    assert_eq!(report["now"], "2026-10-23T17:00:00+03:00");
}

#[test]
fn a_policy_level_or_a_number_gives_the_same_priority() {
    let mut case: Value = serde_json::from_str(EXAMPLE).unwrap();
    case["ticket"]["priority"] = json!(2);
    case["events"][4]["to"] = json!(3);
    assert_eq!(metric(&replay(&case), "resolution")["due"], "2026-11-18T14:00:00+03:00");
}

// ---- every preset ----

fn case(policy: &str, ticket: Value, events: Value, now: &str) -> Value {
    json!({"policy": policy, "ticket": ticket, "events": events, "now": now})
}

#[test]
fn customs_helpdesk_counts_round_the_clock_in_kyiv_time() {
    let report = replay(&case(
        "customs-helpdesk",
        json!({"type": "incident", "priority": 3}),
        json!([{"at": "2026-11-23T10:00:00+02:00", "kind": "registered"}]),
        "2026-11-23T10:05:00+02:00",
    ));
    assert_eq!(metric(&report, "reaction")["due"], "2026-11-23T10:30:00+02:00");
    assert_eq!(metric(&report, "reaction")["state"], "running");
    assert_eq!(metric(&report, "resolution")["due"], "2026-11-24T10:00:00+02:00");
    // Summer time: the same zone, the offset of that instant.
    let summer = replay(&case(
        "customs-helpdesk",
        json!({"type": "incident", "priority": 1}),
        json!([{"at": "2026-07-01T10:00:00+03:00", "kind": "registered"}]),
        "2026-07-01T10:00:00+03:00",
    ));
    assert_eq!(metric(&summer, "resolution")["due"], "2026-07-01T14:00:00+03:00");
}

#[test]
fn customs_contact_centre_counts_l2_reaction_then_resolution() {
    let report = replay(&case(
        "customs-contact-centre",
        json!({"type": "consultation", "priority": 3}),
        json!([
            {"at": "2026-11-16T09:00:00+02:00", "kind": "registered"},
            {"at": "2026-11-18T12:00:00+02:00", "kind": "escalated", "line": "L2"},
            {"at": "2026-11-19T10:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-19T11:00:00+02:00",
    ));
    assert_eq!(metric(&report, "reaction")["state"], "met");
    assert_eq!(metric(&report, "reaction")["due"], "2026-11-23T17:00:00+02:00");
    assert_eq!(metric(&report, "resolution")["due"], "2026-11-30T17:00:00+02:00");
    assert_eq!(metric(&report, "resolution")["state"], "running");
}

/// 003 §4.10: a ticket registered straight onto an L2 group (`"line": "L2"`)
/// starts the L2 reaction at its registration, then the resolution.
#[test]
fn clause_003_4_10_registered_on_l2_starts_reaction_and_resolution() {
    let report = replay(&case(
        "customs-contact-centre",
        json!({"type": "consultation", "priority": 3}),
        json!([
            {"at": "2026-11-17T09:00:00+02:00", "kind": "registered", "line": "L2"},
            {"at": "2026-11-18T10:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-18T11:00:00+02:00",
    ));
    let reaction = metric(&report, "reaction");
    assert_eq!(reaction["state"], "met");
    assert_eq!(reaction["started_at"], "2026-11-17T09:00:00+02:00");
    assert_eq!(reaction["due"], "2026-11-20T15:45:00+02:00");
    let resolution = metric(&report, "resolution");
    assert_eq!(resolution["state"], "running");
    assert_eq!(resolution["due"], "2026-11-30T17:00:00+02:00");
    let s = explain(
        &["--lang", "en"],
        &case(
            "customs-contact-centre",
            json!({"type": "consultation", "priority": 3}),
            json!([{"at": "2026-11-17T09:00:00+02:00", "kind": "registered", "line": "L2"}]),
            "2026-11-17T10:00:00+02:00",
        )
        .to_string(),
        &[],
    );
    assert!(s.contains("registered straight onto L2"), "{s}");
    let line = refused(
        &case(
            "customs-contact-centre",
            json!({"type": "consultation", "priority": 3}),
            json!([{"at": "2026-11-17T09:00:00+02:00", "kind": "registered", "line": "L9"}]),
            "2026-11-17T10:00:00+02:00",
        )
        .to_string(),
    );
    assert_names(&line, "events[0].line", "L1, L2, L3, L4");
}

/// 003 §4.10: additional information is gathered «у режимі зворотного
/// зв'язку» within the term; nothing pauses the L2 reaction or resolution.
#[test]
fn clause_003_4_10_waiting_for_the_user_pauses_nothing() {
    let report = replay(&case(
        "customs-contact-centre",
        json!({"type": "consultation"}),
        json!([
            {"at": "2026-11-16T09:00:00+02:00", "kind": "registered", "line": "L2"},
            {"at": "2026-11-17T10:00:00+02:00", "kind": "status", "to": "awaiting_info"},
            {"at": "2026-11-18T10:00:00+02:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-11-20T10:00:00+02:00", "kind": "status", "to": "postponed"}
        ]),
        "2026-11-27T10:00:00+02:00",
    ));
    let reaction = metric(&report, "reaction");
    assert_eq!(reaction["due"], "2026-11-19T17:00:00+02:00");
    assert_eq!(reaction["state"], "met");
    let resolution = metric(&report, "resolution");
    assert_eq!(resolution["due"], "2026-11-30T17:00:00+02:00");
    assert_eq!(resolution["state"], "running");
}

#[test]
fn ncts_transit_counts_l2_processing_from_in_progress() {
    let report = replay(&case(
        "ncts-transit",
        json!({"type": "incident", "priority": 1}),
        json!([
            {"at": "2026-11-23T08:30:00+02:00", "kind": "registered", "line": "L2"},
            {"at": "2026-11-23T09:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-23T09:30:00+02:00",
    ));
    assert_eq!(metric(&report, "l2_processing")["due"], "2026-11-23T13:00:00+02:00");
    assert_eq!(metric(&report, "l3_processing")["state"], "not_started");
}

/// 001 §III.12: L2's processing ends when L2 postpones and hands over; L3's
/// working time after the hand-over is not billed to L2.
#[test]
fn clause_001_3_12_l2_clock_stays_stopped_while_l3_works() {
    let report = replay(&case(
        "ncts-transit",
        json!({"type": "incident", "priority": 2}),
        json!([
            {"at": "2026-11-23T09:00:00+02:00", "kind": "registered"},
            {"at": "2026-11-23T09:00:00+02:00", "kind": "escalated", "line": "L2"},
            {"at": "2026-11-23T11:00:00+02:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-11-23T13:00:00+02:00", "kind": "status", "to": "postponed"},
            {"at": "2026-11-23T13:00:00+02:00", "kind": "escalated", "line": "L3"},
            {"at": "2026-11-23T13:00:00+02:00", "kind": "status", "to": "new"},
            {"at": "2026-11-23T14:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-26T10:00:00+02:00",
    ));
    let l2 = metric(&report, "l2_processing");
    assert_eq!(l2["state"], "met");
    assert_eq!(l2["stopped_at"], "2026-11-23T13:00:00+02:00");
    assert_eq!(l2["elapsed_working_seconds"], 2 * 3600);
    let l3 = metric(&report, "l3_processing");
    assert_eq!(l3["state"], "running");
    assert_eq!(l3["started_at"], "2026-11-23T13:00:00+02:00");
}

/// 001 §III.12: L2's processing starts when L2's executor takes the ticket
/// after the hand-over to L2, not when L1 took it.
#[test]
fn clause_001_3_12_l2_processing_starts_with_l2s_executor() {
    let report = replay(&case(
        "ncts-transit",
        json!({"type": "incident", "priority": 1}),
        json!([
            {"at": "2026-11-23T09:00:00+02:00", "kind": "registered", "line": "L1"},
            {"at": "2026-11-23T09:30:00+02:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-11-23T10:00:00+02:00", "kind": "escalated", "line": "L2"},
            {"at": "2026-11-23T10:00:00+02:00", "kind": "status", "to": "new"},
            {"at": "2026-11-23T11:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-23T12:00:00+02:00",
    ));
    let l2 = metric(&report, "l2_processing");
    assert_eq!(l2["started_at"], "2026-11-23T11:00:00+02:00");
    assert_eq!(l2["due"], "2026-11-23T15:00:00+02:00");
}

/// 003 §4.10 and 004 §3.1 set no term by priority: a ticket without one
/// replays; under a policy whose terms read it, the refusal says why.
#[test]
fn clause_003_4_10_and_004_3_1_a_ticket_without_priority_replays() {
    let report = replay(&case(
        "primorye-social",
        json!({"type": "incident"}),
        json!([{"at": "2026-11-23T15:00:00+10:00", "kind": "registered"}]),
        "2026-11-23T15:00:00+10:00",
    ));
    assert_eq!(metric(&report, "resolution")["target"], "60 working hours");
    let report = replay(&case(
        "customs-contact-centre",
        json!({"type": "consultation", "complexity": "medium"}),
        json!([
            {"at": "2026-11-17T09:00:00+02:00", "kind": "registered", "line": "L2"},
            {"at": "2026-11-18T10:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-18T11:00:00+02:00",
    ));
    assert_eq!(metric(&report, "resolution")["target"], "25 calendar days");
    let s = explain(
        &["--lang", "en"],
        &case(
            "primorye-social",
            json!({"type": "incident"}),
            json!([{"at": "2026-11-23T15:00:00+10:00", "kind": "registered"}]),
            "2026-11-23T15:00:00+10:00",
        )
        .to_string(),
        &[],
    );
    assert!(s.contains("Ticket: incident.") && !s.contains("priority"), "{s}");
    let line = refused(
        &case(
            "customs-helpdesk",
            json!({"type": "incident"}),
            json!([{"at": "2026-11-23T15:00:00+02:00", "kind": "registered"}]),
            "2026-11-23T15:00:00+02:00",
        )
        .to_string(),
    );
    assert_names(&line, "ticket.priority", "this policy's terms depend on the priority");
}

#[test]
fn lenobl_budget_breaches_a_running_clock() {
    let report = replay(&case(
        "lenobl-budget",
        json!({"type": "incident", "priority": "highest"}),
        json!([{"at": "2026-10-19T10:00:00+03:00", "kind": "registered"}]),
        "2026-10-21T10:00:00+03:00",
    ));
    let m = metric(&report, "resolution");
    assert_eq!(m["due"], "2026-10-20T18:00:00+03:00");
    assert_eq!(m["state"], "breached");
}

#[test]
fn primorye_social_counts_working_hours_in_vladivostok() {
    let report = replay(&case(
        "primorye-social",
        json!({"type": "incident", "priority": 3}),
        json!([
            {"at": "2026-11-23T15:00:00+10:00", "kind": "received"},
            {"at": "2026-11-23T17:00:00+10:00", "kind": "registered"}
        ]),
        "2026-11-23T17:00:00+10:00",
    ));
    assert_eq!(metric(&report, "resolution")["due"], "2026-12-02T14:00:00+10:00");
    assert_eq!(metric(&report, "registration")["state"], "met");
}

/// 004 §3.2: only an incident waiting for the requester's answer stops the
/// clock; a service request waiting runs on.
#[test]
fn clause_004_3_2_a_service_request_waiting_for_the_requester_runs_on() {
    let events = json!([
        {"at": "2026-11-23T09:00:00+10:00", "kind": "registered"},
        {"at": "2026-11-23T10:00:00+10:00", "kind": "status", "to": "awaiting_info"}
    ]);
    let request = replay(&case(
        "primorye-social",
        json!({"type": "service_request"}),
        events.clone(),
        "2026-11-23T12:00:00+10:00",
    ));
    assert_eq!(metric(&request, "resolution")["state"], "running");
    assert_eq!(metric(&request, "resolution")["due"], "2026-11-24T16:00:00+10:00");
    let incident = replay(&case("primorye-social", json!({"type": "incident"}), events, "2026-11-23T12:00:00+10:00"));
    assert_eq!(metric(&incident, "resolution")["state"], "paused");
}

/// 004 §2.4: registered on receipt (no `received` event) — the registration
/// term is met at once, not breached four hours later.
#[test]
fn clause_004_2_4_registered_on_receipt_is_no_breach() {
    let report = replay(&case(
        "primorye-social",
        json!({"type": "incident"}),
        json!([{"at": "2026-11-23T10:00:00+10:00", "kind": "registered"}]),
        "2026-11-23T16:00:00+10:00",
    ));
    let m = metric(&report, "registration");
    assert_eq!(m["state"], "met");
    assert_eq!(m["stopped_at"], "2026-11-23T10:00:00+10:00");
    assert!(m["warnings"].as_array().unwrap().iter().all(|w| w["reached"] == false), "{m:#}");
}

/// 002 §7.3.5(2): raising a ticket whose term was «по согласованию» restarts
/// the count at the raise, and the explanation calls it a raise.
#[test]
fn clause_002_7_3_5_2_a_raise_from_by_agreement_restarts_and_is_called_a_raise() {
    let raised = case(
        "lenobl-budget",
        json!({"type": "incident", "priority": "low"}),
        json!([
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-19T11:00:00+03:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-10-20T12:00:00+03:00", "kind": "workaround"},
            {"at": "2026-10-21T15:00:00+03:00", "kind": "priority", "to": "medium"}
        ]),
        "2026-10-21T16:00:00+03:00",
    );
    assert_eq!(metric(&replay(&raised), "resolution")["due"], "2026-11-18T18:00:00+03:00");
    let s = explain(&["--lang", "en"], &raised.to_string(), &[]);
    assert!(s.contains("the priority was raised") && !s.contains("lowered"), "{s}");
    let s = explain(&["--lang", "uk"], &raised.to_string(), &[]);
    assert!(s.contains("пріоритет підвищено") && !s.contains("знижено"), "{s}");
}

/// 002 Table 3, column «Нет (отсутствует)»: no term. The replay says so in
/// its JSON (`no_term`) and its explanation in every language.
#[test]
fn clause_002_table_3_priority_none_has_no_term_and_says_so() {
    let none = case(
        "lenobl-budget",
        json!({"type": "incident", "priority": 5}),
        json!([{"at": "2026-10-19T10:00:00+03:00", "kind": "registered"}]),
        "2026-11-30T10:00:00+03:00",
    );
    let report = replay(&none);
    let m = metric(&report, "resolution");
    assert_eq!(m["state"], "no_term");
    assert_eq!(m["target"], "no term");
    assert_eq!(m["due"], Value::Null);
    assert!(m["warnings"].as_array().unwrap().is_empty());
    let by_name = case(
        "lenobl-budget",
        json!({"type": "incident", "priority": "none"}),
        json!([{"at": "2026-10-19T10:00:00+03:00", "kind": "registered"}]),
        "2026-11-30T10:00:00+03:00",
    );
    assert_eq!(metric(&replay(&by_name), "resolution")["state"], "no_term");
    for (lang, phrase) in [
        ("en", "no term under this regulation"),
        ("uk", "строк регламентом не встановлено"),
        ("ru", "срок регламентом не установлен"),
    ] {
        let s = explain(&["--lang", lang], &none.to_string(), &[]);
        assert!(s.contains(phrase), "{lang}: no «{phrase}» in:\n{s}");
        assert!(s.contains("P5 (Нет (отсутствует))"), "{lang}: the level's own name:\n{s}");
    }
}

/// 001 §III.12 points to Appendix 2, which the seed lacks: the ncts-transit
/// processing terms are placeholders, and the replay, its explanation and
/// `sla presets` say so.
#[test]
fn clause_001_3_12_placeholder_figures_are_shown_as_such() {
    let c = case(
        "ncts-transit",
        json!({"type": "incident", "priority": 2}),
        json!([
            {"at": "2026-11-23T09:00:00+02:00", "kind": "registered", "line": "L2"},
            {"at": "2026-11-23T10:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-23T11:00:00+02:00",
    );
    let report = replay(&c);
    let reason = metric(&report, "l2_processing")["placeholder"].as_str().expect("marked").to_string();
    assert!(reason.contains("001 §III.12"), "{reason}");
    for (lang, phrase) in [
        ("uk", "тимчасовий, не з регламенту"),
        ("en", "a placeholder, not the regulation's figure"),
        ("ru", "временный, не из регламента"),
    ] {
        let s = explain(&["--lang", lang], &c.to_string(), &[]);
        assert!(s.contains(phrase) && s.contains(&reason), "{lang}: no «{phrase}» in:\n{s}");
    }
    // The list marks them in the user's language.
    for (vars, phrase) in [
        (&[("LANG", "en_US.UTF-8")][..], "placeholder figures: "),
        (&[("LANG", "uk_UA.UTF-8")][..], "тимчасові строки, не з регламенту: "),
    ] {
        let out = helpdesk(&["sla", "presets"], "", vars);
        let list = text(&out.stdout);
        let ncts = list.lines().find(|l| l.starts_with("ncts-transit\t")).unwrap();
        assert!(
            ncts.contains(phrase) && ncts.contains("l2_processing") && ncts.contains("l3_processing"),
            "{list}"
        );
        let helpdesk_line = list.lines().find(|l| l.starts_with("customs-helpdesk\t")).unwrap();
        assert!(!helpdesk_line.contains(phrase), "{list}");
    }
}

#[test]
fn a_policy_file_may_extend_a_preset() {
    let path = temp_file("eight-to-five.toml", "id = \"lenobl-8-17\"\nname = \"8-17\"\nextends = \"lenobl-budget\"\n[calendar]\ntime_zone = \"Europe/Moscow\"\nweek = { mon = [\"08:00-17:00\"], tue = [\"08:00-17:00\"], wed = [\"08:00-17:00\"], thu = [\"08:00-17:00\"], fri = [\"08:00-17:00\"] }\n");
    let report = replay(&case(
        path.to_str().unwrap(),
        json!({"type": "incident", "priority": "highest"}),
        json!([{"at": "2026-10-19T10:00:00+03:00", "kind": "registered"}]),
        "2026-10-19T10:00:00+03:00",
    ));
    assert_eq!(metric(&report, "resolution")["due"], "2026-10-20T17:00:00+03:00");
}

#[test]
fn presets_are_listed_and_printed() {
    let out = helpdesk(&["sla", "presets"], "", &[]);
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    for name in ["customs-helpdesk", "customs-contact-centre", "ncts-transit", "lenobl-budget", "primorye-social"] {
        assert!(list.lines().any(|l| l.starts_with(&format!("{name}\t"))), "{list}");
        let policy = helpdesk(&["sla", "policy", name], "", &[]);
        assert_eq!(policy.status.code(), Some(0));
        assert!(text(&policy.stdout).contains(&format!("id = \"{name}\"")));
    }
    let unknown = helpdesk(&["sla", "policy", "nope"], "", &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("customs-helpdesk"));
}

// ---- --explain ----

fn explain(args: &[&str], case: &str, vars: &[(&str, &str)]) -> String {
    let mut all = vec!["sla", "replay", "--explain"];
    all.extend_from_slice(args);
    all.push("-");
    let out = helpdesk(&all, case, vars);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert_no_leaks(&s);
    s
}

/// No Fluent message id, placeable or isolation mark in the text.
fn assert_no_leaks(s: &str) {
    assert!(
        !s.contains("{$") && !s.contains("{ $") && !s.contains('{') && !s.contains('}'),
        "a placeable leaked:\n{s}"
    );
    assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "isolation marks:\n{s}");
    for ftl in [include_str!("../locales/en.ftl"), include_str!("../locales/uk.ftl")] {
        for id in ftl
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" ="))
            .map(|(id, _)| id)
        {
            if id.contains('-') {
                assert!(!s.contains(id), "message id `{id}` leaked:\n{s}");
            }
        }
    }
}

const HIGHEST: &str = r#"{"policy": "lenobl-budget", "ticket": {"type": "incident", "priority": "highest"},
  "events": [{"at": "2026-10-19T10:00:00+03:00", "kind": "registered"}], "now": "2026-10-19T12:00:00+03:00"}"#;

/// No locale variable: Ukrainian on Linux. On Windows and macOS no variable
/// means the OS's languages (the Windows build under Wine:
/// `tests/tests/windows_wine.rs`), so there the test names Ukrainian.
const DEFAULT_LANGUAGE: &[(&str, &str)] = if cfg!(any(windows, target_os = "macos")) {
    &[("LANG", "uk_UA.UTF-8")]
} else {
    &[]
};

#[test]
fn explain_in_ukrainian_by_default() {
    let s = explain(&[], EXAMPLE, DEFAULT_LANGUAGE);
    for phrase in [
        "Метрика «вирішення»",
        "відлік почався — звернення зареєстровано",
        "пн 19.10.2026 10:00",
        "строк — 3 робочі дні",
        "8 робочих днів",
        "20 робочих днів",
        "пріоритет знижено з P2 (Высокий) до P3 (Средний)",
        "відлік призупинено (статус «очікує інформацію»)",
        "5 годин робочого часу",
        "надано обхідне рішення",
        "Святкові дні не лічаться: ср 04.11.2026",
        "відлік зупинено — звернення набуло статусу «вирішено»",
        "Строк: ср 18.11.2026 14:00; стан: дотримано.",
        "37 годин робочого часу",
    ] {
        assert!(s.contains(phrase), "no «{phrase}» in:\n{s}");
    }
    assert!(explain(&[], HIGHEST, DEFAULT_LANGUAGE).contains("строк — 1 робочий день"));
}

#[test]
fn explain_in_english() {
    let s = explain(&["--lang", "en"], EXAMPLE, &[]);
    for phrase in [
        "Metric “resolution”",
        "the count began — the ticket was registered",
        "the term is 3 working days",
        "the term is 20 working days",
        "the priority was lowered from P2 (Высокий) to P3 (Средний)",
        "5 hours of working time",
        "Holidays not counted: Wed 2026-11-04",
        "Deadline: Wed 2026-11-18 14:00; state: met.",
    ] {
        assert!(s.contains(phrase), "no “{phrase}” in:\n{s}");
    }
    assert!(explain(&["--lang", "en"], HIGHEST, &[]).contains("the term is 1 working day ("));
}

#[test]
fn explain_in_russian() {
    let s = explain(&["--lang", "ru"], EXAMPLE, &[]);
    for phrase in [
        "Метрика «решение»",
        "отсчёт начался — обращение зарегистрировано",
        "срок — 3 рабочих дня",
        "срок — 8 рабочих дней",
        "срок — 20 рабочих дней",
        "приоритет понижен с P2 (Высокий) до P3 (Средний)",
        "5 часов рабочего времени",
        "Праздничные дни не считаются: ср 04.11.2026",
        "Срок: ср 18.11.2026 14:00; состояние: соблюдён.",
    ] {
        assert!(s.contains(phrase), "no «{phrase}» in:\n{s}");
    }
    assert!(explain(&["--lang", "ru"], HIGHEST, &[]).contains("срок — 1 рабочий день"));
}

#[test]
fn explain_takes_the_language_from_the_environment() {
    assert!(explain(&[], HIGHEST, &[("LANG", "ru_RU.UTF-8")]).contains("рабочий день"));
    assert!(explain(&[], HIGHEST, &[("LANG", "ru_RU.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]).contains("working day"));
    assert!(explain(&[], HIGHEST, &[("LC_ALL", "uk_UA.UTF-8"), ("LANG", "en_US.UTF-8")]).contains("робочий день"));
    assert!(explain(&["--lang", "en"], HIGHEST, &[("LC_ALL", "ru_RU.UTF-8")]).contains("working day"));
    assert!(explain(&[], HIGHEST, &[("LANG", "C")]).contains("робочий день"));
}

#[test]
fn explain_speaks_of_every_kind_of_step_without_leaks() {
    let cases = [
        // Raised priority, an open pause, warnings, a breach.
        case(
            "customs-helpdesk",
            json!({"type": "incident", "priority": 4}),
            json!([
                {"at": "2026-11-23T10:00:00+02:00", "kind": "registered"},
                {"at": "2026-11-23T10:10:00+02:00", "kind": "status", "to": "in_progress"},
                {"at": "2026-11-23T11:00:00+02:00", "kind": "priority", "to": 1},
                {"at": "2026-11-23T12:00:00+02:00", "kind": "status", "to": "postponed"}
            ]),
            "2026-11-24T12:00:00+02:00",
        ),
        // A type corrected to a shorter term (002 §7.3.5(2)), an open pause (002 §13.10).
        case(
            "lenobl-budget",
            json!({"type": "incident", "priority": "medium"}),
            json!([
                {"at": "2026-11-23T10:00:00+03:00", "kind": "registered"},
                {"at": "2026-11-23T10:10:00+03:00", "kind": "status", "to": "in_progress"},
                {"at": "2026-11-23T11:00:00+03:00", "kind": "type", "to": "service_request"},
                {"at": "2026-11-23T12:00:00+03:00", "kind": "status", "to": "awaiting_info"}
            ]),
            "2026-11-24T12:00:00+03:00",
        ),
        // Calendar days moved to a working day, complexity, extension, not started.
        case(
            "customs-contact-centre",
            json!({"type": "consultation", "priority": 3}),
            json!([
                {"at": "2026-11-16T09:00:00+02:00", "kind": "received"},
                {"at": "2026-11-16T09:10:00+02:00", "kind": "registered"},
                {"at": "2026-11-16T10:00:00+02:00", "kind": "escalated", "line": "L2"},
                {"at": "2026-11-17T10:00:00+02:00", "kind": "status", "to": "in_progress"},
                {"at": "2026-11-18T10:00:00+02:00", "kind": "complexity", "to": "complex"},
                {"at": "2026-11-18T11:00:00+02:00", "kind": "deadline_extended", "metric": "resolution", "until": "2027-01-20T17:00:00+02:00"}
            ]),
            "2026-11-18T12:00:00+02:00",
        ),
        // Hours from the first working moment; reopened; by agreement.
        case(
            "primorye-social",
            json!({"type": "service_request", "priority": 3}),
            json!([
                {"at": "2026-11-23T07:00:00+10:00", "kind": "registered"},
                {"at": "2026-11-23T10:00:00+10:00", "kind": "status", "to": "resolved"},
                {"at": "2026-11-23T12:00:00+10:00", "kind": "status", "to": "in_progress"}
            ]),
            "2026-11-23T13:00:00+10:00",
        ),
        case(
            "customs-contact-centre",
            json!({"type": "incident", "priority": 2}),
            json!([{"at": "2026-11-23T07:00:00+02:00", "kind": "registered"}]),
            "2026-11-23T13:00:00+02:00",
        ),
        case(
            "primorye-social",
            json!({"type": "change_request", "priority": 3}),
            json!([{"at": "2026-11-23T07:00:00+10:00", "kind": "registered"}]),
            "2026-11-23T13:00:00+10:00",
        ),
        case(
            "ncts-transit",
            json!({"type": "incident", "priority": 2, "service": "business_continuity"}),
            json!([
                {"at": "2026-11-21T09:00:00+02:00", "kind": "received"},
                {"at": "2026-11-21T09:30:00+02:00", "kind": "registered"},
                {"at": "2026-11-23T09:00:00+02:00", "kind": "status", "to": "in_progress"},
                {"at": "2026-11-23T10:00:00+02:00", "kind": "escalated", "line": "L3"}
            ]),
            "2026-11-23T11:00:00+02:00",
        ),
    ];
    let mut seen = String::new();
    for case in &cases {
        for lang in ["uk", "en", "ru"] {
            seen.push_str(&explain(&["--lang", lang], &case.to_string(), &[]));
        }
    }
    for phrase in [
        "пріоритет підвищено з P4 до P1",
        "поки що строк відсунуто на",
        "тип змінено з «інцидент» на «запит на обслуговування», строк скоротився",
        "the type was changed from",
        "тип изменён с",
        "Порушення",
        "Попередження на 75 % строку",
        "переноситься на закінчення наступного робочого дня",
        "складність — «складна»",
        "строк продовжено до",
        "Строк обмежено максимумом 40 календарних днів",
        "Відлік не почався",
        "лічаться від першої робочої миті, пн 23.11.2026 09:00",
        "відлік відновлено",
        "за домовленістю",
        "звернення передано на L3",
        "the clock restarts now",
        "приоритет повышен с P4 до P1",
    ] {
        assert!(seen.contains(phrase), "no «{phrase}» in:\n{seen}");
    }
}

/// Explanations speak to an analyst: they cite the regulation's clauses
/// (002 §7.3.5(1) for a lowering, §9.6 for a workaround, §13.10 and Table 2
/// for a pause, the metric's own clause in its heading; 003 §4.12 for the
/// 40-day maximum; 001 §III.12 for a clock not started) and never the
/// engine's specification or its rule numbers.
#[test]
fn explanations_cite_the_regulations_clauses_never_spec() {
    let contact_centre = case(
        "customs-contact-centre",
        json!({"type": "consultation", "complexity": "complex"}),
        json!([
            {"at": "2026-11-16T09:00:00+02:00", "kind": "registered", "line": "L2"},
            {"at": "2026-11-17T10:00:00+02:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-11-18T11:00:00+02:00", "kind": "deadline_extended", "metric": "resolution", "until": "2027-01-20T17:00:00+02:00"}
        ]),
        "2026-11-18T12:00:00+02:00",
    );
    let ncts = case(
        "ncts-transit",
        json!({"type": "incident", "priority": 2}),
        json!([{"at": "2026-11-23T09:00:00+02:00", "kind": "registered", "line": "L1"}]),
        "2026-11-23T10:00:00+02:00",
    );
    let primorye = case(
        "primorye-social",
        json!({"type": "incident"}),
        json!([
            {"at": "2026-11-23T09:00:00+10:00", "kind": "registered"},
            {"at": "2026-11-23T10:00:00+10:00", "kind": "status", "to": "awaiting_info"}
        ]),
        "2026-11-23T12:00:00+10:00",
    );
    for lang in ["uk", "en", "ru"] {
        let lenobl = explain(&["--lang", lang], EXAMPLE, &[]);
        for clause in [
            "(002 §9.8, §10.4, §11.4; Приложение 1, Таблица 3)",
            "(002 §7.3.5(1))",
            "(002 §9.6; Приложение 1, Таблица 3)",
            "(002 §8.4, §13.10; Приложение 1, Таблица 2)",
        ] {
            assert!(lenobl.contains(clause), "{lang}: no {clause} in:\n{lenobl}");
        }
        let cc = explain(&["--lang", lang], &contact_centre.to_string(), &[]);
        assert!(cc.contains("(003 §4.10)") && cc.contains("(003 §4.12)"), "{lang}:\n{cc}");
        let n = explain(&["--lang", lang], &ncts.to_string(), &[]);
        assert!(n.contains("(001 §III.12).") && n.contains("(001 §III.12),"), "{lang}:\n{n}");
        let p = explain(&["--lang", lang], &primorye.to_string(), &[]);
        assert!(p.contains("(004 §3.2)") && p.contains("(004 §2.4)"), "{lang}:\n{p}");
        for s in [&lenobl, &cc, &n, &p] {
            for leak in ["SPEC", "(rule ", "(правило ", "rule 1", "правило 1"] {
                assert!(!s.contains(leak), "{lang}: «{leak}» in:\n{s}");
            }
        }
    }
}

/// A clock that resumes says why: a reopening (002 §14.1), the end of a
/// postponement, a hand-over to another line — not always «reopened».
#[test]
fn explanations_name_the_cause_of_a_resumption() {
    // A policy of one's own whose L2 processing resumes after a stop.
    let path = temp_file(
        "resuming.toml",
        "id = \"ncts-resuming\"\nname = \"resuming\"\nextends = \"ncts-transit\"\n[[metrics]]\nname = \"l2_processing\"\nstart = \"status:in_progress\"\nstop = [\"postponed\", \"resolved\", \"closed\"]\ntargets = [{ target = \"8 working hours\" }]\n",
    );
    let handed_over = case(
        path.to_str().unwrap(),
        json!({"type": "incident", "priority": 2}),
        json!([
            {"at": "2026-11-23T09:00:00+02:00", "kind": "registered"},
            {"at": "2026-11-23T10:00:00+02:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-11-23T11:00:00+02:00", "kind": "status", "to": "postponed"},
            {"at": "2026-11-23T11:00:00+02:00", "kind": "escalated", "line": "L3"},
            {"at": "2026-11-23T11:00:00+02:00", "kind": "status", "to": "new"}
        ]),
        "2026-11-23T12:00:00+02:00",
    );
    let postponement = case(
        path.to_str().unwrap(),
        json!({"type": "incident", "priority": 2}),
        json!([
            {"at": "2026-11-23T09:00:00+02:00", "kind": "registered"},
            {"at": "2026-11-23T10:00:00+02:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-11-23T11:00:00+02:00", "kind": "status", "to": "postponed"},
            {"at": "2026-11-24T11:00:00+02:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-11-24T12:00:00+02:00",
    );
    let reopened = case(
        "lenobl-budget",
        json!({"type": "incident", "priority": "high"}),
        json!([
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-19T11:00:00+03:00", "kind": "status", "to": "resolved"},
            {"at": "2026-10-20T11:00:00+03:00", "kind": "status", "to": "in_progress"}
        ]),
        "2026-10-20T12:00:00+03:00",
    );
    for (c, uk, en, ru) in [
        (
            &handed_over,
            "відлік відновлено — звернення передано на L3",
            "the clock resumed — the ticket was handed over to L3",
            "отсчёт возобновлён — обращение передано на L3",
        ),
        (
            &postponement,
            "відлік відновлено — роботу відновлено після відкладення",
            "the clock resumed — work resumed after the postponement",
            "отсчёт возобновлён — работа возобновлена после отложения",
        ),
        (
            &reopened,
            "відлік відновлено — звернення повторно відкрито",
            "the clock resumed — the ticket was reopened",
            "отсчёт возобновлён — обращение открыто повторно",
        ),
    ] {
        for (lang, phrase) in [("uk", uk), ("en", en), ("ru", ru)] {
            let s = explain(&["--lang", lang], &c.to_string(), &[]);
            assert!(s.contains(phrase), "{lang}: no «{phrase}» in:\n{s}");
        }
    }
    assert!(!explain(&["--lang", "en"], &handed_over.to_string(), &[]).contains("reopened"));
}

// ---- bad input: exit 2, one line naming the field ----

const ENGLISH: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];
const UKRAINIAN: &[(&str, &str)] = &[("LANG", "uk_UA.UTF-8")];
const RUSSIAN: &[(&str, &str)] = &[("LANG", "ru_RU.UTF-8")];

/// Runs a bad case in English and returns its one stderr line.
fn refused(case: &str) -> String {
    refused_in(&[], case, ENGLISH)
}

/// Runs a bad case with the options `args` and the locale `vars`, and
/// returns its one stderr line.
fn refused_in(args: &[&str], case: &str, vars: &[(&str, &str)]) -> String {
    let mut all = vec!["sla", "replay"];
    all.extend_from_slice(args);
    all.push("-");
    let out = helpdesk(&all, case, vars);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stdout: {} stderr: {stderr}", text(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.ends_with('\n'));
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The example with one edit applied to its JSON.
fn example_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut case: Value = serde_json::from_str(EXAMPLE).unwrap();
    edit(&mut case);
    case.to_string()
}

fn assert_names(line: &str, field: &str, allowed: &str) {
    assert!(line.contains(&format!(" {field}: ")), "`{field}` not named: {line}");
    assert!(line.contains(allowed), "`{allowed}` not said: {line}");
}

#[test]
fn unknown_policy() {
    let line = refused(&example_with(|c| c["policy"] = json!("budget")));
    assert_names(
        &line,
        "policy",
        "customs-helpdesk, customs-contact-centre, ncts-transit, lenobl-budget, primorye-social",
    );
}

#[test]
fn unknown_level() {
    let line = refused(&example_with(|c| c["ticket"]["priority"] = json!("urgent")));
    assert_names(&line, "ticket.priority", "1–5 or highest, high, medium, low");
    let line = refused(&example_with(|c| c["events"][4]["to"] = json!(7)));
    assert_names(&line, "events[4].to", "1–5 or highest, high, medium, low");
}

#[test]
fn unknown_status() {
    let line = refused(&example_with(|c| c["events"][1]["to"] = json!("working")));
    assert_names(&line, "events[1].to", "new, in_progress, awaiting_info, postponed, resolved, closed");
}

#[test]
fn unknown_event_kind_type_complexity_and_line() {
    assert_names(
        &refused(&example_with(|c| c["events"][5]["kind"] = json!("fixed"))),
        "events[5].kind",
        "received, registered, status, priority",
    );
    assert_names(
        &refused(&example_with(|c| c["ticket"]["type"] = json!("bug"))),
        "ticket.type",
        "incident, service_request, consultation, change_request",
    );
    assert_names(
        &refused(&example_with(|c| c["ticket"]["complexity"] = json!("hard"))),
        "ticket.complexity",
        "simple, medium, complex",
    );
    assert_names(
        &refused(&example_with(|c| c["events"][6]["line"] = json!("L5"))),
        "events[6].line",
        "L1, L2, L3, L4",
    );
}

#[test]
fn events_out_of_order() {
    let line = refused(&example_with(|c| c["events"][3]["at"] = json!("2026-10-20T13:00:00+03:00")));
    assert_names(&line, "events[3].at", "order");
}

#[test]
fn invalid_timestamp() {
    assert_names(
        &refused(&example_with(|c| c["events"][2]["at"] = json!("2026-10-20 14:00"))),
        "events[2].at",
        "RFC 3339",
    );
    assert_names(&refused(&example_with(|c| c["now"] = json!("tomorrow"))), "now", "RFC 3339");
    assert_names(&refused(&example_with(|c| c["holidays"][0] = json!("04.11.2026"))), "holidays[0]", "YYYY-MM-DD");
}

#[test]
fn malformed_json() {
    let line = refused(&EXAMPLE[..EXAMPLE.len() - 10]);
    assert_names(&line, "input", "malformed JSON");
    assert_names(&refused("[]"), "input", "expected an object");
    assert_names(&refused(&example_with(|c| c["events"] = json!({"at": 1}))), "events", "expected an array");
}

#[test]
fn unknown_field() {
    assert_names(
        &refused(&example_with(|c| c["colour"] = json!("red"))),
        "colour",
        "policy, holidays, working_days, ticket, events, now",
    );
    assert_names(
        &refused(&example_with(|c| c["ticket"]["urgency"] = json!("high"))),
        "ticket.urgency",
        "type, priority, complexity, service",
    );
    assert_names(&refused(&example_with(|c| c["events"][5]["to"] = json!("x"))), "events[5].to", "at, kind");
}

#[test]
fn missing_field() {
    assert_names(
        &refused(&example_with(|c| drop(c["ticket"].as_object_mut().unwrap().remove("type")))),
        "ticket.type",
        "incident, service_request",
    );
    assert_names(
        &refused(&example_with(|c| drop(c["ticket"].as_object_mut().unwrap().remove("priority")))),
        "ticket.priority",
        "1–5 or highest",
    );
    assert_names(
        &refused(&example_with(|c| drop(c["events"][1].as_object_mut().unwrap().remove("to")))),
        "events[1].to",
        "in_progress",
    );
    assert_names(
        &refused(&example_with(|c| drop(c["events"][0].as_object_mut().unwrap().remove("at")))),
        "events[0].at",
        "RFC 3339",
    );
    assert_names(
        &refused(&example_with(|c| drop(c.as_object_mut().unwrap().remove("events")))),
        "events",
        "array",
    );
    assert_names(
        &refused(&example_with(|c| drop(c.as_object_mut().unwrap().remove("policy")))),
        "policy",
        "preset name",
    );
}

#[test]
fn transition_the_workflow_forbids() {
    // The first status after registration is `new`: `new` → `new` is no change.
    let line = refused(&example_with(|c| c["events"][1]["to"] = json!("new")));
    assert_names(&line, "events[1].to", "in_progress, awaiting_info, postponed, resolved, closed");
    // Nothing leaves `closed`; a resolved ticket reopens to in_progress only.
    let line = refused(&example_with(|c| {
        c["events"]
            .as_array_mut()
            .unwrap()
            .push(json!({"at": "2026-10-23T16:30:00+03:00", "kind": "status", "to": "awaiting_info"}))
    }));
    assert_names(&line, "events[8].to", "from `resolved` allowed: in_progress, closed");
    // A status before the registration.
    let line = refused(&example_with(|c| c["events"].as_array_mut().unwrap().swap(0, 1)));
    assert!(line.contains("events[0].kind: "), "{line}");
}

#[test]
fn invalid_policy_file() {
    let syntax = temp_file("broken.toml", "id = \"x\"\nname = \n");
    let line = refused(&example_with(|c| c["policy"] = json!(syntax.to_str().unwrap())));
    assert_names(&line, "policy", "TOML parse error at line 2");
    let unknown = temp_file("unknown-key.toml", "id = \"x\"\nname = \"y\"\ncolour = \"red\"\n");
    assert_names(&refused(&example_with(|c| c["policy"] = json!(unknown.to_str().unwrap()))), "policy", "colour");
    let no_metrics = temp_file("no-metrics.toml", "id = \"x\"\nname = \"y\"\n[calendar]\ntime_zone = \"Europe/Kyiv\"\n");
    assert_names(
        &refused(&example_with(|c| c["policy"] = json!(no_metrics.to_str().unwrap()))),
        "policy",
        "no metrics",
    );
    assert_names(
        &refused(&example_with(|c| c["policy"] = json!("/nonexistent/policy.toml"))),
        "policy",
        "cannot read",
    );
}

#[test]
fn calendar_with_no_working_time() {
    let empty = temp_file("no-hours.toml", "id = \"x\"\nname = \"y\"\n[calendar]\ntime_zone = \"Europe/Moscow\"\n[[metrics]]\nname = \"resolution\"\nstart = \"registered\"\ntargets = [{ target = \"8 working hours\" }]\n");
    let line = refused(&example_with(|c| {
        c["policy"] = json!(empty.to_str().unwrap());
        c["ticket"]["priority"] = json!(2);
        c["events"][4]["to"] = json!(3);
    }));
    assert_names(&line, "policy", "no working time");
}

#[test]
fn a_day_both_holiday_and_working_day() {
    let line = refused(&example_with(|c| c["working_days"] = json!(["2026-11-04"])));
    assert_names(&line, "working_days[0]", "one list");
}

#[test]
fn unknown_metric_of_an_extension() {
    let line = refused(&example_with(
        |c| {
            c["events"][5] = json!({"at": "2026-10-21T15:00:00+03:00", "kind": "deadline_extended", "metric": "reaction", "until": "2026-12-01T18:00:00+03:00"})
        },
    ));
    assert_names(&line, "events[5].metric", "resolution, conclusion");
}

#[test]
fn bad_usage_is_one_line_with_exit_2() {
    let out = helpdesk(&["sla", "replay", "--lang", "de", "-"], EXAMPLE, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).lines().count(), 1, "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("uk, en, ru"));
    let missing = helpdesk(&["sla", "replay", "/nonexistent/case.json"], "", ENGLISH);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("FILE: cannot read `/nonexistent/case.json`"));
}

// ---- bad input in the user's language ----

/// The words of the English refusals; none may show in another language.
const ENGLISH_WORDS: &[&str] = &[
    "malformed",
    "unknown",
    "allowed",
    "expected",
    "missing",
    "is not a",
    "workflow",
    "earlier than",
    "field",
    "policy",
    "cannot read",
    "found",
];

/// `line` names `path` as the English one does and says `words`, in no English.
fn assert_said(line: &str, path: &str, words: &[&str]) {
    let Some(message) = line.strip_prefix(&format!("helpdesk: {path}: ")) else {
        panic!("`{path}` not named first: {line}");
    };
    for word in words {
        assert!(message.contains(word), "no «{word}» in: {line}");
    }
    for english in ENGLISH_WORDS {
        assert!(!message.contains(english), "English «{english}» in: {line}");
    }
}

#[test]
fn malformed_json_is_said_in_ukrainian() {
    let line = refused_in(&[], &EXAMPLE[..EXAMPLE.len() - 10], UKRAINIAN);
    assert_said(&line, "input", &["некоректний JSON: EOF while parsing a string at line 16 column 28"]);
    let line = refused_in(&[], "[]", UKRAINIAN);
    assert_said(&line, "input", &["очікувався об’єкт, а не масив"]);
}

#[test]
fn an_unknown_field_is_said_in_ukrainian() {
    let line = refused_in(&[], &example_with(|c| c["ticket"]["urgency"] = json!("high")), UKRAINIAN);
    assert_said(&line, "ticket.urgency", &["невідоме поле", "type, priority, complexity, service"]);
    let line = refused_in(&[], &example_with(|c| c["events"][5]["to"] = json!("x")), UKRAINIAN);
    assert_said(&line, "events[5].to", &["невідоме поле для події виду «workaround»; допустимі: at, kind"]);
}

#[test]
fn a_bad_date_is_said_in_ukrainian() {
    let line = refused_in(&[], &example_with(|c| c["holidays"][0] = json!("04.11.2026")), UKRAINIAN);
    assert_said(&line, "holidays[0]", &["«04.11.2026» — це не дата", "YYYY-MM-DD, наприклад 2026-11-04"]);
    let line = refused_in(&[], &example_with(|c| c["events"][2]["at"] = json!("2026-10-20 14:00")), UKRAINIAN);
    assert_said(&line, "events[2].at", &["«2026-10-20 14:00» — це не дата й час", "2026-10-19T10:00:00+03:00"]);
}

#[test]
fn an_event_kind_that_does_not_exist_is_said_in_ukrainian() {
    let line = refused_in(&[], &example_with(|c| c["events"][5]["kind"] = json!("fixed")), UKRAINIAN);
    assert_said(
        &line,
        "events[5].kind",
        &["невідомий вид події «fixed»", "допустимі: received, registered, status, priority"],
    );
}

#[test]
fn a_workflow_step_not_allowed_is_said_in_the_language_of_lang() {
    let resolved_then_awaiting = example_with(|c| {
        c["events"]
            .as_array_mut()
            .unwrap()
            .push(json!({"at": "2026-10-23T16:30:00+03:00", "kind": "status", "to": "awaiting_info"}))
    });
    let line = refused_in(&["--lang", "uk"], &resolved_then_awaiting, ENGLISH);
    assert_said(
        &line,
        "events[8].to",
        &[
            "процес не дозволяє перехід «resolved» → «awaiting_info»",
            "зі статусу «resolved» допустимі: in_progress, closed",
        ],
    );
    let line = refused_in(&["--lang", "en"], &resolved_then_awaiting, UKRAINIAN);
    assert!(line.contains("the workflow does not allow `resolved` → `awaiting_info`"), "{line}");
}

#[test]
fn bad_input_is_said_in_russian() {
    let line = refused_in(&[], &example_with(|c| c["events"][3]["at"] = json!("2026-10-20T13:00:00+03:00")), RUSSIAN);
    assert_said(
        &line,
        "events[3].at",
        &[
            "2026-10-20T13:00:00+03:00 раньше, чем events[2].at (2026-10-20T14:00:00+03:00)",
            "перечислите события",
        ],
    );
    let line = refused_in(&[], &example_with(|c| c["events"][1]["to"] = json!("new")), RUSSIAN);
    assert_said(&line, "events[1].to", &["процесс не допускает переход «new» → «new»", "допустимы: in_progress"]);
}

#[test]
fn a_count_of_days_takes_its_plural_form() {
    let empty = temp_file("no-hours-plural.toml", "id = \"x\"\nname = \"y\"\n[calendar]\ntime_zone = \"Europe/Kyiv\"\n[[metrics]]\nname = \"resolution\"\nstart = \"registered\"\ntargets = [{ target = \"8 working hours\" }]\n");
    let case = example_with(|c| {
        c["policy"] = json!(empty.to_str().unwrap());
        c["ticket"]["priority"] = json!(2);
        c["events"][4]["to"] = json!(3);
    });
    assert_said(&refused_in(&[], &case, UKRAINIAN), "policy", &["протягом 366 днів після 2026-10-19"]);
    assert_said(&refused_in(&[], &case, RUSSIAN), "policy", &["в течение 366 дней после 2026-10-19"]);
}

#[test]
fn a_file_that_cannot_be_read_is_said_in_ukrainian() {
    let out = helpdesk(&["sla", "replay", "/nonexistent/case.json"], "", UKRAINIAN);
    assert_eq!(out.status.code(), Some(2));
    // What follows is the system's own reason, in the system's language
    // ("No such file or directory", "Path not found." on an English Windows).
    let line = text(&out.stderr);
    assert!(line.starts_with("helpdesk: FILE: не вдалося прочитати «/nonexistent/case.json»: "), "{line}");
}

/// The English refusals read word for word as they always have.
#[test]
fn english_refusals_read_as_before() {
    for (case, line) in [
        (
            example_with(|c| c["events"][5]["kind"] = json!("fixed")),
            "helpdesk: events[5].kind: unknown event kind `fixed`; allowed: received, registered, status, priority, complexity, type, milestone, workaround, escalated, deadline_extended, reclassification_proposed, reclassification_answered\n",
        ),
        (
            example_with(|c| c["events"][1]["to"] = json!("new")),
            "helpdesk: events[1].to: the workflow does not allow `new` → `new`; from `new` allowed: in_progress, awaiting_info, postponed, resolved, closed\n",
        ),
        (
            example_with(|c| c["holidays"][0] = json!("04.11.2026")),
            "helpdesk: holidays[0]: `04.11.2026` is not a date; expected YYYY-MM-DD, e.g. 2026-11-04\n",
        ),
        (
            example_with(|c| c["events"][3]["at"] = json!("2026-10-20T13:00:00+03:00")),
            "helpdesk: events[3].at: 2026-10-20T13:00:00+03:00 is earlier than events[2].at (2026-10-20T14:00:00+03:00); list events in the order they happened\n",
        ),
        (
            example_with(|c| c["events"][4]["to"] = json!(true)),
            "helpdesk: events[4].to: expected a number or a level name, found a boolean; allowed: 1–5 or highest, high, medium, low, none\n",
        ),
        (
            example_with(|c| drop(c["ticket"].as_object_mut().unwrap().remove("priority"))),
            "helpdesk: ticket.priority: missing; this policy's terms depend on the priority of a ticket of type `incident`: expected 1–5 or highest, high, medium, low, none\n",
        ),
        (
            "[]".to_string(),
            "helpdesk: input: expected an object, found an array\n",
        ),
    ] {
        assert_eq!(refused(&case), line);
    }
}

// ---- 002 §7.3.2–7.3.5: a change of type ----

/// A medium incident (8 working days) corrected to a medium service request
/// (3 working days) on Wed 21 Oct 15:00 restarts at the change (002
/// §7.3.5(2) by the direction of the term): due Mon 26 Oct 18:00; the
/// explanation says why, in the user's language.
#[test]
fn c002_s7_3_5_replay_a_type_change_that_shortens_the_term() {
    let case = json!({
        "policy": "lenobl-budget",
        "ticket": {"type": "incident", "priority": "medium"},
        "events": [
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-19T11:00:00+03:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-10-21T15:00:00+03:00", "kind": "type", "to": "service_request"}
        ],
        "now": "2026-10-21T16:00:00+03:00"
    });
    let report = replay(&case);
    let m = metric(&report, "resolution");
    assert_eq!(m["target"], "3 working days");
    assert_eq!(m["due"], "2026-10-26T18:00:00+03:00");
    let out = helpdesk(&["sla", "replay", "-", "--explain", "--lang", "uk"], &case.to_string(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let explained = text(&out.stdout);
    assert!(explained.contains("тип змінено") && explained.contains("002 §7.3.5(2)"), "{explained}");
}

/// An unknown type in a `type` event is refused with the allowed names.
#[test]
fn c002_s7_3_2_replay_refuses_an_unknown_type() {
    let case = json!({
        "policy": "lenobl-budget",
        "ticket": {"type": "incident", "priority": "medium"},
        "events": [
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-21T15:00:00+03:00", "kind": "type", "to": "bug"}
        ],
        "now": "2026-10-21T16:00:00+03:00"
    });
    let out = helpdesk(&["sla", "replay", "-"], &case.to_string(), &[]);
    assert_ne!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(err.contains("events[1].to") && err.contains("service_request"), "{err}");
}

/// 000 §13 provides no pause: waiting for the requester counts (SPEC §3.3).
#[test]
fn c000_s13_replay_awaiting_info_does_not_pause() {
    let case = json!({
        "policy": "customs-helpdesk",
        "ticket": {"type": "incident", "priority": 3},
        "events": [
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-19T10:10:00+03:00", "kind": "status", "to": "in_progress"},
            {"at": "2026-10-19T11:00:00+03:00", "kind": "status", "to": "awaiting_info"}
        ],
        "now": "2026-10-19T14:00:00+03:00"
    });
    let m = metric(&replay(&case), "resolution").clone();
    assert_eq!(m["state"], "running");
    assert_eq!(m["due"], "2026-10-20T10:00:00+03:00");
}

// ---- 001 §IV.7, 002 §12: terms counted from a milestone ----

/// 001 §IV.7: the paper-declaration permission lapses 24 hours after L1
/// informed of it (round the clock), and the explanation says from what.
#[test]
fn c001_s4_7_replay_the_paper_permission_lapses_after_24_hours() {
    let case = json!({
        "policy": "ncts-transit",
        "ticket": {"type": "incident", "priority": 2},
        "events": [
            {"at": "2026-11-21T21:00:00+02:00", "kind": "registered"},
            {"at": "2026-11-21T22:00:00+02:00", "kind": "milestone", "name": "paper_permission_granted"}
        ],
        "now": "2026-11-22T23:00:00+02:00"
    });
    let m = metric(&replay(&case), "paper_permission").clone();
    assert_eq!(m["due"], "2026-11-22T22:00:00+02:00");
    assert_eq!(m["state"], "breached");
    let out = helpdesk(&["sla", "replay", "-", "--explain", "--lang", "uk"], &case.to_string(), &[]);
    let explained = text(&out.stdout);
    assert!(
        explained.contains("поінформовано про дозвіл на паперову декларацію") && explained.contains("001 §IV.7"),
        "{explained}"
    );
}

/// 002 §12: the conclusion on a timeline clarification within 5 working
/// days of the request, met by the conclusion; an unknown milestone is refused.
#[test]
fn c002_s12_replay_the_timeline_conclusion() {
    let case = json!({
        "policy": "lenobl-budget",
        "ticket": {"type": "change_request", "priority": "medium"},
        "events": [
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-21T15:00:00+03:00", "kind": "milestone", "name": "timeline_clarification_requested"},
            {"at": "2026-10-26T12:00:00+03:00", "kind": "milestone", "name": "timeline_conclusion_given"}
        ],
        "now": "2026-10-30T10:00:00+03:00"
    });
    let m = metric(&replay(&case), "timeline_conclusion").clone();
    assert_eq!(m["due"], "2026-10-28T18:00:00+03:00");
    assert_eq!(m["state"], "met");
    let mut bad = case.clone();
    bad["events"][1]["name"] = json!("asked");
    let out = helpdesk(&["sla", "replay", "-"], &bad.to_string(), &[]);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("timeline_clarification_requested"), "{}", text(&out.stderr));
}

// ---- 002 §7.3.4: a lengthening reclassification waits for the requester ----

fn proposal_case(answer: Option<(&str, bool)>, now: &str) -> Value {
    let mut events = vec![
        json!({"at": "2026-10-19T10:00:00+03:00", "kind": "registered"}),
        json!({"at": "2026-10-19T10:30:00+03:00", "kind": "status", "to": "in_progress"}),
        json!({"at": "2026-10-19T11:00:00+03:00", "kind": "reclassification_proposed", "priority": "low"}),
    ];
    if let Some((at, agreed)) = answer {
        events.push(json!({"at": at, "kind": "reclassification_answered", "agreed": agreed}));
    }
    json!({
        "policy": "lenobl-budget",
        "ticket": {"type": "incident", "priority": "medium"},
        "events": events,
        "now": now
    })
}

/// 002 §7.3.4: the requester agreed; the longer term applies from the answer.
#[test]
fn c002_s7_3_4_replay_an_agreed_proposal_applies_at_the_answer() {
    let report = replay(&proposal_case(Some(("2026-10-19T15:00:00+03:00", true)), "2026-10-19T16:00:00+03:00"));
    assert_eq!(metric(&report, "resolution")["target"], "10 working days");
    let r = &report["reclassifications"][0];
    assert_eq!(r["outcome"], "agreed");
    assert_eq!(r["applied_at"], "2026-10-19T15:00:00+03:00");
    assert_eq!(r["answer_due"], "2026-10-20T18:00:00+03:00");
}

/// 002 §7.3.4: the requester refused; the ticket keeps its term.
#[test]
fn c002_s7_3_4_replay_a_refused_proposal_changes_nothing() {
    let report = replay(&proposal_case(Some(("2026-10-19T15:00:00+03:00", false)), "2026-10-19T16:00:00+03:00"));
    assert_eq!(metric(&report, "resolution")["target"], "8 working days");
    assert_eq!(report["reclassifications"][0]["outcome"], "refused");
    assert_eq!(report["reclassifications"][0]["applied_at"], Value::Null);
}

/// 002 §7.3.4: «в течение одного рабочего дня … считаются согласованными»:
/// asked Mon 11:00, no answer by the close of Tuesday; deemed agreed then,
/// and until then pending.
#[test]
fn c002_s7_3_4_replay_an_unanswered_proposal_is_deemed_agreed_at_its_due_time() {
    let report = replay(&proposal_case(None, "2026-10-21T10:00:00+03:00"));
    assert_eq!(metric(&report, "resolution")["target"], "10 working days");
    let r = &report["reclassifications"][0];
    assert_eq!(r["outcome"], "deemed_agreed");
    assert_eq!(r["applied_at"], "2026-10-20T18:00:00+03:00");

    let pending = replay(&proposal_case(None, "2026-10-19T16:00:00+03:00"));
    assert_eq!(metric(&pending, "resolution")["target"], "8 working days");
    assert_eq!(pending["reclassifications"][0]["outcome"], "pending");

    let case = proposal_case(None, "2026-10-21T10:00:00+03:00");
    let out = helpdesk(&["sla", "replay", "-", "--explain", "--lang", "uk"], &case.to_string(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let explained = text(&out.stdout);
    assert!(explained.contains("вважають погодженою") && explained.contains("002 §7.3.4"), "{explained}");
}

/// An answer with no proposal waiting is refused with what to do.
#[test]
fn c002_s7_3_4_replay_refuses_an_answer_without_a_proposal() {
    let case = json!({
        "policy": "lenobl-budget",
        "ticket": {"type": "incident", "priority": "medium"},
        "events": [
            {"at": "2026-10-19T10:00:00+03:00", "kind": "registered"},
            {"at": "2026-10-19T11:00:00+03:00", "kind": "reclassification_answered", "agreed": true}
        ],
        "now": "2026-10-19T16:00:00+03:00"
    });
    let out = helpdesk(&["sla", "replay", "-"], &case.to_string(), &[]);
    assert_ne!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(err.contains("events[1].kind") && err.contains("reclassification_proposed"), "{err}");
}
