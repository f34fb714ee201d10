//! What the terminal does by itself, decided from the environment.

use super::{BidiMode, Shaping};

/// Whether qari shapes Arabic. `auto` is on, except when a bidi-aware terminal is handed
/// logical text (`--bidi terminal`) and is known to join letters by itself: VTE (GNOME
/// Terminal, Tilix…, `VTE_VERSION` ≥ 5800), Konsole (`KONSOLE_VERSION`) and mlterm
/// (`MLTERM`). In `--bidi app` mode qari switches VTE's own bidi off, so it shapes itself.
pub fn shaping_for(shaping: Shaping, bidi: BidiMode, env: &dyn Fn(&str) -> Option<String>) -> bool {
    match shaping {
        Shaping::On => true,
        Shaping::Off => false,
        Shaping::Auto => !(bidi == BidiMode::Terminal && terminal_shapes(env)),
    }
}

fn terminal_shapes(env: &dyn Fn(&str) -> Option<String>) -> bool {
    let vte = env("VTE_VERSION").and_then(|v| v.trim().parse::<u32>().ok()).is_some_and(|v| v >= 5800);
    vte || env("KONSOLE_VERSION").is_some() || env("MLTERM").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_shapes_unless_a_shaping_terminal_does_the_bidi() {
        let none = |_: &str| None;
        let vte = |k: &str| (k == "VTE_VERSION").then(|| "7600".to_string());
        assert!(shaping_for(Shaping::Auto, BidiMode::App, &none));
        assert!(shaping_for(Shaping::Auto, BidiMode::App, &vte));
        assert!(shaping_for(Shaping::Auto, BidiMode::Terminal, &none));
        assert!(!shaping_for(Shaping::Auto, BidiMode::Terminal, &vte));
        assert!(!shaping_for(Shaping::Off, BidiMode::App, &none));
        assert!(shaping_for(Shaping::On, BidiMode::Terminal, &vte));
    }
}
