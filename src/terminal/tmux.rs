//! Asking tmux (the local command; `TMUX` names its server) about the session qari runs in.

use std::process::{Command, Stdio};

fn tmux(args: &[&str]) -> Option<String> {
    let out = Command::new("tmux").args(args).stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether tmux passes escapes wrapped in its passthrough on to the outer terminal
/// (`allow-passthrough` `on` or `all`; a pane option since tmux 3.3, inherited from the
/// window and global values).
pub fn allows_passthrough() -> bool {
    let value = tmux(&["show-options", "-Apv", "allow-passthrough"])
        .filter(|v| !v.is_empty())
        .or_else(|| tmux(&["show-options", "-gv", "allow-passthrough"]));
    value.is_some_and(|v| v.lines().any(|l| matches!(l.trim(), "on" | "all")))
}

/// Has tmux draw the whole outer screen again (after the outer rows were cleared behind it).
pub fn refresh_client() {
    let _ = tmux(&["refresh-client"]);
}
