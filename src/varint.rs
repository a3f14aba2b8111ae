//! The compact encoding of the shipped binary tables (map outlines, tagger models): LEB128
//! varints, zigzag for signed values, read by a bounds-checked cursor that never panics.

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    /// [`Reader::varint`] with its one-byte case inline, for the loops that read a table's hundreds
    /// of thousands of values (most one byte); the other readers keep one copy of the code.
    #[inline(always)]
    pub fn varint_inline(&mut self) -> Option<u64> {
        match self.bytes.get(self.at) {
            Some(&b) if b < 0x80 => {
                self.at += 1;
                Some(u64::from(b))
            }
            _ => self.varint(),
        }
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

pub fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Rice-codes `gaps` (the gaps between sorted hash keys: near-uniform keys have near-geometric
/// gaps, for which a Rice code is near optimal; deflate of varint gaps took 1.2 times as much)
/// with the number of low bits that makes them shortest: (that number, the bits packed).
pub fn rice_encode(gaps: &[u32]) -> (u32, Vec<u8>) {
    let cost = |k: u32| gaps.iter().map(|&g| (g >> k) as u64 + 1 + k as u64).sum::<u64>();
    let rice = (0..24).min_by_key(|&k| cost(k)).unwrap_or(0);
    let mut packed = Vec::new();
    let (mut acc, mut nacc) = (0u8, 0u32);
    let mut bit = |b: bool| {
        acc = acc << 1 | b as u8;
        nacc += 1;
        if nacc == 8 {
            packed.push(acc);
            (acc, nacc) = (0, 0);
        }
    };
    for &g in gaps {
        (0..g >> rice).for_each(|_| bit(true));
        bit(false);
        (0..rice).rev().for_each(|b| bit(g >> b & 1 != 0));
    }
    if nacc > 0 {
        packed.push(acc << (8 - nacc));
    }
    (rice, packed)
}

/// A cursor over bits, most significant first.
pub struct Bits<'a> {
    bytes: &'a [u8],
    at: usize,
}

// A byte at a time, not a bit: the models' 100,000 keys are read at every start-up.
impl<'a> Bits<'a> {
    pub fn new(bytes: &'a [u8]) -> Bits<'a> {
        Bits { bytes, at: 0 }
    }

    /// The 64 bits from byte `at / 8` on, zeros past the end.
    #[inline(always)]
    fn window(&self) -> u64 {
        let i = self.at / 8;
        match self.bytes.get(i..i + 8) {
            Some(b) => u64::from_be_bytes(b.try_into().unwrap_or_default()),
            None => {
                let mut b = [0u8; 8];
                let tail = self.bytes.get(i..).unwrap_or_default();
                b[..tail.len()].copy_from_slice(tail);
                u64::from_be_bytes(b)
            }
        }
    }

    /// A Rice code with `k` low bits (at most 25): [`Bits::ones`] then [`Bits::take`], from one
    /// window of the bytes when it holds the whole code (nearly always).
    #[inline(always)]
    pub fn rice(&mut self, k: u32) -> Option<u32> {
        let off = (self.at % 8) as u32;
        let w = self.window() << off;
        let high = w.leading_ones();
        // the run, its 0 and the `k` bits all within the window's 57+ real or padding bits
        if high + 1 + k > 64 - off {
            let high = self.ones()?;
            return Some(high.checked_shl(k)? | self.take(k)?);
        }
        let low = if k == 0 { 0 } else { (w << (high + 1) >> (64 - k)) as u32 };
        self.at += (high + 1 + k) as usize;
        // Bits read past the end were padding: the code was cut short.
        if self.at > self.bytes.len() * 8 {
            return None;
        }
        Some(high.checked_shl(k)? | low)
    }

    /// A run of 1 bits and the 0 that ends it: the run's length.
    fn ones(&mut self) -> Option<u32> {
        let mut run = 0u32;
        loop {
            let off = (self.at % 8) as u32;
            // the bits from `at` on at the top, zeros shifted in below them
            let rest = *self.bytes.get(self.at / 8)? << off;
            let ones = rest.leading_ones();
            run = run.checked_add(ones)?;
            self.at += ones as usize;
            if ones < 8 - off {
                self.at += 1;
                return Some(run);
            }
        }
    }

    /// The next `k` bits (at most 25), most significant first.
    fn take(&mut self, k: u32) -> Option<u32> {
        let end = self.at + k as usize;
        if k > 25 || end > self.bytes.len() * 8 {
            return None;
        }
        let first = self.at / 8;
        let window = (0..5).fold(0u64, |w, i| w << 8 | u64::from(self.bytes.get(first + i).copied().unwrap_or(0)));
        let value = window >> (40 - self.at % 8 - k as usize) & ((1u64 << k) - 1);
        self.at = end;
        Some(value as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let values = [0i64, 1, -1, 63, -64, 300, -300, i64::MAX, i64::MIN];
        let mut out = Vec::new();
        for v in values {
            put(&mut out, zigzag(v));
        }
        let mut r = Reader::new(&out);
        for v in values {
            assert_eq!(r.varint().map(unzigzag), Some(v));
        }
        assert_eq!(r.varint(), None);
        assert_eq!(Reader::new(&[0x80]).varint(), None);
        assert_eq!(Reader::new(&[1, 2]).take(3), None);
    }

    #[test]
    fn rice_codes_read_from_a_window_as_bit_by_bit() {
        // Runs of every length (past the 64-bit window too), codes cut off at the end.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut bytes: Vec<u8> = (0..300).map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        }).collect();
        bytes[100..112].fill(0xFF);
        for k in 0..=24 {
            for len in [0, 1, 7, 9, 120, 300] {
                let (mut a, mut b) = (Bits { bytes: &bytes[..len], at: 0 }, Bits { bytes: &bytes[..len], at: 0 });
                loop {
                    let slow = a.ones().and_then(|h| Some(h.checked_shl(k)? | a.take(k)?));
                    assert_eq!(b.rice(k), slow, "k {k} len {len} at {}", b.at);
                    if slow.is_none() {
                        break;
                    }
                    assert_eq!(a.at, b.at);
                }
            }
        }
    }
}
