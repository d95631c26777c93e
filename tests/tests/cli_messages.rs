//! Issue 13 item 10: the `helpdesk` CLI says what happened, through the
//! real binary. An action whose push went through while the pull was cut
//! is told as sent (not "offline … 0 action(s)"); an HTTP failure is told
//! in words (what failed, what to do), never as the HTTP library's error
//! chain; `sync` offline exits 3 (1 is a rule's refusal), a missing
//! sign-in 4; a server that accepts connections and never answers is
//! given up on within the read timeout; `status` shows the last sync
//! failure and the last success.

use helpdesk_tests::{Laptop, Server};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Words of the HTTP library's own errors that must not reach the user.
const RAW: [&str; 6] = [
    "reqwest",
    "hyper",
    "os error",
    "error sending request",
    "client error (Connect)",
    "error trying to connect",
];

fn assert_plain(text: &str) {
    for raw in RAW {
        assert!(!text.contains(raw), "`{raw}` reached the user: {text}");
    }
}

/// The first line of `helpdesk sync --watch` in Ukrainian that contains `words`
/// (within 30 s); the watch is stopped after it.
fn first_watch_line(laptop: &Laptop, words: &str) -> String {
    use std::io::BufRead;
    let mut watch = laptop
        .command(&["sync", "--watch"])
        .env("LC_ALL", "uk_UA.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = watch.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    let found = loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(line) if line.contains(words) => break Some(line),
            Ok(line) => seen.push(line),
            Err(_) => break None,
        }
    };
    let _ = watch.kill();
    let _ = watch.wait();
    found.unwrap_or_else(|| panic!("`helpdesk sync --watch` printed no line with «{words}»: {seen:?}"))
}

/// A listener that accepts every connection and never answers.
fn silent_listener() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    port
}

/// A gateway that answers every request with an HTML error page.
fn html_gateway() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 65536];
            let _ = stream.read(&mut buf);
            let page = "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    port
}

/// A proxy to `target` that forwards everything but closes a connection
/// as soon as it carries a pull: pushes are applied, pulls are cut.
fn proxy_cutting_pulls(target: u16) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let Ok(upstream) = TcpStream::connect(("127.0.0.1", target)) else { return };
                let (mut from_server, mut to_client) = (upstream.try_clone().unwrap(), client.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from_server, &mut to_client);
                    let _ = to_client.shutdown(std::net::Shutdown::Both);
                });
                let (mut from_client, mut to_server) = (client, upstream);
                let mut buf = [0u8; 16384];
                loop {
                    let n = match from_client.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    if String::from_utf8_lossy(&buf[..n]).contains("/sync/pull") {
                        break;
                    }
                    if to_server.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                let _ = from_client.shutdown(std::net::Shutdown::Both);
                let _ = to_server.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    port
}

/// Points the profile's saved sign-in at another address.
fn point_at(laptop: &Laptop, url: &str) {
    let path = laptop.profile.path().join("session.json");
    let mut session: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    session["server"] = url.into();
    std::fs::write(&path, session.to_string()).unwrap();
}

#[test]
fn an_action_sent_before_the_pull_was_cut_is_told_as_sent() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Не відкривається МД у митниці");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    point_at(&laptop, &format!("http://127.0.0.1:{}", proxy_cutting_pulls(server.port)));

    let out = laptop.ok(&["take", &number]);
    assert!(out.contains("sent: the server applied it"), "{out}");
    assert!(!out.contains(" 0 action") && !out.contains("offline"), "{out}");
    assert_plain(&out);
    assert_eq!(server.api("admin").get(&format!("/tickets/{number}"))["ticket"]["status"], "in_progress");
    assert_eq!(laptop.json(&["status", "--json"])["pending"], 0);
}

#[test]
fn offline_sync_exits_3_says_why_and_status_keeps_the_failure() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Не працює підпис КЕП");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    let status = laptop.json(&["status", "--json"]);
    let succeeded = status["last_sync"].as_str().expect("a first sync succeeded").to_string();
    assert_eq!(status["last_sync_error"], serde_json::Value::Null);
    server.stop();

    let out = laptop.ok(&["comment", &number, "--internal", "Журнал переглянуто"]);
    assert!(
        out.contains("offline: nothing answers at 127.0.0.1:") && out.contains("1 action will be sent"),
        "{out}"
    );
    assert_plain(&out);

    let (code, out, err) = laptop.run(&["sync"]);
    assert_eq!(code, 3, "offline is not a refusal: {out}{err}");
    assert!(
        err.contains("sync failed: nothing answers at") && err.contains("1 action stays in the outbox"),
        "{err}"
    );
    assert!(err.contains("try again later"), "{err}");
    assert_plain(&err);

    let status = laptop.json(&["status", "--json"]);
    assert_eq!(status["last_sync"].as_str(), Some(succeeded.as_str()), "the last success stays: {status}");
    assert!(status["last_sync_error"].as_str().unwrap().contains("connection refused"), "{status}");
    assert!(status["last_sync_failed_at"].as_str().is_some(), "{status}");
    let text = laptop.ok(&["status"]);
    assert!(
        text.contains(&format!("last successful sync: {succeeded}")) && text.contains("last sync failed at"),
        "{text}"
    );
    // In the user's language: the failure worded from its kind, not the English sentence.
    let uk = laptop.command(&["status"]).env("LC_ALL", "uk_UA.UTF-8").output().unwrap();
    let uk = String::from_utf8_lossy(&uk.stdout);
    assert!(
        uk.contains("остання синхронізація не вдалася") && uk.contains("ніхто не відповідає (з’єднання відхилено)"),
        "{uk}"
    );
    assert!(!uk.contains("connection refused") && !uk.contains("pending"), "{uk}");
    // `sync --watch` tells each change of the sync's state the same way.
    let line = first_watch_line(&laptop, "офлайн");
    assert!(line.contains("ніхто не відповідає (з’єднання відхилено)"), "{line}");
    assert!(!line.contains("connection refused"), "{line}");
    assert_plain(&line);

    // Back online: the failure is forgotten, the comment sent.
    server.start();
    let out = laptop.ok(&["sync"]);
    assert!(out.contains("1 applied"), "{out}");
    assert_eq!(laptop.json(&["status", "--json"])["last_sync_error"], serde_json::Value::Null);

    // Signed out: exit 4, with what to do.
    laptop.ok(&["logout"]);
    let (code, _, err) = laptop.run(&["sync"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("helpdesk login"), "{err}");
}

#[test]
fn a_server_that_never_answers_is_given_up_on_with_a_message() {
    let mut server = Server::prepare();
    server.start();
    let number = server.api("olga").register_incident("Зависає ЄАІС");
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    let silent = format!("http://127.0.0.1:{}", silent_listener());
    point_at(&laptop, &silent);

    let started = Instant::now();
    let (code, out, err) = laptop.run(&["sync"]);
    let waited = started.elapsed();
    println!("sync against a silent server gave up after {waited:?}");
    assert_eq!(code, 3, "{out}{err}");
    assert!(err.contains("accepted the connection but did not answer within 10 s"), "{err}");
    assert_plain(&err);
    assert!(waited < Duration::from_secs(30), "gave up after {waited:?}");

    let started = Instant::now();
    let out = laptop.ok(&["take", &number]);
    println!("an action against a silent server returned after {:?}", started.elapsed());
    assert!(out.contains("did not answer") && out.contains("1 action will be sent"), "{out}");

    let fresh = Laptop::new();
    let (code, _, err) = fresh.run(&["login", "--server", &silent, "--user", "ana"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("did not answer within 10 s"), "{err}");
}

#[test]
fn a_gateways_error_page_is_told_in_words() {
    let mut server = Server::prepare();
    server.start();
    let laptop = Laptop::new();
    laptop.ok(&["login", "--server", &server.url(), "--user", "ana"]);
    point_at(&laptop, &format!("http://127.0.0.1:{}", html_gateway()));
    let (code, out, err) = laptop.run(&["sync"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(err.contains("answered HTTP 502 (Bad Gateway) without an explanation"), "{err}");
    assert!(!err.contains("<html>") && !err.contains("nginx"), "{err}");
}

#[test]
fn help_lists_the_exit_codes() {
    let out = Laptop::new().ok(&["--help"]);
    for code in [
        "0 done",
        "1 refused by a rule",
        "2 bad usage",
        "3 the server could not be reached",
        "4 sign-in needed",
    ] {
        assert!(out.contains(code), "{code}: {out}");
    }
}

/// Runs `helpdesk` on `laptop` under the locale `locale` (the harness pins
/// LC_ALL to English; this overrides it).
fn run_in(laptop: &Laptop, locale: &str, args: &[&str]) -> (i32, String, String) {
    let out = laptop.command(args).env("LC_ALL", locale).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_speaks_the_locales_language() {
    let laptop = Laptop::new();
    let (code, uk, err) = run_in(&laptop, "uk_UA.UTF-8", &["--help"]);
    assert_eq!(code, 0, "{err}");
    for text in ["Використання: helpdesk", "Команди:", "Черга звернень.", "Показати довідку", "Коди завершення"]
    {
        assert!(uk.contains(text), "{text}: {uk}");
    }
    for english in ["Usage:", "Commands:", "Options:", "A queue of tickets", "Print help"] {
        assert!(!uk.contains(english), "`{english}` in Ukrainian help: {uk}");
    }
    let (code, en, err) = run_in(&laptop, "en_US.UTF-8", &["--help"]);
    assert_eq!(code, 0, "{err}");
    for text in ["Usage: helpdesk", "Commands:", "A queue of tickets", "Print help", "Exit codes"] {
        assert!(en.contains(text), "{text}: {en}");
    }
    assert!(!en.contains("Черга"), "{en}");
}

/// `helpdesk help <command>` is the command's `--help`, and a mistake on
/// the command line is one line in the user's language with the help to
/// read: no clap English (`Usage:`, `[OPTIONS]`, `unexpected argument`).
#[test]
fn help_command_and_usage_mistakes_speak_the_locales_language() {
    let laptop = Laptop::new();
    let (code, via_command, err) = run_in(&laptop, "uk_UA.UTF-8", &["help", "queue"]);
    assert_eq!(code, 0, "{err}");
    let (_, via_flag, _) = run_in(&laptop, "uk_UA.UTF-8", &["queue", "--help"]);
    assert_eq!(via_command, via_flag);
    assert!(via_command.contains("Використання: helpdesk queue [ПАРАМЕТРИ] [ЧЕРГА]"), "{via_command}");
    let (_, top, _) = run_in(&laptop, "uk_UA.UTF-8", &["--help"]);
    assert!(top.contains("<КОМАНДА>") && top.contains("Показати довідку до команди"), "{top}");
    assert!(!top.contains("[OPTIONS]") && !top.contains("<COMMAND>"), "{top}");

    let (code, _, err) = run_in(&laptop, "uk_UA.UTF-8", &["queue", "--colour"]);
    assert_eq!(code, 2, "bad usage exits 2: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("невідомий параметр «--colour»") && err.contains("`helpdesk queue --help`"),
        "{err}"
    );
    let (code, _, err) = run_in(&laptop, "ru_RU.UTF-8", &["queue", "mien"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("недопустимое значение «mien»") && err.contains("mine"), "{err}");
    let (code, _, err) = run_in(&laptop, "en_US.UTF-8", &["help", "nothing"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown command `nothing`"), "{err}");
    for out in [&via_command, &top] {
        for english in ["Usage:", "[OPTIONS]", "unexpected argument", "For more information"] {
            assert!(!out.contains(english), "{english}: {out}");
        }
    }
}

#[test]
fn queue_speaks_the_locales_language() {
    let mut server = Server::prepare();
    server.start();
    server.api("olga").register_incident("Не друкується митна декларація");
    let laptop = Laptop::new();
    let (code, login, err) = run_in(&laptop, "uk_UA.UTF-8", &["login", "--server", &server.url(), "--user", "ana"]);
    assert_eq!(code, 0, "{err}");
    assert!(login.contains("ви ввійшли на") && login.contains("синхронізовано:"), "{login}");
    assert!(!login.contains("signed in") && !login.contains("change(s)"), "{login}");

    let (code, uk, err) = run_in(&laptop, "uk_UA.UTF-8", &["queue", "group"]);
    assert_eq!(code, 0, "{err}");
    assert!(uk.contains("Не друкується митна декларація") && uk.contains("новий"), "{uk}");
    assert!(!uk.contains(" new "), "{uk}");
    let (code, en, err) = run_in(&laptop, "en_US.UTF-8", &["queue", "group"]);
    assert_eq!(code, 0, "{err}");
    assert!(en.contains("Не друкується митна декларація") && en.contains(" new "), "{en}");
    let (_, empty_uk, _) = run_in(&laptop, "uk_UA.UTF-8", &["queue", "awaiting"]);
    assert_eq!(empty_uk.trim(), "черга порожня");
    let (_, empty_en, _) = run_in(&laptop, "en_US.UTF-8", &["queue", "awaiting"]);
    assert_eq!(empty_en.trim(), "the queue is empty");
}

/// The client core's errors and a server's refusal, in the user's
/// language by their code (the English sentence unchanged, the exit code
/// the same in every language): a wrong password at `login`, a ticket
/// not in the replica, a knowledge-base move the server refuses.
#[test]
fn client_errors_speak_the_locales_language() {
    let mut server = Server::prepare();
    server.start();
    let laptop = Laptop::new();
    let login = ["login", "--server", &server.url(), "--user", "ana"];
    let wrong = |locale: &str| {
        let out = laptop
            .command(&login)
            .env("LC_ALL", locale)
            .env("HELPDESK_PASSWORD", "wrong horse")
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, en) = wrong("en_US.UTF-8");
    assert_eq!((code, en.as_str()), (1, "helpdesk: wrong user name or password, or the account is disabled\n"));
    let (code, uk) = wrong("uk_UA.UTF-8");
    assert_eq!(code, 1, "{uk}");
    assert_eq!(uk, "helpdesk: неправильне ім’я користувача або пароль: перевірте їх і спробуйте ще раз\n");
    let (code, ru) = wrong("ru_RU.UTF-8");
    assert_eq!(code, 1, "{ru}");
    assert_eq!(ru, "helpdesk: неверное имя пользователя или пароль: проверьте их и попробуйте ещё раз\n");
    laptop.ok(&login);

    let show = ["show", "HD-404"];
    let (code, _, en) = run_in(&laptop, "en_US.UTF-8", &show);
    assert_eq!(
        (code, en.as_str()),
        (1, "helpdesk: no ticket `HD-404` in this replica; sync, or check the number\n")
    );
    let (code, _, uk) = run_in(&laptop, "uk_UA.UTF-8", &show);
    assert_eq!(
        (code, uk.as_str()),
        (1, "helpdesk: звернення «HD-404» у цій репліці немає: синхронізуйте або перевірте номер\n")
    );
    let (code, _, ru) = run_in(&laptop, "ru_RU.UTF-8", &show);
    assert_eq!(
        (code, ru.as_str()),
        (1, "helpdesk: обращения «HD-404» в этой реплике нет: синхронизируйте или проверьте номер\n")
    );

    // An analyst is no KB editor: the server's code, in the shared catalogue's words.
    let kb = ["kb", "move", "kb-nope", "review"];
    let (code, _, en) = run_in(&laptop, "en_US.UTF-8", &kb);
    assert_eq!(code, 1, "{en}");
    assert!(en.starts_with("helpdesk: the server refused the request (forbidden): only KB editors"), "{en}");
    let (code, _, uk) = run_in(&laptop, "uk_UA.UTF-8", &kb);
    assert_eq!(
        (code, uk.as_str()),
        (1, "helpdesk: У вас немає прав на цю дію. Якщо вони потрібні, зверніться до адміністратора.\n")
    );
    let (code, _, ru) = run_in(&laptop, "ru_RU.UTF-8", &kb);
    assert_eq!(
        (code, ru.as_str()),
        (1, "helpdesk: У вас нет прав на это действие. Если они нужны, обратитесь к администратору.\n")
    );
    for text in [&uk, &ru] {
        assert!(!text.contains("refused") && !text.contains("forbidden") && !text.contains("replica"), "{text}");
    }
}
