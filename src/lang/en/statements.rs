//! English statements: direct quotes with their attribution (before, after or inside the quote,
//! or carried over from the previous paragraph), and reported speech around a reporting verb
//! ("X said that ...", "..., X said.", "according to X, ..."). Pronoun speakers resolve to the
//! last person named before them.

use crate::lang::en::{class, is};
use crate::stages::link::Linked;
use crate::stages::segment::Doc;
use crate::{EntityKind, Span, Statement, TimeExpr};

/// Tokens back from a reporting verb over which a relative clause can separate it from its speaker.
const APPOSITION_REACH: usize = 40;

/// Tokens after the verb of an interrupted quote ("…,” said Caddell, speaking of her health. “…")
/// within which the quote goes on.
const CONTINUATION_REACH: usize = 12;

/// Tokens between a "tell" verb and the quote it introduces (the addressee).
const TELL_REACH: usize = 10;

/// Sentences back from a pronoun where its antecedent is looked for.
const ANTECEDENT_SENTENCES: usize = 4;

/// A mention of an entity, for speaker lookup.
#[derive(Clone, Copy)]
struct Ref {
    span: Span,
    entity: usize,
    kind: EntityKind,
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    refs: Vec<Ref>,
    ids: Vec<String>,
    /// For each token, whether it lies inside quotation marks.
    quoted: Vec<bool>,
    /// For each entity, whether it is a person known to be a woman.
    female: Vec<bool>,
    /// The longest mention, in bytes: bounds the backward scans over `refs` (sorted by start).
    longest_ref: usize,
}

impl Ctx<'_, '_> {
    fn low(&self, i: usize) -> &str {
        if i < self.doc.tokens.len() { self.doc.ftok(i) } else { "" }
    }
    fn orig(&self, i: usize) -> &str {
        if i < self.doc.tokens.len() { self.doc.otok(i) } else { "" }
    }
    fn is_quote(&self, i: usize) -> bool {
        crate::stages::statements::is_quote_mark(self.orig(i))
    }
    /// The entity mention that ends exactly at token `end` (exclusive) and starts within it.
    fn mention_ending(&self, end: usize) -> Option<Ref> {
        let e = self.doc.tokens.get(end.checked_sub(1)?)?.span.end;
        self.refs_starting_within(e.saturating_sub(self.longest_ref), e).iter().copied().filter(|r| r.span.end == e).max_by_key(|r| r.span.len())
    }
    fn mention_starting(&self, start: usize) -> Option<Ref> {
        let s = self.doc.tokens.get(start)?.span.start;
        self.refs_starting_within(s, s + 1).iter().copied().filter(|r| r.span.start == s).max_by_key(|r| r.span.len())
    }
    /// Mentions starting in `from..to` (bytes), in text order.
    fn refs_starting_within(&self, from: usize, to: usize) -> &[Ref] {
        let a = self.refs.partition_point(|r| r.span.start < from);
        let b = self.refs.partition_point(|r| r.span.start < to);
        &self.refs[a..b.max(a)]
    }
    /// Who speaks through a described speaker: a person named in it, else an organisation named
    /// with a report, a poll or a spokesperson ("a report by the UN Environment Program", "a
    /// Pentagon spokesman"); a bare "a source in the ministry" stays unnamed.
    fn speaker_within(&self, span: Span, last: bool) -> Option<usize> {
        self.person_within(span, last).or_else(|| {
            let a = self.doc.token_at_or_after(span.start);
            let b = self.doc.token_at_or_after(span.end);
            if !(a..b).any(|k| is(self.low(k), class::SOURCE_NOUN)) {
                return None;
            }
            let mut orgs = self
                .refs_starting_within(span.start, span.end)
                .iter()
                .filter(|r| span.contains(r.span) && r.kind == EntityKind::Organization)
                .map(|r| r.entity);
            if last { orgs.last() } else { orgs.next() }
        })
    }
    /// The person a definite description at tokens `a..b` ("the former first lady", "the
    /// senator") stands for: the nearest earlier person the article gave that role, in
    /// apposition ("Hillary Clinton, the former first lady", "the former first lady, Hillary
    /// Clinton") or as a title before the name ("Senator Elizabeth Warren").
    fn described_person(&self, a: usize, b: usize) -> Option<usize> {
        if self.low(a) != "the" || b <= a + 1 || b - a > 6 || !(a + 1..b).all(|j| self.doc.tokens[j].is_word && !is(self.low(j), class::NP_BREAK)) {
            return None;
        }
        let role: Vec<&str> = (a + 1..b).map(|j| self.low(j)).collect();
        let n = role.len();
        let role_at = |j: usize| j + n <= self.doc.tokens.len() && (0..n).all(|t| self.low(j + t) == role[t]);
        let before = self.doc.tokens[a].span.start;
        let people = self.refs_starting_within(0, before).iter().rev().filter(|r| r.kind == EntityKind::Person && r.span.end <= before);
        for r in people {
            let (ps, pe) = (self.first_token_at(r.span.start), self.first_token_at(r.span.end));
            let titled = ps >= n && role_at(ps - n);
            let introduced = ps >= n + 1 && self.low(ps - 1) == "," && role_at(ps - 1 - n);
            let apposed = self.low(pe) == "," && {
                let d = if matches!(self.low(pe + 1), "the" | "a" | "an") { pe + 2 } else { pe + 1 };
                role_at(d) && d + n < a
            };
            if titled || introduced || apposed {
                return Some(r.entity);
            }
        }
        None
    }
    /// A person mentioned inside `span`: the first or the last one.
    fn person_within(&self, span: Span, last: bool) -> Option<usize> {
        let mut people =
            self.refs_starting_within(span.start, span.end).iter().filter(|r| span.contains(r.span) && r.kind == EntityKind::Person).map(|r| r.entity);
        if last { people.last() } else { people.next() }
    }
    /// The antecedent of a pronoun at a byte offset: the nearest sentence (this one before the
    /// pronoun, then back through the previous paragraph) naming a compatible entity outside
    /// quotation marks, and in it the subject-like mention (the first one not governed by a
    /// preposition nor a possessor), else the last one. "he"/"she" take a person whose known
    /// gender does not clash (a woman's given name or Mrs./Ms. makes "she"; "she" falls back to a
    /// person of unknown gender), "it"/"they" an organisation.
    fn antecedent(&self, byte: usize) -> Option<usize> {
        let word = self.doc.text.get(byte..).map_or(String::new(), |t| t.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("").to_lowercase());
        let (kind, she) = match word.as_str() {
            "she" | "her" => (EntityKind::Person, Some(true)),
            "he" | "him" | "his" => (EntityKind::Person, Some(false)),
            "it" | "they" | "its" | "their" => (EntityKind::Organization, None),
            _ => return None,
        };
        let fits = |r: &Ref, strict: bool| {
            r.kind == kind
                && r.span.end <= byte
                && match she {
                    Some(true) => self.female[r.entity] || !strict,
                    Some(false) => !self.female[r.entity],
                    None => true,
                }
        };
        let here = self.doc.sentence_of_offset(byte)?;
        let para = self.doc.sentences[here].paragraph;
        let passes: &[bool] = if she == Some(true) { &[true, false] } else { &[true] };
        for &strict in passes {
            for sent in (here.saturating_sub(ANTECEDENT_SENTENCES)..=here).rev() {
                if self.doc.sentences[sent].paragraph + 1 < para {
                    break;
                }
                let span = self.doc.sentences[sent].span;
                let found: Vec<&Ref> = self
                    .refs_starting_within(span.start, span.end)
                    .iter()
                    .filter(|r| fits(r, strict) && !self.quoted[self.doc.token_at_or_after(r.span.start)])
                    .collect();
                if let Some(r) = found.iter().find(|r| self.subject_like(r.span)).or(found.last()) {
                    return Some(r.entity);
                }
            }
        }
        None
    }
    /// A mention not governed by a preposition ("with Putin") nor owning what follows ("Putin's plan").
    fn subject_like(&self, span: Span) -> bool {
        let i = self.doc.token_at_or_after(span.start);
        let j = self.doc.token_at_or_after(span.end);
        let after = self.orig(j);
        !(i > 0 && is(self.low(i - 1), class::PREPOSITION)) && !matches!(after, "'s" | "’s" | "'" | "’")
    }
    fn first_token_at(&self, byte: usize) -> usize {
        self.doc.token_at_or_after(byte)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.doc.tokens[a].span.start, self.doc.tokens[b - 1].span.end)
    }
}

/// A speaker found around a cue: its span and entity, if any.
#[derive(Clone, Copy)]
struct Speaker {
    span: Span,
    entity: Option<usize>,
}

/// Walks back from a verb at token `end` over what may stand between it and its subject:
/// auxiliaries and adverbs ("has long maintained", "did not suggest") and a time ("Clinton on
/// Tuesday said", "the White House last week urged"), which are never the speaker.
fn before_adverbials(c: &Ctx, floor: usize, mut end: usize) -> usize {
    const PERIODS: [&str; 6] = ["week", "month", "year", "night", "morning", "evening"];
    // "Trump is once again questioning …": a progressive verb's auxiliary is not the speaker.
    let progressive = c.low(end).ends_with("ing");
    while end > floor {
        let w = c.low(end - 1);
        // "Rep. Gwen Moore (D-Wis.) said": a short parenthesis (party and state, an age) after the name.
        if w == ")"
            && let Some(open) = (floor.max(end.saturating_sub(8))..end - 1).rev().find(|&j| matches!(c.low(j), "(" | ")"))
            && c.low(open) == "("
            && open > floor
        {
            end = open;
            continue;
        }
        if progressive && matches!(w, "is" | "are" | "was" | "were" | "been" | "be") {
            end -= 1;
            continue;
        }
        // An adverb in -ly ("Rubio forcefully denounced"), not a noun in -ly after its determiner
        // ("the family said").
        let adverb = w.len() > 4 && w.ends_with("ly") && c.orig(end - 1).starts_with(char::is_lowercase) && end >= floor + 2 && {
            let p = c.low(end - 2);
            !is(p, class::DETERMINER) && !matches!(p, "'s" | "’s" | "'" | "’") && !c.orig(end - 2).starts_with(char::is_lowercase)
        };
        if is(w, class::BEFORE_VERB) || adverb {
            end -= 1;
        } else if is(w, class::TIME_ADVERB) && c.orig(end - 1).starts_with(char::is_uppercase) {
            // A day's name; "on Tuesday" with its preposition.
            end -= 1;
            if end > floor && c.low(end - 1) == "on" {
                end -= 1;
            }
        } else if PERIODS.contains(&w) && end >= floor + 2 && matches!(c.low(end - 2), "last" | "this") {
            end -= 2;
        } else {
            break;
        }
    }
    end
}

/// Walks back from token `end` (exclusive) over a noun phrase naming the speaker.
fn speaker_before(c: &Ctx, floor: usize, end: usize) -> Option<Speaker> {
    // "Both want …", "Now is …": a word that may stand between subject and verb is the subject
    // when nothing else is.
    let past_adverbials = before_adverbials(c, floor, end);
    // Only a single word: "Donald Trump is once again questioning" never makes "once again" the speaker.
    speaker_ending(c, floor, past_adverbials).or_else(|| (past_adverbials + 1 == end).then(|| speaker_ending(c, floor, end)).flatten())
}

/// The speaker phrase that ends at token `end` (exclusive).
fn speaker_ending(c: &Ctx, floor: usize, end: usize) -> Option<Speaker> {
    if end <= floor {
        return None;
    }
    // "Smith, a spokesman for the ministry, said": the name before the apposition speaks.
    if c.low(end - 1) == "," {
        let mut k = end - 1;
        while k > floor && k + APPOSITION_REACH > end && c.low(k - 1) != "," {
            k -= 1;
        }
        // A relative clause ("Rucker Culpepper, who runs the campaign's veterans effort, said")
        // may be long; a plain apposition is short.
        let described =
            matches!(c.low(k), "a" | "an" | "the") && c.mention_ending(k - 1).is_some_and(|r| matches!(r.kind, EntityKind::Person | EntityKind::Organization));
        let apposition = k + 12 > end || matches!(c.low(k), "who" | "whose" | "which") || described;
        if apposition && k > floor && c.low(k - 1) == "," {
            // "Lebanon's transport minister, Karim Nassar, said": a person named by the whole
            // apposition speaks, not the description before it.
            if let Some(r) = c.mention_ending(end - 1).filter(|r| r.kind == EntityKind::Person && r.span.start == c.doc.tokens[k].span.start) {
                return Some(Speaker { span: r.span, entity: Some(r.entity) });
            }
            if let Some(r) = c.mention_ending(k - 1).filter(|r| matches!(r.kind, EntityKind::Person | EntityKind::Organization)) {
                return Some(Speaker { span: r.span, entity: Some(r.entity) });
            }
            // An unrecognised name or description before the apposition.
            let mut st = k - 1;
            while st > floor && k - 1 - st < 6 && c.doc.tokens[st - 1].is_word && !is(c.low(st - 1), class::NP_BREAK) {
                st -= 1;
            }
            if st < k - 1 {
                let span = c.span(st, k - 1);
                let entity = c.speaker_within(span, true);
                return Some(Speaker { span, entity });
            }
        }
        return None;
    }
    let w = c.low(end - 1);
    // "… Bill Clinton, who said he …": the relative pronoun speaks for the name it follows.
    if matches!(w, "who" | "which") && end >= floor + 2 {
        let set_off = matches!(c.low(end - 2), "," | "-" | "--" | "—" | "–");
        let named = if set_off { end - 2 } else { end - 1 };
        let entity = c.mention_ending(named).filter(|r| matches!(r.kind, EntityKind::Person | EntityKind::Organization)).map(|r| r.entity);
        // "… 95 retired generals -- most of whom had announced their support -- who cited …":
        // "who" set off by a comma or a dash after an unnamed group still speaks for it.
        return (entity.is_some() || set_off && w == "who").then(|| Speaker { span: c.span(end - 1, end), entity });
    }
    if is(w, class::PERSON_PRONOUN) || matches!(w, "they" | "we" | "i" | "it") {
        let span = c.span(end - 1, end);
        let entity = c.antecedent(span.start);
        return Some(Speaker { span, entity });
    }
    // "Senator Patty Murray of Washington called …": the person, not her state.
    if let Some(r) = c.mention_ending(end).filter(|r| r.kind == EntityKind::Place)
        && let of = c.first_token_at(r.span.start)
        && of > floor + 1
        && c.low(of - 1) == "of"
        && let Some(p) = c.mention_ending(of - 1).filter(|p| p.kind == EntityKind::Person)
    {
        return Some(Speaker { span: p.span, entity: Some(p.entity) });
    }
    // "Fishermen in Tripoli said": the place only locates the unnamed people who speak.
    if let Some(r) = c.mention_ending(end).filter(|r| r.kind == EntityKind::Place)
        && let p = c.first_token_at(r.span.start)
        && p >= floor + 2
        && matches!(c.low(p - 1), "in" | "from" | "of" | "at" | "near" | "across" | "around")
        && c.doc.tokens[p - 2].is_word
        && (c.orig(p - 2).starts_with(char::is_lowercase) || c.doc.sentences[c.doc.tokens[p - 2].sentence].tokens.start == p - 2)
        && c.mention_ending(p - 1).is_none()
        && !is(c.low(p - 2), class::NP_BREAK)
        && !is(c.low(p - 2), class::PREPOSITION)
    {
        let mut start = p - 2;
        while start > floor
            && p - 2 - start < 5
            && c.doc.tokens[start - 1].is_word
            && !is(c.low(start - 1), class::NP_BREAK)
            && c.mention_ending(start).is_none()
        {
            start -= 1;
        }
        let span = c.span(start, end);
        return Some(Speaker { span, entity: c.person_within(span, true) });
    }
    if let Some(r) = c.mention_ending(end).filter(|r| r.span.start >= c.doc.tokens[floor].span.start) {
        // "Trump's campaign said" is not Trump; a bare name is.
        if matches!(r.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place) {
            // Extend over a title/description just before the name ("Defense Secretary Ash Carter").
            return Some(Speaker { span: r.span, entity: Some(r.entity) });
        }
    }
    // A description: "a senior official", "the Pentagon's spokesman", "sources".
    let mut start = end;
    while start > floor && end - start < 8 {
        let w = c.low(start - 1);
        let o = c.orig(start - 1);
        if is(w, class::NP_BREAK) || !(c.doc.tokens[start - 1].is_word || matches!(o, "'" | "’" | "-" | "." | "&")) {
            break;
        }
        start -= 1;
    }
    if start == end {
        return None;
    }
    // "Later the former first lady said": the description, not the adverb before it.
    if let Some(d) = (start..end).find(|&j| matches!(c.low(j), "the" | "a" | "an"))
        && (start..d).all(|j| is(c.low(j), class::BEFORE_VERB) || is(c.low(j), class::TIME_ADVERB) || c.low(j).ends_with("ly"))
    {
        start = d;
    }
    // "… and repeatedly says": an adverb alone speaks for nobody.
    // ("Both want …" and "… all said" do: a quantifier stands for the people.)
    let adverb = |j: usize| {
        let w = c.low(j);
        is(w, class::BEFORE_VERB) && !matches!(w, "both" | "all") || w.ends_with("ly") && c.orig(j).starts_with(char::is_lowercase)
    };
    if (start..end).all(adverb) {
        return None;
    }
    let span = c.span(start, end);
    // The entity named in the phrase, when the phrase is just that entity plus modifiers.
    let entity = c.speaker_within(span, true).or_else(|| c.described_person(start, end));
    Some(Speaker { span, entity })
}

/// The subject of a sentence whose verb phrase is coordinated ("X thanked them and said ..."):
/// the name or pronoun that opens the sentence.
fn subject(c: &Ctx, start: usize, cue: usize) -> Option<Speaker> {
    // "… and repeatedly says", "… and then said".
    let mut verb_phrase = before_adverbials(c, start, cue);
    while verb_phrase > start && c.low(verb_phrase - 1).ends_with("ly") && c.orig(verb_phrase - 1).starts_with(char::is_lowercase) {
        verb_phrase -= 1;
    }
    if verb_phrase == 0 || !matches!(c.low(verb_phrase - 1), "and" | "then" | "but") {
        return None;
    }
    let mut k = start;
    while k < cue && matches!(c.low(k), "but" | "and" | "so" | "however" | "," | "then" | "yet") {
        k += 1;
    }
    speaker_after(c, k, cue).filter(|s| s.entity.is_some() || is(s.span.slice(c.doc.text).to_lowercase().as_str(), class::PERSON_PRONOUN)).or_else(|| {
        // "In an interview last year, Lazar said he … and added, “…”": the name before the
        // sentence's first reporting verb.
        let from = c.doc.tokens[start].span.start;
        let to = c.doc.tokens[cue].span.start;
        c.refs_starting_within(from, to)
            .iter()
            .filter(|r| matches!(r.kind, EntityKind::Person | EntityKind::Organization) && r.span.end <= to)
            // "… told Annette Guessford, who answered her door and said …": the relative clause's verb.
            .filter(|r| !(c.doc.token_at_or_after(r.span.end)..cue).any(|j| matches!(c.low(j), "who" | "which" | "whose")))
            .find(|r| {
                let after = before_adverbials_forward(c, c.doc.token_at_or_after(r.span.end), cue);
                after < cue && !c.quoted[after] && (is_cue(c.low(after)) || is(c.low(after), class::ATTITUDE))
            })
            .map(|r| Speaker { span: r.span, entity: Some(r.entity) })
    })
}

/// The first token from `k` on that is not an auxiliary or adverb before a verb.
fn before_adverbials_forward(c: &Ctx, mut k: usize, limit: usize) -> usize {
    while k < limit && is(c.low(k), class::BEFORE_VERB) {
        k += 1;
    }
    k
}

/// The subject of the clause a participle cue hangs on ("During a speech, Trump attacked
/// Clinton, saying …"): a pronoun opening the clause, else its first person or organisation
/// named outside quotation marks and not after a preposition.
fn clause_subject(c: &Ctx, start: usize, cue: usize) -> Option<Speaker> {
    if cue <= start || !c.low(cue).ends_with("ing") || c.low(cue - 1) != "," {
        return None;
    }
    let mut k = start;
    while k < cue && !c.doc.tokens[k].is_word {
        k += 1;
    }
    if k < cue && (is(c.low(k), class::PERSON_PRONOUN) || c.low(k) == "they") {
        let span = c.span(k, k + 1);
        return Some(Speaker { span, entity: c.antecedent(span.start) });
    }
    let from = c.doc.tokens[start].span.start;
    let to = c.doc.tokens[cue].span.start;
    c.refs_starting_within(from, to)
        .iter()
        .find(|r| matches!(r.kind, EntityKind::Person | EntityKind::Organization) && !c.quoted[c.doc.token_at_or_after(r.span.start)] && c.subject_like(r.span))
        .map(|r| Speaker { span: r.span, entity: Some(r.entity) })
}

/// A noun phrase after a cue ("said Smith", "said a spokesman for X").
fn speaker_after(c: &Ctx, start: usize, limit: usize) -> Option<Speaker> {
    if start >= limit {
        return None;
    }
    let w = c.low(start);
    if is(w, class::PERSON_PRONOUN) {
        let span = c.span(start, start + 1);
        return Some(Speaker { span, entity: c.antecedent(span.start) });
    }
    // The name may follow a determiner or a title ("the Pentagon", "Senator Tom Harkin").
    for named_at in start..(start + 3).min(limit) {
        if let Some(r) = c.mention_starting(named_at) {
            return Some(Speaker { span: r.span, entity: Some(r.entity) });
        }
        let o = c.orig(named_at);
        if !c.doc.tokens[named_at].is_word || !(o.chars().next().is_some_and(char::is_uppercase) || o == "the") {
            break;
        }
    }
    let mut end = start;
    while end < limit && end - start < 8 && c.doc.tokens[end].is_word && !matches!(c.low(end), "that" | "on" | "in" | "at" | "who" | "which" | "after" | "when")
    {
        end += 1;
    }
    if end == start {
        return None;
    }
    let span = c.span(start, end);
    let entity = c.speaker_within(span, false).or_else(|| c.described_person(start, end));
    Some(Speaker { span, entity })
}

fn is_cue(w: &str) -> bool {
    is(w, class::SAY) || is(w, class::TELL)
}

/// Tokens `a..b` without the punctuation, "that" and quotation marks at their edges.
fn trimmed(c: &Ctx, mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && (matches!(c.low(a), "," | ":" | "-" | "that") || c.is_quote(a)) {
        a += 1;
    }
    // A closing mark whose quote opened inside the content stays ("called the delay “shameful”").
    while b > a && (matches!(c.low(b - 1), "," | "." | ":" | "-" | ";") || c.is_quote(b - 1) && !(a..b - 1).any(|j| c.is_quote(j))) {
        b -= 1;
    }
    (a, b)
}

fn trim_content(c: &Ctx, a: usize, b: usize) -> Option<Span> {
    let (a, b) = trimmed(c, a, b);
    (b > a + 1).then(|| c.span(a, b))
}

/// One part of a quote interrupted by its attribution: a single word ("Really,” she said) counts.
fn trim_part(c: &Ctx, a: usize, b: usize) -> Option<Span> {
    let (a, b) = trimmed(c, a, b);
    (b > a).then(|| c.span(a, b))
}

struct Found {
    content: Span,
    /// The quoted parts when the attribution interrupts the quote; else empty.
    parts: Vec<Span>,
    cue: Option<Span>,
    speaker: Option<Speaker>,
    direct: bool,
}

pub fn find(doc: &Doc, entities: &[Linked], times: &[TimeExpr]) -> Vec<Statement> {
    let mut refs: Vec<Ref> = Vec::new();
    for (k, l) in entities.iter().enumerate() {
        for m in &l.entity.mentions {
            refs.push(Ref { span: *m, entity: k, kind: l.entity.kind });
        }
    }
    crate::sort::by_key(&mut refs, |r| r.span.start);
    let female = entities
        .iter()
        .map(|l| {
            l.entity.kind == EntityKind::Person
                && l.entity.mentions.iter().any(|m| {
                    let first = m.slice(doc.text).split(' ').next().unwrap_or("");
                    let before = doc.text.get(m.start.saturating_sub(5)..m.start).unwrap_or("");
                    crate::lang::en::is_female_name(first) || before.ends_with("Mrs. ") || before.ends_with("Ms. ") || before.ends_with("Miss ")
                })
        })
        .collect();
    let longest_ref = refs.iter().map(|r| r.span.len()).max().unwrap_or(0);
    let mut c = Ctx { doc, refs, ids: entities.iter().map(|l| l.entity.id.clone()).collect(), quoted: vec![false; doc.tokens.len()], female, longest_ref };
    let qs = crate::stages::statements::quoted_stretches(doc);
    for &(a, b) in &qs {
        for q in c.quoted.iter_mut().take(b).skip(a.saturating_sub(1)) {
            *q = true;
        }
        if b < c.quoted.len() {
            c.quoted[b] = true;
        }
    }
    let mut found: Vec<Found> = Vec::new();
    direct_quotes(&c, &qs, &mut found);
    reported(&c, &mut found);
    crate::sort::by_key(&mut found, |f| f.content.start);
    let mut out = Vec::new();
    for mut f in found {
        // A quote in parts says no more than its parts: the content runs from the first part's
        // start to the last one's end, whatever the trimming of the whole left at its edges.
        if let (Some(first), Some(last)) = (f.parts.first(), f.parts.last()) {
            f.content = Span::new(first.start, last.end);
        }
        let date = date_of(doc, times, f.content, &f.parts, f.cue);
        out.push(Statement {
            speaker: f.speaker.and_then(|s| s.entity).map(|e| c.ids[e].clone()),
            speaker_span: f.speaker.map(|s| s.span),
            cue: f.cue,
            content: f.content,
            content_parts: f.parts,
            direct: f.direct,
            date,
            speaker_description: None,
        });
    }
    // A statement with no date of its own was made when the same speaker's previous dated one
    // was (one interview, one speech); an unnamed speaker continues the statement just before.
    for i in 1..out.len() {
        if out[i].date.is_some() || names_another_time(doc, times, &out[i]) || is_perfect(doc, out[i].cue) {
            continue;
        }
        let inherited = match &out[i].speaker {
            Some(sp) => out[..i].iter().rev().find(|p| p.speaker.as_ref() == Some(sp) && p.date.is_some()).and_then(|p| p.date.clone()),
            None => out[i - 1].date.clone(),
        };
        out[i].date = inherited;
    }
    out
}

/// Paragraphs a reported event's date carries over without being named again.
const NARRATIVE_REACH: usize = 3;

/// News tells one event at a time: after "X told a town hall on Wednesday …", the statements that
/// follow in the simple past ("she said", "he replied") were made there too, by whoever speaks.
/// The date carries on until the text names another time outside any quote (a different event)
/// or the report moves on for several paragraphs; a present or perfect cue ("says", "has said")
/// is not tied to the event and stays undated.
pub(crate) fn continue_narrative_dates(doc: &Doc, times: &[TimeExpr], out: &mut [Statement]) {
    let contents: Vec<Span> = out.iter().flat_map(|s| s.parts().to_vec()).collect();
    let paragraph_of = |offset: usize| doc.sentence_of_offset(offset).map(|s| doc.sentences[s].paragraph);
    // Times in the rest of the statement's own sentence ("…,” Kerry said on Monday) are its own.
    let sentence_end = |s: &Statement| {
        let last = s.content.end.max(s.cue.map_or(0, |c| c.end)).saturating_sub(1);
        doc.sentence_of_offset(last).map_or(last + 1, |k| doc.sentences[k].span.end)
    };
    let mut carried: Option<(String, usize, usize)> = None; // date, paragraph, end of the sentence
    for s in out.iter_mut() {
        let anchor = s.cue.map_or(s.content.start, |c| c.start.min(s.content.start));
        let Some(para) = paragraph_of(anchor) else { continue };
        if let Some(d) = &s.date {
            carried = Some((d.clone(), para, sentence_end(s)));
            continue;
        }
        let Some((date, from_para, from_end)) = carried.clone() else { continue };
        let another_time = times.iter().any(|t| t.start >= from_end && t.start < s.content.end.max(anchor) && !contents.iter().any(|c| c.contains(t.span())));
        if another_time || para > from_para + NARRATIVE_REACH {
            carried = None;
            continue;
        }
        let cue = s.cue.and_then(|c| doc.text.get(c.start..c.end)).unwrap_or("").to_ascii_lowercase();
        if is_simple_past_cue(doc, s.cue, &cue) {
            s.date = Some(date.clone());
            carried = Some((date, para, sentence_end(s)));
        }
    }
}

/// "said", "told", "replied" — but not "has said" or "had said" (told about, not reported then).
fn is_simple_past_cue(doc: &Doc, cue: Option<Span>, word: &str) -> bool {
    let past = word.ends_with("ed") || matches!(word, "said" | "told" | "wrote" | "spoke" | "thought" | "felt");
    cue.is_some() && past && !is_perfect(doc, cue)
}

/// "has said", "had warned": said at some other time than the event being reported.
fn is_perfect(doc: &Doc, cue: Option<Span>) -> bool {
    let Some(cue) = cue else { return false };
    let i = doc.token_at_or_after(cue.start);
    (i.saturating_sub(3)..i).any(|k| {
        doc.tokens
            .get(k)
            .and_then(|t| doc.text.get(t.span.start..t.span.end))
            .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "has" | "have" | "had" | "'s" | "’s"))
    })
}

/// The statement's own sentence names a time outside what was said ("In a 2014 speech, …").
fn names_another_time(doc: &Doc, times: &[TimeExpr], s: &Statement) -> bool {
    let anchor = s.cue.map_or(s.content.start, |c| c.start.min(s.content.start));
    let Some(sent) = doc.sentence_of_offset(anchor) else { return false };
    let span = doc.sentences[sent].span;
    times.iter().any(|t| span.contains(t.span()) && !s.parts().iter().any(|p| p.contains(t.span())))
}

/// The day a time expression in the statement's sentence names, nearest the cue.
fn date_of(doc: &Doc, times: &[TimeExpr], content: Span, parts: &[Span], cue: Option<Span>) -> Option<String> {
    let anchor = cue.unwrap_or(content);
    let said = |t: &TimeExpr| if parts.is_empty() { content.contains(t.span()) } else { parts.iter().any(|p| p.contains(t.span())) };
    let sent = doc.sentence_of_offset(anchor.start)?;
    let s = doc.sentences[sent].span;
    times
        .iter()
        .filter(|t| t.value.len() == 10 && s.contains(t.span()) && !(said(t) && cue.is_some()))
        .min_by_key(|t| (t.start as i64 - anchor.start as i64).abs())
        .map(|t| t.value.clone())
}

fn direct_quotes(c: &Ctx, qs: &[(usize, usize)], out: &mut Vec<Found>) {
    let doc = c.doc;
    let n = doc.tokens.len();
    let mut prev_speaker: Option<(Speaker, usize)> = None; // speaker and paragraph of the last direct quote
    let mut i = 0;
    while i < qs.len() {
        let (a, b) = qs[i];
        let words = (a..b).filter(|&k| doc.tokens[k].is_word).count();
        let sent = doc.tokens[a].sentence;
        let srange = doc.sentences[sent].tokens.clone();
        let para = doc.sentences[sent].paragraph;
        let after = (b + 1).min(n);
        // What follows the closing mark: ", X said" / ", said X" / ", X said, “..."
        let mut speaker = None;
        let mut cue = None;
        let mut end_b = b;
        let mut continuation: Option<(usize, usize)> = None;
        let mut k = after;
        if k < n && matches!(c.low(k), "," | "?" | "!" | "-") {
            k += 1;
        }
        let same_sentence = |j: usize| doc.tokens[j].sentence <= doc.tokens[after.min(n - 1)].sentence + 1;
        // Further when an apposition separates the speaker from the verb ("…,” the economist Jared
        // Bernstein, a former adviser in the Obama White House, wrote).
        let cue_at = (k..(k + 9).min(n)).find(|&j| is_cue(c.low(j)) && !c.quoted[j] && same_sentence(j)).or_else(|| {
            (k + 9..(k + APPOSITION_REACH).min(n))
                .take_while(|&j| !c.quoted[j] && same_sentence(j))
                .find(|&j| is_cue(c.low(j)) && c.low(j - 1) == "," && doc.tokens[j].sentence == doc.tokens[k.min(n - 1)].sentence)
        });
        // A quote closed by a full stop ends its sentence: what follows is a new one.
        let ends_sentence = b > a && c.low(b - 1) == "." && !matches!(c.low(after), ",");
        if let Some(j) = cue_at.filter(|_| !ends_sentence && (k > after || doc.tokens.get(after).is_some_and(|t| t.is_word))) {
            // The speaker fills the gap between the quote and the verb (", Smith said"), or follows
            // the verb (", said Smith").
            // Titles may come between ("…,” Gov. Kasich replied).
            // A title or description may come first ("…,” former Bush speechwriter Noam Neusner
            // wrote), or the end of the sentence the quote opened ("…” for the victory, Sanders said).
            let plain = |t: usize| !c.quoted[t] && !is_cue(c.low(t));
            let title_words = |from: usize, to: usize| {
                to - from <= 8
                    && (from..to).all(|t| plain(t) && (matches!(c.low(t), "." | "'s" | "’s") || doc.tokens[t].is_word && !is(c.low(t), class::NP_BREAK)))
            };
            let after_comma = |first: usize| {
                first >= k + 2 && c.low(first - 1) == "," && (k..first - 1).all(plain) && (k..first - 1).filter(|&t| doc.tokens[t].is_word).count() <= 6
            };
            let fills_gap = |sp: &Speaker| {
                let first = c.first_token_at(sp.span.start);
                sp.span.start <= doc.tokens[k].span.start || (first > k && (title_words(k, first) || after_comma(first)))
            };
            let s = if j > k { speaker_before(c, k, j).filter(fills_gap) } else { speaker_after(c, j + 1, (j + 9).min(n)) };
            if s.is_some() {
                speaker = s;
                cue = Some(c.span(j, j + 1));
                // "…,” she said, “…”: the next quote continues the same statement.
                // Not when the next quote starts a new paragraph or has its own attribution
                // ("…,” Lavrov replied): that is another statement, maybe another speaker.
                let same_para = |t: usize| doc.sentences[doc.tokens[t].sentence].paragraph == para;
                let next_has_own_cue = |(na, nb): (usize, usize)| {
                    (nb + 1..(nb + 5).min(n)).any(|t| same_para(t) && is_cue(c.low(t))) || (na.saturating_sub(4)..na).any(|t| t > j && is_cue(c.low(t)))
                };
                if i + 1 < qs.len()
                    && qs[i + 1].0 <= j + CONTINUATION_REACH + 2
                    && doc.tokens[qs[i + 1].0].sentence <= doc.tokens[j].sentence + 1
                    && doc.sentences[doc.tokens[qs[i + 1].0].sentence].paragraph == para
                    && !next_has_own_cue(qs[i + 1])
                    && (j + 1..qs[i + 1].0).all(|t| !doc.tokens[t].is_word || t < j + CONTINUATION_REACH)
                {
                    end_b = qs[i + 1].1;
                    continuation = Some(qs[i + 1]);
                    i += 1;
                }
            }
        }
        // What precedes the opening mark: "X said: “…" / "X said in a statement, “…". A quote
        // further from its verb is a fragment of reported speech, handled there.
        if speaker.is_none() && a >= 2 {
            let mut j = a - 1; // the opening mark
            while j > srange.start && matches!(c.low(j - 1), ":" | "," | "that") {
                j -= 1;
            }
            let colon_or_comma = matches!(c.low(a - 2), ":" | ",");
            // "told Breitbart News Daily host Alex Marlow: “…": an addressee may come between.
            let reach = if colon_or_comma && (j.saturating_sub(TELL_REACH)..j).any(|v| is(c.low(v), class::TELL) && !c.quoted[v]) { TELL_REACH } else { 5 };
            let floor = srange.start.max(j.saturating_sub(reach));
            if let Some(v) = (floor..j).rev().find(|&v| is_cue(c.low(v)) && !c.quoted[v]).filter(|&v| v + 1 == j || colon_or_comma) {
                cue = Some(c.span(v, v + 1));
                speaker = clause_subject(c, srange.start, v).or_else(|| speaker_before(c, srange.start, v)).or_else(|| subject(c, srange.start, v));
            }
        }
        // "Caddell continued:" closing one paragraph, the quote opening the next.
        if speaker.is_none() && cue.is_none() && a >= 3 && c.low(a - 2) == ":" && doc.tokens[a - 2].sentence != sent {
            let before = doc.sentences[doc.tokens[a - 2].sentence].tokens.clone();
            if let Some(v) = (before.start.max(a.saturating_sub(5))..a - 2).rev().find(|&v| is_cue(c.low(v)) && !c.quoted[v]) {
                cue = Some(c.span(v, v + 1));
                speaker = speaker_before(c, before.start, v).or_else(|| subject(c, before.start, v));
            }
        }
        // "“PENCE: Well, look, …": a transcript's speaker label opens the quoted paragraph.
        let mut from = a;
        if speaker.is_none()
            && cue.is_none()
            && let Some((colon, entity)) = transcript_label(c, a, b)
        {
            speaker = Some(Speaker { span: c.span(a, colon), entity: Some(entity) });
            cue = Some(c.span(colon, colon + 1));
            from = colon + 1;
        }
        // "Continued: “…”" opening its sentence: the previous speaker goes on.
        if speaker.is_none()
            && cue.is_some_and(|cs| c.first_token_at(cs.start) == srange.start)
            && let Some((s, _)) = prev_speaker.filter(|&(_, p)| p + 1 >= para)
        {
            speaker = Some(s);
        }
        let standalone = a == 0 || doc.tokens[a - 1].sentence != sent || srange.start + 1 >= a;
        if speaker.is_none() && cue.is_none() {
            // An unattributed quote continuing the previous paragraph's speaker, or a quote
            // whose attribution sits in the next sentence of the same paragraph ("…" He said.).
            if let Some((s, p)) = prev_speaker
                && standalone
                && (p + 1 == para || p == para)
                && words >= 4
            {
                speaker = Some(s);
            }
        }
        if cue.is_none() && speaker.is_none() && (words < 5 || !standalone) {
            // A scare quote or a fragment inside someone else's sentence.
            i += 1;
            continue;
        }
        let cue_before = cue.is_some_and(|cs| cs.end <= doc.tokens[a].span.start);
        if words < 3 && cue.is_none() || words < 4 && cue_before {
            i += 1;
            continue;
        }
        if let Some(content) = trim_content(c, from, end_b) {
            let parts = continuation.and_then(|(na, nb)| Some(vec![trim_part(c, from, b)?, trim_part(c, na, nb)?])).unwrap_or_default();
            out.push(Found { content, parts, cue, speaker, direct: true });
            if let Some(s) = speaker {
                let last_para = doc.sentences[doc.tokens[end_b.saturating_sub(1).max(a)].sentence].paragraph;
                prev_speaker = Some((s, last_para));
            }
        }
        i += 1;
    }
}

/// A transcript's speaker label at tokens `a..`: one to three words in capitals and a colon
/// ("PENCE:", "JAKE TAPPER:") naming a person of the article ("Mike Pence"); the colon's token
/// and that person.
fn transcript_label(c: &Ctx, a: usize, b: usize) -> Option<(usize, usize)> {
    let colon = (a + 1..(a + 4).min(b)).find(|&j| c.low(j) == ":")?;
    let caps = |j: usize| {
        let o = c.orig(j);
        c.doc.tokens[j].is_word && o.chars().filter(|ch| ch.is_alphabetic()).count() >= 2 && !o.chars().any(char::is_lowercase)
    };
    if !(a..colon).all(caps) {
        return None;
    }
    let last = c.orig(colon - 1);
    let entity = c.refs.iter().find(|r| {
        r.kind == EntityKind::Person && r.span.slice(c.doc.text).rsplit(' ').next().is_some_and(|w| w.len() == last.len() && w.eq_ignore_ascii_case(last))
    })?;
    Some((colon, entity.entity))
}

fn reported(c: &Ctx, out: &mut Vec<Found>) {
    for s in &c.doc.sentences {
        let r = s.tokens.clone();
        if let Some(f) = headline_statement(c, r.clone(), out).or_else(|| in_frame(c, r.clone(), out)) {
            out.push(f);
            continue;
        }
        // "Protocol called for her to be taken to a trauma center, sources said.": a sentence
        // closed by its attribution is one statement, whatever verbs its content holds.
        if let Some(k) = closing_attribution(c, r.clone()) {
            let before = out.len();
            cue_statement(c, r.clone(), k, false, out);
            if out.len() > before && out[before].content.end <= c.doc.tokens[k].span.start {
                continue;
            }
            out.truncate(before);
        }
        let mut k = r.start;
        while k < r.end {
            let w = c.low(k);
            if c.quoted[k] {
                k += 1;
                continue;
            }
            if w == "according" && c.low(k + 1) == "to" {
                k = according_to(c, r.clone(), k, out);
                continue;
            }
            if let Some(f) = owned_stance(c, r.clone(), k, out) {
                out.push(f);
                break;
            }
            // "so-called" names, it does not attribute.
            let attitude = !is_cue(w) && is(w, class::ATTITUDE) && !(k > r.start && c.low(k - 1) == "-");
            let framed_a_quote = || out.iter().any(|f| f.cue == Some(c.span(k, k + 1)));
            if !is_cue(w) && !attitude || !used_as_verb(c, r.start, k) || framed_a_quote() {
                k += 1;
                continue;
            }
            match cue_statement(c, r.clone(), k, attitude, out) {
                Some(next) => k = next,
                None => break,
            }
        }
    }
}

/// The reporting verb of ", X said." closing sentence `r`: a comma, at most six words naming
/// the speaker, the verb, and at most four words after it ("on Monday").
fn closing_attribution(c: &Ctx, r: std::ops::Range<usize>) -> Option<usize> {
    let words = |a: usize, b: usize| (a..b).filter(|&j| c.doc.tokens[j].is_word).count();
    let k = (r.start..r.end).rev().take(8).find(|&j| is_cue(c.low(j)) && !c.quoted[j])?;
    if words(k + 1, r.end) > 4 || (k + 1..r.end).any(|j| c.quoted[j] || matches!(c.low(j), "," | "that" | ":")) {
        return None;
    }
    let cm = (r.start..k).rev().take(8).find(|&j| c.low(j) == ",")?;
    (cm > r.start + 3 && words(cm + 1, k) <= 6 && !(cm + 1..k).any(|j| c.quoted[j] || is_cue(c.low(j)))).then_some(k)
}

/// A reporting or stance word that is a verb here: not after a determiner ("his support", "the
/// attacks"), and a form as often a noun ("estimates", "claims") only after a name or a pronoun
/// or before "that".
fn used_as_verb(c: &Ctx, start: usize, k: usize) -> bool {
    if k > start && is(c.low(k - 1), class::DETERMINER) {
        return false;
    }
    // "a series of tweets criticizing …", "steering clear of criticizing …": after a preposition
    // a form that may be a noun is one, and an -ing form is a gerund, not the verb of a clause.
    if k > start && (is(c.low(k), class::VERB_OR_NOUN) || c.low(k).ends_with("ing")) && is(c.low(k - 1), class::PREPOSITION) && c.low(k - 1) != "to" {
        return false;
    }
    if !is(c.low(k), class::VERB_OR_NOUN) {
        return true;
    }
    let after_subject =
        k > start && (c.mention_ending(k).is_some() || is(c.low(k - 1), class::PERSON_PRONOUN) || matches!(c.low(k - 1), "they" | "it" | "we" | "i"));
    after_subject || c.low(k + 1) == "that"
}

/// Headlines: "Kasich: We Are Going All the Way" / "Poll: Sanders Leads".
fn headline_statement(c: &Ctx, r: std::ops::Range<usize>, out: &[Found]) -> Option<Found> {
    let doc = c.doc;
    let colon = (r.start + 1..(r.start + 6).min(r.end)).find(|&j| c.low(j) == ":")?;
    let headline = (r.start..colon).all(|j| doc.tokens[j].is_word || matches!(c.low(j), "." | "'"))
        && c.orig(r.start).chars().next().is_some_and(char::is_uppercase)
        && !c.orig(colon - 1).chars().all(|ch| ch.is_ascii_digit())
        && (colon + 1..r.end).filter(|&j| doc.tokens[j].is_word).count() >= 3;
    // "The Latest: Clinton tells voters …": a name and its verb after the colon attribute, not the label.
    let attributed_after = (colon + 2..(colon + 8).min(r.end))
        .any(|j| (is_cue(c.low(j)) || is(c.low(j), class::ATTITUDE)) && c.mention_ending(j).is_some_and(|m| m.span.start > doc.tokens[colon].span.start));
    if !headline || attributed_after {
        return None;
    }
    let content = trim_content(c, colon + 1, r.end).filter(|ct| !overlaps_any(out, *ct))?;
    let span = c.span(r.start, colon);
    let entity = c
        .mention_ending(colon)
        .filter(|m| m.span.start >= span.start)
        .map(|m| m.entity)
        .or_else(|| transcript_label(c, r.start, r.end).filter(|&(at, _)| at == colon).map(|(_, e)| e));
    // "Correction:", "Editor's note:", "The Latest:": an editorial label names no one.
    if entity.is_none() && is(c.low(colon - 1), class::EDITORIAL_LABEL) {
        return None;
    }
    Some(Found { content, parts: Vec::new(), cue: Some(c.span(colon, colon + 1)), speaker: Some(Speaker { span, entity }), direct: false })
}

/// "In a new CNN poll, Clinton leads by six points" / "In his view, the party has lost its way":
/// a poll, report or view named at the head of a sentence with no reporting verb of its own
/// speaks for it.
fn in_frame(c: &Ctx, r: std::ops::Range<usize>, out: &[Found]) -> Option<Found> {
    let doc = c.doc;
    let mut k = r.start;
    while k < r.end && (matches!(c.low(k), "but" | "and" | "yet" | "so") || c.is_quote(k)) {
        k += 1;
    }
    if c.low(k) != "in" || c.quoted[k] {
        return None;
    }
    let comma = (k + 2..(k + 14).min(r.end)).find(|&j| c.low(j) == ",")?;
    let speech = (k + 1..comma).any(|j| is(c.low(j), class::SPEECH_FRAME));
    if !(speech || (k + 1..comma).any(|j| is(c.low(j), class::FINDING))) || (k + 1..comma).any(|j| c.is_quote(j)) {
        return None;
    }
    if (comma + 1..r.end).any(|j| !c.quoted[j] && (is_cue(c.low(j)) || is(c.low(j), class::ATTITUDE))) {
        return None;
    }
    if (comma + 1..r.end).filter(|&j| doc.tokens[j].is_word).count() < 4 {
        return None;
    }
    let content = trim_content(c, comma + 1, r.end).filter(|ct| !overlaps_any(out, *ct))?;
    let speaker = if matches!(c.low(k + 1), "his" | "her" | "its" | "their") {
        let span = c.span(k + 1, k + 2);
        Speaker { span, entity: c.antecedent(span.start) }
    } else {
        let span = c.span(k + 1, comma);
        let entity = c.speaker_within(span, false);
        // "In a statement issued Tuesday, Hillary Clinton was more circumspect": a message names
        // no author of its own, the clause's subject issued it.
        let subject = (speech && entity.is_none())
            .then(|| {
                // The name may follow a title or a description ("presidential nominee Hillary Clinton").
                let title_end = (comma + 1..(comma + 4).min(r.end)).take_while(|&j| c.doc.tokens[j].is_word && !is(c.low(j), class::NP_BREAK)).last()?;
                c.refs_starting_within(c.doc.tokens[comma + 1].span.start, c.doc.tokens[title_end].span.end)
                    .iter()
                    .find(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))
                    .map(|m| Speaker { span: m.span, entity: Some(m.entity) })
            })
            .flatten();
        subject.unwrap_or(Speaker { span, entity })
    };
    Some(Found { content, parts: Vec::new(), cue: Some(c.span(k, k + 1)), speaker: Some(speaker), direct: false })
}

/// "Trump's view is that …", "her argument that …": a stance noun owned by a name or a pronoun
/// and followed by its "that" clause, which runs to the end of the sentence.
fn owned_stance(c: &Ctx, r: std::ops::Range<usize>, k: usize, out: &[Found]) -> Option<Found> {
    if !is(c.low(k), class::STANCE_NOUN) || k <= r.start {
        return None;
    }
    // Only the copula form: after a bare "that" ("her argument that she is popular was tested")
    // the sentence goes on past the clause.
    if !(matches!(c.low(k + 1), "is" | "was") && c.low(k + 2) == "that") {
        return None;
    }
    let from = k + 3;
    let speaker = if matches!(c.low(k - 1), "his" | "her" | "their" | "its") {
        let span = c.span(k - 1, k);
        Speaker { span, entity: c.antecedent(span.start) }
    } else if matches!(c.orig(k - 1), "'s" | "’s" | "'" | "’") || k >= r.start + 3 && c.low(k - 1) == "s" && matches!(c.orig(k - 2), "'" | "’") {
        // The possessive is tokenised "'" + "s" ("Rubio ' s view").
        let owner_end = if c.low(k - 1) == "s" { k - 2 } else { k - 1 };
        let m = c.mention_ending(owner_end).filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))?;
        Speaker { span: m.span, entity: Some(m.entity) }
    } else {
        return None;
    };
    if (from..r.end).filter(|&j| c.doc.tokens[j].is_word).count() < 3 {
        return None;
    }
    let content = trim_content(c, from, content_end(c, from, r.end)).filter(|ct| !overlaps_any(out, *ct))?;
    Some(Found { content, parts: Vec::new(), cue: Some(c.span(k, k + 1)), speaker: Some(speaker), direct: false })
}

/// "according to X, CONTENT" / "CONTENT, according to X" at token k; returns where to go on.
fn according_to(c: &Ctx, r: std::ops::Range<usize>, k: usize, out: &mut Vec<Found>) -> usize {
    let cue = c.span(k, k + 2);
    let sp_start = k + 2;
    let mut sp_end = sp_start;
    while sp_end < r.end && !matches!(c.low(sp_end), "," | "." | ";") && sp_end - sp_start < 10 {
        sp_end += 1;
    }
    let speaker = speaker_after(c, sp_start, sp_end)
        .map(|sp| Speaker { span: if sp.entity.is_some() { sp.span } else { c.span(sp_start, sp_end.max(sp_start + 1)) }, entity: sp.entity });
    let words = |a: usize, b: usize| (a..b).filter(|&j| c.doc.tokens[j].is_word).count();
    // "Over the long term, according to the budget office, deficits will rise": the frame
    // interrupts what was said, which runs on both sides of it.
    let interrupts = k > r.start && c.low(sp_end) == "," && words(r.start, k) <= 8 && words(sp_end, r.end) > words(r.start, k);
    let (content, parts) = if interrupts {
        match (trim_part(c, r.start, k), trim_content(c, sp_end, r.end)) {
            (Some(before), Some(after)) => (Some(Span::new(before.start, after.end)), vec![before, after]),
            (_, after) => (after, Vec::new()),
        }
    } else if k > r.start + 2 {
        (trim_content(c, r.start, k), Vec::new())
    } else {
        (trim_content(c, sp_end, r.end), Vec::new())
    };
    if let Some(content) = content.filter(|ct| !overlaps_any(out, *ct)) {
        out.push(Found { content, parts, cue: Some(cue), speaker, direct: false });
    }
    sp_end
}

/// The statement around a reporting or stance verb at token k: "X endorsed Cruz, saying …",
/// "CONTENT, X said.", "X said (that) CONTENT", "X told Y (that) CONTENT". `None` when it closes
/// the sentence, else the token to go on from.
fn cue_statement(c: &Ctx, r: std::ops::Range<usize>, k: usize, attitude: bool, out: &mut Vec<Found>) -> Option<usize> {
    let doc = c.doc;
    let w = c.low(k);
    let cue = c.span(k, k + 1);
    // "X endorsed Cruz, saying he ...": the participle's speaker is the clause's subject.
    if w.ends_with("ing") && k > r.start && c.low(k - 1) == "," {
        let mut st = r.start;
        while st < k && matches!(c.low(st), "but" | "and" | "so" | "however" | "," | "then" | "yet" | "-" | "\"" | "“") {
            st += 1;
        }
        // "“…,” he said, adding that …": the participle goes on for whoever the sentence quoted.
        let sentence_start = doc.tokens[r.start].span.start;
        let framed = out
            .iter()
            .rev()
            .find(|f| {
                f.speaker.is_some()
                    && f.cue.is_some_and(|cs| {
                        cs.start >= sentence_start && cs.end <= cue.start && c.quoted.get(c.first_token_at(f.content.start)).copied().unwrap_or(false)
                    })
            })
            .and_then(|f| f.speaker);
        let speaker = framed.or_else(|| clause_subject(c, st, k)).or_else(|| {
            (!c.quoted[st]).then(|| speaker_after(c, st, k).filter(|s| s.entity.is_some() || s.span.slice(doc.text).split(' ').count() <= 4)).flatten()
        });
        let mut from = k + 1;
        if let Some(t) = (from..(from + 3).min(r.end)).find(|&j| c.low(j) == "that") {
            from = t;
        }
        if speaker.is_some()
            && let Some(content) = trim_content(c, from, r.end).filter(|ct| !overlaps_any(out, *ct))
        {
            out.push(Found { content, parts: Vec::new(), cue: Some(cue), speaker, direct: false });
            return None;
        }
    }
    // CONTENT, X said.  /  CONTENT, said X.
    let comma = (r.start..k).rev().take(10).find(|&j| c.low(j) == "," && !c.quoted[j]).filter(|_| !attitude);
    // "…, Kerry said that the war would end": what follows the verb is the content.
    // The tail up to a comma: "…, said Greg Raiff, chief executive of Private Jet Services".
    let tail_is_short =
        (k + 1..r.end).take_while(|&j| c.low(j) != ",").filter(|&j| doc.tokens[j].is_word).count() <= 6 && !matches!(c.low(k + 1), "that" | ":");
    // "A spokesman, who asked not to be named, said …": the comma closes a relative clause on
    // the speaker, not a content.
    let opens_apposition = |p: usize| {
        matches!(c.low(p + 1), "who" | "whose" | "which")
            || matches!(c.low(p + 1), "a" | "an" | "the")
                && c.mention_ending(p).is_some_and(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization))
    };
    // The verb of a relative clause ("…, who asked not to be named") frames nothing, nor does a
    // comma closing an apposition on the speaker ("Adam Schiff, a Democrat of California, said").
    let closes_relative = |cm: usize| {
        matches!(c.low(cm + 1), "who" | "whose" | "which") || cm + 1 == k && (r.start..cm).rev().find(|&p| c.low(p) == ",").is_some_and(opens_apposition)
    };
    if let Some(cm) = comma.filter(|&cm| cm > r.start + 3 && tail_is_short && !closes_relative(cm)) {
        let speaker = if cm + 1 < k { speaker_before(c, cm + 1, k) } else { speaker_after(c, k + 1, r.end) };
        // "…, said she wanted change": a clause follows the verb, so the speaker opens its content
        // and what precedes the comma is something else (an apposition on her name).
        let ends_clause = |s: &Speaker| {
            let j = doc.token_at_or_after(s.span.end);
            j >= r.end || !doc.tokens[j].is_word || is(c.low(j), class::PREPOSITION) || is(c.low(j), class::TIME_ADVERB)
        };
        if let Some(content) =
            trim_content(c, r.start, cm).filter(|ct| !overlaps_any(out, *ct)).filter(|_| cm + 1 < k || speaker.is_none_or(|s| ends_clause(&s)))
        {
            out.push(Found { content, parts: Vec::new(), cue: Some(cue), speaker, direct: false });
            return None;
        }
    }
    // X said (that) CONTENT / X told Y (that) CONTENT
    let Some(speaker) = speaker_before(c, r.start, k).or_else(|| subject(c, r.start, k)) else {
        return Some(k + 1);
    };
    let from = content_start(c, r.end, k);
    let end = content_end(c, from, r.end);
    // A stance's object ends where the next clause begins (", saying ...", ", which ...").
    let to = if attitude {
        (from..end)
            .find(|&j| {
                c.low(j) == ","
                    && !c.quoted[j]
                    && (is_cue(c.low(j + 1)) || is(c.low(j + 1), class::ATTITUDE) || matches!(c.low(j + 1), "which" | "who" | "but" | "and" | "while"))
            })
            .unwrap_or(end)
    } else {
        end
    };
    let content_words = (from..to).filter(|&j| doc.tokens[j].is_word).count();
    if content_words >= if attitude { 2 } else { 3 }
        && let Some(content) = trim_content(c, from, to).filter(|ct| !overlaps_any(out, *ct))
    {
        out.push(Found { content, parts: Vec::new(), cue: Some(cue), speaker: Some(speaker), direct: false });
        return if attitude || to < r.end { Some(to) } else { None };
    }
    Some(k + 1)
}

/// Where the content of the cue at token k starts: after a "tell" verb's addressee, at a "that"
/// near the verb ("said on Monday that", "said in a statement that").
fn content_start(c: &Ctx, end: usize, k: usize) -> usize {
    let mut from = k + 1;
    if is(c.low(k), class::TELL) {
        // Skip the addressee: up to "that" or a comma, within a few words.
        if let Some(t) = (from..(from + 12).min(end)).find(|&j| matches!(c.low(j), "that" | "," | "how" | "why" | "what" | "whether" | ":") || c.is_quote(j)) {
            from = t;
        } else {
            from = (from + 1).min(end);
            while from < end && c.doc.otok(from).chars().next().is_some_and(char::is_uppercase) {
                from += 1;
            }
        }
    }
    // "said on Monday that", "said in a statement that", "told reporters that": a "that" after an
    // adverbial opens the content; after an object ("stressed her support of the raid that
    // killed …") it opens a relative clause, which is part of the content.
    let adverbial = from < end
        && (is(c.low(from), class::PREPOSITION) || is(c.low(from), class::BEFORE_VERB) || is(c.low(from), class::TIME_ADVERB) || c.low(from).ends_with("ly"));
    let wh = matches!(c.low(from), "how" | "why" | "what" | "whether");
    if let Some(t) = (from..(from + 7).min(end)).find(|&j| c.low(j) == "that")
        && (from..t).all(|j| !c.quoted[j])
        && (t == from || adverbial || is(c.low(k), class::TELL) && !wh)
    {
        from = t;
    }
    from
}

/// Where a content that runs to the end of its sentence stops short: before a coordinated
/// statement of its own ("…, but she denied that …", "… and said she has …").
fn content_end(c: &Ctx, from: usize, end: usize) -> usize {
    (from + 1..end)
        .find(|&j| {
            matches!(c.low(j), "and" | "but" | "while")
                && !c.quoted[j]
                && (j + 1..(j + 4).min(end)).any(|v| is_cue(c.low(v)) && !c.quoted[v])
                && (j + 1..(j + 4).min(end)).take_while(|&v| !is_cue(c.low(v))).all(|v| c.doc.tokens[v].is_word && !c.quoted[v])
        })
        .unwrap_or(end)
}

fn overlaps_any(out: &[Found], s: Span) -> bool {
    out.iter().any(|f| {
        let ov = f.content.end.min(s.end).saturating_sub(f.content.start.max(s.start));
        ov * 2 > s.len().min(f.content.len())
    })
}

#[cfg(test)]
mod tests {
    use crate::{Analysis, Lang, Options, analyze};

    fn run(text: &str) -> Analysis {
        analyze(text, &Options { lang: Some(Lang::En), date: Some(crate::parse_date("2015-11-18").unwrap()) })
    }

    fn triples(a: &Analysis, text: &str) -> Vec<(String, String, String)> {
        a.statements
            .iter()
            .map(|s| {
                let sp = s
                    .speaker
                    .as_ref()
                    .and_then(|id| a.entity(id))
                    .map(|e| e.name.clone())
                    .or_else(|| s.speaker_span.map(|x| x.slice(text).to_string()))
                    .unwrap_or_default();
                (sp, s.content.slice(text).to_string(), s.cue.map(|x| x.slice(text).to_string()).unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn quote_then_attribution() {
        let t = "“We will not give up the fight for our country,” John Kerry said on Monday.";
        let a = run(t);
        assert_eq!(triples(&a, t), [("John Kerry".into(), "We will not give up the fight for our country".into(), "said".into())]);
        assert_eq!(a.statements[0].date.as_deref(), Some("2015-11-16"));
        assert!(a.statements[0].direct);
    }

    #[test]
    fn a_person_in_apposition_after_a_description_speaks() {
        let t = "Lebanon's transport minister, Karim Nassar, said on Monday that the port would reopen next week.";
        let a = run(t);
        assert_eq!(triples(&a, t), [("Karim Nassar".into(), "the port would reopen next week".into(), "said".into())]);
    }

    #[test]
    fn an_event_date_carries_to_the_statements_reported_from_it() {
        let t = "“We will not give up,” John Kerry told reporters on Monday.\n\n“The talks go on,” Sergei Lavrov replied.\n\nLavrov has said that Russia wants peace.\n\nIn a speech in 2014, Kerry said that the war would end.";
        let a = run(t);
        let dates: Vec<Option<&str>> = a.statements.iter().map(|s| s.date.as_deref()).collect();
        assert_eq!(dates, [Some("2015-11-16"), Some("2015-11-16"), None, None], "{:?}", triples(&a, t));
    }

    #[test]
    fn attribution_inside_a_split_quote_and_pronoun() {
        let t = "Hillary Clinton spoke in Ohio. “This election matters,” she said, “more than any other in our lifetime.”";
        let a = run(t);
        let tr = triples(&a, t);
        assert_eq!(tr.len(), 1, "{tr:?}");
        assert_eq!(tr[0].0, "Hillary Clinton");
        assert!(tr[0].1.starts_with("This election matters") && tr[0].1.ends_with("in our lifetime"));
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "she");
    }

    #[test]
    fn a_quote_interrupted_by_its_attribution_is_one_statement_in_two_parts() {
        let t = "Hillary Clinton spoke in Ohio. “This election matters,” she said on Monday. “It matters more than any other in our lifetime.”";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", triples(&a, t));
        let s = &a.statements[0];
        let parts: Vec<&str> = s.content_parts.iter().map(|p| p.slice(t)).collect();
        assert_eq!(parts, ["This election matters", "It matters more than any other in our lifetime"]);
        assert_eq!((s.content.start, s.content.end), (s.content_parts[0].start, s.content_parts[1].end));
        assert_eq!(s.content_text(t), "This election matters … It matters more than any other in our lifetime");
        // The frame's own day dates the statement, though it lies between the parts.
        assert_eq!(s.date.as_deref(), Some("2015-11-16"));
    }

    #[test]
    fn a_quote_in_one_stretch_has_no_parts() {
        let t = "“We will not give up the fight for our country,” John Kerry said on Monday.";
        let a = run(t);
        assert!(a.statements[0].content_parts.is_empty());
        assert_eq!(a.statements[0].parts(), [a.statements[0].content]);
    }

    #[test]
    fn reported_speech_forms() {
        let t = "Defense officials said that the strikes would continue for weeks. The plan was dropped last year, a spokesman said. According to the Pentagon, the base was hit twice.";
        let a = run(t);
        let tr = triples(&a, t);
        assert_eq!(tr.len(), 3, "{tr:?}");
        assert_eq!(tr[0].0, "Defense officials");
        assert!(tr[0].1.starts_with("the strikes would continue"));
        assert_eq!(tr[1].1, "The plan was dropped last year");
        assert_eq!(tr[1].0, "a spokesman");
        assert_eq!(tr[2].1, "the base was hit twice");
        assert_eq!(tr[2].0, "Pentagon");
    }

    #[test]
    fn quote_continued_in_next_paragraph_keeps_its_speaker() {
        let t = "Sen. Bernie Sanders told reporters: “We need a political revolution in this country now.\n“And we will build it together, state by state, town by town.”";
        let a = run(t);
        let tr = triples(&a, t);
        assert_eq!(tr.len(), 2, "{tr:?}");
        assert!(tr.iter().all(|x| x.0 == "Bernie Sanders"), "{tr:?}");
    }

    #[test]
    fn scare_quotes_are_not_statements() {
        let t = "The so-called “peace plan” was shelved.";
        assert!(run(t).statements.is_empty());
    }
}

#[cfg(test)]
mod more_tests {
    use crate::{Lang, Options, analyze};

    fn contents(text: &str) -> Vec<(Option<String>, String)> {
        let a = analyze(text, &Options { lang: Some(Lang::En), date: None });
        a.statements.iter().map(|s| (s.speaker_span.map(|x| x.slice(text).to_string()), s.content.slice(text).to_string())).collect()
    }

    #[test]
    fn she_finds_the_woman_and_he_the_man() {
        let t = "Hillary Clinton met Donald Trump in New York. She said the debate was useful. He said it was rigged.";
        let a = analyze(t, &Options { lang: Some(Lang::En), date: None });
        let who: Vec<String> =
            a.statements.iter().map(|s| s.speaker.as_ref().and_then(|id| a.entity(id)).map(|e| e.name.clone()).unwrap_or_default()).collect();
        assert_eq!(who, ["Hillary Clinton", "Donald Trump"]);
    }

    #[test]
    fn title_between_quote_and_name() {
        let t = "“We will carry the state in November,” Gov. John Kasich replied.";
        let c = contents(t);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].0.as_deref(), Some("John Kasich"));
    }

    #[test]
    fn stance_verbs_attribute_their_object() {
        let c = contents("Mayor Anne Hidalgo criticized the new budget plan for schools.");
        assert_eq!(c, [(Some("Anne Hidalgo".to_string()), "the new budget plan for schools".to_string())]);
    }

    #[test]
    fn participle_takes_the_clause_subject() {
        let c = contents("Senator Tom Harkin endorsed the bill, saying it would help farmers in Iowa.");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].1, "the bill");
        assert_eq!(c[1].0.as_deref(), Some("Tom Harkin"));
        assert!(c[1].1.starts_with("it would help farmers"));
    }

    #[test]
    fn headline_colon_names_the_speaker() {
        let c = contents("Sanders: We Will Win the Nomination\nThe senator spoke on Monday.");
        assert_eq!(c.first().map(|x| x.1.as_str()), Some("We Will Win the Nomination"));
    }

    #[test]
    fn a_transcript_label_names_the_speaker_of_its_quoted_paragraph() {
        let t = "Mike Pence spoke to Chris Wallace on Sunday.\n\n\"WALLACE: Will Gennifer Flowers be there tomorrow night?\n\n\"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.";
        let s = speakers(t);
        assert!(s.contains(&("Chris Wallace".into(), "Will Gennifer Flowers be there tomorrow night?".into())), "{s:?}");
        assert!(s.iter().any(|(who, what)| who == "Mike Pence" && what.starts_with("Gennifer Flowers will not")), "{s:?}");
    }

    #[test]
    fn a_participle_after_a_quote_goes_on_for_its_speaker() {
        let t =
            "Donald Trump spoke in Ohio on Monday.\n\n“It is getting more politically correct every day,” he said, adding that the new rules were ridiculous.";
        let s = speakers(t);
        assert!(s.contains(&("Donald Trump".into(), "the new rules were ridiculous".into())), "{s:?}");
    }

    #[test]
    fn a_sentence_closed_by_its_attribution_is_one_statement() {
        let t = "Protocol called for the nominee to be taken to a trauma center after the incident, sources said.";
        let s = speakers(t);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(s[0].1.starts_with("Protocol called for"), "{s:?}");
    }

    #[test]
    fn a_message_framing_a_sentence_was_issued_by_its_subject() {
        let t = "In a statement issued Tuesday morning, presidential nominee Hillary Clinton was more circumspect than her colleagues.";
        let s = speakers(t);
        assert_eq!(s.first().map(|x| x.0.as_str()), Some("Hillary Clinton"), "{s:?}");
        let t = "In a new CNN poll, Hillary Clinton leads by six points among likely voters.";
        assert_eq!(speakers(t).first().map(|x| x.0.as_str()), Some("CNN"), "the poll speaks, not Clinton");
    }

    #[test]
    fn a_possessive_stance_names_its_owner() {
        let s = speakers("Rubio's view is that the deal is dangerous for the region.");
        assert_eq!(s, vec![("Rubio".to_string(), "the deal is dangerous for the region".to_string())]);
    }

    #[test]
    fn a_form_after_a_preposition_is_a_noun_not_a_cue() {
        let s = speakers("Donald Trump unleashed a series of tweets criticizing the former beauty queen on Friday.");
        assert!(s.iter().all(|(_, what)| !what.starts_with("criticizing")), "{s:?}");
    }

    fn speakers(text: &str) -> Vec<(String, String)> {
        let a = analyze(text, &Options { lang: Some(Lang::En), date: None });
        a.statements
            .iter()
            .map(|s| (s.speaker.as_ref().and_then(|id| a.entity(id)).map(|e| e.name.clone()).unwrap_or_default(), s.content.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn a_pronoun_goes_back_to_the_subject_not_to_a_name_inside_what_was_said() {
        let t = "Donald Trump said praise from Russian President Vladimir Putin would not affect his policy. He said the talks went well.";
        let s = speakers(t);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1].0, "Donald Trump");
        let t = "In his speech, Donald Trump proclaimed a goal of “Peace Through Strength.” He told the crowd that he wants a new foreign policy.";
        assert!(speakers(t).iter().any(|x| x.0 == "Donald Trump" && x.1.starts_with("he wants")), "{:?}", speakers(t));
    }

    #[test]
    fn it_and_they_go_back_to_an_organisation() {
        let s = speakers("Shares of Exxon Mobil fell on Monday. It said that profits would recover next year.");
        assert_eq!(s.first().map(|x| x.0.as_str()), Some("Exxon Mobil"), "{s:?}");
    }

    #[test]
    fn organisations_speak_through_reports_and_according_to() {
        let s = speakers(
            "A report by the UN Environment Program found that emissions rose sharply. According to the World Health Organization, the outbreak is over.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].0, "UN Environment Program");
        assert_eq!(s[1].0, "World Health Organization");
        let s = speakers("A spokesman for the Pentagon, who asked not to be named, said the base was hit twice.");
        assert_eq!(s.first().map(|x| x.0.as_str()), Some("Pentagon"), "{s:?}");
    }

    #[test]
    fn according_to_inside_a_sentence_frames_both_sides() {
        let t = "Over the long term, according to the Congressional Budget Office, the rise in deficits is mainly due to the aging of the population.";
        let a = analyze(t, &Options { lang: Some(Lang::En), date: None });
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content_text(t), "Over the long term … the rise in deficits is mainly due to the aging of the population");
    }

    #[test]
    fn a_long_description_after_the_verb_still_names_the_speaker() {
        let t = "The Boeing was an unusual aircraft for a man of his wealth, said Greg Raiff, chief executive officer of Private Jet Services, an aviation consulting firm.";
        let c = contents(t);
        assert_eq!(c.first().map(|x| x.1.as_str()), Some("The Boeing was an unusual aircraft for a man of his wealth"), "{c:?}");
        let t = "Representative Adam Schiff, a Democrat of California and a member of the House Permanent Select Committee on Intelligence, said the announcement was a positive development.";
        assert_eq!(speakers(t).first().map(|x| x.0.as_str()), Some("Adam Schiff"), "{:?}", speakers(t));
    }

    #[test]
    fn a_long_relative_clause_separates_the_name_from_its_verb() {
        let t = "Rucker Culpepper, who runs the get-out-the-vote effort for the families of military veterans in the state, said, “Trump has been disrespecting our veterans for decades.”";
        assert_eq!(speakers(t), [("Rucker Culpepper".to_string(), "Trump has been disrespecting our veterans for decades".to_string())]);
    }

    #[test]
    fn a_participle_cue_takes_the_subject_of_its_clause() {
        let t = "During a speech earlier in the day, Donald Trump attacked Clinton for her record, saying, “She's trigger-happy and very unstable.”";
        let s = speakers(t);
        assert!(s.iter().any(|x| x.0 == "Donald Trump" && x.1.starts_with("She's trigger-happy")), "{s:?}");
    }

    #[test]
    fn a_statement_stops_where_a_coordinated_one_begins() {
        let t = "Hillary Clinton said it was a mistake to use private email, but she denied that she mishandled classified information.";
        let c = contents(t);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].1, "it was a mistake to use private email");
        assert_eq!(c[1], (Some("she".to_string()), "she mishandled classified information".to_string()));
    }

    #[test]
    fn a_person_of_a_place_speaks_and_a_quoted_word_keeps_its_marks() {
        let t = "Senator Patty Murray of Washington called the delay \"shameful\" and said Congress should have acted.";
        let c = speakers(t);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0], ("Patty Murray".to_string(), "the delay \"shameful\"".to_string()));
        assert_eq!(c[1].0, "Patty Murray");
    }

    #[test]
    fn that_after_an_object_opens_a_relative_clause_not_the_content() {
        let c = contents("Hillary Clinton stressed her support of the raid that killed Osama bin Laden.");
        assert_eq!(c.first().map(|x| x.1.as_str()), Some("her support of the raid that killed Osama bin Laden"), "{c:?}");
    }

    #[test]
    fn a_quote_after_a_colon_paragraph_belongs_to_its_speaker() {
        let t = "Pat Caddell spoke on Thursday.\n\nCaddell continued:\n\n\"The health issue is a partisan issue, and “the polls show it” every single week.\"";
        let c = contents(t);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].0.as_deref(), Some("Caddell"));
        assert!(c[0].1.ends_with("every single week"), "{c:?}");
    }

    #[test]
    fn doubled_apostrophes_are_quotation_marks() {
        let t = "''We have a networking ability that campaigns spend years trying to build,'' said Mr. Brown, who runs the group.";
        let a = analyze(t, &Options { lang: Some(Lang::En), date: None });
        assert_eq!(a.statements.len(), 1);
        assert!(a.statements[0].direct);
        assert_eq!(a.statements[0].content.slice(t), "We have a networking ability that campaigns spend years trying to build");
        assert_eq!(a.statements[0].speaker_span.map(|s| s.slice(t)), Some("Mr. Brown"));
    }

    #[test]
    fn reporting_words_that_are_often_nouns_need_a_subject() {
        assert!(contents("Estimates of the damage vary widely across the region.").is_empty());
        let c = contents("The Congressional Budget Office estimates that the deficit will double by 2025.");
        assert_eq!(c.first().map(|x| x.1.as_str()), Some("the deficit will double by 2025"), "{c:?}");
        assert!(contents("His support for the plan surprised the committee members.").is_empty());
    }

    #[test]
    fn a_statement_is_dated_by_its_own_time_expression() {
        let t = "The Pentagon said on Thursday that the base was hit twice.";
        let a = analyze(t, &Options { lang: Some(Lang::En), date: Some(crate::parse_date("2015-11-18").unwrap()) });
        assert_eq!(a.statements[0].date.as_deref(), Some("2015-11-12"));
    }

    #[test]
    fn a_place_locating_unnamed_people_is_not_the_speaker() {
        let t = "Fishermen in Tripoli said the catch had fallen by half this year.";
        let a = analyze(t, &Options { lang: Some(Lang::En), date: None });
        assert_eq!(a.statements.len(), 1);
        assert_eq!(a.statements[0].speaker, None);
        assert_eq!(a.statements[0].speaker_span.map(|s| s.slice(t)), Some("Fishermen in Tripoli"));
        assert_eq!(speakers("Senator Patty Murray of Washington said Congress should have acted.")[0].0, "Patty Murray");
    }

    #[test]
    fn a_definite_description_speaks_for_the_person_given_that_role() {
        for t in [
            "Hillary Clinton, the former first lady, spoke in Iowa on Monday. Later the former first lady said the race was close.",
            "The former first lady, Hillary Clinton, spoke in Iowa. The former first lady said the race was close.",
        ] {
            let s = speakers(t);
            assert_eq!(s.last().map(|x| x.0.as_str()), Some("Hillary Clinton"), "{s:?}");
        }
        let t = "Senator Elizabeth Warren spoke in Boston. The senator said the bill would pass.";
        assert_eq!(speakers(t)[0].0, "Elizabeth Warren");
        // A role the article never gave anyone stays a description.
        assert_eq!(speakers("Hillary Clinton spoke in Iowa. The senator said the bill would pass.")[0].0, "");
    }

    #[test]
    fn words_between_the_speaker_and_the_verb_are_not_the_speaker() {
        for (t, who) in [
            ("The former secretary of state has long maintained that she complied with the rules.", "The former secretary of state"),
            ("Hillary Clinton on Tuesday said the vote was fair.", "Hillary Clinton"),
            ("Marco Rubio forcefully denounced the deal with Iran.", "Marco Rubio"),
            ("Both want a bigger role for the government in the economy.", "Both"),
            ("Donald Trump is once again questioning the integrity of the voting system.", "Donald Trump"),
            ("Oversight Chairman Jason Chaffetz (R-Utah) said the deals were a mistake.", "Jason Chaffetz"),
        ] {
            let c = contents(t);
            assert_eq!(c.first().and_then(|x| x.0.as_deref()), Some(who), "{t}: {c:?}");
        }
    }

    #[test]
    fn a_relative_pronoun_speaks_for_the_name_before_it() {
        let t = "Voters also heard from Bill Clinton, who said he would keep working on his own projects.";
        let s = speakers(t);
        assert_eq!(s.first().map(|x| (x.0.as_str(), x.1.as_str())), Some(("Bill Clinton", "he would keep working on his own projects")), "{s:?}");
    }

    #[test]
    fn a_clause_after_said_opens_the_content() {
        let t = "Roxana Leon, 63, an independent voter raised in Chile, said she wanted major change in Washington.";
        let c = contents(t);
        assert!(c.iter().all(|x| !x.1.starts_with("Roxana")), "{c:?}");
    }

    #[test]
    fn a_poll_or_a_view_at_the_head_of_a_sentence_speaks_for_it() {
        let c = contents("In a new Quinnipiac University poll, Clinton leads Trump by six points among likely voters.");
        assert_eq!(c, [(Some("a new Quinnipiac University poll".to_string()), "Clinton leads Trump by six points among likely voters".to_string())]);
        let s = speakers("Bernie Sanders spoke in Iowa. In his view, the party has lost touch with working families.");
        assert_eq!(s.first().map(|x| x.0.as_str()), Some("Bernie Sanders"), "{s:?}");
        // A sentence with its own reporting verb is read through the verb.
        let c = contents("In a statement, the campaign said the report was false.");
        assert_eq!(c.first().and_then(|x| x.0.as_deref()), Some("the campaign"), "{c:?}");
    }

    #[test]
    fn quote_ending_a_sentence_does_not_take_the_next_verb() {
        let t = "Lopez said, “The vote was fair and the count was honest.” He added, “We accept the result.”";
        let c = contents(t);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].0.as_deref(), Some("Lopez"));
        assert_eq!(c[1].0.as_deref(), Some("He"));
    }
}
