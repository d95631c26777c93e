//! A mistake on the command line, said in the user's language. clap finds
//! the mistake and names its parts (the argument, the value, the allowed
//! values, a suggestion); the sentence around them comes from the
//! catalogue (`usage-*`), so a Ukrainian user reads no English.

use crate::fargs;
use crate::i18n::Texts;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Command;
use std::ffi::OsString;

/// One line for `error`, ending with where to read more: the `--help` of
/// the deepest command `args` name in `command`.
pub fn sentence(error: &clap::Error, command: &Command, args: &[OsString], texts: &Texts) -> String {
    let mut line = what_happened(error, texts);
    if let Some(suggestion) = suggestion(error) {
        line.push_str("; ");
        line.push_str(&texts.get("usage-did-you-mean", &fargs! { "suggestion" => suggestion }));
    }
    line.push_str("; ");
    line.push_str(&texts.get("usage-see-help", &fargs! { "help" => help_command(command, args) }));
    line
}

fn what_happened(error: &clap::Error, texts: &Texts) -> String {
    let arg = text(error, ContextKind::InvalidArg);
    let value = text(error, ContextKind::InvalidValue);
    let with = |id: &str| {
        texts.get(
            id,
            &fargs! {
                "arg" => arg.clone().unwrap_or_default(),
                "value" => value.clone().unwrap_or_default(),
                "command" => text(error, ContextKind::InvalidSubcommand).unwrap_or_default()
            },
        )
    };
    match error.kind() {
        ErrorKind::InvalidValue if value.as_deref() == Some("") => with("usage-value-missing"),
        ErrorKind::InvalidValue => {
            let mut line = with("usage-value-invalid");
            if let Some(allowed) = list(error, ContextKind::ValidValue) {
                line.push_str("; ");
                line.push_str(&texts.get("usage-allowed", &fargs! { "values" => allowed }));
            }
            line
        }
        ErrorKind::ValueValidation => with("usage-value-invalid"),
        ErrorKind::UnknownArgument => with("usage-unknown-argument"),
        ErrorKind::InvalidSubcommand => with("usage-unknown-command"),
        ErrorKind::MissingRequiredArgument => texts.get("usage-missing", &fargs! { "args" => list(error, ContextKind::InvalidArg).unwrap_or_default() }),
        ErrorKind::MissingSubcommand => {
            let mut line = with("usage-missing-command");
            if let Some(commands) = list(error, ContextKind::ValidSubcommand) {
                line.push_str("; ");
                line.push_str(&texts.get("usage-commands", &fargs! { "commands" => commands }));
            }
            line
        }
        ErrorKind::ArgumentConflict if error.get(ContextKind::PriorArg) == error.get(ContextKind::InvalidArg) => with("usage-repeated"),
        ErrorKind::ArgumentConflict => texts.get(
            "usage-conflict",
            &fargs! {
                "arg" => arg.unwrap_or_default(),
                "other" => list(error, ContextKind::PriorArg).unwrap_or_default()
            },
        ),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals => with("usage-value-count"),
        ErrorKind::InvalidUtf8 => texts.plain("usage-not-utf8"),
        _ => texts.plain("usage-other"),
    }
}

fn text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => texts.first().cloned(),
        _ => None,
    }
}

fn list(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) if !texts.is_empty() => Some(texts.join(", ")),
        _ => None,
    }
}

fn suggestion(error: &clap::Error) -> Option<String> {
    [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .find_map(|kind| text(error, kind))
}

/// `helpdesk --help`, or `helpdesk kb due --help` when the mistake is
/// inside a command.
fn help_command(command: &Command, args: &[OsString]) -> String {
    let mut path = vec![command.get_name().to_string()];
    let mut here = command;
    for word in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = here.find_subcommand(word) {
            path.push(sub.get_name().to_string());
            here = sub;
        }
    }
    format!("{} --help", path.join(" "))
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    fn stderr(args: &[&str], locale: &str) -> String {
        let out = crate::run_with(args, "", &[("LC_ALL", locale), ("HELPDESK_KEYRING", "off")]);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        out.stderr
    }

    #[test]
    fn a_mistake_on_the_command_line_is_said_in_the_users_language() {
        let unknown = stderr(&["queue", "--colour"], "uk_UA.UTF-8");
        assert!(unknown.contains("невідомий параметр «--colour»"), "{unknown}");
        assert!(unknown.contains("`helpdesk queue --help`"), "{unknown}");
        let typo = stderr(&["queu"], "uk_UA.UTF-8");
        assert!(typo.contains("невідома команда «queu»") && typo.contains("можливо, «queue»?"), "{typo}");
        let value = stderr(&["sla", "replay", "--lang", "de", "-"], "ru_RU.UTF-8");
        assert!(value.contains("недопустимое значение «de»") && value.contains("uk, en, ru"), "{value}");
        assert!(value.contains("`helpdesk sla replay --help`"), "{value}");
        let missing = stderr(&["take"], "uk_UA.UTF-8");
        assert!(missing.contains("бракує обов’язкових аргументів"), "{missing}");
        for english in ["unexpected", "invalid value", "required", "Usage", "For more information"] {
            for out in [&unknown, &typo, &value, &missing] {
                assert!(!out.contains(english), "{english}: {out}");
            }
        }
    }

    #[test]
    fn every_usage_sentence_is_in_every_language() {
        let ids = [
            "usage-value-missing",
            "usage-value-invalid",
            "usage-allowed",
            "usage-unknown-argument",
            "usage-unknown-command",
            "usage-missing",
            "usage-missing-command",
            "usage-commands",
            "usage-repeated",
            "usage-conflict",
            "usage-value-count",
            "usage-not-utf8",
            "usage-other",
            "usage-did-you-mean",
            "usage-see-help",
        ];
        for lang in Lang::ALL {
            let texts = crate::i18n::Texts::new(lang);
            let missing: Vec<&str> = ids.iter().copied().filter(|id| texts.own(id).is_none()).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }
}
