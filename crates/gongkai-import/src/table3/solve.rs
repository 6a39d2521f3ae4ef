//! Choosing among the readings of rows whose digits ran together, with the identities across
//! rows: per column 一 + 二 = （七）总计 + 四 (T3-01) and （七）总计 = the sum of the result rows
//! (T3-03). The combination that breaks the fewest wins; a row still open after that keeps the
//! cells its candidates agree on, and says which candidates remain.

use super::row::{Note, RowRead};
use crate::diag;
use gongkai_domain::report::Cell;
use gongkai_domain::report::table3::{Row, RowRole};
use rust_decimal::Decimal;

/// Combinations tried at most; beyond that each open row is judged on its own.
const MAX_COMBINATIONS: usize = 20_000;

/// Reduces every row to one reading, adding a note where a choice was made or left open.
pub fn settle(reads: &mut [RowRead]) {
    let open: Vec<usize> = (0..reads.len())
        .filter(|&i| reads[i].options.len() > 1)
        .collect();
    if open.is_empty() {
        return;
    }
    let total: usize = open
        .iter()
        .map(|&i| reads[i].options.len())
        .try_fold(1usize, |acc, n| acc.checked_mul(n))
        .unwrap_or(usize::MAX);
    let kept = if total <= MAX_COMBINATIONS {
        best_combinations(reads, &open)
    } else {
        open.iter()
            .map(|&i| (0..reads[i].options.len()).collect())
            .collect()
    };
    for (&i, keep) in open.iter().zip(kept) {
        choose(&mut reads[i], &keep);
    }
}

/// For each open row, the readings used by the combinations that break the fewest identities.
fn best_combinations(reads: &[RowRead], open: &[usize]) -> Vec<Vec<usize>> {
    let mut pick = vec![0usize; open.len()];
    let mut best = usize::MAX;
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); open.len()];
    loop {
        let broken = broken(reads, open, &pick);
        if broken < best {
            best = broken;
            kept.iter_mut().for_each(Vec::clear);
        }
        if broken == best {
            for (k, &p) in kept.iter_mut().zip(&pick) {
                if !k.contains(&p) {
                    k.push(p);
                }
            }
        }
        // Next combination (odometer).
        let mut d = 0;
        loop {
            if d == open.len() {
                return kept;
            }
            pick[d] += 1;
            if pick[d] < reads[open[d]].options.len() {
                break;
            }
            pick[d] = 0;
            d += 1;
        }
    }
}

/// How many column identities break with the open rows read as `pick`.
fn broken(reads: &[RowRead], open: &[usize], pick: &[usize]) -> usize {
    let cell = |row: Row, col: usize| -> Option<Decimal> {
        let i = reads.iter().position(|r| r.row == row)?;
        let o = open.iter().position(|&x| x == i).map_or(0, |k| pick[k]);
        reads[i].options.get(o)?[col].number()
    };
    let results: Vec<Row> = reads
        .iter()
        .map(|r| r.row)
        .filter(|r| r.def().role == RowRole::Result)
        .collect();
    let mut n = 0;
    for col in 0..7 {
        let sum = |rows: &[Row]| -> Option<Decimal> { rows.iter().map(|r| cell(*r, col)).sum() };
        let t301 = (
            sum(&[Row::NewReceived, Row::CarriedOver]),
            sum(&[Row::Total, Row::CarriedForward]),
        );
        let t303 = (sum(&[Row::Total]), sum(&results));
        for (a, b) in [t301, t303] {
            if let (Some(a), Some(b)) = (a, b)
                && a != b
            {
                n += 1;
            }
        }
    }
    n
}

/// Keeps the readings `keep`: one is the answer; several leave the differing cells blank.
fn choose(read: &mut RowRead, keep: &[usize]) {
    let options: Vec<[Cell; 7]> = keep.iter().map(|&k| read.options[k].clone()).collect();
    if let [one] = options.as_slice() {
        let msg = format!(
            "本行（“{}”）有{}种拆法，按表中各列的勾稽关系取{}",
            read.printed,
            read.options.len(),
            describe(one)
        );
        read.notes.push((diag::SPLIT, msg));
        read.options = options;
        return;
    }
    let merged: [Cell; 7] = std::array::from_fn(|c| {
        let first = &options[0][c];
        if options.iter().all(|o| &o[c] == first) {
            first.clone()
        } else {
            Cell::Blank
        }
    });
    let listed: Vec<String> = options.iter().take(6).map(|o| describe(o)).collect();
    let note: Note = (
        diag::AMBIGUOUS,
        format!(
            "本行（“{}”）有{}种拆法都符合勾稽关系：{}；无法确定，不一致的格已留空",
            read.printed,
            options.len(),
            listed.join("；")
        ),
    );
    read.notes.push(note);
    read.options = vec![merged];
}

/// “7、0、0、0、0、0、7”.
pub fn describe(cells: &[Cell]) -> String {
    let parts: Vec<String> = cells.iter().map(Cell::describe).collect();
    parts.join("、")
}
