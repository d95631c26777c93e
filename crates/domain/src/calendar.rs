//! Working calendars (SPEC §3.1): a time zone, working periods per weekday,
//! holidays and transferred working days, or round the clock (24×7).
//!
//! Arithmetic on working time skips whole weeks at once (the week's working
//! time plus the holidays and transferred days inside the skipped span, found
//! by binary search), so its cost does not grow with the length of a term.
//!
//! Working periods are wall-clock times of the calendar's zone and are
//! counted in wall-clock time; a 24×7 calendar counts elapsed time, so
//! 8 hours is 8 elapsed hours across a DST change (SPEC §3.4 rule 4).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use ts_rs::TS;

const DAY: i64 = 86_400;
/// SPEC §3.4 rule 12: a calendar with no working time this long is an error.
pub const MAX_IDLE_DAYS: i64 = 366;

/// One working period of a day, as written in a policy: `"09:00-18:00"`.
/// The end may be `24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct Period {
    /// Seconds from local midnight.
    pub start: u32,
    pub end: u32,
}

impl Period {
    pub fn parse(text: &str) -> Result<Period, CalendarError> {
        let bad = || CalendarError::BadPeriod(text.to_string());
        let (a, b) = text.split_once('-').ok_or_else(bad)?;
        let clock = |s: &str| -> Option<u32> {
            let (h, m) = s.trim().split_once(':')?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 3600 + m * 60)
        };
        let (start, end) = (clock(a).ok_or_else(bad)?, clock(b).ok_or_else(bad)?);
        if start >= end {
            return Err(bad());
        }
        Ok(Period { start, end })
    }

    fn seconds(self) -> i64 {
        i64::from(self.end - self.start)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = |s: u32| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
        write!(f, "{}-{}", hm(self.start), hm(self.end))
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Period::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Working periods per weekday. A day left out does not work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Week {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mon: Vec<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tue: Vec<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wed: Vec<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thu: Vec<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fri: Vec<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sat: Vec<Period>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sun: Vec<Period>,
}

impl Week {
    fn days(&self) -> [&Vec<Period>; 7] {
        [&self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun]
    }
}

/// A calendar as an administrator writes it in a policy file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA time zone, e.g. `Europe/Kyiv`.
    #[ts(type = "string")]
    pub time_zone: Tz,
    /// Round the clock, every day (24×7): `week`, holidays and transferred
    /// days are then ignored.
    #[serde(default)]
    pub always_open: bool,
    #[serde(default)]
    pub week: Week,
    /// Non-working dates (public holidays; under martial law they may work).
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub holidays: Vec<NaiveDate>,
    /// Transferred working days, e.g. a working Saturday.
    #[serde(default)]
    #[ts(type = "Array<string>")]
    pub working_days: Vec<NaiveDate>,
    /// Hours of a transferred working day; by default those of the first
    /// weekday that works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_day_hours: Option<Vec<Period>>,
}

impl CalendarSpec {
    pub fn always_open(time_zone: Tz) -> CalendarSpec {
        CalendarSpec {
            time_zone,
            always_open: true,
            week: Week::default(),
            holidays: vec![],
            working_days: vec![],
            transferred_day_hours: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("working period `{0}` is not of the form HH:MM-HH:MM with the start before the end")]
    BadPeriod(String),
    #[error("working periods overlap on {0}; list each day's periods in order without overlaps")]
    OverlappingPeriods(&'static str),
    #[error("{0} is listed both as a holiday and as a transferred working day; keep it in one list")]
    HolidayAndWorkingDay(NaiveDate),
    #[error("the calendar has no working time in the {MAX_IDLE_DAYS} days after {0}; add working hours or remove holidays")]
    NoWorkingTime(NaiveDate),
    #[error("the instant is outside the range of dates the calendar can count")]
    OutOfRange,
}

/// A day's working periods in seconds from local midnight, and their sum.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DayPlan {
    periods: Vec<(i64, i64)>,
    total: i64,
}

impl DayPlan {
    fn new(periods: &[Period], weekday: &'static str) -> Result<DayPlan, CalendarError> {
        let mut sorted: Vec<(i64, i64)> = periods.iter().map(|p| (i64::from(p.start), i64::from(p.end))).collect();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(CalendarError::OverlappingPeriods(weekday));
        }
        let total = periods.iter().map(|p| p.seconds()).sum();
        Ok(DayPlan { periods: sorted, total })
    }

    fn works(&self) -> bool {
        self.total > 0
    }

    /// Working seconds of this day inside `[from, to)` (seconds of the day).
    fn overlap(&self, from: i64, to: i64) -> i64 {
        self.periods.iter().map(|&(s, e)| (e.min(to) - s.max(from)).max(0)).sum()
    }

    fn close(&self) -> Option<i64> {
        self.periods.last().map(|p| p.1)
    }
}

/// A date that differs from its weekday's plan, and by how much.
#[derive(Debug, Clone)]
struct Exception {
    day: i64,
    delta_seconds: i64,
    delta_days: i64,
}

/// A calendar ready for arithmetic. Build it once per policy and reuse it.
#[derive(Debug, Clone)]
pub struct Calendar {
    spec: CalendarSpec,
    week: [DayPlan; 7],
    week_seconds: i64,
    week_days: i64,
    holidays: BTreeSet<i64>,
    transferred: BTreeMap<i64, DayPlan>,
    exceptions: Vec<Exception>,
    /// `prefix_*[i]` = sum of the deltas of `exceptions[..i]`.
    prefix_seconds: Vec<i64>,
    prefix_days: Vec<i64>,
    empty: DayPlan,
}

/// Local dates are counted as days from 1970-01-01 (day 0, a Thursday), the
/// same origin as local wall-clock seconds.
fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAY_FROM_CE
}

fn date_of(day: i64) -> NaiveDate {
    i32::try_from(day + UNIX_EPOCH_DAY_FROM_CE)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

const UNIX_EPOCH_DAY_FROM_CE: i64 = 719_163;

/// Monday is 0.
fn weekday_index(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Calendar {
    pub fn new(spec: CalendarSpec) -> Result<Calendar, CalendarError> {
        let mut week: [DayPlan; 7] = Default::default();
        for (i, periods) in spec.week.days().into_iter().enumerate() {
            week[i] = DayPlan::new(periods, WEEKDAY_NAMES[i])?;
        }
        let transferred_plan = match &spec.transferred_day_hours {
            Some(periods) => DayPlan::new(periods, "transferred working days")?,
            None => week.iter().find(|d| d.works()).cloned().unwrap_or_default(),
        };
        let holidays: BTreeSet<i64> = spec.holidays.iter().copied().map(day_number).collect();
        let mut transferred = BTreeMap::new();
        for date in &spec.working_days {
            if holidays.contains(&day_number(*date)) {
                return Err(CalendarError::HolidayAndWorkingDay(*date));
            }
            transferred.insert(day_number(*date), transferred_plan.clone());
        }
        let mut exceptions: Vec<Exception> = Vec::new();
        for &day in &holidays {
            let usual = &week[weekday_index(day)];
            if usual.works() {
                exceptions.push(Exception {
                    day,
                    delta_seconds: -usual.total,
                    delta_days: -1,
                });
            }
        }
        for (&day, plan) in &transferred {
            let usual = &week[weekday_index(day)];
            exceptions.push(Exception {
                day,
                delta_seconds: plan.total - usual.total,
                delta_days: i64::from(plan.works()) - i64::from(usual.works()),
            });
        }
        exceptions.sort_by_key(|e| e.day);
        let mut prefix_seconds = vec![0];
        let mut prefix_days = vec![0];
        for e in &exceptions {
            prefix_seconds.push(prefix_seconds.last().unwrap() + e.delta_seconds);
            prefix_days.push(prefix_days.last().unwrap() + e.delta_days);
        }
        let week_seconds = week.iter().map(|d| d.total).sum();
        let week_days = week.iter().filter(|d| d.works()).count() as i64;
        Ok(Calendar {
            spec,
            week,
            week_seconds,
            week_days,
            holidays,
            transferred,
            exceptions,
            prefix_seconds,
            prefix_days,
            empty: DayPlan::default(),
        })
    }

    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    pub fn time_zone(&self) -> Tz {
        self.spec.time_zone
    }

    pub fn is_always_open(&self) -> bool {
        self.spec.always_open
    }

    /// Adds holidays and transferred working days (e.g. from a replay case).
    pub fn with_extra_days(&self, holidays: &[NaiveDate], working_days: &[NaiveDate]) -> Result<Calendar, CalendarError> {
        let mut spec = self.spec.clone();
        spec.holidays.extend_from_slice(holidays);
        spec.working_days.extend_from_slice(working_days);
        spec.holidays.sort_unstable();
        spec.holidays.dedup();
        spec.working_days.sort_unstable();
        spec.working_days.dedup();
        Calendar::new(spec)
    }

    fn plan(&self, day: i64) -> &DayPlan {
        if self.spec.always_open {
            return &self.empty; // not used: always-open arithmetic is elapsed time
        }
        if self.holidays.contains(&day) {
            return &self.empty;
        }
        if let Some(plan) = self.transferred.get(&day) {
            return plan;
        }
        &self.week[weekday_index(day)]
    }

    // ---- conversions between instants and local wall-clock seconds ----

    fn to_local(&self, t: DateTime<Utc>) -> i64 {
        let offset = self.spec.time_zone.offset_from_utc_datetime(&t.naive_utc()).fix();
        t.timestamp() + i64::from(offset.local_minus_utc())
    }

    fn local_to_utc(&self, local: i64) -> Result<DateTime<Utc>, CalendarError> {
        let naive = DateTime::from_timestamp(local, 0).ok_or(CalendarError::OutOfRange)?.naive_utc();
        Ok(self.resolve_local(naive))
    }

    fn resolve_local(&self, naive: NaiveDateTime) -> DateTime<Utc> {
        let tz = self.spec.time_zone;
        match tz.from_local_datetime(&naive).earliest() {
            Some(t) => t.with_timezone(&Utc),
            None => {
                // Inside a spring-forward gap: the wall-clock time does not
                // exist; use the offset in force just before the gap.
                let before = naive - chrono::Duration::hours(3);
                let offset = tz
                    .offset_from_local_datetime(&before)
                    .earliest()
                    .map(|o| o.fix().local_minus_utc())
                    .unwrap_or(0);
                DateTime::from_timestamp(naive.and_utc().timestamp() - i64::from(offset), 0).unwrap_or_default()
            }
        }
    }

    /// The local date of an instant in the calendar's zone.
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        date_of(self.to_local(t).div_euclid(DAY))
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.spec.always_open || self.plan(day_number(date)).works()
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        !self.spec.always_open && self.holidays.contains(&day_number(date))
    }

    /// Holidays of the calendar within `[from, to]`, for explanations.
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        if self.spec.always_open || from > to {
            return vec![];
        }
        self.holidays.range(day_number(from)..=day_number(to)).map(|&d| date_of(d)).collect()
    }

    /// The close of working hours of a date: the end of its last working
    /// period, or 24:00 in a 24×7 calendar. `None` for a non-working date.
    pub fn close_of(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        let day = day_number(date);
        let close = if self.spec.always_open { Some(DAY) } else { self.plan(day).close() }?;
        self.local_to_utc(day * DAY + close).ok()
    }

    // ---- working time ----

    /// The instant at which `amount` seconds of working time have passed
    /// since `start` (SPEC §3.4 rule 2). A result exactly at the close of a
    /// period stays there.
    pub fn add_working(&self, start: DateTime<Utc>, amount: i64) -> Result<DateTime<Utc>, CalendarError> {
        if self.spec.always_open {
            return Ok(start + chrono::Duration::seconds(amount));
        }
        let local = self.add_working_local(self.to_local(start), amount.max(0))?;
        self.local_to_utc(local)
    }

    /// Working seconds in `[a, b)`; zero when `b <= a`.
    pub fn working_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        if b <= a {
            return 0;
        }
        if self.spec.always_open {
            return (b - a).num_seconds();
        }
        self.working_between_local(self.to_local(a), self.to_local(b))
    }

    fn add_working_local(&self, start: i64, amount: i64) -> Result<i64, CalendarError> {
        let mut remaining = amount;
        if remaining == 0 {
            return Ok(start);
        }
        let first_day = start.div_euclid(DAY);
        let mut day = first_day;
        let mut from = start.rem_euclid(DAY);
        let mut idle_days = 0;
        loop {
            let plan = self.plan(day);
            for &(s, e) in &plan.periods {
                if e <= from {
                    continue;
                }
                let begin = s.max(from);
                let available = e - begin;
                if remaining <= available {
                    return Ok(day * DAY + begin + remaining);
                }
                remaining -= available;
            }
            if plan.overlap(from, DAY) == 0 {
                idle_days += 1;
                if idle_days > MAX_IDLE_DAYS {
                    return Err(CalendarError::NoWorkingTime(date_of(first_day)));
                }
            } else {
                idle_days = 0;
            }
            day += 1;
            from = 0;
            let (weeks, seconds) = self.skip_weeks(day, remaining, |c, d, k| c.seconds_in_weeks(d, k), self.week_seconds);
            day += 7 * weeks;
            remaining -= seconds;
        }
    }

    fn working_between_local(&self, a: i64, b: i64) -> i64 {
        let (day_a, sod_a) = (a.div_euclid(DAY), a.rem_euclid(DAY));
        let (day_b, sod_b) = (b.div_euclid(DAY), b.rem_euclid(DAY));
        if day_a == day_b {
            return self.plan(day_a).overlap(sod_a, sod_b);
        }
        self.plan(day_a).overlap(sod_a, DAY) + self.seconds_in_days(day_a + 1, day_b) + self.plan(day_b).overlap(0, sod_b)
    }

    /// Working seconds of the whole days `[from, to)`.
    fn seconds_in_days(&self, from: i64, to: i64) -> i64 {
        let weeks = (to - from).max(0) / 7;
        let mut sum = self.seconds_in_weeks(from, weeks);
        for day in from + 7 * weeks..to {
            sum += self.plan(day).total;
        }
        sum
    }

    fn seconds_in_weeks(&self, from: i64, weeks: i64) -> i64 {
        weeks * self.week_seconds + self.exception_sum(&self.prefix_seconds, from, from + 7 * weeks)
    }

    fn days_in_weeks(&self, from: i64, weeks: i64) -> i64 {
        weeks * self.week_days + self.exception_sum(&self.prefix_days, from, from + 7 * weeks)
    }

    /// Sum of the exception deltas of the days `[from, to)`.
    fn exception_sum(&self, prefix: &[i64], from: i64, to: i64) -> i64 {
        let lo = self.exceptions.partition_point(|e| e.day < from);
        let hi = self.exceptions.partition_point(|e| e.day < to);
        prefix[hi] - prefix[lo]
    }

    /// The largest number of whole weeks from `day` whose measure stays
    /// strictly below `remaining`, and that measure. `per_week` is the
    /// measure of an ordinary week; `measure(cal, day, k)` the real one.
    fn skip_weeks(&self, day: i64, remaining: i64, measure: impl Fn(&Calendar, i64, i64) -> i64, per_week: i64) -> (i64, i64) {
        if per_week <= 0 || remaining <= per_week {
            return (0, 0);
        }
        let mut weeks = (remaining - 1) / per_week;
        let mut got = measure(self, day, weeks);
        // Transferred days may have made the estimate too long.
        while weeks > 0 && got >= remaining {
            weeks -= 1;
            got = measure(self, day, weeks);
        }
        // Holidays may have made it too short: grow in shrinking steps.
        let mut step = ((remaining - got - 1) / per_week).max(1);
        loop {
            let candidate = measure(self, day, weeks + step);
            if candidate < remaining {
                weeks += step;
                got = candidate;
                step = ((remaining - got - 1) / per_week).max(1);
            } else if step == 1 {
                return (weeks, got);
            } else {
                step /= 2;
            }
        }
    }

    // ---- day units (SPEC §3.4 rule 3) ----

    /// The `n`th working day after `date` (`n = 0` is `date` itself).
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            return Ok(date);
        }
        if self.spec.always_open {
            return date.checked_add_days(chrono::Days::new(u64::from(n))).ok_or(CalendarError::OutOfRange);
        }
        let mut day = day_number(date) + 1;
        let mut remaining = i64::from(n);
        let (weeks, counted) = self.skip_weeks(day, remaining, |c, d, k| c.days_in_weeks(d, k), self.week_days);
        day += 7 * weeks;
        remaining -= counted;
        let mut idle_days = 0;
        loop {
            if self.plan(day).works() {
                remaining -= 1;
                idle_days = 0;
                if remaining == 0 {
                    return Ok(date_of(day));
                }
            } else {
                idle_days += 1;
                if idle_days > MAX_IDLE_DAYS {
                    return Err(CalendarError::NoWorkingTime(date));
                }
            }
            day += 1;
        }
    }

    /// The end of a term counted from `start` with no pause (SPEC §3.4
    /// rules 2–4): hour units from the first working moment; N working days
    /// → the close of the Nth working day after the start's date; N calendar
    /// days → the Nth date after it, or the close of the next working day.
    pub fn term_end(&self, start: DateTime<Utc>, term: crate::target::Target) -> Result<DateTime<Utc>, CalendarError> {
        use crate::target::Unit;
        match term.unit {
            Unit::WorkingDays => {
                let last = self.nth_working_day_after(self.local_date(start), term.amount)?;
                self.close_of(last).ok_or(CalendarError::OutOfRange)
            }
            Unit::CalendarDays => {
                let date = self
                    .local_date(start)
                    .checked_add_days(chrono::Days::new(u64::from(term.amount)))
                    .ok_or(CalendarError::OutOfRange)?;
                let last = self.working_day_at_or_after(date)?;
                self.close_of(last).ok_or(CalendarError::OutOfRange)
            }
            unit => {
                let seconds = i64::from(term.amount) * unit.seconds().unwrap_or(60);
                if unit.is_working() {
                    self.add_working(start, seconds)
                } else {
                    Ok(start + chrono::Duration::seconds(seconds))
                }
            }
        }
    }

    /// The first working day at or after `date`.
    pub fn working_day_at_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let first = day_number(date);
        (first..=first + MAX_IDLE_DAYS)
            .find(|&day| self.spec.always_open || self.plan(day).works())
            .map(date_of)
            .ok_or(CalendarError::NoWorkingTime(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nine_to_six(tz: Tz) -> CalendarSpec {
        let day = vec![Period::parse("09:00-18:00").unwrap()];
        CalendarSpec {
            time_zone: tz,
            always_open: false,
            week: Week {
                mon: day.clone(),
                tue: day.clone(),
                wed: day.clone(),
                thu: day.clone(),
                fri: day,
                ..Week::default()
            },
            holidays: vec![],
            working_days: vec![],
            transferred_day_hours: None,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn day_numbers_share_the_origin_of_unix_time() {
        let thursday = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(thursday), 0);
        assert_eq!(weekday_index(0), 3);
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(weekday_index(day_number(monday)), 0);
        assert_eq!(date_of(day_number(monday)), monday);
    }

    #[test]
    fn periods_parse_and_print() {
        assert_eq!(Period::parse("09:00-18:00").unwrap().to_string(), "09:00-18:00");
        assert_eq!(Period::parse("00:00-24:00").unwrap().seconds(), DAY);
        for bad in ["9-18", "18:00-09:00", "09:00-24:30", "25:00-26:00", "09:60-10:00"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn week_skip_agrees_with_day_by_day_counting() {
        let mut spec = nine_to_six(chrono_tz::Europe::Moscow);
        spec.holidays = vec![NaiveDate::from_ymd_opt(2026, 11, 4).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()];
        spec.working_days = vec![NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()];
        let cal = Calendar::new(spec).unwrap();
        let start = at("2026-10-19T10:00:00+03:00");
        for hours in [1, 8, 9, 10, 45, 46, 100, 160, 400] {
            let due = cal.add_working(start, hours * 3600).unwrap();
            assert_eq!(cal.working_between(start, due), hours * 3600, "{hours} h → {due}");
            // One second earlier is not yet enough.
            assert!(cal.working_between(start, due - chrono::Duration::seconds(1)) < hours * 3600);
        }
    }

    #[test]
    fn no_working_time_is_an_error_not_a_hang() {
        let mut spec = nine_to_six(chrono_tz::Europe::Kyiv);
        spec.week = Week::default();
        let cal = Calendar::new(spec).unwrap();
        assert!(matches!(cal.add_working(at("2026-01-01T00:00:00Z"), 60), Err(CalendarError::NoWorkingTime(_))));
        assert!(matches!(
            cal.nth_working_day_after(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), 1),
            Err(CalendarError::NoWorkingTime(_))
        ));
    }
}
