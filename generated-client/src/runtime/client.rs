//! The client, its configuration and credentials, and `execute`: sending one
//! request with credentials, timeout and retries.

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use http::header::{AUTHORIZATION, COOKIE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;

use super::error::{Error, RequestContext};
use super::query::encode_component;
use super::rate_limit::RateLimit;
use super::request::Request;
use super::response::RawResponse;
use super::retry::{RetryPolicy, is_retryable_status};
use super::servers::{Server, base_url_for_spec};

/// The user agent sent unless [`ClientBuilder::user_agent`] replaces it: the
/// crate's name and version.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The timeout of a request unless the client or the request sets another.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A secret string (API key, token, password) whose `Debug` output is
/// redacted. It has no `Display`.
///
/// ```
/// use pipedrive::runtime::Secret;
///
/// let token = Secret::new("0123456789abcdef");
/// assert_eq!(format!("{token:?}"), "Secret(<redacted>)");
/// assert_eq!(token.expose(), "0123456789abcdef");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(secret.into())
    }

    /// The secret itself. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Secret(<redacted>)")
    }
}

/// Where and how a credential is sent.
#[derive(Clone, Debug)]
enum CredentialKind {
    Header { name: String, value: Secret },
    Query { name: String, value: Secret },
    Cookie { name: String, value: Secret },
    Bearer { token: Secret },
    Basic { user: String, password: Secret },
}

/// How the client authenticates: an API key (in a header, the query or a
/// cookie), a bearer token or HTTP basic credentials.
///
/// Generated code has one function per security scheme of the spec, in its
/// `auth` module, that returns one of these for [`ClientBuilder::credential`].
/// `Debug` output shows where the credential goes, never its value.
///
/// ```
/// use pipedrive::runtime::Credential;
///
/// let credential = Credential::api_key_header("x-api-token", "0123456789abcdef");
/// assert!(!format!("{credential:?}").contains("0123456789abcdef"));
/// ```
#[derive(Clone, Debug)]
pub struct Credential {
    kind: CredentialKind,
}

impl Credential {
    /// An API key sent in a request header.
    pub fn api_key_header(name: impl Into<String>, value: impl Into<String>) -> Credential {
        Credential {
            kind: CredentialKind::Header {
                name: name.into(),
                value: Secret::new(value),
            },
        }
    }

    /// An API key sent as a query parameter.
    pub fn api_key_query(name: impl Into<String>, value: impl Into<String>) -> Credential {
        Credential {
            kind: CredentialKind::Query {
                name: name.into(),
                value: Secret::new(value),
            },
        }
    }

    /// An API key sent as a cookie.
    pub fn api_key_cookie(name: impl Into<String>, value: impl Into<String>) -> Credential {
        Credential {
            kind: CredentialKind::Cookie {
                name: name.into(),
                value: Secret::new(value),
            },
        }
    }

    /// A bearer token (`Authorization: Bearer ...`), such as an OAuth 2 access
    /// token. It can be replaced later with [`Client::set_bearer_token`].
    pub fn bearer(token: impl Into<String>) -> Credential {
        Credential {
            kind: CredentialKind::Bearer {
                token: Secret::new(token),
            },
        }
    }

    /// HTTP basic credentials.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Credential {
        Credential {
            kind: CredentialKind::Basic {
                user: user.into(),
                password: Secret::new(password),
            },
        }
    }

    /// Checks that the credential can be sent at all; the message never
    /// contains the secret.
    fn validate(&self) -> Result<(), Error> {
        let invalid = |what: &str| {
            Error::invalid_request(format!("the credential {what} is not a valid header value"))
        };
        match &self.kind {
            CredentialKind::Header { name, value } => {
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::invalid_request(format!(
                        "{name:?} is not a valid header name for a credential"
                    ))
                })?;
                HeaderValue::from_str(value.expose())
                    .map_err(|_| invalid(&format!("for header {name}")))?;
            }
            CredentialKind::Bearer { token } => {
                HeaderValue::from_str(token.expose()).map_err(|_| invalid("bearer token"))?;
            }
            CredentialKind::Cookie { .. }
            | CredentialKind::Query { .. }
            | CredentialKind::Basic { .. } => {}
        }
        Ok(())
    }
}

/// Configures a [`Client`], and builds the client type `C` that wraps it.
///
/// Generated code wraps the runtime's [`Client`] in a client type of its own
/// (`C`, which implements `From<Client>`) and starts its builder with the
/// spec's first server; `C` is [`Client`] itself when the runtime is used
/// alone.
///
/// ```no_run
/// use std::time::Duration;
/// use pipedrive::runtime::{Client, ClientBuilder, Credential, RetryPolicy};
///
/// let client: Client = ClientBuilder::new("https://api.example.com/v1")
///     .credential(Credential::api_key_header("x-api-token", "my-token"))
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::default().max_attempts(3))
///     .user_agent("my-app/1.0")
///     .build()?;
/// # Ok::<(), pipedrive::runtime::Error>(())
/// ```
pub struct ClientBuilder<C = Client> {
    base_url: String,
    credential: Option<Credential>,
    timeout: Duration,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    retry_policy: RetryPolicy,
    /// What `build` returns; `fn() -> C` keeps the builder `Send` and
    /// `Sync` whatever `C` is.
    builds: PhantomData<fn() -> C>,
}

impl<C> ClientBuilder<C> {
    /// A builder for a client of the API at `default_base_url` (generated code
    /// passes the spec's first server URL).
    pub fn new(default_base_url: &str) -> ClientBuilder<C> {
        ClientBuilder {
            base_url: default_base_url.to_owned(),
            credential: None,
            timeout: DEFAULT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http_client: None,
            retry_policy: RetryPolicy::default(),
            builds: PhantomData,
        }
    }

    /// Sends requests to another base URL (a test server, a regional host).
    /// Operation paths are appended to it.
    pub fn base_url(mut self, base_url: impl Into<String>) -> ClientBuilder<C> {
        self.base_url = base_url.into();
        self
    }

    /// Authenticates every request (except operations with `security: []`)
    /// with this credential, replacing any set before.
    pub fn credential(mut self, credential: Credential) -> ClientBuilder<C> {
        self.credential = Some(credential);
        self
    }

    /// The timeout of each attempt, from connecting to reading the whole body
    /// (30 seconds unless set). A request can override it.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder<C> {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header (the crate's name and version unless set).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> ClientBuilder<C> {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends requests with this `reqwest::Client` (for its proxy, TLS or
    /// connection-pool settings) instead of a new one.
    pub fn http_client(mut self, http_client: reqwest::Client) -> ClientBuilder<C> {
        self.http_client = Some(http_client);
        self
    }

    /// When requests are retried ([`RetryPolicy::default`] unless set).
    pub fn retry_policy(mut self, retry_policy: RetryPolicy) -> ClientBuilder<C> {
        self.retry_policy = retry_policy;
        self
    }

    /// Builds the client, checking the base URL, the user agent and the
    /// credential.
    pub fn build(self) -> Result<C, Error>
    where
        C: From<Client>,
    {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url).map_err(|error| {
            Error::invalid_request(format!("the base URL {base_url:?} is not a URL: {error}"))
        })?;
        if !matches!(parsed.scheme(), "http" | "https")
            || parsed.query().is_some()
            || parsed.fragment().is_some()
        {
            return Err(Error::invalid_request(format!(
                "the base URL {base_url:?} must be an http or https URL without a query or fragment"
            )));
        }
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            Error::invalid_request(format!(
                "the user agent {:?} is not a valid header value",
                self.user_agent
            ))
        })?;
        if let Some(credential) = &self.credential {
            credential.validate()?;
        }
        let http_client = match self.http_client {
            Some(http_client) => http_client,
            None => reqwest::Client::builder().build().map_err(|error| {
                Error::invalid_request(format!("could not create the HTTP client: {error}"))
            })?,
        };
        Ok(C::from(Client {
            base_url: Arc::from(base_url),
            inner: Arc::new(ClientInner {
                credential: RwLock::new(self.credential),
                timeout: self.timeout,
                user_agent,
                retry_policy: self.retry_policy,
                http_client,
                last_rate_limit: Mutex::new(None),
            }),
        }))
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credential", &self.credential)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("custom_http_client", &self.http_client.is_some())
            .field("retry_policy", &self.retry_policy)
            .finish()
    }
}

/// What every client made from one builder shares, whatever its base URL.
struct ClientInner {
    credential: RwLock<Option<Credential>>,
    timeout: Duration,
    user_agent: HeaderValue,
    retry_policy: RetryPolicy,
    http_client: reqwest::Client,
    last_rate_limit: Mutex<Option<RateLimit>>,
}

/// A client of the API: cheap to clone (an `Arc` inside), and safe to share
/// between tasks.
///
/// Generated code wraps it in a client type of its own, which adds
/// `builder()` and one method per tag that groups the operations; operation
/// builders hold a clone of this client and call [`Client::execute`].
///
/// A crate generated from several specs serves each from its own base URL:
/// [`Client::for_spec`] gives a client with another base URL that shares
/// everything else with this one (the credential, the connection pool, the
/// retry policy and the last rate-limit headers).
#[derive(Clone)]
pub struct Client {
    base_url: Arc<str>,
    inner: Arc<ClientInner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credential = self
            .inner
            .credential
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        formatter
            .debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credential", &credential)
            .field("timeout", &self.inner.timeout)
            .field("retry_policy", &self.inner.retry_policy)
            .finish_non_exhaustive()
    }
}

/// Why an attempt is retried, for tracing.
fn retry_reason(outcome: &Result<RawResponse, Error>) -> String {
    match outcome {
        Ok(response) => format!("status {}", response.status()),
        Err(error) => error.to_string(),
    }
}

impl Client {
    /// The base URL that operation paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The client of one spec of a crate generated from several: the same
    /// credential, connection pool, retry policy and rate-limit headers, and
    /// the base URL that spec is served under, found from this client's base
    /// URL and the servers each spec lists (`own` for this spec, `every_spec`
    /// for all of them):
    ///
    /// - a URL that is one of `own`'s servers is kept as it is;
    /// - a URL on a host that some spec's server names, bare or with the
    ///   path of such a server, keeps its scheme, host and port and takes
    ///   the path of `own`'s first server on that host (or of `own`'s first
    ///   server when none names the host);
    /// - any other URL (a mock server, a proxy) is every spec's base URL.
    ///
    /// ```
    /// use pipedrive::runtime::{ClientBuilder, Client, Server};
    ///
    /// const V1: &[Server] = &[
    ///     Server::new("api.pipedrive.com", "/v1"),
    ///     Server::new("{companydomain}.pipedrive.com", "/api/v1"),
    /// ];
    /// const V2: &[Server] = &[
    ///     Server::new("api.pipedrive.com", "/api/v2"),
    ///     Server::new("{companydomain}.pipedrive.com", "/api/v2"),
    /// ];
    /// let client: Client = ClientBuilder::new("https://acme.pipedrive.com").build()?;
    /// assert_eq!(client.for_spec(V1, &[V1, V2]).base_url(), "https://acme.pipedrive.com/api/v1");
    /// assert_eq!(client.for_spec(V2, &[V1, V2]).base_url(), "https://acme.pipedrive.com/api/v2");
    /// # Ok::<(), pipedrive::runtime::Error>(())
    /// ```
    pub fn for_spec(&self, own: &[Server], every_spec: &[&[Server]]) -> Client {
        let base_url = base_url_for_spec(&self.base_url, own, every_spec);
        Client {
            base_url: Arc::from(base_url),
            inner: Arc::clone(&self.inner),
        }
    }

    /// Replaces the credential with a new bearer token, for example after an
    /// OAuth 2 refresh. Requests sent from now on (retries included) use it.
    ///
    /// ```no_run
    /// # fn example(client: pipedrive::runtime::Client, refreshed_access_token: String) {
    /// client.set_bearer_token(refreshed_access_token);
    /// # }
    /// ```
    pub fn set_bearer_token(&self, token: impl Into<String>) {
        let mut credential = self
            .inner
            .credential
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        *credential = Some(Credential::bearer(token));
    }

    /// The rate-limit headers of the most recent response that had any.
    pub fn last_rate_limit(&self) -> Option<RateLimit> {
        self.inner
            .last_rate_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Sends a request with the credential, user agent and timeout, retrying
    /// as the retry policy allows, and returns the response whatever its
    /// status. Only transport failures, timeouts and requests that cannot be
    /// built are errors here.
    ///
    /// Each call is one `tracing` span named `http_request` with the
    /// operation id, method, path template, status, attempts and duration;
    /// no URL, query, body or credential is recorded.
    pub async fn execute(&self, request: Request) -> Result<RawResponse, Error> {
        let span = tracing::info_span!(
            "http_request",
            operation_id = request.context().operation_id.as_deref().unwrap_or(""),
            method = %request.context().method,
            path_template = %request.context().path_template,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        self.execute_with_retries(request, span.clone())
            .instrument(span)
            .await
    }

    async fn execute_with_retries(
        &self,
        request: Request,
        span: tracing::Span,
    ) -> Result<RawResponse, Error> {
        request.check()?;
        let policy = request
            .retry_policy()
            .unwrap_or(&self.inner.retry_policy)
            .clone();
        let timeout = request.timeout().unwrap_or(self.inner.timeout);
        let url = request.url(&self.base_url)?;
        let started = Instant::now();
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let outcome = self.send_once(&request, &url, timeout).await;
            let wait = retry_wait(&policy, &request, &outcome, attempt);
            if let Some(wait) = wait
                && attempt < policy.attempt_limit()
                && started.elapsed() + wait <= policy.elapsed_limit()
            {
                tracing::debug!(
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    reason = %retry_reason(&outcome),
                    "retrying"
                );
                tokio::time::sleep(wait).await;
                continue;
            }
            span.record("attempts", attempt);
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            if let Ok(response) = &outcome {
                span.record("status", response.status());
            }
            return outcome;
        }
    }

    /// One attempt: applies the current credential and sends.
    async fn send_once(
        &self,
        request: &Request,
        url: &reqwest::Url,
        timeout: Duration,
    ) -> Result<RawResponse, Error> {
        let credential = match request.is_authenticated() {
            true => self
                .inner
                .credential
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
            false => None,
        };
        let mut url = url.clone();
        if let Some(Credential {
            kind: CredentialKind::Query { name, value },
        }) = &credential
        {
            url.query_pairs_mut().append_pair(name, value.expose());
        }
        let headers = self.headers(request, credential.as_ref())?;
        let mut builder = self
            .inner
            .http_client
            .request(request.context().method.clone(), url)
            .timeout(timeout)
            .headers(headers);
        if let Some(Credential {
            kind: CredentialKind::Basic { user, password },
        }) = &credential
        {
            builder = builder.basic_auth(user, Some(password.expose()));
        }
        builder = request.attach_body(builder)?;
        let response = builder
            .send()
            .await
            .map_err(|error| transport_error(error, request.context(), timeout))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|error| transport_error(error, request.context(), timeout))?;
        let rate_limit = RateLimit::from_headers(&headers);
        if !rate_limit.is_empty() {
            *self
                .inner
                .last_rate_limit
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(rate_limit);
        }
        tracing::debug!(status, "response received");
        Ok(RawResponse::new(
            status,
            headers,
            body,
            request.context().clone(),
        ))
    }

    /// The headers of one attempt: the request's own, the user agent, cookies
    /// and a header or cookie credential (marked sensitive).
    fn headers(
        &self,
        request: &Request,
        credential: Option<&Credential>,
    ) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        request.append_headers(&mut headers)?;
        let mut cookies = request.cookie_pairs();
        let invalid_credential =
            || Error::invalid_request("the credential is not a valid header value");
        match credential.map(|credential| &credential.kind) {
            Some(CredentialKind::Header { name, value }) => {
                let header_name =
                    HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid_credential())?;
                let mut header_value =
                    HeaderValue::from_str(value.expose()).map_err(|_| invalid_credential())?;
                header_value.set_sensitive(true);
                headers.insert(header_name, header_value);
            }
            Some(CredentialKind::Bearer { token }) => {
                let mut header_value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .map_err(|_| invalid_credential())?;
                header_value.set_sensitive(true);
                headers.insert(AUTHORIZATION, header_value);
            }
            Some(CredentialKind::Cookie { name, value }) => {
                cookies.push(format!("{name}={}", encode_component(value.expose())));
            }
            Some(CredentialKind::Query { .. } | CredentialKind::Basic { .. }) | None => {}
        }
        if !cookies.is_empty() {
            let mut header_value = HeaderValue::from_str(&cookies.join("; ")).map_err(|_| {
                Error::invalid_request(format!(
                    "{}: a cookie is not a valid header value",
                    request.context()
                ))
            })?;
            header_value.set_sensitive(true);
            headers.insert(COOKIE, header_value);
        }
        Ok(headers)
    }
}

/// A timeout, or a transport error with the URL (which may hold a query
/// credential) removed.
fn transport_error(error: reqwest::Error, context: &RequestContext, timeout: Duration) -> Error {
    if error.is_timeout() {
        Error::Timeout {
            method: context.method.clone(),
            path_template: context.path_template.clone(),
            timeout,
        }
    } else {
        Error::Transport {
            method: context.method.clone(),
            path_template: context.path_template.clone(),
            source: error.without_url(),
        }
    }
}

/// How long to wait before another attempt, or `None` when the outcome must
/// not be retried. The attempt and elapsed-time bounds are checked by the
/// caller.
fn retry_wait(
    policy: &RetryPolicy,
    request: &Request,
    outcome: &Result<RawResponse, Error>,
    attempt: u32,
) -> Option<Duration> {
    let method = &request.context().method;
    match outcome {
        Ok(response) if is_retryable_status(response.status()) && policy.allows_method(method) => {
            let rate_limit = response.rate_limit();
            let asked = match response.status() {
                429 => rate_limit.suggested_wait(),
                _ => rate_limit.retry_after,
            };
            Some(asked.unwrap_or_else(|| policy.backoff(attempt)))
        }
        Ok(_) => None,
        Err(Error::Transport { source, .. })
            if source.is_connect() || policy.allows_method(method) =>
        {
            Some(policy.backoff(attempt))
        }
        Err(_) => None,
    }
}
