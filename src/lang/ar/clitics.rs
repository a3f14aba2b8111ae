//! Arabic proclitics, the one place that spells them: the conjunctions و ف, the prepositions ب ل ك
//! and the article ال (after ل written لل). Callers say which clitics to peel and how many letters
//! must remain, so that a short word (ولد، فيه) is not taken for a clitic and a stem. Every form is
//! folded (see `stages::normalize`).

/// The conjunction "and".
pub const WA: char = 'و';
/// The preposition "to, for" (لوزارة، للرئيس).
pub const LI: char = 'ل';
/// The preposition "with, by" (بالجماعات).
pub const BI: char = 'ب';
/// The conjunctions و and ف.
pub const CONJUNCTIONS: &[char] = &[WA, 'ف'];
/// The prepositions ب ل ك.
pub const PREPOSITIONS: &[char] = &[BI, LI, 'ك'];
/// The prepositions ب and ل (ك rarely governs a name).
pub const BI_LI: &[char] = &[BI, LI];
/// The definite article.
pub const ARTICLE: &str = "ال";
/// ل + ال: the article's alef drops after ل (للرئيس).
pub const LI_ARTICLE: &str = "لل";

/// ب + أن (بأن، بأنه): a complementiser, not a preposition on a noun.
pub const BI_ANNA: &str = "بان";

/// Peels one of `clitics` off the front of `w` when at least `min_rest` letters remain after it:
/// the bytes peeled (0 when none) and the rest.
// Asked of nearly every token by many rules (some 30 times a token): a word opening with a
// two-byte letter (Arabic) is answered inline from its first two bytes, without decoding chars
// or a call; everything else goes to `peel_any`.
#[inline(always)]
pub fn peel<'w>(w: &'w str, clitics: &[char], min_rest: usize) -> (usize, &'w str) {
    let b = w.as_bytes();
    if b.len() >= 2 && b[0] & 0xE0 == 0xC0 {
        let c = ((b[0] as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F);
        if !clitics.iter().any(|&k| k as u32 == c) {
            return (0, w);
        }
        let rest = &w[2..];
        return if has_letters(rest, min_rest) { (2, rest) } else { (0, w) };
    }
    peel_any(w, clitics, min_rest)
}

/// Whether `s` has at least `n` letters: at most four bytes a letter, so a long enough `s` has
/// them without counting; else the bytes that start a letter are counted.
#[inline(always)]
fn has_letters(s: &str, n: usize) -> bool {
    n == 0 || s.len() >= 4 * n || s.bytes().filter(|&b| (b as i8) >= -0x40).count() >= n
}

// Decoding the first letter and comparing chars: `strip_prefix` with a char only known at run
// time goes through memcmp, which cost a fifth of Arabic analysis time.
#[inline(never)]
fn peel_any<'w>(w: &'w str, clitics: &[char], min_rest: usize) -> (usize, &'w str) {
    match w.chars().next() {
        Some(c) if clitics.contains(&c) => {
            let rest = &w[c.len_utf8()..];
            // `nth` stops after `min_rest` letters where `count` would walk the whole word.
            if min_rest == 0 || rest.chars().nth(min_rest - 1).is_some() { (c.len_utf8(), rest) } else { (0, w) }
        }
        _ => (0, w),
    }
}

/// Whether a word as written opens with أل or إل: a foreign name (إليزابيث, ألفارو), not the
/// article, though folded (أ → ا) it looks definite.
pub fn hamza_alif_lam(written: &str) -> bool {
    written.starts_with("أل") || written.starts_with("إل")
}

/// `w` without a leading و (whatever remains).
#[inline]
pub fn without_wa(w: &str) -> &str {
    peel(w, &[WA], 0).1
}

/// Peels a written prefix (the article, لل) when at least `min_rest` letters remain.
#[inline]
pub fn peel_str<'w>(w: &'w str, prefix: &str, min_rest: usize) -> (usize, &'w str) {
    match w.strip_prefix(prefix) {
        Some(rest) if has_letters(rest, min_rest) => (prefix.len(), rest),
        _ => (0, w),
    }
}

/// `w` without its article (whatever remains).
pub fn without_article(w: &str) -> &str {
    peel_str(w, ARTICLE, 0).1
}

#[inline]
pub fn has_article(w: &str) -> bool {
    w.starts_with(ARTICLE)
}

/// A preposition written on a definite word: بال، كال، لل.
pub fn has_preposition_and_article(w: &str) -> bool {
    w.starts_with(LI_ARTICLE) || [BI, 'ك'].iter().any(|&p| w.strip_prefix(p).is_some_and(has_article))
}

/// The proclitics a name may carry inside its token: و ف then ب ل ك, each optional.
pub fn is_proclitic_sequence(p: &str) -> bool {
    let (_, rest) = peel(p, CONJUNCTIONS, 0);
    peel(rest, PREPOSITIONS, 0).1.is_empty()
}

/// `w` without a conjunction and a ب/ل preposition, each peeled only when three letters remain.
pub fn strip_proclitics(w: &str) -> &str {
    peel(peel(w, CONJUNCTIONS, 3).1, BI_LI, 3).1
}

/// A word without its proclitics and article: و/ف, then ب/ل/ك before ال (or لل), then ال.
pub fn stem(w: &str) -> &str {
    let s = peel(w, CONJUNCTIONS, 3).1;
    if let (n, r) = peel_str(s, LI_ARTICLE, 2)
        && n > 0
    {
        return r;
    }
    let s = match peel(s, PREPOSITIONS, 0) {
        (n, r) if n > 0 && has_article(r) => r,
        _ => s,
    };
    peel_str(s, ARTICLE, 2).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeling_respects_what_remains() {
        assert_eq!(peel("وبروسيا", CONJUNCTIONS, 3), ("و".len(), "بروسيا"));
        assert_eq!(peel("ولد", CONJUNCTIONS, 3), (0, "ولد"));
        assert_eq!(stem("وبالجيش"), "جيش");
        assert_eq!(stem("للرييس"), "رييس");
        assert_eq!(strip_proclitics("وبلندن"), "لندن");
        assert!(is_proclitic_sequence("") && is_proclitic_sequence("وب") && !is_proclitic_sequence("بو") && !is_proclitic_sequence("لل"));
        assert!(has_preposition_and_article("بالجماعات") && has_preposition_and_article("للرييس") && !has_preposition_and_article("لالة"));
    }
}
