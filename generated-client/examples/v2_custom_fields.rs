//! Lists every open deal through v2 with its custom fields decoded by name:
//! the deal-field definitions from `GET /dealFields` turn each deal's
//! `custom_fields` (keyed by 40-character hashes) into typed values keyed by
//! each field's name.
//!
//! `cargo run -p pipedrive --example v2_custom_fields` (set
//! `PIPEDRIVE_API_TOKEN`, and `PIPEDRIVE_COMPANY_DOMAIN` if you like, to use
//! the real API; otherwise it talks to a local mock).

use futures_util::TryStreamExt;
use pipedrive::custom_fields::{FieldCatalog, TypedValue};
use pipedrive::v2::models::DealStatus;
use pipedrive::{Client, auth};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _mock) = client().await?;

    let catalog = FieldCatalog::fetch_deal_fields(&client).await?;
    println!("{} deal fields", catalog.len());

    let mut deals = client
        .v2()
        .deals()
        .get_deals()
        .status(vec![DealStatus::Open])
        .limit(100)
        .stream();
    let mut count = 0;
    while let Some(deal) = deals.try_next().await? {
        count += 1;
        println!("#{} {}", deal.id, deal.title);
        let custom_fields = deal.custom_fields.unwrap_or_default();
        match catalog.decode(&custom_fields) {
            Ok(decoded) => {
                for (name, value) in &decoded.fields {
                    println!("    {name}: {}", show(value.as_ref()));
                }
                for key in decoded.unknown.keys() {
                    println!("    (a field the definitions do not name: {key})");
                }
            }
            // One deal's odd value does not stop the listing.
            Err(errors) => println!("    custom fields not decoded: {errors}"),
        }
    }
    println!("{count} open deals");
    Ok(())
}

/// A value as a person reads it.
fn show(value: Option<&TypedValue>) -> String {
    let Some(value) = value else {
        return "(empty)".to_owned();
    };
    match value {
        TypedValue::Text(text) => text.clone(),
        TypedValue::Number(number) => number.to_string(),
        TypedValue::Money { value, currency } => format!("{value} {currency}"),
        TypedValue::Date(date) => date.to_string(),
        TypedValue::DateRange { start, end } => format!("{start} to {end}"),
        TypedValue::Time { value, .. } => value.to_string(),
        TypedValue::TimeRange { start, end, .. } => format!("{start} to {end}"),
        TypedValue::Option(choice) => choice.label.clone(),
        TypedValue::Options(choices) => choices
            .iter()
            .map(|choice| choice.label.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        TypedValue::User(id) => format!("user #{id}"),
        TypedValue::Person(id) => format!("person #{id}"),
        TypedValue::Organization(id) => format!("organization #{id}"),
        TypedValue::Deal(id) => format!("deal #{id}"),
        TypedValue::Address(address) => address.value.clone(),
        other => format!("{other:?}"),
    }
}

/// The client for the real API when `PIPEDRIVE_API_TOKEN` is set, otherwise
/// one for a local mock (returned too, to keep it running).
async fn client() -> Result<(Client, Option<MockServer>), Box<dyn std::error::Error>> {
    if let Ok(token) = std::env::var("PIPEDRIVE_API_TOKEN") {
        let mut builder = Client::builder().credential(auth::api_key(token));
        if let Ok(company) = std::env::var("PIPEDRIVE_COMPANY_DOMAIN") {
            builder = builder.base_url(format!("https://{company}.pipedrive.com"));
        }
        println!("(talking to the real Pipedrive API)");
        return Ok((builder.build()?, None));
    }
    let mock = MockServer::start().await;
    mount(&mock, path("/dealFields"), deal_fields()).await;
    // The open deals come in two pages: the first names a cursor, the
    // second ends the list with a `null` one.
    mount_first_page(&mock).await;
    Mock::given(method("GET"))
        .and(path("/deals"))
        .and(query_param("status", "open"))
        .and(query_param("cursor", "cGFnZS0y"))
        .respond_with(json_body(deals_page(
            vec![deal(
                12,
                "Clinic rollout",
                json!({
                    PRIORITY: {"id": 2, "label": "Medium"},
                    SITE: {"value": "Narva mnt 5, Tallinn", "locality": "Tallinn"},
                    CONTRACT: {"start": "2026-01-01", "end": "2026-12-31"},
                    "ffffffffffffffffffffffffffffffffffffffff": "a field created since",
                }),
            )],
            Value::Null,
        )))
        .mount(&mock)
        .await;
    println!(
        "(no PIPEDRIVE_API_TOKEN: talking to a local mock at {})",
        mock.uri()
    );
    let client = Client::builder()
        .base_url(mock.uri())
        .credential(auth::api_key("example-token"))
        .build()?;
    Ok((client, Some(mock)))
}

const PRIORITY: &str = "5c9f2a1b3d4e6f708192a3b4c5d6e7f809a1b2c3";
const CATEGORIES: &str = "7e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5";
const BUDGET: &str = "9a8c1f0e2b3d4c5a6f7e8d9c0b1a2f3e4d5c6b7a";
const SIGNED_ON: &str = "1234567890abcdef1234567890abcdef12345678";
const CONTRACT: &str = "fedcba0987654321fedcba0987654321fedcba09";
const SITE: &str = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
const CHAMPION: &str = "e1e2e3e4e5e6e7e8e9e0f1f2f3f4f5f6f7f8f9f0";

/// The mock's deal fields, shaped as the official spec's `getDealFields`
/// example.
fn deal_fields() -> Value {
    let field = |name: &str, key: &str, field_type: &str, options: Value| {
        json!({
            "field_name": name, "field_code": key, "description": null,
            "field_type": field_type, "options": options, "subfields": null,
            "is_custom_field": true, "is_optional_response_field": false,
        })
    };
    json!({
        "success": true,
        "data": [
            {
                "field_name": "Deal Title", "field_code": "title",
                "description": "The title or name of the deal", "field_type": "varchar",
                "options": null, "subfields": null,
                "is_custom_field": false, "is_optional_response_field": false,
            },
            field("Priority", PRIORITY, "enum", json!([
                {"id": 1, "label": "Low", "color": "green"},
                {"id": 2, "label": "Medium", "color": "yellow"},
                {"id": 3, "label": "High", "color": "red"},
            ])),
            field("Categories", CATEGORIES, "set", json!([
                {"id": 1, "label": "Software", "color": "blue"},
                {"id": 2, "label": "Hardware", "color": "green"},
                {"id": 3, "label": "Services", "color": "orange"},
            ])),
            field("Budget", BUDGET, "monetary", Value::Null),
            field("Signed on", SIGNED_ON, "date", Value::Null),
            field("Contract period", CONTRACT, "daterange", Value::Null),
            field("Site", SITE, "address", Value::Null),
            field("Champion", CHAMPION, "people", Value::Null),
        ],
        "additional_data": {"next_cursor": null},
    })
}

/// The first page of open deals.
async fn mount_first_page(mock: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/deals"))
        .and(query_param("status", "open"))
        .and(query_param_is_missing("cursor"))
        .respond_with(json_body(deals_page(
            vec![
                deal(
                    7,
                    "Fleet renewal",
                    json!({
                        PRIORITY: 3,
                        CATEGORIES: [1, 3],
                        BUDGET: {"value": 25000.75, "currency": "EUR"},
                        SIGNED_ON: "2026-02-27",
                        CHAMPION: 401,
                        CONTRACT: null,
                    }),
                ),
                deal(9, "Webshop pilot", json!({ BUDGET: 1200 })),
            ],
            json!("cGFnZS0y"),
        )))
        .mount(mock)
        .await;
}

/// A v2 deal with the fields a list sends.
fn deal(id: i64, title: &str, custom_fields: Value) -> Value {
    json!({
        "id": id, "title": title, "creator_user_id": 1, "owner_id": 1,
        "value": 0, "currency": "EUR", "person_id": null, "org_id": null,
        "stage_id": 1, "pipeline_id": 1, "status": "open",
        "add_time": "2026-01-05T10:00:00Z", "update_time": "2026-02-01T08:30:00Z",
        "is_deleted": false, "visible_to": 3, "label_ids": [],
        "custom_fields": custom_fields,
    })
}

fn deals_page(deals: Vec<Value>, next_cursor: Value) -> Value {
    json!({"success": true, "data": deals, "additional_data": {"next_cursor": next_cursor}})
}

fn json_body(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Answers every GET on `route` with `body`.
async fn mount(mock: &MockServer, route: wiremock::matchers::PathExactMatcher, body: Value) {
    Mock::given(method("GET"))
        .and(route)
        .respond_with(json_body(body))
        .mount(mock)
        .await;
}
