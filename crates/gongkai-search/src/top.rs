//! The best results by relevance without scoring every match. The ranking is a sum of term
//! scores, which tantivy walks with block-max WAND: whole blocks of postings that cannot beat
//! the current tenth-best score are skipped. Each document the walk offers is kept only if it
//! also matches the query's condition, checked in place ([`DocSet::seek_danger`]), so the
//! threshold only ever rises to real results and nothing better is skipped. The segments are
//! walked in parallel, each walk skipping what cannot beat the best threshold any of them
//! holds, since scores share the searcher's statistics. The walk goes over the 标题 + 文号
//! terms first, adding the other terms' scores to what it meets ([`best_heading_first`]); only
//! when that cannot settle the page does it walk the union of every term ([`best`]). A match
//! holding no term of the union scores 0: such matches only fill the page when too few score
//! more ([`fill_unranked`]).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};

use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SeekDangerResult, SegmentReader};

use crate::count::{live_matches, segment_ordinal};
use crate::query::Ranking;

/// A result held while collecting: better is a higher score, then an earlier document.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranked {
    score: Score,
    addr: DocAddress,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    /// Worse first, so that the heap's top is the result to drop.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.addr.cmp(&other.addr))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The `n` best results seen so far.
pub(crate) struct Best {
    n: usize,
    heap: BinaryHeap<Ranked>,
}

impl Best {
    /// Keeps the `n` best.
    pub fn new(n: usize) -> Best {
        Best {
            n,
            heap: BinaryHeap::with_capacity(n + 1),
        }
    }

    /// The score a result must exceed to be kept.
    pub fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(worst) if self.heap.len() >= self.n => worst.score,
            _ => Score::MIN,
        }
    }

    /// Whether `n` results are held, so that the threshold is a real result's score.
    pub fn is_full(&self) -> bool {
        self.heap.len() >= self.n
    }

    /// Offers a result; it is kept if it beats the threshold (ties keep the earlier one).
    pub fn offer(&mut self, score: Score, addr: DocAddress) {
        if self.n == 0 || (self.heap.len() >= self.n && score <= self.threshold()) {
            return;
        }
        self.heap.push(Ranked { score, addr });
        if self.heap.len() > self.n {
            self.heap.pop();
        }
    }

    /// The results kept, best first.
    pub fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut out: Vec<Ranked> = self.heap.into_vec();
        out.sort_unstable(); // worse last: `Ord` puts better first
        out.into_iter().map(|r| (r.score, r.addr)).collect()
    }
}

/// The highest tenth-best score (or `n`-th) that any segment's walk already holds: a walk in
/// another segment can skip what cannot reach it. Every score of the union is positive, so
/// the bits of the scores order as the scores do.
struct Shared(AtomicU32);

impl Shared {
    fn raise(&self, score: Score) {
        self.0
            .fetch_max(score.max(0.0).to_bits(), AtomicOrdering::Relaxed);
    }

    /// What a walk may skip: below the shared score, not at it, so that of equal scores the
    /// earlier document still wins, whichever segment's walk got there first.
    fn bound(&self) -> Score {
        f32::from_bits(self.0.load(AtomicOrdering::Relaxed)).next_down()
    }
}

/// The `n` best documents matching `matching` that hold a term of `ranking`, by their score
/// in it; fewer when fewer such documents match. The segments are walked in parallel on the
/// index's search threads, sharing the score to beat.
pub(crate) fn best(
    searcher: &Searcher,
    matching: &dyn Query,
    ranking: &dyn Query,
    n: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    Ok(pruned_walk(searcher, matching, ranking, &[], 0.0, n)?.into_sorted())
}

/// The `n` best matches, found by walking only the 标题 + 文号 terms, when that settles them:
/// `None` when it cannot (see below), and the caller walks the whole union instead.
///
/// The terms anywhere in the text have long postings lists (a common word is in most
/// documents), which make the union's pruned walk step block by block through all of them;
/// yet they add at most `bound` to a score, little beside a word in the title. So the walk
/// goes over the short heading lists only and adds the anywhere terms' scores to each match it
/// meets (a seek per term), skipping every document whose heading score plus `bound` cannot
/// beat the `n`-th best. A match holding no heading term scores at most `bound`: once the
/// `n`-th best scores more, none can enter, and the result is the union's exactly; otherwise
/// (a word rare in titles) it is `None`.
pub(crate) fn best_heading_first(
    searcher: &Searcher,
    matching: &dyn Query,
    ranking: &Ranking,
    n: usize,
) -> tantivy::Result<Option<Vec<(Score, DocAddress)>>> {
    let bound = ranking.anywhere_bound(searcher)?;
    let heading = ranking.heading();
    let all = pruned_walk(searcher, matching, &*heading, &ranking.anywhere(), bound, n)?;
    let settled = all.is_full() && all.threshold() > bound;
    Ok(settled.then(|| all.into_sorted()))
}

/// The `n` best matches of `matching` among the documents `walked` holds, each scored by
/// `walked` plus the queries `added` (which together add at most `slack`): the segments walked
/// in parallel, skipping what cannot beat the best `n` any walk holds.
fn pruned_walk(
    searcher: &Searcher,
    matching: &dyn Query,
    walked: &dyn Query,
    added: &[Box<dyn Query>],
    slack: Score,
    n: usize,
) -> tantivy::Result<Best> {
    let condition = matching.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let walked = walked.weight(scoring)?;
    let added = weights(added, scoring)?;
    let shared = Shared(AtomicU32::new(0));
    let segment_walk = |(ord, reader): (usize, &SegmentReader)| -> tantivy::Result<Best> {
        let segment = segment_ordinal(ord);
        let mut best = Best::new(n);
        let mut matches = condition.scorer(reader, 1.0)?;
        let mut added = scorers(&added, reader)?;
        let alive = reader.alive_bitset();
        // No match lies before `next`: the condition's docset stands at its first match, and
        // afterwards `seek_danger` tells how far it is safe to skip.
        let mut next = matches.doc();
        walked.for_each_pruning(shared.bound() - slack, reader, &mut |doc, score| {
            if doc >= next && alive.is_none_or(|a| a.is_alive(doc)) {
                match matches.seek_danger(doc) {
                    SeekDangerResult::Found => {
                        let score = score + score_at(&mut added, doc);
                        best.offer(score, DocAddress::new(segment, doc));
                        next = doc + 1;
                        if best.is_full() {
                            shared.raise(best.threshold());
                        }
                    }
                    SeekDangerResult::SeekLowerBound(bound) => next = bound,
                }
            }
            // What the walked terms must exceed for a document to beat the best held.
            best.threshold().max(shared.bound()) - slack
        })?;
        Ok(best)
    };
    let segments = searcher.segment_readers().iter().enumerate();
    let mut all = Best::new(n);
    for segment in searcher
        .index()
        .search_executor()
        .map(segment_walk, segments)?
    {
        for (score, addr) in segment.into_sorted() {
            all.offer(score, addr);
        }
    }
    Ok(all)
}

/// Each query's weight, scored as `scoring` says.
fn weights(
    queries: &[Box<dyn Query>],
    scoring: EnableScoring<'_>,
) -> tantivy::Result<Vec<Box<dyn Weight>>> {
    queries.iter().map(|q| q.weight(scoring)).collect()
}

/// Each weight's scorer in `reader`.
fn scorers(
    weights: &[Box<dyn Weight>],
    reader: &SegmentReader,
) -> tantivy::Result<Vec<Box<dyn Scorer>>> {
    weights.iter().map(|w| w.scorer(reader, 1.0)).collect()
}

/// The sum of the scores of `scorers` holding `doc`, each moved to it (the documents asked
/// for must come in index order).
fn score_at(scorers: &mut [Box<dyn Scorer>], doc: DocId) -> Score {
    let mut score = 0.0;
    for scorer in scorers {
        let mut at = scorer.doc();
        if at < doc {
            at = scorer.seek(doc);
        }
        if at == doc {
            score += scorer.score();
        }
    }
    score
}

/// `found` (the best matches holding a ranking term, fewer than `n` only when that is all of
/// them) completed to `n` with the other matches, which score 0, in index order.
pub(crate) fn fill_unranked(
    searcher: &Searcher,
    matching: &dyn Query,
    mut found: Vec<(Score, DocAddress)>,
    n: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if found.len() >= n {
        return Ok(found);
    }
    let ranked: HashSet<DocAddress> = found.iter().map(|(_, addr)| *addr).collect();
    let condition = matching.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        for addr in live_matches(&*condition, ord, reader)? {
            if !ranked.contains(&addr) {
                found.push((0.0, addr));
                if found.len() == n {
                    return Ok(found);
                }
            }
        }
    }
    Ok(found)
}

/// The `n` best of `docs` (every match, in index order, as the count saw them), each scored by
/// seeking every ranking clause to it; a match no clause covers scores 0, as in
/// [`fill_unranked`]. For a few matches this is far cheaper than the pruned walk, whose
/// threshold rises slowly when most of what the union offers fails the condition (a selective
/// filter). Seeking the clauses one by one reads only the blocks holding the documents, where
/// seeking their union would read every posting of every term near them.
pub(crate) fn best_of(
    searcher: &Searcher,
    clauses: &[Box<dyn Query>],
    docs: &[DocAddress],
    n: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let weights = weights(clauses, EnableScoring::enabled_from_searcher(searcher))?;
    let mut best = Best::new(n);
    for same in docs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let reader = searcher.segment_reader(same[0].segment_ord);
        let mut scorers = scorers(&weights, reader)?;
        for addr in same {
            best.offer(score_at(&mut scorers, addr.doc_id), *addr);
        }
    }
    Ok(best.into_sorted())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_are_kept_in_order_and_ties_keep_the_earlier_document() {
        let mut best = Best::new(2);
        let at = |doc| DocAddress::new(0, doc);

        assert_eq!(best.threshold(), Score::MIN);
        for (score, doc) in [(1.0, 1), (3.0, 2), (2.0, 3), (2.0, 4), (0.5, 5)] {
            best.offer(score, at(doc));
        }

        assert_eq!(best.threshold(), 2.0);
        assert_eq!(best.into_sorted(), [(3.0, at(2)), (2.0, at(3))]);
    }

    #[test]
    fn nothing_is_kept_when_none_is_wanted() {
        let mut best = Best::new(0);
        best.offer(1.0, DocAddress::new(0, 1));
        assert!(best.into_sorted().is_empty());
    }
}
