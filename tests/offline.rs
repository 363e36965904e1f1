//! Nothing leaves the machine: m365lint has no telemetry and makes no network call. Two
//! checks: no HTTP or networking client is in the dependency tree at all, and a whole `check`
//! in every output format, traced by strace, opens no socket.
//!
//! Without strace the trace test says plainly that it was skipped, except under `CI=true`,
//! where a missing strace fails it (.ci/run installs Debian's `strace`).

use std::process::Command;

/// Crates that speak HTTP or open network connections for a client.
const NETWORK_CLIENTS: [&str; 17] = [
    "reqwest",
    "hyper",
    "hyper-util",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "minreq",
    "ehttp",
    "h2",
    "tokio",
    "async-std",
    "mio",
    "socket2",
    "opentelemetry",
];

#[test]
fn no_network_client_is_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let packages: Vec<&str> =
        lock.lines().filter_map(|line| line.strip_prefix("name = \"")?.strip_suffix('"')).collect();
    assert!(packages.contains(&"regorus"), "Cargo.lock is read: {} packages", packages.len());
    let found: Vec<&&str> = packages.iter().filter(|name| NETWORK_CLIENTS.contains(name)).collect();
    assert!(found.is_empty(), "network clients in Cargo.lock: {found:?}");
}

#[test]
fn a_whole_check_in_every_format_opens_no_socket() {
    let strace_present = Command::new("strace").arg("-V").output().is_ok_and(|output| output.status.success());
    if !strace_present {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but no strace: .ci/run installs it");
        eprintln!("SKIPPED a_whole_check_in_every_format_opens_no_socket: no strace on PATH (apt-get install strace)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let formats = ["human", "concise", "json", "json-lines", "sarif", "junit", "csv", "markdown", "html", "github"];
    for format in formats {
        let trace = dir.path().join(format!("{format}.trace"));
        let output = Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=%network", "-o"])
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_m365lint"))
            .args(["check", "fixtures/tenants/contoso", "--format", format])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let code = output.status.code();
        assert_eq!(code, Some(1), "{format}: contoso's findings: {}", String::from_utf8_lossy(&output.stderr));
        assert!(!output.stdout.is_empty(), "{format}: the report was written");
        let trace = std::fs::read_to_string(&trace).unwrap();
        // A worker thread still waiting in a system call when the process exits is detached by
        // strace with an undecoded `PID ???( <detached ...>` line, whatever the filter: that
        // is not a network call. Every decoded line is one.
        let calls: Vec<&str> = trace.lines().filter(|line| !line.ends_with(" ???( <detached ...>")).collect();
        assert!(calls.iter().all(|line| line.trim().is_empty()), "{format}: network system calls:\n{trace}");
    }
    // The same trace does see a network call (the test is not blind): bash opening a socket.
    let probe = dir.path().join("probe.trace");
    let output = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=%network", "-o"])
        .arg(&probe)
        .args(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let calls = std::fs::read_to_string(&probe).unwrap();
    assert!(calls.contains("socket(AF_INET"), "strace should have seen bash's socket: {calls}");
}
