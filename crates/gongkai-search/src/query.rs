//! The query, built in code from what the user typed (never tantivy's `QueryParser`, whose
//! syntax and jieba phrases lose hits, DEPENDENCIES.md §3.1), in two halves:
//!
//! - [`matching`] decides what is found: every word's bigram phrase somewhere in the document's
//!   text (exact-substring, 包含 semantics), and the filters. It is never scored, and it is what
//!   the total counts.
//! - [`ranking`] orders what is found: a union of plain terms, each word's jieba words (in 标题 +
//!   文号 weighing most), so a document where 「公开」 is a real word outranks one where it
//!   straddles two words (「办公开会」), which holds none of the terms and comes last. A union of
//!   terms is what tantivy's block-max WAND can prune, so the best ten come without scoring
//!   every match. The bigrams find but do not rank: as ranking terms they were most of a
//!   query's time (each a long postings list to align at every candidate) and said little
//!   the jieba words do not.

use tantivy::query::{
    AllQuery, Bm25Weight, BooleanQuery, BoostQuery, PhrasePrefixQuery, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Searcher, Term};

use crate::error::SearchError;
use crate::request::Filters;
use crate::schema::Fields;
use crate::text::fold_str;
use crate::tokenizer::{jieba_words, runs};

/// The most words a query may hold.
pub const MAX_WORDS: usize = 8;
/// The most characters in one word.
pub const MAX_WORD_CHARS: usize = 40;

/// Weights of the ranking terms: a word's jieba words count anywhere, ten times as much in 标题
/// or 文号 (a lower weight anywhere lets the pruned walk skip more: measured at 1,000,000
/// documents, 0.5 against 1.0 cut a query's time by about a quarter).
const WORDS_WEIGHT: f32 = 0.5;
const HEADING_WEIGHT: f32 = 5.0;

/// Separators between words besides white space.
const SEPARATORS: &[char] = &['，', '、', '；', '。', ',', ';', '|'];

/// The folded, distinct words of `text` that contain something searchable.
pub(crate) fn parse_words(text: &str) -> Result<Vec<String>, SearchError> {
    let mut words: Vec<String> = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c)) {
        let word = fold_str(raw);
        if runs(&word).is_empty() || words.contains(&word) {
            continue;
        }
        if word.chars().count() > MAX_WORD_CHARS {
            return Err(SearchError::WordTooLong {
                max: MAX_WORD_CHARS,
            });
        }
        words.push(word);
    }
    if words.len() > MAX_WORDS {
        return Err(SearchError::TooManyWords { max: MAX_WORDS });
    }
    Ok(words)
}

/// What every result must match: each word's bigram phrase and the filters, unscored. One
/// condition alone is returned bare, so that a word that is one bigram is a plain term query,
/// counted from the term's document frequency.
pub(crate) fn matching(fields: &Fields, words: &[String], filters: &Filters) -> Box<dyn Query> {
    let mut clauses: Vec<Box<dyn Query>> = words
        .iter()
        .filter_map(|w| bigram_query(fields.bigrams, w))
        .collect();
    clauses.extend(filter_queries(fields, filters));
    match clauses.len() {
        0 => Box::new(AllQuery),
        1 => clauses.remove(0),
        _ => Box::new(BooleanQuery::intersection(clauses)),
    }
}

/// How the results are ordered: a sum of boosted terms, each a word's jieba word in 标题 +
/// 文号 or anywhere.
pub(crate) struct Ranking {
    terms: Vec<Ranked>,
}

/// One term of the ranking.
struct Ranked {
    term: Term,
    weight: f32,
    heading: bool,
}

impl Ranked {
    fn query(&self) -> Box<dyn Query> {
        let q = TermQuery::new(self.term.clone(), IndexRecordOption::WithFreqs);
        Box::new(BoostQuery::new(Box::new(q), self.weight))
    }
}

impl Ranking {
    /// The union of every term, for the pruned walk.
    pub fn query(&self) -> Box<dyn Query> {
        Box::new(BooleanQuery::union(self.clauses()))
    }

    /// One boosted term query each, for scoring a few documents one by one (a union walks
    /// every posting near them).
    pub fn clauses(&self) -> Vec<Box<dyn Query>> {
        self.terms.iter().map(Ranked::query).collect()
    }

    /// The union of the 标题 + 文号 terms: short postings lists, quick to walk.
    pub fn heading(&self) -> Box<dyn Query> {
        Box::new(BooleanQuery::union(
            self.terms
                .iter()
                .filter(|t| t.heading)
                .map(Ranked::query)
                .collect(),
        ))
    }

    /// The terms anywhere in the text, one query each.
    pub fn anywhere(&self) -> Vec<Box<dyn Query>> {
        let anywhere = self.terms.iter().filter(|t| !t.heading);
        anywhere.map(Ranked::query).collect()
    }

    /// More than the terms anywhere can add to a document's score: the sum of their BM25
    /// suprema, each the score of the term endlessly often in an empty text (tantivy's
    /// `max_score` takes the longest text, which scores less than a short one), with a margin
    /// for rounding.
    pub fn anywhere_bound(&self, searcher: &Searcher) -> tantivy::Result<Score> {
        let mut sum = 0.0;
        for t in self.terms.iter().filter(|t| !t.heading) {
            let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(&t.term))?;
            sum += weight.boost_by(t.weight).score(0, u32::MAX);
        }
        Ok(sum * 1.01)
    }
}

/// The ranking of `words`: their jieba words, in 标题 + 文号 and anywhere (see the module
/// comment). A match holding none of them scores 0 and comes after every match that does.
pub(crate) fn ranking(fields: &Fields, words: &[String]) -> Ranking {
    let mut terms: Vec<Ranked> = Vec::new();
    let mut add = |term: Term, weight: f32, heading: bool| {
        if !terms.iter().any(|t| t.term == term) {
            terms.push(Ranked {
                term,
                weight,
                heading,
            });
        }
    };
    for word in words {
        for w in jieba_words(word).tokens() {
            let heading = Term::from_field_text(fields.heading, &w.text);
            add(heading, HEADING_WEIGHT, true);
            add(
                Term::from_field_text(fields.words, &w.text),
                WORDS_WEIGHT,
                false,
            );
        }
    }
    Ranking { terms }
}

/// The bigram terms of a folded word at their character offsets, and whether the one term is a
/// prefix. A Han run yields its bigrams, plus its first (last) character alone when something
/// precedes (follows) it in the word: the document's run must start (end) there as well, where
/// the index has that character alone. A word that is one Han character is a prefix: it occurs
/// wherever a bigram starts with it or a run ends with it.
pub(crate) fn bigram_terms(field: Field, word: &str) -> (Vec<(usize, Term)>, bool) {
    let runs = runs(word);
    let (Some(first), total) = (runs.first(), word.chars().count()) else {
        return (Vec::new(), false);
    };
    let base = first.position;
    let term = |pos: usize, text: String| (pos - base, Term::from_field_text(field, &text));
    let mut terms = Vec::new();
    for run in &runs {
        let (pos, chars) = (run.position, &run.chars);
        if !run.han {
            terms.push(term(pos, chars.iter().collect()));
            continue;
        }
        let n = chars.len();
        let (before, after) = (pos > 0, pos + n < total);
        if !before && !after && n == 1 {
            return (vec![term(pos, chars[0].to_string())], true);
        }
        if before || (after && n == 1) {
            terms.push(term(pos, chars[0].to_string()));
        }
        for (i, pair) in chars.windows(2).enumerate() {
            terms.push(term(pos + i, pair.iter().collect()));
        }
        if after && n > 1 {
            terms.push(term(pos + n - 1, chars[n - 1].to_string()));
        }
    }
    (terms, false)
}

/// The bigram-field query of a word (see [`bigram_terms`]).
fn bigram_query(field: Field, word: &str) -> Option<Box<dyn Query>> {
    let (mut terms, prefix) = bigram_terms(field, word);
    if prefix {
        // One term: tantivy reads it as a range of the term dictionary, all of it wanted.
        let mut q = PhrasePrefixQuery::new_with_offset(terms);
        q.set_max_expansions(u32::MAX);
        return Some(Box::new(q));
    }
    match terms.len() {
        0 => None,
        1 => terms.pop().map(|(_, t)| -> Box<dyn Query> {
            Box::new(TermQuery::new(t, IndexRecordOption::Basic))
        }),
        _ => Some(Box::new(PhraseQuery::new_with_offset(terms))),
    }
}

/// The filters, one term query each.
fn filter_queries(fields: &Fields, filters: &Filters) -> Vec<Box<dyn Query>> {
    let text = |field: Field, value: &str| Term::from_field_text(field, value.trim());
    let mut terms = Vec::new();
    if let Some(agency) = &filters.agency_code {
        terms.push(text(fields.agency, agency));
    }
    if let Some(year) = filters.year {
        terms.push(Term::from_field_i64(fields.year, i64::from(year)));
    }
    if let Some(topic) = &filters.topic {
        terms.push(text(fields.topic, topic));
    }
    if let Some(genre) = &filters.genre {
        terms.push(text(fields.genre, genre));
    }
    if let Some(validity) = filters.validity {
        terms.push(text(fields.validity, validity.key()));
    }
    terms
        .into_iter()
        .map(|t| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::schema;

    fn terms(word: &str) -> (Vec<(usize, String)>, bool) {
        let (_, fields) = schema();
        let (terms, prefix) = bigram_terms(fields.bigrams, word);
        let texts = terms
            .into_iter()
            .map(|(o, t)| (o, t.value().as_str().unwrap_or("").to_owned()));
        (texts.collect(), prefix)
    }

    #[test]
    fn a_doc_no_query_pins_han_runs_that_end_before_digits() {
        let (got, prefix) = terms("发〔2019〕61号");
        let want = [(0, "发"), (2, "2019"), (7, "61"), (9, "号")];
        assert_eq!(got, want.map(|(o, t)| (o, t.to_owned())));
        assert!(
            !prefix,
            "「号」 must start a run: the index has it alone there"
        );
        assert_eq!(terms("税"), (vec![(0, "税".to_owned())], true));
    }

    #[test]
    fn a_plain_word_is_its_bigrams_only() {
        let (got, prefix) = terms("贯彻执行");
        let want = [(0, "贯彻"), (1, "彻执"), (2, "执行")];
        assert_eq!(got, want.map(|(o, t)| (o, t.to_owned())));
        assert!(!prefix);
    }

    #[test]
    fn the_ranking_holds_each_words_jieba_words_in_both_fields_and_no_bigram() {
        let (_, fields) = schema();
        let words = ["预算".to_owned(), "贯彻执行".to_owned()];

        let ranking = ranking(&fields, &words);

        let mut seen = Vec::new();
        ranking
            .query()
            .query_terms(&mut |term, _| seen.push(term.clone()));
        for field in [fields.heading, fields.words] {
            for word in ["预算", "贯彻", "执行"] {
                assert!(seen.contains(&Term::from_field_text(field, word)), "{word}");
            }
        }
        assert!(seen.iter().all(|t| t.field() != fields.bigrams));
        assert_eq!(ranking.clauses().len(), seen.len());
    }

    #[test]
    fn words_split_on_spaces_and_chinese_commas_and_are_limited() {
        assert_eq!(
            parse_words(" 公开　年报，预算 公开 ").unwrap(),
            ["公开", "年报", "预算"]
        );
        assert!(parse_words("〔〕 ——").unwrap().is_empty());
        assert!(matches!(
            parse_words(&"字".repeat(41)),
            Err(SearchError::WordTooLong { .. })
        ));
        let nine = "一 二 三 四 五 六 七 八 九";
        assert!(matches!(
            parse_words(nine),
            Err(SearchError::TooManyWords { .. })
        ));
    }
}
