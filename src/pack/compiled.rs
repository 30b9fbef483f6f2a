//! What an evaluation derives from a loaded pack rather than from the
//! scenario — a document's area on the gazetteer, which of a rule's
//! conditions test the enterprise and which each kind of item — worked out
//! once, on a pack's first evaluation, and kept beside the pack data.

use std::sync::OnceLock;

/// A value derived from the pack data it sits in, on first use. A clone
/// starts empty, so a copied and edited document or rule derives it afresh;
/// it takes no part in comparisons, and packs are read and written without it.
#[derive(Debug)]
pub struct Compiled<T>(OnceLock<T>);

impl<T> Compiled<T> {
    /// The derived value, derived by `derive` the first time.
    pub fn get_or_init(&self, derive: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(derive)
    }
}

impl<T> Default for Compiled<T> {
    fn default() -> Self {
        Compiled(OnceLock::new())
    }
}

impl<T> Clone for Compiled<T> {
    fn clone(&self) -> Self {
        Compiled::default()
    }
}

impl<T> PartialEq for Compiled<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Compiled<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_derives_afresh() {
        let a: Compiled<u32> = Compiled::default();
        assert_eq!(*a.get_or_init(|| 1), 1);
        assert_eq!(*a.get_or_init(|| 2), 1, "derived once");
        let b = a.clone();
        assert_eq!(*b.get_or_init(|| 3), 3, "the clone derives its own");
        assert!(a == b);
    }
}
