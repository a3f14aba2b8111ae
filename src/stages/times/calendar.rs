//! Calendars: where a date written in some calendar becomes a day on the Gregorian line the output
//! uses (ISO 8601). The resolver works on days and hands each calendar only its own year, month and
//! day, so adding a calendar is one [`Calendar`] implementation and one [`CalendarId`].

use chrono::{Datelike, Days, NaiveDate};

/// The calendars a date can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarId {
    Gregorian,
    /// The Umm al-Qura Hijri calendar (Saudi Arabia's civil calendar, the usual one in Gulf news).
    UmmAlQura,
}

/// A calendar's dates: converted to and from days of the proleptic Gregorian calendar.
pub trait Calendar {
    /// The day written as (year, month, day) in this calendar; `None` if there is no such day or
    /// it lies outside the calendar's known range.
    fn to_day(&self, year: i32, month: u32, day: u32) -> Option<NaiveDate>;
    /// (year, month, day) of a day in this calendar, if it is within the calendar's known range.
    fn from_day(&self, day: NaiveDate) -> Option<(i32, u32, u32)>;
}

pub struct Gregorian;

impl Calendar for Gregorian {
    fn to_day(&self, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }
    fn from_day(&self, day: NaiveDate) -> Option<(i32, u32, u32)> {
        Some((day.year(), day.month(), day.day()))
    }
}

/// Umm al-Qura, from its published table of month starts (`data/calendars/umm-al-qura.tsv`, see
/// data/SOURCES.md): the calendar is fixed by an authority's astronomical criterion, not by a
/// formula, so only the table's years can be converted.
pub struct UmmAlQura {
    first_year: i32,
    /// The first day of every month of the table, in order, and the day after the last month.
    month_starts: Vec<NaiveDate>,
}

impl UmmAlQura {
    /// Parses the table; rows must follow each other (a year starts the day after the previous
    /// one ends), so a damaged table gives an error instead of wrong dates.
    pub fn parse(tsv: &str) -> Result<UmmAlQura, String> {
        let mut first_year = None;
        let mut month_starts: Vec<NaiveDate> = Vec::new();
        for (n, line) in tsv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
            let bad = |what: &str| format!("umm-al-qura table line {}: {what}", n + 1);
            let mut cols = line.split('\t');
            let year: i32 = cols.next().and_then(|y| y.parse().ok()).ok_or_else(|| bad("no year"))?;
            let start = cols.next().and_then(crate::parse_ymd).ok_or_else(|| bad("no start date"))?;
            let lengths: Vec<u64> = cols.next().unwrap_or("").split(' ').filter_map(|l| l.parse().ok()).collect();
            if lengths.len() != 12 || lengths.iter().any(|l| !(29..=30).contains(l)) {
                return Err(bad("twelve month lengths of 29 or 30 days expected"));
            }
            let expected_year = first_year.map_or(year, |f: i32| f + (month_starts.len() / 12) as i32);
            if year != expected_year || month_starts.last().is_some_and(|&end| end != start) {
                return Err(bad("years must follow each other without a gap"));
            }
            first_year.get_or_insert(year);
            month_starts.pop();
            let mut day = start;
            month_starts.push(day);
            for l in lengths {
                day = day.checked_add_days(Days::new(l)).ok_or_else(|| bad("date out of range"))?;
                month_starts.push(day);
            }
        }
        let first_year = first_year.ok_or("umm-al-qura table is empty")?;
        Ok(UmmAlQura { first_year, month_starts })
    }
}

impl Calendar for UmmAlQura {
    fn to_day(&self, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        if !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let index = usize::try_from((year - self.first_year) * 12 + month as i32 - 1).ok()?;
        let (start, next) = (*self.month_starts.get(index)?, *self.month_starts.get(index + 1)?);
        let date = start.checked_add_days(Days::new(day as u64 - 1))?;
        (date < next).then_some(date)
    }
    fn from_day(&self, day: NaiveDate) -> Option<(i32, u32, u32)> {
        let after = self.month_starts.partition_point(|&s| s <= day);
        if after == 0 || after == self.month_starts.len() {
            return None;
        }
        let index = after - 1;
        let days_in = (day - self.month_starts[index]).num_days() as u32;
        Some((self.first_year + (index / 12) as i32, (index % 12) as u32 + 1, days_in + 1))
    }
}

/// The feasts of the Hijri calendar news dates things by, as (month, first day, last day) in the
/// Umm al-Qura calendar: Eid al-Fitr (1–3 Shawwal) and Eid al-Adha (10–13 Dhu al-Hijja). The
/// recognisers name them by index (the Arabic words are in data/lang/ar/time_grammar.tsv).
pub const FEASTS: [(u32, u32, u32); 2] = [(10, 1, 3), (12, 10, 13)];

/// Every calendar, built once (in [`crate::stages::Resources`]).
pub struct Calendars {
    pub umm_al_qura: UmmAlQura,
}

static UMM_AL_QURA: &str = include_str!("../../../data/calendars/umm-al-qura.tsv");

impl Calendars {
    pub fn load() -> Calendars {
        // The table is compiled in and checked by a test: an empty calendar only if it were damaged.
        let umm_al_qura = UmmAlQura::parse(UMM_AL_QURA).unwrap_or(UmmAlQura { first_year: 0, month_starts: Vec::new() });
        Calendars { umm_al_qura }
    }

    pub fn get(&self, id: CalendarId) -> &dyn Calendar {
        match id {
            CalendarId::Gregorian => &Gregorian,
            CalendarId::UmmAlQura => &self.umm_al_qura,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_shipped_table_parses() {
        let t = UmmAlQura::parse(UMM_AL_QURA).expect("table parses");
        assert_eq!(t.first_year, 1420);
        assert_eq!(t.month_starts.len(), 81 * 12 + 1);
    }

    #[test]
    fn known_umm_al_qura_conversions() {
        let c = Calendars::load();
        let u = c.get(CalendarId::UmmAlQura);
        // Eid al-Fitr 1436 (Saudi announcement); 1 Muharram 1420, 1437; the table's last day.
        assert_eq!(u.to_day(1436, 10, 1), Some(day("2015-07-17")));
        assert_eq!(u.to_day(1420, 1, 1), Some(day("1999-04-17")));
        assert_eq!(u.to_day(1437, 1, 1), Some(day("2015-10-14")));
        assert_eq!(u.to_day(1500, 12, 30), Some(day("2077-11-16")));
        assert_eq!(u.from_day(day("2015-11-18")), Some((1437, 2, 6)));
        assert_eq!(u.from_day(day("2015-07-17")), Some((1436, 10, 1)));
    }

    #[test]
    fn out_of_table_and_impossible_dates_are_none() {
        let c = Calendars::load();
        let u = c.get(CalendarId::UmmAlQura);
        assert_eq!(u.to_day(1419, 12, 1), None);
        assert_eq!(u.to_day(1501, 1, 1), None);
        // Ramadan 1436 had 29 days, Shawwal 30.
        assert_eq!(u.to_day(1436, 9, 30), None);
        assert_eq!(u.to_day(1436, 10, 30), Some(day("2015-08-15")));
        assert_eq!(u.to_day(1436, 13, 1), None);
        assert_eq!(u.to_day(1436, 1, 0), None);
        assert_eq!(u.from_day(day("1999-04-16")), None);
        assert_eq!(u.from_day(day("2077-11-17")), None);
    }

    #[test]
    fn round_trip_over_the_whole_table() {
        let c = Calendars::load();
        let u = c.get(CalendarId::UmmAlQura);
        let mut d = day("1999-04-17");
        while d <= day("2077-11-16") {
            let (y, m, dd) = u.from_day(d).unwrap();
            assert_eq!(u.to_day(y, m, dd), Some(d));
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn damaged_tables_are_errors() {
        assert!(UmmAlQura::parse("").is_err());
        assert!(UmmAlQura::parse("1436\t2014-10-25\t29 30").is_err());
        assert!(UmmAlQura::parse("1436\t2014-10-25\t29 30 29 30 29 30 29 30 29 30 29 31").is_err());
        let gap = "1436\t2014-10-25\t29 30 29 30 29 30 29 30 29 30 29 30\n1437\t2015-10-15\t30 29 30 30 29 29 30 29 30 29 29 30";
        assert!(UmmAlQura::parse(gap).is_err());
    }

    #[test]
    fn gregorian_is_the_identity() {
        assert_eq!(Gregorian.to_day(2016, 2, 29), Some(day("2016-02-29")));
        assert_eq!(Gregorian.to_day(2015, 2, 29), None);
        assert_eq!(Gregorian.from_day(day("2015-11-18")), Some((2015, 11, 18)));
    }
}
