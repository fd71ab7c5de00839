//! Errors, and how each becomes an HTTP response: a JSON body for the API, a page for the
//! dashboard. A client's mistake is a 400 that names the parameter and the problem.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dyad_store::read_api::is_interrupted;
use dyad_store::StoreError;
use serde_json::json;

/// Why a request could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A query or path parameter that is unknown, malformed or out of range.
    #[error("parameter '{parameter}': {problem}")]
    BadParameter { parameter: String, problem: String },
    #[error("{0}")]
    NotFound(String),
    /// The store file does not exist (yet): the dashboard says how to make one.
    #[error("no store at {path} yet: make one with `dyad ingest FILES --db {path}`")]
    NoStore { path: String },
    /// The query was stopped (the request ran out of time) or the server is shutting down.
    #[error("the query was interrupted")]
    Interrupted,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad(parameter: &str, problem: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            parameter: parameter.to_string(),
            problem: problem.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::NoStore { .. } | ApiError::Interrupted => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(StoreError::Query(_)) => StatusCode::BAD_REQUEST,
            ApiError::Store(StoreError::Missing { .. }) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(e) if is_interrupted(e) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short machine-readable kind for the JSON body.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::BadParameter { .. } => "bad_parameter",
            ApiError::NotFound(_) => "not_found",
            ApiError::NoStore { .. } => "no_store",
            ApiError::Interrupted => "interrupted",
            ApiError::Store(StoreError::Query(_)) => "bad_query",
            ApiError::Store(e) if is_interrupted(e) => "interrupted",
            ApiError::Store(_) => "store_error",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn body(&self) -> serde_json::Value {
        let mut body = json!({ "error": self.kind(), "message": self.to_string() });
        if let ApiError::BadParameter { parameter, problem } = self {
            body["parameter"] = json!(parameter);
            body["problem"] = json!(problem);
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status(), axum::Json(self.body())).into_response()
    }
}
