//! The one error type of the client, and the decoded error bodies it carries.

use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method};

use super::rate_limit::RateLimit;

/// A schema used as the body of an error response.
///
/// Generated code implements it for every schema that a spec uses as an error
/// body; the runtime implements it for [`serde_json::Value`], which looks for
/// the same well-known fields.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Failure {
///     error: Option<String>,
/// }
///
/// impl pipedrive::runtime::ErrorBody for Failure {
///     fn message(&self) -> Option<String> {
///         self.error.clone()
///     }
/// }
/// ```
pub trait ErrorBody: fmt::Debug + Send + Sync + 'static {
    /// A human-readable message from the body, when it has one.
    fn message(&self) -> Option<String> {
        None
    }
}

/// The field names, in order, whose first string value is taken as the message
/// of an error body.
pub(crate) const MESSAGE_FIELD_NAMES: [&str; 5] =
    ["error", "message", "error_description", "detail", "title"];

impl ErrorBody for serde_json::Value {
    fn message(&self) -> Option<String> {
        MESSAGE_FIELD_NAMES
            .iter()
            .find_map(|name| self.get(name).and_then(serde_json::Value::as_str))
            .map(str::to_owned)
    }
}

/// The message of an error body from its string fields, each given as its
/// name on the wire and its value: of the fields named `error`, `message`,
/// `error_description`, `detail` and `title`, in that order, the value of the
/// first that has one. Generated [`ErrorBody`] impls call it with every
/// string field, so that which names carry a message is decided only here.
pub fn message_from_fields(fields: &[(&str, Option<&str>)]) -> Option<String> {
    MESSAGE_FIELD_NAMES
        .iter()
        .find_map(|wanted| {
            fields
                .iter()
                .find_map(|(name, value)| value.filter(|_| name == wanted))
        })
        .map(str::to_owned)
}

/// Which operation a request belongs to: used in messages and tracing.
#[derive(Clone, Debug)]
pub(crate) struct RequestContext {
    pub(crate) method: Method,
    pub(crate) path_template: Cow<'static, str>,
    pub(crate) operation_id: Option<Cow<'static, str>>,
}

impl RequestContext {
    /// The operation id when known, otherwise `METHOD /path/{template}`.
    pub(crate) fn operation_label(&self) -> String {
        match &self.operation_id {
            Some(operation_id) => operation_id.to_string(),
            None => self.to_string(),
        }
    }
}

impl fmt::Display for RequestContext {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} {}", self.method, self.path_template)
    }
}

/// An error body decoded into its schema type, kept type-erased so that one
/// non-generic [`Error`] can carry it.
struct DecodedErrorBody {
    value: Box<dyn Any + Send + Sync>,
    debug: fn(&(dyn Any + Send + Sync), &mut fmt::Formatter<'_>) -> fmt::Result,
    message: Option<String>,
}

/// A response whose status the operation treats as an error.
///
/// It keeps the status, the headers, the body decoded into the operation's
/// error schema when it decoded ([`ApiError::body`]) and the raw body always
/// ([`ApiError::raw_body`]).
pub struct ApiError {
    status: u16,
    context: RequestContext,
    headers: HeaderMap,
    decoded_body: Option<DecodedErrorBody>,
    raw_body: Bytes,
}

impl ApiError {
    /// Builds an error from a response, decoding the body as `E` when it can.
    pub(crate) fn decode<E>(
        status: u16,
        context: RequestContext,
        headers: HeaderMap,
        raw_body: Bytes,
    ) -> ApiError
    where
        E: ErrorBody + ::serde::de::DeserializeOwned,
    {
        let decoded_body =
            serde_json::from_slice::<E>(&raw_body)
                .ok()
                .map(|value| DecodedErrorBody {
                    message: value.message(),
                    value: Box::new(value),
                    debug: |any, formatter| match any.downcast_ref::<E>() {
                        Some(value) => fmt::Debug::fmt(value, formatter),
                        None => formatter.write_str("<error body>"),
                    },
                });
        ApiError {
            status,
            context,
            headers,
            decoded_body,
            raw_body,
        }
    }

    /// Builds an error that keeps the body raw (an undeclared status).
    pub(crate) fn undecoded(
        status: u16,
        context: RequestContext,
        headers: HeaderMap,
        raw_body: Bytes,
    ) -> ApiError {
        ApiError {
            status,
            context,
            headers,
            decoded_body: None,
            raw_body,
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

    /// The rate-limit headers of this response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }

    /// The body decoded as `E`, when it decoded as the operation's error
    /// schema and `E` is that schema.
    pub fn body<E: ErrorBody>(&self) -> Option<&E> {
        self.decoded_body
            .as_ref()
            .and_then(|decoded| decoded.value.downcast_ref::<E>())
    }

    /// The body as it arrived.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }

    /// The message of the decoded body ([`ErrorBody::message`]), when there is one.
    pub fn message(&self) -> Option<String> {
        self.decoded_body
            .as_ref()
            .and_then(|decoded| decoded.message.clone())
    }

    /// The HTTP method of the request.
    pub fn method(&self) -> &Method {
        &self.context.method
    }

    /// The path template of the operation, such as `/deals/{id}`.
    pub fn path_template(&self) -> &str {
        &self.context.path_template
    }

    /// The operation id, when the request carried one.
    pub fn operation_id(&self) -> Option<&str> {
        self.context.operation_id.as_deref()
    }
}

/// The longest piece of a raw body shown in a message or in `Debug` output.
const BODY_SNIPPET_LENGTH: usize = 200;

/// The start of a body as text, cut at a character boundary.
pub(crate) fn body_snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(BODY_SNIPPET_LENGTH) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The canonical reason phrase of a status, or an empty string.
fn reason_phrase(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("")
}

impl fmt::Display for ApiError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "API error {} {} from {}",
            self.status,
            reason_phrase(self.status),
            self.context
        )?;
        match self.message() {
            Some(message) => write!(formatter, ": {message}"),
            None if self.raw_body.is_empty() => Ok(()),
            None => write!(formatter, ": {}", body_snippet(&self.raw_body)),
        }
    }
}

/// Header names whose values are never shown in `Debug` output.
const REDACTED_HEADER_NAMES: [&str; 4] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Shows headers with the values of credential-like headers redacted.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = formatter.debug_map();
        for (name, value) in self.0 {
            if REDACTED_HEADER_NAMES.contains(&name.as_str()) || value.is_sensitive() {
                map.entry(&name.as_str(), &"<redacted>");
            } else {
                map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        map.finish()
    }
}

/// Shows a decoded error body through its own `Debug`.
struct DecodedBodyDebug<'a>(&'a DecodedErrorBody);

impl fmt::Debug for DecodedBodyDebug<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0.debug)(self.0.value.as_ref(), formatter)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ApiError")
            .field("status", &self.status)
            .field("method", &self.context.method)
            .field("path_template", &self.context.path_template)
            .field("operation_id", &self.context.operation_id)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.decoded_body.as_ref().map(DecodedBodyDebug))
            .field("raw_body", &body_snippet(&self.raw_body))
            .finish()
    }
}

/// A response body that did not match the type the operation expects.
#[derive(Debug)]
pub struct DecodeError {
    /// The HTTP status code of the response.
    pub status: u16,
    /// The operation id, or `METHOD /path/{template}` when there is none.
    pub operation: String,
    /// The path of the field that failed, such as `data.user_id` or
    /// `data[3].value`; `.` is the whole body.
    pub path: String,
    /// What was wrong, from the deserializer.
    pub message: String,
    /// The body as it arrived.
    pub raw_body: Bytes,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "could not decode the {} response of {}",
            self.status, self.operation
        )?;
        if self.path != "." && !self.path.is_empty() {
            write!(formatter, " at {}", self.path)?;
        }
        write!(formatter, ": {}", self.message)
    }
}

/// Why a paginated stream ended with an error instead of after its last page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationProblem {
    /// The API named, as the next page, an offset or cursor that this stream
    /// had already fetched: following it would yield the same items again,
    /// and a server that keeps doing so would never let the stream end.
    RepeatedPosition {
        /// The query parameter that carries the offset or cursor.
        param: String,
        /// The offset or cursor, as the API wrote it.
        value: String,
        /// The page (counted from 1) that was fetched with it.
        first_fetched_as_page: usize,
    },
    /// The API named a next offset below the current one: following it
    /// would yield items again.
    OffsetWentBack {
        /// The query parameter that carries the offset.
        param: String,
        /// The next offset, as the API wrote it.
        value: String,
        /// The offset of the page just fetched.
        current: String,
    },
    /// A page held exactly the items of an earlier page (a server that
    /// ignores the offset or cursor); its items were not yielded.
    RepeatedItems {
        /// The page (counted from 1) that repeated an earlier one.
        page: usize,
        /// The earlier page it repeated.
        same_as_page: usize,
    },
    /// The limit set with [`Paginated::max_pages`](super::Paginated::max_pages)
    /// was reached while the API still reported more pages.
    PageLimit {
        /// The limit.
        max_pages: usize,
    },
    /// The API said more pages follow but named no next offset or cursor:
    /// the rest of the list cannot be fetched, and ending quietly would pass
    /// a partial list off as the whole.
    MoreWithoutNext {
        /// Where the page says more follow (a JSON pointer into the page).
        has_more: String,
        /// Where the next offset or cursor was looked for.
        next: String,
    },
}

/// A paginated stream that stopped because following the API further would
/// repeat items or exceed the caller's page limit. It is the stream's last
/// item, after every item of the pages fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaginationError {
    /// The operation id, or `METHOD /path/{template}` when there is none.
    pub operation: String,
    /// How many pages the stream fetched.
    pub pages: usize,
    /// What stopped it.
    pub problem: PaginationProblem,
}

impl fmt::Display for PaginationError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pages = if self.pages == 1 { "page" } else { "pages" };
        write!(
            formatter,
            "the paginated stream of {} stopped after {} {pages}: ",
            self.operation, self.pages
        )?;
        match &self.problem {
            PaginationProblem::RepeatedPosition {
                param,
                value,
                first_fetched_as_page,
            } => write!(
                formatter,
                "the API named {param}={value} as the next page, which this stream already fetched as page {first_fetched_as_page}; following it would yield the same items again"
            ),
            PaginationProblem::OffsetWentBack {
                param,
                value,
                current,
            } => write!(
                formatter,
                "the API named {param}={value} as the next page, before the current {param}={current}; following it would yield items again"
            ),
            PaginationProblem::RepeatedItems { page, same_as_page } => write!(
                formatter,
                "page {page} holds exactly the items of page {same_as_page} (does the API ignore the page parameter?), so its items were not yielded"
            ),
            PaginationProblem::PageLimit { max_pages } => write!(
                formatter,
                "the limit of {max_pages} pages set with max_pages was reached while the API reports more pages"
            ),
            PaginationProblem::MoreWithoutNext { has_more, next } => write!(
                formatter,
                "the page says more pages follow ({has_more}) but names no next page ({next} is missing or empty), so the rest of the list cannot be fetched"
            ),
        }
    }
}

/// Everything that can go wrong when calling the API.
///
/// No variant's `Display` or `Debug` output contains a credential: transport
/// errors have their URL removed (it may carry an API key in the query), and
/// header values that carry credentials are redacted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or its response could not be read
    /// (DNS, connection refused, TLS, connection reset, ...).
    #[error("could not complete {method} {path_template}: {}", cause_chain(source))]
    Transport {
        /// The HTTP method of the request.
        method: Method,
        /// The path template of the operation.
        path_template: Cow<'static, str>,
        /// The underlying error, without its URL.
        #[source]
        source: reqwest::Error,
    },
    /// The request did not complete within its timeout.
    #[error(
        "{method} {path_template} timed out after {timeout:?}; raise it with a per-request or client timeout if the operation is slow"
    )]
    Timeout {
        /// The HTTP method of the request.
        method: Method,
        /// The path template of the operation.
        path_template: Cow<'static, str>,
        /// The timeout that fired.
        timeout: Duration,
    },
    /// The API answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The API answered 429 Too Many Requests, and retrying did not help (or
    /// was not allowed).
    #[error("{error} (rate limited{})", retry_after_hint(*retry_after))]
    RateLimited {
        /// The 429 response.
        error: Box<ApiError>,
        /// How long the API asked to wait (`Retry-After` or `x-ratelimit-reset`).
        retry_after: Option<Duration>,
    },
    /// A response body did not match the expected type.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// A paginated stream stopped early: the API repeated a page, an offset
    /// or a cursor, or the stream reached the caller's page limit.
    #[error("{0}")]
    Pagination(Box<PaginationError>),
    /// The request could not be built (for example a body that does not
    /// serialize, or an invalid header value), or the client configuration is
    /// invalid.
    #[error("invalid request: {message}")]
    InvalidRequest {
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The HTTP status of the response, for API, rate-limit and decode errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(error) | Error::RateLimited { error, .. } => Some(error.status()),
            Error::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// The error response, for API and rate-limit errors.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) | Error::RateLimited { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Builds an [`Error::InvalidRequest`].
    pub(crate) fn invalid_request(message: impl Into<String>) -> Error {
        Error::InvalidRequest {
            message: message.into(),
        }
    }
}

/// The message of an error followed by those of its sources, since the deepest
/// one usually says what happened (for example "Connection refused").
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut outer = error.to_string();
    let mut current = error.source();
    while let Some(cause) = current {
        outer = format!("{outer}: {cause}");
        current = cause.source();
    }
    outer
}

/// `; retry after 2s` when the wait is known.
fn retry_after_hint(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(delay) => format!("; retry after {delay:?}"),
        None => String::new(),
    }
}
