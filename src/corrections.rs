//! A reader's corrections to the machine analysis, kept as a list of operations on top of it.
//!
//! The machine analysis is never edited in place: the article keeps its text and its list of
//! [`Op`]s, and [`apply`] replays them over whatever analysis the current Khabar produces. So the
//! operations name what they change by content, not by position in the analysis: an entity by one
//! of its mentions (a byte range plus the text it covers) and its name, a statement by its
//! content's range and text. Replayed over a re-analysis by a newer Khabar they find the same
//! things again where those still exist, and [`Skipped`] says which ones no longer apply.
//!
//! An operation whose effect already holds (merging two names the machine now links itself,
//! detaching a mention that is already alone) applies quietly: only what cannot be found or makes
//! no sense is reported. Every result keeps the invariants of [`crate::validate`].

use crate::{Analysis, Entity, EntityKind, Span, Statement};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A stretch of the article named by its byte range and the text it covered when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Anchor {
    /// The anchor of `span` in `text`, if the span is a real, non-empty stretch of it.
    pub fn of(text: &str, span: Span) -> Option<Anchor> {
        let covered = text.get(span.start..span.end).filter(|s| !s.is_empty())?;
        Some(Anchor { start: span.start, end: span.end, text: covered.to_string() })
    }

    /// Where the anchor is now: at its offsets when they still cover its text, else the nearest
    /// place the text occurs (the article was edited before the corrections were replayed).
    pub fn locate(&self, text: &str) -> Option<Span> {
        if self.text.is_empty() {
            return None;
        }
        if text.get(self.start..self.end) == Some(self.text.as_str()) {
            return Some(Span::new(self.start, self.end));
        }
        text.match_indices(self.text.as_str()).map(|(at, _)| at).min_by_key(|&at| at.abs_diff(self.start)).map(|at| Span::new(at, at + self.text.len()))
    }
}

/// An entity, named by one of its mentions and, should that mention be gone, by its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    pub name: String,
    pub at: Anchor,
}

/// Who a reader says made a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Entity(EntityRef),
    /// A speaker the text does not name, described by the reader ("unnamed source").
    Description(String),
    /// Nobody: the statement is unattributed.
    Unattributed,
}

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    Rename {
        entity: EntityRef,
        name: String,
    },
    /// `None` (or blank) removes the English name.
    SetEnglish {
        entity: EntityRef,
        name_en: Option<String>,
    },
    SetKind {
        entity: EntityRef,
        kind: EntityKind,
    },
    /// `other` becomes part of `entity`: its mentions, and the statements it made.
    Merge {
        entity: EntityRef,
        other: EntityRef,
    },
    /// The mention is a different entity of its own (same kind, named as written).
    Detach {
        mention: Anchor,
    },
    /// The mention is not a name at all.
    RemoveMention {
        mention: Anchor,
    },
    DeleteEntity {
        entity: EntityRef,
    },
    /// A stretch of text the machine missed is an entity.
    AddEntity {
        span: Anchor,
        kind: EntityKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name_en: Option<String>,
    },
    SetSpeaker {
        statement: Anchor,
        speaker: Speaker,
    },
    /// `None` says the text gives no date for it.
    SetDate {
        statement: Anchor,
        date: Option<String>,
    },
    DeleteStatement {
        statement: Anchor,
    },
}

impl Op {
    /// The entity the operation changes, when it names one (for showing what a skip was about).
    fn subject(&self) -> String {
        match self {
            Op::Rename { entity, .. } | Op::SetEnglish { entity, .. } | Op::SetKind { entity, .. } | Op::Merge { entity, .. } | Op::DeleteEntity { entity } => {
                entity.name.clone()
            }
            Op::Detach { mention } | Op::RemoveMention { mention } => mention.text.clone(),
            Op::AddEntity { span, .. } => span.text.clone(),
            Op::SetSpeaker { statement, .. } | Op::SetDate { statement, .. } | Op::DeleteStatement { statement } => snippet(&statement.text),
        }
    }
}

/// Why an operation was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    EntityNotFound(String),
    MentionNotFound(String),
    StatementNotFound(String),
    /// The operation carries a value that cannot be used (a blank name, an impossible date).
    BadValue(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::EntityNotFound(n) => write!(f, "no entity «{n}» in this analysis"),
            SkipReason::MentionNotFound(t) => write!(f, "no mention «{t}» in this analysis"),
            SkipReason::StatementNotFound(t) => write!(f, "no statement «{t}» in this analysis"),
            SkipReason::BadValue(v) => write!(f, "unusable value {v}"),
        }
    }
}

/// An operation [`apply`] could not apply, by its position in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub index: usize,
    pub reason: SkipReason,
}

impl Skipped {
    pub fn describe(&self, ops: &[Op]) -> String {
        let what = ops.get(self.index).map(Op::subject).unwrap_or_default();
        format!("correction {} («{what}»): {}", self.index + 1, self.reason)
    }
}

/// The corrected analysis, what could not be applied, and what the corrections touched (for a
/// "corrected" mark in the views).
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub analysis: Analysis,
    pub skipped: Vec<Skipped>,
    pub entities: BTreeSet<String>,
    /// Indices into the corrected analysis's statements.
    pub statements: BTreeSet<usize>,
}

/// Replay `ops` in order over the machine analysis of `text`.
pub fn apply(text: &str, analysis: &Analysis, ops: &[Op]) -> (Analysis, Vec<Skipped>) {
    let applied = apply_marked(text, analysis, ops);
    (applied.analysis, applied.skipped)
}

/// [`apply`], also saying which entities and statements were corrected.
pub fn apply_marked(text: &str, analysis: &Analysis, ops: &[Op]) -> Applied {
    let mut w = Work { text, an: analysis.clone(), entities: BTreeSet::new(), statements: BTreeSet::new(), next_id: 1 };
    let mut skipped = Vec::new();
    for (index, op) in ops.iter().enumerate() {
        if let Err(reason) = w.apply(op) {
            skipped.push(Skipped { index, reason });
        }
    }
    let ids: BTreeSet<&str> = crate::sort::set(w.an.entities.iter().map(|e| e.id.as_str()));
    let entities = crate::sort::set(w.entities.iter().filter(|id| ids.contains(id.as_str())).cloned());
    let statements = crate::sort::set(w.an.statements.iter().enumerate().filter(|(_, s)| w.statements.contains(&s.content)).map(|(i, _)| i));
    Applied { analysis: w.an, skipped, entities, statements }
}

/// The reference to entity `id` of `analysis` for a new operation: its first mention and name.
pub fn entity_ref(text: &str, analysis: &Analysis, id: &str) -> Option<EntityRef> {
    let e = analysis.entity(id)?;
    let at = e.mentions.iter().find_map(|m| Anchor::of(text, *m))?;
    Some(EntityRef { name: e.name.clone(), at })
}

/// The anchor of statement `index` of `analysis` for a new operation.
pub fn statement_anchor(text: &str, analysis: &Analysis, index: usize) -> Option<Anchor> {
    Anchor::of(text, analysis.statements.get(index)?.content)
}

/// The corrections made so far and those undone (until a new one is made), as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    ops: Vec<Op>,
    undone: Vec<Op>,
}

impl History {
    pub fn new(ops: Vec<Op>) -> History {
        History { ops, undone: Vec::new() }
    }
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }
    /// A new correction: what was undone can no longer be redone.
    pub fn push(&mut self, op: Op) {
        self.ops.push(op);
        self.undone.clear();
    }
    pub fn undo(&mut self) -> Option<&Op> {
        let op = self.ops.pop()?;
        self.undone.push(op);
        self.undone.last()
    }
    pub fn redo(&mut self) -> Option<&Op> {
        let op = self.undone.pop()?;
        self.ops.push(op);
        self.ops.last()
    }
    pub fn can_undo(&self) -> bool {
        !self.ops.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }
}

/// The first words of a statement, to name it in a message.
fn snippet(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

struct Work<'a> {
    text: &'a str,
    an: Analysis,
    entities: BTreeSet<String>,
    /// Content spans of corrected statements (indices shift when one is deleted).
    statements: BTreeSet<Span>,
    next_id: usize,
}

impl Work<'_> {
    fn apply(&mut self, op: &Op) -> Result<(), SkipReason> {
        match op {
            Op::Rename { entity, name } => {
                let name = clean(name).ok_or_else(|| SkipReason::BadValue(format!("{name:?} for a name")))?;
                let e = self.entity(entity)?;
                self.an.entities[e].name = name;
                self.touch_entity(e);
            }
            Op::SetEnglish { entity, name_en } => {
                let e = self.entity(entity)?;
                self.an.entities[e].name_en = name_en.as_deref().and_then(clean);
                self.touch_entity(e);
            }
            Op::SetKind { entity, kind } => {
                let e = self.entity(entity)?;
                let ent = &mut self.an.entities[e];
                if ent.kind != *kind {
                    ent.kind = *kind;
                    // coordinates belong to places only
                    if *kind != EntityKind::Place {
                        ent.geo = None;
                    }
                }
                self.touch_entity(e);
            }
            Op::Merge { entity, other } => {
                let keep = self.entity(entity)?;
                let gone = self.entity(other)?;
                if keep != gone {
                    self.merge(keep, gone);
                }
            }
            Op::Detach { mention } => {
                let (e, m) = self.mention(mention)?;
                if self.an.entities[e].mentions.len() > 1 {
                    self.detach(e, m);
                }
            }
            Op::RemoveMention { mention } => {
                let (e, m) = self.mention(mention)?;
                self.remove_mention(e, m);
            }
            Op::DeleteEntity { entity } => {
                let e = self.entity(entity)?;
                self.delete_entity(e);
            }
            Op::AddEntity { span, kind, name_en } => {
                let s = span.locate(self.text).ok_or_else(|| SkipReason::MentionNotFound(span.text.clone()))?;
                let s = trimmed(self.text, s);
                let name = clean(s.slice(self.text)).ok_or_else(|| SkipReason::BadValue(format!("{:?} for a name", span.text)))?;
                self.add_entity(s, *kind, name, name_en.as_deref().and_then(clean));
            }
            Op::SetSpeaker { statement, speaker } => {
                let i = self.statement(statement)?;
                let (id, description) = match speaker {
                    Speaker::Entity(r) => (Some(self.an.entities[self.entity(r)?].id.clone()), None),
                    Speaker::Description(d) => (None, Some(clean(d).ok_or_else(|| SkipReason::BadValue(format!("{d:?} for a speaker")))?)),
                    Speaker::Unattributed => (None, None),
                };
                let keep_span = id
                    .as_deref()
                    .and_then(|id| self.an.entity(id))
                    .zip(self.an.statements[i].speaker_span)
                    .is_some_and(|(e, sp)| e.mentions.iter().any(|m| m.overlaps(sp)));
                let st = &mut self.an.statements[i];
                if !keep_span {
                    st.speaker_span = None;
                }
                st.speaker = id;
                st.speaker_description = description;
                self.statements.insert(st.content);
            }
            Op::SetDate { statement, date } => {
                if let Some(d) = date
                    && (d.len() != 10 || crate::parse_date(d).is_err())
                {
                    return Err(SkipReason::BadValue(format!("{d:?} for a date")));
                }
                let i = self.statement(statement)?;
                self.an.statements[i].date = date.clone();
                self.statements.insert(self.an.statements[i].content);
            }
            Op::DeleteStatement { statement } => {
                let i = self.statement(statement)?;
                self.an.statements.remove(i);
            }
        }
        Ok(())
    }

    fn touch_entity(&mut self, e: usize) {
        self.entities.insert(self.an.entities[e].id.clone());
    }

    /// The entity with the anchored mention, else one with a mention overlapping it, else the
    /// one entity of that name nearest the anchor.
    fn entity(&self, r: &EntityRef) -> Result<usize, SkipReason> {
        if let Some(s) = r.at.locate(self.text)
            && let Some((e, _)) = self.mention_at(s)
        {
            return Ok(e);
        }
        let near = |e: &Entity| e.mentions.iter().map(|m| m.start.abs_diff(r.at.start)).min().unwrap_or(usize::MAX);
        self.an
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.name == r.name)
            .min_by_key(|(_, e)| near(e))
            .map(|(i, _)| i)
            .ok_or_else(|| SkipReason::EntityNotFound(r.name.clone()))
    }

    fn mention(&self, a: &Anchor) -> Result<(usize, usize), SkipReason> {
        a.locate(self.text).and_then(|s| self.mention_at(s)).ok_or_else(|| SkipReason::MentionNotFound(a.text.clone()))
    }

    /// (entity, mention) for the mention exactly at `s`, else the one overlapping it most.
    fn mention_at(&self, s: Span) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (e, ent) in self.an.entities.iter().enumerate() {
            for (m, span) in ent.mentions.iter().enumerate() {
                if *span == s {
                    return Some((e, m));
                }
                let overlap = span.end.min(s.end).saturating_sub(span.start.max(s.start));
                if overlap > 0 && best.is_none_or(|b| overlap > b.2) {
                    best = Some((e, m, overlap));
                }
            }
        }
        best.map(|(e, m, _)| (e, m))
    }

    fn statement(&self, a: &Anchor) -> Result<usize, SkipReason> {
        let missing = || SkipReason::StatementNotFound(snippet(&a.text));
        let s = a.locate(self.text).ok_or_else(missing)?;
        let sts = &self.an.statements;
        if let Some(i) = sts.iter().position(|st| st.content == s) {
            return Ok(i);
        }
        let overlap = |st: &Statement| st.content.end.min(s.end).saturating_sub(st.content.start.max(s.start));
        sts.iter().enumerate().filter(|(_, st)| overlap(st) > 0).max_by_key(|(_, st)| overlap(st)).map(|(i, _)| i).ok_or_else(missing)
    }

    fn fresh_id(&mut self) -> String {
        loop {
            let id = format!("c{}", self.next_id);
            self.next_id += 1;
            if self.an.entity(&id).is_none() {
                return id;
            }
        }
    }

    fn merge(&mut self, keep: usize, gone: usize) {
        let absorbed = self.an.entities[gone].clone();
        let ent = &mut self.an.entities[keep];
        ent.mentions.extend(absorbed.mentions);
        crate::sort::ord(&mut ent.mentions);
        ent.mentions.dedup();
        if ent.geo.is_none() && ent.kind == EntityKind::Place {
            ent.geo = absorbed.geo;
        }
        if ent.name_en.is_none() {
            ent.name_en = absorbed.name_en;
        }
        let keep_id = ent.id.clone();
        for st in &mut self.an.statements {
            if st.speaker.as_deref() == Some(absorbed.id.as_str()) {
                st.speaker = Some(keep_id.clone());
            }
        }
        self.entities.insert(keep_id);
        self.an.entities.remove(gone);
    }

    fn detach(&mut self, e: usize, m: usize) {
        let span = self.an.entities[e].mentions.remove(m);
        let old_id = self.an.entities[e].id.clone();
        let kind = self.an.entities[e].kind;
        let id = self.fresh_id();
        let name = clean(span.slice(self.text)).unwrap_or_else(|| span.slice(self.text).to_string());
        // statements whose speaker was written as this very mention go with it
        for st in &mut self.an.statements {
            if st.speaker.as_deref() == Some(old_id.as_str()) && st.speaker_span.is_some_and(|sp| sp.overlaps(span)) {
                st.speaker = Some(id.clone());
            }
        }
        self.an.entities.push(Entity { id: id.clone(), kind, name, name_en: None, name_ar: None, mentions: vec![span], geo: None });
        self.entities.insert(old_id);
        self.entities.insert(id);
    }

    fn remove_mention(&mut self, e: usize, m: usize) {
        let span = self.an.entities[e].mentions.remove(m);
        let id = self.an.entities[e].id.clone();
        // a statement credited to the entity through this mention is no longer credited to it
        for st in &mut self.an.statements {
            if st.speaker.as_deref() == Some(id.as_str()) && st.speaker_span.is_some_and(|sp| sp.overlaps(span)) {
                st.speaker = None;
            }
        }
        if self.an.entities[e].mentions.is_empty() {
            self.delete_entity(e);
        } else {
            self.entities.insert(id);
        }
    }

    fn delete_entity(&mut self, e: usize) {
        let gone = self.an.entities.remove(e);
        for st in &mut self.an.statements {
            if st.speaker.as_deref() == Some(gone.id.as_str()) {
                st.speaker = None;
            }
        }
    }

    fn add_entity(&mut self, span: Span, kind: EntityKind, name: String, name_en: Option<String>) {
        // the new name wins over what the machine marked across it
        let covered: Vec<(String, Span)> = self.an.entities.iter().flat_map(|e| e.mentions.iter().filter(|m| m.overlaps(span)).map(|m| (e.id.clone(), *m))).collect();
        for (id, m) in covered {
            if let Some(e) = self.an.entities.iter().position(|x| x.id == id)
                && let Some(k) = self.an.entities[e].mentions.iter().position(|x| *x == m)
            {
                self.remove_mention(e, k);
            }
        }
        let id = self.fresh_id();
        self.an.entities.push(Entity { id: id.clone(), kind, name, name_en, name_ar: None, mentions: vec![span], geo: None });
        self.entities.insert(id);
    }
}

/// `span` without the white space at its ends.
fn trimmed(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    Span::new(start, start.max(span.start + s.trim_end().len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, Options};
    use proptest::prelude::*;

    const TEXT: &str = "قال وزير الخارجية صالح الحربي إن «المحادثات ستستمر». وأضاف الحربي أن الوفد يصل الرياض. وقالت المادة إن «الاتفاق قريب». وقال مصدر: «لا تعليق».";

    fn span(needle: &str) -> Span {
        span_nth(needle, 0)
    }

    fn span_nth(needle: &str, n: usize) -> Span {
        let at = TEXT.match_indices(needle).nth(n).unwrap_or_else(|| panic!("{needle:?} not in the text")).0;
        Span::new(at, at + needle.len())
    }

    fn anchor(needle: &str) -> Anchor {
        Anchor::of(TEXT, span(needle)).unwrap()
    }

    fn ent(id: &str, kind: EntityKind, name: &str, mentions: &[Span]) -> Entity {
        Entity { id: id.into(), kind, name: name.into(), name_en: None, name_ar: None, mentions: mentions.to_vec(), geo: None }
    }

    fn stmt(speaker: Option<&str>, speaker_span: Option<Span>, content: &str) -> Statement {
        Statement { speaker: speaker.map(str::to_string), speaker_span, cue: None, content: span(content), direct: true, date: None, speaker_description: None, content_parts: Vec::new() }
    }

    /// A machine analysis with the usual faults: a split person, a false entity speaking, a missed place.
    fn machine() -> Analysis {
        Analysis {
            id: None,
            lang: Lang::Ar,
            date: Some("2015-08-11".into()),
            entities: vec![
                ent("e1", EntityKind::Person, "صالح الحربي", &[span("صالح الحربي")]),
                ent("e2", EntityKind::Person, "الحربي", &[span_nth("الحربي", 1)]),
                ent("e3", EntityKind::Organization, "المادة", &[span("المادة")]),
            ],
            statements: vec![
                stmt(Some("e1"), Some(span("صالح الحربي")), "المحادثات ستستمر"),
                stmt(Some("e2"), Some(span_nth("الحربي", 1)), "الوفد يصل الرياض"),
                stmt(Some("e3"), Some(span("المادة")), "الاتفاق قريب"),
                stmt(None, Some(span("مصدر")), "لا تعليق"),
            ],
            times: vec![],
        }
    }

    fn r(id: &str) -> EntityRef {
        entity_ref(TEXT, &machine(), id).unwrap()
    }

    fn check(an: &Analysis) {
        crate::validate::validate(TEXT, an).unwrap_or_else(|e| panic!("{e}: {an:#?}"));
    }

    #[test]
    fn the_reader_fixes_a_split_person_a_false_speaker_and_a_missed_place() {
        let ops = vec![
            Op::Merge { entity: r("e1"), other: r("e2") },
            Op::SetEnglish { entity: r("e1"), name_en: Some("Saleh al-Harbi".into()) },
            Op::DeleteEntity { entity: r("e3") },
            Op::SetSpeaker { statement: anchor("الاتفاق قريب"), speaker: Speaker::Description("unnamed official".into()) },
            Op::AddEntity { span: anchor("الرياض"), kind: EntityKind::Place, name_en: Some("Riyadh".into()) },
            Op::SetDate { statement: anchor("المحادثات ستستمر"), date: Some("2015-08-10".into()) },
            Op::DeleteStatement { statement: anchor("لا تعليق") },
        ];
        let out = apply_marked(TEXT, &machine(), &ops);
        assert_eq!(out.skipped, vec![]);
        check(&out.analysis);
        let an = &out.analysis;
        let harbi = an.entity("e1").unwrap();
        assert_eq!(harbi.mentions, vec![span("صالح الحربي"), span_nth("الحربي", 1)]);
        assert_eq!(harbi.name_en.as_deref(), Some("Saleh al-Harbi"));
        assert!(an.entity("e2").is_none() && an.entity("e3").is_none());
        assert_eq!(an.statements.len(), 3);
        assert_eq!(an.statements[1].speaker.as_deref(), Some("e1"), "the absorbed entity's statements follow it");
        assert_eq!(an.statements[2].speaker, None);
        assert_eq!(an.statements[2].speaker_description.as_deref(), Some("unnamed official"));
        assert_eq!(an.statements[0].date.as_deref(), Some("2015-08-10"));
        let riyadh = an.entities.iter().find(|e| e.kind == EntityKind::Place).unwrap();
        assert_eq!((riyadh.name.as_str(), riyadh.name_en.as_deref()), ("الرياض", Some("Riyadh")));
        assert!(out.entities.contains("e1") && out.entities.contains(&riyadh.id));
        assert_eq!(out.statements, BTreeSet::from([0, 2]));
    }

    #[test]
    fn detach_and_remove_mentions() {
        let mut an = machine();
        an.entities[0].mentions.push(span_nth("الحربي", 1));
        an.entities.remove(1);
        an.statements[1].speaker = Some("e1".into());
        // the machine linked the second «الحربي» to the minister; the reader says it is someone else
        let (out, skipped) = apply(TEXT, &an, &[Op::Detach { mention: Anchor::of(TEXT, span_nth("الحربي", 1)).unwrap() }]);
        assert!(skipped.is_empty());
        check(&out);
        let new = out.entities.last().unwrap();
        assert_eq!((new.name.as_str(), new.kind, new.mentions.len()), ("الحربي", EntityKind::Person, 1));
        assert_eq!(out.statements[1].speaker.as_ref(), Some(&new.id), "what it said goes with it");
        assert_eq!(out.entity("e1").unwrap().mentions.len(), 1);
        // removing the only mention of an entity removes the entity and un-credits its statements
        let (out, skipped) = apply(TEXT, &machine(), &[Op::RemoveMention { mention: anchor("المادة") }]);
        assert!(skipped.is_empty());
        check(&out);
        assert!(out.entity("e3").is_none());
        assert_eq!(out.statements[2].speaker, None);
    }

    #[test]
    fn rename_kind_and_speaker_to_an_entity() {
        let ops = vec![
            Op::Rename { entity: r("e3"), name: "  وكالة   المادة ".into() },
            Op::SetKind { entity: r("e3"), kind: EntityKind::Place },
            Op::SetSpeaker { statement: anchor("لا تعليق"), speaker: Speaker::Entity(r("e1")) },
            Op::SetSpeaker { statement: anchor("الوفد يصل الرياض"), speaker: Speaker::Unattributed },
        ];
        let (out, skipped) = apply(TEXT, &machine(), &ops);
        assert!(skipped.is_empty());
        check(&out);
        let e3 = out.entity("e3").unwrap();
        assert_eq!((e3.name.as_str(), e3.kind), ("وكالة المادة", EntityKind::Place));
        assert_eq!(out.statements[3].speaker.as_deref(), Some("e1"));
        assert_eq!(out.statements[3].speaker_span, None, "the old speaker text no longer names the speaker");
        assert_eq!((out.statements[1].speaker.as_ref(), out.statements[1].speaker_description.as_ref()), (None, None));
    }

    #[test]
    fn a_re_analysis_keeps_what_still_applies_and_names_what_does_not() {
        let ops = vec![
            Op::Merge { entity: r("e1"), other: r("e2") },
            Op::DeleteEntity { entity: r("e3") },
            Op::SetDate { statement: anchor("الاتفاق قريب"), date: Some("2015-08-09".into()) },
        ];
        // a newer Khabar links the two names itself, finds no «المادة» and no third statement
        let mut newer = machine();
        newer.entities[0].mentions.push(span_nth("الحربي", 1));
        newer.entities.remove(1);
        newer.entities.remove(1);
        newer.statements[1].speaker = Some("e1".into());
        newer.statements.remove(2);
        let (out, skipped) = apply(TEXT, &newer, &ops);
        check(&out);
        assert_eq!(out.entities.len(), 1, "the merge already holds");
        assert_eq!(
            skipped,
            vec![
                Skipped { index: 1, reason: SkipReason::EntityNotFound("المادة".into()) },
                Skipped { index: 2, reason: SkipReason::StatementNotFound("الاتفاق قريب".into()) },
            ]
        );
        assert!(skipped[1].describe(&ops).contains("الاتفاق قريب"));
        // ids are renumbered by the newer analysis: the anchors still find the minister
        let mut renumbered = machine();
        for (i, e) in renumbered.entities.iter_mut().enumerate() {
            e.id = format!("x{i}");
        }
        for s in &mut renumbered.statements {
            s.speaker = s.speaker.as_deref().map(|id| format!("x{}", &id[1..].parse::<usize>().unwrap() - 1));
        }
        let (out, skipped) = apply(TEXT, &renumbered, &ops[..1]);
        assert!(skipped.is_empty());
        assert_eq!(out.entity("x0").unwrap().mentions.len(), 2);
        assert_eq!(out.statements[1].speaker.as_deref(), Some("x0"));
    }

    #[test]
    fn anchors_follow_an_edited_text_and_bad_values_are_skipped() {
        let ops = vec![Op::Rename { entity: r("e3"), name: "Al-Madda".into() }];
        let edited = format!("عاجل. {TEXT}");
        let mut an = machine();
        let shift = "عاجل. ".len();
        for e in &mut an.entities {
            for m in &mut e.mentions {
                *m = Span::new(m.start + shift, m.end + shift);
            }
        }
        for s in &mut an.statements {
            s.content = Span::new(s.content.start + shift, s.content.end + shift);
            s.speaker_span = s.speaker_span.map(|m| Span::new(m.start + shift, m.end + shift));
        }
        let (out, skipped) = apply(&edited, &an, &ops);
        assert!(skipped.is_empty());
        assert_eq!(out.entity("e3").unwrap().name, "Al-Madda");
        let bad = vec![
            Op::Rename { entity: r("e1"), name: "   ".into() },
            Op::SetDate { statement: anchor("لا تعليق"), date: Some("2015-02-30".into()) },
            Op::SetSpeaker { statement: anchor("لا تعليق"), speaker: Speaker::Description("".into()) },
            Op::AddEntity { span: Anchor { start: 0, end: 3, text: "not in the text".into() }, kind: EntityKind::Person, name_en: None },
        ];
        let (out, skipped) = apply(TEXT, &machine(), &bad);
        assert_eq!(out, machine());
        assert_eq!(skipped.len(), 4);
        assert!(matches!(skipped[3].reason, SkipReason::MentionNotFound(_)));
        for s in &skipped {
            assert!(!s.describe(&bad).is_empty());
        }
    }

    #[test]
    fn a_new_entity_over_machine_mentions_replaces_them() {
        // «وزير الخارجية صالح الحربي» as one person: the machine's «صالح الحربي» inside it goes
        let (out, skipped) = apply(TEXT, &machine(), &[Op::AddEntity { span: anchor("وزير الخارجية صالح الحربي"), kind: EntityKind::Person, name_en: None }]);
        assert!(skipped.is_empty());
        check(&out);
        assert!(out.entity("e1").is_none());
        assert_eq!(out.entities.iter().filter(|e| e.mentions.iter().any(|m| m.overlaps(span("صالح")))).count(), 1);
    }

    #[test]
    fn history_undoes_and_redoes() {
        let a = Op::DeleteEntity { entity: r("e3") };
        let b = Op::Merge { entity: r("e1"), other: r("e2") };
        let mut h = History::default();
        assert!(!h.can_undo() && !h.can_redo());
        h.push(a.clone());
        h.push(b.clone());
        assert_eq!(h.undo(), Some(&b));
        assert_eq!(h.ops(), std::slice::from_ref(&a));
        assert!(h.can_redo());
        assert_eq!(h.redo(), Some(&b));
        assert_eq!(h.ops(), &[a.clone(), b.clone()]);
        h.undo();
        h.push(Op::DeleteStatement { statement: anchor("لا تعليق") });
        assert!(!h.can_redo(), "a new correction ends the redo chain");
        assert_eq!(h.ops().len(), 2);
        h.undo();
        h.undo();
        assert_eq!(h.undo(), None);
    }

    #[test]
    fn ops_serialise_readably_and_round_trip() {
        let op = Op::SetSpeaker { statement: anchor("لا تعليق"), speaker: Speaker::Description("unnamed source".into()) };
        let json = serde_json::to_string(&op).unwrap();
        assert!(json.starts_with("{\"op\":\"set_speaker\""), "{json}");
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
        let op = Op::SetSpeaker { statement: anchor("لا تعليق"), speaker: Speaker::Unattributed };
        assert_eq!(serde_json::from_str::<Op>(&serde_json::to_string(&op).unwrap()).unwrap(), op);
    }

    // Property: whatever operations are replayed, over whatever analysis, the result is valid.

    const NEWS: [&str; 3] = [
        "قال الرئيس المصري عبد الفتاح السيسي في القاهرة أمس إن «مصر لن تتخلى عن غزة». وأضاف السيسي أن وزير الخارجية سامح شكري سيزور عمان الأسبوع المقبل. وقالت وكالة الأنباء الفرنسية إن الوفد وصل.",
        "Prime Minister Keir Starmer said on Monday that \"Britain will not back down\". Starmer told reporters in London that Foreign Secretary David Lammy would travel to Cairo. A senior official, who asked not to be named, said talks were close.",
        "الرياض - واس\nأكد وزير الخارجية الأمير فيصل بن فرحان أن المملكة تدعم الحل السياسي في اليمن، وقال «نحن مع السلام». وقال مسؤول إن الاجتماع يعقد في جدة غداً.",
    ];

    fn base(i: usize) -> (&'static str, Analysis) {
        let text = NEWS[i % NEWS.len()];
        (text, crate::analyze(text, &Options { lang: None, date: crate::parse_date("2024-03-04").ok() }))
    }

    fn pick_anchor(text: &str, an: &Analysis, which: usize, k: usize, a: usize, b: usize) -> Anchor {
        let mentions: Vec<Span> = an.entities.iter().flat_map(|e| e.mentions.iter().copied()).collect();
        let span = match which % 4 {
            0 if !mentions.is_empty() => mentions[k % mentions.len()],
            1 if !an.statements.is_empty() => an.statements[k % an.statements.len()].content,
            _ => {
                // any stretch of text (on character boundaries), or one that is not there at all
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                if which % 4 == 3 && x == y {
                    return Anchor { start: x, end: x + 3, text: "absent".into() };
                }
                Span::new(x.min(y), x.max(y))
            }
        };
        Anchor::of(text, span).unwrap_or(Anchor { start: span.start, end: span.end, text: String::new() })
    }

    fn op_strategy() -> impl Strategy<Value = (u8, usize, usize, usize, usize, usize, u8)> {
        (0u8..11, any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>(), 0u8..6)
    }

    fn build_op(text: &str, an: &Analysis, (kind, w, k, a, b, k2, sub): (u8, usize, usize, usize, usize, usize, u8)) -> Op {
        let eref = |k: usize| {
            let at = pick_anchor(text, an, 0, k, a, b);
            let name = an.entities.get(k % an.entities.len().max(1)).map(|e| e.name.clone()).unwrap_or_default();
            EntityRef { name, at }
        };
        let any_anchor = pick_anchor(text, an, w, k, a, b);
        let st = pick_anchor(text, an, 1 + (w % 3 == 0) as usize * 2, k, a, b);
        let ekind = EntityKind::ALL[sub as usize % 6];
        match kind {
            0 => Op::Rename { entity: eref(k), name: ["x", " ", "اسم جديد", ""][sub as usize % 4].into() },
            1 => Op::SetEnglish { entity: eref(k), name_en: (sub % 2 == 0).then(|| "New Name".into()) },
            2 => Op::SetKind { entity: eref(k), kind: ekind },
            3 => Op::Merge { entity: eref(k), other: eref(k2) },
            4 => Op::Detach { mention: any_anchor },
            5 => Op::RemoveMention { mention: any_anchor },
            6 => Op::DeleteEntity { entity: eref(k) },
            7 => Op::AddEntity { span: any_anchor, kind: ekind, name_en: None },
            8 => Op::SetSpeaker {
                statement: st,
                speaker: match sub % 3 {
                    0 => Speaker::Entity(eref(k2)),
                    1 => Speaker::Description(["unnamed source", "  "][k2 % 2].into()),
                    _ => Speaker::Unattributed,
                },
            },
            9 => Op::SetDate { statement: st, date: [Some("2024-02-29"), None, Some("2023-02-29"), Some("soon")][sub as usize % 4].map(str::to_string) },
            _ => Op::DeleteStatement { statement: st },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn replayed_corrections_keep_the_analysis_valid(doc in 0usize..3, raw in prop::collection::vec(op_strategy(), 0..12)) {
            let (text, an) = base(doc);
            // each operation is made against the analysis as corrected so far, as in the app
            let mut ops = Vec::new();
            let mut now = an.clone();
            for r in raw {
                ops.push(build_op(text, &now, r));
                let (next, _) = apply(text, &an, &ops);
                prop_assert!(crate::validate::validate(text, &next).is_ok(), "{:?} after {:?}", crate::validate::validate(text, &next), ops);
                now = next;
            }
            // and replayed over a different analysis (here: an empty one) they stay valid too
            let empty = Analysis { entities: vec![], statements: vec![], ..an.clone() };
            let (out, _) = apply(text, &empty, &ops);
            prop_assert!(crate::validate::validate(text, &out).is_ok());
            // the stored form round-trips
            let json = serde_json::to_string(&ops).unwrap();
            prop_assert_eq!(serde_json::from_str::<Vec<Op>>(&json).unwrap(), ops);
        }
    }
}
