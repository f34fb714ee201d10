//! People (after titles and roles), places (the gazetteer) and organizations (known names and
//! patterns such as وزارة X), counted across a story's paragraphs.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::figures::stems;
use super::gazetteer::{is_adjective, organizations, places};
use super::lexicon::FUNCTION_WORDS;
use super::tokens::{tokenize, Token};
use super::{Mention, Person};
use crate::arabic::{fold, is_arabic_letter, is_haraka, TATWEEL};

/// Titles that stand alone before a name.
const TITLES: &[&str] = &[
    "الرئيس",
    "الرئيسة",
    "الوزير",
    "الوزيرة",
    "نظيره",
    "نظيرته",
    "نظيرها",
    "الملك",
    "الملكة",
    "الأمير",
    "الأميرة",
    "الشيخ",
    "الشيخة",
    "السفير",
    "السفيرة",
    "الجنرال",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المشير",
    "النائب",
    "النائبة",
    "السيناتور",
    "المستشار",
    "المستشارة",
    "المبعوث",
    "المندوب",
    "القائد",
    "الدكتور",
    "البابا",
    "المرشد",
    "الزعيم",
    "المتحدث",
    "المتحدثة",
    "الناطق",
    "المدير",
    "المديرة",
    "العاهل",
    "السلطان",
    "الإمام",
    "الحاكم",
    "المحافظ",
    "المفوض",
    "الرئيس التنفيذي",
    "ولي العهد",
    "الأمين العام",
    "السيد",
    "السيدة",
];

/// Roles that take a complement before the name: وزير الخارجية، المتحدث باسم الرئاسة.
const ROLES_WITH_COMPLEMENT: &[&str] = &[
    "رئيس",
    "رئيسة",
    "وزير",
    "وزيرة",
    "محافظ",
    "سفير",
    "قائد",
    "مدير",
    "زعيم",
    "أمين عام",
    "المتحدث باسم",
    "المتحدثة باسم",
    "الناطق باسم",
    "الناطقة باسم",
    "متحدث باسم",
    "مستشار",
    "نائب",
    "ملك",
    "أمير",
    "ولي عهد",
    "مبعوث",
    "مندوب",
    "رئيس مجلس",
    "قائد قوات",
    "رئيس هيئة",
    "مدير عام",
];

/// Words that end a name (besides the function words): verbs of reporting, time words.
const NOT_NAMES: &[&str] = &[
    "بأن",
    "لأن",
    "اليوم",
    "أمس",
    "غدا",
    "الليلة",
    "صباح",
    "مساء",
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "أعلن",
    "أعلنت",
    "أضاف",
    "أضافت",
    "أشار",
    "أشارت",
    "صرح",
    "صرحت",
    "أوضح",
    "أوضحت",
    "ذكر",
    "ذكرت",
    "تحدث",
    "تحدثت",
    "بحث",
    "بحثا",
    "التقى",
    "استقبل",
    "دعا",
    "طالب",
    "شدد",
    "أعرب",
    "وصف",
    "زار",
    "وصل",
    "غادر",
    "اعتبر",
    "رأى",
    "نفى",
    "حذر",
    "هدد",
    "يقول",
    "تقول",
    "يؤكد",
    "أيضا",
    "نفسه",
    "الشكر",
    "عبر",
    "وقال",
    "وأكد",
    "وأضاف",
    "لمناقشة",
    "يبحث",
    "يبحثان",
    "بحثا",
    "جهود",
    "خطة",
    "أعرب",
    "وجه",
    "ثمن",
    "حرص",
    "اتصالا",
    "هاتفيا",
    "رسالة",
    "كلمة",
    "بيان",
    "أول",
    "آخر",
    "إثر",
    "بسبب",
    "عقب",
    "وفق",
    "بحسب",
    "حسب",
];

/// Words that join the next word into one name: عبد الفتاح، أبو مازن، بن سلمان.
const NAME_JOINERS: &[&str] = &["عبد", "أبو", "أبي", "أبا", "بن", "ابن", "بنت", "آل", "ولد", "أم", "ذو"];

struct Lexicon {
    titles: Vec<(Vec<String>, &'static str)>,
    roles: Vec<(Vec<String>, &'static str)>,
    not_names: HashSet<String>,
    joiners: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let words = |list: &[&'static str]| -> Vec<(Vec<String>, &'static str)> {
            let mut v: Vec<_> = list.iter().map(|w| (fold(w).split(' ').map(String::from).collect(), *w)).collect();
            v.sort_by_key(|(k, _): &(Vec<String>, _)| std::cmp::Reverse(k.len()));
            v
        };
        Lexicon {
            titles: words(TITLES),
            roles: words(ROLES_WITH_COMPLEMENT),
            not_names: NOT_NAMES.iter().map(|w| fold(w)).chain(FUNCTION_WORDS.iter().map(|w| w.to_string())).collect(),
            joiners: NAME_JOINERS.iter().map(|w| fold(w)).collect(),
        }
    })
}

/// A word's text without harakat and tatweel, and without the clitics its key lost to `stem`.
pub fn surface(chars: &[char], token: &Token, stem: &str) -> String {
    let plain: Vec<char> =
        chars[token.start..token.end].iter().copied().filter(|&c| !is_haraka(c) && c != TATWEEL).collect();
    let drop = token.key.chars().count().saturating_sub(stem.chars().count());
    let restored_article = stem.starts_with("ال") && !token.key.starts_with("ال") && token.key.contains("لل");
    let rest: String = plain.iter().skip(if restored_article { drop + 1 } else { drop }).collect();
    if restored_article {
        format!("ا{rest}")
    } else {
        rest
    }
}

fn words_text(chars: &[char], tokens: &[Token], first_stem: &str) -> String {
    let mut out = surface(chars, &tokens[0], first_stem);
    for t in &tokens[1..] {
        out.push(' ');
        out.push_str(&surface(chars, t, &t.key));
    }
    out
}

/// Matches a word list entry (clitics on the first word) at token i: (entry, tokens, first stem).
fn match_words(
    list: &[(Vec<String>, &'static str)],
    tokens: &[Token],
    i: usize,
) -> Option<(&'static str, usize, String)> {
    let first = tokens.get(i).filter(|t| t.is_word())?;
    for (words, name) in list {
        if i + words.len() > tokens.len()
            || !tokens[i + 1..i + words.len()].iter().zip(&words[1..]).all(|(t, w)| t.is_word() && t.key == *w)
        {
            continue;
        }
        if let Some(stem) = stems(&first.key).find(|s| *s == words[0]) {
            return Some((name, words.len(), stem.into_owned()));
        }
    }
    None
}

/// First words (folded) of every title, role and organization head.
fn pattern_starters() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let lex = lexicon();
        let mut set: HashSet<String> = lex.titles.iter().chain(&lex.roles).map(|(words, _)| words[0].clone()).collect();
        set.extend(ORG_HEADS.iter().chain(DEFINITE_ORG_HEADS).map(|w| fold(w)));
        set
    })
}

/// Everything found in one paragraph.
#[derive(Default)]
pub struct Found {
    /// (full name, role) at each place a person was named after a role.
    pub people: Vec<(String, Option<String>)>,
    pub places: Vec<String>,
    pub organizations: Vec<(String, usize, usize)>,
}

pub fn find(text: &str, known_name_parts: &HashSet<String>) -> (Found, Vec<Token>) {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text);
    let mut found = Found::default();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((index, used)) = organizations().match_at(&tokens, i) {
            found.organizations.push((organizations().names[index].clone(), i, i + used));
            i += used;
            continue;
        }
        // one look-up rules out most words before the patterns are tried one by one
        let starts_a_pattern = stems(&tokens[i].key).any(|s| pattern_starters().contains(s.as_ref()));
        if let Some((name, end)) = starts_a_pattern.then(|| pattern_organization(&chars, &tokens, i)).flatten() {
            found.organizations.push((name, i, end));
            i = end;
            continue;
        }
        if let Some((index, used)) = places().match_at(&tokens, i) {
            found.places.push(places().names[index].clone());
            i += used;
            continue;
        }
        if let Some((person, role, end)) =
            starts_a_pattern.then(|| person_after_role(&chars, &tokens, i, known_name_parts)).flatten()
        {
            found.people.push((person, Some(role)));
            i = end;
            continue;
        }
        i += 1;
    }
    (found, tokens)
}

/// Heads of organization names: وزارة الصحة، صحيفة المرصد، الجيش الإسرائيلي.
const ORG_HEADS: &[&str] = &[
    "وزارة",
    "صحيفة",
    "جريدة",
    "وكالة",
    "بنك",
    "صندوق",
    "معهد",
    "جامعة",
    "هيئة",
    "مجلس",
    "منظمة",
    "شركة",
    "رئاسة",
    "حركة",
    "حزب",
    "مؤسسة",
    "لجنة",
    "جيش",
    "مكتب",
    "مركز",
    "اتحاد",
    "محكمة",
    "حكومة",
    "مفوضية",
    "سلطة",
    "قوات",
    "كتائب",
    "مجموعة",
    "منتدى",
    "برنامج",
    "وحدة",
];
const DEFINITE_ORG_HEADS: &[&str] = &[
    "البنك",
    "المعهد",
    "الجامعة",
    "الرئاسة",
    "الجيش",
    "الاتحاد",
    "المحكمة",
    "الحكومة",
    "البرلمان",
    "الشرطة",
    "السلطة",
    "الخارجية",
    "الداخلية",
    "الحرس",
    "القوات",
    "الشركة",
    "المجلس",
    "الهيئة",
];

fn pattern_organization(chars: &[char], tokens: &[Token], i: usize) -> Option<(String, usize)> {
    static HEADS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    let (heads, definite) = HEADS.get_or_init(|| {
        (ORG_HEADS.iter().map(|w| fold(w)).collect(), DEFINITE_ORG_HEADS.iter().map(|w| fold(w)).collect())
    });
    let first = tokens.get(i).filter(|t| t.is_word())?;
    let lex = lexicon();
    if let Some(stem) = stems(&first.key).find(|s| heads.iter().any(|h| h == s)) {
        // a complement: one word (الصحة، المرصد) or a name of up to two words (نيويورك تايمز)
        let mut end = i + 1;
        let next = tokens.get(end).filter(|t| t.is_word() && !lex.not_names.contains(t.key.as_str()))?;
        if next.key.starts_with("ال") {
            end += 1;
            if tokens.get(end).is_some_and(|t| {
                t.is_word()
                    && t.key.starts_with("ال")
                    && !is_adjective(&t.key)
                    && heads.iter().any(|h| fold(&format!("ال{h}")) == next.key)
            }) {
                end += 1;
            }
        } else if next.key.chars().all(is_arabic_letter) && !heads.iter().any(|h| h == next.key.as_str()) {
            end += 1;
        } else {
            return None;
        }
        while tokens.get(end).is_some_and(|t| t.is_word() && is_adjective(&t.key)) {
            end += 1;
        }
        return Some((words_text(chars, &tokens[i..end], &stem), end));
    }
    let stem = stems(&first.key).find(|s| definite.iter().any(|h| h == s))?;
    let mut end = i + 1;
    while tokens.get(end).is_some_and(|t| t.is_word() && is_adjective(&t.key)) {
        end += 1;
    }
    (end > i + 1).then(|| (words_text(chars, &tokens[i..end], &stem), end))
}

/// `الوزير لويد أوستن`, `رئيس الوزراء الباكستاني شهباز شريف`: (name, role, end token).
fn person_after_role(
    chars: &[char],
    tokens: &[Token],
    i: usize,
    known: &HashSet<String>,
) -> Option<(String, String, usize)> {
    let lex = lexicon();
    let (role, mut j) = if let Some((name, used, _)) = match_words(&lex.roles, tokens, i) {
        // the complement: up to two words with the article, or a place
        let mut j = i + used;
        let mut complement = Vec::new();
        if let Some((index, n)) = places().match_at(tokens, j) {
            complement.push(places().names[index].clone());
            j += n;
        } else {
            while complement.len() < 2
                && tokens.get(j).is_some_and(|t| t.is_word() && t.key.starts_with("ال") && !is_adjective(&t.key))
            {
                complement.push(surface(chars, &tokens[j], &tokens[j].key));
                j += 1;
            }
        }
        if complement.is_empty() {
            return None;
        }
        (format!("{name} {}", complement.join(" ")), j)
    } else if let Some((name, used, _)) = match_words(&lex.titles, tokens, i) {
        (name.to_string(), i + used)
    } else {
        return None;
    };
    while tokens.get(j).is_some_and(|t| t.is_word() && is_adjective(&t.key)) {
        j += 1;
    }
    let start = j;
    let mut base_words = 0;
    while j < tokens.len() && base_words < 2 {
        let t = &tokens[j];
        if !t.is_word()
            || !t.key.chars().all(is_arabic_letter)
            || lex.not_names.contains(t.key.as_str())
            || is_adjective(&t.key)
        {
            break;
        }
        let joined = j > start && lex.joiners.contains(tokens[j - 1].key.as_str());
        if t.key.starts_with("ال")
            && !joined
            && !known.contains(t.key.as_str())
            && (base_words == 0 || !after_joiner(tokens, start, j, lex))
        {
            break;
        }
        if places().match_at(tokens, j).is_some() || organizations().match_at(tokens, j).is_some() {
            break;
        }
        if lex.joiners.contains(t.key.as_str()) {
            // the joiner and its word count as one
            if tokens.get(j + 1).is_none_or(|n| !n.is_word()) {
                break;
            }
            j += 2;
        } else {
            j += 1;
        }
        base_words += 1;
    }
    if j == start {
        return None;
    }
    let name = words_text(chars, &tokens[start..j], &tokens[start].key);
    Some((name, role, j))
}

/// A name opened by a joiner (عبد الفتاح) may take one more word with the article (السيسي).
fn after_joiner(tokens: &[Token], start: usize, j: usize, lex: &Lexicon) -> bool {
    tokens[start..j].iter().any(|t| lex.joiners.contains(t.key.as_str()))
}

/// People, places and organizations of a story, with mentions counted over its paragraphs.
pub fn story_entities(
    title: &str,
    paragraphs: &[String],
    known_people: &[String],
) -> (Vec<Person>, Vec<Mention>, Vec<Mention>) {
    let known_parts: HashSet<String> =
        known_people.iter().flat_map(|n| fold(n).split(' ').map(String::from).collect::<Vec<_>>()).collect();
    let mut people: Vec<Person> = Vec::new();
    let mut place_list: Vec<Mention> = Vec::new();
    let mut org_list: Vec<Mention> = Vec::new();
    let mut parts = known_parts.clone();
    for text in paragraphs.iter().map(String::as_str).chain(std::iter::once(title)) {
        let is_title = std::ptr::eq(text, title);
        let (found, _) = find(text, &parts);
        // headlines drop words and lead with verbs: names are taken from the text only
        for (name, role) in found.people.into_iter().filter(|_| !is_title) {
            parts.extend(fold(&name).split(' ').map(String::from));
            add_person(&mut people, &name, role);
        }
        if !is_title {
            for p in found.places {
                bump(&mut place_list, &p);
            }
            for (o, _, _) in found.organizations {
                bump(&mut org_list, &o);
            }
        } else {
            // names only the title gives are still listed, counted once
            for p in found.places {
                if !place_list.iter().any(|m| m.name == p) {
                    place_list.push(Mention { name: p, mentions: 1 });
                }
            }
        }
    }
    // A second pass counts mentions, once every full name is known (a family name seen before
    // its full name still counts); paragraphs are tokenized again rather than all kept, so a
    // story of any length costs one paragraph's tokens of memory.
    let unknown: Vec<&String> =
        known_people.iter().filter(|k| !people.iter().any(|p| fold(&p.name) == fold(k))).collect();
    let mut seen_known = vec![false; unknown.len()];
    let mut counts = vec![0usize; people.len()];
    let names: Vec<String> = people.iter().map(|p| fold(&p.name)).collect();
    let index = NameIndex::new(&names);
    for text in paragraphs {
        let tokens = tokenize(text);
        for (k, known) in unknown.iter().enumerate() {
            // names seen elsewhere in the library count when they appear in full here
            seen_known[k] |= count_phrase(&tokens, &fold(known)) > 0;
        }
        index.count(&tokens, &mut counts);
    }
    for (person, n) in people.iter_mut().zip(counts) {
        person.mentions = n.max(1);
    }
    for (known, seen) in unknown.into_iter().zip(seen_known) {
        if seen {
            let folded = [fold(known)];
            let index = NameIndex::new(&folded);
            let mut mentions = [0];
            paragraphs.iter().for_each(|p| index.count(&tokenize(p), &mut mentions));
            let mentions = mentions[0];
            people.push(Person { name: known.clone(), role: None, mentions });
        }
    }
    (people, place_list, org_list)
}

fn add_person(people: &mut Vec<Person>, name: &str, role: Option<String>) {
    let key = fold(name);
    // a short mention (أوستن، السيسي) joins the full name it ends
    if let Some(p) = people.iter_mut().find(|p| {
        let full = fold(&p.name);
        full == key || full.ends_with(&format!(" {key}")) || key.ends_with(&format!(" {full}"))
    }) {
        if key.len() > fold(&p.name).len() {
            p.name = name.to_string();
        }
        if p.role.is_none() {
            p.role = role;
        }
        return;
    }
    people.push(Person { name: name.to_string(), role, mentions: 0 });
}

fn bump(list: &mut Vec<Mention>, name: &str) {
    match list.iter_mut().find(|m| m.name == name) {
        Some(m) => m.mentions += 1,
        None => list.push(Mention { name: name.to_string(), mentions: 1 }),
    }
}

/// Whole-phrase occurrences (first word through clitics).
fn count_phrase(tokens: &[Token], phrase: &str) -> usize {
    let words: Vec<&str> = phrase.split(' ').collect();
    (0..tokens.len()).filter(|&i| phrase_at(tokens, i, &words)).count()
}

fn phrase_at(tokens: &[Token], i: usize, words: &[&str]) -> bool {
    i + words.len() <= tokens.len()
        && stems(&tokens[i].key).any(|s| s == words[0])
        && tokens[i + 1..i + words.len()].iter().zip(&words[1..]).all(|(t, w)| t.key == *w)
}

/// People's names by first and last word: every mention counted in one pass over the tokens,
/// however many people a story names.
struct NameIndex<'a> {
    names: Vec<Vec<&'a str>>,
    by_first: HashMap<&'a str, Vec<usize>>,
    by_last: HashMap<&'a str, Vec<usize>>,
}

impl<'a> NameIndex<'a> {
    fn new(full_names: &'a [String]) -> NameIndex<'a> {
        let names: Vec<Vec<&str>> = full_names.iter().map(|n| n.split(' ').collect()).collect();
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, words) in names.iter().enumerate() {
            by_first.entry(words[0]).or_default().push(i);
            if words.len() > 1 {
                by_last.entry(words[words.len() - 1]).or_default().push(i);
            }
        }
        NameIndex { names, by_first, by_last }
    }

    /// Adds each person's mentions in `tokens`: the full name, or its last word alone
    /// (أوستن for لويد أوستن).
    fn count(&self, tokens: &[Token], counts: &mut [usize]) {
        let mut i = 0;
        'tokens: while i < tokens.len() {
            for stem in stems(&tokens[i].key) {
                for &p in self.by_first.get(stem.as_ref()).into_iter().flatten() {
                    if phrase_at(tokens, i, &self.names[p]) {
                        counts[p] += 1;
                        i += self.names[p].len();
                        continue 'tokens;
                    }
                }
            }
            for stem in stems(&tokens[i].key) {
                if let Some(people) = self.by_last.get(stem.as_ref()) {
                    people.iter().for_each(|&p| counts[p] += 1);
                    break;
                }
            }
            i += 1;
        }
    }
}
