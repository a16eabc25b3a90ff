//! Shared set-up for the examples: a client for the real API when
//! `PIPEDRIVE_API_TOKEN` is set, otherwise a client for a local mock server.
//!
//! The mock answers the v2 operations the examples call with the success
//! examples of `spec/pipedrive-v2.yaml` (the ones the contract tests decode),
//! and the one v1-only operation they call, the deals summary, with this
//! crate's v1 response fixture. A cursor list has two pages: the spec's
//! example, whose `next_cursor` names the second, and a second page made from
//! it that ends the list (`next_cursor: null`).

use std::path::{Path, PathBuf};

use pipedrive::{Client, auth};
use serde_json::Value;
use wiremock::matchers::{header_exists, method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The client, and the mock server it talks to when there is no token (kept
/// alive for as long as the example runs).
pub struct Setup {
    pub client: Client,
    mock: Option<MockServer>,
}

impl Setup {
    /// Whether the client talks to the local mock rather than the real API.
    #[allow(dead_code, reason = "not every example asks")]
    pub fn is_mock(&self) -> bool {
        self.mock.is_some()
    }
}

/// The key of a text custom field on the mock's deals (the v2 spec's
/// examples use it).
#[allow(dead_code, reason = "not every example writes a custom field")]
pub const MOCK_DEAL_TEXT_FIELD: &str = "d4de1c1518b4531717c676029a45911c340390a6";

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
            mock: None,
        });
    }
    let mock = MockServer::start().await;
    mount_routes(&mock).await?;
    println!(
        "(no PIPEDRIVE_API_TOKEN: talking to a local mock at {})",
        mock.uri()
    );
    Ok(Setup {
        client: Client::builder()
            .base_url(mock.uri())
            .credential(auth::api_key("example-token"))
            .build()?,
        mock: Some(mock),
    })
}

/// How the mock answers one route.
#[derive(Clone, Copy)]
enum Answer {
    /// A cursor list of two pages, items at this JSON pointer, filtered by
    /// the `status` query parameter when the request has one.
    CursorList(&'static str),
    /// The example with the request body's fields written over its `data`,
    /// so that what the example sent comes back.
    Written,
    /// A v1 response fixture, as it is.
    V1Fixture,
}

/// Mounts every route the examples call. A request without the API token
/// header, or to a route not listed here, gets a 404.
async fn mount_routes(mock: &MockServer) -> Result<(), Box<dyn std::error::Error>> {
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/pipedrive-v2.yaml");
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(&spec_path)?)?;
    let routes: [(&str, &str, &str, Answer); 6] = [
        ("GET", "^/deals$", "getDeals", Answer::CursorList("/data")),
        ("POST", "^/deals$", "addDeal", Answer::Written),
        (
            "POST",
            "^/deals/[0-9]+/products$",
            "addDealProduct",
            Answer::Written,
        ),
        (
            "GET",
            "^/products$",
            "getProducts",
            Answer::CursorList("/data"),
        ),
        (
            "GET",
            "^/products/search$",
            "searchProducts",
            Answer::CursorList("/data/items"),
        ),
        (
            "GET",
            "^/deals/summary$",
            "getDealsSummary",
            Answer::V1Fixture,
        ),
    ];
    for (http_method, route, operation_id, answer) in routes {
        let (status, body) = match answer {
            Answer::V1Fixture => (200, v1_fixture(operation_id)?),
            Answer::CursorList(_) | Answer::Written => success_example(&spec, operation_id)
                .ok_or_else(|| {
                    format!(
                        "{}: no success example of {operation_id}",
                        spec_path.display()
                    )
                })?,
        };
        let responder = move |request: &Request| -> ResponseTemplate {
            let body = match answer {
                Answer::CursorList(items) => match page(&body, items, request) {
                    Some(page) => page,
                    None => {
                        return ResponseTemplate::new(400).set_body_json(serde_json::json!({
                            "success": false,
                            "error": "the cursor names no page",
                        }));
                    }
                },
                Answer::Written => written(&body, request),
                Answer::V1Fixture => body.clone(),
            };
            ResponseTemplate::new(status)
                .insert_header("x-ratelimit-limit", "80")
                .insert_header("x-ratelimit-remaining", "79")
                .insert_header("x-ratelimit-reset", "2")
                .set_body_json(body)
        };
        Mock::given(method(http_method))
            .and(path_regex(route))
            .and(header_exists("x-api-token"))
            .respond_with(responder)
            .mount(mock)
            .await;
    }
    Ok(())
}

/// The status and example body of an operation's success response in the
/// v2 spec.
fn success_example(spec: &Value, operation_id: &str) -> Option<(u16, Value)> {
    let operation = spec["paths"]
        .as_object()?
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .find(|operation| operation["operationId"] == operation_id)?;
    ["200", "201"].into_iter().find_map(|status| {
        let example = operation.pointer(&format!(
            "/responses/{status}/content/application~1json/example"
        ))?;
        Some((status.parse().ok()?, example.clone()))
    })
}

/// The v1 response fixture this crate's tests use for an operation.
fn v1_fixture(operation_id: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/responses")
        .join(format!("{operation_id}.json"));
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

/// A page of a cursor list: the example itself without a `cursor`, and for
/// the example's `next_cursor` the last page, whose items are the example's
/// with other IDs (each plus 100) and names, and whose `next_cursor` is null. The items
/// whose `status` the request does not ask for are left out. Any other
/// cursor names no page.
fn page(example: &Value, items: &str, request: &Request) -> Option<Value> {
    let cursor = query(request, "cursor");
    let mut page = example.clone();
    if cursor.is_some() {
        let next_cursor = example.pointer("/additional_data/next_cursor");
        if cursor.as_deref() != next_cursor.and_then(Value::as_str) {
            return None;
        }
        if let Some(list) = page.pointer_mut(items).and_then(Value::as_array_mut) {
            for entry in list {
                // Search results wrap the item: `{result_score, item}`.
                let item = if entry.get("item").is_some() {
                    &mut entry["item"]
                } else {
                    entry
                };
                item["id"] = (item["id"].as_i64().unwrap_or(0) + 100).into();
                for name in ["title", "name"] {
                    if let Some(text) = item[name].as_str() {
                        item[name] = format!("{text} (page 2)").into();
                    }
                }
            }
        }
        page["additional_data"]["next_cursor"] = Value::Null;
    }
    if let (Some(statuses), Some(list)) = (
        query(request, "status"),
        page.pointer_mut(items).and_then(Value::as_array_mut),
    ) {
        list.retain(|item| {
            item["status"]
                .as_str()
                .is_none_or(|status| statuses.split(',').any(|wanted| wanted == status))
        });
    }
    Some(page)
}

/// The example with the fields of the request's JSON body written over its
/// `data` (custom fields merged key by key), and the deal's ID from a
/// `/deals/{id}/...` path.
fn written(example: &Value, request: &Request) -> Value {
    let mut body = example.clone();
    let sent: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let data = &mut body["data"];
    if let Some(fields) = sent.as_object() {
        for (name, value) in fields {
            match (data.get_mut(name), value) {
                (Some(Value::Object(old)), Value::Object(new)) if name == "custom_fields" => {
                    old.extend(new.clone());
                }
                _ => data[name] = value.clone(),
            }
        }
    }
    let segments: Vec<&str> = request.url.path().split('/').collect();
    if let ["", "deals", id, _, ..] = segments.as_slice()
        && let Ok(id) = id.parse::<i64>()
    {
        data["deal_id"] = id.into();
    }
    body
}

/// The value of a query parameter of the request.
fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}
