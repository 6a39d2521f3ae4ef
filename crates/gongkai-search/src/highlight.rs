//! Highlighted, HTML-escaped text for result lists. Matching is the search's own semantics
//! (folded substrings), done on the stored text rather than on tantivy's tokens: a bigram
//! field's tokens overlap, and marking them would split words into odd pieces.

/// Characters shown in a snippet.
pub(crate) const SNIPPET_CHARS: usize = 120;

/// Characters kept before the first word found, so the passage starts with some context.
const LEAD_CHARS: usize = 20;

/// Where the words occur in a text: per character, the index of a word covering it.
struct Matches {
    chars: Vec<char>,
    word_at: Vec<Option<usize>>,
    starts: Vec<(usize, usize)>,
}

fn find(text: &str, words: &[Vec<char>]) -> Matches {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|c| crate::text::fold(*c)).collect();
    let mut word_at = vec![None; chars.len()];
    let mut starts = Vec::new();
    for (w, word) in words.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
        for start in 0..folded.len().saturating_sub(word.len() - 1) {
            if folded[start..start + word.len()] == word[..] {
                starts.push((start, w));
                word_at[start..start + word.len()].fill(Some(w));
            }
        }
    }
    starts.sort_unstable();
    Matches {
        chars,
        word_at,
        starts,
    }
}

/// The query words folded for matching.
pub(crate) fn folded_words(words: &[String]) -> Vec<Vec<char>> {
    words.iter().map(|w| w.chars().collect()).collect()
}

/// All of `text`, escaped, with the words marked.
pub(crate) fn mark_all(text: &str, words: &[Vec<char>]) -> String {
    let m = find(text, words);
    render(&m, 0, m.chars.len())
}

/// The best passage of `text` (the most distinct words within [`SNIPPET_CHARS`]) and how many
/// distinct words it shows, or `None` when no word occurs.
pub(crate) fn snippet(text: &str, words: &[Vec<char>]) -> Option<(usize, String)> {
    let m = find(text, words);
    let mut best: Option<(usize, usize)> = None; // (distinct words, start)
    // The first 500 occurrences are enough to choose from, and bound the work on long texts.
    let starts = &m.starts[..m.starts.len().min(500)];
    for &(hit, _) in starts {
        let start = hit.saturating_sub(LEAD_CHARS);
        let mut seen: Vec<usize> = Vec::new();
        for &(_, w) in starts
            .iter()
            .filter(|(s, _)| (start..start + SNIPPET_CHARS).contains(s))
        {
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
        if best.is_none_or(|(n, _)| seen.len() > n) {
            best = Some((seen.len(), start));
        }
    }
    let (n, start) = best?;
    Some((
        n,
        render(&m, start, (start + SNIPPET_CHARS).min(m.chars.len())),
    ))
}

/// The start of `text`, escaped, for results whose words occur only in the title.
pub(crate) fn lead(text: &str) -> String {
    let m = find(text, &[]);
    render(&m, 0, m.chars.len().min(SNIPPET_CHARS))
}

/// Characters `from..to`, escaped, runs of white space shown as one space, words in `<mark>`,
/// with 「…」 where text is cut off.
fn render(m: &Matches, from: usize, to: usize) -> String {
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut marked = false;
    for i in from..to {
        let c = m.chars[i];
        if c.is_whitespace() && i > from && m.chars[i - 1].is_whitespace() {
            continue;
        }
        let here = m.word_at[i].is_some();
        if here != marked {
            out.push_str(if here { "<mark>" } else { "</mark>" });
            marked = here;
        }
        escape_into(&mut out, if c.is_whitespace() { ' ' } else { c });
    }
    if marked {
        out.push_str("</mark>");
    }
    if to < m.chars.len() {
        out.push('…');
    }
    out
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<Vec<char>> {
        folded_words(
            &ws.iter()
                .map(|w| crate::text::fold_str(w))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn marks_are_placed_around_folded_matches_and_text_is_escaped() {
        let got = mark_all("国办发〔2019〕６１号 <b>", &words(&["61号"]));
        assert_eq!(got, "国办发〔2019〕<mark>６１号</mark> &lt;b&gt;");
    }

    #[test]
    fn a_snippet_prefers_the_passage_with_the_most_distinct_words() {
        let text = format!("预算{}预算和决算{}", "甲".repeat(200), "乙".repeat(200));
        let (n, html) = snippet(&text, &words(&["预算", "决算"])).unwrap();
        assert_eq!(n, 2);
        assert!(html.starts_with('…') && html.ends_with('…'), "{html}");
        assert!(
            html.contains("<mark>预算</mark>和<mark>决算</mark>"),
            "{html}"
        );
    }

    #[test]
    fn no_snippet_without_a_match() {
        assert!(snippet("政府信息", &words(&["预算"])).is_none());
    }
}
