//! Instants in JSON, for `#[serde(with = "timestamp")]` on a
//! `DateTime<Utc>` (and `timestamp::option` on an `Option` of one): RFC
//! 3339 in UTC exactly as chrono writes it (`2026-12-04T09:30:00Z`, with a
//! fraction of 3, 6 or 9 digits when there is one), written and read
//! without chrono's general formatter and parser — a ticket carries one
//! per comment and audit event, and a first replica reads some 200,000.
//! Whatever else chrono reads (another offset, `t` or a space between date
//! and time, a leap second, a year past 9999) is handed to chrono, so both
//! read the same texts the same way.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};
use serde::{de, Deserializer, Serializer};
use std::fmt;

/// The longest text [`write`] makes: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
const LONGEST: usize = 30;

/// Writes `at` as chrono's `Serialize` does (`to_rfc3339_opts(AutoSi,
/// true)`) into `buf`, or `None` for what only chrono writes (a year
/// outside 0–9999, a leap second).
fn write(at: &DateTime<Utc>, buf: &mut [u8; LONGEST]) -> Option<usize> {
    use chrono::{Datelike, Timelike};
    let naive = at.naive_utc();
    let (year, nanos) = (naive.year(), naive.nanosecond());
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return None;
    }
    let mut put = |at: usize, value: u32, digits: usize| {
        let mut value = value;
        for place in (at..at + digits).rev() {
            buf[place] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, year as u32, 4);
    put(5, naive.month(), 2);
    put(8, naive.day(), 2);
    put(11, naive.hour(), 2);
    put(14, naive.minute(), 2);
    put(17, naive.second(), 2);
    let (fraction, digits) = match nanos {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
        n if n % 1_000 == 0 => (n / 1_000, 6),
        n => (n, 9),
    };
    if digits > 0 {
        put(20, fraction, digits);
    }
    for (place, sign) in [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.')] {
        buf[place] = sign;
    }
    let end = if digits > 0 { 20 + digits } else { 19 };
    buf[end] = b'Z';
    Some(end + 1)
}

/// Reads the form [`write`] makes (also with `+00:00` for `Z` and a
/// fraction of any length up to 9 digits); `None` for anything else.
fn read_plain(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20 || [b[4], b[7], b[10], b[13], b[16]] != [b'-', b'-', b'T', b':', b':'] {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        b[from..to]
            .iter()
            .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)?;
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let mut end = 19;
    let mut nanos = 0;
    if b[end] == b'.' {
        let digits = b[end + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanos = number(end + 1, end + 1 + digits)? * 10u32.pow(9 - digits as u32);
        end += 1 + digits;
    }
    if !matches!(&b[end..], b"Z" | b"+00:00") || second > 59 {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(NaiveDateTime::new(date, time).and_utc())
}

/// Reads an instant as chrono's `Deserialize` of a `DateTime<Utc>` does.
pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match read_plain(text) {
        Some(at) => Ok(at),
        None => text.parse::<DateTime<FixedOffset>>().map(|at| at.with_timezone(&Utc)),
    }
}

pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; LONGEST];
    match write(at, &mut buf) {
        Some(len) => serializer.serialize_str(std::str::from_utf8(&buf[..len]).expect("digits and signs are ASCII")),
        None => serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

struct InstantVisitor;

impl de::Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        parse(text).map_err(E::custom)
    }
}

/// The same for an `Option<DateTime<Utc>>` (`null` for `None`); give the
/// field `#[serde(default)]` too, so a missing one still reads as `None`.
pub mod option {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Instant(#[serde(with = "super")] DateTime<Utc>);
        Ok(Option::<Instant>::deserialize(deserializer)?.map(|Instant(at)| at))
    }
}

#[cfg(test)]
#[path = "timestamp_tests.rs"]
mod tests;
