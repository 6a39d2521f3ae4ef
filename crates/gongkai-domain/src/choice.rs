//! Closed lists of choices (证件类型, 获取信息的方式, 送达方式, 收费方式 …): each value with a stable
//! identifier for forms, JSON and the database, and its Chinese name for pages and letters.
//!
//! An enum lists its values once, in [`Choice::TABLE`]; the lookups are written here once.

/// A value from a closed list, with a stable id and a Chinese name.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    /// Every value with its id and Chinese name, in display order.
    const TABLE: &'static [(Self, &'static str, &'static str)];

    /// The stable identifier.
    fn id(self) -> &'static str {
        entry(self).1
    }

    /// The Chinese name.
    fn label(self) -> &'static str {
        entry(self).2
    }

    /// The value with this identifier or Chinese name (surrounding spaces ignored).
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::TABLE
            .iter()
            .find(|e| e.1 == s || e.2 == s)
            .map(|e| e.0)
    }

    /// Every value, in display order.
    fn all() -> impl Iterator<Item = Self> {
        Self::TABLE.iter().map(|e| e.0)
    }
}

fn entry<T: Choice>(value: T) -> &'static (T, &'static str, &'static str) {
    T::TABLE
        .iter()
        .find(|e| e.0 == value)
        .expect("every value of a Choice is listed in its TABLE")
}
