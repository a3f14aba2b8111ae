//! An article's metadata — title, outlet, link, author — and what the text itself says of them.
//!
//! The publication date is the article's date (the one relative times are resolved against), kept
//! beside the metadata wherever an article is stored, shared or exported, so the two never differ.
//!
//! Detection reads only where news copy states these things: a headline line at the top (never a
//! dateline: «الرياض 26 شوال 1436 هـ… واس» is not a title), a dateline naming an agency
//! («الرياض - واس», «جدة: …», "(Reuters) -", "WASHINGTON (AP) —"), a byline ("By …", «كتب: …»),
//! a credit line at the end ("Reporting by …"). Agencies and outlets, and the words that introduce
//! an author, are data files (`data/meta/`), loaded once in [`lists`].

use crate::combine::name_key;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What a reader can say about an article, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }

    /// Blank fields become `None`, inner white space is collapsed, and a link that is not an
    /// http(s) address is dropped (it would be shown as a link).
    pub fn cleaned(self) -> Metadata {
        let clean = |s: Option<String>| s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
        Metadata { title: clean(self.title), outlet: clean(self.outlet), url: clean(self.url).filter(|u| is_web_address(u)), author: clean(self.author) }
    }

    /// Fields set here win; the others come from `detected`.
    pub fn or(self, detected: Metadata) -> Metadata {
        Metadata {
            title: self.title.or(detected.title),
            outlet: self.outlet.or(detected.outlet),
            url: self.url.or(detected.url),
            author: self.author.or(detected.author),
        }
    }
}

/// An http or https address with a host and no white space.
pub fn is_web_address(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// What the text says: the proposed metadata and the publication date its dateline gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detected {
    pub meta: Metadata,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletClass {
    Agency,
    Newspaper,
    Broadcaster,
    Site,
}

struct Outlet {
    name: String,
    #[allow(dead_code)] // the class is data for the views; detection treats all alike
    class: OutletClass,
}

struct Lists {
    /// folded alias → outlet, and whether the alias is also an everyday word or a place (الرياض
    /// the city, الوطن "the homeland"): such an alias names the outlet only in quotes or brackets.
    aliases: Vec<(String, usize, bool)>,
    outlets: Vec<Outlet>,
    bylines: Vec<String>,
    credits: Vec<String>,
    /// Folded words crediting a desk rather than a person («متابعات», "Agencies").
    desks: Vec<String>,
}

const OUTLETS: &str = include_str!("../data/meta/outlets.tsv");
const MARKERS: &str = include_str!("../data/meta/markers.tsv");

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').map(str::trim).collect())
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut l = Lists { aliases: vec![], outlets: vec![], bylines: vec![], credits: vec![], desks: vec![] };
        for row in rows(OUTLETS) {
            let [name, class, aliases] = row[..] else {
                continue;
            };
            let class = match class {
                "agency" => OutletClass::Agency,
                "newspaper" => OutletClass::Newspaper,
                "broadcaster" => OutletClass::Broadcaster,
                _ => OutletClass::Site,
            };
            let n = l.outlets.len();
            l.outlets.push(Outlet { name: name.to_string(), class });
            for alias in aliases.split('|') {
                let (alias, quoted_only) = match alias.strip_prefix('~') {
                    Some(a) => (a, true),
                    None => (alias, false),
                };
                let key = name_key(alias);
                if !key.is_empty() {
                    l.aliases.push((key, n, quoted_only));
                }
            }
        }
        for row in rows(MARKERS) {
            match row[..] {
                [m, "byline"] => l.bylines.push(m.to_string()),
                [m, "credit"] => l.credits.push(m.to_string()),
                [m, "desk"] => l.desks.push(name_key(m)),
                _ => {}
            }
        }
        // longest first, so "Reporting by" is not read as "By"
        crate::sort::by_key(&mut l.bylines, |m| std::cmp::Reverse(m.len()));
        crate::sort::by_key(&mut l.credits, |m| std::cmp::Reverse(m.len()));
        l
    })
}

/// The outlet a stretch of text names exactly (folded, quotes and brackets around it ignored).
pub(crate) fn outlet_named(s: &str) -> Option<String> {
    let t = s.trim();
    let quoted = t.starts_with(['«', '"', '“', '(', '\'']) && t.ends_with(['»', '"', '”', ')', '\'']);
    outlet_of(s, quoted)
}

/// The same, with the everyday-word aliases admitted when the stretch was quoted or bracketed.
pub(crate) fn outlet_of(s: &str, quoted: bool) -> Option<String> {
    let key = name_key(s);
    if key.is_empty() {
        return None;
    }
    let l = lists();
    l.aliases.iter().find(|(a, _, quoted_only)| *a == key && (quoted || !quoted_only)).map(|(_, n, _)| l.outlets[*n].name.clone())
}

/// The class of a known outlet, by its name as [`detect`] gives it.
pub fn outlet_class(name: &str) -> Option<OutletClass> {
    lists().outlets.iter().find(|o| o.name == name).map(|o| o.class)
}

const DASHES: [&str; 5] = [" - ", " – ", " — ", " ـ ", " -- "];

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// What a line near the top says when it is a dateline.
struct Dateline {
    outlet: Option<String>,
    /// The line goes on with the article's first sentence after the dateline.
    body: Option<String>,
}

/// Where the first dash-like separator (or a colon) is within the line's first words.
fn first_separator(line: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for d in DASHES.iter().copied().chain([": ", ":", "- ", "-"]) {
        if let Some(at) = line.find(d)
            && best.is_none_or(|(b, _)| at < b)
        {
            best = Some((at, d.len()));
        }
    }
    best.filter(|(at, _)| words(&line[..*at]) <= 6 && *at > 0)
}

/// "4 مارس 2024: قال…" → "قال…": a date standing before the first sentence, behind a separator.
fn without_leading_date(s: &str) -> &str {
    let s = s.trim();
    let cut = DASHES.iter().copied().chain([": ", ":"]).filter_map(|d| s.find(d).map(|at| (at, d.len()))).min();
    match cut {
        Some((at, len)) if words(&s[..at]) <= 5 && s[..at].chars().any(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c)) => {
            s[at + len..].trim()
        }
        _ => s,
    }
}

/// Whether a line reads as a headline standing alone, not the first paragraph: short, and not
/// ending a sentence. «سفراء: السعودية تلعب دوراً…» above the story is a headline, not a dateline.
fn standalone_headline(line: &str) -> bool {
    headline_like(line) && !line.trim_end().ends_with(['.', '!', '?', '؟'])
}

fn dateline(line: &str, more_follows: bool) -> Option<Dateline> {
    // "(Reuters) -", "WASHINGTON (AP) —", "LONDON, Nov 18 (Reuters) -": a credit in brackets early
    // on, a word of its own (not «لـ(الشرق الأوسط)»), followed by a dash or a colon or nothing
    if let Some(open) = line.find('(')
        && words(&line[..open]) <= 6
        && line[..open].chars().next_back().is_none_or(char::is_whitespace)
        && let Some(close) = line[open..].find(')').map(|c| open + c)
        && let Some(outlet) = outlet_of(&line[open + 1..close], true)
        && {
            let after = line[close + 1..].trim_start();
            after.is_empty() || DASHES.iter().map(|d| d.trim()).chain([":", "-"]).any(|d| after.starts_with(d))
        }
    {
        let rest = line[close + 1..].trim_start();
        let rest = DASHES.iter().map(|d| d.trim()).chain([":", "-"]).find_map(|d| rest.strip_prefix(d)).unwrap_or(rest).trim();
        return Some(Dateline { outlet: Some(outlet), body: Some(rest.to_string()).filter(|r| !r.is_empty()) });
    }
    // «الرياض - واس - …», «جدة: …», «بيروت - «القدس العربي»: …»
    if let Some((at, len)) = first_separator(line) {
        let head = line[..at].trim();
        let after = line[at + len..].trim_start();
        let segment_end = DASHES.iter().copied().chain([":", "(", "،", ",", "\u{060C}"]).filter_map(|d| after.find(d)).min().unwrap_or(after.len());
        let segment = &after[..segment_end];
        if let Some(outlet) = outlet_named(segment).filter(|_| words(head) <= 6) {
            let rest = after[segment_end..].trim_start();
            let rest = DASHES.iter().map(|d| d.trim()).chain([":"]).find_map(|d| rest.strip_prefix(d)).unwrap_or(rest).trim();
            return Some(Dateline { outlet: Some(outlet), body: Some(rest.to_string()).filter(|r| !r.is_empty()) });
        }
        // a place (in capitals, or one or two Arabic words), maybe a date, then a long first
        // sentence: a dateline without an agency ("BEIRUT, March 4, 2024 —", «بيروت - 4 مارس 2024:»)
        let place = head.split([',', '،']).next().unwrap_or(head).trim();
        let caps = place.chars().any(char::is_alphabetic) && !place.chars().any(char::is_lowercase);
        let arabic_place = crate::detect_lang(place) == crate::Lang::Ar && words(place) <= 2;
        let dated_or_bare = head == place || head.chars().any(|c| c.is_ascii_digit());
        let paragraph = !more_follows || !standalone_headline(line);
        if (caps || arabic_place) && dated_or_bare && !place.chars().any(|c| c.is_ascii_digit()) && words(after) >= 12 && paragraph {
            return Some(Dateline { outlet: None, body: Some(without_leading_date(after).to_string()) });
        }
    }
    // a short line ending (or starting) with an agency: «الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس»
    if words(line) <= 16 {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let ends = [tokens.last(), tokens.first()];
        // agencies only: a headline ending with a newspaper's name («… لتحرير «عكاظ»») is no dateline
        let agency = |t: &&str| outlet_named(t).filter(|o| outlet_class(o) == Some(OutletClass::Agency));
        if let Some(outlet) = ends.into_iter().flatten().find_map(agency).filter(|_| tokens.len() >= 2) {
            let dated = line.chars().any(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c));
            if dated || tokens.len() <= 4 {
                return Some(Dateline { outlet: Some(outlet), body: None });
            }
        }
    }
    None
}

/// "By Jane Doe", «كتب: فلان الفلاني», "By Jane Doe, Reuters": (author, outlet).
fn byline(line: &str) -> Option<(String, Option<String>)> {
    let l = lists();
    let rest = l.bylines.iter().find_map(|m| {
        let rest = line.strip_prefix(m.as_str())?;
        // the marker must be a word of its own
        (rest.starts_with([' ', ':', '-', '\u{00A0}']) || rest.is_empty()).then_some(rest)
    })?;
    let rest = rest.trim_start_matches([' ', ':', '-', '\u{00A0}', '–', '—']).trim();
    let (name, outlet) = match rest.split_once([',', '،', '|']) {
        Some((name, tail)) => (name.trim(), outlet_named(tail.trim())),
        None => (rest, None),
    };
    let name = name.trim_end_matches(['.', ':']);
    let n = words(name);
    if !(1..=6).contains(&n) || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // an English byline is a name: every word capitalised but for particles
    let latin_name = name.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || ["and", "al", "el", "bin", "ibn", "de", "van", "von", "da"].contains(&w.split('-').next().unwrap_or(w))
    });
    if crate::detect_lang(name) == crate::Lang::En && !latin_name {
        return None;
    }
    Some((name.to_string(), outlet))
}

/// An Arabic byline under the headline that names a place and a reporter: «لندن: رنيم حنوش»
/// (place, colon, name), «محمد عليان - ينبع», «خالد طاشكندي (جدة)» (name, then the place), an
/// outlet among them («الجزيرة - وسيلة الحلبي:»). A name is two to four words; a one-word part
/// is taken for the place. Returns (author, outlet).
fn place_byline(line: &str) -> Option<(Option<String>, Option<String>)> {
    let line = line.trim().trim_end_matches([':', ' ']);
    if crate::detect_lang(line) != crate::Lang::Ar
        || words(line) > 7
        || line.chars().any(|c| c.is_ascii_digit() || matches!(c, '.' | '!' | '?' | '؟' | '،' | ',' | '«' | '"'))
    {
        return None;
    }
    let colon = line.find(':');
    let parts: Vec<&str> = line.split([':', '(', ')', '-', '–', '—', 'ـ', '|']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| lists().desks.contains(&name_key(p))) {
        return None;
    }
    let outlet = parts.iter().find_map(|p| outlet_named(p));
    let rest: Vec<&str> = parts.iter().copied().filter(|p| outlet_named(p).is_none()).collect();
    let name = |p: &&str| (2..=4).contains(&words(p));
    let author = match (colon, rest.as_slice()) {
        // «لندن: رنيم حنوش»: the name after the colon
        (Some(_), [place, who]) if words(place) <= 2 && name(who) && line.find(who) > colon => Some(who.to_string()),
        // «محمد عليان - ينبع», «خالد طاشكندي (جدة)»: the name first, a one-word place after
        (None, [who, place]) if name(who) && words(place) == 1 => Some(who.to_string()),
        // «الجزيرة - وسيلة الحلبي»: an outlet and a name
        (_, [who]) if outlet.is_some() && name(who) => Some(who.to_string()),
        _ => None,
    };
    author.is_some().then_some((author, outlet))
}

/// "Reporting by Jane Doe; Editing by …" → "Jane Doe".
fn credit(line: &str) -> Option<String> {
    let l = lists();
    let lower = line.to_lowercase();
    l.credits.iter().find_map(|m| {
        let at = lower.find(&m.to_lowercase())?;
        let rest = &line[at + m.len()..];
        let end = rest.find([';', ')', '\n', '(']).unwrap_or(rest.len());
        let name = rest[..end].trim().trim_end_matches('.');
        let name = name.split(" in ").next().unwrap_or(name).trim();
        (1..=8).contains(&words(name)).then(|| name.to_string())
    })
}

/// A headline: a short line of words, not a sentence running on.
fn headline_like(line: &str) -> bool {
    let n = words(line);
    (2..=24).contains(&n) && line.chars().count() <= 180 && line.chars().any(char::is_alphabetic)
}

/// A title from a headline line ending with its outlet ("Talks resume | Reuters").
fn split_site_suffix(line: &str) -> (String, Option<String>) {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = line.rsplit_once(sep)
            && let Some(outlet) = outlet_named(tail)
            && words(head) >= 2
        {
            return (head.trim().to_string(), Some(outlet));
        }
    }
    (line.trim().to_string(), None)
}

/// A title cut from a first sentence when the article has no headline line.
fn title_from_sentence(s: &str) -> Option<String> {
    let end = s.find(['.', '!', '?', '؟', '\n']).unwrap_or(s.len());
    let sentence = s[..end].trim();
    let all: Vec<&str> = sentence.split_whitespace().collect();
    if all.len() < 2 {
        return None;
    }
    let mut title = all[..all.len().min(14)].join(" ");
    if all.len() > 14 {
        title.push('…');
    }
    Some(title)
}

/// What the text says about itself.
pub fn detect(text: &str) -> Detected {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut meta = Metadata::default();
    let mut body_start: Option<String> = None;
    for (i, line) in lines.iter().take(6).enumerate() {
        if let Some((author, outlet)) = byline(line) {
            meta.author.get_or_insert(author);
            if meta.outlet.is_none() {
                meta.outlet = outlet;
            }
            continue;
        }
        // the line under the headline may be a byline naming a place and a reporter
        if meta.title.is_some()
            && meta.author.is_none()
            && let Some((author, outlet)) = place_byline(line)
        {
            meta.author = author;
            if meta.outlet.is_none() {
                meta.outlet = outlet;
            }
            continue;
        }
        if let Some(d) = dateline(line, lines.len() > i + 1) {
            if meta.outlet.is_none() {
                meta.outlet = d.outlet;
            }
            if let Some(body) = d.body {
                body_start = Some(body);
                break;
            }
            continue;
        }
        // a line of its own naming only an outlet
        if let Some(outlet) = outlet_named(line) {
            meta.outlet.get_or_insert(outlet);
            continue;
        }
        let more_follows = lines.len() > i + 1;
        if meta.title.is_none() && more_follows && headline_like(line) {
            let (title, outlet) = split_site_suffix(line);
            meta.title = Some(title);
            if meta.outlet.is_none() {
                meta.outlet = outlet;
            }
            continue;
        }
        body_start.get_or_insert_with(|| line.to_string());
        break;
    }
    if meta.title.is_none() {
        meta.title = body_start.as_deref().and_then(title_from_sentence);
    }
    if meta.author.is_none() {
        let tail = lines.len().saturating_sub(3);
        meta.author = lines[tail..].iter().rev().find_map(|l| credit(l));
    }
    Detected { meta, date: crate::dateline_date(text).map(crate::ymd) }
}

/// The title to show for an article: the reader's, else the proposed one, else its first words.
pub fn title_for(meta: &Metadata, text: &str) -> String {
    meta.title.clone().or_else(|| detect(text).meta.title).unwrap_or_else(|| crate::library::title_of(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Metadata {
        detect(text).meta
    }

    #[test]
    fn an_agency_release_is_titled_by_its_headline_never_its_dateline() {
        let m = d(
            "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nأكد معالي وزير الصحة أن الوزارة تتابع الحالات المسجلة في المنطقة الشرقية وأن الوضع مطمئن ولا يدعو إلى القلق.",
        );
        assert_eq!(m.outlet.as_deref(), Some("Saudi Press Agency"));
        let title = m.title.unwrap();
        assert!(title.starts_with("أكد معالي وزير الصحة"), "{title}");
        assert!(!title.contains("شوال"));
        let m = d("وزير الصحة: الوضع مطمئن\nالرياض - واس\nأكد وزير الصحة أن الوزارة تتابع الحالات.");
        assert_eq!((m.title.as_deref(), m.outlet.as_deref()), (Some("وزير الصحة: الوضع مطمئن"), Some("Saudi Press Agency")));
    }

    #[test]
    fn arabic_datelines_inline_with_the_first_sentence() {
        let m = d("القاهرة - أ ش أ - أعلنت وزارة الخارجية المصرية اليوم أن الوزير سيتوجه إلى عمان لبحث الأوضاع في المنطقة.");
        assert_eq!(m.outlet.as_deref(), Some("Middle East News Agency"));
        assert!(m.title.unwrap().starts_with("أعلنت وزارة الخارجية"));
        let m = d("جدة: أعلنت الهيئة العامة للطيران المدني أمس عن خطة جديدة لتطوير المطارات في المملكة خلال السنوات الخمس المقبلة.");
        assert_eq!(m.outlet, None);
        assert!(m.title.unwrap().starts_with("أعلنت الهيئة"));
        let m = d("بيروت - «القدس العربي»: قال مصدر حكومي إن الجلسة أرجئت.");
        assert_eq!(m.outlet.as_deref(), Some("Al-Quds Al-Arabi"));
    }

    #[test]
    fn datelines_with_a_date_but_no_agency() {
        let m = d("BEIRUT, March 4, 2024 — Lebanon's transport minister said on Monday that the port of Tripoli would reopen to container ships next week.");
        assert!(m.title.as_deref().unwrap().starts_with("Lebanon's transport minister"), "{m:?}");
        let m = d("بيروت - 4 مارس 2024: قال وزير النقل اللبناني أمس إن مرفأ طرابلس سيعاود استقبال سفن الحاويات الأسبوع المقبل بعد أشهر من الصيانة.");
        assert!(m.title.as_deref().unwrap().starts_with("قال وزير النقل"), "{m:?}");
        assert_eq!(m.outlet, None);
    }

    #[test]
    fn english_datelines_and_bylines() {
        let m = d("Senate passes the spending bill\nBy Jane Doe and John Smith\nWASHINGTON (AP) — The Senate voted on Thursday to pass the bill.");
        assert_eq!(m.title.as_deref(), Some("Senate passes the spending bill"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe and John Smith"));
        assert_eq!(m.outlet.as_deref(), Some("Associated Press"));
        let m = d(
            "LONDON, Nov 18 (Reuters) - British inflation rose more than expected in October, official data showed on Wednesday.\n(Reporting by Andy Bruce; Editing by Kate Holton)",
        );
        assert_eq!(m.outlet.as_deref(), Some("Reuters"));
        assert_eq!(m.author.as_deref(), Some("Andy Bruce"));
        assert!(m.title.unwrap().starts_with("British inflation rose"));
        let m = d("(Reuters) - Oil prices rose on Monday.");
        assert_eq!(m.outlet.as_deref(), Some("Reuters"));
        let m = d("Ceasefire talks resume in Cairo | Al Jazeera\nTalks resumed on Monday in Cairo between the delegations.");
        assert_eq!((m.title.as_deref(), m.outlet.as_deref()), (Some("Ceasefire talks resume in Cairo"), Some("Al Jazeera")));
        let m = d("كتب: محمد السيد\nالحكومة تقر الموازنة\nأقرت الحكومة أمس الموازنة العامة للدولة.");
        assert_eq!((m.author.as_deref(), m.title.as_deref()), (Some("محمد السيد"), Some("الحكومة تقر الموازنة")));
    }

    #[test]
    fn ordinary_text_proposes_no_outlet_or_author() {
        let m = d("By the end of the week the ministers had agreed on a plan to reopen the crossings.");
        assert_eq!((m.author, m.outlet), (None, None));
        // a body line that mentions an outlet is not a credit
        let m = d("Ministers met in Riyadh.\nThe Associated Press reported that talks had stalled, and Reuters agreed.");
        assert_eq!(m.outlet, None);
        assert_eq!(m.title.as_deref(), Some("Ministers met in Riyadh."));
        // «العربية» the word is not the channel in running text
        let m = d("أعلنت جامعة الدول العربية أن القمة ستعقد في الرياض - وأكدت أن الوفود بدأت الوصول إلى المدينة منذ أمس.");
        assert_eq!(m.outlet, None);
        assert_eq!(d(""), Metadata::default());
        assert_eq!(d("   \n  "), Metadata::default());
    }

    #[test]
    fn a_headline_with_a_colon_or_a_bracketed_outlet_stays_whole() {
        let headline = "مختصون: إجراءات الأمن في ضبط الإرهابيين رسالة بأن المملكة واجهة الأمن في العالم كله";
        let m = d(&format!("{headline}\nأكد مختصون أن إجراءات الأمن رسالة واضحة."));
        assert_eq!(m.title.as_deref(), Some(headline));
        let headline = "(«الشرق الأوسط») تنشر مذكرات الفنانة (الحلقة الأخيرة)";
        let m = d(&format!("{headline}\nتنشر الصحيفة اليوم الحلقة الأخيرة."));
        assert_eq!((m.title.as_deref(), m.outlet.as_deref()), (Some(headline), None));
        let headline = "الفال رئيساً لتحرير «عكاظ»";
        let m = d(&format!("{headline}\nجدة - الوئام :\nعيّن مجلس الإدارة رئيساً جديداً للتحرير."));
        assert_eq!(m.title.as_deref(), Some(headline));
        let headline = "المرشح لعمادة لندن لـ(«الشرق الأوسط»): هويتي فرصة";
        assert_eq!(d(&format!("{headline}\nقال المرشح إن هويته فرصة.")).title.as_deref(), Some(headline));
    }

    #[test]
    fn an_outlet_named_like_a_city_or_a_word_counts_only_in_quotes() {
        // «الرياض» the newspaper, الرياض the city
        let m = d("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م\nأعلنت الوزارة أمس خطة جديدة.");
        assert_eq!(m.outlet, None);
        let m = d("بيروت - «الرياض»: قال مصدر حكومي إن الجلسة أرجئت.");
        assert_eq!(m.outlet.as_deref(), Some("Al Riyadh"));
    }

    #[test]
    fn arabic_bylines_under_the_headline_name_the_reporter() {
        let body = "أعلن الوزير أمس خطة جديدة لتطوير المطارات.";
        for (byline, author) in [
            ("لندن: رنيم حنوش", "رنيم حنوش"),
            ("محمد عليان - ينبع", "محمد عليان"),
            ("خالد طاشكندي (جدة)", "خالد طاشكندي"),
            ("عبدالعزيز العمري ـ جدة", "عبدالعزيز العمري"),
        ] {
            let m = d(&format!("الوزير يعلن خطة المطارات\n{byline}\n{body}"));
            assert_eq!((m.title.as_deref(), m.author.as_deref()), (Some("الوزير يعلن خطة المطارات"), Some(author)), "{byline}");
        }
        // a place and an outlet only, or a sentence: no author
        for line in ["الرياض - واس", "جدة - الوئام :", "قال الوزير: الخطة جاهزة.", "عين اليوم – متابعات |"]
        {
            assert_eq!(d(&format!("الوزير يعلن خطة المطارات\n{line}\n{body}")).author, None, "{line}");
        }
    }

    #[test]
    fn the_dateline_date_is_detected() {
        assert_eq!(detect("WASHINGTON, Sept. 15, 2016 (AP) — The Senate voted.").date.as_deref(), Some("2016-09-15"));
    }

    #[test]
    fn cleaning_and_defaults() {
        let m = Metadata { title: Some("  A   title ".into()), outlet: Some(" ".into()), url: Some("javascript:alert(1)".into()), author: None }.cleaned();
        assert_eq!(m, Metadata { title: Some("A title".into()), ..Default::default() });
        assert!(is_web_address("https://example.com/a?b=1"));
        assert!(!is_web_address("https:///x") && !is_web_address("ftp://x") && !is_web_address("http://a b"));
        let m = Metadata { outlet: Some("Mine".into()), ..Default::default() }.or(Metadata {
            outlet: Some("X".into()),
            title: Some("T".into()),
            ..Default::default()
        });
        assert_eq!((m.outlet.as_deref(), m.title.as_deref()), (Some("Mine"), Some("T")));
        assert_eq!(title_for(&Metadata::default(), "Ministers meet\nThe ministers met."), "Ministers meet");
        assert_eq!(outlet_class("Reuters"), Some(OutletClass::Agency));
    }

    #[test]
    fn every_list_row_is_well_formed() {
        for row in rows(OUTLETS) {
            assert_eq!(row.len(), 3, "{row:?}");
            assert!(["agency", "newspaper", "broadcaster", "site"].contains(&row[1]), "{row:?}");
        }
        for row in rows(MARKERS) {
            assert!(row.len() == 2 && ["byline", "credit", "desk"].contains(&row[1]), "{row:?}");
        }
        assert!(lists().aliases.len() > 100);
    }
}
