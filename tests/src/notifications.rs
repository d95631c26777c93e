//! What the desktop app shows as native notifications, read off the
//! session bus: `dbus-monitor` watching `org.freedesktop.Notifications`
//! on a [`Desktop`]'s private bus, and the app run signed in until what
//! it synced was looked at by its notifier (read off its log).

use crate::desktop::{Desktop, Guard};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

    /// Waits (at most 60 s) until the summaries shown so far satisfy `done`.
    pub fn wait_until(&self, what: &str, done: impl Fn(&[String]) -> bool) {
        poll_until(|| self.summaries(), done, |shown| format!("no notification {what}: {shown:?}"));
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

/// The desktop app, running with its log kept: the client core's steps at
/// debug level (each background sync round, each look of the notifier at
/// the replica), a sync every second.
pub struct RunningApp {
    child: Option<Guard>,
    dir: tempfile::TempDir,
}

/// A step of the app's, as its log tells it.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A background sync round that brought `changes`.
    Synced { changes: usize },
    /// The notifier looked at the replica while signed in, `due` notifications due.
    Looked { due: usize },
}

impl RunningApp {
    /// Starts `app` (an [`app_command`]).
    pub fn start(mut app: Command) -> RunningApp {
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("app.log")).unwrap();
        let child = app
            .env("HELPDESK_SYNC_INTERVAL_SECONDS", "1")
            .env("RUST_LOG", "info,helpdesk_client=debug")
            .env("NO_COLOR", "1")
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        RunningApp {
            child: Some(Guard(child)),
            dir,
        }
    }

    /// The app's steps so far, oldest first.
    pub fn steps(&self) -> Vec<Step> {
        steps(&std::fs::read_to_string(self.dir.path().join("app.log")).unwrap_or_default())
    }

    /// Waits until the app's steps so far satisfy `done` (at most 60 s),
    /// then a second more for the notifications raised to reach the bus.
    fn wait_until(&self, what: &str, done: impl Fn(&[Step]) -> bool) {
        poll_until(|| self.steps(), done, |steps| format!("the app did not get to {what}: {steps:?}"));
        std::thread::sleep(Duration::from_secs(1));
    }

    /// Waits until the app has synced and the notifier has looked at the
    /// replica after the last sync that brought changes (or, when none
    /// did, at all): whatever the server had by then, and every
    /// notification it calls for, was seen.
    pub fn wait_until_settled(&self) {
        self.wait_until("a sync and a look at what it brought", |steps| {
            let looked_after = |from: usize| steps[from..].iter().any(|s| matches!(s, Step::Looked { .. }));
            let synced = steps.iter().any(|s| matches!(s, Step::Synced { .. }));
            match steps.iter().rposition(|s| matches!(s, Step::Synced { changes } if *changes > 0)) {
                Some(brought) => looked_after(brought),
                None => synced && looked_after(0),
            }
        });
    }

    /// Stops the app.
    pub fn stop(mut self) {
        drop(self.child.take());
    }
}

/// Reads `now` every 100 ms until `done` holds of it; fails with `failed`
/// of the last reading after 60 s.
fn poll_until<T>(now: impl Fn() -> Vec<T>, done: impl Fn(&[T]) -> bool, failed: impl Fn(&[T]) -> String) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let read = now();
        if done(&read) {
            return;
        }
        assert!(Instant::now() < deadline, "{}", failed(&read));
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The steps in an app's log (see [`RunningApp`]).
fn steps(log: &str) -> Vec<Step> {
    let field = |line: &str, name: &str| -> Option<usize> {
        let at = line.find(&format!(" {name}="))? + name.len() + 2;
        line[at..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    };
    log.lines()
        .filter_map(|line| {
            if line.contains("sync: a round done") {
                Some(Step::Synced {
                    changes: field(line, "changes")?,
                })
            } else if line.contains("notifications: the replica looked at") && line.contains("signed_in=true") {
                Some(Step::Looked { due: field(line, "due")? })
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{steps, summaries, Step};

    #[test]
    fn the_steps_are_read_off_the_log() {
        let log = "2026-12-06T07:00:00Z DEBUG helpdesk_client::notifications: notifications: the replica looked at due=0 signed_in=false\n\
                   2026-12-06T07:00:01Z DEBUG helpdesk_client::sync: sync: a round done changes=214 pushed=0\n\
                   2026-12-06T07:00:01Z  INFO helpdesk_desktop: profile /tmp/p\n\
                   2026-12-06T07:00:01Z DEBUG helpdesk_client::notifications: notifications: the replica looked at due=3 signed_in=true\n";
        assert_eq!(steps(log), [Step::Synced { changes: 214 }, Step::Looked { due: 3 }]);
    }

    #[test]
    fn the_summary_is_the_third_string_of_each_notify_call() {
        let log = "method call time=1 sender=:1.5 member=Notify\n   string \"HELP DESK\"\n   uint32 0\n   string \"\"\n   string \"HD-1: 75 %\"\n   string \"body\"\nmethod call member=Notify\n   string \"a\"\n   string \"\"\n   string \"second\"\n";
        assert_eq!(summaries(log), ["HD-1: 75 %", "second"]);
    }
}
