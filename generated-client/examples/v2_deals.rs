//! A deal's life through API v2: created with a custom field, updated with
//! that field cleared (`null`), listed with every other open deal through
//! `.stream()` (cursor pages), then deleted.
//!
//! `cargo run -p pipedrive --example v2_deals`. With `PIPEDRIVE_API_TOKEN`
//! set it uses the real API (and `PIPEDRIVE_CUSTOM_FIELD_KEY`, a deal
//! field's 40-character key, if you set one); otherwise a local mock.

use futures_util::TryStreamExt;
use pipedrive::v2::models::{CustomFieldValue, DealStatus, DealWrite, NewDeal};
use pipedrive::{Client, auth};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The custom field the mock's account has.
const MOCK_FIELD: &str = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, field, _mock) = client().await?;
    let deals = client.v2().deals();

    // Create: the title is required; everything else is set by name.
    let mut new_deal = NewDeal::new("Cold store (v2 example)").set_currency("EUR");
    if let Some(field) = &field {
        new_deal = new_deal.set_custom_fields(
            [(
                field.clone(),
                Some(CustomFieldValue::String("Premium".to_owned())),
            )]
            .into_iter()
            .collect(),
        );
    }
    let created = deals.add_deal(new_deal).send().await?;
    let Some(deal) = created.data else {
        return Err("addDeal answered without the deal".into());
    };
    println!("created deal #{}: {}", deal.id, deal.title);

    // Update: only what the body names changes; `None` clears the field.
    if let Some(field) = &field {
        let update =
            DealWrite::new().set_custom_fields([(field.clone(), None)].into_iter().collect());
        deals.update_deal(deal.id, update).send().await?;
        println!("cleared custom field {field}");
    }

    // List: `.stream()` follows `next_cursor` until it is null.
    let mut open = deals
        .get_deals()
        .status(vec![DealStatus::Open])
        .limit(100)
        .stream();
    let mut count = 0;
    while let Some(listed) = open.try_next().await? {
        count += 1;
        println!("  open: #{} {}", listed.id, listed.title);
    }
    println!("{count} open deals");

    // Delete.
    deals.delete_deal(deal.id).send().await?;
    println!("deleted deal #{}", deal.id);
    Ok(())
}

/// The client, the custom field to use, and the mock (kept running) when
/// there is no `PIPEDRIVE_API_TOKEN`.
async fn client() -> Result<(Client, Option<String>, Option<MockServer>), Box<dyn std::error::Error>>
{
    if let Ok(token) = std::env::var("PIPEDRIVE_API_TOKEN") {
        println!("(talking to the real Pipedrive API)");
        let client = Client::builder().credential(auth::api_key(token)).build()?;
        return Ok((
            client,
            std::env::var("PIPEDRIVE_CUSTOM_FIELD_KEY").ok(),
            None,
        ));
    }
    let mock = MockServer::start().await;
    mount_mock(&mock).await;
    println!(
        "(no PIPEDRIVE_API_TOKEN: talking to a local mock at {})",
        mock.uri()
    );
    let client = Client::builder()
        .base_url(mock.uri())
        .credential(auth::api_key("example-token"))
        .build()?;
    Ok((client, Some(MOCK_FIELD.to_owned()), Some(mock)))
}

/// A v2 deal as the mock sends it.
fn deal(id: i64, title: &str, custom: Value) -> Value {
    json!({
        "id": id, "title": title, "value": 0, "currency": "EUR", "status": "open",
        "add_time": "2026-11-29T09:00:00Z", "person_id": null, "org_id": null,
        "custom_fields": {MOCK_FIELD: custom},
    })
}

/// A response body with `data`, and `next_cursor` when it is a page.
fn body(data: Value, next_cursor: Option<Value>) -> ResponseTemplate {
    let mut body = json!({"success": true, "data": data});
    if let Some(next_cursor) = next_cursor {
        body["additional_data"] = json!({"next_cursor": next_cursor});
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// The mock's answers: the deal created, updated and deleted, and two pages
/// of open deals. The update must send the cleared field as `null` and
/// nothing else.
async fn mount_mock(mock: &MockServer) {
    let title = "Cold store (v2 example)";
    Mock::given(method("POST"))
        .and(path("/deals"))
        .respond_with(body(deal(7, title, json!("Premium")), None))
        .mount(mock)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/deals/7"))
        .and(body_json(json!({"custom_fields": {MOCK_FIELD: null}})))
        .respond_with(body(deal(7, title, Value::Null), None))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/deals"))
        .and(query_param_is_missing("cursor"))
        .respond_with(body(
            json!([
                deal(7, title, Value::Null),
                deal(3, "Fleet renewal", json!("Basic"))
            ]),
            Some(json!("cGFnZS0y")),
        ))
        .mount(mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/deals"))
        .and(query_param("cursor", "cGFnZS0y"))
        .respond_with(body(
            json!([deal(4, "Clinic rollout", Value::Null)]),
            Some(Value::Null),
        ))
        .mount(mock)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/deals/7"))
        .respond_with(body(json!({"id": 7}), None))
        .mount(mock)
        .await;
}
