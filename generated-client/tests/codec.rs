//! The generator writes the models' `Serialize` and `Deserialize` impls
//! itself (see `runtime::codec`); these tests pin their wire behaviour on the
//! generated Pipedrive models: required and optional keys, `null` against
//! absent, undeclared keys, string enums, and untagged unions.

use pipedrive::models::{
    BasicDeal, DealStatus, DealStrict, DealStrictRequired, NewDeal, NewDealProduct,
    NewDealProductRequired, PersonReference,
};
use pipedrive::runtime::types::Clearable;
use serde_json::{Value, json};

#[test]
fn a_missing_required_key_names_the_field_and_its_path() {
    let body = br#"{"data": [{"id": 1, "title": "A"}, {"id": 2}]}"#;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let error = serde_path_to_error::deserialize::<_, Envelope>(&mut deserializer)
        .expect_err("the second deal has no title");
    assert_eq!(error.path().to_string(), "data[1]");
    assert!(
        error.inner().to_string().contains("missing field `title`"),
        "{error}"
    );
}

#[test]
fn a_wrongly_typed_value_reports_the_path_to_it() {
    let body = br#"{"data": [{"id": 1, "title": "A", "active": "yes"}]}"#;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let error = serde_path_to_error::deserialize::<_, Envelope>(&mut deserializer)
        .expect_err("`active` is a boolean");
    assert_eq!(error.path().to_string(), "data[0].active");
}

/// A list response's shape, to decode deals inside an array.
#[derive(Debug, serde::Deserialize)]
struct Envelope {
    #[allow(dead_code)]
    data: Vec<DealStrict>,
}

#[test]
fn absent_optional_fields_are_not_written_and_required_ones_are() {
    let deal = DealStrict::new(DealStrictRequired {
        id: 7,
        title: "Cold store".to_owned(),
    });
    let written = serde_json::to_value(&deal).unwrap();
    assert_eq!(written, json!({"id": 7, "title": "Cold store"}));
}

#[test]
fn undeclared_keys_are_kept_in_order_and_written_after_the_declared_ones() {
    let wire = json!({
        "zeta_custom": 1,
        "id": 3,
        "alpha_custom": {"nested": [1, 2]},
        "title": "T"
    });
    let deal: DealStrict = serde_json::from_value(wire).unwrap();
    let keys: Vec<&String> = deal.additional_properties.keys().collect();
    assert_eq!(keys, ["zeta_custom", "alpha_custom"]);
    let written = serde_json::to_string(&deal).unwrap();
    assert_eq!(
        written,
        r#"{"id":3,"title":"T","zeta_custom":1,"alpha_custom":{"nested":[1,2]}}"#
    );
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    let deal: DealStrict =
        serde_json::from_str(r#"{"id": 1, "title": "first", "title": "second"}"#).unwrap();
    assert_eq!(deal.title, "second");
}

#[test]
fn null_and_absent_are_told_apart_where_null_clears_a_value() {
    let cleared: NewDealProduct = serde_json::from_value(
        json!({"item_price": 1.5, "quantity": 2, "product_id": 9, "product_variation_id": null}),
    )
    .unwrap();
    assert_eq!(cleared.product_variation_id, Clearable::Null);
    let absent: NewDealProduct =
        serde_json::from_value(json!({"item_price": 1.5, "quantity": 2, "product_id": 9})).unwrap();
    assert_eq!(absent.product_variation_id, Clearable::Absent);

    let mut product = NewDealProduct::new(NewDealProductRequired {
        item_price: 1.5,
        quantity: 2.0,
        product_id: 9,
    });
    assert!(
        serde_json::to_value(&product)
            .unwrap()
            .get("product_variation_id")
            .is_none()
    );
    product.product_variation_id = Clearable::Null;
    assert_eq!(
        serde_json::to_value(&product).unwrap()["product_variation_id"],
        Value::Null
    );
    product.product_variation_id = 4.into();
    assert_eq!(
        serde_json::to_value(&product).unwrap()["product_variation_id"],
        4
    );
}

#[test]
fn constructors_take_the_required_fields_and_setters_the_rest() {
    // One required field: `new` takes it, strings as `impl Into<String>`.
    let deal = NewDeal::new("Cold store")
        .set_currency("EUR")
        .set_user_id(7)
        .set_org_id(52)
        .clear_person_id();
    assert_eq!(
        serde_json::to_value(&deal).unwrap(),
        json!({"title": "Cold store", "currency": "EUR", "user_id": 7, "person_id": null, "org_id": 52})
    );
    // Several: by name, so the two `f64`s cannot trade places.
    let product = NewDealProduct::new(NewDealProductRequired {
        product_id: 9,
        quantity: 2.0,
        item_price: 1.5,
    })
    .set_comments("Two seats")
    .set_quantity(3.0);
    assert_eq!(
        serde_json::to_value(&product).unwrap(),
        json!({"item_price": 1.5, "quantity": 3.0, "comments": "Two seats", "product_id": 9})
    );
    // None: `new()`, the same as `Default::default()`.
    assert_eq!(BasicDeal::new(), BasicDeal::default());
    assert_eq!(
        serde_json::to_value(BasicDeal::new().clear_expected_close_date()).unwrap(),
        json!({"expected_close_date": null})
    );
}

#[test]
fn string_enums_convert_from_and_to_their_wire_text() {
    assert_eq!(DealStatus::from("won"), DealStatus::Won);
    assert_eq!(DealStatus::Won.as_str(), "won");
    assert_eq!(DealStatus::Lost.to_string(), "lost");
    let unknown = DealStatus::from("archived");
    assert_eq!(unknown, DealStatus::from("archived"));
    assert_eq!(unknown.as_str(), "archived");
    assert_eq!(serde_json::to_value(&unknown).unwrap(), "archived");
    let error = serde_json::from_value::<DealStatus>(json!(3)).unwrap_err();
    assert!(error.to_string().contains("expected a string"), "{error}");
}

#[test]
fn an_untagged_union_that_matches_nothing_says_why_each_variant_failed() {
    let error = serde_json::from_value::<PersonReference>(json!("Ann")).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("`PersonReference`"), "{message}");
    assert!(
        message.contains("DealPersonDataWithId: invalid type"),
        "{message}"
    );
    assert!(message.contains("Integer: invalid type"), "{message}");
    let person: PersonReference = serde_json::from_value(json!(12)).unwrap();
    assert_eq!(person, PersonReference::Integer(12));
    assert_eq!(serde_json::to_value(&person).unwrap(), 12);
}

#[test]
fn an_object_is_required_where_the_schema_is_an_object() {
    let error = serde_json::from_value::<DealStrict>(json!([1, 2])).unwrap_err();
    assert!(
        error.to_string().contains("a `DealStrict` object"),
        "{error}"
    );
}
