//! The desktop's settings (language, warning thresholds, quiet hours…),
//! checked and kept in the replica.

use crate::{lock, notify, Client, ClientError, Result, Settings};
use helpdesk_replica::SettingKey;

impl Client {
    /// The settings; until the user saves some, the defaults in the
    /// language given at [`Client::open`] (the OS's, for the desktop).
    pub fn settings(&self) -> Result<Settings> {
        let defaults = || Settings {
            language: self.language,
            ..Settings::default()
        };
        Ok(match self.replica().setting(SettingKey::DesktopSettings)? {
            Some(text) => serde_json::from_str(&text).unwrap_or_else(|_| defaults()),
            None => defaults(),
        })
    }

    /// Checks and stores the settings; thresholds are sorted.
    pub fn settings_set(&self, mut settings: Settings) -> Result<()> {
        if settings.thresholds.is_empty() || settings.thresholds.len() > 6 {
            return Err(ClientError::invalid("thresholds", "give between 1 and 6 thresholds"));
        }
        if settings.thresholds.iter().any(|t| !(*t > 0.0 && *t <= 1.0)) {
            return Err(ClientError::invalid("thresholds", "each is a share of the target: above 0 and at most 1"));
        }
        settings.thresholds.sort_by(f64::total_cmp);
        settings.thresholds.dedup();
        if let Some(q) = &settings.quiet_hours {
            notify::parse_hhmm(&q.from).ok_or_else(|| ClientError::invalid("quiet_hours.from", "a time as HH:MM, e.g. 22:00"))?;
            notify::parse_hhmm(&q.to).ok_or_else(|| ClientError::invalid("quiet_hours.to", "a time as HH:MM, e.g. 07:30"))?;
        }
        self.replica()
            .set_setting(SettingKey::DesktopSettings, &serde_json::to_string(&settings).expect("settings serialise"))?;
        lock(&self.policies).clear();
        self.wake_notifier.notify_one();
        Ok(())
    }
}
