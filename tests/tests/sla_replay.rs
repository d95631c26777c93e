//! Cross-crate: `helpdesk sla replay` (run in-process through the CLI
//! library) reports exactly what the domain's SLA engine computes, for a
//! case under each built-in policy.

use chrono::{DateTime, Utc};
use helpdesk_domain::policy::{Policy, TicketClass, PRESET_NAMES};
use helpdesk_domain::sla::{evaluate, ClockEvent, ClockEventKind};
use helpdesk_domain::{Line, Priority, Status, TicketType};
use serde_json::{json, Value};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

#[test]
fn the_cli_reports_what_the_engine_computes_under_every_preset() {
    let events = [
        ("2026-11-23T09:00:00+02:00", json!({"kind": "received"}), ClockEventKind::Received),
        (
            "2026-11-23T09:30:00+02:00",
            json!({"kind": "registered"}),
            ClockEventKind::Registered { line: None },
        ),
        (
            "2026-11-23T10:00:00+02:00",
            json!({"kind": "escalated", "line": "L2"}),
            ClockEventKind::Escalated { line: Some(Line::L2) },
        ),
        (
            "2026-11-23T11:00:00+02:00",
            json!({"kind": "status", "to": "in_progress"}),
            ClockEventKind::Status { to: Status::InProgress },
        ),
        (
            "2026-11-24T11:00:00+02:00",
            json!({"kind": "status", "to": "awaiting_info"}),
            ClockEventKind::Status { to: Status::AwaitingInfo },
        ),
        (
            "2026-11-25T15:00:00+02:00",
            json!({"kind": "status", "to": "in_progress"}),
            ClockEventKind::Status { to: Status::InProgress },
        ),
        (
            "2026-11-26T12:00:00+02:00",
            json!({"kind": "priority", "to": 4}),
            ClockEventKind::Priority { to: Priority::new(4).unwrap() },
        ),
    ];
    let now = "2026-11-27T12:00:00+02:00";
    for name in PRESET_NAMES {
        let case = json!({
            "policy": name,
            "ticket": {"type": "incident", "priority": 3},
            "events": events.iter().map(|(t, v, _)| { let mut v = v.clone(); v["at"] = json!(t); v }).collect::<Vec<_>>(),
            "now": now,
        });
        let out = helpdesk_cli::run_with(&["sla", "replay", "-"], &case.to_string(), &[]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();

        let policy = Policy::preset(name).unwrap().compile(&[], &[]).unwrap();
        let class = TicketClass {
            ticket_type: TicketType::Incident,
            priority: Priority::new(3).ok(),
            complexity: None,
            service: None,
        };
        let clock: Vec<ClockEvent> = events.iter().map(|(t, _, kind)| ClockEvent { at: at(t), kind: kind.clone() }).collect();
        let expected = evaluate(&policy, &class, &clock, at(now)).unwrap();

        let metrics = report["metrics"].as_array().unwrap();
        assert_eq!(metrics.len(), expected.metrics.len(), "{name}");
        for (got, want) in metrics.iter().zip(&expected.metrics) {
            assert_eq!(got["name"], want.name.as_str(), "{name}");
            let due = got["due"].as_str().map(at);
            assert_eq!(due, want.due, "{name}/{}", want.name);
            assert_eq!(got["state"], serde_json::to_value(want.state).unwrap(), "{name}/{}", want.name);
            assert_eq!(got["elapsed_working_seconds"], want.elapsed_working_seconds, "{name}/{}", want.name);
            assert_eq!(got["warnings"].as_array().unwrap().len(), want.warnings.len(), "{name}/{}", want.name);
        }
    }
}
