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
///
/// One band at a time: its buckets (band hash → members) are built, searched and dropped, and a
/// pair met again in another band is scored again rather than remembered, so memory holds one
/// band's buckets and the pairs found, not every pair compared.
pub fn similar_pairs(sigs: &[(usize, &Signature)]) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<u32>> = HashMap::new();
        for (n, (_, sig)) in sigs.iter().enumerate() {
            let mut h = DefaultHasher::new();
            sig.0[band * ROWS..(band + 1) * ROWS].hash(&mut h);
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            buckets.entry(h.finish()).or_default().push(n);
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            for (x, &a) in members.iter().enumerate() {
                for &b in members.iter().skip(x + 1).take(MAX_PEERS) {
                    let (a, b) = (&sigs[a as usize], &sigs[b as usize]);
                    let s = score(a.1, b.1);
                    if s >= THRESHOLD {
                        out.push((a.0.min(b.0), a.0.max(b.0), s));
                    }
                }
            }
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out.dedup_by_key(|p| (p.0, p.1));
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
