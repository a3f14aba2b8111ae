//! The stored form of the web app's library of saved articles, its migrations, and the archive
//! built on it: search, sorting and filtering, and the whole library as one file.
//!
//! The browser keeps the library as one JSON value in local storage. It is versioned:
//! `{"version": 2, "items": [...]}`. Reading accepts every version this build knows and brings it
//! to the current one ([`read`] says which version it came from, so the caller can write the
//! migrated form back); a newer version is refused, so that an older tab never overwrites what a
//! newer one wrote. Known versions:
//!
//! - unversioned (reported as version 0): a bare JSON array of items, the shape of the item list
//!   without its envelope (hand-made lists, or tools that kept just the items);
//! - 1: the envelope above; items carry `id`, `title`, `text`, `date`, `lang`, `saved_at`;
//! - 2: items also carry `meta` (outlet, link, author: [`Metadata`] without the title, which is
//!   `title`) and `corrections` (the reader's [`Op`]s over the machine analysis). Migrating an
//!   older item fills `meta` from what its text says and replaces a title that was only its first
//!   line (for an agency release, the dateline) by the proposed headline.
//!
//! A new version adds a step to [`migrate`]: read the previous shape, return the next.
//!
//! Items are read one by one: a damaged item is skipped and counted, never taking the others
//! with it; so is a correction this build cannot read. Missing optional fields get defaults (a
//! title from the text, a fresh id).
//!
//! The export file ([`export_file`]) is the same envelope with a format marker; [`import_file`]
//! merges one into a library without ever dropping what the library holds.

use crate::combine::name_key;
use crate::corrections::{self, Op};
use crate::metadata::{self, Metadata};
use crate::{Analysis, Lang, Options};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The version [`write`] produces.
pub const VERSION: u32 = 2;

/// Marks an exported library file, so an import can tell it from any other JSON.
pub const FILE_FORMAT: &str = "khabar-library";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub text: String,
    pub date: Option<String>,
    pub lang: Option<Lang>,
    /// Milliseconds since the epoch.
    pub saved_at: f64,
    /// Outlet, link and author (the title is [`Item::title`]).
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub meta: Metadata,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Op>,
}

impl Item {
    /// The article's full metadata, title included.
    pub fn metadata(&self) -> Metadata {
        Metadata { title: Some(self.title.clone()).filter(|t| !t.trim().is_empty()), ..self.meta.clone() }
    }

    pub fn options(&self) -> Options {
        Options { lang: self.lang, date: self.date.as_deref().and_then(|d| crate::parse_date(d).ok()) }
    }

    /// The machine analysis of the text with the reader's corrections applied.
    pub fn analysis(&self) -> corrections::Applied {
        let machine = crate::analyze(&self.text, &self.options());
        corrections::apply_marked(&self.text, &machine, &self.corrections)
    }
}

/// What [`read`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub items: Vec<Item>,
    /// The version the stored value had (0: unversioned). Below [`VERSION`]: write it back.
    pub from_version: u32,
    /// Items that could not be read and were left out.
    pub skipped: usize,
    /// Corrections that could not be read (written by a newer Khabar, or damaged) and were left out.
    pub skipped_corrections: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryError {
    /// Not JSON at all (cut off, or written by something else).
    Unreadable(String),
    /// JSON, but not a library of any known version.
    NotALibrary,
    /// Written by a newer Khabar: read nothing, overwrite nothing.
    Newer(u32),
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryError::Unreadable(e) => write!(f, "the saved library is unreadable ({e})"),
            LibraryError::NotALibrary => {
                write!(f, "the saved library is not in a format Khabar knows")
            }
            LibraryError::Newer(v) => write!(f, "the saved library was written by a newer Khabar (version {v}; this one reads up to {VERSION})"),
        }
    }
}

impl std::error::Error for LibraryError {}

/// Read a stored library of any known version.
pub fn read(raw: &str) -> Result<Loaded, LibraryError> {
    let value: Value = serde_json::from_slice(raw.as_bytes()).map_err(|e| LibraryError::Unreadable(e.to_string()))?;
    let (version, items) = migrate(value)?;
    let mut loaded = Loaded { items: Vec::with_capacity(items.len()), from_version: version, skipped: 0, skipped_corrections: 0 };
    for (n, item) in items.into_iter().enumerate() {
        match item_from(item, n, version, &mut loaded.skipped_corrections) {
            Some(item) => loaded.items.push(item),
            None => loaded.skipped += 1,
        }
    }
    Ok(loaded)
}

/// The stored form of `items`, at the current version.
pub fn write(items: &[Item]) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        version: u32,
        items: &'a [Item],
    }
    serde_json::to_string(&Envelope { version: VERSION, items }).expect("items are plain data")
}

/// Bring a stored value of any known version to the current item list (as JSON values, read one
/// by one afterwards). Returns the version it started from.
fn migrate(value: Value) -> Result<(u32, Vec<Value>), LibraryError> {
    match value {
        // unversioned: the bare item list
        Value::Array(items) => Ok((0, items)),
        Value::Object(mut obj) => {
            let version = obj.get("version").and_then(Value::as_u64).ok_or(LibraryError::NotALibrary)?;
            let version = u32::try_from(version).unwrap_or(u32::MAX);
            if version > VERSION {
                return Err(LibraryError::Newer(version));
            }
            match (version, obj.remove("items")) {
                (1 | 2, Some(Value::Array(items))) => Ok((version, items)),
                (1 | 2, None | Some(Value::Null)) => Ok((version, vec![])),
                _ => Err(LibraryError::NotALibrary),
            }
        }
        _ => Err(LibraryError::NotALibrary),
    }
}

/// One item, lenient about what can be rebuilt: only the text is required.
fn item_from(value: Value, n: usize, version: u32, skipped_corrections: &mut usize) -> Option<Item> {
    let obj = value.as_object()?;
    let text = obj.get("text")?.as_str()?.to_string();
    if text.trim().is_empty() {
        return None;
    }
    let string = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string).filter(|s| !s.trim().is_empty());
    let date = string("date").filter(|d| crate::parse_date(d).is_ok());
    let lang = string("lang").and_then(|l| Lang::parse(&l));
    let saved_at = obj.get("saved_at").and_then(Value::as_f64).filter(|t| t.is_finite()).unwrap_or(0.0);
    let (title, meta) = if version >= 2 {
        let meta: Metadata = obj.get("meta").and_then(|m| serde_json::from_value(m.clone()).ok()).unwrap_or_default();
        (string("title").unwrap_or_else(|| metadata::title_for(&Metadata::default(), &text)), Metadata { title: None, ..meta.cleaned() })
    } else {
        // before version 2 a title was the first line unless the reader wrote one
        let detected = metadata::detect(&text).meta;
        let title = match string("title") {
            Some(t) if t != title_of(&text) => t,
            _ => metadata::title_for(&detected, &text),
        };
        (title, Metadata { title: None, ..detected })
    };
    let corrections = match obj.get("corrections") {
        Some(Value::Array(ops)) => ops
            .iter()
            .filter_map(|op| {
                let read = serde_json::from_value::<Op>(op.clone()).ok();
                *skipped_corrections += read.is_none() as usize;
                read
            })
            .collect(),
        _ => vec![],
    };
    Some(Item { id: string("id").unwrap_or_else(|| format!("m{n}-{}", text.len())), title, date, lang, saved_at, meta, corrections, text })
}

/// The first non-blank line, cut at 70 characters.
pub fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut title: String = line.chars().take(70).collect();
    if line.chars().count() > 70 {
        title.push('…');
    }
    title
}

// ---- the whole library as one file ----

/// The library as a file to keep or to move to another browser: the stored envelope with a marker.
pub fn export_file(items: &[Item]) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        format: &'a str,
        version: u32,
        items: &'a [Item],
    }
    serde_json::to_string_pretty(&File { format: FILE_FORMAT, version: VERSION, items }).expect("items are plain data")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Library(LibraryError),
    /// JSON, but some other file (an analysis export, a GeoJSON file…).
    NotALibraryFile,
    /// A library file without a single readable article.
    NothingReadable,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Library(LibraryError::Unreadable(e)) => {
                write!(f, "the file is not valid JSON ({e}); nothing was imported")
            }
            ImportError::Library(LibraryError::Newer(v)) => {
                write!(f, "the file was written by a newer Khabar (library version {v}; this one reads up to {VERSION}); nothing was imported")
            }
            ImportError::Library(LibraryError::NotALibrary) | ImportError::NotALibraryFile => {
                write!(f, "the file is not a Khabar library export (it needs \"format\": \"{FILE_FORMAT}\"); nothing was imported")
            }
            ImportError::NothingReadable => write!(f, "the file holds no readable article; nothing was imported"),
        }
    }
}

impl std::error::Error for ImportError {}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The library after the import: every article it had, plus the new ones.
    pub items: Vec<Item>,
    pub added: usize,
    /// Articles already in the library, replaced by a copy saved later.
    pub updated: usize,
    /// Articles already in the library in the same or a later copy.
    pub unchanged: usize,
    /// Articles of the file that could not be read.
    pub skipped: usize,
    pub skipped_corrections: usize,
}

/// Merge a library file into `existing`. An article already there (same text) is replaced only by
/// a copy saved later; nothing of `existing` is ever dropped. On any error nothing changes.
pub fn import_file(raw: &str, existing: &[Item]) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_slice(raw.as_bytes()).map_err(|e| ImportError::Library(LibraryError::Unreadable(e.to_string())))?;
    // a bare list or a stored library (no marker) is accepted too: that is what local storage holds
    if let Some(format) = value.get("format")
        && format.as_str() != Some(FILE_FORMAT)
    {
        return Err(ImportError::NotALibraryFile);
    }
    let loaded = read(raw).map_err(ImportError::Library)?;
    if loaded.items.is_empty() && loaded.skipped > 0 {
        return Err(ImportError::NothingReadable);
    }
    let mut out =
        Imported { items: existing.to_vec(), added: 0, updated: 0, unchanged: 0, skipped: loaded.skipped, skipped_corrections: loaded.skipped_corrections };
    for mut item in loaded.items {
        match out.items.iter_mut().find(|i| i.text == item.text) {
            Some(have) if item.saved_at > have.saved_at => {
                item.id = have.id.clone();
                *have = item;
                out.updated += 1;
            }
            Some(_) => out.unchanged += 1,
            None => {
                while out.items.iter().any(|i| i.id == item.id) {
                    item.id.push('i');
                }
                out.items.push(item);
                out.added += 1;
            }
        }
    }
    Ok(out)
}

// ---- search, sorting, filtering ----

/// One saved article with its corrected analysis, as search reads it.
#[derive(Debug, Clone, Copy)]
pub struct Analysed<'a> {
    pub item: &'a Item,
    pub analysis: &'a Analysis,
}

/// Where a search found its words in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Title,
    Outlet,
    Author,
    /// A stretch of the text around the match (whole words, about a line).
    Text(String),
    /// An entity whose name (in the article's script or in English) matches.
    Name {
        id: String,
        name: String,
    },
    /// A statement whose speaker matches.
    Speaker {
        index: usize,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into the articles searched.
    pub article: usize,
    pub found: Vec<Found>,
}

/// Articles matching `query` (folded: case, Arabic letter variants and marks, accents), best
/// first: names and speakers weigh more than the running text.
///
/// Names match across scripts: a Latin query meets an Arabic name through the English name the
/// analysis gave it, or through its consonants whatever the spelling (Kareem, Karim, كريم; see
/// [`crate::app::filter`]); an Arabic query is also read as the English name the Arabic
/// transliterator would write for it, so كريم نصار finds "Karim Nassar" in an English article.
pub fn search(articles: &[Analysed], query: &str) -> Vec<Hit> {
    let needle = name_key(query);
    if needle.is_empty() {
        return vec![];
    }
    let has_text = |s: &str| name_key(s).contains(&needle);
    let latin = (crate::detect_lang(query) == Lang::Ar).then(|| name_key(&crate::lang::ar::transliterate(query))).filter(|l| !l.is_empty() && *l != needle);
    let spelled = crate::app::filter::NameQuery::new(query);
    let has = |s: &str| {
        let key = name_key(s);
        key.contains(&needle) || latin.as_ref().is_some_and(|l| key.contains(l)) || spelled.as_ref().is_some_and(|q| q.matches([s]))
    };
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    for (n, a) in articles.iter().enumerate() {
        let mut found = Vec::new();
        let mut score = 0;
        if has_text(&a.item.title) {
            found.push(Found::Title);
            score += 3;
        }
        if a.item.meta.outlet.as_deref().is_some_and(has_text) {
            found.push(Found::Outlet);
            score += 2;
        }
        if a.item.meta.author.as_deref().is_some_and(has) {
            found.push(Found::Author);
            score += 2;
        }
        for e in &a.analysis.entities {
            if has(&e.name) || e.name_en.as_deref().is_some_and(has) {
                let name = match &e.name_en {
                    Some(en) if en != &e.name => format!("{} ({en})", e.name),
                    _ => e.name.clone(),
                };
                found.push(Found::Name { id: e.id.clone(), name });
                score += 3;
            }
        }
        for (i, s) in a.analysis.statements.iter().enumerate() {
            let speaker = s.speaker.as_deref().and_then(|id| a.analysis.entity(id));
            let names = speaker.map(|e| (e.name.as_str(), e.name_en.as_deref())).or(s.speaker_description.as_deref().map(|d| (d, None)));
            if let Some((name, en)) = names
                && (has(name) || en.is_some_and(has))
            {
                found.push(Found::Speaker { index: i, name: name.to_string() });
                score += 2;
            }
        }
        if let Some(snippet) = text_match(&a.item.text, &needle).or_else(|| latin.as_ref().and_then(|l| text_match(&a.item.text, l))) {
            found.push(Found::Text(snippet));
            score += 1;
        }
        if !found.is_empty() {
            hits.push((score, Hit { article: n, found }));
        }
    }
    crate::sort::by(&mut hits, |x, y| y.0.cmp(&x.0).then(x.1.article.cmp(&y.1.article)));
    hits.into_iter().map(|(_, h)| h).collect()
}

/// The line of `text` where the folded `needle` occurs, cut to about 120 characters around it.
fn text_match(text: &str, needle: &str) -> Option<String> {
    let line = text.lines().find(|l| name_key(l).contains(needle))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    // the word where the match starts, found by folding growing prefixes of words
    let first = needle.split(' ').next().unwrap_or(needle);
    let at = words.iter().position(|w| name_key(w).contains(first)).unwrap_or(0);
    let from = at.saturating_sub(8);
    let to = (at + 12).min(words.len());
    let mut out = words[from..to].join(" ");
    if from > 0 {
        out.insert_str(0, "… ");
    }
    if to < words.len() {
        out.push_str(" …");
    }
    Some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recently saved first (the order they were added in).
    #[default]
    Saved,
    /// Publication date, newest first; undated last.
    Newest,
    Oldest,
    Title,
    Outlet,
}

impl Sort {
    pub const ALL: [Sort; 5] = [Sort::Saved, Sort::Newest, Sort::Oldest, Sort::Title, Sort::Outlet];
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Saved => "saved",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Title => "title",
            Sort::Outlet => "outlet",
        }
    }
    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Which articles to show: an outlet, and publication dates from and to (inclusive, YYYY-MM-DD).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filter {
    pub fn admits(&self, item: &Item) -> bool {
        if let Some(o) = &self.outlet
            && item.meta.outlet.as_deref() != Some(o.as_str())
        {
            return false;
        }
        let dated = |bound: &Option<String>, ok: fn(&str, &str) -> bool| match (bound, &item.date) {
            (None, _) => true,
            (Some(b), Some(d)) => ok(d, b),
            // a date range asks for dated articles
            (Some(_), None) => false,
        };
        dated(&self.from, |d, b| d >= b) && dated(&self.to, |d, b| d <= b)
    }
}

/// The indices of `items` the filter admits, in the chosen order.
pub fn arrange(items: &[Item], sort: Sort, filter: &Filter) -> Vec<usize> {
    let mut out: Vec<usize> = (0..items.len()).filter(|&i| filter.admits(&items[i])).collect();
    let saved = |i: &usize| std::cmp::Reverse(ordered_float(items[*i].saved_at));
    match sort {
        Sort::Saved => crate::sort::by_key(&mut out, saved),
        Sort::Newest => crate::sort::by(&mut out, |a, b| {
            (items[*a].date.is_none(), std::cmp::Reverse(&items[*a].date))
                .cmp(&(items[*b].date.is_none(), std::cmp::Reverse(&items[*b].date)))
                .then(saved(a).cmp(&saved(b)))
        }),
        Sort::Oldest => {
            crate::sort::by(&mut out, |a, b| {
                (items[*a].date.is_none(), &items[*a].date).cmp(&(items[*b].date.is_none(), &items[*b].date)).then(saved(a).cmp(&saved(b)))
            })
        }
        Sort::Title => crate::sort::by_cached_key(&mut out, |&i| name_key(&items[i].title)),
        Sort::Outlet => crate::sort::by_cached_key(&mut out, |&i| {
            (items[i].meta.outlet.is_none(), items[i].meta.outlet.as_deref().map(name_key), std::cmp::Reverse(ordered_float(items[i].saved_at)))
        }),
    }
    out
}

/// A total order on finite times (NaN never gets in: [`read`] drops it).
fn ordered_float(t: f64) -> i64 {
    t as i64
}

/// The outlets of the saved articles, each once, alphabetically.
pub fn outlets(items: &[Item]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().filter_map(|i| i.meta.outlet.clone()).collect();
    crate::sort::by_cached_key(&mut out, |o| name_key(o));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;
    use crate::corrections::{Anchor, EntityRef};

    fn item(id: &str, text: &str) -> Item {
        Item {
            id: id.into(),
            title: title_of(text),
            text: text.into(),
            date: Some("2015-11-18".into()),
            lang: Some(Lang::Ar),
            saved_at: 1.5e12,
            meta: Metadata::default(),
            corrections: vec![],
        }
    }

    #[test]
    fn round_trip_at_the_current_version() {
        let mut a = item("a1", "قال بوتين");
        a.meta = Metadata { outlet: Some("Reuters".into()), url: Some("https://example.com/a".into()), author: Some("Jane Doe".into()), title: None };
        a.corrections = vec![Op::SetKind {
            entity: EntityRef { name: "بوتين".into(), at: Anchor { start: 7, end: 17, text: "بوتين".into() } },
            kind: EntityKind::Person,
        }];
        let items = vec![a, item("a2", "Putin said")];
        let raw = write(&items);
        assert!(raw.starts_with("{\"version\":2,"), "{raw}");
        assert_eq!(read(&raw), Ok(Loaded { items, from_version: VERSION, skipped: 0, skipped_corrections: 0 }));
    }

    /// A library as the version-1 app wrote it (the shape `write` had before version 2).
    const V1: &str = r#"{"version":1,"items":[{"id":"a1764650000000","title":"الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس","text":"الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nأكد معالي وزير الصحة أن الوزارة تتابع الحالات المسجلة في المنطقة الشرقية.","date":"2015-08-11","lang":"ar","saved_at":1764650000000.0},{"id":"a2","title":"My own title","text":"WASHINGTON (AP) — The Senate voted on Thursday.","date":null,"lang":null,"saved_at":1764650000001.0}]}"#;

    #[test]
    fn a_version_1_library_opens_with_its_metadata_proposed() {
        let loaded = read(V1).unwrap();
        assert_eq!((loaded.from_version, loaded.skipped, loaded.items.len()), (1, 0, 2));
        let spa = &loaded.items[0];
        assert!(spa.title.starts_with("أكد معالي وزير الصحة"), "a dateline is not a title: {}", spa.title);
        assert_eq!(spa.meta.outlet.as_deref(), Some("Saudi Press Agency"));
        assert_eq!(spa.date.as_deref(), Some("2015-08-11"));
        assert!(spa.corrections.is_empty());
        // a title the reader wrote is kept
        assert_eq!(loaded.items[1].title, "My own title");
        assert_eq!(loaded.items[1].meta.outlet.as_deref(), Some("Associated Press"));
        let again = read(&write(&loaded.items)).unwrap();
        assert_eq!((again.from_version, again.items), (VERSION, loaded.items));
    }

    #[test]
    fn an_unversioned_list_migrates_and_missing_fields_are_rebuilt() {
        let raw = r#"[{"text": "First line\nbody", "date": "2015-11-18", "lang": "en"}, {"id": "x", "title": "T", "text": "Second"}]"#;
        let loaded = read(raw).unwrap();
        assert_eq!(loaded.from_version, 0);
        assert_eq!(loaded.skipped, 0);
        assert_eq!(loaded.items[0].title, "First line");
        assert_eq!(loaded.items[0].lang, Some(Lang::En));
        assert!(!loaded.items[0].id.is_empty());
        assert_ne!(loaded.items[0].id, loaded.items[1].id);
        // written back, it reads as the current version with the same items
        let again = read(&write(&loaded.items)).unwrap();
        assert_eq!((again.from_version, again.items), (VERSION, loaded.items));
    }

    #[test]
    fn damaged_items_and_corrections_are_skipped_not_the_whole_library() {
        let raw = r#"{"version": 2, "items": [{"id": "a", "text": "kept", "corrections": [{"op": "delete_statement", "statement": {"start": 0, "end": 4, "text": "kept"}}, {"op": "teleport"}, 7]}, {"id": "b"}, 42, {"id": "c", "text": "  "}, {"text": "also kept", "date": "2015-02-30", "saved_at": "soon", "meta": "not an object"}]}"#;
        let loaded = read(raw).unwrap();
        assert_eq!(loaded.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), vec!["kept", "also kept"]);
        assert_eq!(loaded.skipped, 3);
        assert_eq!(loaded.skipped_corrections, 2);
        assert_eq!(loaded.items[0].corrections.len(), 1);
        // an impossible date and a non-numeric time are dropped, not trusted
        assert_eq!(loaded.items[1].date, None);
        assert_eq!(loaded.items[1].saved_at, 0.0);
        assert_eq!(loaded.items[1].meta, Metadata::default());
    }

    #[test]
    fn unreadable_foreign_and_newer_data_are_errors() {
        assert!(matches!(read(r#"{"version":1,"items":[{"id""#), Err(LibraryError::Unreadable(_))));
        assert!(matches!(read(""), Err(LibraryError::Unreadable(_))));
        assert_eq!(read(r#""hello""#), Err(LibraryError::NotALibrary));
        assert_eq!(read(r#"{"items": []}"#), Err(LibraryError::NotALibrary));
        assert_eq!(read(r#"{"version": 1, "items": {}}"#), Err(LibraryError::NotALibrary));
        assert_eq!(read(r#"{"version": 3, "items": []}"#), Err(LibraryError::Newer(3)));
        assert_eq!(read(r#"{"version": 99999999999, "items": []}"#), Err(LibraryError::Newer(u32::MAX)));
        for e in [LibraryError::Unreadable("x".into()), LibraryError::NotALibrary, LibraryError::Newer(3)] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn titles_are_the_first_line_cut_at_70_characters() {
        assert_eq!(title_of("\n\n  Hello \nworld"), "Hello");
        let long = "ب".repeat(80);
        let t = title_of(&long);
        assert_eq!(t.chars().count(), 71);
        assert!(t.ends_with('…'));
    }

    #[test]
    fn a_library_file_merges_in_without_losing_anything() {
        let mut mine = vec![item("a1", "one"), item("a2", "two")];
        mine[1].saved_at = 10.0;
        let mut theirs = vec![item("a1", "three"), item("z", "two"), item("a2", "four")];
        theirs[1].saved_at = 20.0;
        theirs[1].meta.outlet = Some("Reuters".into());
        let file = export_file(&theirs);
        assert!(file.contains("\"format\": \"khabar-library\""));
        let out = import_file(&file, &mine).unwrap();
        assert_eq!((out.added, out.updated, out.unchanged, out.skipped), (2, 1, 0, 0));
        let texts: Vec<&str> = out.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, vec!["one", "two", "three", "four"]);
        // the newer copy of «two» replaced the older under the library's own id
        assert_eq!((out.items[1].id.as_str(), out.items[1].meta.outlet.as_deref()), ("a2", Some("Reuters")));
        // ids stay unique
        let mut ids: Vec<&str> = out.items.iter().map(|i| i.id.as_str()).collect();
        crate::sort::ord(&mut ids);
        ids.dedup();
        assert_eq!(ids.len(), 4);
        // importing the same file again changes nothing
        let again = import_file(&file, &out.items).unwrap();
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
        assert_eq!(again.items, out.items);
        // what local storage holds (no marker) imports too
        assert_eq!(import_file(&write(&theirs), &[]).unwrap().added, 3);
    }

    #[test]
    fn a_damaged_or_hostile_file_is_refused_with_a_message() {
        let mine = vec![item("a1", "one")];
        for (raw, want) in [
            ("{\"format\": \"khabar-library\", \"version\": 2, \"items\": [", "not valid JSON"),
            ("{\"format\": \"khabar-analysis\", \"text\": \"x\"}", "not a Khabar library"),
            ("{\"type\": \"FeatureCollection\"}", "not a Khabar library"),
            ("{\"format\": \"khabar-library\", \"version\": 9, \"items\": []}", "newer Khabar"),
            ("{\"format\": \"khabar-library\", \"version\": 2, \"items\": [1, {\"id\": \"<script>\"}]}", "no readable article"),
            ("\u{0}\u{1}binary", "not valid JSON"),
        ] {
            let e = import_file(raw, &mine).unwrap_err();
            assert!(e.to_string().contains(want), "{raw}: {e}");
            assert!(e.to_string().contains("nothing was imported"));
        }
    }

    fn analysed(items: &[Item]) -> Vec<Analysis> {
        items.iter().map(|i| i.analysis().analysis).collect()
    }

    #[test]
    fn search_finds_text_names_in_either_script_and_speakers() {
        let mut a = item("a", "قال وزير الخارجية الروسي سيرغي لافروف إن «المحادثات مستمرة» في موسكو.");
        a.meta.outlet = Some("Reuters".into());
        let mut b = item("b", "Russian Foreign Minister Sergei Lavrov said on Monday that \"talks go on\" in Geneva.");
        b.lang = Some(Lang::En);
        let items = vec![a, b];
        let analyses = analysed(&items);
        let arts: Vec<Analysed> = items.iter().zip(&analyses).map(|(item, analysis)| Analysed { item, analysis }).collect();
        let hits = search(&arts, "lavrov");
        assert!(hits.iter().any(|h| h.article == 1), "{hits:?}");
        assert!(hits.iter().find(|h| h.article == 1).unwrap().found.iter().any(|f| matches!(f, Found::Speaker { .. })), "{hits:?}");
        // Arabic query, folded (alef variants): finds the Arabic article's text
        let hits = search(&arts, "لافروف");
        assert!(hits.iter().any(|h| h.article == 0), "{hits:?}");
        let hits = search(&arts, "المحادثات");
        assert!(matches!(&hits[0].found.last(), Some(Found::Text(t)) if t.contains("المحادثات")), "{hits:?}");
        assert_eq!(search(&arts, "reuters")[0].found, vec![Found::Outlet]);
        assert!(search(&arts, "  ").is_empty());
        assert!(search(&arts, "zzzz").is_empty());
    }

    #[test]
    fn names_are_found_across_scripts_through_english_names_and_the_transliterator() {
        let mut ar = item("ar", include_str!("app/examples/ar.txt"));
        ar.date = Some("2024-03-04".into());
        let mut en = item("en", include_str!("app/examples/en.txt"));
        en.lang = Some(Lang::En);
        let items = vec![ar, en];
        let analyses = analysed(&items);
        let arts: Vec<Analysed> = items.iter().zip(&analyses).map(|(item, analysis)| Analysed { item, analysis }).collect();
        let names = |q: &str| -> Vec<usize> {
            search(&arts, q)
                .into_iter()
                .filter(|h| h.found.iter().any(|f| matches!(f, Found::Name { .. } | Found::Speaker { .. })))
                .map(|h| h.article)
                .collect()
        };
        let mut both = names("Karim Nassar");
        crate::sort::ord(&mut both);
        assert_eq!(both, vec![0, 1], "a Latin query finds the Arabic name");
        let mut both = names("كريم نصار");
        crate::sort::ord(&mut both);
        assert_eq!(both, vec![0, 1], "an Arabic query finds the English name");
        // another spelling of the same consonants
        assert!(names("Kareem Nasser").contains(&0));
        assert!(names("Nassar").contains(&0) && names("نصار").contains(&1));
        // and not everything: another name
        assert!(names("Hollande").is_empty() && names("هولاند").is_empty());
    }

    #[test]
    fn search_sees_corrections() {
        let mut a = item("a", "وقالت المادة إن «الاتفاق قريب».");
        let machine = crate::analyze(&a.text, &a.options());
        let Some(st) = corrections::statement_anchor(&a.text, &machine, 0) else {
            return;
        };
        a.corrections = vec![Op::SetSpeaker { statement: st, speaker: crate::corrections::Speaker::Description("unnamed source".into()) }];
        let items = vec![a];
        let analyses = analysed(&items);
        let arts = [Analysed { item: &items[0], analysis: &analyses[0] }];
        assert!(matches!(search(&arts, "unnamed")[0].found[0], Found::Speaker { .. }));
    }

    #[test]
    fn sorting_and_filtering() {
        let mut items = vec![item("a", "alpha"), item("b", "bravo"), item("c", "charlie")];
        items[0].date = Some("2015-11-20".into());
        items[1].date = None;
        items[2].date = Some("2015-11-01".into());
        items[0].meta.outlet = Some("Reuters".into());
        items[2].meta.outlet = Some("Al Jazeera".into());
        for (n, i) in items.iter_mut().enumerate() {
            i.saved_at = n as f64;
        }
        let all = Filter::default();
        assert_eq!(arrange(&items, Sort::Saved, &all), vec![2, 1, 0]);
        assert_eq!(arrange(&items, Sort::Newest, &all), vec![0, 2, 1]);
        assert_eq!(arrange(&items, Sort::Oldest, &all), vec![2, 0, 1]);
        assert_eq!(arrange(&items, Sort::Title, &all), vec![0, 1, 2]);
        assert_eq!(arrange(&items, Sort::Outlet, &all), vec![2, 0, 1]);
        assert_eq!(arrange(&items, Sort::Saved, &Filter { outlet: Some("Reuters".into()), ..all.clone() }), vec![0]);
        assert_eq!(arrange(&items, Sort::Oldest, &Filter { from: Some("2015-11-10".into()), ..all.clone() }), vec![0]);
        assert_eq!(arrange(&items, Sort::Oldest, &Filter { to: Some("2015-11-10".into()), ..all.clone() }), vec![2]);
        assert_eq!(outlets(&items), vec!["Al Jazeera".to_string(), "Reuters".to_string()]);
        for s in Sort::ALL {
            assert_eq!(Sort::parse(s.as_str()), Some(s));
        }
    }
}
