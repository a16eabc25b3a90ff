//! The client against a local HTTP server: credentials, retries, rate limits,
//! timeouts, errors and tracing.

mod tracing_capture {
    //! A minimal `tracing` subscriber that writes spans, recorded fields and
    //! events as text lines, so tests can check what the runtime traces.

    use std::fmt::{self, Write as _};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct TracingCapture {
        lines: Arc<Mutex<Vec<String>>>,
        next_id: Arc<AtomicU64>,
    }

    struct FieldWriter<'a>(&'a mut String);

    impl Visit for FieldWriter<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
    }

    impl TracingCapture {
        pub fn lines(&self) -> Vec<String> {
            self.lines
                .lock()
                .map(|lines| lines.clone())
                .unwrap_or_default()
        }

        fn push(&self, line: String) {
            if let Ok(mut lines) = self.lines.lock() {
                lines.push(line);
            }
        }
    }

    impl Subscriber for TracingCapture {
        fn enabled(&self, _metadata: &Metadata<'_>) -> bool {
            true
        }

        fn new_span(&self, attributes: &Attributes<'_>) -> Id {
            let mut line = format!("span {}", attributes.metadata().name());
            attributes.record(&mut FieldWriter(&mut line));
            self.push(line);
            Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
        }

        fn record(&self, _span: &Id, values: &Record<'_>) {
            let mut line = "record".to_owned();
            values.record(&mut FieldWriter(&mut line));
            self.push(line);
        }

        fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

        fn event(&self, event: &Event<'_>) {
            let mut line = "event".to_owned();
            event.record(&mut FieldWriter(&mut line));
            self.push(line);
        }

        fn enter(&self, _span: &Id) {}

        fn exit(&self, _span: &Id) {}
    }
}

use std::time::{Duration, Instant};

use pipedrive::runtime::{
    Client, ClientBuilder, Credential, Error, ErrorBody, Request, RequestOptions, RetryPolicy,
};
use tracing_capture::TracingCapture;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "f3c2e1d0secret0token0value0abc123";

#[derive(Debug, serde::Deserialize)]
struct Deal {
    id: i64,
    title: String,
    user_id: i64,
}

#[derive(Debug, serde::Deserialize)]
struct Envelope<T> {
    data: T,
}

#[derive(Debug, serde::Deserialize)]
struct Failure {
    error: Option<String>,
}

impl ErrorBody for Failure {
    fn message(&self) -> Option<String> {
        self.error.clone()
    }
}

/// Retries with waits of a few milliseconds.
fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(max_attempts)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

fn client_for(base_url: &str, credential: Credential, retry_policy: RetryPolicy) -> Client {
    let built = ClientBuilder::new("https://api.invalid/v1")
        .base_url(base_url)
        .credential(credential)
        .retry_policy(retry_policy)
        .build();
    match built {
        Ok(client) => client,
        Err(error) => panic!("the test client should build: {error}"),
    }
}

fn get_deal(id: i64) -> Request {
    let mut request = Request::new(
        http::Method::GET,
        "/deals/{id}",
        format!("/deals/{}", pipedrive::runtime::encode_path(&id)),
    );
    request.operation_id("getDeal");
    request
}

fn post_deal() -> Request {
    let mut request = Request::new(http::Method::POST, "/deals", "/deals");
    request.operation_id("addDeal");
    request
}

async fn received_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|requests| requests.len())
        .unwrap_or(0)
}

/// An address on loopback where nothing listens.
fn refused_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0");
    let port = match listener.and_then(|listener| listener.local_addr()) {
        Ok(address) => address.port(),
        Err(error) => panic!("could not reserve a port: {error}"),
    };
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/deals/7"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/deals/7"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"data": {"id": 7, "title": "T", "user_id": 1}})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(3));

    let started = Instant::now();
    let response = client.execute(get_deal(7)).await;

    assert_eq!(
        response.as_ref().map(|response| response.status()).ok(),
        Some(200)
    );
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured"
    );
    assert_eq!(received_count(&server).await, 2);
}

#[tokio::test]
async fn a_429_whose_reset_is_beyond_the_time_budget_is_returned_at_once_as_rate_limited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-ratelimit-reset", "3600")
                .set_body_json(serde_json::json!({"success": false, "error": "Too many requests"})),
        )
        .mount(&server)
        .await;
    let policy = fast_retries(5).max_elapsed(Duration::from_secs(2));
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), policy);

    let error = match client.execute(get_deal(1)).await {
        Ok(response) => response.api_error::<Failure>(),
        Err(error) => error,
    };

    match &error {
        Error::RateLimited {
            error: api_error,
            retry_after,
        } => {
            assert_eq!(api_error.status(), 429);
            assert_eq!(*retry_after, Some(Duration::from_secs(3600)));
            assert_eq!(api_error.message().as_deref(), Some("Too many requests"));
        }
        other => panic!("expected a rate-limit error, got {other:?}"),
    }
    assert!(error.to_string().contains("retry after 3600s"), "{error}");
    assert_eq!(received_count(&server).await, 1);
}

#[tokio::test]
async fn a_503_is_retried_until_the_attempts_run_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(3));

    let response = client.execute(get_deal(1)).await;

    let error = match response {
        Ok(response) => response.unexpected(),
        Err(error) => panic!("a 503 is a response, not a transport error: {error}"),
    };
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        error.to_string(),
        "API error 503 Service Unavailable from GET /deals/{id}"
    );
    assert_eq!(received_count(&server).await, 3);
}

#[tokio::test]
async fn a_post_is_retried_only_when_the_caller_opts_in() {
    let cases = [(None, 1), (Some(fast_retries(3).retry_non_idempotent()), 3)];
    for (per_request_policy, expected_attempts) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503))
            .mount(&server)
            .await;
        let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(3));
        let mut request = post_deal();
        request.options(&RequestOptions {
            timeout: None,
            retry: per_request_policy.clone(),
        });

        let status = client
            .execute(request)
            .await
            .map(|response| response.status());

        assert_eq!(status.ok(), Some(503));
        assert_eq!(
            received_count(&server).await,
            expected_attempts,
            "policy {per_request_policy:?}"
        );
    }
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_fails_as_transport_without_the_query_token() {
    let capture = TracingCapture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = client_for(
        &refused_base_url(),
        Credential::api_key_query("api_token", TOKEN),
        fast_retries(3),
    );

    let error = match client.execute(get_deal(5)).await {
        Ok(response) => panic!("nothing listens, yet got {}", response.status()),
        Err(error) => error,
    };

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("could not complete GET /deals/{id}: "),
        "{error}"
    );
    assert!(!error.to_string().contains(TOKEN));
    assert!(!format!("{error:?}").contains(TOKEN));
    let retries = capture
        .lines()
        .iter()
        .filter(|line| line.contains("retrying"))
        .count();
    assert_eq!(retries, 2, "{:#?}", capture.lines());
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_naming_the_field_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"data": {"id": 3, "title": "T", "user_id": "not a number"}}),
        ))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(1));

    let decoded = match client.execute(get_deal(3)).await {
        Ok(response) => response.json::<Envelope<Deal>>(),
        Err(error) => panic!("transport failed: {error}"),
    };

    match decoded {
        Err(Error::Decode(decode)) => {
            assert_eq!(decode.status, 200);
            assert_eq!(decode.path, "data.user_id");
            assert!(decode.raw_body.starts_with(b"{\"data\""));
            let message = Error::Decode(decode).to_string();
            assert!(
                message.starts_with("could not decode the 200 response of getDeal at data.user_id: invalid type: string \"not a number\""),
                "{message}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_401_shows_no_credential_whatever_the_credential_kind() {
    let cases = [
        (
            Credential::api_key_header("x-api-token", TOKEN),
            header("x-api-token", TOKEN).into_matcher(),
        ),
        (
            Credential::api_key_query("api_token", TOKEN),
            query_param("api_token", TOKEN).into_matcher(),
        ),
        (
            Credential::bearer(TOKEN),
            header("authorization", format!("Bearer {TOKEN}").as_str()).into_matcher(),
        ),
    ];
    for (credential, credential_matcher) in cases {
        let server = MockServer::start().await;
        Mock::given(credential_matcher)
            .respond_with(ResponseTemplate::new(401).set_body_json(
                serde_json::json!({"success": false, "error": "unauthorized access", "errorCode": 401}),
            ))
            .expect(1)
            .mount(&server)
            .await;
        let client = client_for(&server.uri(), credential.clone(), fast_retries(1));

        let error = match client.execute(get_deal(9)).await {
            Ok(response) => response.api_error::<Failure>(),
            Err(error) => panic!("transport failed: {error}"),
        };

        assert_eq!(
            error.to_string(),
            "API error 401 Unauthorized from GET /deals/{id}: unauthorized access"
        );
        for shown in [
            error.to_string(),
            format!("{error:?}"),
            format!("{client:?}"),
            format!("{credential:?}"),
        ] {
            assert!(!shown.contains(TOKEN), "{credential:?} leaked into {shown}");
        }
        server.verify().await;
    }
}

/// Wraps a matcher so that matchers of different types fit in one array.
trait IntoBoxedMatcher {
    fn into_matcher(self) -> BoxedMatcher;
}

struct BoxedMatcher(Box<dyn wiremock::Match>);

impl wiremock::Match for BoxedMatcher {
    fn matches(&self, request: &wiremock::Request) -> bool {
        self.0.matches(request)
    }
}

impl<M: wiremock::Match + 'static> IntoBoxedMatcher for M {
    fn into_matcher(self) -> BoxedMatcher {
        BoxedMatcher(Box::new(self))
    }
}

#[tokio::test]
async fn an_error_body_is_decoded_when_it_can_be_and_kept_raw_always() {
    let server = MockServer::start().await;
    Mock::given(path("/deals/404"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"success": false, "error": "Deal not found"})),
        )
        .mount(&server)
        .await;
    Mock::given(path("/deals/403"))
        .respond_with(
            ResponseTemplate::new(403).set_body_string("<html>Forbidden by the CDN</html>"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(1));

    let not_found = match client.execute(get_deal(404)).await {
        Ok(response) => response.api_error::<Failure>(),
        Err(error) => panic!("transport failed: {error}"),
    };
    let forbidden = match client.execute(get_deal(403)).await {
        Ok(response) => response.api_error::<Failure>(),
        Err(error) => panic!("transport failed: {error}"),
    };

    assert_eq!(
        not_found.to_string(),
        "API error 404 Not Found from GET /deals/{id}: Deal not found"
    );
    let api_error = not_found.api_error();
    assert_eq!(
        api_error
            .and_then(|error| error.body::<Failure>())
            .and_then(|body| body.error.clone())
            .as_deref(),
        Some("Deal not found")
    );
    assert!(
        api_error
            .and_then(|error| error.body::<serde_json::Value>())
            .is_none()
    );
    assert_eq!(
        api_error.map(|error| error.operation_id()),
        Some(Some("getDeal"))
    );
    assert_eq!(
        forbidden.to_string(),
        "API error 403 Forbidden from GET /deals/{id}: <html>Forbidden by the CDN</html>"
    );
    assert!(
        forbidden
            .api_error()
            .and_then(|error| error.body::<Failure>())
            .is_none()
    );
    assert_eq!(
        forbidden.api_error().map(|error| error.raw_body()),
        Some(&b"<html>Forbidden by the CDN</html>"[..])
    );
}

#[tokio::test]
async fn the_rate_limit_headers_are_readable_after_a_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-limit", "80")
                .insert_header("x-ratelimit-remaining", "79")
                .insert_header("x-ratelimit-reset", "2")
                .insert_header("x-daily-requests-left", "9980")
                .set_body_json(serde_json::json!({"data": {"id": 1, "title": "T", "user_id": 1}})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(1));
    assert_eq!(client.last_rate_limit(), None);

    let response = match client
        .execute(get_deal(1))
        .await
        .and_then(|raw| raw.json::<Envelope<Deal>>())
    {
        Ok(response) => response,
        Err(error) => panic!("the call failed: {error}"),
    };

    let deal = &response.body().data;
    assert_eq!((deal.id, deal.title.as_str(), deal.user_id), (1, "T", 1));
    for rate_limit in [
        response.rate_limit(),
        client.last_rate_limit().unwrap_or_default(),
    ] {
        assert_eq!(rate_limit.limit, Some(80));
        assert_eq!(rate_limit.remaining, Some(79));
        assert_eq!(rate_limit.reset, Some(Duration::from_secs(2)));
        assert_eq!(rate_limit.daily_requests_left, Some(9980));
        assert_eq!(rate_limit.retry_after, None);
    }
}

#[tokio::test]
async fn a_per_request_timeout_fires() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(3));
    let mut request = get_deal(1);
    request.options(&RequestOptions {
        timeout: Some(Duration::from_millis(50)),
        retry: None,
    });

    let outcome = client.execute(request).await;

    match outcome {
        Err(error @ Error::Timeout { .. }) => {
            assert_eq!(
                error.to_string(),
                "GET /deals/{id} timed out after 50ms; raise it with a per-request or client timeout if the operation is slow"
            );
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(received_count(&server).await, 1, "timeouts are not retried");
}

#[tokio::test]
async fn the_user_agent_names_the_crate_unless_replaced() {
    let server = MockServer::start().await;
    let default_agent = concat!("pipedrive/", env!("CARGO_PKG_VERSION"));
    Mock::given(header("user-agent", default_agent))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("user-agent", "my-app/2.0"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let default_client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(1));
    let custom_client = ClientBuilder::new(&server.uri())
        .user_agent("my-app/2.0")
        .build();

    let default_status = default_client
        .execute(get_deal(1))
        .await
        .map(|response| response.status());
    let custom_status = match custom_client {
        Ok(client) => client
            .execute(get_deal(1))
            .await
            .map(|response| response.status()),
        Err(error) => panic!("the client should build: {error}"),
    };

    assert_eq!(default_status.ok(), Some(200));
    assert_eq!(custom_status.ok(), Some(201));
}

#[tokio::test]
async fn a_replaced_bearer_token_is_used_from_the_next_request_on() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer refreshed-token"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = client_for(
        &server.uri(),
        Credential::bearer("expired-token"),
        fast_retries(1),
    );

    let before = client
        .execute(get_deal(1))
        .await
        .map(|response| response.status());
    client.set_bearer_token("refreshed-token");
    let after = client
        .execute(get_deal(1))
        .await
        .map(|response| response.status());

    assert_eq!((before.ok(), after.ok()), (Some(401), Some(200)));
}

#[tokio::test]
async fn an_operation_without_security_sends_no_credential() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client_for(
        &server.uri(),
        Credential::api_key_header("x-api-token", TOKEN),
        fast_retries(1),
    );
    let mut request = get_deal(1);
    request.no_auth();

    let status = client
        .execute(request)
        .await
        .map(|response| response.status());

    assert_eq!(status.ok(), Some(200));
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1);
    assert!(
        requests
            .iter()
            .all(|request| !request.headers.contains_key("x-api-token"))
    );
}

#[tokio::test]
async fn the_span_names_the_path_template_and_records_no_ids_query_or_token() {
    let capture = TracingCapture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client_for(
        &server.uri(),
        Credential::api_key_query("api_token", TOKEN),
        fast_retries(1),
    );
    let mut request = get_deal(424242);
    request.query("include_product_data", &1);

    let status = client
        .execute(request)
        .await
        .map(|response| response.status());

    assert_eq!(status.ok(), Some(200));
    let lines = capture.lines().join("\n");
    assert!(
        lines.contains(
            "span http_request operation_id=\"getDeal\" method=GET path_template=/deals/{id}"
        ),
        "{lines}"
    );
    assert!(lines.contains("status=200"), "{lines}");
    assert!(lines.contains("attempts=1"), "{lines}");
    for secret_or_id in [TOKEN, "424242", "include_product_data"] {
        assert!(
            !lines.contains(secret_or_id),
            "{secret_or_id} traced in {lines}"
        );
    }
}

#[tokio::test]
async fn a_request_that_cannot_be_encoded_is_rejected_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Credential::bearer(TOKEN), fast_retries(1));
    let mut request = get_deal(1);
    request.header("x-note", &"two\nlines");

    let outcome = client.execute(request).await;

    match outcome {
        Err(error @ Error::InvalidRequest { .. }) => {
            assert_eq!(
                error.to_string(),
                "invalid request: GET /deals/{id}: the value of header x-note is not a valid header value"
            );
        }
        other => panic!("expected an invalid request, got {other:?}"),
    }
    assert_eq!(received_count(&server).await, 0);
}

#[test]
fn the_builder_rejects_a_base_url_that_is_not_http() {
    let cases = [
        ("ftp://example.com", true),
        ("not a url", true),
        ("https://example.com/v1?x=1", true),
        ("http://127.0.0.1:8080/api/", false),
    ];
    for (base_url, rejected) in cases {
        let built = ClientBuilder::new(base_url).build();
        assert_eq!(built.is_err(), rejected, "{base_url}");
    }
}

#[test]
fn retry_after_is_read_as_seconds_or_an_http_date() {
    let in_one_minute = (chrono::Utc::now() + chrono::Duration::seconds(60)).to_rfc2822();
    let cases = [
        ("120", Some(120)),
        (in_one_minute.as_str(), Some(59)),
        ("Wed, 21 Oct 2015 07:28:00 GMT", Some(0)),
        ("soon", None),
    ];
    for (value, expected_seconds) in cases {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            "retry-after",
            http::HeaderValue::from_str(value).unwrap_or(http::HeaderValue::from_static("x")),
        );
        let rate_limit = pipedrive::runtime::RateLimit::from_headers(&headers);
        let seconds = rate_limit.retry_after.map(|wait| wait.as_secs());
        match expected_seconds {
            Some(59) => assert!(matches!(seconds, Some(59 | 60)), "{value}: {seconds:?}"),
            expected => assert_eq!(seconds, expected, "{value}"),
        }
    }
}
