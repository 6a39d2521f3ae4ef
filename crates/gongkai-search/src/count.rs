//! How many documents match, counted only as far as anyone can page ([`COUNT_LIMIT`]), as web
//! search engines do. An exact total of a common four-character word reads the positions of
//! three bigrams in every candidate (about 0.5 µs each, so tens of milliseconds at 1,000,000
//! documents); stopping past the limit reads only as many candidates as it takes to find
//! `limit + 1` matches. The matches seen are kept: when they are all there are, the ranking
//! scores just them ([`crate::top::best_of`]) instead of walking the index again.

use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::{DocAddress, DocSet, Searcher, SegmentReader, TERMINATED};

use crate::request::MAX_DEPTH;

/// Where counting stops: the pageable depth ([`MAX_DEPTH`]), since no result past it can be
/// shown. A total that reaches it is reported as “at least”.
pub const COUNT_LIMIT: usize = MAX_DEPTH;

/// A count of matches: exact, or a lower bound once counting stopped at the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counted {
    pub total: usize,
    pub exact: bool,
}

/// A count and the matches seen while counting, in index order.
pub(crate) struct Walked {
    pub counted: Counted,
    /// Every match, in index order, when the count walked them all ([`Walked::all`]); otherwise
    /// none.
    pub seen: Vec<DocAddress>,
}

impl Walked {
    /// The matches, when the walk saw every one of them (an exact count that was walked, not
    /// read from a document frequency).
    pub fn all(&self) -> Option<&[DocAddress]> {
        (self.counted.exact && self.seen.len() == self.counted.total).then_some(&self.seen)
    }
}

/// Counts the documents matching `matching` up to `limit`, keeping those seen. A bare term
/// query (a word that is one bigram) in an index without deletions is counted exactly at any
/// size from its document frequency, which costs nothing (and sees none); anything else is
/// walked, the segments in parallel, until `limit + 1` live matches are seen.
pub(crate) fn count_up_to(
    searcher: &Searcher,
    matching: &dyn Query,
    limit: usize,
) -> tantivy::Result<Walked> {
    let readers = searcher.segment_readers();
    let weight = matching.weight(EnableScoring::disabled_from_searcher(searcher))?;
    if matching.is::<TermQuery>() && readers.iter().all(|r| r.alive_bitset().is_none()) {
        let mut total = 0;
        for reader in readers {
            total += weight.count(reader)? as usize;
        }
        let counted = Counted { total, exact: true };
        return Ok(Walked {
            counted,
            seen: Vec::new(),
        });
    }
    // The segments are walked in parallel; each stops once `limit + 1` matches are seen in all.
    let counted_so_far = AtomicUsize::new(0);
    let walk =
        |(ord, reader): (usize, &SegmentReader)| -> tantivy::Result<(Vec<DocAddress>, bool)> {
            let mut seen = Vec::new();
            for addr in live_matches(&*weight, ord, reader)? {
                if counted_so_far.fetch_add(1, Ordering::Relaxed) >= limit {
                    return Ok((seen, false));
                }
                seen.push(addr);
            }
            Ok((seen, true))
        };
    let segments = searcher
        .index()
        .search_executor()
        .map(walk, readers.iter().enumerate())?;
    if segments.iter().any(|(_, complete)| !complete) {
        let counted = Counted {
            total: limit,
            exact: false,
        };
        return Ok(Walked {
            counted,
            seen: Vec::new(),
        });
    }
    let seen: Vec<DocAddress> = segments.into_iter().flat_map(|(seen, _)| seen).collect();
    let counted = Counted {
        total: seen.len(),
        exact: true,
    };
    Ok(Walked { counted, seen })
}

/// The ordinal of the `ord`-th segment in a [`DocAddress`].
pub(crate) fn segment_ordinal(ord: usize) -> u32 {
    u32::try_from(ord).expect("a searcher holds fewer than 2³² segments")
}

/// The live documents of segment `ord` that `condition` matches, in index order.
pub(crate) fn live_matches<'a>(
    condition: &dyn Weight,
    ord: usize,
    reader: &'a SegmentReader,
) -> tantivy::Result<impl Iterator<Item = DocAddress> + 'a> {
    let segment = segment_ordinal(ord);
    let mut docs = condition.scorer(reader, 1.0)?;
    let alive = reader.alive_bitset();
    let mut doc = docs.doc();
    let all = std::iter::from_fn(move || {
        let here = doc;
        (here != TERMINATED).then(|| {
            doc = docs.advance();
            here
        })
    });
    Ok(all
        .filter(move |d| alive.is_none_or(|a| a.is_alive(*d)))
        .map(move |d| DocAddress::new(segment, d)))
}
