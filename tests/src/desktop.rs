//! The desktop app as a person runs it, for WebDriver tests: a virtual
//! display (Xvfb), a session bus with a notification daemon (dunst), and
//! `tauri-driver` (over WebKitWebDriver) starting the real app binary.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process stopped when dropped: with SIGTERM, so that it can stop
/// what it started (`tauri-driver` its WebKitWebDriver; SIGKILL would leave
/// that one running), and killed if it has not exited 5 s later.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let child = &mut self.0;
        let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Xvfb, a private session bus and dunst on it.
pub struct Desktop {
    pub display: String,
    pub bus: String,
    _xvfb: Guard,
    _bus: Guard,
    _dunst: Option<Guard>,
    _dir: tempfile::TempDir,
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A display number no X server of this machine holds, different for
/// each desktop of this process (tests of one binary run at once).
fn free_display() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let base = 90 + (std::process::id() % 400) * 2;
    loop {
        let number = base + NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let held = |path: String| Path::new(&path).exists();
        if !held(format!("/tmp/.X{number}-lock")) && !held(format!("/tmp/.X11-unix/X{number}")) {
            return number;
        }
    }
}

impl Desktop {
    pub fn start() -> Desktop {
        Desktop::with_screen(1400, 900)
    }

    /// A desktop whose screen is `width`×`height` pixels.
    pub fn with_screen(width: u32, height: u32) -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let number = free_display();
        let display = format!(":{number}");
        let xvfb = Command::new("Xvfb")
            .args([&display, "-screen", "0", &format!("{width}x{height}x24"), "-nolisten", "tcp"])
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (.ci/setup)");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        wait_for("Xvfb", || socket.exists());
        let bus_path = dir.path().join("bus");
        let bus = format!("unix:path={}", bus_path.display());
        let bus_daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", &format!("--address={bus}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is installed");
        wait_for("the session bus", || bus_path.exists());
        let dunst = Command::new("dunst")
            .env("DISPLAY", &display)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()
            .map(Guard);
        Desktop {
            display,
            bus,
            _xvfb: Guard(xvfb),
            _bus: Guard(bus_daemon),
            _dunst: dunst,
            _dir: dir,
        }
    }

    /// Sets the display and bus of this desktop on a command, and WebKit's
    /// rendering without compositing for the tests: Xvfb has no GPU, so
    /// WebKit's default (compositing with OpenGL) renders with Mesa's
    /// software OpenGL there — measured: +100 MiB in the web process, and
    /// 2 of 5 starts under WebDriver took 4–9 s to load the page.
    pub fn env<'a>(&self, cmd: &'a mut Command) -> &'a mut Command {
        self.env_as_launched(cmd).env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
    }

    /// Sets the display and bus of this desktop on a command, leaving
    /// WebKit's rendering as it is when a person starts the app.
    pub fn env_as_launched<'a>(&self, cmd: &'a mut Command) -> &'a mut Command {
        cmd.env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("NO_AT_BRIDGE", "1")
    }

    /// A screenshot of the whole screen, as PNG.
    pub fn screenshot(&self, path: &Path) {
        let xwd = self.env(&mut Command::new("import")).args(["-window", "root"]).arg(path).status();
        if !xwd.map(|s| s.success()).unwrap_or(false) {
            eprintln!("(no screenshot: install imagemagick)");
        }
    }
}

/// `tauri-driver` on a free port, starting apps on `desktop`.
pub struct Driver {
    pub url: String,
    _child: Guard,
}

pub fn tauri_driver() -> PathBuf {
    let home = std::env::var("HOME").unwrap_or_default();
    let installed = PathBuf::from(home).join(".cargo/bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

impl Driver {
    /// Starts the driver; `app_env` reaches the app it starts.
    pub fn start(desktop: &Desktop, app_env: &[(&str, String)]) -> Driver {
        let port = crate::free_port();
        let native_port = crate::free_port();
        let mut cmd = Command::new(tauri_driver());
        desktop
            .env(&mut cmd)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in app_env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("tauri-driver is installed (.ci/setup)");
        let driver = Driver {
            url: format!("http://127.0.0.1:{port}"),
            _child: Guard(child),
        };
        // tauri-driver starts WebKitWebDriver and listens at once; a session
        // asked for before WebKitWebDriver listens is dropped unanswered.
        let listening = |port: u16| std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
        wait_for("tauri-driver", || listening(port));
        wait_for("WebKitWebDriver", || listening(native_port));
        driver
    }

    /// The driver for the app on the profile `profile` (a [`crate::Laptop`]'s,
    /// its sign-in in the profile's session file, never in the keyring of
    /// the machine running the tests).
    pub fn on_profile(desktop: &Desktop, profile: &Path) -> Driver {
        Driver::start(
            desktop,
            &[("HELPDESK_PROFILE", profile.display().to_string()), ("HELPDESK_KEYRING", "off".to_string())],
        )
    }

    /// A WebDriver session with the desktop app `app` (it starts the app).
    pub async fn session(&self, app: &Path) -> fantoccini::Client {
        crate::webdriver_session(&self.url, &serde_json::json!({"tauri:options": {"application": app}})).await
    }
}

/// The desktop app's binary, built with the workspace's ([`crate::bin_dir`]).
pub fn desktop_app() -> PathBuf {
    crate::bin_dir().join("helpdesk-desktop")
}

/// The app's window as PNG, through WebDriver. WebKit takes the picture at
/// the page's next paint, and a page at rest does not paint: on a screen
/// without a ticking clock the picture waited for the next background sync
/// (30 s). So a dot of the top-left pixel, all but transparent, changes
/// with each frame for two seconds to give it a paint to wait for.
pub async fn window_screenshot(c: &fantoccini::Client) -> Vec<u8> {
    c.execute(REPAINT_FOR_TWO_SECONDS, vec![]).await.expect("the page runs a script");
    c.screenshot().await.expect("a screenshot of the window")
}

const REPAINT_FOR_TWO_SECONDS: &str = "
    const dot = document.createElement('div');
    dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
    document.body.append(dot);
    const until = performance.now() + 2000;
    let frame = 0;
    const paint = (now) => {
        dot.style.background = frame++ % 2 ? 'rgba(0,0,0,0.004)' : 'transparent';
        if (now < until) requestAnimationFrame(paint); else dot.remove();
    };
    requestAnimationFrame(paint);";
