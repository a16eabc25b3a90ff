//! Retries, rate limits and timeouts against a local HTTP server.

mod runtime_support;

use std::time::{Duration, Instant};

use pipedrive::runtime::{Credential, Error, RequestOptions};
use runtime_support::tracing_capture::TracingCapture;
use runtime_support::{
    Deal, Envelope, Failure, TOKEN, client_for, fast_retries, get_deal, post_deal, received_count,
    refused_base_url,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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
