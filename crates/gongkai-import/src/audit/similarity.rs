//! SIM-01: near-duplicate narrative (一、总体情况 and 五、存在的主要问题) across reports.
//!
//! Each text becomes a `MinHash` signature of its character 5-shingles (Han characters and digits
//! only, so punctuation and spacing do not matter); locality-sensitive hashing over bands of the
//! signature finds candidate pairs without comparing every pair, so 10,000 reports cost about the
//! same per report as 10 (comparisons within a bucket are capped, see [`MAX_PEERS`]). Only the signature is kept, not the text.

use crate::normalize::is_han;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Signature length (hash functions).
const K: usize = 64;
/// LSH bands × rows per band = K.
const BANDS: usize = 16;
const ROWS: usize = K / BANDS;
/// Shingle size in characters.
const SHINGLE: usize = 5;
/// Texts shorter than this (characters) are not compared.
pub const MIN_CHARS: usize = 60;
/// Estimated Jaccard similarity from which a pair is reported.
pub const THRESHOLD: f64 = 0.7;
/// In one LSH bucket, each text is compared with at most this many later ones, so that a large
/// cluster of copies (a county's departments sharing one template) costs linear, not quadratic,
/// time and memory; every member of such a cluster still finds many of its copies.
const MAX_PEERS: usize = 50;

/// A `MinHash` signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u64; K]);

/// The signature of `text`, or `None` when it is too short to judge.
pub fn signature(text: &str) -> Option<Signature> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| is_han(*c) || c.is_ascii_digit())
        .collect();
    if chars.len() < MIN_CHARS {
        return None;
    }
    let mut sig = [u64::MAX; K];
    for w in chars.windows(SHINGLE) {
        let mut h = DefaultHasher::new();
        w.hash(&mut h);
        let base = h.finish();
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(Signature(sig))
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Estimated Jaccard similarity of two signatures.
pub fn score(a: &Signature, b: &Signature) -> f64 {
    let same = a.0.iter().zip(b.0.iter()).filter(|(x, y)| x == y).count();
    same as f64 / K as f64
}

/// Pairs `(i, j, score)` with `i < j` whose estimated similarity reaches [`THRESHOLD`].
pub fn similar_pairs(sigs: &[(usize, Signature)]) -> Vec<(usize, usize, f64)> {
    let mut buckets: HashMap<(usize, Vec<u64>), Vec<usize>> = HashMap::new();
    for (n, (_, sig)) in sigs.iter().enumerate() {
        for band in 0..BANDS {
            let key = sig.0[band * ROWS..(band + 1) * ROWS].to_vec();
            buckets.entry((band, key)).or_default().push(n);
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for members in buckets.values().filter(|m| m.len() > 1) {
        for (x, &a) in members.iter().enumerate() {
            for &b in members.iter().skip(x + 1).take(MAX_PEERS) {
                if !seen.insert((a, b)) {
                    continue;
                }
                let s = score(&sigs[a].1, &sigs[b].1);
                if s >= THRESHOLD {
                    out.push((sigs[a].0.min(sigs[b].0), sigs[a].0.max(sigs[b].0), s));
                }
            }
        }
    }
    out.sort_by_key(|p| (p.0, p.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_score_high_and_different_texts_low() {
        let a = "本年度我局认真贯彻落实政府信息公开条例，主动公开政府信息一千二百条，依申请公开办理二十件，全部按期答复，政府网站和政务新媒体运行平稳，监督保障有力。";
        let b = a.replace("一千二百", "九百八十");
        let c = "今年以来，我镇围绕乡村振兴中心工作，加强村务公开栏建设，公开惠民补贴发放信息，群众满意度明显提升，同时强化培训，提升工作人员业务能力和水平。";
        let (sa, sb, sc) = (
            signature(a).unwrap(),
            signature(&b).unwrap(),
            signature(c).unwrap(),
        );
        assert!(score(&sa, &sb) > 0.7, "{}", score(&sa, &sb));
        assert!(score(&sa, &sc) < 0.2, "{}", score(&sa, &sc));
    }
}
