//! Contract tests: every operation of `spec/pipedrive.yaml`, called through the
//! generated client against Prism, a mock server that rejects any request that
//! breaks the spec. This file checks against the spec's own examples;
//! `contract/generated_data.rs` against data Prism makes up from the schemas,
//! and `contract/official.rs` against Pipedrive's official spec. One Prism
//! serves one test (one per seed for generated data), so that the guard's
//! `Drop` stops it even when a check fails; failures are collected and
//! reported together at the end.

#![allow(
    deprecated,
    reason = "the contract tests call every v1 operation, the deprecated ones included, as long as the crate offers them"
)]

#[path = "contract/generated_data.rs"]
mod generated_data;
#[path = "contract/official.rs"]
mod official;
mod support;

use std::collections::BTreeSet;
use std::time::Instant;

use pipedrive::models::{
    BasicDealStatus, DealStatusFilterParameter, ErrorResponse, NewDeal, VisibleTo,
};
use pipedrive::runtime::{Credential, Request};
use pipedrive::{ApiError, Client, Error};

use support::deal_calls::{
    call_every_deal_operation, check_listed_deal_keeps_custom_fields, custom_fields,
};
use support::prism::Prism;
use support::product_calls::call_every_product_operation;
use support::spec;
use support::tally::{Clients, Tally, VIOLATIONS_HEADER};

/// The API token the clients send. Prism accepts any value; the error checks
/// look for it in messages, where it must never appear.
pub(crate) const TOKEN: &str = "contract-test-token-3f9a1c";

/// Places where Prism finds that a response example of the spec breaks the
/// spec's own schema. These are not request failures (the request passed and
/// the response decoded), but each is a spec problem to fix; the list is
/// empty and must stay so.
const KNOWN_RESPONSE_VIOLATIONS: [&str; 0] = [];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_passes_prism_validation_and_decodes() {
    let started = Instant::now();
    let mut prism = Prism::start(&spec::seed_spec(), &[]);
    let prism_ready = started.elapsed();
    let base_url = prism.base_url();
    let clients = clients_for(&base_url);

    let mut tally = Tally::default();
    call_every_deal_operation(&clients, &mut tally).await;
    call_every_product_operation(&clients, &mut tally).await;
    check_listed_deal_keeps_custom_fields(&clients, &mut tally).await;
    let mut error_path_failures = Vec::new();
    check_error_paths(&base_url, &clients, &mut error_path_failures).await;

    let spec_operations = spec::operation_ids(&spec::seed_spec());
    let called = tally.called_operations();
    let passed = tally.passed_operations();
    let missing: Vec<&String> = spec_operations.difference(&called).collect();
    let unknown: Vec<&String> = called.difference(&spec_operations).collect();
    let passed_in_spec = spec_operations.intersection(&passed).count();
    println!(
        "contract: {passed_in_spec}/{} operations ({} calls, Prism ready after {:.1} s, total {:.1} s)",
        spec_operations.len(),
        tally.call_count(),
        prism_ready.as_secs_f64(),
        started.elapsed().as_secs_f64(),
    );

    let mut report = Vec::new();
    if !missing.is_empty() {
        report.push(format!("operations never called: {missing:?}"));
    }
    if !unknown.is_empty() {
        report.push(format!(
            "operations called that the spec lacks: {unknown:?}"
        ));
    }
    report.extend(tally.failures().iter().cloned());
    let known: BTreeSet<String> = KNOWN_RESPONSE_VIOLATIONS
        .iter()
        .map(|known| (*known).to_owned())
        .collect();
    for new_violation in tally.response_violations().difference(&known) {
        report.push(format!(
            "the spec's example breaks its own schema (Prism's response validation): {new_violation}"
        ));
    }
    for fixed in known.difference(tally.response_violations()) {
        report.push(format!(
            "a known response violation is gone, remove it from KNOWN_RESPONSE_VIOLATIONS: {fixed}"
        ));
    }
    report.extend(error_path_failures);
    if let Some(status) = prism.exit_status() {
        report.push(format!("Prism exited during the run with {status}"));
    }
    assert!(
        report.is_empty(),
        "{} contract problem(s):\n  - {}\n\nPrism log (last lines):\n{}",
        report.len(),
        report.join("\n  - "),
        prism.log_tail(40),
    );
}

/// A client of the mock server at `base_url`.
/// One client per way of sending the token (header, query, bearer), all
/// against `base_url`.
pub(crate) fn clients_for(base_url: &str) -> Clients {
    Clients {
        header: build_client(
            base_url,
            Client::builder().credential(pipedrive::auth::api_key(TOKEN)),
        ),
        query: build_client(
            base_url,
            Client::builder().credential(pipedrive::auth::api_token(TOKEN)),
        ),
        bearer: build_client(
            base_url,
            Client::builder().credential(pipedrive::auth::oauth2(TOKEN)),
        ),
    }
}

pub(crate) fn build_client(base_url: &str, builder: pipedrive::ClientBuilder) -> Client {
    builder
        .base_url(base_url)
        .build()
        .unwrap_or_else(|error| panic!("the test client does not build: {error}"))
}

/// Requests that Prism must reject, and how each rejection must come back
/// through the client.
async fn check_error_paths(base_url: &str, clients: &Clients, failures: &mut Vec<String>) {
    // A parameter out of its range, through the generated builder: Prism
    // answers with the spec's 400 example, which the generated code decodes
    // as the declared error type `ErrorResponse`.
    let result = clients.query.v1().deals().get_deals().limit(0).send().await;
    check_validation_error(
        "getDeals with limit=0 (api_token query credential)",
        result,
        "limit",
        failures,
    );

    // A body that breaks its schema: an enum value the spec does not list.
    let body = title_only_deal()
        .set_status(BasicDealStatus::from("archived"))
        .set_visible_to(VisibleTo::from("9"))
        .set_additional_properties(custom_fields());
    let result = clients.header.v1().deals().add_deal(body).send().await;
    check_validation_error(
        "addDeal with unknown enum values",
        result,
        "status",
        failures,
    );

    let result = clients
        .header
        .v1()
        .deals()
        .get_deals()
        .status(DealStatusFilterParameter::from("archived"))
        .send()
        .await;
    check_validation_error(
        "getDeals with an unknown status",
        result,
        "status",
        failures,
    );

    // A parameter of the wrong type, sent raw through the runtime.
    let mut request = Request::new(http::Method::GET, "/deals", "/deals");
    request.operation_id("getDeals");
    request.query("limit", "many");
    let result = execute_raw(&clients.header, request).await;
    check_validation_error("raw getDeals with limit=many", result, "limit", failures);

    // A required parameter left out, sent raw through the runtime.
    let mut request = Request::new(http::Method::GET, "/deals/timeline", "/deals/timeline");
    request.operation_id("getDealsTimeline");
    request.query("interval", "month");
    let result = execute_raw(&clients.header, request).await;
    check_validation_error(
        "raw getDealsTimeline without start_date",
        result,
        "start_date",
        failures,
    );

    // A path the spec does not have: Prism answers 404 with a problem+json
    // body that is not an `ErrorResponse`, so the decoded body is absent and
    // the raw body is kept.
    let request = Request::new(http::Method::GET, "/deals/{id}/nothing", "/deals/1/nothing");
    let result = execute_raw(&clients.header, request).await;
    check_problem_json_not_found(result, failures);

    // No credential at all, and a credential in a place the spec does not
    // accept (a cookie): both are 401, and the token must not leak.
    let anonymous = build_client(base_url, Client::builder());
    let result = anonymous.v1().deals().get_deals().send().await;
    check_unauthorized("no credential", result, failures);
    let cookie_client = build_client(
        base_url,
        Client::builder().credential(Credential::api_key_cookie("pipedrive_token", TOKEN)),
    );
    let result = cookie_client.v1().products().get_product(41).send().await;
    check_unauthorized("token in a cookie", result, failures);
}

/// Runs a hand-built request and turns any answer into the error the
/// generated code would make of it.
async fn execute_raw(client: &Client, request: Request) -> Result<(), Error> {
    let response = client.execute(request).await?;
    Err(response.api_error::<ErrorResponse>())
}

fn title_only_deal() -> NewDeal {
    serde_json::from_value(serde_json::json!({ "title": "Invalid on purpose" }))
        .unwrap_or_else(|error| panic!("a title-only NewDeal does not decode: {error}"))
}

/// A 400 from Prism's validation: `Error::Api`, the declared error body
/// decoded, and Prism's violation naming `field`. No message may contain the
/// token.
fn check_validation_error<T: std::fmt::Debug>(
    label: &str,
    result: Result<T, Error>,
    field: &str,
    failures: &mut Vec<String>,
) {
    let error = match result {
        Err(Error::Api(api_error)) => api_error,
        other => {
            failures.push(format!("{label}: expected Error::Api, got {other:?}"));
            return;
        }
    };
    let mut problems = Vec::new();
    if error.status() != 400 {
        problems.push(format!("status {} instead of 400", error.status()));
    }
    match error.body::<ErrorResponse>() {
        Some(body) if !body.success && body.error.is_some() => {}
        Some(body) => problems.push(format!("unexpected error body {body:?}")),
        None => problems.push(format!(
            "the body did not decode as ErrorResponse: {}",
            String::from_utf8_lossy(error.raw_body())
        )),
    }
    if error.message().is_none() {
        problems.push("the error has no message".to_owned());
    }
    let violations = error
        .headers()
        .get(VIOLATIONS_HEADER)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default();
    if !violations.contains(field) {
        problems.push(format!(
            "Prism's violations do not name `{field}`: {violations:?}"
        ));
    }
    check_no_token(&error, &mut problems);
    if !problems.is_empty() {
        failures.push(format!("{label}: {}", problems.join("; ")));
    }
}

fn check_problem_json_not_found(result: Result<(), Error>, failures: &mut Vec<String>) {
    let label = "unknown path";
    let error = match result {
        Err(Error::Api(api_error)) => api_error,
        other => {
            failures.push(format!("{label}: expected Error::Api, got {other:?}"));
            return;
        }
    };
    let raw: serde_json::Value = serde_json::from_slice(error.raw_body()).unwrap_or_default();
    if error.status() != 404
        || error.body::<ErrorResponse>().is_some()
        || raw.get("status") != Some(&serde_json::json!(404))
        || raw.get("title").is_none()
    {
        failures.push(format!(
            "{label}: expected a 404 with a raw problem+json body and no decoded body, got {error:?}"
        ));
    }
}

fn check_unauthorized<T: std::fmt::Debug>(
    label: &str,
    result: Result<T, Error>,
    failures: &mut Vec<String>,
) {
    let error = match result {
        Err(Error::Api(api_error)) => api_error,
        other => {
            failures.push(format!(
                "401 with {label}: expected Error::Api, got {other:?}"
            ));
            return;
        }
    };
    let mut problems = Vec::new();
    if error.status() != 401 {
        problems.push(format!("status {} instead of 401", error.status()));
    }
    if error.body::<ErrorResponse>().is_none() {
        problems.push("the 401 body did not decode as ErrorResponse".to_owned());
    }
    check_no_token(&error, &mut problems);
    if !problems.is_empty() {
        failures.push(format!("401 with {label}: {}", problems.join("; ")));
    }
}

fn check_no_token(error: &ApiError, problems: &mut Vec<String>) {
    let display = error.to_string();
    let debug = format!("{error:?}");
    if display.contains(TOKEN) || debug.contains(TOKEN) {
        problems.push(format!(
            "the token leaks into the message: {display} / {debug}"
        ));
    }
}
