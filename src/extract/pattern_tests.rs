//! The patterns of issue 14 one by one, with the negative cases it names: people without
//! titles, places in context, organizations by full name, who said it, figure labels.

use super::*;

/// The facts of a one-story text (title, date line, then one paragraph a line).
fn facts_of(paragraphs: &[&str]) -> Facts {
    let story = Story {
        title: "عنوان".into(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        ..Story::default()
    };
    extract_story(&story, &[])
}

fn people(paragraph: &str) -> Vec<String> {
    facts_of(&[paragraph]).people.into_iter().map(|p| p.name).collect()
}

fn places(paragraphs: &[&str]) -> Vec<String> {
    facts_of(paragraphs).places.into_iter().map(|p| p.name).collect()
}

fn orgs(paragraph: &str) -> Vec<String> {
    facts_of(&[paragraph]).organizations.into_iter().map(|p| p.name).collect()
}

fn speakers(paragraphs: &[&str]) -> Vec<Option<String>> {
    facts_of(paragraphs).quotes.into_iter().map(|q| q.speaker).collect()
}

/// (value, label, unit) of the counting figures of a sentence.
fn counts(text: &str) -> Vec<(String, String, String)> {
    figures_in(text, None)
        .into_iter()
        .filter(|f| matches!(f.kind, FigureKind::Count | FigureKind::Approx | FigureKind::Quantity))
        .map(|f| (f.value.to_string(), f.label.unwrap_or_default(), f.unit.unwrap_or_default()))
        .collect()
}

fn c(value: &str, label: &str, unit: &str) -> (String, String, String) {
    (value.into(), label.into(), unit.into())
}

#[test]
fn people_without_a_title() {
    assert_eq!(people("وقالت فاطمة آدم، وهي أم لخمسة أطفال، إن البيت سقط."), vec!["فاطمة آدم"]);
    assert_eq!(people("وأكد حسن محمد نور أن الآبار جفت."), vec!["حسن محمد نور"]);
    assert_eq!(people("وقال الطبيب عبد الرحمن الأهدل إن المركز مكتظ."), vec!["عبد الرحمن الأهدل"]);
    assert_eq!(people("قال أبو خالد الحموي إن الخيام غرقت."), vec!["أبو خالد الحموي"]);
    assert_eq!(people("وقالت أم محمد، النازحة من المدينة، إن الشتاء قاس."), vec!["أم محمد"]);
    assert_eq!(people("فاز محمد ولد الشيخ الغزواني بولاية ثانية."), vec!["محمد ولد الشيخ الغزواني"]);
    assert_eq!(people("وضمت القائمة أشرف حكيمي وإبراهيم دياز."), vec!["أشرف حكيمي", "إبراهيم دياز"]);
    // a foreign given name takes one family name, without the article
    assert_eq!(people("وافتتح كريستيانو رونالدو التسجيل للنصر."), vec!["كريستيانو رونالدو"]);
    // a foreign family name the press uses alone
    assert_eq!(people("والتقى بلينكن نظراءه في الرياض."), vec!["بلينكن"]);
    // a compound given name takes its family name whatever follows
    assert_eq!(people("وأعلن فوز عبد المجيد تبون بعهدة ثانية."), vec!["عبد المجيد تبون"]);
    // after a word that stands before names (المرشح، القيادي), not the pronoun after it
    assert_eq!(people("ودعا القيادي فيها أحمد نجيب الشابي إلى الحوار."), vec!["أحمد نجيب الشابي"]);
    assert_eq!(people("وحل المرشح يوسف أوشيش ثالثا."), vec!["يوسف أوشيش"]);
}

#[test]
fn names_stop_at_function_words_verbs_and_prepositions() {
    assert_eq!(people("وقال سالم الدوسري النتيجة لا تعكس الأداء."), vec!["سالم الدوسري"]);
    assert_eq!(people("التقى محمد أحمد في القاهرة."), vec!["محمد أحمد"]);
    // a given name alone is not yet a person
    assert!(people("وصل محمد إلى المطار.").is_empty());
}

#[test]
fn clitics_are_split_before_a_word_is_tried() {
    // لوزارة is ل + وزارة, not a name; باسم after a spokesman is "in the name of"
    assert!(people("وأعلن المتحدث باسم الدفاع المدني أن الفرق تعمل.").is_empty());
    assert_eq!(orgs("قدمت الدعم لوزارة الصحة اليمنية."), vec!["وزارة الصحة اليمنية"]);
    assert!(people("قدمت الدعم لوزارة الصحة اليمنية.").is_empty());
    assert_eq!(people("وقال المتحدث باسم الدفاع المدني محمود بصل إن الطواقم تعمل."), vec!["محمود بصل"]);
    // على, the preposition, is no name
    assert!(people("غارة على سيارة قرب البلدة.").is_empty());
}

#[test]
fn a_person_named_in_full_then_by_one_element_is_one_person() {
    let facts = facts_of(&["وقال عثمان الطيب إن المياه غمرت القرى.", "وأوضح الطيب أن الطرق مقطوعة."]);
    let people: Vec<(&str, usize)> = facts.people.iter().map(|p| (p.name.as_str(), p.mentions)).collect();
    assert_eq!(people, vec![("عثمان الطيب", 2)]);
}

#[test]
fn places_from_the_gazetteer_with_country_and_region() {
    assert_eq!(places(&["وصلت القافلة إلى كسلا مساء أمس."]), vec!["كسلا"]);
    assert_eq!(places(&["سيول في طهطا بمحافظة سوهاج."]), vec!["طهطا", "محافظة سوهاج"]);
    let tahta = gazetteer::place_info("طهطا").unwrap();
    assert_eq!((tahta.country.and_then(gazetteer::country_name), tahta.region), (Some("مصر"), Some("سوهاج")));
}

#[test]
fn districts_camps_and_villages_by_their_word_of_place() {
    assert_eq!(places(&["استهدفت الغارة منزلا في حي البركة."]), vec!["حي البركة"]);
    assert_eq!(places(&["فروا إلى مخيم أبو شوك."]), vec!["مخيم أبو شوك"]);
    assert_eq!(places(&["وصلت إلى بلدة كفررمان."]), vec!["كفررمان"]);
    assert_eq!(places(&["من قرية تندلاي."]), vec!["تندلاي"]);
    assert_eq!(places(&["في ولاية كسلا."]), vec!["ولاية كسلا"]);
    assert_eq!(places(&["في إقليم الحوز."]), vec!["إقليم الحوز"]);
    assert_eq!(places(&["في منطقة العشار."]), vec!["العشار"]);
    assert_eq!(places(&["في محليتي أروما وود الحليو."]), vec!["أروما", "ود الحليو"]);
    assert_eq!(places(&["في أحياء الجابريات والهدف."]), vec!["الجابريات", "الهدف"]);
    // what kind of place, not which
    for text in ["في منطقة عسكرية مغلقة.", "في قرية صغيرة.", "منطقة سكنية مكتظة.", "مخيمات قرب الحدود."]
    {
        assert!(places(&[text]).is_empty(), "{text}: {:?}", places(&[text]));
    }
}

#[test]
fn names_that_are_common_words_are_places_only_in_place_contexts() {
    // صور: pictures, or Tyre; العقبة: an obstacle, or Aqaba; الأمل: hope
    assert!(places(&["انتشرت صور الضحايا على المواقع."]).is_empty());
    assert!(places(&["أزال الاتفاق العقبة الأخيرة."]).is_empty());
    assert!(places(&["يحدوهم الأمل في العودة."]).is_empty());
    assert_eq!(places(&["قصف في مدينة صور."]), vec!["صور"]);
    assert_eq!(places(&["وصلوا إلى العقبة ليلا."]), vec!["العقبة"]);
    // in the dateline, then anywhere in the story
    assert_eq!(places(&["صور – انتشرت صور الضحايا.", "وتعيش صور يوما صعبا."]), vec!["صور"]);
    // المدينة: the city, or Medina: only after a word of place
    assert!(places(&["عاد الهدوء إلى المدينة."]).is_empty());
    // بالكامل is no place
    assert!(places(&["دمرت المنازل بالكامل."]).is_empty());
}

#[test]
fn organizations_by_their_full_name() {
    for name in [
        "مفوضية الأمم المتحدة السامية لشؤون اللاجئين",
        "الهيئة العامة للاستعلامات",
        "منظمة أطباء بلا حدود",
        "المجلس الأعلى للقضاء",
        "الهيئة العامة للأرصاد الجوية السودانية",
        "وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين",
        "وزارة الصحة والسكان المصرية",
        "جهاز الإسعاف والطوارئ",
        "مستشفى شهداء الأقصى",
        "بنك الكويت المركزي",
    ] {
        assert_eq!(orgs(&format!("وقالت {name} في بيان إن الوضع صعب.")), vec![name], "{name}");
    }
    // the chain stops where the organization's name does
    assert_eq!(orgs("وقالت جبهة الخلاص الوطني المعارضة إن الشارع قاطع."), vec!["جبهة الخلاص الوطني"]);
    assert_eq!(orgs("واصلت القوات الإسرائيلية لليوم الثامن عمليتها."), vec!["القوات الإسرائيلية"]);
}

#[test]
fn known_short_names_and_the_same_organization_in_brackets() {
    assert_eq!(orgs("وقالت الأونروا إن مدارسها مغلقة."), vec!["الأونروا"]);
    assert_eq!(orgs("وذكر مكتب أوتشا أن الأوضاع صعبة."), vec!["مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية"]);
    assert_eq!(orgs("وغرّم فيفا النادي."), vec!["الاتحاد الدولي لكرة القدم"]);
    assert_eq!(
        orgs("وقالت منظمة الأمم المتحدة للطفولة (يونيسف) إنها أرسلت مساعدات."),
        vec!["منظمة الأمم المتحدة للطفولة"]
    );
}

#[test]
fn generic_phrases_are_not_organizations() {
    for text in [
        "وتعمل فرق الإنقاذ على مدار الساعة.",
        "وقالت السلطات المحلية إن الطرق مقطوعة.",
        "يقع مركز الزلزال قرب القرية.",
        "وانتشرت قوات الأمن في الشوارع.",
        "وحل الفريق في المركز الثاني.",
    ] {
        assert!(orgs(text).is_empty(), "{text}: {:?}", orgs(text));
    }
}

#[test]
fn speakers_before_and_after_a_quote() {
    let s = |t: &str| speakers(&[t]);
    assert_eq!(s("وقال عثمان الطيب إن \"المياه غمرت أكثر من أربعين قرية\"."), vec![Some("عثمان الطيب".into())]);
    assert_eq!(s("\"المياه غمرت أكثر من أربعين قرية\"، قال عثمان الطيب."), vec![Some("عثمان الطيب".into())]);
    assert_eq!(
        s("وأكدت المنظمة الدولية للهجرة أن \"الوضع في المخيمات كارثي تماما\"."),
        vec![Some("المنظمة الدولية للهجرة".into())]
    );
    assert_eq!(
        s("\"الوضع في المخيمات كارثي تماما\"، بحسب المنظمة الدولية للهجرة."),
        vec![Some("المنظمة الدولية للهجرة".into())]
    );
}

#[test]
fn a_role_phrase_is_a_speaker() {
    assert_eq!(
        speakers(&["وقال المتحدث باسم الهلال الأحمر إن \"الفرق تعمل على مدار الساعة\"."]),
        vec![Some("المتحدث باسم الهلال الأحمر".into())]
    );
}

#[test]
fn a_continuing_speaker_and_a_verb_with_no_subject() {
    assert_eq!(
        speakers(&["وقال محمود بصل إن \"طواقمنا انتشلت جثث الضحايا\".", "وأضاف: \"الاحتلال يستهدف البيوت المأهولة\"."]),
        vec![Some("محمود بصل".into()), Some("محمود بصل".into())]
    );
    assert_eq!(
        speakers(&[
            "وقالت الوكالة إن \"القرار جاء بعد دراسة\".",
            "وتوقعت هالة السعيد أن يبدأ الخفض قريبا، وقالت: \"الضغوط على الجنيه تراجعت\"."
        ]),
        vec![None, Some("هالة السعيد".into())]
    );
    // قال البنك: the bank the story named in full
    assert_eq!(
        speakers(&[
            "قرر البنك المركزي المصري تثبيت الفائدة.",
            "وقال البنك في بيان إن \"القرار يعكس التطورات الأخيرة\"."
        ]),
        vec![Some("البنك المركزي المصري".into())]
    );
}

#[test]
fn families_that_fled_are_displaced_families() {
    assert_eq!(counts("أدت السيول إلى نزوح 1200 أسرة."), vec![c("1200", "displaced", "family")]);
    assert_eq!(counts("فرت 7 آلاف أسرة من المدينة."), vec![c("7000", "displaced", "family")]);
    assert_eq!(counts("وصلت 6400 أسرة إلى المخيمات بعد أن فرت من القرى."), vec![c("6400", "displaced", "family")]);
    assert_eq!(counts("تشرد آلاف الأسر."), vec![c("1000", "displaced", "family")]);
    // families counted with no flight in sight keep their noun
    assert_eq!(counts("تستفيد 300 أسرة من البرنامج."), vec![c("300", "أسرة", "family")]);
}

#[test]
fn missing_killed_and_injured_from_the_words_around() {
    assert_eq!(counts("لا يزال ثلاثة أطفال في عداد المفقودين."), vec![c("3", "missing", "")]);
    assert_eq!(counts("لقي 13 مهاجرا حتفهم."), vec![c("13", "killed", "")]);
    assert_eq!(counts("وانتشلت الفرق 260 جثة."), vec![c("260", "killed", "")]);
    assert_eq!(counts("ارتفع عدد الضحايا إلى 40 ضحية."), vec![c("40", "killed", "")]);
    assert_eq!(counts("وقال إن 12 طفلا توفوا بسبب الجوع."), vec![c("12", "killed", "")]);
    assert_eq!(counts("وأصيب 23 آخرون بجروح."), vec![c("23", "injured", "")]);
    assert_eq!(counts("نقل 140 جريحا و45 مصابا."), vec![c("140", "injured", ""), c("45", "injured", "")]);
    // who they were stays when nothing says what befell them
    assert_eq!(counts("بينهم أربعة أطفال، وأصيب آخرون."), vec![c("4", "children", "")]);
}

#[test]
fn houses_buildings_and_schools_destroyed_or_damaged() {
    assert_eq!(counts("ودمرت السيول 850 منزلا بالكامل."), vec![c("850", "destroyed", "house")]);
    assert_eq!(counts("وهدمت الجرافات 40 منزلا."), vec![c("40", "destroyed", "house")]);
    assert_eq!(counts("وتضرر نحو 300 منزل."), vec![c("300", "damaged", "house")]);
    assert_eq!(counts("غمرت المياه 45 منزلا."), vec![c("45", "damaged", "house")]);
    assert_eq!(counts("وانهارت 12 مدرسة بشكل جزئي."), vec![c("12", "damaged", "school")]);
    assert_eq!(counts("انهار 3 مبان سكنية."), vec![c("3", "destroyed", "building")]);
    // building, not destroying
    assert_eq!(counts("بناء 40 مدرسة."), vec![c("40", "مدرسة", "")]);
}

#[test]
fn richter_magnitudes() {
    assert_eq!(counts("ضرب زلزال بقوة 5.9 درجات على مقياس ريختر."), vec![c("5.9", "", "richter")]);
    // temperatures keep their degrees
    assert_eq!(counts("بلغت الحرارة 51 درجة مئوية."), vec![c("51", "", "celsius")]);
}

#[test]
fn numbers_that_name_or_date_are_not_counts() {
    assert!(counts("اصطدم القطار رقم 2011 بقطار متوقف.").is_empty());
    assert!(counts("تصفيات كأس العالم 2026.").is_empty());
}
