//! A deterministic corpus of government documents and queries built from [`crate::vocabulary`]:
//! words are drawn with Zipf-like frequencies (function words and common nouns often, the
//! field × action compounds rarely), so postings lists have realistic skew.

use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use gongkai_search::{SearchDocument, Validity};

use crate::vocabulary::{ACTIONS, COMMON, DOC_NO_PREFIXES, FIELDS, GENRES, NOUNS, ORGANS, PLACES};

/// xorshift64*: small, fast and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Every word in rank order with the cumulative Zipf weights used to draw them.
struct Vocab {
    words: Vec<String>,
    cumulative: Vec<f64>,
    /// Where the content words (query candidates) start.
    content_from: usize,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let mut words: Vec<String> = COMMON
        .iter()
        .chain(NOUNS)
        .map(|w| (*w).to_owned())
        .collect();
    let content_from = COMMON.len();
    let mut rng = Rng(7);
    let mut compounds: Vec<String> = FIELDS
        .iter()
        .flat_map(|f| ACTIONS.iter().map(move |a| format!("{f}{a}")))
        .collect();
    for i in (1..compounds.len()).rev() {
        compounds.swap(i, rng.below(i + 1)); // Fisher–Yates: ranks independent of the lists' order
    }
    words.extend(compounds);
    let mut total = 0.0;
    let cumulative = (0..words.len())
        .map(|r| {
            total += 1.0 / (r as f64 + 2.0);
            total
        })
        .collect();
    Vocab {
        words,
        cumulative,
        content_from,
    }
});

fn word(rng: &mut Rng) -> &'static str {
    let v = &*VOCAB;
    let x = (rng.next() as f64 / u64::MAX as f64) * v.cumulative[v.cumulative.len() - 1];
    &v.words[v
        .cumulative
        .partition_point(|c| *c < x)
        .min(v.words.len() - 1)]
}

fn content_word(rng: &mut Rng) -> &'static str {
    let v = &*VOCAB;
    &v.words[v.content_from + rng.below(v.words.len() - v.content_from)]
}

/// A sentence of 3–13 words with the odd number and comma, ending in 「。」.
fn sentence(rng: &mut Rng, out: &mut String) {
    for i in 0..3 + rng.below(11) {
        if i > 0 && rng.below(6) == 0 {
            out.push('，');
        }
        match rng.below(25) {
            0 => out.push_str(&format!("{}年", 2015 + rng.below(11))),
            1 => out.push_str(&format!("{}个", 1 + rng.below(500))),
            2 => out.push_str(&format!("第{}条", 1 + rng.below(80))),
            _ => out.push_str(word(rng)),
        }
    }
    out.push('。');
}

/// Sentences until about `min` + a random part of `spread` characters, in paragraphs.
fn text(rng: &mut Rng, min: usize, spread: usize) -> String {
    let chars = min + rng.below(spread);
    let mut out = String::new();
    while out.len() / 3 < chars {
        sentence(rng, &mut out);
        if rng.below(5) == 0 {
            out.push('\n');
        }
    }
    out
}

/// The `i`-th document.
pub fn document(rng: &mut Rng, i: usize) -> SearchDocument {
    let year = 2015 + rng.below(11);
    let mut title = format!("{}{}关于", rng.pick(PLACES), rng.pick(ORGANS));
    for _ in 0..1 + rng.below(3) {
        title.push_str(content_word(rng));
    }
    title.push_str(&format!("的{}", rng.pick(GENRES)));
    let validity = match rng.below(20) {
        0 => Validity::Repealed,
        1 | 2 => Validity::Expired,
        _ => Validity::Valid,
    };
    let day = NaiveDate::from_ymd_opt(year as i32, 1, 1).unwrap_or_default();
    SearchDocument {
        id: i as i64,
        agency_code: format!("a{:02}", rng.below(50)),
        year: year as i32,
        topics: vec![format!("{:02}.{:02}", 1 + rng.below(9), 1 + rng.below(5))],
        genres: vec![format!("{:02}", 1 + rng.below(8))],
        validity,
        title,
        doc_no: format!(
            "{}〔{year}〕{}号",
            rng.pick(DOC_NO_PREFIXES),
            1 + rng.below(300)
        ),
        summary: text(rng, 20, 1),
        body: text(rng, 500, 1501),
        attachment_text: if rng.below(5) == 0 {
            text(rng, 100, 301)
        } else {
            String::new()
        },
        published_on: day
            .checked_add_days(Days::new(rng.below(365) as u64))
            .unwrap_or(day),
    }
}

/// A query, like §5.2's: one content word drawn uniformly (48 %; mostly a rarer compound), or
/// a noun of 2–3 characters and a content word (52 %), so that more than half the queries hold a
/// two-character word.
pub fn query(rng: &mut Rng) -> String {
    if rng.below(100) < 48 {
        return content_word(rng).to_owned();
    }
    let (first, second) = (rng.pick(NOUNS), content_word(rng));
    if second == first {
        first.to_owned()
    } else {
        format!("{first} {second}")
    }
}

/// Two-character words none of whose characters is in the vocabulary, so they occur only where
/// [`plant`] puts them: the recall check of item 5 (every 2-character word is found).
pub const PLANTED: [&str; 20] = [
    "候鸟", "滩涂", "梯田", "古树", "茶园", "溶洞", "沙丘", "珊瑚", "红树", "瀑布", "峡谷", "沼泽",
    "鹭鸟", "蝴蝶", "萤火", "松鼠", "骆驼", "熊猫", "鲸鱼", "麋鹿",
];

/// Puts each word of [`PLANTED`] into `per_word` documents drawn by `rng`, at a random place of
/// the title, summary, body or attachment text in turn; returns the ids it went into, per word.
pub fn plant(rng: &mut Rng, docs: &mut [SearchDocument], per_word: usize) -> Vec<Vec<i64>> {
    PLANTED
        .iter()
        .map(|w| {
            let mut ids: Vec<i64> = (0..per_word)
                .map(|k| {
                    let d = &mut docs[rng.below(docs.len())];
                    let part = match k % 4 {
                        0 => &mut d.title,
                        1 => &mut d.summary,
                        2 => &mut d.body,
                        _ => &mut d.attachment_text,
                    };
                    let at = part
                        .char_indices()
                        .nth(rng.below(part.chars().count() + 1))
                        .map_or(part.len(), |(i, _)| i);
                    part.insert_str(at, w);
                    d.id
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect()
}
