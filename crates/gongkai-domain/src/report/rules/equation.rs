//! Judging one 勾稽 identity `Σ lhs = Σ rhs` over cells that may be blank or non-numeric.
//!
//! Every arithmetic rule reduces to this, so the three outcomes — holds, breaks (with both sums),
//! and uncertain (with the blank or non-numeric terms named, and whether the identity would hold
//! if blanks were zero) — are decided and worded in one place.

use crate::report::{Cell, Finding, Severity};
use rust_decimal::Decimal;

/// One term of an identity: a cell, where it is, and how to name it in a message.
#[derive(Debug, Clone)]
pub struct Term<'a> {
    /// The cell.
    pub cell: &'a Cell,
    /// Its JSON path.
    pub path: String,
    /// Its name in a message, e.g. “二、上年结转政府信息公开申请数量”.
    pub name: String,
}

impl<'a> Term<'a> {
    /// A term.
    pub fn new(cell: &'a Cell, path: String, name: impl Into<String>) -> Self {
        Term {
            cell,
            path,
            name: name.into(),
        }
    }
}

/// The outcome of judging an identity.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Both sides are numbers and equal.
    Holds,
    /// Both sides are numbers and differ.
    Breaks {
        /// Σ left.
        lhs: Decimal,
        /// Σ right.
        rhs: Decimal,
    },
    /// Some term is blank or non-numeric.
    Uncertain {
        /// Names of the blank or non-numeric terms, with what they hold.
        unknown: Vec<String>,
        /// Σ left with blanks and tokens taken as 0.
        lhs: Decimal,
        /// Σ right with blanks and tokens taken as 0.
        rhs: Decimal,
    },
}

/// An identity to judge, and how to report it.
pub struct Identity<'a> {
    /// Rule id.
    pub rule: &'static str,
    /// Where to report a finding (the cell the identity is “about”).
    pub location: String,
    /// Message prefix naming the row or column, e.g. “第七列（总计）”.
    pub subject: String,
    /// How to name each side, e.g. (“一+二”, “（七）总计+四”).
    pub sides: (&'static str, &'static str),
    /// Left-hand terms.
    pub lhs: Vec<Term<'a>>,
    /// Right-hand terms.
    pub rhs: Vec<Term<'a>>,
}

/// Judges `Σ lhs = Σ rhs`.
pub fn judge(lhs: &[Term<'_>], rhs: &[Term<'_>]) -> Verdict {
    let unknown: Vec<String> = lhs
        .iter()
        .chain(rhs)
        .filter(|t| t.cell.number().is_none())
        .map(|t| format!("{}为{}", t.name, t.cell.describe()))
        .collect();
    let sum = |terms: &[Term<'_>]| {
        terms
            .iter()
            .filter_map(|t| t.cell.number())
            .sum::<Decimal>()
    };
    let (l, r) = (sum(lhs), sum(rhs));
    match (unknown.is_empty(), l == r) {
        (true, true) => Verdict::Holds,
        (true, false) => Verdict::Breaks { lhs: l, rhs: r },
        (false, _) => Verdict::Uncertain {
            unknown,
            lhs: l,
            rhs: r,
        },
    }
}

impl Identity<'_> {
    /// Judges the identity and words the finding, if any.
    pub fn finding(&self) -> Option<Finding> {
        let (ln, rn) = self.sides;
        let (severity, message) = match judge(&self.lhs, &self.rhs) {
            Verdict::Holds => return None,
            Verdict::Breaks { lhs, rhs } => (
                Severity::Error,
                format!(
                    "{}：{ln}={}，{rn}={}，两者不等",
                    self.subject,
                    lhs.normalize(),
                    rhs.normalize()
                ),
            ),
            Verdict::Uncertain { unknown, lhs, rhs } => {
                let verdict = if lhs == rhs { "成立" } else { "不成立" };
                let shown = if unknown.len() > 3 {
                    format!("{}等{}处", unknown[..3].join("、"), unknown.len())
                } else {
                    unknown.join("、")
                };
                (
                    Severity::Uncertain,
                    format!(
                        "{}：无法核对，{shown}；若按0计，{ln}={}，{rn}={}，{verdict}",
                        self.subject,
                        lhs.normalize(),
                        rhs.normalize()
                    ),
                )
            }
        };
        let cells = self
            .lhs
            .iter()
            .chain(&self.rhs)
            .map(|t| t.path.clone())
            .collect();
        Some(Finding::new(self.rule, severity, self.location.clone(), message).with_cells(cells))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(cell: &Cell, name: &str) -> Term<'static> {
        // Leak is fine in a test: it gives the terms a 'static cell.
        let cell: &'static Cell = Box::leak(Box::new(cell.clone()));
        Term::new(cell, format!("x.{name}"), name)
    }

    #[test]
    fn a_blank_term_makes_the_identity_uncertain_not_passing() {
        let v = judge(
            &[t(&Cell::count(3), "a"), t(&Cell::Blank, "b")],
            &[t(&Cell::count(3), "c")],
        );
        assert_eq!(
            v,
            Verdict::Uncertain {
                unknown: vec!["b为空白".into()],
                lhs: Decimal::from(3),
                rhs: Decimal::from(3)
            }
        );
    }

    #[test]
    fn numbers_hold_or_break() {
        assert_eq!(
            judge(&[t(&Cell::count(2), "a")], &[t(&Cell::count(2), "b")]),
            Verdict::Holds
        );
        assert_eq!(
            judge(&[t(&Cell::count(2), "a")], &[t(&Cell::count(5), "b")]),
            Verdict::Breaks {
                lhs: Decimal::from(2),
                rhs: Decimal::from(5)
            }
        );
    }
}
