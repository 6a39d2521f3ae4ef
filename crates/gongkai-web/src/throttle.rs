//! Which throttling counters a password check reserves (see `LoginThrottle` in storage).
//!
//! A sign-in counts against three keys: the account from this address (the owner's own
//! typos), this address for any account (one machine guessing many accounts), and — only for
//! a browser that has never signed in to the account — the account itself (many machines
//! guessing one account). A browser that signed in to the account before carries a signed
//! `gk_device` cookie and is exempt from the last key, so nobody can keep the owner out by
//! failing on purpose. Delays grow; nothing locks for good.

use crate::csrf::{cookie, set_cookie};
use crate::{AppState, WebError};
use axum::http::HeaderMap;
use chrono::Utc;
use gongkai_storage::ThrottleKey;

/// The known-device cookie.
pub const DEVICE_COOKIE: &str = "gk_device";
const DEVICE: &str = "device";
/// How long a browser stays known: 180 days.
const DEVICE_DAYS: i64 = 180;

/// Whether this browser has signed in to `name` before.
pub fn known_device(state: &AppState, headers: &HeaderMap, name: &str) -> bool {
    cookie(headers, DEVICE_COOKIE)
        .and_then(|v| state.config.signer.verify(DEVICE, v))
        .is_some_and(|v| v == name)
}

/// The `Set-Cookie` value marking this browser as known for `name`.
pub fn device_cookie(state: &AppState, name: &str) -> String {
    let value = state.config.signer.sign(DEVICE, name);
    let age = DEVICE_DAYS * 24 * 3600;
    set_cookie(
        DEVICE_COOKIE,
        &value,
        Some(age),
        state.config.secure_cookies,
    )
}

/// The keys of a sign-in attempt for `name` (lower case) from `addr`.
pub fn login_keys(state: &AppState, name: &str, addr: &str, known: bool) -> Vec<ThrottleKey> {
    let p = &state.config.throttle;
    let mut keys = vec![
        ThrottleKey {
            key: format!("acct-addr:{name}|{addr}"),
            policy: p.account_address,
        },
        ThrottleKey {
            key: format!("addr:{addr}"),
            policy: p.address,
        },
    ];
    if !known {
        keys.push(ThrottleKey {
            key: format!("acct:{name}"),
            policy: p.account_unknown_device,
        });
    }
    keys
}

/// The keys a successful sign-in clears (never the address key: succeeding on one's own
/// account must not reset a count of guesses at others).
pub fn cleared_by_success(keys: &[ThrottleKey]) -> Vec<String> {
    keys.iter()
        .filter(|k| !k.key.starts_with("addr:"))
        .map(|k| k.key.clone())
        .collect()
}

/// Reserves one password check, or says how long to wait.
///
/// # Errors
/// [`WebError::Throttled`] when a key asks to wait; storage errors.
pub async fn reserve(state: &AppState, keys: &[ThrottleKey]) -> Result<(), WebError> {
    let now = Utc::now();
    match state.store.reserve_attempt(keys, now).await? {
        None => Ok(()),
        Some(at) => {
            let retry_secs = (at - now).num_seconds().max(1);
            tracing::warn!(keys = ?keys.iter().map(|k| &k.key).collect::<Vec<_>>(), retry_secs, "sign-in throttled");
            Err(WebError::Throttled { retry_secs })
        }
    }
}
