//! Arabic rules for the statements stage: reporting verbs in every form (VSO and SVO), the
//! complementiser or quotation that opens the content, reporting frames (حسب قول، بحسب، وفقا لـ،
//! جاء فيه), direct quotes «…» with nesting, and speakers carried over for وأضاف/مضيفا.

use crate::lang::WordClass;
use crate::lang::ar::clitics::{self, BI, LI, without_wa};
use crate::lang::ar::{Arabic, arabic, class};
use crate::stages::link::Linked;
use crate::stages::segment::Doc;
use crate::{EntityKind, Span, Statement, TimeExpr};

fn is_complementiser(w: &str) -> bool {
    is(w, class::COMPLEMENTISER)
}

/// Verbs whose content is their object rather than a clause (دعت روسيا الولايات المتحدة إلى …).
fn is_call_verb(w: &str) -> bool {
    is(without_wa(w), class::CALL)
}

fn is_inform_verb(w: &str) -> bool {
    is(without_wa(w), class::INFORM)
}

/// "It is said / it is noted that": the author's aside, never someone's statement.
fn is_impersonal(w: &str) -> bool {
    is(without_wa(w), class::IMPERSONAL)
}

/// Participles continue the current speaker's statement (مضيفا، موضحا، مؤكدا).
fn is_participle(w: &str) -> bool {
    let w = without_wa(w);
    let words = &arabic().words;
    let pattern = words.list(class::PARTICIPLE_PREFIX).iter().any(|p| w.starts_with(p.as_str())) && words.list(class::PARTICIPLE_ENDING).iter().any(|e| w.ends_with(e.as_str()));
    pattern && w.chars().count() >= 5 || words.is(w, class::PARTICIPLE)
}

/// Continuation verbs carry the previous speaker when no subject is given.
fn is_continuation(w: &str) -> bool {
    is(clitics::peel(w, clitics::CONJUNCTIONS, 0).1, class::CONTINUE)
}

/// Nouns that name an unnamed source (مصدر، مسؤول، مصادر، بيان): such a phrase can be a speaker.
fn is_source_noun(w: &str) -> bool {
    is(clitics::without_article(without_wa(w)), class::SOURCE_NOUN)
}

/// A folded word of a class of `data/lang/ar/words.tsv`.
fn is(w: &str, c: WordClass) -> bool {
    arabic().words.is(w, c)
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    ar: &'static Arabic,
    /// (span, entity index), sorted by start.
    mentions: Vec<(Span, usize)>,
    entities: &'d [Linked],
    close: Vec<Option<usize>>,
}

impl Ctx<'_, '_> {
    fn w(&self, i: usize) -> &str {
        if i < self.doc.tokens.len() { self.doc.ftok(i) } else { "" }
    }
    /// Whether token i is a word of a class.
    fn is(&self, i: usize, c: WordClass) -> bool {
        self.ar.words.is(self.w(i), c)
    }
    fn sent(&self, i: usize) -> usize {
        self.doc.tokens[i].sentence
    }
    fn sentence_end(&self, i: usize) -> usize {
        self.doc.sentences[self.sent(i)].tokens.end
    }
    fn sentence_start(&self, i: usize) -> usize {
        self.doc.sentences[self.sent(i)].tokens.start
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.doc.tokens[a].span.start, self.doc.tokens[b - 1].span.end)
    }
    /// The entity mentioned within tokens [a, b): a person first, then the mention that opens the phrase.
    fn entity_in(&self, a: usize, b: usize) -> Option<usize> {
        if a >= b {
            return None;
        }
        let sp = self.span(a, b);
        // Mentions that start inside the phrase (a long name may run past a cut: المرصد السوري لحقوق …).
        let inside: Vec<&(Span, usize)> = self.mentions.iter().filter(|(m, _)| m.start >= sp.start && m.start < sp.end).collect();
        let kind = |e: usize| self.entities[e].entity.kind;
        if let Some((_, e)) = inside.iter().find(|(_, e)| kind(*e) == EntityKind::Person) {
            return Some(*e);
        }
        // An organisation or country speaks when it opens the phrase (الكرملين, روسيا), not when it
        // follows a role (مدير هيئة …).
        let first_word = self.doc.tokens[a].span;
        inside
            .iter()
            .find(|(m, e)| matches!(kind(*e), EntityKind::Organization | EntityKind::Place) && m.start < first_word.end)
            .map(|(_, e)| *e)
    }
}

/// Trims a speaker phrase to its nominal core: no leading pronoun-prepositions, times, commas.
fn trim_speaker(c: &Ctx, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let junk = |w: &str| !c.doc.tokens.is_empty() && c.ar.words.is(w, class::SPEAKER_EDGE);
    while a < b && junk(c.w(a)) {
        a += 1;
    }
    while b > a && junk(c.w(b - 1)) {
        b -= 1;
    }
    (a < b && b - a <= 10).then_some((a, b))
}

/// The speaker phrase after a verb (VSO): up to the first preposition, comma or time word.
fn speaker_after(c: &Ctx, v: usize, until: usize) -> Option<(usize, usize)> {
    let mut a = v + 1;
    // Addressee and pronoun objects right after the verb: قال له بوتين, قال لـ«الشرق الأوسط».
    while a < until && c.is(a, class::AFTER_VERB) {
        a += 1;
    }
    // An addressee (لوكالة رويترز، للصحافيين) is not the speaker; a name that starts with ل is.
    if a < until && c.w(a).starts_with(LI) && !c.mentions.iter().any(|(m, _)| m.start == c.doc.tokens[a].span.start) {
        return None;
    }
    let mut b = a;
    while b < until {
        let w = c.w(b);
        // A name in quotation marks inside the phrase: أمين عام «الائتلاف», مصادر في «الجيش الحر».
        if w == "«"
            && let Some(cl) = c.close[b].filter(|&cl| cl < until && cl <= b + 6)
        {
            b = cl + 1;
            continue;
        }
        // مصادر في الجيش، مسؤول في الوزارة، مصدر من الحركة: the source's affiliation belongs to it.
        if c.ar.words.is(w, class::AFFILIATION) && b > a && b - a <= 3 && (a..b).any(|k| is_source_noun(c.w(k))) && b + 1 < until {
            let nxt = b + 1;
            if c.w(nxt) == "«" {
                if let Some(cl) = c.close[nxt].filter(|&cl| cl < until && cl <= nxt + 6) {
                    b = cl + 1;
                    continue;
                }
            } else if let Some((m, _)) = c.mentions.iter().find(|(m, _)| m.start >= c.doc.tokens[nxt].span.start && m.start < c.doc.tokens[nxt].span.end) {
                let end_tok = c.doc.token_at_or_after(m.end);
                if end_tok <= until {
                    b = end_tok;
                    continue;
                }
            }
        }
        let stop = c.ar.words.is(w, class::SPEAKER_END)
            || c.ar.weekday(w).is_some()
            || (b > a && w.starts_with(LI) && !c.is(b - 1, class::ROLE_LINK));
        if stop {
            break;
        }
        b += 1;
    }
    trim_speaker(c, a, b)
}

/// The speaker phrase before a verb (SVO): back to a clause boundary.
fn speaker_before(c: &Ctx, v: usize) -> Option<(usize, usize)> {
    let start = c.sentence_start(v);
    let mut a = v;
    while a > start && v - a < 6 {
        let w = c.w(a - 1);
        if c.ar.words.is(w, class::CLAUSE_BOUNDARY) || is_complementiser(w) || c.ar.is_speech_verb(w) {
            break;
        }
        a -= 1;
    }
    // Auxiliaries between subject and verb: "وكان الوزير قد قال".
    let b = v;
    let (a, b) = trim_speaker(c, a, b)?;
    // The phrase must name someone: an entity, or a source noun (مسؤول، مصدر).
    let has_entity = c.entity_in(a, b).is_some();
    let has_source = (a..b).any(|k| is_source_noun(c.w(k)) || c.ar.is_title(c.w(k)));
    (has_entity || has_source).then_some((a, b))
}

/// One found speech act before dating.
struct Found {
    cue: Span,
    content: Span,
    content_tok: (usize, usize),
    direct: bool,
    speaker: Option<usize>,
    speaker_span: Option<Span>,
    /// The token where the act starts (for ordering and for cutting the previous content).
    at: usize,
}

pub fn find(doc: &Doc, entities: &[Linked], _times: &[TimeExpr]) -> Vec<Statement> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let mut mentions: Vec<(Span, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.entity.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place))
        .flat_map(|(k, l)| l.entity.mentions.iter().map(move |&m| (m, k)))
        .collect();
    mentions.sort_by_key(|(m, _)| m.start);
    let c = Ctx { doc, ar: arabic(), mentions, entities, close: crate::stages::statements::quote_pairs(doc) };
    let n = doc.tokens.len();

    // Tokens inside a direct quote: cues there are quoted speech, not the article's.
    let mut in_quote = vec![false; n];
    for (o, cl) in c.close.iter().enumerate() {
        if let Some(cl) = *cl
            && cl > o + 3
        {
            for q in in_quote.iter_mut().take(cl).skip(o + 1) {
                *q = true;
            }
        }
    }

    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < n {
        if in_quote[i] {
            i += 1;
            continue;
        }
        let w = c.w(i);
        if let Some(f) = verb_statement(&c, i, &found).or_else(|| frame_statement(&c, i)) {
            i = f.content_tok.0.max(i + 1);
            found.push(f);
            continue;
        }
        let _ = w;
        i += 1;
    }
    // Contents end where the next speech act begins.
    for k in 0..found.len() {
        if k + 1 < found.len() && !found[k].direct {
            let next = found[k + 1].at;
            let (a, b) = found[k].content_tok;
            if next > a && next < b {
                let mut e = next;
                while e > a + 1 && c.is(e - 1, class::JOINT) {
                    e -= 1;
                }
                found[k].content_tok.1 = e;
                found[k].content = c.span(a, e);
            }
        }
    }
    found
        .into_iter()
        .filter(|f| !f.content.is_empty())
        .map(|f| Statement {
            speaker: f.speaker.map(|e| entities[e].entity.id.clone()),
            speaker_span: f.speaker_span,
            cue: Some(f.cue),
            content: f.content,
            direct: f.direct,
            date: None,
        })
        .collect()
}

/// The content that opens at token k: a quotation (direct) or a clause to the sentence end.
fn content_from(c: &Ctx, k: usize) -> Option<((usize, usize), bool)> {
    let n = c.doc.tokens.len();
    if k >= n {
        return None;
    }
    if let Some(cl) = c.close[k] {
        return (cl > k + 1).then_some(((k + 1, cl), true));
    }
    // Content clause: to the end of the sentence, keeping a closing quote of a nested name.
    let mut end = c.sentence_end(k);
    // A contrastive or circumstantial clause after a comma is the author's again (، إلا أن …).
    if let Some(cut) = (k + 2..end).find(|&j| c.is(j - 1, class::COMMA) && c.is(j, class::CONTRAST)) {
        end = cut;
    }
    while end > k && c.is(end - 1, class::CONTENT_END) {
        end -= 1;
    }
    (end > k).then_some(((k, end), false))
}

fn verb_statement(c: &Ctx, v: usize, found: &[Found]) -> Option<Found> {
    let w = c.w(v);
    let conj = c.ar.speech_prefix(w)?;
    let n = c.doc.tokens.len();
    let send = c.sentence_end(v);
    // Where the content opens: a complementiser, a colon, a quotation, or على «…».
    let mut k = v + 1;
    let limit = (v + 16).min(send);
    let mut open = None;
    while k < limit {
        let t = c.w(k);
        // بعد أن، قبل أن، إلا أن: a subordinate or contrastive clause, not what was said.
        if is_complementiser(t) && c.is(k - 1, class::SUBORDINATOR) {
            break;
        }
        if is_complementiser(t) {
            // The content opens after the complementiser; when a paired quotation follows it
            // (مضيفا أن «…»), `content_from` takes the quotation as the (direct) content.
            open = Some((k, k + 1));
            break;
        }
        if t == ":" {
            open = Some((k, k + 1));
            break;
        }
        if matches!(t, "«" | "\"" | "“")
            && let Some(cl) = c.close[k]
        {
            // A quotation opens the content; a short name in quotation marks is part of the frame.
            if cl > k + 5 {
                open = Some((k, k));
                break;
            }
            k = cl + 1;
            continue;
        }
        // أفادت الوكالة بمغادرة …: the content is a ب-led verbal noun after the speaker.
        if k > v + 1 && is_inform_verb(w) && t.starts_with(BI) && !t.starts_with(clitics::BI_ANNA) && !c.is(k - 1, class::ROLE_LINK) && !c.mentions.iter().any(|(m, _)| m.start == c.doc.tokens[k].span.start) {
            open = Some((k - 1, k));
            break;
        }
        if c.ar.is_speech_verb(t) && k > v + 1 {
            break;
        }
        k += 1;
    }
    let call = is_call_verb(w) && !open.is_some_and(|(k, _)| c.w(k) == ":" || c.w(k) == "«");
    let (cue_end, content_at) = match open {
        Some(o) if !call => o,
        _ => {
            if call && let Some(f) = call_statement(c, v, conj, limit) {
                return Some(f);
            }
            open?
        }
    };
    let mut at = content_at;
    // The opening quotation of a complement (أن «…»).
    if at < n && matches!(c.w(at), "«" | "\"" | "“") && c.close[at].is_none() {
        at += 1;
    }
    let ((a, b), direct) = content_from(c, at)?;
    if b - a < 2 {
        return None;
    }
    // The speaker: after the verb (VSO), else before it (SVO), else carried over.
    let participle = is_participle(w);
    let continuation = is_continuation(w);
    let mut speaker = None;
    let mut speaker_span = None;
    // نقلت الوكالة عن مصدر عسكري أن …: the source after عن is the speaker.
    let relay = is(without_wa(w), class::RELAY);
    let from = if relay { (v + 1..cue_end).find(|&k| c.is(k, class::FROM)).unwrap_or(v) } else { v };
    if relay && from == v {
        return None;
    }
    if is_impersonal(w) {
        return None;
    }
    if !participle
        && let Some((sa, sb)) = speaker_after(c, from, cue_end)
    {
        speaker = c.entity_in(sa, sb);
        speaker_span = Some(c.span(sa, sb));
    }
    if speaker_span.is_none()
        && !participle
        && !continuation
        && let Some((sa, sb)) = speaker_before(c, v)
    {
        speaker = c.entity_in(sa, sb);
        speaker_span = Some(c.span(sa, sb));
    }
    if speaker_span.is_none()
        && let Some(prev) = found.last()
        && c.sent(prev.at) + 3 >= c.sent(v)
    {
        speaker = prev.speaker;
        speaker_span = prev.speaker_span;
    }
    // A cue with neither speaker nor quotation is usually not reported speech (ذكر أن ... in prose).
    if speaker_span.is_none() && !direct {
        return None;
    }
    let cue_last = if cue_end > v && is_complementiser(c.w(cue_end)) { cue_end } else { v };
    let mut cue = c.span(v, cue_last + 1);
    cue.start = c.doc.folded.orig(c.doc.tokens[v].fstart + conj);
    if cue_last > v + 1 && cue_last - v > 3 {
        cue = c.doc.folded.orig_span(c.doc.tokens[v].fstart + conj, c.doc.tokens[v].fend);
    }
    Some(Found { cue, content: c.span(a, b), content_tok: (a, b), direct, speaker, speaker_span, at: v })
}

/// دعت روسيا الولايات المتحدة إلى تعاون: the speaker right after the verb, then the content.
fn call_statement(c: &Ctx, v: usize, conj: usize, limit: usize) -> Option<Found> {
    // دعت روسيا الولايات المتحدة إلى تعاون: the speaker right after the verb, then the content.
    let (sa, sb) = speaker_after(c, v, limit)?;
    let e = c.entity_in(sa, sb)?;
    let sp = c.span(sa, sb);
    let end_of_speaker = c.mentions.iter().find(|(m, x)| *x == e && m.start >= sp.start && m.start < sp.end).map(|(m, _)| m.end)?;
    let kk = c.doc.token_at_or_after(end_of_speaker);
    let ((a, b), direct) = content_from(c, kk)?;
    Some(Found {
        cue: c.doc.folded.orig_span(c.doc.tokens[v].fstart + conj, c.doc.tokens[v].fend),
        content: c.span(a, b),
        content_tok: (a, b),
        direct,
        speaker: Some(e),
        speaker_span: Some(Span::new(c.doc.tokens[sa].span.start, end_of_speaker)),
        at: v,
    })
}

/// Reporting frames: حسب قول X، … / بحسب X / وفقا لـ X / نقلا عن X / جاء فيه: «…».
fn frame_statement(c: &Ctx, i: usize) -> Option<Found> {
    let w = c.w(i);
    let bare = clitics::peel(w, &[clitics::WA], 2).1;
    let frame = |k| c.ar.words.is(bare, k);
    let (cue_end, speaker_from) = match () {
        _ if frame(class::ACCORDING) && c.is(i + 1, class::SAYING) => (i + 2, i + 2),
        _ if frame(class::ACCORDING) => (i + 1, i + 1),
        _ if frame(class::ACCORDING_TO) && c.w(i + 1).starts_with(LI) => (i + 1, i + 1),
        _ if frame(class::QUOTING) && c.is(i + 1, class::FROM) => (i + 2, i + 2),
        _ if frame(class::PUBLISHED) && c.is(i + 1, class::IN_IT) => {
            // The institution that issued the text is the sentence's first named subject.
            let s = c.sentence_start(i);
            let (a, b) = content_from(c, (i + 2..(i + 5).min(c.doc.tokens.len())).find(|&k| matches!(c.w(k), "«" | "\"")).unwrap_or(if c.w(i + 2) == ":" { i + 3 } else { i + 2 }))?.0;
            let direct = a > 0 && matches!(c.w(a - 1), "«" | "\"");
            let e = c.mentions.iter().find(|(m, x)| m.start >= c.doc.tokens[s].span.start && m.end <= c.doc.tokens[i].span.start && matches!(c.entities[*x].entity.kind, EntityKind::Organization | EntityKind::Person)).copied();
            return Some(Found {
                cue: c.span(i, i + 2),
                content: c.span(a, b),
                content_tok: (a, b),
                direct,
                speaker: e.map(|x| x.1),
                speaker_span: e.map(|x| x.0),
                at: i,
            });
        }
        _ => return None,
    };
    // The speaker phrase: up to a comma or the sentence end (a few words at most).
    let send = c.sentence_end(i);
    let mut b = speaker_from;
    let mut k = speaker_from;
    // وفقا لـ: the ل is attached (لوزارة) or written لـ.
    while k < send && k < speaker_from + 8 && !c.is(k, class::FRAME_END) {
        k += 1;
        b = k;
    }
    let (sa, sb) = trim_speaker(c, speaker_from, b)?;
    let speaker = c.entity_in(sa, sb).or_else(|| {
        // "وفقا لوزارة …": the mention may start inside the first token after its ل.
        let sp = c.span(sa, sb);
        c.mentions.iter().find(|(m, _)| sp.contains(*m)).map(|x| x.1)
    });
    let has_source = (sa..sb).any(|k| is_source_noun(c.w(k)) || c.ar.is_title(c.w(k)));
    if speaker.is_none() && !has_source {
        return None;
    }
    // Frame first (…، content) or last (content … بحسب X).
    let sstart = c.sentence_start(i);
    let (a, b2, direct) = if i <= sstart + 1 || c.w(i - 1) == "،" && i <= sstart + 2 {
        let at = if c.is(k, class::COMMA) || c.w(k) == ":" { k + 1 } else { k };
        let ((a, b2), direct) = content_from(c, at)?;
        (a, b2, direct)
    } else {
        let mut e = i;
        while e > sstart && c.is(e - 1, class::JOINT) {
            e -= 1;
        }
        (sstart, e, false)
    };
    if b2 <= a + 1 {
        return None;
    }
    Some(Found { cue: c.span(i, cue_end), content: c.span(a, b2), content_tok: (a, b2), direct, speaker, speaker_span: Some(c.span(sa, sb)), at: i })
}

#[cfg(test)]
mod tests {
    use crate::{Analysis, Lang, Options, analyze, parse_date};

    fn run(t: &str) -> Analysis {
        analyze(t, &Options { lang: Some(Lang::Ar), date: Some(parse_date("2020-03-10").unwrap()) })
    }

    fn speaker_name(a: &Analysis, k: usize) -> Option<String> {
        a.statements[k].speaker.as_ref().and_then(|id| a.entity(id)).and_then(|e| e.name_en.clone())
    }

    #[test]
    fn reported_speech_vso_with_named_speaker() {
        let t = "وقال وزير الخارجية الأميركي جون كيري إن المحادثات كانت مثمرة جدا.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert_eq!(a.statements[0].content.slice(t), "المحادثات كانت مثمرة جدا");
        assert!(!a.statements[0].direct);
    }

    #[test]
    fn direct_quote_over_sentences_with_nested_marks() {
        let t = "وقال له أوباما: «نحن مستعدون. ولن نسمح لـ«القاعدة» بالعودة». ثم غادر.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].direct);
        assert_eq!(a.statements[0].content.slice(t), "نحن مستعدون. ولن نسمح لـ«القاعدة» بالعودة");
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("Barack Obama"));
    }

    #[test]
    fn svo_unnamed_speaker_keeps_its_description() {
        let t = "لكن مسؤولا عسكريا فرنسيا قال لوكالة رويترز إن «الضربات ستستمر طويلا».";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].speaker.is_none());
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "مسؤولا عسكريا فرنسيا");
        assert_eq!(a.statements[0].content.slice(t), "الضربات ستستمر طويلا");
    }

    #[test]
    fn continuation_and_participles_carry_the_speaker() {
        let t = "وأكد الرئيس التركي رجب طيب أردوغان أن بلاده لن تتراجع، مضيفا أن الحوار ممكن. وأضاف أن الحدود مغلقة الآن.";
        let a = run(t);
        assert_eq!(a.statements.len(), 3, "{:?}", a.statements);
        for k in 0..3 {
            assert_eq!(speaker_name(&a, k).as_deref(), Some("Recep Tayyip Erdoğan"));
        }
        assert_eq!(a.statements[0].content.slice(t), "بلاده لن تتراجع");
    }

    #[test]
    fn reporting_frames() {
        let t = "وحسب قول المتحدث باسم الجيش، قتل عشرة مسلحين في الاشتباكات. وأغلقت الطرق بحسب وكالة رويترز.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "قتل عشرة مسلحين في الاشتباكات");
        assert_eq!(a.statements[1].content.slice(t), "وأغلقت الطرق");
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("Reuters"));
    }

    #[test]
    fn statement_in_a_published_text() {
        let t = "ونشر البيت الأبيض بيانا جاء فيه: «ندين الهجوم بأشد العبارات الممكنة».";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("White House"));
        assert!(a.statements[0].direct);
    }

    #[test]
    fn statement_date_from_governing_time() {
        let t = "وقال المتحدث باسم الحكومة أمس إن الاجتماع انتهى.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1);
        assert_eq!(a.statements[0].date.as_deref(), Some("2020-03-09"));
    }
}
