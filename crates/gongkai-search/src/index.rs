//! [`SearchIndex`]: one tantivy index, on disk or in memory, with its single writer and a reader
//! that sees every commit. The writer is opened on the first change, not on open, so a process
//! that only searches never takes tantivy's directory lock.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::index::SegmentId;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::{Field, Value};
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, Searcher, TantivyDocument, Term,
};

use crate::count::{COUNT_LIMIT, Counted, count_up_to};
use crate::document::SearchDocument;
use crate::error::SearchError;
use crate::highlight::{folded_words, lead, mark_all, snippet};
use crate::query::{matching, parse_words, ranking};
use crate::request::{Hit, IdPage, MAX_DEPTH, SearchPage, SearchRequest, Sort};
use crate::schema::{Fields, Part, date_of, register_analysers, schema, to_tantivy};
use crate::top::{best, best_heading_first, best_of, fill_unranked};

/// A search index of published documents. Changes become visible to searches at
/// [`SearchIndex::commit`]; changes not committed are lost when the index is dropped.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<Option<IndexWriter>>,
    writer_threads: usize,
    writer_memory: usize,
}

/// The writer's default memory budget: small enough for a 2-core machine running tests.
const DEFAULT_WRITER_MEMORY: usize = 50_000_000;

/// Threads one search runs on: its segments are walked in parallel, one per core (at most 8).
fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Segment ids in `parts` groups of about equal document counts (the largest segments first,
/// each into the group holding fewest so far).
fn balanced(mut segments: Vec<(SegmentId, u32)>, parts: usize) -> Vec<Vec<SegmentId>> {
    segments.sort_by_key(|(_, docs)| std::cmp::Reverse(*docs));
    let mut groups: Vec<(u64, Vec<SegmentId>)> = vec![(0, Vec::new()); parts.max(1)];
    for (id, docs) in segments {
        if let Some(lightest) = groups.iter_mut().min_by_key(|(total, _)| *total) {
            lightest.0 += u64::from(docs);
            lightest.1.push(id);
        }
    }
    groups.into_iter().map(|(_, ids)| ids).collect()
}

impl SearchIndex {
    /// A new, empty index in memory (tests, and tools that rebuild on every start).
    pub fn in_ram() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        Self::wrap(Index::create_in_ram(schema), fields)
    }

    /// Opens the index in `dir`, creating the directory and an empty index if there is none.
    /// An index built with another schema is refused ([`SearchError::SchemaChanged`]): it is
    /// derived data, to be deleted and rebuilt.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let directory = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let index = if Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            let index = Index::open(directory)?;
            if index.schema() != schema {
                return Err(SearchError::SchemaChanged);
            }
            index
        } else {
            Index::create(directory, schema, tantivy::IndexSettings::default())?
        };
        Self::wrap(index, fields)
    }

    fn wrap(mut index: Index, fields: Fields) -> Result<SearchIndex, SearchError> {
        register_analysers(&index);
        index.set_multithread_executor(search_threads())?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writer: Mutex::new(None),
            writer_threads: 1,
            writer_memory: DEFAULT_WRITER_MEMORY,
        })
    }

    /// Sets the indexing threads and their total memory, for bulk rebuilds (takes effect when
    /// the writer is next opened; tantivy needs at least 15 MB per thread).
    pub fn with_writer(mut self, threads: usize, memory_bytes: usize) -> SearchIndex {
        self.writer_threads = threads.max(1);
        self.writer_memory = memory_bytes.max(self.writer_threads * 15_000_000);
        self
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>, SearchError> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| SearchError::WriterPoisoned)?;
        if guard.is_none() {
            let w = self
                .index
                .writer_with_num_threads(self.writer_threads, self.writer_memory)?;
            *guard = Some(w);
        }
        Ok(guard)
    }

    fn with_writer_do<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter) -> tantivy::Result<T>,
    ) -> Result<T, SearchError> {
        let mut guard = self.writer()?;
        let writer = guard.as_mut().ok_or(SearchError::WriterPoisoned)?;
        Ok(f(writer)?)
    }

    /// Adds `doc`, replacing any document with the same id.
    pub fn upsert(&self, doc: &SearchDocument) -> Result<(), SearchError> {
        let d = to_tantivy(&self.fields, doc);
        let id = Term::from_field_i64(self.fields.id, doc.id);
        self.with_writer_do(|w| {
            w.delete_term(id);
            w.add_document(d).map(|_| ())
        })
    }

    /// Removes the document with this id (nothing happens if there is none).
    pub fn delete(&self, id: i64) -> Result<(), SearchError> {
        let id = Term::from_field_i64(self.fields.id, id);
        self.with_writer_do(|w| Ok(w.delete_term(id)).map(|_| ()))
    }

    /// Removes every document before a rebuild from the store. Until [`SearchIndex::finish`],
    /// segments are not merged: merging while the rebuild still writes would copy most
    /// documents several times (at 1,000,000 documents even one merge into a single segment
    /// added 14 % to the build).
    pub fn clear(&self) -> Result<(), SearchError> {
        self.with_writer_do(|w| {
            w.delete_all_documents()?;
            w.set_merge_policy(Box::new(NoMergePolicy));
            Ok(())
        })
    }

    /// Makes every change so far durable and visible to searches.
    pub fn commit(&self) -> Result<(), SearchError> {
        self.with_writer_do(|w| w.commit().map(|_| ()))?;
        Ok(self.reader.reload()?)
    }

    /// Commits, merges the segments into one per search thread, waits for the merges and
    /// releases the writer (and its directory lock) until the next change: the end of a bulk
    /// rebuild. A rebuild leaves one segment per filling of the writer's memory (see
    /// [`SearchIndex::with_writer`]), 36 at 1,000,000 documents, and every segment repeats a
    /// search's fixed work; one segment per thread is what a search walks in parallel. The
    /// merges run in parallel too (about a fifth of a rebuild's time at 1,000,000 documents).
    pub fn finish(&self) -> Result<(), SearchError> {
        self.with_writer_do(|w| {
            // Only these merges: none of tantivy's policy may hold a segment they need.
            w.set_merge_policy(Box::new(NoMergePolicy));
            Ok(())
        })?;
        self.commit()?;
        let segments = self
            .index
            .searchable_segment_metas()?
            .iter()
            .map(|m| (m.id(), m.num_docs()))
            .collect();
        let groups = balanced(segments, search_threads());
        self.with_writer_do(|w| {
            let merges: Vec<_> = groups
                .iter()
                .filter(|ids| ids.len() > 1)
                .map(|ids| w.merge(ids))
                .collect();
            merges.into_iter().try_for_each(|m| m.wait().map(|_| ()))
        })?;
        let writer = self
            .writer
            .lock()
            .map_err(|_| SearchError::WriterPoisoned)?
            .take();
        if let Some(writer) = writer {
            writer.wait_merging_threads()?;
        }
        Ok(self.reader.reload()?)
    }

    /// How many segments searches read: each repeats a search's fixed work.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// How many documents searches see.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many documents match (counted up to [`crate::COUNT_LIMIT`]) and the ids on the
    /// requested page with their scores, without reading stored text (for callers that render
    /// from the store, and for benchmarks).
    pub fn search_ids(&self, req: &SearchRequest) -> Result<IdPage, SearchError> {
        let words = parse_words(&req.text)?;
        let searcher = self.reader.searcher();
        let (counted, found) = self.collect(&searcher, req, &words)?;
        let mut ids = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let id = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .i64("id")?;
            ids.push((id.first(addr.doc_id).unwrap_or_default(), score));
        }
        Ok(IdPage {
            total: counted.total,
            total_exact: counted.exact,
            ids,
        })
    }

    /// Every document matching the words and filters of `req`, counted however many there are.
    /// It costs what an uncapped total does (tens of milliseconds for a common word at 1,000,000
    /// documents), so pages never use it: it is for checks (the benchmark's recall) and tools.
    pub fn count_exact(&self, req: &SearchRequest) -> Result<usize, SearchError> {
        let words = parse_words(&req.text)?;
        let searcher = self.reader.searcher();
        Ok(matching(&self.fields, &words, &req.filters).count(&searcher)?)
    }

    /// A page of results with highlighted titles and snippets.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchPage, SearchError> {
        let words = parse_words(&req.text)?;
        let searcher = self.reader.searcher();
        let (counted, found) = self.collect(&searcher, req, &words)?;
        let marks = folded_words(&words);
        // Each hit reads and decompresses its stored text and marks the words in it: on the
        // search threads, in parallel (measured at 1,000,000 documents: p99 6.0–7.0 → 3.8–5.8 ms).
        let hit = |(score, addr)| Ok(self.hit(&searcher, addr, score, &marks));
        let hits = searcher
            .index()
            .search_executor()
            .map(hit, found.into_iter())?
            .into_iter()
            .collect::<Result<Vec<Hit>, SearchError>>()?;
        let per_page = req.window().map_or(req.per_page, |(_, limit)| limit);
        Ok(SearchPage {
            total: counted.total,
            total_exact: counted.exact,
            page: req.page.max(1),
            per_page,
            hits,
        })
    }

    fn collect(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        words: &[String],
    ) -> Result<(Counted, Vec<(f32, DocAddress)>), SearchError> {
        let (offset, limit) = req
            .window()
            .ok_or(SearchError::PageTooDeep { max: MAX_DEPTH })?;
        let matching = matching(&self.fields, words, &req.filters);
        if words.is_empty() || req.sort == Sort::Newest {
            let top = TopDocs::with_limit(limit).and_offset(offset);
            let newest = top.order_by_fast_field::<DateTime>("published", Order::Desc);
            // Ordering by date visits every match, so counting them all costs nothing more.
            let (docs, total) = searcher.search(&*matching, &(newest, Count))?;
            let docs = docs.into_iter().map(|(_, addr)| (0.0, addr)).collect();
            return Ok((Counted { total, exact: true }, docs));
        }
        // Counted apart from the ranking, and only up to the pageable depth: the ranking need
        // not score every match, and the count need not find them all.
        let walked = count_up_to(searcher, &*matching, COUNT_LIMIT)?;
        let counted = walked.counted;
        let ranking = ranking(&self.fields, words);
        let n = offset + limit;
        let found = if let Some(all) = walked.all() {
            // Few matches, all seen by the count: scored one by one.
            best_of(searcher, &ranking.clauses(), all, n)?
        } else if let Some(best) = best_heading_first(searcher, &*matching, &ranking, n)? {
            best
        } else {
            let ranked = best(searcher, &*matching, &*ranking.query(), n)?;
            fill_unranked(searcher, &*matching, ranked, n)?
        };
        Ok((counted, found.into_iter().skip(offset).collect()))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        words: &[Vec<char>],
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        let part = |p: Part| text(self.fields.stored(p));
        Ok(Hit {
            id: doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_i64())
                .unwrap_or_default(),
            score,
            agency_code: text(self.fields.agency),
            published_on: doc
                .get_first(self.fields.published)
                .and_then(|v| v.as_datetime())
                .and_then(date_of),
            title_html: mark_all(&part(Part::Title), words),
            doc_no_html: mark_all(&part(Part::DocNo), words),
            snippet_html: best_snippet(
                &part(Part::Summary),
                &part(Part::Body),
                &part(Part::Attachment),
                words,
            ),
        })
    }
}

/// The passage showing the most distinct words, from the 内容概述, the body or the attachments
/// (marked as such); without any, the start of the 内容概述 or else of the body.
fn best_snippet(summary: &str, body: &str, attachment: &str, words: &[Vec<char>]) -> String {
    let candidates = [("", summary), ("", body), ("附件：", attachment)];
    let mut best: Option<(usize, String)> = None;
    for (label, text) in candidates {
        if let Some((n, html)) = snippet(text, words)
            && best.as_ref().is_none_or(|(b, _)| n > *b)
        {
            best = Some((n, format!("{label}{html}")));
        }
    }
    match best {
        Some((_, html)) => html,
        None if !summary.trim().is_empty() => lead(summary),
        None => lead(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::count_up_to;

    fn doc(id: i64, title: String, body: String) -> SearchDocument {
        SearchDocument {
            id,
            title,
            body,
            ..SearchDocument::default()
        }
    }

    /// An index of `count` segments of `per` documents each, ids `segment × 1,000 + i`, with
    /// the title and body `make` gives an id.
    fn segments(count: i64, per: i64, make: impl Fn(i64) -> (String, String)) -> SearchIndex {
        let index = SearchIndex::in_ram()
            .map(|i| i.with_writer(1, 15_000_000))
            .expect("an index");
        for segment in 0..count {
            for i in 0..per {
                let id = segment * 1_000 + i;
                let (title, body) = make(id);
                index.upsert(&doc(id, title, body)).expect("added");
            }
            index.commit().expect("committed");
        }
        index
    }

    #[test]
    fn the_parallel_pruned_walk_finds_the_best_that_scoring_every_match_finds() {
        // Arrange: six segments of documents that all match, scoring differently (预算 in some
        // titles, as often as 1–5 times in the body) and many alike (ties).
        let index = segments(6, 300, |id| {
            let title = if id % 37 == 0 {
                "部门预算"
            } else {
                "通知"
            };
            let body = "预算执行良好，".repeat(1 + (id % 5) as usize) + "其他工作安排。";
            (title.into(), body)
        });
        assert!(index.num_segments() >= 2);
        let searcher = index.reader.searcher();
        let words = parse_words("预算执行").expect("a word");
        let matching = matching(&index.fields, &words, &crate::Filters::default());
        let ranking = ranking(&index.fields, &words);
        let every = count_up_to(&searcher, &*matching, usize::MAX).expect("counted");
        let every = every.all().expect("every match seen");

        for n in [1, 10, 100] {
            // Act
            let walked = best(&searcher, &*matching, &*ranking.query(), n).expect("walked");

            // Assert: the same scores rank by rank, so nothing better was skipped. (The union
            // adds a document's term scores in another order than `best_of`, so equal scores
            // may differ in the last bit and swap documents of the same score.)
            let scored = best_of(&searcher, &ranking.clauses(), every, n).expect("scored");
            assert_same_scores(&walked, &scored, n);
        }
    }

    #[test]
    fn the_heading_walk_adds_the_text_scores_and_settles_only_what_it_can() {
        // Arrange: three segments; every tenth document titled with the word, the text holding
        // it 1–7 times in the same length, so that the best come late in each segment.
        let index = segments(3, 200, |id| {
            let title = match id {
                _ if id % 10 == 0 => "部门预算资金".to_owned(),
                // The word lost in a long title scores less than in some texts.
                1 => "部门预算资金".to_owned() + &"，工作通知".repeat(200),
                _ => "工作通知".to_owned(),
            };
            // Half the documents lack the word, so that it weighs in the text.
            let k = match id {
                1 => 1,
                _ if id % 2 == 0 => 1 + (id % 7) as usize,
                _ => 0,
            };
            (title, "预算资金，".repeat(k) + &"安排工作，".repeat(8 - k))
        });
        let searcher = index.reader.searcher();
        let words = parse_words("预算资金").expect("a word");
        let matching = matching(&index.fields, &words, &crate::Filters::default());
        let ranking = ranking(&index.fields, &words);
        let every = count_up_to(&searcher, &*matching, usize::MAX).expect("counted");
        let every = every.all().expect("every match seen");

        for n in [1, 10, 60] {
            // Act
            let found = best_heading_first(&searcher, &*matching, &ranking, n).expect("walked");

            // Assert: the same scores as scoring every match, text included.
            let scored = best_of(&searcher, &ranking.clauses(), every, n).expect("scored");
            assert_same_scores(&found.expect("settled by the titles"), &scored, n);
        }
        // The 61st title holding the word is the long one, which scores less than the word
        // seven times in a text may: the heading walk cannot tell the 61st best, nor the 62nd.
        for n in [61, 62] {
            let unsettled = best_heading_first(&searcher, &*matching, &ranking, n).expect("walked");
            assert!(unsettled.is_none(), "the best {n} are not all in titles");
        }
    }

    fn assert_same_scores(got: &[(f32, DocAddress)], want: &[(f32, DocAddress)], n: usize) {
        assert_eq!(got.len(), n);
        for ((got, at), (want, _)) in got.iter().zip(want) {
            assert!(
                (got - want).abs() < 1e-4,
                "top {n}: {got} at {at:?}, want {want}"
            );
        }
    }

    #[test]
    fn segments_are_grouped_by_document_count() {
        let ids: Vec<SegmentId> = (0..5).map(|_| SegmentId::generate_random()).collect();
        let sizes = [100, 10, 60, 40, 30];

        let groups = balanced(ids.iter().copied().zip(sizes).collect(), 2);

        assert_eq!(groups, [vec![ids[0], ids[4]], vec![ids[2], ids[3], ids[1]]]);
    }
}
