//! Interface strings in English and Arabic, and locale-aware date formatting.

use crate::EntityKind;

/// Interface language (independent of the article's language).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Ui {
    En,
    Ar,
}

impl Ui {
    pub fn code(self) -> &'static str {
        match self {
            Ui::En => "en",
            Ui::Ar => "ar",
        }
    }
    pub fn dir(self) -> &'static str {
        match self {
            Ui::En => "ltr",
            Ui::Ar => "rtl",
        }
    }
    pub fn parse(code: &str) -> Option<Ui> {
        match code {
            "en" => Some(Ui::En),
            "ar" => Some(Ui::Ar),
            _ => None,
        }
    }
    pub fn other(self) -> Ui {
        match self {
            Ui::En => Ui::Ar,
            Ui::Ar => Ui::En,
        }
    }
}

/// (key, English, Arabic)
const STRINGS: &[(&str, &str, &str)] = &[
    ("app.tagline", "Who said what, when, where — in any news article", "من قال ماذا، ومتى، وأين — في أي خبر"),
    ("tab.article", "Article", "النص"),
    ("tab.entities", "Entities", "الكيانات"),
    ("tab.timeline", "Timeline", "التسلسل"),
    ("tab.map", "Map", "الخريطة"),
    ("tabs.label", "Views", "طرق العرض"),
    ("input.label", "Article text", "نص الخبر"),
    ("input.placeholder", "Paste a news article here (Arabic or English)…", "الصق نص الخبر هنا (بالعربية أو الإنجليزية)…"),
    ("input.file", "Open file…", "فتح ملف…"),
    ("input.date", "Article date", "تاريخ الخبر"),
    ("input.lang", "Language", "اللغة"),
    ("lang.auto", "Detect", "تلقائي"),
    ("lang.ar", "Arabic", "العربية"),
    ("lang.en", "English", "الإنجليزية"),
    ("input.detected", "detected", "مكتشفة"),
    ("input.example", "Try an example", "جرّب مثالاً"),
    ("input.clear", "Clear", "مسح"),
    ("input.edit", "Edit text", "تحرير النص"),
    ("skip.label", "Skip to a pane", "انتقل إلى قسم"),
    ("skip.article", "Skip to the article", "انتقل إلى النص"),
    ("skip.timeline", "Skip to the statements", "انتقل إلى التصريحات"),
    ("skip.entities", "Skip to the names", "انتقل إلى الأسماء"),
    ("skip.map", "Skip to the map", "انتقل إلى الخريطة"),
    ("share.button", "Copy link", "نسخ الرابط"),
    ("share.label", "Share link", "رابط المشاركة"),
    ("share.copied", "Link copied to the clipboard.", "نُسخ الرابط."),
    ("share.shown", "Link ready: copy it from the box.", "الرابط جاهز: انسخه من الحقل."),
    (
        "share.long",
        "This link is very long and may be cut by some apps; export the JSON file instead.",
        "هذا الرابط طويل جداً وقد تقطعه بعض التطبيقات؛ صدّر ملف JSON بدلاً منه.",
    ),
    ("engine.analysing", "Analysing", "جارٍ تحليل"),
    (
        "engine.page",
        "Analysis runs on this page (the browser could not start a background worker): long articles may pause the page.",
        "يجري التحليل في الصفحة نفسها (تعذّر تشغيل عامل في الخلفية): قد تتوقف الصفحة قليلاً مع النصوص الطويلة.",
    ),
    ("engine.failed", "The analysis failed", "تعذّر التحليل"),
    (
        "engine.trapped",
        "The analysis stopped on an internal error. Your text is kept, and a fresh analyser has started: edit the text to try again.",
        "توقف التحليل بسبب خطأ داخلي. نصك محفوظ، وبدأ محلّل جديد: عدّل النص لتحاول مرة أخرى.",
    ),
    ("share.broken", "This link could not be opened", "تعذّر فتح هذا الرابط"),
    ("share.no_text", "it carries no article text.", "لا يحمل نص خبر."),
    ("export.title", "Export", "تصدير"),
    ("export.json", "Analysis (JSON)", "التحليل (JSON)"),
    ("export.geojson", "Places (GeoJSON)", "الأماكن (GeoJSON)"),
    ("export.csv", "Statements (CSV)", "التصريحات (CSV)"),
    ("export.timeline", "TimelineJS", "TimelineJS"),
    ("guide.title", "How to read an article with Khabar", "كيف تقرأ خبراً مع «خبر»"),
    (
        "guide.step1",
        "Paste a news article above, or open or drop a .txt, .md or .html file.",
        "الصق نص خبر في الأعلى، أو افتح ملف ‎.txt أو ‎.md أو ‎.html أو اسحبه إلى الصفحة.",
    ),
    (
        "guide.step2",
        "Check the article date: relative times (yesterday, next week) are resolved against it.",
        "تحقق من تاريخ الخبر: تُحسب العبارات النسبية (أمس، الأسبوع المقبل) بالنسبة إليه.",
    ),
    (
        "guide.step3",
        "Click a name to see its mentions, its statements and its place on the map; click a statement to find it in the text.",
        "انقر اسماً لترى مواضع ذكره وتصريحاته ومكانه على الخريطة؛ وانقر تصريحاً لتجده في النص.",
    ),
    ("guide.example_ar", "Example in Arabic", "مثال بالعربية"),
    ("guide.example_en", "Example in English", "مثال بالإنجليزية"),
    (
        "guide.note",
        "The examples were written for Khabar; their people are fictional. Everything runs in your browser: nothing you paste leaves this page unless you share a link.",
        "كُتب المثالان لـ«خبر» وشخصياتهما خيالية. يجري كل شيء في متصفحك: لا يغادر ما تلصقه هذه الصفحة إلا إذا شاركت رابطاً.",
    ),
    ("library.title", "Library", "المكتبة"),
    ("library.add", "Save this article", "حفظ هذا الخبر"),
    ("library.saved", "Saved to the library in this browser.", "حُفظ في مكتبة هذا المتصفح."),
    ("library.remove", "Remove", "إزالة"),
    ("library.error", "Library", "المكتبة"),
    (
        "library.unavailable",
        "Storage is turned off in this browser (private mode or a setting): saved articles last only until this page is closed.",
        "التخزين معطّل في هذا المتصفح (التصفح الخاص أو أحد الإعدادات): تبقى الأخبار المحفوظة حتى إغلاق هذه الصفحة فقط.",
    ),
    (
        "library.not_saved",
        "the library could not be saved (storage may be full). The article stays in the editor and in the list until this page is closed; export it as JSON to keep it",
        "تعذّر حفظ المكتبة (ربما امتلأ التخزين). يبقى الخبر في المحرر وفي القائمة حتى إغلاق الصفحة؛ صدّره بصيغة JSON للاحتفاظ به",
    ),
    (
        "library.refused",
        "The stored library is left untouched (written by a newer Khabar, or unreadable): changes here last only until this page is closed.",
        "تُركت المكتبة المخزنة كما هي (كتبها إصدار أحدث من «خبر» أو تعذّرت قراءتها): تبقى التغييرات هنا حتى إغلاق الصفحة فقط.",
    ),
    (
        "library.newer",
        "the stored library was written by a newer version of Khabar; it is left untouched and changes here are not saved",
        "كتب المكتبةَ المخزنة إصدارٌ أحدث من «خبر»؛ تُركت كما هي ولن تُحفظ التغييرات هنا",
    ),
    (
        "library.set_aside",
        "the stored library could not be read; it was set aside in this browser's storage (khabar.library.unreadable) and a new one was started",
        "تعذّرت قراءة المكتبة المخزنة؛ نُقلت جانباً في تخزين المتصفح (khabar.library.unreadable) وبدأت مكتبة جديدة",
    ),
    (
        "library.unreadable",
        "the stored library could not be read and is left untouched; changes here are not saved",
        "تعذّرت قراءة المكتبة المخزنة وتُركت كما هي؛ لن تُحفظ التغييرات هنا",
    ),
    (
        "library.skipped",
        "some saved articles could not be read and were left out; the original was set aside as khabar.library.unreadable",
        "تعذّرت قراءة بعض الأخبار المحفوظة فاستُبعدت؛ ونُقلت النسخة الأصلية جانباً باسم khabar.library.unreadable",
    ),
    (
        "library.skipped_untouched",
        "some saved articles could not be read and were left out; the stored library is left untouched and changes here are not saved",
        "تعذّرت قراءة بعض الأخبار المحفوظة فاستُبعدت؛ وتُركت المكتبة المخزنة كما هي ولن تُحفظ التغييرات هنا",
    ),
    ("library.session_only", "kept for this visit only", "لهذه الزيارة فقط"),
    ("combined.open", "All articles together", "كل الأخبار معاً"),
    ("combined.need_two", "Save two or more articles to read them together.", "احفظ خبرين أو أكثر لقراءتها معاً."),
    ("combined.title", "All saved articles", "كل الأخبار المحفوظة"),
    ("combined.back", "Back to the article", "العودة إلى الخبر"),
    ("combined.articles", "Saved articles", "الأخبار المحفوظة"),
    ("combined.names", "Names across articles", "الأسماء في كل الأخبار"),
    ("combined.several", "Only names found in several articles", "الأسماء الواردة في أكثر من خبر فقط"),
    ("combined.none", "No names found in the saved articles.", "لم يُعثر على أسماء في الأخبار المحفوظة."),
    ("combined.pick", "Choose a name to see its statements in each article, side by side.", "اختر اسماً لترى تصريحاته في كل خبر، جنباً إلى جنب."),
    ("combined.in_n", "in {n} of {m} articles", "في {n} من أصل {m} من الأخبار"),
    ("combined.mention_one", "1 mention", "إشارة واحدة"),
    ("combined.mentions_n", "{n} mentions", "عدد الإشارات: {n}"),
    ("combined.said", "Statements by this name", "تصريحات منسوبة إليه"),
    ("combined.said_none", "No statements by this name in this article.", "لا تصريحات منسوبة إليه في هذا الخبر."),
    ("combined.mentioned", "Statements mentioning it", "تصريحات تذكره"),
    ("combined.open_article", "Open this article", "فتح هذا الخبر"),
    ("about.button", "About", "حول"),
    ("about.title", "About Khabar", "حول «خبر»"),
    (
        "about.what",
        "Khabar reads a news article and shows who is named, who said what and when, and where it happened. It is a reading aid: check what matters against the text.",
        "يقرأ «خبر» الخبر ويُظهر من ذُكر فيه، ومن قال ماذا ومتى، وأين وقعت الأحداث. إنه أداة مساعدة على القراءة: تحقق مما يهمك في النص نفسه.",
    ),
    (
        "about.privacy",
        "The analysis runs entirely in your browser. The page loads nothing from other sites and sends your text nowhere.",
        "يجري التحليل كله في متصفحك. لا تحمّل الصفحة شيئاً من مواقع أخرى ولا ترسل نصك إلى أي جهة.",
    ),
    ("about.data", "Data and licences", "البيانات والتراخيص"),
    ("about.examples", "The example articles were written for Khabar; their people are fictional.", "كُتب المثالان لـ«خبر» وشخصياتهما خيالية."),
    ("message.close", "Dismiss", "إغلاق"),
    ("chips.title", "Entities", "الكيانات"),
    ("chips.empty", "No names found yet.", "لم يُعثر على أسماء بعد."),
    ("chips.filter", "Filter entities", "تصفية الكيانات"),
    ("chips.mentions", "mentions", "إشارات"),
    ("chips.nomatch", "No name matches «{q}».", "لا اسم يطابق «{q}»."),
    ("timeline.title", "Statements", "التصريحات"),
    ("timeline.empty", "No statements found yet.", "لم يُعثر على تصريحات بعد."),
    ("timeline.none_for", "No statements involve this entity.", "لا تصريحات تخص هذا الكيان."),
    ("timeline.undated", "date not stated", "التاريخ غير مذكور"),
    ("timeline.nodate", "Undated", "بلا تاريخ"),
    ("timeline.upcoming", "upcoming", "مرتقب"),
    ("timeline.unattributed", "Unattributed", "غير منسوب"),
    ("timeline.days_later", "{n} days later", "بعد {n} يوماً"),
    ("timeline.speaker", "Speaker", "المتحدث"),
    ("timeline.all_speakers", "All speakers", "كل المتحدثين"),
    ("timeline.showall", "Show all statements", "عرض كل التصريحات"),
    ("timeline.filtered", "Showing statements involving", "تصريحات تخص"),
    ("map.title", "Places", "الأماكن"),
    ("map.empty", "No places located yet.", "لم تُحدَّد أماكن بعد."),
    ("map.label", "Map of the places in the article", "خريطة الأماكن الواردة في الخبر"),
    (
        "map.keys",
        "Arrow keys move the map, plus and minus zoom, zero frames the article again.",
        "تحرّك مفاتيح الأسهم الخريطة، ويكبّر زرّا الجمع والطرح ويصغّران، ويعيد الصفر إطار الخبر.",
    ),
    ("map.tools", "Zoom", "التكبير"),
    ("map.zoom_in", "Zoom in", "تكبير"),
    ("map.zoom_out", "Zoom out", "تصغير"),
    ("map.reset", "Fit", "ملاءمة"),
    ("map.reset_hint", "Frame the article's places again", "إعادة تأطير أماكن الخبر"),
    ("map.offscreen", "outside the map: show it", "خارج الخريطة: اعرضه"),
    ("map.places", "Places in the article", "الأماكن في الخبر"),
    ("map.unlocated", "not on the map", "ليس على الخريطة"),
    ("map.figurative", "for its government or an agreement: no pin", "يُقصد بها حكومتها أو اتفاق: بلا دبوس"),
    ("text.title", "Article", "النص"),
    ("text.mentions", "Mentions of the selected name", "مواضع ذكر الاسم المختار"),
    ("text.prev", "‹ Previous", "› السابق"),
    ("text.next", "Next ›", "التالي ‹"),
    ("text.empty", "The analysed text appears here, with names highlighted.", "يظهر النص هنا بعد التحليل، مع إبراز الأسماء."),
    ("ui.switch", "العربية", "English"),
    ("ui.switch_label", "Switch the interface to Arabic", "التبديل إلى الواجهة الإنجليزية"),
    ("file.unsupported", "Only .txt, .md, .html and .json files can be opened.", "لا يمكن فتح إلا ملفات ‎.txt و‎.md و‎.html و‎.json."),
    ("file.unreadable", "The file could not be read", "تعذّرت قراءة الملف"),
    ("kind.person", "People", "أشخاص"),
    ("kind.organization", "Organisations", "منظمات"),
    ("kind.place", "Places", "أماكن"),
    ("kind.equipment", "Equipment", "معدات"),
    ("kind.event", "Events", "أحداث"),
    ("kind.quantity", "Quantities", "كميات"),
];

pub fn tr(ui: Ui, key: &str) -> &'static str {
    match STRINGS.iter().chain(super::archive_strings::STRINGS).find(|(k, _, _)| *k == key) {
        Some((_, en, ar)) => match ui {
            Ui::En => en,
            Ui::Ar => ar,
        },
        None => "",
    }
}

pub fn kind_label(ui: Ui, kind: EntityKind) -> &'static str {
    tr(ui, &format!("kind.{}", kind.as_str()))
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_AR: [&str; 12] = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

/// "17 Nov 2015" / "17 نوفمبر 2015" for full dates; partial ISO values (YYYY-MM, YYYY) likewise.
pub fn format_date(ui: Ui, iso: &str) -> String {
    let first = iso.split('/').next().unwrap_or(iso);
    let parts: Vec<&str> = first.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>().ok().filter(|m| (1..=12).contains(m)).map(|m| match ui {
            Ui::En => MONTHS_EN[m - 1],
            Ui::Ar => MONTHS_AR[m - 1],
        })
    };
    match parts.as_slice() {
        [y, m, d] if d.len() == 2 => match month(m) {
            Some(m) => format!("{} {m} {y}", d.trim_start_matches('0')),
            None => iso.to_string(),
        },
        [y, m] => match month(m) {
            Some(m) => format!("{m} {y}"),
            None => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both tables [`tr`] reads: this one and the corrections/metadata/archive one.
    fn all_strings() -> Vec<&'static (&'static str, &'static str, &'static str)> {
        STRINGS.iter().chain(super::super::archive_strings::STRINGS).collect()
    }

    /// String literals in the app's sources that look like interface keys (`area.name` with a
    /// known area), wherever they are written: `tr(ui, "…")`, `t("…")`, or a key chosen by a match.
    fn keys_used() -> Vec<(String, String)> {
        let areas: Vec<&str> = all_strings().into_iter().map(|(k, _, _)| k.split('.').next().unwrap_or("")).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
        let mut used = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("src/app is readable") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n.rs") || path.ends_with("archive_strings.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("sources are UTF-8");
            for literal in source.split('"').skip(1).step_by(2) {
                let mut parts = literal.split('.');
                let (Some(area), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
                    continue;
                };
                let key_like = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if key_like && areas.contains(&area) {
                    used.push((path.file_name().unwrap().to_string_lossy().into_owned(), literal.to_string()));
                }
            }
        }
        assert!(used.len() > 50, "the scan found the keys: {}", used.len());
        used
    }

    #[test]
    fn every_key_used_exists_in_both_languages() {
        let missing: Vec<String> =
            keys_used().into_iter().filter(|(_, k)| !all_strings().iter().any(|(s, _, _)| s == k)).map(|(f, k)| format!("{f}: {k}")).collect();
        assert!(missing.is_empty(), "keys with no strings: {missing:?}");
        // keys built at run time
        for key in ["tab.article", "tab.entities", "tab.timeline", "tab.map"] {
            assert!(!tr(Ui::Ar, key).is_empty(), "{key}");
        }
        for kind in EntityKind::ALL {
            assert!(!kind_label(Ui::Ar, kind).is_empty() && !kind_label(Ui::En, kind).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn keys_are_unique_and_translated() {
        let all = all_strings();
        for (i, (key, en, ar)) in all.iter().enumerate() {
            assert!(!en.is_empty() && !ar.is_empty(), "{key} lacks a translation");
            assert!(!all[..i].iter().any(|(k, _, _)| k == key), "{key} twice");
            // placeholders must survive translation
            for ph in ["{n}", "{m}", "{q}"] {
                assert_eq!(en.contains(ph), ar.contains(ph), "{key}: {ph}");
            }
        }
    }

    #[test]
    fn ui_languages() {
        assert_eq!(Ui::parse("ar"), Some(Ui::Ar));
        assert_eq!(Ui::parse("fr"), None);
        assert_eq!(Ui::Ar.other(), Ui::En);
        assert_eq!(Ui::Ar.dir(), "rtl");
        assert_eq!(format_date(Ui::Ar, "2015-11-17"), "17 نوفمبر 2015");
        assert_eq!(format_date(Ui::En, "2015-11"), "Nov 2015");
        assert_eq!(format_date(Ui::En, "garbage"), "garbage");
    }
}
