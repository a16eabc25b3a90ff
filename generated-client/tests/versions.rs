//! One client serves API v1 and v2: one credential, one connection pool, one
//! rate-limit view, and each version on its own base path, found from the
//! host the client is built with; and a v2 deal created, updated with a
//! custom field cleared, and listed as a stream through that client.
//!
//! The mock server stands in for Pipedrive's hosts: the HTTP client resolves
//! `api.pipedrive.com` and `acme.pipedrive.com` to it, so the requests name
//! the real host names and only the port differs.

#![allow(
    deprecated,
    reason = "v1 `getDeals` is called on purpose, to show which base path the v1 side of the client uses"
)]

use std::net::SocketAddr;

use pipedrive::{Client, auth};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The API token every request must carry.
const TOKEN: &str = "one-token-for-both";

/// A client whose requests to Pipedrive's host names go to `server`, built
/// with `base_url` (its port replaced by the server's).
fn client_for(server: &MockServer, base_url: &str) -> Client {
    let address: SocketAddr = *server.address();
    let http_client = reqwest::Client::builder()
        .resolve("api.pipedrive.com", address)
        .resolve("acme.pipedrive.com", address)
        .build()
        .unwrap_or_else(|error| panic!("the HTTP client should build: {error}"));
    Client::builder()
        .base_url(base_url.replace("{port}", &address.port().to_string()))
        .http_client(http_client)
        .credential(auth::api_key(TOKEN))
        .build()
        .unwrap_or_else(|error| panic!("the client should build for {base_url}: {error}"))
}

/// Answers an empty deal list at `route`, only with the token, and with a
/// rate-limit header naming `remaining`.
async fn serve_empty_list(server: &MockServer, route: &str, body: &str, remaining: u32) {
    Mock::given(method("GET"))
        .and(path(route))
        .and(header("x-api-token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-remaining", remaining.to_string())
                .set_body_raw(body.to_owned(), "application/json"),
        )
        .expect(1)
        .mount(server)
        .await;
}

const V1_EMPTY: &str = r#"{"success":true,"data":[]}"#;
const V2_EMPTY: &str = r#"{"success":true,"data":[],"additional_data":{"next_cursor":null}}"#;

/// Lists deals through v1 and then v2 with one client built from
/// `base_url`, and checks that they reached `v1_path` and `v2_path` with
/// the one credential, and that the client's rate-limit view is the last
/// response's, whichever version sent it.
async fn check_both_versions(base_url: &str, v1_path: &str, v2_path: &str) {
    let server = MockServer::start().await;
    serve_empty_list(&server, &format!("{v1_path}/deals"), V1_EMPTY, 11).await;
    serve_empty_list(&server, &format!("{v2_path}/deals"), V2_EMPTY, 22).await;
    let client = client_for(&server, base_url);

    let v1 = client.v1().deals().get_deals().send().await;
    assert!(v1.is_ok(), "{base_url}: v1 getDeals: {v1:?}");
    assert_eq!(
        client.last_rate_limit().and_then(|limit| limit.remaining),
        Some(11),
        "{base_url}: the rate-limit view after v1"
    );
    let v2 = client.v2().deals().get_deals().send().await;
    assert!(v2.is_ok(), "{base_url}: v2 getDeals: {v2:?}");
    assert_eq!(
        client.last_rate_limit().and_then(|limit| limit.remaining),
        Some(22),
        "{base_url}: the rate-limit view after v2"
    );
    // `expect(1)` on each mock: exactly one request reached each path.
    server.verify().await;
}

#[tokio::test]
async fn the_default_host_serves_v1_under_v1_and_v2_under_api_v2() {
    check_both_versions("http://api.pipedrive.com:{port}", "/v1", "/api/v2").await;
}

#[tokio::test]
async fn a_company_domain_serves_v1_under_api_v1_and_v2_under_api_v2() {
    check_both_versions("http://acme.pipedrive.com:{port}", "/api/v1", "/api/v2").await;
}

#[tokio::test]
async fn a_v1_server_url_as_before_v2_keeps_v1_there_and_finds_v2_beside_it() {
    check_both_versions(
        "http://acme.pipedrive.com:{port}/api/v1",
        "/api/v1",
        "/api/v2",
    )
    .await;
    check_both_versions("http://api.pipedrive.com:{port}/v1", "/v1", "/api/v2").await;
}

#[tokio::test]
async fn a_host_no_spec_names_serves_every_version_as_it_is() {
    let server = MockServer::start().await;
    serve_empty_list(&server, "/deals", V1_EMPTY, 1).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credential(auth::api_key(TOKEN))
        .build()
        .unwrap_or_else(|error| panic!("the client should build: {error}"));
    let v1 = client.v1().deals().get_deals().send().await;
    assert!(v1.is_ok(), "v1 getDeals: {v1:?}");
    server.verify().await;
}

/// The base URL each version's view uses, for a client built with
/// `configured`.
fn check_base_urls(configured: &str, v1: &str, v2: &str) {
    let client = Client::builder()
        .base_url(configured)
        .build()
        .unwrap_or_else(|error| panic!("the client should build for {configured}: {error}"));
    assert_eq!(client.base_url(), configured.trim_end_matches('/'));
    assert_eq!(client.v1().as_ref().base_url(), v1, "v1 for {configured}");
    assert_eq!(client.v2().as_ref().base_url(), v2, "v2 for {configured}");
}

#[test]
fn each_version_finds_its_base_url_from_the_one_the_client_is_built_with() {
    // The builder's default: v1's first server, as before v2.
    check_base_urls(
        pipedrive::DEFAULT_BASE_URL,
        "https://api.pipedrive.com/v1",
        "https://api.pipedrive.com/api/v2",
    );
    // Hosts: the default, a company domain, an OAuth `api_domain`.
    check_base_urls(
        "https://api.pipedrive.com",
        "https://api.pipedrive.com/v1",
        "https://api.pipedrive.com/api/v2",
    );
    check_base_urls(
        "https://acme.pipedrive.com/",
        "https://acme.pipedrive.com/api/v1",
        "https://acme.pipedrive.com/api/v2",
    );
    check_base_urls(
        "https://ACME.pipedrive.com",
        "https://acme.pipedrive.com/api/v1",
        "https://acme.pipedrive.com/api/v2",
    );
    // A server URL of one version: kept for it, its host for the other.
    check_base_urls(
        &pipedrive::v1::server_url_companydomain("acme"),
        "https://acme.pipedrive.com/api/v1",
        "https://acme.pipedrive.com/api/v2",
    );
    check_base_urls(
        &pipedrive::v2::server_url_companydomain("acme"),
        "https://acme.pipedrive.com/api/v1",
        "https://acme.pipedrive.com/api/v2",
    );
    check_base_urls(
        "https://api.pipedrive.com/api/v1",
        "https://api.pipedrive.com/api/v1",
        "https://api.pipedrive.com/api/v2",
    );
    // Anything else (a mock, a proxy, a path no spec serves) is every
    // version's base URL.
    check_base_urls(
        "http://127.0.0.1:4010",
        "http://127.0.0.1:4010",
        "http://127.0.0.1:4010",
    );
    check_base_urls(
        "https://proxy.example.com/pipedrive",
        "https://proxy.example.com/pipedrive",
        "https://proxy.example.com/pipedrive",
    );
    check_base_urls(
        "https://acme.pipedrive.com/elsewhere",
        "https://acme.pipedrive.com/elsewhere",
        "https://acme.pipedrive.com/elsewhere",
    );
}

#[tokio::test]
async fn a_refreshed_bearer_token_is_used_by_every_version() {
    let server = MockServer::start().await;
    for route in ["/v1/deals", "/api/v2/deals"] {
        let body = if route.starts_with("/v1") {
            V1_EMPTY
        } else {
            V2_EMPTY
        };
        Mock::given(method("GET"))
            .and(path(route))
            .and(header("authorization", "Bearer refreshed"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .expect(1)
            .mount(&server)
            .await;
    }
    let address: SocketAddr = *server.address();
    let http_client = reqwest::Client::builder()
        .resolve("api.pipedrive.com", address)
        .build()
        .unwrap_or_else(|error| panic!("the HTTP client should build: {error}"));
    let client = Client::builder()
        .base_url(format!("http://api.pipedrive.com:{}", address.port()))
        .http_client(http_client)
        .credential(auth::oauth2("expired"))
        .build()
        .unwrap_or_else(|error| panic!("the client should build: {error}"));
    client.set_bearer_token("refreshed");
    let v1 = client.v1().deals().get_deals().send().await;
    assert!(v1.is_ok(), "v1 getDeals: {v1:?}");
    let v2 = client.v2().deals().get_deals().send().await;
    assert!(v2.is_ok(), "v2 getDeals: {v2:?}");
    server.verify().await;
}

/// The custom field the v2 round trip sets and then clears.
const CUSTOM_FIELD: &str = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12";

/// A v2 deal as Pipedrive sends it, with `custom_fields` (`null` when the
/// field is empty).
fn v2_deal(id: i64, title: &str, custom_value: &str) -> String {
    format!(
        r#"{{"id":{id},"title":"{title}","value":1200,"currency":"EUR","status":"open","add_time":"2026-11-29T09:00:00Z","custom_fields":{{"{CUSTOM_FIELD}":{custom_value}}}}}"#
    )
}

#[tokio::test]
async fn a_v2_deal_is_created_has_a_custom_field_cleared_and_is_listed_as_a_stream() {
    use futures_util::TryStreamExt;
    use pipedrive::v2::models::{CustomFieldValue, DealWrite, NewDeal};
    use wiremock::matchers::query_param;

    let server = MockServer::start().await;
    let deal = |title: &str, custom: &str| {
        format!(r#"{{"success":true,"data":{}}}"#, v2_deal(7, title, custom))
    };
    Mock::given(method("POST"))
        .and(path("/api/v2/deals"))
        .and(header("x-api-token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(deal("Cold store", r#""Premium""#), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/api/v2/deals/7"))
        .and(header("x-api-token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(deal("Cold store", "null"), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = |deals: &[String], next: &str| {
        format!(
            r#"{{"success":true,"data":[{}],"additional_data":{{"next_cursor":{next}}}}}"#,
            deals.join(",")
        )
    };
    Mock::given(method("GET"))
        .and(path("/api/v2/deals"))
        .and(query_param("cursor", "page-2"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            page(&[v2_deal(8, "Second", "null")], "null"),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/deals"))
        .and(wiremock::matchers::query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            page(&[v2_deal(7, "Cold store", "null")], r#""page-2""#),
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server, "http://api.pipedrive.com:{port}");
    let deals = client.v2().deals();

    let mut new_deal = NewDeal::new("Cold store".to_owned());
    new_deal.custom_fields = Some(
        [(
            CUSTOM_FIELD.to_owned(),
            Some(CustomFieldValue::String("Premium".to_owned())),
        )]
        .into_iter()
        .collect(),
    );
    let created = deals.add_deal(new_deal).send().await;
    let created = created.unwrap_or_else(|error| panic!("addDeal: {error}"));
    assert_eq!(created.data.as_ref().map(|deal| deal.id), Some(7));

    let update =
        DealWrite::new().set_custom_fields([(CUSTOM_FIELD.to_owned(), None)].into_iter().collect());
    let updated = deals.update_deal(7, update).send().await;
    assert!(updated.is_ok(), "updateDeal: {updated:?}");

    let listed: Vec<i64> = deals
        .get_deals()
        .stream()
        .map_ok(|deal| deal.id)
        .try_collect()
        .await
        .unwrap_or_else(|error| panic!("getDeals stream: {error}"));
    assert_eq!(listed, [7, 8]);

    let requests = server.received_requests().await.unwrap_or_default();
    let body_of = |http_method: &str| -> serde_json::Value {
        let request = requests
            .iter()
            .find(|request| request.method.as_str() == http_method)
            .unwrap_or_else(|| panic!("no {http_method} request"));
        serde_json::from_slice(&request.body)
            .unwrap_or_else(|error| panic!("the {http_method} body is not JSON: {error}"))
    };
    assert_eq!(
        body_of("POST"),
        serde_json::json!({"title": "Cold store", "custom_fields": {CUSTOM_FIELD: "Premium"}})
    );
    // Only the cleared field is sent, as `null`.
    assert_eq!(
        body_of("PATCH"),
        serde_json::json!({"custom_fields": {CUSTOM_FIELD: null}})
    );
    server.verify().await;
}
