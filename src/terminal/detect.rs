//! Which terminal program this is, from the variables it sets in its children's environment.

/// The terminal program that draws the characters (outside any multiplexer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emulator {
    /// The VTE widget: GNOME Terminal, Tilix, xfce4-terminal, sakura, Terminator… `version` as
    /// in `VTE_VERSION` (7006 is 0.70.6).
    Vte {
        version: u32,
    },
    Konsole,
    Mlterm,
    Xterm,
    Kitty,
    Alacritty,
    WezTerm,
    WindowsTerminal,
    Foot,
    ITerm,
    AppleTerminal,
    LinuxConsole,
    Unknown,
}

/// A terminal inside the terminal: it draws its own screen on the outer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    Tmux,
    Screen,
}

/// What a terminal does by itself with right-to-left text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BidiHandling {
    /// Shows cells in the order they are written (xterm, kitty, Alacritty, WezTerm…).
    None,
    /// Reorders each row, unless asked for the BiDi-in-terminals explicit mode (`CSI 8 l`),
    /// which it keeps per row as rows are made (VTE ≥ 0.58).
    ReordersUnlessExplicit,
    /// Reorders each row and ignores the mode; its own configuration escape turns it off
    /// (mlterm's `use_ctl`).
    ReordersUnlessConfigured,
    /// Reorders each row; only the user can turn it off, in the terminal's settings (Konsole).
    ReordersAlways,
}

/// The terminal as far as the environment tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terminal {
    pub emulator: Emulator,
    pub multiplexer: Option<Multiplexer>,
    /// `TERM`, as given.
    pub term: Option<String>,
}

/// VTE learned bidi in 0.58.
const VTE_BIDI: u32 = 5800;

impl Terminal {
    pub fn detect(env: &dyn Fn(&str) -> Option<String>) -> Terminal {
        let term = env("TERM").filter(|t| !t.is_empty());
        let t = term.as_deref().unwrap_or("");
        let has = |k: &str| env(k).is_some_and(|v| !v.is_empty());
        let program = env("TERM_PROGRAM").unwrap_or_default();
        let emulator = if let Some(v) = env("VTE_VERSION").and_then(|v| v.trim().parse::<u32>().ok()) {
            Emulator::Vte { version: v }
        } else if has("KONSOLE_VERSION") {
            Emulator::Konsole
        } else if has("MLTERM") || t.starts_with("mlterm") {
            Emulator::Mlterm
        } else if has("KITTY_WINDOW_ID") || t == "xterm-kitty" {
            Emulator::Kitty
        } else if has("ALACRITTY_WINDOW_ID") || has("ALACRITTY_SOCKET") || t == "alacritty" {
            Emulator::Alacritty
        } else if program == "WezTerm" || has("WEZTERM_EXECUTABLE") || t == "wezterm" {
            Emulator::WezTerm
        } else if has("WT_SESSION") {
            Emulator::WindowsTerminal
        } else if t.starts_with("foot") {
            Emulator::Foot
        } else if program == "iTerm.app" {
            Emulator::ITerm
        } else if program == "Apple_Terminal" {
            Emulator::AppleTerminal
        } else if has("XTERM_VERSION") {
            Emulator::Xterm
        } else if t == "linux" {
            Emulator::LinuxConsole
        } else {
            Emulator::Unknown
        };
        let multiplexer = if has("TMUX") || t.starts_with("tmux") {
            Some(Multiplexer::Tmux)
        } else if has("STY") || t.starts_with("screen") {
            Some(Multiplexer::Screen)
        } else {
            None
        };
        Terminal { emulator, multiplexer, term }
    }

    pub fn bidi(&self) -> BidiHandling {
        match self.emulator {
            Emulator::Vte { version } if version >= VTE_BIDI => BidiHandling::ReordersUnlessExplicit,
            Emulator::Mlterm => BidiHandling::ReordersUnlessConfigured,
            Emulator::Konsole => BidiHandling::ReordersAlways,
            _ => BidiHandling::None,
        }
    }

    /// Whether the terminal reorders rows by itself (unless told not to).
    pub fn reorders(&self) -> bool {
        self.bidi() != BidiHandling::None
    }

    /// Whether qari leaves the joining of Arabic letters to the terminal when it hands it
    /// logical text: VTE (from 0.58, with its bidi) and mlterm join them well. Konsole joins
    /// them too but draws each lam-alef in one of the two cells it takes, leaving a gap
    /// (`الولا يات`); qari's own presentation forms take one cell each, so Konsole is given those.
    pub fn shapes_itself(&self) -> bool {
        self.reorders() && self.emulator != Emulator::Konsole
    }

    /// The terminal an environment of these variables describes (for tests).
    #[cfg(test)]
    pub(crate) fn of_vars(vars: &[(&str, &str)]) -> Terminal {
        Terminal::detect(&|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    /// The terminal program by name, for `qari doctor` and messages.
    pub fn name(&self) -> String {
        match self.emulator {
            Emulator::Vte { version } => format!(
                "VTE {}.{}.{} (GNOME Terminal, Tilix, xfce4-terminal, sakura…)",
                version / 10000,
                version / 100 % 100,
                version % 100
            ),
            Emulator::Konsole => "Konsole".into(),
            Emulator::Mlterm => "mlterm".into(),
            Emulator::Xterm => "xterm".into(),
            Emulator::Kitty => "kitty".into(),
            Emulator::Alacritty => "Alacritty".into(),
            Emulator::WezTerm => "WezTerm".into(),
            Emulator::WindowsTerminal => "Windows Terminal".into(),
            Emulator::Foot => "foot".into(),
            Emulator::ITerm => "iTerm2".into(),
            Emulator::AppleTerminal => "Terminal.app".into(),
            Emulator::LinuxConsole => "the Linux console".into(),
            Emulator::Unknown => "unknown".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Terminal {
        Terminal::of_vars(vars)
    }

    #[test]
    fn each_terminal_from_what_it_sets() {
        assert_eq!(with(&[("VTE_VERSION", "7006")]).emulator, Emulator::Vte { version: 7006 });
        assert_eq!(with(&[("KONSOLE_VERSION", "230805")]).emulator, Emulator::Konsole);
        assert_eq!(with(&[("MLTERM", "3.9.0"), ("TERM", "xterm")]).emulator, Emulator::Mlterm);
        assert_eq!(with(&[("TERM", "xterm-kitty")]).emulator, Emulator::Kitty);
        assert_eq!(with(&[("ALACRITTY_WINDOW_ID", "1")]).emulator, Emulator::Alacritty);
        assert_eq!(with(&[("TERM_PROGRAM", "WezTerm")]).emulator, Emulator::WezTerm);
        assert_eq!(with(&[("WT_SESSION", "x")]).emulator, Emulator::WindowsTerminal);
        assert_eq!(with(&[("XTERM_VERSION", "XTerm(379)")]).emulator, Emulator::Xterm);
        assert_eq!(with(&[("TERM", "xterm-256color")]).emulator, Emulator::Unknown);
        assert_eq!(with(&[]).term, None);
    }

    #[test]
    fn bidi_by_terminal() {
        assert_eq!(with(&[("VTE_VERSION", "7006")]).bidi(), BidiHandling::ReordersUnlessExplicit);
        assert_eq!(with(&[("VTE_VERSION", "5202")]).bidi(), BidiHandling::None, "VTE before 0.58 has no bidi");
        assert_eq!(with(&[("MLTERM", "3.9.0")]).bidi(), BidiHandling::ReordersUnlessConfigured);
        assert_eq!(with(&[("KONSOLE_VERSION", "230805")]).bidi(), BidiHandling::ReordersAlways);
        assert_eq!(with(&[("TERM", "xterm-kitty")]).bidi(), BidiHandling::None);
        assert!(with(&[("VTE_VERSION", "7006")]).name().starts_with("VTE 0.70.6"));
        assert!(with(&[("MLTERM", "3.9.0")]).shapes_itself());
        assert!(!with(&[("KONSOLE_VERSION", "230805")]).shapes_itself(), "its lam-alef leaves a gap");
    }

    #[test]
    fn multiplexers_keep_the_outer_terminal() {
        let t = with(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("TERM", "tmux-256color"), ("VTE_VERSION", "7006")]);
        assert_eq!(t.multiplexer, Some(Multiplexer::Tmux));
        assert_eq!(t.emulator, Emulator::Vte { version: 7006 });
        assert_eq!(with(&[("STY", "1.pts-0"), ("TERM", "screen")]).multiplexer, Some(Multiplexer::Screen));
        assert_eq!(with(&[("TERM", "xterm")]).multiplexer, None);
    }
}
