//! The user's language: which one (`--lang`, else `LC_ALL`, `LC_MESSAGES`,
//! `LANG`, else — on Windows and macOS — the OS's languages, else
//! Ukrainian: `helpdesk_client::platform::user_language`), and its texts from one Fluent file per language
//! under `locales/`, embedded in the binary. Plural forms (one / few / many
//! in Ukrainian and Russian) are chosen by Fluent from the CLDR rules.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use helpdesk_domain::policy::Term;
use helpdesk_domain::target::{Target, Unit};
use unic_langid::LanguageIdentifier;

/// A language `--explain` speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Українська (the default).
    Uk,
    /// English.
    En,
    /// Русский.
    Ru,
}

pub const UK_FTL: &str = include_str!("../locales/uk.ftl");
pub const EN_FTL: &str = include_str!("../locales/en.ftl");
pub const RU_FTL: &str = include_str!("../locales/ru.ftl");

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Uk, Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    fn ftl(self) -> &'static str {
        match self {
            Lang::Uk => UK_FTL,
            Lang::En => EN_FTL,
            Lang::Ru => RU_FTL,
        }
    }

    /// The language of a locale name such as `uk_UA.UTF-8`, `en-GB`, `ru`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        helpdesk_client::platform::language_of_locale(locale).map(Lang::from)
    }

    /// The user's language on this machine, as the desktop app reads it:
    /// POSIX precedence — the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that
    /// is set and not empty decides (a language we do not speak, or `C`,
    /// gives Ukrainian); when none is set, on Windows and macOS the OS's
    /// languages; else Ukrainian.
    pub fn from_env(var: &dyn Fn(&str) -> Option<String>) -> Lang {
        Lang::from(helpdesk_client::system_language(var))
    }
}

impl From<helpdesk_client::Language> for Lang {
    fn from(language: helpdesk_client::Language) -> Lang {
        match language {
            helpdesk_client::Language::Uk => Lang::Uk,
            helpdesk_client::Language::En => Lang::En,
            helpdesk_client::Language::Ru => Lang::Ru,
        }
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Plain text for a terminal: no Unicode isolation marks around values.
    bundle.set_use_isolating(false);
    // The files are embedded and checked by the tests; should one carry a
    // syntax error, the messages that did parse are still used.
    let resource = FluentResource::try_new(lang.ftl().to_string()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Builds `FluentArgs` from `name => value` pairs.
#[macro_export]
macro_rules! fargs {
    ($($key:literal => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut args = ::fluent_bundle::FluentArgs::new();
        $(args.set($key, $value);)*
        args
    }};
}

/// The texts of one language, with English behind it for a message a
/// translation lacks.
pub struct Texts {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        Texts {
            lang,
            bundle: bundle(lang),
            fallback: bundle(Lang::En),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id) || self.fallback.has_message(id)
    }

    /// The message `id` with `args`.
    pub fn get(&self, id: &str, args: &FluentArgs) -> String {
        for bundle in [&self.bundle, &self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
            }
        }
        id.to_string()
    }

    /// The message `id` of this language's own file with `args`, when it
    /// has it and `args` give every value it names (`None` otherwise).
    pub fn complete(&self, id: &str, args: &FluentArgs) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        errors.is_empty().then_some(text)
    }

    /// The message `id` of this language's own file, without the English
    /// fallback (`None` when the file lacks it).
    pub fn own(&self, id: &str) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(self.bundle.format_pattern(pattern, None, &mut errors).into_owned())
    }

    /// A message without arguments.
    pub fn plain(&self, id: &str) -> String {
        self.get(id, &FluentArgs::new())
    }

    /// The message `prefix-name` if there is one, else `name` as it is
    /// (a policy's own metric names, level names…).
    pub fn name_or(&self, prefix: &str, name: &str) -> String {
        let id = format!("{prefix}-{name}");
        if self.has(&id) {
            self.plain(&id)
        } else {
            name.to_string()
        }
    }

    fn count(&self, id: &str, n: i64) -> String {
        self.get(id, &fargs! { "n" => n })
    }

    /// A duration in days, hours and minutes (seconds only when under a
    /// minute or not whole), each with its plural form: «2 дні 3 години».
    pub fn duration(&self, seconds: i64) -> String {
        let s = seconds.abs();
        let (days, hours, minutes, secs) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
        self.join_units(&[("unit-days", days), ("unit-hours", hours), ("unit-minutes", minutes), ("unit-seconds", secs)])
    }

    /// Working time in hours and minutes («37 годин робочого часу»): a
    /// working day has no fixed length, so working time is not put in days.
    pub fn working_duration(&self, seconds: i64) -> String {
        let s = seconds.abs();
        let (hours, minutes, secs) = (s / 3600, s % 3600 / 60, s % 60);
        let amount = self.join_units(&[("unit-hours", hours), ("unit-minutes", minutes), ("unit-seconds", secs)]);
        self.get("working-time", &fargs! { "duration" => amount })
    }

    /// Counted time in the measure of a term: working or elapsed.
    pub fn measured(&self, seconds: i64, working: bool) -> String {
        if working {
            self.working_duration(seconds)
        } else {
            self.duration(seconds)
        }
    }

    fn join_units(&self, parts: &[(&str, i64)]) -> String {
        let shown: Vec<String> = parts.iter().filter(|(_, n)| *n != 0).map(|(id, n)| self.count(id, *n)).collect();
        if shown.is_empty() {
            self.count("unit-minutes", 0)
        } else {
            shown.join(" ")
        }
    }

    /// A policy's term in words: «3 робочі дні», «by agreement».
    pub fn term(&self, term: &Term) -> String {
        match term {
            Term::ByAgreement => self.plain("term-by-agreement"),
            Term::NoTerm => self.plain("term-none"),
            Term::Fixed(target) => self.target(*target),
        }
    }

    pub fn target(&self, target: Target) -> String {
        let id = match target.unit {
            Unit::WorkingDays => "term-working-days",
            Unit::WorkingHours => "term-working-hours",
            Unit::WorkingMinutes => "term-working-minutes",
            Unit::CalendarDays => "term-calendar-days",
            Unit::CalendarHours => "term-calendar-hours",
            Unit::CalendarMinutes => "term-calendar-minutes",
        };
        self.count(id, i64::from(target.amount))
    }

    /// A term as the engine writes it (`"3 working days"`), in words.
    pub fn term_text(&self, text: &str) -> String {
        text.parse::<Term>().map(|t| self.term(&t)).unwrap_or_else(|_| text.to_string())
    }

    fn weekday(&self, date: NaiveDate) -> String {
        let id = [
            "weekday-mon",
            "weekday-tue",
            "weekday-wed",
            "weekday-thu",
            "weekday-fri",
            "weekday-sat",
            "weekday-sun",
        ][date.weekday().num_days_from_monday() as usize];
        self.plain(id)
    }

    /// A local date with its weekday: «пн 19.10.2026».
    pub fn date(&self, date: NaiveDate) -> String {
        self.get(
            "date",
            &fargs! {
                "weekday" => self.weekday(date),
                "day" => format!("{:02}", date.day()),
                "month" => format!("{:02}", date.month()),
                "year" => format!("{:04}", date.year()),
            },
        )
    }

    /// An instant in the calendar's time zone: «пн 19.10.2026 10:00».
    pub fn datetime(&self, t: DateTime<Utc>, tz: Tz) -> String {
        let local = t.with_timezone(&tz);
        let time = if local.format("%S").to_string() == "00" {
            local.format("%H:%M").to_string()
        } else {
            local.format("%H:%M:%S").to_string()
        };
        self.get("datetime", &fargs! { "date" => self.date(local.date_naive()), "time" => time })
    }
}

/// A value for `fargs!` from a share of the target: 0.75 → 75.
pub fn percent(share: f64) -> FluentValue<'static> {
    FluentValue::from((share * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(lang: Lang, n: u32) -> String {
        Texts::new(lang).target(Target::new(n, Unit::WorkingDays))
    }

    #[test]
    fn ukrainian_working_days_have_three_forms() {
        assert_eq!(days(Lang::Uk, 1), "1 робочий день");
        assert_eq!(days(Lang::Uk, 3), "3 робочі дні");
        assert_eq!(days(Lang::Uk, 5), "5 робочих днів");
        assert_eq!(days(Lang::Uk, 11), "11 робочих днів");
        assert_eq!(days(Lang::Uk, 21), "21 робочий день");
        assert_eq!(days(Lang::Uk, 22), "22 робочі дні");
        assert_eq!(days(Lang::Uk, 0), "0 робочих днів");
    }

    #[test]
    fn russian_working_days_have_three_forms() {
        assert_eq!(days(Lang::Ru, 1), "1 рабочий день");
        assert_eq!(days(Lang::Ru, 3), "3 рабочих дня");
        assert_eq!(days(Lang::Ru, 5), "5 рабочих дней");
        assert_eq!(days(Lang::Ru, 12), "12 рабочих дней");
        assert_eq!(days(Lang::Ru, 23), "23 рабочих дня");
    }

    #[test]
    fn english_working_days_have_two_forms() {
        assert_eq!(days(Lang::En, 1), "1 working day");
        assert_eq!(days(Lang::En, 3), "3 working days");
    }

    #[test]
    fn hour_and_minute_terms_agree_with_their_number() {
        let uk = Texts::new(Lang::Uk);
        assert_eq!(uk.target(Target::new(4, Unit::WorkingHours)), "4 робочі години");
        assert_eq!(uk.target(Target::new(24, Unit::WorkingHours)), "24 робочі години");
        assert_eq!(uk.target(Target::new(60, Unit::WorkingHours)), "60 робочих годин");
        assert_eq!(uk.target(Target::new(30, Unit::WorkingMinutes)), "30 робочих хвилин");
        assert_eq!(uk.target(Target::new(1, Unit::CalendarDays)), "1 календарний день");
        assert_eq!(uk.target(Target::new(45, Unit::CalendarDays)), "45 календарних днів");
        let ru = Texts::new(Lang::Ru);
        assert_eq!(ru.target(Target::new(1, Unit::WorkingHours)), "1 рабочий час");
        assert_eq!(ru.target(Target::new(24, Unit::WorkingHours)), "24 рабочих часа");
        assert_eq!(ru.target(Target::new(60, Unit::WorkingHours)), "60 рабочих часов");
        assert_eq!(ru.target(Target::new(4, Unit::CalendarHours)), "4 часа");
        assert_eq!(ru.term(&Term::ByAgreement), "по согласованию");
        assert_eq!(Texts::new(Lang::En).target(Target::new(1, Unit::CalendarHours)), "1 hour");
    }

    #[test]
    fn durations_are_days_hours_minutes_with_plurals() {
        let uk = Texts::new(Lang::Uk);
        assert_eq!(uk.duration(0), "0 хвилин");
        assert_eq!(uk.duration(60), "1 хвилина");
        assert_eq!(uk.duration(2 * 86_400 + 3 * 3600 + 15 * 60), "2 дні 3 години 15 хвилин");
        assert_eq!(uk.duration(5 * 86_400 + 3600 + 22 * 60), "5 днів 1 година 22 хвилини");
        assert_eq!(uk.working_duration(37 * 3600), "37 годин робочого часу");
        assert_eq!(uk.working_duration(21 * 3600 + 60), "21 година 1 хвилина робочого часу");
        let ru = Texts::new(Lang::Ru);
        assert_eq!(ru.duration(86_400 + 2 * 3600 + 5 * 60), "1 день 2 часа 5 минут");
        assert_eq!(ru.duration(3 * 86_400 + 21 * 60), "3 дня 21 минута");
        assert_eq!(ru.working_duration(5 * 3600), "5 часов рабочего времени");
        let en = Texts::new(Lang::En);
        assert_eq!(en.duration(86_400 + 60), "1 day 1 minute");
        assert_eq!(en.working_duration(2 * 3600 + 30 * 60), "2 hours 30 minutes of working time");
        assert_eq!(en.duration(42), "42 seconds");
    }

    #[test]
    fn language_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
        if helpdesk_client::Platform::current() == helpdesk_client::Platform::Xdg {
            // Elsewhere no variable means the OS's languages (tested in helpdesk-client).
            assert_eq!(Lang::from_env(&env(&[])), Lang::Uk);
        }
        assert_eq!(Lang::from_env(&env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(&env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")])), Lang::Ru);
        assert_eq!(Lang::from_env(&env(&[("LC_ALL", "uk_UA.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")])), Lang::Uk);
        assert_eq!(Lang::from_env(&env(&[("LC_ALL", ""), ("LANG", "ru")])), Lang::Ru);
        assert_eq!(Lang::from_env(&env(&[("LANG", "C.UTF-8")])), Lang::Uk);
        assert_eq!(Lang::from_env(&env(&[("LANG", "de_DE.UTF-8")])), Lang::Uk);
    }

    /// Message ids: lines that begin with an identifier and ` =`.
    fn ids(ftl: &'static str) -> Vec<String> {
        if let Err((_, errors)) = FluentResource::try_new(ftl.to_string()) {
            panic!("{errors:?}");
        }
        ftl.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    /// Every metric of every preset has its name in every language: an
    /// explanation never shows `l2_processing` or `continuity_confirmation`.
    #[test]
    fn every_metric_of_every_preset_is_named_in_every_language() {
        for preset in helpdesk_domain::policy::PRESET_NAMES {
            for metric in helpdesk_domain::policy::Policy::preset(preset).unwrap().metrics {
                for lang in Lang::ALL {
                    let id = format!("metric-{}", metric.name);
                    assert!(ids(lang.ftl()).contains(&id), "{}.ftl lacks `{id}` ({preset})", lang.code());
                    let name = Texts::new(lang).name_or("metric", &metric.name);
                    assert!(!name.contains('_'), "{}: {name}", lang.code());
                }
            }
        }
    }

    /// Every message id the sources name literally (`texts.get("…"`,
    /// `texts.plain("…"`) is in each language's own file: no message of
    /// the CLI falls back to English or prints its id.
    #[test]
    fn every_message_the_sources_name_is_in_every_language() {
        let sources = [
            include_str!("analyst.rs"),
            include_str!("cli.rs"),
            include_str!("explain.rs"),
            include_str!("help_texts.rs"),
            include_str!("kb_editorial.rs"),
            include_str!("more_ops.rs"),
            include_str!("register.rs"),
            include_str!("replay.rs"),
            include_str!("send_outcome.rs"),
            include_str!("usage_errors.rs"),
            include_str!("wording.rs"),
        ];
        let mut named: Vec<&str> = sources
            .iter()
            .flat_map(|source| source.split("get(\"").skip(1).chain(source.split("plain(\"").skip(1)))
            .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
            .collect();
        named.sort_unstable();
        named.dedup();
        assert!(named.len() > 100, "{}", named.len());
        for lang in Lang::ALL {
            let own = ids(lang.ftl());
            let missing: Vec<&&str> = named.iter().filter(|id| !own.iter().any(|o| o == *id)).collect();
            assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.code());
        }
    }

    #[test]
    fn every_language_has_every_message() {
        let english = ids(EN_FTL);
        for lang in Lang::ALL {
            let own = ids(lang.ftl());
            for id in &english {
                assert!(own.contains(id), "{}.ftl lacks `{id}`", lang.code());
            }
            for id in &own {
                assert!(english.contains(id), "{}.ftl has `{id}` that en.ftl lacks", lang.code());
            }
        }
    }
}
