//! Exports of an Analysis: Analysis JSON (re-importable), GeoJSON, CSV of statements, TimelineJS JSON.
//!
//! Pure functions of the article text and its Analysis, so the web app only has to offer the
//! result as a download. Everything that leaves here is data, never markup: TimelineJS renders its
//! text fields as HTML, so article text is escaped on the way in.

use crate::{Analysis, Span, Statement};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::fmt;

/// Marks a Khabar export so an import can tell it from any other JSON.
pub const FORMAT: &str = "khabar-analysis";
pub const FORMAT_VERSION: u32 = 1;

/// The exported document: the Analysis fields at top level (so any consumer of the CLI's JSON reads
/// it unchanged), plus the text the byte offsets point into and a format marker for import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exported {
    pub format: String,
    pub format_version: u32,
    pub text: String,
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

/// Analysis JSON with the text, pretty-printed.
pub fn analysis_json(text: &str, analysis: &Analysis) -> String {
    let doc = Exported { format: FORMAT.into(), format_version: FORMAT_VERSION, text: text.into(), analysis: analysis.clone() };
    serde_json::to_string_pretty(&doc).expect("an Analysis always serialises")
}

/// Read back what [`analysis_json`] wrote. Offsets are checked against the text so the views can
/// slice it without a second thought.
pub fn import_json(json: &str) -> Result<Exported, ImportError> {
    let value: Value = serde_json::from_str(json).map_err(|e| ImportError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotKhabar);
    }
    if let Some(v) = value.get("format_version").and_then(Value::as_u64) {
        if v > FORMAT_VERSION as u64 {
            return Err(ImportError::NewerVersion(v.min(u32::MAX as u64) as u32));
        }
    }
    let doc: Exported = serde_json::from_value(value).map_err(|_| ImportError::NotKhabar)?;
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

/// A GeoJSON FeatureCollection with one Point per geocoded entity (RFC 7946: [lon, lat]).
pub fn geojson(analysis: &Analysis) -> Value {
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
    json!({ "type": "FeatureCollection", "features": features })
}

pub const CSV_HEADER: [&str; 12] =
    ["index", "date", "speaker_id", "speaker_name", "speaker_name_en", "speaker_text", "cue", "content", "direct", "content_start", "content_end", "lang"];

/// One row per statement, RFC 4180 (CRLF, quoted fields), with a UTF-8 BOM so spreadsheet apps
/// open Arabic correctly.
pub fn statements_csv(text: &str, analysis: &Analysis) -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for (i, s) in analysis.statements.iter().enumerate() {
        let speaker = s.speaker.as_deref().and_then(|id| analysis.entity(id));
        let slice = |span: Option<Span>| span.map(|sp| sp.slice(text).to_string()).unwrap_or_default();
        push_row(
            &mut out,
            [
                i.to_string(),
                s.date.clone().unwrap_or_default(),
                s.speaker.clone().unwrap_or_default(),
                speaker.map(|e| e.name.clone()).unwrap_or_default(),
                speaker.and_then(|e| e.name_en.clone()).unwrap_or_default(),
                slice(s.speaker_span),
                slice(s.cue),
                slice(Some(s.content)),
                s.direct.to_string(),
                s.content.start.to_string(),
                s.content.end.to_string(),
                analysis.lang.code().to_string(),
            ]
            .into_iter(),
        );
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
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded != guarded.trim() {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// TimelineJS 3 JSON: one event per dated statement; statements without a date fall back to the
/// article date (TimelineJS needs one) and say so in their text.
pub fn timelinejs(text: &str, analysis: &Analysis, title: &str) -> Value {
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
            let content = s.content.slice(text);
            let quoted = if s.direct { format!("“{}”", escape_html(content)) } else { escape_html(content) };
            let note = if assumed { "<p><em>Date not stated; article date shown.</em></p>" } else { "" };
            Some(json!({
                "unique_id": format!("statement-{i}"),
                "start_date": start_date,
                "group": speaker,
                "text": { "headline": escape_html(&speaker), "text": format!("<p>{quoted}</p>{note}") },
            }))
        })
        .collect();
    json!({ "title": { "text": { "headline": escape_html(title), "text": "" } }, "events": events })
}

fn speaker_label(text: &str, analysis: &Analysis, s: &Statement) -> String {
    if let Some(e) = s.speaker.as_deref().and_then(|id| analysis.entity(id)) {
        return match &e.name_en {
            Some(en) if en != &e.name => format!("{} ({en})", e.name),
            _ => e.name.clone(),
        };
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
                Entity { id: "e1".into(), kind: EntityKind::Person, name: "Lina Haddad".into(), name_en: Some("Lina Haddad".into()), mentions: vec![find("Lina Haddad")], geo: None },
                Entity {
                    id: "e2".into(),
                    kind: EntityKind::Place,
                    name: "Tyre".into(),
                    name_en: Some("Tyre".into()),
                    mentions: vec![find("Tyre")],
                    geo: Some(Geo { lat: 33.27, lon: 35.2, country: "LB".into(), kind: GeoKind::City }),
                },
            ],
            statements: vec![
                Statement { speaker: Some("e1".into()), speaker_span: Some(find("Lina Haddad")), cue: Some(find("said")), content: find("=SUM(A1) <b>now</b>"), direct: true, date: Some("2024-03-04".into()) },
                Statement { speaker: Some("e1".into()), speaker_span: None, cue: Some(find("adding")), content: find("the port reopens"), direct: false, date: None },
            ],
            times: vec![TimeExpr { start: 0, end: 5, value: "2024-03-04".into() }],
        }
    }

    #[test]
    fn json_round_trips_and_keeps_protocol_fields_at_top_level() {
        let json = analysis_json(TEXT, &sample());
        let v: Value = serde_json::from_str(&json).unwrap();
        assert!(v["entities"].is_array() && v["statements"].is_array() && v["lang"] == "en");
        let back = import_json(&json).unwrap();
        assert_eq!(back.text, TEXT);
        assert_eq!(back.analysis, sample());
    }

    #[test]
    fn import_rejects_foreign_or_damaged_files() {
        assert!(matches!(import_json("{"), Err(ImportError::NotJson(_))));
        assert_eq!(import_json("{\"type\":\"FeatureCollection\"}"), Err(ImportError::NotKhabar));
        let mut v: Value = serde_json::from_str(&analysis_json(TEXT, &sample())).unwrap();
        v["format_version"] = json!(7);
        assert_eq!(import_json(&v.to_string()), Err(ImportError::NewerVersion(7)));
        v["format_version"] = json!(1);
        v["text"] = json!("short");
        assert_eq!(import_json(&v.to_string()), Err(ImportError::BadOffsets));
    }

    #[test]
    fn geojson_points_are_lon_lat() {
        let g = geojson(&sample());
        assert_eq!(g["type"], "FeatureCollection");
        let f = &g["features"].as_array().unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0]["geometry"]["coordinates"], json!([35.2, 33.27]));
        assert_eq!(f[0]["properties"]["name_en"], "Tyre");
        assert_eq!(f[0]["properties"]["place_kind"], "city");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let csv = statements_csv(TEXT, &sample());
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(lines[1].contains(",'=SUM(A1) <b>now</b>,"), "{}", lines[1]);
        assert!(lines[2].starts_with("1,,e1,Lina Haddad,Lina Haddad,,adding,the port reopens,false,"));
        assert_eq!(csv_cell("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn timelinejs_escapes_html_and_falls_back_to_article_date() {
        let t = timelinejs(TEXT, &sample(), "Tyre <port>");
        assert_eq!(t["title"]["text"]["headline"], "Tyre &lt;port&gt;");
        let ev = t["events"].as_array().unwrap();
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0]["start_date"], json!({"year": "2024", "month": "3", "day": "4"}));
        let body = ev[0]["text"]["text"].as_str().unwrap();
        assert!(body.contains("&lt;b&gt;now&lt;/b&gt;") && !body.contains("<b>"), "{body}");
        assert_eq!(ev[1]["start_date"]["day"], "5");
        assert!(ev[1]["text"]["text"].as_str().unwrap().contains("Date not stated"));
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
        assert_eq!(geojson(&a)["features"], json!([]));
        assert_eq!(timelinejs("", &a, "")["events"], json!([]));
        assert_eq!(statements_csv("", &a).lines().count(), 1);
    }
}
