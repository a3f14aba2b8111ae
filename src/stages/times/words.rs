//! A language's time-grammar words (`data/lang/<code>/time_grammar.tsv`): each folded word with the
//! roles it plays, so recognisers ask "is this a past qualifier?" instead of listing words.

use super::value::Unit;
use crate::stages::normalize::fold;
// FxHash: one lookup per token and rule; SipHash's flood resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

/// The roles a word can play (see the data file's comments for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Role {
    Past,
    Recent,
    Next,
    Current,
    This,
    Yesterday,
    YesterdayNoun,
    First,
    Of,
    TheFirst,
    Day,
    Today,
    Tomorrow,
    TomorrowNoun,
    After,
    OrdinalDay,
    Prayer,
    MonthMarker,
    AmbiguousMonth,
    MonthHead,
    YearMarker,
    IntervalHead,
    Expectation,
    NotFuture,
    Boundary,
    DayPart,
    YearNoun,
    Ago,
    Approx,
    PluralUnit,
    Teen,
    From,
    Days,
    HijriEra,
    Feast,
    FeastEpithet,
    GregorianEra,
    Until,
    ThisDual,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "past" => Role::Past,
            "recent" => Role::Recent,
            "next" => Role::Next,
            "current" => Role::Current,
            "this" => Role::This,
            "yesterday" => Role::Yesterday,
            "yesterday_noun" => Role::YesterdayNoun,
            "first" => Role::First,
            "of" => Role::Of,
            "the_first" => Role::TheFirst,
            "day" => Role::Day,
            "today" => Role::Today,
            "tomorrow" => Role::Tomorrow,
            "tomorrow_noun" => Role::TomorrowNoun,
            "after" => Role::After,
            "ordinal_day" => Role::OrdinalDay,
            "prayer" => Role::Prayer,
            "month_marker" => Role::MonthMarker,
            "ambiguous_month" => Role::AmbiguousMonth,
            "month_head" => Role::MonthHead,
            "year_marker" => Role::YearMarker,
            "interval_head" => Role::IntervalHead,
            "expectation" => Role::Expectation,
            "not_future" => Role::NotFuture,
            "boundary" => Role::Boundary,
            "daypart" => Role::DayPart,
            "year_noun" => Role::YearNoun,
            "ago" => Role::Ago,
            "approx" => Role::Approx,
            "plural_unit" => Role::PluralUnit,
            "teen" => Role::Teen,
            "from" => Role::From,
            "days" => Role::Days,
            "hijri_era" => Role::HijriEra,
            "feast" => Role::Feast,
            "feast_epithet" => Role::FeastEpithet,
            "gregorian_era" => Role::GregorianEra,
            "until" => Role::Until,
            "this_dual" => Role::ThisDual,
            _ => return None,
        })
    }
}

fn parse_unit(s: &str) -> Option<Unit> {
    Some(match s {
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// The roles one word plays in the grammar (see [`TimeWords::roles`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Roles(u64);

impl Roles {
    pub fn has(self, role: Role) -> bool {
        self.0 & (1 << role as u64) != 0
    }
    /// Whether the word plays no part in the grammar at all.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    roles: u64,
    number: Option<u32>,
    unit: Option<Unit>,
    dual: Option<Unit>,
    period: Option<Unit>,
    ordinal: Option<u32>,
    ordinal_bare: Option<u32>,
    tens: Option<u32>,
    hijri_month: Option<u32>,
    feast: Option<usize>,
    season: Option<(u32, u32)>,
}

#[derive(Default)]
pub struct TimeWords {
    words: crate::lang::WordMap<Entry>,
    /// Clitics, longest first.
    pub proclitics: Vec<String>,
    pub conjunctions: Vec<String>,
    pub prepositions: Vec<String>,
    pub articles: Vec<String>,
    pub future_prefixes: Vec<String>,
}

impl TimeWords {
    /// Parses a time-grammar file; rows it does not understand are errors (the data is compiled
    /// in, and a test loads every shipped file).
    pub fn parse(tsv: &str) -> Result<TimeWords, String> {
        let mut t = TimeWords::default();
        let mut words: HashMap<String, Entry> = HashMap::default();
        for (n, line) in tsv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')) {
            let bad = |what: &str| format!("time grammar line {}: {what}", n + 1);
            let mut cols = line.split('\t');
            let (Some(class), Some(value), Some(forms)) = (cols.next(), cols.next(), cols.next()) else {
                return Err(bad("expected class, value and forms"));
            };
            let forms: Vec<String> = forms.split('|').map(|f| fold(f.trim())).filter(|f| !f.is_empty()).collect();
            let list = match class {
                "proclitic" => Some(&mut t.proclitics),
                "conjunction" => Some(&mut t.conjunctions),
                "preposition" => Some(&mut t.prepositions),
                "article" => Some(&mut t.articles),
                "future_prefix" => Some(&mut t.future_prefixes),
                _ => None,
            };
            if let Some(list) = list {
                list.extend(forms);
                crate::sort::by_key(list, |f| std::cmp::Reverse(f.len()));
                continue;
            }
            for form in forms {
                let e = words.entry(form).or_default();
                match class {
                    "number" => e.number = Some(value.parse().map_err(|_| bad("a number"))?),
                    "unit" => e.unit = Some(parse_unit(value).ok_or_else(|| bad("a unit"))?),
                    "dual" => e.dual = Some(parse_unit(value).ok_or_else(|| bad("a unit"))?),
                    "period" => e.period = Some(parse_unit(value).ok_or_else(|| bad("a unit"))?),
                    "ordinal" => e.ordinal = Some(value.parse().map_err(|_| bad("a number"))?),
                    "ordinal_bare" => e.ordinal_bare = Some(value.parse().map_err(|_| bad("a number"))?),
                    "tens" => e.tens = Some(value.parse().map_err(|_| bad("a number"))?),
                    "hijri_month" => e.hijri_month = Some(value.parse().map_err(|_| bad("a month number"))?),
                    "feast_name" => e.feast = Some(value.parse().map_err(|_| bad("a feast index"))?),
                    "season" => {
                        let (a, b) = value.split_once('-').ok_or_else(|| bad("a month range a-b"))?;
                        e.season = Some((a.parse().map_err(|_| bad("a month"))?, b.parse().map_err(|_| bad("a month"))?));
                    }
                    other => e.roles |= 1 << Role::parse(other).ok_or_else(|| bad("an unknown class"))? as u64,
                }
            }
        }
        t.words = words.into();
        Ok(t)
    }

    /// A field of the word's entry (`None` for a word the grammar does not know): the entry
    /// itself is not copied, which cost more than the lookup (the rules ask of every token).
    #[inline]
    fn field<T>(&self, w: &str, f: impl FnOnce(&Entry) -> Option<T>) -> Option<T> {
        self.words.get(w).and_then(f)
    }

    pub fn is(&self, w: &str, role: Role) -> bool {
        self.roles(w).has(role)
    }

    /// Every role the word plays, for rules that ask about one word many times.
    pub fn roles(&self, w: &str) -> Roles {
        Roles(self.words.get(w).map_or(0, |e| e.roles))
    }

    /// Whether the word plays any part in the grammar.
    pub fn knows(&self, w: &str) -> bool {
        self.words.contains_key(w)
    }

    /// A count written as a word.
    pub fn number(&self, w: &str) -> Option<u32> {
        self.field(w, |e| e.number)
    }

    /// A unit noun and the count a dual form carries.
    pub fn unit(&self, w: &str) -> Option<(Unit, Option<u32>)> {
        self.field(w, |e| e.unit.map(|u| (u, None)).or(e.dual.map(|u| (u, Some(2)))))
    }

    /// An ordinal day word with the article (الرابع), or without it (رابع).
    pub fn ordinal(&self, w: &str) -> Option<u32> {
        self.field(w, |e| e.ordinal)
    }
    pub fn ordinal_bare(&self, w: &str) -> Option<u32> {
        self.field(w, |e| e.ordinal_bare)
    }
    /// The tens of a compound ordinal (والعشرين).
    pub fn tens(&self, w: &str) -> Option<u32> {
        self.field(w, |e| e.tens)
    }
    /// A Hijri month written in one word or two: (month, words used).
    pub fn hijri_month(&self, a: &str, b: &str) -> Option<(u32, usize)> {
        if !b.is_empty()
            && let Some(m) = self.words.get(&format!("{a} {b}")).and_then(|e| e.hijri_month)
        {
            return Some((m, 2));
        }
        self.field(a, |e| e.hijri_month).map(|m| (m, 1))
    }
    /// A feast's name (الفطر): its index in the calendar's feast table.
    pub fn feast(&self, w: &str) -> Option<usize> {
        self.field(w, |e| e.feast)
    }
    /// A season as its first and last month.
    pub fn season(&self, w: &str) -> Option<(u32, u32)> {
        self.field(w, |e| e.season)
    }

    /// A period noun (العام, the year) that a qualifier makes relative.
    pub fn period(&self, w: &str) -> Option<Unit> {
        self.field(w, |e| e.period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_errors() {
        assert!(TimeWords::parse("past\t-").is_err());
        assert!(TimeWords::parse("nonsense\t-\tx").is_err());
        assert!(TimeWords::parse("number\tmany\tx").is_err());
    }
}
