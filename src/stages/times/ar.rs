//! Arabic rules for the times stage: relative days (أمس، اليوم، غدا), weekdays, day-month dates in
//! both month systems, months, years, relative weeks/months/years and "the past N days" intervals.
//! The words are data (`data/lang/ar/time_grammar.tsv`, roles in [`Role`]); this file only says
//! how they combine, into [`TimeValue`]s that the shared resolver turns into ISO values.

use super::calendar::CalendarId;
use super::value::{TimeValue, Toward, Unit, Year};
use super::words::{Entry, Role, TimeWords};
use crate::lang::ar::{Arabic, arabic};
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
    /// What the grammar knows of each token as written and bare (rules ask many times per token).
    raw: Vec<Entry>,
    bare: Vec<Entry>,
}

fn strip_any<'w>(w: &'w str, prefixes: &[String]) -> Option<&'w str> {
    prefixes.iter().find_map(|p| w.strip_prefix(p.as_str()))
}

impl Finder<'_, '_> {
    fn w(&self, i: usize) -> &str {
        if i < self.n { self.doc.ftok(i) } else { "" }
    }
    /// A token's folded text with an attached conjunction or preposition taken off (وأمس، بالأمس، وفي).
    fn b(&self, i: usize) -> &str {
        self.bare(self.w(i))
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
    fn raw_at(&self, i: usize) -> Entry {
        self.raw.get(i).copied().unwrap_or_default()
    }
    fn bare_at(&self, i: usize) -> Entry {
        self.bare.get(i).copied().unwrap_or_default()
    }
    fn is_past(&self, k: usize) -> bool {
        let e = self.raw_at(k);
        e.is(Role::Past) || e.is(Role::Recent)
    }
    fn is_next(&self, k: usize) -> bool {
        self.raw_at(k).is(Role::Next)
    }
    fn is_current(&self, k: usize) -> bool {
        self.raw_at(k).is(Role::Current)
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
        let w = self.w(i);
        if self.bare_at(i).is(Role::MonthHead) {
            return None;
        }
        self.ar.month(w).map(|m| (m, 1))
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
/// needs the article date, which the resolver has; the span is taken either way).
pub fn find(doc: &Doc, words: &TimeWords, date_known: bool) -> Vec<(usize, usize, Option<TimeValue>)> {
    let n = doc.tokens.len();
    let mut f = Finder { doc, ar: arabic(), words, n, raw: Vec::with_capacity(n), bare: Vec::with_capacity(n) };
    // Punctuation and numbers play no role: only words are looked up.
    f.raw = (0..n).map(|i| if doc.tokens[i].is_word { words.entry(doc.ftok(i)) } else { Entry::default() }).collect();
    f.bare = (0..n)
        .map(|i| {
            let (raw, bare) = (doc.ftok(i), f.b(i));
            if bare.len() == raw.len() { f.raw[i] } else { words.entry(bare) }
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < f.n {
        match match_at(&f, i, date_known) {
            Some((end, value)) if end > i => {
                out.push((i, end, value));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

type Found = Option<(usize, Option<TimeValue>)>;

/// The time expression starting at token i: (end token, value).
fn match_at(f: &Finder, i: usize, date_known: bool) -> Found {
    if let Some(found) = deictic(f, i, date_known) {
        return found;
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
    if let Some(found) = relative_period(f, i, date_known) {
        return Some(found);
    }
    // Intervals: خلال 48 يوما الماضية، خلال اليومين الماضيين، في الأيام الثلاثة المقبلة.
    if f.bare_at(i).is(Role::IntervalHead) {
        return interval(f, i, date_known);
    }
    None
}

/// Days named from the article date (أمس، اليوم، غدا، بعد غد) and weekdays: `Some` when the
/// expression at i is decided here (found or ruled out), `None` to try the other rules.
fn deictic(f: &Finder, i: usize, date_known: bool) -> Option<Found> {
    let day = |n: i64| Some(TimeValue::DayOffset(n));
    // أول من أمس، أمس الأول
    if f.bare_at(i).is(Role::First) && f.raw_at(i + 1).is(Role::Of) && f.bare_at(i + 2).is(Role::Yesterday) {
        return Some(Some((i + 3, day(-2))));
    }
    if f.bare_at(i).is(Role::Yesterday) {
        if f.raw_at(i + 1).is(Role::TheFirst) {
            return Some(Some((i + 2, day(-2))));
        }
        return Some(Some((weekday_paren_end(f, i + 1), day(-1))));
    }
    if f.bare_at(i).is(Role::Day) {
        if f.bare_at(i + 1).is(Role::YesterdayNoun) {
            return Some(Some((weekday_paren_end(f, i + 2), day(-1))));
        }
        if f.bare_at(i + 1).is(Role::TomorrowNoun) {
            return Some(Some((i + 2, day(1))));
        }
        if f.ar.weekday(f.w(i + 1)).is_some() {
            return Some(weekday_expr(f, i, i + 1, date_known));
        }
        if f.number(f.w(i + 1)).is_some() && f.month_at(i + 2).is_some() {
            return Some(day_month(f, i + 1, date_known));
        }
        return Some(None);
    }
    if f.bare_at(i).is(Role::Today) {
        // اليوم الأول / اليوم التالي are ordinal days, not today.
        if f.raw_at(i + 1).is(Role::OrdinalDay) {
            return Some(None);
        }
        return Some(Some((weekday_paren_end(f, i + 1), day(0))));
    }
    let after_before = i > 0 && f.raw_at(i - 1).is(Role::After);
    if f.bare_at(i).is(Role::Tomorrow) || f.bare_at(i).is(Role::TomorrowNoun) && after_before {
        if after_before {
            return Some(Some((i + 1, day(2))));
        }
        return Some(Some((weekday_paren_end(f, i + 1), day(1))));
    }
    if f.ar.weekday(f.w(i)).is_some() {
        // صلاة الجمعة is a prayer, not a date.
        if i > 0 && f.bare_at(i - 1).is(Role::Prayer) {
            return Some(None);
        }
        return Some(weekday_expr(f, i, i, date_known));
    }
    None
}

/// A month (at i, `used` tokens), with a year or a relative qualifier, or after a preposition.
fn month_expr(f: &Finder, i: usize, m: u32, used: usize, date_known: bool) -> Found {
    let after = f.skip_alt_month(i + used);
    let marker_before = i > 0 && f.bare_at(i - 1).is(Role::MonthMarker);
    let month = |year| Some(TimeValue::Month { month: m, year });
    if let Some(year) = f.year_at(after) {
        return Some((after + 1, month(Year::Absolute(year))));
    }
    let q = after;
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
    if marker_before && (used == 2 || after > i + used || !f.bare_at(i).is(Role::AmbiguousMonth)) {
        return Some((after, month(Year::Offset(0))));
    }
    return None;
}

/// A four-digit year (at i) where a word before makes it one: عام 2014, في 2014, 2014 و2015.
fn year_expr(f: &Finder, i: usize, yr: i32) -> Found {
    let year_word = i > 0 && f.bare_at(i - 1).is(Role::YearMarker) || strip_any(f.w(i), &f.words.conjunctions).is_some() && i > 0 && f.year_at(i - 1).is_some();
    let counted = f.unit(f.w(i + 1)).is_some() || f.w(i + 1).chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && !year_word;
    if year_word && !counted {
        return Some((i + 1, Some(TimeValue::Year(Year::Absolute(yr)))));
    }
    return None;
}

/// Relative periods: العام الماضي، الشهر المقبل، الأسبوع القادم، هذا العام.
fn relative_period(f: &Finder, i: usize, date_known: bool) -> Found {
    if let Some(u) = f.bare_at(i).period()
        && date_known
    {
        let q = i + 1;
        let delta = if f.raw_at(i + 1).is(Role::Past) {
            Some(-1)
        } else if f.is_next(q) {
            Some(1)
        } else if f.is_current(q) || (i > 0 && f.bare_at(i - 1).is(Role::This)) {
            Some(0)
        } else {
            None
        };
        if let Some(delta) = delta {
            let end = if f.is_current(q) || f.is_past(q) || f.is_next(q) { i + 2 } else { i + 1 };
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

/// "(الاثنين)" right after اليوم/أمس names the same day: the expression ends after it.
fn weekday_paren_end(f: &Finder, i: usize) -> usize {
    if f.w(i) == "(" && f.ar.weekday(f.w(i + 1)).is_some() && f.w(i + 2) == ")" { i + 3 } else { i }
}

fn weekday_expr(f: &Finder, start: usize, wd_tok: usize, date_known: bool) -> Found {
    let weekday = weekday_of(f.ar.weekday(f.w(wd_tok))?);
    let mut end = wd_tok + 1;
    let q = end;
    let upcoming = f.is_next(q) || f.future_before(start);
    let past_q = f.is_past(q);
    if f.is_next(q) || past_q {
        end += 1;
    }
    // يوم الخميس 19 نوفمبر: the explicit date wins.
    if f.number(f.w(end)).is_some() && f.month_at(end + 1).is_some() {
        return day_month(f, end, date_known);
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
        let q = end;
        if f.is_past(q) {
            end += 1;
            Year::Nearest(Toward::PAST)
        } else if f.is_next(q) {
            end += 1;
            Year::Nearest(Toward::FUTURE_STRICT)
        } else {
            if f.is_current(q) {
                end += 1;
            }
            Year::Offset(0)
        }
    };
    Some((end, Some(TimeValue::Date { calendar: CalendarId::Gregorian, year, month, day })))
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
    let (q_at, q) = if f.is_past(k) || f.is_next(k) {
        (k, k)
    } else if f.same_sentence(i, k + 1) && f.doc.tokens[k].is_word {
        (k + 1, k + 1)
    } else {
        return None;
    };
    let past = f.is_past(q);
    if !past && !f.is_next(q) {
        return None;
    }
    let value = date_known.then_some(TimeValue::Interval { unit, count: if past { -count } else { count } });
    Some((q_at + 1, value))
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Options, analyze, parse_date};

    fn times(text: &str, date: &str) -> Vec<(String, String)> {
        let a = analyze(text, &Options { lang: Some(Lang::Ar), date: Some(parse_date(date).unwrap()) });
        a.times.iter().map(|t| (text[t.start..t.end].to_string(), t.value.clone())).collect()
    }

    fn values(text: &str, date: &str) -> Vec<String> {
        times(text, date).into_iter().map(|t| t.1).collect()
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
    fn no_date_no_values_no_panic() {
        let a = analyze("أمس واليوم 26 نوفمبر", &Options { lang: Some(Lang::Ar), date: None });
        assert!(a.times.is_empty());
        let _ = analyze("يوم", &Options { lang: Some(Lang::Ar), date: Some(parse_date("2015-01-01").unwrap()) });
        let _ = analyze("31 فبراير 2015 خلال", &Options { lang: Some(Lang::Ar), date: Some(parse_date("2015-01-01").unwrap()) });
    }
}
