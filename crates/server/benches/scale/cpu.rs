//! Where the CPU went during a run, from `/proc` (Linux; clock ticks of
//! 1/100 s): the replicas, the PostgreSQL cluster (its postmaster, its
//! live children and the children it already reaped), this benchmark's
//! process (clients and proxy), and the whole machine — so that a figure
//! measured beside other work says how much of the machine it had.

use std::path::Path;

const TICKS_PER_SECOND: f64 = 100.0;

/// `/proc/PID/stat`'s fields after the command name: index 0 is field 3.
fn stat_fields(pid: u32) -> Vec<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = text.rsplit_once(')').map_or("", |(_, rest)| rest);
    after.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect()
}

/// User and system CPU seconds of a process; with `reaped`, also of the
/// children it waited for.
pub fn process_seconds(pid: u32, reaped: bool) -> f64 {
    let f = stat_fields(pid);
    let field = |n: usize| f.get(n - 3).copied().unwrap_or(0);
    let mut ticks = field(14) + field(15);
    if reaped {
        ticks += field(16) + field(17);
    }
    ticks as f64 / TICKS_PER_SECOND
}

pub fn own_seconds() -> f64 {
    process_seconds(std::process::id(), false)
}

/// Busy CPU seconds of the whole machine (every core) since boot.
pub fn machine_seconds() -> f64 {
    let text = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = text.lines().next() else { return 0.0 };
    let ticks: Vec<u64> = line.split_whitespace().skip(1).map(|f| f.parse().unwrap_or(0)).collect();
    let total: u64 = ticks.iter().take(8).sum();
    let idle = ticks.get(3).copied().unwrap_or(0) + ticks.get(4).copied().unwrap_or(0);
    (total - idle) as f64 / TICKS_PER_SECOND
}

/// The PostgreSQL cluster a `host=DIR port=…` URL points at: its
/// postmaster's CPU, its live children's and its reaped children's.
pub fn postgres_seconds(url: &str) -> f64 {
    let Some(dir) = url.split_whitespace().find_map(|p| p.strip_prefix("host=")) else {
        return 0.0;
    };
    let pid_file = Path::new(dir).join("data").join("postmaster.pid");
    let Some(postmaster) = std::fs::read_to_string(pid_file)
        .ok()
        .and_then(|t| t.lines().next()?.trim().parse::<u32>().ok())
    else {
        return 0.0;
    };
    let mut seconds = process_seconds(postmaster, true);
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        // Field 4 is the parent.
        if stat_fields(pid).get(1) == Some(&u64::from(postmaster)) {
            seconds += process_seconds(pid, false);
        }
    }
    seconds
}
