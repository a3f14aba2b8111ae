//! Exports of an Analysis: Analysis JSON (re-importable), GeoJSON, CSV of statements and of
//! entities, TimelineJS JSON.
//!
//! Pure functions of an [`Article`] — its text, its analysis with the reader's corrections
//! applied, its metadata — so the web app only has to offer the result as a download, and every
//! export says what the reader sees. Everything that leaves here is data, never markup: TimelineJS
//! renders its text fields as HTML, so article text is escaped on the way in. CSV offsets count
//! characters (what spreadsheet and script users index by), not UTF-8 bytes.

use crate::corrections::Op;
use crate::metadata::Metadata;
use crate::{Analysis, Span, Statement};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::fmt;

/// Marks a Khabar export so an import can tell it from any other JSON.
pub const FORMAT: &str = "khabar-analysis";
/// 2 adds `metadata` and `corrections`; version 1 files still import.
pub const FORMAT_VERSION: u32 = 2;

/// One article as every export sees it.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    pub text: &'a str,
    /// With the reader's corrections applied.
    pub analysis: &'a Analysis,
    /// Title, outlet, link, author; the publication date is the analysis's date.
    pub meta: &'a Metadata,
    /// The corrections applied, kept so that an import can go on editing them.
    pub corrections: &'a [Op],
}

impl Article<'_> {
    fn title(&self) -> String {
        crate::metadata::title_for(self.meta, self.text)
    }
}

/// The metadata as exported: the reader's fields and the publication date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMeta {
    #[serde(flatten)]
    pub meta: Metadata,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// The exported document: the Analysis fields at top level (so any consumer of the CLI's JSON reads
/// it unchanged), plus the text the byte offsets point into and a format marker for import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exported {
    pub format: String,
    pub format_version: u32,
    pub text: String,
    #[serde(default)]
    pub metadata: ExportedMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Op>,
    #[serde(flatten)]
    pub analysis: Analysis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotJson(String),
    NotKhabar,
    NewerVersion(u32),
    /// Offsets that do not fit the text: the file was edited or belongs to another text.
    BadOffsets,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(e) => write!(f, "the file is not valid JSON ({e})"),
            ImportError::NotKhabar => write!(f, "the file is not a Khabar analysis export (it needs \"format\": \"{FORMAT}\" and the article text)"),
            ImportError::NewerVersion(v) => write!(f, "the file was exported by a newer Khabar (format version {v}); this one reads {FORMAT_VERSION}"),
            ImportError::BadOffsets => write!(f, "the file's positions do not match its text; it may have been edited"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Analysis JSON with the text, its metadata and its corrections, pretty-printed.
pub fn analysis_json(a: &Article) -> String {
    let metadata = ExportedMeta { meta: Metadata { title: Some(a.title()).filter(|t| !t.is_empty()), ..a.meta.clone() }, published: a.analysis.date.clone() };
    let doc = Exported {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        text: a.text.into(),
        metadata,
        corrections: a.corrections.to_vec(),
        analysis: a.analysis.clone(),
    };
    serde_json::to_string_pretty(&doc).expect("an Analysis always serialises")
}

/// Read back what [`analysis_json`] wrote. Offsets are checked against the text so the views can
/// slice it without a second thought.
pub fn import_json(json: &str) -> Result<Exported, ImportError> {
    let value: Value = serde_json::from_slice(json.as_bytes()).map_err(|e| ImportError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotKhabar);
    }
    if let Some(v) = value.get("format_version").and_then(Value::as_u64) {
        if v > FORMAT_VERSION as u64 {
            return Err(ImportError::NewerVersion(v.min(u32::MAX as u64) as u32));
        }
    }
    let mut doc: Exported = serde_json::from_value(value).map_err(|_| ImportError::NotKhabar)?;
    doc.metadata.meta = doc.metadata.meta.cleaned();
    let fits = |s: &Span| s.start <= s.end && doc.text.get(s.start..s.end).is_some();
    let entity_spans = doc.analysis.entities.iter().flat_map(|e| e.mentions.iter());
    let statement_spans = doc.analysis.statements.iter().flat_map(|s| [Some(s.content), s.cue, s.speaker_span].into_iter().flatten());
    let mut spans = entity_spans.copied().chain(statement_spans);
    let times_fit = doc.analysis.times.iter().all(|t| fits(&t.span()));
    if !spans.all(|s| fits(&s)) || !times_fit {
        return Err(ImportError::BadOffsets);
    }
    Ok(doc)
}

/// A GeoJSON FeatureCollection with one Point per geocoded entity (RFC 7946: [lon, lat]); the
/// article's metadata rides along as a foreign member (RFC 7946 §6.1).
pub fn geojson(a: &Article) -> Value {
    let analysis = a.analysis;
    let features: Vec<Value> = analysis
        .entities
        .iter()
        .filter_map(|e| {
            let g = e.geo.as_ref()?;
            if !(g.lat.is_finite() && g.lon.is_finite()) {
                return None;
            }
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": { "type": "Point", "coordinates": [g.lon, g.lat] },
                "properties": {
                    "id": e.id,
                    "name": e.name,
                    "name_en": e.name_en,
                    "place_kind": g.kind,
                    "country": g.country,
                    "mentions": e.mentions.len(),
                },
            }))
        })
        .collect();
    json!({ "type": "FeatureCollection", "metadata": article_meta(a), "features": features })
}

fn article_meta(a: &Article) -> Value {
    json!({
        "title": a.title(),
        "outlet": a.meta.outlet,
        "url": a.meta.url,
        "author": a.meta.author,
        "published": a.analysis.date,
    })
}

/// The columns naming the article, first in both CSV files, so that the rows of several articles
/// can be read (or concatenated) together.
const ARTICLE_COLUMNS: [&str; 3] = ["article_title", "outlet", "published"];

pub const CSV_HEADER: [&str; 15] = [
    "article_title",
    "outlet",
    "published",
    "index",
    "date",
    "speaker_id",
    "speaker_name",
    "speaker_name_en",
    "speaker_text",
    "cue",
    "content",
    "direct",
    "content_start_char",
    "content_end_char",
    "lang",
];

pub const ENTITIES_CSV_HEADER: [&str; 12] =
    ["article_title", "outlet", "published", "entity_id", "kind", "name", "name_en", "mentions", "first_start_char", "first_end_char", "lat", "lon"];

/// Character offsets for byte offsets of one text: a checkpoint every kilobyte, so that a long
/// article's thousands of rows do not each count from the start.
struct Chars<'a> {
    text: &'a str,
    /// (byte offset, characters before it), increasing.
    marks: Vec<(usize, usize)>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Chars<'a> {
        let mut marks = vec![(0, 0)];
        for (n, (byte, _)) in text.char_indices().enumerate() {
            if byte >= marks.last().map_or(0, |m| m.0) + 1024 {
                marks.push((byte, n));
            }
        }
        Chars { text, marks }
    }

    fn at(&self, byte: usize) -> usize {
        // offsets come from the analysis and sit on character boundaries; floor them if not
        let byte = (0..=byte.min(self.text.len())).rev().find(|&b| self.text.is_char_boundary(b)).unwrap_or(0);
        let (from, before) = self.marks[self.marks.partition_point(|m| m.0 <= byte) - 1];
        before + self.text[from..byte].chars().count()
    }
}

fn article_cells(a: &Article) -> [String; 3] {
    debug_assert_eq!(ARTICLE_COLUMNS.len(), 3);
    [a.title(), a.meta.outlet.clone().unwrap_or_default(), a.analysis.date.clone().unwrap_or_default()]
}

/// The speaker as a reader would name them: the entity, else a description the reader typed.
fn speaker_names(analysis: &Analysis, s: &Statement) -> (String, String) {
    match s.speaker.as_deref().and_then(|id| analysis.entity(id)) {
        Some(e) => (e.name.clone(), e.name_en.clone().unwrap_or_default()),
        None => (s.speaker_description.clone().unwrap_or_default(), String::new()),
    }
}

/// One row per statement of every article, RFC 4180 (CRLF, quoted fields), with a UTF-8 BOM so
/// spreadsheet apps open Arabic correctly.
pub fn statements_csv(articles: &[Article]) -> String {
    statements_csv_of(articles, |_, _| true)
}

/// The same with only the statements `keep(article, statement index)` admits: one speaker's
/// statements across articles, with the same columns as every other statements file.
pub fn statements_csv_of(articles: &[Article], keep: impl Fn(usize, usize) -> bool) -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for (n, a) in articles.iter().enumerate() {
        let (text, analysis) = (a.text, a.analysis);
        let chars = Chars::new(text);
        for (i, s) in analysis.statements.iter().enumerate().filter(|(i, _)| keep(n, *i)) {
            let (name, name_en) = speaker_names(analysis, s);
            let slice = |span: Option<Span>| span.map(|sp| sp.slice(text).to_string()).unwrap_or_default();
            let row = article_cells(a).into_iter().chain([
                i.to_string(),
                s.date.clone().unwrap_or_default(),
                s.speaker.clone().unwrap_or_default(),
                name,
                name_en,
                slice(s.speaker_span),
                slice(s.cue),
                s.content_text(text),
                s.direct.to_string(),
                chars.at(s.content.start).to_string(),
                chars.at(s.content.end).to_string(),
                analysis.lang.code().to_string(),
            ]);
            push_row(&mut out, row);
        }
    }
    out
}

/// Marks a speaker's statements across articles, as exported from the combined view.
pub const SPEAKER_FORMAT: &str = "khabar-speaker";

/// One statement of a speaker's page: which article, which statement, the date it is filed under.
#[derive(Debug, Clone, Copy)]
pub struct SpeakerStatement<'a> {
    pub article: usize,
    pub index: usize,
    pub date: Option<&'a str>,
    pub date_inferred: bool,
}

/// A speaker's statements across articles as JSON: who (the names the articles use), and each
/// statement with its date, its article's title, outlet, link and date, and character offsets.
pub fn speaker_json(name: &str, names: &[String], articles: &[Article], statements: &[SpeakerStatement]) -> Value {
    let rows: Vec<Value> = statements
        .iter()
        .filter_map(|st| {
            let a = articles.get(st.article)?;
            let s = a.analysis.statements.get(st.index)?;
            let chars = Chars::new(a.text);
            let slice = |span: Option<Span>| span.map(|sp| sp.slice(a.text).to_string());
            Some(json!({
                "date": st.date,
                "date_inferred": st.date_inferred,
                "speaker_text": slice(s.speaker_span),
                "cue": slice(s.cue),
                "content": slice(Some(s.content)),
                "direct": s.direct,
                "start_char": chars.at(s.content.start),
                "end_char": chars.at(s.content.end),
                "article": {
                    "title": a.title(),
                    "outlet": a.meta.outlet,
                    "author": a.meta.author,
                    "url": a.meta.url,
                    "published": a.analysis.date,
                    "statement_index": st.index,
                },
            }))
        })
        .collect();
    json!({ "format": SPEAKER_FORMAT, "format_version": 1, "speaker": { "name": name, "names": names }, "statements": rows })
}

/// One row per entity of every article, with its first mention's character offsets.
pub fn entities_csv(articles: &[Article]) -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, ENTITIES_CSV_HEADER.iter().map(|s| s.to_string()));
    for a in articles {
        let chars = Chars::new(a.text);
        for e in &a.analysis.entities {
            let first = e.mentions.first().copied().unwrap_or(Span::new(0, 0));
            let coord = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let row = article_cells(a).into_iter().chain([
                e.id.clone(),
                e.kind.as_str().to_string(),
                e.name.clone(),
                e.name_en.clone().unwrap_or_default(),
                e.mentions.len().to_string(),
                chars.at(first.start).to_string(),
                chars.at(first.end).to_string(),
                coord(e.geo.as_ref().map(|g| g.lat)),
                coord(e.geo.as_ref().map(|g| g.lon)),
            ]);
            push_row(&mut out, row);
        }
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let mut first = true;
    for cell in cells {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&csv_cell(&cell));
    }
    out.push_str("\r\n");
}

fn csv_cell(cell: &str) -> String {
    // A cell starting with = + - @ is run as a formula by spreadsheet apps: article text is
    // untrusted, so such cells get a leading apostrophe (OWASP's CSV-injection advice).
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() { format!("'{cell}") } else { cell.to_string() };
    if guarded.contains([',', '"', '\n', '\r']) || guarded != guarded.trim() { format!("\"{}\"", guarded.replace('"', "\"\"")) } else { guarded }
}

/// TimelineJS 3 JSON: one event per dated statement; statements without a date fall back to the
/// article date (TimelineJS needs one) and say so in their text. The title slide names the article,
/// its outlet, author and link.
pub fn timelinejs(a: &Article) -> Value {
    let (text, analysis) = (a.text, a.analysis);
    let title = a.title();
    let events: Vec<Value> = analysis
        .statements
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let (date, assumed) = match (&s.date, &analysis.date) {
                (Some(d), _) => (d.as_str(), false),
                (None, Some(d)) => (d.as_str(), true),
                (None, None) => return None,
            };
            let start_date = timeline_date(date)?;
            let speaker = speaker_label(text, analysis, s);
            let content = s.content_text(text);
            let quoted = if s.direct { format!("“{}”", escape_html(&content)) } else { escape_html(&content) };
            let note = if assumed { "<p><em>Date not stated; article date shown.</em></p>" } else { "" };
            Some(json!({
                "unique_id": format!("statement-{i}"),
                "start_date": start_date,
                "group": speaker,
                "text": { "headline": escape_html(&speaker), "text": format!("<p>{quoted}</p>{note}") },
            }))
        })
        .collect();
    let credit: Vec<String> = [&a.meta.outlet, &a.meta.author, &a.meta.url].into_iter().flatten().map(|s| escape_html(s)).collect();
    let credit = if credit.is_empty() { String::new() } else { format!("<p>{}</p>", credit.join(" · ")) };
    json!({ "title": { "text": { "headline": escape_html(&title), "text": credit } }, "events": events })
}

fn speaker_label(text: &str, analysis: &Analysis, s: &Statement) -> String {
    if let Some(e) = s.speaker.as_deref().and_then(|id| analysis.entity(id)) {
        return match &e.name_en {
            Some(en) if en != &e.name => format!("{} ({en})", e.name),
            _ => e.name.clone(),
        };
    }
    if let Some(d) = &s.speaker_description {
        return d.clone();
    }
    s.speaker_span.map(|sp| sp.slice(text).to_string()).filter(|t| !t.is_empty()).unwrap_or_else(|| "Unattributed".into())
}

/// `YYYY[-MM[-DD]]` (the start of a range for `a/b`) as TimelineJS's date object.
fn timeline_date(value: &str) -> Option<Value> {
    let first = value.split('/').next()?;
    let mut parts = first.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let mut date = json!({ "year": year.to_string() });
    if let Some(m) = parts.next().and_then(|m| m.parse::<u32>().ok()).filter(|m| (1..=12).contains(m)) {
        date["month"] = json!(m.to_string());
        if let Some(d) = parts.next().and_then(|d| d.parse::<u32>().ok()).filter(|d| (1..=31).contains(d)) {
            date["day"] = json!(d.to_string());
        }
    }
    Some(date)
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, EntityKind, Geo, GeoKind, Lang, TimeExpr};

    const TEXT: &str = "Mayor Lina Haddad said \"=SUM(A1) <b>now</b>\" in Tyre, adding that the port reopens.";

    fn find(needle: &str) -> Span {
        let s = TEXT.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    fn sample() -> Analysis {
        Analysis {
            id: None,
            lang: Lang::En,
            date: Some("2024-03-05".into()),
            entities: vec![
                Entity {
                    id: "e1".into(),
                    kind: EntityKind::Person,
                    name: "Lina Haddad".into(),
                    name_en: Some("Lina Haddad".into()),
                    name_ar: None,
                    mentions: vec![find("Lina Haddad")],
                    geo: None,
                },
                Entity {
                    id: "e2".into(),
                    kind: EntityKind::Place,
                    name: "Tyre".into(),
                    name_en: Some("Tyre".into()),
                    name_ar: None,
                    mentions: vec![find("Tyre")],
                    geo: Some(Geo { lat: 33.27, lon: 35.2, country: "LB".into(), kind: GeoKind::City }),
                },
            ],
            statements: vec![
                Statement {
                    speaker: Some("e1".into()),
                    speaker_span: Some(find("Lina Haddad")),
                    cue: Some(find("said")),
                    content: find("=SUM(A1) <b>now</b>"),
                    direct: true,
                    date: Some("2024-03-04".into()),
                    speaker_description: None,
                    content_parts: Vec::new(),
                },
                Statement {
                    speaker: Some("e1".into()),
                    speaker_span: None,
                    cue: Some(find("adding")),
                    content: find("the port reopens"),
                    direct: false,
                    date: None,
                    speaker_description: None,
                    content_parts: Vec::new(),
                },
            ],
            times: vec![TimeExpr { start: 0, end: 5, value: "2024-03-04".into() }],
        }
    }

    fn meta() -> Metadata {
        Metadata {
            title: Some("Tyre <port> reopens".into()),
            outlet: Some("Reuters".into()),
            url: Some("https://example.com/tyre".into()),
            author: Some("J. Doe".into()),
        }
    }

    /// The exports of the sample with its metadata (and no corrections), read by `f`.
    fn with<T>(f: impl FnOnce(&Article) -> T) -> T {
        let (an, m) = (sample(), meta());
        f(&Article { text: TEXT, analysis: &an, meta: &m, corrections: &[] })
    }

    #[test]
    fn json_round_trips_and_keeps_protocol_fields_at_top_level() {
        let json = with(analysis_json);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert!(v["entities"].is_array() && v["statements"].is_array() && v["lang"] == "en");
        assert_eq!(v["metadata"]["outlet"], "Reuters");
        assert_eq!(v["metadata"]["published"], "2024-03-05");
        let back = import_json(&json).unwrap();
        assert_eq!(back.text, TEXT);
        assert_eq!(back.analysis, sample());
        assert_eq!(back.metadata.meta, meta());
    }

    #[test]
    fn corrected_exports_say_what_the_reader_sees() {
        use crate::corrections::{self, Speaker};
        let ops = vec![
            Op::SetSpeaker { statement: corrections::statement_anchor(TEXT, &sample(), 1).unwrap(), speaker: Speaker::Description("port authority".into()) },
            Op::SetEnglish { entity: corrections::entity_ref(TEXT, &sample(), "e2").unwrap(), name_en: Some("Sour".into()) },
        ];
        let (an, skipped) = corrections::apply(TEXT, &sample(), &ops);
        assert!(skipped.is_empty());
        let m = meta();
        let a = Article { text: TEXT, analysis: &an, meta: &m, corrections: &ops };
        let back = import_json(&analysis_json(&a)).unwrap();
        assert_eq!(back.corrections, ops);
        assert_eq!(back.analysis.statements[1].speaker_description.as_deref(), Some("port authority"));
        assert!(statements_csv(&[a]).contains(",port authority,"));
        assert_eq!(geojson(&a)["features"][0]["properties"]["name_en"], "Sour");
        assert_eq!(timelinejs(&a)["events"][1]["group"], "port authority");
    }

    #[test]
    fn version_1_files_still_import() {
        let v1 =
            json!({ "format": FORMAT, "format_version": 1, "text": TEXT, "lang": "en", "date": "2024-03-05", "entities": [], "statements": [], "times": [] });
        let back = import_json(&v1.to_string()).unwrap();
        assert_eq!((back.metadata, back.corrections.len()), (ExportedMeta::default(), 0));
        // a hostile link in a file is dropped on the way in
        let mut v2: Value = serde_json::from_str(&with(analysis_json)).unwrap();
        v2["metadata"]["url"] = json!("javascript:alert(1)");
        assert_eq!(import_json(&v2.to_string()).unwrap().metadata.meta.url, None);
    }

    #[test]
    fn import_rejects_foreign_or_damaged_files() {
        assert!(matches!(import_json("{"), Err(ImportError::NotJson(_))));
        assert_eq!(import_json("{\"type\":\"FeatureCollection\"}"), Err(ImportError::NotKhabar));
        let mut v: Value = serde_json::from_str(&with(analysis_json)).unwrap();
        v["format_version"] = json!(7);
        assert_eq!(import_json(&v.to_string()), Err(ImportError::NewerVersion(7)));
        v["format_version"] = json!(1);
        v["text"] = json!("short");
        assert_eq!(import_json(&v.to_string()), Err(ImportError::BadOffsets));
    }

    #[test]
    fn geojson_points_are_lon_lat() {
        let g = with(geojson);
        assert_eq!(g["type"], "FeatureCollection");
        assert_eq!(g["metadata"]["title"], "Tyre <port> reopens");
        let f = &g["features"].as_array().unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0]["geometry"]["coordinates"], json!([35.2, 33.27]));
        assert_eq!(f[0]["properties"]["name_en"], "Tyre");
        assert_eq!(f[0]["properties"]["place_kind"], "city");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let csv = with(|a| statements_csv(&[*a]));
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(lines[1].contains(",'=SUM(A1) <b>now</b>,"), "{}", lines[1]);
        assert!(lines[2].starts_with("Tyre <port> reopens,Reuters,2024-03-05,1,,e1,Lina Haddad,Lina Haddad,,adding,the port reopens,false,"), "{}", lines[2]);
        assert_eq!(csv_cell("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn csv_offsets_count_characters_across_articles() {
        let text = "قال الوزير «نعود غداً» في صور.";
        let content = text.find("نعود غداً").unwrap();
        let an = Analysis {
            id: None,
            lang: Lang::Ar,
            date: None,
            entities: vec![Entity {
                id: "p".into(),
                kind: EntityKind::Place,
                name: "صور".into(),
                name_en: Some("Tyre".into()),
                name_ar: None,
                mentions: vec![Span::new(text.find("صور").unwrap(), text.find("صور").unwrap() + "صور".len())],
                geo: None,
            }],
            statements: vec![Statement {
                speaker: None,
                speaker_span: None,
                cue: None,
                content: Span::new(content, content + "نعود غداً".len()),
                direct: true,
                date: None,
                speaker_description: None,
                content_parts: Vec::new(),
            }],
            times: vec![],
        };
        let m = Metadata { title: Some("عودة".into()), outlet: Some("واس".into()), ..Default::default() };
        let ar = Article { text, analysis: &an, meta: &m, corrections: &[] };
        let csv = with(|en| statements_csv(&[*en, ar]));
        let last = csv.trim_end().rsplit("\r\n").next().unwrap().to_string();
        let chars_before = text[..content].chars().count();
        assert!(last.starts_with("عودة,واس,,0,"), "{last}");
        assert!(last.ends_with(&format!(",{},{},ar", chars_before, chars_before + "نعود غداً".chars().count())), "{last}");
        let entities = with(|en| entities_csv(&[*en, ar]));
        let rows: Vec<&str> = entities.trim_start_matches('\u{FEFF}').trim_end().split("\r\n").collect();
        assert_eq!(rows[0], ENTITIES_CSV_HEADER.join(","));
        assert_eq!(rows.len(), 4);
        assert!(rows[2].ends_with(",33.27,35.2"), "{}", rows[2]);
        let at = text[..text.find("صور").unwrap()].chars().count();
        assert_eq!(rows[3], format!("عودة,واس,,p,place,صور,Tyre,1,{at},{},,", at + 3));
        // checkpoints: a long text counts the same as a plain count
        let long = "ب".repeat(5000) + "x";
        let c = Chars::new(&long);
        assert_eq!(c.at(long.len() - 1), 5000);
        assert_eq!(c.at(3001), 1500, "a byte inside a character floors to its start");
    }

    #[test]
    fn a_speakers_statements_keep_the_columns_and_name_their_article() {
        let csv = with(|a| statements_csv_of(&[*a, *a], |article, index| article == 1 && index == 1));
        let rows: Vec<&str> = csv.trim_start_matches('\u{FEFF}').trim_end().split("\r\n").collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], CSV_HEADER.join(","));
        assert!(rows[1].starts_with("Tyre <port> reopens,Reuters,2024-03-05,1,"), "{}", rows[1]);
        let v = with(|a| {
            let st = [
                SpeakerStatement { article: 0, index: 1, date: Some("2024-03-04"), date_inferred: true },
                SpeakerStatement { article: 5, index: 0, date: None, date_inferred: false },
            ];
            speaker_json("Lina Haddad", &["Lina Haddad".to_string()], &[*a], &st)
        });
        assert_eq!(v["format"], SPEAKER_FORMAT);
        assert_eq!(v["statements"].as_array().map(Vec::len), Some(1), "a statement of a missing article is left out");
        let s = &v["statements"][0];
        assert_eq!((s["content"].as_str(), s["date"].as_str(), s["date_inferred"].as_bool()), (Some("the port reopens"), Some("2024-03-04"), Some(true)));
        assert_eq!((s["article"]["title"].as_str(), s["article"]["outlet"].as_str()), (Some("Tyre <port> reopens"), Some("Reuters")));
    }

    #[test]
    fn timelinejs_escapes_html_and_falls_back_to_article_date() {
        let t = with(timelinejs);
        assert_eq!(t["title"]["text"]["headline"], "Tyre &lt;port&gt; reopens");
        assert!(t["title"]["text"]["text"].as_str().unwrap().contains("Reuters · J. Doe"));
        let ev = t["events"].as_array().unwrap();
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0]["start_date"], json!({"year": "2024", "month": "3", "day": "4"}));
        let body = ev[0]["text"]["text"].as_str().unwrap();
        assert!(body.contains("&lt;b&gt;now&lt;/b&gt;") && !body.contains("<b>"), "{body}");
        assert_eq!(ev[1]["start_date"]["day"], "5");
        assert!(ev[1]["text"]["text"].as_str().unwrap().contains("Date not stated"));
    }

    #[test]
    fn an_interrupted_quote_exports_its_parts_joined_by_an_ellipsis() {
        let mut an = sample();
        // Read as the two parts around " in Tyre, adding that ": the frame is left out.
        let (first, second) = (find("=SUM(A1) <b>now</b>"), find("the port reopens"));
        an.statements[0].content = Span::new(first.start, second.end);
        an.statements[0].content_parts = vec![first, second];
        let m = meta();
        let article = Article { text: TEXT, analysis: &an, meta: &m, corrections: &[] };
        let csv = statements_csv(&[article]);
        assert!(csv.contains(",'=SUM(A1) <b>now</b> … the port reopens,true,"), "{csv}");
        let t = timelinejs(&article);
        let body = t["events"][0]["text"]["text"].as_str().unwrap();
        assert!(body.contains("“=SUM(A1) &lt;b&gt;now&lt;/b&gt; … the port reopens”") && !body.contains("adding"), "{body}");
    }

    #[test]
    fn timeline_dates_accept_partial_values() {
        assert_eq!(timeline_date("2015"), Some(json!({"year": "2015"})));
        assert_eq!(timeline_date("2015-11"), Some(json!({"year": "2015", "month": "11"})));
        assert_eq!(timeline_date("2015-11-01/2015-11-30"), Some(json!({"year": "2015", "month": "11", "day": "1"})));
        assert_eq!(timeline_date("2015-W47"), Some(json!({"year": "2015"})));
        assert_eq!(timeline_date("soon"), None);
    }

    #[test]
    fn empty_analysis_exports_empty_collections() {
        let a = Analysis { id: None, lang: Lang::Ar, date: None, entities: vec![], statements: vec![], times: vec![] };
        let m = Metadata::default();
        let art = Article { text: "", analysis: &a, meta: &m, corrections: &[] };
        assert_eq!(geojson(&art)["features"], json!([]));
        assert_eq!(timelinejs(&art)["events"], json!([]));
        assert_eq!(statements_csv(&[art]).lines().count(), 1);
        assert_eq!(entities_csv(&[]).lines().count(), 1);
    }
}
