//! The configuration hash and the partial file's checksum: 128-bit FNV-1a.
//!
//! FNV-1a is not cryptographic: it tells apart configurations and catches a
//! damaged or truncated file, which is all a shard needs (nobody forges a
//! shard of their own run).
//!
//! ## References
//! - Fowler, G., Noll, L. C., Vo, K.-P., Eastlake, D. (2019). *The FNV
//!   Non-Cryptographic Hash Algorithm*, IETF draft-eastlake-fnv-17, §2 (the
//!   128-bit prime and offset basis) and appendix C (test vectors).

/// The 128-bit FNV offset basis.
const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
/// The 128-bit FNV prime, 2^88 + 2^8 + 0x3b.
const PRIME: u128 = 0x0000000001000000000000000000013B;

/// FNV-1a, 128 bits, of `bytes`.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    let mut h = OFFSET;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// [`fnv1a_128`] as 32 lower-case hex digits.
pub fn hex_digest(bytes: &[u8]) -> String {
    format!("{:032x}", fnv1a_128(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_test_vectors() {
        // draft-eastlake-fnv appendix C, FNV1a_128.
        assert_eq!(hex_digest(b""), "6c62272e07bb014262b821756295c58d");
        assert_eq!(hex_digest(b"a"), "d228cb696f1a8caf78912b704e4a8964");
        assert_eq!(hex_digest(b"foobar"), "343e1662793c64bf6f0d3597ba446f18");
    }
}
