//! Creates a deal through API v2 with a custom field, then attaches a
//! product to it.
//!
//! `cargo run -p pipedrive --example create_deal`. With `PIPEDRIVE_API_TOKEN`
//! set it uses the real API: set `PIPEDRIVE_CUSTOM_FIELD` to the
//! 40-character key of one of your deal custom fields to fill it, and
//! `PIPEDRIVE_PRODUCT_ID` to a product (otherwise the first product listed is
//! attached). Without a token it talks to a local mock.

mod support;

use pipedrive::v2::models::{CustomFieldValue, NewDeal, NewDealProduct, NewDealProductRequired};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = support::client().await?;
    let client = &setup.client;
    let custom_field = std::env::var("PIPEDRIVE_CUSTOM_FIELD").ok().or_else(|| {
        setup
            .is_mock()
            .then(|| support::MOCK_DEAL_TEXT_FIELD.to_owned())
    });

    // v2 takes custom fields in `custom_fields`, keyed by the field's key.
    let mut new_deal = NewDeal::new("Rust client example deal")
        .set_value(1500.0)
        .set_currency("EUR");
    if let Some(field) = &custom_field {
        new_deal = new_deal.set_custom_fields(
            [(
                field.clone(),
                Some(CustomFieldValue::String("Created from Rust".to_owned())),
            )]
            .into(),
        );
    }
    let created = client.v2().deals().add_deal(new_deal).send().await?;
    let Some(deal) = created.data else {
        return Err("Pipedrive returned no deal".into());
    };
    println!(
        "created deal #{}: {} ({} {})",
        deal.id,
        deal.title,
        deal.value.unwrap_or_default(),
        deal.currency.as_deref().unwrap_or("")
    );
    if let Some(field) = &custom_field {
        // A key with no value comes back as `null` (`None`).
        match deal
            .custom_fields
            .as_ref()
            .and_then(|fields| fields.get(field))
            .and_then(Option::as_ref)
        {
            Some(value) => println!("custom field {field} = {value:?}"),
            None => println!("custom field {field} is empty"),
        }
    }

    let product_id = match std::env::var("PIPEDRIVE_PRODUCT_ID") {
        Ok(id) => id.parse()?,
        Err(_) => {
            let products = client
                .v2()
                .products()
                .get_products()
                .limit(1)
                .send()
                .await?;
            match products.data.unwrap_or_default().first() {
                Some(product) => product.id,
                None => return Err("no product to attach: add one first".into()),
            }
        }
    };
    // With several required fields, `new` takes them by name, so two numbers
    // cannot be swapped by mistake.
    let attachment = NewDealProduct::new(NewDealProductRequired {
        product_id,
        item_price: 750.0,
        quantity: 2.0,
    })
    .set_comments("Two seats");
    let attached = client
        .v2()
        .deal_products()
        .add_deal_product(deal.id, attachment)
        .send()
        .await?;
    if let Some(line) = attached.data {
        println!(
            "attached product #{} to deal #{}: {} x {} at {}",
            line.product_id.unwrap_or_default(),
            line.deal_id.unwrap_or_default(),
            line.quantity.unwrap_or_default(),
            line.name.as_deref().unwrap_or(""),
            line.item_price.unwrap_or_default()
        );
    }
    Ok(())
}
