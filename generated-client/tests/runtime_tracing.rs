//! What the client traces, with a subscriber set for this thread only.
//!
//! Alone in its test binary: `tracing` caches each callsite's interest
//! process-wide, and a test on another thread that reaches the same callsite
//! without a subscriber can leave it cached as uninteresting, which made
//! this test fail now and then beside the others.

mod runtime_support;

use pipedrive::runtime::Credential;
use runtime_support::tracing_capture::TracingCapture;
use runtime_support::{TOKEN, client_for, fast_retries, get_deal};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

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
