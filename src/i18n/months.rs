//! Month names for the dates the interface writes, in the three families Arabic news uses,
//! and which family a story itself uses.

use super::Months;
use crate::arabic::fold;

const EGYPTIAN: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const LEVANTINE: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const MAGHREBI: [&str; 12] =
    ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const HIJRI: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

/// The name of `month` (1–12) in a family, or in the Hijri calendar.
pub fn month_name(month: u32, months: Months, hijri: bool) -> Option<&'static str> {
    let table = if hijri {
        &HIJRI
    } else {
        match months {
            Months::Egyptian => &EGYPTIAN,
            Months::Levantine => &LEVANTINE,
            Months::Maghrebi => &MAGHREBI,
        }
    };
    table.get(usize::try_from(month).ok()?.checked_sub(1)?).copied()
}

/// Words only one family uses (folded). Names two families share (مارس، سبتمبر…) and names
/// that are also common words (آب "father", ماي) say nothing.
const TELLING: &[(&str, Months)] = &[
    ("يناير", Months::Egyptian),
    ("فبراير", Months::Egyptian),
    ("ابريل", Months::Egyptian),
    ("مايو", Months::Egyptian),
    ("يونيو", Months::Egyptian),
    ("يونيه", Months::Egyptian),
    ("يوليو", Months::Egyptian),
    ("يوليه", Months::Egyptian),
    ("اغسطس", Months::Egyptian),
    ("كانون", Months::Levantine),
    ("شباط", Months::Levantine),
    ("اذار", Months::Levantine),
    ("نيسان", Months::Levantine),
    ("ايار", Months::Levantine),
    ("حزيران", Months::Levantine),
    ("تموز", Months::Levantine),
    ("ايلول", Months::Levantine),
    ("تشرين", Months::Levantine),
    ("جانفي", Months::Maghrebi),
    ("فيفري", Months::Maghrebi),
    ("افريل", Months::Maghrebi),
    ("جوان", Months::Maghrebi),
    ("جويليه", Months::Maghrebi),
    ("اوت", Months::Maghrebi),
    ("يوليوز", Months::Maghrebi),
    ("غشت", Months::Maghrebi),
    ("شتنبر", Months::Maghrebi),
    ("نونبر", Months::Maghrebi),
    ("دجنبر", Months::Maghrebi),
];

/// How much of a story is read to tell its month names: the first paragraphs say it.
const LOOK_AT: usize = 64 * 1024;

/// The month names a text uses, by the family named most often; `None` when it names no
/// month only one family uses.
pub fn months_used<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Months> {
    let mut seen = [0usize; 3];
    let mut budget = LOOK_AT;
    for text in texts {
        if budget == 0 {
            break;
        }
        let cut = text.char_indices().nth(budget).map_or(text.len(), |(i, _)| i);
        budget = budget.saturating_sub(cut);
        let folded = fold(&text[..cut]);
        for word in folded.split(|c: char| !c.is_alphabetic()) {
            let word = word.strip_prefix('و').filter(|w| w.chars().count() > 2).unwrap_or(word);
            if let Some((_, family)) = TELLING.iter().find(|(name, _)| *name == word) {
                seen[*family as usize] += 1;
            }
        }
    }
    let (best, &count) = seen.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (count > 0).then(|| [Months::Egyptian, Months::Levantine, Months::Maghrebi][best])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_tells_its_month_names() {
        assert_eq!(months_used(["وقع ذلك في 3 كانون الثاني الماضي"]), Some(Months::Levantine));
        assert_eq!(months_used(["في 5 جانفي 2024 بالجزائر"]), Some(Months::Maghrebi));
        assert_eq!(months_used(["يوم 7 أكتوبر", "منذ يناير الماضي"]), Some(Months::Egyptian));
        assert_eq!(months_used(["في 7 أكتوبر 2023"]), None, "a name every family writes tells nothing");
        assert_eq!(months_used(["قال الأب إن ..."]), None);
    }

    #[test]
    fn names_by_family() {
        assert_eq!(month_name(1, Months::Egyptian, false), Some("يناير"));
        assert_eq!(month_name(1, Months::Levantine, false), Some("كانون الثاني"));
        assert_eq!(month_name(1, Months::Maghrebi, false), Some("جانفي"));
        assert_eq!(month_name(9, Months::Egyptian, true), Some("رمضان"));
        assert_eq!(month_name(13, Months::Egyptian, false), None);
        assert_eq!(month_name(0, Months::Egyptian, false), None);
    }
}
