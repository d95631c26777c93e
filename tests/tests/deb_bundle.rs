//! Issue "desktop app as a .deb": the Tauri CLI (`npm run bundle:deb:debug`
//! in `ui/`, i.e. `TAURI_APP_PATH=src-tauri tauri build --debug --bundles
//! deb -- --workspace --all-targets` from the repository root) builds the
//! UI and the app and bundles a Debian package. The package is then read
//! back as `dpkg` sees it: its name, the workspace's version, Depends that
//! cover every shared library the binary links, `usr/bin/helpdesk-desktop`,
//! a desktop entry starting it and the icons that entry names.
//!
//! The debug profile reuses the build cache of the other tests: its cargo
//! build selects what the test command's does (`--workspace --all-targets`,
//! see `helpdesk_tests::bin_dir`), so only Tauri itself is compiled again,
//! with the feature that embeds the UI. The release package is `npm run
//! bundle:deb` (README, "Packaging").

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// The package name: `productName` ("HELP DESK") in kebab case.
const PACKAGE: &str = "help-desk";
const BINARY: &str = "helpdesk-desktop";

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(run(cmd).stdout).expect("UTF-8 output")
}

/// The fields of a control file (continuation lines joined with '\n').
fn control_fields(text: &str) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let mut last: Option<String> = None;
    for line in text.lines() {
        if line.starts_with(' ') || line.starts_with('\t') {
            let key = last.as_ref().expect("a continuation line follows a field");
            let value: &mut String = fields.get_mut(key).unwrap();
            value.push('\n');
            value.push_str(line.trim());
        } else if let Some((key, value)) = line.split_once(':') {
            fields.insert(key.to_string(), value.trim().to_string());
            last = Some(key.to_string());
        }
    }
    fields
}

/// Package names of a Depends-like field: "a (>= 1), b | c" → a, b, c.
fn package_names(field: &str) -> Vec<String> {
    field
        .split([',', '|'])
        .map(|p| p.split_whitespace().next().unwrap_or("").split(':').next().unwrap().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The paths of `dpkg-deb --contents` ("-rw-r--r-- 0/0 876 2026-11-23 21:25 usr/…"),
/// with their mode; paths may hold spaces.
fn contents(listing: &str) -> BTreeMap<String, String> {
    listing
        .lines()
        .filter_map(|line| {
            let mut rest = line.trim_start();
            let mut mode = "";
            for i in 0..5 {
                let end = rest.find(char::is_whitespace)?;
                if i == 0 {
                    mode = &rest[..end];
                }
                rest = rest[end..].trim_start();
            }
            let path = rest.split(" -> ").next().unwrap();
            Some((path.trim_start_matches("./").trim_end_matches('/').to_string(), mode.to_string()))
        })
        .collect()
}

/// The keys of a desktop entry's `[Desktop Entry]` group.
fn desktop_keys(entry: &str) -> BTreeMap<String, String> {
    entry
        .lines()
        .skip_while(|l| l.trim() != "[Desktop Entry]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The package (of architecture `arch`, if several) of the installed file
/// named `soname`, via `dpkg -S`.
fn owner_of_library(soname: &str, arch: &str) -> Option<String> {
    let out = Command::new("dpkg").args(["-S", &format!("*/{soname}")]).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let owners: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once(": ").map(|(pkgs, _)| pkgs))
        .flat_map(|pkgs| pkgs.split(", "))
        .collect();
    let native = owners.iter().find(|p| p.ends_with(&format!(":{arch}")));
    native.or(owners.first()).map(|p| p.split(':').next().unwrap().to_string())
}

#[test]
fn the_desktop_app_bundles_as_a_deb_that_installs_the_app_its_entry_and_icons() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    // target/<profile>/deps/<this test> → the profile's directory, where the CLI bundles.
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>").to_path_buf();
    let target_dir = profile_dir.parent().unwrap().to_path_buf();
    let release = profile_dir.ends_with("release");
    let script = if release { "bundle:deb" } else { "bundle:deb:debug" };

    let config: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("tauri.conf.json")).unwrap()).unwrap();
    let product = config["productName"].as_str().expect("productName");
    assert_eq!(config["mainBinaryName"], BINARY);
    // The file itself is the crate's (a checkout on Windows, where git makes
    // a symlink a text file, still builds); the root's links to it.
    assert!(
        std::fs::read_link(root.join("tauri.conf.json")).is_ok() && std::fs::read_link(root.join("src-tauri/tauri.conf.json")).is_err(),
        "tauri.conf.json is a symlink to src-tauri/tauri.conf.json"
    );
    assert!(
        root.join("ui/node_modules/@tauri-apps/cli/package.json").exists(),
        "the Tauri CLI is not installed: run .ci/setup (npm ci in ui/)"
    );

    // No package from an earlier run may pass for this one.
    let bundle_dir = profile_dir.join("bundle/deb");
    if let Ok(entries) = std::fs::read_dir(&bundle_dir) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "deb") {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
    }

    let started = Instant::now();
    let mut bundle = Command::new("npm");
    bundle
        .args(["run", script])
        .current_dir(root.join("ui"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("NO_COLOR", "1");
    // The nested cargo runs as from a shell.
    helpdesk_tests::as_from_a_shell(&mut bundle);
    run(&mut bundle);
    let took = started.elapsed();

    let debs: Vec<PathBuf> = std::fs::read_dir(&bundle_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", bundle_dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one .deb in {}: {debs:?}", bundle_dir.display());
    let deb = &debs[0];
    let size = std::fs::metadata(deb).unwrap().len();
    println!(
        "deb bundle: `npm run {script}` took {:.1} s; {} is {:.1} MiB",
        took.as_secs_f64(),
        deb.file_name().unwrap().to_string_lossy(),
        size as f64 / (1024.0 * 1024.0)
    );

    // The control file.
    let info = stdout(Command::new("dpkg-deb").arg("--info").arg(deb));
    println!("{info}");
    let control = control_fields(&stdout(Command::new("dpkg-deb").arg("--field").arg(deb)));
    assert_eq!(control["Package"], PACKAGE);
    assert_eq!(control["Version"], env!("CARGO_PKG_VERSION"), "the version is the Cargo workspace's");
    let arch = stdout(Command::new("dpkg").arg("--print-architecture")).trim().to_string();
    assert_eq!(control["Architecture"], arch);
    assert!(
        control.get("Description").is_some_and(|d| d.lines().count() > 1),
        "a short and a long description"
    );
    let depends = package_names(control.get("Depends").expect("a Depends field"));
    let unique: BTreeSet<&String> = depends.iter().collect();
    assert_eq!(unique.len(), depends.len(), "no package twice in Depends: {depends:?}");
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libayatana-appindicator3-1"] {
        assert!(depends.iter().any(|d| d == needed), "Depends has {needed}: {depends:?}");
    }

    // The files.
    let files = contents(&stdout(Command::new("dpkg-deb").arg("--contents").arg(deb)));
    let summary: Vec<&String> = files.keys().filter(|p| files[*p].starts_with('-')).collect();
    println!("files: {summary:#?}");
    let bin = format!("usr/bin/{BINARY}");
    assert!(files.get(&bin).is_some_and(|m| m.starts_with("-rwx")), "{bin} is an executable file: {files:?}");
    let entries: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("usr/share/applications/") && p.ends_with(".desktop"))
        .collect();
    assert_eq!(entries.len(), 1, "one desktop entry: {files:?}");
    let icons: BTreeSet<String> = files
        .keys()
        .filter_map(|p| {
            let size = p.strip_prefix("usr/share/icons/hicolor/")?.strip_suffix(&format!("/apps/{BINARY}.png"))?;
            Some(size.to_string())
        })
        .collect();
    for size in ["32x32", "128x128", "512x512"] {
        assert!(icons.contains(size), "a {size} icon named {BINARY}: {icons:?}");
    }

    // Unpacked: the entry starts the binary with the icons above.
    let unpacked = tempfile::tempdir().unwrap();
    run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(unpacked.path()));
    let entry = std::fs::read_to_string(unpacked.path().join(entries[0])).unwrap();
    let keys = desktop_keys(&entry);
    assert_eq!(keys.get("Type").map(String::as_str), Some("Application"), "{entry}");
    assert_eq!(keys.get("Name").map(String::as_str), Some(product), "{entry}");
    assert_eq!(keys.get("Exec").and_then(|e| e.split_whitespace().next()), Some(BINARY), "{entry}");
    assert_eq!(keys.get("Icon").map(String::as_str), Some(BINARY), "{entry}");
    assert!(keys.get("Categories").is_some_and(|c| c.split(';').any(|c| c == "Office")), "{entry}");
    let binary = unpacked.path().join(&bin);
    let mut magic = [0u8; 4];
    std::fs::File::open(&binary).and_then(|mut f| f.read_exact(&mut magic)).unwrap();
    assert_eq!(&magic, b"\x7fELF", "{bin} is an ELF executable");

    // Every shared library the binary links comes with a package in
    // Depends, or with a direct dependency of one (as dpkg-shlibdeps would
    // have it: a new -sys crate needs a new Depends).
    let dynamic = stdout(Command::new("objdump").arg("-p").arg(&binary));
    let mut covered: BTreeSet<String> = depends.iter().cloned().collect();
    for dep in &depends {
        let of = Command::new("dpkg-query").args(["-W", "-f=${Depends}, ${Pre-Depends}", dep]).output().unwrap();
        assert!(of.status.success(), "Depends names {dep}, a package this (Debian) build machine does not have");
        covered.extend(package_names(&String::from_utf8_lossy(&of.stdout)));
    }
    let mut uncovered = Vec::new();
    for soname in dynamic.lines().filter_map(|l| l.trim().strip_prefix("NEEDED")).map(str::trim) {
        match owner_of_library(soname, &arch) {
            Some(owner) if covered.contains(&owner) => {}
            owner => uncovered.push(format!("{soname} ({})", owner.as_deref().unwrap_or("no package"))),
        }
    }
    assert!(uncovered.is_empty(), "libraries {BINARY} links that Depends does not bring: {uncovered:?}");
}
