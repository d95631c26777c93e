//! What the desktop app shows as native notifications, read off the
//! session bus: `dbus-monitor` watching `org.freedesktop.Notifications`
//! on a [`Desktop`]'s private bus, and the app run signed in for a while.

use crate::desktop::{Desktop, Guard};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The `Notify` calls made on a desktop's session bus, logged by `dbus-monitor`.
pub struct NotificationLog {
    monitor: Option<Guard>,
    dir: tempfile::TempDir,
}

impl NotificationLog {
    pub fn start(desktop: &Desktop) -> NotificationLog {
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("notify.log")).unwrap();
        let monitor = desktop
            .env(&mut Command::new("dbus-monitor"))
            .args(["--session", "interface='org.freedesktop.Notifications',member='Notify'"])
            .stdout(log)
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-monitor is installed");
        NotificationLog {
            monitor: Some(Guard(monitor)),
            dir,
        }
    }

    /// The summaries of the notifications shown so far, oldest first.
    pub fn summaries(&self) -> Vec<String> {
        summaries(&std::fs::read_to_string(self.dir.path().join("notify.log")).unwrap())
    }

    /// Stops watching; every notification's summary.
    pub fn finish(mut self) -> Vec<String> {
        drop(self.monitor.take());
        self.summaries()
    }
}

/// The summaries of the `Notify` calls in a dbus-monitor log (the third
/// string of each call: app name, icon, summary, body).
fn summaries(log: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut strings: Option<Vec<String>> = None;
    for line in log.lines() {
        if line.contains("member=Notify") {
            out.extend(strings.take().and_then(|s| s.get(2).cloned()));
            strings = Some(Vec::new());
        } else if let Some(s) = strings.as_mut() {
            if let Some(rest) = line.trim().strip_prefix("string \"") {
                s.push(rest.trim_end_matches('"').to_string());
            }
        }
    }
    out.extend(strings.and_then(|s| s.get(2).cloned()));
    out
}

/// The desktop app (`app`) with its profile in `profile`, signed in to
/// `server_url` as `user` (name, password), its output discarded.
pub fn app_command(desktop: &Desktop, app: &Path, profile: &Path, server_url: &str, user: (&str, &str)) -> Command {
    let mut cmd = Command::new(app);
    desktop
        .env(&mut cmd)
        .env("HELPDESK_PROFILE", profile)
        .env("HELPDESK_SERVER", server_url)
        .env("HELPDESK_USER", user.0)
        .env("HELPDESK_PASSWORD", user.1)
        .env("HELPDESK_KEYRING", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Runs the app of [`app_command`] for `seconds`, then stops it.
pub fn run_app_for(desktop: &Desktop, app: &Path, profile: &Path, server_url: &str, user: (&str, &str), seconds: u64) {
    let child = Guard(app_command(desktop, app, profile, server_url, user).spawn().unwrap());
    std::thread::sleep(Duration::from_secs(seconds));
    drop(child);
}

#[cfg(test)]
mod tests {
    use super::summaries;

    #[test]
    fn the_summary_is_the_third_string_of_each_notify_call() {
        let log = "method call time=1 sender=:1.5 member=Notify\n   string \"HELP DESK\"\n   uint32 0\n   string \"\"\n   string \"HD-1: 75 %\"\n   string \"body\"\nmethod call member=Notify\n   string \"a\"\n   string \"\"\n   string \"second\"\n";
        assert_eq!(summaries(log), ["HD-1: 75 %", "second"]);
    }
}
