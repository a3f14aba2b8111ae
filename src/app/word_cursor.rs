//! Selecting text with the keyboard in the reading view, a word at a time: the arrow keys move a
//! one-word selection, with Shift they grow or shrink it at its end. Pure, so that it is tested
//! natively; the reading view turns the spans into a DOM selection.

use crate::Span;

/// The words of a text as byte spans: runs between white space, without the punctuation at their
/// ends (quotes, brackets, commas), so that a selection covers a name and not «its quotes».
pub fn words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                if let Some(w) = trimmed(text, Span::new(s, i)) {
                    out.push(w);
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn trimmed(text: &str, s: Span) -> Option<Span> {
    let t = &text[s.start..s.end];
    let keep = |c: char| c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}';
    let lead = t.len() - t.trim_start_matches(|c: char| !keep(c)).len();
    let trail = t.len() - t.trim_end_matches(|c: char| !keep(c)).len();
    (lead + trail < t.len()).then(|| Span::new(s.start + lead, s.end - trail))
}

/// The next word after the selection (`forward`), or the one before it; with nothing selected,
/// the first word at or after `from`. None when the text has no word.
pub fn step(text: &str, current: Option<Span>, from: usize, forward: bool) -> Option<Span> {
    let all = words(text);
    let Some(cur) = current else {
        return all.iter().find(|w| w.end > from).or(all.last()).copied();
    };
    let next = if forward { all.iter().find(|w| w.start >= cur.end) } else { all.iter().rev().find(|w| w.end <= cur.start) };
    // at either end of the text the selection stays where it is
    next.copied().or_else(|| all.iter().find(|w| w.start >= cur.start).copied())
}

/// The selection grown by the next word (`forward`) or shrunk by its last word (never below one word).
pub fn extend(text: &str, current: Span, forward: bool) -> Span {
    let all = words(text);
    if forward {
        return all.iter().find(|w| w.start >= current.end).map_or(current, |w| Span::new(current.start, w.end));
    }
    let inside: Vec<&Span> = all.iter().filter(|w| w.start >= current.start && w.end <= current.end).collect();
    match inside.len() {
        0 | 1 => current,
        n => Span::new(current.start, inside[n - 2].end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(text: &'a str, s: Option<Span>) -> &'a str {
        s.map_or("", |s| &text[s.start..s.end])
    }

    #[test]
    fn words_leave_punctuation_out() {
        let t = "The «World Bank», which said: \"yes.\" —";
        let w: Vec<&str> = words(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(w, vec!["The", "World", "Bank", "which", "said", "yes"]);
        assert!(words("").is_empty() && words(" — , ").is_empty());
    }

    #[test]
    fn arrows_move_a_word_and_shift_grows_or_shrinks_it() {
        let t = "وذكر البنك الدولي، في بيان أن";
        let first = step(t, None, 0, true);
        assert_eq!(at(t, first), "وذكر");
        let second = step(t, first, 0, true);
        assert_eq!(at(t, second), "البنك");
        let grown = extend(t, second.unwrap(), true);
        assert_eq!(at(t, Some(grown)), "البنك الدولي");
        let grown = extend(t, grown, true);
        assert_eq!(at(t, Some(grown)), "البنك الدولي، في");
        assert_eq!(at(t, Some(extend(t, grown, false))), "البنك الدولي");
        // back from the second word, and never past either end
        assert_eq!(at(t, step(t, second, 0, false)), "وذكر");
        assert_eq!(at(t, step(t, first, 0, false)), "وذكر");
        let last = step(t, None, t.len() - 1, true);
        assert_eq!(at(t, step(t, last, 0, true)), "أن");
        // a single word does not shrink away
        assert_eq!(extend(t, first.unwrap(), false), first.unwrap());
        // starting from a position: the word there
        let from = t.find("بيان").unwrap() + 2;
        assert_eq!(at(t, step(t, None, from, true)), "بيان");
        assert_eq!(step("", None, 0, true), None);
    }
}
