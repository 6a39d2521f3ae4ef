//! The index layout: every text part stored once, for titles and snippets, and indexed three
//! ways over all parts at once (DEPENDENCIES.md §3.1): Han bigrams with positions decide what
//! matches, jieba words over every part and over 标题 + 文号 only rank. One field per indexing
//! (not one per part) keeps both the indexing and the scorers per query few.

use chrono::{Datelike, NaiveDate};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Index, TantivyDocument};

use crate::document::{SearchDocument, category_and_ancestors};
use crate::tokenizer::{BIGRAM, FnTokenizer, JIEBA, bigram_tokens, jieba_words, join_parts};

/// A searchable text part of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Title,
    DocNo,
    Summary,
    Body,
    Attachment,
}

impl Part {
    /// Every part, in order of weight.
    pub const ALL: [Part; 5] = [
        Part::Title,
        Part::DocNo,
        Part::Summary,
        Part::Body,
        Part::Attachment,
    ];

    fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::DocNo => "doc_no",
            Part::Summary => "summary",
            Part::Body => "body",
            Part::Attachment => "attachment",
        }
    }

    fn text(self, doc: &SearchDocument) -> &str {
        match self {
            Part::Title => &doc.title,
            Part::DocNo => &doc.doc_no,
            Part::Summary => &doc.summary,
            Part::Body => &doc.body,
            Part::Attachment => &doc.attachment_text,
        }
    }
}

/// Every field of the schema, looked up once.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub id: Field,
    pub agency: Field,
    pub year: Field,
    pub topic: Field,
    pub genre: Field,
    pub validity: Field,
    pub published: Field,
    /// Each part's text as given, stored only, in [`Part::ALL`] order.
    pub stored: [Field; 5],
    /// Jieba words of 标题 and 文号: a word there says most about the document.
    pub heading: Field,
    /// Jieba words of every part: a real word outranks characters straddling two words.
    pub words: Field,
    /// Han bigrams of every part at character positions, parts apart: what a word must match.
    pub bigrams: Field,
}

impl Fields {
    /// The stored text field of `part`.
    pub fn stored(&self, part: Part) -> Field {
        self.stored[part as usize]
    }
}

fn text_options(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// The schema and its fields. Opening an index on disk compares this schema with the stored one.
pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_i64_field("id", INDEXED | STORED | FAST);
    let agency = b.add_text_field("agency", STRING | STORED);
    let year = b.add_i64_field("year", INDEXED);
    let topic = b.add_text_field("topic", STRING);
    let genre = b.add_text_field("genre", STRING);
    let validity = b.add_text_field("validity", STRING);
    let published = b.add_date_field("published", STORED | FAST);
    let stored = Part::ALL.map(|part| b.add_text_field(part.name(), STORED));
    let jieba = text_options(JIEBA, IndexRecordOption::WithFreqs);
    let heading = b.add_text_field("heading_jieba", jieba.clone());
    let words = b.add_text_field("text_jieba", jieba);
    let bigram = text_options(BIGRAM, IndexRecordOption::WithFreqsAndPositions);
    let bigrams = b.add_text_field("text_bigram", bigram);
    let fields = Fields {
        id,
        agency,
        year,
        topic,
        genre,
        validity,
        published,
        stored,
        heading,
        words,
        bigrams,
    };
    (b.build(), fields)
}

/// Registers the analysers: tantivy keeps only their names in the index, so every opened index
/// needs them again.
pub(crate) fn register_analysers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(JIEBA, TextAnalyzer::from(FnTokenizer(jieba_words)));
    tokenizers.register(BIGRAM, TextAnalyzer::from(FnTokenizer(bigram_tokens)));
}

/// Days are stored as midnight UTC: only the date matters, and it sorts.
pub(crate) fn date_value(day: NaiveDate) -> DateTime {
    let days = i64::from(day.num_days_from_ce() - 719_163); // 719_163 = 1970-01-01
    DateTime::from_timestamp_secs(days * 86_400)
}

/// The date back from [`date_value`].
pub(crate) fn date_of(value: DateTime) -> Option<NaiveDate> {
    let days = value.into_timestamp_secs().div_euclid(86_400);
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()? + 719_163)
}

/// The tantivy document for `doc`.
pub(crate) fn to_tantivy(fields: &Fields, doc: &SearchDocument) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_i64(fields.id, doc.id);
    d.add_text(fields.agency, doc.agency_code.trim());
    d.add_i64(fields.year, i64::from(doc.year));
    for code in doc.topics.iter().flat_map(|c| category_and_ancestors(c)) {
        d.add_text(fields.topic, code);
    }
    for code in doc.genres.iter().flat_map(|c| category_and_ancestors(c)) {
        d.add_text(fields.genre, code);
    }
    d.add_text(fields.validity, doc.validity.key());
    d.add_date(fields.published, date_value(doc.published_on));
    let texts = Part::ALL.map(|part| part.text(doc));
    for (part, text) in Part::ALL
        .into_iter()
        .zip(texts)
        .filter(|(_, t)| !t.is_empty())
    {
        d.add_text(fields.stored(part), text);
        d.add_text(fields.words, text);
    }
    d.add_text(fields.heading, &doc.title);
    d.add_text(fields.heading, &doc.doc_no);
    d.add_text(fields.bigrams, join_parts(&texts));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_survive_the_round_trip_through_the_index_value() {
        for day in ["1970-01-01", "2019-04-15", "1999-12-31"] {
            let day: NaiveDate = day.parse().unwrap();
            assert_eq!(date_of(date_value(day)), Some(day));
        }
    }
}
