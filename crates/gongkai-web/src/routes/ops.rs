//! Operations: `/healthz`, `/metrics`, the 404 fallback, and the request-id / tracing layers.

use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{HttpMakeClassifier, TraceLayer};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// GET /healthz: 200 `ok` when the database answers.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => "ok".into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// GET /metrics (Prometheus text format) on the main listener: only with the configured bearer
/// token; without a configured token it does not exist here (serve it on its own address).
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return WebError::NotFound("页面").into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let same = given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |a, (x, y)| a | (x ^ y))
            == 0;
    if !same {
        return WebError::TokenRequired.into_response();
    }
    metrics_text(&state)
}

/// The metrics text, for the main listener (behind a token) or a separate one.
pub fn metrics_text(state: &AppState) -> Response {
    let ct = [(header::CONTENT_TYPE, "text/plain; version=0.0.4")];
    (ct, state.metrics.render()).into_response()
}

/// A router serving only `/metrics`, without a token, for a listen address of its own
/// (`metrics_listen`, e.g. 127.0.0.1:9100 reachable by the monitoring system only).
pub fn metrics_router(state: AppState) -> axum::Router {
    axum::Router::new()
        .route(
            "/metrics",
            axum::routing::get(|State(s): State<AppState>| async move { metrics_text(&s) }),
        )
        .with_state(state)
}

/// Unknown paths.
pub async fn not_found() -> WebError {
    WebError::NotFound("页面")
}

type MakeSpan = fn(&Request<axum::body::Body>) -> tracing::Span;

fn span(req: &Request<axum::body::Body>) -> tracing::Span {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
}

/// The layers type of [`request_layers`].
pub type RequestLayers = Stack<
    PropagateRequestIdLayer,
    Stack<
        TraceLayer<HttpMakeClassifier, MakeSpan>,
        Stack<SetRequestIdLayer<MakeRequestUuid>, Identity>,
    >,
>;

/// Request ids (`x-request-id`, kept if the proxy set one) and one log span per request.
pub fn request_layers() -> RequestLayers {
    ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(TraceLayer::new_for_http().make_span_with(span as MakeSpan))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .into_inner()
}
