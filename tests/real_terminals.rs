//! The reader in real terminals (sakura, mlterm) under a virtual X display, screenshots held
//! against the same terminals prepared by hand: scripts/real-terminals.sh. Runs where the
//! programs are installed (`.ci/run` installs them); elsewhere it says why it skipped.

use std::process::Command;

#[test]
fn screenshots_in_sakura_and_mlterm_match_the_terminals_prepared_by_hand() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = std::env::temp_dir().join(format!("qari-real-terminals-{}", std::process::id()));
    let run = Command::new("bash")
        .arg(format!("{root}/scripts/real-terminals.sh"))
        .arg(env!("CARGO_BIN_EXE_qari"))
        .arg(&out)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    if run.status.code() == Some(77) {
        println!("real terminals not checked: {}", stderr.trim());
        return;
    }
    assert!(run.status.success(), "screenshots in {}:\n{stdout}\n{stderr}", out.display());
    println!("{stdout}");
    let _ = std::fs::remove_dir_all(&out);
}
