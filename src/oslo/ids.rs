//! Random ids as oslo.messaging makes them (`uuid.uuid4()`), drawn from a caller-supplied
//! source of `u64`s so that a seeded simulation gets the same ids on every run.
//!
//! oslo.messaging uses `uuid4().hex` for `_msg_id`, `_unique_id` and the suffixes of
//! `reply_<id>` and `<topic>_fanout_<id>` queues, and `str(uuid4())` (with dashes) for a
//! notification's `message_id`. Both carry the uuid4 version and variant bits, so the ids
//! Kaiten makes match the recording's ids by pattern.

/// A source of random `u64`s: the simulation's seeded generator, or a counter in tests.
/// Never OS entropy.
pub trait IdSource {
    fn next_u64(&mut self) -> u64;
}

impl<F: FnMut() -> u64> IdSource for F {
    fn next_u64(&mut self) -> u64 {
        self()
    }
}

/// 128 bits shaped as a version-4 uuid: version nibble 4, variant bits `10`.
fn uuid4_bits(source: &mut dyn IdSource) -> u128 {
    let high = u128::from(source.next_u64());
    let low = u128::from(source.next_u64());
    let bits = (high << 64) | low;
    let bits = (bits & !(0xf << 76)) | (0x4 << 76);
    (bits & !(0x3 << 62)) | (0x2 << 62)
}

/// `uuid.uuid4().hex`: 32 lowercase hex digits.
pub fn uuid4_hex(source: &mut dyn IdSource) -> String {
    format!("{:032x}", uuid4_bits(source))
}

/// `str(uuid.uuid4())`: 8-4-4-4-12 lowercase hex digits.
pub fn uuid4_string(source: &mut dyn IdSource) -> String {
    let hex = format!("{:032x}", uuid4_bits(source));
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Whether `text` has the shape of `uuid4().hex`, as the recording's ids do.
pub fn is_uuid4_hex(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 32
        && bytes.iter().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
        && bytes[12] == b'4'
        && matches!(bytes[16], b'8' | b'9' | b'a' | b'b')
}

/// Whether `text` has the shape of `str(uuid4())`.
pub fn is_uuid4_string(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|part| part.len()).eq([8, 4, 4, 4, 12]) && is_uuid4_hex(&parts.concat())
}

/// A deterministic id source for tests: 1, 2, 3, ...
#[derive(Debug, Clone, Default)]
pub struct CountingIds {
    next: u64,
}

impl IdSource for CountingIds {
    fn next_u64(&mut self) -> u64 {
        self.next += 1;
        self.next.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_uuid4_shape_of_the_recording() {
        let mut ids = CountingIds::default();
        for _ in 0..50 {
            assert!(is_uuid4_hex(&uuid4_hex(&mut ids)));
            assert!(is_uuid4_string(&uuid4_string(&mut ids)));
        }
        assert!(is_uuid4_hex("1dcfbfbb74304afc8a119777bfd0dd19"));
        assert!(is_uuid4_string("390ccacd-9ff7-4cd8-8748-640181d35759"));
        assert!(!is_uuid4_hex("0b9d4e5c2b4e0d9e0f5d5b8a0a5a4d66"));
    }

    #[test]
    fn ids_come_only_from_the_source() {
        let mut zeros = || 0u64;
        assert_eq!(uuid4_hex(&mut zeros), "00000000000040008000000000000000");
        let mut ones = || u64::MAX;
        assert_eq!(uuid4_string(&mut ones), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}
