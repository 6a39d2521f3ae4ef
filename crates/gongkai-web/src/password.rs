//! Password hashing (Argon2id, PHC strings) and random secrets for tokens and one-time
//! passwords.

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

/// Hashes a password; `None` only if the system's random source fails.
pub fn hash(password: &str) -> Option<String> {
    let h: PasswordHash = Argon2::default().hash_password(password.as_bytes()).ok()?;
    Some(h.to_string())
}

/// Whether `password` matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// A hash to verify against when the account does not exist, so both cases take as long.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("gongkai-dummy-password").unwrap_or_default())
}

/// A random secret of 32 hex characters (122 random bits).
pub fn random_secret() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A one-time password that meets the password rules (four character classes, 16 characters,
/// no look-alike characters), for the first admin and for resets.
pub fn one_time_password() -> String {
    const SETS: [&[u8]; 4] = [
        b"abcdefghjkmnpqrstuvwxyz",
        b"ABCDEFGHJKLMNPQRSTUVWXYZ",
        b"23456789",
        b"-_.+=@#",
    ];
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system random source works");
    bytes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            // The first four characters take one class each, so every class is present.
            let set = if i < 4 {
                SETS[i]
            } else {
                SETS[usize::from(*b >> 5) % 3]
            };
            char::from(set[usize::from(*b) % set.len()])
        })
        .collect()
}

/// Checks a password on a blocking thread and counts the check for `/metrics`.
///
/// # Errors
/// If the blocking task fails.
pub async fn verify_blocking(
    state: &crate::AppState,
    password: &str,
    phc: String,
) -> Result<bool, crate::WebError> {
    state
        .metrics
        .password_checks
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let pw = password.to_owned();
    Ok(tokio::task::spawn_blocking(move || verify(&pw, &phc)).await?)
}

/// A new API token (`gk_` + 64 hex characters); store only [`token_hash`] of it.
pub fn new_api_token() -> String {
    format!("gk_{}{}", random_secret(), random_secret())
}

/// The SHA-256 hex digest under which a token is stored.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_time_passwords_meet_the_password_rules() {
        for _ in 0..200 {
            let p = super::one_time_password();
            gongkai_domain::account::check_new_password(&p, "admin").unwrap();
        }
    }
}
