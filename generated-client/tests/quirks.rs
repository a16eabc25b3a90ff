//! Pipedrive's quirky wire types, decoded through the generated models
//! without losing information. The custom-field round trip through the
//! generated client is in `writes.rs`.

use pipedrive::models::{
    DealNonStrict, DealStatus, GetDealsSummaryData, NumberBoolean, NumberBooleanOrBoolean,
    UserReference, VisibleTo, VisibleToAnyForm, VisibleToNumber,
};
use pipedrive::runtime::types::DateTimeFormat;
use serde_json::{Value, json};

/// A custom field key (40 hex characters) and its money sibling.
const CUSTOM_TEXT: &str = "d4de1c1518b4531717c676029a45911c340390a6";
const CUSTOM_MONEY: &str = "9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f";
const CUSTOM_MONEY_CURRENCY: &str = "9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f_currency";

/// A deal as the non-strict endpoints send it, with `overrides` applied.
fn deal(overrides: Value) -> Value {
    let mut deal = json!({
        "id": 1201,
        "title": "North Pier cold store",
        "value": 12500,
        "currency": "EUR",
        "status": "open",
        "visible_to": "3",
        "add_time": "2024-01-31 12:30:00",
        "lost_time": "",
        "close_time": null,
        "user_id": {"id": 8877, "name": "Rasmus Oja", "has_pic": 0, "active_flag": true, "value": 8877},
        "person_id": null,
        "org_id": 52,
        CUSTOM_TEXT: "Premium",
        CUSTOM_MONEY: 2500.5,
        CUSTOM_MONEY_CURRENCY: "EUR",
        "0123456789abcdef0123456789abcdef01234567": {"id": 3, "label": "Nested option"}
    });
    if let (Some(deal), Some(overrides)) = (deal.as_object_mut(), overrides.as_object()) {
        for (key, value) in overrides {
            deal.insert(key.clone(), value.clone());
        }
    }
    deal
}

fn decode(value: Value) -> DealNonStrict {
    serde_json::from_value(value)
        .unwrap_or_else(|error| panic!("the deal does not decode: {error}"))
}

#[test]
fn linked_ids_read_the_same_from_the_object_and_the_integer_form() {
    let deal = decode(deal(json!({})));
    assert_eq!(deal.user_id.as_ref().map(UserReference::id), Some(8877));
    assert!(matches!(
        deal.user_id,
        Some(UserReference::DealUserDataWithId(_))
    ));
    assert_eq!(deal.org_id.as_ref().map(|org| org.id()), Some(52));
    assert_eq!(deal.person_id, None, "null means the deal has no person");

    let strict_form = decode(self::deal(json!({"user_id": 8877})));
    assert_eq!(
        strict_form.user_id.as_ref().map(UserReference::id),
        Some(8877)
    );
    assert_eq!(strict_form.user_id, Some(UserReference::Integer(8877)));
}

#[test]
fn visible_to_reads_as_a_string_or_a_number() {
    let as_string: VisibleToAnyForm = serde_json::from_value(json!("3")).unwrap();
    assert_eq!(as_string, VisibleToAnyForm::VisibleTo(VisibleTo::V3));
    let as_number: VisibleToAnyForm = serde_json::from_value(json!(3)).unwrap();
    assert_eq!(
        as_number,
        VisibleToAnyForm::VisibleToNumber(VisibleToNumber::V3)
    );
    // Each form is written back as it came.
    assert_eq!(serde_json::to_value(&as_string).unwrap(), json!("3"));
    assert_eq!(serde_json::to_value(&as_number).unwrap(), json!(3));
}

#[test]
fn flags_read_as_numbers_or_booleans_and_write_back_unchanged() {
    for (wire, expected) in [
        (
            json!(0),
            NumberBooleanOrBoolean::NumberBoolean(NumberBoolean::V0),
        ),
        (
            json!(1),
            NumberBooleanOrBoolean::NumberBoolean(NumberBoolean::V1),
        ),
        (json!(true), NumberBooleanOrBoolean::Boolean(true)),
        (json!(false), NumberBooleanOrBoolean::Boolean(false)),
    ] {
        let flag: NumberBooleanOrBoolean = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(flag, expected, "{wire}");
        assert_eq!(serde_json::to_value(&flag).unwrap(), wire);
    }
}

#[test]
fn unknown_enum_values_are_kept() {
    let deal = decode(deal(json!({"status": "archived", "visible_to": "9"})));
    assert_eq!(deal.status, Some(DealStatus::from("archived")));
    let written = serde_json::to_value(&deal).unwrap();
    assert_eq!(written["status"], "archived");
    assert_eq!(written["visible_to"], "9");
}

#[test]
fn pipedrive_dates_are_typed_and_written_back_in_their_own_format() {
    let deal = decode(deal(json!({})));
    let add_time = deal.add_time.as_ref().expect("add_time is set");
    assert_eq!(add_time.format(), DateTimeFormat::SpaceSeparated);
    assert_eq!(add_time.to_string(), "2024-01-31 12:30:00");
    assert_eq!(deal.lost_time, None, "an empty string means no value");
    let written = serde_json::to_value(&deal).unwrap();
    assert_eq!(written["add_time"], "2024-01-31 12:30:00");
}

#[test]
fn counts_sent_as_strings_read_as_numbers() {
    let summary: GetDealsSummaryData =
        serde_json::from_value(json!({"total_count": "3", "values_total": {}}))
            .unwrap_or_else(|error| panic!("the summary does not decode: {error}"));
    assert_eq!(summary.total_count, Some(3));
}

#[test]
fn custom_fields_have_typed_accessors() {
    let deal = decode(deal(json!({})));
    let custom = &deal.additional_properties;
    assert_eq!(custom.get_str(CUSTOM_TEXT), Some("Premium"));
    assert_eq!(custom.get_f64(CUSTOM_MONEY), Some(2500.5));
    assert_eq!(custom.get_str(CUSTOM_MONEY_CURRENCY), Some("EUR"));
    assert_eq!(custom.get_str("not-a-field"), None);
}
