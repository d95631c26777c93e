//! The staff directory (working groups and staff) as of the last sync.

use crate::{Client, ClientError, Result};
use helpdesk_protocol::Directory;
use helpdesk_replica::SettingKey;

impl Client {
    /// Names of the working groups and staff as of the last sync (empty
    /// before the first one): for owners, groups and the pickers.
    pub fn directory(&self) -> Result<Directory> {
        match self.replica().setting(SettingKey::Directory)? {
            Some(text) => serde_json::from_str(&text).map_err(|e| ClientError::storage(format!("the stored staff directory is unreadable ({e}); sync again"))),
            None => Ok(Directory { groups: vec![], users: vec![] }),
        }
    }
}
