//! English mentions: a statistical tagger (trained on CoNLL-2003, see tools/train-ner) over
//! CoNLL-style words, then document-level clean-up: one kind per name, short forms (surnames,
//! "the Post", acronyms) keyed to the full name they stand for.

use crate::lang::en::{FlatFeatures, class, is, is_word_abbreviation, ner_features_into};
use crate::stages::Resources;
use crate::stages::mentions::{EntityKey, Mention};
use crate::stages::segment::Doc;
use crate::stages::tagger::Model;
use crate::{EntityKind, Span};
use std::borrow::Cow;

/// A word as the tagger was trained to see it (CoNLL tokenisation), with its original span.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub span: Span,
    pub text: Cow<'a, str>,
}

/// Words of one token range, CoNLL-style: acronyms (U.S.), abbreviations (Sen.), hyphenated words
/// and the possessive 's are single words; other punctuation stands alone.
pub fn words<'a>(doc: &Doc<'a>, range: std::ops::Range<usize>) -> Vec<Word<'a>> {
    let toks = &doc.tokens[range.clone()];
    let text = doc.text;
    let mut out: Vec<Word> = Vec::with_capacity(toks.len());
    let glued = |a: usize, b: usize| toks[a].span.end == toks[b].span.start;
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let mut end = i + 1;
        let t = toks[i].span.slice(text);
        if toks[i].is_word {
            loop {
                // word '-' word  /  letter '.' letter '.'  /  abbreviation '.'
                if end + 1 < toks.len() && glued(end - 1, end) && glued(end, end + 1) && toks[end + 1].is_word {
                    let p = toks[end].span.slice(text);
                    let prev = toks[end - 1].span.slice(text);
                    if matches!(p, "-" | "–" | "‐")
                        || (p == "."
                            && prev.chars().count() <= 2
                            && toks[end + 1].span.slice(text).chars().count() <= 2
                            && prev.chars().all(char::is_alphabetic))
                    {
                        end += 2;
                        continue;
                    }
                }
                break;
            }
            if end < toks.len() && glued(end - 1, end) && toks[end].span.slice(text) == "." {
                let last = toks[end - 1].span.slice(text);
                let lower = last.to_ascii_lowercase();
                let single_cap = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
                if end - start > 1 || single_cap || is_word_abbreviation(lower.as_str()) {
                    end += 1;
                }
            }
        } else if matches!(t, "'" | "’") && i + 1 < toks.len() && glued(i, i + 1) && matches!(toks[i + 1].span.slice(text), "s" | "S") {
            end = i + 2;
        }
        let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
        let s = span.slice(text);
        let text = if s.contains(['’', '‘', '“', '”', '–', '—']) {
            Cow::Owned(s.replace(['’', '‘'], "'").replace(['“', '”'], "\"").replace(['–', '—'], "-"))
        } else {
            Cow::Borrowed(s)
        };
        out.push(Word { span, text });
        i = end;
    }
    out
}

const TAG_KINDS: [Option<EntityKind>; 5] = [None, Some(EntityKind::Person), Some(EntityKind::Organization), Some(EntityKind::Place), None];
/// The tagger's fourth type: nationalities, events, titles of works (not scored, but it vetoes
/// gazetteer matches such as "U.S." in "U.S. Open").
const MISC_TYPE: u8 = 4;

/// Raw tagger spans over one sentence's words: (first word, end word, kind); MISC spans go to
/// `misc`.
fn tag_sentence(model: &Model, ws: &[Word], misc: &mut Vec<Span>) -> Vec<(usize, usize, EntityKind)> {
    let strs: Vec<&str> = ws.iter().map(|w| w.text.as_ref()).collect();
    let mut feats = FlatFeatures::default();
    ner_features_into(&strs, &mut feats);
    let tags = model.tag(&feats.rows());
    let mut out = Vec::new();
    let mut cur: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().chain(std::iter::once(&0)).enumerate() {
        let typ = t.div_ceil(2);
        if let Some((s, ty)) = cur
            && (t == 0 || t % 2 == 1 || typ != ty)
        {
            if let Some(k) = TAG_KINDS.get(ty as usize).copied().flatten() {
                out.push((s, i, k));
            } else if ty == MISC_TYPE {
                misc.push(Span::new(ws[s].span.start, ws[i - 1].span.end));
            }
            cur = None;
        }
        if t != 0 && cur.is_none() {
            cur = Some((i, typ));
        }
    }
    out
}

fn title_case(ws: &[Word]) -> bool {
    let inner = ws.iter().skip(1).filter(|w| is(w.text.as_ref(), class::TITLE_FUNCTION_WORD)).count();
    let lower = ws.iter().filter(|w| w.text.chars().next().is_some_and(char::is_lowercase)).count();
    inner >= 2 && lower <= 1
}

/// Joins a person's name around a particle, splits "Philadelphia's Union League" at the
/// possessive, drops faiths and party members.
fn clean_spans(ws: &[Word], spans: Vec<(usize, usize, EntityKind)>) -> Vec<(usize, usize, EntityKind)> {
    let mut out: Vec<(usize, usize, EntityKind)> = Vec::new();
    for (a, b, k) in spans {
        if let Some(last) = out.last_mut()
            && last.2 == EntityKind::Person
            && k == EntityKind::Person
            && last.1 + 1 == a
            && is(ws[last.1].text.as_ref(), class::NAME_PARTICLE)
        {
            last.1 = b;
            continue;
        }
        if let Some(p) = (a + 1..b.saturating_sub(1)).find(|&i| ws[i].text == "'s") {
            let left = if k == EntityKind::Person { EntityKind::Person } else { EntityKind::Place };
            out.push((a, p, left));
            out.push((p + 1, b, k));
            continue;
        }
        if b == a + 1 && is(ws[a].text.to_lowercase().as_str(), class::NOT_NAME) {
            continue;
        }
        // "Columbia University and the University of California": two organisations.
        if k == EntityKind::Organization
            && let Some(i) = (a + 1..b.saturating_sub(2)).find(|&i| ws[i].text == "and" && ws[i + 1].text == "the")
        {
            out.push((a, i, k));
            out.push((i + 2, b, k));
            continue;
        }
        let (mut a, mut k) = (a, k);
        // "Committee for a [Responsible Federal Budget]": the opener and its preposition join.
        let mut j = a;
        if j > 0 && matches!(ws[j - 1].text.as_ref(), "a" | "the") {
            j -= 1;
        }
        if j >= 2 && matches!(ws[j - 1].text.as_ref(), "of" | "for" | "on") && is(ws[j - 2].text.as_ref(), class::ORG_OPENER) {
            // The tagger may have taken the opener alone, or with its preposition ("[University
            // of] [California]": one organisation, not also a place).
            if out.last().is_some_and(|l| l.1 == j - 1 || l.1 == j && l.0 + 2 <= j) {
                out.pop();
            }
        }
        if j >= 2
            && matches!(ws[j - 1].text.as_ref(), "of" | "for" | "on")
            && is(ws[j - 2].text.as_ref(), class::ORG_OPENER)
            && out.last().is_none_or(|l| l.1 <= j - 2)
        {
            a = j - 2;
            while a > 0 && ws[a - 1].text.chars().next().is_some_and(char::is_uppercase) && out.last().is_none_or(|l| l.1 < a) && ws[a - 1].text.len() > 1 {
                a -= 1;
            }
            k = EntityKind::Organization;
        }
        if b - a >= 2 && is(ws[b - 1].text.to_lowercase().as_str(), class::ORG_HEAD) {
            k = EntityKind::Organization;
        }
        out.push((a, b, k));
    }
    out
}

fn acronym_of(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty() && !is(w.to_lowercase().as_str(), class::ACRONYM_STOP))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The linking key of a name: lower-case words, without "the" and dots.
fn key_of(name: &str) -> String {
    let k: String = name.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect();
    let k = k.trim();
    k.strip_prefix("the ").unwrap_or(k).to_string()
}

pub fn find(doc: &Doc, _res: &Resources, out: &mut Vec<Mention>) {
    let Some(model) = super::english().tagger.as_ref() else { return };
    let mut found: Vec<(Span, EntityKind)> = Vec::new();
    let mut all_words: Vec<Vec<Word>> = Vec::with_capacity(doc.sentences.len());
    let mut misc: Vec<Span> = Vec::new();
    for s in &doc.sentences {
        let ws = words(doc, s.tokens.clone());
        // A Title Case headline capitalises every word: its names are found by propagation
        // from the body instead.
        if title_case(&ws) && doc.sentences.len() > 1 {
            all_words.push(ws);
            continue;
        }
        for (a, b, kind) in clean_spans(&ws, tag_sentence(model, &ws, &mut misc)) {
            let (mut a, b) = (a, b);
            // "the" is never part of the name.
            while a < b && ws[a].text.eq_ignore_ascii_case("the") {
                a += 1;
            }
            if a < b {
                found.push((Span::new(ws[a].span.start, ws[b - 1].span.end), kind));
            }
        }
        all_words.push(ws);
    }
    described_organisations(doc, &mut found);
    propagate(doc, &all_words, &mut found);
    quantities_and_equipment(&all_words, &mut found);
    // The tagger sees context, the gazetteer only strings: a gazetteer place inside a tagged
    // person or organisation goes; a tagged place on the very span of a gazetteer place defers to it.
    // "the" stays out of place names too; a gazetteer match inside a MISC name (U.S. Open) goes.
    for g in out.iter_mut() {
        let t = g.span.slice(doc.text);
        if t.len() > 4 && t.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("the ")) {
            g.span.start += 4;
        }
    }
    let misc_set = crate::SpanSet::new(misc.iter().copied());
    out.retain(|g| !misc_set.overlaps_any(g.span));
    // A country or region tagged as a person ("Nevada said") is the place; a town that is also
    // a surname (Clinton, Dole) stays the person.
    let wide_places: rustc_hash::FxHashSet<Span> =
        out.iter().filter(|g| g.geo.as_ref().is_some_and(|x| matches!(x.kind, crate::GeoKind::Country | crate::GeoKind::Region))).map(|g| g.span).collect();
    found.retain(|(sp, k)| !(*k == EntityKind::Person && wide_places.contains(sp)));
    let not_places = crate::SpanSet::new(found.iter().filter(|(_, k)| *k != EntityKind::Place).map(|(sp, _)| *sp));
    out.retain(|g| !not_places.overlaps_any(g.span));
    // A place inside a longer tagged name ("Texas" in "Texas Tech") is part of that name.
    let tagged = crate::SpanSet::new(found.iter().map(|(sp, _)| *sp));
    out.retain(|g| !tagged.overlapping(g.span).any(|t| t.contains(g.span) && t.len() > g.span.len()));
    // "Columbia" in an article about Columbia University is the university, not the place.
    let institutions: Vec<&str> =
        found.iter().filter(|(_, k)| *k == EntityKind::Organization).filter_map(|(sp, _)| institution_short_name(sp.slice(doc.text))).collect();
    let (short_forms, places): (Vec<Mention>, Vec<Mention>) = out.drain(..).partition(|g| institutions.contains(&g.span.slice(doc.text)));
    *out = places;
    for (sp, k) in found.iter_mut() {
        if *k == EntityKind::Place && institutions.contains(&sp.slice(doc.text)) {
            *k = EntityKind::Organization;
        }
    }
    let tagged_spans: Vec<Span> = found.iter().map(|(sp, _)| *sp).collect();
    found.extend(short_forms.into_iter().filter(|g| !tagged_spans.contains(&g.span)).map(|g| (g.span, EntityKind::Organization)));
    let gazetteer_spans = crate::SpanSet::new(out.iter().map(|g| g.span));
    found.retain(|(sp, _)| !gazetteer_spans.overlapping(*sp).any(|g| g.contains(*sp)));
    let mut mentions: Vec<Mention> = found
        .into_iter()
        .map(|(span, kind)| {
            let name = span.slice(doc.text);
            Mention { span, kind, key: EntityKey::Name(key_of(name)), name_en: None, geo: None }
        })
        .collect();
    mentions.extend(out.drain(..));
    crate::sort::by_key(&mut mentions, |m| m.span.start);
    unify(doc, &mut mentions);
    out.extend(mentions);
}

/// A name the article describes as an organisation in an apposition ("Climate Central, a
/// research group based in Princeton, said") is one wherever it appears, whatever the tagger
/// took it for: the head of the description decides ("a campaign manager" is a person).
fn described_organisations(doc: &Doc, found: &mut [(Span, EntityKind)]) {
    let mut names: Vec<&str> = Vec::new();
    for (sp, k) in found.iter() {
        if *k != EntityKind::Person {
            continue;
        }
        let i = doc.token_at_or_after(sp.end);
        if !(i + 2 < doc.tokens.len() && doc.ftok(i) == "," && matches!(doc.ftok(i + 1), "a" | "an" | "the")) {
            continue;
        }
        let sentence = doc.tokens[i].sentence;
        let mut j = i + 2;
        while j < (i + 8).min(doc.tokens.len())
            && doc.tokens[j].sentence == sentence
            && doc.tokens[j].is_word
            && !is(doc.ftok(j), class::NP_BREAK)
            && !is(doc.ftok(j), class::PREPOSITION)
            && doc.ftok(j) != "based"
        {
            j += 1;
        }
        let head = doc.ftok(j - 1);
        // The description ends there ("…, a research group based in Princeton, said"); "…, the
        // ministry said" is another clause.
        let closed = j < doc.tokens.len() && (matches!(doc.ftok(j), "," | "." | ";" | ")" | "based" | "that" | "which") || is(doc.ftok(j), class::PREPOSITION));
        if j > i + 2 && closed && (is(head, class::ORG_HEAD) || is(head, class::ORG_NOUN)) {
            names.push(sp.slice(doc.text));
        }
    }
    for (sp, k) in found.iter_mut() {
        if *k == EntityKind::Person && names.contains(&sp.slice(doc.text)) {
            *k = EntityKind::Organization;
        }
    }
}

/// "Columbia" of "Columbia University": an institution named by a place and its head.
fn institution_short_name(name: &str) -> Option<&str> {
    let (short, head) = name.rsplit_once(' ')?;
    is(head.to_lowercase().as_str(), class::INSTITUTION_HEAD).then_some(short)
}

/// A name tagged once is the same name elsewhere in the article: the tagger misses some
/// occurrences (a surname opening a sentence, a name in a short line), so every other
/// capitalised occurrence of a tagged name, word for word, becomes a mention of the same kind.
fn propagate(doc: &Doc, all_words: &[Vec<Word>], found: &mut Vec<(Span, EntityKind)>) {
    let mut names: Vec<(Vec<&str>, EntityKind)> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<Vec<&str>> = rustc_hash::FxHashSet::default();
    let flat: Vec<&Word> = all_words.iter().flatten().collect();
    for (sp, kind) in found.iter() {
        let n = sp.slice(doc.text);
        if n.chars().count() < 2 || !n.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let first = flat.partition_point(|w| w.span.start < sp.start);
        let ws: Vec<&str> = flat[first..].iter().take_while(|w| w.span.end <= sp.end).map(|w| w.text.as_ref()).collect();
        if !ws.is_empty() && seen.insert(ws.clone()) {
            names.push((ws, *kind));
        }
    }
    crate::sort::by_key(&mut names, |(w, _)| std::cmp::Reverse(w.len()));
    // Names by first word, longest first, so each word costs one hash lookup.
    let mut by_first: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (k, (n, _)) in names.iter().enumerate() {
        by_first.entry(n[0]).or_default().push(k);
    }
    let found_set = crate::SpanSet::new(found.iter().map(|(f, _)| *f));
    let mut added = Vec::new();
    for ws in all_words {
        let mut i = 0;
        while i < ws.len() {
            let hit = by_first.get(ws[i].text.as_ref()).and_then(|cands| {
                cands.iter().map(|&k| &names[k]).find(|(n, _)| i + n.len() <= ws.len() && n.iter().zip(&ws[i..]).all(|(a, b)| *a == b.text.as_ref()))
            });
            if let Some((n, kind)) = hit {
                let span = Span::new(ws[i].span.start, ws[i + n.len() - 1].span.end);
                if !found_set.overlaps_any(span) {
                    added.push((span, *kind));
                }
                i += n.len();
            } else {
                i += 1;
            }
        }
    }
    found.extend(added);
}

/// Amounts ("$150 billion", "5,000 troops", "40 percent") and model designations of weapons
/// and aircraft ("F-16", "S-400", "Su-24"), which the tagger does not cover.
fn quantities_and_equipment(all_words: &[Vec<Word>], found: &mut Vec<(Span, EntityKind)>) {
    let is_num = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    let mut add = Vec::new();
    for ws in all_words {
        let mut i = 0;
        while i < ws.len() {
            let w = ws[i].text.as_ref();
            let dollar = w == "$" && i + 1 < ws.len() && is_num(&ws[i + 1].text);
            let start = i;
            let mut k = if dollar { i + 1 } else { i };
            let t = ws[k].text.as_ref();
            if is_num(t) || is(lower(t).as_ref(), class::NUMBER_WORD) {
                k += 1;
                while k < ws.len() && is(ws[k].text.as_ref(), class::SCALE) {
                    k += 1;
                }
                if k < ws.len() && ws[k].text == "of" && ws[k - 1].text.ends_with('s') && !is_num(&ws[k - 1].text) {
                    k += 1;
                }
                let counted = k < ws.len() && is(lower(&ws[k].text).as_ref(), class::COUNTED);
                if dollar || counted {
                    let end = if counted { k + 1 } else { k };
                    add.push((Span::new(ws[start].span.start, ws[end - 1].span.end), EntityKind::Quantity));
                    i = end;
                    continue;
                }
            }
            // F-16, S-400, Su-24, MQ-9 (not years or scores: letters first, a short number after).
            if let Some((head, num)) = w.split_once('-')
                && (1..=3).contains(&head.len())
                && head.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && head.chars().all(|c| c.is_ascii_alphabetic())
                && (1..=4).contains(&num.trim_end_matches(|c: char| c.is_ascii_uppercase()).len())
                && num.chars().next().is_some_and(|c| c.is_ascii_digit())
                && num.chars().all(|c| c.is_ascii_alphanumeric())
            {
                add.push((ws[i].span, EntityKind::Equipment));
            }
            i += 1;
        }
    }
    let found_set = crate::SpanSet::new(found.iter().map(|(f, _)| *f));
    add.retain(|(sp, _)| !found_set.overlaps_any(*sp));
    found.extend(add);
}

/// The word lower-cased, copied only when it changes (most words are ASCII without capitals).
fn lower(w: &str) -> Cow<'_, str> {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Borrowed(w) } else { Cow::Owned(w.to_lowercase()) }
}

/// One kind and one key per real-world thing: short forms take the key of the full name they
/// abbreviate; every name gets the kind most of its mentions were tagged with.
fn unify(doc: &Doc, ms: &mut [Mention]) {
    let names: Vec<String> = ms.iter().map(|m| m.span.slice(doc.text).replace('’', "'")).collect();
    // Full names, longest first, as candidates for short forms.
    let mut full: Vec<usize> = (0..ms.len()).filter(|&i| names[i].contains(' ')).collect();
    crate::sort::by_key(&mut full, |&i| std::cmp::Reverse(names[i].len()));
    full.dedup_by(|a, b| names[*a] == names[*b] && ms[*a].kind == ms[*b].kind);
    let full_words: Vec<Vec<&str>> = (0..ms.len()).map(|i| if names[i].contains(' ') { names[i].split(' ').collect() } else { Vec::new() }).collect();
    let acronyms: Vec<String> =
        (0..ms.len()).map(|i| if names[i].contains(' ') && ms[i].kind == EntityKind::Organization { acronym_of(&names[i]) } else { String::new() }).collect();
    for i in 0..ms.len() {
        if ms[i].geo.is_some() {
            continue;
        }
        let n = &names[i];
        let single = !n.contains(' ');
        let target = full.iter().copied().find(|&j| {
            if j == i || ms[j].key == ms[i].key {
                return false;
            }
            let fj = &names[j];
            let fwords = &full_words[j];
            match ms[j].kind {
                // Surname (McCain -> Cindy McCain), or a shorter tail (Hillary Clinton -> Clinton).
                EntityKind::Person => {
                    (single && (fwords.last() == Some(&n.as_str()) || (fwords.len() == 2 && fwords[0] == n && ms[i].kind == EntityKind::Person)))
                        || (!single && fj.len() > n.len() && fj.ends_with(n.as_str()) && fj.as_bytes()[fj.len() - n.len() - 1] == b' ')
                }
                // "the Post" after "The Washington Post"; "UN" after "United Nations".
                EntityKind::Organization => {
                    (ms[i].kind == EntityKind::Organization
                        && single
                        && fwords.len() >= 2
                        && fwords.last() == Some(&n.as_str())
                        && n.chars().next().is_some_and(char::is_uppercase))
                        || (ms[i].kind == EntityKind::Organization && institution_short_name(fj) == Some(n.as_str()))
                        || (single && n.len() >= 2 && n.len() <= 12 && n.chars().all(|c| c.is_uppercase() || c == '.') && {
                            let acr = n.replace('.', "");
                            acr.len() >= 2 && acronyms[j] == acr
                        })
                }
                _ => false,
            }
        });
        if let Some(j) = target {
            ms[i].key = ms[j].key.clone();
            ms[i].kind = ms[j].kind;
        }
    }
    // Acronym introduced in brackets, then the full name: both directions handled above only when
    // the full name has a space; a majority vote settles the kind of every key.
    let mut votes: rustc_hash::FxHashMap<&EntityKey, [usize; 6]> = rustc_hash::FxHashMap::default();
    for m in ms.iter() {
        let v = votes.entry(&m.key).or_default();
        v[m.kind as usize] += 1 + if m.geo.is_some() { 2 } else { 0 };
    }
    let winners: rustc_hash::FxHashMap<EntityKey, EntityKind> = votes
        .into_iter()
        .map(|(k, v)| {
            let best = (0..6).max_by_key(|&i| (v[i], std::cmp::Reverse(i))).unwrap_or(0);
            (k.clone(), EntityKind::ALL[best])
        })
        .collect();
    for m in ms.iter_mut() {
        if let Some(&k) = winners.get(&m.key) {
            m.kind = k;
        }
    }
    // English names are their own English names: the fullest form of each key.
    let mut longest: rustc_hash::FxHashMap<EntityKey, String> = rustc_hash::FxHashMap::default();
    for (m, n) in ms.iter().zip(&names) {
        let e = longest.entry(m.key.clone()).or_default();
        if n.len() > e.len() {
            *e = n.clone();
        }
    }
    for m in ms.iter_mut() {
        if m.name_en.is_none() {
            m.name_en = longest.get(&m.key).cloned();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Analysis, EntityKind, Lang, Options, analyze};

    fn run(text: &str) -> Analysis {
        analyze(text, &Options { lang: Some(Lang::En), date: None })
    }

    fn names(a: &Analysis, kind: EntityKind) -> Vec<String> {
        a.entities.iter().filter(|e| e.kind == kind).map(|e| e.name.clone()).collect()
    }

    #[test]
    fn words_follow_conll_tokenisation() {
        let doc = crate::stages::segment::Doc::new("Sen. John McCain's pro-Western U.S. policy, he said.", Lang::En);
        let ws: Vec<String> = super::words(&doc, 0..doc.tokens.len()).into_iter().map(|w| w.text.into_owned()).collect();
        assert_eq!(ws, ["Sen.", "John", "McCain", "'s", "pro-Western", "U.S.", "policy", ",", "he", "said", "."]);
    }

    #[test]
    fn people_organisations_places() {
        let a = run("German Chancellor Angela Merkel met officials of the European Commission in Brussels on Monday.");
        assert!(names(&a, EntityKind::Person).contains(&"Angela Merkel".to_string()));
        assert!(names(&a, EntityKind::Organization).contains(&"European Commission".to_string()));
        assert!(names(&a, EntityKind::Place).contains(&"Brussels".to_string()));
    }

    #[test]
    fn possessive_and_the_stay_out_of_names() {
        let a = run("The United Nations criticised Sudan's government.");
        let all: Vec<String> = a.entities.iter().map(|e| e.name.clone()).collect();
        assert!(all.contains(&"United Nations".to_string()), "{all:?}");
        assert!(all.contains(&"Sudan".to_string()), "{all:?}");
    }

    #[test]
    fn surname_links_to_full_name() {
        let a = run("Cindy McCain spoke in Phoenix on Tuesday. McCain said the campaign would go on.");
        let p: Vec<_> = a.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].mentions.len(), 2);
        assert_eq!(p[0].name_en.as_deref(), Some("Cindy McCain"));
    }

    #[test]
    fn acronym_and_short_form_link_to_organisation() {
        let a = run("The Washington Post reported the story first. The Post said the United Nations and the UN agencies agreed.");
        let orgs: Vec<_> = a.entities.iter().filter(|e| e.kind == EntityKind::Organization).collect();
        let post = orgs.iter().find(|e| e.name == "Washington Post").expect("Washington Post");
        assert_eq!(post.mentions.len(), 2, "{orgs:?}");
        let un = orgs.iter().find(|e| e.name == "United Nations").expect("United Nations");
        assert_eq!(un.mentions.len(), 2, "{orgs:?}");
    }
}

#[cfg(test)]
mod cleanup_tests {
    use crate::{EntityKind, Lang, Options, analyze};

    fn ents(text: &str) -> Vec<(EntityKind, String)> {
        let a = analyze(text, &Options { lang: Some(Lang::En), date: None });
        a.entities.iter().map(|e| (e.kind, e.name.clone())).collect()
    }

    #[test]
    fn title_case_headline_names_come_from_the_body() {
        let e = ents("Senator Slams The Plan On Her Way To The Summit\nSenator Maria Lopez criticised the plan in Madrid.");
        assert!(e.iter().all(|(_, n)| !n.contains("Slams") && !n.contains("Summit")), "{e:?}");
    }

    #[test]
    fn particles_join_person_names() {
        let e = ents("Officials said Osama bin Laden had fled.");
        assert!(e.contains(&(EntityKind::Person, "Osama bin Laden".to_string())), "{e:?}");
    }

    #[test]
    fn organisation_heads_and_openers() {
        let e = ents("A report by the Committee for a Responsible Federal Budget said the Air Force would pay.");
        assert!(e.contains(&(EntityKind::Organization, "Committee for a Responsible Federal Budget".to_string())), "{e:?}");
        assert!(e.contains(&(EntityKind::Organization, "Air Force".to_string())), "{e:?}");
    }

    #[test]
    fn invisible_marks_inside_names_do_not_break_offsets() {
        for t in ["WA\u{200e}SHINGTON officials said.", "the U.\u{200f}S. army", "Gen\u{200b}eva talks", "WASـHINGTON —", "She said so."] {
            let a = analyze(t, &Options { lang: Some(Lang::En), date: crate::parse_date("2020-01-01").ok() });
            for e in &a.entities {
                for m in &e.mentions {
                    assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
                }
            }
        }
    }

    #[test]
    fn amounts_and_weapon_designations() {
        let e = ents("The plan would cost $150 billion and send 5,000 troops with F-16 jets, officials said.");
        assert!(e.contains(&(EntityKind::Quantity, "$150 billion".to_string())), "{e:?}");
        assert!(e.contains(&(EntityKind::Quantity, "5,000 troops".to_string())), "{e:?}");
        assert!(e.contains(&(EntityKind::Equipment, "F-16".to_string())), "{e:?}");
    }

    #[test]
    fn an_institution_named_by_a_place_is_one_organisation() {
        let e = ents("Scientists at Columbia University and the University of California studied it. A spokesman for Columbia declined to comment.");
        assert!(e.contains(&(EntityKind::Organization, "Columbia University".to_string())), "{e:?}");
        assert!(e.contains(&(EntityKind::Organization, "University of California".to_string())), "{e:?}");
        assert!(!e.iter().any(|(k, _)| *k == EntityKind::Place), "{e:?}");
        let a = analyze(
            "Scientists at Columbia University studied it. A spokesman for Columbia declined to comment.",
            &Options { lang: Some(Lang::En), date: None },
        );
        assert_eq!(a.entities.iter().filter(|e| e.kind == EntityKind::Organization).count(), 1, "{:?}", a.entities);
    }

    #[test]
    fn a_name_described_as_a_group_is_an_organisation() {
        let e =
            ents("Climate Central, a research group based in Princeton, said the year was the hottest on record. Climate Central also found that seas rose.");
        assert!(e.iter().filter(|x| x.1 == "Climate Central").all(|x| x.0 == EntityKind::Organization), "{e:?}");
        let e = ents("John Smith, a campaign manager, said the race was close.");
        assert!(e.contains(&(EntityKind::Person, "John Smith".to_string())), "{e:?}");
    }

    #[test]
    fn faiths_are_not_entities() {
        let e = ents("Muslims and Christians prayed together.");
        assert!(e.is_empty(), "{e:?}");
    }
}
