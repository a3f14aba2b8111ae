//! Invariants every Analysis must hold, whatever the input: checked by the property tests, the
//! long fuzz run and the benchmark's corpus pass, so that a violation names itself precisely.

use crate::{Analysis, Span};
use std::collections::HashSet;

/// Returns the first broken invariant, described for a human.
pub fn validate(text: &str, an: &Analysis) -> Result<(), String> {
    let span_ok = |what: &str, s: Span| -> Result<(), String> {
        if s.start > s.end || s.end > text.len() {
            return Err(format!("{what} {s:?} is outside the text (len {})", text.len()));
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            return Err(format!("{what} {s:?} is not on character boundaries"));
        }
        Ok(())
    };
    let mut ids = HashSet::new();
    for e in &an.entities {
        if !ids.insert(e.id.as_str()) {
            return Err(format!("entity id {} is not unique", e.id));
        }
        if e.mentions.is_empty() {
            return Err(format!("entity {} has no mention", e.id));
        }
        for (i, m) in e.mentions.iter().enumerate() {
            span_ok(&format!("entity {} mention", e.id), *m)?;
            if m.is_empty() {
                return Err(format!("entity {} has an empty mention", e.id));
            }
            if i > 0 && e.mentions[i - 1].start > m.start {
                return Err(format!("entity {} mentions are not in text order", e.id));
            }
        }
        if let Some(g) = &e.geo {
            if !(-90.0..=90.0).contains(&g.lat) || !(-180.0..=180.0).contains(&g.lon) {
                return Err(format!("entity {} has coordinates out of range", e.id));
            }
        }
    }
    for (i, s) in an.statements.iter().enumerate() {
        span_ok(&format!("statement {i} content"), s.content)?;
        if s.content.is_empty() {
            return Err(format!("statement {i} has empty content"));
        }
        if !s.content_parts.is_empty() {
            for p in &s.content_parts {
                span_ok(&format!("statement {i} content part"), *p)?;
            }
            let ordered = s.content_parts.windows(2).all(|w| !w[0].is_empty() && w[0].end <= w[1].start);
            let (first, last) = (s.content_parts[0], s.content_parts[s.content_parts.len() - 1]);
            if s.content_parts.len() < 2 || !ordered || first.start != s.content.start || last.end != s.content.end {
                return Err(format!("statement {i} content_parts are not two or more ordered parts spanning its content"));
            }
        }
        if let Some(sp) = s.speaker_span {
            span_ok(&format!("statement {i} speaker_span"), sp)?;
        }
        if let Some(c) = s.cue {
            span_ok(&format!("statement {i} cue"), c)?;
        }
        if let Some(id) = &s.speaker {
            if !ids.contains(id.as_str()) {
                return Err(format!("statement {i} speaker {id} is not an entity"));
            }
        }
        if let Some(d) = &s.date {
            if !is_iso_day(d) {
                return Err(format!("statement {i} date {d:?} is not YYYY-MM-DD"));
            }
        }
    }
    for t in &an.times {
        span_ok("time", t.span())?;
        if !is_time_value(&t.value) {
            return Err(format!("time value {:?} is not ISO", t.value));
        }
    }
    if let Some(d) = &an.date {
        if !is_iso_day(d) {
            return Err(format!("reference date {d:?} is not YYYY-MM-DD"));
        }
    }
    Ok(())
}

fn is_iso_day(s: &str) -> bool {
    s.len() == 10 && crate::parse_ymd(s).is_some()
}

/// YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, or two of those joined by '/'.
pub fn is_time_value(s: &str) -> bool {
    match s.split_once('/') {
        Some((a, b)) => is_point(a) && is_point(b),
        None => is_point(s),
    }
}

fn is_point(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        4 => digits(s),
        7 => digits(&s[..4]) && &s[4..5] == "-" && s[5..].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
        8 => digits(&s[..4]) && &s[4..6] == "-W" && s[6..].parse::<u32>().is_ok_and(|w| (1..=53).contains(&w)),
        10 => is_iso_day(s),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_values() {
        for ok in ["2015", "2015-11", "2015-W48", "2015-11-17", "2015-10-01/2015-11-18"] {
            assert!(is_time_value(ok), "{ok}");
        }
        for bad in ["", "15", "2015-13", "2015-W60", "2015-02-30", "2015-11-17/", "yesterday"] {
            assert!(!is_time_value(bad), "{bad}");
        }
    }
}
