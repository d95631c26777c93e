//! `--help` in the user's language. clap's derive gives the commands and
//! arguments their English texts (the doc comments); at run time the tree
//! is walked and each text the language's catalogue has replaces it:
//! `help-<command path>` for a command (`help-queue`, `help-kb-search`),
//! `help-<command path>--<argument id>` for an argument
//! (`help-queue--which`). The headings, the usage line and the `--help`
//! and `--version` flags come from the catalogue in every language
//! (`help-usage`, `help-commands`, `help-arguments`, `help-options`,
//! `help-flag-help`, `help-flag-version`). A text a catalogue lacks stays
//! English (`every_command_speaks_every_language` keeps the lists complete).

use crate::i18n::Texts;
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;

/// `command` with its texts, and those of its subcommands, in `texts`' language.
pub fn localize(command: Command, texts: &Texts) -> Command {
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(texts.plain("help-flag-version"));
    let help = Command::new("help").about(texts.plain("help-help-command"));
    let command = command.disable_version_flag(true).arg(version).disable_help_subcommand(true).subcommand(help);
    localize_at(command, "help", texts)
}

/// `helpdesk help kb due` as `helpdesk kb due --help`: clap's own `help`
/// command prints English, so the word is read here (after the global
/// `--profile DIR`) and the translated `--help` answers it.
pub fn help_command_as_flag(mut args: Vec<OsString>) -> Vec<OsString> {
    let mut at = 1;
    while let Some(word) = args.get(at).and_then(|w| w.to_str()) {
        match word {
            "--profile" => at += 2,
            _ if word.starts_with("--profile=") => at += 1,
            "help" => {
                args.remove(at);
                args.push("--help".into());
                return args;
            }
            _ => return args,
        }
    }
    args
}

/// clap's fixed `[OPTIONS]` of the usage line in `texts`' language.
pub fn placeholders(rendered: &str, texts: &Texts) -> String {
    rendered.replace("[OPTIONS]", &format!("[{}]", texts.plain("help-value-options")))
}

/// The message id of a value's placeholder (`<ID>`, `<FILE|->`):
/// `help-value-id`, `help-value-file`.
fn value_id(name: &str) -> String {
    let word: String = name.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    format!("help-value-{}", word.to_ascii_lowercase().replace('_', "-"))
}

/// `FILE|-` as `ФАЙЛ|-`: the word translated, the rest kept.
fn localized_value_name(name: &str, texts: &Texts) -> String {
    let word_end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(name.len());
    match texts.own(&value_id(name)) {
        Some(word) => format!("{word}{}", &name[word_end..]),
        None => name.to_string(),
    }
}

/// The placeholder names of an argument, as clap shows them.
fn value_names(arg: &Arg) -> Vec<String> {
    if !arg.get_action().takes_values() {
        return Vec::new();
    }
    match arg.get_value_names() {
        Some(names) => names.iter().map(|n| n.to_string()).collect(),
        None => vec![arg.get_id().to_string().to_ascii_uppercase()],
    }
}

fn localize_at(mut command: Command, id: &str, texts: &Texts) -> Command {
    if let Some(about) = texts.own(id) {
        command = command.about(about.clone()).long_about(about);
    }
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(texts.plain("help-flag-help"));
    command = command
        .disable_help_flag(true)
        .arg(help)
        .subcommand_help_heading(texts.plain("help-commands"))
        .subcommand_value_name(texts.plain("help-value-command"))
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            texts.plain("help-usage")
        ));
    let (arguments, options) = (texts.plain("help-arguments"), texts.plain("help-options"));
    let args: Vec<(String, bool)> = command.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
    for (arg, positional) in args {
        let text = texts.own(&format!("{id}--{arg}"));
        let heading = if positional { arguments.clone() } else { options.clone() };
        command = command.mut_arg(&arg, |a| {
            let names: Vec<String> = value_names(&a).iter().map(|name| localized_value_name(name, texts)).collect();
            let a = if names.is_empty() { a } else { a.value_names(names) };
            let a = a.help_heading(heading);
            match text {
                Some(text) => {
                    // clap's own "[possible values: …]" and "[default: …]" are
                    // English: left out when the translated text names them.
                    let names_all = |values: Vec<String>| !values.is_empty() && values.iter().all(|v| text.contains(v.as_str()));
                    let possible = names_all(a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect());
                    let default = names_all(a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect());
                    let env = a.get_env().is_some_and(|name| text.contains(name.to_string_lossy().as_ref()));
                    a.help(text)
                        .long_help(None::<&'static str>)
                        .hide_possible_values(possible)
                        .hide_default_value(default)
                        .hide_env(env)
                }
                None => a,
            }
        });
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let child = format!("{id}-{name}");
        command = command.mut_subcommand(&name, |s| localize_at(s, &child, texts));
    }
    command
}

/// Every (message id, English text) the catalogues may translate: each
/// command's about and each argument's help, as clap's derive gives them.
pub fn translatable(command: &Command) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk(command, "help", &mut out);
    out
}

fn walk(command: &Command, id: &str, out: &mut Vec<(String, String)>) {
    if let Some(about) = command.get_about() {
        out.push((id.to_string(), about.to_string()));
    }
    for arg in command.get_arguments() {
        if let Some(help) = arg.get_help() {
            out.push((format!("{id}--{}", arg.get_id()), help.to_string()));
        }
        for name in value_names(arg) {
            let value = value_id(&name);
            if !out.iter().any(|(known, _)| *known == value) {
                out.push((value, name));
            }
        }
    }
    for sub in command.get_subcommands() {
        walk(sub, &format!("{id}-{}", sub.get_name()), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use clap::CommandFactory;

    /// Every command's and argument's text has a message in every language
    /// message, so no English line is left in `--help`.
    #[test]
    fn every_command_speaks_every_language() {
        let list = translatable(&crate::cli::Cli::command());
        assert!(list.len() > 50, "{}", list.len());
        for lang in Lang::ALL {
            let texts = Texts::new(lang);
            let missing: Vec<&str> = list.iter().filter(|(id, _)| texts.own(id).is_none()).map(|(id, _)| id.as_str()).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
        }
    }

    fn help(args: &[&str], locale: &str) -> String {
        let out = crate::run_with(args, "", &[("LC_ALL", locale)]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    }

    #[test]
    fn help_is_in_the_users_language() {
        let uk = help(&["--help"], "uk_UA.UTF-8");
        for text in [
            "Використання: helpdesk",
            "Команди:",
            "Параметри:",
            "Черга звернень.",
            "Показати довідку",
            "Коди завершення",
        ] {
            assert!(uk.contains(text), "{text}: {uk}");
        }
        for english in ["Usage:", "Commands:", "Options:", "A queue of tickets", "Print help", "Print version"] {
            assert!(!uk.contains(english), "{english}: {uk}");
        }
        let ru = help(&["queue", "--help"], "ru_RU.UTF-8");
        assert!(
            ru.contains("Очередь обращений.") && ru.contains("Аргументы:") && ru.contains("Вывести в формате JSON."),
            "{ru}"
        );
        assert!(!ru.contains("possible values") && !ru.contains("[default") && !ru.contains("[env"), "{ru}");
        assert!(ru.contains("HELPDESK_PROFILE"), "{ru}");
        let en = help(&["--help"], "en_US.UTF-8");
        for text in ["Usage: helpdesk", "Commands:", "Options:", "A queue of tickets", "Print help", "Exit codes"] {
            assert!(en.contains(text), "{text}: {en}");
        }
        let en_queue = help(&["queue", "--help"], "en_US.UTF-8");
        assert!(en_queue.contains("The queue: mine (default), group"), "{en_queue}");
        assert!(uk.contains("helpdesk [ПАРАМЕТРИ] <КОМАНДА>"), "{uk}");
        assert!(en.contains("helpdesk [OPTIONS] <COMMAND>"), "{en}");
        assert_eq!(help(&["help", "kb", "due"], "uk_UA.UTF-8"), help(&["kb", "due", "--help"], "uk_UA.UTF-8"));
        assert_eq!(help(&["--profile", "/tmp/x", "help"], "ru_RU.UTF-8"), help(&["--help"], "ru_RU.UTF-8"));
        let kb = help(&["kb", "due", "--help"], "uk_UA.UTF-8");
        assert!(kb.contains("Лише мої статті."), "{kb}");
        assert!(help(&["--version"], "uk_UA.UTF-8").starts_with("helpdesk "));
    }
}
