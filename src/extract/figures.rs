//! Figures: every number in a text with what it means (see DESIGN.md, `extract` JSON).

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::article::dates::{iso_date, month_at, Calendar};

use super::lexicon::*;
use super::numbers::{number_at, number_word, NumWord};
use super::tokens::{tokenize, Kind, Token};
use super::{Figure, FigureKind, FigureValue};

/// The clitics a word may carry before its stem, longest first.
const PREFIXES: &[&str] = &["وبال", "ولل", "وال", "وب", "ول", "وك", "و"];

/// `key` and its stems with clitics set aside (لل restores the article: للهند → الهند).
pub fn stems(key: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    // every clitic starts with one of these letters: most words need no prefix test at all
    // the clitics a word can carry, by its first letter (most words need no test at all)
    let prefixes: &[&str] = match key.chars().next() {
        Some('و') => PREFIXES,
        Some('ف') => &["فال", "فب", "ف"],
        Some('ب') => &["بال", "ب"],
        Some('ل') => &["لل", "ل"],
        Some('ك') => &["كال", "ك"],
        _ => &[],
    };
    std::iter::once(Cow::Borrowed(key)).chain(prefixes.iter().filter_map(move |p| {
        let rest = key.strip_prefix(p)?;
        rest.chars().nth(1)?; // a stem of one letter is no word
        Some(if p.ends_with("لل") || p.ends_with("ال") {
            Cow::Owned(format!("ال{rest}"))
        } else {
            Cow::Borrowed(rest)
        })
    }))
}

/// A word list looked up by hashing, built on first use (the lists are read per token).
pub struct Table<T: 'static> {
    list: &'static [(&'static str, T)],
    map: OnceLock<FxHashMap<&'static str, T>>,
}

impl<T: Copy> Table<T> {
    pub const fn new(list: &'static [(&'static str, T)]) -> Table<T> {
        Table { list, map: OnceLock::new() }
    }

    pub fn get(&self, key: &str) -> Option<T> {
        self.map.get_or_init(|| self.list.iter().copied().collect()).get(key).copied()
    }

    /// The value of the first stem of `key` (clitics set aside) that is in the list.
    pub fn get_stem(&self, key: &str) -> Option<T> {
        stems(key).find_map(|s| self.get(&s))
    }
}

static LABELS: Table<&str> = Table::new(LABEL_NOUNS);
static EVENTS: Table<&str> = Table::new(EVENT_NOUNS);
static TIME: Table<&str> = Table::new(TIME_UNITS);
static DUAL_TIME: Table<&str> = Table::new(DUAL_TIME_UNITS);
static MEASURES: Table<&str> = Table::new(MEASURE_UNITS);
static APPROXIMATE: Table<u64> = Table::new(APPROX);
static WEEKDAY_NAMES: Table<&str> = Table::new(WEEKDAYS);
static ORDINAL_WORDS: Table<u64> = Table::new(ORDINALS);
static ORDINAL_NOUNS: Table<&str> = Table::new(ORDINAL_LABELS);

/// What the reader works on: the paragraph's tokens and which are already taken by a figure.
struct Reader<'a> {
    chars: &'a [char],
    tokens: Vec<Token>,
    taken: Vec<bool>,
    /// Tokens some figure can start with (digits, marks, listed words): every other token is
    /// passed over by the word-reading passes at once.
    interesting: Vec<bool>,
    published: Option<(u32, u32)>,
    figures: Vec<Figure>,
}

/// Every word (folded, without clitics) that a figure can start with.
fn figure_words() -> &'static FxHashSet<String> {
    static WORDS: OnceLock<FxHashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: FxHashSet<String> = super::numbers::all_number_words().into_iter().collect();
        // the tatweel article (الـ391) and the first words of compound ordinals (الحادي عشر)
        let starters =
            ["ال", "لل", "بال", "وال", "فال", "كال", "ولل", "احد", "احدي", "اثني", "اثنا", "واحد", "حادي", "ثان"];
        words.extend(starters.iter().map(|w| w.to_string()));
        words.extend(crate::article::dates::month_first_words().map(String::from));
        for list in [WEEKDAYS, DUAL_TIME_UNITS] {
            words.extend(list.iter().map(|(w, _)| w.to_string()));
        }
        words.extend(APPROX.iter().map(|(w, _)| w.to_string()));
        words.extend(ORDINALS.iter().map(|(w, _)| w.to_string()));
        // with the article and the feminine ending, so a token needs one look-up a stem
        let bare: Vec<String> = words.iter().cloned().collect();
        for w in bare {
            words.insert(format!("ال{w}"));
            words.insert(format!("{w}ه"));
            words.insert(format!("ال{w}ه"));
        }
        words
    })
}

/// The quick first test: could a figure start at this token?
fn may_start_a_figure(t: &Token) -> bool {
    if !t.is_word() || t.key.is_ascii() {
        return true;
    }
    let words = figure_words();
    stems(&t.key).any(|s| words.contains(s.as_ref()))
}

/// All figures of one text, in reading order. `published` (ISO date) resolves الماضي/المقبل.
pub fn figures_in(text: &str, published: Option<&str>) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text);
    let published = published.and_then(|p| {
        let mut parts = p.split('-');
        Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
    });
    let interesting = tokens.iter().map(may_start_a_figure).collect();
    let mut r =
        Reader { chars: &chars, taken: vec![false; tokens.len()], interesting, tokens, published, figures: Vec::new() };
    r.numeric_dates_and_times();
    r.month_dates();
    r.weekdays();
    r.ordinals();
    r.numbers();
    r.approximations();
    r.dual_durations();
    r.figures.sort_by_key(|f| f.start);
    r.figures
}

impl Reader<'_> {
    fn key(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.key.as_str())
    }

    fn free(&self, range: std::ops::Range<usize>) -> bool {
        range.end <= self.tokens.len() && self.taken[range].iter().all(|t| !t)
    }

    /// Tokens i and i+1 touch (no space between).
    fn adjacent(&self, i: usize) -> bool {
        self.tokens.get(i + 1).is_some_and(|t| !t.space_before)
    }

    fn word_text(&self, i: usize) -> String {
        let t = &self.tokens[i];
        self.chars[t.start..t.end]
            .iter()
            .filter(|&&c| !crate::arabic::is_haraka(c) && c != crate::arabic::TATWEEL)
            .collect()
    }

    fn push(&mut self, kind: FigureKind, value: FigureValue, tokens: std::ops::Range<usize>, extra: Extra) {
        let (start, end) = (self.tokens[tokens.start].start, self.tokens[tokens.end - 1].end);
        self.taken[tokens].iter_mut().for_each(|t| *t = true);
        self.figures.push(Figure {
            kind,
            value,
            text: self.chars[start..end].iter().collect(),
            label: extra.label,
            qualifier: extra.qualifier.map(String::from),
            unit: extra.unit.map(String::from),
            currency: extra.currency.map(String::from),
            calendar: extra.calendar.map(String::from),
            paragraph: 0,
            start,
            end,
        });
    }

    /// `07/10/2023`, `2023-10-07`, `23:11`, `11:11 ليلا`.
    fn numeric_dates_and_times(&mut self) {
        let n = self.tokens.len();
        for i in 0..n {
            if !self.free(i..i + 1) || self.tokens[i].number().is_none() {
                continue;
            }
            // d/m/y or y-m-d: five touching tokens
            if i + 4 < n && self.free(i..i + 5) && (0..4).all(|k| self.adjacent(i + k)) {
                let (a, s1, b, s2, c) = (
                    &self.tokens[i],
                    &self.tokens[i + 1],
                    &self.tokens[i + 2],
                    &self.tokens[i + 3],
                    &self.tokens[i + 4],
                );
                let same_sep = matches!(s1.kind, Kind::Mark('/' | '-' | '.')) && s1.key == s2.key;
                if let (true, Some(x), Some(y), Some(z)) = (same_sep, a.number(), b.number(), c.number()) {
                    let digits = |t: &Token| {
                        if let Kind::Number { int_digits, .. } = t.kind {
                            int_digits
                        } else {
                            0
                        }
                    };
                    let (year, month, day) = if digits(a) == 4 {
                        (x, y, z)
                    } else if digits(c) == 4 {
                        (z, y, x)
                    } else {
                        (0.0, 0.0, 0.0)
                    };
                    if year > 0.0 && (1.0..=12.0).contains(&month) && (1.0..=31.0).contains(&day) {
                        if let Some(iso) = iso_date(Some(year as u32), Some(month as u32), Some(day as u32)) {
                            self.push(FigureKind::Date, FigureValue::Text(iso), i..i + 5, Extra::default());
                            continue;
                        }
                    }
                }
            }
            // hh:mm with an optional part of the day
            if i + 2 < n
                && self.free(i..i + 3)
                && self.adjacent(i)
                && self.adjacent(i + 1)
                && self.tokens[i + 1].is_mark(':')
            {
                let (h, m) = (self.tokens[i].number().unwrap_or(99.0), self.tokens[i + 2].number().unwrap_or(99.0));
                let two_digits = matches!(self.tokens[i + 2].kind, Kind::Number { int_digits: 2, .. });
                if h.fract() == 0.0 && m.fract() == 0.0 && h <= 24.0 && m < 60.0 && two_digits {
                    let mut hour = h as u32;
                    let mut end = i + 3;
                    let period = self.key(end).to_string();
                    let evening = ["مساء", "مساءا", "ليلا", "عصرا", "م", "بالليل"].contains(&period.as_str());
                    let noon = period == "ظهرا";
                    let morning = ["صباحا", "فجرا", "ص"].contains(&period.as_str());
                    if evening || noon || morning {
                        end += 1;
                        if (evening && hour < 12) || (noon && (1..=6).contains(&hour)) {
                            hour += 12;
                        }
                        if morning && hour == 12 {
                            hour = 0;
                        }
                    }
                    let value = format!("{:02}:{:02}", hour % 24, m as u32);
                    self.push(FigureKind::Time, FigureValue::Text(value), i..end, Extra::default());
                }
            }
        }
    }

    /// Dates around a month name: `7 أكتوبر 2023`, `السابع من أكتوبر`, `مارس 2025`,
    /// `أبريل الماضي`, `في مايو`, `15 رمضان 1445 هـ`.
    fn month_dates(&mut self) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            let Some((month, used, calendar, month_start)) = self.month_here(i) else {
                i += 1;
                continue;
            };
            let after = i + used;
            // the day before: a number, or an ordinal word, with or without من
            let mut start = month_start;
            let mut day = None;
            let before = if i > 0 && self.key(i - 1) == "من" { i.checked_sub(2) } else { i.checked_sub(1) };
            if let Some(b) = before.filter(|&b| self.free(b..b + 1)) {
                let t = &self.tokens[b];
                if let Some(d) = t.number().filter(|d| d.fract() == 0.0 && (1.0..=31.0).contains(d)) {
                    day = Some(d as u32);
                    start = b;
                } else if let Some((d, s)) = self.ordinal_word_at(b).filter(|(_, e)| *e == b + 1).map(|(d, _)| (d, b)) {
                    if (1..=31).contains(&d) && self.key(i - 1) == "من" {
                        day = Some(d as u32);
                        start = s;
                    }
                }
            }
            // the year after, or a relative word
            let mut end = after;
            let mut year = None;
            let mut relative = None;
            let mut calendar = calendar;
            if let Some(t) = self.tokens.get(after) {
                if let Some(y) = t.number().filter(|y| y.fract() == 0.0 && (600.0..=2999.0).contains(y)) {
                    if self.free(after..after + 1) {
                        year = Some(y as u32);
                        end = after + 1;
                        match self.key(end) {
                            "هـ" | "ه" | "هجري" | "هجريه" => {
                                calendar = Calendar::Hijri;
                                end += 1;
                            }
                            "م" | "ميلادي" | "ميلاديه" => end += 1,
                            _ => {}
                        }
                    }
                } else if RELATIVE_PAST.contains(&t.key.as_str()) {
                    relative = Some(-1);
                    end = after + 1;
                } else if RELATIVE_NEXT.contains(&t.key.as_str()) {
                    relative = Some(1);
                    end = after + 1;
                } else if RELATIVE_THIS.contains(&t.key.as_str()) {
                    relative = Some(0);
                    end = after + 1;
                }
            }
            let lead = i > 0 && stems(self.key(i - 1)).any(|s| DATE_LEADS.contains(&s.as_ref()));
            let has_context = day.is_some()
                || year.is_some()
                || relative.is_some()
                || (lead && calendar == Calendar::Gregorian)
                || (calendar == Calendar::Hijri && self.key(i.wrapping_sub(1)) == "شهر");
            if !has_context {
                // a month name with nothing to fix it is not a figure, but its words are not numbers either
                if used > 1 {
                    self.taken[i..after].iter_mut().for_each(|t| *t = true);
                }
                i = after;
                continue;
            }
            if let (None, Some(rel), Some((py, pm)), Calendar::Gregorian) = (year, relative, self.published, calendar) {
                year = Some(match rel {
                    -1 if month < pm => py,
                    -1 => py - 1,
                    1 if month > pm => py,
                    1 => py + 1,
                    _ => py,
                });
            }
            if let Some(iso) = iso_date(year, Some(month), day) {
                let extra = Extra { calendar: (calendar == Calendar::Hijri).then_some("hijri"), ..Extra::default() };
                self.push(FigureKind::Date, FigureValue::Text(iso), start..end, extra);
            }
            i = end;
        }
        // bare years: في 2022، عام 2022
        for i in 1..n {
            let Some(y) = self.tokens[i].number() else {
                continue;
            };
            let plain = matches!(self.tokens[i].kind, Kind::Number { int_digits: 4, grouped: false, .. });
            if plain && y.fract() == 0.0 && (1800.0..=2100.0).contains(&y) && self.free(i..i + 1) {
                let lead = stems(self.key(i - 1)).any(|s| DATE_LEADS.contains(&s.as_ref()));
                if lead && !self.is_label_noun(i + 1) {
                    self.push(FigureKind::Date, FigureValue::Text(format!("{}", y as u32)), i..i + 1, Extra::default());
                }
            }
        }
    }

    /// A month name at token i (clitics allowed on its first word).
    fn month_here(&self, i: usize) -> Option<(u32, usize, Calendar, usize)> {
        if !self.interesting[i] || !self.free(i..i + 1) || !self.tokens[i].is_word() {
            return None;
        }
        let second = self.key(i + 1).to_string();
        for stem in stems(self.key(i)).take(6) {
            if let Some((m, used, cal)) = month_at(&[stem.as_ref(), second.as_str()], true) {
                if self.free(i..i + used) {
                    return Some((m, used, cal, i));
                }
            }
        }
        None
    }

    /// `اليوم الجمعة`, `ليلة الجمعة`, `(الثلاثاء)`, `الخميس الماضي`.
    fn weekdays(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.interesting[i] || !self.free(i..i + 1) {
                continue;
            }
            let Some(day) = stems(self.key(i)).take(4).find_map(|s| WEEKDAY_NAMES.get(&s)) else {
                continue;
            };
            let lead =
                i > 0 && self.free(i - 1..i) && stems(self.key(i - 1)).any(|s| WEEKDAY_LEADS.contains(&s.as_ref()));
            let bracketed =
                i > 0 && self.tokens[i - 1].is_mark('(') && self.tokens.get(i + 1).is_some_and(|t| t.is_mark(')'));
            let next = self.key(i + 1);
            let fixed = RELATIVE_PAST.contains(&next) || RELATIVE_NEXT.contains(&next) || next == "الموافق";
            let dated = self.tokens.get(i + 1).is_some_and(|t| t.number().is_some())
                || self.tokens.get(i + 1).is_some_and(|t| t.is_mark('،'));
            if lead || bracketed || fixed || (dated && self.key(i + 1) != "عشر") {
                let start = if lead { i - 1 } else { i };
                let end = if fixed { i + 2 } else { i + 1 };
                self.push(FigureKind::Weekday, FigureValue::Text(day.to_string()), start..end, Extra::default());
            }
        }
    }

    /// An ordinal word phrase at token i: (value, end token).
    fn ordinal_word_at(&self, i: usize) -> Option<(u64, usize)> {
        let key = self.key(i);
        let unit = |k: &str| -> Option<u64> {
            let bare = k.strip_prefix("ال").unwrap_or(k);
            ORDINAL_WORDS.get(bare).or_else(|| bare.strip_suffix('ه').and_then(|b| ORDINAL_WORDS.get(b)))
        };
        let definite = key.starts_with("ال") || key.starts_with("لل") || key.starts_with("بال");
        let core = stems(key)
            .find(|s| unit(s).is_some() || matches!(s.as_ref(), "الاحد" | "الاحدي" | "الاثني" | "الاثنا" | "الواحد"));
        if let Some(core) = core {
            let u = unit(&core).unwrap_or(match core.as_ref() {
                "الاثني" | "الاثنا" => 2,
                _ => 1,
            });
            // teens: الحادي عشر، الثالثة عشرة
            if matches!(self.key(i + 1), "عشر" | "عشره") {
                return Some((10 + u, i + 2));
            }
            // compounds: الحادي والعشرون، الخامس و العشرين
            let (k, tens_key) =
                if self.key(i + 1) == "و" { (i + 2, self.key(i + 2)) } else { (i + 1, self.key(i + 1)) };
            let tens_key = tens_key.strip_prefix('و').filter(|_| k == i + 1).unwrap_or(tens_key);
            if let Some(tens) = tens_key.strip_prefix("ال").and_then(number_word).and_then(|(w, _)| match w {
                NumWord::Tens(t) => Some(t),
                _ => None,
            }) {
                if definite || core.starts_with("ال") {
                    return Some((u + tens, k + 1));
                }
            }
            if matches!(core.as_ref(), "الاحد" | "الاحدي" | "الاثني" | "الاثنا" | "الواحد")
            {
                return None; // only ordinals inside 11, 12, 21…
            }
            // ثانية alone is "a second"
            if core == "ثانيه" {
                return None;
            }
            return Some((u, i + 1));
        }
        // المئة after a noun: the hundredth (هدفه المئة); after a number or في it is a percent
        if matches!(key, "المايه" | "الميه") {
            let prev = i.checked_sub(1).map(|p| &self.tokens[p]);
            let noun_before = prev.is_some_and(|t| t.is_word() && t.key != "في" && number_word(&t.key).is_none());
            return noun_before.then_some((100, i + 1));
        }
        // العشرون، التسعين
        let tens = key.strip_prefix("ال").and_then(bare_tens)?;
        Some((tens, i + 1))
    }

    /// `الـ391`, `الـ 27`, `للمرة الثالثة`, `الحادي والعشرين`.
    fn ordinals(&mut self) {
        let n = self.tokens.len();
        for i in 0..n {
            if !self.interesting[i] || !self.free(i..i + 1) {
                continue;
            }
            let t = &self.tokens[i];
            let tatweel_article = t.is_word()
                && ["ال", "لل", "بال", "وال", "فال", "كال", "ولل"].contains(&t.key.as_str())
                && self.chars[t.end - 1] == crate::arabic::TATWEEL;
            if tatweel_article {
                if let Some(v) =
                    self.tokens.get(i + 1).and_then(Token::number).filter(|v| v.fract() == 0.0 && *v >= 1.0)
                {
                    if self.free(i + 1..i + 2) {
                        let extra = Extra { label: self.ordinal_label(i), ..Extra::default() };
                        self.push(FigureKind::Ordinal, FigureValue::Int(v as i64), i..i + 2, extra);
                    }
                }
                continue;
            }
            // الدقيقة 42، الجولة 5: the number ranks the noun before it
            let ranked_noun = i > 0
                && self.tokens[i].space_before
                && matches!(self.tokens[i].kind, Kind::Number { grouped: false, .. })
                && stems(self.key(i - 1)).any(|s| {
                    s.strip_prefix("ال").is_some_and(|n| ["دقيقه", "جوله", "مرحله", "دوره", "شوط", "حلقه"].contains(&n))
                });
            if let (true, Some(v)) = (ranked_noun && self.free(i - 1..i), self.tokens[i].number()) {
                if v.fract() == 0.0 && v >= 1.0 {
                    let extra = Extra { label: self.ordinal_label(i), ..Extra::default() };
                    self.push(FigureKind::Ordinal, FigureValue::Int(v as i64), i - 1..i + 1, extra);
                    continue;
                }
            }
            if let Some((v, end)) = self.ordinal_word_at(i) {
                if self.free(i..end) {
                    let extra = Extra { label: self.ordinal_label(i), ..Extra::default() };
                    self.push(FigureKind::Ordinal, FigureValue::Int(v as i64), i..end, extra);
                }
            }
        }
    }

    /// The noun an ordinal ranks, written before it: `يومها الـ391` → day.
    fn ordinal_label(&self, i: usize) -> Option<String> {
        let prev = i.checked_sub(1).filter(|&p| self.tokens[p].is_word())?;
        let key = self.key(prev);
        for stem in stems(key) {
            let bare = stem.strip_prefix("ال").unwrap_or(&stem);
            for suffix in ["", "ها", "ه", "هم", "هما"] {
                if let Some(core) = bare.strip_suffix(suffix) {
                    if let Some(label) = ORDINAL_NOUNS.get(core) {
                        return Some(label.to_string());
                    }
                }
            }
        }
        None
    }

    fn is_label_noun(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| LABELS.get(&t.key).is_some())
    }

    /// Numbers in digits or words, and what they are: percent, money, duration, quantity, count.
    fn numbers(&mut self) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            if !self.interesting[i] || !self.free(i..i + 1) {
                i += 1;
                continue;
            }
            let Some(phrase) = number_at(&self.tokens, i) else {
                i += 1;
                continue;
            };
            // بنتيجة 4-1: a match score counts nothing; its two numbers are no figures
            let after_result = i > 0 && stems(self.key(i - 1)).any(|s| s == "نتيجه");
            let score = after_result
                && self.adjacent(i)
                && self.tokens.get(i + 1).is_some_and(|t| t.is_mark('-'))
                && self.adjacent(i + 1)
                && self.tokens.get(i + 2).is_some_and(|t| t.number().is_some());
            if score {
                self.taken[i..i + 3].iter_mut().for_each(|t| *t = true);
                i += 3;
                continue;
            }
            if !self.free(phrase.start..phrase.end) {
                i += 1;
                continue;
            }
            // نصف النهائي، ربع النهائي: the semi- and quarter-finals; الربع الأول: a quarter of
            // the year. Not fractions.
            let next_key = self.key(phrase.end);
            let fraction = phrase.in_words && phrase.value < 1.0;
            if fraction
                && (next_key == "النهايي"
                    || (self.key(i).starts_with("ال") && self.ordinal_word_at(phrase.end).is_some()))
            {
                i = phrase.end;
                continue;
            }
            let mut value = phrase.value;
            let mut start = phrase.start;
            let mut end = phrase.end;
            // a sign touching the number, not a hyphen between two numbers
            if i > 0 && self.tokens[i - 1].is_mark('-') && !self.tokens[i].space_before && !phrase.in_words {
                let hyphen = i >= 2 && !self.tokens[i - 1].space_before && self.tokens[i - 2].number().is_some();
                if !hyphen {
                    value = -value;
                    start = i - 1;
                }
            }
            // a/b in Arabic-Indic digits with a power of ten below is a fraction (١١/١٠)
            if self.adjacent(i) && self.tokens.get(i + 1).is_some_and(|t| t.is_mark('/')) && self.adjacent(i + 1) {
                if let (Some(Kind::Number { native: true, .. }), Some(b)) =
                    (self.tokens.get(i + 2).map(|t| t.kind.clone()), self.tokens.get(i + 2).and_then(Token::number))
                {
                    if [10.0, 100.0, 1000.0].contains(&b) && phrase.end == i + 1 {
                        value = (value / b * 1e9).round() / 1e9;
                        end = i + 3;
                    }
                }
            }
            let mut extra = Extra::default();
            let mut kind = FigureKind::Count;
            // 4-1: a score or a range; what follows belongs to the pair, not to this number
            let paired = i >= 2
                && self.tokens[i - 1].is_mark('-')
                && !self.tokens[i].space_before
                && self.tokens[i - 2].number().is_some();
            let next = if paired { String::new() } else { self.key(end).to_string() };
            let sign_before = start > 0 && matches!(self.tokens[start - 1].kind, Kind::Mark('$' | '€' | '£'));
            if matches!(self.tokens.get(end).map(|t| &t.kind), Some(Kind::Mark('%' | '٪')))
                || (start > 0
                    && matches!(self.tokens[start - 1].kind, Kind::Mark('%' | '٪'))
                    && !self.tokens[start].space_before)
            {
                kind = FigureKind::Percent;
                if matches!(self.tokens.get(end).map(|t| &t.kind), Some(Kind::Mark('%' | '٪'))) {
                    end += 1;
                } else {
                    start -= 1;
                }
            } else if PERCENT_WORDS.contains(&next.as_str()) {
                kind = FigureKind::Percent;
                end += 1;
            } else if next == "في" && PERCENT_AFTER_FI.contains(&self.key(end + 1)) {
                kind = FigureKind::Percent;
                end += 2;
            } else if let Some((code, used)) = self.currency_at(end) {
                kind = FigureKind::Money;
                extra.currency = code;
                end += used;
            } else if sign_before || matches!(self.tokens.get(end).map(|t| &t.kind), Some(Kind::Mark('$' | '€' | '£')))
            {
                kind = FigureKind::Money;
                let at = if sign_before { start - 1 } else { end };
                extra.currency = match self.tokens[at].kind {
                    Kind::Mark('$') => Some("USD"),
                    Kind::Mark('€') => Some("EUR"),
                    _ => Some("GBP"),
                };
                if sign_before {
                    start -= 1
                } else {
                    end += 1
                }
            } else if let Some(unit) = TIME.get(&next) {
                kind = FigureKind::Duration;
                extra.unit = Some(unit);
                end += 1;
            } else if let Some(unit) = MEASURES.get(&next) {
                kind = FigureKind::Quantity;
                extra.unit = Some(unit);
                end += 1;
                if unit == "degree" && self.key(end) == "ميويه" {
                    extra.unit = Some("celsius");
                    end += 1;
                }
            }
            let (qualifier, q_start) = self.qualifier_before(start);
            extra.qualifier = qualifier;
            if let Some(q) = q_start {
                start = q;
            }
            if kind == FigureKind::Count {
                // a fraction is of something definite: ثلث السكان
                let fraction = phrase.in_words && value.fract() != 0.0 && value < 1.0;
                let (label, took_noun) = self.count_label(start, end, fraction);
                let noun = took_noun.then_some(end);
                if took_noun {
                    end += 1;
                }
                (extra.label, extra.unit) = self.outcome(start, end, noun, label);
                // القطار رقم 2011: a number that names, not counts
                if i > 0 && stems(self.key(i - 1)).any(|s| s == "رقم") {
                    i = end;
                    continue;
                }
                // ذكريات 2023، كأس العالم 2026: a year, when nothing is counted
                let year = matches!(self.tokens[i].kind, Kind::Number { int_digits: 4, grouped: false, .. })
                    && (1900.0..=2100.0).contains(&value)
                    && value.fract() == 0.0;
                if extra.label.is_none() && year && extra.qualifier.is_none() && phrase.end == i + 1 {
                    kind = FigureKind::Date;
                    self.push(kind, FigureValue::Text(format!("{}", value as u32)), start..end, extra);
                    i = end;
                    continue;
                }
            }
            if kind == FigureKind::Quantity && extra.unit == Some("degree") && self.is_magnitude(end) {
                extra.unit = Some("richter");
                while self.key(end) != "ريختر" && end < self.tokens.len() && self.is_richter_scale_word(end) {
                    end += 1;
                }
                if self.key(end) == "ريختر" {
                    end += 1;
                }
            }
            // تقريبا after the number, or after what it counts (ثلث السكان تقريبا)
            if self.key(end) == "تقريبا" && extra.qualifier.is_none() {
                extra.qualifier = Some("about");
                end += 1;
            }
            let value = if value.fract() == 0.0 && value.abs() < 9e15 {
                FigureValue::Int(value as i64)
            } else if phrase.in_words {
                // a third in words is 0.3333, not sixteen digits of it; digits keep their own
                FigureValue::Float((value * 1e4).round() / 1e4)
            } else {
                FigureValue::Float(value)
            };
            self.push(kind, value, start..end, extra);
            i = end;
        }
    }

    /// What befell those a count counts, from the words around it: families that fled are
    /// `displaced` with the unit `family`; houses, buildings and schools destroyed or damaged;
    /// people who lost their lives (`لقوا حتفهم`), went missing (`في عداد المفقودين`), fled,
    /// were hurt or detained, when the noun alone says only who they were. `lead..end` is the
    /// figure with its noun; `noun` the noun's token.
    fn outcome(
        &self,
        lead: usize,
        end: usize,
        noun: Option<usize>,
        label: Option<String>,
    ) -> (Option<String>, Option<&'static str>) {
        static OUTCOMES: Table<&str> = Table::new(OUTCOME_WORDS);
        static BUILDINGS: Table<&str> = Table::new(BUILDING_NOUNS);
        // the words of the clause around: three before, five after, not across a comma
        let before = (lead.saturating_sub(3)..lead).rev().take_while(|&k| self.tokens[k].is_word());
        let after = (end..(end + 5).min(self.tokens.len())).take_while(|&k| self.tokens[k].is_word());
        let window: Vec<usize> = after.chain(before).collect();
        let noun_key = noun.map(|n| self.key(n)).unwrap_or("");
        if let Some(unit) = BUILDINGS.get(noun_key) {
            let any = |list: &[&str]| window.iter().any(|&k| stems(self.key(k)).any(|s| list.contains(&s.as_ref())));
            return if any(DAMAGED_WORDS) {
                (Some("damaged".into()), Some(unit))
            } else if any(DESTROYED_WORDS) {
                (Some("destroyed".into()), Some(unit))
            } else {
                (label, None)
            };
        }
        let missing = window.iter().any(|&k| self.key(k) == "عداد" && self.key(k + 1) == "المفقودين");
        let outcome = if missing {
            Some("missing")
        } else {
            window.iter().find_map(|&k| stems(self.key(k)).take(4).find_map(|s| OUTCOMES.get(&s)))
        };
        if FAMILY_NOUNS.contains(&noun_key) {
            let displaced = label.as_deref() == Some("displaced") || outcome == Some("displaced");
            return (if displaced { Some("displaced".into()) } else { label }, Some("family"));
        }
        // what the noun says of those counted gives way to what befell them: words after the
        // noun (12 طفلا توفوا) outrank any plain noun, words before it only a noun of no
        // vocabulary (وأصيب 23 آخرون; نزح آلاف المدنيين stays people)
        let after_outcome = if missing {
            outcome
        } else {
            (end..(end + 5).min(self.tokens.len()))
                .take_while(|&k| self.tokens[k].is_word())
                .find_map(|k| stems(self.key(k)).take(4).find_map(|s| OUTCOMES.get(&s)))
        };
        let vocabulary = label.as_deref().is_some_and(|l| matches!(l, "people" | "children" | "soldiers"));
        let plain_noun = label.as_deref().is_none_or(|l| !l.is_ascii());
        match (after_outcome, outcome) {
            (Some(o), _) if vocabulary || plain_noun => (Some(o.to_string()), None),
            (_, Some(o)) if plain_noun => (Some(o.to_string()), None),
            _ => (label, None),
        }
    }

    /// A magnitude on the Richter scale: `بقوة 5.9 درجات على مقياس ريختر`.
    fn is_magnitude(&self, end: usize) -> bool {
        // the scale must be named: a bare زلزال بقوة 6 درجات keeps its degrees
        (end..(end + 4).min(self.tokens.len())).any(|k| self.key(k) == "ريختر")
    }

    fn is_richter_scale_word(&self, k: usize) -> bool {
        matches!(self.key(k), "علي" | "مقياس" | "سلم")
    }

    /// A currency word at token i with its adjective: (ISO code, tokens used).
    fn currency_at(&self, i: usize) -> Option<(Option<&'static str>, usize)> {
        let key = self.key(i);
        let (_, default, adjectives) = CURRENCIES.iter().find(|(words, _, _)| words.contains(&key))?;
        let adj = self.key(i + 1);
        let adj = adj.strip_prefix("ال").unwrap_or(adj);
        let adj = adj.strip_suffix('ا').unwrap_or(adj);
        let adj_fem = adj.strip_suffix('ه').unwrap_or(adj);
        match adjectives.iter().find(|(a, _)| *a == adj || *a == adj_fem || a.strip_suffix('ه') == Some(adj)) {
            Some(&(_, code)) => Some((Some(code), 2)),
            None => Some((*default, 1)),
        }
    }

    /// What a number counts: the event noun before it wins (`مقتل 26 شخصا` → killed), else the
    /// noun after it (`43204 شهداء`). Returns the label and whether the noun after was used.
    /// `lead` is the figure's first token, its qualifier included.
    fn count_label(&self, lead: usize, end: usize, definite_ok: bool) -> (Option<String>, bool) {
        let before = lead.checked_sub(1);
        let event = before.and_then(|b| EVENTS.get_stem(self.key(b)));
        let Some(next) = self.tokens.get(end).filter(|t| t.is_word() && t.space_before && self.free(end..end + 1))
        else {
            return (event.map(String::from), false);
        };
        let key = next.key.as_str();
        // حالة وفاة، حالات إصابة: the noun after "case" says what is counted
        if matches!(key, "حاله" | "حالات") {
            if let Some(label) = self.tokens.get(end + 1).and_then(|t| LABELS.get(&t.key)) {
                return (Some(event.unwrap_or(label).to_string()), true);
            }
        }
        if NOT_NOUNS.contains(&key)
            || FUNCTION_WORDS.contains(&key)
            || number_word(key).is_some()
            || month_at(&[key], true).is_some()
        {
            return (event.map(String::from), false);
        }
        let vocab =
            LABELS.get(key).or_else(|| key.strip_prefix("ال").filter(|_| definite_ok).and_then(|k| LABELS.get(k)));
        if let Some(label) = event.or(vocab) {
            let noun_is_label = vocab.is_some() || !key.starts_with("ال") || definite_ok;
            return (Some(label.to_string()), noun_is_label);
        }
        if key.starts_with("ال") && !definite_ok {
            return (None, false);
        }
        if key.chars().count() < 2 || !key.chars().all(crate::arabic::is_arabic_letter) {
            return (None, false);
        }
        (Some(self.word_text(end)), true)
    }

    /// A qualifier ending right before token `start`: (qualifier, its first token).
    fn qualifier_before(&self, start: usize) -> (Option<&'static str>, Option<usize>) {
        type ByLastWord = FxHashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>;
        static BY_LAST_WORD: OnceLock<ByLastWord> = OnceLock::new();
        let by_last = BY_LAST_WORD.get_or_init(|| {
            let mut map: ByLastWord = FxHashMap::default();
            for &(phrase, q) in QUALIFIERS.iter().filter(|(p, _)| *p != "تقريبا") {
                let words: Vec<&'static str> = phrase.split(' ').collect();
                map.entry(words[words.len() - 1]).or_default().push((words, q));
            }
            map
        });
        let Some(candidates) = start.checked_sub(1).and_then(|last| {
            let key = self.key(last);
            by_last
                .get(key)
                .or_else(|| key.strip_prefix('و').and_then(|k| by_last.get(k)))
                .or_else(|| key.strip_prefix('ب').and_then(|k| by_last.get(k)))
        }) else {
            return (None, None);
        };
        let mut best: Option<(&'static str, usize)> = None;
        for (words, q) in candidates {
            let q = *q;
            if words.len() > start {
                continue;
            }
            let first = start - words.len();
            let matches = words.iter().enumerate().all(|(k, w)| {
                let key = self.key(first + k);
                key == *w || (k == 0 && [key.strip_prefix('و'), key.strip_prefix('ب')].contains(&Some(*w)))
            });
            if matches && self.free(first..start) && best.is_none_or(|(_, b)| first < b) {
                best = Some((q, first));
            }
        }
        (best.map(|b| b.0), best.map(|b| b.1))
    }

    /// عشرات، مئات، آلاف، ملايين (and عشرات الآلاف): how many, roughly, and of what.
    fn approximations(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.interesting[i] || !self.free(i..i + 1) {
                continue;
            }
            let Some(base) = stems(self.key(i))
                .take(8)
                .find_map(|s| APPROXIMATE.get(&s).or_else(|| s.strip_prefix("ال").and_then(|s| APPROXIMATE.get(s))))
            else {
                continue;
            };
            let mut value = base;
            let mut end = i + 1;
            if let Some(m) = self.key(end).strip_prefix("ال").and_then(|k| APPROXIMATE.get(k)).filter(|&m| m > base) {
                value *= m;
                end += 1;
            }
            let after_of = if self.key(end) == "من" { end + 1 } else { end };
            let (qualifier, q_start) = self.qualifier_before(i);
            let (label, took) = self.count_label(q_start.unwrap_or(i), after_of, true);
            let end = if took { after_of + 1 } else { end };
            let (label, unit) = self.outcome(q_start.unwrap_or(i), end, took.then_some(after_of), label);
            let extra = Extra { label, qualifier, unit, ..Extra::default() };
            self.push(FigureKind::Approx, FigureValue::Int(value as i64), q_start.unwrap_or(i)..end, extra);
        }
    }

    /// يومين، عامين: a duration of two with the number in the noun.
    fn dual_durations(&mut self) {
        for i in 0..self.tokens.len() {
            if !self.interesting[i] || !self.free(i..i + 1) {
                continue;
            }
            let unit = stems(self.key(i)).take(6).find_map(|s| DUAL_TIME.get(&s));
            if let Some(unit) = unit {
                let extra = Extra { unit: Some(unit), ..Extra::default() };
                self.push(FigureKind::Duration, FigureValue::Int(2), i..i + 1, extra);
            }
        }
    }
}

fn bare_tens(key: &str) -> Option<u64> {
    match number_word(key)? {
        (NumWord::Tens(t), false) => Some(t),
        _ => None,
    }
}

#[derive(Default)]
struct Extra {
    label: Option<String>,
    qualifier: Option<&'static str>,
    unit: Option<&'static str>,
    currency: Option<&'static str>,
    calendar: Option<&'static str>,
}
