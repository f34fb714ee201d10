//! The real binary in a pseudo-terminal, its screen read back with vt100.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks on raw escapes.
    pub raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _dir: TempDir,
}

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("qari-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/000_d88aa69e352b5fd0.txt")
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with_env(args, cols, rows, &[])
    }

    pub fn start_with_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let dir = TempDir::new("pty");
        let pty = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_qari"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("QARI_STATE", dir.path("state.json"));
        cmd.env("QARI_CONFIG", dir.path("config.toml"));
        cmd.env("QARI_DATA", dir.path("data"));
        cmd.env_remove("NO_COLOR");
        // the terminal the tests run in is not the one the program is given
        for k in ["TMUX", "STY", "VTE_VERSION", "KONSOLE_VERSION", "MLTERM", "COLORFGBG", "LC_CTYPE"] {
            cmd.env_remove(k);
        }
        // an English locale unless a test asks for another (an empty variable does not count)
        cmd.env("LC_ALL", "");
        cmd.env("LC_MESSAGES", "");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = s.lock().unwrap();
                // vt100 itself panics on a wide character drawn for the old size right after the
                // terminal shrank to one column; that is the emulator's race, not the program's:
                // start a fresh screen, which the program's redraw after the resize fills again
                let processed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.process(&buf[..n])));
                if processed.is_err() {
                    let (rows, cols) = parser.screen().size();
                    *parser = vt100::Parser::new(rows, cols, 0);
                }
                drop(parser);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session { screen, raw, master: pty.master, writer, child, _dir: dir }
    }

    pub fn rows(&self) -> Vec<String> {
        let parser = self.screen.lock().unwrap();
        let (_, cols) = parser.screen().size();
        parser.screen().rows(0, cols).collect()
    }

    pub fn text(&self) -> String {
        self.rows().join("\n")
    }

    /// Waits until the screen satisfies `test`; panics with the screen after `secs`.
    pub fn wait_for(&self, what: &str, secs: u64, test: impl Fn(&[String]) -> bool) {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let rows = self.rows();
            if test(&rows) {
                return;
            }
            if Instant::now() > end {
                panic!("timed out waiting for {what}; screen:\n{}", rows.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(120));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        self.screen.lock().unwrap().screen_mut().set_size(rows, cols);
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Waits for the program to end; its exit code.
    pub fn wait_exit(&mut self, secs: u64) -> u32 {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn raw_bytes(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// How a paragraph looks on screen at this width (the first line of qari's own layout).
pub fn visual(text: &str) -> String {
    let options = qari::layout::LayoutOptions { width: 0, ..qari::layout::LayoutOptions::default() };
    qari::layout::render_plain(text, &options).join("")
}

/// How a string of the Arabic interface looks on screen: a right-to-left paragraph.
pub fn visual_rtl(text: &str) -> String {
    let options = qari::layout::LayoutOptions {
        width: 0,
        direction: qari::layout::BaseDirection::Rtl,
        ..qari::layout::LayoutOptions::default()
    };
    qari::layout::render_plain(text, &options).join("")
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
