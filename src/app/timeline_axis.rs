//! The timeline's layout, pure so that it is tested natively: statements placed on a time axis
//! by the day they were made (days in order, with the gap since the previous day so the axis can
//! space them), statements the text gives no date for in a group of their own at the end, and
//! consecutive statements by one speaker under one speaker heading.

use chrono::NaiveDate;

/// A statement to place: its index in the analysis, its own date (YYYY-MM-DD, or a coarser ISO
/// value) if the text gives one, and who made it (an entity id, or a speaker's words; empty when
/// unattributed).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub index: usize,
    pub date: Option<String>,
    pub speaker: String,
}

/// Consecutive statements by one speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub speaker: String,
    pub items: Vec<usize>,
}

/// One tick of the axis: a day (None: the undated group, always last), the days since the
/// previous tick when both are full dates, and its statements in runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: Option<String>,
    pub gap_days: Option<i64>,
    pub runs: Vec<Run>,
}

fn full_date(iso: &str) -> Option<NaiveDate> {
    crate::parse_ymd(iso)
}

/// Lay out statements given in text order: dated ones by date (text order within a day),
/// then the undated ones in text order.
pub fn lay_out(items: &[Item]) -> Vec<Day> {
    let mut dated: Vec<&Item> = items.iter().filter(|i| i.date.is_some()).collect();
    // stable: statements of one day keep their order in the text
    crate::sort::by(&mut dated, |a, b| a.date.cmp(&b.date));
    let undated = items.iter().filter(|i| i.date.is_none());
    let mut days: Vec<Day> = Vec::new();
    for item in dated.into_iter().chain(undated) {
        let same_day = days.last().is_some_and(|d| d.date == item.date);
        if !same_day {
            let gap_days = match (days.last().and_then(|d| d.date.as_deref()).and_then(full_date), item.date.as_deref().and_then(full_date)) {
                (Some(prev), Some(this)) => Some((this - prev).num_days()),
                _ => None,
            };
            days.push(Day { date: item.date.clone(), gap_days, runs: Vec::new() });
        }
        let day = days.last_mut().expect("pushed above");
        match day.runs.last_mut() {
            Some(run) if run.speaker == item.speaker && !item.speaker.is_empty() => run.items.push(item.index),
            _ => day.runs.push(Run { speaker: item.speaker.clone(), items: vec![item.index] }),
        }
    }
    days
}

/// The space (in rem) the axis leaves before a day, growing with the days since the previous one
/// but slowly, so that a year's gap does not push the next statements off screen.
pub fn gap_space(gap_days: Option<i64>) -> f64 {
    match gap_days {
        Some(d) if d > 1 => (0.4 + (d as f64).ln() * 0.45).min(2.5),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(index: usize, date: Option<&str>, speaker: &str) -> Item {
        Item { index, date: date.map(str::to_string), speaker: speaker.to_string() }
    }

    #[test]
    fn days_in_order_undated_last() {
        let items =
            [item(0, None, "a"), item(1, Some("2015-11-18"), "a"), item(2, Some("2015-11-17"), "b"), item(3, Some("2015-11-18"), "b"), item(4, None, "c")];
        let days = lay_out(&items);
        let dates: Vec<Option<&str>> = days.iter().map(|d| d.date.as_deref()).collect();
        assert_eq!(dates, vec![Some("2015-11-17"), Some("2015-11-18"), None]);
        assert_eq!(days[0].gap_days, None);
        assert_eq!(days[1].gap_days, Some(1));
        assert_eq!(days[2].gap_days, None);
        let undated: Vec<usize> = days[2].runs.iter().flat_map(|r| r.items.clone()).collect();
        assert_eq!(undated, vec![0, 4]);
    }

    #[test]
    fn consecutive_statements_by_one_speaker_share_a_heading() {
        let items = [item(0, None, "putin"), item(1, None, "putin"), item(2, None, "putin"), item(3, None, "hollande"), item(4, None, "putin")];
        let days = lay_out(&items);
        assert_eq!(days.len(), 1);
        let runs: Vec<(&str, usize)> = days[0].runs.iter().map(|r| (r.speaker.as_str(), r.items.len())).collect();
        assert_eq!(runs, vec![("putin", 3), ("hollande", 1), ("putin", 1)]);
        // unattributed statements are never merged: nothing says they are one speaker's
        let days = lay_out(&[item(0, None, ""), item(1, None, "")]);
        assert_eq!(days[0].runs.len(), 2);
    }

    #[test]
    fn gaps_between_days_and_coarse_dates() {
        let days = lay_out(&[item(0, Some("2015-01-01"), "a"), item(1, Some("2015-03-01"), "a"), item(2, Some("2015-04"), "a")]);
        assert_eq!(days[1].gap_days, Some(59));
        assert_eq!(days[2].gap_days, None);
        assert!(gap_space(Some(59)) > gap_space(Some(2)));
        assert!(gap_space(Some(100_000)) <= 2.5);
        assert_eq!(gap_space(Some(1)), 0.0);
        assert!(lay_out(&[]).is_empty());
    }
}
