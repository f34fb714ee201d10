//! The escapes that make a terminal show qari's layout as drawn, in the order that works, and
//! how they reach the outer terminal through tmux or GNU screen.

use super::{BidiHandling, Multiplexer, Terminal};

/// BiDi-in-terminals explicit mode: the terminal must not reorder what qari already did.
pub const BIDI_EXPLICIT: &[u8] = b"\x1b[8l";
/// Back to implicit mode, the terminal's default.
pub const BIDI_IMPLICIT: &[u8] = b"\x1b[8h";
pub const ALTERNATE_SCREEN_ON: &[u8] = b"\x1b[?1049h";
pub const ALTERNATE_SCREEN_OFF: &[u8] = b"\x1b[?1049l";
/// Erase the whole screen: VTE makes new rows, in the mode in force.
pub const CLEAR_SCREEN: &[u8] = b"\x1b[2J";

/// mlterm's configuration escape for its own bidi and shaping (`use_ctl`).
pub fn mlterm_use_ctl(on: bool) -> Vec<u8> {
    format!("\x1b]5379;use_ctl={on}\x07").into_bytes()
}

/// How an escape meant for the terminal program gets there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passthrough {
    /// Written as it is: no multiplexer in between.
    Direct,
    /// tmux passes `ESC P tmux; … ESC \` on (with every ESC inside doubled) when its
    /// `allow-passthrough` option is on; otherwise it drops escapes it does not know.
    Tmux,
    /// GNU screen passes the content of a DCS string on to the terminal it runs in.
    Screen,
    /// A multiplexer that will not pass the escape on.
    Blocked,
}

impl Passthrough {
    /// How escapes reach the outer terminal from inside `terminal`'s multiplexer, given
    /// whether tmux's `allow-passthrough` is on.
    pub fn for_terminal(terminal: &Terminal, tmux_allows: bool) -> Passthrough {
        match terminal.multiplexer {
            None => Passthrough::Direct,
            Some(Multiplexer::Tmux) if tmux_allows => Passthrough::Tmux,
            Some(Multiplexer::Tmux) => Passthrough::Blocked,
            Some(Multiplexer::Screen) => Passthrough::Screen,
        }
    }

    /// `escape` as it must be written to reach the outer terminal (nothing when it cannot).
    pub fn wrap(self, escape: &[u8]) -> Vec<u8> {
        match self {
            Passthrough::Direct => escape.to_vec(),
            Passthrough::Blocked => Vec::new(),
            Passthrough::Screen => [b"\x1bP", escape, b"\x1b\\"].concat(),
            Passthrough::Tmux => {
                let mut out = b"\x1bPtmux;".to_vec();
                for &b in escape {
                    if b == 0x1b {
                        out.push(0x1b);
                    }
                    out.push(b);
                }
                out.extend_from_slice(b"\x1b\\");
                out
            }
        }
    }
}

/// What the reader sends around its alternate screen so the terminal shows each cell where
/// qari put it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Ask for explicit mode (qari reorders: `--bidi app`).
    pub explicit: bool,
    /// mlterm: turn `use_ctl` off while running, and put back this value on exit.
    pub mlterm_restore: Option<bool>,
    pub passthrough: Passthrough,
}

impl Plan {
    /// The plan for `terminal`. `reorder`: qari reorders (`--bidi app`); `mlterm_use_ctl`:
    /// what mlterm said its setting is, when it was asked.
    pub fn new(terminal: &Terminal, reorder: bool, passthrough: Passthrough, mlterm_use_ctl: Option<bool>) -> Plan {
        let mlterm = reorder && terminal.bidi() == BidiHandling::ReordersUnlessConfigured;
        Plan {
            explicit: reorder,
            // mlterm's own default is on
            mlterm_restore: mlterm.then(|| mlterm_use_ctl.unwrap_or(true)),
            passthrough,
        }
    }

    /// No escapes at all: the terminal stays as it was prepared.
    pub fn hands_off() -> Plan {
        Plan { explicit: false, mlterm_restore: None, passthrough: Passthrough::Direct }
    }

    /// Whether the outer terminal will hear the plan's escapes.
    pub fn reaches_terminal(&self) -> bool {
        self.passthrough != Passthrough::Blocked
    }

    /// Before the alternate screen is entered: the terminal's own bidi off, explicit mode on,
    /// so the rows the alternate screen makes are explicit from the start. Inside a
    /// multiplexer the outer screen's rows already exist: they are cleared to be made anew.
    pub fn enter(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.mlterm_restore.is_some() {
            out.extend(self.passthrough.wrap(&mlterm_use_ctl(false)));
        }
        if self.explicit {
            out.extend(self.passthrough.wrap(BIDI_EXPLICIT));
            if self.passthrough != Passthrough::Direct {
                out.extend(self.passthrough.wrap(CLEAR_SCREEN));
            }
        }
        out
    }

    /// Before anything that clears or makes rows again (a resize, a full redraw).
    pub fn reassert(&self) -> Vec<u8> {
        if self.explicit {
            self.passthrough.wrap(BIDI_EXPLICIT)
        } else {
            Vec::new()
        }
    }

    /// After the alternate screen is left (on exit, on error, on panic): the terminal as found.
    pub fn leave(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.explicit {
            out.extend(self.passthrough.wrap(BIDI_IMPLICIT));
            if self.passthrough != Passthrough::Direct {
                out.extend(self.passthrough.wrap(CLEAR_SCREEN));
            }
        }
        if let Some(restore) = self.mlterm_restore {
            out.extend(self.passthrough.wrap(&mlterm_use_ctl(restore)));
        }
        out
    }
}

/// A writer that asks for explicit mode at the start of every row it writes (VTE applies
/// the mode to the row the cursor starts), and puts implicit mode back when finished.
pub struct ExplicitRows<W: std::io::Write> {
    inner: W,
    at_row_start: bool,
}

impl<W: std::io::Write> ExplicitRows<W> {
    pub fn new(inner: W) -> ExplicitRows<W> {
        ExplicitRows { inner, at_row_start: true }
    }

    /// Implicit mode again, for the row the shell's prompt goes on.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.inner.write_all(BIDI_IMPLICIT)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: std::io::Write> std::io::Write for ExplicitRows<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if self.at_row_start {
                self.inner.write_all(BIDI_EXPLICIT)?;
                self.at_row_start = false;
            }
            let end = rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
            self.inner.write_all(&rest[..end])?;
            self.at_row_start = rest[end - 1] == b'\n';
            rest = &rest[end..];
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_starts_explicit_and_the_last_is_left_implicit() {
        use std::io::Write;
        let mut rows = ExplicitRows::new(Vec::new());
        rows.write_all(b"  one\ntw").unwrap();
        rows.write_all(b"o\n\nthree\n").unwrap();
        let out = rows.finish().unwrap();
        assert_eq!(out, b"\x1b[8l  one\n\x1b[8ltwo\n\x1b[8l\n\x1b[8lthree\n\x1b[8h");
    }

    #[test]
    fn tmux_doubles_every_escape_inside_its_passthrough() {
        assert_eq!(Passthrough::Tmux.wrap(b"\x1b[8l"), b"\x1bPtmux;\x1b\x1b[8l\x1b\\");
        assert_eq!(Passthrough::Screen.wrap(b"\x1b[8l"), b"\x1bP\x1b[8l\x1b\\");
        assert_eq!(Passthrough::Direct.wrap(b"\x1b[8l"), b"\x1b[8l");
        assert!(Passthrough::Blocked.wrap(b"\x1b[8l").is_empty());
    }

    #[test]
    fn vte_gets_explicit_mode_and_implicit_back() {
        let vte = Terminal::of_vars(&[("VTE_VERSION", "7006")]);
        let plan = Plan::new(&vte, true, Passthrough::for_terminal(&vte, false), None);
        assert_eq!(plan.enter(), BIDI_EXPLICIT);
        assert_eq!(plan.reassert(), BIDI_EXPLICIT);
        assert_eq!(plan.leave(), BIDI_IMPLICIT);
        let logical = Plan::new(&vte, false, Passthrough::Direct, None);
        assert!(logical.enter().is_empty() && logical.leave().is_empty(), "--bidi terminal leaves VTE's bidi on");
    }

    #[test]
    fn mlterm_bidi_goes_off_and_back_to_what_it_was() {
        let mlterm = Terminal::of_vars(&[("MLTERM", "3.9.0")]);
        let plan = Plan::new(&mlterm, true, Passthrough::Direct, None);
        assert_eq!(plan.enter(), [&b"\x1b]5379;use_ctl=false\x07"[..], BIDI_EXPLICIT].concat());
        assert_eq!(plan.leave(), [BIDI_IMPLICIT, &b"\x1b]5379;use_ctl=true\x07"[..]].concat());
        let was_off = Plan::new(&mlterm, true, Passthrough::Direct, Some(false));
        assert!(was_off.leave().ends_with(b"use_ctl=false\x07"), "a user's own setting is kept");
        assert_eq!(Plan::new(&mlterm, false, Passthrough::Direct, None).mlterm_restore, None);
    }

    #[test]
    fn inside_tmux_the_outer_rows_are_made_anew_in_explicit_mode() {
        let t = Terminal::of_vars(&[("TMUX", "/tmp/t,1,0"), ("VTE_VERSION", "7006")]);
        let plan = Plan::new(&t, true, Passthrough::for_terminal(&t, true), None);
        assert_eq!(
            plan.enter(),
            [Passthrough::Tmux.wrap(BIDI_EXPLICIT), Passthrough::Tmux.wrap(CLEAR_SCREEN)].concat()
        );
        assert!(plan.reaches_terminal());
        let blocked = Plan::new(&t, true, Passthrough::for_terminal(&t, false), None);
        assert!(!blocked.reaches_terminal() && blocked.enter().is_empty());
    }
}
