//! Extractors whose rejections speak Chinese and go through [`WebError`], instead of axum's
//! English plain text: a form that cannot be read is 422 (or 413 when too large), a bad id in
//! the path is 404, a bad query string is 422.

use crate::WebError;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// `application/x-www-form-urlencoded` body, parsed into `T`.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Self(v)),
            Err(e) => Err(form_rejection(&e)),
        }
    }
}

fn form_rejection(e: &FormRejection) -> WebError {
    tracing::debug!(error = %e, "form rejected");
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return WebError::TooLarge;
    }
    WebError::BadInput("表单内容不完整或格式有误，请检查后重新提交".into())
}

/// A JSON body for `/api`, parsed into `T`.
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = axum::response::Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(e) => Err(json_rejection(&e).into_api_response()),
        }
    }
}

fn json_rejection(e: &JsonRejection) -> WebError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return WebError::TooLarge;
    }
    WebError::BadInput(format!(
        "请求内容不是有效的 JSON 或字段有误：{}",
        e.body_text()
    ))
}

/// Path parameters, parsed into `T`; an id that does not parse is simply not found.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Self(v)),
            Err(e) => {
                tracing::debug!(error = %e, "path rejected");
                Err(WebError::NotFound("页面（网址中的编号无效）"))
            }
        }
    }
}

/// Query parameters, parsed into `T`.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Self(v)),
            Err(e) => {
                tracing::debug!(error = %e, "query rejected");
                Err(WebError::BadInput("网址中的查询条件格式有误".into()))
            }
        }
    }
}
