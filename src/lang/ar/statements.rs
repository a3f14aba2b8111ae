//! Arabic rules for the statements stage: reporting verbs in every form (VSO and SVO), the
//! complementiser or quotation that opens the content, reporting frames (حسب قول، بحسب، وفقا لـ،
//! جاء فيه), direct quotes «…» with nesting, and speakers carried over for وأضاف/مضيفا.

use crate::lang::WordClass;
use crate::lang::ar::clitics::{self, BI, LI, without_wa};
use crate::lang::ar::{Arabic, Cue, CueClass, CueShape, Gender, arabic, class};
use crate::stages::link::Linked;
use crate::stages::segment::Doc;
use crate::{EntityKind, Span, Statement, TimeExpr};

fn is_complementiser(w: &str) -> bool {
    is(w, class::COMPLEMENTISER)
}

fn is_inform_verb(w: &str) -> bool {
    is(without_wa(w), class::INFORM)
}

/// "It is said / it is noted that": the author's aside, never someone's statement.
fn is_impersonal(w: &str) -> bool {
    is(without_wa(w), class::IMPERSONAL)
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
    /// The longest mention's length in bytes: how far before a token a mention over it can start.
    longest_mention: usize,
    entities: &'d [Linked],
    close: Vec<Option<usize>>,
    /// Subjects of clauses, by position: what an implied subject refers to.
    subjects: Vec<Subject>,
    times: &'d [TimeExpr],
    /// Each token's stem, computed once: role phrases are compared with every person's
    /// surroundings, which in a long text is thousands of times per token.
    stems: std::cell::OnceCell<Vec<&'d str>>,
    /// Each token's reporting cue ([`Arabic::cue`]), looked up once: several rules ask it of
    /// every token.
    cues: Vec<Option<(usize, Cue)>>,
}

impl Ctx<'_, '_> {
    fn w(&self, i: usize) -> &str {
        if i < self.doc.tokens.len() { self.doc.ftok(i) } else { "" }
    }
    /// `ar.cue(self.w(i))`.
    fn cue(&self, i: usize) -> Option<(usize, Cue)> {
        match self.cues.get(i) {
            Some(&c) => c,
            None => self.ar.cue(""),
        }
    }
    /// Whether token i is a reporting verb that needs nothing after it to be one ([`Arabic::is_speech_verb`]
    /// on [`Ctx::cue`], which leaves out a passive "is called").
    fn speech_verb(&self, i: usize) -> bool {
        self.cue(i).is_some_and(|(_, q)| !q.needs_complement)
    }
    /// The mentions that start at a byte in `from..to`, in order: a binary search, since rules ask
    /// this for every verb and a long text has thousands of mentions.
    fn mentions_starting(&self, from: usize, to: usize) -> &[(Span, usize)] {
        let a = self.mentions.partition_point(|(m, _)| m.start < from);
        let b = self.mentions.partition_point(|(m, _)| m.start < to);
        &self.mentions[a..b.max(a)]
    }
    /// The mentions that overlap a span.
    fn mentions_over(&self, t: Span) -> impl Iterator<Item = &(Span, usize)> {
        self.mentions_starting(t.start.saturating_sub(self.longest_mention), t.end).iter().filter(move |(o, _)| o.end > t.start)
    }
    /// Whether token i is a word of a class.
    fn is(&self, i: usize, c: WordClass) -> bool {
        self.ar.words.is(self.w(i), c) && !self.inner_period(i)
    }
    /// A period that ends no sentence (د. فلان, أ.د.): no punctuation to the rules.
    fn inner_period(&self, i: usize) -> bool {
        self.w(i) == "." && self.doc.tokens.get(i + 1).is_some_and(|t| t.sentence == self.sent(i))
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
    /// Who a speaker phrase [a, b) names: its entity, and its name when it holds one, else the phrase.
    fn speaker_of(&self, a: usize, b: usize) -> (Option<usize>, Option<Span>) {
        let (sa, sb) = self.name_in(a, b).unwrap_or((a, b));
        let referent = || if b == a + 1 { self.honorific_referent(a) } else { None };
        // A style of address before a role (سمو ولي العهد, معالي الوزير): the role names the person.
        let role_from = if b > a + 1 && self.is(a, class::HONORIFIC) { a + 1 } else { a };
        (self.entity_in(a, b).or_else(|| self.role_referent(role_from, b)).or_else(referent), Some(self.span(sa, sb)))
    }
    /// Whether token k is an honorific pronoun (سموه, معاليه, سماحته: "His Highness").
    fn honorific_pronoun(&self, k: usize) -> bool {
        self.honorific_of(k).is_some()
    }
    /// The style an honorific pronoun at k stands for, folded (سموه → سمو, سماحته → سماحه).
    fn honorific_of(&self, k: usize) -> Option<String> {
        let w = self.w(k).strip_suffix('ه')?;
        // سماحت|ه → سماحة, folded سماحه.
        let bare = match w.strip_suffix('ت') {
            Some(s) => format!("{s}ه"),
            None => w.to_string(),
        };
        self.ar.words.is(&bare, class::HONORIFIC).then_some(bare)
    }
    /// The person an honorific pronoun stands for (وقال سموه، وأكد معاليه: "His Highness said"):
    /// the nearest person before it named with that honorific (صاحب السمو الأمير فلان، معالي
    /// الوزير فلان). Saudinewsnet has these after a reporting verb about 500 times (سموه 262,
    /// معاليه 125, سماحته 42, جلالته 16).
    /// Without one so named, the only person named with a title before it (الأمير محمد بن نايف …
    /// وأشاد سموه).
    fn honorific_referent(&self, a: usize) -> Option<usize> {
        let bare = self.honorific_of(a)?;
        let before = self.mentions_starting(0, self.doc.tokens[a].span.start);
        let persons = || before.iter().rev().filter(|(_, e)| self.entities[*e].entity.kind == EntityKind::Person);
        let preceded_by = |m: &Span, by: &dyn Fn(usize) -> bool| {
            let k = self.doc.token_at_or_after(m.start);
            (k.saturating_sub(HONORIFIC_REACH)..k).any(by)
        };
        let styled = persons().find(|(m, _)| preceded_by(m, &|j| clitics::stem(self.w(j)) == bare)).map(|(_, e)| *e);
        styled.or_else(|| {
            let mut titled = persons().filter(|(m, _)| preceded_by(m, &|j| self.ar.is_title(self.w(j)))).map(|(_, e)| *e);
            let first = titled.next()?;
            titled.all(|e| e == first).then_some(first)
        })
    }
    /// The person a role phrase without a name stands for (وأكد السكرتير الخاص للرئيس …): the
    /// nearest person before it introduced with the same role, written before the name (المدير
    /// التنفيذي … الدكتورة مها المنيف) or in apposition after it (محمد علي مارم السكرتير الخاص …).
    /// A person named as a role's complement (لرئيس الجمهورية عبدربه منصور هادي) holds another role.
    fn role_referent(&self, a: usize, b: usize) -> Option<usize> {
        // A ruler's epithet after the title (الملك المفدى) is no part of the role.
        let b = if b == a + 2 && self.is(a + 1, class::EPITHET) { a + 1 } else { b };
        // A title alone (الوزير), or a definite two-word role (السكرتير الخاص); never a source noun.
        // The word as written first: ولي (of ولي العهد) would peel to لي.
        let head = if self.ar.is_title(self.w(a)) { self.w(a) } else { clitics::without_wa(self.w(a)) };
        let titled = self.ar.is_title(head) || b >= a + 2 && clitics::has_article(head) && self.mention_from(a).is_none();
        if !titled || is_source_noun(self.w(a)) {
            return None;
        }
        let key: Vec<&str> = (a..b.min(a + 2)).map(|k| clitics::stem(self.w(k))).collect();
        // A title's stem may be a function word (ولي → لي): the title as written decides.
        if key.iter().zip(a..).any(|(w, k)| !w.chars().all(crate::lang::ar::is_letter) || self.ar.is_stop(w) && !self.ar.is_title(self.w(k))) {
            return None;
        }
        let at = self.doc.tokens[a].span.start;
        let n = self.doc.tokens.len();
        let stems = self.stems.get_or_init(|| (0..n).map(|i| clitics::stem(self.doc.ftok(i))).collect());
        let matches_at = |k: usize| key.iter().enumerate().all(|(j, w)| k + j < n && stems[k + j] == *w);
        // Words that can stand in a role phrase between a role and its holder: definite words,
        // ل-complements, titles, quotation marks and names (not a verb, a preposition or a clause).
        let in_role = |k: usize| {
            let w = self.w(k);
            let named = self.mentions_over(self.doc.tokens[k].span).next().is_some();
            !self.is(k, class::CLAUSE_BOUNDARY)
                && !is_complementiser(w)
                && !self.speech_verb(k)
                && (named || clitics::has_article(clitics::peel(w, clitics::CONJUNCTIONS, 3).1) || w.starts_with(LI) || self.ar.is_title(w) || matches!(w, "«" | "»"))
        };
        self.mentions
            .iter()
            .rev()
            .filter(|(m, e)| m.end <= at && self.entities[*e].entity.kind == EntityKind::Person)
            .find(|(m, _)| {
                let first = self.doc.token_at_or_after(m.start + 1).saturating_sub(1);
                let after = self.doc.token_at_or_after(m.end);
                let lo = first.saturating_sub(ROLE_HOLDER_REACH).max(self.sentence_start(first));
                let hi = (after + ROLE_HOLDER_REACH).min(self.sentence_end(first));
                let complement = (first.saturating_sub(4).max(lo)..first).any(|k| self.w(k).starts_with(LI) && self.ar.is_title(self.w(k)));
                // Before the name: the role, then only role words up to the name.
                let before = (lo..first).any(|k| matches_at(k) && (k + key.len()..first).all(in_role));
                // After it, in apposition: only role words between the name and the role.
                let apposition = (after..hi).any(|k| matches_at(k) && (after..k).all(in_role));
                !complement && (before || apposition)
            })
            .map(|(_, e)| *e)
    }
    /// A mention starting in token k (after its proclitics): its kind and the token after it.
    fn mention_from(&self, k: usize) -> Option<(EntityKind, usize)> {
        let t = self.doc.tokens.get(k)?.span;
        self.mentions_starting(t.start, t.end)
            .first()
            .map(|(m, e)| (self.entities[*e].entity.kind, self.doc.token_at_or_after(m.end)))
    }
    /// The name inside a speaker phrase [a, b) that holds a person's mention: the mention widened
    /// over the name words around it (a first name the tagger left out, a family name after it),
    /// without the titles before it or an origin after it (الدكتورة مها المنيف، ماجد … من الرياض).
    fn name_in(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let sp = self.span(a, b);
        let (m, _) = self.mentions_starting(sp.start, sp.end).iter().find(|(_, e)| self.entities[*e].entity.kind == EntityKind::Person)?;
        let mut s = self.doc.token_at_or_after(m.start + 1).saturating_sub(1).max(a);
        let mut e = self.doc.token_at_or_after(m.end).min(b);
        let name_word = |k: usize| {
            let w = self.w(k);
            w.chars().all(crate::lang::ar::is_letter)
                && !self.ar.is_title(w)
                && !self.ar.is_stop(w)
                && !self.ar.is_demonym(w)
                && !self.speech_verb(k)
                && !is_source_noun(w)
        };
        // Before the mention: given names, never a definite or prepositional word (بالإنابة), nor
        // another entity's name (أمين منطقة عسير صالح).
        let other_name = |k: usize| {
            let t = self.doc.tokens[k].span;
            self.mentions_over(t).any(|(o, _)| o.start != m.start)
        };
        while s > a && name_word(s - 1) && !clitics::has_article(clitics::strip_proclitics(self.w(s - 1))) && !other_name(s - 1) {
            s -= 1;
        }
        // After it: family names, never an addressee (لفرانس برس).
        while e < b && name_word(e) && !self.is(e, class::SPEAKER_END) && !self.w(e).starts_with(LI) {
            e += 1;
        }
        // A definite title closing the phrase right after the name, before a comma or the content, is
        // its family name (صالح القاضي، …؛ الهادي محمد الأمين إن …).
        if e + 1 == b && (self.is(b, class::COMMA) || opens_content(self, b)) && clitics::has_article(self.w(e)) && self.ar.is_title(self.w(e)) && !self.ar.is_demonym(self.w(e)) {
            e += 1;
        }
        (s < e).then_some((s, e))
    }
    /// The entity mentioned within tokens [a, b): a person first, then the mention that opens the phrase.
    fn entity_in(&self, a: usize, b: usize) -> Option<usize> {
        if a >= b {
            return None;
        }
        let sp = self.span(a, b);
        // Mentions that start inside the phrase (a long name may run past a cut: المرصد السوري لحقوق …).
        let inside: Vec<&(Span, usize)> = self.mentions_starting(sp.start, sp.end).iter().collect();
        let kind = |e: usize| self.entities[e].entity.kind;
        if let Some((_, e)) = inside.iter().find(|(_, e)| kind(*e) == EntityKind::Person) {
            return Some(*e);
        }
        // An organisation or country speaks when it opens the phrase (الكرملين, روسيا), not when it
        // follows a role (مدير هيئة …).
        // An institution's own body before its name speaks for it (الأمانة العامة لمنظمة التعاون).
        let first_word = self.doc.tokens[a].span;
        let body_word = |k: usize| {
            let w = self.w(k);
            clitics::has_article(clitics::peel(w, clitics::CONJUNCTIONS, 3).1) && !self.ar.is_title(w) && !self.is(k, class::ROLE_NOUN) && !is_source_noun(w)
        };
        // So does an organisation after its own kind's noun, in construct (ذكرت شركة جوجل, قالت
        // وكالة رويترز): the noun names what it is, not a role in it.
        let kind_noun = |k: usize| k == a && self.is(k, class::ORG_HEAD);
        let no_role_before = |m: &Span| (a..b).take_while(|&k| self.doc.tokens[k].span.end <= m.start).all(|k| body_word(k) || kind_noun(k));
        inside
            .iter()
            .find(|(m, e)| {
                matches!(kind(*e), EntityKind::Organization | EntityKind::Place) && m.start < first_word.end
                    || kind(*e) == EntityKind::Organization && no_role_before(m)
            })
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
    // A named addressee (كشفت لـ«عكاظ» الدكتورة …، قال لوكالة رويترز الوزير …) comes before the speaker.
    a = skip_addressee(c, a, until);
    // A title's abbreviation before the name (وأوضح د. فلان, قال أ.د. فلان).
    while a + 2 < until && c.is(a, class::ABBREVIATION) && c.w(a + 1) == "." {
        a += 2;
    }
    // Any other addressee (للصحافيين) is not the speaker; a name that starts with ل is.
    if a < until && c.w(a).starts_with(LI) && c.mentions_starting(c.doc.tokens[a].span.start, c.doc.tokens[a].span.start + 1).is_empty() {
        return None;
    }
    let mut b = a;
    while b < until {
        let w = c.w(b);
        // نقلت عن الوزير قوله إن: the verbal noun closes the source (even one the tagger took for a name).
        if b > a && c.cue(b).is_some_and(|(_, q)| q.shape == CueShape::Masdar) {
            break;
        }
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
            } else if let Some((m, _)) = c.mentions_starting(c.doc.tokens[nxt].span.start, c.doc.tokens[nxt].span.end).first() {
                let end_tok = c.doc.token_at_or_after(m.end);
                if end_tok <= until {
                    b = end_tok;
                    continue;
                }
            }
        }
        // A name that reads like a stop word (علي folds to على) or an organisation after ل that
        // completes a role (الأمانة العامة لمنظمة …) belongs to the phrase.
        if b > a
            && let Some(end) =
                c.mention_from(b).filter(|&(k, _)| k == EntityKind::Person || w.starts_with(LI) && k == EntityKind::Organization).map(|(_, end)| end)
            && end <= until
        {
            b = end;
            continue;
        }
        // وتابع قائلا: …، وأضاف المدير قائلا: a participle after the verb is the cue's, not the speaker.
        // Only the accusative (قائلا، مؤكدا) or one opening the content: مغردة أخرى "another tweeter" is a subject.
        let participle = c.cue(b).is_some_and(|(_, q)| q.shape == CueShape::Participle)
            && (w.ends_with('ا') || opens_content(c, b + 1))
            && c.mention_from(b).is_none();
        // أول أمس، أول من أمس: "the day before yesterday", a time.
        let day_before = w == "اول" && (c.w(b + 1) == "امس" || c.w(b + 1) == "من" && c.w(b + 2) == "امس");
        let stop = participle
            || day_before
            || c.ar.words.is(w, class::SPEAKER_END)
            || c.ar.weekday(w).is_some()
            || (b > a && w.starts_with(LI) && !c.is(b - 1, class::ROLE_LINK));
        if stop {
            break;
        }
        b += 1;
    }
    // A long role with its holder's name is one speaker, however many words it takes.
    if let Some(end) = role_holder_end(c, a, b, until) {
        return Some((a, end));
    }
    trim_speaker(c, a, b)
}

/// The token after a named addressee at k (لـ«عكاظ», لـ"الرياض", لوكالة رويترز) and what follows
/// it before the subject (أمس، له), or k when no named addressee starts there.
fn skip_addressee(c: &Ctx, k: usize, until: usize) -> usize {
    if k >= until || !c.w(k).starts_with(LI) {
        return k;
    }
    let t = c.doc.tokens[k].span;
    let mut next = k;
    if c.w(k).chars().count() == 1
        && matches!(c.w(k + 1), "«" | "\"" | "“")
        && let Some(cl) = c.close.get(k + 1).copied().flatten().filter(|&cl| cl < until && cl <= k + 6)
    {
        next = cl + 1;
    } else if let Some((m, _)) = c.mentions_starting(t.start + 1, t.end).iter().find(|(_, e)| c.entities[*e].entity.kind == EntityKind::Organization) {
        next = c.doc.token_at_or_after(m.end);
    }
    if next == k || next >= until {
        return k;
    }
    while next < until && c.is(next, class::AFTER_VERB) {
        next += 1;
    }
    next
}

/// A role phrase that stopped before its holder's name (نائب رئيس الجمعية السعودية للإدارة وعضو
/// جمعية … بندر الصالح؛ المشرف العام على البرنامج … الدكتور مساعد الأحمد): where the name ends,
/// when a person's name follows within a few words with no adjunct (مع، خلال، أمس), clause or
/// quotation between.
fn role_holder_end(c: &Ctx, a: usize, b: usize, until: usize) -> Option<usize> {
    let role_head = c.ar.is_title(c.w(a))
        || c.is(a, class::ROLE_NOUN)
        || clitics::has_article(clitics::peel(c.w(a), clitics::CONJUNCTIONS, 3).1) && c.mention_from(a).is_none();
    if b <= a || !role_head || c.entity_in(a, b).is_some_and(|e| c.entities[e].entity.kind == EntityKind::Person) {
        return None;
    }
    let limit = until.min(a + ROLE_HOLDER_REACH);
    let mut k = b;
    while k < limit {
        let w = c.w(k);
        // A name in quotation marks inside the role (الرئيس التنفيذي لشركة «أرامكو» المهندس …).
        if let Some(close) = c.close.get(k).copied().flatten()
            && close > k
            && close <= k + QUOTED_NAME_IN_ROLE
            && k > a
            && c.w(k - 1).starts_with(LI)
        {
            k = close + 1;
            continue;
        }
        // A reporting word ends the role, even one the tagger took for a name (قوله).
        if c.cue(k).is_some() {
            return None;
        }
        if let Some((kind, end)) = c.mention_from(k)
            && kind == EntityKind::Person
        {
            // السكرتير الخاص للرئيس هادي: a name after a ل-title completes the role, it is not its holder.
            return (end <= until && !c.w(k - 1).starts_with(LI)).then_some(end);
        }
        // An apposition: عضو المجلس السياسي للجماعة، محمد البخيتي،
        if c.is(k, class::COMMA) && c.mention_from(k + 1).is_some_and(|(kind, _)| kind == EntityKind::Person) {
            k += 1;
            continue;
        }
        let blocked =
            c.is(k, class::SPEAKER_ADJUNCT) || c.is(k, class::CONTENT_END) || is_complementiser(w) || c.cue(k).is_some() || matches!(w, "«" | "\"" | ":");
        if blocked {
            return None;
        }
        k += 1;
    }
    None
}

/// How many words a quoted name inside a role phrase may take (لشركة «لايف ستايل ديفيلوبرز»).
const QUOTED_NAME_IN_ROLE: usize = 6;

/// How far before a name its honorific may stand (صاحب السمو الملكي الأمير اللواء فلان).
const HONORIFIC_REACH: usize = 5;

/// How far after its first word a role phrase may reach its holder's name.
const ROLE_HOLDER_REACH: usize = 16;

/// Whether a person is the subject right after the verb at v, before `until` (وأوضح المشرف
/// العام … الدكتور مساعد الأحمد أن …): then a continuation verb has its own subject.
fn named_subject_before(c: &Ctx, v: usize, until: usize) -> bool {
    speaker_after(c, v, until).is_some_and(|(a, b)| c.entity_in(a, b).is_some_and(|e| c.entities[e].entity.kind == EntityKind::Person))
}

/// The speaker phrase before a verb (SVO): back to a clause boundary.
fn speaker_before(c: &Ctx, v: usize) -> Option<(usize, usize)> {
    let start = c.sentence_start(v);
    // A description set off by «وهو» between the speaker and the verb (أبو محمد وهو شاب نازح من
    // حمص يقول): the speaker is the phrase before it.
    let gloss = (start.max(v.saturating_sub(GLOSS_REACH))..v)
        .rev()
        .take_while(|&k| !c.is(k, class::CLAUSE_BOUNDARY) && !c.speech_verb(k))
        .find(|&k| c.is(k, class::GLOSS));
    // The name a relative clause follows is the speaker, however long the phrase before it (الثنائي
    // شايع شراحيلي والأوروغوياني فابيان الذي أكد …: فابيان).
    if gloss.is_none()
        && let Some((name, rel)) = relative_after_name(c, start, v)
    {
        return Some((name, rel));
    }
    let v = gloss.unwrap_or(v);
    let mut a = v;
    while a > start && v - a < 6 {
        let w = c.w(a - 1);
        if c.ar.words.is(w, class::CLAUSE_BOUNDARY) || is_complementiser(w) || c.speech_verb(a - 1) {
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

/// A relative clause right after a name, between it and the verb at v (لكن شادي عوض الذي يعيش في
/// مبنى مجاور قال …): where the clause starts, the speaker being the name before it.
fn relative_after_name(c: &Ctx, start: usize, v: usize) -> Option<(usize, usize)> {
    (start.max(v.saturating_sub(GLOSS_REACH)) + 1..v)
        .rev()
        .take_while(|&k| !c.is(k, class::CLAUSE_BOUNDARY) && !c.speech_verb(k))
        .find_map(|k| {
            let before = c.doc.tokens[k - 1].span;
            if !c.is(k, class::RELATIVE) {
                return None;
            }
            c.mentions_over(before)
                .filter(|(m, e)| m.end == before.end && matches!(c.entities[*e].entity.kind, EntityKind::Person | EntityKind::Organization))
                // The token holding the mention's start (a name may follow a clitic: والأوروغوياني فابيان).
                .map(|(m, _)| c.doc.tokens.partition_point(|t| t.span.end <= m.start))
                .min()
                .filter(|&name| name >= start)
                .map(|name| (name, k))
        })
}

/// How far before its verb a «وهو …» description may start.
const GLOSS_REACH: usize = 14;

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
    /// Where the search for the next act goes on.
    resume: usize,
}

pub fn find(doc: &Doc, entities: &[Linked], times: &[TimeExpr]) -> Vec<Statement> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let mut mentions: Vec<(Span, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.entity.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place))
        .flat_map(|(k, l)| l.entity.mentions.iter().map(move |&m| (m, k)))
        .collect();
    crate::sort::by_key(&mut mentions, |(m, _)| m.start);
    let longest_mention = mentions.iter().map(|(m, _)| m.end - m.start).max().unwrap_or(0);
    let close = crate::stages::statements::quote_pairs(doc);
    let cues = (0..doc.tokens.len()).map(|i| cue_at(doc, i)).collect();
    let mut c = Ctx { doc, ar: arabic(), mentions, longest_mention, entities, close, subjects: Vec::new(), times, stems: Default::default(), cues };
    c.subjects = clause_subjects(&c);
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
    // A byline or dateline is never a statement.
    let mut i = crate::lang::ar::byline::head(doc).map_or(0, |r| r.end);
    while i < n {
        if in_quote[i] {
            i += 1;
            continue;
        }
        let w = c.w(i);
        if let Some(f) = verb_statement(&c, i, &found).or_else(|| frame_statement(&c, i, &found)) {
            i = f.resume.max(i + 1);
            found.push(f);
            continue;
        }
        let _ = w;
        i += 1;
    }
    // Contents end where the next speech act begins, unless that act is reported inside the
    // content: a complementiser, the act's subject and its verb (أشار إلى أن الوزارة أعلنت …, أكد
    // أن التحريات كشفت أن …), whose words alone would be no content. The content goes on through
    // it to the next act after it.
    let nested = |outer: &Found, inner: &Found| {
        let (a, _) = outer.content_tok;
        let subject_only = inner.at > a && inner.at <= a + 4 && a > 0 && is_complementiser(c.w(a - 1));
        let verb_opens = without_wa(c.w(inner.at)) == c.w(inner.at);
        let speaker_is_subject = inner.speaker_span.is_none_or(|s| c.doc.tokens[a].span.start <= s.start && s.end <= c.doc.tokens[inner.at].span.start);
        !inner.direct && subject_only && verb_opens && speaker_is_subject
    };
    for k in 0..found.len() {
        if !found[k].direct {
            let (a, b) = found[k].content_tok;
            let next = (k + 1..found.len()).find(|&j| !nested(&found[k], &found[j])).map_or(usize::MAX, |j| found[j].at);
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
            speaker_description: None,
            content_parts: Vec::new(),
        })
        .collect()
}

/// The reporting cue of token i, but not a passive "is called" told by its spelling (ويدعى فلان).
fn cue_at(doc: &Doc, i: usize) -> Option<(usize, Cue)> {
    let ar = arabic();
    let w = doc.ftok(i);
    let t = doc.tokens[i].span;
    if ar.words.is(without_wa(w), class::CALLED) && doc.text[t.start..t.end].ends_with('ى') {
        return None;
    }
    ar.cue(w)
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
    clause_from(c, k)
}

/// A content clause from token k: to the end of the sentence, keeping a closing quote of a nested name.
fn clause_from(c: &Ctx, k: usize) -> Option<((usize, usize), bool)> {
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
    let (conj, cue) = c.cue(v)?;
    let n = c.doc.tokens.len();
    let send = c.sentence_end(v);
    let participle = cue.shape == CueShape::Participle;
    // A participle continues a statement after a pause (، مضيفا) or right before its content
    // (مشيرا إلى أن); elsewhere it is mostly a noun (يفرضون مبلغا محددا).
    if participle
        && !(v == c.sentence_start(v)
            || v > 0 && (c.is(v - 1, class::CONTENT_END) || matches!(c.w(v - 1), "»" | "\"" | "”"))
            || opens_content(c, v + 1)
            || c.is(v + 1, class::OBJECT_PREPOSITION))
    {
        return None;
    }
    // An imperfect inside the clause a statement of this sentence reports (مبينا أن هذا البرنامج
    // يؤكد اهتمام …) is part of what was said, not a new report.
    // تقرر أن يختتم الفريق …، يمكن أن يرفض: an imperfect after أن is what may be done, not a report.
    if cue.imperfect && conj == 0 && !participle && v > 0 && c.w(v - 1) == "ان" {
        return None;
    }
    let inside_content = found.last().is_some_and(|f| !f.direct && f.content_tok.0 < v && v < f.content_tok.1 && c.sent(f.content_tok.0) == c.sent(v));
    if cue.imperfect && conj == 0 && !participle && inside_content && !(v > 0 && c.is(v - 1, class::COMMA)) {
        return None;
    }
    // عقب ذلك "after that", بين ذلك: a form more often another word points back at nothing.
    if cue.shape == CueShape::Finite && !cue.needs_complement && c.is(v + 1, class::BACK_REFERENCE) {
        return back_reference_statement(c, v, conj, found);
    }
    let continuation = is_continuation(w) || cue.class == CueClass::Continue && cue.shape == CueShape::Finite;
    // A verbal noun reports only when what it reports follows it (قوله إن، بقولها: «…»).
    if cue.shape == CueShape::Masdar && !opens_content(c, v + 1) {
        return None;
    }
    // A relaying verb (نقلت الصحيفة عن …) names its source first: its clause opens farther on.
    // بين "between" is a cue when a subject with a title follows it (وبينت المديرة التنفيذية … أن).
    let clause_opening = conj > 0 || v == c.sentence_start(v) || v > 0 && c.is(v - 1, class::COMMA);
    let titled_subject = clause_opening && c.ar.is_title(c.w(v + 1)) && !c.w(v + 1).starts_with(LI);
    let reach = if cue.needs_complement && !is(without_wa(w), class::RELAY) && !titled_subject { AMBIGUOUS_REACH } else { REACH };
    let open = complement_after(c, v, w, (v + reach).min(send)).or_else(|| {
        // قالت فلانة، نائب الرئيس للعمليات في الشركة …، وإحدى المتحدثات في …، إن …: a long
        // apposition set off by commas reaches its complementiser after a comma.
        let far = complement_after(c, v, w, (v + APPOSITION_REACH).min(send));
        far.filter(|&(k, _)| reach == REACH && c.is(k - 1, class::COMMA) && is_complementiser(c.w(k)))
    });
    let call = cue.class == CueClass::Call && !open.is_some_and(|(k, _)| c.w(k) == ":" || c.w(k) == "«");
    if call && let Some(f) = call_statement(c, v, conj, (v + 16).min(send)) {
        return Some(f);
    }
    // The object as content (نفى البنتاغون خطف …، أعرب عن قلقه، مشيدا بدور …) when no clause opens
    // near the verb, or the object comes well before a later أن.
    let object = (!call && cue.shape != CueShape::Masdar)
        .then(|| object_after(c, v, participle || continuation && !named_subject_before(c, v, open.map_or(send, |(k, _)| k)), send))
        .flatten()
        .filter(|o| !cue.needs_complement || c.is(o.content_at, class::OBJECT_PREPOSITION));
    let open = match (open, object) {
        (Some((k, _)), Some(o)) if o.content_at + OBJECT_BEFORE_CLAUSE <= k && !o.weak && !apposition(c, &o, k) => None,
        (open, _) => open,
    };
    if open.is_none()
        && let Some(o) = object
    {
        let ((a, b), direct) = content_from(c, o.content_at)?;
        if b - a < 2 {
            return None;
        }
        let (speaker, speaker_span) = match o.speaker {
            Some((sa, sb)) => c.speaker_of(sa, sb),
            // An imperfect with no subject is mostly prose (الذي يؤكد عليه), not a report.
            None if cue.imperfect && !participle => return None,
            None if participle || continuation => carried_speaker(c, v, found)?,
            None => match speaker_before(c, v) {
                Some((sa, sb)) => c.speaker_of(sa, sb),
                None => carried_speaker(c, v, found)?,
            },
        };
        let cue_span = c.doc.folded.orig_span(c.doc.tokens[v].fstart + conj, c.doc.tokens[v].fend);
        return Some(Found { cue: cue_span, content: c.span(a, b), content_tok: (a, b), direct, speaker, speaker_span, at: v, resume: a });
    }
    let (cue_end, content_at) = open?;
    let mut at = content_at;
    // The opening quotation of a complement (أن «…»).
    if at < n && matches!(c.w(at), "«" | "\"" | "“") && c.close[at].is_none() {
        at += 1;
    }
    // أن «عرب نيوز» تلعب دورا …: a short name in quotation marks opens the clause, it is not the quote.
    let named_subject = c.close.get(at).copied().flatten().filter(|&cl| cl <= at + 4).is_some_and(|cl| {
        let next = c.w(cl + 1);
        c.sent(cl) == c.sent(at) && next.chars().count() > 1 && next.chars().all(crate::lang::ar::is_letter)
    });
    let ((a, b), direct) = if named_subject { clause_from(c, at)? } else { content_from(c, at)? };
    if b - a < 2 {
        return None;
    }
    // The speaker: after the verb (VSO), else before it (SVO), else carried over.
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
    let own_subject = !participle && cue.shape != CueShape::Masdar;
    if own_subject && let Some((sa, sb)) = speaker_after(c, from, cue_end) {
        (speaker, speaker_span) = c.speaker_of(sa, sb);
    }
    if speaker_span.is_none()
        && own_subject
        && !continuation
        && let Some((sa, sb)) = speaker_before(c, v)
    {
        (speaker, speaker_span) = c.speaker_of(sa, sb);
    }
    if speaker_span.is_none()
        && let Some((e, sp)) = carried_speaker(c, v, found)
    {
        speaker = e;
        speaker_span = sp;
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
    Some(Found { cue, content: c.span(a, b), content_tok: (a, b), direct, speaker, speaker_span, at: v, resume: a })
}

/// «… . كشف ذلك الوزير فلان»: the sentence before is what the speaker after the demonstrative
/// said, when a name, title or source follows (not «ذكر هذا الحادث», where the demonstrative is
/// the noun's).
fn back_reference_statement(c: &Ctx, v: usize, conj: usize, found: &[Found]) -> Option<Found> {
    let s = c.sent(v);
    let byline_end = crate::lang::ar::byline::head(c.doc).map_or(0, |r| r.end);
    if s == 0 {
        return None;
    }
    let prev = &c.doc.sentences[s - 1].tokens;
    let (a, mut b) = (prev.start.max(byline_end), prev.end);
    while b > a && c.is(b - 1, class::CONTENT_END) {
        b -= 1;
    }
    if b < a + 3 || found.iter().any(|f| f.content_tok.0 < b && f.content_tok.1 > a) {
        return None;
    }
    let (sa, sb) = speaker_after(c, v + 1, c.sentence_end(v))?;
    let head = c.w(sa);
    let named = c.entity_in(sa, sb).is_some_and(|e| matches!(c.entities[e].entity.kind, EntityKind::Person | EntityKind::Organization));
    if !(named || c.ar.is_title(head) || is_source_noun(head)) {
        return None;
    }
    let (speaker, speaker_span) = c.speaker_of(sa, sb);
    let cue = c.doc.folded.orig_span(c.doc.tokens[v].fstart + conj, c.doc.tokens[v].fend);
    Some(Found { cue, content: c.span(a, b), content_tok: (a, b), direct: false, speaker, speaker_span, at: v, resume: v + 2 })
}

/// How far after its verb a complementiser may open the content (قال … في مؤتمر صحافي عقده … إن).
const REACH: usize = 30;
/// How far a complementiser after a comma may close a long apposition to the speaker.
const APPOSITION_REACH: usize = 64;
/// The reach of a form that is more often another word (بين "between" … أن).
const AMBIGUOUS_REACH: usize = 6;
/// A noun object this many tokens before a later أن is the content; the أن belongs to it.
const OBJECT_BEFORE_CLAUSE: usize = 4;

/// Whether token k opens a content at once: a complementiser, a colon or a quotation.
fn opens_content(c: &Ctx, k: usize) -> bool {
    let t = c.w(k);
    is_complementiser(t) || t == ":" || matches!(t, "«" | "\"" | "“") && c.close.get(k).is_some_and(Option::is_some)
}

/// Where the content opens after the verb at v, up to `limit`: (the token ending the cue, the
/// content's first token), at a complementiser, a colon, a quotation, or after أفاد بـ.
fn complement_after(c: &Ctx, v: usize, w: &str, limit: usize) -> Option<(usize, usize)> {
    let mut k = v + 1;
    while k < limit {
        let t = c.w(k);
        // بعد أن، قبل أن، إلا أن: a subordinate or contrastive clause, not what was said.
        if is_complementiser(t) && c.is(k - 1, class::SUBORDINATOR) {
            return None;
        }
        if is_complementiser(t) || t == ":" {
            return Some((k, k + 1));
        }
        if matches!(t, "«" | "\"" | "“")
            && let Some(cl) = c.close[k]
        {
            // A quotation opens the content; a short name in quotation marks is part of the frame.
            if cl > k + 5 {
                return Some((k, k));
            }
            k = cl + 1;
            continue;
        }
        // أفادت الوكالة بمغادرة …: the content is a ب-led verbal noun after the speaker.
        if k > v + 1
            && is_inform_verb(w)
            && t.starts_with(BI)
            && !t.starts_with(clitics::BI_ANNA)
            && !c.is(k - 1, class::ROLE_LINK)
            && c.mentions_starting(c.doc.tokens[k].span.start, c.doc.tokens[k].span.start + 1).is_empty()
        {
            return Some((k - 1, k));
        }
        // The next sentence-internal speech act, or a new clause after a full stop, ends the search.
        if k > v + 1 && (c.speech_verb(k) || c.is(k, class::CONTENT_END) && !c.is(k, class::COMMA) && k + 1 < limit) {
            return None;
        }
        k += 1;
    }
    None
}

/// A verb's noun or prepositional object: where it starts, and the subject between verb and object.
#[derive(Clone, Copy)]
struct Object {
    content_at: usize,
    speaker: Option<(usize, usize)>,
    /// Found after a subject with no name (وأشار البيان إلى …): a later clause (الأرقام الصادرة عن
    /// شركة … إلى أن) is the content rather than it.
    weak: bool,
}

/// The object after a reporting verb: right after it for a participle or a subjectless
/// continuation (مشيدا بدور …), else after the subject that follows the verb (a name, possibly
/// after its titles, or an institution: أكد أمين المنطقة صالح القاضي، ضرورة …؛ نفى البنتاغون خطف …).
fn object_after(c: &Ctx, v: usize, no_subject: bool, send: usize) -> Option<Object> {
    let mut a = v + 1;
    while a < send && c.is(a, class::AFTER_VERB) {
        a += 1;
    }
    a = skip_addressee(c, a, send);
    let object_at = |k: usize| -> Option<usize> {
        let mut k = k;
        while k < send && (c.is(k, class::SPEAKER_EDGE) || c.ar.weekday(c.w(k)).is_some()) {
            k += 1;
        }
        // A time adjunct before the object (وأعلن الحلف في مطلع مايو خطة …).
        if k + 1 < send
            && c.is(k, class::AFFILIATION)
            && let Some(t) = c.times.iter().find(|t| {
                let next = c.doc.tokens[k + 1].span;
                t.start >= next.start && t.start < next.end
            })
        {
            k = c.doc.token_at_or_after(t.end);
            while k < send && c.is(k, class::SPEAKER_EDGE) {
                k += 1;
            }
        }
        (k + 1 < send && is_object_start(c, k)).then_some(k)
    };
    let mention_at = |k: usize| c.mentions_starting(c.doc.tokens[k].span.start, c.doc.tokens[k].span.start + 1).first();
    // No subject of its own: a participle, a subjectless continuation, or an object right after
    // the verb (وأكد على ضرورة …): the subject is implied.
    if a >= send || mention_at(a).is_none() && (no_subject || c.is(a, class::OBJECT_PREPOSITION)) {
        return object_at(a).map(|k| Object { content_at: k, speaker: None, weak: false });
    }
    // After قد the subject came first (وكان فلان قد أكد في تصريحات أمس استعداد …): the object
    // follows, past a short prepositional adjunct and its time words.
    if v > 0 && c.is(v - 1, class::PERFECT_PARTICLE) && mention_at(a).is_none() {
        let mut k = a;
        if c.is(k, class::AFFILIATION) || c.is(k, class::SPEAKER_ADJUNCT) {
            k += 2;
        }
        return object_at(k).map(|k| Object { content_at: k, speaker: None, weak: false });
    }
    // The subject: a name within a few words (titles before it), else an entity right after the verb.
    // A long role (المدير التنفيذي لبرنامج … الدكتورة مها المنيف) reaches its holder farther on.
    let reach = if c.ar.is_title(c.w(a)) { ROLE_HOLDER_REACH } else { 8 };
    let person = (a..(a + reach).min(send))
        .take_while(|&k| !c.is(k, class::SPEAKER_END) && !is_complementiser(c.w(k)))
        .find_map(|k| mention_at(k).filter(|(_, e)| c.entities[*e].entity.kind == EntityKind::Person));
    // No name: a source or a title, its adjectives, then the object's preposition (وأشار البيان إلى
    // مقتل …، أعرب المسؤول الأمريكي عن قلقه).
    // Only a verb that opens its clause has its subject after it (not منظمات حقوق الإنسان تكتب تقارير عن …),
    // and only a form that is mostly a verb (not عقب الإعلان عن "after the announcement of").
    let opens_clause = v == c.sentence_start(v) || c.cue(v).is_some_and(|(conj, _)| conj > 0) || v > 0 && c.is(v - 1, class::COMMA);
    let subject_first = opens_clause && c.speech_verb(v);
    // His Highness (وأشاد سموه بجهود …، وأعرب معاليه عن …): the honorific pronoun is the subject.
    if subject_first && person.is_none() && c.honorific_pronoun(a) {
        let object = past_on_behalf(c, a + 1, send);
        return (object + 1 < send && is_object_start(c, object)).then_some(Object { content_at: object, speaker: Some((a, a + 1)), weak: false });
    }
    if subject_first && person.is_none() && mention_at(a).is_none() && (is_source_noun(c.w(a)) || c.ar.is_title(c.w(a))) {
        // Adjectives of origin (الأممي، الأمريكية): a definite noun there is the object (أكد المبعوث الحاجة إلى).
        let nisba = |k: usize| {
            let w = c.w(k);
            clitics::has_article(w)
                && w.chars().count() > 4
                && (w.ends_with('ي') || w.ends_with("يه"))
                && !c.is(k, class::OBJECT_PREPOSITION)
                && c.mention_from(k).is_none()
        };
        let end = (a + 1..(a + 4).min(send)).take_while(|&k| nisba(k)).last().map_or(a + 1, |k| k + 1);
        // علي بن الحسين folds to على: a name, not the object's preposition.
        let object = past_on_behalf(c, end, send);
        let opens = object + 1 < send && c.is(object, class::OBJECT_PREPOSITION) && c.mention_from(object).is_none() && !c.is(object + 1, class::NASAB);
        return opens.then_some(Object { content_at: object, speaker: Some((a, end)), weak: true });
    }
    let subject = person.or_else(|| mention_at(a))?;
    let mut end = c.doc.token_at_or_after(subject.0.end);
    // A family name the tagger left out of a person's mention (مبارك الخرينج عن رفضه).
    if c.entities[subject.1].entity.kind == EntityKind::Person
        && end + 1 < send
        && clitics::has_article(c.w(end))
        // A family name that is also a title (صالح القاضي، ضرورة …) when a comma closes the subject.
        && (!c.ar.is_title(c.w(end)) || c.is(end + 1, class::COMMA))
        && !c.ar.is_demonym(c.w(end))
        && (c.is(end + 1, class::OBJECT_PREPOSITION) || c.is(end + 1, class::COMMA) || c.w(end + 1).starts_with(BI))
    {
        end += 1;
    }
    // Where a person is from (طارق علوي من مكة عن سعادته): the origin belongs to the subject.
    if c.entities[subject.1].entity.kind == EntityKind::Person
        && c.is(end, class::AFFILIATION)
        && let Some((EntityKind::Place, place_end)) = c.mention_from(end + 1)
        && place_end < send
    {
        end = place_end;
    }
    // An apposition after the name, then the object (أعرب فهد السبيعي والد الشهيد، عن شكره …).
    if let Some(k) = (end..(end + APPOSITION_BEFORE_OBJECT).min(send)).find(|&k| c.is(k, class::COMMA)).filter(|&k| {
        k + 2 < send && c.is(k + 1, class::OBJECT_PREPOSITION) && !c.is(k + 2, class::NASAB) && (end..k).all(|j| c.w(j).chars().all(crate::lang::ar::is_letter))
    }) {
        return Some(Object { content_at: k + 1, speaker: Some((a, end)), weak: false });
    }
    let content_at = object_at(past_on_behalf(c, end, send))?;
    Some(Object { content_at, speaker: Some((a, end)), weak: false })
}

/// How far an «on behalf of» adjunct after a subject may reach before the object.
const ON_BEHALF_REACH: usize = 12;

/// The token after an «on behalf of» adjunct that starts at `end` (أعرب الملك المفدى باسمه واسم شعب
/// وحكومة المملكة عن …, باسمه ونيابة عن شعبه عن …): the object's preposition after it, not one that
/// the adjunct's own نيابة governs; `end` when there is none.
fn past_on_behalf(c: &Ctx, end: usize, send: usize) -> usize {
    let on_behalf = |k: usize| {
        // With its pronoun: باسمه, باسمها, باسمي, باسمنا, باسمهم.
        let w = clitics::without_wa(c.w(k));
        c.ar.words.is(w, class::ON_BEHALF) || ["ه", "ها", "هم", "ي", "نا"].iter().any(|p| w.strip_suffix(p).is_some_and(|r| c.ar.words.is(r, class::ON_BEHALF)))
    };
    // A bare باسم after a role is its link (المتحدث باسم الخارجية), not an adjunct.
    if end >= send || !on_behalf(end) || c.is(end, class::ROLE_LINK) {
        return end;
    }
    (end + 1..(end + ON_BEHALF_REACH).min(send))
        // A comma may close the adjunct right before the object (…، عن أصدق التهاني).
        .take_while(|&k| !is_complementiser(c.w(k)) && !c.speech_verb(k) && !(c.is(k, class::COMMA) && !(k + 1 < send && c.is(k + 1, class::OBJECT_PREPOSITION))))
        .find(|&k| c.is(k, class::OBJECT_PREPOSITION) && !on_behalf(k - 1))
        .unwrap_or(end)
}

/// How many words an apposition between a subject and a comma before its object may take.
const APPOSITION_BEFORE_OBJECT: usize = 5;

/// What stands between a subject and a later complementiser at k describes the subject, it is no
/// object (أكد محمود الجزراوي، عامل في إحدى شركات السياحة، أن …؛ أوضح د. فلان عميد شؤون المكتبات
/// أن …): a title or role right after the subject, or a phrase set off by commas on both sides.
fn apposition(c: &Ctx, o: &Object, k: usize) -> bool {
    let at = o.content_at;
    o.speaker.is_some()
        && at > 0
        && (c.ar.is_title(c.w(at)) || c.is(at, class::ROLE_NOUN) || c.is(at - 1, class::COMMA) && c.is(k - 1, class::COMMA))
}

/// A word that can open a verb's object: a preposition of the object (عن، على، إلى), a ب-word,
/// or a noun that is not a title, a nationality, a source or a name.
fn is_object_start(c: &Ctx, k: usize) -> bool {
    let t = c.w(k);
    if c.is(k, class::OBJECT_PREPOSITION) || t.starts_with(BI) && t.chars().count() > 3 {
        return true;
    }
    let named = !c.mentions_starting(c.doc.tokens[k].span.start, c.doc.tokens[k].span.start + 1).is_empty();
    let structural = c.is(k, class::SPEAKER_END) || c.is(k, class::CLAUSE_BOUNDARY) || c.is(k, class::CONTENT_END) || c.is(k, class::SUBORDINATOR);
    !named
        && !structural
        && !c.ar.is_title(t)
        && !c.ar.is_demonym(t)
        && !is_source_noun(t)
        && !c.speech_verb(k)
        && t.chars().count() > 2
        && t.chars().all(crate::lang::ar::is_letter)
}

/// The speaker of a statement without its own subject: the nearest subject before it, a previous
/// statement's speaker or the subject of a clause (ويحرص وزير الخارجية …، وأكد أن …؛ صرح
/// الخرساني، قائلا: …), when close.
fn carried_speaker(c: &Ctx, v: usize, found: &[Found]) -> Option<(Option<usize>, Option<Span>)> {
    let nearest = |fits: &dyn Fn(usize) -> bool| -> Option<(usize, Option<usize>, Option<Span>)> {
        let prev = found.iter().rev().find(|f| f.at < v && fits(f.at)).map(|f| (f.at, f.speaker, f.speaker_span));
        let subject = c.subjects.iter().rev().find(|s| s.at < v && fits(s.at)).map(|s| (s.at, s.speaker, s.span));
        let chosen = match (prev, subject) {
            // A clause's subject carries only into its own sentence and the next.
            (Some(p), Some(s)) if s.0 > p.0 && c.sent(s.0) + 1 >= c.sent(v) => s,
            (Some(p), _) => p,
            (None, s) => s.filter(|s| c.sent(s.0) + 1 >= c.sent(v))?,
        };
        (c.sent(chosen.0) + 3 >= c.sent(v)).then_some(chosen)
    };
    let (at, speaker, span) = nearest(&|_| true)?;
    // A feminine continuation agrees with its subject: «مشيرة» after «وقال الوزير» is not the
    // minister's but the nearer speaker's whose verb was أكدت, or, with none, an unnamed one's.
    // Not so a masculine one: writers give a feminine ministry or union «مشيرا» (the statement's).
    let gender = |at: usize| c.cue(at).and_then(|(_, q)| q.gender);
    let agrees = |at: usize| gender(v) != Some(Gender::Feminine) || gender(at) != Some(Gender::Masculine);
    if agrees(at) {
        return Some((speaker, span));
    }
    Some(nearest(&agrees).map_or((None, None), |(_, speaker, span)| (speaker, span)))
}

/// A clause's subject: who the verb at `at` has as subject.
struct Subject {
    at: usize,
    speaker: Option<usize>,
    span: Option<Span>,
}

/// The subjects of clauses that open with a verb (at a sentence start, after a comma, or any
/// reporting verb): a name, an institution, or a phrase headed by a title or a source noun right
/// after the verb (ويحرص وزير الخارجية الأميركية …، وكان نائب الوزير …، قد صرح …).
fn clause_subjects(c: &Ctx) -> Vec<Subject> {
    let n = c.doc.tokens.len();
    let mut out = Vec::new();
    for p in crate::lang::ar::byline::head(c.doc).map_or(0, |r| r.end)..n {
        let clause_start = p == c.sentence_start(p) || p > 0 && c.is(p - 1, class::COMMA);
        let cue = c.cue(p).is_some_and(|(_, q)| q.shape == CueShape::Finite && !q.needs_complement);
        if !cue && !(clause_start && verb_like(c, p)) {
            continue;
        }
        let limit = (p + 14).min(c.sentence_end(p));
        let Some((a, b)) = speaker_after(c, p, limit) else { continue };
        let head = c.w(a);
        let named_at_once = c
            .mentions_starting(c.doc.tokens[a].span.start, c.doc.tokens[a].span.end)
            .iter()
            .any(|(_, e)| matches!(c.entities[*e].entity.kind, EntityKind::Person | EntityKind::Organization));
        let person = c.entity_in(a, b).is_some_and(|e| c.entities[e].entity.kind == EntityKind::Person);
        // The phrase must open with its name, title or source noun (not a name deep inside a clause).
        let headed = c.ar.is_title(head) || c.is(a, class::ROLE_NOUN) || is_source_noun(head);
        if !(named_at_once || headed && (person || is_source_noun(head) || c.ar.is_title(head))) {
            continue;
        }
        let (speaker, span) = c.speaker_of(a, b);
        out.push(Subject { at: p, speaker, span });
    }
    out
}

/// A word that can open a clause as its verb: a plain word, not a name, title, noun with the
/// article, preposition or number.
fn verb_like(c: &Ctx, p: usize) -> bool {
    let w = c.w(p);
    let bare = clitics::peel(w, clitics::CONJUNCTIONS, 3).1;
    let named = !c.mentions_starting(c.doc.tokens[p].span.start, c.doc.tokens[p].span.end).is_empty();
    bare.chars().count() >= 3
        && bare.chars().all(crate::lang::ar::is_letter)
        && !named
        && !clitics::has_article(bare)
        && !c.ar.is_title(w)
        && !is_source_noun(w)
        && !c.is(p, class::SPEAKER_END)
        && !c.is(p, class::CLAUSE_BOUNDARY)
        && !c.is(p, class::SUBORDINATOR)
        && !c.is(p, class::CONTRAST)
        && c.ar.weekday(w).is_none()
        && c.ar.month(w).is_none()
}

/// دعت روسيا الولايات المتحدة إلى تعاون: the speaker right after the verb, then the content.
fn call_statement(c: &Ctx, v: usize, conj: usize, limit: usize) -> Option<Found> {
    // دعت روسيا الولايات المتحدة إلى تعاون: the speaker right after the verb, then the content.
    let (sa, sb) = speaker_after(c, v, limit)?;
    let e = c.entity_in(sa, sb)?;
    let sp = c.span(sa, sb);
    let end_of_speaker = c.mentions_starting(sp.start, sp.end).iter().find(|(_, x)| *x == e).map(|(m, _)| m.end)?;
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
        resume: a,
    })
}

/// Reporting frames: حسب قول X، … / بحسب (ما ذكرت) X / وفقا لـ X / نقلا عن X / جاء فيه: «…» /
/// جاء في البيان أن … / … كما أفاد به X.
fn frame_statement(c: &Ctx, i: usize, found: &[Found]) -> Option<Found> {
    let w = c.w(i);
    if c.is(i, class::BY_SAYING) && opens_content(c, i + 1) {
        return by_saying_statement(c, i, found);
    }
    // The whole word first: the و of وفقا and ورد is a root letter, not a conjunction.
    let bare = clitics::peel(w, &[clitics::WA], 2).1;
    // Both forms' classes looked up once: every token is asked about five frame classes.
    let classes = c.ar.words.classes(w) | if bare.len() < w.len() { c.ar.words.classes(bare) } else { 0 };
    let frame = |k: WordClass| classes & (1u128 << k.0) != 0;
    // Each frame class asked once: the arms below ask some of them again, for every token.
    let (according, published) = (frame(class::ACCORDING), frame(class::PUBLISHED));
    let reports = |k: usize| c.cue(k).is_some_and(|(_, q)| q.shape == CueShape::Finite) || is(without_wa(c.w(k)), class::PUBLISHED);
    // (ما) ذكرت (في/عن/به): the verb that a frame or «كما» governs; the source follows it.
    let past_verb = |k: usize| -> Option<usize> {
        let k = if c.is(k, class::FRAME_WHAT) && reports(k + 1) { k + 1 } else { k };
        reports(k).then(|| if c.is(k + 1, class::FRAME_LINK) { k + 2 } else { k + 1 })
    };
    let (cue_end, speaker_from) = match () {
        _ if according && c.is(i + 1, class::SAYING) => (i + 2, i + 2),
        _ if according
            && let Some(k) = past_verb(i + 1) =>
        {
            (k, k)
        }
        _ if according => (i + 1, i + 1),
        _ if frame(class::ACCORDING_TO) && c.w(i + 1).starts_with(LI) => (i + 1, i + 1),
        _ if frame(class::QUOTING) && c.is(i + 1, class::FROM) => (i + 2, i + 2),
        _ if frame(class::AS_FRAME)
            && i > c.sentence_start(i) + 2
            && let Some(k) = past_verb(i + 1) =>
        {
            return as_frame_statement(c, i, k, found);
        }
        _ if published && c.is(i + 1, class::IN_IT) => {
            // The institution that issued the text is the sentence's first named subject.
            let s = c.sentence_start(i);
            let (a, b) = content_from(
                c,
                (i + 2..(i + 5).min(c.doc.tokens.len())).find(|&k| matches!(c.w(k), "«" | "\"")).unwrap_or(if c.w(i + 2) == ":" { i + 3 } else { i + 2 }),
            )?
            .0;
            let direct = a > 0 && matches!(c.w(a - 1), "«" | "\"");
            let e = c
                .mentions
                .iter()
                .find(|(m, x)| {
                    m.start >= c.doc.tokens[s].span.start
                        && m.end <= c.doc.tokens[i].span.start
                        && matches!(c.entities[*x].entity.kind, EntityKind::Organization | EntityKind::Person)
                })
                .copied();
            return Some(Found {
                cue: c.span(i, i + 2),
                content: c.span(a, b),
                content_tok: (a, b),
                direct,
                speaker: e.map(|x| x.1),
                speaker_span: e.map(|x| x.0),
                at: i,
                resume: a,
            });
        }
        _ if published && c.is(i + 1, class::FRAME_LINK) => return published_in_statement(c, i),
        _ => return None,
    };
    // The speaker phrase: up to a comma or the sentence end (a few words at most).
    let send = c.sentence_end(i);
    let mut b = speaker_from;
    let mut k = speaker_from;
    // وفقا لـ: the ل is attached (لوزارة) or written لـ. A complementiser ends the source too
    // (بحسب ما ذكرت الوكالة فإن …).
    let opener = |k: usize| is_complementiser(clitics::peel(c.w(k), clitics::CONJUNCTIONS, 2).1);
    while k < send && k < speaker_from + 8 && !c.is(k, class::FRAME_END) && !opener(k) {
        k += 1;
        // A name in quotation marks completes the source (بحسب ما ذكر موقع قناة «المتوسط»).
        if k < send
            && k > speaker_from
            && c.w(k) == "«"
            && let Some(cl) = c.close[k].filter(|&cl| cl < send && cl <= k + 6)
        {
            k = cl + 1;
        }
        b = k;
    }
    let (sa, sb) = trim_speaker(c, speaker_from, b)?;
    let speaker = c.entity_in(sa, sb).or_else(|| {
        // "وفقا لوزارة …": the mention may start inside the first token after its ل.
        let sp = c.span(sa, sb);
        c.mentions_starting(sp.start, sp.end).iter().find(|(m, _)| sp.contains(*m)).map(|x| x.1)
    });
    let has_source = (sa..sb).any(|k| is_source_noun(c.w(k)) || c.ar.is_title(c.w(k)));
    if speaker.is_none() && !has_source {
        return None;
    }
    // «حسب الجدول، وفقا لمعايير …»: a rule or a plan followed is no source, whatever name follows it.
    let next = c.w(i + 1);
    if (frame(class::ACCORDING) || frame(class::ACCORDING_TO))
        && [clitics::stem(next), clitics::without_article(clitics::strip_proclitics(next))].iter().any(|w| is(w, class::NORM_NOUN))
    {
        return None;
    }
    // Frame first (…، content) or last (content … بحسب X).
    let sstart = c.sentence_start(i);
    let (a, b2, direct) = if i <= sstart + 1 || c.w(i - 1) == "،" && i <= sstart + 2 {
        let at = if c.is(k, class::COMMA) || c.w(k) == ":" || opener(k) { k + 1 } else { k };
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
    Some(Found {
        cue: c.span(i, cue_end),
        content: c.span(a, b2),
        content_tok: (a, b2),
        direct,
        speaker,
        speaker_span: Some(c.span(sa, sb)),
        at: i,
        resume: a.max(k),
    })
}

/// «ومضت المصادر بالقول إن …», «وختم بالقول: …»: the content after بالقول, said by the subject
/// between the governing verb and it, else by the implied subject.
fn by_saying_statement(c: &Ctx, i: usize, found: &[Found]) -> Option<Found> {
    let start = c.sentence_start(i);
    let mut p = i;
    while p > start && i - p < 6 && !verb_like(c, p - 1) && !c.is(p - 1, class::CLAUSE_BOUNDARY) {
        p -= 1;
    }
    let open = i + 1;
    let at = if is_complementiser(c.w(open)) || c.w(open) == ":" { open + 1 } else { open };
    let ((a, b), direct) = content_from(c, at)?;
    if b < a + 2 {
        return None;
    }
    let subject = trim_speaker(c, p, i).filter(|&(sa, sb)| c.entity_in(sa, sb).is_some() || (sa..sb).any(|k| is_source_noun(c.w(k)) || c.ar.is_title(c.w(k))));
    let (speaker, speaker_span) = match subject {
        Some((sa, sb)) => c.speaker_of(sa, sb),
        None if p == i => carried_speaker(c, i, found)?,
        None => return None,
    };
    let cue_end = if is_complementiser(c.w(open)) { open + 1 } else { i + 1 };
    Some(Found { cue: c.span(i, cue_end), content: c.span(a, b), content_tok: (a, b), direct, speaker, speaker_span, at: i, resume: a })
}

/// «… ، كما أفاد به مصدر أمني»: the clause before the frame is what the source said. A clause
/// opening after the verb (كما أكد أن …: "also") makes it an ordinary report instead.
fn as_frame_statement(c: &Ctx, i: usize, speaker_from: usize, found: &[Found]) -> Option<Found> {
    let send = c.sentence_end(i);
    let mut k = speaker_from;
    while k < send && k < speaker_from + 8 && !c.is(k, class::FRAME_END) {
        if is_complementiser(c.w(k)) || c.is(k, class::OBJECT_PREPOSITION) {
            return None;
        }
        k += 1;
    }
    if k < send && !c.is(k, class::CONTENT_END) {
        return None;
    }
    // The content: the clause before the frame, from the comma before it (or the sentence start).
    let sstart = c.sentence_start(i);
    let mut e = i;
    while e > sstart && c.is(e - 1, class::JOINT) {
        e -= 1;
    }
    let a = (sstart..e).rev().find(|&j| j > sstart && c.is(j - 1, class::COMMA)).unwrap_or(sstart);
    if e < a + 2 {
        return None;
    }
    let (speaker, speaker_span) = match trim_speaker(c, speaker_from, k) {
        Some((sa, sb)) => c.speaker_of(sa, sb),
        None => carried_speaker(c, i, found)?,
    };
    Some(Found { cue: c.span(i, speaker_from), content: c.span(a, e), content_tok: (a, e), direct: false, speaker, speaker_span, at: i, resume: k })
}

/// «جاء في البيان أن …», «ورد في التقرير: …»: the text named after في says the content.
fn published_in_statement(c: &Ctx, i: usize) -> Option<Found> {
    let send = c.sentence_end(i);
    let from = i + 2;
    let open = (from + 1..(from + 10).min(send)).take_while(|&k| !c.is(k, class::CONTENT_END)).find(|&k| opens_content(c, k))?;
    let at = if is_complementiser(c.w(open)) || c.w(open) == ":" { open + 1 } else { open };
    let ((a, b), direct) = content_from(c, at)?;
    if b < a + 2 {
        return None;
    }
    let (sa, sb) = trim_speaker(c, from, open)?;
    let sp = c.span(sa, sb);
    let speaker =
        c.mentions_starting(sp.start, sp.end).iter().find(|(m, x)| sp.contains(*m) && matches!(c.entities[*x].entity.kind, EntityKind::Organization | EntityKind::Person)).map(|x| x.1);
    Some(Found { cue: c.span(i, from), content: c.span(a, b), content_tok: (a, b), direct, speaker, speaker_span: Some(sp), at: i, resume: a })
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
    fn a_cable_s_congratulations_come_after_in_whose_name_they_are_sent() {
        let t = "بعث الملك سلمان بن عبدالعزيز برقية تهنئة للرئيس التونسي. وأعرب الملك المفدى باسمه واسم شعب وحكومة المملكة \
                 العربية السعودية، عن أصدق التهاني لفخامته.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("Salman bin Abdulaziz"));
        assert!(a.statements[0].content.slice(t).starts_with("عن أصدق التهاني"), "{}", a.statements[0].content.slice(t));
        assert!(a.entities.iter().all(|e| e.name != "باسمه"), "{:?}", a.entities);
    }

    #[test]
    fn his_highness_praised_is_a_statement_by_the_prince_named_before() {
        let t = "استقبل الأمير خالد الفيصل السفير الفرنسي. وأشاد سموه بجهود رجال الأمن في الحج.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("Khalid al-Faisal"));
        assert_eq!(a.statements[0].content.slice(t), "بجهود رجال الأمن في الحج");
    }

    #[test]
    fn a_role_whose_title_begins_with_waw_names_its_holder() {
        for role in ["ولي العهد", "سمو ولي العهد"] {
            let t = format!("التقى ولي العهد الأمير محمد بن نايف الوفد. وأكد {role} أن العلاقات متينة.");
            let a = run(&t);
            assert_eq!(speaker_name(&a, 0).as_deref(), Some("Mohammed bin Nayef"), "{role}: {:?}", a.statements);
        }
        let t = "التقى وزير الداخلية اليمني عبده الحذيفي الوفد. وأكد وزير الداخلية اليمني أن الأمن مستتب.";
        let a = run(t);
        assert!(speaker_name(&a, 0).is_some(), "{:?}", a.statements);
    }

    #[test]
    fn a_quoted_company_inside_a_role_does_not_hide_its_holder() {
        let t = "وأكد الرئيس التنفيذي لشركة \"لايف ستايل\" المهندس سلطان صبحي بترجي أن المشروع اكتمل.";
        let a = run(t);
        assert_eq!(a.statements[0].speaker_span.map(|s| s.slice(t)), Some("سلطان صبحي بترجي"), "{:?}", a.statements);
        assert!(a.statements[0].speaker.is_some());
    }

    #[test]
    fn a_spokesman_s_link_is_no_adjunct() {
        let t = "وأكد المتحدث باسم وزارة الخارجية الأمريكية الحاجة إلى حل سياسي في اليمن.";
        let a = run(t);
        assert!(a.statements.iter().all(|s| !s.content.slice(t).starts_with("إلى")), "{:?}", a.statements);
    }

    #[test]
    fn an_act_reported_inside_a_content_is_part_of_it() {
        let t = "وأشار المصدر إلى أن الوزارة أعلنت عن الاشتراطات الخاصة بالتسجيل في البرنامج.";
        let a = run(t);
        let contents: Vec<&str> = a.statements.iter().map(|s| s.content.slice(t)).collect();
        assert_eq!(contents[0], "الوزارة أعلنت عن الاشتراطات الخاصة بالتسجيل في البرنامج", "{contents:?}");
    }

    #[test]
    fn a_title_abbreviation_before_the_speaker() {
        let t = "وأوضح د. عبدالله المزروع أن اللجنة وضعت احتياطات كاملة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].speaker_span.map(|s| s.slice(t)), Some("عبدالله المزروع"));
        assert_eq!(a.statements[0].content.slice(t), "اللجنة وضعت احتياطات كاملة");
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
    fn a_feminine_participle_is_not_a_masculine_speakers() {
        // «مشيرة» agrees with the minister whose verb was أكدت, not with the official between.
        let t = "وأكدت وزيرة الصحة هند الصبيحي أن المستشفيات جاهزة. وقال المدير خالد العتيبي إن الفرق وصلت أمس، \
                 مشيرة إلى أن اللقاحات متوفرة.";
        let a = run(t);
        let last = a.statements.iter().position(|s| s.content.slice(t).starts_with("اللقاحات")).expect("the participle's statement");
        let official = a.statements.iter().position(|s| s.content.slice(t).starts_with("الفرق")).expect("the official's statement");
        assert!(a.statements[official].speaker.is_some(), "{:?}", a.statements);
        assert_ne!(a.statements[last].speaker, a.statements[official].speaker, "{:?}", a.statements);
        // A masculine participle still continues a feminine organisation (writers give a ministry «مشيرا»).
        let t = "وقالت وزارة الصحة في بيان إن المستشفيات جاهزة، مشيرا إلى أن اللقاحات متوفرة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(a.statements[1].speaker, a.statements[0].speaker);
        assert!(a.statements[1].speaker.is_some());
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

    #[test]
    fn noun_object_as_content_of_any_reporting_verb() {
        let t = "ونفى وزير الخارجية الأميركي جون كيري وجود أي اتفاق سري مع طهران.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert_eq!(a.statements[0].content.slice(t), "وجود أي اتفاق سري مع طهران");
        assert_eq!(a.statements[0].cue.unwrap().slice(t), "نفى");
    }

    #[test]
    fn prepositional_object_as_content() {
        let t = "وأعرب الرئيس الروسي فلاديمير بوتين عن قلقه من تصاعد العنف في المنطقة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("Vladimir Putin"));
        assert!(a.statements[0].content.slice(t).starts_with("عن قلقه من تصاعد"));
        // The speaker as written is the name, without the titles before it.
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "فلاديمير بوتين");
    }

    #[test]
    fn participle_with_an_object_continues_the_speaker() {
        let t = "وقال جون كيري إن المحادثات كانت مثمرة، مشيدا بدور الوسطاء في التوصل إلى الاتفاق.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("John Kerry"));
        assert_eq!(a.statements[0].content.slice(t), "المحادثات كانت مثمرة");
        assert!(a.statements[1].content.slice(t).starts_with("بدور الوسطاء"));
    }

    #[test]
    fn complementiser_far_from_its_verb() {
        let t = "وقال وزير الخارجية الأميركي جون كيري في مؤتمر صحافي عقده في العاصمة القطرية مع نظرائه من دول مجلس التعاون الخليجي أمس إن الاتفاق يجعل المنطقة أكثر أمنا.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "الاتفاق يجعل المنطقة أكثر أمنا");
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
    }

    #[test]
    fn forms_that_are_mostly_other_words_need_their_complement() {
        // بين "between", عبر "through", طالب "student", an imperfect with no subject.
        for t in [
            "وتم توزيع المساعدات بين الأسر المحتاجة في المدينة أمس.",
            "وعبر مئات اللاجئين الحدود إلى تركيا خلال الأسبوع الماضي.",
            "وكان طالب الطب قد غادر البلاد قبل عام.",
            "وهذا الاتفاق يؤكد حرص الطرفين على التعاون.",
        ] {
            assert!(run(t).statements.is_empty(), "{t}: {:?}", run(t).statements);
        }
        // عبر with its preposition is a cue.
        let t = "وعبر جون كيري عن أمله في استكمال المناقشات قريبا.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
    }

    #[test]
    fn implied_subject_with_a_prepositional_object() {
        let t = "وقال جون كيري إن الحوار مستمر. وأكد على ضرورة التزام جميع الأطراف بوقف إطلاق النار.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("John Kerry"));
        assert!(a.statements[1].content.slice(t).contains("ضرورة التزام"));
    }

    #[test]
    fn a_role_completed_by_an_organisation_is_the_speaker() {
        let t = "وأكدت الأمانة العامة لمنظمة التعاون الإسلامي أن هذه التصريحات مرفوضة تماما.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "الأمانة العامة لمنظمة التعاون الإسلامي");
    }

    #[test]
    fn frames_whose_first_letter_is_waw() {
        // وفقا and ورد begin with a root و, not the conjunction.
        let t = "وفقا لوزارة الصحة، تعافى خمسون مريضا خلال الأسبوع.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "تعافى خمسون مريضا خلال الأسبوع");
        let t = "وورد في التقرير أن عدد الزوار تضاعف خلال الصيف الماضي.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "عدد الزوار تضاعف خلال الصيف الماضي");
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "التقرير");
    }

    #[test]
    fn masdar_and_as_frames() {
        let t = "وجاء في البيان أن الشركة ستوزع أرباحا على المساهمين.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "الشركة ستوزع أرباحا على المساهمين");
        // The clause before «كما أفاد به X» is what X said.
        let t = "وأصيب ثلاثة عمال في الحريق، كما أفاد به مصدر في الدفاع المدني.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "وأصيب ثلاثة عمال في الحريق");
        assert!(a.statements[0].speaker_span.unwrap().slice(t).starts_with("مصدر"));
        // «بحسب ما ذكرت X فإن …»: the source between the verb and فإن, the content after it.
        let t = "وبحسب ما ذكرت وكالة رويترز فإن الاجتماع تأجل إلى الأسبوع المقبل.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("Reuters"));
        assert_eq!(a.statements[0].content.slice(t), "الاجتماع تأجل إلى الأسبوع المقبل");
        // «كما أكد أن …» is "also", an ordinary report.
        let t = "وقال جون كيري إن الاتفاق قريب، كما أكد أن المفاوضات مستمرة.";
        assert_eq!(run(t).statements.len(), 2, "{:?}", run(t).statements);
    }

    #[test]
    fn a_relayed_source_ends_at_the_verbal_noun() {
        let t = "ونقلت الصحيفة عن المتحدث باسم الشرطة قوله إن التحقيق ما زال جاريا.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "المتحدث باسم الشرطة");
        assert_eq!(a.statements[0].content.slice(t), "التحقيق ما زال جاريا");
    }

    #[test]
    fn the_implied_subject_is_the_nearest_subject_not_the_last_speaker() {
        let t = "وقال فلاديمير بوتين إن بلاده مستعدة للحوار. ويسعى جون كيري إلى تهدئة الحلفاء، وأكد أن الاتفاق يخدم المنطقة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("John Kerry"));
        // A reporting verb whose content is a participle's gives that participle its speaker.
        let t = "وقال فلاديمير بوتين إن بلاده مستعدة للحوار. من جهته، صرح جون كيري، قائلا: «نحن ننتظر الأفعال».";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("John Kerry"));
    }

    #[test]
    fn a_speaker_set_off_by_commas_before_qad() {
        let t = "وكان وزير الخارجية الأميركي، جون كيري، قد صرح لوكالة رويترز بأن الحل السياسي ما زال ممكنا.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert_eq!(a.statements[0].content.slice(t), "الحل السياسي ما زال ممكنا");
        let t = "وكان عضو المكتب السياسي للحركة، جون كيري، قد أكد في تصريحات أمس استعداد الحركة للحوار.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert!(a.statements[0].content.slice(t).starts_with("استعداد الحركة"));
    }

    #[test]
    fn a_long_role_reaches_its_holders_name() {
        let t = "وقال نائب رئيس اللجنة الوطنية للتعليم وعضو مجلس الأمناء في الجامعة الدكتور جون كيري إن البرنامج حقق أهدافه.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        // A name inside an adjunct or after a ل-title is not the holder.
        let t = "وقال المتحدث باسم الوزارة خلال لقائه مع جون كيري إن الزيارة ناجحة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_ne!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        let t = "وأكد المستشار الخاص للرئيس فلاديمير بوتين أن الزيارة ناجحة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_ne!(speaker_name(&a, 0).as_deref(), Some("Vladimir Putin"));
    }

    #[test]
    fn an_institutions_body_speaks_for_it_and_a_role_does_not() {
        let t = "وأكدت الأمانة العامة لجامعة الدول العربية أن القرار يهدد الاستقرار.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].speaker.is_some(), "{:?}", a.statements);
        let t = "وقال مدير جامعة الدول العربية للإعلام إن القرار يهدد الاستقرار.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].speaker.is_none(), "{:?}", a.statements);
    }

    #[test]
    fn a_participle_needs_a_pause_or_its_content() {
        // مبلغا "amount", مقرات "premises": participle forms that are nouns here.
        let t = "وقال جون كيري إن الاتفاق قريب. وتفرض البلدية مبلغا محددا على كل متجر.";
        assert_eq!(run(t).statements.len(), 1, "{:?}", run(t).statements);
        let t = "وقال جون كيري إن الاتفاق قريب، مضيفا أن التوقيع سيتم قريبا.";
        assert_eq!(run(t).statements.len(), 2, "{:?}", run(t).statements);
    }

    #[test]
    fn a_named_addressee_comes_before_the_speaker() {
        let t = "وكشف لـ«الشرق الأوسط» وزير الخارجية الأميركي جون كيري أن الاتفاق سيوقع الأسبوع المقبل.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
    }

    #[test]
    fn a_role_without_a_name_is_the_person_introduced_with_it() {
        // In apposition after the name, then alone.
        let t = "وقال جون كيري المبعوث الخاص للأمم المتحدة إن الحوار مستمر. وأكد المبعوث الخاص أن الاتفاق قريب.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("John Kerry"));
        // A person named as another role's complement does not hold this one.
        let t = "وقال جون كيري المستشار الخاص للرئيس فلاديمير بوتين إن الحوار مستمر. وأكد المستشار الخاص أن الاتفاق قريب.";
        let a = run(t);
        assert_eq!(a.statements.len(), 2, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 1).as_deref(), Some("John Kerry"));
    }

    #[test]
    fn a_description_after_wa_huwa_separates_speaker_and_verb() {
        let t = "وفي المدينة، جون كيري وهو دبلوماسي مخضرم قادم من مدينة بوسطن يقول: «الحوار مستمر».";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
    }

    #[test]
    fn a_quoted_name_completes_a_frames_source() {
        let t = "وتمكن القيادي من الفرار، بحسب ما ذكر موقع قناة «العربية».";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].speaker_span.unwrap().slice(t).contains("العربية"), "{:?}", a.statements);
    }

    #[test]
    fn a_demonstrative_after_the_verb_points_back_at_the_sentence_before() {
        let t = "ووصلت قوات إضافية إلى المدينة لتأمين مطارها. كشف ذلك وزير الخارجية الأميركي جون كيري للصحافيين.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert_eq!(a.statements[0].content.slice(t), "ووصلت قوات إضافية إلى المدينة لتأمين مطارها");
        // The demonstrative of a noun is not a back reference.
        let t = "ووصلت قوات إضافية إلى المدينة لتأمين مطارها. وذكر هذا الحادث بحادث مماثل وقع العام الماضي.";
        assert!(run(t).statements.is_empty(), "{:?}", run(t).statements);
    }

    #[test]
    fn a_family_name_that_is_a_title_before_a_comma() {
        let t = "وأكد أمين المنطقة جون القاضي، ضرورة تسريع إنجاز المشاريع في المحافظات.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].content.slice(t).starts_with("ضرورة تسريع"), "{:?}", a.statements);
    }

    #[test]
    fn by_saying_opens_the_content_of_the_subject_before_it() {
        let t = "ومضت المصادر بالقول إن المتمردين فقدوا معظم أسلحتهم في المعارك.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].speaker_span.unwrap().slice(t), "المصادر");
        assert_eq!(a.statements[0].content.slice(t), "المتمردين فقدوا معظم أسلحتهم في المعارك");
    }

    #[test]
    fn a_time_adjunct_before_the_object() {
        let t = "وأعلن وزير الخارجية الأميركي جون كيري في مطلع مايو خطة لإعادة الإعمار في المنطقة.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert!(a.statements[0].content.slice(t).starts_with("خطة"), "{:?}", a.statements);
    }

    #[test]
    fn an_imperfect_inside_a_reported_clause_is_part_of_it() {
        let t = "وقال جون كيري إن هذا البرنامج يؤكد اهتمام الحكومة بتعليم الشباب.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].content.slice(t), "هذا البرنامج يؤكد اهتمام الحكومة بتعليم الشباب");
    }

    #[test]
    fn a_speakers_origin_and_a_dash_after_the_verb() {
        let t = "وعبر – جون كيري من واشنطن عن سعادته بنجاح المهرجان.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(speaker_name(&a, 0).as_deref(), Some("John Kerry"));
        assert!(a.statements[0].content.slice(t).starts_with("عن سعادته"));
    }

    #[test]
    fn a_rule_followed_is_no_source() {
        let t = "وتعمل الفرق وفقاً للمعايير التي أقرتها وزارة الصحة في الرياض. وبحسب وزارة الصحة فإن العمل مستمر.";
        let a = run(t);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert!(a.statements[0].content.slice(t).starts_with("العمل مستمر"), "{:?}", a.statements);
    }
}
