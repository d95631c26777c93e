//! The desktop shell (`src-tauri/src/main.rs`) answers exactly the commands
//! of the IPC contract (`helpdesk_client::ipc`), each with the contract's
//! arguments (names and types) and result, and emits events only through
//! the contract's typed constants. The UI's client is generated from the
//! same contract (`ui/src/bindings/client/ipc.ts`, checked by
//! `ui_bindings`), so a command or argument renamed on one side fails here
//! or in the UI's type check.

use helpdesk_client::ipc;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::Config;

fn shell_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src/main.rs");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in `tauri::generate_handler![…]`.
fn registered(source: &str) -> Vec<String> {
    let start = source.find("generate_handler![").expect("the shell registers its commands") + "generate_handler![".len();
    let end = start + source[start..].find(']').unwrap();
    source[start..end].split(',').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect()
}

/// Each `#[tauri::command]` function: its arguments other than the app and
/// its state (name → type as written), and its result inside `Res<…>`.
fn command_functions(source: &str) -> BTreeMap<String, (Vec<(String, String)>, String)> {
    let mut found = BTreeMap::new();
    for (at, _) in source.match_indices("#[tauri::command") {
        let rest = &source[at..];
        let fn_at = rest.find("fn ").unwrap() + 3;
        let open = fn_at + rest[fn_at..].find('(').unwrap();
        let name = rest[fn_at..open].trim().to_string();
        let close = open + rest[open..].find(") -> ").unwrap();
        let params = split_top_level(&rest[open + 1..close]);
        let args = params
            .iter()
            .filter_map(|p| p.split_once(':'))
            .map(|(n, t)| (n.trim().to_string(), t.trim().to_string()))
            .filter(|(_, t)| !t.starts_with("AppHandle") && !t.starts_with("State<"))
            .collect();
        let after = &rest[close + 5..];
        let result = after[..after.find('{').unwrap()].trim();
        let result = result.strip_prefix("Res<").and_then(|r| r.strip_suffix('>')).unwrap_or(result).to_string();
        found.insert(name, (args, result));
    }
    found
}

/// Splits at commas not inside `<…>`.
fn split_top_level(text: &str) -> Vec<String> {
    let (mut parts, mut depth, mut current) = (Vec::new(), 0i32, String::new());
    for c in text.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    parts
}

fn normalise(rust: &str) -> String {
    rust.split_whitespace().collect::<String>()
}

#[test]
fn the_shell_registers_exactly_the_contracts_commands() {
    let source = shell_source();
    let contract: Vec<String> = ipc::commands(&Config::new()).iter().map(|c| c.name.to_string()).collect();
    assert_eq!(registered(&source), contract);
}

#[test]
fn each_command_of_the_shell_takes_and_returns_what_the_contract_says() {
    let source = shell_source();
    let functions = command_functions(&source);
    for command in ipc::commands(&Config::new()) {
        let (args, result) = functions
            .get(command.name)
            .unwrap_or_else(|| panic!("no #[tauri::command] fn {}", command.name));
        let expected: Vec<(String, String)> = command.args.iter().map(|(n, t)| (n.to_string(), normalise(t.rust))).collect();
        let actual: Vec<(String, String)> = args.iter().map(|(n, t)| (n.clone(), normalise(t))).collect();
        assert_eq!(actual, expected, "the arguments of `{}`", command.name);
        assert_eq!(normalise(result), normalise(command.result.rust), "the result of `{}`", command.name);
    }
    assert_eq!(functions.len(), ipc::commands(&Config::new()).len(), "a #[tauri::command] outside the contract");
}

#[test]
fn the_shell_emits_events_only_through_the_contract() {
    let source = shell_source();
    assert!(
        !source.contains(".emit(\""),
        "an event emitted by a literal name: use helpdesk_client::ipc's constants"
    );
    for (name, _) in ipc::events(&Config::new()) {
        assert!(!source.contains(&format!("\"{name}\"")), "`{name}` spelt in the shell instead of its constant");
    }
}
