//! Reading positions and the last opened story, kept between runs. Written atomically
//! (temporary file, fsync, rename) and merged with what another reader wrote meanwhile;
//! a corrupted file is set aside, never fatal.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where a story was being read: a block of the article (0 title, 1 meta, 2… paragraphs)
/// and a character in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Position {
    pub block: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub positions: BTreeMap<String, Position>,
    #[serde(default)]
    pub last: Option<String>,
}

pub fn state_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(p) = env("QARI_STATE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "qari")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).join("state.json"))
}

/// Reads the state. A file that does not parse is renamed aside (`state.json.corrupt`) and
/// reported; the reader starts afresh.
pub fn load(path: &Path) -> (State, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
        Err(e) => return (State::default(), Some(format!("cannot read state {}: {e}", path.display()))),
    };
    match serde_json::from_str(&text) {
        Ok(state) => (state, None),
        Err(e) => {
            let aside = path.with_extension("json.corrupt");
            let moved = std::fs::rename(path, &aside);
            let what = match moved {
                Ok(()) => format!("moved to {}", aside.display()),
                Err(m) => format!("could not be moved aside: {m}"),
            };
            (State::default(), Some(format!("damaged state file set aside, positions start afresh: {e}; {what}")))
        }
    }
}

/// Saves `mine` over what is on disk now: positions of other stories written by another
/// reader since we loaded are kept.
pub fn save(path: &Path, mine: &State) -> std::io::Result<()> {
    let mut merged: State =
        std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    merged.positions.extend(mine.positions.iter().map(|(k, v)| (k.clone(), *v)));
    if mine.last.is_some() {
        merged.last.clone_from(&mine.last);
    }
    write_atomically(path, serde_json::to_string_pretty(&merged)?.as_bytes())
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("qari-state-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("state.json")
    }

    #[test]
    fn saves_and_loads_positions() {
        let path = temp("roundtrip");
        let mut s = State::default();
        s.positions.insert("a.txt#0".into(), Position { block: 3, offset: 17 });
        s.last = Some("a.txt#0".into());
        save(&path, &s).unwrap();
        assert_eq!(load(&path), (s, None));
        assert!(!path.with_extension("tmp").exists());
    }

    #[test]
    fn a_damaged_file_is_set_aside_and_reported() {
        let path = temp("corrupt");
        std::fs::write(&path, "{\"positions\": {\"a\": ").unwrap();
        let (state, message) = load(&path);
        assert_eq!(state, State::default());
        assert!(message.unwrap().contains("damaged"));
        assert!(path.with_extension("json.corrupt").exists());
        assert!(!path.exists());
    }

    #[test]
    fn two_readers_keep_each_others_positions() {
        let path = temp("merge");
        let mut first = State::default();
        first.positions.insert("a#0".into(), Position { block: 2, offset: 0 });
        let mut second = State::default();
        second.positions.insert("b#0".into(), Position { block: 5, offset: 9 });
        save(&path, &first).unwrap();
        save(&path, &second).unwrap();
        let (both, _) = load(&path);
        assert_eq!(both.positions.len(), 2);
    }
}
