//! The messages of the analyst's commands and of `sla policy` / `sla
//! presets`, driven through the built binary as a user drives it: in
//! Ukrainian and Russian from the catalogue (`locales/`), in English word
//! for word as before, with the same exit codes. None of these runs needs
//! a server: each is refused before one is reached, or works on an empty
//! profile.

#[allow(dead_code)]
mod common;

use common::Profile;
use helpdesk_domain::ticket::PostponeReason;
use helpdesk_domain::Priority;

const ENGLISH: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];
const UKRAINIAN: &[(&str, &str)] = &[("LANG", "uk_UA.UTF-8")];
const RUSSIAN: &[(&str, &str)] = &[("LC_ALL", "ru_RU.UTF-8")];

/// What a run printed and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `helpdesk --profile DIR args…` on a fresh profile with `stdin`,
/// only the given locale variables, and the OS keyring off.
fn helpdesk(args: &[&str], stdin: &str, vars: &[(&str, &str)]) -> Run {
    let profile = Profile::new();
    let args: Vec<&str> = ["--profile", profile.arg()].into_iter().chain(args.iter().copied()).collect();
    let out = common::run(&args, stdin, vars, |command| {
        command
            .env_remove("HELPDESK_PASSWORD")
            .env_remove("HELPDESK_PROFILE")
            .env("HELPDESK_KEYRING", "off");
    });
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// The one line on stderr of a run that must end with `code`.
fn refused(args: &[&str], vars: &[(&str, &str)], code: i32) -> String {
    let run = helpdesk(args, "", vars);
    assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
    run.stderr
}

/// Words of the English messages that must not reach a Ukrainian or
/// Russian user.
fn assert_no_english(text: &str) {
    for english in ["unknown", "allowed", "needs", "give ", "cannot", "not signed in", "nothing found", "is not"] {
        assert!(!text.contains(english), "`{english}` in: {text}");
    }
}

#[test]
fn a_wrong_answer_or_reason_is_said_in_the_users_language() {
    let answer = ["answer-reclassification", "HD-1", "--answer", "maybe", "--note", "x"];
    assert_eq!(
        refused(&answer, ENGLISH, 2),
        "helpdesk: --answer: unknown answer `maybe`; allowed: agreed, declined\n"
    );
    assert_eq!(
        refused(&answer, UKRAINIAN, 2),
        "helpdesk: --answer: невідома відповідь «maybe»; допустимі: agreed, declined\n"
    );
    assert_eq!(
        refused(&answer, RUSSIAN, 2),
        "helpdesk: --answer: неизвестный ответ «maybe»; допустимые: agreed, declined\n"
    );

    let reject = ["reject", "HD-1", "--reason", "spam", "--note", "x"];
    let en = refused(&reject, ENGLISH, 2);
    assert!(
        en.starts_with("helpdesk: --reason: unknown reason `spam`; allowed: out_of_scope, duplicate_of:NUMBER,"),
        "{en}"
    );
    let uk = refused(&reject, UKRAINIAN, 2);
    assert!(
        uk.starts_with("helpdesk: --reason: невідома причина «spam»; допустимі: out_of_scope, duplicate_of:NUMBER,"),
        "{uk}"
    );
    assert_no_english(&uk);
}

/// A name outside one of the domain's sets is told with the domain's list;
/// in English, in the domain's own words.
#[test]
fn a_name_the_domain_does_not_know_keeps_the_domains_list() {
    let postpone = ["postpone", "HD-1", "--reason", "vacation"];
    let domain = "vacation".parse::<PostponeReason>().unwrap_err();
    assert_eq!(refused(&postpone, ENGLISH, 2), format!("helpdesk: --reason: {domain}\n"));
    let uk = refused(&postpone, UKRAINIAN, 2);
    assert_eq!(uk, format!("helpdesk: --reason: невідоме значення «vacation»; допустимі: {}\n", domain.allowed));
    let ru = refused(&postpone, RUSSIAN, 2);
    assert_eq!(
        ru,
        format!("helpdesk: --reason: неизвестное значение «vacation»; допустимые: {}\n", domain.allowed)
    );

    let level = ["priority", "HD-1", "--level", "9"];
    let domain = Priority::new(9).unwrap_err();
    assert_eq!(refused(&level, ENGLISH, 2), format!("helpdesk: --level: {domain}\n"));
    assert!(refused(&level, UKRAINIAN, 2).contains("невідоме значення «9»; допустимі: 1, 2, 3, 4, 5"));

    let register = ["register", "--type", "bug", "--subject", "s", "--description", "d", "--requester-name", "n"];
    assert!(refused(&register, ENGLISH, 2).starts_with("helpdesk: --type: give one of: incident, service_request,"));
    assert!(refused(&register, UKRAINIAN, 2).starts_with("helpdesk: --type: вкажіть одне з: incident, service_request,"));
    assert!(refused(&register, RUSSIAN, 2).starts_with("helpdesk: --type: укажите одно из: incident, service_request,"));
}

#[test]
fn a_command_missing_its_target_says_so_in_the_users_language() {
    let escalate = ["escalate", "HD-1", "--note", "x"];
    assert_eq!(refused(&escalate, ENGLISH, 2), "helpdesk: escalate needs --group and/or --line\n");
    assert_eq!(refused(&escalate, UKRAINIAN, 2), "helpdesk: для escalate вкажіть --group, --line або обидва\n");
    assert_eq!(refused(&escalate, RUSSIAN, 2), "helpdesk: для escalate укажите --group, --line или оба\n");
    let propose = ["propose-reclassification", "HD-1", "--note", "x"];
    assert_eq!(
        refused(&propose, ENGLISH, 2),
        "helpdesk: propose-reclassification needs --type and/or --level\n"
    );
    assert_no_english(&refused(&propose, UKRAINIAN, 2));
}

#[test]
fn login_asks_for_the_password_in_the_users_language() {
    let login = ["login", "--server", "http://127.0.0.1:9", "--user", "olga"];
    let en = helpdesk(&login, "", ENGLISH);
    assert_eq!(en.code, 2, "{}", en.stderr);
    assert_eq!(en.stderr, "Password: helpdesk: no password: type it, or set HELPDESK_PASSWORD\n");
    let uk = helpdesk(&login, "\n", UKRAINIAN);
    assert_eq!(uk.code, 2, "{}", uk.stderr);
    assert_eq!(uk.stderr, "Пароль: helpdesk: пароль не вказано: введіть його або задайте HELPDESK_PASSWORD\n");
    let ru = helpdesk(&login, "", RUSSIAN);
    assert_eq!(ru.stderr, "Пароль: helpdesk: пароль не указан: введите его или задайте HELPDESK_PASSWORD\n");

    let no_scheme = ["login", "--server", "helpdesk.example", "--user", "olga"];
    assert_eq!(
        refused(&no_scheme, ENGLISH, 2),
        "helpdesk: --server: give the server's address with its scheme, e.g. https://helpdesk.example or http://127.0.0.1:8080\n"
    );
    let uk = refused(&no_scheme, UKRAINIAN, 2);
    assert!(uk.starts_with("helpdesk: --server: вкажіть адресу сервера разом зі схемою"), "{uk}");
}

#[test]
fn a_missing_sign_in_is_said_in_the_users_language() {
    let watch = ["sync", "--watch"];
    assert_eq!(
        refused(&watch, ENGLISH, 4),
        "helpdesk: not signed in: run `helpdesk login --server URL --user NAME`\n"
    );
    assert_eq!(
        refused(&watch, UKRAINIAN, 4),
        "helpdesk: ви не ввійшли: виконайте `helpdesk login --server URL --user NAME`\n"
    );
    assert_eq!(
        refused(&["kb", "due"], RUSSIAN, 4),
        "helpdesk: вы не вошли: выполните `helpdesk login --server URL --user NAME`\n"
    );
}

#[test]
fn a_search_that_finds_nothing_says_so_in_the_users_language() {
    let search = ["search", "принтер"];
    let en = helpdesk(&search, "", ENGLISH);
    assert_eq!((en.code, en.stdout.as_str()), (0, "nothing found for «принтер»\n"), "{}", en.stderr);
    let uk = helpdesk(&search, "", UKRAINIAN);
    assert_eq!(uk.stdout, "за запитом «принтер» нічого не знайдено\n", "{}", uk.stderr);
    let ru = helpdesk(&search, "", RUSSIAN);
    assert_eq!(ru.stdout, "по запросу «принтер» ничего не найдено\n", "{}", ru.stderr);
}

#[test]
fn report_and_kb_refuse_bad_values_in_the_users_language() {
    let period = ["report", "--period", "year"];
    assert_eq!(refused(&period, ENGLISH, 2), "helpdesk: --period: `year` is not one of day, week, month\n");
    assert_eq!(
        refused(&period, UKRAINIAN, 2),
        "helpdesk: --period: невідомий період «year»; допустимі: day, week, month\n"
    );
    let next = ["kb", "reviewed", "kb-1", "--next", "01.02.2027"];
    assert_eq!(refused(&next, ENGLISH, 2), "helpdesk: --next: `01.02.2027` is not a date YYYY-MM-DD\n");
    assert_eq!(
        refused(&next, RUSSIAN, 2),
        "helpdesk: --next: «01.02.2027» — это не дата в формате YYYY-MM-DD\n"
    );
    let status = ["kb", "move", "kb-1", "finished"];
    let uk = refused(&status, UKRAINIAN, 2);
    assert!(uk.starts_with("helpdesk: TO: невідоме значення «finished»; допустимі: draft,"), "{uk}");
}

#[test]
fn sla_policy_and_presets_speak_the_users_language() {
    let policy = ["sla", "policy", "nope"];
    let en = refused(&policy, ENGLISH, 2);
    assert!(en.starts_with("helpdesk: NAME: unknown policy `nope`; allowed: "), "{en}");
    assert!(en.contains("lenobl-budget"), "{en}");
    let uk = refused(&policy, UKRAINIAN, 2);
    assert!(uk.starts_with("helpdesk: NAME: невідома політика «nope»; допустимі: "), "{uk}");
    let ru = refused(&policy, RUSSIAN, 2);
    assert!(ru.starts_with("helpdesk: NAME: неизвестная политика «nope»; допустимые: "), "{ru}");
    // Ukrainian is the default when no locale is set (on Windows and macOS
    // the system's display language comes first).
    if cfg!(not(any(windows, target_os = "macos"))) {
        assert!(refused(&policy, &[], 2).contains("невідома політика"));
    }

    let presets = |vars| {
        let run = helpdesk(&["sla", "presets"], "", vars);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let en = presets(ENGLISH);
    assert!(en.contains("\tplaceholder figures: "), "{en}");
    let uk = presets(UKRAINIAN);
    assert!(uk.contains("\tтимчасові строки, не з регламенту: ") && !uk.contains("placeholder"), "{uk}");
    let ru = presets(RUSSIAN);
    assert!(ru.contains("\tвременные сроки, не из регламента: "), "{ru}");
    assert_eq!(en.lines().count(), uk.lines().count());
}

/// The client core's errors by their code: a ticket or an article not in
/// the replica (its number or id as given), an action not in "needs
/// attention", a profile that cannot be opened (a storage error) — the
/// English sentence the core's, word for word, the exit code the same.
#[test]
fn the_client_cores_errors_are_said_in_the_users_language() {
    let show = ["show", "HD-404"];
    assert_eq!(
        refused(&show, ENGLISH, 1),
        "helpdesk: no ticket `HD-404` in this replica; sync, or check the number\n"
    );
    assert_eq!(
        refused(&show, UKRAINIAN, 1),
        "helpdesk: звернення «HD-404» у цій репліці немає: синхронізуйте або перевірте номер\n"
    );
    assert_eq!(
        refused(&show, RUSSIAN, 1),
        "helpdesk: обращения «HD-404» в этой реплике нет: синхронизируйте или проверьте номер\n"
    );
    let article = ["kb", "show", "kb-404"];
    assert_eq!(
        refused(&article, ENGLISH, 1),
        "helpdesk: no article `kb-404` in this replica; sync, or check the id\n"
    );
    assert_eq!(
        refused(&article, UKRAINIAN, 1),
        "helpdesk: статті «kb-404» у цій репліці немає: синхронізуйте або перевірте ідентифікатор\n"
    );
    let retry = ["attention", "retry", "7"];
    assert_eq!(refused(&retry, ENGLISH, 1), "helpdesk: no action #7 needs attention\n");
    let ru = refused(&retry, RUSSIAN, 1);
    assert!(ru.starts_with("helpdesk: действия №7 нет среди требующих внимания"), "{ru}");

    // A profile under a file: the directory cannot be created.
    let file = Profile::new();
    let blocker = file.path().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let profile = blocker.join("profile");
    let profile = profile.to_str().unwrap();
    let run = |vars: &[(&str, &str)]| {
        let out = common::run(&["--profile", profile, "show", "HD-404"], "", vars, |command| {
            command
                .env_remove("HELPDESK_PASSWORD")
                .env_remove("HELPDESK_PROFILE")
                .env("HELPDESK_KEYRING", "off");
        });
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stderr).unwrap()
    };
    let en = run(ENGLISH);
    assert!(en.starts_with(&format!("helpdesk: cannot create {profile}: ")), "{en}");
    let uk = run(UKRAINIAN);
    assert_eq!(
        uk,
        format!("helpdesk: не вдалося відкрити профіль «{profile}»: перевірте, що це тека і що у вас є право записувати до неї\n")
    );
    let ru = run(RUSSIAN);
    assert_eq!(
        ru,
        format!("helpdesk: не удалось открыть профиль «{profile}»: проверьте, что это папка и что у вас есть право записывать в неё\n")
    );
    for text in [&uk, &ru] {
        assert_no_english(text);
        assert!(!text.contains("cannot create") && !text.contains("os error"), "{text}");
    }
}
