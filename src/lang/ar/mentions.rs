//! Arabic rules for the mentions stage: lexicon names (one automaton pass, clitic-aware),
//! titles before names, organisation heads, equipment designations and counted quantities.

use crate::EntityKind;
use crate::lang::WordClass;
use crate::lang::ar::clitics::{self, ARTICLE, BI_LI, CONJUNCTIONS, LI, LI_ARTICLE, WA, has_article, stem};
use crate::lang::ar::news_lexicon::NewsLexicon;
use crate::lang::ar::tagger::{
    WideContext, char_prefix, char_suffix, context_stem_features, neighbour_cluster_features, news_lexicon_features, own_cluster_features, propagate_names,
    stem_letter_features,
};
use crate::lang::ar::word_clusters::WordClusters;
use crate::lang::ar::{Arabic, arabic, class, is_clitic_prefix, transliterate};
use crate::stages::Resources;
use crate::stages::mentions::{Cand, EntityKey, Mention, Source, resolve_overlaps, surname_mentions};
use crate::stages::segment::Doc;
use crate::stages::tagger::{FeatureHasher, FlatFeatures, Model};
// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

/// Adds this language's mentions to `out` (which holds the gazetteer's already).
pub fn find(doc: &Doc, _res: &Resources, out: &mut Vec<Mention>) {
    find_with_tagger(doc, tagger_model(), &arabic().news_lexicon, out)
}

/// The mentions of `doc` as at run time, the statistical layer being `model` with `lexicon` among
/// its features (training tools score held-out text with the model and lexicon of each fold);
/// `out` holds the gazetteer's on entry.
pub fn find_with_tagger(doc: &Doc, model: Option<&Model>, lexicon: &NewsLexicon, out: &mut Vec<Mention>) {
    if doc.tokens.is_empty() {
        return;
    }
    let gaz: Vec<Mention> = std::mem::take(out);
    let mut kept = rule_mentions(doc, gaz);
    if let Some(model) = model {
        let feats = tagger_features(doc, &kept, &arabic().clusters, lexicon);
        // The rows of what a word alone decides, summed once per distinct word: the tokens add
        // only their context's (integer sums: the same as adding every row per token).
        let stride = model.stride();
        let mut word_scores = vec![0i32; feats.words.ends.len() * stride];
        for (id, scores) in word_scores.chunks_exact_mut(stride).enumerate() {
            model.add_rows(feats.words.row(id), scores);
        }
        let mut tags = vec![0u8; doc.tokens.len()];
        for s in &doc.sentences {
            let at = s.tokens.start;
            let sentence = model.decode(
                s.tokens.len(),
                |k| feats.words.row(feats.ids[at + k])[0],
                |k, scores| {
                    let own = &word_scores[feats.ids[at + k] * stride..][..stride];
                    scores.iter_mut().zip(own).for_each(|(s, w)| *s += w);
                    model.add_rows(feats.context.row(at + k), scores);
                },
            );
            tags[s.tokens.clone()].copy_from_slice(&sentence);
        }
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.ftok(i)).collect();
        propagate_names(&words, &mut tags, &model.tags, is_name_word, |w| arabic().conjoined(w, lexicon));
        let mut tagged = Vec::new();
        for s in &doc.sentences {
            tagged.extend(tagger_spans(doc, s.tokens.start, &tags[s.tokens.clone()], &model.tags));
        }
        tagger_checks_rule_persons(doc, arabic(), &tags, &mut kept);
        // The tagger fills gaps; where the rules found something, the rules stand.
        for mut m in tagged {
            if !kept.iter().any(|k| k.m.span.overlaps(m.span)) {
                m.name_en = Some(transliterate(m.span.slice(doc.text)));
                kept.push(Cand { m, src: Source::Pattern });
            } else if m.kind == EntityKind::Person && !person_over_towns(doc, arabic(), &mut kept, &m) {
                take_whole_name(doc, arabic(), &mut kept, m);
            }
        }
        crate::sort::by_key(&mut kept, |c| c.m.span.start);
    }
    name_the_namesakes(doc, arabic(), &mut kept);
    kept.retain(|c| !names_an_activity(doc, arabic(), c));
    leave_out_common_words(doc, arabic(), lexicon, &mut kept);
    widen_place_openers(doc, &mut kept);
    join_dotted_letters(doc, &mut kept);
    join_kunya(doc, &mut kept);
    extend_kunya_nisba(doc, arabic(), &mut kept);
    regnal_ordinals(doc, arabic(), &mut kept);
    let mut kept: Vec<Mention> = kept.into_iter().map(|c| c.m).collect();
    leave_out_clitics(doc, arabic(), &mut kept);
    super::byline::mentions(doc, &mut kept);
    // The last word after بن or آل is a father's or a family's name, and a word that is also a
    // particle (علي folded as على) is read alone as the particle.
    let names_alone = |words: &[&str]| {
        let [.., before, last] = words else { return false };
        !is(before, class::NASAB) && !arabic().is_stop_as_written(last)
    };
    surname_mentions(doc, &mut kept, is_clitic_prefix, names_alone);
    if let Some(tags) = super::byline::tag_list_start(doc) {
        kept.retain(|m| m.span.start < tags);
    }
    drop_persons_without_a_name(doc, &mut kept);
    *out = kept;
}

/// An organisation the rules or the tagger read in a head and a complement that the news uses for
/// an activity (حركة الرياح السطحية «the surface winds' movement», تنظيم الفعاليات: activities.tsv);
/// a listed name stands.
fn names_an_activity(doc: &Doc, ar: &Arabic, c: &Cand) -> bool {
    let (a, b) = token_range(doc, c.m.span);
    if c.m.kind != EntityKind::Organization || c.src == Source::Lexicon || b < a + 2 {
        return false;
    }
    let (_, rest) = clitics::peel(doc.ftok(a), CONJUNCTIONS, 3);
    let (_, head) = clitics::peel(rest, BI_LI, 3);
    ar.is_activity(head, doc.ftok(a + 1))
}

/// A person's name right after the noun of an institution or site named after people (مسجد عمر بن
/// الخطاب, شركة ليمان براذرز, ملعب «لوفتس رود», مدرسة حسان بن ثابت المتوسطة) is that institution's
/// or site's name: the mention becomes the whole phrase, its definite adjectives included, an
/// organisation or a place by the noun's class (words.tsv, namesake_org_head / namesake_site_head).
fn name_the_namesakes(doc: &Doc, ar: &Arabic, kept: &mut [Cand]) {
    let n = doc.tokens.len();
    let quote = |k: usize| matches!(doc.ftok(k), "«" | "\"" | "“" | "(");
    let unquote = |k: usize| matches!(doc.ftok(k), "»" | "\"" | "”" | ")");
    let head_of = |w: &str| {
        if is(w, class::NAMESAKE_ORG_HEAD) {
            Some(EntityKind::Organization)
        } else if is(w, class::NAMESAKE_SITE_HEAD) {
            Some(EntityKind::Place)
        } else {
            None
        }
    };
    for i in 0..kept.len() {
        let m = &kept[i].m;
        let (a, b) = token_range(doc, m.span);
        if m.kind != EntityKind::Person || a == 0 || doc.tokens[a].span.start != m.span.start {
            continue;
        }
        let quoted = quote(a - 1) && a >= 2;
        let h = if quoted { a - 2 } else { a - 1 };
        if doc.tokens[h].sentence != doc.tokens[a].sentence {
            continue;
        }
        let word = doc.ftok(h);
        let (conj, rest) = clitics::peel(word, CONJUNCTIONS, 2);
        let (prep, head) = clitics::peel(rest, BI_LI, 2);
        let (skip, head, kind) = match [(0, word), (conj, rest), (conj + prep, head)].into_iter().find_map(|(k, w)| Some((k, w, head_of(w)?))) {
            Some(found) => found,
            None => continue,
        };
        if kept.iter().any(|c| c.m.span.overlaps(doc.tokens[h].span)) {
            continue;
        }
        let mut end = b;
        if quoted {
            if end < n && unquote(end) {
                end += 1;
            } else {
                continue;
            }
        }
        // Its adjectives of kind (مطار حمد الدولي, مدرسة سلمان الفارسي الابتدائية), which the
        // English names table knows, agreeing with the noun in gender; a description (استاد
        // ماراكانا العريق, الشهير) is not the name, nor a time (مدينة فيرغسون العام الماضي).
        let adjectives_from = end;
        while end < n
            && end < adjectives_from + 3
            && doc.tokens[end].sentence == doc.tokens[a].sentence
            && starts_with_al(doc.ftok(end))
            && ar.translit.is_adjective(doc.ftok(end))
            && doc.ftok(end).ends_with('ه') == head.ends_with('ه')
            && !kept.iter().any(|c| c.m.span.overlaps(doc.tokens[end].span))
        {
            end += 1;
        }
        let fstart = doc.tokens[h].fstart + skip;
        let fend = doc.tokens[end - 1].fend;
        let adjectives = if end > adjectives_from { &doc.folded.text[doc.tokens[adjectives_from].fstart..fend] } else { "" };
        let key_text: String = doc.folded.text[fstart..fend].chars().filter(|c| !matches!(c, '«' | '»' | '"' | '“' | '”' | '(' | ')')).collect();
        let name_en = m.name_en.clone().unwrap_or_else(|| transliterate(m.span.slice(doc.text)));
        let span_end = doc.tokens[end - 1].span.end;
        kept[i].m = Mention {
            span: crate::Span::new(doc.folded.orig(fstart), span_end),
            kind,
            key: EntityKey::Surface(kind, key_text.split_whitespace().collect::<Vec<_>>().join(" ")),
            name_en: Some(ar.translit.named_after(head, &name_en, adjectives)),
            geo: None,
        };
        kept[i].src = Source::Pattern;
    }
}

/// Persons with no name left: a style of address alone, and a role standing alone for the person
/// it introduced earlier (وزير التعليم … حرص) when that person's name went: the rules that left
/// the name out (a common word, حرص "was keen") found no person there, and the role would carry
/// the lost name's English («Hars»).
fn drop_persons_without_a_name(doc: &Doc, kept: &mut Vec<Mention>) {
    let ar = arabic();
    // A style of address alone (السمو of صاحب السمو, spread over the document as a name) is no one.
    let style_only = |m: &Mention| {
        let (a, b) = token_range(doc, m.span);
        m.kind == EntityKind::Person
            && (a..b).all(|k| is_honorific(doc.ftok(k)) || is(strip_conj(doc.ftok(k)).1, class::HONORIFIC_OWNER))
    };
    kept.retain(|m| !style_only(m));
    let stands_in: Vec<bool> = kept
        .iter()
        .map(|m| {
            let (first, end) = token_range(doc, m.span);
            m.kind == EntityKind::Person && matches!(&m.key, EntityKey::Surface(..)) && first < end && ar.title_prefix(doc.ftok(first)).is_some()
        })
        .collect();
    if !stands_in.contains(&true) {
        return;
    }
    let named: Vec<&EntityKey> = kept.iter().zip(&stands_in).filter(|(m, s)| m.kind == EntityKind::Person && !**s).map(|(m, _)| &m.key).collect();
    let orphans: Vec<bool> = kept.iter().zip(&stands_in).map(|(m, &s)| s && !named.contains(&&m.key)).collect();
    let mut k = 0;
    kept.retain(|_| {
        k += 1;
        !orphans[k - 1]
    });
}

/// The tagger learnt with the rules' findings among its features, on text labelled by people, so
/// where it reads none of a patterned person's words as a name it has seen that pattern go wrong
/// there: a role or a verb followed by common words (الرئيس الأميركي عزما أكيدا, رئيس الوزراء
/// ليقرر متى يحين). Such a person of two words or more goes, with the role mentions linked to it,
/// unless it opens on a given name, a title or a name particle or is a word and a family name
/// (ساعد الحارثي); one word after a title stays (السيدة رفه): the rule alone is the evidence for
/// unknown names. And where the tagger ends a patterned name early, the common words it left out
/// go (فرانسوا أولوند التعليق, لوبيه يصدر عفوا), but not a given name, a word the clusters do not
/// know (a rare family name), a definite nisba (ماجد عبدالكريم الإفريقي), a family name after a
/// given name alone (إبراهيم العيد) or a word after بن.
fn tagger_checks_rule_persons(doc: &Doc, ar: &Arabic, tags: &[u8], kept: &mut Vec<Cand>) {
    // A role standing for a name carries that name's key: only a person named by its own words is judged.
    let named_by_its_words = |c: &Cand, a: usize, b: usize| {
        matches!(&c.m.key, EntityKey::Surface(_, s) if doc.folded.text[doc.tokens[a].fstart..doc.tokens[b - 1].fend].ends_with(s.as_str()))
    };
    let patterned = |c: &Cand| c.src == Source::Pattern && c.m.kind == EntityKind::Person;
    let nisba = |w: &str| starts_with_al(w) && ends_with_any(w, class::NISBA_ENDING) && !ar.is_demonym(w);
    let rejected = |c: &Cand| {
        let (a, b) = token_range(doc, c.m.span);
        if !patterned(c) || b <= a + 1 || tags[a..b].iter().any(|&t| t != 0) || !named_by_its_words(c, a, b) {
            return false;
        }
        let w = doc.ftok(a);
        // ة folds to ه: only the word as written tells a possessive (برنامجه العلاجي).
        let possessive = doc.otok(a).ends_with('\u{0647}') || doc.otok(a).ends_with("\u{0647}\u{0627}");
        let family_name = b == a + 2 && nisba(doc.ftok(a + 1)) && !hamza_al(doc, a + 1) && !is_not_name(ar, w) && !possessive;
        !(family_name || given_name_like(ar, w) || ar.lexical(w).title() || is_role_noun(w) || is_name_particle(strip_conj(w).1))
    };
    let rejected_keys: Vec<EntityKey> = kept.iter().filter(|c| rejected(c)).map(|c| c.m.key.clone()).collect();
    kept.retain(|c| !(patterned(c) && rejected_keys.contains(&c.m.key)));
    let common = |k: usize| {
        let w = doc.ftok(k);
        ar.clusters.path(clitics::stem(w)).is_some() && !given_name_like(ar, w) && !nisba(w)
    };
    for c in kept.iter_mut().filter(|c| patterned(c)) {
        let (a, b) = token_range(doc, c.m.span);
        if b <= a || !named_by_its_words(c, a, b) {
            continue;
        }
        let Some(last) = (a..b).rev().find(|&k| tags[k] != 0).filter(|&last| last + 1 < b) else { continue };
        if last == a && given_name_like(ar, doc.ftok(a)) && starts_with_al(doc.ftok(a + 1)) {
            continue;
        }
        let mut end = b;
        while end > last + 1 && (last + 1..end).all(common) && !is_name_particle(doc.ftok(end - 2)) && !is(doc.ftok(end - 2), class::NASAB) {
            end -= 1;
        }
        if end < b {
            *c = person_named(doc, a, end);
        }
    }
}

/// A name the tagger or a pattern found with a particle on its first word (وفهد الثنيان، لمحسن
/// مرزوق، بالاتحاد السعودي، للغفيلي) is the name without it: the mention starts after the particle,
/// and its key and English name are the citation form's, so that it joins the name written bare.
/// A conjunction goes only before a given name, a name particle or a preposition on the article, a
/// ب/ل/ك only before a given name, a name particle or an institution or place head, unless the
/// whole word is itself a given name (وليد، بسام); a single head left alone (لشرطة) is no name, a
/// person whose name opens with an organisation head (لوزارة العمل) is that organisation, with a
/// place head none. A person's name does not end on a preposition before the article or a head
/// (عبدالحكيم بافرج مديرا لمستشفى، نايف للإسعافات): such words begin the phrase after it.
fn leave_out_clitics(doc: &Doc, ar: &Arabic, kept: &mut Vec<Mention>) {
    let nameish = |w: &str| w.chars().count() >= 3 && (ar.is_given_name_as_written(w) || is_name_particle(w));
    let head = |w: &str| is_institution_or_place_noun(w) || is(w, class::FACILITY_HEAD);
    // (bytes left out, the article's alef restored)
    let after_prep = |x: &str| -> Option<(usize, bool)> {
        if let Some(found) = ar.preposition_on_article(x) {
            return Some(found);
        }
        let (n, rest) = clitics::peel(x, clitics::PREPOSITIONS, 2);
        (n > 0 && !ar.is_given_name_as_written(x) && (nameish(rest) || head(rest))).then_some((n, false))
    };
    kept.retain_mut(|m| {
        let EntityKey::Surface(kind, _) = m.key else { return true };
        let t = doc.token_at_or_after(m.span.start);
        let t = if t < doc.tokens.len() && doc.tokens[t].span.start <= m.span.start { t } else { t.saturating_sub(1) };
        let Some(tok) = doc.tokens.get(t) else { return true };
        let fs = doc.folded.folded(m.span.start).max(tok.fstart);
        let mut fe = doc.folded.folded(m.span.end);
        if fs >= tok.fend || fe <= fs {
            return true;
        }
        let w = &doc.folded.text[fs..tok.fend];
        if generic_facility(doc, ar, t, fe) {
            return false;
        }
        if kind == EntityKind::Person {
            let mut last = doc.token_at_or_after(m.span.end).saturating_sub(1);
            while last > t && doc.tokens[last].fend <= fe && {
                let lw = doc.ftok(last);
                lw.chars().next().is_some_and(|c| clitics::PREPOSITIONS.contains(&c))
                    && !ar.is_given_name_as_written(lw)
                    && (after_prep(lw).is_some_and(|(n, alef)| alef || !nameish(&lw[n..])) || has_pronoun_suffix(lw))
            } {
                fe = doc.tokens[last - 1].fend;
                last -= 1;
            }
        }
        let opens_with_particle =
            !ar.is_given_name_as_written(w) && !head(w) && w.chars().next().is_some_and(|c| CONJUNCTIONS.contains(&c) || clitics::PREPOSITIONS.contains(&c));
        let (conj, rest) = clitics::peel(w, CONJUNCTIONS, 2);
        let cut = match after_prep(w).filter(|_| opens_with_particle && !CONJUNCTIONS.contains(&w.chars().next().unwrap_or_default())) {
            Some(found) => Some(found),
            None if conj > 0 && opens_with_particle => after_prep(rest).map(|(n, alef)| (conj + n, alef)).or_else(|| nameish(rest).then_some((conj, false))),
            None => None,
        };
        let old_fe = doc.folded.folded(m.span.end);
        if cut.is_none() && fe == old_fe {
            return true;
        }
        let (cut, alef) = cut.unwrap_or((0, false));
        let start = fs + cut;
        let bare = &doc.folded.text[start..tok.fend];
        if head(bare) && kind != EntityKind::Place && (kind != EntityKind::Organization || fe <= tok.fend) {
            // A head alone names nothing; a "person" opening with one is the institution.
            if fe <= tok.fend || !is_org_head(bare) {
                return false;
            }
            m.kind = EntityKind::Organization;
        }
        let span = doc.folded.orig_span(start, fe);
        let written = span.slice(doc.text);
        let cited = if alef { super::citation_form(written).unwrap_or_else(|| written.to_string()) } else { written.to_string() };
        let retransliterate = m.name_en.as_deref() == Some(transliterate(m.span.slice(doc.text)).as_str());
        m.span = span;
        m.key = EntityKey::Surface(m.kind, crate::stages::normalize::fold(&cited));
        if retransliterate {
            m.name_en = Some(transliterate(&cited));
        }
        true
    });
}

/// A facility or institution noun with no name after it (مستشفى، المستشفى، لكلية، مستشفى ميداني,
/// ending at folded `fe`) describes one; it does not name one. A definite organisation head alone
/// (الاتحاد، الجيش) is left to the tagger: papers call a club or an army so.
fn generic_facility(doc: &Doc, ar: &Arabic, t: usize, fe: usize) -> bool {
    let bare = stem(doc.ftok(t));
    let facility = is(bare, class::FACILITY_HEAD) || is(bare, class::EPONYM_ORG_HEAD);
    let head = facility || is(bare, class::COMPANY_NOUN) || is(bare, class::SITE_HEAD) || is_org_head(bare);
    let definite = has_article(clitics::strip_proclitics(doc.ftok(t))) || clitics::has_preposition_and_article(doc.ftok(t));
    if !head || (!facility && definite) {
        return false;
    }
    let nisba = |w: &str| {
        !has_article(w)
            && (ends_with_any(w, class::NISBA_ENDING)
                || ar.words.list(class::FEMININE_ENDING).iter().any(|f| w.strip_suffix(f.as_str()).is_some_and(|r| ends_with_any(r, class::NISBA_ENDING))))
    };
    (t + 1..doc.tokens.len()).take_while(|&k| doc.tokens[k].fstart < fe).all(|k| nisba(doc.ftok(k)))
}

/// The rule layer alone: gazetteer, lexicon and pattern mentions with overlaps resolved.
fn rule_mentions(doc: &Doc, gaz: Vec<Mention>) -> Vec<Cand> {
    let ar = arabic();
    let adjective = |m: &Mention| {
        word_and_the_one_before(doc, m).is_some_and(|(w, before)| adjective_after_plural(w, before) || elative_after_definite(w, before))
    };
    let mut cands: Vec<Cand> = gaz.into_iter().filter(|m| !adjective(m)).map(|m| Cand { m, src: Source::Gazetteer }).collect();
    lexicon_mentions(doc, ar, &mut cands);
    extend_lexicon_people(doc, ar, &mut cands);
    // Which token starts a lexicon/gazetteer mention (patterns must not swallow known names).
    let mut known_at: HashMap<usize, usize> = HashMap::default();
    for (k, c) in cands.iter().enumerate() {
        let t = doc.token_at_or_after(c.m.span.start);
        let t = if t < doc.tokens.len() && doc.tokens[t].span.start == c.m.span.start { t } else { t.saturating_sub(1) };
        known_at.entry(t).or_insert(k);
    }
    let mut patterns = Vec::new();
    title_mentions(doc, ar, &cands, &known_at, &mut patterns);
    org_head_mentions(doc, ar, &cands, &known_at, &mut patterns);
    eponym_mentions(doc, ar, &mut patterns);
    quoted_org_mentions(doc, ar, &cands, &known_at, &mut patterns);
    latin_org_mentions(doc, &mut patterns);
    institutions_of_known_orgs(doc, ar, &cands, &known_at, &mut patterns);
    super::places::find(doc, ar, &cands, &known_at, &mut patterns);
    super::places::coordinated(doc, ar, &cands, &known_at, &mut patterns);
    equipment_and_quantities(doc, ar, &mut patterns);
    cands.extend(patterns);
    resolve_overlaps(cands)
}

/// A one-word mention's (folded) word and the word before it in its sentence: a place name there
/// may be an adjective agreeing with that word.
fn word_and_the_one_before<'d>(doc: &'d Doc, m: &Mention) -> Option<(&'d str, &'d str)> {
    let (a, b) = token_range(doc, m.span);
    (b == a + 1 && a > 0 && doc.tokens[a - 1].sentence == doc.tokens[a].sentence).then(|| (doc.ftok(a), doc.ftok(a - 1)))
}

/// A one-word definite place that agrees as a feminine adjective with the plural before it
/// (المشروبات الغازية, القوات الجوية) is that adjective, not the town it spells.
fn adjective_after_plural(w: &str, before: &str) -> bool {
    let feminine_nisba =
        arabic().words.list(class::FEMININE_ENDING).iter().any(|f| w.strip_suffix(f.as_str()).is_some_and(|r| ends_with_any(r, class::NISBA_ENDING)));
    starts_with_al(w)
        && feminine_nisba
        && starts_with_al(strip_conj(before).1)
        && ends_with_any(before, class::FEMININE_PLURAL_ENDING)
        && before.chars().count() >= 6
}

/// A one-word definite name in the elative shape of a weak root (الأقصى «the farthest», like
/// الأدنى, الأعلى) after a definite word is that word's adjective: الحد الأقصى (the maximum), الشرق الأقصى,
/// المغرب الأقصى; the mosque is «الأقصى» alone or after a preposition or an indefinite noun
/// (باحة الأقصى). In the news, most «الأقصى» after a definite word are the adjective.
fn elative_after_definite(w: &str, before: &str) -> bool {
    let letters: Vec<char> = w.chars().collect();
    let elative = matches!(letters[..], ['ا', 'ل', 'ا', _, _, 'ي']);
    let before = strip_conj(before).1;
    let (_, before) = clitics::peel(before, clitics::BI_LI, 3);
    elative && starts_with_al(before)
}

/// The shipped Arabic NER model (trained on ANERcorp, NewsFANE and AQMAR by `cargo run --release
/// --example train_ner_ar -- build`); `None` when the file is a placeholder.
pub(super) fn tagger_model() -> Option<&'static Model> {
    arabic().tagger.as_ref()
}

/// The mentions of `doc` from the gazetteer, the rules and `model` (with `lexicon`): the whole
/// Arabic mention stage with a tagger under training.
pub fn mentions_with_tagger(doc: &Doc, res: &Resources, model: &Model, lexicon: &NewsLexicon) -> Vec<Mention> {
    let mut out = crate::stages::mentions::gazetteer_mentions(doc, res);
    find_with_tagger(doc, Some(model), lexicon, &mut out);
    out
}

/// Features for training the Arabic tagger on one document: the same rule layer as at run time,
/// with the word clusters being trained (`clusters`) in place of the shipped ones, and without the
/// news lexicon's (the tools add those of each fold's lexicon: `tagger::news_lexicon_features`).
pub fn training_features(doc: &Doc, res: &Resources, clusters: &WordClusters) -> Vec<Vec<u32>> {
    let gaz = crate::stages::mentions::gazetteer_mentions(doc, res);
    let kept = if doc.tokens.is_empty() { Vec::new() } else { rule_mentions(doc, gaz) };
    tagger_features(doc, &kept, clusters, &NewsLexicon::empty()).rows()
}

/// Entity spans from BIO tags over the tokens of one sentence (starting at token `first`).
fn tagger_spans(doc: &Doc, first: usize, tags: &[u8], names: &[String]) -> Vec<Mention> {
    let mut out = Vec::new();
    let name = |t: u8| names.get(t as usize).map(String::as_str).unwrap_or("O");
    let mut k = 0;
    while k < tags.len() {
        let Some(typ) = name(tags[k]).get(2..).filter(|_| name(tags[k]) != "O") else {
            k += 1;
            continue;
        };
        let mut e = k + 1;
        while e < tags.len() && name(tags[e]).strip_prefix("I-") == Some(typ) {
            e += 1;
        }
        let kind = match typ {
            "PER" => Some(EntityKind::Person),
            "ORG" => Some(EntityKind::Organization),
            "LOC" => Some(EntityKind::Place),
            _ => None,
        };
        let (a, mut b) = (first + k, first + e);
        k = e;
        let Some(mut kind) = kind else { continue };
        // آل and the family's name close a person's name (سلمان بن عبدالعزيز آل سعود, not … الوفد).
        if kind == EntityKind::Person
            && let Some(family) = (a + 1..b.saturating_sub(2)).find(|&t| doc.tokens[t].span.slice(doc.text) == "آل")
        {
            b = family + 2;
        }
        // Nor does a lineage's or a teknonym's particle end it: the name after it belongs to it
        // (عبداللطيف آل الشيخ, إبراهيم بن عبدالله, where the tagger stopped at the particle).
        if kind == EntityKind::Person
            && b < first + tags.len()
            && doc.tokens[b].is_word
            && (is(doc.ftok(b - 1), class::NASAB) || is(doc.ftok(b - 1), class::KUNYA))
        {
            b += 1;
        }
        // A name right after a settlement's or province's noun is that place, however foreign it
        // sounds (ولاية أركنساس, مدينة كونمينج): the tagger reads unknown foreign words as people.
        let place_noun = |w: &str| is_head_noun(w, class::PLACE_NOUN);
        if kind == EntityKind::Person && (a > first && place_noun(doc.ftok(a - 1)) || b > a + 1 && place_noun(doc.ftok(a))) {
            kind = EntityKind::Place;
        }
        // Nor is a name right after a weapon's or a military craft's noun a person: it names the
        // model (صواريخ كروز, بطائرات ميغ).
        if kind == EntityKind::Person && a > first && is_head_noun(doc.ftok(a - 1), class::WEAPON) {
            kind = EntityKind::Equipment;
        }
        if !doc.tokens[a].is_word || !doc.tokens[b - 1].is_word {
            continue;
        }
        // A title, particle or function word alone, or opening a person's name, is no name.
        let first = doc.ftok(a);
        if if b - a == 1 { !is_name_word(first) } else { kind == EntityKind::Person && is_not_name(arabic(), first) } {
            continue;
        }
        if kind == EntityKind::Person && !plausible_person(doc, a, b) {
            continue;
        }
        // A place name with a number after it names an agreement or a conference («جنيف 1»).
        if kind == EntityKind::Place && b < doc.tokens.len() && doc.ftok(b).bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // A conjunction on the first word is not part of the name (وبريطانيا → بريطانيا), unless
        // the word is a Western name that begins with و and the rest is none (ويلسون, not يلسون);
        // ف is left alone: it begins names (فقيري) far more often than it joins them.
        let mut fstart = doc.tokens[a].fstart;
        let w = doc.ftok(a);
        let (conj, rest) = clitics::peel(w, &[clitics::WA], 4);
        let western = |w: &str| arabic().translit.is_western_name(w);
        if !(western(w) && !western(rest)) {
            fstart += conj;
        }
        let fend = doc.tokens[b - 1].fend;
        let span = doc.folded.orig_span(fstart, fend);
        let key = EntityKey::Surface(kind, doc.folded.text[fstart..fend].to_string());
        // The English name is the caller's to add: most spans fall where the rules found a name.
        out.push(Mention { span, kind, key, name_en: None, geo: None });
    }
    out
}

mod tpl {
    pub const WORD: u8 = 1;
    pub const STEM: u8 = 2;
    pub const PRE2: u8 = 3;
    pub const PRE3: u8 = 4;
    pub const SUF2: u8 = 5;
    pub const SUF3: u8 = 6;
    pub const PREV: u8 = 7;
    pub const NEXT: u8 = 8;
    pub const PREV2: u8 = 9;
    pub const NEXT2: u8 = 10;
    pub const PREV_STEM: u8 = 11;
    pub const NEXT_STEM: u8 = 12;
    pub const BIGRAM: u8 = 13;
    pub const RULE: u8 = 14;
    pub const RULE_PREV: u8 = 15;
    pub const RULE_NEXT: u8 = 16;
    pub const FLAGS: u8 = 17;
    pub const PREV_FLAGS: u8 = 18;
    pub const NEXT_FLAGS: u8 = 19;
    pub const SHAPE: u8 = 20;
    pub const BIAS: u8 = 21;
    pub const PREV2_FLAGS: u8 = 22;
    pub const NEXT_BIGRAM: u8 = 23;
    pub const GIVEN_NAMES: u8 = 24;
}

/// Lexical flags of a word as one small bit set.
fn flags(ar: &Arabic, w: &str) -> u8 {
    let mut f = 0u8;
    let lexical = ar.lexical(w);
    if lexical.title() {
        f |= 1;
    }
    if lexical.demonym() {
        f |= 2;
    }
    if ar.is_speech_verb(w) {
        f |= 4;
    }
    if lexical.stop() {
        f |= 8;
    }
    if lexical.calendar_word() {
        f |= 16;
    }
    if has_article(w) {
        f |= 32;
    }
    if is_org_head(w) || is_org_head(strip_conj(w).1) {
        f |= 64;
    }
    if is_role_noun(w) {
        f |= 128;
    }
    f
}

fn shape(w: &str) -> u8 {
    let c = w.chars().next().unwrap_or(' ');
    let len = w.chars().count().min(8) as u8;
    let class = if c.is_ascii_digit() {
        1
    } else if c.is_ascii_alphabetic() {
        2
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        3
    } else {
        4
    };
    class * 16 + len
}

/// The tagger's features for every token of the document: word, stem, affixes, neighbours,
/// lexical flags and what the rule layer found there (see [`TaggerFeatures`]).
fn tagger_features(doc: &Doc, kept: &[Cand], clusters: &WordClusters, lexicon: &NewsLexicon) -> TaggerFeatures {
    let ar = arabic();
    let n = doc.tokens.len();
    // Rule labels per token: kind and source, and whether the token begins the mention.
    let mut rule = vec![0u8; n];
    for c in kept {
        let kind = match c.m.kind {
            EntityKind::Person => 1,
            EntityKind::Organization => 2,
            EntityKind::Place => 3,
            _ => continue,
        };
        let mut t = doc.tokens.partition_point(|t| t.span.end <= c.m.span.start);
        let first = t;
        while t < n && doc.tokens[t].span.start < c.m.span.end {
            rule[t] = 1 + (kind * 4 + c.src as u8) * 2 + u8::from(t == first);
            t += 1;
        }
    }
    let word = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if (i as usize) < n {
            doc.ftok(i as usize)
        } else {
            "</s>"
        }
    };
    let words: Vec<&str> = (0..n).map(|i| doc.ftok(i)).collect();
    // News repeats its words (four tokens in ten are a word seen before in the same article): what
    // a token's word alone decides is looked up and hashed once per distinct word.
    let mut id_of: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    // A token of each distinct word, by the word's id.
    let mut firsts: Vec<usize> = Vec::new();
    let mut ids: Vec<usize> = Vec::with_capacity(n);
    for (i, w) in words.iter().enumerate() {
        let id = *id_of.entry(w).or_insert_with(|| {
            firsts.push(i);
            (firsts.len() - 1) as u32
        });
        ids.push(id as usize);
    }
    let word_flags: Vec<u8> = firsts.iter().map(|&i| flags(ar, words[i])).collect();
    let word_given: Vec<bool> = firsts.iter().map(|&i| ar.is_any_given_name(words[i])).collect();
    let fl: Vec<u8> = ids.iter().map(|&d| word_flags[d]).collect();
    let flag_at = |i: isize| -> u8 { if i < 0 || i as usize >= n { 0xFF } else { fl[i as usize] } };
    let given_at = |i: isize| -> u8 { if i < 0 || i as usize >= n { 2 } else { u8::from(word_given[ids[i as usize]]) } };
    let rule_at = |i: isize| -> u8 { if i < 0 || i as usize >= n { 0xFF } else { rule[i as usize] } };
    let rule_kind: Vec<u8> = rule.iter().map(|&r| if r == 0 { 0 } else { (r - 1) / 2 / 4 }).collect();
    let titled: Vec<bool> = fl.iter().map(|&f| f & (1 | 128) != 0).collect();
    let wide = WideContext::new(&words, &ids, &rule_kind, &titled, clusters, lexicon);
    // Each token's stem and shape serve as its own features and its neighbours': computed once
    // (the stems by the document context).
    let stems = wide.stems();
    let word_shapes: Vec<u8> = firsts.iter().map(|&i| shape(words[i])).collect();
    let shapes: Vec<u8> = ids.iter().map(|&d| word_shapes[d]).collect();
    let shape_at = |i: isize| -> u8 { if i >= 0 && (i as usize) < n { shapes[i as usize] } else { shape(word(i)) } };
    let h = FeatureHasher::new;
    let byte_feat = |t: u8, bytes: &[u8]| {
        let mut r = FeatureHasher::new(t);
        r.bytes(bytes);
        r.finish()
    };
    let bias = h(tpl::BIAS).finish();
    // Per distinct word (see `TaggerFeatures`), and how its neighbours see it (`SEEN_AS`).
    let mut words_out = FlatFeatures { hashes: Vec::with_capacity(firsts.len() * 18), ends: Vec::with_capacity(firsts.len()) };
    let mut clusters_end = Vec::with_capacity(firsts.len());
    let per_word: Vec<([u32; 6], [FeatureHasher; 2])> = firsts
        .iter()
        .map(|&i| {
            let (w, st) = (words[i], stems[i]);
            let f = &mut words_out.hashes;
            let row_start = f.len();
            f.extend_from_slice(&[
                h(tpl::WORD).str(w).finish(),
                h(tpl::STEM).str(st).finish(),
                h(tpl::PRE2).str(char_prefix(w, 2)).finish(),
                h(tpl::PRE3).str(char_prefix(w, 3)).finish(),
                h(tpl::SUF2).str(char_suffix(w, 2)).finish(),
                h(tpl::SUF3).str(char_suffix(w, 3)).finish(),
                byte_feat(tpl::FLAGS, &[fl[i], shapes[i]]),
                bias,
            ]);
            own_cluster_features(&wide, i, f);
            clusters_end.push(f.len() - row_start);
            stem_letter_features(&wide, i, f);
            words_out.ends.push(f.len());
            // The bigram features' first halves: the word before a stem, a stem before a word.
            (SEEN_AS.map(|(t, of_stem)| h(t).str(if of_stem { st } else { w }).finish()), [*h(tpl::BIGRAM).str(w).sep(), *h(tpl::NEXT_BIGRAM).str(st).sep()])
        })
        .collect();
    // Token j as its neighbours see it (`SEEN_AS[k]`); "<s>" and "</s>" past the ends.
    // Each token's (two before the first, two after the last: the edges), so that a neighbour
    // is one index away.
    let edge = |w: &str| SEEN_AS.map(|(t, of_stem)| h(t).str(if of_stem { stem(w) } else { w }).finish());
    let (start, end) = (edge(word(-1)), edge(word(n as isize)));
    let seen_at: Vec<[u32; 6]> = [start, start].into_iter().chain(ids.iter().map(|&d| per_word[d].0)).chain([end, end]).collect();
    let seen = |j: isize, k: usize| -> u32 { seen_at[(j + 2) as usize][k] };
    // Every token's context features in one buffer (about 30 each): a vector per token was an
    // allocation per token.
    let mut out = FlatFeatures { hashes: Vec::with_capacity(n * 32), ends: Vec::with_capacity(n) };
    for iu in 0..n {
        let i = iu as isize;
        let st = stems[iu];
        let f = &mut out.hashes;
        f.push(seen(i - 1, 0));
        f.push(seen(i + 1, 1));
        f.push(seen(i - 2, 2));
        f.push(seen(i + 2, 3));
        f.push(seen(i - 1, 4));
        f.push(seen(i + 1, 5));
        let mut bigram = if iu > 0 { per_word[ids[iu - 1]].1[0] } else { *h(tpl::BIGRAM).str(word(i - 1)).sep() };
        f.push(bigram.str(st).finish());
        let mut next_bigram = per_word[ids[iu]].1[1];
        f.push(next_bigram.str(word(i + 1)).finish());
        f.push(byte_feat(tpl::RULE, &[rule_at(i)]));
        f.push(byte_feat(tpl::RULE_PREV, &[rule_at(i - 1), rule_at(i)]));
        f.push(byte_feat(tpl::RULE_NEXT, &[rule_at(i + 1), rule_at(i)]));
        f.push(byte_feat(tpl::PREV_FLAGS, &[flag_at(i - 1)]));
        f.push(byte_feat(tpl::PREV2_FLAGS, &[flag_at(i - 2), flag_at(i - 1)]));
        f.push(byte_feat(tpl::NEXT_FLAGS, &[flag_at(i + 1)]));
        f.push(byte_feat(tpl::SHAPE, &[shape_at(i - 1), shapes[iu], shape_at(i + 1)]));
        f.push(byte_feat(tpl::GIVEN_NAMES, &[given_at(i - 1), given_at(i), given_at(i + 1)]));
        neighbour_cluster_features(&wide, iu, f);
        context_stem_features(&wide, iu, f);
        news_lexicon_features(wide.news_classes(), iu, f);
        out.ends.push(out.hashes.len());
    }
    TaggerFeatures { words: words_out, clusters_end, ids, context: out }
}

/// The Arabic tagger's features of a document, split by what decides them: each distinct word's
/// own (`words`, by word id: word, stem, affixes, flags, bias, clusters, then its stem's letters)
/// and each token's context (`context`: its neighbours as seen from it, bigrams, rule labels,
/// neighbours' flags and shapes, given names around it, neighbours' clusters, the document's
/// view of its stem).
struct TaggerFeatures {
    words: FlatFeatures,
    /// Where each word's cluster features end in its row (its letter features follow).
    clusters_end: Vec<usize>,
    /// Each token's word id.
    ids: Vec<usize>,
    context: FlatFeatures,
}

impl TaggerFeatures {
    /// Each token's features in the order the model was trained with: word, stem, affixes, the
    /// neighbours, bigrams and rule labels, its flags, its neighbours' flags and shapes, the bias,
    /// given names, its clusters, the neighbours' clusters, its letters, the document's view.
    fn rows(&self) -> Vec<Vec<u32>> {
        (0..self.ids.len())
            .map(|i| {
                let (w, c, ce) = (self.words.row(self.ids[i]), self.context.row(i), self.clusters_end[self.ids[i]]);
                let mut row = Vec::with_capacity(w.len() + c.len());
                row.extend_from_slice(&w[..6]);
                row.extend_from_slice(&c[..11]);
                row.push(w[6]);
                row.extend_from_slice(&c[11..15]);
                row.push(w[7]);
                row.push(c[15]);
                row.extend_from_slice(&w[8..ce]);
                row.extend_from_slice(&c[16..21]);
                row.extend_from_slice(&w[ce..]);
                row.extend_from_slice(&c[21..]);
                row
            })
            .collect()
    }
}

/// A word as its neighbours' features name it: (template, whether by its stem), in the order of
/// the per-word arrays of `tagger_features`: the previous token's, the next one's, two back, two
/// on, then the stem seen from the token after and the token before.
const SEEN_AS: [(u8, bool); 6] =
    [(tpl::PREV, false), (tpl::NEXT, false), (tpl::PREV2, false), (tpl::NEXT2, false), (tpl::PREV_STEM, true), (tpl::NEXT_STEM, true)];

/// Lexicon names: one overlapping automaton pass, kept when they sit on word boundaries (after
/// proclitics و ف ب ل ك at most).
fn lexicon_mentions(doc: &Doc, ar: &Arabic, cands: &mut Vec<Cand>) {
    let f = doc.folded.text.as_str();
    for mat in ar.names.find_overlapping_iter(f) {
        let (s, e) = (mat.start(), mat.end());
        if f[e..].chars().next().is_some_and(crate::stages::segment::is_word_char) {
            continue;
        }
        // The token holding the match start: the text before it in that token must be proclitics.
        let ti = doc.tokens.partition_point(|t| t.fend <= s);
        let Some(tok) = doc.tokens.get(ti) else { continue };
        if tok.fstart > s || !is_clitic_prefix(&f[tok.fstart..s]) {
            continue;
        }
        let ent = &ar.entities[ar.pattern_entity[mat.pattern().as_usize()] as usize];
        // صالح is Ali Abdullah Saleh only in a text about Yemen's war (people.tsv, third column).
        if ar.pattern_conditional[mat.pattern().as_usize()] && !ent.context.iter().any(|w| f.contains(w.as_str())) {
            continue;
        }
        cands.push(Cand {
            m: Mention {
                span: doc.folded.orig_span(s, e),
                kind: ent.kind,
                key: EntityKey::Name(ent.name_en.to_lowercase()),
                name_en: Some(ent.name_en.clone()),
                geo: None,
            },
            src: Source::Lexicon,
        });
    }
}

/// The letter that ends على but never the name علي (both fold to the same word).
const ALIF_MAQSURA: char = '\u{0649}';

/// The token range a mention covers.
fn token_range(doc: &Doc, span: crate::Span) -> (usize, usize) {
    let a = doc.tokens.partition_point(|t| t.span.end <= span.start);
    let b = doc.tokens.partition_point(|t| t.span.start < span.end);
    (a, b.max(a))
}

/// The end of a lineage after a name ending at token `end`: بن سلمان بن عبد العزيز آل سعود.
fn nasab_end(doc: &Doc, ar: &Arabic, mut end: usize) -> usize {
    let n = doc.tokens.len();
    let sentence = |k: usize| doc.tokens[k].sentence;
    while end + 1 < n && sentence(end + 1) == sentence(end) && is(doc.ftok(end), class::NASAB) {
        let w = doc.ftok(end + 1);
        // After بن a given name is the father's, though folded it may be a word: علي (على).
        if !arabic_word(w) || is_not_name(ar, w) && !ar.is_given_name_as_written(w) {
            break;
        }
        end += 2;
        // عبد العزيز written as two words.
        if is_name_particle(w) && end < n && starts_with_al(doc.ftok(end)) {
            end += 1;
        }
    }
    end
}

/// A person's name the tagger reads whole over towns the gazetteer found in it is that person
/// (مايكل بالاك, عمران خان, أحمد أبو غزة, ريجينا سايدل): every word name-like, one of them a given
/// name that is not a town, and the towns single words inside it. Countries, regions and seas
/// stay places: a name is rarely spelt like one.
fn person_over_towns(doc: &Doc, ar: &Arabic, kept: &mut Vec<Cand>, m: &Mention) -> bool {
    let (a, b) = token_range(doc, m.span);
    if b < a + 2 {
        return false;
    }
    let within = |s: crate::Span| m.span.start <= s.start && s.end <= m.span.end;
    let town = |c: &Cand| {
        let (ta, tb) = token_range(doc, c.m.span);
        let small = c.m.geo.as_ref().is_some_and(|g| matches!(g.kind, crate::GeoKind::City | crate::GeoKind::Site));
        c.src == Source::Gazetteer && tb == ta + 1 && within(c.m.span) && small
    };
    let overlapping: Vec<&Cand> = kept.iter().filter(|c| c.m.span.overlaps(m.span)).collect();
    if overlapping.is_empty() || !overlapping.iter().all(|c| town(c)) {
        return false;
    }
    let town_at = |k: usize| overlapping.iter().any(|c| token_range(doc, c.m.span).0 == k);
    if !(a..b).all(|k| name_like(ar, doc.ftok(k))) || !(a..b).any(|k| !town_at(k) && given_name_like(ar, doc.ftok(k))) {
        return false;
    }
    kept.retain(|c| !c.m.span.overlaps(m.span));
    kept.push(Cand { m: Mention { name_en: Some(transliterate(m.span.slice(doc.text))), ..m.clone() }, src: Source::Pattern });
    true
}

/// A word that may be part of a person's name the tagger read: no title, role or function word,
/// and no word of a cluster without names unless it is a given name.
fn name_like(ar: &Arabic, w: &str) -> bool {
    let listed_word = ar.is_title(w) || ar.is_title_with_article(w) || is_not_name(ar, w);
    arabic_word(w) && !listed_word && (given_name_like(ar, w) || !ar.in_cluster_without(EntityKind::Person, w))
}

/// Where the tagger reads a person's whole name around one the rules found in part, the tagger's
/// span stands: a given name the lists do not know before a listed or patterned surname (الكسيس
/// تسيبراس, تيم جونسون, ألكساندر نوفاك), a family name after a given name (الصحفي أحمد الزغيلات),
/// or a foreign given name that a short town's name hides (باولو جينتيلوني is not ب + Oulu). Every
/// added word must be name-like, and the part must be the only person inside. A listed person stays
/// that person only when the added words are the list's own (a spelling apart: الكسيس for أليكسيس);
/// otherwise the name is someone else's (تيم جونسون is not Boris Johnson).
fn take_whole_name(doc: &Doc, ar: &Arabic, kept: &mut Vec<Cand>, m: Mention) {
    let outer = m.span;
    let within = |s: crate::Span| outer.start <= s.start && s.end <= outer.end;
    let inside: Vec<usize> = (0..kept.len()).filter(|&i| kept[i].m.span.overlaps(m.span)).collect();
    // A town read after a clitic letter (ب + اولو in باولو) may be a foreign name's letters.
    let town_after_clitic = |c: &Cand| {
        let (a, b) = token_range(doc, c.m.span);
        c.src == Source::Gazetteer
            && b == a + 1
            && doc.tokens[a].span.start < c.m.span.start
            && c.m.geo.as_ref().is_some_and(|g| matches!(g.kind, crate::GeoKind::City | crate::GeoKind::Site))
    };
    let persons: Vec<usize> = inside.iter().copied().filter(|&i| kept[i].m.kind == EntityKind::Person).collect();
    let [part] = persons[..] else { return };
    if inside.iter().any(|&i| !within(kept[i].m.span) || i != part && !town_after_clitic(&kept[i])) || kept[part].m.span == m.span {
        return;
    }
    let (a, b) = token_range(doc, m.span);
    let (pa, pb) = token_range(doc, kept[part].m.span);
    let added: Vec<&str> = (a..pa).chain(pb..b).map(|k| doc.ftok(k)).collect();
    // Before the part, a definite word describes the person (الكوميدي, الظهير الأيمن), a word on
    // و begins another phrase (والمدافع) and ابن names a son; a name does not end on بن, nor on the
    // blessing after a name (رحمه الله, حفظه الله), where عوض الله is a name.
    let joined = |k: usize| doc.ftok(k).starts_with(WA) && !given_name_like(ar, doc.ftok(k));
    let before_ok = (a..pa).all(|k| !joined(k) && !starts_with_al(doc.ftok(k)) && !is(doc.ftok(k), class::NASAB));
    let blessing = |k: usize| doc.ftok(k) == "الله" && k > 0 && doc.ftok(k - 1).ends_with('ه');
    let after_ok = (pb..b).all(|k| !joined(k) && !blessing(k)) && (b == pb || !is(doc.ftok(b - 1), class::NASAB));
    if added.is_empty() || !before_ok || !after_ok || !added.iter().all(|w| name_like(ar, w)) {
        return;
    }
    let listed = (kept[part].src == Source::Lexicon)
        .then(|| ar.listed_person(kept[part].m.name_en.as_deref()))
        .flatten();
    let same = listed.is_some_and(|e| added.iter().all(|w| e.words.iter().any(|x| [*w, strip_conj(w).1].iter().any(|w| consonants(x) == consonants(w)))));
    let whole = if same {
        Mention { span: m.span, ..kept[part].m.clone() }
    } else {
        Mention { name_en: Some(transliterate(m.span.slice(doc.text))), ..m }
    };
    let part_src = kept[part].src;
    kept.retain(|c| !within(c.m.span) || !c.m.span.overlaps(whole.span));
    kept.push(Cand { m: whole, src: if same { part_src } else { Source::Pattern } });
    crate::sort::by_key(kept, |c| c.m.span.start);
}

/// A word's consonant skeleton: spellings of one foreign name differ in their long vowels and
/// hamza seats (أليكسيس, الكسيس).
fn consonants(w: &str) -> String {
    w.chars().filter(|c| !matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ء' | 'ؤ' | 'ئ' | 'و' | 'ي' | 'ى')).collect()
}

/// Lexicon people as the text writes them: a lineage after the listed name is the same person
/// (محمد بن سلمان بن عبد العزيز), and a one-word listed form followed by a family name is someone
/// else (مبارك الخرينج is not Hosni Mubarak): that pair is left to the patterns and the tagger.
fn extend_lexicon_people(doc: &Doc, ar: &Arabic, cands: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    cands.retain_mut(|c| {
        if c.src != Source::Lexicon || c.m.kind != EntityKind::Person {
            return true;
        }
        let (a, b) = token_range(doc, c.m.span);
        if b == 0 || b > n {
            return true;
        }
        if b == a + 1 && a > 0 && doc.tokens[a - 1].sentence == doc.tokens[a].sentence {
            match names_before_listed_surname(doc, ar, a, c.m.name_en.as_deref()) {
                // a conjunction on the first name is not the name's (ورجب طيب أردوغان)
                Some(start) => {
                    let fstart = doc.tokens[start].fstart + strip_conj(doc.ftok(start)).0;
                    c.m.span = crate::Span::new(doc.folded.orig(fstart), c.m.span.end);
                }
                None if given_name_at(doc, ar, a - 1) && listed_with_given_name(ar, c.m.name_en.as_deref()) => return false,
                None => {}
            }
        }
        let ent = ar.listed_person(c.m.name_en.as_deref());
        // One word of a listed person written with a hamza the list never has: another word.
        if b == a + 1 && ent.is_some_and(|e| !e.hamza) && c.m.span.slice(doc.text).contains(super::HAMZA_LETTERS) {
            return false;
        }
        let end = nasab_end(doc, ar, b);
        // A listed given name whose lineage is not the person's (بشار بن عبد الكريم) is someone else.
        if end > b && b == a + 1 && ent.is_some_and(|e| !e.words.iter().any(|w| w == strip_conj(doc.ftok(b + 1)).1)) {
            return false;
        }
        if end > b {
            // A listed form with its title (الملك سلمان) loses the title when the lineage follows.
            let start = if b > a + 1 && ar.is_title(doc.ftok(a)) { doc.tokens[a + 1].span.start } else { c.m.span.start };
            c.m.span = crate::Span::new(start, doc.tokens[end - 1].span.end);
            return true;
        }
        let family = b < n && doc.tokens[b].sentence == doc.tokens[a].sentence && {
            let w = doc.ftok(b);
            starts_with_al(w) && arabic_word(w) && !is_not_name(ar, w) && definite_surname(w) && ar.weekday(w).is_none()
        };
        !(b == a + 1 && family)
    });
}

/// A country whose one-word name is an adjective the news rarely reads in a name, in the nisba's
/// shape (مالي, «financial»), written right after an indefinite word it can qualify (إنقاذ مالي,
/// وسيط مالي): the adjective. The country when a clitic or the article is on it (بمالي), or the
/// word before places it: a preposition, a place or compass noun (في مالي, شمال مالي), a
/// punctuation mark. Names the news reads as names stay after any noun (منتخب تشيلي).
fn country_read_as_an_adjective(doc: &Doc, ar: &Arabic, lexicon: &NewsLexicon, c: &Cand) -> bool {
    let (a, b) = token_range(doc, c.m.span);
    let country = c.m.geo.as_ref().is_some_and(|g| g.kind == crate::GeoKind::Country);
    if !country || b != a + 1 || a == 0 || c.m.span.start != doc.tokens[a].span.start {
        return false;
    }
    let w = doc.ftok(a);
    let before = &doc.tokens[a - 1];
    if !w.ends_with('ي') || starts_with_al(w) || !before.is_word || before.sentence != doc.tokens[a].sentence || !ar.frequent_common_word(lexicon, w) {
        return false;
    }
    let noun = strip_conj(doc.ftok(a - 1)).1;
    arabic_word(noun) && !starts_with_al(noun) && !ar.is_stop(noun) && !after_place_noun(doc, a) && !is(noun, class::COMPASS_NOUN)
}

/// An acronym written as Latin letters' names with periods between (بي.بي.سي, إتش. إس. بي. سي):
/// the tokenizer cuts it at each period, and a name found on some of its letters is the whole
/// acronym (BBC, HSBC), one mention.
fn join_dotted_letters(doc: &Doc, kept: &mut Vec<Cand>) {
    let translit = &arabic().translit;
    let letter = |k: usize| doc.tokens[k].is_word && translit.is_letter_name(doc.otok(k));
    let n = doc.tokens.len();
    let mut k = 0;
    while k < n {
        // Asked first of the period after it: most tokens are followed by none.
        if k + 2 >= n || doc.otok(k + 1) != "." || !letter(k) || !letter(k + 2) {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end + 1 < n && doc.otok(end) == "." && letter(end + 1) {
            end += 2;
        }
        if end > k + 1 {
            let span = crate::Span::new(doc.tokens[k].span.start, doc.tokens[end - 1].span.end);
            let named = kept.iter().filter(|c| c.m.span.overlaps(span)).map(|c| c.m.kind).find(|k| matches!(k, EntityKind::Organization | EntityKind::Person));
            if let Some(kind) = named {
                kept.retain(|c| !c.m.span.overlaps(span));
                let key_text = crate::stages::normalize::fold(span.slice(doc.text));
                let m = surface_mention(doc, kind, span, key_text);
                let at = kept.partition_point(|c| c.m.span.start < span.start);
                kept.insert(at, Cand { m, src: Source::Pattern });
            }
        }
        k = end;
    }
}

/// A one-word place the tagger found in a word that opens longer place names (سان, سانت, نيو):
/// the text names the longer place (سان بطرسبرج, سان مورتيز), not «San». The place takes the
/// next word too, to be located by the whole name (or not at all), unless that word is another
/// mention's. The word after an opener stays as found: the gazetteer may know it alone
/// (بطرسبورج after سانت is Saint Petersburg).
fn widen_place_openers(doc: &Doc, kept: &mut [Cand]) {
    let taken: Vec<crate::Span> = kept.iter().map(|c| c.m.span).collect();
    let free_word = |k: usize, of: usize| {
        let t = &doc.tokens[k];
        t.is_word && t.sentence == doc.tokens[of].sentence && arabic_word(doc.ftok(k)) && !taken.iter().any(|s| s.overlaps(t.span))
    };
    let opener = |k: usize| is(strip_conj(doc.ftok(k)).1, class::PLACE_OPENER);
    for c in kept.iter_mut().filter(|c| c.m.kind == EntityKind::Place && c.src == Source::Pattern) {
        let (a, b) = token_range(doc, c.m.span);
        if b != a + 1 {
            continue;
        }
        if !(opener(a) && a + 1 < doc.tokens.len() && free_word(a + 1, a)) {
            continue;
        }
        let span = crate::Span::new(c.m.span.start, doc.tokens[a + 1].span.end);
        let folded = crate::stages::normalize::fold(span.slice(doc.text));
        c.m = surface_mention(doc, EntityKind::Place, span, folded);
    }
}

/// Where the name of a person listed by surname alone begins when the text writes their given
/// names before it (عبدالفتاح السيسي; خالد محفوظ بحاح, with a middle name the list does not
/// have): the furthest of the two words before it that is one of the person's listed names, the
/// word between being a name too. `None` when neither is: a given name there is someone else's
/// (خالد محفوظ is not Naguib Mahfouz).
fn names_before_listed_surname(doc: &Doc, ar: &Arabic, a: usize, name_en: Option<&str>) -> Option<usize> {
    let ent = ar.listed_person(name_en)?;
    let listed = |k: usize| ent.words.iter().any(|x| x == strip_conj(doc.ftok(k)).1);
    let middle_name = |k: usize| {
        let w = doc.ftok(k);
        strip_conj(w).0 == 0 && arabic_word(w) && !is_not_name(ar, w) && !ar.is_title(w)
    };
    // The name begins on a given name or the listed first name (not on the الله of آية الله).
    let opens = |k: usize| listed(k) && (given_name_at(doc, ar, k) || ent.first_name.as_deref() == Some(strip_conj(doc.ftok(k)).1));
    if a >= 2 && doc.tokens[a - 2].sentence == doc.tokens[a].sentence && opens(a - 2) && (listed(a - 1) || middle_name(a - 1)) {
        return Some(a - 2);
    }
    opens(a - 1).then_some(a - 1)
}

/// A one-word town or site the gazetteer or the tagger read in a common word: an indefinite verb
/// or noun of a cluster that holds almost no places (لنكن is not Lincoln, تلا not Tala, وفقاً not
/// Faqa), unless a place noun comes before it (مدينة تدمر). Countries, regions and seas stay: they
/// are few and well known (مالي, المتوسط); so do definite words (الخرج, السلط), which no verb is.
fn common_word_for_a_town(doc: &Doc, ar: &Arabic, c: &Cand) -> bool {
    let (a, b) = token_range(doc, c.m.span);
    let small = c.m.geo.as_ref().is_none_or(|g| matches!(g.kind, crate::GeoKind::City | crate::GeoKind::Site));
    if !small || b != a + 1 || starts_with_al(strip_conj(doc.ftok(a)).1) {
        return false;
    }
    !after_place_noun(doc, a) && ar.in_cluster_without(EntityKind::Place, doc.ftok(a))
}

/// A settlement's, province's or institution's noun right before token `a` (مدينة تدمر).
fn after_place_noun(doc: &Doc, a: usize) -> bool {
    a > 0 && is_institution_or_place_noun(strip_conj(doc.ftok(a - 1)).1)
}

/// A one-word place the gazetteer does not know (the tagger's) in the shape of a common noun
/// that the news rarely reads inside a name: a possessive pronoun on it (تحريرها, لذويهم), a
/// definite sound plural (المحافظات, المهتمين), a preposition on it (بإتمام), a definite word of
/// a cluster that holds almost no places (المراكز, التقدم), or a compass noun (غرب), unless a
/// place noun comes before it. Short unknown names stay (الحزام, خورمكسر: the news rarely writes them).
fn unknown_place_in_a_common_word(doc: &Doc, ar: &Arabic, lexicon: &NewsLexicon, c: &Cand) -> bool {
    let (a, b) = token_range(doc, c.m.span);
    if c.m.geo.is_some() || c.src != Source::Pattern || b != a + 1 {
        return false;
    }
    let w = strip_conj(doc.ftok(a)).1;
    let possessive = w.chars().count() >= 5 && ends_with_any(w, class::POSSESSIVE_ENDING);
    let sound_plural = starts_with_al(w)
        && w.chars().count() >= 6
        && (ends_with_any(w, class::FEMININE_PLURAL_ENDING) || ends_with_any(w, class::MASCULINE_PLURAL_ENDING));
    // After the preposition, a frequent word the clusters hold (إتمام, رؤساء; not يشة of بيشة,
    // افاريا of بافاريا, which only a key of the lexicon's may share).
    let (preposition, noun) = clitics::peel(w, BI_LI, 4);
    let common_noun = preposition > 0 && ar.frequent_common_word(lexicon, noun);
    let definite_common = starts_with_al(w) && ar.in_cluster_without(EntityKind::Place, w) && ar.rarely_named(lexicon, w);
    let compass = is(w, class::COMPASS_NOUN);
    !after_place_noun(doc, a) && ((possessive || sound_plural) && ar.rarely_named(lexicon, w) || common_noun || definite_common || compass)
}

/// Whether a listed person's display name opens with an Arabic given name (نوري المالكي, not سيب
/// بلاتر): another given name before their surname is then someone else of the family, where
/// before a foreign surname it is a noun in construct (خليفة بلاتر, Blatter's successor).
fn listed_with_given_name(ar: &Arabic, name_en: Option<&str>) -> bool {
    ar.listed_person(name_en).and_then(|e| e.first_name.as_deref()).is_some_and(|w| given_name_like(ar, w))
}

/// Persons that open on a common word, found by the rules (a word after a title or a reporting
/// verb: زعيم طالبان ستؤثر, وأشاد بقدرة الباحث) or by the tagger (بنسبة تتجاوز): a word of a
/// cluster that holds almost no names (a verb, an adverb, a verbal noun; see
/// `Arabic::in_cluster_without`) or written with tanween (رسمياً), and not a given name, is no
/// name alone; a name that begins with one is the given name after it (رسمياً بقيادة أحمد العلي is
/// أحمد العلي), or none, unless a family name follows it.
/// Listed people are left alone: the lexicon knows them.
fn leave_out_common_words(doc: &Doc, ar: &Arabic, lexicon: &NewsLexicon, kept: &mut Vec<Cand>) {
    let tanween = |k: usize| doc.tokens[k].span.slice(doc.text).contains(['\u{064B}', '\u{064C}', '\u{064D}']);
    let common = |k: usize| {
        let w = doc.ftok(k);
        !given_name_like(ar, w) && (tanween(k) || ar.in_cluster_without(EntityKind::Person, w))
    };
    // A word the news rarely reads inside a name (قطاع, تعازيه, طبعا) is no name alone, unless it
    // ends a longer person's name in the document (طلال سلامة … سلامة).
    let surnames: Vec<&str> = kept
        .iter()
        .filter(|c| c.m.kind == EntityKind::Person)
        .filter_map(|c| {
            let (a, b) = token_range(doc, c.m.span);
            (b > a + 1).then(|| stem(doc.ftok(b - 1)))
        })
        .collect();
    let rarely_named = |k: usize| ar.rarely_named(lexicon, doc.ftok(k));
    let rarely_named_alone = |k: usize| {
        let w = doc.ftok(k);
        !given_name_like(ar, w) && rarely_named(k) && !surnames.contains(&stem(w))
    };
    // A function word or a reporting verb as written opens no name (وبين الراجحي أن …: بيّن,
    // "explained"; بين جمال البر); nor does one, or a lone letter, close it (إبراهيم عليه
    // السلام, وقال عباس لـ …). على is told from the name علي by its written ى.
    let function_word = |k: usize| {
        let w = strip_conj(doc.ftok(k)).1;
        let name_written_with_ya = w.ends_with('ي') && !doc.otok(k).ends_with('ى') && given_name_like(ar, w);
        ar.is_stop_as_written(w) && !name_written_with_ya
    };
    kept.retain_mut(|c| {
        if c.m.kind == EntityKind::Organization && c.src != Source::Lexicon {
            leave_out_a_title_after_the_name(doc, ar, c);
        }
        if c.m.kind == EntityKind::Place {
            return !common_word_for_a_town(doc, ar, c) && !unknown_place_in_a_common_word(doc, ar, lexicon, c) && !country_read_as_an_adjective(doc, ar, lexicon, c);
        }
        if c.m.kind != EntityKind::Person || c.src == Source::Lexicon {
            return true;
        }
        let (mut a, mut b) = token_range(doc, c.m.span);
        if b <= a {
            return true;
        }
        let (a0, b0) = (a, b);
        // A style of address opens no name either (صاحب السمو الأمير …, سمو ولي العهد).
        let honorific = |k: usize| is_honorific(doc.ftok(k));
        let style = |k: usize| honorific(k) || is(strip_conj(doc.ftok(k)).1, class::HONORIFIC_OWNER) && k + 1 < b && honorific(k + 1);
        while a + 1 < b && (function_word(a) || ar.is_speech_verb(doc.ftok(a)) || style(a)) {
            a += 1;
        }
        while b > a + 1 && (function_word(b - 1) || doc.ftok(b - 1).chars().count() == 1) {
            b -= 1;
        }
        if (a, b) != (a0, b0) {
            *c = person_named(doc, a, b);
        }
        if b == a + 1 {
            return !common(a) && !rarely_named_alone(a) && !function_word(a) && !honorific(a) && !pronoun_on_a_common_noun(doc, ar, lexicon, a);
        }
        if !common(a) {
            // Nor does it end on a verb, a ب/ل-led noun, an accusative or a particle (ميلاد سري تلعب,
            // لازلو بولوني لإنهاء ملف, نابيلي مبتسمًا), unless a name particle asks for it (حامد آل
            // غرامة). Other common words may be family names (محمد عيد, طلال سلامة): they stay.
            let tail = |k: usize| {
                let w = doc.ftok(k);
                // The imperfect's and the future's prefixes (يرى, تلعب, سيحققه), ب and ل.
                let prefixed = w.starts_with(['ي', 'ت', 'ن', 'ل', 'ب']) || w.starts_with("سي") || w.starts_with("ست");
                let verb_or_preposition = prefixed && (common(k) || common_after_preposition(ar, lexicon, w)) || has_pronoun_suffix(w);
                let particle = ar.is_stop_as_written(w) && !given_name_like(ar, w);
                let after_particle = is_name_particle(doc.ftok(k - 1)) || is(doc.ftok(k - 1), class::NASAB);
                // A eulogy's verb after a name: محمد صلى الله عليه وسلم, عمر رضي الله عنه.
                let eulogy = k + 2 < doc.tokens.len() && doc.ftok(k + 1) == "الله" && is(doc.ftok(k + 2), class::EULOGY_OBJECT);
                // Or a prayer's verb with the person as its object: رحمه الله, حفظه الله, أيده الله.
                // The pronoun as written (ه, not the ة of رحمة, which folds to it).
                let prayer = k + 1 < doc.tokens.len()
                    && doc.ftok(k + 1) == "الله"
                    && w.chars().count() >= 4
                    && (doc.otok(k).ends_with('ه') || ends_with_any(w, class::POSSESSIVE_ENDING));
                // A common noun set off by a dash is an apposition (عائض التركي – مؤرخ -: a historian).
                let set_off = !doc.tokens[k - 1].is_word && rarely_named(k);
                eulogy || prayer || set_off || !after_particle && (verb_or_preposition || particle || common(k) && tanween(k))
            };
            let mut end = b;
            while end > a + 1 && (tail(end - 1) || !doc.tokens[end - 1].is_word) {
                end -= 1;
            }
            if end < b {
                *c = person_named(doc, a, end);
            }
            return true;
        }
        // A given name the lists do not have, before a family name (ساعد الحارثي, ساعد بن سعد).
        let next = doc.ftok(a + 1);
        let family = is(next, class::NASAB) || starts_with_al(next) && ends_with_any(next, class::NISBA_ENDING) && !ar.is_demonym(next) && !common(a + 1);
        if family {
            return true;
        }
        let mut start = a;
        while start < b && common(start) {
            start += 1;
        }
        // what is left must open on a given name: بقيادة أحمد العلي, not نظيره الكيني
        if start == b || !given_name_like(ar, doc.ftok(start)) {
            return false;
        }
        *c = person_named(doc, start, b);
        true
    });
}

/// A preposition, a common noun and the pronoun ه as written (باسمه «in his name», after a title:
/// أعرب الملك المفدى باسمه واسم شعب …), which folds like a woman's name written with ة (باسمة).
fn pronoun_on_a_common_noun(doc: &Doc, ar: &Arabic, lexicon: &NewsLexicon, k: usize) -> bool {
    if !doc.otok(k).ends_with('\u{0647}') {
        return false;
    }
    let (_, w) = strip_conj(doc.ftok(k));
    let (peeled, rest) = clitics::peel(w, BI_LI, 3);
    let noun = rest.strip_suffix('\u{0647}').unwrap_or(rest);
    peeled > 0 && noun.chars().count() >= 3 && !given_name_like(ar, noun) && ar.rarely_named(lexicon, noun)
}

/// ل and a word the news rarely reads inside a name, not a given name (لتكريم, لدراسات): a
/// preposition and a common noun. The word clusters and the news lexicon know the bare noun
/// (تكريم), not every form with its preposition. Not ب: surnames begin with it far more often
/// (بيدار, بنان, whose bare يدار and نان are common words).
fn common_after_preposition(ar: &Arabic, lexicon: &NewsLexicon, w: &str) -> bool {
    let (peeled, noun) = clitics::peel(w, &[LI], 3);
    peeled > 0 && !given_name_like(ar, w) && !given_name_like(ar, noun) && ar.rarely_named(lexicon, noun)
}

/// A kunya right before a one-word person is part of the name: «أبو عبيدة», not عبيدة.
fn join_kunya(doc: &Doc, kept: &mut [Cand]) {
    for k in 0..kept.len() {
        let c = &kept[k];
        let (a, b) = token_range(doc, c.m.span);
        if c.m.kind != EntityKind::Person || a == 0 || b != a + 1 || doc.tokens[a - 1].sentence != doc.tokens[a].sentence {
            continue;
        }
        let free = k == 0 || kept[k - 1].m.span.end <= doc.tokens[a - 1].span.start;
        if !free || !is(strip_conj(doc.ftok(a - 1)).1, class::KUNYA) {
            continue;
        }
        let fstart = doc.tokens[a - 1].fstart + strip_conj(doc.ftok(a - 1)).0;
        let span = doc.folded.orig_span(fstart, doc.tokens[a].fend);
        let key_text = doc.folded.text[fstart..doc.tokens[a].fend].to_string();
        kept[k].m = surface_mention(doc, EntityKind::Person, span, key_text);
    }
}

/// A teknonym's nisba belongs to the name (أبو عبيدة المصري, أبو فاطمة التونسي): people whose
/// mention starts with a kunya take a nationality adjective right after them.
fn extend_kunya_nisba(doc: &Doc, ar: &Arabic, kept: &mut [Cand]) {
    let n = doc.tokens.len();
    for k in 0..kept.len() {
        let c = &kept[k];
        if c.m.kind != EntityKind::Person {
            continue;
        }
        let (a, b) = token_range(doc, c.m.span);
        if b >= n || b < a + 2 || !is(strip_conj(doc.ftok(a)).1, class::KUNYA) || doc.tokens[b].sentence != doc.tokens[a].sentence {
            continue;
        }
        let w = doc.ftok(b);
        let free = kept.get(k + 1).is_none_or(|next| next.m.span.start >= doc.tokens[b].span.end);
        if starts_with_al(w) && ar.is_demonym(w) && free {
            let span = crate::Span::new(c.m.span.start, doc.tokens[b].span.end);
            let fstart = doc.folded.folded(span.start);
            let key = EntityKey::Surface(EntityKind::Person, doc.folded.text[fstart..doc.tokens[b].fend].to_string());
            let name_en = transliterate(span.slice(doc.text));
            kept[k].m = Mention { span, kind: EntityKind::Person, key, name_en: Some(name_en), geo: None };
        }
    }
}

/// A monarch's or pope's ordinal belongs to the name (الملك عبدالله الثاني → Abdullah II, البابا
/// بنديكت السادس عشر → Benedict XVI): a person of one or two words right after a regnal title
/// (maybe with a nationality adjective: العاهل الأردني), then an ordinal agreeing with the title
/// (الملكة … الثانية) and a teen word. Without it the king is any Abdullah of the article.
fn regnal_ordinals(doc: &Doc, ar: &Arabic, kept: &mut [Cand]) {
    let n = doc.tokens.len();
    let grammar = &ar.time_grammar;
    let feminine = |w: &str| w.ends_with('ه');
    for k in 0..kept.len() {
        let c = &kept[k];
        // A listed person (الملك محمد السادس) has its name already.
        if c.m.kind != EntityKind::Person || !matches!(c.m.key, EntityKey::Surface(..)) {
            continue;
        }
        let (a, mut b) = token_range(doc, c.m.span);
        // A name already holding its ordinal's first word (بنديكت السادس) takes the teen word.
        let mut name_end = b;
        if b >= a + 2 && grammar.ordinal(doc.ftok(b - 1)).is_some() {
            name_end = b - 1;
        }
        if a == 0 || name_end > a + 2 {
            continue;
        }
        let before = if ar.is_demonym(doc.ftok(a - 1)) && a >= 2 { a - 2 } else { a - 1 };
        let title = strip_conj(doc.ftok(before)).1;
        if !is(title, class::REGNAL_TITLE) || name_end >= n || doc.tokens[name_end].sentence != doc.tokens[a].sentence {
            continue;
        }
        let ordinal = doc.ftok(name_end);
        let Some(mut number) = grammar.ordinal(ordinal).filter(|_| feminine(ordinal) == feminine(title)) else { continue };
        let mut end = name_end + 1;
        if end < n && grammar.is(doc.ftok(end), crate::stages::times::words::Role::Teen) {
            number += 10;
            end += 1;
        } else if number == 1 && ordinal != "الاول" && ordinal != "الاولي" {
            continue; // الحادي alone
        }
        // A lineage may follow the number: عبدالله الثاني بن الحسين.
        let lineage_end = nasab_end(doc, ar, end);
        if lineage_end > b && kept.get(k + 1).is_some_and(|next| next.m.span.start < doc.tokens[lineage_end - 1].span.end) {
            continue;
        }
        b = lineage_end;
        let span = crate::Span::new(c.m.span.start, doc.tokens[b - 1].span.end);
        let fstart = doc.folded.folded(span.start);
        let key = EntityKey::Surface(EntityKind::Person, doc.folded.text[fstart..doc.tokens[b - 1].fend].to_string());
        let name = crate::Span::new(c.m.span.start, doc.tokens[name_end - 1].span.end);
        let mut name_en = format!("{} {}", transliterate(name.slice(doc.text)), roman(number));
        if lineage_end > end {
            let lineage = crate::Span::new(doc.tokens[end].span.start, doc.tokens[lineage_end - 1].span.end);
            name_en = format!("{name_en} {}", transliterate(lineage.slice(doc.text)));
        }
        kept[k].m = Mention { span, kind: EntityKind::Person, key, name_en: Some(name_en), geo: None };
    }
}

/// 1 to 19 in Roman numerals (regnal numbers).
fn roman(n: u32) -> String {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    format!("{}{}", if n >= 10 { "X" } else { "" }, UNITS[(n % 10) as usize])
}

/// Whether a person the tagger found reads as a name: no institution or place noun inside
/// (إدارة مؤسسة مسك, إقليم فارياب), and not a plural in construct (إرهابيو «داعش», مسلحو التنظيم:
/// a nisba, then the plural's و).
fn plausible_person(doc: &Doc, a: usize, b: usize) -> bool {
    let first = strip_conj(doc.ftok(a)).1;
    if (a..b).any(|k| is_institution_or_place_noun(strip_conj(doc.ftok(k)).1)) {
        return false;
    }
    let construct_plural = arabic().words.list(class::NISBA_ENDING).iter().any(|e| first.strip_suffix(WA).is_some_and(|r| r.ends_with(e.as_str())));
    !(b == a + 1 && construct_plural && first.chars().count() >= 5)
}

/// Letters of a token, without digits or punctuation: a possible name part (two letters or more,
/// all in U+0621..=U+064A).
// By bytes: those letters are the two-byte sequences D8 A1..BF and D9 80..8A, and a string made of
// them alone has them at even offsets; decoding every character cost more, for most tokens.
fn arabic_word(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && b.len() % 2 == 0 && b.chunks_exact(2).all(|p| matches!((p[0], p[1]), (0xD8, 0xA1..=0xBF) | (0xD9, 0x80..=0x8A)))
}

/// Token k is written أل/إل (`clitics::hamza_alif_lam`): no article.
fn hamza_al(doc: &Doc, k: usize) -> bool {
    clitics::hamza_alif_lam(doc.tokens[k].span.slice(doc.text))
}

fn starts_with_al(w: &str) -> bool {
    has_article(w) && w.chars().count() > 3
}

/// A folded word of a class of `data/lang/ar/words.tsv`.
fn is(w: &str, c: WordClass) -> bool {
    arabic().words.is(w, c)
}

/// A word opening with one of a class's prefixes.
fn starts_with_any(w: &str, c: WordClass) -> bool {
    arabic().words.list(c).iter().any(|p| w.starts_with(p.as_str()))
}

/// A word closing with one of a class's endings.
fn ends_with_any(w: &str, c: WordClass) -> bool {
    arabic().words.list(c).iter().any(|e| w.ends_with(e.as_str()))
}

/// Name particles after which a definite word still belongs to the name (عبد الله، أبو بكر البغدادي).
fn is_name_particle(w: &str) -> bool {
    is(w, class::NAME_PARTICLE)
}

/// Words that look like names after a title but are not (common role nouns, verbs of state).
fn is_not_name(ar: &Arabic, w: &str) -> bool {
    let lexical = ar.lexical(w);
    lexical.stop()
        || ar.is_speech_verb(w)
        || is_institution_or_place_noun(strip_conj(w).1)
        || lexical.title()
        || lexical.demonym()
        || lexical.calendar_word()
        || is_role_noun(w)
        || is(strip_conj(w).1, class::HONORIFIC)
        || has_pronoun_suffix(w)
        || {
            // A preposition-led common noun (بولاية، بمنح، لوزير) is not a name.
            let rest = match clitics::peel(w, BI_LI, 0) {
                (n, r) if n > 0 => Some(r),
                _ => None,
            };
            rest.is_some_and(|r| {
                has_article(r) || is_role_noun(r) || ar.is_stop(r) || ar.is_title(r) || starts_with_any(r, class::NOUN_PREFIX) && r.chars().count() <= 3
            })
        }
}

/// A style of address, bare or with the article (سمو, صاحب السمو's السمو, معالي).
fn is_honorific(w: &str) -> bool {
    let w = strip_conj(w).1;
    is(w.strip_prefix(ARTICLE).unwrap_or(w), class::HONORIFIC)
}

/// Nouns that open an institution's or a place's name (مركز, إقليم, موقع): never part of a person's.
fn is_institution_or_place_noun(w: &str) -> bool {
    is_org_head(w) || is(w, class::PLACE_NOUN) || is(w, class::QUOTE_HEAD)
}

/// A name particle or a role noun: never a place's name alone.
pub(super) fn is_name_particle_or_role(w: &str) -> bool {
    is_name_particle(w) || is_role_noun(w) || is_org_head(w)
}

/// A word that can be a name on its own: not a function word, title, role, reporting verb,
/// nationality, month or name particle (أبو, بن).
pub fn is_name_word(w: &str) -> bool {
    !is_not_name(arabic(), w) && !is_name_particle(strip_conj(w).1)
}

/// Possessive and object pronouns end common nouns (خارجيته، بنظرائه), never names.
fn has_pronoun_suffix(w: &str) -> bool {
    w.chars().count() >= 5 && ends_with_any(w, class::PRONOUN_SUFFIX)
}

/// A definite participle or common adjective (المتابع، المعارض، المختص) follows a name; a family
/// name or nisba (الأسد، السوداني) belongs to it.
fn definite_surname(w: &str) -> bool {
    let participle = w.strip_prefix(ARTICLE).is_some_and(|r| starts_with_any(r, class::NOUN_PREFIX));
    // A feminine plural (البلديات, المعلومات) is a noun's complement, never a family name.
    let feminine_plural = w.chars().count() >= 6 && ends_with_any(w, class::FEMININE_PLURAL_ENDING);
    // A feminine nisba (الاقتصادية, الخيرية) agrees with a noun before it: women keep the
    // masculine family name.
    let feminine_nisba =
        arabic().words.list(class::FEMININE_ENDING).iter().any(|f| w.strip_suffix(f.as_str()).is_some_and(|r| ends_with_any(r, class::NISBA_ENDING)));
    !(participle && !ends_with_any(w, class::NISBA_ENDING) && w.chars().count() >= 6) && !feminine_plural && !feminine_nisba
}

fn is_role_noun(w: &str) -> bool {
    is(strip_conj(w).1, class::ROLE_NOUN)
}

/// Titles and roles before names: الرئيس الروسي فلاديمير بوتين, وزير الدفاع … سيرغي شويغو,
/// المتحدث باسم الكرملين … . The role phrase introduced with a name later stands for that person.
/// Then names after reporting verbs and names coordinated after a nationality adjective.
fn title_mentions(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    role_and_name_mentions(doc, ar, cands, known_at, out);
    name_after_verb_mentions(doc, ar, known_at, out);
    coordinated_name_mentions(doc, ar, known_at, out);
    given_name_mentions(doc, ar, known_at, out);
}

/// A family name as Gulf papers write it after a given name: definite, with the nisba ending
/// (القحطاني, الغامدي), not a nationality or a role.
fn nisba_family_name(ar: &Arabic, w: &str) -> bool {
    starts_with_al(w) && arabic_word(w) && w.chars().count() >= 5 && ends_with_any(w, class::NISBA_ENDING) && !is_not_name(ar, w) && definite_surname(w)
}

/// A nationality nisba as the family name closing a full name (ماجد عبدالكريم الإفريقي): definite
/// and masculine (a feminine one agrees with a noun: الحكومة المصرية).
fn demonym_family_name(ar: &Arabic, w: &str) -> bool {
    starts_with_al(w) && arabic_word(w) && ar.is_demonym(w) && ends_with_any(w, class::NISBA_ENDING)
}

/// A given name the list knows, as a name (not a month or weekday, not على written as علي).
/// A given name the list knows, or a theophoric one written as one word (عبدالكريم, عبدالله: the
/// list holds the units of names, and عبد is one of them).
fn given_name_like(ar: &Arabic, w: &str) -> bool {
    ar.is_any_given_name(w) || {
        let w = clitics::peel(w, CONJUNCTIONS, 2).1;
        // The prefix first: it rules out nearly every word without reading the whole of it.
        arabic().words.list(class::THEOPHORIC_PREFIX).iter().any(|p| w.strip_prefix(p.as_str()).is_some_and(|r| r.chars().count() >= 3)) && arabic_word(w)
    }
}

fn given_name_at(doc: &Doc, ar: &Arabic, i: usize) -> bool {
    let w = doc.ftok(i);
    // Not the stop-word test: على folds to the name علي, and the spelling tells them apart.
    // The given-name test first: it rules out most words with one lookup.
    if !given_name_like(ar, w) {
        return false;
    }
    let lexical = ar.lexical(w);
    let not_name = ar.is_speech_verb(w) || lexical.title() || lexical.demonym() || lexical.calendar_word() || is_role_noun(w);
    !not_name && !doc.tokens[i].span.slice(doc.text).ends_with(ALIF_MAQSURA)
}

/// A title in its construct form (أمير منطقة, رئيس مجلس): after a name it opens a role, even when
/// the word is a given name too (أمير).
fn construct_title(ar: &Arabic, w: &str) -> bool {
    !w.is_empty() && ar.is_title_with_article(w)
}

/// People named by a given name and a family name (علي القحطاني) or by two given names and an
/// optional third (ماجد عبدالكريم, طارق محمود علوي), with any lineage after them.
fn given_name_mentions(doc: &Doc, ar: &Arabic, known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i + 1 < n {
        let same = |k: usize| k < n && doc.tokens[k].sentence == doc.tokens[i].sentence && !known_at.contains_key(&k);
        if known_at.contains_key(&i) || !given_name_at(doc, ar, i) || !same(i + 1) {
            i += 1;
            continue;
        }
        let second = doc.ftok(i + 1);
        let end = if nisba_family_name(ar, second) {
            i + 2
        } else if given_name_at(doc, ar, i + 1) && !second.starts_with(WA) && !has_article(second) && !construct_title(ar, second) {
            let third = if same(i + 2) { doc.ftok(i + 2) } else { "" };
            let plain_name = arabic_word(third) && !is_not_name(ar, third) && !third.starts_with(WA) && !has_article(third) && !construct_title(ar, third);
            if same(i + 2) && (nisba_family_name(ar, third) || demonym_family_name(ar, third) || plain_name) { i + 3 } else { i + 2 }
        } else {
            i += 1;
            continue;
        };
        let end = nasab_end(doc, ar, end);
        // The lineage before it is the same person's (خالد بن عبدالله الحربي: the pattern fires on
        // عبدالله الحربي), and a conjunction on the first name (ومحمد الحربي) is no part of it.
        let mut start = i;
        while start >= 2
            && is(doc.ftok(start - 1), class::NASAB)
            && doc.tokens[start - 2].sentence == doc.tokens[i].sentence
            && !known_at.contains_key(&(start - 2))
            && (given_name_at(doc, ar, start - 2) || {
                let w = doc.ftok(start - 2);
                arabic_word(w) && !has_article(w) && !is_not_name(ar, w) && !ar.is_title(w)
            })
        {
            start -= 2;
        }
        let mut person = person_named(doc, start, end);
        let first = doc.ftok(start);
        if let (conj, rest) = clitics::peel(first, CONJUNCTIONS, 2)
            && conj > 0
            && !ar.is_given_name_as_written(first)
            && given_name_like(ar, rest)
        {
            let fstart = doc.tokens[start].fstart + conj;
            let fend = doc.tokens[end - 1].fend;
            person.m.span = doc.folded.orig_span(fstart, fend);
            person.m.key = EntityKey::Surface(EntityKind::Person, doc.folded.text[fstart..fend].to_string());
            person.m.name_en = Some(transliterate(person.m.span.slice(doc.text)));
        }
        out.push(person);
        i = end;
    }
}

/// An organisation's name of three words or more ends before a title or a profession that closes
/// it: it opens the next person's name (المجلس البلدي المهندس …, نادي الفتح المهندس …).
fn leave_out_a_title_after_the_name(doc: &Doc, ar: &Arabic, c: &mut Cand) {
    let (a, b) = token_range(doc, c.m.span);
    if b < a + 3 || !(a..b).all(|k| doc.tokens[k].is_word) {
        return;
    }
    let last = doc.ftok(b - 1);
    // After ل or ب the title is the complement's (الموالي لشرعية الرئيس, loyal to the president's
    // legitimacy), not the next person's.
    let after_preposition = doc.ftok(b - 2).starts_with(['ل', 'ب']);
    if is(last, class::PROFESSION) || ar.is_title(last) && !after_preposition {
        let span = crate::Span::new(c.m.span.start, doc.tokens[b - 2].span.end);
        let key_text = doc.folded.text[doc.folded.folded(span.start)..doc.tokens[b - 2].fend].to_string();
        c.m = surface_mention(doc, EntityKind::Organization, span, key_text);
    }
}

/// A person named by the tokens `a..end` (a pattern's find: keyed by its folded surface).
fn person_named(doc: &Doc, a: usize, end: usize) -> Cand {
    let span = crate::Span::new(doc.tokens[a].span.start, doc.tokens[end - 1].span.end);
    let folded = doc.folded.text[doc.tokens[a].fstart..doc.tokens[end - 1].fend].to_string();
    Cand { m: surface_mention(doc, EntityKind::Person, span, folded), src: Source::Pattern }
}

/// A mention a rule found in `span`, keyed by its folded surface, its English name spelled out.
pub(super) fn surface_mention(doc: &Doc, kind: EntityKind, span: crate::Span, folded: String) -> Mention {
    Mention { span, kind, key: EntityKey::Surface(kind, folded), name_en: Some(transliterate(span.slice(doc.text))), geo: None }
}

/// Whether a known (lexicon) person starts at token `j`.
fn known_person_at(cands: &[Cand], known_at: &HashMap<usize, usize>, j: usize) -> bool {
    known_at.get(&j).is_some_and(|&k| cands[k].m.kind == EntityKind::Person)
}

/// The role phrases and the names they introduce.
fn role_and_name_mentions(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut role_of: HashMap<String, (EntityKey, Option<String>)> = HashMap::default();
    let mut i = 0;
    while i < n {
        let Some(prefix) = ar.title_prefix(doc.ftok(i)) else {
            i += 1;
            continue;
        };
        let next = if i + 1 < n { doc.ftok(i + 1) } else { "" };
        if known_person_at(cands, known_at, i) || ar.title_head_without_its_complement(doc.ftok(i), next) {
            i += 1;
            continue;
        }
        let j = role_end(doc, ar, cands, known_at, i);
        let role_start = doc.tokens[i].fstart + prefix;
        let role_end = doc.tokens[j.saturating_sub(1).max(i)].fend;
        let role_key: String = doc.folded.text[role_start..role_end].to_string();
        // Some papers set the name off with a dash: السيدة – مها.
        let dashed = j + 1 < n && is_dash(doc, j) && doc.tokens[j + 1].sentence == doc.tokens[i].sentence;
        let name_at = if dashed { j + 1 } else { j };
        // The name: a lexicon person right here, or name-like tokens.
        if known_person_at(cands, known_at, name_at) {
            let k = known_at[&name_at];
            if j > i + 1 {
                role_of.insert(role_key, (cands[k].m.key.clone(), cands[k].m.name_en.clone()));
            }
            i = name_at;
            continue;
        }
        let needs_given_name = j == i + 1 && is(strip_conj(doc.ftok(i)).1, class::COMMON_NOUN_TITLE);
        if let Some(end) = name_end(doc, ar, name_at, known_at).filter(|_| !needs_given_name || given_name_like(ar, doc.ftok(name_at))) {
            let person = person_named(doc, name_at, end);
            if j > i + 1 {
                role_of.insert(role_key, (person.m.key.clone(), person.m.name_en.clone()));
            }
            out.push(person);
            // Coordination: الرئيسان الروسي فلاديمير بوتين والفرنسي فرنسوا هولاند.
            i = end;
            continue;
        }
        // The role alone, after it was introduced with a name, stands for that person.
        if j > i + 1
            && let Some((key, name_en)) = role_of.get(&role_key)
        {
            out.push(Cand {
                m: Mention {
                    span: doc.folded.orig_span(role_start, role_end),
                    kind: EntityKind::Person,
                    key: key.clone(),
                    name_en: name_en.clone(),
                    geo: None,
                },
                src: Source::Pattern,
            });
        }
        i = j.max(i + 1);
    }
}

/// The end (exclusive token index) of the role phrase whose title is token `i`: its complements
/// and nationality adjectives (الدفاع، الخارجية، باسم الكرملين، الروسي) are skipped.
fn role_end(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, i: usize) -> usize {
    let n = doc.tokens.len();
    let mut j = i + 1;
    let mut complements = 0;
    while j < n && complements < 6 && doc.tokens[j].sentence == doc.tokens[i].sentence {
        let t = doc.ftok(j);
        if known_person_at(cands, known_at, j) {
            break;
        }
        if is(t, class::ROLE_COMPLEMENT) {
            j += 1;
            complements += 1;
            continue;
        }
        // Names in guillemets inside the role: أمين عام «الائتلاف الوطني السوري» المعارض.
        if t == "«"
            && let Some(c) = (j + 1..n.min(j + 7)).find(|&k| doc.ftok(k) == "»")
        {
            j = c + 1;
            complements += 1;
            continue;
        }
        // Prepositional complements: المختص بالجماعات المتطرفة، لوزير الصحة بولاية الخرطوم.
        let prep_definite = clitics::has_preposition_and_article(t) && t.chars().count() > 4;
        let prep_idafa = t.starts_with(BI_LI) && j + 1 < n && starts_with_al(doc.ftok(j + 1)) && is_not_name(ar, t) && !known_at.contains_key(&j);
        let possessive = has_pronoun_suffix(t) && complements == 0;
        if prep_definite || possessive {
            j += 1;
            complements += 1;
            continue;
        }
        if prep_idafa {
            j += 2;
            complements += 2;
            continue;
        }
        let definite = (starts_with_al(t) && !hamza_al(doc, j)) || t.starts_with(LI_ARTICLE);
        let known_org = known_at.get(&j).is_some_and(|&k| cands[k].m.kind != EntityKind::Person);
        if (definite && !ar.is_stop(t) && ar.month(t).is_none() && ar.weekday(t).is_none())
            || known_org
            || (complements > 0 && is(doc.ftok(j - 1), class::ROLE_LINK))
            || (j == i + 1 && is(t, class::TITLE_HEAD_COMPLEMENT))
        {
            j += 1;
            complements += 1;
            // A known organisation's later words are complements too.
            if known_org {
                let end = cands[known_at[&(j - 1)]].m.span.end;
                while j < n && doc.tokens[j].span.end <= end {
                    j += 1;
                }
            }
            continue;
        }
        break;
    }
    j
}

/// A name right after a reporting verb, closed by a role, a complementiser or a comma:
/// وقال رامي عبد الرحمن مدير المرصد …, قال جون سميث إن …; and a name glossed by "، وهو".
fn name_after_verb_mentions(doc: &Doc, ar: &Arabic, known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    for v in 0..n.saturating_sub(2) {
        let after_verb = ar.is_speech_verb(doc.ftok(v));
        // Only a reporting verb or a gloss lead can accept a name (see `ok` below): name_end
        // is the costly test, asked of every token otherwise.
        if !after_verb && !is(doc.ftok(v), class::GLOSS_LEAD) {
            continue;
        }
        // وقال – سلطان عبدالكريم نوح: a dash between the verb and its subject.
        let dashed = after_verb && is_dash(doc, v + 1);
        let start = if dashed { v + 2 } else { v + 1 };
        if start >= n {
            continue;
        }
        // وقالت وزارة الصحة إن: an institution speaks, and the head rules name it.
        if known_at.contains_key(&start) || is_org_head(doc.ftok(start)) {
            continue;
        }
        let Some(end) = name_end(doc, ar, start, known_at) else { continue };
        let next = if end < n { doc.ftok(end) } else { "" };
        let closed_by_role = end < n && ar.is_title(next);
        let closed_by_gloss = is(next, class::GLOSS_COMMA) && end + 1 < n && is(doc.ftok(end + 1), class::GLOSS);
        let closed_by_clause = is(next, class::NAME_CLOSER) && end - start >= 2;
        let ok = (dashed && end - start >= 2)
            || (after_verb && (closed_by_role || closed_by_clause || closed_by_gloss))
            || (closed_by_gloss && end - start >= 2 && doc.tokens[start].span.start > 0 && is(doc.ftok(v), class::GLOSS_LEAD));
        if !ok || doc.tokens[end.min(n - 1)].sentence != doc.tokens[start].sentence {
            continue;
        }
        out.push(person_named(doc, start, end));
    }
}

/// A dash token (folded: every dash is `-`).
fn is_dash(doc: &Doc, k: usize) -> bool {
    k < doc.tokens.len() && doc.ftok(k) == "-"
}

/// Coordinated names after a nationality adjective with و (والفرنسي فرنسوا هولاند).
fn coordinated_name_mentions(doc: &Doc, ar: &Arabic, known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    for i in 0..n.saturating_sub(1) {
        let w = doc.ftok(i);
        if !(w.starts_with(WA) && ar.is_demonym(w)) || known_at.contains_key(&(i + 1)) {
            continue;
        }
        let prev_title = (i.saturating_sub(6)..i).any(|k| ar.is_title(doc.ftok(k)) || starts_with_any(doc.ftok(k), class::DUAL_TITLE));
        if !prev_title {
            continue;
        }
        if let Some(end) = name_end(doc, ar, i + 1, known_at) {
            out.push(person_named(doc, i + 1, end));
        }
    }
}

/// The end (exclusive token index) of a personal name starting at token `j`, if one is there.
fn name_end(doc: &Doc, ar: &Arabic, j: usize, known_at: &HashMap<usize, usize>) -> Option<usize> {
    let n = doc.tokens.len();
    let sentence = doc.tokens.get(j)?.sentence;
    // A reporting form, even one that is more often a noun (ووصف), never opens a name.
    if ar.cue(doc.ftok(j)).is_some() {
        return None;
    }
    let mut k = j;
    while k < n && k < j + 4 && doc.tokens[k].sentence == sentence {
        let t = doc.ftok(k);
        // A family name that is also a title (صالح القاضي): after a given name alone, a definite
        // title that nothing name-like follows is that name, not the next person's title.
        if k == j + 1 && given_name_like(ar, doc.ftok(j)) && title_as_family_name(doc, ar, k) {
            k += 1;
            break;
        }
        // The construct form of a title (أمير منطقة, رئيس مجلس) opens a role after the name.
        if k > j && ar.is_title_with_article(t) {
            break;
        }
        let fathers_name = k > j && is(doc.ftok(k - 1), class::NASAB) && ar.is_given_name_as_written(t);
        if !arabic_word(t) || is_not_name(ar, t) && !fathers_name || (k > j && known_at.contains_key(&k)) {
            break;
        }
        // A definite word after a conjunction (والقيادي الميداني) opens no name.
        if k == j && t.starts_with(WA) && has_article(&t[WA.len_utf8()..]) {
            return None;
        }
        if starts_with_al(t) && !(k == j && hamza_al(doc, k)) {
            // Compound given names go on: عبد الله …, كمال الدين …, سيف الإسلام ….
            let after_particle = k > j && is_name_particle(doc.ftok(k - 1)) || is(t, class::NAME_TAIL);
            // After a given name, a participle-shaped family name (مها المنيف) is still one.
            let after_given =
                k == j + 1 && given_name_like(ar, doc.ftok(j)) && !ends_with_any(t, class::FEMININE_ENDING) && !ends_with_any(t, class::FEMININE_PLURAL_ENDING);
            if k == j || !after_particle && !definite_surname(t) && !after_given {
                break;
            }
            k += 1;
            if !after_particle {
                break;
            }
            continue;
        }
        // A conjunction-led word after a name starts a new phrase (وزير ... شويغو وقادة).
        if k > j && t.starts_with(WA) && !is_name_particle(doc.ftok(k - 1)) {
            break;
        }
        k += 1;
    }
    // A particle cannot end a name, unless it is a given name too (سيف, نور).
    while k > j && is_name_particle(doc.ftok(k - 1)) && !particle_is_given_name(ar, doc.ftok(k - 1)) {
        k -= 1;
    }
    // One word in construct with a definite noun (تقنية المعلومات, برؤساء البلديات) or with a name
    // already found (مدير تعليم الرياض, وزير خارجية فرنسا: a name is not followed straight by a
    // place or an organisation), or before a Latin-script name (مصنع Lighting Paper), is a common
    // noun, not a name.
    if k == j + 1 && k < n && doc.tokens[k].sentence == sentence && !given_name_like(ar, doc.ftok(j)) {
        let next = doc.ftok(k);
        let construct =
            starts_with_al(next) && !definite_surname(next) && !ar.is_stop(next) || is_institution_or_place_noun(next) || known_at.contains_key(&k);
        let latin = next.starts_with(|c: char| c.is_ascii_alphabetic());
        if construct || latin {
            return None;
        }
    }
    (k > j).then_some(k)
}

/// A name particle that is also a given name on its own (سيف, نور, صلاح; not أبو, بن, عبد).
fn particle_is_given_name(ar: &Arabic, w: &str) -> bool {
    w.chars().count() >= 3 && ar.is_any_given_name(w) && !is(w, class::KUNYA) && !is(w, class::NASAB)
}

/// Token `k` is a definite title word (القاضي, الشيخ) closing a name: nothing name-like after it.
fn title_as_family_name(doc: &Doc, ar: &Arabic, k: usize) -> bool {
    let t = doc.ftok(k);
    if !(starts_with_al(t) && ar.is_title(t) && !ar.is_demonym(t) && arabic_word(t)) {
        return false;
    }
    let n = doc.tokens.len();
    let next = if k + 1 < n && doc.tokens[k + 1].sentence == doc.tokens[k].sentence { doc.ftok(k + 1) } else { "" };
    !doc.tokens.get(k + 1).is_some_and(|x| x.is_word) || ar.is_stop(next) || ar.is_speech_verb(next)
}

/// Organisation heads with their definite complements: وزارة الدفاع الروسية, هيئة الأمن الفيدرالي,
/// جبهة النصرة, حركة «حماس».
fn org_head_mentions(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    for i in 0..n {
        let w = doc.ftok(i);
        // Definite heads (الوكالة الوطنية للإعلام) need two complements to be a name.
        let (dprefix, dw) = strip_conj(w);
        let definite_head = dw.strip_prefix(ARTICLE).is_some_and(is_org_head) || w.strip_prefix(ARTICLE).is_some_and(is_org_head);
        if definite_head {
            let prefix = if w.strip_prefix(ARTICLE).is_some_and(is_org_head) { 0 } else { dprefix };
            let sentence = doc.tokens[i].sentence;
            let mut j = i + 1;
            while j < n && j < i + 5 && doc.tokens[j].sentence == sentence {
                let t = doc.ftok(j);
                if (starts_with_al(t) && adjective_shaped(ar, t) || t.starts_with(LI_ARTICLE)) && !ar.is_stop(t) && ar.weekday(t).is_none() && !ar.is_title(t) {
                    j += 1;
                } else if t.starts_with(LI) && j + 1 < n && starts_with_al(doc.ftok(j + 1)) && j > i + 1 {
                    j += 2;
                } else {
                    break;
                }
            }
            let known_inside = (i..j).any(|k| known_at.get(&k).is_some_and(|&c| cands[c].m.kind != EntityKind::Place));
            if j >= i + 3 && !known_inside {
                let fstart = doc.tokens[i].fstart + prefix;
                let fend = doc.tokens[j - 1].fend;
                let span = doc.folded.orig_span(fstart, fend);
                let key_text = doc.folded.text[fstart..fend].to_string();
                out.push(Cand {
                    m: surface_mention(doc, EntityKind::Organization, span, key_text),
                    src: Source::Pattern,
                });
            }
            continue;
        }
        // A ministry named by its portfolio and country: الخارجية السودانية، الداخلية المصرية.
        if is(dw, class::MINISTRY_PORTFOLIO)
            && i + 1 < n
            && ends_with_any(doc.ftok(i + 1), class::FEMININE_ENDING)
            && ar.is_demonym(doc.ftok(i + 1))
            && !known_at.contains_key(&i)
            && !(i > 0
                && (is_org_head(doc.ftok(i - 1))
                    || ar.is_title(doc.ftok(i - 1))
                    || arabic().words.list(class::MINISTRY_STEM).iter().any(|m| doc.ftok(i - 1).contains(m.as_str()))))
        {
            let fstart = doc.tokens[i].fstart + dprefix;
            let fend = doc.tokens[i + 1].fend;
            let span = doc.folded.orig_span(fstart, fend);
            let key_text = doc.folded.text[fstart..fend].to_string();
            out.push(Cand {
                m: surface_mention(doc, EntityKind::Organization, span, key_text),
                src: Source::Pattern,
            });
            continue;
        }
        let (prefix, head) = if is_org_head(w) { (0, w) } else { strip_conj(w) };
        let (prefix2, head) = match clitics::peel(head, BI_LI, 0) {
            (n, r) if n > 0 && is_org_head(r) => (n, r),
            _ => (0, head),
        };
        // A state body (حكومة خادم الحرمين الشريفين) names an organisation only through a construct.
        let state_body = !is_org_head(head) && is(head, class::STATE_BODY);
        if !is_org_head(head) && !state_body {
            continue;
        }
        let sentence = doc.tokens[i].sentence;
        let mut j = i + 1;
        let mut end_tok = None;
        let mut construct = false;
        // A name in guillemets after a head (قناة «المتوسط», حركة «الصابرين») is the name itself.
        if j < n && doc.ftok(j) == "«" {
            if let Some(c) = quoted_name(doc, j, cands, known_at) {
                out.push(quoted_org(doc, j, c, None));
            }
            continue;
        } else {
            while j < n && j < i + 5 && doc.tokens[j].sentence == sentence {
                let t = doc.ftok(j);
                // لمكافحة الإرهاب, لحقوق الإنسان: a ل-led noun with its definite complement.
                if t.starts_with(LI) && !t.starts_with(LI_ARTICLE) && !ar.is_stop(t) && j > i + 1 && j + 1 < n && starts_with_al(doc.ftok(j + 1)) {
                    j += 2;
                    end_tok = Some(j);
                    continue;
                }
                // مؤسسة مسك الخيرية, سفارة خادم الحرمين الشريفين, أمانة منطقة المدينة: one indefinite
                // noun in construct between the head and its definite complement.
                if j == i + 1 && construct_noun(ar, t) && j + 1 < n && doc.tokens[j + 1].sentence == sentence && {
                    let c = doc.ftok(j + 1);
                    starts_with_al(c) && !ar.is_stop(c) && !ar.is_demonym(c) && ar.weekday(c).is_none() && ar.month(c).is_none()
                } {
                    j += 1;
                    construct = true;
                    continue;
                }
                if !(starts_with_al(t) || t.starts_with(LI_ARTICLE)) || ar.is_stop(t) || ar.weekday(t).is_some() || ar.is_title(t) && j > i + 1 {
                    break;
                }
                j += 1;
                end_tok = Some(j);
            }
        }
        let Some(end) = end_tok else { continue };
        if state_body && !construct {
            continue;
        }
        // برئاسة العميد …, برئاسة صاحب السمو …: with a preposition and a title (or a style of
        // address) after it, the head is a verbal noun, «chaired by», and a person follows.
        if prefix2 > 0
            && (i + 1..end).any(|k| {
                let t = doc.ftok(k);
                ar.is_title(t) || is(clitics::without_article(t), class::HONORIFIC)
            })
        {
            continue;
        }
        // حركة المرور, تنظيم الفعاليات: an activity, not a body (words.tsv, activity_head).
        if end == i + 2 && !construct && is(head, class::ACTIVITY_HEAD) {
            continue;
        }
        // A known name inside (تنظيم «داعش», جبهة النصرة) stands for itself: one entity, not two.
        if (i..end).any(|k| known_at.get(&k).is_some_and(|&c| cands[c].m.kind != EntityKind::Place)) {
            continue;
        }
        let fstart = doc.tokens[i].fstart + prefix + prefix2;
        let fend = doc.tokens[end - 1].fend;
        // An apposition in guillemets names it: وكالة الأنباء السورية الرسمية «سانا».
        if end + 2 < n
            && doc.ftok(end) == "«"
            && let Some(&k) = known_at.get(&(end + 1))
            && cands[k].m.kind == EntityKind::Organization
        {
            let span = doc.folded.orig_span(fstart, fend);
            out.push(Cand {
                m: Mention { span, kind: EntityKind::Organization, key: cands[k].m.key.clone(), name_en: cands[k].m.name_en.clone(), geo: None },
                src: Source::Pattern,
            });
            continue;
        }
        let span = if doc.ftok(end - 1) == "»" {
            crate::Span::new(doc.folded.orig(fstart), doc.tokens[end - 1].span.end)
        } else {
            doc.folded.orig_span(fstart, fend)
        };
        let key_text: String = doc.folded.text[fstart..fend].chars().filter(|c| *c != '«' && *c != '»').collect();
        let key_text = key_text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(Cand {
            m: surface_mention(doc, EntityKind::Organization, span, key_text),
            src: Source::Pattern,
        });
    }
}

/// Whether a definite word can be an adjective: only adjectives follow a definite head (البنك
/// المركزي, الوكالة الوطنية, المجلس الأعلى, المحكمة العليا, اللجنة الدائمة); a definite noun after it
/// begins a new phrase (رفع البنك الحد الأدنى: the bank raised the minimum). Nisba, participle
/// (م-), elative, فعيل and feminine shapes pass, and the adjectives the English names table
/// knows (الحر, الخاص); nouns of other shapes (الحد, الرسوم, الأسعار, الهجوم) do not.
fn adjective_shaped(ar: &Arabic, t: &str) -> bool {
    let stem = clitics::without_article(t);
    let letters: Vec<char> = stem.chars().collect();
    let nisba = ["ي", "يه", "يين", "يون", "يات", "يا"].iter().any(|e| stem.ends_with(e));
    let participle = letters.len() >= 4 && letters[0] == 'م';
    let elative = letters.len() == 4 && letters[0] == 'ا';
    let fa_il = letters.len() == 4 && letters[2] == 'ي';
    nisba || participle || elative || fa_il || stem.ends_with('ه') || ar.translit.is_adjective(stem)
}

/// Institutions and places named after a king, prince or sheikh (مدينة الملك عبدالله الاقتصادية,
/// مطار الملك خالد الدولي, مركز الملك عبدالعزيز للحوار الوطني): head, title, given name with any
/// lineage, then definite adjectives and ل- complements. Longer than the person inside, the phrase
/// wins the overlap.
fn eponym_mentions(doc: &Doc, ar: &Arabic, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i + 2 < n {
        let w = doc.ftok(i);
        let (prefix, head) = match clitics::peel(w, CONJUNCTIONS, 0) {
            (c, r) if c > 0 => (c, r),
            _ => (0, w),
        };
        let (prefix2, head) = match clitics::peel(head, BI_LI, 0) {
            (p, r) if p > 0 && (is(r, class::EPONYM_ORG_HEAD) || is(r, class::EPONYM_PLACE_HEAD)) => (p, r),
            _ => (0, head),
        };
        let kind = if is(head, class::EPONYM_ORG_HEAD) {
            EntityKind::Organization
        } else if is(head, class::EPONYM_PLACE_HEAD) {
            EntityKind::Place
        } else {
            i += 1;
            continue;
        };
        let sentence = doc.tokens[i].sentence;
        let same = |k: usize| k < n && doc.tokens[k].sentence == sentence;
        if !(same(i + 2) && is(doc.ftok(i + 1), class::EPONYM_TITLE)) {
            i += 1;
            continue;
        }
        // The name: one given name, or عبد + a definite word (عبد العزيز), then any lineage.
        let mut j = i + 2;
        let name = doc.ftok(j);
        if is_name_particle(name) && same(j + 1) && starts_with_al(doc.ftok(j + 1)) {
            j += 2;
        } else if given_name_like(ar, name) && !has_article(name) {
            j += 1;
        } else {
            i += 1;
            continue;
        }
        j = nasab_end(doc, ar, j);
        let name_end = j;
        // What qualifies it: الاقتصادية, الدولي, للحوار الوطني, لسباق الهجن, للدراسات والبحوث.
        let mut taken = 0;
        while same(j) && taken < 4 {
            let t = doc.ftok(j);
            let after_li = taken > 0 && doc.ftok(j - 1).starts_with(LI);
            if starts_with_al(t) && !ar.is_stop(t) && ar.weekday(t).is_none() && ar.month(t).is_none() && !ar.is_title(t) {
                j += 1;
            } else if t.starts_with(LI_ARTICLE) {
                j += 1;
            } else if t.starts_with(LI) && !ar.is_stop(t) && same(j + 1) && starts_with_al(doc.ftok(j + 1)) {
                j += 2;
            } else if after_li && t.starts_with(WA) && has_article(&t[WA.len_utf8()..]) {
                j += 1;
            } else {
                break;
            }
            taken += 1;
        }
        let fstart = doc.tokens[i].fstart + prefix + prefix2;
        let fend = doc.tokens[j - 1].fend;
        let span = doc.folded.orig_span(fstart, fend);
        let key = EntityKey::Surface(kind, doc.folded.text[fstart..fend].to_string());
        let text = |a: usize, b: usize| &doc.folded.text[doc.tokens[a].fstart..doc.tokens[b - 1].fend];
        let head_and_rest = if j > name_end { format!("{head} {}", text(name_end, j)) } else { head.to_string() };
        let name_en = ar.translit.eponym_name(doc.ftok(i + 1), text(i + 2, name_end), &head_and_rest).unwrap_or_else(|| transliterate(span.slice(doc.text)));
        out.push(Cand { m: Mention { span, kind, key, name_en: Some(name_en), geo: None }, src: Source::Pattern });
        i = j;
    }
}

/// The shape of the verbal nouns of derived verbs (إعداد, إنشاء, استخدام, انتقال: alif first, alif
/// before the last letter): an activity (برنامج إعداد القادة), not a name.
fn verbal_noun_shape(t: &str) -> bool {
    let c: Vec<char> = t.chars().collect();
    c.len() >= 5 && c[0] == ALIF && c[c.len() - 2] == ALIF
}

/// The letter alif (hamza forms fold to it).
const ALIF: char = '\u{0627}';

/// An indefinite noun that can stand in construct inside an institution's name: a plain word, not
/// a function word, title, reporting verb, nationality or another head.
fn construct_noun(ar: &Arabic, t: &str) -> bool {
    let prepositional = matches!(clitics::peel(t, BI_LI, 0), (p, r) if p > 0 && has_article(r));
    !verbal_noun_shape(t)
        && !prepositional
        && !has_pronoun_suffix(t)
        && arabic_word(t)
        && !has_article(t)
        && !ar.is_stop(t)
        && !is_org_head(t)
        && !ar.is_title(t)
        && !ar.is_speech_verb(t)
        && !ar.is_demonym(t)
        && ar.month(t).is_none()
        && ar.weekday(t).is_none()
        && !t.starts_with(WA)
}

/// The closing quotation mark of a name of one to four words opened at token `open` (« or "),
/// when no person or organisation a list knows is inside (تنظيم «داعش» is the lexicon's).
fn quoted_name(doc: &Doc, open: usize, cands: &[Cand], known_at: &HashMap<usize, usize>) -> Option<usize> {
    let n = doc.tokens.len();
    let closing = match doc.ftok(open) {
        "«" => "»",
        "\"" => "\"",
        _ => return None,
    };
    let c = (open + 1..n.min(open + 6)).find(|&k| doc.ftok(k) == closing)?;
    let words_only = (open + 1..c).all(|k| doc.tokens[k].is_word);
    let known_inside = (open + 1..c).any(|k| known_at.get(&k).is_some_and(|&x| cands[x].m.kind != EntityKind::Place));
    (c > open + 1 && words_only && !known_inside && doc.tokens[c].sentence == doc.tokens[open].sentence).then_some(c)
}

/// An organisation named by the quoted tokens `open..=close`, quotation marks included (so that
/// a place the gazetteer reads in the same words, «الرياض» the newspaper, gives way).
fn quoted_org(doc: &Doc, open: usize, close: usize, name_en: Option<String>) -> Cand {
    let span = crate::Span::new(doc.tokens[open].span.start, doc.tokens[close].span.end);
    let inner = doc.folded.orig_span(doc.tokens[open + 1].fstart, doc.tokens[close - 1].fend);
    let key = EntityKey::Surface(EntityKind::Organization, doc.folded.text[doc.tokens[open + 1].fstart..doc.tokens[close - 1].fend].to_string());
    let name_en = name_en.unwrap_or_else(|| transliterate(inner.slice(doc.text)));
    Cand { m: Mention { span, kind: EntityKind::Organization, key, name_en: Some(name_en), geo: None }, src: Source::Pattern }
}

/// A quoted name after لـ that a reporting verb or a listed outlet makes the paper spoken to:
/// وقال لـ«عكاظ», كشف لـ"الرياض"; and a quoted name after a head that names media or groups only
/// with quotation marks (موقع «…», مكتب «…»).
fn quoted_org_mentions(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    for i in 0..n.saturating_sub(2) {
        let w = doc.ftok(i);
        let head = is(strip_conj(w).1, class::QUOTE_HEAD);
        if !(head || w.chars().eq([LI])) {
            continue;
        }
        let Some(close) = quoted_name(doc, i + 1, cands, known_at) else { continue };
        let inner = doc.folded.orig_span(doc.tokens[i + 2].fstart, doc.tokens[close - 1].fend).slice(doc.text);
        // the name was between quotation marks, so an outlet named by an everyday word counts
        let outlet = crate::metadata::outlet_of(inner, true);
        let after_cue = (i.saturating_sub(3)..i).any(|k| ar.cue(doc.ftok(k)).is_some());
        if head || outlet.is_some() || after_cue {
            out.push(quoted_org(doc, i + 1, close, outlet));
        }
    }
}

/// An institution of a known organisation with what it is for (مركز أرامكو لريادة الأعمال) is an
/// organisation of its own, and so is its head with the known name alone later (مركز أرامكو).
fn institutions_of_known_orgs(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let head_at = |i: usize| -> Option<usize> {
        let (conj, w) = strip_conj(doc.ftok(i));
        if is_org_head(w) {
            return Some(conj);
        }
        match clitics::peel(w, BI_LI, 1) {
            (p, r) if p > 0 && is_org_head(r) => Some(conj + p),
            _ => None,
        }
    };
    // (head, organisation key) -> the full name's key, and where the short forms are.
    let mut named: Vec<(String, EntityKey, EntityKey)> = Vec::new();
    let mut short: Vec<(usize, usize, String, EntityKey)> = Vec::new();
    for i in 0..n.saturating_sub(1) {
        let Some(skip) = head_at(i) else { continue };
        let Some(&c) = known_at.get(&(i + 1)) else { continue };
        let org = &cands[c].m;
        if org.kind != EntityKind::Organization || org.span.end != doc.tokens[i + 1].span.end || doc.tokens[i + 1].sentence != doc.tokens[i].sentence {
            continue;
        }
        let head = doc.ftok(i)[skip..].to_string();
        let same = |k: usize| k < n && doc.tokens[k].sentence == doc.tokens[i].sentence;
        let t = if same(i + 2) { doc.ftok(i + 2) } else { "" };
        let end = if t.starts_with(LI)
            && !t.starts_with(LI_ARTICLE)
            && !ar.is_stop(t)
            && same(i + 3)
            && starts_with_al(doc.ftok(i + 3))
            && !known_at.contains_key(&(i + 2))
        {
            Some(i + 4)
        } else {
            None
        };
        let fstart = doc.tokens[i].fstart + skip;
        let Some(end) = end else {
            short.push((i, fstart, head, org.key.clone()));
            continue;
        };
        let fend = doc.tokens[end - 1].fend;
        let span = doc.folded.orig_span(fstart, fend);
        let key = EntityKey::Surface(EntityKind::Organization, doc.folded.text[fstart..fend].to_string());
        named.push((head, org.key.clone(), key.clone()));
        out.push(Cand {
            m: Mention { span, kind: EntityKind::Organization, key, name_en: Some(transliterate(span.slice(doc.text))), geo: None },
            src: Source::Pattern,
        });
    }
    for (i, fstart, head, org) in short {
        if let Some((.., key)) = named.iter().find(|(h, o, _)| *h == head && *o == org) {
            let span = doc.folded.orig_span(fstart, doc.tokens[i + 1].fend);
            out.push(Cand {
                m: Mention { span, kind: EntityKind::Organization, key: key.clone(), name_en: Some(transliterate(span.slice(doc.text))), geo: None },
                src: Source::Pattern,
            });
        }
    }
}

/// A company named in Latin letters after its head (لشركة Dusfan Enterprise, مصنع Lighting Paper):
/// the capitalised words together are one organisation.
fn latin_org_mentions(doc: &Doc, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let capitalised = |k: usize| doc.tokens[k].is_word && doc.tokens[k].span.slice(doc.text).chars().next().is_some_and(|c| c.is_ascii_uppercase());
    for i in 0..n.saturating_sub(1) {
        let (_, w) = strip_conj(doc.ftok(i));
        let bare = match clitics::peel(w, BI_LI, 1) {
            (p, r) if p > 0 && (is_org_head(r) || is(r, class::COMPANY_NOUN)) => r,
            _ => w,
        };
        // The head and the name in one sentence: a name opening the next line (قناة \nOSN) is not it.
        if !(is_org_head(bare) || is(bare, class::COMPANY_NOUN)) || !capitalised(i + 1) || doc.tokens[i + 1].sentence != doc.tokens[i].sentence {
            continue;
        }
        let mut end = i + 1;
        while end < n && end < i + 6 && capitalised(end) && doc.tokens[end].sentence == doc.tokens[i].sentence {
            end += 1;
        }
        let span = crate::Span::new(doc.tokens[i + 1].span.start, doc.tokens[end - 1].span.end);
        let key = EntityKey::Surface(EntityKind::Organization, doc.folded.text[doc.tokens[i + 1].fstart..doc.tokens[end - 1].fend].to_string());
        out.push(Cand {
            m: Mention { span, kind: EntityKind::Organization, key, name_en: Some(span.slice(doc.text).to_string()), geo: None },
            src: Source::Pattern,
        });
    }
}

#[inline]
fn strip_conj(w: &str) -> (usize, &str) {
    arabic().peel_conjunction(w)
}

/// `w` is a noun of `class` as written or behind a conjunction and ب/ل (بمحافظة, وصواريخ): the
/// word as written is tried too, for nouns that begin with ب or ل themselves (بلدة, بنادق).
fn is_head_noun(w: &str, c: WordClass) -> bool {
    is(w, c) || is(clitics::peel(strip_conj(w).1, BI_LI, 3).1, c)
}

fn is_org_head(w: &str) -> bool {
    is(w, class::ORG_HEAD)
}

/// Equipment designations (سو - 34, تو - 95 إم إس, ships named after الطراد) and numbers with their
/// counted noun (2300 طلعة) as quantities, so that they are never read as names or dates.
fn equipment_and_quantities(doc: &Doc, ar: &Arabic, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        let t = doc.ftok(i);
        // Designation: a short letter code, a dash, a number, and short suffix codes.
        if i + 2 < n
            && doc.ftok(i + 1) == "-"
            && arabic_word(t)
            && t.chars().count() <= 4
            && doc.ftok(i + 2).starts_with(|c: char| c.is_ascii_digit())
            && !ar.is_stop(t)
        {
            let mut end = i + 3;
            while end < n && end < i + 6 && doc.tokens[end].is_word && doc.ftok(end).chars().count() <= 2 && doc.tokens[end].sentence == doc.tokens[i].sentence
            {
                end += 1;
            }
            let span = crate::Span::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end);
            let key = EntityKey::Surface(EntityKind::Equipment, doc.folded.text[doc.tokens[i].fstart..doc.tokens[end - 1].fend].replace(' ', ""));
            out.push(Cand {
                m: Mention { span, kind: EntityKind::Equipment, key, name_en: Some(transliterate(span.slice(doc.text)).replace(' ', "")), geo: None },
                src: Source::Pattern,
            });
            i = end;
            continue;
        }
        // Named vessels: الطراد «موسكوفا».
        if is(strip_conj(t).1, class::VESSEL) && i + 2 < n && doc.ftok(i + 1) == "«" {
            if let Some(c) = (i + 2..n.min(i + 6)).find(|&k| doc.ftok(k) == "»")
                && c > i + 2
            {
                let span = crate::Span::new(doc.tokens[i + 2].span.start, doc.tokens[c - 1].span.end);
                let key_text = doc.folded.text[doc.tokens[i + 2].fstart..doc.tokens[c - 1].fend].to_string();
                out.push(Cand {
                    m: surface_mention(doc, EntityKind::Equipment, span, key_text),
                    src: Source::Pattern,
                });
                i = c + 1;
                continue;
            }
        }
        // Quantity: a number and the noun it counts (not a month, which makes a date).
        if t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') && t.starts_with(|c: char| c.is_ascii_digit()) && i + 1 < n {
            let noun = doc.ftok(i + 1);
            let scale = is(noun, class::SCALE);
            // The noun on the same line (a year ending a paragraph is no count of the next one's
            // first word), and not a reporting verb (عام 2017 وقال); its participles count
            // (41 متهما, defendants) and so does ف + a verb's letters (500 فدان, feddans).
            let same_line = |k: usize| k < n && !doc.text[doc.tokens[k - 1].span.end..doc.tokens[k].span.start].contains('\n');
            let verb = |w: &str| {
                ar.cue(w).is_some_and(|(conj, cue)| cue.shape == crate::lang::ar::CueShape::Finite && !cue.needs_complement && !(conj > 0 && w.starts_with('ف')))
            };
            let counted = |k: usize| same_line(k) && arabic_word(doc.ftok(k)) && !verb(doc.ftok(k));
            if counted(i + 1) && ar.month(noun).is_none() && !ar.is_stop(noun) && !scale || scale && same_line(i + 1) && counted(i + 2) {
                let end = if scale { i + 3 } else { i + 2 };
                let span = crate::Span::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end);
                let key = EntityKey::Surface(EntityKind::Quantity, doc.folded.text[doc.tokens[i].fstart..doc.tokens[end - 1].fend].to_string());
                out.push(Cand { m: Mention { span, kind: EntityKind::Quantity, key, name_en: None, geo: None }, src: Source::Pattern });
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{LI, arabic, arabic_word};

    #[test]
    fn arabic_words_by_bytes_as_by_characters() {
        let by_chars = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c));
        let letters: Vec<char> = ('\u{0600}'..='\u{06FF}').chain(['a', '1', '-', 'é', '\u{0620}', '\u{064B}']).collect();
        for a in &letters {
            for b in &letters {
                for w in [format!("{a}"), format!("{a}{b}"), format!("{a}{b}{a}"), format!("x{a}{b}")] {
                    assert_eq!(arabic_word(&w), by_chars(&w), "{w}");
                }
            }
        }
    }
    use crate::{Analysis, EntityKind, Lang, Options, analyze};

    fn run(text: &str) -> Analysis {
        analyze(text, &Options { lang: Some(Lang::Ar), date: None })
    }

    fn names(a: &Analysis, text: &str, kind: EntityKind) -> Vec<Vec<String>> {
        a.entities.iter().filter(|e| e.kind == kind).map(|e| e.mentions.iter().map(|m| m.slice(text).to_string()).collect()).collect()
    }

    /// The display names of the entities of `kind`.
    fn entity_names(a: &Analysis, kind: EntityKind) -> Vec<&str> {
        a.entities.iter().filter(|e| e.kind == kind).map(|e| e.name.as_str()).collect()
    }

    /// The persons' display names with their English names.
    fn people_in_english(a: &Analysis) -> Vec<(&str, Option<&str>)> {
        a.entities.iter().filter(|e| e.kind == EntityKind::Person).map(|e| (e.name.as_str(), e.name_en.as_deref())).collect()
    }

    #[test]
    fn a_latin_name_on_the_line_after_its_head_is_not_its_company() {
        // SaudiNewsNet alriyadh-1071392 wrote «على قناة \nOSN Movies»: the head closes one sentence.
        let text = "ويمكن مشاهدة العروض على قناة \nOSN Movies Box Office في المساء.";
        let a = run(text);
        assert!(names(&a, text, EntityKind::Organization).iter().flatten().all(|m| !m.contains('\n')));
    }

    #[test]
    fn a_word_in_construct_with_a_known_name_or_a_style_of_address_is_no_person() {
        let t = "وقال مدير تعليم الرياض إن العمل مستمر. وأكد معالي وزير خارجية فرنسا أن الرئيس بوتين وصل.";
        let people: Vec<String> = run(t).entities.iter().filter(|e| e.kind == EntityKind::Person).map(|e| e.name.clone()).collect();
        assert!(people.iter().all(|p| !["تعليم", "خارجية", "معالي"].contains(&p.as_str())), "{people:?}");
        assert!(people.iter().any(|p| p == "بوتين"), "{people:?}");
        // A title that needs its second word (ولي العهد) is read as written, not as و + لي.
        let t = "ورفع التهنئة إلى سمو ولي عهده الأمين.";
        assert!(run(t).entities.iter().all(|e| e.kind != EntityKind::Person), "{:?}", run(t).entities);
    }

    #[test]
    fn listed_surnames_take_their_given_names_and_common_words_are_no_persons() {
        let t = "التقى رئيس الوزراء خالد محفوظ بحاح الرئيس عبدالفتاح السيسي. وقال المدرب حمود المالكي إن وفاة زعيم طالبان ستؤثر في \
                 المقاتلين، وجاء التوقيع مع اللاعب رسمياً. وشكر الدكتور ساعد الحارثي على فكرة الجائزة.";
        let a = run(t);
        let people = people_in_english(&a);
        assert!(people.contains(&("خالد محفوظ بحاح", Some("Khaled Bahah"))), "{people:?}");
        assert!(people.contains(&("عبدالفتاح السيسي", Some("Abdel Fattah el-Sisi"))), "{people:?}");
        // another given name before a listed family name is someone else of the family
        assert!(people.iter().any(|(n, en)| *n == "حمود المالكي" && *en != Some("Nouri al-Maliki")), "{people:?}");
        assert!(people.iter().all(|(n, _)| !["محفوظ", "ستؤثر", "رسمياً"].contains(n)), "{people:?}");
        // a given name the lists lack (ساعد, also "he helped") before a family name stays
        assert!(people.iter().any(|(n, _)| *n == "ساعد الحارثي"), "{people:?}");
        // a hamza the list never writes, a lineage that is not the listed person's: someone else
        let t = "قام صدام حسين بأول زيارة. والتقى المهندس بشار بن عبد الكريم بن عطاء الوزير.";
        let a = run(t);
        let linked: Vec<&str> = a.entities.iter().filter_map(|e| e.name_en.as_deref()).collect();
        assert!(!linked.contains(&"Colin Powell") && !linked.contains(&"Bashar al-Assad"), "{linked:?}");
        // a verb or a noun is no town (تلا ذلك, وفقاً ل), a town after a place noun is one
        let t = "تلا ذلك كلمة المدير وفقاً لما ذكرته الوكالة عن الدفاع عن مدينة تدمر الأثرية.";
        let places: Vec<String> = run(t).entities.iter().filter(|e| e.kind == EntityKind::Place).map(|e| e.name.clone()).collect();
        assert_eq!(places, ["تدمر"]);
    }

    #[test]
    fn an_organisation_s_name_ends_before_the_next_person_s_profession() {
        let a = run("وأوضح رئيس المجلس البلدي المهندس خالد العتيبي أن المجلس البلدي سيعقد جلسته غدا.");
        let orgs = entity_names(&a, EntityKind::Organization);
        assert!(orgs.iter().all(|n| !n.ends_with("المهندس")), "{orgs:?}");
    }

    #[test]
    fn a_name_after_a_mosque_or_a_company_names_it_not_a_person() {
        let a = run("وقال إمام مسجد عمرو بن العاص إن الصلاة أقيمت. وتوجه الطلاب إلى مدرسة حسان بن ثابت المتوسطة. \
                     وتقام المباراة على ملعب \"لوفتس رود\" في لندن.");
        let places: Vec<(&str, Option<&str>)> =
            a.entities.iter().filter(|e| e.kind == EntityKind::Place).map(|e| (e.name.as_str(), e.name_en.as_deref())).collect();
        assert!(places.contains(&("مسجد عمرو بن العاص", Some("Amr bin al-As Mosque"))), "{places:?}");
        assert!(places.iter().any(|(n, en)| *n == "ملعب لوفتس رود" && en.is_some_and(|e| e.ends_with(" Stadium"))), "{places:?}");
        let orgs = entity_names(&a, EntityKind::Organization);
        assert!(orgs.contains(&"مدرسة حسان بن ثابت المتوسطة"), "{orgs:?}");
        assert!(entity_names(&a, EntityKind::Person).is_empty(), "{:?}", people_in_english(&a));
    }

    #[test]
    fn the_movement_of_the_winds_is_no_movement() {
        let a = run("وقال خبير الأرصاد إن حركة الرياح السطحية ستنشط اليوم. وأعلنت حركة المقاومة الإسلامية أنها ترحب بالقرار.");
        let orgs = entity_names(&a, EntityKind::Organization);
        assert!(!orgs.iter().any(|n| n.contains("الرياح")), "{orgs:?}");
        assert!(orgs.iter().any(|n| n.contains("المقاومة")), "{orgs:?}");
    }

    #[test]
    fn a_person_after_a_noun_he_leads_or_through_him_stays_a_person() {
        let a = run("وقال المتحدث باسم حزب أردوغان إن الحزب سيفوز. وتقدم الفريق بهدف عن طريق لوكاس مورا.");
        let people = entity_names(&a, EntityKind::Person);
        assert!(people.contains(&"أردوغان") && people.contains(&"لوكاس مورا"), "{people:?}");
    }

    #[test]
    fn a_western_name_that_begins_with_waw_keeps_it() {
        let a = run("التقى الوزير نظيره الفرنسي. وقال ويلسون إن الاتفاق جيد.");
        let people = people_in_english(&a);
        assert_eq!(people, [("ويلسون", Some("Wilson"))]);
    }

    #[test]
    fn the_tagger_s_whole_name_stands_over_a_part_the_rules_found() {
        let t = "وقال وزير الخارجية الإيطالي باولو جينتيلوني إن المحادثات جادة. وقال تيم جونسون رئيس قسم السياسة إن الأمر \
                 صعب.";
        let a = run(t);
        let people = people_in_english(&a);
        // a foreign given name is no clitic and a town (ب + اولو, Oulu)
        assert!(people.iter().any(|(n, _)| *n == "باولو جينتيلوني"), "{people:?}");
        assert!(a.entities.iter().all(|e| e.kind != EntityKind::Place), "{:?}", a.entities);
        // a given name the list does not have is someone else of that name; its own, spelled otherwise, is the listed person
        assert!(people.iter().any(|(n, en)| *n == "تيم جونسون" && *en != Some("Boris Johnson")), "{people:?}");
        let a = run("وقالت فيدريكا موغيريني منسقة السياسة");
        let people: Vec<(&str, Option<&str>)> = a.entities.iter().map(|e| (e.name.as_str(), e.name_en.as_deref())).collect();
        assert_eq!(people, [("فيدريكا موغيريني", Some("Federica Mogherini"))]);
    }

    #[test]
    fn a_conjunction_before_a_far_better_known_place_and_capitals_that_are_words() {
        let names_en = |t: &str| -> Vec<String> {
            run(t).entities.iter().filter(|e| e.kind == EntityKind::Place).filter_map(|e| e.name_en.clone()).collect()
        };
        assert_eq!(names_en("زار الوزير الرياض وجدة ومسقط"), ["Riyadh", "Jeddah", "Muscat"]);
        // after a conjunction of its own, the whole word is the town
        assert_eq!(names_en("زار الملك الرباط ووجدة"), ["Rabat", "Oujda"]);
    }

    #[test]
    fn a_country_named_like_an_adjective_after_a_noun_is_the_adjective() {
        let places = |t: &str| -> Vec<String> {
            run(t).entities.iter().filter(|e| e.kind == EntityKind::Place).filter_map(|e| e.name_en.clone()).collect()
        };
        assert!(places("وتقدم النادي بعرض مالي قيمته 80 مليون يورو").is_empty());
        assert_eq!(places("قتل جنديان في كمين شمال مالي"), ["Mali"]);
        assert_eq!(places("وصل الوزير إلى مالي أمس"), ["Mali"]);
        // A country the news reads as a name stays after any noun.
        assert_eq!(places("خسر الفريق أمام منتخب تشيلي"), ["Chile"]);
    }

    #[test]
    fn an_acronym_of_letters_with_periods_is_one_name() {
        let t = "وقال متحدث باسم هيئة الإذاعة البريطانية (بي.بي.سي) إن البرنامج سيعود.";
        let orgs: Vec<(String, Option<String>)> =
            run(t).entities.iter().filter(|e| e.kind == EntityKind::Organization).map(|e| (e.name.clone(), e.name_en.clone())).collect();
        assert!(orgs.contains(&("بي.بي.سي".to_string(), Some("BBC".to_string()))), "{orgs:?}");
        assert!(!orgs.iter().any(|(n, _)| n == "بي" || n == "سي"), "{orgs:?}");
    }

    #[test]
    fn a_word_that_opens_place_names_takes_the_next_word() {
        let places: Vec<String> = run("ويقيم الفريق معسكره الحالي في مدينة سان مورتيز السويسرية استعدادا للموسم الجديد.")
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Place)
            .map(|e| e.name.clone())
            .collect();
        assert_eq!(places, ["سان مورتيز"]);
    }

    #[test]
    fn particles_are_left_out_of_names_and_generic_heads_are_none() {
        let t = "وقال الأمين العام للغفيلي إن وفهد الثنيان حضر. ونقل المصاب إلى مستشفى ميداني ثم إلى المستشفى.";
        let a = run(t);
        let people = people_in_english(&a);
        assert!(people.iter().any(|(n, _)| *n == "فهد الثنيان"), "{people:?}");
        assert!(people.iter().all(|(n, en)| !n.starts_with("لل") && !en.is_some_and(|e| e.starts_with("Lal"))), "{people:?}");
        assert!(!a.entities.iter().any(|e| e.name.contains("مستشف")), "{:?}", a.entities);
        assert_eq!(crate::lang::ar::citation_form("للغفيلي").as_deref(), Some("الغفيلي"));
        // a name runs on into no preposition before the article or an institution head
        let t = "وقال الأمين العام عبدالحكيم بافرج للمراكز الصحية إن العمل مستمر.";
        let a = run(t);
        assert!(a.entities.iter().all(|e| !e.name.contains("للمراكز")), "{:?}", a.entities);
        // ل + ليبيا, and a name that only looks like ب + ال
        assert_eq!(crate::lang::ar::citation_form("لليبيا"), None);
        assert_eq!(arabic().preposition_on_article("لليبيا"), Some((LI.len_utf8(), false)));
        assert_eq!(arabic().preposition_on_article("باليرمو"), None);
    }

    #[test]
    fn lexicon_names_with_clitics_and_short_forms() {
        let t = "التقى الرئيس الأميركي باراك أوباما وزير الخارجية. وقال أوباما لرويترز إن الكرملين وللكرملين موقف.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert!(people.iter().any(|m| m.contains(&"باراك أوباما".to_string()) && m.contains(&"أوباما".to_string())), "{people:?}");
        let orgs = names(&a, t, EntityKind::Organization);
        assert!(orgs.iter().any(|m| m.contains(&"رويترز".to_string())), "{orgs:?}");
        assert!(orgs.iter().any(|m| m.contains(&"الكرملين".to_string()) && m.contains(&"للكرملين".to_string())), "{orgs:?}");
    }

    #[test]
    fn a_lexicon_name_that_is_a_common_word_needs_its_context() {
        // حماس is "enthusiasm" outside a story about Palestine (orgs.tsv, third column).
        let t = "ورد الطاهي بحماس على سؤال الصحيفة عن الطعام.";
        assert!(names(&run(t), t, EntityKind::Organization).is_empty());
        let t = "وقالت حماس إن القصف على غزة مستمر.";
        assert!(names(&run(t), t, EntityKind::Organization).iter().any(|m| m.contains(&"حماس".to_string())));
    }

    #[test]
    fn unknown_name_after_title_and_role_alone_later() {
        let t = "وقال وزير الزراعة المغربي كمال الدين حسني إن الموسم جيد. وأضاف وزير الزراعة المغربي أن الأمطار كافية.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert_eq!(people.len(), 1, "{people:?}");
        assert!(people[0].contains(&"كمال الدين حسني".to_string()), "{people:?}");
        assert!(people[0].contains(&"وزير الزراعة المغربي".to_string()), "{people:?}");
        let e = a.entities.iter().find(|e| e.kind == EntityKind::Person).unwrap();
        assert!(e.name_en.as_deref().unwrap_or("").starts_with("Kamal"));
    }

    #[test]
    fn regnal_numbers_belong_to_the_name_and_a_listed_noun_is_read_whole() {
        let t = "وقال الملك عبدالله الثاني إن الأردن يدعم الحل. وأكدت الملكة إليزابيث الثانية ذلك. وأضاف أن ولاية سالندرا شهدت هجمات.";
        let a = run(t);
        let e = a.entities.iter().find(|e| e.kind == EntityKind::Person && e.name.starts_with("عبدالله")).expect("the king");
        assert_eq!(e.name, "عبدالله الثاني");
        assert_eq!(e.name_en.as_deref(), Some("Abdullah II"));
        // ولاية is a noun, not و + لاية (whose ل + آية would be a title before a name).
        assert!(names(&a, t, EntityKind::Person).iter().flatten().all(|m| !m.contains("سالندرا")));
        // An ordinal that does not agree with the title is not its number.
        let t = "وأكد الملك سلمان الثانية أن الوفد وصل.";
        assert!(names(&run(t), t, EntityKind::Person).iter().flatten().all(|m| !m.contains("الثانية")));
    }

    #[test]
    fn common_words_read_by_the_news_are_no_names() {
        // A eulogy's verb, and ل + a common noun, do not end a person's name; common nouns alone
        // (an adverb, a noun with its possessive) are no person, nor a common noun with a
        // possessive or a preposition a place.
        let t = "وقال إن سنة نبينا محمد صلى الله عليه وسلم واضحة. وحضر الدكتور إبراهيم أبو محمد لتكريم الفائزين. \
                 وقال الكاتب طبعا إن الأمر واضح. ورفع العميد العتيبي تعازيه إلى الأسرة. وطالبت الجمعية بتحريرها من القيود. \
                 وقال المحلل أنس الراجحي إن السوق هادئة. وبين الراجحي أن البعض يتوقع ارتفاعها.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert!(people.iter().flatten().any(|m| m == "محمد") && people.iter().flatten().any(|m| m == "إبراهيم أبو محمد"), "{people:?}");
        for junk in ["صلى", "لتكريم", "طبعا", "تعازيه", "بين"] {
            assert!(people.iter().flatten().all(|m| !m.contains(junk)), "{junk} in {people:?}");
        }
        assert!(names(&a, t, EntityKind::Place).iter().flatten().all(|m| !m.contains("تحرير")));
        // A definite word of a cluster without places is no place alone (والمراكز: «the centres»).
        let t = "وقال المتحدث إن أمطارا غزيرة هطلت اليوم الأحد على محافظة الطائف والمراكز التابعة لها، شملت الحوية والحلقة. \
                 واستقبل أهالي محافظة البرك والمراكز والقرى المجاورة صباح أمس جثمان الشهيد.";
        let places: Vec<String> = names(&run(t), t, EntityKind::Place).into_iter().flatten().collect();
        assert!(places.iter().any(|m| m == "الطائف") && places.iter().all(|m| !m.contains("المراكز")), "{places:?}");
    }

    #[test]
    fn chaired_by_a_title_is_no_organisation() {
        // برئاسة + a title or style of address: «chaired by», a person follows; وكيل is a title,
        // so its holder, after the role, is the speaker.
        let t = "وعقدت الجلسة برئاسة العميد سلطان الغفيلي. وعقد الاجتماع برئاسة صاحب السمو الملكي الأمير فيصل. \
                 وأوضح وكيل الأمين المساعد للخدمات المهندس يحيى بن سيف، أن اللجنة استكملت التجهيزات.";
        let a = run(t);
        assert!(names(&a, t, EntityKind::Organization).iter().flatten().all(|m| !m.contains("رئاسة")));
        let s = a.statements.first().expect("a statement");
        let speaker = a.entities.iter().find(|e| s.speaker.as_ref() == Some(&e.id)).map(|e| e.name.as_str());
        assert_eq!(speaker, Some("يحيى بن سيف"));
    }

    #[test]
    fn a_fathers_name_and_a_particle_are_no_surnames() {
        // علي after بن is the father's name; على (folded علي) and بين are particles, not the surname.
        let t = "وقال اللاعب فهد بن علي إن الفريق جاهز. وأكد المدرب نادر بين أن اللاعبين حصلوا على راحة بين المباراتين.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert!(people.iter().any(|p| p == &["فهد بن علي"]), "{people:?}");
        assert!(people.iter().flatten().all(|m| m != "على" && m != "بين"), "{people:?}");
    }

    #[test]
    fn nationality_adjectives_are_not_entities() {
        let t = "قال مسؤول أميركي إن القوات الروسية والفرنسية تتعاون.";
        let a = run(t);
        assert!(a.entities.iter().all(|e| e.kind != EntityKind::Person), "{:?}", a.entities);
    }

    #[test]
    fn organisation_heads_and_guillemet_names() {
        let t = "أعلنت وزارة الصحة الفلسطينية أمس أن حركة «الصابرين» نفذت الهجوم.";
        let a = run(t);
        let orgs = names(&a, t, EntityKind::Organization);
        assert!(orgs.iter().any(|m| m.contains(&"وزارة الصحة الفلسطينية".to_string())), "{orgs:?}");
        assert!(orgs.iter().any(|m| m[0] == "«الصابرين»"), "{orgs:?}");
    }

    #[test]
    fn institution_and_place_nouns_are_not_names() {
        let t = "وقال المتحدث باسم حاكم إقليم قندوز إن الهجوم فشل. ووصف خالد العمري، وهو عضو المجلس، الوضع بالصعب.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert!(!people.iter().flatten().any(|m| m.contains("إقليم") || m.contains("ووصف")), "{people:?}");
    }

    #[test]
    fn given_names_with_family_names() {
        let t = "وأوضح المهندس سعد الزهراني أن المشروع اكتمل، وحضر الاجتماع خالد سعيد العتيبي. وتم على الفور الاتفاق مع علي الشهري.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert!(people.iter().any(|m| m.contains(&"سعد الزهراني".to_string())), "{people:?}");
        assert!(people.iter().any(|m| m.contains(&"خالد سعيد العتيبي".to_string())), "{people:?}");
        assert!(people.iter().any(|m| m.contains(&"علي الشهري".to_string())), "{people:?}");
        assert!(!people.iter().flatten().any(|m| m.contains("الفور")), "{people:?}");
    }

    #[test]
    fn names_set_off_by_dashes_and_family_names_that_are_words() {
        let t = "وأكدت السيدة – مها من المدينة أن الحفل نجح. وأكد أمين المنطقة صالح القاضي، ضرورة العمل. ثم تحدث مدير عام تقنية المعلومات عن الأنظمة. وأكد ماجد عبدالكريم الإفريقي من الرياض أن الفعاليات نجحت، وقال – سلطان عبدالكريم نوح من مكة بأن العيد جميل.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        for name in ["مها", "صالح القاضي", "ماجد عبدالكريم الإفريقي", "سلطان عبدالكريم نوح"] {
            assert!(people.iter().any(|m| m.contains(&name.to_string())), "{name}: {people:?}");
        }
        assert!(!people.iter().flatten().any(|m| m.contains("تقنية")), "{people:?}");
    }

    #[test]
    fn institutions_named_by_a_construct_or_a_known_name() {
        let t = "وأشرفت مؤسسة مسك الخيرية على البرنامج، وشكر أمانة منطقة المدينة المنورة. ووقع مركز أرامكو لريادة الأعمال مع شركة Dusfan Enterprise، وقال إن مركز أرامكو يدعم الشباب. وبدأ برنامج إعداد القادة.";
        let a = run(t);
        let orgs = names(&a, t, EntityKind::Organization);
        for name in ["مؤسسة مسك الخيرية", "أمانة منطقة المدينة المنورة", "Dusfan Enterprise"] {
            assert!(orgs.iter().any(|m| m.contains(&name.to_string())), "{name}: {orgs:?}");
        }
        assert!(orgs.iter().any(|m| m.contains(&"مركز أرامكو لريادة الأعمال".to_string()) && m.contains(&"مركز أرامكو".to_string())), "{orgs:?}");
        assert!(!orgs.iter().flatten().any(|m| m.contains("إعداد")), "{orgs:?}");
    }

    #[test]
    fn lineages_kunyas_and_family_names() {
        let t = "استقبل الملك سلمان بن عبدالعزيز آل سعود الوفد، وقال المواطن مبارك الشمري إن أبو حمزة المغربي غادر.";
        let a = run(t);
        let people = names(&a, t, EntityKind::Person);
        assert!(people.iter().any(|m| m.contains(&"سلمان بن عبدالعزيز آل سعود".to_string())), "{people:?}");
        assert!(people.iter().any(|m| m.contains(&"أبو حمزة المغربي".to_string())), "{people:?}");
        assert!(!a.entities.iter().any(|e| e.name_en.as_deref() == Some("Hosni Mubarak")), "{people:?}");
    }

    #[test]
    fn quoted_names_after_heads_and_papers_spoken_to() {
        let t = "وأوضح المتحدث لـ«عكاظ» أن موقع «صدى الوطن» نشر الخبر، فيما قال مصدر لـ\"الأفق\" إن الحكومة وافقت.";
        let a = run(t);
        let orgs = names(&a, t, EntityKind::Organization);
        assert!(orgs.iter().any(|m| m[0] == "«عكاظ»"), "{orgs:?}");
        assert!(orgs.iter().any(|m| m[0] == "«صدى الوطن»"), "{orgs:?}");
        assert!(orgs.iter().any(|m| m[0] == "\"الأفق\""), "{orgs:?}");
        let okaz = a.entities.iter().find(|e| e.name == "عكاظ").expect("the paper is named without its quotes");
        assert_eq!(okaz.name_en.as_deref(), Some("Okaz"));
    }

    #[test]
    fn equipment_and_quantities_are_their_own_kinds() {
        let t = "أطلقت 12 طائرة من طراز «سو - 25» و(ميغ - 29 إس) نحو 40 صاروخًا.";
        let a = run(t);
        let eq = names(&a, t, EntityKind::Equipment);
        assert!(eq.iter().any(|m| m[0] == "سو - 25"), "{eq:?}");
        assert!(eq.iter().any(|m| m[0] == "ميغ - 29 إس"), "{eq:?}");
        let q = names(&a, t, EntityKind::Quantity);
        assert!(q.iter().any(|m| m[0] == "12 طائرة"), "{q:?}");
        assert!(q.iter().any(|m| m[0] == "40 صاروخًا"), "{q:?}");
    }

    #[test]
    fn a_role_goes_with_the_name_it_stood_for() {
        // حرص ("was keen") after the role is no name; the role later must not carry «Hars».
        let a = run("وأضاف المتحدث أن وزير التعليم حرص على أن تكون اللجنة من ذوي الاختصاص. وقال إن وزير التعليم يشكل لجنة وزارية.");
        assert!(a.entities.iter().all(|e| e.kind != EntityKind::Person), "{:?}", a.entities);
    }

    #[test]
    fn a_prayer_after_a_name_is_no_part_of_it() {
        let a = run("وأطلعه على صور تاريخية للملك عبدالعزيز بن عبدالرحمن آل سعود ـ رحمه الله ـ وقطع تراثية قديمة.");
        let persons = entity_names(&a, EntityKind::Person);
        assert!(persons.iter().all(|p| !p.contains("رحمه")), "{persons:?}");
    }

    #[test]
    fn a_style_of_address_is_no_person() {
        let a = run("حضر الاستقبال صاحب السمو الملكي الأمير طلال بن سعود وصاحب السمو الأمير فهد بن عبدالله بن مساعد.");
        let persons = entity_names(&a, EntityKind::Person);
        assert!(persons.iter().all(|p| !p.contains("السمو") && !p.starts_with("صاحب")), "{persons:?}");
    }

    #[test]
    fn a_count_takes_no_word_from_the_next_line_and_no_verb() {
        let t = "يتوقع بلوغ الإنتاج ذروته العام 2017\nوقال الوزير إن المحكمة قضت بسجن 41 متهما في عام 2014 أعلنت فيه النتائج.";
        let a = run(t);
        let q: Vec<String> = names(&a, t, EntityKind::Quantity).into_iter().map(|m| m[0].clone()).collect();
        assert_eq!(q, ["41 متهما"]);
    }
}
