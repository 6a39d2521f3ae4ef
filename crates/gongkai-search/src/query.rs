//! The query, built in code from what the user typed (never tantivy's `QueryParser`, whose
//! syntax and jieba phrases lose hits, DEPENDENCIES.md §3.1), in two halves:
//!
//! - [`matching`] decides what is found: every word's bigram phrase somewhere in the document's
//!   text (exact-substring, 包含 semantics), and the filters. It is never scored, and it is what
//!   the total counts.
//! - [`ranking`] orders what is found: a union of plain terms, each word's bigrams and its jieba
//!   words (in 标题 + 文号 weighing most), so a document where 「公开」 is a real word outranks one
//!   where it straddles two words (「办公开会」). A union of terms is what tantivy's block-max
//!   WAND can prune, so the best ten come without scoring every match.

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

/// Weights of the ranking terms: a word's bigrams anywhere count once; its jieba words add half
/// as much anywhere, and much more in 标题 or 文号.
const BIGRAM_WEIGHT: f32 = 1.0;
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

/// How the results are ordered.
pub(crate) struct Ranking {
    /// A union of boosted term queries.
    pub query: Box<dyn Query>,
    /// The union's clauses, one boosted term query each, for scoring a few documents one by one
    /// (a union walks every posting near them).
    pub clauses: Vec<Box<dyn Query>>,
    /// Whether every document [`matching`] finds also matches [`Ranking::query`], so the best
    /// results can be taken from the union's pruned walk (false when a word is one Han
    /// character, matched by prefix, which no term of the union stands for).
    pub covers_matching: bool,
}

/// The ranking of `words`: their bigram terms and their jieba words (see the module comment).
pub(crate) fn ranking(fields: &Fields, words: &[String]) -> Ranking {
    let mut terms: Vec<(Term, f32)> = Vec::new();
    let mut covers_matching = true;
    let mut add = |term: Term, weight: f32| {
        if !terms.iter().any(|(t, _)| *t == term) {
            terms.push((term, weight));
        }
    };
    for word in words {
        let (bigrams, prefix) = bigram_terms(fields.bigrams, word);
        covers_matching &= !prefix;
        for (_, term) in bigrams.into_iter().filter(|_| !prefix) {
            add(term, BIGRAM_WEIGHT);
        }
        for w in jieba_words(word).tokens() {
            add(
                Term::from_field_text(fields.heading, &w.text),
                HEADING_WEIGHT,
            );
            add(Term::from_field_text(fields.words, &w.text), WORDS_WEIGHT);
        }
    }
    let clauses: Vec<Box<dyn Query>> = terms
        .into_iter()
        .map(|(term, weight)| -> Box<dyn Query> {
            let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
            Box::new(BoostQuery::new(Box::new(q), weight))
        })
        .collect();
    Ranking {
        query: Box::new(BooleanQuery::union(
            clauses.iter().map(|c| c.box_clone()).collect(),
        )),
        clauses,
        covers_matching,
    }
}

/// [`matching`] scored by [`ranking`] on every match: for rankings that do not cover it.
pub(crate) fn scored(matching: Box<dyn Query>, ranking: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(ConstScoreQuery::new(matching, 0.0))),
        (Occur::Should, ranking),
    ]))
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
    fn the_ranking_covers_the_matches_unless_a_word_is_one_character() {
        let (_, fields) = schema();
        let words = |ws: &[&str]| ws.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();

        let both = ranking(&fields, &words(&["预算", "贯彻执行"]));
        let single = ranking(&fields, &words(&["预算", "税"]));

        assert!(both.covers_matching);
        assert!(!single.covers_matching);
        let mut seen = Vec::new();
        both.query
            .query_terms(&mut |term, _| seen.push(term.clone()));
        for bigram in ["预算", "贯彻", "彻执", "执行"] {
            let term = Term::from_field_text(fields.bigrams, bigram);
            assert!(seen.contains(&term), "{bigram}");
        }
        for field in [fields.heading, fields.words] {
            assert!(seen.contains(&Term::from_field_text(field, "贯彻")));
        }
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
