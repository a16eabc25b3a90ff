//! Creates a deal with a custom field, then attaches a product to it.
//!
//! `cargo run -p pipedrive --example create_deal` (set `PIPEDRIVE_API_TOKEN` to
//! use the real API; set `PIPEDRIVE_CUSTOM_FIELD` to the 40-character key of
//! one of your deal custom fields, and `PIPEDRIVE_PRODUCT_ID` to a product).

#![allow(
    deprecated,
    reason = "this example still calls the v1 operation; moving the examples to v2 is a separate change"
)]

mod support;

use pipedrive::models::{NewDeal, NewDealProduct, NewDealProductRequired};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = support::client().await?;
    let client = &setup.client;
    let custom_field = std::env::var("PIPEDRIVE_CUSTOM_FIELD")
        .unwrap_or_else(|_| "dcf558aac1ae4e8c4f849ba5e668430d8df9be12".to_owned());
    let product_id: i64 = std::env::var("PIPEDRIVE_PRODUCT_ID")
        .ok()
        .and_then(|id| id.parse().ok())
        .unwrap_or(1);

    // Custom fields travel as extra top-level keys of the body.
    let mut new_deal = NewDeal::new("Rust client example deal")
        .set_value("1500")
        .set_currency("EUR");
    new_deal
        .additional_properties
        .insert(custom_field.clone(), "Created from Rust".into());

    let created = client.v1().deals().add_deal(new_deal).send().await?;
    let Some(deal) = created.data else {
        return Err("Pipedrive returned no deal".into());
    };
    println!("created deal #{}: {}", deal.id, deal.title);
    println!(
        "custom field {custom_field} = {:?}",
        deal.additional_properties.get(&custom_field)
    );

    // With several required fields, `new` takes them by name, so two numbers
    // cannot be swapped by mistake.
    let attachment = NewDealProduct::new(NewDealProductRequired {
        item_price: 750.0,
        quantity: 2.0,
        product_id,
    })
    .set_comments("Two seats");
    let attached = client
        .v1()
        .deals()
        .add_deal_product(deal.id, attachment)
        .send()
        .await?;
    if let Some(line) = attached.data {
        println!("attached product line: {line:?}");
    }
    Ok(())
}
