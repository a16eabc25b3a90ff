//! Calls every operation tagged `Products` through the generated client: every
//! optional parameter in at least one call and every body field in at least
//! one body, custom fields included.

use pipedrive::models::{
    AddProductFollowerRequest, AddProductRequestBody, BillingFrequency, DealStatusFilterParameter,
    NumberBoolean, NumberBooleanDefault1, ProductRequest, ProductRequestActiveFlag,
    ProductRequestPricesItem, ProductRequestPricesItemRequired, ProductRequestSelectable,
    SearchProductsFieldsItem, SearchProductsIncludeFields, VisibleTo,
};

use super::deal_calls::custom_fields;
use super::tally::{Clients, Tally};

const PRODUCT_ID: i64 = 41;
const USER_ID: i64 = 8877;

fn add_product_body_with_every_field() -> AddProductRequestBody {
    AddProductRequestBody::new("Pallet racking bay")
        .set_code("PRB-240")
        .set_description("Steel bay, 2.4 m, three beam levels")
        .set_unit("bay")
        .set_tax(20.0)
        .set_active_flag(ProductRequestActiveFlag::Boolean(true))
        .set_selectable(ProductRequestSelectable::NumberBooleanDefault1(
            NumberBooleanDefault1::V1,
        ))
        .set_visible_to(VisibleTo::V5)
        .set_owner_id(USER_ID)
        .set_prices(vec![
            ProductRequestPricesItem::new(ProductRequestPricesItemRequired {
                currency: "EUR".to_owned(),
                price: 149.9,
            })
            .set_cost(96.0)
            .set_overhead_cost(8.5)
            .set_notes("List price"),
            ProductRequestPricesItem::new(ProductRequestPricesItemRequired {
                currency: "USD".to_owned(),
                price: 162.0,
            }),
        ])
        .set_billing_frequency(BillingFrequency::Annually)
        .set_billing_frequency_cycles(3)
        .set_additional_properties(custom_fields())
}

fn product_request_with_every_field() -> ProductRequest {
    ProductRequest::new()
        .set_name("Pallet racking bay, galvanised")
        .set_code("PRB-240G")
        .set_description("Galvanised for cold stores")
        .set_unit("bay")
        .set_tax(9.0)
        .set_active_flag(ProductRequestActiveFlag::NumberBooleanDefault1(
            NumberBooleanDefault1::V0,
        ))
        .set_selectable(ProductRequestSelectable::Boolean(false))
        .set_visible_to(VisibleTo::V1)
        .set_owner_id(USER_ID)
        .set_prices(vec![
            ProductRequestPricesItem::new(ProductRequestPricesItemRequired {
                currency: "EUR".to_owned(),
                price: 171.0,
            })
            .set_cost(110.0)
            .set_overhead_cost(9.0)
            .set_notes("Raised in June"),
        ])
        .set_billing_frequency(BillingFrequency::OneTime)
        .clear_billing_frequency_cycles()
        .set_additional_properties(custom_fields())
}

/// Calls every `Products` operation at least once.
#[allow(
    deprecated,
    reason = "findProductsByName is deprecated and still part of the contract"
)]
pub async fn call_every_product_operation(clients: &Clients, tally: &mut Tally) {
    let products = clients.header.v1().products();

    let result = products.get_products().send_with_response().await;
    tally.record("getProducts", "no parameters", result);
    let result = products
        .get_products()
        .user_id(USER_ID)
        .filter_id(4)
        .ids(vec![PRODUCT_ID, 42])
        .first_char("p")
        .get_summary(true)
        .start(0)
        .limit(2)
        .send_with_response()
        .await;
    tally.record("getProducts", "every parameter", result);

    let result = products
        .add_product(add_product_body_with_every_field())
        .send_with_response()
        .await;
    tally.record("addProduct", "every field", result);
    let name_only = AddProductRequestBody::new("Shelf label");
    let result = products.add_product(name_only).send_with_response().await;
    tally.record("addProduct", "name only", result);

    let result = products
        .find_products_by_name("rack")
        .send_with_response()
        .await;
    tally.record("findProductsByName", "term only", result);
    let result = products
        .find_products_by_name("rack")
        .currency("EUR")
        .start(0)
        .limit(20)
        .send_with_response()
        .await;
    tally.record("findProductsByName", "every parameter", result);

    let result = products.search_products("rack").send_with_response().await;
    tally.record("searchProducts", "term only", result);
    let result = products
        .search_products("PRB")
        .fields(vec![
            SearchProductsFieldsItem::Code,
            SearchProductsFieldsItem::CustomFields,
            SearchProductsFieldsItem::Name,
        ])
        .exact_match(false)
        .include_fields(SearchProductsIncludeFields::ProductPrice)
        .start(0)
        .limit(5)
        .send_with_response()
        .await;
    tally.record("searchProducts", "every parameter", result);

    let result = clients
        .bearer
        .v1()
        .products()
        .get_product(PRODUCT_ID)
        .send_with_response()
        .await;
    tally.record("getProduct", "OAuth bearer token", result);

    let result = products
        .update_product(PRODUCT_ID, product_request_with_every_field())
        .send_with_response()
        .await;
    tally.record("updateProduct", "every field", result);

    let result = products
        .delete_product(PRODUCT_ID)
        .send_with_response()
        .await;
    tally.record("deleteProduct", "one id", result);

    let result = products
        .get_product_deals(PRODUCT_ID)
        .start(0)
        .limit(100)
        .status(DealStatusFilterParameter::AllNotDeleted)
        .send_with_response()
        .await;
    tally.record("getProductDeals", "every parameter", result);

    let result = products
        .get_product_files(PRODUCT_ID)
        .start(0)
        .limit(10)
        .include_deleted_files(NumberBoolean::V0)
        .sort("id ASC")
        .send_with_response()
        .await;
    tally.record("getProductFiles", "every parameter", result);

    let result = products
        .get_product_followers(PRODUCT_ID)
        .start(0)
        .limit(10)
        .send_with_response()
        .await;
    tally.record("getProductFollowers", "every parameter", result);

    let result = products
        .add_product_follower(PRODUCT_ID, AddProductFollowerRequest::new(USER_ID))
        .send_with_response()
        .await;
    tally.record("addProductFollower", "one user", result);

    let result = products
        .delete_product_follower(PRODUCT_ID, 9)
        .send_with_response()
        .await;
    tally.record("deleteProductFollower", "two ids", result);

    let result = products
        .get_product_users(PRODUCT_ID)
        .send_with_response()
        .await;
    tally.record("getProductUsers", "one id", result);
}
