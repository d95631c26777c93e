//! Files and folders of the profile that only its user can read.

use std::path::Path;

/// The profile directory readable by its user only: 0700 on Unix, a
/// protected DACL with the user alone (inherited by what is created in it)
/// on Windows.
pub(crate) fn restrict_dir(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    #[cfg(windows)]
    if let Err(e) = crate::platform::windows::restrict_to_user(dir, true) {
        tracing::warn!("cannot restrict {} to its user: {e}", dir.display());
    }
    #[cfg(not(any(unix, windows)))]
    let _ = dir;
}

/// Writes a file only its user can read — 0600 on Unix; on Windows a
/// protected DACL that lets the user alone in — applied before the text is
/// written, also when the file existed.
pub(crate) fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    let mut file = {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
        // An existing file keeps its mode on open: make sure.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file
    };
    #[cfg(not(unix))]
    let mut file = {
        let file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(path)?;
        #[cfg(windows)]
        crate::platform::windows::restrict_to_user(path, false)?;
        file
    };
    file.write_all(text.as_bytes())
}
