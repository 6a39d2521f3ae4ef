//! CSRF protection: a synchronizer token kept in the server-side session and echoed by every
//! form in a hidden `csrf` field. Cookies are also `SameSite=Lax`.

use crate::WebError;
use tower_sessions::Session;

const KEY: &str = "csrf";

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String, WebError> {
    if let Some(t) = session.get::<String>(KEY).await? {
        return Ok(t);
    }
    let t = crate::password::random_secret();
    session.insert(KEY, &t).await?;
    Ok(t)
}

/// Checks a submitted token against the session's.
pub async fn verify(session: &Session, submitted: &str) -> Result<(), WebError> {
    match session.get::<String>(KEY).await? {
        Some(t) if !submitted.is_empty() && t == submitted => Ok(()),
        _ => Err(WebError::Csrf),
    }
}
