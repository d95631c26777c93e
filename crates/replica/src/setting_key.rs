//! The keys of the replica's `settings` table: each value the client keeps
//! beside the replica has one key here, so no caller spells a key itself.

/// A value kept in the replica's `settings` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingKey {
    /// This client's id for the sync protocol (seqs are per client).
    ClientId,
    /// The signed-in user as the server described them (JSON).
    Me,
    /// When the last sync round ended (RFC 3339).
    LastSync,
    /// Why the last sync round failed and when (JSON `{at, message}`);
    /// absent after a round that succeeded.
    LastSyncError,
    /// The last seq given to an op (seqs are never reused).
    LastSeq,
    /// The staff directory as last synced (JSON).
    Directory,
    /// When the staff directory was fetched (RFC 3339).
    DirectoryFetchedAt,
    /// The server's SLA policies as last synced (JSON).
    Policies,
    /// When the SLA policies were fetched (RFC 3339).
    PoliciesFetchedAt,
    /// The deployment's registration settings as last synced (JSON).
    RegistrationSettings,
    /// When the registration settings were fetched (RFC 3339).
    RegistrationSettingsFetchedAt,
    /// The desktop's settings (JSON).
    DesktopSettings,
    /// Since when the notifier raises notifications (RFC 3339).
    NotifySince,
    /// The rules the search index was built with (see `search.rs`).
    SearchIndexVersion,
    /// Present while a first replica is being pulled: its pages are made
    /// visible as they come, nothing having been visible before them.
    FirstReplicaUnderway,
}

impl SettingKey {
    pub const ALL: [SettingKey; 15] = [
        SettingKey::ClientId,
        SettingKey::Me,
        SettingKey::LastSync,
        SettingKey::LastSyncError,
        SettingKey::LastSeq,
        SettingKey::Directory,
        SettingKey::DirectoryFetchedAt,
        SettingKey::Policies,
        SettingKey::PoliciesFetchedAt,
        SettingKey::RegistrationSettings,
        SettingKey::RegistrationSettingsFetchedAt,
        SettingKey::DesktopSettings,
        SettingKey::NotifySince,
        SettingKey::SearchIndexVersion,
        SettingKey::FirstReplicaUnderway,
    ];

    /// Whether the value belongs to the signed-in user and server (and is
    /// dropped when the replica starts over for another), rather than to
    /// the person at this computer (the desktop's settings) or to the
    /// replica file itself (the search index's version).
    pub fn belongs_to_the_account(self) -> bool {
        !matches!(self, SettingKey::DesktopSettings | SettingKey::SearchIndexVersion)
    }

    /// The key as stored; these strings are in existing replicas, so they
    /// never change.
    pub fn as_str(self) -> &'static str {
        match self {
            SettingKey::ClientId => "client_id",
            SettingKey::Me => "me",
            SettingKey::LastSync => "last_sync",
            SettingKey::LastSyncError => "last_sync_error",
            SettingKey::LastSeq => "last_seq",
            SettingKey::Directory => "directory",
            SettingKey::DirectoryFetchedAt => "directory.fetched_at",
            SettingKey::Policies => "policies",
            SettingKey::PoliciesFetchedAt => "policies.fetched_at",
            SettingKey::RegistrationSettings => "registration_settings",
            SettingKey::RegistrationSettingsFetchedAt => "registration_settings.fetched_at",
            SettingKey::DesktopSettings => "desktop.settings",
            SettingKey::SearchIndexVersion => "search_index_version",
            SettingKey::NotifySince => "desktop.notify_since",
            SettingKey::FirstReplicaUnderway => "first_replica_underway",
        }
    }

    /// The key that records when this reference data was fetched, for the
    /// keys of reference data (the directory, the policies).
    pub fn fetched_at(self) -> Option<SettingKey> {
        match self {
            SettingKey::Directory => Some(SettingKey::DirectoryFetchedAt),
            SettingKey::Policies => Some(SettingKey::PoliciesFetchedAt),
            SettingKey::RegistrationSettings => Some(SettingKey::RegistrationSettingsFetchedAt),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SettingKey;
    use std::collections::HashSet;

    #[test]
    fn every_key_is_stored_under_a_name_of_its_own() {
        let names: HashSet<&str> = SettingKey::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), SettingKey::ALL.len());
    }
}
