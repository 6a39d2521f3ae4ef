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

use std::sync::LazyLock;

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::text::{MAX_WORD_TOKEN_CHARS, fold_str, is_han, is_word_char};

/// Name under which the [`jieba_words`] analyser is registered.
pub(crate) const JIEBA: &str = "gongkai_jieba";
/// Name under which the [`bigram_tokens`] analyser is registered.
pub(crate) const BIGRAM: &str = "gongkai_han_bigram";

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

/// A token stream over tokens computed up front (both analysers need the whole text anyway).
pub(crate) struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn token(text: String, position: usize, offset: usize) -> Token {
    let offset_to = offset + text.len();
    Token {
        offset_from: offset,
        offset_to,
        position,
        text,
        position_length: 1,
    }
}

/// Bigram-field tokens of `text` (see the module comment).
pub(crate) fn bigram_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for run in runs(&fold_str(text)) {
        if !run.han {
            if run.chars.len() <= MAX_WORD_TOKEN_CHARS {
                tokens.push(token(run.chars.iter().collect(), run.position, run.offset));
            }
            continue;
        }
        let mut offset = run.offset;
        for (i, c) in run.chars.iter().enumerate() {
            if i == 0 && run.chars.len() > 1 {
                tokens.push(token(c.to_string(), run.position, offset));
            }
            let text = match run.chars.get(i + 1) {
                Some(next) => [*c, *next].iter().collect(),
                None => c.to_string(),
            };
            tokens.push(token(text, run.position + i, offset));
            offset += c.len_utf8();
        }
    }
    tokens
}

/// Jieba-field words of `text`: search-mode words of the folded text, in order, possibly
/// repeated, without punctuation and spaces.
pub(crate) fn jieba_words(text: &str) -> Vec<Token> {
    let folded = fold_str(text);
    DICTIONARY
        .tokenize(&folded, TokenizeMode::Search, true)
        .into_iter()
        .filter(|t| t.word.chars().any(|c| c.is_alphanumeric()))
        .filter(|t| t.word.chars().count() <= MAX_WORD_TOKEN_CHARS)
        .map(|t| {
            let offset = t.word.as_ptr() as usize - folded.as_ptr() as usize;
            token(t.word.to_owned(), t.start, offset)
        })
        .collect()
}

/// An analyser from a function computing the tokens: both of ours are one.
#[derive(Clone)]
pub(crate) struct FnTokenizer(pub fn(&str) -> Vec<Token>);

impl Tokenizer for FnTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: (self.0)(text),
            next: 0,
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
        let got = texts(&bigram_tokens("国办发〔2019〕61号"));
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
    fn jieba_words_drop_punctuation_and_fold_latin() {
        let got: Vec<String> = jieba_words("依申请公开，ＧＢ标准")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(got.contains(&"依申请公开".to_owned()), "{got:?}");
        assert!(got.contains(&"gb".to_owned()), "{got:?}");
        assert!(!got.iter().any(|w| w == "，"), "{got:?}");
    }
}
