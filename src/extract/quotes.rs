//! Quotations and who said them.

use super::entities::{find, surface};
use super::figures::stems;
use super::tokens::{tokenize, Token};
use super::Quote;

/// Reporting verbs (folded, masculine; the feminine adds ت).
const SPEECH_VERBS: &[&str] = &[
    "قال",
    "اكد",
    "اضاف",
    "اشار",
    "صرح",
    "اوضح",
    "ذكر",
    "اعلن",
    "شدد",
    "تابع",
    "لفت",
    "اعتبر",
    "كتب",
    "ختم",
    "قالت",
    "اكدت",
    "اضافت",
    "اشارت",
    "صرحت",
    "اوضحت",
    "ذكرت",
    "اعلنت",
    "شددت",
    "تابعت",
    "لفتت",
    "اعتبرت",
    "كتبت",
    "يقول",
    "تقول",
    "يؤكد",
    "نقل",
    "نقلت",
    "حذر",
    "حذرت",
    "طالب",
    "طالبت",
];

const OPENERS: &[char] = &['“', '”', '«', '"', '„'];

fn closer_for(open: char) -> &'static [char] {
    match open {
        '«' => &['»'],
        _ => &['”', '“', '"'],
    }
}

fn is_speech_verb(key: &str) -> bool {
    SPEECH_VERBS.iter().any(|v| stems(key).take(4).any(|s| s == *v))
}

/// Quotes of at least three words in one paragraph. `last_speaker` carries the speaker from one
/// quote to the next (وأضاف أن “…” continues the same voice).
pub fn quotes_in(
    text: &str,
    paragraph: i64,
    known: &std::collections::HashSet<String>,
    last_speaker: &mut Option<String>,
) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !OPENERS.contains(&chars[i]) {
            i += 1;
            continue;
        }
        let closers = closer_for(chars[i]);
        let Some(len) = chars[i + 1..].iter().position(|c| closers.contains(c)) else {
            break;
        };
        let (open, close) = (i, i + 1 + len);
        let inner: String = chars[open + 1..close].iter().collect();
        i = close + 1;
        if inner.split_whitespace().count() < 3 {
            continue;
        }
        // the speaker stands within a few words of the quote: looking further would make a
        // paragraph full of quotes cost the square of its length
        let before: String = chars[open.saturating_sub(LOOK)..open].iter().collect();
        let speaker =
            speaker_inside(&inner, known).or_else(|| speaker_before(&before, known)).or_else(|| last_speaker.clone());
        if speaker.is_some() {
            last_speaker.clone_from(&speaker);
        }
        out.push(Quote { text: inner.trim().to_string(), speaker, paragraph });
    }
    out
}

/// `“أكد أوستن أن …”`: the quote reports what someone said.
/// How many characters around a quote are read for its speaker.
const LOOK: usize = 160;

fn speaker_inside(inner: &str, known: &std::collections::HashSet<String>) -> Option<String> {
    let head: String = inner.chars().take(LOOK).collect();
    let tokens = tokenize(&head);
    let chars: Vec<char> = head.chars().collect();
    if !tokens.first().is_some_and(|t| is_speech_verb(&t.key)) {
        return None;
    }
    subject_at(&chars, &tokens, 1, known)
}

/// The speaker before a quote: a reporting verb and its subject, or `بحسب [بيان صادر عن] X`.
fn speaker_before(before: &str, known: &std::collections::HashSet<String>) -> Option<String> {
    let tokens = tokenize(before);
    let chars: Vec<char> = before.chars().collect();
    let from = tokens.len().saturating_sub(14);
    for k in (from..tokens.len()).rev() {
        let key = tokens[k].key.as_str();
        if ["بحسب", "وبحسب", "حسب", "وحسب", "وفق", "وفقا"].contains(&key) {
            let mut j = k + 1;
            if tokens.get(j).is_some_and(|t| t.key == "بيان" || t.key == "ما") {
                j += 1;
                while j < tokens.len() && j < k + 5 && !["عن", "من"].contains(&tokens[j].key.as_str()) {
                    j += 1;
                }
                j += 1;
            }
            if let Some(s) = subject_at(&chars, &tokens, j, known) {
                return Some(s);
            }
        }
        if is_speech_verb(key) {
            if let Some(s) = subject_at(&chars, &tokens, k + 1, known) {
                return Some(s);
            }
            return None; // وأضاف أن: the voice of the quote before
        }
    }
    None
}

/// Who stands at token i: an organization, a person after a role, a known name, a place.
fn subject_at(chars: &[char], tokens: &[Token], i: usize, known: &std::collections::HashSet<String>) -> Option<String> {
    let t = tokens.get(i).filter(|t| t.is_word())?;
    if ["ان", "بان", "انه", "الي", "في"].contains(&t.key.as_str()) {
        return None;
    }
    let rest: String = chars[t.start..].iter().take(LOOK).collect();
    let (found, _) = find(&rest, known);
    if let Some((name, start, _)) = found.organizations.first() {
        if *start == 0 {
            return Some(name.clone());
        }
    }
    if let Some((name, _)) = found.people.first() {
        return Some(name.clone());
    }
    let key = stems(&t.key).find(|s| known.contains(s.as_ref()))?;
    Some(surface(chars, t, &key))
}
