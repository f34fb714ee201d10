//! The terminal qari runs in: which program it is (from the environment), what that program
//! does by itself with right-to-left text, the escapes that make it show qari's layout as
//! drawn, and what it answers when asked (its background colour). The one place that knows
//! terminals; the reader, `render` and `qari doctor` ask it.

pub mod advice;
pub mod backend;
pub mod detect;
pub mod escapes;
pub mod query;
pub mod tmux;

pub use detect::{BidiHandling, Emulator, Multiplexer, Terminal};
pub use escapes::{Passthrough, Plan};

use crate::cli::{BidiMode, Shaping};

/// Whether qari shapes Arabic. `auto` is on, except when a bidi-aware terminal is handed
/// logical text (`--bidi terminal`) and joins letters by itself (VTE ≥ 0.58, Konsole, mlterm).
/// In `--bidi app` mode qari turns the terminal's own bidi off, so it shapes itself.
pub fn shaping_for(shaping: Shaping, bidi: BidiMode, terminal: &Terminal) -> bool {
    match shaping {
        Shaping::On => true,
        Shaping::Off => false,
        Shaping::Auto => !(bidi == BidiMode::Terminal && terminal.shapes_itself()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_shapes_unless_a_shaping_terminal_does_the_bidi() {
        let none = Terminal::detect(&|_| None);
        let vte = Terminal::detect(&|k| (k == "VTE_VERSION").then(|| "7600".to_string()));
        assert!(shaping_for(Shaping::Auto, BidiMode::App, &none));
        assert!(shaping_for(Shaping::Auto, BidiMode::App, &vte));
        assert!(shaping_for(Shaping::Auto, BidiMode::Terminal, &none));
        assert!(!shaping_for(Shaping::Auto, BidiMode::Terminal, &vte));
        assert!(!shaping_for(Shaping::Off, BidiMode::App, &none));
        assert!(shaping_for(Shaping::On, BidiMode::Terminal, &vte));
    }
}
