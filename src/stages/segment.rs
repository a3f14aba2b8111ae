//! Tokens, sentences and paragraphs over the folded text, each carrying original byte spans.

use super::normalize::Folded;
use crate::{Lang, Span};

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the folded text.
    pub fstart: usize,
    pub fend: usize,
    /// Byte range in the original text.
    pub span: Span,
    pub is_word: bool,
    /// Index of the sentence holding this token.
    pub sentence: usize,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    /// Range into `Doc::tokens`.
    pub tokens: std::ops::Range<usize>,
    pub paragraph: usize,
}

/// A document ready for the extraction stages: original text, folded text, tokens, sentences.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub lang: Lang,
    pub folded: Folded,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Span>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, lang: Lang) -> Doc<'a> {
        let folded = Folded::new(text);
        let (tokens, sentences, paragraphs) = segment(text, &folded, lang);
        Doc { text, lang, folded, tokens, sentences, paragraphs }
    }

    /// The folded text of a token.
    pub fn ftok(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.folded.text[t.fstart..t.fend]
    }

    /// The original text of a token.
    pub fn otok(&self, i: usize) -> &'a str {
        self.tokens[i].span.slice(self.text)
    }

    pub fn sentence_of_offset(&self, orig_byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= orig_byte);
        (i < self.sentences.len()).then_some(i)
    }

    /// Index of the first token starting at or after an original byte offset.
    pub fn token_at_or_after(&self, orig_byte: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < orig_byte)
    }
}

/// A character that belongs inside a word token.
pub fn is_word_char(c: char) -> bool {
    // Fast paths first: Unicode's alphabetic table lookup dominated segmentation time on Arabic.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{065F}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06F0}'..='\u{06F9}' => true,
        c if c.is_ascii() => false,
        '\u{0600}'..='\u{06FF}' => matches!(c, '\u{0670}' | '\u{06D5}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}'),
        c => c.is_alphanumeric(),
    }
}

fn segment(text: &str, folded: &Folded, lang: Lang) -> (Vec<Token>, Vec<Sentence>, Vec<Span>) {
    let f = folded.text.as_str();
    let pack = lang.pack();
    let mut tokens: Vec<Token> = Vec::new();
    let mut chars = f.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        let is_word = is_word_char(c);
        // Two apostrophes or backticks in a row are one quotation mark ('' … '', `` … '').
        if matches!(c, '\'' | '`') && chars.peek().is_some_and(|&(_, d)| d == c) {
            chars.next();
            end += 1;
        }
        if is_word {
            while let Some(&(j, d)) = chars.peek() {
                // Keep word-internal apostrophes and periods of numbers (O'Brien, 3.5) in the token.
                let joins = if is_word_char(d) {
                    true
                } else if d == '\'' || d == '.' || d == ',' {
                    let next = f[j + d.len_utf8()..].chars().next();
                    let prev_digit = f[..j].chars().next_back().is_some_and(|p| p.is_ascii_digit());
                    match (d, next) {
                        ('\'', Some(n)) => n.is_alphabetic() && pack.apostrophe_joins(&f[j + 1..]),
                        ('.' | ',', Some(n)) => prev_digit && n.is_ascii_digit(),
                        _ => false,
                    }
                } else {
                    false
                };
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        tokens.push(Token { fstart: i, fend: end, span: folded.orig_span(i, end), is_word, sentence: 0 });
    }

    // Paragraphs: split at blank lines or single newlines (news pastes use one line per paragraph).
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            if !text[start..i].trim().is_empty() {
                paragraphs.push(trim_span(text, start, i));
            }
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        paragraphs.push(trim_span(text, start, text.len()));
    }

    let mut sentences = Vec::new();
    let mut first = 0;
    let mut para = 0;
    for i in 0..tokens.len() {
        while para + 1 < paragraphs.len() && tokens[i].span.start >= paragraphs[para].end {
            para += 1;
        }
        let tok = &f[tokens[i].fstart..tokens[i].fend];
        let next_para = tokens.get(i + 1).is_some_and(|n| n.span.start >= paragraphs.get(para).map_or(usize::MAX, |p| p.end));
        let ends = next_para
            || match tok {
                "؟" | "?" | "!" => true,
                "." => !is_abbreviation(text, f, &tokens, i),
                _ => false,
            };
        if ends || i + 1 == tokens.len() {
            // Closing quotes and brackets that follow the terminator belong to this sentence.
            let mut last = i;
            while !next_para && last + 1 < tokens.len() && matches!(&f[tokens[last + 1].fstart..tokens[last + 1].fend], "»" | "\"" | "”" | ")" | "'" | "''")
            {
                last += 1;
            }
            if last < first {
                continue;
            }
            for t in &mut tokens[first..=last] {
                t.sentence = sentences.len();
            }
            sentences.push(Sentence { span: Span::new(tokens[first].span.start, tokens[last].span.end), tokens: first..last + 1, paragraph: para });
            first = last + 1;
        }
    }
    // Tokens absorbed by a closing-quote look-ahead were assigned already; the loop above never
    // leaves a tail because the last token always closes a sentence.
    (tokens, sentences, paragraphs)
}

fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(start + lead, end - trail)
}

/// A period after a single capital, an abbreviation of any pack (texts quote other languages),
/// or inside an acronym (U.S.) ends no sentence.
fn is_abbreviation(text: &str, f: &str, tokens: &[Token], dot: usize) -> bool {
    if dot == 0 {
        return false;
    }
    let prev = &tokens[dot - 1];
    if prev.fend != tokens[dot].fstart || !prev.is_word {
        return false;
    }
    let w = &f[prev.fstart..prev.fend];
    let next_lower = tokens.get(dot + 1).is_some_and(|n| text[n.span.start..].chars().next().is_some_and(|c| c.is_lowercase()));
    // 2015م. and 2015 م.: a letter after a number is a unit (here the year's), not a title.
    let after_number = f[..prev.fstart].ends_with(|c: char| c.is_ascii_digit())
        || dot >= 2 && {
            let before = &tokens[dot - 2];
            f[before.fend..prev.fstart].trim().is_empty() && f[before.fstart..before.fend].chars().all(|c| c.is_ascii_digit())
        };
    w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic() && c.is_ascii())
        || crate::lang::PACKS.iter().any(|p| p.is_abbreviation(w)) && !(after_number && w.chars().count() == 1)
        || next_lower && w.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(doc: &Doc) -> Vec<String> {
        (0..doc.tokens.len()).map(|i| doc.otok(i).to_string()).collect()
    }

    #[test]
    fn arabic_punctuation_splits_tokens_and_sentences() {
        let doc = Doc::new("قال الوزير، إن الوضع صعب. وأضاف: «لا»؟ نعم", Lang::Ar);
        assert_eq!(words(&doc), ["قال", "الوزير", "،", "إن", "الوضع", "صعب", ".", "وأضاف", ":", "«", "لا", "»", "؟", "نعم"]);
        assert_eq!(doc.sentences.len(), 3);
    }

    #[test]
    fn titles_and_acronyms_do_not_end_sentences() {
        let doc = Doc::new("Mr. Smith went to the U.S. on Monday. He said 3.5 percent.", Lang::En);
        assert_eq!(doc.sentences.len(), 2);
        assert!(words(&doc).contains(&"3.5".to_string()));
    }

    #[test]
    fn possessive_s_is_its_own_token() {
        let doc = Doc::new("Sudan's army and O'Brien", Lang::En);
        assert_eq!(words(&doc), ["Sudan", "'", "s", "army", "and", "O'Brien"]);
    }

    #[test]
    fn arabic_title_abbreviations_end_no_sentence_but_a_year_does() {
        let doc = Doc::new("وقال د. محمد العلي إن العمل مستمر. وقال أ.د. سعد إنه جاهز. وافتتح عام 2015م. ثم غادر.", Lang::Ar);
        assert_eq!(doc.sentences.len(), 4);
    }

    #[test]
    fn paragraphs_close_sentences() {
        let doc = Doc::new("First line without stop\nSecond line", Lang::En);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences.len(), 2);
    }

    #[test]
    fn empty_and_whitespace_text() {
        assert!(Doc::new("", Lang::Ar).tokens.is_empty());
        assert!(Doc::new(" \n\n ", Lang::En).sentences.is_empty());
    }
}
