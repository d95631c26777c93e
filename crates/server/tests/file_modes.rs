//! The data directory is the owner's alone: 0700, and the database with its
//! `-wal` and `-shm` files 0600, whatever the umask, and tightened again
//! when an existing directory was looser.
#![cfg(unix)]

mod real_server;

use helpdesk_server::store::Store;
use real_server::RealServer;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn assert_private(dir: &Path) {
    assert_eq!(mode(dir), 0o700, "{}", dir.display());
    for name in ["helpdesk.db", "helpdesk.db-wal", "helpdesk.db-shm"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
}

#[test]
fn a_new_data_dir_is_private_under_a_permissive_umask() {
    let tmp = tempfile::tempdir().unwrap();
    // A parent the server creates too.
    let data = tmp.path().join("srv").join("data");
    for umask in ["022", "000"] {
        let _ = std::fs::remove_dir_all(tmp.path().join("srv"));
        let server = RealServer::start_in(&data, &[], &[("UMASK", umask)]);
        // Serving: the database is open in WAL mode, -wal and -shm exist.
        assert_private(&data);
        drop(server);
    }
}

#[test]
fn a_looser_existing_data_dir_is_tightened_at_open() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let first = Store::open(&data).unwrap();
    first.write(|tx| helpdesk_server::store::set_setting(tx, "probe", "1")).unwrap();
    // Someone loosened everything while the first store holds it open.
    set_mode(&data, 0o755);
    for name in ["helpdesk.db", "helpdesk.db-wal", "helpdesk.db-shm"] {
        set_mode(&data.join(name), 0o644);
    }
    let second = Store::open(&data).unwrap();
    second.write(|tx| helpdesk_server::store::set_setting(tx, "probe", "2")).unwrap();
    assert_private(&data);
    drop((first, second));
}

#[test]
fn a_database_file_created_before_is_tightened_at_open() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    set_mode(&data, 0o777);
    std::fs::write(data.join("helpdesk.db"), b"").unwrap();
    set_mode(&data.join("helpdesk.db"), 0o666);
    let store = Store::open(&data).unwrap();
    store.write(|tx| helpdesk_server::store::set_setting(tx, "probe", "1")).unwrap();
    assert_private(&data);
}
