//! The stored form of the web app's library of saved articles, and its migrations.
//!
//! The browser keeps the library as one JSON value in local storage. It is versioned:
//! `{"version": 1, "items": [...]}`. Reading accepts every version this build knows and brings it
//! to the current one ([`read`] says which version it came from, so the caller can write the
//! migrated form back); a newer version is refused, so that an older tab never overwrites what a
//! newer one wrote. Known versions:
//!
//! - unversioned (reported as version 0): a bare JSON array of items, the shape of the item list
//!   without its envelope (hand-made lists, or tools that kept just the items);
//! - 1: the envelope above; items carry `id`, `title`, `text`, `date`, `lang`, `saved_at`.
//!
//! A new version adds a step to [`migrate`]: read the previous shape, return the next.
//!
//! Items are read one by one: a damaged item is skipped and counted, never taking the others
//! with it. Missing optional fields get defaults (a title from the text, a fresh id).

use crate::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The version [`write`] produces.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub text: String,
    pub date: Option<String>,
    pub lang: Option<Lang>,
    /// Milliseconds since the epoch.
    pub saved_at: f64,
}

/// What [`read`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub items: Vec<Item>,
    /// The version the stored value had (0: unversioned). Below [`VERSION`]: write it back.
    pub from_version: u32,
    /// Items that could not be read and were left out.
    pub skipped: usize,
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
            LibraryError::NotALibrary => write!(f, "the saved library is not in a format Khabar knows"),
            LibraryError::Newer(v) => write!(f, "the saved library was written by a newer Khabar (version {v}; this one reads up to {VERSION})"),
        }
    }
}

impl std::error::Error for LibraryError {}

/// Read a stored library of any known version.
pub fn read(raw: &str) -> Result<Loaded, LibraryError> {
    let value: Value = serde_json::from_str(raw).map_err(|e| LibraryError::Unreadable(e.to_string()))?;
    let (version, items) = migrate(value)?;
    let mut skipped = 0;
    let mut out = Vec::with_capacity(items.len());
    for (n, item) in items.into_iter().enumerate() {
        match item_from(item, n) {
            Some(item) => out.push(item),
            None => skipped += 1,
        }
    }
    Ok(Loaded { items: out, from_version: version, skipped })
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
                (1, Some(Value::Array(items))) => Ok((1, items)),
                (1, None | Some(Value::Null)) => Ok((1, vec![])),
                _ => Err(LibraryError::NotALibrary),
            }
        }
        _ => Err(LibraryError::NotALibrary),
    }
}

/// One item, lenient about what can be rebuilt: only the text is required.
fn item_from(value: Value, n: usize) -> Option<Item> {
    let obj = value.as_object()?;
    let text = obj.get("text")?.as_str()?.to_string();
    if text.trim().is_empty() {
        return None;
    }
    let string = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string).filter(|s| !s.trim().is_empty());
    let date = string("date").filter(|d| crate::parse_date(d).is_ok());
    let lang = string("lang").and_then(|l| Lang::parse(&l));
    let saved_at = obj.get("saved_at").and_then(Value::as_f64).filter(|t| t.is_finite()).unwrap_or(0.0);
    Some(Item {
        id: string("id").unwrap_or_else(|| format!("m{n}-{}", text.len())),
        title: string("title").unwrap_or_else(|| title_of(&text)),
        date,
        lang,
        saved_at,
        text,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, text: &str) -> Item {
        Item { id: id.into(), title: title_of(text), text: text.into(), date: Some("2015-11-18".into()), lang: Some(Lang::Ar), saved_at: 1.5e12 }
    }

    #[test]
    fn round_trip_at_the_current_version() {
        let items = vec![item("a1", "قال بوتين"), item("a2", "Putin said")];
        let raw = write(&items);
        assert!(raw.starts_with("{\"version\":1,"), "{raw}");
        assert_eq!(read(&raw), Ok(Loaded { items, from_version: VERSION, skipped: 0 }));
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
    fn damaged_items_are_skipped_not_the_whole_library() {
        let raw = r#"{"version": 1, "items": [{"id": "a", "text": "kept"}, {"id": "b"}, 42, {"id": "c", "text": "  "}, {"text": "also kept", "date": "2015-02-30", "saved_at": "soon"}]}"#;
        let loaded = read(raw).unwrap();
        assert_eq!(loaded.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), vec!["kept", "also kept"]);
        assert_eq!(loaded.skipped, 3);
        // an impossible date and a non-numeric time are dropped, not trusted
        assert_eq!(loaded.items[1].date, None);
        assert_eq!(loaded.items[1].saved_at, 0.0);
    }

    #[test]
    fn unreadable_foreign_and_newer_data_are_errors() {
        assert!(matches!(read(r#"{"version":1,"items":[{"id""#), Err(LibraryError::Unreadable(_))));
        assert!(matches!(read(""), Err(LibraryError::Unreadable(_))));
        assert_eq!(read(r#""hello""#), Err(LibraryError::NotALibrary));
        assert_eq!(read(r#"{"items": []}"#), Err(LibraryError::NotALibrary));
        assert_eq!(read(r#"{"version": 1, "items": {}}"#), Err(LibraryError::NotALibrary));
        assert_eq!(read(r#"{"version": 2, "items": []}"#), Err(LibraryError::Newer(2)));
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
}
