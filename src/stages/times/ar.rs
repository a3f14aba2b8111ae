//! Arabic rules for the times stage: relative days (أمس، اليوم، غدا), weekdays, day-month dates in
//! both month systems, months, years, relative weeks/months/years and "the past N days" intervals.

use crate::TimeExpr;
use crate::lang::ar::{Arabic, arabic};
use crate::stages::segment::Doc;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A token's folded text with an attached conjunction or preposition taken off (وأمس، بالأمس، وفي).
fn bare(w: &str) -> &str {
    let w = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).filter(|r| r.chars().count() >= 2).unwrap_or(w);
    if let Some(r) = w.strip_prefix("بال") {
        // بالأمس → الامس is not a word we need; keep the definite shape for relative words.
        return if r.chars().count() >= 2 { &w[2..] } else { w };
    }
    w
}

fn is_past(w: &str) -> bool {
    matches!(w, "الماضي" | "الماضيه" | "الماضيين" | "الماضيتين" | "المنصرم" | "المنصرمه" | "الفايت" | "الفايته" | "الاخير" | "الاخيره" | "الاخيرين" | "السابق" | "السابقه")
}
fn is_next(w: &str) -> bool {
    matches!(w, "المقبل" | "المقبله" | "القادم" | "القادمه" | "المقبلين" | "القادمين" | "المقبلتين")
}
fn is_current(w: &str) -> bool {
    matches!(w, "الحالي" | "الحاليه" | "الجاري" | "الجاريه")
}

fn number(w: &str) -> Option<u32> {
    if !w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    let w = w.strip_prefix("ال").unwrap_or(w);
    Some(match w {
        "يومين" | "اسبوعين" | "شهرين" | "عامين" | "سنتين" | "ساعتين" => 2,
        "ثلاثه" | "ثلاث" => 3,
        "اربعه" | "اربع" => 4,
        "خمسه" | "خمس" => 5,
        "سته" | "ست" => 6,
        "سبعه" | "سبع" => 7,
        "ثمانيه" | "ثماني" => 8,
        "تسعه" | "تسع" => 9,
        "عشره" | "عشر" => 10,
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A unit noun and whether it carries its own count (the dual: اليومين = two days).
fn unit(w: &str) -> Option<(Unit, Option<u32>)> {
    let w = w.strip_prefix("ال").unwrap_or(w);
    Some(match w {
        "يوم" | "يوما" | "ايام" => (Unit::Day, None),
        "يومين" | "يومان" => (Unit::Day, Some(2)),
        "ساعه" | "ساعات" => (Unit::Hour, None),
        "ساعتين" => (Unit::Hour, Some(2)),
        "اسبوع" | "اسبوعا" | "اسابيع" => (Unit::Week, None),
        "اسبوعين" => (Unit::Week, Some(2)),
        "شهر" | "شهرا" | "اشهر" | "شهور" => (Unit::Month, None),
        "شهرين" => (Unit::Month, Some(2)),
        "عام" | "عاما" | "اعوام" | "سنه" | "سنوات" | "سنين" => (Unit::Year, None),
        "عامين" | "سنتين" => (Unit::Year, Some(2)),
        _ => return None,
    })
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn shift(d: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    let a = n.unsigned_abs();
    match unit {
        Unit::Hour => {
            let days = a.div_ceil(24).max(1);
            if n < 0 { d.checked_sub_days(Days::new(days)) } else { d.checked_add_days(Days::new(days)) }
        }
        Unit::Day => {
            if n < 0 {
                d.checked_sub_days(Days::new(a))
            } else {
                d.checked_add_days(Days::new(a))
            }
        }
        Unit::Week => {
            if n < 0 {
                d.checked_sub_days(Days::new(7 * a))
            } else {
                d.checked_add_days(Days::new(7 * a))
            }
        }
        Unit::Month => {
            let m = Months::new(a.min(12 * 500) as u32);
            if n < 0 { d.checked_sub_months(m) } else { d.checked_add_months(m) }
        }
        Unit::Year => {
            let m = Months::new((12 * a).min(12 * 500) as u32);
            if n < 0 { d.checked_sub_months(m) } else { d.checked_add_months(m) }
        }
    }
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

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

/// Words of expectation and plan (folded): what follows them in the sentence has not happened yet
/// (نتوقع وصول أول سفينة يوم الثلاثاء، من المقرر أن يتوجه ... يوم الخميس).
const EXPECTATION: &[&str] = &[
    "نتوقع", "يتوقع", "تتوقع", "اتوقع", "يتوقعون", "المتوقع", "متوقع", "المقرر", "مقرر", "المرتقب", "مرتقب", "نامل", "يامل", "تامل", "نعتزم", "يعتزم", "تعتزم",
];

/// A verb with the future prefix س (سيزور، ستعقد) shortly before, or a word of expectation a little
/// further back in the sentence: the weekday is upcoming.
fn future_before(doc: &Doc, i: usize) -> bool {
    let s = doc.tokens[i].sentence;
    let expected = (i.saturating_sub(8)..i).any(|k| {
        let w = doc.ftok(k);
        let w = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).unwrap_or(w);
        doc.tokens[k].sentence == s && EXPECTATION.contains(&w)
    });
    expected
        || (i.saturating_sub(5)..i).any(|k| {
        let w = doc.ftok(k);
        let w = w.strip_prefix('و').unwrap_or(w);
        doc.tokens[k].sentence == s
            && w.chars().count() >= 4
            && (w.starts_with("سي") || w.starts_with("ست") || w.starts_with("سن"))
            && !matches!(w, "سياسه" | "سياسي" | "سيارة" | "سياره" | "سيارات" | "سيطره" | "ستار" | "سيناء" | "سيناريو" | "سنوات" | "سنويا" | "ستين")
    })
}

struct Finder<'d, 'a> {
    doc: &'d Doc<'a>,
    ar: &'static Arabic,
    n: usize,
}

impl Finder<'_, '_> {
    fn w(&self, i: usize) -> &str {
        if i < self.n { self.doc.ftok(i) } else { "" }
    }
    fn b(&self, i: usize) -> &str {
        bare(self.w(i))
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
        if matches!(bare(w), "كانون" | "تشرين") {
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
        let w = w.strip_prefix('و').unwrap_or(w);
        if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = w.parse().ok()?;
            return (1800..=2200).contains(&y).then_some(y);
        }
        None
    }
}

pub fn find(doc: &Doc, date: Option<NaiveDate>) -> Vec<TimeExpr> {
    let ar = arabic();
    let f = Finder { doc, ar, n: doc.tokens.len() };
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut i = 0;
    while i < f.n {
        match match_at(&f, i, date) {
            Some((end, value)) if end > i => {
                if let Some(v) = value {
                    out.push(TimeExpr { start: doc.tokens[i].span.start, end: doc.tokens[end - 1].span.end, value: v });
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The time expression starting at token i: (end token, value if resolvable).
fn match_at(f: &Finder, i: usize, date: Option<NaiveDate>) -> Option<(usize, Option<String>)> {
    let w = f.b(i);
    let d = date;
    let y = d.map(|d| d.year());
    let rel = |days: i64| d.and_then(|d| shift(d, Unit::Day, days)).map(day);

    // أول من أمس، أمس الأول
    if w == "اول" && f.w(i + 1) == "من" && bare(f.w(i + 2)) == "امس" {
        return Some((i + 3, rel(-2)));
    }
    if w == "امس" || w == "الامس" || w == "البارحه" {
        if matches!(f.w(i + 1), "الاول") {
            return Some((i + 2, rel(-2)));
        }
        return Some((weekday_paren_end(f, i + 1), rel(-1)));
    }
    if w == "يوم" {
        let next = f.b(i + 1);
        if next == "امس" {
            return Some((weekday_paren_end(f, i + 2), rel(-1)));
        }
        if next == "غد" {
            return Some((i + 2, rel(1)));
        }
        if f.ar.weekday(f.w(i + 1)).is_some() {
            return weekday_expr(f, i, i + 1, date);
        }
        if number(f.w(i + 1)).is_some() && f.month_at(i + 2).is_some() {
            return day_month(f, i, i + 1, date);
        }
        return None;
    }
    if w == "اليوم" {
        // اليوم الأول / اليوم التالي are ordinal days, not today.
        let next = f.w(i + 1);
        if matches!(next, "الاول" | "الثاني" | "الثالث" | "التالي" | "السابق" | "الذي" | "الوطني" | "العالمي" | "الدولي") {
            return None;
        }
        return Some((weekday_paren_end(f, i + 1), rel(0)));
    }
    if w == "غدا" || w == "غد" && f.w(i.wrapping_sub(1)) == "بعد" {
        if f.w(i.wrapping_sub(1)) == "بعد" {
            return Some((i + 1, rel(2)));
        }
        return Some((weekday_paren_end(f, i + 1), rel(1)));
    }
    if f.ar.weekday(f.w(i)).is_some() {
        // صلاة الجمعة is a prayer, not a date.
        if i > 0 && matches!(bare(f.w(i - 1)), "صلاه" | "خطبه" | "صلاة") {
            return None;
        }
        return weekday_expr(f, i, i, date);
    }
    // A day and a month: 26 نوفمبر (تشرين الثاني) الحالي.
    if number(f.w(i)).is_some_and(|n| (1..=31).contains(&n)) && f.w(i).bytes().all(|b| b.is_ascii_digit()) && f.month_at(i + 1).is_some() {
        return day_month(f, i, i, date);
    }
    // A month, with a year or a relative qualifier, or after a preposition.
    if let Some((m, used)) = f.month_at(i) {
        let after = f.skip_alt_month(i + used);
        let marker_before = i > 0 && matches!(f.b(i - 1), "في" | "شهر" | "منذ" | "حتي" | "خلال" | "مطلع" | "اواخر" | "اوايل" | "منتصف" | "نهايه" | "بدايه" | "اواسط" | "قبل" | "بعد" | "الشهر");
        if let Some(year) = f.year_at(after) {
            return Some((after + 1, Some(format!("{year:04}-{m:02}"))));
        }
        let q = f.w(after);
        let Some(d) = d else { return Some((after, None)) };
        let this = NaiveDate::from_ymd_opt(d.year(), m, 1)?;
        if is_past(q) {
            let yy = if this <= d { d.year() } else { d.year() - 1 };
            return Some((after + 1, Some(format!("{yy:04}-{m:02}"))));
        }
        if is_next(q) {
            let yy = if m > d.month() { d.year() } else { d.year() + 1 };
            return Some((after + 1, Some(format!("{yy:04}-{m:02}"))));
        }
        if is_current(q) {
            return Some((after + 1, Some(format!("{:04}-{m:02}", d.year()))));
        }
        if marker_before && (used == 2 || after > i + used || !matches!(bare(f.w(i)), "اب" | "ماي" | "مارس")) {
            return Some((after, Some(format!("{:04}-{m:02}", d.year()))));
        }
        return None;
    }
    // Years: عام 2014, في 2014, 2014 و2015.
    if let Some(yr) = f.year_at(i) {
        let prev = if i > 0 { f.b(i - 1) } else { "" };
        let year_word = matches!(prev, "عام" | "العام" | "سنه" | "السنه" | "عامي" | "العامين" | "منذ" | "حتي" | "في" | "مطلع" | "نهايه" | "بدايه" | "اواخر" | "اوايل" | "منتصف" | "قبل" | "بعد" | "خلال" | "صيف" | "ربيع" | "خريف" | "شتاء")
            || f.w(i).starts_with('و') && i > 0 && f.year_at(i - 1).is_some();
        let counted = unit(f.w(i + 1)).is_some() || f.w(i + 1).chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && !year_word;
        if year_word && !counted {
            return Some((i + 1, Some(format!("{yr:04}"))));
        }
        return None;
    }
    // Relative periods: العام الماضي، الشهر المقبل، الأسبوع القادم، هذا العام.
    let period = match w {
        "العام" | "السنه" => Some(Unit::Year),
        "الشهر" => Some(Unit::Month),
        "الاسبوع" => Some(Unit::Week),
        _ => None,
    };
    if let Some(u) = period
        && let Some(d) = d
    {
        let q = f.w(i + 1);
        let delta = if is_past(q) && !matches!(q, "الاخير" | "الاخيره" | "السابق" | "السابقه") {
            Some(-1)
        } else if is_next(q) {
            Some(1)
        } else if is_current(q) || (i > 0 && f.b(i - 1) == "هذا") {
            Some(0)
        } else {
            None
        };
        if let Some(delta) = delta {
            let end = if is_current(q) || is_past(q) || is_next(q) { i + 2 } else { i + 1 };
            let t = shift(d, u, delta)?;
            let v = match u {
                Unit::Year => format!("{:04}", t.year()),
                Unit::Month => format!("{:04}-{:02}", t.year(), t.month()),
                _ => iso_week(t),
            };
            return Some((end, Some(v)));
        }
        let _ = y;
    }
    // Intervals: خلال 48 يوما الماضية، خلال اليومين الماضيين، في الأيام الثلاثة المقبلة.
    if matches!(w, "خلال" | "طيله" | "طوال" | "مدي" | "في" | "منذ") {
        return interval(f, i, date);
    }
    None
}

/// "(الاثنين)" right after اليوم/أمس names the same day: the expression ends after it.
fn weekday_paren_end(f: &Finder, i: usize) -> usize {
    if f.w(i) == "(" && f.ar.weekday(f.w(i + 1)).is_some() && f.w(i + 2) == ")" { i + 3 } else { i }
}

fn weekday_expr(f: &Finder, start: usize, wd_tok: usize, date: Option<NaiveDate>) -> Option<(usize, Option<String>)> {
    let wd = weekday_of(f.ar.weekday(f.w(wd_tok))?);
    let mut end = wd_tok + 1;
    let q = f.w(end);
    let upcoming = is_next(q) || future_before(f.doc, start);
    let past_q = is_past(q);
    if is_next(q) || past_q {
        end += 1;
    }
    // يوم الخميس 19 نوفمبر: the explicit date wins.
    if number(f.w(end)).is_some() && f.month_at(end + 1).is_some() {
        return day_month(f, start, end, date);
    }
    let Some(d) = date else { return Some((end, None)) };
    let cur = d.weekday().num_days_from_monday() as i64;
    let target = wd.num_days_from_monday() as i64;
    let v = if upcoming && !past_q {
        let mut diff = (target - cur).rem_euclid(7);
        if diff == 0 {
            diff = 7;
        }
        shift(d, Unit::Day, diff)
    } else {
        // The most recent such day; the publication day itself when it is that weekday.
        let diff = (cur - target).rem_euclid(7);
        shift(d, Unit::Day, -diff)
    };
    Some((end, v.map(day)))
}

fn day_month(f: &Finder, _start: usize, num_tok: usize, date: Option<NaiveDate>) -> Option<(usize, Option<String>)> {
    let dd = number(f.w(num_tok))?;
    let (m, used) = f.month_at(num_tok + 1)?;
    let mut end = f.skip_alt_month(num_tok + 1 + used);
    let year = if let Some(y) = f.year_at(end) {
        end += 1;
        Some(y)
    } else if let Some(d) = date {
        let q = f.w(end);
        let this = NaiveDate::from_ymd_opt(d.year(), m, dd.clamp(1, 28));
        if is_past(q) {
            end += 1;
            Some(if this.is_some_and(|t| t <= d) { d.year() } else { d.year() - 1 })
        } else if is_next(q) {
            end += 1;
            Some(if this.is_some_and(|t| t > d) { d.year() } else { d.year() + 1 })
        } else {
            if is_current(q) {
                end += 1;
            }
            Some(d.year())
        }
    } else {
        None
    };
    let v = year.and_then(|y| NaiveDate::from_ymd_opt(y, m, dd)).map(day);
    Some((end, v))
}

fn interval(f: &Finder, i: usize, date: Option<NaiveDate>) -> Option<(usize, Option<String>)> {
    // خلال [N] unit [one more word] الماضية|المقبلة
    let mut k = i + 1;
    let mut count = None;
    if let Some(n) = number(f.w(k))
        && f.w(k).bytes().all(|b| b.is_ascii_digit())
    {
        count = Some(n);
        k += 1;
    }
    let (u, own) = unit(f.w(k))?;
    if own.is_none() && count.is_none() {
        // الأيام الثلاثة الماضية: a number word after a plural unit.
        if let Some(n) = number(f.w(k + 1)).filter(|_| !f.w(k + 1).bytes().all(|b| b.is_ascii_digit())) {
            count = Some(n);
            k += 1;
        }
    }
    let count = count.or(own)?;
    k += 1;
    // One stray word may sit between the unit and its qualifier (اليومين الساعات الماضية).
    let (q_at, q) = if is_past(f.w(k)) || is_next(f.w(k)) { (k, f.w(k)) } else if f.same_sentence(i, k + 1) && f.doc.tokens[k].is_word { (k + 1, f.w(k + 1)) } else { return None };
    let past = is_past(q);
    if !past && !is_next(q) {
        return None;
    }
    let Some(d) = date else { return Some((q_at + 1, None)) };
    let n = count as i64;
    let v = if past { shift(d, u, -n).map(|s| format!("{}/{}", day(s), day(d))) } else { shift(d, u, n).map(|e| format!("{}/{}", day(d), day(e))) };
    Some((q_at + 1, v))
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
