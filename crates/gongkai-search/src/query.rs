//! The query, built in code from what the user typed (never tantivy's `QueryParser`, whose
//! syntax and jieba phrases lose hits, DEPENDENCIES.md §3.1).
//!
//! Every word must occur. A word *matches* where its bigram phrase occurs in any text part,
//! which is exact-substring (包含) semantics; its jieba words only add *score*, so a document
//! where 「公开」 is a real word outranks one where it straddles two words (「办公开会」).

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use crate::error::SearchError;
use crate::request::Filters;
use crate::schema::Fields;
use crate::text::fold_str;
use crate::tokenizer::{jieba_words, runs};

/// The most words a query may hold.
pub const MAX_WORDS: usize = 8;
/// The most characters in one word.
pub const MAX_WORD_CHARS: usize = 40;

/// Jieba terms weigh less than the bigram phrase: they refine the order, the phrase decides.
const JIEBA_WEIGHT: f32 = 0.5;

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

/// The whole query: every word, and the filters as a scoreless condition.
pub(crate) fn build(fields: &Fields, words: &[String], filters: &Filters) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|w| (Occur::Must, word_query(fields, w)))
        .collect();
    if let Some(filter) = filter_query(fields, filters) {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    if clauses.is_empty() {
        return Box::new(AllQuery);
    }
    Box::new(BooleanQuery::new(clauses))
}

/// One word: must occur in some part (bigram phrase), scored also by its jieba words.
fn word_query(fields: &Fields, word: &str) -> Box<dyn Query> {
    let jieba: Vec<String> = distinct(jieba_words(word).into_iter().map(|t| t.text));
    let mut recall = Vec::new();
    let mut rank = Vec::new();
    for f in fields.parts {
        if let Some(q) = bigram_query(f.bigram, word) {
            recall.push(boosted(q, f.part.boost()));
        }
        for w in &jieba {
            let term = TermQuery::new(
                Term::from_field_text(f.jieba, w),
                IndexRecordOption::WithFreqs,
            );
            rank.push(boosted(Box::new(term), f.part.boost() * JIEBA_WEIGHT));
        }
    }
    let recall = Box::new(BooleanQuery::union(recall));
    if rank.is_empty() {
        return recall;
    }
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, recall),
        (Occur::Should, Box::new(BooleanQuery::union(rank))),
    ]))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, boost))
}

fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
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
            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
        }),
        _ => Some(Box::new(PhraseQuery::new_with_offset(terms))),
    }
}

/// The filters as one query, or `None` when there are none.
fn filter_query(fields: &Fields, filters: &Filters) -> Option<Box<dyn Query>> {
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
    if terms.is_empty() {
        return None;
    }
    let queries = terms
        .into_iter()
        .map(|t| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) })
        .collect();
    Some(Box::new(BooleanQuery::intersection(queries)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Part, schema};

    fn terms(word: &str) -> (Vec<(usize, String)>, bool) {
        let (_, fields) = schema();
        let (terms, prefix) = bigram_terms(fields.part(Part::DocNo).bigram, word);
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
