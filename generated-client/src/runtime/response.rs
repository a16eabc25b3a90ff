//! Responses: the raw response that `execute` returns, its decoding, and the
//! typed response with its metadata.

use std::fmt;

use bytes::Bytes;
use http::HeaderMap;

use super::codec::{BodyMismatch, from_json_body};
use super::error::{
    ApiError, DecodeError, Error, ErrorBody, RedactedHeaders, RequestContext, body_snippet,
};
use super::rate_limit::RateLimit;

/// A response as received, whatever its status; generated code decodes it
/// according to its status.
pub struct RawResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    context: RequestContext,
}

impl RawResponse {
    pub(crate) fn new(
        status: u16,
        headers: HeaderMap,
        body: Bytes,
        context: RequestContext,
    ) -> RawResponse {
        RawResponse {
            status,
            headers,
            body,
            context,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body as received.
    pub fn raw_body(&self) -> &Bytes {
        &self.body
    }

    /// The rate-limit headers of this response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }

    /// Decodes a JSON body as `T`; on failure the error names the path of the
    /// field that did not match (such as `data.user_id`).
    pub fn json<T: ::serde::de::DeserializeOwned>(self) -> Result<Response<T>, Error> {
        match from_json_body(&self.body) {
            Ok(body) => Ok(self.with_body(body)),
            Err(BodyMismatch { path, message }) => Err(self.decode_error(path, message)),
        }
    }

    /// The body as text (invalid UTF-8 is replaced).
    pub fn text(self) -> Result<Response<String>, Error> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Ok(self.with_body(text))
    }

    /// The body as bytes.
    pub fn bytes(self) -> Result<Response<Bytes>, Error> {
        let body = self.body.clone();
        Ok(self.with_body(body))
    }

    /// Ignores the body.
    pub fn empty(self) -> Result<Response<()>, Error> {
        Ok(self.with_body(()))
    }

    /// An error for a declared error status, with the body decoded as `E` when
    /// it decodes (and kept raw always). A 429 becomes
    /// [`Error::RateLimited`].
    pub fn api_error<E: ErrorBody + ::serde::de::DeserializeOwned>(self) -> Error {
        let rate_limit = self.rate_limit();
        let error = ApiError::decode::<E>(self.status, self.context, self.headers, self.body);
        api_or_rate_limited(error, rate_limit)
    }

    /// An error for a status the operation does not declare; the body is kept
    /// raw. A 429 becomes [`Error::RateLimited`].
    pub fn unexpected(self) -> Error {
        let rate_limit = self.rate_limit();
        let error = ApiError::undecoded(self.status, self.context, self.headers, self.body);
        api_or_rate_limited(error, rate_limit)
    }

    /// A decode error for this response.
    pub(crate) fn decode_error(&self, path: String, message: String) -> Error {
        Error::Decode(Box::new(DecodeError {
            status: self.status,
            operation: self.context.operation_label(),
            path,
            message,
            raw_body: self.body.clone(),
        }))
    }

    fn with_body<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            body,
        }
    }
}

/// [`Error::RateLimited`] for a 429, [`Error::Api`] otherwise.
fn api_or_rate_limited(error: ApiError, rate_limit: RateLimit) -> Error {
    if error.status() == 429 {
        Error::RateLimited {
            error: Box::new(error),
            retry_after: rate_limit.suggested_wait(),
        }
    } else {
        Error::Api(Box::new(error))
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("RawResponse")
            .field("status", &self.status)
            .field("request", &self.context.to_string())
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &body_snippet(&self.body))
            .finish()
    }
}

/// A decoded response body with the response's status and headers.
///
/// Returned by the generated `send_with_response`; `send` returns only the
/// body.
#[derive(Clone)]
pub struct Response<T> {
    status: u16,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate-limit headers of this response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping the metadata.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Transforms the body, keeping the metadata.
    pub fn map<U>(self, transform: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: transform(self.body),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}
