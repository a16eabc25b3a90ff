//! Custom fields by name: definitions shaped as the official v2 spec's
//! `GET /dealFields` and `GET /productFields` examples, values in every shape
//! v2 sends, decoded into typed values keyed by field name; mismatched shapes,
//! unknown options, unknown keys and shared names are reported.

use chrono::{NaiveDate, NaiveTime};
use pipedrive::custom_fields::{
    CustomFieldError, DecodedFields, FieldCatalog, FieldChoice, TypedValue,
};
use pipedrive::v2::models::{CustomFieldAddress, CustomFieldValue, CustomFields, FieldDefinition};
use serde_json::{Value, json};

const PRIORITY: &str = "40characterhashforcustomfieldidentifier";
const CATEGORIES: &str = "40characterhashforcustomfieldcategories";
const BUDGET: &str = "9a8c1f0e2b3d4c5a6f7e8d9c0b1a2f3e4d5c6b7a";
const REGION_NOTE: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
const SEATS: &str = "aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00";
const SIGNED_ON: &str = "1234567890abcdef1234567890abcdef12345678";
const CONTRACT: &str = "fedcba0987654321fedcba0987654321fedcba09";
const CALL_AT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
const OFFICE_HOURS: &str = "b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d";
const SITE: &str = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
const ACCOUNT_MANAGER: &str = "d1d2d3d4d5d6d7d8d9d0e1e2e3e4e5e6e7e8e9e0";
const CHAMPION: &str = "e1e2e3e4e5e6e7e8e9e0f1f2f3f4f5f6f7f8f9f0";
const PARTNER: &str = "f1f2f3f4f5f6f7f8f9f0a1a2a3a4a5a6a7a8a9a0";
const FOLLOWS_DEAL: &str = "a0a1a2a3a4a5a6a7a8a9b0b1b2b3b4b5b6b7b8b9";
const HANDLE: &str = "b1b2b3b4b5b6b7b8b9b0c1c2c3c4c5c6c7c8c9c0";
const SIGNED_NDA: &str = "c1c2c3c4c5c6c7c8c9c0d1d2d3d4d5d6d7d8d9d0";

/// A definition as `GET /dealFields` returns it.
fn definition(name: &str, key: &str, field_type: &str, options: Value) -> Value {
    json!({
        "field_name": name,
        "field_code": key,
        "description": null,
        "field_type": field_type,
        "options": options,
        "subfields": null,
        "is_custom_field": true,
        "is_optional_response_field": false,
    })
}

/// The deal fields: the official spec's `getDealFields` example (a built-in
/// title, a built-in money value and the custom `enum` field "Priority"),
/// then one custom field of each other kind, in the same shape.
fn deal_fields() -> Vec<Value> {
    vec![
        json!({
            "field_name": "Deal Title", "field_code": "title",
            "description": "The title or name of the deal", "field_type": "varchar",
            "options": null, "subfields": null,
            "is_custom_field": false, "is_optional_response_field": false,
            "ui_visibility": {"add_visible_flag": true, "details_visible_flag": true},
        }),
        json!({
            "field_name": "Value", "field_code": "value",
            "description": "The monetary value of the deal", "field_type": "monetary",
            "options": null,
            "subfields": [
                {"field_code": "value", "field_name": "Amount of Value", "field_type": "double"},
                {"field_code": "currency", "field_name": "Currency of Value", "field_type": "varchar"},
            ],
            "is_custom_field": false, "is_optional_response_field": false,
        }),
        json!({
            "field_name": "Priority", "field_code": PRIORITY,
            "description": "Priority level for the deal", "field_type": "enum",
            "options": [
                {"id": 1, "label": "Low", "color": "green"},
                {"id": 2, "label": "Medium", "color": "yellow"},
                {"id": 3, "label": "High", "color": "red"},
            ],
            "subfields": null, "is_custom_field": true, "is_optional_response_field": false,
        }),
        definition(
            "Categories",
            CATEGORIES,
            "set",
            json!([
                {"id": 1, "label": "Software", "color": "blue"},
                {"id": 2, "label": "Hardware", "color": "green"},
                {"id": 3, "label": "Services", "color": "orange"},
            ]),
        ),
        definition("Budget", BUDGET, "monetary", Value::Null),
        definition("Region note", REGION_NOTE, "text", Value::Null),
        definition("Seats", SEATS, "double", Value::Null),
        definition("Signed on", SIGNED_ON, "date", Value::Null),
        definition("Contract period", CONTRACT, "daterange", Value::Null),
        definition("Call at", CALL_AT, "time", Value::Null),
        definition("Office hours", OFFICE_HOURS, "timerange", Value::Null),
        definition("Site", SITE, "address", Value::Null),
        definition("Account manager", ACCOUNT_MANAGER, "user", Value::Null),
        definition("Champion", CHAMPION, "people", Value::Null),
        definition("Partner", PARTNER, "org", Value::Null),
        definition("Follows deal", FOLLOWS_DEAL, "deal", Value::Null),
        definition("Handle", HANDLE, "json", Value::Null),
        definition("Signed NDA", SIGNED_NDA, "boolean", Value::Null),
    ]
}

fn catalog(definitions: Vec<Value>) -> FieldCatalog {
    let definitions: Vec<FieldDefinition> = definitions
        .into_iter()
        .map(
            |definition| match serde_json::from_value(definition.clone()) {
                Ok(decoded) => decoded,
                Err(error) => panic!("the definition {definition} does not decode: {error}"),
            },
        )
        .collect();
    FieldCatalog::new(definitions)
}

fn custom_fields(value: Value) -> CustomFields {
    match serde_json::from_value(value.clone()) {
        Ok(fields) => fields,
        Err(error) => panic!("the custom fields {value} do not decode: {error}"),
    }
}

/// Decodes `value` with the deal fields' catalog.
fn decode(value: Value) -> Result<DecodedFields, Vec<CustomFieldError>> {
    catalog(deal_fields())
        .decode(&custom_fields(value))
        .map_err(|errors| errors.0)
}

/// Decodes one field's value and checks the typed value it gives.
fn check(key: &str, value: Value, name: &str, expect: TypedValue) {
    let decoded = match decode(json!({ key: value.clone() })) {
        Ok(decoded) => decoded,
        Err(errors) => panic!("{value} of {name:?} did not decode: {errors:?}"),
    };
    assert_eq!(
        decoded.fields.get(name),
        Some(&Some(expect)),
        "{value} of {name:?}"
    );
    assert!(decoded.unknown.is_empty(), "{:?}", decoded.unknown);
}

fn choice(id: i64, label: &str) -> FieldChoice {
    FieldChoice {
        id,
        label: label.to_owned(),
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M:%S").expect("a test time")
}

#[test]
fn every_kind_of_value_is_typed_by_its_field_type() {
    check(
        PRIORITY,
        json!(3),
        "Priority",
        TypedValue::Option(choice(3, "High")),
    );
    check(
        PRIORITY,
        json!({"id": 2, "label": "Medium"}),
        "Priority",
        TypedValue::Option(choice(2, "Medium")),
    );
    check(
        CATEGORIES,
        json!([3, 1]),
        "Categories",
        TypedValue::Options(vec![choice(3, "Services"), choice(1, "Software")]),
    );
    check(
        CATEGORIES,
        json!([{"id": 2, "label": "Hardware"}]),
        "Categories",
        TypedValue::Options(vec![choice(2, "Hardware")]),
    );
    check(
        BUDGET,
        json!({"value": 25000.75, "currency": "EUR"}),
        "Budget",
        TypedValue::Money {
            value: 25000.75,
            currency: "EUR".to_owned(),
        },
    );
    check(
        REGION_NOTE,
        json!("Baltics, north"),
        "Region note",
        TypedValue::Text("Baltics, north".to_owned()),
    );
    check(SEATS, json!(12.5), "Seats", TypedValue::Number(12.5));
    check(
        SIGNED_ON,
        json!("2024-02-29"),
        "Signed on",
        TypedValue::Date(date("2024-02-29")),
    );
    check(
        CONTRACT,
        json!({"start": "2024-01-01", "end": "2024-12-31"}),
        "Contract period",
        TypedValue::DateRange {
            start: date("2024-01-01"),
            end: date("2024-12-31"),
        },
    );
    check(
        CALL_AT,
        json!("09:30:00"),
        "Call at",
        TypedValue::Time {
            value: time("09:30:00"),
            timezone_id: None,
        },
    );
    check(
        CALL_AT,
        json!({"value": "14:05:00", "timezone_id": 7}),
        "Call at",
        TypedValue::Time {
            value: time("14:05:00"),
            timezone_id: Some(7),
        },
    );
    check(
        OFFICE_HOURS,
        json!({"start": "08:00:00", "end": "17:30:00", "timezone_id": 7}),
        "Office hours",
        TypedValue::TimeRange {
            start: time("08:00:00"),
            end: time("17:30:00"),
            timezone_id: Some(7),
        },
    );
    check(
        SITE,
        json!({"value": "Narva mnt 5, Tallinn", "locality": "Tallinn", "country": "Estonia"}),
        "Site",
        TypedValue::Address(
            CustomFieldAddress::new("Narva mnt 5, Tallinn")
                .set_locality("Tallinn")
                .set_country("Estonia"),
        ),
    );
    check(
        SITE,
        json!({"value": "Narva mnt 5, Tallinn"}),
        "Site",
        TypedValue::Address(CustomFieldAddress::new("Narva mnt 5, Tallinn")),
    );
    check(
        ACCOUNT_MANAGER,
        json!(11),
        "Account manager",
        TypedValue::User(11),
    );
    check(CHAMPION, json!(401), "Champion", TypedValue::Person(401));
    check(PARTNER, json!(77), "Partner", TypedValue::Organization(77));
    check(FOLLOWS_DEAL, json!(5), "Follows deal", TypedValue::Deal(5));
    check(
        SIGNED_NDA,
        json!(true),
        "Signed NDA",
        TypedValue::Boolean(true),
    );
    check(
        SIGNED_NDA,
        json!(false),
        "Signed NDA",
        TypedValue::Boolean(false),
    );
}

#[test]
fn a_boolean_value_does_not_fail_the_deal_that_carries_it() {
    // `boolean` is one of the official field list's `field_type`s; before
    // `CustomFieldValue` had a boolean case, one such value failed the whole
    // deal, and so the whole page of a list.
    let deal: Result<pipedrive::v2::models::Deal, _> = serde_json::from_value(json!({
        "id": 7,
        "title": "Renewal",
        "custom_fields": { SIGNED_NDA: true, SEATS: 3.5 },
    }));
    let custom_fields = deal
        .ok()
        .and_then(|deal| deal.custom_fields)
        .map(|fields| serde_json::to_value(fields).ok());
    assert_eq!(
        custom_fields,
        Some(Some(json!({ SIGNED_NDA: true, SEATS: 3.5 })))
    );
    assert_eq!(
        decode(json!({ SIGNED_NDA: "yes" }))
            .err()
            .map(|errors| errors.len()),
        Some(1),
        "a string is not a boolean field's value"
    );
}

#[test]
fn a_kind_the_module_does_not_type_keeps_its_value() {
    let decoded = decode(json!({ HANDLE: "@acme" })).expect("decodes");
    match decoded.fields.get("Handle") {
        Some(Some(TypedValue::Other { field_type, value })) => {
            assert_eq!(field_type.as_str(), "json");
            assert_eq!(value, &CustomFieldValue::String("@acme".to_owned()));
        }
        other => panic!("expected the value as sent, got {other:?}"),
    }
}

#[test]
fn a_whole_deal_is_decoded_by_name_with_empty_fields_kept() {
    let decoded = decode(json!({
        PRIORITY: 1,
        BUDGET: {"value": 1200, "currency": "USD"},
        SIGNED_ON: null,
        CATEGORIES: null,
    }))
    .expect("decodes");
    let names: Vec<&str> = decoded.fields.keys().map(String::as_str).collect();
    assert_eq!(names, ["Budget", "Categories", "Priority", "Signed on"]);
    assert_eq!(decoded.fields["Signed on"], None);
    assert_eq!(decoded.fields["Categories"], None);
    assert_eq!(
        decoded.fields["Priority"],
        Some(TypedValue::Option(choice(1, "Low")))
    );
}

#[test]
fn a_value_that_does_not_fit_its_field_type_names_the_field_and_what_was_found() {
    let cases: [(&str, Value, &str, &str); 8] = [
        (BUDGET, json!(1200), "Budget", "a number, 1200"),
        (PRIORITY, json!("High"), "Priority", "a string, \"High\""),
        (CATEGORIES, json!(2), "Categories", "a number, 2"),
        (SEATS, json!("12"), "Seats", "a string, \"12\""),
        (
            SIGNED_ON,
            json!("29/02/2024"),
            "Signed on",
            "\"29/02/2024\", which is not a YYYY-MM-DD date",
        ),
        (
            CALL_AT,
            json!("half past nine"),
            "Call at",
            "\"half past nine\", which is not an HH:MM:SS time",
        ),
        (
            ACCOUNT_MANAGER,
            json!(11.5),
            "Account manager",
            "the number 11.5, which is not an ID",
        ),
        (SITE, json!([1, 2]), "Site", "a list of IDs, [1,2]"),
    ];
    for (key, value, name, found) in cases {
        let errors = decode(json!({ key: value.clone() })).expect_err("a mismatch");
        let [error] = errors.as_slice() else {
            panic!("one error for {value}, got {errors:?}");
        };
        let CustomFieldError::Mismatch {
            name: error_name,
            key: error_key,
            found: error_found,
            ..
        } = error
        else {
            panic!("a mismatch for {value}, got {error:?}");
        };
        assert_eq!((error_name.as_str(), error_key.as_str()), (name, key));
        assert!(error_found.contains(found), "{error_found:?} for {value}");
        let message = error.to_string();
        assert!(message.contains(name) && message.contains(key), "{message}");
    }
}

#[test]
fn every_problem_of_an_item_is_reported_together() {
    let errors = decode(json!({
        BUDGET: "lots",
        PRIORITY: 9,
        CATEGORIES: [1, 4],
        REGION_NOTE: "fine",
    }))
    .expect_err("three problems");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|error| matches!(
        error,
        CustomFieldError::UnknownOption { name, id: 9, .. } if name == "Priority"
    )));
    assert!(errors.iter().any(|error| matches!(
        error,
        CustomFieldError::UnknownOption { key, id: 4, .. } if key == CATEGORIES
    )));
    assert!(errors.iter().any(|error| matches!(
        error,
        CustomFieldError::Mismatch { name, .. } if name == "Budget"
    )));
}

#[test]
fn a_key_the_catalog_does_not_know_is_kept_with_its_value() {
    const NEW_FIELD: &str = "ffffffffffffffffffffffffffffffffffffffff";
    let decoded = decode(json!({ NEW_FIELD: [1, 2], SEATS: 3 })).expect("decodes");
    assert_eq!(decoded.fields["Seats"], Some(TypedValue::Number(3.0)));
    assert_eq!(
        decoded.unknown.get(NEW_FIELD),
        Some(&Some(CustomFieldValue::IntegerList(vec![1, 2])))
    );
    assert_eq!(decoded.fields.len() + decoded.unknown.len(), 2);
}

#[test]
fn two_fields_with_one_name_are_an_error_not_an_overwrite() {
    let mut definitions = deal_fields();
    definitions.push(definition(
        "Seats",
        "0000000000000000000000000000000000000001",
        "int",
        Value::Null,
    ));
    let errors = catalog(definitions)
        .decode(&custom_fields(json!({
            SEATS: 3,
            "0000000000000000000000000000000000000001": 4,
        })))
        .expect_err("a shared name");
    assert_eq!(
        errors.0,
        [CustomFieldError::DuplicateName {
            name: "Seats".to_owned(),
            first_key: "0000000000000000000000000000000000000001".to_owned(),
            second_key: SEATS.to_owned(),
        }]
    );
}

#[test]
fn product_fields_from_the_official_example_decode_a_product() {
    // The official spec's `getProductFields` example: a built-in name, a
    // custom money field "Price" and a custom `set` field "Categories".
    let catalog = catalog(vec![
        json!({
            "field_name": "Product Name", "field_code": "name", "field_type": "varchar",
            "options": null, "subfields": null,
            "is_custom_field": false, "is_optional_response_field": false,
        }),
        json!({
            "field_name": "Price", "field_code": PRIORITY, "field_type": "monetary",
            "options": null,
            "subfields": [
                {"field_code": "value", "field_name": "Amount of Price", "field_type": "double"},
                {"field_code": "currency", "field_name": "Currency of Price", "field_type": "varchar"},
            ],
            "is_custom_field": true, "is_optional_response_field": false,
        }),
        json!({
            "field_name": "Categories", "field_code": CATEGORIES, "field_type": "set",
            "options": [
                {"id": 1, "label": "Software", "color": "blue"},
                {"id": 2, "label": "Hardware", "color": "green"},
                {"id": 3, "label": "Services", "color": "orange"},
            ],
            "subfields": null, "is_custom_field": true, "is_optional_response_field": false,
        }),
    ]);
    assert_eq!(catalog.len(), 3);
    let decoded = catalog
        .decode(&custom_fields(json!({
            PRIORITY: {"value": 49.9, "currency": "EUR"},
            CATEGORIES: [1, 3],
        })))
        .expect("decodes");
    assert_eq!(
        decoded.fields["Price"],
        Some(TypedValue::Money {
            value: 49.9,
            currency: "EUR".to_owned()
        })
    );
    assert_eq!(
        decoded.fields["Categories"],
        Some(TypedValue::Options(vec![
            choice(1, "Software"),
            choice(3, "Services")
        ]))
    );
}

#[tokio::test]
async fn the_catalog_is_fetched_across_every_page_of_field_definitions() {
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let mock = MockServer::start().await;
    let fields = deal_fields();
    let (first, second) = fields.split_at(3);
    let page = |data: &[Value], next_cursor: Value| {
        ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "data": data,
            "additional_data": {"next_cursor": next_cursor},
        }))
    };
    Mock::given(method("GET"))
        .and(path("/dealFields"))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(first, json!("bmV4dA")))
        .expect(1)
        .mount(&mock)
        .await;
    Mock::given(method("GET"))
        .and(path("/dealFields"))
        .and(query_param("cursor", "bmV4dA"))
        .respond_with(page(second, Value::Null))
        .expect(1)
        .mount(&mock)
        .await;
    let client = pipedrive::Client::builder()
        .base_url(mock.uri())
        .credential(pipedrive::auth::api_key("test-token"))
        .build()
        .expect("a client");

    let catalog = FieldCatalog::fetch_deal_fields(&client)
        .await
        .expect("the definitions");
    assert_eq!(catalog.len(), fields.len());
    assert_eq!(
        catalog
            .get(FOLLOWS_DEAL)
            .map(|field| field.field_name.as_str()),
        Some("Follows deal")
    );
    let decoded = catalog
        .decode(&custom_fields(json!({ PRIORITY: 2, FOLLOWS_DEAL: 5 })))
        .expect("decodes");
    assert_eq!(
        decoded.fields["Priority"],
        Some(TypedValue::Option(choice(2, "Medium")))
    );
    assert_eq!(decoded.fields["Follows deal"], Some(TypedValue::Deal(5)));
}
