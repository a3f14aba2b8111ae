//! Folding for matching: one folded string per document plus a byte map back to the original,
//! so that every later stage can match on folded text and still report exact original offsets.

/// The folded text and, for each folded byte (plus one past the end), the original byte offset.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    to_orig: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut to_orig = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        for (pos, ch) in original.char_indices() {
            let mut push = |c: char, text: &mut String, to_orig: &mut Vec<u32>| {
                let s = c.encode_utf8(&mut buf);
                text.push_str(s);
                to_orig.extend(std::iter::repeat_n(pos as u32, s.len()));
            };
            match fold_char(ch) {
                Fold::Drop => {}
                Fold::One(c) => push(c, &mut text, &mut to_orig),
                Fold::Lower => {
                    for c in ch.to_lowercase() {
                        push(c, &mut text, &mut to_orig);
                    }
                }
            }
        }
        to_orig.push(original.len() as u32);
        Folded { text, to_orig }
    }

    /// Original byte offset of a folded byte offset (a start, or an end: the end of a span maps to
    /// the start of the next kept character, so dropped marks after a word stay with that word).
    pub fn orig(&self, folded_byte: usize) -> usize {
        self.to_orig[folded_byte.min(self.to_orig.len() - 1)] as usize
    }

    pub fn orig_span(&self, start: usize, end: usize) -> crate::Span {
        crate::Span::new(self.orig(start), self.orig(end))
    }

    /// Folded byte offset of an original byte offset (first folded byte at or after it).
    pub fn folded(&self, orig_byte: usize) -> usize {
        self.to_orig.partition_point(|&o| (o as usize) < orig_byte)
    }
}

#[derive(Debug, PartialEq)]
enum Fold {
    Drop,
    One(char),
    Lower,
}

/// Most characters of a document are ASCII or plain Arabic letters, which fold to themselves (or
/// lower-case): answered inline before the full table, which tests them range by range.
#[inline(always)]
fn fold_char(ch: char) -> Fold {
    if ch.is_ascii() && ch != '`' {
        return if ch.is_ascii_uppercase() { Fold::Lower } else { Fold::One(ch) };
    }
    if ('\u{0621}'..='\u{064A}').contains(&ch) && !matches!(ch, '\u{0622}'..='\u{0626}' | '\u{0629}' | '\u{0640}' | '\u{0649}') {
        return Fold::One(ch);
    }
    fold_other(ch)
}

#[inline(never)]
fn fold_other(ch: char) -> Fold {
    match ch {
        // Arabic harakat, tanween, shadda, sukun, superscript alef, Quranic marks; tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => Fold::Drop,
        // Bidi controls, zero-width characters, soft hyphen, BOM: invisible, never part of a word.
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{00AD}' | '\u{FEFF}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::One('ا'),
        'ى' | 'ئ' | 'ی' => Fold::One('ي'),
        'ة' => Fold::One('ه'),
        'ؤ' => Fold::One('و'),
        'ک' => Fold::One('ك'),
        '\u{0660}'..='\u{0669}' => Fold::One(char::from(b'0' + (ch as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Fold::One(char::from(b'0' + (ch as u32 - 0x06F0) as u8)),
        // Typographic quotes and dashes fold to one form each, so rules need only one spelling.
        '’' | '‘' | '`' | '´' => Fold::One('\''),
        '–' | '—' | '‐' | '‑' | '−' => Fold::One('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fold::One(' '),
        // The Arabic block has no case: answered here, before Unicode's case tables, which cost
        // tens of instructions for every letter of an Arabic document.
        '\u{0600}'..='\u{06FF}' => Fold::One(ch),
        c if c.is_uppercase() => Fold::Lower,
        c => Fold::One(c),
    }
}

/// Whether `s` has a character of the Arabic block: a name already written in Arabic script.
pub fn has_arabic_script(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Fold a short string (a lexicon entry, a query) the same way as document text, without the
/// byte map (start-up folds thousands of names).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match fold_char(ch) {
            Fold::Drop => {}
            Fold::One(c) => out.push(c),
            Fold::Lower => out.extend(ch.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_answers_agree_with_the_table() {
        for ch in ('\0'..='\u{FFFF}').chain(['\u{1F600}', '\u{10FFFF}']) {
            assert_eq!(fold_char(ch), fold_other(ch), "{:?}", ch);
        }
    }

    #[test]
    fn arabic_letters_fold_and_marks_drop() {
        let f = Folded::new("أحمدُ إلى مدرسةٍ");
        assert_eq!(f.text, "احمد الي مدرسه");
    }

    #[test]
    fn offsets_map_back_exactly() {
        let src = "قالَ الرئيسُ: «نعم»";
        let f = Folded::new(src);
        let start = f.text.find("الرييس").unwrap();
        let span = f.orig_span(start, start + "الرييس".len());
        assert_eq!(span.slice(src), "الرئيسُ");
    }

    #[test]
    fn fold_is_the_text_of_folded() {
        for s in ["أحمدُ إلى مدرسةٍ", "İstanbul ΣΊΣΥΦΟΣ", "\u{200F}ـــ٢٠١٥ “Putin” — x", ""] {
            assert_eq!(fold(s), Folded::new(s).text, "{s}");
        }
    }

    #[test]
    fn the_arabic_block_has_no_case() {
        assert!(('\u{0600}'..='\u{06FF}').all(|c| !c.is_uppercase() && c.to_lowercase().eq([c])));
    }

    #[test]
    fn eastern_digits_become_ascii_and_case_folds() {
        assert_eq!(fold("٢٠١٥ ۱۲ Putin"), "2015 12 putin");
    }

    #[test]
    fn folded_span_covers_trailing_marks() {
        let src = "بوتينَ قال";
        let f = Folded::new(src);
        let end = f.text.find(' ').unwrap();
        let span = f.orig_span(0, end);
        assert_eq!(span.slice(src), "بوتينَ");
    }

    #[test]
    fn folded_offset_of_original() {
        let src = "aَb";
        let f = Folded::new(src);
        assert_eq!(f.folded(0), 0);
        assert_eq!(f.folded(src.len()), f.text.len());
    }
}
