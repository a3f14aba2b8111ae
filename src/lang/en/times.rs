//! English time expressions, resolved against the article date to TimeML-style values:
//! dates (March 14, 2016 / 14 March / 11/02/89), months, years, weeks, quarters and seasons,
//! deictic days (yesterday, today, tomorrow), weekdays (the last one before the article date
//! unless the text looks ahead), "last week", "this year", "two days ago", "the past three days".

use crate::stages::segment::Doc;
use crate::stages::times::calendar::CalendarId;
use crate::stages::times::value::{Resolver, Season, TimeValue, Toward, Unit, Year};
use chrono::Weekday;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const NUMBERS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("several", -1),
    ("few", -1),
    ("couple", 2),
];

const ORDINALS: &[(&str, u32)] = &[("first", 1), ("second", 2), ("third", 3), ("fourth", 4)];

/// Words that show a weekday or month ahead of the article date rather than behind it.
const FUTURE_CUES: &[&str] =
    &["will", "'ll", "shall", "scheduled", "expected", "plans", "planned", "plan", "due", "going", "upcoming", "coming", "set", "until", "till"];

/// Tokens after a four-digit number that show it is a count, not a year.
const NOT_YEAR_AFTER: &[&str] =
    &["percent", "%", "people", "troops", "soldiers", "km", "kilometers", "miles", "dollars", "members", "votes", "times", "points", "feet", "meters"];

struct Cursor<'d, 'a> {
    doc: &'d Doc<'a>,
}

impl Cursor<'_, '_> {
    fn low(&self, i: usize) -> &str {
        if i < self.doc.tokens.len() { self.doc.ftok(i) } else { "" }
    }
    fn orig(&self, i: usize) -> &str {
        if i < self.doc.tokens.len() { self.doc.otok(i) } else { "" }
    }
    fn glued(&self, i: usize) -> bool {
        i + 1 < self.doc.tokens.len() && self.doc.tokens[i].span.end == self.doc.tokens[i + 1].span.start
    }
    fn capitalised(&self, i: usize) -> bool {
        self.orig(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        b < self.doc.tokens.len() && self.doc.tokens[a].sentence == self.doc.tokens[b].sentence
    }
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.low(i);
        let &(name, m) = MONTHS.iter().find(|(n, _)| *n == w)?;
        if !self.capitalised(i) {
            return None;
        }
        let mut end = i + 1;
        if name.len() <= 4 && self.low(end) == "." && self.glued(i) {
            end += 1;
        } else if name.len() < 5 && name != "june" && name != "july" && name != "may" {
            // A bare "Mar"/"Dec" without a period is too often something else.
            return None;
        }
        Some((m, end))
    }
    fn number(&self, i: usize) -> Option<u32> {
        let w = self.low(i);
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    }
    /// A day of the month, with an optional ordinal suffix (14, 14th).
    fn day(&self, i: usize) -> Option<u32> {
        let w = self.low(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if !(suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th")) || digits.is_empty() || digits.len() > 2 {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    }
    fn year(&self, i: usize) -> Option<i32> {
        let w = self.low(i);
        if w.len() != 4 {
            return None;
        }
        let y: i32 = w.parse().ok()?;
        (1900..=2099).contains(&y).then_some(y)
    }
}

/// Whether the sentence around token `i` looks ahead (will, scheduled, next ...).
fn looks_ahead(c: &Cursor, i: usize) -> bool {
    let sentence = c.doc.tokens[i].sentence;
    let range = c.doc.sentences[sentence].tokens.clone();
    let from = range.start.max(i.saturating_sub(8));
    (from..i).any(|k| FUTURE_CUES.contains(&c.low(k)) || (c.low(k) == "to" && c.low(k + 1) == "be"))
}

/// Every time expression of an English document: (first token, end token, value). Relative
/// expressions are only taken when the resolver has an article date.
pub fn find(doc: &Doc, r: &Resolver) -> Vec<(usize, usize, TimeValue)> {
    let mut out = Vec::new();
    let c = Cursor { doc };
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        match match_at(&c, i, r) {
            Some((end, value)) if end > i => {
                out.push((i, end, value));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The expression starting at token `i`: (end token, value).
fn match_at(c: &Cursor, i: usize, r: &Resolver) -> Option<(usize, TimeValue)> {
    // Absolute forms first: they need no article date.
    if let Some(found) = absolute(c, i, r) {
        return Some(found);
    }
    r.date?;
    deictic_day(c, i)
        .or_else(|| weekday(c, i, r))
        .or_else(|| relative_period(c, i))
        .or_else(|| ago(c, i))
        .or_else(|| recent_interval(c, i))
        .or_else(|| quarter(c, i))
        .or_else(|| month_alone(c, i))
}

fn deictic_day(c: &Cursor, i: usize) -> Option<(usize, TimeValue)> {
    let offset = match c.low(i) {
        "yesterday" => -1,
        "today" | "tonight" => 0,
        "tomorrow" => 1,
        _ => return None,
    };
    Some((i + 1, TimeValue::DayOffset(offset)))
}

/// Weekdays, optionally after last/next/this/coming.
fn weekday(c: &Cursor, i: usize, r: &Resolver) -> Option<(usize, TimeValue)> {
    let w = c.low(i);
    let (lead, wd_at) = match w {
        "last" | "next" | "this" | "coming" | "past" => (Some(w), i + 1),
        _ => (None, i),
    };
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == c.low(wd_at)) {
        // "Saturday, April 25": the calendar date says which Saturday.
        let k = if c.low(wd_at + 1) == "," { wd_at + 2 } else { wd_at + 1 };
        if let Some((end, v)) = absolute(c, k, r).filter(|(_, v)| matches!(v, TimeValue::Date { .. })) {
            return Some((end, v));
        }
        let toward = match lead {
            Some("next") => Toward::FUTURE_STRICT,
            Some("coming") => Toward::FUTURE,
            Some("last" | "past") => Toward::PAST_STRICT,
            _ if looks_ahead(c, wd_at) => Toward::FUTURE,
            _ => Toward::PAST,
        };
        let mut end = wd_at + 1;
        // "Monday night/morning" is still that day.
        if matches!(c.low(end), "morning" | "afternoon" | "evening" | "night") {
            end += 1;
        }
        return Some((end, TimeValue::Weekday { weekday: wd, toward }));
    }
    None
}

/// last/this/next/coming + week/month/year/weekend/season or a month; earlier/later this ...
fn relative_period(c: &Cursor, i: usize) -> Option<(usize, TimeValue)> {
    let w = c.low(i);
    // last/this/next/coming + week/month/year/weekend/season; earlier/later this ...
    let (rel, unit_at, start) = match w {
        "last" | "this" | "next" | "past" | "coming" => (w, i + 1, i),
        "earlier" | "later" if c.low(i + 1) == "this" => ("this", i + 2, i),
        "the" if matches!(c.low(i + 1), "past" | "coming" | "previous" | "following") && matches!(c.low(i + 2), "week" | "month" | "year") => {
            (if matches!(c.low(i + 1), "past" | "previous") { "last" } else { "next" }, i + 2, i)
        }
        _ => ("", 0, 0),
    };
    if !rel.is_empty() {
        let by: i32 = match rel {
            "last" | "past" => -1,
            "next" | "coming" => 1,
            _ => 0,
        };
        let unit = c.low(unit_at);
        let value = match unit {
            "week" | "weekend" => Some(TimeValue::Week { offset: by as i64, weekend: unit == "weekend" }),
            "month" => Some(TimeValue::MonthOffset(by as i64)),
            "year" => Some(TimeValue::Year(Year::Offset(by))),
            "summer" | "winter" | "spring" | "fall" | "autumn" => {
                let season = match unit {
                    "summer" => Season::Summer,
                    "winter" => Season::Winter,
                    "spring" => Season::Spring,
                    _ => Season::Fall,
                };
                Some(TimeValue::Season { season, year: Year::Offset(if rel == "this" { 0 } else { by }) })
            }
            _ => None,
        };
        if let Some(v) = value {
            let _ = start;
            return Some((unit_at + 1, v));
        }
        // "last March", "next January": the month before / after the article date.
        if let Some((m, end)) = c.month(unit_at) {
            let year = match by {
                -1 => Year::Nearest(Toward::PAST_STRICT),
                1 => Year::Nearest(Toward::FUTURE_STRICT),
                _ => Year::Offset(0),
            };
            return Some((end, TimeValue::Month { month: m, year }));
        }
    }
    None
}

/// "the past three days": an interval ending on the article date.
fn recent_interval(c: &Cursor, i: usize) -> Option<(usize, TimeValue)> {
    let w = c.low(i);
    if w == "the" && matches!(c.low(i + 1), "past" | "last") {
        let (k, unit_at) = match NUMBERS.iter().find(|(n, _)| *n == c.low(i + 2)).map(|p| p.1).or_else(|| c.number(i + 2).map(|n| n as i64)) {
            Some(k) if k > 0 => (k, i + 3),
            _ => (0, 0),
        };
        if k > 0 {
            let unit = match c.low(unit_at) {
                "days" => Some(Unit::Day),
                "weeks" => Some(Unit::Week),
                _ => None,
            };
            if let Some(unit) = unit {
                return Some((unit_at + 1, TimeValue::Interval { unit, count: -k }));
            }
        }
    }
    None
}

/// Quarters: "the third quarter", "third-quarter", "the fourth quarter of 2015".
fn quarter(c: &Cursor, i: usize) -> Option<(usize, TimeValue)> {
    let w = c.low(i);
    let q_at = if w == "the" { i + 1 } else { i };
    if let Some(&(_, q)) = ORDINALS.iter().find(|(n, _)| *n == c.low(q_at)) {
        let mut k = q_at + 1;
        if c.low(k) == "-" && c.glued(q_at) {
            k += 1;
        }
        if c.low(k) == "quarter" {
            let mut year = Year::Offset(0);
            let mut end = k + 1;
            if c.low(end) == "of"
                && let Some(yy) = c.year(end + 1)
            {
                year = Year::Absolute(yy);
                end += 2;
            }
            return Some((end, TimeValue::Quarter { quarter: q, year }));
        }
    }
    None
}

/// A month alone: "in December", "early September" ("last June" is a relative period).
fn month_alone(c: &Cursor, i: usize) -> Option<(usize, TimeValue)> {
    let w = c.low(i);
    let m_at = match w {
        "early" | "late" | "mid" => {
            if c.low(i + 1) == "-" {
                i + 2
            } else {
                i + 1
            }
        }
        _ => i,
    };
    if let Some((m, end)) = c.month(m_at) {
        let prev = if m_at > 0 { c.low(m_at - 1) } else { "" };
        // "May" and "March" are also words: only after a preposition or a time modifier.
        let ambiguous = matches!(c.low(m_at), "may" | "march");
        let cued = matches!(
            prev,
            "in" | "since" | "until" | "by" | "during" | "early" | "late" | "mid" | "-" | "of" | "through" | "before" | "after" | "from" | "to" | "this"
        );
        if !ambiguous || cued {
            // "June last year", "June next year".
            if matches!(c.low(end), "last" | "next") && c.low(end + 1) == "year" {
                let year = Year::Offset(if c.low(end) == "last" { -1 } else { 1 });
                return Some((end + 2, TimeValue::Month { month: m, year }));
            }
            return Some((end, TimeValue::Month { month: m, year: month_year(c, m_at) }));
        }
    }
    None
}

/// The year of a month named without one: news looks back unless the sentence looks ahead.
fn month_year(c: &Cursor, at: usize) -> Year {
    Year::NewsWindow { ahead: looks_ahead(c, at) }
}

/// "two days ago", "a week ago" ("three years earlier" is relative to something else: not it).
fn ago(c: &Cursor, i: usize) -> Option<(usize, TimeValue)> {
    let k = NUMBERS.iter().find(|(n, _)| *n == c.low(i)).map(|p| p.1).or_else(|| c.number(i).map(|n| n as i64))?;
    if k <= 0 {
        return None;
    }
    let unit = c.low(i + 1);
    if c.low(i + 2) != "ago" {
        return None;
    }
    let v = match unit.trim_end_matches('s') {
        "day" => TimeValue::DayOffset(-k),
        "week" => TimeValue::Week { offset: -k, weekend: false },
        "month" => TimeValue::MonthOffset(-k),
        "year" => TimeValue::Year(Year::Offset(-(k as i32))),
        _ => return None,
    };
    Some((i + 3, v))
}

/// Dates written out in full or numerically, resolvable (with the article's year when missing).
fn absolute(c: &Cursor, i: usize, r: &Resolver) -> Option<(usize, TimeValue)> {
    // Only a real day is a date ("February 30" is not; the month alone may still be).
    let date = |year: Year, month: u32, day: u32| {
        let v = TimeValue::Date { calendar: CalendarId::Gregorian, year, month, day };
        r.resolve(&v).map(|_| v)
    };
    // Month Day[,] [Year]  /  Month Year
    if let Some((m, end)) = c.month(i) {
        if let Some(d) = c.day(end) {
            let mut stop = end + 1;
            let mut y = None;
            let k = if c.low(stop) == "," { stop + 1 } else { stop };
            if let Some(yy) = c.year(k) {
                y = Some(yy);
                stop = k + 1;
            }
            let y = match y {
                Some(y) => Year::Absolute(y),
                None if r.date.is_some() => month_year(c, i),
                None => return None,
            };
            return date(y, m, d).map(|v| (stop, v));
        }
        if let Some(y) = c.year(end) {
            return Some((end + 1, TimeValue::Month { month: m, year: Year::Absolute(y) }));
        }
    }
    // Day Month [Year]
    if let Some(d) = c.day(i)
        && let Some((m, end)) = c.month(i + 1)
    {
        let (y, stop) = match c.year(end) {
            Some(y) => (Year::Absolute(y), end + 1),
            None if r.date.is_some() => (month_year(c, i), end),
            None => return None,
        };
        return date(y, m, d).map(|v| (stop, v));
    }
    let w = c.low(i);
    // ISO 2016-09-15 and compact 19980303.
    if let Some(y) = c.year(i)
        && c.low(i + 1) == "-"
        && c.glued(i)
        && c.glued(i + 1)
        && let (Some(m), true) = (c.number(i + 2), c.low(i + 3) == "-" && c.glued(i + 2) && c.glued(i + 3))
        && let Some(d) = c.number(i + 4)
    {
        return date(Year::Absolute(y), m, d).map(|v| (i + 5, v));
    }
    if w.len() == 8 && w.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (w[..4].parse().ok()?, w[4..6].parse().ok()?, w[6..].parse().ok()?);
        if (1900..=2099).contains(&y) {
            return date(Year::Absolute(y), m, d).map(|v| (i + 1, v));
        }
    }
    // US numeric 11/02/89 or 11/02/1989.
    if let Some(m) = c.number(i)
        && c.low(i + 1) == "/"
        && c.glued(i)
        && c.glued(i + 1)
        && let Some(d) = c.number(i + 2)
        && c.low(i + 3) == "/"
        && c.glued(i + 2)
        && c.glued(i + 3)
        && let Some(yy) = c.number(i + 4)
    {
        let y = match c.low(i + 4).len() {
            2 => 1900 + yy as i32 + if yy < 50 { 100 } else { 0 },
            4 => yy as i32,
            _ => return None,
        };
        return date(Year::Absolute(y), m, d).map(|v| (i + 5, v));
    }
    // A year: "in 2016", "fiscal 1989"; not a count ("2000 troops") nor money ("$1990").
    if let Some(y) = c.year(i) {
        let prev = if i > 0 { c.low(i - 1) } else { "" };
        let next = c.low(i + 1);
        // "mid-2015" is that year; other glued forms ("1,2015", "X-2015") are not years.
        let mid = i >= 2 && prev == "-" && matches!(c.low(i - 2), "mid" | "early" | "late");
        let glued_prev = !mid && i > 0 && c.doc.tokens[i - 1].span.end == c.doc.tokens[i].span.start;
        if prev != "$" && !glued_prev && !NOT_YEAR_AFTER.contains(&next) && !(c.same_sentence(i, i + 1) && (next == "-" || next == "/") && c.glued(i)) {
            // "the 1990s" is a decade.
            return Some((i + 1, TimeValue::Year(Year::Absolute(y))));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn values(text: &str, date: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text, Lang::En);
        crate::stages::times::find(&doc, crate::stages::resources(), Some(crate::parse_date(date).unwrap()))
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.value))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn deictic_days() {
        // 2015-11-18 is a Wednesday.
        assert_eq!(
            values("He left yesterday and returns tomorrow, not today.", "2015-11-18"),
            pairs(&[("yesterday", "2015-11-17"), ("tomorrow", "2015-11-19"), ("today", "2015-11-18")])
        );
    }

    #[test]
    fn weekdays_past_by_default_future_when_announced() {
        assert_eq!(values("Officials said on Monday that talks failed.", "2015-11-18"), pairs(&[("Monday", "2015-11-16")]));
        assert_eq!(values("The minister will travel on Friday.", "2015-11-18"), pairs(&[("Friday", "2015-11-20")]));
        assert_eq!(values("They meet next Wednesday.", "2015-11-18"), pairs(&[("next Wednesday", "2015-11-25")]));
    }

    #[test]
    fn calendar_dates_with_and_without_year() {
        assert_eq!(
            values("On March 14, 2016, and on Nov. 3 the vote was held.", "2015-11-18"),
            pairs(&[("March 14, 2016", "2016-03-14"), ("Nov. 3", "2015-11-03")])
        );
        assert_eq!(values("It opened on 5 June 2014 in 11/02/89 terms.", "2015-11-18"), pairs(&[("5 June 2014", "2014-06-05"), ("11/02/89", "1989-11-02")]));
    }

    #[test]
    fn weeks_months_years_and_quarters() {
        assert_eq!(
            values("Last week, this year and in December; next month; in 2016 and the third-quarter results.", "2015-11-18"),
            pairs(&[
                ("Last week", "2015-W46"),
                ("this year", "2015"),
                ("December", "2015-12"),
                ("next month", "2015-12"),
                ("2016", "2016"),
                ("the third-quarter", "2015-Q3")
            ])
        );
    }

    #[test]
    fn ago_and_intervals() {
        assert_eq!(
            values("Two days ago, and during the past three days, and three years ago.", "2015-11-18"),
            pairs(&[("Two days ago", "2015-11-16"), ("the past three days", "2015-11-15/2015-11-18"), ("three years ago", "2012")])
        );
    }

    #[test]
    fn mid_year() {
        assert_eq!(values("Prices rose until mid-2014.", "2015-11-18"), pairs(&[("2014", "2014")]));
    }

    #[test]
    fn counts_and_modal_may_are_not_times() {
        assert!(values("About 2000 troops may leave, costing $1990.", "2015-11-18").is_empty());
    }

    #[test]
    fn no_article_date_keeps_only_absolute_dates() {
        let doc = Doc::new("Yesterday, on March 14, 2016.", Lang::En);
        let v: Vec<String> = crate::stages::times::find(&doc, crate::stages::resources(), None).into_iter().map(|t| t.value).collect();
        assert_eq!(v, ["2016-03-14"]);
    }
}
