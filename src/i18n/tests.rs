use super::*;
use crate::extract::lexicon;

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[test]
fn both_catalogs_have_every_key_with_the_same_parameters() {
    let en = Interface::default();
    let ar = Interface::arabic();
    for &m in Msg::ALL {
        let (e, a) = (en.text(m), ar.text(m));
        assert!(!e.is_empty() && !a.is_empty(), "{m:?} is empty in a language");
        let mut pe = parameters(e);
        let mut pa = parameters(a);
        pe.sort_unstable();
        pa.sort_unstable();
        assert_eq!(pe, pa, "{m:?}: the languages take different parameters");
        assert!(has_arabic(a), "{m:?} is not Arabic in the Arabic catalog: {a}");
        // the English search help names the Arabic letters it folds, nothing else is Arabic
        assert!(m == Msg::HelpSearch || !has_arabic(e), "{m:?} has Arabic in the English catalog: {e}");
    }
    for &c in Counted::ALL {
        for n in [0usize, 1, 2, 3, 10, 11, 99, 100, 101, 103, 111] {
            for interface in [en, ar] {
                let text = interface.count(c, n);
                assert!(!text.contains('{'), "{c:?} {n}: {text}");
                assert_eq!(has_arabic(&text), interface.lang == Lang::Ar, "{c:?} {n}: {text}");
            }
        }
    }
}

#[test]
fn arabic_counts_take_their_plural_forms() {
    let ar = Interface::arabic();
    let forms: Vec<String> = [1, 2, 3, 11, 100, 103, 0].iter().map(|&n| ar.count(Counted::Figures, n)).collect();
    assert_eq!(forms, ["رقم واحد", "رقمان", "3 أرقام", "11 رقمًا", "100 رقم", "103 أرقام", "لا أرقام"]);
    let indic = Interface { digits: Digits::ArabicIndic, ..ar };
    assert_eq!(indic.count(Counted::Figures, 1250), "١٬٢٥٠ رقمًا");
    let en = Interface::default();
    assert_eq!(en.count(Counted::Figures, 1), "1 figure");
    assert_eq!(en.count(Counted::Figures, 11), "11 figures");
    assert_eq!(en.count(Counted::Paragraphs, 2), "2 paragraphs");
}

#[test]
fn the_locale_picks_the_language_as_posix_does() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    };
    assert_eq!(Lang::from_locale(&env(&[("LANG", "ar_EG.UTF-8")])), Lang::Ar);
    assert_eq!(Lang::from_locale(&env(&[("LANG", "ar")])), Lang::Ar);
    assert_eq!(Lang::from_locale(&env(&[("LANG", "en_US.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_locale(&env(&[])), Lang::En);
    // LC_ALL before LC_MESSAGES before LANG; an empty one does not count
    assert_eq!(Lang::from_locale(&env(&[("LC_ALL", "C"), ("LANG", "ar_SA.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_locale(&env(&[("LC_ALL", ""), ("LC_MESSAGES", "ar_MA"), ("LANG", "C")])), Lang::Ar);
    assert_eq!(Lang::from_locale(&env(&[("LANG", "arn_CL.UTF-8")])), Lang::En, "Mapudungun is not Arabic");
    // the command line, then the config, then the locale
    let chosen = InterfaceChoices { lang: Some(Lang::En), ..InterfaceChoices::default() };
    let config = InterfaceChoices { lang: Some(Lang::Ar), digits: Some(Digits::ArabicIndic), months: None };
    let interface = chosen.or(config).resolve(&env(&[("LANG", "ar_EG.UTF-8")]));
    assert_eq!((interface.lang, interface.digits), (Lang::En, Digits::ArabicIndic));
    assert_eq!(InterfaceChoices::default().resolve(&env(&[("LANG", "ar_EG.UTF-8")])).lang, Lang::Ar);
}

#[test]
fn every_word_the_extractor_writes_has_an_arabic_term() {
    let mut words: Vec<&str> = Vec::new();
    for table in [
        lexicon::LABEL_NOUNS,
        lexicon::EVENT_NOUNS,
        lexicon::QUALIFIERS,
        lexicon::TIME_UNITS,
        lexicon::DUAL_TIME_UNITS,
        lexicon::MEASURE_UNITS,
        lexicon::WEEKDAYS,
        lexicon::ORDINAL_LABELS,
        lexicon::OUTCOME_WORDS,
        lexicon::BUILDING_NOUNS,
    ] {
        words.extend(table.iter().map(|(_, w)| *w));
    }
    for (_, default, adjectives) in lexicon::CURRENCIES {
        words.extend(default.iter().copied());
        words.extend(adjectives.iter().map(|(_, code)| *code));
    }
    words.extend(["celsius", "richter", "family", "destroyed", "damaged"]);
    let ar = Interface::arabic();
    for w in words {
        assert!(has_arabic(&ar.term(w)), "no Arabic for '{w}'");
    }
    assert_eq!(Interface::default().term("more_than"), "more than", "English as before");
    assert_eq!(ar.term("مسعفين"), "مسعفين", "an Arabic label is kept");
}

#[test]
fn dates_are_written_with_month_names_in_arabic_and_iso_in_english() {
    let ar = Interface::arabic();
    assert_eq!(ar.date("2024-11-01", Months::Egyptian, false), "1 نوفمبر 2024");
    assert_eq!(ar.date("2024-01-03", Months::Levantine, false), "3 كانون الثاني 2024");
    assert_eq!(ar.date("2025-06", Months::Maghrebi, false), "جوان 2025");
    assert_eq!(ar.date("--05-10", Months::Egyptian, false), "10 مايو");
    assert_eq!(ar.date("2022", Months::Egyptian, false), "2022");
    assert_eq!(ar.date("1445-09-01", Months::Egyptian, true), "1 رمضان 1445 هـ");
    assert_eq!(ar.date("2024-13-01", Months::Egyptian, false), "2024-13-01", "no such month: as written");
    let indic = Interface { digits: Digits::ArabicIndic, ..ar };
    assert_eq!(indic.date("2023-10-07", Months::Egyptian, false), "٧ أكتوبر ٢٠٢٣");
    assert_eq!(Interface::default().date("2024-11-01", Months::Levantine, false), "2024-11-01");
}

#[test]
fn templates_fill_their_parameters_and_leave_other_braces() {
    assert_eq!(fill("story {k}/{n}", &[("k", "1"), ("n", "2")]), "story 1/2");
    assert_eq!(fill("{a} {unknown} {", &[("a", "x")]), "x {unknown} {");
    assert_eq!(parameters("{help} help · {quit} quit"), ["help", "quit"]);
}
