use super::*;
use chrono::{Duration, TimeZone};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Ours {
    #[serde(with = "super")]
    at: DateTime<Utc>,
    #[serde(default, with = "super::option")]
    maybe: Option<DateTime<Utc>>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Chronos {
    at: DateTime<Utc>,
    maybe: Option<DateTime<Utc>>,
}

/// Instants spread over the years 0–9999 with every kind of fraction
/// (none, milli-, micro-, nanoseconds), from a fixed sequence.
fn instants() -> Vec<DateTime<Utc>> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let first = Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap();
    let span = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap().timestamp() - first.timestamp();
    let mut out = vec![
        first,
        Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap() + Duration::nanoseconds(999_999_999),
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2024, 2, 29, 23, 59, 59).unwrap() + Duration::milliseconds(1),
    ];
    for i in 0..20_000 {
        let seconds = (next() % span as u64) as i64;
        let nanos = match i % 4 {
            0 => 0,
            1 => (next() % 1_000) * 1_000_000,
            2 => (next() % 1_000_000) * 1_000,
            _ => next() % 1_000_000_000,
        };
        out.push(first + Duration::seconds(seconds) + Duration::nanoseconds(nanos as i64));
    }
    out
}

#[test]
fn instants_are_written_as_chrono_writes_them_and_read_back_unchanged() {
    for at in instants() {
        let ours = serde_json::to_string(&Ours { at, maybe: Some(at) }).unwrap();
        let chronos = serde_json::to_string(&Chronos { at, maybe: Some(at) }).unwrap();
        assert_eq!(ours, chronos);
        assert_eq!(serde_json::from_str::<Ours>(&chronos).unwrap(), Ours { at, maybe: Some(at) });
    }
}

#[test]
fn what_only_chrono_writes_is_written_by_chrono() {
    let far = Utc.with_ymd_and_hms(12345, 6, 7, 8, 9, 10).unwrap();
    let before = Utc.with_ymd_and_hms(-44, 3, 15, 12, 0, 0).unwrap();
    let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
        .unwrap()
        .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
        .unwrap()
        .and_utc();
    for at in [far, before, leap] {
        let ours = serde_json::to_string(&Ours { at, maybe: None }).unwrap();
        assert_eq!(ours, serde_json::to_string(&Chronos { at, maybe: None }).unwrap());
        assert_eq!(serde_json::from_str::<Ours>(&ours).unwrap().at, at, "{ours}");
    }
}

#[test]
fn every_text_is_read_as_chrono_reads_it() {
    let texts = [
        "2026-12-04T09:30:00Z",
        "2026-12-04T09:30:00+00:00",
        "2026-12-04T09:30:00-00:00",
        "2026-12-04T09:30:00+02:00",
        "2026-12-04T09:30:00.5Z",
        "2026-12-04T09:30:00.123456789Z",
        "2026-12-04T09:30:00.1234567891Z",
        "2026-12-04T09:30:00.Z",
        "2026-12-04t09:30:00z",
        "2026-12-04 09:30:00Z",
        "2026-12-04T09:30:60Z",
        "2026-12-04T24:00:00Z",
        "2026-02-30T09:30:00Z",
        "2026-12-04T09:30:00",
        "2026-12-04T09:30Z",
        "2026-12-04T09:30:00ZZ",
        "2026-1x-04T09:30:00Z",
        "+2026-12-04T09:30:00Z",
        "",
        "Дата",
    ];
    for text in texts {
        let chronos = text.parse::<DateTime<FixedOffset>>().map(|at| at.with_timezone(&Utc)).ok();
        assert_eq!(parse(text).ok(), chronos, "{text}");
        let json = serde_json::json!({ "at": text, "maybe": text }).to_string();
        assert_eq!(
            serde_json::from_str::<Ours>(&json).ok().map(|o| (o.at, o.maybe)),
            serde_json::from_str::<Chronos>(&json).ok().map(|c| (c.at, c.maybe)),
            "{text}"
        );
    }
}

#[test]
fn a_missing_or_null_optional_instant_is_none() {
    let at = "2026-12-04T09:30:00Z";
    for json in [format!(r#"{{"at":"{at}"}}"#), format!(r#"{{"at":"{at}","maybe":null}}"#)] {
        assert_eq!(serde_json::from_str::<Ours>(&json).unwrap().maybe, None);
    }
    assert_eq!(
        serde_json::to_string(&Ours {
            at: parse(at).unwrap(),
            maybe: None
        })
        .unwrap(),
        format!(r#"{{"at":"{at}","maybe":null}}"#)
    );
}
