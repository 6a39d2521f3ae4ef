//! The two analysers every text part is indexed with (DEPENDENCIES.md §3.1):
//!
//! - `jieba`: jieba-rs search mode, for BM25 relevance. We wrap jieba-rs ourselves instead of
//!   using tantivy-jieba so that one dictionary, with the disclosure terms added, is shared by
//!   every analyser clone (tantivy-jieba clones a custom dictionary with each analyser).
//! - `han_bigram`: overlapping Han bigrams at **character positions**, so a word of any length
//!   is found as a phrase of bigrams (包含 semantics). The first and the last character of each
//!   Han run are also emitted alone, which lets a query pin a word to the edge of a run
//!   (「发〔2019」, 「61号」 in 「61号文」) and makes one-character words findable by prefix.
//!   Letters and digits form whole words.
//!   All text parts of a document go into one field, joined with [`PART_SEPARATOR`] and set
//!   [`PART_GAP`] positions apart, so the field finds a word in any part while no phrase can
//!   straddle two parts.
//!
//! Both compute byte spans of the folded text ([`Spans`]), which [`SpanStream`] hands to tantivy
//! through one reused token: a string per token made allocation a fifth of the indexing time.

use std::sync::LazyLock;

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::text::{MAX_WORD_TOKEN_CHARS, fold_str, is_han, is_word_char};

/// Name under which the [`jieba_words`] analyser is registered.
pub(crate) const JIEBA: &str = "gongkai_jieba";
/// Name under which the [`bigram_tokens`] analyser is registered.
pub(crate) const BIGRAM: &str = "gongkai_han_bigram";

/// Separates the text parts handed to [`bigram_tokens`] (ASCII record separator: plain text
/// reduced from HTML, DOCX or PDF does not contain it, and [`join_parts`] blanks it anyway).
pub(crate) const PART_SEPARATOR: char = '\u{1E}';

/// Positions between two parts: more than a query word can span (its non-word characters match
/// any character), so a phrase never joins the end of one part to the start of the next.
pub(crate) const PART_GAP: usize = crate::query::MAX_WORD_CHARS + 8;

/// Terms of disclosure work that jieba's default dictionary splits; kept whole so they rank as
/// one word (search mode still emits their parts).
const DISCLOSURE_TERMS: &[&str] = &[
    "政府信息公开",
    "依申请公开",
    "主动公开",
    "不予公开",
    "部分公开",
    "行政规范性文件",
    "保密审查",
    "政策解读",
    "索引号",
    "内容概述",
    "年度报告",
    "行政复议",
    "行政诉讼",
    "告知书",
    "公开指南",
    "营商环境",
    "乡村振兴",
];

/// One jieba dictionary for the process: loading it takes most of a second in debug builds.
static DICTIONARY: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for term in DISCLOSURE_TERMS {
        jieba.add_word(term, None, None);
    }
    jieba
});

/// What a run is made of. Letters and digits are separate words, so 「GB/T9704」 is found by
/// 「9704」.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    Han,
    Digits,
    Letters,
}

fn run_kind(c: char) -> Option<RunKind> {
    if is_han(c) {
        Some(RunKind::Han)
    } else if !is_word_char(c) {
        None
    } else if c.is_numeric() {
        Some(RunKind::Digits)
    } else {
        Some(RunKind::Letters)
    }
}

/// A run of Han characters, of digits or of other letters in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// Whether the run is Han (else a Latin/digit word).
    pub han: bool,
    kind: RunKind,
    /// Character position of its first character.
    pub position: usize,
    /// Byte offset of its first character in the folded text.
    pub offset: usize,
    /// Its characters.
    pub chars: Vec<char>,
}

/// Splits folded text into runs (see [`RunKind`]); everything else separates runs but still
/// counts as a position, so 「发〔2019」 and 「发（2019」 line up alike.
pub(crate) fn runs(folded: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (position, (offset, c)) in folded.char_indices().enumerate() {
        let Some(kind) = run_kind(c) else { continue };
        match out.last_mut() {
            Some(run) if run.kind == kind && run.position + run.chars.len() == position => {
                run.chars.push(c);
            }
            _ => {
                let han = kind == RunKind::Han;
                out.push(Run {
                    han,
                    kind,
                    position,
                    offset,
                    chars: vec![c],
                });
            }
        }
    }
    out
}

/// A token as a byte range of the folded text at a character position: the analysers compute
/// these, and the stream turns each into tantivy's token in one reused buffer, instead of a
/// string per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    position: usize,
    from: usize,
    to: usize,
}

/// The tokens of one text: its folded form and their spans in it.
pub(crate) struct Spans {
    folded: String,
    spans: Vec<Span>,
}

impl Spans {
    /// The tokens as tantivy's, one string each (queries and tests; indexing streams them).
    pub fn tokens(&self) -> Vec<Token> {
        self.spans.iter().map(|s| self.token(s)).collect()
    }

    fn token(&self, s: &Span) -> Token {
        Token {
            offset_from: s.from,
            offset_to: s.to,
            position: s.position,
            text: self.folded[s.from..s.to].to_owned(),
            position_length: 1,
        }
    }
}

/// A token stream over [`Spans`].
pub(crate) struct SpanStream {
    spans: Spans,
    next: usize,
    token: Token,
}

impl TokenStream for SpanStream {
    fn advance(&mut self) -> bool {
        let Some(s) = self.spans.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(&self.spans.folded[s.from..s.to]);
        (self.token.offset_from, self.token.offset_to) = (s.from, s.to);
        self.token.position = s.position;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The run being read by [`bigram_spans`].
struct OpenRun {
    kind: RunKind,
    chars: usize,
    start: Span,
    last: Span,
}

/// Bigram-field spans of folded text (see the module comment), each [`PART_SEPARATOR`] standing
/// for [`PART_GAP`] positions. In order of position, as tantivy needs for each term.
fn bigram_spans(folded: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(folded.len() / 2);
    let mut run: Option<OpenRun> = None;
    let mut position = 0;
    for (from, c) in folded.char_indices() {
        let here = Span {
            position,
            from,
            to: from + c.len_utf8(),
        };
        position += if c == PART_SEPARATOR { PART_GAP } else { 1 };
        let kind = run_kind(c);
        match (&mut run, kind) {
            (Some(r), Some(k)) if r.kind == k => {
                if k == RunKind::Han {
                    if r.chars == 1 {
                        out.push(r.start);
                    }
                    out.push(Span {
                        to: here.to,
                        ..r.last
                    });
                }
                r.chars += 1;
                r.last = here;
            }
            _ => {
                close_run(run.take(), &mut out);
                run = kind.map(|kind| OpenRun {
                    kind,
                    chars: 1,
                    start: here,
                    last: here,
                });
            }
        }
    }
    close_run(run, &mut out);
    out
}

/// The last spans of a run: a Han run's last character, or a whole Latin or digit word.
fn close_run(run: Option<OpenRun>, out: &mut Vec<Span>) {
    match run {
        Some(r) if r.kind == RunKind::Han => out.push(r.last),
        Some(r) if r.chars <= MAX_WORD_TOKEN_CHARS => out.push(Span {
            to: r.last.to,
            ..r.start
        }),
        _ => {}
    }
}

/// Bigram-field tokens of `text` (see the module comment).
pub(crate) fn bigram_tokens(text: &str) -> Spans {
    let folded = fold_str(text);
    let spans = bigram_spans(&folded);
    Spans { folded, spans }
}

/// `parts` joined with [`PART_SEPARATOR`], for [`bigram_tokens`] to set them apart.
pub(crate) fn join_parts(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(PART_SEPARATOR);
        }
        if part.contains(PART_SEPARATOR) {
            out.push_str(&part.replace(PART_SEPARATOR, " "));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Jieba-field words of `text`: search-mode words of the folded text, in order, possibly
/// repeated, without punctuation and spaces.
pub(crate) fn jieba_words(text: &str) -> Spans {
    let folded = fold_str(text);
    let spans = DICTIONARY
        .tokenize(&folded, TokenizeMode::Search, true)
        .into_iter()
        .filter(|t| t.word.chars().any(|c| c.is_alphanumeric()))
        .filter(|t| t.word.chars().count() <= MAX_WORD_TOKEN_CHARS)
        .map(|t| {
            let from = t.word.as_ptr() as usize - folded.as_ptr() as usize;
            Span {
                position: t.start,
                from,
                to: from + t.word.len(),
            }
        })
        .collect();
    Spans { folded, spans }
}

/// An analyser from a function computing the spans: both of ours are one.
#[derive(Clone)]
pub(crate) struct FnTokenizer(pub fn(&str) -> Spans);

impl Tokenizer for FnTokenizer {
    type TokenStream<'a> = SpanStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanStream {
        SpanStream {
            spans: (self.0)(text),
            next: 0,
            token: Token::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<(String, usize)> {
        tokens
            .iter()
            .map(|t| (t.text.clone(), t.position))
            .collect()
    }

    #[test]
    fn han_runs_give_bigrams_and_their_edge_characters_at_character_positions() {
        let got = texts(&bigram_tokens("国办发〔2019〕61号").tokens());
        let want = [
            ("国", 0),
            ("国办", 0),
            ("办发", 1),
            ("发", 2),
            ("2019", 4),
            ("61", 9),
            ("号", 11),
        ];
        assert_eq!(got, want.map(|(t, p)| (t.to_owned(), p)));
    }

    #[test]
    fn parts_are_set_apart_so_no_phrase_joins_two_of_them() {
        let joined = join_parts(&["标题a", "", "b\u{1E}正文"]);
        let got = texts(&bigram_tokens(&joined).tokens());
        let second = 3 + PART_GAP + PART_GAP;
        let want = [
            ("标", 0),
            ("标题", 0),
            ("题", 1),
            ("a", 2),
            ("b", second),
            ("正", second + 2),
            ("正文", second + 2),
            ("文", second + 3),
        ];
        assert_eq!(got, want.map(|(t, p)| (t.to_owned(), p)));
    }

    #[test]
    fn jieba_words_drop_punctuation_and_fold_latin() {
        let got: Vec<String> = jieba_words("依申请公开，ＧＢ标准")
            .tokens()
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(got.contains(&"依申请公开".to_owned()), "{got:?}");
        assert!(got.contains(&"gb".to_owned()), "{got:?}");
        assert!(!got.iter().any(|w| w == "，"), "{got:?}");
    }
}
