//! Removing several products from a deal (v2 `deleteManyDealProducts`):
//! Pipedrive removes every product of the deal when `ids` is left out, so
//! `delete_many_deal_products` takes `ids` as an argument, and only the
//! explicit `delete_all_deal_products` sends the request without it.

use pipedrive::{Client, auth};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A `deleteManyDealProducts` answer naming the removed deal-products.
const REMOVED: &str = r#"{"success": true, "data": {"ids": [1, 2]}, "additional_data": {"more_items_in_collection": false}}"#;

/// A client of the mock server, which serves v2 at its root.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credential(auth::api_key("token"))
        .build()
        .unwrap_or_else(|error| panic!("the client should build: {error}"))
}

/// Answers `DELETE /deals/7/products` once, for requests that also match
/// `matcher`.
async fn expect_deletion(server: &MockServer, matcher: impl wiremock::Match + 'static) {
    Mock::given(method("DELETE"))
        .and(path("/deals/7/products"))
        .and(matcher)
        .respond_with(ResponseTemplate::new(200).set_body_raw(REMOVED, "application/json"))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn deleting_several_products_sends_their_ids_as_one_comma_separated_value() {
    let server = MockServer::start().await;
    expect_deletion(&server, query_param("ids", "1,2")).await;
    let removed = client(&server)
        .v2()
        .deal_products()
        .delete_many_deal_products(7, vec![1, 2])
        .send()
        .await
        .unwrap_or_else(|error| panic!("deleteManyDealProducts with ids: {error}"));
    assert_eq!(removed.data.and_then(|data| data.ids), Some(vec![1, 2]));
    server.verify().await;
}

#[tokio::test]
async fn only_the_explicit_call_deletes_every_product_of_the_deal() {
    let server = MockServer::start().await;
    // A request without `ids` matches nothing but this mock, and a request
    // with `ids` nothing but the other: each must be reached exactly once.
    expect_deletion(&server, query_param_is_missing("ids")).await;
    expect_deletion(&server, query_param("ids", "3")).await;
    let client = client(&server);
    let deal_products = client.v2().deal_products();
    deal_products
        .delete_all_deal_products(7)
        .send()
        .await
        .unwrap_or_else(|error| panic!("delete_all_deal_products: {error}"));
    deal_products
        .delete_many_deal_products(7, vec![3])
        .send()
        .await
        .unwrap_or_else(|error| panic!("delete_many_deal_products: {error}"));
    server.verify().await;
}
