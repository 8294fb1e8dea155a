//! A read-only hash index from 64-bit keys (already well-mixed hashes) to values, built once:
//! open addressing with linear probing, at most half full, so a lookup is usually one memory
//! access — the word lists and cue lexicons are looked up for every token of every mention,
//! where a binary search's chain of dependent loads cost more than the matching itself.
//! Most words are in no list, so a small bit filter in front (16 bits per key, a few KiB that
//! stay in the nearest cache) answers most misses without touching the slots at all.

/// A built index. Keys must be hashes (their low bits pick the slot).
#[derive(Debug, Clone)]
pub struct HashIndex<V> {
    slots: Vec<Option<(u64, V)>>,
    mask: usize,
    /// One bit per `filter_bit` value, set for every key: a clear bit means "absent".
    filter: Vec<u64>,
    filter_shift: u32,
}

impl<V> HashIndex<V> {
    /// Build from (key, value) pairs; a repeated key keeps its first value.
    pub fn new(entries: impl IntoIterator<Item = (u64, V)>) -> Self {
        let entries: Vec<(u64, V)> = entries.into_iter().collect();
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let mut slots: Vec<Option<(u64, V)>> = (0..size).map(|_| None).collect();
        let mask = size - 1;
        for (k, v) in entries {
            let mut i = slot_of(k, mask);
            loop {
                match &slots[i] {
                    None => {
                        slots[i] = Some((k, v));
                        break;
                    }
                    Some((existing, _)) if *existing == k => break,
                    Some(_) => i = (i + 1) & mask,
                }
            }
        }
        // 16 bits per key (at least 4096): about 1 in 16 absent keys passes the filter.
        let bits = (slots.len() * 8).max(4096);
        let filter_shift = 64 - bits.trailing_zeros();
        let mut filter = vec![0u64; bits / 64];
        for (k, _) in slots.iter().flatten() {
            let b = filter_bit(*k, filter_shift);
            filter[b / 64] |= 1 << (b % 64);
        }
        HashIndex {
            slots,
            mask,
            filter,
            filter_shift,
        }
    }

    /// The value stored under `k`.
    #[inline]
    pub fn get(&self, k: u64) -> Option<&V> {
        let b = filter_bit(k, self.filter_shift);
        if self
            .filter
            .get(b / 64)
            .is_none_or(|w| w & (1 << (b % 64)) == 0)
        {
            return None;
        }
        let mut i = slot_of(k, self.mask);
        loop {
            match &self.slots[i] {
                None => return None,
                Some((existing, v)) if *existing == k => return Some(v),
                Some(_) => i = (i + 1) & self.mask,
            }
        }
    }
}

/// The filter bit of a key: the top bits of a multiplicative mix, independent of the low
/// bits that pick the slot.
#[inline]
fn filter_bit(k: u64, shift: u32) -> usize {
    (k.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> shift) as usize
}

#[inline]
fn slot_of(k: u64, mask: usize) -> usize {
    (k ^ (k >> 32)) as usize & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let idx = HashIndex::new((0..1000u64).map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i)));
        for i in 0..1000u64 {
            assert_eq!(idx.get(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)), Some(&i));
        }
        assert_eq!(idx.get(12345), None);
        let empty: HashIndex<u8> = HashIndex::new([]);
        assert_eq!(empty.get(0), None);
    }

    #[test]
    fn colliding_slots_probe_on_and_first_value_wins() {
        // Keys equal in their low bits all land on one slot.
        let idx = HashIndex::new([(1u64 << 40, 'a'), (2u64 << 40, 'b'), (1u64 << 40, 'c')]);
        assert_eq!(idx.get(1 << 40), Some(&'a'));
        assert_eq!(idx.get(2 << 40), Some(&'b'));
        assert_eq!(idx.get(3 << 40), None);
    }
}
