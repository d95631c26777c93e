//! SLA targets: an amount of calendar or working minutes, hours or days,
//! written in policies as `"4 working hours"`, `"10 calendar days"`.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    CalendarMinutes,
    CalendarHours,
    CalendarDays,
    WorkingMinutes,
    WorkingHours,
    WorkingDays,
}

impl Unit {
    /// Working units count only the calendar's working time (SPEC §3.1).
    pub fn is_working(self) -> bool {
        matches!(self, Unit::WorkingMinutes | Unit::WorkingHours | Unit::WorkingDays)
    }

    /// Day units follow legal counting (SPEC §3.4 rule 3).
    pub fn is_days(self) -> bool {
        matches!(self, Unit::CalendarDays | Unit::WorkingDays)
    }

    /// Seconds in one unit, for hour units.
    pub fn seconds(self) -> Option<i64> {
        match self {
            Unit::CalendarMinutes | Unit::WorkingMinutes => Some(60),
            Unit::CalendarHours | Unit::WorkingHours => Some(3600),
            Unit::CalendarDays | Unit::WorkingDays => None,
        }
    }

    fn words(self) -> (&'static str, &'static str) {
        match self {
            Unit::CalendarMinutes => ("calendar", "minute"),
            Unit::CalendarHours => ("calendar", "hour"),
            Unit::CalendarDays => ("calendar", "day"),
            Unit::WorkingMinutes => ("working", "minute"),
            Unit::WorkingHours => ("working", "hour"),
            Unit::WorkingDays => ("working", "day"),
        }
    }
}

/// A term: `amount` of `unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub struct Target {
    pub amount: u32,
    pub unit: Unit,
}

impl Target {
    pub const fn new(amount: u32, unit: Unit) -> Target {
        Target { amount, unit }
    }

    pub fn parse(text: &str) -> Result<Target, String> {
        let explain = || format!("`{text}` is not a term; write an amount, `calendar` or `working`, and `minutes`, `hours` or `days`, e.g. `4 working hours`");
        let words: Vec<&str> = text.split_whitespace().collect();
        let [amount, kind, unit] = words.as_slice() else { return Err(explain()) };
        let amount: u32 = amount.parse().map_err(|_| explain())?;
        let unit = match (*kind, unit.trim_end_matches('s')) {
            ("calendar", "minute") => Unit::CalendarMinutes,
            ("calendar", "hour") => Unit::CalendarHours,
            ("calendar", "day") => Unit::CalendarDays,
            ("working", "minute") => Unit::WorkingMinutes,
            ("working", "hour") => Unit::WorkingHours,
            ("working", "day") => Unit::WorkingDays,
            _ => return Err(explain()),
        };
        Ok(Target { amount, unit })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, unit) = self.unit.words();
        let plural = if self.amount == 1 { "" } else { "s" };
        write!(f, "{} {kind} {unit}{plural}", self.amount)
    }
}

impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Target::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_through_text() {
        for text in [
            "30 working minutes",
            "1 working day",
            "45 calendar days",
            "160 working hours",
            "4 calendar hours",
        ] {
            assert_eq!(Target::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Target::parse("2 working day").unwrap(), Target::new(2, Unit::WorkingDays));
        for bad in ["4h", "four working hours", "4 business hours", "4 working weeks", ""] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }
}
