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
}
