//! The one type every stage reads and writes, and that the CLI, the web app and the exports share.
//! Field names follow the protocol in `../shared/tools/khabar-eval`; add fields, never rename.

use serde::{Deserialize, Serialize};

/// A half-open UTF-8 byte range into the original text, always on character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The languages (one per pack) live with their packs.
pub use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Equipment,
    Event,
    Quantity,
}

impl EntityKind {
    pub const ALL: [EntityKind; 6] =
        [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Equipment, EntityKind::Event, EntityKind::Quantity];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Equipment => "equipment",
            EntityKind::Event => "event",
            EntityKind::Quantity => "quantity",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GeoKind {
    Country,
    Region,
    City,
    Sea,
    Site,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2; empty for seas and regions spanning several countries.
    pub country: String,
    pub kind: GeoKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    /// Display name in the article's language (the fullest form used in the text).
    pub name: String,
    pub name_en: Option<String>,
    /// A located place's Arabic name from the gazetteer, when the article is not in Arabic (an
    /// Arabic article's `name` is already Arabic): what an Arabic reader's map calls it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_ar: Option<String>,
    pub mentions: Vec<Span>,
    pub geo: Option<Geo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Entity id of the speaker when the speaker is an entity.
    pub speaker: Option<String>,
    /// Where the speaker is expressed for this statement: a name, a description or a pronoun.
    pub speaker_span: Option<Span>,
    /// The reporting verb or frame.
    pub cue: Option<Span>,
    /// What was said, without the frame and the quotation marks; for a quote interrupted by its
    /// attribution, from the first part's start to the last part's end.
    pub content: Span,
    /// The parts of a quote interrupted by its attribution (“…,” she said. “…”), in order and
    /// without the frame; empty when what was said is the one stretch `content`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_parts: Vec<Span>,
    pub direct: bool,
    /// When it was said (YYYY-MM-DD), if the text tells.
    pub date: Option<String>,
    /// A reader's description of a speaker the text does not name as an entity ("unnamed
    /// source"), set by a correction ([`crate::corrections`]); the machine never sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_description: Option<String>,
}

impl Statement {
    /// The stretches of text that were said: `content_parts`, or `content` alone.
    pub fn parts(&self) -> &[Span] {
        if self.content_parts.is_empty() { std::slice::from_ref(&self.content) } else { &self.content_parts }
    }

    /// What was said as a reader cites it: the parts joined by an ellipsis, the frame left out.
    pub fn content_text(&self, text: &str) -> String {
        self.parts().iter().map(|p| p.slice(text)).collect::<Vec<_>>().join(" … ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    /// ISO value: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, or start/end.
    pub value: String,
}

impl TimeExpr {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub lang: Lang,
    /// The reference date used to resolve relative times.
    pub date: Option<String>,
    pub entities: Vec<Entity>,
    pub statements: Vec<Statement>,
    pub times: Vec<TimeExpr>,
}

impl Analysis {
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

/// Spans sorted by start, answering "which of them overlap this span" by binary search, so that
/// checking every new mention against all earlier ones stays linear in a long text.
#[derive(Debug, Default)]
pub struct SpanSet {
    spans: Vec<Span>,
    longest: usize,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        crate::sort::ord(&mut spans);
        let longest = spans.iter().map(Span::len).max().unwrap_or(0);
        SpanSet { spans, longest }
    }

    /// The spans overlapping `s`, in order.
    pub fn overlapping(&self, s: Span) -> impl Iterator<Item = Span> + '_ {
        let from = self.spans.partition_point(|x| x.start + self.longest <= s.start);
        let to = self.spans.partition_point(|x| x.start < s.end);
        self.spans[from..to.max(from)].iter().copied().filter(move |x| x.overlaps(s))
    }

    pub fn overlaps_any(&self, s: Span) -> bool {
        self.overlapping(s).next().is_some()
    }
}

#[cfg(test)]
mod span_set_tests {
    use super::*;

    #[test]
    fn overlap_queries_match_a_scan() {
        let spans: Vec<Span> = [(0, 5), (3, 40), (10, 12), (41, 43), (50, 51)].iter().map(|&(a, b)| Span::new(a, b)).collect();
        let set = SpanSet::new(spans.clone());
        for a in 0..55 {
            for b in a + 1..56 {
                let q = Span::new(a, b);
                let scan: Vec<Span> = {
                    let mut v: Vec<Span> = spans.iter().copied().filter(|x| x.overlaps(q)).collect();
                    crate::sort::ord(&mut v);
                    v
                };
                assert_eq!(set.overlapping(q).collect::<Vec<_>>(), scan, "{q:?}");
            }
        }
    }
}
