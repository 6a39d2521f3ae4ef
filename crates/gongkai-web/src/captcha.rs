//! A built-in challenge for the public application form, with no outside service and no
//! JavaScript: five digits drawn as jittered seven-segment strokes in an SVG image (no text in
//! the markup), behind a signed token.
//!
//! The token is `nonce.expiry` signed with the platform secret; the digits are derived from the
//! nonce with the same secret, so nothing is stored until an answer is accepted — then the
//! nonce is claimed once in the database (`ProfileStore::claim_once`), so an answered image
//! cannot be replayed. It keeps out casual scripts; the per-address limits do the rest.

use crate::secret::Signer;
use chrono::{DateTime, Utc};
use std::fmt::Write;

const PURPOSE: &str = "captcha";
/// How long a challenge may be answered.
const VALID_SECS: i64 = 30 * 60;

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaptchaError {
    /// Wrong digits.
    #[error("验证码不正确，请看清图中的数字后重新输入")]
    Wrong,
    /// Too old, or the token was tampered with.
    #[error("验证码已过期，请重新输入新的验证码")]
    Expired,
}

/// A new challenge token.
pub fn new_token(signer: &Signer, now: DateTime<Utc>) -> String {
    let nonce = crate::password::random_secret();
    let exp = now.timestamp() + VALID_SECS;
    signer.sign(PURPOSE, &format!("{nonce}-{exp}"))
}

fn digits(signer: &Signer, nonce: &str) -> Vec<u8> {
    let mac = signer.mac("captcha digits", nonce);
    mac.bytes().take(5).map(|b| b % 10).collect()
}

/// The nonce of a valid, unexpired token.
fn open(signer: &Signer, token: &str, now: DateTime<Utc>) -> Result<String, CaptchaError> {
    let value = signer.verify(PURPOSE, token).ok_or(CaptchaError::Expired)?;
    let (nonce, exp) = value.rsplit_once('-').ok_or(CaptchaError::Expired)?;
    let exp: i64 = exp.parse().map_err(|_| CaptchaError::Expired)?;
    if now.timestamp() > exp {
        return Err(CaptchaError::Expired);
    }
    Ok(nonce.to_owned())
}

/// Checks an answer; returns the nonce to claim.
///
/// # Errors
/// [`CaptchaError`] for a wrong answer or an expired/forged token.
pub fn check(
    signer: &Signer,
    token: &str,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<String, CaptchaError> {
    let nonce = open(signer, token, now)?;
    let typed: Vec<u8> = answer
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| d as u8)
        .collect();
    if typed != digits(signer, &nonce) {
        return Err(CaptchaError::Wrong);
    }
    Ok(nonce)
}

/// The digits of a valid token: what a person reads off the image. Only code that holds the
/// platform secret can call this (the end-to-end tests, playing the applicant).
pub fn solve(signer: &Signer, token: &str) -> Option<String> {
    let nonce = open(signer, token, Utc::now()).ok()?;
    Some(
        digits(signer, &nonce)
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect(),
    )
}

/// Segments a–g of each digit (bit 0 = a … bit 6 = g).
const SEGMENTS: [u8; 10] = [0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f];
/// Start and end of segments a–g in a 20×36 cell.
const LINES: [((i32, i32), (i32, i32)); 7] = [
    ((2, 2), (18, 2)),
    ((18, 2), (18, 18)),
    ((18, 18), (18, 34)),
    ((2, 34), (18, 34)),
    ((2, 18), (2, 34)),
    ((2, 2), (2, 18)),
    ((2, 18), (18, 18)),
];

/// The image of a token, or `None` for an invalid one.
pub fn svg(signer: &Signer, token: &str, now: DateTime<Utc>) -> Option<String> {
    let nonce = open(signer, token, now).ok()?;
    let noise: Vec<i32> = signer
        .mac("captcha noise", &nonce)
        .bytes()
        .map(i32::from)
        .collect();
    let mut out = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"180\" height=\"60\" viewBox=\"0 0 180 60\" role=\"img\" aria-label=\"验证码图片\">\
         <rect width=\"180\" height=\"60\" fill=\"#f4f1ea\"/>",
    );
    for (i, d) in digits(signer, &nonce).iter().enumerate() {
        let j = |k: usize| noise[(i * 7 + k) % noise.len()] % 7 - 3;
        let (x, y, rot) = (12 + i as i32 * 32 + j(0), 10 + j(1), j(2) * 4);
        let _ = write!(
            out,
            "<g transform=\"translate({x} {y}) rotate({rot} 10 18)\" stroke=\"#5a2a2a\" stroke-width=\"3\" stroke-linecap=\"round\" fill=\"none\">"
        );
        for (s, ((x1, y1), (x2, y2))) in LINES.iter().enumerate() {
            if SEGMENTS[usize::from(*d)] & (1 << s) != 0 {
                let _ = write!(
                    out,
                    "<path d=\"M{} {} L{} {}\"/>",
                    x1 + j(3 + s) / 2,
                    y1,
                    x2,
                    y2 + j(4 + s) / 2
                );
            }
        }
        out.push_str("</g>");
    }
    for k in 0..6 {
        let v = |m: usize| noise[(k * 4 + m + 40) % noise.len()];
        let _ = write!(
            out,
            "<path d=\"M{} {} L{} {}\" stroke=\"#8a7f70\" stroke-width=\"1\"/>",
            v(0) % 180,
            v(1) % 60,
            v(2) % 180,
            v(3) % 60
        );
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_digits_pass_and_wrong_or_late_ones_do_not() {
        let s = Signer::random();
        let now = Utc::now();
        let token = new_token(&s, now);
        let nonce = open(&s, &token, now).unwrap();
        let right: String = digits(&s, &nonce)
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect();
        assert_eq!(check(&s, &token, &right, now).unwrap(), nonce);
        assert_eq!(
            check(&s, &token, " 0 0 0 0 0x", now).is_err(),
            right != "00000"
        );
        let late = now + chrono::Duration::hours(1);
        assert_eq!(check(&s, &token, &right, late), Err(CaptchaError::Expired));
        assert_eq!(
            check(&Signer::random(), &token, &right, now),
            Err(CaptchaError::Expired)
        );
        let image = svg(&s, &token, now).unwrap();
        assert!(
            image.starts_with("<svg") && !image.contains(&right),
            "no digits as text"
        );
    }
}
