//! Writes lose nothing: a deal or product read and sent back carries every
//! custom field exactly as the server sent it, JSON is the default body
//! encoding, and a form body refuses what it cannot carry before anything
//! is sent.

#![allow(
    deprecated,
    reason = "these tests check v1 writes (`addDeal`, `updateDeal`, products), which Pipedrive took out of support but the crate still offers"
)]

use pipedrive::Client;
use pipedrive::apis::deals::UpdateDealContentType;
use pipedrive::models::{self, BasicDeal, NewDeal, ProductRequest};
use pipedrive::runtime::Error;
use pipedrive::runtime::types::Clearable;
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Custom fields of every kind, as compact JSON entries in the order the
/// server sends them: a string, an integer, a decimal with its currency
/// sibling, `null`, a nested object and an array.
const CUSTOM_FIELDS: [(&str, &str); 7] = [
    (
        "dcf558aac1ae4e8c4f849ba5e668430d8df9be12",
        r#""Premium & \"gold\" ü""#,
    ),
    ("0f3a9c2e7b1d4c5a8e6f0b2d4a6c8e0f1a3b5c7d", "42"),
    ("9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f", "2500.75"),
    (
        "9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f_currency",
        r#""EUR""#,
    ),
    ("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "null"),
    (
        "0123456789abcdef0123456789abcdef01234567",
        r#"{"value":7,"name":"Nested option","email":[{"value":"ann@example.com","primary":true}]}"#,
    ),
    ("fedcba9876543210fedcba9876543210fedcba98", "[3,5,8]"),
];

/// The custom fields as the members of a JSON object, without the braces.
fn custom_members() -> String {
    CUSTOM_FIELDS
        .iter()
        .map(|(key, value)| format!("\"{key}\":{value}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A deal as `getDeal` sends it, custom fields last.
fn served_deal() -> String {
    format!(
        r#"{{"success":true,"data":{{"id":1201,"title":"North Pier cold store","value":12500,"currency":"EUR","status":"open","visible_to":"3","add_time":"2024-01-31 12:30:00","person_id":null,"org_id":52,{}}}}}"#,
        custom_members()
    )
}

/// A product as `getProduct` sends it, custom fields last.
fn served_product() -> String {
    format!(
        r#"{{"success":true,"data":{{"id":77,"name":"Cold room panel","code":"CRP-1","tax":0,"active_flag":true,"selectable":true,"visible_to":"3","owner_id":{{"id":8877,"name":"Rasmus Oja","value":8877}},"prices":[{{"id":1,"product_id":77,"price":120.5,"currency":"EUR","cost":null,"overhead_cost":null,"notes":null}}],{}}}}}"#,
        custom_members()
    )
}

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credential(pipedrive::auth::api_key("secret-token"))
        .build()
        .unwrap_or_else(|error| panic!("the test client should build: {error}"))
}

/// Serves `body` for every request with `http_method` to `route`.
async fn serve(server: &MockServer, http_method: &str, route: &str, body: String) {
    Mock::given(method(http_method))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(server)
        .await;
}

/// The one request the server received with `http_method`.
async fn received(server: &MockServer, http_method: &str) -> Request {
    let requests = server.received_requests().await.unwrap_or_default();
    let mut matching: Vec<Request> = requests
        .into_iter()
        .filter(|request| request.method.as_str() == http_method)
        .collect();
    assert_eq!(matching.len(), 1, "one {http_method} request expected");
    matching.remove(0)
}

/// The received body is JSON and holds every custom field byte for byte as
/// it was served, in the served order.
fn assert_custom_fields_sent_back(request: &Request) {
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let body = String::from_utf8_lossy(&request.body);
    assert_eq!(content_type, "application/json", "body: {body}");
    assert!(
        body.contains(&custom_members()),
        "the custom fields changed on the way through.\nserved: {}\nsent:   {body}",
        custom_members()
    );
    let sent: Value = serde_json::from_str(&body)
        .unwrap_or_else(|error| panic!("the body is not JSON ({error}): {body}"));
    let sent_keys: Vec<&str> = sent
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default();
    for (key, _) in CUSTOM_FIELDS {
        assert!(sent_keys.contains(&key), "{key} missing from {body}");
    }
}

#[tokio::test]
async fn a_deal_read_and_updated_sends_every_custom_field_back_unchanged() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/deals/1201", served_deal()).await;
    serve(&server, "PUT", "/deals/1201", served_deal()).await;
    let client = client_for(&server);

    let read = client.v1().deals().get_deal(1201).send().await;
    let deal = read
        .ok()
        .and_then(|response| response.data)
        .expect("the deal decodes");
    let update = BasicDeal::new()
        .set_title("North Pier cold store, phase 2")
        .set_additional_properties(deal.additional_properties);
    let written = client.v1().deals().update_deal(1201, update).send().await;

    assert!(written.is_ok(), "{written:?}");
    let put = received(&server, "PUT").await;
    assert_custom_fields_sent_back(&put);
    let sent: Value = serde_json::from_slice(&put.body).unwrap_or_default();
    assert_eq!(sent["title"], "North Pier cold store, phase 2");
    assert!(
        sent.get("id").is_none(),
        "only the update body's fields go out"
    );
}

#[tokio::test]
async fn a_product_read_and_updated_sends_every_custom_field_back_unchanged() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/products/77", served_product()).await;
    serve(&server, "PUT", "/products/77", served_product()).await;
    let client = client_for(&server);

    let read = client.v1().products().get_product(77).send().await;
    let product = read
        .ok()
        .and_then(|response| response.data)
        .expect("the product decodes");
    let update = ProductRequest::new()
        .set_name(format!("{} (2025)", product.name))
        .set_additional_properties(product.additional_properties);
    let written = client
        .v1()
        .products()
        .update_product(77, update)
        .send()
        .await;

    assert!(written.is_ok(), "{written:?}");
    let put = received(&server, "PUT").await;
    assert_custom_fields_sent_back(&put);
}

/// A form body that would have to drop or reshape a value is refused, and
/// the error names the field.
#[tokio::test]
async fn a_form_body_refuses_null_and_nested_objects_before_sending() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/deals/1201", served_deal()).await;
    let client = client_for(&server);
    let deal = client
        .v1()
        .deals()
        .get_deal(1201)
        .send()
        .await
        .ok()
        .and_then(|response| response.data)
        .expect("the deal decodes");
    let cases = [
        (
            "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
            "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678: null",
        ),
        (
            "0123456789abcdef0123456789abcdef01234567",
            "0123456789abcdef0123456789abcdef01234567: an object",
        ),
    ];
    for (key, expected) in cases {
        let mut update = BasicDeal::default();
        if let Some(value) = deal.additional_properties.get(key) {
            update
                .additional_properties
                .insert(key.to_owned(), value.clone());
        }

        let result = client
            .v1()
            .deals()
            .update_deal(1201, update)
            .content_type(UpdateDealContentType::Form)
            .send()
            .await;

        match result {
            Err(Error::InvalidRequest { message }) => {
                assert!(message.contains(expected), "{message}");
            }
            other => panic!("expected an invalid request for {key}, got {other:?}"),
        }
    }
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(
        requests
            .iter()
            .all(|request| request.method.as_str() == "GET"),
        "nothing but the read reached the server"
    );
}

/// The five writes whose spec lists a form before JSON send JSON unless the
/// caller picks the form.
#[tokio::test]
async fn writes_that_offer_json_send_json_by_default() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"success":true}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let deals = client.v1().deals();

    // Only the requests matter here, not how the short answer decodes.
    let _ = deals.add_deal(NewDeal::new("Harbour racking")).send().await;
    let _ = deals.update_deal(1201, BasicDeal::default()).send().await;
    let _ = deals
        .add_deal_follower(1201, models::AddDealFollowerRequest::new(8877))
        .send()
        .await;
    let _ = deals
        .add_deal_participant(1201, models::AddDealParticipantRequest::new(1101))
        .send()
        .await;
    let _ = deals
        .merge_deals(1201, models::MergeDealsRequest::new(1203))
        .send()
        .await;

    let requests = server.received_requests().await.unwrap_or_default();
    let sent: Vec<(String, String, String)> = requests
        .iter()
        .map(|request| {
            let content_type = request
                .headers
                .get("content-type")
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            (
                request.url.path().to_owned(),
                content_type,
                String::from_utf8_lossy(&request.body).into_owned(),
            )
        })
        .collect();
    let json = "application/json".to_owned();
    assert_eq!(
        sent,
        [
            (
                "/deals".to_owned(),
                json.clone(),
                r#"{"title":"Harbour racking"}"#.to_owned()
            ),
            ("/deals/1201".to_owned(), json.clone(), "{}".to_owned()),
            (
                "/deals/1201/followers".to_owned(),
                json.clone(),
                r#"{"user_id":8877}"#.to_owned()
            ),
            (
                "/deals/1201/participants".to_owned(),
                json.clone(),
                r#"{"person_id":1101}"#.to_owned()
            ),
            (
                "/deals/1201/merge".to_owned(),
                json,
                r#"{"merge_with_id":1203}"#.to_owned()
            ),
        ]
    );
}

/// A clearable field is left out, sent as `null` or sent with a value, and
/// the three read back as they were written.
#[tokio::test]
async fn an_update_clears_sets_and_leaves_fields_as_asked() {
    let server = MockServer::start().await;
    serve(&server, "PUT", "/deals/1201", served_deal()).await;
    let client = client_for(&server);
    let update = BasicDeal::new()
        .clear_person_id()
        .set_org_id(52)
        .clear_expected_close_date()
        .set_lost_reason("Chose a local supplier");

    let written = client
        .v1()
        .deals()
        .update_deal(1201, update.clone())
        .send()
        .await;

    assert!(written.is_ok(), "{written:?}");
    let put = received(&server, "PUT").await;
    let body = String::from_utf8_lossy(&put.body);
    assert_eq!(
        body,
        r#"{"person_id":null,"org_id":52,"expected_close_date":null,"lost_reason":"Chose a local supplier"}"#
    );
    let read: Result<BasicDeal, _> = serde_json::from_str(&body);
    assert_eq!(read.ok(), Some(update));
    let untouched: Result<BasicDeal, _> = serde_json::from_str("{}");
    assert_eq!(
        untouched
            .map(|deal| (deal.person_id, deal.expected_close_date))
            .ok(),
        Some((Clearable::Absent, Clearable::Absent))
    );
}

#[test]
fn a_request_builder_is_debug_and_clone_and_keeps_its_credential_out() {
    let client = Client::builder()
        .credential(pipedrive::auth::api_key("very-secret-token-0123"))
        .build()
        .unwrap();
    let request = client
        .v1()
        .deals()
        .add_deal(NewDeal::new("Debugged deal").set_currency("EUR"));
    let copy = request.clone();
    let printed = format!("{copy:?}");
    assert!(printed.contains("Debugged deal"), "{printed}");
    assert!(printed.contains("EUR"), "{printed}");
    assert!(!printed.contains("very-secret-token-0123"), "{printed}");
    assert_eq!(format!("{request:?}"), printed);
}
