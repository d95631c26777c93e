//! The Windows build as a Windows analyst meets it, under Wine: the
//! `helpdesk.exe` and `helpdesk-server.exe` cross-built for
//! `x86_64-pc-windows-gnu`, compared with the Linux build and used as a
//! user uses them — SLA replays byte for byte, the language from Windows'
//! display language, the server signing in over HTTP with the same OpenAPI
//! document, and the CLI's sign-in kept in the Windows Credential Manager
//! so that it outlives the process (and Wine's session), with the profile
//! in `%LOCALAPPDATA%` although `HOME` is unset.
//!
//! Needs the Windows binaries and a Wine prefix that can run them, which
//! `.ci/windows` prepares: so every test here is ignored by a plain
//! `cargo test` and run by that script with `--ignored` and
//! `HELPDESK_WINDOWS_BIN` (the directory of the `.exe` files), `WINE` (the
//! loader) and `WINEPREFIX` set.

use helpdesk_tests::{bin_dir, free_port, Server};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One test at a time talks to Wine: one of them restarts its session.
fn wine_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

fn windows_bin(name: &str) -> PathBuf {
    let dir = std::env::var_os("HELPDESK_WINDOWS_BIN").expect("HELPDESK_WINDOWS_BIN: the directory of the Windows binaries (.ci/windows sets it)");
    let exe = Path::new(&dir).join(format!("{name}.exe"));
    assert!(exe.exists(), "no {}", exe.display());
    exe
}

fn wine_loader() -> String {
    std::env::var("WINE").unwrap_or_else(|_| "wine".into())
}

fn prefix() -> PathBuf {
    PathBuf::from(std::env::var_os("WINEPREFIX").expect("WINEPREFIX (.ci/windows sets it)"))
}

/// A Unix path as a Windows program under Wine names it (drive Z: is `/`).
fn win_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// `wine NAME.exe ARGS` with no locale variable unless given, and no `HOME`
/// (Windows has none).
fn wine(name: &str, args: &[&str], vars: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(wine_loader());
    cmd.arg(windows_bin(name)).args(args).env("WINEDEBUG", "-all");
    for var in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "LANGUAGE",
        "HOME",
        "XDG_DATA_HOME",
        "HELPDESK_PROFILE",
        "HELPDESK_KEYRING",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd
}

fn linux(args: &[&str], vars: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(bin_dir().join("helpdesk"));
    cmd.args(args);
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd
}

fn run(mut cmd: Command, stdin: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../.ci/examples/lenobl-case.json")
}

#[test]
#[ignore = "needs the Windows build and Wine: run by .ci/windows"]
fn sla_replays_and_policies_are_byte_for_byte_the_linux_builds() {
    let _wine = wine_lock();
    let case = example().canonicalize().unwrap();
    let (unix, windows) = (case.display().to_string(), win_path(&case));
    let presets = text(&run(linux(&["sla", "presets"], &[]), "").stdout);
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut runs = vec![
        // Words and refusals in a language both builds are given (each
        // would otherwise take its own system's).
        Run {
            vars: vec![("LANG", "uk_UA.UTF-8")],
            ..Run::new(args(&["sla", "presets"]))
        },
        Run {
            stdin: r#"{"policy": "nope"}"#,
            ..Run::new(args(&["sla", "replay", "--lang", "uk", "-"]))
        },
        Run {
            stdin: "not json",
            ..Run::new(args(&["sla", "replay", "--lang", "uk", "-"]))
        },
    ];
    for preset in presets.lines().filter_map(|l| l.split('\t').next()) {
        runs.push(Run::new(args(&["sla", "policy", preset])));
        runs.push(Run {
            vars: vec![("LANG", "uk_UA.UTF-8")],
            ..Run::new(args(&["sla", "policy", &format!("{preset}-nope")]))
        });
    }
    for explain in [&[][..], &["--explain"][..]] {
        for lang in ["uk", "en", "ru"] {
            runs.push(Run::new([args(&["sla", "replay"]), args(explain), args(&["--lang", lang])].concat()));
        }
    }
    // The same from the locale variables, as a Unix-like shell on Windows sets them.
    for locale in ["ru_RU.UTF-8", "en_GB.UTF-8", "uk_UA.UTF-8"] {
        runs.push(Run {
            vars: vec![("LC_ALL", locale)],
            ..Run::new(args(&["sla", "replay", "--explain"]))
        });
    }
    assert!(runs.len() > 12, "{}", runs.len());
    for Run { args, stdin, vars } in &runs {
        // A replay without stdin reads the example file, each build by its own name for it.
        let mut unix_args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut windows_args = unix_args.clone();
        if args[1] == "replay" && stdin.is_empty() {
            unix_args.push(&unix);
            windows_args.push(&windows);
        }
        let expected = run(linux(&unix_args, vars), stdin);
        let got = run(wine("helpdesk", &windows_args, vars), stdin);
        assert_eq!(got.status.code(), expected.status.code(), "{args:?} {vars:?}: {}", text(&got.stderr));
        assert_eq!(text(&got.stdout), text(&expected.stdout), "{args:?} {vars:?}");
        assert_eq!(text(&got.stderr), text(&expected.stderr), "{args:?} {vars:?}");
        assert!(!expected.stdout.is_empty() || !expected.stderr.is_empty(), "{args:?}: no output");
    }
}

/// One run of `helpdesk`: its arguments, standard input and variables.
struct Run {
    args: Vec<String>,
    stdin: &'static str,
    vars: Vec<(&'static str, &'static str)>,
}

impl Run {
    fn new(args: Vec<String>) -> Run {
        Run { args, stdin: "", vars: vec![] }
    }
}

#[test]
#[ignore = "needs the Windows build and Wine: run by .ci/windows"]
fn the_language_follows_the_windows_display_language() {
    let _wine = wine_lock();
    let case = win_path(&example().canonicalize().unwrap());
    let exe = win_path(&windows_bin("helpdesk"));
    for (locale, first_word) in [("ru_RU.UTF-8", "Политика"), ("en_US.UTF-8", "Policy"), ("uk_UA.UTF-8", "Політика")] {
        // Wine takes Windows' display language from the Unix locale it
        // starts in; `cmd` then clears the variables from the Windows
        // environment, so the program has only the OS's setting to go by.
        let mut cmd = Command::new(wine_loader());
        cmd.args([
            "cmd",
            "/c",
            &format!("set LC_ALL=& set LC_MESSAGES=& set LANG=& set LANGUAGE=& {exe} sla replay --explain {case}"),
        ])
        .env("WINEDEBUG", "-all")
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LC_ALL", locale);
        let out = run(cmd, "");
        assert_eq!(out.status.code(), Some(0), "{locale}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.starts_with(first_word), "{locale}: {stdout}");
    }
}

/// A `helpdesk-server.exe serve` under Wine, killed when dropped.
struct WindowsServer {
    child: Child,
    port: u16,
}

impl WindowsServer {
    fn start(data: &Path, port: u16) -> WindowsServer {
        let data = win_path(data);
        let listen = format!("127.0.0.1:{port}");
        let child = wine(
            "helpdesk-server",
            &["serve", "--data-dir", &data, "--listen", &listen, "--demo", "--demo-tickets", "30"],
            &[],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let server = WindowsServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(90);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "helpdesk-server.exe did not start under Wine");
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for WindowsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Windows user's Local AppData folder in the prefix.
fn local_app_data() -> PathBuf {
    let users = prefix().join("drive_c/users");
    let user = std::env::var("USER").ok().filter(|u| users.join(u).exists()).unwrap_or_else(|| {
        std::fs::read_dir(&users)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n != "Public")
            .expect("a user in the Wine prefix")
    });
    users.join(user).join("AppData/Local")
}

fn cli(args: &[&str], vars: &[(&str, &str)]) -> (i32, String, String) {
    let out = run(wine("helpdesk", args, vars), "");
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

#[test]
#[ignore = "needs the Windows build and Wine: run by .ci/windows"]
fn the_server_signs_in_over_http_and_the_cli_keeps_the_sign_in_in_the_credential_manager() {
    let _wine = wine_lock();
    let data = tempfile::tempdir().unwrap();
    let server = WindowsServer::start(data.path(), free_port());

    // Over HTTP, as the desktop app and the CLI talk to it.
    let http = reqwest::blocking::Client::new();
    let login: Value = http
        .post(format!("{}/api/v1/auth/login", server.url()))
        .json(&json!({"username": "analyst", "password": "analyst-demo-1"}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let token = login["token"].as_str().expect("signed in").to_string();
    let me: Value = http
        .get(format!("{}/api/v1/me", server.url()))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(me["username"], "analyst");
    let wrong = http
        .post(format!("{}/api/v1/auth/login", server.url()))
        .json(&json!({"username": "analyst", "password": "wrong"}))
        .send()
        .unwrap();
    assert_eq!(wrong.status(), 401);

    // The same API document as the Linux server's.
    let mut linux_server = Server::demo_with(5);
    linux_server.start();
    let openapi = |url: &str| http.get(format!("{url}/api/v1/openapi.json")).send().unwrap().text().unwrap();
    assert_eq!(openapi(&server.url()), openapi(&linux_server.url()));
    linux_server.stop();

    // The CLI with no HOME and no --profile: the profile in %LOCALAPPDATA%.
    let profile = local_app_data().join("ua.gov.customs.helpdesk");
    let _ = std::fs::remove_dir_all(&profile);
    let url = server.url();
    let (code, out, err) = cli(&["login", "--server", &url, "--user", "analyst"], &[("HELPDESK_PASSWORD", "analyst-demo-1")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("signed in"), "{out}");
    assert!(profile.join("replica.db").exists(), "no profile in {}", profile.display());
    // The token is in the Credential Manager, not in the profile.
    let session: Value = serde_json::from_str(&std::fs::read_to_string(profile.join("session.json")).unwrap()).unwrap();
    assert_eq!(session["keyring"], true, "{session}");
    assert_eq!(session["token"], Value::Null, "{session}");
    assert!(!std::fs::read_to_string(profile.join("session.json")).unwrap().contains(&token));

    // A new process finds the sign-in: it syncs and reads the queue.
    let (code, out, err) = cli(&["sync"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, queue, err) = cli(&["queue", "mine"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(queue.contains("HD-"), "{queue}");

    // Also after Wine's whole session ends (every process, the registry
    // written out), as after a restart of the laptop.
    drop(server);
    let wineserver = || Command::new(std::env::var("WINESERVER").unwrap_or_else(|_| "wineserver".into()));
    let _ = wineserver().arg("-k").status(); // non-zero when nothing runs any more
    let _ = wineserver().arg("-w").status();
    let status = |expected: bool| {
        let (code, out, err) = cli(&["status", "--json"], &[]);
        assert_eq!(code, 0, "{out}{err}");
        let status: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(status["signed_in"], expected, "{status}");
        assert_eq!(status["server"], url.as_str(), "{status}");
    };
    status(true);

    // Signing out takes the token out of the Credential Manager: the saved
    // sign-in put back finds none.
    let saved = std::fs::read_to_string(profile.join("session.json")).unwrap();
    let (code, out, err) = cli(&["logout"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    status(false);
    std::fs::write(profile.join("session.json"), saved).unwrap();
    status(false);
    let (code, out, err) = cli(&["sync"], &[]);
    assert_eq!(code, 4, "sign-in needed: {out}{err}");
    assert!(err.contains("no token"), "{err}");
}
