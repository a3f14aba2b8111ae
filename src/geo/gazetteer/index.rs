//! The shipped form of the index (`data/gazetteer.idx.z`, inflated): columns of text.

use super::*;

/// Columns of the places block and of the names block.
const PLACE_COLS: usize = 7;
const NAME_COLS: usize = 8;
/// Marks a run in a column: `RUN` and a count after a value stand for that many more copies of it.
const RUN: u8 = 0x1d;
/// The columns written with runs (by their block's order: places then names): kind, country,
/// English and Arabic names; flags, caps, `en_of`, languages, `ar_of`. Most of their values repeat
/// the one before (the flags column is 142 runs of 64,419 values): runs make the inflated index a
/// third smaller, so a third less to inflate and split at start-up, and its deflated form smaller.
const RUN_COLS: [usize; 9] = [0, 1, 5, 6, PLACE_COLS + 2, PLACE_COLS + 3, PLACE_COLS + 5, PLACE_COLS + 6, PLACE_COLS + 7];
/// The shortest run written as one (two copies are shorter as they are).
const MIN_RUN: usize = 3;

impl Gazetteer {
    /// The shipped form: blocks separated by U+001E. First the language codes, tab-separated, in
    /// the order of the bits of the names' language masks; then columns of newline-separated
    /// values. Places: kind, country, lat, lon (hundredths of a degree, each the difference from
    /// the previous place's: places are sorted by country and position, so these are small),
    /// population, English name (empty when a name below spells it, see the `en_of` column),
    /// Arabic display name (empty when a name below spells it, see `ar_of`). Names, sorted by
    /// folded name: the bytes shared with the previous name, the rest of the name (front coding),
    /// flags, caps, place ids, a bit mask of the ids whose English name is this name capitalised
    /// by `caps` (most are: no need to store them twice), the name's languages, and a bit mask of
    /// the ids whose Arabic display name this name is. Such a name is stored as displayed, not
    /// folded (أربيل, not اربيل: the same bytes, a little more entropy), and folded at load. In the
    /// columns of `RUN_COLS`, a line of [`RUN`] and a count after a value repeats it that many times.
    pub fn serialize(&self) -> String {
        let codes: Vec<&str> = crate::lang::PACKS.iter().map(|p| p.lang().code()).collect();
        let mut cols: Vec<String> = vec![String::new(); NAME_COLS + PLACE_COLS];
        // The first name that spells each place's English name.
        let mut spelled_by: Vec<Option<usize>> = vec![None; self.len()];
        let mut en_of = vec![0u32; self.names.len()];
        for i in 0..self.names.len() {
            let mut capitalised = None;
            for (k, &id) in self.name_ids(i).iter().enumerate().take(32) {
                if spelled_by[id as usize].is_none() {
                    let c = capitalised.get_or_insert_with(|| capitalise(self.name(i), self.names[i].caps));
                    if *c == self.place(id).name_en {
                        spelled_by[id as usize] = Some(i);
                        en_of[i] |= 1 << k;
                    }
                }
            }
        }
        // The name that spells each place's Arabic display name, stored in that form.
        let mut shown: Vec<Option<&str>> = vec![None; self.names.len()];
        let mut ar_of = vec![0u32; self.names.len()];
        let mut ar_spelled = vec![false; self.len()];
        for (id, p) in self.places().enumerate() {
            let Some(display) = p.name_ar.as_deref() else { continue };
            let Some(i) = self.get(&fold(display)).filter(|&i| self.names[i].flags & VARIANT == 0) else { continue };
            let Some(k) = self.name_ids(i).iter().take(32).position(|&x| x as usize == id) else { continue };
            if shown[i].is_none_or(|s| s == display) {
                shown[i] = Some(display);
                ar_of[i] |= 1 << k;
                ar_spelled[id] = true;
            }
        }
        let mut prev_at = (0, 0);
        for (i, p) in self.places().enumerate() {
            let sep = if i == 0 { "" } else { "\n" };
            // Coordinates in hundredths of a degree (about 1 km): integers parse fast at load.
            let (lat, lon) = ((p.geo.lat * 100.0).round() as i32, (p.geo.lon * 100.0).round() as i32);
            let (dlat, dlon) = (lat - prev_at.0, lon - prev_at.1);
            prev_at = (lat, lon);
            let en = if spelled_by[i].is_some() { "" } else { p.name_en.as_str() };
            let ar = if ar_spelled[i] { "" } else { p.name_ar.as_deref().unwrap_or("") };
            let vals = [
                kind_str(p.geo.kind).to_string(),
                p.geo.country.clone(),
                dlat.to_string(),
                dlon.to_string(),
                p.population.to_string(),
                en.to_string(),
                ar.to_string(),
            ];
            for (c, v) in cols.iter_mut().zip(vals) {
                c.push_str(sep);
                c.push_str(&v);
            }
        }
        let mut prev = "";
        for i in 0..self.names.len() {
            let sep = if i == 0 { "" } else { "\n" };
            let r = self.names[i];
            let name = shown[i].unwrap_or(self.name(i));
            let shared =
                name.char_indices().map(|(o, c)| o + c.len_utf8()).take_while(|&o| prev.as_bytes().get(..o) == name.as_bytes().get(..o)).last().unwrap_or(0);
            let ids: Vec<String> = self.name_ids(i).iter().map(|id| id.to_string()).collect();
            let vals = [
                shared.to_string(),
                name[shared..].to_string(),
                r.flags.to_string(),
                r.caps.to_string(),
                ids.join(","),
                en_of[i].to_string(),
                r.langs.to_string(),
                ar_of[i].to_string(),
            ];
            for (c, v) in cols[PLACE_COLS..].iter_mut().zip(vals) {
                c.push_str(sep);
                c.push_str(&v);
            }
            prev = name;
        }
        for c in RUN_COLS {
            cols[c] = with_runs(&cols[c]);
        }
        std::iter::once(codes.join("\t")).chain(cols).collect::<Vec<_>>().join("\u{1e}")
    }

    pub(super) fn deserialize(text: &str) -> Option<Gazetteer> {
        let mut rows: Vec<PlaceRow> = Vec::new();
        let mut texts = String::new();
        let put = |texts: &mut String, s: &str| {
            let start = texts.len() as u32;
            texts.push_str(s);
            (start, s.len() as u32)
        };
        let mut names = Vec::new();
        let mut ids = Vec::new();
        let mut blob = String::with_capacity(text.len() / 3);
        let (codes, cols) = text.split_once('\u{1e}')?;
        let cols: Vec<&str> = cols.split('\u{1e}').collect();
        if cols.len() != PLACE_COLS + NAME_COLS {
            return None;
        }
        // The stored languages' bits, as the registry numbers them (a language no pack reads drops).
        let lang_bits: Vec<u8> = codes.split('\t').map(|c| crate::Lang::parse(c).map_or(0, lang_bit)).collect();
        let mut c: Vec<Fields<'_>> = cols[..PLACE_COLS].iter().map(|c| Fields::new(c, b'\n')).collect();
        let [kind, cc, lat, lon, pop, en, ar] = &mut c[..] else { return None };
        let mut at = (0i32, 0i32);
        // Places come by country: each country's code is stored once.
        let mut country: (&str, (u32, u32)) = ("", (0, 0));
        // Every column has a value for each place: the kind column counts them.
        while let Some(k) = kind.next() {
            at = (at.0.checked_add(lat.int()?)?, at.1.checked_add(lon.int()?)?);
            let (cc, en, ar) = (cc.next()?, en.next()?, ar.next()?);
            if cc != country.0 {
                country = (cc, put(&mut texts, cc));
            }
            rows.push(PlaceRow {
                lat: at.0,
                lon: at.1,
                population: pop.uint()?,
                kind: parse_kind(k)?,
                country: country.1,
                en: EnName::Text(put(&mut texts, en)),
                ar: (!ar.is_empty()).then(|| put(&mut texts, ar)),
            });
        }
        let mut c: Vec<Fields<'_>> = cols[PLACE_COLS..].iter().map(|c| Fields::new(c, b'\n')).collect();
        let [shared, rest, fl, cp, id, en_of, lg, ar_of] = &mut c[..] else { return None };
        // the previous name as stored (as displayed for a display name), which the next one shares a prefix with
        let mut stored = String::new();
        // Every column has a value for each name: the shared-prefix column counts them.
        while let Some(s) = shared.uint() {
            let s = usize::try_from(s).ok()?;
            // The shared part must end on a character boundary of the previous name.
            if !stored.is_char_boundary(s) {
                return None;
            }
            stored.truncate(s);
            stored.push_str(rest.next()?);
            let ar_of: u32 = ar_of.uint()?.try_into().ok()?;
            let start = blob.len();
            if ar_of == 0 {
                blob.push_str(&stored);
            } else {
                blob.push_str(&fold(&stored));
            }
            let name = &blob[start..];
            let ids_start = ids.len() as u32;
            let mut d = Fields::new(id.next()?, b',');
            while !d.is_done() {
                let x: u32 = d.uint()?.try_into().ok()?;
                if x as usize >= rows.len() {
                    return None;
                }
                ids.push(x);
            }
            let rec = NameRec {
                start: start as u32,
                len: name.len() as u32,
                ids_start,
                ids_len: ids.len() as u32 - ids_start,
                flags: fl.uint()?.try_into().ok()?,
                caps: cp.uint()?.try_into().ok()?,
                langs: {
                    let bits: u8 = lg.uint()?.try_into().ok()?;
                    lang_bits.iter().enumerate().filter(|&(k, _)| bits & (1 << k) != 0).fold(0, |m, (_, &b)| m | b)
                },
            };
            let en_of: u32 = en_of.uint()?.try_into().ok()?;
            let this = EnName::Name(names.len() as u32);
            for (k, &p) in ids[ids_start as usize..].iter().enumerate().take(32).filter(|_| en_of != 0) {
                if en_of & (1 << k) != 0 {
                    rows[p as usize].en = this;
                }
            }
            if ar_of != 0 {
                let shown = put(&mut texts, &stored);
                for (k, &p) in ids[ids_start as usize..].iter().enumerate().take(32) {
                    if ar_of & (1 << k) != 0 {
                        rows[p as usize].ar = Some(shown);
                    }
                }
            }
            names.push(rec);
        }
        let places = Places { made: (0..rows.len()).map(|_| OnceLock::new()).collect(), rows, texts };
        Some(Gazetteer::indexed(prefixes_of(), places, blob, names, ids))
    }
}

/// A column of newline-separated values with each run of at least [`MIN_RUN`] equal values written
/// as the value and a line of [`RUN`] and the count of the copies after it.
fn with_runs(col: &str) -> String {
    let values: Vec<&str> = col.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    let mut i = 0;
    while i < values.len() {
        let v = values[i];
        debug_assert!(!v.starts_with(RUN as char), "a value that reads as a run: {v:?}");
        let n = values[i..].iter().take_while(|&&w| w == v).count();
        if n >= MIN_RUN {
            out.push(v.to_string());
            out.push(format!("{}{}", RUN as char, n - 1));
        } else {
            out.extend(values[i..i + n].iter().map(|w| w.to_string()));
        }
        i += n;
    }
    out.join("\n")
}

/// The values of a column separated by an ASCII byte. Most are one to four bytes long, where a
/// plain byte loop beats `str::split`'s memchr set-up (it was a third of the index's load time).
#[derive(Clone)]
struct Fields<'a> {
    text: &'a str,
    /// Where the next value starts; past the end once the last one is read.
    at: usize,
    sep: u8,
    /// How many copies of the last value a run still holds, and that value (as text and, if read
    /// as one, as a number): a run is read once, its copies are not split or parsed again.
    left: u64,
    last: &'a str,
    last_n: u64,
}

impl<'a> Fields<'a> {
    fn new(text: &'a str, sep: u8) -> Self {
        debug_assert!(sep.is_ascii());
        Fields { text, at: 0, sep, left: 0, last: "", last_n: 0 }
    }

    /// After a value: takes the run that follows it, if one does (`None` if it is damaged).
    #[inline(always)]
    fn take_run(&mut self) -> Option<()> {
        if self.text.as_bytes().get(self.at) == Some(&RUN) {
            self.at += 1;
            self.left = self.plain_uint()?;
        }
        Some(())
    }
}

// Positions, not subslices: a slice of a `str` checks its ends, out of line.
impl Fields<'_> {
    fn is_done(&self) -> bool {
        self.left == 0 && self.at > self.text.len()
    }

    /// The next value as a number of up to 19 decimal digits (no overflow), parsed where it is
    /// split (the split and `str::parse` were a quarter of the index's load time); `None` at the
    /// end or for anything but digits.
    #[inline(always)]
    fn uint(&mut self) -> Option<u64> {
        if self.left > 0 {
            self.left -= 1;
            return Some(self.last_n);
        }
        self.last_n = self.plain_uint()?;
        self.take_run()?;
        Some(self.last_n)
    }

    /// [`Fields::uint`] without runs.
    #[inline(always)]
    fn plain_uint(&mut self) -> Option<u64> {
        let bytes = self.text.as_bytes();
        let (mut v, mut i) = (0u64, self.at);
        while let Some(d) = bytes.get(i).map(|b| b.wrapping_sub(b'0')).filter(|&d| d <= 9) {
            v = v.wrapping_mul(10).wrapping_add(d as u64);
            i += 1;
        }
        if i == self.at || i - self.at > 19 || bytes.get(i).is_some_and(|&b| b != self.sep) {
            return None;
        }
        self.at = i + 1;
        Some(v)
    }

    /// [`Fields::uint`] with an optional minus sign, as an `i32` (for columns without runs).
    #[inline(always)]
    fn int(&mut self) -> Option<i32> {
        let negative = self.text.as_bytes().get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let v = i64::try_from(self.plain_uint()?).ok()?;
        i32::try_from(if negative { -v } else { v }).ok()
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.left > 0 {
            self.left -= 1;
            return Some(self.last);
        }
        let rest = self.text.as_bytes().get(self.at..)?;
        let end = self.at + rest.iter().position(|&b| b == self.sep).unwrap_or(rest.len());
        // An ASCII separator, or the end, is a char boundary.
        let value = self.text.get(self.at..end)?;
        self.at = end + 1;
        self.last = value;
        self.take_run()?;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::{Fields, with_runs};

    #[test]
    fn runs_read_as_the_values_they_stand_for() {
        for text in ["", "a", "0\n0\n0\n0\n1\n1\n0\n0\n0", "\n\n\nx\n\n\n\n", "7\n7\n7", "أ\nأ\nأ\nب"] {
            let packed = with_runs(text);
            let values: Vec<&str> = text.split('\n').collect();
            assert_eq!(Fields::new(&packed, b'\n').collect::<Vec<_>>(), values, "{packed:?}");
            if values.iter().all(|v| v.parse::<u64>().is_ok()) {
                let mut f = Fields::new(&packed, b'\n');
                assert_eq!(values.iter().map(|_| f.uint().unwrap()).collect::<Vec<_>>(), values.iter().map(|v| v.parse::<u64>().unwrap()).collect::<Vec<_>>());
                assert!(f.is_done() && f.uint().is_none());
            }
        }
        assert_eq!(with_runs("0\n0\n0\n0\n1\n1"), "0\n\u{1d}3\n1\n1");
        // A run without its count is damage, not a value.
        assert_eq!(Fields::new("0\n\u{1d}\n1", b'\n').uint(), None);
    }

    #[test]
    fn fields_split_like_str_split() {
        for text in ["", "a", "\n", "a\nbc\n", "\n\nx", "أ\nب\n\nج"] {
            assert_eq!(Fields::new(text, b'\n').collect::<Vec<_>>(), text.split('\n').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn numbers_parse_like_str_parse() {
        for text in ["0\n12\n-7\n4294967295\n-2147483648", "5", "1\n\n2", "1\nx\n2", "-\n3", "99999999999999999999999"] {
            let mut f = Fields::new(text, b'\n');
            for v in text.split('\n') {
                assert_eq!(f.clone().int(), v.parse::<i32>().ok(), "{v:?}");
                assert_eq!(f.clone().uint().and_then(|v| u32::try_from(v).ok()), v.parse::<u32>().ok(), "{v:?}");
                f.next();
            }
            assert!(f.is_done() && f.uint().is_none());
        }
    }
}
