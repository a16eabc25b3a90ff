//! Calls every operation tagged `Products` through the generated client: every
//! optional parameter in at least one call and every body field in at least
//! one body, custom fields included.

use pipedrive::models::{
    AddProductFollowerRequest, AddProductRequestBody, BillingFrequency, GetDealsStatus,
    NumberBoolean, NumberBooleanDefault1, ProductRequest, ProductRequestActiveFlag,
    ProductRequestPricesItem, ProductRequestSelectable, SearchProductsFieldsItem,
    SearchProductsIncludeFields, VisibleTo,
};
use pipedrive::runtime::types::{Clearable, ExtraFields};

use super::deal_calls::custom_fields;
use super::tally::{Clients, Tally};

const PRODUCT_ID: i64 = 41;
const USER_ID: i64 = 8877;

fn add_product_body_with_every_field() -> AddProductRequestBody {
    AddProductRequestBody {
        name: "Pallet racking bay".to_owned(),
        code: Some("PRB-240".to_owned()),
        description: Some("Steel bay, 2.4 m, three beam levels".to_owned()),
        unit: Some("bay".to_owned()),
        tax: Some(20.0),
        active_flag: Some(ProductRequestActiveFlag::Boolean(true)),
        selectable: Some(ProductRequestSelectable::NumberBooleanDefault1(
            NumberBooleanDefault1::V1,
        )),
        visible_to: Some(VisibleTo::V5),
        owner_id: Some(USER_ID),
        prices: Some(vec![
            ProductRequestPricesItem {
                currency: "EUR".to_owned(),
                price: 149.9,
                cost: Some(96.0),
                overhead_cost: Some(8.5),
                notes: Some("List price".to_owned()),
            },
            ProductRequestPricesItem {
                currency: "USD".to_owned(),
                price: 162.0,
                cost: None,
                overhead_cost: None,
                notes: None,
            },
        ]),
        billing_frequency: Some(BillingFrequency::Annually),
        billing_frequency_cycles: Clearable::Value(3),
        additional_properties: custom_fields(),
    }
}

fn product_request_with_every_field() -> ProductRequest {
    ProductRequest {
        name: Some("Pallet racking bay, galvanised".to_owned()),
        code: Some("PRB-240G".to_owned()),
        description: Some("Galvanised for cold stores".to_owned()),
        unit: Some("bay".to_owned()),
        tax: Some(9.0),
        active_flag: Some(ProductRequestActiveFlag::NumberBooleanDefault1(
            NumberBooleanDefault1::V0,
        )),
        selectable: Some(ProductRequestSelectable::Boolean(false)),
        visible_to: Some(VisibleTo::V1),
        owner_id: Some(USER_ID),
        prices: Some(vec![ProductRequestPricesItem {
            currency: "EUR".to_owned(),
            price: 171.0,
            cost: Some(110.0),
            overhead_cost: Some(9.0),
            notes: Some("Raised in June".to_owned()),
        }]),
        billing_frequency: Some(BillingFrequency::OneTime),
        billing_frequency_cycles: Clearable::Null,
        additional_properties: custom_fields(),
    }
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
    let name_only = AddProductRequestBody {
        name: "Shelf label".to_owned(),
        code: None,
        description: None,
        unit: None,
        tax: None,
        active_flag: None,
        selectable: None,
        visible_to: None,
        owner_id: None,
        prices: None,
        billing_frequency: None,
        billing_frequency_cycles: Clearable::Absent,
        additional_properties: ExtraFields::new(),
    };
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
        .status(GetDealsStatus::AllNotDeleted)
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
        .add_product_follower(PRODUCT_ID, AddProductFollowerRequest { user_id: USER_ID })
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
