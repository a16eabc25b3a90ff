//! Shared set-up for the examples: a client for the real API when
//! `PIPEDRIVE_API_TOKEN` is set, otherwise a client for a local mock server
//! that answers with this crate's response fixtures.

use std::path::Path;

use pipedrive::{Client, auth};
use wiremock::matchers::{method, path, path_regex, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The client, and the mock server it talks to when there is no token (kept
/// alive for as long as the example runs).
pub struct Setup {
    pub client: Client,
    _mock: Option<MockServer>,
}

/// Builds the client for the real API or for the local mock.
pub async fn client() -> Result<Setup, Box<dyn std::error::Error>> {
    if let Ok(token) = std::env::var("PIPEDRIVE_API_TOKEN") {
        let mut builder = Client::builder().credential(auth::api_key(token));
        if let Ok(company) = std::env::var("PIPEDRIVE_COMPANY_DOMAIN") {
            // The company's host: v1 is served under `/api/v1` there and v2
            // under `/api/v2`, and the client finds each by itself.
            builder = builder.base_url(format!("https://{company}.pipedrive.com"));
        }
        println!("(talking to the real Pipedrive API)");
        return Ok(Setup {
            client: builder.build()?,
            _mock: None,
        });
    }
    let mock = MockServer::start().await;
    let routes: [(&str, &str, &str); 5] = [
        ("GET", "^/deals$", "getDeals"),
        ("POST", "^/deals$", "addDeal"),
        ("POST", "^/deals/[0-9]+/products$", "addDealProduct"),
        ("GET", "^/products/search$", "searchProducts"),
        ("GET", "^/products$", "getProducts"),
    ];
    for (http_method, route, operation_id) in routes {
        let body = std::fs::read_to_string(fixture_path(operation_id))?;
        let status = if operation_id == "addDeal" { 201 } else { 200 };
        Mock::given(method(http_method))
            .and(path_regex(route))
            .and(query_param_is_missing("start"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("content-type", "application/json")
                    .insert_header("x-ratelimit-limit", "80")
                    .insert_header("x-ratelimit-remaining", "79")
                    .insert_header("x-ratelimit-reset", "2")
                    .set_body_string(body),
            )
            .mount(&mock)
            .await;
    }
    // The first page of deals says more items follow; the page at its
    // `next_start` is the last one.
    let first_page: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture_path("getDeals"))?)?;
    let next_start = first_page
        .pointer("/additional_data/pagination/next_start")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(2);
    let mut last_page = first_page.clone();
    if let Some(deals) = last_page["data"].as_array_mut() {
        for deal in deals {
            deal["id"] = (deal["id"].as_i64().unwrap_or(0) + 100).into();
            deal["title"] = format!("{} (page 2)", deal["title"].as_str().unwrap_or("")).into();
        }
    }
    if let Some(pagination) = last_page.pointer_mut("/additional_data/pagination") {
        pagination["start"] = next_start.into();
        pagination["more_items_in_collection"] = false.into();
        if let Some(object) = pagination.as_object_mut() {
            object.remove("next_start");
        }
    }
    Mock::given(method("GET"))
        .and(path("/deals"))
        .and(query_param("start", next_start.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(&last_page))
        .with_priority(1)
        .mount(&mock)
        .await;
    // Anything else the example did not expect is a 404, like the real API.
    Mock::given(path("/"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&mock)
        .await;
    println!(
        "(no PIPEDRIVE_API_TOKEN: talking to a local mock at {})",
        mock.uri()
    );
    Ok(Setup {
        client: Client::builder()
            .base_url(mock.uri())
            .credential(auth::api_key("example-token"))
            .build()?,
        _mock: Some(mock),
    })
}

/// The response fixture this crate's tests use for an operation.
fn fixture_path(operation_id: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/responses")
        .join(format!("{operation_id}.json"))
}
