//! A form extractor whose rejection speaks Chinese and goes through [`WebError`], instead of
//! axum's English plain-text 422.

use crate::WebError;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

/// `application/x-www-form-urlencoded` body, parsed into `T`.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Self(v)),
            Err(e) => {
                tracing::debug!(error = %e, "form rejected");
                Err(WebError::BadInput(
                    "表单内容不完整或格式有误，请检查后重新提交".into(),
                ))
            }
        }
    }
}
