//! Password hashing (Argon2id, PHC strings) and random secrets for tokens and first-run passwords.

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
