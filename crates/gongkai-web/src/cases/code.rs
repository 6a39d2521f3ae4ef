//! 查询码: what an applicant keeps to follow the case and fetch the answer. 16 characters from
//! an alphabet without look-alikes (no 0/O, 1/I/L), about 79 random bits: unguessable, and
//! readable over the phone in groups of four.

const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A new 查询码 (stored and compared without the dashes).
///
/// # Panics
/// If the system's random source fails.
pub fn new_code() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system random source works");
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// The code as typed (spaces, dashes, lower case) in its stored form.
pub fn normalize(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The code as printed: `ABCD-EFGH-JKMN-PQRS`.
pub fn display(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Percent-encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b':' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `k=v&…` of the pairs whose value is not empty, values percent-encoded (a list's filters in
/// its page links).
pub fn query_string(pairs: &[(&str, &String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sixteen_unambiguous_characters_and_read_back_from_any_typing() {
        let c = new_code();
        assert_eq!(c.len(), 16);
        assert!(!c.contains(['0', 'O', '1', 'I', 'L']));
        let shown = display(&c);
        assert_eq!(shown.len(), 19);
        assert_eq!(normalize(&shown.to_lowercase().replace('-', " - ")), c);
        assert_ne!(new_code(), c);
    }
}
