//! The config file (TOML): theme, keys, shaping, bidi, direction, mouse, language, digits,
//! month names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::{Digits, InterfaceChoices, Lang, Months};
use crate::layout::{BaseDirection, BidiMode, LayoutChoices, Shaping};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub shaping: Option<Shaping>,
    pub bidi: Option<BidiMode>,
    pub direction: Option<BaseDirection>,
    pub mouse: Option<bool>,
    pub lang: Option<Lang>,
    pub digits: Option<Digits>,
    pub months: Option<Months>,
    #[serde(default)]
    pub keys: HashMap<String, Vec<String>>,
    /// `theme = "auto" | "light" | "dark"`, or a `[theme]` table of colours (which may hold
    /// `background = …` too).
    #[serde(default, deserialize_with = "theme_setting")]
    pub theme: Theme,
    #[serde(default)]
    pub fetch: crate::fetch::FetchConfig,
    /// Per feed settings, by URL or title: `[feeds."https://…"] full_text = "always"`.
    #[serde(default)]
    pub feeds: HashMap<String, crate::fetch::FeedConfig>,
}

/// Which palette: the one for the terminal's background as detected, or one chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    Auto,
    Light,
    Dark,
}

impl crate::layout::Named for ThemeChoice {
    const NAMES: &'static [(&'static str, Self)] =
        &[("auto", ThemeChoice::Auto), ("light", ThemeChoice::Light), ("dark", ThemeChoice::Dark)];
}

/// The terminal's background, as far as the palette is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    #[default]
    Dark,
    Light,
}

impl Config {
    /// The layout choices the file makes.
    pub fn layout(&self) -> LayoutChoices {
        LayoutChoices { shaping: self.shaping, bidi: self.bidi, direction: self.direction }
    }

    /// The interface choices the file makes.
    pub fn interface(&self) -> InterfaceChoices {
        InterfaceChoices { lang: self.lang, digits: self.digits, months: self.months }
    }
}

/// Colours by name (`red`, `light blue`, `#ff8800`, `none`) for each kind of highlight.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// The palette for a light or dark background (`auto`: the terminal's, as detected).
    pub background: Option<ThemeChoice>,
    pub accent: Option<String>,
    pub count: Option<String>,
    pub approx: Option<String>,
    pub percent: Option<String>,
    pub money: Option<String>,
    pub date: Option<String>,
    pub time: Option<String>,
    pub ordinal: Option<String>,
    pub duration: Option<String>,
    pub quantity: Option<String>,
    pub entity: Option<String>,
    pub search: Option<String>,
}

/// `theme` as a word (`theme = "light"`) or as a table of colours.
fn theme_setting<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Theme, D::Error> {
    struct Setting;
    impl<'de> serde::de::Visitor<'de> for Setting {
        type Value = Theme;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("\"auto\", \"light\", \"dark\" or a table of colours")
        }

        fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<Theme, E> {
            let choice = ThemeChoice::deserialize(serde::de::value::StrDeserializer::<E>::new(word))?;
            Ok(Theme { background: Some(choice), ..Theme::default() })
        }

        fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<Theme, M::Error> {
            Theme::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(Setting)
}

/// Where the config lives: `QARI_CONFIG`, else the platform's config directory.
pub fn config_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(p) = env("QARI_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "qari").map(|d| d.config_dir().join("config.toml"))
}

/// Parses config text; the error says what is wrong and where.
pub fn parse(text: &str, path: &Path) -> Result<Config, String> {
    toml::from_str(text).map_err(|e| {
        let what = e.message().to_string();
        let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        match line {
            Some(l) => format!("{}:{l}: {what}", path.display()),
            None => format!("{}: {what}", path.display()),
        }
    })
}

/// Reads the config; a missing file is the defaults, a bad one is the defaults and a message.
pub fn load(path: Option<&Path>) -> (Config, Option<String>) {
    let Some(path) = path else {
        return (Config::default(), None);
    };
    match std::fs::read_to_string(path) {
        Ok(text) => match parse(&text, path) {
            Ok(config) => (config, None),
            Err(e) => (Config::default(), Some(format!("bad config, using defaults: {e}"))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
        Err(e) => (Config::default(), Some(format!("cannot read config {}: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let text = "shaping = \"off\"\nbidi = \"terminal\"\ndirection = \"rtl\"\nmouse = true\nlang = \"ar\"\ndigits = \"arabic-indic\"\nmonths = \"levantine\"\n[keys]\ndown = [\"n\"]\n[theme]\ncount = \"#ff8800\"\n";
        let c = parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(c.shaping, Some(Shaping::Off));
        assert_eq!(c.bidi, Some(BidiMode::Terminal));
        assert_eq!(c.direction, Some(BaseDirection::Rtl));
        assert_eq!(c.mouse, Some(true));
        assert_eq!(
            c.interface(),
            InterfaceChoices {
                lang: Some(Lang::Ar),
                digits: Some(Digits::ArabicIndic),
                months: Some(Months::Levantine)
            }
        );
        assert_eq!(c.keys["down"], vec!["n"]);
        assert_eq!(c.theme.count.as_deref(), Some("#ff8800"));
    }

    #[test]
    fn theme_as_a_word_or_in_the_table() {
        let word = parse("theme = \"light\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(word.theme.background, Some(ThemeChoice::Light));
        let table = parse("[theme]\nbackground = \"dark\"\nentity = \"blue\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(table.theme.background, Some(ThemeChoice::Dark));
        assert_eq!(table.theme.entity.as_deref(), Some("blue"));
        let err = parse("mouse = true\ntheme = \"sepia\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.starts_with("c.toml:2:") && err.contains("light"), "{err}");
    }

    #[test]
    fn a_bad_config_says_what_and_where() {
        let err = parse("mouse = true\nshaping = \"sometimes\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.starts_with("c.toml:2:"), "{err}");
        let err = parse("colour = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn missing_config_is_the_defaults_and_a_bad_one_is_reported() {
        assert_eq!(load(Some(Path::new("no/such/config.toml"))), (Config::default(), None));
        let dir = std::env::temp_dir().join(format!("qari-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(&path, "mouse = 3").unwrap();
        let (config, message) = load(Some(&path));
        assert_eq!(config, Config::default());
        assert!(message.unwrap().contains("bad config"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
