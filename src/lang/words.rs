//! Word lists by class, the one loader every pack uses: `data/lang/<code>/words.tsv` holds lines
//! `form<TAB>class[<TAB>...]` (a form in several classes takes several lines; `#` starts a
//! comment; further columns are ignored). Rules ask "is this word of that class" and never spell
//! words themselves.

// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

/// One class of a pack's word list: its position in the pack's class names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClass(pub u8);

/// A pack's classed words, normalised the way its rules see tokens.
#[derive(Debug, Default)]
pub struct WordClasses {
    classes_of: HashMap<String, u128>,
    /// Each class's forms in file order, for the rules that scan a class (suffixes).
    lists: Vec<Vec<String>>,
    /// One bit per (form, class) pair, set for every pair of the file (see [`filter_bit`]): rules
    /// ask about every token, which is in none or other classes far more often than in the one
    /// asked, and a clear bit answers that without hashing the word into the map.
    filter: Vec<u64>,
}

/// Bits of [`WordClasses::filter`]: 16 kB, so that the few thousand pairs of a pack leave all
/// but a few per cent of the bits clear.
const FILTER_BITS: u32 = 17;

/// The bit of (word, class) in the filter (see [`quick_hash`]).
#[inline]
fn filter_bit(word: &str, class: WordClass) -> usize {
    (quick_hash(word, class.0) >> (64 - FILTER_BITS)) as usize
}

/// A hash of `word` and `salt` from the word's length and its first and last eight (or four) bytes, a few
/// instructions where hashing the whole word into a map costs tens: words that share them only
/// share bits of the filters, which send them on to the map.
#[inline]
fn quick_hash(word: &str, salt: u8) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = word.as_bytes();
    let n = b.len();
    let (head, tail) = if n >= 8 {
        (u64::from_le_bytes(b[..8].try_into().expect("8 bytes")), u64::from_le_bytes(b[n - 8..].try_into().expect("8 bytes")))
    } else if n >= 4 {
        // Two overlapping loads cover every byte: most Arabic words are two to three letters.
        let (first, last) = (u32::from_le_bytes(b[..4].try_into().expect("4 bytes")), u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes")));
        ((first as u64) << 32 | last as u64, 0)
    } else {
        (b.iter().fold(0u64, |x, &c| x << 8 | c as u64), 0)
    };
    // One multiply: the filters take the product's top bits, which every bit of its input moves.
    (head ^ tail.rotate_left(29) ^ (n as u64) << 56 ^ salt as u64).wrapping_mul(K)
}

/// A map from words to values for lookups that mostly miss (every token asked whether it is a
/// given name, a title, a reporting verb ...): a bit filter over the keys, 16 bits per key,
/// answers most misses before the word is hashed into the map.
#[derive(Debug)]
pub struct WordMap<V> {
    map: HashMap<String, V>,
    filter: Vec<u64>,
    /// log2 of the filter's bits.
    bits: u32,
}

impl<V> WordMap<V> {
    /// Inlined natively, as [`WordClasses::is`]: a miss costs no call.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn get(&self, word: &str) -> Option<&V> {
        if self.may_hold(word) { self.in_map(word) } else { None }
    }

    #[inline(never)]
    fn in_map(&self, word: &str) -> Option<&V> {
        self.map.get(word)
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let bit = (quick_hash(word, 0) >> (64 - self.bits)) as usize;
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }
}

impl<V> From<HashMap<String, V>> for WordMap<V> {
    fn from(map: HashMap<String, V>) -> WordMap<V> {
        let bits = (map.len() * 16).next_power_of_two().max(64).trailing_zeros();
        let mut filter = vec![0u64; 1 << (bits - 6)];
        for word in map.keys() {
            let bit = (quick_hash(word, 0) >> (64 - bits)) as usize;
            filter[bit / 64] |= 1 << (bit % 64);
        }
        WordMap { map, filter, bits }
    }
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> WordMap<V> {
        iter.into_iter().collect::<HashMap<String, V>>().into()
    }
}

impl<V> Default for WordMap<V> {
    fn default() -> WordMap<V> {
        HashMap::default().into()
    }
}

impl WordClasses {
    /// Parses a words file. `class_names[k]` is the class `WordClass(k)`; a class not named there
    /// is an error, so that a typo cannot silently drop words.
    pub fn parse(src: &str, class_names: &[&str], normalize: fn(&str) -> String) -> Result<WordClasses, String> {
        assert!(class_names.len() <= 128, "at most 128 word classes per pack");
        let mut out = WordClasses { classes_of: HashMap::default(), lists: vec![Vec::new(); class_names.len()], filter: vec![0; 1 << (FILTER_BITS - 6)] };
        for (n, line) in src.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            // Columns after the class (a lemma, a feature) are for the tools that generate the file.
            let mut cols = line.split('\t');
            let (Some(form), Some(class)) = (cols.next(), cols.next()) else { return Err(format!("line {}: expected form<TAB>class", n + 1)) };
            let k = class_names.iter().position(|c| *c == class.trim()).ok_or_else(|| format!("line {}: unknown class {:?}", n + 1, class.trim()))?;
            let form = normalize(form.trim());
            *out.classes_of.entry(form.clone()).or_default() |= 1u128 << k;
            let bit = filter_bit(&form, WordClass(k as u8));
            out.filter[bit / 64] |= 1 << (bit % 64);
            out.lists[k].push(form);
        }
        Ok(out)
    }

    /// Inlined where rules ask (natively: the browser's build is kept small), so that the usual
    /// answer (no) costs no call: only the filter's test is, the map lookup behind it is not.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        let bit = filter_bit(word, class);
        // An empty filter (a default, unparsed list) knows nothing: ask the map.
        if self.filter.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) == 0) {
            return false;
        }
        self.in_map(word, class)
    }

    /// Every class of `word` as a bit set (bit k: `WordClass(k)`): one lookup for a rule that asks
    /// a word about several classes, where each [`WordClasses::is`] hashes it again.
    pub fn classes(&self, word: &str) -> u128 {
        self.classes_of.get(word).copied().unwrap_or(0)
    }

    #[inline(never)]
    fn in_map(&self, word: &str, class: WordClass) -> bool {
        self.classes_of.get(word).is_some_and(|bits| bits & (1u128 << class.0) != 0)
    }

    /// Every form of a class, in file order.
    pub fn list(&self, class: WordClass) -> &[String] {
        &self.lists[class.0 as usize]
    }
}

/// Declares a pack's word classes: a `WordClass` constant per class and `CLASS_NAMES`, the names
/// its words file uses, in the same order.
macro_rules! word_classes {
    ($($name:ident = $text:literal),* $(,)?) => {
        pub const CLASS_NAMES: &[&str] = &[$($text),*];
        $crate::lang::word_classes!(@next 0u8, $($name)*);
    };
    (@next $n:expr, $name:ident $($rest:ident)*) => {
        pub const $name: $crate::lang::WordClass = $crate::lang::WordClass($n);
        $crate::lang::word_classes!(@next $n + 1u8, $($rest)*);
    };
    (@next $n:expr,) => {};
}
pub(crate) use word_classes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_maps_find_every_key_and_nothing_else() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}")).chain(["", "a", "الرييس", "long words share their ends"].map(String::from)).collect();
        let m: WordMap<usize> = words.iter().cloned().zip(0..).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(&i), "{w}");
        }
        assert!(!m.contains_key("w500") && !m.contains_key("b") && !m.contains_key("long words share the ends"));
        assert!(!WordMap::<()>::default().contains_key(""));
    }

    #[test]
    fn classes_by_name_and_several_per_form() {
        let w = WordClasses::parse("# c\nsaid\tsay\tsay\tpast\nwarned\tsay\nwarned\ttell\n", &["say", "tell"], str::to_string).unwrap();
        assert!(w.is("said", WordClass(0)) && !w.is("said", WordClass(1)));
        assert!(w.is("warned", WordClass(0)) && w.is("warned", WordClass(1)));
        assert_eq!(w.list(WordClass(0)), ["said", "warned"]);
        assert!(WordClasses::parse("x\tsya\n", &["say"], str::to_string).unwrap_err().contains("unknown class"));
    }
}
