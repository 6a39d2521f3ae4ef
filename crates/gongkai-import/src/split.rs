//! Splitting digit runs printed without cell boundaries (`7000007` for 7, 0, 0, 0, 0, 0, 7)
//! into the cells of a template block, keeping only the splits its identities allow.
//!
//! Page text copied from a web page or a PDF often loses the borders between cells. The digits
//! are still in order, and the table's identities (a row's 总计 is the sum of its six columns;
//! table 四's 总计 the sum of its four outcomes) pick the split. Numbers are never printed with
//! a leading zero, so `023` can only be 0, 23 (or 0, 2, 3): that alone decides most runs of
//! zeros. A run that still splits more than one way is left to the caller to judge with the
//! identities across rows, or to report as ambiguous.

use crate::layout::value;
use crate::stream::Value;
use gongkai_domain::report::Cell;
use rust_decimal::Decimal;
use std::ops::Range;

/// A sum the cells of a block must satisfy: the cells in `parts` add up to the cell at `total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Positions of the addends.
    pub parts: Range<usize>,
    /// Position of the sum.
    pub total: usize,
}

impl Identity {
    /// The last position the identity involves.
    fn last(&self) -> usize {
        self.total.max(self.parts.end.saturating_sub(1))
    }

    /// Whether the identity holds, or cannot be judged because a cell is not a number.
    pub fn allows(&self, cells: &[Cell]) -> bool {
        let sum: Option<Decimal> = self.parts.clone().map(|i| cells[i].number()).sum();
        match (sum, cells[self.total].number()) {
            (Some(s), Some(t)) => s == t,
            _ => true,
        }
    }
}

/// The identity of a table-三 row: 总计 (7th) = the six applicant columns.
pub fn row7() -> Vec<Identity> {
    vec![Identity {
        parts: 0..6,
        total: 6,
    }]
}

/// The identities of table 四's 15 cells: each group's 总计 = its four outcomes.
pub fn table4() -> Vec<Identity> {
    (0..3)
        .map(|g| Identity {
            parts: g * 5..g * 5 + 4,
            total: g * 5 + 4,
        })
        .collect()
}

/// The ways a sequence of printed values can be read as `n` cells.
#[derive(Debug, Clone, Default)]
pub struct Splits {
    /// Distinct candidates, each `n` values, each allowed by every identity.
    pub candidates: Vec<Vec<Option<Value>>>,
    /// False when the search stopped at its limit (there may be more candidates).
    pub complete: bool,
}

/// Stop after this many candidates: more than a handful already means “ambiguous”.
const MAX_CANDIDATES: usize = 24;
/// Stop after this many search steps (a run of 30 digits into 15 cells has millions of splits;
/// the identities prune nearly all, but a hostile input must not hang the importer).
const MAX_STEPS: usize = 200_000;

/// One printed value: fixed, or a run of digits that may hold several cells.
#[derive(Debug, Clone)]
enum Token {
    Fixed(Option<Value>),
    /// Integer digits, and what follows them in the last part (a decimal tail, a unit).
    Run(String, String),
}

impl Token {
    fn of(v: &Option<Value>) -> Token {
        let Some(val) = v else {
            return Token::Fixed(None);
        };
        let digits: String = val.raw.chars().take_while(char::is_ascii_digit).collect();
        let tail = &val.raw[digits.len()..];
        let tail_ok = tail.is_empty()
            || (tail.starts_with('.') && tail[1..].starts_with(|c: char| c.is_ascii_digit()))
            || ["万元", "元", "万"].contains(&tail);
        if digits.len() >= 2 && tail_ok {
            Token::Run(digits, tail.to_owned())
        } else {
            Token::Fixed(v.clone())
        }
    }

    /// How many cells the token can give: (fewest, most).
    fn span(&self) -> (usize, usize) {
        match self {
            Token::Fixed(_) => (1, 1),
            Token::Run(d, _) => (1, d.len()),
        }
    }
}

/// How many cells `values` can give when digit runs may be split: (fewest, most).
pub fn span(values: &[Option<Value>]) -> (usize, usize) {
    values
        .iter()
        .map(|v| Token::of(v).span())
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
}

/// Whether any value is a run of digits that could hold more than one cell.
pub fn has_runs(values: &[Option<Value>]) -> bool {
    values
        .iter()
        .any(|v| matches!(Token::of(v), Token::Run(..)))
}

/// Every way of reading `values` as `n` cells that the `identities` allow.
pub fn splits(values: &[Option<Value>], n: usize, identities: &[Identity]) -> Splits {
    let tokens: Vec<Token> = values.iter().map(Token::of).collect();
    let mut rest = vec![(0, 0); tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        let (a, b) = tokens[i].span();
        rest[i] = (rest[i + 1].0 + a, rest[i + 1].1 + b);
    }
    let mut s = Search {
        tokens,
        rest,
        n,
        identities,
        steps: 0,
        out: Splits {
            candidates: Vec::new(),
            complete: true,
        },
    };
    let mut cur = Vec::with_capacity(n);
    s.token(0, &mut cur);
    s.out
}

struct Search<'a> {
    tokens: Vec<Token>,
    /// For each token position, the (fewest, most) cells the tokens from there on can give.
    rest: Vec<(usize, usize)>,
    n: usize,
    identities: &'a [Identity],
    steps: usize,
    out: Splits,
}

impl Search<'_> {
    fn stop(&mut self) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS || self.out.candidates.len() >= MAX_CANDIDATES {
            self.out.complete = false;
            return true;
        }
        false
    }

    /// Whether every identity that the cells so far complete still holds.
    fn holds(&self, cur: &[Option<Value>]) -> bool {
        let i = cur.len() - 1;
        self.identities
            .iter()
            .filter(|id| id.last() == i)
            .all(|id| {
                let cells: Vec<Cell> = cur.iter().map(cell_of).collect();
                id.allows(&cells)
            })
    }

    fn token(&mut self, t: usize, cur: &mut Vec<Option<Value>>) {
        if self.stop() {
            return;
        }
        let (lo, hi) = self.rest[t];
        if cur.len() + lo > self.n || cur.len() + hi < self.n {
            return;
        }
        match self.tokens.get(t).cloned() {
            None => {
                if !self.out.candidates.contains(cur) {
                    self.out.candidates.push(cur.clone());
                }
            }
            Some(Token::Fixed(v)) => {
                cur.push(v);
                if self.holds(cur) {
                    self.token(t + 1, cur);
                }
                cur.pop();
            }
            Some(Token::Run(d, tail)) => self.run(t, &d, &tail, 0, cur),
        }
    }

    /// The next part of run `t` starts at `start`.
    fn run(&mut self, t: usize, d: &str, tail: &str, start: usize, cur: &mut Vec<Option<Value>>) {
        let (lo, hi) = self.rest[t + 1];
        let left = d.len() - start;
        if self.stop() || cur.len() + 1 + lo > self.n || cur.len() + left + hi < self.n {
            return;
        }
        for end in start + 1..=d.len() {
            let part = &d[start..end];
            if part.len() > 1 && part.starts_with('0') {
                break; // numbers are not printed with a leading zero
            }
            let last = end == d.len();
            let raw = if last {
                format!("{part}{tail}")
            } else {
                part.to_owned()
            };
            let Some(cell) = value(&raw) else { continue };
            cur.push(Some(Value { cell, raw }));
            if self.holds(cur) {
                if last {
                    self.token(t + 1, cur);
                } else {
                    self.run(t, d, tail, end, cur);
                }
            }
            cur.pop();
        }
    }
}

/// The cell of a printed value (blank when nothing was printed).
pub fn cell_of(v: &Option<Value>) -> Cell {
    v.as_ref().map_or(Cell::Blank, |v| v.cell.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(raws: &[&str]) -> Vec<Option<Value>> {
        raws.iter()
            .map(|r| {
                value(r).map(|cell| Value {
                    cell,
                    raw: (*r).to_owned(),
                })
            })
            .collect()
    }

    fn nums(s: &Splits) -> Vec<Vec<i64>> {
        s.candidates
            .iter()
            .map(|c| {
                c.iter()
                    .map(|v| cell_of(v).integer().unwrap_or(-1))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_run_of_a_row_splits_the_one_way_its_total_allows() {
        let s = splits(&vals(&["7000007"]), 7, &row7());
        assert_eq!(nums(&s), [[7, 0, 0, 0, 0, 0, 7]]);
        let s = splits(&vals(&["230", "000023"]), 7, &row7());
        assert_eq!(nums(&s), [[23, 0, 0, 0, 0, 0, 23]]);
        let s = splits(&vals(&["23", "0", "00", "0", "023"]), 7, &row7());
        assert_eq!(nums(&s), [[23, 0, 0, 0, 0, 0, 23]]);
    }

    #[test]
    fn fifteen_zeros_are_table_four_and_an_unchecked_run_stays_ambiguous() {
        let s = splits(&vals(&["000000000000000"]), 15, &table4());
        assert_eq!(nums(&s), [[0; 15]]);
        let s = splits(&vals(&["898989"]), 3, &[]);
        assert!(s.candidates.len() > 1, "{:?}", nums(&s));
        let s = splits(&vals(&["13575394432.52元"]), 2, &[]);
        assert!(s.candidates.len() > 1);
        assert!(
            s.candidates
                .iter()
                .all(|c| c[1].as_ref().is_some_and(|v| v.raw.ends_with(".52元")))
        );
    }

    #[test]
    fn a_long_run_ends_at_the_limit_without_hanging() {
        let s = splits(&vals(&["12345678912345678912"]), 15, &[]);
        assert!(!s.complete);
    }
}
