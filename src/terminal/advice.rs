//! What the reader tells a person, once, in the status bar, about a terminal it cannot set up
//! alone; the words are the catalog's (`Msg::KonsoleBidi`, `Msg::TmuxPassthrough`).

use super::{BidiHandling, Multiplexer, Passthrough, Plan, Terminal};
use crate::i18n::Msg;

/// Konsole has no escape to turn its bidi off: only its settings do.
const KONSOLE: Msg = Msg::KonsoleBidi;

/// tmux drops the bidi mode unless its passthrough is on.
const TMUX_PASSTHROUGH: Msg = Msg::TmuxPassthrough;

/// The notices for a reader about to run in `terminal` with `plan`.
pub fn for_reader(terminal: &Terminal, plan: &Plan) -> Vec<Msg> {
    let mut notices = Vec::new();
    if !plan.explicit {
        return notices;
    }
    if terminal.bidi() == BidiHandling::ReordersAlways {
        notices.push(KONSOLE);
    }
    if terminal.multiplexer == Some(Multiplexer::Tmux)
        && plan.passthrough == Passthrough::Blocked
        && terminal.reorders()
    {
        notices.push(TMUX_PASSTHROUGH);
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_only_where_qari_cannot_do_it_alone() {
        let konsole = Terminal::of_vars(&[("KONSOLE_VERSION", "230805")]);
        assert_eq!(for_reader(&konsole, &Plan::new(&konsole, true, Passthrough::Direct, None)), [KONSOLE]);
        assert!(for_reader(&konsole, &Plan::new(&konsole, false, Passthrough::Direct, None)).is_empty());
        let tmux_vte = Terminal::of_vars(&[("TMUX", "/tmp/t,1,0"), ("VTE_VERSION", "7006")]);
        let blocked = Plan::new(&tmux_vte, true, Passthrough::Blocked, None);
        assert_eq!(for_reader(&tmux_vte, &blocked), [TMUX_PASSTHROUGH]);
        let passed = Plan::new(&tmux_vte, true, Passthrough::Tmux, None);
        assert!(for_reader(&tmux_vte, &passed).is_empty());
        let tmux_kitty = Terminal::of_vars(&[("TMUX", "/tmp/t,1,0"), ("TERM", "tmux-256color")]);
        assert!(for_reader(&tmux_kitty, &Plan::new(&tmux_kitty, true, Passthrough::Blocked, None)).is_empty());
        let vte = Terminal::of_vars(&[("VTE_VERSION", "7006")]);
        assert!(for_reader(&vte, &Plan::new(&vte, true, Passthrough::Direct, None)).is_empty());
    }
}
