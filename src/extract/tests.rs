//! The figure reader rule by rule, on sentences written for these tests.

use super::*;

/// (kind, value, label, qualifier, unit, currency) of every figure, in order.
fn figs(text: &str) -> Vec<(String, String, String, String, String, String)> {
    figs_on(text, None)
}

fn figs_on(text: &str, published: Option<&str>) -> Vec<(String, String, String, String, String, String)> {
    figures_in(text, published)
        .into_iter()
        .map(|f| {
            let s = |o: Option<String>| o.unwrap_or_default();
            (f.kind.name().to_string(), f.value.to_string(), s(f.label), s(f.qualifier), s(f.unit), s(f.currency))
        })
        .collect()
}

fn one(text: &str) -> (String, String, String, String, String, String) {
    let mut all = figs(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0)
}

fn kv(text: &str) -> (String, String) {
    let f = one(text);
    (f.0, f.1)
}

fn t(kind: &str, value: &str) -> (String, String) {
    (kind.to_string(), value.to_string())
}

#[test]
fn digits_of_every_script_and_separator() {
    assert_eq!(kv("وصل 1,250 زائرا"), t("count", "1250"));
    assert_eq!(kv("وصل ١٢٥٠ زائرا"), t("count", "1250"));
    assert_eq!(kv("وصل ۱۲۵۰ زائرا"), t("count", "1250"));
    assert_eq!(kv("وصل ١٬٢٥٠ زائرا"), t("count", "1250"));
    assert_eq!(kv("بلغ 2.5 مليون"), t("count", "2500000"));
    assert_eq!(kv("بلغ ٢٫٥ مليون"), t("count", "2500000"));
    assert_eq!(kv("بلغ 70240.12338 نقطة").1, "70240.12338", "digits keep every decimal");
}

#[test]
fn number_words_with_gender_case_construct_and_dual() {
    assert_eq!(kv("قتل ثلاثة وأربعون ألفا وخمسمئة شخص").1, "43500");
    assert_eq!(kv("هناك ألفا شخص").1, "2000");
    assert_eq!(kv("يعمل فيها عشرون ألفاً").1, "20000");
    assert_eq!(kv("وصل مليونين").1, "2000000");
    assert_eq!(kv("رصدت مئتي حالة").1, "200");
    assert_eq!(kv("خمسون مليار").1, "50000000000");
    assert_eq!(kv("ثلاث مئة وخمسون").1, "350");
    assert_eq!(kv("أحد عشر لاعبا").1, "11");
    assert_eq!(kv("ثماني عشرة سنة").1, "18");
}

#[test]
fn clitics_on_numbers() {
    assert_eq!(kv("وبخمسين جنيها"), t("money", "50"));
    assert_eq!(kv("تبرع بـ35 دولارا"), t("money", "35"));
    assert_eq!(kv("فاز بثلاثة أهداف"), t("count", "3"));
}

#[test]
fn fractions() {
    assert_eq!(kv("نحو نصف مليون نازح").1, "500000");
    assert_eq!(one("ربع ساعة"), ("duration".into(), "0.25".into(), "".into(), "".into(), "hour".into(), "".into()));
}

#[test]
fn ordinals_in_words_and_digits() {
    assert_eq!(kv("في يومها الـ391"), t("ordinal", "391"));
    assert_eq!(kv("لليوم الـ 27 على التوالي"), t("ordinal", "27"));
    assert_eq!(kv("للمرة الثالثة"), t("ordinal", "3"));
    assert_eq!(kv("في الذكرى الحادية والعشرين"), t("ordinal", "21"));
    assert_eq!(kv("الدورة الثالثة عشرة"), t("ordinal", "13"));
    assert_eq!(one("لليوم الـ 27").2, "day");
    assert_eq!(one("للمرة الثالثة").2, "time");
}

#[test]
fn approximate_quantities() {
    assert_eq!(
        one("سقط عشرات القتلى"),
        ("approx".into(), "10".into(), "killed".into(), "".into(), "".into(), "".into())
    );
    assert_eq!(kv("مئات المنازل"), t("approx", "100"));
    assert_eq!(one("نزح آلاف المدنيين").2, "people");
    assert_eq!(kv("عشرات الآلاف من النازحين"), t("approx", "10000"));
    assert_eq!(one("عشرات الآلاف من النازحين").2, "displaced");
    assert_eq!(kv("ملايين الدولارات"), t("approx", "1000000"));
}

#[test]
fn percentages() {
    assert_eq!(kv("ارتفع بنسبة 24.5%"), t("percent", "24.5"));
    assert_eq!(kv("ارتفع بنسبة ٢٤٫٥٪"), t("percent", "24.5"));
    assert_eq!(kv("تراجع 3 بالمئة"), t("percent", "3"));
    assert_eq!(kv("تراجع 3 في المائة"), t("percent", "3"));
    assert_eq!(kv("تراجع عشرة بالمائة"), t("percent", "10"));
}

#[test]
fn money_with_currencies_and_scaling() {
    assert_eq!(
        one("بقيمة 5 مليارات دولار"),
        ("money".into(), "5000000000".into(), "".into(), "".into(), "".into(), "USD".into())
    );
    assert_eq!(one("بلغ 300 مليون جنيه مصري").5, "EGP");
    assert_eq!(one("تكلف 20 ألف ريال سعودي").5, "SAR");
    assert_eq!(one("غرامة 500 درهم مغربي").5, "MAD");
    assert_eq!(one("بقيمة 2 مليون يورو").5, "EUR");
    assert_eq!(one("بيع بـ100 دينار كويتي").5, "KWD");
    assert_eq!(one("راتب 900 ليرة لبنانية").5, "LBP");
    assert_eq!(one("ثمنه $40").5, "USD");
    assert_eq!(one("تكلفة 75 جنيها إسترلينيا").5, "GBP");
}

#[test]
fn times_with_the_part_of_the_day() {
    assert_eq!(kv("وقع الانفجار عند 11:11 ليلا"), t("time", "23:11"));
    assert_eq!(kv("في الساعة 9:30 صباحا"), t("time", "09:30"));
    assert_eq!(kv("عند 18:05"), t("time", "18:05"));
    assert_eq!(kv("عند 3:00 ظهرا"), t("time", "15:00"));
}

#[test]
fn weekdays() {
    assert_eq!(kv("أعلنت اليوم الجمعة"), t("weekday", "friday"));
    assert_eq!(kv("ليلة الجمعة"), t("weekday", "friday"));
    assert_eq!(kv("تلقاه الرئيس اليوم (الثلاثاء)"), t("weekday", "tuesday"));
    assert_eq!(kv("يوم الاثنين المقبل"), t("weekday", "monday"));
    assert_eq!(kv("الخميس الماضي"), t("weekday", "thursday"));
    assert!(figs("اتفق الاثنان على اللقاء").iter().all(|f| f.0 != "weekday"), "two people, not Monday");
}

#[test]
fn durations_and_quantities_with_units() {
    assert_eq!(one("استمرت ثلاثة أيام"), ("duration".into(), "3".into(), "".into(), "".into(), "day".into(), "".into()));
    assert_eq!(one("منذ ستين عاما").4, "year");
    assert_eq!(one("بعد يومين").4, "day");
    assert_eq!(kv("بعد يومين").1, "2");
    assert_eq!(
        one("زلزال بقوة 6.8 درجات"),
        ("quantity".into(), "6.8".into(), "".into(), "".into(), "degree".into(), "".into())
    );
    assert_eq!(one("على بعد 18.5 كيلومتر").4, "km");
    assert_eq!(one("تنتج 500 ألف برميل").4, "barrel");
}

#[test]
fn qualifiers() {
    assert_eq!(one("قتل أكثر من 100 شخص").3, "more_than");
    assert_eq!(one("ما يزيد عن 50 جريحا").3, "more_than");
    assert_eq!(one("أقل من 10 أشخاص").3, "less_than");
    assert_eq!(one("نحو 300 مدني").3, "about");
    assert_eq!(one("حوالي 20 شخصا").3, "about");
    assert_eq!(one("قرابة 40 قتيلا").3, "about");
    assert_eq!(one("زهاء 70 معتقلا").3, "about");
    assert_eq!(one("تجاوز 1000 نازح").3, "more_than");
    assert_eq!(one("ما يصل إلى 15 مفقودا").3, "up_to");
    assert_eq!(one("نحو 3000 شخص").1, "3000");
}

#[test]
fn labels_from_the_noun_after_or_the_event_before() {
    for (text, label) in [
        ("43204 شهداء", "killed"),
        ("2822 شهيدا", "killed"),
        ("15 قتيلا", "killed"),
        ("ارتفاع عدد الوفيات إلى 12 حالة وفاة", "killed"),
        ("101641 مصابا", "injured"),
        ("12937 جريحا", "injured"),
        ("30 إصابة", "injured"),
        ("5 أشخاص", "people"),
        ("700 مواطن", "people"),
        ("20 معتقلا", "detained"),
        ("400 نازح", "displaced"),
        ("مقتل 26 شخصًا", "killed"),
        ("إصابة 9 أشخاص", "injured"),
        ("اعتقال 14 شابا", "detained"),
        ("بناء 40 مدرسة", "مدرسة"),
    ] {
        let all = figs(text);
        assert!(all.iter().any(|f| f.2 == label), "{text}: {all:?}");
    }
}

#[test]
fn dates_in_every_regional_month_name() {
    for (text, want) in [
        ("في 7 أكتوبر 2023", "2023-10-07"),
        ("منذ السابع من أكتوبر 2023", "2023-10-07"),
        ("في 1 تشرين الثاني 2024", "2024-11-01"),
        ("يوم 5 كانون الأول 2020", "2020-12-05"),
        ("في 12 جانفي 2021", "2021-01-12"),
        ("في 3 يوليوز 2019", "2019-07-03"),
        ("في 22 غشت 2018", "2018-08-22"),
        ("في مارس 2025", "2025-03"),
        ("وفي 10 مايو", "--05-10"),
        ("وفي 2022 قدمت", "2022"),
        ("عام 2014", "2014"),
        ("في 07/10/2023", "2023-10-07"),
        ("في 2023-10-07", "2023-10-07"),
    ] {
        assert_eq!(kv(text), t("date", want), "{text}");
    }
}

#[test]
fn hijri_dates() {
    let all = figures_in("في 15 رمضان 1445 هـ", None);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].value.to_string(), "1445-09-15");
    assert_eq!(all[0].calendar.as_deref(), Some("hijri"));
    assert_eq!(kv("في شهر رمضان"), t("date", "--09"));
}

#[test]
fn last_and_next_month_resolve_against_the_published_date() {
    assert_eq!(kv("في أبريل الماضي"), t("date", "--04"));
    let on = |text: &str, published: &str| figs_on(text, Some(published))[0].1.clone();
    assert_eq!(on("في أبريل الماضي", "2025-05-12"), "2025-04");
    assert_eq!(on("في أبريل الماضي", "2025-03-02"), "2024-04");
    assert_eq!(on("في يونيو المقبل", "2025-05-12"), "2025-06");
    assert_eq!(on("في يناير المقبل", "2025-05-12"), "2026-01");
}

#[test]
fn a_match_score_is_not_a_count() {
    assert!(figs("فاز الفريق بنتيجة 4-1 على ضيفه").is_empty());
    assert_eq!(figs("سجل 4 أهداف").len(), 1);
}

#[test]
fn numbers_inside_dates_are_not_counted_again() {
    let all = figs("منذ 7 أكتوبر 2023 إلى 43204 شهداء");
    assert_eq!(all.len(), 2, "{all:?}");
}

#[test]
fn words_that_look_like_numbers_are_not_figures() {
    for text in
        ["لست أدري", "أحد المسؤولين قال", "مارس الضغط على الحكومة", "قال الوزير إن الوضع صعب", "الثانية عشرة ظهرا"]
    {
        let all = figs(text);
        assert!(all.iter().all(|f| f.0 != "count"), "{text}: {all:?}");
    }
}

#[test]
fn spans_cover_the_figure_text_in_characters() {
    let text = "وأعلنت الوزارة، ️”ارتفاع الحصيلة إلى 43204 شهداء”";
    let f = figures_in(text, None).into_iter().find(|f| f.kind == FigureKind::Count).unwrap();
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[f.start..f.end].iter().collect::<String>(), "43204 شهداء");
    assert_eq!(f.text, "43204 شهداء");
}

fn seed() -> Vec<Story> {
    crate::article::parse_text::parse_text(include_str!("../../assets/articles/000_d88aa69e352b5fd0.txt"))
}

#[test]
fn the_seed_figures_exactly() {
    let stories = seed();
    let (facts, _) = extract_all(&stories.iter().collect::<Vec<_>>());
    let summary = |f: &Facts| -> Vec<String> {
        f.figures
            .iter()
            .map(|f| {
                let mut s = format!("{}:{}", f.kind.name(), f.value);
                for extra in [&f.label, &f.qualifier].into_iter().flatten() {
                    s.push(':');
                    s.push_str(extra);
                }
                s
            })
            .collect()
    };
    assert_eq!(
        summary(&facts[0]),
        vec![
            "weekday:friday",
            "ordinal:391:day",
            "approx:10:killed",
            "ordinal:27:day",
            "count:1250:killed:more_than",
            "date:2023-10-07",
            "count:43204:killed",
            "count:101641:injured",
            "count:2822:killed",
            "count:12937:injured",
            "date:2023-10-07",
        ]
    );
    assert_eq!(
        summary(&facts[1]),
        vec!["weekday:tuesday", "date:--04", "count:26:killed", "date:--05-10", "date:2022", "date:2025-03"]
    );
}

#[test]
fn the_seed_entities_and_quotes() {
    let stories = seed();
    let (facts, related) = extract_all(&stories.iter().collect::<Vec<_>>());
    let people: Vec<(String, Option<String>, usize)> =
        facts[0].people.iter().map(|p| (p.name.clone(), p.role.clone(), p.mentions)).collect();
    assert_eq!(
        people,
        vec![("لويد أوستن".into(), Some("الوزير".into()), 2), ("يوآف غالانت".into(), Some("نظيره".into()), 1)]
    );
    let names = |m: &[Mention]| m.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    for place in
        ["الولايات المتحدة", "واشنطن", "إسرائيل", "إيران", "لبنان", "غزة", "قطاع غزة", "جباليا", "بيت لاهيا", "بيت حانون"]
    {
        assert!(names(&facts[0].places).contains(&place.to_string()), "{place}");
    }
    assert_eq!(
        names(&facts[0].organizations),
        vec![
            "وزارة الدفاع الأمريكية",
            "البنتاغون",
            "وزارة الصحة الفلسطينية",
            "الجيش الإسرائيلي",
            "وزارة الحصة اللبنانية"
        ]
    );
    assert_eq!(facts[0].organizations.iter().find(|o| o.name == "البنتاغون").map(|o| o.mentions), Some(2));
    let speakers: Vec<Option<&str>> = facts[0].quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        vec![Some("أوستن"), Some("أوستن"), Some("وزارة الصحة الفلسطينية"), Some("وزارة الحصة اللبنانية")]
    );
    assert_eq!(facts[0].quotes[0].paragraph, 1);

    let people: Vec<&str> = facts[1].people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people, vec!["شهباز شريف", "عبد الفتاح السيسي"]);
    for place in
        ["مصر", "الهند", "باكستان", "جنوب آسيا", "باهالغام", "جامو", "كشمير", "السعودية", "تركيا", "أخنور", "راجوري"]
    {
        assert!(names(&facts[1].places).contains(&place.to_string()), "{place}");
    }
    assert_eq!(names(&facts[1].organizations), vec!["الرئاسة المصرية"]);
    // both stories speak of Gaza and the United States: they are related
    assert_eq!(related[1].first().map(|r| r.0), Some(0));
    assert!(related[1][0].1.contains(&"غزة".to_string()));
}
