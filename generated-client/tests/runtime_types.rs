//! The lenient types and serde helpers: custom fields kept through a round
//! trip, dates in both formats, flags, numbers as strings, absent vs null.

use pipedrive::runtime::types::{Date, DateTime, DateTimeFormat, ExtraFields, Flag};
use serde_json::{Value, json};

const BUDGET_KEY: &str = "9a8c1f0e2b3d4c5a6f7e8d9c0b1a2f3e4d5c6b7a";
const BUDGET_CURRENCY_KEY: &str = "9a8c1f0e2b3d4c5a6f7e8d9c0b1a2f3e4d5c6b7a_currency";
const REGION_KEY: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
const SIGNED_KEY: &str = "aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00";
const ADDRESS_KEY: &str = "1234567890abcdef1234567890abcdef12345678";
const EMPTY_KEY: &str = "fedcba0987654321fedcba0987654321fedcba09";

/// A deal as an API with custom fields sends it: standard fields, then
/// custom-field keys that the schema does not name.
fn deal_json() -> String {
    format!(
        r#"{{"id":42,"title":"Fleet renewal","value":1500.5,"currency":"EUR","add_time":"2024-03-01 09:15:00","lost_time":"","expected_close_date":"2024-06-30","products_count":"3","active":1,"{BUDGET_KEY}":25000.75,"{BUDGET_CURRENCY_KEY}":"EUR","{REGION_KEY}":"17","{SIGNED_KEY}":"2024-02-29","{ADDRESS_KEY}":{{"value":"Narva mnt 5, Tallinn","locality":"Tallinn"}},"{EMPTY_KEY}":null}}"#
    )
}

#[derive(Debug, serde::Deserialize, serde::Serialize)]
struct Deal {
    id: i64,
    title: String,
    value: f64,
    currency: String,
    add_time: DateTime,
    #[serde(default, with = "pipedrive::runtime::serde::empty_string_as_none")]
    lost_time: Option<DateTime>,
    expected_close_date: Option<Date>,
    #[serde(with = "pipedrive::runtime::serde::number_or_string")]
    products_count: u64,
    active: Flag,
    #[serde(flatten)]
    extra: ExtraFields,
}

fn decode_deal(text: &str) -> Deal {
    match serde_json::from_str(text) {
        Ok(deal) => deal,
        Err(error) => panic!("the deal should decode: {error}"),
    }
}

#[test]
fn custom_fields_survive_a_read_modify_write_round_trip() {
    let original = deal_json();
    let mut deal = decode_deal(&original);

    deal.title = "Fleet renewal (signed)".to_owned();
    let written = serde_json::to_string(&deal).unwrap_or_default();

    let original_value: Value = serde_json::from_str(&original).unwrap_or_default();
    let written_value: Value = serde_json::from_str(&written).unwrap_or_default();
    let custom_keys = [
        BUDGET_KEY,
        BUDGET_CURRENCY_KEY,
        REGION_KEY,
        SIGNED_KEY,
        ADDRESS_KEY,
        EMPTY_KEY,
    ];
    for key in custom_keys {
        assert_eq!(written_value.get(key), original_value.get(key), "{key}");
        let original_text = format!("\"{key}\":{}", original_value[key]);
        assert!(
            written.contains(&original_text),
            "{original_text} not byte-identical in {written}"
        );
    }
    let written_custom_keys: Vec<&str> = deal.extra.keys().map(String::as_str).collect();
    assert_eq!(
        written_custom_keys, custom_keys,
        "custom fields keep their order"
    );
    assert_eq!(written_value["title"], "Fleet renewal (signed)");
    assert_eq!(written_value["add_time"], "2024-03-01 09:15:00");
    assert_eq!(written_value["active"], 1);
}

#[test]
fn custom_fields_have_typed_accessors() {
    let mut deal = decode_deal(&deal_json());

    assert_eq!(deal.extra.get_f64(BUDGET_KEY), Some(25000.75));
    assert_eq!(deal.extra.get_str(BUDGET_CURRENCY_KEY), Some("EUR"));
    assert_eq!(deal.extra.get_i64(REGION_KEY), Some(17));
    assert_eq!(deal.extra.get_date(SIGNED_KEY), Date::from_ymd(2024, 2, 29));
    assert_eq!(deal.extra.get_str(EMPTY_KEY), None);
    assert_eq!(deal.extra.get_bool("missing"), None);
    assert_eq!(
        deal.extra
            .get(ADDRESS_KEY)
            .and_then(|address| address.get("locality")),
        Some(&json!("Tallinn"))
    );

    let previous = deal.extra.set(REGION_KEY, 18);
    deal.extra.set(
        "new_custom_field",
        Date::from_ymd(2025, 1, 2)
            .map(Value::from)
            .unwrap_or_default(),
    );

    assert_eq!(previous, Some(json!("17")));
    let written = serde_json::to_string(&deal).unwrap_or_default();
    assert!(
        written.contains(&format!("\"{REGION_KEY}\":18,\"{SIGNED_KEY}\"")),
        "{written}"
    );
    assert!(
        written.ends_with(",\"new_custom_field\":\"2025-01-02\"}"),
        "{written}"
    );
}

#[test]
fn quirky_standard_fields_decode() {
    let deal = decode_deal(&deal_json());

    assert_eq!(deal.lost_time, None);
    assert_eq!(deal.products_count, 3);
    assert!(deal.active.value());
    assert_eq!(
        deal.expected_close_date
            .map(|date| date.to_string())
            .as_deref(),
        Some("2024-06-30")
    );
    assert_eq!(deal.add_time.format(), DateTimeFormat::SpaceSeparated);
    assert_eq!(
        deal.add_time.as_utc().to_rfc3339(),
        "2024-03-01T09:15:00+00:00"
    );
    assert_eq!(
        (deal.id, deal.value, deal.currency.as_str()),
        (42, 1500.5, "EUR")
    );
}

/// Parses a date-time and checks its instant, format and the text written back.
fn check_date_time(text: &str, expected_utc: &str, expected_format: DateTimeFormat) {
    let parsed: DateTime = match text.parse() {
        Ok(parsed) => parsed,
        Err(error) => panic!("{text}: {error}"),
    };
    assert_eq!(parsed.as_utc().to_rfc3339(), expected_utc, "{text}");
    assert_eq!(parsed.format(), expected_format, "{text}");
    assert_eq!(
        serde_json::to_value(&parsed).ok(),
        Some(json!(text)),
        "{text}"
    );
    let decoded: Option<DateTime> = serde_json::from_value(json!(text)).ok();
    assert_eq!(
        decoded.map(|decoded| decoded.to_string()).as_deref(),
        Some(text)
    );
}

#[test]
fn date_times_round_trip_in_the_format_they_were_read_in() {
    check_date_time(
        "2024-01-31 12:30:00",
        "2024-01-31T12:30:00+00:00",
        DateTimeFormat::SpaceSeparated,
    );
    check_date_time(
        "2024-01-31T12:30:00Z",
        "2024-01-31T12:30:00+00:00",
        DateTimeFormat::Rfc3339,
    );
    check_date_time(
        "2024-01-31T14:30:00+02:00",
        "2024-01-31T12:30:00+00:00",
        DateTimeFormat::Rfc3339,
    );
    check_date_time(
        "2024-01-31T12:30:00.250Z",
        "2024-01-31T12:30:00.250+00:00",
        DateTimeFormat::Rfc3339,
    );
    check_date_time(
        "2024-01-31T07:00:00.123456789-05:30",
        "2024-01-31T12:30:00.123456789+00:00",
        DateTimeFormat::Rfc3339,
    );
    // Fraction digits are written back as they came, trailing zeros included.
    check_date_time(
        "2024-01-31T12:30:00.500000+00:00",
        "2024-01-31T12:30:00.500+00:00",
        DateTimeFormat::Rfc3339,
    );
}

#[test]
fn date_times_with_an_offset_without_a_colon_round_trip() {
    // Jira's wire format.
    check_date_time(
        "2023-04-21T12:39:27.600+0000",
        "2023-04-21T12:39:27.600+00:00",
        DateTimeFormat::OffsetWithoutColon,
    );
    check_date_time(
        "2023-04-21T14:39:27+0200",
        "2023-04-21T12:39:27+00:00",
        DateTimeFormat::OffsetWithoutColon,
    );
    check_date_time(
        "2023-04-21T09:09:27.6-0330",
        "2023-04-21T12:39:27.600+00:00",
        DateTimeFormat::OffsetWithoutColon,
    );
    let instant = chrono::DateTime::parse_from_rfc3339("2024-05-06T07:08:09Z")
        .map(|instant| instant.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    let built = DateTime::from_utc(instant, DateTimeFormat::OffsetWithoutColon);
    assert_eq!(built.as_str(), "2024-05-06T07:08:09.000+0000");
    assert_eq!(built.as_str().parse::<DateTime>().ok(), Some(built));
}

#[test]
fn date_times_built_from_an_instant_use_the_requested_format() {
    let instant = chrono::DateTime::parse_from_rfc3339("2024-05-06T07:08:09Z")
        .map(|instant| instant.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    let space_separated = DateTime::from_utc(instant, DateTimeFormat::SpaceSeparated);
    let rfc_3339 = DateTime::from_utc(instant, DateTimeFormat::Rfc3339);
    assert_eq!(space_separated.as_str(), "2024-05-06 07:08:09");
    assert_eq!(rfc_3339.as_str(), "2024-05-06T07:08:09Z");
    assert_eq!(space_separated, rfc_3339);
}

#[test]
fn dates_and_date_times_reject_other_texts() {
    let date_time_errors =
        ["", "2024-01-31", "31.01.2024 12:30", "2024-01-31 25:00:00"].map(|text| {
            text.parse::<DateTime>()
                .err()
                .map(|error| error.to_string())
        });
    for error in &date_time_errors {
        let message = error.as_deref().unwrap_or("parsed");
        assert!(
            message.starts_with("expected a date-time as RFC 3339"),
            "{message}"
        );
    }
    assert_eq!(
        "2024-02-30"
            .parse::<Date>()
            .err()
            .map(|error| error.to_string())
            .as_deref(),
        Some("expected a date as YYYY-MM-DD, found \"2024-02-30\"")
    );
    let date: Option<Date> = serde_json::from_value(json!("2024-02-29")).ok();
    assert_eq!(
        date.map(|date| date.to_string()).as_deref(),
        Some("2024-02-29")
    );
}

/// A date-time that may be absent, and one that may not.
#[derive(Debug, serde::Deserialize)]
struct Picture {
    #[serde(default, with = "pipedrive::runtime::serde::empty_string_as_none")]
    update_time: Option<DateTime>,
    add_time: DateTime,
}

/// Decodes a `Picture` the way the client does, naming the failing field.
fn decode_picture(input: Value) -> Result<Picture, String> {
    serde_path_to_error::deserialize(input)
        .map_err(|error| format!("{}: {}", error.path(), error.inner()))
}

#[test]
fn zero_dates_read_as_absent_where_a_date_may_be_absent() {
    for zero in ["0000-00-00 00:00:00", "0000-00-00", "0000-00-00T00:00:00Z"] {
        let picture =
            decode_picture(json!({"update_time": zero, "add_time": "2020-09-08 08:17:52"}));
        assert_eq!(
            picture.map(|picture| (picture.update_time, picture.add_time.to_string())),
            Ok((None, "2020-09-08 08:17:52".to_owned())),
            "{zero}"
        );
    }
    let date: Result<Optional, _> = serde_json::from_value(json!({"close_date": "0000-00-00"}));
    assert_eq!(date.ok().and_then(|optional| optional.close_date), None);
    // A type that reads the text keeps it: nothing is dropped that decodes.
    #[derive(serde::Deserialize)]
    struct Text {
        #[serde(default, with = "pipedrive::runtime::serde::empty_string_as_none")]
        note: Option<String>,
    }
    let text: Result<Text, _> = serde_json::from_value(json!({"note": "0000-00-00"}));
    assert_eq!(
        text.ok().and_then(|text| text.note).as_deref(),
        Some("0000-00-00")
    );
    // A date that only starts like a zero date is an error, as before.
    let almost = decode_picture(
        json!({"update_time": "0000-00-00 00:00:01", "add_time": "2020-09-08 08:17:52"}),
    );
    assert!(
        almost
            .as_ref()
            .err()
            .is_some_and(|message| message.starts_with("update_time: expected a date-time")),
        "{almost:?}"
    );
}

#[test]
fn a_zero_date_in_a_required_field_is_an_error_naming_the_field() {
    let picture = decode_picture(json!({"add_time": "0000-00-00 00:00:00"}));
    assert_eq!(
        picture.err().as_deref(),
        Some(
            "add_time: expected a date-time as RFC 3339 (2024-01-31T12:30:00Z), with a +HHMM offset or as YYYY-MM-DD HH:MM:SS, found \"0000-00-00 00:00:00\": a zero date names no day, and reads as absent only where the field may be absent"
        )
    );
    let error = "0000-00-00".parse::<Date>().err();
    assert_eq!(error.as_ref().map(|error| error.is_zero_date()), Some(true));
    let error = "2024-02-30".parse::<Date>().err();
    assert_eq!(
        error.as_ref().map(|error| error.is_zero_date()),
        Some(false)
    );
}

#[test]
fn a_generated_model_reads_a_zero_date_as_absent() {
    // Pipedrive's own example of a person's picture.
    let picture: Result<pipedrive::models::PictureDataWithId, _> = serde_json::from_value(json!({
        "item_type": "person",
        "item_id": 25,
        "add_time": "2020-09-08 08:17:52",
        "update_time": "0000-00-00 00:00:00",
        "value": 4
    }));
    let picture = picture.map_err(|error| error.to_string());
    assert_eq!(
        picture
            .as_ref()
            .map(|picture| (picture.update_time.is_none(), picture.add_time.is_some())),
        Ok((true, true)),
        "{picture:?}"
    );
}

#[test]
fn numbers_round_trip_exactly() {
    let text = "0.46052632135780236";
    let number: Result<f64, _> = serde_json::from_str(text);
    assert_eq!(
        number
            .ok()
            .and_then(|number| serde_json::to_string(&number).ok())
            .as_deref(),
        Some(text)
    );
    let value: Result<Value, _> = serde_json::from_str(text);
    assert_eq!(
        value.ok().map(|value| value.to_string()).as_deref(),
        Some(text)
    );
    // Through a generated model with an `f64` field and its custom fields.
    let key = "0123456789abcdef0123456789abcdef01234567";
    let product =
        format!(r#"{{"id":7,"name":"Cable","tax":53.5346162146776,"{key}":0.46052632135780236}}"#);
    let decoded: Result<pipedrive::models::Product, _> = serde_json::from_str(&product);
    let written = decoded
        .map_err(|error| error.to_string())
        .and_then(|decoded| serde_json::to_string(&decoded).map_err(|error| error.to_string()));
    assert_eq!(written.as_deref(), Ok(product.as_str()));
}

#[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
struct Optional {
    #[serde(default, with = "pipedrive::runtime::serde::empty_string_as_none")]
    close_date: Option<Date>,
    #[serde(default, with = "pipedrive::runtime::serde::option_number_or_string")]
    count: Option<i64>,
}

/// Decodes `input` and checks the decoded value, then the re-serialized text.
fn check_optional(input: Value, expected: Optional, expected_written: Value) {
    let decoded: Result<Optional, _> = serde_json::from_value(input.clone());
    assert_eq!(
        decoded.as_ref().ok(),
        Some(&expected),
        "{input}: {decoded:?}"
    );
    assert_eq!(
        serde_json::to_value(&expected).ok(),
        Some(expected_written),
        "{input}"
    );
}

#[test]
fn empty_strings_nulls_and_absent_keys_read_as_intended() {
    check_optional(
        json!({"close_date": "", "count": ""}),
        Optional {
            close_date: None,
            count: None,
        },
        json!({"close_date": null, "count": null}),
    );
    check_optional(
        json!({}),
        Optional {
            close_date: None,
            count: None,
        },
        json!({"close_date": null, "count": null}),
    );
    check_optional(
        json!({"close_date": "2024-12-24", "count": "12"}),
        Optional {
            close_date: Date::from_ymd(2024, 12, 24),
            count: Some(12),
        },
        json!({"close_date": "2024-12-24", "count": 12}),
    );
    let bad_count: Result<Optional, _> = serde_json::from_value(json!({"count": "twelve"}));
    let message = bad_count
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert!(
        message.starts_with("expected a number, found \"twelve\""),
        "{message}"
    );
}

#[test]
fn flags_accept_every_spelling_and_write_back_the_one_they_read() {
    let cases = [
        (json!(true), true),
        (json!(false), false),
        (json!(1), true),
        (json!(0), false),
        (json!("1"), true),
        (json!("0"), false),
        (json!("true"), true),
        (json!("false"), false),
    ];
    for (input, expected) in cases {
        let flag: Option<Flag> = serde_json::from_value(input.clone()).ok();
        assert_eq!(flag.map(Flag::value), Some(expected), "{input}");
        assert_eq!(
            flag.and_then(|flag| serde_json::to_value(flag).ok()),
            Some(input.clone())
        );
    }
    for rejected in [json!(2), json!("yes"), json!(null)] {
        assert!(
            serde_json::from_value::<Flag>(rejected.clone()).is_err(),
            "{rejected}"
        );
    }
    assert_eq!(serde_json::to_value(Flag::from(false)).ok(), Some(json!(0)));
}

/// The error message without serde_json's position, which a buffered value
/// does not have.
fn without_position(error: serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

#[test]
fn lenient_readers_read_text_as_they_read_a_buffered_value() {
    // The readers work on the value as it arrives, without buffering it;
    // this is what they did when they buffered it first.
    let inputs = [
        json!(""),
        json!("  "),
        json!("12"),
        json!(" 12 "),
        json!("twelve"),
        json!(12),
        json!(-3),
        json!(12.5),
        json!(18_446_744_073_709_551_615u64),
        json!(true),
        json!(null),
        json!([1]),
        json!({"a": 1}),
        json!("2024-12-24"),
        json!("0000-00-00"),
        json!(20241224),
    ];
    for input in inputs {
        for key in ["close_date", "count"] {
            let wire = json!({ key: input.clone() });
            let buffered =
                serde_json::from_value::<Optional>(wire.clone()).map_err(without_position);
            let streamed =
                serde_json::from_str::<Optional>(&wire.to_string()).map_err(without_position);
            assert_eq!(streamed, buffered, "{wire}");
        }
    }
    let error = serde_json::from_str::<Optional>(r#"{"count": [1]}"#)
        .err()
        .map(without_position);
    assert_eq!(
        error.as_deref(),
        Some("invalid type: sequence, expected i64")
    );
}
