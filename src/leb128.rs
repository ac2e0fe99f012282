//! LEB128 varints, the numbers of Mirsad's binary files (the tagger's weights,
//! the search archive's pieces): seven bits a byte, low first.

/// Append `n`.
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Why a number could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The bytes end inside it.
    Truncated,
    /// More than 64 bits.
    TooLong,
}

/// The number at `*at`, moving `*at` past it.
pub(crate) fn get(bytes: &[u8], at: &mut usize) -> Result<u64, ReadError> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at).ok_or(ReadError::Truncated)?;
        *at += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(n);
        }
    }
    Err(ReadError::TooLong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        let mut out = Vec::new();
        for &v in &values {
            put(&mut out, v);
        }
        assert_eq!(&out[..4], &[0, 1, 127, 0x80]);
        let mut at = 0;
        for &v in &values {
            assert_eq!(get(&out, &mut at), Ok(v));
        }
        assert_eq!(at, out.len());
        assert_eq!(get(&[0x80], &mut 0), Err(ReadError::Truncated));
        assert_eq!(get(&[0xff; 11], &mut 0), Err(ReadError::TooLong));
    }
}
