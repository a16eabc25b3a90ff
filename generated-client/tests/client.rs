//! The generated `Client`: built with the spec's credential functions
//! (`pipedrive::auth`), a wrapper of the runtime's client that shares its
//! state, and never showing a credential.

#![allow(
    deprecated,
    reason = "v1 `getDeal` is the simplest authenticated call, and these tests are about the client, not the operation"
)]

use pipedrive::runtime::{self, Credential};
use pipedrive::{Client, auth};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "0123456789abcdef-secret";

/// A `getDeal` response with no deal.
fn empty_deal() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("x-ratelimit-remaining", "39")
        .set_body_raw(r#"{"success":true,"data":null}"#, "application/json")
}

/// A client of `server` with `credential`.
fn client_for(server: &MockServer, credential: Credential) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credential(credential)
        .build()
        .unwrap_or_else(|error| panic!("the test client should build: {error}"))
}

/// Sends `getDeal` with the credential of one `auth` function and checks
/// that the server saw it where `matcher` looks.
async fn check(credential: Credential, matcher: impl wiremock::Match + 'static, label: &str) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/deals/1"))
        .and(matcher)
        .respond_with(empty_deal())
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server, credential);
    let result = client.v1().deals().get_deal(1).send().await;
    assert!(result.is_ok(), "{label}: {result:?}");
}

#[tokio::test]
async fn each_auth_function_sends_its_scheme() {
    check(
        auth::api_key(TOKEN),
        header("x-api-token", TOKEN),
        "api_key",
    )
    .await;
    check(
        auth::api_token(TOKEN),
        query_param("api_token", TOKEN),
        "api_token",
    )
    .await;
    check(
        auth::oauth2(TOKEN),
        header("authorization", format!("Bearer {TOKEN}").as_str()),
        "oauth2",
    )
    .await;
}

#[tokio::test]
async fn the_runtime_clients_methods_are_reached_through_the_generated_client() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/deals/1"))
        .and(header("authorization", "Bearer refreshed"))
        .respond_with(empty_deal())
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server, auth::oauth2(TOKEN));
    assert_eq!(client.base_url(), server.uri());
    assert_eq!(client.last_rate_limit(), None);
    client.set_bearer_token("refreshed");
    let result = client.v1().deals().get_deal(1).send().await;
    assert!(result.is_ok(), "{result:?}");
    let remaining = client
        .last_rate_limit()
        .and_then(|rate_limit| rate_limit.remaining);
    assert_eq!(remaining, Some(39));
}

#[tokio::test]
async fn a_wrapped_runtime_client_serves_the_groups_and_shares_its_state() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/deals/1"))
        .and(header("x-api-token", TOKEN))
        .respond_with(empty_deal())
        .expect(1)
        .mount(&server)
        .await;
    let runtime_client: runtime::Client = runtime::ClientBuilder::new(&server.uri())
        .credential(auth::api_key(TOKEN))
        .build()
        .unwrap_or_else(|error| panic!("the runtime client should build: {error}"));
    let client = Client::from(runtime_client.clone());
    let result = client.v1().deals().get_deal(1).send().await;
    assert!(result.is_ok(), "{result:?}");
    // One connection, one rate-limit view: the wrapper and the client it
    // wraps are the same client.
    let remaining = runtime_client
        .last_rate_limit()
        .and_then(|rate_limit| rate_limit.remaining);
    assert_eq!(remaining, Some(39));
}

#[test]
fn debug_output_never_shows_the_credential() {
    for credential in [
        auth::api_key(TOKEN),
        auth::api_token(TOKEN),
        auth::oauth2(TOKEN),
    ] {
        let client = Client::builder()
            .credential(credential)
            .build()
            .unwrap_or_else(|error| panic!("the client should build: {error}"));
        let builder = Client::builder().credential(auth::api_key(TOKEN));
        for debug in [format!("{client:?}"), format!("{builder:?}")] {
            assert!(!debug.contains(TOKEN), "{debug}");
            assert!(debug.contains("<redacted>"), "{debug}");
        }
    }
}
