//! The interface's own words, in Arabic or English, and the way it writes numbers and dates.
//!
//! One typed table per language (`ar.rs`, `en.rs`), not Fluent: every key is an enum variant
//! and each language a `match` over it, so a missing string is a compile error rather than a
//! run-time fallback, and there is no message syntax to parse at start-up. Arabic plurals
//! (the only thing Fluent would add) are the six CLDR categories in `plural.rs`.
//! Every string is laid out by the layout engine like article text, so a template may mix
//! Arabic with key names and numbers freely.

mod ar;
mod en;
mod keys;
mod months;
mod numbers;
pub mod plural;

use std::borrow::Cow;

use serde::Deserialize;

use crate::extract::{Figure, FigureKind, FigureValue};
use crate::layout::Named;
pub use keys::{Counted, Msg};
pub use months::{month_name, months_used};
pub use numbers::{grouped, percent, with_digits};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    #[default]
    En,
}

/// Digits for the numbers the interface writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    #[default]
    Western,
    ArabicIndic,
}

/// Which month names the interface writes: يناير / كانون الثاني / جانفي.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Months {
    #[default]
    Egyptian,
    Levantine,
    Maghrebi,
}

impl Named for Lang {
    const NAMES: &'static [(&'static str, Self)] = &[("ar", Lang::Ar), ("en", Lang::En)];
}

impl Named for Digits {
    const NAMES: &'static [(&'static str, Self)] =
        &[("western", Digits::Western), ("arabic-indic", Digits::ArabicIndic)];
}

impl Named for Months {
    const NAMES: &'static [(&'static str, Self)] =
        &[("egyptian", Months::Egyptian), ("levantine", Months::Levantine), ("maghrebi", Months::Maghrebi)];
}

impl Lang {
    /// The language of the locale, as POSIX picks the locale for messages: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty. `ar`, `ar_EG.UTF-8`,
    /// `ar-SA`… give Arabic; anything else English.
    pub fn from_locale(env: &dyn Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| env(k).filter(|v| !v.is_empty()));
        match locale {
            Some(l)
                if l.strip_prefix("ar")
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['_', '.', '@', '-'])) =>
            {
                Lang::Ar
            }
            _ => Lang::En,
        }
    }
}

/// The interface choices, each unset until the command line or the config sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InterfaceChoices {
    pub lang: Option<Lang>,
    pub digits: Option<Digits>,
    pub months: Option<Months>,
}

impl InterfaceChoices {
    /// These choices, each one that is not given taken from `fallback` (the config file).
    pub fn or(self, fallback: InterfaceChoices) -> InterfaceChoices {
        InterfaceChoices {
            lang: self.lang.or(fallback.lang),
            digits: self.digits.or(fallback.digits),
            months: self.months.or(fallback.months),
        }
    }

    /// The interface: what was chosen, the language else from the locale.
    pub fn resolve(self, env: &dyn Fn(&str) -> Option<String>) -> Interface {
        Interface {
            lang: self.lang.unwrap_or_else(|| Lang::from_locale(env)),
            digits: self.digits.unwrap_or_default(),
            months: self.months,
        }
    }
}

/// How the interface speaks: its language, its digits, its month names (`None`: each story's
/// own, else Egyptian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Interface {
    pub lang: Lang,
    pub digits: Digits,
    pub months: Option<Months>,
}

impl Interface {
    pub fn arabic() -> Interface {
        Interface { lang: Lang::Ar, ..Interface::default() }
    }

    /// Whether the interface runs right to left (panes mirrored).
    pub fn rtl(&self) -> bool {
        self.lang == Lang::Ar
    }

    pub fn text(&self, m: Msg) -> &'static str {
        match self.lang {
            Lang::Ar => ar::text(m),
            Lang::En => en::text(m),
        }
    }

    /// A template with its `{name}` parameters filled in.
    pub fn fill(&self, m: Msg, args: &[(&str, &str)]) -> String {
        fill(self.text(m), args)
    }

    /// A whole number as the interface writes it: grouped, in its digits.
    pub fn number(&self, n: impl ToString) -> String {
        grouped(&n.to_string(), self.digits)
    }

    /// `n` of a noun, in the plural form the language gives `n`: رقم واحد، رقمان، 3 أرقام.
    pub fn count(&self, c: Counted, n: usize) -> String {
        let template = match self.lang {
            Lang::Ar => ar::counted(c, plural::arabic(n as u64)),
            Lang::En => en::counted(c, plural::english(n as u64)),
        };
        fill(template, &[("n", &self.number(n))])
    }

    pub fn percent(&self, n: usize) -> String {
        percent(n, self.digits)
    }

    /// A word of the extractor's vocabulary (`killed`, `more_than`, `USD`, `friday`) in the
    /// interface's language; anything else (an Arabic noun) as it is.
    pub fn term<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match (self.lang, ar::term(word)) {
            (Lang::Ar, Some(t)) => Cow::Borrowed(t),
            _ if word.contains('_') => Cow::Owned(word.replace('_', " ")),
            _ => Cow::Borrowed(word),
        }
    }

    /// A date the extractor or the parser wrote in ISO 8601 (`2024-11-01`, `2025-03`, `2022`,
    /// `--05-10`, `--04`). English keeps ISO; Arabic writes `1 نوفمبر 2024` with `months`.
    pub fn date(&self, iso: &str, months: Months, hijri: bool) -> String {
        if self.lang == Lang::En {
            return with_digits(iso, self.digits);
        }
        let (year, rest) = match iso.strip_prefix("--") {
            Some(rest) => (None, rest),
            None => match iso.split_once('-') {
                Some((y, rest)) => (Some(y), rest),
                None => (Some(iso), ""),
            },
        };
        let mut parts = rest.split('-').filter(|p| !p.is_empty());
        let month = parts.next().map(|m| m.parse::<u32>().ok().and_then(|m| month_name(m, months, hijri)));
        let day = parts.next().and_then(|d| d.parse::<u32>().ok());
        let month = match month {
            Some(Some(name)) => Some(name),
            Some(None) => return with_digits(iso, self.digits),
            None => None,
        };
        let mut out: Vec<String> = Vec::new();
        out.extend(day.map(|d| with_digits(&d.to_string(), self.digits)));
        out.extend(month.map(str::to_string));
        out.extend(year.map(|y| with_digits(y, self.digits)));
        let mut text = out.join(" ");
        if hijri {
            text.push_str(" هـ");
        }
        text
    }

    /// The value of a figure: numbers grouped, dates with month names, weekdays named.
    pub fn figure_value(&self, f: &Figure, months: Months) -> String {
        match &f.value {
            FigureValue::Int(v) => self.number(v),
            FigureValue::Float(v) => self.number(v),
            FigureValue::Text(t) => match f.kind {
                FigureKind::Date => self.date(t, months, f.calendar.as_deref() == Some("hijri")),
                FigureKind::Weekday => self.term(t).into_owned(),
                _ => with_digits(t, self.digits),
            },
        }
    }

    /// The singular name of a kind of figure.
    pub fn kind_name(&self, kind: FigureKind) -> &'static str {
        self.text(match kind {
            FigureKind::Count => Msg::FigureCount,
            FigureKind::Approx => Msg::FigureApprox,
            FigureKind::Percent => Msg::FigurePercent,
            FigureKind::Money => Msg::FigureMoney,
            FigureKind::Date => Msg::FigureDate,
            FigureKind::Time => Msg::FigureTime,
            FigureKind::Weekday => Msg::FigureWeekday,
            FigureKind::Ordinal => Msg::FigureOrdinal,
            FigureKind::Duration => Msg::FigureDuration,
            FigureKind::Quantity => Msg::FigureQuantity,
        })
    }
}

/// `template` with each `{name}` replaced by its value; an unknown `{…}` is left as it is.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(n, _)| *n == name) => {
                out.push_str(args.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| *v));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` parameters a template takes, in order.
pub fn parameters(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests;
