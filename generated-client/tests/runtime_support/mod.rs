//! Shared helpers of the runtime tests: a test client, requests, response
//! types and a capturing `tracing` subscriber.
#![allow(dead_code)]

use std::time::Duration;

use pipedrive::runtime::{Client, ClientBuilder, Credential, ErrorBody, Request, RetryPolicy};
use wiremock::MockServer;

pub mod tracing_capture {
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

pub const TOKEN: &str = "f3c2e1d0secret0token0value0abc123";

#[derive(Debug, serde::Deserialize)]
pub struct Deal {
    pub id: i64,
    pub title: String,
    pub user_id: i64,
}

#[derive(Debug, serde::Deserialize)]
pub struct Envelope<T> {
    pub data: T,
}

#[derive(Debug, serde::Deserialize)]
pub struct Failure {
    pub error: Option<String>,
}

impl ErrorBody for Failure {
    fn message(&self) -> Option<String> {
        self.error.clone()
    }
}

/// Retries with waits of a few milliseconds.
pub fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(max_attempts)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

pub fn client_for(base_url: &str, credential: Credential, retry_policy: RetryPolicy) -> Client {
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

pub fn get_deal(id: i64) -> Request {
    let mut request = Request::new(
        http::Method::GET,
        "/deals/{id}",
        format!("/deals/{}", pipedrive::runtime::encode_path(&id)),
    );
    request.operation_id("getDeal");
    request
}

pub fn post_deal() -> Request {
    let mut request = Request::new(http::Method::POST, "/deals", "/deals");
    request.operation_id("addDeal");
    request
}

pub async fn received_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|requests| requests.len())
        .unwrap_or(0)
}

/// An address on loopback where nothing listens.
pub fn refused_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0");
    let port = match listener.and_then(|listener| listener.local_addr()) {
        Ok(address) => address.port(),
        Err(error) => panic!("could not reserve a port: {error}"),
    };
    format!("http://127.0.0.1:{port}")
}

/// Wraps a matcher so that matchers of different types fit in one array.
pub trait IntoBoxedMatcher {
    fn into_matcher(self) -> BoxedMatcher;
}

pub struct BoxedMatcher(Box<dyn wiremock::Match>);

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
