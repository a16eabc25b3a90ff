//! The client against a local HTTP server: credentials and their redaction,
//! error bodies, decode errors and the user agent (tracing is in
//! `runtime_tracing.rs`).

mod runtime_support;

use pipedrive::runtime::{Client, ClientBuilder, Credential, Error};
use runtime_support::{
    Deal, Envelope, Failure, IntoBoxedMatcher, TOKEN, client_for, fast_retries, get_deal,
    received_count,
};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

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
    let custom_client = ClientBuilder::<Client>::new(&server.uri())
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
        let built = ClientBuilder::<Client>::new(base_url).build();
        assert_eq!(built.is_err(), rejected, "{base_url}");
    }
}

#[test]
fn an_error_message_is_the_first_message_field_the_body_carries() {
    use pipedrive::runtime::message_from_fields;
    // `error` is preferred to `message` whatever order the fields come in.
    assert_eq!(
        message_from_fields(&[("message", Some("Forbidden")), ("error", Some("Denied"))]),
        Some("Denied".to_owned())
    );
    // A field the body does not carry is skipped, not taken as no message.
    assert_eq!(
        message_from_fields(&[("error", None), ("message", Some("Forbidden"))]),
        Some("Forbidden".to_owned())
    );
    // Other string fields are not messages.
    assert_eq!(
        message_from_fields(&[("code", Some("feature_capping_deals_limit"))]),
        None
    );
}
