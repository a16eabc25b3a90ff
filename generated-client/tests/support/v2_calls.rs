//! Every operation of `spec/pipedrive-v2.yaml`, called through `client.v2()`
//! and recorded in a [`Tally`]: the same calls against every server the v2
//! contract tests start (our spec's examples, its generated data, and
//! Pipedrive's official v2 spec). Each call has a label that the official
//! spec's list of known errors refers to.

use pipedrive::runtime::FilePart;
use pipedrive::runtime::types::{Date, DateTime};
use pipedrive::v2::models::{
    AddFollowerRequest, CustomFields, DealOptionalField, DealProductWrite, DealWrite, DiscountType,
    DiscountWrite, InstallmentWrite, NewDeal, NewDealProduct, NewDealProductRequired,
    NewDealProducts, NewDiscount, NewDiscountRequired, NewInstallment, NewInstallmentRequired,
    NewProduct, NewProductVariation, ProductImageUpload, ProductVariationWrite, ProductWrite,
    SearchDealsFieldsItem,
};

use super::tally::{Clients, Tally};

/// The label of a call that sends only what the operation requires.
pub const PLAIN: &str = "required parameters";
/// The label of a list call with its filters, a timestamp and two optional
/// fields.
pub const FILTERED: &str = "filters, a timestamp and include_fields";
/// The label of a call with two IDs in a list parameter.
pub const TWO_IDS: &str = "two ids";
/// The label of the explicit call that deletes every product of a deal
/// (`delete_all_deal_products`, which sends no `ids`).
pub const EVERY_PRODUCT: &str = "every product, no ids";
/// The label of a search in two of the searchable fields.
pub const TWO_FIELDS: &str = "two search fields";
/// The label of a write whose body holds custom fields of every kind.
pub const CUSTOM_FIELDS: &str = "custom fields of every kind";
/// The label of an update that clears fields with `null`.
pub const CLEARING: &str = "fields cleared with null";
/// The label of a call made with an OAuth bearer token.
pub const BEARER: &str = "OAuth bearer token";

/// A discount's ID and a conversion job's ID: both are UUIDs.
const UUID: &str = "5f0a2b1c-3d4e-4f60-8a7b-9c0d1e2f3a4b";

/// Calls every v2 operation at least once.
pub async fn call_every_v2_operation(clients: &Clients, tally: &mut Tally) {
    call_deal_operations(clients, tally).await;
    call_deal_product_operations(clients, tally).await;
    call_installment_operations(clients, tally).await;
    call_product_operations(clients, tally).await;
    call_other_operations(clients, tally).await;
}

/// Custom-field values of every kind v2 takes, keyed by field hash: text,
/// money, number, a set of options, a date range, a decimal, a date, a time
/// range, and `null` to clear a field.
pub fn every_kind_of_custom_field() -> CustomFields {
    serde_json::from_value(serde_json::json!({
        "d4de1c1518b4531717c676029a45911c340390a6": "Premium",
        "9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f": { "value": 2500, "currency": "EUR" },
        "3f6a0c2e9b8d7a1f4e5c6b7a8d9e0f1a2b3c4d5e": 27,
        "7b2e4d6f8a0c1e3a5b7d9f1c3e5a7b9d1f3a5c7e": [31, 33],
        "0e4c8a2f6b1d5e9a3c7f0b4d8e2a6c1f5b9d3e7a": { "start": "2024-03-01", "end": "2024-03-31" },
        "5a9d3e7b1f4c8a2e6d0b5f9c3a7e1d4b8f2c6a0e": 42.5,
        "b8f2c6a0e5a9d3e7b1f4c8a2e6d0b5f9c3a7e1d4": "2024-04-15",
        "c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7f0b4d8e2a6": { "start": "09:00:00", "end": "17:00:00" },
        "e2a6c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7f0b4d8": null
    }))
    .unwrap_or_else(|error| panic!("the custom fields do not decode: {error}"))
}

fn timestamp() -> DateTime {
    "2026-01-01T00:00:00Z"
        .parse()
        .unwrap_or_else(|error| panic!("the timestamp does not parse: {error:?}"))
}

fn date(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).unwrap_or_else(|| panic!("{year}-{month}-{day} is not a date"))
}

async fn call_deal_operations(clients: &Clients, tally: &mut Tally) {
    let deals = clients.header.v2().deals();
    let result = deals.get_deals().send_with_response().await;
    tally.record("getDeals", PLAIN, result);
    let result = deals
        .get_deals()
        .limit(2)
        .updated_since(timestamp())
        .include_fields(vec![
            DealOptionalField::ProductsCount,
            DealOptionalField::FollowersCount,
        ])
        .send_with_response()
        .await;
    tally.record("getDeals", FILTERED, result);
    let result = clients
        .bearer
        .v2()
        .deals()
        .get_deals()
        .send_with_response()
        .await;
    tally.record("getDeals", BEARER, result);
    let body = NewDeal::new("Cold store")
        .set_value(5000.0)
        .set_currency("EUR")
        .set_custom_fields(every_kind_of_custom_field());
    let result = deals.add_deal(body).send_with_response().await;
    tally.record("addDeal", CUSTOM_FIELDS, result);
    let result = deals.get_archived_deals().send_with_response().await;
    tally.record("getArchivedDeals", PLAIN, result);
    let result = deals.search_deals("cold").send_with_response().await;
    tally.record("searchDeals", PLAIN, result);
    let result = deals
        .search_deals("cold")
        .fields(vec![
            SearchDealsFieldsItem::Title,
            SearchDealsFieldsItem::Notes,
        ])
        .send_with_response()
        .await;
    tally.record("searchDeals", TWO_FIELDS, result);
    let result = deals.get_deal(1201).send_with_response().await;
    tally.record("getDeal", PLAIN, result);
    let result = deals.delete_deal(1201).send_with_response().await;
    tally.record("deleteDeal", PLAIN, result);
    let update = DealWrite::new()
        .set_title("Cold store, phase 2")
        .set_custom_fields(every_kind_of_custom_field());
    let result = deals.update_deal(1201, update).send_with_response().await;
    tally.record("updateDeal", CUSTOM_FIELDS, result);
    let update = DealWrite::new().clear_person_id().clear_org_id();
    let result = deals.update_deal(1201, update).send_with_response().await;
    tally.record("updateDeal", CLEARING, result);

    let result = deals.get_deal_followers(1201).send_with_response().await;
    tally.record("getDealFollowers", PLAIN, result);
    let result = deals
        .add_deal_follower(1201, AddFollowerRequest::new(8877))
        .send_with_response()
        .await;
    tally.record("addDealFollower", PLAIN, result);
    let result = deals
        .get_deal_followers_changelog(1201)
        .send_with_response()
        .await;
    tally.record("getDealFollowersChangelog", PLAIN, result);
    let result = deals
        .delete_deal_follower(1201, 8877)
        .send_with_response()
        .await;
    tally.record("deleteDealFollower", PLAIN, result);

    let result = deals
        .get_additional_discounts(1201)
        .send_with_response()
        .await;
    tally.record("getAdditionalDiscounts", PLAIN, result);
    let discount = NewDiscount::new(NewDiscountRequired {
        description: "Loyalty".to_owned(),
        amount: 5.0,
        r#type: DiscountType::Percentage,
    });
    let result = deals
        .post_additional_discount(1201, discount)
        .send_with_response()
        .await;
    tally.record("postAdditionalDiscount", PLAIN, result);
    let result = deals
        .update_additional_discount(1201, UUID, DiscountWrite::new().set_amount(7.5))
        .send_with_response()
        .await;
    tally.record("updateAdditionalDiscount", PLAIN, result);
    let result = deals
        .delete_additional_discount(1201, UUID)
        .send_with_response()
        .await;
    tally.record("deleteAdditionalDiscount", PLAIN, result);

    let result = deals.convert_deal_to_lead(1201).send_with_response().await;
    tally.record("convertDealToLead", PLAIN, result);
    let result = deals
        .get_deal_conversion_status(1201, UUID)
        .send_with_response()
        .await;
    tally.record("getDealConversionStatus", PLAIN, result);
}

async fn call_deal_product_operations(clients: &Clients, tally: &mut Tally) {
    let deal_products = clients.header.v2().deal_products();
    let result = deal_products
        .get_deals_products(vec![1201, 1202])
        .send_with_response()
        .await;
    tally.record("getDealsProducts", TWO_IDS, result);
    let result = deal_products
        .get_deal_products(1201)
        .send_with_response()
        .await;
    tally.record("getDealProducts", PLAIN, result);
    let result = deal_products
        .add_deal_product(1201, new_deal_product())
        .send_with_response()
        .await;
    tally.record("addDealProduct", PLAIN, result);
    let result = deal_products
        .add_many_deal_products(1201, NewDealProducts::new(vec![new_deal_product()]))
        .send_with_response()
        .await;
    tally.record("addManyDealProducts", PLAIN, result);
    let update = DealProductWrite::new()
        .set_quantity(3.0)
        .clear_product_variation_id();
    let result = deal_products
        .update_deal_product(1201, 7001, update)
        .send_with_response()
        .await;
    tally.record("updateDealProduct", CLEARING, result);
    let result = deal_products
        .delete_deal_product(1201, 7001)
        .send_with_response()
        .await;
    tally.record("deleteDealProduct", PLAIN, result);
    // Named IDs: without them the endpoint deletes every product of the deal.
    let result = deal_products
        .delete_many_deal_products(1201, vec![7001, 7002])
        .send_with_response()
        .await;
    tally.record("deleteManyDealProducts", TWO_IDS, result);
    let result = deal_products
        .delete_all_deal_products(1201)
        .send_with_response()
        .await;
    tally.record("deleteManyDealProducts", EVERY_PRODUCT, result);
}

fn new_deal_product() -> NewDealProduct {
    NewDealProduct::new(NewDealProductRequired {
        product_id: 41,
        item_price: 120.0,
        quantity: 2.0,
    })
}

async fn call_installment_operations(clients: &Clients, tally: &mut Tally) {
    let installments = clients.header.v2().deal_installments();
    let result = installments
        .get_installments(vec![1201, 1202])
        .send_with_response()
        .await;
    tally.record("getInstallments", TWO_IDS, result);
    let installment = NewInstallment::new(NewInstallmentRequired {
        description: "First half".to_owned(),
        amount: 2500.0,
        billing_date: date(2026, 9, 1),
    });
    let result = installments
        .post_installment(1201, installment)
        .send_with_response()
        .await;
    tally.record("postInstallment", PLAIN, result);
    let result = installments
        .update_installment(1201, 31, InstallmentWrite::new().set_amount(2600.0))
        .send_with_response()
        .await;
    tally.record("updateInstallment", PLAIN, result);
    let result = installments
        .delete_installment(1201, 31)
        .send_with_response()
        .await;
    tally.record("deleteInstallment", PLAIN, result);
}

async fn call_product_operations(clients: &Clients, tally: &mut Tally) {
    let products = clients.header.v2().products();
    let result = products.get_products().send_with_response().await;
    tally.record("getProducts", PLAIN, result);
    let body = NewProduct::new("Cold room panel")
        .set_code("CRP-1")
        .set_custom_fields(every_kind_of_custom_field());
    let result = products.add_product(body).send_with_response().await;
    tally.record("addProduct", CUSTOM_FIELDS, result);
    let result = products.search_products("panel").send_with_response().await;
    tally.record("searchProducts", PLAIN, result);
    let result = products.get_product(41).send_with_response().await;
    tally.record("getProduct", PLAIN, result);
    let update = ProductWrite::new().set_name("Cold room panel, insulated");
    let result = products
        .update_product(41, update)
        .send_with_response()
        .await;
    tally.record("updateProduct", PLAIN, result);
    let result = products.duplicate_product(41).send_with_response().await;
    tally.record("duplicateProduct", PLAIN, result);
    let result = products.delete_product(41).send_with_response().await;
    tally.record("deleteProduct", PLAIN, result);

    let result = products
        .get_product_followers(41)
        .send_with_response()
        .await;
    tally.record("getProductFollowers", PLAIN, result);
    let result = products
        .add_product_follower(41, AddFollowerRequest::new(8877))
        .send_with_response()
        .await;
    tally.record("addProductFollower", PLAIN, result);
    let result = products
        .get_product_followers_changelog(41)
        .send_with_response()
        .await;
    tally.record("getProductFollowersChangelog", PLAIN, result);
    let result = products
        .delete_product_follower(41, 8877)
        .send_with_response()
        .await;
    tally.record("deleteProductFollower", PLAIN, result);

    let result = products
        .get_product_variations(41)
        .send_with_response()
        .await;
    tally.record("getProductVariations", PLAIN, result);
    let result = products
        .add_product_variation(41, NewProductVariation::new("Blue"))
        .send_with_response()
        .await;
    tally.record("addProductVariation", PLAIN, result);
    let result = products
        .update_product_variation(41, 3, ProductVariationWrite::new().set_name("Navy"))
        .send_with_response()
        .await;
    tally.record("updateProductVariation", PLAIN, result);
    let result = products
        .delete_product_variation(41, 3)
        .send_with_response()
        .await;
    tally.record("deleteProductVariation", PLAIN, result);

    let result = products.get_product_image(41).send_with_response().await;
    tally.record("getProductImage", PLAIN, result);
    let result = products
        .upload_product_image(41, image())
        .send_with_response()
        .await;
    tally.record("uploadProductImage", PLAIN, result);
    let result = products
        .update_product_image(41, image())
        .send_with_response()
        .await;
    tally.record("updateProductImage", PLAIN, result);
    let result = products.delete_product_image(41).send_with_response().await;
    tally.record("deleteProductImage", PLAIN, result);
}

/// A product image as a multipart file part: the eight bytes of a PNG
/// signature are enough for the mock server.
fn image() -> ProductImageUpload {
    let png = FilePart::new(b"\x89PNG\r\n\x1a\n".to_vec())
        .file_name("panel.png")
        .content_type("image/png");
    ProductImageUpload::new(png)
}

async fn call_other_operations(clients: &Clients, tally: &mut Tally) {
    let v2 = clients.header.v2();
    let result = v2
        .activities()
        .get_activities()
        .deal_id(1201)
        .send_with_response()
        .await;
    tally.record("getActivities", PLAIN, result);
    let result = v2
        .persons()
        .get_persons()
        .deal_id(1201)
        .send_with_response()
        .await;
    tally.record("getPersons", PLAIN, result);
    let result = v2
        .deal_fields()
        .get_deal_fields()
        .send_with_response()
        .await;
    tally.record("getDealFields", PLAIN, result);
    let result = v2
        .product_fields()
        .get_product_fields()
        .send_with_response()
        .await;
    tally.record("getProductFields", PLAIN, result);
}
