//! Zero-filled arrays for the models' big tables.
//!
//! Loading a model is mostly filling its hash table, tens of megabytes for
//! the parser, and most of that time goes to the kernel handing out zeroed
//! 4 KiB pages, one fault each. A table of [`HUGE`] bytes or more is
//! therefore mapped on its own and marked for transparent huge pages
//! (2 MiB): on Linux that about halves model loading, and scoring, which is
//! one random access per feature, misses the TLB less. Anywhere else, or
//! when the mapping fails, a table is an ordinary vector.

use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// Tables smaller than this are plain vectors: a huge page would be mostly
/// empty.
pub const HUGE: usize = 4 << 20;

pub enum Table<T> {
    Heap(Vec<T>),
    Mapped { map: memmap2::MmapMut, len: usize, kind: PhantomData<T> },
}

impl<T: bytemuck::Pod> Table<T> {
    /// `len` zeroes.
    pub fn zeroed(len: usize) -> Table<T> {
        let bytes = len.saturating_mul(std::mem::size_of::<T>());
        if bytes >= HUGE {
            if let Ok(map) = memmap2::MmapOptions::new().len(bytes).map_anon() {
                // Only a hint: without huge pages the table still works.
                #[cfg(target_os = "linux")]
                let _ = map.advise(memmap2::Advice::HugePage);
                return Table::Mapped { map, len, kind: PhantomData };
            }
        }
        Table::Heap(vec![T::zeroed(); len])
    }

    /// A table holding `values`.
    pub fn from_slice(values: &[T]) -> Table<T> {
        let mut t = Table::zeroed(values.len());
        t.copy_from_slice(values);
        t
    }
}

impl<T: bytemuck::Pod> Deref for Table<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Table::Heap(v) => v,
            // A fresh mapping is page-aligned and exactly `len` values long.
            Table::Mapped { map, len, .. } => &bytemuck::cast_slice(&map[..])[..*len],
        }
    }
}

impl<T: bytemuck::Pod> DerefMut for Table<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            Table::Heap(v) => v,
            Table::Mapped { map, len, .. } => &mut bytemuck::cast_slice_mut(&mut map[..])[..*len],
        }
    }
}

impl<T: bytemuck::Pod> Clone for Table<T> {
    fn clone(&self) -> Table<T> {
        Table::from_slice(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_tables_read_back_what_was_written() {
        for len in [0, 3, HUGE / 8 + 5] {
            let mut t: Table<u64> = Table::zeroed(len);
            assert_eq!(t.len(), len);
            assert!(t.iter().all(|&v| v == 0));
            for (i, v) in t.iter_mut().enumerate() {
                *v = i as u64 * 7;
            }
            let c = t.clone();
            assert_eq!(c.len(), len);
            assert!(c.iter().enumerate().all(|(i, &v)| v == i as u64 * 7));
        }
        assert!(matches!(Table::<u32>::zeroed(HUGE / 4), Table::Mapped { .. }));
        assert!(matches!(Table::<u32>::zeroed(10), Table::Heap(_)));
    }
}
