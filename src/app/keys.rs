//! Keys and what they do: one table feeds the key handling, the help overlay, the status bar
//! hints and the overrides from the config file.

use std::collections::HashMap;

use crate::i18n::Msg;

/// A key as the reader sees it, whatever the terminal library calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Backspace,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Key {
    /// Parses a key name as written in the config file and the help: `j`, `Space`, `PgDn`,
    /// `Shift-Tab`, `Ctrl-c`.
    pub fn parse(name: &str) -> Option<Key> {
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "space" => Key::Char(' '),
            "enter" | "return" => Key::Enter,
            "backspace" | "bs" => Key::Backspace,
            "esc" | "escape" => Key::Esc,
            "tab" => Key::Tab,
            "shift-tab" | "backtab" => Key::BackTab,
            "up" | "↑" => Key::Up,
            "down" | "↓" => Key::Down,
            "left" | "←" => Key::Left,
            "right" | "→" => Key::Right,
            "pgup" | "pageup" => Key::PageUp,
            "pgdn" | "pagedown" => Key::PageDown,
            "home" => Key::Home,
            "end" => Key::End,
            _ => {
                if let Some(c) = lower.strip_prefix("ctrl-").and_then(single_char) {
                    Key::Ctrl(c)
                } else {
                    Key::Char(single_char(name)?)
                }
            }
        })
    }

    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Enter => "Enter".into(),
            Key::Backspace => "Backspace".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
        }
    }
}

/// The one character of a key name; never a control, which would reach the terminal in the
/// help and the hints.
fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next().filter(|c| !c.is_control())?;
    chars.next().is_none().then_some(c)
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    /// The pane on the left or right of the focused one, wherever the language puts panes.
    PaneLeft,
    PaneRight,
    Open,
    Back,
    NextFigure,
    PrevFigure,
    Search,
    NextHit,
    PrevHit,
    Close,
    ToggleHighlights,
    ToggleLibrary,
    TogglePanel,
    RevealControls,
    /// Feeds: fetch the selected one, or all, in the background.
    Fetch,
    FetchAll,
    /// The open story's link in the browser.
    OpenLink,
    ToggleRead,
    Redraw,
}

/// The default bindings, in the order the help shows them: (action, config name, keys, help).
pub const DEFAULT_BINDINGS: &[(Action, &str, &[&str], Msg)] = &[
    (Action::Quit, "quit", &["q", "Ctrl-c"], Msg::HelpQuit),
    (Action::Help, "help", &["?"], Msg::HelpHelp),
    (Action::Down, "down", &["j", "Down"], Msg::HelpDown),
    (Action::Up, "up", &["k", "Up"], Msg::HelpUp),
    (Action::PageDown, "page_down", &["Space", "PgDn"], Msg::HelpPageDown),
    (Action::PageUp, "page_up", &["b", "PgUp"], Msg::HelpPageUp),
    (Action::Top, "top", &["g", "Home"], Msg::HelpTop),
    (Action::Bottom, "bottom", &["G", "End"], Msg::HelpBottom),
    (Action::NextPane, "next_pane", &["Tab"], Msg::HelpNextPane),
    (Action::PrevPane, "previous_pane", &["Shift-Tab"], Msg::HelpPrevPane),
    (Action::PaneLeft, "pane_left", &["Left"], Msg::HelpPaneLeft),
    (Action::PaneRight, "pane_right", &["Right"], Msg::HelpPaneRight),
    (Action::Open, "open", &["Enter"], Msg::HelpOpen),
    (Action::Back, "back", &["Backspace"], Msg::HelpBack),
    (Action::NextFigure, "next_figure", &["]"], Msg::HelpNextFigure),
    (Action::PrevFigure, "previous_figure", &["["], Msg::HelpPrevFigure),
    (Action::Search, "search", &["/"], Msg::HelpSearch),
    (Action::NextHit, "next_hit", &["n"], Msg::HelpNextHit),
    (Action::PrevHit, "previous_hit", &["N"], Msg::HelpPrevHit),
    (Action::Close, "close", &["Esc"], Msg::HelpClose),
    (Action::ToggleHighlights, "highlights", &["h"], Msg::HelpHighlights),
    (Action::ToggleLibrary, "library", &["l"], Msg::HelpLibrary),
    (Action::TogglePanel, "panel", &["f"], Msg::HelpPanel),
    (Action::RevealControls, "controls", &["c"], Msg::HelpControls),
    (Action::Fetch, "fetch", &["r"], Msg::HelpFetch),
    (Action::FetchAll, "fetch_all", &["R"], Msg::HelpFetchAll),
    (Action::OpenLink, "open_link", &["o"], Msg::HelpOpenLink),
    (Action::ToggleRead, "toggle_read", &["u"], Msg::HelpToggleRead),
    (Action::Redraw, "redraw", &["Ctrl-l"], Msg::HelpRedraw),
];

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// (action, keys, help) in help order.
    pub bindings: Vec<(Action, Vec<Key>, Msg)>,
    by_key: HashMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&HashMap::new()).0
    }
}

impl Keymap {
    /// Defaults with the config's `[keys]` table applied (`down = ["j", "Down"]`). Returns
    /// the keymap and one message per entry that could not be used.
    pub fn with_overrides(overrides: &HashMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let mut bindings: Vec<(Action, Vec<Key>, Msg)> = DEFAULT_BINDINGS
            .iter()
            .map(|(action, _, keys, help)| (*action, keys.iter().filter_map(|k| Key::parse(k)).collect(), *help))
            .collect();
        let mut names: Vec<&String> = overrides.keys().collect();
        names.sort();
        for name in names {
            let Some(index) = DEFAULT_BINDINGS.iter().position(|(_, n, _, _)| *n == name.as_str()) else {
                problems.push(format!("keys: no action named '{name}'"));
                continue;
            };
            let mut keys = Vec::new();
            for k in &overrides[name] {
                match Key::parse(k) {
                    Some(key) => keys.push(key),
                    None => problems.push(format!("keys.{name}: '{k}' is not a key")),
                }
            }
            if !keys.is_empty() {
                // a key given to this action is taken from any other
                for (_, other, _) in bindings.iter_mut() {
                    other.retain(|k| !keys.contains(k));
                }
                bindings[index].1 = keys;
            }
        }
        let by_key = bindings.iter().flat_map(|(a, keys, _)| keys.iter().map(move |k| (*k, *a))).collect();
        (Keymap { bindings, by_key }, problems)
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_key.get(&key).copied()
    }

    /// The first key of an action, as the help and hints write it.
    pub fn key_for(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|(a, _, _)| *a == action)
            .and_then(|(_, k, _)| k.first())
            .map_or("-".into(), |k| k.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_design() {
        let map = Keymap::default();
        for (key, action) in [
            (Key::Char('q'), Action::Quit),
            (Key::Char('j'), Action::Down),
            (Key::Down, Action::Down),
            (Key::Char(' '), Action::PageDown),
            (Key::Char('b'), Action::PageUp),
            (Key::Char('G'), Action::Bottom),
            (Key::BackTab, Action::PrevPane),
            (Key::Char(']'), Action::NextFigure),
            (Key::Char('/'), Action::Search),
            (Key::Char('N'), Action::PrevHit),
            (Key::Esc, Action::Close),
        ] {
            assert_eq!(map.action(key), Some(action), "{key:?}");
        }
    }

    #[test]
    fn overrides_move_keys_and_report_mistakes() {
        let overrides: HashMap<String, Vec<String>> = [
            ("down".to_string(), vec!["n".to_string()]),
            ("fly".to_string(), vec!["x".to_string()]),
            ("up".to_string(), vec!["Ctrl-p".to_string(), "two keys".to_string()]),
        ]
        .into_iter()
        .collect();
        let (map, problems) = Keymap::with_overrides(&overrides);
        assert_eq!(map.action(Key::Char('n')), Some(Action::Down));
        assert_eq!(map.action(Key::Char('j')), None, "the old keys of an overridden action are gone");
        assert_eq!(map.action(Key::Ctrl('p')), Some(Action::Up));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(Key::parse("\u{1b}"), None, "a control character is not a key");
        assert_eq!(Key::parse("Ctrl-\u{9b}"), None);
        assert_eq!(map.key_for(Action::NextHit), "-", "n was taken by down");
    }

    #[test]
    fn key_names_round_trip() {
        for name in ["j", "Space", "PgDn", "Shift-Tab", "Ctrl-c", "Enter", "?", "G"] {
            assert_eq!(Key::parse(name).map(Key::name).as_deref(), Some(name));
        }
    }
}
