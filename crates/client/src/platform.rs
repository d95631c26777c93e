//! The conventions of each platform the app ships on — Linux (and the other
//! XDG desktops), Windows, macOS: where the profile goes, which language
//! the user reads, how a notification is raised. Each rule is a pure
//! function of the platform, the environment and what the OS says, so the
//! rules of all three are tested on any of them; the functions without a
//! platform argument apply them to this machine.

use crate::{ClientError, Language, Notification, NotificationKind, Result, APP_IDENTIFIER};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// A family of conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Linux and the other Unix desktops: the XDG base directories and the
    /// POSIX locale variables.
    Xdg,
    /// Windows: known folders, the user's display languages.
    Windows,
    /// macOS: `~/Library`, the user's preferred languages.
    MacOs,
}

impl Platform {
    /// The platform this program was built for.
    pub const fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::MacOs
        } else {
            Platform::Xdg
        }
    }
}

type Var<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Platform {
    /// Whether `path` is absolute by this platform's rules (not the rules
    /// of the machine the function runs on: the rules are tested anywhere).
    fn is_absolute(self, path: &OsStr) -> bool {
        let s = path.to_string_lossy();
        match self {
            Platform::Xdg | Platform::MacOs => s.starts_with('/'),
            Platform::Windows => {
                let b = s.as_bytes();
                (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/')) || s.starts_with(r"\\")
            }
        }
    }

    /// `base`, this platform's separator, `name`.
    fn join(self, base: OsString, name: &str) -> OsString {
        let separator = if self == Platform::Windows { '\\' } else { '/' };
        let mut path = base;
        if !path.to_string_lossy().ends_with(separator) {
            path.push(separator.to_string());
        }
        path.push(name);
        path
    }
}

/// A variable that is set to an absolute path.
fn absolute(platform: Platform, var: Var<'_>, name: &str) -> Option<OsString> {
    var(name).map(OsString::from).filter(|p| platform.is_absolute(p))
}

/// Where the platform keeps an application's data that belongs to this
/// machine, given the environment (`var`) and the folder the OS reports
/// (`os`: the `dirs` crate's `data_local_dir`, i.e. the Local AppData known
/// folder on Windows, the same XDG or `~/Library` folder elsewhere, found
/// from the account's home when `HOME` is unset):
///
/// * XDG: `$XDG_DATA_HOME` when it is an absolute path (the XDG rule), else
///   `$HOME/.local/share`, else what the OS reports;
/// * Windows: the Local AppData known folder (`%LOCALAPPDATA%`), else
///   `%LOCALAPPDATA%`, else `%USERPROFILE%\AppData\Local` — never `HOME`.
///   Local, not Roaming (`%APPDATA%`): the replica and its outbox belong to
///   this laptop, and a roaming profile would copy a live database between
///   machines at each sign-on;
/// * macOS: `$HOME/Library/Application Support`, else what the OS reports.
pub fn local_data_dir(platform: Platform, var: Var<'_>, os: Option<PathBuf>) -> Option<PathBuf> {
    let p = platform;
    let os = os.map(PathBuf::into_os_string).filter(|d| p.is_absolute(d));
    let home = || absolute(p, var, "HOME");
    let dir = match p {
        Platform::Xdg => absolute(p, var, "XDG_DATA_HOME")
            .or_else(|| home().map(|h| p.join(p.join(h, ".local"), "share")))
            .or(os),
        Platform::Windows => os
            .or_else(|| absolute(p, var, "LOCALAPPDATA"))
            .or_else(|| absolute(p, var, "USERPROFILE").map(|u| p.join(p.join(u, "AppData"), "Local"))),
        Platform::MacOs => home().map(|h| p.join(p.join(h, "Library"), "Application Support")).or(os),
    };
    dir.map(PathBuf::from)
}

/// The profile directory on `platform`: [`local_data_dir`], then
/// [`APP_IDENTIFIER`] — the directory Tauri gives the app for its local data
/// too. `None` when the platform's folders cannot be found.
pub fn profile_dir(platform: Platform, var: Var<'_>, os: Option<PathBuf>) -> Option<PathBuf> {
    local_data_dir(platform, var, os).map(|dir| PathBuf::from(platform.join(dir.into_os_string(), APP_IDENTIFIER)))
}

/// The default profile directory of the desktop app and the `helpdesk`
/// CLI on this machine (`--profile` and `HELPDESK_PROFILE` override it):
/// `~/.local/share/ua.gov.customs.helpdesk` on Linux,
/// `%LOCALAPPDATA%\ua.gov.customs.helpdesk` on Windows,
/// `~/Library/Application Support/ua.gov.customs.helpdesk` on macOS.
pub fn default_profile(var: Var<'_>) -> Result<PathBuf> {
    profile_dir(Platform::current(), var, dirs::data_local_dir()).ok_or_else(|| {
        ClientError::storage("cannot tell where this account keeps its application data: give the profile directory with --profile or HELPDESK_PROFILE")
    })
}

/// The language of a locale name such as `uk_UA.UTF-8`, `en-GB`, `ru`,
/// `ru-RU`; `None` for another language and for `C`/`POSIX`.
pub fn language_of_locale(locale: &str) -> Option<Language> {
    let language = locale.trim().split(['_', '-', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
    match language.as_str() {
        "uk" => Some(Language::Uk),
        "en" => Some(Language::En),
        "ru" => Some(Language::Ru),
        _ => None,
    }
}

/// The user's language on `platform`, `None` for "no preference we can
/// follow" (the caller's default is Ukrainian):
///
/// * on every platform the POSIX variables, when one is set, decide with
///   POSIX precedence — the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
///   not empty (a terminal on Linux or macOS; Windows sets none of them);
///   `C` or a language the app does not have gives `None`;
/// * otherwise, on Windows and macOS, the OS's preferred languages
///   (`os`, most preferred first: the user's display languages on Windows,
///   the preferred languages on macOS — what `sys-locale` reads): the
///   first one the app has. On XDG systems the variables are the OS's
///   setting, so there is nothing more to read.
pub fn user_language(platform: Platform, var: Var<'_>, os: &[String]) -> Option<Language> {
    if let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).filter(|v| !v.trim().is_empty()))
    {
        return language_of_locale(&locale);
    }
    match platform {
        Platform::Xdg => None,
        Platform::Windows | Platform::MacOs => os.iter().find_map(|l| language_of_locale(l)),
    }
}

/// The OS's preferred languages, most preferred first (empty on XDG
/// systems, whose setting is the environment).
pub fn os_languages() -> Vec<String> {
    match Platform::current() {
        Platform::Xdg => Vec::new(),
        Platform::Windows | Platform::MacOs => sys_locale::get_locales().collect(),
    }
}

/// The user's language on this machine ([`user_language`] with the real
/// environment and OS), Ukrainian when there is no preference we follow.
pub fn system_language(var: Var<'_>) -> Language {
    user_language(Platform::current(), var, &os_languages()).unwrap_or(Language::Uk)
}

/// How the desktop raises one notification (the same on Linux and
/// Windows; macOS shows it without urgency or click).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// An SLA breach: urgency "critical" on Linux (the notification stays
    /// until dismissed), the "reminder" scenario on Windows (the same).
    pub urgent: bool,
    /// What a click on it opens: the ticket, or (a summary) the window.
    pub opens: Opens,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opens {
    Ticket(String),
    Window,
}

/// The presentation of a notification, `None` for the summary of several.
pub fn presentation(n: Option<&Notification>) -> Presentation {
    Presentation {
        urgent: n.is_some_and(|n| n.kind == NotificationKind::SlaBreach),
        opens: match n {
            Some(n) if n.kind != NotificationKind::KbReviewDue => Opens::Ticket(n.number.clone()),
            _ => Opens::Window,
        },
    }
}

/// Makes this program known to Windows as the sender of the app's
/// notifications (the Application User Model ID [`APP_IDENTIFIER`], under
/// `HKCU\Software\Classes\AppUserModelId`, the registration of an app that
/// is not packaged), so that its toasts are shown under "HELP DESK" and a
/// click reaches it. Does nothing elsewhere.
pub fn register_notification_sender() -> std::result::Result<(), String> {
    #[cfg(windows)]
    {
        windows::register_app_user_model_id(APP_IDENTIFIER, "HELP DESK")
    }
    #[cfg(not(windows))]
    {
        Ok(())
    }
}

/// The registry key of [`register_notification_sender`].
pub const NOTIFICATION_SENDER_KEY: &str = r"Software\Classes\AppUserModelId\ua.gov.customs.helpdesk";

#[cfg(windows)]
pub mod windows {
    //! Windows' ways of keeping a file to its user, and the registration of
    //! the notification sender.

    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;
    use windows_sys::Win32::Foundation::{CloseHandle, LocalFree, ERROR_SUCCESS, HANDLE};
    use windows_sys::Win32::Security::Authorization::{
        GetNamedSecurityInfoW, SetEntriesInAclW, SetNamedSecurityInfoW, EXPLICIT_ACCESS_W, GRANT_ACCESS, SE_FILE_OBJECT, TRUSTEE_IS_SID, TRUSTEE_IS_USER,
        TRUSTEE_W,
    };
    use windows_sys::Win32::Security::{
        EqualSid, GetAce, GetTokenInformation, TokenUser, ACCESS_ALLOWED_ACE, ACL, CONTAINER_INHERIT_ACE, DACL_SECURITY_INFORMATION, NO_INHERITANCE,
        OBJECT_INHERIT_ACE, PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, TOKEN_QUERY, TOKEN_USER,
    };
    use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
    use windows_sys::Win32::System::Registry::{RegCloseKey, RegCreateKeyExW, RegSetValueExW, HKEY, HKEY_CURRENT_USER, KEY_SET_VALUE, REG_SZ};
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

    fn wide(s: &std::ffi::OsStr) -> Vec<u16> {
        s.encode_wide().chain(std::iter::once(0)).collect()
    }

    /// The SID of the user this process runs as, in a buffer that holds
    /// its `TOKEN_USER`.
    struct CurrentUser(Vec<u64>);

    impl CurrentUser {
        fn get() -> std::io::Result<CurrentUser> {
            // SAFETY: plain Win32 calls on our own process token; the buffer
            // is sized by the first call and aligned for TOKEN_USER.
            unsafe {
                let mut token: HANDLE = std::ptr::null_mut();
                if OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) == 0 {
                    return Err(std::io::Error::last_os_error());
                }
                let mut len = 0u32;
                GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut len);
                let mut buf = vec![0u64; (len as usize).div_ceil(8).max(1)];
                let ok = GetTokenInformation(token, TokenUser, buf.as_mut_ptr().cast(), len, &mut len);
                let error = std::io::Error::last_os_error();
                CloseHandle(token);
                if ok == 0 {
                    return Err(error);
                }
                Ok(CurrentUser(buf))
            }
        }

        fn sid(&self) -> *mut core::ffi::c_void {
            // SAFETY: the buffer holds a TOKEN_USER (see `get`).
            unsafe { (*(self.0.as_ptr() as *const TOKEN_USER)).User.Sid }
        }
    }

    /// Gives `path` a protected DACL (no inherited entries) with one entry:
    /// full control for the current user — the 0600 / 0700 of Unix. For a
    /// directory the entry is inherited by what is created in it.
    pub fn restrict_to_user(path: &Path, directory: bool) -> std::io::Result<()> {
        let user = CurrentUser::get()?;
        // SAFETY: the ACL is built by SetEntriesInAclW from a trustee that
        // points at the SID in `user`, alive for the whole call; the ACL it
        // allocates is freed with LocalFree.
        unsafe {
            let access = EXPLICIT_ACCESS_W {
                grfAccessPermissions: FILE_ALL_ACCESS,
                grfAccessMode: GRANT_ACCESS,
                grfInheritance: if directory {
                    CONTAINER_INHERIT_ACE | OBJECT_INHERIT_ACE
                } else {
                    NO_INHERITANCE
                },
                Trustee: TRUSTEE_W {
                    pMultipleTrustee: std::ptr::null_mut(),
                    MultipleTrusteeOperation: 0,
                    TrusteeForm: TRUSTEE_IS_SID,
                    TrusteeType: TRUSTEE_IS_USER,
                    ptstrName: user.sid().cast(),
                },
            };
            let mut acl: *mut ACL = std::ptr::null_mut();
            let status = SetEntriesInAclW(1, &access, std::ptr::null(), &mut acl);
            if status != ERROR_SUCCESS {
                return Err(std::io::Error::from_raw_os_error(status as i32));
            }
            let name = wide(path.as_os_str());
            let status = SetNamedSecurityInfoW(
                name.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                acl,
                std::ptr::null(),
            );
            LocalFree(acl.cast());
            if status != ERROR_SUCCESS {
                return Err(std::io::Error::from_raw_os_error(status as i32));
            }
        }
        Ok(())
    }

    /// Whether `path`'s DACL lets only the current user in: every entry is
    /// an allowing one for that user (for the tests).
    pub fn only_user_may_access(path: &Path) -> std::io::Result<bool> {
        let user = CurrentUser::get()?;
        let name = wide(path.as_os_str());
        // SAFETY: GetNamedSecurityInfoW allocates the descriptor (freed with
        // LocalFree); the DACL points into it and is read while it lives.
        unsafe {
            let mut dacl: *mut ACL = std::ptr::null_mut();
            let mut sd: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
            let status = GetNamedSecurityInfoW(
                name.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &mut dacl,
                std::ptr::null_mut(),
                &mut sd,
            );
            if status != ERROR_SUCCESS {
                return Err(std::io::Error::from_raw_os_error(status as i32));
            }
            // A null DACL lets everyone in.
            let mut only = !dacl.is_null() && (*dacl).AceCount > 0;
            if only {
                for i in 0..u32::from((*dacl).AceCount) {
                    let mut ace: *mut core::ffi::c_void = std::ptr::null_mut();
                    if GetAce(dacl, i, &mut ace) == 0 {
                        only = false;
                        break;
                    }
                    let ace = ace as *const ACCESS_ALLOWED_ACE;
                    // ACCESS_ALLOWED_ACE_TYPE is 0; the SID starts at SidStart.
                    if (*ace).Header.AceType != 0 || EqualSid(std::ptr::addr_of!((*ace).SidStart) as *mut _, user.sid()) == 0 {
                        only = false;
                        break;
                    }
                }
            }
            LocalFree(sd);
            Ok(only)
        }
    }

    /// `HKCU\Software\Classes\AppUserModelId\<id>` with its `DisplayName`.
    pub fn register_app_user_model_id(id: &str, display_name: &str) -> Result<(), String> {
        let key_name = wide(format!(r"Software\Classes\AppUserModelId\{id}").as_ref());
        let value_name = wide("DisplayName".as_ref());
        let value = wide(display_name.as_ref());
        // SAFETY: plain registry calls with NUL-terminated wide strings that
        // outlive them; the key is closed.
        unsafe {
            let mut key: HKEY = std::ptr::null_mut();
            let status = RegCreateKeyExW(
                HKEY_CURRENT_USER,
                key_name.as_ptr(),
                0,
                std::ptr::null(),
                0,
                KEY_SET_VALUE,
                std::ptr::null(),
                &mut key,
                std::ptr::null_mut(),
            );
            if status != ERROR_SUCCESS {
                return Err(std::io::Error::from_raw_os_error(status as i32).to_string());
            }
            let status = RegSetValueExW(key, value_name.as_ptr(), 0, REG_SZ, value.as_ptr().cast(), (value.len() * 2) as u32);
            RegCloseKey(key);
            if status != ERROR_SUCCESS {
                return Err(std::io::Error::from_raw_os_error(status as i32).to_string());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        move |k| map.get(k).map(|v| v.to_string())
    }

    fn profile(platform: Platform, vars: &[(&str, &str)], os: Option<&str>) -> Option<String> {
        profile_dir(platform, &env(vars), os.map(PathBuf::from)).map(|p| p.display().to_string())
    }

    #[test]
    fn linux_keeps_the_profile_under_xdg_data_home_or_the_home() {
        let x = Platform::Xdg;
        assert_eq!(
            profile(x, &[("HOME", "/home/ana")], Some("/home/ana/.local/share")).as_deref(),
            Some("/home/ana/.local/share/ua.gov.customs.helpdesk")
        );
        assert_eq!(
            profile(x, &[("HOME", "/home/ana"), ("XDG_DATA_HOME", "/data/ana")], None).as_deref(),
            Some("/data/ana/ua.gov.customs.helpdesk")
        );
        // A relative XDG_DATA_HOME is ignored (the XDG rule), an empty one too.
        for xdg in ["", "data"] {
            assert_eq!(
                profile(x, &[("HOME", "/home/ana"), ("XDG_DATA_HOME", xdg)], None).as_deref(),
                Some("/home/ana/.local/share/ua.gov.customs.helpdesk")
            );
        }
        // No HOME: the account's home as the OS knows it — never the current directory.
        assert_eq!(
            profile(x, &[], Some("/home/ana/.local/share")).as_deref(),
            Some("/home/ana/.local/share/ua.gov.customs.helpdesk")
        );
        assert_eq!(profile(x, &[], None), None);
    }

    #[test]
    fn windows_keeps_the_profile_in_local_app_data_whatever_home_says() {
        let w = Platform::Windows;
        let known = Some(r"C:\Users\ana\AppData\Local");
        let expected = Some(r"C:\Users\ana\AppData\Local\ua.gov.customs.helpdesk");
        // HOME unset, as it usually is on Windows; or set by a Unix-like shell: not used.
        assert_eq!(profile(w, &[], known).as_deref(), expected);
        assert_eq!(profile(w, &[("HOME", "/home/ana"), ("XDG_DATA_HOME", "/x")], known).as_deref(), expected);
        // Without the known folder: %LOCALAPPDATA%, then %USERPROFILE%.
        assert_eq!(profile(w, &[("LOCALAPPDATA", r"C:\Users\ana\AppData\Local")], None).as_deref(), expected);
        assert_eq!(profile(w, &[("USERPROFILE", r"C:\Users\ana")], None).as_deref(), expected);
        assert_eq!(profile(w, &[("LOCALAPPDATA", "relative"), ("HOME", r"C:\Users\ana")], None), None);
    }

    #[test]
    fn macos_keeps_the_profile_in_application_support() {
        let m = Platform::MacOs;
        let expected = Some("/Users/ana/Library/Application Support/ua.gov.customs.helpdesk");
        assert_eq!(profile(m, &[("HOME", "/Users/ana")], None).as_deref(), expected);
        assert_eq!(profile(m, &[], Some("/Users/ana/Library/Application Support")).as_deref(), expected);
        // XDG variables are not macOS's.
        assert_eq!(profile(m, &[("HOME", "/Users/ana"), ("XDG_DATA_HOME", "/x")], None).as_deref(), expected);
    }

    #[test]
    fn this_machine_has_a_default_profile_named_after_the_app() {
        let dir = default_profile(&|k| std::env::var(k).ok()).unwrap();
        assert!(dir.is_absolute(), "{}", dir.display());
        assert!(dir.ends_with(APP_IDENTIFIER));
    }

    fn lang(platform: Platform, vars: &[(&str, &str)], os: &[&str]) -> Option<Language> {
        let os: Vec<String> = os.iter().map(|s| s.to_string()).collect();
        user_language(platform, &env(vars), &os)
    }

    #[test]
    fn the_posix_variables_decide_in_their_order_on_every_platform() {
        for p in [Platform::Xdg, Platform::Windows, Platform::MacOs] {
            assert_eq!(lang(p, &[("LANG", "en_US.UTF-8")], &["ru-RU"]), Some(Language::En));
            assert_eq!(lang(p, &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")], &[]), Some(Language::Ru));
            assert_eq!(lang(p, &[("LC_ALL", "uk_UA.UTF-8"), ("LC_MESSAGES", "ru_RU.UTF-8")], &[]), Some(Language::Uk));
            assert_eq!(lang(p, &[("LC_ALL", ""), ("LANG", "ru")], &[]), Some(Language::Ru));
            // Set, but no language of ours: the default, not the OS list.
            assert_eq!(lang(p, &[("LANG", "C.UTF-8")], &["en-US"]), None);
            assert_eq!(lang(p, &[("LANG", "de_DE.UTF-8")], &["ru-RU"]), None);
        }
    }

    #[test]
    fn windows_and_macos_read_the_os_languages_when_no_variable_is_set() {
        for p in [Platform::Windows, Platform::MacOs] {
            assert_eq!(lang(p, &[], &["ru-RU"]), Some(Language::Ru));
            assert_eq!(lang(p, &[], &["en-GB", "uk-UA"]), Some(Language::En));
            // The first of the user's languages that the app has.
            assert_eq!(lang(p, &[], &["de-DE", "ru-RU", "en-US"]), Some(Language::Ru));
            assert_eq!(lang(p, &[], &["uk"]), Some(Language::Uk));
            assert_eq!(lang(p, &[], &["de-DE"]), None);
            assert_eq!(lang(p, &[], &[]), None);
        }
        // On Linux the variables are the OS's setting.
        assert_eq!(lang(Platform::Xdg, &[], &["ru-RU"]), None);
    }

    #[test]
    fn locale_names_of_each_form() {
        for (name, language) in [
            ("uk_UA.UTF-8", Some(Language::Uk)),
            ("ru_UA.UTF-8@euro", Some(Language::Ru)),
            ("en-GB", Some(Language::En)),
            ("RU-ru", Some(Language::Ru)),
            ("C", None),
            ("POSIX", None),
            ("", None),
        ] {
            assert_eq!(language_of_locale(name), language, "{name}");
        }
    }

    #[test]
    fn breaches_are_urgent_and_a_click_opens_the_ticket() {
        let n = |kind| Notification {
            ticket_id: "t1".into(),
            number: "HD-2026-000001".into(),
            subject: "s".into(),
            kind,
            title_key: "k".into(),
            body_args: Default::default(),
        };
        let breach = presentation(Some(&n(NotificationKind::SlaBreach)));
        assert!(breach.urgent);
        assert_eq!(breach.opens, Opens::Ticket("HD-2026-000001".into()));
        let warning = presentation(Some(&n(NotificationKind::SlaWarning)));
        assert!(!warning.urgent);
        assert_eq!(warning.opens, Opens::Ticket("HD-2026-000001".into()));
        assert_eq!(
            presentation(None),
            Presentation {
                urgent: false,
                opens: Opens::Window
            }
        );
    }

    /// On Windows: a new profile directory, and what is created in it, let
    /// the user alone in; a file elsewhere does not; a private file stays
    /// private when written again. Not under Wine, which keeps no ACLs: it
    /// accepts a DACL and goes on reporting one made from the Unix mode, so
    /// `.ci/windows` skips this test (the next one runs the same calls).
    #[cfg(windows)]
    #[test]
    fn windows_profiles_are_the_users_alone() {
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("profile");
        drop(crate::Client::open(&profile, crate::Options::default()).unwrap());
        assert!(windows::only_user_may_access(&profile).unwrap());
        assert!(windows::only_user_may_access(&profile.join("replica.db")).unwrap());
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        assert!(!windows::only_user_may_access(&plain).unwrap());
        crate::private_files::write_private(&plain, "secret").unwrap();
        assert!(windows::only_user_may_access(&plain).unwrap());
        crate::private_files::write_private(&plain, "secret 2").unwrap();
        assert!(windows::only_user_may_access(&plain).unwrap());
    }

    /// On Windows and under Wine: the calls that restrict a profile and a
    /// private file succeed, and a private file is written and rewritten.
    #[cfg(windows)]
    #[test]
    fn windows_private_files_are_written_and_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("profile");
        windows::restrict_to_user(dir.path(), true).unwrap();
        drop(crate::Client::open(&profile, crate::Options::default()).unwrap());
        let file = profile.join("session.json");
        crate::private_files::write_private(&file, "secret").unwrap();
        crate::private_files::write_private(&file, "secret 2").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "secret 2");
        windows::only_user_may_access(&file).unwrap();
    }

    /// Under Windows (or Wine): the registration of the notification sender
    /// is in the user's registry, and the OS gives a preferred language.
    #[cfg(windows)]
    #[test]
    fn windows_registers_the_notification_sender_and_reads_its_languages() {
        register_notification_sender().unwrap();
        let out = std::process::Command::new("reg")
            .args(["query", &format!(r"HKCU\{NOTIFICATION_SENDER_KEY}"), "/v", "DisplayName"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains("HELP DESK"), "{text}");
        assert!(!os_languages().is_empty());
    }
}
