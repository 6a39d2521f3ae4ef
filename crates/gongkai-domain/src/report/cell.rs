//! One cell of a statutory table: a number, a blank, or a non-numeric token as printed.
//!
//! Published reports leave cells empty or write “/”, “—”, “无” where a number belongs. These are
//! not zero, and an auditor must be able to say so, so the three cases stay distinct all the way
//! from parsing to rendering.

use rust_decimal::Decimal;
use std::fmt;

/// A table cell (`REPORT_JSON.md` §1 “A cell”).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Cell {
    /// A number: an integer count, or a decimal amount (万元).
    Number(Decimal),
    /// An empty cell (`null` in JSON).
    #[default]
    Blank,
    /// A non-numeric token exactly as printed (`"/"`, `"—"`, `"无"`, `"不适用"`).
    Token(String),
}

impl Cell {
    /// A cell holding an integer count.
    pub fn count(n: i64) -> Self {
        Cell::Number(Decimal::from(n))
    }

    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Cell::Number(d) => Some(*d),
            _ => None,
        }
    }

    /// The integer value, if the cell holds a whole number that fits an `i64`.
    pub fn integer(&self) -> Option<i64> {
        let d = self.number()?;
        if d.fract().is_zero() {
            i64::try_from(d).ok()
        } else {
            None
        }
    }

    /// Whether the cell is blank.
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Blank)
    }

    /// How the cell reads in a rule message: the number, “空白”, or the token in quotes.
    pub fn describe(&self) -> String {
        match self {
            Cell::Number(d) => d.normalize().to_string(),
            Cell::Blank => "空白".to_owned(),
            Cell::Token(t) => format!("“{t}”"),
        }
    }
}

impl fmt::Display for Cell {
    /// The cell as printed in a rendered table: the number, nothing, or the token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Number(d) => write!(f, "{}", d.normalize()),
            Cell::Blank => Ok(()),
            Cell::Token(t) => f.write_str(t),
        }
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::count(n)
    }
}

impl From<Decimal> for Cell {
    fn from(d: Decimal) -> Self {
        Cell::Number(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_is_only_for_whole_numbers() {
        assert_eq!(Cell::count(7).integer(), Some(7));
        assert_eq!(Cell::Number(Decimal::new(416_618, 2)).integer(), None);
        assert_eq!(Cell::Token("/".into()).integer(), None);
        assert_eq!(Cell::Blank.integer(), None);
    }

    #[test]
    fn display_keeps_blank_empty_and_tokens_verbatim() {
        assert_eq!(Cell::Blank.to_string(), "");
        assert_eq!(Cell::Token("—".into()).to_string(), "—");
        assert_eq!(
            Cell::Number(Decimal::new(9_870_360, 2)).to_string(),
            "98703.6"
        );
        assert_eq!(
            Cell::Number(Decimal::new(9_870_360, 4)).to_string(),
            "987.036"
        );
    }
}
