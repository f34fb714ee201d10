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

use crate::app::config::{Background, ThemeChoice};
use crate::layout::BidiMode;
use query::Rgb;

/// How `render` prints where its output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderTarget {
    /// Visual lines as they are: a pipe, a file, a terminal that does no bidi (or one inside a
    /// multiplexer, whose rows qari cannot reach one by one).
    AsIs,
    /// Visual lines, each row asked to be explicit as it starts (VTE keeps the mode per row),
    /// and implicit mode back after the last one.
    ExplicitRows,
    /// Logical lines, unpadded, for a terminal that reorders by itself and cannot be told not
    /// to for a single row (mlterm, Konsole); shaped only where the terminal joins badly.
    Logical,
}

pub fn render_target(terminal: &Terminal, is_tty: bool, bidi: BidiMode) -> RenderTarget {
    if !is_tty || bidi == BidiMode::Terminal || terminal.multiplexer.is_some() {
        return RenderTarget::AsIs;
    }
    match terminal.bidi() {
        BidiHandling::None => RenderTarget::AsIs,
        BidiHandling::ReordersUnlessExplicit => RenderTarget::ExplicitRows,
        BidiHandling::ReordersUnlessConfigured | BidiHandling::ReordersAlways => RenderTarget::Logical,
    }
}

/// How the background was known.
#[derive(Debug, Clone, PartialEq)]
pub enum BackgroundSource {
    /// `--theme` or the config said.
    Chosen,
    /// The terminal answered `OSC 11`.
    Answer(Rgb),
    /// `COLORFGBG` said.
    Colorfgbg(String),
    /// Nothing said: dark, the most common.
    Unknown,
}

/// The background the palette is for: as chosen, else the terminal's answer, else
/// `COLORFGBG`, else dark.
pub fn background(choice: ThemeChoice, answer: Option<Rgb>, colorfgbg: Option<&str>) -> (Background, BackgroundSource) {
    let of = |light: bool| if light { Background::Light } else { Background::Dark };
    match choice {
        ThemeChoice::Light => return (Background::Light, BackgroundSource::Chosen),
        ThemeChoice::Dark => return (Background::Dark, BackgroundSource::Chosen),
        ThemeChoice::Auto => {}
    }
    if let Some(rgb) = answer {
        return (of(rgb.is_light()), BackgroundSource::Answer(rgb));
    }
    if let Some((value, light)) = colorfgbg.and_then(|v| Some((v, query::background_from_colorfgbg(v)?))) {
        return (of(light), BackgroundSource::Colorfgbg(value.to_string()));
    }
    (Background::Dark, BackgroundSource::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_as_chosen_else_as_answered_else_from_colorfgbg() {
        let white = Some(Rgb(255, 255, 255));
        assert_eq!(background(ThemeChoice::Dark, white, None), (Background::Dark, BackgroundSource::Chosen));
        assert_eq!(background(ThemeChoice::Auto, white, Some("15;0")).0, Background::Light, "the answer wins");
        assert_eq!(background(ThemeChoice::Auto, None, Some("0;15")).0, Background::Light);
        assert_eq!(
            background(ThemeChoice::Auto, None, Some("nonsense")),
            (Background::Dark, BackgroundSource::Unknown)
        );
        assert_eq!(background(ThemeChoice::Light, None, None).0, Background::Light);
    }

    #[test]
    fn render_changes_nothing_in_a_pipe_or_a_terminal_without_bidi() {
        let vte = Terminal::detect(&|k| (k == "VTE_VERSION").then(|| "7006".to_string()));
        let mlterm = Terminal::detect(&|k| (k == "MLTERM").then(|| "3.9.0".to_string()));
        let xterm = Terminal::detect(&|k| (k == "XTERM_VERSION").then(|| "XTerm(379)".to_string()));
        assert_eq!(render_target(&vte, false, BidiMode::App), RenderTarget::AsIs);
        assert_eq!(render_target(&vte, true, BidiMode::App), RenderTarget::ExplicitRows);
        assert_eq!(render_target(&vte, true, BidiMode::Terminal), RenderTarget::AsIs);
        assert_eq!(render_target(&mlterm, true, BidiMode::App), RenderTarget::Logical);
        assert_eq!(render_target(&xterm, true, BidiMode::App), RenderTarget::AsIs);
    }
}
