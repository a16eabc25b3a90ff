//! v2's awkward cases, which Prism cannot be asked for (it answers with the
//! spec's first example, or makes data up): response fixtures in
//! `tests/fixtures/v2-responses/`, written for this project after v2.md,
//! served by a local mock server and read through `client.v2()`.
//!
//! - `getDeals.last-page.json`: the last page of a cursor list
//!   (`next_cursor: null`), whose one deal has a null person and a null
//!   organization and custom fields of every kind, a cleared one included.
//! - `getProduct.custom-fields.json`: a product with the same custom fields.
//! - `convertDealToLead.404.json`: the 404 of both convert endpoints.
//!
//! And the error envelopes Pipedrive is known to send (the reference's
//! `operations.md` and README: `error` with `error_info`, `code`,
//! `errorCode`, or `message` alone), which neither official spec declares,
//! each read through a v2 operation.

use std::path::PathBuf;

use pipedrive::runtime::Error;
use pipedrive::v2::models::{CustomFieldValue, CustomFields, ErrorResponse, NewDeal, NewProduct};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::clients_for;

/// Each custom field of the fixtures, by hash, with the variant it must
/// decode into (`None` for a field cleared with `null`).
const EXPECTED_KINDS: [(&str, Option<&str>); 13] = [
    ("d4de1c1518b4531717c676029a45911c340390a6", Some("String")),
    ("9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f", Some("Money")),
    ("3f6a0c2e9b8d7a1f4e5c6b7a8d9e0f1a2b3c4d5e", Some("Number")),
    (
        "7b2e4d6f8a0c1e3a5b7d9f1c3e5a7b9d1f3a5c7e",
        Some("IntegerList"),
    ),
    ("0e4c8a2f6b1d5e9a3c7f0b4d8e2a6c1f5b9d3e7a", Some("Range")),
    ("5a9d3e7b1f4c8a2e6d0b5f9c3a7e1d4b8f2c6a0e", Some("Number")),
    ("b8f2c6a0e5a9d3e7b1f4c8a2e6d0b5f9c3a7e1d4", Some("String")),
    ("c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7f0b4d8e2a6", Some("Range")),
    ("a7e1d4b8f2c6a0e5a9d3e7b1f4c8a2e6d0b5f9c3", Some("Time")),
    ("f0b4d8e2a6c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7", Some("Address")),
    ("2f6b1d5e9a3c7f0b4d8e2a6c1f5b9d3e7a0e4c8a", Some("Option")),
    (
        "4d8e2a6c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7f0b",
        Some("OptionList"),
    ),
    ("e2a6c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7f0b4d8", None),
];

fn fixture(name: &str) -> Vec<u8> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v2-responses")
        .join(name);
    std::fs::read(&file).unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()))
}

/// Serves `fixture` with `status` for `method_name path_text`.
async fn serve(server: &MockServer, method_name: &str, path_text: &str, status: u16, name: &str) {
    Mock::given(method(method_name))
        .and(path(path_text))
        .respond_with(ResponseTemplate::new(status).set_body_raw(fixture(name), "application/json"))
        .mount(server)
        .await;
}

/// The name of the variant a custom-field value decoded into.
fn kind(value: &CustomFieldValue) -> &'static str {
    match value {
        CustomFieldValue::CustomFieldRange(_) => "Range",
        CustomFieldValue::CustomFieldOption(_) => "Option",
        CustomFieldValue::CustomFieldMoney(_) => "Money",
        CustomFieldValue::CustomFieldTime(_) => "Time",
        CustomFieldValue::CustomFieldAddress(_) => "Address",
        CustomFieldValue::IntegerList(_) => "IntegerList",
        CustomFieldValue::CustomFieldOptionList(_) => "OptionList",
        CustomFieldValue::Number(_) => "Number",
        CustomFieldValue::String(_) => "String",
        _ => "a variant this test does not know",
    }
}

/// Checks that every custom field decoded into its expected kind, and that
/// the money value is readable as a number and a currency.
fn check_custom_fields(label: &str, fields: Option<&CustomFields>, failures: &mut Vec<String>) {
    let Some(fields) = fields else {
        failures.push(format!("{label}: no custom_fields"));
        return;
    };
    if fields.len() != EXPECTED_KINDS.len() {
        failures.push(format!(
            "{label}: {} custom fields instead of {}",
            fields.len(),
            EXPECTED_KINDS.len()
        ));
    }
    for (hash, expected) in EXPECTED_KINDS {
        let actual = match fields.get(hash) {
            None => {
                failures.push(format!("{label}: custom field {hash} is missing"));
                continue;
            }
            Some(value) => value.as_ref().map(kind),
        };
        if actual != expected {
            failures.push(format!(
                "{label}: custom field {hash} decoded as {actual:?} instead of {expected:?}"
            ));
        }
    }
    match fields.get("9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f") {
        Some(Some(CustomFieldValue::CustomFieldMoney(money)))
            if money.value == 2500.0 && money.currency == "EUR" => {}
        other => failures.push(format!("{label}: the money field reads {other:?}")),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_awkward_responses_decode_through_the_client() {
    let server = MockServer::start().await;
    serve(&server, "GET", "/deals", 200, "getDeals.last-page.json").await;
    serve(
        &server,
        "GET",
        "/products/41",
        200,
        "getProduct.custom-fields.json",
    )
    .await;
    serve(
        &server,
        "POST",
        "/deals/1201/convert/lead",
        404,
        "convertDealToLead.404.json",
    )
    .await;
    let status_path = "/deals/1201/convert/status/5f0a2b1c-3d4e-4f60-8a7b-9c0d1e2f3a4b";
    serve(
        &server,
        "GET",
        status_path,
        404,
        "convertDealToLead.404.json",
    )
    .await;
    let clients = clients_for(&server.uri());
    let v2 = clients.header.v2();
    let mut failures = Vec::new();

    // The last page ends the stream: one page, one deal, no page limit.
    match v2
        .deals()
        .get_deals()
        .stream()
        .max_pages(2)
        .collect_all()
        .await
    {
        Ok(deals) if deals.len() == 1 => {
            let deal = &deals[0];
            if deal.person_id.is_some() || deal.org_id.is_some() {
                failures.push(format!(
                    "the null person and organization read as {:?} and {:?}",
                    deal.person_id, deal.org_id
                ));
            }
            check_custom_fields("getDeals", deal.custom_fields.as_ref(), &mut failures);
        }
        other => failures.push(format!(
            "getDeals stream over the last page: expected one deal, got {other:?}"
        )),
    }
    match v2.deals().get_deals().send().await {
        Ok(page)
            if page
                .additional_data
                .as_ref()
                .is_some_and(|data| data.next_cursor.is_none()) => {}
        other => failures.push(format!(
            "getDeals last page: expected no next cursor, got {other:?}"
        )),
    }

    match v2.products().get_product(41).send().await {
        Ok(response) => match response.data {
            Some(product) => {
                check_custom_fields("getProduct", product.custom_fields.as_ref(), &mut failures)
            }
            None => failures.push("getProduct: no data".to_owned()),
        },
        Err(error) => failures.push(format!("getProduct: {error}")),
    }

    let results = [
        (
            "convertDealToLead",
            v2.deals().convert_deal_to_lead(1201).send().await.map(drop),
        ),
        (
            "getDealConversionStatus",
            v2.deals()
                .get_deal_conversion_status(1201, "5f0a2b1c-3d4e-4f60-8a7b-9c0d1e2f3a4b")
                .send()
                .await
                .map(drop),
        ),
    ];
    for (operation, result) in results {
        match result {
            Err(Error::Api(error))
                if error.status() == 404
                    && error
                        .body::<ErrorResponse>()
                        .is_some_and(|body| body.error.as_deref() == Some("Deal not found")) => {}
            other => failures.push(format!(
                "{operation}: expected a 404 with the decoded error body, got {other:?}"
            )),
        }
    }

    assert!(
        failures.is_empty(),
        "{} problem(s) with v2's awkward responses:\n  - {}",
        failures.len(),
        failures.join("\n  - ")
    );
}

/// What one error envelope must decode into.
struct ExpectedError {
    operation: &'static str,
    status: u16,
    /// The message the error reports (`error`, else `message`).
    message: &'static str,
    code: Option<&'static str>,
    error_code: Option<i64>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_error_envelopes_decode_through_the_client_with_their_message() {
    let server = MockServer::start().await;
    let envelopes = [
        (
            "POST",
            "/deals",
            400,
            serde_json::json!({
                "success": false,
                "error": "Validation failed: title: Required",
                "code": "ERR_SCHEMA_VALIDATION_FAILED",
                "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
                "data": null,
                "additional_data": null
            }),
        ),
        (
            "GET",
            "/deals",
            401,
            serde_json::json!({
                "success": false,
                "error": "unauthorized access",
                "errorCode": 401,
                "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
                "data": null,
                "additional_data": null
            }),
        ),
        (
            "DELETE",
            "/deals/7",
            403,
            serde_json::json!({"success": false, "message": "Forbidden"}),
        ),
        (
            "POST",
            "/products",
            403,
            serde_json::json!({
                "success": false,
                "error": "You have reached the limit of open deals for your plan.",
                "code": "feature_capping_deals_limit",
                "data": null,
                "additional_data": null
            }),
        ),
    ];
    for (method_name, path_text, status, body) in envelopes {
        Mock::given(method(method_name))
            .and(path(path_text))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .mount(&server)
            .await;
    }
    let clients = clients_for(&server.uri());
    let v2 = clients.header.v2();
    let results = [
        v2.deals().add_deal(NewDeal::new("")).send().await.map(drop),
        v2.deals().get_deals().send().await.map(drop),
        v2.deals().delete_deal(7).send().await.map(drop),
        v2.products()
            .add_product(NewProduct::new("Desk"))
            .send()
            .await
            .map(drop),
    ];
    let expected = [
        ExpectedError {
            operation: "addDeal",
            status: 400,
            message: "Validation failed: title: Required",
            code: Some("ERR_SCHEMA_VALIDATION_FAILED"),
            error_code: None,
        },
        ExpectedError {
            operation: "getDeals",
            status: 401,
            message: "unauthorized access",
            code: None,
            error_code: Some(401),
        },
        ExpectedError {
            operation: "deleteDeal",
            status: 403,
            message: "Forbidden",
            code: None,
            error_code: None,
        },
        ExpectedError {
            operation: "addProduct",
            status: 403,
            message: "You have reached the limit of open deals for your plan.",
            code: Some("feature_capping_deals_limit"),
            error_code: None,
        },
    ];
    let mut failures = Vec::new();
    for (result, expect) in results.into_iter().zip(expected) {
        let operation = expect.operation;
        let error = match result {
            Err(Error::Api(error)) => error,
            other => {
                failures.push(format!("{operation}: expected an API error, got {other:?}"));
                continue;
            }
        };
        let body = error.body::<ErrorResponse>();
        let decoded = body.map(|body| (body.success, body.code.as_deref(), body.error_code));
        if error.status() != expect.status
            || error.message().as_deref() != Some(expect.message)
            || decoded != Some((false, expect.code, expect.error_code))
        {
            failures.push(format!(
                "{operation}: status {}, message {:?}, body (success, code, errorCode) {decoded:?}",
                error.status(),
                error.message()
            ));
        }
        if !error.to_string().contains(expect.message) {
            failures.push(format!("{operation}: the error reads {error}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} error envelope(s) lost something:\n  - {}",
        failures.len(),
        failures.join("\n  - ")
    );
}
