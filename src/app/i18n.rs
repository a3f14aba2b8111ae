//! Interface strings in English and Arabic, and locale-aware date formatting.

use super::store::Ui;
use crate::EntityKind;

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
    ("share.button", "Copy link", "نسخ الرابط"),
    ("share.label", "Share link", "رابط المشاركة"),
    ("share.copied", "Link copied to the clipboard.", "نُسخ الرابط."),
    ("share.shown", "Link ready: copy it from the box.", "الرابط جاهز: انسخه من الحقل."),
    ("share.long", "This link is very long and may be cut by some apps; export the JSON file instead.", "هذا الرابط طويل جداً وقد تقطعه بعض التطبيقات؛ صدّر ملف JSON بدلاً منه."),
    ("share.broken", "This link could not be opened", "تعذّر فتح هذا الرابط"),
    ("export.title", "Export", "تصدير"),
    ("export.json", "Analysis (JSON)", "التحليل (JSON)"),
    ("export.geojson", "Places (GeoJSON)", "الأماكن (GeoJSON)"),
    ("export.csv", "Statements (CSV)", "التصريحات (CSV)"),
    ("export.timeline", "TimelineJS", "TimelineJS"),
    ("guide.title", "How to read an article with Khabar", "كيف تقرأ خبراً مع «خبر»"),
    ("guide.step1", "Paste a news article above, or open or drop a .txt, .md or .html file.", "الصق نص خبر في الأعلى، أو افتح ملف ‎.txt أو ‎.md أو ‎.html أو اسحبه إلى الصفحة."),
    ("guide.step2", "Check the article date: relative times (yesterday, next week) are resolved against it.", "تحقق من تاريخ الخبر: تُحسب العبارات النسبية (أمس، الأسبوع المقبل) بالنسبة إليه."),
    ("guide.step3", "Click a name to see its mentions, its statements and its place on the map; click a statement to find it in the text.", "انقر اسماً لترى مواضع ذكره وتصريحاته ومكانه على الخريطة؛ وانقر تصريحاً لتجده في النص."),
    ("guide.example_ar", "Example in Arabic", "مثال بالعربية"),
    ("guide.example_en", "Example in English", "مثال بالإنجليزية"),
    ("guide.note", "The examples were written for Khabar; their people are fictional. Everything runs in your browser: nothing you paste leaves this page unless you share a link.", "كُتب المثالان لـ«خبر» وشخصياتهما خيالية. يجري كل شيء في متصفحك: لا يغادر ما تلصقه هذه الصفحة إلا إذا شاركت رابطاً."),
    ("library.title", "Library", "المكتبة"),
    ("library.add", "Save this article", "حفظ هذا الخبر"),
    ("library.saved", "Saved to the library in this browser.", "حُفظ في مكتبة هذا المتصفح."),
    ("library.remove", "Remove", "إزالة"),
    ("library.error", "Library", "المكتبة"),
    ("library.kept", "The article is still in the editor; export it as JSON to keep it.", "ما زال الخبر في المحرر؛ صدّره بصيغة JSON للاحتفاظ به."),
    ("about.button", "About", "حول"),
    ("about.title", "About Khabar", "حول «خبر»"),
    ("about.what", "Khabar reads a news article and shows who is named, who said what and when, and where it happened. It is a reading aid: check what matters against the text.", "يقرأ «خبر» الخبر ويُظهر من ذُكر فيه، ومن قال ماذا ومتى، وأين وقعت الأحداث. إنه أداة مساعدة على القراءة: تحقق مما يهمك في النص نفسه."),
    ("about.privacy", "The analysis runs entirely in your browser. The page loads nothing from other sites and sends your text nowhere.", "يجري التحليل كله في متصفحك. لا تحمّل الصفحة شيئاً من مواقع أخرى ولا ترسل نصك إلى أي جهة."),
    ("about.data", "Data and licences", "البيانات والتراخيص"),
    ("about.examples", "The example articles were written for Khabar; their people are fictional.", "كُتب المثالان لـ«خبر» وشخصياتهما خيالية."),
    ("message.close", "Dismiss", "إغلاق"),
    ("chips.title", "Entities", "الكيانات"),
    ("chips.empty", "No names found yet.", "لم يُعثر على أسماء بعد."),
    ("chips.filter", "Filter entities", "تصفية الكيانات"),
    ("chips.mentions", "mentions", "إشارات"),
    ("timeline.title", "Statements", "التصريحات"),
    ("timeline.empty", "No statements found yet.", "لم يُعثر على تصريحات بعد."),
    ("timeline.none_for", "No statements involve this entity.", "لا تصريحات تخص هذا الكيان."),
    ("timeline.undated", "date not stated", "التاريخ غير مذكور"),
    ("timeline.nodate", "Undated", "بلا تاريخ"),
    ("timeline.upcoming", "upcoming", "مرتقب"),
    ("timeline.unattributed", "Unattributed", "غير منسوب"),
    ("timeline.showall", "Show all statements", "عرض كل التصريحات"),
    ("timeline.filtered", "Showing statements involving", "تصريحات تخص"),
    ("map.title", "Places", "الأماكن"),
    ("map.empty", "No places located yet.", "لم تُحدَّد أماكن بعد."),
    ("map.label", "Map of the places in the article", "خريطة الأماكن الواردة في الخبر"),
    ("text.title", "Article", "النص"),
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
    match STRINGS.iter().find(|(k, _, _)| *k == key) {
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
