//! Arabic rules for the times stage: relative days (أمس، اليوم، غدا), weekdays, day-month dates in
//! both month systems, months, years, relative weeks/months/years and "the past N days" intervals.
//! The words are data (`data/lang/ar/time_grammar.tsv`, roles in [`Role`]); this file only says
//! how they combine, into [`TimeValue`]s that the shared resolver turns into ISO values.

use crate::lang::ar::clitics::{self, ARTICLE, LI, LI_ARTICLE};
use crate::lang::ar::{Arabic, arabic};
use crate::stages::times::calendar::CalendarId;
use crate::stages::times::value::{Recognised, TimeValue, Toward, Unit, Year};
use crate::stages::times::words::{Role, Roles, TimeWords};

/// «هـ» (hijri) written onto a year (1436هـ); the tatweel folds away.
const HIJRI_ERA_MARK: char = '\u{0647}';
use crate::stages::segment::Doc;
use chrono::Weekday;

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

struct Finder<'d, 'a> {
    doc: &'d Doc<'a>,
    ar: &'static Arabic,
    words: &'d TimeWords,
    n: usize,
    /// Each token's folded text without its clitics ([`Finder::bare`]), computed once: the rules
    /// ask for it a dozen times per token.
    bares: Vec<&'d str>,
    /// The grammar roles of each token as written and of its bare form, looked up once.
    word_roles: Vec<Roles>,
    bare_roles: Vec<Roles>,
}

fn strip_any<'w>(w: &'w str, prefixes: &[String]) -> Option<&'w str> {
    // Byte by byte: the prefixes are a letter or two, and `strip_prefix` calls memcmp for them,
    // several times for every token.
    prefixes.iter().find_map(|p| {
        let p = p.as_bytes();
        (w.len() >= p.len() && w.as_bytes().iter().zip(p).all(|(a, b)| a == b)).then(|| &w[p.len()..])
    })
}

impl Finder<'_, '_> {
    fn w(&self, i: usize) -> &str {
        if i < self.n { self.doc.ftok(i) } else { "" }
    }
    /// A token's folded text with an attached conjunction or preposition taken off (وأمس، بالأمس، وفي).
    fn b(&self, i: usize) -> &str {
        self.bares.get(i).copied().unwrap_or("")
    }
    fn bare<'w>(&self, w: &'w str) -> &'w str {
        let w = strip_any(w, &self.words.proclitics).filter(|r| r.chars().count() >= 2).unwrap_or(w);
        for p in &self.words.prepositions {
            if let Some(r) = w.strip_prefix(p.as_str()).and_then(|r| strip_any(r, &self.words.articles)) {
                // بالأمس → الأمس: keep the definite shape for relative words.
                return if r.chars().count() >= 2 { &w[p.len()..] } else { w };
            }
        }
        w
    }
    fn is(&self, w: &str, role: Role) -> bool {
        self.words.is(w, role)
    }
    /// `is` for token i as written (cached per token).
    fn wis(&self, i: usize, role: Role) -> bool {
        self.word_roles.get(i).is_some_and(|r| r.has(role))
    }
    /// `is` for token i without its clitics (cached per token).
    fn bis(&self, i: usize, role: Role) -> bool {
        self.bare_roles.get(i).is_some_and(|r| r.has(role))
    }
    fn is_past(&self, w: &str) -> bool {
        self.is(w, Role::Past) || self.is(w, Role::Recent)
    }
    fn is_next(&self, w: &str) -> bool {
        self.is(w, Role::Next)
    }
    fn is_current(&self, w: &str) -> bool {
        self.is(w, Role::Current)
    }
    /// The step a relative word takes from the article's period: الماضي -1, المقبل 1, الحالي 0.
    fn relative_step(&self, w: &str) -> Option<i32> {
        if self.is_past(w) {
            Some(-1)
        } else if self.is_next(w) {
            Some(1)
        } else if self.is_current(w) {
            Some(0)
        } else {
            None
        }
    }
    fn without_article<'w>(&self, w: &'w str) -> &'w str {
        strip_any(w, &self.words.articles).unwrap_or(w)
    }
    fn number(&self, w: &str) -> Option<u32> {
        if !w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()) {
            return w.parse().ok();
        }
        self.words.number(self.without_article(w))
    }
    fn unit(&self, w: &str) -> Option<(Unit, Option<u32>)> {
        self.words.unit(self.without_article(w))
    }
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.n && self.doc.tokens[a].sentence == self.doc.tokens[b].sentence
    }
    /// A month name at token i (one or two words): (month, tokens used).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        if i >= self.n {
            return None;
        }
        if let Some(m) = self.ar.month2(self.w(i), self.w(i + 1)) {
            return Some((m, 2));
        }
        if self.bis(i, Role::MonthHead) {
            return None;
        }
        self.ar.month(self.w(i)).map(|m| (m, 1))
    }
    /// After a month: an optional "(other-system name)" parenthesis. Returns the next index.
    fn skip_alt_month(&self, mut i: usize) -> usize {
        if self.w(i) == "("
            && let Some((_, used)) = self.month_at(i + 1)
            && self.w(i + 1 + used) == ")"
        {
            i += used + 2;
        }
        i
    }
    fn year_at(&self, i: usize) -> Option<i32> {
        let w = self.w(i);
        let w = strip_any(w, &self.words.conjunctions).unwrap_or(w);
        if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = w.parse().ok()?;
            return (1800..=2200).contains(&y).then_some(y);
        }
        None
    }
    /// A Hijri year (1436هـ, 1436 هـ, or a bare year between 1300 and 1600): (year, next token).
    fn hijri_year_at(&self, i: usize) -> Option<(i32, usize)> {
        let w = self.w(i);
        let digits = w.trim_end_matches(HIJRI_ERA_MARK);
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = digits.parse().ok()?;
        if !(1300..1600).contains(&y) {
            return None;
        }
        let next = if digits.len() < w.len() {
            i + 1
        } else if self.is(self.w(i + 1), Role::HijriEra) {
            i + 2
        } else {
            i + 1
        };
        Some((y, next))
    }
    /// A verb with the future prefix س (سيزور، ستعقد) shortly before, or a word of expectation a
    /// little further back in the sentence (نتوقع، من المقرر أن): the weekday is upcoming.
    fn future_before(&self, i: usize) -> bool {
        let doc = self.doc;
        let s = doc.tokens[i].sentence;
        let expected = (i.saturating_sub(8)..i).any(|k| {
            let w = doc.ftok(k);
            let w = strip_any(w, &self.words.proclitics).unwrap_or(w);
            doc.tokens[k].sentence == s && self.is(w, Role::Expectation)
        });
        expected
            || (i.saturating_sub(5)..i).any(|k| {
                let w = doc.ftok(k);
                let w = strip_any(w, &self.words.conjunctions).unwrap_or(w);
                doc.tokens[k].sentence == s && w.chars().count() >= 4 && strip_any(w, &self.words.future_prefixes).is_some() && !self.is(w, Role::NotFuture)
            })
    }
}

/// Every time expression of an Arabic document, with its value if it has one (a relative one
/// needs the article date, which the resolver has; the span is taken either way): (start byte,
/// end token, value). The start is a byte so that an attached conjunction (ويوم أمس) stays out.
pub fn find(doc: &Doc, words: &TimeWords, date_known: bool) -> Vec<Recognised> {
    let mut f = Finder { doc, ar: arabic(), words, n: doc.tokens.len(), bares: Vec::new(), word_roles: Vec::new(), bare_roles: Vec::new() };
    f.bares = (0..f.n).map(|i| f.bare(doc.ftok(i))).collect();
    f.word_roles = (0..f.n).map(|i| words.roles(doc.ftok(i))).collect();
    f.bare_roles = f.bares.iter().map(|b| words.roles(b)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut free_from = 0;
    while i < f.n {
        if !could_start(&f, i) {
            i += 1;
            continue;
        }
        match match_at(&f, i, date_known) {
            Some((end, value)) if end > i => {
                let first = extend_back(&f, i, free_from, value.as_ref());
                out.push(Recognised { start: start_byte(&f, first), first, end, value, until: None });
                i = end;
                free_from = end;
            }
            _ => i += 1,
        }
    }
    join_ranges(&f, out)
}

/// Words before an expression that belong to it: the part of a period or day (مطلع العام، مساء
/// أمس), «هذا» (هذا العام), a year noun before a year (العام 2016).
fn extend_back(f: &Finder, mut first: usize, free_from: usize, value: Option<&TimeValue>) -> usize {
    let is_year = matches!(value, Some(TimeValue::Year(Year::Absolute(_)))) && f.year_at(first).is_some();
    let year_noun = |w: &str| f.is(w, Role::YearNoun) || w.strip_prefix(LI).is_some_and(|r| f.is(r, Role::YearNoun));
    if is_year && first > free_from && year_noun(f.b(first - 1)) {
        first -= 1;
    }
    while first > free_from && f.same_sentence(first - 1, first) {
        let w = f.b(first - 1);
        if f.is(w, Role::Boundary) || f.is(w, Role::DayPart) || f.is(w, Role::This) {
            first -= 1;
        } else {
            break;
        }
    }
    first
}

/// The byte where an expression starting at token `first` starts: after an attached و, ف or ل
/// when the rest is the time word (ويوم، لعام) — the prefix is not part of the expression; «لل»
/// (ل + ال) stays, since the article merged into it.
fn start_byte(f: &Finder, first: usize) -> usize {
    let token = &f.doc.tokens[first];
    let w = f.w(first);
    let known = |x: &str| f.words.knows(x) || f.ar.weekday(x).is_some() || f.words.season(x).is_some() || f.words.feast(x).is_some();
    let rest = strip_any(w, &f.words.proclitics).or_else(|| w.strip_prefix(LI).filter(|r| !r.starts_with(LI)));
    if !known(w)
        && let Some(rest) = rest
        && rest.chars().count() >= 2
        && (known(rest) || f.ar.month(rest).is_some())
    {
        // Through the fold's byte map: diacritics on the prefix stay with it.
        return f.doc.folded.orig(token.fstart + w.len() - rest.len());
    }
    token.span.start
}

/// «من A حتى B»: two expressions joined into one range, from A's first day to B's last.
fn join_ranges(f: &Finder, found: Vec<Recognised>) -> Vec<Recognised> {
    let mut out: Vec<Recognised> = Vec::with_capacity(found.len());
    for r in found {
        if let Some(prev) = out.last_mut()
            && prev.until.is_none()
            && prev.end + 1 == r.first
            && f.wis(prev.end, Role::Until)
            && prev.first > 0
            && f.bis(prev.first - 1, Role::From)
            && f.same_sentence(prev.first - 1, r.first)
            && prev.value.is_some()
            && r.value.is_some()
            && r.until.is_none()
        {
            prev.start = f.doc.tokens[prev.first - 1].span.start;
            prev.first -= 1;
            prev.end = r.end;
            prev.until = r.value;
            continue;
        }
        out.push(r);
    }
    out
}

type Found = Option<(usize, Option<TimeValue>)>;

/// What every rule of [`match_at`] needs of token i itself, asked first: few tokens are time
/// words, and the rules ask a dozen questions of each (a third of the time stage). A role of its
/// bare form (deictic days, feasts, intervals, ago), an entry of the grammar's words (ordinals,
/// tens, seasons, periods, also after ل or as لل + noun), a count, a weekday, a month or the head
/// of a two-word month, or a year.
fn could_start(f: &Finder, i: usize) -> bool {
    let (w, b) = (f.w(i), f.b(i));
    !f.bare_roles[i].is_empty()
        || f.words.knows(b)
        || b.strip_prefix(LI).is_some_and(|r| f.words.knows(r))
        || b.starts_with(LI_ARTICLE)
        // A count or a year has a digit, or is a grammar word without its article.
        || w.bytes().any(|b| b.is_ascii_digit())
        || f.words.knows(f.without_article(w))
        // A weekday or a month (one lookup for both tables, clitics peeled as `lookup` peels them).
        || f.ar.lexical(w).calendar_word()
        || f.ar.month_heads.contains_key(clitics::strip_proclitics(w))
}

/// The time expression starting at token i: (end token, value).
fn match_at(f: &Finder, i: usize, date_known: bool) -> Found {
    let w = f.b(i);
    if let Some(found) = deictic(f, i, date_known) {
        return found;
    }
    if let Some(found) = hijri_or_numeric_date(f, i, date_known) {
        return Some(found);
    }
    if let Some(found) = ordinal_day(f, i, date_known) {
        return Some(found);
    }
    if let Some(found) = feast(f, i, date_known) {
        return Some(found);
    }
    if let Some(found) = season(f, i, date_known) {
        return Some(found);
    }
    // A day and a month: 26 نوفمبر (تشرين الثاني) الحالي.
    if f.number(f.w(i)).is_some_and(|n| (1..=31).contains(&n)) && f.w(i).bytes().all(|b| b.is_ascii_digit()) && f.month_at(i + 1).is_some() {
        return day_month(f, i, date_known);
    }
    if let Some((m, used)) = f.month_at(i) {
        return month_expr(f, i, m, used, date_known);
    }
    if let Some(yr) = f.year_at(i) {
        return year_expr(f, i, yr);
    }
    if let Some(found) = relative_period(f, i, w, date_known) {
        return Some(found);
    }
    // Intervals: خلال 48 يوما الماضية، خلال اليومين الماضيين، في الأيام الثلاثة المقبلة.
    if f.bis(i, Role::IntervalHead)
        && let Some(found) = interval(f, i, date_known)
    {
        return Some(found);
    }
    if f.bis(i, Role::Ago) {
        return ago(f, i, date_known);
    }
    // هذين اليومين: the two days up to the article date.
    if f.bis(i, Role::ThisDual)
        && let Some((unit, Some(2))) = f.unit(f.w(i + 1))
    {
        return Some((i + 2, date_known.then_some(TimeValue::Interval { unit, count: -2 })));
    }
    None
}

/// Days named from the article date (أمس، اليوم، غدا، بعد غد) and weekdays: `Some` when the
/// expression at i is decided here (found or ruled out), `None` to try the other rules.
fn deictic(f: &Finder, i: usize, date_known: bool) -> Option<Found> {
    let day = |n: i64| Some(TimeValue::DayOffset(n));
    // أول من أمس، أمس الأول
    if f.bis(i, Role::First) && f.wis(i + 1, Role::Of) && f.is(f.bare(f.w(i + 2)), Role::Yesterday) {
        return Some(Some((weekday_paren_end(f, i + 3), day(-2))));
    }
    if f.bis(i, Role::Yesterday) {
        if f.wis(i + 1, Role::TheFirst) {
            return Some(Some((weekday_paren_end(f, i + 2), day(-2))));
        }
        return Some(Some((weekday_paren_end(f, i + 1), day(-1))));
    }
    if f.bis(i, Role::Day) {
        let next = f.b(i + 1);
        if f.is(next, Role::YesterdayNoun) {
            return Some(Some((weekday_paren_end(f, i + 2), day(-1))));
        }
        if f.is(next, Role::TomorrowNoun) {
            return Some(Some((weekday_paren_end(f, i + 2), day(1))));
        }
        if f.ar.weekday(f.w(i + 1)).is_some() {
            return Some(weekday_expr(f, i, i + 1, date_known));
        }
        if f.number(f.w(i + 1)).is_some() && f.month_at(i + 2).is_some() {
            return Some(day_month(f, i + 1, date_known));
        }
        return Some(None);
    }
    if f.bis(i, Role::Today) {
        // اليوم الأول / اليوم التالي are ordinal days, not today.
        if f.wis(i + 1, Role::OrdinalDay) {
            return Some(None);
        }
        return Some(Some((weekday_paren_end(f, i + 1), day(0))));
    }
    let after_before = f.wis(i.wrapping_sub(1), Role::After);
    if f.bis(i, Role::Tomorrow) || f.bis(i, Role::TomorrowNoun) && after_before {
        if after_before {
            // بعد غد الخميس: one expression with its weekday, as أمس الثلاثاء.
            return Some(Some((weekday_paren_end(f, i + 1), day(2))));
        }
        return Some(Some((weekday_paren_end(f, i + 1), day(1))));
    }
    // «لأحد» (for anyone) is not Sunday: a weekday keeps its article (الأحد، للأحد).
    if f.ar.weekday(f.w(i)).is_some() && (f.w(i).contains(ARTICLE) || f.w(i).starts_with(LI_ARTICLE)) {
        // صلاة الجمعة is a prayer, not a date.
        if i > 0 && f.is(f.bare(f.w(i - 1)), Role::Prayer) {
            return Some(None);
        }
        return Some(weekday_expr(f, i, i, date_known));
    }
    None
}

/// A month (at i, `used` tokens), with a year or a relative qualifier, or after a preposition.
fn month_expr(f: &Finder, i: usize, m: u32, used: usize, date_known: bool) -> Found {
    let after = f.skip_alt_month(i + used);
    let marker_before = i > 0 && f.bis(i - 1, Role::MonthMarker);
    let month = |year| Some(TimeValue::Month { month: m, year });
    if let Some(year) = f.year_at(after) {
        return Some((after + 1, month(Year::Absolute(year))));
    }
    let q = f.w(after);
    if !date_known {
        return Some((after, None));
    }
    if f.is_past(q) {
        return Some((after + 1, month(Year::Nearest(Toward::PAST))));
    }
    if f.is_next(q) {
        return Some((after + 1, month(Year::Nearest(Toward::FUTURE_STRICT))));
    }
    if f.is_current(q) {
        return Some((after + 1, month(Year::Offset(0))));
    }
    if marker_before && (used == 2 || after > i + used || !f.is(f.bare(f.w(i)), Role::AmbiguousMonth)) {
        return Some((after, month(Year::Offset(0))));
    }
    return None;
}

/// A four-digit year (at i) where a word before makes it one: عام 2014, في 2014, 2014 و2015.
fn year_expr(f: &Finder, i: usize, yr: i32) -> Found {
    let prev = if i > 0 { f.b(i - 1) } else { "" };
    let year_word = f.is(prev, Role::YearMarker)
        || prev.strip_prefix(LI).is_some_and(|r| f.is(r, Role::YearNoun))
        || strip_any(f.w(i), &f.words.conjunctions).is_some() && i > 0 && f.year_at(i - 1).is_some();
    let counted = f.unit(f.w(i + 1)).is_some() || f.w(i + 1).chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && !year_word;
    if year_word && !counted {
        return Some((i + 1, Some(TimeValue::Year(Year::Absolute(yr)))));
    }
    return None;
}

/// Relative periods: العام الماضي، الشهر المقبل، الأسبوع القادم، هذا العام.
fn relative_period(f: &Finder, i: usize, w: &str, date_known: bool) -> Found {
    if let Some(u) = period_of(f, w)
        && date_known
    {
        let q = f.w(i + 1);
        let delta = if f.is(q, Role::Past) {
            Some(-1)
        } else if f.is_next(q) {
            Some(1)
        } else if f.is_current(q) || (i > 0 && f.bis(i - 1, Role::This)) {
            Some(0)
        } else {
            None
        };
        if let Some(delta) = delta {
            let end = if f.is_current(q) || f.is_past(q) || f.is_next(q) { i + 2 } else { i + 1 };
            if u == Unit::Year
                && let Some(y) = f.year_at(end)
            {
                return Some((era_end(f, end + 1), Some(TimeValue::Year(Year::Absolute(y)))));
            }
            let v = match u {
                Unit::Year => TimeValue::Year(Year::Offset(delta)),
                Unit::Month => TimeValue::MonthOffset(delta as i64),
                _ => TimeValue::Week { offset: delta as i64, weekend: false },
            };
            return Some((end, Some(v)));
        }
    }
    None
}

/// A period noun, also after ل (للعام القادم: ل + العام).
fn period_of(f: &Finder, w: &str) -> Option<Unit> {
    f.words.period(w).or_else(|| w.strip_prefix(LI_ARTICLE).and_then(|rest| f.words.period(&format!("{ARTICLE}{rest}"))))
}

/// After a year: an era mark that belongs to it (2015 م); returns the end.
fn era_end(f: &Finder, i: usize) -> usize {
    if f.wis(i, Role::GregorianEra) || f.wis(i, Role::HijriEra) { i + 1 } else { i }
}

/// قبل 7 أشهر، منذ عامين، قبل شهر، قبل عام تقريبا: a point that long before the article date.
/// Not when the count is measured from an event (قبل يومين من الانتخابات) or the unit is a year
/// noun before a year (قبل عام 2011), and not for vague plurals (قبل أيام).
fn ago(f: &Finder, i: usize, date_known: bool) -> Found {
    let mut k = i + 1;
    let count = f.number(f.w(k)).filter(|_| f.unit(f.w(k)).is_none());
    if count.is_some() {
        k += 1;
    }
    let w = f.w(k);
    if w.starts_with(ARTICLE) || (count.is_none() && f.is(w, Role::PluralUnit)) {
        return None;
    }
    let (unit, own) = f.unit(w)?;
    let count = count.or(own).unwrap_or(1) as i64;
    k += 1;
    // قبل عام 2011، منذ يوم 30 يونيو: the unit starts a date, not a count.
    if f.year_at(k).is_some() || f.number(f.w(k)).is_some() || f.wis(k, Role::From) {
        return None;
    }
    if f.same_sentence(i, k) && f.wis(k, Role::Approx) {
        k += 1;
    }
    Some((k, date_known.then_some(TimeValue::Ago { unit, count })))
}

/// An ordinal day with its month: الرابع عشر من الشهر الماضي، الحادي والعشرين من سبتمبر من العام
/// الماضي، السابع من يوليو.
fn ordinal_day(f: &Finder, i: usize, date_known: bool) -> Found {
    let w = f.b(i);
    let mut k = i + 1;
    let day = if let Some(n) = f.words.ordinal(w) {
        if f.wis(k, Role::Teen) {
            k += 1;
            n + 10
        } else if let Some(t) = f.words.tens(f.w(k)) {
            k += 1;
            n + t
        } else {
            n
        }
    } else {
        f.words.tens(w)?
    };
    if !(1..=31).contains(&day) || !f.wis(k, Role::From) {
        return None;
    }
    k += 1;
    if let Some((month, used)) = f.month_at(k) {
        let mut end = f.skip_alt_month(k + used);
        let year = if let Some(y) = f.year_at(end) {
            end = era_end(f, end + 1);
            Year::Absolute(y)
        } else if f.wis(end, Role::From) && period_of(f, f.w(end + 1)) == Some(Unit::Year) {
            let delta = f.relative_step(f.w(end + 2))?;
            end += 3;
            Year::Offset(delta)
        } else {
            let (year, used) = qualified_year(f, end);
            end += used;
            year
        };
        return Some((end, date_known.then_some(TimeValue::Date { calendar: CalendarId::Gregorian, year, month, day })));
    }
    if period_of(f, f.w(k)) == Some(Unit::Month) {
        let months = i64::from(f.relative_step(f.w(k + 1))?);
        return Some((k + 2, date_known.then_some(TimeValue::DayOfMonthOffset { day, months })));
    }
    None
}

/// Hijri dates (5 شوال 1436هـ، عشرة شوال) and numeric dates (7-11-1436هـ، 21/7/2015م): the year's
/// size says the calendar.
fn hijri_or_numeric_date(f: &Finder, i: usize, date_known: bool) -> Found {
    let day = f.number(f.w(i)).filter(|n| (1..=30).contains(n))?;
    if let Some((month, used)) = f.words.hijri_month(f.b(i + 1), f.w(i + 2)) {
        let mut end = i + 1 + used;
        let year = match f.hijri_year_at(end) {
            Some((y, next)) => {
                end = next;
                Year::Absolute(y)
            }
            None if date_known => Year::Offset(0),
            None => return Some((end, None)),
        };
        return Some((end, Some(TimeValue::Date { calendar: CalendarId::UmmAlQura, year, month, day })));
    }
    // d-m-y with - or / between the numbers.
    let sep = |k: usize| matches!(f.w(k), "-" | "/");
    if f.w(i).bytes().all(|b| b.is_ascii_digit()) && sep(i + 1) && sep(i + 3) {
        let month = f.w(i + 2).parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
        if let Some((y, end)) = f.hijri_year_at(i + 4).filter(|&(y, _)| (1300..1600).contains(&y)) {
            return Some((end, Some(TimeValue::Date { calendar: CalendarId::UmmAlQura, year: Year::Absolute(y), month, day })));
        }
        if let Some(y) = f.year_at(i + 4).filter(|y| (1900..2200).contains(y)) {
            return Some((era_end(f, i + 5), Some(TimeValue::Date { calendar: CalendarId::Gregorian, year: Year::Absolute(y), month, day })));
        }
    }
    None
}

/// Eid: عيد الفطر (its first day), ثالث أيام عيد الفطر (its third), أيام العيد (all its days); a
/// bare «العيد» only with أيام before it (alone it is as often a festival's name).
fn feast(f: &Finder, i: usize, date_known: bool) -> Found {
    let (nth, mut k) = match f.words.ordinal_bare(f.b(i)) {
        Some(n) if f.wis(i + 1, Role::Days) => (Some(n), i + 2),
        _ => (None, i),
    };
    let days = nth.is_none() && f.bis(k, Role::Days);
    if days {
        k += 1;
    }
    if !f.is(if k == i { f.b(k) } else { f.w(k) }, Role::Feast) {
        return None;
    }
    k += 1;
    let name = f.words.feast(f.w(k));
    if name.is_some() {
        k += 1;
    } else if nth.is_none() && !days {
        return None;
    }
    if f.wis(k, Role::FeastEpithet) {
        k += 1;
    }
    let hijri_year = f.hijri_year_at(k).map(|(y, next)| {
        k = next;
        y
    });
    let value = TimeValue::Feast { feast: name, hijri_year, day: nth, whole: days };
    Some((k, (date_known || hijri_year.is_some()).then_some(value)))
}

/// A season with its year: صيف 2015، صيف العام الحالي، شتاء العام الماضي.
fn season(f: &Finder, i: usize, date_known: bool) -> Found {
    let w = f.b(i);
    let (first, last) = f.words.season(w).or_else(|| w.strip_prefix(LI).and_then(|r| f.words.season(r)))?;
    let months = |year| Some(TimeValue::Months { first, last, year });
    if let Some(y) = f.year_at(i + 1) {
        return Some((era_end(f, i + 2), months(Year::Absolute(y))));
    }
    if period_of(f, f.w(i + 1)) != Some(Unit::Year) || !date_known {
        return None;
    }
    let delta = f.relative_step(f.w(i + 2))?;
    if let Some(y) = f.year_at(i + 3) {
        return Some((era_end(f, i + 4), months(Year::Absolute(y))));
    }
    Some((i + 3, months(Year::Offset(delta))))
}

/// "(الاثنين)" or "الاثنين" right after اليوم/أمس names the same day: one expression (أمس السبت).
fn weekday_paren_end(f: &Finder, i: usize) -> usize {
    if f.w(i) == "(" && f.ar.weekday(f.w(i + 1)).is_some() && f.w(i + 2) == ")" {
        i + 3
    } else if f.same_sentence(i.saturating_sub(1), i) && f.ar.weekday(f.w(i)).is_some() && strip_any(f.w(i), &f.words.proclitics).is_none() {
        i + 1
    } else {
        i
    }
}

fn weekday_expr(f: &Finder, start: usize, wd_tok: usize, date_known: bool) -> Found {
    let weekday = weekday_of(f.ar.weekday(f.w(wd_tok))?);
    let mut end = wd_tok + 1;
    let q = f.w(end);
    let upcoming = f.is_next(q) || f.future_before(start);
    let past_q = f.is_past(q);
    if f.is_next(q) || past_q {
        end += 1;
    }
    // يوم الخميس 19 نوفمبر, الأحد 5 شوال 1436هـ, الأربعاء، 7-11-1436هـ: one expression, and the
    // explicit date wins.
    let date_at = if f.ar.words.is(f.w(end), crate::lang::ar::class::COMMA) && f.same_sentence(end, end + 1) { end + 1 } else { end };
    if let Some(found) = hijri_or_numeric_date(f, date_at, date_known) {
        return Some(found);
    }
    if f.number(f.w(date_at)).is_some() && f.month_at(date_at + 1).is_some() {
        return day_month(f, date_at, date_known);
    }
    // The most recent such day (the publication day itself when it is that weekday), or the next.
    let toward = if upcoming && !past_q { Toward::FUTURE_STRICT } else { Toward::PAST };
    Some((end, Some(TimeValue::Weekday { weekday, toward })))
}

fn day_month(f: &Finder, num_tok: usize, date_known: bool) -> Found {
    let day = f.number(f.w(num_tok))?;
    let (month, used) = f.month_at(num_tok + 1)?;
    let mut end = f.skip_alt_month(num_tok + 1 + used);
    let year = if let Some(y) = f.year_at(end) {
        end += 1;
        Year::Absolute(y)
    } else if !date_known {
        return Some((end, None));
    } else {
        let (year, used) = qualified_year(f, end);
        end += used;
        year
    };
    Some((end, Some(TimeValue::Date { calendar: CalendarId::Gregorian, year, month, day })))
}

/// The year of a day and month without one, from the word at `at` after the month (and its other
/// name: الثامن من أيلول (سبتمبر) المقبل): الماضي / المقبل say which side of the article date it
/// is; الجاري or nothing, the article's year. Also how many words that qualifier took.
fn qualified_year(f: &Finder, at: usize) -> (Year, usize) {
    let q = f.w(at);
    if f.is_past(q) {
        (Year::Nearest(Toward::PAST), 1)
    } else if f.is_next(q) {
        (Year::Nearest(Toward::FUTURE_STRICT), 1)
    } else {
        (Year::Offset(0), usize::from(f.is_current(q)))
    }
}

fn interval(f: &Finder, i: usize, date_known: bool) -> Found {
    // خلال [N] unit [one more word] الماضية|المقبلة
    let mut k = i + 1;
    let mut count = None;
    if let Some(n) = f.number(f.w(k))
        && f.w(k).bytes().all(|b| b.is_ascii_digit())
    {
        count = Some(n);
        k += 1;
    }
    let (unit, own) = f.unit(f.w(k))?;
    if own.is_none() && count.is_none() {
        // الأيام الثلاثة الماضية: a number word after a plural unit.
        if let Some(n) = f.number(f.w(k + 1)).filter(|_| !f.w(k + 1).bytes().all(|b| b.is_ascii_digit())) {
            count = Some(n);
            k += 1;
        }
    }
    let count = count.or(own)? as i64;
    k += 1;
    // One stray word may sit between the unit and its qualifier (اليومين الساعات الماضية).
    let qualified = |at: usize| f.is_past(f.w(at)) || f.is_next(f.w(at));
    let q_at = if qualified(k) {
        k
    } else if f.same_sentence(i, k + 1) && f.doc.tokens[k].is_word && qualified(k + 1) {
        k + 1
    } else {
        // «سيعمل خلال يومين»: without a qualifier, a span ahead when the verb is future.
        if !f.bis(i, Role::Ago) && !f.w(i + 1).starts_with(ARTICLE) && f.future_before(i) {
            return Some((k, date_known.then_some(TimeValue::Interval { unit, count })));
        }
        return None;
    };
    let past = f.is_past(f.w(q_at));
    let value = date_known.then_some(TimeValue::Interval { unit, count: if past { -count } else { count } });
    Some((q_at + 1, value))
}

#[cfg(test)]
mod tests {
    use super::{Role, TimeWords, Unit};
    use crate::{Lang, Options, analyze, parse_date};

    fn times(text: &str, date: &str) -> Vec<(String, String)> {
        let a = analyze(text, &Options { lang: Some(Lang::Ar), date: Some(parse_date(date).unwrap()) });
        a.times.iter().map(|t| (text[t.start..t.end].to_string(), t.value.clone())).collect()
    }

    fn values(text: &str, date: &str) -> Vec<String> {
        times(text, date).into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn shipped_grammar_parses() {
        let ar = TimeWords::parse(include_str!("../../../data/lang/ar/time_grammar.tsv")).expect("Arabic time grammar parses");
        assert!(ar.is("الماضيه", Role::Past) && !ar.is("الماضيه", Role::Recent));
        assert_eq!(ar.number("ثلاثه"), Some(3));
        assert_eq!(ar.unit("يومين"), Some((Unit::Day, Some(2))));
        assert_eq!(ar.period("العام"), Some(Unit::Year));
        assert_eq!(ar.proclitics.len(), 2);
    }

    #[test]
    fn relative_days() {
        assert_eq!(values("وصل الوفد أمس وسيغادر غدًا", "2020-03-10"), ["2020-03-09", "2020-03-11"]);
        assert_eq!(values("وقع الهجوم أول من أمس", "2020-03-10"), ["2020-03-08"]);
        assert_eq!(values("اجتمع المجلس يوم أمس واليوم", "2020-03-10"), ["2020-03-09", "2020-03-10"]);
        assert_eq!(times("أعلن اليوم (الثلاثاء) أنه", "2020-03-10"), [("اليوم (الثلاثاء)".to_string(), "2020-03-10".to_string())]);
    }

    #[test]
    fn weekdays_past_and_upcoming() {
        // 2020-03-10 is a Tuesday.
        assert_eq!(values("قال الوزير يوم الخميس", "2020-03-10"), ["2020-03-05"]);
        assert_eq!(values("يصل الخميس المقبل", "2020-03-10"), ["2020-03-12"]);
        assert_eq!(values("وسيزور الرئيس القاهرة يوم الأحد", "2020-03-10"), ["2020-03-15"]);
        assert_eq!(values("ونتوقع وصول أول سفينة من الإسكندرية يوم الثلاثاء", "2020-03-10"), ["2020-03-17"]);
        assert_eq!(values("ومن المقرر أن يتوجه الوزير إلى القاهرة يوم الخميس", "2020-03-10"), ["2020-03-12"]);
        assert!(values("بعد صلاة الجمعة", "2020-03-10").is_empty());
    }

    #[test]
    fn day_month_dates_in_both_month_systems() {
        assert_eq!(values("يوم 26 نوفمبر (تشرين الثاني) الحالي", "2015-11-18"), ["2015-11-26"]);
        assert_eq!(values("في 3 آذار 2012", "2015-11-18"), ["2012-03-03"]);
        assert_eq!(values("في 20 ديسمبر الماضي", "2016-01-05"), ["2015-12-20"]);
        assert_eq!(values("في 2 كانون الثاني المقبل", "2015-11-18"), ["2016-01-02"]);
    }

    #[test]
    fn months_years_and_relative_periods() {
        assert_eq!(values("في مايو (أيار) الماضي", "2015-11-18"), ["2015-05"]);
        assert_eq!(values("في سبتمبر 2014", "2015-11-18"), ["2014-09"]);
        assert_eq!(values("منذ عام 2011", "2015-11-18"), ["2011"]);
        assert_eq!(values("العام الماضي والشهر المقبل", "2015-11-18"), ["2014", "2015-12"]);
        assert_eq!(values("الأسبوع القادم", "2015-11-18"), ["2015-W48"]);
        assert_eq!(values("هذا العام", "2015-11-18"), ["2015"]);
    }

    #[test]
    fn counted_numbers_are_not_years() {
        assert!(values("نفذت 2300 طلعة و1500 غارة", "2015-11-18").is_empty());
    }

    #[test]
    fn intervals_end_on_the_publication_date() {
        assert_eq!(values("خلال 48 يوما الماضية", "2015-11-18"), ["2015-10-01/2015-11-18"]);
        assert_eq!(values("خلال اليومين الماضيين", "2015-11-18"), ["2015-11-16/2015-11-18"]);
        assert_eq!(values("خلال الأيام الثلاثة المقبلة", "2015-11-18"), ["2015-11-18/2015-11-21"]);
    }

    #[test]
    fn a_weekday_before_a_date_is_one_expression_with_the_dates_value() {
        // 5 Shawwal 1436 is Tuesday 2015-07-21; the article is of 2015-07-19 (the weekday alone
        // would be the last Tuesday before it).
        assert_eq!(times("تبدأ الدراسة يوم الثلاثاء 5 شوال 1436هـ في", "2015-07-19"), [("يوم الثلاثاء 5 شوال 1436هـ".to_string(), "2015-07-21".to_string())]);
        assert_eq!(times("وذلك الثلاثاء، 5-10-1436هـ", "2015-07-19"), [("الثلاثاء، 5-10-1436هـ".to_string(), "2015-07-21".to_string())]);
    }

    #[test]
    fn a_relative_day_with_its_weekday_is_one_expression() {
        // 2015-07-26 is a Sunday.
        assert_eq!(times("اجتمع يوم أمس السبت بالفصائل", "2015-07-26"), [("يوم أمس السبت".to_string(), "2015-07-25".to_string())]);
        assert_eq!(times("وأعلن مسؤول امس الأربعاء أن", "2015-07-23"), [("امس الأربعاء".to_string(), "2015-07-22".to_string())]);
        assert_eq!(times("احتفلت مساء أمس الأول", "2015-08-02"), [("مساء أمس الأول".to_string(), "2015-07-31".to_string())]);
    }

    #[test]
    fn an_attached_conjunction_stays_out_of_the_span() {
        assert_eq!(times("ويوم أمس، التقى الوزير", "2015-08-03"), [("يوم أمس".to_string(), "2015-08-02".to_string())]);
    }

    #[test]
    fn parts_of_periods_and_this_year() {
        assert_eq!(times("وفي مطلع الشهر الحالي قتل", "2015-07-23"), [("مطلع الشهر الحالي".to_string(), "2015-07".to_string())]);
        assert_eq!(times("في اواخر ابريل هجومها", "2015-07-23"), [("اواخر ابريل".to_string(), "2015-04".to_string())]);
        assert_eq!(times("تميز عيد هذا العام", "2015-07-26"), [("هذا العام".to_string(), "2015".to_string())]);
        assert_eq!(times("بعد العام 2016 لتعزيز", "2015-07-23"), [("العام 2016".to_string(), "2016".to_string())]);
        assert_eq!(values("للعام القادم", "2015-08-02"), ["2016"]);
        assert_eq!(times("مطلع العام الفائت 2014", "2015-07-21"), [("مطلع العام الفائت 2014".to_string(), "2014".to_string())]);
    }

    #[test]
    fn points_ago() {
        assert_eq!(times("غادر إلى مالي قبل 7 أشهر، ثم", "2015-07-21"), [("قبل 7 أشهر".to_string(), "2014-12".to_string())]);
        assert_eq!(values("وقالت قبل شهر إن", "2015-07-21"), ["2015-06"]);
        assert_eq!(times("بدأت الحملة قبل عام تقريبا.", "2015-07-27"), [("قبل عام تقريبا".to_string(), "2014".to_string())]);
        assert_eq!(values("أسس البرنامج منذ عامين", "2015-08-02"), ["2013"]);
        assert!(values("قبل يومين من الانتخابات", "2015-08-02").is_empty());
        assert!(values("قبل أيام", "2015-08-02").is_empty());
        assert_eq!(values("المستحقة منذ يوم 30 يونيو", "2015-07-21"), ["2015-06-30"]);
        assert_eq!(values("منذ عام 2011", "2015-11-18"), ["2011"]);
    }

    #[test]
    fn ordinal_days() {
        assert_eq!(values("في الرابع عشر من الشهر الماضي بشأن", "2015-08-03"), ["2015-07-14"]);
        assert_eq!(
            times("في الحادي والعشرين من سبتمبر من العام الماضي.", "2015-08-11"),
            [("الحادي والعشرين من سبتمبر من العام الماضي".to_string(), "2014-09-21".to_string())]
        );
        assert_eq!(values("في السابع من يوليو", "2015-08-11"), ["2015-07-07"]);
        assert!(values("الأول من نوعه", "2015-08-11").is_empty());
        // The month's other name and a qualifier after it: the qualifier says the side.
        assert_eq!(
            times("يومي الخامس والثامن من أيلول (سبتمبر) المقبل بعد", "2015-08-06"),
            [("الثامن من أيلول (سبتمبر) المقبل".to_string(), "2015-09-08".to_string())]
        );
        assert_eq!(values("منذ الخامس من أغسطس الماضي", "2015-07-21"), ["2014-08-05"]);
        assert_eq!(times("يوم بعد غد الخميس مباراتا", "2015-08-11"), [("غد الخميس".to_string(), "2015-08-13".to_string())]);
        // Without one, the article's year (as after a numbered day), not the year before.
        assert_eq!(values("حتى الخامس من أكتوبر", "2015-07-21"), ["2015-10-05"]);
    }

    #[test]
    fn hijri_dates_and_feasts() {
        assert_eq!(values("الرياض 5 شوال 1436هـ الموافق 21 يوليو 2015م", "2015-07-21"), ["2015-07-21", "2015-07-21"]);
        assert_eq!(values("في 7-11-1436هـ", "2015-08-30"), ["2015-08-22"]);
        assert_eq!(values("حتى عشرة شوال", "2015-07-26"), ["2015-07-26"]);
        assert_eq!(times("في عملية انتحارية ثالث أيام عيد الفطر.", "2015-07-21"), [("ثالث أيام عيد الفطر".to_string(), "2015-07-19".to_string())]);
        assert_eq!(values("طوال أيام العيد الضغط", "2015-07-24"), ["2015-07-17/2015-07-19"]);
        assert_eq!(values("خلال أيام عيد الفطر المبارك", "2015-07-26"), ["2015-07-17/2015-07-19"]);
        // «العيد» alone is as often a festival's name: no date.
        assert!(values("عيد طيبة فرحة", "2015-07-26").is_empty());
    }

    #[test]
    fn seasons() {
        assert_eq!(values("لصيف العام الحالي 2015 م الذي", "2015-08-02"), ["2015-06/2015-08"]);
        assert_eq!(values("في شتاء العام الماضي", "2015-08-02"), ["2014-12/2015-02"]);
    }

    #[test]
    fn ranges_and_spans_ahead() {
        assert_eq!(
            times("من أول أيام العيد حتى عشرة شوال تظاهرة", "2015-07-26"),
            [("من أول أيام العيد حتى عشرة شوال".to_string(), "2015-07-17/2015-07-26".to_string())]
        );
        assert_eq!(values("الذي سيعمل خلال يومين لإجلاء", "2015-08-04"), ["2015-08-04/2015-08-06"]);
        assert!(values("عمل خلال يومين", "2015-08-04").is_empty());
        assert_eq!(values("تشهد هدوءا هذين اليومين", "2015-07-24"), ["2015-07-22/2015-07-24"]);
        assert_eq!(times("ففي فبراير الماضي اجتاحت", "2015-07-21"), [("فبراير الماضي".to_string(), "2015-02".to_string())]);
        assert_eq!(times("المرسوم رقم 32 لعام 2015 القاضي", "2015-07-26"), [("عام 2015".to_string(), "2015".to_string())]);
    }

    #[test]
    fn no_date_no_values_no_panic() {
        let a = analyze("أمس واليوم 26 نوفمبر", &Options { lang: Some(Lang::Ar), date: None });
        assert!(a.times.is_empty());
        let _ = analyze("يوم", &Options { lang: Some(Lang::Ar), date: Some(parse_date("2015-01-01").unwrap()) });
        let _ = analyze("31 فبراير 2015 خلال", &Options { lang: Some(Lang::Ar), date: Some(parse_date("2015-01-01").unwrap()) });
    }
}
