//! Other ways Arabic writes a foreign or local place name: the gazetteer lists one spelling, the
//! papers use several. A foreign g is written غ or ج (نيكاراغوا، نيكاراجوا), and a short foreign
//! vowel as a long one or not at all (شانغهاي، شنغهاي; بريزبن، برزبن). Tried only for a place the
//! gazetteer does not know as written, and only towards the fuller spelling: a long vowel left
//! out of a known name is far more often another word (وادي "valley" is not Chad's Ouaddai, ودّاي;
//! باريسي "Parisian" not India's Barshi).

/// The letters a foreign g is written with, each standing for the others.
const G_LETTERS: [char; 2] = ['غ', 'ج'];
/// A foreign name's final a as written (folded: ة is ه), each for the other.
const FINAL_A: [(char, char); 2] = [('ا', 'ه'), ('ه', 'ا')];
/// Long vowels a transliteration writes or leaves out inside a word.
const LONG_VOWELS: [char; 3] = ['ا', 'ي', 'و'];

/// Spellings of a folded name one step from it: every g letter swapped at once, a final a
/// written the other way, and, on each of those, one long vowel written inside the word (not at
/// either end, where it changes the word: a plural, a nisba). The name itself is not among them.
pub fn variants(folded: &str) -> Vec<String> {
    let letters: Vec<char> = folded.chars().collect();
    // A short word one vowel off is another word too often.
    if letters.len() < 5 || folded.contains(' ') || !letters.iter().all(|c| crate::lang::ar::is_letter(*c)) {
        return Vec::new();
    }
    let mut spellings: Vec<Vec<char>> = vec![letters.clone()];
    for (from, to) in [(G_LETTERS[0], G_LETTERS[1]), (G_LETTERS[1], G_LETTERS[0])] {
        if letters.contains(&from) {
            spellings.push(letters.iter().map(|&c| if c == from { to } else { c }).collect());
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut push = |w: Vec<char>| {
        let s: String = w.into_iter().collect();
        if s != folded && !out.contains(&s) {
            out.push(s);
        }
    };
    // A foreign name's final a, written ا or ة (كويتا، كويتة), on each g spelling too.
    for word in spellings.clone() {
        let last = word.len() - 1;
        for (from, to) in FINAL_A {
            if word[last] == from {
                let mut w = word.clone();
                w[last] = to;
                spellings.push(w);
            }
        }
    }
    for word in &spellings {
        push(word.clone());
        // The article and the letter after it are the word's start: no vowel goes before them.
        let first = if word.starts_with(&['ا', 'ل']) { 3 } else { 1 };
        for k in first..word.len() {
            for v in LONG_VOWELS {
                if word[k - 1] != v && word[k] != v {
                    let mut w = word.clone();
                    w.insert(k, v);
                    push(w);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_g_and_a_long_vowel_are_spelled_either_way() {
        assert!(variants("نيكاراجوا").contains(&"نيكاراغوا".to_string()));
        assert!(variants("الاوروجواي").contains(&"الاوروغواي".to_string()));
        assert!(variants("شنغهاي").contains(&"شانغهاي".to_string()));
        assert!(variants("برزبن").contains(&"بريزبن".to_string()));
        assert!(!variants("وادي").contains(&"ودي".to_string()));
        assert!(variants("كويتا").contains(&"كويته".to_string()));
    }

    #[test]
    fn the_ends_of_a_word_and_short_words_stay() {
        // A vowel at the end makes a plural or a nisba: مصر is not مصري.
        assert!(!variants("بغداد").iter().any(|v| v.ends_with(['ي', 'ا'])));
        assert!(!variants("الجنوب").contains(&"الجنوبي".to_string()));
        assert!(variants("مصر").is_empty());
        assert!(variants("نيو يورك").is_empty());
    }
}
