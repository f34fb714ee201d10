//! Quotations and who said them.

use super::entities::{find, role_at, surface};
use super::figures::stems;
use super::tokens::{tokenize, Token};
use super::Quote;
use crate::arabic::fold;

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
    "راي",
    "رات",
    "دعا",
    "دعت",
    "دان",
    "دانت",
    "ادان",
    "ادانت",
    "اتهم",
    "اتهمت",
    "افاد",
    "افادت",
    "توقع",
    "توقعت",
    "اشاد",
    "اشادت",
    "رحب",
    "رحبت",
    "نفي",
    "نفت",
    "وصف",
    "وصفت",
    "اردف",
    "اردفت",
    "استطرد",
    "علق",
    "علقت",
    "اعترف",
    "اعترفت",
    "زعم",
    "زعمت",
    "قالوا",
    "اكدوا",
    "يضيف",
    "تضيف",
    "ردد",
    "روي",
    "روت",
    "حكي",
    "حكت",
];

/// Verbs that go on with the voice of the quote before (وأضاف، وتابعت).
const CONTINUING: &[&str] =
    &["اضاف", "اضافت", "تابع", "تابعت", "اردف", "اردفت", "استطرد", "استطردت", "ختم", "ختمت", "يضيف", "تضيف"];

/// Words that name a source without a verb: بحسب، وفق، حسب.
const ACCORDING_TO: &[&str] = &["بحسب", "وبحسب", "حسب", "وحسب", "وفق", "وفقا", "ووفق", "ووفقا"];

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
    organizations: &[String],
    last_speaker: &mut Option<String>,
) -> Vec<Quote> {
    let speakers = Speakers { known, organizations };
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
        let after: String = chars[(close + 1).min(chars.len())..].iter().take(LOOK).collect();
        let speaker = speaker_inside(&inner, &speakers)
            .or_else(|| match speaker_before(&before, &speakers) {
                Attribution::Named(s) => Some(s),
                // وقالت: "…" — the voice of the sentence's subject, or of the quote before
                Attribution::VerbAlone(at) => sentence_subject(&before[..at], &speakers),
                Attribution::Nothing => speaker_after(&after, &speakers),
            })
            .or_else(|| last_speaker.clone());
        if speaker.is_some() {
            last_speaker.clone_from(&speaker);
        }
        out.push(Quote { text: inner.trim().to_string(), speaker, paragraph });
    }
    out
}

/// `“أكد أوستن أن …”`: the quote reports what someone said.
/// How many characters around a quote are read for its speaker.
const LOOK: usize = 240;

/// What the story knows of who may speak: words of people's names, organizations' names.
struct Speakers<'a> {
    known: &'a std::collections::HashSet<String>,
    organizations: &'a [String],
}

/// What the words before a quote say of its speaker.
enum Attribution {
    Named(String),
    /// A reporting verb with no subject after it (وقالت: …), at this byte offset.
    VerbAlone(usize),
    Nothing,
}

fn speaker_inside(inner: &str, speakers: &Speakers) -> Option<String> {
    let head: String = inner.chars().take(LOOK).collect();
    let tokens = tokenize(&head);
    let chars: Vec<char> = head.chars().collect();
    if !tokens.first().is_some_and(|t| is_speech_verb(&t.key)) {
        return None;
    }
    subject_at(&chars, &tokens, 1, speakers)
}

/// `"…"، قال فلان` or `"…"، بحسب الوزارة`: the speaker named right after a quote.
fn speaker_after(after: &str, speakers: &Speakers) -> Option<String> {
    let tokens = tokenize(after);
    let chars: Vec<char> = after.chars().collect();
    let mut k = 0;
    while tokens.get(k).is_some_and(|t| !t.is_word()) && k < 2 {
        k += 1;
    }
    let t = tokens.get(k)?;
    if is_speech_verb(&t.key) || ACCORDING_TO.contains(&t.key.as_str()) {
        return subject_at(&chars, &tokens, k + 1, speakers);
    }
    None
}

/// The first person (else organization) named in a sentence: who speaks when its verb of
/// saying has no subject of its own (وتوقعت هالة السعيد … وقالت: "…").
fn sentence_subject(before_verb: &str, speakers: &Speakers) -> Option<String> {
    // the sentence starts after the last full stop or quote
    let start = before_verb.rfind(['.', '"', '»', '”', ':']).map_or(0, |i| i + 1);
    let (found, _) = find(&before_verb[start..], speakers.known);
    found
        .people
        .into_iter()
        .next()
        .map(|(name, _)| name)
        .or_else(|| found.organizations.into_iter().next().map(|o| o.0))
}

/// The speaker before a quote: a reporting verb and its subject, or `بحسب [بيان صادر عن] X`.
fn speaker_before(before: &str, speakers: &Speakers) -> Attribution {
    let tokens = tokenize(before);
    let chars: Vec<char> = before.chars().collect();
    let from = tokens.len().saturating_sub(24);
    for k in (from..tokens.len()).rev() {
        let key = tokens[k].key.as_str();
        if ACCORDING_TO.contains(&key) {
            let mut j = k + 1;
            if tokens.get(j).is_some_and(|t| t.key == "بيان" || t.key == "ما") {
                j += 1;
                while j < tokens.len() && j < k + 5 && !["عن", "من"].contains(&tokens[j].key.as_str()) {
                    j += 1;
                }
                j += 1;
            }
            if let Some(s) = subject_at(&chars, &tokens, j, speakers) {
                return Attribution::Named(s);
            }
        }
        if is_speech_verb(key) {
            if let Some(s) = subject_at(&chars, &tokens, k + 1, speakers) {
                return Attribution::Named(s);
            }
            // وأضاف: the voice of the quote before; وقالت: the sentence's subject
            if stems(key).any(|s| CONTINUING.contains(&s.as_ref())) {
                return Attribution::Nothing;
            }
            let at: usize = chars[..tokens[k].start].iter().map(|c| c.len_utf8()).sum();
            return Attribution::VerbAlone(at);
        }
    }
    Attribution::Nothing
}

/// Heads that stand alone for an organization the story named in full (قال البنك).
const ANAPHORA: &[&str] = &[
    "البنك",
    "الوزاره",
    "المنظمه",
    "الهييه",
    "المفوضيه",
    "الجيش",
    "الحركه",
    "الحزب",
    "المكتب",
    "الوكاله",
    "اللجنه",
    "المديريه",
    "الجبهه",
    "البعثه",
    "الجمعيه",
    "المنتدي",
    "المركز",
    "الشركه",
    "الحكومه",
    "المجلس",
    "الاتحاد",
    "الصندوق",
    "البرنامج",
    "الرياسه",
    "النيابه",
    "الشرطه",
    "البلديه",
    "المستشفي",
];

/// Who stands at token i: a known name, an organization, a person, a head that stands for an
/// organization named before.
fn subject_at(chars: &[char], tokens: &[Token], i: usize, speakers: &Speakers) -> Option<String> {
    let known = speakers.known;
    let t = tokens.get(i).filter(|t| t.is_word())?;
    if ["ان", "بان", "انه", "الي", "في"].contains(&t.key.as_str()) {
        return None;
    }
    // a name the story has made known (أوضح الطيب), before any longer reading of the words
    if let Some(key) = stems(&t.key).find(|s| known.contains(s.as_ref())) {
        let next_is_name = tokens.get(i + 1).is_some_and(|n| n.is_word() && known.contains(n.key.as_str()));
        if !next_is_name {
            return Some(surface(chars, t, &key));
        }
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
    // قال المتحدث باسم الهلال الأحمر: a role with no name is the speaker
    if let Some((role, _)) = role_at(chars, tokens, i).filter(|(r, _)| r.contains(' ')) {
        return Some(role);
    }
    // قال البنك: the organization the story named with that head
    let head = stems(&t.key).find(|s| ANAPHORA.contains(&s.as_ref()))?;
    let bare = head.strip_prefix("ال").unwrap_or(&head);
    // the first organization the story named with that head, with the article first (البنك
    // المركزي before بنك الاستثمار)
    let first_word = |o: &String| fold(o).split(' ').next().map(String::from).unwrap_or_default();
    let orgs = speakers.organizations;
    orgs.iter()
        .find(|o| first_word(o) == head.as_ref())
        .or_else(|| orgs.iter().find(|o| first_word(o) == bare))
        .or_else(|| orgs.iter().find(|o| fold(o).split(' ').any(|w| w == bare || w.strip_prefix("ال") == Some(bare))))
        .cloned()
}
