//! Aligning the printed value groups of table 三 to the template's rows, in order.
//!
//! A label printed in the row's own cell is reliable. A label printed on lines before the
//! numbers (a PDF converted to Markdown puts labels and values in separate blocks) may belong to
//! another row, and some rows are printed with no label at all. The template fixes the order of
//! the rows, so the groups are aligned to it as a whole, like two sequences: each group goes to
//! at most one row, in order; a row label of its own must match; other rows are placed by their
//! position among their neighbours. The best-scoring alignment wins (dynamic programming over
//! groups × rows), so one stray label cannot pull every following row out of place.

/// What a group's label says about its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Its own label cell names template row `.0`.
    Own(usize),
    /// Text printed before its numbers names template row `.0`.
    Near(usize),
    /// Its own label cell names no row of the template (a local row such as “其他主动公开文件”).
    Foreign,
    /// No label that names a row.
    None,
}

/// One printed group, as the alignment sees it.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    /// What its label says.
    pub label: Label,
    /// How many cells its values can give (fewest, most): digit runs may hold several.
    pub span: (usize, usize),
    /// Whether every cell is blank (a row printed empty, or a header line's empty cells): it
    /// fills a row only when no group with values does.
    pub blank: bool,
}

/// Where the groups went: per template row, the groups that fill it (none, one, or two that
/// were printed apart: a row broken across a page).
pub type Plan = Vec<Vec<usize>>;

const OWN: i32 = 10;
const NEAR: i32 = 6;
const BY_ORDER: i32 = 2;
const NEAR_ELSEWHERE: i32 = 1;
/// Dropping a group that could fill a row, or one that could not. Filling as many rows as the
/// groups allow comes first (labels printed after their numbers shift every label by one row,
/// so label agreement alone would drop a row and leave one empty); labels decide the rest.
const DROP_FITTING: i32 = -100;
const DROP_MISFIT: i32 = -1;
/// Leaving a row unfilled.
const EMPTY_ROW: i32 = -50;
/// Filling a row from two groups rather than one.
const JOINED: i32 = -1;
/// Filling a row from a group with no values.
const BLANK: i32 = -5;
const NEVER: i32 = i32::MIN / 4;

fn label_score(label: Label, row: usize) -> i32 {
    match label {
        Label::Own(r) if r == row => OWN,
        Label::Own(_) | Label::Foreign => NEVER,
        Label::Near(r) if r == row => NEAR,
        Label::Near(_) => NEAR_ELSEWHERE,
        Label::None => BY_ORDER,
    }
}

/// A group of one cell too many or too few may still be a row (a lost or split cell, repaired
/// by the row's total); one far from the width is not a row (a page number, a stray header).
fn fit_score((lo, hi): (usize, usize), width: usize) -> i32 {
    if (lo..=hi).contains(&width) {
        0
    } else if lo == width + 1 || hi + 1 == width {
        -1
    } else {
        -12
    }
}

fn drop_score(p: &Piece, width: usize) -> i32 {
    if !p.blank && fit_score(p.span, width) == 0 {
        DROP_FITTING
    } else {
        DROP_MISFIT
    }
}

#[derive(Clone, Copy)]
enum Step {
    DropGroup,
    EmptyRow,
    One,
    Two,
}

/// Aligns `pieces` to `rows` template rows of `width` cells each.
pub fn align(pieces: &[Piece], rows: usize, width: usize) -> Plan {
    let (m, k) = (pieces.len(), rows);
    // best[i][j]: best score having used the first i groups and the first j rows.
    let mut best = vec![vec![NEVER; k + 1]; m + 1];
    let mut step = vec![vec![Step::EmptyRow; k + 1]; m + 1];
    best[0][0] = 0;
    for i in 0..=m {
        for j in 0..=k {
            let here = best[i][j];
            if here == NEVER {
                continue;
            }
            let mut relax = |ii: usize, jj: usize, score: i32, s: Step| {
                if score > NEVER / 2 && here + score > best[ii][jj] {
                    best[ii][jj] = here + score;
                    step[ii][jj] = s;
                }
            };
            if i < m {
                relax(i + 1, j, drop_score(&pieces[i], width), Step::DropGroup);
            }
            if j < k {
                relax(i, j + 1, EMPTY_ROW, Step::EmptyRow);
            }
            if i < m && j < k {
                let p = &pieces[i];
                let blank = if p.blank { BLANK } else { 0 };
                let score = label_score(p.label, j) + fit_score(p.span, width) + blank;
                relax(i + 1, j + 1, score, Step::One);
            }
            if i + 1 < m && j < k {
                relax(
                    i + 2,
                    j + 1,
                    joined_score(&pieces[i], &pieces[i + 1], j, width),
                    Step::Two,
                );
            }
        }
    }
    trace(&step, m, k)
}

/// Two groups fill one row only when the second has no label and neither fills it alone.
fn joined_score(a: &Piece, b: &Piece, row: usize, width: usize) -> i32 {
    let span = (a.span.0 + b.span.0, a.span.1 + b.span.1);
    let alone = fit_score(a.span, width) == 0 || fit_score(b.span, width) == 0;
    if b.label != Label::None || a.blank || b.blank || alone || fit_score(span, width) != 0 {
        return NEVER;
    }
    label_score(a.label, row) + JOINED
}

fn trace(step: &[Vec<Step>], m: usize, k: usize) -> Plan {
    let mut plan = vec![Vec::new(); k];
    let (mut i, mut j) = (m, k);
    while i > 0 || j > 0 {
        match step[i][j] {
            Step::DropGroup => i -= 1,
            Step::EmptyRow => j -= 1,
            Step::One => {
                i -= 1;
                j -= 1;
                plan[j] = vec![i];
            }
            Step::Two => {
                i -= 2;
                j -= 1;
                plan[j] = vec![i, i + 1];
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(label: Label) -> Piece {
        Piece {
            label,
            span: (7, 7),
            blank: false,
        }
    }

    #[test]
    fn unlabelled_rows_take_the_free_places_between_their_labelled_neighbours() {
        // Rows 0..5; printed: 0, (none), 2, (none), (none), 5 — with a drifted label on the
        // third unlabelled one.
        let pieces = [
            p(Label::Own(0)),
            p(Label::None),
            p(Label::Own(2)),
            p(Label::Near(5)),
            p(Label::None),
            p(Label::Own(5)),
        ];
        let plan = align(&pieces, 6, 7);
        assert_eq!(
            plan,
            vec![vec![0], vec![1], vec![2], vec![3], vec![4], vec![5]]
        );
    }

    #[test]
    fn a_stray_number_is_dropped_and_a_broken_row_joined() {
        let stray = Piece {
            label: Label::None,
            span: (1, 1),
            blank: false,
        };
        let half = |n| Piece {
            label: Label::None,
            span: (n, n),
            blank: false,
        };
        let pieces = [p(Label::Own(0)), stray, p(Label::None), half(3), half(4)];
        let plan = align(&pieces, 3, 7);
        assert_eq!(plan, vec![vec![0], vec![2], vec![3, 4]]);
    }

    #[test]
    fn a_foreign_row_is_never_placed() {
        let pieces = [p(Label::Own(0)), p(Label::Foreign), p(Label::Own(2))];
        let plan = align(&pieces, 3, 7);
        assert_eq!(plan, vec![vec![0], vec![], vec![2]]);
    }
}
