//! People (after titles and roles, or opened by a given name), places (the gazetteer, in place
//! contexts when a name is also a common word, and districts or camps by pattern) and
//! organizations (known names, and a head word with its whole genitive and adjective chain),
//! counted across a story's paragraphs.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::figures::stems;
use super::gazetteer::{is_adjective, organizations, places};
use super::lexicon::FUNCTION_WORDS;
use super::names::{ARABIC_GIVEN_NAMES, FOREIGN_GIVEN_NAMES, FOREIGN_SURNAMES};
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
    "المرشح",
    "المرشحة",
    "القيادي",
    "القيادية",
    "الناشط",
    "الناشطة",
    "الصحفي",
    "الصحفية",
    "الطبيب",
    "الطبيبة",
    "المحامي",
    "المحامية",
    "الأسير",
    "الأسيرة",
    "الشهيد",
    "الشهيدة",
    "اللاعب",
    "اللاعبة",
    "المدرب",
    "الكاتب",
    "الكاتبة",
    "الباحث",
    "الباحثة",
    "الخبير",
    "الخبيرة",
    "المحلل",
    "المهندس",
    "المهندسة",
    "الفنان",
    "الفنانة",
    "الناطق باسمه",
    "الناطقة باسمه",
    "المتحدث باسمه",
    "المتحدثة باسمه",
    "الناطق باسمها",
    "المتحدث باسمها",
    "المتحدثة باسمها",
    "الناطقة باسمها",
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
    "المتحدث الرسمي باسم",
    "المتحدثة الرسمية باسم",
    "المتحدث الإعلامي باسم",
    "الناطق الرسمي باسم",
    "الناطق الإعلامي باسم",
    "الناطقة الرسمية باسم",
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
    "باسمه",
    "باسمها",
    "باسمهم",
    "فيها",
    "فيه",
    "فيهم",
    "منها",
    "منه",
    "منهم",
    "عنها",
    "عنه",
    "لها",
    "له",
    "لهم",
    "بها",
    "به",
    "إليها",
    "إليه",
    "عليها",
    "عليه",
    "أولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "أخيرا",
    "مجددا",
    "سابقا",
    "حاليا",
];

/// Words that join the next word into one name: عبد الفتاح، أبو مازن، بن سلمان.
const NAME_JOINERS: &[&str] =
    &["عبد", "أبو", "أبي", "أبا", "بن", "ابن", "بنت", "آل", "ولد", "أم", "ذو", "أيت", "آيت", "العبد"];

struct Lexicon {
    titles: Vec<(Vec<String>, &'static str)>,
    roles: Vec<(Vec<String>, &'static str)>,
    not_names: FxHashSet<String>,
    joiners: FxHashSet<String>,
    given: FxHashSet<String>,
    surnames: FxHashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let words = |list: &[&'static str]| -> Vec<(Vec<String>, &'static str)> {
            let mut v: Vec<_> = list.iter().map(|w| (fold(w).split(' ').map(String::from).collect(), *w)).collect();
            v.sort_by_key(|(k, _): &(Vec<String>, _)| std::cmp::Reverse(k.len()));
            v
        };
        let mut not_names: FxHashSet<String> =
            NOT_NAMES.iter().map(|w| fold(w)).chain(FUNCTION_WORDS.iter().map(|w| w.to_string())).collect();
        // a word that opens a title or a role ends a name before it
        not_names.extend(
            TITLES.iter().chain(ROLES_WITH_COMPLEMENT).filter_map(|t| fold(t).split(' ').next().map(String::from)),
        );
        Lexicon {
            titles: words(TITLES),
            roles: words(ROLES_WITH_COMPLEMENT),
            not_names,
            joiners: NAME_JOINERS.iter().map(|w| fold(w)).collect(),
            given: ARABIC_GIVEN_NAMES.iter().chain(FOREIGN_GIVEN_NAMES).map(|w| fold(w)).collect(),
            surnames: FOREIGN_SURNAMES.iter().map(|w| fold(w)).collect(),
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
fn pattern_starters() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let lex = lexicon();
        let mut set: FxHashSet<String> =
            lex.titles.iter().chain(&lex.roles).map(|(words, _)| words[0].clone()).collect();
        set.extend(ORG_HEADS.iter().chain(DEFINITE_ORG_HEADS).map(|w| fold(w)));
        set
    })
}

/// Everything found in one paragraph.
#[derive(Default)]
pub struct Found {
    /// (full name, role) at each place a person was named, after a role or by a given name.
    pub people: Vec<(String, Option<String>)>,
    /// Each place as the text names it, with its gazetteer entry when it has one.
    pub places: Vec<(String, Option<usize>)>,
    pub organizations: Vec<(String, usize, usize)>,
}

/// What a paragraph is read with: names the story has made known so far.
#[derive(Default)]
pub struct Context {
    /// Words (folded) of people's names found so far.
    pub name_parts: HashSet<String>,
    /// Places (gazetteer indexes) named so far where no doubt was possible: such a name is a
    /// place anywhere after.
    pub places: HashSet<usize>,
    /// Tokens before this index are the dateline: every place name there counts.
    pub dateline_end: usize,
}

impl Context {
    pub fn with_name_parts(name_parts: &HashSet<String>) -> Context {
        Context { name_parts: name_parts.clone(), ..Context::default() }
    }
}

pub fn find(text: &str, known_name_parts: &HashSet<String>) -> (Found, Vec<Token>) {
    let mut context = Context::with_name_parts(known_name_parts);
    find_in(text, &mut context)
}

/// Everything found in one paragraph; `context` learns the places named without doubt.
pub fn find_in(text: &str, context: &mut Context) -> (Found, Vec<Token>) {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text);
    let mut found = Found::default();
    // the token after the last place found: a place joined to it by و is a place too
    let mut after_place = usize::MAX;
    let mut i = 0;
    while i < tokens.len() {
        if let Some((name, end)) = known_organization(&chars, &tokens, i) {
            found.organizations.push((name, i, end));
            i = alias_end(&tokens, end);
            continue;
        }
        // one look-up rules out most words before the patterns are tried one by one
        let starts_a_pattern = stems(&tokens[i].key).any(|s| pattern_starters().contains(s.as_ref()));
        let place_word = designated_place(&chars, &tokens, i).filter(|_| !names_an_office(&tokens, i));
        if let Some((name, end, list)) = place_word {
            found.places.push((name, None));
            after_place = if list { end } else { usize::MAX };
            i = end;
            continue;
        }
        if let Some((name, end)) = starts_a_pattern.then(|| pattern_organization(&chars, &tokens, i)).flatten() {
            found.organizations.push((name, i, end));
            i = alias_end(&tokens, end);
            continue;
        }
        let given = opens_a_name(&tokens, i);
        if let Some((person, end)) = given.then(|| person_by_name(&chars, &tokens, i)).flatten() {
            context.name_parts.extend(fold(&person).split(' ').map(String::from));
            found.people.push((person, None));
            i = end;
            continue;
        }
        if i == after_place && tokens[i].key.starts_with('و') {
            // أروما وود الحليو: a name joined by و to a place named after a word of place
            if let Some((name, end)) = place_name_after(&chars, &tokens, i, true, true) {
                found.places.push((name, None));
                after_place = end;
                i = end;
                continue;
            }
        }
        if let Some((index, used)) =
            places().match_at(&tokens, i).filter(|_| !lexicon().not_names.contains(tokens[i].key.as_str()))
        {
            let in_list = i == after_place && tokens[i].key.starts_with('و');
            if in_place_context(&tokens, i, index, context) || in_list {
                if !places().info.get(index).is_some_and(|p| p.weak) || i < context.dateline_end {
                    context.places.insert(index);
                }
                found.places.push((place_text(&chars, &tokens[i..i + used], index), Some(index)));
                i += used;
                after_place = i;
                continue;
            }
        }
        if let Some((person, role, end)) =
            starts_a_pattern.then(|| person_after_role(&chars, &tokens, i, &context.name_parts)).flatten()
        {
            found.people.push((person, Some(role)));
            i = end;
            continue;
        }
        i += 1;
    }
    (found, tokens)
}

/// `(الأونروا)` after an organization's full name: its short name, the same organization.
fn alias_end(tokens: &[Token], end: usize) -> usize {
    if !tokens.get(end).is_some_and(|t| t.is_mark('(')) {
        return end;
    }
    let close = (end + 1..tokens.len().min(end + 6)).find(|&k| tokens[k].is_mark(')'));
    match close {
        Some(c) if c > end + 1 && organizations().match_at(tokens, end + 1).is_some_and(|(_, n)| end + 1 + n == c) => {
            c + 1
        }
        _ => end,
    }
}

/// A known organization with the adjectives that follow it (الهلال الأحمر الليبي).
fn known_organization(chars: &[char], tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let list = organizations();
    let (index, used) = list.match_at(tokens, i)?;
    let mut end = i + used;
    while tokens.get(end).is_some_and(|t| t.is_word() && is_adjective(&t.key)) {
        end += 1;
    }
    if end == i + used {
        return Some((list.names[index].clone(), end));
    }
    let stem = stems(&tokens[i].key).find(|s| list.first_word(s)).map(|s| s.into_owned()).unwrap_or_default();
    Some((words_text(chars, &tokens[i..end], &stem), end))
}

/// Words before a name that make it a place: prepositions of place, words for a kind of
/// place, the sides of a country.
const PLACE_LEADS: &[&str] = &[
    "في",
    "من",
    "الي",
    "قرب",
    "بالقرب",
    "نحو",
    "باتجاه",
    "حول",
    "داخل",
    "عند",
    "مدينه",
    "مدينتي",
    "مدن",
    "بلده",
    "بلدات",
    "قريه",
    "قري",
    "مخيم",
    "مخيمات",
    "حي",
    "احياء",
    "منطقه",
    "مناطق",
    "محافظه",
    "محافظات",
    "محافظتي",
    "ولايه",
    "ولايات",
    "ولايتي",
    "اقليم",
    "اقاليم",
    "قضاء",
    "اقضيه",
    "ناحيه",
    "مديريه",
    "مديريات",
    "محليه",
    "محليات",
    "محليتي",
    "جماعه",
    "دوار",
    "معتمديه",
    "لواء",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "وسط",
    "اطراف",
    "ريف",
    "عاصمه",
    "سكان",
    "اهالي",
    "ضواحي",
    "مشارف",
    "مدخل",
    "جزيره",
    "ساحل",
    "سواحل",
    "عاصمتها",
    "بين",
];

/// Whether the place name at token i counts here: a name of no doubt always does; a weak one
/// (a small place, a common word, a given name) after a word of place, with the preposition
/// ب on it, in the dateline, or once the story has named it without doubt.
fn in_place_context(tokens: &[Token], i: usize, index: usize, context: &Context) -> bool {
    static LEADS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let leads = LEADS.get_or_init(|| PLACE_LEADS.iter().copied().collect());
    let weak = places().info.get(index).is_some_and(|p| p.weak)
        || stems(&tokens[i].key)
            .any(|s| lexicon().given.contains(s.as_ref()) || lexicon().surnames.contains(s.as_ref()));
    if !weak || i < context.dateline_end || context.places.contains(&index) {
        return true;
    }
    let key = tokens[i].key.as_str();
    let before = i.checked_sub(1).filter(|&p| tokens[p].is_word());
    if places().info.get(index).is_some_and(|p| p.common) {
        // المدينة، الشمال: only after a word for a kind of place
        return before.is_some_and(|p| {
            stems(&tokens[p].key).any(|s| REGION_WORDS.contains(&s.as_ref()) || TOWN_WORDS.contains(&s.as_ref()))
        });
    }
    // بكسلا; not بالكامل
    let with_b = ["ب", "وب", "فب"]
        .iter()
        .any(|p| key.strip_prefix(p).is_some_and(|rest| !rest.starts_with("ال") && places().first_word(rest)));
    with_b || before.is_some_and(|p| stems(&tokens[p].key).any(|s| leads.contains(s.as_ref())))
}

/// Words for a kind of place before its name. Regions and quarters keep the word in the name
/// (ولاية كسلا is not the town of كسلا; مخيم جنين is not جنين); a town is named without it.
const REGION_WORDS: &[&str] =
    &["ولايه", "محافظه", "اقليم", "قضاء", "ناحيه", "مديريه", "محليه", "معتمديه", "حي", "مخيم", "حاره", "لواء"];
const TOWN_WORDS: &[&str] = &["مدينه", "بلده", "قريه", "دوار", "جزيره", "منطقه", "جماعه"];
/// Duals and plurals: the names after them (and joined by و) are places, named without the word.
const LIST_WORDS: &[&str] = &[
    "محليتي",
    "ولايتي",
    "محافظتي",
    "مدينتي",
    "بلدتي",
    "قريتي",
    "ولايات",
    "محافظات",
    "مدن",
    "بلدات",
    "قري",
    "مخيمات",
    "احياء",
    "مناطق",
    "مديريات",
    "اقضيه",
    "جماعات",
    "محليات",
];
/// Duals among the list words: names after them are places even when no list knows them.
const DUAL_WORDS: &[&str] = &["محليتي", "ولايتي", "محافظتي", "مدينتي", "بلدتي", "قريتي"];
/// Words that open a place name of several words: بيت لاهيا، أبو شوك، ود الحليو، جنوب غرب الصومال.
const COMPOUND_OPENERS: &[&str] = &[
    "ابو",
    "ام",
    "بيت",
    "بني",
    "دير",
    "عين",
    "كفر",
    "تل",
    "وادي",
    "راس",
    "ود",
    "بير",
    "بئر",
    "جبل",
    "خان",
    "مرج",
    "ذي",
    "سيدي",
    "بن",
    "عرب",
    "شيخ",
    "الشيخ",
    "باب",
    "سوق",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
];
/// Words after a word of place that say what kind it is, not which: منطقة عسكرية، قرية صغيرة.
const NOT_PLACE_NAMES: &[&str] = &[
    "صغيره",
    "كبيره",
    "واحده",
    "اخري",
    "اخر",
    "ثانيه",
    "ثالثه",
    "جديده",
    "نائيه",
    "مجاوره",
    "قريبه",
    "بعيده",
    "عسكريه",
    "امنه",
    "منكوبه",
    "حدوديه",
    "سكنيه",
    "صناعيه",
    "زراعيه",
    "ساحليه",
    "جبليه",
    "واسعه",
    "مغلقه",
    "محاصره",
    "محتله",
    "مفتوحه",
    "الحدود",
    "النازحين",
    "اللاجيين",
    "المنكوبه",
    "المجاوره",
    "القريبه",
    "المحيطه",
    "المستهدفه",
    "المتضرره",
    "المنطقه",
    "المدينه",
    "البلده",
    "القريه",
    "نفسها",
    "ذاتها",
    "كامله",
    "باكملها",
    "بكاملها",
    "الامنه",
    "العازله",
    "عازله",
    "الاخري",
    "مسلحه",
    "ارهابيه",
    "الايواء",
    "ايواء",
    "عمليات",
    "العمليات",
    "الصراع",
    "النزاع",
    "القتال",
    "الاشتباكات",
    "حمله",
    "شوون",
    "اداره",
];
/// What a word of place may be followed by when it names an office: مديرية الصحة.
const SECTORS: &[&str] = &[
    "الصحه",
    "التربيه",
    "التعليم",
    "الامن",
    "الشرطه",
    "الزراعه",
    "الماليه",
    "الاوقاف",
    "الدفاع",
    "الاعلام",
    "الثقافه",
    "الشباب",
    "الرياضه",
    "الاشغال",
    "النقل",
    "المياه",
    "الكهرباء",
    "الجمارك",
    "الضرايب",
    "العمل",
    "الشيون",
    "الاحوال",
    "السياحه",
    "البيئه",
    "الطرق",
    "البلديات",
];

/// `مديرية الصحة`: a word of place that heads an office's name, not a place.
fn names_an_office(tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|t| SECTORS.contains(&t.key.as_str()))
        || tokens.get(i + 1).is_some_and(|t| t.key.starts_with("لل"))
}

/// The name of a place after a word of place, from token j: a gazetteer name, or one plain
/// word (two or more after an opener such as بيت، أبو، جنوب). `joined`: the first word carries
/// the و that joins it to a place before (وود الحليو).
fn place_name_after(
    chars: &[char],
    tokens: &[Token],
    j: usize,
    joined: bool,
    in_list: bool,
) -> Option<(String, usize)> {
    static SETS: OnceLock<[FxHashSet<&'static str>; 2]> = OnceLock::new();
    let [openers, not_names] = SETS.get_or_init(|| {
        let set = |l: &[&'static str]| l.iter().copied().collect();
        [set(COMPOUND_OPENERS), set(NOT_PLACE_NAMES)]
    });
    let lex = lexicon();
    let key_of = |k: usize| -> Option<&str> {
        let key = tokens.get(k)?.key.as_str();
        Some(if k == j && joined { key.strip_prefix('و')? } else { key })
    };
    let plain = |k: usize| {
        key_of(k).is_some_and(|key| {
            let t = &tokens[k];
            t.is_word()
                && key.chars().all(is_arabic_letter)
                && key.chars().count() >= 2
                && !lex.not_names.contains(key)
                && !not_names.contains(key)
                && !is_adjective(key)
                && super::numbers::number_word(key).is_none()
                && !pattern_starters().contains(key)
        })
    };
    if let Some((index, used)) = places().match_at(tokens, j).filter(|_| joined == tokens[j].key.starts_with('و')) {
        return Some((place_text(chars, &tokens[j..j + used], index), j + used));
    }
    // حي البركة, but not مخيمات أطراف المدينة
    let everyday = |k: &str| PLACE_LEADS.contains(&k) || ((joined || in_list) && common_words().contains(k));
    if !plain(j) || key_of(j).is_some_and(everyday) {
        return None;
    }
    let key = key_of(j)?;
    // an indefinite word ending in ية is an adjective (منطقة سكنية), not a name
    if !key.starts_with("ال") && key.ends_with("يه") {
        return None;
    }
    let mut end = j + 1;
    let mut opener = openers.contains(key);
    while opener && end < j + 4 {
        if let Some((_, used)) = places().match_at(tokens, end).filter(|_| !tokens[end].key.starts_with('و')) {
            end += used;
            break;
        }
        if !plain(end) {
            break;
        }
        opener = openers.contains(tokens[end].key.as_str());
        end += 1;
    }
    if openers.contains(key) && end == j + 1 {
        return None; // جنوب alone is a direction
    }
    let stem = if joined { key.to_string() } else { tokens[j].key.to_string() };
    Some((words_text(chars, &tokens[j..end], &stem), end))
}

/// Everyday words that name no place of their own (assets/gazetteer/common-words.txt).
fn common_words() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../assets/gazetteer/common-words.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(fold)
            .collect()
    })
}

/// A place's name as the text writes it (clitics set aside); a country by its usual name.
fn place_text(chars: &[char], tokens: &[Token], index: usize) -> String {
    let list = places();
    if list.info.get(index).is_some_and(|p| matches!(p.kind, super::gazetteer::PlaceKind::Country)) {
        return list.names[index].clone();
    }
    let stem = stems(&tokens[0].key).find(|s| list.first_word(s)).map(|s| s.into_owned());
    match stem {
        Some(stem) => words_text(chars, tokens, &stem),
        None => list.names[index].clone(),
    }
}

/// `ولاية كسلا`, `مخيم أبو شوك`, `قرية تندلاي`, `محليتي أروما وود الحليو`: a word of place and
/// the name after it. Returns the name, its end, and whether names joined by و follow as places.
fn designated_place(chars: &[char], tokens: &[Token], i: usize) -> Option<(String, usize, bool)> {
    static SETS: OnceLock<[FxHashSet<&'static str>; 3]> = OnceLock::new();
    let [region, town, list] = SETS.get_or_init(|| {
        let set = |l: &[&'static str]| l.iter().copied().collect();
        [set(REGION_WORDS), set(TOWN_WORDS), set(LIST_WORDS)]
    });
    let first = tokens.get(i).filter(|t| t.is_word())?;
    let (word, keeps_word, is_list) = stems(&first.key).find_map(|s| {
        let listing = list.contains(s.as_ref());
        if region.contains(s.as_ref()) {
            Some((s.into_owned(), true, listing))
        } else if town.contains(s.as_ref()) || listing {
            Some((s.into_owned(), false, listing))
        } else {
            None
        }
    })?;
    let j = i + 1;
    let (name, end) = place_name_after(chars, tokens, j, false, is_list)?;
    let known = places().match_at(tokens, j).is_some();
    let next = &tokens[j];
    if is_list && !DUAL_WORDS.contains(&word.as_str()) && !known && !next.key.starts_with("ال") {
        return None; // مخيمات قرب البلدة
    }
    if matches!(word.as_str(), "دوار" | "جزيره" | "جماعه" | "لواء") && next.key.starts_with("ال") && !known
    {
        return None;
    }
    if organizations().match_at(tokens, j).is_some() {
        return None;
    }
    // منطقة الشرق الأوسط: a wide area is named without the word
    let wide = word == "منطقه" && known;
    if keeps_word && !is_list && !wide {
        return Some((words_text(chars, &tokens[i..end], &word), end, false));
    }
    Some((name, end, is_list))
}

/// Whether token i may open a person's name: a given name (through clitics), `عبد X`, a kunya
/// (أبو خالد، أم محمد) or a foreign family name the press uses alone.
fn opens_a_name(tokens: &[Token], i: usize) -> bool {
    let lex = lexicon();
    let Some(t) = tokens.get(i).filter(|t| t.is_word()) else { return false };
    if t.key == "باسم" && i.checked_sub(1).is_some_and(|p| speaks_for(&tokens[p].key)) {
        return false; // المتحدث باسم: in the name of
    }
    if t.key.ends_with("علي") {
        // على, the preposition, folds to the name علي: the name only before a name
        let next = tokens.get(i + 1);
        return !t.key.starts_with("ال")
            && next
                .is_some_and(|n| n.is_word() && !n.key.starts_with("ال") && !lex.not_names.contains(n.key.as_str()));
    }
    let given = |k: &str| lex.given.contains(k) || lex.surnames.contains(k);
    let next = tokens.get(i + 1).filter(|n| n.is_word());
    stems(&t.key).any(|s| given(&s))
        || (stems(&t.key).any(|s| s == "ابو" || s == "ام") && next.is_some_and(|n| given(&n.key)))
        || (stems(&t.key).any(|s| s == "عبد")
            && next.is_some_and(|n| n.key.starts_with("ال") && n.key.chars().count() > 3))
}

/// Words after which باسم means "in the name of".
fn speaks_for(key: &str) -> bool {
    stems(key).any(|s| {
        matches!(
            s.as_ref(),
            "المتحدث"
                | "متحدث"
                | "المتحدثه"
                | "متحدثه"
                | "الناطق"
                | "ناطق"
                | "الناطقه"
                | "ناطقه"
                | "الرسمي"
                | "الرسميه"
                | "الاعلامي"
                | "الاعلاميه"
                | "تحدث"
                | "تحدثت"
        )
    })
}

/// A person named without a title: a given name and up to three more name elements (given
/// names, `عبد X`, `بن X`, `أبو X`, family names, nisbas), stopping at function words, verbs,
/// titles and prepositions. A kunya (أم محمد) or a foreign family name the press uses alone
/// (بلينكن) is a name by itself.
fn person_by_name(chars: &[char], tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let lex = lexicon();
    let first = &tokens[i];
    let stem = stems(&first.key)
        .find(|s| {
            lex.given.contains(s.as_ref())
                || lex.surnames.contains(s.as_ref())
                || matches!(s.as_ref(), "ابو" | "ام" | "عبد")
        })?
        .into_owned();
    if stem == "علي" && chars.get(first.end.wrapping_sub(1)) == Some(&'ى') {
        return None; // على, the preposition
    }
    let kunya = stem == "ابو" || stem == "ام";
    let j = if kunya || stem == "عبد" { i + 2 } else { i + 1 };
    let foreign = FOREIGN.get_or_init(|| FOREIGN_GIVEN_NAMES.iter().map(|w| fold(w)).collect()).contains(&stem);
    // a family name the press uses alone ends the name (بلينكن نظراءه)
    let surname_only = lex.surnames.contains(stem.as_str()) && !lex.given.contains(stem.as_str());
    // عبد المجيد تبون بعهدة ثانية: after a compound given name, one family name is read
    // whatever follows it, as after a foreign given name
    let compound = stem == "عبد";
    let mut end = if surname_only { j } else { name_elements(tokens, j, 3, foreign) };
    if compound && end == j {
        let family = tokens.get(j).filter(|t| {
            t.is_word()
                && t.key.chars().count() >= 3
                && !lex.not_names.contains(t.key.as_str())
                && !t.key.starts_with('و')
        });
        if family.is_some() {
            end = j + 1;
        }
    }
    let alone = kunya || lex.surnames.contains(stem.as_str());
    if end == j && !alone {
        return None;
    }
    Some((words_text(chars, &tokens[i..end], &stem), end))
}

static FOREIGN: OnceLock<FxHashSet<String>> = OnceLock::new();

/// The end of up to `max` name elements from token j. `lenient`: after a foreign given name,
/// any word may be the family name (كريستيانو رونالدو).
fn name_elements(tokens: &[Token], j: usize, max: usize, lenient: bool) -> usize {
    let lex = lexicon();
    let mut end = j;
    let mut elements = 0;
    let mut definite = 0;
    let boundary = |k: usize| {
        tokens.get(k).is_none_or(|t| !t.is_word() || lex.not_names.contains(t.key.as_str()) || t.key.starts_with('و'))
    };
    while elements < max {
        let Some(t) = tokens.get(end).filter(|t| t.is_word() && t.key.chars().all(is_arabic_letter)) else { break };
        let key = t.key.as_str();
        let title_as_family = key.starts_with("ال") && lex.not_names.contains(key) && !FUNCTION_WORDS.contains(&key);
        let family_title = title_as_family && boundary(end + 1);
        if (lex.not_names.contains(key) && !family_title)
            || is_adjective(key)
            || (key.starts_with('و') && !lex.given.contains(key) && !lex.joiners.contains(key))
        {
            break;
        }
        if lex.joiners.contains(key) {
            // بن، ولد، أبو: the word after is part of the name, a title's word too (ولد الشيخ)
            if tokens.get(end + 1).is_none_or(|n| !n.is_word() || FUNCTION_WORDS.contains(&n.key.as_str())) {
                break;
            }
            end += 2;
        } else if lex.given.contains(key) || lex.surnames.contains(key) {
            end += 1;
        } else if places().match_at(tokens, end).is_some_and(|(p, _)| !places().info.get(p).is_some_and(|p| p.weak))
            || organizations().match_at(tokens, end).is_some()
            || (pattern_starters().contains(key) && !family_title)
        {
            break;
        } else if lenient {
            // a foreign name: one family name, never with the article
            if key.starts_with("ال") || key.chars().count() < 3 {
                break;
            }
            end += 1;
            break;
        } else if key.starts_with("ال") {
            // one family name with the article; a second only as a nisba (أحمد نجيب الشابي)
            let nisba = tokens.get(end).is_some_and(|t| t.key.ends_with('ي'));
            if definite > 0 && !nisba {
                break;
            }
            definite += 1;
            end += 1;
        } else if key.chars().count() >= 3
            && (boundary(end + 1) || tokens.get(end + 1).is_some_and(|n| lex.given.contains(n.key.as_str())))
        {
            // an unknown word is a family name only where the name visibly ends
            end += 1;
        } else {
            break;
        }
        elements += 1;
    }
    end
}

/// Heads of organization names: وزارة الصحة، منظمة أطباء بلا حدود، مفوضية الأمم المتحدة ….
const ORG_HEADS: &[&str] = &[
    "وزارة",
    "صحيفة",
    "جريدة",
    "وكالة",
    "بنك",
    "مصرف",
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
    "قوة",
    "كتائب",
    "مجموعة",
    "منتدى",
    "برنامج",
    "وحدة",
    "جمعية",
    "رابطة",
    "نقابة",
    "جبهة",
    "تحالف",
    "ائتلاف",
    "بعثة",
    "مديرية",
    "دائرة",
    "بلدية",
    "مستشفى",
    "جهاز",
    "شرطة",
    "بورصة",
    "مرصد",
    "شبكة",
    "منسقية",
    "أكاديمية",
    "غرفة",
    "نيابة",
    "قيادة",
    "مصلحة",
];
/// Heads with the article: they make a name only with an adjective or a complement after
/// them (الجيش الإسرائيلي، الهيئة العليا المستقلة للانتخابات).
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
    "المنظمة",
    "اللجنة",
    "المفوضية",
    "المديرية",
    "الجبهة",
    "المنتخب",
    "النيابة",
    "المركز",
    "الوكالة",
    "الجمعية",
    "الحركة",
    "الحزب",
    "المكتب",
    "الدفاع",
    "المنتدى",
    "التحالف",
    "الائتلاف",
    "المرصد",
    "المنسقية",
    "الصندوق",
    "البرنامج",
    "المؤسسة",
    "الرابطة",
    "النقابة",
];

/// A definite word that can only be an adjective of what stands before it: a listed one, a
/// nisba (الجوية، الفلسطينيين), a participle (المستقلة، المؤقتة), or a few of rank.
fn adjective_like(chars: &[char], t: &Token) -> bool {
    if !t.is_word() || !t.key.starts_with("ال") {
        return false;
    }
    let key = t.key.as_str();
    // written ي, not ى: الجرحى is a noun
    let ends_in_ya = chars.get(t.end.wrapping_sub(1)) == Some(&'ي');
    is_adjective(key)
        || key.ends_with("يه")
        || key.ends_with("يين")
        || key.ends_with("يون")
        || (ends_in_ya && key.chars().count() > 4)
        || (key.starts_with("الم") && key.ends_with('ه') && key.chars().count() > 5)
        || matches!(key, "العام" | "العامه" | "العليا" | "الاعلي" | "الكبري" | "الاحمر" | "الابيض" | "السريع")
}

/// Words that describe an organization without being part of its name: جبهة الخلاص الوطني
/// المعارضة.
const DESCRIPTORS: &[&str] = &[
    "المعارضه",
    "المعارض",
    "الحاكم",
    "الحاكمه",
    "الموالي",
    "المواليه",
    "المسلحه",
    "المسلح",
    "المتشدده",
    "المحظوره",
    "المذكوره",
    "المذكور",
    "المعنيه",
    "المعني",
    "المختصه",
    "المختص",
    "المحليه",
    "المحلي",
    "الرسمي",
    "الرسميه",
    "الاول",
    "الاولي",
    "الثاني",
    "الثانيه",
    "الوحيد",
    "الوحيده",
];

/// Heads that are also common nouns (مركز الزلزال، قوات الأمن، برنامج التمويل): a name only
/// with more than one word after them.
const COMMON_HEADS: &[&str] = &[
    "مركز",
    "برنامج",
    "قوات",
    "قوه",
    "مجموعه",
    "مكتب",
    "دايره",
    "جهاز",
    "شبكه",
    "قياده",
    "مصلحه",
    "المركز",
    "البرنامج",
    "المكتب",
    "المجموعه",
    "الوحده",
    "الصندوق",
    "الشبكه",
];

/// Whether a word may stand in an organization's name after its head.
fn name_word(t: &Token) -> bool {
    t.is_word() && t.key.chars().all(is_arabic_letter) && !lexicon().not_names.contains(t.key.as_str())
}

/// The genitive after a head or a ل: a known organization or place, a word with the article,
/// or up to two words without it closed by one of those (مستشفى شهداء الأقصى، لسكك حديد مصر).
/// `alone_ok`: one word without the article may close it (بلدية كفررمان).
fn genitive_end(tokens: &[Token], j: usize, alone_ok: bool) -> Option<usize> {
    let closes = |k: usize| -> Option<usize> {
        let t = tokens.get(k).filter(|t| name_word(t) && !t.key.starts_with('و'))?;
        if let Some((_, used)) = organizations().match_at(tokens, k) {
            return Some(k + used);
        }
        if let Some((_, used)) = places().match_at(tokens, k) {
            return Some(k + used);
        }
        t.key.starts_with("ال").then_some(k + 1)
    };
    if let Some(end) = closes(j) {
        return Some(end);
    }
    let t = tokens.get(j).filter(|t| name_word(t) && !t.key.starts_with('و'))?;
    if stems(&t.key).any(|s| s == "بلا") {
        return tokens.get(j + 1).filter(|n| name_word(n)).map(|_| j + 2);
    }
    // أطباء بلا حدود
    if tokens.get(j + 1).is_some_and(|n| n.key == "بلا") && tokens.get(j + 2).is_some_and(name_word) {
        return Some(j + 3);
    }
    for k in [j + 1, j + 2] {
        if k == j + 2 && !tokens.get(j + 1).is_some_and(|n| name_word(n) && !n.key.starts_with("ال")) {
            break;
        }
        if let Some(end) = closes(k) {
            return Some(end);
        }
    }
    let boundary = tokens.get(j + 1).is_none_or(|n| !name_word(n));
    (alone_ok && boundary && !pattern_starters().contains(t.key.as_str())).then_some(j + 1)
}

/// A head and its whole genitive and adjective chain: `الهيئة العامة للأرصاد الجوية السودانية`,
/// `وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين`, `منظمة أطباء بلا حدود`.
fn pattern_organization(chars: &[char], tokens: &[Token], i: usize) -> Option<(String, usize)> {
    static HEADS: OnceLock<(FxHashSet<String>, FxHashSet<String>)> = OnceLock::new();
    let (heads, definite) = HEADS.get_or_init(|| {
        (ORG_HEADS.iter().map(|w| fold(w)).collect(), DEFINITE_ORG_HEADS.iter().map(|w| fold(w)).collect())
    });
    let first = tokens.get(i).filter(|t| t.is_word())?;
    let (stem, indefinite) = stems(&first.key).find_map(|s| {
        if heads.contains(s.as_ref()) {
            Some((s.into_owned(), true))
        } else if definite.contains(s.as_ref()) {
            Some((s.into_owned(), false))
        } else {
            None
        }
    })?;
    let mut end = i + 1;
    if indefinite {
        end = genitive_end(tokens, end, true)?;
    }
    let before_chain = if indefinite { end } else { end + 1 };
    let mut complement = false;
    // adjectives, ل-complements (للانتخابات، لتنسيق الشؤون) and و-joined words of the chain
    let limit = i + 12;
    while end < limit {
        let Some(t) = tokens.get(end).filter(|t| name_word(t)) else { break };
        let key = t.key.as_str();
        let lex = lexicon();
        if DESCRIPTORS.contains(&key) {
            break;
        }
        if adjective_like(chars, t) {
            end += 1;
        } else if let Some(rest) = key.strip_prefix("لل") {
            // للانتخابات; not لليوم
            if rest.chars().count() < 2 || lex.not_names.contains(format!("ال{rest}").as_str()) {
                break;
            }
            complement = true;
            end += 1;
        } else if let Some(rest) = key.strip_prefix('ل').filter(|r| !key.starts_with("ال") && r.chars().count() > 2)
        {
            // لتنسيق الشؤون، لإغاثة وتشغيل اللاجئين; not لآخر التطورات
            if lex.not_names.contains(rest)
                || FUNCTION_WORDS.contains(&rest)
                || tokens.get(end + 1).is_none_or(|n| !name_word(n))
            {
                break;
            }
            complement = true;
            end = genitive_end(tokens, end + 1, false).unwrap_or(end + 1);
        } else if let Some(rest) = key.strip_prefix('و').filter(|_| end >= before_chain) {
            // والاجتماعية، والسكان، وتشغيل اللاجئين; not a second organization, not a name
            if heads.contains(rest) || definite.contains(rest) || rest.chars().count() < 3 || lex.given.contains(key) {
                break;
            }
            if rest.starts_with("ال") {
                end += 1;
            } else {
                match genitive_end(tokens, end + 1, false) {
                    Some(e) => end = e,
                    None => break,
                }
            }
        } else if end > i + 1
            && key.starts_with("ال")
            && key.ends_with('ه')
            && (tokens[end - 1].key.ends_with("ات") || tokens[end - 1].key.ends_with('ه'))
            && tokens[end - 1].key.starts_with("ال")
        {
            // الحالات الطارئة: a feminine adjective after a plural or feminine noun
            end += 1;
        } else {
            break;
        }
    }
    if !indefinite && end == i + 1 {
        return None;
    }
    if COMMON_HEADS.contains(&stem.as_str()) {
        // مركز الزلزال، المركز الصحي: a common noun, unless a complement or more follows
        let known_genitive = indefinite
            && (organizations().match_at(tokens, i + 1).is_some() || places().match_at(tokens, i + 1).is_some());
        let enough = if indefinite { end > i + 2 || known_genitive } else { complement };
        if !enough {
            return None;
        }
    }
    Some((words_text(chars, &tokens[i..end], &stem), end))
}

/// A role or title at token i: `المتحدث باسم الهلال الأحمر`, `وزير الخارجية`, `الوزير`.
/// Returns its text (the complement of a role included) and the token after it.
pub fn role_at(chars: &[char], tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let lex = lexicon();
    if let Some((name, used, _)) = match_words(&lex.roles, tokens, i) {
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
        Some((format!("{name} {}", complement.join(" ")), j))
    } else {
        match_words(&lex.titles, tokens, i).map(|(name, used, _)| (name.to_string(), i + used))
    }
}

/// `الوزير لويد أوستن`, `رئيس الوزراء الباكستاني شهباز شريف`: (name, role, end token).
fn person_after_role(
    chars: &[char],
    tokens: &[Token],
    i: usize,
    known: &HashSet<String>,
) -> Option<(String, String, usize)> {
    let lex = lexicon();
    let (role, mut j) = role_at(chars, tokens, i)?;
    while tokens.get(j).is_some_and(|t| t.is_word() && is_adjective(&t.key)) {
        j += 1;
    }
    let start = j;
    if opens_a_name(tokens, start) {
        if let Some((name, end)) = person_by_name(chars, tokens, start) {
            return Some((name, role, end));
        }
    }
    let mut base_words = 0;
    while j < tokens.len() && base_words < 2 {
        let t = &tokens[j];
        if !t.is_word()
            || !t.key.chars().all(is_arabic_letter)
            || lex.not_names.contains(t.key.as_str())
            || is_adjective(&t.key)
            || t.key.starts_with("لل")
            || t.key.starts_with("بال")
            || (t.key == "باسم" && j > 0 && speaks_for(&tokens[j - 1].key))
            || stems(&t.key).any(|s| pattern_starters().contains(s.as_ref()))
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
        let a_name = stems(&t.key).any(|s| lex.given.contains(s.as_ref()) || lex.surnames.contains(s.as_ref()));
        if (!a_name && places().match_at(tokens, j).is_some()) || organizations().match_at(tokens, j).is_some() {
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
    let mut context = Context::with_name_parts(&known_parts);
    // the gazetteer entry of each place listed: two spellings of one place are one place
    let mut place_index: Vec<Option<usize>> = Vec::new();
    for (p, text) in paragraphs.iter().map(String::as_str).chain(std::iter::once(title)).enumerate() {
        let is_title = p == paragraphs.len();
        context.dateline_end = if p == 0 { dateline_tokens(text) } else { 0 };
        let (found, _) = find_in(text, &mut context);
        // headlines drop words and lead with verbs: names are taken from the text only
        for (name, role) in found.people.into_iter().filter(|_| !is_title) {
            add_person(&mut people, &name, role);
        }
        if !is_title {
            for (p, index) in found.places {
                match index.and_then(|x| place_index.iter().position(|&y| y == Some(x))) {
                    Some(k) => place_list[k].mentions += 1,
                    None => {
                        if !place_list.iter().any(|m| m.name == p) {
                            place_index.push(index);
                        }
                        bump(&mut place_list, &p);
                    }
                }
            }
            for (o, _, _) in found.organizations {
                bump(&mut org_list, &o);
            }
        } else {
            // names only the title gives are still listed, counted once
            for (p, index) in found.places {
                let known = index.is_some_and(|x| place_index.contains(&Some(x)));
                if !known && !place_list.iter().any(|m| m.name == p) {
                    place_index.push(index);
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

/// How many tokens open a first paragraph as its dateline (`كسلا – …`): up to four words
/// before a dash.
fn dateline_tokens(text: &str) -> usize {
    let head: String = text.chars().take(60).collect();
    let tokens = tokenize(&head);
    tokens.iter().take(5).position(|t| matches!(t.kind, super::tokens::Kind::Mark('–' | '—' | '-'))).unwrap_or(0)
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
