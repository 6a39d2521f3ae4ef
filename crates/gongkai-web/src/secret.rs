//! Signing short values with the platform's secret (HMAC-SHA256): the CSRF cookie and the
//! known-device cookie. Nothing signed here is stored on the server.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// An HMAC key for cookies.
pub struct Signer {
    key: [u8; 32],
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(***)")
    }
}

impl Signer {
    /// A signer with a fixed key (derived from the audit key by the caller).
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    /// A signer with a random key (tests; a single instance that needs no shared secret).
    ///
    /// # Panics
    /// If the operating system's random source fails.
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).expect("the system random source works");
        Self { key }
    }

    /// The hex HMAC of `purpose` and `value`.
    pub fn mac(&self, purpose: &str, value: &str) -> String {
        let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key)
            .expect("HMAC accepts keys of any length");
        m.update(purpose.as_bytes());
        m.update(&[0]);
        m.update(value.as_bytes());
        m.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// `value.mac`
    pub fn sign(&self, purpose: &str, value: &str) -> String {
        format!("{value}.{}", self.mac(purpose, value))
    }

    /// The value of a signed string, if its signature holds (compared in constant time).
    pub fn verify<'a>(&self, purpose: &str, signed: &'a str) -> Option<&'a str> {
        let (value, mac) = signed.rsplit_once('.')?;
        let expected = self.mac(purpose, value);
        let same = expected.len() == mac.len()
            && expected
                .bytes()
                .zip(mac.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        same.then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_hold_only_for_the_same_key_purpose_and_value() {
        let s = Signer::random();
        let signed = s.sign("csrf", "abc");
        assert_eq!(s.verify("csrf", &signed), Some("abc"));
        assert_eq!(s.verify("device", &signed), None);
        assert_eq!(s.verify("csrf", &signed.replace("abc", "abd")), None);
        assert_eq!(Signer::random().verify("csrf", &signed), None);
        assert_eq!(s.verify("csrf", "no-dot"), None);
    }
}
