//! A request as data: built by generated code, sent (and re-sent on retry) by
//! the client.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use percent_encoding::percent_decode_str;

use super::error::{Error, RequestContext};
use super::multipart::{FilePart, MultipartBody};
use super::query::{
    FormArrayStyle, QueryStyle, encode_component, encode_form_body, encode_query_parameter,
    join_pairs, to_json_value, value_text,
};
use super::retry::RetryPolicy;

/// Percent-encodes one path segment.
///
/// Strings are written as they are, numbers and booleans in their JSON
/// spelling, arrays joined by commas (OpenAPI's `simple` style); every byte
/// that is not an RFC 3986 unreserved character is percent-encoded, so a value
/// cannot add segments or a query to the path.
///
/// ```
/// use pipedrive::runtime::encode_path;
///
/// assert_eq!(encode_path(&42), "42");
/// assert_eq!(encode_path(&"a/b c"), "a%2Fb%20c");
/// assert_eq!(encode_path(&[1, 2]), "1%2C2");
/// ```
pub fn encode_path<T: ::serde::Serialize + ?Sized>(value: &T) -> String {
    match to_json_value(value) {
        Ok(serde_json::Value::Array(items)) => {
            let texts: Vec<String> = items.iter().filter_map(value_text).collect();
            encode_component(&texts.join(","))
        }
        Ok(value) => value_text(&value)
            .map(|text| encode_component(&text))
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Per-call options: each generated operation builder has
/// `timeout(Duration)` and `retry_policy(RetryPolicy)` methods that set them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// The timeout of this call, instead of the client's.
    pub timeout: Option<Duration>,
    /// The retry policy of this call, instead of the client's.
    pub retry: Option<RetryPolicy>,
}

/// The body of a request, kept as data so that a retry can send it again.
#[derive(Clone, Debug, Default)]
enum Body {
    #[default]
    Empty,
    Bytes {
        content_type: String,
        bytes: Bytes,
    },
    Multipart(MultipartBody),
}

/// One HTTP request of an operation: method, path, parameters and body.
///
/// Generated operation builders fill it and hand it to
/// [`Client::execute`](super::Client::execute). Parameter methods take any
/// `Serialize` value; `None` skips the parameter. A value that cannot be
/// encoded (a header value with a line break, a body that does not
/// serialize, ...) is reported by `execute` as [`Error::InvalidRequest`].
///
/// ```
/// use pipedrive::runtime::Request;
///
/// let mut request = Request::new(http::Method::GET, "/deals", "/deals".to_owned());
/// request.operation_id("getDeals");
/// request.query("start", &0);
/// request.query("status", &Some("open"));
/// request.query("user_id", &None::<i64>);
/// assert_eq!(request.query_string(), "start=0&status=open");
/// ```
#[derive(Clone)]
pub struct Request {
    context: RequestContext,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
    body: Body,
    authenticate: bool,
    options: RequestOptions,
    problems: Vec<String>,
}

impl Request {
    /// A request for `method` and `path` (already filled and encoded, see
    /// [`encode_path`]); `path_template` (such as `/deals/{id}`) names the
    /// operation in tracing and errors without the ids in the filled path.
    pub fn new(
        method: Method,
        path_template: impl Into<Cow<'static, str>>,
        path: impl Into<String>,
    ) -> Request {
        Request {
            context: RequestContext {
                method,
                path_template: path_template.into(),
                operation_id: None,
            },
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: Body::Empty,
            authenticate: true,
            options: RequestOptions::default(),
            problems: Vec::new(),
        }
    }

    /// Names the operation (its OpenAPI `operationId`), for tracing and errors.
    pub fn operation_id(&mut self, operation_id: impl Into<Cow<'static, str>>) {
        self.context.operation_id = Some(operation_id.into());
    }

    /// Adds a query parameter in the default style (`form`, exploded).
    pub fn query<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.query_with_style(name, value, QueryStyle::default());
    }

    /// Adds a query parameter in the given style (see [`QueryStyle`]).
    pub fn query_with_style<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: QueryStyle,
    ) {
        match to_json_value(value) {
            Ok(value) => encode_query_parameter(name, &value, style, &mut self.query),
            Err(error) => self
                .problems
                .push(format!("query parameter {name}: {error}")),
        }
    }

    /// Replaces every value of a query parameter with one scalar value (used
    /// by pagination to move to the next page).
    pub(crate) fn replace_query(&mut self, name: &str, value: &str) {
        let encoded_name = encode_component(name);
        self.query.retain(|(key, _)| *key != encoded_name);
        self.query.push((encoded_name, encode_component(value)));
    }

    /// The last value set for a query parameter, decoded (used by pagination
    /// to find the first page's offset or cursor).
    pub(crate) fn query_value(&self, name: &str) -> Option<String> {
        let encoded_name = encode_component(name);
        self.query
            .iter()
            .rev()
            .find(|(key, _)| *key == encoded_name)
            .map(|(_, value)| percent_decode_str(value).decode_utf8_lossy().into_owned())
    }

    /// The encoded query string, without the leading `?` and without any
    /// credential.
    pub fn query_string(&self) -> String {
        join_pairs(&self.query)
    }

    /// Adds a header; arrays are joined by commas (OpenAPI's `simple` style).
    pub fn header<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Some(text) = self.parameter_text("header", name, value) {
            self.headers.push((name.to_owned(), text));
        }
    }

    /// Adds a cookie; arrays are joined by commas.
    pub fn cookie<T: ::serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Some(text) = self.parameter_text("cookie", name, value) {
            self.cookies.push((name.to_owned(), text));
        }
    }

    /// The text of a header or cookie value, or `None` when it is absent or
    /// does not serialize (which is recorded).
    fn parameter_text<T: ::serde::Serialize + ?Sized>(
        &mut self,
        kind: &str,
        name: &str,
        value: &T,
    ) -> Option<String> {
        match to_json_value(value) {
            Ok(serde_json::Value::Array(items)) if items.is_empty() => None,
            Ok(serde_json::Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(value_text)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Ok(value) => value_text(&value),
            Err(error) => {
                self.problems.push(format!("{kind} {name}: {error}"));
                None
            }
        }
    }

    /// Sets a JSON body (`application/json`).
    pub fn json_body<T: ::serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            Error::invalid_request(format!(
                "the JSON body of {} does not serialize: {error}",
                self.context
            ))
        })?;
        self.body = Body::Bytes {
            content_type: "application/json".to_owned(),
            bytes: bytes.into(),
        };
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body from a value that
    /// serializes to an object.
    ///
    /// Each field is a string, number or boolean (`key=value`) or an array
    /// of them, which repeats the key (`label=1&label=2`, OpenAPI's default
    /// `style: form, explode: true`; see
    /// [`Request::form_body_with_bracketed_arrays`] for `label[]=1&label[]=2`).
    /// A field the serialized object leaves out is not sent. A form has no
    /// spelling for `null`, a nested object, an array of objects or an empty
    /// array, so any of them is [`Error::InvalidRequest`] naming the field,
    /// rather than a body that silently drops or reshapes it.
    ///
    /// ```
    /// use pipedrive::runtime::{Error, Request};
    ///
    /// #[derive(serde::Serialize)]
    /// struct NewDeal {
    ///     title: String,
    ///     label: Vec<i64>,
    ///     #[serde(skip_serializing_if = "Option::is_none")]
    ///     org_id: Option<i64>,
    /// }
    ///
    /// let mut request = Request::new(http::Method::POST, "/deals", "/deals".to_owned());
    /// request.form_body(&NewDeal { title: "Q3 & more".into(), label: vec![1, 2], org_id: None })?;
    /// assert_eq!(request.body_text().as_deref(), Some("title=Q3%20%26%20more&label=1&label=2"));
    ///
    /// let cleared = serde_json::json!({"title": "Q3", "org_id": null});
    /// assert!(matches!(request.form_body(&cleared), Err(Error::InvalidRequest { .. })));
    /// # Ok::<(), pipedrive::runtime::Error>(())
    /// ```
    pub fn form_body<T: ::serde::Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        self.set_form_body(body, FormArrayStyle::RepeatedKey)
    }

    /// Like [`Request::form_body`], but writes arrays as `key[]=a&key[]=b`, as
    /// PHP and Rails style servers expect.
    pub fn form_body_with_bracketed_arrays<T: ::serde::Serialize + ?Sized>(
        &mut self,
        body: &T,
    ) -> Result<(), Error> {
        self.set_form_body(body, FormArrayStyle::EmptyBrackets)
    }

    fn set_form_body<T: ::serde::Serialize + ?Sized>(
        &mut self,
        body: &T,
        array_style: FormArrayStyle,
    ) -> Result<(), Error> {
        let encoded = to_json_value(body)
            .and_then(|value| encode_form_body(&value, array_style))
            .map_err(|error| {
                Error::invalid_request(format!(
                    "the form body of {} cannot be encoded: {error}",
                    self.context
                ))
            })?;
        self.body = Body::Bytes {
            content_type: "application/x-www-form-urlencoded".to_owned(),
            bytes: encoded.into(),
        };
        Ok(())
    }

    /// Sets a `multipart/form-data` body from a value that serializes to an
    /// object: one part per field, one part per item for arrays, JSON parts for
    /// nested objects, file parts for [`FilePart`] fields.
    /// A `null` field or item, or an empty array, has no part: it is
    /// refused with [`Error::InvalidRequest`] naming the field, instead of
    /// being dropped.
    pub fn multipart_body<T: ::serde::Serialize + ?Sized>(
        &mut self,
        body: &T,
    ) -> Result<(), Error> {
        let multipart = MultipartBody::from_serialize(body).map_err(|error| {
            Error::invalid_request(format!(
                "the multipart body of {} does not serialize: {error}",
                self.context
            ))
        })?;
        self.body = Body::Multipart(multipart);
        Ok(())
    }

    /// Sets a `multipart/form-data` body of one file part named `name` (the
    /// body of an operation whose multipart schema is a single binary string).
    pub fn multipart_file_body(&mut self, name: &str, file: &FilePart) {
        self.body = Body::Multipart(MultipartBody::single_file(name, file));
    }

    /// Sets a body of raw bytes with its content type.
    pub fn bytes_body(&mut self, content_type: &str, body: impl Into<Bytes>) {
        self.body = Body::Bytes {
            content_type: content_type.to_owned(),
            bytes: body.into(),
        };
    }

    /// Sets a text body with its content type.
    pub fn text_body(&mut self, content_type: &str, body: impl Into<String>) {
        self.body = Body::Bytes {
            content_type: content_type.to_owned(),
            bytes: Bytes::from(body.into()),
        };
    }

    /// The body as text, when it is a JSON, form, text or bytes body (not
    /// multipart) that is valid UTF-8.
    pub fn body_text(&self) -> Option<String> {
        match &self.body {
            Body::Bytes { bytes, .. } => String::from_utf8(bytes.to_vec()).ok(),
            Body::Empty | Body::Multipart(_) => None,
        }
    }

    /// Sends the request without credentials (the operation declares
    /// `security: []`).
    pub fn no_auth(&mut self) {
        self.authenticate = false;
    }

    /// Applies per-call options (timeout, retry policy).
    pub fn options(&mut self, options: &RequestOptions) {
        self.options = options.clone();
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.context.method
    }

    /// The path template, such as `/deals/{id}`.
    pub fn path_template(&self) -> &str {
        &self.context.path_template
    }

    /// The filled, encoded path, such as `/deals/42`.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// What the client reads of a request to send it: the runtime's other
/// modules see a request only through these methods.
impl Request {
    /// The operation the request belongs to, for tracing and errors.
    pub(crate) fn context(&self) -> &RequestContext {
        &self.context
    }

    /// Fails with [`Error::InvalidRequest`] when a parameter could not be
    /// encoded, naming every such parameter.
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.problems.is_empty() {
            return Ok(());
        }
        Err(Error::invalid_request(format!(
            "{}: {}",
            self.context,
            self.problems.join("; ")
        )))
    }

    /// Whether the client's credential is sent (false for `security: []`).
    pub(crate) fn is_authenticated(&self) -> bool {
        self.authenticate
    }

    /// The timeout set for this call, if any.
    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.options.timeout
    }

    /// The retry policy set for this call, if any.
    pub(crate) fn retry_policy(&self) -> Option<&RetryPolicy> {
        self.options.retry.as_ref()
    }

    /// The URL of the request under `base_url`: base URL, path and query,
    /// without a query credential.
    pub(crate) fn url(&self, base_url: &str) -> Result<reqwest::Url, Error> {
        let separator = if self.path.starts_with('/') { "" } else { "/" };
        let text = format!("{base_url}{separator}{}", self.path);
        let mut url = reqwest::Url::parse(&text).map_err(|error| {
            Error::invalid_request(format!(
                "the path of {} does not make a valid URL with the base URL: {error}",
                self.context
            ))
        })?;
        let query = self.query_string();
        if !query.is_empty() {
            url.set_query(Some(&query));
        }
        Ok(url)
    }

    /// Appends the request's own headers to `headers`, in the order they were
    /// added.
    pub(crate) fn append_headers(&self, headers: &mut HeaderMap) -> Result<(), Error> {
        for (name, value) in &self.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::invalid_request(format!(
                    "{}: {name:?} is not a valid header name",
                    self.context
                ))
            })?;
            let header_value = HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_request(format!(
                    "{}: the value of header {name} is not a valid header value",
                    self.context
                ))
            })?;
            headers.append(header_name, header_value);
        }
        Ok(())
    }

    /// The request's cookies as `name=value` pairs, values percent-encoded.
    pub(crate) fn cookie_pairs(&self) -> Vec<String> {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_component(value)))
            .collect()
    }

    /// Puts the body, and its content type, on an outgoing request.
    pub(crate) fn attach_body(
        &self,
        builder: reqwest::RequestBuilder,
    ) -> Result<reqwest::RequestBuilder, Error> {
        Ok(match &self.body {
            Body::Empty => builder,
            Body::Bytes {
                content_type,
                bytes,
            } => builder
                .header(CONTENT_TYPE, content_type.as_str())
                .body(bytes.clone()),
            Body::Multipart(multipart) => {
                builder.multipart(multipart.to_form().map_err(|error| {
                    Error::invalid_request(format!(
                        "the multipart body of {}: {error}",
                        self.context
                    ))
                })?)
            }
        })
    }
}

/// Shows the method, the path template, the parameter names and the body's
/// kind, never parameter values (a header may carry a secret).
impl fmt::Debug for Request {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |pairs: &[(String, String)]| -> Vec<String> {
            pairs.iter().map(|(name, _)| name.clone()).collect()
        };
        let body = match &self.body {
            Body::Empty => "empty".to_owned(),
            Body::Bytes {
                content_type,
                bytes,
            } => format!("{content_type}, {} bytes", bytes.len()),
            Body::Multipart(_) => "multipart/form-data".to_owned(),
        };
        formatter
            .debug_struct("Request")
            .field("method", &self.context.method)
            .field("path_template", &self.context.path_template)
            .field("operation_id", &self.context.operation_id)
            .field("query", &names(&self.query))
            .field("headers", &names(&self.headers))
            .field("cookies", &names(&self.cookies))
            .field("body", &body)
            .field("authenticate", &self.authenticate)
            .field("options", &self.options)
            .finish()
    }
}
