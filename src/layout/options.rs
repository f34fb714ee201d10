//! The layout choices a person makes (command line or config): shaping, who does the bidi,
//! paragraph direction; and the one place that turns them into [`LayoutOptions`].
//! Plain data with names, so the command line and the config file parse them alike.

use serde::Deserialize;

use super::{BaseDirection, LayoutOptions};

/// Whether qari joins Arabic letters itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shaping {
    #[default]
    Auto,
    On,
    Off,
}

/// Who reorders right-to-left text: qari (`app`) or a bidi-aware terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    #[default]
    App,
    Terminal,
}

/// An option's values by name, as the command line lists them and the config spells them.
pub trait Named: Sized + Copy + 'static {
    const NAMES: &'static [(&'static str, Self)];

    fn from_name(name: &str) -> Option<Self> {
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

impl Named for Shaping {
    const NAMES: &'static [(&'static str, Self)] =
        &[("auto", Shaping::Auto), ("on", Shaping::On), ("off", Shaping::Off)];
}

impl Named for BidiMode {
    const NAMES: &'static [(&'static str, Self)] = &[("app", BidiMode::App), ("terminal", BidiMode::Terminal)];
}

impl Named for BaseDirection {
    const NAMES: &'static [(&'static str, Self)] =
        &[("auto", BaseDirection::Auto), ("rtl", BaseDirection::Rtl), ("ltr", BaseDirection::Ltr)];
}

impl<'de> Deserialize<'de> for BaseDirection {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        BaseDirection::from_name(&name).ok_or_else(|| serde::de::Error::unknown_variant(&name, &["auto", "rtl", "ltr"]))
    }
}

/// The layout choices, each one unset until the command line or the config sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutChoices {
    pub shaping: Option<Shaping>,
    pub bidi: Option<BidiMode>,
    pub direction: Option<BaseDirection>,
}

impl LayoutChoices {
    /// These choices, each one that is not given taken from `fallback` (the config file).
    pub fn or(self, fallback: LayoutChoices) -> LayoutChoices {
        LayoutChoices {
            shaping: self.shaping.or(fallback.shaping),
            bidi: self.bidi.or(fallback.bidi),
            direction: self.direction.or(fallback.direction),
        }
    }

    pub fn bidi(&self) -> BidiMode {
        self.bidi.unwrap_or_default()
    }

    /// How text is laid out under these choices at `width` columns, in the terminal that
    /// `env` describes.
    pub fn layout_options(&self, width: usize, env: &dyn Fn(&str) -> Option<String>) -> LayoutOptions {
        let bidi = self.bidi();
        LayoutOptions {
            width,
            shaping: shaping_for(self.shaping.unwrap_or_default(), bidi, env),
            direction: self.direction.unwrap_or_default(),
            reorder: bidi == BidiMode::App,
            reveal_controls: false,
        }
    }
}

/// Whether qari shapes Arabic. `auto` is on, except when a bidi-aware terminal is handed
/// logical text (`--bidi terminal`) and joins letters well by itself (VTE ≥ 0.58, mlterm; the
/// terminal as `env` describes it, see [`crate::terminal::Terminal::shapes_itself`]). In
/// `--bidi app` mode qari turns the terminal's own bidi off, so it shapes itself.
pub fn shaping_for(shaping: Shaping, bidi: BidiMode, env: &dyn Fn(&str) -> Option<String>) -> bool {
    match shaping {
        Shaping::On => true,
        Shaping::Off => false,
        Shaping::Auto => !(bidi == BidiMode::Terminal && crate::terminal::Terminal::detect(env).shapes_itself()),
    }
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
        // Konsole draws a lam-alef in one of its two cells: it gets qari's one-cell ligatures
        let konsole = |k: &str| (k == "KONSOLE_VERSION").then(|| "221203".to_string());
        assert!(shaping_for(Shaping::Auto, BidiMode::Terminal, &konsole));
    }

    #[test]
    fn names_parse_as_the_config_spells_them() {
        assert_eq!(Shaping::from_name("off"), Some(Shaping::Off));
        assert_eq!(BidiMode::from_name("terminal"), Some(BidiMode::Terminal));
        assert_eq!(BaseDirection::from_name("rtl"), Some(BaseDirection::Rtl));
        assert_eq!(BaseDirection::from_name("sideways"), None);
    }

    #[test]
    fn the_command_line_wins_over_the_config() {
        let cli = LayoutChoices { shaping: Some(Shaping::Off), ..LayoutChoices::default() };
        let config = LayoutChoices { shaping: Some(Shaping::On), bidi: Some(BidiMode::Terminal), direction: None };
        let both = cli.or(config);
        assert_eq!((both.shaping, both.bidi, both.direction), (Some(Shaping::Off), Some(BidiMode::Terminal), None));
        let options = both.layout_options(40, &|_| None);
        assert!(!options.shaping && !options.reorder && options.width == 40);
    }
}
