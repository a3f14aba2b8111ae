//! What a time expression means, as a typed value, and the one resolver that turns it into an ISO
//! string (TimeML style) against the article date. Recognisers (one per language) only say what
//! was written; the arithmetic of weeks, months, years and calendars lives here, once.

use super::calendar::{CalendarId, Calendars, FEASTS};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Which way from the article date a day, month or year named without its year lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Toward {
    pub future: bool,
    /// Whether the article's own day / month counts as the nearest one.
    pub include_current: bool,
}

impl Toward {
    pub const PAST: Toward = Toward { future: false, include_current: true };
    pub const PAST_STRICT: Toward = Toward { future: false, include_current: false };
    pub const FUTURE: Toward = Toward { future: true, include_current: true };
    pub const FUTURE_STRICT: Toward = Toward { future: true, include_current: false };
}

/// The year of a date or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Year {
    Absolute(i32),
    /// Years after the article's year (negative: before).
    Offset(i32),
    /// The nearest year in which the day or month falls the given way from the article date.
    Nearest(Toward),
    /// A month named alone in news: last year's when more than a month after the article date
    /// (news looks back), next year's when at least six months before it in a text that looks
    /// ahead, else the article's year.
    NewsWindow {
        ahead: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

/// A recognised time expression's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    /// A calendar date.
    Date {
        calendar: CalendarId,
        year: Year,
        month: u32,
        day: u32,
    },
    /// Days after the article date (yesterday: -1).
    DayOffset(i64),
    /// A named weekday, the nearest one the given way.
    Weekday {
        weekday: Weekday,
        toward: Toward,
    },
    /// The ISO week some weeks after the article's (or its weekend).
    Week {
        offset: i64,
        weekend: bool,
    },
    /// A Gregorian month.
    Month {
        month: u32,
        year: Year,
    },
    /// The month some months after the article's.
    MonthOffset(i64),
    Year(Year),
    Quarter {
        quarter: u32,
        year: Year,
    },
    Season {
        season: Season,
        year: Year,
    },
    /// A point `count` units before the article date (قبل 7 أشهر), as precise as its unit.
    Ago {
        unit: Unit,
        count: i64,
    },
    /// A day of the month some months after the article's (الرابع عشر من الشهر الماضي).
    DayOfMonthOffset {
        day: u32,
        months: i64,
    },
    /// A run of Gregorian months (a season: June to August); `last` before `first` ends the next year.
    Months {
        first: u32,
        last: u32,
        year: Year,
    },
    /// A feast of the Hijri calendar (an index into [`super::calendar::FEASTS`]; `None`: whichever
    /// came last), in a given Hijri year or the latest before the article date: its first day, its
    /// `day`-th day, or all its days.
    Feast {
        feast: Option<usize>,
        hijri_year: Option<i32>,
        day: Option<u32>,
        whole: bool,
    },
    /// From the article date to `count` units later (or, negative, from that long before it to
    /// the article date).
    Interval {
        unit: Unit,
        count: i64,
    },
}

/// An expression as a recogniser found it: where it starts (a byte: a prefix such as an attached
/// conjunction may stay out), its end token, its value, and for a range «من A حتى B» B's value.
#[derive(Debug, Clone, Copy)]
pub struct Recognised {
    pub start: usize,
    pub first: usize,
    pub end: usize,
    pub value: Option<TimeValue>,
    pub until: Option<TimeValue>,
}

/// The ground relative values are resolved on: the article date and the calendars.
pub struct Resolver<'r> {
    pub date: Option<NaiveDate>,
    pub calendars: &'r Calendars,
}

fn iso_day(d: NaiveDate) -> String {
    crate::ymd(d)
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// `d` moved by `n` units; `None` past the ends of the calendar. An hour count moves by whole days
/// (at least one): values are days. Months and years stop at 500 years (the calendar ends soon after).
pub fn shift(d: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    let a = n.unsigned_abs();
    let days = match unit {
        Unit::Hour => a.div_ceil(24).max(1),
        Unit::Day => a,
        Unit::Week => a.checked_mul(7)?,
        Unit::Month | Unit::Year => {
            let months = Months::new(if unit == Unit::Month { a.min(12 * 500) } else { a.min(500) * 12 } as u32);
            return if n < 0 { d.checked_sub_months(months) } else { d.checked_add_months(months) };
        }
    };
    if n < 0 { d.checked_sub_days(Days::new(days)) } else { d.checked_add_days(Days::new(days)) }
}

impl Resolver<'_> {
    /// The ISO value, or `None` when it needs an article date there is not, or names no real day.
    pub fn resolve(&self, value: &TimeValue) -> Option<String> {
        match *value {
            TimeValue::Date { calendar, year, month, day } => self.date_of(calendar, year, month, day).map(iso_day),
            TimeValue::DayOffset(n) => shift(self.date?, Unit::Day, n).map(iso_day),
            TimeValue::Weekday { weekday, toward } => self.weekday(weekday, toward).map(iso_day),
            TimeValue::Week { offset, weekend } => {
                let week = iso_week(shift(self.date?, Unit::Week, offset)?);
                Some(if weekend { format!("{week}-WE") } else { week })
            }
            TimeValue::Month { month, year } => Some(format!("{:04}-{month:02}", self.year_of(year, month, None)?)),
            TimeValue::MonthOffset(n) => {
                let d = self.date?;
                let index = (d.year() as i64 * 12 + d.month0() as i64).checked_add(n)?;
                Some(format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1))
            }
            TimeValue::Year(year) => Some(format!("{:04}", self.year_of(year, 1, None)?)),
            TimeValue::Quarter { quarter, year } => Some(format!("{:04}-Q{quarter}", self.year_of(year, 1, None)?)),
            TimeValue::Season { season, year } => {
                let code = match season {
                    Season::Spring => "SP",
                    Season::Summer => "SU",
                    Season::Fall => "FA",
                    Season::Winter => "WI",
                };
                Some(format!("{:04}-{code}", self.year_of(year, 1, None)?))
            }
            TimeValue::Ago { unit, count } => {
                // Hours ago are most often the article's own day (قبل ساعتين, three hours ago):
                // only whole days of them move the date back.
                let d = match unit {
                    Unit::Hour => self.date?.checked_sub_days(Days::new(count.unsigned_abs() / 24))?,
                    _ => shift(self.date?, unit, -count.abs())?,
                };
                Some(match unit {
                    Unit::Hour | Unit::Day => iso_day(d),
                    Unit::Week => iso_week(d),
                    Unit::Month => format!("{}-{:02}", crate::year4(d.year()), d.month()),
                    Unit::Year => crate::year4(d.year()),
                })
            }
            TimeValue::DayOfMonthOffset { day, months } => {
                let d = self.date?;
                let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?;
                let first = if months < 0 {
                    first.checked_sub_months(Months::new(months.unsigned_abs().min(6000) as u32))?
                } else {
                    first.checked_add_months(Months::new(months.min(6000) as u32))?
                };
                NaiveDate::from_ymd_opt(first.year(), first.month(), day).map(iso_day)
            }
            TimeValue::Months { first, last, year } => {
                let y = self.year_of(year, first, None)?;
                let end_year = if last < first { y + 1 } else { y };
                Some(format!("{y:04}-{first:02}/{end_year:04}-{last:02}"))
            }
            TimeValue::Feast { feast, hijri_year, day, whole } => {
                let (first, last) = self.feast_days(feast, hijri_year)?;
                Some(match (day, whole) {
                    (Some(n), _) => iso_day(first.checked_add_days(Days::new(n.checked_sub(1)? as u64)).filter(|&d| d <= last)?),
                    (None, true) => format!("{}/{}", iso_day(first), iso_day(last)),
                    (None, false) => iso_day(first),
                })
            }
            TimeValue::Interval { unit, count } => {
                let d = self.date?;
                let other = shift(d, unit, count)?;
                let (from, to) = if count < 0 { (other, d) } else { (d, other) };
                Some(format!("{}/{}", iso_day(from), iso_day(to)))
            }
        }
    }

    /// The first and last day of a feast: in the Hijri year given, or the latest to begin on or
    /// before the article date.
    /// A range from one value to another: from the first day (or month) of the one to the last of
    /// the other.
    pub fn resolve_range(&self, from: &TimeValue, to: &TimeValue) -> Option<String> {
        let (a, b) = (self.resolve(from)?, self.resolve(to)?);
        let first = a.split('/').next()?;
        let last = b.rsplit('/').next()?;
        (first < last).then(|| format!("{first}/{last}"))
    }

    fn feast_days(&self, feast: Option<usize>, hijri_year: Option<i32>) -> Option<(NaiveDate, NaiveDate)> {
        let feasts: Vec<usize> = match feast {
            Some(f) => vec![f],
            None => (0..FEASTS.len()).collect(),
        };
        let year = hijri_year.map_or(Year::Nearest(Toward::PAST), Year::Absolute);
        feasts
            .into_iter()
            .filter_map(|f| {
                let &(month, first, last) = FEASTS.get(f)?;
                Some((self.date_of(CalendarId::UmmAlQura, year, month, first)?, self.date_of(CalendarId::UmmAlQura, year, month, last)?))
            })
            .max_by_key(|&(start, _)| start)
    }

    fn date_of(&self, calendar: CalendarId, year: Year, month: u32, day: u32) -> Option<NaiveDate> {
        let cal = self.calendars.get(calendar);
        let year = match year {
            Year::Absolute(y) => y,
            other => {
                let (y, m, d) = cal.from_day(self.date?)?;
                self.year_in(other, (y, m, d), month, Some(day))?
            }
        };
        cal.to_day(year, month, day)
    }

    /// The Gregorian year of `month` (and `day`) for `year`.
    fn year_of(&self, year: Year, month: u32, day: Option<u32>) -> Option<i32> {
        match year {
            Year::Absolute(y) => Some(y),
            other => {
                let d = self.date?;
                self.year_in(other, (d.year(), d.month(), d.day()), month, day)
            }
        }
    }

    /// A relative year, given the article date as (year, month, day) in the calendar at hand.
    fn year_in(&self, year: Year, (y, m, d): (i32, u32, u32), month: u32, day: Option<u32>) -> Option<i32> {
        Some(match year {
            Year::Absolute(y) => y,
            Year::Offset(n) => y + n,
            Year::Nearest(toward) => {
                // A day the month may not have every year (29 February) compares as the 28th.
                let named = (month, day.map_or(0, |x| x.clamp(1, 28)));
                let now = (m, if day.is_some() { d } else { 0 });
                let same_year = if toward.future {
                    named > now || (toward.include_current && named == now)
                } else {
                    named < now || (toward.include_current && named == now)
                };
                match (same_year, toward.future) {
                    (true, _) => y,
                    (false, true) => y + 1,
                    (false, false) => y - 1,
                }
            }
            Year::NewsWindow { ahead } => {
                if month > m + 1 && !ahead {
                    y - 1
                } else if ahead && month + 6 <= m {
                    y + 1
                } else {
                    y
                }
            }
        })
    }

    fn weekday(&self, weekday: Weekday, toward: Toward) -> Option<NaiveDate> {
        let d = self.date?;
        let (today, target) = (d.weekday().num_days_from_monday() as i64, weekday.num_days_from_monday() as i64);
        let gap = if toward.future { (target - today).rem_euclid(7) } else { (today - target).rem_euclid(7) };
        let gap = if gap == 0 && !toward.include_current { 7 } else { gap };
        shift(d, Unit::Day, if toward.future { gap } else { -gap })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(v: TimeValue, date: &str) -> Option<String> {
        let calendars = Calendars::load();
        Resolver { date: Some(crate::parse_date(date).unwrap()), calendars: &calendars }.resolve(&v)
    }

    #[test]
    fn weekdays_toward_past_and_future() {
        // 2015-11-18 is a Wednesday.
        let wd = |weekday, toward| TimeValue::Weekday { weekday, toward };
        assert_eq!(resolve(wd(Weekday::Mon, Toward::PAST), "2015-11-18").unwrap(), "2015-11-16");
        assert_eq!(resolve(wd(Weekday::Wed, Toward::PAST), "2015-11-18").unwrap(), "2015-11-18");
        assert_eq!(resolve(wd(Weekday::Wed, Toward::PAST_STRICT), "2015-11-18").unwrap(), "2015-11-11");
        assert_eq!(resolve(wd(Weekday::Wed, Toward::FUTURE_STRICT), "2015-11-18").unwrap(), "2015-11-25");
        assert_eq!(resolve(wd(Weekday::Fri, Toward::FUTURE), "2015-11-18").unwrap(), "2015-11-20");
    }

    #[test]
    fn years_of_months_and_days_named_without_one() {
        let month = |month, year| TimeValue::Month { month, year };
        assert_eq!(resolve(month(11, Year::Nearest(Toward::PAST)), "2015-11-18").unwrap(), "2015-11");
        assert_eq!(resolve(month(11, Year::Nearest(Toward::PAST_STRICT)), "2015-11-18").unwrap(), "2014-11");
        assert_eq!(resolve(month(1, Year::Nearest(Toward::FUTURE_STRICT)), "2015-11-18").unwrap(), "2016-01");
        assert_eq!(resolve(month(12, Year::NewsWindow { ahead: false }), "2015-11-18").unwrap(), "2015-12");
        assert_eq!(resolve(month(1, Year::NewsWindow { ahead: false }), "2015-11-18").unwrap(), "2015-01");
        assert_eq!(resolve(month(3, Year::NewsWindow { ahead: true }), "2015-11-18").unwrap(), "2016-03");
        let date = |month, day, year| TimeValue::Date { calendar: CalendarId::Gregorian, year, month, day };
        assert_eq!(resolve(date(12, 20, Year::Nearest(Toward::PAST)), "2016-01-05").unwrap(), "2015-12-20");
        assert_eq!(resolve(date(2, 29, Year::Absolute(2015)), "2016-01-05"), None);
    }

    #[test]
    fn hijri_dates_resolve_through_the_calendar() {
        let date = |year| TimeValue::Date { calendar: CalendarId::UmmAlQura, year, month: 10, day: 1 };
        assert_eq!(resolve(date(Year::Absolute(1436)), "2015-11-18").unwrap(), "2015-07-17");
        // 2015-11-18 is 6 Safar 1437: the last 1 Shawwal before it is 1436's.
        assert_eq!(resolve(date(Year::Nearest(Toward::PAST)), "2015-11-18").unwrap(), "2015-07-17");
        assert_eq!(resolve(date(Year::Nearest(Toward::FUTURE)), "2015-11-18").unwrap(), "2016-07-06");
    }

    #[test]
    fn weeks_months_years_quarters_seasons_intervals() {
        assert_eq!(resolve(TimeValue::Week { offset: -1, weekend: false }, "2015-11-18").unwrap(), "2015-W46");
        assert_eq!(resolve(TimeValue::Week { offset: 0, weekend: true }, "2015-11-18").unwrap(), "2015-W47-WE");
        assert_eq!(resolve(TimeValue::MonthOffset(2), "2015-11-18").unwrap(), "2016-01");
        assert_eq!(resolve(TimeValue::Year(Year::Offset(-3)), "2015-11-18").unwrap(), "2012");
        assert_eq!(resolve(TimeValue::Quarter { quarter: 3, year: Year::Offset(0) }, "2015-11-18").unwrap(), "2015-Q3");
        assert_eq!(resolve(TimeValue::Season { season: Season::Fall, year: Year::Offset(-1) }, "2015-11-18").unwrap(), "2014-FA");
        assert_eq!(resolve(TimeValue::Interval { unit: Unit::Day, count: -48 }, "2015-11-18").unwrap(), "2015-10-01/2015-11-18");
        assert_eq!(resolve(TimeValue::Interval { unit: Unit::Hour, count: 48 }, "2015-11-18").unwrap(), "2015-11-18/2015-11-20");
    }

    #[test]
    fn points_ago_days_of_months_seasons_feasts() {
        assert_eq!(resolve(TimeValue::Ago { unit: Unit::Month, count: 7 }, "2015-07-21").unwrap(), "2014-12");
        assert_eq!(resolve(TimeValue::Ago { unit: Unit::Hour, count: 3 }, "2015-07-21").unwrap(), "2015-07-21");
        assert_eq!(resolve(TimeValue::Ago { unit: Unit::Hour, count: 48 }, "2015-07-21").unwrap(), "2015-07-19");
        assert_eq!(resolve(TimeValue::Ago { unit: Unit::Year, count: 2 }, "2015-08-02").unwrap(), "2013");
        assert_eq!(resolve(TimeValue::DayOfMonthOffset { day: 14, months: -1 }, "2015-08-03").unwrap(), "2015-07-14");
        assert_eq!(resolve(TimeValue::DayOfMonthOffset { day: 31, months: -1 }, "2015-03-03"), None);
        assert_eq!(resolve(TimeValue::Months { first: 6, last: 8, year: Year::Offset(0) }, "2015-08-02").unwrap(), "2015-06/2015-08");
        assert_eq!(resolve(TimeValue::Months { first: 12, last: 2, year: Year::Offset(0) }, "2015-08-02").unwrap(), "2015-12/2016-02");
        // Eid al-Fitr 1436 began on 2015-07-17; on 2015-07-24 it is the last feast.
        let feast = |feast, day, whole| TimeValue::Feast { feast, hijri_year: None, day, whole };
        assert_eq!(resolve(feast(Some(0), None, false), "2015-07-24").unwrap(), "2015-07-17");
        assert_eq!(resolve(feast(None, Some(3), false), "2015-07-24").unwrap(), "2015-07-19");
        assert_eq!(resolve(feast(None, None, true), "2015-07-24").unwrap(), "2015-07-17/2015-07-19");
        // By November, Eid al-Adha (2015-09-23) is the last feast.
        assert_eq!(resolve(feast(None, None, false), "2015-11-18").unwrap(), "2015-09-23");
        assert_eq!(resolve(TimeValue::Feast { feast: Some(0), hijri_year: Some(1436), day: None, whole: false }, "2016-01-01").unwrap(), "2015-07-17");
    }

    #[test]
    fn relative_values_need_a_date() {
        let calendars = Calendars::load();
        let r = Resolver { date: None, calendars: &calendars };
        assert_eq!(r.resolve(&TimeValue::DayOffset(-1)), None);
        assert_eq!(r.resolve(&TimeValue::Year(Year::Absolute(2015))).unwrap(), "2015");
    }
}
