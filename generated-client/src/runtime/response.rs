//! Responses: the raw response that `execute` returns, its decoding, and the
//! typed response with its metadata.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::HeaderMap;

use super::error::{
    ApiError, DecodeError, Error, ErrorBody, RedactedHeaders, RequestContext, body_snippet,
};

/// The rate-limit headers of a response. Every field is `None` when its header
/// is absent or unreadable.
///
/// ```no_run
/// # async fn example(client: pipedrive::runtime::Client) {
/// if let Some(rate_limit) = client.last_rate_limit() {
///     if rate_limit.remaining == Some(0) {
///         println!("out of budget for {:?}", rate_limit.reset);
///     }
/// }
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `x-ratelimit-limit`: requests allowed in the current window.
    pub limit: Option<u64>,
    /// `x-ratelimit-remaining`: requests left in the current window.
    pub remaining: Option<u64>,
    /// `x-ratelimit-reset`: time until the window resets (read as seconds, or
    /// as a Unix time when the number is that large).
    pub reset: Option<Duration>,
    /// `x-daily-requests-left`: requests (or tokens) left today.
    pub daily_requests_left: Option<u64>,
    /// `retry-after`: how long to wait (seconds or an HTTP date).
    pub retry_after: Option<Duration>,
}

/// Numbers above this in `x-ratelimit-reset` are Unix times, not durations.
const UNIX_TIME_THRESHOLD: f64 = 1_000_000_000.0;

impl RateLimit {
    /// Reads the rate-limit headers of a response.
    pub fn from_headers(headers: &HeaderMap) -> RateLimit {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::trim)
        };
        let integer = |name: &str| text(name).and_then(|value| value.parse::<u64>().ok());
        RateLimit {
            limit: integer("x-ratelimit-limit"),
            remaining: integer("x-ratelimit-remaining"),
            reset: text("x-ratelimit-reset").and_then(parse_reset),
            daily_requests_left: integer("x-daily-requests-left"),
            retry_after: text("retry-after").and_then(parse_retry_after),
        }
    }

    /// Whether no rate-limit header was present.
    pub fn is_empty(&self) -> bool {
        *self == RateLimit::default()
    }

    /// How long the server asks to wait: `retry-after`, else
    /// `x-ratelimit-reset`.
    pub fn suggested_wait(&self) -> Option<Duration> {
        self.retry_after.or(self.reset)
    }
}

/// Reads `x-ratelimit-reset`: seconds from now, or a Unix time.
fn parse_reset(text: &str) -> Option<Duration> {
    let number: f64 = text.parse().ok()?;
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    if number >= UNIX_TIME_THRESHOLD {
        let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
        return Some(Duration::from_secs_f64((number - now).max(0.0)));
    }
    Some(Duration::from_secs_f64(number))
}

/// Reads `Retry-After`: seconds, or an HTTP date (RFC 9110, section 10.2.3).
fn parse_retry_after(text: &str) -> Option<Duration> {
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let wait = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

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
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        let body: T = match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(body) => body,
            Err(error) => {
                let path = error.path().to_string();
                return Err(self.decode_error(path, error.into_inner().to_string()));
            }
        };
        if let Err(error) = deserializer.end() {
            return Err(self.decode_error(".".to_owned(), error.to_string()));
        }
        Ok(self.with_body(body))
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
