//! Fixture tests: one response fixture per operation
//! (`tests/fixtures/responses/<operationId>.json`, written for this project and
//! modeled on real Pipedrive responses), and one more per other shape an
//! operation's response is known to take (`<operationId>.<shape>.json`),
//! decodes into the operation's generated response type, and encoding the
//! decoded value gives the same JSON back.
//!
//! The comparison is exact (as `serde_json::Value`, so key order and number
//! spelling such as `20` against `20.0` do not matter) except for three
//! accepted differences, each a documented choice of the generated models
//! (see `accepted_difference`):
//!
//! 1. A key whose value is `null` may be absent after re-encoding: optional
//!    fields are `Option<T>` with `skip_serializing_if = "Option::is_none"`,
//!    so `null` and "absent" read the same and write as "absent".
//! 2. A date or date-time key (`*_time`, `*_date`, `last_edit`) whose value is
//!    `""` or a zero date (`0000-00-00 00:00:00`) may be absent after
//!    re-encoding: Pipedrive writes those for "no date", which
//!    `runtime::serde::empty_string_as_none` reads as `None`.
//! 3. A number written as a string (`"total_count": "3"`) may come back as
//!    that number: numeric fields read both forms
//!    (`runtime::serde::number_or_string`) and write numbers.
//!
//! None of them applies to custom fields (40-hex keys and their `_currency`
//! siblings): those must come back exactly, `null` included.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pipedrive::models;
use serde_json::Value;

/// Checks one fixture against a generated type.
type Check = fn(&Path) -> Result<(), String>;

/// Every fixture of a success response (named after its operation), and the
/// type the generated client decodes that response into.
const FIXTURES: [(&str, Check); 42] = [
    ("getDeals", check::<models::GetDeals>),
    ("addDeal", check::<models::GetAddedDeal>),
    ("deleteDeals", check::<models::DeleteMultipleDeals>),
    ("getDealsByName", check::<models::GetDealsByName>),
    ("searchDeals", check::<models::DealSearchResponse>),
    ("getDealsSummary", check::<models::GetDealsSummary>),
    ("getDealsTimeline", check::<models::GetDealsTimeline>),
    // Pipedrive's own example holds one period object instead of a list.
    (
        "getDealsTimeline.one-period",
        check::<models::GetDealsTimeline>,
    ),
    ("getDeal", check::<models::GetDeal>),
    ("updateDeal", check::<models::GetAddedDeal>),
    ("deleteDeal", check::<models::DeleteDeal>),
    (
        "getDealActivities",
        check::<models::DealListActivitiesResponse>,
    ),
    ("duplicateDeal", check::<models::GetDuplicatedDeal>),
    ("getDealFiles", check::<models::ListFilesResponse>),
    ("getDealUpdates", check::<models::DealFlowResponse>),
    ("getDealFollowers", check::<models::ListFollowersResponse>),
    ("addDealFollower", check::<models::AddedDealFollower>),
    ("deleteDealFollower", check::<models::DeleteDealFollower>),
    (
        "getDealMailMessages",
        check::<models::ListMailMessagesResponse>,
    ),
    ("mergeDeals", check::<models::GetMergedDeal>),
    ("getDealParticipants", check::<models::DealParticipants>),
    ("addDealParticipant", check::<models::PostDealParticipants>),
    (
        "deleteDealParticipant",
        check::<models::DeleteDealParticipant>,
    ),
    ("getDealUsers", check::<models::UserIDs>),
    ("getDealPersons", check::<models::ListPersonsResponse>),
    ("getDealProducts", check::<models::ListProductsResponse>),
    (
        "addDealProduct",
        check::<models::GetAddProductAttachementDetails>,
    ),
    (
        "updateDealProduct",
        check::<models::GetProductAttachementDetails>,
    ),
    ("deleteDealProduct", check::<models::DeleteDealProduct>),
    ("getProducts", check::<models::ProductsResponse>),
    ("addProduct", check::<models::ProductResponse>),
    (
        "findProductsByName",
        check::<models::FindProductsByNameResponse>,
    ),
    ("searchProducts", check::<models::ProductSearchResponse>),
    ("getProduct", check::<models::ProductResponse>),
    ("updateProduct", check::<models::ProductResponse>),
    ("deleteProduct", check::<models::DeleteProductResponse>),
    ("getProductDeals", check::<models::GetDeals>),
    ("getProductFiles", check::<models::ListFilesResponse>),
    (
        "getProductFollowers",
        check::<models::ListProductFollowersResponse>,
    ),
    ("addProductFollower", check::<models::NewFollowerResponse>),
    (
        "deleteProductFollower",
        check::<models::DeleteProductFollowerResponse>,
    ),
    ("getProductUsers", check::<models::UserIDs>),
];

#[test]
fn every_fixture_decodes_and_re_encodes_unchanged() {
    let failures: Vec<String> = FIXTURES
        .iter()
        .filter_map(|(operation_id, check)| {
            let path = fixture_path(operation_id);
            check(&path)
                .err()
                .map(|problem| format!("{operation_id}.json: {problem}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n  - {}",
        failures.len(),
        FIXTURES.len(),
        failures.join("\n  - ")
    );
}

#[test]
fn the_deals_timeline_reads_a_list_of_periods_and_a_single_period() {
    let decode = |name: &str| -> Result<models::GetDealsTimeline, String> {
        let path = fixture_path(name);
        let text = std::fs::read_to_string(&path).map_err(|error| error.to_string())?;
        serde_json::from_str(&text).map_err(|error| format!("{name}: {error}"))
    };
    match decode("getDealsTimeline").map(|timeline| timeline.data) {
        Ok(Some(models::DealsTimelinePeriods::GetDealsTimelineDataList(periods))) => {
            assert_eq!(periods.len(), 2);
        }
        other => panic!("expected a list of periods, got {other:?}"),
    }
    match decode("getDealsTimeline.one-period").map(|timeline| timeline.data) {
        Ok(Some(models::DealsTimelinePeriods::GetDealsTimelineData(period))) => {
            assert_eq!(
                period
                    .period_start
                    .map(|start| start.to_string())
                    .as_deref(),
                Some("2024-06-01 00:00:00")
            );
            assert_eq!(period.deals.map(|deals| deals.len()), Some(1));
        }
        other => panic!("expected one period, got {other:?}"),
    }
}

#[test]
fn every_fixture_file_has_a_row_and_every_row_a_file() {
    let rows: BTreeSet<String> = FIXTURES
        .iter()
        .map(|(operation_id, _)| format!("{operation_id}.json"))
        .collect();
    assert_eq!(rows.len(), FIXTURES.len(), "an operation has two rows");
    let directory = fixture_directory();
    let files: BTreeSet<String> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    let without_file: Vec<&String> = rows.difference(&files).collect();
    let without_row: Vec<&String> = files.difference(&rows).collect();
    assert!(
        without_file.is_empty() && without_row.is_empty(),
        "rows without a fixture: {without_file:?}; fixtures without a row: {without_row:?}"
    );
}

/// A model that keeps only `success` and a date-time, to show what the
/// comparison reports when a model loses data.
#[derive(serde::Deserialize, serde::Serialize)]
struct LossyEnvelope {
    success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    update_time: Option<String>,
}

#[test]
fn the_comparison_names_every_lost_or_changed_field() {
    let custom_field = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12";
    let cases: [(String, Option<&str>); 5] = [
        // Accepted: nothing lost.
        (
            r#"{"success": true, "update_time": "2024-01-01 10:00:00"}"#.to_owned(),
            None,
        ),
        // Accepted: `null` and absent read the same.
        (r#"{"success": true, "update_time": null}"#.to_owned(), None),
        // A field the model does not know is lost.
        (
            r#"{"success": true, "data": {"id": 1}}"#.to_owned(),
            Some(r#"/data: dropped (was {"id":1})"#),
        ),
        // A custom field is lost even when it is `null`.
        (
            format!(r#"{{"success": true, "{custom_field}": null}}"#),
            Some("dropped (was null)"),
        ),
        // A field the model does not know is lost, also when it looks like
        // a number written as a string.
        (
            r#"{"success": true, "total_count": "3"}"#.to_owned(),
            Some(r#"/total_count: dropped (was "3")"#),
        ),
    ];
    for (text, expected_problem) in cases {
        let outcome = check_text::<LossyEnvelope>(&text);
        match (expected_problem, outcome) {
            (None, Ok(())) => {}
            (Some(expected), Err(problem)) => assert!(
                problem.contains(expected),
                "{text}: expected a problem naming {expected:?}, got {problem}"
            ),
            (expected, outcome) => {
                panic!("{text}: expected {expected:?}, got {outcome:?}")
            }
        }
    }
}

fn fixture_directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/responses")
}

fn fixture_path(operation_id: &str) -> PathBuf {
    fixture_directory().join(format!("{operation_id}.json"))
}

/// Decodes the fixture at `path` as `T` (naming the field path on failure),
/// encodes it again, and compares the two (see `accepted_difference`).
fn check<T>(path: &Path) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))?;
    check_text::<T>(&text)
}

/// `check` for a fixture's text.
fn check_text<T>(text: &str) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let original: Value =
        serde_json::from_str(text).map_err(|error| format!("not JSON: {error}"))?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let decoded: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        format!(
            "does not decode into {} at {}: {}",
            std::any::type_name::<T>(),
            error.path(),
            error.inner()
        )
    })?;
    let re_encoded = serde_json::to_value(&decoded)
        .map_err(|error| format!("does not encode again: {error}"))?;
    let mut differences = Vec::new();
    compare(&original, &re_encoded, String::new(), &mut differences);
    if differences.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "re-encoding changes {} place(s):\n      {}",
            differences.len(),
            differences.join("\n      ")
        ))
    }
}

/// Whether a key of the fixture may be missing or changed after re-encoding
/// (the normalisations listed at the top of this file). `actual` is `None`
/// when the key was dropped.
fn accepted_difference(key: &str, expected: &Value, actual: Option<&Value>) -> bool {
    if is_custom_field_key(key) {
        return false;
    }
    match (expected, actual) {
        (Value::Null, None) => true,
        (Value::String(text), None) => (text.is_empty() || is_zero_date(text)) && is_date_key(key),
        (Value::String(text), Some(Value::Number(number))) => {
            text.parse::<f64>().ok() == number.as_f64()
        }
        _ => false,
    }
}

/// A custom field: 40 hexadecimal characters, or those and `_currency`.
fn is_custom_field_key(key: &str) -> bool {
    let hash = key.strip_suffix("_currency").unwrap_or(key);
    hash.len() == 40 && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// A date that names no day, as Pipedrive writes one that was never set.
fn is_zero_date(text: &str) -> bool {
    text == "0000-00-00" || text == "0000-00-00 00:00:00"
}

/// A key that holds a date or a date-time by Pipedrive's naming.
fn is_date_key(key: &str) -> bool {
    key.ends_with("_time") || key.ends_with("_date") || key == "last_edit"
}

/// Lists every JSON pointer where `expected` and `actual` differ.
fn compare(expected: &Value, actual: &Value, pointer: String, differences: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected_map), Value::Object(actual_map)) => {
            for (key, expected_value) in expected_map {
                let child = format!("{pointer}/{}", escape_pointer(key));
                match actual_map.get(key) {
                    Some(actual_value)
                        if accepted_difference(key, expected_value, Some(actual_value)) => {}
                    Some(actual_value) => compare(expected_value, actual_value, child, differences),
                    None if accepted_difference(key, expected_value, None) => {}
                    None => differences.push(format!("{child}: dropped (was {expected_value})")),
                }
            }
            for (key, actual_value) in actual_map {
                if !expected_map.contains_key(key) {
                    differences.push(format!(
                        "{pointer}/{}: added ({actual_value})",
                        escape_pointer(key)
                    ));
                }
            }
        }
        (Value::Array(expected_items), Value::Array(actual_items))
            if expected_items.len() == actual_items.len() =>
        {
            for (index, (expected_item, actual_item)) in
                expected_items.iter().zip(actual_items).enumerate()
            {
                compare(
                    expected_item,
                    actual_item,
                    format!("{pointer}/{index}"),
                    differences,
                );
            }
        }
        (Value::Number(expected_number), Value::Number(actual_number))
            if expected_number.as_f64() == actual_number.as_f64() => {}
        _ if expected == actual => {}
        _ => differences.push(format!("{pointer}: {expected} became {actual}")),
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
